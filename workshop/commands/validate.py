"""``workshop validate``: check a program folder or one module file, one line per problem."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from workshop.invocation import EXIT_INVALID, EXIT_OK, EXIT_USAGE, data_dir, error, program_dir

if TYPE_CHECKING:
    from workshop.content.models import Module, Program
    from workshop.content.problems import Problem

NAME = "validate"
HELP = "check a program folder or a module file and list every problem"
ORDER = 20


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "path",
        nargs="?",
        metavar="PATH",
        help="a program folder, its program.toml, or one module file (default: the --program folder)",
    )


def run(args: argparse.Namespace) -> int:
    from workshop.content.loader import load_any
    from workshop.content.models import Module
    from workshop.content.problems import ContentError

    path = Path(args.path).expanduser() if args.path else program_dir(args)
    if not path.exists():
        error(f"{path}: no such file or folder")
        return EXIT_USAGE
    try:
        loaded = load_any(path)
    except ContentError as failure:
        for problem in failure.problems:
            print(problem)
        count = len(failure.problems)
        print(f"{count} problem{'s' if count != 1 else ''} found", file=sys.stderr)
        return EXIT_INVALID
    unsourced = _unsourced_figures(path, loaded)
    if unsourced:
        for problem in unsourced:
            print(problem)
        count = len(unsourced)
        print(f"{count} problem{'s' if count != 1 else ''} found", file=sys.stderr)
        return EXIT_INVALID
    if isinstance(loaded, Module):
        print(f"{path}: valid: day {loaded.day}, {loaded.title!r}, {_count_kinds(loaded.steps)}")
    else:
        for warning in _journal_warnings(args, path if path.is_dir() else path.parent, loaded):
            print(warning)
        steps = [step for module in loaded.modules for step in module.steps]
        print(
            f"{path}: valid: {loaded.title!r} version {loaded.version}, "
            f"{len(loaded.modules)} modules, {_count_kinds(steps)}"
        )
    return EXIT_OK


def _unsourced_figures(path: Path, loaded: Program | Module) -> list[Problem]:
    """Figures stated without a source: the program loads and runs, but its content is not finished."""
    from workshop.content.drift import module_files
    from workshop.content.loader import unsourced_figure_problems
    from workshop.content.models import Module

    if isinstance(loaded, Module):
        return unsourced_figure_problems(loaded, {loaded.id: path})
    return unsourced_figure_problems(loaded, module_files(path if path.is_dir() else path.parent, loaded))


def _count_kinds(steps: object) -> str:
    kinds = Counter(step.kind for step in steps)  # type: ignore[attr-defined]
    total = sum(kinds.values())
    detail = ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items()))
    return f"{total} steps ({detail})"


def _journal_warnings(args: argparse.Namespace, folder: Path, program: Program) -> list[Problem]:
    """Warnings for answers in the user's journal to steps this program no longer asks.

    The journal is only read, and only if its folder exists: validating never creates anything.
    """
    journal_dir = data_dir(args)
    if not journal_dir.is_dir():
        return []
    from workshop.commands._passphrase import open_journal
    from workshop.content.drift import SavedAnswer, drift_warnings, module_files
    from workshop.journal.errors import JournalError
    from workshop.journal.summary import read_summaries

    summaries = read_summaries(journal_dir, program)
    if summaries is not None:  # a plain journal: the answered step ids from each run's index
        saved = [
            SavedAnswer(module_id, step_id, run.program_version)
            for run in summaries
            for module_id in run.module_ids()
            for step_id in run.answered(module_id)
        ]
        return drift_warnings(program, saved, module_files(folder, program))
    try:
        journal = open_journal(journal_dir, program, args)
    except JournalError as failure:
        error(f"skipped the check for answers to removed steps: {failure}")
        return []
    saved = [
        SavedAnswer(module_id, step_id, run.program_version)
        for run in journal.runs
        for module_id in run.module_ids()
        for step_id, answer in run.answers(module_id).items()
        if not answer.value.is_empty()
    ]
    return drift_warnings(program, saved, module_files(folder, program))
