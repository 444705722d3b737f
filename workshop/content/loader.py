"""Load and validate program folders and module files.

Every failure, whatever the input (invalid TOML or UTF-8, an empty or binary file, deep nesting, unknown keys,
a missing module file), becomes a ``Problem`` naming the file, the place and what is wrong. Nothing here
raises anything but ``ContentError``, and no problem quotes the file's contents back.

This is where pydantic validates: the content classes (``models.py``) are plain dataclasses whose fields
carry their rules as metadata, and a ``TypeAdapter`` built here, once per class and only when a file is
read, enforces them. The app and the commands that find the program in the cache never import this module.
"""

from __future__ import annotations

import os
import re
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from workshop.content.folder import PROGRAM_FILE, read_content_file
from workshop.content.models import (
    STEP_KINDS,
    FollowUp,
    Module,
    Program,
    ProgramFile,
    RecapStep,
    Step,
)
from workshop.content.problems import ContentError, Problem
from workshop.files.reading import UnsafeFileError

_HEADER = re.compile(r"^\s*\[")


# --------------------------------------------------------------------------------------------------------
# Reading one TOML file
# --------------------------------------------------------------------------------------------------------


def read_toml(path: Path, *, within: Path | None = None) -> tuple[dict[str, Any], str]:
    """Parse ``path`` as TOML; return the data and the source text, or raise ``ContentError``.

    ``within``: the program folder the file must stay in (a link out of it is refused); None for a file
    the user named on the command line. Only a regular file of at most ``MAX_FILE_BYTES`` is read: a
    named pipe, a device or ``/dev/zero`` behind a link is a problem, never a hang.
    """

    def fail(what: str, line: int | None = None) -> ContentError:
        return ContentError([Problem(path, what, line=line)])

    try:
        raw = read_content_file(path, within)
    except FileNotFoundError:
        raise fail("file not found") from None
    except UnsafeFileError as error:
        if error.reason.startswith("larger than"):
            raise fail(f"is {error.reason}; content files are small text files") from None
        raise fail(f"cannot be read ({error.reason})") from None
    except OSError as error:
        raise fail(f"cannot be read ({error.strerror or 'I/O error'})") from None
    if not raw.strip():
        raise fail("is empty")
    if b"\x00" in raw:
        raise fail("is not a text file (it contains NUL bytes)")
    try:
        source = raw.decode("utf-8-sig")  # a byte-order mark from a Windows editor is harmless
    except UnicodeDecodeError as error:
        raise fail(f"is not valid UTF-8 (byte {error.start})", raw[: error.start].count(b"\n") + 1) from None
    try:
        return tomllib.loads(source), source
    except tomllib.TOMLDecodeError as error:
        message, line = _split_toml_error(str(error))
        raise fail(f"invalid TOML: {message}", line) from None
    except RecursionError:
        raise fail("invalid TOML: nested too deeply") from None


def _split_toml_error(message: str) -> tuple[str, int | None]:
    match = re.search(r"\(at line (\d+), column \d+\)", message)
    if not match:
        return message, None
    return message[: match.start()].strip(), int(match.group(1))


# --------------------------------------------------------------------------------------------------------
# Turning pydantic errors into problems with a place and a line
# --------------------------------------------------------------------------------------------------------


def _problems_from(error: ValidationError, path: Path, data: dict[str, Any], source: str) -> list[Problem]:
    problems = []
    for item in error.errors(include_input=False, include_url=False):
        loc = tuple(item["loc"])
        where, line = _where(loc, data, source)
        problems.append(Problem(path, _message(item), where, line))
    return problems


def _message(item: Any) -> str:
    kind = item["type"]
    if kind == "union_tag_not_found":
        return f"missing kind (one of: {', '.join(STEP_KINDS)})"
    if kind == "union_tag_invalid":
        tag = str(item.get("ctx", {}).get("tag", "?"))[:40]
        return f"unknown kind {tag!r} (one of: {', '.join(STEP_KINDS)})"
    # A dataclass reports an unknown key as an unexpected keyword argument (a model said extra_forbidden);
    # the author reads the same words either way.
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        return "unknown key (check its spelling; see `workshop schema`)"
    if kind == "dataclass_type":  # a table expected, something else written: in the words a model used
        table = item.get("ctx", {}).get("class_name", "?")
        return f"input should be a valid dictionary or instance of {table}"
    if kind == "missing":
        return "required field is missing"
    if kind == "string_pattern_mismatch" and item["loc"] and item["loc"][-1] == "id":
        return "must be lower-case letters, digits and single hyphens, like milestone-inventory"
    message = str(item["msg"])
    message = message.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    return message[:1].lower() + message[1:]


