"""The scores file (format 1): what a participant may choose to share with a facilitator; its strict reader.

A scores file holds numbers and ids only: the program's id and version, a random id for the run, and for
each measurement point (start, end, a day in between, a follow-up) the ISO week it was answered in, the
WHO-5 items, the burnout item, the program's scale answers and the session feedback answers. Its format is
documented, field by field, in ``docs/data.md`` ("The scores file"); ``json_schema()`` describes it for
other tools.

The reader is strict on purpose: a file that is meant to hold only numbers must not be able to carry
anything else, so an unknown key, a fraction, NaN, a number out of range or a string that is not a valid
id refuses the whole file. It never trusts the file's size or shape: it reads at most ``MAX_BYTES``,
refuses nesting deeper than the format has before parsing, and bounds every list. Every refusal is a
``ScoresError`` that names the file and the field and never repeats a value from the file, because a
refusal is listed in a report that other people read.

Plain Python and the standard library only: the ``cohort`` command must start without pydantic or Textual.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from itertools import accumulate
from pathlib import Path
from typing import Any, Literal

from workshop.content.instruments import BURNOUT, WHO5, WHO5_MULTIPLIER
from workshop.text import SLUG_PATTERN, display_text

FORMAT = 1
"""The format this version of workshop writes and the newest it reads."""
KIND = "workshop-scores"
"""The value of ``kind``: what tells a scores file from any other JSON (such as a full journal export)."""

MAX_BYTES = 1024 * 1024
"""The largest file the reader opens. A file with every limit below filled is about a quarter of this."""
MAX_DEPTH = 10
"""How deep the reader lets JSON nest, checked before parsing. The format itself nests 5 deep (file,
points, a point, its scales, one scale); 10 lets the reader recognise a full journal export and say so."""
MAX_POINTS = 40
"""Measurement points in one file: the program's days and its follow-ups fit many times over."""
MAX_SCALES = 60
"""Scale answers at one point."""
MAX_FEEDBACK = 10
"""Feedback answers at one point. A feedback form has three to five questions; room is left to grow."""
ID_LENGTH = 60
"""The longest program, step or question id (as in the content models)."""

WHO5_ITEMS, WHO5_ITEM_HIGHEST = len(WHO5.items), max(WHO5.scores)
BURNOUT_LOWEST, BURNOUT_HIGHEST = min(BURNOUT.scores), max(BURNOUT.scores)
FEEDBACK_LOWEST, FEEDBACK_HIGHEST = 1, 5
SCALE_BOUND, SCALE_SPAN = 100, 20
"""A scale runs between -100 and 100 and spans at most 20 steps, as a ``scale`` step in the content does."""

_ID = re.compile(SLUG_PATTERN)
_RUN = re.compile(r"[0-9a-f]{32}")
_VERSION = re.compile(r"[0-9]{1,4}(?:\.[0-9]{1,4}){0,2}")
_WEEK = re.compile(r"([0-9]{4})-W([0-9]{2})")
_POINT = re.compile(r"start|end|day-(?:[2-9]|[1-9][0-9])|follow-up-([1-9][0-9]?)([wmy])")
_UNIT_DAYS = {"w": 7.0, "m": 30.4375, "y": 365.25}
_UNIT_WORDS = {"w": "week", "m": "month", "y": "year"}

RefusalKind = Literal["damaged", "newer", "other-program", "not-scores"]

TOP_KEYS = ("kind", "format", "program", "program_version", "run", "points")
POINT_KEYS = ("point", "week", "who5", "burnout", "scales", "feedback")
WHO5_KEYS = ("items", "total", "percent")
SCALE_KEYS = ("value", "low", "high")


# --------------------------------------------------------------------------------------------------------
# What a scores file holds
# --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Who5:
    """The five WHO-5 items (0-5 each), as answered; the total and percentage score follow from them."""

    items: tuple[int, ...]

    @property
    def total(self) -> int:
        """The raw score, 0-25."""
        return sum(self.items)

    @property
    def percent(self) -> int:
        """The percentage score, 0-100: the raw score times 4."""
        return self.total * WHO5_MULTIPLIER


