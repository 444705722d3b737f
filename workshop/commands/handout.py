"""``workshop handout``: the participant handout (the day on paper, to answer with a pen; no notes)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from workshop.commands import guide

if TYPE_CHECKING:
    from workshop.content.models import Module, Program

NAME = "handout"
HELP = "write the participant handout for a day: the day on paper, to answer with a pen; no notes"
ORDER = 42


def add_arguments(parser: argparse.ArgumentParser) -> None:
    guide.add_document_arguments(parser)


def _render(program: Program, modules: list[Module], fmt: str) -> str:
    from workshop.reports.handouts import handout

    return handout(program, *modules, fmt="html" if fmt == "html" else "markdown")


def run(args: argparse.Namespace) -> int:
    return guide.write_document(args, _render)
