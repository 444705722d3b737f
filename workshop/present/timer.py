"""The facilitator's countdown: a small state machine driven by an injected clock.

The clock is any callable returning seconds that only go forward (``time.monotonic`` in the app, a
``FakeClock`` in tests), so every state can be reached in a test without sleeping. The countdown keeps
counting after it reaches zero: ``overrun`` says by how much the room has gone over.

A countdown may be split into phases ("write on your own, 3 min", then "share in pairs, 5 min"): they
run one after another on the same clock, and ``phase_index`` says which one the room is in. Changing the
time (``extend``) always changes the phase the room is in now, never one that is over or yet to come.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

Clock = Callable[[], float]
TimerState = Literal["ready", "running", "paused", "ended"]

SWITCH_CUE_SECONDS = 10.0
"""How long the timer shows that the room has moved on to the next phase."""


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


@dataclass(frozen=True)
class TimerPhase:
    """One part of a countdown: what the room does and for how long."""

    label: str
    seconds: float
    format: str = "solo"


class Countdown:
    """A countdown of ``seconds`` that the facilitator starts, pauses, resets and changes by a minute.

    ``phases``, when given, split the countdown; their seconds replace ``seconds``.
    """

    def __init__(self, seconds: float, clock: Clock, phases: Sequence[TimerPhase] = ()) -> None:
        if seconds < 0 or any(phase.seconds < 0 for phase in phases):
            raise ValueError("a countdown cannot be negative")
        self.phases: tuple[TimerPhase, ...] = tuple(phases)
        self._planned = [phase.seconds for phase in self.phases] or [float(seconds)]
        self._lengths = list(self._planned)
        """The current length of each phase (one phase when the countdown has none)."""
        self._clock = clock
        self._spent = 0.0
        """Seconds counted before the current run (start ... pause)."""
        self._started_at: float | None = None

    # ---- reading ------------------------------------------------------------------------------------

    @property
    def duration(self) -> float:
        """The current length of the whole countdown, changes included."""
        return sum(self._lengths)

    @property
    def running(self) -> bool:
        return self._started_at is not None

    def elapsed(self) -> float:
        """Seconds counted so far (not counting pauses)."""
        if self._started_at is None:
            return self._spent
        return self._spent + max(0.0, self._clock() - self._started_at)

    def remaining(self) -> float:
        """Seconds left of the whole countdown, never below zero."""
        return max(0.0, self.duration - self.elapsed())

    def overrun(self) -> float:
        """Seconds past the end; zero until the end is reached."""
        return max(0.0, self.elapsed() - self.duration)

    @property
    def ended(self) -> bool:
        return self.elapsed() >= self.duration and (self.running or self._spent > 0)

    @property
    def state(self) -> TimerState:
        if self.ended:
            return "ended"
        if self.running:
            return "running"
        return "paused" if self._spent > 0 else "ready"

    def phase_index(self) -> int:
        """The phase the room is in: the one whose time has not run out yet (the last one once over)."""
        elapsed, end = self.elapsed(), 0.0
        for index, length in enumerate(self._lengths):
            end += length
            if elapsed < end:
                return index
        return len(self._lengths) - 1

    @property
    def phase(self) -> TimerPhase | None:
        """The current phase, or None for a countdown without phases."""
        return self.phases[self.phase_index()] if self.phases else None

    @property
    def next_phase(self) -> TimerPhase | None:
        """The phase after the current one, with its current length; None when this is the last."""
        index = self.phase_index() + 1
        if index >= len(self.phases):
            return None
        return TimerPhase(self.phases[index].label, self._lengths[index], self.phases[index].format)

    def _phase_start(self, index: int) -> float:
        return sum(self._lengths[:index])

    def phase_remaining(self) -> float:
        """Seconds left in the current phase (the whole countdown's when it has no phases)."""
        index = self.phase_index()
        return max(0.0, self._phase_start(index) + self._lengths[index] - self.elapsed())

    def switched_recently(self, within: float = SWITCH_CUE_SECONDS) -> bool:
        """True for ``within`` seconds after the room moved to a new phase: time to show the switch."""
        index = self.phase_index()
        if index == 0 or self.ended:
            return False
        return self.elapsed() - self._phase_start(index) < within

    # ---- changing -----------------------------------------------------------------------------------

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
        """Back to the planned lengths, stopped, nothing counted."""
        self._lengths = list(self._planned)
        self._spent = 0.0
        self._started_at = None

    def extend(self, seconds: float) -> None:
        """Give the current phase ``seconds`` more, or take them away when negative.

        Taking time away never invents an overrun: at most what is left goes, so with 0:48 left a minute
        less ends the phase now (at 0:00), and the next phase, if any, begins. Once the countdown is over,
        more time means that much from now (one more minute reads 1:00), and less changes nothing.
        """
        elapsed = self.elapsed()
        index = self.phase_index()
        phase_end = self._phase_start(index) + self._lengths[index]
        if elapsed >= self.duration and (self.running or self._spent > 0):
            if seconds > 0:
                self._lengths[index] += elapsed - phase_end + seconds
            return
        self._lengths[index] = max(elapsed - self._phase_start(index), self._lengths[index] + seconds)


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
