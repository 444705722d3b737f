"""The facilitator guide, the participant handout and the run sheet, as Markdown or printable HTML.

Pure functions of the content: (Program, modules) -> str. The guide and the run sheet are built from the
same ``Deck`` the presenter shows and the same timetable (``schedule.py``), so paper and screen agree on
the slides, their order and their minutes. The handout is built from the steps themselves: on paper each
kind of step becomes something a pen can answer (lines to write on, boxes to tick, numbers to circle), the
well-being checks are printed whole with their scoring, and each day ends with the crisis lines and a
blank for the group's local support contact. None of them ever reads a journal. Every string from a
content file is escaped when rendered (see ``paper.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import time
from typing import Literal, assert_never

from workshop.content.instruments import (
    BURNOUT,
    BURNOUT_FROM_OPTION,
    BURNOUT_HIGHEST,
    INSTRUMENTS,
    WHO5,
    WHO5_CARE_AT_OR_BELOW,
    WHO5_MEANINGFUL_CHANGE,
    WHO5_MULTIPLIER,
    Instrument,
)
from workshop.content.models import (
    FEEDBACK_RATINGS,
    CheckStep,
    ChoiceStep,
    CommitmentStep,
    FeedbackStep,
    FollowThroughStep,
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
)
from workshop.content.support import SupportDirectory, SupportLine, load_support_lines
from workshop.flow.sources import modules_sources
from workshop.present import strings
from workshop.present.deck import Slide, look_back_line
from workshop.present.schedule import PlannedSlide, Schedule, build_schedule, clock_time, duration, elapsed
from workshop.present.timer import format_clock
from workshop.reports.paper import (
    Block,
    Bullets,
    Checklist,
    CircleGrid,
    CircleList,
    Directory,
    Heading,
    Labeled,
    Lines,
    Para,
    Passage,
    ScaleRow,
    Section,
    Table,
    md_escape,
    to_html,
    to_markdown,
)
from workshop.text import display_text

__all__ = ["FORMATS", "guide", "handout", "md_escape", "run_sheet"]

OutputFormat = Literal["markdown", "html"]
FORMATS: tuple[OutputFormat, ...] = ("markdown", "html")

PROMPT_LINES = 8
"""Lines for a free-text answer: about 7 cm, a short paragraph in an average hand."""
COMMITMENT_LINES = 3
FOLLOW_THROUGH_PLANS = 3
"""How many plans a follow-up's paper form has room for."""


def _modules(program: Program, modules: Sequence[Module]) -> Sequence[Module]:
    return modules or program.modules


def _title(program: Program, module: Module) -> str:
    return f"{display_text(program.title)}: Day {module.day}, {display_text(module.title)}"


def _format_label(code: str | None) -> str:
    return strings.FORMAT_LABELS.get(code or "", "")


# ---- the facilitator guide --------------------------------------------------------------------------


def _screen_blocks(slide: Slide) -> list[Block]:
    """What the room sees on a slide, without its title."""
    blocks: list[Block] = []
    if slide.lead:
        blocks.append(Para(slide.lead))
    if slide.body_markdown:
        blocks.append(Passage(slide.body_markdown))
    if slide.look_back:
        blocks.append(Para(slide.look_back, muted=True))
    if slide.question:
        blocks.append(Para(slide.question, strong=True))
    if slide.items:
        blocks.append(Bullets(slide.items, columns=len(slide.items) > 8))
    if slide.detail:
        blocks.append(Para(slide.detail, muted=True))
    return blocks


def _minutes_cell(planned: PlannedSlide) -> str:
    if planned.minutes is None:
        return ""
    text = duration(planned.minutes)
    if planned.slide.timer_seconds is not None:
        text += f" (timer {format_clock(planned.slide.timer_seconds)})"
    return text


def _agenda_table(schedule: Schedule) -> Table:
    rows: list[tuple[str, ...]] = []
    css: list[str] = []
    for planned in schedule.slides:
        slide = planned.slide
        start = elapsed(planned.start) if planned.minutes is not None else ""
        rows.append(
            (start, str(slide.number), slide.title, _format_label(slide.format), _minutes_cell(planned))
        )
        css.append("")
        for phase in planned.phases:
            rows.append(
                (elapsed(phase.start), "", phase.label, _format_label(phase.format), duration(phase.minutes))
            )
            css.append("phase")
    rows.append((elapsed(schedule.total), "", strings.PAPER_END, "", ""))
    css.append("end")
    return Table(strings.GUIDE_AGENDA_COLUMNS, tuple(rows), tuple(css), css="agenda")


