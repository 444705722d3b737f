"""Every answer, by run and day, for the review screen: searchable, with earlier-version answers kept."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from workshop.content.models import Module, Program, Step
from workshop.flow.describe import describe_value
from workshop.progress.answers import Answer


class ReviewRun(Protocol):
    """The part of a journal run the review needs."""

    number: int

    def answers(self, module_id: str) -> dict[str, Answer]: ...


@dataclass(frozen=True)
class ReviewEntry:
    """One answer as the review shows it."""

    run_number: int
    module: Module
    step: Step | None
    """None when the step is gone from the content: the answer is "from an earlier version"."""
    answer: Answer
    text: str

    @property
    def title(self) -> str:
        return self.step.title if self.step else f"{self.answer.step_id} (from an earlier version)"

    def matches(self, query: str) -> bool:
        needle = query.casefold().strip()
        return not needle or needle in self.title.casefold() or needle in self.text.casefold()


def review_entries(program: Program, runs: Iterable[ReviewRun]) -> list[ReviewEntry]:
    """Answers of every run, newest run first, days in order, steps in content order, earlier ones last."""
    entries: list[ReviewEntry] = []
    for run in sorted(runs, key=lambda r: r.number, reverse=True):
        for module in program.modules:
            saved = run.answers(module.id)
            for step in module.steps:
                answer = saved.get(step.id)
                if answer is not None and not answer.value.is_empty():
                    entries.append(
                        ReviewEntry(run.number, module, step, answer, describe_value(answer.value, step))
                    )
            for step_id, answer in saved.items():
                if module.step(step_id) is None and not answer.value.is_empty():
                    entries.append(
                        ReviewEntry(run.number, module, None, answer, describe_value(answer.value))
                    )
    return entries


def search(entries: Sequence[ReviewEntry], query: str, run_number: int | None = None) -> list[ReviewEntry]:
    return [e for e in entries if e.matches(query) and (run_number is None or e.run_number == run_number)]


# --------------------------------------------------------------------------------------------------------
# Then and now: one question, two runs side by side
# --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Side:
    """One run's answer to the question, or None when that run has none."""

    run_number: int
    answer: Answer | None
    text: str


@dataclass(frozen=True)
class ThenAndNow:
    """The same question's answers from two runs: ``then`` shown on the left, ``now`` on the right."""

    title: str
    question: str | None
    then: Side
    now: Side


def default_pair(run_numbers: Iterable[int]) -> tuple[int, int] | None:
    """The newest two runs (older first), or None with fewer than two."""
    newest = sorted(set(run_numbers))[-2:]
    return (newest[0], newest[1]) if len(newest) == 2 else None


def then_and_now(entry: ReviewEntry, runs: Iterable[ReviewRun], pair: tuple[int, int]) -> ThenAndNow:
    """``entry``'s question with its answers from the two runs in ``pair``, in that order."""
    by_number = {run.number: run for run in runs}
    earlier, later = pair
    step_id = entry.answer.step_id

    def side(number: int) -> Side:
        run = by_number.get(number)
        answer = run.answers(entry.module.id).get(step_id) if run is not None else None
        if answer is None or answer.value.is_empty():
            return Side(number, None, "")
        return Side(number, answer, describe_value(answer.value, entry.step))

    question = getattr(entry.step, "question", None) if entry.step is not None else None
    return ThenAndNow(entry.title, question, side(earlier), side(later))
