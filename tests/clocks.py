"""Deterministic clocks for tests (no Textual import, so store tests stay light)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


class SteppingClock:
    """A wall clock that moves ``step`` each time it is read: every timestamp distinct and predictable."""

    def __init__(
        self,
        start: datetime = datetime(2025, 3, 3, 21, 0, tzinfo=UTC),
        step: timedelta = timedelta(seconds=1),
    ) -> None:
        self.now = start
        self.step = step

    def __call__(self) -> datetime:
        self.now += self.step
        return self.now
