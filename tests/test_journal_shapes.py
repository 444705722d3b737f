"""Every valid TOML value of the wrong shape, anywhere in a journal file, is a named problem for that file.

A hand edit or another tool can leave a journal file that is valid TOML but not what workshop wrote: a
date-time without its offset, a number where text belongs, a table where a list belongs. Whatever it is,
that one file is reported by name (and kept as it is), while the rest of the journal still loads, exports
in every format and shows in every view. Here each leaf of a real journal's files is replaced in turn by a
value of every TOML type, and every reader is run on the result.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from tests.checkins import checkins_program, journal_with_runs
from workshop.content.models import Program
from workshop.flow.completion import program_progress
from workshop.flow.insight import across_run_lines, checkin_lines, insight, series_lines
from workshop.flow.northstar import gather
from workshop.flow.review import default_pair, review_entries, then_and_now
from workshop.journal.format import RUN_FILE, FormatError, decode_module, decode_run, parse_bytes
from workshop.journal.store import Journal
from workshop.reports import export, northstar

# One value of every TOML type, including the ones tomllib accepts but workshop never writes.
SAMPLES: dict[str, Any] = {
    "text": "<b>x</b>",
    "integer": 7,
    "negative": -5,
    "huge integer": 2**62,
    "float": 1.5,
    "infinity": float("inf"),
    "boolean": True,
    "date-time with offset": datetime(2025, 3, 3, 9, 0, tzinfo=UTC),
    "date-time without offset": datetime(2025, 3, 3, 9, 0),
    "date": date(2025, 3, 3),
    "time": time(9, 0),
    "empty list": [],
    "list of numbers": [1, 2],
    "list of lists": [["a"], ["b"]],
    "table": {"a": 1},
}


def leaves(table: dict[str, Any], prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    for key, value in table.items():
        if isinstance(value, dict) and value:
            yield from leaves(value, (*prefix, key))
        else:
            yield (*prefix, key)


def replaced(table: dict[str, Any], where: tuple[str, ...], value: Any) -> dict[str, Any]:
    """``table`` (freshly parsed, so changed in place) with the value at ``where`` replaced."""
    inner = table
    for key in where[:-1]:
        inner = inner[key]
    inner[where[-1]] = value
    return table


def every_view(program: Program, journal: Journal) -> list[str]:
    """Run every reader of a journal, as the app and the commands do; return what they rendered."""
    runs = journal.runs
    out = [export.render(fmt, program, runs) for fmt in export.FORMATS]
    for run in runs:
        page = gather(program, run)
        out += [northstar.render(fmt, page) for fmt in northstar.FORMATS]
        out += [str(day.complete) for day in program_progress(run, program)]
    found = insight(program, runs)
    for each in found.runs:
        out += checkin_lines(each, program)
    out += across_run_lines(found)
    for series in found.series:
        out += series_lines(series)
    entries = review_entries(program, runs)
    pair = default_pair(run.number for run in runs)
    if pair is not None:
        out += [repr(then_and_now(entry, runs, pair)) for entry in entries]
    return out


@pytest.fixture(scope="module")
def program() -> Program:
    return checkins_program()


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory, program: Program) -> Path:
    data = tmp_path_factory.mktemp("journal")
    journal_with_runs(data, program).close()
    return data


def _cases(program: Program, data: Path) -> Iterator[tuple[Path, tuple[str, ...], str]]:
    run = data / "journal" / program.id / "run-001"
    for name in (RUN_FILE, "start.toml"):
        table = tomllib.loads((run / name).read_text(encoding="utf-8"))
        for where in leaves(table):
            for sample in SAMPLES:
                yield run / name, where, sample


def test_every_wrong_shape_is_a_named_problem_and_the_rest_still_loads_and_exports(
    tmp_path: Path, program: Program, original: Path
) -> None:
    refused = accepted = 0
    for path, where, sample in _cases(program, original):
        pristine = path.read_bytes()
        table = tomllib.loads(pristine.decode())
        if table_value(table, where) == SAMPLES[sample] and type(table_value(table, where)) is type(
            SAMPLES[sample]
        ):
            continue
        changed = tomli_w.dumps(replaced(table, where, SAMPLES[sample])).encode("utf-8")
        decode = decode_run if path.name == RUN_FILE else (lambda t: decode_module(t, "start"))
        try:
            decode(parse_bytes(changed))
        except FormatError:
            # Refused: the journal reports the file (by name and field: test_store_corrupt.py) and leaves it
            # out, which the views are shown for the first few (it is the same to them whatever the fault).
            refused += 1
            if refused > 2:
                continue
        else:
            accepted += 1
        # Accepted by the reader (or one of the first refused): every view must take it.
        try:
            path.write_bytes(changed)
            with Journal.open(original, program, lock=False) as journal:
                named = [problem.message for problem in journal.problems]
                every_view(program, journal)
                # The other run, and the other day of this run, are untouched by one file's problem.
                assert [run.number for run in journal.runs] == [1, 2], (path.name, where, sample)
                for run in journal.runs:
                    assert run.answer("north-star") is not None, (path.name, where, sample)
        finally:
            path.write_bytes(pristine)
        assert all(message.startswith(f"{path}: ") for message in named), (where, sample, named)
    assert refused > 400 and accepted > 10  # the table really was walked, both ways


def table_value(table: dict[str, Any], where: tuple[str, ...]) -> Any:
    for key in where:
        table = table[key]
    return table


def test_a_date_time_without_offset_names_the_file_and_the_field(
    tmp_path: Path, program: Program
) -> None:
    journal_with_runs(tmp_path, program).close()
    path = tmp_path / "journal" / program.id / "run-001" / "start.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("+00:00", "", 1), encoding="utf-8")
    with Journal.open(tmp_path, program, lock=False) as journal:
        (problem,) = journal.problems
        assert problem.path == path
        assert "a date and time with its UTC offset" in problem.message
        assert problem.message.startswith(f"{path}: ")
        views = every_view(program, journal)
    # The rest of run 1 (its other day) and all of run 2 are in every export.
    markdown, html, json = views[:3]
    for text in (markdown, html, json):
        assert text.count("Work that leaves room to be a person.") == 2  # end.toml of both runs
