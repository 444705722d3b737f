"""A calm horizontal scale: one row of numbers; arrows, number keys ("1" then "0" for 10) or a click.

The chosen point is in brackets as well as reversed, so it reads without colour, in monochrome and on a
braille display.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from workshop.flow.answering import NUMBER_PAUSE, scale_number

CELL = 5  # each point takes five columns: " 10  " fits the widest label with air around it


class ScaleInput(Widget, can_focus=True):
    """Points ``low`` to ``high``; ``value`` is None until the user chooses one."""

    DEFAULT_CSS = """
    ScaleInput { height: 1; width: auto; }
    """
    BINDINGS = [  # noqa: RUF012
        Binding("left", "move(-1)", "Lower", show=False, id="scale.lower"),
        Binding("right", "move(1)", "Higher", show=False, id="scale.higher"),
        Binding("home", "jump_to_end(False)", "Lowest", show=False, id="scale.lowest"),
        Binding("end", "jump_to_end(True)", "Highest", show=False, id="scale.highest"),
    ]

    value: reactive[int | None] = reactive(None)

    class Changed(Message):
        def __init__(self, scale: ScaleInput, value: int) -> None:
            super().__init__()
            self.scale = scale
            self.value = value

    def __init__(
        self,
        low: int,
        high: int,
        value: int | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.low = low
        self.high = high
        self.clock = clock
        self._last_digit: tuple[int, float] | None = None  # the number key just typed, and when
        self.set_reactive(ScaleInput.value, value)

    def get_content_width(self, container: object, viewport: object) -> int:
        return (self.high - self.low + 1) * CELL

    def render(self) -> Content:
        parts: list[str | tuple[str, str]] = []
        for point in range(self.low, self.high + 1):
            label = f"{point:^{CELL}}"
            if point == self.value:
                marked = f"[{point}]"
                label = f"{marked:^{CELL}}" if len(marked) <= CELL else label
                parts.append((label, "reverse bold" if self.has_focus else "reverse"))
            else:
                parts.append(label)
        return Content.assemble(*parts)

    def choose(self, point: int) -> None:
        point = max(self.low, min(self.high, point))
        if point != self.value:
            self.value = point
            self.post_message(self.Changed(self, point))

    def action_move(self, delta: int) -> None:
        start = self.value if self.value is not None else (self.low if delta > 0 else self.high + 1) - delta
        self.choose(start + delta)

    def action_jump_to_end(self, highest: bool) -> None:
        self.choose(self.high if highest else self.low)

    def on_key(self, event: events.Key) -> None:
        if event.character is None or not event.character.isdecimal():
            return
        event.stop()
        digit, now = int(event.character), self.clock()
        last = self._last_digit
        previous = last[0] if last is not None and now - last[1] <= NUMBER_PAUSE else None
        point = scale_number(self.low, self.high, digit, previous)
        # A digit that just made a two-digit number ends it: "1", "0", "5" is 10 then 5, never 105.
        made_two = previous is not None and point == previous * 10 + digit
        self._last_digit = None if made_two else (digit, now)
        if point is not None:
            self.choose(point)

    def on_click(self, event: events.Click) -> None:
        self.focus()
        self.choose(self.low + event.x // CELL)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
