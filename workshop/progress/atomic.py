"""Writing files so that a crash, a full disk or a power cut never leaves half a file.

Each file is written whole to a temporary file in the same folder, flushed and fsynced, then moved over
the real one with ``os.replace`` (atomic on POSIX and Windows); the folder is fsynced last so the rename
itself survives a power cut. The previous version stays beside it as a backup. Files are created 0600
and folders 0700 whatever the umask: a journal is private.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import secrets
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

FILE_MODE = 0o600
FOLDER_MODE = 0o700
TEMP_SUFFIX = ".tmp"


@dataclass(frozen=True)
class Signature:
    """Enough about a file to tell whether someone else changed it since we last read or wrote it."""

    inode: int
    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def of(cls, stat: os.stat_result, data: bytes) -> Signature:
        """The signature of a file whose status is ``stat`` and whose bytes are ``data``."""
        return cls(stat.st_ino, stat.st_size, stat.st_mtime_ns, hashlib.sha256(data).hexdigest())

    def same_stat(self, stat: os.stat_result) -> bool:
        return (stat.st_ino, stat.st_size, stat.st_mtime_ns) == (self.inode, self.size, self.mtime_ns)


@dataclass(frozen=True)
class Write:
    """One file to write: its final path, its bytes, and what to keep of the version it replaces."""

    path: Path
    data: bytes
    backup: Path | None = None
    """Where the replaced version is kept (None: keep nothing, e.g. it was already moved aside)."""


class WriteFailed(Exception):  # noqa: N818 - reads better at the raise site
    """Raised by ``write_files``; carries the OS error and the files already replaced before it."""

    def __init__(self, error: OSError, path: Path, written: dict[Path, Signature]) -> None:
        super().__init__(error.strerror)
        self.error = error
        self.path = path
        self.written = written


def ensure_private_dir(folder: Path) -> None:
    """Create ``folder`` and any missing parents as 0700; leave existing folders as they are."""
    missing = []
    current = folder
    while not current.exists():
        missing.append(current)
        current = current.parent
    for path in reversed(missing):
        with contextlib.suppress(FileExistsError):
            os.mkdir(path, FOLDER_MODE)
            os.chmod(path, FOLDER_MODE)  # mkdir's mode is filtered by the umask; chmod is not
            fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    """Make renames and new names in ``folder`` durable. Windows cannot open folders; it has no need."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def signature_of(path: Path, data: bytes | None = None) -> Signature:
    stat = os.stat(path)
    if data is None:
        data = path.read_bytes()
    return Signature.of(stat, data)


def is_temp_name(name: str) -> bool:
    return name.startswith(".") and name.endswith(TEMP_SUFFIX)


def write_files(writes: Sequence[Write]) -> dict[Path, Signature]:
    """Write every file in ``writes`` (all in one folder) atomically; return their signatures.

    All temporary files are written and fsynced before any real file is replaced, so a failure while
    writing (disk full, failing fsync) leaves every real file untouched and no temporary file behind.
    """
    if not writes:
        return {}
    folder = writes[0].path.parent
    temps: list[tuple[Write, Path, Signature]] = []
    written: dict[Path, Signature] = {}
    current = writes[0].path
    try:
        for write in writes:
            current = write.path
            temp, signature = _write_temp(write.path, write.data)
            temps.append((write, temp, signature))
        for write, temp, signature in temps:
            current = write.path
            if write.backup is not None:
                _keep_backup(write.path, write.backup)
            os.replace(temp, write.path)
            written[write.path] = signature
        current = folder
        fsync_dir(folder)
    except OSError as error:
        for _, temp, _ in temps:
            _remove_quietly(temp)
        raise WriteFailed(error, current, written) from None
    return written


def write_private_file(path: Path, data: bytes) -> Signature:
    """Write one file atomically, 0600, without a backup (exports, restored files)."""
    return write_files([Write(path, data)])[path]


def _write_temp(path: Path, data: bytes) -> tuple[Path, Signature]:
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), FILE_MODE)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, FILE_MODE)  # O_CREAT's mode is filtered by the umask; be sure
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
        stat = os.fstat(fd)
    except OSError:
        os.close(fd)
        _remove_quietly(temp)
        raise
    os.close(fd)
    return temp, Signature.of(stat, data)


def _keep_backup(path: Path, backup: Path) -> None:
    """Keep the version about to be replaced as ``backup``, replacing the older backup atomically."""
    if not path.exists():
        return
    staged = backup.with_name(f".{backup.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")
    try:
        os.link(path, staged)  # a hard link costs nothing: the old version's bytes are simply kept
    except OSError:
        shutil.copyfile(path, staged)  # file systems without hard links (FAT, some sync folders)
        os.chmod(staged, FILE_MODE)
    try:
        os.replace(staged, backup)
    except OSError:
        _remove_quietly(staged)
        raise


def keep_aside(path: Path, aside: Path) -> None:
    """Keep the current ``path`` as ``aside`` (a new name) before it is replaced; never overwrite."""
    if aside.exists():
        raise FileExistsError(errno.EEXIST, "already exists", str(aside))
    try:
        os.link(path, aside)
    except OSError:
        shutil.copyfile(path, aside)
    os.chmod(aside, FILE_MODE)  # a file written by another tool may have been readable by others


def _remove_quietly(path: Path) -> None:
    # Only ever our own temporary files; if one cannot be removed the real file is still safe.
    with contextlib.suppress(OSError):
        os.unlink(path)
