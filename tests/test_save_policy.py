"""When the app saves while someone writes, and what its status line says (workshop/flow/save_policy.py).

The policy is plain Python driven by a fake clock, so each rule takes microseconds; one app test at the end
checks that the app follows it (the words reach the disk a second after typing stops, with no key pressed).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.expect import value_as
from tests.tui_helpers import build_app, frozen, open_step, until, wait_for_journal
from workshop.answers import TextValue
from workshop.content.loader import load_program
from workshop.flow.save_policy import AUTOSAVE_DELAY, NOT_SAVED, SAVING, SavePolicy
from workshop.journal.store import Journal


class FakeClock:
    """A monotonic clock that moves only when the test says."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def policy(clock: FakeClock) -> SavePolicy:
    return SavePolicy(lambda: datetime(2026, 3, 2, 14, 2, tzinfo=UTC), clock)


def test_typing_says_saving_and_saves_once_it_pauses_for_a_second() -> None:
    clock = FakeClock()
    saving = policy(clock)
    assert saving.status == "" and not saving.pending
    saving.changed()
    assert saving.status == SAVING
    assert saving.seconds_to_wait() == AUTOSAVE_DELAY
    clock.advance(0.9)
    saving.changed()  # another key, just before the second is up: the save waits on
    clock.advance(0.9)
    assert not saving.tick()  # 1.8 s after the first key, 0.9 s after the last
    assert saving.seconds_to_wait() == pytest.approx(0.1)
    clock.advance(0.1)
    assert saving.tick()  # a second of quiet: save now
    assert not saving.pending and not saving.tick()  # and only once


def test_a_timer_that_fires_early_is_told_to_wait_the_rest() -> None:
    clock = FakeClock()
    saving = policy(clock)
    saving.changed()
    clock.advance(0.999)
    assert not saving.tick()
    assert saving.pending
    assert saving.seconds_to_wait() == pytest.approx(0.001)


def test_moving_on_saves_at_once_and_the_waiting_save_is_dropped() -> None:
    clock = FakeClock()
    saving = policy(clock)
    saving.changed()
    saving.saving_now()  # ctrl+n: the app saves now
    assert not saving.pending and saving.seconds_to_wait() is None
    clock.advance(5)
    assert not saving.tick()


def test_a_failed_save_says_so_calmly_and_is_tried_again_a_second_later() -> None:
    clock = FakeClock()
    saving = policy(clock)
    saving.changed()
    clock.advance(1)
    assert saving.tick()
    saving.failed()
    assert saving.status == NOT_SAVED
    assert "your words are kept here" in saving.status
    assert saving.seconds_to_wait() == AUTOSAVE_DELAY
    clock.advance(1)
    assert saving.tick()  # the retry, with no key pressed
    saving.saved()
    assert saving.status == "Saved 14:02"


async def test_the_app_saves_a_second_after_typing_stops(tmp_path: Path, mini_program_dir: Path) -> None:
    program = load_program(mini_program_dir)
    data_dir = tmp_path / "data"
    app = build_app(program, data_dir, clock=frozen)

    def on_disk() -> TextValue | None:
        journal = Journal.open(data_dir, program, lock=False)
        run = journal.current_run()
        answer = run.answer("first-thought") if run else None
        return value_as(answer, TextValue) if answer else None

    async with app.run_test() as pilot:
        await wait_for_journal(pilot)
        await open_step(pilot, "first-thought")
        await pilot.press(*"kept")
        assert app.save_status == SAVING
        await until(pilot, lambda: app.save_status.startswith("Saved"))
        assert app.save_status == "Saved 09:30"
        assert on_disk() == TextValue("kept")
