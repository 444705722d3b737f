"""What a session loads that it may never need (issue 20: memory at most 20 MiB over a bare Textual app).

Each import here is checked in a fresh interpreter, as the app starts: a module already imported by
another test would hide it. The memory itself is measured by ``bench/bench_review.py``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from workshop import paths
from workshop.cli import build_parser, command_modules, opening_arguments


def test_a_plain_journal_opens_saves_and_reopens_without_the_encryption_library(
    tmp_path: Path, shipped_program_dir: Path
) -> None:
    # pyrage costs 1.2 MiB once loaded; the journal's store imports the crypto module for its errors and
    # its look at a file's first bytes, and only an encrypted journal needs the library itself.
    script = f"""
import sys
from pathlib import Path
from workshop.content.loader import load_program
from workshop.journal.store import Journal
from workshop.answers import TextValue

program = load_program(Path({str(shipped_program_dir)!r}))
module = program.modules[0]
step = next(step for step in module.steps if step.kind == "prompt")
data = Path({str(tmp_path / "data")!r})
for _ in range(2):
    with Journal.open(data, program) as journal:
        run = journal.new_run()
        run.set_answer(module.id, step.id, TextValue("the harbour at first light"))
        journal.save(run)
with Journal.open(data, program, lazy=True) as journal:
    assert len(journal.runs) == 2
    older = journal.runs[0]
    assert older.answer(step.id).value == TextValue("the harbour at first light")
print("PYRAGE", "pyrage" in sys.modules)
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "PYRAGE False" in result.stdout, result.stdout


@pytest.mark.parametrize(
    "argv",
    [[], ["--plain"], ["--data-dir", "d"], ["--program", "p", "--data-dir=d"], ["--data", "d", "--plain"]],
    ids=["nothing", "plain", "data-dir", "program-and-data-dir", "abbreviated"],
)
def test_opening_the_workshop_reads_its_options_as_the_full_parser_does(argv: list[str]) -> None:
    opening = opening_arguments(argv)
    full = build_parser(command_modules()).parse_args(argv)
    assert opening is not None
    assert vars(opening) == {name: value for name, value in vars(full).items() if name != "command"}
    assert full.command is None


@pytest.mark.parametrize(
    "argv",
    [["progress"], ["--data-dir", "d", "export"], ["--help"], ["-h"], ["--version"], ["--bogus"], ["--data-dir"]],
    ids=["command", "command-after-option", "help", "h", "version", "unknown-option", "missing-value"],
)
def test_a_command_help_or_a_mistake_goes_to_the_full_parser(argv: list[str]) -> None:
    assert opening_arguments(argv) is None  # with its commands, its help and its error messages


def test_opening_the_workshop_imports_no_command_module(tmp_path: Path) -> None:
    # Every command's module and its parser stayed in memory for the whole session: 1.9 MiB.
    script = f"""
import sys
import workshop.plain.launch, workshop.tui.launch
from workshop.cli import main

def opened(args):
    print("OPENED", args.data_dir, sorted(m for m in sys.modules if m.startswith("workshop.commands.")))
    return 0

workshop.plain.launch.run_plain = workshop.tui.launch.run_app = opened
sys.exit(main(["--data-dir", {str(tmp_path)!r}]))
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert f"OPENED {tmp_path} []" in result.stdout, result.stdout


@pytest.fixture(scope="module")
def modules_of_a_cached_session(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """Every module a session imported that opened home, a day's step, the review and the support screen,
    with the program and the support lines cached by an earlier start (in a fresh interpreter)."""
    tmp_path = tmp_path_factory.mktemp("cached-session")
    shipped_program_dir = paths.shipped_program_dir()
    env = {**os.environ, "WORKSHOP_CACHE_DIR": str(tmp_path / "cache")}
    fill = f"""
