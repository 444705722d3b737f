"""Encryption at rest: age v1 through pyrage, written and read interchangeably with the ``age`` tool.

Every step that takes a passphrase runs scrypt, about a second on purpose at the work factor pyrage
chooses, so one test makes key files that way and opens them (here, with the GIL free, and with the age
tool). The others unlock, change and restore copies of the session's cheap key files (work factor 2^10,
``tests/data/keys``), and what they seal is sealed at that work factor too (``tests/cheap_age.py``), then
opened by pyrage; the rest uses keys made in memory.
"""

from __future__ import annotations

import itertools
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import pyrage
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests import cheap_age
from tests.conftest import JOURNAL_PASSPHRASE
from tests.pty_run import run_in_pty
from workshop.answers import (
    Answer,
    ChoicesValue,
    CommitmentValue,
    IntegerValue,
    ItemScoresValue,
    ItemsValue,
    RankedValue,
    TextValue,
    Value,
)
from workshop.journal import crypto
from workshop.journal.crypto import (
    AGE_CLI_MAX_WORK_FACTOR,
    AlreadyEncrypted,
    CryptoError,
    DamagedFile,
    DamagedKey,
    Identity,
    KeyFiles,
    KeyMismatch,
    MissingIdentity,
    MissingRecipient,
    NeedsUnlock,
    NotASecretKey,
    NotForThisKey,
    PassphraseRejected,
    WrongPassphrase,
    is_age,
    open_bytes,
)
from workshop.journal.format import ModuleData, decode_module, encode_module, parse_bytes

PASSPHRASE = JOURNAL_PASSPHRASE  # the passphrase of the cheap keys, and of the keys made here
WORDS = "Ich habe genug. The night shift ended at 7; I cried in the car ☕ שלום 🌊"

AGE_MISSING = shutil.which("age") is None and not os.environ.get("WORKSHOP_REQUIRE_AGE")
T = TypeVar("T")

needs_age = pytest.mark.skipif(
    # Skipped without the age tool, except where WORKSHOP_REQUIRE_AGE is set (.ci/run): there they must run.
    AGE_MISSING,
    reason="the age command-line tool is not installed (Debian package age)",
)


@pytest.fixture
def keys(journal_keys: tuple[Path, Identity], tmp_path: Path) -> KeyFiles:
    """A private copy of the tests' key files, for a test to unlock, change or damage.

    They are the session's cheap keys (scrypt work factor 2^10, see tests/data/keys): every unlock here
    runs the same scrypt in the same child process, in a millisecond instead of the second the app's work
    factor costs. The keys the app makes are tested in ``test_making_the_keys_...``."""
    shutil.copytree(journal_keys[0], tmp_path / "data")
    return KeyFiles(tmp_path / "data")


@pytest.fixture
def identity(journal_keys: tuple[Path, Identity]) -> Identity:
    return journal_keys[1]


def assert_clean(message: str, *secrets: str) -> None:
    """An error message never holds a passphrase, a key or the journal's words."""
    for secret in secrets:
        assert secret not in message


# --------------------------------------------------------------------------------------------------------
# Bytes of every kind, through the public key and back
# --------------------------------------------------------------------------------------------------------


def every_answer_type() -> bytes:
    moment = datetime(2025, 3, 3, 21, 5, tzinfo=UTC)
    values: dict[str, Value] = {
        "text": TextValue(WORDS + "\r\nline two\ttab ''' \x00 nul"),
        "integer": IntegerValue(-3),
        "choices": ChoicesValue(("tired", "numb"), other="something else 🌧"),
        "items": ItemsValue(("one", "two", "")),
        "ranked": RankedValue(("family", "craft", "rest")),
        "commitment": CommitmentValue("If I finish late, then I walk home", "Tuesday"),
        "scores": ItemScoresValue("who-5", (3, None, 5, 0, 2)),
    }
    answers = {key: Answer(key, value, moment, moment) for key, value in values.items()}
    return encode_module(ModuleData("day-1", answers, frozenset({"welcome"}), moment), 1).encode("utf-8")


