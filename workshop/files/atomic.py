"""Writing files so that a crash, a full disk or a power cut never leaves half a file: the one writer.

Each file is written whole to a temporary file in the same folder, flushed and fsynced, then moved over
the real one with ``os.replace`` (atomic on POSIX and Windows); the folder is fsynced last so the rename
itself survives a power cut. ``write_files`` does it for the journal (several files, a backup of each);
``write_file`` for one file, everywhere else. Their options cover every caller:

- ``mode``: 0600 by default whatever the umask (a journal, settings, exports, key files, the presenter's
  state, the cache); ``None`` for what the umask gives any new file (content files, guides, handouts:
  files meant to be opened, edited and shared), with ``keep_mode`` to keep a replaced file's permissions.
- ``backup``: where to keep the version being replaced (the journal's ``one.backup.toml``).
- ``fsync``: off only for files that losing costs nothing (the presenter's state in a RAM-backed runtime
  folder, rewritten every second; the cache of validated programs).
- ``new_only``: never replace an existing file (a new content file): ``FileExistsError`` instead.

A journal folder can hold what someone else put there (a link to a file elsewhere, a named pipe, a huge
file). Files are read through ``workshop.files.reading`` (regular files inside their folder, at most
``MAX_FILE_BYTES``). A backup or a copy kept aside is always a new regular file of our own, made by copying
bytes or by a hard link to a file only we name; a link is never followed to make one, and nothing's
permissions are ever changed after the fact, so nothing outside the journal is touched.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from workshop.files.digest import sha256
from workshop.files.reading import UnsafeFileError, read_file

FILE_MODE = 0o600
FOLDER_MODE = 0o700
TEMP_SUFFIX = ".tmp"
MAX_FILE_BYTES = 16 * 1024 * 1024
"""The largest journal file read or written: about two million words for one day of one run."""
_TEMP_NAME = re.compile(r"^\.[^/\\]+\.[0-9a-f]{8}\.tmp$")


@dataclass(frozen=True, slots=True)
class Signature:
    """Enough about a file to tell whether someone else changed it since we last read or wrote it.

    The journal keeps one for every file it has read or written (1,200 at twenty years, once the review
    has read them all): slots and the digest's 32 bytes rather than its 64 hex characters make each about
    110 bytes smaller."""

    inode: int
    size: int
    mtime_ns: int
    sha256: bytes

    @classmethod
    def of(cls, stat: os.stat_result, data: bytes) -> Signature:
        """The signature of a file whose status is ``stat`` and whose bytes are ``data``."""
        return cls(stat.st_ino, stat.st_size, stat.st_mtime_ns, sha256(data).digest())

    def same_stat(self, stat: os.stat_result) -> bool:
        return (stat.st_ino, stat.st_size, stat.st_mtime_ns) == (self.inode, self.size, self.mtime_ns)


UMASK_MODE = None
"""``mode=UMASK_MODE``: the permissions the user's umask gives any new file, as an editor would create it."""


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


def read_journal_file(path: Path) -> tuple[bytes, Signature]:
    """The bytes of a journal file and their signature, from one open file.

    Only a regular file inside its own folder (a link may point within that folder, no further), of at
    most ``MAX_FILE_BYTES``; anything else is an ``OSError`` that says why, never a hang.
    """
    data, info = read_file(path, MAX_FILE_BYTES, within=path.parent)
    return data, Signature.of(info, data)


def signature_of(path: Path) -> Signature:
    return read_journal_file(path)[1]


def is_temp_name(name: str) -> bool:
    """True for the name of a temporary file this module writes (``.day-1.toml.0a1b2c3d.tmp``)."""
    return _TEMP_NAME.match(name) is not None


