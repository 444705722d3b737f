"""What the home screen offers, decided in plain Python: where Continue leads and what it says, and whether
the privacy promise needs saying under the program's own introduction.

These read the program's outline (``content/outline.py``), so home asks them before the program is loaded.
"""

from __future__ import annotations

from workshop.content.outline import ProgramOutline
from workshop.flow.completion import RunAnswers, continue_place

PRIVACY_WORDS = ("machine", "computer")
"""Words by which a program's introduction says where the words are kept ("stays on this machine")."""


def says_where_words_stay(description: str) -> bool:
    """The program's introduction already says where what you write is kept, so home does not say it twice.

    The shipped program says so ("Everything you write stays on this machine"); a program written by a
    facilitator may not, and then home adds its own line.
    """
    return any(word in description for word in PRIVACY_WORDS)


def continue_label(run: RunAnswers | None, outline: ProgramOutline) -> str | None:
    """The words of home's Continue button: "Begin day 1" before the first run, "Continue: day 2, step 5"
    after, or None once every step is done (a finished run has nowhere to continue; home offers the
    review, the north star and a new run instead)."""
    if run is None:
        return "Begin day 1"
    place = continue_place(run, outline)
    if place is None:
        return None
    return f"Continue: day {place.module.day}, step {place.number}"