@pytest.mark.parametrize(
    "plain",
    [
        b"",
        b"x",
        bytes(range(256)) * 64,
        WORDS.encode("utf-8"),
        b"\x00" * 100_000,
        os.urandom(5_000_000),  # larger than one age payload chunk (64 KiB) many times over
    ],
    ids=["empty", "one-byte", "every-byte-value", "unicode", "nul-bytes", "5-MB-random"],
)
def test_bytes_of_every_kind_round_trip(plain: bytes) -> None:
    identity = Identity.generate()
    sealed = identity.recipient.encrypt(plain)
    assert is_age(sealed)
    assert identity.decrypt(sealed, Path("f.toml")) == plain


def test_a_module_file_with_every_answer_type_round_trips_and_leaks_nothing() -> None:
    identity = Identity.generate()
    plain = every_answer_type()
    sealed = identity.recipient.encrypt(plain)
    for fragment in ("night shift", "walk home", "who-5", "commitment", "format"):
        assert fragment.encode() not in sealed
    opened = open_bytes(sealed, Path("day-1.toml"), identity)
    assert opened == plain
    module = decode_module(parse_bytes(opened), "day-1")
    assert module.exact() == decode_module(parse_bytes(plain), "day-1").exact()


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=200_000))
def test_any_bytes_round_trip(plain: bytes) -> None:
    identity = Identity.generate()
    assert identity.decrypt(identity.recipient.encrypt(plain), Path("f")) == plain


def test_each_save_is_encrypted_afresh() -> None:
    """Two saves of the same words give unrelated files (a new file key each time), so nobody can tell
    from the files that an answer did not change."""
    recipient = Identity.generate().recipient
    assert recipient.encrypt(b"same words") != recipient.encrypt(b"same words")


# --------------------------------------------------------------------------------------------------------
# Telling an age file from a plain one
# --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"age-encryption.org/v1\n-> X25519 abc\n", True),
        (b"-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n", True),
        (b"\n  -----BEGIN AGE ENCRYPTED FILE-----\n", True),
        (b"# workshop journal: run 1\nformat = 1\n", False),
        (b"text = 'age-encryption.org/v1'\n", False),
        (b"age-encryption.org/v2\n", False),
        (b"age-encryption.org/v1", False),  # no line break: not a whole header line
        (b"", False),
        (b"\x00\x00\x00", False),
    ],
)
def test_an_age_file_is_told_from_a_plain_one_by_its_header(data: bytes, expected: bool) -> None:
    assert is_age(data) is expected


def test_a_reader_opens_either_form() -> None:
    identity = Identity.generate()
    plain = b"format = 1\n"
    assert open_bytes(plain, Path("a.toml"), None) == plain
    assert open_bytes(plain, Path("a.toml"), identity) == plain
    assert open_bytes(identity.recipient.encrypt(plain), Path("a.toml"), identity) == plain
    with pytest.raises(NeedsUnlock, match=r"^b\.toml: is encrypted; the journal must be unlocked"):
        open_bytes(identity.recipient.encrypt(plain), Path("b.toml"), None)


# --------------------------------------------------------------------------------------------------------
# Files that cannot be decrypted: a clear error naming the file, never its words
# --------------------------------------------------------------------------------------------------------


def test_a_file_for_another_key_says_so() -> None:
    mine, theirs = Identity.generate(), Identity.generate()
    with pytest.raises(NotForThisKey) as caught:
        mine.decrypt(theirs.recipient.encrypt(WORDS.encode()), Path("run-001/day-1.toml"))
    assert str(caught.value).startswith("run-001/day-1.toml: is encrypted, but not for this journal's key")
    assert caught.value.path == Path("run-001/day-1.toml")
    assert_clean(str(caught.value), WORDS, mine.secret_key())


