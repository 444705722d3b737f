"""Export the journal as Markdown, HTML or JSON.

The renderers are pure: they take the program and one or more runs and return a string, so the UI, the
command line and the tests all use the same ones. Markdown and HTML are for reading (the user's text has
its control characters removed, and HTML escapes every string); JSON is for keeping and for other tools,
holds the text exactly, and is described in docs/data.md. Nothing here imports Textual.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, assert_never

from workshop import paths
from workshop.answers import (
    Answer,
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
from workshop.content.models import Program, Reference, Step
from workshop.files import atomic
from workshop.flow.dates import format_day, format_moment
from workshop.flow.describe import describe_parts, describe_value
from workshop.flow.followups import follow_up_point
from workshop.flow.run_view import RunRecord
from workshop.flow.runs import (
    EARLIER_HEADING,
    DayEntry,
    LookedBack,
    looked_back,
    question_of,
    run_days,
    select_runs,
)
from workshop.flow.sources import modules_sources
from workshop.journal.errors import JournalError, describe_os_error
from workshop.reports import charts
from workshop.reports.html_page import html_text, page_pieces
from workshop.reports.markdown import md_line, md_text
from workshop.text import display_text

if TYPE_CHECKING:
    from workshop.journal.crypto import Identity

EXPORT_FORMAT = 1
"""The version of the JSON export's structure (its ``format`` field)."""

FORMATS = ("markdown", "html", "json")
EXTENSIONS = {"markdown": "md", "html": "html", "json": "json"}
EARLIER_NOTE = (
    "The program has changed since these were written; the questions they answered are no longer in it."
)


def _run_line(run: RunRecord) -> str:
    parts = [f"Started {format_day(run.started)}"]
    parts.append(f"finished {format_day(run.finished)}" if run.finished else "not finished")
    parts.append(f"last written {format_moment(run.last_activity)}")
    parts.append(f"program version {run.program_version}")
    return ", ".join(parts) + "."


def _answer_dates(answer: Answer) -> str:
    first = f"Written {format_moment(answer.created)}"
    if answer.updated != answer.created:
        return f"{first}, last changed {format_moment(answer.updated)}."
    return first + "."


# --------------------------------------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------------------------------------

def _md_quote(value: Value, step: Step | None) -> list[str]:
    """An answer as a block quote; everything but our own markers is escaped (``markdown_text``).

    A line of text followed by another ends in two spaces, a Markdown line break: a viewer would
    otherwise run the lines someone wrote together into one.
    """
    parts = describe_parts(value, step, style="document")
    if not parts:
        return [">"]
    # One escape for the whole answer (a year's export has ten thousand lines), one line per part: a
    # line break inside a part (an item, a "when") reads as a space.
    flat = "\n".join(display_text(text).replace("\n", " ") for _, text in parts)
    texts = md_text(flat).split("\n")
    lines = [f"> {marker}{text}".rstrip() for (marker, _), text in zip(parts, texts, strict=True)]
    for index in range(len(lines) - 1):
        if lines[index] != ">" and lines[index + 1] != ">" and not _list_marker(parts[index + 1][0]):
            lines[index] += "  "
    return lines


def _list_marker(marker: str) -> bool:
    """True for a marker that starts a list item (``- ``, ``- Other: ``, ``2. ``)."""
    return marker.startswith("- ") or marker.partition(". ")[0].isdigit()


def _md_emphasis(text: str) -> list[str]:
    """``text`` in italics, one paragraph at a time (emphasis cannot span a blank line)."""
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", display_text(text))]
    return [line for p in paragraphs if p for line in (f"*{md_text(p)}*", "")]


def render_markdown(program: Program, runs: Sequence[RunRecord], *, questions: bool = True) -> str:
    """The journal as Markdown that reads well as plain text: program, runs, days, questions, answers.

    Everything from the program's files or the journal is escaped (``workshop.reports.markdown``), so no
    viewer renders it as HTML, a link, an image or structure.
    """
    return "".join(iter_markdown(program, runs, questions=questions))


def iter_markdown(program: Program, runs: Sequence[RunRecord], *, questions: bool = True) -> Iterator[str]:
    """``render_markdown`` a run at a time: each run is read once, in order, and not kept."""
    out = [f"# {md_line(program.title)}", "", _INTRO, ""]
    if not runs:
        out += ["No runs yet: nothing has been written.", ""]
    out += charts.markdown_section(program, runs)  # check-ins and scales across runs (issue 6)
    yield from _lines_text(_md_pieces(program, runs, questions, out))


