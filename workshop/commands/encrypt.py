"""``workshop encrypt``: encrypt the journal where it is, so that only its passphrase (or recovery page) opens
it, and every later save is encrypted without asking for anything (see docs/encryption.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workshop.invocation import EXIT_INVALID, EXIT_OK, EXIT_USAGE, data_dir, error

NAME = "encrypt"
HELP = "encrypt your journal where it is, with a passphrase (age format; `workshop decrypt` undoes it)"
ORDER = 70


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from workshop.commands._passphrase import add_passphrase_options

    parser.add_argument(
        "--recovery-page",
        metavar="FILE",
        type=Path,
        help="also write the printable recovery page (your secret key as text and QR code) to FILE; "
        "print it, then delete the file",
    )
    add_passphrase_options(parser, new=True)


def run(args: argparse.Namespace) -> int:
    from workshop.commands._passphrase import PassphraseInputError, read_passphrase
    from workshop.journal import encryption
    from workshop.journal.crypto import CryptoError, KeyFiles, PassphraseRejected
    from workshop.journal.errors import JournalError

    folder = data_dir(args)
    keys = KeyFiles(folder)
    try:
        if keys.is_encrypted():
            left = encryption.plain_files_left(folder)
            if not left:
                print(f"The journal in {folder} is already encrypted. Nothing was changed.", file=sys.stderr)
                return EXIT_OK
            report = encryption.finish_encrypting(folder)
            print(
                f"Finished encrypting: {len(report.converted)} files that were still plain.", file=sys.stderr
            )
            return _said(report)
        if args.new_passphrase_file is None and args.new_passphrase_fd is None:  # asked at the terminal
            print(NEW_PASSPHRASE_ADVICE, file=sys.stderr)
        passphrase = read_passphrase(args, new=True)
        print("Encrypting (making the key takes a second)...", file=sys.stderr)
        identity, report = encryption.encrypt(folder, passphrase)
    except (PassphraseInputError, PassphraseRejected) as failure:
        error(str(failure))
        return EXIT_USAGE
    except (JournalError, CryptoError, OSError) as failure:
        error(str(failure))
        return EXIT_INVALID
    print(
        f"Encrypted {len(report.converted)} files in {folder}. Saving needs no passphrase; opening the "
        "workshop asks for it once.",
        file=sys.stderr,
    )
    if args.recovery_page is not None:
        from workshop.commands.recovery_page import write_page

        if write_page(identity, args.recovery_page) != EXIT_OK:
            return EXIT_INVALID
    else:
        print(
            "Nobody can open the journal without the passphrase. Make a printable recovery page with "
            "`workshop recovery-page -o FILE`, print it and keep it somewhere safe.",
            file=sys.stderr,
        )
    return _said(report)


NEW_PASSPHRASE_ADVICE = (
    "Choose a passphrase for your journal: four or five ordinary words in a row are easy to remember and "
    "hard to guess. Nobody can recover the journal without it (or the recovery page)."
)


def _said(report: object) -> int:
    """Name every file left as it was; the exit code says whether all were converted."""
    from workshop.journal.conversion import ConversionReport

    assert isinstance(report, ConversionReport)
    for each in report.not_converted:
        error(each.message)
    for each in report.skipped:
        error(each.message)
    return EXIT_OK if report.complete else EXIT_INVALID
