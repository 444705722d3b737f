"""An encrypted journal in a real terminal (tmux), used the way a person uses it: the passphrase typed into
the unlock prompt, words typed into a step, ctrl+q; then every byte on disk is searched for those words.
And two windows on one encrypted journal: the second hears that the journal is open elsewhere before it is
ever asked for a passphrase, and nothing typed in the first is lost.

The tmux helpers and the rule for when these tests are skipped are ``tests/test_real_terminal.py``'s.
"""

from __future__ import annotations

import shlex
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import test_real_terminal
from tests.conftest import JOURNAL_KEYS, JOURNAL_PASSPHRASE
from tests.test_real_terminal import POLL, SHORT_LOCK_WAIT, Tmux, until_it_ends, workshop_command
from tests.test_store_encrypted import journal_files
from workshop import paths
from workshop.answers import TextValue
from workshop.content.loader import load_program
from workshop.journal.crypto import Identity, KeyFiles, is_age
from workshop.journal.store import Journal

pytestmark = test_real_terminal.pytestmark

UNLOCK_PROMPT = "Your journal is encrypted"
SLOW = 60.0
"""Seconds to wait for the app to start or unlock on a machine shared with others (each wait ends at once
when the screen shows what it waits for)."""

CHEAP_NEW_KEYS = f"""
import os, shutil
from pathlib import Path
from workshop.journal.crypto import AlreadyEncrypted, KeyFiles

def create(keys, passphrase, *, now=None):
    # The tests' cheap key files in place of new ones, as conftest's cheap_new_keys does in a test's own
    # process: making real keys costs seconds of scrypt, and is tested in test_crypto. They open with
    # JOURNAL_PASSPHRASE only: any other passphrase ends the app here, and the test with it.
    if passphrase != {JOURNAL_PASSPHRASE!r}:
        os._exit(3)
    if keys.is_encrypted():
        raise AlreadyEncrypted(keys.identity_path)
    keys.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    for name in {(paths.IDENTITY_FILE, paths.RECIPIENT_FILE)!r}:
        shutil.copy2(Path({str(JOURNAL_KEYS)!r}) / name, keys.folder / name)
    return keys.unlock(passphrase)

KeyFiles.create = create
"""
"""Run in the app's process (``workshop_command``'s ``patch``) where a test has the app make new keys."""

# Words nothing else on disk could hold by chance, so finding any of them means they leaked.
WORDS = "quillwort marigoldsky zebrafinch: the night I nearly left medicine"
FRAGMENTS = (WORDS, "quillwort", "marigoldsky", "zebrafinch", "nearly left medicine")


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    server = Tmux()
    yield server
    server.stop()


def every_file(*folders: Path) -> list[Path]:
    return sorted(path for folder in folders for path in folder.rglob("*") if path.is_file())


def first_answer(data: Path, program_dir: Path, identity: Identity) -> object:
    with Journal.open(data, load_program(program_dir), identity=identity, lock=False) as journal:
        answer = journal.runs[0].answer("first-thought")
        return None if answer is None else answer.value


def unlock_and_write(tmux: Tmux, words: str) -> None:
    """At the unlock prompt: the passphrase, then day 1's first text step, then ``words``, each sent as
    soon as the screen before it shows (never waiting for the app to settle)."""
    tmux.wait_for(UNLOCK_PROMPT, timeout=SLOW)
    tmux.keys("-l", JOURNAL_PASSPHRASE)
    tmux.keys("Enter")
    tmux.wait_for("Begin day 1", timeout=SLOW)
    tmux.keys("c")
    tmux.wait_for("Step 1 of 8", timeout=SLOW)
    tmux.keys("C-n")
    tmux.wait_for("What brought you here today?", timeout=SLOW)
    tmux.keys("-l", words)
    tmux.wait_for(words[-20:], timeout=SLOW)


