"""A run's answers as the read-side views see them: which answer is shown for a step, the days in order,
answers kept from an earlier version of the program, choosing runs.

The exports, the review and the north-star page all read a run through these, so an answer appears in the
same place everywhere. Plain Python, no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from workshop.answers import Answer
from workshop.content.models import Module, Program, Step
from workshop.flow.run_view import AnswerSource, NumberedRun, RunRecord
from workshop.journal.errors import NoSuchRun

EARLIER_HEADING = "From an earlier version of the program"

R = TypeVar("R", bound=NumberedRun)


@dataclass(frozen=True)
class StepEntry:
    step: Step
    answer: Answer | None
    done: bool


@dataclass(frozen=True)
class DayEntry:
    module_id: str
    module: Module | None
    """None for a module that is no longer in the program."""
    steps: tuple[StepEntry, ...]
    earlier: tuple[Answer, ...]
    """Answers in this module's file whose step is gone (or now asks for a different kind of answer)."""

    @property
    def title(self) -> str:
        if self.module is None:
            return f"{self.module_id} ({EARLIER_HEADING.lower()})"
        return self.module.heading


def shown_answer(run: AnswerSource, step: Step) -> Answer | None:
    """The answer shown for ``step``: none if the saved one is of another kind (the step has changed)."""
    answer = run.answer(step.id)
    if answer is None or step.answer_type is not type(answer.value):
        return None
    return answer


def run_days(program: Program, run: RunRecord) -> list[DayEntry]:
    """The run's days in program order, the follow-up check-ins it has begun, then any modules no longer in
    the program."""
    days = []
    # The days, then each follow-up check-in the run has begun (one not begun is not a gap to show).
    begun = set(run.module_ids())
    modules = [*program.modules, *(f.module for f in program.follow_ups if f.module.id in begun)]
    for module in modules:
        steps = tuple(
            StepEntry(step, shown_answer(run, step), step.id in run.done_steps(module.id))
            for step in module.steps
        )
        days.append(DayEntry(module.id, module, steps, _earlier(program, run, module.id)))
    for module_id in run.module_ids():
        if program.module(module_id) is None:
            earlier = _earlier(program, run, module_id)
            if earlier:
                days.append(DayEntry(module_id, None, (), earlier))
    return days


def _earlier(program: Program, run: RunRecord, module_id: str) -> tuple[Answer, ...]:
    found = []
    for answer in run.answers(module_id).values():
        located = program.find_step(answer.step_id)
        if located is None or shown_answer(run, located[1]) is not answer:
            found.append(answer)
    return tuple(sorted(found, key=lambda a: (a.created, a.step_id)))


@dataclass(frozen=True)
class LookedBack:
    """One earlier answer a question refers to (its ``look_back``), as a read-side view shows it."""

    module: Module
    step: Step
    answer: Answer | None


def looked_back(program: Program, run: AnswerSource, step: Step) -> list[LookedBack]:
    """The earlier steps ``step`` looks back at, in the content's order, each with the answer shown for it."""
    found = []
    for step_id in step.look_back:
        located = program.find_step(step_id)
        if located is not None:
            module, earlier = located
            found.append(LookedBack(module, earlier, shown_answer(run, earlier)))
    return found


def question_of(step: Step) -> str | None:
    """The step's question, for the kinds that ask one."""
    return getattr(step, "question", None)


def select_runs(runs: Sequence[R], run_number: int | None) -> list[R]:
    """All runs, or just run ``run_number``; ``NoSuchRun`` if there is no such run."""
    if run_number is None:
        return list(runs)
    chosen = [run for run in runs if run.number == run_number]
    if not chosen:
        have = ", ".join(str(run.number) for run in runs) or "none yet"
        raise NoSuchRun(f"there is no run {run_number} in this journal (runs: {have})")
    return chosen
