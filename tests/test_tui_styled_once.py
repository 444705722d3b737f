"""A screen that opens is styled and laid out once, not twice: each is a share of the stall as it opens.

Textual styles each widget as it mounts, then, as a pushed screen first shows, styles the whole screen a
second time, and marks a compact footer's keys compact only once they are mounted (styling each again).
``WorkshopScreen.post_message`` and ``KeysFooter.compose`` leave those second stylings out; these tests
count the stylings, and check that a screen built ahead (whose theme may have changed since) keeps it.
Textual also lays a screen out again on the resize its own first layout sends it, at the same size
(``WorkshopScreen.on_resize`` leaves that out); a real resize of the terminal still lays every screen out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode
from textual.geometry import Size
from textual.screen import Screen
from textual.widgets import Footer, Header
from textual.widgets._footer import FooterKey

from tests.memory_run import MemoryRun
from tests.tui_helpers import build_app, screen_text, settle, wait_for_journal
from workshop.answers import ItemsValue, TextValue
from workshop.content.models import Program
from workshop.flow.day import DaySummary, day_summary
from workshop.flow.describe import describe_value
from workshop.tui.app import WorkshopApp
from workshop.tui.screens.end_of_day import EndOfDayScreen, written_today


@contextmanager
def stylings(app: WorkshopApp) -> Iterator[Counter[DOMNode]]:
    """How many times each node is styled while the block runs."""
    counts: Counter[DOMNode] = Counter()
    stylesheet = app.stylesheet
    original = Stylesheet.apply

    def apply(node: DOMNode, *args: Any, **options: Any) -> None:
        counts[node] += 1
        original(stylesheet, node, *args, **options)

    stylesheet.apply = apply  # type: ignore[method-assign]  # counting only, for this block
    try:
        yield counts
    finally:
        del stylesheet.apply


def finished_day_one(app: WorkshopApp) -> DaySummary:
    run = app.journal.new_run() if app.journal else None
    assert run is not None
    day = app.program.modules[0]
    run.set_answer(day.id, "first-thought", TextValue("the quiet after the exam"))
    return day_summary(run, day)


async def test_the_end_of_the_day_and_its_footer_are_styled_once_as_they_open(
    tmp_path: Path, mini_program_dir: Path
) -> None:
    app = build_app(mini_program_dir, tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_journal(pilot)
        summary = finished_day_one(app)
        with stylings(app) as counts:
            app.push_screen(EndOfDayScreen(summary, last_day=False))
            await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EndOfDayScreen)
        # Outside the page that takes the focus (which restyles what it holds, as Textual does for focus):
        # the header and the footer's keys. Without the two changes each was styled twice.
        header = [screen.query_one(Header), *screen.query_one(Header).query("*")]
        keys = list(screen.query_one(Footer).query(FooterKey))
        assert keys and header
        assert {counts[node] for node in [*header, *keys]} == {1}
        assert all(key.has_class("-compact") for key in keys)
        assert "^n" not in screen_text(app) and "esc Home" in screen_text(app)


async def test_a_screen_composed_when_pushed_is_not_restyled_as_it_shows_but_one_built_ahead_is(
    tmp_path: Path, mini_program_dir: Path
) -> None:
    app = build_app(mini_program_dir, tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_journal(pilot)
        summary = finished_day_one(app)

        ahead = EndOfDayScreen(summary, last_day=False)
        await app.build_ahead(ahead)  # as the review is
        await settle(pilot)
        assert ahead.is_mounted
        header = ahead.query_one(Header)
        with stylings(app) as counts:
            app.push_screen(ahead)
            await settle(pilot)
        assert counts[header] == 1  # styled again as it first shows: a theme may have changed since
        app.pop_screen()
        await settle(pilot)

        fresh = EndOfDayScreen(summary, last_day=False)
        with stylings(app) as counts:
            app.push_screen(fresh)
            await settle(pilot)
        assert counts[fresh.query_one(Header)] == 1  # as it mounted, and not again


def test_the_day_s_answers_show_in_one_text_under_their_titles_a_blank_line_between(program: Program) -> None:
    run = MemoryRun()
    day = program.modules[0]
    run.set_answer(day.id, "first-thought", TextValue("the quiet after the exam"))
    run.set_answer(day.id, "five-things", ItemsValue(("coffee", "a walk")))
    summary = day_summary(run, day)
    (prompt, prompt_answer), (items, items_answer) = summary.answers
    shown = written_today(summary)
    assert shown.plain == "\n".join(
        [
            prompt.title,
            describe_value(prompt_answer.value, prompt),
            "",
            items.title,
            describe_value(items_answer.value, items),
        ]
    )
    assert "coffee" in shown.plain and "a walk" in shown.plain
    bold = [shown.plain[span.start : span.end] for span in shown.spans if "bold" in str(span.style)]
    assert bold == [prompt.title, items.title]


async def test_a_screen_is_laid_out_once_as_it_opens_and_again_when_the_terminal_is_resized(
    tmp_path: Path, mini_program_dir: Path
) -> None:
    app = build_app(mini_program_dir, tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_journal(pilot)
        home = app.screen
        layouts: Counter[str] = Counter()
        original = Screen._refresh_layout

        def refresh_layout(screen: Screen[Any], size: Size | None = None, scroll: bool = False) -> None:
            if size is not None:  # a layout at a size: the screen resumed, or resized
                layouts[type(screen).__name__] += 1
            original(screen, size, scroll)

        Screen._refresh_layout = refresh_layout  # type: ignore[method-assign,assignment]  # counting only
        try:
            end = EndOfDayScreen(finished_day_one(app), last_day=False)
            app.push_screen(end)
            await settle(pilot)
            # Laid out at its size as it first shows; not again on the resize that layout sends it (nor home).
            assert layouts == Counter({"EndOfDayScreen": 1})

            await pilot.resize_terminal(120, 30)
            await settle(pilot)
            assert layouts["EndOfDayScreen"] >= 2 and layouts["HomeScreen"] >= 1
        finally:
            Screen._refresh_layout = original  # type: ignore[method-assign]
        assert end.size == Size(120, 30)
        assert "What you wrote today" in screen_text(app)
        app.pop_screen()
        await settle(pilot)
        assert app.screen is home and home.size == Size(120, 30)
