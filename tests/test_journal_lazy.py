"""Older runs opened from their index and read on first use (``Journal.open(lazy=True)``, the app's way).

What must hold: a save of an older run never writes a day with only the new answer; a file damaged after
start is reported when first read, and kept; an index that cannot be trusted means the files are read, as
without one; an encrypted journal is read in full; a run let go (``release``) reads the same again.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.clocks import SteppingClock
from tests.tui_helpers import build_app, until, wait_for_journal
from workshop.answers import TextValue
from workshop.content.models import Program
from workshop.files import atomic
from workshop.flow.completion import program_progress
from workshop.journal import index
from workshop.journal.crypto import Identity
from workshop.journal.errors import JournalProblem
from workshop.journal.format import decode_module, parse_bytes
from workshop.journal.store import Journal, OneAtATime, Run
from workshop.reports.export import FORMATS, iter_render, render
from workshop.tui.screens.notice import Notice
from workshop.tui.screens.review import ReviewScreen

WORDS = "the night shift I keep coming back to"
LATER = "what the second run said"
SCORES_ID = "0123456789abcdef0123456789abcdef"


def run_dir(data: Path, number: int) -> Path:
    return data / "journal" / "mini" / f"run-{number:03d}"


def three_runs(data: Path, program: Program, identity: Identity | None = None) -> None:
    """Two runs with answers on two days (the first finished, with a scores id), and a new current one
    (encrypted with ``identity``'s key files in ``data``, if given)."""
    with Journal.open(data, program, clock=SteppingClock(), identity=identity) as journal:
        first = journal.new_run()
        first.set_answer("one", "first-thought", TextValue(WORDS))
        first.set_answer("one", "meaning-now", TextValue("meaning"))
        first.set_answer("two", "single", TextValue("a second day"))
        first.mark_done("one", "welcome")
        first.set_position("two", "single")
        first.give_scores_id(SCORES_ID)
        first.mark_finished()
        journal.save(first)
        second = journal.new_run()
        second.set_answer("one", "first-thought", TextValue(LATER))
        journal.save(second)
        journal.new_run()


def answers_on_disk(data: Path, number: int, module_id: str) -> dict[str, str]:
    raw = (run_dir(data, number) / f"{module_id}.toml").read_bytes()
    found = decode_module(parse_bytes(raw), module_id)
    return {step: str(getattr(answer.value, "text", answer.value)) for step, answer in found.answers.items()}


def test_older_runs_open_from_their_index_and_show_what_home_and_progress_need(
    tmp_path: Path, program: Program
) -> None:
    data = tmp_path / "data"
    three_runs(data, program)
    with Journal.open(data, program, lock=False) as full, Journal.open(data, program, lazy=True) as lazy:
        assert [run.loaded for run in lazy.runs] == [False, False, True]
        for read, opened in zip(full.runs, lazy.runs, strict=True):
            assert (opened.number, opened.started, opened.finished) == (read.number, read.started, read.finished)
            assert (opened.position, opened.program_version) == (read.position, read.program_version)
            assert opened.last_activity == read.last_activity
            assert not opened.dirty
        assert not any(run.loaded for run in lazy.runs[:2])  # none of that read a file
        first = lazy.runs[0]
        assert first.answer("first-thought") is not None and first.loaded
        for read, opened in zip(full.runs, lazy.runs, strict=True):
            assert [vars(d) for d in program_progress(opened, program)] == [
                vars(d) for d in program_progress(read, program)
            ]
            assert opened.answers("one") == read.answers("one") and opened.scores_id == read.scores_id
        assert not lazy.problems


def test_the_runs_of_a_journal_share_one_map_of_where_each_step_is(tmp_path: Path, program: Program) -> None:
    # Each run kept its own (1.6 kB with the shipped program): 0.4 MB at twenty years, for the session.
    data = tmp_path / "data"
    three_runs(data, program)
    for lazy in (False, True):
        with Journal.open(data, program, lazy=lazy) as journal:
            runs = [*journal.runs, journal.new_run()]
            assert len({id(run._home) for run in runs}) == 1
            # Still where each step is: an answer kept under another day is found by its step.
            assert runs[0].answer("single") is not None and runs[0].answer("first-thought") is not None


def give_scores_id(run: Run) -> None:
    assert run.give_scores_id("f" * 32) == SCORES_ID  # the id it was shared under: never a second one


# Each change an older run can take, and what must be true of the run read back after it is saved.
EDITS: dict[str, tuple[Callable[[Run], None], Callable[[Run], bool]]] = {
    "set an answer": (
        lambda run: run.set_answer("one", "signs", TextValue("added later")),
        lambda run: run.answers("one")["signs"].value == TextValue("added later"),
    ),
    "clear another answer": (
        lambda run: run.clear_answer("one", "meaning-now"),
        lambda run: "meaning-now" not in run.answers("one"),
    ),
    "mark a step done": (
        lambda run: run.mark_done("one", "signs"),
        lambda run: run.done_steps("one") == {"welcome", "signs"},
    ),
    "move the position": (
        lambda run: run.set_position("one", "signs"),
        lambda run: run.position == ("one", "signs"),
    ),
    "give a scores id": (give_scores_id, lambda run: run.scores_id == SCORES_ID),  # an id is never replaced
}
# The second run is not finished: marking it so must not be undone by what its file said.
MARK_FINISHED = (lambda run: run.mark_finished(), lambda run: run.finished is not None)


@pytest.mark.parametrize(("edit", "check"), EDITS.values(), ids=list(EDITS))
def test_an_edit_of_an_older_run_keeps_every_earlier_answer(
    tmp_path: Path, program: Program, edit: Callable[[Run], None], check: Callable[[Run], bool]
) -> None:
    data = tmp_path / "data"
    three_runs(data, program)
    before_one, before_two = answers_on_disk(data, 1, "one"), answers_on_disk(data, 1, "two")
    with Journal.open(data, program, lazy=True) as journal:
        older = journal.runs[0]
        assert not older.loaded
        edit(older)
        journal.save(older)
    after_one = answers_on_disk(data, 1, "one")
    for step, text in before_one.items():
        assert after_one.get(step) == text or step == "meaning-now"  # only the cleared one may go
    assert after_one["first-thought"] == WORDS
    assert answers_on_disk(data, 1, "two") == before_two
    with Journal.open(data, program, lock=False) as reopened:
        run = reopened.runs[0]
        assert check(run)
        assert run.scores_id == SCORES_ID
        assert run.finished is not None and "welcome" in run.done_steps("one")
        assert not reopened.problems


def test_marking_an_older_run_finished_keeps_its_answers_and_the_mark(tmp_path: Path, program: Program) -> None:
    data = tmp_path / "data"
    three_runs(data, program)
    with Journal.open(data, program, lazy=True) as journal:
        edit, _ = MARK_FINISHED
        edit(journal.runs[1])
        journal.save(journal.runs[1])
    assert answers_on_disk(data, 2, "one") == {"first-thought": LATER}
    with Journal.open(data, program, lock=False) as reopened:
        assert MARK_FINISHED[1](reopened.runs[1])


def test_the_save_snapshot_of_an_older_run_holds_nothing_to_write_until_it_changes(
    tmp_path: Path, program: Program
) -> None:
    data = tmp_path / "data"
    three_runs(data, program)
    with Journal.open(data, program, lazy=True) as journal:
        older = journal.runs[1]
        assert older.unsaved().nothing and older.loaded
        assert journal.save(older).saved == ()
        older.set_answer("one", "signs", TextValue("x"))
        (written,) = older.unsaved().modules
        assert written[0].answers["first-thought"].value == TextValue(LATER)


def test_a_day_damaged_after_start_is_reported_when_first_read_and_kept(
    tmp_path: Path, program: Program
) -> None:
    data = tmp_path / "data"
    three_runs(data, program)
    with Journal.open(data, program, lazy=True) as journal:
        reported: list[list[JournalProblem]] = []
        journal.on_problems = reported.append
        damaged = run_dir(data, 1) / "one.toml"
        damaged.write_bytes(b"\x00\x00 not toml")  # a sync tool, after the app opened
        older = journal.runs[0]
        assert older.answer("first-thought") is None  # what could be read is shown: day two
        assert older.answers("two")
        (problems,) = reported
        (problem,) = problems
        assert problem.path == damaged and str(damaged) in problem.message and "kept" in problem.message
        assert journal.problems == [problem]
        older.set_answer("one", "signs", TextValue("new"))  # then the user writes in that day anyway
        report = journal.save(older)
        assert any("could not be read" in notice for notice in report.notices)
    kept = [path for path in run_dir(data, 1).iterdir() if path.read_bytes() == b"\x00\x00 not toml"]
    assert kept, "the damaged file is kept, never overwritten"


def test_a_problem_is_reported_once_when_a_released_run_is_read_again(tmp_path: Path, program: Program) -> None:
    data = tmp_path / "data"
    three_runs(data, program)
    with Journal.open(data, program, lazy=True) as journal:
        reported: list[list[JournalProblem]] = []
        journal.on_problems = reported.append
        (run_dir(data, 1) / "two.toml").write_bytes(b"[[[")
        older = journal.runs[0]
        older.load()
        assert older.release() and not older.loaded
        assert older.answers("one")["first-thought"].value == TextValue(WORDS)
        assert len(reported) == 1 and len(journal.problems) == 1


def stale_index(data: Path) -> None:
    os.utime(run_dir(data, 1) / "one.toml", ns=(1, 1))


def no_index(data: Path) -> None:
    (run_dir(data, 1) / index.INDEX_FILE).unlink()


def newer_index(data: Path) -> None:
    path = run_dir(data, 1) / index.INDEX_FILE
    found = json.loads(path.read_text())
    path.write_text(json.dumps({**found, "format": "workshop-run-index 99"}))


def linked_folder(data: Path) -> None:
    folder = run_dir(data, 1)
    folder.rename(folder.with_name("kept-elsewhere"))
    folder.symlink_to("kept-elsewhere")


def index_without_a_day(data: Path) -> None:
    path = run_dir(data, 1) / index.INDEX_FILE
    found = json.loads(path.read_text())
    del found["modules"]["two.toml"]
    path.write_text(json.dumps(found))


UNTRUSTED = {
    "stale": stale_index,
    "missing": no_index,
    "newer format": newer_index,
    "run folder is a link": linked_folder,
    "a day not in it": index_without_a_day,
}


def read_whole_at_open(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The run folders whose files ``Journal.open`` reads whole (not opened from their index), in order."""
    read: list[str] = []
    load_run = Journal._load_run

    def recorded(journal: Journal, folder: Path, number: int, names: list[str]) -> Run | None:
        read.append(folder.name)
        return load_run(journal, folder, number, names)

    monkeypatch.setattr(Journal, "_load_run", recorded)
    return read


@pytest.mark.parametrize("spoil", UNTRUSTED.values(), ids=list(UNTRUSTED))
def test_an_index_that_cannot_be_trusted_means_the_files_are_read(
    tmp_path: Path, program: Program, spoil: Callable[[Path], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    three_runs(data, program)
    spoil(data)
    read_whole = read_whole_at_open(monkeypatch)
    with Journal.open(data, program, lazy=True) as journal:
        assert read_whole == [run_dir(data, 1).name, run_dir(data, 3).name]  # its files, not its index
        # Then, its index written afresh from its files, let go as the other older runs are; a run whose
        # folder is a link is never opened from an index, so it stays read.
        assert [run.loaded for run in journal.runs] == [spoil is linked_folder, False, True]
        assert journal.runs[0].answers("one")["first-thought"].value == TextValue(WORDS)


def test_a_run_read_in_full_at_open_with_a_damaged_day_stays_read(tmp_path: Path, program: Program) -> None:
    data = tmp_path / "data"
    three_runs(data, program)
    (run_dir(data, 1) / "two.toml").write_bytes(b"[[[")  # the index no longer matches: read at open
    with Journal.open(data, program, lazy=True) as journal:
        assert [run.loaded for run in journal.runs] == [True, False, True]
        assert len(journal.problems) == 1 and journal.problems[0].path == run_dir(data, 1) / "two.toml"
        assert journal.runs[0].answers("one")["first-thought"].value == TextValue(WORDS)


def test_a_copied_journal_is_read_whole_once_and_not_held(
    tmp_path: Path, program: Program, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A journal restored from a backup or moved to a new computer: every file has a new inode, so no
    # index is trusted. Each older run was read whole and kept for the session: twenty years, 110 MiB.
    three_runs(tmp_path / "data", program)
    data = tmp_path / "copy"
    shutil.copytree(tmp_path / "data", data)
    read_whole = read_whole_at_open(monkeypatch)
    with Journal.open(data, program, lazy=True) as journal:
        assert read_whole == [run_dir(data, number).name for number in (1, 2, 3)]
        assert [run.loaded for run in journal.runs] == [False, False, True]
        assert journal.runs[0].answers("one")["first-thought"].value == TextValue(WORDS)
        assert journal.runs[1].answers("one")["first-thought"].value == TextValue(LATER)
        older = journal.runs[0]
        older.set_answer("one", "signs", TextValue("more"))  # read again, changed and saved as before
        journal.save(older)
    read_whole.clear()
    with Journal.open(data, program, lazy=True) as journal:
        assert read_whole == [run_dir(data, 3).name]  # the indexes were written afresh: trusted now
        assert journal.runs[0].answers("one")["signs"].value == TextValue("more")
        assert journal.runs[0].answers("one")["first-thought"].value == TextValue(WORDS)
        assert not journal.problems


def test_an_encrypted_journal_is_read_in_full_and_keeps_no_index(
    encrypted_data: Path, journal_keys: tuple[Path, Identity], program: Program
) -> None:
    # The tests' cheap keys: turning encryption on (and its index removal) is tested in test_journal_index.
    data, identity = encrypted_data, journal_keys[1]
    three_runs(data, program, identity)
    with Journal.open(data, program, lazy=True, identity=identity) as journal:
        assert all(run.loaded for run in journal.runs)
        older = journal.runs[0]
        older.set_answer("one", "signs", TextValue("more"))
        journal.save(older)
    assert not list(data.rglob(index.INDEX_FILE))
    assert all(WORDS.encode() not in path.read_bytes() for path in data.rglob("*.toml"))


def test_a_released_run_reads_the_same_again_and_a_changed_one_is_not_let_go(
    tmp_path: Path, program: Program
) -> None:
    data = tmp_path / "data"
    three_runs(data, program)
    with Journal.open(data, program, lazy=True) as journal:
        older, current = journal.runs[0], journal.runs[-1]
        assert not current.release()  # read in full at start: nothing to let go
        assert older.release() is False  # not read yet
        before = older.answers("one")
        assert older.release() and not older.loaded
        assert older.answers("one") == before
        older.set_answer("one", "signs", TextValue("unsaved"))
        assert not older.release()
        assert older.answers("one")["signs"].value == TextValue("unsaved")


def test_a_run_let_go_then_changed_and_saved_still_has_every_day_in_its_index(
    tmp_path: Path, program: Program
) -> None:
    # A run let go forgets what the journal kept of its days for its index (memory at twenty years); a
    # save after that must still write an index naming every day, or the next start reads it in full.
    data = tmp_path / "data"
    three_runs(data, program)
    with Journal.open(data, program, lazy=True) as journal:
        older = journal.runs[0]
        older.answers("one")
        assert older.release() and not older.loaded
        older.set_answer("one", "meaning-now", TextValue("changed after"))
        journal.save(older)
    assert set(index.read_all(run_dir(data, 1))[0]) == {"one.toml", "two.toml"}
    with Journal.open(data, program, lazy=True) as reopened:
        assert not reopened.runs[0].loaded  # its index is trusted: opened from it
        assert reopened.runs[0].answers("two")["single"].value == TextValue("a second day")
        assert reopened.runs[0].answers("one")["meaning-now"].value == TextValue("changed after")


def test_a_run_let_go_hands_over_one_day_from_its_file_while_that_file_is_as_it_was_read(
    tmp_path: Path, program: Program
) -> None:
    data = tmp_path / "data"
    three_runs(data, program)
    with Journal.open(data, program, lazy=True) as journal:
        older = journal.runs[0]
        assert older.day_answers("two") == older.answers("two")  # read: its own answers
        before = older.answers("one")
        assert older.release()
        assert older.day_answers("one") == before and not older.loaded  # that file alone: still let go
        day = run_dir(data, 1) / "one.toml"
        day.write_text(day.read_text().replace(WORDS, "changed elsewhere"))
        assert older.day_answers("one") is None and not older.loaded  # not as it was read: the run is to be read
        assert older.answers("one")["first-thought"].value == TextValue("changed elsewhere")


async def test_the_app_reports_a_damaged_older_day_when_the_review_first_reads_it(
    tmp_path: Path, program: Program, mini_program_dir: Path
) -> None:
    data = tmp_path / "data"
    three_runs(data, program)
    damaged = run_dir(data, 1) / "one.toml"
    app = build_app(mini_program_dir, data)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_journal(pilot)
        assert app.journal is not None and not app.journal.problems
        assert not app.journal.runs[0].loaded
        damaged.write_bytes(b"\x00\x00 not toml")
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, Notice))
        notice = app.screen
        assert isinstance(notice, Notice)
        assert "could not be read" in notice.title_text and str(damaged) in notice.body
        await pilot.press("escape")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        # Back on the review, it reads its answers afresh: the rest of them once the first page is drawn.
        await until(pilot, lambda: review.searched)
        texts = [entry.text for entry in review.entries]
        assert LATER in texts and "a second day" in texts and WORDS not in texts
    assert damaged.read_bytes() == b"\x00\x00 not toml"


def test_a_backup_of_a_day_found_damaged_late_is_restored_into_that_run(tmp_path: Path, program: Program) -> None:
    data = tmp_path / "data"
    three_runs(data, program)
    with Journal.open(data, program, lazy=True) as journal:  # a second save: the first is the backup
        journal.runs[0].set_answer("one", "signs", TextValue("second save"))
        journal.save(journal.runs[0])
    with Journal.open(data, program, lazy=True) as journal:
        (run_dir(data, 1) / "one.toml").write_bytes(b"[[[")  # after the journal opened
        journal.runs[0].load()
        (problem,) = journal.problems
        assert problem.backup is not None
        journal.restore_backup(problem)
        assert not journal.problems
    with Journal.open(data, program, lock=False) as reopened:
        assert reopened.runs[0].answers("one")["first-thought"].value == TextValue(WORDS)
        assert reopened.runs[0].answers("two")["single"].value == TextValue("a second day")
    assert any(path.read_bytes() == b"[[[" for path in run_dir(data, 1).iterdir())


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_export_lets_each_older_run_go_once_written_and_is_the_same_document(
    tmp_path: Path, program: Program, fmt: str
) -> None:
    data = tmp_path / "data"
    three_runs(data, program)
    with Journal.open(data, program, lock=False) as full:
        whole = render(fmt, program, full.runs)
    with Journal.open(data, program, lock=False, lazy=True) as journal:
        runs = OneAtATime(journal.runs, held=1)  # as twenty years are: more runs than are held
        pieces = iter_render(fmt, program, runs)
        first = next(pieces)
        assert len(first) < len(whole)  # written as it is made, not all at the end
        assert "".join([first, *pieces]) == whole
        assert [run.loaded for run in journal.runs] == [False, False, True]  # read, written, let go
    with Journal.open(data, program, lock=False, lazy=True) as journal:
        # A short history is read once, however many passes the export makes (charts, then runs).
        assert "".join(iter_render(fmt, program, OneAtATime(journal.runs))) == whole
        assert all(run.loaded for run in journal.runs)


def test_a_streamed_file_is_left_as_it_was_when_making_it_fails(tmp_path: Path) -> None:
    path = tmp_path / "export.html"
    path.write_bytes(b"the export before")

    def pieces() -> Iterator[bytes]:
        yield b"half of "
        raise RuntimeError("the renderer failed")

    with pytest.raises(RuntimeError):
        atomic.write_stream(path, pieces())
    assert path.read_bytes() == b"the export before" and list(tmp_path.iterdir()) == [path]
    atomic.write_stream(path, iter([b"a ", b"whole ", b"export"]))
    assert path.read_bytes() == b"a whole export" and path.stat().st_mode & 0o777 == 0o600
