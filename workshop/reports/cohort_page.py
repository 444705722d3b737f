"""The cohort report as HTML (self-contained, print-ready, with inline SVG charts) and as Markdown.

The report is built once as a list of plain blocks (headings, paragraphs, tables, charts, a list of
files), then written out by one renderer per format, so the two always say the same. Everything that came
from a file (file names, ids, versions, the program's title) is escaped for its format; charts are drawn
by ``workshop.reports.cohort_charts``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from workshop import __version__
from workshop.content.instruments import (
    BURNOUT_FROM_OPTION,
    WHO5_MEANINGFUL_CHANGE,
    WHO5_SCREENING_AT_OR_BELOW,
)
from workshop.reports import cohort_charts as charts
from workshop.reports.cohort import (
    QUARTILES,
    Cohort,
    Comparison,
    FeedbackSummary,
    Level,
    PairedChange,
    PointSummary,
    Refused,
    Share,
    Spread,
    Withheld,
)
from workshop.reports.html_page import html_text, page
from workshop.reports.scores import describe_point, plain_name

TITLE = "Cohort report"
FILE_STEM = "cohort-report"


@dataclass(frozen=True)
class ProgramInfo:
    """What the report says about the program: from its outline, never from a participant's file."""

    id: str
    title: str
    version: str
    last_day: int | None = None


# --------------------------------------------------------------------------------------------------------
# Blocks
# --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    note: bool = False


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    """A row shorter than the header ends in a cell that spans the rest, such as "not shown"."""


@dataclass(frozen=True)
class Chart:
    svg: str
    """Already escaped by ``cohort_charts``; HTML only."""


@dataclass(frozen=True)
class FileList:
    entries: tuple[tuple[str, str], ...]
    """(file name, why it was left out)."""


Block = Heading | Paragraph | Table | Chart | FileList


# --------------------------------------------------------------------------------------------------------
# What the report says
# --------------------------------------------------------------------------------------------------------


def withheld_text(min_group: int) -> str:
    return f"fewer than {min_group} people: not shown"


def _number(value: float) -> str:
    return str(round(value)) if math.isclose(value, round(value)) else f"{value:.1f}"


def _signed(value: float) -> str:
    text = f"{value:+.1f}"
    return "0.0" if text in ("+0.0", "-0.0") else text


def _share(share: Share) -> str:
    return f"{share.percent}% ({share.count} of {share.people})"


def _middle_half(spread: Spread) -> str:
    return f"{_number(spread.q1)} to {_number(spread.q3)}"


def _people(count: int) -> str:
    return f"{count} {'person' if count == 1 else 'people'}"


def build(cohort: Cohort, program: ProgramInfo, *, made_on: date | None = None) -> list[Block]:
    """The whole report, as blocks."""
    blocks: list[Block] = [
        Heading(1, f"{TITLE}: {program.title}"),
        Paragraph(_subtitle(cohort, program, made_on), note=True),
        Paragraph(
            "Scores that participants chose to share from their own copy of the program: numbers only, with "
            "no words, no names and no date finer than a week. Every figure describes the group. A figure "
            f"that would come from fewer than {cohort.min_group} people is not shown, and the report says so "
            "where it would be. These scores are for looking back on the program together; they are not a "
            "diagnosis of anyone."
        ),
    ]
    blocks += _participation(cohort, program)
    blocks += _check(cohort, program, WHO5_SECTION)
    blocks += _check(cohort, program, BURNOUT_SECTION)
    blocks += _scales(cohort, program)
    blocks += _feedback(cohort, program)
    blocks += _notes(cohort, program)
    return blocks


def _subtitle(cohort: Cohort, program: ProgramInfo, made_on: date | None) -> str:
    parts = [
        f"Program {program.id}, version {program.version}",
        f"{_people(cohort.people)}",
        f"figures from groups of {cohort.min_group} or more",
    ]
    if made_on is not None:
        parts.append(f"made on {made_on.isoformat()}")
    return " · ".join(parts)


