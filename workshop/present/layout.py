"""Fitting a slide to the window it is shown in: big type where it fits, columns, "continued" pages.

Plain Python: given a slide and the real size of the slide area (columns, rows), ``layout_slide`` returns
its pages, each a list of lines already wrapped and aligned, plus how large the countdown is drawn. The
widget only paints them, so what is measured here is exactly what the room sees: nothing is ever cut off
and nothing ever scrolls.

What gives way when space is short, in order (the room must above all read the question):

1. the title: big letters (only on slides without a question) become one bold line;
2. spacing tightens;
3. a list of options is laid out in 2, 3 or 4 columns;
4. the countdown becomes a single line;
5. the question, drawn in the largest letters that fit, takes smaller ones, then bold text;
6. last, the slide is split into "continued" pages (lists and passages at item or paragraph
   boundaries; the question is repeated above options that continue). Whichever way needs the fewest
   pages wins.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

from rich.cells import cell_len

from workshop.present import strings
from workshop.present.bigtext import FONTS, PROMPT_SIZES, figlet_lines
from workshop.present.blocks import Block, Run, slide_blocks
from workshop.present.deck import Slide

TimerSize = Literal["full", "compact"]
Align = Literal["centre", "block"]

TIMER_ROWS: dict[TimerSize, int] = {"full": 7, "compact": 2}
"""Rows a countdown takes under the text, its top margin included (see ``TimerBox`` in the CSS):
full is a border, three rows of digits and a line of words; compact is one line."""
PHASE_ROWS = 1
"""The extra line a full countdown with phases takes to say what comes next."""
COLUMN_GAP = 4
MIN_COLUMN = 18
FULL_MEASURE = 100
"""Up to this width, prose uses all of it; wider windows give it ``MEASURE_SHARE`` of theirs."""
MEASURE_SHARE = 0.8
"""On a wide window, prose takes this share of the width: a projector's width is for the room."""


@dataclass(frozen=True)
class Line:
    """One row of a slide: spans of (text, style) already aligned with leading spaces.

    Styles are the names in ``STYLES`` (space-separated when several apply); the widget maps them to
    the theme's colours.
    """

    spans: tuple[tuple[str, str], ...] = ()

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.spans)

    @property
    def width(self) -> int:
        return cell_len(self.text)

    def rstrip(self) -> Line:
        """This line without trailing blanks (they would only widen it)."""
        spans = list(self.spans)
        while spans and not spans[-1][0].strip():
            spans.pop()
        if spans:
            text, style = spans[-1]
            spans[-1] = (text.rstrip(), style)
        return Line(tuple(spans))


STYLES = ("eyebrow", "title", "lead", "bold", "italic", "prompt", "rules", "detail", "discussion", "big")


@dataclass(frozen=True)
class Fit:
    """One way to draw a slide: which parts are big, how many columns, how much air."""

    prompt_size: int = 0
    """How big the question is drawn: 0 is bold text; 1, 2 ... the fonts of ``PROMPT_SIZES`` from the
    smallest up."""
    big_title: bool = False
    timer: TimerSize | None = None
    columns: int = 1
    roomy: bool = True

    @property
    def big_prompt(self) -> bool:
        return self.prompt_size > 0


@dataclass(frozen=True)
class Page:
    """One screenful of a slide."""

    lines: tuple[Line, ...]
    number: int
    """1-based position among the slide's pages."""
    count: int
    fit: Fit
    timer_rows: int

    @property
    def height(self) -> int:
        return len(self.lines) + self.timer_rows


@dataclass
class _Unit:
    """A piece of a page that is laid out as a whole: a paragraph, the question, one option, a grid."""

    kind: str
    lines: list[Line]
    splittable: bool = False
    keep_with_next: bool = False


def prose_measure(width: int) -> int:
    """How wide paragraphs, options and bold questions run in a slide area ``width`` columns wide."""
    if width <= FULL_MEASURE:
        return max(1, width)
    return max(FULL_MEASURE, round(width * MEASURE_SHARE))


def timer_rows(fit: Fit, phased: bool) -> int:
    if fit.timer is None:
        return 0
    return TIMER_ROWS[fit.timer] + (PHASE_ROWS if phased and fit.timer == "full" else 0)


def layout_slide(slide: Slide, width: int, height: int) -> tuple[Page, ...]:
    """The pages of ``slide`` in a slide area of ``width`` x ``height`` cells (at least one page)."""
    return _layout(slide, max(1, width), max(1, height))


