"""Every number the program states as a finding carries a source: the check behind ``workshop validate``.

A step (or a module, for its own text) names its sources in ``cites``, ids of the program's
``[[references]]``. This module finds, in text that cites nothing, the numbers that read as findings. The
rule, also in docs/authoring.md ("Numbers need a source"):

A number is any figure written in digits (``45``, ``2023``, ``3.5``, ``45%``) and any proportion in words
(``percent``, ``half``, ``a third``, ``a quarter``, ``one in five``, ``twice as``, ``three times more``).
These are not findings and need no source:

- a day of the program: ``day 3``, ``days 1 and 4``;
- a time of day: ``4 am``, ``9 pm``, ``18:30``;
- the program's own time: a number of seconds, minutes or hours (``12 minutes``, ``a 90-minute meeting``,
  ``half an hour``), and the bare whole numbers (up to three digits, no % sign) that follow one in the same
  sentence, as a timing note lists them (``12 minutes for the round, 2 for the rules and 69 for the steps``).

Counts written in words (``five things``, ``pick three``) are never numbers here, so write counts in words:
a count in digits reads as a figure and is checked. Plain Python over the models, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, fields

from workshop.content.models import Module, Program, Step, Strict

# Fields that hold no prose: identifiers, kinds and the lists of ids themselves.
_NOT_TEXT = frozenset({"id", "kind", "format", "style", "instrument", "sources", "look_back", "cites"})

_WORD_NUMBER = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|a|\d+)"
_FIGURE = re.compile(
    r"(?<![\w.])\d+(?:[.,]\d+)*(?:\s*(?:%|per\s*cent\b|percent\b))?"
    r"|\b(?:percent|per\s+cent|half|a\s+third|a\s+quarter|a\s+fifth|twice\s+as)\b"
    rf"|\b{_WORD_NUMBER}\s+in\s+{_WORD_NUMBER}\b(?=\s+\w)"
    rf"|\b{_WORD_NUMBER}\s+times\s+(?:as|more|less|higher|lower)\b",
    re.IGNORECASE,
)
"""A figure in digits (with its % sign), or a proportion in words."""

_TIME_UNIT = r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?)\b"
_EXEMPT = re.compile(
    # a day of the program, and the days joined to it: day 3, days 1 and 4, days 2-3
    r"\bdays?\s+\d+(?:\s*(?:,|and|or|to|-|–)\s*\d+)*"
    # a time of day: 4 am, 9 p.m., 18:30
    r"|\b\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)(?!\w)"
    r"|\b\d{1,2}:\d{2}\b"
    # the program's own time: 12 minutes, a 90-minute meeting, half an hour, the next half hour
    rf"|\b\d+(?:\.\d+)?\s*-?\s*{_TIME_UNIT}"
    rf"|\bhalf\s+(?:an\s+)?{_TIME_UNIT}",
    re.IGNORECASE,
)
_DURATION = re.compile(rf"\d+(?:\.\d+)?\s*-?\s*{_TIME_UNIT}", re.IGNORECASE)
_BARE_COUNT = re.compile(r"\d{1,3}")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n\s*\n")


def figures(text: str) -> list[str]:
    """The numbers in ``text`` that read as findings, by the rule above, in order."""
    found = []
    for sentence in _SENTENCE_END.split(text):
        exempt = [match.span() for match in _EXEMPT.finditer(sentence)]
        duration = _DURATION.search(sentence)
        for match in _FIGURE.finditer(sentence):
            start, end = match.span()
            if any(low <= start and end <= high for low, high in exempt):
                continue
            if duration and start > duration.start() and _BARE_COUNT.fullmatch(match.group()):
                continue  # "12 minutes for the round, 2 for the rules": the unit carries over
            found.append(" ".join(match.group().split()))
    return found


@dataclass(frozen=True)
class Unsourced:
    """A text that states a figure and cites nothing."""

    module: Module | None
    """The module the text is in; None for ``program.toml``."""
    step: Step | None
    """The step the text is in; None for the module's (or program's) own text."""
    field: str
    """Where in the step, module or program: ``body``, ``hints[2]``, ``group.check_in``."""
    figures: tuple[str, ...]


def texts(model: Strict, *, skip: frozenset[str] = frozenset()) -> Iterator[tuple[str, str]]:
    """Every piece of prose in ``model``, as (field, text), nested tables and lists included."""
    for each in fields(model):
        if each.name in _NOT_TEXT or each.name in skip:
            continue
        yield from _texts_of(getattr(model, each.name), each.name)


def _texts_of(value: object, place: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield place, value
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _texts_of(item, f"{place}[{index + 1}]")
    elif isinstance(value, Strict):  # a nested table (every content class is a Strict dataclass)
        for field, text in texts(value):
            yield f"{place}.{field}", text


def module_unsourced(module: Module) -> list[Unsourced]:
    """The module's own text and each step's, where they state a figure and cite nothing."""
    found = []
    if not module.cites:
        found += _unsourced(module, None, texts(module, skip=frozenset({"steps"})))
    for step in module.steps:
        if not step.cites:
            found += _unsourced(module, step, texts(step))
    return found


def program_unsourced(program: Program) -> list[Unsourced]:
    """Every figure in the program that no ``cites`` covers. ``program.toml``'s own text (description,
    ground rules, group rounds) can cite nothing: a figure there belongs in a step that cites it."""
    own = texts(program, skip=frozenset({"id", "version", "modules", "references", "follow_ups"}))
    found = _unsourced(None, None, own)
    for module in program.modules:
        found += module_unsourced(module)
    for follow_up in program.follow_ups:  # its timing (``1w``) is no figure; its module's text may hold some
        found += module_unsourced(follow_up.module)
    return found


def _unsourced(
    module: Module | None, step: Step | None, pieces: Iterator[tuple[str, str]]
) -> list[Unsourced]:
    found = []
    for field, text in pieces:
        numbers = figures(text)
        if numbers:
            found.append(Unsourced(module, step, field, tuple(numbers)))
    return found
