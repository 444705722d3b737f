"""``workshop runsheet``: one page per day with the clock time each slide starts, from ``--start``."""

from __future__ import annotations

import argparse
from datetime import time
from typing import TYPE_CHECKING

from workshop.commands import guide

if TYPE_CHECKING:
    from workshop.content.models import Module, Program

NAME = "runsheet"
HELP = "write a one-page run sheet for a day: the time each slide starts, from --start (18:30)"
ORDER = 43


def _start_time(text: str) -> time:
    from workshop.present.schedule import parse_clock

    try:
        return parse_clock(text)
    except ValueError as failure:
        raise argparse.ArgumentTypeError(str(failure)) from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    guide.add_document_arguments(parser)
    parser.add_argument(
        "--start",
        type=_start_time,
        metavar="HH:MM",
        help="when the session starts (18:30): each slide gets its time of day. Without it: 0:00, 0:10, ...",
    )


def run(args: argparse.Namespace) -> int:
    def render(program: Program, modules: list[Module], fmt: str) -> str:
        from workshop.reports.handouts import run_sheet

        return run_sheet(program, *modules, start=args.start, fmt="html" if fmt == "html" else "markdown")

    return guide.write_document(args, render)
