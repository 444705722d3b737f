"""Follow-up check-ins, plain Python with a fixed date: when each is due, which one home offers, which
commitments each looks back at, what the scores file would call them, and the calendar file."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from tests.memory_run import MemoryRun
from workshop.answers import CommitmentValue, FollowThroughValue, ItemScoresValue
from workshop.content.loader import load_program
from workshop.content.models import Program
from workshop.flow.followups import (
    add_months,
    commitments_of,
    due_date,
    follow_up_point,
    open_check_in,
    outcomes_of,
    schedule,
)
from workshop.flow.plans import plan_date, plan_sentence
from workshop.reports.calendar import PLAN_TITLE, calendar_entries, render

FINISHED = datetime(2026, 1, 31, 18, 0, tzinfo=UTC)


@pytest.fixture
def program(shipped: Program) -> Program:
    return shipped


def finished_run(finished: datetime | None = FINISHED) -> MemoryRun:
    return MemoryRun(finished=finished)


# ---- the timing itself ------------------------------------------------------------------------------------


def test_due_dates_count_weeks_and_calendar_months() -> None:
    assert due_date(date(2026, 3, 2), "1w") == date(2026, 3, 9)
    assert due_date(date(2026, 3, 2), "1m") == date(2026, 4, 2)
    assert due_date(date(2026, 3, 2), "3m") == date(2026, 6, 2)
    assert due_date(date(2026, 11, 30), "3m") == date(2027, 2, 28)  # a shorter month: its last day
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)  # a leap year
    assert due_date(date(2026, 3, 2), "1y") == date(2027, 3, 2)


def test_the_shipped_program_names_its_follow_ups_by_timing(program: Program) -> None:
    assert [f.after for f in program.follow_ups] == ["1w", "1m", "3m"]
    assert follow_up_point(program, "follow-up-1-week") == "1w"
    assert follow_up_point(program, "follow-up-3-months") == "3m"
    assert follow_up_point(program, "day-4-running-toward") is None
    assert follow_up_point(program, "no-such-module") is None
    assert all(not f.module.is_day for f in program.follow_ups)


@pytest.mark.parametrize(
    ("today", "offered"),
    [
        (date(2026, 1, 31), None),  # the day day 4 was finished: nothing yet
        (date(2026, 2, 6), None),  # six days on
        (date(2026, 2, 7), "1w"),  # a week on: open
        (date(2026, 2, 27), "1w"),  # still open until the next one is due
        (date(2026, 2, 28), "1m"),  # 31 January + 1 month: the end of February; the week's lapses quietly
        (date(2026, 4, 30), "3m"),
        (date(2027, 6, 1), "3m"),  # the last one stays open until answered
    ],
)
def test_which_check_in_is_open_on_a_given_day(program: Program, today: date, offered: str | None) -> None:
    state = open_check_in(program, finished_run(), today)
    assert (state.follow_up.after if state else None) == offered


def test_nothing_is_due_before_the_last_day_is_finished(program: Program) -> None:
    run = finished_run(finished=None)
    assert schedule(program, run) == []
    assert open_check_in(program, run, date(2030, 1, 1)) is None
    assert open_check_in(program, None, date(2030, 1, 1)) is None


def test_an_answered_check_in_closes_and_the_next_waits_for_its_day(program: Program) -> None:
    run = finished_run()
    week = program.follow_ups[0].module
    for step in week.steps:
        run.mark_done(week.id, step.id)
    assert open_check_in(program, run, date(2026, 2, 10)) is None  # done: home says nothing
    assert open_check_in(program, run, date(2026, 2, 28)).follow_up.after == "1m"  # type: ignore[union-attr]


def test_a_begun_check_in_is_still_offered_and_says_so(program: Program) -> None:
    run = finished_run()
    week = program.follow_ups[0].module
    run.mark_done(week.id, week.steps[0].id)
    state = open_check_in(program, run, date(2026, 2, 8))
    assert state is not None and state.started and not state.complete


def test_the_last_day_complete_without_a_finished_run_still_counts(program: Program) -> None:
    """A step skipped on day 2 costs no check-in: the last day's own completion starts the clock."""
    run = finished_run(finished=None)
    last = program.modules[-1]
    for step in last.steps:
        run.mark_done(last.id, step.id)
    run.set_answer(last.id, "day-4-commitment", CommitmentValue("walk home", "the last patient leaves"))
    states = schedule(program, run)
    assert states[0].due == date(2026, 3, 9)  # MemoryRun's clock: 2 March 2026


# ---- what a follow-up looks back at ----------------------------------------------------------------------


def test_commitments_carry_their_latest_revision(program: Program) -> None:
    run = finished_run()
    run.set_answer("day-1-achievement", "day-1-commitment", CommitmentValue("sit down", "the last patient"))
    run.set_answer("day-4-running-toward", "day-4-commitment", CommitmentValue("email the lead", "Friday"))
    items = commitments_of(program, run)
    assert [i.current for i in items] == [
        "When the last patient, I will sit down",
        "When Friday, I will email the lead",
    ]
    week, month = program.follow_ups[0].module, program.follow_ups[1].module
    run.set_answer(
        week.id,
        "fu1w-plans",
        FollowThroughValue(
            ("day-1-commitment", "day-4-commitment"),
            tuple(i.current for i in items),
            ("partly", "no"),
            ("", "When I open my email on Monday, I will write to the lead"),
        ),
    )
    later = commitments_of(program, run, before=month)
    assert later[1].current == "When I open my email on Monday, I will write to the lead"
    assert commitments_of(program, run, before=week)[1].current == "When Friday, I will email the lead"
    assert [(o.after, o.happened) for o in outcomes_of(program, run, "day-4-commitment")] == [("1w", "no")]


