"""One journal, two front ends: a day begun in the plain mode goes on in the full-screen app, and the other
way round, each finding every answer and the place where the other stopped."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button, TextArea

from tests.plain_helpers import journal_answers, plain_process
from tests.tui_helpers import build_app, settle, wait_for_journal
from workshop.answers import ChoicesValue, IntegerValue, TextValue
from workshop.content.loader import load_program
from workshop.tui.screens.day import DayScreen
from workshop.tui.screens.home import HomeScreen


async def test_plain_then_the_app_then_plain_again(tmp_path: Path, mini_program_dir: Path) -> None:
    program = load_program(mini_program_dir)
    data = tmp_path / "data"
    args = ["--plain", "--program", str(mini_program_dir), "--data-dir", str(data)]
    # Plain: day 1 begun, a reflection half written (quit in the middle of it).
    first = plain_process(args, ["", "", "written in plain", "quit"])
    assert first.returncode == 0, first.stderr.decode()

    # The app opens where the plain mode stopped, with the words there to go on writing.
    app = build_app(program, data)
    async with app.run_test() as pilot:
        await wait_for_journal(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert "day 1, step 2" in str(home.query_one("#continue", Button).label)
        await pilot.press("c")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DayScreen)
        assert screen.walk.step.id == "first-thought"
        area = screen.query_one(TextArea)
        assert area.text == "written in plain"
        await pilot.press(*", and in the app")
        await pilot.press("ctrl+n")  # on to the scale
        await settle(pilot)
        await pilot.press("8", "ctrl+n")  # and on to the checklist, where the app is left
        await settle(pilot)
        await pilot.press("ctrl+q")
    assert app.return_code == 0

    # Plain again: Continue comes back to the checklist; the app's answers are all there.
    second = plain_process(args, ["", "1 3", "", "quit"])
    out = second.stdout.decode()
    assert second.returncode == 0, second.stderr.decode()
    assert "1. Continue: day 1, step 4" in out
    assert "Day 1, step 4 of 8\nSigns\n" in out
    answers = journal_answers(data, program)
    assert answers["first-thought"] == TextValue("written in plain, and in the app")
    assert answers["meaning-now"] == IntegerValue(8)
    assert answers["signs"] == ChoicesValue(("Numbness", "Guilt"))
