"""The feedback form and "Share my scores" in the full-screen app, driven by keys as a person would."""

from __future__ import annotations

import json
from pathlib import Path

from tests.plain_helpers import converse
from tests.scores_helpers import journal_with_runs
from tests.tui_helpers import build_app, settle, wait_for_journal
from workshop import paths
from workshop.answers import RatingsValue
from workshop.content.models import Program
from workshop.journal.store import Journal
from workshop.plain import strings
from workshop.tui.screens.day import DayScreen
from workshop.tui.screens.notice import Notice


async def test_the_feedback_form_is_answered_with_number_keys_and_saved(
    tmp_path: Path, shipped: Program
) -> None:
    program = shipped
    data_dir = tmp_path / "data"
    app = build_app(program, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_journal(pilot)
        day = program.modules[1]
        app.routes.open_day(day, len(day.steps) - 1)
        await settle(pilot)
        assert isinstance(app.screen, DayScreen)
        await pilot.press("5", "3")  # typed at once: the first two questions, the third left blank
        await pilot.press("ctrl+s")
        await settle(pilot)
    with Journal.open(data_dir, program, lock=False) as journal:
        answer = journal.runs[0].answer("day-2-feedback")
    assert answer is not None
    assert answer.value == RatingsValue(("useful", "safe-to-speak", "recommend"), (5, 3, None))


async def test_share_my_scores_shows_the_summary_and_writes_only_on_write(
    tmp_path: Path, shipped: Program
) -> None:
    program = shipped
    data_dir = tmp_path / "data"
    journal_with_runs(data_dir, program)
    run_file = data_dir / "journal" / program.id / "run-001" / "_run.toml"
    before = run_file.read_bytes()
    app = build_app(program, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_journal(pilot)
        app.routes.share_scores()
        await settle(pilot)
        notice = app.screen
        assert isinstance(notice, Notice)
        assert "This scores file holds only these numbers:" in notice.body
        assert "WHO-5 well-being: items 2, 2, 3, 1, 4; total 12 of 25, 48%" in notice.body
        await pilot.press("escape")  # declined: nothing written, not even the run's id
        await settle(pilot)
        assert not paths.exports_dir(data_dir).exists()
        assert run_file.read_bytes() == before
        app.routes.share_scores()
        await settle(pilot)
        shown = app.screen
        assert isinstance(shown, Notice)
        await pilot.click("#choice-write")
        await settle(pilot)
    (written,) = paths.exports_dir(data_dir).glob("workshop-scores-*.json")
    data = json.loads(written.read_text())
    assert data["run"] in shown.body and f"scores_id = '{data['run']}'" in run_file.read_text()
    assert written.stat().st_mode & 0o777 == 0o600


def test_the_plain_mode_shows_the_summary_and_shares_only_on_yes(tmp_path: Path, shipped: Program) -> None:
    program = shipped
    data_dir = tmp_path / "data"
    journal_with_runs(data_dir, program)
    run_file = data_dir / "journal" / program.id / "run-001" / "_run.toml"
    before = run_file.read_bytes()
    declined = converse(program, data_dir, ["share", "", "share", "no", "quit"])
    assert declined.out.count("This scores file holds only these numbers:") == 2
    assert declined.out.count(strings.SHARE_NOT_WRITTEN) == 2
    assert "Feedback useful (Today's session was worth my time.): 3 of 5" in declined.out
    assert not paths.exports_dir(data_dir).exists() and run_file.read_bytes() == before
    accepted = converse(program, data_dir, ["share", "yes", "quit"])
    (written,) = paths.exports_dir(data_dir).glob("workshop-scores-*.json")
    assert strings.SHARE_WRITTEN.format(path=written) in accepted.out
    assert f"scores_id = '{json.loads(written.read_text())['run']}'" in run_file.read_text()
