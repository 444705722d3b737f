"""What counts as done: a step, a day, a run. Plain Python over the content and one run's answers.

Screens never decide these things themselves; they ask here, so the home screen, the end-of-day screen,
``workshop progress`` and the export all agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

# Only ids matter here, so these rules take any program of the right shape: the validated content or the
# outline kept in the cache (``workshop progress`` and the home screen never need more).
from workshop.content.outline import ModuleShape, ProgramShape, StepShape

if TYPE_CHECKING:
    from workshop.progress.answers import Answer

ModuleT = TypeVar("ModuleT", bound=ModuleShape)
ModuleT_co = TypeVar("ModuleT_co", bound=ModuleShape, covariant=True)


class RunAnswers(Protocol):
    """The part of a journal run the flow needs (``workshop.progress`` provides it)."""

    def answer(self, step_id: str) -> Answer | None: ...

    def done_steps(self, module_id: str) -> frozenset[str]: ...


class ProgramOf(ProgramShape, Protocol[ModuleT_co]):
    """A program whose modules are ``ModuleT_co``: what ``next_day`` returns is what the program holds."""

    @property
    def modules(self) -> tuple[ModuleT_co, ...]: ...


def is_step_complete(run: RunAnswers, module: ModuleShape, step: StepShape) -> bool:
    """A step is complete once it has a non-empty answer, or the user moved past it on purpose."""
    if step.id in run.done_steps(module.id):
        return True
    answer = run.answer(step.id)
    return answer is not None and not answer.value.is_empty()


@dataclass(frozen=True)
class DayProgress(Generic[ModuleT]):
    """How far one day (module) is."""

    module: ModuleT
    complete: int
    total: int

    @property
    def fraction(self) -> float:
        return self.complete / self.total if self.total else 0.0

    @property
    def finished(self) -> bool:
        return self.complete >= self.total

    @property
    def started(self) -> bool:
        return self.complete > 0


def day_progress(run: RunAnswers | None, module: ModuleT) -> DayProgress[ModuleT]:
    """Steps complete out of the day's steps (none for a run that has not started)."""
    complete = 0 if run is None else sum(is_step_complete(run, module, s) for s in module.steps)
    return DayProgress(module, complete, len(module.steps))


def program_progress(run: RunAnswers | None, program: ProgramOf[ModuleT]) -> list[DayProgress[ModuleT]]:
    return [day_progress(run, module) for module in program.modules]


def first_incomplete_step(run: RunAnswers | None, module: ModuleShape) -> int:
    """Index of the first step not yet complete in ``module`` (0 for a fresh day, the last if all done)."""
    if run is None:
        return 0
    for index, step in enumerate(module.steps):
        if not is_step_complete(run, module, step):
            return index
    return len(module.steps) - 1


class RunWithPosition(RunAnswers, Protocol):
    @property
    def position(self) -> tuple[str, str] | None: ...


def resume_index(run: RunWithPosition, module: ModuleShape) -> int:
    """Where to open ``module``: exactly where the user left off in it, else its first open step."""
    if run.position and run.position[0] == module.id:
        for index, step in enumerate(module.steps):
            if step.id == run.position[1]:
                return index
    return first_incomplete_step(run, module)


def next_day(run: RunAnswers | None, program: ProgramOf[ModuleT]) -> ModuleT:
    """The day to offer next: the first one not finished, else the last."""
    for progress in program_progress(run, program):
        if not progress.finished:
            return progress.module
    return program.modules[-1]
