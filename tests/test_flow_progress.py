"""The rules behind what the screens show, in plain Python: done, skipped and open; where Continue goes;
how a checklist, a scale, the values sort and the review's previews answer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from tests.memory_run import START
from workshop.answers import Answer, ChoicesValue, TextValue, Value
from workshop.content.models import ChoiceStep, Program, RankStep
from workshop.flow.answering import pick_note, rank_note, scale_number, toggle_pick
from workshop.flow.completion import (
    StepState,
    continue_place,
    day_progress,
    program_finished,
    resume_index,
    step_states,
)
from workshop.flow.day import DayWalk, day_summary
from workshop.flow.review import match_spans, preview
from workshop.tui.terminal import legacy_text, tolerant_decoder, tolerate_bad_input_bytes
from workshop.tui.widgets.field import UndoHistory

D, S, O = StepState.DONE, StepState.SKIPPED, StepState.OPEN  # noqa: E741 - the states, in a table


@dataclass
class FakeRun:
    """A run in memory: what the flow reads and writes, nothing stored."""

    answers: dict[str, Value] = field(default_factory=dict)
    done: dict[str, set[str]] = field(default_factory=dict)
    position: tuple[str, str] | None = None
    finished: bool = False

    def answer(self, step_id: str) -> Answer | None:
        value = self.answers.get(step_id)
        return None if value is None else Answer(step_id, value, START, START)

    def done_steps(self, module_id: str) -> frozenset[str]:
        return frozenset(self.done.get(module_id, set()))

    def set_answer(self, module_id: str, step_id: str, value: Value) -> None:
        self.answers[step_id] = value

    def clear_answer(self, module_id: str, step_id: str) -> None:
        self.answers.pop(step_id, None)

    def mark_done(self, module_id: str, step_id: str) -> None:
        self.done.setdefault(module_id, set()).add(step_id)

    def set_position(self, module_id: str, step_id: str) -> None:
        self.position = (module_id, step_id)

    def mark_finished(self) -> None:
        self.finished = True


def ids(program: Program, day: int) -> list[str]:
    return [step.id for step in program.modules[day].steps]


def test_a_step_is_done_skipped_or_open(program: Program) -> None:
    one = program.modules[0]  # welcome, first-thought, meaning-now, signs, five-things, values, ...
    run = FakeRun()
    assert step_states(None, one) == [O] * 8
    assert step_states(run, one) == [O] * 8
    walk = DayWalk(program, one, run)
    walk.next()  # welcome: done by moving on, with nothing to answer
    walk.record(TextValue("a thought"))  # first-thought: done by its answer, before moving on
    assert step_states(run, one)[:3] == [D, D, O]
    walk.skip()  # first-thought stays done: it has an answer
    walk.skip()  # meaning-now: skipped, the user went on past it
    assert step_states(run, one)[:5] == [D, D, S, O, O]
    walk.next()  # signs: done, with no answer (moving on is a choice)
    assert step_states(run, one)[:5] == [D, D, S, D, O]
    progress = day_progress(run, one)
    assert (progress.complete, progress.skipped, progress.total) == (3, 1, 8)
    assert progress.started and not progress.finished
    assert progress.first_not_done() == 2
    assert progress.describe() == "3 of 8, 1 skipped"


def test_clearing_an_answer_of_a_step_never_moved_past_makes_it_open_again(program: Program) -> None:
    one = program.modules[0]
    run = FakeRun()
    walk = DayWalk(program, one, run, index=1)
    walk.record(TextValue("words"))
    assert step_states(run, one)[1] is D
    walk.record(TextValue(""))  # every word rubbed out
    assert step_states(run, one)[1] is O  # where the user is: neither done nor skipped


def test_continue_goes_back_to_the_step_left_in_the_middle_else_to_the_first_not_done(
    program: Program,
) -> None:
    one = program.modules[0]
    run = FakeRun()
    assert continue_place(None, program) is not None
    walk = DayWalk(program, one, run)
    for _ in range(3):
        walk.next()
    walk.record(TextValue("half a"))  # on signs, mid-answer, then the app closes
    place = continue_place(run, program)
    assert place is not None and (place.module.id, place.number) == ("one", 4)

    # A skipped step, then the rest of the day done: Continue offers the skipped step, not the last one.
    run = FakeRun()
    walk = DayWalk(program, one, run)
    walk.next()
    walk.next()
    walk.skip()  # meaning-now is left open
    while walk.next():
        pass
    assert run.position == ("one", ids(program, 0)[-1])
    place = continue_place(run, program)
    assert place is not None and (place.module.id, place.index) == ("one", 2)
    assert resume_index(run, one) == 2
    summary = day_summary(run, one)
    assert not summary.complete and [step.id for step in summary.still_open] == ["meaning-now"]

    DayWalk(program, one, run, index=2).next()
    place = continue_place(run, program)
    assert place is not None and (place.module.id, place.index) == ("two", 0)
    assert resume_index(run, one) == 0  # a day that is complete opens at its start, to read again


def test_a_finished_program_has_nowhere_to_continue(program: Program) -> None:
    run = FakeRun()
    for module in program.modules:
        walk = DayWalk(program, module, run, index=0)
        while walk.next():
            pass
        walk.finish()
    assert program_finished(run, program) and run.finished
    assert continue_place(run, program) is None


def choice(**fields: Any) -> ChoiceStep:
    base: dict[str, Any] = {"id": "signs", "kind": "choice", "title": "Signs", "question": "Which?", "multiple": True}
    return ChoiceStep(**(base | fields))


def test_an_exclusive_option_stands_alone() -> None:
    step = choice(options=["Numb", "Irritable", "None of these"], exclusive=["None of these"])
    picked = toggle_pick(step, (), "Irritable")
    picked = toggle_pick(step, picked, "Numb")
    assert picked == ("Numb", "Irritable")  # in the order of the options
    assert toggle_pick(step, picked, "None of these") == ("None of these",)
    assert toggle_pick(step, ("None of these",), "Numb") == ("Numb",)
    assert toggle_pick(step, ("Numb",), "Numb") == ()
    single = choice(options=["Yes", "No"], multiple=False)
    assert toggle_pick(single, ("Yes",), "No") == ("No",)


def test_exclusive_names_an_option_of_a_checklist() -> None:
    with pytest.raises(ValueError, match="not one of the options"):
        choice(options=["A", "B"], exclusive=["C"])
    with pytest.raises(ValueError, match="only make sense in a checklist"):
        choice(options=["A", "B"], exclusive=["A"], multiple=False)


def test_the_pick_note_counts_the_words_of_ones_own_too() -> None:
    step = choice(options=["A", "B", "C", "D"], max_picks=2, allow_other=True)
    assert pick_note(step, ChoicesValue(("A",), "")) == "1 picked (up to 2)"
    assert pick_note(step, ChoicesValue(("A", "B"), "dread")).startswith("3 picked: up to 2")


@pytest.mark.parametrize(
    ("low", "high", "digit", "previous", "chosen"),
    [
        (0, 10, 1, None, 1),
        (0, 10, 0, 1, 10),  # "1" then "0" quickly: ten
        (0, 10, 5, 1, 5),  # 15 is off the scale: the new digit alone
        (1, 10, 0, None, None),  # 0 is not on a 1-10 scale
        (1, 5, 7, None, None),
        (0, 20, 2, 1, 12),
    ],
)
def test_number_keys_on_a_scale(
    low: int, high: int, digit: int, previous: int | None, chosen: int | None
) -> None:
    assert scale_number(low, high, digit, previous) == chosen


def test_the_values_sort_says_why_a_sixth_pick_is_not_taken() -> None:
    step = RankStep(id="v", kind="rank", title="V", question="Q?", options=list("ABCDEFG"), pick=5)
    assert rank_note(step, ("A", "B")) == "3 more to pick"
    note = rank_note(step, tuple("ABCDE"), refused="F")
    assert "picked 5 already" in note and "'F'" in note and "remove one" in note


def test_a_preview_never_hides_a_single_line_and_matches_are_found_in_any_case() -> None:
    assert preview("1\n2\n3", 2).text == "1\n2\n3"  # one line more is shown, not "1 more line"
    long = preview("\n".join(str(n) for n in range(10)), 2)
    assert (long.text, long.more) == ("0\n1", 8)
    assert match_spans("Sleep, then sleep more", "SLEEP") == [(0, 5), (12, 17)]
    assert match_spans("a (b) c", "(b)") == [(2, 5)]  # the query is text, not a pattern
    assert match_spans("anything", "  ") == []


def test_undo_takes_back_a_word_at_a_time() -> None:
    history = UndoHistory()
    value = ""
    for character in "two words":
        history.record(value, len(value), character, removed=0)
        value += character
    history.record(value, len(value), "", removed=1)  # Backspace
    value = value[:-1]
    assert history.undo(value, len(value)) == ("two words", 9)
    assert history.undo("two words", 9) == ("two ", 4)
    assert history.undo("two ", 4) == ("", 0)
    assert history.undo("", 0) is None
    assert history.redo("", 0) == ("two ", 4)


def test_bytes_from_a_latin1_terminal_read_as_what_was_meant() -> None:
    assert legacy_text("café".encode("latin-1")[-1:]) == "é"
    assert legacy_text(b"\x93quoted\x94") == "\u201cquoted\u201d"  # Windows-1252's curly quotes
    assert legacy_text(b"\x81") == ""  # no character in either: dropped
    tolerate_bad_input_bytes()
    decoder = tolerant_decoder("utf-8")()
    # A Latin-1 é looks like the start of a three-byte character: it is read once the next byte shows not.
    assert decoder.decode(b"caf\xe9") == "caf"
    assert decoder.decode(b" ok", final=True) == "é ok"
    assert driver_decoder_is_tolerant()


def driver_decoder_is_tolerant() -> bool:
    """Textual's Linux driver decodes with the tolerant decoder (it names it as a module global)."""
    import sys

    if sys.platform == "win32":
        return True
    from textual.drivers import linux_driver

    return linux_driver.getincrementaldecoder is tolerant_decoder
