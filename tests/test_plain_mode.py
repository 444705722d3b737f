"""The plain mode as a real process: started by itself when it should be, never importing Textual, ending
calmly (and keeping every word) on quit, end of input, Ctrl+C, Ctrl+D, a closed terminal and SIGTERM."""

from __future__ import annotations

import ast
import io
import os
import pty
import select
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.plain_helpers import PLAIN_PROGRAM, ROOT, forbidden_bytes, journal_answers, plain_process
from tests.test_real_terminal import Tmux
from workshop.answers import TextValue
from workshop.content.loader import load_program
from workshop.plain import strings
from workshop.plain.launch import wants_plain

PLAIN_PACKAGE = ROOT / "workshop" / "plain"
GOODBYE = strings.GOODBYE.encode()
TO_PROMPT = ["", "", "skip", "skip"]
"""From a new journal to day 1's prompt in tests/data/plain."""


class Stream(io.StringIO):
    def __init__(self, terminal: bool) -> None:
        super().__init__()
        self.terminal = terminal

    def isatty(self) -> bool:
        return self.terminal


TTY, PIPE = Stream(terminal=True), Stream(terminal=False)


@pytest.mark.parametrize(
    ("asked", "environ", "stdin", "stdout", "plain"),
    [
        (False, {"TERM": "xterm-256color"}, TTY, TTY, False),  # a terminal: the full-screen app
        (True, {"TERM": "xterm-256color"}, TTY, TTY, True),  # --plain
        (False, {"TERM": "dumb"}, TTY, TTY, True),  # a terminal that cannot draw a screen
        (False, {"TERM": "xterm"}, PIPE, TTY, True),  # a script types the answers
        (False, {"TERM": "xterm"}, TTY, PIPE, True),  # the output goes to a file or a pipe
        (False, {"TERM": "xterm", "WORKSHOP_PLAIN": "1"}, TTY, TTY, True),  # chosen once, in the shell
        (
            False,
            {"TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver"},
            PIPE,
            PIPE,
            False,
        ),  # a browser tab
        (False, {"TERM": "xterm"}, None, None, True),  # no standard streams at all
    ],
)
def test_when_the_plain_mode_starts_by_itself(
    asked: bool, environ: dict[str, str], stdin: Stream | None, stdout: Stream | None, plain: bool
) -> None:
    assert wants_plain(asked, environ, stdin, stdout) is plain


def test_nothing_in_the_plain_mode_imports_textual(tmp_path: Path) -> None:
    """Read from the source (every module of workshop/plain), then in a real session that reaches every
    kind of page, with the modules it loaded listed at the end."""
    for path in PLAIN_PACKAGE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert not any(name == "textual" or name.startswith("textual.") for name in names), path
    code = (
        "import sys\nfrom workshop.cli import main\ncode = main(sys.argv[1:])\n"
        "loaded = [m for m in sys.modules if m == 'textual' or m.startswith('textual.')]\n"
        "print('LOADED', sorted(loaded)[:5], code)"
    )
    lines = [
        "",
        "",
        "0",
        "0",
        "0",
        "0",
        "0",
        "",
        "help",
        "home",
        "4",
        "list",
        "",
        "5",
        "",
        "6",
        "",
        "7",
        "",
        "quit",
    ]
    data = tmp_path / "data"
    result = subprocess.run(
        [sys.executable, "-c", code, "--plain", "--program", str(PLAIN_PROGRAM), "--data-dir", str(data)],
        input="\n".join(lines).encode(),
        capture_output=True,
        check=False,
    )
    assert result.stdout.decode().splitlines()[-1] == "LOADED [] 0", result.stdout.decode()[-2000:]


def test_a_pipe_gets_the_plain_mode_without_asking(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = plain_process(
        ["--program", str(PLAIN_PROGRAM), "--data-dir", str(data)], [*TO_PROMPT, "piped", ""]
    )
    assert result.returncode == 0
    assert b"This is the plain mode" in result.stdout
    assert b"\x1b" not in result.stdout
    assert journal_answers(data, load_program(PLAIN_PROGRAM))["first-thought"] == TextValue("piped")


# -- ending calmly, with every word kept ---------------------------------------------------------------------


def wait_until(condition: Callable[[], bool], seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.02)
    raise AssertionError("it never happened")


def saved_text(data: Path) -> str:
    path = data / "journal" / "plain-test" / "run-001" / "one.toml"
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_in_the_middle_of_an_answer_keeps_what_was_entered(tmp_path: Path, signum: int) -> None:
    data = tmp_path / "data"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "workshop",
            "--plain",
            "--program",
            str(PLAIN_PROGRAM),
            "--data-dir",
            str(data),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdin is not None
    process.stdin.write(
        "".join(f"{line}\n" for line in [*TO_PROMPT, "a first line", "a second line"]).encode()
    )
    process.stdin.flush()
    wait_until(lambda: "a second line" in saved_text(data))  # every line is saved as it comes
    process.send_signal(signum)
    out, err = process.communicate(timeout=20)
    assert process.returncode == 0, err.decode()
    assert out.rstrip(b"\n").splitlines()[-1] == GOODBYE
    assert err == b""
    answers = journal_answers(data, load_program(PLAIN_PROGRAM))
    assert answers["first-thought"] == TextValue("a first line\na second line")


def run_in_terminal(argv: list[str], keys: list[bytes], env: dict[str, str]) -> tuple[int, bytes]:
    """``argv`` on a terminal of its own; each of ``keys`` typed once the program waits (a prompt)."""
    pid, fd = pty.fork()
    if pid == 0:  # the child
        try:
            os.execvpe(argv[0], argv, {**os.environ, **env})
        finally:
            os._exit(127)
    screen = b""
    pending = list(keys)
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.1)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            screen += chunk
            if pending and screen.endswith(b"> "):
                os.write(fd, pending.pop(0))
    finally:
        os.close(fd)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), screen