def _total_line(schedule: Schedule) -> Para:
    return Para(
        strings.GUIDE_TOTAL.format(
            total=duration(schedule.total),
            check_in=duration(schedule.opening_minutes),
            steps=duration(schedule.step_minutes),
            closing=duration(schedule.closing_minutes),
        ),
        muted=True,
    )


def _phases_text(planned: PlannedSlide) -> str:
    return strings.GUIDE_PHASE_JOIN.join(
        strings.GUIDE_PHASE.format(
            label=phase.label, minutes=duration(phase.minutes), format=_format_label(phase.format).lower()
        )
        for phase in planned.phases
    )


def _slide_section(planned: PlannedSlide) -> Section:
    slide = planned.slide
    meta = [_format_label(slide.format)]
    if planned.minutes is not None:
        meta.append(duration(planned.minutes))
    if slide.timer_seconds is not None:
        meta.append(strings.GUIDE_TIMER.format(clock=format_clock(slide.timer_seconds)))
    blocks: list[Block] = [Heading(2, f"{slide.number}. {slide.title}")]
    meta_line = "  ·  ".join(part for part in meta if part)
    if meta_line:
        blocks.append(Para(meta_line, muted=True))
    if planned.phases:
        blocks.append(Labeled(strings.GUIDE_PHASES, _phases_text(planned), css="phases"))
    blocks += _screen_blocks(slide)
    if slide.step_kind == "check":
        blocks.append(Para(strings.GUIDE_CHECK_ON_PAPER, muted=True))
    if slide.discussion:
        blocks.append(Labeled(strings.GUIDE_DISCUSSION, slide.discussion, css="discussion"))
    if slide.notes:
        blocks.append(Labeled(strings.GUIDE_NOTES, slide.notes, css="notes"))
    if slide.hints:
        blocks.append(Labeled(strings.GUIDE_HINTS, " / ".join(slide.hints), css="hints"))
    # A reading may run past a page; anything else is kept on one page where it fits.
    return Section(tuple(blocks), css="reading" if slide.body_markdown else "step")


def guide_blocks(program: Program, *modules: Module) -> list[Block]:
    """The facilitator guide: agenda with timings, what the room sees, notes, discussion, hints."""
    blocks: list[Block] = []
    for module in _modules(program, modules):
        schedule = build_schedule(program, module)
        head: list[Block] = [
            Heading(1, _title(program, module)),
            Para(strings.GUIDE_TITLE, muted=True),
            Para(display_text(module.summary)),
            # The agenda comes first and is kept whole: it is the page a facilitator keeps open.
            Section(
                (Heading(2, strings.GUIDE_AGENDA), _agenda_table(schedule), _total_line(schedule)), css="keep"
            ),
        ]
        blocks.append(Section(tuple(head), css="day-head"))
        if module.facilitator_notes:
            # Said once, here: the title slide's notes are these same aims.
            aims = (Heading(2, strings.GUIDE_AIMS), Para(display_text(module.facilitator_notes)))
            blocks.append(Section(aims, css="aims"))
        for planned in schedule.slides:
            if planned.slide.kind != "title":
                blocks.append(_slide_section(planned))
        blocks.append(Para(strings.GUIDE_PRIVATE, muted=True))
    blocks += _references(program, _modules(program, modules))
    return blocks


# ---- the run sheet ----------------------------------------------------------------------------------


