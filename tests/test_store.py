"""The journal store: runs, answers, saving only what changed, failures that lose nothing, outside edits.

Each test names the promise it checks; each would fail if that promise broke.
"""

from __future__ import annotations

import errno
import os
import stat
import threading
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.clocks import SteppingClock
from tests.expect import answer_to, not_none
from workshop.answers import (
    ChoicesValue,
    CommitmentValue,
    IntegerValue,
    ItemsValue,
    RankedValue,
    TextValue,
    Value,
)
from workshop.content.models import Program
from workshop.files import atomic
from workshop.journal import index
from workshop.journal.errors import JournalError
from workshop.journal.format import FORMAT, RUN_FILE
from workshop.journal.store import Journal, Run

SECRET = "my private words about the night shift"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "journal-data"


@pytest.fixture
def journal(data: Path, program: Program) -> Iterator[Journal]:
    with Journal.open(data, program, clock=SteppingClock()) as opened:
        yield opened


def reopen(data: Path, program: Program) -> Journal:
    return Journal.open(data, program, lock=False)


def run_dir(data: Path, number: int = 1) -> Path:
    return data / "journal" / "mini" / f"run-{number:03d}"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


# --------------------------------------------------------------------------------------------------------
# Runs and answers
# --------------------------------------------------------------------------------------------------------


def test_new_journal_has_no_runs_and_creates_nothing_when_read_only(data: Path, program: Program) -> None:
    with reopen(data, program) as journal:
        assert journal.runs == [] and journal.current_run() is None and journal.problems == []
    assert not data.exists()


def test_every_kind_of_answer_comes_back_after_reopening(
    journal: Journal, data: Path, program: Program
) -> None:
    run = journal.new_run()
    values: dict[str, Value] = {
        "first-thought": TextValue("line one\nline two"),
        "meaning-now": IntegerValue(7),
        "signs": ChoicesValue(("Numbness", "Guilt"), "something else"),
        "five-things": ItemsValue(("walks", "", "my daughter's laugh")),
        "values": RankedValue(("Craft", "Family", "Curiosity")),
        "one-step": CommitmentValue("Take a real lunch break", "Thursday"),
    }
    for step_id, value in values.items():
        run.set_answer("one", step_id, value)
    run.mark_done("one", "welcome")
    run.set_position("one", "values")
    journal.save(run)
    with reopen(data, program) as again:
        loaded = again.current_run()
        assert loaded is not None
        for step_id, value in values.items():
            answer = loaded.answer(step_id)
            assert answer is not None and answer.value == value
            assert answer.updated == answer_to(run, step_id).updated
        assert loaded.done_steps("one") == {"welcome"}
        assert loaded.position == ("one", "values")
        assert loaded.program_id == "mini" and loaded.program_version == "1.0"
        assert loaded.last_activity == run.last_activity


def test_set_answer_keeps_created_and_an_unchanged_value_is_a_no_op(journal: Journal) -> None:
    run = journal.new_run()
    run.set_answer("one", "first-thought", TextValue("a"))
    first = answer_to(run, "first-thought")
    journal.save(run)
    run.set_answer("one", "first-thought", TextValue("a"))
    assert not run.dirty
    assert answer_to(run, "first-thought").updated == first.updated
    run.set_answer("one", "first-thought", TextValue("b"))
    second = run.answer("first-thought")
    assert second is not None and first is not None
    assert second.created == first.created and second.updated > first.updated
    assert run.dirty


def test_clear_answer_removes_it_from_the_file(journal: Journal, data: Path, program: Program) -> None:
    run = journal.new_run()
    run.set_answer("one", "first-thought", TextValue("gone soon"))
    journal.save(run)
    run.clear_answer("one", "first-thought")
    journal.save(run)
    with reopen(data, program) as again:
        assert again.runs[0].answer("first-thought") is None


def test_runs_are_kept_separately_and_numbered_from_one(
    journal: Journal, data: Path, program: Program
) -> None:
    first = journal.new_run()
    first.set_answer("one", "first-thought", TextValue("first run"))
    first.mark_finished()
    journal.save(first)
    second = journal.new_run()
    second.set_answer("one", "first-thought", TextValue("second run"))
    journal.save(second)
    with reopen(data, program) as again:
        assert [r.number for r in again.runs] == [1, 2]
        assert answer_to(again.runs[0], "first-thought").value == TextValue("first run")
        assert answer_to(again.runs[1], "first-thought").value == TextValue("second run")
        assert again.runs[0].finished is not None and again.runs[1].finished is None
        assert not_none(again.current_run()).number == 2


