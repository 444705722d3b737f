"""Encryption as a person meets it: the app's unlock prompt (wrong passphrase said gently, then the right
one), typing into an encrypted journal and finding no plain word of it anywhere in the data folder, the
first-run offer and its "not now", the export warning and ``.age`` export, the command-line tools with a
wrong passphrase, a missing key file and a passphrase file, and the plain mode's prompt."""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input, TextArea

from tests import cheap_age
from tests.conftest import JOURNAL_PASSPHRASE
from tests.plain_helpers import converse
from tests.test_store_encrypted import assert_no_plaintext, first_step, journal_files
from tests.tui_helpers import build_app, held_back, open_step, screen_text, settle, until
from workshop import paths
from workshop.answers import TextValue
from workshop.cli import main
from workshop.commands import _passphrase
from workshop.commands._passphrase import add_passphrase_options, unlock_from_args
from workshop.content.models import Program
from workshop.flow import encryption
from workshop.journal.crypto import Identity, KeyFiles, is_age
from workshop.journal.store import Journal
from workshop.settings import Settings, load_settings
from workshop.tui.screens.day import DayScreen
from workshop.tui.screens.home import HomeScreen
from workshop.tui.screens.notice import Notice
from workshop.tui.screens.passphrase import PassphraseScreen

TYPED = "the words I typed into an encrypted journal at night"
TYPED_IN_APP = ", rain on the roof"
UNDER_LOAD = 120.0
"""Seconds a wait may take on a machine shared with others: each ends as soon as its state is reached."""


def seed(data: Path, program: Program, identity: Identity, text: str = "an earlier answer") -> None:
    module_id, step_id = first_step(program)
    with Journal.open(data, program, identity=identity) as journal:
        run = journal.new_run()
        run.set_answer(module_id, step_id, TextValue(text))
        journal.save(run)


async def test_keys_typed_while_the_passphrase_is_tried_reach_the_screen_that_follows_or_are_forgotten(
    encrypted_data: Path, program: Program, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A person types the passphrase, Enter, and at once c, ctrl+n and the first words: while scrypt runs (a
    second), those keys wait, and reach the step once the journal opens. After a refused passphrase they
    are forgotten, never typed into the field for the next try."""
    real_unlock = encryption.unlock

    def slow_unlock(data_dir: Path, passphrase: str) -> encryption.Outcome:
        time.sleep(0.4)  # the app's own key files take about a second; the tests' cheap ones a millisecond
        return real_unlock(data_dir, passphrase)

    monkeypatch.setattr(encryption, "unlock", slow_unlock)
    app = build_app(program, encrypted_data)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PassphraseScreen), UNDER_LOAD)
        field = app.screen.query_one("#passphrase-0", Input)
        await pilot.press(*"wrong one", "enter", *"cz")
        await until(pilot, lambda: "does not open" in screen_text(app).replace("\n", " "), UNDER_LOAD)
        assert field.value == "" and field.has_focus  # "cz" was forgotten
        await pilot.press(*JOURNAL_PASSPHRASE, "enter", "c", "ctrl+n", *"first words")  # past the welcome
        await until(pilot, lambda: isinstance(app.screen, DayScreen), UNDER_LOAD)
        screen = app.screen
        assert isinstance(screen, DayScreen)
        await until(pilot, lambda: "first words" in screen_text(app), UNDER_LOAD)
        assert screen.walk.step.id == "first-thought"
        assert "first words" in screen.query_one(TextArea).text


async def test_quit_typed_while_a_refused_passphrase_is_tried_still_quits(
    encrypted_data: Path, program: Program, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keys typed while a passphrase is tried are forgotten when it is refused, but never ctrl+q (or
    ctrl+g): those work whatever the screen is doing."""
    real_unlock = encryption.unlock

    def slow_unlock(data_dir: Path, passphrase: str) -> encryption.Outcome:
        time.sleep(0.4)
        return real_unlock(data_dir, passphrase)

    monkeypatch.setattr(encryption, "unlock", slow_unlock)
    app = build_app(program, encrypted_data)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PassphraseScreen), UNDER_LOAD)
        await pilot.press(*"wrong one", "enter", "x", "ctrl+q")
        for _ in range(int(UNDER_LOAD * 100)):  # not Pilot's pause: the app is closing, its workers cancelled
            if app.return_code is not None:
                break
            await asyncio.sleep(0.01)
    assert app.return_code == 0


