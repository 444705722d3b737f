"""Steps answered in the user's own words: reading (no answer), prompt, recap and commitment (an if-then
plan)."""

from __future__ import annotations

import asyncio
import contextlib

from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Input, Label, Markdown, Static, TextArea

from workshop.answers import CommitmentValue, TextValue, Value
from workshop.content.models import CommitmentStep, PromptStep, ReadingStep, RecapStep
from workshop.flow.day import RecapItem
from workshop.flow.plans import date_note
from workshop.tui.widgets.base import StepView, hints, intro, question
from workshop.tui.widgets.field import Field
from workshop.tui.widgets.look_back import earlier_answers
from workshop.ui_text import plain

BUILD_LIMIT = 1.0
"""Seconds to wait, at most, for a reading to be built before its step counts as open."""


class ReadingView(StepView):
    """A short passage in Markdown (validated at load: no HTML, only http links)."""

    step: ReadingStep

    def __init__(self, step: ReadingStep, value: Value | None = None) -> None:
        super().__init__(step, value)
        self._built = asyncio.Event()

    def compose(self) -> ComposeResult:
        yield Markdown(self.step.body, classes="reading")

    def on_markdown_table_of_contents_updated(self) -> None:
        # Markdown says this once it has built every block of the passage, some time after it mounts.
        self._built.set()

    async def loaded(self) -> None:
        # Until then a long passage is still growing: End pressed at once stopped short of its end.
        screen = self.screen
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(BUILD_LIMIT):
                await self._built.wait()
            # And its blocks measured, so the step knows its height: the screen's next refresh. Unless the
            # screen is building the step as it mounts (a day that opens on a reading): it refreshes only
            # after that, so the wait cannot end, and returns at once (it held every such day back for
            # BUILD_LIMIT). ``asyncio.timeout``, not ``wait_for``: the wait must run in this task to see it.
            if screen.is_running:  # not already closing (the app ending meanwhile)
                async with asyncio.timeout(BUILD_LIMIT):
                    await screen.wait_for_refresh()


class WritingArea(TextArea):
    """A soft-wrapped text box for reflections: no line numbers, no syntax colours, tab moves focus."""

    def __init__(self, text: str, *, id: str | None = None) -> None:
        super().__init__(
            text,
            soft_wrap=True,
            show_line_numbers=False,
            tab_behavior="focus",
            id=id,
            classes="writing",
        )


class WritingView(StepView):
    """Shared by the steps answered in free text: the answer is what is in the writing area."""

    def writing_area(self) -> WritingArea:
        text = self.initial.text if isinstance(self.initial, TextValue) else ""
        return WritingArea(text, id="writing")

    def value(self) -> Value | None:
        return TextValue(self.query_one(WritingArea).text)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.changed()

    def first_field(self) -> Widget | None:
        area = self.query_one(WritingArea)
        area.move_cursor(area.document.end)  # ready to go on writing where the words end
        return area


class PromptView(WritingView):
    """One question and room to write."""

    step: PromptStep

    def compose(self) -> ComposeResult:
        yield intro(self.step.intro)
        yield question(self.step.question)
        yield self.writing_area()
        yield hints(self.step.hints)


class RecapView(WritingView):
    """The user's own earlier answers, read-only, then a question that draws them together.

    The earlier answers scroll in a box of their own (Shift+Tab reaches it; arrows and Page keys scroll
    it), so the question and the writing box below stay on screen, even at 80x24.
    """

    step: RecapStep

    def __init__(self, step: RecapStep, value: Value | None, items: list[RecapItem]) -> None:
        super().__init__(step, value)
        self.items = items

    def compose(self) -> ComposeResult:
        yield intro(self.step.intro)
        with VerticalScroll(classes="recap-items", id="recap-items"):
            yield from earlier_answers(self.items)
        yield question(self.step.question)
        yield self.writing_area()
        yield hints(self.step.hints)


class CommitmentView(StepView):
    """An if-then plan: the moment that sets it off, what I will do, and (optional) a date."""

    BINDINGS = [Binding("enter", "next_field", "Next field", show=False, priority=True)]  # noqa: RUF012

    step: CommitmentStep

    def compose(self) -> ComposeResult:
        initial = self.initial if isinstance(self.initial, CommitmentValue) else CommitmentValue()
        yield question(self.step.question)
        yield Label(plain(self.step.when_label), classes="field-label")
        yield Field(initial.when, placeholder="the moment, the place, the cue", id="when", max_length=500)
        yield Label(plain(self.step.action_label), classes="field-label")
        yield Field(initial.action, placeholder="one small, concrete action", id="action", max_length=2000)
        # A date typed in an earlier version of a step that no longer asks for one is still shown.
        show_date = self.step.ask_date or bool(initial.date)
        yield Label("On (a date for your calendar)", classes="field-label" if show_date else "hidden")
        date_field = Field(initial.date, placeholder="2026-12-04", id="date", max_length=40)
        date_field.display = show_date
        yield date_field
        note = Static(date_note(initial.date), id="date-note", classes="pick-count")
        note.display = show_date
        yield note
        yield hints(self.step.examples, title="Examples, if they help")

    def value(self) -> Value | None:
        return CommitmentValue(
            self.query_one("#action", Input).value,
            self.query_one("#when", Input).value,
            self.query_one("#date", Input).value,
        )

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.input.id == "date":
            self.query_one("#date-note", Static).update(date_note(event.value))
        self.changed()

    def action_next_field(self) -> None:
        # Enter moves from "when" to "I will" to the date, as in a paper form. A priority binding, so the
        # keys typed right after Enter go to the next field too (an Input's own Enter is handled after them).
        order = [self.query_one(f"#{name}", Input) for name in ("when", "action", "date")]
        order = [field for field in order if field.display]
        focused = self.screen.focused
        if focused not in order[:-1]:
            raise SkipAction()
        self.screen.set_focus(order[order.index(focused) + 1])
