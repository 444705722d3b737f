"""``workshop passphrase``: change the passphrase of an encrypted journal (only its key file is rewritten),
or, with ``--recovery-key``, make a new key file from the recovery page when the passphrase is forgotten."""

from __future__ import annotations

import argparse
import sys

from workshop.invocation import EXIT_INVALID, EXIT_OK, EXIT_USAGE, data_dir, error

NAME = "passphrase"
HELP = "change the passphrase of your encrypted journal, or set a new one with your recovery page"
ORDER = 72


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from workshop.commands._passphrase import add_passphrase_options

    parser.add_argument(
        "--recovery-key",
        action="store_true",
        help="forgot the passphrase? type the secret key from your recovery page instead (asked hidden)",
    )
    add_passphrase_options(parser)
    add_passphrase_options(parser, new=True)


def run(args: argparse.Namespace) -> int:
    import getpass

    from workshop.commands._passphrase import (
        PassphraseInputError,
        read_passphrase,
        terminal_available,
        unlock_from_args,
    )
    from workshop.journal.crypto import CryptoError, KeyFiles, NotASecretKey, PassphraseRejected
    from workshop.journal.encryption import holding_lock
    from workshop.journal.errors import JournalError

    folder = data_dir(args)
    keys = KeyFiles(folder)
    if not keys.is_encrypted():
        error(f"{folder}: the journal is not encrypted, so it has no passphrase (see `workshop encrypt`)")
        return EXIT_USAGE
    try:
        with holding_lock(folder):
            if args.recovery_key:
                if not terminal_available():
                    raise PassphraseInputError("there is no terminal to type the recovery key on")
                secret = getpass.getpass("Secret key from the recovery page (AGE-SECRET-KEY-1...): ")
                new = read_passphrase(args, new=True)
                keys.restore(secret, new)
                print("A new key file was made with your new passphrase.", file=sys.stderr)
                return EXIT_OK
            identity = unlock_from_args(keys, args)
            new = read_passphrase(args, new=True)
            print("Setting the new passphrase (about a second)...", file=sys.stderr)
            keys.change_passphrase(identity, new)
    except (PassphraseInputError, PassphraseRejected, NotASecretKey) as failure:
        error(str(failure))
        return EXIT_USAGE
    except (JournalError, CryptoError, OSError) as failure:
        error(str(failure))
        return EXIT_INVALID
    print(
        "The passphrase is changed; the old one no longer opens the journal. Your journal files did not "
        "change.",
        file=sys.stderr,
    )
    return EXIT_OK