def _where(loc: tuple[Any, ...], data: dict[str, Any], source: str) -> tuple[str, int | None]:
    """Name the place an error points at (``steps.milestones.question``) and find its line."""
    if len(loc) >= 2 and loc[0] == "steps" and isinstance(loc[1], int):
        index = loc[1]
        # Drop the discriminator tag pydantic puts after the index (steps.3.prompt.question).
        rest = list(loc[3:]) if len(loc) > 2 and loc[2] in STEP_KINDS else list(loc[2:])
        step_id = _step_id(data, index)
        name = f"steps.{step_id}" if step_id else f"steps[{index + 1}]"
        field = _path(rest)
        key = next((p for p in rest if isinstance(p, str)), None)
        return (f"{name}.{field}" if field else name), _step_line(source, index, key)
    field = _path(list(loc))
    key = next((p for p in loc if isinstance(p, str)), None)
    return field or "(top level)", _key_line(source, key) if key else None


def _path(parts: list[Any]) -> str:
    text = ""
    for part in parts:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _step_id(data: dict[str, Any], index: int) -> str | None:
    steps = data.get("steps")
    if isinstance(steps, list) and index < len(steps) and isinstance(steps[index], dict):
        step_id = steps[index].get("id")
        if isinstance(step_id, str) and re.fullmatch(r"[a-z0-9-]{1,60}", step_id):
            return step_id
    return None


def _step_line(source: str, index: int, key: str | None) -> int | None:
    """The line of ``key`` inside the ``index``-th ``[[steps]]`` table, else the table's header line."""
    lines = source.splitlines()
    headers = [n for n, text in enumerate(lines) if re.match(r"^\s*\[\[\s*steps\s*\]\]", text)]
    if index >= len(headers):
        return _key_line(source, "steps")
    start = headers[index]
    if key:
        for n in range(start + 1, len(lines)):
            if _HEADER.match(lines[n]):
                break
            if re.match(rf"^\s*{re.escape(key)}\s*=", lines[n]):
                return n + 1
    return start + 1


def _key_line(source: str, key: str | None) -> int | None:
    if not key:
        return None
    for n, text in enumerate(source.splitlines()):
        if re.match(rf"^\s*(\[+\s*)?{re.escape(key)}\s*(=|\]|\.)", text):
            return n + 1
    return None


@cache
def adapter(model: type) -> TypeAdapter[Any]:
    """The validator of a content class, built on first use (about 35 ms for a module's), then kept."""
    return TypeAdapter(model)


def validate_data(model: type, data: dict[str, Any], path: Path, source: str) -> Any:
    """``model`` from ``data`` read from ``path``; every problem as ``FILE:LINE: WHERE: WHAT``."""
    try:
        return adapter(model).validate_python(data)
    except ValidationError as error:
        raise ContentError(_problems_from(error, path, data, source)) from None
    except RecursionError:
        raise ContentError([Problem(path, "nested too deeply")]) from None


# --------------------------------------------------------------------------------------------------------
# Public entry points
# --------------------------------------------------------------------------------------------------------


def load_module_file(path: Path) -> Module:
    """Load one module file on its own (references to other modules are not checked here)."""
    data, source = read_toml(path)
    module: Module = validate_data(Module, data, path, source)
    problems = _reference_problems(path, module, earlier={}, source=source, unchecked=None)
    if problems:
        raise ContentError(problems)
    return module


