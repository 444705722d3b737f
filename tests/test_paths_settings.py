"""Where settings live (beside a journal put elsewhere), reading them safely, and a quiet stderr."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import platformdirs
import pytest

from workshop import paths
from workshop.settings import Settings, load_settings, save_settings


def test_settings_follow_a_journal_put_elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(paths.CONFIG_DIR_VARIABLE)
    monkeypatch.delenv(paths.DATA_DIR_VARIABLE)
    assert paths.config_dir() == platformdirs.user_config_path("workshop", appauthor=False)
    assert paths.config_dir(tmp_path / "stick") == tmp_path / "stick"  # --data-dir
    monkeypatch.setenv(paths.DATA_DIR_VARIABLE, str(tmp_path / "env-data"))
    assert paths.config_dir() == tmp_path / "env-data"
    assert paths.config_dir(tmp_path / "stick") == tmp_path / "stick"  # the option wins, as for the journal
    monkeypatch.setenv(paths.CONFIG_DIR_VARIABLE, str(tmp_path / "own-config"))
    assert paths.config_dir(tmp_path / "stick") == tmp_path / "own-config"


def test_the_app_is_given_the_settings_beside_its_journal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mini_program_dir: Path
) -> None:
    """``workshop --data-dir DIR`` reads and writes DIR/settings.toml, not the user's own settings."""
    from workshop.tui import app as app_module
    from workshop.tui.launch import run_app

    monkeypatch.delenv(paths.CONFIG_DIR_VARIABLE)
    given: dict[str, Any] = {}

    class StopHereError(Exception):
        pass

    def fake_make_app(program: object, data_dir: Path, **options: Any) -> None:
        given.update(options, data_dir=data_dir)
        raise StopHereError

    monkeypatch.setattr(app_module, "make_app", fake_make_app)
    args = argparse.Namespace(program=str(mini_program_dir), data_dir=str(tmp_path / "stick"))
    with pytest.raises(StopHereError):
        run_app(args)
    assert given == {"data_dir": tmp_path / "stick", "config_dir": tmp_path / "stick"}
    save_settings(Settings(theme="workshop-paper"), given["config_dir"])
    assert (tmp_path / "stick" / "settings.toml").is_file()
    assert load_settings(tmp_path / "stick").theme == "workshop-paper"


@pytest.mark.skipif(os.name != "posix", reason="named pipes as on POSIX")
@pytest.mark.parametrize("kind", ["named pipe", "link to /dev/zero", "huge"])
def test_a_hostile_settings_file_is_reported_and_the_defaults_used(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "settings.toml"
    if kind == "named pipe":
        os.mkfifo(path)
    elif kind == "link to /dev/zero":
        path.symlink_to("/dev/zero")
    else:
        path.write_bytes(b"# " + b"x" * (1024 * 1024))
    # A regression here would block or fill memory, so the check runs in a child with limits.
    code = (
        "import resource, signal, sys; resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30)); signal.alarm(20);"
        "from pathlib import Path; from workshop.settings import load_settings;"
        f"s = load_settings(Path({str(tmp_path)!r})); print(s.theme); print(s.problem)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    theme, problem = done.stdout.splitlines()
    assert theme == "workshop-dusk"
    assert problem.startswith(f"{path}: could not be read (") and problem.endswith("using the default settings")


def test_a_link_to_settings_elsewhere_is_followed(tmp_path: Path) -> None:
    dotfiles = tmp_path / "dotfiles" / "workshop.toml"
    dotfiles.parent.mkdir()
    dotfiles.write_text('theme = "workshop-paper"\n', encoding="utf-8")
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "settings.toml").symlink_to(dotfiles)
    assert load_settings(tmp_path / "config") == Settings(theme="workshop-paper")


def test_no_runtime_folder_warning_on_stderr(tmp_path: Path) -> None:
    """Without ``$XDG_RUNTIME_DIR`` platformdirs warns, with a line of its source; the user never sees it."""
    env = {k: v for k, v in os.environ.items() if k not in {"XDG_RUNTIME_DIR", "WORKSHOP_RUNTIME_DIR"}}
    code = "from workshop.paths import present_state_file; print(present_state_file('mini', 1))"
    done = subprocess.run(
        [sys.executable, "-W", "default", "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert done.stderr == ""
    assert done.stdout.strip().endswith("present-mini-day-1.json")