def _label(point: str, program: ProgramInfo) -> str:
    return describe_point(point, program.last_day)


def _participation(cohort: Cohort, program: ProgramInfo) -> list[Block]:
    out: list[Block] = [Heading(2, "Who took part")]
    if not cohort.points:
        return [*out, Paragraph("No measurement points in the files.")]
    out.append(
        Paragraph(
            "Each run of the program counts once. People: whose file holds that point. The other columns "
            "count those who answered that part there. Counts are always shown: they say nothing about "
            "anyone's answers."
        )
    )
    rows: list[tuple[str, ...]] = []
    for summary in cohort.points:
        weeks = "not shown" if summary.weeks is None else _weeks(summary.weeks)
        rows.append(
            (
                _label(summary.point, program),
                str(summary.people),
                weeks,
                str(_answered(summary.who5)),
                str(_answered(summary.burnout)),
                str(summary.feedback_people),
            )
        )
    return [*out, Table(("Point", "People", "Weeks", "WHO-5", "Burnout", "Feedback"), tuple(rows))]


def _weeks(weeks: tuple[str, str]) -> str:
    first, last = weeks
    return first if first == last else f"{first} to {last}"


def _answered(figure: Level | Withheld | None) -> int:
    return 0 if figure is None else figure.people


Measure = Callable[[PointSummary], Level | Withheld | None]
"""Which check of a point: ``lambda point: point.who5`` or ``point.burnout``."""


def _level_rows(
    points: Sequence[PointSummary], measure: Measure, program: ProgramInfo, min_group: int
) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for summary in points:
        figure = measure(summary)
        if figure is None:
            continue
        label = _label(summary.point, program)
        if isinstance(figure, Withheld):
            rows.append((label, str(figure.people), withheld_text(min_group)))
        else:
            spread = figure.spread
            rows.append(
                (
                    label,
                    str(spread.people),
                    _number(spread.median),
                    _middle_half(spread),
                    _share(figure.flagged),
                )
            )
    return rows


def _slots(
    points: Sequence[PointSummary], measure: Measure, program: ProgramInfo
) -> list[tuple[str, Spread | Withheld]]:
    slots: list[tuple[str, Spread | Withheld]] = []
    for summary in points:
        figure = measure(summary)
        if figure is not None:
            slots.append(
                (_label(summary.point, program), figure.spread if isinstance(figure, Level) else figure)
            )
    return slots


def _change_rows(
    comparisons: Sequence[Comparison], program: ProgramInfo, min_group: int
) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for comparison in comparisons:
        label = _comparison_label(comparison, program)
        change = comparison.change
        if isinstance(change, Withheld):
            rows.append((label, str(change.people), withheld_text(min_group)))
        else:
            interval = f"{_signed(change.low)} to {_signed(change.high)}"
            rows.append(
                (
                    label,
                    str(change.people),
                    _signed(change.mean),
                    interval,
                    _share(change.better),
                    _share(change.worse),
                )
            )
    return rows


def _comparison_label(comparison: Comparison, program: ProgramInfo) -> str:
    """``Start to end (day 4)``, ``Start to 1 month after``."""
    before = describe_point(comparison.before, program.last_day).split(" (")[0]
    after = _label(comparison.after, program)
    return f"{before} to {after[0].lower()}{after[1:]}"


def _change_chart_rows(
    comparisons: Sequence[Comparison], program: ProgramInfo
) -> list[tuple[str, PairedChange | Withheld]]:
    return [(_comparison_label(c, program), c.change) for c in comparisons]


BOX_NOTE = (
    "The box spans the middle half of the group (the first to the third quartile), the bar is the median. "
    "The lowest and highest scores are never drawn: each is one person's."
)


def _any_shown(figures: Iterable[object]) -> bool:
    return any(not isinstance(figure, Withheld) for figure in figures)


