"""The full-screen app for braille displays, magnifiers and people who cannot tell colours apart: the
terminal cursor follows the focused control, choices read without colour, and TEXTUAL_ANIMATIONS=none
stills everything that moves."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import types
from pathlib import Path

import pytest
import textual.constants
from textual.geometry import Offset
from textual.widgets import Button, Input, OptionList, TextArea

from tests.expect import answer_to
from tests.test_real_terminal import POLL, Tmux, workshop_command
from tests.tui_helpers import build_app, open_step, screen_text, settle, until, wait_for_journal
from workshop.answers import IntegerValue
from workshop.content.loader import load_program
from workshop.settings import Settings
from workshop.tui.app import WorkshopApp, make_app
from workshop.tui.cursor import highlighted_line, is_text_box


def test_a_text_area_module_still_loading_in_another_thread_is_not_a_crash(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The app's warm-up imports TextArea in a thread; the focus can move while the module is half loaded.
    half_loaded = types.ModuleType("textual.widgets._text_area")
    monkeypatch.setitem(sys.modules, "textual.widgets._text_area", half_loaded)
    assert not is_text_box(Button("Continue"))
    assert is_text_box(Input())


def at_cursor(app: WorkshopApp) -> str:
    """The screen's text from the terminal cursor to the end of its row."""
    x, y = app.cursor_position
    return screen_text(app).splitlines()[y][x:]


async def test_the_cursor_follows_the_focus_from_control_to_control(
    tmp_path: Path, mini_program_dir: Path
) -> None:
    app = build_app(mini_program_dir, tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_journal(pilot)
        # The cursor moves once the screen has been drawn with the focus where it went (not at once).
        await pilot.press("tab")  # the list of days
        await until(pilot, lambda: at_cursor(app).startswith("Day 1"))
        days = app.focused
        assert isinstance(days, OptionList)
        first = app.cursor_position
        await pilot.press("down")
        await until(pilot, lambda: at_cursor(app).startswith("Day 2"))
        assert app.cursor_position == Offset(first.x, first.y + 1)
        await pilot.press("tab")  # the Continue button
        await until(pilot, lambda: isinstance(app.focused, Button))
        button = app.focused
        assert isinstance(button, Button)
        await until(pilot, lambda: button.content_region.contains_point(app.cursor_position))


async def test_the_cursor_is_on_the_highlighted_choice_of_a_step(
    tmp_path: Path, mini_program_dir: Path
) -> None:
    app = build_app(mini_program_dir, tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_journal(pilot)
        await open_step(pilot, "signs")
        choices = app.focused
        assert isinstance(choices, OptionList)
        await pilot.press("down", "down")
        await settle(pilot)
        assert highlighted_line(choices) == 2  # Textual's private table still says where each option starts
        await until(pilot, lambda: "Guilt" in screen_text(app).splitlines()[app.cursor_position.y])  # once drawn
        await pilot.press("tab")  # the line of one's own: a text box places the cursor where typing goes
        await settle(pilot)
        await pilot.press(*"mine")
        await settle(pilot)
        focused = app.focused
        assert isinstance(focused, Input) and focused.id == "other"
        assert app.cursor_position == focused.cursor_screen_offset  # left where Textual put it


async def test_a_chosen_point_on_a_scale_reads_without_colour(tmp_path: Path, mini_program_dir: Path) -> None:
    app = build_app(mini_program_dir, tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_journal(pilot)
        await open_step(pilot, "meaning-now")
        await pilot.press("7")
        await settle(pilot)
        run = app.current_run
        assert run is not None and run.answer("meaning-now") is not None
        assert answer_to(run, "meaning-now").value == IntegerValue(7)
        assert "[7]" in screen_text(app)  # the plain text of the screen: no colour, no reverse video


STILL = """
import asyncio, sys
from pathlib import Path
from textual.widgets import TextArea, Static
from workshop.content.loader import load_program
from workshop.settings import Settings
from workshop.tui.app import make_app
from workshop.tui.widgets.pause import STILL_BREATH

async def shown(pilot, query, ready):
    # The first widget matching the query once it is ready: a step is built a moment after it is asked
    # for, and its field is focused (and its cursor set) a moment after it is built.
    for _ in range(1000):
        found = pilot.app.screen.query(query)
        if found and ready(found.first()):
            await pilot.pause()  # and what the app does on it (a focus is heard after it moves)
            return found.first()
        await pilot.pause(0.01)
    raise AssertionError(f"{query} never showed")

async def main():
    program = load_program(Path(sys.argv[1]))
    app = make_app(program, Path(sys.argv[2]), settings=Settings(encryption_offered=True))
    async with app.run_test() as pilot:
        while app.journal is None:
            await pilot.pause(0.01)
        module, step = program.find_step("first-thought")
        app.routes.open_day(module, 1)
        area = await shown(pilot, TextArea, lambda area: area.has_focus)
        print("level", app.animation_level, "blink", area.cursor_blink)
        app.routes.open_day(module, 6)  # the breathing pause
        breath = await shown(pilot, "#breath", lambda breath: str(breath.content))
        print("breath", str(breath.content) == STILL_BREATH)

asyncio.run(main())
"""


def test_textual_animations_none_is_honoured(tmp_path: Path, mini_program_dir: Path) -> None:
    """Set in the environment, as a user would: Textual reads it once, at import (so in a Python of its
    own; the opposite setting, below, in the test's process)."""
    env = {**os.environ, "TEXTUAL_ANIMATIONS": "none"}
    result = subprocess.run(
        [sys.executable, "-c", STILL, str(mini_program_dir), str(tmp_path / "none")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.stdout.strip().startswith("level none blink False\nbreath True"), result.stdout + result.stderr


async def test_textual_animations_full_keeps_the_cursor_blinking(
    tmp_path: Path, mini_program_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual's default, read from the environment at import (the test above starts a Python for that):
    each app takes it from ``textual.constants`` as it is made, so it is set there for this one."""
    monkeypatch.setattr(textual.constants, "TEXTUAL_ANIMATIONS", "full")
    program = load_program(mini_program_dir)
    app = make_app(program, tmp_path / "data", settings=Settings(encryption_offered=True))
    async with app.run_test() as pilot:
        await wait_for_journal(pilot)
        found = program.find_step("first-thought")
        assert found is not None
        app.routes.open_day(found[0], 1)
        await until(pilot, lambda: bool(app.screen.query(TextArea)) and app.screen.query_one(TextArea).has_focus)
        assert app.animation_level == "full"
        assert app.screen.query_one(TextArea).cursor_blink is True


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("tmux") is None and not os.environ.get("WORKSHOP_REQUIRE_TMUX"),
    reason="tmux is not installed (.ci/run installs it)",
)
def test_the_real_terminal_cursor_moves_with_the_highlight(tmp_path: Path, mini_program_dir: Path) -> None:
    """What a braille display reads: the position of the terminal's own cursor, as tmux reports it."""
    tmux = Tmux()
    try:
        tmux.start(workshop_command(tmp_path / "data", mini_program_dir))
        tmux.wait_for("Begin day 1")
        for key, day in (("Tab", "Day 1"), ("Down", "Day 2")):
            tmux.keys(key)
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                x, y = (int(n) for n in tmux("display", "-p", "-t", "w", "#{cursor_x} #{cursor_y}").split())
                if tmux.screen().splitlines()[y][x:].startswith(day):
                    break
                time.sleep(POLL)
            else:
                raise AssertionError(f"the cursor is not on {day}:\n{tmux.screen()}")
    finally:
        tmux.stop()
