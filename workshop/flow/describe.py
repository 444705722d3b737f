"""Answers as plain text: the one renderer used by the app (recap, end of day, review) and the exports.

Two styles, because the two places read differently on purpose:

- ``screen`` (the app): bullets, a scale's ends in words ("7 on a scale from 0 (not at all) to 10
  (completely)"), an option of the user's own marked "(your own words)".
- ``document`` (the Markdown, HTML and JSON exports): Markdown list markers (``- ``), the same scale more
  compactly ("7 (from 0, not at all, to 10, completely)"), the user's own option after "Other: ", and text
  split at every line break (CR and CRLF included) so each line can be quoted on its own.

Everything else (ranked values, commitments, check answers) reads the same in both. The text returned is
the user's own words, unchanged: callers make it safe for where it goes (``workshop.text.display_text``
and no markup on screen; each export escapes for its format).
"""

from __future__ import annotations

from typing import Literal, assert_never

from workshop.answers import (
    ChoicesValue,
    CommitmentValue,
    FollowThroughValue,
    IntegerValue,
    ItemScoresValue,
    ItemsValue,
    RankedValue,
    RatingsValue,
    TextValue,
    Value,
)
from workshop.content.instruments import answer_lines
from workshop.content.models import FOLLOW_THROUGH_ANSWERS, FeedbackStep, ScaleStep, Step

Style = Literal["screen", "document"]
"""How an answer is worded: as the app shows it again, or as an export writes it (see above)."""

Part = tuple[str, str]
"""One line of an answer: a marker of ours (``• ``, ``- ``, ``2. ``, ``When: `` or nothing) and the text
after it (the user's words or the content's, unchanged)."""


def describe_parts(value: Value, step: Step | None = None, *, style: Style = "screen") -> list[Part]:
    """An answer as lines, each a marker and its text. ``step`` adds context such as a scale's range."""
    document = style == "document"
    bullet = "- " if document else "• "
    match value:
        case TextValue(text=text):
            if document:
                return [("", line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
            return [("", text)]
        case IntegerValue(value=number):
            if not isinstance(step, ScaleStep):
                return [("", str(number))]
            low, high = step.low, step.high
            if document:
                return [("", f"{number} (from {low}, {step.low_label}, to {high}, {step.high_label})")]
            return [("", f"{number} on a scale from {low} ({step.low_label}) to {high} ({step.high_label})")]
        case ChoicesValue(picked=picked, other=other):
            parts = [(bullet, choice) for choice in picked]
            if other.strip() and document:
                parts.append(("- Other: ", other))
            elif other.strip():
                parts.append((bullet, f"{other.strip()} (your own words)"))
            return parts
        case ItemsValue(items=items):
            return [(bullet, item) for item in items if item.strip()]
        case RankedValue(ranked=ranked):
            return [(f"{number}. ", item) for number, item in enumerate(ranked, start=1)]
        case CommitmentValue(action=action, when=when, date=date):
            parts = [("When: ", when)] if when.strip() else []
            if action.strip():  # a "when" may be written before its "I will"
                parts += [("I will: " if parts else "", line) for line in action.split("\n")[:1]]
                parts += [("", line) for line in action.split("\n")[1:]]
            return parts + ([("Date: ", date)] if date.strip() else [])
        case FollowThroughValue():
            return _follow_through_parts(value, bullet)
        case ItemScoresValue(instrument=instrument, scores=scores):
            return [("", line) for line in answer_lines(instrument, scores)]
        case RatingsValue():
            form = step if isinstance(step, FeedbackStep) else None
            return [("", line) for line in rating_lines(value, form)]
        case _:
            assert_never(value)


HAPPENED_WORDS = dict(FOLLOW_THROUGH_ANSWERS)
"""``yes`` -> ``Yes``: how a follow-up's "did it happen?" reads."""


def _follow_through_parts(value: FollowThroughValue, bullet: str) -> list[Part]:
    parts: list[Part] = []
    for index, plan in enumerate(value.plans):
        happened = value.happened[index] if index < len(value.happened) else ""
        revised = value.revised[index] if index < len(value.revised) else ""
        parts.append((bullet, " ".join(plan.split())))
        parts.append(("  Did it happen? ", HAPPENED_WORDS.get(happened, "not answered")))
        if revised.strip():
            parts.append(("  Rewritten: ", revised))
    return parts


def describe_value(value: Value, step: Step | None = None, *, style: Style = "screen") -> str:
    """A readable, multi-line rendering of an answer. ``step`` adds context such as a scale's range."""
    return "\n".join(marker + text for marker, text in describe_parts(value, step, style=style))


def rating_lines(value: RatingsValue, step: FeedbackStep | None = None) -> list[str]:
    """A feedback form's answers, one line per question rated: ``Today was useful to me: 4 (Agree)``.
    With its step, each question reads in its words and in the step's order; without, by its id."""
    if step is None:
        pairs = zip(value.questions, value.ratings, strict=False)
        return [f"{question}: {rating}" for question, rating in pairs if rating is not None]
    lines = []
    for question in step.questions:
        rating = value.rating(question.id)
        if rating is not None and 1 <= rating <= len(step.labels):
            lines.append(f"{question.text} {rating} ({step.labels[rating - 1]})")
    return lines
