"""How the workshop was started, for every entry point (``cli.py``, the subcommands in ``commands/`` and
the app's ``tui/launch.py``): the program and journal folders the arguments chose, loading the program,
problems said in one line each, and the exit codes.

It is a module of its own, beside them all, so that no front end imports the subcommands (see
``tests/test_tui_layers.py``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from workshop import paths

if TYPE_CHECKING:
    from collections.abc import Iterable

    from workshop.content.models import Module, Program
    from workshop.content.problems import Problem

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def program_dir(args: argparse.Namespace) -> Path:
    """The program folder chosen with ``--program``, else the shipped one."""
    chosen = getattr(args, "program", None)
    return Path(chosen).expanduser() if chosen else paths.shipped_program_dir()


def data_dir(args: argparse.Namespace) -> Path:
    """The journal folder chosen with ``--data-dir`` or ``$WORKSHOP_DATA_DIR``, else the platform's."""
    return paths.data_dir(getattr(args, "data_dir", None))


def error(message: str) -> None:
    """Print one line to standard error, prefixed so scripts can tell it from output."""
    print(f"workshop: {message}", file=sys.stderr)


def print_problems(problems: Iterable[Problem]) -> None:
    """Each content problem on a line of its own on standard error: ``FILE:LINE: WHERE: WHAT``."""
    for problem in problems:
        print(problem, file=sys.stderr)


def no_such_day(program: Program, day: int) -> int:
    """Say which days the program has instead of ``day``; returns the usage-error exit code."""
    available = ", ".join(str(module.day) for module in program.modules)
    error(f"this program has no day {day}; its days are {available}")
    return EXIT_USAGE


def load_program(args: argparse.Namespace) -> Program | None:
    """Load and validate the chosen program; on failure print every problem and return None.

    A program folder comes from the cache of validated programs when none of its files changed (see
    ``workshop/content/cache.py``): it saves about 40 ms of every start. ``validate`` does not use this.
    """
    from workshop.content.cache import load_program_cached
    from workshop.content.models import Program
    from workshop.content.problems import ContentError

    folder = program_dir(args)
    if not folder.exists():
        error(f"{folder}: no such program folder")
        return None
    try:
        if folder.is_dir():
            loaded: Program | Module = load_program_cached(folder, paths.cache_dir())
        else:
            # The loader imports pydantic: only a file the cache does not keep needs it here.
            from workshop.content.loader import load_any

            loaded = load_any(folder)
    except ContentError as failure:
        print_problems(failure.problems)
        return None
    if not isinstance(loaded, Program):
        error(f"{folder}: --program takes a program folder, not a single module file")
        return None
    return loaded
