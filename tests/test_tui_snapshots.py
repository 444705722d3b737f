"""What the self-paced workshop looks like: every step kind, a day, home, review and support.

Each step kind is shown alone in a harness app (tests/step_harness.py: no journal, fast); the screens are
the whole app on the two-day sample program (tests/data/mini) with a frozen clock. The pictures change only
when the look does. Regenerate with ``pytest --snapshot-update`` and look at the diff.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.conftest import MINI_PROGRAM
from tests.expect import not_none
from tests.snapshot_types import RunBefore, SnapCompare
from tests.step_harness import StepHarness, harness_for
from tests.tui_helpers import build_app, frozen, settle, wait_for_journal, workshop_app
from workshop.answers import (
    ChoicesValue,
    CommitmentValue,
    IntegerValue,
    ItemsValue,
    RankedValue,
    RatingsValue,
    TextValue,
    Value,
)
from workshop.content.loader import load_program
from workshop.content.models import ChoiceStep, FeedbackQuestion, FeedbackStep, ListStep, Program

SMALL = (80, 24)
LARGE = (160, 48)
STEPS = ["welcome", "first-thought", "meaning-now", "signs", "five-things", "values", "breathe", "one-step"]
ANSWERS: dict[str, Value] = {
    "first-thought": TextValue("I wanted to feel useful again.\nAnd to sleep."),
    "meaning-now": IntegerValue(4),
    "values": RankedValue(("Craft", "Family", "Curiosity")),
    "one-step": CommitmentValue("Take a real lunch break", "Thursday"),
}


def snapshot_app(tmp_path: Path) -> Any:
    return build_app(load_program(MINI_PROGRAM), tmp_path / "data", clock=frozen)


def open_step(step_id: str, *, with_answers: bool = False) -> RunBefore:
    async def run_before(pilot: Pilot[Any]) -> None:
        await wait_for_journal(pilot)
        app = workshop_app(pilot)
        if with_answers:
            run = not_none(app.journal).new_run()
            for answered, value in ANSWERS.items():
                run.set_answer("one", answered, value)
        found = app.program.find_step(step_id)
        assert found is not None
        module, step = found
        app.routes.open_day(module, module.steps.index(step))
        await settle(pilot)
        app.save_status = ""

    return run_before


class TestStepKinds:
    """One step of each kind, as a day shows it under its title, in a harness app with no journal
    (tests/step_harness.py). You should see the question, the control with the saved answer, where the
    focus is, and the quiet lines under it; the day's frame is in ``TestScreens``."""

    @pytest.mark.parametrize("step_id", [*STEPS, "single"])
    def test_step_kind_small(self, snap_compare: SnapCompare, program: Program, step_id: str) -> None:
        assert snap_compare(harness_for(program, step_id), terminal_size=SMALL)

    def test_recap_shows_earlier_answers(self, snap_compare: SnapCompare, program: Program) -> None:
        app = harness_for(program, "looking-back", recap_answers=ANSWERS)
        assert snap_compare(app, terminal_size=SMALL)

    @pytest.mark.parametrize("step_id", ["first-thought", "values", "meaning-now"])
    def test_step_kind_large(self, snap_compare: SnapCompare, program: Program, step_id: str) -> None:
        assert snap_compare(harness_for(program, step_id, ANSWERS[step_id]), terminal_size=LARGE)

    def test_a_checklist_says_how_many_it_asks_for(self, snap_compare: SnapCompare) -> None:
        # You should see "1 picked: pick at least 2, up to 3" under the options, in the muted colour.
        step = ChoiceStep(
            kind="choice",
            id="energy",
            title="What drains you",
            question="Which of these drain you most at work?",
            options=["Charting", "Night calls", "Meetings", "Inbox", "Commute"],
            multiple=True,
            min_picks=2,
            max_picks=3,
        )
        assert snap_compare(StepHarness(step, ChoicesValue(("Inbox",))), terminal_size=SMALL)

    def test_a_feedback_form(self, snap_compare: SnapCompare) -> None:
        # You should see the line above, the five ratings with their words, and three questions: the first
        # rated [4] "Agree", the second [5] "Strongly agree", the third "(not answered)" with the "›" marker,
        # then the keys and the line saying the ratings stay in the journal unless shared.
        step = FeedbackStep(
            kind="feedback",
            id="session-feedback",
            title="Before you go",
            question="Three ratings of today's session.",
            questions=[
                FeedbackQuestion(id="useful", text="Today's session was worth my time."),
                FeedbackQuestion(id="safe-to-speak", text="I felt free to speak, and just as free to pass."),
                FeedbackQuestion(id="recommend", text="I would suggest this session to a colleague."),
            ],
        )
        value = RatingsValue(("useful", "safe-to-speak", "recommend"), (4, 5, None))
        assert snap_compare(StepHarness(step, value), terminal_size=SMALL)

    def test_a_list_says_how_many_it_asks_for(self, snap_compare: SnapCompare) -> None:
        # You should see one line written, four blank, and "Write at least 3, one to a line" under them.
        step = ListStep(
            kind="list",
            id="gifts",
            title="Three good things",
            question="Three things that went well this week, however small.",
            max_items=5,
            min_items=3,
        )
        assert snap_compare(StepHarness(step, ItemsValue(("A patient said thank you",))), terminal_size=SMALL)


class TestScreens:
    """A day around its step, home with progress, the review with answers, and the support screen."""

    def test_a_day(self, snap_compare: SnapCompare, tmp_path: Path) -> None:
        # You should see the header "Day 1", the day's name and "Step 3 of 8", the progress bar, the step,
        # an empty save line and the footer's keys, all within 80x24.
        run_before = open_step("meaning-now", with_answers=True)
        assert snap_compare(snapshot_app(tmp_path), terminal_size=SMALL, run_before=run_before)

    @pytest.mark.parametrize("size", [SMALL, LARGE])
    def test_home(self, snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]) -> None:
        async def run_before(pilot: Pilot[Any]) -> None:
            await open_step("meaning-now", with_answers=True)(pilot)
            workshop_app(pilot).routes.go_home()
            await settle(pilot)

        assert snap_compare(snapshot_app(tmp_path), terminal_size=size, run_before=run_before)

    @pytest.mark.parametrize("size", [SMALL, LARGE])
    def test_review(self, snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]) -> None:
        async def run_before(pilot: Pilot[Any]) -> None:
            await open_step("meaning-now", with_answers=True)(pilot)
            workshop_app(pilot).routes.open_review()
            await settle(pilot)

        assert snap_compare(snapshot_app(tmp_path), terminal_size=size, run_before=run_before)

    @pytest.mark.parametrize("size", [SMALL, LARGE])
    def test_support(self, snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]) -> None:
        async def run_before(pilot: Pilot[Any]) -> None:
            await wait_for_journal(pilot)
            await pilot.press("ctrl+g")
            await settle(pilot)

        assert snap_compare(snapshot_app(tmp_path), terminal_size=size, run_before=run_before)

    def test_light_theme(self, snap_compare: SnapCompare, tmp_path: Path) -> None:
        async def run_before(pilot: Pilot[Any]) -> None:
            await open_step("first-thought", with_answers=True)(pilot)
            pilot.app.theme = "workshop-paper"
            await settle(pilot)

        assert snap_compare(snapshot_app(tmp_path), terminal_size=SMALL, run_before=run_before)
