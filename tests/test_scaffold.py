"""`workshop new`: a new program validates and shows every kind; a new module extends a program safely."""

from __future__ import annotations

import dataclasses
import itertools
import json
import subprocess
import sys
import tomllib
import typing
from pathlib import Path

import pytest

from workshop.cli import main
from workshop.commands.schema import schema
from workshop.content.loader import load_program
from workshop.content.models import STEP_KINDS, STEP_TYPES, StepBase, field_docs
from workshop.content.reference import plain
from workshop.content.scaffold import (
    SAMPLE_MODULE_FILE,
    ScaffoldError,
    append_module,
    create_program,
    slugify,
)
from workshop.files.atomic import UMASK_MODE, write_file


def new_program(tmp_path: Path, name: str = "residency") -> Path:
    folder = tmp_path / name
    assert main(["new", "program", str(folder)]) == 0
    return folder


def test_new_program_validates_and_shows_every_kind(tmp_path: Path) -> None:
    folder = new_program(tmp_path)
    program = load_program(folder)
    assert program.id == "residency"
    assert sorted(step.kind for step in program.modules[0].steps) == sorted(STEP_KINDS)


def test_the_sample_sets_every_field_of_every_kind_and_explains_it(tmp_path: Path) -> None:
    text = (new_program(tmp_path) / SAMPLE_MODULE_FILE).read_text(encoding="utf-8")
    steps = tomllib.loads(text)["steps"]
    by_kind = {step["kind"]: step for step in steps}
    lines = text.splitlines()
    # The fields all steps share are explained once, where the sample first sets them (most in the first
    # step; look_back in the first that asks a question); each kind's own fields in its step.
    common = [field.name for field in dataclasses.fields(StepBase)]
    first = {name: next((step for step in steps if name in step), steps[0]) for name in common}
    wanted = [(first[name], name, field_docs(StepBase).get(name)) for name in common]
    for kind in STEP_TYPES:
        step = by_kind[typing.get_args(kind.__annotations__["kind"])[0]]
        docs = field_docs(kind)
        wanted += [(step, f.name, docs.get(f.name)) for f in dataclasses.fields(kind) if f.name not in common]
    for step, name, description in wanted:
        assert name in step, f"the sample {step['kind']} step leaves out {name}"
        if not description:
            continue
        index = _line_of(lines, step["id"], name)
        above = " ".join(line.removeprefix("# ") for line in lines[:index] if line.startswith("#")).split()
        words = plain(description).replace("`", "").split()
        assert above[-len(words):] == words, f"{name} is not explained by its docstring"


def _line_of(lines: list[str], step_id: str, name: str) -> int:
    """The index of the line ``name = ...`` in the step with ``step_id``."""
    tables = [i for i, line in enumerate(lines) if line == "[[steps]]"] + [len(lines)]
    for start, end in itertools.pairwise(tables):
        if f'id = "{step_id}"' in lines[start:end]:
            return next(i for i in range(start, end) if lines[i].startswith(f"{name} = "))
    raise AssertionError(f"no step {step_id}")


def test_new_program_points_editors_at_its_schema_files(tmp_path: Path) -> None:
    folder = new_program(tmp_path)
    assert (folder / "program.toml").read_text().splitlines()[0] == "#:schema ./program.schema.json"
    assert (folder / SAMPLE_MODULE_FILE).read_text().splitlines()[0] == "#:schema ./module.schema.json"
    assert json.loads((folder / "module.schema.json").read_text()) == schema()
    assert json.loads((folder / "program.schema.json").read_text()) == schema(program_file=True)


def test_new_program_never_writes_into_a_folder_in_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "taken"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    assert main(["new", "program", str(folder)]) == 1
    assert "not empty" in capsys.readouterr().err
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]


def test_a_copy_of_a_program_gets_its_own_id_and_schema_lines(tmp_path: Path, mini_program_dir: Path) -> None:
    folder = tmp_path / "our-version"
    program = create_program(folder, {"module.schema.json": "{}\n"}, copy_of=mini_program_dir)
    assert program.id == "our-version"
    assert [m.id for m in program.modules] == ["one", "two"]
    for name in ("one.toml", "two.toml"):
        copied = (folder / name).read_text()
        assert copied == "#:schema ./module.schema.json\n\n" + (mini_program_dir / name).read_text()
    assert "# A tiny program with every step kind" in (folder / "program.toml").read_text()


def test_new_program_from_shipped_validates(tmp_path: Path) -> None:
    folder = tmp_path / "ours"
    assert main(["new", "program", str(folder), "--from-shipped"]) == 0
    assert load_program(folder).id == "ours"


# --------------------------------------------------------------------------------------------------------
# new module
# --------------------------------------------------------------------------------------------------------


