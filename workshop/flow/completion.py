"""What counts as done: a step, a day, a run. Plain Python over the content and one run's answers.

One rule, used everywhere a step's state is shown or acted on (home, the end of a day, Continue, the
command palette, ``workshop progress``, the export):

- **done**: the step holds an answer, or the user moved past it with Next (moving on is a choice, not a
  failure);
- **skipped**: not done, but the user went past it: with Skip (ctrl+o), or by going on to a later step of
  the same day. It stays open, and Continue comes back to it;
- **open**: not done and not reached yet.

Screens never decide these things themselves; they ask here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Generic, Protocol, TypeVar

# Only ids matter here, so these rules take any program of the right shape: the validated content or the
# outline kept in the cache (``workshop progress`` and the home screen never need more).
from workshop.content.outline import ModuleShape, ProgramShape, StepShape
from workshop.flow.run_view import RunAnswers

ModuleT = TypeVar("ModuleT", bound=ModuleShape)
ModuleT_co = TypeVar("ModuleT_co", bound=ModuleShape, covariant=True)


class ProgramOf(ProgramShape, Protocol[ModuleT_co]):
    """A program whose modules are ``ModuleT_co``: what ``next_day`` returns is what the program holds."""

    @property
    def modules(self) -> tuple[ModuleT_co, ...]: ...


class StepState(Enum):
    DONE = "done"
    SKIPPED = "skipped"
    OPEN = "open"


def is_step_complete(run: RunAnswers, module: ModuleShape, step: StepShape) -> bool:
    """A step is done once it has a non-empty answer, or the user moved past it with Next."""
    if step.id in run.done_steps(module.id):
        return True
    answer = run.answer(step.id)
    return answer is not None and not answer.value.is_empty()


def step_states(run: RunAnswers | None, module: ModuleShape) -> list[StepState]:
    """The state of every step of ``module``, in order (all open for a run that has not started)."""
    if run is None:
        return [StepState.OPEN] * len(module.steps)
    done = [is_step_complete(run, module, step) for step in module.steps]
    # How far the user has been in this day: the furthest step done, or the step they are on now.
    reached = max((index for index, is_done in enumerate(done) if is_done), default=-1)
    position = run.position
    if position is not None and position[0] == module.id:
        reached = max(reached, _index_of(module, position[1], default=-1))
    return [
        StepState.DONE if is_done else StepState.SKIPPED if index < reached else StepState.OPEN
        for index, is_done in enumerate(done)
    ]


@dataclass(frozen=True)
class DayProgress(Generic[ModuleT]):
    """How far one day (module) is."""

    module: ModuleT
    states: tuple[StepState, ...]

    @property
    def complete(self) -> int:
        return self.states.count(StepState.DONE)

    @property
    def skipped(self) -> int:
        return self.states.count(StepState.SKIPPED)

    @property
    def total(self) -> int:
        return len(self.states)

    @property
    def fraction(self) -> float:
        return self.complete / self.total if self.total else 0.0

    @property
    def finished(self) -> bool:
        """Every step is done: only then is the day complete."""
        return self.complete >= self.total

    @property
    def started(self) -> bool:
        return any(state is not StepState.OPEN for state in self.states)

    def first_not_done(self) -> int | None:
        """Index of the first step that is skipped or open, None when the day is complete."""
        for index, state in enumerate(self.states):
            if state is not StepState.DONE:
                return index
        return None

    def not_done(self) -> list[int]:
        """Indexes of the steps still to do (skipped or open), in order."""
        return [index for index, state in enumerate(self.states) if state is not StepState.DONE]

    def describe(self) -> str:
        """How the day stands, in a few words: "done", "5 of 12 steps", "11 of 12, 1 skipped" ("" if not
        started)."""
        if self.finished:
            return "done"
        if not self.started:
            return ""
        if self.skipped:
            return f"{self.complete} of {self.total}, {self.skipped} skipped"
        return f"{self.complete} of {self.total} steps"


def day_progress(run: RunAnswers | None, module: ModuleT) -> DayProgress[ModuleT]:
    return DayProgress(module, tuple(step_states(run, module)))


def program_progress(run: RunAnswers | None, program: ProgramOf[ModuleT]) -> list[DayProgress[ModuleT]]:
    return [day_progress(run, module) for module in program.modules]


def program_finished(run: RunAnswers | None, program: ProgramOf[ModuleT]) -> bool:
    """Every step of every day is done."""
    return run is not None and all(day.finished for day in program_progress(run, program))


@dataclass(frozen=True)
class Place(Generic[ModuleT]):
    """A step of a day: where Continue goes, or where a day opens."""

    module: ModuleT
    index: int

    @property
    def number(self) -> int:
        """1-based, for "day 2, step 5"."""
        return self.index + 1


def _index_of(module: ModuleShape, step_id: str, default: int) -> int:
    for index, step in enumerate(module.steps):
        if step.id == step_id:
            return index
    return default


def _unfinished_position(run: RunAnswers, program: ProgramOf[ModuleT]) -> Place[ModuleT] | None:
    """The step the user was last on, if they have not moved past it with Next (they are in the middle)."""
    if run.position is None:
        return None
    module_id, step_id = run.position
    for module in program.modules:
        if module.id == module_id:
            index = _index_of(module, step_id, default=-1)
            if index >= 0 and step_id not in run.done_steps(module_id):
                return Place(module, index)
    return None


def continue_place(run: RunAnswers | None, program: ProgramOf[ModuleT]) -> Place[ModuleT] | None:
    """Where Continue goes: back to the step the user left unfinished, else the first step not done.

    None once every step of the program is done: a finished run offers the review, the north star and a
    new run instead.
    """
    if run is None:
        return Place(program.modules[0], 0)
    unfinished = _unfinished_position(run, program)
    if unfinished is not None:
        return unfinished
    for progress in program_progress(run, program):
        index = progress.first_not_done()
        if index is not None:
            return Place(progress.module, index)
    return None


def resume_index(run: RunAnswers | None, module: ModuleShape) -> int:
    """Where ``module`` opens: the step the user left unfinished in it, else its first step not done, else
    (a day that is complete) its first step, to read it again."""
    if run is None:
        return 0
    position = run.position
    if position is not None and position[0] == module.id and position[1] not in run.done_steps(module.id):
        index = _index_of(module, position[1], default=-1)
        if index >= 0:
            return index
    first = day_progress(run, module).first_not_done()
    return 0 if first is None else first
