"""The journal-wide list of answered steps (``workshop/journal/answered.py``) that keeps ``validate`` flat.

What it gives must be what the runs' own files say, whatever happened to them since it was written: it
is trusted only while every file it names is unchanged, read again when any is (or changed too recently
to tell), rebuilt when it is damaged or not a regular file (never followed, never waited on), and an
encrypted journal keeps none. It never holds a word anyone typed, nor a date.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.clocks import SteppingClock
from workshop.answers import TextValue
from workshop.content.models import Program
from workshop.journal import answered, index, summary
from workshop.journal.store import Journal

WORDS = "the night shift I keep coming back to"


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written a moment ago count as settled (``RACY_NS``): the tests change them at once."""
    monkeypatch.setattr(answered, "RACY_NS", 0)


def journal_folder(data: Path) -> Path:
    return data / "journal" / "mini"


def two_runs(data: Path, program: Program) -> None:
    with Journal.open(data, program, clock=SteppingClock()) as journal:
        first = journal.new_run()
        first.set_answer("one", "first-thought", TextValue(WORDS))
        first.set_answer("one", "meaning-now", TextValue("   "))  # empty: not answered
        journal.save(first)
        second = journal.new_run()
        second.set_answer("two", "old-question", TextValue(WORDS))  # a step the program dropped
        journal.save(second)


def from_the_journal(data: Path, program: Program) -> set[tuple[str, str, str]]:
    with Journal.open(data, program, lock=False) as journal:
        return {
            (module_id, step_id, run.program_version)
            for run in journal.runs
            for module_id in run.module_ids()
            for step_id, answer in run.answers(module_id).items()
            if not answer.value.is_empty()
        }


def refuse_to_read_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(folder: Path) -> None:
        raise AssertionError(f"{folder} was read: the journal-wide file should have been enough")

    monkeypatch.setattr(summary, "read_run", refuse)


def test_it_says_what_the_journal_says_and_holds_no_words_and_no_dates(
    tmp_path: Path, program: Program, settled: None
) -> None:
    data = tmp_path / "data"
    two_runs(data, program)
    expected = from_the_journal(data, program)
    assert ("one", "first-thought", program.version) in expected
    assert answered.answered_steps(data, program) == expected
    raw = (journal_folder(data) / answered.ANSWERED_FILE).read_text()
    assert "night shift" not in raw and "first-thought" in raw and "meaning-now" not in raw
    assert "2025" not in raw  # the runs' dates (SteppingClock) stay in the runs
    assert oct((journal_folder(data) / answered.ANSWERED_FILE).stat().st_mode & 0o777) == "0o600"


