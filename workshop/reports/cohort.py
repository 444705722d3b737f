"""A cohort's scores, summarised for the facilitator's report: group figures only, never one person's.

It reads the scores files a group shared (``workshop.reports.scores``), counts each run once, and computes,
for each measurement point, how many took part; the WHO-5 and burnout medians, quartiles and the share at
or under their cut-offs; the paired change from the start to every later point, with a 95% confidence
interval; each scale's median and quartiles; and each feedback question's median and answers.

The privacy rule: every figure computed from fewer than ``min_group`` people (at least
``MIN_GROUP``, five) is withheld, as a ``Withheld`` that says how many people it would have come from.
Counts of people are always shown: they say nothing about anyone's answers, and tell the reader why a
figure is missing.

Plain Python: the ``statistics`` and ``math`` modules, and a t quantile of our own (``t_quantile``).
"""

from __future__ import annotations

import math
import os
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from workshop.content.instruments import (
    BURNOUT_FROM_OPTION,
    WHO5_MEANINGFUL_CHANGE,
    WHO5_SCREENING_AT_OR_BELOW,
)
from workshop.reports.scores import Measurement, Scores, ScoresError, ScoresFile, point_order, read_scores

MIN_GROUP = 5
"""The smallest group any figure is computed from. ``--min-group`` can raise it, never lower it."""
CONFIDENCE = 0.95
"""The confidence level of every interval in the report."""
QUARTILES: Literal["inclusive"] = "inclusive"
"""``statistics.quantiles`` method: linear interpolation between the data, the quartiles of most
spreadsheets and of R's default (type 7); never beyond the lowest or highest answer."""


# --------------------------------------------------------------------------------------------------------
# The figures
# --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Withheld:
    """A figure not shown because it would come from fewer people than the minimum group."""

    people: int


@dataclass(frozen=True)
class Share:
    """``count`` of ``people``, such as those at or under a cut-off."""

    count: int
    people: int

    @property
    def percent(self) -> int:
        """Rounded to a whole percent, halves up."""
        return math.floor(100 * self.count / self.people + 0.5)


@dataclass(frozen=True)
class Spread:
    """The median and the quartiles (the middle half of the group lies between ``q1`` and ``q3``)."""

    people: int
    median: float
    q1: float
    q3: float


@dataclass(frozen=True)
class Level:
    """A check at one point: its spread, and how many are at or beyond the instrument's cut-off."""

    spread: Spread
    flagged: Share

    @property
    def people(self) -> int:
        return self.spread.people


@dataclass(frozen=True)
class PairedChange:
    """The change from one point to a later one, in the people who answered at both."""

    people: int
    mean: float
    low: float
    high: float
    """``low`` to ``high``: the 95% confidence interval of the mean change (t distribution)."""
    better: Share
    worse: Share


@dataclass(frozen=True)
class Comparison:
    before: str
    after: str
    change: PairedChange | Withheld


@dataclass(frozen=True)
class ScaleId:
    """A scale step and its range; the same step with another range is summarised apart."""

    step: str
    low: int
    high: int


@dataclass(frozen=True)
class FeedbackSummary:
    people: int
    median: float
    counts: tuple[int, ...]
    """How many chose each answer, 1 to 5."""


@dataclass(frozen=True)
class PointSummary:
    """Everything at one measurement point. ``None``: nobody answered that part there."""

    point: str
    people: int
    weeks: tuple[str, str] | None
    """The first and last ISO week answered in (shown only for a big enough group)."""
    who5: Level | Withheld | None
    burnout: Level | Withheld | None
    scales: tuple[tuple[ScaleId, Spread | Withheld], ...]
    feedback: tuple[tuple[str, FeedbackSummary | Withheld], ...]
    """Scales and questions in the order they first appear in the files (the program's and the form's)."""
    feedback_people: int
    """How many answered at least one feedback question here."""


@dataclass(frozen=True)
class Refused:
    """A file left out, and why (``kind`` as in ``ScoresError``, or ``duplicate``)."""

    path: Path
    kind: str
    reason: str


@dataclass(frozen=True)
class Cohort:
    min_group: int
    people: int
    """Runs counted, each once: one per person (someone who shared two runs of the program counts twice)."""
    versions: tuple[tuple[str, int], ...]
    """Each program version among the files, with how many files had it."""
    points: tuple[PointSummary, ...]
    who5_changes: tuple[Comparison, ...]
    burnout_changes: tuple[Comparison, ...]
    left_out: tuple[Refused, ...]


# --------------------------------------------------------------------------------------------------------
# Reading a cohort: folders, refusals, each run once
# --------------------------------------------------------------------------------------------------------


