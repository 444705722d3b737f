"""Answers as plain text, the same way everywhere they are shown again (recap, end of day, review).

The text returned here is the user's own words, unchanged: callers make it safe for the screen with
``workshop.text.display_text`` and render it without markup.
"""

from __future__ import annotations

from typing import assert_never

from workshop.answers import (
    ChoicesValue,
    CommitmentValue,
    IntegerValue,
    ItemScoresValue,
    ItemsValue,
    RankedValue,
    TextValue,
    Value,
)
from workshop.content.instruments import answer_lines
from workshop.content.models import ScaleStep, Step


def describe_value(value: Value, step: Step | None = None) -> str:
    """A readable, multi-line rendering of an answer. ``step`` adds context such as a scale's range."""
    match value:
        case TextValue(text=text):
            return text
        case IntegerValue(value=number):
            if isinstance(step, ScaleStep):
                ends = f"from {step.low} ({step.low_label}) to {step.high} ({step.high_label})"
                return f"{number} on a scale {ends}"
            return str(number)
        case ChoicesValue(picked=picked, other=other):
            lines = [f"• {choice}" for choice in picked]
            if other.strip():
                lines.append(f"• {other.strip()} (your own words)")
            return "\n".join(lines)
        case ItemsValue(items=items):
            return "\n".join(f"• {item}" for item in items if item.strip())
        case RankedValue(ranked=ranked):
            return "\n".join(f"{number}. {item}" for number, item in enumerate(ranked, start=1))
        case CommitmentValue(action=action, when=when):
            return f"{action}\nWhen: {when}" if when.strip() else action
        case ItemScoresValue(instrument=instrument, scores=scores):
            return "\n".join(answer_lines(instrument, scores))
        case _:
            assert_never(value)