def damaged_versions(sealed: bytes) -> dict[str, bytes]:
    body = sealed.index(b"\n---") + 1
    flipped_payload = bytearray(sealed)
    flipped_payload[-20] ^= 0x01
    flipped_mac = bytearray(sealed)
    flipped_mac[body + 6] ^= 0x01
    flipped_stanza = bytearray(sealed)
    flipped_stanza[sealed.index(b"\n", 30) - 5] ^= 0x01  # inside the X25519 stanza's share
    return {
        "empty": b"",
        "header-only": sealed[:40],
        "cut-after-header": sealed[: sealed.index(b"\n", body) + 1],
        "last-byte-missing": sealed[:-1],
        "half": sealed[: len(sealed) // 2],
        "payload-bit-flipped": bytes(flipped_payload),
        "header-mac-flipped": bytes(flipped_mac),
        "stanza-flipped": bytes(flipped_stanza),
        "garbage-after-header": crypto.AGE_MAGIC + b"\x00" * 300,
    }


@pytest.mark.parametrize(
    "damage",
    [
        "empty",
        "header-only",
        "cut-after-header",
        "last-byte-missing",
        "half",
        "payload-bit-flipped",
        "header-mac-flipped",
        "garbage-after-header",
    ],
)
def test_a_damaged_or_truncated_file_is_a_clear_error(damage: str) -> None:
    identity = Identity.generate()
    words = (WORDS * 3000).encode()  # several payload chunks, so cuts land inside and between them
    damaged = damaged_versions(identity.recipient.encrypt(words))[damage]
    with pytest.raises(CryptoError) as caught:
        identity.decrypt(damaged, Path("day-2.toml"))
    # A damaged stanza cannot be told from one for another key (age's files do not say whom they are for).
    assert isinstance(caught.value, NotForThisKey if damage == "stanza-flipped" else DamagedFile)
    assert str(caught.value).startswith("day-2.toml: is encrypted")
    assert_clean(str(caught.value), WORDS[:20], identity.secret_key())


def test_the_secret_key_never_shows_in_a_repr() -> None:
    identity = Identity.generate()
    assert identity.secret_key() not in repr(identity)
    assert identity.recipient.text in repr(identity)
    assert identity.secret_key() not in repr(identity.recipient)


# --------------------------------------------------------------------------------------------------------
# The key files
# --------------------------------------------------------------------------------------------------------


def test_making_the_keys_writes_a_passphrase_protected_key_that_age_opens_with_the_gil_left_free(
    tmp_path: Path,
) -> None:
    """The one test of keys made at the work factor pyrage chooses (seconds of scrypt: sealing the key file,
    then reading it back). While scrypt runs, another thread keeps running: an app stays responsive. The
    work factor is one the age tool accepts; that age opens a key file ``create`` writes, with its
    passphrase, is tested on one sealed at the tests' cheap work factor (below): age's own scrypt at this
    work factor cost half of this test's seconds and proved nothing more."""
    folder = tmp_path / "data"  # does not exist yet: create makes it, 0700
    keys = KeyFiles(folder)
    identity, longest_stall, took = while_ticking(lambda: keys.create(PASSPHRASE))
    # pyrage in this process would hold the GIL for all of scrypt: one stall as long as the step itself.
    assert longest_stall < took / 2, (longest_stall, took)
    assert keys.is_encrypted()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for path in (keys.identity_path, keys.recipient_path):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    sealed = keys.identity_path.read_bytes()
    assert is_age(sealed)
    assert identity.secret_key().encode() not in sealed
    assert b"AGE-SECRET-KEY" not in sealed
    assert keys.recipient() == identity.recipient
    work = keys.work_factor()
    assert work is not None
    assert cheap_age.WORK_FACTOR < work <= AGE_CLI_MAX_WORK_FACTOR  # pyrage's choice, one age accepts
    assert sorted(p.name for p in folder.iterdir()) == ["identity.age", "recipient.txt"]  # no temp left


def while_ticking(step: Callable[[], T]) -> tuple[T, float, float]:
    """What ``step`` returns, the longest gap between ticks of another thread while it ran, and how long
    it took: a step that holds the GIL stalls the ticks for as long as it holds it."""
    import threading
    import time

    ticks: list[float] = []
    done = threading.Event()

    def tick() -> None:
        while not done.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.01)

    ticker = threading.Thread(target=tick)
    ticker.start()
    started = time.perf_counter()
    try:
        result = step()
    finally:
        took = time.perf_counter() - started
        done.set()
        ticker.join()
    return result, max(later - earlier for earlier, later in itertools.pairwise(ticks)), took


