"""The one atomic writer (workshop/files/atomic.py) and its options, as each of its callers uses them."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from workshop.files import atomic
from workshop.files.atomic import UMASK_MODE, write_file


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def only(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_private_by_default_whatever_the_umask(tmp_path: Path, umask_022: None) -> None:
    target = tmp_path / "settings.toml"
    write_file(target, b"theme = 'x'\n")
    assert target.read_bytes() == b"theme = 'x'\n" and mode_of(target) == 0o600


def test_content_files_get_what_the_umask_gives_and_keep_their_permissions(
    tmp_path: Path, umask_022: None
) -> None:
    target = tmp_path / "guide.html"
    write_file(target, b"one", mode=UMASK_MODE, keep_mode=True)
    assert mode_of(target) == 0o644
    target.chmod(0o640)
    write_file(target, b"two", mode=UMASK_MODE, keep_mode=True)
    assert target.read_bytes() == b"two" and mode_of(target) == 0o640
    assert only(tmp_path) == ["guide.html"]


def test_new_only_refuses_an_existing_file_and_leaves_nothing_behind(tmp_path: Path) -> None:
    target = tmp_path / "day-2.toml"
    write_file(target, b"mine", mode=UMASK_MODE, new_only=True)
    with pytest.raises(FileExistsError):
        write_file(target, b"other", mode=UMASK_MODE, new_only=True)
    assert target.read_bytes() == b"mine" and only(tmp_path) == ["day-2.toml"]


def test_a_backup_keeps_the_replaced_version(tmp_path: Path) -> None:
    target, backup = tmp_path / "one.toml", tmp_path / "one.backup.toml"
    write_file(target, b"first")
    write_file(target, b"second", backup=backup)
    assert target.read_bytes() == b"second" and backup.read_bytes() == b"first"
    assert mode_of(backup) == 0o600


def test_fsync_can_be_left_out_for_files_that_cost_nothing_to_lose(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    real = os.fsync
    def fsync(fd: int) -> None:
        calls.append(fd)
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    write_file(tmp_path / "present.json", b"{}", fsync=False)
    assert calls == []
    write_file(tmp_path / "settings.toml", b"")
    assert len(calls) == 2  # the file, then its folder


def test_a_failure_leaves_the_file_as_it_was_and_raises_the_os_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "identity.age"
    write_file(target, b"old")

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(OSError, match="No space") as caught:
        write_file(target, b"new")
    assert not isinstance(caught.value, atomic.WriteFailed)
    assert target.read_bytes() == b"old" and only(tmp_path) == ["identity.age"]


def test_an_interrupt_mid_write_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_file(tmp_path / "state.json", b"{}", fsync=False)
    assert only(tmp_path) == []


def test_a_signature_is_small_and_still_tells_a_changed_file(tmp_path: Path) -> None:
    # The journal keeps one for every file it has read (1,200 at twenty years once the review has read
    # them all): no dict of its own, and the digest's 32 bytes, not 64 hex characters (issue 20).
    import hashlib

    path = tmp_path / "day.toml"
    write_file(path, b"first words")
    signature = atomic.read_journal_file(path)[1]
    assert not hasattr(signature, "__dict__")
    assert signature.sha256 == hashlib.sha256(b"first words").digest()
    write_file(path, b"other words")
    assert atomic.read_journal_file(path)[1] != signature
