"""The input path, driven faster than Pilot likes: keys posted all at once, the way a terminal delivers
them, with no pause for the screen to catch up. Every key must end up where the user meant it."""

from __future__ import annotations

import asyncio
import signal
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.widgets import Input, TextArea

from tests.expect import not_none, value_as
from tests.tui_helpers import build_app, held_back, open_step, settle, until, wait_for_journal
from workshop.answers import CommitmentValue, IntegerValue, ItemsValue, TextValue
from workshop.content.loader import load_program
from workshop.content.models import Program
from workshop.journal.store import Journal
from workshop.tui.app import WorkshopApp
from workshop.tui.keys import HOLD_LIMIT, KeyGate
from workshop.tui.screens.day import DayScreen
from workshop.tui.screens.home import HomeScreen
from workshop.tui.screens.review import ReviewScreen
from workshop.tui.widgets import text_steps
from workshop.tui.widgets.field import Field

CHARACTER_KEYS = {" ": "space", ".": "full_stop", ",": "comma"}


def type_at_once(app: Any, *keys: str) -> None:
    """Post every key to the app in one go: no waiting between them, as from a real terminal.

    A key longer than one character is a key name (``ctrl+n``, ``enter``); a one-character key is typed.
    """
    for key in keys:
        if len(key) == 1:
            app.post_message(events.Key(CHARACTER_KEYS.get(key, key), key))
        else:
            app.post_message(events.Key(key, "\r" if key == "enter" else None))


def text(app: Any, *words: str) -> tuple[str, ...]:
    return tuple(character for word in words for character in word)


async def test_keys_typed_while_steps_change_reach_the_step_they_were_typed_for(
    tmp_path: Path, mini_program_dir: Path
) -> None:
    app = build_app(mini_program_dir, tmp_path / "data")
    async with app.run_test() as pilot:
        await wait_for_journal(pilot)
        await open_step(pilot, "welcome")
        type_at_once(
            app,
            "ctrl+n",
            *text(app, "straight after next"),
            "ctrl+n",
            "7",
            "ctrl+n",
            "ctrl+b",
            "ctrl+b",
            *text(app, ", then back"),
            "ctrl+n",  # and on: the step is done with every word typed in it
        )
        # On the scale again (it is there on the way back too), with no key still waiting.
        await until(
            pilot,
            lambda: (
                isinstance(app.screen, DayScreen)
                and app.screen.walk.step.id == "meaning-now"
                and not app.key_gate.busy
            ),
        )
        run = app.current_run
        assert run is not None
        answer = run.answer("first-thought")
        assert answer is not None and answer.value == TextValue("straight after next, then back")
        assert "first-thought" in run.done_steps("one")
        score = run.answer("meaning-now")
        assert score is not None and value_as(score, IntegerValue).value == 7


@pytest.mark.parametrize("key", ["c", "enter"])  # Enter: home's page has the focus, Continue is the default
async def test_keys_typed_as_a_day_opens_from_home_reach_its_step(
    tmp_path: Path, mini_program_dir: Path, key: str
) -> None:
    app = build_app(mini_program_dir, tmp_path / "data")
    async with app.run_test() as pilot:
        await wait_for_journal(pilot)
        await open_step(pilot, "first-thought")
        await pilot.press("escape")
        await settle(pilot)
        type_at_once(app, key, *text(app, "typed as it opened"))  # Continue, and straight on typing
        await until(pilot, lambda: "opened" in getattr(app.focused, "text", ""))
        screen = app.screen
        assert isinstance(screen, DayScreen) and screen.walk.step.id == "first-thought"
        assert screen.query_one(TextArea).text == "typed as it opened"


async def test_enter_then_text_at_once_goes_to_the_next_line(tmp_path: Path, mini_program_dir: Path) -> None:
    app = build_app(mini_program_dir, tmp_path / "data")
    async with app.run_test() as pilot:
        await wait_for_journal(pilot)
        await open_step(pilot, "five-things")
        type_at_once(app, *text(app, "walks"), "enter", *text(app, "music"), "enter", *text(app, "sleep"))
        await until(pilot, lambda: getattr(app.focused, "value", "") == "sleep")
        await open_step(pilot, "one-step")
        # An if-then plan: the moment first, then Enter, then the action, then Enter, then the date.
        type_at_once(app, *text(app, "Thursday"), "enter", *text(app, "a real lunch"), "enter", *text(app, "2026-03-05"))
        await until(pilot, lambda: getattr(app.focused, "value", "") == "2026-03-05")
        run = app.current_run
        assert run is not None
        items, plan = run.answer("five-things"), run.answer("one-step")
        assert items is not None and items.value == ItemsValue(("walks", "music", "sleep", "", ""))
        assert plan is not None and plan.value == CommitmentValue("a real lunch", "Thursday", "2026-03-05")


