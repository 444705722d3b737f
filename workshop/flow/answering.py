"""How a structured answer changes as the user picks: the rules the step widgets ask, in plain Python.

A widget turns a key or a click into one of these calls and shows the result; it decides nothing itself.
"""

from __future__ import annotations

from workshop.answers import ChoicesValue, ItemScoresValue, ItemsValue, RankedValue, RatingsValue, Value
from workshop.content.instruments import Instrument
from workshop.content.models import FEEDBACK_RATINGS, ChoiceStep, FeedbackStep, ListStep, RankStep

NUMBER_PAUSE = 1.0
"""Seconds within which a second number key extends the first: "1" then "0" is 10 on a 0-10 scale."""


def saved_choices(step: ChoiceStep, value: Value | None) -> ChoicesValue:
    """A saved answer as the step shows it today: picks of options it no longer has are left out (the
    journal keeps them until the answer changes), the rest in the order the step lists them."""
    saved = value if isinstance(value, ChoicesValue) else ChoicesValue()
    return ChoicesValue(tuple(option for option in step.options if option in saved.picked), saved.other)


def toggle_pick(step: ChoiceStep, picked: tuple[str, ...], option: str) -> tuple[str, ...]:
    """The picks after the user ticks (or unticks) ``option``, in the order the step lists its options.

    A single choice holds one pick. In a checklist, an exclusive option ("None of these") stands alone:
    ticking it clears the other ticks, and ticking another option clears it.
    """
    if option not in step.options:
        return picked
    if not step.multiple:
        chosen = {option}
    elif option in picked:
        chosen = set(picked) - {option}
    elif option in step.exclusive:
        chosen = {option}
    else:
        chosen = (set(picked) - set(step.exclusive)) | {option}
    return tuple(choice for choice in step.options if choice in chosen)


def pick_note(step: ChoiceStep, value: ChoicesValue) -> str:
    """The quiet line under a checklist: how many are picked, and how many the step asks for.

    ``min_picks`` is an invitation, said until it is met ("1 picked: pick at least 2"), never a gate: Next
    moves on whatever is picked, and the step then counts as done like any other (``flow/completion.py``).
    ``max_picks`` is said as "up to 3", and more picks than that are met with a question, not a refusal.
    """
    if not step.multiple:
        return ""
    count = len(value.picked) + (1 if value.other.strip() else 0)
    least, most = step.min_picks, step.most_picks
    limited = most < len(step.options)
    if count > most:
        return f"{count} picked: up to {most} is the invitation here. Which matter most?"
    if count < least:
        return f"{count} picked: pick at least {least}" + (f", up to {most}" if limited else "")
    return f"{count} picked" + (f" (up to {most})" if limited else "")


def list_note(step: ListStep, value: ItemsValue) -> str:
    """The quiet line under a list that asks for ``min_items``, until that many lines are written ("" for
    a list that asks for none, and once it is met). Like ``min_picks``, an invitation and never a gate."""
    written = sum(1 for item in value.items if item.strip())
    if written >= step.min_items:
        return ""
    return f"Write at least {step.min_items}, one to a line; Enter moves to the next line."


def scale_number(low: int, high: int, digit: int, previous: int | None) -> int | None:
    """The point a number key chooses on a ``low``-``high`` scale, or None if none.

    ``previous`` is the digit typed just before (within ``NUMBER_PAUSE``), if any: together they make a
    two-digit number when it is on the scale ("1" then "0" is 10), else the new digit counts alone.
    """
    if previous is not None and low <= previous * 10 + digit <= high:
        return previous * 10 + digit
    return digit if low <= digit <= high else None


def rank_note(step: RankStep, ranked: tuple[str, ...], refused: str | None = None) -> str:
    """The line under the values sort: how many are left to pick, or why a pick was not taken."""
    if refused is not None:
        return (
            f"You have picked {step.pick} already. To pick {refused!r}, first remove one of yours "
            "(Enter on it, on the right)."
        )
    left = step.pick - len(ranked)
    return f"{left} more to pick" if left else "All picked. Reorder them until the order feels true."


def saved_ranking(step: RankStep, value: Value | None) -> tuple[str, ...]:
    """A saved values sort as the step shows it today: options it no longer has are left out, and no more
    than its top ``pick``."""
    ranked = value.ranked if isinstance(value, RankedValue) else ()
    return tuple(option for option in ranked if option in step.options)[: step.pick]


def rank_is_full(step: RankStep, ranked: tuple[str, ...]) -> bool:
    """The top ``pick`` are all chosen: another pick waits until one is removed (``rank_note`` says so)."""
    return len(ranked) >= step.pick


def saved_scores(instrument: Instrument, value: Value | None) -> tuple[int | None, ...]:
    """A saved check-in as its rows show it: one score or None per item, a score the instrument does not
    have read as not answered."""
    saved = value.scores if isinstance(value, ItemScoresValue) else ()
    scores = [score if score in instrument.scores else None for score in saved[: len(instrument.items)]]
    return tuple(scores) + (None,) * (len(instrument.items) - len(scores))


def first_unanswered(scores: tuple[int | None, ...]) -> int:
    """Where a check-in opens: its first item not answered yet, else its first item."""
    return next((index for index, score in enumerate(scores) if score is None), 0)


def saved_ratings(step: FeedbackStep, value: Value | None) -> tuple[int | None, ...]:
    """A saved feedback form as its rows show it today: one rating or None per question of the step, in
    the step's order, found by the question's id (a question added since reads as not answered)."""
    ratings = value if isinstance(value, RatingsValue) else RatingsValue()
    found = [ratings.rating(question.id) for question in step.questions]
    return tuple(rating if rating in FEEDBACK_RATINGS else None for rating in found)
