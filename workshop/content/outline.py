"""The outline of a program: its ids, titles and days, without the content of any step.

Validating content needs pydantic, and even the content classes (``models.py``, plain dataclasses) cost
the first paint 25 ms to import (see ``docs/performance.md``). So the cache of validated programs keeps,
beside each program, this outline in plain JSON. The app paints its home screen from it and loads the program
after that first paint; ``workshop progress`` needs nothing more than it. An outline is only ever written
from a program that validated, so it never shows text that validation would refuse.

The ``*Shape`` protocols name what the journal and the progress rules need from a program: ids, in
order. The content classes and the outline both have that shape.

This module imports nothing from pydantic or the content models, on purpose.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from workshop.content.models import Program


class StepShape(Protocol):
    @property
    def id(self) -> str: ...


class ModuleShape(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def steps(self) -> Sequence[StepShape]: ...


class ProgramShape(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def version(self) -> str: ...

    @property
    def modules(self) -> Sequence[ModuleShape]: ...


@dataclass(frozen=True)
class StepOutline:
    id: str


@dataclass(frozen=True)
class DayOutline:
    """One day (module) as the home screen lists it, with the ids of its steps."""

    id: str
    day: int
    title: str
    minutes: int
    steps: tuple[StepOutline, ...]


@dataclass(frozen=True)
class ProgramOutline:
    """The program's ids, title and introduction, and its days in order."""

    id: str
    version: str
    title: str
    description: str
    modules: tuple[DayOutline, ...]

    @classmethod
    def of(cls, program: Program) -> ProgramOutline:
        days = tuple(
            DayOutline(
                module.id,
                module.day,
                module.title,
                module.minutes,
                tuple(StepOutline(step.id) for step in module.steps),
            )
            for module in program.modules
        )
        return cls(program.id, program.version, program.title, program.description, days)

    def to_json(self) -> str:
        """One line of JSON (the cache keeps it on a line of its own)."""
        days = [[d.id, d.day, d.title, d.minutes, [s.id for s in d.steps]] for d in self.modules]
        texts = {"id": self.id, "version": self.version, "title": self.title, "description": self.description}
        return json.dumps({**texts, "days": days})

    @classmethod
    def from_json(cls, text: str | bytes) -> ProgramOutline | None:
        """The outline in ``text``, or None if it is not one (the caller treats that as a cache miss)."""
        try:
            data: Any = json.loads(text)
            days = tuple(_day(day) for day in data["days"])
            program_id, version, title, description = (
                data[key] for key in ("id", "version", "title", "description")
            )
        except (ValueError, TypeError, KeyError):
            return None
        if not all(isinstance(text, str) for text in (program_id, version, title, description)):
            return None
        return cls(program_id, version, title, description, days)


def _day(day: Any) -> DayOutline:
    day_id, number, title, minutes, step_ids = day
    if not (isinstance(day_id, str) and isinstance(title, str)):
        raise TypeError("day id and title must be strings")
    if not (isinstance(number, int) and isinstance(minutes, int)):
        raise TypeError("day number and minutes must be integers")
    if not (isinstance(step_ids, list) and all(isinstance(step_id, str) for step_id in step_ids)):
        raise TypeError("step ids must be a list of strings")
    return DayOutline(day_id, number, title, minutes, tuple(StepOutline(step_id) for step_id in step_ids))


@dataclass(frozen=True)
class DeferredProgram:
    """A program the cache holds validated, to be loaded after the first screen is painted.

    ``load`` returns the program (from the cache, or by validating if a file changed in between) and
    raises ``ContentError`` if it no longer validates.
    """

    outline: ProgramOutline
    load: Callable[[], Program]
