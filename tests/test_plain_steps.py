"""The plain mode, step kind by step kind, as a person types at it: what is kept, what is refused and why.

These run the session in this process (a pipe for the keyboard) to stay fast; tests/test_plain_mode.py
runs the real command.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from tests.plain_helpers import PLAIN_PROGRAM, converse, journal_answers
from workshop.answers import (
    ChoicesValue,
    CommitmentValue,
    IntegerValue,
    ItemScoresValue,
    ItemsValue,
    RankedValue,
)
from workshop.answers import TextValue as Text
from workshop.content.loader import load_program
from workshop.content.models import STEP_KINDS, Program
from workshop.flow.completion import StepState, step_states
from workshop.journal.errors import JournalError, SaveReport
from workshop.journal.store import Journal, Run
from workshop.plain import strings
from workshop.plain.session import PlainSession
from workshop.plain.terminal import LineReader, Output, Signals, wrap
from workshop.settings import Settings

GOODBYE = strings.GOODBYE


@pytest.fixture
def plain() -> Program:
    """Every step kind (tests/data/plain), day 1: reading, WHO-5, burnout, prompt, scale, checklist,
    single choice, list, values sort, pause, commitment; day 2: recap, scale, sort, recap, list, WHO-5,
    commitment."""
    return load_program(PLAIN_PROGRAM)


TO_PROMPT = ["", "", "skip", "skip"]
"""From a new journal to day 1's prompt: begin, read on, skip the two checks."""
TO_SCALE = [*TO_PROMPT, "skip"]
TO_CHECKLIST = [*TO_SCALE, "skip"]
TO_LIST = [*TO_CHECKLIST, "skip", "skip"]
TO_SORT = [*TO_LIST, "skip"]


def test_the_program_has_every_step_kind(plain: Program) -> None:
    kinds = {step.kind for module in plain.modules for step in module.steps}
    assert kinds == set(STEP_KINDS)


# -- words ---------------------------------------------------------------------------------------------------


def test_words_are_kept_line_by_line_and_added_to_never_replaced(tmp_path: Path, plain: Program) -> None:
    data = tmp_path / "data"
    # quit in the middle of an answer: the lines typed so far are kept.
    first = converse(plain, data, [*TO_PROMPT, "one", "two", "quit"])
    assert first.code == 0 and first.out.rstrip().endswith(GOODBYE)
    assert journal_answers(data, plain)["first-thought"] == Text("one\ntwo")
    # Continue comes back to it, shows it, and what is typed now is a new paragraph of the same answer.
    second = converse(plain, data, ["", "three", "", "quit"])
    assert "Your answer so far:\n  one\n  two\n" in second.out
    assert journal_answers(data, plain)["first-thought"] == Text("one\ntwo\n\nthree")
    # Only "clear", typed first, starts again.
    converse(plain, data, ["2", "back", "clear", "new words", "", "quit"])  # day 1 opens where it was left
    assert journal_answers(data, plain)["first-thought"] == Text("new words")


def test_hint_is_a_nudge_only_before_any_words(tmp_path: Path, plain: Program) -> None:
    result = converse(plain, tmp_path / "data", [*TO_PROMPT, "hint", "words", "hint", "", "quit"])
    assert result.out.count("- There is no wrong answer.") == 1
    assert journal_answers(tmp_path / "data", plain)["first-thought"] == Text("words\nhint")


def test_an_empty_line_ends_an_answer_and_moves_on(tmp_path: Path, plain: Program) -> None:
    result = converse(plain, tmp_path / "data", [*TO_PROMPT, "words", "", "quit"])
    assert "Day 1, step 5 of 11\nMeaning\n" in result.out
    assert strings.WRITING_NEW in result.out


# -- numbers -------------------------------------------------------------------------------------------------


