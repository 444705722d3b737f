"""Where the session stands against its plan: time spent on each slide, elapsed, overrun.

``SessionTracker`` records which slide is on screen and for how long (from the injected clock);
``build_agenda`` turns that and a deck into rows a screen can show. The check-in, the ground rules and the
closing round are planned like the steps (the module's ``[group]`` minutes); a slide the content plans no
time for (the title slide) counts towards the elapsed time but never makes the session "behind".
"""

from __future__ import annotations

from dataclasses import dataclass

from workshop.present import strings
from workshop.present.deck import Deck
from workshop.present.timer import Clock, format_clock, format_minutes


class SessionTracker:
    """Time spent per slide. Counting starts with ``start()`` (leaving the title slide, or F5)."""

    def __init__(self, slide_count: int, clock: Clock) -> None:
        self._clock = clock
        self._spent = [0.0] * slide_count
        self._current = 0
        self._entered_at: float | None = None
        self._started_at: float | None = None

    @property
    def started(self) -> bool:
        return self._started_at is not None

    @property
    def current(self) -> int:
        return self._current

    def start(self) -> None:
        """Start the session clock on the current slide. Starting twice changes nothing."""
        if self._started_at is None:
            now = self._clock()
            self._started_at = now
            self._entered_at = now

    def visit(self, index: int) -> None:
        """The slide at ``index`` is now on screen."""
        if not 0 <= index < len(self._spent):
            raise IndexError(index)
        if index == self._current:
            return
        if self._entered_at is not None:
            now = self._clock()
            self._spent[self._current] += now - self._entered_at
            self._entered_at = now
        self._current = index

    def spent(self, index: int) -> float:
        """Seconds spent on the slide at ``index`` so far."""
        extra = 0.0
        if index == self._current and self._entered_at is not None:
            extra = self._clock() - self._entered_at
        return self._spent[index] + extra

    def elapsed(self) -> float:
        """Seconds since the session started."""
        return 0.0 if self._started_at is None else self._clock() - self._started_at


@dataclass(frozen=True)
class AgendaRow:
    number: int
    title: str
    format: str | None
    planned_seconds: float | None
    spent_seconds: float
    current: bool

    @property
    def overrun_seconds(self) -> float:
        """How far past its plan this slide ran (zero without a plan)."""
        if self.planned_seconds is None:
            return 0.0
        return max(0.0, self.spent_seconds - self.planned_seconds)


@dataclass(frozen=True)
class Agenda:
    rows: tuple[AgendaRow, ...]
    started: bool
    elapsed_seconds: float
    planned_seconds: float
    drift_seconds: float
    """Positive: behind plan by this much; negative: ahead."""

    def status(self) -> str:
        """Ahead of, behind or on plan, in words ("3 min behind plan"); empty before the session starts."""
        if not self.started:
            return ""
        if abs(self.drift_seconds) < 30:
            return strings.ON_PLAN
        if self.drift_seconds > 0:
            return strings.BEHIND.format(amount=format_minutes(self.drift_seconds))
        return strings.AHEAD.format(amount=format_minutes(-self.drift_seconds))

    def summary(self) -> str:
        """One line: elapsed against plan, ahead or behind."""
        if not self.started:
            return strings.AGENDA_NOT_STARTED
        return strings.AGENDA_SUMMARY.format(
            elapsed=format_clock(self.elapsed_seconds, round_up=False),
            planned=format_minutes(self.planned_seconds),
            status=self.status(),
        )


def build_agenda(deck: Deck, tracker: SessionTracker) -> Agenda:
    """The agenda of ``deck`` as the session stands now."""
    rows = []
    drift = 0.0
    for index, slide in enumerate(deck.slides):
        planned = None if slide.planned_minutes is None else slide.planned_minutes * 60
        spent = tracker.spent(index)
        rows.append(
            AgendaRow(
                number=slide.number,
                title=slide.title,
                format=slide.format,
                planned_seconds=planned,
                spent_seconds=spent,
                current=index == tracker.current,
            )
        )
        if planned is None:
            continue
        if index < tracker.current:
            drift += spent - planned
        elif index == tracker.current:
            # Half-way through the current slide is not "ahead": only running over counts.
            drift += max(0.0, spent - planned)
    return Agenda(
        rows=tuple(rows),
        started=tracker.started,
        elapsed_seconds=tracker.elapsed(),
        planned_seconds=deck.planned_minutes * 60,
        drift_seconds=drift,
    )
