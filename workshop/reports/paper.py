"""A tiny document model for what facilitators print, and its two renderings: Markdown and printable HTML.

The guide, the handout and the run sheet (``handouts.py``) are built as a list of blocks, then rendered
here. Blocks hold plain text: every string is escaped for its format at rendering time (``html_text`` for
HTML, ``md_escape`` for Markdown), so a content file can never inject markup. Reading passages (validated
Markdown: no raw HTML, only http(s)/mailto links) are rendered by markdown-it with HTML disabled.

Paper has to work with a pen: writing lines are real borders (they print even when a browser leaves out
background graphics), spaced at a handwriting height; boxes to tick and numbers to circle are big enough
to hit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from workshop.reports.html_page import html_text, page
from workshop.text import display_text

# ---- blocks ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Para:
    text: str
    strong: bool = False
    muted: bool = False
    css: str = ""


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
    columns: bool = False
    """Set in two or three columns on paper: a long list of short options (the values to choose from)."""


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    row_css: tuple[str, ...] = ()
    """A class for each row (``phase`` for a step's timed parts, ``end`` for the last line); may be empty."""
    css: str = ""


@dataclass(frozen=True)
class Lines:
    """Room to write: ``count`` ruled lines, numbered 1..count when ``numbered``, after ``label`` if given."""

    count: int
    numbered: bool = False
    label: str = ""


@dataclass(frozen=True)
class Checklist:
    """Options with a box to tick each; ``other`` adds a box with a line to write an option of one's own."""

    options: tuple[str, ...]
    other: str = ""


@dataclass(frozen=True)
class CircleList:
    """One option to circle. ``marks`` (the numbers a scored item is circled by) are shown before them."""

    options: tuple[str, ...]
    marks: tuple[str, ...] = ()


@dataclass(frozen=True)
class ScaleRow:
    """Every whole number from ``low`` to ``high`` in a row, to circle one, with what the ends mean."""

    low: int
    high: int
    low_label: str
    high_label: str


@dataclass(frozen=True)
class CircleGrid:
    """A questionnaire: one row per item, the same numbers to circle in every row, named by the header."""

    corner: str
    header: tuple[str, ...]
    marks: tuple[str, ...]
    items: tuple[str, ...]


@dataclass(frozen=True)
class Directory:
    """Short entries in groups, set in two columns on paper: a directory of services, by country.

    Each entry is a few lines of plain text; its first line (the name) is set in bold.
    """

    groups: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]


@dataclass(frozen=True)
class Section:
    """A step or a day: kept together on a printed page where possible."""

    blocks: tuple[Block, ...]
    css: str = "step"


Block = (
    Heading
    | Para
    | Labeled
    | Passage
    | Bullets
    | Table
    | Lines
    | Checklist
    | CircleList
    | ScaleRow
    | CircleGrid
    | Directory
    | Section
)

# ---- Markdown ------------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_MD_LINE_START = re.compile(r"^(\s*)(?:([-+#>=])|(\d+)([.)]))", re.MULTILINE)
_MD_RULE = "_" * 50


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


def _md_inline(text: str) -> str:
    """Text inside a line of ours (a list item, a table cell): escaped, and kept on that one line."""
    return md_escape(" ".join(display_text(text).split()), block_start=False)


def to_markdown(blocks: Sequence[Block]) -> str:
    out: list[str] = []
    for block in blocks:
        out.extend(_md_block(block))
    return "\n\n".join(part for part in out if part).rstrip() + "\n"


def _md_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    cells = [header, *rows]
    # A cell is one line in Markdown: its own line breaks become a middle dot.
    lines = [
        "| " + " | ".join(_md_inline(cell.replace("\n", " · ")) or " " for cell in row) + " |"
        for row in cells
    ]
    lines.insert(1, "|" + "|".join("---" for _ in header) + "|")
    return "\n".join(lines)


