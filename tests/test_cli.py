"""The command line as a script author meets it: exit codes, one line per problem, no Textual import."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from workshop import __version__
from workshop.cli import command_modules, main

ROOT = Path(__file__).resolve().parent.parent


def workshop(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m workshop ARGS``: a real start, as a script author runs it."""
    return subprocess.run(
        [sys.executable, "-m", "workshop", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=os.environ.copy(),
    )


def workshop_here(*args: str) -> subprocess.CompletedProcess[str]:
    """The same command through ``workshop.cli.main`` in this process, as ``python -m workshop`` calls it
    (its exit code, an ``argparse`` exit included, and what it prints): for tests of what a command says
    and returns, where starting Python again (a tenth of a second each) is not what is tested. Each kind
    of command still starts for real above."""
    stdout, stderr = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            code: object = main(list(args))
    except SystemExit as exit_:
        code = exit_.code
    assert isinstance(code, int), code
    return subprocess.CompletedProcess(["workshop", *args], code, stdout.getvalue(), stderr.getvalue())


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
    result = workshop_here("validate", str(bad))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert f"{bad}:11: steps.a.questoin: unknown key (check its spelling; see `workshop schema`)" in lines
    assert any(line.startswith(f"{bad}:") and "question: required" in line for line in lines)
    assert "Traceback" not in result.stdout + result.stderr


def test_validate_usage_errors_exit_2(tmp_path: Path) -> None:
    assert workshop_here("validate", str(tmp_path / "nowhere")).returncode == 2
    assert workshop("validate", "--no-such-flag").returncode == 2  # argparse's own exit, from a real start


def test_global_options_work_before_and_after_the_command(mini_program_dir: Path) -> None:
    before = workshop_here("--program", str(mini_program_dir), "validate")
    after = workshop_here("validate", "--program", str(mini_program_dir))
    assert before.returncode == after.returncode == 0
    assert "Mini program" in before.stdout and "Mini program" in after.stdout


def test_program_that_is_not_a_program(tmp_path: Path) -> None:
    (tmp_path / "program.toml").write_bytes(b"\xff\xfe garbage")
    result = workshop_here("validate", str(tmp_path))
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
    program_schema = json.loads(workshop_here("schema", "--program-file").stdout)
    assert "modules" in program_schema["properties"]


HEAVY = ("textual", "pydantic")
"""What a command must not import just to be found or to print its help (tens of milliseconds each)."""

_IMPORTS_CHILD = r"""
import contextlib, io, json, sys

HEAVY = {heavy!r}
running = None
asked = {{}}  # each run's argv (as a string) -> the heavy packages it imported


class Watch:
    # First on sys.meta_path: told of every import not already done, it notes the heavy ones and lets the
    # usual finders find them.
    @staticmethod
    def find_spec(name, path=None, target=None):
        top = name.split(".")[0]
        if top in HEAVY and running is not None:
            asked.setdefault(running, set()).add(top)
        return None


sys.meta_path.insert(0, Watch)
running = "import"
from workshop.cli import main  # what this imports, every run would have imported too

results = {{}}
for argv in json.load(sys.stdin):
    running = " ".join(argv)
    before = set(sys.modules)
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            code = main(argv)
    except SystemExit as exit_:
        code = exit_.code
    # What this run imported is forgotten, so the next run imports it again and is seen doing so: each
    # run is watched as if it had the process to itself.
    for name in set(sys.modules) - before:
        del sys.modules[name]
    results[running] = [code, out.getvalue(), sorted(asked.get(running, set()) | asked.get("import", set()))]
json.dump(results, sys.__stdout__)
"""


@pytest.fixture(scope="module")
def heavy_imports() -> dict[str, tuple[object, str, list[str]]]:
    """Each command below run once through ``workshop.cli.main`` in one fresh Python, as the console script
    runs it: its exit code, what it printed, and which of ``HEAVY`` it imported. One child for all of them
    (sixteen Python starts cost seconds of CPU): an import hook notes every heavy import as it happens,
    and every module a run imported (the workshop's own too) is dropped from ``sys.modules`` after it, so
    each run imports again what it uses and is seen if that brings in Textual or pydantic, as if it had
    a Python of its own. What the child imports before the first run is counted against every run."""
    runs = [["validate"], ["schema"], ["--help"]] + [[module.NAME, "--help"] for module in command_modules()]
    done = subprocess.run(
        [sys.executable, "-c", _IMPORTS_CHILD.format(heavy=HEAVY)],
        input=json.dumps(runs),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    found: dict[str, tuple[object, str, list[str]]] = json.loads(done.stdout)
    return found


@pytest.mark.parametrize("args", [["validate"], ["schema"], ["--help"]])
def test_scripting_commands_never_import_textual(
    args: list[str], heavy_imports: dict[str, tuple[object, str, list[str]]]
) -> None:
    code, out, imported = heavy_imports[" ".join(args)]
    assert code in (0, None), out
    assert "textual" not in imported, f"workshop {' '.join(args)} imported Textual"


@pytest.mark.parametrize("command", [module.NAME for module in command_modules()])
def test_every_command_is_found_and_helps_without_textual_or_pydantic(
    command: str, heavy_imports: dict[str, tuple[object, str, list[str]]]
) -> None:
    """Every module in workshop/commands is imported to build the parser, whatever the command; asking one
    for its help must not load Textual or pydantic either. (Running ``present`` or ``preview`` does, on
    purpose: they run an app. The commands that never do are checked running, above and in their tests.)"""
    code, out, imported = heavy_imports[f"{command} --help"]
    assert code == 0, out
    assert imported == [], f"{command} --help imported {imported}"
    assert f"usage: workshop {command}" in out


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