def _md_pieces(
    program: Program, runs: Sequence[RunRecord], questions: bool, first: list[str]
) -> Iterator[list[str]]:
    yield first
    written: set[str] = set()
    for run in runs:
        out = [f"## Run {run.number}", "", md_text(_run_line(run)), ""]
        days = run_days(program, run)
        for day in days:
            out += _md_day(day, questions, _look_back_in(program, run))
        written |= _written_days(days)
        yield out
    yield _md_references(_cited(program, written))


def _lines_text(pieces: Iterable[list[str]]) -> Iterator[str]:
    """Lists of lines as text, a list at a time: joined, the pieces are every line joined by newlines,
    with the trailing blank lines of the whole made one newline."""
    held, started = "", False
    for lines in pieces:
        if not lines:
            continue
        text = ("\n" if started else "") + "\n".join(lines)
        started = True
        body = text.rstrip("\n")
        if body:
            yield held + body
            held = text[len(body) :]
        else:
            held += text
    yield "\n"


_INTRO = (
    "Your journal, exported from workshop. It holds your private reflections: keep it where only you "
    "can read it."
)


LookBack = Callable[[Step], list[LookedBack]]
"""The earlier answers a step looks back at, in the run being exported."""

LOOKING_BACK = "Looking back at {title}:"
NOTHING_WRITTEN = "(nothing written)"
REFERENCES_HEADING = "References"
REFERENCES_NOTE = "The sources of the facts stated on the days above."


def _look_back_in(program: Program, run: RunRecord) -> LookBack:
    def earlier(step: Step) -> list[LookedBack]:
        return looked_back(program, run, step)

    return earlier


def cited_by_days(program: Program, runs: Sequence[RunRecord]) -> tuple[Reference, ...]:
    """What the days with something written in ``runs`` cite, in the program's order."""
    written = {module_id for run in runs for module_id in _written_days(run_days(program, run))}
    return _cited(program, written)


def _written_days(days: Iterable[DayEntry]) -> set[str]:
    """The ids of the program's days with something written, among ``days`` (one run's)."""
    return {
        day.module.id for day in days if day.module is not None and any(entry.answer for entry in day.steps)
    }


def _cited(program: Program, written: set[str]) -> tuple[Reference, ...]:
    return modules_sources(program, [module for module in program.modules if module.id in written])


def _looked_back_text(item: LookedBack) -> tuple[str, str]:
    """The title line and the answer on one line (parts joined by semicolons), for an export."""
    title = LOOKING_BACK.format(title=f"day {item.module.day}, {item.step.title}")
    if item.answer is None or item.answer.value.is_empty():
        return title, NOTHING_WRITTEN
    parts = describe_parts(item.answer.value, item.step, style="document")
    return title, "; ".join(" ".join(display_text(text).split()) for _, text in parts)


def _md_looked_back(items: list[LookedBack]) -> list[str]:
    lines = []
    for item in items:
        title, earlier = _looked_back_text(item)
        lines += [f"_{md_line(title)}_ {md_line(earlier)}", ""]
    return lines


def _md_references(references: Sequence[Reference]) -> list[str]:
    if not references:
        return []
    out = [f"## {REFERENCES_HEADING}", "", REFERENCES_NOTE, ""]
    for number, reference in enumerate(references, start=1):
        address = f"  \n   {md_line(reference.url)}" if reference.url else ""
        out.append(f"{number}. {md_line(reference.text)}{address}")
    return [*out, ""]


def _md_day(day: DayEntry, questions: bool, look_back: LookBack) -> list[str]:
    out = [f"### {md_line(day.title)}", ""]
    answered = [entry for entry in day.steps if entry.step.answers]
    if day.module is not None and not any(entry.answer for entry in answered) and not day.earlier:
        return [*out, "Nothing written for this day.", ""]
    for entry in answered:
        out += [f"#### {md_line(entry.step.title)}", ""]
        question = question_of(entry.step)
        if questions and question:
            out += _md_emphasis(question)
            out += _md_looked_back(look_back(entry.step))
        if entry.answer is None:
            out += ["(No answer.)", ""]
            continue
        out += [*_md_quote(entry.answer.value, entry.step), ""]
        out += [f"_{_answer_dates(entry.answer)}_", ""]
    if day.earlier:
        out += [f"#### {EARLIER_HEADING}", "", EARLIER_NOTE, ""]
        for answer in day.earlier:
            out += [f"##### {md_line(answer.step_id)}", "", *_md_quote(answer.value, None), ""]
            out += [f"_{_answer_dates(answer)}_", ""]
    return out


# --------------------------------------------------------------------------------------------------------
# HTML: one self-contained page, no scripts, no outside resources, prints cleanly
# --------------------------------------------------------------------------------------------------------

