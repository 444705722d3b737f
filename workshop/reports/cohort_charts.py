"""The cohort report's charts, as inline SVG: drawn by hand, no scripts, nothing loaded from outside.

Charts show group figures only (boxes from the first to the third quartile with the median, mean changes
with their intervals, how many chose each feedback answer). No chart draws a dot per person, a minimum
or a maximum: those would be one person's value. A withheld figure is drawn as words, never as a shape.
Every piece of text is escaped; colours are told apart by lightness too, so the charts print in grey.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from workshop.reports.cohort import FeedbackSummary, PairedChange, Spread, Withheld
from workshop.reports.html_page import html_text

WIDTH = 640
INK, MUTED, GRID, BOX_FILL, CUT_OFF = "#1f4e79", "#555", "#d0d0d0", "#c9d8e8", "#b5462b"
ANSWER_COLOURS = ("#e3e9f1", "#c0d1e4", "#8eabcb", "#5a86b3", "#1f4e79")
"""Feedback answers 1 to 5, light to dark."""
FONT = 'font-family="Georgia, serif" font-size="11"'
HALO = ' paint-order="stroke" stroke="#fff" stroke-width="3" stroke-linejoin="round"'
"""White behind text that may cross a line (a median on a cut-off, "not shown" across the grid)."""
ITALIC = ' font-style="italic"' + HALO


def _open(height: float, label: str) -> list[str]:
    return [
        f'<svg viewBox="0 0 {WIDTH} {height:.0f}" width="{WIDTH}" height="{height:.0f}" role="img" '
        f'aria-label="{html_text(label)}" {FONT}>',
        f"<title>{html_text(label)}</title>",
    ]


def _text(
    x: float, y: float, text: str, *, anchor: str = "middle", fill: str = MUTED, extra: str = ""
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{fill}"{extra}>{html_text(text)}</text>'
    )


def _number(value: float) -> str:
    return str(round(value)) if math.isclose(value, round(value)) else f"{value:.1f}"


def box_chart(
    label: str,
    slots: Sequence[tuple[str, Spread | Withheld]],
    *,
    low: int,
    high: int,
    ticks: Sequence[int],
    cutoff: tuple[float, str] | None,
    min_group: int,
) -> str:
    """One box per measurement point (quartiles and median) on a shared vertical scale, with a legend."""
    height, left, right, top, bottom = 256, 46, 18, 34, 50
    inner_w, inner_h = WIDTH - left - right, height - top - bottom
    slot = inner_w / max(len(slots), 1)

    def y(value: float) -> float:
        return top + (high - value) / (high - low) * inner_h

    parts = _open(height, label)
    parts.append(f'<rect x="{left}" y="6" width="18" height="12" fill="{BOX_FILL}" stroke="{INK}"/>')
    parts.append(f'<line x1="{left}" y1="12" x2="{left + 18}" y2="12" stroke="{INK}" stroke-width="3"/>')
    parts.append(_text(left + 24, 16, "median and middle half of the group", anchor="start"))
    for tick in ticks:
        parts.append(
            f'<line x1="{left}" y1="{y(tick):.1f}" x2="{WIDTH - right}" y2="{y(tick):.1f}" stroke="{GRID}"/>'
        )
        parts.append(_text(left - 6, y(tick) + 4, str(tick), anchor="end"))
    if cutoff is not None:
        value, words = cutoff
        dashed = f'stroke="{CUT_OFF}" stroke-width="1.5" stroke-dasharray="6 4"'
        parts.append(
            f'<line x1="{left}" y1="{y(value):.1f}" x2="{WIDTH - right}" y2="{y(value):.1f}" {dashed}/>'
        )
        parts.append(f'<line x1="{left + 270}" y1="12" x2="{left + 294}" y2="12" {dashed}/>')
        parts.append(_text(left + 300, 16, words, anchor="start", fill=CUT_OFF))
    small = ' font-size="10"' if len(slots) > 6 else ""
    for index, (name, figure) in enumerate(slots):
        centre = left + slot * (index + 0.5)
        parts.append(_text(centre, height - bottom + 18, name, fill="#222", extra=small))
        parts.append(_text(centre, height - bottom + 33, f"{figure.people} people", extra=small))
        if isinstance(figure, Withheld):
            words_at = top + inner_h * 0.2
            parts.append(_text(centre, words_at, "not shown:", extra=ITALIC))
            parts.append(_text(centre, words_at + 14, f"fewer than {min_group}", extra=ITALIC))
            continue
        half = min(slot * 0.28, 30)
        upper, lower = y(figure.q3), y(figure.q1)
        box_height = max(lower - upper, 2)
        parts.append(
            f'<rect x="{centre - half:.1f}" y="{upper:.1f}" width="{2 * half:.1f}" height="{box_height:.1f}" '
            f'fill="{BOX_FILL}" stroke="{INK}"/>'
        )
        median = y(figure.median)
        parts.append(
            f'<line x1="{centre - half:.1f}" y1="{median:.1f}" x2="{centre + half:.1f}" y2="{median:.1f}" '
            f'stroke="{INK}" stroke-width="3"/>'
        )
        parts.append(
            _text(centre + half + 4, median + 4, _number(figure.median), anchor="start", fill=INK, extra=HALO)
        )
    parts.append("</svg>")
    return "".join(parts)


def change_chart(
    label: str,
    rows: Sequence[tuple[str, PairedChange | Withheld]],
    *,
    least: float,
    marks: float | None,
    unit: str,
    min_group: int,
) -> str:
    """Each comparison's mean change as a dot with its 95% interval as a line, around a line at zero."""
    left, right, top, row = 170, 24, 40, 30
    height = top + row * len(rows) + 44
    shown = [c for _, c in rows if isinstance(c, PairedChange)]
    reach = max([least, *(abs(c.low) for c in shown), *(abs(c.high) for c in shown)])
    step = _nice_step(reach)
    reach = math.ceil(reach / step) * step
    inner = WIDTH - left - right

    def x(value: float) -> float:
        return left + (value + reach) / (2 * reach) * inner

    parts = _open(height, label)
    parts.append(f'<line x1="{left}" y1="12" x2="{left + 24}" y2="12" stroke="{INK}" stroke-width="2"/>')
    parts.append(f'<circle cx="{left + 12}" cy="12" r="4.5" fill="{INK}"/>')
    parts.append(_text(left + 30, 16, "mean change and its 95% interval", anchor="start"))
    if marks is not None:
        dashed = f'stroke="{CUT_OFF}" stroke-dasharray="3 3"'
        parts.append(f'<line x1="{left + 250}" y1="12" x2="{left + 274}" y2="12" {dashed}/>')
        parts.append(_text(left + 280, 16, f"a change of {marks:g} either way", anchor="start", fill=CUT_OFF))
    bottom = top + row * len(rows)
    parts.append(_text(x(0), bottom + 34, unit))
    for tick in (-reach, -reach / 2, 0.0, reach / 2, reach):
        stroke = "#888" if tick == 0 else GRID
        parts.append(
            f'<line x1="{x(tick):.1f}" y1="{top - 8}" x2="{x(tick):.1f}" y2="{bottom}" stroke="{stroke}"/>'
        )
        parts.append(_text(x(tick), bottom + 16, f"{tick:+g}" if tick else "0"))
    if marks is not None and marks < reach:
        for mark in (-marks, marks):
            parts.append(
                f'<line x1="{x(mark):.1f}" y1="{top - 8}" x2="{x(mark):.1f}" y2="{bottom}" '
                f'stroke="{CUT_OFF}" stroke-dasharray="3 3"/>'
            )
    for index, (name, change) in enumerate(rows):
        middle = top + row * index + row / 2
        parts.append(_text(left - 10, middle + 4, name, anchor="end", fill="#222"))
        if isinstance(change, Withheld):
            parts.append(
                _text(
                    x(-reach) + 6,
                    middle + 4,
                    f"fewer than {min_group} people: not shown",
                    anchor="start",
                    extra=ITALIC,
                )
            )
            continue
        a, b = x(change.low), x(change.high)
        parts.append(
            f'<line x1="{a:.1f}" y1="{middle:.1f}" x2="{b:.1f}" y2="{middle:.1f}" stroke="{INK}" '
            'stroke-width="2"/>'
        )
        for end in (a, b):
            parts.append(
                f'<line x1="{end:.1f}" y1="{middle - 6:.1f}" x2="{end:.1f}" y2="{middle + 6:.1f}" '
                f'stroke="{INK}" stroke-width="2"/>'
            )
        parts.append(f'<circle cx="{x(change.mean):.1f}" cy="{middle:.1f}" r="4.5" fill="{INK}"/>')
    parts.append("</svg>")
    return "".join(parts)


