"""A tiny app that shows ONE step widget: for snapshots of each step kind and for tests of one widget.

No journal, no program, no home screen, no day around it: the widget ``step_view`` makes for a step and a
saved value, in the day's column, with the app's own stylesheets and theme, focused as a day focuses it.
It starts in a fraction of the time the whole app takes. The day's frame (header, step count, progress
bar, save line, footer) is in the few whole-app snapshots of ``tests/test_tui_snapshots.py``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from textual import events
from textual.app import App, ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

import workshop.tui
from tests.tui_helpers import FrozenMonotonic
from workshop.answers import Answer, Value
from workshop.content.models import Program, RecapStep, Step
from workshop.flow.day import RecapItem, recap_items
from workshop.tui.cursor import hold_still
from workshop.tui.themes import WORKSHOP_THEMES
from workshop.tui.widgets.base import StepView
from workshop.tui.widgets.steps import step_view
from workshop.ui_text import plain

TUI = Path(workshop.tui.__file__).resolve().parent
WHEN = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


class StepHarness(App[None]):
    """Shows ``step`` with ``value``; ``changes`` collects the answer each time the widget reports one."""

    CSS_PATH = [TUI / "workshop.tcss", TUI / "screens" / "day.tcss"]  # noqa: RUF012 - Textual's convention

    def __init__(
        self,
        step: Step,
        value: Value | None = None,
        *,
        recap: list[RecapItem] | None = None,
        theme: str = WORKSHOP_THEMES[0].name,
    ) -> None:
        super().__init__()
        self.step = step
        self.value = value
        self.recap = recap
        self.theme_name = theme
        self.monotonic = FrozenMonotonic()
        self.changes: list[Value | None] = []
        self.animation_level = "none"
        self.title = f"{step.kind} step"  # what a snapshot's window is called

    def compose(self) -> ComposeResult:
        with Vertical(classes="column day-column"):
            yield Static(plain(self.step.title), classes="step-title")
            with VerticalScroll(id="step-body", classes="step-body"):
                yield step_view(self.step, self.value, recap_items=self.recap, clock=self.monotonic)

    def on_mount(self) -> None:
        for theme in WORKSHOP_THEMES:
            self.register_theme(theme)
        self.theme = self.theme_name
        self.screen.add_class("day-screen")
        field = self.view.first_field()
        self.screen.set_focus(field or self.query_one("#step-body"), scroll_visible=False)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # A steady cursor, as the app holds it with animations off (``WorkshopApp``): a blinking one is
        # hidden half of each second, and a snapshot taken late on a busy machine caught it hidden.
        hold_still(event.widget)

    @property
    def view(self) -> StepView:
        return self.query_one(StepView)

    def on_step_view_answer_changed(self, event: StepView.AnswerChanged) -> None:
        self.changes.append(self.view.value())


def harness_for(
    program: Program,
    step_id: str,
    value: Value | None = None,
    *,
    recap_answers: dict[str, Value] | None = None,
    theme: str = WORKSHOP_THEMES[0].name,
) -> StepHarness:
    """The harness on ``step_id`` of ``program``; a recap shows ``recap_answers`` as its earlier answers."""
    found = program.find_step(step_id)
    assert found is not None, step_id
    _module, step = found
    recap = None
    if isinstance(step, RecapStep):
        recap = recap_items(program, FixedAnswers(recap_answers or {}), step)
    return StepHarness(step, value, recap=recap, theme=theme)


class FixedAnswers:
    """Earlier answers for a recap, without a journal."""

    def __init__(self, answers: dict[str, Value]) -> None:
        self.answers = answers
        self.position: tuple[str, str] | None = None

    def answer(self, step_id: str) -> Answer | None:
        value = self.answers.get(step_id)
        return None if value is None else Answer(step_id, value, WHEN, WHEN)

    def done_steps(self, module_id: str) -> frozenset[str]:
        return frozenset()
