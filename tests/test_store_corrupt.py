"""The corrupt-file table: every kind of damaged file gets a clear one-line message naming the file (and
the field, where there is one), is kept exactly as it is, and never stops the rest of the journal loading.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.expect import answer_to
from workshop.answers import IntegerValue, TextValue
from workshop.content.models import Program
from workshop.journal.format import RUN_FILE
from workshop.journal.store import Journal

SECRET = "what I never told anyone"
GOOD = f"""format = 1
module = "one"
done = []

[answers.first-thought]
kind = "text"
created = 2025-03-03T21:00:00+00:00
updated = 2025-03-03T21:00:00+00:00
text = "{SECRET}"
"""


def _with(old: str, new: str) -> bytes:
    return GOOD.replace(old, new, 1).encode("utf-8")


# (name, file bytes, words the message must contain)
TABLE: list[tuple[str, bytes, str]] = [
    ("empty", b"", "is empty"),
    ("only blank space", b"  \n\n", "is empty"),
    ("truncated", GOOD.encode()[: GOOD.index(SECRET) + 5], "cut short"),
    ("NUL-filled", b"\x00" * 4096, "NUL bytes"),
    ("NUL in the middle", GOOD.encode().replace(b"done", b"do\x00ne"), "NUL bytes"),
    ("invalid UTF-8", GOOD.encode().replace(b"module", b"mod\xffule"), "not valid UTF-8"),
    ("binary garbage", bytes(range(1, 256)) * 4, "not valid UTF-8"),
    ("not TOML at all", f"{SECRET}\n".encode(), "damaged"),
    # tomllib quotes the key in these messages; in a damaged file a key can be someone's words.
    ("a table declared twice", (GOOD + f'[answers."{SECRET}"]\n[answers."{SECRET}"]\n').encode(), "damaged"),
    ("a key given twice", _with("done = []", f'done = []\nx = {{"{SECRET}" = 1, "{SECRET}" = 2}}'), "damaged"),
    ("no format version", _with("format = 1\n", ""), "no format version"),
    ("format is text", _with("format = 1", 'format = "1"'), "format: must be a whole number"),
    ("newer format", _with("format = 1", "format = 99"), "newer version of workshop"),
    ("text is a number", _with(f'text = "{SECRET}"', "text = 5"), "answers.first-thought.text: must be text"),
    ("missing created", _with("created = 2025-03-03T21:00:00+00:00\n", ""), "created: required field"),
    (
        "date is text",
        _with("created = 2025-03-03T21:00:00+00:00", 'created = "monday"'),
        "created: must be a date",
    ),
    ("unknown kind", _with('kind = "text"', 'kind = "poem"'), "answers.first-thought.kind: must be one of"),
    ("unknown key", _with("done = []", "done = []\nmood = 3"), "mood: unknown key"),
    (
        "answer not a table",
        _with("[answers.first-thought]", "[answers]\nfirst-thought = 3\n[x]"),
        "unknown key",
    ),
    ("done is not a list", _with("done = []", "done = 3"), "done: must be a list of texts"),
]


def _journal_with_two_runs(data: Path, program: Program) -> Path:
    """Two runs, each with an answer on day two; returns run 1's day-one file, ready to be damaged."""
    with Journal.open(data, program, clock=lambda: datetime(2025, 3, 3, 21, tzinfo=UTC)) as journal:
        for number in (1, 2):
            run = journal.new_run()
            run.set_answer("one", "first-thought", TextValue(f"run {number} day one"))
            run.set_answer("two", "looking-back", TextValue(f"run {number} day two"))
            journal.save(run)
            run.set_answer("one", "meaning-now", IntegerValue(number))
            journal.save(run)  # the second save leaves a backup of the first
    return data / "journal" / "mini" / "run-001" / "one.toml"


def test_the_good_file_in_the_table_really_is_good(tmp_path: Path, program: Program) -> None:
    path = _journal_with_two_runs(tmp_path, program)
    path.write_text(GOOD, "utf-8")
    with Journal.open(tmp_path, program, lock=False) as journal:
        assert journal.problems == []
        assert answer_to(journal.runs[0], "first-thought").value == TextValue(SECRET)


@pytest.mark.parametrize(("case", "content", "expected"), TABLE, ids=[row[0] for row in TABLE])
def test_a_damaged_module_file(
    tmp_path: Path, program: Program, case: str, content: bytes, expected: str
) -> None:
    path = _journal_with_two_runs(tmp_path, program)
    path.write_bytes(content)
    with Journal.open(tmp_path, program) as journal:
        [problem] = journal.problems
        assert problem.path == path
        assert problem.message.startswith(f"{path}: ") and expected in problem.message
        assert "\n" not in problem.message and SECRET not in problem.message
        # The rest of the journal still loads: the same run's other day, and the other run.
        first, second = journal.runs
        assert answer_to(first, "looking-back").value == TextValue("run 1 day two")
        assert answer_to(second, "first-thought").value == TextValue("run 2 day one")
        assert first.answers("one") == {}
        if "newer" in case:
            assert problem.backup is None  # a newer file is not "damaged": nothing to restore over it
        else:
            assert problem.backup is not None  # restoring the backup is offered
    assert path.read_bytes() == content  # opening never rewrites it


def test_a_byte_order_mark_from_an_editor_loses_nothing(tmp_path: Path, program: Program) -> None:
    path = _journal_with_two_runs(tmp_path, program)
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode())
    with Journal.open(tmp_path, program, lock=False) as journal:
        assert journal.problems == []
        assert answer_to(journal.runs[0], "first-thought").value == TextValue(SECRET)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "is empty"),
        (b"format = 1\nprogram = 'mini'\n", "program_version: required field is missing"),
        (
            b"format = 1\nprogram = 'mini'\nprogram_version = '1'\nrun = 1\nstarted = 3\n",
            "started: must be a date",
        ),
        (
            b"format = 1\nprogram = 'mini'\nprogram_version = '1'\nrun = 1\nstarted = 2025-01-01T00:00:00Z\n"
            b"[position]\nmodule = 1\nstep = 'x'\n",
            "position.module: must be text",
        ),
    ],
)
def test_a_damaged_run_file(tmp_path: Path, program: Program, content: bytes, expected: str) -> None:
    path = _journal_with_two_runs(tmp_path, program).with_name(RUN_FILE)
    path.write_bytes(content)
    with Journal.open(tmp_path, program, lock=False) as journal:
        [problem] = journal.problems
        assert problem.message.startswith(f"{path}: ") and expected in problem.message
        assert answer_to(journal.runs[0], "first-thought").value == TextValue("run 1 day one")
    assert path.read_bytes() == content


def test_an_unreadable_file_is_a_problem_not_a_crash(tmp_path: Path, program: Program) -> None:
    path = _journal_with_two_runs(tmp_path, program)
    path.unlink()
    path.mkdir()  # something that cannot be read as a file, even by root
    with Journal.open(tmp_path, program, lock=False) as journal:
        [problem] = journal.problems
        assert problem.message.startswith(f"{path}: cannot be read")
        assert len(journal.runs) == 2