@dataclass(frozen=True)
class Scale:
    """One answer to a ``scale`` step, with the scale's range so it can be read without the program."""

    value: int
    low: int
    high: int


@dataclass(frozen=True)
class Measurement:
    """Everything measured at one point of one run."""

    point: str
    """``start`` (day 1), ``day-N`` (a day in between), ``end`` (the last day) or ``follow-up-<N><w|m|y>``."""
    week: str
    """The ISO week it was answered in, such as ``2026-W48``: never a finer date."""
    who5: Who5 | None = None
    burnout: int | None = None
    """The single burnout item: the option chosen, 1-5."""
    scales: Mapping[str, Scale] = field(default_factory=dict)
    """Scale answers by step id."""
    feedback: Mapping[str, int] = field(default_factory=dict)
    """Session feedback answers (1-5) by question id."""

    @property
    def answers(self) -> int:
        """How many numbers were answered at this point."""
        who5 = len(self.who5.items) if self.who5 else 0
        return who5 + (self.burnout is not None) + len(self.scales) + len(self.feedback)


@dataclass(frozen=True)
class Scores:
    """One run's shared scores."""

    program: str
    program_version: str
    run: str
    """A random 128-bit id (32 hex digits), made when the file is first written; derived from nothing."""
    points: tuple[Measurement, ...]
    """In point order (see ``point_order``); each point at most once."""

    def at(self, point: str) -> Measurement | None:
        return next((each for each in self.points if each.point == point), None)

    @property
    def answers(self) -> int:
        return sum(each.answers for each in self.points)


@dataclass(frozen=True)
class ScoresFile:
    """A scores file that was read, and where from."""

    path: Path
    scores: Scores


# --------------------------------------------------------------------------------------------------------
# Points, weeks and run ids
# --------------------------------------------------------------------------------------------------------


def is_point(name: str) -> bool:
    return _POINT.fullmatch(name) is not None


def point_order(name: str) -> tuple[int, float, str]:
    """Sorts points in time: start, the days in between, end, then follow-ups by how long after."""
    if name == "start":
        return (0, 0.0, name)
    if name == "end":
        return (2, 0.0, name)
    if name.startswith("day-"):
        return (1, float(name.removeprefix("day-")), name)
    found = _POINT.fullmatch(name)
    if found is None or found.group(1) is None:
        raise ValueError(f"not a measurement point: {name!r}")
    return (3, int(found.group(1)) * _UNIT_DAYS[found.group(2)], name)


def describe_point(name: str, last_day: int | None = None) -> str:
    """``Start (day 1)``, ``Day 2``, ``End (day 4)``, ``1 week after``, ``3 months after``."""
    if name == "start":
        return "Start (day 1)"
    if name == "end":
        return f"End (day {last_day})" if last_day else "End (last day)"
    if name.startswith("day-"):
        return f"Day {name.removeprefix('day-')}"
    found = _POINT.fullmatch(name)
    if found is None or found.group(1) is None:
        raise ValueError(f"not a measurement point: {name!r}")
    count, unit = int(found.group(1)), _UNIT_WORDS[found.group(2)]
    return f"{count} {unit}{'' if count == 1 else 's'} after"


def iso_week(day: date) -> str:
    """The ISO week of ``day``: ``2026-W48``. The only date a scores file holds."""
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def is_week(text: str) -> bool:
    """True for an ISO week that exists (week 53 only in the years that have one)."""
    found = _WEEK.fullmatch(text)
    if found is None:
        return False
    try:
        date.fromisocalendar(int(found.group(1)), int(found.group(2)), 1)
    except ValueError:
        return False
    return True


def is_version(text: str) -> bool:
    """True for a program version the format allows: ``1.0``, ``1.2.0``."""
    return _VERSION.fullmatch(text) is not None


def new_run_id() -> str:
    """A fresh random run id: 128 bits from ``secrets``, never derived from anything about the person."""
    return secrets.token_hex(16)


# --------------------------------------------------------------------------------------------------------
# Writing (the canonical form; the reader accepts any JSON layout)
# --------------------------------------------------------------------------------------------------------


