"""Turn one module of a program into slides for a room: plain Python, no Textual.

A deck always runs: title, check-in, ground rules, one slide per step, closing round. The check-in
question, the ground rules and the closing question come from the content (``Module.group``, else
``Program.group``; ``Program.ground_rules``) and fall back to the COMPASS / Balint defaults in
``strings``. Every string is passed through ``display_text`` here, so everything downstream (the slide
widgets, the notes file, the agenda) can trust it to hold no control characters. Nothing here reads a
journal: a slide shows questions for the room, never anyone's answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, assert_never, cast

from workshop.content.models import (
    CheckStep,
    ChoiceStep,
    CommitmentStep,
    FeedbackStep,
    FollowThroughStep,
    GroupSession,
    ListStep,
    Module,
    PauseStep,
    Program,
    PromptStep,
    RankStep,
    ReadingStep,
    RecapStep,
    ScaleStep,
    Step,
    field_default,
)
from workshop.present import strings
from workshop.text import display_text

SlideKind = Literal["title", "check-in", "ground-rules", "step", "closing"]

# A program without a [group] table still plans its rounds: the model's own defaults, stated once there.
DEFAULT_CHECK_IN_MINUTES = cast(float, field_default(GroupSession, "check_in_minutes"))
DEFAULT_CLOSING_MINUTES = cast(float, field_default(GroupSession, "closing_minutes"))
GROUND_RULES_MINUTES = 2.0
"""Reading the rules aloud and asking for a nod: the opening's second part, planned like any slide."""


def _clean(text: str | None) -> str | None:
    return None if text is None else display_text(text)


@dataclass(frozen=True)
class SlidePhase:
    """One part of a timed slide (write on your own, then share in pairs), from the step's ``phases``."""

    label: str
    minutes: float
    format: str


@dataclass(frozen=True)
class Slide:
    """One screen for the room, with what the facilitator needs alongside it."""

    number: int
    """1-based position in the deck (what the facilitator types to jump here)."""
    kind: SlideKind
    title: str
    eyebrow: str = ""
    """A small line above the title: the day, or how the room works on this step."""
    step_id: str | None = None
    step_kind: str | None = None
    lead: str | None = None
    """Plain text above the question (a step's intro, a module's summary, a pause's guidance)."""
    body_markdown: str | None = None
    """A reading step's passage (validated Markdown: no HTML, only http(s)/mailto links)."""
    question: str | None = None
    """The question put to the room. Never followed by an answer field."""
    items: tuple[str, ...] = ()
    """Options to consider, or the ground rules."""
    detail: str | None = None
    """A line below the question: scale ends, how many to list, examples."""
    look_back: str | None = None
    """A line above the question naming the earlier steps it refers to ("Look back at: ..."): titles only,
    never anyone's answers."""
    discussion: str | None = None
    format: str | None = None
    planned_minutes: float | None = None
    """Minutes the agenda plans for this slide; None for slides the content gives no time to."""
    timer_seconds: int | None = None
    """Length of this slide's countdown, or None when the slide has no timer."""
    breathing: bool = False
    notes: str | None = None
    """Facilitator notes: never on the projected slide."""
    hints: tuple[str, ...] = ()
    """Hints a self-paced user could reveal; in a room, the facilitator may offer them."""
    phases: tuple[SlidePhase, ...] = ()
    """The parts of this slide's countdown, in order; empty when it runs as one."""

    @property
    def timed(self) -> bool:
        return self.timer_seconds is not None


@dataclass(frozen=True)
class Deck:
    """The slides of one day, in order."""

    program_id: str
    program_title: str
    day: int
    module_title: str
    slides: tuple[Slide, ...]

    def __len__(self) -> int:
        return len(self.slides)

    def __getitem__(self, index: int) -> Slide:
        return self.slides[index]

    @property
    def planned_minutes(self) -> float:
        """The minutes the content plans for the whole session."""
        return sum(slide.planned_minutes or 0 for slide in self.slides)


def step_timer_seconds(step: Step) -> int | None:
    """How long a step's countdown runs: a pause's ``seconds``; ``minutes`` when the file sets it.

    Every step plans minutes for the agenda (``planned_minutes``: 1 when the file leaves ``minutes`` out),
    but only a pause, or a step whose author wrote ``minutes = N``, gets a countdown on screen: a reading
    slide should not tick at the room.
    """
    if isinstance(step, PauseStep):
        return step.seconds
    if step.phases:
        return round(sum(phase.minutes for phase in step.phases) * 60)
    if step.minutes is not None and step.minutes > 0:  # None: the file leaves it out
        return round(step.minutes * 60)
    return None


