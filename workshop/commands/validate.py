"""``workshop validate``: check a program folder or one module file, one line per problem."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from workshop import paths
from workshop.invocation import EXIT_INVALID, EXIT_OK, EXIT_USAGE, data_dir, error, program_dir

if TYPE_CHECKING:
    from workshop.content.drift import StepLookup
    from workshop.content.models import Module, Program
    from workshop.content.outline import ProgramOutline, ProgramShape
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
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="validate the program even if it was found valid before and no file of it changed since",
    )


def run(args: argparse.Namespace) -> int:
    # Imported here, not at the top: every command's start (``--help`` too) imports this module.
    from workshop.content.cache import folder_key, write_verdict

    path = Path(args.path).expanduser() if args.path else program_dir(args)
    if not path.exists():
        error(f"{path}: no such file or folder")
        return EXIT_USAGE
    key = None if args.no_cache or not path.is_dir() else folder_key(path)
    cached = _cached(path, key)
    if cached is not None:
        outline, lookup, files, line = cached
        for warning in _journal_warnings(args, outline, lookup, files):
            print(warning)
        print(f"{path}: {line}")
        return EXIT_OK
    from workshop.content.loader import load_any
    from workshop.content.models import Module
    from workshop.content.problems import ContentError

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
        from workshop.content.drift import module_files, step_lookup
        from workshop.content.outline import ProgramOutline

        files = module_files(path if path.is_dir() else path.parent, loaded)
        lookup = step_lookup(loaded)
        for warning in _journal_warnings(args, loaded, lookup, files):
            print(warning)
        steps = [step for module in loaded.modules for step in module.steps]
        line = (
            f"valid: {loaded.title!r} version {loaded.version}, "
            f"{len(loaded.modules)} modules, {_count_kinds(steps)}"
        )
        print(f"{path}: {line}")
        if key is not None:
            verdict = {
                "line": line,
                "outline": ProgramOutline.of(loaded).to_json(),
                "steps": lookup,
                "files": {module_id: str(file) for module_id, file in files.items()},
            }
            write_verdict(path, paths.cache_dir(), key, verdict)
    return EXIT_OK


def _cached(
    path: Path, key: bytes | None
) -> tuple[ProgramOutline, StepLookup, dict[str, Path], str] | None:
    """The verdict of an earlier ``validate`` of this unchanged folder (``content/cache.py``), or None."""
    from workshop.content.cache import cached_verdict
    from workshop.content.outline import ProgramOutline

    verdict = cached_verdict(path, paths.cache_dir(), key) if key is not None else None
    if verdict is None:
        return None
    try:
        outline = ProgramOutline.from_json(verdict["outline"].encode())
        lookup = {step: (str(m), str(kind), bool(asks)) for step, (m, kind, asks) in verdict["steps"].items()}
        files = {str(module_id): Path(file) for module_id, file in verdict["files"].items()}
        line = str(verdict["line"])
    except (KeyError, TypeError, ValueError, AttributeError):
        return None  # written by other code: validate again
    return (outline, lookup, files, line) if outline is not None else None


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


def _journal_warnings(
    args: argparse.Namespace, program: ProgramShape, lookup: StepLookup, files: Mapping[str, Path]
) -> list[Problem]:
    """Warnings for answers in the user's journal to steps this program no longer asks.

    The journal is only read, and only if its folder exists: validating never creates a folder. It keeps
    the step ids a plain journal answered beside its runs (``journal/answered.py``), as the app keeps
    each run's index.
    """
    journal_dir = data_dir(args)
    if not journal_dir.is_dir():
        return []
    from workshop.commands._passphrase import open_journal
    from workshop.content.drift import SavedAnswer, drift_warnings
    from workshop.journal.answered import answered_steps
    from workshop.journal.errors import JournalError

    answered = answered_steps(journal_dir, program)
    if answered is not None:  # a plain journal: the answered step ids, kept journal-wide (answered.py)
        return drift_warnings(lookup, [SavedAnswer(*each) for each in answered], files)
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
    return drift_warnings(lookup, saved, files)
