"""``workshop validate``: check a program folder or one module file, one line per problem."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from workshop.commands._common import EXIT_INVALID, EXIT_OK, EXIT_USAGE, error, program_dir

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
    if isinstance(loaded, Module):
        print(f"{path}: valid: day {loaded.day}, {loaded.title!r}, {_count_kinds(loaded.steps)}")
    else:
        steps = [step for module in loaded.modules for step in module.steps]
        print(
            f"{path}: valid: {loaded.title!r} version {loaded.version}, "
            f"{len(loaded.modules)} modules, {_count_kinds(steps)}"
        )
    return EXIT_OK


def _count_kinds(steps: object) -> str:
    kinds = Counter(step.kind for step in steps)  # type: ignore[attr-defined]
    total = sum(kinds.values())
    detail = ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items()))
    return f"{total} steps ({detail})"