def _nice_step(reach: float) -> float:
    """A round tick step (1, 2 or 5 times a power of ten) for an axis from -reach to reach."""
    raw = reach / 2
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def range_chart(
    label: str, rows: Sequence[tuple[str, int, int, Spread | Withheld]], *, min_group: int
) -> str:
    """One row per scale: its own range as a track, the middle half as a box, the median as a bar."""
    left, right, top, row = 230, 34, 10, 34
    height = top + row * len(rows) + 6
    inner = WIDTH - left - right
    parts = _open(height, label)
    for index, (name, low, high, figure) in enumerate(rows):
        middle = top + row * index + row / 2

        def x(value: float, low: int = low, high: int = high) -> float:
            return left + (value - low) / (high - low) * inner

        parts.append(_text(left - 28, middle + 4, name, anchor="end", fill="#222"))
        parts.append(
            f'<line x1="{left}" y1="{middle:.1f}" x2="{left + inner}" y2="{middle:.1f}" stroke="{GRID}" '
            'stroke-width="2"/>'
        )
        parts.append(_text(left - 6, middle + 4, str(low), anchor="end"))
        parts.append(_text(left + inner + 6, middle + 4, str(high), anchor="start"))
        if isinstance(figure, Withheld):
            parts.append(
                _text(
                    left + inner / 2,
                    middle - 5,
                    f"fewer than {min_group} people: not shown",
                    extra=ITALIC,
                )
            )
            continue
        a, b = x(figure.q1), x(figure.q3)
        parts.append(
            f'<rect x="{a:.1f}" y="{middle - 8:.1f}" width="{max(b - a, 2):.1f}" height="16" '
            f'fill="{BOX_FILL}" stroke="{INK}"/>'
        )
        parts.append(
            f'<line x1="{x(figure.median):.1f}" y1="{middle - 10:.1f}" x2="{x(figure.median):.1f}" '
            f'y2="{middle + 10:.1f}" stroke="{INK}" stroke-width="3"/>'
        )
    parts.append("</svg>")
    return "".join(parts)


