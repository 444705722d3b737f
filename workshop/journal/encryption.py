"""Turning encryption on and off, and changing the passphrase, for a data folder that no window has open.

The command-line tools use these (``workshop encrypt``, ``decrypt``, ``passphrase``); the app does the same
through its open ``Journal`` (``turn_on_encryption``, ``turn_off_encryption``), which holds the lock
already. Each takes the one-window lock for as long as it works, so no save runs beside a conversion, and
a window that is open gets ``JournalLocked`` with its usual clear message.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from workshop import paths
from workshop.files import atomic
from workshop.journal import conversion
from workshop.journal.crypto import Identity, KeyFiles
from workshop.journal.lock import DEFAULT_WAIT, SessionLock


@contextmanager
def holding_lock(data_dir: Path, wait: float = DEFAULT_WAIT) -> Iterator[None]:
    """Hold the journal's one-window lock (``JournalLocked`` if a window has it)."""
    atomic.ensure_private_dir(data_dir)
    lock = SessionLock(data_dir)
    lock.acquire(wait)
    try:
        yield
    finally:
        lock.release()


def encrypt(data_dir: Path, passphrase: str) -> tuple[Identity, conversion.ConversionReport]:
    """Make the keys (protected by ``passphrase``) and encrypt every journal file of ``data_dir``."""
    with holding_lock(data_dir):
        return conversion.turn_on(KeyFiles(data_dir), paths.journals_root(data_dir), passphrase)


def finish_encrypting(data_dir: Path) -> conversion.ConversionReport:
    """Encrypt what is still plain in an encrypted journal (a conversion cut short). No passphrase."""
    with holding_lock(data_dir):
        return conversion.finish_turning_on(KeyFiles(data_dir), paths.journals_root(data_dir))


def plain_files_left(data_dir: Path) -> int:
    """How many journal files of ``data_dir`` are plain (in an encrypted journal: a conversion cut short)."""
    root = paths.journals_root(data_dir)
    return len(conversion.files_to_convert(root, encrypted=True)) if root.is_dir() else 0


def decrypt(data_dir: Path, identity: Identity) -> conversion.ConversionReport:
    """Decrypt every journal file of ``data_dir``; when all are plain, the journal is plain again."""
    with holding_lock(data_dir):
        return conversion.turn_off(KeyFiles(data_dir), paths.journals_root(data_dir), identity)
