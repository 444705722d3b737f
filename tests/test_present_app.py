"""Pilot tests of facilitator mode: clicker keys, the timer, blanking, the agenda, notes following.

Every app here runs on a FakeClock, so time moves only when a test says so; ``app.tick()`` is called
directly instead of waiting for the 4 Hz interval (which is set to an hour here). The walk through every
slide of the shipped program at four window sizes is in ``test_present_walk.py``.
"""

from __future__ import annotations

import contextlib
import shutil
import time
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path
from typing import TypedDict, Unpack

import pytest
from textual import events
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import DataTable, Digits, Static

from tests.expect import not_none
from tests.tui_helpers import until
from workshop.content.loader import load_program
from workshop.content.models import Phase, Program, ReadingStep
from workshop.present import app as present_app
from workshop.present import strings
from workshop.present.app import AgendaScreen, KeysScreen, NotesApp, PresentApp, SlideScreen
from workshop.present.deck import build_deck
from workshop.present.session import PresentSession
from workshop.present.sync import NotesState, read_state, reader_path, touch_reader, write_state
from workshop.present.timer import SWITCH_CUE_SECONDS, FakeClock
from workshop.present.widgets import NotesView, SlideView, TimerBox

SIZE = (120, 35)


class AppOptions(TypedDict, total=False):
    """The options of ``PresentApp`` that these tests vary."""

    sync_path: Path | None
    theme: str
    bell: bool


def make_app(program: Program, day: int = 1, **kwargs: Unpack[AppOptions]) -> tuple[PresentApp, FakeClock]:
    clock = FakeClock()
    deck = build_deck(program, program.modules[day - 1])
    # tick=3600: the 4 Hz repaint never fires on its own; tests call app.tick() when they mean it.
    app = PresentApp(deck, clock=clock, wall=lambda: 0.0, tick=3600, **kwargs)
    return app, clock


@contextlib.asynccontextmanager
async def presenting(app: PresentApp, size: tuple[int, int]) -> AsyncIterator[Pilot[None]]:
    """``app`` running at ``size``, its first slide laid out for the window: that happens once the window has
    been drawn, and a busy machine may draw it after the first keys a test sends (the keys are kept, but
    what they show is not on screen yet)."""
    async with app.run_test(size=size) as pilot:
        await until(pilot, lambda: app.slide_screen.slide_size != (0, 0))
        yield pilot


def phased(program: Program) -> Program:
    """The mini program with "A first thought" (4 minutes) as 1 minute of writing, then 3 in pairs."""
    module = program.modules[0]
    steps = [
        replace(step, phases=[Phase(label="Write on your own", minutes=1), Phase(label="Pairs", minutes=3, format="pairs")])
        if step.id == "first-thought"
        else step
        for step in module.steps
    ]
    return replace(program, modules=(replace(module, steps=steps), *program.modules[1:]))


def text_of(widget: Widget) -> str:
    return str(widget.render())


def bottom_line(app: PresentApp) -> str:
    screen = app.slide_screen
    return (text_of(screen.query_one("#status-left")) + "  " + text_of(screen.query_one("#status-right"))).strip()


def slide_text(app: PresentApp) -> str:
    return text_of(app.slide_screen.query_one("#page"))


# ---- clicker keys ----------------------------------------------------------------------------------


async def test_every_next_key_moves_forward(program: Program) -> None:
    app, _ = make_app(program)
    async with presenting(app, size=SIZE) as pilot:
        for expected, key in enumerate(["pagedown", "right", "down", "space", "enter"], start=1):
            await pilot.press(key)
            assert app.session.index == expected, key
        assert text_of(app.screen.query_one("#status-left")).startswith("6 / 12")


async def test_every_back_key_moves_back(program: Program) -> None:
    app, _ = make_app(program)
    async with presenting(app, size=SIZE) as pilot:
        app.session.go_to(5)
        for expected, key in zip([3, 2, 1], ["pageup", "left", "up"], strict=True):
            await pilot.press(key)
            assert app.session.index == expected, key
        await pilot.press("home")
        assert app.session.index == 0
        await pilot.press("end")
        assert app.session.index == len(app.session.deck) - 1
        await pilot.press("right")  # past the end: stays
        assert app.session.index == len(app.session.deck) - 1


