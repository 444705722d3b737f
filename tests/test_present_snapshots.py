"""What the room sees, at a projector's 120x35 and a large screen's 200x60.

Each app runs on a FakeClock, so the countdowns in the pictures are exact. Update with
``pytest tests/test_present_snapshots.py --snapshot-update`` and look at the SVGs before committing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from workshop.content.loader import load_program
from workshop.present.app import NotesApp, PresentApp
from workshop.present.deck import build_deck
from workshop.present.session import PresentSession
from workshop.present.sync import write_state
from workshop.present.timer import FakeClock

SnapCompare = Callable[..., bool]
SIZES = [pytest.param((120, 35), id="120x35"), pytest.param((200, 60), id="200x60")]


def presenter(mini_program_dir: Path, theme: str = "dark") -> tuple[PresentApp, FakeClock]:
    program = load_program(mini_program_dir)
    clock = FakeClock()
    deck = build_deck(program, program.modules[0])
    return PresentApp(deck, clock=clock, wall=lambda: 0.0, theme=theme, tick=3600), clock


def keys(*pressed: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def run(pilot: Pilot[None]) -> None:
        await pilot.press(*pressed)
        await pilot.pause()

    return run


class TestSlides:
    @pytest.mark.parametrize("size", SIZES)
    def test_title_slide(self, snap_compare: SnapCompare, mini_program_dir: Path, size: tuple[int, int]) -> None:
        """You should see "Day 1 · Mini program", DAY ONE in big letters, the summary, and "1 / 12"."""
        app, _ = presenter(mini_program_dir)
        assert snap_compare(app, terminal_size=size)

    @pytest.mark.parametrize("size", SIZES)
    def test_ground_rules(self, snap_compare: SnapCompare, mini_program_dir: Path, size: tuple[int, int]) -> None:
        """You should see GROUND RULES and the program's two rules as a bulleted list."""
        app, _ = presenter(mini_program_dir)
        assert snap_compare(app, terminal_size=size, run_before=keys("3", "enter"))

    @pytest.mark.parametrize("size", SIZES)
    def test_running_timer(self, snap_compare: SnapCompare, mini_program_dir: Path, size: tuple[int, int]) -> None:
        """You should see the question, a green-bordered countdown at 2:45 "running", and the discussion line."""
        app, clock = presenter(mini_program_dir)

        async def run(pilot: Pilot[None]) -> None:
            await pilot.press("5", "enter", "s")
            clock.advance(75)
            await app.tick()
            await pilot.pause()

        assert snap_compare(app, terminal_size=size, run_before=run)

    def test_time_is_up(self, snap_compare: SnapCompare, mini_program_dir: Path) -> None:
        """You should see the breathing pause with a solid amber block: 0:00, "time is up +0:10"."""
        app, clock = presenter(mini_program_dir)

        async def run(pilot: Pilot[None]) -> None:
            await pilot.press("1", "0", "enter", "s")
            clock.advance(40)
            await app.tick()
            await pilot.pause()

        assert snap_compare(app, terminal_size=(120, 35), run_before=run)

    def test_light_theme_choice_slide(self, snap_compare: SnapCompare, mini_program_dir: Path) -> None:
        """You should see black text on white: SIGNS, the question, three options as bullets, no answer fields."""
        app, _ = presenter(mini_program_dir, theme="light")
        assert snap_compare(app, terminal_size=(120, 35), run_before=keys("7", "enter"))

    def test_blank(self, snap_compare: SnapCompare, mini_program_dir: Path) -> None:
        """You should see nothing at all: a black screen."""
        app, _ = presenter(mini_program_dir)
        assert snap_compare(app, terminal_size=(120, 35), run_before=keys("right", "b"))


class TestFacilitatorViews:
    def test_agenda(self, snap_compare: SnapCompare, mini_program_dir: Path) -> None:
        """You should see the agenda over the slide: Welcome planned 2 min, spent 5:00, over +3 min; 3 min behind."""
        app, clock = presenter(mini_program_dir)

        async def run(pilot: Pilot[None]) -> None:
            await pilot.press("4", "enter")
            clock.advance(300)
            await pilot.press("right", "a")
            await pilot.pause()

        assert snap_compare(app, terminal_size=(120, 35), run_before=run)

    def test_notes_panel(self, snap_compare: SnapCompare, mini_program_dir: Path) -> None:
        """You should see the slide on the left and the notes on the right: "Read it aloud.", "Next: A first thought"."""
        app, _ = presenter(mini_program_dir)
        assert snap_compare(app, terminal_size=(200, 60), run_before=keys("4", "enter", "n"))

    def test_notes_window(self, snap_compare: SnapCompare, mini_program_dir: Path, tmp_path: Path) -> None:
        """You should see the notes window for slide 5: timer 4:00, the discussion question, the hint, what is next."""
        program = load_program(mini_program_dir)
        session = PresentSession(build_deck(program, program.modules[0]), FakeClock())
        session.go_to(5)
        path = tmp_path / "state.json"
        write_state(path, session.notes_state(written_at=0.0))
        assert snap_compare(NotesApp(path, 1, wall=lambda: 0.0), terminal_size=(100, 30))
