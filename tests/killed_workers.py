"""Processes to kill with SIGKILL, for the crash tests, at the cost of one Python start in all.

A crash test kills a writer at a random moment, checks the files, and does it again a dozen times or more.
Started afresh each time, every writer paid a Python start and its imports (up to 0.4 s of CPU, the price
of sixty saves); here one process is started once, imports what the workers need, and forks each worker
from itself. A forked worker is a new process like any other: it opens the journal afresh, and what the
previous one left behind (a lock, temporary files, a file half converted) is there for it to find.

The script given defines ``work(*arguments)``, which never returns; ``Workers.start`` forks one that runs
it, ``Workers.kill`` kills it and waits until it is reaped (so nothing can see a dead worker as still
holding the journal) and returns what it printed after the lines already read.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from types import TracebackType

_FORK_ON_REQUEST = r"""
import os as _os
import sys as _sys

for _request in _sys.stdin:  # the arguments of one worker; the next line comes once it has been killed
    _worker = _os.fork()
    if _worker == 0:
        try:
            print("worker", _os.getpid(), flush=True)  # said here, so it comes before anything work prints
            work(*_request.rstrip("\n").split("\t"))
        except BaseException:
            import traceback

            traceback.print_exc()  # to the test's standard error, before the worker ends unkilled
        finally:
            _os._exit(1)
    _sys.stdin.readline()
    print("reaped", _os.waitpid(_worker, 0)[1], flush=True)
"""


class Workers:
    """The forking process (``with Workers(script, *argv) as workers:``); ``script`` defines ``work``."""

    def __init__(self, script: str, *argv: str) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-c", script + _FORK_ON_REQUEST, *argv],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            start_new_session=True,  # its own process group: closing takes down every worker with it
        )
        self._worker: int | None = None

    def start(self, *arguments: str) -> None:
        """Fork a worker that runs ``work(*arguments)``."""
        assert self._worker is None, "one worker at a time"
        self._send("\t".join(arguments))
        line = self.readline()
        assert line.startswith("worker "), line
        self._worker = int(line.split()[1])

    def readline(self) -> str:
        """The next line the worker printed ("" when the forking process has ended)."""
        assert self._process.stdout is not None
        return self._process.stdout.readline()

    def kill(self) -> list[str]:
        """SIGKILL the worker; once it is reaped, the lines it printed that were not read yet.

        Raises ``AssertionError`` when the worker had ended before it was killed (it failed)."""
        assert self._worker is not None
        os.kill(self._worker, signal.SIGKILL)
        self._worker = None
        self._send("killed")
        lines = []
        while not (line := self.readline()).startswith("reaped "):
            assert line, "the forking process ended"
            lines.append(line)
        status = int(line.split()[1])
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, f"the worker ended: {status}"
        return lines

    def close(self) -> None:
        os.killpg(self._process.pid, signal.SIGKILL)
        self._process.wait()
        for pipe in (self._process.stdin, self._process.stdout):
            if pipe is not None:
                pipe.close()

    def _send(self, line: str) -> None:
        assert self._process.stdin is not None
        self._process.stdin.write(line + "\n")
        self._process.stdin.flush()

    def __enter__(self) -> Workers:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()