def scores_paths(paths: Iterable[Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Each file as given, and the ``*.json`` files (not hidden, not in sub-folders) of each folder; and
    each folder that gave none, with why (it holds none, or it cannot be read).

    The same file named twice (or through a folder and by name) is read once.
    """
    found: list[Path] = []
    problems: list[tuple[Path, str]] = []
    seen: set[str] = set()
    for path in paths:
        entries = [path]
        if path.is_dir():
            try:
                entries = sorted(
                    Path(entry.path)
                    for entry in os.scandir(path)
                    if entry.name.lower().endswith(".json") and not entry.name.startswith(".")
                )
            except OSError as failure:
                problems.append((path, f"cannot be read ({failure.strerror or 'an unexpected error'})"))
                continue
            if not entries:
                problems.append((path, "holds no .json files"))
        for entry in entries:
            key = os.path.realpath(entry)
            if key not in seen:
                seen.add(key)
                found.append(entry)
    return found, problems


def read_cohort(paths: Sequence[Path], program: str) -> tuple[list[ScoresFile], list[Refused]]:
    """Read every file; a file that cannot be used is refused by name and reason, never fatal to the rest."""
    files: list[ScoresFile] = []
    refused: list[Refused] = []
    for path in paths:
        try:
            files.append(read_scores(path, program))
        except ScoresError as error:
            refused.append(Refused(path, error.kind, error.reason))
    return files, refused


def count_runs_once(files: Sequence[ScoresFile]) -> tuple[list[ScoresFile], list[Refused]]:
    """One file per run id; the others are set aside, each with the name of the file kept instead.

    A run shared twice is usually an earlier and a later export of it, so the file with the most
    measurement points is kept; on a tie, the one with more answers; then the first by path, so the
    choice never depends on the order the files were given in.
    """
    by_run: dict[str, list[ScoresFile]] = defaultdict(list)
    for file in files:
        by_run[file.scores.run].append(file)
    kept: list[ScoresFile] = []
    set_aside: list[Refused] = []
    for group in by_run.values():
        ranked = sorted(group, key=lambda f: (-len(f.scores.points), -f.scores.answers, str(f.path)))
        keep = ranked[0]
        kept.append(keep)
        for other in ranked[1:]:
            set_aside.append(Refused(other.path, "duplicate", _why_not(other.scores, keep)))
    kept.sort(key=lambda f: str(f.path))
    return kept, set_aside


def _why_not(scores: Scores, kept: ScoresFile) -> str:
    """Why a second file of a run was set aside for ``kept``."""
    name = kept.path.name
    if scores == kept.scores:
        return f"the same run as {name}, with the same scores: counted once"
    if len(kept.scores.points) > len(scores.points):
        return f"the same run as {name}, which holds more points and was counted instead"
    if kept.scores.answers > scores.answers:
        return f"the same run as {name}, which holds more answers and was counted instead"
    return f"the same run as {name}, with other scores as many: {name} comes first by name and was counted"


# --------------------------------------------------------------------------------------------------------
# Statistics
# --------------------------------------------------------------------------------------------------------


def spread(values: Sequence[float]) -> Spread:
    """Median and quartiles of at least two values."""
    q1, _, q3 = statistics.quantiles(values, n=4, method=QUARTILES)
    return Spread(len(values), statistics.median(values), q1, q3)


def paired_change(
    pairs: Sequence[tuple[int, int]], better: Callable[[int], bool], worse: Callable[[int], bool]
) -> PairedChange:
    """Mean of ``after - before`` with its 95% t interval, and how many changed for the better or worse."""
    differences = [after - before for before, after in pairs]
    people = len(differences)
    mean = statistics.fmean(differences)
    half = t_quantile(0.5 + CONFIDENCE / 2, people - 1) * statistics.stdev(differences) / math.sqrt(people)
    return PairedChange(
        people,
        mean,
        mean - half,
        mean + half,
        Share(sum(better(d) for d in differences), people),
        Share(sum(worse(d) for d in differences), people),
    )


def t_quantile(p: float, df: float) -> float:
    """The ``p`` quantile of Student's t distribution with ``df`` degrees of freedom.

    Found by bisection on ``t_cdf`` to about twelve significant digits; tested against printed tables and
    the closed forms for one and two degrees of freedom.
    """
    if not 0 < p < 1 or not df > 0:
        raise ValueError("t_quantile needs 0 < p < 1 and df > 0")
    if p == 0.5:
        return 0.0
    if p < 0.5:
        return -t_quantile(1 - p, df)
    low, high = 0.0, 1.0
    while t_cdf(high, df) < p:
        low, high = high, high * 2
    while high - low > 1e-12 * high:
        middle = (low + high) / 2
        if t_cdf(middle, df) < p:
            low = middle
        else:
            high = middle
    return (low + high) / 2


def t_cdf(t: float, df: float) -> float:
    """P(T <= t) for Student's t with ``df`` degrees of freedom, through the regularized incomplete beta."""
    tail = 0.5 * _incomplete_beta(df / (df + t * t), df / 2, 0.5)
    return 1 - tail if t > 0 else tail


def _incomplete_beta(x: float, a: float, b: float) -> float:
    """The regularized incomplete beta function I_x(a, b), by its continued fraction (modified Lentz)."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    log_front = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    front = math.exp(log_front)
    # The fraction converges fast on the side of the mean; use the symmetry I_x(a,b) = 1 - I_(1-x)(b,a).
    if x < (a + 1) / (a + b + 2):
        return front * _beta_fraction(x, a, b) / a
    return 1 - front * _beta_fraction(1 - x, b, a) / b


def _beta_fraction(x: float, a: float, b: float) -> float:
    tiny = 1e-300

    def guard(value: float) -> float:
        return tiny if abs(value) < tiny else value

    c, d = 1.0, 1 / guard(1 - (a + b) * x / (a + 1))
    result = d
    for m in range(1, 100_000):
        even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
        d = 1 / guard(1 + even * d)
        c = guard(1 + even / c)
        result *= d * c
        odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
        d = 1 / guard(1 + odd * d)
        c = guard(1 + odd / c)
        step = d * c
        result *= step
        if abs(step - 1) < 1e-15:
            break
    return result


# --------------------------------------------------------------------------------------------------------
# The cohort
# --------------------------------------------------------------------------------------------------------


def who5_low(percent: int) -> bool:
    """At or under the WHO-5 screening cut-off (percentage score <= 50)."""
    return percent <= WHO5_SCREENING_AT_OR_BELOW


def burnout_high(option: int) -> bool:
    """Burnout option 3 or higher."""
    return option >= BURNOUT_FROM_OPTION


def summarise(
    files: Sequence[ScoresFile], *, min_group: int = MIN_GROUP, left_out: Sequence[Refused] = ()
) -> Cohort:
    """The cohort's figures. ``files`` must already be counted once per run (``count_runs_once``)."""
    if min_group < MIN_GROUP:
        raise ValueError(f"the minimum group is {MIN_GROUP} or more")
    runs = [file.scores for file in files]
    names = sorted({m.point for scores in runs for m in scores.points}, key=point_order)
    points = tuple(_point(name, [m for s in runs if (m := s.at(name))], min_group) for name in names)
    versions = Counter(scores.program_version for scores in runs)
    return Cohort(
        min_group=min_group,
        people=len(runs),
        versions=tuple(sorted(versions.items(), key=lambda item: _version_key(item[0]))),
        points=points,
        who5_changes=_changes(
            runs,
            names,
            lambda m: m.who5.percent if m.who5 else None,
            min_group,
            better=lambda d: d >= WHO5_MEANINGFUL_CHANGE,
            worse=lambda d: d <= -WHO5_MEANINGFUL_CHANGE,
        ),
        burnout_changes=_changes(
            runs, names, lambda m: m.burnout, min_group, better=lambda d: d <= -1, worse=lambda d: d >= 1
        ),
        left_out=tuple(left_out),
    )


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def _point(name: str, measured: list[Measurement], min_group: int) -> PointSummary:
    enough = len(measured) >= min_group
    weeks = sorted(m.week for m in measured)
    who5 = [m.who5.percent for m in measured if m.who5]
    burnout = [m.burnout for m in measured if m.burnout is not None]
    scales: dict[ScaleId, list[int]] = defaultdict(list)
    feedback: dict[str, list[int]] = defaultdict(list)
    for m in measured:
        for step, scale in m.scales.items():
            scales[ScaleId(step, scale.low, scale.high)].append(scale.value)
        for question, answer in m.feedback.items():
            feedback[question].append(answer)
    return PointSummary(
        point=name,
        people=len(measured),
        weeks=(weeks[0], weeks[-1]) if enough else None,
        who5=_level(who5, who5_low, min_group),
        burnout=_level(burnout, burnout_high, min_group),
        scales=tuple(
            (scale, spread(values) if len(values) >= min_group else Withheld(len(values)))
            for scale, values in scales.items()
        ),
        feedback=tuple(
            (question, _feedback(answers) if len(answers) >= min_group else Withheld(len(answers)))
            for question, answers in feedback.items()
        ),
        feedback_people=sum(bool(m.feedback) for m in measured),
    )


def _level(values: list[int], flagged: Callable[[int], bool], min_group: int) -> Level | Withheld | None:
    if not values:
        return None
    if len(values) < min_group:
        return Withheld(len(values))
    return Level(spread(values), Share(sum(flagged(v) for v in values), len(values)))


def _feedback(answers: list[int]) -> FeedbackSummary:
    counts = Counter(answers)
    return FeedbackSummary(len(answers), statistics.median(answers), tuple(counts[o] for o in range(1, 6)))


def _changes(
    runs: Sequence[Scores],
    names: Sequence[str],
    value: Callable[[Measurement], int | None],
    min_group: int,
    *,
    better: Callable[[int], bool],
    worse: Callable[[int], bool],
) -> tuple[Comparison, ...]:
    """From the start to every later point where someone answered both."""
    comparisons = []
    for after in names:
        if after == "start":
            continue
        pairs = []
        for scores in runs:
            first, later = scores.at("start"), scores.at(after)
            before_value = value(first) if first else None
            after_value = value(later) if later else None
            if before_value is not None and after_value is not None:
                pairs.append((before_value, after_value))
        if not pairs:
            continue
        change = paired_change(pairs, better, worse) if len(pairs) >= min_group else Withheld(len(pairs))
        comparisons.append(Comparison("start", after, change))
    return tuple(comparisons)
