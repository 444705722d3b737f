"""The first screen: painted from the cached outline before pydantic or the program are loaded, then the
program and the journal load behind it (issue 7)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from textual.app import App
from textual.color import Color
from textual.css.stylesheet import Stylesheet
from textual.filter import ANSIToTruecolor
from textual.widgets import Button, OptionList

from tests.tui_helpers import build_app, held_back, until, wait_for_journal
from workshop.content.cache import cached_outline, load_program_cached
from workshop.content.models import Program
from workshop.content.outline import DayOutline, DeferredProgram, ProgramOutline, StepOutline
from workshop.content.problems import ContentError, Problem
from workshop.settings import Settings
from workshop.tui.app import WorkshopApp
from workshop.tui.screens.day import DayScreen
from workshop.tui.screens.home import HomeScreen
from workshop.tui.screens.notice import Notice
from workshop.tui.themes import WORKSHOP_THEMES


def _day_prompts(app: WorkshopApp) -> list[str]:
    days = app.screen.query_one("#days", OptionList)
    return [str(days.get_option_at_index(i).prompt) for i in range(days.option_count)]


async def test_home_paints_from_the_outline_and_opens_once_the_program_loads(
    tmp_path: Path, program: Program
) -> None:
    deferred, release = held_back(program)
    app = build_app(deferred, tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.1)
        assert not app.program_loaded
        prompts = _day_prompts(app)
        assert [p.split()[1] for p in prompts] == [str(m.day) for m in program.modules]
        assert all(
            module.title[:20] in prompt for module, prompt in zip(program.modules, prompts, strict=True)
        )
        button = app.screen.query_one("#continue", Button)
        assert button.disabled and "Opening" in str(button.label)
        await pilot.press("c")  # pressed before anything could open: remembered, not dropped
        await pilot.pause()
        assert not isinstance(app.screen, DayScreen)

        release.set()
        await wait_for_journal(pilot)
        assert app.program is program
        await pilot.pause()
        assert isinstance(app.screen, DayScreen)
        assert app.screen.walk.module is program.modules[0]
        await pilot.press("escape")
        await pilot.pause()
        assert str(button.label).startswith("Continue: day 1") and not button.disabled


async def test_a_program_that_stopped_validating_is_reported_not_opened(
    tmp_path: Path, program: Program
) -> None:
    problem = Problem(Path("one.toml"), "a step needs a title", "steps.first", 3)

    def load() -> Program:
        raise ContentError([problem])

    app = build_app(DeferredProgram(ProgramOutline.of(program), load), tmp_path / "data")
    async with app.run_test() as pilot:
        await until(pilot, lambda: isinstance(app.screen, Notice))
        assert isinstance(app.screen, Notice)
        await pilot.pause()
        assert "a step needs a title" in str(app.screen.query_one(".notice-body").render())
        await pilot.press("enter")  # the first choice has the focus: Quit
        await pilot.pause()
    assert app.return_code == 1
    assert app.journal is None


@pytest.mark.parametrize("chosen", ["workshop-paper", "workshop-high-contrast", "no-such-theme"])
async def test_the_stylesheets_are_parsed_in_the_chosen_theme_from_the_start(
    tmp_path: Path, program: Program, chosen: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Set once the app had mounted, the theme made Textual parse every stylesheet again with its colours,
    # and once more as home mounted: 25 to 30 ms before the first paint (docs/performance.md).
    reparsed: list[Stylesheet] = []
    reparse = Stylesheet.reparse

    def counted(stylesheet: Stylesheet) -> None:
        reparsed.append(stylesheet)
        reparse(stylesheet)

    monkeypatch.setattr(Stylesheet, "reparse", counted)
    settings = Settings(theme=chosen, encryption_offered=True)
    app = build_app(program, tmp_path / "data", settings=settings)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_journal(pilot)
        name = chosen if chosen != "no-such-theme" else WORKSHOP_THEMES[0].name
        theme = app.get_theme(name)
        assert theme is not None and app.theme == name
        assert reparsed == []
        assert app.has_class(f"-theme-{name}")
        assert (app.has_class("-dark-mode"), app.has_class("-light-mode")) == (theme.dark, not theme.dark)
        assert app.screen.styles.background == Color.parse(theme.background)
        # ANSI colours drawn in the theme's palette (Textual's private filter: Textual is pinned exactly).
        ansi = [f for f in app._filters if isinstance(f, ANSIToTruecolor)]
        assert all(f._terminal_theme is app.ansi_theme for f in ansi)
        # A theme chosen later restyles everything, as Textual does (and is remembered, see test_tui_app).
        other = next(t for t in WORKSHOP_THEMES if t.name != name)
        app.theme = other.name
        await pilot.pause()
        assert len(reparsed) == 1
        assert app.screen.styles.background == Color.parse(other.background)
        assert app.has_class(f"-theme-{other.name}") and not app.has_class(f"-theme-{name}")
    assert settings.theme == other.name


async def test_home_is_drawn_once_as_the_app_starts_not_inside_textuals_start(
    tmp_path: Path, program: Program, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Pushed from on_mount, home was mounted while Textual still held back every frame of the app's start
    # (``batch_update`` around compose, mount and ready): its first frame was made and dropped, and drawn
    # again at the next tick of the screen's timer, 40 to 50 ms before the first paint in a terminal
    # (docs/performance.md). As the app's first screen it is drawn once, when the start is over.
    frames: list[tuple[str, bool]] = []
    display = App._display

    def counted(app: App[object], screen: object, renderable: object) -> None:
        if renderable is not None:
            frames.append((type(screen).__name__, app._batch_count > 0))
        display(app, screen, renderable)  # type: ignore[arg-type]

    monkeypatch.setattr(App, "_display", counted)
    app = build_app(program, tmp_path / "data")
    assert hasattr(app, "_batch_count")  # Textual is pinned exactly: this says so if the name moved
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_journal(pilot)
        first_screen = app.screen_stack[0]
    assert ("HomeScreen", True) not in frames
    assert frames and frames[0] == ("HomeScreen", False)
    assert isinstance(first_screen, HomeScreen)


def test_the_outline_round_trips_and_refuses_what_is_not_one() -> None:
    steps = (StepOutline("first"), StepOutline("second"))
    day = DayOutline("one", 1, "Day one", 30, steps)
    outline = ProgramOutline("p", "1.0", "T", "Intro [b]x[/b]\nline two", (day,))
    assert ProgramOutline.from_json(outline.to_json()) == outline
    assert "\n" not in outline.to_json()  # the cache keeps it on one line
    texts = '"id": "p", "version": "1", "title": "T", "description": ""'
    for broken in [
        "",
        "[]",
        '{"title": "T"}',
        '{"id": "p", "version": "1", "title": 1, "description": "", "days": []}',
        f'{{{texts}, "days": [["one", "1", "D", 30, ["a"]]]}}',
        f'{{{texts}, "days": [["one", 1, "D", 30, 12]]}}',
        f'{{{texts}, "days": [["one", 1, "D", 30, [1]]]}}',
    ]:
        assert ProgramOutline.from_json(broken) is None


def test_the_cache_gives_the_outline_only_for_a_program_it_validated_unchanged(
    tmp_path: Path, mini_program_dir: Path
) -> None:
    import shutil

    folder = tmp_path / "program"
    shutil.copytree(mini_program_dir, folder)
    cache_dir = tmp_path / "cache"
    assert cached_outline(folder, cache_dir) is None  # never validated: a miss
    program = load_program_cached(folder, cache_dir)
    assert cached_outline(folder, cache_dir) == ProgramOutline.of(program)
    module = next(folder.glob("*.toml"))
    module.write_bytes(module.read_bytes() + b"\n# an edit\n")
    assert cached_outline(folder, cache_dir) is None


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX paths")
def test_the_first_screen_imports_neither_pydantic_nor_the_other_screens(
    tmp_path: Path, shipped_program_dir: Path
) -> None:
    # The real start-up path in a fresh interpreter, after an earlier start filled the cache: the home
    # screen is painted with the journal held back, then sys.modules is checked.
    env = {**os.environ, "WORKSHOP_CACHE_DIR": str(tmp_path / "cache")}
    fill = f"from pathlib import Path; from workshop import paths; from workshop.content.cache import \
load_program_cached as load; load(Path({str(shipped_program_dir)!r}), paths.cache_dir())"
    subprocess.run([sys.executable, "-c", fill], env=env, timeout=60, check=True)
    script = f"""
import argparse, asyncio, sys
from pathlib import Path
from workshop.tui.launch import program_for_app
from workshop.tui.app import WorkshopApp, make_app
from workshop.content.outline import DeferredProgram
WorkshopApp.open_journal = lambda self: None  # hold the journal back: only the first paint is checked
program = program_for_app(argparse.Namespace(program={str(shipped_program_dir)!r}))
assert isinstance(program, DeferredProgram), program

async def main():
    app = make_app(program, Path({str(tmp_path / "data")!r}))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#days").option_count == 4
    loaded = sorted(m for m in sys.modules if m.split(".")[0] == "pydantic" or m in (
        "workshop.content.models", "workshop.tui.screens.day", "textual.widgets._markdown",
        "textual.widgets._text_area"))
    print("LOADED", loaded)

asyncio.run(main())
"""
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "LOADED []" in result.stdout, result.stdout
