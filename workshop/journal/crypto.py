"""Encryption at rest in the age v1 format (C2SP age), through pyrage, so the ``age`` tool opens every file.

How it fits together (``docs/encryption.md`` says the same for users):

- An encrypted journal has one X25519 key pair, kept in two files in its data folder; either file being
  there means the journal is encrypted (``KeyFiles.is_encrypted``). ``identity.age`` is
  the secret key, itself encrypted with the user's passphrase: an age passphrase-encrypted identity file,
  so ``age -d -i identity.age FILE`` asks for the passphrase and decrypts FILE. ``recipient.txt`` is the
  public key in plain text: an age recipients file (``age -R recipient.txt``).
- Saving needs only the public key (``Recipient.encrypt``): no passphrase, no prompt, well under a
  millisecond for a day's file.
- Reading needs the secret key (``Identity``), unlocked with the passphrase once per session
  (``KeyFiles.unlock``). The passphrase goes through scrypt, slow on purpose (about a second) so that
  guessing passphrases is slow too.
- An encrypted journal file keeps its name (``day-1.toml``); its bytes begin with the age header, so a
  reader tells the forms apart by their first bytes (``is_age``) and opens either (``open_bytes``).

pyrage holds the GIL while scrypt runs, which would freeze a Textual app for that whole second even from a
thread worker, so the two passphrase steps run in a short-lived child process (``_scrypt``). Only the
identity file's bytes and the passphrase cross to it, through a pipe; journal files never do.

Every error is a ``CryptoError``: one line that names the file. None ever holds a passphrase, a key or a
word of the journal.
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from workshop import paths
from workshop.files import atomic

# pyrage (1.2 MiB of memory once loaded) is imported where a key is used: a plain journal never needs it,
# and the journal's store imports this module for its errors and ``is_age``.
if TYPE_CHECKING:
    from pyrage import DecryptError, x25519

AGE_MAGIC = b"age-encryption.org/v1\n"
"""The first line of every binary age file (the C2SP age v1 format)."""
AGE_ARMOR_MAGIC = b"-----BEGIN AGE ENCRYPTED FILE-----"
"""The first line of an age file in ASCII armor (``age -a``); pyrage reads both."""


MIN_PASSPHRASE_CHARS = 8
AGE_CLI_MAX_WORK_FACTOR = 22
"""The largest scrypt work factor (log2 N) the ``age`` command accepts by default."""


_SECRET_KEY_PREFIX = "AGE-SECRET-KEY-1"
_SCRYPT_STANZA = re.compile(rb"^-> scrypt [A-Za-z0-9+/]+ (\d+)$", re.MULTILINE)
_RECOVERY_HINT = "see “If something goes wrong” in docs/encryption.md"


# --------------------------------------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------------------------------------


class CryptoError(Exception):
    """Encryption or decryption failed for one file. ``str(error)`` is one line that starts with the path.

    ``reason`` is the same line without the path and without advice, for callers that add their own
    (the store says "It is kept as it is" after a file it could not read).
    """

    def __init__(self, path: Path, reason: str, advice: str = "") -> None:
        super().__init__(f"{path}: {reason}" + (f". {advice}" if advice else ""))
        self.path = path
        self.reason = reason


class NeedsUnlock(CryptoError):  # noqa: N818 - reads as what is needed, like the store's JournalLocked
    """An encrypted file was read before the journal's key was unlocked."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, "is encrypted; the journal must be unlocked with its passphrase to read it")


class DamagedFile(CryptoError):  # noqa: N818
    """An encrypted file whose bytes were changed or cut short: age authenticates every byte."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, "is encrypted but damaged or cut short, so it cannot be decrypted")


class NotForThisKey(CryptoError):  # noqa: N818
    """An age file that this journal's key does not open."""

    def __init__(self, path: Path) -> None:
        # age cannot tell the two apart by design: a file does not say whom it was encrypted for.
        super().__init__(
            path,
            "is encrypted, but not for this journal's key (it was encrypted for another key, "
            "or its first lines are damaged), so it cannot be decrypted",
        )


class KeyFileError(CryptoError):
    """The key files themselves are missing, damaged or do not match."""


class WrongPassphrase(KeyFileError):  # noqa: N818
    def __init__(self, path: Path) -> None:
        super().__init__(
            path, "that passphrase does not unlock the journal's key", "Nothing was changed; try again"
        )