async def test_keys_typed_before_the_passphrase_prompt_are_never_typed_into_it(
    encrypted_data: Path, program: Program
) -> None:
    """r and a search typed while the journal is still being looked at wait for the review; when a
    passphrase prompt comes instead, they are forgotten (never typed into the prompt) and the review is
    not opened behind the person's back once the journal opens."""
    deferred, release = held_back(program)
    app = build_app(deferred, encrypted_data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.1)
        for key in ("r", "ctrl+f", *"night"):
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await pilot.pause(0.2)
        release.set()
        await until(pilot, lambda: isinstance(app.screen, PassphraseScreen), UNDER_LOAD)
        field = app.screen.query_one("#passphrase-0", Input)
        await pilot.pause(0.1)
        assert field.value == ""
        await pilot.press(*JOURNAL_PASSPHRASE, "enter")
        await until(pilot, lambda: app.journal is not None, UNDER_LOAD)
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_the_app_asks_for_the_passphrase_gently_then_opens_and_saves_only_ciphertext(
    encrypted_data: Path, program: Program, journal_keys: tuple[Path, Identity]
) -> None:
    seed(encrypted_data, program, journal_keys[1])
    module_id, step_id = first_step(program)
    app = build_app(program, encrypted_data)
    # Each wait is for the state the next key needs, never a fixed pause: on a loaded machine the unlock
    # (a child process) and the keys can each take seconds, and the waits end as soon as they are done.
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PassphraseScreen), UNDER_LOAD)
        assert "Your journal is encrypted" in screen_text(app)
        await pilot.press(*"wrong one", "enter")
        await until(
            pilot,
            lambda: encryption.WRONG_PASSPHRASE[:30] in screen_text(app).replace("\n", " "),
            UNDER_LOAD,
        )
        assert app.journal is None and isinstance(app.screen, PassphraseScreen)
        field = app.screen.query_one("#passphrase-0", Input)
        assert field.value == "" and field.has_focus  # cleared, and ready for another try
        await pilot.press(*JOURNAL_PASSPHRASE)
        await until(pilot, lambda: field.value == JOURNAL_PASSPHRASE, UNDER_LOAD)
        await pilot.press("enter")
        await until(pilot, lambda: app.journal is not None, UNDER_LOAD)
        assert app.journal is not None and app.journal.problems == []
        run = app.current_run
        assert run is not None and run.answer(step_id) is not None
        screen = await open_step(pilot, "first-thought")
        area = screen.query_one(TextArea)
        await pilot.press(*TYPED_IN_APP)  # short: Pilot takes tens of milliseconds a key on a busy machine
        await until(pilot, lambda: area.text.endswith(TYPED_IN_APP), UNDER_LOAD)
        await pilot.press("ctrl+s")
        saved = run.folder / f"{module_id}.toml"
        await until(
            pilot,
            lambda: TYPED_IN_APP.encode() in journal_keys[1].decrypt(saved.read_bytes(), saved),
            UNDER_LOAD,
        )
    saved_files = journal_files(encrypted_data)
    assert saved_files and all(is_age(path.read_bytes()) for path in saved_files)
    # Every byte of every file in the data folder (config, lock, keys, backups): no word typed.
    assert_no_plaintext(encrypted_data.parent, TYPED_IN_APP, "rain on the roof", JOURNAL_PASSPHRASE)
    with Journal.open(encrypted_data, program, identity=journal_keys[1], lock=False) as journal:
        answer = journal.runs[0].answer("first-thought")
        assert answer is not None and answer.value == TextValue("an earlier answer" + TYPED_IN_APP)


