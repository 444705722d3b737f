"""The content model: what a program, a module (one day) and a step are.

These classes *are* the format of the files in ``modules/``: every field has a docstring, which becomes its
description in ``workshop schema`` and in ``docs/authoring.md``. They are strict (an unknown key is an error,
not silence), frozen (content never changes after loading) and carry length limits so that no file can
produce a screen that breaks.

Definition here, validation in the loader. The classes are plain frozen dataclasses and import no pydantic:
the app and the commands that read a program from the cache (``cache.py``) unpickle it and never validate,
so they never pay for pydantic (about 10 MiB and 100 ms). The rules a file must follow are written beside
each field as ``Annotated`` metadata that pydantic reads: bounds and lengths (``Ge``, ``MaxLen``:
annotated_types' rules, made only as pydantic reads them), ``Text`` for strings, ``Tagged`` for the union of
steps, ``__pydantic_config__`` for the strictness, and ``__post_init__`` for the checks across fields. Only
``loader.py`` (through ``pydantic.TypeAdapter``), ``json_schema.py`` and the tests import pydantic to enforce
and describe them.
Constructing a class by hand (as the loader builds a ``Program``, or a test a step) runs ``__post_init__``
but checks no field's type or length: only data read from a file goes through pydantic.
"""

# No ``from __future__ import annotations``: each annotation is evaluated once, as the class is made,
# and read as it is (``STEP_KINDS``, the reference, pydantic); resolving them all again from strings cost
# about 15 ms of every import.
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import MISSING, dataclass, field, fields
from functools import cache
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal, get_args

from workshop.answers import (
    ChoicesValue,
    CommitmentValue,
    FollowThroughValue,
    IntegerValue,
    ItemScoresValue,
    ItemsValue,
    RankedValue,
    RatingsValue,
    TextValue,
    Value,
)
from workshop.text import SLUG_PATTERN, has_control_characters

