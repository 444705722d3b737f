"""``workshop preview``: try a program you are writing in the app, reloading it as you save."""

from __future__ import annotations

import argparse
from pathlib import Path

from workshop.invocation import EXIT_INVALID, EXIT_USAGE, error, print_problems, program_dir

NAME = "preview"
HELP = "open a program in the app with a throwaway journal, reloading it whenever a file changes"
ORDER = 34


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "path",
        nargs="?",
        metavar="PATH",
        help="a program folder or its program.toml (default: the --program folder)",
    )


def run(args: argparse.Namespace) -> int:
    from workshop.content.models import Program
    from workshop.content.watch import ProgramWatcher

    path = Path(args.path).expanduser() if args.path else program_dir(args)
    folder = path.parent if path.name == "program.toml" else path
    if not folder.is_dir():
        hint = "; to check one module file, use workshop validate FILE" if path.is_file() else ""
        error(f"{path}: not a program folder{hint}")
        return EXIT_USAGE
    watcher = ProgramWatcher(folder)
    loaded = watcher.load()
    if not isinstance(loaded, Program):
        # Nothing good to show yet: the app starts only from a program that loads.
        print_problems(loaded)
        error("fix these problems, then run preview again (after that, it survives broken edits)")
        return EXIT_INVALID
    from workshop.tui.preview import run_preview  # deferred: only now is Textual needed

    return run_preview(watcher, loaded)