def build_deck(program: Program, module: Module) -> Deck:
    """The slides for presenting ``module`` of ``program`` to a group."""
    group = program.group_for(module)
    check_in = group.check_in if group else strings.DEFAULT_CHECK_IN
    closing = group.closing_round if group else strings.DEFAULT_CLOSING_ROUND
    check_in_minutes = group.check_in_minutes if group else DEFAULT_CHECK_IN_MINUTES
    closing_minutes = group.closing_minutes if group else DEFAULT_CLOSING_MINUTES
    rules = tuple(program.ground_rules) or strings.DEFAULT_GROUND_RULES
    day_line = f"Day {module.day}  ·  {display_text(program.title)}"

    slides: list[Slide] = [
        Slide(
            number=1,
            kind="title",
            title=display_text(module.title),
            eyebrow=day_line,
            lead=display_text(module.summary),
            notes=_clean(module.facilitator_notes),
        ),
        Slide(
            number=2,
            kind="check-in",
            title=strings.CHECK_IN_TITLE,
            eyebrow=strings.FORMAT_LABELS["group"],
            question=display_text(check_in),
            format="group",
            planned_minutes=check_in_minutes or None,
            notes=strings.CHECK_IN_NOTES,
        ),
        Slide(
            number=3,
            kind="ground-rules",
            title=strings.GROUND_RULES_TITLE,
            items=tuple(display_text(rule) for rule in rules),
            planned_minutes=GROUND_RULES_MINUTES,
            notes=strings.GROUND_RULES_NOTES,
        ),
    ]
    for step in module.steps:
        slides.append(step_slide(step, number=len(slides) + 1, module=module, program=program))
    slides.append(
        Slide(
            number=len(slides) + 1,
            kind="closing",
            title=strings.CLOSING_TITLE,
            eyebrow=strings.FORMAT_LABELS["group"],
            question=display_text(closing),
            format="group",
            planned_minutes=closing_minutes or None,
            notes=strings.CLOSING_NOTES,
        )
    )
    return Deck(
        program_id=program.id,
        program_title=display_text(program.title),
        day=module.day,
        module_title=display_text(module.title),
        slides=tuple(slides),
    )


def step_slide(step: Step, *, number: int, module: Module, program: Program) -> Slide:
    """The slide for one step: its question for the room, and the facilitator's fields beside it."""
    lead: str | None = None
    body: str | None = None
    question: str | None = None
    items: tuple[str, ...] = ()
    detail: str | None = None
    hints: tuple[str, ...] = ()
    breathing = False

    match step:
        case ReadingStep():
            body = step.body
        case PromptStep():
            lead, question, hints = step.intro, step.question, tuple(step.hints)
        case ScaleStep():
            question = step.question
            detail = strings.SCALE_LINE.format(
                low=step.low, low_label=step.low_label, high=step.high, high_label=step.high_label
            )
        case ChoiceStep():
            question, items = step.question, tuple(step.options)
        case ListStep():
            question, detail = step.question, strings.LIST_LEAD.format(count=step.max_items)
        case RankStep():
            question, items = step.question, tuple(step.options)
            detail = strings.RANK_LEAD.format(pick=step.pick)
        case PauseStep():
            breathing = step.style == "breathing"
            lead = step.guidance or (strings.PAUSE_BREATHING if breathing else strings.PAUSE_SILENCE)
        case RecapStep():
            # The room sees which steps to look back at, never anyone's answers to them.
            titles = [found[1].title for source in step.sources if (found := program.find_step(source))]
            lead = step.intro
            question, hints = step.question, tuple(step.hints)
            detail = strings.RECAP_LEAD + "; ".join(titles) if titles else None
        case CommitmentStep():
            question = step.question
            detail = strings.EXAMPLES_LEAD + " ".join(step.examples) if step.examples else None
        case FollowThroughStep():
            # Each person's plans are their own: the room sees the question, never anyone's plan.
            lead = step.intro
            question, hints = step.question, tuple(step.hints)
            detail = strings.FOLLOW_THROUGH_LEAD
        case CheckStep():
            # Each person answers privately (in the app or on the paper form), never on the projector:
            # the slide says what the check is and that it is private.
            lead = strings.CHECK_LEADS[step.instrument] + " " + strings.PRIVATE_STEP
        case FeedbackStep():
            question, items = step.question, tuple(question.text for question in step.questions)
            detail = strings.FEEDBACK_LEAD.format(low=step.labels[0], high=step.labels[-1])
        case _:
            # A new kind of step must say here what the room sees: mypy names it until it does.
            assert_never(step)

    return Slide(
        number=number,
        kind="step",
        title=display_text(step.title),
        eyebrow=strings.FORMAT_LABELS[step.format],
        step_id=step.id,
        step_kind=step.kind,
        lead=_clean(lead),
        body_markdown=_clean(body),
        question=_clean(question),
        items=tuple(display_text(item) for item in items),
        detail=_clean(detail),
        look_back=_clean(look_back_line(program, step)),
        discussion=_clean(step.discussion),
        format=step.format,
        planned_minutes=step.planned_minutes,
        timer_seconds=step_timer_seconds(step),
        breathing=breathing,
        notes=_clean(step.notes),
        hints=tuple(display_text(hint) for hint in hints),
        phases=tuple(
            SlidePhase(label=display_text(phase.label), minutes=phase.minutes, format=phase.format)
            for phase in step.phases
        ),
    )


def look_back_line(program: Program, step: Step) -> str | None:
    """"Look back at: A milestone inventory (day 1)" for a step that refers to earlier answers: the titles
    of those steps, for each person to find their own; the room never sees an answer."""
    named = [
        strings.PAPER_SOURCE.format(title=found[1].title, day=found[0].day)
        for step_id in step.look_back
        if (found := program.find_step(step_id))
    ]
    return strings.LOOK_BACK_LEAD + "; ".join(named) if named else None


def module_for_day(program: Program, day: int) -> Module | None:
    """The module of ``program`` for ``day``, or None."""
    return next((module for module in program.modules if module.day == day), None)