class MissingIdentity(KeyFileError):  # noqa: N818
    def __init__(self, path: Path) -> None:
        super().__init__(
            path,
            "the journal's key file is missing, so its encrypted files cannot be read",
            f"Nothing was changed. Put it back from a backup, or restore it from your recovery page "
            f"({_RECOVERY_HINT})",
        )


class MissingRecipient(KeyFileError):  # noqa: N818
    def __init__(self, path: Path) -> None:
        super().__init__(
            path,
            "the journal's public key file is missing, so nothing can be saved encrypted",
            "Nothing was saved, and nothing is saved in plain text instead. Unlocking the journal writes "
            "it again",
        )


class DamagedKey(KeyFileError):  # noqa: N818
    def __init__(self, path: Path, what: str) -> None:
        super().__init__(
            path,
            what,
            f"Nothing was changed. Put it back from a backup, or restore the key from your recovery page "
            f"({_RECOVERY_HINT})",
        )


class KeyMismatch(KeyFileError):  # noqa: N818
    """``recipient.txt`` holds a valid public key that is not the half of ``identity.age``: saves to it could
    never be read back. (A missing or unreadable one is simply written again here at unlock; a different
    valid key is raised, so this layer never overwrites a key file without its caller knowing. Every front
    end and command then repairs it: ``flow.encryption.unlock_key``.)

    ``identity`` is the key that was unlocked, so the caller can repair the file with
    ``KeyFiles.rewrite_recipient(error.identity)`` (it is not part of the message).
    """

    def __init__(self, path: Path, identity: Identity | None = None) -> None:
        super().__init__(
            path,
            "this public key does not belong to the journal's secret key, so files saved with it "
            "could not be read back",
            "Nothing was saved with it. Unlocking the journal writes it again from the secret key "
            f"({_RECOVERY_HINT})",
        )
        self.identity = identity


class AlreadyEncrypted(KeyFileError):  # noqa: N818
    def __init__(self, path: Path) -> None:
        super().__init__(path, "this journal is already encrypted (this is its key)", "Nothing was changed")


class PassphraseRejected(ValueError):  # noqa: N818
    """A new passphrase that breaks a rule of ``passphrase_problem``; the message never quotes it."""


class NotASecretKey(ValueError):  # noqa: N818
    """Text given as a secret key (typed from a recovery page) that is not one; never quoted."""


# --------------------------------------------------------------------------------------------------------
# Telling the forms apart
# --------------------------------------------------------------------------------------------------------


def is_age(data: bytes) -> bool:
    """True when ``data`` is an age file (binary or armored); False for anything else, a TOML file included.

    A TOML file can never start like this: ``age-encryption.org/v1`` and ``-----BEGIN`` are not TOML.
    """
    return data.startswith(AGE_MAGIC) or data.lstrip(b" \t\r\n").startswith(AGE_ARMOR_MAGIC)


def open_bytes(data: bytes, path: Path, identity: Identity | None) -> bytes:
    """The plain bytes of a journal file read from ``path``, whichever form it is in.

    A plain file is returned as it is. An encrypted one needs the unlocked ``identity`` (``NeedsUnlock``
    without it) and raises ``DamagedFile`` or ``NotForThisKey`` when it cannot be decrypted.
    """
    if not is_age(data):
        return data
    if identity is None:
        raise NeedsUnlock(path)
    return identity.decrypt(data, path)


def scrypt_work_factor(data: bytes) -> int | None:
    """The scrypt work factor (log2 N) of a passphrase-encrypted age file, or None if it is not one."""
    header = data.split(b"\n---", 1)[0]
    found = _SCRYPT_STANZA.search(header)
    return int(found.group(1)) if found else None


def passphrase_problem(passphrase: str) -> str | None:
    """Why ``passphrase`` cannot be a journal's new passphrase, in one sentence, or None if it can."""
    if not passphrase:
        return "The passphrase is empty."
    if "\n" in passphrase or "\r" in passphrase:
        return "The passphrase holds a line break, which cannot be typed at a passphrase prompt."
    if len(passphrase) < MIN_PASSPHRASE_CHARS:
        return (
            f"The passphrase is shorter than {MIN_PASSPHRASE_CHARS} characters. A few ordinary words in a "
            "row make one that is easy to remember and hard to guess."
        )
    return None


