"""What the journal reports when something goes wrong, and what a save did.

Every message here is one calm line that names the file and says what to do. None ever quotes what the
user wrote: these lines may end up on screen in front of others, or in a bug report.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass
from pathlib import Path


class JournalError(Exception):
    """The journal could not do what was asked. ``str(error)`` is one line, never the user's text."""


class NoSuchRun(JournalError):  # noqa: N818 - reads as what happened, like JournalLocked
    """A run was asked for by number and the journal has none with it (a usage error on the command line)."""


class JournalLocked(JournalError):  # noqa: N818 - the name is part of the API
    """Another window already has this journal open."""

    def __init__(self, lock_file: Path, pid: int | None) -> None:
        self.pid = pid
        self.lock_file = lock_file
        who = f" (PID {pid})" if pid else ""
        super().__init__(
            f"The journal is already open in another window{who}. Close that window first; "
            f"two windows writing the same journal could lose words. Lock file: {lock_file}"
        )


class JournalNeedsUnlock(JournalError):  # noqa: N818 - reads as what is needed, like JournalLocked
    """The journal is encrypted and was opened without its unlocked key: ask for the passphrase and open it
    again with ``identity=``. Nothing was read."""

    def __init__(self, identity_file: Path) -> None:
        self.identity_file = identity_file
        super().__init__(
            f"{identity_file}: the journal is encrypted; it opens with its passphrase "
            "(a script can pass it with --passphrase-file or --passphrase-fd)"
        )


@dataclass(frozen=True)
class JournalProblem:
    """A file that could not be read. The rest of the journal still loads; this file is left as it is."""

    path: Path
    """The file that could not be read."""
    message: str
    """One line naming the file and what is wrong with it."""
    backup: Path | None
    """A readable backup of the file that ``Journal.restore_backup`` can bring back, if there is one."""


@dataclass(frozen=True)
class SaveReport:
    """What one save wrote, and anything the user should know about it."""

    saved: tuple[Path, ...] = ()
    """The files written, in the order they were replaced."""
    notices: tuple[str, ...] = ()
    """Plain sentences for the user, such as "changed outside the workshop: both versions kept"."""


def describe_os_error(error: OSError) -> str:
    """What went wrong with the disk, in words, without the file name (callers add it)."""
    reasons = {
        errno.ENOSPC: "the disk is full",
        errno.EROFS: "the folder is on a read-only disk",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EIO: "the disk reported an input/output error",
    }
    if error.errno == getattr(errno, "EDQUOT", -1):
        return "your disk quota is used up"
    return reasons.get(error.errno or 0, error.strerror or "an unexpected disk error")
