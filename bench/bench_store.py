"""Benchmark the journal store: save latency with a year of history against an empty journal, and export.

Run:  python bench/bench_store.py [--saves 1000] [--dir DIR]

A "year" is 12 runs of a four-day program with ten long answers (about 2,000 characters) per day, as
someone might build doing the program monthly. Saving one answer rewrites one module file (plus the run
file when the position moves), so its cost should not depend on the history. The goal is a p99 of at
most 5 ms, the same with and without the history. Timings include the fsyncs, so they depend on the disk:
run it on the disk that holds your real journal (``--dir``) for figures that mean something.
Not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from workshop.content.models import Module, Program
from workshop.progress.answers import TextValue
from workshop.progress.export import render_html, render_json, render_markdown
from workshop.progress.store import Journal, Run

DAYS, STEPS, RUNS, ANSWER_CHARS = 4, 10, 12, 2000


def make_program() -> Program:
    modules = tuple(
        Module.model_validate(
            {
                "id": f"day-{day}",
                "day": day,
                "title": f"Day {day}",
                "summary": "A benchmark day.",
                "minutes": 30,
                "steps": [
                    {"id": f"d{day}-q{n}", "kind": "prompt", "title": f"Question {n}", "question": "Why?"}
                    for n in range(STEPS)
                ],
            }
        )
        for day in range(1, DAYS + 1)
    )
    return Program(id="bench", title="Benchmark", version="1.0", description="Bench.", modules=modules)


def long_answer(seed: int) -> str:
    words = (
        "the night shift again, and still the reason I chose this work; 😀 \"quotes\" 'and' \\ [brackets]\n"
    )
    return (f"{seed}: " + words * (ANSWER_CHARS // len(words) + 1))[:ANSWER_CHARS]


def build_year(folder: Path, program: Program) -> None:
    with Journal.open(folder, program) as journal:
        for number in range(RUNS):
            run = journal.new_run()
            for module in program.modules:
                for step in module.steps:
                    run.set_answer(module.id, step.id, TextValue(long_answer(number)))
                run.set_position(module.id, module.steps[-1].id)
                journal.save(run)
            run.mark_finished()
            journal.save(run)


def fill_day(journal: Journal, run: Run, program: Program) -> None:
    """A day already written, so the file being saved is the size of a real day's file."""
    module = program.modules[0]
    for step in module.steps:
        run.set_answer(module.id, step.id, TextValue(long_answer(0)))
    journal.save(run)


def save_latencies(folder: Path, program: Program, saves: int) -> list[float]:
    """Milliseconds for set_answer + save of one answer, ``saves`` times, in a new run."""
    module = program.modules[0]
    timings = []
    with Journal.open(folder, program) as journal:
        run = journal.new_run()
        fill_day(journal, run, program)
        for n in range(saves):
            step = module.steps[n % len(module.steps)]
            value = TextValue(long_answer(n + 1))
            start = time.perf_counter()
            run.set_answer(module.id, step.id, value)
            if n % 5 == 0:
                run.set_position(module.id, step.id)  # some saves also rewrite the run file
            journal.save(run)
            timings.append((time.perf_counter() - start) * 1000)
    return timings


def describe(label: str, timings: list[float]) -> str:
    ordered = sorted(timings)
    p = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]  # noqa: E731
    return (
        f"{label:<28} n={len(ordered):<5} p50={statistics.median(ordered):6.2f} ms  "
        f"p95={p(0.95):6.2f} ms  p99={p(0.99):6.2f} ms  max={ordered[-1]:6.2f} ms"
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
        import os

        os.fsync = lambda fd: None  # measurement only: shows the CPU and file-system cost without the disk
    program = make_program()
    with tempfile.TemporaryDirectory(dir=args.dir) as root:
        empty, year = Path(root) / "empty", Path(root) / "year"
        start = time.perf_counter()
        build_year(year, program)
        size = sum(p.stat().st_size for p in year.rglob("*.toml") if ".backup." not in p.name)
        print(f"Folder: {root}")
        print(
            f"History: {RUNS} runs x {DAYS} days x {STEPS} answers of {ANSWER_CHARS} chars = "
            f"{size / 1e6:.1f} MB of TOML, built in {time.perf_counter() - start:.1f} s"
        )
        without = save_latencies(empty, program, args.saves)
        with_history = save_latencies(year, program, args.saves)
        print(describe("save, empty journal", without))
        print(describe("save, a year of history", with_history))
        ratio = (
            sorted(with_history)[int(0.99 * len(with_history))] / sorted(without)[int(0.99 * len(without))]
        )
        print(f"p99 with history / without: {ratio:.2f}")

        with Journal.open(year, program, lock=False) as journal:
            runs = journal.runs
            print(
                f"open the year (load {len(runs)} runs): {timed(lambda: Journal.open(year, program, lock=False).close()):7.1f} ms"
            )
            for name, render in (("markdown", render_markdown), ("html", render_html), ("json", render_json)):
                text = render(program, runs)
                print(
                    f"export {name:<8} ({len(text) / 1e6:4.1f} MB): {timed(lambda r=render: r(program, runs)):7.1f} ms"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
