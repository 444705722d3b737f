"""A facilitator's clicker through every slide of every day of the shipped program, at the window sizes a
room uses: PageDown to the end, PageUp back to the start. Every press moves (to the next page of a long
slide, or to the next slide), and every page is fully on screen: nothing scrolled, nothing cut.

``test_present_layout.py`` checks that the pages hold every word of each slide; this file checks that
what the app draws is exactly those pages, inside the window.
"""

from __future__ import annotations

import pytest
from textual.geometry import Region
from textual.widget import Widget

from workshop.content.models import Program
from workshop.present.app import PresentApp, SlideScreen
from workshop.present.deck import build_deck
from workshop.present.timer import FakeClock
from workshop.present.widgets import SlideView, TimerBox, line_content

SIZES = [(80, 24), (100, 30), (120, 35), (200, 55)]


@pytest.fixture(scope="module")
def shipped() -> Program:
    from workshop import paths
    from workshop.content.loader import load_program

    return load_program(paths.shipped_program_dir())


def assert_page_fully_visible(app: PresentApp, label: str) -> None:
    """The page on screen is the laid-out page, and every part of it lies inside the window."""
    screen = app.screen
    assert isinstance(screen, SlideScreen), label
    view = screen.query_one(SlideView)
    page = screen.current_page()
    window = Region(0, 0, *app.size)
    # What the page widget holds is the whole laid-out page, line for line.
    text = screen.query_one("#page")
    rendered = str(text.render()).split("\n")
    assert rendered == [line_content(line).plain for line in page.lines], label
    # Nothing scrolls, and no part of the slide lies outside the slide area or the window.
    for widget in (view, *view.query("*")):
        assert isinstance(widget, Widget)
        if not widget.display or not widget.is_mounted:
            continue
        assert widget.scroll_offset == (0, 0), f"{label}: {widget} is scrolled"
        assert not widget.show_vertical_scrollbar and not widget.show_horizontal_scrollbar, label
        if widget.region.area:
            assert window.contains_region(widget.region), f"{label}: {widget} leaves the window"
            assert view.region.contains_region(widget.region), f"{label}: {widget} is cut by the slide area"
    assert text.region.height == len(page.lines), f"{label}: the page's lines do not all show"
    timer = screen.query_one(TimerBox)
    if app.session.slide.timed:
        assert timer.display and timer.region.area, f"{label}: the countdown is missing"
        expected = 1 if page.fit.timer == "compact" else 5 + (1 if app.session.slide.phases else 0) + 1
        assert timer.region.height == expected, f"{label}: the countdown takes other rows than planned"


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("day", [1, 2, 3, 4])
async def test_the_clicker_walks_every_slide_and_back(shipped: Program, day: int, size: tuple[int, int]) -> None:
    deck = build_deck(shipped, shipped.modules[day - 1])
    app = PresentApp(deck, clock=FakeClock(), wall=lambda: 0.0, tick=3600)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        session = app.session
        visited = [(session.index, session.page)]
        assert_page_fully_visible(app, f"day {day} at {size}, slide 1")
        while (session.index, session.page) != (len(deck) - 1, session.pages - 1):
            await pilot.press("pagedown")
            here = (session.index, session.page)
            assert here > visited[-1], f"day {day} at {size}: PageDown stayed on slide {here[0] + 1}"
            visited.append(here)
            assert_page_fully_visible(app, f"day {day} at {size}, slide {here[0] + 1} page {here[1] + 1}")
        assert {index for index, _ in visited} == set(range(len(deck)))  # every slide, the last one too
        await pilot.press("pagedown")
        assert (session.index, session.page) == visited[-1]  # the end is the end

        back = [visited[-1]]
        while (session.index, session.page) != (0, 0):
            await pilot.press("pageup")
            here = (session.index, session.page)
            assert here < back[-1], f"day {day} at {size}: PageUp stayed on slide {here[0] + 1}"
            back.append(here)
        assert back == visited[::-1]  # back through exactly the same pages
