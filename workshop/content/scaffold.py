"""New programs and modules for authors: what ``workshop new program`` and ``workshop new module`` write.

The sample module is rendered from the models: the comment above each field is that field's docstring, the
same words as the reference in ``docs/authoring.md``, so the two cannot disagree. Every write is atomic (a
temporary file in the same folder, then a rename) and never replaces an author's file, with one exception:
``program.toml`` gains a line in its ``modules`` list, edited as text so that comments and layout stay.
"""

from __future__ import annotations

import re
import textwrap
import tomllib
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from workshop.content.loader import PROGRAM_FILE, load_program, read_toml
from workshop.content.models import (
    STEP_KINDS,
    STEP_TYPES,
    GroupSession,
    Module,
    Program,
    ProgramFile,
    Reference,
    StepBase,
    field_docs,
)
from workshop.content.reference import plain
from workshop.files.atomic import UMASK_MODE, write_file
from workshop.files.toml import toml_string

MODULE_SCHEMA = "module.schema.json"
PROGRAM_SCHEMA = "program.schema.json"
SAMPLE_MODULE_FILE = "day-1-sample.toml"
MAX_DAYS = 30  # models.py: a module's day is at most 30, and program.toml lists at most 30 modules
_WIDTH = 100


class ScaffoldError(Exception):
    """Something an author asked for cannot be done; the message says what and why, in one line."""


# --------------------------------------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------------------------------------


def slugify(name: str, *, limit: int = 40) -> str:
    """``Day 5: Looking Ahead`` -> ``day-5-looking-ahead``; empty when ``name`` has no letters or digits.

    ``limit`` leaves room for the step ids built from it (ids may have 60 characters).
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower().removesuffix(".toml")).strip("-")
    return slug[:limit].rstrip("-")


def title_from(slug: str) -> str:
    """A readable title for a slug: ``day-5-looking-ahead`` -> ``Day 5 looking ahead``."""
    return slug.replace("-", " ").capitalize()


# --------------------------------------------------------------------------------------------------------
# Rendering TOML with explanations
# --------------------------------------------------------------------------------------------------------


def _schema_line(schema_file: str) -> str:
    # taplo (Even Better TOML) reads this, relative to the TOML file; Tombi wants a blank line after it.
    return f"#:schema ./{schema_file}"


def _value(value: object) -> str:
    """A TOML value. Strings with line breaks become multi-line strings so prose reads naturally."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        # Prose ends with a line break: a multi-line string's closing quotes sit on a line of their own.
        return toml_string(value.strip("\n") + "\n" if "\n" in value else value, form="basic")
    if isinstance(value, list):
        items = [_value(item) for item in value]
        one_line = "[" + ", ".join(items) + "]"
        if len(one_line) <= 80:
            return one_line
        return "[\n" + "".join(f"    {item},\n" for item in items) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{key} = {_value(item)}" for key, item in value.items()) + " }"
    return str(value)


def _comment(text: str) -> list[str]:
    return textwrap.wrap(text, _WIDTH - 2, initial_indent="# ", subsequent_indent="# ")


def _field(model: type, key: str, value: object, *, explain: bool) -> list[str]:
    """``key = value``, with the field's docstring above it when ``explain``."""
    description = field_docs(model).get(key)
    if not (explain and description):
        return [f"{key} = {_value(value)}"]
    # Backticks read as noise in a TOML comment; the reference keeps them as code.
    return [*_comment(plain(description).replace("`", "")), f"{key} = {_value(value)}"]


def _fields(model: type, values: Mapping[str, object], *, explain: bool) -> list[str]:
    return [line for key, value in values.items() for line in _field(model, key, value, explain=explain)]


_COMMON = frozenset(field.name for field in fields(StepBase))
"""The fields every step has."""


def _kind_class(kind: object) -> type[StepBase]:
    return STEP_TYPES[STEP_KINDS.index(str(kind))]


def _step(values: Mapping[str, object], *, explain: bool, explained: set[str]) -> list[str]:
    """One ``[[steps]]`` table, each field of its kind explained, and each field all steps share the first
    time the sample sets it (``explained`` holds those already explained, and gains these)."""
    kind = _kind_class(values["kind"])
    lines = [""]
    if explain:
        lines += _comment(f"{str(values['kind']).capitalize()} step. {plain(kind.__doc__).replace('`', '')}")
    lines.append("[[steps]]")
    for key, value in values.items():
        if key == "kind" and explain and not explained:
            lines += _comment(f"What kind of step this is: {', '.join(STEP_KINDS)}.")
        common = key in _COMMON
        lines += _field(kind, key, value, explain=explain and not (common and key in explained))
        if explain and common:
            explained.add(key)
    if explain:
        explained.add("kind")
    return lines


