"""The check-ins and scales of the export: a Markdown table, and for HTML a table and an inline SVG chart.

The chart is drawn by hand (a polyline per run, no scripts, nothing loaded from outside) so the page
stays self-contained and prints. Each run has its own dash pattern and marker as well as its own colour,
so the lines are told apart in black and white. Every string that came from a file is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence

from workshop.content.instruments import BURNOUT, WHO5
from workshop.content.models import Program
from workshop.flow.insight import change_words
from workshop.flow.run_view import NumberedRun
from workshop.flow.trends import CheckReading, RunCheckins, Series, all_series, charted_runs, run_checkins
from workshop.reports.html_page import html_text
from workshop.reports.markdown import md_line

HEADING = "Check-ins and scales"
NOTE = (
    "Your own check-ins and scale answers, across the days and runs. A WHO-5 change of 10 points or more "
    "is named as meaningful when the two answers look back over separate weeks (it asks about the last "
    "two); a score is for reflection, not a diagnosis."
)
WIDTH, HEIGHT = 520, 220
LEFT, RIGHT, TOP, BOTTOM = 44, 110, 16, 34  # room for the axis labels and the legend
_COLOURS = ("#1f4e79", "#b5462b", "#2e7d32", "#6a1b9a", "#8d6e00", "#37474f")
_DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 2", "10 4")


def _cell(reading: CheckReading | None) -> str:
    if reading is None:
        return "-"
    return reading.describe()


def checkin_rows(program: Program, runs: Sequence[NumberedRun]) -> list[tuple[str, ...]]:
    """One row per run: WHO-5 first and last, the change, burnout first and last (only rows with a value)."""
    rows: list[tuple[str, ...]] = []
    for run in sorted(runs, key=lambda r: r.number):
        who5: RunCheckins = run_checkins(program, run, WHO5.id)
        burnout = run_checkins(program, run, BURNOUT.id)
        readings = [who5.before, who5.after, burnout.before, burnout.after]
        if not any(r is not None and r.answered for r in readings):
            continue
        change = change_words(who5.before, who5.after)
        rows.append(
            (
                f"Run {run.number}",
                _cell(who5.before),
                _cell(who5.after),
                change or "-",
                _cell(burnout.before),
                _cell(burnout.after),
            )
        )
    return rows


CHECKIN_HEADER = ("Run", "WHO-5 first", "WHO-5 last", "Change", "Burnout first", "Burnout last")


def _series_rows(series: Series) -> list[tuple[str, ...]]:
    return [
        (f"Run {number}", *("-" if v is None else str(v) for v in values))
        for number, values in series.lines
        if any(v is not None for v in values)
    ]


# --------------------------------------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------------------------------------


def _md_cell(text: str) -> str:
    return md_line(text)


def _md_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(_md_cell(h) for h in header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]


def markdown_section(program: Program, runs: Sequence[NumberedRun]) -> list[str]:
    """The section's Markdown lines, or none when nothing has been answered."""
    charted = charted_runs(program, runs)
    series = all_series(program, charted)
    if not series:
        return []
    out = [f"## {HEADING}", "", NOTE, ""]
    rows = checkin_rows(program, charted)
    if rows:
        out += [*_md_table(CHECKIN_HEADER, rows), ""]
    for item in series:
        out += [f"**{_md_cell(item.title)}**", ""]
        out += [*_md_table(("Run", *item.points), _series_rows(item)), ""]
    return out


# --------------------------------------------------------------------------------------------------------
# HTML and SVG
# --------------------------------------------------------------------------------------------------------


def _html_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    head = "".join(f"<th>{html_text(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{html_text(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="trend"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _x(index: int, count: int) -> float:
    inner = WIDTH - LEFT - RIGHT
    return LEFT + (inner / 2 if count == 1 else inner * index / (count - 1))


def _y(value: float, low: int, high: int) -> float:
    inner = HEIGHT - TOP - BOTTOM
    return TOP + inner * (high - value) / (high - low)


def svg_chart(series: Series) -> str:
    """``series`` as an inline SVG line chart: a polyline and markers per run, axes, and a legend."""
    count = len(series.points)
    low, high = series.low, series.high
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
        f'height="{HEIGHT}" role="img" aria-label="{html_text(series.title)}" font-family="Georgia, serif" '
        'font-size="11">'
    ]
    for value in (low, (low + high) / 2, high):
        y = _y(value, low, high)
        label = f"{value:g}"
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#ccc"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#444">{label}</text>')
    for index, point in enumerate(series.points):
        x = _x(index, count)
        parts.append(
            f'<text x="{x:.1f}" y="{HEIGHT - 12}" text-anchor="middle" fill="#444">{html_text(point)}</text>'
        )
    for number, (run_number, values) in enumerate(series.lines):
        shown = [(_x(i, count), _y(v, low, high)) for i, v in enumerate(values) if v is not None]
        if not shown:
            continue
        colour, dash = _COLOURS[number % len(_COLOURS)], _DASHES[number % len(_DASHES)]
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in shown)
        parts.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"{dashed}/>')
        parts += [_marker(number, x, y, colour) for x, y in shown]
        legend_y = TOP + 14 * number + 6
        parts.append(
            f'<line x1="{WIDTH - RIGHT + 12}" y1="{legend_y}" x2="{WIDTH - RIGHT + 36}" y2="{legend_y}" '
            f'stroke="{colour}" stroke-width="2"{dashed}/>'
        )
        parts.append(_marker(number, WIDTH - RIGHT + 24, legend_y, colour))
        parts.append(f'<text x="{WIDTH - RIGHT + 42}" y="{legend_y + 4}" fill="#222">Run {run_number}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _marker(number: int, x: float, y: float, colour: str) -> str:
    # A circle, a square, a diamond in turn: a second cue besides colour and dashes.
    shape = number % 3
    if shape == 0:
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"/>'
    if shape == 1:
        return f'<rect x="{x - 3.5:.1f}" y="{y - 3.5:.1f}" width="7" height="7" fill="{colour}"/>'
    points = f"{x:.1f},{y - 4.5:.1f} {x + 4.5:.1f},{y:.1f} {x:.1f},{y + 4.5:.1f} {x - 4.5:.1f},{y:.1f}"
    return f'<polygon points="{points}" fill="{colour}"/>'


CSS = """
table.trend { border-collapse: collapse; margin: .6em 0 1em; font-size: .92em; }
table.trend th, table.trend td { border: 1px solid #bbb; padding: .2em .5em; text-align: left; }
figure.chart { margin: 1em 0; break-inside: avoid; }
figure.chart svg { max-width: 100%; height: auto; }
figcaption { font-style: italic; margin-bottom: .3em; }
"""


def html_section(program: Program, runs: Sequence[NumberedRun]) -> list[str]:
    """The section's HTML, or nothing when nothing has been answered."""
    charted = charted_runs(program, runs)
    series = all_series(program, charted)
    if not series:
        return []
    out = [f'<section class="trends"><h2>{html_text(HEADING)}</h2>', f'<p class="note">{html_text(NOTE)}</p>']
    rows = checkin_rows(program, charted)
    if rows:
        out.append(_html_table(CHECKIN_HEADER, rows))
    for item in series:
        out += [
            f'<figure class="chart"><figcaption>{html_text(item.title)}</figcaption>',
            svg_chart(item),
            _html_table(("Run", *item.points), _series_rows(item)),
            "</figure>",
        ]
    out.append("</section>")
    return out
