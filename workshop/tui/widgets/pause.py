"""A timed pause: a large countdown, an optional breathing cue, and always the choice to skip."""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Digits, Static

from workshop.content.models import PauseStep
from workshop.tui.widgets.base import StepView
from workshop.ui_text import plain

BREATH_SECONDS = 5  # in for five, out for five: a common paced-breathing rhythm
STILL_BREATH = "Breathe in for a count of five, and out for a count of five."
"""The breathing cue when animations are off (``TEXTUAL_ANIMATIONS=none``): said once, not alternating."""


class PauseView(StepView):
    """Counts down ``step.seconds``. Space pauses and resumes; Next or Skip moves on whenever."""

    step: PauseStep

    def __init__(self, step: PauseStep, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(step)
        self.clock = clock
        self.started_at: float | None = None
        self.elapsed_before = 0.0

    def compose(self) -> ComposeResult:
        if self.step.guidance:
            yield Static(plain(self.step.guidance), classes="intro")
        yield Digits(self._format(self.step.seconds), id="countdown", classes="countdown")
        yield Static("", id="breath", classes="breath")
        yield Static("Space pauses or resumes. Move on whenever you are ready.", classes="dim")

    def on_mount(self) -> None:
        self.can_focus = True
        self.started_at = self.clock()
        # Once a second is enough for a countdown; no need to repaint faster.
        self.set_interval(1.0, self.tick)
        self.tick()

    def first_field(self) -> Widget | None:
        return self  # space pauses and resumes

    @property
    def remaining(self) -> int:
        running = self.clock() - self.started_at if self.started_at is not None else 0.0
        return max(0, round(self.step.seconds - self.elapsed_before - running))

    @property
    def paused(self) -> bool:
        return self.started_at is None

    def toggle(self) -> None:
        if self.started_at is None:
            self.started_at = self.clock()
        else:
            self.elapsed_before += self.clock() - self.started_at
            self.started_at = None
        self.tick()

    def key_space(self) -> None:
        self.toggle()

    def tick(self) -> None:
        remaining = self.remaining
        self.query_one("#countdown", Digits).update(self._format(remaining))
        breath = self.query_one("#breath", Static)
        if remaining == 0:
            breath.update("Time. Take your time coming back.")
        elif self.paused:
            breath.update("Paused")
        elif self.step.style == "breathing" and self.app.animation_level == "none":
            breath.update(STILL_BREATH)
        elif self.step.style == "breathing":
            phase = int((self.step.seconds - remaining) // BREATH_SECONDS) % 2
            breath.update("Breathe in…" if phase == 0 else "…and out")
        else:
            breath.update("")

    @staticmethod
    def _format(seconds: int) -> str:
        return f"{seconds // 60:d}:{seconds % 60:02d}"
