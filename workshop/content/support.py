"""The crisis and physician-support lines shown on the support screen, from a data file."""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

from pydantic import Field

from workshop import paths
from workshop.content.loader import read_toml, validate_data
from workshop.content.models import Label, Prose, Sentence, Strict


class SupportLine(Strict):
    """One service people can call or write to."""

    country: Label
    """Where the service is for (``United States``; ``Elsewhere`` for international directories)."""
    name: Label
    """The service's name."""
    contact: Label
    """How to reach it: a number, "call or text 988", a web address."""
    hours: Label
    """When it answers."""
    about: Sentence
    """One sentence on who it is for and what it offers."""
    url: Label | None = None
    """The service's own page, where the details above were checked."""
    checked: date
    """When the details were last checked against the service's own page."""


class SupportDirectory(Strict):
    """The whole support-lines file."""

    emergency: Prose
    """What to do in immediate danger; shown first."""
    lines: list[SupportLine] = Field(min_length=1)
    """The services, grouped on screen by country in the order they first appear."""

    def by_country(self) -> dict[str, list[SupportLine]]:
        groups: dict[str, list[SupportLine]] = {}
        for line in self.lines:
            groups.setdefault(line.country, []).append(line)
        return groups


@cache
def load_support_lines(path: Path | None = None) -> SupportDirectory:
    """Load and validate the support-lines file (the shipped one by default)."""
    path = path or paths.support_lines_file()
    data, source = read_toml(path)
    directory: SupportDirectory = validate_data(SupportDirectory, data, path, source)
    return directory
