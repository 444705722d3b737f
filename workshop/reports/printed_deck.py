"""The slides of a day on paper or PDF: one landscape page per slide, with or without facilitator notes.

Built from the same ``Deck`` the presenter shows (``build_deck``), so the printed slides are the projected
ones, numbered alike. On screen the presenter may split a long slide into "continued" slides; on paper a
slide is always one page. HTML cannot measure text without a script (and these pages run none), so the
type size of each slide is chosen here: the text is measured in characters against the page, and the
largest of a few sizes whose estimated height fits is used. The estimate is deliberately generous (wide
letters, the smaller of A4 and US Letter); ``tests/test_paper_print.py`` prints the shipped days with
Chromium and checks that every slide is one page.

With notes, each page has the slide on the left and, beside it, what the facilitator needs: the planned
start and minutes (check-in and closing rounds counted, see ``schedule.py``), any phases, the notes,
discussion question and hints, and the next slide's title.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from workshop.content.models import Module, Program
from workshop.present import strings
from workshop.present.deck import Slide
from workshop.present.schedule import PlannedSlide, Schedule, build_schedule, duration, elapsed
from workshop.present.timer import format_clock
from workshop.reports.html_page import html_text, page
from workshop.reports.paper import markdown_html
from workshop.text import display_text

# ---- the page, in millimetres -------------------------------------------------------------------------

PAGE_WIDTH = 259.0
"""Printable width of a landscape page: US Letter (279 mm) less two 10 mm margins; A4 is wider."""
PAGE_HEIGHT = 186.0
"""Printable height: A4 landscape (210 mm) less margins and a little slack; Letter is taller."""
FRAME = 12.0
"""The slide's inner padding on each side."""
FOOTER = 9.0
"""The line at the foot of the slide (day, slide number)."""
NOTES_SHARE = 0.38
"""With notes, the part of the page's width the notes take."""

_PT = 0.3528  # millimetres in a typographic point
_CHAR = 0.5  # an average letter's width in ems; with _lines' word-wrap allowance it holds for DejaVu Sans too
_LEADING = 1.28

# Type sizes at scale 1, in points. Scales below 1 shrink everything together.
SIZES = {"eyebrow": 13, "title": 26, "lead": 19, "body": 17, "question": 28, "items": 18, "detail": 15}
NOTES_SIZE = 11
SCALES = (1.6, 1.4, 1.2, 1.0, 0.9, 0.8, 0.7, 0.62, 0.55, 0.48, 0.42, 0.37, 0.33, 0.29, 0.25, 0.22)


def _lines(text: str, size_pt: float, width_mm: float) -> int:
    # Lines break between words, so a line holds about half a word less than its width in letters.
    per_line = max(8, int(width_mm / (size_pt * _PT * _CHAR)) - 4)
    return sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n") if part.strip()) or 1


def _height(text: str, size_pt: float, width_mm: float, gap_em: float = 0.6) -> float:
    """Estimated height of ``text``'s paragraphs, each with the space after it."""
    lines = sum(_lines(part, size_pt, width_mm) * _LEADING + gap_em for part in _paragraphs(text))
    return lines * size_pt * _PT


def _paragraphs(text: str) -> list[str]:
    """Text split at its blank lines: each part becomes a paragraph of its own."""
    return [part.strip() for part in re.split(r"\n\s*\n", text) if part.strip()] or [""]


def item_columns(slide: Slide) -> int:
    """Short options go side by side: up to 7 in one column, up to 16 in two, more in three."""
    count = len(slide.items)
    return 1 if count <= 7 else 2 if count <= 16 else 3


def slide_height(slide: Slide, scale: float, width: float) -> float:
    """Estimated height in millimetres of ``slide``'s text at ``scale``, in a column ``width`` wide."""

    def size(part: str) -> float:
        return SIZES[part] * scale

    height = 0.0
    if slide.eyebrow:
        height += _height(slide.eyebrow, size("eyebrow"), width)
    height += _height(slide.title, size("title"), width, gap_em=0.5)
    if slide.lead:
        height += _height(slide.lead, size("lead"), width)
    if slide.body_markdown:
        height += _height(slide.body_markdown, size("body"), width)
    if slide.look_back:
        height += _height(slide.look_back, size("detail"), width)
    if slide.question:
        height += _height(slide.question, size("question"), width)
    if slide.items:
        columns = item_columns(slide)
        column = (width - (columns - 1) * 8) / columns
        tallest = max(_lines(item, size("items"), column) for item in slide.items)
        rows = math.ceil(len(slide.items) / columns)
        height += rows * (tallest * _LEADING + 0.25) * size("items") * _PT
    if slide.detail:
        height += _height(slide.detail, size("detail"), width)
    if slide.timer_seconds is not None:
        height += _height("Timer", size("detail"), width)
    return height


