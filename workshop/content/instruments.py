"""The two validated check-ins, word for word: the WHO-5 Well-Being Index and the single-item burnout measure.

Their wording, response options and scoring live here, in code, and never in the module files: an author
only places a ``check`` step and names the instrument, so nobody can change validated wording by accident.
Their published scoring is here too, as plain tables, so that the wording and the numbers cannot drift
apart. Interpretation for the user (when to offer support, how to name a change) is in
``workshop.flow.wellbeing``; sources and licences are in docs/references.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

InstrumentId = Literal["who5", "burnout"]


@dataclass(frozen=True)
class Option:
    """One response option, with the number the published scoring gives it."""

    label: str
    score: int


@dataclass(frozen=True)
class Instrument:
    """A published questionnaire: its stem, items, options (in the order shown) and attribution."""

    id: InstrumentId
    name: str
    stem: str
    items: tuple[str, ...]
    options: tuple[Option, ...]
    attribution: str

    @property
    def scores(self) -> tuple[int, ...]:
        """The valid scores of one item, in the order the options are shown."""
        return tuple(option.score for option in self.options)

    def option_for(self, score: int) -> Option | None:
        return next((option for option in self.options if option.score == score), None)


WHO5 = Instrument(
    id="who5",
    name="WHO-5 Well-Being Index",
    # The 1998 English version: the instruction, then "Over the last two weeks:" above the items.
    stem=(
        "Please indicate for each of the five statements which is closest to how you have been feeling "
        "over the last two weeks.\nOver the last two weeks:"
    ),
    items=(
        "I have felt cheerful and in good spirits",
        "I have felt calm and relaxed",
        "I have felt active and vigorous",
        "I woke up feeling fresh and rested",
        "My daily life has been filled with things that interest me",
    ),
    options=(
        Option("All of the time", 5),
        Option("Most of the time", 4),
        Option("More than half of the time", 3),
        Option("Less than half of the time", 2),
        Option("Some of the time", 1),
        Option("At no time", 0),
    ),
    attribution=(
        "WHO-5 Well-Being Index (1998 version). © Psychiatric Research Unit, WHO Collaborating Centre in "
        "Mental Health, Frederiksborg General Hospital (now Mental Health Centre North Zealand), Denmark. "
        "Free to use. Topp CW et al., Psychother Psychosom 2015;84:167-176."
    ),
)

BURNOUT = Instrument(
    id="burnout",
    name="Single-item burnout measure",
    stem="Overall, based on your definition of burnout, how would you rate your level of burnout?",
    items=("Your level of burnout",),
    options=(
        Option("I enjoy my work. I have no symptoms of burnout.", 1),
        Option(
            "Occasionally I am under stress, and I don't always have as much energy as I once did, "
            "but I don't feel burned out.",
            2,
        ),
        Option(
            "I am definitely burning out and have one or more symptoms of burnout, such as physical and "
            "emotional exhaustion.",
            3,
        ),
        Option(
            "The symptoms of burnout that I'm experiencing won't go away. I think about frustration at "
            "work a lot.",
            4,
        ),
        Option(
            "I feel completely burned out and often wonder if I can go on. I am at the point where I may "
            "need some changes or may need to seek some sort of help.",
            5,
        ),
    ),
    attribution=(
        "Single-item burnout measure from the Physician Worklife Study (Rohland et al. 2004); validated by "
        "Dolan et al., J Gen Intern Med 2015;30:582-587. Non-proprietary."
    ),
)

INSTRUMENTS: dict[str, Instrument] = {WHO5.id: WHO5, BURNOUT.id: BURNOUT}

# --------------------------------------------------------------------------------------------------------
# Published scoring (Topp et al. 2015; Rohland et al. 2004; Dolan et al. 2015)
# --------------------------------------------------------------------------------------------------------

WHO5_MULTIPLIER = 4
"""The raw score (0-25) times 4 gives the percentage score (0-100)."""
WHO5_CARE_AT_OR_BELOW = 28
"""A percentage score of 28 or below is the cut-off Topp et al. report as suggesting likely depression."""
WHO5_SCREENING_AT_OR_BELOW = 50
"""A percentage score of 50 or below is the cut-off Topp et al. report for screening: poor well-being, worth
asking about depression (the 1998 scoring note says the same as a raw score below 13)."""
WHO5_MEANINGFUL_CHANGE = 10
"""A change of 10 percentage points or more is the change Topp et al. report as clinically meaningful."""
BURNOUT_FROM_OPTION = 3
"""Option 3 or higher indicates burnout."""
BURNOUT_HIGHEST = 5
"""The highest option: "completely burned out ... may need to seek some sort of help"."""


def is_complete(instrument: Instrument, scores: tuple[int | None, ...]) -> bool:
    """True when every item has a valid answer: only complete checks are scored."""
    return len(scores) == len(instrument.items) and all(score in instrument.scores for score in scores)


def who5_raw(scores: tuple[int | None, ...]) -> int | None:
    """The raw WHO-5 score (0-25), or None when an item is blank or out of range."""
    if not is_complete(WHO5, scores):
        return None
    return sum(score for score in scores if score is not None)


def who5_percent(scores: tuple[int | None, ...]) -> int | None:
    """The WHO-5 percentage score (0-100): the raw score times 4. None for an incomplete check."""
    raw = who5_raw(scores)
    return None if raw is None else raw * WHO5_MULTIPLIER


def indicates_burnout(option: int) -> bool:
    """True for option 3 or higher, the published cut-off."""
    return option >= BURNOUT_FROM_OPTION


def summary_line(instrument_id: str, scores: tuple[int | None, ...]) -> str:
    """One line that says what a check's answers add up to, in plain words."""
    instrument = INSTRUMENTS.get(instrument_id)
    if instrument is None:
        return "A check from another version of the program"
    result = result_for(instrument_id, scores)
    if result is None:
        answered = sum(score is not None for score in scores)
        return f"{instrument.name}: {answered} of {len(instrument.items)} answered, so not scored"
    if instrument is WHO5:
        return f"{instrument.name}: {result.describe()} (raw score {sum(result.scores)} of 25)"
    return f"{instrument.name}: {result.describe()}"