def test_a_scale_takes_a_number_on_it_and_refuses_the_rest(tmp_path: Path, plain: Program) -> None:
    result = converse(plain, tmp_path / "data", [*TO_SCALE, "11", "-1", "seven", "7", "quit"])
    assert result.out.count("Please type a whole number from 0 to 10") == 3
    assert "0 means none, and 10 means a great deal." in result.out
    assert journal_answers(tmp_path / "data", plain)["meaning"] == IntegerValue(7)


@pytest.mark.parametrize(
    ("typed", "picked", "alone"),
    [
        ("1 4", ("None of these",), True),  # "None of these" ticked last stands alone
        ("4 1", ("Numbness",), False),  # ticking another option after it clears it
        ("2, 1", ("Numbness", "Irritability"), False),  # commas work; the step's own order is kept
    ],
)
def test_a_checklist_follows_the_flow_rule(
    tmp_path: Path, plain: Program, typed: str, picked: tuple[str, ...], alone: bool
) -> None:
    result = converse(plain, tmp_path / "data", [*TO_CHECKLIST, typed, "", "quit"])
    assert journal_answers(tmp_path / "data", plain)["signs"] == ChoicesValue(picked)
    assert ("None of these stands alone, so the others are not ticked." in result.out) is alone


def test_a_checklist_says_the_invitation_once_and_enter_keeps(tmp_path: Path, plain: Program) -> None:
    lines = [*TO_CHECKLIST, "1 2 3", "", "mine", "quit"]
    result = converse(plain, tmp_path / "data", lines)
    assert "3 picked: up to 2 is the invitation here. Which matter most?" in result.out
    assert journal_answers(tmp_path / "data", plain)["signs"] == ChoicesValue(
        ("Numbness", "Irritability", "Guilt"), "mine"
    )


def test_a_single_choice_takes_one_number(tmp_path: Path, plain: Program) -> None:
    result = converse(plain, tmp_path / "data", [*TO_CHECKLIST, "skip", "1 2", "3", "2", "quit"])
    assert result.out.count(strings.SINGLE_AGAIN) == 2
    assert journal_answers(tmp_path / "data", plain)["single"] == ChoicesValue(("No",))


def test_a_list_holds_what_it_may(tmp_path: Path, plain: Program) -> None:
    result = converse(plain, tmp_path / "data", [*TO_LIST, "a", "b", "c", "d", "", "quit"])
    assert strings.LIST_FULL.format(most=3) in result.out
    assert strings.LIST_NO_ROOM in result.out
    assert journal_answers(tmp_path / "data", plain)["five-things"] == ItemsValue(("a", "b", "c"))


def test_the_values_sort_keeps_the_order_typed(tmp_path: Path, plain: Program) -> None:
    data = tmp_path / "data"
    result = converse(plain, data, [*TO_SORT, "5 1 5 3 2", "quit"])
    assert "Each one counts once." in result.out
    assert "Only 3 are kept; left out: Compassion." in result.out
    assert journal_answers(data, plain)["values"] == RankedValue(("Fairness", "Curiosity", "Craft"))
    # Fewer than asked for: said, and Enter keeps them.
    result = converse(plain, data, ["", "back", "2", "", "quit"])  # continue (the pause), back to the sort
    assert "That is 1 of 3." in result.out
    assert journal_answers(data, plain)["values"] == RankedValue(("Compassion",))


def test_a_check_asks_item_by_item_with_numbered_options(tmp_path: Path, plain: Program) -> None:
    result = converse(plain, tmp_path / "data", ["", "", "5", "", "4", "x", "3", "2", "quit"])
    assert "5. All of the time\n4. Most of the time\n" in result.out
    assert "1 of 5: I have felt cheerful and in good spirits\n" in result.out
    assert "Please type a number from 0 to 5, or press Enter to leave it blank." in result.out
    assert journal_answers(tmp_path / "data", plain)["wellbeing"] == ItemScoresValue(
        "who5", (5, None, 4, 3, 2)
    )
    assert strings.GENTLE_OPENING not in result.out  # not complete: never scored


