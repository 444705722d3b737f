"""The outline of a program: what the home screen shows before anything else is loaded.

Validating content needs pydantic, and importing pydantic alone costs more than the whole start-up budget
allows on top of Textual (see ``docs/performance.md``). So the cache of validated programs keeps, beside
each program, this outline in plain JSON: the program's title and introduction and, for each day, its
number, title, length and number of steps. The app paints its home screen from the outline and loads the
program itself after that first paint. An outline is only ever written from a program that validated,
so it never shows text that validation would refuse.

This module imports nothing from pydantic or the content models, on purpose.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from workshop.content.models import Program


@dataclass(frozen=True)
class DayOutline:
    """One day (module) as the home screen lists it."""

    id: str
    day: int
    title: str
    minutes: int
    steps: int


@dataclass(frozen=True)
class ProgramOutline:
    """The program's title and introduction, and its days in order."""

    title: str
    description: str
    days: tuple[DayOutline, ...]

    @classmethod
    def of(cls, program: Program) -> ProgramOutline:
        days = tuple(
            DayOutline(module.id, module.day, module.title, module.minutes, len(module.steps))
            for module in program.modules
        )
        return cls(program.title, program.description, days)

    def to_json(self) -> str:
        """One line of JSON (the cache keeps it on a line of its own)."""
        days = [[d.id, d.day, d.title, d.minutes, d.steps] for d in self.days]
        return json.dumps({"title": self.title, "description": self.description, "days": days})

    @classmethod
    def from_json(cls, text: str | bytes) -> ProgramOutline | None:
        """The outline in ``text``, or None if it is not one (the caller treats that as a cache miss)."""
        try:
            data: Any = json.loads(text)
            days = tuple(DayOutline(*_day_fields(day)) for day in data["days"])
            title, description = data["title"], data["description"]
        except (ValueError, TypeError, KeyError):
            return None
        if not isinstance(title, str) or not isinstance(description, str):
            return None
        return cls(title, description, days)


def _day_fields(day: Any) -> tuple[str, int, str, int, int]:
    day_id, number, title, minutes, steps = day
    if not (isinstance(day_id, str) and isinstance(title, str)):
        raise TypeError("day id and title must be strings")
    if not all(isinstance(n, int) for n in (number, minutes, steps)):
        raise TypeError("day number, minutes and steps must be integers")
    return day_id, number, title, minutes, steps


@dataclass(frozen=True)
class DeferredProgram:
    """A program the cache holds validated, to be loaded after the first screen is painted.

    ``load`` returns the program (from the cache, or by validating if a file changed in between) and
    raises ``ContentError`` if it no longer validates.
    """

    outline: ProgramOutline
    load: Callable[[], Program]
