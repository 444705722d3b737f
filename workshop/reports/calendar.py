"""Reminders without a daemon: the follow-up check-ins and the dated plans of a run, as an ``.ics`` file.

The app never runs in the background and never reminds anyone itself. This file goes into the user's own
calendar, which does the reminding. A calendar is often shared (with a partner, an assistant, a rota), so
by default no event says anything private: a check-in is "Workshop check-in", a plan is "A plan you
made (workshop)". ``full_text`` puts the plan's own words in its event instead, for a calendar only its
owner sees; ``workshop calendar --full-text`` and the app both say so.

What goes in is decided here in plain Python (``calendar_entries``); ``render`` writes it with the
``icalendar`` package, imported only when a file is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from workshop import paths
from workshop.content.models import Program
from workshop.flow.followups import commitments_of, schedule
from workshop.flow.plans import plan_date, plan_sentence
from workshop.flow.run_view import ScheduledRun
from workshop.reports.export import write_private_document

if TYPE_CHECKING:
    from workshop.journal.crypto import Identity

CHECK_IN_TITLE = "Workshop check-in ({name})"
CHECK_IN_BODY = (
    "A short check-in is open in workshop: run `workshop` in a terminal and home offers it. "
    "About {minutes} minutes. Skipping it costs nothing."
)
PLAN_TITLE = "A plan you made (workshop)"
PLAN_BODY = "The plan you dated in workshop. Its words are in the app (the north-star page), not here."
REMIND_AT = time(9, 0)
"""Each event asks the calendar to remind at 9 in the morning of its day."""
PRIVACY_NOTE = (
    "Event titles say only 'Workshop check-in' and 'A plan you made', so a shared calendar shows nothing "
    "private. With --full-text the plans' own words go in their events."
)


@dataclass(frozen=True)
class CalendarEntry:
    """One all-day event: its day, a stable id (so importing a newer file updates it), title and note."""

    day: date
    uid: str
    title: str
    body: str


def calendar_entries(
    program: Program, run: ScheduledRun, today: date, *, full_text: bool = False
) -> list[CalendarEntry]:
    """The run's check-ins still to come or open, and its plans dated today or later, by date."""
    entries = []
    for state in schedule(program, run):
        if state.complete or (state.until is not None and state.until <= today):
            continue  # done, or lapsed: nothing to remind of
        entries.append(
            CalendarEntry(
                state.due,
                f"{program.id}-run-{run.number}-{state.module.id}@workshop",
                CHECK_IN_TITLE.format(name=state.name),
                CHECK_IN_BODY.format(minutes=state.module.minutes),
            )
        )
    for item in commitments_of(program, run):
        day = plan_date(item.plan.date)
        if day is None or day < today:
            continue
        title, body = PLAN_TITLE, PLAN_BODY
        if full_text:
            title, body = plan_sentence(item.plan), f"From {item.module.short_name}: {item.step.title}."
        uid = f"{program.id}-run-{run.number}-{item.step.id}@workshop"
        entries.append(CalendarEntry(day, uid, title, body))
    return sorted(entries, key=lambda entry: (entry.day, entry.uid))


def render(entries: list[CalendarEntry], now: datetime) -> str:
    """An iCalendar (RFC 5545) file of all-day events, each with a reminder on the morning of its day."""
    from icalendar import Alarm, Calendar, Event  # deferred: half a second to import, needed only here

    calendar = Calendar()
    calendar.add("prodid", "-//workshop//follow-ups and plans//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    for entry in entries:
        event = Event()
        event.add("uid", entry.uid)
        event.add("dtstamp", now)
        event.add("dtstart", entry.day)
        event.add("dtend", entry.day + timedelta(days=1))
        event.add("summary", _one_line(entry.title))
        event.add("description", entry.body)
        event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: it never shows you as busy
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", _one_line(entry.title))
        alarm.add("trigger", timedelta(hours=REMIND_AT.hour, minutes=REMIND_AT.minute))
        event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")


def _one_line(text: str) -> str:
    # A user's plan may hold line breaks or control characters; an event title is one plain line.
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


def write_calendar(
    data_dir: Path,
    program: Program,
    *,
    run_number: int | None = None,
    full_text: bool = False,
    now: datetime | None = None,
    output: Path | None = None,
    identity: Identity | None = None,
) -> tuple[Path, int]:
    """Write the calendar file of a run (default: the latest finished one) privately, in
    ``<data dir>/exports`` unless ``output`` names a file. Returns the path and how many events it holds.
    An encrypted journal is read with its unlocked key, ``identity``. Raises ``JournalError``."""
    from workshop.flow.northstar import choose_run
    from workshop.journal.store import Journal, local_now  # deferred: rendering needs none of it

    moment = now or local_now()
    with Journal.open(data_dir, program, lock=False, identity=identity) as journal:
        run = choose_run(journal.runs, run_number, made="the calendar (your check-ins and dated plans)")
        entries = calendar_entries(program, run, moment.date(), full_text=full_text)
    text = render(entries, moment)
    path = output or paths.exports_dir(data_dir) / f"workshop-calendar-{moment:%Y-%m-%d-%H%M%S}.ics"
    write_private_document(path, text, "the calendar file")
    return path, len(entries)
