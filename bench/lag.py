"""Event-loop lag, recorded inside a running Textual app for the typing benchmark.

A task on the app's event loop asks to wake every 5 ms; the time between two wake-ups is how long the loop
was busy with something else (a key press, a repaint, a save) plus the 5 ms. Nothing that happens on the
UI thread can hide from it: a stall of 40 ms shows as a gap of 45 ms. The gaps (wall-clock time of
wake-up, gap in seconds) are written as JSON to ``$BENCH_HEARTBEAT`` when the process exits, with the
start and end of every ``Journal.save`` when the journal store was loaded.
"""

from __future__ import annotations

import asyncio
import atexit
import json
import os
import time
from typing import Any

INTERVAL = 0.005
saves: list[tuple[float, float, str]] = []


def start_heartbeat(app: Any) -> None:
    """Record lag from now until the process exits. Does nothing unless $BENCH_HEARTBEAT is set."""
    path = os.environ.get("BENCH_HEARTBEAT")
    if not path:
        return
    gaps: list[tuple[float, float]] = []

    async def beat() -> None:
        last = time.time()
        while True:
            await asyncio.sleep(INTERVAL)
            now = time.time()
            gaps.append((now, now - last))
            last = now

    app._bench_heartbeat = asyncio.get_running_loop().create_task(beat())  # keep a reference

    def dump() -> None:
        with open(path, "w", encoding="utf-8") as handle:
            json.dump({"gaps": gaps, "saves": saves}, handle)

    atexit.register(dump)


def time_saves() -> None:
    """Wrap ``Journal.save`` to record when each save ran and on which thread."""
    import threading

    from workshop.progress.store import Journal

    original = Journal.save

    def save(self: Journal, run: Any) -> Any:
        start = time.time()
        try:
            return original(self, run)
        finally:
            saves.append((start, time.time(), threading.current_thread().name))

    Journal.save = save  # type: ignore[method-assign]
