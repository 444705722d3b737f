"""What the north-star page holds, gathered from one run: a page worth taking to a coach.

The north star and the thread that runs through the days; why medicine, what lights the user up, what they
move away from and toward (the goals); the values on day 1 and day 4 side by side; every if-then plan with
what each follow-up said of it; and the check-in scores before, after and at each follow-up. Which run:
the latest finished one unless the user chooses (a run just begun has nothing to show yet).

``sections`` lays the page out once, as plain data, for every place that shows it: the app, the plain
mode, the Markdown and HTML renderers (``workshop.reports.northstar``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal, TypeVar

from workshop.answers import CommitmentValue, ItemsValue, RankedValue, TextValue
from workshop.content.instruments import BURNOUT, WHO5
from workshop.content.models import CommitmentStep, Program, RankStep
from workshop.flow.describe import HAPPENED_WORDS
from workshop.flow.followups import describe_after, outcomes_of
from workshop.flow.plans import plan_sentence
from workshop.flow.run_view import NumberedRun, RunRecord
from workshop.flow.runs import select_runs, shown_answer
from workshop.flow.trends import CheckReading, run_checkins
from workshop.journal.errors import JournalError

STATEMENT_STEP = "north-star"
"""The step whose answer is the north-star statement (a recap or prompt)."""
GOALS_STEP = "three-goals"
"""The list step whose items are the goals: what the user moves toward."""
THREAD_STEP = "day-4-recap"
"""The recap whose answer is the thread running through the days."""
WHY_STEP = "why-medicine"
"""Why the user came to medicine."""
LIGHTS_STEP = "lights-you-up"
"""What lights the user up."""
AWAY_STEP = "running-from"
"""The list of what the user moves away from."""

EMPTY = "Not written yet."

R = TypeVar("R", bound=RunRecord)


@dataclass(frozen=True)
class PlanOutcome:
    """What one follow-up said of a plan."""

    when: str
    """``1 week on``."""
    happened: str
    """``Yes``, ``Partly``, ``Not yet`` or ``not answered``."""
    revised: str


@dataclass(frozen=True)
class Commitment:
    """One if-then plan of the run, with what the follow-ups said of it."""

    day: int
    title: str
    action: str
    when: str
    written: datetime
    """When the plan was last changed."""
    date: str = ""
    outcomes: tuple[PlanOutcome, ...] = ()

    @property
    def plan(self) -> str:
        """``When ..., I will ...``: the user's words joined into one sentence."""
        return plan_sentence(CommitmentValue(self.action, self.when))


@dataclass(frozen=True)
class ScoreRow:
    """The check-ins at one point of the run: ``Day 1``, ``Day 4``, ``1 week on``."""

    point: str
    who5: str
    burnout: str


@dataclass(frozen=True)
class NorthStar:
    """What the page shows, gathered from one run."""

    program_title: str
    run_number: int
    values: tuple[str, ...]
    """The values as last sorted (day 4's re-sort, else day 1's)."""
    statement: str
    goals: tuple[str, ...]
    commitments: tuple[Commitment, ...]
    thread: str = ""
    why: str = ""
    lights_up: str = ""
    away_from: tuple[str, ...] = ()
    values_before: tuple[str, ...] = ()
    """The first values sort (day 1)."""
    values_after: tuple[str, ...] = ()
    """The last values sort (day 4), when the program has two."""
    scores: tuple[ScoreRow, ...] = ()
    finished: datetime | None = None
    values_days: tuple[str, str] = ("Day 1", "Day 4")
    """Where the two sorts were made, as the table's headings."""

    @property
    def empty(self) -> bool:
        return not (self.values or self.statement.strip() or self.goals or self.commitments)


def _text(program: Program, run: NumberedRun, step_id: str) -> str:
    found = program.find_step(step_id)
    answer = shown_answer(run, found[1]) if found else None
    return answer.value.text.strip() if answer and isinstance(answer.value, TextValue) else ""


def _items(program: Program, run: NumberedRun, step_id: str) -> tuple[str, ...]:
    found = program.find_step(step_id)
    answer = shown_answer(run, found[1]) if found else None
    if answer is None or not isinstance(answer.value, ItemsValue):
        return ()
    return tuple(item.strip() for item in answer.value.items if item.strip())


