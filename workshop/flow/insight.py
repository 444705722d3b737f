"""Insight: what moved, within a run (day 1 against day 4) and across runs. Plain Python, no Textual.

The insight screen and the export show the same numbers; they come from ``workshop.flow.trends``
(the series) and ``workshop.content.instruments`` (the published scoring and how a change is named).
Here they become the few lines a person reads: scores with their change, and a comment only when the
change is meaningful (10 WHO-5 points or more). Nothing here looks at what the user wrote in words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from workshop.content.instruments import (
    BURNOUT,
    WHO5,
    WHO5_MEANINGFUL_CHANGE,
    WHO5_SCREENING_AT_OR_BELOW,
    Change,
    CheckResult,
    who5_change,
)
from workshop.content.models import Program
from workshop.flow.followups import module_label
from workshop.flow.run_view import NumberedRun
from workshop.flow.trends import CheckReading, RunCheckins, Series, all_series, charted_runs, run_checkins

NOT_A_DIAGNOSIS = (
    "These check-ins are for your own reflection. A score is not a diagnosis; if a number worries you, "
    "the support screen (ctrl+g) lists people to talk to."
)


@dataclass(frozen=True)
class RunInsight:
    """One run's check-ins: first and last WHO-5 and burnout answers."""

    run_number: int
    who5: RunCheckins
    burnout: RunCheckins

    @property
    def latest_who5(self) -> CheckResult | None:
        """The run's most recent complete WHO-5 result (the last follow-up answered, else day 4, else
        day 1)."""
        for reading in (*reversed(self.who5.follow_ups), self.who5.after, self.who5.before):
            if reading is not None and reading.result is not None:
                return reading.result
        return None


@dataclass(frozen=True)
class Insight:
    runs: tuple[RunInsight, ...]
    """Oldest run first."""
    series: tuple[Series, ...]
    earlier_runs: int = 0
    """Older runs left out (``NEWEST_RUNS``)."""

    def across_runs(self) -> list[tuple[int, int, Change]]:
        """(earlier run, later run, change) between each run's latest WHO-5 score and the run before's."""
        changes = []
        for earlier, later in zip(self.runs, self.runs[1:], strict=False):
            change = who5_change(earlier.latest_who5, later.latest_who5)
            if change is not None:
                changes.append((earlier.run_number, later.run_number, change))
        return changes

    @property
    def empty(self) -> bool:
        return not self.series


NEWEST_RUNS = 12
"""Runs the insight page shows: a year of monthly runs. Someone with twenty years of runs reads what moved
lately; 240 runs of lines and 240 lines in each chart would read as noise (and took 1.6 s and 35 MiB to
draw). Every run is in the export."""
EARLIER_RUNS = "Your newest {shown} runs of {total}. Every run's check-ins are in an export of your journal."


def insight(program: Program, runs: Sequence[NumberedRun]) -> Insight:
    """What moved in the newest ``NEWEST_RUNS`` runs: each run's check-ins, and the series across them."""
    newest = sorted(runs, key=lambda run: run.number)[-NEWEST_RUNS:]
    ordered = charted_runs(program, newest, let_go=True)
    per_run = tuple(
        RunInsight(run.number, run_checkins(program, run, WHO5.id), run_checkins(program, run, BURNOUT.id))
        for run in ordered
    )
    return Insight(per_run, tuple(all_series(program, ordered)), earlier_runs=len(runs) - len(newest))


def earlier_runs_line(found: Insight) -> str | None:
    """The line that says older runs are left out, when they are."""
    if not found.earlier_runs:
        return None
    return EARLIER_RUNS.format(shown=len(found.runs), total=len(found.runs) + found.earlier_runs)


RECALL_DAYS = 14
"""The WHO-5 asks about the last two weeks: two answers closer than this look back over shared days."""
OVERLAP = (
    "The first and the last answer on the days look back over mostly the same two weeks, so they cannot "
    "show what the days did; the check-ins after the program can."
)
AT_OR_UNDER_CUT_OFF = (
    "A WHO-5 score of {cut_off} or less is where its authors suggest asking how you really are, perhaps "
    "with your own doctor or someone you trust. It is not a diagnosis. The support screen (ctrl+g) lists "
    "people who understand clinicians' work."
)
SOURCES = (
    "About these numbers: the WHO-5 asks about the last two weeks; {change} points or more is the change its "
    "authors call meaningful; {cut_off} or less is its screening cut-off. Press f for the sources."
)
SOURCE_IDS = ("who-5", "topp-2015", "dolan-2015", "rohland-2004")
"""The program's references behind the check-ins' wording, shown by the insight's sources key."""