def test_ctrl_d_in_a_dumb_terminal_keeps_the_half_typed_line(tmp_path: Path) -> None:
    """TERM=dumb on a real terminal: the plain mode, without asking. Words typed, then Ctrl+D twice in the
    middle of a line (the first hands over the half line, the second ends the input): all of it kept."""
    data = tmp_path / "data"
    argv = [sys.executable, "-m", "workshop", "--program", str(PLAIN_PROGRAM), "--data-dir", str(data)]
    keys = [b"\r", b"\r", b"skip\r", b"skip\r", b"typed at a terminal\r", b"half a line\x04\x04"]
    code, screen = run_in_terminal(argv, keys, {"TERM": "dumb", "COLUMNS": "80"})
    assert code == 0
    assert b"Day 1, step 4 of 11" in screen
    assert screen.rstrip().endswith(GOODBYE)
    answers = journal_answers(data, load_program(PLAIN_PROGRAM))
    assert answers["first-thought"] == TextValue("typed at a terminal\nhalf a line")
    # What the workshop wrote (the terminal echoes the typing; that is the terminal's, not ours).
    ours = screen.replace(b"\r\n", b"\n")
    for key in keys:
        ours = ours.replace(key.rstrip(b"\r\x04"), b"")
    assert forbidden_bytes(ours.replace(b"\r", b"")) == []


def test_ctrl_c_at_a_prompt_leaves_calmly(tmp_path: Path) -> None:
    data = tmp_path / "data"
    argv = [
        sys.executable,
        "-m",
        "workshop",
        "--plain",
        "--program",
        str(PLAIN_PROGRAM),
        "--data-dir",
        str(data),
    ]
    code, screen = run_in_terminal(
        argv, [b"\r", b"\r", b"skip\r", b"skip\r", b"kept\r", b"\x03"], {"TERM": "dumb"}
    )
    assert code == 0
    assert screen.rstrip().endswith(GOODBYE)
    assert b"Traceback" not in screen
    assert journal_answers(data, load_program(PLAIN_PROGRAM))["first-thought"] == TextValue("kept")


def test_a_closed_output_ends_the_session_calmly(tmp_path: Path) -> None:
    """``workshop --plain | head``: once nothing can be written, the session saves and ends, exit 0, no
    traceback (its words would be nowhere to go)."""
    data = tmp_path / "data"
    command = (
        f"yes '' | {sys.executable} -m workshop --plain --program {PLAIN_PROGRAM} --data-dir {data} "
        "| head -c 10; exit ${PIPESTATUS[1]}"
    )
    result = subprocess.run(["bash", "-c", command], capture_output=True, timeout=60, check=False)
    assert result.returncode == 0
    assert result.stderr == b""


# -- in a real terminal --------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("tmux") is None and not os.environ.get("WORKSHOP_REQUIRE_TMUX"),
    reason="tmux is not installed (.ci/run installs it)",
)
def test_a_dumb_terminal_at_80_by_24_then_closed_in_the_middle_of_an_answer(tmp_path: Path) -> None:
    data = tmp_path / "data"
    tmux = Tmux()
    try:
        env = f"env TERM=dumb WORKSHOP_CONFIG_DIR={tmp_path / 'config'}"
        tmux.start(f"{env} {sys.executable} -m workshop --program {PLAIN_PROGRAM} --data-dir {data}")
        tmux.wait_for("press Enter to continue.")
        tmux.keys("Enter")
        tmux.wait_for("Press Enter to go on.")
        tmux.keys("Enter")
        tmux.wait_for("1 of 5: I have felt cheerful")
        tmux.keys("skip", "Enter")
        tmux.wait_for("Your level of burnout")
        tmux.keys("skip", "Enter")
        screen = tmux.wait_for("If you want a nudge, type hint.")
        assert "Day 1, step 4 of 11" in screen
        assert all(len(line) <= 80 for line in screen.splitlines())
        tmux.keys("typed in a real terminal", "Enter", "and a second line", "Enter")
        wait_until(lambda: "and a second line" in saved_text(data))
    finally:
        tmux.stop()  # the terminal closes: SIGHUP, in the middle of the answer
    wait_until(lambda: not (data / "workshop.lock").exists() or _lock_free(data), seconds=10)
    answers = journal_answers(data, load_program(PLAIN_PROGRAM))
    assert answers["first-thought"] == TextValue("typed in a real terminal\nand a second line")


def _lock_free(data: Path) -> bool:
    """The session has let the journal go: another window can open it now."""
    from workshop.journal.errors import JournalLocked
    from workshop.journal.store import Journal

    try:
        Journal.open(data, load_program(PLAIN_PROGRAM), wait=0).close()
    except JournalLocked:
        return False
    return True
