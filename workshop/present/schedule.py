"""The planned timetable of a group session, for paper: when each slide starts, for how long, in what parts.

The guide's agenda, the run sheet and the printed deck's notes all read it, so the three always agree. It
takes every slide's planned minutes from the deck the presenter shows (so the check-in and closing rounds,
``GroupSession.check_in_minutes`` and ``closing_minutes``, and the ground rules are counted as the agenda
counts them), and a step's ``phases`` (write 3 minutes, then pairs for 5) get start times of their own.

Plain Python over the same ``Deck`` the presenter shows; no clock is read here. A facilitator's start time
(``18:30``) turns the offsets into times of day with ``clock_time``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import time

from workshop.content.models import Module, Program
from workshop.present.deck import Deck, Slide, build_deck


@dataclass(frozen=True)
class PlannedPhase:
    """One timed part of a step: what the room does, how, from when and for how long."""

    label: str
    format: str
    start: float
    """Minutes from the start of the session."""
    minutes: float


@dataclass(frozen=True)
class PlannedSlide:
    """A slide with its place in the timetable."""

    slide: Slide
    start: float
    """Minutes from the start of the session at which this slide comes up."""
    minutes: float | None
    """Planned minutes; None for a slide that takes no time of its own (the title, the ground rules)."""
    phases: tuple[PlannedPhase, ...] = ()


@dataclass(frozen=True)
class Schedule:
    """A day's plan: every slide of its deck in order, with the check-in and closing rounds counted."""

    deck: Deck
    slides: tuple[PlannedSlide, ...]
    opening_minutes: float
    """The check-in round and the ground rules."""
    closing_minutes: float

    @property
    def total(self) -> float:
        """Planned minutes from the check-in to the end of the closing round."""
        return sum(planned.minutes or 0 for planned in self.slides)

    @property
    def step_minutes(self) -> float:
        """Planned minutes of the day's steps alone."""
        return sum(planned.minutes or 0 for planned in self.slides if planned.slide.kind == "step")


def build_schedule(program: Program, module: Module, deck: Deck | None = None) -> Schedule:
    """The timetable of ``module`` as a group session, built on its deck (built here when not given)."""
    deck = deck or build_deck(program, module)
    planned: list[PlannedSlide] = []
    offset = 0.0
    for slide in deck.slides:
        phases = []
        phase_start = offset
        for phase in slide.phases:
            phases.append(PlannedPhase(phase.label, phase.format, phase_start, phase.minutes))
            phase_start += phase.minutes
        planned.append(PlannedSlide(slide, offset, slide.planned_minutes, tuple(phases)))
        offset += slide.planned_minutes or 0
    opening = _planned(deck, "check-in", "ground-rules")
    return Schedule(deck, tuple(planned), opening, _planned(deck, "closing"))


def _planned(deck: Deck, *kinds: str) -> float:
    return sum(slide.planned_minutes or 0 for slide in deck.slides if slide.kind in kinds)


# ---- reading and writing times -----------------------------------------------------------------------

_CLOCK = re.compile(r"^(\d{1,2})[:.h](\d{2})$")


def parse_clock(text: str) -> time:
    """A time of day as a facilitator writes it: ``18:30``, ``9:05``, ``18.30``. Raises ValueError."""
    match = _CLOCK.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not a time of day; write it as HH:MM, for example 18:30")
    hours, minutes = int(match[1]), int(match[2])
    if hours > 23 or minutes > 59:
        raise ValueError(f"{text!r} is not a time of day; hours run 0-23 and minutes 0-59")
    return time(hours, minutes)


def _whole_minutes(minutes: float) -> int:
    # A start time within a minute shows the minute it falls in: 2.5 minutes in starts at 0:02.
    return math.floor(minutes + 1e-9)


def elapsed(minutes: float) -> str:
    """Minutes from the start as ``H:MM``: ``0:00``, ``0:10``, ``1:22``."""
    hours, rest = divmod(_whole_minutes(minutes), 60)
    return f"{hours}:{rest:02d}"


def clock_time(start: time, minutes: float) -> str:
    """The time of day ``minutes`` after ``start``, as ``HH:MM`` (past midnight it wraps: ``00:10``)."""
    total = (start.hour * 60 + start.minute + _whole_minutes(minutes)) % (24 * 60)
    return f"{total // 60:02d}:{total % 60:02d}"


def duration(minutes: float) -> str:
    """``45 min``, ``2.5 min``, ``1 h 22 min``: a planned length as a facilitator reads it."""
    if minutes < 60:
        return f"{minutes:g} min"
    hours, rest = divmod(round(minutes), 60)
    return f"{hours} h {rest:02d} min"
