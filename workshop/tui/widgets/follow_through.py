"""A follow-up's look back at the run's commitments: each plan, "did it happen?", and room to rewrite it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input, Label, OptionList, Static

from workshop.answers import FollowThroughValue, Value
from workshop.content.models import FOLLOW_THROUGH_ANSWERS, FollowThroughStep
from workshop.flow.followups import CommitmentItem
from workshop.tui.widgets.base import StepView, hints, intro
from workshop.tui.widgets.choices import ChoiceList
from workshop.tui.widgets.field import Field
from workshop.ui_text import plain

WORDS = dict(FOLLOW_THROUGH_ANSWERS)
"""``yes`` -> ``Yes``: the answers as shown."""
KEYS = {words: key for key, words in FOLLOW_THROUGH_ANSWERS}
NO_PLANS = (
    "There are no plans from the four days to look back at: no commitment was written. That is fine; "
    "move on with ctrl+n."
)


class FollowThroughView(StepView):
    """One block per commitment: where it was made, the plan as it stands, three answers and a line to
    rewrite it. Tab moves between them; arrows and Enter (or space) choose an answer, marked ``(•)`` so it
    reads without colour (``widgets/choices.py``)."""

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
            yield ChoiceList(list(WORDS.values()), multiple=False, id=f"happened-{number}")
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

    def on_mount(self) -> None:
        for number, item in enumerate(self.items):
            self._show(number, item)

    def _show(self, number: int, item: CommitmentItem) -> None:
        chosen = WORDS.get(self.happened[item.step.id])
        self.query_one(f"#happened-{number}", ChoiceList).show([chosen] if chosen else [])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        item = self._item_of(event.option_list.id)
        if item is None or event.option.id is None:
            return
        self.happened[item.step.id] = KEYS.get(event.option.id, "")
        self._show(self.items.index(item), item)
        self.changed()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        item = self._item_of(event.input.id)
        if item is not None:
            self.revised[item.step.id] = event.value
            self.changed()