def render_module(
    header: Mapping[str, Any], steps: Sequence[Mapping[str, object]], *, intro: str, explain: bool
) -> str:
    """A module file: the schema line, ``intro`` as a comment, the module's fields, its steps.

    With ``explain``, every field has its docstring above it (the fields all steps share, only once).
    """
    fields = {k: v for k, v in header.items() if k != "group"}
    lines = [_schema_line(MODULE_SCHEMA), "", *_comment(intro), "", *_fields(Module, fields, explain=explain)]
    if "group" in header:
        if explain:
            lines += ["", *_comment(plain(field_docs(Module)["group"]))]
        lines += _group(header["group"], explain=explain, blank=not explain)
    explained: set[str] = set()
    for step in steps:
        lines += _step(step, explain=explain, explained=explained)
    return "\n".join(lines) + "\n"


def _group(values: Mapping[str, object], *, explain: bool, blank: bool) -> list[str]:
    return [*([""] if blank else []), "[group]", *_fields(GroupSession, values, explain=explain)]


# --------------------------------------------------------------------------------------------------------
# What `workshop new` writes
# --------------------------------------------------------------------------------------------------------

_SAMPLE_HEADER: dict[str, Any] = {
    "id": "sample-day",
    "day": 1,
    "title": "Day 1: A sample day",
    "summary": "A sample day that shows every kind of step once. Rewrite it into your own first day.",
    "minutes": 30,
    "facilitator_notes": "Aims of the day, timings, what to watch for. Only facilitators see these notes.",
    "cites": ["example-source"],
    "group": {
        "check_in": "In a sentence or two: how are you arriving today?",
        "closing_round": "One word for how you are leaving.",
        "check_in_minutes": 10,
        "closing_minutes": 5,
    },
}

_SAMPLE_STEPS: list[dict[str, object]] = [
    {
        "id": "welcome",
        "kind": "reading",
        "title": "Welcome",
        "body": "## Welcome\n\nA reading step is a short passage in Markdown: a few warm paragraphs, "
        "no more.\n\nYou can use *emphasis*, **bold**, lists and [links](https://example.org).\n",
        "on_paper": "## Welcome\n\nThe same passage as printed on the handout. Most readings need no paper "
        "version: write one only where the passage speaks of the screen.\n",
        "minutes": 3,
        "format": "group",
        "notes": "Read this aloud, or give the room a minute to read it in silence.",
        "cites": ["example-source"],
        "discussion": "What did you notice as you read this?",
        "phases": [
            {"label": "Read on your own", "minutes": 1, "format": "solo"},
            {"label": "Talk it over together", "minutes": 2, "format": "group"},
        ],
    },
    {
        "id": "why-here",
        "kind": "prompt",
        "title": "Why you are here",
        "question": "What made you want to set aside this time today?",
        "intro": "There is no right answer. Write for yourself: nobody else reads this.",
        "hints": ["Think of one moment from the past week.", "You could begin with: I noticed..."],
        "minutes": 5,
    },
    {
        "id": "energy-now",
        "kind": "scale",
        "title": "Energy",
        "question": "How much energy does your work give you at the moment?",
        "low": 0,
        "high": 10,
        "low_label": "none at all",
        "high_label": "a great deal",
    },
    {
        "id": "wellbeing-check",
        "kind": "check",
        "title": "How you have been",
        "instrument": "who5",
    },
    {
        "id": "what-helps",
        "kind": "choice",
        "title": "What helps",
        "question": "Which of these help you recover after a hard day?",
        "options": [
            "Sleep",
            "Time outdoors",
            "A talk with a colleague",
            "Music",
            "Exercise",
            "Time alone",
            "None of these",
        ],
        "multiple": True,
        "min_picks": 1,
        "max_picks": 3,
        "allow_other": True,
        "exclusive": ["None of these"],
    },
    {
        "id": "small-joys",
        "kind": "list",
        "title": "Small things",
        "question": "Name up to three small things that went well this week.",
        "max_items": 3,
        "min_items": 1,
        "placeholder": "Coffee with a colleague",
    },
    {
        "id": "what-matters",
        "kind": "rank",
        "title": "What matters",
        "question": "Choose the three that matter most to you now, and put them in order.",
        "options": ["Curiosity", "Kindness", "Mastery", "Family", "Fairness", "Rest", "Teaching"],
        "pick": 3,
    },
    {
        "id": "quiet-minute",
        "kind": "pause",
        "title": "A quiet minute",
        "seconds": 60,
        "style": "breathing",
        "guidance": "Breathe in slowly, and out a little more slowly.",
    },
    {
        "id": "looking-back",
        "kind": "recap",
        "title": "Looking back",
        "sources": ["why-here", "what-matters"],
        "intro": "Here is what you wrote earlier today.",
        "question": "Reading these together, what stands out to you?",
        "hints": ["Is there a thread that links them?"],
        "format": "pairs",
        "discussion": "Share one thing that stood out, if you wish.",
    },
    {
        "id": "one-step",
        "kind": "commitment",
        "title": "One small step",
        "question": "What is one small thing you will do before the next session?",
        "look_back": ["what-helps", "small-joys"],
        "examples": [
            "When I finish my last patient on Thursday, I will leave on time.",
            "When I next pass a colleague in the corridor, I will ask how they are really doing.",
        ],
        "when_label": "When",
        "action_label": "I will",
        "ask_date": True,
    },
    {
        "id": "looking-at-plans",
        "kind": "follow-through",
        "title": "Your plans, looked at again",
        "intro": "These are the plans you made. Follow-up check-ins ask this; a day can too.",
        "question": "Did it happen?",
        "revise_label": "If you want to change it, the plan as it stands now",
        "hints": ["Partly counts."],
    },
    {
        "id": "session-feedback",
        "kind": "feedback",
        "title": "How was this session?",
        "question": "Three quick ratings of today's session, for your facilitator.",
        "questions": [
            {"id": "useful", "text": "The session was worth my time."},
            {"id": "safe-to-speak", "text": "I felt free to speak, and free to pass."},
            {"id": "recommend", "text": "I would suggest it to a colleague."},
        ],
        "labels": ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"],
    },
]

