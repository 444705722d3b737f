"""The app shows the earlier answers a question refers to above it, and a step's sources on F2."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from tests.test_tui_reach import SMALL, assert_complete, fill, hidden_part
from tests.tui_helpers import build_app, frozen, open_step, screen_text, until, wait_for_journal
from workshop.answers import ItemsValue
from workshop.content.models import Program
from workshop.tui.screens.notice import Notice
from workshop.tui.widgets.look_back import LookBack
from workshop.tui.widgets.text_steps import WritingArea

HOSTILE = "[bold]Boards[/] <b>exam</b> \x1b[31m[@click=app.quit]"


async def test_earlier_answers_sit_above_the_question_and_the_answer_box_keeps_the_focus(
    tmp_path: Path, shipped: Program
) -> None:
    app = build_app(shipped, tmp_path / "data", clock=frozen)
    async with app.run_test(size=SMALL) as pilot:
        await wait_for_journal(pilot)
        assert app.journal is not None
        run = app.journal.current_run() or app.journal.new_run()
        run.set_answer("day-1-achievement", "milestone-inventory", ItemsValue((HOSTILE, "Consultant post")))
        screen = await open_step(pilot, "milestone-afterglow")
        look_back = screen.query_one(LookBack)
        question = screen.query_one(".question", Static)
        view = screen.current_view()
        assert view is not None
        assert list(view.children).index(look_back) < list(view.children).index(question)
        assert look_back.region.bottom <= question.region.y
        assert isinstance(screen.focused, WritingArea)
        shown = screen_text(app)
        assert "Day 1 · A milestone inventory" in shown
        assert "[bold]Boards[/] <b>exam</b>" in shown  # as typed: no markup, no live action
        assert "\x1b" not in shown
        await pilot.press("a", "b", "c")
        await until(pilot, lambda: screen.query_one(WritingArea).text == "abc")
        assert look_back.has_focus is False
        await pilot.press("shift+tab")  # the keyboard can reach the box, to scroll it
        await until(pilot, lambda: look_back.has_focus)


async def test_a_step_that_looks_back_at_nothing_written_says_so(tmp_path: Path, shipped: Program) -> None:
    app = build_app(shipped, tmp_path / "data", clock=frozen)
    async with app.run_test(size=SMALL) as pilot:
        await wait_for_journal(pilot)
        screen = await open_step(pilot, "small-realignment")
        text = screen_text(app)
        assert "Day 1 · Your ranked values" in text or "Day 1 ·" in text
        assert "(nothing written here yet)" in text
        assert not screen.query("#recap-items")  # not a recap: only the compact box


async def test_every_step_that_looks_back_is_complete_at_80x24(tmp_path: Path, shipped: Program) -> None:
    steps = [(module, step) for module in shipped.modules for step in module.steps if step.look_back]
    assert len(steps) >= 9
    app = build_app(shipped, tmp_path / "data", clock=frozen)
    async with app.run_test(size=SMALL) as pilot:
        await wait_for_journal(pilot)
        fill(app, shipped)  # long answers everywhere: the look-back boxes have more than they show
        assert app.journal is not None
        run = app.journal.current_run()
        assert run is not None
        scrolling = []
        for module, step in steps:
            run.clear_answer(module.id, step.id)  # opened fresh: nothing written here yet
            screen = await open_step(pilot, step.id)
            # The question and the whole field the user types in are in view as the step opens...
            assert hidden_part(screen, screen.query_one(".question")) is None, step.id
            assert screen.focused is not None and hidden_part(screen, screen.focused) is None, step.id
            # ...with the focus in the step's own field, never in the box of earlier answers above it...
            assert not isinstance(screen.focused, LookBack), step.id
            # ...and the earlier answers that do not fit scroll, within reach of the keyboard.
            await assert_complete(pilot, step.id)
            if screen.query_one(LookBack).max_scroll_y > 0:
                scrolling.append(step.id)
        assert len(scrolling) >= 6, scrolling


async def test_f2_shows_the_sources_of_a_step_in_full(tmp_path: Path, shipped: Program) -> None:
    app = build_app(shipped, tmp_path / "data", clock=frozen)
    async with app.run_test(size=SMALL) as pilot:
        await wait_for_journal(pilot)
        screen = await open_step(pilot, "identity-reading")
        line = screen.query_one(".sources-line", Static)
        assert str(line.render()) == "This step cites 4 sources: F2 shows the full references."
        assert screen.check_action("sources", ()) is True
        await pilot.press("f2")
        await until(pilot, lambda: isinstance(app.screen, Notice))
        notice = app.screen
        assert isinstance(notice, Notice)
        assert "Sources: More than tired" in screen_text(app)
        assert notice.body.startswith("1. Maslach C, Schaufeli WB, Leiter MP. Job burnout.")
        assert "3. Shanafelt TD, et al." in notice.body
        assert "https://doi.org/10.1016/j.mayocp.2024.11.031" in notice.body
        await assert_complete(pilot, "the sources of a reading")  # the four scroll, within reach
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is screen)
        # A step that cites nothing: no line, no key in the footer, and F2 does nothing.
        screen = await open_step(pilot, "milestone-afterglow")
        assert not screen.query(".sources-line")
        assert screen.check_action("sources", ()) is False
        await pilot.press("f2")
        await pilot.pause()
        assert app.screen is screen