def test_a_very_low_check_offers_support_gently(tmp_path: Path, plain: Program) -> None:
    result = converse(plain, tmp_path / "data", ["", "", "0", "0", "0", "0", "1", "", "quit"])
    gentle = result.out.index(strings.GENTLE_OPENING.split(".")[0])
    assert (
        result.out.index("WHO-5 Well-Being Index (1998 version)") < gentle < result.out.index("Day 1, step 3")
    )
    assert "Type support at any prompt for the whole list" in result.out


def test_skipping_a_very_low_check_offers_nothing(tmp_path: Path, plain: Program) -> None:
    result = converse(plain, tmp_path / "data", ["", "", "0", "0", "0", "0", "skip", "quit"])
    assert strings.GENTLE_OPENING.split(".")[0] not in result.out


# -- a pause, a recap, a commitment --------------------------------------------------------------------------


def test_a_pause_says_when_it_starts_and_ends_and_never_ticks(tmp_path: Path, plain: Program) -> None:
    result = converse(plain, tmp_path / "data", [*TO_SORT, "skip", "", "quit"])
    assert "The pause begins now and lasts 1 minute and 30 seconds." in result.out
    assert "The pause has ended." in result.out
    assert "Breathe in slowly for a count of five, and out for a count of five." in result.out
    assert "1:29" not in result.out and "0:59" not in result.out


def test_a_pause_ends_by_itself_when_nothing_is_typed() -> None:
    read, write = os.pipe()
    try:
        reader = LineReader(read, Signals())
        assert reader.read_line(timeout=0.05) is None  # the time ran out; nothing was typed
        os.write(write, b"now\n")
        assert reader.read_line(timeout=0.05) == "now"
    finally:
        os.close(read)
        os.close(write)


def test_a_recap_prints_the_earlier_answers_first(tmp_path: Path, plain: Program) -> None:
    data = tmp_path / "data"
    converse(plain, data, [*TO_PROMPT, "what brought me", "", "quit"])
    result = converse(plain, data, ["3", "quit"])  # day 2
    out = result.out
    assert out.index("What you wrote earlier:") < out.index("Day 1, A first thought [/]:\n  what brought me")
    assert out.index("what brought me") < out.index("What do you notice, reading these again?")
    assert "Day 1, Values:\n  (nothing written here yet)" in out


def test_a_commitment_asks_when_then_what_then_a_date(tmp_path: Path, plain: Program) -> None:
    data = tmp_path / "data"
    lines = [*TO_SORT, "skip", "skip", "hint", "Thursday", "Lunch away from the ward", "2026-13-01", ""]
    result = converse(plain, data, [*lines, "", "quit"])
    assert "- Take a real lunch break on Thursday." in result.out
    assert "By when: a day, a place or a cue." in result.out
    assert "I will: one small, concrete action, on one line." in result.out
    assert "Kept as you wrote it. For your calendar, write it as year-month-day" in result.out
    saved = journal_answers(data, plain)["one-step"]
    assert saved == CommitmentValue("Lunch away from the ward", "Thursday", "2026-13-01")  # kept as typed
    assert "Day 1: 2 of 11 steps done\nStill open, for whenever you want them: Well-being," in result.out


# -- commands at any prompt ----------------------------------------------------------------------------------


def test_help_and_support_answer_then_ask_again(tmp_path: Path, plain: Program) -> None:
    result = converse(plain, tmp_path / "data", [*TO_SCALE, "help", "support", "6", "quit"])
    assert "Commands, at any prompt:" in result.out
    assert "Back to day 1, step 5: Meaning." in result.out
    assert "988 Suicide & Crisis Lifeline" in result.out
    assert journal_answers(tmp_path / "data", plain)["meaning"] == IntegerValue(6)


def test_the_commands_are_said_once(tmp_path: Path, plain: Program) -> None:
    result = converse(plain, tmp_path / "data", [*TO_SORT, "skip", "skip", "skip", "", "quit"])
    assert result.out.count("next, back, skip, home, support or quit; help says this again") == 1