def test_the_right_passphrase_unlocks_the_key(keys: KeyFiles, identity: Identity) -> None:
    unlocked = keys.unlock(PASSPHRASE)
    assert unlocked.secret_key() == identity.secret_key()
    sealed = keys.recipient().encrypt(WORDS.encode())
    assert unlocked.decrypt(sealed, Path("x")) == WORDS.encode()


def test_a_wrong_passphrase_is_a_clear_error_and_changes_nothing(keys: KeyFiles, identity: Identity) -> None:
    before = keys.identity_path.read_bytes()
    with pytest.raises(WrongPassphrase) as caught:
        keys.unlock("a quiet walk by the rivet")
    message = str(caught.value)
    assert message == (
        f"{keys.identity_path}: that passphrase does not unlock the journal's key. Nothing was changed; try again"
    )
    assert_clean(message, PASSPHRASE, "rivet", identity.secret_key())
    assert keys.identity_path.read_bytes() == before


def test_a_missing_key_file_is_a_clear_error(keys: KeyFiles) -> None:
    keys.identity_path.unlink()
    with pytest.raises(MissingIdentity, match=r"key file is missing.*recovery page") as caught:
        keys.unlock(PASSPHRASE)
    assert str(caught.value).startswith(f"{keys.identity_path}: ")
    assert keys.recipient_path.exists()  # saves can still go on, to the public key


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (lambda data: b"", "not an age file"),
        (lambda data: b"AGE-SECRET-KEY-1" + data, "not an age file"),
        (lambda data: data.replace(b"-> scrypt", b"-> X25519", 1), "not protected by a passphrase"),
        (lambda data: data[:-10], "damaged or cut short"),  # runs scrypt, then finds the end missing
    ],
    ids=["empty", "not-age", "no-passphrase", "cut-short"],
)
def test_a_damaged_key_file_is_a_clear_error(keys: KeyFiles, damage: Callable[[bytes], bytes], expected: str) -> None:
    path = keys.identity_path
    path.write_bytes(damage(path.read_bytes()))
    damaged = path.read_bytes()
    with pytest.raises(DamagedKey, match=expected) as caught:
        keys.unlock(PASSPHRASE)
    assert str(caught.value).startswith(f"{path}: the journal's key file")
    assert "recovery page" in str(caught.value)
    assert path.read_bytes() == damaged


def test_a_public_key_that_does_not_match_is_caught_at_unlock_and_can_be_repaired(
    keys: KeyFiles, identity: Identity
) -> None:
    KeyFiles(keys.folder).rewrite_recipient(Identity.generate())  # another key's public half
    with pytest.raises(KeyMismatch, match="does not belong to the journal's secret key") as caught:
        keys.unlock(PASSPHRASE)
    assert caught.value.identity is not None
    assert identity.secret_key() not in str(caught.value)
    keys.rewrite_recipient(caught.value.identity)
    assert keys.recipient() == identity.recipient


def test_the_public_key_file_missing_or_damaged_is_a_clear_error(keys: KeyFiles) -> None:
    keys.recipient_path.write_text("# nothing here\n")
    with pytest.raises(DamagedKey, match="holds no age public key"):
        keys.recipient()
    keys.recipient_path.write_text("age1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq\n")
    with pytest.raises(DamagedKey, match="public key file is damaged"):
        keys.recipient()
    keys.recipient_path.unlink()
    assert keys.is_encrypted()  # losing the public key never turns encryption off
    with pytest.raises(MissingRecipient, match="nothing is saved in plain text instead"):
        keys.recipient()


