"""The completion rules in plain Python (milliseconds): done, skipped and open; how a day reads; where a
day opens and where Continue goes. One rule drives home, the end of a day, Continue and the palette."""

from __future__ import annotations

import pytest

from tests.memory_run import MemoryRun
from workshop.answers import IntegerValue, TextValue
from workshop.content.models import Program
from workshop.flow.completion import (
    DayProgress,
    StepState,
    continue_place,
    day_progress,
    is_step_complete,
    program_finished,
    program_progress,
    resume_index,
    step_states,
)

D, S, O = StepState.DONE, StepState.SKIPPED, StepState.OPEN  # noqa: E741 - the states, in a table

# Day one of tests/data/mini, in order.
ONE = ["welcome", "first-thought", "meaning-now", "signs", "five-things", "values", "breathe", "one-step"]


def run_with(done: list[str] = [], answered: list[str] = [], at: str | None = None) -> MemoryRun:  # noqa: B006
    run = MemoryRun()
    for step_id in done:
        run.mark_done("one", step_id)
    for step_id in answered:
        run.set_answer("one", step_id, TextValue("words"))
    if at is not None:
        run.set_position("one", at)
    return run


@pytest.mark.parametrize(
    ("done", "answered", "at", "states"),
    [
        ([], [], None, [O, O, O, O, O, O, O, O]),
        (["welcome"], [], None, [D, O, O, O, O, O, O, O]),
        ([], ["signs"], None, [S, S, S, D, O, O, O, O]),  # an answer further on: what is before it was passed
        ([], [], "five-things", [S, S, S, S, O, O, O, O]),  # being on a step passes the ones before it
        (["welcome"], ["first-thought"], "first-thought", [D, D, O, O, O, O, O, O]),
        (ONE, [], None, [D] * 8),
        ([], [], "a-step-no-longer-here", [O] * 8),
    ],
)
def test_the_state_of_every_step(
    program: Program, done: list[str], answered: list[str], at: str | None, states: list[StepState]
) -> None:
    assert step_states(run_with(done, answered, at), program.modules[0]) == states


def test_a_blank_answer_is_not_done_and_moving_past_is(program: Program) -> None:
    one = program.modules[0]
    run = run_with()
    run.set_answer("one", "first-thought", TextValue("  \n "))
    assert not is_step_complete(run, one, one.steps[1])
    run.set_answer("one", "meaning-now", IntegerValue(0))  # zero is an answer
    assert is_step_complete(run, one, one.steps[2])
    run.mark_done("one", "first-thought")
    assert is_step_complete(run, one, one.steps[1])


def test_a_position_in_another_day_passes_nothing_in_this_one(program: Program) -> None:
    run = run_with()
    run.set_position("two", "closing")
    assert step_states(run, program.modules[0]) == [O] * 8


@pytest.mark.parametrize(
    ("states", "said", "first"),
    [
        ((O, O, O), "", 0),
        ((D, O, O), "1 of 3 steps", 1),
        ((D, S, O), "1 of 3, 1 skipped", 1),
        ((D, D, D), "done", None),
        ((S, S, D), "1 of 3, 2 skipped", 0),
    ],
)
def test_how_a_day_reads(program: Program, states: tuple[StepState, ...], said: str, first: int | None) -> None:
    day = DayProgress(program.modules[0], states)
    assert day.describe() == said
    assert day.first_not_done() == first
    assert day.not_done() == [i for i, state in enumerate(states) if state is not D]
    assert day.started == (states != (O, O, O)) and day.finished == (said == "done")
    assert day.fraction == states.count(D) / 3


def test_an_empty_day_is_not_a_division_by_zero(program: Program) -> None:
    assert DayProgress(program.modules[0], ()).fraction == 0.0


def test_where_a_day_opens(program: Program) -> None:
    one = program.modules[0]
    assert resume_index(None, one) == 0
    assert resume_index(run_with(), one) == 0
    assert resume_index(run_with(at="signs"), one) == 3  # the step left in the middle
    assert resume_index(run_with(done=["welcome", "first-thought"]), one) == 2  # the first not done
    assert resume_index(run_with(done=["signs"], at="signs"), one) == 0  # moved past it: the first not done
    assert resume_index(run_with(done=ONE), one) == 0  # a day that is complete opens at its start
    assert resume_index(run_with(at="gone-step"), one) == 0


def test_where_continue_goes(program: Program) -> None:
    first = continue_place(None, program)
    assert first is not None and (first.module.id, first.index, first.number) == ("one", 0, 1)
    place = continue_place(run_with(done=["welcome"], at="five-things"), program)
    assert place is not None and (place.module.id, place.index) == ("one", 4)
    place = continue_place(run_with(done=ONE), program)
    assert place is not None and (place.module.id, place.index) == ("two", 0)
    run = run_with(done=ONE)
    for step in program.modules[1].steps:
        run.mark_done("two", step.id)
    assert continue_place(run, program) is None and program_finished(run, program)
    assert not program_finished(None, program)


def test_every_day_of_the_program_in_order(program: Program) -> None:
    days = program_progress(run_with(done=ONE), program)
    assert [day.module.id for day in days] == ["one", "two"]
    assert [day.finished for day in days] == [True, False]
    assert day_progress(None, program.modules[1]).states == (O,) * len(program.modules[1].steps)