def fit_scale(slide: Slide, width: float, height: float) -> float:
    """The largest type scale at which ``slide`` fits ``width`` x ``height`` mm (else the smallest)."""
    return next((s for s in SCALES if slide_height(slide, s, width) <= height), SCALES[-1])


def notes_scale(lines: Iterable[str], width: float, height: float) -> float:
    """The same for the notes beside a slide."""
    texts = list(lines)
    return next(
        (s for s in SCALES if sum(_height(t, NOTES_SIZE * s, width) for t in texts) <= height), SCALES[-1]
    )


# ---- HTML ----------------------------------------------------------------------------------------

CSS = f"""
:root {{ color-scheme: light; }}
@page {{ size: landscape; margin: 10mm; }}
* {{ box-sizing: border-box; }}
body {{ margin: 0; font-family: Arial, "Liberation Sans", Helvetica, "DejaVu Sans", sans-serif; color: #111;
       background: #fff; }}
/* min-height, not height: a slide whose text were too long would take a second page, which a test
   notices, rather than be cut off without a trace. */
.page {{ display: flex; gap: 6mm; width: {PAGE_WIDTH}mm; min-height: {PAGE_HEIGHT}mm; margin: 0 auto;
         break-after: page; break-inside: avoid; }}
.page:last-child {{ break-after: auto; }}
.slide {{ flex: 1; display: flex; flex-direction: column; border: 1.2pt solid #444; border-radius: 2mm;
          padding: {FRAME}mm {FRAME}mm 0; }}
.content {{ flex: 1; }}
.slide p, .slide ul, .slide h1 {{ margin: 0 0 .6em; }}
.eyebrow {{ font-size: calc(var(--s) * {SIZES["eyebrow"]}pt); color: #444; text-transform: uppercase;
            letter-spacing: .06em; }}
.slide h1 {{ font-size: calc(var(--s) * {SIZES["title"]}pt); line-height: 1.15; margin-bottom: .5em; }}
.lead {{ font-size: calc(var(--s) * {SIZES["lead"]}pt); line-height: {_LEADING}; }}
.passage {{ font-size: calc(var(--s) * {SIZES["body"]}pt); line-height: {_LEADING}; }}
.passage p {{ margin: 0 0 .6em; }}
.question {{ font-size: calc(var(--s) * {SIZES["question"]}pt); line-height: {_LEADING}; font-weight: bold; }}
ul.items {{ font-size: calc(var(--s) * {SIZES["items"]}pt); line-height: {_LEADING}; padding-left: 1.2em;
            column-gap: 8mm; }}
ul.items li {{ break-inside: avoid; margin-bottom: .25em; }}
ul.cols-2 {{ columns: 2; }}
ul.cols-3 {{ columns: 3; }}
.detail, .timer {{ font-size: calc(var(--s) * {SIZES["detail"]}pt); color: #333; line-height: {_LEADING}; }}
.timer {{ font-weight: bold; }}
.foot {{ height: {FOOTER}mm; display: flex; justify-content: space-between; align-items: center;
         border-top: 1pt solid #aaa; font-size: 9pt; color: #444; }}
.notes {{ flex: 0 0 {PAGE_WIDTH * NOTES_SHARE:.1f}mm; font-size: calc(var(--n) * {NOTES_SIZE}pt);
          line-height: {_LEADING}; padding-top: 2mm; }}
.notes h2 {{ font-size: 1.25em; margin: 0 0 .4em; border-bottom: 1pt solid #999; }}
.notes p {{ margin: 0 0 .6em; }}
.notes .plan {{ font-weight: bold; }}
.notes .label {{ font-weight: bold; }}
.notes .next {{ color: #333; border-top: 1pt solid #bbb; padding-top: .4em; }}
a {{ color: inherit; }}
@media screen {{
  body {{ background: #ddd; padding: 8mm 0; }}
  .page {{ background: #fff; padding: 6mm; margin-bottom: 8mm;
           width: {PAGE_WIDTH + 12}mm; box-shadow: 0 1px 4px #888; }}
}}
"""


@dataclass(frozen=True)
class _Context:
    schedule: Schedule
    notes: bool
    day_line: str


def _p(css: str, text: str) -> str:
    """``text`` as one paragraph per blank-line-separated part (as ``_height`` measures it)."""
    return "\n".join(
        f'<p class="{css}">{html_text(part).replace(chr(10), "<br>")}</p>' for part in _paragraphs(text)
    )


