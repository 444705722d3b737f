"""A follow-up as a person meets it: day 4 finished in the app, the run's dates moved back as a user's clock
would move on, then the check-in offered on home, answered with the keys, and shown in insight and on the
north-star page. And the north-star page of run 1 once run 2 has begun."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.tui_helpers import FixedClock, build_app, screen_text, settle, until, wait_for_journal
from workshop.answers import CommitmentValue, ItemScoresValue, RankedValue, TextValue
from workshop.content.models import CheckStep, Program
from workshop.flow.northstar import choose_run, gather
from workshop.journal.format import RUN_FILE
from workshop.journal.store import Journal
from workshop.reports.northstar import render_markdown
from workshop.tui.screens.day import DayScreen
from workshop.tui.screens.end_of_day import EndOfDayScreen
from workshop.tui.screens.insight import InsightScreen
from workshop.tui.screens.northstar import NorthStarScreen

PLAN = CommitmentValue("write to the study day lead", "I open my email on Friday", "2026-03-06")


def all_but_the_last_step(data_dir: Path, program: Program) -> None:
    """Days 1 to 4 done, in one run, up to the last step of day 4: checks answered, a plan written."""
    with Journal.open(data_dir, program, clock=FixedClock()) as journal:
        run = journal.new_run()
        for module in program.modules:
            for step in module.steps:
                if isinstance(step, CheckStep):
                    scores = (2, 2, 2, 2, 2) if step.instrument == "who5" else (3,)
                    run.set_answer(module.id, step.id, ItemScoresValue(step.instrument, scores))
                run.mark_done(module.id, step.id)
        run.set_answer("day-1-achievement", "values-sort", RankedValue(("Curiosity", "Family")))
        run.set_answer("day-4-running-toward", "values-resort", RankedValue(("Family", "Balance")))
        run.set_answer("day-4-running-toward", "north-star", TextValue("Work that leaves room for a life."))
        last = program.modules[-1]
        run.set_answer(last.id, "day-4-commitment", PLAN)
        run.clear_answer(last.id, "day-4-commitment")  # written again in the app, below
        run.set_position(last.id, "day-4-commitment")
        journal.save(run)


def move_dates_back(data_dir: Path, days: int) -> None:
    """What a user's clock does between two sessions, done to the files instead: every date of run 1 (the
    run file's and every answer's) moves ``days`` back, as if day 4 had been finished that long ago."""
    run_dir = next(data_dir.glob("journal/*/run-001"))
    moment = re.compile(r"^((?:started|finished|updated|created) = )(\S+)$", re.MULTILINE)

    def earlier(found: re.Match[str]) -> str:
        return f"{found.group(1)}{(datetime.fromisoformat(found.group(2)) - timedelta(days=days)).isoformat()}"

    for path in run_dir.glob("*.toml"):
        if path.name.endswith(".backup.toml"):
            continue
        text = path.read_text(encoding="utf-8")
        path.write_text(moment.sub(earlier, text), encoding="utf-8")
    assert "finished = 2026-02-" in (run_dir / RUN_FILE).read_text(encoding="utf-8")


async def test_a_check_in_is_offered_answered_and_shown(tmp_path: Path, shipped: Program) -> None:
    program = shipped
    data_dir = tmp_path / "data"
    all_but_the_last_step(data_dir, program)

    # Day 4's last step, the plan, written and finished in the app.
    app = build_app(program, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_journal(pilot)
        last = program.modules[-1]
        plan_step = next(index for index, step in enumerate(last.steps) if step.id == "day-4-commitment")
        app.routes.open_day(last, plan_step)
        await settle(pilot)
        await pilot.press(*"I open my email on Friday", "enter", *"write to the study day lead", "enter")
        await pilot.press(*"2026-03-06", "ctrl+n")
        for _ in last.steps[plan_step + 1 :]:  # the session feedback after it, left as it was
            await settle(pilot)
            await pilot.press("ctrl+n")
        await until(pilot, lambda: "Day 4 is complete" in screen_text(app))
        assert "When: I open my email on Friday" in screen_text(app)
        assert "write to the study day lead" in screen_text(app)
        assert "check-in is open" not in screen_text(app)
    with Journal.open(data_dir, program, lock=False) as journal:
        (run,) = journal.runs
        assert run.finished is not None and run.answer("day-4-commitment").value == PLAN  # type: ignore[union-attr]

    # Twenty days later, as the user's clock would have it: home offers the week's check-in, calmly (the
    # month's is not due yet).
    move_dates_back(data_dir, 20)
    app = build_app(program, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_journal(pilot)
        await until(pilot, lambda: "check-in is open" in screen_text(app))
        shown = screen_text(app)  # at 80x24, without scrolling:
        assert "A check-in is open: 1 week on" in shown and "Begin the check-in: 1 week on" in shown
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, DayScreen))
        screen = app.screen
        assert isinstance(screen, DayScreen) and screen.walk.module.id == "follow-up-1-week"
        assert "Check-in: a week on" in screen_text(app)
        await pilot.press("ctrl+n")  # the welcome
        await until(pilot, lambda: screen.walk.step.id == "fu1w-wellbeing")
        await pilot.press(*"44444", "ctrl+n")  # 80 out of 100
        await until(pilot, lambda: screen.walk.step.id == "fu1w-burnout")
        await pilot.press("2", "ctrl+n")
        await until(pilot, lambda: screen.walk.step.id == "fu1w-plans")
        assert "When I open my email on Friday, I will write to the study day lead" in screen_text(app)
        await pilot.press("enter")  # the focused answer, "Yes"
        await pilot.press("tab", *"When I plan Sunday, I will block two hours", "ctrl+n")
        await until(pilot, lambda: screen.walk.step.id == "fu1w-noticed")
        await pilot.press(*"A long lunch with Sam.", "ctrl+n")
        await until(pilot, lambda: "Thank you for coming back" in screen_text(app))
        assert isinstance(app.screen, EndOfDayScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert "check-in is open" not in screen_text(app)  # answered: home is quiet again
        assert "The next check-in (1 month on) opens on" in str(app.screen.query_one("#run-line").render())

        await pilot.press("i")
        await until(pilot, lambda: isinstance(app.screen, InsightScreen))
        lines = "\n".join(str(s.render()) for s in app.screen.query(".insight-lines"))
        assert "1 week on 80 out of 100: +40 points, a meaningful change from day 1" in lines
        assert "1 week on option 2 of 5" in lines
        await pilot.press("escape", "s")
        await until(pilot, lambda: isinstance(app.screen, NorthStarScreen))
        page = "\n".join(str(s.render()) for s in app.screen.query(".northstar-text"))
        assert "1 week on: Yes. Rewritten: When I plan Sunday, I will block two hours" in page
        assert "1 week on" in page and "80 out of 100" in page
        await pilot.press("k")  # the calendar file, from the page
        await until(pilot, lambda: any((data_dir / "exports").glob("*.ics")))
    (calendar,) = (data_dir / "exports").glob("*.ics")
    assert calendar.stat().st_mode & 0o077 == 0  # readable only by the user
    text = calendar.read_text(encoding="utf-8")
    assert "Workshop check-in (1 month on)" in text and "1 week on" not in text  # done: not reminded of
    assert "study day" not in text  # the dated plan is there, without its words
    assert "A plan you made (workshop)" in text

    with Journal.open(data_dir, program, lock=False) as journal:
        text = render_markdown(gather(program, journal.runs[0]))
    assert "| Day 1 (before) | 40 out of 100 | option 3 of 5 |" in text
    assert "| 1 week on | 80 out of 100 | option 2 of 5 |" in text
    assert "| 1 | Curiosity | Family |" in text  # values on day 1 and day 4, side by side


def test_the_north_star_of_run_one_after_run_two_has_begun(
    tmp_path: Path, shipped_program_dir: Path, shipped: Program
) -> None:
    program = shipped
    data_dir = tmp_path / "data"
    all_but_the_last_step(data_dir, program)
    with Journal.open(data_dir, program) as journal:
        first = journal.runs[0]
        first.set_answer("day-4-running-toward", "day-4-commitment", PLAN)
        first.mark_finished()
        journal.save(first)
        journal.save(journal.new_run())  # run 2: nothing written yet
    with Journal.open(data_dir, program, lock=False) as journal:
        chosen = choose_run(journal.runs, None)
        assert chosen.number == 1  # the latest finished run, not the blank one just begun
        text = render_markdown(gather(program, chosen))
        assert "run 1" in text and "Work that leaves room for a life." in text
        assert "When I open my email on Friday, I will write to the study day lead" in text
        blank = render_markdown(gather(program, journal.runs[1]))
        assert text.count("Not written yet.") < blank.count("Not written yet.")
        assert choose_run(journal.runs, 2).number == 2  # still chosen when asked for
    common = ["--program", str(shipped_program_dir), "--data-dir", str(data_dir)]
    from workshop.cli import main

    out = tmp_path / "star.md"
    assert main(["export", "--north-star", "--run", "1", "-o", str(out), *common]) == 0
    assert "Work that leaves room for a life." in out.read_text(encoding="utf-8")
    assert main(["export", "--north-star", "-o", str(out), *common]) == 0  # the default: run 1 too
    assert "run 1" in out.read_text(encoding="utf-8")


async def test_the_app_chooses_a_run_for_the_page(tmp_path: Path, shipped: Program) -> None:
    program = shipped
    data_dir = tmp_path / "data"
    all_but_the_last_step(data_dir, program)
    with Journal.open(data_dir, program) as journal:
        journal.runs[0].mark_finished()
        journal.save(journal.runs[0])
        second = journal.new_run()
        second.set_answer("day-1-achievement", "values-sort", RankedValue(("Courage",)))
        journal.save(second)
    app = build_app(program, data_dir, clock=lambda: datetime(2026, 3, 2, 9, 30, tzinfo=UTC))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_journal(pilot)
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, NorthStarScreen))
        screen = app.screen
        assert isinstance(screen, NorthStarScreen) and screen.run_number == 1
        assert "Work that leaves room for a life." in screen_text(app)
        from textual.widgets import Select

        select = screen.query_one("#run-choice", Select)
        select.value = 2
        await until(pilot, lambda: isinstance(app.screen, NorthStarScreen) and app.screen.run_number == 2)
        page = "\n".join(str(s.render()) for s in app.screen.query(".northstar-text"))
        assert "Courage" in page and "Work that leaves room for a life." not in page
