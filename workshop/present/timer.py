"""The facilitator's countdown: a small state machine driven by an injected clock.

The clock is any callable returning seconds that only go forward (``time.monotonic`` in the app, a
``FakeClock`` in tests), so every state can be reached in a test without sleeping. The countdown keeps
counting after it reaches zero: ``overrun`` says by how much the room has gone over.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Literal

Clock = Callable[[], float]
TimerState = Literal["ready", "running", "paused", "ended"]


class FakeClock:
    """A clock for tests and screenshots: time moves only when told to."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("a clock does not go backwards")
        self.now += seconds


class Countdown:
    """A countdown of ``seconds`` that the facilitator starts, pauses, resets and extends."""

    def __init__(self, seconds: float, clock: Clock) -> None:
        if seconds < 0:
            raise ValueError("a countdown cannot be negative")
        self._initial = float(seconds)
        self._duration = float(seconds)
        self._clock = clock
        self._spent = 0.0
        """Seconds counted before the current run (start ... pause)."""
        self._started_at: float | None = None

    @property
    def duration(self) -> float:
        """The current length of the countdown, extensions included."""
        return self._duration

    @property
    def running(self) -> bool:
        return self._started_at is not None

    def elapsed(self) -> float:
        """Seconds counted so far (not counting pauses)."""
        if self._started_at is None:
            return self._spent
        return self._spent + max(0.0, self._clock() - self._started_at)

    def remaining(self) -> float:
        """Seconds left, never below zero."""
        return max(0.0, self._duration - self.elapsed())

    def overrun(self) -> float:
        """Seconds past the end; zero until the end is reached."""
        return max(0.0, self.elapsed() - self._duration)

    @property
    def ended(self) -> bool:
        return self.elapsed() >= self._duration and (self.running or self._spent > 0)

    @property
    def state(self) -> TimerState:
        if self.ended:
            return "ended"
        if self.running:
            return "running"
        return "paused" if self._spent > 0 else "ready"

    def start(self) -> None:
        """Start or resume counting. Starting a running countdown changes nothing."""
        if self._started_at is None:
            self._started_at = self._clock()

    def pause(self) -> None:
        """Stop counting, keeping the time counted so far."""
        if self._started_at is not None:
            self._spent = self.elapsed()
            self._started_at = None

    def toggle(self) -> None:
        """Start when stopped, pause when running: what one clicker button can do."""
        if self.running:
            self.pause()
        else:
            self.start()

    def reset(self) -> None:
        """Back to the planned length, stopped, nothing counted."""
        self._duration = self._initial
        self._spent = 0.0
        self._started_at = None

    def extend(self, seconds: float) -> None:
        """Add ``seconds`` (or take them away when negative; the length never drops below zero)."""
        self._duration = max(0.0, self._duration + seconds)


def format_clock(seconds: float, *, round_up: bool = True) -> str:
    """``seconds`` as ``M:SS`` (``H:MM:SS`` from an hour on).

    A countdown rounds up, so it shows ``4:00`` for the whole first second and reaches ``0:00`` only at the
    end; elapsed time rounds down (``round_up=False``).
    """
    whole = math.ceil(seconds - 1e-9) if round_up else math.floor(seconds + 1e-9)
    whole = max(0, whole)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def format_minutes(seconds: float) -> str:
    """A duration in words a facilitator reads at a glance: ``45 s``, ``3 min``, ``1 h 05 min``."""
    whole = round(seconds)
    if whole < 60:
        return f"{whole} s"
    minutes = round(whole / 60)
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"