def test_save_rewrites_only_the_changed_module_file(journal: Journal, data: Path) -> None:
    run = journal.new_run()
    run.set_answer("one", "first-thought", TextValue("day one"))
    run.set_answer("two", "closing", CommitmentValue("walk", "Friday"))
    journal.save(run)
    two = run_dir(data) / "two.toml"
    before = os.stat(two)
    run.set_answer("one", "first-thought", TextValue("day one, changed"))
    report = journal.save(run)
    assert report.saved == (run_dir(data) / "one.toml",)
    assert os.stat(two).st_ino == before.st_ino and os.stat(two).st_mtime_ns == before.st_mtime_ns


def test_nothing_to_save_writes_nothing(journal: Journal) -> None:
    run = journal.new_run()
    assert journal.save(run).saved == ()


def test_each_file_carries_its_format_version_and_keeps_a_backup(journal: Journal, data: Path) -> None:
    run = journal.new_run()
    run.set_answer("one", "first-thought", TextValue("version one"))
    journal.save(run)
    run.set_answer("one", "first-thought", TextValue("version two"))
    journal.save(run)
    folder = run_dir(data)
    current = tomllib.loads((folder / "one.toml").read_text("utf-8"))
    backup = tomllib.loads((folder / "one.backup.toml").read_text("utf-8"))
    assert current["format"] == FORMAT and tomllib.loads((folder / RUN_FILE).read_text())["format"] == FORMAT
    assert current["answers"]["first-thought"]["text"] == "version two"
    assert backup["answers"]["first-thought"]["text"] == "version one"


def test_answers_to_removed_steps_and_modules_stay_and_are_saved_again(
    journal: Journal, data: Path, program: Program
) -> None:
    run = journal.new_run()
    run.set_answer("one", "a-step-since-removed", TextValue("from an earlier version"))
    run.set_answer("gone-day", "old-step", IntegerValue(3))
    journal.save(run)
    with Journal.open(data / "elsewhere", program) as other:  # a fresh journal must not see them
        assert other.runs == []
    journal.close()
    with Journal.open(data, program) as again:
        loaded = again.runs[0]
        assert "a-step-since-removed" in loaded.answers("one")
        assert loaded.answers("gone-day")["old-step"].value == IntegerValue(3)
        loaded.set_answer("one", "first-thought", TextValue("new"))
        again.save(loaded)
    with reopen(data, program) as last:
        assert last.runs[0].answer("a-step-since-removed") is not None


def test_answer_prefers_the_module_the_program_puts_the_step_in(journal: Journal) -> None:
    run = journal.new_run()
    run.set_answer("two", "first-thought", TextValue("stale copy in another file"))
    run.set_answer("one", "first-thought", TextValue("where it belongs"))
    assert answer_to(run, "first-thought").value == TextValue("where it belongs")


def test_bad_values_and_module_ids_are_refused_before_they_reach_a_file(journal: Journal) -> None:
    run = journal.new_run()
    with pytest.raises(ValueError, match="module_id"):
        run.set_answer("../escape", "x", TextValue("a"))
    with pytest.raises(TypeError):
        run.set_answer("one", "first-thought", TextValue(5))  # type: ignore[arg-type]  # the wrong type on purpose
    with pytest.raises(TypeError):
        run.set_answer("one", "values", RankedValue(["a"]))  # type: ignore[arg-type]  # the wrong type on purpose
    assert not run.dirty


def test_repr_of_a_run_never_shows_answers(journal: Journal) -> None:
    run = journal.new_run()
    run.set_answer("one", "first-thought", TextValue(SECRET))
    assert SECRET not in repr(run)


# --------------------------------------------------------------------------------------------------------
# Privacy: permissions whatever the umask
# --------------------------------------------------------------------------------------------------------