_EXAMPLE_REFERENCE = {
    "id": "example-source",
    "text": "Author AB, Author CD. Title of the article. Journal. 2024;1(1):1-10.",
    "url": "https://doi.org/10.0000/example",
}

_SAMPLE_INTRO = (
    "A module is one day of the program: a few fields about the day, then its steps in order. This sample "
    "shows every kind of step once, each field explained above it. Keep what you need, delete the rest, and "
    "run `workshop validate` on the folder after each change (or keep `workshop preview` open). The first "
    "line lets editors that read JSON Schema (VS Code with Even Better TOML, taplo, Helix, Zed) complete "
    "and check fields as you type. Every field is described in docs/authoring.md."
)


def sample_module_text() -> str:
    """The sample module of a new program: every step kind, every field, each explained."""
    return render_module(_SAMPLE_HEADER, _SAMPLE_STEPS, intro=_SAMPLE_INTRO, explain=True)


def module_text(module_id: str, day: int, title: str) -> str:
    """A short new module: an opening reading, a question and a commitment, ready to rewrite."""
    header = {
        "id": module_id,
        "day": day,
        "title": title,
        "summary": "What this day is about, in a sentence or two.",
        "minutes": 30,
    }
    steps: list[dict[str, object]] = [
        {
            "id": f"{module_id}-opening",
            "kind": "reading",
            "title": "Opening",
            "body": "A short passage to open the day. Replace this with your own words.\n",
        },
        {
            "id": f"{module_id}-reflection",
            "kind": "prompt",
            "title": "Reflection",
            "question": "Write the day's question here.",
        },
        {
            "id": f"{module_id}-commitment",
            "kind": "commitment",
            "title": "One small step",
            "question": "What is one small thing you will do before the next day?",
        },
    ]
    intro = (
        f"Day {day}. Change the text, add steps, then run `workshop validate`. The sample module made by "
        "`workshop new program` shows every kind of step, and docs/authoring.md describes every field. Step "
        "ids must be unique in the whole program; never change one after people have answered it."
    )
    return render_module(header, steps, intro=intro, explain=False)


def program_text(program_id: str, title: str, modules: Sequence[str]) -> str:
    """A new ``program.toml`` listing ``modules``, each field explained."""
    fields: dict[str, object] = {
        "id": program_id,
        "title": title,
        "version": "1.0",
        "description": "What this program is and who it is for, in a few lines.\n"
        "Say plainly what it is not: not therapy, not a diagnosis, not a crisis service.\n",
        "modules": list(modules),
        "ground_rules": [
            "What is said in this room stays in this room.",
            "You choose what to share; passing is always fine.",
            "Listen to understand, not to fix. No advice unless someone asks for it.",
        ],
    }
    intro = (
        "program.toml says what the program is and lists its module files in order. Run "
        "`workshop validate` on this folder after each change, and bump version when you change questions."
    )
    lines = [_schema_line(PROGRAM_SCHEMA), "", *_comment(intro), ""]
    lines += _fields(ProgramFile, fields, explain=True)
    lines += ["", *_comment(plain(field_docs(ProgramFile)["group"]))]
    lines += _group(_SAMPLE_HEADER["group"], explain=True, blank=False)
    references = plain(field_docs(ProgramFile)["references"])
    lines += ["", *_comment(f"{references} Replace this example with your own, or delete it.")]
    lines.append("[[references]]")
    lines += _fields(Reference, _EXAMPLE_REFERENCE, explain=True)
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------------------
# Adding a file name to `modules = [...]` without touching the rest of program.toml
# --------------------------------------------------------------------------------------------------------