def check_new_passphrase(passphrase: str) -> None:
    problem = passphrase_problem(passphrase)
    if problem is not None:
        raise PassphraseRejected(problem)


# --------------------------------------------------------------------------------------------------------
# Keys
# --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Recipient:
    """The journal's public key: enough to encrypt, never to decrypt. Not secret."""

    text: str
    """The key as age writes it: ``age1...``."""
    _key: x25519.Recipient = field(repr=False, compare=False)

    @classmethod
    def parse(cls, text: str, path: Path) -> Recipient:
        """The public key in ``text`` (an age recipients file, read from ``path``)."""
        import pyrage

        lines = [line.strip() for line in text.splitlines()]
        keys = [line for line in lines if line and not line.startswith("#")]
        if len(keys) != 1 or not keys[0].startswith("age1"):
            raise DamagedKey(path, "the journal's public key file holds no age public key")
        try:
            return cls(keys[0], pyrage.x25519.Recipient.from_str(keys[0]))
        except pyrage.RecipientError:
            raise DamagedKey(path, "the journal's public key file is damaged") from None

    def encrypt(self, plaintext: bytes) -> bytes:
        """``plaintext`` as an age file that only the matching secret key opens. Needs no passphrase."""
        import pyrage

        return pyrage.encrypt(plaintext, [self._key])


class Identity:
    """The journal's secret key, unlocked for this session. Its repr shows only the public key.

    Python cannot wipe memory reliably, so the key lives as long as this object: drop it to lock again.
    """

    __slots__ = ("_key", "recipient")

    def __init__(self, key: x25519.Identity) -> None:
        self._key = key
        public = key.to_public()
        self.recipient = Recipient(str(public), public)

    @classmethod
    def generate(cls) -> Identity:
        from pyrage import x25519

        return cls(x25519.Identity.generate())

    @classmethod
    def from_secret_key(cls, text: str) -> Identity:
        """The key from its text (``AGE-SECRET-KEY-1...``), as typed or scanned from a recovery page.

        Spaces, line breaks and ``#`` comment lines (as in a key file) are ignored and case does not
        matter, so a key copied by hand in groups still reads. Raises ``NotASecretKey``, which never
        quotes the text.
        """
        import pyrage

        lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
        compact = "".join("".join(lines).split()).upper()
        if not compact.startswith(_SECRET_KEY_PREFIX):
            raise NotASecretKey(f"That is not an age secret key: it should begin {_SECRET_KEY_PREFIX}.")
        try:
            return cls(pyrage.x25519.Identity.from_str(compact))
        except pyrage.IdentityError:
            raise NotASecretKey(
                "That is not a whole age secret key: a character is missing or mistyped."
            ) from None

    def secret_key(self) -> str:
        """The secret key as text (``AGE-SECRET-KEY-1...``): only for the recovery page and the key file."""
        return str(self._key)

    def decrypt(self, data: bytes, path: Path) -> bytes:
        """The plaintext of the age file ``data`` (read from ``path``, named in errors)."""
        import pyrage

        if not data.startswith(AGE_MAGIC):
            data = data.lstrip(b" \t\r\n")  # armor after blank lines, as an editor or a mail can leave it
        try:
            return pyrage.decrypt(data, [self._key])
        except pyrage.DecryptError as error:
            if str(error) == "No matching keys found":
                raise NotForThisKey(path) from None
            raise DamagedFile(path) from None

    def __repr__(self) -> str:
        return f"Identity(public key {self.recipient.text}, secret key hidden)"


