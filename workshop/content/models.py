"""The content model: what a program, a module (one day) and a step are.

These models *are* the format of the files in ``modules/``: every field has a docstring, which becomes its
description in ``workshop schema`` and in ``docs/authoring.md``. They are strict (an unknown key is an error,
not silence), frozen (content never changes after loading) and carry length limits so that no file can
produce a screen that breaks.
"""

from __future__ import annotations

import ast
import inspect
import re
from functools import cache
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

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


Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, min_length=1, max_length=60),
]
"""A stable identifier: lower-case letters, digits and single hyphens (``milestone-inventory``)."""

Label = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=120),
    AfterValidator(_no_control_characters),
]
"""A short single-purpose text: a title, an option, the label at one end of a scale."""

Sentence = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=600),
    AfterValidator(_no_control_characters),
]
"""A question or a hint: one or a few sentences."""

Prose = Annotated[
    str,
    StringConstraints(max_length=6000),
    AfterValidator(_no_control_characters),
    AfterValidator(_no_surrounding_blank),
]
"""Plain paragraphs, such as facilitator notes. Shown as written, never parsed as markup."""

Markdown = Annotated[
    str,
    StringConstraints(max_length=12000),
    AfterValidator(_no_control_characters),
    AfterValidator(_no_surrounding_blank),
    AfterValidator(_safe_markdown),
]
"""Markdown text (headings, emphasis, lists, http links). Raw HTML and other link schemes are refused."""

Format = Literal["solo", "pairs", "group"]


class Strict(BaseModel):
    """Base for every content model: unknown keys are errors, values are frozen, inputs never echoed."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        hide_input_in_errors=True,
        # Validators are built on first use, not at import: building them for every model here costs
        # about 35 ms, and the commands that read a cached program (see ``cache.py``) never validate.
        defer_build=True,
    )

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        # The docstring under each field becomes its description (in `workshop schema` and the authoring
        # reference). pydantic's ``use_attribute_docstrings`` does the same but re-reads and tokenizes this
        # file once per model, about 25 ms at every start; one parse of the file does it for all of them.
        # Fields are copied into subclasses after this runs, so inherited fields keep their description.
        documented = _attribute_docstrings().get(cls.__name__, {})
        for name, field in cls.__pydantic_fields__.items():
            if field.description is None and name in documented:
                field.description = documented[name]


@cache
def _attribute_docstrings() -> dict[str, dict[str, str]]:
    """For each class in this file, the string written under each annotated attribute, cleaned."""
    try:
        tree = ast.parse(Path(__file__).read_text(encoding="utf-8"))
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


# --------------------------------------------------------------------------------------------------------
# Steps
# --------------------------------------------------------------------------------------------------------


class Phase(Strict):
    """One part of a step's time in a group session, such as writing alone and then sharing in pairs."""

    label: Label
    """What the room does in this part, shown with its countdown (``Write on your own``)."""
    minutes: float = Field(gt=0, le=120)
    """How long this part lasts."""
    format: Format = "solo"
    """How the room works in this part: ``solo``, ``pairs`` or ``group``."""


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

    minutes: float = Field(default=1, ge=0, le=120)
    """Planned minutes for this step in a group session; the facilitator's agenda adds them up."""

    format: Format = "solo"
    """How a group does this step: ``solo`` (each person alone), ``pairs`` or ``group``."""

    notes: Prose | None = None
    """Facilitator notes: seen on the facilitator's screen only, never by the room or a self-paced user."""

    discussion: Sentence | None = None
    """A question for the pair or group discussion that follows this step, when presenting."""

    phases: list[Phase] = Field(default_factory=list, max_length=6)
    """Parts of the step's time in a group session, in order (write 3 minutes, then pairs for 5). The
    presenter's timer runs them one after another and marks each change. Their minutes must add up to the
    step's ``minutes``."""

    # Earlier answers and sources (issue 19), kept together at the end of the common fields.
    look_back: list[Slug] = Field(default_factory=list, max_length=6)
    """Ids of earlier steps whose answers are shown, read-only and compact, above this step's question:
    for a question that refers to them ("look back at your list"). Each must come earlier in the program
    and save an answer. Slides name them without anyone's answers; exports show them after the question.
    Only for a step that asks a question, and not for a recap, which shows its ``sources``."""

    cites: list[Slug] = Field(default_factory=list, max_length=12)
    """Ids of the program's ``[[references]]`` for the facts this step states, in any of its text (passage,
    question, intro, hints, notes). The app shows them on request and the exports list them. A number
    that is a finding needs one (``workshop validate`` checks; the rule is in docs/authoring.md)."""

    @model_validator(mode="after")
    def _phases_fill_the_step(self) -> StepBase:
        total = sum(phase.minutes for phase in self.phases)
        if self.phases and abs(total - self.minutes) > 0.01:
            raise ValueError(f"phases add up to {total:g} minutes, but the step's minutes = {self.minutes:g}")
        return self

    @model_validator(mode="after")
    def _look_back_above_a_question(self) -> StepBase:
        if not self.look_back:
            return self
        kind = getattr(self, "kind", "")
        if kind == "recap":
            raise ValueError("a recap shows the earlier answers in its sources; look_back is for other steps")
        if getattr(self, "question", None) is None:
            raise ValueError(f"look_back shows earlier answers above a question, and a {kind} step asks none")
        _check_distinct(self.look_back, "look_back")
        return self

    @property
    def answers(self) -> bool:
        """True when this kind of step asks the user for an answer that is saved."""
        return self.answer_type is not None


