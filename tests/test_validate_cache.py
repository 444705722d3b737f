"""`workshop validate` keeps its verdict on a valid program folder (``content/cache.py``) and reuses it only
while no byte of the program (or of the code that validates it) changed: what it prints is the same either
way, drift warnings included, and a program edited since is validated again."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from workshop.answers import TextValue
from workshop.cli import main
from workshop.content.loader import load_program
from workshop.journal.store import Journal


@pytest.fixture
def folder(tmp_path: Path, mini_program_dir: Path) -> Path:
    copy = tmp_path / "mini"
    shutil.copytree(mini_program_dir, copy)
    return copy


def validate(folder: Path, data_dir: Path, capsys: pytest.CaptureFixture[str], *more: str) -> tuple[int, str]:
    code = main(["validate", str(folder), "--data-dir", str(data_dir), *more])
    return code, capsys.readouterr().out


def test_a_second_validate_prints_the_same_with_its_drift_warnings_without_pydantic(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "journal"
    with Journal.open(data_dir, load_program(folder)) as journal:
        run = journal.new_run()
        run.set_answer("one", "old-question", TextValue("private words"))  # a step the program dropped
        journal.save(run)
    first = validate(folder, data_dir, capsys)
    assert first[0] == 0 and "steps.old-question: warning:" in first[1]
    assert validate(folder, data_dir, capsys) == first
    assert validate(folder, data_dir, capsys, "--no-cache") == first
    # The verdict is used: a fresh process validating again imports neither pydantic nor the models.
    probe = (
        "import sys; from workshop.cli import main; code = main(sys.argv[1:]); "
        "sys.stdout.flush(); sys.exit(code if 'pydantic' not in sys.modules else 99)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, "validate", str(folder), "--data-dir", str(data_dir)],
        env=dict(os.environ),
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout) == (0, first[1])
    assert "private words" not in "".join(p.read_text() for p in Path(os.environ["WORKSHOP_CACHE_DIR"]).glob("*.json"))


def test_an_edit_after_a_valid_verdict_is_validated_again(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "journal"
    assert validate(folder, data_dir, capsys)[0] == 0
    one = folder / "one.toml"
    one.write_text(one.read_text().replace('kind = "reading"', 'kind = "no-such-kind"', 1))
    code, out = validate(folder, data_dir, capsys)
    assert code != 0 and "valid:" not in out
