"""Dates as the journal's readers see them: written out, so nobody has to guess the order of day and month.

Its own module so that ``workshop progress`` can use it without importing the export (and the content
models behind it).
"""

from __future__ import annotations

from datetime import datetime


def format_moment(moment: datetime | None) -> str:
    """``3 March 2025 at 21:14``."""
    if moment is None:
        return "not yet"
    return f"{moment.day} {moment:%B %Y} at {moment:%H:%M}"


def format_day(moment: datetime) -> str:
    """``3 March 2025``."""
    return f"{moment.day} {moment:%B %Y}"