def answer_lines(instrument_id: str, scores: tuple[int | None, ...]) -> list[str]:
    """A check's answers as plain lines: the summary, then each item with the option chosen."""
    lines = [summary_line(instrument_id, scores)]
    instrument = INSTRUMENTS.get(instrument_id)
    if instrument is None:
        return [*lines, f"Answers: {', '.join('-' if s is None else str(s) for s in scores)}"]
    for index, item in enumerate(instrument.items):
        score = scores[index] if index < len(scores) else None
        option = instrument.option_for(score) if score is not None else None
        chosen = f"{option.score}, {option.label}" if option else "(left blank)"
        lines.append(f"{chosen}" if len(instrument.items) == 1 else f"{item}: {chosen}")
    return lines


# --------------------------------------------------------------------------------------------------------
# A scored check, and the change between two (the published interpretation, applied)
# --------------------------------------------------------------------------------------------------------

MEANINGFUL = "a meaningful change"
"""How a WHO-5 change of 10 points or more is named. Smaller changes are shown without comment."""


@dataclass(frozen=True)
class CheckResult:
    """A complete check, scored. Incomplete checks have no result: they are never scored."""

    instrument: Instrument
    scores: tuple[int, ...]

    @property
    def score(self) -> int:
        """WHO-5: the percentage score (0-100). Burnout: the option chosen (1-5)."""
        if self.instrument is WHO5:
            return sum(self.scores) * WHO5_MULTIPLIER  # who5_percent, for a check known to be complete
        return self.scores[0]

    @property
    def needs_care(self) -> bool:
        """True for a WHO-5 score of 28 or below, or the highest burnout option."""
        if self.instrument is WHO5:
            return self.score <= WHO5_CARE_AT_OR_BELOW
        return self.score >= BURNOUT_HIGHEST

    @property
    def indicates_burnout(self) -> bool:
        return self.instrument is BURNOUT and indicates_burnout(self.score)

    def describe(self) -> str:
        """``64 out of 100`` or ``option 2 of 5``."""
        if self.instrument is WHO5:
            return f"{self.score} out of 100"
        return f"option {self.score} of {BURNOUT_HIGHEST}"


def result_for(instrument_id: str, scores: tuple[int | None, ...]) -> CheckResult | None:
    """The scored result, or None for an unknown instrument or an incomplete check."""
    instrument = INSTRUMENTS.get(instrument_id)
    if instrument is None or not is_complete(instrument, scores):
        return None
    return CheckResult(instrument, tuple(score for score in scores if score is not None))


@dataclass(frozen=True)
class Change:
    """The change in WHO-5 percentage score from one check to a later one."""

    before: int
    after: int

    @property
    def delta(self) -> int:
        return self.after - self.before

    @property
    def meaningful(self) -> bool:
        return abs(self.delta) >= WHO5_MEANINGFUL_CHANGE

    @property
    def label(self) -> str:
        """``a meaningful change`` for 10 points or more either way; otherwise nothing."""
        return MEANINGFUL if self.meaningful else ""

    def describe(self) -> str:
        """``+12 points, a meaningful change`` or ``-4 points``: the number always, a comment only if due."""
        if self.delta == 0:
            text = "no change"
        else:
            text = f"{self.delta:+d} point" + ("" if abs(self.delta) == 1 else "s")
        return f"{text}, {self.label}" if self.label else text


def who5_change(before: CheckResult | None, after: CheckResult | None) -> Change | None:
    """The change between two WHO-5 results; None unless both are complete WHO-5 checks."""
    if before is None or after is None or before.instrument is not WHO5 or after.instrument is not WHO5:
        return None
    return Change(before.score, after.score)
