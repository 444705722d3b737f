"""The app around the steps: help, settings, a damaged file, a full disk, a new run."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.expect import value_as
from tests.tui_helpers import build_app, settle, wait_for_journal
from workshop.answers import TextValue
from workshop.journal.errors import JournalError, SaveReport
from workshop.journal.store import Run
from workshop.settings import Settings, load_settings
from workshop.tui.screens.day import DayScreen
from workshop.tui.screens.help import HelpScreen
from workshop.tui.screens.notice import Notice
from workshop.tui.screens.support import SupportScreen


async def test_help_lists_the_keys_of_the_screen_below(tmp_path: Path, mini_program_dir: Path) -> None:
    app = build_app(mini_program_dir, tmp_path / "data")
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for_journal(pilot)
        app.routes.open_day(app.program.modules[0], 1)
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = {(where, row.keys, row.what) for where, rows in app.screen.sections for row in rows}
        assert ("On this screen", "ctrl+n", "Next step: this one is done") in rows
        assert ("On this screen", "ctrl+o", "Skip this step for now (it stays open)") in rows
        assert ("Everywhere", "ctrl+g", "Support and crisis lines") in rows
        assert ("Everywhere", "ctrl+q", "Save and quit") in rows
        # Only the app's own keys: none of Textual's cursor, focus or copy keys, no class names.
        assert not any("Cursor" in what or "Focus" in what or "Copy" in what for _, _, what in rows)
        await pilot.press("escape")
        assert isinstance(app.screen, DayScreen)


async def test_support_is_one_key_away_even_while_writing(tmp_path: Path, mini_program_dir: Path) -> None:
    app = build_app(mini_program_dir, tmp_path / "data")
    async with app.run_test() as pilot:
        await wait_for_journal(pilot)
        app.routes.open_day(app.program.modules[0], 1)
        await pilot.pause()
        await pilot.press(*"some words", "ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, SupportScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DayScreen)


async def test_support_lists_the_chosen_countrys_lines_first(
    tmp_path: Path, mini_program_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LC_ALL", "en_IE.UTF-8")  # the setting wins over the locale
    app = build_app(mini_program_dir, tmp_path / "data", settings=Settings(country="NZ"))
    async with app.run_test() as pilot:
        await wait_for_journal(pilot)
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, SupportScreen)
        assert app.screen.directory.lines[0].code == "NZ"
        assert "New Zealand" in str(app.screen.query(".support-country").first().render())


@pytest.mark.parametrize(("text", "country", "problem"), [
    ('country = "ie"', "IE", False),
    ('country = "Ireland"', None, True),
    ("country = 3", None, True),
])
def test_the_country_setting_is_a_two_letter_code(tmp_path: Path, text: str, country: str | None, problem: bool) -> None:
    (tmp_path / "settings.toml").write_text(text + "\n")
    settings = load_settings(tmp_path)
    assert settings.country == country
    assert (settings.problem is not None) == problem
    if problem:
        assert settings.problem and "country:" in settings.problem


async def test_the_chosen_theme_is_remembered(tmp_path: Path, mini_program_dir: Path) -> None:
    config = tmp_path / "config"
    app = build_app(mini_program_dir, tmp_path / "data", config_dir=config)
    async with app.run_test() as pilot:
        await wait_for_journal(pilot)
        app.theme = "workshop-high-contrast"
        await pilot.pause()
    assert load_settings(config).theme == "workshop-high-contrast"
    assert (config / "settings.toml").stat().st_mode & 0o777 == 0o600


async def test_a_user_keymap_rebinds_next(tmp_path: Path, mini_program_dir: Path) -> None:
    from workshop.settings import Settings

    settings = Settings(keymap={"day.next": "ctrl+right"})
    app = build_app(mini_program_dir, tmp_path / "data", settings=settings)
    async with app.run_test() as pilot:
        await wait_for_journal(pilot)
        app.routes.open_day(app.program.modules[0], 0)
        await pilot.pause()
        await pilot.press("ctrl+right")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DayScreen)
        assert screen.walk.number == 2


async def test_a_damaged_file_is_reported_and_kept(tmp_path: Path, mini_program_dir: Path) -> None:
    data_dir = tmp_path / "data"
    app = build_app(mini_program_dir, data_dir)
    async with app.run_test() as pilot:
        await wait_for_journal(pilot)
        app.routes.open_day(app.program.modules[0], 1)
        await pilot.pause()
        await pilot.press(*"first words", "ctrl+n")
        await settle(pilot)
    damaged = next(data_dir.rglob("one.toml"))
    damaged.write_bytes(b"\x00\x00\x00 not toml")
    app = build_app(mini_program_dir, data_dir)
    async with app.run_test() as pilot:
        await wait_for_journal(pilot)
        await pilot.pause()
        notice = app.screen
        assert isinstance(notice, Notice)
        assert "could not be read" in notice.title_text
        assert str(damaged.name) in notice.body
        assert damaged.read_bytes() == b"\x00\x00\x00 not toml"
        await pilot.press("escape")
        assert app.is_running


async def test_a_full_disk_keeps_the_words_and_says_so(tmp_path: Path, mini_program_dir: Path) -> None:
    app = build_app(mini_program_dir, tmp_path / "data")
    async with app.run_test() as pilot:
        await wait_for_journal(pilot)
        app.routes.open_day(app.program.modules[0], 1)
        await pilot.pause()
        journal = app.journal
        assert journal is not None

        def full(run: Run) -> SaveReport:
            raise JournalError("Could not save one.toml: the disk is full.")

        journal.save = full  # type: ignore[method-assign]  # a full disk, for this journal only
        await pilot.press(*"precious", "ctrl+s")
        await pilot.pause()
        assert app.save_status.startswith("Not saved")
        assert any("disk is full" in n.message for n in app._notifications)
        await pilot.press("ctrl+q")
        await pilot.pause()
        # Quitting does not silently drop the words: it asks.
        assert isinstance(app.screen, Notice)
        assert "not saved" in app.screen.title_text
        await pilot.click("#choice-stay")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DayScreen)
        run = app.current_run
        assert run is not None
        answer = run.answer("first-thought")
        assert answer is not None
        assert value_as(answer, TextValue).text == "precious"


async def test_a_new_run_keeps_the_old_one(tmp_path: Path, mini_program_dir: Path) -> None:
    app = build_app(mini_program_dir, tmp_path / "data")
    async with app.run_test() as pilot:
        await wait_for_journal(pilot)
        app.routes.open_day(app.program.modules[0], 1)
        await pilot.pause()
        await pilot.press(*"run one", "escape")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await pilot.click("#choice-new")
        await settle(pilot)
        journal = app.journal
        assert journal is not None
        assert [run.number for run in journal.runs] == [1, 2]
        old = journal.runs[0].answer("first-thought")
        assert old is not None and old.value == TextValue("run one")
        assert journal.runs[1].answer("first-thought") is None
