"""In a real terminal (tmux), typed the way people type: without waiting for the screen.

Pilot waits for the app to settle between keys; people do not. These send their keys in one go, right
after the key that changes the step (ctrl+n, ctrl+b), before Enter has moved the cursor, just before
ctrl+q or a closed terminal, then read the journal for every word.
"""

from __future__ import annotations

import contextlib
import os
import select
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from workshop.answers import IntegerValue, ItemsValue, TextValue, Value
from workshop.content.loader import load_program
from workshop.content.models import Program
from workshop.content.outline import ProgramOutline
from workshop.flow.home import continue_label
from workshop.journal.store import Journal, Run

pytestmark = [
    pytest.mark.slow,
    # Skipped without tmux, except where WORKSHOP_REQUIRE_TMUX is set (.ci/run): there they must run.
    pytest.mark.skipif(
        shutil.which("tmux") is None and not os.environ.get("WORKSHOP_REQUIRE_TMUX"),
        reason="tmux is not installed (.ci/run installs it)",
    ),
]


POLL = 0.02
"""Seconds between looks at something that says nothing when it changes (a process ending)."""


class Tmux:
    """One tmux server of our own (``-L``), so tests never touch anyone else's sessions.

    The screen is read through a control-mode client (``tmux -C``) attached to the session: a capture
    costs no new process, and the client hears each time the app draws (``%output``), so a wait looks at
    the screen again as soon as it has changed, and not in between.
    """

    def __init__(self) -> None:
        self.socket = f"workshop-test-{uuid.uuid4().hex[:8]}"
        self._control: _Control | None = None

    def __call__(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=False
        )
        return result.stdout

    def start(self, command: str, size: tuple[int, int] = (80, 24)) -> None:
        self._close_control()
        self("new-session", "-d", "-s", "w", "-x", str(size[0]), "-y", str(size[1]), command)

    def screen(self) -> str:
        return self._attached().command("capture-pane -p -t w")

    def screens(self, timeout: float) -> Iterator[str]:
        """The screen now, then again each time the app has drawn, for ``timeout`` seconds."""
        control = self._attached()
        deadline = time.monotonic() + timeout
        while True:
            yield control.command("capture-pane -p -t w")
            if time.monotonic() >= deadline:
                return
            control.wait_for_drawing(min(deadline - time.monotonic(), 0.5))

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        for screen in self.screens(timeout):
            if text in screen:
                return screen
        raise AssertionError(f"{text!r} never appeared on screen:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        """Send ``keys`` in one go: tmux names (``C-n``, ``Enter``) and text, with no pause between them."""
        self("send-keys", "-t", "w", *keys)

    def bytes(self, data: bytes) -> None:
        """Send raw bytes, as a terminal set to another encoding would."""
        self("send-keys", "-t", "w", "-H", *(f"{byte:02x}" for byte in data))

    def stop(self) -> None:
        self._close_control()
        self("kill-server")

    def _attached(self) -> _Control:
        if self._control is None:
            self._control = _Control(self.socket, "w")
        return self._control

    def _close_control(self) -> None:
        if self._control is not None:
            self._control.close()
            self._control = None


class _Control:
    """A tmux control-mode client: commands written to it, their output read back between ``%begin`` and
    ``%end``, and notifications (``%output`` when the pane draws) in between. It takes no size of its own,
    so the window keeps the size the session was made with."""

    def __init__(self, socket: str, session: str) -> None:
        self._process = subprocess.Popen(
            ["tmux", "-L", socket, "-C", "attach-session", "-t", session],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self._buffer = b""
        self._drawn = False  # the pane drew since the last look

    def command(self, command: str, timeout: float = 20.0) -> str:
        assert self._process.stdin is not None
        self._process.stdin.write(command.encode() + b"\n")
        self._process.stdin.flush()
        deadline = time.monotonic() + timeout
        lines: list[str] | None = None
        while True:
            line = self._line(deadline)
            if line is None:
                raise AssertionError(f"tmux did not answer {command!r}")
            if lines is None:
                if line.startswith(b"%begin"):
                    lines = []
                else:
                    self._notified(line)
            elif line.startswith((b"%end", b"%error")):
                self._drawn = False
                return "".join(f"{text}\n" for text in lines)
            else:
                lines.append(line.decode("utf-8", "replace"))

    def wait_for_drawing(self, timeout: float) -> None:
        """Until the pane has drawn since the last command, or ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while not self._drawn:
            line = self._line(deadline)
            if line is None:
                return
            self._notified(line)

    def _notified(self, line: bytes) -> None:
        if line.startswith((b"%output", b"%exit")):
            self._drawn = True

    def _line(self, deadline: float) -> bytes | None:
        """The next line the client writes, or None at the deadline (or once it has ended)."""
        assert self._process.stdout is not None
        fd = self._process.stdout.fileno()
        while b"\n" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
                return None
            chunk = os.read(fd, 65536)
            if not chunk:
                return None
            self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        return line

    def close(self) -> None:
        with contextlib.suppress(OSError):
            assert self._process.stdin is not None
            self._process.stdin.close()
        self._process.terminate()
        self._process.wait()
        assert self._process.stdout is not None
        self._process.stdout.close()


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    server = Tmux()
    yield server
    server.stop()


def offer_answered(config: Path) -> None:
    """Settings in ``config`` that say the first-run offer of encryption was answered, as on every start
    but the first: without them a new journal opens under the offer."""
    config.mkdir(exist_ok=True)
    (config / "settings.toml").write_text("encryption_offered = true\n", encoding="utf-8")


def workshop_command(
    data_dir: Path, program: Path, *, offer_encryption: bool = False, patch: str | None = None
) -> str:
    """The shell command that starts the workshop on ``data_dir``; with ``patch``, that Python code is run
    in the app's process first (a test's stand-in for something slow or rare)."""
    config = data_dir.parent / "config"
    if not offer_encryption:
        offer_answered(config)
    env = f"env TERM=xterm-256color WORKSHOP_CONFIG_DIR={shlex.quote(str(config))}"
    arguments = ["--data-dir", str(data_dir), "--program", str(program)]
    if patch is None:
        return f"{env} {shlex.quote(sys.executable)} -m workshop {shlex.join(arguments)}"
    script = f"import sys\n{patch}\nfrom workshop.cli import main\nsys.exit(main({arguments!r}))\n"
    return f"{env} {shlex.quote(sys.executable)} -c {shlex.quote(script)}"


SHORT_LOCK_WAIT = (
    "from workshop.journal.lock import SessionLock\n"
    "acquire = SessionLock.acquire\n"
    "SessionLock.acquire = lambda self, wait=0.0: acquire(self, min(wait, 0.1))\n"
)
"""For a second window (``workshop_command``'s ``patch``): it waits a tenth of a second, not the second
(``DEFAULT_WAIT``) it gives a window that may be closing, before it says the journal is open elsewhere."""


def until_it_ends(command: str) -> str:
    """``command``, then its exit status on screen, and the window kept open to read it."""
    return f"sh -c {shlex.quote(command + '; echo EXIT=$?; sleep 60')}"


def answers(data_dir: Path, program_dir: Path) -> dict[str, Value]:
    """Every answer of the first run, as the journal on disk holds it, by step id."""
    program = load_program(program_dir)
    with Journal.open(data_dir, program, lock=False) as journal:
        return _by_step(journal.runs[0], program)


def _by_step(run: Run, program: Program) -> dict[str, Value]:
    found = {}
    for module in program.modules:
        for step in module.steps:
            answer = run.answer(step.id)
            if answer is not None:
                found[step.id] = answer.value
    return found


def reopened(data_dir: Path, program_dir: Path) -> tuple[dict[str, Value], str | None]:
    """What the next window opens on once the last one has let the journal go: every answer of the first
    run, and the words of home's Continue button. Waits, as a new window would, for the lock (a closing
    window saves and lets go within its grace period; the test fails here if it never does)."""
    program = load_program(program_dir)
    with Journal.open(data_dir, program, wait=15.0) as journal:
        run = journal.runs[0]
        return _by_step(run, program), continue_label(run, ProgramOutline.of(program))


def start_day_one(tmux: Tmux, data_dir: Path, program_dir: Path) -> None:
    tmux.start(until_it_ends(workshop_command(data_dir, program_dir)))
    tmux.wait_for("Begin day 1")
    tmux.keys("c")
    tmux.wait_for("Step 1 of 8")


def test_words_typed_at_once_after_next_and_back_are_all_kept(
    tmux: Tmux, tmp_path: Path, mini_program_dir: Path
) -> None:
    data_dir = tmp_path / "data"
    start_day_one(tmux, data_dir, mini_program_dir)
    # Next, and straight away a sentence; next again, a score, on to the checklist, back twice and more
    # words at once: every key arrives while a step is being built.
    tmux.keys(
        "C-n", "typed the moment the step changed", "C-n", "7", "C-n", "C-b", "C-b", " and again after back"
    )
    tmux.wait_for("and again after back")
    tmux.keys("C-q")
    tmux.wait_for("EXIT=0")
    saved = answers(data_dir, mini_program_dir)
    assert saved["first-thought"] == TextValue("typed the moment the step changed and again after back")
    assert saved["meaning-now"] == IntegerValue(7)


def test_enter_then_text_at_once_starts_the_next_item_and_coming_back_adds_to_the_first(
    tmux: Tmux, tmp_path: Path, mini_program_dir: Path
) -> None:
    data_dir = tmp_path / "data"
    start_day_one(tmux, data_dir, mini_program_dir)
    tmux.keys("C-o", "C-o", "C-o", "C-o")  # on to the list of five, leaving the steps before it open
    tmux.wait_for("Step 5 of 8")
    tmux.keys("walks", "Enter", "music", "Enter", "an early night")
    tmux.wait_for("an early night")
    # Away and straight back, then type: the first line gets the words at its end, nothing is replaced.
    tmux.keys("C-b", "C-n", " by the river")
    tmux.wait_for("by the river")
    tmux.keys("C-q")
    tmux.wait_for("EXIT=0")
    saved = answers(data_dir, mini_program_dir)
    assert saved["five-things"] == ItemsValue(("walks by the river", "music", "an early night", "", ""))


def test_fast_typing_then_ctrl_q_at_once_keeps_the_last_word(
    tmux: Tmux, tmp_path: Path, mini_program_dir: Path
) -> None:
    data_dir = tmp_path / "data"
    start_day_one(tmux, data_dir, mini_program_dir)
    tmux.keys("C-n")
    tmux.wait_for("What brought you here today?")
    sentence = "Some days I forget why I chose this, and then a patient reminds me without knowing it"
    tmux.keys(sentence, "C-q")
    tmux.wait_for("EXIT=0")
    assert answers(data_dir, mini_program_dir)["first-thought"] == TextValue(sentence)


def test_keys_typed_while_the_app_loads_with_ctrl_q_quit_it_and_keep_the_words(
    tmux: Tmux, tmp_path: Path, mini_program_dir: Path
) -> None:
    """c, ctrl+n, a sentence and ctrl+q typed while the app still loads: the sentence is kept and the app
    quits. Before Textual sets the terminal up, the terminal takes ctrl+q as flow control (XON) and never
    passes it on, so the app stayed open. The keys are sent once the app has turned flow control off but
    the terminal is still in its line mode (``icanon``: not yet Textual's), which is what the fix changes;
    without it that moment never comes, and the test fails there. The terminal's own setting comes back."""
    data_dir = tmp_path / "data"
    tmux.start(until_it_ends(workshop_command(data_dir, mini_program_dir)))
    pane = tmux("display-message", "-p", "-t", "w", "#{pane_tty}").strip()

    def flags() -> set[str]:
        found = subprocess.run(["stty", "-F", pane, "-a"], capture_output=True, text=True, check=False)
        return set(found.stdout.split())

    deadline = time.monotonic() + 20
    while not {"-ixon", "icanon"} <= flags():
        assert time.monotonic() < deadline, f"flow control never went off before the app's own mode: {flags()}"
        time.sleep(0.005)
    tmux.keys("c", "C-n", "typed while it loads", "C-q")
    tmux.wait_for("EXIT=0")
    assert answers(data_dir, mini_program_dir)["first-thought"] == TextValue("typed while it loads")
    assert "ixon" in flags()  # the terminal's own setting, given back


def test_a_byte_that_is_not_utf8_is_read_as_text_not_a_crash(
    tmux: Tmux, tmp_path: Path, mini_program_dir: Path
) -> None:
    data_dir = tmp_path / "data"
    start_day_one(tmux, data_dir, mini_program_dir)
    tmux.keys("C-n")
    tmux.wait_for("What brought you here today?")
    tmux.keys("a coffee at the ")
    tmux.bytes("caf\xe9".encode("latin-1"))  # pasted from a terminal set to Latin-1
    tmux.keys(" with a colleague")
    screen = tmux.wait_for("with a colleague")
    assert "Traceback" not in screen
    tmux.keys("C-q")
    screen = tmux.wait_for("EXIT=0")
    assert "Traceback" not in screen and "Error" not in screen
    assert answers(data_dir, mini_program_dir)["first-thought"] == TextValue(
        "a coffee at the café with a colleague"
    )


def test_closing_the_terminal_mid_sentence_keeps_the_sentence(
    tmux: Tmux, tmp_path: Path, mini_program_dir: Path
) -> None:
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

    # The next window opens on the half-typed sentence, at the step it was typed in.
    saved, home_says = reopened(data_dir, mini_program_dir)
    assert saved["first-thought"] == TextValue("I came because the days blur tog")
    assert home_says == "Continue: day 1, step 2"


def test_a_second_window_is_told_calmly(tmux: Tmux, tmp_path: Path, mini_program_dir: Path) -> None:
    data_dir = tmp_path / "data"
    tmux.start(workshop_command(data_dir, mini_program_dir))
    tmux.wait_for("Continue")
    second = Tmux()
    try:
        second.start(workshop_command(data_dir, mini_program_dir, patch=SHORT_LOCK_WAIT))
        screen = second.wait_for("already open in another window")
        assert "PID" in screen
        assert "Traceback" not in screen
    finally:
        second.stop()
    assert "Continue" in tmux.screen()  # the first window carries on, untouched


def test_a_closed_terminal_never_leaves_the_app_running(tmux: Tmux, tmp_path: Path, mini_program_dir: Path) -> None:
    # When the terminal goes away, Textual's output thread can die on a write and its shutdown then waits
    # for it forever. Make that hang certain, close the terminal, and the app must still save, let the
    # lock go and end, so the next window opens on the saved words. Only the watchdog can end it here, so
    # its grace period (3 s for users) is made short: what is tested is that it ends, not when.
    data_dir, pid_file = tmp_path / "data", tmp_path / "pid"
    hang = (
        "import os, threading\n"
        "from textual.drivers._writer_thread import WriterThread\n"
        "import workshop.tui.app\n"
        "WriterThread.stop = lambda self: threading.Event().wait()\n"
        "workshop.tui.app.STOP_GRACE = 0.5\n"
        f"open({str(pid_file)!r}, 'w').write(str(os.getpid()))\n"
    )
    tmux.start(workshop_command(data_dir, mini_program_dir, patch=hang))
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
        time.sleep(POLL)
    assert not _running(pid), "the app was still running long after its terminal closed"

    saved, home_says = reopened(data_dir, mini_program_dir)  # the next window opens on the saved words
    assert saved["first-thought"] == TextValue("Still here after the hang")
    assert home_says == "Continue: day 1, step 2"


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie has ended; only its parent has not collected it yet
        return "zombie" not in Path(f"/proc/{pid}/status").read_text().lower()
    except FileNotFoundError:
        return False