_CSS = """
:root { color-scheme: light; }
body { font: 12pt/1.55 Georgia, "Times New Roman", serif; color: #1d1d1d; background: #fff;
       max-width: 42em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 1.7em; margin-bottom: .2em; }
h2 { font-size: 1.35em; border-bottom: 1px solid #999; padding-bottom: .2em; margin-top: 2em; }
h3 { font-size: 1.15em; margin-top: 1.6em; }
h4 { font-size: 1em; margin: 1.2em 0 .2em; }
.note, .dates, .when, .empty { color: #555; font-size: .92em; }
.question { font-style: italic; margin: .2em 0 .4em; }
.answer { border-left: 3px solid #bbb; padding: .1em 0 .1em .9em; margin: .4em 0; }
.answer p { white-space: pre-wrap; overflow-wrap: anywhere; margin: .2em 0; }
.answer ul, .answer ol { margin: .2em 0; padding-left: 1.4em; }
.earlier { border: 1px dashed #999; padding: 0 1em; margin-top: 1em; }
.look-back { color: #444; font-size: .92em; margin: .2em 0; overflow-wrap: anywhere; }
.look-back span { font-style: italic; }
.references li { margin: .3em 0; overflow-wrap: anywhere; }
.references .url { color: #555; font-size: .92em; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  .run + .run { break-before: page; }
  .step, .earlier article { break-inside: avoid; }
  h2, h3, h4 { break-after: avoid; }
}
"""




def render_html(program: Program, runs: Sequence[RunRecord], *, questions: bool = True) -> str:
    """The journal as one self-contained HTML page (inline CSS, no scripts) that prints cleanly."""
    return "".join(iter_html(program, runs, questions=questions))


def iter_html(program: Program, runs: Sequence[RunRecord], *, questions: bool = True) -> Iterator[str]:
    """``render_html`` a run at a time: each run is read once, in order, and not kept."""
    yield from page_pieces(program.title, _CSS + charts.CSS, _html_pieces(program, runs, questions))


def _html_pieces(program: Program, runs: Sequence[RunRecord], questions: bool) -> Iterator[list[str]]:
    title = html_text(program.title)
    out = [f'<header><h1>{title}</h1><p class="note">{html_text(_INTRO)}</p></header>']
    if not runs:
        out.append('<p class="empty">No runs yet: nothing has been written.</p>')
    out += charts.html_section(program, runs)  # check-ins and scales, with an inline SVG chart (issue 6)
    yield out
    written: set[str] = set()
    for run in runs:
        out = [
            f'<section class="run"><h2>Run {run.number}</h2>',
            f'<p class="dates">{html_text(_run_line(run))}</p>',
        ]
        days = run_days(program, run)
        for day in days:
            out += _html_day(day, questions, _look_back_in(program, run))
        out.append("</section>")
        written |= _written_days(days)
        yield out
    yield _html_references(_cited(program, written))


def _html_references(references: Sequence[Reference]) -> list[str]:
    if not references:
        return []
    items = [
        f"<li>{html_text(reference.text)}"
        + (f'<br><span class="url">{html_text(reference.url)}</span>' if reference.url else "")
        + "</li>"
        for reference in references
    ]
    return [
        f'<section class="references"><h2>{html_text(REFERENCES_HEADING)}</h2>',
        f'<p class="note">{html_text(REFERENCES_NOTE)}</p>',
        "<ol>",
        *items,
        "</ol></section>",
    ]


def _html_day(day: DayEntry, questions: bool, look_back: LookBack) -> list[str]:
    out = [f'<section class="day"><h3>{html_text(day.title)}</h3>']
    answered = [entry for entry in day.steps if entry.step.answers]
    if day.module is not None and not any(entry.answer for entry in answered) and not day.earlier:
        return [*out, '<p class="empty">Nothing written for this day.</p>', "</section>"]
    for entry in answered:
        out.append(f'<article class="step"><h4>{html_text(entry.step.title)}</h4>')
        question = question_of(entry.step)
        if questions and question:
            out.append(f'<p class="question">{html_text(question)}</p>')
            for item in look_back(entry.step):
                title, earlier = _looked_back_text(item)
                out.append(f'<p class="look-back"><span>{html_text(title)}</span> {html_text(earlier)}</p>')
        out += _html_answer(entry.answer, entry.step) if entry.answer else ['<p class="empty">No answer.</p>']
        out.append("</article>")
    if day.earlier:
        out += [
            f'<div class="earlier"><h4>{html_text(EARLIER_HEADING)}</h4>',
            f'<p class="note">{html_text(EARLIER_NOTE)}</p>',
        ]
        for answer in day.earlier:
            heading = f"<article><h4>{html_text(answer.step_id)}</h4>"
            out += [heading, *_html_answer(answer, None), "</article>"]
        out.append("</div>")
    out.append("</section>")
    return out


