"""Property-based round trips: any text a user can type, in any kind of answer, comes back exactly.

Exactly means byte for byte: CRLF stays CRLF (tomli-w's multi-line strings would make it LF), NUL and
other control characters survive, and so do quotes, backslashes, brackets, emoji and three apostrophes.
"""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import MINI_PROGRAM
from workshop.answers import VALUE_FIELDS, Answer, FieldKind, TextValue, Value
from workshop.content.loader import load_any
from workshop.content.models import Program
from workshop.files.toml import toml_key, toml_string
from workshop.journal.format import ModuleData, decode_module, encode_module, parse_bytes
from workshop.journal.store import Journal

# fmt: off
TRICKY = ["\r\n", "\r", "\n", "\x00", "\x1b[31m", "\x7f", "\u0085", "\t", "'''", "''", "'", '"""', '"',
          "\\", "\\u0000", "[", "]", "[[x]]", "#", "=", "😀", "👩🏽‍⚕️", "\u2028", "\ufeff", " ", "é"]
# fmt: on

texts = st.lists(st.one_of(st.sampled_from(TRICKY), st.text(max_size=8)), max_size=12).map("".join)
small_texts = st.tuples(*[texts] * 0) | st.lists(texts, max_size=5).map(tuple)
FIELDS: dict[FieldKind, st.SearchStrategy[object]] = {
    "text": texts,
    "integer": st.integers(-(2**63), 2**63 - 1),
    "texts": small_texts,
    "scores": st.lists(st.one_of(st.none(), st.integers(0, 2**63 - 1)), max_size=6).map(tuple),
}
# Every answer type, built from the same table of fields the journal's format is derived from.
values: st.SearchStrategy[Value] = st.one_of(
    *(
        st.builds(value_type, **{spec.name: FIELDS[spec.kind] for spec in fields})
        for value_type, fields in VALUE_FIELDS.items()
    )
)
zones = st.sampled_from([UTC, timezone(timedelta(hours=5, minutes=30)), timezone(-timedelta(hours=8))])
moments = st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(2200, 1, 1), timezones=zones)
# Ids as content uses them (what r"[a-z0-9]+(-[a-z0-9]+)*" matches, built without st.from_regex, whose
# draws cost most of these tests' time), and any other non-empty text.
id_parts = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1)
step_ids = st.one_of(st.lists(id_parts, min_size=1, max_size=4).map("-".join), texts.filter(bool))


@st.composite
def module_data(draw: st.DrawFn) -> ModuleData:
    answers = {}
    for step_id in draw(st.lists(step_ids, max_size=6, unique=True)):
        created, updated = sorted([draw(moments), draw(moments)])
        answers[step_id] = Answer(step_id, draw(values), created, updated)
    done = frozenset(draw(st.lists(step_ids, max_size=4)))
    return ModuleData("day-one", answers, done, draw(st.none() | moments))


@given(texts)
def test_any_text_survives_as_a_toml_string(text: str) -> None:
    assert parse_bytes(f"x = {toml_string(text)}\n".encode())["x"] == text
    assert parse_bytes(f"x = {toml_string(text, form='basic')}\n".encode())["x"] == text
    assert parse_bytes(f"{toml_key(text)} = 1\n".encode()) == {text: 1}


@given(module_data())
@settings(max_examples=100, deadline=None)
def test_any_module_file_reads_back_exactly(data: ModuleData) -> None:
    encoded = encode_module(data, run_number=1).encode("utf-8")
    assert decode_module(parse_bytes(encoded), "day-one").exact() == data.exact()


def test_a_one_megabyte_answer_reads_back_exactly() -> None:
    text = ("A long night.\r\n\tThe pager again [again]; \\ \"quotes\" 'and' ''' 😀\x00\n" * 20_000)[
        : 1 << 20
    ]
    now = datetime(2025, 3, 3, tzinfo=UTC)
    data = ModuleData("day-one", {"s": Answer("s", TextValue(text), now, now)})
    assert decode_module(parse_bytes(encode_module(data, 1).encode()), "day-one").exact() == data.exact()


_program = load_any(MINI_PROGRAM)
assert isinstance(_program, Program)
PROGRAM: Program = _program


@given(st.lists(st.tuples(st.sampled_from(["one", "two", "gone"]), step_ids, values), min_size=1, max_size=8))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_answers_saved_by_the_journal_come_back_exactly(changes: list[tuple[str, str, Value]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        expected: dict[tuple[str, str], Value] = {}
        with Journal.open(Path(folder), PROGRAM) as journal:
            run = journal.new_run()
            for module_id, step_id, value in changes:
                run.set_answer(module_id, step_id, value)
                expected[(module_id, step_id)] = value
                journal.save(run)
        with Journal.open(Path(folder), PROGRAM, lock=False) as again:
            assert again.problems == []
            loaded = again.runs[0]
            got = {(m, s): a.value for m in ("one", "two", "gone") for s, a in loaded.answers(m).items()}
            assert got == expected
