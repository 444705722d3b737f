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

    @property
    def from_earlier_version(self) -> bool:
        return self.step is None

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
