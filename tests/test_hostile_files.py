"""Hostile files in a program folder or a journal: named pipes, links to /dev/zero, huge files, links out.

Each ends in a clear error naming the file, in bounded time and memory; the rest loads; nothing outside the
folder is read, written or has its permissions changed. The command-line cases run ``workshop`` in a child
process with a time and a memory limit (``tests/bounded.py``), and the others under an alarm, so a
regression fails instead of hanging or filling memory.
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.bounded import run_commands
from tests.clocks import SteppingClock
from tests.conftest import MINI_PROGRAM
from tests.expect import answer_to
from workshop.answers import CommitmentValue, TextValue
from workshop.content.models import Program
from workshop.files.reading import UnsafeFileError, read_file
from workshop.journal.errors import JournalError
from workshop.journal.format import RUN_FILE
from workshop.journal.store import Journal

pytestmark = pytest.mark.skipif(os.name != "posix", reason="named pipes and symbolic links as on POSIX")

HUGE = 200 * 1024 * 1024


@pytest.fixture
def no_hang() -> Iterator[None]:
    """An in-process read that blocks (a regression) fails after a minute instead of hanging the run."""

    def give_up(signum: int, frame: object) -> None:
        raise TimeoutError("a read blocked: a named pipe or device was opened")

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def huge_file(path: Path) -> Path:
    """A 200 MB file that takes no disk space (sparse)."""
    with open(path, "wb") as handle:
        handle.truncate(HUGE)
    return path


def outside_file(tmp_path: Path, text: str = "outside, not ours\n") -> Path:
    """A file outside every folder the workshop reads, readable by others (0644) as a user's file may be."""
    folder = tmp_path / "elsewhere"
    folder.mkdir(exist_ok=True)
    target = folder / "private.txt"
    target.write_text(text, encoding="utf-8")
    target.chmod(0o644)
    return target


# --------------------------------------------------------------------------------------------------------
# The reader itself
# --------------------------------------------------------------------------------------------------------


@pytest.mark.usefixtures("no_hang")
def test_the_reader_refuses_what_is_not_a_small_regular_file_in_its_folder(tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "good.toml").write_text("x = 1\n", encoding="utf-8")
    os.mkfifo(folder / "pipe.toml")
    (folder / "zero.toml").symlink_to("/dev/zero")
    (folder / "out.toml").symlink_to(outside_file(tmp_path))
    (folder / "in.toml").symlink_to("good.toml")
    (folder / "dir.toml").mkdir()
    huge_file(folder / "huge.toml")

    assert read_file(folder / "good.toml", 100, within=folder)[0] == b"x = 1\n"
    assert read_file(folder / "in.toml", 100, within=folder)[0] == b"x = 1\n"  # a link inside is fine
    reasons = {
        "pipe.toml": "not a regular file: a named pipe (FIFO)",
        "zero.toml": f"a link to a file outside {folder}",
        "out.toml": f"a link to a file outside {folder}",
        "dir.toml": "not a regular file: a folder",
        "huge.toml": "larger than 1 MiB",
    }
    for name, reason in reasons.items():
        with pytest.raises(UnsafeFileError) as refused:
            read_file(folder / name, 1024 * 1024, within=folder)
        assert refused.value.reason == reason and refused.value.filename == str(folder / name)
    # A file the user named is followed wherever it leads, but still only if it is a regular file.
    with pytest.raises(UnsafeFileError, match="a device"):
        read_file(folder / "zero.toml", 1024)
    with pytest.raises(UnsafeFileError, match="larger than 3 bytes"):
        read_file(folder / "good.toml", 3)
    with pytest.raises(FileNotFoundError):
        read_file(folder / "missing.toml", 100, within=folder)


# --------------------------------------------------------------------------------------------------------
# Program folders: only the files program.toml names are opened, each checked
# --------------------------------------------------------------------------------------------------------


@pytest.fixture
def shared_program(tmp_path: Path) -> Path:
    """A copy of the mini program, as if a colleague had shared it."""
    folder = tmp_path / "shared"
    shutil.copytree(MINI_PROGRAM, folder)
    return folder