def feedback_chart(
    label: str, rows: Sequence[tuple[str, FeedbackSummary | Withheld]], *, min_group: int
) -> str:
    """For each question, a bar split by how many chose each answer from 1 to 5, with a legend."""
    left, right, top, row = 170, 16, 30, 28
    height = top + row * len(rows) + 6
    inner = WIDTH - left - right
    parts = _open(height, label)
    for answer, colour in enumerate(ANSWER_COLOURS, start=1):
        swatch = left + (answer - 1) * 52
        parts.append(f'<rect x="{swatch}" y="6" width="14" height="12" fill="{colour}" stroke="#888"/>')
        parts.append(_text(swatch + 18, 16, f"{answer}", anchor="start"))
    parts.append(_text(left - 10, 16, "answer:", anchor="end"))
    for index, (name, figure) in enumerate(rows):
        top_y = top + row * index
        parts.append(_text(left - 10, top_y + row / 2 + 4, name, anchor="end", fill="#222"))
        if isinstance(figure, Withheld):
            parts.append(
                _text(
                    left + 4,
                    top_y + row / 2 + 4,
                    f"fewer than {min_group} people: not shown",
                    anchor="start",
                    extra=ITALIC,
                )
            )
            continue
        at = float(left)
        for answer, count in enumerate(figure.counts):
            if not count:
                continue
            width = inner * count / figure.people
            colour = ANSWER_COLOURS[answer]
            parts.append(
                f'<rect x="{at:.1f}" y="{top_y + 3}" width="{width:.1f}" height="{row - 8}" fill="{colour}" '
                'stroke="#fff"/>'
            )
            if width >= 16:
                ink = "#fff" if answer >= 3 else "#222"
                parts.append(_text(at + width / 2, top_y + row / 2 + 3, str(count), fill=ink))
            at += width
        parts.append(
            f'<rect x="{left}" y="{top_y + 3}" width="{inner}" height="{row - 8}" fill="none" stroke="#999"/>'
        )
    parts.append("</svg>")
    return "".join(parts)
