"""``workshop progress`` and ``workshop export`` as a user meets them: clean on a new journal, readable
output, exit codes, private output files, and working while the app holds the journal open."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from workshop import paths
from workshop.answers import IntegerValue, TextValue
from workshop.cli import main
from workshop.content.cache import cached_outline
from workshop.content.models import Program
from workshop.journal.store import Journal

SECRET = "the patient I still think about"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


def cli(capsys: pytest.CaptureFixture[str], mini: Path, data: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--program", str(mini), "--data-dir", str(data), *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def open_journal(data: Path, program: Program) -> Iterator[Journal]:
    """A journal with two runs, held open (and locked) as the app would hold it."""
    moments = iter(datetime(2025, 3, 3, 21, tzinfo=UTC) + timedelta(minutes=n) for n in range(1000))
    with Journal.open(data, program, clock=lambda: next(moments)) as journal:
        first = journal.new_run()
        for module in program.modules:
            for step in module.steps:
                first.mark_done(module.id, step.id)
        first.set_answer("one", "first-thought", TextValue(SECRET))
        first.mark_finished()
        journal.save(first)
        second = journal.new_run()
        second.set_answer("one", "meaning-now", IntegerValue(6))
        journal.save(second)
        yield journal


@pytest.mark.parametrize("command", [["progress"], ["export"], ["export", "--format", "html"]])
def test_a_new_journal_answers_cleanly(
    capsys: pytest.CaptureFixture[str], mini_program_dir: Path, data: Path, command: list[str]
) -> None:
    code, out, err = cli(capsys, mini_program_dir, data, *command)
    assert code == 0 and err == "" and "No runs" in out
    assert not data.exists()  # reading never creates the journal


def test_a_new_journal_exports_empty_json(
    capsys: pytest.CaptureFixture[str], mini_program_dir: Path, data: Path
) -> None:
    code, out, _ = cli(capsys, mini_program_dir, data, "export", "--format", "json")
    assert code == 0 and json.loads(out)["runs"] == []


def test_progress_lists_each_run(
    capsys: pytest.CaptureFixture[str], mini_program_dir: Path, data: Path, open_journal: Journal
) -> None:
    code, out, err = cli(capsys, mini_program_dir, data, "progress")
    assert code == 0 and err == ""
    assert "Run 1: started 3 March 2025, finished 3 March 2025" in out
    assert "days complete: 2 of 2; steps complete: 11 of 11" in out
    assert "Run 2: started 3 March 2025, in progress" in out
    assert "days complete: 0 of 2; steps complete: 1 of 11" in out
    assert "last activity: 3 March 2025 at 21:" in out
    assert SECRET not in out


def test_a_long_history_shows_the_newest_runs_and_says_how_many_more(
    capsys: pytest.CaptureFixture[str], mini_program_dir: Path, data: Path, open_journal: Journal
) -> None:
    for _ in range(5):  # seven runs in all; the oldest, run 1, holds the answer
        open_journal.save(open_journal.new_run())
    open_journal.close()
    code, out, err = cli(capsys, mini_program_dir, data, "progress")
    assert code == 0 and err == ""
    assert [line.split(":")[0] for line in out.splitlines() if line.startswith("Run ")] == [
        f"Run {n}" for n in range(3, 8)
    ]
    assert out.endswith("\n2 earlier runs are not shown: `workshop progress --all` lists every run.\n")
    damaged = data / "journal" / "mini" / "run-001" / "one.toml"
    damaged.write_bytes(b"[[[")  # an old run that is not shown is not read either
    code, out, err = cli(capsys, mini_program_dir, data, "progress")
    assert code == 0 and err == "" and "Run 7" in out
    code, out, err = cli(capsys, mini_program_dir, data, "progress", "--all")
    assert code == 0 and "Run 1:" in out and "Run 7:" in out and "earlier" not in out
    assert str(damaged) in err  # read, so reported: one line naming the file


def test_export_works_while_the_app_has_the_journal_open(
    capsys: pytest.CaptureFixture[str], mini_program_dir: Path, data: Path, open_journal: Journal
) -> None:
    code, out, _ = cli(capsys, mini_program_dir, data, "export")
    assert code == 0 and SECRET in out and "## Run 2" in out


def test_export_one_run_to_a_private_file(
    capsys: pytest.CaptureFixture[str],
    mini_program_dir: Path,
    data: Path,
    open_journal: Journal,
    tmp_path: Path,
) -> None:
    target = tmp_path / "journal.json"
    code, out, err = cli(
        capsys, mini_program_dir, data, "export", "--format", "json", "--run", "2", "-o", str(target)
    )
    assert code == 0 and out == "" and str(target) in err
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    runs = json.loads(target.read_text("utf-8"))["runs"]
    assert [run["number"] for run in runs] == [2]


def test_export_of_a_run_that_does_not_exist_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], mini_program_dir: Path, data: Path, open_journal: Journal
) -> None:
    code, out, err = cli(capsys, mini_program_dir, data, "export", "--run", "9")
    assert code == 2 and out == ""
    assert err.strip() == "workshop: there is no run 9 in this journal (runs: 1, 2)"


def test_a_damaged_file_is_reported_in_one_line_and_the_rest_is_shown(
    capsys: pytest.CaptureFixture[str], mini_program_dir: Path, data: Path, open_journal: Journal
) -> None:
    damaged = data / "journal" / "mini" / "run-001" / "one.toml"
    damaged.write_bytes(damaged.read_bytes()[:200])
    code, out, err = cli(capsys, mini_program_dir, data, "export")
    assert code == 0 and "## Run 2" in out and SECRET not in out + err
    [line] = err.splitlines()
    assert line.startswith(f"workshop: {damaged}: ") and "not in this export" in line
    code, out, err = cli(capsys, mini_program_dir, data, "progress")
    assert code == 0 and "Run 1" in out and len(err.splitlines()) == 1


def test_export_to_a_folder_is_refused(
    capsys: pytest.CaptureFixture[str], mini_program_dir: Path, data: Path, tmp_path: Path
) -> None:
    code, _, err = cli(capsys, mini_program_dir, data, "export", "-o", str(tmp_path))
    assert code == 2 and "is a folder" in err


def test_progress_reads_the_same_from_the_cached_outline_as_from_the_files(
    capsys: pytest.CaptureFixture[str], mini_program_dir: Path, data: Path, open_journal: Journal
) -> None:
    # The first call validates the program and fills the cache; the second reads only its outline.
    assert cached_outline(mini_program_dir, paths.cache_dir()) is None
    first = cli(capsys, mini_program_dir, data, "progress")
    assert cached_outline(mini_program_dir, paths.cache_dir()) is not None
    assert cli(capsys, mini_program_dir, data, "progress") == first


@pytest.mark.parametrize(
    "command", [["progress"], ["export", "--format", "html"], ["export", "--format", "markdown"]], ids=" ".join
)
def test_progress_and_export_from_the_cache_import_neither_pydantic_nor_textual(
    tmp_path: Path, mini_program_dir: Path, open_journal: Journal, data: Path, command: list[str]
) -> None:
    # progress reads the outline; export unpickles the program, plain dataclasses: neither validates.
    env = {**os.environ, "WORKSHOP_CACHE_DIR": str(tmp_path / "cache")}
    args = ["--program", str(mini_program_dir), "--data-dir", str(data), *command]
    run = [
        sys.executable,
        "-c",
        "import sys; from workshop.cli import main; main(sys.argv[1:]); "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'pydantic', 'textual'}))",
        *args,
    ]
    filled = subprocess.run(run, capture_output=True, text=True, env=env, check=True)
    assert "['pydantic']" in filled.stdout  # the first run validates, which needs pydantic
    cached = subprocess.run(run, capture_output=True, text=True, env=env, check=True)
    assert cached.stdout.splitlines()[-1] == "[]"
    assert cached.stdout.splitlines()[:-1] == filled.stdout.splitlines()[:-1]
