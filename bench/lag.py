"""Event-loop lag, recorded inside a running Textual app for the typing benchmark.

A task on the app's event loop asks to wake every 5 ms; the time between two wake-ups is how long the loop
was busy with something else (a key press, a repaint, a save) plus the 5 ms. Nothing that happens on the
UI thread can hide from it: a stall of 40 ms shows as a gap of 45 ms. The gaps (wall-clock time of
wake-up, gap in seconds) are written as JSON to ``$BENCH_HEARTBEAT`` when the process exits, with the
start and end of every ``Journal.save`` when the journal store was loaded. Each gap also carries the CPU
time the UI thread used in it (``time.thread_time``), which a busy machine inflates much less.
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
collections: list[tuple[float, int, float]] = []  # (end, generation, seconds) of garbage collections
steps: list[tuple[float, float, str]] = []  # (start, end, step id) of each step a day screen opened


def start_heartbeat(app: Any) -> None:
    """Record lag from now until the process exits. Does nothing unless $BENCH_HEARTBEAT is set."""
    path = os.environ.get("BENCH_HEARTBEAT")
    if not path:
        return
    gaps: list[tuple[float, float, float]] = []

    async def beat() -> None:
        # Beside each gap, the CPU time the UI thread spent in it: on a machine shared with other work, a
        # gap also holds the time the thread waited for a core (or for the interpreter), and this does not.
        last, last_cpu = time.time(), time.thread_time()
        while True:
            await asyncio.sleep(INTERVAL)
            now, cpu = time.time(), time.thread_time()
            gaps.append((now, now - last, cpu - last_cpu))
            last, last_cpu = now, cpu

    app._bench_heartbeat = asyncio.get_running_loop().create_task(beat())  # keep a reference
    _time_collections()
    stacks: list[tuple[float, str]] = []
    if os.environ.get("BENCH_STALL_STACKS"):
        _watch_stalls(gaps, stacks)

    def dump() -> None:
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(
                {"gaps": gaps, "saves": saves, "stacks": stacks, "gc": collections, "steps": steps}, handle
            )

    atexit.register(dump)


def time_saves() -> None:
    """Wrap ``Journal.save`` to record when each save ran and on which thread."""
    import threading

    from workshop.journal.store import Journal

    original = Journal.save

    def save(self: Journal, run: Any) -> Any:
        start = time.time()
        try:
            return original(self, run)
        finally:
            saves.append((start, time.time(), threading.current_thread().name))

    Journal.save = save  # type: ignore[method-assign]  # measurement only: every save timed


def time_steps() -> None:
    """Wrap ``DayScreen._build_step`` (and ``Routes.finish_day``) to record when each step (and the end of
    the day) opened, so that a gap can name it."""
    from workshop.tui.screens.day import DayScreen

    original = DayScreen._build_step

    async def build(self: DayScreen) -> None:
        start, step = time.time(), self.walk.step.id
        try:
            await original(self)
        finally:
            steps.append((start, time.time(), step))

    DayScreen._build_step = build  # type: ignore[method-assign]  # measurement only

    from workshop.tui.routes import Routes

    finish = Routes.finish_day

    def finish_day(self: Routes, walk: Any) -> None:
        start = time.time()
        try:
            finish(self, walk)
        finally:
            steps.append((start, time.time(), "the end of the day"))

    Routes.finish_day = finish_day  # type: ignore[method-assign]  # measurement only


def _watch_stalls(gaps: list[tuple[float, float, float]], stacks: list[tuple[float, str]]) -> None:
    """Diagnosis: when the loop has not woken for 30 ms, keep what the main thread is doing."""
    import sys
    import threading
    import traceback

    main = threading.main_thread().ident

    def watch() -> None:
        seen = 0
        while True:
            time.sleep(0.01)
            last = gaps[-1][0] if gaps else time.time()
            if time.time() - last > 0.03 and len(gaps) != seen:
                seen = len(gaps)
                frame = sys._current_frames().get(main or 0)
                if frame is not None:
                    stacks.append((time.time(), "".join(traceback.format_stack(frame)[-25:])))

    threading.Thread(target=watch, daemon=True).start()


def _time_collections() -> None:
    """Record the CPU time each garbage collection takes: a full one can pause every thread."""
    import gc

    started = [0.0]

    def callback(phase: str, info: dict[str, int]) -> None:
        # CPU time, as for the gaps: on a shared machine the wall clock also holds waits for a core.
        if phase == "start":
            started[0] = time.thread_time()
        else:
            collections.append((time.time(), info["generation"], time.thread_time() - started[0]))

    gc.callbacks.append(callback)
