"""The day walk in plain Python (milliseconds, no terminal): moves, what is kept, what a day brings back,
and a walk through every step of the shipped program, as a person doing the four days would.

The Pilot journeys check that the screens forward keys to this walk; what the walk itself decides is
checked here, so those journeys can run a small sample program.
"""

from __future__ import annotations

from dataclasses import replace

from tests.expect import answer_to
from tests.memory_run import MemoryRun, sample_value
from workshop.answers import CommitmentValue, ItemsValue, TextValue
from workshop.content.models import CommitmentStep, Program, RecapStep
from workshop.flow.completion import StepState, continue_place, day_progress, program_finished, step_states
from workshop.flow.day import DayWalk, day_summary, recap_items
from workshop.flow.describe import describe_value
from workshop.flow.followups import commitments_of
from workshop.flow.runs import run_days, shown_answer


def test_a_day_opens_where_it_was_left_and_every_move_is_remembered(program: Program) -> None:
    one = program.modules[0]
    run = MemoryRun()
    walk = DayWalk(program, one, run)
    assert (walk.index, walk.number, walk.total) == (0, 1, len(one.steps))
    assert run.position == ("one", "welcome")  # opening a day is a move too
    assert walk.next() and run.position == ("one", "first-thought")
    assert walk.skip() and walk.step.id == "meaning-now"
    assert walk.back() and walk.step.id == "first-thought"
    # Reopened later, the day starts on the step the user was on, not at its beginning.
    assert DayWalk(program, one, run).step.id == "first-thought"


def test_moves_stop_at_the_ends_of_the_day(program: Program) -> None:
    one = program.modules[0]
    run = MemoryRun()
    walk = DayWalk(program, one, run)
    assert not walk.back() and walk.index == 0
    walk.go_to(99)
    assert walk.index == walk.total - 1 and run.position == ("one", one.steps[-1].id)
    assert not walk.skip() and walk.index == walk.total - 1
    assert not walk.next()  # the last step: the day is over, and that step is done
    assert one.steps[-1].id in run.done_steps("one")
    assert DayWalk(program, one, run, index=-5).index == 0
    assert DayWalk(program, one, run, index=500).index == walk.total - 1


def test_recording_keeps_an_answer_and_an_empty_one_clears_it(program: Program) -> None:
    one = program.modules[0]
    run = MemoryRun()
    walk = DayWalk(program, one, run, index=1)  # first-thought, a prompt
    walk.record(TextValue("a first thought"))
    assert walk.current_answer() is not None and run.answer("first-thought") is not None
    created = answer_to(run, "first-thought").created
    walk.record(TextValue("a first thought, longer"))
    assert answer_to(run, "first-thought").created == created  # changed, not new
    walk.record(TextValue("   "))  # every word rubbed out
    assert run.answer("first-thought") is None
    changes = run.changes
    walk.record(None)  # nothing to clear: nothing changes
    walk.record(TextValue(""))
    assert run.changes == changes


def test_a_plan_with_only_its_when_or_its_date_written_is_kept(program: Program) -> None:
    """Words typed into "When" with "I will" still empty are the person's words: kept, not cleared."""
    one = program.modules[0]
    run = MemoryRun()
    walk = DayWalk(program, one, run, index=[step.id for step in one.steps].index("one-step"))
    walk.record(CommitmentValue(when="after the Tuesday clinic"))
    assert answer_to(run, "one-step").value == CommitmentValue(when="after the Tuesday clinic")
    assert describe_value(CommitmentValue(when="after the Tuesday clinic")) == "When: after the Tuesday clinic"
    walk.record(CommitmentValue(date="2026-12-04"))
    assert answer_to(run, "one-step").value == CommitmentValue(date="2026-12-04")
    # Not yet a plan: nothing to follow up or to put in a calendar until it says what the person will do.
    assert commitments_of(program, run) == []
    walk.record(CommitmentValue("walk home", "after the Tuesday clinic"))
    assert [item.step.id for item in commitments_of(program, run)] == ["one-step"]


def test_skip_leaves_a_step_open_and_next_counts_it_done_without_an_answer(program: Program) -> None:
    one = program.modules[0]
    run = MemoryRun()
    walk = DayWalk(program, one, run, index=2)
    walk.skip()
    walk.next()
    assert "meaning-now" not in run.done_steps("one") and "signs" in run.done_steps("one")
    assert run.answer("signs") is None  # moving on is a choice, not an answer


