"""``workshop export``: the journal as Markdown, HTML or JSON, to standard output or a private file.

It only reads, without taking the one-window lock, so it works while the workshop is open. An encrypted
journal asks for its passphrase (or takes ``--passphrase-file``/``--passphrase-fd``), says before writing
that the export is not encrypted, and with ``--encrypt`` writes an age file for the journal's own key.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workshop.invocation import EXIT_INVALID, EXIT_OK, EXIT_USAGE, data_dir, error, load_program

NAME = "export"
HELP = "export your journal as Markdown, HTML (printable) or JSON"
ORDER = 55
FORMATS = ("markdown", "html", "json")  # the same as workshop.reports.export.FORMATS, kept light here


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format", choices=FORMATS, default="markdown", help="markdown (default), html or json"
    )
    parser.add_argument("--run", type=int, metavar="N", help="export only run N (default: every run)")
    parser.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help="write to FILE (readable only by you) instead of standard output",
    )
    parser.add_argument(
        "--north-star",
        action="store_true",
        help="export only the north-star page of one run (default: the newest): your values, north star, "
        "goals and commitments, as Markdown or printable HTML",
    )
    parser.add_argument(
        "--answers-only",
        action="store_true",
        help="leave out the questions and show only your answers (Markdown and HTML)",
    )
    parser.add_argument(
        "--encrypt",
        action="store_true",
        help="write an age file that only this journal's key opens (`age -d -i identity.age`); "
        "needs an encrypted journal and --output",
    )
    from workshop.commands._passphrase import add_passphrase_options

    add_passphrase_options(parser)


def run(args: argparse.Namespace) -> int:
    from workshop.commands._passphrase import open_journal
    from workshop.flow.runs import select_runs
    from workshop.journal.errors import JournalError, NoSuchRun
    from workshop.reports.export import render

    if args.north_star and args.format == "json":
        error("--north-star makes a page to read or print: use --format markdown or --format html")
        return EXIT_USAGE
    if args.encrypt and args.output is None:
        error("--encrypt writes a file: give its name with --output (for example journal.md.age)")
        return EXIT_USAGE
    program = load_program(args)
    if program is None:
        return EXIT_INVALID
    try:
        with open_journal(data_dir(args), program, args) as journal:
            encrypted = journal.encrypted
            if args.north_star:
                from workshop.flow.northstar import choose_run, gather
                from workshop.reports import northstar

                text = northstar.render(args.format, gather(program, choose_run(journal.runs, args.run)))
            else:
                for problem in journal.problems:
                    error(f"{problem.message} (not in this export)")
                runs = select_runs(journal.runs, args.run)
                text = render(args.format, program, runs, questions=not args.answers_only)
    except JournalError as failure:
        error(str(failure))
        return EXIT_USAGE if isinstance(failure, NoSuchRun) else EXIT_INVALID
    if encrypted and not args.encrypt:
        # Said before a byte is written: the journal is encrypted, this copy of it will not be.
        print(PLAIN_EXPORT_WARNING, file=sys.stderr)
    return _write(text, args.output, encrypt_in=data_dir(args) if args.encrypt else None)


PLAIN_EXPORT_WARNING = (
    "workshop: note: your journal is encrypted, but this export is not: anyone who gets the file can read "
    "it. Delete it when you are done, or use --encrypt for an age file only your key opens."
)


def _write(text: str, output: str | None, *, encrypt_in: Path | None = None) -> int:
    data = text.encode("utf-8")
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return EXIT_OK
    from workshop.files import atomic
    from workshop.journal.errors import JournalError, describe_os_error
    from workshop.reports.export import seal_for_journal

    path = Path(output).expanduser()
    if path.is_dir():
        error(f"{path}: is a folder; give a file name")
        return EXIT_USAGE
    try:
        if encrypt_in is not None:
            data = seal_for_journal(data, encrypt_in)
        atomic.write_file(path, data)
    except JournalError as failure:
        error(str(failure))
        return EXIT_INVALID
    except OSError as failure:
        error(f"{path}: could not write the export ({describe_os_error(failure)})")
        return EXIT_INVALID
    print(f"Exported to {path}" + (", encrypted" if encrypt_in else ""), file=sys.stderr)
    return EXIT_OK
