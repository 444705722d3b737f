"""Follow-up check-ins after the last day: when each is due, which one home offers, what each looks back at.

The program says when (``[[follow_ups]]`` in ``program.toml``: ``after = "1w"``, ``"1m"``, ``"3m"``); the
clock is the caller's, so every rule here is tested with a fixed date. Nothing here runs in the
background: home asks ``open_check_in`` when it is drawn, and that is all the reminding the app does
(``workshop calendar`` writes the dates for the user's own calendar, which can remind them).

The rules, kept calm on purpose:

- A run's check-ins count from the day its last day was finished (``finished_on``).
- A check-in is *open* from its due date until the next one falls due; the last stays open until it is
  answered. Only one is offered at a time: a check-in left alone simply lapses when the next is due, and
  nothing anywhere says it was missed. No streaks.
- Only the current run's check-ins are offered: starting the program again starts from there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from workshop.answers import CommitmentValue, FollowThroughValue
from workshop.content.models import CommitmentStep, FollowThroughStep, FollowUp, Module, Program
from workshop.flow.completion import day_progress
from workshop.flow.plans import plan_sentence
from workshop.flow.run_view import AnswerSource, ScheduledRun

UNIT_WORDS = {"w": "week", "m": "month", "y": "year"}


# --------------------------------------------------------------------------------------------------------
# Naming: which follow-up a module is
# --------------------------------------------------------------------------------------------------------


def follow_up_point(program: Program, module_id: str) -> str | None:
    """Which follow-up the module ``module_id`` is (``1w``, ``1m``, ``3m``, as the program says), or None
    for a day of the program or a module the program does not have. A scores file names the point
    ``follow-up-`` and this."""
    return next((f.after for f in program.follow_ups if f.module.id == module_id), None)


def describe_after(after: str) -> str:
    """``1w`` -> ``1 week on``; ``3m`` -> ``3 months on``."""
    count, unit = int(after[:-1]), UNIT_WORDS[after[-1]]
    return f"{count} {unit}{'' if count == 1 else 's'} on"


def module_label(program: Program, module: Module) -> str:
    """``Day 4`` for a day; ``1 week on`` for a follow-up; the module's title otherwise."""
    if module.is_day:
        return f"Day {module.day}"
    after = follow_up_point(program, module.id)
    return describe_after(after) if after else module.title


# --------------------------------------------------------------------------------------------------------
# When each is due
# --------------------------------------------------------------------------------------------------------