def _hostile(kind: str, path: Path, tmp_path: Path) -> str:
    """Make ``path`` hostile in the way ``kind`` names; return the words the error must contain."""
    path.unlink(missing_ok=True)
    if kind == "named pipe":
        os.mkfifo(path)
        return "not a regular file: a named pipe (FIFO)"
    if kind == "link to /dev/zero":
        path.symlink_to("/dev/zero")
        return "a link to a file outside"
    if kind == "huge file":
        huge_file(path)
        return "larger than 1 MiB"
    if kind == "link out of the folder":
        target = tmp_path / "elsewhere" / path.name
        target.parent.mkdir(exist_ok=True)
        shutil.copy(MINI_PROGRAM / path.name, target)  # a perfectly valid file, but not in the folder
        path.symlink_to(target)
        return "a link to a file outside"
    raise AssertionError(kind)


KINDS = ["named pipe", "link to /dev/zero", "huge file", "link out of the folder"]


def test_a_hostile_file_the_program_names_is_a_named_error(tmp_path: Path) -> None:
    cases = []
    for name in ("program.toml", "one.toml"):
        for kind in KINDS:
            folder = tmp_path / f"{kind} {name}".replace(" ", "-").replace("/", "")
            shutil.copytree(MINI_PROGRAM, folder)
            reason = _hostile(kind, folder / name, tmp_path)
            # progress goes through the content cache (its key reads the files too); validate does not.
            for command in (["progress"], ["validate", str(folder)]):
                cases.append((["--program", str(folder), *command], folder / name, reason))
    for result, (_, path, reason) in zip(run_commands([argv for argv, _, _ in cases]), cases, strict=True):
        said = result.stdout + result.stderr  # validate reports on standard output, others on standard error
        assert result.code == 1, (result.argv, result.code, said)
        assert f"{path}" in said and reason in said, (result.argv, said)
        assert "Traceback" not in said and "unexpected" not in said
        assert "no earlier step" not in said  # day two's recap of day one is not blamed for it


def test_hostile_files_the_program_does_not_name_are_never_opened(shared_program: Path, tmp_path: Path) -> None:
    os.mkfifo(shared_program / "notes.toml")
    (shared_program / "zero.toml").symlink_to("/dev/zero")
    (shared_program / "secret.toml").symlink_to(outside_file(tmp_path))
    linked = tmp_path / "linked"  # and a link that stays inside the folder is followed
    shutil.copytree(MINI_PROGRAM, linked)
    (linked / "days").mkdir()
    (linked / "one.toml").rename(linked / "days" / "one.toml")
    (linked / "one.toml").symlink_to(Path("days") / "one.toml")
    commands = [
        ["--program", str(folder), *command]
        for folder in (shared_program, linked)
        for command in (["progress"], ["progress"], ["validate", str(folder)])  # a cache miss, then a hit
    ]
    for result in run_commands(commands):
        assert (result.code, result.stderr) == (0, ""), result


# --------------------------------------------------------------------------------------------------------
# Journal folders: hostile files are named problems; the rest loads and exports
# --------------------------------------------------------------------------------------------------------


def _journal(data: Path, program: Program) -> Path:
    """Two runs with answers on both days; returns run 1's folder."""
    with Journal.open(data, program, clock=SteppingClock()) as journal:
        for number in (1, 2):
            run = journal.new_run()
            run.set_answer("one", "first-thought", TextValue(f"run {number} day one"))
            run.set_answer("two", "closing", CommitmentValue(f"run {number} day two", ""))
            journal.save(run)
    return data / "journal" / program.id / "run-001"


JOURNAL_KINDS = {
    "named pipe": "not a regular file: a named pipe (FIFO)",
    "link to /dev/zero": "a link to a file outside",
    "huge file": "larger than 16 MiB",
    "link out of the folder": "a link to a file outside",
}


def test_a_hostile_journal_file_is_named_and_the_rest_exports(tmp_path: Path, program: Program) -> None:
    cases = []
    for name in ("one.toml", RUN_FILE):
        for kind, reason in JOURNAL_KINDS.items():
            data = tmp_path / f"{kind} {name}".replace(" ", "-").replace("/", "")
            path = _journal(data, program) / name
            path.unlink()
            if kind == "named pipe":
                os.mkfifo(path)
            elif kind == "link to /dev/zero":
                path.symlink_to("/dev/zero")
            elif kind == "huge file":
                huge_file(path)
            else:
                path.symlink_to(outside_file(tmp_path))
            for command in (["progress"], ["export", "--format", "markdown"], ["export", "--format", "json"]):
                cases.append((["--program", str(MINI_PROGRAM), "--data-dir", str(data), *command], path, reason))
    for result, (_, path, reason) in zip(run_commands([argv for argv, _, _ in cases]), cases, strict=True):
        assert result.code == 0, (result.argv, result.code, result.stderr)
        assert f"{path}: cannot be read ({reason}" in result.stderr, (result.argv, result.stderr)
        assert "Traceback" not in result.stderr and "unexpected" not in result.stderr
        if "export" in result.argv:
            assert "run 2 day one" in result.stdout and "run 2 day two" in result.stdout
            assert "run 1 day two" in result.stdout or path.name == RUN_FILE  # the same run's other file