def _sorts(program: Program, run: NumberedRun) -> list[tuple[str, tuple[str, ...]]]:
    """Every values sort the run answered, in program order, each with its day (``Day 1``)."""
    found = []
    for module in program.modules:
        for step in module.steps:
            answer = shown_answer(run, step) if isinstance(step, RankStep) else None
            if answer is not None and isinstance(answer.value, RankedValue) and answer.value.ranked:
                found.append((module.short_name, answer.value.ranked))
    return found


def top_values(program: Program, run: NumberedRun) -> tuple[str, ...]:
    """The values of the last values sort this run answered (day 4's re-sort, else day 1's)."""
    sorts = _sorts(program, run)
    return sorts[-1][1] if sorts else ()


def commitments(program: Program, run: NumberedRun) -> tuple[Commitment, ...]:
    """Every plan the run wrote on its days, with what each follow-up said of it."""
    found = []
    for module in program.modules:
        for step in module.steps:
            answer = shown_answer(run, step) if isinstance(step, CommitmentStep) else None
            if answer is None or not isinstance(answer.value, CommitmentValue) or not answer.value.is_plan():
                continue
            plan = answer.value
            said = HAPPENED_WORDS
            outcomes = tuple(
                PlanOutcome(describe_after(o.after), said.get(o.happened, "not answered"), o.revised)
                for o in outcomes_of(program, run, step.id)
            )
            found.append(
                Commitment(
                    module.day,
                    step.title,
                    plan.action.strip(),
                    plan.when.strip(),
                    answer.updated,
                    plan.date.strip(),
                    outcomes,
                )
            )
    return tuple(found)


def _score(reading: CheckReading | None) -> str:
    if reading is None or not reading.answered:
        return "-"
    if reading.result is None:
        return "not complete"
    return reading.result.describe()


def score_rows(program: Program, run: NumberedRun) -> tuple[ScoreRow, ...]:
    """WHO-5 and burnout on day 1, day 4 and at each follow-up answered."""
    who5, burnout = run_checkins(program, run, WHO5.id), run_checkins(program, run, BURNOUT.id)
    rows = []
    days = (("before", who5.before, burnout.before), ("after", who5.after, burnout.after))
    for when, a, b in days:
        found = a or b
        if found is not None and ((a and a.answered) or (b and b.answered)):
            rows.append(ScoreRow(f"{found.module.short_name} ({when})", _score(a), _score(b)))
    for follow_up, a, b in zip(program.follow_ups, who5.follow_ups, burnout.follow_ups, strict=False):
        if a.answered or b.answered:
            rows.append(ScoreRow(describe_after(follow_up.after).capitalize(), _score(a), _score(b)))
    return tuple(rows)


def gather(program: Program, run: RunRecord | NumberedRun) -> NorthStar:
    """The north-star page of ``run``."""
    sorts = _sorts(program, run)
    return NorthStar(
        program_title=program.title,
        run_number=run.number,
        values=sorts[-1][1] if sorts else (),
        statement=_text(program, run, STATEMENT_STEP),
        goals=_items(program, run, GOALS_STEP),
        commitments=commitments(program, run),
        thread=_text(program, run, THREAD_STEP),
        why=_text(program, run, WHY_STEP),
        lights_up=_text(program, run, LIGHTS_STEP),
        away_from=_items(program, run, AWAY_STEP),
        values_before=sorts[0][1] if sorts else (),
        values_after=sorts[-1][1] if len(sorts) > 1 else (),
        values_days=(sorts[0][0], sorts[-1][0]) if len(sorts) > 1 else ("", ""),
        scores=score_rows(program, run),
        finished=getattr(run, "finished", None),
    )


def choose_run(runs: Sequence[R], run_number: int | None, *, made: str = "the north-star page") -> R:
    """Run ``run_number``; else the latest finished run (a run just begun has nothing to show yet), else
    the newest. ``JournalError`` when there is none, saying what ``made`` (the page or file asked for)
    would have been made from."""
    if run_number is not None:
        return select_runs(runs, run_number)[0]
    if not runs:
        raise JournalError(f"there are no runs yet: {made} is made from your answers")
    finished = [run for run in runs if run.finished is not None]
    return max(finished or runs, key=lambda run: run.number)


def run_choice_label(run: RunRecord) -> str:
    """``Run 2, finished 5 March 2026`` or ``Run 3, begun 2 June 2026``: how the app lists a run."""
    if run.finished is not None:
        return f"Run {run.number}, finished {run.finished.day} {run.finished:%B %Y}"
    return f"Run {run.number}, begun {run.started.day} {run.started:%B %Y}"