def scores_data(scores: Scores) -> dict[str, Any]:
    """``scores`` as the JSON structure of format 1, keys in the documented order."""
    return {
        "kind": KIND,
        "format": FORMAT,
        "program": scores.program,
        "program_version": scores.program_version,
        "run": scores.run,
        "points": [_measurement_data(m) for m in sorted(scores.points, key=lambda m: point_order(m.point))],
    }


def _measurement_data(measurement: Measurement) -> dict[str, Any]:
    data: dict[str, Any] = {"point": measurement.point, "week": measurement.week}
    if measurement.who5 is not None:
        who5 = measurement.who5
        data["who5"] = {"items": list(who5.items), "total": who5.total, "percent": who5.percent}
    if measurement.burnout is not None:
        data["burnout"] = measurement.burnout
    if measurement.scales:
        data["scales"] = {
            step: {"value": scale.value, "low": scale.low, "high": scale.high}
            for step, scale in measurement.scales.items()
        }
    if measurement.feedback:
        data["feedback"] = dict(measurement.feedback)
    return data


def scores_json(scores: Scores) -> str:
    """The file's text: two-space indented JSON ending in a newline."""
    return json.dumps(scores_data(scores), indent=2) + "\n"


def file_name(scores: Scores) -> str:
    """The name a scores file is written under by default: ``workshop-scores-5f0c9e6b.json``. From the run's
    random id only, so files from a group can sit in one folder without a name that says whose they are."""
    return f"workshop-scores-{scores.run[:8]}.json"


# --------------------------------------------------------------------------------------------------------
# What a file holds, in plain words: shown before it is written (command line, app, plain mode)
# --------------------------------------------------------------------------------------------------------

SUMMARY_NEVER = (
    "Not in it: anything you wrote, names, your journal's run number, file or machine names, exact dates "
    "or times (only the week), or whether you opened the support page."
)
SUMMARY_OPTIONAL = (
    "Sharing it is your choice. You can open the file in any text editor to see it before you give it "
    "to anyone."
)


def summary_lines(
    scores: Scores, titles: Mapping[str, str] | None = None, last_day: int | None = None
) -> list[str]:
    """Exactly what ``scores`` holds, in plain words, one number per line: the text the participant reads
    before the file is written. ``titles`` adds the words of a scale or a feedback question beside its id
    (on this screen only; the file holds the id); ``last_day`` names the end point's day."""
    titles = titles or {}
    lines = [
        "This scores file holds only these numbers:",
        "",
        f"Program: {scores.program}, version {scores.program_version}",
        f"Run id: {scores.run} (random: it says nothing about you, and stays the same if you share again)",
    ]
    for m in sorted(scores.points, key=lambda each: point_order(each.point)):
        lines += ["", f"{describe_point(m.point, last_day)}, week {m.week}:"]
        if m.who5 is not None:
            items = ", ".join(str(item) for item in m.who5.items)
            total, most = m.who5.total, WHO5_ITEMS * WHO5_ITEM_HIGHEST
            lines.append(f"  WHO-5 well-being: items {items}; total {total} of {most}, {m.who5.percent}%")
        if m.burnout is not None:
            lines.append(f"  Burnout: option {m.burnout} of {BURNOUT_HIGHEST}")
        for step, scale in m.scales.items():
            lines.append(f"  Scale {_named(step, titles)}: {scale.value} (from {scale.low} to {scale.high})")
        for question, rating in m.feedback.items():
            lines.append(f"  Feedback {_named(question, titles)}: {rating} of {FEEDBACK_HIGHEST}")
    return [*lines, "", SUMMARY_NEVER, SUMMARY_OPTIONAL]


def _named(key: str, titles: Mapping[str, str]) -> str:
    title = titles.get(key)
    return f"{key} ({display_text(title)})" if title else key


# --------------------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------------------

# Bidirectional overrides and isolates can make a file name read backwards on screen and on paper.
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def plain_name(text: str) -> str:
    """A file name or path as safe plain text: no control or bidirectional-override characters."""
    return _BIDI.sub("", display_text(text)).replace("\n", " ").replace("\t", " ")


