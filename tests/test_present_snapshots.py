"""What the room sees, at a projector's 80x24, 120x35 and a large screen's 200x55, and what the facilitator
sees on the laptop.

Each app runs on a FakeClock, so the countdowns in the pictures are exact. Update with
``pytest tests/test_present_snapshots.py --snapshot-update`` and look at the SVGs before committing (render
them with Chromium: rsvg-convert squeezes runs of spaces and shows centred text off-centre).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.snapshot_types import SnapCompare
from workshop.content.loader import load_program
from workshop.content.models import Phase, Program, ReadingStep
from workshop.present.app import NotesApp, PresentApp
from workshop.present.deck import build_deck
from workshop.present.session import PresentSession
from workshop.present.sync import write_state
from workshop.present.timer import FakeClock

SIZES = [pytest.param((120, 35), id="120x35"), pytest.param((200, 55), id="200x55")]

LONG_PASSAGE = "\n\n".join(
    [
        "Every day in clinic brings a small list of things that went well and a longer list of things "
        "that did not. Most of us remember the second list far better than the first.",
        "**Noticing is a skill.** It can be practised, like listening to a chest or reading an ECG: slowly "
        "at first, then without thinking about it.",
        "- Write down one moment each day that felt like the reason you chose this work.\n"
        "- Say it aloud to someone, if you can.\n"
        "- Read the list back at the end of the week.",
        "None of this changes the rota or the inbox. It changes what you carry home from them, and that "
        "is where a good deal of the weight sits.",
        "Some weeks the list will be short. That is information too: it says something about the week, "
        "not about you, and it is worth bringing to the next session.",
        "Other weeks it will surprise you. A moment in a corridor, a patient who laughed, a colleague who "
        "stayed late to help: small things, easy to lose by Friday unless they are written down.",
    ]
)


def mini_with_extras(mini_program_dir: Path) -> Program:
    """The mini program, with a long passage on "Welcome" and phases on "A first thought"."""
    program = load_program(mini_program_dir)
    module = program.modules[0]
    steps = []
    for step in module.steps:
        if step.id == "welcome" and isinstance(step, ReadingStep):
            step = replace(step, body=LONG_PASSAGE)
        elif step.id == "first-thought":
            phases = [Phase(label="Write on your own", minutes=1), Phase(label="Share in pairs", minutes=3, format="pairs")]
            step = replace(step, phases=phases)
        steps.append(step)
    return replace(program, modules=(replace(module, steps=steps), *program.modules[1:]))


def presenter(program: Program, theme: str = "dark") -> tuple[PresentApp, FakeClock]:
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
        app, _ = presenter(load_program(mini_program_dir))
        assert snap_compare(app, terminal_size=size)

    @pytest.mark.parametrize("size", SIZES)
    def test_ground_rules(self, snap_compare: SnapCompare, mini_program_dir: Path, size: tuple[int, int]) -> None:
        """You should see GROUND RULES in big letters and the program's two rules as a bold bulleted list."""
        app, _ = presenter(load_program(mini_program_dir))
        assert snap_compare(app, terminal_size=size, run_before=keys("3", "enter"))

    def test_question_at_200x55(self, snap_compare: SnapCompare, mini_program_dir: Path) -> None:
        """You should see "As a group", "Check-in" in small type, and HOW ARE YOU ARRIVING TODAY? in the
        largest letters on the screen, centred."""
        app, _ = presenter(load_program(mini_program_dir))
        assert snap_compare(app, terminal_size=(200, 55), run_before=keys("2", "enter"))

    @pytest.mark.parametrize("page", [1, 2])
    def test_long_passage_in_continued_pages(self, snap_compare: SnapCompare, mini_program_dir: Path, page: int) -> None:
        """At 80x24 you should see "Welcome" with "1 of 2" (then "continued, 2 of 2"), the passage's first
        paragraphs (then the rest, with its bullets), and the 2:00 countdown below: no scrollbar, nothing cut."""
        app, _ = presenter(mini_with_extras(mini_program_dir))
        assert snap_compare(app, terminal_size=(80, 24), run_before=keys("4", "enter", *["pagedown"] * (page - 1)))

    @pytest.mark.parametrize("size", SIZES)
    def test_running_timer(self, snap_compare: SnapCompare, mini_program_dir: Path, size: tuple[int, int]) -> None:
        """You should see the question in big letters, the discussion line, a green-bordered countdown at
        2:45 "running"."""
        app, clock = presenter(load_program(mini_program_dir))

        async def run(pilot: Pilot[None]) -> None:
            await pilot.press("5", "enter", "s")
            clock.advance(75)
            await app.tick()
            await pilot.pause()

        assert snap_compare(app, terminal_size=size, run_before=run)

    def test_phase_switch(self, snap_compare: SnapCompare, mini_program_dir: Path) -> None:
        """You should see the countdown as a solid light-blue block: 2:58, "Now: Share in pairs": the
        room moved from writing to pairs two seconds ago."""
        app, clock = presenter(mini_with_extras(mini_program_dir))

        async def run(pilot: Pilot[None]) -> None:
            await pilot.press("5", "enter", "s")
            clock.advance(62)
            await app.tick()
            await pilot.pause()

        assert snap_compare(app, terminal_size=(120, 35), run_before=run)

    def test_time_is_up(self, snap_compare: SnapCompare, mini_program_dir: Path) -> None:
        """You should see the breathing pause with a solid amber block: 0:00, "time is up +0:10"."""
        app, clock = presenter(load_program(mini_program_dir))

        async def run(pilot: Pilot[None]) -> None:
            await pilot.press("1", "0", "enter", "s")
            clock.advance(40)
            await app.tick()
            await pilot.pause()

        assert snap_compare(app, terminal_size=(120, 35), run_before=run)

    def test_light_theme_choice_slide(self, snap_compare: SnapCompare, mini_program_dir: Path) -> None:
        """You should see black text on white: the question in big letters, three options as bullets, no
        answer fields."""
        app, _ = presenter(load_program(mini_program_dir), theme="light")
        assert snap_compare(app, terminal_size=(120, 35), run_before=keys("7", "enter"))

    def test_blank(self, snap_compare: SnapCompare, mini_program_dir: Path) -> None:
        """You should see nothing at all: a black screen."""
        app, _ = presenter(load_program(mini_program_dir))
        assert snap_compare(app, terminal_size=(120, 35), run_before=keys("right", "b"))

    def test_after_f5_only_the_typed_digits_show(self, snap_compare: SnapCompare, mini_program_dir: Path) -> None:
        """You should see the title slide with no status bar, and only "› 12" small in the bottom right."""
        app, _ = presenter(load_program(mini_program_dir))
        assert snap_compare(app, terminal_size=(80, 24), run_before=keys("f5", "1", "2"))


