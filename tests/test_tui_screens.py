"""What the screens say and offer, driven with keys: honest progress, the keys on show, the review, the
choices, at 80x24 where it matters."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from textual.content import Content
from textual.widgets import Button, Input, OptionList, TextArea

from tests.expect import not_none
from tests.tui_helpers import build_app, frozen, open_step, screen_text, settle, until, wait_for_journal
from workshop.answers import ChoicesValue, IntegerValue, RankedValue, TextValue
from workshop.content.models import Program
from workshop.tui.commands import WorkshopCommands
from workshop.tui.screens.day import DayScreen
from workshop.tui.screens.end_of_day import EndOfDayScreen
from workshop.tui.screens.home import HomeScreen
from workshop.tui.screens.review import MATCH_STYLE, ReviewScreen
from workshop.tui.widgets.rank import RankView

SMALL = (80, 24)


def rows(app: Any) -> list[str]:
    return screen_text(app).splitlines()


async def test_a_skipped_step_is_never_called_complete(tmp_path: Path, mini_program_dir: Path) -> None:
    app = build_app(mini_program_dir, tmp_path / "data")
    async with app.run_test(size=SMALL) as pilot:
        await wait_for_journal(pilot)
        await pilot.press("c", "ctrl+n", "ctrl+o")  # the first question is skipped
        await settle(pilot)
        run = app.current_run
        assert run is not None
        day = app.program.modules[0]
        for step in day.steps[2:-1]:  # the steps between done, as if walked through
            run.mark_done(day.id, step.id)
        app.routes.open_day(day, len(day.steps) - 1)
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        end = app.screen
        assert isinstance(end, EndOfDayScreen)
        assert "Day 1: 7 of 8 steps done" in screen_text(app)
        assert "is complete" not in screen_text(app)
        assert "A first thought" in screen_text(app)  # named as still open
        await pilot.press("escape")
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert "7 of 8, 1 skipped" in screen_text(app)
        assert str(home.query_one("#continue", Button).label) == "Continue: day 1, step 2"
        palette = {str(hit.text): hit.help async for hit in WorkshopCommands(home).discover()}
        assert "Continue: day 1, step 2" in palette
        assert palette["Go to day 1: Day one"] == "7 of 8, 1 skipped"
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, DayScreen) and app.screen.walk.step.id == "first-thought"


async def test_a_finished_program_says_so_and_offers_what_comes_after(
    tmp_path: Path, mini_program_dir: Path
) -> None:
    app = build_app(mini_program_dir, tmp_path / "data", clock=frozen)
    async with app.run_test(size=SMALL) as pilot:
        await wait_for_journal(pilot)
        run = not_none(app.journal).new_run()
        *days, last_day = app.program.modules
        for module in days:
            for step in module.steps:
                run.mark_done(module.id, step.id)
        for step in last_day.steps[:-1]:
            run.mark_done(last_day.id, step.id)
        app.routes.open_day(last_day, len(last_day.steps) - 1)
        await settle(pilot)
        await pilot.press("ctrl+n")  # the last step of the program
        await settle(pilot)
        assert isinstance(app.screen, EndOfDayScreen)
        assert "Day 2 is complete" in screen_text(app)
        assert "last step of the program" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert not home.query_one("#continue", Button).display
        # The footer shows home's keys once drawn again: the day's footer, or the one being rebuilt, until then.
        await until(pilot, lambda: "r Review" in rows(app)[-1] and "Continue" not in rows(app)[-1])
        text = screen_text(app)
        assert "every day is done" in text and "Continue" not in text
        footer = rows(app)[-1]
        assert "r Review" in footer and "s North star" in footer and "n New run" in footer
        await pilot.press("c", "enter")  # nothing to continue: neither does anything
        await settle(pilot)
        assert app.screen is home


async def test_home_taken_down_as_the_app_closes_is_not_redrawn_by_a_journal_opened_then(
    tmp_path: Path, mini_program_dir: Path
) -> None:
    # A preview reloaded just as it was closed: the journal it reopened was ready once the app had taken
    # home's widgets down, and redrawing the days raised NoMatches, which stopped the app with an error.
    app = build_app(mini_program_dir, tmp_path / "data")
    async with app.run_test() as pilot:
        await wait_for_journal(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        await home.remove_children()  # as the app's close does
        app.routes.refresh_home()  # what the journal's arrival does
        await settle(pilot)
        assert app.is_running


async def test_home_shows_its_keys_f1_explains_them_and_the_header_and_palette_fit(
    tmp_path: Path, shipped: Program
) -> None:
    program = shipped
    app = build_app(program, tmp_path / "data")
    async with app.run_test(size=SMALL) as pilot:
        await wait_for_journal(pilot)
        footer = rows(app)[-1]
        for key in [
            "c Continue",
            "r Review",
            "n New run",
            "i Insight",
            "s North star",
            "^q Quit",
            "^g Support",
        ]:
            assert key in footer
        assert "f1 Keys" in footer
        await pilot.press("f1")
        await settle(pilot)
        text = screen_text(app)
        assert "Read and search your answers" in text and "Begin the program again" in text
        for row in rows(app):
            assert len(row.rstrip()) <= 80
        await pilot.press("escape")
        # The palette: each entry once, and no "Screenshot" (a copy of someone's words left in a file).
        titles = [command.title for command in app.get_system_commands(app.screen)]
        titles += [str(hit.text) async for hit in WorkshopCommands(app.screen).discover()]
        assert "Screenshot" not in titles
        assert titles.count("Keys") == 1
        # The header names the program and the day in 80 columns, whole.
        app.routes.open_day(program.modules[1], 1)
        await settle(pilot)
        header = rows(app)[0]
        assert "Finding the Thread" in header and "Day 2" in header and "…" not in header


async def test_the_end_of_a_day_opens_at_its_top(tmp_path: Path, mini_program_dir: Path) -> None:
    app = build_app(mini_program_dir, tmp_path / "data")
    async with app.run_test(size=SMALL) as pilot:
        await wait_for_journal(pilot)
        run = not_none(app.journal).new_run()
        long = "\n".join(f"line {n}" for n in range(30))
        run.set_answer("one", "first-thought", TextValue(long))
        await open_step(pilot, "one-step")
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, EndOfDayScreen)
        assert app.screen.query_one("#end-body").scroll_y == 0
        assert "Day 1" in rows(app)[1] or "Day 1" in rows(app)[2]


async def test_review_shows_a_whole_answer_marks_matches_and_esc_comes_back_to_the_search(
    tmp_path: Path, mini_program_dir: Path
) -> None:
    app = build_app(mini_program_dir, tmp_path / "data")
    async with app.run_test(size=SMALL) as pilot:
        await wait_for_journal(pilot)
        run = not_none(app.journal).new_run()
        seven = "\n".join(
            ["I wanted to feel useful again."] + [f"line {n}" for n in range(2, 7)] + ["the last line"]
        )
        run.set_answer("one", "first-thought", TextValue(seven))
        run.set_answer("one", "meaning-now", IntegerValue(4))
        app.routes.open_review()
        # The pane reads the highlighted answer once the list has been drawn: seven lines, all shown, none
        # hidden behind "…".
        await until(pilot, lambda: "the last line" in screen_text(app))
        await pilot.press("ctrl+f", *"useful")
        await settle(pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        prompt = review.query_one("#entries", OptionList).get_option_at_index(0).prompt
        assert isinstance(prompt, Content)
        marked = [span for span in prompt.spans if str(span.style) == MATCH_STYLE]
        assert [str(prompt)[span.start : span.end] for span in marked] == ["useful"]
        await pilot.press("enter", "enter")  # to the answers, then open the highlighted one
        await settle(pilot)
        assert isinstance(app.screen, DayScreen) and app.screen.walk.step.id == "first-thought"
        await until(pilot, lambda: "esc Review" in rows(app)[-1])  # the footer, once drawn again
        await pilot.press(*" Edited.", "escape")
        await settle(pilot)
        assert app.screen is review
        assert review.query_one("#search", Input).value == "useful"
        await until(pilot, lambda: "Edited." in screen_text(app))  # in the pane, once the list is drawn


async def test_a_recap_starts_in_a_box_that_is_on_screen(tmp_path: Path, shipped: Program) -> None:
    program = shipped
    app = build_app(program, tmp_path / "data")
    async with app.run_test(size=SMALL) as pilot:
        await wait_for_journal(pilot)
        run = not_none(app.journal).new_run()
        long = "\n".join(f"an earlier line {n}" for n in range(12))
        recap = next(s for m in program.modules for s in m.steps if s.kind == "recap")
        for source in recap.sources:
            found = program.find_step(source)
            assert found is not None
            if found[1].kind == "prompt":
                run.set_answer(found[0].id, source, TextValue(long))
        screen = await open_step(pilot, recap.id)
        area = screen.query_one(TextArea)
        assert area.has_focus

        def whole_box_shown() -> bool:
            geometry = screen.find_widget(area)
            return geometry.visible_region == geometry.region

        await until(pilot, whole_box_shown)  # scrolled to once the step has been drawn
        await pilot.press(*"typed where it can be seen")
        assert "typed where it can be seen" in screen_text(app)
        await pilot.press("shift+tab")  # back, in reading order: the earlier answers
        box = screen.query_one("#recap-items")
        assert box.has_focus
        await pilot.press("pagedown")
        await until(pilot, lambda: box.scroll_y > 0)  # scrolled once drawn again


def program_with_long_and_exclusive_options(tmp_path: Path, mini_program_dir: Path) -> Path:
    folder = tmp_path / "program"
    shutil.copytree(mini_program_dir, folder)
    module = folder / "one.toml"
    long = "Finding it hard to switch off after work, even on the days that went well enough"
    text = module.read_text(encoding="utf-8").replace(
        'options = ["Numbness", "Irritability", "Guilt"]',
        f'options = ["Numbness", "{long}", "Guilt", "None of these"]\nexclusive = ["None of these"]',
    )
    module.write_text(text, encoding="utf-8")
    return folder


async def test_checklist_marks_read_without_colour_wrap_under_their_text_and_none_stands_alone(
    tmp_path: Path, mini_program_dir: Path, monkeypatch: Any
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = build_app(program_with_long_and_exclusive_options(tmp_path, mini_program_dir), tmp_path / "data")
    async with app.run_test(size=SMALL) as pilot:
        await wait_for_journal(pilot)
        await open_step(pilot, "signs")
        await pilot.press("enter", "down", "space")
        await settle(pilot)
        text = screen_text(app)
        assert "[x] Numbness" in text and "[ ] Guilt" in text and "[ ] None of these" in text
        lines = text.splitlines()
        first = next(i for i, line in enumerate(lines) if "[x] Finding it hard" in line)
        indent = lines[first].index("Finding")
        assert lines[first + 1][:indent].strip(" │▊▎▌▐") == ""  # the wrapped line starts under the text
        assert lines[first + 1][indent : indent + 1].isalpha()
        await pilot.press("down", "down", "enter")  # None of these
        await settle(pilot)
        run = app.current_run
        assert run is not None
        answer = run.answer("signs")
        assert answer is not None and answer.value == ChoicesValue(("None of these",), "")
        assert "[ ] Numbness" in screen_text(app)
        await pilot.press("up", "up", "up", "enter")  # Numbness again: None goes
        await settle(pilot)
        answer = run.answer("signs")
        assert answer is not None and answer.value == ChoicesValue(("Numbness",), "")


async def test_number_keys_give_ten_and_a_sixth_pick_says_why_not(
    tmp_path: Path, mini_program_dir: Path
) -> None:
    app = build_app(mini_program_dir, tmp_path / "data")
    async with app.run_test(size=SMALL) as pilot:
        await wait_for_journal(pilot)
        await open_step(pilot, "meaning-now")
        await pilot.press("1", "0")
        run = app.current_run
        assert run is not None
        answer = run.answer("meaning-now")
        assert answer is not None and answer.value == IntegerValue(10)
        screen = await open_step(pilot, "values")
        await pilot.press("enter", "down", "enter", "down", "enter", "down", "enter")
        await settle(pilot)
        ranked = run.answer("values")
        assert ranked is not None and ranked.value == RankedValue(("Curiosity", "Compassion", "Craft"))
        assert "picked 3 already" in screen_text(app) and "'Family'" in screen_text(app)
        assert isinstance(screen.query_one(RankView), RankView)
