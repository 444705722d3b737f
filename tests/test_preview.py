"""`workshop preview`: reloads the program when a file changes, and survives a broken edit."""

from __future__ import annotations

import os
import shutil
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.tui_helpers import build_app, wait_for_journal
from workshop.cli import main
from workshop.content.models import Program
from workshop.content.problems import Problem
from workshop.content.watch import ProgramWatcher
from workshop.tui import preview
from workshop.tui.app import WorkshopApp
from workshop.tui.preview import LiveReload


@pytest.fixture
def program_dir(tmp_path: Path, mini_program_dir: Path) -> Path:
    folder = tmp_path / "mini"
    shutil.copytree(mini_program_dir, folder)
    return folder


def edit(path: Path, old: str, new: str) -> None:
    """Change a file as most editors save (a new file put in its place), and make sure its mtime moves even
    on a coarse clock. Written in place, the watcher (polling every 20 ms from a thread) could read it
    between the truncation and the write on a busy machine, and count an empty file as one more problem."""
    before = path.stat().st_mtime_ns
    saved = path.with_name(path.name + ".saving")
    saved.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    os.utime(saved, ns=(before + 1_000_000_000, before + 1_000_000_000))
    os.replace(saved, path)


# --------------------------------------------------------------------------------------------------------
# The watcher, without Textual
# --------------------------------------------------------------------------------------------------------


def test_watcher_reloads_on_change_and_reports_a_broken_edit_once(program_dir: Path) -> None:
    watcher = ProgramWatcher(program_dir)
    first = watcher.load()
    assert isinstance(first, Program)
    assert watcher.poll() is None  # nothing changed

    edit(program_dir / "program.toml", 'title = "Mini program"', 'title = "Mini, revised"')
    changed = watcher.poll()
    assert isinstance(changed, Program)
    assert changed.title == "Mini, revised"

    edit(program_dir / "one.toml", 'kind = "scale"', 'kind = "slider"')
    broken = watcher.poll()
    assert isinstance(broken, list)
    assert any(p.file == program_dir / "one.toml" and "unknown kind" in p.what for p in broken)
    assert watcher.poll() is None  # the same broken state is not reported again

    edit(program_dir / "one.toml", 'kind = "slider"', 'kind = "scale"')
    fixed = watcher.poll()
    assert isinstance(fixed, Program)
    assert fixed.title == "Mini, revised"


def test_watcher_notices_a_file_replaced_by_rename(program_dir: Path) -> None:
    watcher = ProgramWatcher(program_dir)
    watcher.load()
    replacement = program_dir / ".two.toml.swp"
    replacement.write_text((program_dir / "two.toml").read_text().replace("Day two", "Day 2"))
    os.replace(replacement, program_dir / "two.toml")  # how many editors save
    result = watcher.poll()
    assert isinstance(result, Program)
    assert result.modules[1].title == "Day 2"


def test_watcher_survives_the_folder_disappearing(program_dir: Path) -> None:
    watcher = ProgramWatcher(program_dir)
    watcher.load()
    shutil.rmtree(program_dir)
    result = watcher.poll()
    assert isinstance(result, list)
    assert "not found" in result[0].what


# --------------------------------------------------------------------------------------------------------
# The live reload in the real app
# --------------------------------------------------------------------------------------------------------


class Recorder:
    """Passes results on to the app and remembers what it passed."""

    def __init__(self, app: WorkshopApp) -> None:
        self.app = app
        self.problems: list[list[Problem]] = []

    def replace_program(self, program: Program) -> None:
        self.app.replace_program(program)

    def show_content_problems(self, problems: list[Problem]) -> None:
        self.problems.append(problems)
        self.app.show_content_problems(problems)


async def until(pilot: Pilot[Any], condition: Callable[[], bool], seconds: float = 10) -> None:
    """Wait for the preview to catch up; generous, since CI machines can be slow and busy."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the preview never caught up")
        await pilot.pause(0.02)


async def test_preview_reloads_on_change_and_survives_a_broken_edit(
    program_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    watcher = ProgramWatcher(program_dir)
    program = watcher.load()
    assert isinstance(program, Program)
    app = build_app(program, tmp_path / "scratch")
    recorder = Recorder(app)
    cleared: list[bool] = []
    clear = app.clear_notifications
    def clear_notifications() -> None:
        cleared.append(True)
        clear()

    monkeypatch.setattr(app, "clear_notifications", clear_notifications)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_journal(pilot)
        LiveReload(app, recorder, watcher, interval=0.02).start()

        edit(program_dir / "one.toml", 'title = "Day one"', 'title = "Day one, shorter"')
        await until(pilot, lambda: app.program.modules[0].title == "Day one, shorter")

        edit(program_dir / "two.toml", 'question = "Pick one."', 'questoin = "Pick one."')
        await until(pilot, lambda: bool(recorder.problems))
        assert any("questoin" in p.where for p in recorder.problems[-1])
        assert app.program.modules[0].title == "Day one, shorter"  # the last good version stays
        assert app.is_running

        edit(program_dir / "two.toml", 'questoin = "Pick one."', 'question = "Pick one, please."')
        await until(pilot, lambda: "Pick one, please." in repr(app.program.find_step("single")))
        assert len(recorder.problems) == 1
        assert cleared == [True]  # the problems are no longer on screen once fixed


def test_run_preview_uses_a_private_throwaway_journal(
    program_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, Any] = {}

    class FakeApp:
        def __init__(self, program: Program, data_dir: Path) -> None:
            seen["data_dir"] = data_dir
            self.queued: list[Callable[..., None]] = []

        def call_later(self, callback: Callable[..., None], *args: object, **kwargs: object) -> None:
            self.queued.append(callback)

        def notify(self, *args: object, **kwargs: object) -> None:
            pass

        def run(self) -> None:
            seen["mode"] = stat.S_IMODE(seen["data_dir"].stat().st_mode)
            seen["queued"] = [getattr(c, "__self__", None) for c in self.queued]

    monkeypatch.setattr("workshop.tui.app.make_app", FakeApp)
    watcher = ProgramWatcher(program_dir)
    program = watcher.load()
    assert isinstance(program, Program)
    assert preview.run_preview(watcher, program) == 0
    assert seen["mode"] == 0o700
    assert isinstance(seen["queued"][0], LiveReload)
    assert not seen["data_dir"].exists()  # thrown away on exit


def test_preview_refuses_a_program_that_does_not_load(program_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(program_dir / "one.toml", 'kind = "scale"', 'kind = "slider"')
    assert main(["preview", str(program_dir)]) == 1
    err = capsys.readouterr().err
    assert f"{program_dir / 'one.toml'}:" in err
    assert "unknown kind" in err
    assert main(["preview", str(program_dir / "one.toml")]) == 2  # a module file is not a program
