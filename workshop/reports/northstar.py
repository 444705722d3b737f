"""The north-star page: one page to take to a coach or pin above the desk.

What it holds, and in which order, is ``workshop.flow.northstar``'s (``gather`` and ``sections``); here it is
drawn as Markdown or as a printable, self-contained HTML page. Pure functions, no Textual; the user's text
is cleaned of control characters and, in each format, escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from workshop import paths
from workshop.content.models import Program
from workshop.flow.dates import format_day
from workshop.flow.northstar import EMPTY, Commitment, NorthStar, Section, choose_run, gather, sections
from workshop.reports.export import write_private_document
from workshop.reports.html_page import html_text
from workshop.reports.html_page import page as html_page
from workshop.reports.markdown import md_line, md_text

if TYPE_CHECKING:
    from workshop.journal.crypto import Identity

TITLE = "My north star"
FORMATS = ("markdown", "html")
EXTENSIONS = {"markdown": "md", "html": "html"}

__all__ = ["EMPTY", "FORMATS", "TITLE", "commitment_line", "render", "render_html", "render_markdown"]


def commitment_line(commitment: Commitment) -> str:
    """``Day 1, written 2 March 2026: When Thursday, I will take a real lunch break.``"""
    plan = commitment.plan
    if not plan.endswith((".", "!", "?")):
        plan += "."
    date = f" Dated {commitment.date}." if commitment.date else ""
    return f"Day {commitment.day}, written {format_day(commitment.written)}: {plan}{date}"


def subtitle(page: NorthStar) -> str:
    finished = f", finished {format_day(page.finished)}" if page.finished else ""
    return f"{page.program_title} · run {page.run_number}{finished}"


# --------------------------------------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------------------------------------


def _md_section(section: Section) -> list[str]:
    out = [f"## {section.title}", ""]
    if section.empty:
        return [*out, EMPTY, ""]
    match section.kind:
        case "statement":
            out += [f"> {md_text(line)}".rstrip() for line in section.lines]
        case "text":
            out += [md_text(line) if line.strip() else "" for line in section.lines]
        case "numbered":
            out += [f"{n}. {md_text(v)}" for n, v in enumerate(section.lines, start=1)]
        case "bullets":
            for index, item in enumerate(section.lines):
                out.append(f"- {md_text(item)}")
                details = section.details[index] if index < len(section.details) else ()
                out += [f"  - {md_text(detail)}" for detail in details]
        case "table":
            out.append("| " + " | ".join(md_line(h) for h in section.header) + " |")
            out.append("|" + "---|" * len(section.header))
            out += ["| " + " | ".join(md_line(cell) for cell in row) + " |" for row in section.rows]
    if section.note:
        out += ["", f"_{md_line(section.note)}_"]
    return [*out, ""]


def render_markdown(page: NorthStar) -> str:
    out = [f"# {TITLE}", "", f"_{md_line(subtitle(page))}_", ""]
    for section in sections(page):
        out += _md_section(section)
    return "\n".join(out).rstrip("\n") + "\n"


# --------------------------------------------------------------------------------------------------------
# HTML: one printable page, inline CSS, no scripts, nothing loaded from outside
# --------------------------------------------------------------------------------------------------------

_CSS = """
:root { color-scheme: light; }
body { font: 11.5pt/1.45 Georgia, "Times New Roman", serif; color: #1d1d1d; background: #fff;
       max-width: 40em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 1.9em; margin: 0; letter-spacing: .02em; }
