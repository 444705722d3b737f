"""Shared by the scores tests: journals of the shipped program full of distinctive words and numbers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.clocks import SteppingClock
from workshop.answers import (
    ChoicesValue,
    CommitmentValue,
    IntegerValue,
    ItemScoresValue,
    ItemsValue,
    RankedValue,
    RatingsValue,
    TextValue,
    Value,
)
from workshop.content.models import (
    CheckStep,
    ChoiceStep,
    CommitmentStep,
    FeedbackStep,
    ListStep,
    Program,
    PromptStep,
    RankStep,
    RecapStep,
    ScaleStep,
    Step,
)
from workshop.journal.store import Journal, Run

MARCH = datetime(2026, 3, 2, 18, 30, tzinfo=UTC)  # a Monday: ISO week 2026-W10


class Words:
    """Distinctive words, each used once, all remembered so the file can be searched for every one."""

    def __init__(self, tag: str) -> None:
        self.tag = tag
        self.used: list[str] = []

    def __call__(self) -> str:
        word = f"{self.tag}{len(self.used):03d}zq"
        self.used.append(word)
        return word


def answer_for(step: Step, words: Words, level: int) -> Value | None:
    """A full answer to ``step``: words wherever a step takes words, ``level`` (0-4) in every number."""
    match step:
        case PromptStep() | RecapStep():
            return TextValue(f"{words()} and {words()}\n{words()}")
        case ScaleStep():
            return IntegerValue(min(step.low + 2 + level, step.high))
        case ChoiceStep():
            return ChoicesValue(tuple(step.options[:1]), words() if step.allow_other else "")
        case ListStep():
            return ItemsValue(tuple(words() for _ in range(step.max_items)))
        case RankStep():
            return RankedValue(tuple(step.options[: step.pick]))
        case CommitmentStep():
            return CommitmentValue(words(), words())
        case CheckStep() if step.instrument == "who5":
            return ItemScoresValue("who5", (level, 2, 3, 1, 4))
        case CheckStep():
            return ItemScoresValue("burnout", (1 + level,))
        case FeedbackStep():
            ids = tuple(question.id for question in step.questions)
            return RatingsValue(ids, tuple(1 + (level + index) % 5 for index in range(len(ids))))
    return None


def fill(program: Program, run: Run, words: Words, level: int = 2, clock: SteppingClock | None = None,
         days_apart: int = 7) -> None:
    """Answer every step; with ``clock``, each day ``days_apart`` days after the one before."""
    start = clock.now if clock else MARCH
    for index, module in enumerate(program.modules):
        if clock is not None:
            clock.now = start + timedelta(days=index * days_apart)
        for step in module.steps:
            value = answer_for(step, words, level)
            if value is not None:
                run.set_answer(module.id, step.id, value)
            else:
                run.mark_done(module.id, step.id)


def journal_with_runs(
    data_dir: Path,
    program: Program,
    count: int = 1,
    *,
    words: Words | None = None,
    level: int = 2,
    days_apart: int = 7,
) -> Words:
    """``count`` runs of the whole program, each day ``days_apart`` days after the one before; the numbers
    of the first run at ``level``, of the next one higher."""
    words = words or Words("quokka")
    clock = SteppingClock(MARCH, timedelta(seconds=20))
    with Journal.open(data_dir, program, clock=clock) as journal:
        for index in range(count):
            clock.now = MARCH + timedelta(days=index * 60)
            run = journal.new_run()
            fill(program, run, words, level=(level + index) % 5, clock=clock, days_apart=days_apart)
            journal.save(run)
    return words