def run_sheet_blocks(program: Program, *modules: Module, start: time | None = None) -> list[Block]:
    """One page per day: every slide with its start (a time of day from ``start``, else 0:00 on)."""

    def when(minutes: float) -> str:
        return clock_time(start, minutes) if start is not None else elapsed(minutes)

    blocks: list[Block] = []
    for module in _modules(program, modules):
        schedule = build_schedule(program, module)
        rows: list[tuple[str, ...]] = []
        css: list[str] = []
        for planned in schedule.slides:
            slide = planned.slide
            minutes = "" if planned.minutes is None else f"{planned.minutes:g}"
            timer = format_clock(slide.timer_seconds) if slide.timer_seconds is not None else ""
            rows.append(
                (
                    when(planned.start),
                    str(slide.number),
                    slide.title,
                    _format_label(slide.format),
                    minutes,
                    timer,
                )
            )
            css.append("")
            for phase in planned.phases:
                rows.append(
                    (
                        when(phase.start),
                        "",
                        phase.label,
                        _format_label(phase.format),
                        f"{phase.minutes:g}",
                        "",
                    )
                )
                css.append("phase")
        rows.append((when(schedule.total), "", strings.PAPER_END, "", "", ""))
        css.append("end")
        span = strings.RUN_SHEET_SPAN.format(
            start=when(0), end=when(schedule.total), total=duration(schedule.total)
        )
        rounds = schedule.deck.slides
        check_in = next(slide.question for slide in rounds if slide.kind == "check-in")
        closing = next(slide.question for slide in rounds if slide.kind == "closing")
        sheet: list[Block] = [
            Heading(1, f"Day {module.day}: {display_text(module.title)}"),
            Para(f"{strings.RUN_SHEET_TITLE}  ·  {display_text(program.title)}", muted=True),
            Para(span, strong=True),
            Table(strings.RUN_SHEET_COLUMNS, tuple(rows), tuple(css), css=_run_sheet_density(len(rows))),
            Labeled(strings.CHECK_IN_TITLE, check_in or ""),
            Labeled(strings.CLOSING_TITLE, closing or ""),
            Lines(1, label=strings.LOCAL_CONTACT_NAME),
        ]
        blocks.append(Section(tuple(sheet), css="run-sheet"))
    return blocks


RUN_SHEET_DENSITY = ((25, "runsheet"), (35, "runsheet dense"), (48, "runsheet denser"))
"""The most rows each type size fits on one page of A4 or US Letter (measured by printing; see the tests)."""


def _run_sheet_density(rows: int) -> str:
    return next((css for most, css in RUN_SHEET_DENSITY if rows <= most), "runsheet densest")


# ---- the participant handout --------------------------------------------------------------------------


def _recap_sources(program: Program, step: RecapStep) -> str:
    named = []
    for source in step.sources:
        found = program.find_step(source)
        if found is not None:
            module, earlier = found
            named.append(strings.PAPER_SOURCE.format(title=display_text(earlier.title), day=module.day))
    return strings.RECAP_LEAD + "; ".join(named) if named else ""


def _picks_instruction(step: ChoiceStep) -> str:
    if not step.multiple:
        return strings.PAPER_CIRCLE_ONE
    if step.max_picks is not None and step.most_picks < len(step.options):
        return strings.PAPER_TICK_UP_TO.format(count=step.most_picks)
    if step.min_picks:
        return strings.PAPER_TICK_AT_LEAST.format(count=step.min_picks)
    return strings.PAPER_TICK_ANY


def _hints(hints: Sequence[str]) -> list[Block]:
    return [Para(strings.PAPER_HINTS + " / ".join(hints), muted=True)] if hints else []


def step_on_paper(program: Program, step: Step) -> list[Block]:
    """What a step becomes on the handout, after its title: something a pen can answer. A question that
    refers to earlier answers says where to find them, just above it ("Look back at: ...")."""
    blocks = _step_on_paper(program, step)
    line = look_back_line(program, step)
    if line:
        at = next((n for n, block in enumerate(blocks) if isinstance(block, Para) and block.strong), 0)
        blocks.insert(at, Para(line, muted=True))
    return blocks


