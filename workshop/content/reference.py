"""The field reference of the content format, rendered as Markdown from the models themselves.

``docs/authoring.md`` holds this text between two markers, so the reference can never drift from
``models.py``: a test compares the two, and ``python -m workshop.content.reference --write docs/authoring.md``
regenerates it after a model changes. Everything comes from the models: field names, types, limits,
defaults and the docstring under each field, read through ``dataclasses.fields`` and the ``Annotated``
metadata of each field's type (no pydantic: the rules are plain data in ``models.py``).
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import sys
import types
import typing
from collections.abc import Sequence
from pathlib import Path
from typing import Literal, Union

from workshop.content.models import (
    STEP_KINDS,
    STEP_TYPES,
    FeedbackQuestion,
    Ge,
    GroupSession,
    Label,
    Le,
    Markdown,
    MaxLen,
    MinLen,
    Module,
    Phase,
    ProgramFile,
    Prose,
    Reference,
    Sentence,
    Slug,
    StepBase,
    Text,
    field_docs,
)

START = "<!-- reference:start -->"
END = "<!-- reference:end -->"
COMMAND = "python -m workshop.content.reference --write docs/authoring.md"

# The named text types of models.py, in the words the reference uses for them.
_TEXT_TYPES: tuple[tuple[object, str, str, str], ...] = (
    (Slug, "id", "ids", "lower-case letters, digits and single hyphens (`milestone-inventory`)"),
    (Label, "short text", "short texts", "one line; spaces around it are trimmed"),
    (Sentence, "sentence", "sentences", "a question or a hint: one or a few sentences"),
    (Prose, "plain text", "plain texts", "paragraphs shown exactly as written, never parsed as Markdown"),
    (Markdown, "Markdown", "Markdown texts", "headings, emphasis, lists, web and mailto links; no raw HTML"),
)


def plain(text: str | None) -> str:
    """A docstring as one line of Markdown: whitespace collapsed, reST ````code```` made Markdown."""
    return re.sub(r"``(.+?)``", r"`\1`", " ".join((text or "").split()))


# --------------------------------------------------------------------------------------------------------
# Types, limits and defaults in words
# --------------------------------------------------------------------------------------------------------


def _max_length(alias: object) -> int | None:
    for item in typing.get_args(alias)[1:]:
        if isinstance(item, Text) and item.max_length:
            return item.max_length
    return None


def _bounds(metadata: Sequence[object]) -> str:
    low = next((m.value for m in metadata if isinstance(m, Ge)), None)
    high = next((m.value for m in metadata if isinstance(m, Le)), None)
    if low is not None and high is not None:
        return f", {low} to {high}"
    if low is not None:
        return f", at least {low}"
    return f", at most {high}" if high is not None else ""


def _count(metadata: Sequence[object]) -> str:
    least = next((m.value for m in metadata if isinstance(m, MinLen)), 0)
    most = next((m.value for m in metadata if isinstance(m, MaxLen)), None)
    if least and most:
        return f" ({least} to {most})"
    return f" (at most {most})" if most else ""


def _is_union(hint: object) -> bool:
    return typing.get_origin(hint) in (Union, types.UnionType)


def _is_step(hint: object) -> bool:
    """True for ``Step``: the discriminated union of step kinds, wrapped in ``Annotated``."""
    return typing.get_origin(hint) is typing.Annotated and _is_union(typing.get_args(hint)[0])


def describe_type(
    name: str, hint: object, metadata: Sequence[object] = (), *, plural_form: bool = False
) -> str:
    """The type of field ``name`` in an author's words: ``short text``, ``integer, 0 to 120``."""
    if _is_union(hint):
        kept = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        if len(kept) == 1:  # `X | None`: optional, which the default column shows
            return describe_type(name, kept[0], metadata)
    for alias, words, plural, _meaning in _TEXT_TYPES:
        if hint == alias:
            return plural if plural_form else words
    origin = typing.get_origin(hint)
    if origin is typing.Annotated:
        inner, *extra = typing.get_args(hint)
        pattern = next((m.pattern for m in extra if isinstance(m, Text) and m.pattern), None)
        matching = "texts" if plural_form else "text"
        if pattern:
            return f"{matching} matching `{pattern}`"
        # The bounds and lengths of a field (``Annotated[int, Ge(0)]``) describe its type.
        return describe_type(name, inner, [*metadata, *extra], plural_form=plural_form)
    if origin is Literal:
        values = [f'`"{value}"`' for value in typing.get_args(hint)]
        return values[0] if len(values) == 1 else ", ".join(values[:-1]) + f" or {values[-1]}"
    if origin is list:
        (item,) = typing.get_args(hint)
        if _is_step(item):
            return f"`[[{name}]]` tables, see [Steps](#steps)" + _count(metadata)
        if isinstance(item, type) and dataclasses.is_dataclass(item):
            return f"`[[{name}]]` tables, see [{item.__name__}](#{item.__name__.lower()})" + _count(metadata)
        return f"list of {describe_type(name, item, plural_form=True)}" + _count(metadata)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return f"`[{name}]` table, see [{hint.__name__}](#{hint.__name__.lower()})"
    if hint is bool:
        return "true or false"
    if hint is int:
        return "integer" + _bounds(metadata)
    if hint is float:
        return "number" + _bounds(metadata)
    return "text" if hint is str else str(hint)