def test_after_a_real_session_no_file_anywhere_holds_a_typed_word_or_the_passphrase(
    tmux: Tmux,
    encrypted_data: Path,
    journal_keys: tuple[Path, Identity],
    tmp_path: Path,
    mini_program_dir: Path,
) -> None:
    # The app's own folders for temporary files and the cache, so every file it could have made is searched.
    scratch, cache = tmp_path / "tmp", tmp_path / "cache"
    scratch.mkdir()
    config = tmp_path / "config"
    command = workshop_command(encrypted_data, mini_program_dir)
    tmux.start(
        until_it_ends(
            f"env TMPDIR={shlex.quote(str(scratch))} WORKSHOP_CACHE_DIR={shlex.quote(str(cache))} {command}"
        )
    )
    unlock_and_write(tmux, WORDS)
    tmux.keys("C-q")
    tmux.wait_for("EXIT=0", timeout=SLOW)

    # The words were saved (so the search below looks for something that was written) ...
    assert first_answer(encrypted_data, mini_program_dir, journal_keys[1]) == TextValue(WORDS)
    saved = journal_files(encrypted_data)
    assert saved and all(is_age(path.read_bytes()) for path in saved)
    # ... and no byte of any file in the data, config, cache or temporary folders holds them, in any
    # of the usual encodings, nor the passphrase.
    searched = every_file(encrypted_data, config, cache, scratch)
    assert paths.lock_file(encrypted_data) in searched and (config / "settings.toml") in searched
    for path in searched:
        content = path.read_bytes()
        for fragment in (*FRAGMENTS, JOURNAL_PASSPHRASE):
            for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
                assert fragment.encode(encoding) not in content, f"{path} holds {fragment!r} ({encoding})"


def test_a_second_window_on_an_encrypted_journal_is_told_it_is_open_never_asked_and_loses_nothing(
    tmux: Tmux, encrypted_data: Path, journal_keys: tuple[Path, Identity], mini_program_dir: Path
) -> None:
    command = workshop_command(encrypted_data, mini_program_dir)
    tmux.start(until_it_ends(command))
    unlock_and_write(tmux, "written in the first window")

    second = Tmux()
    try:
        second.start(until_it_ends(workshop_command(encrypted_data, mini_program_dir, patch=SHORT_LOCK_WAIT)))
        # Every screen the second window shows until it says the journal is open, or asks: never the prompt.
        seen = [second.screen()]
        deadline = time.monotonic() + SLOW
        while time.monotonic() < deadline and not any(
            words in seen[-1] for words in ("already open in another window", UNLOCK_PROMPT, "Passphrase")
        ):
            time.sleep(POLL)
            seen.append(second.screen())
        assert not any(UNLOCK_PROMPT in screen or "Passphrase" in screen for screen in seen), seen[-1]
        assert "already open in another window" in seen[-1], seen[-1]
        assert "PID" in seen[-1] and "Traceback" not in seen[-1]

        # The first window carries on, untouched, and ends.
        tmux.keys("-l", ", and more after the second window tried")
        tmux.wait_for("second window tried", timeout=SLOW)
        tmux.keys("C-q")
        tmux.wait_for("EXIT=0", timeout=SLOW)

        # "Try again" in the second window: now it is asked for the passphrase, and finds every word.
        second.keys("Enter")
        second.wait_for(UNLOCK_PROMPT, timeout=SLOW)
        second.keys("-l", JOURNAL_PASSPHRASE)
        second.keys("Enter")
        second.wait_for("day 1, step 2", timeout=SLOW)
        second.keys("c")
        screen = second.wait_for("What brought you here today?", timeout=SLOW)
        assert "written in the first window, and more after the second window tried" in screen
        second.keys("C-q")
        second.wait_for("EXIT=0", timeout=SLOW)
    finally:
        second.stop()
    assert first_answer(encrypted_data, mini_program_dir, journal_keys[1]) == TextValue(
        "written in the first window, and more after the second window tried"
    )


def test_the_passphrase_enter_and_the_next_key_typed_at_once_unlock(
    tmux: Tmux, encrypted_data: Path, mini_program_dir: Path
) -> None:
    """A person types the passphrase, Enter and at once c (to continue): the c never joins the passphrase
    (it did: Enter was handled after the key typed behind it, and the right passphrase was refused), and
    is kept while the key is unlocked, then continues to day 1 (it was dropped)."""
    tmux.start(until_it_ends(workshop_command(encrypted_data, mini_program_dir)))
    tmux.wait_for(UNLOCK_PROMPT, timeout=SLOW)
    tmux.keys("-l", JOURNAL_PASSPHRASE + "\rc")
    deadline = time.monotonic() + SLOW
    screen = tmux.screen()
    while time.monotonic() < deadline and not any(
        words in screen for words in ("Step 1 of 8", "does not open")
    ):
        time.sleep(POLL)
        screen = tmux.screen()
    assert "does not open" not in screen and UNLOCK_PROMPT not in screen, screen
    assert "Step 1 of 8" in screen, screen  # the c typed while unlocking was kept, and continued


