"""The journal's file format: a run file and one file per module, both TOML, both versioned.

Writing is done by a small emitter of our own rather than ``tomli_w``: it knows the exact shape of these
files, and writes every string with the one TOML string writer, ``workshop.files.toml`` (literal strings,
which read back fast and read well by hand; escaped basic strings for text they cannot hold). The fields
of each answer come from one table, ``workshop.answers.VALUE_FIELDS``, for reading as for writing. Every
write is parsed back and compared before it reaches the disk (see ``store.py``).

Reading is strict: an unknown key, a wrong type or a newer format version is an error naming the file and
the field, because saving a file we only half understood would silently drop what we skipped.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, assert_never

from workshop.answers import VALUE_FIELDS, VALUE_TYPES, Answer, Value, ValueField
from workshop.files.toml import toml_key, toml_string
from workshop.text import SLUG_PATTERN

FORMAT = 2
"""The format version this app writes and the newest it reads.

1: the first format. 2 (program 1.2): a commitment may carry a ``date``, and a follow-up's look back at the
commitments is an answer of kind ``follow-through``. A format 1 file reads as it is (a commitment without a
date); an app that reads only format 1 refuses a format 2 file with its "newer version" message instead of
half-reading it, because it would not know the new fields."""

RUN_FILE = "_run.toml"
"""The run file's name; the underscore keeps it apart from module files, whose ids are slugs."""

_MODULE_FILE = re.compile(r"^([a-z0-9]+(?:-[a-z0-9]+)*)\.toml$")
_SLUG = re.compile(SLUG_PATTERN)
_INT64 = range(-(2**63), 2**63)
BLANK_SCORE = -1
"""How an item of a check left blank is written in ``scores`` (TOML has no null)."""


def is_content_id(text: str) -> bool:
    """True for an id the content model allows, so one that is safe as a file name."""
    return _SLUG.match(text) is not None


def module_id_of(name: str) -> str | None:
    """The module id a file name belongs to (``day-1.toml`` -> ``day-1``), or None for other files."""
    match = _MODULE_FILE.match(name)
    return match.group(1) if match else None


def module_file_name(module_id: str) -> str:
    return f"{module_id}.toml"


def backup_path(path: Path) -> Path:
    """Where the previous version of ``path`` is kept: ``one.toml`` -> ``one.backup.toml``."""
    return path.with_name(f"{path.stem}.backup.toml")


# --------------------------------------------------------------------------------------------------------
# What the files hold
# --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RunData:
    """The contents of a run file."""

    program_id: str
    program_version: str
    number: int
    started: datetime
    finished: datetime | None = None
    updated: datetime | None = None
    position: tuple[str, str] | None = None
    scores_id: str | None = None
    """The random id this run's scores file carries (``workshop export --scores``), made the first time
    the scores are shared and kept so a second export counts as the same run. None until then."""


SCORES_ID = re.compile(r"[0-9a-f]{32}")
"""What a scores id looks like: 128 random bits as 32 lower-case hex digits."""


@dataclass(frozen=True)
class ModuleData:
    """The contents of one module file: the answers of one day of one run."""

    module_id: str
    answers: Mapping[str, Answer] = field(default_factory=dict)
    done: frozenset[str] = frozenset()
    updated: datetime | None = None

    def exact(self) -> tuple[object, ...]:
        """Everything in the file, comparable exactly (``Answer`` itself ignores ``updated``)."""
        answers = tuple(
            (key, a.step_id, a.value, a.created, a.updated) for key, a in sorted(self.answers.items())
        )
        return (self.module_id, answers, tuple(sorted(self.done)), self.updated)


class FormatError(Exception):
    """A file could not be understood. The message names the field, never quotes the user's text."""


class NewerFormatError(FormatError):
    """A file written by a newer version of the app: read nothing from it, and never rewrite it."""


# --------------------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------------------

_HEADER = "# workshop journal: {what}. Private. Written by workshop; see docs/data.md before editing.\n"
def _datetime(moment: datetime) -> str:
    offset = moment.utcoffset()
    if offset is not None and offset % timedelta(minutes=1):
        # TOML offsets are whole minutes; historical zones with seconds are stored in UTC instead.
        moment = moment.astimezone(UTC)
    return moment.isoformat()


def _strings(values: Iterable[str]) -> str:
    items = [toml_string(v) for v in values]
    if not items:
        return "[]"
    return "[\n" + "".join(f"    {item},\n" for item in items) + "]"


