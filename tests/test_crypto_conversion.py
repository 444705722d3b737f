"""Turning encryption on and off for a journal on disk: every file, backups and kept-aside ones included."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from tests.conftest import JOURNAL_PASSPHRASE
from tests.expect import answer_to
from workshop.journal import conversion
from workshop.journal.conversion import (
    decrypt_files,
    encrypt_files,
    files_to_convert,
    finish_turning_on,
    turn_off,
    turn_on,
)
from workshop.journal.crypto import Identity, KeyFiles, is_age, open_bytes

WORDS = "I used to love the puzzle of a diagnosis. Now I count the hours."


def journal_tree(root: Path) -> dict[Path, bytes]:
    """A journal folder as the store leaves it after a while, with files of every kind; returns its files."""
    files = {
        "mini/run-001/_run.toml": b"format = 1\nprogram = 'mini'\n",
        "mini/run-001/_run.backup.toml": b"format = 1\nprogram = 'mini'\nrun = 1\n",
        "mini/run-001/one.toml": f"format = 1\ntext = '''\n{WORDS}'''\n".encode(),
        "mini/run-001/one.backup.toml": f"format = 1\ntext = '{WORDS[:30]}'\n".encode(),
        "mini/run-001/two.unreadable-20250301-101500.toml": b"format = 1\n\x00\x00\x00 damaged",
        "mini/run-001/two.changed-20250302-080000.toml": "format = 1\ntext = 'Ärztin 🌊'\r\n".encode(),
        "mini/run-001/two.toml": b"",  # an empty file, as a crash on another machine can leave
        "mini/run-002/one.toml": ("x" * 1_000_000).encode(),
        "other-program/run-001/_run.toml": b"format = 1\n",
    }
    written = {}
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written[path] = data
    return written


def assert_encrypted(files: dict[Path, bytes], identity: Identity) -> None:
    for path, data in files.items():
        raw = path.read_bytes()
        assert is_age(raw), path
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
        assert WORDS[:20].encode() not in raw
        assert identity.decrypt(raw, path) == data, path


def test_encrypting_converts_every_file_in_place_and_decrypting_gives_back_every_byte(tmp_path: Path) -> None:
    files = journal_tree(tmp_path)
    identity = Identity.generate()
    report = encrypt_files(tmp_path, identity.recipient)
    assert sorted(report.converted) == sorted(files)
    assert report.complete and report.already == 0
    assert_encrypted(files, identity)
    assert sorted(p for p in tmp_path.rglob("*") if p.is_file()) == sorted(files)  # same names, nothing else

    back = decrypt_files(tmp_path, identity)
    assert sorted(back.converted) == sorted(files)
    assert {path: path.read_bytes() for path in files} == files


def test_a_conversion_run_again_finishes_what_was_left_and_touches_nothing_else(tmp_path: Path) -> None:
    files = journal_tree(tmp_path)
    identity = Identity.generate()
    done_first = sorted(files)[:4]
    for path in done_first:  # as a conversion killed part-way leaves it
        path.write_bytes(identity.recipient.encrypt(files[path]))
    untouched = {path: path.read_bytes() for path in done_first}
    assert sorted(files_to_convert(tmp_path, encrypted=True)) == sorted(set(files) - set(done_first))

    report = encrypt_files(tmp_path, identity.recipient)
    assert sorted(report.converted) == sorted(set(files) - set(done_first))
    assert report.already == len(done_first)
    assert {path: path.read_bytes() for path in done_first} == untouched
    assert files_to_convert(tmp_path, encrypted=True) == []
    assert encrypt_files(tmp_path, identity.recipient).converted == ()


def test_a_write_left_in_progress_by_a_crash_is_removed_since_it_may_hold_plain_text(tmp_path: Path) -> None:
    files = journal_tree(tmp_path)
    temp = tmp_path / "mini/run-001/.one.toml.1a2b3c4d.tmp"
    temp.write_bytes(WORDS.encode())
    report = encrypt_files(tmp_path, Identity.generate().recipient)
    assert report.removed_temps == (temp,)
    assert not temp.exists()
    assert sorted(report.converted) == sorted(files)


def test_links_and_special_files_are_never_followed_or_opened(tmp_path: Path) -> None:
    journal = tmp_path / "journal"
    files = journal_tree(journal)
    outside = tmp_path / "outside.txt"
    outside.write_bytes(WORDS.encode())
    (journal / "mini/run-001/link.toml").symlink_to(outside)
    (journal / "linked-folder").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere/secret.toml").write_bytes(WORDS.encode())
    os.mkfifo(journal / "mini/run-001/pipe.toml")  # opening it would block for ever

    report = encrypt_files(journal, Identity.generate().recipient)
    assert sorted(report.converted) == sorted(files)
    assert sorted(s.path.name for s in report.skipped) == ["link.toml", "linked-folder", "pipe.toml"]
    assert all(s.message.startswith(str(s.path)) for s in report.skipped)
    assert outside.read_bytes() == WORDS.encode()
    assert (tmp_path / "elsewhere/secret.toml").read_bytes() == WORDS.encode()
    assert (journal / "mini/run-001/link.toml").is_symlink()


def test_a_file_that_cannot_be_decrypted_is_kept_as_it_is_and_the_journal_stays_encrypted(
    tmp_path: Path,
) -> None:
    keys = KeyFiles(tmp_path / "data")
    journal = tmp_path / "data" / "journal"
    files = journal_tree(journal)
    identity = Identity.generate()
    keys.rewrite_recipient(identity)  # encrypted, without a passphrase step: this test is about the files
    encrypt_files(journal, identity.recipient)
    damaged = journal / "mini/run-001/one.toml"
    damaged.write_bytes(damaged.read_bytes()[:-7])
    foreign = journal / "mini/run-001/_run.toml"
    foreign.write_bytes(Identity.generate().recipient.encrypt(b"format = 1\n"))
    kept = {path: path.read_bytes() for path in (damaged, foreign)}

    report = turn_off(keys, journal, identity)
    assert not report.complete
    messages = sorted(item.message for item in report.not_converted)
    assert messages == [
        f"{foreign}: is encrypted, but not for this journal's key (it was encrypted for another key, or its "
        "first lines are damaged), so it cannot be decrypted. It is kept as it is",
        f"{damaged}: is encrypted but damaged or cut short, so it cannot be decrypted. It is kept as it is",
    ]
    assert {path: path.read_bytes() for path in kept} == kept
    for path in set(files) - set(kept):  # the rest is plain again, and reads fine
        assert path.read_bytes() == files[path]
    assert keys.is_encrypted()  # the switch stays on while any file needs the key
    assert keys.recipient() == identity.recipient


def test_a_disk_failure_stops_the_conversion_with_every_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = journal_tree(tmp_path)
    identity = Identity.generate()
    real_replace = conversion.write_file
    calls = []

    def disk_fills_up(path: Path, data: bytes) -> None:
        calls.append(path)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_replace(path, data)

    monkeypatch.setattr(conversion, "write_file", disk_fills_up)
    report = encrypt_files(tmp_path, identity.recipient)
    assert len(report.converted) == 2
    (stopped,) = report.not_converted
    assert stopped.message == f"{calls[2]}: could not be written (No space left on device); it is whole"
    for path, data in files.items():
        assert open_bytes(path.read_bytes(), path, identity) == data

    monkeypatch.setattr(conversion, "write_file", real_replace)
    assert encrypt_files(tmp_path, identity.recipient).complete
    assert_encrypted(files, identity)


def test_turning_encryption_on_then_off_for_a_whole_journal(tmp_path: Path, cheap_new_keys: Identity) -> None:
    data = tmp_path / "data"
    keys = KeyFiles(data)
    files = journal_tree(data / "journal")
    assert not keys.is_encrypted()

    identity, report = turn_on(keys, data / "journal", JOURNAL_PASSPHRASE)
    assert report.complete and keys.is_encrypted()
    assert_encrypted(files, identity)
    assert finish_turning_on(keys, data / "journal").converted == ()  # nothing left to do

    off = turn_off(keys, data / "journal", identity)
    assert off.complete
    assert {path: path.read_bytes() for path in files} == files
    assert not keys.is_encrypted()
    assert not keys.identity_path.exists()
    (retired,) = data.glob("identity.retired-*.age")  # the key is kept: old copies in backups still need it
    assert is_age(retired.read_bytes())


def test_a_journal_written_by_the_store_comes_back_whole_after_encrypting_and_decrypting(
    tmp_path: Path,
) -> None:
    from tests.conftest import MINI_PROGRAM
    from workshop.answers import CommitmentValue, TextValue
    from workshop.content.loader import load_program
    from workshop.journal.store import Journal

    program = load_program(MINI_PROGRAM)
    with Journal.open(tmp_path, program) as journal:
        run = journal.new_run()
        for n in range(3):  # three saves, so backups exist too
            run.set_answer("one", "first-thought", TextValue(f"{WORDS} {n}"))
            run.set_answer("two", "closing", CommitmentValue(f"walk home {n}", "Tuesday"))
            run.set_position("one", "first-thought")
            journal.save(run)
    before = {p: p.read_bytes() for p in (tmp_path / "journal").rglob("*.toml")}
    assert any(p.name.endswith(".backup.toml") for p in before)

    identity = Identity.generate()
    encrypt_files(tmp_path / "journal", identity.recipient)
    for path in before:  # no word of the journal is left readable anywhere in the folder
        assert b"walk home" not in path.read_bytes() and WORDS[:20].encode() not in path.read_bytes()
    decrypt_files(tmp_path / "journal", identity)

    assert {p: p.read_bytes() for p in (tmp_path / "journal").rglob("*.toml")} == before
    with Journal.open(tmp_path, program) as journal:
        assert journal.problems == []
        (run,) = journal.runs
        assert answer_to(run, "first-thought").value == TextValue(f"{WORDS} 2")
        assert answer_to(run, "closing").value == CommitmentValue("walk home 2", "Tuesday")
