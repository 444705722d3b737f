"""Shared by the issue 6 tests: the check-in program (tests/data/checkins) and runs with answers in it."""

from __future__ import annotations

from pathlib import Path

from tests.tui_helpers import FixedClock
from workshop.answers import (
    CommitmentValue,
    IntegerValue,
    ItemScoresValue,
    ItemsValue,
    RankedValue,
    TextValue,
)
from workshop.content.loader import load_program
from workshop.content.models import Program
from workshop.journal.store import Journal, Run

CHECKINS = Path(__file__).parent / "data" / "checkins"


def checkins_program() -> Program:
    return load_program(CHECKINS)


def who5(*scores: int | None) -> ItemScoresValue:
    return ItemScoresValue("who5", tuple(scores))


def burnout(option: int | None) -> ItemScoresValue:
    return ItemScoresValue("burnout", (option,))


def fill(
    run: Run,
    *,
    who5_before: tuple[int | None, ...] | None = (2, 2, 2, 2, 3),  # 11 -> 44
    who5_after: tuple[int | None, ...] | None = (3, 3, 3, 3, 3),  # 15 -> 60
    burnout_before: int | None = 3,
    burnout_after: int | None = 2,
    meaning: tuple[int | None, int | None] = (4, 6),
    text: str = "",
) -> Run:
    """Answer the check-in program the way a person might; ``text`` is added to every written answer."""
    if who5_before is not None:
        run.set_answer("start", "wellbeing-before", who5(*who5_before))
    if burnout_before is not None:
        run.set_answer("start", "burnout-before", burnout(burnout_before))
    for module_id, step_id, value in (("start", "meaning-1", meaning[0]), ("end", "meaning-2", meaning[1])):
        if value is not None:
            run.set_answer(module_id, step_id, IntegerValue(value))
    run.set_answer("start", "values-sort", RankedValue(("Craft", "Family", "Curiosity")))
    run.set_answer("start", "start-commitment", CommitmentValue(f"Take a real lunch break{text}", "Thursday"))
    run.set_answer("end", "values-resort", RankedValue(("Family", "Compassion", "Craft")))
    run.set_answer("end", "north-star", TextValue(f"Work that leaves room to be a person.{text}"))
    run.set_answer("end", "three-goals", ItemsValue((f"Teach again{text}", "", "Walk to work")))
    if who5_after is not None:
        run.set_answer("end", "wellbeing-after", who5(*who5_after))
    if burnout_after is not None:
        run.set_answer("end", "burnout-after", burnout(burnout_after))
    run.set_answer("end", "end-commitment", CommitmentValue(f"Email the study day lead{text}", ""))
    return run


def journal_with_runs(data_dir: Path, program: Program, count: int = 2) -> Journal:
    """A locked journal with ``count`` runs, each filled (the later ones a little better)."""
    journal = Journal.open(data_dir, program, clock=FixedClock())
    for number in range(count):
        run = journal.new_run()
        later = 4 if number else 3  # run 1: 44 -> 60; run 2: 44 -> 68
        fill(run, who5_after=(3, 3, 3, later, later), meaning=(4 + number, 6 + number))
        journal.save(run)
    return journal