def _field_line(spec: ValueField, item: Any) -> str:
    match spec.kind:
        case "text":
            return f"{spec.name} = {toml_string(item)}"
        case "integer":
            return f"{spec.name} = {item}"
        case "texts":
            return f"{spec.name} = {_strings(item)}"
        case "scores":
            # TOML has no null: an item left blank is written as -1 (scores themselves are never negative).
            numbers = ", ".join(str(BLANK_SCORE if score is None else score) for score in item)
            return f"{spec.name} = [{numbers}]"
        case _:
            assert_never(spec.kind)


def _value_lines(value: Value) -> list[str]:
    """The value's own fields, one line each, in the order its dataclass declares them."""
    return [_field_line(spec, getattr(value, spec.name)) for spec in VALUE_FIELDS[type(value)]]


def encode_module(data: ModuleData, run_number: int) -> str:
    lines = [
        _HEADER.format(what=f"the answers of one day, run {run_number}"),
        f"format = {FORMAT}",
        f"module = {toml_string(data.module_id)}",
    ]
    if data.updated is not None:
        lines.append(f"updated = {_datetime(data.updated)}")
    lines.append(f"done = {_strings(sorted(data.done))}")
    for key, answer in data.answers.items():
        lines += ["", f"[answers.{toml_key(key)}]", f"kind = {toml_string(answer.value.KIND)}"]
        lines += [f"created = {_datetime(answer.created)}", f"updated = {_datetime(answer.updated)}"]
        lines += _value_lines(answer.value)
    return "\n".join(lines) + "\n"


def encode_run(data: RunData) -> str:
    lines = [
        _HEADER.format(what=f"run {data.number} of the program"),
        f"format = {FORMAT}",
        f"program = {toml_string(data.program_id)}",
        f"program_version = {toml_string(data.program_version)}",
        f"run = {data.number}",
        f"started = {_datetime(data.started)}",
    ]
    if data.finished is not None:
        lines.append(f"finished = {_datetime(data.finished)}")
    if data.updated is not None:
        lines.append(f"updated = {_datetime(data.updated)}")
    if data.scores_id is not None:
        lines.append(f"scores_id = {toml_string(data.scores_id)}")
    if data.position is not None:
        module_id, step_id = data.position
        lines += ["", "[position]", f"module = {toml_string(module_id)}", f"step = {toml_string(step_id)}"]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------------------


def parse_bytes(raw: bytes) -> dict[str, Any]:
    """Bytes of a journal file to a TOML table, or ``FormatError`` saying plainly what is wrong."""
    if not raw:
        raise FormatError("is empty (0 bytes), which a save never leaves; it was probably cut short")
    if not raw.strip(b"\x00"):
        raise FormatError("holds only NUL bytes, as a crash or power cut can leave behind")
    if b"\x00" in raw:
        raise FormatError("holds NUL bytes: it is damaged")
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark added by an editor loses nothing
    except UnicodeDecodeError as error:
        raise FormatError(f"is not valid UTF-8 text (bad byte at offset {error.start})") from None
    if not text.strip():
        raise FormatError("is empty (only blank space)")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        # Only the position: some of tomllib's messages quote a key, and in a damaged file a key can be
        # anyone's words ("Cannot declare ('answers', '...') twice").
        found = re.search(r"at line \d+, column \d+", str(error))
        where = found.group() if found else "not valid TOML"
        raise FormatError(f"is damaged or cut short ({where})") from None
    except RecursionError:
        raise FormatError("is damaged: nested too deeply") from None


def check_format(table: Mapping[str, Any]) -> None:
    version = table.get("format")
    if version is None:
        raise FormatError("has no format version (format = 1); it was not written by workshop")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise FormatError("format: must be a whole number, 1 or more")
    if version > FORMAT:
        raise NewerFormatError(
            f"was written by a newer version of workshop (file format {version}; this version reads "
            f"up to {FORMAT}). It is left untouched: update workshop to see it"
        )


