"""What display leaves out of text from users and files: control codes and bidirectional overrides."""

from __future__ import annotations

import pytest

from workshop.text import display_text, one_line


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("plain words", "plain words"),
        ("line one\r\nline two\rthree", "line one\nline two\nthree"),
        ("tab\tkept", "tab\tkept"),
        ("\x1b]0;owned\x07title", "]0;ownedtitle"),  # the ESC that starts a sequence is gone
        ("csi \x9b2J c1", "csi 2J c1"),
        # Trojan Source: an override shows "invoice_txt.exe" as "invoice_exe.txt".
        ("invoice_\u202etxt.exe\u202c", "invoice_txt.exe"),
        ("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069", ""),
        # The implicit marks help right-to-left writing and cannot reorder a run of text: kept.
        ("\u05e9\u05dc\u05d5\u05dd\u200f!", "\u05e9\u05dc\u05d5\u05dd\u200f!"),
    ],
)
def test_display_text(typed: str, shown: str) -> None:
    assert display_text(typed) == shown


def test_one_line_hides_overrides_too() -> None:
    assert one_line("a\u202eb\nc", 10) == "ab c"
