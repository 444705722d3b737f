"""Every screen and modal is complete at 80x24: whatever does not fit scrolls, the keyboard reaches every
scrolling area, and End brings its last line into view.

At 80x24, on every screen: every widget outside a scrolling area is whole on screen (not cut by the
screen's edge or by its box); every scrolling area is whole on screen, in the focus chain (Tab reaches
it), and End in it scrolls it to its end. Together: its last line is in view. That is how the support
screen's international lines and its "Esc closes" were found unreachable, in a box taller than the room
it had. For the support screen and F1, the last line is also looked for in the text on screen. That is how the support screen's international lines and
its "Esc closes" were found unreachable, in a box taller than the screen.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from textual.errors import NoWidget
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Input, TextArea

from tests.checkins import CHECKINS
from tests.expect import not_none
from tests.tui_helpers import build_app, frozen, screen_text, until, wait_for_journal
from workshop.answers import (
    ChoicesValue,
    CommitmentValue,
    IntegerValue,
    ItemsValue,
    RankedValue,
    TextValue,
)
from workshop.content.loader import load_program
from workshop.content.models import Program, RecapStep
from workshop.tui.screens.day import DayScreen
from workshop.tui.screens.notice import Notice

SMALL = (80, 24)
LONG = " ".join(f"word{n}" for n in range(90)) + "\nA second paragraph.\n" + "\n".join(f"line {n}" for n in range(9))


def overflowing(screen: Any) -> list[Widget]:
    """The widgets of the screen (and the screen) that have more than they show. A text box is not among
    them: the cursor keys reach every line of what is written in it."""
    return [
        widget
        for widget in [screen, *screen.query("*")]
        if shown(widget)
        and widget.allow_vertical_scroll
        and widget.max_scroll_y > 0
        and not isinstance(widget, TextArea | Input)
    ]


def shown(widget: Widget) -> bool:
    """Displayed, and so are all its containers (a folded hint is not)."""
    return widget.display and all(getattr(node, "display", True) for node in widget.ancestors)


def hidden_part(screen: Any, widget: Widget) -> Region | None:
    """None if ``widget`` is whole on screen; else its region, for the message."""
    try:
        geometry = screen.find_widget(widget)
    except NoWidget:
        return widget.region
    region = geometry.region
    if not region.area:
        return None
    whole = geometry.visible_region == region and screen.region.contains_region(region)
    return None if whole else region


async def scrolled(pilot: Any, widgets: list[Widget]) -> None:
    """Wait until scrolling has come to rest (it happens after a refresh; the tests' apps do not animate)."""
    for _ in range(50):
        await pilot.pause()
        if all((w.scroll_x, w.scroll_y) == (w.scroll_target_x, w.scroll_target_y) for w in widgets):
            return
        await pilot.pause(0.02)


async def laid_out(pilot: Any, screen: Any) -> None:
    """Wait (ten seconds at most: a busy machine draws late) until every widget shown has a place on
    screen: a screen just opened, or its footer rebuilt for new keys, is placed at the next redraw, and a
    widget not placed yet would be reported as cut off."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if all(placed(screen, widget) for widget in screen.query("*") if shown(widget)):
            return
        await pilot.pause(0.005)


def placed(screen: Any, widget: Widget) -> bool:
    try:
        screen.find_widget(widget)
    except NoWidget:
        return False
    return True


async def assert_complete(pilot: Any, name: str) -> None:
    """At 80x24, everything not in a scrolling area is whole on screen; every scrolling area is whole on
    screen, reached by Tab, and End in it shows its last line."""
    app = pilot.app
    assert app.size == SMALL
    await pilot.pause()
    screen = app.screen
    await laid_out(pilot, screen)
    areas = overflowing(screen)
    chain = screen.focus_chain
    unreachable = [widget for widget in areas if widget not in chain]
    assert not unreachable, f"{name}: these scroll, but the keyboard cannot reach them: {unreachable}"
    fixed = [
        widget
        for widget in screen.query("*")
        if shown(widget) and not any(area in widget.ancestors for area in areas)
    ]
    cut = {widget: part for widget in fixed if (part := hidden_part(screen, widget)) is not None}
    assert not cut, f"{name}: cut off, and nothing scrolls to them: {cut}"
    focused = screen.focused
    for area in areas:
        screen.set_focus(area)
        # A list that brings its next entries as its end nears (the review's) reaches its end with End
        # pressed again: each press brings the next ones.
        for _ in range(20):
            await pilot.press("end")
            await scrolled(pilot, areas)
            if area.scroll_y == area.max_scroll_y:
                break
        assert area.scroll_y == area.max_scroll_y, f"{name}: End does not reach the end of {area}"
        assert hidden_part(screen, area) is None, f"{name}: {area} is taller than the room it has"
    screen.set_focus(focused)


def last_row_shown(pilot: Any, text: str) -> bool:
    return any(text in row for row in screen_text(pilot.app).splitlines())


def fill(app: Any, program: Program) -> None:
    """Long answers everywhere, so that every screen has more than 24 rows to show."""
    run = app.journal.current_run() or app.journal.new_run()
    for module in program.modules:
        for step in module.steps:
            match step.kind:
                case "prompt" | "recap":
                    run.set_answer(module.id, step.id, TextValue(f"{step.title}: {LONG}"))
                case "list":
                    items = tuple(f"item {n} {LONG[:60]}" for n in range(step.max_items))
                    run.set_answer(module.id, step.id, ItemsValue(items))
                case "commitment":
                    run.set_answer(module.id, step.id, CommitmentValue(LONG[:300], "Thursday after clinic"))
                case "rank":
                    run.set_answer(module.id, step.id, RankedValue(tuple(step.options[: step.pick])))
                case "scale":
                    run.set_answer(module.id, step.id, IntegerValue(3))
                case "choice":
                    run.set_answer(module.id, step.id, ChoicesValue(tuple(step.options[:2]), LONG[:200]))


async def test_every_step_of_the_sample_program(tmp_path: Path, mini_program_dir: Path) -> None:
    program = load_program(mini_program_dir)
    app = build_app(program, tmp_path / "data", clock=frozen)
    async with app.run_test(size=SMALL) as pilot:
        await wait_for_journal(pilot)
        fill(app, program)
        for module in program.modules:
            app.routes.open_day(module, 0)
            await pilot.pause()
            for step in module.steps:
                screen = app.screen
                assert isinstance(screen, DayScreen) and screen.walk.step is step
                await assert_complete(pilot, f"{module.id}/{step.id}")
                await pilot.press("ctrl+o")
                await pilot.pause()
            await assert_complete(pilot, f"end of {module.id}")


async def test_the_longest_step_of_each_kind_in_the_shipped_program(
    tmp_path: Path, shipped: Program
) -> None:
    program = shipped
    longest: dict[str, tuple[int, str, int]] = {}
    for module in program.modules:
        for index, step in enumerate(module.steps):
            size = len(repr(step))
            if size > longest.get(step.kind, (0, "", 0))[0]:
                longest[step.kind] = (size, module.id, index)
    app = build_app(program, tmp_path / "data", clock=frozen)
    async with app.run_test(size=SMALL) as pilot:
        await wait_for_journal(pilot)
        fill(app, program)
        # The sample program has every kind; these are the ones whose shipped content is much longer.
        for kind in ("choice", "reading", "recap"):
            _, module_id, index = longest[kind]
            module = not_none(program.module(module_id), module_id)
            app.routes.open_day(module, index)
            await pilot.pause()
            assert isinstance(app.screen, DayScreen)
            assert kind != "recap" or isinstance(app.screen.walk.step, RecapStep)
            await assert_complete(pilot, f"{kind}: {app.screen.walk.step.id}")


async def test_the_check_ins(tmp_path: Path) -> None:
    app = build_app(CHECKINS, tmp_path / "data", clock=frozen)
    async with app.run_test(size=SMALL) as pilot:
        await wait_for_journal(pilot)
        module = app.program.modules[0]
        for index, step in enumerate(module.steps):
            if step.kind == "check":  # WHO-5 and the single burnout item; the other kinds are above
                app.routes.open_day(module, index)
                await pilot.pause()
                await assert_complete(pilot, step.id)


async def test_every_other_screen_and_modal(tmp_path: Path, mini_program_dir: Path) -> None:
    program = load_program(mini_program_dir)
    app = build_app(program, tmp_path / "data", clock=frozen)
    async with app.run_test(size=SMALL) as pilot:
        await wait_for_journal(pilot)
        await assert_complete(pilot, "home, before the first day")
        fill(app, program)
        not_none(app.journal).new_run()  # a second run, for then-and-now
        fill(app, program)
        app.routes.go_home()
        await pilot.pause()
        await assert_complete(pilot, "home, in the middle")

        await pilot.press("f1")
        await assert_complete(pilot, "keys (F1) over home")
        await pilot.press("end")  # scrolls once drawn again: until then, nothing is on its way to scroll
        await until(pilot, lambda: last_row_shown(pilot, "The mouse works too.") and last_row_shown(pilot, "Esc closes"))
        await pilot.press("escape")
        await pilot.press("ctrl+g")
        await assert_complete(pilot, "support")
        await pilot.press("end")  # the lines have the focus: End goes to the last of them (once drawn again)
        await until(pilot, lambda: last_row_shown(pilot, "to anyone.") and last_row_shown(pilot, "Esc closes"))
        await pilot.press("escape")
        app.action_support(gentle=True)
        await assert_complete(pilot, "support, after a low check-in")
        await pilot.press("escape")

        app.routes.open_review()
        await assert_complete(pilot, "review")
        await pilot.press("t")
        await assert_complete(pilot, "then and now")
        await pilot.press("escape")
        await pilot.press("escape")

        await pilot.press("i")
        await assert_complete(pilot, "insight")
        await pilot.press("escape")
        await pilot.press("s")
        await assert_complete(pilot, "north star")
        await pilot.press("escape")

        app.routes.open_day(program.modules[0], 1)
        await pilot.pause()
        await pilot.press("f1")
        await assert_complete(pilot, "keys (F1) over a step")
        await pilot.press("escape")

        problems = "\n".join(f"• day-{n}.toml: line {n}: a value that could not be read" for n in range(40))
        app.push_screen(Notice("Some files could not be read", problems, [("keep", "Keep them as they are")]))
        await assert_complete(pilot, "a notice with a long message")