_MODULES_KEY = re.compile(r"^[ \t]*modules[ \t]*=[ \t]*\[", re.MULTILINE)


def _string_end(text: str, start: int) -> int:
    """The index just after the TOML string that opens at ``start``."""
    quote = text[start]
    if text.startswith(quote * 3, start):
        end = text.find(quote * 3, start + 3)
        return -1 if end < 0 else end + 3
    index = start + 1
    while index < len(text) and text[index] not in (quote, "\n"):
        index += 2 if quote == '"' and text[index] == "\\" else 1
    return index + 1 if index < len(text) and text[index] == quote else -1


@dataclass(frozen=True)
class _Array:
    close: int  # index of the closing bracket
    last_end: int | None  # index just after the last value, None for an empty array
    comma_after_last: bool


def _scan_array(text: str, open_at: int) -> _Array | None:
    """Find the end of the array opening at ``open_at``, skipping strings and comments."""
    index, last_end, comma = open_at + 1, None, False
    while index < len(text):
        char = text[index]
        if char == "#":
            index = text.find("\n", index)
            if index < 0:
                return None
        elif char == "]":
            return _Array(index, last_end, comma)
        elif char == ",":
            comma, index = True, index + 1
        elif char in " \t\r\n":
            index += 1
        elif char in "\"'":
            index = _string_end(text, index)
            if index < 0:
                return None
            last_end, comma = index, False
        else:
            return None  # a nested array or a bare value: not a list of file names we can extend safely
    return None


def append_module(source: str, file_name: str) -> str:
    """``source`` (a program.toml) with ``file_name`` added at the end of its ``modules`` list.

    Raises ``ScaffoldError`` when the list cannot be found or the edit would change anything else.
    """
    match = _MODULES_KEY.search(source)
    array = _scan_array(source, match.end() - 1) if match else None
    if match is None or array is None:
        raise ScaffoldError("cannot find its `modules = [...]` list")
    entry = toml_string(file_name, form="basic")
    close, last = array.close, array.last_end
    line_start = source.rfind("\n", 0, close) + 1
    if last is None:
        edited = source[:close] + entry + source[close:]
    elif not source[line_start:close].strip() and line_start > match.end():
        # One file per line with the bracket on its own line: add a line in the same style.
        last_line_start = source.rfind("\n", 0, last) + 1
        shares_key_line = last_line_start <= match.start()
        indent = "    " if shares_key_line else _indent(source[last_line_start:])
        comma = "" if array.comma_after_last else ","
        edited = source[:last] + comma + source[last:line_start] + f"{indent}{entry},\n" + source[line_start:]
    else:
        edited = source[:last] + ", " + entry + source[last:]
    _check_only_modules_changed(source, edited, file_name)
    return edited


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t"))]


def _check_only_modules_changed(before: str, after: str, file_name: str) -> None:
    try:
        old, new = tomllib.loads(before), tomllib.loads(after)
    except tomllib.TOMLDecodeError:
        raise ScaffoldError("cannot edit its `modules` list safely") from None
    expected = {**old, "modules": [*old.get("modules", []), file_name]}
    if new != expected:
        raise ScaffoldError("cannot edit its `modules` list safely")


# --------------------------------------------------------------------------------------------------------
# The two operations
# --------------------------------------------------------------------------------------------------------


def _empty_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise ScaffoldError(f"{folder} is a file; choose a new folder for the program")
    if folder.is_dir() and any(folder.iterdir()):
        raise ScaffoldError(f"{folder} is not empty; a new program needs a new or empty folder")


def with_schema_line(text: str, schema_file: str) -> str:
    """``text`` starting with the ``#:schema`` line that points editors at ``schema_file``."""
    if text.startswith("#:schema"):
        return text
    return f"{_schema_line(schema_file)}\n\n{text}"


_ID_LINE = re.compile(r"^id[ \t]*=[ \t]*(\"[^\"\n]*\"|'[^'\n]*')", re.MULTILINE)


