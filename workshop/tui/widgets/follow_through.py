"""A follow-up's look back at the run's commitments: each plan, "did it happen?", and room to rewrite it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input, Label, RadioButton, RadioSet, Static

from workshop.answers import FollowThroughValue, Value
from workshop.content.models import FOLLOW_THROUGH_ANSWERS, FollowThroughStep
from workshop.flow.followups import CommitmentItem
from workshop.tui.widgets.base import StepView, hints, intro
from workshop.tui.widgets.field import Field
from workshop.ui_text import plain

NO_PLANS = (
    "There are no plans from the four days to look back at: no commitment was written. That is fine; "
    "move on with ctrl+n."
)


class FollowThroughView(StepView):
    """One block per commitment: where it was made, the plan as it stands, three answers and a line to
    rewrite it. Tab moves between them; arrows and Enter (or space) choose an answer."""

    step: FollowThroughStep

    def __init__(self, step: FollowThroughStep, value: Value | None, items: list[CommitmentItem]) -> None:
        super().__init__(step, value)
        self.items = items
        saved = value if isinstance(value, FollowThroughValue) else FollowThroughValue()
        self.happened = {item.step.id: saved.entry(item.step.id)[0] for item in items}
        self.revised = {item.step.id: saved.entry(item.step.id)[1] for item in items}

    def compose(self) -> ComposeResult:
        yield intro(self.step.intro)
        if not self.items:
            yield Static(NO_PLANS, classes="dim")
        for number, item in enumerate(self.items):
            where = f"{item.module.short_name} · {item.step.title}"
            yield Label(plain(where), classes="recap-title")
            yield Static(plain(item.current), classes="recap-answer")
            yield Label(plain(self.step.question), classes="field-label")
            with RadioSet(id=f"happened-{number}", classes="happened"):
                for key, words in FOLLOW_THROUGH_ANSWERS:
                    yield RadioButton(words, value=self.happened[item.step.id] == key, name=key)
            yield Label(plain(self.step.revise_label), classes="field-label")
            yield Field(
                self.revised[item.step.id],
                placeholder="(optional) when ..., I will ...",
                id=f"revised-{number}",
                max_length=2000,
            )
        yield hints(self.step.hints)

    def value(self) -> Value | None:
        return FollowThroughValue(
            steps=tuple(item.step.id for item in self.items),
            plans=tuple(item.current for item in self.items),
            happened=tuple(self.happened[item.step.id] for item in self.items),
            revised=tuple(self.revised[item.step.id] for item in self.items),
        )

    def _item_of(self, widget_id: str | None) -> CommitmentItem | None:
        number = (widget_id or "").rpartition("-")[2]
        return self.items[int(number)] if number.isdigit() and int(number) < len(self.items) else None

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        item = self._item_of(event.radio_set.id)
        if item is not None:
            self.happened[item.step.id] = event.pressed.name or ""
            self.changed()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        item = self._item_of(event.input.id)
        if item is not None:
            self.revised[item.step.id] = event.value
            self.changed()