def _slide_html(planned: PlannedSlide, context: _Context) -> str:
    slide = planned.slide
    width = PAGE_WIDTH * (1 - NOTES_SHARE) - 6 if context.notes else PAGE_WIDTH
    width -= 2 * FRAME
    scale = fit_scale(slide, width, PAGE_HEIGHT - FRAME - FOOTER - 4)
    parts = []
    if slide.eyebrow:
        parts.append(_p("eyebrow", slide.eyebrow))
    parts.append(f"<h1>{html_text(slide.title)}</h1>")
    if slide.lead:
        parts.append(_p("lead", slide.lead))
    if slide.body_markdown:
        parts.append(f'<div class="passage">{markdown_html(slide.body_markdown)}</div>')
    if slide.look_back:
        parts.append(_p("detail", slide.look_back))
    if slide.question:
        parts.append(_p("question", slide.question))
    if slide.items:
        columns = item_columns(slide)
        css = "items" if columns == 1 else f"items cols-{columns}"
        parts.append(
            f'<ul class="{css}">' + "".join(f"<li>{html_text(i)}</li>" for i in slide.items) + "</ul>"
        )
    if slide.detail:
        parts.append(_p("detail", slide.detail))
    if slide.timer_seconds is not None:
        parts.append(_p("timer", strings.GUIDE_TIMER.format(clock=format_clock(slide.timer_seconds))))
    count = len(context.schedule.slides)
    foot = (
        f'<div class="foot"><span>{html_text(context.day_line)}</span>'
        f"<span>{slide.number} / {count}</span></div>"
    )
    content = "\n".join(parts)
    slide_box = f'<div class="slide" style="--s: {scale:g}">'
    return f'{slide_box}\n<div class="content">\n{content}\n</div>\n{foot}\n</div>'


def _notes_lines(planned: PlannedSlide, following: Slide | None) -> list[tuple[str, str, str]]:
    """(css, label, text) for each paragraph of the notes beside a slide."""
    slide = planned.slide
    plan = []
    if planned.minutes is not None:
        plan.append(strings.DECK_STARTS.format(start=elapsed(planned.start)))
        plan.append(duration(planned.minutes))
    if slide.timer_seconds is not None:
        plan.append(strings.GUIDE_TIMER.format(clock=format_clock(slide.timer_seconds)))
    fmt = strings.FORMAT_LABELS.get(slide.format or "", "")
    if fmt:
        plan.append(fmt)
    lines: list[tuple[str, str, str]] = []
    if plan:
        lines.append(("plan", "", "  ·  ".join(plan)))
    if planned.phases:
        phases = strings.GUIDE_PHASE_JOIN.join(
            strings.GUIDE_PHASE.format(
                label=phase.label,
                minutes=duration(phase.minutes),
                format=strings.FORMAT_LABELS.get(phase.format, "").lower(),
            )
            for phase in planned.phases
        )
        lines.append(("phases", strings.GUIDE_PHASES, phases))
    if slide.notes:
        lines += [("note", "", part) for part in _paragraphs(slide.notes)]
    if not slide.notes and not slide.discussion:
        lines.append(("note muted", "", strings.NOTES_NONE))
    if slide.discussion:
        lines.append(("discussion", strings.GUIDE_DISCUSSION, slide.discussion))
    if slide.hints:
        lines.append(("hints", strings.GUIDE_HINTS, " / ".join(slide.hints)))
    next_line = strings.DECK_NEXT.format(title=following.title) if following else strings.DECK_LAST
    lines.append(("next", "", next_line))
    return lines


def _notes_html(planned: PlannedSlide, following: Slide | None) -> str:
    lines = _notes_lines(planned, following)
    width = PAGE_WIDTH * NOTES_SHARE
    heading = strings.DECK_NOTES_HEADING.format(number=planned.slide.number)
    texts = [heading, *(f"{label}: {text}" if label else text for _, label, text in lines)]
    scale = notes_scale(texts, width, PAGE_HEIGHT - 6)
    body = []
    for css, label, text in lines:
        lead = f'<span class="label">{html_text(label)}:</span> ' if label else ""
        body.append(f'<p class="{css}">{lead}{html_text(text).replace(chr(10), "<br>")}</p>')
    return (
        f'<aside class="notes" style="--n: {scale:g}">\n<h2>{html_text(heading)}</h2>\n'
        + "\n".join(body)
        + "\n</aside>"
    )


def printed_deck(program: Program, module: Module, *, notes: bool = False) -> str:
    """The day's slides as one self-contained, printable HTML page: one landscape page per slide."""
    schedule = build_schedule(program, module)
    context = _Context(schedule, notes, f"Day {module.day}  ·  {display_text(module.title)}")
    planned = schedule.slides
    pages = []
    for index, item in enumerate(planned):
        following = planned[index + 1].slide if index + 1 < len(planned) else None
        inner = _slide_html(item, context)
        if notes:
            inner += "\n" + _notes_html(item, following)
        pages.append(f'<section class="page" id="slide-{item.slide.number}">\n{inner}\n</section>')
    what = strings.DECK_NOTES_TITLE if notes else strings.DECK_TITLE
    title = f"{display_text(program.title)}: Day {module.day}, {what}"
    return page(title, CSS, pages)
