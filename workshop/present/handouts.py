"""The facilitator guide and the participant handout, as Markdown or self-contained, printable HTML.

Pure functions of the content: (Program, modules) -> str. They are built from the same ``Deck`` the
presenter shows, so the guide's agenda is the room's agenda. They never read a journal. Every string from
a content file is escaped for its format; reading passages (validated Markdown: no raw HTML, only
http(s)/mailto links) are rendered by markdown-it with HTML disabled.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from workshop.content.models import Module, Program
from workshop.html_page import html_text, page
from workshop.present import strings
from workshop.present.deck import Deck, Slide, build_deck
from workshop.present.timer import format_clock
from workshop.text import display_text

OutputFormat = Literal["markdown", "html"]
FORMATS: tuple[OutputFormat, ...] = ("markdown", "html")

# ---- a tiny document model, rendered twice -----------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Para:
    text: str
    strong: bool = False
    muted: bool = False


@dataclass(frozen=True)
class Labeled:
    label: str
    text: str
    css: str = ""


@dataclass(frozen=True)
class Passage:
    markdown: str


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class WriteSpace:
    lines: int = 5


@dataclass(frozen=True)
class Section:
    """A step or a day: kept together on a printed page where possible."""

    blocks: tuple[Block, ...]
    css: str = "step"


Block = Heading | Para | Labeled | Passage | Bullets | Table | WriteSpace | Section


# ---- building the documents ------------------------------------------------------------------------


def _modules(program: Program, modules: Sequence[Module]) -> Sequence[Module]:
    return modules or program.modules


def _title(program: Program, deck: Deck) -> str:
    return f"{deck.program_title}: Day {deck.day}, {deck.module_title}"


def _screen_blocks(slide: Slide) -> list[Block]:
    """What the room sees on a slide, without its title."""
    blocks: list[Block] = []
    if slide.lead:
        blocks.append(Para(slide.lead))
    if slide.body_markdown:
        blocks.append(Passage(slide.body_markdown))
    if slide.question:
        blocks.append(Para(slide.question, strong=True))
    if slide.items:
        blocks.append(Bullets(slide.items))
    if slide.detail:
        blocks.append(Para(slide.detail, muted=True))
    return blocks


def _agenda_table(deck: Deck) -> Table:
    rows = []
    offset = 0.0
    for slide in deck.slides:
        planned = slide.planned_minutes
        minutes = "" if planned is None else _minutes(planned)
        if slide.timer_seconds is not None:
            minutes += f" (timer {format_clock(slide.timer_seconds)})"
        rows.append(
            (
                format_clock(offset * 60, round_up=False) if planned is not None else "",
                str(slide.number),
                slide.title,
                strings.FORMAT_LABELS.get(slide.format or "", ""),
                minutes.strip(),
            )
        )
        offset += planned or 0
    return Table(strings.GUIDE_AGENDA_COLUMNS, tuple(rows))


def _minutes(value: float) -> str:
    return f"{value:g} min"


def guide_blocks(program: Program, *modules: Module) -> list[Block]:
    """The facilitator guide: agenda with timings, what the room sees, notes, discussion, hints."""
    blocks: list[Block] = []
    for module in _modules(program, modules):
        deck = build_deck(program, module)
        day: list[Block] = [
            Heading(1, _title(program, deck)),
            Para(strings.GUIDE_TITLE, muted=True),
            Para(display_text(module.summary)),
        ]
        if module.facilitator_notes:
            day += [Heading(2, strings.GUIDE_AIMS), Para(display_text(module.facilitator_notes))]
        day += [
            Heading(2, strings.GUIDE_AGENDA),
            _agenda_table(deck),
            Para(strings.GUIDE_TOTAL.format(minutes=f"{deck.planned_minutes:g}"), muted=True),
        ]
        blocks.append(Section(tuple(day), css="day-head"))
        for slide in deck.slides:
            meta = [strings.FORMAT_LABELS.get(slide.format or "", "")]
            if slide.planned_minutes is not None:
                meta.append(_minutes(slide.planned_minutes))
            if slide.timer_seconds is not None:
                meta.append(strings.GUIDE_TIMER.format(clock=format_clock(slide.timer_seconds)))
            step: list[Block] = [Heading(2, f"{slide.number}. {slide.title}")]
            meta_line = "  ·  ".join(part for part in meta if part)
            if meta_line:
                step.append(Para(meta_line, muted=True))
            step += _screen_blocks(slide)
            if slide.discussion:
                step.append(Labeled(strings.GUIDE_DISCUSSION, slide.discussion, css="discussion"))
            if slide.notes:
                step.append(Labeled(strings.GUIDE_NOTES, slide.notes, css="notes"))
            if slide.hints:
                step.append(Labeled(strings.GUIDE_HINTS, " / ".join(slide.hints), css="hints"))
            blocks.append(Section(tuple(step)))
        blocks.append(Para(strings.GUIDE_PRIVATE, muted=True))
    blocks += _references(program)
    return blocks


def handout_blocks(program: Program, *modules: Module) -> list[Block]:
    """The participant handout: readings and the questions to take home, with room to write. No notes."""
    blocks: list[Block] = []
    for module in _modules(program, modules):
        deck = build_deck(program, module)
        blocks.append(
            Section(
                (
                    Heading(1, _title(program, deck)),
                    Para(strings.HANDOUT_TITLE, muted=True),
                    Para(display_text(module.summary)),
                    Para(strings.HANDOUT_INTRO, muted=True),
                ),
                css="day-head",
            )
        )
        for slide in deck.slides:
            if slide.kind != "step" or slide.step_kind == "pause":
                continue
            step: list[Block] = [Heading(2, slide.title), *_screen_blocks(slide)]
            if slide.hints:
                step.append(Para(" / ".join(slide.hints), muted=True))
            if slide.question:
                step.append(WriteSpace(lines=6 if slide.step_kind in {"prompt", "recap"} else 3))
            blocks.append(Section(tuple(step)))
    blocks.append(Para(strings.NOT_THERAPY, muted=True))
    blocks += _references(program)
    return blocks


def _references(program: Program) -> list[Block]:
    if not program.references:
        return []
    items = tuple(
        display_text(ref.text) + (f" {display_text(ref.url)}" if ref.url else "")
        for ref in program.references
    )
    return [Section((Heading(2, strings.REFERENCES), Bullets(items)), css="references")]


# ---- Markdown ------------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_MD_LINE_START = re.compile(r"^(\s*)(?:([-+#>=])|(\d+)([.)]))", re.MULTILINE)


def _escape_line_start(match: re.Match[str]) -> str:
    indent, marker, number, delimiter = match.groups()
    # CommonMark escapes punctuation only: "\-" for a bullet, "1\." (not "\1.") for a numbered item.
    return f"{indent}\\{marker}" if marker else f"{indent}{number}\\{delimiter}"


def md_escape(text: str, *, block_start: bool = True) -> str:
    """Plain text made literal in Markdown: no emphasis, links, HTML, headings or list markers sneak in.

    ``block_start`` is False where the text follows a marker of ours (``## ``, ``- ``, ``**``) on the same
    line, so its first line cannot start a block.
    """
    escaped = _MD_SPECIAL.sub(r"\\\1", display_text(text))
    if not block_start:
        first, newline, rest = escaped.partition("\n")
        return first + newline + _MD_LINE_START.sub(_escape_line_start, rest)
    return _MD_LINE_START.sub(_escape_line_start, escaped)


def to_markdown(blocks: Sequence[Block]) -> str:
    out: list[str] = []
    for block in blocks:
        out.extend(_md_block(block))
    return "\n\n".join(part for part in out if part).rstrip() + "\n"


def _md_block(block: Block) -> list[str]:
    if isinstance(block, Section):
        return [part for child in block.blocks for part in _md_block(child)]
    if isinstance(block, Heading):
        return [f"{'#' * block.level} {md_escape(block.text, block_start=False)}"]
    if isinstance(block, Para):
        if block.strong or block.muted:
            mark = "**" if block.strong else "*"
            return [f"{mark}{md_escape(block.text, block_start=False)}{mark}"]
        return [md_escape(block.text)]
    if isinstance(block, Labeled):
        return [f"**{md_escape(block.label)}:** {md_escape(block.text)}"]
    if isinstance(block, Passage):
        # Validated at load: Markdown without raw HTML or unsafe links. Shown as the author wrote it.
        return [display_text(block.markdown).strip()]
    if isinstance(block, Bullets):
        return ["\n".join(f"- {md_escape(item, block_start=False)}" for item in block.items)]
    if isinstance(block, Table):
        cells = [block.header, *block.rows]
        lines = ["| " + " | ".join(md_escape(cell, block_start=False) or " " for cell in row) + " |"
                 for row in cells]
        lines.insert(1, "|" + "|".join("---" for _ in block.header) + "|")
        return ["\n".join(lines)]
    return ["\n".join(["_" * 60] * block.lines)] if isinstance(block, WriteSpace) else []


# ---- HTML ------------------------------------------------------------------------------------------

_CSS = """
:root { color-scheme: light; }
body { font: 12pt/1.5 Georgia, "Times New Roman", serif; color: #111; background: #fff;
       max-width: 42em; margin: 2em auto; padding: 0 1.5em; }
h1 { font-size: 1.6em; margin: 0 0 .2em; }
h2 { font-size: 1.2em; margin: 1.6em 0 .3em; border-bottom: 1px solid #bbb; }
.muted { color: #555; font-style: italic; }
.question { font-weight: bold; }
table { border-collapse: collapse; width: 100%; font-size: .95em; }
th, td { text-align: left; padding: .2em .5em; border-bottom: 1px solid #ccc; vertical-align: top; }
.labeled { margin: .5em 0; padding: .3em .7em; border-left: 3px solid #888; }
.notes { background: #f3f3f3; }
.write { height: calc(var(--lines) * 2em);
         background: repeating-linear-gradient(#fff 0 calc(2em - 1px), #999 calc(2em - 1px) 2em);
         margin: .5em 0 1em; }
section.step, section.references { break-inside: avoid; page-break-inside: avoid; }
section.day-head { break-before: page; page-break-before: always; }
section.day-head:first-of-type { break-before: auto; page-break-before: auto; }
a { color: #003d99; }
@page { margin: 18mm 16mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  a { color: inherit; }
  .write { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def _markdown_html(markdown: str) -> str:
    from markdown_it import MarkdownIt  # a dependency of Textual; deferred as only HTML output needs it

    # "html": False escapes any raw HTML; markdown-it also refuses javascript: and similar link targets.
    renderer = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    return str(renderer.render(display_text(markdown)))


def _html_block(block: Block) -> str:
    if isinstance(block, Section):
        inner = "\n".join(_html_block(child) for child in block.blocks)
        return f'<section class="{block.css}">\n{inner}\n</section>'
    if isinstance(block, Heading):
        return f"<h{block.level}>{html_text(block.text)}</h{block.level}>"
    if isinstance(block, Para):
        css = "question" if block.strong else "muted" if block.muted else ""
        text = html_text(block.text).replace("\n", "<br>")
        return f'<p class="{css}">{text}</p>' if css else f"<p>{text}</p>"
    if isinstance(block, Labeled):
        text = html_text(block.text).replace("\n", "<br>")
        return f'<div class="labeled {block.css}"><strong>{html_text(block.label)}:</strong> {text}</div>'
    if isinstance(block, Passage):
        return f'<div class="passage">{_markdown_html(block.markdown)}</div>'
    if isinstance(block, Bullets):
        return "<ul>" + "".join(f"<li>{html_text(item)}</li>" for item in block.items) + "</ul>"
    if isinstance(block, Table):
        head = "".join(f"<th>{html_text(cell)}</th>" for cell in block.header)
        body = "".join(
            "<tr>" + "".join(f"<td>{html_text(cell)}</td>" for cell in row) + "</tr>" for row in block.rows
        )
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    if isinstance(block, WriteSpace):
        return (
            f'<div class="write" style="--lines: {int(block.lines)}" role="presentation" '
            f'aria-label="{html_text(strings.HANDOUT_WRITE)}"></div>'
        )
    return ""


def to_html(blocks: Sequence[Block], title: str) -> str:
    """A complete, self-contained HTML page: inline CSS, no scripts, nothing loaded from elsewhere."""
    return page(title, _CSS, [_html_block(block) for block in blocks])


# ---- the public entry points -------------------------------------------------------------------------


def _doc_title(program: Program, modules: Sequence[Module], what: str) -> str:
    chosen = _modules(program, modules)
    if len(chosen) == 1:
        return f"{display_text(program.title)}: Day {chosen[0].day}, {what}"
    return f"{display_text(program.title)}: {what}"


def guide(program: Program, *modules: Module, fmt: OutputFormat = "markdown") -> str:
    """The facilitator guide for ``modules`` (every day when none are given)."""
    blocks = guide_blocks(program, *modules)
    if fmt == "html":
        return to_html(blocks, _doc_title(program, modules, strings.GUIDE_TITLE))
    return to_markdown(blocks)


def handout(program: Program, *modules: Module, fmt: OutputFormat = "markdown") -> str:
    """The participant handout for ``modules`` (every day when none are given)."""
    blocks = handout_blocks(program, *modules)
    if fmt == "html":
        return to_html(blocks, _doc_title(program, modules, strings.HANDOUT_TITLE))
    return to_markdown(blocks)
