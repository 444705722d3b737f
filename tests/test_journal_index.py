"""The run index (``workshop/journal/index.py``) and the summaries read from it (``summary.py``).

What progress and validate count from the index must be what the journal itself says, whatever happened
to the files since the index was written; and the index never holds a word anyone typed.
"""

from __future__ import annotations

from pathlib import Path

from tests.clocks import SteppingClock
from tests.conftest import JOURNAL_PASSPHRASE
from workshop.answers import TextValue
from workshop.content.models import Program
from workshop.flow.completion import program_progress
from workshop.journal import index
from workshop.journal.crypto import Identity
from workshop.journal.store import Journal, Run
from workshop.journal.summary import RunSummary, read_summaries

WORDS = "the night shift I keep coming back to"


def run_dir(data: Path, number: int) -> Path:
    return data / "journal" / "mini" / f"run-{number:03d}"


def counts(program: Program, run: Run | RunSummary) -> list[tuple[int, int, bool]]:
    return [(day.complete, day.total, day.finished) for day in program_progress(run, program)]


def three_runs(data: Path, program: Program) -> None:
    """A finished-ish run, one with an empty answer and a step done, and a new one."""
    with Journal.open(data, program, clock=SteppingClock()) as journal:
        first = journal.new_run()
        for step in ("first-thought",):
            first.set_answer("one", step, TextValue(WORDS))
        first.mark_done("one", "welcome")
        first.set_position("one", "signs")
        first.give_scores_id("0123456789abcdef0123456789abcdef")
        first.mark_finished()
        journal.save(first)
        second = journal.new_run()
        second.set_answer("one", "first-thought", TextValue("   "))  # empty: not complete
        second.mark_done("one", "breathe")
        journal.save(second)
        journal.new_run()


def assert_same_as_the_journal(data: Path, program: Program) -> None:
    read = read_summaries(data, program)
    assert read is not None and read.earlier == 0
    summaries = read.runs
    with Journal.open(data, program, lock=False) as journal:
        assert [s.number for s in summaries] == [r.number for r in journal.runs]
        for summary, run in zip(summaries, journal.runs, strict=True):
            assert counts(program, summary) == counts(program, run)
            assert summary.last_activity == run.last_activity
            assert (summary.started, summary.finished) == (run.started, run.finished)
            assert (summary.position, summary.program_version) == (run.position, run.program_version)


def test_summaries_count_as_the_journal_does_and_the_index_holds_no_words(
    tmp_path: Path, program: Program
) -> None:
    data = tmp_path / "data"
    three_runs(data, program)
    assert_same_as_the_journal(data, program)
    for number in (1, 2):
        raw = (run_dir(data, number) / index.INDEX_FILE).read_bytes()
        assert b"night shift" not in raw and b"first-thought" in raw
        assert b"0123456789abcdef" not in raw  # the id a scores file was shared under stays in the run file


def test_a_file_changed_after_its_index_is_read_from_the_file(tmp_path: Path, program: Program) -> None:
    # A sync tool or an editor rewrites a day: the index no longer matches it and is not trusted.
    data = tmp_path / "data"
    three_runs(data, program)
    day = run_dir(data, 1) / "one.toml"
    day.write_text(day.read_text().replace(WORDS, ""))
    meta = run_dir(data, 1) / "_run.toml"
    meta.write_text("\n".join(line for line in meta.read_text().splitlines() if not line.startswith("finished")))
    assert_same_as_the_journal(data, program)
    read = read_summaries(data, program)
    assert read is not None and "first-thought" not in read.runs[0].answered("one")
    assert read.runs[0].finished is None


def test_a_damaged_or_missing_index_changes_nothing_and_opening_writes_it_again(
    tmp_path: Path, program: Program
) -> None:
    data = tmp_path / "data"
    three_runs(data, program)
    (run_dir(data, 1) / index.INDEX_FILE).write_bytes(b"{not json")
    (run_dir(data, 2) / index.INDEX_FILE).unlink()
    assert_same_as_the_journal(data, program)
    with Journal.open(data, program):  # the app opening the journal brings each index up to date
        pass
    assert index.read(run_dir(data, 1)) and index.read(run_dir(data, 2))
    assert_same_as_the_journal(data, program)


def test_an_encrypted_journal_has_no_index_and_summaries_defer_to_the_journal(
    tmp_path: Path, program: Program, cheap_new_keys: Identity
) -> None:
    data = tmp_path / "data"
    three_runs(data, program)
    assert list(data.rglob(index.INDEX_FILE))
    with Journal.open(data, program) as journal:
        journal.turn_on_encryption(JOURNAL_PASSPHRASE)
        run = journal.runs[-1]
        run.set_answer("one", "first-thought", TextValue(WORDS))
        journal.save(run)
    assert not list(data.rglob(index.INDEX_FILE))
    assert read_summaries(data, program) is None
