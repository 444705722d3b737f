"""Turning encryption on or off for a journal already on disk, safe against a crash at any moment.

The rule: every file is, at every moment, either in its old form or in its new form, never neither and
never part of one. Each file is replaced where it is, under its own name, by one atomic rename
(``workshop.files.atomic.write_file``), and a reader tells the two forms apart by their first bytes
(``crypto.is_age``) and opens either. So a crash leaves some files converted and some not, which reads
fine, and running the same conversion again finishes it: a file already in the wanted form is left alone.

Every regular file under the folder is converted, whatever its name: the module and run files, their
backups, and files kept aside as unreadable or changed elsewhere (a damaged file is encrypted byte for
byte, damage and all, and decrypts to the same bytes). Symbolic links are never followed and other special
files never opened; they are reported and left alone. A write in progress left by a crash (``.*.tmp``) is
removed: the file beside it is whole, and the leftover may hold plain text.

The order for a whole journal:

- On (``turn_on``): make the keys (from then on the journal counts as encrypted and every save is
  encrypted), then convert the files. After a crash part-way the journal is encrypted with some plain
  files left; ``finish_turning_on`` (the store calls it on opening) encrypts the rest.
- Off (``turn_off``): make every file plain, and only then remove the public key and keep the secret key
  aside. After a crash part-way the journal is still encrypted, with some plain files, and
  ``finish_turning_on`` would encrypt them again: the safe direction. Asking again turns it off.

The caller holds the journal's lock throughout, so no save runs beside a conversion, and reopens the
journal afterwards (every file's bytes changed).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from workshop.files.atomic import write_file
from workshop.journal import index
from workshop.journal.crypto import (
    AGE_ARMOR_MAGIC,
    AGE_MAGIC,
    CryptoError,
    Identity,
    KeyFiles,
    Recipient,
    is_age,
    is_temp_name,
)


@dataclass(frozen=True)
class NotConverted:
    """A file left as it was, and why."""

    path: Path
    message: str
    """One line that names the file; never its contents."""


@dataclass(frozen=True)
class ConversionReport:
    """What one conversion did."""

    converted: tuple[Path, ...] = ()
    """Files now in the new form."""
    already: int = 0
    """Files that were in the new form already (a conversion finished after a crash)."""
    not_converted: tuple[NotConverted, ...] = ()
    """Files left in their old form: they could not be decrypted, or the disk failed (which stops it)."""
    skipped: tuple[NotConverted, ...] = ()
    """Symbolic links and special files, never followed or opened."""
    removed_temps: tuple[Path, ...] = ()
    """Writes in progress left behind by a crash, removed."""

    @property
    def complete(self) -> bool:
        """True when every journal file is in the new form."""
        return not self.not_converted


def encrypt_files(folder: Path, recipient: Recipient) -> ConversionReport:
    """Encrypt every plain file under ``folder`` to ``recipient``, one atomic replace each."""
    return _convert(folder, want_age=True, change=lambda data, path: recipient.encrypt(data))


def decrypt_files(folder: Path, identity: Identity) -> ConversionReport:
    """Decrypt every age file under ``folder`` with ``identity``, one atomic replace each.

    A file that cannot be decrypted (damaged, or for another key) is left as it is and reported.
    """
    return _convert(folder, want_age=False, change=identity.decrypt)


def files_to_convert(folder: Path, *, encrypted: bool) -> list[Path]:
    """The regular files under ``folder`` not yet in the wanted form (``encrypted`` or plain).

    Reads only the first bytes of each: the store can ask on every opening whether a conversion was cut
    short, for the price of a directory walk.
    """
    found = []
    for path in _survey(folder)[0]:
        with path.open("rb") as handle:
            head = handle.read(max(len(AGE_MAGIC), len(AGE_ARMOR_MAGIC) + 16))
        if is_age(head) != encrypted:
            found.append(path)
    return found


def turn_on(keys: KeyFiles, folder: Path, passphrase: str) -> tuple[Identity, ConversionReport]:
    """Encrypt a plain journal: make its keys, protected by ``passphrase``, then every file under ``folder``.

    Returns the unlocked key (for the recovery page) and what was converted. Raises ``AlreadyEncrypted``
    if it is encrypted already (``finish_turning_on`` completes a conversion cut short).
    """
    identity = keys.create(passphrase)
    index.remove_all(folder)  # an encrypted journal keeps no index, not even an encrypted one
    return identity, encrypt_files(folder, identity.recipient)


def finish_turning_on(keys: KeyFiles, folder: Path) -> ConversionReport:
    """Encrypt whatever is still plain under ``folder`` in an encrypted journal. Needs no passphrase."""
    index.remove_all(folder)
    return encrypt_files(folder, keys.recipient())


def turn_off(keys: KeyFiles, folder: Path, identity: Identity) -> ConversionReport:
    """Make every file under ``folder`` plain; when all are, the journal is plain and its key kept aside.

    When some file could not be decrypted, the journal stays encrypted (the files that were decrypted
    stay plain and read fine); the report names what was left.
    """
    report = decrypt_files(folder, identity)
    if report.complete:
        keys.remove_recipient()
        keys.retire_identity()
    return report


# --------------------------------------------------------------------------------------------------------


def _convert(folder: Path, *, want_age: bool, change: Callable[[bytes, Path], bytes]) -> ConversionReport:
    files, skipped, temps = _survey(folder)
    for temp in temps:
        os.unlink(temp)
    converted: list[Path] = []
    already = 0
    not_converted: list[NotConverted] = []
    for path in files:
        try:
            data = path.read_bytes()
        except OSError as error:
            reason = f"{path}: could not be read ({error.strerror}); it is left as it is"
            not_converted.append(NotConverted(path, reason))
            continue
        if is_age(data) == want_age:
            already += 1
            continue
        try:
            new = change(data, path)
        except CryptoError as error:
            not_converted.append(NotConverted(path, f"{error}. It is kept as it is"))
            continue
        try:
            write_file(path, new)
        except OSError as error:
            # The disk failed (full, read-only...): this file is still whole in its old form. Stop here;
            # running the conversion again carries on where it stopped.
            reason = error.strerror or "the disk reported an error"
            not_converted.append(NotConverted(path, f"{path}: could not be written ({reason}); it is whole"))
            break
        converted.append(path)
    return ConversionReport(tuple(converted), already, tuple(not_converted), tuple(skipped), tuple(temps))


def _survey(folder: Path) -> tuple[list[Path], list[NotConverted], list[Path]]:
    """Under ``folder``, in a stable order: the regular files, what is skipped and why, writes in progress.

    Symbolic links are never followed (a linked folder is not entered) and special files never opened.
    """
    files: list[Path] = []
    skipped: list[NotConverted] = []
    temps: list[Path] = []
    for root, folders, names in os.walk(folder):
        here = Path(root)
        folders.sort()
        for name in [name for name in folders if os.path.islink(here / name)]:
            folders.remove(name)  # os.walk would not enter it anyway; this puts it in the report
            skipped.append(NotConverted(here / name, f"{here / name}: a symbolic link, not followed"))
        for name in sorted(names):
            path = here / name
            mode = os.lstat(path).st_mode
            if stat.S_ISLNK(mode):
                skipped.append(NotConverted(path, f"{path}: a symbolic link, not followed"))
            elif not stat.S_ISREG(mode):
                skipped.append(NotConverted(path, f"{path}: not a regular file, left alone"))
            elif is_temp_name(name):
                temps.append(path)
            else:
                files.append(path)
    return files, skipped, temps
