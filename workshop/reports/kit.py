"""The facilitator's kit: the privacy statement to hand out, the attendance sheet and the feedback slips.

Printed with the guide (``workshop guide --kit privacy|attendance|feedback``), from the same document
model as the guide and the handout (``paper.py``), so every piece of content text is escaped for its
format. None of them reads a journal: they hold the program's words and blank space, never an answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from workshop.content.models import FeedbackStep, Module, Program
from workshop.present import strings
from workshop.reports.handouts import OutputFormat, feedback_on_paper
from workshop.reports.paper import (
    CSS,
    Block,
    Heading,
    Lines,
    Para,
    Section,
    Table,
    to_html,
    to_markdown,
)
from workshop.text import display_text

KitPage = Literal["privacy", "attendance", "feedback"]

SLIPS_PER_PAGE = 2
"""Feedback slips on one A4 or Letter page, to cut apart along the dashed line."""

KIT_CSS = CSS + """
section.privacy h1 { margin-bottom: .1em; }
section.privacy h2 { font-size: 1.05em; margin: .9em 0 .15em; }
section.privacy p { margin: .25em 0; }
section.privacy .contact .lines { margin: .2em 0 0; }
table.attendance { table-layout: fixed; font-size: 11pt; }
table.attendance th { vertical-align: bottom; white-space: pre-line; border: 1pt solid #555; }
table.attendance td { height: 9mm; border: 1pt solid #555; }
table.attendance th:first-child { width: 34%; }
section.slip { break-inside: avoid; min-height: 100mm; padding: 0 0 6mm; margin: 0 0 6mm;
               border-bottom: 1.2pt dashed #555; }
section.slip:nth-of-type(2n) { border-bottom: none; break-after: page; }
section.slip h2 { margin-top: 0; }
"""


def privacy_blocks(program: Program) -> list[Block]:
    """One page for each participant: what stays on their machine, what a scores file holds, that sharing is
    optional, how to look at the file first, and what the facilitator does with it."""
    blocks: list[Block] = [
        Heading(1, strings.KIT_PRIVACY_TITLE),
        Para(display_text(program.title), strong=True),
        Para(strings.KIT_PRIVACY_LEAD, muted=True),
    ]
    for heading, text in strings.KIT_PRIVACY_SECTIONS:
        blocks += [Heading(2, heading), Para(text)]
    blocks += [
        Section((Lines(1, label=strings.KIT_PRIVACY_CONTACT),), css="contact"),
        Para(strings.KIT_PRIVACY_FOOT, muted=True, css="small"),
    ]
    return [Section(tuple(blocks), css="privacy")]


def attendance_blocks(program: Program, rows: int = strings.KIT_ATTENDANCE_ROWS) -> list[Block]:
    """A sheet to sign in on: a name or initials, and one column per day of the program. No scores."""
    days = sorted({module.day for module in program.modules})
    header = (strings.KIT_ATTENDANCE_NAME, *(strings.KIT_ATTENDANCE_DAY.format(day=day) for day in days))
    return [
        Heading(1, f"{strings.KIT_ATTENDANCE_TITLE}: {display_text(program.title)}"),
        Para(strings.KIT_ATTENDANCE_LEAD, muted=True),
        Lines(1, label="Group and place"),
        Table(header, tuple(("",) * len(header) for _ in range(rows)), css="attendance"),
    ]


def feedback_blocks(program: Program, modules: Sequence[Module] = ()) -> list[Block]:
    """Each day's feedback form as slips to hand round, two to a page, to answer with a pen."""
    blocks: list[Block] = []
    for module in modules or program.modules:
        form = next((step for step in module.steps if isinstance(step, FeedbackStep)), None)
        if form is None:
            continue
        title = strings.KIT_FEEDBACK_TITLE.format(day=module.day)
        slip = (
            Heading(2, f"{title}, {display_text(module.title)}"),
            *feedback_on_paper(form),
            Para(strings.KIT_FEEDBACK_LEAD, muted=True),
        )
        blocks += [Section(slip, css="slip") for _ in range(SLIPS_PER_PAGE)]
    return blocks or [Para(strings.KIT_FEEDBACK_NONE)]


def kit_page(
    page: KitPage, program: Program, modules: Sequence[Module] = (), fmt: OutputFormat = "html"
) -> str:
    """One page of the kit as a printable HTML page or Markdown."""
    match page:
        case "privacy":
            blocks, what = privacy_blocks(program), strings.KIT_PRIVACY_TITLE
        case "attendance":
            blocks, what = attendance_blocks(program), strings.KIT_ATTENDANCE_TITLE
        case "feedback":
            blocks, what = feedback_blocks(program, modules), "Feedback slips"
    title = f"{display_text(program.title)}: {what}"
    if fmt == "html":
        return to_html(blocks, title, css=KIT_CSS)
    # Markdown has no page breaks: one copy of each slip is enough to read or to paste elsewhere.
    return to_markdown(blocks[::SLIPS_PER_PAGE] if page == "feedback" and len(blocks) > 1 else blocks)