def test_back_home_and_skip(tmp_path: Path, plain: Program) -> None:
    data = tmp_path / "data"
    result = converse(plain, data, ["", "back", "", "skip", "home", "quit"])
    assert strings.FIRST_STEP in result.out
    assert result.out.count("Day 1, step 1 of 11") == 2  # back on the first step stays there
    with Journal.open(data, plain, lock=False) as journal:
        run = journal.runs[0]
        states = step_states(run, plain.modules[0])
    assert states[:3] == [StepState.DONE, StepState.SKIPPED, StepState.OPEN]
    assert "Continue: day 1, step 3" in result.out  # Continue goes back to where the user left


def test_end_of_input_in_the_middle_of_an_answer_keeps_it(tmp_path: Path, plain: Program) -> None:
    result = converse(plain, tmp_path / "data", [*TO_PROMPT, "the last words"])
    assert result.code == 0
    assert result.out.splitlines()[-1] == GOODBYE
    assert journal_answers(tmp_path / "data", plain)["first-thought"] == Text("the last words")


# -- the journal ---------------------------------------------------------------------------------------------


def test_a_second_window_is_told_clearly(tmp_path: Path, plain: Program) -> None:
    data = tmp_path / "data"
    with Journal.open(data, plain):
        result = converse(plain, data, ["", "quit"])
    assert result.code == 1
    assert "workshop: The journal is already open in another window" in " ".join(result.err.split())
    assert result.out == ""


def test_a_damaged_file_is_named_and_kept(tmp_path: Path, plain: Program) -> None:
    data = tmp_path / "data"
    converse(plain, data, [*TO_PROMPT, "words", "", "quit"])
    damaged = data / "journal" / "plain-test" / "run-001" / "one.toml"
    damaged.write_bytes(b"this is = = not toml\x00")
    result = converse(plain, data, ["", "quit"], width=400)
    assert "Some files of your journal could not be read:" in result.out
    assert str(damaged) in result.out
    assert "A readable backup exists for 1 of them." in result.out
    assert damaged.read_bytes() == b"this is = = not toml\x00"  # kept exactly as it was


def test_a_failed_save_is_said_once_and_the_words_are_kept(tmp_path: Path, plain: Program) -> None:
    failures = 3

    class FullDisk(Journal):
        def save(self, run: Run) -> SaveReport:
            nonlocal failures
            if failures and run in self.runs and run.dirty:  # once the run has begun
                failures -= 1
                raise JournalError(f"{self.folder}: could not save (the disk is full)")
            return super().save(run)

    data = tmp_path / "data"
    read, write = os.pipe()
    os.write(write, "\n".join(["", "", "skip", "skip", "a", "b", "c", "", "quit"]).encode() + b"\n")
    os.close(write)
    out = io.BytesIO()
    session = PlainSession(
        plain,
        data,
        out=Output(out, echoed=False, width=200),
        err=Output(io.BytesIO(), echoed=False),
        reader=LineReader(read, Signals()),
        settings=Settings(),
        interactive=False,
        open_journal=FullDisk.open,
    )
    assert session.run() == 0
    os.close(read)
    text = out.getvalue().decode()
    assert text.count("Not saved yet:") == 1
    assert strings.SAVED_AGAIN in text
    assert journal_answers(data, plain)["first-thought"] == Text("a\nb\nc")


# -- the lines themselves ------------------------------------------------------------------------------------


def test_wrapping_keeps_every_line_within_the_width() -> None:
    text = "A sentence with a verylongwordthatcannotfitonanylineatall and a /path/to/a/file/far/away.txt end."
    for width in (20, 33, 80):
        lines = wrap(text, width, indent="  ", hanging="    ")
        assert all(len(line) <= width for line in lines)
        assert "".join(line.strip() for line in lines).replace(" ", "") == ("  " + text).replace(" ", "")
    assert wrap("日本語の文章です。" * 4, 20) == [
        "日本語の文章です。日",
        "本語の文章です。日本",
        "語の文章です。日本語",
        "の文章です。",
    ]