def _html_answer(answer: Answer, step: Step | None) -> list[str]:
    value = answer.value
    parts = describe_parts(value, step, style="document")
    match value:
        case RankedValue():  # the list numbers them
            body = _html_list("ol", [text for _, text in parts])
        case ChoicesValue() | ItemsValue():
            body = _html_list("ul", [marker.removeprefix("- ") + text for marker, text in parts])
        case FollowThroughValue():
            lines = [(marker.removeprefix("- ").strip() + " " + text).strip() for marker, text in parts]
            body = _html_list("ul", lines)
        case TextValue() | IntegerValue() | CommitmentValue() | ItemScoresValue() | RatingsValue():
            body = f"<p>{html_text(describe_value(value, step, style='document'))}</p>"
        case _:
            assert_never(value)
    return [f'<div class="answer">{body}</div>', f'<p class="when">{html_text(_answer_dates(answer))}</p>']


def _html_list(tag: str, items: list[str]) -> str:
    return f"<{tag}>" + "".join(f"<li>{html_text(item)}</li>" for item in items) + f"</{tag}>"


# --------------------------------------------------------------------------------------------------------
# JSON: exact text, stable key order, documented in docs/data.md
# --------------------------------------------------------------------------------------------------------

# JSON leaves DEL and the C1 controls raw; some terminals act on them, so escape them (still valid JSON).
_JSON_C1 = re.compile("[\x7f-\x9f]")


def answer_json(answer: Answer) -> dict[str, Any]:
    """One answer as in the module file: kind, created, updated, then the value's own fields."""
    fields: dict[str, Any] = {"kind": answer.value.KIND}
    fields["created"] = answer.created.isoformat()
    fields["updated"] = answer.updated.isoformat()
    for name, item in vars(answer.value).items():
        fields[name] = list(item) if isinstance(item, tuple) else item
    return fields


def journal_json(program: Program, runs: Sequence[RunRecord]) -> dict[str, Any]:
    """The export as plain data (what ``render_json`` writes)."""
    return {
        **_json_head(program),
        "runs": [_run_json(run, run_days(program, run), program) for run in runs],
        "references": _references_json(cited_by_days(program, runs)),
    }


def _json_head(program: Program) -> dict[str, Any]:
    about = {"id": program.id, "title": program.title, "version": program.version}
    return {"format": EXPORT_FORMAT, "program": about}


def _references_json(references: Sequence[Reference]) -> list[dict[str, Any]]:
    return [{"id": reference.id, "text": reference.text, "url": reference.url} for reference in references]


def _run_json(run: RunRecord, days: Sequence[DayEntry], program: Program) -> dict[str, Any]:
    moment: Callable[[datetime | None], str | None] = lambda m: m.isoformat() if m else None  # noqa: E731
    return {
        "number": run.number,
        "program_version": run.program_version,
        "started": run.started.isoformat(),
        "finished": moment(run.finished),
        "last_activity": moment(run.last_activity),
        "days": [_day_json(program, day) for day in days],
    }


def _day_json(program: Program, day: DayEntry) -> dict[str, Any]:
    steps = [
        {
            "id": entry.step.id,
            "kind": entry.step.kind,
            "title": entry.step.title,
            "question": question_of(entry.step),
            "done": entry.done,
            "answer": answer_json(entry.answer) if entry.answer else None,
        }
        for entry in day.steps
    ]
    return {
        "module": day.module_id,
        "day": day.module.day if day.module and day.module.is_day else None,
        "follow_up": follow_up_point(program, day.module_id),
        "title": day.module.title if day.module else None,
        "steps": steps,
        "earlier_version": [{"step": a.step_id, "answer": answer_json(a)} for a in day.earlier],
    }


def render_json(program: Program, runs: Sequence[RunRecord]) -> str:
    """The journal as JSON: exact text, keys in a fixed order, ``format`` first."""
    return "".join(iter_json(program, runs))


def iter_json(program: Program, runs: Sequence[RunRecord]) -> Iterator[str]:
    """``render_json`` a run at a time (the same text as ``json.dumps(journal_json(...), indent=2)``):
    each run is read once, in order, and not kept."""
    top = _json_text(_json_head(program), 0)
    yield top[: -len("\n}")] + ',\n  "runs": ['
    written: set[str] = set()
    for number, run in enumerate(runs):
        days = run_days(program, run)
        written |= _written_days(days)
        yield ("," if number else "") + "\n    " + _json_text(_run_json(run, days, program), 4)
    yield ("\n  ]" if runs else "]") + ',\n  "references": '
    yield _json_text(_references_json(_cited(program, written)), 2) + "\n}\n"


