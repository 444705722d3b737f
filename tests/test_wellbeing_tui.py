"""The check-in widget and the care hook, driven with keys as a person would, and how it looks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.checkins import CHECKINS, burnout, checkins_program, who5
from tests.expect import answer_to
from tests.snapshot_types import RunBefore, SnapCompare
from tests.step_harness import harness_for
from tests.tui_helpers import build_app, settle, wait_for_journal
from workshop.tui.screens.day import DayScreen
from workshop.tui.screens.support import GENTLE_OPENING, SupportScreen
from workshop.tui.widgets.check import ScoreRow


async def open_check(pilot: Any, step_id: str) -> DayScreen:
    await wait_for_journal(pilot)
    app = pilot.app
    found = app.program.find_step(step_id)
    assert found is not None
    module, step = found
    app.routes.open_day(module, module.steps.index(step))
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, DayScreen)
    return screen


async def test_number_keys_answer_each_item_and_move_on(tmp_path: Path) -> None:
    app = build_app(CHECKINS, tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_check(pilot, "wellbeing-before")
        rows = list(screen.query(ScoreRow))
        assert rows[0].has_focus
        await pilot.press("4", "9", "3")  # 9 is not an option: ignored, the focus stays on item 3
        assert [row.score for row in rows] == [4, 3, None, None, None]
        assert rows[2].has_focus
        await pilot.press("right", "backspace", "up", "left")  # clear item 3; item 2 from 3 to 4
        assert [row.score for row in rows] == [4, 4, None, None, None]
        run = app.current_run
        assert run is not None
        answer = run.answer("wellbeing-before")
        assert answer is not None and answer.value == who5(4, 4, None, None, None)


async def test_keys_typed_faster_than_the_focus_moves_still_fill_the_items_in_order(tmp_path: Path) -> None:
    from textual import events

    app = build_app(CHECKINS, tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_check(pilot, "wellbeing-before")
        rows = list(screen.query(ScoreRow))
        # In a real terminal, quick keys all reach the row that had the focus when they arrived.
        for key in "43210":
            rows[0].post_message(events.Key(key, key))
        await settle(pilot)
        assert [row.score for row in rows] == [4, 3, 2, 1, 0]
        assert rows[4].has_focus


async def test_a_low_who5_opens_support_gently_on_next(tmp_path: Path) -> None:
    app = build_app(CHECKINS, tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_check(pilot, "wellbeing-before")
        await pilot.press(*"21111")  # raw 6: 24 of 100
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, SupportScreen) and app.screen.gentle
        assert GENTLE_OPENING in str(app.screen.query_one(".support-gentle").render())
        await pilot.press("escape")
        # Closing it leaves the user on the next step, with the check saved.
        assert app.screen is screen and screen.walk.step.id == "burnout-before"


async def test_the_cut_off_itself_opens_support_and_just_above_does_not(tmp_path: Path) -> None:
    app = build_app(CHECKINS, tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_check(pilot, "wellbeing-before")
        await pilot.press(*"22111", "ctrl+n")  # raw 7: 28
        await settle(pilot)
        assert isinstance(app.screen, SupportScreen)
        await pilot.press("escape", "ctrl+b")
        # Back on the check, the focus is on item 1; left moves it from 2 to 3 (5 is leftmost): raw 8, 32.
        await pilot.press("left", "ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, DayScreen)
        run = app.current_run
        assert run is not None and answer_to(run, "wellbeing-before").value == who5(3, 2, 1, 1, 1)


async def test_the_highest_burnout_option_opens_support_and_skip_never_does(tmp_path: Path) -> None:
    app = build_app(CHECKINS, tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_check(pilot, "burnout-before")
        await pilot.press("5", "ctrl+o")  # skipping moves on quietly, whatever was answered
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("ctrl+b", "ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, SupportScreen) and app.screen.gentle


async def test_a_partial_or_a_fine_check_moves_on_quietly(tmp_path: Path) -> None:
    app = build_app(CHECKINS, tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_check(pilot, "wellbeing-before")
        await pilot.press(*"0000", "ctrl+n")  # four of five at zero: not scored, so no conclusion drawn
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("4", "ctrl+n")  # burnout option 4: burnout, but not the highest
        await settle(pilot)
        assert app.screen is screen and screen.walk.step.id == "meaning-1"
        run = app.current_run
        assert run is not None and answer_to(run, "burnout-before").value == burnout(4)


def keys(*pressed: str) -> RunBefore:
    async def run_before(pilot: Any) -> None:
        await pilot.press(*pressed)
        await pilot.pause()

    return run_before


class TestCheckLooks:
    """You should see the stem, the options with their numbers, a row of cells per item with the answer in
    brackets, the line saying it is optional, and the attribution; all within 80x24 (the body scrolls).
    Each check is alone in the harness app (tests/step_harness.py), answered with number keys."""

    def test_who5_half_answered(self, snap_compare: SnapCompare) -> None:
        app = harness_for(checkins_program(), "wellbeing-before")
        assert snap_compare(app, terminal_size=(80, 24), run_before=keys("4", "3"))

    def test_burnout_answered(self, snap_compare: SnapCompare) -> None:
        app = harness_for(checkins_program(), "burnout-before")
        assert snap_compare(app, terminal_size=(80, 24), run_before=keys("2"))