def test_unlocking_writes_a_missing_public_key_again(keys: KeyFiles, identity: Identity) -> None:
    keys.recipient_path.unlink()
    keys.unlock(PASSPHRASE)
    assert keys.recipient() == identity.recipient
    assert stat.S_IMODE(keys.recipient_path.stat().st_mode) == 0o600


def test_keys_are_never_made_twice(keys: KeyFiles) -> None:
    before = {p.name: p.read_bytes() for p in keys.folder.iterdir()}
    with pytest.raises(AlreadyEncrypted, match="already encrypted"):
        keys.create("another good passphrase")
    assert {p.name: p.read_bytes() for p in keys.folder.iterdir()} == before
    # A setup cut short before the public key was written: the secret key is never replaced either.
    keys.recipient_path.unlink()
    with pytest.raises(AlreadyEncrypted) as caught:
        keys.create("another good passphrase")
    assert str(caught.value).startswith(f"{keys.identity_path}: this journal is already encrypted")
    assert keys.identity_path.read_bytes() == before["identity.age"]


@pytest.mark.parametrize("weak", ["", "Tulip7", "has a\nline break"])
def test_a_weak_new_passphrase_is_refused_before_anything_is_written(tmp_path: Path, weak: str) -> None:
    with pytest.raises(PassphraseRejected) as caught:
        KeyFiles(tmp_path / "data").create(weak)
    assert not (tmp_path / "data").exists()
    if weak:
        assert weak not in str(caught.value)


def test_changing_the_passphrase_rewrites_only_the_key_file(
    keys: KeyFiles, identity: Identity, monkeypatch: pytest.MonkeyPatch
) -> None:
    cheap_age.cheap_scrypt(monkeypatch)  # the new key file is sealed at 2^10, then opened by pyrage
    journal_file = keys.folder / "day-1.toml"
    journal_file.write_bytes(keys.recipient().encrypt(WORDS.encode()))
    untouched = {p: p.read_bytes() for p in (journal_file, keys.recipient_path)}
    keys.change_passphrase(identity, "a new and better passphrase")
    assert {p: p.read_bytes() for p in untouched} == untouched
    with pytest.raises(WrongPassphrase):
        keys.unlock(PASSPHRASE)
    again = keys.unlock("a new and better passphrase")
    assert again.decrypt(journal_file.read_bytes(), journal_file) == WORDS.encode()
    assert sorted(p.name for p in keys.folder.iterdir()) == ["day-1.toml", "identity.age", "recipient.txt"]


def test_changing_the_passphrase_never_puts_another_key_in_place(keys: KeyFiles) -> None:
    before = keys.identity_path.read_bytes()
    with pytest.raises(KeyMismatch):
        keys.change_passphrase(Identity.generate(), "a new and better passphrase")
    assert keys.identity_path.read_bytes() == before


def test_the_recovery_key_restores_a_forgotten_passphrase(
    keys: KeyFiles, identity: Identity, monkeypatch: pytest.MonkeyPatch
) -> None:
    cheap_age.cheap_scrypt(monkeypatch)  # the new key file is sealed at 2^10, then opened by pyrage
    original = keys.identity_path.read_bytes()
    typed = " ".join(identity.secret_key().lower()[i : i + 6] for i in range(0, 74, 6))  # as copied by hand
    restored = keys.restore(typed, "remembered this time", now=datetime(2025, 4, 1, 9, 30))
    assert restored.secret_key() == identity.secret_key()
    assert keys.unlock("remembered this time").secret_key() == identity.secret_key()
    with pytest.raises(WrongPassphrase):
        keys.unlock(PASSPHRASE)
    # The old key file is kept aside, never deleted: it still opens with the old passphrase.
    assert (keys.folder / "identity.retired-20250401-093000.age").read_bytes() == original


def test_a_recovery_key_that_is_not_this_journals_is_refused(keys: KeyFiles) -> None:
    before = {p.name: p.read_bytes() for p in keys.folder.iterdir()}
    other = Identity.generate().secret_key()
    with pytest.raises(NotASecretKey, match="not this journal's"):
        keys.restore(other, "remembered this time")
    with pytest.raises(NotASecretKey, match="not an age secret key"):
        keys.restore("my dog's name", "remembered this time")
    with pytest.raises(NotASecretKey, match="mistyped"):
        keys.restore(other[:-1] + ("Q" if other[-1] != "Q" else "P"), "remembered this time")
    assert {p.name: p.read_bytes() for p in keys.folder.iterdir()} == before


