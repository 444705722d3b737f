"""Check-ins and scales across days and runs: the numbers behind the insight screen and the export's chart.

A *series* is one question asked at several points of the program (the WHO-5 at the start of day 1 and
the end of day 4; a scale whose question is repeated word for word on another day), with one line of
values per run. Plain data read from the runs; the published scoring comes from
``workshop.content.instruments``. Rendering is elsewhere (the export, the insight screen).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from workshop.answers import Answer, IntegerValue, ItemScoresValue
from workshop.content.instruments import (
    BURNOUT,
    BURNOUT_FROM_OPTION,
    BURNOUT_HIGHEST,
    INSTRUMENTS,
    WHO5,
    Change,
    CheckResult,
    result_for,
    who5_change,
)
from workshop.content.models import CheckStep, Module, Program, ScaleStep, Step
from workshop.flow.followups import module_label
from workshop.flow.run_view import NumberedRun, ReleasableRun


@dataclass(frozen=True)
class ChartedRun:
    """What the charts and the insight page read of a run: its number and its answers to the check-ins and
    scales, nothing else."""

    number: int
    answers: dict[str, Answer]

    def answer(self, step_id: str) -> Answer | None:
        return self.answers.get(step_id)


def charted_runs(program: Program, runs: Iterable[NumberedRun], *, let_go: bool = False) -> list[ChartedRun]:
    """The charted answers of every run, read in one pass: the series go through the runs many times, and
    a run opened from its index could be read from disk on each pass. With ``let_go``, a run read only for
    this (not read before) lets go of its other answers at once, as the review's runs do, so that a year
    of long answers is not held for a few numbers each (the insight page; an export's runs are let go by
    ``journal.store.OneAtATime`` once rendered, so it reads each run once)."""
    charted = [step.id for kind in (CheckStep, ScaleStep) for _, step in _steps_of(program, kind)]
    found = []
    for run in runs:
        read_for_this = run if let_go and isinstance(run, ReleasableRun) and not run.loaded else None
        answers = {step_id: answer for step_id in charted if (answer := run.answer(step_id)) is not None}
        if read_for_this is not None:
            read_for_this.release()
        found.append(ChartedRun(run.number, answers))
    return found


@dataclass(frozen=True)
class Series:
    """One question at several points of the program, one line of values per run."""

    title: str
    """What was asked, in a few words (``WHO-5 well-being (0-100)`` or the scale's question)."""
    points: tuple[str, ...]
    """Where it was asked, in order (``Day 1``, ``Day 4``)."""
    low: int
    high: int
    lines: tuple[tuple[int, tuple[int | None, ...]], ...]
    """(run number, the value at each point or None), oldest run first."""

    @property
    def has_values(self) -> bool:
        return any(value is not None for _, values in self.lines for value in values)


@dataclass(frozen=True)
class CheckReading:
    """One check step of one run: its scored result, or why there is none."""

    step: CheckStep
    module: Module
    result: CheckResult | None
    answered: bool
    """True when something was answered (a partly answered check is not scored)."""
    when: datetime | None = None
    """When the answer was last changed: the end of the two weeks it looks back over."""

    def describe(self) -> str:
        if self.result is not None:
            return self.result.describe()
        return "not complete, so not scored" if self.answered else "not answered"


@dataclass(frozen=True)
class RunCheckins:
    """A run's first and last check of one instrument on the days, the WHO-5 change between them, and the
    same check at each follow-up."""

    run_number: int
    instrument_id: str
    before: CheckReading | None
    after: CheckReading | None
    follow_ups: tuple[CheckReading, ...] = ()
    """The check at each follow-up check-in of the program, in order (answered or not)."""

    @property
    def change(self) -> Change | None:
        if self.before is None or self.after is None:
            return None
        return who5_change(self.before.result, self.after.result)


def _steps_of(program: Program, kind: type[Step]) -> list[tuple[Module, Step]]:
    """Every step of ``kind`` in the days and then in the follow-up check-ins, in order."""
    return [
        (module, step) for module in program.all_modules for step in module.steps if isinstance(step, kind)
    ]


def _point_labels(program: Program, found: Sequence[tuple[Module, Step]]) -> tuple[str, ...]:
    names = [module_label(program, module) for module, _ in found]
    # Two points on the same day are told apart by their step titles.
    return tuple(
        name if names.count(name) == 1 else f"{name}: {step.title}"
        for name, (_, step) in zip(names, found, strict=True)
    )


def check_reading(run: NumberedRun, module: Module, step: CheckStep) -> CheckReading:
    answer = run.answer(step.id)
    value = answer.value if answer is not None else None
    if not isinstance(value, ItemScoresValue) or value.instrument != step.instrument:
        return CheckReading(step, module, None, False)
    result = result_for(value.instrument, value.scores)
    return CheckReading(step, module, result, not value.is_empty(), answer.updated if answer else None)


def _checks(program: Program, instrument_id: str) -> list[tuple[Module, CheckStep]]:
    return [
        (module, step)
        for module, step in _steps_of(program, CheckStep)
        if isinstance(step, CheckStep) and step.instrument == instrument_id
    ]


def run_checkins(program: Program, run: NumberedRun, instrument_id: str) -> RunCheckins:
    """The first and the last check of ``instrument_id`` on the days, and the same check at each follow-up,
    as this run answered them."""
    found = _checks(program, instrument_id)
    later = tuple(check_reading(run, module, step) for module, step in found if not module.is_day)
    checks = [(module, step) for module, step in found if module.is_day]
    if not checks:
        return RunCheckins(run.number, instrument_id, None, None, later)
    first = check_reading(run, *checks[0])
    last = check_reading(run, *checks[-1]) if len(checks) > 1 else None
    return RunCheckins(run.number, instrument_id, first, last, later)


def check_series(program: Program, runs: Iterable[NumberedRun], instrument_id: str) -> Series | None:
    """A check's scores at every point it is asked, per run (None if the program never asks it)."""
    checks = _checks(program, instrument_id)
    instrument = INSTRUMENTS.get(instrument_id)
    if not checks or instrument is None:
        return None
    ordered = sorted(runs, key=lambda run: run.number)
    lines = []
    for run in ordered:
        readings = [check_reading(run, module, step) for module, step in checks]
        lines.append((run.number, tuple(r.result.score if r.result else None for r in readings)))
    if instrument is WHO5:
        title, low, high = "WHO-5 well-being, 0 to 100 (higher is better)", 0, 100
    else:
        low, high = 1, BURNOUT_HIGHEST
        title = f"{BURNOUT.name}, option {low} to {high} ({BURNOUT_FROM_OPTION} or more: burnout)"
    return Series(title, _point_labels(program, checks), low, high, tuple(lines))


def scale_series(program: Program, runs: Iterable[NumberedRun]) -> list[Series]:
    """Each scale question with its answers at every day it is asked, per run.

    Scales are grouped by their question, word for word: the meaning scale of day 1 and day 4 make one
    series. A scale asked only once is still a series: it shows the change across runs.
    """
    groups: dict[str, list[tuple[Module, ScaleStep]]] = {}
    for module, step in _steps_of(program, ScaleStep):
        assert isinstance(step, ScaleStep)
        groups.setdefault(" ".join(step.question.casefold().split()), []).append((module, step))
    ordered = sorted(runs, key=lambda run: run.number)
    series = []
    for found in groups.values():
        first = found[0][1]
        lines = []
        for run in ordered:
            values = []
            for _, step in found:
                answer = run.answer(step.id)
                value = answer.value if answer is not None else None
                values.append(value.value if isinstance(value, IntegerValue) else None)
            lines.append((run.number, tuple(values)))
        title = f"{first.question} ({first.low} {first.low_label}, {first.high} {first.high_label})"
        series.append(Series(title, _point_labels(program, found), first.low, first.high, tuple(lines)))
    return series


def all_series(program: Program, runs: Sequence[NumberedRun]) -> list[Series]:
    """WHO-5, then burnout, then every scale: the series worth plotting (those with a value)."""
    found = [check_series(program, runs, WHO5.id), check_series(program, runs, BURNOUT.id)]
    found += scale_series(program, runs)
    return [series for series in found if series is not None and series.has_values]