from pathlib import Path
from workshop import paths
from workshop.content.cache import load_program_cached
from workshop.content.support import load_support_lines
load_program_cached(Path({str(shipped_program_dir)!r}), paths.cache_dir())
load_support_lines()
"""
    subprocess.run([sys.executable, "-c", fill], env=env, timeout=60, check=True)
    script = f"""
import argparse, asyncio, sys
from pathlib import Path
from workshop.tui.launch import program_for_app
from workshop.tui.app import make_app
from workshop.tui.screens.day import DayScreen
from workshop.tui.screens.review import ReviewScreen
from workshop.tui.screens.support import SupportScreen

async def until(pilot, condition):
    for _ in range(2000):
        if condition():
            return
        await pilot.pause(0.005)
    raise AssertionError("never got there")

async def main():
    program = program_for_app(argparse.Namespace(program={str(shipped_program_dir)!r}))
    app = make_app(program, Path({str(tmp_path / "data")!r}), review_ahead=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: app.journal is not None)
        module = app.program.modules[0]
        step = next(index for index, step in enumerate(module.steps) if step.kind == "prompt")
        app.routes.open_day(module, step)
        await until(pilot, lambda: isinstance(app.screen, DayScreen))
        await pilot.press(*"a harbour")
        app.routes.go_home()
        await pilot.pause()
        app.routes.open_review()
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen) and bool(app.screen.query("#entries")))
        await pilot.pause()
        app.routes.open_support()
        await until(pilot, lambda: isinstance(app.screen, SupportScreen) and bool(app.screen.query(".support-body")))
        await pilot.pause()
    print("LOADED", " ".join(sorted(sys.modules)))

asyncio.run(main())
"""
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    loaded = next(line for line in result.stdout.splitlines() if line.startswith("LOADED "))
    return set(loaded.split()[1:])


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX paths")
def test_a_session_from_the_cache_never_imports_pydantic(modules_of_a_cached_session: set[str]) -> None:
    # pydantic and its core cost 7.4 MiB once imported (issue 20), and only validating needs them. With the
    # program and the support lines cached by an earlier start, a session that opens home, a day's step,
    # the review and the support screen unpickles plain dataclasses and validates nothing.
    assert sorted(m for m in modules_of_a_cached_session if m.split(".")[0] in ("pydantic", "pydantic_core")) == []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX paths")
def test_a_session_from_the_cache_loads_no_openssl_digests_or_annotated_types(
    modules_of_a_cached_session: set[str],
) -> None:
    # OpenSSL's digests (``_hashlib``, through hashlib, or hmac for secrets) stayed loaded for the session
    # for the cache's key and the journal's file signatures: 0.6 MiB; CPython's own SHA-256 gives the same
    # digest (workshop/files/digest.py). annotated_types (0.2 MiB) only named the bounds that pydantic
    # reads when it validates (models.py: Ge, MaxLen ...). calendar (0.1 MiB) gave a month's length to the
    # check-ins' dates; tomli_w is needed only when a setting changes.
    unwanted = {"_hashlib", "hashlib", "hmac", "secrets", "annotated_types", "calendar", "tomli_w"}
    assert unwanted & modules_of_a_cached_session == set()


def test_bad_input_bytes_are_tolerated_without_loading_the_inline_driver() -> None:
    # The workshop never runs inline (``App.run(inline=True)``): its driver (0.17 MiB) is patched only if
    # something loaded it. The driver the app runs on is patched as before, and so is the inline one once
    # it is loaded.
    script = """
import sys
from workshop.tui.terminal import tolerant_decoder, tolerate_bad_input_bytes
tolerate_bad_input_bytes()
from textual.drivers import linux_driver
print("INLINE", "textual.drivers.linux_inline_driver" in sys.modules, linux_driver.getincrementaldecoder is tolerant_decoder)
from textual.drivers import linux_inline_driver
tolerate_bad_input_bytes()
print("LOADED", linux_inline_driver.getincrementaldecoder is tolerant_decoder)
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "INLINE False True" in result.stdout, result.stdout
    assert "LOADED True" in result.stdout, result.stdout
