"""Encryption at rest as the front ends meet it (the app, the plain mode): unlocking, choosing and changing
a passphrase, the words of the offers and warnings. Plain functions, so that the screens stay thin and
every front end says the same thing. The keys and files themselves are ``workshop.journal.crypto``.

Each function that takes a passphrase costs about a second (scrypt, in a child process): call it from a
worker. None ever raises for something the user did: it returns what to say instead, gently.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from workshop.journal import crypto
from workshop.journal.errors import JournalError

if TYPE_CHECKING:
    from workshop.journal.store import Journal

WRONG_PASSPHRASE = (
    "That passphrase does not open this journal. Nothing was changed; take your time and try again."
)
NOT_THE_SAME = "The two passphrases are not the same. Nothing was changed; please type them again."

UNLOCK_TITLE = "Your journal is encrypted"
UNLOCK_BODY = "Type your passphrase to open it. Saving needs no passphrase; this is asked once per session."

OFFER_TITLE = "Keep your journal encrypted?"
OFFER_BODY = (
    "Your journal stays on this computer, readable only by your account. Encryption adds a second lock "
    "for when files leave your control: a lost laptop, a backup, a sync service. You choose a passphrase "
    "and type it once each time you open the workshop; saving never asks.\n\n"
    "Nobody can recover an encrypted journal without the passphrase or the recovery page. You can turn "
    "encryption on or off later from the command palette (Encryption)."
)
OFFER_LATER = "Not now. You can turn encryption on at any time from the command palette: Encryption."

NEW_PASSPHRASE_BODY = (
    "Four or five ordinary words in a row make a passphrase that is easy to remember and hard to guess. "
    "Nobody can recover the journal without it, or without the recovery page offered next."
)

RECOVERY_TITLE = "Make a recovery page?"
RECOVERY_BODY = (
    "A printable page with your secret key as text and as a QR code. With it you can open your journal if "
    "you forget the passphrase; without the passphrase or that page, nobody can: not the workshop, not its "
    "authors, not anyone.\n\nIt is written to {path}. Print it, check that the key printed whole, keep the "
    "paper somewhere safe, then delete the file. This is offered once; later, use `workshop recovery-page`."
)

TURNED_ON = "Your journal is encrypted. Saving needs no passphrase; opening the workshop asks for it once."
TURNED_OFF = "Your journal is no longer encrypted. Its old key is kept aside, for older backups."
PASSPHRASE_CHANGED = "The passphrase is changed. Your journal files did not change."
CHANGE_BODY = "Only the key file is rewritten; your journal files stay as they are."
OFF_BODY = (
    "Every file of your journal is decrypted where it is, and saved in plain text from now on. Type your "
    "passphrase to confirm."
)

EXPORT_TITLE = "This export is not encrypted"
EXPORT_BODY = (
    "Your journal is encrypted, but an exported file is plain text: anyone who gets it can read it. Delete "
    "it when you are done, or export an encrypted file instead (.age: only your key opens it, with "
    "`age -d -i identity.age`)."
)


@dataclass(frozen=True)
class Outcome:
    """What a passphrase step gave: the unlocked key, or a sentence to show (never both)."""

    identity: crypto.Identity | None = None
    message: str | None = None
    """Said under the fields, which are asked again: the step did not happen."""
    note: str | None = None
    """Said once the step happened, when there is more to say than that it did."""


def unlock_key(keys: crypto.KeyFiles, passphrase: str) -> crypto.Identity:
    """The journal's secret key, unlocked with ``passphrase``; every front end and command unlocks with it.

    A public key file that holds another key (``KeyMismatch``) is rewritten from the secret key, without
    asking: the secret key, behind the passphrase, is the one that opens the journal's files, and saves to
    any other key could never be read back, so there is no other choice worth offering. Nothing was ever
    saved to the other key: a journal saves only after checking its public key against the unlocked one.
    Raises ``WrongPassphrase`` and the other ``CryptoError`` s.
    """
    try:
        return keys.unlock(passphrase)
    except crypto.KeyMismatch as mismatch:
        if mismatch.identity is None:
            raise
        keys.rewrite_recipient(mismatch.identity)
        return mismatch.identity


def unlock(data_dir: Path, passphrase: str) -> Outcome:
    """Unlock the journal's key (``unlock_key``). A wrong passphrase, a missing or damaged key file: a
    sentence to show."""
    try:
        return Outcome(identity=unlock_key(crypto.KeyFiles(data_dir), passphrase))
    except crypto.WrongPassphrase:
        return Outcome(message=WRONG_PASSPHRASE)
    except crypto.CryptoError as error:
        return Outcome(message=str(error))


def new_passphrase_problem(first: str, again: str) -> str | None:
    """Why ``first`` (typed twice, the second time as ``again``) cannot be the new passphrase, or None."""
    problem = crypto.passphrase_problem(first)
    if problem is not None:
        return problem
    return None if first == again else NOT_THE_SAME


def change_passphrase(data_dir: Path, current: str, new: str, again: str) -> Outcome:
    """Check the current passphrase, then protect the key with the new one (only ``identity.age`` changes)."""
    problem = new_passphrase_problem(new, again)
    if problem is not None:
        return Outcome(message=problem)
    unlocked = unlock(data_dir, current)
    if unlocked.identity is None:
        return unlocked
    try:
        crypto.KeyFiles(data_dir).change_passphrase(unlocked.identity, new)
    except (crypto.CryptoError, crypto.PassphraseRejected, OSError) as error:
        return Outcome(message=str(error))
    return unlocked


def recovery_page_path(home: Path | None = None, made: date | None = None) -> Path:
    """Where the app writes the recovery page: the home folder, outside the data folder (which may be synced
    or backed up, and must never hold the key in plain text)."""
    return (home or Path.home()) / f"workshop-recovery-page-{(made or date.today()).isoformat()}.html"


def status_text(encrypted: bool, data_dir: Path) -> str:
    """What the encryption settings say about this journal now."""
    if encrypted:
        return (
            f"Your journal in {data_dir} is encrypted (age format). Saving needs no passphrase; opening asks "
            "for it once per session. Without the passphrase or the recovery page nobody can read it."
        )
    return (
        f"Your journal in {data_dir} is not encrypted: its files are readable by your account only. "
        "Encryption protects them when they leave your control: a lost laptop, a backup, a sync service."
    )


def turn_on(journal: Journal, passphrase: str, again: str) -> Outcome:
    """Encrypt the open journal with a new passphrase (typed twice)."""
    problem = new_passphrase_problem(passphrase, again)
    if problem is not None:
        return Outcome(message=problem)
    try:
        identity, report = journal.turn_on_encryption(passphrase)
    except (crypto.CryptoError, crypto.PassphraseRejected, JournalError, OSError) as error:
        return Outcome(message=str(error))
    left = [each.message for each in report.not_converted]
    return Outcome(identity=identity, note=" ".join(left) or None)


def turn_off(journal: Journal, data_dir: Path, passphrase: str) -> Outcome:
    """Decrypt the open journal, after checking the passphrase."""
    unlocked = unlock(data_dir, passphrase)
    if unlocked.identity is None:
        return unlocked
    try:
        report = journal.turn_off_encryption()
    except (crypto.CryptoError, JournalError, OSError) as error:
        return Outcome(message=str(error))
    if report.complete:
        return Outcome(note=TURNED_OFF)
    left = "; ".join(each.message for each in report.not_converted)
    count = len(report.not_converted)
    return Outcome(note=f"The journal stays encrypted: {count} files could not be decrypted ({left}).")
