"""Running a program on a pseudo-terminal and answering its prompts, as a person at a keyboard would.

``age`` and ``getpass`` read passphrases from the controlling terminal, never from standard input, so a
test that types one must give the program a terminal of its own.
"""

from __future__ import annotations

import os
import pty
import select
import time
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class PtyResult:
    exit_code: int
    screen: bytes
    """Everything the program wrote to the terminal (prompts, and anything echoed)."""


def run_in_pty(
    argv: Sequence[str], replies: Sequence[tuple[bytes, bytes]], timeout: float = 60.0
) -> PtyResult:
    """Run ``argv`` on a new terminal; each time the next expected prompt appears, type its reply + Enter."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: its controlling terminal is the pty
        try:
            os.execvp(argv[0], list(argv))
        finally:
            os._exit(127)
    screen = b""
    pending = list(replies)
    seen = 0  # answered prompts are looked for only in what came after the previous one
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.1)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            screen += chunk
            if pending and pending[0][0] in screen[seen:]:
                seen = len(screen)
                os.write(fd, pending.pop(0)[1] + b"\r")
        else:
            os.kill(pid, 9)
    finally:
        os.close(fd)
    _, status = os.waitpid(pid, 0)
    return PtyResult(os.waitstatus_to_exitcode(status), screen)
