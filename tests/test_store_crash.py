"""Crash safety: a writer killed with SIGKILL at random moments never leaves a torn or empty file.

A separate process saves over and over (two module files and the run file each time, of varying sizes);
the test kills it at a random moment, then checks that every file parses and holds either the last
acknowledged state or the one being written, never anything else, and that the next start is not blocked.
Sixteen writers or more, each a new process, are killed that way.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from tests.conftest import MINI_PROGRAM
from tests.expect import value_as
from tests.killed_workers import Workers
from workshop.answers import CommitmentValue, TextValue
from workshop.content.loader import load_any
from workshop.content.models import Program
from workshop.journal.format import backup_path, decode_module, decode_run, parse_bytes
from workshop.journal.store import Journal

MIN_SAVES = 100
MIN_KILLS = 16

# Each writer is forked from one process started once (tests/killed_workers.py): a Python start and these
# imports cost as much CPU as sixty saves.
WRITER = r"""
import sys
from pathlib import Path
from workshop.content.loader import load_any
from workshop.answers import CommitmentValue, TextValue
from workshop.journal.store import Journal

program = load_any(Path(sys.argv[1]))


def work(data, n):
    data, n = Path(data), int(n)
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
"""


def state_of(text: str) -> int:
    assert text.startswith("state ")
    return int(text.split()[1].split("-")[0])


def kill_at_random(writers: Workers, data: Path, start: int, rng: random.Random) -> int | None:
    """Run a writer from state ``start``, SIGKILL it at a random moment.

    Returns the last state it acknowledged (a save that returned), or None if it acknowledged none.
    """
    writers.start(str(data), str(start))
    line = writers.readline()
    assert line == "ready\n", line
    # Let it make a random number of saves first, then kill it at a random moment within the next few.
    acknowledged = []
    for _ in range(rng.randint(0, 2 * MIN_SAVES // MIN_KILLS)):
        line = writers.readline()
        if not line:
            break
        acknowledged.append(line)
    time.sleep(rng.uniform(0, 0.03))
    lines = [*acknowledged, *writers.kill()]
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
    with Workers(WRITER, str(MINI_PROGRAM)) as writers:
        while saves < MIN_SAVES or kills < MIN_KILLS:
            # A writer killed before its first save returned acknowledged nothing: the last acknowledged
            # state is still the previous writer's, while files may hold what either was writing.
            last = kill_at_random(writers, tmp_path, state, rng)
            in_flight = (state if last is None else last) + 1
            if last is not None:
                saves += last - state
                acknowledged = last
            kills += 1
            state = check_files(tmp_path, program, acknowledged, in_flight)
    with Journal.open(tmp_path, program):  # a killed holder never blocks the next start; temps are swept
        pass
    leftovers = [p.name for p in tmp_path.rglob(".*.tmp")]
    assert leftovers == [], f"seed {seed}"