async def test_corrections_typed_fast_in_a_line_land_where_they_were_typed(
    tmp_path: Path, mini_program_dir: Path
) -> None:
    # Textual runs an Input's own keys (backspace, home, ctrl+u...) once they have bubbled up to the app,
    # after the letters typed behind them: "river", two backspaces and "ver" came out "riverv", and ctrl+u
    # then a new line wiped the new line too. Found typing in tmux right after ctrl+n.
    app = build_app(mini_program_dir, tmp_path / "data")
    async with app.run_test() as pilot:
        await wait_for_journal(pilot)
        await open_step(pilot, "five-things")
        type_at_once(app, *text(app, "river"), "backspace", "backspace", *text(app, "ver"), "enter")
        type_at_once(app, *text(app, "gone"), "ctrl+u", *text(app, "kept"), "home", *text(app, "all "))
        await until(pilot, lambda: getattr(app.focused, "value", "") == "all kept")
        await open_step(pilot, "one-step")
        # Undo takes back the word typed after the backspace ("ay"), then "y" and on to the action.
        type_at_once(app, *text(app, "Thursdy"), "backspace", *text(app, "ay"), "ctrl+z", *text(app, "y"))
        type_at_once(app, "enter", *text(app, "a walk"))
        await until(pilot, lambda: getattr(app.focused, "value", "") == "a walk")
        run = app.current_run
        assert run is not None
        items, plan = run.answer("five-things"), run.answer("one-step")
        assert items is not None and items.value == ItemsValue(("rivver", "all kept", "", "", ""))
        assert plan is not None and plan.value == CommitmentValue("a walk", "Thursdy")


async def test_coming_back_to_a_filled_line_keeps_it_and_types_at_its_end(
    tmp_path: Path, mini_program_dir: Path
) -> None:
    app = build_app(mini_program_dir, tmp_path / "data")
    async with app.run_test() as pilot:
        await wait_for_journal(pilot)
        run = not_none(app.journal).new_run()
        run.set_answer("one", "five-things", ItemsValue(("walks", "music")))
        run.set_answer("one", "one-step", CommitmentValue("a real lunch", "Thursday"))
        for step_id, field_id, typed in [
            ("five-things", "item-1", " by the river"),
            ("one-step", "when", " after clinic"),
        ]:
            screen = await open_step(pilot, step_id)
            field = screen.query_one(f"#{field_id}", Input)
            assert field.has_focus
            assert field.selection.is_empty and field.cursor_position == len(field.value)
            type_at_once(app, *text(app, typed))
            await until(pilot, lambda field=field, typed=typed: field.value.endswith(typed))  # type: ignore[misc]  # python/mypy#15459: a lambda binding the loop's variables as defaults
        items, plan = run.answer("five-things"), run.answer("one-step")
        assert items is not None and items.value == ItemsValue(("walks by the river", "music", "", "", ""))
        assert plan is not None and plan.value == CommitmentValue("a real lunch", "Thursday after clinic")


async def test_ctrl_q_right_after_typing_saves_every_word(tmp_path: Path, mini_program_dir: Path) -> None:
    data_dir = tmp_path / "data"
    app = build_app(mini_program_dir, data_dir)
    sentence = "Some days I forget why I chose this, and then a patient reminds me."
    async with app.run_test() as pilot:
        await wait_for_journal(pilot)
        await open_step(pilot, "first-thought")
        type_at_once(app, *text(app, sentence), "ctrl+q")
        await until(pilot, lambda: app.return_code is not None)
    app = build_app(mini_program_dir, data_dir)
    async with app.run_test() as pilot:
        await wait_for_journal(pilot)
        run = app.current_run
        assert run is not None
        answer = run.answer("first-thought")
        assert answer is not None and answer.value == TextValue(sentence)


async def test_ctrl_z_undoes_in_every_text_box(tmp_path: Path, mini_program_dir: Path) -> None:
    app = build_app(mini_program_dir, tmp_path / "data")
    async with app.run_test() as pilot:
        await wait_for_journal(pilot)
        screen = await open_step(pilot, "five-things")
        field = screen.query_one("#item-1", Field)
        await pilot.press(*"first words", "ctrl+z")
        assert field.value == "first "
        await pilot.press("ctrl+z")
        assert field.value == ""
        await pilot.press("ctrl+y")
        assert field.value == "first "
        screen = await open_step(pilot, "first-thought")
        area = screen.query_one(TextArea)
        await pilot.press(*"a reflection", "ctrl+z")  # the reflection box undoes a burst of typing at once
        assert area.text == ""
        await pilot.press("ctrl+y")
        assert area.text == "a reflection"