def _charted(svg: str, figures: Sequence[object]) -> list[Block]:
    """The chart, unless every figure in it is withheld: then the table says all there is to say."""
    return [Chart(svg)] if _any_shown(figures) else []


@dataclass(frozen=True)
class CheckSection:
    """What differs between the WHO-5's section and the burnout item's: words, scale and cut-off."""

    measure: Measure
    changes: Callable[[Cohort], tuple[Comparison, ...]]
    heading: str
    about: str
    quantity: str
    """What the boxes show, for the chart's label: ``WHO-5 percentage score``."""
    low: int
    high: int
    ticks: tuple[int, ...]
    cutoff: int
    cutoff_words: str
    flagged_header: str
    change_about: str
    change_least: float
    """The axis of the change chart reaches at least this far either side of 0."""
    change_marks: float | None
    change_unit: str
    better_header: str
    worse_header: str


WHO5_SECTION = CheckSection(
    measure=lambda point: point.who5,
    changes=lambda cohort: cohort.who5_changes,
    heading="Well-being: the WHO-5",
    about=(
        "The WHO-5 Well-Being Index: five questions about the last two weeks, scored as a percentage from "
        f"0 (the worst) to 100 (the best). A score of {WHO5_SCREENING_AT_OR_BELOW} or below is the "
        "instrument's screening cut-off for poor well-being (Topp et al. 2015); with scores in steps of 4, "
        "that is 48 or below, the same as a raw score below 13 in the WHO-5's own scoring note."
    ),
    quantity="WHO-5 percentage score",
    low=0,
    high=100,
    ticks=(0, 25, 50, 75, 100),
    cutoff=WHO5_SCREENING_AT_OR_BELOW,
    cutoff_words=f"cut-off: {WHO5_SCREENING_AT_OR_BELOW} or below",
    flagged_header=f"At or under {WHO5_SCREENING_AT_OR_BELOW}",
    change_about=(
        "In the people who answered at both points. The mean change comes with its 95% confidence interval; "
        "with a small group the interval is wide, and an interval that includes 0 does not show a change. "
        f"A change of {WHO5_MEANINGFUL_CHANGE} points or more is the WHO-5's threshold for a meaningful "
        "change (Topp et al. 2015)."
    ),
    change_least=WHO5_MEANINGFUL_CHANGE * 1.5,
    change_marks=WHO5_MEANINGFUL_CHANGE,
    change_unit="change in the percentage score (points)",
    better_header=f"Up {WHO5_MEANINGFUL_CHANGE} or more",
    worse_header=f"Down {WHO5_MEANINGFUL_CHANGE} or more",
)

BURNOUT_SECTION = CheckSection(
    measure=lambda point: point.burnout,
    changes=lambda cohort: cohort.burnout_changes,
    heading="Burnout: the single item",
    about=(
        "The single-item burnout measure: options from 1 (no symptoms of burnout) to 5 (completely burned "
        f"out); lower is better. Option {BURNOUT_FROM_OPTION} or higher indicates burnout (Rohland et al. "
        "2004; Dolan et al. 2015)."
    ),
    quantity="Burnout option",
    low=1,
    high=5,
    ticks=(1, 2, 3, 4, 5),
    cutoff=BURNOUT_FROM_OPTION,
    cutoff_words=f"option {BURNOUT_FROM_OPTION} or higher: burnout",
    flagged_header=f"Option {BURNOUT_FROM_OPTION} or higher",
    change_about=(
        "In the people who answered at both points: the mean change in the option chosen (negative is "
        "better), with its 95% confidence interval, and how many moved to a lower or a higher option."
    ),
    change_least=1.5,
    change_marks=None,
    change_unit="change in the option chosen (lower is better)",
    better_header="Lower (better)",
    worse_header="Higher (worse)",
)


