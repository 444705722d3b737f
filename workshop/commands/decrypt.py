"""``workshop decrypt``: make every file of an encrypted journal plain again, where it is, and turn
encryption off. The secret key is kept aside, never deleted (older backups may still need it)."""

from __future__ import annotations

import argparse
import sys

from workshop.invocation import EXIT_INVALID, EXIT_OK, EXIT_USAGE, data_dir, error

NAME = "decrypt"
HELP = "turn encryption off: decrypt every file of your journal where it is (asks for the passphrase)"
ORDER = 71


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from workshop.commands._passphrase import add_passphrase_options

    add_passphrase_options(parser)


def run(args: argparse.Namespace) -> int:
    from workshop.commands._passphrase import PassphraseInputError, unlock_from_args
    from workshop.commands.encrypt import _said
    from workshop.journal import encryption
    from workshop.journal.crypto import CryptoError, KeyFiles
    from workshop.journal.errors import JournalError

    folder = data_dir(args)
    keys = KeyFiles(folder)
    if not keys.is_encrypted():
        print(f"The journal in {folder} is not encrypted. Nothing was changed.", file=sys.stderr)
        return EXIT_OK
    try:
        identity = unlock_from_args(keys, args)
        report = encryption.decrypt(folder, identity)
    except PassphraseInputError as failure:
        error(str(failure))
        return EXIT_USAGE
    except (JournalError, CryptoError, OSError) as failure:
        error(str(failure))
        return EXIT_INVALID
    if report.complete:
        print(
            f"Decrypted {len(report.converted)} files in {folder}; the journal is no longer encrypted. "
            "Its old key is kept as identity.retired-*.age, for older backups.",
            file=sys.stderr,
        )
    else:
        print(
            f"Decrypted {len(report.converted)} files, but {len(report.not_converted)} could not be, so "
            "the journal stays encrypted. Those files are kept as they are:",
            file=sys.stderr,
        )
    return _said(report)
