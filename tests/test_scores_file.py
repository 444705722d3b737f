"""The scores file (format 1) and its strict reader: every refusal a named, one-line error, never a traceback.

Hostile files are checked for their message (file and field named, no value from the file repeated) and,
where size is the attack, for the memory the reader used (tracemalloc; no timed assertions here: the
times are in bench/bench_cohort.py).
"""

from __future__ import annotations

import copy
import json
import os
import re
import threading
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.cohorts import PROGRAM, point, scores, valid_data, write
from workshop.reports.scores import (
    MAX_BYTES,
    ScoresError,
    describe_point,
    is_point,
    is_week,
    iso_week,
    json_schema,
    new_run_id,
    parse_scores,
    point_order,
    read_scores,
    scores_json,
)

ROOT = Path(__file__).resolve().parent.parent


def refusal(
    tmp_path: Path, content: dict[str, Any] | str | bytes, program: str | None = PROGRAM
) -> ScoresError:
    path = write(tmp_path, "shared.json", content)
    with pytest.raises(ScoresError) as caught:
        read_scores(path, program)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and "\n" not in message
    return caught.value


def spoiled(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    data = copy.deepcopy(valid_data())
    change(data)
    return data


def first(data: dict[str, Any]) -> dict[str, Any]:
    point_data: dict[str, Any] = data["points"][0]
    return point_data


# --------------------------------------------------------------------------------------------------------
# Valid files
# --------------------------------------------------------------------------------------------------------


def test_a_valid_file_reads_back_as_written(tmp_path: Path) -> None:
    written = scores(
        1,
        point("end", "2026-W13", who5=60, burnout=2, scales={"meaning-scale-day-4": 6}),
        point("start", "2026-W10", who5=44, burnout=3, feedback={"useful": 4, "safe-to-speak": 5}),
        point("follow-up-1m", "2026-W18", who5=56),
    )
    read = read_scores(write(tmp_path, "a.json", written), PROGRAM).scores
    assert [m.point for m in read.points] == ["start", "end", "follow-up-1m"]  # put in time order
    assert read == scores(1, *sorted(written.points, key=lambda m: point_order(m.point)))
    start = read.at("start")
    assert start is not None and start.who5 is not None
    assert (start.who5.items, start.who5.total, start.who5.percent) == ((3, 2, 2, 2, 2), 11, 44)
    assert list(start.feedback) == ["useful", "safe-to-speak"]  # the form's order is kept


def test_the_example_in_data_md_is_a_valid_file() -> None:
    text = (ROOT / "docs" / "data.md").read_text(encoding="utf-8")
    section = text[text.index("## The scores file") :]
    example = re.search(r"```json\n(.*?)```", section, re.DOTALL)
    assert example is not None
    read = parse_scores(example.group(1).encode(), Path("data.md"), PROGRAM)
    assert [m.point for m in read.points] == ["start", "day-3", "end", "follow-up-1m"]


def test_the_json_schema_in_docs_is_the_one_the_code_describes() -> None:
    shipped = json.loads((ROOT / "docs" / "scores.schema.json").read_text(encoding="utf-8"))
    assert shipped == json_schema(), (
        'docs/scores.schema.json is out of date; regenerate it with: python -c "import json; '
        'from workshop.reports.scores import json_schema; print(json.dumps(json_schema(), indent=2))" '
        "> docs/scores.schema.json"
    )


def test_a_byte_order_mark_is_harmless(tmp_path: Path) -> None:
    path = write(tmp_path, "bom.json", b"\xef\xbb\xbf" + json.dumps(valid_data()).encode())
    assert read_scores(path, PROGRAM).scores.run == valid_data()["run"]


def test_run_ids_are_random_and_weeks_are_iso_weeks() -> None:
    ids = {new_run_id() for _ in range(50)}
    assert len(ids) == 50 and all(re.fullmatch(r"[0-9a-f]{32}", each) for each in ids)
    from datetime import date

    assert iso_week(date(2026, 11, 26)) == "2026-W48"
    assert iso_week(date(2027, 1, 1)) == "2026-W53"  # the ISO year, not the calendar year
    assert is_week("2026-W53") and not is_week("2025-W53") and not is_week("2026-W00")
    assert not is_week("2026-11-26") and not is_week("2026-W5")


def test_point_names_order_and_words() -> None:
    for good in (
        "start",
        "end",
        "day-2",
        "day-99",
        "follow-up-1w",
        "follow-up-1m",
        "follow-up-3m",
        "follow-up-2y",
    ):
        assert is_point(good), good
    for bad in (
        "day-1",
        "day-0",
        "day-100",
        "follow-up-0w",
        "follow-up-1d",
        "follow-up-100m",
        "Start",
        "end ",
    ):
        assert not is_point(bad), bad
    names = ["follow-up-3m", "end", "follow-up-1w", "day-3", "start", "follow-up-1m", "day-2", "follow-up-1y"]
    assert sorted(names, key=point_order) == [
        "start",
        "day-2",
        "day-3",
        "end",
        "follow-up-1w",
        "follow-up-1m",
        "follow-up-3m",
        "follow-up-1y",
    ]
    assert describe_point("end", 4) == "End (day 4)"
    assert describe_point("follow-up-3m") == "3 months after"
    assert describe_point("follow-up-1w") == "1 week after"


# --------------------------------------------------------------------------------------------------------
# Refused: not a scores file, a newer format, another program
# --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("", "empty"),
        ("   \n", "empty"),
        (b"\xff\xfe{}", "not UTF-8"),
        ("{not json", "not valid JSON (line 1, column 2"),
        ('{"kind": "workshop-scores"} trailing', "not valid JSON"),
        ("[1, 2, 3]", "not a JSON object"),
        ('"workshop-scores"', "not a JSON object"),
        ('{"format": 1, "program": "finding-the-thread"}', 'kind: missing or not "workshop-scores"'),
    ],
)
def test_what_is_not_a_scores_file_is_named(tmp_path: Path, content: str | bytes, expected: str) -> None:
    error = refusal(tmp_path, content)
    assert expected in str(error)
    assert error.kind in {"not-scores", "damaged"}