def _check(cohort: Cohort, program: ProgramInfo, section: CheckSection) -> list[Block]:
    """A check's section: its boxes and table at each point, then its change from the start."""
    rows = _level_rows(cohort.points, section.measure, program, cohort.min_group)
    if not rows:
        return []
    slots = _slots(cohort.points, section.measure, program)
    out: list[Block] = [
        Heading(2, section.heading),
        Paragraph(section.about),
        *_charted(
            charts.box_chart(
                f"{section.quantity} at each point: median and middle half of the group",
                slots,
                low=section.low,
                high=section.high,
                ticks=section.ticks,
                cutoff=(section.cutoff, section.cutoff_words),
                min_group=cohort.min_group,
            ),
            [figure for _, figure in slots],
        ),
        Table(("Point", "People", "Median", "Middle half", section.flagged_header), tuple(rows)),
    ]
    if _any_shown(figure for _, figure in slots):
        out.append(Paragraph(BOX_NOTE, note=True))
    changes = section.changes(cohort)
    if not changes:
        return out
    return [
        *out,
        Heading(3, "Change from the start"),
        Paragraph(section.change_about),
        *_charted(
            charts.change_chart(
                f"Mean change in the {section.quantity[0].lower()}{section.quantity[1:]} from the start, "
                "with 95% intervals",
                _change_chart_rows(changes, program),
                least=section.change_least,
                marks=section.change_marks,
                unit=section.change_unit,
                min_group=cohort.min_group,
            ),
            [comparison.change for comparison in changes],
        ),
        Table(
            (
                "Change",
                "People with both",
                "Mean change",
                "95% interval",
                section.better_header,
                section.worse_header,
            ),
            tuple(_change_rows(changes, program, cohort.min_group)),
        ),
    ]


def _scales(cohort: Cohort, program: ProgramInfo) -> list[Block]:
    rows: list[tuple[str, ...]] = []
    chart_rows: list[tuple[str, int, int, Spread | Withheld]] = []
    for summary in cohort.points:
        for scale, figure in summary.scales:
            label = _label(summary.point, program)
            span = f"{scale.low} to {scale.high}"
            if isinstance(figure, Withheld):
                rows.append((scale.step, span, label, str(figure.people), withheld_text(cohort.min_group)))
            else:
                rows.append(
                    (
                        scale.step,
                        span,
                        label,
                        str(figure.people),
                        _number(figure.median),
                        _middle_half(figure),
                    )
                )
            chart_rows.append((f"{scale.step} · {label}", scale.low, scale.high, figure))
    if not rows:
        return []
    return [
        Heading(2, "The program's scales"),
        Paragraph(
            "The program's own scales, by step id: reflection aids for the participants, not validated "
            "measures. The same question asked on two days has a step id for each day."
        ),
        *_charted(
            charts.range_chart(
                "The program's scales: median and middle half", chart_rows, min_group=cohort.min_group
            ),
            [figure for *_, figure in chart_rows],
        ),
        Table(("Scale", "Range", "Point", "People", "Median", "Middle half"), tuple(rows)),
    ]


def _feedback(cohort: Cohort, program: ProgramInfo) -> list[Block]:
    with_feedback = [summary for summary in cohort.points if summary.feedback]
    if not with_feedback:
        return []
    out: list[Block] = [
        Heading(2, "Session feedback"),
        Paragraph(
            "The feedback form after a session, by question id: each answer from 1 to 5. The bars show how "
            "many chose each answer."
        ),
    ]
    for summary in with_feedback:
        label = _label(summary.point, program)
        out += [
            Heading(3, label),
            *_charted(
                charts.feedback_chart(
                    f"Session feedback, {label}: how many chose each answer",
                    list(summary.feedback),
                    min_group=cohort.min_group,
                ),
                [figure for _, figure in summary.feedback],
            ),
            Table(
                ("Question", "People", "Median", "1", "2", "3", "4", "5"),
                tuple(
                    _feedback_row(question, figure, cohort.min_group) for question, figure in summary.feedback
                ),
            ),
        ]
    return out