@lru_cache(maxsize=512)
def _layout(slide: Slide, width: int, height: int) -> tuple[Page, ...]:
    blocks = slide_blocks(slide)
    fits = candidate_fits(slide, blocks, width)
    phased = bool(slide.phases)
    for fit in fits:
        lines = _single_page(slide, blocks, fit, width)
        if lines is not None and len(lines) + timer_rows(fit, phased) <= height:
            return (Page(tuple(lines), 1, 1, fit, timer_rows(fit, phased)),)
    # Nothing fits on one screen: split, choosing the way that needs the fewest pages.
    best: tuple[Page, ...] | None = None
    for fit in fits:
        if fit.columns != 1 or fit.big_title:
            continue
        pages = _paginate(slide, blocks, fit, width, height)
        if best is None or len(pages) < len(best):
            best = pages
    assert best is not None  # the plainest fit (one column, small title) is always a candidate
    return best


def candidate_fits(slide: Slide, blocks: Sequence[Block], width: int) -> list[Fit]:
    """Every way to draw ``slide`` worth trying, best first (see the module's docstring for the order)."""
    prompt = next((block.text for block in blocks if block.role == "prompt"), None)
    sizes = range(len(PROMPT_SIZES), 0, -1)
    prompt_sizes = [size for size in sizes if prompt and _big_prompt(prompt, width, size) is not None]
    # A title is big only where no question competes with it, and never above a long passage's worth.
    big_title = [True, False] if not prompt and _big_title(slide.title, width) is not None else [False]
    timers: list[TimerSize | None] = ["full", "compact"] if slide.timed else [None]
    items = [block for block in blocks if block.role == "item"]
    columns = [1, *(count for count in (2, 3, 4) if _columns_possible(items, count, width))] if items else [1]
    fits = [
        Fit(prompt_size=p, big_title=t, timer=timer, columns=c, roomy=r)
        for p, timer, c, t, r in itertools.product(
            [*prompt_sizes, 0], timers, columns, big_title, (True, False)
        )
        # The title is the first to shrink: never big beside a shrunken countdown or a list in columns.
        if not (t and (timer == "compact" or c > 1))
    ]
    return sorted(fits, key=_preference)


def _preference(fit: Fit) -> tuple[int, bool, int, bool, bool]:
    """What is given up, most costly first: the size of the question, the full countdown, one column,
    the big title, the spacing."""
    return (-fit.prompt_size, fit.timer == "compact", fit.columns, not fit.big_title, not fit.roomy)


# ---- one page --------------------------------------------------------------------------------------


def _single_page(slide: Slide, blocks: Sequence[Block], fit: Fit, width: int) -> list[Line] | None:
    units = _units(slide, blocks, fit, width)
    if units is None:
        return None
    lines = _header(slide, fit, width)
    _stack(lines, units, fit, first_gap=True)
    return lines


def _header(slide: Slide, fit: Fit, width: int, eyebrow: str | None = None) -> list[Line]:
    lines: list[Line] = []
    eyebrow = slide.eyebrow if eyebrow is None else eyebrow
    if eyebrow:
        lines += _centred(_wrap([Run(eyebrow)], width, style="eyebrow"), width)
    title = _big_title(slide.title, width) if fit.big_title else None
    if title is not None:
        lines += _centred([_plain_line(line, "title big") for line in title], width)
    else:
        lines += _centred(_wrap([Run(slide.title)], prose_measure(width), style="title"), width)
    return lines


def _stack(lines: list[Line], units: Sequence[_Unit], fit: Fit, first_gap: bool) -> None:
    """Append ``units`` to ``lines`` with the gaps between them."""
    previous: str | None = "title" if first_gap else None
    for unit in units:
        lines.extend(Line() for _ in range(_gap(previous, unit.kind, fit)))
        lines.extend(unit.lines)
        previous = unit.kind


def _gap(previous: str | None, kind: str, fit: Fit) -> int:
    if previous is None:
        return 0
    if previous == "title":
        return 2 if fit.roomy else 1
    if previous == kind and kind in {"item", "bullet"}:
        return 0
    return 1