class ScoresError(Exception):
    """A file refused by the reader: which file, which field, what is wrong, and of what kind.

    ``kind`` says why: ``damaged`` (not a valid scores file of this format), ``newer`` (a newer format),
    ``other-program`` (valid, but for another program) or ``not-scores`` (some other file, such as a
    full journal export).
    """

    def __init__(self, path: Path, problem: str, *, where: str = "", kind: RefusalKind = "damaged") -> None:
        self.path = path
        self.problem = problem
        self.where = where
        self.kind: RefusalKind = kind
        super().__init__(f"{plain_name(str(path))}: {self.reason}")

    @property
    def reason(self) -> str:
        """The message without the file: ``points[1].burnout: out of range (1 to 5)``."""
        return f"{self.where}: {self.problem}" if self.where else self.problem


class _Invalid(Exception):  # noqa: N818 - internal: becomes a ScoresError once the file is known
    def __init__(self, where: str, problem: str, kind: RefusalKind = "damaged") -> None:
        super().__init__(problem)
        self.where, self.problem, self.kind = where, problem, kind


def read_scores(path: Path, program: str | None = None) -> ScoresFile:
    """Read and check the scores file at ``path``; with ``program``, refuse a file of any other program.

    Raises ``ScoresError`` for anything but a valid scores file; reads at most ``MAX_BYTES`` bytes, and
    never blocks on a FIFO or a device.
    """
    return ScoresFile(path, parse_scores(_read_bounded(path), path, program))


def _read_bounded(path: Path) -> bytes:
    try:
        # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, forever.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise ScoresError(path, "no such file") from None
    except OSError as failure:
        raise ScoresError(path, f"cannot be read ({failure.strerror or 'an unexpected error'})") from None
    too_big = f"too large for a scores file (the limit is {MAX_BYTES // 1024} KiB): not read"
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ScoresError(path, "is a folder, not a scores file")
        if not stat.S_ISREG(info.st_mode):
            raise ScoresError(path, "not a regular file (a device, a FIFO or a socket): not read")
        if info.st_size > MAX_BYTES:
            raise ScoresError(path, too_big)
        with os.fdopen(os.dup(fd), "rb") as file:
            data = file.read(info.st_size + 1)
            if len(data) > info.st_size:  # it grew since fstat: read on, never past the limit
                data += file.read(MAX_BYTES + 1 - len(data))
    except OSError as failure:
        raise ScoresError(path, f"cannot be read ({failure.strerror or 'an unexpected error'})") from None
    finally:
        os.close(fd)
    if len(data) > MAX_BYTES:
        raise ScoresError(path, too_big)
    return data


def parse_scores(data: bytes, path: Path, program: str | None = None) -> Scores:
    """The scores in ``data`` (the bytes of the file at ``path``); raises ``ScoresError``."""
    if len(data) > MAX_BYTES:
        raise ScoresError(path, f"too large for a scores file (the limit is {MAX_BYTES // 1024} KiB)")
    try:
        text = data.decode("utf-8-sig")  # a byte-order mark added by an editor is harmless
    except UnicodeDecodeError:
        raise ScoresError(path, "not UTF-8 text", kind="not-scores") from None
    if not text.strip():
        raise ScoresError(path, "empty", kind="not-scores")
    too_deep = f"nested more than {MAX_DEPTH} levels deep"
    if _nested_deeper_than(text, MAX_DEPTH):
        raise ScoresError(path, too_deep)
    try:
        raw = json.loads(
            text,
            object_pairs_hook=_object,
            parse_int=_integer,
            parse_float=_fraction,
            parse_constant=_constant,
        )
    except json.JSONDecodeError as failure:
        # The decoder's message names the position and what it expected, never the text found there.
        where = f"line {failure.lineno}, column {failure.colno}"
        raise ScoresError(path, f"not valid JSON ({where}: {failure.msg})") from None
    except RecursionError:  # unreachable after the depth check; kept so no input can give a traceback
        raise ScoresError(path, too_deep) from None
    try:
        return _scores(raw, program)
    except _Invalid as invalid:
        raise ScoresError(path, invalid.problem, where=invalid.where, kind=invalid.kind) from None


# A JSON string (to the end of the text if it never closes), and anything but a bracket. Possessive
# quantifiers keep both linear on any input.
_STRING = re.compile(r'"(?:[^"\\]++|\\.)*+(?:"|\\?\Z)', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]++")
_NESTING = {"[": 1, "{": 1, "]": -1, "}": -1}