# --------------------------------------------------------------------------------------------------------
# Saving never follows a link out of the journal, and never changes anything's permissions through one
# --------------------------------------------------------------------------------------------------------


def _fingerprint(path: Path) -> tuple[bytes, int, int]:
    info = os.stat(path)
    return path.read_bytes(), stat.S_IMODE(info.st_mode), info.st_nlink


@pytest.mark.usefixtures("no_hang")
def test_saving_over_a_link_out_of_the_journal_leaves_the_outside_file_as_it_was(
    tmp_path: Path, program: Program
) -> None:
    data = tmp_path / "data"
    path = _journal(data, program) / "one.toml"
    target = outside_file(tmp_path, path.read_text(encoding="utf-8"))  # even a valid journal file
    before = _fingerprint(target)
    path.unlink()
    path.symlink_to(target)
    with Journal.open(data, program, clock=SteppingClock(datetime(2026, 1, 1, tzinfo=UTC))) as journal:
        [problem] = journal.problems
        assert problem.message == (
            f"{path}: cannot be read (a link to a file outside {path.parent}). It is kept as it is; "
            "no readable backup was found."
        )
        run = journal.runs[0]
        run.set_answer("one", "first-thought", TextValue("typed after the link appeared"))
        report = journal.save(run)
        run.set_answer("one", "first-thought", TextValue("and again"))
        journal.save(run)  # a second save makes a backup of the first
    assert _fingerprint(target) == before
    assert stat.S_ISREG(os.lstat(path).st_mode) and stat.S_IMODE(os.lstat(path).st_mode) == 0o600
    [aside] = path.parent.glob("one.unreadable-*.toml")
    assert aside.name in report.notices[0]
    assert os.readlink(aside) == str(target)  # the link itself, moved aside: nothing read through it
    backup = path.parent / "one.backup.toml"
    assert stat.S_ISREG(os.lstat(backup).st_mode) and "typed after the link appeared" in backup.read_text()
    with Journal.open(data, program) as journal:
        assert journal.problems == [] and answer_to(journal.runs[0], "first-thought").value == TextValue("and again")


@pytest.mark.usefixtures("no_hang")
def test_a_changed_file_that_is_a_hard_link_is_copied_aside_not_linked_or_chmodded(
    tmp_path: Path, program: Program
) -> None:
    data = tmp_path / "data"
    with Journal.open(data, program, clock=SteppingClock()) as journal:
        run = journal.new_run()
        run.set_answer("one", "first-thought", TextValue("first"))
        journal.save(run)
        path = run.folder / "one.toml"
        # Someone replaces the file with a hard link to a file elsewhere (readable by others).
        target = outside_file(tmp_path, path.read_text(encoding="utf-8").replace("first", "elsewhere"))
        path.unlink()
        os.link(target, path)
        before = _fingerprint(target)
        run.set_answer("one", "first-thought", TextValue("second"))
        report = journal.save(run)
        assert "changed outside the workshop" in report.notices[0]
        run.set_answer("one", "first-thought", TextValue("third"))
        journal.save(run)
    assert _fingerprint(target)[:2] == before[:2]  # same bytes, same mode (0644): nothing chmodded
    [aside] = path.parent.glob("one.changed-*.toml")
    info = os.lstat(aside)
    assert stat.S_ISREG(info.st_mode) and stat.S_IMODE(info.st_mode) == 0o600
    assert info.st_ino != os.stat(target).st_ino and "elsewhere" in aside.read_text()
    backup = path.parent / "one.backup.toml"
    assert os.lstat(backup).st_ino != os.stat(target).st_ino