def test_a_full_journal_export_is_refused_without_echoing_its_words(tmp_path: Path) -> None:
    export = {
        "format": 1,
        "program": {"id": PROGRAM, "title": "Finding the Thread", "version": "1.0"},
        "runs": [{"number": 1, "days": [{"steps": [{"answer": {"text": "I feel UNMISTAKABLE-WORD"}}]}]}],
    }
    error = refusal(tmp_path, export)
    assert error.kind == "not-scores"
    assert "full journal export" in str(error) and "private writing" in str(error)
    assert "UNMISTAKABLE" not in str(error)


def test_a_newer_format_is_refused_as_newer_even_with_keys_this_version_does_not_know(tmp_path: Path) -> None:
    error = refusal(tmp_path, spoiled(lambda d: d.update(format=2, mood_words=["x"])))
    assert error.kind == "newer"
    assert str(error).endswith(
        "format: 2 is newer than this version of workshop reads (1): update workshop to read it"
    )


def test_another_program_is_refused_by_name(tmp_path: Path) -> None:
    error = refusal(tmp_path, spoiled(lambda d: d.update(program="night-shift")))
    assert error.kind == "other-program"
    assert str(error).endswith("program: from another program (night-shift), not finding-the-thread")
    # Without an expected program, the same file reads.
    assert read_scores(tmp_path / "shared.json").scores.program == "night-shift"


# --------------------------------------------------------------------------------------------------------
# Refused: hostile or damaged values, each with its field
# --------------------------------------------------------------------------------------------------------