def describe_default(field: dataclasses.Field[object]) -> str:
    """The default of a field as it would be written in TOML, or ``required``."""
    if field.default_factory is not dataclasses.MISSING:
        made = field.default_factory()
        return f"`{made}`" if made else "`[]`"
    value = field.default
    if value is dataclasses.MISSING:
        return "**required**"
    if value is None:
        return "none"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, str):
        return f'`"{value}"`'
    return f"`{value}`"


# --------------------------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------------------------


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def field_table(model: type, names: Sequence[str] | None = None) -> str:
    """A Markdown table of ``model``'s fields (or just ``names``): type, default and description."""
    hints = typing.get_type_hints(model, include_extras=True)
    docs = field_docs(model)
    by_name = {field.name: field for field in dataclasses.fields(model)}
    rows = ["| field | type | default | description |", "|---|---|---|---|"]
    for name in names if names is not None else list(by_name):
        kind = describe_type(name, hints[name])
        # `kind` carries no docstring: its one allowed value says it all.
        meaning = plain(docs.get(name)) or ("Which kind of step this is." if name == "kind" else "")
        rows.append(f"| `{name}` | {_cell(kind)} | {describe_default(by_name[name])} | {_cell(meaning)} |")
    return "\n".join(rows)


def _section(heading: str, model: type, names: Sequence[str] | None = None) -> list[str]:
    return [f"### {heading}", "", plain(model.__doc__), "", field_table(model, names), ""]


def _text_types() -> list[str]:
    rows = ["| type | what it accepts |", "|---|---|"]
    for alias, words, _plural, meaning in _TEXT_TYPES:
        limit = _max_length(alias)
        rows.append(f"| {words} | {meaning}{f'; at most {limit:,} characters' if limit else ''} |")
    return ["### Kinds of text", "", *rows, ""]


def render_reference() -> str:
    """The whole generated reference, without the markers."""
    common = [field.name for field in dataclasses.fields(StepBase)]
    parts = [
        f"<!-- Generated from workshop/content/models.py by `{COMMAND}`; edit the models, not this text. -->",
        "",
        *_text_types(),
        *_section("program.toml", ProgramFile),
        *_section("GroupSession", GroupSession),
        *_section("Reference", Reference),
        *_section("Module", Module),
        "### Steps",
        "",
        f"Each `[[steps]]` table is one step. {plain(StepBase.__doc__)} Its `kind` says which of the kinds "
        "below it is, and so which further fields it takes.",
        "",
        field_table(StepBase),
        "",
        *_section("Phase", Phase),
    ]
    for tag, kind in zip(STEP_KINDS, STEP_TYPES, strict=True):
        own = [field.name for field in dataclasses.fields(kind) if field.name not in common]
        parts += _section(f"{tag.capitalize()} step", kind, own)
    parts += _section("FeedbackQuestion", FeedbackQuestion)
    return "\n".join(parts).rstrip() + "\n"

# --------------------------------------------------------------------------------------------------------
# The document between the markers
# --------------------------------------------------------------------------------------------------------


class MarkerError(ValueError):
    """The document lacks the start and end markers, or has them in the wrong order."""


def splice(document: str, generated: str) -> str:
    """``document`` with the text between the reference markers replaced by ``generated``."""
    start, end = document.find(START), document.find(END)
    if start < 0 or end < start:
        raise MarkerError(f"needs the lines {START} and {END}, in that order")
    return document[: start + len(START)] + "\n" + generated + document[end:]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m workshop.content.reference",
        description="Print the content field reference, or update it in a Markdown file between its markers.",
    )
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--write", metavar="FILE", type=Path, help="replace the reference in FILE")
    action.add_argument("--check", metavar="FILE", type=Path, help="exit 1 if FILE's copy is out of date")
    args = parser.parse_args(argv)
    target: Path | None = args.write or args.check
    if target is None:
        sys.stdout.write(render_reference())
        return 0
    try:
        current = target.read_text(encoding="utf-8")
        updated = splice(current, render_reference())
    except (OSError, MarkerError) as error:
        print(f"{target}: {getattr(error, 'strerror', None) or error}", file=sys.stderr)
        return 2
    if args.check:
        if updated != current:
            print(f"{target}: the field reference is out of date; run {COMMAND}", file=sys.stderr)
            return 1
        return 0
    if updated != current:
        from workshop.files.atomic import UMASK_MODE, write_file

        write_file(target, updated.encode("utf-8"), mode=UMASK_MODE, keep_mode=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
