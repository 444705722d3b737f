"""Reading a file that someone else may have put there, without hanging, filling memory or wandering off.

Program folders come from colleagues and the internet; journal folders are touched by sync tools and by
hand. A file there may be a named pipe (opening it would wait for a writer forever), a link to
``/dev/zero`` (reading it would never end), a 200 MB file, or a link to a private file elsewhere. So
every file the workshop reads from such a folder goes through ``read_file``: it opens without blocking,
checks on the open file that it is a regular file, refuses a link whose target is outside the folder,
and reads no more than a limit. What it refuses is an ``OSError`` whose ``strerror`` says why in words,
so the callers' existing "cannot be read (...)" messages name the file and the reason.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CHUNK = 1024 * 1024


class UnsafeFileError(OSError):
    """A file that is not read on purpose; ``strerror`` says why (``not a regular file: a named pipe``)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(errno.EINVAL, reason, str(path))
        self.reason = reason


def kind_of(mode: int) -> str:
    """What kind of file ``mode`` describes, in words, for messages."""
    if stat.S_ISREG(mode):
        return "a file"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return "a special file"


def size_words(limit: int) -> str:
    """A size in the unit people expect: ``16 MiB``, ``64 KiB``, ``300 bytes``."""
    if limit >= 1024 * 1024:
        return f"{limit // (1024 * 1024)} MiB"
    return f"{limit // 1024} KiB" if limit >= 1024 else f"{limit} bytes"


def read_file(path: Path, limit: int, *, within: Path | None = None) -> tuple[bytes, os.stat_result]:
    """The bytes of the regular file at ``path`` (at most ``limit``) and its status, from one open file.

    With ``within``, ``path`` may be a link only to a file inside that folder (after resolving every
    link); without it, ``path`` was named by the user and a link is followed wherever it leads. Either
    way a named pipe, device, socket or folder is refused without waiting, and so is a file larger than
    ``limit``. Raises ``OSError`` (``UnsafeFileError`` for the refusals, ``FileNotFoundError`` and friends
    as the system reports them).
    """
    target = path
    flags = _FLAGS
    if within is not None:
        target = Path(os.path.realpath(path))
        folder = Path(os.path.realpath(within))
        if target != folder and folder not in target.parents:
            if not os.path.lexists(path):
                raise FileNotFoundError(errno.ENOENT, "file not found", str(path))
            raise UnsafeFileError(path, f"a link to a file outside {within}")
        # Resolved already: a link that appears at the last step since then is refused, not followed.
        flags |= _NOFOLLOW
    try:
        fd = os.open(target, flags)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise UnsafeFileError(path, "a link that changed while it was read") from None
        if error.errno in (errno.ENXIO, errno.EISDIR):  # ENXIO: a socket or a FIFO with no writer
            raise UnsafeFileError(path, f"not a regular file: {_kind_at(target)}") from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnsafeFileError(path, f"not a regular file: {kind_of(info.st_mode)}")
        if info.st_size > limit:
            raise UnsafeFileError(path, f"larger than {size_words(limit)}")
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            # The size can grow after fstat (or lie, as in /proc): read no more than one byte past the limit.
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise UnsafeFileError(path, f"larger than {size_words(limit)}")
        return b"".join(chunks), info
    finally:
        os.close(fd)


def _kind_at(path: Path) -> str:
    try:
        return kind_of(os.lstat(path).st_mode)
    except OSError:
        return "not a regular file"