def load_program(folder: Path) -> Program:
    """Load ``folder/program.toml`` and its modules, checking everything that spans files."""
    program_path = folder / PROGRAM_FILE
    data, source = read_toml(program_path, within=folder)
    header: ProgramFile = validate_data(ProgramFile, data, program_path, source)

    problems: list[Problem] = []
    modules: list[Module] = []
    earlier: dict[str, Step] = {}
    module_ids: dict[str, Path] = {}
    step_files: dict[str, Path] = {}
    # Step ids of modules that parsed but did not validate: a recap naming one is checked once its file
    # is fixed, rather than reported as "no earlier step" on top of that file's own problems.
    unchecked: set[str] = set()
    # A module file missing or unreadable: its step ids are unknown, so no recap is said to name nothing.
    unknown_steps = False
    # The days, then the follow-up check-ins: one loop, so step ids are unique across both and a
    # follow-up's recap can name any step of the days.
    listed: list[tuple[str, str, str | None]] = [(name, "modules", None) for name in header.modules]
    listed += [(entry.module, "follow_ups", entry.after) for entry in header.follow_ups]
    names = [name for name, _, _ in listed]
    follow_ups: list[FollowUp] = []
    for index, (name, key, after) in enumerate(listed):
        path = folder / name
        if name in names[:index]:
            problems.append(
                Problem(program_path, f"{name} is listed twice", key, _key_line(source, key))
            )
            continue
        if not os.path.lexists(path):
            problems.append(
                Problem(
                    program_path,
                    f"names {name}, which is not in {folder}",
                    key,
                    _key_line(source, key),
                )
            )
            unknown_steps = True
            continue
        try:
            module_data, module_source = read_toml(path, within=folder)
        except ContentError as error:
            problems.extend(error.problems)
            unknown_steps = True
            continue
        try:
            module: Module = validate_data(Module, module_data, path, module_source)
        except ContentError as error:
            problems.extend(error.problems)
            unchecked.update(_raw_step_ids(module_data))
            continue
        if module.id in module_ids:
            problems.append(
                Problem(
                    path,
                    f"module id {module.id!r} is also used by {module_ids[module.id].name}",
                    "id",
                    _key_line(module_source, "id"),
                )
            )
        module_ids[module.id] = path
        for step in module.steps:
            if step.id in step_files and step_files[step.id] != path:
                problems.append(
                    Problem(
                        path,
                        f"step id {step.id!r} is also used in {step_files[step.id].name}",
                        f"steps.{step.id}",
                        _step_line(module_source, module.steps.index(step), "id"),
                    )
                )
            step_files.setdefault(step.id, path)
        problems.extend(
            _reference_problems(
                path,
                module,
                earlier,
                module_source,
                unchecked=None if unknown_steps else unchecked,
                references=frozenset(reference.id for reference in header.references),
            )
        )
        earlier.update({s.id: s for s in module.steps})
        if after is None and not module.is_day:
            problems.append(Problem(path, "a day of the program needs its day (day = 1 or more)", "day"))
        elif after is not None and module.is_day:
            problems.append(
                Problem(
                    path,
                    "a follow-up check-in is not a day of the program: leave out its day",
                    "day",
                    _key_line(module_source, "day"),
                )
            )
        if after is None:
            modules.append(module)
        else:
            follow_ups.append(FollowUp(after=after, module=module))

    days = [m.day for m in modules]
    if days != sorted(days):
        problems.append(
            Problem(
                program_path,
                "modules must be listed in order of their day",
                "modules",
                _key_line(source, "modules"),
            )
        )
    if problems:
        raise ContentError(problems)
    return Program(
        id=header.id,
        title=header.title,
        version=header.version,
        description=header.description,
        modules=tuple(modules),
        group=header.group,
        ground_rules=tuple(header.ground_rules),
        references=tuple(header.references),
        follow_ups=tuple(follow_ups),
    )


def _raw_step_ids(data: dict[str, Any]) -> set[str]:
    """The step ids written in a module's data, whether or not the module is valid."""
    steps = data.get("steps")
    if not isinstance(steps, list):
        return set()
    return {step["id"] for step in steps if isinstance(step, dict) and isinstance(step.get("id"), str)}


