"""Whole-app journeys with Pilot: complete the program, resume mid-step, find every answer again.

The journey through every day runs the sample program (tests/data/mini, every step kind but the check-ins),
so it takes seconds, not the shipped program's minute. The shipped program's walk is covered by faster
means: every step of it in plain Python (``test_flow_day``), in the plain mode (``test_plain_transcripts``),
and the longest step of each kind on screen (``test_tui_reach``); the check-ins' keys and what they save
are driven in ``test_wellbeing_tui`` and ``test_tui_reach``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Button, Input, OptionList, TextArea

from tests.tui_helpers import build_app, settle, until, wait_for_journal
from workshop.answers import TextValue
from workshop.content.loader import load_program
from workshop.content.models import (
    CheckStep,
    ChoiceStep,
    CommitmentStep,
    FeedbackStep,
    ListStep,
    PromptStep,
    RankStep,
    RecapStep,
    ScaleStep,
)
from workshop.journal.store import Journal
from workshop.reports.export import render_markdown
from workshop.tui.screens.day import DayScreen
from workshop.tui.screens.end_of_day import EndOfDayScreen
from workshop.tui.screens.home import HomeScreen
from workshop.tui.screens.review import ReviewScreen


def typed(step_id: str) -> str:
    return f"my words for {step_id}"


async def answer_current_step(pilot: Pilot[Any], screen: DayScreen) -> None:
    """Answer whatever step is showing, the way a person would, with keys."""
    step = screen.walk.step
    match step:
        case PromptStep() | RecapStep():
            # Typing is exercised key by key elsewhere; here the text goes in as a paste would.
            screen.query_one(TextArea).insert(typed(step.id))
        case ScaleStep():
            await pilot.press("7")
        case ChoiceStep(multiple=True):
            await pilot.press("enter")
        case ChoiceStep():
            await pilot.press("enter")
        case ListStep():
            screen.query_one(Input).insert_text_at_cursor(typed(step.id))
        case RankStep():
            for _ in range(step.pick):
                await pilot.press("enter", "down")
        case CommitmentStep():
            screen.query_one("#action", Input).insert_text_at_cursor(typed(step.id))
            await pilot.press("enter", *"Friday")
        case CheckStep(instrument="who5"):
            await pilot.press(*"43434")  # 72 of 100: no support screen in the way of the journey
        case CheckStep():
            await pilot.press("2")
        case FeedbackStep():
            await pilot.press(*"453")  # one number key per question
    await pilot.pause()


async def test_every_day_and_every_answer_comes_back(tmp_path: Path, mini_program_dir: Path) -> None:
    program = load_program(mini_program_dir)
    data_dir = tmp_path / "data"
    app = build_app(program, data_dir)
    async with app.run_test(size=(100, 36)) as pilot:
        await wait_for_journal(pilot)
        for module in program.modules:
            app.routes.open_day(module, 0)
            await pilot.pause()
            for _ in module.steps:
                screen = app.screen
                assert isinstance(screen, DayScreen)
                await answer_current_step(pilot, screen)
                await pilot.press("ctrl+n")
                await pilot.pause()
            assert isinstance(app.screen, EndOfDayScreen)
        await settle(pilot)
        run = app.current_run
        assert run is not None
        assert run.finished is not None
    # A fresh journal, as a fresh app would see it, holds every answer.
    with Journal.open(data_dir, program, lock=False) as journal:
        run = journal.runs[0]
        for module in program.modules:
            for step in module.steps:
                if not step.answers:
                    continue
                answer = run.answer(step.id)
                assert answer is not None and not answer.value.is_empty(), step.id
                if isinstance(step, PromptStep | RecapStep):
                    assert answer.value == TextValue(typed(step.id))
        markdown = render_markdown(program, [run])
    for module in program.modules:
        for step in module.steps:
            if isinstance(step, PromptStep | RecapStep | ListStep | CommitmentStep):
                assert typed(step.id) in markdown, step.id
    # And the review of a fresh app lists them all.
    app = build_app(program, data_dir)
    async with app.run_test(size=(100, 36)) as pilot:
        await wait_for_journal(pilot)
        app.routes.open_review()
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        await until(pilot, lambda: review.searched)  # every answer read (the first page comes first)
        answered = sum(1 for m in program.modules for s in m.steps if s.answers)
        assert len(review.entries) == answered


async def test_resume_in_the_middle_of_a_step(tmp_path: Path, mini_program_dir: Path) -> None:
    data_dir = tmp_path / "data"
    app = build_app(mini_program_dir, data_dir)
    async with app.run_test() as pilot:
        await wait_for_journal(pilot)
        await pilot.press("c")  # continue: day one, step one
        await pilot.press("ctrl+n")  # the reading
        await pilot.pause()
        await pilot.press(*"half a thought")
        await pilot.pause()
        await pilot.press("ctrl+q")
    assert app.return_code == 0
    app = build_app(mini_program_dir, data_dir)
    async with app.run_test() as pilot:
        await wait_for_journal(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert "day 1, step 2" in str(home.query_one("#continue", Button).label)
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DayScreen)
        assert screen.walk.step.id == "first-thought"
        area = screen.query_one(TextArea)
        assert area.text == "half a thought"
        assert area.has_focus
        # The cursor waits at the end, ready to go on writing.
        await pilot.press(*" and more")
        assert area.text == "half a thought and more"


async def test_back_and_skip_keep_what_was_typed(tmp_path: Path, mini_program_dir: Path) -> None:
    app = build_app(mini_program_dir, tmp_path / "data")
    async with app.run_test() as pilot:
        await wait_for_journal(pilot)
        program = app.program
        app.routes.open_day(program.modules[0], 1)
        await pilot.pause()
        await pilot.press(*"kept")
        await pilot.press("ctrl+o")  # skip: on to the scale, the prompt stays open
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DayScreen)
        assert screen.walk.step.id == "meaning-now"
        run = app.current_run
        assert run is not None
        assert "first-thought" not in run.done_steps("one")
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert screen.query_one(TextArea).text == "kept"


async def test_widgets_report_structured_answers(tmp_path: Path, mini_program_dir: Path) -> None:
    app = build_app(mini_program_dir, tmp_path / "data")
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for_journal(pilot)
        module = app.program.modules[0]
        app.routes.open_day(module, 2)  # the scale
        await pilot.pause()
        await pilot.press("4")
        await pilot.press("ctrl+n")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DayScreen)
        # The checklist: tick the first and third options (Enter and space both tick), and write one of our own.
        await pilot.press("enter", "down", "down", "space", "tab", *"Dread on Sundays")
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        run = app.current_run
        assert run is not None
        scale = run.answer("meaning-now")
        assert scale is not None and scale.value.value == 4  # type: ignore[union-attr]
        signs = run.answer("signs")
        assert signs is not None
        assert signs.value.picked == ("Numbness", "Guilt")  # type: ignore[union-attr]
        assert signs.value.other == "Dread on Sundays"  # type: ignore[union-attr]
        # The list, then the values sort: pick three, then move the third to the top.
        await pilot.press(*"walks", "enter", *"music")
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("enter", "down", "enter", "down", "enter")
        picked = screen.query_one("#rank-picked", OptionList)
        picked.focus()
        picked.highlighted = 2
        await pilot.press("shift+up", "shift+up")
        await pilot.press("ctrl+n")
        await pilot.pause()
        items = run.answer("five-things")
        assert items is not None
        assert [i for i in items.value.items if i] == ["walks", "music"]  # type: ignore[union-attr]
        ranked = run.answer("values")
        assert ranked is not None
        assert ranked.value.ranked == ("Craft", "Curiosity", "Compassion")  # type: ignore[union-attr]