def test_a_second_call_reads_no_run(
    tmp_path: Path, program: Program, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    two_runs(data, program)
    first = answered.answered_steps(data, program)
    refuse_to_read_runs(monkeypatch)
    assert answered.answered_steps(data, program) == first


def test_a_run_changed_added_or_removed_since_is_read_again(
    tmp_path: Path, program: Program, settled: None
) -> None:
    data = tmp_path / "data"
    two_runs(data, program)
    answered.answered_steps(data, program)
    day = journal_folder(data) / "run-001" / "one.toml"
    day.write_text(day.read_text().replace(WORDS, ""))  # in place, as an editor or a sync tool might
    assert answered.answered_steps(data, program) == from_the_journal(data, program)
    assert ("one", "first-thought", program.version) not in from_the_journal(data, program)
    with Journal.open(data, program) as journal:
        third = journal.new_run()
        third.set_answer("one", "signs", TextValue(WORDS))
        journal.save(third)
    found = answered.answered_steps(data, program)
    assert found == from_the_journal(data, program) and ("one", "signs", program.version) in found
    shutil.rmtree(journal_folder(data) / "run-003")
    assert answered.answered_steps(data, program) == from_the_journal(data, program)


def test_a_file_changed_within_a_tick_of_its_signature_is_read_again(
    tmp_path: Path, program: Program
) -> None:
    # Same inode, same size, same modification time, other words: only its age gives it away (RACY_NS).
    data = tmp_path / "data"
    two_runs(data, program)
    answered.answered_steps(data, program)
    day = journal_folder(data) / "run-002" / "two.toml"
    before = day.stat()
    text = day.read_text()
    with day.open("r+") as handle:  # the same bytes' length, the answer's id renamed
        handle.write(text.replace("old-question", "old-questioX"))
    os.utime(day, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (day.stat().st_ino, day.stat().st_size, day.stat().st_mtime_ns) == (
        before.st_ino,
        before.st_size,
        before.st_mtime_ns,
    )
    found = answered.answered_steps(data, program)
    assert found is not None and ("two", "old-questioX", program.version) in found


def test_a_damaged_or_foreign_file_is_rebuilt(tmp_path: Path, program: Program, settled: None) -> None:
    data = tmp_path / "data"
    two_runs(data, program)
    expected = from_the_journal(data, program)
    kept = journal_folder(data) / answered.ANSWERED_FILE
    for damage in (b"{not json", b"[]", b'{"format": "workshop-answered 99"}', b"\0" * 100):
        kept.write_bytes(damage)
        assert answered.answered_steps(data, program) == expected
        assert json.loads(kept.read_bytes())["format"] == answered.FORMAT
    # An entry that lies in shape (a step list that is not ids, a position out of range) is read again.
    found = json.loads(kept.read_bytes())
    found["steps"] = [["ok"], [1, 2]]
    kept.write_text(json.dumps(found))
    assert answered.answered_steps(data, program) == expected
    found = json.loads(kept.read_bytes())
    for record in found["runs"].values():
        record["answered"] = dict.fromkeys(record["answered"], 99)
    kept.write_text(json.dumps(found))
    assert answered.answered_steps(data, program) == expected


def test_a_link_or_a_named_pipe_in_its_place_is_never_followed_and_is_replaced(
    tmp_path: Path, program: Program, settled: None
) -> None:
    data = tmp_path / "data"
    two_runs(data, program)
    expected = from_the_journal(data, program)
    kept = journal_folder(data) / answered.ANSWERED_FILE
    elsewhere = tmp_path / "elsewhere.json"
    answered.answered_steps(data, program)
    elsewhere.write_bytes(kept.read_bytes().replace(b"first-thought", b"planted-step"))
    kept.unlink()
    kept.symlink_to(elsewhere)
    before = elsewhere.read_bytes()
    assert answered.answered_steps(data, program) == expected  # the planted step is not believed
    assert elsewhere.read_bytes() == before and not kept.is_symlink()
    kept.unlink()
    os.mkfifo(kept)  # reading it would wait for a writer forever
    assert answered.answered_steps(data, program) == expected
    assert kept.is_file() and not kept.is_symlink()


def test_a_run_it_cannot_read_defers_to_the_journal(tmp_path: Path, program: Program, settled: None) -> None:
    data = tmp_path / "data"
    two_runs(data, program)
    answered.answered_steps(data, program)
    (journal_folder(data) / "run-002" / "two.toml").write_text("format = 99\n")  # a newer version's file
    assert answered.answered_steps(data, program) is None
    shutil.rmtree(journal_folder(data) / "run-002")
    (journal_folder(data) / "run-002").symlink_to(journal_folder(data) / "run-001")
    assert answered.answered_steps(data, program) is None


def test_an_encrypted_journal_keeps_none(
    tmp_path: Path, program: Program, settled: None, journal_keys: tuple[Path, object]
) -> None:
    data = tmp_path / "data"
    two_runs(data, program)
    answered.answered_steps(data, program)
    kept = journal_folder(data) / answered.ANSWERED_FILE
    assert kept.exists()
    index.remove_all(data / "journal")  # what turning encryption on does first
    assert not kept.exists()
    for name in ("identity.age", "recipient.txt"):
        shutil.copy2(journal_keys[0] / name, data / name)
    assert answered.answered_steps(data, program) is None
    assert not kept.exists()


def test_no_journal_folder_gives_nothing_and_creates_nothing(tmp_path: Path, program: Program) -> None:
    data = tmp_path / "data"
    data.mkdir()
    assert answered.answered_steps(data, program) == set()
    assert list(data.iterdir()) == []


def test_turning_encryption_on_from_the_command_line_leaves_no_index_in_any_form(
    tmp_path: Path, program: Program, settled: None, journal_keys: tuple[Path, object]
) -> None:
    # `workshop encrypt` (encryption.encrypt) and a conversion cut short go through conversion.py, which
    # used to encrypt the indexes with the rest instead of removing them.
    from workshop.journal import encryption

    data = tmp_path / "data"
    two_runs(data, program)
    answered.answered_steps(data, program)
    assert list(data.rglob(index.INDEX_FILE)) and list(data.rglob(answered.ANSWERED_FILE))
    for name in ("identity.age", "recipient.txt"):  # the keys made: a conversion to finish
        shutil.copy2(journal_keys[0] / name, data / name)
    report = encryption.finish_encrypting(data)
    assert report.complete
    assert not list(data.rglob(index.INDEX_FILE)) and not list(data.rglob(answered.ANSWERED_FILE))


def test_validate_warns_from_the_file_without_reading_a_run(
    tmp_path: Path,
    mini_program_dir: Path,
    program: Program,
    settled: None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from workshop.cli import main

    data = tmp_path / "data"
    two_runs(data, program)  # run 2 answered "old-question", which the program does not have
    argv = ["validate", str(mini_program_dir), "--data-dir", str(data)]
    assert main(argv) == 0
    first = capsys.readouterr().out
    assert "steps.old-question: warning: is no longer in the program" in first
    assert (journal_folder(data) / answered.ANSWERED_FILE).is_file()

    def no_run_read(*args: object, **kwargs: object) -> None:
        raise AssertionError("a run was read: validate should have used the journal-wide file")

    monkeypatch.setattr(summary, "_summary", no_run_read)
    assert main(argv) == 0
    assert capsys.readouterr().out == first