def set_in(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """A change that sets the value at ``path`` (keys and list indexes separated by dots)."""

    def change(data: dict[str, Any]) -> None:
        target: Any = data
        *parents, last = path.split(".")
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        if last.isdigit():
            target[int(last)] = value
        else:
            target[last] = value

    return change


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        ("points.0.who5.items.2", 6, "points[0].who5.items[2]: out of range (0 to 5)"),
        ("points.0.who5.items.0", -1, "points[0].who5.items[0]: out of range (0 to 5)"),
        ("points.0.who5.total", 12, "points[0].who5.total: is not the sum of the items"),
        ("points.0.who5.percent", 45, "points[0].who5.percent: is not the total times 4"),
        ("points.0.who5.items", [1, 2, 3], "points[0].who5.items: must hold exactly 5 answers"),
        ("points.0.burnout", 0, "points[0].burnout: out of range (1 to 5)"),
        ("points.0.burnout", 6, "points[0].burnout: out of range (1 to 5)"),
        (
            "points.0.burnout",
            True,
            "points[0].burnout: must be a whole number from 1 to 5, not true or false",
        ),
        ("points.0.burnout", "3", "points[0].burnout: must be a whole number from 1 to 5, not text"),
        ("points.0.burnout", None, "points[0].burnout: must be a whole number from 1 to 5, not null"),
        ("points.0.feedback.useful", 6, "points[0].feedback.useful: out of range (1 to 5)"),
        (
            "points.0.feedback.useful",
            False,
            "points[0].feedback.useful: must be a whole number from 1 to 5, not true or false",
        ),
        (
            "points.0.scales.meaning-scale-day-1.value",
            11,
            "points[0].scales.meaning-scale-day-1.value: out of range (0 to 10)",
        ),
        (
            "points.0.scales.meaning-scale-day-1.high",
            0,
            "points[0].scales.meaning-scale-day-1.high: must be greater than low",
        ),
        (
            "points.0.scales.meaning-scale-day-1.high",
            50,
            "points[0].scales.meaning-scale-day-1.high: a scale spans at most 20 steps",
        ),
        (
            "points.0.scales.meaning-scale-day-1.low",
            -101,
            "points[0].scales.meaning-scale-day-1.low: out of range (-100 to 100)",
        ),
        ("points.0.week", "2026-W54", "points[0].week: not a week of that year"),
        ("points.0.week", "2025-W53", "points[0].week: not a week of that year"),
        ("points.0.week", "2026-11-26", "points[0].week: not an ISO week such as 2026-W48"),
        ("points.0.week", "2026-W10T09:30", "points[0].week: not an ISO week such as 2026-W48"),
        ("points.0.point", "day-1", "points[0].point: not a point such as start, end or follow-up-1m"),
        ("points.0.point", "follow-up-1d", "points[0].point: not a point such as start, end or follow-up-1m"),
        ("points.1.point", "start", "points[1].point: the same point appears twice"),
        ("points.0.scales", {}, "points[0].scales: empty (leave the key out instead)"),
        (
            "points.0.feedback",
            {"Was it useful?": 4},
            "points[0].feedback: the key 'Was it useful?' is not an id",
        ),
        ("points.0.mood", 3, "points[0]: unknown key 'mood'"),
        ("points.0.note", "felt tired", "points[0]: unknown key 'note'"),
        ("name", "Dr A", "unknown key 'name'"),
        ("run", "ABCDEF0123456789ABCDEF0123456789", "run: not a run id (32 lower-case hex digits)"),
        ("run", "jane.doe@hospital.example", "run: not a run id (32 lower-case hex digits)"),
        ("program_version", "1.0 final", "program_version: not a version such as 1.0"),
        ("points", [], "points: empty: a scores file has at least one point"),
        ("format", 0, "format: must be 1 or more"),
        ("format", "1", "format: must be a whole number (the format version), not text"),
        ("format", True, "format: must be a whole number (the format version), not true or false"),
    ],
)
def test_each_damaged_field_is_named(tmp_path: Path, path: str, value: Any, expected: str) -> None:
    error = refusal(tmp_path, spoiled(set_in(path, value)))
    assert str(error).endswith(expected), str(error)
    assert error.kind == "damaged"


def test_a_point_without_answers_and_missing_keys(tmp_path: Path) -> None:
    assert str(refusal(tmp_path, spoiled(set_in("points.1", {"point": "end", "week": "2026-W13"})))).endswith(
        "points[1]: holds no answers (who5, burnout, scales or feedback)"
    )
    assert str(refusal(tmp_path, spoiled(lambda d: d.pop("run")))).endswith("the key 'run' is missing")
    assert str(refusal(tmp_path, spoiled(lambda d: d["points"][1].pop("week")))).endswith(
        "points[1]: the key 'week' is missing"
    )