def test_not_now_at_the_first_run_offer_with_the_next_key_typed_at_once_continues(
    tmux: Tmux, tmp_path: Path, mini_program_dir: Path
) -> None:
    """Tab, Enter ("Not now") and c in one burst: the offer closes and c continues into day 1. The c came
    in before the offer had heard Enter, so it went to the offer, which was closing, and was lost."""
    data = tmp_path / "data"
    tmux.start(until_it_ends(workshop_command(data, mini_program_dir, offer_encryption=True)))
    tmux.wait_for("Keep your journal encrypted?", timeout=SLOW)
    tmux.keys("Tab", "Enter", "c")
    screen = tmux.wait_for("Step 1 of 8", timeout=SLOW)
    assert "Keep your journal encrypted?" not in screen


def test_the_passphrase_typed_at_once_with_the_enter_that_chose_encryption_reaches_its_field(
    tmux: Tmux, tmp_path: Path, mini_program_dir: Path
) -> None:
    """Enter on "Choose a passphrase", then the passphrase, Enter, the same again and Enter, all in one
    burst: the keys typed behind the first Enter wait for the passphrase screen rather than going to the
    offer that is closing, and the journal is encrypted with them."""
    data, home = tmp_path / "data", tmp_path / "home"
    home.mkdir()
    command = workshop_command(data, mini_program_dir, offer_encryption=True, patch=CHEAP_NEW_KEYS)
    tmux.start(until_it_ends(f"env HOME={shlex.quote(str(home))} {command}"))
    tmux.wait_for("Keep your journal encrypted?", timeout=SLOW)
    tmux.keys("-l", f"\r{JOURNAL_PASSPHRASE}\r{JOURNAL_PASSPHRASE}\r")  # \r: Enter, in the same write
    screen = tmux.wait_for("Make a recovery page?", timeout=SLOW)
    assert "not the same" not in screen
    keys = KeyFiles(data)
    assert keys.is_encrypted() and keys.unlock(JOURNAL_PASSPHRASE).recipient == keys.recipient()


def test_encryption_chosen_at_the_first_run_offer_with_both_passphrases_typed_at_once(
    tmux: Tmux, tmp_path: Path, mini_program_dir: Path
) -> None:
    """The first-run offer, then the passphrase, Enter, the same again and Enter in one burst: each reaches
    its own field (Enter moves on before the keys behind it arrive), the journal is encrypted with it, and
    "Not now" to the recovery page writes no page."""
    data, home = tmp_path / "data", tmp_path / "home"
    home.mkdir()
    command = workshop_command(data, mini_program_dir, offer_encryption=True, patch=CHEAP_NEW_KEYS)
    tmux.start(until_it_ends(f"env HOME={shlex.quote(str(home))} {command}"))
    tmux.wait_for("Keep your journal encrypted?", timeout=SLOW)
    tmux.keys("Enter")  # "Choose a passphrase", the first choice
    tmux.wait_for("The same passphrase again", timeout=SLOW)
    tmux.keys("-l", f"{JOURNAL_PASSPHRASE}\r{JOURNAL_PASSPHRASE}\r")
    screen = tmux.wait_for("Make a recovery page?", timeout=SLOW)
    assert "not the same" not in screen
    tmux.keys("Tab", "Enter")  # "Not now"
    tmux.wait_for("Begin day 1", timeout=SLOW)
    tmux.keys("C-q")
    tmux.wait_for("EXIT=0", timeout=SLOW)
    keys = KeyFiles(data)
    assert keys.is_encrypted() and keys.unlock(JOURNAL_PASSPHRASE).recipient == keys.recipient()
    assert list(home.iterdir()) == []  # no recovery page unless asked for
