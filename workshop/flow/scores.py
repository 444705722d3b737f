"""The numbers of one run that a participant may share: which answers, at which point, from which week.

Plain Python over the content and one run's answers; ``workshop.reports.scores`` turns what is gathered
here into a scores file (format 1, documented in docs/data.md) and says in plain words what it holds.

Only numbers leave: the WHO-5 items (when all five are answered), the burnout item, each ``scale`` step's
answer with its range, and each feedback form's ratings by question id. Never a word, a title, the run's
number, or a date: each point carries the date of its latest answer here, and the scores file keeps only
its ISO week.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Protocol

from workshop.answers import IntegerValue, ItemScoresValue, Value
from workshop.content.instruments import INSTRUMENTS
from workshop.content.models import CheckStep, FeedbackStep, Module, Program, ScaleStep, Step
from workshop.flow.answering import saved_ratings
from workshop.flow.followups import follow_up_point
from workshop.flow.run_view import AnswerSource


class ScoresRun(AnswerSource, Protocol):
    """A run as the scores file needs it: its answers, the program version it was started with, and the
    random id its scores file carries."""

    @property
    def program_version(self) -> str: ...

    @property
    def scores_id(self) -> str | None: ...

    def give_scores_id(self, new_id: str) -> str: ...


def measurement_point(program: Program, module: Module) -> str | None:
    """The point of the scores file that ``module``'s numbers belong to: ``start`` (the first day), ``end``
    (the last day), ``day-N`` (a day in between), or ``follow-up-<after>`` for a follow-up check-in
    (``follow-up-1w``, ``follow-up-1m``, ``follow-up-3m``, named by how long after the end it opens). The
    one place that maps the content to points.
    """
    after = follow_up_point(program, module.id)
    if after is not None:
        return f"follow-up-{after}"
    days = [each.day for each in program.modules]
    if module.day == min(days):
        return "start"
    if module.day == max(days):
        return "end"
    return f"day-{module.day}"


@dataclass
class PointNumbers:
    """Everything one run answered at one point, as numbers."""

    point: str
    answered: date
    """The local date of the latest answer gathered here: only its ISO week is shared."""
    who5: tuple[int, ...] | None = None
    burnout: int | None = None
    scales: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    """By step id: the answer, the scale's lowest and its highest value."""
    feedback: dict[str, int] = field(default_factory=dict)
    """By question id: the rating, 1 to 5."""


def gather_numbers(program: Program, run: AnswerSource) -> list[PointNumbers]:
    """Every point at which ``run`` answered a number, in the program's order. Answers to steps no longer in
    the program, an incomplete check and values outside today's range of their step are left out."""
    found: dict[str, PointNumbers] = {}
    for module in program.all_modules:
        point = measurement_point(program, module)
        if point is None:
            continue
        for step in module.steps:
            answer = run.answer(step.id)
            if answer is None:
                continue
            day = answer.updated.date()  # the local date it was written on, as its offset says
            numbers = found.get(point) or PointNumbers(point, day)
            if _add(numbers, step, answer.value):
                numbers.answered = max(numbers.answered, day)
                found[point] = numbers
    return list(found.values())


def _add(numbers: PointNumbers, step: Step, value: Value) -> bool:
    """Add the numbers ``value`` holds to ``numbers``; False when it holds none to share."""
    match step:
        case CheckStep() if isinstance(value, ItemScoresValue) and value.instrument == step.instrument:
            instrument = INSTRUMENTS[step.instrument]
            items = tuple(score for score in value.scores if score in instrument.scores)
            if len(items) != len(value.scores) or len(items) != len(instrument.items):
                return False  # an incomplete check is never scored, so never shared
            if instrument.id == "who5":
                numbers.who5 = items
            else:
                numbers.burnout = items[0]
            return True
        case ScaleStep() if isinstance(value, IntegerValue) and step.low <= value.value <= step.high:
            numbers.scales[step.id] = (value.value, step.low, step.high)
            return True
        case FeedbackStep():
            ratings = zip(step.questions, saved_ratings(step, value), strict=True)
            rated = {question.id: rating for question, rating in ratings if rating is not None}
            numbers.feedback.update(rated)
            return bool(rated)
    return False  # words, or a number that no longer fits its step


def scores_id_for(run: ScoresRun) -> str:
    """The id for the run's scores file: the one it was given before, or a fresh random one that the run
    keeps (``run.give_scores_id``) only once the file is written, so that a file declined leaves no trace.

    128 bits from ``secrets``: derived from nothing about the person, the machine, the run or the time.
    """
    return run.scores_id or secrets.token_hex(16)


def titles_of(program: Program) -> dict[str, str]:
    """The words the summary shows beside each id: a scale's question by step id, a feedback question's text
    by question id. Shown on the participant's screen only; never written into the file."""
    titles: dict[str, str] = {}
    for module in program.all_modules:
        for step in module.steps:
            if isinstance(step, ScaleStep):
                titles[step.id] = step.title
            elif isinstance(step, FeedbackStep):
                titles.update({question.id: question.text for question in step.questions})
    return titles


if TYPE_CHECKING:
    # mypy checks here that the journal's Run is a ScoresRun.
    from workshop.journal.store import Run

    def _the_journal_run_shares_scores(run: Run) -> ScoresRun:
        return run