def _step_on_paper(program: Program, step: Step) -> list[Block]:
    match step:
        case ReadingStep():
            return [Passage(step.on_paper or step.body)]
        case PromptStep():
            lead = [Para(step.intro)] if step.intro else []
            return [*lead, Para(step.question, strong=True), *_hints(step.hints), Lines(PROMPT_LINES)]
        case ScaleStep():
            return [
                Para(step.question, strong=True),
                Para(strings.PAPER_CIRCLE_NUMBER, muted=True),
                ScaleRow(step.low, step.high, step.low_label, step.high_label),
            ]
        case ChoiceStep():
            blocks: list[Block] = [Para(step.question, strong=True)]
            instruction = _picks_instruction(step)
            if instruction.rstrip(".").casefold() not in step.question.casefold():  # the question may say it
                blocks.append(Para(instruction, muted=True))
            if step.multiple:
                return [
                    *blocks,
                    Checklist(tuple(step.options), other=strings.PAPER_OTHER if step.allow_other else ""),
                ]
            blocks.append(CircleList(tuple(step.options)))
            return [*blocks, Lines(1, label=strings.PAPER_OTHER)] if step.allow_other else blocks
        case ListStep():
            up_to = strings.LIST_LEAD.format(count=step.max_items)
            if step.placeholder:
                up_to += f"  {strings.EXAMPLES_LEAD}{step.placeholder}"
            return [
                Para(step.question, strong=True),
                Para(up_to, muted=True),
                Lines(step.max_items, numbered=True),
            ]
        case RankStep():
            return [
                Para(step.question, strong=True),
                Bullets(tuple(step.options), columns=True),
                Para(strings.PAPER_RANK.format(pick=step.pick), muted=True),
                Lines(step.pick, numbered=True),
            ]
        case RecapStep():
            lead = [Para(step.intro)] if step.intro else []
            sources = _recap_sources(program, step)
            look_back = [Para(sources, muted=True)] if sources else []
            return [
                *lead,
                *look_back,
                Para(step.question, strong=True),
                *_hints(step.hints),
                Lines(PROMPT_LINES),
            ]
        case CommitmentStep():
            examples = (
                [Para(strings.EXAMPLES_LEAD + " ".join(step.examples), muted=True)] if step.examples else []
            )
            return [
                Para(step.question, strong=True),
                *examples,
                Lines(1, label=step.when_label),
                Lines(COMMITMENT_LINES, label=step.action_label),
                *([Lines(1, label=strings.PAPER_DATE)] if step.ask_date else []),
            ]
        case FollowThroughStep():
            return [
                *([Para(step.intro)] if step.intro else []),
                Para(strings.PAPER_FOLLOW_THROUGH, muted=True),
                *[
                    block
                    for _ in range(FOLLOW_THROUGH_PLANS)
                    for block in (Lines(2), Para(strings.PAPER_HAPPENED), Lines(1, label="Rewritten"))
                ],
            ]
        case CheckStep():
            return [
                Para(strings.PAPER_CHECK_PRIVATE, muted=True),
                *instrument_on_paper(INSTRUMENTS[step.instrument]),
            ]
        case FeedbackStep():
            return [Para(strings.PAPER_FEEDBACK, muted=True), *feedback_on_paper(step)]
        case PauseStep():
            return []  # a timed silence has nothing to print
        case _:
            assert_never(step)


def feedback_on_paper(step: FeedbackStep) -> list[Block]:
    """A feedback form as a grid: one row per question, the ratings 1 to 5 to circle, named in words."""
    marks = tuple(str(rating) for rating in FEEDBACK_RATINGS)
    return [
        Para(step.question, strong=True),
        Para(strings.PAPER_CIRCLE_PER_ROW, muted=True),
        CircleGrid("", tuple(step.labels), marks, tuple(question.text for question in step.questions)),
    ]


def instrument_on_paper(instrument: Instrument) -> list[Block]:
    """A validated check, word for word, as numbers to circle, with its scoring and attribution."""
    marks = tuple(str(score) for score in instrument.scores)
    if instrument is WHO5:
        # The stem's last line ("Over the last two weeks:") heads the items, as on the published form.
        instruction, _, corner = instrument.stem.rpartition("\n")
        labels = tuple(option.label for option in instrument.options)
        most = max(instrument.scores) * len(instrument.items)
        return [
            Para(instruction),
            Para(strings.PAPER_CIRCLE_PER_ROW, muted=True),
            CircleGrid(corner, labels, marks, instrument.items),
            Section(
                (
                    Para(
                        strings.PAPER_WHO5_ADD.format(
                            items=len(instrument.items), most=most, multiplier=WHO5_MULTIPLIER
                        )
                    ),
                    Para(strings.PAPER_WHO5_SUM.format(multiplier=WHO5_MULTIPLIER), css="sum"),
                    Para(
                        strings.PAPER_WHO5_MEANING.format(
                            cut_off=WHO5_CARE_AT_OR_BELOW, change=WHO5_MEANINGFUL_CHANGE
                        )
                    ),
                ),
                css="scoring",
            ),
            Para(instrument.attribution, css="attribution"),
        ]
    if instrument is BURNOUT:
        return [
            Para(instrument.stem, strong=True),
            Para(strings.PAPER_CIRCLE_NUMBER, muted=True),
            CircleList(tuple(option.label for option in instrument.options), marks=marks),
            Section(
                (
                    Para(
                        strings.PAPER_BURNOUT_SCORING.format(
                            from_option=BURNOUT_FROM_OPTION, highest=BURNOUT_HIGHEST
                        )
                    ),
                ),
                css="scoring",
            ),
            Para(instrument.attribution, css="attribution"),
        ]
    raise ValueError(f"no paper form for the instrument {instrument.id!r}")