class ReadingStep(StepBase):
    """A short passage to read. Nothing to answer."""

    answer_type: ClassVar[None] = None

    kind: Literal["reading"]
    body: Markdown
    """The passage, in Markdown."""
    on_paper: Markdown | None = None
    """The passage as printed on the participant handout, when ``body`` speaks of the screen ("this
    computer", a key to press). Without it the handout prints ``body``."""


class PromptStep(StepBase):
    """A free-text reflection: one question and room to write."""

    answer_type: ClassVar[type[TextValue]] = TextValue

    kind: Literal["prompt"]
    question: Sentence
    """The question, in one or two sentences."""
    intro: Prose | None = None
    """Optional lines shown above the question to set it up."""
    hints: list[Sentence] = Field(default_factory=list, max_length=6)
    """Gentle nudges the user can reveal if the page stays blank."""


class ScaleStep(StepBase):
    """An integer rating between two labelled ends (0-10 by default)."""

    answer_type: ClassVar[type[IntegerValue]] = IntegerValue

    kind: Literal["scale"]
    question: Sentence
    """What is being rated."""
    low: int = Field(default=0, ge=-100, le=100)
    """The smallest value on the scale."""
    high: int = Field(default=10, ge=-100, le=100)
    """The largest value on the scale."""
    low_label: Label
    """What the smallest value means (``not at all``)."""
    high_label: Label
    """What the largest value means (``completely``)."""

    @model_validator(mode="after")
    def _range(self) -> ScaleStep:
        if not self.low < self.high:
            raise ValueError("low must be smaller than high")
        if self.high - self.low > 20:
            raise ValueError("a scale may have at most 21 points")
        return self


class ChoiceStep(StepBase):
    """Pick one or several options from a list (a checklist when ``multiple`` is true)."""

    answer_type: ClassVar[type[ChoicesValue]] = ChoicesValue

    kind: Literal["choice"]
    question: Sentence
    """The question above the options."""
    options: list[Label] = Field(min_length=2, max_length=30)
    """The options, in the order shown. Each must be distinct."""
    multiple: bool = False
    """True lets the user pick several options; false allows exactly one."""
    min_picks: int = Field(default=0, ge=0)
    """How many options the step asks the user to pick, at least (0: none). The app says so under the
    options until that many are picked, and never stops anyone moving on."""
    max_picks: int | None = Field(default=None, ge=1)
    """The most options the user may pick (default: all of them when ``multiple``, else 1)."""
    allow_other: bool = False
    """Offer an "other" line where the user can write an option of their own."""
    exclusive: list[Label] = Field(default_factory=list, max_length=30)
    """Options of a checklist that stand alone, such as "None of these": ticking one clears every other
    tick, and ticking another option clears it. Each must be one of ``options``."""

    @model_validator(mode="after")
    def _picks(self) -> ChoiceStep:
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
        return self

    @property
    def most_picks(self) -> int:
        """How many options may be picked, ``other`` included."""
        if not self.multiple:
            return 1
        available = len(self.options) + (1 if self.allow_other else 0)
        return min(self.max_picks or available, available)


class ListStep(StepBase):
    """Up to N short items, one per line (five things, three goals)."""

    answer_type: ClassVar[type[ItemsValue]] = ItemsValue

    kind: Literal["list"]
    question: Sentence
    """What to list."""
    max_items: int = Field(default=5, ge=1, le=20)
    """How many items the user may write."""
    min_items: int = Field(default=0, ge=0)
    """How many items the step asks the user to write, at least (0: none). The app says so under the list
    until that many are written, and never stops anyone moving on."""
    placeholder: Label | None = None
    """Faint example text shown in an empty item."""

    @model_validator(mode="after")
    def _items(self) -> ListStep:
        if self.min_items > self.max_items:
            raise ValueError("min_items is more than max_items")
        return self


