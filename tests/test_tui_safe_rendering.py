"""User text is shown literally everywhere: never parsed as markup, never clickable, no control codes."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from tests.step_harness import StepHarness
from tests.tui_helpers import build_app, settle, wait_for_journal, workshop_app
from workshop.answers import CommitmentValue, RankedValue, TextValue
from workshop.content.models import RankStep
from workshop.tui.screens.day import DayScreen
from workshop.tui.screens.end_of_day import EndOfDayScreen
from workshop.tui.screens.review import ReviewScreen
from workshop.tui.widgets.rank import RankView

HOSTILE = ["[/]", "[bold]x", "[@click=app.quit]q[/]", "\x1b]0;X\x07", "\u202etxt.exe\u202c \u2067x\u2069"]
HIDDEN = "\x1b\x07\u202e\u202c\u2067\u2069"
"""What must never reach the screen: control codes and the bidirectional overrides that reorder text."""


def without_hidden(text: str) -> str:
    return "".join(char for char in text if char not in HIDDEN)


def assert_shown(contents: Sequence[object], text: str) -> None:
    """One of ``contents`` shows ``text`` as typed; none parses markup, carries an action or a control code."""
    expected = without_hidden(text)
    assert any(expected in str(content) for content in contents), (expected, contents)
    for content in contents:
        assert_literal(content, "")


def assert_literal(content: object, text: str) -> None:
    """``content`` shows ``text`` as typed (control codes removed), with no live action in it."""
    assert isinstance(content, Content)
    plain = str(content)
    expected = without_hidden(text)
    assert expected in plain
    assert not any(char in plain for char in HIDDEN)
    for span in content.spans:
        assert "@click" not in str(span.style)


async def test_user_text_is_literal_everywhere(tmp_path: Path, mini_program_dir: Path) -> None:
    # Every hostile string at once, in one answer, shown on every screen (a walk of the screens per string
    # cost five times as much and caught nothing more: markup parsed anywhere in the answer either raises,
    # as "[/]" does, or changes the text the assertions compare; a control code anywhere is found).
    app = build_app(mini_program_dir, tmp_path / "data")
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for_journal(pilot)
        await show_everywhere(pilot, " ".join(HOSTILE))


async def show_everywhere(pilot: Pilot[Any], hostile: str) -> None:
    """Write ``hostile`` as answers of day one and check the recap, the end of day and the review show it."""
    app = workshop_app(pilot)
    program = app.program
    one, two = program.modules
    # Write the hostile text as an answer, the way the day screen would.
    app.routes.open_day(one, 1)
    await pilot.pause()
    run = app.current_run
    assert run is not None
    run.set_answer("one", "first-thought", TextValue(f"before {hostile} after"))
    run.set_answer("one", "one-step", CommitmentValue(f"do {hostile}", f"when {hostile}"))
    await settle(pilot)

    # The recap on day two shows it again.
    app.routes.open_day(two, 0)
    await pilot.pause()
    assert isinstance(app.screen, DayScreen)
    answers = [w.content for w in app.screen.query(".recap-answer").results(Static)]
    assert_shown(answers, f"before {hostile} after")

    # The end of day one shows what was written and the commitment.
    app.routes.finish_day(app.screen.walk.__class__(program, one, run, len(one.steps) - 1))
    await pilot.pause()
    assert isinstance(app.screen, EndOfDayScreen)
    texts = [w.content for w in app.screen.query(".summary-answer, .commitment").results(Static)]
    assert_shown(texts, f"before {hostile} after")
    assert_shown(texts, f"do {hostile}")

    # The review lists it.
    app.routes.open_review()
    await pilot.pause()
    assert isinstance(app.screen, ReviewScreen)
    entries = app.screen.query_one("#entries", OptionList)
    prompts = [entries.get_option_at_index(i).prompt for i in range(entries.option_count)]
    assert_shown(prompts, f"before {hostile}")
    await pilot.pause()  # the reading pane follows the highlight once the list is drawn
    assert_shown([app.screen.query_one("#reader-text", Static).content], f"before {hostile} after")

    # Searching for it is literal too, and the app is still running after all of that.
    await pilot.press("ctrl+f", *"[/]")
    await pilot.pause()
    assert app.is_running
    assert app.return_code is None


async def test_a_hostile_file_name_in_a_notice_is_literal(tmp_path: Path, mini_program_dir: Path) -> None:
    app = build_app(mini_program_dir, tmp_path / "data")
    async with app.run_test() as pilot:
        await wait_for_journal(pilot)
        app._save_failed("Could not save [@click=app.quit]q[/]/day.toml: the disk is full")
        await pilot.pause()
        assert app.is_running
        notifications = list(app._notifications)
        assert any("[@click=app.quit]q[/]" in n.message for n in notifications)
        assert all(not n.markup for n in notifications)


@pytest.mark.parametrize("hostile", ["[/]", "[bold]x", "[@click=app.quit]q[/]"])
async def test_a_day_title_is_literal_in_the_command_palette(
    tmp_path: Path, mini_program_dir: Path, hostile: str
) -> None:
    # Day titles come from content files; the palette would parse a plain string as markup.
    from workshop.tui.commands import WorkshopCommands

    folder = tmp_path / "program"
    shutil.copytree(mini_program_dir, folder)
    module = folder / "one.toml"
    text = module.read_text(encoding="utf-8")
    module.write_text(text.replace('title = "', f'title = "{hostile} ', 1), encoding="utf-8")
    app = build_app(folder, tmp_path / "data")
    async with app.run_test() as pilot:
        await wait_for_journal(pilot)
        provider = WorkshopCommands(app.screen)
        discovered = [
            hit.prompt async for hit in provider.discover() if str(hit.prompt).startswith("Go to day 1")
        ]
        found = [hit.prompt async for hit in provider.search("go to day 1")]
        for prompt in (discovered[0], found[0]):
            assert_literal(prompt, f"Go to day 1: {hostile}")


async def test_a_refused_values_pick_names_its_option_literally() -> None:
    # The note under a full top list names the option that was refused, as the content spells it.
    option = "[bold]Kind[/]ness"
    step = RankStep(kind="rank", id="r", title="T", question="Q?", options=[option, "Calm", "Play"], pick=1)
    app = StepHarness(step, RankedValue(("Calm",)))
    async with app.run_test() as pilot:
        app.query_one(RankView).add_pick(option)
        await pilot.pause()
        note = app.query_one("#rank-status", Static)
        assert option in str(note.render())
