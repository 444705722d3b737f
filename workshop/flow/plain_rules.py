"""Rules and wording that lived only in the full-screen app's screens and widgets, in plain Python.

The plain mode (``workshop/plain``) needs them too, so they are here, where any front end can ask. The
full-screen app still has its own copies (tui/screens/end_of_day.py, home.py, northstar.py, support.py,
review.py and tui/widgets/rank.py); they can be pointed here and deleted. Nothing here names a key: each
front end says in its own words how to do something.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from workshop.content.models import RankStep, Step
from workshop.flow.day import DaySummary
from workshop.flow.trends import Series

# -- home --------------------------------------------------------------------------------------------------

PRIVACY_LINE = (
    "Everything you write stays on this computer, in files only you can read. Nothing is sent anywhere."
)


def privacy_line_needed(description: str) -> bool:
    """Does the program's own introduction leave out where the words stay? Then the privacy line is shown."""
    return "machine" not in description and "computer" not in description


def continue_label(day: int, step_number: int) -> str:
    """``Continue: day 2, step 5``: where Continue goes, as home and the palette name it."""
    return f"Continue: day {day}, step {step_number}"


# -- the end of a day --------------------------------------------------------------------------------------

REST_SUGGESTION = (
    "If you can, let a night pass before the next day: reflection settles while you sleep. "
    "There is no deadline. Everything is saved, and it will be here whenever you come back."
)
LAST_DAY = "That was the last day. Your answers are saved; the review shows them all, whenever you want them."
PROGRAM_DONE = (
    "That was the last step of the program. Your answers are saved: the review shows them all, and your "
    "north-star page gathers what matters most, whenever you want them."
)
FOLLOW_UP_DONE = (
    "Thank you for coming back. The insight screen (i on the home screen) sets these answers beside day 1 "
    "and day 4, and your north-star page shows what became of your plans."
)
NOTHING_WRITTEN_TODAY = "Nothing written today, and that is fine too."


def end_of_day_title(summary: DaySummary) -> str:
    """``Day 2 is complete``, or how far it got: ``Day 2: 9 of 12 steps done`` (a follow-up: ``The check-in
    is complete``)."""
    name, progress = summary.module.short_name, summary.progress
    if not summary.module.is_day:
        name = "The check-in"
    if summary.complete:
        return f"{name} is complete"
    return f"{name}: {progress.complete} of {progress.total} steps done"


def still_open_line(summary: DaySummary) -> str:
    """The steps of the day left open, named, and that Continue comes back to them ("" when none)."""
    still_open = summary.still_open
    if not still_open:
        return ""
    titles = ", ".join(step.title for step in still_open)
    them = "them" if len(still_open) > 1 else "it"
    return f"Still open, for whenever you want {them}: {titles}. Continue brings you back to {them}."


def closing_words(*, last_day: bool, program_done: bool, follow_up: bool = False) -> str:
    """What the end of a day says about what comes next: rest, or that the program is done; after a
    follow-up check-in, where to see it beside the days."""
    if follow_up:
        return FOLLOW_UP_DONE
    if program_done:
        return PROGRAM_DONE
    return LAST_DAY if last_day else REST_SUGGESTION


# -- the values sort ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RankPicks:
    """A values sort as the user asked for it: what is kept, in order, and what could not be."""

    ranked: tuple[str, ...]
    """The picks kept: options of the step, each once, at most ``step.pick`` of them, in the order given."""
    refused: tuple[str, ...]
    """Picks beyond ``step.pick``, in the order given: the top K is full."""


def rank_picks(step: RankStep, chosen: Iterable[str]) -> RankPicks:
    """Keep the options of ``step`` in the order chosen, each once, up to ``step.pick`` (the rest refused).

    The same rule the app's values sort applies one pick at a time: a saved order is read back this way
    too, so an option since removed from the content drops out rather than breaking the sort.
    """
    ranked: list[str] = []
    refused: list[str] = []
    for option in chosen:
        if option not in step.options or option in ranked or option in refused:
            continue
        (ranked if len(ranked) < step.pick else refused).append(option)
    return RankPicks(tuple(ranked), tuple(refused))


# -- the review --------------------------------------------------------------------------------------------

EARLIER_VERSION_READ_ONLY = "This answer is from an earlier version of the program; it is kept, read-only."
EARLIER_RUN_READ_ONLY = "Earlier runs are kept as they were. Answers of the current run can be edited."


def why_not_editable(step: Step | None, run_number: int, current_run: int | None) -> str | None:
    """Why an answer in the review cannot be opened to change it, or None when it can.

    Only the current run's answers to steps still in the program can be changed; everything else is kept
    exactly as it was written.
    """
    if step is None:
        return EARLIER_VERSION_READ_ONLY
    if current_run is None or run_number != current_run:
        return EARLIER_RUN_READ_ONLY
    return None


# -- insight -----------------------------------------------------------------------------------------------

NOTHING_YET = (
    "Nothing to show yet. The short check-ins at the start of day 1 and the end of day 4, and the scales "
    "along the way, will appear here once you have answered them."
)


def _point_words(point: str) -> str:
    """``Day 1`` -> ``day 1``; ``Day 1: Meaning`` (two points on one day) -> ``day 1 (Meaning)``."""
    day, colon, title = point.partition(": ")
    day = day[:1].lower() + day[1:]
    return f"{day} ({title})" if colon else day


def _change_words(delta: int) -> str:
    if delta > 0:
        return f"a rise of {delta}"
    if delta < 0:
        return f"a fall of {-delta}"
    return "no change"


def series_sentences(series: Series) -> list[str]:
    """A chart as sentences, one per run: ``WHO-5 ...: 48 on day 1, 64 on day 4, a rise of 16.``

    Points with no answer are named as such; the change is from the first answered point to the last.
    The run is named only when more than one run has a value.
    """
    answered = [(number, values) for number, values in series.lines if any(v is not None for v in values)]
    sentences = []
    for run_number, values in answered:
        parts = [
            f"{value} on {_point_words(point)}"
            if value is not None
            else f"no answer on {_point_words(point)}"
            for point, value in zip(series.points, values, strict=True)
        ]
        given = [value for value in values if value is not None]
        if len(given) > 1:
            parts.append(_change_words(given[-1] - given[0]))
        who = series.title if len(answered) == 1 else f"{series.title}, run {run_number}"
        sentences.append(f"{who}: {', '.join(parts)}.")
    return sentences


# -- the north-star page -----------------------------------------------------------------------------------


# -- support -----------------------------------------------------------------------------------------------

NOT_A_CRISIS_SERVICE = (
    "This workshop is a space for reflection. It is not therapy, not a diagnosis, and not a crisis "
    "service, and nobody is watching what you write. If you are struggling, the people below are there "
    "for exactly this, and many of them are doctors themselves."
)
PRIVACY = (
    "Privacy: everything you write stays on this computer, in files only your account can read. "
    "Nothing is sent anywhere, and nothing is reported to anyone."
)
YOUR_COUNTRY = (
    'Lines for the country your computer is set to come first. To choose another, put country = "IE" '
    "(any two-letter code) in settings.toml."
)