def write_files(
    writes: Sequence[Write],
    *,
    mode: int | None = FILE_MODE,
    keep_mode: bool = False,
    fsync: bool = True,
    new_only: bool = False,
) -> dict[Path, Signature]:
    """Write every file in ``writes`` (all in one folder) atomically; return their signatures.

    All temporary files are written (and fsynced) before any real file is replaced, so a failure while
    writing (disk full, failing fsync) leaves every real file untouched and no temporary file behind.
    Raises ``WriteFailed`` (the ``OSError`` and the files already replaced). The options are described at
    the top of this module.
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
            kept = _existing_mode(write.path) if keep_mode else None
            temp, signature = _write_temp(write.path, write.data, mode if kept is None else kept, fsync)
            temps.append((write, temp, signature))
        for write, temp, signature in temps:
            current = write.path
            if write.backup is not None:
                _keep_backup(write.path, write.backup)
            if new_only:
                _link_new(temp, write.path)
            else:
                os.replace(temp, write.path)
            written[write.path] = signature
        current = folder
        if fsync:
            fsync_dir(folder)
    except BaseException as error:
        for _, temp, _ in temps:
            _remove_quietly(temp)
        if isinstance(error, OSError):
            raise WriteFailed(error, current, written) from None
        raise
    return written


def write_file(
    path: Path,
    data: bytes,
    *,
    mode: int | None = FILE_MODE,
    keep_mode: bool = False,
    backup: Path | None = None,
    fsync: bool = True,
    new_only: bool = False,
) -> Signature:
    """Write one file atomically (``write_files`` for one file). Raises the ``OSError`` that stopped it,
    with the file as it was."""
    try:
        return write_files(
            [Write(path, data, backup)], mode=mode, keep_mode=keep_mode, fsync=fsync, new_only=new_only
        )[path]
    except WriteFailed as failure:
        raise failure.error from None


def _existing_mode(path: Path) -> int | None:
    """The permissions of the file at ``path`` (through a link, as an editor keeps them), if there is one."""
    try:
        return os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        return None


def _link_new(temp: Path, path: Path) -> None:
    """Give the finished ``temp`` the name ``path`` only if nothing has it: ``FileExistsError`` otherwise."""
    try:
        os.link(temp, path, follow_symlinks=False)  # unlike a rename, a link refuses to replace a file
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: check, then rename
        if os.path.lexists(path):
            raise FileExistsError(errno.EEXIST, "already exists", str(path)) from None
        os.replace(temp, path)
        return
    _remove_quietly(temp)


def _temp_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.urandom(4).hex()}{TEMP_SUFFIX}")


def _write_temp(path: Path, data: bytes, mode: int | None, fsync: bool) -> tuple[Path, Signature]:
    temp = _temp_name(path)
    return temp, Signature.of(_write_new(temp, data, mode, fsync), data)


def write_stream(path: Path, chunks: Iterable[bytes]) -> None:
    """Write one private file atomically from ``chunks``, a document made a piece at a time (an export of
    years of history): only one piece is in memory at once. Raises the ``OSError`` that stopped it (or
    whatever making a piece raised), with the file as it was and no temporary file left behind."""
    temp = _temp_name(path)
    _write_new(temp, chunks)
    try:
        os.replace(temp, path)
    except BaseException:
        _remove_quietly(temp)
        raise
    fsync_dir(path.parent)


def _write_new(
    path: Path, data: bytes | Iterable[bytes], mode: int | None = FILE_MODE, fsync: bool = True
) -> os.stat_result:
    """Create ``path`` (which must not exist: never through a link) holding ``data`` (or its pieces, one
    after the other), with ``mode`` (None: as the umask gives), fsynced unless ``fsync`` is false."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags, 0o666 if mode is None else mode)
    try:
        if mode is not None and hasattr(os, "fchmod"):
            os.fchmod(fd, mode)  # O_CREAT's mode is filtered by the umask; be sure (our new file only)
        for chunk in [data] if isinstance(data, bytes) else data:
            view = memoryview(chunk)
            while view:
                view = view[os.write(fd, view) :]
        if fsync:
            os.fsync(fd)
        info = os.fstat(fd)
    except BaseException:
        os.close(fd)
        _remove_quietly(path)
        raise
    os.close(fd)
    return info


def _keep_backup(path: Path, backup: Path) -> None:
    """Keep the version about to be replaced as ``backup``, replacing the older backup atomically.

    A regular file that only the journal names is hard-linked (it costs nothing: its bytes are simply
    kept). Anything else is copied into a new file if it can be read as a journal file, and otherwise
    not backed up: a link out of the folder or a named pipe holds nothing of ours to keep.
    """
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    staged = _temp_name(backup)
    if not (stat.S_ISREG(info.st_mode) and info.st_nlink == 1 and _link(path, staged)):
        try:
            data, _ = read_journal_file(path)
        except UnsafeFileError:
            return
        _write_new(staged, data)
    try:
        os.replace(staged, backup)
    except OSError:
        _remove_quietly(staged)
        raise


def _link(path: Path, new: Path) -> bool:
    """Hard-link ``new`` to the file ``path`` itself (never to what a link points at); False if the file
    system has no hard links (FAT, some sync folders)."""
    try:
        os.link(path, new, follow_symlinks=False)
    except OSError as error:
        if error.errno in (errno.EEXIST, errno.ENOENT):
            raise
        return False
    return True


def keep_aside(path: Path, aside: Path) -> None:
    """Keep the current ``path`` as ``aside`` (a new name) before it is replaced; never overwrite.

    A regular file's bytes are copied into a new private file, and the file itself stays where it is
    until the save replaces it. Anything else (a link, a named pipe, a file too large to read) is moved
    aside as it is, with a rename: nothing is read through it, and nothing's permissions change.
    """
    if os.path.lexists(aside):
        raise FileExistsError(errno.EEXIST, "already exists", str(aside))
    data = None
    if stat.S_ISREG(os.lstat(path).st_mode):
        with contextlib.suppress(UnsafeFileError):
            data = read_journal_file(path)[0]
    if data is not None:
        _write_new(aside, data)
    else:
        os.rename(path, aside)


def _remove_quietly(path: Path) -> None:
    # Only ever our own temporary files; if one cannot be removed the real file is still safe.
    with contextlib.suppress(OSError):
        os.unlink(path)