def _copied_program(source: Path, program_id: str) -> dict[str, str]:
    """The files of the program in ``source``, with schema lines and the new program id."""
    load_program(source)  # copy only a program that is valid: the copy must validate too
    data, text = read_toml(source / PROGRAM_FILE, within=source)
    program = with_schema_line(text, PROGRAM_SCHEMA)
    renamed = _ID_LINE.sub(f"id = {toml_string(program_id, form='basic')}", program, count=1)
    if tomllib.loads(renamed) != {**data, "id": program_id}:
        raise ScaffoldError(f"cannot set the program id in a copy of {source / PROGRAM_FILE}")
    files = {PROGRAM_FILE: renamed}
    # The days and the follow-up check-ins: every module file the program names.
    for name in [*data["modules"], *(entry["module"] for entry in data.get("follow_ups", []))]:
        files[name] = with_schema_line(read_toml(source / name, within=source)[1], MODULE_SCHEMA)
    return files


def create_program(folder: Path, schemas: Mapping[str, str], *, copy_of: Path | None = None) -> Program:
    """Write a new program into ``folder`` (missing or empty): a sample, or a copy of ``copy_of``.

    ``schemas`` maps schema file names to their text. Returns the program as loaded back from ``folder``.
    """
    _empty_folder(folder)
    program_id = slugify(folder.resolve().name, limit=60) or "my-program"
    if copy_of is not None:
        files = _copied_program(copy_of, program_id)
    else:
        title = title_from(program_id)
        files = {
            PROGRAM_FILE: program_text(program_id, title, [SAMPLE_MODULE_FILE]),
            SAMPLE_MODULE_FILE: sample_module_text(),
        }
    created = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    try:
        for name, text in {**files, **schemas}.items():
            write_file(folder / name, text.encode("utf-8"), mode=UMASK_MODE, new_only=True)
            written.append(folder / name)
    except BaseException:
        # A full disk or a permission error half-way: leave the folder as we found it.
        for path in written:
            path.unlink(missing_ok=True)
        if created:
            folder.rmdir()
        raise
    return load_program(folder)


@dataclass(frozen=True)
class NewModule:
    """What ``add_module`` wrote."""

    path: Path
    day: int


def _check_room(program: Program, slug: str, target: Path) -> int:
    """The day number for a new module ``slug``; raises ``ScaffoldError`` when it cannot be added."""
    if target.exists():
        raise ScaffoldError(f"{target} already exists; choose another name")
    if program.module(slug) is not None:
        raise ScaffoldError(f"the program already has a module with the id {slug!r}; choose another name")
    taken = [s for s in ("opening", "reflection", "commitment") if program.find_step(f"{slug}-{s}")]
    if taken:
        raise ScaffoldError(f"the step id {slug}-{taken[0]!s} is already used; choose another name")
    day = max(m.day for m in program.modules) + 1
    if len(program.modules) >= MAX_DAYS or day > MAX_DAYS:
        raise ScaffoldError(f"a program has at most {MAX_DAYS} days")
    return day


def add_module(folder: Path, name: str, schemas: Mapping[str, str]) -> NewModule:
    """Add a module called ``name`` as the program's last day. The program must be valid before and after.

    Raises ``ContentError`` (the program has problems) or ``ScaffoldError``. On any failure, nothing changes.
    """
    program = load_program(folder)
    slug = slugify(name)
    if not slug:
        raise ScaffoldError(f"{name!r} has no letters or digits to name a module file after")
    target = folder / f"{slug}.toml"
    day = _check_room(program, slug, target)
    program_path = folder / PROGRAM_FILE
    source = read_toml(program_path)[1]
    try:
        edited = append_module(source, target.name)
    except ScaffoldError as error:
        raise ScaffoldError(f"{program_path}: {error}; add {target.name!r} to it by hand") from None
    new_module = module_text(slug, day, title_from(slug)).encode("utf-8")
    write_file(target, new_module, mode=UMASK_MODE, new_only=True)
    try:
        write_file(program_path, edited.encode("utf-8"), mode=UMASK_MODE, keep_mode=True)
        load_program(folder)
    except BaseException:
        # Put everything back as it was, then report the original failure.
        write_file(program_path, source.encode("utf-8"), mode=UMASK_MODE, keep_mode=True)
        target.unlink(missing_ok=True)
        raise
    for schema_name, text in schemas.items():
        if not (folder / schema_name).exists():
            write_file(folder / schema_name, text.encode("utf-8"), mode=UMASK_MODE, new_only=True)
    return NewModule(target, day)