def test_new_module_extends_a_program_that_still_validates(tmp_path: Path) -> None:
    folder = new_program(tmp_path)
    before = (folder / "program.toml").read_text()
    assert main(["new", "module", "Day 2: Looking Ahead", str(folder)]) == 0
    program = load_program(folder)
    assert [(m.id, m.day) for m in program.modules] == [("sample-day", 1), ("day-2-looking-ahead", 2)]
    after = (folder / "program.toml").read_text()
    pairs = zip(before.splitlines(), after.splitlines(), strict=True)
    assert [(old, new) for old, new in pairs if old != new] == [
        ('modules = ["day-1-sample.toml"]', 'modules = ["day-1-sample.toml", "day-2-looking-ahead.toml"]')
    ]
    # --program works too, and the next module is the next day.
    assert main(["--program", str(folder), "new", "module", "closing"]) == 0
    assert [m.day for m in load_program(folder).modules] == [1, 2, 3]


def test_new_module_keeps_a_hand_written_list_and_comments(tmp_path: Path, mini_program_dir: Path) -> None:
    folder = tmp_path / "mini"
    create_program(folder, {}, copy_of=mini_program_dir)
    text = (folder / "program.toml").read_text()
    laid_out = text.replace(
        'modules = ["one.toml", "two.toml"]',
        'modules = [\n    "one.toml",  # the first day\n    "two.toml"  # the second\n]  # in order',
    )
    (folder / "program.toml").write_text(laid_out)
    assert main(["new", "module", "three", "--program", str(folder)]) == 0
    assert (folder / "program.toml").read_text() == laid_out.replace(
        '"two.toml"  # the second\n', '"two.toml",  # the second\n    "three.toml",\n'
    )
    assert [m.day for m in load_program(folder).modules] == [1, 2, 3]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ('modules = ["a.toml"]\n', 'modules = ["a.toml", "b.toml"]\n'),
        ('modules = ["a.toml", ]\n', 'modules = ["a.toml", "b.toml", ]\n'),
        ('modules = [\n  "a.toml",\n]\n', 'modules = [\n  "a.toml",\n  "b.toml",\n]\n'),
        ('modules = ["a.toml",\n]\n', 'modules = ["a.toml",\n    "b.toml",\n]\n'),
        ('modules = [\n  "a.toml"]\n', 'modules = [\n  "a.toml", "b.toml"]\n'),
        ("modules = [\n  'a.toml', # ] here\n]\n", "modules = [\n  'a.toml', # ] here\n  \"b.toml\",\n]\n"),
    ],
)
def test_append_module_edits_only_the_list(before: str, after: str) -> None:
    source = f'# top\nid = "p"\n{before}[group]\ncheck_in = "modules = [\\"x\\"]"\n'
    assert append_module(source, "b.toml") == source.replace(before, after)


@pytest.mark.parametrize("source", ['id = "p"\n', 'modules = ["a.toml", ["x"]]\n', 'modules = [\n"a.toml"\n'])
def test_append_module_refuses_what_it_cannot_edit_safely(source: str) -> None:
    with pytest.raises(ScaffoldError):
        append_module(source, "b.toml")


def test_new_module_refuses_to_overwrite_or_guess(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = new_program(tmp_path)
    (folder / "extra.toml").write_text("# mine\n")
    program_text = (folder / "program.toml").read_text()
    assert main(["new", "module", "extra", str(folder)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert (folder / "extra.toml").read_text() == "# mine\n"
    assert main(["new", "module", "sample day", str(folder)]) == 1  # the sample's module id
    assert main(["new", "module", "???", str(folder)]) == 1
    assert main(["new", "module", "extra"]) == 2  # which program?
    assert (folder / "program.toml").read_text() == program_text


def test_new_module_never_changes_the_shipped_program(shipped_program_dir: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    files = {p: p.stat().st_mtime_ns for p in shipped_program_dir.iterdir()}
    assert main(["new", "module", "extra", "--program", str(shipped_program_dir)]) == 2
    assert "--from-shipped" in capsys.readouterr().err
    assert {p: p.stat().st_mtime_ns for p in shipped_program_dir.iterdir()} == files


def test_new_module_refuses_an_invalid_program(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = new_program(tmp_path)
    sample = folder / SAMPLE_MODULE_FILE
    sample.write_text(sample.read_text().replace('kind = "scale"', 'kind = "slider"'))
    assert main(["new", "module", "two", str(folder)]) == 1
    err = capsys.readouterr().err
    assert f"{sample}:" in err
    assert "unknown kind" in err
    assert not (folder / "two.toml").exists()


# --------------------------------------------------------------------------------------------------------
# Small pieces
# --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Day 5: Looking Ahead", "day-5-looking-ahead"),
        ("résumé.toml", "resume"),
        ("--x__y--", "x-y"),
        ("???", ""),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_a_new_content_file_never_replaces_a_file(tmp_path: Path) -> None:
    target = tmp_path / "a.toml"
    write_file(target, b"first\n", mode=UMASK_MODE, new_only=True)
    with pytest.raises(FileExistsError):
        write_file(target, b"second\n", mode=UMASK_MODE, new_only=True)
    assert target.read_text() == "first\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.toml"]  # no temporary file left behind


def test_new_never_imports_textual(tmp_path: Path) -> None:
    code = (
        "import sys; from workshop.cli import main;"
        f"assert main(['new', 'program', {str(tmp_path / 'p')!r}]) == 0;"
        f"assert main(['new', 'module', 'two', {str(tmp_path / 'p')!r}]) == 0;"
        "assert 'textual' not in sys.modules, 'new imported textual'"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
