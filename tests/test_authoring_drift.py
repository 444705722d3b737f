"""`workshop validate` warns about answers that a new version of the content leaves behind."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from workshop.answers import TextValue
from workshop.cli import main
from workshop.content.drift import SavedAnswer, drift_warnings, module_files
from workshop.content.loader import load_program
from workshop.journal.store import Journal

FILES = {"": Path("p/program.toml"), "one": Path("p/one.toml"), "two": Path("p/two.toml")}


def warnings(mini_program_dir: Path, *saved: SavedAnswer) -> list[str]:
    return [str(w) for w in drift_warnings(load_program(mini_program_dir), saved, FILES)]


def test_answers_to_steps_still_asked_are_fine(mini_program_dir: Path) -> None:
    assert warnings(mini_program_dir, SavedAnswer("one", "first-thought", "1.0")) == []
    # A step that moved to another module keeps its answers: they follow the step id.
    assert warnings(mini_program_dir, SavedAnswer("two", "first-thought", "0.9")) == []


def test_a_removed_step_with_answers_is_a_warning_against_its_module(mini_program_dir: Path) -> None:
    lines = warnings(
        mini_program_dir,
        SavedAnswer("one", "old-question", "0.9"),
        SavedAnswer("one", "old-question", "1.0"),
        SavedAnswer("gone", "gone-step", "0.9"),
    )
    assert lines == [
        "p/program.toml: steps.gone-step: warning: is no longer in the program, but a journal holds answers "
        'to it (written with version 0.9); they will show as "from an earlier version"',
        "p/one.toml: steps.old-question: warning: is no longer in the program, but a journal holds answers "
        'to it (written with version 0.9, 1.0); they will show as "from an earlier version"',
    ]


def test_a_step_that_now_asks_nothing_is_a_warning(mini_program_dir: Path) -> None:
    (line,) = warnings(mini_program_dir, SavedAnswer("one", "welcome", "0.9"))
    assert line.startswith("p/one.toml: steps.welcome: warning: is now a reading step, which asks nothing")


def test_module_files_line_up_with_the_modules(mini_program_dir: Path) -> None:
    files = module_files(mini_program_dir, load_program(mini_program_dir))
    assert files == {
        "": mini_program_dir / "program.toml",
        "one": mini_program_dir / "one.toml",
        "two": mini_program_dir / "two.toml",
    }


# --------------------------------------------------------------------------------------------------------
# Wired into `workshop validate`, with a real journal
# --------------------------------------------------------------------------------------------------------


@pytest.fixture
def edited_program(tmp_path: Path, mini_program_dir: Path) -> Path:
    folder = tmp_path / "mini"
    shutil.copytree(mini_program_dir, folder)
    return folder


def answer_in_journal(data_dir: Path, program_dir: Path, module_id: str, step_id: str) -> None:
    with Journal.open(data_dir, load_program(program_dir), lock=True) as journal:
        run = journal.new_run()
        run.set_answer(module_id, step_id, TextValue("private words"))
        journal.save(run)


def test_validate_warns_without_failing(
    edited_program: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "journal"
    answer_in_journal(data_dir, edited_program, "one", "first-thought")
    one = edited_program / "one.toml"
    one.write_text(one.read_text().replace('id = "first-thought"', 'id = "first-thoughts"').replace(
        '"first-thought",', '"first-thoughts",'))
    (edited_program / "two.toml").write_text(
        (edited_program / "two.toml").read_text().replace('"first-thought"', '"first-thoughts"'))

    assert main(["validate", str(edited_program), "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert f"{one}: steps.first-thought: warning: is no longer in the program" in out
    assert "valid" in out.splitlines()[-1]
    assert "private words" not in out


def test_validate_never_creates_the_journal_folder(edited_program: Path, tmp_path: Path) -> None:
    missing = tmp_path / "no-journal-here"
    assert main(["validate", str(edited_program), "--data-dir", str(missing)]) == 0
    assert not missing.exists()


def test_validate_reads_the_journal_while_the_app_holds_it(
    edited_program: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "journal"
    answer_in_journal(data_dir, edited_program, "one", "signs")
    one = edited_program / "one.toml"
    one.write_text(one.read_text().replace('id = "signs"', 'id = "noticed"'))
    with Journal.open(data_dir, load_program(edited_program), lock=True):  # an open app window
        assert main(["validate", str(edited_program), "--data-dir", str(data_dir)]) == 0
    assert "steps.signs: warning:" in capsys.readouterr().out