def replace_text(old: str, new: str) -> str:
    text = json.dumps(valid_data())
    assert old in text
    return text.replace(old, new, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            replace_text('"burnout": 3', '"burnout": NaN'),
            "points[0].burnout: NaN where a whole number belongs",
        ),
        (
            replace_text('"burnout": 3', '"burnout": Infinity'),
            "points[0].burnout: Infinity where a whole number belongs",
        ),
        (
            replace_text('"burnout": 3', '"burnout": -Infinity'),
            "points[0].burnout: -Infinity where a whole number belongs",
        ),
        (
            replace_text('"burnout": 3', '"burnout": 1e309'),
            "points[0].burnout: a number with a fraction or an exponent",
        ),
        (
            replace_text('"burnout": 3', '"burnout": 3.0'),
            "points[0].burnout: a number with a fraction or an exponent",
        ),
        (
            replace_text('"burnout": 3', '"burnout": ' + "9" * 5000),
            "points[0].burnout: a number far too large",
        ),
        (replace_text('"format": 1', '"format": ' + "9" * 5000), "format: a number far too large"),
        (
            replace_text('"burnout": 3', '"burnout": 3, "burnout": 4'),
            "points[0]: the key 'burnout' appears twice",
        ),
        (replace_text('"run":', '"run": "x", "run":'), ": the key 'run' appears twice"),
        (
            replace_text('"useful": 4', '"useful": 4, "useful": 5'),
            "points[0].feedback: the key 'useful' appears twice",
        ),
    ],
    ids=[
        "nan",
        "infinity",
        "minus-infinity",
        "1e309",
        "fraction",
        "5000-digits",
        "5000-digit-format",
        "duplicate-in-point",
        "duplicate-at-top",
        "duplicate-in-feedback",
    ],
)
def test_numbers_json_allows_and_python_would_accept_are_refused(
    tmp_path: Path, text: str, expected: str
) -> None:
    error = refusal(tmp_path, text)
    assert expected in str(error), str(error)


def test_a_refusal_never_repeats_a_value_from_the_file(tmp_path: Path) -> None:
    hostile = "SECRET-\x1b]0;owned\x07-\u202eword"
    for change in (
        set_in("points.0.week", hostile),
        set_in("run", hostile),
        set_in("points.0.burnout", hostile),
        set_in("points.0.who5.total", 13),  # would tell the person's raw score (11)
    ):
        error = refusal(tmp_path, spoiled(change))
        assert "SECRET" not in str(error) and "\x1b" not in str(error) and "\u202e" not in str(error)
        assert "11" not in error.reason and "13" not in error.reason  # the reason alone: the path is tmp_path
    # A key is named (it is not a score), shortened and with its control characters escaped.
    error = refusal(tmp_path, spoiled(set_in("points.0." + "k\x1b" * 100, 1)))
    assert "\x1b" not in str(error) and "\\x1b" in str(error)
    assert error.reason == "points[0]: unknown key " + repr("k\x1b" * 20) + "..."


# --------------------------------------------------------------------------------------------------------
# Refused: size, length and depth, in bounded memory
# --------------------------------------------------------------------------------------------------------


def peak_memory_refusing(path: Path) -> int:
    """The most memory in use (bytes, as tracemalloc counts it) while the reader refuses ``path``."""
    tracemalloc.start()
    try:
        with pytest.raises(ScoresError):
            read_scores(path, PROGRAM)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_100_mb_file_is_refused_without_being_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.json"
    with huge.open("wb") as file:
        file.truncate(100 * 1024 * 1024)  # sparse: costs no disk
    with pytest.raises(ScoresError) as caught:
        read_scores(huge, PROGRAM)
    assert str(caught.value) == f"{huge}: too large for a scores file (the limit is 1024 KiB): not read"
    assert peak_memory_refusing(huge) < 256 * 1024