class _Table:
    """Typed access to one TOML table, with errors that name the field."""

    def __init__(self, table: Mapping[str, Any], where: str, allowed: Iterable[str]) -> None:
        self.table, self.where = table, where
        unknown = sorted(set(table) - set(allowed))
        if unknown:
            raise FormatError(f"{self._name(_safe_key(unknown[0]))}: unknown key")

    def _name(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def _get(self, key: str, check: Callable[[Any], bool], what: str, optional: bool = False) -> Any:
        if key not in self.table:
            if optional:
                return None
            raise FormatError(f"{self._name(key)}: required field is missing")
        value = self.table[key]
        if not check(value):
            raise FormatError(f"{self._name(key)}: must be {what}")
        return value

    def text(self, key: str, default: str | None = None) -> str:
        value = self._get(key, lambda v: isinstance(v, str), "text", optional=default is not None)
        return str(default if value is None else value)

    def integer(self, key: str) -> int:
        return self._get(
            key, lambda v: isinstance(v, int) and not isinstance(v, bool) and v in _INT64, "a whole number"
        )

    def moment(self, key: str, optional: bool = False) -> datetime | None:
        # Only with a UTC offset, as the app writes them: a local date-time cannot be compared with the
        # others, and would break every view of the journal rather than this one file.
        return self._get(
            key,
            lambda v: isinstance(v, datetime) and v.utcoffset() is not None,
            "a date and time with its UTC offset, like 2026-03-02T09:15:00+01:00",
            optional,
        )

    def texts(self, key: str) -> tuple[str, ...]:
        check = lambda v: isinstance(v, list) and all(isinstance(i, str) for i in v)  # noqa: E731
        return tuple(self._get(key, check, "a list of texts"))

    def scores(self, key: str) -> tuple[int | None, ...]:
        def check(v: Any) -> bool:
            return isinstance(v, list) and all(
                isinstance(i, int) and not isinstance(i, bool) and BLANK_SCORE <= i < 2**63 for i in v
            )

        found = self._get(key, check, f"a list of whole numbers, 0 or more ({BLANK_SCORE} for a blank)")
        return tuple(None if score == BLANK_SCORE else score for score in found)

    def table_of(self, key: str, optional: bool = False) -> Mapping[str, Any] | None:
        return self._get(key, lambda v: isinstance(v, dict), "a table", optional)


def _safe_key(key: str) -> str:
    # A key is usually a step id; if a hand edit made it something else, it could be anyone's words.
    return key if _SLUG.match(key) else "(a key)"


def _field(spec: ValueField, fields: _Table) -> Any:
    match spec.kind:
        case "text":
            return fields.text(spec.name, default=str(spec.default) if spec.optional else None)
        case "integer":
            return fields.integer(spec.name)
        case "texts":
            return fields.texts(spec.name)
        case "scores":
            return fields.scores(spec.name)
        case _:
            assert_never(spec.kind)


def _value(value_type: type[Value], fields: _Table) -> Value:
    # Read in the order the fields are declared, so the first error named is the first field written.
    return value_type(**{spec.name: _field(spec, fields) for spec in VALUE_FIELDS[value_type]})


def _answer(step_id: str, table: Any) -> Answer:
    where = f"answers.{_safe_key(step_id)}"
    if not isinstance(table, dict):
        raise FormatError(f"{where}: must be a table")
    kind = table.get("kind")
    if not isinstance(kind, str) or kind not in VALUE_TYPES:
        raise FormatError(f"{where}.kind: must be one of {', '.join(VALUE_TYPES)}")
    value_type = VALUE_TYPES[kind]
    names = tuple(spec.name for spec in VALUE_FIELDS[value_type])
    fields = _Table(table, where, ("kind", "created", "updated", *names))
    created = fields.moment("created")
    updated = fields.moment("updated")
    assert created is not None  # not optional: _get raised otherwise
    assert updated is not None
    return Answer(step_id, _value(value_type, fields), created, updated)


def decode_module(table: Mapping[str, Any], module_id: str) -> ModuleData:
    check_format(table)
    top = _Table(table, "", ("format", "module", "updated", "done", "answers"))
    top.text("module")
    answers_table = top.table_of("answers", optional=True) or {}
    answers = {step_id: _answer(step_id, value) for step_id, value in answers_table.items()}
    done = frozenset(top.texts("done")) if "done" in table else frozenset()
    return ModuleData(module_id, answers, done, top.moment("updated", optional=True))


def decode_run(table: Mapping[str, Any]) -> RunData:
    check_format(table)
    top = _Table(
        table,
        "",
        (
            "format", "program", "program_version", "run", "started", "finished", "updated", "scores_id",
            "position",
        ),
    )
    # Checked in the order the fields appear in the file, so the first error named is the first one.
    program_id, version, number = top.text("program"), top.text("program_version"), top.integer("run")
    started = top.moment("started")
    assert started is not None
    finished, updated = top.moment("finished", optional=True), top.moment("updated", optional=True)
    scores_id = top.text("scores_id", default="") or None
    if scores_id is not None and not SCORES_ID.fullmatch(scores_id):
        raise FormatError("scores_id: must be 32 lower-case hex digits")
    position = None
    place = top.table_of("position", optional=True)
    if place is not None:
        where = _Table(place, "position", ("module", "step"))
        position = (where.text("module"), where.text("step"))
    return RunData(program_id, version, number, started, finished, updated, position, scores_id)
