"""Crash safety: a writer killed with SIGKILL at random moments never leaves a torn or empty file.

A separate process saves over and over (two module files and the run file each time, of varying sizes);
the test kills it at a random moment (sixteen times or more, each writer forked from one process started
once), then checks that every file parses and holds either the last
acknowledged state or the one being written, never anything else, and that the next start is not blocked.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import MINI_PROGRAM
from tests.expect import value_as
from workshop.answers import CommitmentValue, TextValue
from workshop.content.loader import load_any
from workshop.content.models import Program
from workshop.journal.format import backup_path, decode_module, decode_run, parse_bytes
from workshop.journal.store import Journal

MIN_SAVES = 100
MIN_KILLS = 16

# One Python start for the whole test (imports and the program cost a start about 0.4 s of CPU, sixty
# saves' worth): the process below forks a writer for each kill, and reaps it once the test has killed
# it, so each writer is a new process that opens the journal afresh after the last one was killed.
WRITERS = r"""
import os
import sys
from pathlib import Path
from workshop.content.loader import load_any
from workshop.answers import CommitmentValue, TextValue
from workshop.journal.store import Journal

data, program = Path(sys.argv[1]), load_any(Path(sys.argv[2]))


def write_forever(n):
    journal = Journal.open(data, program, wait=10)
    run = journal.current_run() or journal.new_run()
    print("ready", flush=True)
    while True:
        n += 1
        pad = "x" * (n % 7 * 3000)  # sizes vary, so a torn write could not pass for a whole one
        run.set_answer("one", "first-thought", TextValue(f"state {n}\r\n{pad}"))
        run.set_answer("two", "closing", CommitmentValue(f"state {n}", pad))
        run.set_position("one", f"state-{n}")
        journal.save(run)
        print(n, flush=True)


for start in sys.stdin:  # a writer from this state; the next line is sent once the test has killed it
    writer = os.fork()
    if writer == 0:
        try:
            write_forever(int(start))
        finally:
            os._exit(1)
    print("writer", writer, flush=True)
    sys.stdin.readline()
    os.waitpid(writer, 0)  # reaped, so nothing sees a dead writer as still holding the journal
    print("reaped", flush=True)
"""


def state_of(text: str) -> int:
    assert text.startswith("state ")
    return int(text.split()[1].split("-")[0])


def kill_at_random(writers: subprocess.Popen[str], start: int, rng: random.Random) -> int | None:
    """Have ``writers`` start a writer from state ``start``, SIGKILL it at a random moment, and wait until
    it is reaped. Returns the last state it acknowledged (a save that returned), or None if it acknowledged
    none."""
    assert writers.stdin is not None and writers.stdout is not None
    writers.stdin.write(f"{start}\n")
    writers.stdin.flush()
    started = writers.stdout.readline()
    assert started.startswith("writer "), started
    writer = int(started.split()[1])
    line = writers.stdout.readline()
    assert line == "ready\n", line
    # Let it make a random number of saves first, then kill it at a random moment within the next few.
    acknowledged = []
    for _ in range(rng.randint(0, 2 * MIN_SAVES // MIN_KILLS)):
        line = writers.stdout.readline()
        if not line:
            break
        acknowledged.append(line)
    time.sleep(rng.uniform(0, 0.03))
    os.kill(writer, signal.SIGKILL)
    writers.stdin.write("killed\n")
    writers.stdin.flush()
    lines = [*acknowledged]
    while (line := writers.stdout.readline()) != "reaped\n":
        assert line, "the writers' process ended"
        lines.append(line)
    return int(lines[-1]) if lines else None


def check_files(data: Path, program: Program, acknowledged: int, in_flight: int) -> int:
    """Every file parses; each holds a state from the last acknowledged to the one being written when the
    writer died (never older: that would be a lost save). Returns the newest found."""
    with Journal.open(data, program, lock=False) as journal:
        assert journal.problems == [], journal.problems
        run = journal.runs[0]
        found = [
            state_of(value_as(run.answer("first-thought"), TextValue).text),
            state_of(value_as(run.answer("closing"), CommitmentValue).action),
            state_of((run.position or ("", "state-0"))[1].replace("-", " ")),
        ]
    for state in found:
        assert acknowledged <= state <= in_flight, (found, acknowledged, in_flight)
    folder = data / "journal" / "mini" / "run-001"
    # The backups, too, are whole files. The first save after the setup makes them, so a writer killed
    # during it may leave some not made yet; once a later save is acknowledged they must all be there.
    for name in ("one.toml", "two.toml", "_run.toml"):
        backup = backup_path(folder / name)
        if acknowledged == 0 and not backup.exists():
            continue
        if name == "_run.toml":
            decode_run(parse_bytes(backup.read_bytes()))
        else:
            decode_module(parse_bytes(backup.read_bytes()), name)
    return max(found)


@pytest.mark.slow
def test_sigkill_at_random_moments_never_leaves_a_torn_file(tmp_path: Path) -> None:
    program = load_any(MINI_PROGRAM)
    assert isinstance(program, Program)
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    with Journal.open(tmp_path, program) as journal:  # state 0 on disk, so every later check has a base
        run = journal.new_run()
        run.set_answer("one", "first-thought", TextValue("state 0"))
        run.set_answer("two", "closing", CommitmentValue("state 0"))
        run.set_position("one", "state-0")
        journal.save(run)
    saves = kills = 0
    state = acknowledged = 0
    writers = subprocess.Popen(
        [sys.executable, "-c", WRITERS, str(tmp_path), str(MINI_PROGRAM)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, so a failure here takes every writer down with it
    )
    try:
        while saves < MIN_SAVES or kills < MIN_KILLS:
            # A writer killed before its first save returned acknowledged nothing: the last acknowledged
            # state is still the previous writer's, while files may hold what either was writing.
            last = kill_at_random(writers, state, rng)
            in_flight = (state if last is None else last) + 1
            if last is not None:
                saves += last - state
                acknowledged = last
            kills += 1
            state = check_files(tmp_path, program, acknowledged, in_flight)
    finally:
        os.killpg(writers.pid, signal.SIGKILL)
        writers.wait()
    with Journal.open(tmp_path, program):  # a killed holder never blocks the next start; temps are swept
        pass
    leftovers = [p.name for p in tmp_path.rglob(".*.tmp")]
    assert leftovers == [], f"seed {seed}"
