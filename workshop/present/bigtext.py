"""Big letters (pyfiglet) for what the room must read from the back: titles, and questions that fit.

Text is drawn in the largest font that fits the width in at most a few rows of big letters; when none
fits (a narrow terminal, a long text, or a character the fonts lack such as ``é``), the caller shows the
text as ordinary bold text instead. Output is plain strings or ``rich.text.Text``: never parsed as markup.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from rich.text import Text

Fonts = tuple[tuple[str, int], ...]

# (font, minimum terminal width to try it). "future" is 3 lines of box-drawing characters: compact enough
# for 120 columns and solid enough to read from the back of a room; "ansi_regular" is for wide screens.
FONTS: Fonts = (("ansi_regular", 150), ("future", 0))
MAX_ROWS = 2

PROMPT_SIZES: tuple[tuple[str, int], ...] = (("ansi_regular", 3), ("future", 4))
"""For questions, from the largest: (font, most rows of big letters). A question is a sentence, so the
block font only where it fits in three rows (a wide window, a short question)."""


@lru_cache(maxsize=256)
def figlet_lines(
    text: str, width: int, fonts: Fonts = FONTS, max_rows: int = MAX_ROWS, centre: bool = True
) -> tuple[str, ...] | None:
    """The big-letter lines for ``text`` within ``width`` columns, or None when it does not fit.

    Words are wrapped here rather than by pyfiglet so that rows of big letters get a blank line between
    them and a word is never split. With ``centre``, each row is centred in the widest.
    """
    words = text.split()
    for font, min_width in fonts:
        if width < min_width or not words:
            continue
        glyphs = [_word(font, word) for word in words]
        if any(glyph is None for glyph in glyphs):
            continue  # a character this font lacks
        rows = _wrap_rows(font, glyphs, width, max_rows)  # type: ignore[arg-type]
        if rows is None:
            continue
        widest = max(_width(row) for row in rows)
        lines: list[str] = []
        for row in rows:
            if lines:
                lines.append("")
            # Centre each row of big letters as a block, so its lines stay aligned with each other.
            indent = " " * ((widest - _width(row)) // 2) if centre else ""
            lines.extend((indent + line).ljust(widest) for line in row)
        return tuple(lines)
    return None


def _wrap_rows(font: str, glyphs: list[tuple[str, ...]], width: int, max_rows: int) -> list[list[str]] | None:
    """Words (as glyph blocks) in rows no wider than ``width``; None if that takes more than ``max_rows``."""
    space = _word(font, " ") or ()
    space_width = len(space[0]) if space else 1
    rows: list[list[tuple[str, ...]]] = [[]]
    used = 0
    for glyph in glyphs:
        size = len(glyph[0]) if glyph else 0
        if size > width:
            return None
        if rows[-1] and used + space_width + size > width:
            rows.append([])
            used = 0
        used += (space_width if rows[-1] else 0) + size
        rows[-1].append(glyph)
    if len(rows) > max_rows:
        return None
    return [_join(row, space) for row in rows]


def _join(row: list[tuple[str, ...]], space: tuple[str, ...]) -> list[str]:
    """Glyph blocks side by side. The fonts used here do not overlap letters, so this is exactly what
    pyfiglet would draw for the whole row."""
    height = len(row[0])
    lines = []
    for index in range(height):
        gap = space[index] if index < len(space) else " "
        lines.append(gap.join(glyph[index] for glyph in row).rstrip())
    return [line for line in lines if line.strip()]


@lru_cache(maxsize=4096)
def _word(font: str, word: str) -> tuple[str, ...] | None:
    """One word in big letters, every line padded to the same width; None if the font lacks a letter."""
    figlet = _figlet(font)
    if any(ord(char) not in figlet.Font.chars for char in word):
        return None
    lines = figlet.renderText(word).splitlines()
    widest = max((len(line) for line in lines), default=0)
    return tuple(line.ljust(widest) for line in lines)


@lru_cache(maxsize=8)
def _figlet(font: str) -> Any:
    import pyfiglet  # deferred: loading fonts costs a few milliseconds

    return pyfiglet.Figlet(font=font, width=10_000)


def _width(lines: list[str]) -> int:
    return max((len(line) for line in lines), default=0)


def big_title(text: str, width: int) -> Text | None:
    """``text`` in big letters as plain Text, or None when the caller should fall back to bold text."""
    if width < 10 or not text.strip():
        return None
    lines = figlet_lines(text, width)
    if lines is None:
        return None
    return Text("\n".join(lines), no_wrap=True, overflow="crop")
