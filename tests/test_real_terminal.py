"""In a real terminal (tmux): type, close the terminal mid-sentence, open again, and the words are there."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.slow,
    # Skipped without tmux, except where WORKSHOP_REQUIRE_TMUX is set (.ci/run): there they must run.
    pytest.mark.skipif(
        shutil.which("tmux") is None and not os.environ.get("WORKSHOP_REQUIRE_TMUX"),
        reason="tmux is not installed (.ci/run installs it)",
    ),
]


class Tmux:
    """One tmux server of our own (``-L``), so tests never touch anyone else's sessions."""

    def __init__(self) -> None:
        self.socket = f"workshop-test-{uuid.uuid4().hex[:8]}"

    def __call__(self, *args: str) -> str:
        result = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=False)
        return result.stdout

    def start(self, command: str, size: tuple[int, int] = (80, 24)) -> None:
        self("new-session", "-d", "-s", "w", "-x", str(size[0]), "-y", str(size[1]), command)

    def screen(self) -> str:
        return self("capture-pane", "-p", "-t", "w")

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared on screen:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        self("send-keys", "-t", "w", *keys)

    def stop(self) -> None:
        self("kill-server")


@pytest.fixture
def tmux():  # type: ignore[no-untyped-def]
    server = Tmux()
    yield server
    server.stop()


def workshop_command(data_dir: Path, program: Path) -> str:
    env = f"env TERM=xterm-256color WORKSHOP_CONFIG_DIR={data_dir.parent / 'config'}"
    return f"{env} {sys.executable} -m workshop --data-dir {data_dir} --program {program}"


def test_closing_the_terminal_mid_sentence_keeps_the_sentence(tmux, tmp_path: Path, mini_program_dir: Path) -> None:  # type: ignore[no-untyped-def]
    data_dir = tmp_path / "data"
    tmux.start(workshop_command(data_dir, mini_program_dir))
    tmux.wait_for("Begin day 1")  # the journal is open
    tmux.keys("c")
    tmux.wait_for("Step 1 of 8")
    tmux.keys("C-n")
    tmux.wait_for("What brought you here today?")
    tmux.keys("-l", "I came because the days blur tog")
    tmux.wait_for("days blur tog")
    tmux("kill-session", "-t", "w")  # the terminal window is closed: SIGHUP, mid-word
    time.sleep(1.0)

    tmux.start(workshop_command(data_dir, mini_program_dir))
    tmux.wait_for("day 1, step 2")
    tmux.keys("c")
    screen = tmux.wait_for("What brought you here today?")
    assert "I came because the days blur tog" in screen


def test_a_second_window_is_told_calmly(tmux, tmp_path: Path, mini_program_dir: Path) -> None:  # type: ignore[no-untyped-def]
    data_dir = tmp_path / "data"
    tmux.start(workshop_command(data_dir, mini_program_dir))
    tmux.wait_for("Continue")
    second = Tmux()
    try:
        second.start(workshop_command(data_dir, mini_program_dir))
        screen = second.wait_for("already open in another window", timeout=10)
        assert "PID" in screen
        assert "Traceback" not in screen
    finally:
        second.stop()
    assert "Continue" in tmux.screen()  # the first window carries on, untouched


def test_a_closed_terminal_never_leaves_the_app_running(tmux, tmp_path: Path, mini_program_dir: Path) -> None:  # type: ignore[no-untyped-def]
    # When the terminal goes away, Textual's output thread can die on a write and its shutdown then waits
    # for it forever. Make that hang certain, close the terminal, and the app must still save, let the
    # lock go and end, so the next window opens on the saved words.
    data_dir, pid_file = tmp_path / "data", tmp_path / "pid"
    script = (
        "import os, sys, threading\n"
        "from textual.drivers._writer_thread import WriterThread\n"
        "WriterThread.stop = lambda self: threading.Event().wait()\n"
        f"open({str(pid_file)!r}, 'w').write(str(os.getpid()))\n"
        "from workshop.cli import main\n"
        f"sys.exit(main(['--data-dir', {str(data_dir)!r}, '--program', {str(mini_program_dir)!r}]))\n"
    )
    env = f"env TERM=xterm-256color WORKSHOP_CONFIG_DIR={shlex.quote(str(tmp_path / 'config'))}"
    tmux.start(f"{env} {shlex.quote(sys.executable)} -c {shlex.quote(script)}")
    tmux.wait_for("Begin day 1")
    tmux.keys("c")
    tmux.wait_for("Step 1 of 8")
    tmux.keys("C-n")
    tmux.wait_for("What brought you here today?")
    tmux.keys("-l", "Still here after the hang")
    tmux.wait_for("after the hang")
    pid = int(pid_file.read_text())
    tmux("kill-session", "-t", "w")

    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and _running(pid):
        time.sleep(0.1)
    assert not _running(pid), "the app was still running long after its terminal closed"

    tmux.start(workshop_command(data_dir, mini_program_dir))
    tmux.wait_for("day 1, step 2")
    tmux.keys("c")
    assert "Still here after the hang" in tmux.wait_for("What brought you here today?")


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie has ended; only its parent has not collected it yet
        return "zombie" not in Path(f"/proc/{pid}/status").read_text().lower()
    except FileNotFoundError:
        return False
