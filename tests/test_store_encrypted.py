"""The journal store on an encrypted journal: what is saved is age data only its key opens (backups and
files kept aside too), every answer type comes back, the ``age`` tool and the store read each other's
files, a file that does not decrypt is reported by name and kept, and nothing is ever saved in plain text
beside encrypted files. The keys come from one session fixture (scrypt costs a second per key)."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import JOURNAL_PASSPHRASE
from tests.killed_workers import Workers
from tests.memory_run import sample_value
from tests.test_crypto import needs_age
from tests.test_crypto_crash import CONVERTER, kill_at_random
from workshop import paths
from workshop.answers import VALUE_TYPES, TextValue
from workshop.content.models import Program
from workshop.journal.crypto import AGE_MAGIC, Identity, KeyFiles, is_age
from workshop.journal.errors import JournalError, JournalLocked, JournalNeedsUnlock
from workshop.journal.store import Journal

WORDS = "I cried in the car after the night shift; nobody must read this 🌊"


def every_file(data: Path) -> list[Path]:
    return sorted(p for p in data.rglob("*") if p.is_file())


def journal_files(data: Path) -> list[Path]:
    return sorted(p for p in paths.journals_root(data).rglob("*") if p.is_file())


def assert_no_plaintext(data: Path, *fragments: str) -> None:
    """No byte sequence of any fragment, in UTF-8, in any file of the data folder."""
    for path in every_file(data):
        content = path.read_bytes()
        for fragment in fragments:
            assert fragment.encode() not in content, f"{path} holds typed words in plain text"


def first_step(program: Program) -> tuple[str, str]:
    """The first text step of the sample program: its module and its id."""
    found = program.find_step("first-thought")
    assert found is not None
    return found[0].id, found[1].id


def test_an_encrypted_journal_does_not_open_without_its_key_and_reads_nothing(
    encrypted_data: Path, program: Program
) -> None:
    with pytest.raises(JournalNeedsUnlock) as raised:
        Journal.open(encrypted_data, program)
    assert "passphrase" in str(raised.value) and str(paths.identity_file(encrypted_data)) in str(raised.value)
    # The lock was let go: the next attempt, with the key, opens.
    with Journal.open(encrypted_data, program, identity=_identity(encrypted_data)) as journal:
        assert journal.encrypted and journal.problems == []


def _identity(data: Path) -> Identity:
    return KeyFiles(data).unlock(JOURNAL_PASSPHRASE)


@pytest.fixture
def identity(journal_keys: tuple[Path, Identity]) -> Identity:
    return journal_keys[1]


def test_every_answer_type_round_trips_through_an_encrypted_journal_and_no_file_holds_plain_text(
    encrypted_data: Path, program: Program, identity: Identity
) -> None:
    # One answer of every type, each with every field set (the store keeps any step id it is given).
    values = {
        (program.modules[0].id, f"answer-{kind}"): sample_value(value_type)
        for kind, value_type in VALUE_TYPES.items()
    }
    with Journal.open(encrypted_data, program, identity=identity) as journal:
        run = journal.new_run()
        for (module_id, step_id), value in values.items():
            run.set_answer(module_id, step_id, value)
        journal.save(run)
        module_id, step_id = first_step(program)
        run.set_answer(module_id, step_id, TextValue(WORDS))  # a second save: a backup of the first
        journal.save(run)
    with Journal.open(encrypted_data, program, identity=identity) as again:
        loaded = again.current_run()
        assert loaded is not None and again.problems == []
        for (_, step_id), value in values.items():
            if step_id == first_step(program)[1]:
                value = TextValue(WORDS)
            answer = loaded.answer(step_id)
            assert answer is not None and answer.value == value, step_id
    written = journal_files(encrypted_data)
    assert any(p.name.endswith(".backup.toml") for p in written)
    assert written and all(p.read_bytes().startswith(AGE_MAGIC) for p in written)
    assert_no_plaintext(encrypted_data, WORDS, "Words of my own", "first of mine", "night shift")


@needs_age
def test_the_age_tool_opens_a_file_the_app_wrote_and_the_app_reads_a_file_age_made(
    encrypted_data: Path, program: Program, identity: Identity, tmp_path: Path
) -> None:
    module_id, step_id = first_step(program)
    with Journal.open(encrypted_data, program, identity=identity) as journal:
        run = journal.new_run()
        run.set_answer(module_id, step_id, TextValue(WORDS))
        journal.save(run)
    day = run.folder / f"{module_id}.toml"
    key = tmp_path / "key.txt"
    key.write_text(identity.secret_key() + "\n")
    opened = subprocess.run(["age", "-d", "-i", str(key), str(day)], capture_output=True, check=True)
    assert WORDS.encode() in opened.stdout
    # Edited by hand in plain text, encrypted again with age to the public key: the app reads it.
    edited = opened.stdout.replace(WORDS.encode(), b"changed by hand")
    subprocess.run(
        ["age", "-R", str(paths.recipient_file(encrypted_data)), "-o", str(day)],
        input=edited,
        check=True,
    )
    with Journal.open(encrypted_data, program, identity=identity) as journal:
        answer = journal.runs[0].answer(step_id)
        assert journal.problems == [] and answer is not None and answer.value == TextValue("changed by hand")


@pytest.mark.parametrize("damage", ["flip a byte", "cut short", "another key"])
def test_a_file_that_does_not_decrypt_is_reported_by_name_kept_and_never_overwritten(
    encrypted_data: Path, program: Program, identity: Identity, damage: str
) -> None:
    module_id, step_id = first_step(program)
    with Journal.open(encrypted_data, program, identity=identity) as journal:
        run = journal.new_run()
        run.set_answer(module_id, step_id, TextValue(WORDS))
        journal.save(run)
    day = run.folder / f"{module_id}.toml"
    good = day.read_bytes()
    if damage == "flip a byte":
        bad = good[:-20] + bytes([good[-20] ^ 1]) + good[-19:]
    elif damage == "cut short":
        bad = good[: len(good) - 30]
    else:
        bad = Identity.generate().recipient.encrypt(b"format = 1\n")
    day.write_bytes(bad)
    with Journal.open(encrypted_data, program, identity=identity) as journal:
        [problem] = journal.problems
        assert (
            problem.path == day and str(day) in problem.message and "It is kept as it is" in problem.message
        )
        assert WORDS not in problem.message
        current = journal.current_run()
        assert current is not None
        current.set_answer(module_id, step_id, TextValue("written again"))
        report = journal.save(current)
    kept = [p for p in day.parent.iterdir() if ".unreadable-" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes() == bad  # kept byte for byte, as it was
    assert report.notices and is_age(day.read_bytes())


def test_age_files_in_a_journal_without_key_files_are_never_joined_by_plain_saves(
    encrypted_data: Path, program: Program, identity: Identity
) -> None:
    module_id, step_id = first_step(program)
    with Journal.open(encrypted_data, program, identity=identity) as journal:
        run = journal.new_run()
        run.set_answer(module_id, step_id, TextValue(WORDS))
        journal.save(run)
    before = {p: p.read_bytes() for p in journal_files(encrypted_data)}
    for name in (paths.IDENTITY_FILE, paths.RECIPIENT_FILE):
        os.unlink(encrypted_data / name)  # lost to a sync service or a slip in a file manager
    with Journal.open(encrypted_data, program) as journal:
        assert journal.problems and all("key file is missing" in p.message for p in journal.problems)
        current = journal.current_run()
        assert current is not None
        current.set_answer(module_id, step_id, TextValue("plain words"))
        with pytest.raises(JournalError, match="key file is missing"):
            journal.save(current)
    assert {p: p.read_bytes() for p in journal_files(encrypted_data)} == before


def test_a_missing_public_key_is_written_again_from_the_unlocked_key(
    encrypted_data: Path, program: Program, identity: Identity
) -> None:
    os.unlink(paths.recipient_file(encrypted_data))
    with Journal.open(encrypted_data, program, identity=identity) as journal:
        run = journal.new_run()
        journal.save(run)
    assert paths.recipient_file(encrypted_data).read_text().strip().endswith(identity.recipient.text)
    assert all(is_age(p.read_bytes()) for p in journal_files(encrypted_data))


def test_a_second_window_hears_the_journal_is_open_before_any_passphrase_is_asked(
    encrypted_data: Path, program: Program, identity: Identity
) -> None:
    with Journal.open(encrypted_data, program, identity=identity):
        with pytest.raises(JournalLocked):
            Journal.open(encrypted_data, program, wait=0.05)
        # Read-only (export, progress) works beside it, with the key.
        with Journal.open(encrypted_data, program, lock=False, identity=identity) as reader:
            assert reader.encrypted


def test_turning_encryption_on_and_off_in_an_open_journal_keeps_every_word(
    tmp_path: Path, program: Program, monkeypatch: pytest.MonkeyPatch, cheap_new_keys: Identity
) -> None:
    data = tmp_path / "data"
    module_id, step_id = first_step(program)
    with Journal.open(data, program) as journal:
        run = journal.new_run()
        run.set_answer(module_id, step_id, TextValue(WORDS))
        journal.save(run)
        run.set_answer(module_id, step_id, TextValue(WORDS + " again"))
        journal.save(run)  # a plain backup now exists
        _, report = journal.turn_on_encryption(JOURNAL_PASSPHRASE)
        assert report.complete and journal.encrypted
        assert_no_plaintext(data, WORDS)
        run.set_answer(module_id, step_id, TextValue(WORDS + " later"))
        report_after = journal.save(run)  # the conversion is not taken for a change made elsewhere
        assert report_after.notices == ()
        assert_no_plaintext(data, WORDS)
        off = journal.turn_off_encryption()
        assert off.complete and not journal.encrypted
        run.set_answer(module_id, step_id, TextValue(WORDS + " plain again"))
        journal.save(run)
    assert not KeyFiles(data).is_encrypted()
    assert list(data.glob("identity.retired-*.age"))  # the key is kept aside, never deleted
    assert (WORDS + " plain again").encode() in (run.folder / f"{module_id}.toml").read_bytes()


def test_a_conversion_of_a_real_journal_killed_at_any_moment_opens_with_every_word(
    encrypted_data: Path, program: Program, identity: Identity, tmp_path: Path
) -> None:
    """SIGKILL while a process encrypts and decrypts the journal over and over: every time, the store
    opens it with every answer, some files in each form, and finishes encrypting it."""
    module_id, step_id = first_step(program)
    with Journal.open(encrypted_data, program, identity=identity) as journal:
        for number in range(3):
            run = journal.new_run()
            for each in range(5):
                run.set_answer(module_id, step_id, TextValue(f"{WORDS} run {number} version {each}"))
                journal.save(run)
    key = tmp_path / "key.txt"
    key.write_text(identity.secret_key())
    rng = random.Random(16)
    with Workers(CONVERTER) as converters:
        for _ in range(6):
            kill_at_random(converters, paths.journals_root(encrypted_data), key, rng)
            with Journal.open(encrypted_data, program, identity=identity) as journal:
                assert journal.problems == []
                for number, run in enumerate(journal.runs):
                    answer = run.answer(step_id)
                    assert answer is not None and answer.value == TextValue(f"{WORDS} run {number} version 4")
            # Opening with the lock finished the conversion: every file is encrypted again.
            assert all(is_age(p.read_bytes()) for p in journal_files(encrypted_data))


def test_the_session_keys_are_copied_not_shared(
    encrypted_data: Path, journal_keys: tuple[Path, Identity]
) -> None:
    assert (encrypted_data / paths.IDENTITY_FILE).read_bytes() == (
        journal_keys[0] / paths.IDENTITY_FILE
    ).read_bytes()
    assert not (encrypted_data / paths.IDENTITY_FILE).samefile(journal_keys[0] / paths.IDENTITY_FILE)
    shutil.rmtree(encrypted_data)
    assert (journal_keys[0] / paths.IDENTITY_FILE).exists()