def _md_block(block: Block) -> list[str]:
    match block:
        case Section():
            return [part for child in block.blocks for part in _md_block(child)]
        case Heading():
            return [f"{'#' * block.level} {md_escape(block.text, block_start=False)}"]
        case Para():
            if block.strong or block.muted:
                mark = "**" if block.strong else "*"
                return [f"{mark}{md_escape(block.text, block_start=False)}{mark}"]
            return [md_escape(block.text)]
        case Labeled():
            return [f"**{md_escape(block.label)}:** {md_escape(block.text)}"]
        case Passage():
            # Validated at load: Markdown without raw HTML or unsafe links. Shown as the author wrote it.
            return [display_text(block.markdown).strip()]
        case Bullets():
            return ["\n".join(f"- {_md_inline(item)}" for item in block.items)]
        case Table():
            return [_md_table(block.header, block.rows)]
        case Lines():
            prefix = f"{_md_inline(block.label)}: " if block.label else ""
            if block.numbered:
                return ["\n\n".join(f"{n}\\. {_MD_RULE}" for n in range(1, block.count + 1))]
            return ["\n\n".join(prefix + _MD_RULE for _ in range(block.count))]
        case Checklist():
            boxes = [f"- [ ] {_md_inline(option)}" for option in block.options]
            if block.other:
                boxes.append(f"- [ ] {_md_inline(block.other)}: {_MD_RULE[:30]}")
            return ["\n".join(boxes)]
        case CircleList():
            marks = block.marks or ("( )",) * len(block.options)
            return [
                "\n".join(
                    f"- {mark} {_md_inline(option)}"
                    for mark, option in zip(marks, block.options, strict=True)
                )
            ]
        case ScaleRow():
            numbers = "   ".join(str(n) for n in range(block.low, block.high + 1))
            ends = f"{block.low} = {block.low_label}; {block.high} = {block.high_label}"
            return [f"`{numbers}`", md_escape(ends)]
        case CircleGrid():
            rows = [(item, *block.marks) for item in block.items]
            return [_md_table((block.corner, *block.header), rows)]
        case Directory():
            return [
                f"**{md_escape(group, block_start=False)}**\n\n"
                + "\n".join(
                    f"- **{_md_inline(entry[0])}**" + "".join(f" · {_md_inline(part)}" for part in entry[1:])
                    for entry in entries
                )
                for group, entries in block.groups
            ]
    return []


# ---- HTML ------------------------------------------------------------------------------------------

LINE_HEIGHT = "8.5mm"
"""The distance between writing lines: a comfortable handwriting height (college ruling is 7.1 mm)."""