async def test_a_new_journal_is_offered_encryption_once_and_not_now_is_remembered(
    tmp_path: Path, program: Program
) -> None:
    data, config = tmp_path / "data", tmp_path / "config"
    app = build_app(program, data, settings=Settings(), config_dir=config)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, Notice), UNDER_LOAD)
        assert encryption.OFFER_TITLE in screen_text(app)
        await pilot.click("#choice-later")
        await settle(pilot)
        assert not isinstance(app.screen, Notice)
    assert load_settings(config).encryption_offered
    assert not paths.identity_file(data).exists()  # offered, never forced
    again = build_app(program, data, settings=load_settings(config), config_dir=config)
    async with again.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: again.journal is not None, UNDER_LOAD)
        assert not isinstance(again.screen, Notice)


async def test_an_export_from_an_encrypted_journal_warns_first_and_can_be_encrypted(
    encrypted_data: Path, program: Program, journal_keys: tuple[Path, Identity]
) -> None:
    seed(encrypted_data, program, journal_keys[1], TYPED)
    app = build_app(program, encrypted_data)
    app.identity = journal_keys[1]  # unlocked at the start of the session
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.journal is not None, UNDER_LOAD)
        app.routes.export_journal("markdown")
        await until(pilot, lambda: isinstance(app.screen, Notice), UNDER_LOAD)
        assert encryption.EXPORT_TITLE in screen_text(app)
        assert not paths.exports_dir(encrypted_data).exists()  # said before anything is written
        await pilot.click("#choice-age")
        await until(
            pilot,
            lambda: (
                paths.exports_dir(encrypted_data).exists()
                and any(paths.exports_dir(encrypted_data).iterdir())
            ),
            UNDER_LOAD,
        )
    [export] = list(paths.exports_dir(encrypted_data).iterdir())
    assert export.name.endswith(".md.age") and is_age(export.read_bytes())
    assert TYPED.encode() in journal_keys[1].decrypt(export.read_bytes(), export)
    assert_no_plaintext(encrypted_data, TYPED)


