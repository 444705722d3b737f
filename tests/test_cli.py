"""The command line as a script author meets it: exit codes, one line per problem, no Textual import."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from workshop import __version__
from workshop.cli import command_modules

ROOT = Path(__file__).resolve().parent.parent


def workshop(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "workshop", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=os.environ.copy(),
    )


def test_version_and_help_list_every_command() -> None:
    assert workshop("--version").stdout.strip() == f"workshop {__version__}"
    help_text = workshop("--help").stdout
    from workshop.cli import command_modules

    for module in command_modules():
        assert module.NAME in help_text
        assert module.HELP.split()[0] in help_text


def test_validate_shipped_program() -> None:
    result = workshop("validate")
    assert result.returncode == 0, result.stderr
    assert "valid" in result.stdout and "4 modules" in result.stdout


def test_validate_reports_problems_one_per_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        'id = "x"\nday = 1\ntitle = "T"\nsummary = "S"\nminutes = 20\n\n[[steps]]\nid = "a"\nkind = "prompt"\ntitle = "T"\nquestoin = "Q"\n'
    )
    result = workshop("validate", str(bad))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert f"{bad}:11: steps.a.questoin: unknown key (check its spelling; see `workshop schema`)" in lines
    assert any(line.startswith(f"{bad}:") and "question: required" in line for line in lines)
    assert "Traceback" not in result.stdout + result.stderr


def test_validate_usage_errors_exit_2(tmp_path: Path) -> None:
    assert workshop("validate", str(tmp_path / "nowhere")).returncode == 2
    assert workshop("validate", "--no-such-flag").returncode == 2


def test_global_options_work_before_and_after_the_command(mini_program_dir: Path) -> None:
    before = workshop("--program", str(mini_program_dir), "validate")
    after = workshop("validate", "--program", str(mini_program_dir))
    assert before.returncode == after.returncode == 0
    assert "Mini program" in before.stdout and "Mini program" in after.stdout


def test_program_that_is_not_a_program(tmp_path: Path) -> None:
    (tmp_path / "program.toml").write_bytes(b"\xff\xfe garbage")
    result = workshop("validate", str(tmp_path))
    assert result.returncode == 1
    assert "program.toml" in result.stdout and "UTF-8" in result.stdout


def test_schema_describes_every_kind_with_docstrings() -> None:
    result = workshop("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    defs = schema["$defs"]
    for kind in (
        "ReadingStep",
        "PromptStep",
        "ScaleStep",
        "ChoiceStep",
        "ListStep",
        "RankStep",
        "PauseStep",
        "RecapStep",
        "CommitmentStep",
    ):
        assert kind in defs
    assert "facilitator" in defs["PromptStep"]["properties"]["notes"]["description"].lower()
    assert defs["PromptStep"]["additionalProperties"] is False
    program_schema = json.loads(workshop("schema", "--program-file").stdout)
    assert "modules" in program_schema["properties"]


@pytest.mark.parametrize("args", [["validate"], ["schema"], ["--help"]])
def test_scripting_commands_never_import_textual(args: list[str]) -> None:
    code = (
        "import sys\nfrom workshop.cli import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "print('TEXTUAL' if any(m == 'textual' or m.startswith('textual.') for m in sys.modules) else 'CLEAN')"
    )
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
    assert result.stdout.strip().endswith("CLEAN"), result.stdout + result.stderr


HEAVY = ("textual", "pydantic")
"""What a command must not import just to be found or to print its help (tens of milliseconds each)."""


@pytest.mark.parametrize("command", [module.NAME for module in command_modules()])
def test_every_command_is_found_and_helps_without_textual_or_pydantic(command: str) -> None:
    """Every module in workshop/commands is imported to build the parser, whatever the command; asking one
    for its help must not load Textual or pydantic either. (Running ``present`` or ``preview`` does, on
    purpose: they run an app. The commands that never do are checked running, above and in their tests.)"""
    code = (
        "import sys\nfrom workshop.cli import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & {set(HEAVY)!r}))"
    )
    result = subprocess.run([sys.executable, "-c", code, command, "--help"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]", f"{command} --help imported {result.stdout.splitlines()[-1]}"
    assert f"usage: workshop {command}" in result.stdout


@pytest.mark.slow
def test_wheel_contains_the_program(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    import zipfile

    wheel = next(tmp_path.glob("*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = sorted(p.name for p in (ROOT / "modules").glob("*.toml"))
    assert shipped, "the repository has no modules"
    for name in shipped:
        assert f"workshop/modules/{name}" in names
    assert "workshop/data/support_lines.toml" in names
    assert "workshop/tui/workshop.tcss" in names