@dataclass(frozen=True)
class KeyFiles:
    """The key files of a journal, in ``folder`` (the data folder): ``identity.age`` and ``recipient.txt``.

    Every method that takes a passphrase costs about a second (scrypt), in a child process.
    """

    folder: Path

    @property
    def identity_path(self) -> Path:
        return paths.identity_file(self.folder)

    @property
    def recipient_path(self) -> Path:
        return paths.recipient_file(self.folder)

    def is_encrypted(self) -> bool:
        """True when saves must be encrypted: either key file is there.

        Losing one of them (a sync service, a slip in a file manager) never turns encryption off: without
        the public key saves stop with ``MissingRecipient`` until an unlock writes it again, and nothing is
        ever saved in plain text instead. Turning encryption off removes the public key, then keeps the
        secret key aside, each only after every file is plain.
        """
        return os.path.lexists(self.recipient_path) or os.path.lexists(self.identity_path)

    def recipient(self) -> Recipient:
        """The public key that every save encrypts to."""
        path = self.recipient_path
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise MissingRecipient(path) from None
        except UnicodeDecodeError:
            raise DamagedKey(path, "the journal's public key file is damaged (not text)") from None
        except OSError as error:
            raise KeyFileError(path, f"could not be read ({error.strerror})") from None
        return Recipient.parse(text, path)

    def create(self, passphrase: str, *, now: datetime | None = None) -> Identity:
        """Make a new key pair protected by ``passphrase``; return the unlocked secret key.

        The secret key's file is written (and read back) first, then the public key's. Raises
        ``AlreadyEncrypted`` (either file is there already: ``unlock`` then completes a setup cut short)
        and ``PassphraseRejected``.
        """
        check_new_passphrase(passphrase)
        if self.is_encrypted():
            existing = self.identity_path if os.path.lexists(self.identity_path) else self.recipient_path
            raise AlreadyEncrypted(existing)
        atomic.ensure_private_dir(self.folder)
        identity = Identity.generate()
        self._write_identity(identity, passphrase, now)
        self.rewrite_recipient(identity)
        return identity

    def unlock(self, passphrase: str) -> Identity:
        """The secret key, unlocked with ``passphrase``.

        A public key's file that is missing or unreadable is written again from the secret key. Raises
        ``WrongPassphrase``, ``MissingIdentity``, ``DamagedKey``, or ``KeyMismatch`` when the public key's
        file holds another key (the error carries the unlocked key, to repair that file).
        """
        import pyrage

        path = self.identity_path
        data = self._read_identity()
        try:
            text = _scrypt("decrypt", data, passphrase)
        except pyrage.DecryptError as error:
            if str(error) == "Decryption failed":  # a wrong passphrase fails the scrypt stanza's AEAD
                raise WrongPassphrase(path) from None
            if is_excessive_work(error):
                raise DamagedKey(
                    path, "the journal's key file asks for more work to unlock than this computer allows"
                ) from None
            raise DamagedKey(path, "the journal's key file is damaged or cut short") from None
        identity = _parse_identity(text, path)
        try:
            recipient = self.recipient()
        except (MissingRecipient, DamagedKey):
            self.rewrite_recipient(identity)
        else:
            if recipient.text != identity.recipient.text:
                raise KeyMismatch(self.recipient_path, identity)
        return identity

    def change_passphrase(
        self, identity: Identity, new_passphrase: str, *, now: datetime | None = None
    ) -> None:
        """Protect the (unlocked) key with ``new_passphrase``. Only ``identity.age`` is rewritten: every
        journal file stays as it is, since none depends on the passphrase. The old passphrase stops working.
        """
        check_new_passphrase(new_passphrase)
        if self._recipient_if_any() not in (None, identity.recipient.text):
            raise KeyMismatch(self.recipient_path)  # never replace the real key with another one
        self._write_identity(identity, new_passphrase, now)

    def restore(self, secret_key: str, new_passphrase: str, *, now: datetime | None = None) -> Identity:
        """Make the key file again from the secret key on a recovery page, with a new passphrase.

        For a forgotten passphrase or a lost key file. The key must be this journal's (its public key
        matches ``recipient.txt``, when that file is readable). The key file it replaces is kept aside as
        ``identity.retired-...age``, so that at every moment one opens.
        """
        check_new_passphrase(new_passphrase)
        identity = Identity.from_secret_key(secret_key)
        if self._recipient_if_any() not in (None, identity.recipient.text):
            raise NotASecretKey("That secret key is not this journal's: its public key is different.")
        atomic.ensure_private_dir(self.folder)
        self._keep_identity_aside(now)
        self._write_identity(identity, new_passphrase, now)
        if self._recipient_if_any() is None:
            self.rewrite_recipient(identity)
        return identity

    def rewrite_recipient(self, identity: Identity) -> None:
        """Write the public key's file from the secret key (at setup, or to repair a damaged one)."""
        text = (
            "# The public key of a workshop journal: every save is encrypted to it, without a passphrase.\n"
            "# An age recipients file: `age -R recipient.txt` encrypts to it too. Not secret.\n"
            f"{identity.recipient.text}\n"
        )
        atomic.write_file(self.recipient_path, text.encode("utf-8"))

    def remove_recipient(self) -> None:
        """The first step of turning encryption off, once every file is plain (then ``retire_identity``)."""
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.recipient_path)
            atomic.fsync_dir(self.folder)

    def retire_identity(self, *, now: datetime | None = None) -> Path | None:
        """Keep ``identity.age`` aside as ``identity.retired-YYYYMMDD-HHMMSS.age``; return its new name.

        A key is never deleted: copies of journal files encrypted with it may live on in backups and sync
        services. The kept file still needs the passphrase it had.
        """
        aside = self._keep_identity_aside(now)
        if aside is not None:
            os.unlink(self.identity_path)
            atomic.fsync_dir(self.folder)
        return aside

    def work_factor(self) -> int | None:
        """The scrypt work factor (log2 N) of the key file. Raises as ``unlock`` does when it is missing or
        damaged; None is never returned for a key file that ``unlock`` could open."""
        return scrypt_work_factor(self._read_identity())

    def _recipient_if_any(self) -> str | None:
        """The public key in ``recipient.txt``, or None when it is missing or unreadable."""
        try:
            return self.recipient().text
        except (MissingRecipient, DamagedKey):
            return None

    def _keep_identity_aside(self, now: datetime | None) -> Path | None:
        """A copy of ``identity.age`` under a new name that nothing overwrites, or None if there is none."""
        if not os.path.lexists(self.identity_path):
            return None
        stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
        for extra in range(1, 100):
            aside = self.folder / f"identity.retired-{stamp}{'' if extra == 1 else f'-{extra}'}.age"
            try:
                os.link(self.identity_path, aside)  # unlike a rename, refuses to replace an existing file
            except FileExistsError:
                continue
            except OSError:  # a file system without hard links (FAT, some sync folders): copy, never replace
                try:
                    with open(aside, "xb") as copy:
                        copy.write(self.identity_path.read_bytes())
                        copy.flush()
                        os.fsync(copy.fileno())
                except FileExistsError:
                    continue
                os.chmod(aside, atomic.FILE_MODE)
            atomic.fsync_dir(self.folder)
            return aside
        raise KeyFileError(
            self.identity_path, "too many retired key files from the same second; nothing changed"
        )

    def _read_identity(self) -> bytes:
        path = self.identity_path
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise MissingIdentity(path) from None
        except OSError as error:
            raise KeyFileError(path, f"could not be read ({error.strerror})") from None
        if not is_age(data):
            raise DamagedKey(path, "the journal's key file is damaged (it is not an age file)")
        if scrypt_work_factor(data) is None:
            raise DamagedKey(path, "the journal's key file is damaged (it is not protected by a passphrase)")
        return data

    def _write_identity(self, identity: Identity, passphrase: str, now: datetime | None) -> None:
        created = (now or datetime.now().astimezone()).isoformat(timespec="seconds")
        # The layout age-keygen writes, so `age-keygen -y` and every age tool read it.
        text = (
            f"# created: {created}\n"
            f"# public key: {identity.recipient.text}\n"
            "# The secret key of a workshop journal. Keep it secret.\n"
            f"{identity.secret_key()}\n"
        )
        sealed = _scrypt("encrypt", text.encode("ascii"), passphrase)
        # Opened again before it replaces anything: a key file that did not open would lose the journal.
        reopened = _parse_identity(_scrypt("decrypt", sealed, passphrase), self.identity_path)
        if reopened.recipient.text != identity.recipient.text:
            raise KeyFileError(self.identity_path, "the new key file did not read back; nothing was changed")
        atomic.write_file(self.identity_path, sealed)


