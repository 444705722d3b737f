"""Importing the screens not on home in a thread while the person reads it, giving way to their keys.

The app imports the day, help, review and support screens (and what they need: Textual's Markdown and
TextArea, markdown-it, pygments) after home shows the journal open, in a thread, so that the first day
opens at once (``WorkshopApp._warm_up``). That is about 0.2 s of CPU, and Python runs one thread at a
time: a key pressed meanwhile (``r`` for the review, ctrl+n for a day) shared the interpreter with it, and
what the key draws came 40 to 70 ms later than once the app had settled, more on a busy machine.

``giving_way`` makes every import the thread starts (a module at a time, dependencies included) wait
while a key is fresh: the key, and what it draws, have the interpreter to themselves; the thread goes on
once the keys pause. A module already being imported finishes first (a few ms at most); when the main
thread needs a module that the thread has begun to import (a day opened meanwhile), the thread stops
giving way, so the main thread waits no longer than it would have without it.
"""

from __future__ import annotations

import contextlib
import importlib
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping

GIVE_WAY = 0.25
"""Seconds after a key during which the thread that warms up starts no new import."""
NAP = 0.02
"""Seconds the thread sleeps before it looks again whether the keys have paused."""


_warming: tuple[int, Callable[[], float]] | None = None
"""The thread that warms up, and when the last key came; None when none does."""
_hooked = False


def _give_way(event: str, args: tuple[object, ...]) -> None:
    """An audit hook (``sys.addaudithook``): Python raises "import" as a module not imported yet is about
    to be found and run, before it takes any lock, so the thread can wait there without holding up an
    import in another thread. Every other event, and every other thread, passes at once."""
    if event != "import" or _warming is None or threading.get_ident() != _warming[0]:
        return
    last_key = _warming[1]
    while time.monotonic() - last_key() < GIVE_WAY and not _main_thread_waits_for_a_module():
        time.sleep(NAP)


def _main_thread_waits_for_a_module() -> bool:
    """True while the main thread waits for a module that another thread is importing (a screen opened
    while it warms up): giving way then would only make it wait longer. CPython's import system keeps
    who waits for which module's lock (``_blocking_on``, for its deadlock check); if a version does not,
    this says False and the thread gives way as before."""
    waiting: Mapping[int | None, object] = getattr(importlib._bootstrap, "_blocking_on", None) or {}
    return bool(waiting.get(threading.main_thread().ident))  # a lock (3.11), or a list of them (3.12)


@contextlib.contextmanager
def giving_way(last_key: Callable[[], float]) -> Iterator[None]:
    """While in this block, imports made by the current thread wait until ``GIVE_WAY`` seconds have
    passed since ``last_key()`` (a ``time.monotonic()`` reading). One thread at a time (the app warms up
    once); an audit hook cannot be taken away, so it is added once and does nothing outside the block."""
    global _warming, _hooked
    if not _hooked:
        sys.addaudithook(_give_way)
        _hooked = True
    _warming = (threading.get_ident(), last_key)
    try:
        yield
    finally:
        _warming = None