def test_a_file_growing_past_the_limit_is_read_no_further(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # fstat says 10 bytes (as if taken just before someone appended); the read itself stops at the limit.
    path = write(tmp_path, "grown.json", b" " * (MAX_BYTES * 3))
    real_fstat = os.fstat

    def small_fstat(fd: int) -> os.stat_result:
        found = real_fstat(fd)
        return os.stat_result((found.st_mode, *found[1:6], 10, *found[7:]))

    monkeypatch.setattr("workshop.reports.scores.os.fstat", small_fstat)
    with pytest.raises(ScoresError, match="too large"):
        read_scores(path, PROGRAM)
    # Reading the whole 3 MiB would need 3 MiB at once; the bounded read needs about two 1 MiB buffers.
    assert peak_memory_refusing(path) < 2.5 * MAX_BYTES


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[" * 10_000 + "]" * 10_000, "nested more than 10 levels deep"),
        ("{" + '"a":{' * 10_000 + "}" * 10_001, "nested more than 10 levels deep"),
        (
            replace_text('"burnout": 3', '"burnout": ' + "[" * 10_000 + "]" * 10_000),
            "nested more than 10 levels deep",
        ),
        ("[" * (MAX_BYTES - 10), "nested more than 10 levels deep"),
        ("[" + "[]," * 3000 + "[" * 11 + "]" * 12, "nested more than 10 levels deep"),
        (replace_text('"burnout": 3', '"burnout": ' + "[" * 8 + "]" * 8), "nested more than 10 levels deep"),
        (replace_text('"burnout": 3', '"burnout": [[[[1]]]]'), "points[0].burnout: must be a whole number"),
        # Brackets inside strings are text, not nesting: this one fails for its unknown key instead.
        (
            replace_text('"burnout": 3', '"burnout": 3, "x": "' + "[" * 10_000 + '"'),
            "points[0]: unknown key 'x'",
        ),
    ],
    ids=[
        "10000-arrays",
        "10000-objects",
        "10000-in-a-field",
        "1-MiB-of-brackets",
        "deep-after-6000-brackets",
        "11-in-a-field",
        "5-in-a-field",
        "brackets-in-a-string",
    ],
)
def test_deep_nesting_is_refused_before_parsing(tmp_path: Path, text: str, expected: str) -> None:
    error = refusal(tmp_path, text)
    assert expected in str(error), str(error)
    assert peak_memory_refusing(tmp_path / "shared.json") < 8 * MAX_BYTES


@pytest.mark.parametrize(
    ("path", "count", "expected"),
    [
        ("points", 100_000, "points: more than 40 points"),
        ("points.0.who5.items", 100_000, "points[0].who5.items: must hold exactly 5 answers"),
    ],
)
def test_huge_arrays_are_refused_by_their_length(
    tmp_path: Path, path: str, count: int, expected: str
) -> None:
    data = spoiled(set_in(path, [0] * count))
    text = json.dumps(data, separators=(",", ":"))
    assert len(text) < MAX_BYTES  # inside the size limit: the list itself is what is refused
    error = refusal(tmp_path, text)
    assert str(error).endswith(expected)
    assert peak_memory_refusing(tmp_path / "shared.json") < 16 * MAX_BYTES


def test_many_keys_are_refused_by_their_count(tmp_path: Path) -> None:
    many = {f"q-{index}": 3 for index in range(11)}
    assert str(refusal(tmp_path, spoiled(set_in("points.0.feedback", many)))).endswith(
        "points[0].feedback: more than 10 answers"
    )
    scales = {f"s-{index}": {"value": 1, "low": 0, "high": 10} for index in range(61)}
    assert str(refusal(tmp_path, spoiled(set_in("points.0.scales", scales)))).endswith(
        "points[0].scales: more than 60 answers"
    )


# --------------------------------------------------------------------------------------------------------
# Refused: what is not a regular file
# --------------------------------------------------------------------------------------------------------


def test_a_folder_a_missing_file_and_a_device(tmp_path: Path) -> None:
    with pytest.raises(ScoresError, match="is a folder"):
        read_scores(tmp_path, PROGRAM)
    with pytest.raises(ScoresError, match="no such file"):
        read_scores(tmp_path / "nowhere.json", PROGRAM)
    if Path("/dev/zero").exists():
        link = tmp_path / "zero.json"
        link.symlink_to("/dev/zero")
        with pytest.raises(ScoresError, match="not a regular file"):
            read_scores(link, PROGRAM)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "scores.json"
    os.mkfifo(fifo)
    outcome: list[str] = []

    def read() -> None:
        try:
            read_scores(fifo, PROGRAM)
        except ScoresError as error:
            outcome.append(str(error))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout=10)
    assert not reader.is_alive(), "reading a FIFO blocked"
    assert outcome == [f"{fifo}: not a regular file (a device, a FIFO or a socket): not read"]


def test_a_symlink_to_a_valid_file_reads(tmp_path: Path) -> None:
    target = write(tmp_path, "real.json", valid_data())
    link = tmp_path / "link.json"
    link.symlink_to(target)
    assert read_scores(link, PROGRAM).scores.run == valid_data()["run"]


def test_the_canonical_text_is_stable() -> None:
    text = scores_json(scores(3, point("start", who5=44, burnout=3)))
    assert text.endswith("}\n")
    assert list(json.loads(text)) == ["kind", "format", "program", "program_version", "run", "points"]