def _parse_identity(plaintext: bytes, path: Path) -> Identity:
    """The secret key in a decrypted identity file (age-keygen layout: comments, then the key)."""
    import pyrage

    try:
        text = plaintext.decode("ascii")
    except UnicodeDecodeError:
        raise DamagedKey(path, "the journal's key file holds no age secret key") from None
    keys = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    if len(keys) != 1 or not keys[0].startswith(_SECRET_KEY_PREFIX):
        raise DamagedKey(path, "the journal's key file holds no age secret key")
    try:
        return Identity(pyrage.x25519.Identity.from_str(keys[0]))
    except pyrage.IdentityError:
        raise DamagedKey(path, "the journal's key file holds a damaged secret key") from None


# --------------------------------------------------------------------------------------------------------
# scrypt in a child process
# --------------------------------------------------------------------------------------------------------

# Reads the operation, the passphrase's length and the passphrase, then the data, from standard input;
# writes "ok" and the result, or "error" and pyrage's message (which never holds a secret).
_SCRYPT_CHILD = """
import sys
from pyrage import DecryptError, passphrase
given = sys.stdin.buffer
operation = given.readline().strip()
secret = given.read(int(given.readline())).decode("utf-8")
data = given.read()
try:
    result = (passphrase.encrypt if operation == b"encrypt" else passphrase.decrypt)(data, secret)
except DecryptError as error:
    sys.stdout.buffer.write(b"error " + str(error).encode("utf-8", "replace") + b"\\n")
else:
    sys.stdout.buffer.write(b"ok\\n" + result)
"""
_SCRYPT_TIMEOUT = 300.0  # the slowest work factor age accepts takes about 16 s on a slow machine