def test_files_are_0600_and_folders_0700_under_umask_000(data: Path, program: Program) -> None:
    old = os.umask(0)
    try:
        with Journal.open(data, program, clock=SteppingClock()) as journal:
            run = journal.new_run()
            run.set_answer("one", "first-thought", TextValue("a"))
            journal.save(run)
            run.set_answer("one", "first-thought", TextValue("b"))
            journal.save(run)
    finally:
        os.umask(old)
    found = [data, *data.rglob("*")]
    assert len(found) >= 8  # data, lock, journal, mini, run-001, run file, module file, backups
    for path in found:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), f"{path.relative_to(data.parent)} {oct(mode)}"


# --------------------------------------------------------------------------------------------------------
# Failures while saving: clear message, memory kept, disk untouched, no temp files
# --------------------------------------------------------------------------------------------------------

Breaker = Callable[[pytest.MonkeyPatch], None]


def _full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    def write(fd: int, data: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "write", write)


def _failing_fsync(monkeypatch: pytest.MonkeyPatch) -> None:
    def fsync(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(atomic.os, "fsync", fsync)


def _read_only_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests may run as root, where chmod cannot make a folder read-only; the OS error is what matters.
    real_open = os.open

    def open_(path: str | bytes | os.PathLike[str] | os.PathLike[bytes], flags: int, *args: int) -> int:
        if flags & os.O_CREAT:
            raise OSError(errno.EROFS, "Read-only file system")
        return real_open(path, flags, *args)

    monkeypatch.setattr(atomic.os, "open", open_)


def _failing_rename(monkeypatch: pytest.MonkeyPatch) -> None:
    def replace(src: object, dst: object) -> None:
        raise OSError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(atomic.os, "replace", replace)


@pytest.mark.parametrize(
    ("breaker", "reason"),
    [
        (_full_disk, "the disk is full"),
        (_failing_fsync, "input/output error"),
        (_read_only_folder, "read-only"),
        (_failing_rename, "permission denied"),
    ],
)
def test_a_failed_save_keeps_memory_and_leaves_the_disk_untouched(
    journal: Journal,
    data: Path,
    program: Program,
    monkeypatch: pytest.MonkeyPatch,
    breaker: Breaker,
    reason: str,
) -> None:
    run = journal.new_run()
    run.set_answer("one", "first-thought", TextValue("saved before"))
    journal.save(run)
    before = snapshot(run_dir(data))
    run.set_answer("one", "first-thought", TextValue(SECRET))
    run.set_position("one", "signs")
    with monkeypatch.context() as patch:
        breaker(patch)
        with pytest.raises(JournalError) as caught:
            journal.save(run)
    message = str(caught.value)
    assert reason in message and "one.toml" in message and "\n" not in message
    assert SECRET not in message and caught.value.__cause__ is None
    assert snapshot(run_dir(data)) == before  # same files, same bytes, no temp file left behind
    assert run.dirty and answer_to(run, "first-thought").value == TextValue(SECRET)
    journal.save(run)  # the next save retries and succeeds
    with reopen(data, program) as again:
        assert answer_to(again.runs[0], "first-thought").value == TextValue(SECRET)
        assert again.runs[0].position == ("one", "signs")


def test_an_unstorable_character_is_refused_without_echoing_the_text(journal: Journal, data: Path) -> None:
    run = journal.new_run()
    run.set_answer("one", "first-thought", TextValue(SECRET + "\ud800"))
    with pytest.raises(JournalError) as caught:
        journal.save(run)
    assert SECRET not in str(caught.value) and "one.toml" in str(caught.value)
    assert not (run_dir(data) / "one.toml").exists() and run.dirty


def test_a_read_only_journal_cannot_save(journal: Journal, data: Path, program: Program) -> None:
    journal.save(journal.new_run())
    with reopen(data, program) as viewer:
        with pytest.raises(JournalError, match="read-only"):
            viewer.new_run()
        with pytest.raises(JournalError, match="read-only"):
            viewer.save(viewer.runs[0])


def test_save_from_a_worker_thread_while_typing_goes_on(
    journal: Journal, data: Path, program: Program
) -> None:
    run = journal.new_run()
    stop = threading.Event()
    failures: list[BaseException] = []

    def saver() -> None:
        while not stop.is_set():
            try:
                journal.save(run)
            except BaseException as error:  # collected and re-raised by the test below
                failures.append(error)
                return

    worker = threading.Thread(target=saver)
    worker.start()
    for n in range(300):
        run.set_answer("one", "first-thought", TextValue(f"keystroke {n}"))
        run.set_answer("two", "closing", CommitmentValue(f"step {n}"))
    stop.set()
    worker.join()
    assert not failures
    journal.save(run)  # whatever the worker's last snapshot missed is still dirty, so this writes it
    assert not run.dirty
    with reopen(data, program) as again:
        assert answer_to(again.runs[0], "first-thought").value == TextValue("keystroke 299")
        assert answer_to(again.runs[0], "closing").value == CommitmentValue("step 299")


def test_a_change_made_during_a_save_stays_dirty(journal: Journal, monkeypatch: pytest.MonkeyPatch) -> None:
    run = journal.new_run()
    run.set_answer("one", "first-thought", TextValue("before"))
    real = atomic.write_files

    def typing_meanwhile(writes: list[atomic.Write], **options: Any) -> dict[Path, atomic.Signature]:
        if writes[0].path.name != index.INDEX_FILE:  # the index is written after the save, without fsync
            run.set_answer("one", "first-thought", TextValue("typed while saving"))
        return real(writes, **options)

    monkeypatch.setattr(atomic, "write_files", typing_meanwhile)
    journal.save(run)
    assert run.dirty


# --------------------------------------------------------------------------------------------------------
# Outside edits and unreadable files are never overwritten silently
# --------------------------------------------------------------------------------------------------------


def test_an_outside_edit_is_kept_beside_the_new_save(journal: Journal, data: Path, program: Program) -> None:
    run = journal.new_run()
    run.set_answer("one", "first-thought", TextValue("mine"))
    journal.save(run)
    path = run_dir(data) / "one.toml"
    edited = path.read_text("utf-8").replace("'mine'", "'edited on the laptop'")
    path.write_text(edited, "utf-8")  # a sync tool or a hand edit, while the app is open
    run.set_answer("one", "first-thought", TextValue("typed in the app"))
    report = journal.save(run)
    assert len(report.notices) == 1 and "changed outside the workshop" in report.notices[0]
    kept = list(run_dir(data).glob("one.changed-*.toml"))
    assert len(kept) == 1 and kept[0].read_text("utf-8") == edited
    assert kept[0].name in report.notices[0]
    assert stat.S_IMODE(kept[0].stat().st_mode) == 0o600
    with reopen(data, program) as again:
        assert answer_to(again.runs[0], "first-thought").value == TextValue("typed in the app")


def test_touching_a_file_without_changing_it_is_not_a_conflict(journal: Journal, data: Path) -> None:
    run = journal.new_run()
    run.set_answer("one", "first-thought", TextValue("mine"))
    journal.save(run)
    path = run_dir(data) / "one.toml"
    os.utime(path, ns=(1, 1))
    run.set_answer("one", "first-thought", TextValue("more"))
    assert journal.save(run).notices == ()


def test_a_file_that_appeared_since_opening_is_kept(journal: Journal, data: Path) -> None:
    run = journal.new_run()
    synced = run_dir(data) / "two.toml"
    synced.write_text("from another machine", "utf-8")
    run.set_answer("two", "closing", CommitmentValue("walk"))
    report = journal.save(run)
    assert report.notices and [p.read_text() for p in run_dir(data).glob("two.changed-*.toml")] == [
        "from another machine"
    ]


def test_an_unreadable_module_is_moved_aside_before_saving_and_can_be_restored(
    data: Path, program: Program
) -> None:
    with Journal.open(data, program, clock=SteppingClock()) as journal:
        run = journal.new_run()
        run.set_answer("one", "first-thought", TextValue("the good version"))
        journal.save(run)
        run.set_answer("one", "meaning-now", IntegerValue(4))
        journal.save(run)  # one.backup.toml now holds "the good version" without the scale
    path = run_dir(data) / "one.toml"
    path.write_bytes(b"\x00" * 300)  # what a power cut can leave
    with Journal.open(data, program, clock=SteppingClock()) as journal:
        [problem] = journal.problems
        assert problem.path == path and problem.backup == run_dir(data) / "one.backup.toml"
        run = journal.runs[0]
        assert run.answers("one") == {}
        run.set_answer("one", "five-things", ItemsValue(("typed after the damage",)))
        report = journal.save(run)
        [aside] = run_dir(data).glob("one.unreadable-*.toml")
        assert aside.read_bytes() == b"\x00" * 300 and aside.name in report.notices[0]
        # The backup is the last good copy: later saves must not rotate it away before it is restored.
        run.set_answer("one", "five-things", ItemsValue(("typed again",)))
        journal.save(run)
        journal.restore_backup(journal.problems[0])
        assert journal.problems == []
        assert answer_to(run, "first-thought").value == TextValue("the good version")
        assert answer_to(run, "five-things").value == ItemsValue(("typed again",))
    with reopen(data, program) as again:
        assert again.problems == []
        restored = again.runs[0]
        assert answer_to(restored, "first-thought").value == TextValue("the good version")
        assert answer_to(restored, "five-things").value == ItemsValue(("typed again",))
    assert aside.read_bytes() == b"\x00" * 300


def test_an_unreadable_run_file_still_loads_the_answers(data: Path, program: Program) -> None:
    with Journal.open(data, program, clock=SteppingClock()) as journal:
        run = journal.new_run()
        run.set_answer("one", "first-thought", TextValue("kept"))
        journal.save(run)
    (run_dir(data) / RUN_FILE).write_bytes(b"")
    with Journal.open(data, program, clock=SteppingClock()) as journal:
        assert len(journal.problems) == 1 and RUN_FILE in journal.problems[0].message
        run = journal.runs[0]
        assert run.number == 1 and answer_to(run, "first-thought").value == TextValue("kept")
        run.set_position("one", "signs")
        report = journal.save(run)
        assert any("_run.unreadable-" in notice for notice in report.notices)
    [aside] = run_dir(data).glob("_run.unreadable-*.toml")
    assert aside.read_bytes() == b""


def test_a_newer_format_is_refused_and_never_rewritten(data: Path, program: Program) -> None:
    with Journal.open(data, program, clock=SteppingClock()) as journal:
        run = journal.new_run()
        run.set_answer("one", "first-thought", TextValue("old app"))
        journal.save(run)
    path = run_dir(data) / "one.toml"
    newer = path.read_text("utf-8").replace(f"format = {FORMAT}", f"format = {FORMAT + 1}")
    path.write_text(newer, "utf-8")
    with Journal.open(data, program, clock=SteppingClock()) as journal:
        [problem] = journal.problems
        assert "newer version of workshop" in problem.message and str(path) in problem.message
        assert problem.backup is None
        run = journal.runs[0]
        assert run.read_only
        run.set_answer("one", "first-thought", TextValue("would overwrite"))
        with pytest.raises(JournalError, match="newer version"):
            journal.save(run)
        fresh = journal.new_run()  # the user can still carry on, in a new run
        fresh.set_answer("one", "first-thought", TextValue("new run"))
        journal.save(fresh)
    assert path.read_text("utf-8") == newer


def test_stale_temp_files_from_a_crash_are_ignored_and_removed_by_the_lock_holder(
    data: Path, program: Program
) -> None:
    with Journal.open(data, program, clock=SteppingClock()) as journal:
        journal.save(journal.new_run())
    temp = run_dir(data) / ".one.toml.1234abcd.tmp"
    temp.write_bytes(b"half a fi")
    with reopen(data, program) as viewer:  # a reader never deletes anything
        assert viewer.problems == []
    assert temp.exists()
    with Journal.open(data, program):
        pass
    assert not temp.exists()


def test_an_empty_run_folder_left_by_a_crash_is_skipped(data: Path, program: Program) -> None:
    run_dir(data, 1).mkdir(parents=True)
    with Journal.open(data, program, clock=SteppingClock()) as journal:
        assert journal.runs == [] and journal.problems == []
        assert journal.new_run().number == 2


def test_run_attributes_match_the_contract(journal: Journal) -> None:
    run = journal.new_run()
    assert isinstance(run, Run)
    assert run.number == 1 and run.position is None and run.finished is None
    run.set_position("one", "welcome")
    run.mark_finished()
    first_finish = run.finished
    run.mark_finished()
    assert run.position == ("one", "welcome") and run.finished == first_finish