def _where_and_when(line: SupportLine) -> str:
    """The service's page and when its details were checked: ``https://988.ca  ·  checked 2 Jan 2026``."""
    checked = strings.PAPER_CHECKED.format(date=f"{line.checked.day} {line.checked:%b %Y}")
    return f"{line.url}  ·  {checked}" if line.url else checked


def support_on_paper(directory: SupportDirectory) -> Section:
    """The crisis and physician-support lines, whole and with their checked dates, and a local blank."""
    groups = tuple(
        (
            country,
            tuple(
                (line.name, f"{line.contact}  ·  {line.hours}", line.about, _where_and_when(line))
                for line in lines
            ),
        )
        for country, lines in directory.by_country().items()
    )
    return Section(
        (
            Heading(2, strings.PAPER_SUPPORT_TITLE),
            Para(strings.PAPER_NOT_A_CRISIS_SERVICE),
            Para(directory.emergency, strong=True),
            Heading(3, strings.PAPER_LOCAL_TITLE),
            Lines(1, label=strings.LOCAL_CONTACT_WHO),
            Lines(1, label=strings.LOCAL_CONTACT_HOW),
            Heading(3, strings.PAPER_LINES_TITLE),
            Directory(groups),
        ),
        css="support",
    )


def handout_blocks(
    program: Program, *modules: Module, support: SupportDirectory | None = None
) -> list[Block]:
    """The participant handout: the day on paper, to answer with a pen. No facilitator notes."""
    directory = support or load_support_lines()
    chosen = _modules(program, modules)
    blocks: list[Block] = []
    for module in chosen:
        blocks.append(
            Section(
                (
                    Heading(1, _title(program, module)),
                    Para(strings.HANDOUT_TITLE, muted=True),
                    Para(display_text(module.summary)),
                    Para(strings.HANDOUT_INTRO, muted=True),
                ),
                css="day-head",
            )
        )
        for step in module.steps:
            on_paper = step_on_paper(program, step)
            if on_paper:
                # A reading may run past a page; an exercise is kept on one page with its question.
                css = "reading" if isinstance(step, ReadingStep) else "step"
                blocks.append(Section((Heading(2, display_text(step.title)), *on_paper), css=css))
        if module is chosen[-1]:
            # Once, so that the support lines end the handout, as the readings say.
            blocks += _references(program, chosen)
        blocks.append(support_on_paper(directory))
    return blocks


def _references(program: Program, modules: Sequence[Module]) -> list[Block]:
    """The sources the printed days cite; all of the program's, for content that names none in ``cites``."""
    cited_anywhere = any(owner.cites for module in program.modules for owner in (module, *module.steps))
    references = modules_sources(program, modules) if cited_anywhere else program.references
    if not references:
        return []
    items = tuple(
        display_text(ref.text) + (f" {display_text(ref.url)}" if ref.url else "")
        for ref in references
    )
    return [Section((Heading(2, strings.REFERENCES), Bullets(items)), css="references")]


# ---- the public entry points -------------------------------------------------------------------------


def _doc_title(program: Program, modules: Sequence[Module], what: str) -> str:
    chosen = _modules(program, modules)
    if len(chosen) == 1:
        return f"{display_text(program.title)}: Day {chosen[0].day}, {what}"
    return f"{display_text(program.title)}: {what}"


def _render(blocks: list[Block], fmt: OutputFormat, title: str) -> str:
    return to_html(blocks, title) if fmt == "html" else to_markdown(blocks)


def guide(program: Program, *modules: Module, fmt: OutputFormat = "markdown") -> str:
    """The facilitator guide for ``modules`` (every day when none are given)."""
    return _render(guide_blocks(program, *modules), fmt, _doc_title(program, modules, strings.GUIDE_TITLE))


def handout(
    program: Program,
    *modules: Module,
    fmt: OutputFormat = "markdown",
    support: SupportDirectory | None = None,
) -> str:
    """The participant handout for ``modules`` (every day when none are given).

    ``support`` is the directory of crisis lines printed at the end of each day (the shipped one by default).
    """
    blocks = handout_blocks(program, *modules, support=support)
    return _render(blocks, fmt, _doc_title(program, modules, strings.HANDOUT_TITLE))


def run_sheet(
    program: Program, *modules: Module, start: time | None = None, fmt: OutputFormat = "markdown"
) -> str:
    """One page per day: the slides with their start times (times of day from ``start``, when given)."""
    blocks = run_sheet_blocks(program, *modules, start=start)
    return _render(blocks, fmt, _doc_title(program, modules, strings.RUN_SHEET_TITLE))
