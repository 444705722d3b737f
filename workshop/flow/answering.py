"""How a structured answer changes as the user picks: the rules the step widgets ask, in plain Python.

A widget turns a key or a click into one of these calls and shows the result; it decides nothing itself.
"""

from __future__ import annotations

from workshop.answers import ChoicesValue
from workshop.content.models import ChoiceStep, RankStep

NUMBER_PAUSE = 1.0
"""Seconds within which a second number key extends the first: "1" then "0" is 10 on a 0-10 scale."""


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
    """The quiet line under a checklist: how many are picked, against the invitation ("up to 3")."""
    if not step.multiple:
        return ""
    count = len(value.picked) + (1 if value.other.strip() else 0)
    most = step.most_picks
    if count > most:
        return f"{count} picked: up to {most} is the invitation here. Which matter most?"
    return f"{count} picked" + (f" (up to {most})" if most < len(step.options) else "")


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