class RankStep(StepBase):
    """Pick the top K options of a list and put them in order: the values sort."""

    answer_type: ClassVar[type[RankedValue]] = RankedValue

    kind: Literal["rank"]
    question: Sentence
    """The instruction above the list."""
    options: list[Label] = Field(min_length=2, max_length=40)
    """The options to choose from. Each must be distinct."""
    pick: int = Field(default=5, ge=1, le=20)
    """How many options to pick and order (K)."""

    @model_validator(mode="after")
    def _pick(self) -> RankStep:
        _check_distinct(self.options, "options")
        if self.pick > len(self.options):
            raise ValueError(f"pick ({self.pick}) is more than the {len(self.options)} options")
        return self


class PauseStep(StepBase):
    """A timed pause: silence, or a guided breath. Can always be skipped."""

    answer_type: ClassVar[None] = None

    kind: Literal["pause"]
    seconds: int = Field(ge=5, le=1800)
    """How long the pause lasts."""
    style: Literal["silence", "breathing"] = "silence"
    """``breathing`` shows a slow in/out cue; ``silence`` shows only the countdown."""
    guidance: Prose | None = None
    """A few words shown during the pause."""


class RecapStep(StepBase):
    """Shows the user's own earlier answers, then asks a question that draws them together."""

    answer_type: ClassVar[type[TextValue]] = TextValue

    kind: Literal["recap"]
    sources: list[Slug] = Field(min_length=1, max_length=12)
    """Ids of earlier steps whose answers are shown, in this order. They must come before this step."""
    intro: Prose | None = None
    """Optional lines shown above the earlier answers."""
    question: Sentence
    """The synthesis question asked after the earlier answers."""
    hints: list[Sentence] = Field(default_factory=list, max_length=6)
    """Gentle nudges the user can reveal."""


class CommitmentStep(StepBase):
    """One small, concrete action as an if-then plan: when this moment comes, I will do this. An optional
    date lets the user put it in their own calendar (``workshop calendar``)."""

    answer_type: ClassVar[type[CommitmentValue]] = CommitmentValue

    kind: Literal["commitment"]
    question: Sentence
    """The invitation to commit."""
    examples: list[Sentence] = Field(default_factory=list, max_length=6)
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
    hints: list[Sentence] = Field(default_factory=list, max_length=6)
    """Gentle nudges the user can reveal."""


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


class FeedbackQuestion(Strict):
    """One question of a session feedback form, answered with a rating from 1 to 5."""

    id: Slug
    """Stable identifier, unique in the form. The scores file and the cohort report name the question by
    it, so keep it when you reword the question, and use the same id on every day for the same question
    (``useful``) so the report can compare days."""
    text: Sentence
    """The question or statement, such as ``Today's session was useful to me.``"""


class FeedbackStep(StepBase):
    """A short session feedback form: one to five questions, each rated 1 to 5. Always optional. The
    ratings (never any words) go into the scores file a participant may choose to share with the
    facilitator; the form also prints as a slip for the room (``workshop guide --kit feedback``)."""

    answer_type: ClassVar[type[RatingsValue]] = RatingsValue

    kind: Literal["feedback"]
    question: Sentence
    """The line above the questions, such as ``How was today's session for you?``"""
    questions: list[FeedbackQuestion] = Field(min_length=1, max_length=5)
    """The questions, in order: three is usual (was it useful, did you feel safe to speak or to pass,
    would you recommend it)."""
    labels: list[Label] = Field(default=list(AGREEMENT), min_length=5, max_length=5)
    """What the ratings 1 to 5 mean, lowest first (default: strongly disagree ... strongly agree)."""

    @model_validator(mode="after")
    def _distinct_questions(self) -> FeedbackStep:
        _check_distinct([question.id for question in self.questions], "question ids")
        return self


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
    Field(discriminator="kind"),
]
"""One step of a module; ``kind`` says which."""

STEP_TYPES: tuple[type[StepBase], ...] = get_args(get_args(Step)[0])
"""Every kind of step's class, in the order of ``Step``: the one list every layer's table is checked
against (``tests/test_step_kinds.py``)."""

STEP_KINDS: tuple[str, ...] = tuple(
    get_args(step_type.__pydantic_fields__["kind"].annotation)[0] for step_type in STEP_TYPES
)
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


