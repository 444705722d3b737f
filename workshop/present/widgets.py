"""Widgets of facilitator mode: the slide, the countdown, the notes. Thin: they draw what they are given.

Every string reaches the screen as ``Content``/``Text`` (never markup), already cleaned by ``deck`` or,
for the notes window, cleaned again here because it came through a file.
"""

from __future__ import annotations

import textwrap

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult, RenderResult
from textual.containers import Center, Vertical, VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Digits, Markdown, Static

from workshop.present import strings
from workshop.present.bigtext import big_title
from workshop.present.deck import Slide
from workshop.present.sync import NotesState
from workshop.present.timer import Countdown, format_clock
from workshop.tui.safe import plain


class BigTitle(Widget):
    """A slide title in big letters when it fits the width, else in bold."""

    DEFAULT_CSS = """
    BigTitle { height: auto; width: 1fr; text-align: center; text-style: bold; }
    """

    def __init__(self, text: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = text

    def set_text(self, text: str) -> None:
        self._text = text
        self.refresh(layout=True)

    def _render_for(self, width: int) -> Text:
        big = big_title(self._text, width)
        return big if big is not None else Text(self._text, style="bold")

    def render(self) -> RenderResult:
        return self._render_for(self.content_region.width or self.size.width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        rendered = self._render_for(width)
        if rendered.no_wrap:
            return len(rendered.plain.splitlines())
        # The plain-text fallback wraps: count the lines it takes at this width.
        return len(rendered.wrap(self.app.console, max(1, width)))


class TimerBox(Vertical):
    """The big countdown and a word on its state. The box turns solid when time is up."""

    DEFAULT_CSS = """
    TimerBox { height: auto; width: auto; }
    """

    _label = ""

    def compose(self) -> ComposeResult:
        yield Digits("", id="timer-digits")
        yield Static("", id="timer-label")

    def show(self, timer: Countdown | None, cue: str | None = None) -> None:
        """Show ``timer`` (hide the box when None). ``cue`` replaces the state word (a breathing cue)."""
        self.display = timer is not None
        if timer is None:
            return
        digits = self.query_one("#timer-digits", Digits)
        text = format_clock(timer.remaining())
        if digits.value != text:
            digits.update(text)
        state = timer.state
        if state == "ended":
            over = timer.overrun()
            label = strings.TIMER_OVER.format(over=format_clock(over, round_up=False)) if over >= 1 else (
                strings.TIMER_ENDED
            )
        elif cue is not None:
            label = cue
        else:
            label = {"ready": strings.TIMER_READY, "running": strings.TIMER_RUNNING}.get(
                state, strings.TIMER_PAUSED
            )
        if label != self._label:
            self._label = label
            self.query_one("#timer-label", Static).update(plain(label))
        for name in ("ready", "running", "paused", "ended"):
            self.set_class(state == name, f"-{name}")


class SlideView(Vertical):
    """One slide for the room: title, passage or question, options, the countdown. Never an answer field.

    The countdown sits below the scrolling part, so a long passage never pushes it off the screen: the
    scrolling part may grow to the height of the slide less the countdown's rows, and the two are centred
    together.
    """

    TIMER_ROWS = 7
    """Rows the countdown takes: a border, three rows of digits, the state word, a blank line."""
    MEASURE = 72
    """The widest a block of text gets: a comfortable line length, even on a wide screen."""
    SIDE_SPACE = 9
    """Columns the slide's padding and scrollbar take."""

    _items: tuple[str, ...] = ()

    def compose(self) -> ComposeResult:
        # Textual aligns a container's children as one block, so each narrower block gets its own Center.
        with VerticalScroll(id="slide-scroll"):
            yield Static("", id="eyebrow")
            yield BigTitle(id="title")
            with Center():
                yield Static("", id="lead", classes="measure")
            with Center():
                yield Markdown("", id="body", classes="measure")
            with Center():
                yield Static("", id="question", classes="measure")
            with Center():
                yield Static("", id="items", classes="measure")
            with Center():
                yield Static("", id="detail", classes="measure")
            with Center():
                yield Static("", id="discussion", classes="measure")
        with Center(id="timer-row"):
            yield TimerBox(id="timer")

    def show(self, slide: Slide, timer: Countdown | None) -> None:
        """Replace what is on screen with ``slide``."""
        self._set("#eyebrow", slide.eyebrow)
        self.query_one("#title", BigTitle).set_text(slide.title)
        self._set("#lead", slide.lead)
        body = self.query_one("#body", Markdown)
        body.display = slide.body_markdown is not None
        body.update(slide.body_markdown or "")
        self._set("#question", slide.question)
        self._items = slide.items
        self._layout_items()
        self._set("#detail", slide.detail)
        discussion = strings.THEN_DISCUSS + slide.discussion if slide.discussion else None
        self._set("#discussion", discussion)
        self.set_class(slide.kind == "ground-rules", "-rules")
        self.set_class(slide.step_kind == "pause", "-pause")
        self.query_one(TimerBox).show(timer)
        self.query_one("#timer-row").display = timer is not None
        self._fit()
        self.query_one("#slide-scroll", VerticalScroll).scroll_home(animate=False)

    def on_resize(self) -> None:
        self._fit()
        self._layout_items()

    def _layout_items(self) -> None:
        """Bulleted options with a hanging indent, as a block centred under the question.

        Wrapped here, not by Textual, so the block can be as narrow as its longest line (centred) and
        still never wider than the screen.
        """
        widget = self.query_one("#items", Static)
        widget.display = bool(self._items)
        if not self._items:
            return
        available = max(20, min(self.MEASURE, self.size.width - self.SIDE_SPACE))
        lines: list[str] = []
        for item in self._items:
            lines += textwrap.wrap(item, available, initial_indent="•  ", subsequent_indent="   ") or ["•"]
        widget.styles.width = max(cell_len(line) for line in lines)
        widget.update(Content("\n".join(lines)))

    def _fit(self) -> None:
        reserved = self.TIMER_ROWS if self.query_one("#timer-row").display else 0
        self.query_one("#slide-scroll").styles.max_height = max(3, self.size.height - reserved)

    def _set(self, selector: str, text: str | None) -> None:
        widget = self.query_one(selector, Static)
        widget.display = bool(text)
        widget.update(plain(text or ""))


class NotesView(VerticalScroll):
    """The facilitator's view of the current slide: notes, discussion, next title, timer, elapsed."""

    def compose(self) -> ComposeResult:
        yield Static(plain(strings.NOTES_TITLE), id="notes-heading")
        yield Static("", id="notes-where")
        yield Static("", id="notes-status")
        yield Digits("", id="notes-timer")
        yield Static("", id="notes-body")
        yield Static("", id="notes-discussion")
        yield Static("", id="notes-hints")
        yield Static("", id="notes-next")

    def show(self, state: NotesState | None, *, waiting: str = "", stale: bool = False) -> None:
        """Show ``state``; with None, show ``waiting`` (how to start the presenter)."""
        where = self.query_one("#notes-where", Static)
        if state is None:
            where.update(plain(waiting))
            for name in ("#notes-status", "#notes-timer", "#notes-body", "#notes-discussion", "#notes-hints",
                         "#notes-next"):
                self.query_one(name).display = False
            return
        head = f"{state.number} / {state.count}   {state.title}"
        if state.eyebrow:
            head += f"\n{state.eyebrow}"
        if state.planned:
            head += f"  ·  plan {state.planned}"
        where.update(plain(head))
        status = [strings.NOTES_ELAPSED.format(elapsed=state.elapsed)]
        if state.timer_state:
            status.append(f"timer {state.timer_state}" + (f" +{state.overrun}" if state.overrun else ""))
        if state.blank:
            status.append(strings.NOTES_BLANKED)
        if stale:
            status.append(strings.NOTES_STALE)
        self._set("#notes-status", "   ·   ".join(status))
        self.query_one("#notes-status").set_class(stale, "-stale")
        timer = self.query_one("#notes-timer", Digits)
        timer.display = state.timer is not None
        if state.timer is not None and timer.value != _digits_only(state.timer):
            timer.update(_digits_only(state.timer))
        timer.set_class(state.timer_state == "ended", "-ended")
        self._set("#notes-body", state.notes or strings.NOTES_NONE)
        discussion = strings.NOTES_DISCUSSION + state.discussion if state.discussion else None
        self._set("#notes-discussion", discussion)
        self._set("#notes-hints", strings.NOTES_HINTS + " / ".join(state.hints) if state.hints else None)
        upcoming = strings.NOTES_NEXT + state.next_title if state.next_title else strings.NOTES_LAST
        self._set("#notes-next", upcoming)

    def _set(self, selector: str, text: str | None) -> None:
        widget = self.query_one(selector, Static)
        widget.display = bool(text)
        new = plain(text or "")
        if widget.content != new:
            widget.update(new)


def _digits_only(text: str) -> str:
    """Keep only what the Digits widget can draw (the value came through a file)."""
    return "".join(char for char in text if char in "0123456789:")