@pytest.mark.usefixtures("no_hang")
def test_a_link_inside_the_run_folder_is_read_and_its_backup_is_a_copy(tmp_path: Path, program: Program) -> None:
    data = tmp_path / "data"
    folder = _journal(data, program)
    path = folder / "one.toml"
    (folder / "kept").mkdir()
    real = path.rename(folder / "kept" / "one.toml")
    real.chmod(0o640)
    path.symlink_to(Path("kept") / "one.toml")
    before = _fingerprint(real)
    with Journal.open(data, program, clock=SteppingClock(datetime(2026, 1, 1, tzinfo=UTC))) as journal:
        assert journal.problems == []
        run = journal.runs[0]
        assert answer_to(run, "first-thought").value == TextValue("run 1 day one")
        run.set_answer("one", "first-thought", TextValue("new words"))
        assert journal.save(run).notices == ()
    assert _fingerprint(real) == before
    backup = folder / "one.backup.toml"
    assert stat.S_ISREG(os.lstat(backup).st_mode) and stat.S_IMODE(os.lstat(backup).st_mode) == 0o600
    assert backup.read_bytes() == before[0]
    assert stat.S_ISREG(os.lstat(path).st_mode)


@pytest.mark.usefixtures("no_hang")
def test_a_run_folder_that_links_out_of_the_journal_is_not_read_or_written(
    tmp_path: Path, program: Program
) -> None:
    data = tmp_path / "data"
    _journal(data, program)
    elsewhere = tmp_path / "elsewhere-run"
    elsewhere.mkdir()
    stale = elsewhere / ".my-draft.0123abcd.tmp"  # looks like a temp file; is someone's
    stale.write_text("not ours", encoding="utf-8")
    link = data / "journal" / program.id / "run-003"
    link.symlink_to(elsewhere)
    with Journal.open(data, program, clock=SteppingClock()) as journal:
        [problem] = journal.problems
        assert problem.message == f"{link}: is a link to a folder outside {link.parent}; it is not read"
        assert [run.number for run in journal.runs] == [1, 2]
        assert journal.new_run().number == 4  # never a run in the linked folder
    assert sorted(os.listdir(elsewhere)) == [stale.name] and stale.read_text() == "not ours"


@pytest.mark.usefixtures("no_hang")
def test_only_our_own_temporary_files_are_removed(tmp_path: Path, program: Program) -> None:
    data = tmp_path / "data"
    folder = _journal(data, program)
    ours = folder / ".one.toml.0123abcd.tmp"
    theirs = [folder / ".notes.tmp", folder / ".one.toml.tmp", folder / ".x.toml.0123ABCD.tmp"]
    for path in [ours, *theirs]:
        path.write_text("x", encoding="utf-8")
    with Journal.open(data, program):
        pass
    assert not ours.exists() and all(path.exists() for path in theirs)


@pytest.mark.usefixtures("no_hang")
@pytest.mark.parametrize("kind", ["link", "named pipe"])
def test_a_hostile_lock_file_is_refused_and_the_outside_file_untouched(
    tmp_path: Path, program: Program, kind: str
) -> None:
    data = tmp_path / "data"
    _journal(data, program)
    lock = data / "workshop.lock"
    lock.unlink(missing_ok=True)
    target = outside_file(tmp_path)
    before = _fingerprint(target)
    if kind == "link":
        lock.symlink_to(target)
    else:
        os.mkfifo(lock)
    with pytest.raises(JournalError) as refused:
        Journal.open(data, program)
    assert str(refused.value).startswith(f"{lock}: cannot open the lock file (it is ")
    assert "remove it" in str(refused.value)
    assert _fingerprint(target) == before


@pytest.mark.usefixtures("no_hang")
@pytest.mark.parametrize("kind", ["named pipe", "link"])
def test_a_hostile_cache_entry_is_a_miss_not_a_hang(tmp_path: Path, kind: str) -> None:
    from workshop.content.cache import _entry, cached_outline, load_program_cached

    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    entry = _entry(MINI_PROGRAM, cache)
    if kind == "named pipe":
        os.mkfifo(entry, 0o600)
    else:
        real = tmp_path / "real.pickle"
        load_program_cached(MINI_PROGRAM, tmp_path)  # a good entry, elsewhere
        _entry(MINI_PROGRAM, tmp_path).rename(real)
        entry.symlink_to(real)
    assert cached_outline(MINI_PROGRAM, cache) is None
    assert load_program_cached(MINI_PROGRAM, cache).id == "mini"  # validated, and the entry replaced
    assert stat.S_ISREG(os.lstat(entry).st_mode)
