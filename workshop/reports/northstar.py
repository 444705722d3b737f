"""The north-star page: one page to take to a coach or pin above the desk.

From one run: the top values (the last values sort answered, so day 4's re-sort wins over day 1's), the
north-star statement, the goals, and every day's commitment with its date. Gathered here, rendered as
Markdown or as a printable, self-contained HTML page. Pure functions, no Textual; the user's text is
cleaned of control characters and, in HTML, escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from workshop.answers import CommitmentValue, ItemsValue, RankedValue, TextValue
from workshop.content.models import CommitmentStep, ListStep, Program, RankStep, Step
from workshop.flow.dates import format_day
from workshop.journal.errors import JournalError
from workshop.reports.export import ExportRun, select_runs, shown_answer, write_private_document
from workshop.reports.html_page import html_text
from workshop.reports.html_page import page as html_page
from workshop.reports.markdown import md_line, md_text

STATEMENT_STEP = "north-star"
"""The step whose answer is the north-star statement (a recap or prompt)."""
GOALS_STEP = "three-goals"
"""The list step whose items are the goals."""

TITLE = "My north star"
EMPTY = "Not written yet."
FORMATS = ("markdown", "html")
EXTENSIONS = {"markdown": "md", "html": "html"}


@dataclass(frozen=True)
class Commitment:
    day: int
    title: str
    action: str
    when: str
    written: datetime
    """When the commitment was last changed."""


@dataclass(frozen=True)
class NorthStar:
    """What the page shows, gathered from one run."""

    program_title: str
    run_number: int
    values: tuple[str, ...]
    statement: str
    goals: tuple[str, ...]
    commitments: tuple[Commitment, ...]

    @property
    def empty(self) -> bool:
        return not (self.values or self.statement.strip() or self.goals or self.commitments)


def _answer_of(program: Program, run: ExportRun, step_id: str) -> tuple[Step, object] | None:
    found = program.find_step(step_id)
    if found is None:
        return None
    answer = shown_answer(run, found[1])
    return (found[1], answer.value) if answer is not None else None


def top_values(program: Program, run: ExportRun) -> tuple[str, ...]:
    """The values of the last values sort this run answered (day 4's re-sort, else day 1's)."""
    ranks = [step for module in program.modules for step in module.steps if isinstance(step, RankStep)]
    for step in reversed(ranks):
        answer = shown_answer(run, step)
        if answer is not None and isinstance(answer.value, RankedValue) and answer.value.ranked:
            return answer.value.ranked
    return ()


def gather(
    program: Program, run: ExportRun
) -> NorthStar:
    """The north-star page of ``run``."""
    statement = ""
    found = _answer_of(program, run, STATEMENT_STEP)
    if found is not None and isinstance(found[1], TextValue):
        statement = found[1].text.strip()
    goals: tuple[str, ...] = ()
    found = _answer_of(program, run, GOALS_STEP)
    if found is not None and isinstance(found[0], ListStep) and isinstance(found[1], ItemsValue):
        goals = tuple(item.strip() for item in found[1].items if item.strip())
    commitments = []
    for module in program.modules:
        for step in module.steps:
            answer = shown_answer(run, step) if isinstance(step, CommitmentStep) else None
            if answer is None or not isinstance(answer.value, CommitmentValue) or answer.value.is_empty():
                continue
            action, when = answer.value.action.strip(), answer.value.when.strip()
            commitments.append(Commitment(module.day, step.title, action, when, answer.updated))
    return NorthStar(
        program.title, run.number, top_values(program, run), statement, goals, tuple(commitments)
    )


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


def choose_run(runs: Sequence[ExportRun], run_number: int | None) -> ExportRun:
    """Run ``run_number``, or the newest run; ``JournalError`` when there is none."""
    if run_number is not None:
        return select_runs(runs, run_number)[0]
    if not runs:
        raise JournalError("there are no runs yet: the north-star page is made from your answers")
    return max(runs, key=lambda run: run.number)


def export_to_file(
    data_dir: Path, program: Program, fmt: str, *, run_number: int | None = None, now: datetime | None = None
) -> Path:
    """Write the north-star page of a run to a private file in ``<data dir>/exports``. Raises JournalError."""
    from workshop.journal.store import Journal, local_now  # deferred: the renderers need none of it

    with Journal.open(data_dir, program, lock=False) as journal:
        text = render(fmt, gather(program, choose_run(journal.runs, run_number)))
    stamp = (now or local_now()).strftime("%Y-%m-%d-%H%M%S")
    output = data_dir / "exports" / f"north-star-{stamp}.{EXTENSIONS[fmt]}"
    write_private_document(output, text, "the page")
    return output