CSS = f"""
:root {{ color-scheme: light; }}
body {{ font: 12pt/1.45 Georgia, "Times New Roman", serif; color: #111; background: #fff;
       max-width: 44em; margin: 2em auto; padding: 0 1.5em; }}
h1 {{ font-size: 1.6em; margin: 0 0 .2em; line-height: 1.2; }}
h2 {{ font-size: 1.2em; margin: 1.4em 0 .3em; border-bottom: 1pt solid #999; break-after: avoid; }}
h3 {{ font-size: 1.05em; margin: 1em 0 .2em; break-after: avoid; }}
p {{ margin: .45em 0; }}
.muted {{ color: #444; font-style: italic; }}
.small {{ font-size: .85em; }}
.question {{ font-weight: bold; }}
table {{ border-collapse: collapse; width: 100%; font-size: .95em; }}
th, td {{ text-align: left; padding: .2em .45em; border-bottom: 1pt solid #bbb; vertical-align: top; }}
th {{ border-bottom: 1.5pt solid #555; }}
tr {{ break-inside: avoid; }}
tr.phase td {{ color: #333; font-size: .92em; border-bottom-style: dotted; }}
tr.phase td:nth-child(3) {{ padding-left: 1.4em; }}
tr.end td {{ font-weight: bold; border-bottom: none; }}
td.num, th.num {{ text-align: right; white-space: nowrap; }}
.labeled {{ margin: .5em 0; padding: .3em .7em; border-left: 3pt solid #777; break-inside: avoid; }}
.notes {{ background: #f1f1f1; }}
ul.columns {{ columns: 3 11em; column-gap: 2em; padding-left: 1.2em; }}
ul.columns li {{ break-inside: avoid; }}
.lines {{ margin: .3em 0 1em; padding: 0; list-style: none; }}
.line {{ display: flex; align-items: flex-end; height: {LINE_HEIGHT}; border-bottom: 1pt solid #555;
         break-inside: avoid; }}
.line .n, .line .label {{ padding-right: .6em; padding-bottom: .1em; }}
.line .n {{ min-width: 1.4em; font-weight: bold; }}
ul.checklist, ul.circle {{ list-style: none; padding: 0; margin: .4em 0 1em; }}
ul.checklist {{ columns: 2 16em; column-gap: 2em; }}
ul.checklist li {{ break-inside: avoid; display: flex; align-items: flex-start; gap: .6em;
                  margin: 0 0 .55em; }}
.box {{ flex: none; width: 4.5mm; height: 4.5mm; margin-top: .15em; border: 1.2pt solid #111; }}
li.other {{ align-items: flex-end; }}
.fill {{ flex: 1; min-width: 8em; border-bottom: 1pt solid #555; height: 1.3em; }}
ul.circle li {{ display: flex; gap: .9em; margin: 0 0 .7em; padding-left: .3em; break-inside: avoid; }}
.mark {{ flex: none; font-weight: bold; min-width: 1.6em; text-align: center; }}
table.scale {{ table-layout: fixed; margin: .6em 0 1em; font-size: 1.1em; }}
table.scale td {{ text-align: center; border: none; padding: .35em 0; }}
table.scale tr.ends td {{ font-size: .8em; color: #333; padding-top: 0; }}
table.scale tr.ends td.high {{ text-align: right; }}
table.scale tr.ends td.low {{ text-align: left; }}
table.grid {{ table-layout: fixed; margin: .5em 0 .8em; }}
table.grid th {{ font-weight: normal; font-size: .78em; text-align: center; vertical-align: bottom;
                line-height: 1.2; }}
table.grid th:first-child {{ width: 38%; text-align: left; font-weight: bold; font-size: .9em; }}
table.grid td {{ text-align: center; vertical-align: middle; padding: .55em 0; font-size: 1.05em; }}
table.grid td:first-child {{ text-align: left; padding-right: .6em; font-size: .95em; }}
.directory {{ columns: 2; column-gap: 7mm; font-size: .8em; line-height: 1.3; }}
.directory h4 {{ font-size: 1.05em; margin: .5em 0 .2em; border-bottom: 1pt solid #999; break-after: avoid; }}
.directory .group:first-child h4 {{ margin-top: 0; }}
.directory .entry {{ break-inside: avoid; margin: 0 0 .45em; }}
section.support h2 {{ margin-top: 0; }}
section.support h3 {{ margin: .7em 0 .1em; }}
.scoring {{ border: 1pt solid #777; padding: .2em .7em; margin: .6em 0; }}
.scoring .sum {{ font-size: 1.1em; margin: .7em 0 .8em 1em; white-space: pre; }}
.attribution {{ font-size: .8em; color: #333; }}
section.step, section.keep, section.references {{ break-inside: avoid; }}
table.agenda td:first-child {{ white-space: nowrap; }}
table.agenda td {{ padding-top: .12em; padding-bottom: .12em; }}
section.run-sheet {{ break-before: page; }}
section.run-sheet:first-of-type {{ break-before: auto; }}
section.run-sheet h1 {{ font-size: 1.4em; }}
section.run-sheet .labeled {{ font-size: .9em; padding: .15em .6em; margin: .35em 0; }}
table.runsheet {{ font-size: 11pt; margin: .4em 0 .6em; }}
table.runsheet td {{ padding: .2em .4em; }}
table.runsheet.dense {{ font-size: 9pt; }}
table.runsheet.dense td {{ padding: .05em .35em; }}
table.runsheet.denser {{ font-size: 8pt; line-height: 1.25; }}
table.runsheet.denser td {{ padding: .02em .3em; }}
table.runsheet.densest {{ font-size: 6.5pt; line-height: 1.2; }}
table.runsheet.densest td {{ padding: 0 .3em; }}
table.runsheet td:first-child {{ white-space: nowrap; font-weight: bold; width: 3.6em; }}
table.runsheet :is(td, th):is(:nth-child(2), :nth-child(5), :nth-child(6)) {{
  text-align: right; white-space: nowrap; }}
table.runsheet tr.phase td:first-child {{ font-weight: normal; }}
section.day-head {{ break-before: page; }}
section.day-head:first-of-type {{ break-before: auto; }}
section.support {{ break-before: page; }}
section.references {{ font-size: .85em; }}
a {{ color: #003d99; }}
@page {{ margin: 16mm 15mm; }}
@media print {{
  body {{ margin: 0; max-width: none; font-size: 11pt; padding: 0; }}
  a {{ color: inherit; text-decoration: none; }}
  .notes {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
}}
"""


def markdown_html(markdown: str) -> str:
    """A validated Markdown passage as HTML: raw HTML escaped, unsafe link targets refused."""
    from markdown_it import MarkdownIt  # a dependency of Textual; deferred as only HTML output needs it

    renderer = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    return str(renderer.render(display_text(markdown)))


def _multiline(text: str) -> str:
    return html_text(text).replace("\n", "<br>")


def _line(inner: str = "") -> str:
    return f'<div class="line">{inner}</div>'


