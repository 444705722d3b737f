"""Every key typed reaches the field the user sees, even while the screen is changing under it.

Textual hands each key to whatever has the focus at the moment the app reads the key, and a person types
on without waiting for the screen. Two moments lost words before this module:

- **A step being built.** Between ctrl+n and the next step's field taking the focus, keys went to the
  step being removed or to nothing. The app now *holds* keys while a step or a day opens (``KeyGate``),
  and hands them on, in order, once the new field has the focus.
- **Keys handed to a field but not yet handled by it** when the answer is read: typing fast, then at once
  ctrl+n, ctrl+q, or a closed terminal. ``caught_up`` waits until that field has handled them.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable

from textual import events
from textual.widget import Widget

HOLD_LIMIT = 2.0
"""Seconds after which held keys are handed on even if the change that held them never said it was done."""
SLOW_HOLD_LIMIT = 60.0
"""The same, for keys typed while something slow that always ends in an answer is under way: the journal
opening after a step or a page was asked for (seconds the first time a long history is read, after a
copy or a restore), or a passphrase being tried (scrypt: about a second where the key was made, many more
on a slower machine). The app says what became of the keys when it ends: handed to the screen that
follows, or dropped if a prompt or an error comes instead (``WorkshopApp._forget_early_requests``, a
refused passphrase)."""
CATCH_UP_LIMIT = 2.0
"""Seconds to wait, at most, for a field to handle its keys. A field takes a few milliseconds a key, but a
long burst on a machine that is busy took more than half a second (and its tail was lost); the limit only
matters if the app is stuck, and stays inside the three seconds a closed terminal gives it (app.py)."""

HeldEvent = events.Key | events.Paste


class KeyGate:
    """Keys (and pastes) kept while the screen changes, in the order they were typed."""

    def __init__(self) -> None:
        self._held: list[HeldEvent] | None = None
        self._handing_on: list[HeldEvent] = []  # taken from the gate, not yet given to the app

    @property
    def holding(self) -> bool:
        return self._held is not None

    @property
    def busy(self) -> bool:
        """Keys are held, or still being handed on."""
        return self._held is not None or bool(self._handing_on)

    def hold(self) -> None:
        """Start keeping keys (a no-op if already keeping them)."""
        if self._held is None:
            self._held = []

    def keep(self, event: events.Event) -> bool:
        """Keep ``event`` if the gate is holding and it is a key the app has not yet handed to anyone."""
        if self._held is None or not isinstance(event, HeldEvent) or event.is_forwarded:
            return False
        self._held.append(event)
        return True

    def open(self) -> None:
        """Stop holding: the keys kept are to be handed on, oldest first (``next_to_hand_on``)."""
        self._handing_on.extend(self._held or [])
        self._held = None

    def drop(self, keep: Callable[[HeldEvent], bool]) -> None:
        """Stop holding and forget the keys kept (they were typed for a screen that will not come), but
        those ``keep`` says must work whatever happens (quit, support): they are handed on."""
        self._handing_on.extend(event for event in self._held or [] if keep(event))
        self._held = None

    def next_to_hand_on(self) -> HeldEvent | None:
        """The next key to hand on, or None when there is none, or when one handed on (ctrl+n) has begun
        another change: the rest then wait for that one, ahead of any typed since (they were typed first)."""
        if self._held is not None:
            self._held[:0] = self._handing_on
            self._handing_on = []
            return None
        return self._handing_on.pop(0) if self._handing_on else None


async def caught_up(widget: Widget | None) -> None:
    """Return once ``widget`` has handled every message (every key) already given to it.

    A callback queued behind those keys runs after them; this waits for it, at most ``CATCH_UP_LIMIT``.
    """
    if widget is None or not widget.is_attached:
        return
    done = asyncio.Event()
    if not widget.call_later(done.set):
        return  # the widget is closing: it handles nothing more
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(done.wait(), CATCH_UP_LIMIT)
