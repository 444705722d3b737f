"""A facilitator's clicker through every slide of every day of the shipped program, at the window sizes a
room uses: PageDown to the end, PageUp back to the start. Every press moves (to the next page of a long
slide, or to the next slide), and every page is fully on screen: nothing scrolled, nothing cut.

``test_present_layout.py`` checks that the pages hold every word of each slide; this file checks that
what the app draws is exactly those pages, inside the window.

Two halves, so that the walk costs four app starts rather than sixteen:

- the clicker's walk itself (never stuck, every slide, the end is the end, back through the same pages)
  is the session's logic over the pages the layout makes for each window's slide area: plain Python,
  every day at every size, there and back;
- one app per day, resized through every size, pages forward with PageDown and checks that each page it
  draws is the laid-out page, fully visible, and that the slide area it lays out for is the one the plain
  walk used; PageUp and Home are pressed at each size to show the keys reach the same session moves.
"""

from __future__ import annotations

import pytest
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget

from tests.tui_helpers import until
from workshop.content.models import Program
from workshop.present.app import PresentApp, SlideScreen
from workshop.present.deck import Deck, build_deck
from workshop.present.layout import layout_slide
from workshop.present.session import PresentSession
from workshop.present.timer import FakeClock
from workshop.present.widgets import SlideView, TimerBox, line_content

SIZES = [(80, 24), (100, 30), (120, 35), (200, 55)]
DAYS = [1, 2, 3, 4]


def area(size: tuple[int, int]) -> tuple[int, int]:
    """The slide area a window leaves: 2 columns of padding each side, one row for the bottom line (the
    app test below checks that the app lays out for exactly this)."""
    return size[0] - 4, size[1] - 1


def walk_forward(session: PresentSession, label: str) -> list[tuple[int, int]]:
    """PageDown to the end: every press moves forward; returns every (slide, page) visited."""
    deck = session.deck
    visited = [(session.index, session.page)]
    while (session.index, session.page) != (len(deck) - 1, session.pages - 1):
        assert session.next(), f"{label}: PageDown stayed on slide {session.index + 1}"
        here = (session.index, session.page)
        assert here > visited[-1], f"{label}: PageDown went back to slide {here[0] + 1}"
        visited.append(here)
    return visited


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("day", DAYS)
def test_the_clicker_walks_every_slide_and_back(shipped: Program, day: int, size: tuple[int, int]) -> None:
    deck = build_deck(shipped, shipped.modules[day - 1])
    session = PresentSession(deck, FakeClock())
    width, height = area(size)
    session.set_page_counts(lambda index: len(layout_slide(deck[index], width, height)))
    label = f"day {day} at {size}"
    visited = walk_forward(session, label)
    assert {index for index, _ in visited} == set(range(len(deck)))  # every slide, the last one too
    assert all(page < len(layout_slide(deck[i], width, height)) for i, page in visited)
    assert not session.next() and (session.index, session.page) == visited[-1]  # the end is the end
    back = [visited[-1]]
    while (session.index, session.page) != (0, 0):
        assert session.back(), f"{label}: PageUp stayed on slide {session.index + 1}"
        here = (session.index, session.page)
        assert here < back[-1], f"{label}: PageUp went forward to slide {here[0] + 1}"
        back.append(here)
    assert back == visited[::-1]  # back through exactly the same pages
    assert not session.back() and (session.index, session.page) == (0, 0)


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


async def page_through(app: PresentApp, pilot: Pilot[None], deck: Deck, label: str) -> None:
    """PageDown from the first page to the last, checking each page drawn; then the keys back."""
    session = app.session
    assert (session.index, session.page) == (0, 0)
    assert app.slide_screen.slide_size == area(app.size), f"{label}: the slide area is not the plain walk's"
    assert_page_fully_visible(app, f"{label}, slide 1")
    visited = [(0, 0)]
    while (session.index, session.page) != (len(deck) - 1, session.pages - 1):
        await pilot.press("pagedown")
        here = (session.index, session.page)
        assert here > visited[-1], f"{label}: PageDown stayed on slide {here[0] + 1}"
        visited.append(here)
        assert_page_fully_visible(app, f"{label}, slide {here[0] + 1} page {here[1] + 1}")
    assert {index for index, _ in visited} == set(range(len(deck)))
    await pilot.press("pagedown")
    assert (session.index, session.page) == visited[-1]  # the end is the end
    await pilot.press("pageup")
    assert (session.index, session.page) == visited[-2]  # the key goes back one page, as the session does
    await pilot.press("home")
    assert (session.index, session.page) == (0, 0)


@pytest.mark.parametrize("day", DAYS)
async def test_every_page_the_clicker_reaches_is_drawn_whole_at_every_size(
    shipped: Program, day: int
) -> None:
    deck = build_deck(shipped, shipped.modules[day - 1])
    app = PresentApp(deck, clock=FakeClock(), wall=lambda: 0.0, tick=3600)
    async with app.run_test(size=SIZES[0]) as pilot:
        await pilot.pause()
        for size in SIZES:
            await pilot.resize_terminal(*size)
            # Laid out for the new size once the window has been drawn at it; a wrong size never comes.
            await until(pilot, lambda size=size: app.slide_screen.slide_size == area(size))  # type: ignore[misc]  # python/mypy#15459
            await page_through(app, pilot, deck, f"day {day} at {size}")