async def test_slide_keys_win_over_a_focused_widget(program: Program) -> None:
    """Even a focused scrolling area with more than it can show (what a long slide used to be) cannot
    keep the clicker's keys from the slides."""
    app, _ = make_app(program)
    async with presenting(app, size=SIZE) as pilot:
        area = VerticalScroll(Static("\n".join(f"line {n}" for n in range(200))))
        area.styles.height = 5
        await app.slide_screen.query_one(SlideView).mount(area)
        area.focus()
        await pilot.pause()
        for key in ("pagedown", "space", "right", "down", "end"):
            await pilot.press(key)
        assert app.session.index == len(app.session.deck) - 1
        await pilot.press("home", "pagedown", "pagedown", "pageup", "left", "up")
        assert app.session.index == 0
        assert area.scroll_offset == (0, 0)


async def test_nothing_on_a_slide_can_take_focus_or_scroll(program: Program) -> None:
    app, _ = make_app(program, day=1)
    async with presenting(app, size=(80, 24)) as pilot:
        for _ in range(len(app.session.deck) + 3):
            assert app.focused is None
            view = app.slide_screen.query_one(SlideView)
            assert not view.show_vertical_scrollbar and view.scroll_offset == (0, 0)
            await pilot.press("pagedown")


async def test_blanking(program: Program) -> None:
    # Both keys in one app (its start is most of the cost): each begins one slide further on.
    app, _ = make_app(program)
    async with presenting(app, size=SIZE) as pilot:
        for key in ("b", "full_stop"):
            start = app.session.index
            await pilot.press("right")
            await pilot.press(key)
            screen = app.screen
            assert screen.has_class("-blank"), key
            assert not screen.query_one("#main").display, key
            await pilot.press(key)
            assert not screen.has_class("-blank"), key
            await pilot.press(key, "right")  # a next key brings the slide back without moving on
            assert not screen.has_class("-blank"), key
            assert app.session.index == start + 1, key
            await pilot.press(key, "escape")
            assert not screen.has_class("-blank"), key
            assert screen.query_one("#main").display, key


@pytest.mark.parametrize("key", ["f5", "shift+f5"])
async def test_f5_starts_the_show_and_escape_never_quits(program: Program, key: str) -> None:
    app, clock = make_app(program)
    async with presenting(app, size=SIZE) as pilot:
        await pilot.press(key)
        assert app.session.tracker.started
        assert app.screen.has_class("-bare")
        assert not app.screen.query_one("#status-left").display
        assert bottom_line(app) == ""
        clock.advance(65)
        await pilot.press("escape")
        assert not app.screen.has_class("-bare")
        await pilot.press("escape", "escape")
        assert app.is_running
        await app.tick()
        assert "1:05" in text_of(app.screen.query_one("#status-right"))


async def test_typed_digits_show_at_once_as_a_small_indicator_even_after_f5(program: Program) -> None:
    app, _ = make_app(program)
    async with presenting(app, size=SIZE) as pilot:
        await pilot.press("f5", "1")
        assert bottom_line(app) == "› 1"  # at once, before Enter
        await pilot.press("1")
        assert bottom_line(app) == "› 11"
        await pilot.press("enter")
        assert app.session.index == 10
        assert bottom_line(app) == ""
        await pilot.press("3", "g")
        assert app.session.index == 2
        await pilot.press("7", "backspace", "5", "enter")
        assert app.session.index == 4
        await pilot.press("9", "9", "enter")  # no such slide: stay; the room sees only the digits and a mark
        assert app.session.index == 4
        assert bottom_line(app) == "› 99 ✗"
        assert "There is no slide" not in slide_text(app)
        await pilot.press("8", "escape", "enter")  # escape drops the digits; enter is then "next"
        assert app.session.index == 5