def test_a_retired_key_is_never_overwritten(keys: KeyFiles) -> None:
    moment = datetime(2025, 5, 1, 8, 0, 0)
    original = keys.identity_path.read_bytes()
    first = keys.retire_identity(now=moment)
    keys.identity_path.write_bytes(b"a second key file")
    second = keys.retire_identity(now=moment)
    assert first is not None and second is not None
    assert (first.name, second.name) == (
        "identity.retired-20250501-080000.age",
        "identity.retired-20250501-080000-2.age",
    )
    assert first.read_bytes() == original
    assert second.read_bytes() == b"a second key file"
    assert keys.retire_identity(now=moment) is None


def test_without_a_child_process_the_passphrase_step_runs_here(monkeypatch: pytest.MonkeyPatch) -> None:
    # scrypt runs in a child so that this process's GIL stays free; where no child can start, it runs here.
    ran_here: list[tuple[str, bytes, str]] = []

    def scrypt_here(operation: str, data: bytes, passphrase: str) -> bytes:
        ran_here.append((operation, data, passphrase))
        return b"sealed"

    monkeypatch.setattr(crypto, "_scrypt_here", scrypt_here)
    monkeypatch.setattr(sys, "executable", "")
    assert crypto._scrypt("encrypt", b"key", "pass phrase") == b"sealed"
    monkeypatch.setattr(sys, "executable", "/no/such/python")
    assert crypto._scrypt("decrypt", b"file", "pass phrase") == b"sealed"
    assert ran_here == [("encrypt", b"key", "pass phrase"), ("decrypt", b"file", "pass phrase")]


def test_a_key_file_refused_as_too_much_work_on_a_busy_moment_is_tried_again(
    monkeypatch: pytest.MonkeyPatch, keys: KeyFiles
) -> None:
    # pyrage times a tiny scrypt before it unlocks; on a busy machine that timing can make the person's own
    # key file look like too much work (seen at load 5 to 9). A refusal that passes is tried again...
    answers: list[bytes | str] = ["Excessive work parameter for passphrase"] * 2 + [b"the key"]
    tries: list[str] = []

    def once(operation: str, data: bytes, passphrase: str) -> bytes:
        tries.append(operation)
        answer = answers.pop(0)
        if isinstance(answer, str):
            raise pyrage.DecryptError(answer)
        return answer

    monkeypatch.setattr(crypto, "_scrypt_once", once)
    monkeypatch.setattr(crypto, "_BUSY_PAUSE", 0.0)
    assert crypto._scrypt("decrypt", b"file", "pass phrase") == b"the key"
    assert tries == ["decrypt"] * 3
    # ...a refusal that stays is reported after the last try, and a wrong passphrase is never tried again.
    answers[:] = ["Excessive work parameter for passphrase"] * crypto._BUSY_TRIES
    with pytest.raises(DamagedKey, match="more work to unlock than this computer allows"):
        keys.unlock("pass phrase")
    assert not answers
    answers[:] = ["Decryption failed", b"never reached"]
    with pytest.raises(WrongPassphrase):
        keys.unlock("pass phrase")
    assert answers == [b"never reached"]


def test_a_passphrase_in_any_script_reaches_the_child_whole() -> None:
    # Sealed here (cheaply), opened in the child: the passphrase crossed the pipe byte for byte. (The child
    # seals with the same message as it opens with; making the keys above seals there.)
    passphrase = "Grüße aus Köln, שלום, 🌊 und ein Leerzeichen am Ende "
    sealed = cheap_age.seal(b"the key", passphrase)
    assert crypto._scrypt("decrypt", sealed, passphrase) == b"the key"
    for near in (passphrase.rstrip(), passphrase.replace("ü", "u"), passphrase.encode().decode("latin-1")):
        with pytest.raises(pyrage.DecryptError):
            crypto._scrypt("decrypt", sealed, near)