def workshop(*args: str, data: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "WORKSHOP_DATA_DIR"}
    return subprocess.run(
        [sys.executable, "-m", "workshop", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        input=stdin,
        env=env,
        start_new_session=True,  # no terminal: a passphrase must come from a file or a descriptor
        check=False,
    )


def workshop_here(
    *args: str, data: Path, capfd: pytest.CaptureFixture[str]
) -> subprocess.CompletedProcess[str]:
    """``workshop`` run in this process (``main``), as ``workshop()`` runs it in a child but without its
    Python start: no terminal to ask at, so a passphrase must come from a file."""
    capfd.readouterr()
    code = main(["--data-dir", str(data), *args])
    said = capfd.readouterr()
    return subprocess.CompletedProcess(args, code, said.out, said.err)


def test_the_commands_on_an_encrypted_journal(
    encrypted_data: Path,
    program: Program,
    journal_keys: tuple[Path, Identity],
    tmp_path: Path,
    mini_program_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    """The commands as a person runs them, in child processes where the process matters (no terminal, a
    passphrase on a descriptor) and here for the rest (as in a child, there is no terminal to ask at)."""
    monkeypatch.setattr(_passphrase, "terminal_available", lambda: False)
    seed(encrypted_data, program, journal_keys[1], TYPED)
    right, wrong = tmp_path / "right", tmp_path / "wrong"
    right.write_text(JOURNAL_PASSPHRASE + "\n")
    wrong.write_text("not it\n")
    program_args = ("--program", str(mini_program_dir))
    # Without a terminal and without a passphrase: one clear line, nothing read.
    locked = workshop("export", *program_args, data=encrypted_data)
    assert locked.returncode == 1 and "no terminal" in locked.stderr and TYPED not in locked.stdout
    # A wrong passphrase: one clear line naming the key file; nothing changed.
    before = {p: p.read_bytes() for p in journal_files(encrypted_data)}
    failed = workshop_here(
        "progress", *program_args, "--passphrase-file", str(wrong), data=encrypted_data, capfd=capfd
    )
    assert failed.returncode == 1 and "that passphrase does not unlock" in failed.stderr
    assert "Traceback" not in failed.stderr and str(paths.identity_file(encrypted_data)) in failed.stderr
    # The right one, from a descriptor: the export says first that it is not encrypted.
    exported = workshop(
        "export", *program_args, "--passphrase-fd", "0", data=encrypted_data, stdin=JOURNAL_PASSPHRASE + "\n"
    )
    assert exported.returncode == 0, exported.stderr
    assert TYPED in exported.stdout and "this export is not" in exported.stderr
    sealed = tmp_path / "journal.md.age"
    written = workshop_here(
        "export",
        *program_args,
        "--encrypt",
        "-o",
        str(sealed),
        "--passphrase-file",
        str(right),
        data=encrypted_data,
        capfd=capfd,
    )
    assert written.returncode == 0, written.stderr
    assert "not encrypted" not in written.stderr and TYPED.encode() in journal_keys[1].decrypt(
        sealed.read_bytes(), sealed
    )
    assert {p: p.read_bytes() for p in journal_files(encrypted_data)} == before
    # A missing key file: a clear line that says what to do; the journal files are untouched.
    os.rename(paths.identity_file(encrypted_data), tmp_path / "identity.age")
    missing = workshop_here(
        "progress", *program_args, "--passphrase-file", str(right), data=encrypted_data, capfd=capfd
    )
    assert (
        missing.returncode == 1
        and "key file is missing" in missing.stderr
        and "recovery page" in missing.stderr
    )
    assert {p: p.read_bytes() for p in journal_files(encrypted_data)} == before


def test_decrypt_then_encrypt_from_the_command_line(
    encrypted_data: Path,
    program: Program,
    journal_keys: tuple[Path, Identity],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    seed(encrypted_data, program, journal_keys[1], TYPED)
    passphrase = tmp_path / "pass"
    passphrase.write_text(JOURNAL_PASSPHRASE + "\n")
    off = workshop("decrypt", "--passphrase-file", str(passphrase), data=encrypted_data)
    assert off.returncode == 0, off.stderr
    assert all(not is_age(p.read_bytes()) for p in journal_files(encrypted_data))
    assert not paths.identity_file(encrypted_data).exists() and list(
        encrypted_data.glob("identity.retired-*")
    )
    # Encrypting makes new keys: run here, with the new key file sealed at the tests' cheap work factor
    # (making keys at the app's is test_crypto's), instead of in a child paying seconds of scrypt.
    cheap_age.cheap_scrypt(monkeypatch)
    on = main(["--data-dir", str(encrypted_data), "encrypt", "--new-passphrase-file", str(passphrase)])
    assert on == 0, capsys.readouterr().err
    assert all(is_age(p.read_bytes()) for p in journal_files(encrypted_data))
    assert_no_plaintext(encrypted_data, TYPED)
    identity = KeyFiles(encrypted_data).unlock(JOURNAL_PASSPHRASE)  # the new key, under the passphrase given
    assert identity.recipient != journal_keys[1].recipient
    with Journal.open(encrypted_data, program, identity=identity, lock=False) as journal:
        assert journal.problems == []
        answer = journal.runs[0].answer(first_step(program)[1])
        assert answer is not None and answer.value == TextValue(TYPED)


def test_a_public_key_file_holding_another_key_is_rewritten_at_unlock_by_the_app_and_the_commands(
    encrypted_data: Path, program: Program, journal_keys: tuple[Path, Identity], tmp_path: Path
) -> None:
    """Saves to another key could never be read back, so every unlock puts the journal's own public key
    back, without asking; then saving works and what is saved opens with the journal's key."""
    seed(encrypted_data, program, journal_keys[1])
    keys = KeyFiles(encrypted_data)
    right = tmp_path / "pass"
    right.write_text(JOURNAL_PASSPHRASE + "\n")
    commands = argparse.ArgumentParser()
    add_passphrase_options(commands)
    unlockers: dict[str, Callable[[], Identity | None]] = {
        "the app and the plain mode": lambda: encryption.unlock(encrypted_data, JOURNAL_PASSPHRASE).identity,
        "the commands": lambda: unlock_from_args(
            keys, commands.parse_args(["--passphrase-file", str(right)])
        ),
    }
    for who, unlock in unlockers.items():
        keys.rewrite_recipient(Identity.generate())  # copied from another journal, say
        assert keys.recipient() != journal_keys[1].recipient
        assert unlock() is not None, who
        assert keys.recipient() == journal_keys[1].recipient, who
    with Journal.open(encrypted_data, program, identity=journal_keys[1]) as journal:
        run = journal.runs[0]
        run.set_answer(*first_step(program), TextValue(TYPED))
        journal.save(run)
    saved = run.folder / f"{first_step(program)[0]}.toml"
    assert TYPED.encode() in journal_keys[1].decrypt(saved.read_bytes(), saved)


def test_the_plain_mode_asks_for_the_passphrase_hidden_and_says_a_wrong_one_gently(
    encrypted_data: Path, program: Program, journal_keys: tuple[Path, Identity]
) -> None:
    seed(encrypted_data, program, journal_keys[1])
    asked: list[str] = []
    answers = iter(["not it", JOURNAL_PASSPHRASE])

    def ask(prompt: str) -> str:
        asked.append(prompt)
        return next(answers)

    talk = converse(program, encrypted_data, ["q"], ask_passphrase=ask)
    assert len(asked) == 2 and talk.code == 0, talk
    assert encryption.WRONG_PASSPHRASE in talk.out and JOURNAL_PASSPHRASE not in talk.out + talk.err
    assert "Traceback" not in talk.err


def test_the_plain_mode_exports_an_encrypted_journal_after_saying_the_file_is_not_encrypted(
    encrypted_data: Path, program: Program, journal_keys: tuple[Path, Identity]
) -> None:
    seed(encrypted_data, program, journal_keys[1])
    talk = converse(
        program, encrypted_data, ["export", "markdown", "north star", "markdown", "", "q"],
        ask_passphrase=lambda prompt: JOURNAL_PASSPHRASE,
    )
    assert talk.code == 0 and "Traceback" not in talk.err, talk
    assert talk.out.count(encryption.EXPORT_BODY) == 2  # said before each file is written
    exports = sorted((encrypted_data / "exports").iterdir())
    assert len(exports) == 2, talk
    assert any("an earlier answer" in path.read_text(encoding="utf-8") for path in exports)  # key used


def test_the_calendar_of_an_encrypted_journal_is_written_with_its_key(
    encrypted_data: Path,
    program: Program,
    journal_keys: tuple[Path, Identity],
    tmp_path: Path,
    mini_program_dir: Path,
) -> None:
    seed(encrypted_data, program, journal_keys[1])
    passphrase = tmp_path / "passphrase"
    passphrase.write_text(JOURNAL_PASSPHRASE + "\n", encoding="utf-8")
    passphrase.chmod(0o600)
    output = tmp_path / "plans.ics"
    data, folder = str(encrypted_data), str(mini_program_dir)
    code = main(
        ["--data-dir", data, "--program", folder, "calendar", "--passphrase-file", str(passphrase), "-o", str(output)]
    )
    assert code == 0 and output.read_bytes().startswith(b"BEGIN:VCALENDAR")
