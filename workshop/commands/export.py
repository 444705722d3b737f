"""``workshop export``: the journal as Markdown, HTML or JSON, to standard output or a private file.

It only reads, without taking the one-window lock, so it works while the workshop is open.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from workshop.invocation import EXIT_INVALID, EXIT_OK, EXIT_USAGE, data_dir, error, load_program

if TYPE_CHECKING:
    from workshop.content.models import Program

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
        help="export only the north-star page of one run (default: the latest finished one): your north "
        "star, values on day 1 and day 4, goals, plans and check-ins, as Markdown or printable HTML",
    )
    parser.add_argument(
        "--answers-only",
        action="store_true",
        help="leave out the questions and show only your answers (Markdown and HTML)",
    )


def run(args: argparse.Namespace) -> int:
    from workshop.flow.runs import select_runs
    from workshop.journal.errors import JournalError, NoSuchRun
    from workshop.journal.store import Journal
    from workshop.reports.export import render

    if args.north_star and args.format == "json":
        error("--north-star makes a page to read or print: use --format markdown or --format html")
        return EXIT_USAGE
    program = load_program(args)
    if program is None:
        return EXIT_INVALID
    if args.north_star:
        return _north_star(args, program)
    try:
        with Journal.open(data_dir(args), program, lock=False) as journal:
            for problem in journal.problems:
                error(f"{problem.message} (not in this export)")
            runs = select_runs(journal.runs, args.run)
            text = render(args.format, program, runs, questions=not args.answers_only)
    except JournalError as failure:
        error(str(failure))
        return EXIT_USAGE if isinstance(failure, NoSuchRun) else EXIT_INVALID
    return _write(text, args.output)


def _north_star(args: argparse.Namespace, program: Program) -> int:
    from workshop.flow.northstar import choose_run, gather
    from workshop.journal.errors import JournalError, NoSuchRun
    from workshop.journal.store import Journal
    from workshop.reports import northstar

    try:
        with Journal.open(data_dir(args), program, lock=False) as journal:
            run = choose_run(journal.runs, args.run)
            text = northstar.render(args.format, gather(program, run))
    except JournalError as failure:
        error(str(failure))
        return EXIT_USAGE if isinstance(failure, NoSuchRun) else EXIT_INVALID
    return _write(text, args.output)


def _write(text: str, output: str | None) -> int:
    data = text.encode("utf-8")
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return EXIT_OK
    from workshop.files import atomic
    from workshop.journal.errors import describe_os_error

    path = Path(output).expanduser()
    if path.is_dir():
        error(f"{path}: is a folder; give a file name")
        return EXIT_USAGE
    try:
        atomic.write_file(path, data)
    except OSError as failure:
        error(f"{path}: could not write the export ({describe_os_error(failure)})")
        return EXIT_INVALID
    print(f"Exported to {path}", file=sys.stderr)
    return EXIT_OK
