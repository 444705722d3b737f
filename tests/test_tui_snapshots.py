"""What the self-paced workshop looks like: every step kind, home, review and support.

Each snapshot is a small app on the two-day sample program (tests/data/mini) with a frozen clock, so the
pictures change only when the look does. Regenerate with ``pytest --snapshot-update`` and look at the diff.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import MINI_PROGRAM
from tests.tui_helpers import build_app, frozen, settle, wait_for_journal
from workshop.answers import CommitmentValue, IntegerValue, RankedValue, TextValue
from workshop.content.loader import load_program

SMALL = (80, 24)
LARGE = (160, 48)
STEPS = ["welcome", "first-thought", "meaning-now", "signs", "five-things", "values", "breathe", "one-step"]


def snapshot_app(tmp_path: Path) -> Any:
    return build_app(load_program(MINI_PROGRAM), tmp_path / "data", clock=frozen)


def open_step(step_id: str, *, with_answers: bool = False):  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await wait_for_journal(pilot)
        app = pilot.app
        if with_answers:
            run = app.journal.new_run()
            run.set_answer("one", "first-thought", TextValue("I wanted to feel useful again.\nAnd to sleep."))
            run.set_answer("one", "meaning-now", IntegerValue(4))
            run.set_answer("one", "values", RankedValue(("Craft", "Family", "Curiosity")))
            run.set_answer("one", "one-step", CommitmentValue("Take a real lunch break", "Thursday"))
        found = app.program.find_step(step_id)
        assert found is not None
        module, step = found
        app.routes.open_day(module, module.steps.index(step))
        await settle(pilot)
        app.save_status = ""

    return run_before


class TestStepKinds:
    """You should see one step of each kind, centred, with the step count and the footer keys."""

    @pytest.mark.parametrize("step_id", STEPS)
    def test_step_kind_small(self, snap_compare, tmp_path: Path, step_id: str) -> None:  # type: ignore[no-untyped-def]
        assert snap_compare(snapshot_app(tmp_path), terminal_size=SMALL, run_before=open_step(step_id))

    def test_recap_shows_earlier_answers(self, snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        run_before = open_step("looking-back", with_answers=True)
        assert snap_compare(snapshot_app(tmp_path), terminal_size=SMALL, run_before=run_before)

    @pytest.mark.parametrize("step_id", ["first-thought", "values", "meaning-now"])
    def test_step_kind_large(self, snap_compare, tmp_path: Path, step_id: str) -> None:  # type: ignore[no-untyped-def]
        run_before = open_step(step_id, with_answers=True)
        assert snap_compare(snapshot_app(tmp_path), terminal_size=LARGE, run_before=run_before)


class TestScreens:
    """Home with progress, the review with answers, and the support screen, small and large."""

    @pytest.mark.parametrize("size", [SMALL, LARGE])
    def test_home(self, snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
        async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
            await open_step("meaning-now", with_answers=True)(pilot)
            pilot.app.routes.go_home()
            await settle(pilot)

        assert snap_compare(snapshot_app(tmp_path), terminal_size=size, run_before=run_before)

    @pytest.mark.parametrize("size", [SMALL, LARGE])
    def test_review(self, snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
        async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
            await open_step("meaning-now", with_answers=True)(pilot)
            pilot.app.routes.open_review()
            await settle(pilot)

        assert snap_compare(snapshot_app(tmp_path), terminal_size=size, run_before=run_before)

    @pytest.mark.parametrize("size", [SMALL, LARGE])
    def test_support(self, snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
        async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
            await wait_for_journal(pilot)
            await pilot.press("ctrl+g")
            await settle(pilot)

        assert snap_compare(snapshot_app(tmp_path), terminal_size=size, run_before=run_before)

    def test_light_theme(self, snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
            await open_step("first-thought", with_answers=True)(pilot)
            pilot.app.theme = "workshop-paper"
            await settle(pilot)

        assert snap_compare(snapshot_app(tmp_path), terminal_size=SMALL, run_before=run_before)