def add_months(day: date, months: int) -> date:
    """The same day of the month ``months`` later; the month's last day when it is shorter (31 Jan + 1m is
    28 or 29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    # The month's last day: the day before the next month's first (without the calendar module, 0.1 MiB).
    last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(day.day, last))


def due_date(finished: date, after: str) -> date:
    """The day a follow-up ``after`` (``1w``, ``1m``, ``1y``) opens, for a run finished on ``finished``."""
    count, unit = int(after[:-1]), after[-1]
    if unit == "w":
        return finished + timedelta(weeks=count)
    if unit == "m":
        return add_months(finished, count)
    if unit == "y":
        return add_months(finished, 12 * count)
    raise ValueError(f"not a follow-up timing: {after!r}")


def finished_on(program: Program, run: ScheduledRun) -> date | None:
    """The day the run's last day was finished, in the run's own time zone; None while it is not.

    The run's ``finished`` date when every step is done; else, once the last day itself is complete (an
    earlier step skipped on the way costs no check-in), the day of its latest answer, or of the run's
    latest change.
    """
    if run.finished is not None:
        return run.finished.date()
    if not program.modules:
        return None
    last = program.modules[-1]
    if not day_progress(run, last).finished:
        return None
    moments = [answer.updated for answer in run.answers(last.id).values()]
    latest = max(moments, default=None) or run.last_activity
    return latest.date() if latest is not None else None


@dataclass(frozen=True)
class CheckInState:
    """One follow-up of one run: when it is due, and how far the user is with it."""

    follow_up: FollowUp
    run_number: int
    due: date
    until: date | None
    """The day the next check-in falls due (this one lapses quietly then); None for the last."""
    complete: bool
    started: bool

    @property
    def module(self) -> Module:
        return self.follow_up.module

    @property
    def name(self) -> str:
        """``1 week on``."""
        return describe_after(self.follow_up.after)

    def is_open(self, today: date) -> bool:
        """Due, not yet complete, and not yet replaced by the next one."""
        return self.due <= today and not self.complete and (self.until is None or today < self.until)


def schedule(program: Program, run: ScheduledRun) -> list[CheckInState]:
    """The run's follow-ups with their due dates, in order; empty while the run's last day is not done."""
    finished = finished_on(program, run)
    if finished is None:
        return []
    dues = [due_date(finished, follow_up.after) for follow_up in program.follow_ups]
    states = []
    for index, follow_up in enumerate(program.follow_ups):
        progress = day_progress(run, follow_up.module)
        until = dues[index + 1] if index + 1 < len(dues) else None
        states.append(
            CheckInState(
                follow_up, run.number, dues[index], until, progress.finished, progress.started
            )
        )
    return states


def open_check_in(program: Program, run: ScheduledRun | None, today: date) -> CheckInState | None:
    """The check-in home offers today for the current run, or None (most days)."""
    if run is None:
        return None
    return next((state for state in schedule(program, run) if state.is_open(today)), None)


def next_check_in(program: Program, run: ScheduledRun | None, today: date) -> CheckInState | None:
    """The next check-in still to come (due after today), for a calm "the next check-in is ..." line."""
    if run is None:
        return None
    return next((s for s in schedule(program, run) if s.due > today and not s.complete), None)


# --------------------------------------------------------------------------------------------------------
# What a follow-up looks back at: the run's commitments, as last revised
# --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CommitmentItem:
    """One commitment of the run, as a follow-up shows it: where it was made and its plan as it stands."""

    step: CommitmentStep
    module: Module
    plan: CommitmentValue
    """The plan as first written."""
    revised: str
    """The plan as last rewritten at an earlier follow-up, or empty."""

    @property
    def current(self) -> str:
        """The plan as it stands now, in one piece: the latest revision, else the if-then plan."""
        return self.revised or plan_sentence(self.plan)


@dataclass(frozen=True)
class Outcome:
    """What one follow-up says of one commitment."""

    after: str
    happened: str
    """``yes``, ``partly``, ``no``, or empty."""
    revised: str


def commitments_of(
    program: Program, run: AnswerSource, *, before: Module | None = None
) -> list[CommitmentItem]:
    """The commitments the run has written on its days, each with its latest revision from the follow-ups
    that come before ``before`` (all of them when None)."""
    revisions = _revisions(program, run, before)
    items = []
    for module in program.modules:
        for step in module.steps:
            if not isinstance(step, CommitmentStep):
                continue
            answer = run.answer(step.id)
            if answer is None or not isinstance(answer.value, CommitmentValue) or not answer.value.is_plan():
                continue
            items.append(CommitmentItem(step, module, answer.value, revisions.get(step.id, "")))
    return items


def outcomes_of(program: Program, run: AnswerSource, step_id: str) -> list[Outcome]:
    """What every follow-up answered of the commitment ``step_id``, in order (answered ones only)."""
    found = []
    for follow_up in program.follow_ups:
        for value in _follow_through_values(follow_up.module, run):
            happened, revised = value.entry(step_id)
            if happened or revised.strip():
                found.append(Outcome(follow_up.after, happened, revised.strip()))
    return found


def _follow_through_values(module: Module, run: AnswerSource) -> list[FollowThroughValue]:
    values = []
    for step in module.steps:
        if isinstance(step, FollowThroughStep):
            answer = run.answer(step.id)
            if answer is not None and isinstance(answer.value, FollowThroughValue):
                values.append(answer.value)
    return values


def _revisions(program: Program, run: AnswerSource, before: Module | None) -> dict[str, str]:
    revisions: dict[str, str] = {}
    for follow_up in program.follow_ups:
        if follow_up.module is before:
            break
        for value in _follow_through_values(follow_up.module, run):
            for step_id, revised in zip(value.steps, value.revised, strict=False):
                if revised.strip():
                    revisions[step_id] = revised.strip()
    return revisions


def follow_up_modules(program: Program) -> Sequence[Module]:
    return tuple(follow_up.module for follow_up in program.follow_ups)


# --------------------------------------------------------------------------------------------------------
# What home says: one calm line, never more
# --------------------------------------------------------------------------------------------------------


def check_in_line(state: CheckInState) -> str:
    """Home's line while a check-in is open: what it is, how long, and that leaving it costs nothing."""
    begun = "You began it; it is saved as you left it. " if state.started else ""
    return (
        f"A check-in is open: {state.name}, about {state.module.minutes} minutes. {begun}Answer it whenever "
        "suits you, or not at all: nothing is lost either way."
    )


def check_in_label(state: CheckInState) -> str:
    """Home's Continue button while a check-in is open."""
    return f"{'Continue' if state.started else 'Begin'} the check-in: {state.name}"


def next_check_in_line(state: CheckInState) -> str:
    """``The next check-in (1 month on) opens on 7 January 2027.``"""
    return f"The next check-in ({state.name}) opens on {state.due.day} {state.due:%B %Y}."
