"""``workshop guide``: the facilitator guide (agenda with timings, notes, prompts) as Markdown or HTML; with
``--kit``, a page of the facilitator's kit instead: the privacy statement, the attendance sheet or the
feedback slips."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from workshop.invocation import EXIT_INVALID, EXIT_OK, error, load_program, no_such_day

if TYPE_CHECKING:
    from workshop.content.models import Module, Program

NAME = "guide"
HELP = (
    "write the facilitator guide for a day (agenda, timings, notes, prompts) as Markdown or HTML, or a page "
    "of the kit (--kit privacy, attendance or feedback)"
)
KIT_PAGES = ("privacy", "attendance", "feedback")  # the same as workshop.present.strings.KIT_PAGES
ORDER = 41


def add_document_arguments(parser: argparse.ArgumentParser) -> None:
    """The options ``guide`` and ``handout`` share."""
    parser.add_argument("--day", type=int, metavar="N", help="which day (default: every day of the program)")
    parser.add_argument(
        "--format",
        choices=("markdown", "html"),
        default="markdown",
        help="markdown (default), or html: one self-contained page that prints well",
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE instead of standard output"
    )


def write_document(args: argparse.Namespace, render: Callable[[Program, list[Module], str], str]) -> int:
    """Load the program, pick the day, render, and print or save: the body of ``guide`` and ``handout``."""
    program = load_program(args)
    if program is None:
        return EXIT_INVALID
    modules = list(program.modules)
    if args.day is not None:
        modules = [module for module in program.modules if module.day == args.day]
        if not modules:
            return no_such_day(program, args.day)
    return save_or_print(render(program, modules, args.format), args.output)


def save_or_print(document: str, output: str | None) -> int:
    """Print ``document``, or write it to ``output`` all or nothing; the end of every paper command."""
    if not output:
        sys.stdout.write(document)
        return EXIT_OK
    from workshop.files.atomic import UMASK_MODE, write_file  # here: every command's start imports this

    target = Path(output).expanduser()
    try:
        write_file(target, document.encode("utf-8"), mode=UMASK_MODE, keep_mode=True)
    except OSError as failure:
        error(f"{target}: {failure.strerror or failure}")
        return EXIT_INVALID
    print(f"wrote {target}", file=sys.stderr)
    return EXIT_OK


def _render(program: Program, modules: list[Module], fmt: str) -> str:
    from workshop.reports.handouts import guide

    return guide(program, *modules, fmt="html" if fmt == "html" else "markdown")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_document_arguments(parser)
    parser.add_argument(
        "--kit",
        choices=KIT_PAGES,
        metavar="PAGE",
        help="a page of the facilitator's kit instead of the guide: privacy (a statement to hand to each "
        "participant: what stays on their machine, what a scores file holds), attendance (names or "
        "initials, a column per day, no scores) or feedback (each day's feedback form as slips, two to a "
        "page; --day picks one day)",
    )


def run(args: argparse.Namespace) -> int:
    if args.kit:
        page = args.kit

        def kit(program: Program, modules: list[Module], fmt: str) -> str:
            from workshop.reports.kit import kit_page

            chosen = modules if page == "feedback" else []
            return kit_page(page, program, chosen, fmt="html" if fmt == "html" else "markdown")

        return write_document(args, kit)
    return write_document(args, _render)