def _feedback_row(question: str, figure: FeedbackSummary | Withheld, min_group: int) -> tuple[str, ...]:
    if isinstance(figure, Withheld):
        return (question, str(figure.people), withheld_text(min_group))
    return (question, str(figure.people), _number(figure.median), *(str(count) for count in figure.counts))


_KIND_WORDS = {
    "damaged": "not a valid scores file",
    "newer": "a newer format",
    "other-program": "another program",
    "not-scores": "not a scores file",
}


def _notes(cohort: Cohort, program: ProgramInfo) -> list[Block]:
    out: list[Block] = [Heading(2, "Notes")]
    if cohort.left_out:
        out += [
            Heading(3, "Files left out"),
            Paragraph("By file name only. Each was read no further than needed to say why."),
            FileList(tuple(_left_out(each) for each in cohort.left_out)),
        ]
    versions = ", ".join(
        f"{version} ({count} {'file' if count == 1 else 'files'})" for version, count in cohort.versions
    )
    if versions:
        out.append(Paragraph(f"Program versions in the files: {versions}."))
        if len(cohort.versions) > 1:
            out.append(Paragraph("The program changed between versions: its scales may differ between them."))
    out += [
        Heading(3, "How the figures are made"),
        Paragraph(
            f"Privacy: any figure computed from fewer than {cohort.min_group} people is not shown (the "
            "threshold can be raised, never lowered below 5). A run shared twice counts once: the file with "
            "more measurement points is used, as it is the later export of the same run."
        ),
        Paragraph(
            f"Medians and quartiles: the {QUARTILES} method of Python's statistics module (linear "
            "interpolation between answers, as in most spreadsheets). Shares are rounded to whole percent."
        ),
        Paragraph(
            "Change: for each person with both points, the later score minus the score at the start. The "
            "mean of those differences comes with its 95% confidence interval from the t distribution with "
            "one less degree of freedom than people."
        ),
        Paragraph(
            "Sources: Topp CW, Ostergaard SD, Sondergaard S, Bech P. The WHO-5 Well-Being Index: a "
            "systematic review of the literature. Psychother Psychosom 2015;84:167-176, "
            "doi:10.1159/000376585. Rohland BM et al. Stress Health 2004;20:75-79, doi:10.1002/smi.1002. "
            "Dolan ED et al. J Gen Intern Med 2015;30:582-587, doi:10.1007/s11606-014-3112-6.",
            note=True,
        ),
        Paragraph(f"Made by workshop {__version__}.", note=True),
    ]
    return out


def _left_out(refused: Refused) -> tuple[str, str]:
    if refused.kind == "duplicate":
        return refused.path.name, refused.reason
    return refused.path.name, f"{_KIND_WORDS.get(refused.kind, refused.kind)}: {refused.reason}"


# --------------------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------------------

_CSS = """
:root { color-scheme: light; }
body { font: 11.5pt/1.5 Georgia, "Times New Roman", serif; color: #1d1d1d; background: #fff;
       max-width: 46em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: .1em; }
h2 { font-size: 1.25em; border-bottom: 1px solid #999; padding-bottom: .15em; margin-top: 1.8em; }
h3 { font-size: 1.05em; margin-top: 1.3em; }
.note { color: #555; font-size: .92em; }
table { border-collapse: collapse; margin: .6em 0 1em; font-size: .92em; }
th, td { border: 1px solid #bbb; padding: .2em .5em; text-align: left; vertical-align: top; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: .8em 0; }
figure svg { max-width: 100%; height: auto; }
ul.files li { overflow-wrap: anywhere; }
code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .9em; }
@page { margin: 16mm 14mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  h2, h3 { break-after: avoid; }
  figure, table, tr { break-inside: avoid; }
}
"""