_BUSY_TRIES = 6
"""How often an unlock is tried when pyrage finds the key file's work "excessive" (see ``_scrypt``)."""
_BUSY_PAUSE = 0.05
"""Seconds between those tries, more each time: a moment for the machine to be less busy."""


def _scrypt(operation: Literal["encrypt", "decrypt"], data: bytes, passphrase: str) -> bytes:
    """``_scrypt_once``, tried again when pyrage refuses a key file's work factor as excessive.

    Before it unlocks, pyrage (age) times one tiny scrypt (about a millisecond) and refuses a file that
    asks for more than sixteen times the work it would choose now. On a busy machine that millisecond can
    take twenty, and the person's own key file, made at a quiet moment, was refused as if damaged (seen in
    the suite at load 5 to 9). The refusal comes before any real work, so trying again costs little."""
    import pyrage

    for attempt in range(1, _BUSY_TRIES + 1):
        try:
            return _scrypt_once(operation, data, passphrase)
        except pyrage.DecryptError as error:
            if not is_excessive_work(error) or attempt == _BUSY_TRIES:
                raise
            time.sleep(_BUSY_PAUSE * attempt)
    raise AssertionError("unreachable: the last try returns or raises")


def is_excessive_work(error: DecryptError) -> bool:
    """pyrage's refusal of a key file whose scrypt work factor is over what it allows on this machine now."""
    return "xcessive work" in str(error)


def _scrypt_once(operation: Literal["encrypt", "decrypt"], data: bytes, passphrase: str) -> bytes:
    """``pyrage.passphrase.encrypt`` or ``decrypt``, run in a child process so this one's GIL stays free.

    The passphrase goes through a pipe, never the command line or the environment. Where no child can be
    started (a frozen app, no ``sys.executable``, a failed start), it runs here instead.
    """
    import pyrage

    if sys.executable and not getattr(sys, "frozen", False):
        secret = passphrase.encode("utf-8")
        message = operation.encode() + b"\n" + str(len(secret)).encode() + b"\n" + secret + data
        with contextlib.suppress(OSError, subprocess.TimeoutExpired):
            # -P: the current folder is not on the child's import path, so no stray pyrage.py is run.
            done = subprocess.run(
                [sys.executable, "-P", "-c", _SCRYPT_CHILD],
                input=message,
                capture_output=True,
                timeout=_SCRYPT_TIMEOUT,
                check=False,
            )
            status, _, result = done.stdout.partition(b"\n")
            if done.returncode == 0 and status == b"ok":
                return result
            if done.returncode == 0 and status.startswith(b"error "):
                raise pyrage.DecryptError(status.removeprefix(b"error ").decode("utf-8", "replace"))
    return _scrypt_here(operation, data, passphrase)


def _scrypt_here(operation: Literal["encrypt", "decrypt"], data: bytes, passphrase: str) -> bytes:
    from pyrage import passphrase as age_passphrase

    run: Callable[[bytes, str], bytes] = (
        age_passphrase.encrypt if operation == "encrypt" else age_passphrase.decrypt
    )
    return run(data, passphrase)


# --------------------------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------------------------


def is_temp_name(name: str) -> bool:
    """True for the name of a write in progress (``.day-1.toml.1a2b3c4d.tmp``), the store's or ours."""
    return name.startswith(".") and name.endswith(atomic.TEMP_SUFFIX)
