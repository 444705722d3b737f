"""Pilot tests of facilitator mode: clicker keys, the timer, blanking, the agenda, notes following.

Every app here runs on a FakeClock, so time moves only when a test says so; ``app.tick()`` is called
directly instead of waiting for the 4 Hz interval (which is set to an hour here).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import DataTable, Digits, Static

from workshop.content.loader import load_program
from workshop.content.models import Program
from workshop.present import strings
from workshop.present.app import AgendaScreen, KeysScreen, NotesApp, PresentApp
from workshop.present.deck import build_deck
from workshop.present.session import PresentSession
from workshop.present.sync import read_state, write_state
from workshop.present.timer import FakeClock
from workshop.present.widgets import TimerBox

SIZE = (120, 35)


def make_app(program: Program, day: int = 1, **kwargs: object) -> tuple[PresentApp, FakeClock]:
    clock = FakeClock()
    deck = build_deck(program, program.modules[day - 1])
    # tick=3600: the 4 Hz repaint never fires on its own; tests call app.tick() when they mean it.
    app = PresentApp(deck, clock=clock, wall=lambda: 0.0, tick=3600, **kwargs)  # type: ignore[arg-type]
    return app, clock


def text_of(widget: object) -> str:
    return str(widget.render())  # type: ignore[attr-defined]


# ---- clicker keys ----------------------------------------------------------------------------------


async def test_every_next_key_moves_forward(program: Program) -> None:
    app, _ = make_app(program)
    async with app.run_test(size=SIZE) as pilot:
        for expected, key in enumerate(["pagedown", "right", "down", "space", "enter"], start=1):
            await pilot.press(key)
            assert app.session.index == expected, key
        status = app.screen.query_one("#status-left", Static)
        assert text_of(status).startswith("6 / 12")


async def test_every_back_key_moves_back(program: Program) -> None:
    app, _ = make_app(program)
    async with app.run_test(size=SIZE) as pilot:
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


@pytest.mark.parametrize("key", ["b", "full_stop"])
async def test_blanking(program: Program, key: str) -> None:
    app, _ = make_app(program)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right")
        await pilot.press(key)
        screen = app.screen
        assert screen.has_class("-blank")
        assert not screen.query_one("#main").display
        await pilot.press(key)
        assert not screen.has_class("-blank")
        await pilot.press(key, "right")  # a next key brings the slide back without moving on
        assert not screen.has_class("-blank")
        assert app.session.index == 1
        await pilot.press(key, "escape")
        assert not screen.has_class("-blank")
        assert screen.query_one("#main").display


@pytest.mark.parametrize("key", ["f5", "shift+f5"])
async def test_f5_starts_the_show_and_escape_never_quits(program: Program, key: str) -> None:
    app, clock = make_app(program)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(key)
        assert app.session.tracker.started
        assert app.screen.has_class("-bare")
        assert not app.screen.query_one("#status").display
        clock.advance(65)
        await pilot.press("escape")
        assert not app.screen.has_class("-bare")
        await pilot.press("escape", "escape")
        assert app.is_running
        await app.tick()
        assert "1:05" in text_of(app.screen.query_one("#status-right"))


async def test_jump_to_a_slide_by_number(program: Program) -> None:
    app, _ = make_app(program)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "1")
        assert "Go to slide 11" in text_of(app.screen.query_one("#status-left"))
        await pilot.press("enter")
        assert app.session.index == 10
        await pilot.press("3", "g")
        assert app.session.index == 2
        await pilot.press("7", "backspace", "5", "enter")
        assert app.session.index == 4
        await pilot.press("9", "9", "enter")  # no such slide: stay, and say so
        assert app.session.index == 4
        await pilot.press("8", "escape", "enter")  # escape drops the digits; enter is then "next"
        assert app.session.index == 5


# ---- the timer -------------------------------------------------------------------------------------


async def test_timer_start_pause_extend_reset_and_end(program: Program) -> None:
    app, clock = make_app(program)
    async with app.run_test(size=SIZE) as pilot:
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
        await pilot.press("e")  # one more minute brings it back to running
        assert box.has_class("-running")
        await pilot.press("r")
        assert digits.value == "4:00"
        assert box.has_class("-ready")


async def test_untimed_slides_show_no_timer_and_ignore_timer_keys(program: Program) -> None:
    app, _ = make_app(program)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6", "enter", "s", "plus")
        assert not app.screen.query_one("#timer-row").display
        assert app.session.timer is None


# ---- agenda, keys, notes, theme, quitting ------------------------------------------------------------


async def test_agenda_lists_plan_spent_and_overrun_and_jumps(program: Program) -> None:
    app, clock = make_app(program)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "enter")
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


async def test_keys_overlay(program: Program) -> None:
    app, _ = make_app(program)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, KeysScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, KeysScreen)
        assert app.session.index == 0


async def test_notes_panel_toggles_on_a_single_screen(program: Program) -> None:
    app, _ = make_app(program)
    async with app.run_test(size=SIZE) as pilot:
        panel = app.screen.query_one("#notes-panel")
        assert not panel.display
        await pilot.press("4", "enter", "n")
        assert panel.display
        assert text_of(panel.query_one("#notes-body")) == "Read it aloud."
        assert text_of(panel.query_one("#notes-next")) == "Next: A first thought"
        await pilot.press("right")
        assert text_of(panel.query_one("#notes-discussion")) == "Discussion: What surprised you?"
        await pilot.press("n")
        assert not panel.display


async def test_theme_switches_while_presenting(program: Program) -> None:
    app, _ = make_app(program, theme="light")
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme == "projector-light"
        await pilot.press("t")
        assert app.theme == "projector-dark"
        await pilot.press("t")
        assert app.theme == "projector-light"


async def test_quitting_needs_two_presses(program: Program) -> None:
    app, clock = make_app(program)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        assert app.is_running
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
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "enter", "s")
        clock.advance(30)
        await app.tick()
        state = read_state(path)
        assert state is not None
        assert (state.number, state.title, state.timer, state.timer_state) == (5, "A first thought", "3:30", "running")
        assert state.discussion == "What surprised you?"
        assert state.next_title == "Meaning"
        await pilot.press("b")
        await app.tick()
        assert read_state(path).blank  # type: ignore[union-attr]
    assert not path.exists()


async def test_notes_window_follows_the_presenter_live(program: Program, tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    presenter, clock = make_app(program, sync_path=path)
    notes = NotesApp(path, 1, wall=lambda: 0.0, poll=3600)
    async with presenter.run_test(size=SIZE) as pilot, notes.run_test(size=(90, 30)):
        view = notes.query_one("#notes-window")
        await notes.poll()
        assert strings.NOTES_WAITING.format(day=1) in text_of(view.query_one("#notes-where"))

        await pilot.press("4", "enter")
        await presenter.tick()
        await notes.poll()
        assert text_of(view.query_one("#notes-where")).startswith("4 / 12   Welcome")
        assert text_of(view.query_one("#notes-body")) == "Read it aloud."
        assert text_of(view.query_one("#notes-next")) == "Next: A first thought"
        assert view.query_one("#notes-timer", Digits).value == "2:00"

        await pilot.press("right", "s")
        clock.advance(61)
        await presenter.tick()
        await notes.poll()
        assert text_of(view.query_one("#notes-discussion")) == "Discussion: What surprised you?"
        assert view.query_one("#notes-timer", Digits).value == "2:59"
        assert "Session 1:01" in text_of(view.query_one("#notes-status"))


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
        .replace('"What brought you here today?"', '"What [/] brought [b]you[/b] here?"')
    )
    program = load_program(folder)
    app, _ = make_app(program)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "enter", "n")
        assert text_of(app.screen.query_one("#question")) == "What [/] brought [b]you[/b] here?"
        assert "[@click=app.quit]" in text_of(app.screen.query_one("#status-left"))
        await pilot.click("#title")
        assert app.is_running


async def test_a_second_presenter_of_the_same_day_is_warned(program: Program, tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    session = PresentSession(build_deck(program, program.modules[0]), FakeClock())
    write_state(path, session.notes_state(written_at=0.0))  # fresh: wall clock is 0.0 in make_app
    app, _ = make_app(program, sync_path=path)
    said: list[str] = []
    app.notify = lambda message, **_: said.append(message)  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert said == [strings.ALREADY_PRESENTING]
