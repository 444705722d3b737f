"""Getting a passphrase for a command, as gpg does: never from the command line or the environment.

A person types it at a prompt on the terminal, hidden, and twice when it is new. A script passes it in a
file (``--passphrase-file PATH``) or through an open file descriptor (``--passphrase-fd N``): the first
line, without its line break. There is deliberately no ``--passphrase TEXT`` option and no environment
variable: other accounts on the machine can read a command line (``ps``), a process's environment can
leak into crash reports and child processes, and both end up in shell history.

For changing a passphrase, the new one has options of its own (``--new-passphrase-file``,
``--new-passphrase-fd``); a script may pass both through one descriptor, the old one on the first line
and the new one on the second.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from workshop.files.terminal import terminal_available

if TYPE_CHECKING:  # imported where used: every command adds these options, few read a passphrase
    from workshop.content.outline import ProgramShape
    from workshop.journal.crypto import Identity, KeyFiles
    from workshop.journal.store import Journal

MAX_PASSPHRASE_BYTES = 4096
"""More than anyone types; a file or descriptor that gives more is not a passphrase."""
PROMPT_ATTEMPTS = 3
"""How many times a person at the terminal may try, as sudo allows."""

Ask = Callable[[str], str]
"""Shows a prompt and returns what was typed, hidden (``getpass.getpass``, or a test's stand-in)."""


class PassphraseInputError(Exception):
    """No usable passphrase could be read. One line; it never quotes what was read."""


def add_passphrase_options(parser: argparse.ArgumentParser, *, new: bool = False) -> None:
    """Add ``--passphrase-file PATH`` and ``--passphrase-fd N`` (``--new-passphrase-...`` with ``new``)."""
    which = "new-passphrase" if new else "passphrase"
    what = "the new passphrase" if new else "the passphrase"
    group = parser.add_argument_group(
        f"{what} (asked on the terminal unless given here; never on the command line itself)"
    )
    choice = group.add_mutually_exclusive_group()
    choice.add_argument(
        f"--{which}-file",
        metavar="PATH",
        type=Path,
        help=f"read {what} from the first line of this file (keep it private: chmod 600)",
    )
    choice.add_argument(
        f"--{which}-fd",
        metavar="N",
        type=int,
        help=f"read {what} from the first line of open file descriptor N (0 is standard input)",
    )


def read_passphrase(
    args: argparse.Namespace,
    *,
    new: bool = False,
    prompt: str | None = None,
    ask: Ask | None = None,
    messages: TextIO | None = None,
) -> str:
    """The passphrase chosen with the options ``add_passphrase_options`` added, else asked on the terminal.

    A ``new`` one must pass ``passphrase_problem``; at the terminal it is asked twice, and asked again
    (up to ``PROMPT_ATTEMPTS`` times) when the two differ or it breaks a rule, with the reason printed to
    ``messages`` (standard error). Raises ``PassphraseInputError``.
    """
    from workshop.journal.crypto import passphrase_problem

    which = "new_passphrase" if new else "passphrase"
    file: Path | None = getattr(args, f"{which}_file", None)
    fd: int | None = getattr(args, f"{which}_fd", None)
    if file is None and fd is None:
        return _from_terminal(new=new, prompt=prompt, ask=ask, messages=messages or sys.stderr)
    if file is not None:
        passphrase = passphrase_from_file(file)
    else:
        assert fd is not None  # one of the two, or the terminal above
        passphrase = passphrase_from_fd(fd)
    if new:
        problem = passphrase_problem(passphrase)
        if problem is not None:
            raise PassphraseInputError(problem)
    return passphrase


def unlock_from_args(
    keys: KeyFiles,
    args: argparse.Namespace,
    *,
    ask: Ask | None = None,
    messages: TextIO | None = None,
) -> Identity:
    """Unlock the journal's key with the passphrase from ``args`` or the terminal.

    At the terminal a wrong passphrase is asked again, up to ``PROMPT_ATTEMPTS`` times; from a file or a
    descriptor it is not (it would be the same again). A public key file that holds another key is
    rewritten from the secret key, as the app does (``flow.encryption.unlock_key``). Raises
    ``WrongPassphrase`` after the last attempt, and the other ``KeyFileError`` s and ``PassphraseInputError``
    at once.
    """
    from workshop.flow.encryption import unlock_key
    from workshop.journal.crypto import WrongPassphrase

    interactive = (
        getattr(args, "passphrase_file", None) is None and getattr(args, "passphrase_fd", None) is None
    )
    attempts_left = PROMPT_ATTEMPTS if interactive else 1
    while True:
        passphrase = read_passphrase(args, prompt="Passphrase for this journal: ", ask=ask, messages=messages)
        try:
            return unlock_key(keys, passphrase)
        except WrongPassphrase:
            attempts_left -= 1
            if not attempts_left:
                raise
        print("That passphrase does not unlock this journal; try again.", file=messages or sys.stderr)


def passphrase_from_file(path: Path) -> str:
    """The first line of the file at ``path``, without its line break."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_PASSPHRASE_BYTES + 1)
    except OSError as error:
        raise PassphraseInputError(
            f"{path}: the passphrase file could not be read ({error.strerror})"
        ) from None
    return _first_line(data, f"{path}: the passphrase file")


def passphrase_from_fd(fd: int) -> str:
    """The first line read from the open file descriptor ``fd``, without its line break.

    Read a byte at a time, so nothing after that line is consumed: the next line can hold the next
    passphrase. The descriptor is left open.
    """
    data = bytearray()
    try:
        while len(data) <= MAX_PASSPHRASE_BYTES:
            byte = os.read(fd, 1)
            if not byte or byte == b"\n":
                break
            data += byte
    except OSError as error:
        raise PassphraseInputError(
            f"file descriptor {fd}: the passphrase could not be read ({error.strerror})"
        ) from None
    return _first_line(bytes(data), f"file descriptor {fd}")


def _first_line(data: bytes, where: str) -> str:
    line = data.split(b"\n", 1)[0].removesuffix(b"\r")
    if len(line) > MAX_PASSPHRASE_BYTES:
        raise PassphraseInputError(f"{where}: its first line is too long to be a passphrase")
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        raise PassphraseInputError(f"{where}: the passphrase is not UTF-8 text") from None
    if not text:
        raise PassphraseInputError(f"{where}: the first line is empty, so there is no passphrase")
    return text


def _from_terminal(*, new: bool, prompt: str | None, ask: Ask | None, messages: TextIO) -> str:
    from workshop.journal.crypto import passphrase_problem

    if ask is None:
        if not terminal_available():
            raise PassphraseInputError(
                "there is no terminal to ask for the passphrase on; a script can pass it with "
                "--passphrase-file PATH or --passphrase-fd N"
            )
        ask = getpass.getpass
    try:
        if not new:
            return ask(prompt or "Passphrase: ")
        for _ in range(PROMPT_ATTEMPTS):
            first = ask(prompt or "New passphrase: ")
            problem = passphrase_problem(first)
            if problem is None:
                if ask("The same passphrase again: ") == first:
                    return first
                problem = "The two passphrases are not the same."
            print(problem, file=messages)
    except EOFError:
        raise PassphraseInputError("no passphrase was given") from None
    raise PassphraseInputError("no passphrase was chosen; nothing was changed")


def open_journal(
    folder: Path,
    program: ProgramShape,
    args: argparse.Namespace,
    *,
    lock: bool = False,
    ask: Ask | None = None,
    messages: TextIO | None = None,
    lazy: bool = False,
) -> Journal:
    """Open the journal in ``folder`` (read-only unless ``lock``); an encrypted one is unlocked first with
    the passphrase from ``args`` (``add_passphrase_options``) or the terminal, which costs about a second.
    ``lazy``: older runs are read when first asked for (``Journal.open``).

    Every failure is a ``JournalError`` of one line: a wrong passphrase, a missing key file, no terminal.
    """
    from workshop.journal.crypto import CryptoError, KeyFiles
    from workshop.journal.errors import JournalError, JournalNeedsUnlock
    from workshop.journal.store import Journal

    try:
        return Journal.open(folder, program, lock=lock, lazy=lazy)
    except JournalNeedsUnlock:
        pass
    try:
        identity = unlock_from_args(KeyFiles(folder), args, ask=ask, messages=messages)
    except (CryptoError, PassphraseInputError) as failure:
        raise JournalError(str(failure)) from None
    return Journal.open(folder, program, lock=lock, identity=identity, lazy=lazy)