# --------------------------------------------------------------------------------------------------------
# What pydantic reads, without importing it here
# --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """The rules of one kind of text, as ``Annotated`` metadata: ``Annotated[str, Text(max_length=600)]``.

    pydantic calls ``__get_pydantic_core_schema__`` when it builds a validator (only in the loader); the
    schema is the one ``StringConstraints`` built: surrounding spaces are stripped (``strip``) before the
    lengths and the pattern are checked, then each of ``checks`` runs in order and may raise ValueError.
    """

    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    strip: bool = False
    checks: tuple[Callable[[str], str], ...] = ()

    def __get_pydantic_core_schema__(self, source: object, handler: object) -> Any:
        from pydantic_core import core_schema

        schema: core_schema.CoreSchema = core_schema.str_schema(
            min_length=self.min_length,
            max_length=self.max_length,
            pattern=self.pattern,
            strip_whitespace=self.strip or None,
        )
        for check in self.checks:
            schema = core_schema.no_info_after_validator_function(check, schema)
        return schema


@dataclass(frozen=True)
class Tagged:
    """``Annotated`` metadata for a union of classes told apart by the field ``key`` (``kind``).

    pydantic then reads the tag first and validates only the class it names, so an error is reported for
    that class alone, under the tag (``steps.3.prompt.question``), as ``Field(discriminator=...)`` did.
    """

    key: str

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic import Field

        return handler.generate_schema(Annotated[source, Field(discriminator=self.key)])


class _Rule:
    """A bound or a length as ``Annotated`` metadata (``Annotated[int, Ge(0)]``): annotated_types' rule of
    the same name, made only when pydantic reads it.

    pydantic unpacks any metadata that says it groups annotated_types' rules (their ``GroupedMetadata``
    protocol, which pydantic's own ``Field`` and ``StringConstraints`` follow), so the schema, the checks
    and their messages are annotated_types' own; importing annotated_types with the models cost every
    session and command 0.2 MiB and a few ms for five names that only validating reads. Plain classes
    with one slot, not dataclasses (about 12 kB each once made).
    """

    __slots__ = ("value",)
    __is_annotated_types_grouped_metadata__ = True

    def __init__(self, value: int) -> None:
        self.value = value

    def __iter__(self) -> Iterator[object]:
        import annotated_types

        yield getattr(annotated_types, type(self).__name__)(self.value)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.value!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Rule) and type(other) is type(self) and other.value == self.value

    def __hash__(self) -> int:
        return hash((type(self).__name__, self.value))


class Ge(_Rule):
    """At least ``value``."""

    __slots__ = ()


class Gt(_Rule):
    """More than ``value``."""

    __slots__ = ()


class Le(_Rule):
    """At most ``value``."""

    __slots__ = ()


class MinLen(_Rule):
    """At least ``value`` items."""

    __slots__ = ()


class MaxLen(_Rule):
    """At most ``value`` items."""

    __slots__ = ()


# --------------------------------------------------------------------------------------------------------
# Text types. Every string from a content file passes one of these, so display code can trust them.
# --------------------------------------------------------------------------------------------------------


# Markdown links must point somewhere a browser can open; anything else (``javascript:``, Textual actions
# such as ``@click``) is refused at load rather than discovered on screen.
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)")
_SAFE_LINK = re.compile(r"^(https?://|mailto:)\S+$")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?/?>")


def _no_control_characters(value: str) -> str:
    if has_control_characters(value):
        raise ValueError("contains a control character; only tabs and newlines are allowed")
    return value


def _no_surrounding_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value


def _safe_markdown(value: str) -> str:
    for target in _LINK_TARGET.findall(value):
        if not _SAFE_LINK.match(target):
            raise ValueError(f"link target {target[:40]!r} is not an http(s) or mailto address")
    if _HTML_TAG.search(value):
        raise ValueError("raw HTML is not allowed in Markdown; use Markdown formatting instead")
    return value


Slug = Annotated[str, Text(pattern=SLUG_PATTERN, min_length=1, max_length=60)]
"""A stable identifier: lower-case letters, digits and single hyphens (``milestone-inventory``)."""

Label = Annotated[str, Text(strip=True, min_length=1, max_length=120, checks=(_no_control_characters,))]
"""A short single-purpose text: a title, an option, the label at one end of a scale."""

Sentence = Annotated[str, Text(strip=True, min_length=1, max_length=600, checks=(_no_control_characters,))]
"""A question or a hint: one or a few sentences."""

Prose = Annotated[str, Text(max_length=6000, checks=(_no_control_characters, _no_surrounding_blank))]
"""Plain paragraphs, such as facilitator notes. Shown as written, never parsed as markup."""

Markdown = Annotated[
    str, Text(max_length=12000, checks=(_no_control_characters, _no_surrounding_blank, _safe_markdown))
]
"""Markdown text (headings, emphasis, lists, http links). Raw HTML and other link schemes are refused."""

Format = Literal["solo", "pairs", "group"]


def _describe(schema: dict[str, Any], cls: type) -> None:
    """Give each property of ``cls``'s JSON schema its docstring and a default made by a factory.

    pydantic calls this (``json_schema_extra``) only when it writes a schema. A field's default made by a
    factory (a list, so that no two objects share it) is left out of the schema by pydantic; the schema
    shows it when it is not empty, as it showed the list given as the default before.
    """
    properties = schema.get("properties", {})
    documented = field_docs(cls)
    for each in fields(cls):
        found = properties.get(each.name)
        if found is None:
            continue
        if each.name in documented:
            found["description"] = documented[each.name]
        if each.default_factory is not MISSING and (made := each.default_factory()):
            found["default"] = made


STRICT: dict[str, Any] = {"extra": "forbid", "hide_input_in_errors": True, "json_schema_extra": _describe}
"""The pydantic configuration of every content class (a plain dict: ``ConfigDict`` is a ``TypedDict``).
An unknown key is an error, and no error echoes what the file said (it may be someone's words)."""


@dataclass(frozen=True, kw_only=True)
class Strict:
    """Base for every content class: unknown keys are errors, values are frozen, inputs never echoed.

    Each class is ``@dataclass(frozen=True, kw_only=True)``. Not ``slots=True``: on Python 3.11 a slotted
    dataclass is a new class, so the ``super().__post_init__()`` that chains the checks of a step's kind to
    those of every step would fail; and a few hundred objects gain little from slots.
    """

    __pydantic_config__: ClassVar[dict[str, Any]] = STRICT

    def __post_init__(self) -> None:
        """Checks across fields, run on every construction; a ValueError is the file's problem."""


def field_docs(cls: type) -> dict[str, str]:
    """The docstring under each field of ``cls``, inherited fields included, cleaned.

    Read from the source of each class that declares fields: one parse of each file, only when asked (by
    ``workshop schema``, the reference in docs/authoring.md and the scaffold), never when the app starts.
    """
    found: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        module = sys.modules.get(klass.__module__)
        source = getattr(module, "__file__", None)
        if source:
            found.update(_attribute_docstrings(source).get(klass.__qualname__, {}))
    return found


@cache
def _attribute_docstrings(source: str) -> dict[str, dict[str, str]]:
    """For each class in the file ``source``, the string written under each annotated attribute, cleaned."""
    import ast
    import inspect

    try:
        tree = ast.parse(Path(source).read_text(encoding="utf-8"))
    except (OSError, SyntaxError, UnicodeDecodeError):
        return {}  # no source (a frozen build): the fields go undescribed, as pydantic would leave them
    found: dict[str, dict[str, str]] = {}
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        docs = found.setdefault(node.name, {})
        for previous, statement in zip(node.body, node.body[1:], strict=False):
            if (
                isinstance(previous, ast.AnnAssign)
                and isinstance(previous.target, ast.Name)
                and isinstance(statement, ast.Expr)
                and isinstance(statement.value, ast.Constant)
                and isinstance(statement.value.value, str)
            ):
                docs[previous.target.id] = inspect.cleandoc(statement.value.value)
    return found


def field_default(cls: type, name: str) -> object:
    """The default of ``cls``'s field ``name`` (a factory's value when it has one), or ``MISSING``."""
    found = next(each for each in fields(cls) if each.name == name)
    return found.default_factory() if found.default_factory is not MISSING else found.default


# --------------------------------------------------------------------------------------------------------
# Steps
# --------------------------------------------------------------------------------------------------------

DEFAULT_STEP_MINUTES = 1.0
"""The minutes the agenda plans for a step whose file does not say."""


@dataclass(frozen=True, kw_only=True)
class Phase(Strict):
    """One part of a step's time in a group session, such as writing alone and then sharing in pairs."""

    label: Label
    """What the room does in this part, shown with its countdown (``Write on your own``)."""
    minutes: Annotated[float, Gt(0), Le(120)]
    """How long this part lasts."""
    format: Format = "solo"
    """How the room works in this part: ``solo``, ``pairs`` or ``group``."""


@dataclass(frozen=True, kw_only=True)
class StepBase(Strict):
    """Fields every step has, whatever its kind."""

    # Each kind of step (each class in ``Step``) names the type of answer it saves (from
    # ``workshop/answers.py``), or None when it saves nothing. A class variable, not a field of the file:
    # the journal, the review and the exports all read a step's answer through it.
    answer_type: ClassVar[type[Value] | None]

    id: Slug
    """Stable identifier, unique in the whole program. Answers are saved under it: never rename it once
    people have used the program, or their answers show as "from an earlier version"."""

    title: Label
    """Short heading shown above the step (and as the slide title when presenting)."""

    # None when the file leaves it out: only a step whose author wrote ``minutes`` gets a countdown on its
    # slide (``present/deck.py``), while the agenda counts ``planned_minutes``, 1 when it is not written.
    minutes: Annotated[float, Ge(0), Le(120)] | None = None
    """Planned minutes for this step in a group session; the facilitator's agenda adds them up, counting 1
    for a step that leaves it out. A step that sets it shows a countdown of them on its slide."""

    format: Format = "solo"
    """How a group does this step: ``solo`` (each person alone), ``pairs`` or ``group``."""

    notes: Prose | None = None
    """Facilitator notes: seen on the facilitator's screen only, never by the room or a self-paced user."""

    discussion: Sentence | None = None
    """A question for the pair or group discussion that follows this step, when presenting."""

    phases: Annotated[list[Phase], MaxLen(6)] = field(default_factory=list)
    """Parts of the step's time in a group session, in order (write 3 minutes, then pairs for 5). The
    presenter's timer runs them one after another and marks each change. Their minutes must add up to the
    step's ``minutes``."""

    # Earlier answers and sources (issue 19), kept together at the end of the common fields.
    look_back: Annotated[list[Slug], MaxLen(6)] = field(default_factory=list)
    """Ids of earlier steps whose answers are shown, read-only and compact, above this step's question:
    for a question that refers to them ("look back at your list"). Each must come earlier in the program
    and save an answer. Slides name them without anyone's answers; exports show them after the question.
    Only for a step that asks a question, and not for a recap, which shows its ``sources``."""

    cites: Annotated[list[Slug], MaxLen(12)] = field(default_factory=list)
    """Ids of the program's ``[[references]]`` for the facts this step states, in any of its text (passage,
    question, intro, hints, notes). The app shows them on request and the exports list them. A number
    that is a finding needs one (``workshop validate`` checks; the rule is in docs/authoring.md)."""

    def __post_init__(self) -> None:
        # Every kind's own checks chain to these through super(), as pydantic ran the base's validators.
        total = sum(phase.minutes for phase in self.phases)
        planned = self.planned_minutes
        if self.phases and abs(total - planned) > 0.01:
            raise ValueError(f"phases add up to {total:g} minutes, but the step's minutes = {planned:g}")
        if not self.look_back:
            return
        kind = getattr(self, "kind", "")
        if kind == "recap":
            raise ValueError("a recap shows the earlier answers in its sources; look_back is for other steps")
        if getattr(self, "question", None) is None:
            raise ValueError(f"look_back shows earlier answers above a question, and a {kind} step asks none")
        _check_distinct(self.look_back, "look_back")

    @property
    def planned_minutes(self) -> float:
        """The minutes the agenda plans for this step: ``minutes``, or 1 when the file leaves it out."""
        return DEFAULT_STEP_MINUTES if self.minutes is None else self.minutes

    @property
    def answers(self) -> bool:
        """True when this kind of step asks the user for an answer that is saved."""
        return self.answer_type is not None


@dataclass(frozen=True, kw_only=True)
class ReadingStep(StepBase):
    """A short passage to read. Nothing to answer."""

    answer_type: ClassVar[None] = None

    kind: Literal["reading"]
    body: Markdown
    """The passage, in Markdown."""
    on_paper: Markdown | None = None
    """The passage as printed on the participant handout, when ``body`` speaks of the screen ("this
    computer", a key to press). Without it the handout prints ``body``."""


@dataclass(frozen=True, kw_only=True)
class PromptStep(StepBase):
    """A free-text reflection: one question and room to write."""

    answer_type: ClassVar[type[TextValue]] = TextValue

    kind: Literal["prompt"]
    question: Sentence
    """The question, in one or two sentences."""
    intro: Prose | None = None
    """Optional lines shown above the question to set it up."""
    hints: Annotated[list[Sentence], MaxLen(6)] = field(default_factory=list)
    """Gentle nudges the user can reveal if the page stays blank."""


@dataclass(frozen=True, kw_only=True)
class ScaleStep(StepBase):
    """An integer rating between two labelled ends (0-10 by default)."""

    answer_type: ClassVar[type[IntegerValue]] = IntegerValue

    kind: Literal["scale"]
    question: Sentence
    """What is being rated."""
    low: Annotated[int, Ge(-100), Le(100)] = 0
    """The smallest value on the scale."""
    high: Annotated[int, Ge(-100), Le(100)] = 10
    """The largest value on the scale."""
    low_label: Label
    """What the smallest value means (``not at all``)."""
    high_label: Label
    """What the largest value means (``completely``)."""

    def __post_init__(self) -> None:
        super().__post_init__()
        if not self.low < self.high:
            raise ValueError("low must be smaller than high")
        if self.high - self.low > 20:
            raise ValueError("a scale may have at most 21 points")


@dataclass(frozen=True, kw_only=True)
class ChoiceStep(StepBase):
    """Pick one or several options from a list (a checklist when ``multiple`` is true)."""

    answer_type: ClassVar[type[ChoicesValue]] = ChoicesValue

    kind: Literal["choice"]
    question: Sentence
    """The question above the options."""
    options: Annotated[list[Label], MinLen(2), MaxLen(30)]
    """The options, in the order shown. Each must be distinct."""
    multiple: bool = False
    """True lets the user pick several options; false allows exactly one."""
    min_picks: Annotated[int, Ge(0)] = 0
    """How many options the step asks the user to pick, at least (0: none). The app says so under the
    options until that many are picked, and never stops anyone moving on."""
    max_picks: Annotated[int, Ge(1)] | None = None
    """The most options the user may pick (default: all of them when ``multiple``, else 1)."""
    allow_other: bool = False
    """Offer an "other" line where the user can write an option of their own."""
    exclusive: Annotated[list[Label], MaxLen(30)] = field(default_factory=list)
    """Options of a checklist that stand alone, such as "None of these": ticking one clears every other
    tick, and ticking another option clears it. Each must be one of ``options``."""

    def __post_init__(self) -> None:
        super().__post_init__()
        _check_distinct(self.options, "options")
        most = self.most_picks
        if not self.multiple and (self.min_picks > 1 or (self.max_picks or 1) != 1):
            raise ValueError("a single choice (multiple = false) allows exactly one pick")
        if self.min_picks > most:
            raise ValueError(f"min_picks ({self.min_picks}) is more than can be picked ({most})")
        unknown = [option for option in self.exclusive if option not in self.options]
        if unknown:
            raise ValueError(f"exclusive names {unknown[0]!r}, which is not one of the options")
        if self.exclusive and not self.multiple:
            raise ValueError("exclusive options only make sense in a checklist (multiple = true)")

    @property
    def most_picks(self) -> int:
        """How many options may be picked, ``other`` included."""
        if not self.multiple:
            return 1
        available = len(self.options) + (1 if self.allow_other else 0)
        return min(self.max_picks or available, available)


@dataclass(frozen=True, kw_only=True)
class ListStep(StepBase):
    """Up to N short items, one per line (five things, three goals)."""

    answer_type: ClassVar[type[ItemsValue]] = ItemsValue

    kind: Literal["list"]
    question: Sentence
    """What to list."""
    max_items: Annotated[int, Ge(1), Le(20)] = 5
    """How many items the user may write."""
    min_items: Annotated[int, Ge(0)] = 0
    """How many items the step asks the user to write, at least (0: none). The app says so under the list
    until that many are written, and never stops anyone moving on."""
    placeholder: Label | None = None
    """Faint example text shown in an empty item."""

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.min_items > self.max_items:
            raise ValueError("min_items is more than max_items")


@dataclass(frozen=True, kw_only=True)
class RankStep(StepBase):
    """Pick the top K options of a list and put them in order: the values sort."""

    answer_type: ClassVar[type[RankedValue]] = RankedValue

    kind: Literal["rank"]
    question: Sentence
    """The instruction above the list."""
    options: Annotated[list[Label], MinLen(2), MaxLen(40)]
    """The options to choose from. Each must be distinct."""
    pick: Annotated[int, Ge(1), Le(20)] = 5
    """How many options to pick and order (K)."""

    def __post_init__(self) -> None:
        super().__post_init__()
        _check_distinct(self.options, "options")
        if self.pick > len(self.options):
            raise ValueError(f"pick ({self.pick}) is more than the {len(self.options)} options")


@dataclass(frozen=True, kw_only=True)
class PauseStep(StepBase):
    """A timed pause: silence, or a guided breath. Can always be skipped."""

    answer_type: ClassVar[None] = None

    kind: Literal["pause"]
    seconds: Annotated[int, Ge(5), Le(1800)]
    """How long the pause lasts."""
    style: Literal["silence", "breathing"] = "silence"
    """``breathing`` shows a slow in/out cue; ``silence`` shows only the countdown."""
    guidance: Prose | None = None
    """A few words shown during the pause."""


@dataclass(frozen=True, kw_only=True)
class RecapStep(StepBase):
    """Shows the user's own earlier answers, then asks a question that draws them together."""

    answer_type: ClassVar[type[TextValue]] = TextValue

    kind: Literal["recap"]
    sources: Annotated[list[Slug], MinLen(1), MaxLen(12)]
    """Ids of earlier steps whose answers are shown, in this order. They must come before this step."""
    intro: Prose | None = None
    """Optional lines shown above the earlier answers."""
    question: Sentence
    """The synthesis question asked after the earlier answers."""
    hints: Annotated[list[Sentence], MaxLen(6)] = field(default_factory=list)
    """Gentle nudges the user can reveal."""


@dataclass(frozen=True, kw_only=True)
class CommitmentStep(StepBase):
    """One small, concrete action as an if-then plan: when this moment comes, I will do this. An optional
    date lets the user put it in their own calendar (``workshop calendar``)."""

    answer_type: ClassVar[type[CommitmentValue]] = CommitmentValue

    kind: Literal["commitment"]
    question: Sentence
    """The invitation to commit."""
    examples: Annotated[list[Sentence], MaxLen(6)] = field(default_factory=list)
    """Examples of small, concrete commitments, shown as hints. Written as if-then plans they teach the
    shape best ("When I sit down after the last patient, I will ...")."""
    when_label: Label = "When"
    """The label of the "when" field: the moment or situation that sets the plan off (the "if" part)."""
    action_label: Label = "I will"
    """The label of the action field (the "then" part)."""
    ask_date: bool = True
    """Offer an optional date for the plan, for the user's own calendar. False for a routine with no one
    day (a plan for every handover)."""


FOLLOW_THROUGH_ANSWERS: tuple[tuple[str, str], ...] = (
    ("yes", "Yes"),
    ("partly", "Partly"),
    ("no", "Not yet"),
)
"""The answers to "did it happen?", as saved and as shown. Fixed in code so that every follow-up, every run
and the north-star page read them the same way."""


@dataclass(frozen=True, kw_only=True)
class FollowThroughStep(StepBase):
    """A follow-up's look back at the commitments of the run: each one with "did it happen?" and a chance
    to revise it. Which commitments are shown comes from the run (every commitment answered, as last
    revised), not from this file."""

    answer_type: ClassVar[type[FollowThroughValue]] = FollowThroughValue

    kind: Literal["follow-through"]
    question: Sentence
    """The question asked of each commitment (``Did it happen?``)."""
    intro: Prose | None = None
    """Optional lines shown above the commitments."""
    revise_label: Label = "If you want to change it, the plan as it stands now"
    """The label of the field where a commitment can be rewritten."""
    hints: Annotated[list[Sentence], MaxLen(6)] = field(default_factory=list)
    """Gentle nudges the user can reveal."""


@dataclass(frozen=True, kw_only=True)
class CheckStep(StepBase):
    """A short, validated well-being check-in (WHO-5 or the single-item burnout measure). Always
    skippable. Its wording, options and scoring are built into the app and cannot be changed here."""

    answer_type: ClassVar[type[ItemScoresValue]] = ItemScoresValue

    kind: Literal["check"]
    instrument: Literal["who5", "burnout"]
    """Which check: ``who5`` (the WHO-5 Well-Being Index, five items) or ``burnout`` (the single-item
    burnout measure). A low WHO-5 score or the highest burnout answer offers the support screen gently."""


FEEDBACK_RATINGS = (1, 2, 3, 4, 5)
"""The ratings of a feedback question: 1 to 5, as the scores file and the cohort report read them."""

AGREEMENT = ("Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree")
"""The words of the ratings 1 to 5 unless a feedback step gives its own."""


@dataclass(frozen=True, kw_only=True)
class FeedbackQuestion(Strict):
    """One question of a session feedback form, answered with a rating from 1 to 5."""

    id: Slug
    """Stable identifier, unique in the form. The scores file and the cohort report name the question by
    it, so keep it when you reword the question, and use the same id on every day for the same question
    (``useful``) so the report can compare days."""
    text: Sentence
    """The question or statement, such as ``Today's session was useful to me.``"""


@dataclass(frozen=True, kw_only=True)
class FeedbackStep(StepBase):
    """A short session feedback form: one to five questions, each rated 1 to 5. Always optional. The
    ratings (never any words) go into the scores file a participant may choose to share with the
    facilitator; the form also prints as a slip for the room (``workshop guide --kit feedback``)."""

    answer_type: ClassVar[type[RatingsValue]] = RatingsValue

    kind: Literal["feedback"]
    question: Sentence
    """The line above the questions, such as ``How was today's session for you?``"""
    questions: Annotated[list[FeedbackQuestion], MinLen(1), MaxLen(5)]
    """The questions, in order: three is usual (was it useful, did you feel safe to speak or to pass,
    would you recommend it)."""
    labels: Annotated[list[Label], MinLen(5), MaxLen(5)] = field(
        default_factory=lambda: list(AGREEMENT)
    )
    """What the ratings 1 to 5 mean, lowest first (default: strongly disagree ... strongly agree)."""

    def __post_init__(self) -> None:
        super().__post_init__()
        _check_distinct([question.id for question in self.questions], "question ids")


Step = Annotated[
    ReadingStep
    | PromptStep
    | ScaleStep
    | ChoiceStep
    | ListStep
    | RankStep
    | PauseStep
    | RecapStep
    | CommitmentStep
    | CheckStep
    | FeedbackStep
    | FollowThroughStep,
    Tagged("kind"),
]
"""One step of a module; ``kind`` says which."""

STEP_TYPES: tuple[type[StepBase], ...] = get_args(get_args(Step)[0])
"""Every kind of step's class, in the order of ``Step``: the one list every layer's table is checked
against (``tests/test_step_kinds.py``)."""

STEP_KINDS: tuple[str, ...] = tuple(get_args(kind.__annotations__["kind"])[0] for kind in STEP_TYPES)
"""Every step ``kind`` a content file may name, in the order of ``Step``."""


def _check_distinct(values: list[str], what: str) -> None:
    seen: set[str] = set()
    for value in values:
        key = value.casefold()
        if key in seen:
            raise ValueError(f"{what} must be distinct; {value!r} appears twice")
        seen.add(key)


# --------------------------------------------------------------------------------------------------------
# Modules and programs
# --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class GroupSession(Strict):
    """How a facilitated session of this module opens and closes (used by ``workshop present``)."""

    check_in: Sentence
    """The opening round's question: each person answers in a sentence or two."""
    closing_round: Sentence
    """The closing round's question: usually one word or one commitment each."""
    check_in_minutes: Annotated[float, Ge(0), Le(60)] = 10
    """Planned minutes for the opening round (about a minute a person); the agenda and guide count them."""
    closing_minutes: Annotated[float, Ge(0), Le(60)] = 5
    """Planned minutes for the closing round; the agenda and guide count them."""


@dataclass(frozen=True, kw_only=True)
class Module(Strict):
    """One day of the program: a file of steps."""

    id: Slug
    """Stable identifier of the module, unique in the program. Progress files are named after it."""
    day: Annotated[int, Ge(0), Le(30)] = 0
    """Which day of the program this module is (1 or more). A follow-up check-in leaves it out (0): it is
    not a day of the program but a short return to it, weeks later (see ``follow_ups`` in the program)."""
    title: Label
    """The day's title."""
    summary: Sentence
    """One or two sentences saying what the day is about; shown on the home screen."""
    minutes: Annotated[int, Ge(5), Le(240)]
    """About how long the day takes a self-paced user, in minutes."""
    facilitator_notes: Prose | None = None
    """Notes for a facilitator running this day with a group: aims, what to watch for."""
    group: GroupSession | None = None
    """The opening and closing rounds for a group session. Without it the program's defaults are used."""
    steps: Annotated[list[Step], MinLen(1), MaxLen(40)]
    """The steps, in order, each a ``[[steps]]`` table with an ``id`` and a ``kind``."""
    cites: Annotated[list[Slug], MaxLen(12)] = field(default_factory=list)
    """Ids of the program's ``[[references]]`` for the facts the module's own text states (its summary,
    facilitator notes and group rounds); each step names its own in its ``cites``."""

    def __post_init__(self) -> None:
        super().__post_init__()
        seen: set[str] = set()
        for step in self.steps:
            if step.id in seen:
                raise ValueError(f"step id {step.id!r} is used twice in this module")
            seen.add(step.id)
        # A day's feedback is one set of ratings in the scores file: two forms would answer over each other.
        if sum(isinstance(step, FeedbackStep) for step in self.steps) > 1:
            raise ValueError("a module may have at most one feedback step")

    def step(self, step_id: str) -> Step | None:
        """The step with ``step_id``, or None."""
        return next((s for s in self.steps if s.id == step_id), None)

    @property
    def is_day(self) -> bool:
        """True for a day of the program; False for a follow-up check-in."""
        return self.day > 0

    @property
    def heading(self) -> str:
        """``Day 2: More than tired`` for a day; a follow-up's own title (``Check-in: one week on``)."""
        return f"Day {self.day}: {self.title}" if self.is_day else self.title

    @property
    def short_name(self) -> str:
        """``Day 2`` for a day; ``Check-in`` for a follow-up."""
        return f"Day {self.day}" if self.is_day else "Check-in"


@dataclass(frozen=True, kw_only=True)
class Reference(Strict):
    """A source for a fact the program states."""

    id: Slug
    """Short key for the reference."""
    text: Sentence
    """The citation, as it should be printed."""
    url: Annotated[str, Text(pattern=r"^https?://\S+$", max_length=300)] | None = None
    """Where to read it, if it is online."""


FollowUpAfter = Annotated[str, Text(pattern=r"^[1-9][0-9]?[wmy]$")]
"""How long after the last day a follow-up is due: a number and ``w`` (weeks), ``m`` (months) or ``y``
(years): ``1w``, ``1m``, ``3m``. The same names a scores file gives its points (``follow-up-1w``)."""


FileName = Annotated[str, Text(pattern=r"^[A-Za-z0-9_.-]+\.toml$")]
"""The name of a module file beside ``program.toml`` (``day-1-achievement.toml``)."""


@dataclass(frozen=True, kw_only=True)
class FollowUpEntry(Strict):
    """One follow-up check-in in ``program.toml``: when it is due and its module file."""

    after: FollowUpAfter
    """How long after the user finished the last day the check-in opens: ``1w``, ``1m``, ``3m``."""
    module: FileName
    """The check-in's module file, beside ``program.toml``. It has no ``day``."""


@dataclass(frozen=True, kw_only=True)
class FollowUp(Strict):
    """A loaded follow-up check-in: when it is due, and its module. Built by the loader."""

    after: str
    """``1w``, ``1m``, ``3m``: see ``FollowUpEntry.after``."""
    module: Module


@dataclass(frozen=True, kw_only=True)
class ProgramFile(Strict):
    """The contents of ``program.toml``: the program's identity and its modules in order."""

    id: Slug
    """Stable identifier of the program; journals record it."""
    title: Label
    """The program's title."""
    version: Annotated[str, Text(pattern=r"^\d+(\.\d+){0,2}$")]
    """The content version (``1.0`` or ``1.2.0``); journals record which version they were written with."""
    description: Prose
    """A short introduction shown on the home screen: what the program is, what it is not."""
    modules: Annotated[list[FileName], MinLen(1), MaxLen(30)]
    """The module files, in order, by file name (``day-1-achievement.toml``), beside ``program.toml``."""
    group: GroupSession | None = None
    """Default opening and closing rounds for group sessions, used by modules that set none."""
    ground_rules: Annotated[list[Sentence], MaxLen(10)] = field(default_factory=list)
    """Ground rules shown at the start of every group session (confidentiality, listening, no advice
    unless asked)."""
    references: Annotated[list[Reference], MaxLen(100)] = field(default_factory=list)
    """Sources for the facts the program states."""
    follow_ups: Annotated[list[FollowUpEntry], MaxLen(6)] = field(default_factory=list)
    """Short check-ins offered after the last day (``[[follow_ups]]``, each with ``after`` and ``module``),
    in the order they fall due. Home offers one calmly once it is due; nothing reminds or nags."""


@dataclass(frozen=True, kw_only=True)
class Program(Strict):
    """A loaded program: ``program.toml`` with its modules. Built by the loader, not written by hand."""

    id: str
    title: str
    version: str
    description: str
    modules: tuple[Module, ...]
    group: GroupSession | None = None
    ground_rules: tuple[str, ...] = ()
    references: tuple[Reference, ...] = ()
    follow_ups: tuple[FollowUp, ...] = ()
    """The follow-up check-ins, in the order they fall due. Not in ``modules``: they are not days."""

    @property
    def all_modules(self) -> tuple[Module, ...]:
        """The days, then the follow-up check-ins."""
        return self.modules + tuple(follow_up.module for follow_up in self.follow_ups)

    def module(self, module_id: str) -> Module | None:
        """The module (a day or a follow-up) with ``module_id``, or None."""
        return next((m for m in self.all_modules if m.id == module_id), None)

    def find_step(self, step_id: str) -> tuple[Module, Step] | None:
        """The module and step for ``step_id`` anywhere in the program (follow-ups too), or None."""
        for module in self.all_modules:
            step = module.step(step_id)
            if step is not None:
                return module, step
        return None

    def group_for(self, module: Module) -> GroupSession | None:
        """The opening and closing rounds for ``module``: its own, else the program's."""
        return module.group or self.group
