"""``workshop export``: the journal as Markdown, HTML or JSON, to standard output or a private file; or,
with ``--scores``, the scores file a participant may choose to share (numbers only, shown before writing).

It only reads, without taking the one-window lock, so it works while the workshop is open. An encrypted
journal asks for its passphrase (or takes ``--passphrase-file``/``--passphrase-fd``), says before writing
that the export is not encrypted, and with ``--encrypt`` writes an age file for the journal's own key. The
first scores file of a run gives the run its random id, which is kept in the journal (so a second
export counts as the same run), and that needs the workshop closed.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from workshop.invocation import EXIT_INVALID, EXIT_OK, EXIT_USAGE, data_dir, error, load_program

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from workshop.content.models import Program
    from workshop.flow.run_view import NumberedRun
    from workshop.journal.crypto import Identity
    from workshop.journal.errors import JournalProblem
    from workshop.reports.share import Prepared

    R = TypeVar("R", bound=NumberedRun)

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
        "--scores",
        action="store_true",
        help="write only your scores (check-ins, scales and session feedback as numbers, never your words) "
        "to a file you may choose to give your group's facilitator; shows what it holds and asks first",
    )
    parser.add_argument(
        "--yes",
        "-y",
        action="store_true",
        help="with --scores: write without asking (the summary is still printed)",
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
    from workshop.journal.store import OneAtATime
    from workshop.reports.export import iter_render

    if args.north_star and args.format == "json":
        error("--north-star makes a page to read or print: use --format markdown or --format html")
        return EXIT_USAGE
    if args.encrypt and args.output is None:
        error("--encrypt writes a file: give its name with --output (for example journal.md.age)")
        return EXIT_USAGE
    if args.scores and (args.north_star or args.answers_only or args.format != "markdown"):
        error("--scores writes a file of its own format: leave out --format, --north-star and --answers-only")
        return EXIT_USAGE
    if args.yes and not args.scores:
        error("--yes goes with --scores")
        return EXIT_USAGE
    program = load_program(args)
    if program is None:
        return EXIT_INVALID
    if args.scores:
        return _scores(args, program)
    encrypt_in = data_dir(args) if args.encrypt else None
    try:
        # Older runs are read as the export reaches them and let go once written (``OneAtATime``), and
        # the export is written as it is made: twenty years take the memory of one run.
        with open_journal(data_dir(args), program, args, lazy=True) as journal:
            pieces: Iterable[str]
            if args.north_star:
                from workshop.flow.northstar import choose_run, gather
                from workshop.reports import northstar

                pieces = [northstar.render(args.format, gather(program, choose_run(journal.runs, args.run)))]
            else:
                for problem in journal.problems:
                    error(f"{problem.message} (not in this export)")
                journal.on_problems = _not_in_this_export  # a file found damaged as the export reads it
                runs = OneAtATime(select_runs(journal.runs, args.run))
                pieces = iter_render(args.format, program, runs, questions=not args.answers_only)
            if journal.encrypted and not args.encrypt:
                # Said before a byte is written: the journal is encrypted, this copy of it will not be.
                print(PLAIN_EXPORT_WARNING, file=sys.stderr)
            return _write(pieces, args.output, encrypt_in=encrypt_in)
    except JournalError as failure:
        error(str(failure))
        return EXIT_USAGE if isinstance(failure, NoSuchRun) else EXIT_INVALID


def _not_in_this_export(problems: list[JournalProblem]) -> None:
    for problem in problems:
        error(f"{problem.message} (not in this export)")


PLAIN_EXPORT_WARNING = (
    "workshop: note: your journal is encrypted, but this export is not: anyone who gets the file can read "
    "it. Delete it when you are done, or use --encrypt for an age file only your key opens."
)


def _scores(args: argparse.Namespace, program: Program) -> int:
    """Gather the run's numbers, show what the file holds, ask, then keep the run's id and write the file."""
    from workshop.commands._passphrase import open_journal
    from workshop.journal.errors import JournalError, NoSuchRun
    from workshop.reports import share

    try:
        with open_journal(data_dir(args), program, args) as journal:
            run = _run_to_share(journal.runs, args.run)
            number, stored, identity = run.number, run.scores_id, journal.identity
            prepared = share.prepare(program, run)
    except JournalError as failure:
        error(str(failure))
        return EXIT_USAGE if isinstance(failure, NoSuchRun) else EXIT_INVALID
    except share.NothingToShare as nothing:
        error(str(nothing))
        return EXIT_INVALID
    path = Path(args.output).expanduser() if args.output else Path(prepared.file_name)
    if path.is_dir() or (args.output or "").endswith(("/", os.sep)):
        path = path / prepared.file_name
    print("\n".join(_wrapped(prepared.summary)))
    print()
    if not _confirmed(args.yes, path):
        return EXIT_USAGE
    if stored is None:  # the run's first scores file: its id is kept in the journal first
        try:
            prepared = _keep_scores_id(args, program, number, prepared, identity)
        except JournalError as failure:
            error(f"{failure} (nothing was written)")
            return EXIT_INVALID
    return _write_scores(prepared, path)


def _wrapped(lines: Sequence[str]) -> list[str]:
    """The summary wrapped at words to the terminal's width, an indented line's continuation indented."""
    import shutil
    import textwrap

    width = max(40, min(shutil.get_terminal_size().columns, 100) - 1)
    wrapped: list[str] = []
    for line in lines:
        indent = " " * (len(line) - len(line.lstrip(" ")))
        wrapped += textwrap.wrap(line, width, subsequent_indent=indent + "  " if indent else "") or [""]
    return wrapped


def _run_to_share(runs: Sequence[R], number: int | None) -> R:
    from workshop.flow.runs import select_runs
    from workshop.journal.errors import JournalError

    if number is not None:
        return select_runs(runs, number)[0]
    if not runs:
        raise JournalError("there are no runs yet: a scores file holds the numbers you answer in the program")
    return max(runs, key=lambda run: run.number)


def _confirmed(yes: bool, path: Path) -> bool:
    """--yes, or a yes typed at the terminal. Without a terminal, nothing is written unasked."""
    if yes:
        return True
    if not sys.stdin.isatty():
        error("not written: add --yes to write it without asking (no terminal to ask at)")
        return False
    try:
        reply = input(f"Write this to {path}? [y/N] ")
    except (EOFError, KeyboardInterrupt):
        print()
        reply = ""
    if reply.strip().lower() in ("y", "yes"):
        return True
    print("Not written.", file=sys.stderr)
    return False


def _keep_scores_id(
    args: argparse.Namespace, program: Program, number: int, prepared: Prepared, identity: Identity | None
) -> Prepared:
    """Keep the run's new scores id in its run file (taking the one-window lock), so that every later
    export of the run carries the same one. If the run got an id meanwhile (in the app), that one is used."""
    from workshop.journal.errors import JournalLocked
    from workshop.journal.store import Journal
    from workshop.reports import share

    try:
        with Journal.open(data_dir(args), program, identity=identity) as journal:  # unlocked once, above
            run = _run_to_share(journal.runs, number)
            kept = share.keep_id(program, run, prepared)
            journal.save(run)
            if kept.scores.run != prepared.scores.run:
                print(f"(The run got a scores id meanwhile, so the file carries it: {kept.scores.run})")
            prepared = kept
    except JournalLocked:
        from workshop.journal.errors import JournalError

        raise JournalError(
            "the workshop is open in another window. Share your scores from there (ctrl+p, Share my "
            "scores), or close it and run this again"
        ) from None
    return prepared


def _write_scores(prepared: Prepared, path: Path) -> int:
    from workshop.journal.errors import JournalError
    from workshop.reports import share

    try:
        share.write(prepared, path)
    except JournalError as failure:
        error(str(failure))
        return EXIT_INVALID
    print(f"Scores written to {path} (readable only by you). Give it to your facilitator only if you wish.")
    return EXIT_OK


def _write(pieces: Iterable[str], output: str | None, *, encrypt_in: Path | None = None) -> int:
    """Write the export as its pieces are made (to standard output, or atomically to ``output``); an
    encrypted one is sealed whole."""
    if output is None:
        sys.stdout.flush()
        for piece in pieces:
            sys.stdout.buffer.write(piece.encode("utf-8"))
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
            atomic.write_file(path, seal_for_journal("".join(pieces).encode("utf-8"), encrypt_in))
        else:
            atomic.write_stream(path, (piece.encode("utf-8") for piece in pieces))
    except JournalError as failure:
        error(str(failure))
        return EXIT_INVALID
    except OSError as failure:
        error(f"{path}: could not write the export ({describe_os_error(failure)})")
        return EXIT_INVALID
    print(f"Exported to {path}" + (", encrypted" if encrypt_in else ""), file=sys.stderr)
    return EXIT_OK
