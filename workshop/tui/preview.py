"""``workshop preview``: the app on a program being written, reloading it whenever a file changes.

The journal is a throwaway folder deleted on exit, so an author's test answers never mix with a real
journal. ``ProgramWatcher`` (content layer) decides what changed and loads it; this module only runs it on a
timer, off the UI thread, and hands each result to the app.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any, Protocol

from textual.app import App
from textual.worker import Worker

from workshop.content.models import Program
from workshop.content.problems import Problem
from workshop.content.watch import ProgramWatcher
from workshop.tui.terminal import keys_kept_from_the_start

POLL_SECONDS = 0.5


class PreviewTarget(Protocol):
    """What the preview needs from the app it drives."""

    def replace_program(self, program: Program) -> None:
        """Show ``program`` instead of the current one, keeping the user's place where it still exists."""

    def show_content_problems(self, problems: list[Problem]) -> None:
        """Say calmly that the files have problems, keeping the last good program on screen."""


class LiveReload:
    """Every ``interval`` seconds, polls ``watcher`` in a thread and gives any new result to ``target``."""

    def __init__(
        self, app: App[Any], target: PreviewTarget, watcher: ProgramWatcher, interval: float = POLL_SECONDS
    ) -> None:
        self.app = app
        self.target = target
        self.watcher = watcher
        self.interval = interval
        self._worker: Worker[None] | None = None
        self._problems_shown = False

    def start(self) -> None:
        """Begin polling; call once the app is running (``app.call_later(live.start)`` before ``run``)."""
        self.app.set_interval(self.interval, self._tick, name="preview reload")

    def _tick(self) -> None:
        if self._worker is not None and not self._worker.is_finished:
            return  # the last poll is still loading (a slow disk): never run two at once
        # Stat and parse in a thread: reading files in a message handler would stall typing.
        self._worker = self.app.run_worker(self._poll, thread=True, group="preview", exit_on_error=False)

    def _poll(self) -> None:
        result = self.watcher.poll()
        if result is not None:
            self.app.call_from_thread(self.apply, result)

    def apply(self, result: Program | list[Problem]) -> None:
        """Hand a load result to the app (on the app's thread)."""
        if isinstance(result, Program):
            if self._problems_shown:
                self.app.clear_notifications()  # the problems are fixed: stop showing them
                self._problems_shown = False
            self.target.replace_program(result)
            self.app.notify(f"Reloaded {self.watcher.folder}", timeout=2, markup=False)
        else:
            self.target.show_content_problems(result)
            self._problems_shown = True


def run_preview(watcher: ProgramWatcher, program: Program) -> int:
    """Run the app on ``program`` with a throwaway journal, reloading from ``watcher`` until it is closed."""
    from workshop.tui.app import make_app

    # mkdtemp creates the folder 0700: test answers are as private as real ones while they exist.
    with tempfile.TemporaryDirectory(prefix="workshop-preview-") as scratch:
        app = make_app(program, Path(scratch))
        live = LiveReload(app, app, watcher)
        # Timers need a running app; call_later queues the start until the app processes its first messages.
        app.call_later(live.start)
        app.call_later(
            app.notify,
            f"Previewing {watcher.folder}: it reloads when you save a file. "
            "Answers typed here are thrown away when you quit.",
            markup=False,
            timeout=8,
        )
        with keys_kept_from_the_start():  # ctrl+q typed while it loads quits, as in the workshop
            app.run()
    return 0
