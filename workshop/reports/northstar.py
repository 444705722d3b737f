"""The north-star page: one page to take to a coach or pin above the desk.

What it holds is gathered by ``workshop.flow.northstar`` from one run; here it is rendered as Markdown or
as a printable, self-contained HTML page. Pure functions, no Textual; the user's text is cleaned of
control characters and, in HTML, escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from workshop import paths
from workshop.content.models import Program
from workshop.flow.dates import format_day
from workshop.flow.northstar import Commitment, NorthStar, choose_run, gather
from workshop.reports.export import write_private_document
from workshop.reports.html_page import html_text
from workshop.reports.html_page import page as html_page
from workshop.reports.markdown import md_line, md_text

TITLE = "My north star"
EMPTY = "Not written yet."
FORMATS = ("markdown", "html")
EXTENSIONS = {"markdown": "md", "html": "html"}


def commitment_line(commitment: Commitment) -> str:
    """``Day 1, written 2 March 2026: the action. When: Friday``."""
    action = commitment.action
    if not action.endswith((".", "!", "?")):
        action += "."
    when = f" When: {commitment.when}" if commitment.when else ""
    return f"Day {commitment.day}, written {format_day(commitment.written)}: {action}{when}"


# --------------------------------------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------------------------------------


def render_markdown(page: NorthStar) -> str:
    out = [f"# {TITLE}", "", f"_{md_line(page.program_title)} · run {page.run_number}_", ""]
    out += ["## What matters most to me", ""]
    out += [f"{n}. {md_text(v)}" for n, v in enumerate(page.values, start=1)] or [EMPTY]
    out += ["", "## My north star", ""]
    statement = [f"> {md_text(line)}".rstrip() for line in page.statement.splitlines()]
    out += statement or [EMPTY]
    out += ["", "## My goals", ""]
    out += [f"- {md_text(goal)}" for goal in page.goals] or [EMPTY]
    out += ["", "## My commitments", ""]
    out += [f"- {md_text(commitment_line(c))}" for c in page.commitments] or [EMPTY]
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------------------------------------
# HTML: one printable page, inline CSS, no scripts, nothing loaded from outside
# --------------------------------------------------------------------------------------------------------

_CSS = """
:root { color-scheme: light; }
body { font: 13pt/1.5 Georgia, "Times New Roman", serif; color: #1d1d1d; background: #fff;
       max-width: 36em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 2em; margin: 0; letter-spacing: .02em; }
.sub { color: #555; margin: .2em 0 1.5em; }
h2 { font-size: 1.1em; text-transform: uppercase; letter-spacing: .08em; color: #444;
     border-bottom: 1px solid #bbb; padding-bottom: .15em; margin-top: 1.6em; }
.statement { font-size: 1.35em; font-style: italic; border-left: 4px solid #888; padding: .2em 0 .2em .8em;
             white-space: pre-wrap; overflow-wrap: anywhere; }
li { margin: .25em 0; overflow-wrap: anywhere; }
.date { color: #555; font-size: .9em; }
.empty { color: #777; }
@media print { body { margin: 0 auto; font-size: 12pt; } h2 { break-after: avoid; } }
"""


def _html_list(tag: str, items: Sequence[str]) -> str:
    if not items:
        return f'<p class="empty">{EMPTY}</p>'
    return f"<{tag}>" + "".join(f"<li>{item}</li>" for item in items) + f"</{tag}>"


def render_html(page: NorthStar) -> str:
    statement = f'<p class="empty">{EMPTY}</p>'
    if page.statement:
        statement = f'<p class="statement">{html_text(page.statement)}</p>'
    commitments = [
        f"{html_text(c.action)}"
        + (f" <span class=\"date\">(when: {html_text(c.when)})</span>" if c.when else "")
        + f'<br><span class="date">Day {c.day} · written {html_text(format_day(c.written))}</span>'
        for c in page.commitments
    ]
    body = [
        f"<h1>{TITLE}</h1>",
        f'<p class="sub">{html_text(page.program_title)} · run {page.run_number}</p>',
        "<h2>What matters most to me</h2>",
        _html_list("ol", [html_text(v) for v in page.values]),
        "<h2>My north star</h2>",
        statement,
        "<h2>My goals</h2>",
        _html_list("ul", [html_text(g) for g in page.goals]),
        "<h2>My commitments</h2>",
        _html_list("ul", commitments),
    ]
    return html_page(TITLE, _CSS, body)


def render(fmt: str, page: NorthStar) -> str:
    if fmt == "markdown":
        return render_markdown(page)
    if fmt == "html":
        return render_html(page)
    raise ValueError(f"the north-star page is Markdown or HTML, not {fmt!r}")


def export_to_file(
    data_dir: Path, program: Program, fmt: str, *, run_number: int | None = None, now: datetime | None = None
) -> Path:
    """Write the north-star page of a run to a private file in ``<data dir>/exports``. Raises JournalError."""
    from workshop.journal.store import Journal, local_now  # deferred: the renderers need none of it

    with Journal.open(data_dir, program, lock=False) as journal:
        text = render(fmt, gather(program, choose_run(journal.runs, run_number)))
    stamp = (now or local_now()).strftime("%Y-%m-%d-%H%M%S")
    output = paths.exports_dir(data_dir) / f"north-star-{stamp}.{EXTENSIONS[fmt]}"
    write_private_document(output, text, "the page")
    return output
