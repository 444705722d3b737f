"""The answers a user gives, one type per kind of value. Plain frozen dataclasses, no I/O.

Which value type a step saves is declared by its step class (``answer_type`` in
``workshop/content/models.py``); the store keeps the type's ``KIND`` in the file so an answer can be read
back even when its step has since disappeared from the content ("from an earlier version").

Everything that handles every value type is derived from the definitions here: ``VALUE_TYPES`` from the
``Value`` union, and ``VALUE_FIELDS`` (each type's fields and what kind of data each holds) from the
dataclasses themselves, which the journal's file format and its checks are built on. Adding a value type
means adding its class to ``Value``; a field of a type no codec knows is an error at import.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import datetime
from typing import ClassVar, Literal, get_args


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
    """An if-then plan: when ``when`` happens, I will do ``action``; and, if the user chose one, a date.

    ``when`` is the moment that sets the plan off ("I finish my last patient on Tuesday"); journals of
    format 1 called it the "when" of a commitment, and it reads the same. ``date`` is an ISO date
    (``2026-12-04``) or empty: only a dated commitment goes into the calendar file.
    """

    KIND: ClassVar[str] = "commitment"
    action: str = ""
    when: str = ""
    date: str = ""

    def is_empty(self) -> bool:
        # Any field counts: a "when" typed before the "I will" is the person's words, kept like any others.
        return not (self.action.strip() or self.when.strip() or self.date.strip())

    def is_plan(self) -> bool:
        """It says what the person will do: only such a plan is listed, followed up or put in a calendar."""
        return bool(self.action.strip())


@dataclass(frozen=True)
class FollowThroughValue:
    """A follow-up's look back at the run's commitments: for each, did it happen, and a revised plan.

    The tuples run in parallel, one entry per commitment: ``steps`` names the commitment step, ``plans``
    keeps the plan as it stood when the user looked back at it (so the answer reads on its own, even if
    the plan is later rewritten), ``happened`` is ``yes``, ``partly``, ``no`` or empty (not answered),
    ``revised`` the plan as the user rewrote it (empty: kept as it was).
    """

    KIND: ClassVar[str] = "follow-through"
    steps: tuple[str, ...] = ()
    plans: tuple[str, ...] = ()
    happened: tuple[str, ...] = ()
    revised: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        return not any(h.strip() for h in self.happened) and not any(r.strip() for r in self.revised)

    def entry(self, step_id: str) -> tuple[str, str]:
        """(happened, revised) for the commitment ``step_id``; empty strings when it is not here."""
        for index, found in enumerate(self.steps):
            if found == step_id:
                happened = self.happened[index] if index < len(self.happened) else ""
                revised = self.revised[index] if index < len(self.revised) else ""
                return happened, revised
        return "", ""


@dataclass(frozen=True)
class ItemScoresValue:
    """The answers to a validated check (``check`` step): one score per item, None for an item left blank.

    ``instrument`` (``who5`` or ``burnout``) is kept with the scores, so the answer can still be read and
    scored if its step is later removed or renamed. Only a check with every item answered is scored.
    """

    KIND: ClassVar[str] = "scores"
    instrument: str
    scores: tuple[int | None, ...] = ()

    def is_empty(self) -> bool:
        return all(score is None for score in self.scores)


@dataclass(frozen=True)
class RatingsValue:
    """The answers to a session feedback form (``feedback`` step): one rating per question, None for a
    question left blank.

    Each rating is kept with its question's id, in the form's order, so that an answer still belongs to
    the right question after a facilitator reorders, adds or removes questions.
    """

    KIND: ClassVar[str] = "ratings"
    questions: tuple[str, ...] = ()
    ratings: tuple[int | None, ...] = ()

    def is_empty(self) -> bool:
        return all(rating is None for rating in self.ratings)

    def rating(self, question_id: str) -> int | None:
        """The rating given to ``question_id``, or None."""
        found = dict(zip(self.questions, self.ratings, strict=False))
        return found.get(question_id)


Value = (
    TextValue
    | IntegerValue
    | ChoicesValue
    | ItemsValue
    | RankedValue
    | CommitmentValue
    | ItemScoresValue
    | RatingsValue
    | FollowThroughValue
)
VALUE_TYPES: dict[str, type[Value]] = {value_type.KIND: value_type for value_type in get_args(Value)}
"""Every value type by its ``KIND`` (the name written in journal files), in the order of ``Value``."""


# --------------------------------------------------------------------------------------------------------
# The fields of each value type: the one table the journal's format and its checks are derived from
# --------------------------------------------------------------------------------------------------------

FieldKind = Literal["text", "integer", "texts", "scores"]
"""What one field of a value holds: a text, a whole number, texts in order, or check scores (None for an
item left blank)."""

_FIELD_KINDS: dict[str, FieldKind] = {
    "str": "text",
    "int": "integer",
    "tuple[str, ...]": "texts",
    "tuple[int | None, ...]": "scores",
}


@dataclass(frozen=True)
class ValueField:
    """One field of a value type, as the journal stores it."""

    name: str
    """The dataclass field's name, which is also its key in a journal file (``picked``)."""
    kind: FieldKind
    default: object = dataclasses.MISSING
    """The field's default, or ``dataclasses.MISSING`` when it has none."""

    @property
    def optional(self) -> bool:
        """A text with a default may be left out of a file (it reads as the default); nothing else may."""
        return self.kind == "text" and self.default is not dataclasses.MISSING


def _fields_of(value_type: type[Value]) -> tuple[ValueField, ...]:
    found = []
    for item in dataclasses.fields(value_type):
        kind = _FIELD_KINDS.get(str(item.type))
        if kind is None:
            raise TypeError(
                f"{value_type.__name__}.{item.name}: the journal stores only {', '.join(_FIELD_KINDS)} "
                f"fields, not {item.type}"
            )
        found.append(ValueField(item.name, kind, item.default))
    return tuple(found)


VALUE_FIELDS: dict[type[Value], tuple[ValueField, ...]] = {
    value_type: _fields_of(value_type) for value_type in VALUE_TYPES.values()
}
"""Each value type's fields in order: the one table the journal's format and its checks are built on."""


@dataclass(frozen=True)
class Answer:
    """A saved answer to one step, with when it was first given and last changed."""

    step_id: str
    value: Value
    created: datetime
    updated: datetime = field(compare=False)