class TestFacilitatorViews:
    def test_keys_overlay(self, snap_compare: SnapCompare, mini_program_dir: Path) -> None:
        """You should see the "Keys" box over the slide at 80x24, every key and what it does, none cut."""
        app, _ = presenter(load_program(mini_program_dir))
        assert snap_compare(app, terminal_size=(80, 24), run_before=keys("question_mark"))

    def test_agenda(self, snap_compare: SnapCompare, mini_program_dir: Path) -> None:
        """You should see the agenda over the slide (no notes window open): Welcome planned 2 min, spent
        5:00, over +3 min; "3 min behind plan"."""
        app, clock = presenter(load_program(mini_program_dir))

        async def run(pilot: Pilot[None]) -> None:
            await pilot.press("2", "enter")
            clock.advance(600)
            await pilot.press("right")
            clock.advance(120)
            await pilot.press("right")
            clock.advance(300)
            await pilot.press("right", "a")
            await pilot.pause()

        assert snap_compare(app, terminal_size=(120, 35), run_before=run)

    def test_notes_panel(self, snap_compare: SnapCompare, mini_program_dir: Path) -> None:
        """You should see the slide on the left and the notes on the right: the passage in full under "On
        screen", "Read it aloud.", and the next slide's question."""
        app, _ = presenter(load_program(mini_program_dir))
        assert snap_compare(app, terminal_size=(200, 55), run_before=keys("4", "enter", "n"))

    def test_notes_window(self, snap_compare: SnapCompare, mini_program_dir: Path, tmp_path: Path) -> None:
        """You should see the notes window for slide 5 in two columns: the phase timer 0:40 "Write on your
        own, running, then: Share in pairs, 3 min", a timer still running on slide 4, the question on
        screen, notes, the hint; on the right the agenda (1 min ahead of plan) and the next slide in full."""
        program = mini_with_extras(mini_program_dir)
        clock = FakeClock()
        session = PresentSession(build_deck(program, program.modules[0]), clock)
        for number, minutes in ((2, 9), (3, 1)):  # check-in and rules: a minute quicker each than planned
            session.go_to(number)
            clock.advance(minutes * 60)
        session.go_to(4)
        session.toggle_timer()
        clock.advance(60)
        session.go_to(5)
        session.toggle_timer()
        clock.advance(20)
        session.agenda_open = True
        path = tmp_path / "state.json"
        write_state(path, session.notes_state(written_at=0.0))
        assert snap_compare(NotesApp(path, 1, wall=lambda: 0.0), terminal_size=(130, 40))