def render_html(cohort: Cohort, program: ProgramInfo, *, made_on: date | None = None) -> str:
    """The report as one self-contained HTML page."""
    body: list[str] = []
    in_section = False
    for block in build(cohort, program, made_on=made_on):
        if isinstance(block, Heading) and block.level == 2:
            body.append("</section>" if in_section else "")
            body.append("<section>")
            in_section = True
        body.append(_html_block(block))
    if in_section:
        body.append("</section>")
    return page(f"{TITLE}: {program.title}", _CSS, [line for line in body if line])


def _html_block(block: Block) -> str:
    if isinstance(block, Heading):
        return f"<h{block.level}>{html_text(block.text)}</h{block.level}>"
    if isinstance(block, Paragraph):
        css = ' class="note"' if block.note else ""
        return f"<p{css}>{html_text(block.text)}</p>"
    if isinstance(block, Table):
        head = "".join(f"<th>{html_text(cell)}</th>" for cell in block.header)
        rows = "".join(_html_row(row, len(block.header)) for row in block.rows)
        return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    if isinstance(block, Chart):
        return f"<figure>{block.svg}</figure>"
    items = "".join(
        f"<li><code>{html_text(plain_name(name))}</code>: {html_text(reason)}</li>"
        for name, reason in block.entries
    )
    return f'<ul class="files">{items}</ul>'


def _html_row(row: Sequence[str], columns: int) -> str:
    cells = [_html_cell(cell) for cell in row[:-1]]
    span = columns - len(row) + 1
    last = _html_cell(row[-1]) if span == 1 else f'<td colspan="{span}">{html_text(row[-1])}</td>'
    return "<tr>" + "".join(cells) + last + "</tr>"


def _html_cell(cell: str) -> str:
    numeric = cell and cell.replace(".", "", 1).lstrip("+-").isdigit()
    return f'<td class="number">{html_text(cell)}</td>' if numeric else f"<td>{html_text(cell)}</td>"


# --------------------------------------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------------------------------------

# The ASCII punctuation that can start or end Markdown syntax anywhere in a line (CommonMark lets any ASCII
# punctuation be escaped with a backslash). '+', '-', '!' and digits matter only at the start of a line or
# before '[', and no line of the report starts with text from a file.
_MD_SPECIAL = set("\\`*_{}[]<>#|~&")


def md_text(text: str) -> str:
    """Plain text made inert in Markdown: no emphasis, links, HTML, tables or headings can come of it."""
    clean = plain_name(text)
    return "".join(f"\\{char}" if char in _MD_SPECIAL else char for char in clean)


def md_code(text: str) -> str:
    """``text`` as an inline code span, fenced with more backticks than it holds in a row."""
    clean = plain_name(text)
    longest = current = 0
    for char in clean:
        current = current + 1 if char == "`" else 0
        longest = max(longest, current)
    fence = "`" * (longest + 1)
    padded = f" {clean} " if clean.startswith("`") or clean.endswith("`") else clean
    return f"{fence}{padded}{fence}"


def render_markdown(cohort: Cohort, program: ProgramInfo, *, made_on: date | None = None) -> str:
    """The report as Markdown: the same headings, paragraphs and tables, without the charts."""
    out: list[str] = []
    for block in build(cohort, program, made_on=made_on):
        out += _md_block(block)
    return "\n".join(out).rstrip("\n") + "\n"


def _md_block(block: Block) -> list[str]:
    if isinstance(block, Heading):
        return [f"{'#' * block.level} {md_text(block.text)}", ""]
    if isinstance(block, Paragraph):
        text = md_text(block.text)
        return [f"_{text}_" if block.note else text, ""]
    if isinstance(block, Table):
        return [*_md_table(block.header, block.rows), ""]
    if isinstance(block, Chart):
        return []
    return [*(f"- {md_code(name)}: {md_text(reason)}" for name, reason in block.entries), ""]


def _md_table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(md_text(cell) for cell in header) + " |", "|" + "---|" * len(header)]
    padded = ((*row, *[""] * (len(header) - len(row))) for row in rows)
    return lines + ["| " + " | ".join(md_text(cell) for cell in row) + " |" for row in padded]
