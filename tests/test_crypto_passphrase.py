"""Passphrases for commands: typed at a hidden prompt, or from a file or descriptor, never on the command line."""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.pty_run import run_in_pty
from workshop.commands import _passphrase as passphrase_input
from workshop.commands._passphrase import (
    PassphraseInputError,
    add_passphrase_options,
    passphrase_from_fd,
    passphrase_from_file,
    read_passphrase,
    unlock_from_args,
)
from workshop.journal.crypto import WrongPassphrase

GOOD = "a quiet walk by the river"


def parser() -> argparse.ArgumentParser:
    made = argparse.ArgumentParser(prog="workshop change-passphrase", exit_on_error=False)
    add_passphrase_options(made)
    add_passphrase_options(made, new=True)
    return made


def typed(*answers: str) -> tuple[list[str], Callable[[str], str]]:
    """A stand-in for getpass that records the prompts and gives ``answers`` in turn."""
    prompts: list[str] = []
    given: Iterator[str] = iter(answers)

    def ask(prompt: str) -> str:
        prompts.append(prompt)
        return next(given)

    return prompts, ask


# --------------------------------------------------------------------------------------------------------
# The options
# --------------------------------------------------------------------------------------------------------


def test_there_is_no_option_that_takes_the_passphrase_itself() -> None:
    with pytest.raises((SystemExit, argparse.ArgumentError)):
        parser().parse_args(["--passphrase", GOOD])  # ambiguous between -file and -fd: refused
    with pytest.raises((SystemExit, argparse.ArgumentError)):
        parser().parse_args(["--passphrase-file", "a", "--passphrase-fd", "3"])
    args = parser().parse_args(["--passphrase-fd", "3", "--new-passphrase-file", "new.txt"])
    assert (args.passphrase_fd, args.new_passphrase_file) == (3, Path("new.txt"))
    assert "--passphrase-file PATH" in parser().format_help()
    assert "never on the command line itself" in parser().format_help()