class GroupSession(Strict):
    """How a facilitated session of this module opens and closes (used by ``workshop present``)."""

    check_in: Sentence
    """The opening round's question: each person answers in a sentence or two."""
    closing_round: Sentence
    """The closing round's question: usually one word or one commitment each."""
    check_in_minutes: float = Field(default=10, ge=0, le=60)
    """Planned minutes for the opening round (about a minute a person); the agenda and guide count them."""
    closing_minutes: float = Field(default=5, ge=0, le=60)
    """Planned minutes for the closing round; the agenda and guide count them."""


class Module(Strict):
    """One day of the program: a file of steps."""

    id: Slug
    """Stable identifier of the module, unique in the program. Progress files are named after it."""
    day: int = Field(default=0, ge=0, le=30)
    """Which day of the program this module is (1 or more). A follow-up check-in leaves it out (0): it is
    not a day of the program but a short return to it, weeks later (see ``follow_ups`` in the program)."""
    title: Label
    """The day's title."""
    summary: Sentence
    """One or two sentences saying what the day is about; shown on the home screen."""
    minutes: int = Field(ge=5, le=240)
    """About how long the day takes a self-paced user, in minutes."""
    facilitator_notes: Prose | None = None
    """Notes for a facilitator running this day with a group: aims, what to watch for."""
    group: GroupSession | None = None
    """The opening and closing rounds for a group session. Without it the program's defaults are used."""
    steps: list[Step] = Field(min_length=1, max_length=40)
    """The steps, in order, each a ``[[steps]]`` table with an ``id`` and a ``kind``."""
    cites: list[Slug] = Field(default_factory=list, max_length=12)
    """Ids of the program's ``[[references]]`` for the facts the module's own text states (its summary,
    facilitator notes and group rounds); each step names its own in its ``cites``."""

    @model_validator(mode="after")
    def _unique_steps(self) -> Module:
        seen: set[str] = set()
        for step in self.steps:
            if step.id in seen:
                raise ValueError(f"step id {step.id!r} is used twice in this module")
            seen.add(step.id)
        # A day's feedback is one set of ratings in the scores file: two forms would answer over each other.
        if sum(isinstance(step, FeedbackStep) for step in self.steps) > 1:
            raise ValueError("a module may have at most one feedback step")
        return self

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


class Reference(Strict):
    """A source for a fact the program states."""

    id: Slug
    """Short key for the reference."""
    text: Sentence
    """The citation, as it should be printed."""
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$", max_length=300)] | None = None
    """Where to read it, if it is online."""


FollowUpAfter = Annotated[str, StringConstraints(pattern=r"^[1-9][0-9]?[wmy]$")]
"""How long after the last day a follow-up is due: a number and ``w`` (weeks), ``m`` (months) or ``y``
(years): ``1w``, ``1m``, ``3m``. The same names a scores file gives its points (``follow-up-1w``)."""


class FollowUpEntry(Strict):
    """One follow-up check-in in ``program.toml``: when it is due and its module file."""

    after: FollowUpAfter
    """How long after the user finished the last day the check-in opens: ``1w``, ``1m``, ``3m``."""
    module: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.-]+\.toml$")]
    """The check-in's module file, beside ``program.toml``. It has no ``day``."""


class FollowUp(Strict):
    """A loaded follow-up check-in: when it is due, and its module. Built by the loader."""

    after: str
    """``1w``, ``1m``, ``3m``: see ``FollowUpEntry.after``."""
    module: Module


class ProgramFile(Strict):
    """The contents of ``program.toml``: the program's identity and its modules in order."""

    id: Slug
    """Stable identifier of the program; journals record it."""
    title: Label
    """The program's title."""
    version: Annotated[str, StringConstraints(pattern=r"^\d+(\.\d+){0,2}$")]
    """The content version (``1.0`` or ``1.2.0``); journals record which version they were written with."""
    description: Prose
    """A short introduction shown on the home screen: what the program is, what it is not."""
    modules: list[Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.-]+\.toml$")]] = Field(
        min_length=1, max_length=30
    )
    """The module files, in order, by file name (``day-1-achievement.toml``), beside ``program.toml``."""
    group: GroupSession | None = None
    """Default opening and closing rounds for group sessions, used by modules that set none."""
    ground_rules: list[Sentence] = Field(default_factory=list, max_length=10)
    """Ground rules shown at the start of every group session (confidentiality, listening, no advice
    unless asked)."""
    references: list[Reference] = Field(default_factory=list, max_length=100)
    """Sources for the facts the program states."""
    follow_ups: list[FollowUpEntry] = Field(default_factory=list, max_length=6)
    """Short check-ins offered after the last day (``[[follow_ups]]``, each with ``after`` and ``module``),
    in the order they fall due. Home offers one calmly once it is due; nothing reminds or nags."""


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