# --------------------------------------------------------------------------------------------------------
# The page laid out once, for every place that shows it
# --------------------------------------------------------------------------------------------------------

SectionKind = Literal["statement", "text", "bullets", "numbered", "table"]


@dataclass(frozen=True)
class Section:
    """One part of the page: a heading and its content, in a shape each renderer knows how to draw."""

    title: str
    kind: SectionKind
    lines: tuple[str, ...] = ()
    """The text (``statement``, ``text``: its lines), or the items (``bullets``, ``numbered``)."""
    header: tuple[str, ...] = ()
    """A table's column headings."""
    rows: tuple[tuple[str, ...], ...] = ()
    """A table's rows."""
    note: str = ""
    """A line under the section, in a quieter voice."""
    details: tuple[tuple[str, ...], ...] = field(default_factory=tuple)
    """For ``bullets``: lines under each item (a plan's date and outcomes), one tuple per item."""

    @property
    def empty(self) -> bool:
        return not (self.lines or self.rows)


SCORES_NOTE = (
    "WHO-5: 0 to 100, higher is better; it asks about the last two weeks. Burnout: one question, options 1 "
    "to 5, 3 or more in the range the measure counts as burnout. Scores are for reflection, not diagnosis."
)


def _paragraphs(text: str) -> tuple[str, ...]:
    return tuple(text.splitlines()) if text.strip() else ()


def _plan_details(plan: Commitment) -> tuple[str, ...]:
    lines = [f"{'Day ' + str(plan.day) if plan.day else 'Written'}, {plan.title}"]
    if plan.date:
        lines[0] += f"; dated {plan.date}"
    for outcome in plan.outcomes:
        line = f"{outcome.when.capitalize()}: {outcome.happened}"
        lines.append(line + (f". Rewritten: {outcome.revised}" if outcome.revised else ""))
    return tuple(lines)


def sections(page: NorthStar) -> list[Section]:
    """The page's parts in reading order. An empty section still shows its heading, with ``EMPTY``."""
    found = [
        Section("My north star", "statement", _paragraphs(page.statement)),
        Section("The thread through the days", "text", _paragraphs(page.thread)),
    ]
    if page.values_after:
        longest = max(len(page.values_before), len(page.values_after))
        rows = tuple(
            (
                str(n + 1),
                page.values_before[n] if n < len(page.values_before) else "",
                page.values_after[n] if n < len(page.values_after) else "",
            )
            for n in range(longest)
        )
        header = ("", *page.values_days)
        found.append(Section("What matters most to me", "table", header=header, rows=rows))
    else:
        found.append(Section("What matters most to me", "numbered", page.values))
    found += [
        Section("What lights me up", "text", _paragraphs(page.lights_up)),
        Section("Why I came to medicine", "text", _paragraphs(page.why)),
        Section("Moving away from", "bullets", page.away_from),
        Section("Moving toward: my goals", "bullets", page.goals),
        Section(
            "My plans, and what became of them",
            "bullets",
            tuple(plan.plan for plan in page.commitments),
            details=tuple(_plan_details(plan) for plan in page.commitments),
        ),
        Section(
            "Check-ins",
            "table",
            header=("", "WHO-5 well-being", "Burnout"),
            rows=tuple((row.point, row.who5, row.burnout) for row in page.scores),
            note=SCORES_NOTE if page.scores else "",
        ),
    ]
    return found


def section_lines(section: Section) -> list[str]:
    """A section as plain lines, for the app's page and the plain mode (``EMPTY`` when nothing is there)."""
    if section.empty:
        return [EMPTY]
    match section.kind:
        case "statement" | "text":
            lines = list(section.lines)
        case "numbered":
            lines = [f"{n}. {value}" for n, value in enumerate(section.lines, start=1)]
        case "bullets":
            lines = []
            for index, item in enumerate(section.lines):
                lines.append(f"• {item}")
                details = section.details[index] if index < len(section.details) else ()
                lines += [f"    {detail}" for detail in details]
        case "table":
            table = (section.header, *section.rows)
            widths = [max(len(row[i]) for row in table) for i in range(len(section.header))]
            lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in table]
    if section.note:
        lines += ["", section.note]
    return lines
