"""What the north-star page holds, gathered from one run: the top values (the last values sort answered,
so day 4's re-sort wins over day 1's), the north-star statement, the goals, and every day's commitment
with its date. Rendering it is ``workshop.reports.northstar``'s; showing it, the app's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from workshop.answers import CommitmentValue, ItemsValue, RankedValue, TextValue, Value
from workshop.content.models import CommitmentStep, ListStep, Program, RankStep, Step
from workshop.flow.run_view import NumberedRun
from workshop.flow.runs import select_runs, shown_answer
from workshop.journal.errors import JournalError

STATEMENT_STEP = "north-star"
"""The step whose answer is the north-star statement (a recap or prompt)."""
GOALS_STEP = "three-goals"
"""The list step whose items are the goals."""

R = TypeVar("R", bound=NumberedRun)


@dataclass(frozen=True)
class Commitment:
    day: int
    title: str
    action: str
    when: str
    written: datetime
    """When the commitment was last changed."""


@dataclass(frozen=True)
class NorthStar:
    """What the page shows, gathered from one run."""

    program_title: str
    run_number: int
    values: tuple[str, ...]
    statement: str
    goals: tuple[str, ...]
    commitments: tuple[Commitment, ...]

    @property
    def empty(self) -> bool:
        return not (self.values or self.statement.strip() or self.goals or self.commitments)


def _answer_of(program: Program, run: NumberedRun, step_id: str) -> tuple[Step, Value] | None:
    found = program.find_step(step_id)
    if found is None:
        return None
    answer = shown_answer(run, found[1])
    return (found[1], answer.value) if answer is not None else None


def top_values(program: Program, run: NumberedRun) -> tuple[str, ...]:
    """The values of the last values sort this run answered (day 4's re-sort, else day 1's)."""
    ranks = [step for module in program.modules for step in module.steps if isinstance(step, RankStep)]
    for step in reversed(ranks):
        answer = shown_answer(run, step)
        if answer is not None and isinstance(answer.value, RankedValue) and answer.value.ranked:
            return answer.value.ranked
    return ()


def gather(program: Program, run: NumberedRun) -> NorthStar:
    """The north-star page of ``run``."""
    statement = ""
    found = _answer_of(program, run, STATEMENT_STEP)
    if found is not None and isinstance(found[1], TextValue):
        statement = found[1].text.strip()
    goals: tuple[str, ...] = ()
    found = _answer_of(program, run, GOALS_STEP)
    if found is not None and isinstance(found[0], ListStep) and isinstance(found[1], ItemsValue):
        goals = tuple(item.strip() for item in found[1].items if item.strip())
    commitments = []
    for module in program.modules:
        for step in module.steps:
            answer = shown_answer(run, step) if isinstance(step, CommitmentStep) else None
            if answer is None or not isinstance(answer.value, CommitmentValue) or answer.value.is_empty():
                continue
            action, when = answer.value.action.strip(), answer.value.when.strip()
            commitments.append(Commitment(module.day, step.title, action, when, answer.updated))
    return NorthStar(
        program.title, run.number, top_values(program, run), statement, goals, tuple(commitments)
    )


def choose_run(runs: Sequence[R], run_number: int | None) -> R:
    """Run ``run_number``, or the newest run; ``JournalError`` when there is none."""
    if run_number is not None:
        return select_runs(runs, run_number)[0]
    if not runs:
        raise JournalError("there are no runs yet: the north-star page is made from your answers")
    return max(runs, key=lambda run: run.number)
