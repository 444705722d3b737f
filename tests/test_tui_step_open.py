"""Opening a step does no more work than it must: the costs that held the UI tens of milliseconds as each step
opened (issue 20, "No UI stall over 50 ms across a day") stay gone. The timings are in
``bench/bench_typing.py --day``; these tests pin the behaviour that removed them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widget import Widget
from textual.widgets import TextArea

from tests.test_tui_input import text, type_at_once
from tests.tui_helpers import build_app, frozen, open_step, screen_text, until, wait_for_journal
from workshop.answers import IntegerValue, TextValue
from workshop.tui.screens.day import DayScreen
from workshop.tui.widgets.save_status import SaveStatus


async def test_the_body_never_takes_the_focus_between_two_fields(
    tmp_path: Path, mini_program_dir: Path
) -> None:
    # Textual restyles a widget and everything in it when it gains or loses the focus. The body of a step
    # holds the whole step, so it must not take the focus on the way from one field to the next (Textual
    # hands it the focus of a removed field), and the keys typed meanwhile still reach the next field.
    app = build_app(mini_program_dir, tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_journal(pilot)
        screen = await open_step(pilot, "first-thought")
        body = screen.query_one("#step-body")
        focused: list[Widget | None] = []
        set_focus = screen.set_focus

        def recording(widget: Widget | None, *args: Any, **kwargs: Any) -> None:
            focused.append(widget)
            set_focus(widget, *args, **kwargs)

        screen.set_focus = recording  # type: ignore[method-assign]
        await pilot.press(*"first")
        type_at_once(app, "ctrl+n", "7", "ctrl+n")
        await until(pilot, lambda: screen.walk.step.id == "signs" and not app.key_gate.busy)
        assert body not in focused
        assert focused and focused[-1] is app.focused and app.focused is not body
        run = app.current_run
        assert run is not None
        thought, score = run.answer("first-thought"), run.answer("meaning-now")
        assert thought is not None and thought.value == TextValue("first")
        assert score is not None and score.value == IntegerValue(7)


async def test_a_reading_then_a_prompt_gets_every_word(tmp_path: Path, mini_program_dir: Path) -> None:
    # The body has the focus on a reading (to scroll it): it lets go once the reading has gone.
    app = build_app(mini_program_dir, tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_journal(pilot)
        screen = await open_step(pilot, "welcome")
        assert app.focused is screen.query_one("#step-body")
        type_at_once(app, "ctrl+n", *text(app, "straight in"))
        await until(pilot, lambda: "straight in" in getattr(app.focused, "text", ""))
        assert isinstance(app.focused, TextArea) and app.focused.text == "straight in"


async def test_the_save_line_shows_what_it_says_in_full(tmp_path: Path, mini_program_dir: Path) -> None:
    # The line is redrawn without laying the screen out again: its size must not depend on its text.
    app = build_app(mini_program_dir, tmp_path / "data", clock=frozen)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_journal(pilot)
        screen = await open_step(pilot, "first-thought")
        await pilot.press(*"kept")
        await until(pilot, lambda: app.save_status == "Saved 09:30")
        await pilot.pause()
        assert isinstance(screen, DayScreen)
        line = screen.query_one(SaveStatus)
        assert line.size.width > len("Saved 09:30")
        assert "Saved 09:30" in screen_text(app)