def _where(program: Program, reading: CheckReading) -> str:
    return module_label(program, reading.module).lower()


def _burnout_words(reading: CheckReading) -> str:
    if reading.result is not None and reading.result.indicates_burnout:
        return f"{reading.describe()} (in the range the measure counts as burnout)"
    return reading.describe()


def overlapping(earlier: CheckReading, later: CheckReading) -> bool:
    """True when the two answers were given less than two weeks apart: their windows share days."""
    if earlier.when is None or later.when is None:
        return False
    return later.when - earlier.when < timedelta(days=RECALL_DAYS)


def change_words(earlier: CheckReading | None, later: CheckReading | None) -> str | None:
    """The WHO-5 change between two answers, as the instrument allows it to be read: ``+12 points, a
    meaningful change``; ``+16 points, over overlapping weeks`` when the two look back over shared days
    (then no change is named meaningful); ``-4 points``. None unless both are complete."""
    if earlier is None or later is None:
        return None
    change = who5_change(earlier.result, later.result)
    if change is None:
        return None
    if change.meaningful and overlapping(earlier, later):
        return f"{change.delta:+d} points, over overlapping weeks"
    return change.describe()


def _who5_step(program: Program, earlier: CheckReading, later: CheckReading) -> str:
    """``; 1 week on 72 out of 100: +8 points from day 1``."""
    text = f"; {_where(program, later)} {later.describe()}"
    words = change_words(earlier, later)
    if words is not None:
        text += f": {words} from {_where(program, earlier)}"
    return text


def checkin_lines(run: RunInsight, program: Program) -> list[str]:
    """Plain lines for one run: WHO-5 on day 1, day 4 and at each follow-up, with the change from day 1;
    burnout the same; a note when day 1 and day 4 share their weeks; a gentle word when the latest WHO-5
    score is at or under the cut-off."""
    lines = []
    who5 = run.who5
    # Day 4 always (even "not answered", as before); a follow-up only once it holds an answer.
    later = [who5.after] if who5.after is not None else []
    later += [reading for reading in who5.follow_ups if reading.answered]
    if who5.before is not None:
        text = f"WHO-5 well-being: {_where(program, who5.before)} {who5.before.describe()}"
        for reading in later:
            text += _who5_step(program, who5.before, reading)
        lines.append(text + ".")
        if who5.after is not None and overlapping(who5.before, who5.after) and who5.after.result:
            lines.append(OVERLAP)
    burnout = run.burnout
    if burnout.before is not None:
        text = f"Burnout: {_where(program, burnout.before)} {_burnout_words(burnout.before)}"
        for index, each in enumerate((burnout.after, *burnout.follow_ups)):
            if each is not None and (index == 0 or each.answered):
                text += f"; {_where(program, each)} {_burnout_words(each)}"
        lines.append(text + ".")
    latest = run.latest_who5
    if latest is not None and latest.score <= WHO5_SCREENING_AT_OR_BELOW:
        lines.append(AT_OR_UNDER_CUT_OFF.format(cut_off=WHO5_SCREENING_AT_OR_BELOW))
    return lines


def sources_line() -> str:
    return SOURCES.format(change=WHO5_MEANINGFUL_CHANGE, cut_off=WHO5_SCREENING_AT_OR_BELOW)


def sources(program: Program) -> list[str]:
    """The check-ins' references as the program lists them, one line each with its address."""
    found = [ref for ref in program.references if ref.id in SOURCE_IDS]
    return [f"{ref.text}{f' {ref.url}' if ref.url else ''}" for ref in found]


def across_run_lines(found: Insight) -> list[str]:
    return [
        f"WHO-5 from run {earlier} to run {later}: {change.before} to {change.after}, {change.describe()}."
        for earlier, later, change in found.across_runs()
    ]


def series_lines(series: Series) -> list[str]:
    """The values of a plot as text, one line per run, so they read without the chart or colour."""
    lines = []
    for run_number, values in series.lines:
        if all(value is None for value in values):
            continue
        cells = [
            f"{point} {'-' if value is None else value}"
            for point, value in zip(series.points, values, strict=True)
        ]
        lines.append(f"Run {run_number}: " + ", ".join(cells))
    return lines