.sub { color: #555; margin: .2em 0 1.2em; }
h2 { font-size: 1em; text-transform: uppercase; letter-spacing: .08em; color: #444;
     border-bottom: 1px solid #bbb; padding-bottom: .1em; margin: 1.2em 0 .4em; }
.statement { font-size: 1.3em; font-style: italic; border-left: 4px solid #888; padding: .2em 0 .2em .8em;
             white-space: pre-wrap; overflow-wrap: anywhere; margin: .3em 0; }
p, li { overflow-wrap: anywhere; }
p { margin: .3em 0; white-space: pre-wrap; }
li { margin: .2em 0; }
ul.details { list-style: none; padding-left: .2em; margin: .1em 0 .4em; }
.details li, .note, .date { color: #555; font-size: .9em; }
table { border-collapse: collapse; margin: .3em 0; }
th, td { text-align: left; padding: .15em 1.2em .15em 0; vertical-align: top; }
th { font-weight: normal; color: #555; border-bottom: 1px solid #ccc; }
.empty { color: #777; }
@media print {
  @page { margin: 12mm 14mm; }
  body { margin: 0 auto; font-size: 9.5pt; line-height: 1.3; max-width: none; }
  h1 { font-size: 1.6em; } .sub { margin-bottom: .6em; }
  h2 { break-after: avoid; margin: .8em 0 .25em; } .statement { font-size: 1.2em; }
  li, tr { break-inside: avoid; } li { margin: .1em 0; } ul.details { margin: 0 0 .2em; }
}
"""


def _html_list(tag: str, items: Sequence[str]) -> str:
    return f"<{tag}>" + "".join(f"<li>{item}</li>" for item in items) + f"</{tag}>"


def _html_section(section: Section) -> list[str]:
    out = [f"<h2>{html_text(section.title)}</h2>"]
    if section.empty:
        return [*out, f'<p class="empty">{EMPTY}</p>']
    match section.kind:
        case "statement":
            out.append(f'<p class="statement">{html_text(chr(10).join(section.lines))}</p>')
        case "text":
            out.append(f"<p>{html_text(chr(10).join(section.lines))}</p>")
        case "numbered":
            out.append(_html_list("ol", [html_text(v) for v in section.lines]))
        case "bullets":
            items = []
            for index, item in enumerate(section.lines):
                details = section.details[index] if index < len(section.details) else ()
                more = "".join(f"<li>{html_text(d)}</li>" for d in details)
                items.append(html_text(item) + (f'<ul class="details">{more}</ul>' if more else ""))
            out.append(_html_list("ul", items))
        case "table":
            head = "".join(f"<th>{html_text(h)}</th>" for h in section.header)
            rows = ["".join(f"<td>{html_text(cell)}</td>" for cell in row) for row in section.rows]
            body = "".join(f"<tr>{row}</tr>" for row in rows)
            out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
    if section.note:
        out.append(f'<p class="note">{html_text(section.note)}</p>')
    return out


def render_html(page: NorthStar) -> str:
    body = [f"<h1>{TITLE}</h1>", f'<p class="sub">{html_text(subtitle(page))}</p>']
    for section in sections(page):
        body += _html_section(section)
    return html_page(TITLE, _CSS, body)


def render(fmt: str, page: NorthStar) -> str:
    if fmt == "markdown":
        return render_markdown(page)
    if fmt == "html":
        return render_html(page)
    raise ValueError(f"the north-star page is Markdown or HTML, not {fmt!r}")


def export_to_file(
    data_dir: Path,
    program: Program,
    fmt: str,
    *,
    run_number: int | None = None,
    now: datetime | None = None,
    identity: Identity | None = None,
) -> Path:
    """Write the north-star page of a run (default: the latest finished one) to a private file in
    ``<data dir>/exports``. Raises JournalError.

    An encrypted journal is read with its unlocked key, ``identity``."""
    from workshop.journal.store import Journal, local_now  # deferred: the renderers need none of it

    with Journal.open(data_dir, program, lock=False, identity=identity) as journal:
        text = render(fmt, gather(program, choose_run(journal.runs, run_number)))
    stamp = (now or local_now()).strftime("%Y-%m-%d-%H%M%S")
    output = paths.exports_dir(data_dir) / f"north-star-{stamp}.{EXTENSIONS[fmt]}"
    write_private_document(output, text, "the page")
    return output