def _units(slide: Slide, blocks: Sequence[Block], fit: Fit, width: int) -> list[_Unit] | None:
    """The slide's blocks as laid-out units, or None when this fit cannot be drawn at this width."""
    measure = prose_measure(width)
    units: list[_Unit] = []
    items = [block for block in blocks if block.role == "item"]
    prose = [block for block in blocks if block.role in {"paragraph", "heading", "bullet"}]
    # Prose and options share one left edge, so a passage reads as one column, centred in the window.
    prose_width = max((line.width for block in prose for line in _block_lines(block, measure)), default=0)
    item_style = "rules" if slide.kind == "ground-rules" else ""
    item_width = max((line.width for item in items for line in _block_lines(item, measure)), default=0)
    for block in blocks:
        if block.role == "prompt":
            big = _big_prompt(block.text, width, fit.prompt_size) if fit.big_prompt else None
            if big is not None:
                lines = _centred([_plain_line(line, "prompt big") for line in big], width)
            else:
                lines = _centred(_wrap(block.runs, measure, style="prompt"), width)
            units.append(_Unit("prompt", lines, keep_with_next=bool(items)))
        elif block.role == "item":
            if fit.columns > 1:
                if block is items[0]:
                    grid = _grid(items, fit.columns, width, item_style)
                    if grid is None:
                        return None
                    units.append(_Unit("grid", grid))
                continue
            item_lines = _block_lines(block, measure, style=item_style)
            units.append(_Unit("item", _indented(item_lines, width, item_width), splittable=True))
        elif block.role in {"paragraph", "heading", "bullet"}:
            style = "bold" if block.role == "heading" else ""
            lines = _indented(_block_lines(block, measure, style=style), width, prose_width)
            units.append(_Unit("bullet" if block.role == "bullet" else "paragraph", lines, splittable=True))
        else:
            style = {"lead": "lead", "detail": "detail", "discussion": "discussion"}[block.role]
            units.append(_Unit(block.role, _centred(_wrap(block.runs, measure, style=style), width), True))
    return units


def _block_lines(block: Block, measure: int, style: str = "") -> list[Line]:
    """A block wrapped to ``measure``, its marker hanging to the left of the text."""
    if not block.marker:
        return _wrap(block.runs, measure, style=style)
    prefix = f"{block.marker}  "
    return _wrap(block.runs, measure, style=style, prefix=prefix)


