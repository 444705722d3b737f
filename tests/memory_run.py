"""A run held in memory, and sample answers for any step: for plain tests of the flow (no disk, no Textual).

``MemoryRun`` is what ``workshop.flow.run_view`` asks of a run (``RunWriter`` and ``RunRecord``), so the
day walk, the completion rules, the exports and the review can all be driven in milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from workshop.answers import VALUE_FIELDS, Answer, ItemScoresValue, RatingsValue, Value
from workshop.content.instruments import INSTRUMENTS
from workshop.content.models import CheckStep, FeedbackStep, ScaleStep, StepBase

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@dataclass
class MemoryRun:
    """A run in memory: answers by module, steps marked done, the position; a clock a minute per change."""

    number: int = 1
    program_version: str = "1.0"
    started: datetime = START
    finished: datetime | None = None
    position: tuple[str, str] | None = None
    saved: dict[str, dict[str, Answer]] = field(default_factory=dict)
    done: dict[str, set[str]] = field(default_factory=dict)
    changes: int = 0

    def _now(self) -> datetime:
        self.changes += 1
        return START + timedelta(minutes=self.changes)

    # -- reading

    @property
    def last_activity(self) -> datetime | None:
        return START + timedelta(minutes=self.changes) if self.changes else None

    def answer(self, step_id: str) -> Answer | None:
        return next((m[step_id] for m in self.saved.values() if step_id in m), None)

    def answers(self, module_id: str) -> dict[str, Answer]:
        return dict(self.saved.get(module_id, {}))

    def done_steps(self, module_id: str) -> frozenset[str]:
        return frozenset(self.done.get(module_id, set()))

    def module_ids(self) -> tuple[str, ...]:
        return tuple(sorted(set(self.saved) | set(self.done)))

    # -- changing

    def set_answer(self, module_id: str, step_id: str, value: Value) -> None:
        old = self.answer(step_id)
        now = self._now()
        self.saved.setdefault(module_id, {})[step_id] = Answer(step_id, value, old.created if old else now, now)

    def clear_answer(self, module_id: str, step_id: str) -> None:
        self.saved.get(module_id, {}).pop(step_id, None)
        self._now()

    def mark_done(self, module_id: str, step_id: str) -> None:
        self.done.setdefault(module_id, set()).add(step_id)
        self._now()

    def set_position(self, module_id: str, step_id: str) -> None:
        self.position = (module_id, step_id)

    def mark_finished(self) -> None:
        self.finished = self.finished or self._now()


SAMPLE_FIELDS: dict[str, Any] = {
    "text": "Words of my own\nover two lines",
    "integer": 7,
    "texts": ("first of mine", "second of mine"),
    "scores": (3, None, 2, 4, 5),
}


def sample_value(value_type: type[Value], step: StepBase | None = None) -> Value:
    """A value of ``value_type`` with every field set, built from its fields (and fitted to a check or a
    scale step, so that it is an answer the step could really hold)."""
    fields = {spec.name: SAMPLE_FIELDS[spec.kind] for spec in VALUE_FIELDS[value_type]}
    if "value" in fields and isinstance(step, ScaleStep):
        fields["value"] = min(max(fields["value"], step.low), step.high)
    value = value_type(**fields)
    if isinstance(value, ItemScoresValue):
        instrument = step.instrument if isinstance(step, CheckStep) else "who5"
        count = len(INSTRUMENTS[instrument].items)
        value = ItemScoresValue(instrument, tuple((3 if i or count == 1 else None) for i in range(count)))
    if isinstance(value, RatingsValue):
        ids = tuple(q.id for q in step.questions) if isinstance(step, FeedbackStep) else value.questions
        value = RatingsValue(ids, tuple((None if i and i == len(ids) - 1 else 4) for i in range(len(ids))))
    return value