def _json_text(data: object, indent: int) -> str:
    """``data`` as the export's JSON, its lines after the first indented by ``indent`` spaces."""
    text = json.dumps(data, indent=2, ensure_ascii=False).replace("\n", "\n" + " " * indent)
    return _JSON_C1.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def render(fmt: str, program: Program, runs: Sequence[RunRecord], *, questions: bool = True) -> str:
    """Render in ``fmt`` (one of ``FORMATS``)."""
    return "".join(iter_render(fmt, program, runs, questions=questions))


def iter_render(
    fmt: str, program: Program, runs: Sequence[RunRecord], *, questions: bool = True
) -> Iterator[str]:
    """``render`` a piece at a time, a run to a piece, to be written as it comes: with runs that let go of
    their answers once read (``journal.store.OneAtATime``), an export of twenty years holds one run."""
    if fmt == "markdown":
        return iter_markdown(program, runs, questions=questions)
    if fmt == "html":
        return iter_html(program, runs, questions=questions)
    if fmt == "json":
        return iter_json(program, runs)
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")


# --------------------------------------------------------------------------------------------------------
# Writing an export to a file (for the app's "Export" command)
# --------------------------------------------------------------------------------------------------------


def export_to_file(
    data_dir: Path,
    program: Program,
    fmt: str,
    *,
    run_number: int | None = None,
    output: Path | None = None,
    now: datetime | None = None,
    identity: Identity | None = None,
    encrypt: bool = False,
) -> Path:
    """Export the saved journal (read-only, so it works while the app is open) to a private file.

    Default place: ``<data dir>/exports/<program id>-<date-time>.<ext>``. An encrypted journal is read with
    its unlocked key (``identity``); with ``encrypt`` the file is an age file for the journal's public key
    (``.<ext>.age``) that only its secret key opens. Raises ``JournalError``.
    """
    from workshop.journal.store import Journal, OneAtATime, local_now  # deferred: the renderers need none

    if output is None:
        stamp = (now or local_now()).strftime("%Y-%m-%d-%H%M%S")
        output = paths.exports_dir(data_dir) / f"{program.id}-{stamp}.{EXTENSIONS[fmt]}"
        output = output.with_name(output.name + AGE_SUFFIX) if encrypt else output
    # Read a run at a time and written as it is made (older runs let go once written): an export of
    # twenty years does not hold them all in the app's memory beside its own.
    with Journal.open(data_dir, program, lock=False, identity=identity, lazy=True) as journal:
        runs = OneAtATime(select_runs(journal.runs, run_number))
        pieces = iter_render(fmt, program, runs)
        write_private_document(output, pieces, "the export", encrypt_in=data_dir if encrypt else None)
    return output


AGE_SUFFIX = ".age"
"""Added to the name of an encrypted export: ``journal.md.age`` (``age -d -i identity.age`` opens it)."""


def seal_for_journal(data: bytes, data_dir: Path) -> bytes:
    """``data`` encrypted to the public key of the journal in ``data_dir`` (an age file). ``JournalError``
    when that journal is not encrypted or its public key cannot be read."""
    from workshop.journal.crypto import CryptoError, KeyFiles

    keys = KeyFiles(data_dir)
    if not keys.is_encrypted():
        raise JournalError(
            f"{data_dir}: the journal is not encrypted, so there is no key to encrypt the export to "
            "(turn encryption on with `workshop encrypt`)"
        )
    try:
        return keys.recipient().encrypt(data)
    except CryptoError as error:
        raise JournalError(str(error)) from None


def write_private_document(
    output: Path, text: str | Iterable[str], what: str, *, encrypt_in: Path | None = None
) -> None:
    """Write ``text`` (or its pieces, written as they come) to ``output`` atomically, 0600 in a 0700
    folder; ``JournalError`` naming ``what``.

    With ``encrypt_in`` (a data folder), the file is encrypted to that journal's public key (whole)."""
    pieces = [text] if isinstance(text, str) else text
    try:
        if encrypt_in is not None:
            data = seal_for_journal("".join(pieces).encode("utf-8"), encrypt_in)
            atomic.ensure_private_dir(output.parent)
            atomic.write_file(output, data)
        else:
            atomic.ensure_private_dir(output.parent)
            atomic.write_stream(output, (piece.encode("utf-8") for piece in pieces))
    except OSError as error:
        raise JournalError(f"{output}: could not write {what} ({describe_os_error(error)})") from None