def html_block(block: Block) -> str:
    """One block as HTML; every piece of text escaped."""
    match block:
        case Section():
            inner = "\n".join(html_block(child) for child in block.blocks)
            return f'<section class="{block.css}">\n{inner}\n</section>'
        case Heading():
            return f"<h{block.level}>{html_text(block.text)}</h{block.level}>"
        case Para():
            css = " ".join(
                part
                for part in ("question" if block.strong else "", "muted" if block.muted else "", block.css)
                if part
            )
            return (
                f'<p class="{css}">{_multiline(block.text)}</p>'
                if css
                else f"<p>{_multiline(block.text)}</p>"
            )
        case Labeled():
            label = html_text(block.label)
            return (
                f'<div class="labeled {block.css}"><strong>{label}:</strong> {_multiline(block.text)}</div>'
            )
        case Passage():
            return f'<div class="passage">{markdown_html(block.markdown)}</div>'
        case Bullets():
            css = ' class="columns"' if block.columns else ""
            return f"<ul{css}>" + "".join(f"<li>{html_text(item)}</li>" for item in block.items) + "</ul>"
        case Table():
            return _html_table(block)
        case Lines():
            return _html_lines(block)
        case Checklist():
            boxes = [f'<li><span class="box"></span><span>{html_text(o)}</span></li>' for o in block.options]
            if block.other:
                boxes.append(
                    f'<li class="other"><span class="box"></span><span>{html_text(block.other)}:</span>'
                    '<span class="fill"></span></li>'
                )
            return '<ul class="checklist">' + "".join(boxes) + "</ul>"
        case CircleList():
            numbers = block.marks or ("",) * len(block.options)
            entries = [
                f'<li><span class="mark">{html_text(mark)}</span><span>{html_text(option)}</span></li>'
                if mark
                else f"<li><span>{html_text(option)}</span></li>"
                for mark, option in zip(numbers, block.options, strict=True)
            ]
            return '<ul class="circle">' + "".join(entries) + "</ul>"
        case ScaleRow():
            return _html_scale(block)
        case Directory():
            return _html_directory(block)
        case CircleGrid():
            head = "".join(f"<th>{_multiline(cell)}</th>" for cell in block.header)
            marks = "".join(f"<td>{html_text(mark)}</td>" for mark in block.marks)
            rows = "".join(f"<tr><td>{html_text(item)}</td>{marks}</tr>" for item in block.items)
            return (
                f'<table class="grid"><thead><tr><th>{html_text(block.corner)}</th>{head}</tr></thead>'
                f"<tbody>{rows}</tbody></table>"
            )
    return ""


def _html_table(block: Table) -> str:
    head = "".join(f"<th>{html_text(cell)}</th>" for cell in block.header)
    rows = []
    for index, row in enumerate(block.rows):
        css = block.row_css[index] if index < len(block.row_css) and block.row_css[index] else ""
        cells = "".join(f"<td>{_multiline(cell)}</td>" for cell in row)
        rows.append(f'<tr class="{css}">{cells}</tr>' if css else f"<tr>{cells}</tr>")
    table_css = f' class="{block.css}"' if block.css else ""
    return f"<table{table_css}><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _html_directory(block: Directory) -> str:
    groups = []
    for group, entries in block.groups:
        cards = "".join(
            f'<div class="entry"><strong>{html_text(entry[0])}</strong>'
            + "".join(f"<br>{html_text(part)}" for part in entry[1:])
            + "</div>"
            for entry in entries
        )
        groups.append(f'<div class="group"><h4>{html_text(group)}</h4>{cards}</div>')
    return '<div class="directory">' + "".join(groups) + "</div>"


def _html_lines(block: Lines) -> str:
    if block.numbered:
        lines = [_line(f'<span class="n">{n}.</span>') for n in range(1, block.count + 1)]
    elif block.label:
        lines = [_line(f'<span class="label">{html_text(block.label)}:</span>')]
        lines += [_line() for _ in range(block.count - 1)]
    else:
        lines = [_line() for _ in range(block.count)]
    return '<div class="lines">' + "".join(lines) + "</div>"


def _html_scale(block: ScaleRow) -> str:
    numbers = range(block.low, block.high + 1)
    cells = "".join(f"<td>{n}</td>" for n in numbers)
    half = len(numbers) // 2
    rest = len(numbers) - half
    ends = (
        f'<td class="low" colspan="{half}">{block.low} = {html_text(block.low_label)}</td>'
        f'<td class="high" colspan="{rest}">{block.high} = {html_text(block.high_label)}</td>'
    )
    return f'<table class="scale"><tr>{cells}</tr><tr class="ends">{ends}</tr></table>'


def to_html(blocks: Sequence[Block], title: str, css: str = CSS) -> str:
    """A complete, self-contained HTML page: inline CSS, no scripts, nothing loaded from elsewhere."""
    return page(title, css, [html_block(block) for block in blocks])
