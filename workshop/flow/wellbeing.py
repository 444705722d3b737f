"""What a check-in's answers mean for the user: its score, and whether to offer support, gently.

The published wording, scoring tables and interpretation (the care cut-off, what counts as a meaningful
change) are in ``workshop.content.instruments``; this module applies them to a saved answer. Screens ask
here and never decide a threshold themselves. Nothing here reads what the user wrote in their own words:
support is offered from check-in scores alone, never from keywords.
"""

from __future__ import annotations

from workshop.answers import ItemScoresValue, Value
from workshop.content.instruments import (
    MEANINGFUL,
    Change,
    CheckResult,
    result_for,
    who5_change,
)
from workshop.content.models import CheckStep, Step

__all__ = ["MEANINGFUL", "Change", "CheckResult", "needs_care", "result_of", "who5_change"]


def result_of(value: Value | None) -> CheckResult | None:
    """The scored result of a check's answer, or None when it is not a check or not complete."""
    if not isinstance(value, ItemScoresValue):
        return None
    return result_for(value.instrument, value.scores)


def needs_care(step: Step, value: Value | None) -> bool:
    """Should moving on from ``step`` open the support screen, gently?

    Only a complete check of the step's own instrument can say yes: a WHO-5 percentage score of 28 or
    below, or the highest burnout option. A partly answered or skipped check never does.
    """
    if not isinstance(step, CheckStep):
        return False
    result = result_of(value)
    return result is not None and result.instrument.id == step.instrument and result.needs_care
