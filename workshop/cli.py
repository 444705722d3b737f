"""The ``workshop`` command line: parse arguments, then hand ready objects to a subcommand or the app.

Subcommands live in ``workshop/commands/``, one module each, found by name so that adding one touches no
other file. Each module defines ``NAME``, ``HELP`` (one line), ``ORDER`` (its place in ``--help``),
``add_arguments(parser)`` and ``run(args) -> int``. Those modules import nothing heavy at the top: the
commands that do not open the UI must answer in well under 150 ms and never import Textual.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from types import ModuleType

from workshop import __version__, commands
from workshop.invocation import EXIT_INVALID, EXIT_OK


def _add_global_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    # The same options are accepted before and after the subcommand. SUPPRESS on the subcommand's copy
    # stops its default from overwriting a value given before the subcommand.
    default = argparse.SUPPRESS if suppress else None
    group = parser.add_argument_group("global options")
    group.add_argument(
        "--program",
        metavar="PATH",
        default=default,
        help="a program folder (program.toml and its module files); default: the shipped program",
    )
    group.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help="where progress is kept (also $WORKSHOP_DATA_DIR); default: your user data folder",
    )


def command_modules() -> list[ModuleType]:
    """Every subcommand module in ``workshop/commands``, in their ``--help`` order."""
    # A plain listing, not pkgutil.iter_modules: that imports inspect, 7 ms of every command's start.
    names = {
        entry.name.removesuffix(".py")
        for folder in commands.__path__
        for entry in os.scandir(folder)
        if entry.name.endswith(".py") and not entry.name.startswith("_")
    }
    found = [importlib.import_module(f"{commands.__name__}.{name}") for name in names]
    return sorted(found, key=lambda module: (module.ORDER, module.NAME))


def _add_opening_options(parser: argparse.ArgumentParser) -> None:
    """What ``workshop`` with no command takes: ``--plain`` and the global options."""
    parser.add_argument(
        "--plain",
        action="store_true",
        help="the workshop line by line, for screen readers, braille displays and dumb terminals "
        "(also when TERM=dumb, or when input or output is not a terminal)",
    )
    _add_global_options(parser, suppress=False)


def opening_arguments(argv: Sequence[str]) -> argparse.Namespace | None:
    """The arguments when ``argv`` only opens the workshop (no command, no help, no version), read
    without importing every command's module and building its parser: those stayed in memory for the
    whole session (1.9 MiB). None for anything else, which the full parser reads, with its help and its
    errors."""
    parser = argparse.ArgumentParser(prog="workshop", add_help=False, exit_on_error=False)
    _add_opening_options(parser)
    try:
        args, rest = parser.parse_known_args(argv)
    except argparse.ArgumentError:
        return None
    return None if rest else args


def build_parser(modules: Sequence[ModuleType]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="workshop",
        description="A guided reflection workshop for clinicians. With no command, opens the workshop.",
        epilog="Everything you write stays on this machine, in files only you can read.",
    )
    parser.add_argument("--version", action="version", version=f"workshop {__version__}")
    _add_opening_options(parser)
    subparsers = parser.add_subparsers(dest="command", title="commands", metavar="COMMAND")
    for module in modules:
        sub = subparsers.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.add_arguments(sub)
        _add_global_options(sub, suppress=True)
        sub.set_defaults(handler=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``workshop`` console script and of ``python -m workshop``."""
    args = opening_arguments(sys.argv[1:] if argv is None else argv)
    if args is None:
        args = build_parser(command_modules()).parse_args(argv)
    try:
        if getattr(args, "handler", None) is None:
            from workshop.plain.launch import run_plain, should_run_plain

            if should_run_plain(args):
                return run_plain(args)
            from workshop.tui.launch import run_app  # deferred: only the UI needs Textual

            return run_app(args)
        result: int = args.handler(args)
        return result
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `workshop export | head` closed our stdout early; that is not an error worth a message.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as error:
        # A bug, not bad input (bad input has its own messages). No traceback by default: it could carry
        # a user's words. WORKSHOP_DEBUG=1 shows it for developers.
        if os.environ.get("WORKSHOP_DEBUG"):
            raise
        print(
            f"workshop: unexpected {type(error).__name__}; nothing was changed. "
            "Run with WORKSHOP_DEBUG=1 to see details.",
            file=sys.stderr,
        )
        return EXIT_INVALID
