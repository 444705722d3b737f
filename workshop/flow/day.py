"""Walking through one day: the current step, next, back and skip, and what the day produced.

``Next`` finishes the step (it counts as complete even without an answer: moving on is a choice, not a
failure); ``Skip`` moves on but leaves the step open, so the progress bar and "continue" still offer it.
Both keep whatever was typed: nothing here ever discards an answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workshop.answers import Answer, Value
from workshop.content.models import CommitmentStep, FollowThroughStep, Module, Program, RecapStep, Step
from workshop.flow.completion import DayProgress, day_progress, program_finished, resume_index
from workshop.flow.followups import CommitmentItem, commitments_of
from workshop.flow.run_view import AnswerSource, RunAnswers, RunWriter


@dataclass(frozen=True)
class RecapItem:
    """One earlier answer shown again by a recap step."""

    step: Step
    module: Module
    answer: Answer | None


class DayWalk:
    """Where the user is inside one day, and the moves they can make."""

    def __init__(self, program: Program, module: Module, run: RunWriter, index: int | None = None) -> None:
        self.program = program
        self.module = module
        self.run = run
        self.index = resume_index(run, module) if index is None else max(0, min(index, len(module.steps) - 1))
        self._remember_position()

    # -- where we are ------------------------------------------------------------------------------------

    @property
    def step(self) -> Step:
        return self.module.steps[self.index]

    @property
    def number(self) -> int:
        """1-based position of the current step, for "step n of N"."""
        return self.index + 1

    @property
    def total(self) -> int:
        return len(self.module.steps)

    def current_answer(self) -> Answer | None:
        return self.run.answer(self.step.id)

    # -- moves -------------------------------------------------------------------------------------------

    def record(self, value: Value | None) -> None:
        """Keep ``value`` as the current step's answer (None or an empty value clears it)."""
        if value is None or value.is_empty():
            if self.run.answer(self.step.id) is not None:
                self.run.clear_answer(self.module.id, self.step.id)
            return
        self.run.set_answer(self.module.id, self.step.id, value)

    def next(self) -> bool:
        """Finish this step and move on. False when this was the last step (the day is over)."""
        self.run.mark_done(self.module.id, self.step.id)
        return self._move(+1)

    def skip(self) -> bool:
        """Move on, leaving this step open. False when this was the last step."""
        return self._move(+1)

    def back(self) -> bool:
        """Go to the previous step. False on the first step."""
        return self._move(-1)

    def go_to(self, index: int) -> None:
        self.index = max(0, min(index, self.total - 1))
        self._remember_position()

    def _move(self, delta: int) -> bool:
        target = self.index + delta
        if not 0 <= target < self.total:
            return False
        self.index = target
        self._remember_position()
        return True

    def finish(self) -> None:
        """The user has come to the end of this day; once every day is complete, so is the run."""
        if self.program_finished:
            self.run.mark_finished()

    @property
    def program_finished(self) -> bool:
        """Every step of every day is done."""
        return program_finished(self.run, self.program)

    @property
    def last_day(self) -> bool:
        return self.module is self.program.modules[-1]

    @property
    def follow_up(self) -> bool:
        """This is a follow-up check-in, not a day of the program."""
        return not self.module.is_day

    def _remember_position(self) -> None:
        self.run.set_position(self.module.id, self.step.id)

    # -- what the day brings back ------------------------------------------------------------------------

    def recap_items(self, step: RecapStep) -> list[RecapItem]:
        return recap_items(self.program, self.run, step)

    def look_back_items(self, step: Step) -> list[RecapItem]:
        return look_back_items(self.program, self.run, step)

    def commitment_items(self, step: FollowThroughStep) -> list[CommitmentItem]:
        """The run's commitments a follow-up looks back at, as revised at the follow-ups before this one."""
        return commitments_of(self.program, self.run, before=self.module)


def recap_items(program: Program, run: AnswerSource, step: RecapStep) -> list[RecapItem]:
    """The earlier answers a recap step shows, in the order its content lists them."""
    return earlier_items(program, run, step.sources)


def look_back_items(program: Program, run: AnswerSource, step: Step) -> list[RecapItem]:
    """The earlier answers shown above ``step``'s question (its ``look_back``), in the content's order."""
    return earlier_items(program, run, step.look_back)


def earlier_items(program: Program, run: AnswerSource, step_ids: Sequence[str]) -> list[RecapItem]:
    """The steps named by ``step_ids``, each with its module and the run's answer to it."""
    items = []
    for source_id in step_ids:
        found = program.find_step(source_id)
        if found is not None:
            module, source = found
            items.append(RecapItem(source, module, run.answer(source_id)))
    return items


@dataclass(frozen=True)
class DaySummary:
    """What the user wrote today, and what is still to do, for the end-of-day screen."""

    module: Module
    answers: Sequence[tuple[Step, Answer]]
    commitments: Sequence[tuple[Step, Answer]]
    progress: DayProgress[Module]

    @property
    def complete(self) -> bool:
        return self.progress.finished

    @property
    def still_open(self) -> list[Step]:
        """The steps of the day that are not done yet (skipped, or never reached), in order."""
        return [self.module.steps[index] for index in self.progress.not_done()]


def day_summary(run: RunAnswers, module: Module) -> DaySummary:
    answered = [(step, answer) for step in module.steps if (answer := run.answer(step.id)) is not None]
    answered = [(step, answer) for step, answer in answered if not answer.value.is_empty()]
    commitments = [(s, a) for s, a in answered if isinstance(s, CommitmentStep)]
    others = [(s, a) for s, a in answered if not isinstance(s, CommitmentStep)]
    return DaySummary(module, others, commitments, day_progress(run, module))
