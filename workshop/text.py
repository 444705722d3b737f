"""Plain-text helpers shared by every layer: making text safe to put on a terminal.

Text that a user typed, or that comes from a file, may hold ESC sequences that would reach the real
terminal (retitle the window, move the cursor, worse). Everything shown on screen passes through
``display_text`` first; widgets then receive it as ``Content``/``Text`` so it is never parsed as markup.
"""

from __future__ import annotations

import re

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
"""A content id (module or step): lower-case letters, digits and single hyphens. Ids become file names."""

# C0 controls except tab (\x09) and newline (\x0a), DEL, and the C1 range (\x80-\x9f, which some
# terminals treat as 8-bit escape sequences). Carriage returns are folded into newlines first.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# The bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): they reorder what
# follows them on screen, so "txt.exe" can be shown as "exe.txt" ("Trojan Source"). The implicit marks
# (U+200E, U+200F, U+061C) cannot reorder text that way and help right-to-left writing, so they stay.
_BIDI = "\u202a-\u202e\u2066-\u2069"
_HIDDEN = re.compile(rf"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")


def display_text(text: str) -> str:
    """Return ``text`` with control characters and bidirectional overrides removed, ready to show.

    The stored answer is never changed: this is only for display (on a terminal, and in exports).
    """
    return _HIDDEN.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def has_control_characters(text: str) -> bool:
    """True when ``text`` holds a control character other than tab, newline or carriage return."""
    return _CONTROL.search(text.replace("\r", "")) is not None


def one_line(text: str, width: int = 60) -> str:
    """Collapse ``text`` to a single display line of at most ``width`` characters."""
    flat = " ".join(display_text(text).split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def legacy_text(data: bytes) -> str:
    """``data`` read byte by byte as Windows-1252, leaving out bytes that are no character there."""
    characters = []
    for byte in data:
        try:
            characters.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            continue
    return "".join(characters)
