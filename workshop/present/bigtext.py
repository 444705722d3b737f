"""Slide titles in big letters (pyfiglet), as plain ``rich.text.Text``: never parsed as markup.

A title is drawn in the largest font that fits the width in at most two rows of big letters; when none
fits (a narrow terminal, a very long title, or a character the fonts lack such as ``é``), the caller
shows the title as ordinary bold text instead.
"""

from __future__ import annotations

from functools import lru_cache

from rich.text import Text

# (font, minimum terminal width to try it). "future" is 3 lines of box-drawing characters: compact enough
# for 120 columns and solid enough to read from the back of a room; "ansi_regular" is for wide screens.
FONTS: tuple[tuple[str, int], ...] = (("ansi_regular", 150), ("future", 0))
MAX_ROWS = 2


@lru_cache(maxsize=128)
def figlet_lines(text: str, width: int) -> tuple[str, ...] | None:
    """The big-letter lines for ``text`` within ``width`` columns, or None when it does not fit.

    Words are wrapped here rather than by pyfiglet so that rows of big letters get a blank line between
    them and a word is never split.
    """
    import pyfiglet  # deferred: loading fonts costs a few milliseconds

    words = text.split()
    for font, min_width in FONTS:
        if width < min_width:
            continue
        figlet = pyfiglet.Figlet(font=font, width=10_000)
        if any(ord(char) not in figlet.Font.chars for char in "".join(words)):
            continue
        rows: list[list[str]] = []
        current: list[str] = []
        for word in words:
            trial = _render(figlet, " ".join([*current, word]))
            if current and _width(trial) > width:
                rows.append(_render(figlet, " ".join(current)))
                current = [word]
            else:
                current.append(word)
        if current:
            rows.append(_render(figlet, " ".join(current)))
        if len(rows) > MAX_ROWS or any(_width(row) > width for row in rows):
            continue
        widest = max(_width(row) for row in rows)
        lines: list[str] = []
        for row in rows:
            if lines:
                lines.append("")
            # Centre each row of big letters as a block, so its lines stay aligned with each other.
            indent = " " * ((widest - _width(row)) // 2)
            lines.extend((indent + line).ljust(widest) for line in row)
        return tuple(lines)
    return None


def _render(figlet: object, text: str) -> list[str]:
    rendered: str = figlet.renderText(text)  # type: ignore[attr-defined]
    return [line.rstrip() for line in rendered.splitlines() if line.strip()]


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