def _nested_deeper_than(text: str, limit: int) -> bool:
    """True if arrays and objects in ``text`` nest deeper than ``limit``: checked before parsing.

    Strings are removed first (a bracket in a string is text), then the running count of open brackets
    is taken, in C, a chunk at a time: a megabyte of brackets costs milliseconds.
    """
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    depth = 0
    for start in range(0, len(brackets), 4096):  # by chunks, to stop at the first one that goes too deep
        running = list(accumulate(map(_NESTING.__getitem__, brackets[start : start + 4096]), initial=depth))
        if max(running) > limit:
            return True
        depth = running[-1]
    return False


# The JSON decoder's hooks turn what the format never holds into markers, so that the checks below can
# refuse them with the field they were found in.


@dataclass(frozen=True)
class _Refused:
    problem: str


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any] | _Refused:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            return _Refused(f"the key {_shown_key(key)} appears twice")
        found[key] = value
    return found


def _integer(text: str) -> int | _Refused:
    # Every number in the format has at most three digits; a long one is refused before int() sees it.
    if len(text.lstrip("-")) > 6:
        return _Refused("a number far too large for a scores file")
    return int(text)


def _fraction(text: str) -> _Refused:
    return _Refused("a number with a fraction or an exponent where a whole number belongs")


def _constant(text: str) -> _Refused:
    return _Refused(f"{text} where a whole number belongs")  # NaN, Infinity or -Infinity: the JSON words


def _shown_key(key: str) -> str:
    """A key from the file, quoted, shortened, with its control characters escaped."""
    return ascii(key[:40]) + ("..." if len(key) > 40 else "")


