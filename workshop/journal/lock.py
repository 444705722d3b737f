"""One app per journal: an advisory lock on a separate lock file, held for the whole session.

The operating system releases the lock when the holder's process ends, however it ends, so a killed
window never blocks the next start. The holder writes its PID into the file so a second window can say
who has the journal open.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import time
from pathlib import Path

from workshop import paths
from workshop.files.atomic import FILE_MODE
from workshop.files.reading import kind_of
from workshop.journal.errors import JournalError, JournalLocked, describe_os_error

DEFAULT_WAIT = 1.0
"""Seconds to wait for a window that is just closing: well within the two seconds the user waits."""

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    # Windows locks are mandatory: lock one byte far past the PID so the PID stays readable.
    _LOCK_OFFSET = 1 << 20

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        # flock, not lockf: flock locks belong to the open file, so even a second Journal in the same
        # process is refused, and they vanish when the process dies.
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class SessionLock:
    """The lock on ``<data dir>/workshop.lock``. Acquire once at start, release at close."""

    def __init__(self, folder: Path) -> None:
        self.path = paths.lock_file(folder)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, wait: float = DEFAULT_WAIT) -> None:
        """Take the lock, or raise ``JournalLocked`` naming the holder's PID after ``wait`` seconds."""
        fd = _open_lock_file(self.path)
        deadline = time.monotonic() + wait
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                pid = _read_pid(fd)
                os.close(fd)
                raise JournalLocked(self.path, pid)
            time.sleep(0.05)
        self._fd = fd
        _write_pid(fd)

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        with contextlib.suppress(OSError):  # closing releases the lock in any case
            _unlock(fd)
        os.close(fd)


def _open_lock_file(path: Path) -> int:
    """Open (or create) the lock file: only a regular file, never through a link, never blocking.

    The PID is written into it, so a link to a file elsewhere would have that file cut short.
    """
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_NONBLOCK", 0), FILE_MODE)
    except OSError as error:
        reason = "it is a link; remove it" if error.errno == errno.ELOOP else describe_os_error(error)
        raise JournalError(f"{path}: cannot open the lock file ({reason})") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise JournalError(f"{path}: cannot open the lock file (it is {kind_of(mode)}; remove it)")
    return fd


def _write_pid(fd: int) -> None:
    # Best effort: the lock is what matters; the PID only makes the message friendlier.
    with contextlib.suppress(OSError):
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, f"{os.getpid()}\n".encode())


def _read_pid(fd: int) -> int | None:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        text = os.read(fd, 32).decode("ascii", "replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None