# --------------------------------------------------------------------------------------------------------
# The age command-line tool reads what we write, and we read what it writes
# --------------------------------------------------------------------------------------------------------


def age(*args: str, input: bytes = b"") -> bytes:
    done = subprocess.run(["age", *args], input=input, capture_output=True, check=False, timeout=60)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    return done.stdout


@needs_age
def test_age_decrypts_a_file_we_wrote_with_the_secret_key(tmp_path: Path) -> None:
    identity = Identity.generate()
    plain = every_answer_type()
    (tmp_path / "day-1.toml").write_bytes(identity.recipient.encrypt(plain))
    (tmp_path / "key.txt").write_text(identity.secret_key() + "\n")  # as typed from the recovery page
    age("-d", "-i", str(tmp_path / "key.txt"), "-o", str(tmp_path / "out.toml"), str(tmp_path / "day-1.toml"))
    assert (tmp_path / "out.toml").read_bytes() == plain


@needs_age
def test_age_opens_the_passphrase_protected_key_file_and_decrypts_with_it(keys: KeyFiles) -> None:
    assert_age_decrypts_with_the_key_file(keys)  # the tests' cheap key files


@needs_age
def test_age_opens_a_key_file_the_app_made_and_decrypts_with_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The key file as ``KeyFiles.create`` writes it (age-keygen's layout, read back before it is written),
    sealed at the tests' cheap work factor: the age tool opens it with the passphrase and decrypts a journal
    file to the new key. (The work factor the app chooses is checked against age's limit above.)"""
    cheap_age.cheap_scrypt(monkeypatch)
    keys = KeyFiles(tmp_path / "data")
    identity = keys.create(PASSPHRASE)
    assert keys.work_factor() == cheap_age.WORK_FACTOR
    assert keys.recipient() == identity.recipient
    assert_age_decrypts_with_the_key_file(keys)


def assert_age_decrypts_with_the_key_file(keys: KeyFiles) -> None:
    """``age -d -i identity.age``, the passphrase typed at its prompt, decrypts a journal file."""
    plain = every_answer_type()
    journal_file = keys.folder / "day-1.toml"
    journal_file.write_bytes(keys.recipient().encrypt(plain))
    out = keys.folder / "out.toml"
    result = run_in_pty(
        ["age", "-d", "-i", str(keys.identity_path), "-o", str(out), str(journal_file)],
        [(b"Enter passphrase", PASSPHRASE.encode())],
    )
    assert result.exit_code == 0, result.screen
    assert out.read_bytes() == plain


@needs_age
def test_we_read_files_made_by_age(keys: KeyFiles, identity: Identity, tmp_path: Path) -> None:
    plain = every_answer_type()
    made = {
        "to-recipient": age("-r", keys.recipient().text, input=plain),
        "to-recipients-file": age("-R", str(keys.recipient_path), input=plain),
        "armored": age("-a", "-r", keys.recipient().text, input=plain),
    }
    assert made["armored"].startswith(b"-----BEGIN AGE ENCRYPTED FILE-----")
    made["armored-after-blank-lines"] = b"\n\n  " + made["armored"]
    made["armored-windows-newlines"] = made["armored"].replace(b"\n", b"\r\n")
    for name, sealed in made.items():
        assert is_age(sealed), name
        assert open_bytes(sealed, Path(name), identity) == plain, name


@needs_age
def test_a_key_made_by_age_keygen_reads_files_made_by_age(tmp_path: Path) -> None:
    done = subprocess.run(["age-keygen"], capture_output=True, check=True, text=True)
    identity = Identity.from_secret_key(done.stdout)  # the whole key file, with its comment lines
    assert f"# public key: {identity.recipient.text}" in done.stdout
    sealed = age("-r", identity.recipient.text, input=WORDS.encode())
    assert identity.decrypt(sealed, Path("x")) == WORDS.encode()
