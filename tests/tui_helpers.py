"""Helpers for driving the self-paced app in tests (fixed clocks, waiting for the journal)."""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rich.console import Console
from textual.pilot import Pilot

from tests.clocks import SteppingClock
from workshop.content.loader import load_program
from workshop.content.models import Program
from workshop.content.outline import DeferredProgram, ProgramOutline
from workshop.settings import Settings
from workshop.tui.app import WorkshopApp, make_app
from workshop.tui.screens.day import DayScreen


def FixedClock(start: datetime = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)) -> SteppingClock:  # noqa: N802
    """A wall clock that advances one second each time it is read: deterministic and still ordered."""
    return SteppingClock(start)


def frozen() -> datetime:
    """A wall clock stopped at 2 March 2026, 09:30 UTC, for screens that show a date."""
    return datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


class FrozenMonotonic:
    """A monotonic clock that only moves when a test says so."""

    def __init__(self) -> None:
        self.value = 1000.0

    def __call__(self) -> float:
        return self.value


def build_app(program: Program | DeferredProgram | Path, data_dir: Path, **options: Any) -> WorkshopApp:
    if isinstance(program, Path):
        program = load_program(program)
    options.setdefault("clock", FixedClock())
    options.setdefault("monotonic", FrozenMonotonic())
    # The first-run offer of encryption is answered: the tests of encryption ask for it with settings=Settings().
    options.setdefault("settings", Settings(encryption_offered=True))
    options.setdefault("config_dir", data_dir.parent / "config")
    # The review is built when a test opens it, not ahead: most tests never do, and it would cost each.
    options.setdefault("review_ahead", False)
    app = make_app(program, data_dir, **options)
    # Scrolling at once, not animated: what a test sees is the same, sooner. (The tmux tests keep them.)
    app.animation_level = "none"
    return app


def held_back(program: Program) -> tuple[DeferredProgram, threading.Event]:
    """``program`` as the app gets it at start, its outline at once and the program itself only once the
    event is set (10 s at most): the moments before the journal opens, held open for a test."""
    release = threading.Event()

    def load() -> Program:
        release.wait(10)
        return program

    return DeferredProgram(ProgramOutline.of(program), load), release


def workshop_app(pilot: Pilot[Any]) -> WorkshopApp:
    """The app ``pilot`` drives, as the workshop's app (a Pilot's type knows only Textual's ``App``)."""
    app = pilot.app
    assert isinstance(app, WorkshopApp)
    return app


async def wait_for_journal(pilot: Pilot[Any]) -> None:
    app = workshop_app(pilot)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if app.journal is not None:
            await pilot.pause()
            return
        await pilot.pause(0.005)
    raise AssertionError("the journal never opened")


async def settle(pilot: Pilot[Any]) -> None:
    """Let background saves finish and the screen catch up."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def screen_text(app: WorkshopApp) -> str:
    """What the terminal shows now, as plain text: rendered the way ``App.export_screenshot`` renders it
    (through the screen's compositor, a private part of Textual, which is pinned)."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True, legacy_windows=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()


async def until(pilot: Pilot[Any], condition: Callable[[], bool], seconds: float = 10.0) -> None:
    """Let the app work until ``condition`` holds: keys posted at once can take a while to be handled
    when the machine is busy, and Pilot's pause does not wait for keys that are being held."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            await settle(pilot)
            return
        await pilot.pause(0.005)
    raise AssertionError("the app never got there")


async def open_step(pilot: Pilot[Any], step_id: str) -> DayScreen:
    """Open the day of ``step_id`` at that step, and wait for it."""
    app = workshop_app(pilot)
    found = app.program.find_step(step_id)
    assert found is not None, step_id
    module, step = found
    app.routes.open_day(module, module.steps.index(step))
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, DayScreen)
    return screen
