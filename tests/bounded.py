"""Running ``workshop`` commands in a child process with a time limit and a memory limit.

For files that, read the naive way, hang for ever (a named pipe) or fill memory (``/dev/zero``): a test
that ran them in its own process would hang or take the machine down instead of failing. One child runs a
whole list of commands (each through ``workshop.cli.main``, as the console script does, with its own
alarm), because starting Python once per command would cost seconds on a loaded machine.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass

SECONDS_EACH = 20
"""Far more than any command here needs (well under a second), far less than a hang."""
MEMORY = 1024 * 1024 * 1024
"""Address space for the child: a few times what the workshop uses, a small part of a /dev/zero read."""

_CHILD = r"""
import contextlib, io, json, resource, signal, sys
resource.setrlimit(resource.RLIMIT_AS, ({memory}, {memory}))

def give_up(signum, frame):
    raise TimeoutError("hung")

signal.signal(signal.SIGALRM, give_up)
from workshop.cli import main

results = []
for argv in json.load(sys.stdin):
    out, err = io.BytesIO(), io.BytesIO()
    stdout = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
    stderr = io.TextIOWrapper(err, encoding="utf-8", write_through=True)
    signal.alarm({seconds})
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            code = main(argv)
    except TimeoutError:
        code = "timed out"
    except MemoryError:
        code = "ran out of memory"
    except SystemExit as exit_:
        code = exit_.code
    signal.alarm(0)
    results.append([code, out.getvalue().decode("utf-8", "replace"), err.getvalue().decode("utf-8", "replace")])
json.dump(results, sys.__stdout__)
"""


@dataclass(frozen=True)
class Result:
    argv: list[str]
    code: int | str
    """The exit code, or ``"timed out"`` / ``"ran out of memory"``."""
    stdout: str
    stderr: str


def run_commands(commands: list[list[str]]) -> list[Result]:
    """Run each ``workshop ARGV`` in ``commands``, in one child process, within the limits."""
    child = _CHILD.format(memory=MEMORY, seconds=SECONDS_EACH)
    done = subprocess.run(
        [sys.executable, "-c", child],
        input=json.dumps(commands),
        capture_output=True,
        text=True,
        timeout=SECONDS_EACH * len(commands) + 30,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return [Result(argv, *found) for argv, found in zip(commands, json.loads(done.stdout), strict=True)]
