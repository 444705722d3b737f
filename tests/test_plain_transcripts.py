"""Golden transcripts: a script of answers piped through a real ``workshop --plain`` process, the output
compared line for line with the transcript kept in tests/data/plain/, then every answer found in the
journal on disk.

The transcripts are taken on a very wide terminal, so that no line is wrapped: a date in the middle of a
wrapped paragraph would move every line after it from one day to the next. Wrapping itself is checked on
a narrow terminal, line by line.

When the program's text or the plain mode's wording changes on purpose, regenerate the transcripts with
``WORKSHOP_UPDATE_GOLDEN=1 pytest tests/test_plain_transcripts.py`` and read the difference before
committing it: it is what a screen-reader user will hear.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from tests.plain_helpers import (
    PLAIN_PROGRAM,
    answer_script,
    cells,
    forbidden_bytes,
    journal_answers,
    normalised,
    plain_process,
)
from workshop.answers import TextValue
from workshop.content.loader import load_program
from workshop.content.models import Program
from workshop.flow.completion import program_finished
from workshop.journal.store import Journal

GOLDEN = Path(__file__).resolve().parent / "data" / "plain"
UPDATE = bool(os.environ.get("WORKSHOP_UPDATE_GOLDEN"))
WIDE = 1000
"""Columns for a golden transcript: wider than any line, so none is wrapped."""


def compare_with_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
        return
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True), text.splitlines(keepends=True), str(path), "this run", n=2
            )
        )
        pytest.fail(
            f"the plain transcript differs from {path}:\n{diff[:6000]}\n"
            "If the change is intended: WORKSHOP_UPDATE_GOLDEN=1 pytest tests/test_plain_transcripts.py"
        )


def test_all_four_days_of_the_shipped_program(tmp_path: Path, shipped: Program) -> None:
    program = shipped
    lines, expected = answer_script(program)
    data_dir = tmp_path / "data"
    result = plain_process(["--plain", "--data-dir", str(data_dir)], [*lines, "quit"], columns=WIDE)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stderr == b""
    assert forbidden_bytes(result.stdout) == []
    text = result.stdout.decode("utf-8")
    # Every step was reached in order and said where it is, then the session ended in one calm line.
    for module in program.modules:
        for number in range(1, len(module.steps) + 1):
            assert f"Day {module.day}, step {number} of {len(module.steps)}\n" in text
    assert text.rstrip("\n").splitlines()[-1] == "Everything is saved. Come back whenever you like."
    compare_with_golden("shipped-transcript.txt", normalised(text, data_dir))
    # Every answer typed is in the journal, as typed; the run is complete.
    assert journal_answers(data_dir, program) == expected
    with Journal.open(data_dir, program, lock=False) as journal:
        run = journal.runs[0]
        assert program_finished(run, program) and run.finished is not None


def every_screen_script() -> tuple[list[str], list[str]]:
    """Two sessions over tests/data/plain that reach every step kind and every page, with hostile words."""
    first = [
        "help",
        "support",
        "",  # home: the commands, the support lines, then begin day 1
        "something",
        "",  # a reading: nothing to answer, then on
        "9",
        "0",
        "0",
        "0",
        "0",
        "1",
        "",  # the WHO-5, very low: the support lines, gently; Enter to carry on
        "2",  # burnout
        "hint",
        "first line \x1b[31mred\x1b[0m [bold]x[/] \u202eevil\u202c \x07",
        "second line",
        "",  # a prompt
        "11",
        "7",  # a scale: off the scale, then 7
        "9",
        "1 2 3",
        "1 4",
        "my own [@click=app.quit]words[/]",  # a checklist: too many; None of these alone
        "1 2",
        "2",  # a single choice
        "a",
        "b",
        "c",
        "d",
        "",  # a list of three: full
        "9",
        "1 1 2 3 4",  # the values sort: not a number on the list; then too many and a repeat
        "",  # a pause, ended early
        "hint",
        "act now",
        "by friday",  # a commitment, the day ends
        "",  # the end of the day: home
        "skip",
        "99",
        "",  # home: nothing to skip, no such number, continue with day 2
        "skip",
        "back",
        "thread line",
        "",
        "8",  # recap skipped, back to it, then the scale
        "3 2 1",
        "my north star",
        "",
        "goal one",
        "goal two",
        "",  # values again, north star, goals
        "3",
        "3",
        "3",
        "3",
        "3",  # the WHO-5 again
        "home",  # home in the middle of the last step
        "4",
        "list",
        "more",  # the second page of the list: 11 to 15 of 15
        "more",  # nothing more
        "12",  # an answer from the second page, read whole
        "1",
        "edit 3",
        "added later",
        "",
        "zzz",
        "first",
        "then 1",
        "run 1",
        "all runs",
        "",
        "5",
        "",  # insight
        "6",
        "print",
        "markdown",
        "",  # the north-star page, saved twice
        "7",
        "html",  # export
        "8",
        "",  # share my scores: the summary, then not written
        "9",
        "",  # support
        "10",
        "no",
        "10",
        "yes",  # a new run: not now, then yes
        "3",
        "quit",  # day 2 of the new run: its recap has nothing yet
    ]
    second = ["4", "first", "then 1", "then 1 1 2", "run 2", "", "quit"]
    return first, second


def test_every_screen_prints_only_plain_lines(tmp_path: Path) -> None:
    """Every step kind and every page, with hostile program text and hostile answers, typed and stored:
    no control byte but newline, no ESC, no bidirectional override, no box drawing, no line over 40
    columns; and the words themselves are all there."""
    program = load_program(PLAIN_PROGRAM)
    # A folder named relative to the working folder, so the paths said (exports) are the same every time.
    data_dir = Path("plain-data")
    args = ["--plain", "--program", str(PLAIN_PROGRAM), "--data-dir", str(data_dir)]
    first, second = every_screen_script()
    one = plain_process(args, first, columns=40, cwd=tmp_path)
    # An answer stored with control codes (written by an older version, or by hand) is shown safely too.
    with Journal.open(tmp_path / data_dir, program) as journal:
        run = journal.current_run()
        assert run is not None
        run.set_answer(
            "one", "first-thought", TextValue("stored \x1b]0;title\x07 \x1b[2J\u2066x\u2069 [/] text")
        )
        journal.save(run)
    two = plain_process(args, second, columns=40, cwd=tmp_path)
    for result in (one, two):
        assert result.returncode == 0, result.stderr.decode()
        assert result.stderr == b""
        assert forbidden_bytes(result.stdout) == []
        assert [line for line in result.stdout.decode().splitlines() if cells(line) > 40] == []
    text = one.stdout.decode() + two.stdout.decode()
    for seen in (
        "Plain [bold]test[/] program ---",  # the title, its box drawing replaced
        "Thank you for answering honestly.",  # the gentle support after a very low WHO-5
        "first line red [bold]x[/] evil",  # typed: key sequences and controls dropped
        "Ticked: None of these.",
        "Only 3 are kept; left out: Family.",
        "Then and now: A first thought [/]",
        "stored ]0;title [2Jx [/] text",  # stored: shown without its control codes
        "Exported to <data>/exports/",  # a path longer than a line breaks after a folder
        "plain-test-<stamp>.html",
        "A new run has started.",
        "Commands, at any prompt:",
        "The charts, in words:",
        "What matters most to me",
    ):
        assert seen in " ".join(normalised(text, data_dir).split()) or seen in normalised(text, data_dir), (
            seen
        )


def test_every_screen_transcript(tmp_path: Path) -> None:
    """The same two sessions, unwrapped, as a golden transcript: what each page and step says."""
    program = load_program(PLAIN_PROGRAM)
    data_dir = Path("plain-data")
    args = ["--plain", "--program", str(PLAIN_PROGRAM), "--data-dir", str(data_dir)]
    first, second = every_screen_script()
    one = plain_process(args, first, columns=WIDE, cwd=tmp_path)
    with Journal.open(tmp_path / data_dir, program) as journal:
        run = journal.current_run()
        assert run is not None
        run.set_answer("one", "first-thought", TextValue("stored \x1b]0;title\x07 [/] text"))
        journal.save(run)
    two = plain_process(args, second, columns=WIDE, cwd=tmp_path)
    transcript = one.stdout.decode() + "\n(a second session)\n\n" + two.stdout.decode()
    compare_with_golden("every-screen-transcript.txt", normalised(transcript, data_dir))
