"""Importing the screens not on home in a thread while the person reads it, giving way to their keys.

The app imports the day, help, review and support screens (and what they need: Textual's Markdown and
TextArea, markdown-it, pygments) after home shows the journal open, in a thread, so that the first day
opens at once (``WorkshopApp._warm_up``). That is about 0.2 s of CPU, and Python runs one thread at a
time: a key pressed meanwhile (``r`` for the review, ctrl+n for a day) shared the interpreter with it, and
what the key draws came 40 to 70 ms later than once the app had settled, more on a busy machine.

``giving_way`` makes every ``import`` the thread runs (a module at a time, dependencies included) wait
while a key is fresh: the key, and what it draws, have the interpreter to themselves; the thread goes on
once the keys pause. A module already being imported finishes first (a few ms at most); when the main
thread needs a module that the thread has begun to import (a day opened meanwhile), the thread stops
giving way, so the main thread waits no longer than it would have without it.
"""

from __future__ import annotations

import builtins
import contextlib
import importlib
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from types import ModuleType
from typing import Any

GIVE_WAY = 0.25
"""Seconds after a key during which the thread that warms up starts no new import."""
NAP = 0.02
"""Seconds the thread sleeps before it looks again whether the keys have paused."""


def _waiting_for_keys(thread: int, last_key: Callable[[], float], name: str) -> None:
    """In ``thread``, before importing ``name`` (not imported yet): wait while a key is fresh."""
    if threading.get_ident() != thread or name in sys.modules:
        return
    while time.monotonic() - last_key() < GIVE_WAY and not _main_thread_waits_for_a_module():
        time.sleep(NAP)


def _main_thread_waits_for_a_module() -> bool:
    """True while the main thread waits for a module that another thread is importing (a screen opened
    while it warms up): giving way then would only make it wait longer. CPython's import system keeps
    who waits for which module's lock (``_blocking_on``, for its deadlock check); on a version that does
    not, this says False, and such a wait lasts until the keys pause (``GIVE_WAY`` at most after the last).
    """
    waiting: Mapping[int | None, object] = getattr(importlib._bootstrap, "_blocking_on", None) or {}
    return bool(waiting.get(threading.main_thread().ident))  # a lock (3.11), or a list of them (3.12)


@contextlib.contextmanager
def giving_way(last_key: Callable[[], float]) -> Iterator[None]:
    """While in this block, the ``import`` statements run by the current thread (and by the modules it
    imports) wait until ``GIVE_WAY`` seconds have passed since ``last_key()`` (a ``time.monotonic()``
    reading) before they begin a module.

    Through ``builtins.__import__``, which every ``import`` statement calls before the import system takes
    any lock (so no other thread's import waits on this one's pause); a finder on ``sys.meta_path`` is
    asked under the global import lock, and an audit hook cannot be removed and would run at every
    ``id()`` of the session. Put back as the block ends."""
    thread, original = threading.get_ident(), builtins.__import__

    def giving_way_import(name: str, *args: Any, **kwargs: Any) -> ModuleType:
        _waiting_for_keys(thread, last_key, name)
        return original(name, *args, **kwargs)

    builtins.__import__ = giving_way_import
    try:
        yield
    finally:
        if builtins.__import__ is giving_way_import:  # not replaced since by anyone else
            builtins.__import__ = original
