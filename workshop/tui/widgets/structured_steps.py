"""Steps with structure: a scale, a choice or checklist, a short list."""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, OptionList, Static

from workshop.answers import ChoicesValue, IntegerValue, ItemsValue, Value
from workshop.content.models import ChoiceStep, ListStep, ScaleStep
from workshop.flow.answering import list_note, pick_note, saved_choices, toggle_pick
from workshop.tui.widgets.base import StepView, question
from workshop.tui.widgets.choices import ChoiceList
from workshop.tui.widgets.field import Field
from workshop.tui.widgets.scale_input import ScaleInput
from workshop.ui_text import plain


class ScaleView(StepView):
    """An integer scale: arrows or the number keys pick a point; a click works too."""

    step: ScaleStep

    def __init__(
        self, step: ScaleStep, value: Value | None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__(step, value)
        self.clock = clock

    def compose(self) -> ComposeResult:
        yield question(self.step.question)
        chosen = self.initial.value if isinstance(self.initial, IntegerValue) else None
        with Vertical(classes="scale-box"):
            yield ScaleInput(self.step.low, self.step.high, chosen, clock=self.clock, id="scale")
            with Horizontal(classes="scale-ends"):
                yield Label(plain(f"{self.step.low} · {self.step.low_label}"), classes="scale-low")
                yield Label(plain(f"{self.step.high_label} · {self.step.high}"), classes="scale-high")
        two_digits = " (1 then 0 for 10)" if self.step.high >= 10 else ""
        yield Static(f"← → or a number key to choose{two_digits}", classes="dim")

    def value(self) -> Value | None:
        chosen = self.query_one(ScaleInput).value
        return IntegerValue(chosen) if chosen is not None else None

    def on_scale_input_changed(self, event: ScaleInput.Changed) -> None:
        event.stop()
        self.changed()


class ChoiceView(StepView):
    """Pick one option or several (a checklist), with an optional line of one's own."""

    step: ChoiceStep

    def __init__(self, step: ChoiceStep, value: Value | None = None) -> None:
        super().__init__(step, value)
        initial = saved_choices(step, value)
        self.picked = initial.picked
        self.initial_other = initial.other

    def compose(self) -> ComposeResult:
        yield question(self.step.question)
        yield ChoiceList(self.step.options, multiple=self.step.multiple, id="choices")
        if self.step.allow_other:
            yield Label("Something else, in your own words", classes="field-label")
            yield Field(self.initial_other, placeholder="(optional)", id="other", max_length=500)
        yield Static("", id="pick-count", classes="pick-count")

    def on_mount(self) -> None:
        self.query_one(ChoiceList).show(self.picked)
        self._show_count()

    def value(self) -> Value | None:
        other = self.query_one("#other", Input).value if self.step.allow_other else ""
        return ChoicesValue(self.picked, other)

    def pick(self, option: str) -> None:
        """Tick, untick or choose ``option``, as the flow's rule says."""
        self.picked = toggle_pick(self.step, self.picked, option)
        self.query_one(ChoiceList).show(self.picked)
        self._show_count()
        self.changed()

    def _show_count(self) -> None:
        value = self.value()
        assert isinstance(value, ChoicesValue)
        self.query_one("#pick-count", Static).update(pick_note(self.step, value))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.pick(event.option.id)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._show_count()
        self.changed()


class ItemsView(StepView):
    """Up to N short items, one per line. Enter moves to the next line."""

    BINDINGS = [Binding("enter", "next_item", "Next line", show=False, priority=True)]  # noqa: RUF012

    step: ListStep

    def compose(self) -> ComposeResult:
        yield question(self.step.question)
        items = self.initial.items if isinstance(self.initial, ItemsValue) else ()
        for index in range(self.step.max_items):
            text = items[index] if index < len(items) else ""
            yield Field(
                text,
                placeholder=(self.step.placeholder or "") if index == 0 else "",
                id=f"item-{index + 1}",
                classes="list-item",
                max_length=1000,
            )
        if self.step.min_items:  # a list that asks for none has no line here
            yield Static(list_note(self.step, ItemsValue(items)), id="list-note", classes="pick-count")

    def value(self) -> Value | None:
        return ItemsValue(tuple(field.value for field in self.query(Input)))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.step.min_items:
            value = self.value()
            assert isinstance(value, ItemsValue)
            self.query_one("#list-note", Static).update(list_note(self.step, value))
        self.changed()

    def action_next_item(self) -> None:
        # A priority binding, so the keys typed right after Enter land in the next line, not this one.
        fields = list(self.query(Input))
        focused = self.screen.focused
        if focused not in fields:
            raise SkipAction()
        index = fields.index(focused)
        if index + 1 < len(fields):
            self.screen.set_focus(fields[index + 1])