async def test_keys_typed_while_the_journal_opens_wait_for_the_step(tmp_path: Path, program: Program) -> None:
    # "c" before the journal is open is remembered; what is typed after it must not reach home, where
    # letters are keys ("r" opens the review, "n" a new run), but the step, once it is open.
    deferred, release = held_back(program)
    app = build_app(deferred, tmp_path / "data")
    async with app.run_test() as pilot:
        await pilot.pause(0.1)
        type_at_once(app, "c", "ctrl+n", *text(app, "i remember the night shifts"))
        await pilot.pause(0.2)
        assert not app.program_loaded
        release.set()
        await wait_for_journal(pilot)
        await until(pilot, lambda: "shifts" in getattr(app.focused, "text", ""))
        screen = app.screen
        assert isinstance(screen, DayScreen) and screen.walk.step.id == "first-thought"
        assert screen.query_one(TextArea).text == "i remember the night shifts"
        assert app.journal is not None and len(app.journal.runs) == 1


async def test_a_day_that_opens_on_a_reading_is_not_held_back_by_it(
    tmp_path: Path, mini_program_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A reading counts as open once Markdown has built it and the screen has measured it (text_steps.py).
    # When the day opens on the reading, the step is built while the screen is still mounting, and the
    # screen measures nothing until that ends: the day waited out BUILD_LIMIT (a second) every time
    # before it showed. With the limit at a minute, the keys typed as the day opens must still land.
    monkeypatch.setattr(text_steps, "BUILD_LIMIT", 60.0)
    app = build_app(mini_program_dir, tmp_path / "data")
    async with app.run_test() as pilot:
        await wait_for_journal(pilot)
        type_at_once(app, "c", "ctrl+n", *text(app, "on at once"))  # day 1 opens on its welcome, a reading
        await until(pilot, lambda: "once" in getattr(app.focused, "text", ""), seconds=20)
        screen = app.screen
        assert isinstance(screen, DayScreen) and screen.walk.step.id == "first-thought"
        assert screen.query_one(TextArea).text == "on at once"


@pytest.mark.parametrize("review_ahead", [False, True], ids=["review-built-on-r", "review-built-ahead"])
async def test_r_pressed_while_the_journal_opens_opens_the_review_and_the_search_keys_follow(
    tmp_path: Path, program: Program, review_ahead: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # On a long history the journal takes a moment to open after the first screen: r pressed then did
    # nothing at all, and the letters after it were keys on home. The first start after a copy of twenty
    # years takes seconds, longer than a step's hold (HOLD_LIMIT): the keys still wait for the page. (The
    # app builds the review as it starts; the tests build it on r unless they ask.)
    # Every hold here lasts a tenth of what the app asks for, so that waiting past a step's hold takes a
    # fraction of a second: the hold the keys get must be asked for as longer than HOLD_LIMIT, and be kept.
    asked: list[float] = []
    hold_keys = WorkshopApp.hold_keys

    def a_tenth(self: WorkshopApp, limit: float = HOLD_LIMIT) -> None:
        asked.append(limit)
        hold_keys(self, limit / 10)

    monkeypatch.setattr(WorkshopApp, "hold_keys", a_tenth)
    deferred, release = held_back(program)
    app = build_app(deferred, tmp_path / "data", review_ahead=review_ahead)
    async with app.run_test() as pilot:
        await pilot.pause(0.1)
        type_at_once(app, "r", "ctrl+f", *text(app, "night"))
        # Once "r" has been handled (not ``until``: it settles, and the journal's worker waits for release).
        deadline = time.monotonic() + 10
        while not asked and time.monotonic() < deadline:
            await pilot.pause(0.005)
        await pilot.pause(HOLD_LIMIT / 10 + 0.3)  # a step's hold, so shortened, is over by now
        assert asked and max(asked) > HOLD_LIMIT, asked  # the keys were held for longer than a step's hold
        assert not app.program_loaded
        assert isinstance(app.screen, HomeScreen)  # no letter was taken as a key on home meanwhile
        release.set()
        await wait_for_journal(pilot)
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        box = app.screen.query_one("#search", Input)
        await until(pilot, lambda: box.value == "night")
        assert box.has_focus


def test_the_gate_hands_keys_on_in_the_order_they_were_typed() -> None:
    gate = KeyGate()
    a, b, c, d = (events.Key(key, key) for key in "abcd")
    assert not gate.keep(a)  # not holding: the key goes its way
    gate.hold()
    assert gate.keep(a) and gate.keep(b) and gate.busy
    gate.open()
    assert gate.next_to_hand_on() is a
    gate.hold()  # "a" began another change (it was ctrl+n): "b" waits for it, ahead of what comes next
    assert gate.next_to_hand_on() is None
    assert gate.keep(c)
    gate.open()
    assert [gate.next_to_hand_on() for _ in range(3)] == [b, c, None]
    assert not gate.busy
    forwarded = events.Key("d", "d")
    forwarded._set_forwarded()
    gate.hold()
    assert not gate.keep(forwarded) and gate.keep(d)  # a key already given to a widget is not taken back


class NoWatchdog:
    """Stands in for the watchdog timer, which would end the test process itself."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        self.daemon = True

    def start(self) -> None:
        pass


async def test_a_terminal_closed_as_a_step_opens_keeps_what_was_typed_for_it(
    tmp_path: Path, mini_program_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(threading, "Timer", NoWatchdog)
    build = DayScreen._build_step

    async def slowly(screen: DayScreen) -> None:  # a busy machine: the step takes a moment to open
        await asyncio.sleep(0.3)
        await build(screen)

    monkeypatch.setattr(DayScreen, "_build_step", slowly)
    data_dir = tmp_path / "data"
    app = build_app(mini_program_dir, data_dir)
    async with app.run_test() as pilot:
        await wait_for_journal(pilot)
        await open_step(pilot, "first-thought")
        await pilot.press("escape")
        await settle(pilot)
        # Continue, words straight away, and the terminal closes (SIGHUP) while the step is opening.
        type_at_once(app, "c", *text(app, "closing the lid mid-wo"))
        for _ in range(100):  # until the words are held for the step, then the terminal goes
            if app.key_gate.busy:
                break
            await asyncio.sleep(0.005)
        app._on_stop_signal(signal.SIGHUP)
        await until(pilot, lambda: app.journal is None)  # saved, and the lock let go
    program = load_program(mini_program_dir)
    with Journal.open(data_dir, program, lock=False) as journal:
        answer = journal.runs[0].answer("first-thought")
        assert answer is not None and answer.value == TextValue("closing the lid mid-wo")


async def test_end_at_once_on_a_long_reading_reaches_its_last_line(tmp_path: Path, shipped_program_dir: Path) -> None:
    # A passage is built some time after its step opens: End in the same breath as ctrl+n must still go
    # to the end of the whole passage, not to where it had grown to.
    app = build_app(shipped_program_dir, tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_journal(pilot)
        await open_step(pilot, "meaning-scale-day-1")  # the step before the day's first long reading
        type_at_once(app, "ctrl+n", "end")
        await until(
            pilot,
            lambda: (
                isinstance(app.screen, DayScreen)
                and app.screen.walk.step.id == "achievement-reading"
                and not app.key_gate.busy
            ),
        )
        await settle(pilot)
        body = app.screen.query_one("#step-body")
        assert body.max_scroll_y > 0, "the passage fits at 80x24: the test needs a longer one"
        await until(pilot, lambda: body.scroll_y == body.max_scroll_y)  # the scroll lands at a redraw
        assert body.scroll_y == body.max_scroll_y


async def test_tab_and_shift_tab_typed_with_words_move_between_fields_in_order(
    tmp_path: Path, mini_program_dir: Path
) -> None:
    # Tab was Textual's own binding, run once the key had bubbled up from the field: the words typed
    # behind it went into the field being left ("walk at lunch", Tab, "take the stairs" was saved as one
    # "When"). Found by typing in tmux.
    app = build_app(mini_program_dir, tmp_path / "data")
    async with app.run_test() as pilot:
        await wait_for_journal(pilot)
        await open_step(pilot, "one-step")
        type_at_once(app, *text(app, "Thursday"), "tab", *text(app, "a real lunch"), "shift+tab", *text(app, " noon"))
        await until(pilot, lambda: getattr(app.focused, "value", "") == "Thursday noon")
        await open_step(pilot, "five-things")
        type_at_once(app, *text(app, "walks"), "tab", *text(app, "music"), "tab", *text(app, "sleep"))
        await until(pilot, lambda: getattr(app.focused, "value", "") == "sleep")
        run = not_none(app.current_run)
        items, plan = run.answer("five-things"), run.answer("one-step")
        assert plan is not None and plan.value == CommitmentValue("a real lunch", "Thursday noon")
        assert items is not None and items.value == ItemsValue(("walks", "music", "sleep", "", ""))