def _grid(items: Sequence[Block], columns: int, width: int, style: str) -> list[Line] | None:
    """Options in ``columns`` columns, read down then across, the grid centred. None if it cannot fit."""
    column_width = (width - COLUMN_GAP * (columns - 1)) // columns
    if column_width < MIN_COLUMN:
        return None
    per_column = -(-len(items) // columns)
    cells = [_block_lines(item, column_width, style=style) for item in items]
    groups = [cells[start : start + per_column] for start in range(0, len(cells), per_column)]
    if len(groups) < columns:
        return None  # fewer items than columns: more columns would not make it shorter
    stacks = [[line for cell in group for line in cell] for group in groups]
    widths = [max(line.width for line in stack) for stack in stacks]
    total = sum(widths) + COLUMN_GAP * (len(stacks) - 1)
    left = " " * max(0, (width - total) // 2)
    rows: list[Line] = []
    for row in range(max(len(stack) for stack in stacks)):
        spans: list[tuple[str, str]] = [(left, "")]
        for index, stack in enumerate(stacks):
            line = stack[row] if row < len(stack) else Line()
            spans += list(line.spans)
            if index < len(stacks) - 1:
                spans.append((" " * (widths[index] - line.width + COLUMN_GAP), ""))
        rows.append(Line(tuple(spans)).rstrip())
    return rows


def _columns_possible(items: Sequence[Block], columns: int, width: int) -> bool:
    return len(items) >= columns * 2 and (width - COLUMN_GAP * (columns - 1)) // columns >= MIN_COLUMN


# ---- several pages ---------------------------------------------------------------------------------


def _paginate(slide: Slide, blocks: Sequence[Block], fit: Fit, width: int, height: int) -> tuple[Page, ...]:
    fit = replace(fit, big_title=False, roomy=False)
    units = _units(slide, blocks, fit, width)
    assert units is not None  # one column always lays out
    longest_eyebrow = _eyebrow(slide, strings.CONTINUED.format(page=99, count=99))
    header_rows = len(_header(slide, fit, width, eyebrow=longest_eyebrow))
    capacity = max(1, height - header_rows - timer_rows(fit, bool(slide.phases)) - _gap("title", "", fit))
    prompt = next((unit for unit in units if unit.kind == "prompt" and unit.keep_with_next), None)

    pages: list[list[_Unit]] = []
    queue = list(units)
    while queue:
        page: list[_Unit] = []
        used = 0
        if (
            pages
            and prompt is not None
            and queue[0].kind == "item"
            and len(prompt.lines) + 1 + len(queue[0].lines) <= capacity
        ):
            # Options that continue keep their question above them.
            page.append(prompt)
            used = len(prompt.lines)
        placed = False
        while queue:
            unit = queue[0]
            gap = _gap(page[-1].kind if page else None, unit.kind, fit)
            need = gap + len(unit.lines)
            if unit.keep_with_next and len(queue) > 1:
                need += _gap(unit.kind, queue[1].kind, fit) + 1
            if used + need <= capacity:
                page.append(queue.pop(0))
                used += gap + len(unit.lines)
                placed = True
                continue
            room = capacity - used - gap
            if not placed or (unit.splittable and room >= 2 and len(unit.lines) > capacity):
                # Longer than any page (or a window too small for anything): it continues line by line.
                room = max(1, room)
                page.append(_Unit(unit.kind, unit.lines[:room]))
                if unit.lines[room:]:
                    queue[0] = _Unit(unit.kind, unit.lines[room:], unit.splittable)
                else:
                    queue.pop(0)
            break
        pages.append(page)

    count = len(pages)
    result = []
    for number, page_units in enumerate(pages, start=1):
        marker = strings.CONTINUED if number > 1 else strings.PAGE_OF
        eyebrow = _eyebrow(slide, marker.format(page=number, count=count))
        lines = _header(slide, fit, width, eyebrow=eyebrow)
        _stack(lines, page_units, fit, first_gap=True)
        result.append(Page(tuple(lines), number, count, fit, timer_rows(fit, bool(slide.phases))))
    return tuple(result)


def _eyebrow(slide: Slide, marker: str) -> str:
    return f"{slide.eyebrow} · {marker}" if slide.eyebrow else marker


# ---- text ------------------------------------------------------------------------------------------


_PIECES = re.compile(r"\n|[ \t]+|[^ \t\n]+")


def _wrap(runs: Iterable[Run], width: int, *, style: str = "", prefix: str = "") -> list[Line]:
    """Greedy word wrap of styled runs to ``width`` cells; ``prefix`` hangs in front of the first line.

    Words longer than the width are broken. Spaces collapse to one; an author's line break is kept.
    """
    words: list[list[tuple[str, str]] | None] = []
    """Words as lists of styled fragments (a word may change emphasis mid-way); None is a line break."""
    current: list[tuple[str, str]] = []
    for run in runs:
        run_style = " ".join(part for part in (style, run.emphasis) if part)
        for piece in _PIECES.findall(run.text):
            if piece == "\n" or piece[0] in " \t":
                if current:
                    words.append(current)
                    current = []
                if piece == "\n":
                    words.append(None)
            else:
                current.append((piece, run_style))
    if current:
        words.append(current)

    indent = " " * cell_len(prefix)
    available = max(1, width - cell_len(prefix))
    lines: list[list[tuple[str, str]]] = [[(prefix, style)] if prefix else []]
    used = 0
    for word in words:
        if word is None:
            lines.append([(indent, "")] if indent else [])
            used = 0
            continue
        size = sum(cell_len(text) for text, _ in word)
        if used and used + 1 + size > available:
            lines.append([(indent, "")] if indent else [])
            used = 0
        if used:
            lines[-1].append((" ", word[0][1]))
            used += 1
        for text, fragment_style in word:
            for chunk in _chunks(text, available, available - used):
                if used + cell_len(chunk) > available:
                    lines.append([(indent, "")] if indent else [])
                    used = 0
                lines[-1].append((chunk, fragment_style))
                used += cell_len(chunk)
    return [Line(tuple(spans)) for spans in lines]


def _chunks(text: str, width: int, first: int) -> list[str]:
    """``text`` cut into pieces of at most ``width`` cells (the first piece at most ``first``, if > 0)."""
    if cell_len(text) <= max(first, width):
        return [text]
    chunks: list[str] = []
    limit = first if first > 0 else width
    chunk = ""
    for char in text:
        if chunk and cell_len(chunk + char) > limit:
            chunks.append(chunk)
            chunk, limit = "", width
        chunk += char
    chunks.append(chunk)
    return chunks


def _centred(lines: Iterable[Line], width: int) -> list[Line]:
    """Each line centred on its own (questions, leads, titles)."""
    return [Line(((" " * max(0, (width - line.width) // 2), ""), *line.spans)).rstrip() for line in lines]


def _indented(lines: Iterable[Line], width: int, block_width: int) -> list[Line]:
    """Lines that share one left edge, the block they form centred (paragraphs, options)."""
    left = " " * max(0, (width - block_width) // 2)
    return [Line(((left, ""), *line.spans)).rstrip() for line in lines]


def _plain_line(text: str, style: str) -> Line:
    return Line(((text, style),))


def _big_prompt(text: str, width: int, size: int) -> tuple[str, ...] | None:
    """The question in the ``size``-th prompt font counted from the smallest (1), or None if it does not
    fit the width in that font's rows."""
    font, rows = PROMPT_SIZES[len(PROMPT_SIZES) - size]
    return figlet_lines(text, width, ((font, 0),), rows)


def _big_title(text: str, width: int) -> tuple[str, ...] | None:
    return figlet_lines(text, width, FONTS) if width >= 10 and text.strip() else None