async def test_keys_typed_in_one_burst_are_handled_in_order(program: Program) -> None:
    """A terminal delivers "7" and Enter typed quickly in one read; Pilot's press() waits between keys,
    so the keys are posted here the way the terminal driver posts them."""
    app, _ = make_app(program)
    async with presenting(app, size=SIZE) as pilot:
        for key, character in (("1", "1"), ("1", "1"), ("enter", "\r"), ("3", "3"), ("enter", "\r")):
            app.post_message(events.Key(key, character))
        await pilot.pause()
        await pilot.pause()
        assert app.session.index == 2  # slide 11, then slide 3: not "next, next" and digits left over
        assert app.session.digits == ""
        for key, character in (("s", "s"), ("5", "5"), ("enter", "\r"), ("s", "s")):
            app.post_message(events.Key(key, character))
        await pilot.pause()
        await pilot.pause()
        assert app.session.index == 4
        assert app.session.timer is not None and app.session.timer.running


async def test_no_toast_ever_reaches_the_projector(program: Program) -> None:
    app, _ = make_app(program)
    async with presenting(app, size=SIZE) as pilot:
        await pilot.press("f5", "9", "9", "enter", "q", "R")
        await pilot.pause()
        assert not app._notifications  # the facilitator's messages go to the notes, not over the slide
        assert bottom_line(app) == strings.INDICATOR_RESET
        assert app.is_running
        await pilot.press("n")  # the notes panel (single screen) has the whole sentence
        panel = app.slide_screen.query_one("#notes-panel", NotesView)
        assert text_of(panel.query_one("#notes-message")) == strings.RESET_AGAIN


# ---- the timer -------------------------------------------------------------------------------------


async def test_timer_start_pause_extend_reset_and_end(program: Program) -> None:
    app, clock = make_app(program)
    async with presenting(app, size=SIZE) as pilot:
        await pilot.press("5", "enter")  # "A first thought": 4 minutes
        box = app.screen.query_one(TimerBox)
        digits = box.query_one(Digits)
        assert box.display
        assert digits.value == "4:00"
        assert box.has_class("-ready")
        await pilot.press("s")
        clock.advance(60)
        await app.tick()
        assert digits.value == "3:00"
        assert box.has_class("-running")
        await pilot.press("s")
        clock.advance(600)
        await app.tick()
        assert digits.value == "3:00"
        assert box.has_class("-paused")
        await pilot.press("plus")
        assert digits.value == "4:00"
        await pilot.press("minus", "minus")
        assert digits.value == "2:00"
        await pilot.press("s")
        clock.advance(125)
        await app.tick()
        assert digits.value == "0:00"
        assert box.has_class("-ended")
        assert "time is up  +0:05" in text_of(box.query_one("#timer-label"))
        await pilot.press("e")  # one more minute: a minute from now
        assert box.has_class("-running")
        assert digits.value == "1:00"
        await pilot.press("r")
        assert digits.value == "4:00"
        assert box.has_class("-ready")


async def test_untimed_slides_show_no_timer_and_ignore_timer_keys(program: Program) -> None:
    app, _ = make_app(program)
    async with presenting(app, size=SIZE) as pilot:
        await pilot.press("6", "enter", "s", "plus")
        assert not app.screen.query_one("#timer-row").display
        assert app.session.timer is None


async def test_a_phased_timer_flashes_and_rings_at_the_switch(program: Program) -> None:
    app, clock = make_app(phased(program), bell=True)
    rings: list[int] = []
    app.bell = lambda: rings.append(1)  # type: ignore[method-assign]  # count the rings, silently
    async with presenting(app, size=SIZE) as pilot:
        await pilot.press("5", "enter", "s")
        box = app.screen.query_one(TimerBox)
        assert box.query_one(Digits).value == "1:00"
        assert text_of(box.query_one("#timer-label")) == "Write on your own"
        assert text_of(box.query_one("#timer-next")) == "then: Pairs, 3 min"
        clock.advance(30)
        await app.tick()
        assert not box.has_class("-switch") and rings == []
        clock.advance(31)
        await app.tick()
        assert box.has_class("-switch")
        assert text_of(box.query_one("#timer-label")) == "Now: Pairs"
        assert box.query_one(Digits).value == "2:59"
        assert rings == [1]
        clock.advance(SWITCH_CUE_SECONDS)
        await app.tick()
        assert not box.has_class("-switch")
        assert text_of(box.query_one("#timer-label")) == "Pairs"
        clock.advance(180)
        await app.tick()
        assert box.has_class("-ended") and rings == [1, 1]


