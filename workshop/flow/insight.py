"""Insight: what moved, within a run (day 1 against day 4) and across runs. Plain Python, no Textual.

The insight screen and the export show the same numbers; they come from ``workshop.flow.trends``
(the series) and ``workshop.content.instruments`` (the published scoring and how a change is named).
Here they become the few lines a person reads: scores with their change, and a comment only when the
change is meaningful (10 WHO-5 points or more). Nothing here looks at what the user wrote in words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workshop.content.instruments import BURNOUT, WHO5, Change, CheckResult, who5_change
from workshop.content.models import Program
from workshop.flow.run_view import NumberedRun
from workshop.flow.trends import CheckReading, RunCheckins, Series, all_series, run_checkins

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
        """The run's most recent complete WHO-5 result (the last check, else the first)."""
        for reading in (self.who5.after, self.who5.before):
            if reading is not None and reading.result is not None:
                return reading.result
        return None


@dataclass(frozen=True)
class Insight:
    runs: tuple[RunInsight, ...]
    """Oldest run first."""
    series: tuple[Series, ...]

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


def insight(program: Program, runs: Sequence[NumberedRun]) -> Insight:
    ordered = sorted(runs, key=lambda run: run.number)
    per_run = tuple(
        RunInsight(run.number, run_checkins(program, run, WHO5.id), run_checkins(program, run, BURNOUT.id))
        for run in ordered
    )
    return Insight(per_run, tuple(all_series(program, ordered)))


def _where(reading: CheckReading) -> str:
    return f"day {reading.module.day}"


def _burnout_words(reading: CheckReading) -> str:
    if reading.result is not None and reading.result.indicates_burnout:
        return f"{reading.describe()} (in the range the measure counts as burnout)"
    return reading.describe()


def checkin_lines(run: RunInsight) -> list[str]:
    """Plain lines for one run: WHO-5 before, after and change; burnout before and after."""
    lines = []
    who5 = run.who5
    if who5.before is not None:
        text = f"WHO-5 well-being: {_where(who5.before)} {who5.before.describe()}"
        if who5.after is not None:
            text += f"; {_where(who5.after)} {who5.after.describe()}"
            change = who5.change
            if change is not None:
                text += f": {change.describe()}"
        lines.append(text + ".")
    burnout = run.burnout
    if burnout.before is not None:
        text = f"Burnout: {_where(burnout.before)} {_burnout_words(burnout.before)}"
        if burnout.after is not None:
            text += f"; {_where(burnout.after)} {_burnout_words(burnout.after)}"
        lines.append(text + ".")
    return lines


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