def test_finishing_the_last_day_finishes_the_run_only_when_everything_is_done(program: Program) -> None:
    run = MemoryRun()
    last = DayWalk(program, program.modules[-1], run)
    assert last.last_day and not DayWalk(program, program.modules[0], run).last_day
    while last.next():
        pass
    last.finish()
    assert run.finished is None and not last.program_finished  # day one was never done
    first = DayWalk(program, program.modules[0], run, index=0)
    while first.next():
        pass
    last.finish()
    assert last.program_finished and run.finished is not None


def test_a_recap_brings_back_its_sources_in_its_own_order(program: Program) -> None:
    recap = program.modules[1].steps[0]
    assert isinstance(recap, RecapStep)
    run = MemoryRun()
    run.set_answer("one", "one-step", CommitmentValue("Walk home", "Friday"))
    run.set_answer("one", "first-thought", TextValue("tired"))
    items = recap_items(program, run, recap)
    assert [item.step.id for item in items] == ["first-thought", "values", "one-step"]
    assert [item.answer is not None for item in items] == [True, False, True]
    assert [item.module.id for item in items] == ["one", "one", "one"]
    missing = replace(recap, sources=["gone", "values"])
    assert [item.step.id for item in recap_items(program, run, missing)] == ["values"]


def test_the_end_of_a_day_sets_commitments_apart_and_leaves_out_empty_answers(program: Program) -> None:
    one = program.modules[0]
    run = MemoryRun()
    run.set_answer("one", "first-thought", TextValue("tired"))
    run.set_answer("one", "one-step", CommitmentValue("Walk home", ""))
    run.set_answer("one", "five-things", ItemsValue(("", "  ")))  # kept as typed, but nothing in it
    summary = day_summary(run, one)
    assert [step.id for step, _ in summary.answers] == ["first-thought"]
    assert [step.id for step, _ in summary.commitments] == ["one-step"]
    assert not summary.complete and summary.still_open[0].id == "welcome"


# ---- the shipped program, every step ---------------------------------------------------------------------


def test_a_walk_through_every_step_of_the_shipped_program(shipped: Program) -> None:
    """Four days, every step answered (each kind with an answer it can hold) and moved past with Next:
    each step is done the moment it is, each day ends complete, Continue always points at the next step,
    recaps bring back what was written, and at the end the run is finished."""
    run = MemoryRun()
    answered = 0
    for module in shipped.modules:
        walk = DayWalk(shipped, module, run)
        assert walk.index == 0, f"{module.id} opens at its start"
        while True:
            step = walk.step
            place = continue_place(run, shipped)
            assert place is not None and (place.module.id, place.index) == (module.id, walk.index)
            if isinstance(step, RecapStep):
                for item in walk.recap_items(step):
                    assert item.answer is not None, f"{step.id} brings back {item.step.id}, answered earlier"
            if step.answer_type is not None:
                value = sample_value(step.answer_type, step)
                walk.record(value)
                answer = shown_answer(run, step)
                assert answer is not None and answer.value == value, step.id
                assert describe_value(value, step).strip() and describe_value(value, step, style="document")
                assert step_states(run, module)[walk.index] is StepState.DONE  # an answer is enough
                answered += 1
            moved = walk.next()
            assert step.id in run.done_steps(module.id)
            if not moved:
                break
        walk.finish()
        progress = day_progress(run, module)
        assert progress.finished and progress.describe() == "done", module.id
        summary = day_summary(run, module)
        assert summary.complete and not summary.still_open
        commitments = [s for s in module.steps if isinstance(s, CommitmentStep)]
        assert [step for step, _ in summary.commitments] == commitments
    assert program_finished(run, shipped) and run.finished is not None
    assert continue_place(run, shipped) is None
    assert answered == sum(1 for m in shipped.modules for s in m.steps if s.answer_type is not None)
    days = run_days(shipped, run)
    assert [day.module_id for day in days] == [m.id for m in shipped.modules]
    assert all(entry.done for day in days for entry in day.steps) and not any(day.earlier for day in days)