# --------------------------------------------------------------------------------------------------------
# From a file, from a descriptor
# --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [f"{GOOD}\n".encode(), f"{GOOD}\r\n".encode(), GOOD.encode(), f"{GOOD}\nsecond line\n".encode()],
    ids=["newline", "windows-newline", "no-newline", "two-lines"],
)
def test_a_passphrase_file_gives_its_first_line(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "pass").write_bytes(content)
    assert passphrase_from_file(tmp_path / "pass") == GOOD


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "the first line is empty"),
        (b"\nsecret on line two\n", "the first line is empty"),
        (b"\xff\xfe secret \x80\n", "not UTF-8 text"),
        (b"secret " * 1000, "too long to be a passphrase"),
    ],
)
def test_an_unusable_passphrase_file_is_a_clear_error_that_never_quotes_it(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "pass"
    path.write_bytes(content)
    with pytest.raises(PassphraseInputError) as caught:
        passphrase_from_file(path)
    assert str(caught.value).startswith(f"{path}: the passphrase file")
    assert reason in str(caught.value)
    assert "secret" not in str(caught.value)


def test_a_missing_passphrase_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(PassphraseInputError, match="the passphrase file could not be read") as caught:
        passphrase_from_file(tmp_path / "nowhere")
    assert str(tmp_path / "nowhere") in str(caught.value)


def test_one_descriptor_can_carry_the_old_passphrase_then_the_new_one() -> None:
    read, write = os.pipe()
    os.write(write, f"{GOOD}\nan even better passphrase\n".encode())
    os.close(write)
    try:
        args = parser().parse_args(["--passphrase-fd", str(read), "--new-passphrase-fd", str(read)])
        assert read_passphrase(args) == GOOD
        assert read_passphrase(args, new=True) == "an even better passphrase"
    finally:
        os.close(read)


def test_a_descriptor_that_is_not_open_is_a_clear_error() -> None:
    read, write = os.pipe()
    os.close(read)
    os.close(write)
    with pytest.raises(
        PassphraseInputError, match=f"^file descriptor {read}: the passphrase could not be read"
    ):
        passphrase_from_fd(read)


def test_a_new_passphrase_from_a_file_must_follow_the_rules(tmp_path: Path) -> None:
    (tmp_path / "pass").write_text("Tulip7\n")
    args = parser().parse_args(["--new-passphrase-file", str(tmp_path / "pass")])
    with pytest.raises(PassphraseInputError, match="shorter than 8 characters") as caught:
        read_passphrase(args, new=True)
    assert "Tulip7" not in str(caught.value)


# --------------------------------------------------------------------------------------------------------
# At the terminal
# --------------------------------------------------------------------------------------------------------


def test_a_new_passphrase_is_asked_twice_and_again_when_the_two_differ() -> None:
    prompts, ask = typed(GOOD, GOOD + "!", "short", GOOD, GOOD)
    messages = io.StringIO()
    got = read_passphrase(parser().parse_args([]), new=True, ask=ask, messages=messages)
    assert got == GOOD
    assert prompts == [
        "New passphrase: ",
        "The same passphrase again: ",
        "New passphrase: ",
        "New passphrase: ",
        "The same passphrase again: ",
    ]
    assert messages.getvalue().splitlines() == [
        "The two passphrases are not the same.",
        "The passphrase is shorter than 8 characters. A few ordinary words in a row make one that is easy "
        "to remember and hard to guess.",
    ]
    assert GOOD not in messages.getvalue()


def test_after_three_tries_nothing_is_chosen() -> None:
    _, ask = typed("one", "two", "three")
    with pytest.raises(PassphraseInputError, match="no passphrase was chosen; nothing was changed"):
        read_passphrase(parser().parse_args([]), new=True, ask=ask, messages=io.StringIO())


def test_ctrl_d_at_the_prompt_is_a_clear_error() -> None:
    def ask(prompt: str) -> str:
        raise EOFError

    with pytest.raises(PassphraseInputError, match="no passphrase was given"):
        read_passphrase(parser().parse_args([]), ask=ask)


def test_without_a_terminal_it_says_how_a_script_passes_one(monkeypatch: pytest.MonkeyPatch) -> None:
    # getpass would fall back to reading standard input with echo on; this never lets it.
    monkeypatch.setattr(passphrase_input, "terminal_available", lambda: False)
    with pytest.raises(PassphraseInputError, match="--passphrase-file PATH or --passphrase-fd N"):
        read_passphrase(parser().parse_args([]))


CHILD = r"""
import argparse, hashlib, sys
from workshop.commands._passphrase import add_passphrase_options, read_passphrase
parser = argparse.ArgumentParser()
add_passphrase_options(parser, new=True)
chosen = read_passphrase(parser.parse_args([]), new=True)
print("chosen", hashlib.sha256(chosen.encode()).hexdigest())
"""


@pytest.mark.slow
def test_a_person_types_a_new_passphrase_at_a_real_terminal_and_it_is_never_shown() -> None:
    result = run_in_pty(
        [sys.executable, "-c", CHILD],
        [(b"New passphrase: ", b"Tulip7"), (b"New passphrase: ", GOOD.encode()), (b"again: ", GOOD.encode())],
    )
    screen = result.screen.decode(errors="replace")
    assert result.exit_code == 0, screen
    assert f"chosen {hashlib.sha256(GOOD.encode()).hexdigest()}" in screen
    assert "shorter than 8 characters" in screen
    assert GOOD not in screen and "Tulip7" not in screen  # echo was off for every answer


# --------------------------------------------------------------------------------------------------------
# Unlocking
# --------------------------------------------------------------------------------------------------------


class CountingKeys:
    """Stands in for KeyFiles: only ``GOOD`` unlocks, and every try is counted."""

    def __init__(self) -> None:
        self.tries: list[str] = []
        self.identity_path = Path("data/identity.age")

    def unlock(self, passphrase: str) -> str:
        self.tries.append(passphrase)
        if passphrase != GOOD:
            raise WrongPassphrase(self.identity_path)
        return "unlocked"


def test_at_the_terminal_a_wrong_passphrase_is_asked_again() -> None:
    keys, messages = CountingKeys(), io.StringIO()
    _, ask = typed("wrong one", GOOD)
    got = unlock_from_args(keys, parser().parse_args([]), ask=ask, messages=messages)  # type: ignore[arg-type]  # CountingKeys stands in for KeyFiles
    assert got == "unlocked"
    assert keys.tries == ["wrong one", GOOD]
    assert messages.getvalue() == "That passphrase does not unlock this journal; try again.\n"


def test_at_the_terminal_three_wrong_passphrases_give_up() -> None:
    keys = CountingKeys()
    _, ask = typed("one", "two", "three", GOOD)
    with pytest.raises(WrongPassphrase):
        unlock_from_args(keys, parser().parse_args([]), ask=ask, messages=io.StringIO())  # type: ignore[arg-type]  # CountingKeys stands in for KeyFiles
    assert keys.tries == ["one", "two", "three"]


def test_from_a_file_a_wrong_passphrase_is_not_tried_again(tmp_path: Path) -> None:
    (tmp_path / "pass").write_text("not it at all\n")
    keys = CountingKeys()
    with pytest.raises(WrongPassphrase):
        unlock_from_args(keys, parser().parse_args(["--passphrase-file", str(tmp_path / "pass")]))  # type: ignore[arg-type]  # CountingKeys stands in for KeyFiles
    assert keys.tries == ["not it at all"]
