"""When the journal is saved while someone writes, and what the quiet status line says: plain Python.

- Every change says "Saving…" and asks for a save once typing has paused for ``AUTOSAVE_DELAY``: each
  change moves the moment on, so a fast typist's words are written once a pause comes, not per key.
- Moving to another step, home or a new run saves at once (the app calls ``saving_now``).
- A save that worked says "Saved 14:02"; one that failed says so calmly, keeps the words in the window,
  and asks for another try a pause later.

The app forwards what happens (a change, its timer firing, a save's result) and does what this says;
it decides nothing itself. Both clocks are injected, so a test drives it with a fake one.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime

AUTOSAVE_DELAY = 1.0
"""Seconds after typing stops before the answer is saved."""
SAVING = "Saving…"
NOT_SAVED = "Not saved: your words are kept here, and saving will be tried again"


class SavePolicy:
    """The autosave's timing and the status line's words, for one window."""

    def __init__(
        self,
        wall_clock: Callable[[], datetime] = datetime.now,
        monotonic: Callable[[], float] = time.monotonic,
        delay: float = AUTOSAVE_DELAY,
    ) -> None:
        self.wall_clock = wall_clock
        self.monotonic = monotonic
        self.delay = delay
        self.status = ""
        """What the status line says: "", "Saving…", "Saved 14:02", or the calm ``NOT_SAVED``."""
        self._due_at: float | None = None  # when the next background save should start

    # -- what happens -----------------------------------------------------------------------------------

    def changed(self) -> None:
        """The answer on screen changed: say so, and save once typing pauses."""
        self.status = SAVING
        self.save_after_pause()

    def save_after_pause(self) -> None:
        """Ask for a save ``delay`` seconds from now (a later call moves it on again)."""
        self._due_at = self.monotonic() + self.delay

    def saving_now(self) -> None:
        """A save is starting now, outside the timer: the one waiting is no longer needed."""
        self._due_at = None

    def saved(self) -> None:
        self.status = f"Saved {self.wall_clock():%H:%M}"

    def failed(self) -> None:
        """The save did not work: say so, and try again after a pause."""
        self.status = NOT_SAVED
        self.save_after_pause()

    # -- what the app asks -------------------------------------------------------------------------------

    @property
    def pending(self) -> bool:
        """A save is waiting for its moment."""
        return self._due_at is not None

    def seconds_to_wait(self) -> float | None:
        """How long until the waiting save is due (0 when it is due now), or None when none waits."""
        if self._due_at is None:
            return None
        return max(0.0, self._due_at - self.monotonic())

    def tick(self) -> bool:
        """The app's timer fired. True: start a save now (it is then no longer waiting). False: not yet
        (the timer fired early, or typing went on): wait ``seconds_to_wait`` more."""
        if self._due_at is None or self.monotonic() < self._due_at:
            return False
        self._due_at = None
        return True