async def test_the_bell_is_off_unless_asked_for(program: Program) -> None:
    app, clock = make_app(phased(program))
    rings: list[int] = []
    app.bell = lambda: rings.append(1)  # type: ignore[method-assign]  # count the rings, silently
    async with presenting(app, size=SIZE) as pilot:
        await pilot.press("5", "enter", "s")
        clock.advance(300)
        await app.tick()
        assert rings == []


async def test_a_timer_left_running_shows_on_the_projector_as_a_small_indicator(program: Program) -> None:
    app, clock = make_app(program)
    async with presenting(app, size=SIZE) as pilot:
        await pilot.press("f5", "5", "enter", "s")
        clock.advance(30)
        await pilot.press("right", "right")
        await app.tick()
        assert bottom_line(app) == "⏱ 5 3:30"
        await pilot.press("5", "enter")
        assert bottom_line(app) == ""


async def test_resetting_the_session_after_a_rehearsal(program: Program) -> None:
    app, clock = make_app(program)
    async with presenting(app, size=SIZE) as pilot:
        await pilot.press("5", "enter", "s")
        clock.advance(100)
        await pilot.press("R")
        assert app.session.index == 4  # the first press only asks
        clock.advance(1)
        await pilot.press("R")
        assert app.session.index == 0
        assert not app.session.tracker.started
        await pilot.press("5", "enter")
        assert app.screen.query_one(TimerBox).query_one(Digits).value == "4:00"


# ---- fitting the window ----------------------------------------------------------------------------


async def test_a_long_slide_becomes_pages_and_a_resize_recomputes_them(program: Program, tmp_path: Path) -> None:
    long_body = "\n\n".join(f"Paragraph {n}. " + "A sentence to read aloud in the room. " * 6 for n in range(5))
    module = program.modules[0]
    steps = [
        replace(step, body=long_body) if step.id == "welcome" and isinstance(step, ReadingStep) else step
        for step in module.steps
    ]
    program = replace(program, modules=(replace(module, steps=steps), *program.modules[1:]))
    app, _ = make_app(program)
    async with presenting(app, size=(80, 24)) as pilot:
        await until(pilot, lambda: app.slide_screen.slide_size == (76, 23))  # laid out once the window is drawn
        await pilot.press("4", "enter")
        pages = app.session.pages
        assert pages > 1
        assert "1 of" in slide_text(app)
        for page in range(2, pages + 1):
            await pilot.press("pagedown")
            assert (app.session.index, app.session.page) == (3, page - 1)
            assert f"continued, {page} of {pages}" in slide_text(app)
        await pilot.press("pagedown")
        assert (app.session.index, app.session.page) == (4, 0)
        await pilot.press("pageup")
        assert (app.session.index, app.session.page) == (3, pages - 1)
        await pilot.resize_terminal(200, 55)
        await until(pilot, lambda: app.slide_screen.slide_size == (196, 54))  # laid out again, once drawn
        assert app.session.pages == 1  # the wide window takes the whole passage
        assert app.session.page == 0
        assert "Paragraph 4." in slide_text(app)


async def test_the_question_is_drawn_large_on_a_wide_screen(program: Program) -> None:
    app, _ = make_app(program)
    async with presenting(app, size=(200, 55)) as pilot:
        await pilot.press("2", "enter")
        page = app.slide_screen.current_page()
        assert page.fit.big_prompt
        assert "How are you arriving today?" not in slide_text(app)  # in big letters, not a line of text
        assert "┏" in slide_text(app) or "█" in slide_text(app)


# ---- agenda, keys, notes, theme, quitting ------------------------------------------------------------


