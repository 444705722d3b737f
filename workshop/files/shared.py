"""Atomic writes of files meant for people to open, edit and share: content files, guides, handouts.

All or nothing: the text goes to a temporary file beside the target, is flushed to disk, then takes the
target's name, so a crash never leaves half a file. Unlike the journal's private files
(``workshop/files/atomic.py``: 0600, backups, signatures), these get the permissions the user's umask
gives any new file, and a replaced file keeps the permissions it had.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def _temporary_copy(path: Path, text: str) -> Path:
    """Write ``text`` to a new hidden file beside ``path`` and flush it to disk."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    # 0o666 before the umask: content files get the same permissions as any file the author creates.
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    return temporary


def write_new_file(path: Path, text: str) -> None:
    """Create ``path`` holding ``text``, all or nothing. Raises ``FileExistsError`` if it exists."""
    temporary = _temporary_copy(path, text)
    try:
        try:
            os.link(temporary, path)  # unlike a rename, a link refuses to replace an existing file
        except FileExistsError:
            raise
        except OSError:  # a filesystem without hard links: check, then rename
            if path.exists():
                raise FileExistsError(path) from None
            os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def replace_file(path: Path, text: str) -> None:
    """Replace ``path`` with ``text``, all or nothing, keeping its permissions."""
    temporary = _temporary_copy(path, text)
    try:
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o7777)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
