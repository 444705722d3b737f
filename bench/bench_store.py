"""Benchmark the journal store: save latency with a year of history against an empty journal, and export.

Run:  python bench/bench_store.py [--saves 1000] [--dir DIR] [--no-fsync]

A "year" is 12 runs of a four-day program with ten long answers (about 2,000 characters) per day, as
someone might build doing the program monthly. Saving one answer rewrites one module file (plus the run
file when the position moves), so its cost should not depend on the history. The goal is a p99 of at
most 5 ms, the same with and without the history. Timings include the fsyncs, so they depend on the disk:
run it on the disk that holds your real journal (``--dir``) for figures that mean something. The disk's own
floor (one bare atomic write of a day-sized file: temp file, fsync, rename, folder fsync) is timed in the
same run, interleaved with the saves, so the two can be compared on a busy machine.
Not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from history import (
    ANSWER_CHARS,
    DAYS,
    RUNS,
    STEPS,
    build_year,
    long_answer,
    make_program,
    median,
    percentile,
    tree_size,
)

from workshop.answers import TextValue
from workshop.content.models import Program
from workshop.journal.crypto import Identity, KeyFiles
from workshop.journal.store import Journal, Run
from workshop.reports.export import render_html, render_json, render_markdown

BENCH_PASSPHRASE = "a passphrase for the benchmark only"


def fill_day(journal: Journal, run: Run, program: Program) -> None:
    """A day already written, so the file being saved is the size of a real day's file."""
    module = program.modules[0]
    for step in module.steps:
        run.set_answer(module.id, step.id, TextValue(long_answer(0)))
    journal.save(run)


def disk_floor(folder: Path, size: int, writes: int) -> list[float]:
    """Milliseconds for the bare atomic write a save is built on, with nothing of ours around it.

    A new temporary file of ``size`` bytes, written, fsynced, renamed over the real one, then the folder
    fsynced: the least any durable save can cost on this disk.
    """
    folder.mkdir()
    data = os.urandom(size)
    real = folder / "real.toml"
    timings = []
    for _ in range(writes):
        start = time.perf_counter()
        temp = folder / f".real.toml.{secrets.token_hex(4)}.tmp"
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.write(fd, data)
        os.fsync(fd)
        os.close(fd)
        os.replace(temp, real)
        dir_fd = os.open(folder, os.O_RDONLY)
        os.fsync(dir_fd)
        os.close(dir_fd)
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def save_latencies(
    folder: Path, program: Program, saves: int, *, new_run: bool, identity: Identity | None = None
) -> list[float]:
    """Milliseconds for set_answer + save of one answer, ``saves`` times, in the newest run.

    Every fifth save also moves the position, so it rewrites the run file too, as a step move does;
    the others are what an autosave while typing writes: one module file.
    """
    module = program.modules[0]
    timings = []
    with Journal.open(folder, program, identity=identity) as journal:
        run = journal.current_run()
        if new_run or run is None:
            run = journal.new_run()
            fill_day(journal, run, program)
        for n in range(saves):
            step = module.steps[n % len(module.steps)]
            value = TextValue(long_answer(time.perf_counter_ns()))
            start = time.perf_counter()
            run.set_answer(module.id, step.id, value)
            if n % 5 == 0:
                run.set_position(module.id, step.id)  # alternates between two steps, so it always moves
            journal.save(run)
            timings.append((time.perf_counter() - start) * 1000)
    return timings


def describe(label: str, timings: list[float]) -> str:
    return (
        f"{label:<32} n={len(timings):<5} p50={median(timings):6.2f} ms  "
        f"p95={percentile(timings, 0.95):6.2f} ms  p99={percentile(timings, 0.99):6.2f} ms  "
        f"max={max(timings):6.2f} ms"
    )


def timed(action: Callable[[], object], repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=1000, help="saves to time in each case (default 1000)")
    parser.add_argument("--dir", type=Path, help="where to build the journals (default: a temporary folder)")
    parser.add_argument(
        "--no-fsync", action="store_true", help="skip fsync, to see the cost of everything but the disk"
    )
    args = parser.parse_args()
    if args.no_fsync:
        os.fsync = lambda fd: None  # measurement only: shows the CPU and file-system cost without the disk
    program = make_program()
    with tempfile.TemporaryDirectory(dir=args.dir) as root:
        empty, year, sealed = Path(root) / "empty", Path(root) / "year", Path(root) / "encrypted"
        # An encrypted journal: the same saves, each encrypted to the public key (age, X25519).
        start = time.perf_counter()
        identity = KeyFiles(sealed).create(BENCH_PASSPHRASE)
        made = time.perf_counter() - start
        start = time.perf_counter()
        KeyFiles(sealed).unlock(BENCH_PASSPHRASE)
        unlocked = time.perf_counter() - start
        start = time.perf_counter()
        build_year(year, program)
        size = tree_size(year)
        print(f"Folder: {root}")
        print(
            f"History: {RUNS} runs x {DAYS} days x {STEPS} answers of {ANSWER_CHARS} chars = "
            f"{size / 1e6:.1f} MB of TOML, built in {time.perf_counter() - start:.1f} s"
        )
        # Interleaved in rounds, so that a burst of load from other processes lands on all three alike.
        floor: list[float] = []
        without: list[float] = []
        with_history: list[float] = []
        encrypted: list[float] = []
        day_size = 0
        rounds = 5
        for number in range(rounds):
            without += save_latencies(empty, program, args.saves // rounds, new_run=number == 0)
            with_history += save_latencies(year, program, args.saves // rounds, new_run=number == 0)
            encrypted += save_latencies(
                sealed, program, args.saves // rounds, new_run=number == 0, identity=identity
            )
            day_size = day_size or max(p.stat().st_size for p in (empty / "journal").rglob("day-1.toml"))
            floor += disk_floor(Path(root) / f"floor-{number}", day_size, args.saves // rounds)
        print(describe(f"disk floor ({day_size // 1000} kB atomic)", floor))
        print(describe("save, empty journal", without))
        print(describe("save, a year of history", with_history))
        print(describe("save, empty journal, encrypted", encrypted))
        print(f"p99 encrypted / plain (empty journal): {percentile(encrypted, 0.99) / percentile(without, 0.99):.2f}")
        work = KeyFiles(sealed).work_factor()
        print(f"make the keys: {made * 1000:7.0f} ms; unlock (scrypt, work factor 2^{work}): {unlocked * 1000:7.0f} ms")
        p99 = percentile(with_history, 0.99)
        print(f"p99 with history / without: {p99 / percentile(without, 0.99):.2f}")
        print(f"p99 with history / disk floor p99: {p99 / percentile(floor, 0.99):.2f}")

        with Journal.open(year, program, lock=False) as journal:
            runs = journal.runs
            print(
                f"open the year (load {len(runs)} runs): {timed(lambda: Journal.open(year, program, lock=False).close()):7.1f} ms"
            )
            for name, render in (("markdown", render_markdown), ("html", render_html), ("json", render_json)):
                text = render(program, runs)
                print(
                    f"export {name:<8} ({len(text) / 1e6:4.1f} MB): {timed(partial(render, program, runs)):7.1f} ms"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
