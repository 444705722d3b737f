"""Commitments as if-then plans: how one reads as a sentence, and its optional date. Plain Python.

A plan has a moment that sets it off (``when``), an action (``action``) and, if the user wants it in
their own calendar, a date. The date is kept exactly as typed (nothing a user writes is ever changed);
``plan_date`` says whether it is a date the calendar file can use, and ``date_note`` says so gently under
the field when it is not.
"""

from __future__ import annotations

import re
from datetime import date

from workshop.answers import CommitmentValue

DATE_HINT = "optional, as year-month-day: 2026-12-04"
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_LEADS = ("when", "whenever", "if", "after", "before", "every", "each", "on ", "at ")


def plan_sentence(plan: CommitmentValue) -> str:
    """``When I finish clinic on Tuesday, I will walk home.``: the user's words, joined, never reworded.

    A ``when`` that already starts like a condition ("after handover", "if I ...") is not given a second
    "When"; an action that starts with "I " is not given a second "I will".
    """
    action = " ".join(plan.action.split())
    when = " ".join(plan.when.split())
    if not when:
        return action
    lead = when if when.casefold().startswith(_LEADS) else f"When {when}"
    lead = lead[:1].upper() + lead[1:]
    if action.casefold().startswith(("i ", "i'")):
        return f"{lead}, {action}"
    return f"{lead}, I will {action}"


def plan_date(text: str) -> date | None:
    """The date written in a plan's date field, or None when it is empty or not a real date."""
    found = _ISO_DATE.match(text)
    if found is None:
        return None
    try:
        return date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
    except ValueError:
        return None


def date_note(text: str) -> str:
    """The line under a plan's date field: the hint while empty, a gentle word when the calendar could not
    use what is written (it is kept as written all the same), the date in words when it is fine."""
    if not text.strip():
        return DATE_HINT
    found = plan_date(text)
    if found is None:
        return "Kept as you wrote it. For your calendar, write it as year-month-day: 2026-12-04."
    return f"{found:%A} {found.day} {found:%B %Y}: it goes into your calendar file (workshop calendar)."
