"""``workshop progress``: each run of the program with its dates, days and steps complete, last activity.

It only reads, without taking the one-window lock, so it works while the workshop is open.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from workshop import paths
from workshop.invocation import EXIT_INVALID, EXIT_OK, data_dir, error, load_program, program_dir

if TYPE_CHECKING:
    from workshop.content.models import Program
    from workshop.content.outline import ProgramOutline
    from workshop.journal.store import Run
    from workshop.journal.summary import RunSummary

NAME = "progress"
HELP = "list your runs of the program: dates, days and steps complete, last activity"
ORDER = 50


SHOWN = 5
"""Runs listed without ``--all``: the newest ones, the current run among them. Someone who has repeated the
program monthly for years wants where they are, not three screens of old runs (and the command then takes
the same time whatever the history's length)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``--program`` and ``--data-dir`` choose the journal; an encrypted one asks for its passphrase."""
    from workshop.commands._passphrase import add_passphrase_options

    parser.add_argument("--all", action="store_true", help=f"list every run, not only the newest {SHOWN}")
    add_passphrase_options(parser)


def run(args: argparse.Namespace) -> int:
    from workshop.commands._passphrase import open_journal
    from workshop.journal.errors import JournalError
    from workshop.journal.summary import read_summaries

    program = program_outline(args)
    if program is None:
        return EXIT_INVALID
    folder = data_dir(args)
    newest = None if args.all else SHOWN
    summaries = read_summaries(folder, program, newest=newest)
    if summaries is not None:  # a plain journal: counted from each run's index, without the words
        print_runs(program, folder, summaries.runs, earlier=summaries.earlier)
        return EXIT_OK
    try:
        journal = open_journal(folder, program, args)
    except JournalError as failure:
        error(str(failure))
        return EXIT_INVALID
    with journal:
        for problem in journal.problems:
            error(problem.message)
        runs = journal.runs[-newest:] if newest else journal.runs
        print_runs(program, folder, runs, earlier=len(journal.runs) - len(runs))
    return EXIT_OK


def print_runs(
    program: ProgramOutline | Program, folder: Path, runs: Sequence[Run | RunSummary], *, earlier: int = 0
) -> None:
    if not runs:
        print(f"No runs of {program.title!r} yet in {folder}. Run `workshop` to begin day 1.")
        return
    print(f"{program.title} (version {program.version}), journal in {folder}")
    for each in runs:
        print()
        print("\n".join(describe_run(program, each)))
    if earlier:  # last, where the eye ends up in a terminal
        more = "1 earlier run is" if earlier == 1 else f"{earlier} earlier runs are"
        print()
        print(f"{more.capitalize()} not shown: `workshop progress --all` lists every run.")


def program_outline(args: argparse.Namespace) -> ProgramOutline | Program | None:
    """The program's outline from the cache, which is all this command needs; else the program, validated.

    The outline spares importing pydantic and the content models: most of this command's time otherwise.
    """
    from workshop.content.cache import cached_outline

    folder = program_dir(args)
    outline = cached_outline(folder, paths.cache_dir()) if folder.is_dir() else None
    return outline or load_program(args)


def describe_run(program: ProgramOutline | Program, run: Run | RunSummary) -> list[str]:
    """Two or three plain lines about one run."""
    from workshop.flow.completion import program_progress
    from workshop.flow.dates import format_day, format_moment

    days = program_progress(run, program)
    finished_days = sum(day.finished for day in days)
    complete = sum(day.complete for day in days)
    total = sum(day.total for day in days)
    state = f"finished {format_day(run.finished)}" if run.finished else "in progress"
    lines = [
        f"Run {run.number}: started {format_day(run.started)}, {state}",
        f"  days complete: {finished_days} of {len(days)}; steps complete: {complete} of {total}",
        f"  last activity: {format_moment(run.last_activity)}",
    ]
    if run.read_only:
        lines.append("  written by a newer version of workshop: shown as it is, never changed")
    return lines