def _kind_of(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return "a number"


def _checked(value: object, where: str) -> object:
    if isinstance(value, _Refused):
        raise _Invalid(where, value.problem)
    return value


def _whole(value: object, where: str, low: int, high: int) -> int:
    value = _checked(value, where)
    if type(value) is not int:  # not isinstance: true and false are ints in Python, never in a scores file
        raise _Invalid(where, f"must be a whole number from {low} to {high}, not {_kind_of(value)}")
    if not low <= value <= high:
        raise _Invalid(where, f"out of range ({low} to {high})")
    return value


def _table(value: object, where: str, known: tuple[str, ...], required: tuple[str, ...]) -> dict[str, Any]:
    value = _checked(value, where)
    if not isinstance(value, dict):
        raise _Invalid(where, f"must be an object, not {_kind_of(value)}")
    for key in value:
        if key not in known:
            raise _Invalid(where, f"unknown key {_shown_key(key)}")
    for key in required:
        if key not in value:
            raise _Invalid(where, f"the key {key!r} is missing")
    return value


def _text(value: object, where: str, pattern: re.Pattern[str], what: str, longest: int) -> str:
    value = _checked(value, where)
    if not isinstance(value, str):
        raise _Invalid(where, f"must be {what}, not {_kind_of(value)}")
    if len(value) > longest or pattern.fullmatch(value) is None:
        raise _Invalid(where, f"not {what}")
    return value


def _id(value: object, where: str) -> str:
    return _text(value, where, _ID, "an id (lower-case letters, digits and single hyphens)", ID_LENGTH)


def _keyed(value: object, where: str, most: int) -> dict[str, Any]:
    """An object keyed by ids, with one to ``most`` entries."""
    value = _checked(value, where)
    if not isinstance(value, dict):
        raise _Invalid(where, f"must be an object keyed by id, not {_kind_of(value)}")
    if not value:
        raise _Invalid(where, "empty (leave the key out instead)")
    if len(value) > most:
        raise _Invalid(where, f"more than {most} answers")
    for key in value:
        if len(key) > ID_LENGTH or _ID.fullmatch(key) is None:
            raise _Invalid(where, f"the key {_shown_key(key)} is not an id")
    return value


def _scores(raw: object, program: str | None) -> Scores:
    raw = _checked(raw, "")
    if not isinstance(raw, dict):
        raise _Invalid("", "not a scores file: it is not a JSON object", "not-scores")
    if raw.get("kind") != KIND:
        if "runs" in raw or isinstance(raw.get("program"), dict):
            raise _Invalid(
                "",
                "a full journal export, not a scores file: it holds private writing and was not used; "
                "delete it, and ask for a scores file instead",
                "not-scores",
            )
        raise _Invalid("kind", f'missing or not "{KIND}", so not a scores file', "not-scores")
    # The format first: a newer file may hold keys this version does not know, and must say "newer".
    version = _checked(raw.get("format"), "format")
    if type(version) is not int:
        raise _Invalid("format", f"must be a whole number (the format version), not {_kind_of(version)}")
    if version > FORMAT:
        raise _Invalid(
            "format",
            f"{version} is newer than this version of workshop reads ({FORMAT}): update workshop to read it",
            "newer",
        )
    if version < 1:
        raise _Invalid("format", "must be 1 or more")
    program_id = _id(raw.get("program"), "program")
    if program is not None and program_id != program:
        raise _Invalid("program", f"from another program ({program_id}), not {program}", "other-program")
    _table(raw, "", TOP_KEYS, TOP_KEYS)
    version_text = _text(raw["program_version"], "program_version", _VERSION, "a version such as 1.0", 14)
    run = _text(raw["run"], "run", _RUN, "a run id (32 lower-case hex digits)", 32)
    return Scores(program_id, version_text, run, _points(raw["points"]))


def _points(value: object) -> tuple[Measurement, ...]:
    value = _checked(value, "points")
    if not isinstance(value, list):
        raise _Invalid("points", f"must be a list, not {_kind_of(value)}")
    if not value:
        raise _Invalid("points", "empty: a scores file has at least one point")
    if len(value) > MAX_POINTS:
        raise _Invalid("points", f"more than {MAX_POINTS} points")
    measurements: dict[str, Measurement] = {}
    for index, item in enumerate(value):
        where = f"points[{index}]"
        measurement = _measurement(item, where)
        if measurement.point in measurements:
            raise _Invalid(f"{where}.point", "the same point appears twice")
        measurements[measurement.point] = measurement
    return tuple(sorted(measurements.values(), key=lambda m: point_order(m.point)))


def _measurement(value: object, where: str) -> Measurement:
    table = _table(value, where, POINT_KEYS, ("point", "week"))
    point = _text(table["point"], f"{where}.point", _POINT, "a point such as start, end or follow-up-1m", 16)
    week_where = f"{where}.week"
    week = _text(table["week"], week_where, _WEEK, "an ISO week such as 2026-W48", 8)
    if not is_week(week):
        raise _Invalid(week_where, "not a week of that year")
    if not any(key in table for key in ("who5", "burnout", "scales", "feedback")):
        raise _Invalid(where, "holds no answers (who5, burnout, scales or feedback)")
    who5 = _who5(table["who5"], f"{where}.who5") if "who5" in table else None
    burnout = None
    if "burnout" in table:
        burnout = _whole(table["burnout"], f"{where}.burnout", BURNOUT_LOWEST, BURNOUT_HIGHEST)
    scales = _scales(table["scales"], f"{where}.scales") if "scales" in table else {}
    feedback: dict[str, int] = {}
    if "feedback" in table:
        answers = _keyed(table["feedback"], f"{where}.feedback", MAX_FEEDBACK)
        feedback = {
            question: _whole(answer, f"{where}.feedback.{question}", FEEDBACK_LOWEST, FEEDBACK_HIGHEST)
            for question, answer in answers.items()
        }
    return Measurement(point, week, who5, burnout, scales, feedback)


def _who5(value: object, where: str) -> Who5:
    table = _table(value, where, WHO5_KEYS, WHO5_KEYS)
    items = _checked(table["items"], f"{where}.items")
    if not isinstance(items, list):
        raise _Invalid(f"{where}.items", f"must be a list of {WHO5_ITEMS} answers, not {_kind_of(items)}")
    if len(items) != WHO5_ITEMS:
        raise _Invalid(f"{where}.items", f"must hold exactly {WHO5_ITEMS} answers")
    who5 = Who5(tuple(_whole(v, f"{where}.items[{i}]", 0, WHO5_ITEM_HIGHEST) for i, v in enumerate(items)))
    total = _whole(table["total"], f"{where}.total", 0, WHO5_ITEMS * WHO5_ITEM_HIGHEST)
    percent = _whole(table["percent"], f"{where}.percent", 0, 100)
    if total != who5.total:
        raise _Invalid(f"{where}.total", "is not the sum of the items")
    if percent != who5.percent:
        raise _Invalid(f"{where}.percent", f"is not the total times {WHO5_MULTIPLIER}")
    return who5


def _scales(value: object, where: str) -> dict[str, Scale]:
    scales: dict[str, Scale] = {}
    for step, answer in _keyed(value, where, MAX_SCALES).items():
        at = f"{where}.{step}"
        table = _table(answer, at, SCALE_KEYS, SCALE_KEYS)
        low = _whole(table["low"], f"{at}.low", -SCALE_BOUND, SCALE_BOUND)
        high = _whole(table["high"], f"{at}.high", -SCALE_BOUND, SCALE_BOUND)
        if not low < high:
            raise _Invalid(f"{at}.high", "must be greater than low")
        if high - low > SCALE_SPAN:
            raise _Invalid(f"{at}.high", f"a scale spans at most {SCALE_SPAN} steps")
        scales[step] = Scale(_whole(table["value"], f"{at}.value", low, high), low, high)
    return scales


# --------------------------------------------------------------------------------------------------------
# A JSON Schema of the format, from the same constants (docs/scores.schema.json; see docs/data.md)
# --------------------------------------------------------------------------------------------------------


def json_schema() -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) of format 1. The reader is the authority: a few of its checks (the
    WHO-5 total and percentage match the items, a week exists, points are unique, nesting and size) are
    beyond what the schema says."""

    def whole(low: int, high: int) -> dict[str, Any]:
        return {"type": "integer", "minimum": low, "maximum": high}

    identifier = {"type": "string", "pattern": SLUG_PATTERN, "maxLength": ID_LENGTH}
    keyed = {"type": "object", "propertyNames": identifier, "minProperties": 1}
    scale = {
        "type": "object",
        "additionalProperties": False,
        "required": list(SCALE_KEYS),
        "properties": {key: whole(-SCALE_BOUND, SCALE_BOUND) for key in SCALE_KEYS},
    }
    who5 = {
        "type": "object",
        "additionalProperties": False,
        "required": list(WHO5_KEYS),
        "properties": {
            "items": {
                "type": "array",
                "items": whole(0, WHO5_ITEM_HIGHEST),
                "minItems": WHO5_ITEMS,
                "maxItems": WHO5_ITEMS,
            },
            "total": whole(0, WHO5_ITEMS * WHO5_ITEM_HIGHEST),
            "percent": whole(0, 100),
        },
    }
    point = {
        "type": "object",
        "additionalProperties": False,
        "required": ["point", "week"],
        "anyOf": [{"required": [key]} for key in ("who5", "burnout", "scales", "feedback")],
        "properties": {
            "point": {"type": "string", "pattern": f"^(?:{_POINT.pattern})$"},
            "week": {"type": "string", "pattern": f"^{_WEEK.pattern}$"},
            "who5": who5,
            "burnout": whole(BURNOUT_LOWEST, BURNOUT_HIGHEST),
            "scales": {**keyed, "maxProperties": MAX_SCALES, "additionalProperties": scale},
            "feedback": {
                **keyed,
                "maxProperties": MAX_FEEDBACK,
                "additionalProperties": whole(FEEDBACK_LOWEST, FEEDBACK_HIGHEST),
            },
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "workshop scores file, format 1",
        "description": "Numbers and ids only, shared by a participant with a facilitator. See docs/data.md.",
        "type": "object",
        "additionalProperties": False,
        "required": list(TOP_KEYS),
        "properties": {
            "kind": {"const": KIND},
            "format": {"const": FORMAT},
            "program": identifier,
            "program_version": {"type": "string", "pattern": f"^{_VERSION.pattern}$"},
            "run": {"type": "string", "pattern": f"^{_RUN.pattern}$"},
            "points": {"type": "array", "items": point, "minItems": 1, "maxItems": MAX_POINTS},
        },
    }
