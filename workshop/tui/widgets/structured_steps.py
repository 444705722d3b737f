"""Steps with structure: a scale, a choice or checklist, a short list."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, RadioButton, RadioSet, SelectionList, Static
from textual.widgets.selection_list import Selection

from workshop.content.models import ChoiceStep, ListStep, ScaleStep
from workshop.progress.answers import ChoicesValue, IntegerValue, ItemsValue, Value
from workshop.tui.safe import plain
from workshop.tui.widgets.base import StepView, question
from workshop.tui.widgets.scale_input import ScaleInput


class ScaleView(StepView):
    """An integer scale: arrows or the number keys pick a point; a click works too."""

    step: ScaleStep

    def compose(self) -> ComposeResult:
        yield question(self.step.question)
        chosen = self.initial.value if isinstance(self.initial, IntegerValue) else None
        with Vertical(classes="scale-box"):
            yield ScaleInput(self.step.low, self.step.high, chosen, id="scale")
            with Horizontal(classes="scale-ends"):
                yield Label(plain(f"{self.step.low} · {self.step.low_label}"), classes="scale-low")
                yield Label(plain(f"{self.step.high_label} · {self.step.high}"), classes="scale-high")
        yield Static("← → or a number key to choose", classes="dim")

    def value(self) -> Value | None:
        chosen = self.query_one(ScaleInput).value
        return IntegerValue(chosen) if chosen is not None else None

    def on_scale_input_changed(self, event: ScaleInput.Changed) -> None:
        event.stop()
        self.changed()


class ChoiceView(StepView):
    """Pick one option (a radio list) or several (a checklist), with an optional line of one's own."""

    step: ChoiceStep

    def compose(self) -> ComposeResult:
        yield question(self.step.question)
        initial = self.initial if isinstance(self.initial, ChoicesValue) else ChoicesValue()
        if self.step.multiple:
            yield SelectionList[str](
                *(Selection(plain(option), option, option in initial.picked) for option in self.step.options),
                id="choices",
            )
        else:
            with RadioSet(id="choices"):
                for option in self.step.options:
                    yield RadioButton(plain(option), value=option in initial.picked, name=option)
        if self.step.allow_other:
            yield Label("Something else, in your own words", classes="field-label")
            yield Input(initial.other, placeholder="(optional)", id="other", max_length=500)
        yield Static("", id="pick-count", classes="pick-count")

    def on_mount(self) -> None:
        self._show_count()

    def value(self) -> Value | None:
        other = self.query_one("#other", Input).value if self.step.allow_other else ""
        if self.step.multiple:
            chosen = set(self.query_one(SelectionList).selected)
            picked = tuple(option for option in self.step.options if option in chosen)
        else:
            pressed = self.query_one(RadioSet).pressed_button
            picked = (pressed.name,) if pressed is not None and pressed.name else ()
        return ChoicesValue(picked, other)

    def _show_count(self) -> None:
        value = self.value()
        assert isinstance(value, ChoicesValue)
        count = len(value.picked) + (1 if value.other.strip() else 0)
        most = self.step.most_picks
        if not self.step.multiple:
            text = ""
        elif count > most:
            text = f"{count} picked: up to {most} is the invitation here. Which matter most?"
        else:
            text = f"{count} picked" + (f" (up to {most})" if most < len(self.step.options) else "")
        self.query_one("#pick-count", Static).update(text)

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        event.stop()
        self._show_count()
        self.changed()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        self.changed()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._show_count()
        self.changed()


class ItemsView(StepView):
    """Up to N short items, one per line. Enter moves to the next line."""

    step: ListStep

    def compose(self) -> ComposeResult:
        yield question(self.step.question)
        items = self.initial.items if isinstance(self.initial, ItemsValue) else ()
        for index in range(self.step.max_items):
            text = items[index] if index < len(items) else ""
            yield Input(
                text,
                placeholder=(self.step.placeholder or "") if index == 0 else "",
                id=f"item-{index + 1}",
                classes="list-item",
                max_length=1000,
            )

    def value(self) -> Value | None:
        return ItemsValue(tuple(field.value for field in self.query(Input)))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.changed()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.screen.focus_next()
