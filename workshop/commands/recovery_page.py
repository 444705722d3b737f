"""``workshop recovery-page``: write the printable recovery page of an encrypted journal (its secret key as
text and as a QR code), after asking for the passphrase."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from workshop.invocation import EXIT_INVALID, EXIT_OK, EXIT_USAGE, data_dir, error

if TYPE_CHECKING:
    from workshop.journal.crypto import Identity

NAME = "recovery-page"
HELP = "write the printable recovery page of your encrypted journal (the key that opens it without you)"
ORDER = 73


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from workshop.commands._passphrase import add_passphrase_options

    parser.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        type=Path,
        required=True,
        help="the HTML file to write (readable only by you); print it, then delete it",
    )
    add_passphrase_options(parser)


def run(args: argparse.Namespace) -> int:
    from workshop.commands._passphrase import PassphraseInputError, unlock_from_args
    from workshop.journal.crypto import CryptoError, KeyFiles

    keys = KeyFiles(data_dir(args))
    if not keys.is_encrypted():
        error(f"{keys.folder}: the journal is not encrypted, so it has no key to recover")
        return EXIT_USAGE
    try:
        identity = unlock_from_args(keys, args)
    except PassphraseInputError as failure:
        error(str(failure))
        return EXIT_USAGE
    except CryptoError as failure:
        error(str(failure))
        return EXIT_INVALID
    return write_page(identity, args.output)


def write_page(identity: Identity, output: Path) -> int:
    """Write the recovery page to ``output`` (0600) and say what to do with it."""
    from datetime import date

    from workshop.journal.errors import JournalError
    from workshop.reports.export import write_private_document
    from workshop.reports.recovery_page import recovery_page

    path = output.expanduser()
    if path.is_dir():
        error(f"{path}: is a folder; give a file name")
        return EXIT_USAGE
    try:
        write_private_document(path, recovery_page(identity, made=date.today()), "the recovery page")
    except JournalError as failure:
        error(str(failure))
        return EXIT_INVALID
    print(
        f"Wrote the recovery page to {path}. Print it, check that the key printed whole, keep the paper "
        "somewhere safe, then delete the file: it opens your journal without the passphrase.",
        file=sys.stderr,
    )
    return EXIT_OK