def _reference_problems(
    path: Path,
    module: Module,
    earlier: dict[str, Step],
    source: str,
    *,
    unchecked: set[str] | None,
    references: frozenset[str] | None = None,
) -> list[Problem]:
    """What a module names elsewhere must be there: recap ``sources`` and ``look_back`` name earlier steps
    that save an answer, ``cites`` names the program's references.

    ``unchecked`` is None for a module checked on its own (earlier days are unknown, so a recap may name
    any id outside it); in a program, the ids of earlier modules that have problems of their own.
    ``references``: the ids of the program's ``[[references]]``; None when there is no program to know them.
    """
    problems = []
    if references is not None:
        problems += _cites_problems(path, module.cites, references, "cites", _key_line(source, "cites"))
    seen = dict(earlier)
    for index, step in enumerate(module.steps):
        named = [("sources", step.sources)] if isinstance(step, RecapStep) else []
        for field, ids in [*named, ("look_back", step.look_back)]:
            line = _step_line(source, index, field)
            for source_id in ids:
                what = _earlier_step_problem(source_id, step, module, seen, unchecked)
                if what:
                    problems.append(Problem(path, what, f"steps.{step.id}.{field}", line))
        if references is not None:
            where, line = f"steps.{step.id}.cites", _step_line(source, index, "cites")
            problems += _cites_problems(path, step.cites, references, where, line)
        seen[step.id] = step
    return problems


def _earlier_step_problem(
    source_id: str, step: Step, module: Module, seen: dict[str, Step], unchecked: set[str] | None
) -> str | None:
    """What is wrong with ``step`` naming ``source_id`` as an earlier answer to show, if anything."""
    target = seen.get(source_id)
    if target is None:
        if source_id == step.id:
            return f"{source_id!r} is this step itself; name a step that comes before it"
        if module.step(source_id) is not None:
            return f"{source_id!r} comes after this {'recap' if isinstance(step, RecapStep) else 'step'}"
        if unchecked is not None and source_id not in unchecked:
            return f"no earlier step has the id {source_id!r}"
        return None
    if not target.answers:
        return f"{source_id!r} is a {target.kind} step, which saves no answer"
    return None


def _cites_problems(
    path: Path, cites: list[str], references: frozenset[str], where: str, line: int | None
) -> list[Problem]:
    return [
        Problem(path, f"no reference has the id {cited!r} (see [[references]] in program.toml)", where, line)
        for cited in cites
        if cited not in references
    ]


def load_any(path: Path) -> Program | Module:
    """Load a program folder, a ``program.toml``, or a single module file."""
    if path.is_dir():
        return load_program(path)
    if path.name == PROGRAM_FILE:
        return load_program(path.parent)
    return load_module_file(path)


# --------------------------------------------------------------------------------------------------------
# Figures without a source (``workshop validate``; the rule is in ``citations``)
# --------------------------------------------------------------------------------------------------------


def unsourced_figure_problems(loaded: Program | Module, files: dict[str, Path]) -> list[Problem]:
    """A problem for each text that states a figure and cites nothing, with its file and line.

    ``files``: module id -> the file it was loaded from, and ``""`` -> ``program.toml``
    (``drift.module_files``). Each file is read again only for the lines of what is found.
    """
    from workshop.content.citations import module_unsourced, program_unsourced

    found = program_unsourced(loaded) if isinstance(loaded, Program) else module_unsourced(loaded)
    sources: dict[Path, str] = {}
    problems = []
    for item in found:
        path = files[item.module.id if item.module else ""]
        if path not in sources:
            sources[path] = read_toml(path)[1]
        source = sources[path]
        key = re.split(r"[.\[]", item.field)[-1 if item.field.startswith("group.") else 0]
        if item.step is not None and item.module is not None:
            where = f"steps.{item.step.id}.{item.field}"
            line = _step_line(source, item.module.steps.index(item.step), key)
        else:
            where, line = item.field, _key_line(source, key)
        figures = ", ".join(repr(figure) for figure in item.figures)
        fix = "add its reference id to cites" if item.module else "state it in a step that cites its source"
        what = f"states {figures} without a source: {fix} ({_FIGURE_RULE})"
        problems.append(Problem(path, what, where, line))
    return problems


_FIGURE_RULE = "which numbers need one: docs/authoring.md"
