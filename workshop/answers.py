"""The answers a user gives, one type per kind of value. Plain frozen dataclasses, no I/O.

Which value type a step saves is decided by its kind (``value_type_for``); the store keeps the type's
``KIND`` in the file so an answer can be read back even when its step has since disappeared from the
content ("from an earlier version").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from workshop.content.models import Step



@dataclass(frozen=True)
class TextValue:
    """Free text: a prompt's reflection or a recap's synthesis."""

    KIND: ClassVar[str] = "text"
    text: str

    def is_empty(self) -> bool:
        return not self.text.strip()


@dataclass(frozen=True)
class IntegerValue:
    """A point on a scale."""

    KIND: ClassVar[str] = "integer"
    value: int

    def is_empty(self) -> bool:
        return False


@dataclass(frozen=True)
class ChoicesValue:
    """The options picked, in the order shown, and an optional option of the user's own."""

    KIND: ClassVar[str] = "choices"
    picked: tuple[str, ...] = ()
    other: str = ""

    def is_empty(self) -> bool:
        return not self.picked and not self.other.strip()


@dataclass(frozen=True)
class ItemsValue:
    """Short items, one per line (a list step)."""

    KIND: ClassVar[str] = "items"
    items: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        return not any(item.strip() for item in self.items)


@dataclass(frozen=True)
class RankedValue:
    """The options picked and put in order, most important first (a rank step)."""

    KIND: ClassVar[str] = "ordered"
    ranked: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        return not self.ranked


@dataclass(frozen=True)
class CommitmentValue:
    """One small, concrete action and when it will happen."""

    KIND: ClassVar[str] = "commitment"
    action: str = ""
    when: str = ""

    def is_empty(self) -> bool:
        return not self.action.strip()


@dataclass(frozen=True)
class ItemScoresValue:
    """The answers to a validated check (``check`` step): one score per item, None for an item left blank.

    ``instrument`` (``who5`` or ``burnout``) is kept with the scores, so the answer can still be read and
    scored if its step is later removed or renamed. Only a check with every item answered is scored.
    """

    KIND: ClassVar[str] = "scores"
    instrument: str = ""
    scores: tuple[int | None, ...] = ()

    def is_empty(self) -> bool:
        return all(score is None for score in self.scores)


Value = TextValue | IntegerValue | ChoicesValue | ItemsValue | RankedValue | CommitmentValue | ItemScoresValue
VALUE_TYPES: dict[str, type[Value]] = {
    t.KIND: t
    for t in (
        TextValue,
        IntegerValue,
        ChoicesValue,
        ItemsValue,
        RankedValue,
        CommitmentValue,
        ItemScoresValue,
    )
}


@dataclass(frozen=True)
class Answer:
    """A saved answer to one step, with when it was first given and last changed."""

    step_id: str
    value: Value
    created: datetime
    updated: datetime = field(compare=False)


def value_type_for(step: Step) -> type[Value] | None:
    """The value type a step saves, or None for steps that save nothing (reading, pause)."""
    # Imported here: reading a journal needs no content models (``workshop progress`` never loads them).
    from workshop.content.models import (
        CheckStep,
        ChoiceStep,
        CommitmentStep,
        ListStep,
        PromptStep,
        RankStep,
        RecapStep,
        ScaleStep,
    )

    match step:
        case PromptStep() | RecapStep():
            return TextValue
        case ScaleStep():
            return IntegerValue
        case ChoiceStep():
            return ChoicesValue
        case ListStep():
            return ItemsValue
        case RankStep():
            return RankedValue
        case CommitmentStep():
            return CommitmentValue
        case CheckStep():
            return ItemScoresValue
        case _:
            return None
