"""A real terminal for the benchmarks: a pseudo-terminal, a child process on it, and what the screen said.

The child gets the pty as its stdin, stdout, stderr and controlling terminal, with a window size and
TERM=xterm-256color, exactly as in a terminal emulator (Textual writes its frames to stderr). A thread
drains the pty all the time, so the child never blocks on a full buffer, and keeps the text it wrote with
escape sequences removed, so a test for "Day 4 is on screen" is a plain substring search.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import termios
import threading
import time
from pathlib import Path

# CSI (cursor moves, colours, modes), OSC (titles, ended by BEL or ST), and two-byte escapes.
_ESCAPES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-_]")


class Terminal:
    """One child process on its own pseudo-terminal."""

    def __init__(self, argv: list[str], env: dict[str, str], *, columns: int = 120, lines: int = 40) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        env = {**env, "TERM": "xterm-256color", "COLUMNS": str(columns), "LINES": str(lines)}
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            argv,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,  # its own session, so the pty can become its controlling terminal
            preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0),
            close_fds=True,
        )
        os.close(slave)
        self.master = master
        self._text = bytearray()
        self._changed = threading.Condition()
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()

    def _drain(self) -> None:
        pending = b""
        while True:
            try:
                ready, _, _ = select.select([self.master], [], [], 0.05)
                if not ready:
                    if self.process.poll() is not None:
                        break
                    continue
                chunk = os.read(self.master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            data = pending + chunk
            # Keep an escape sequence cut at the end of the chunk for the next one.
            cut = data.rfind(b"\x1b")
            if cut != -1 and cut > len(data) - 64 and not _ESCAPES.match(data, cut):
                data, pending = data[:cut], data[cut:]
            else:
                pending = b""
            with self._changed:
                self._text += _ESCAPES.sub(b"", data)
                self._changed.notify_all()

    def text(self) -> str:
        with self._changed:
            return self._text.decode("utf-8", "replace")

    def mark(self) -> int:
        """Where the output stands now: ``wait_for(..., since=mark)`` looks only at what is drawn after it."""
        with self._changed:
            return len(self._text)

    def wait_for(self, pattern: str, timeout: float = 30.0, *, since: int = 0) -> float:
        """Seconds from the start of the process until ``pattern`` (a regular expression) is on screen
        (drawn after the ``since`` mark)."""
        wanted = re.compile(pattern.encode())
        deadline = time.perf_counter() + timeout
        with self._changed:
            while not wanted.search(self._text, since):
                left = deadline - time.perf_counter()
                if left <= 0 or (self.process.poll() is not None and not self._reader.is_alive()):
                    tail = self._text[-2000:].decode("utf-8", "replace")
                    raise TimeoutError(f"{pattern!r} never appeared; the screen ended with:\n{tail}")
                self._changed.wait(min(left, 0.05))
            return time.perf_counter() - self.started

    def send(self, data: bytes) -> None:
        os.write(self.master, data)

    def peak_rss_mib(self) -> float:
        """The child's peak resident memory so far (VmHWM), in MiB."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
        return int(match.group(1)) / 1024 if match else float("nan")

    def close(self, quit_keys: bytes = b"\x11", timeout: float = 10.0) -> int:
        """Quit the way a user does (ctrl+q), then wait; kill only if it does not end."""
        with contextlib.suppress(OSError):  # it may have ended already
            self.send(quit_keys)
        try:
            code = self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            code = self.process.wait()
        self._reader.join(2)
        os.close(self.master)
        return code