def test_plan_sentences_and_dates() -> None:
    assert plan_sentence(CommitmentValue("walk home", "after handover")) == "After handover, I will walk home"
    assert plan_sentence(CommitmentValue("I walk home", "When it is 6 pm")) == "When it is 6 pm, I walk home"
    assert plan_sentence(CommitmentValue("walk home")) == "walk home"
    assert plan_date("2026-12-04") == date(2026, 12, 4)
    assert plan_date(" 2026-2-3 ") == date(2026, 2, 3)
    assert plan_date("Friday") is None and plan_date("2026-02-30") is None and plan_date("") is None


# ---- the calendar file -----------------------------------------------------------------------------------


def test_the_calendar_file_parses_back_and_keeps_private_words_out(program: Program) -> None:
    icalendar = pytest.importorskip("icalendar")
    run = finished_run()
    secret = "tell my consultant I am struggling"
    run.set_answer("day-4-running-toward", "day-4-commitment", CommitmentValue(secret, "Monday", "2026-02-16"))
    run.set_answer("day-1-achievement", "day-1-commitment", CommitmentValue("an old plan", "", "2026-01-02"))
    today = date(2026, 2, 1)
    entries = calendar_entries(program, run, today)
    text = render(entries, datetime(2026, 2, 1, 9, 0, tzinfo=UTC))
    assert secret not in text
    parsed = icalendar.Calendar.from_ical(text)
    events = [c for c in parsed.walk() if c.name == "VEVENT"]
    found = [(e.decoded("dtstart"), str(e.get("summary"))) for e in events]
    assert found == [
        (date(2026, 2, 7), "Workshop check-in (1 week on)"),
        (date(2026, 2, 16), PLAN_TITLE),  # dated in the future; the plan dated in the past is left out
        (date(2026, 2, 28), "Workshop check-in (1 month on)"),
        (date(2026, 4, 30), "Workshop check-in (3 months on)"),
    ]
    assert all(e.walk("VALARM") for e in events)  # the user's calendar does the reminding
    assert len({str(e.get("uid")) for e in events}) == 4  # stable, distinct ids
    full = render(calendar_entries(program, run, today, full_text=True), datetime(2026, 2, 1, tzinfo=UTC))
    assert "When Monday, I will tell my consultant I am struggling" in str(
        [str(e.get("summary")) for e in icalendar.Calendar.from_ical(full).walk("VEVENT")]
    )


def test_the_calendar_leaves_out_answered_and_lapsed_check_ins(program: Program) -> None:
    run = finished_run()
    week = program.follow_ups[0].module
    run.set_answer(week.id, "fu1w-wellbeing", ItemScoresValue("who5", (3, 3, 3, 3, 3)))
    for step in week.steps:
        run.mark_done(week.id, step.id)
    names = [e.title for e in calendar_entries(program, run, date(2026, 3, 5))]
    assert names == ["Workshop check-in (1 month on)", "Workshop check-in (3 months on)"]  # 1w is done
    names = [e.title for e in calendar_entries(program, run, date(2026, 5, 1))]
    assert names == ["Workshop check-in (3 months on)"]  # the month's lapsed quietly when 3m fell due


def test_a_calendar_asked_for_before_any_run_says_what_it_is_made_from(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from workshop.cli import main

    assert main(["--data-dir", str(tmp_path / "data"), "calendar"]) != 0
    error = capsys.readouterr().err.strip()
    assert error == "workshop: there are no runs yet: the calendar (your check-ins and dated plans) is made from your answers"
    assert not (tmp_path / "data").exists()  # nothing written for a calendar with nothing in it


# ---- the content: checked at load ------------------------------------------------------------------------


def _program(folder: Path, *, follow_up_day: str = "", day_line: str = "day = 1") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "program.toml").write_text(
        'id = "p"\ntitle = "P"\nversion = "1.0"\ndescription = "A program."\nmodules = ["one.toml"]\n\n'
        '[[follow_ups]]\nafter = "2w"\nmodule = "later.toml"\n',
        encoding="utf-8",
    )
    step = '[[steps]]\nid = "{id}"\nkind = "prompt"\ntitle = "T"\nquestion = "Q?"\n'
    (folder / "one.toml").write_text(
        f'id = "one"\n{day_line}\ntitle = "One"\nsummary = "S."\nminutes = 10\n' + step.format(id="a"),
        encoding="utf-8",
    )
    (folder / "later.toml").write_text(
        f'id = "later"\n{follow_up_day}\ntitle = "Later"\nsummary = "S."\nminutes = 5\n'
        + step.format(id="b")
        + '\n[[steps]]\nid = "c"\nkind = "follow-through"\ntitle = "Plans"\nquestion = "Did it happen?"\n',
        encoding="utf-8",
    )
    return folder


def test_a_follow_up_loads_apart_from_the_days(tmp_path: Path) -> None:
    program = load_program(_program(tmp_path))
    assert [m.id for m in program.modules] == ["one"]
    assert [(f.after, f.module.id) for f in program.follow_ups] == [("2w", "later")]
    assert program.module("later") is program.follow_ups[0].module  # a route can open it like a day
    assert program.find_step("c") is not None


def test_a_follow_up_with_a_day_or_a_day_without_one_is_named(tmp_path: Path) -> None:
    from workshop.content.problems import ContentError

    with pytest.raises(ContentError, match="follow-up check-in is not a day of the program"):
        load_program(_program(tmp_path / "a", follow_up_day="day = 2"))
    with pytest.raises(ContentError, match="a day of the program needs its day"):
        load_program(_program(tmp_path / "b", day_line=""))