async def test_agenda_over_the_slide_only_without_a_notes_window(program: Program) -> None:
    app, clock = make_app(program)
    async with presenting(app, size=SIZE) as pilot:
        await pilot.press("2", "enter")
        clock.advance(10 * 60)
        await pilot.press("right")
        clock.advance(2 * 60)
        await pilot.press("right")
        clock.advance(5 * 60)  # welcome planned 2 minutes
        await pilot.press("right")
        await pilot.press("a")
        assert isinstance(app.screen, AgendaScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == len(app.session.deck)
        welcome = [str(cell) for cell in table.get_row_at(3)]
        assert welcome[1:] == ["Welcome", "On your own", "2 min", "5:00", "+3 min"]
        assert str(table.get_row_at(4)[0]).startswith("▸")
        assert "3 min behind plan" in text_of(app.screen.query_one("#agenda-summary"))
        table.move_cursor(row=8)
        await pilot.press("enter")
        assert not isinstance(app.screen, AgendaScreen)
        assert app.session.index == 8
        await pilot.press("a", "a")
        assert not isinstance(app.screen, AgendaScreen)


async def test_blanking_and_the_clicker_work_over_an_overlay(program: Program) -> None:
    app, _ = make_app(program)
    async with presenting(app, size=SIZE) as pilot:
        await pilot.press("a")
        assert isinstance(app.screen, AgendaScreen)
        await pilot.press("b")
        assert isinstance(app.screen, SlideScreen)
        assert app.screen.has_class("-blank")
        await pilot.press("b", "question_mark")
        assert isinstance(app.screen, KeysScreen)
        await pilot.press("pagedown")
        assert isinstance(app.screen, SlideScreen)
        assert app.session.index == 1


async def test_with_a_notes_window_the_agenda_opens_there(program: Program, tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    app, _ = make_app(program, sync_path=path)
    app.wall = lambda: __import__("time").time()  # the reader's file carries a real modification time
    async with presenting(app, size=SIZE) as pilot:
        touch_reader(path)
        await app.tick()
        assert app.slide_screen.notes_window
        await pilot.press("a")
        assert isinstance(app.screen, SlideScreen)  # nothing over the room's slide
        await app.tick()
        assert not_none(read_state(path)).agenda_open
        await pilot.press("a")
        await app.tick()
        assert not not_none(read_state(path)).agenda_open


async def test_keys_overlay_lists_the_keys_and_fits_80x24(program: Program) -> None:
    app, _ = make_app(program)
    async with presenting(app, size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, KeysScreen)
        table = text_of(app.screen.query_one("#keys-table"))
        for what, keys in strings.KEYS:
            assert what in table and keys in table
        box = app.screen.query_one("#keys-box")
        assert app.screen.region.contains_region(box.region)
        table_widget = app.screen.query_one("#keys-table")
        assert table_widget.region.height == len(strings.KEYS)  # every row drawn, none cut
        await pilot.press("escape")
        assert not isinstance(app.screen, KeysScreen)
        assert app.session.index == 0


async def test_notes_panel_toggles_on_a_single_screen(program: Program) -> None:
    app, _ = make_app(program)
    async with presenting(app, size=SIZE) as pilot:
        panel = app.screen.query_one("#notes-panel")
        assert not panel.display
        await pilot.press("4", "enter", "n")
        assert panel.display
        assert text_of(panel.query_one("#notes-body")) == "Read it aloud."
        assert "A first thought" in text_of(panel.query_one("#notes-next"))
        assert "What brought you here today?" in text_of(panel.query_one("#notes-next"))
        await pilot.press("right")
        # The slide area changed width with the panel: the slide is laid out again once drawn, then shown.
        await until(pilot, lambda: "Then discuss: What surprised you?" in text_of(panel.query_one("#notes-screen")))
        await pilot.press("n")
        assert not panel.display


async def test_theme_switches_while_presenting(program: Program) -> None:
    app, _ = make_app(program, theme="light")
    async with presenting(app, size=SIZE) as pilot:
        assert app.theme == "projector-light"
        await pilot.press("t")
        assert app.theme == "projector-dark"
        await pilot.press("t")
        assert app.theme == "projector-light"


async def test_quitting_needs_two_presses(program: Program) -> None:
    app, clock = make_app(program)
    async with presenting(app, size=SIZE) as pilot:
        await pilot.press("q")
        assert app.is_running
        assert strings.INDICATOR_QUIT in bottom_line(app)
        clock.advance(10)
        await pilot.press("q")  # too late to count as the second press
        assert app.is_running
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


# ---- the notes window follows the presenter ----------------------------------------------------------


async def test_presenter_writes_its_state_and_removes_it_on_exit(program: Program, tmp_path: Path) -> None:
    path = tmp_path / "run" / "state.json"
    app, clock = make_app(program, sync_path=path)
    async with presenting(app, size=SIZE) as pilot:
        await pilot.press("5", "enter", "s")
        clock.advance(30)
        await app.tick()
        state = read_state(path)
        assert state is not None
        assert (state.number, state.title, state.timer, state.timer_state) == (5, "A first thought", "3:30", "running")
        assert state.discussion == "What surprised you?"
        assert state.next_title == "Meaning"
        assert ("prompt", "What brought you here today?") in state.screen
        assert ("prompt", "How much meaning does your work hold right now?") in state.next_screen
        await pilot.press("b")
        await app.tick()
        assert not_none(read_state(path)).blank
    assert not path.exists()


async def test_notes_window_follows_the_presenter_live(program: Program, tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    presenter, clock = make_app(program, sync_path=path)
    notes = NotesApp(path, 1, wall=lambda: 0.0, poll=3600)
    async with presenter.run_test(size=SIZE) as pilot, notes.run_test(size=(90, 30)):
        view = notes.query_one("#notes-window")
        await notes.poll()
        assert strings.NOTES_WAITING.format(day=1) in text_of(view.query_one("#notes-where"))

        await pilot.press("2", "enter")
        await presenter.tick()
        await notes.poll()
        where = text_of(view.query_one("#notes-where"))
        assert where.startswith("Slide 2 of 12   Check-in")
        # The full text of what the room sees, to read aloud: here the check-in question ...
        assert "How are you arriving today?" in text_of(view.query_one("#notes-screen"))
        # ... and all of the next slide, not only its title: the ground rules.
        upcoming = text_of(view.query_one("#notes-next"))
        assert "Ground rules" in upcoming
        assert "What is said here stays here." in upcoming and "Listen more than you speak." in upcoming

        await pilot.press("right", "right")
        await presenter.tick()
        await notes.poll()
        assert "Hello. This is day one." in text_of(view.query_one("#notes-screen"))
        assert text_of(view.query_one("#notes-body")) == "Read it aloud."
        assert "What brought you here today?" in text_of(view.query_one("#notes-next"))
        assert view.query_one("#notes-timer", Digits).value == "2:00"

        await pilot.press("right", "s")
        clock.advance(61)
        await presenter.tick()
        await notes.poll()
        assert "Then discuss: What surprised you?" in text_of(view.query_one("#notes-screen"))
        assert view.query_one("#notes-timer", Digits).value == "2:59"
        assert "Session 1:01" in text_of(view.query_one("#notes-status"))

        await pilot.press("right")  # the timer keeps running on slide 5: the notes say so
        await presenter.tick()
        await notes.poll()
        assert "Slide 5, A first thought: 2:59 left" in text_of(view.query_one("#notes-elsewhere"))

        await pilot.press("9", "9", "enter")
        await presenter.tick()
        await notes.poll()
        assert "There is no slide 99" in text_of(view.query_one("#notes-message"))


async def test_notes_window_shows_the_agenda_with_ahead_or_behind(program: Program, tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    session = PresentSession(build_deck(program, program.modules[0]), clock := FakeClock())
    session.go_to(2)
    clock.advance(4 * 60)
    session.next()
    write_state(path, session.notes_state(written_at=0.0))
    notes = NotesApp(path, 1, wall=lambda: 0.0, poll=3600)
    async with notes.run_test(size=(100, 30)) as pilot:
        view = notes.query_one(NotesView)
        assert "6 min ahead of plan" in text_of(view.query_one("#notes-status"))
        agenda = view.query_one("#notes-agenda")
        assert not agenda.display
        await pilot.press("a")  # the notes window's own key
        assert agenda.display
        assert "Check-in" in text_of(agenda) and "10 min" in text_of(agenda)
        assert "Elapsed 4:00" in text_of(agenda)

        await pilot.press("a")
        assert not agenda.display
        session.agenda_open = True  # the presenter's `a`
        write_state(path, session.notes_state(written_at=0.0))
        await notes.poll()
        assert agenda.display
    assert not reader_path(path).exists()  # the "following" marker goes with the window


async def test_the_agenda_in_the_notes_window_fits_its_column(tmp_path: Path, shipped: Program) -> None:
    session = PresentSession(build_deck(shipped, shipped.modules[0]), FakeClock())
    session.go_to(14)  # "The parts that feel like you": the longest titles are in the table
    session.agenda_open = True
    path = tmp_path / "state.json"
    write_state(path, session.notes_state(written_at=0.0))
    notes = NotesApp(path, 1, wall=lambda: 0.0, poll=3600)
    async with notes.run_test(size=(130, 40)) as pilot:
        agenda = notes.query_one("#notes-agenda")
        for size in ((130, 40), (100, 30), (80, 24), (200, 50)):  # two columns, one column, the smallest
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.pause()
            table = text_of(agenda).split("\n")[1:-1]  # the header and the rows, without title and summary
            assert max(len(line) for line in table) <= agenda.content_size.width, size  # no row wraps
            assert "The parts that feel" in text_of(agenda)


async def test_notes_window_says_when_the_presenter_has_gone_quiet(program: Program, tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    session = PresentSession(build_deck(program, program.modules[0]), FakeClock())
    write_state(path, session.notes_state(written_at=100.0))
    notes = NotesApp(path, 1, wall=lambda: 200.0)
    async with notes.run_test(size=(90, 30)):
        status = notes.query_one("#notes-status")
        assert status.has_class("-stale")
        assert strings.NOTES_STALE in text_of(status)


# ---- content is shown as text, never as markup -----------------------------------------------------


async def test_markup_in_content_is_shown_literally(mini_program_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "mini"
    shutil.copytree(mini_program_dir, folder)
    one = folder / "one.toml"
    one.write_text(
        one.read_text()
        .replace('title = "A first thought"', 'title = "[bold red]Loud[/] [@click=app.quit]x[/]"')
        .replace('"What brought you here today?"', '"What [/] brought [b]you[/b] here, and é what else?"')
    )
    program = load_program(folder)
    app, _ = make_app(program)
    async with presenting(app, size=SIZE) as pilot:
        await pilot.press("5", "enter", "n")
        assert "What [/] brought [b]you[/b] here, and é what else?" in slide_text(app)
        assert "[@click=app.quit]" in slide_text(app)
        assert "[@click=app.quit]" in text_of(app.screen.query_one("#status-left"))
        await pilot.click("#page")
        assert app.is_running


async def test_a_second_presenter_of_the_same_day_is_told_in_the_notes(
    program: Program, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "state.json"
    session = PresentSession(build_deck(program, program.modules[0]), FakeClock())
    write_state(path, session.notes_state(written_at=0.0))  # fresh: wall clock is 0.0 in make_app

    def slow_read(state_path: Path) -> NotesState | None:
        time.sleep(0.3)  # a busy machine: the slide is drawn before the shared state is read
        return read_state(state_path)

    monkeypatch.setattr(present_app, "read_state", slow_read)
    app, _ = make_app(program, sync_path=path)
    async with presenting(app, size=SIZE) as pilot:
        # Shown as soon as the state is read, not at the next tick (which never comes here: tick=3600).
        await until(pilot, lambda: strings.INDICATOR_OTHER_PRESENTER in bottom_line(app))
        assert app.session.message() == strings.ALREADY_PRESENTING
        assert not app._notifications
