"""Benchmark `workshop cohort` and its reader: a group's report, and hostile files refused in bounded time and memory.

Run:  python bench/bench_cohort.py [--repeat 9]

Part 1 runs ``workshop cohort`` as a fresh process (as a facilitator would) on a group of 12 scores files
and on 400 (a large institution), and on the 12 with every hostile file below mixed in; the floor is
``python -c pass`` in the same rounds. It also says whether pydantic or Textual was imported (never).

Part 2 reads each hostile file in this process: the median time of several reads and the peak memory
that tracemalloc sees, beside the floor of reading one valid file. Every hostile file must be refused;
the limit on size (1 MiB) bounds the rest. Not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from bench_cli import imported_modules, time_once
from history import REPO, bench_env, median, python

sys.path.insert(0, str(REPO))

from workshop.reports.scores import (
    MAX_BYTES,
    Measurement,
    Scale,
    Scores,
    ScoresError,
    Who5,
    read_scores,
    scores_json,
)

PROGRAM = "finding-the-thread"


def participant(number: int, rng: random.Random) -> Scores:
    def who5() -> Who5:
        return Who5(tuple(rng.randint(0, 5) for _ in range(5)))

    def feedback() -> dict[str, int]:
        return {
            "useful": rng.randint(1, 5),
            "safe-to-speak": rng.randint(1, 5),
            "recommend": rng.randint(1, 5),
        }

    points = [
        Measurement("start", "2026-W10", who5(), rng.randint(1, 5), {"meaning-scale-day-1": Scale(5, 0, 10)}, feedback()),
        Measurement("day-2", "2026-W11", feedback=feedback()),
        Measurement("day-3", "2026-W12", scales={"peer-connection-scale": Scale(6, 0, 10)}, feedback=feedback()),
        Measurement("end", "2026-W13", who5(), rng.randint(1, 5), {"meaning-scale-day-4": Scale(7, 0, 10)}, feedback()),
        Measurement("follow-up-1w", "2026-W14", who5(), rng.randint(1, 5)),
        Measurement("follow-up-1m", "2026-W18", who5(), rng.randint(1, 5)),
        Measurement("follow-up-3m", "2026-W26", who5(), rng.randint(1, 5)),
    ]  # fmt: skip
    return Scores(PROGRAM, "1.0", f"{number:032x}", tuple(points))


def hostile_files(folder: Path) -> dict[str, Path]:
    valid = json.loads(scores_json(participant(0, random.Random(0))))

    def with_points(value: object) -> str:
        return json.dumps({**valid, "points": value}, separators=(",", ":"))

    texts = {
        "10,000-deep nesting": "[" * 10_000 + "]" * 10_000,
        "1 MiB of '['": "[" * (MAX_BYTES - 16),
        "1 MiB list of 0s": with_points([0] * ((MAX_BYTES - 400) // 2)),
        "1 MiB list of {}s": with_points([{}] * ((MAX_BYTES - 400) // 3)),
        "1 MiB of strings": with_points(["a"] * ((MAX_BYTES - 400) // 4)),
        "NaN and 1e309": scores_json(participant(1, random.Random(1))).replace('"burnout": ', '"burnout": NaN, "x": 1e309, "y": ', 1),
        "5,000-digit number": scores_json(participant(2, random.Random(2))).replace('"format": 1', '"format": ' + "9" * 5000),
    }  # fmt: skip
    paths = {}
    for index, (label, text) in enumerate(texts.items()):
        paths[label] = folder / f"hostile-{index}.json"
        paths[label].write_text(text)
    huge = folder / "hostile-huge.json"
    with huge.open("wb") as file:
        file.truncate(100 * 1024 * 1024)  # sparse
    paths["100 MB file (sparse)"] = huge
    return paths


def read_once(path: Path) -> tuple[float, bool]:
    start = time.perf_counter()
    try:
        read_scores(path, PROGRAM)
        refused = False
    except ScoresError:
        refused = True
    return (time.perf_counter() - start) * 1000, refused


def peak_kib(path: Path) -> float:
    tracemalloc.start()
    try:
        read_once(path)
        return tracemalloc.get_traced_memory()[1] / 1024
    finally:
        tracemalloc.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9, help="rounds (default 9)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as root_name:
        root = Path(root_name)
        rng = random.Random(18)
        folders = {
            "12 people": root / "twelve",
            "400 people": root / "four-hundred",
            "12 + hostile": root / "mixed",
        }
        for label, count in (("12 people", 12), ("400 people", 400), ("12 + hostile", 12)):
            folders[label].mkdir()
            for number in range(count):
                (folders[label] / f"{number:03d}.json").write_text(scores_json(participant(number, rng)))
        hostile = hostile_files(folders["12 + hostile"])
        env = bench_env(
            {"WORKSHOP_CACHE_DIR": str(root / "cache"), "WORKSHOP_CONFIG_DIR": str(root / "config")}
        )
        commands = {"floor: python -c pass": [python(), "-c", "pass"]}
        for label, folder in folders.items():
            commands[f"cohort, {label}"] = [
                python(),
                "-m",
                "workshop",
                "cohort",
                str(folder),
                "-o",
                str(root / "out"),
            ]
        for command in commands.values():  # warm-up: bytecode and the program's outline in the cache
            time_once(command, env)
        timings: dict[str, list[float]] = {label: [] for label in commands}
        for _ in range(args.repeat):
            for label, command in commands.items():
                timings[label].append(time_once(command, env)[0])
        floor = median(timings["floor: python -c pass"])
        print(f"Part 1: the command, fresh process each time (n={args.repeat})")
        print(f"{'command':<28} {'median':>9} {'- floor':>9}  pydantic or Textual imported?")
        for label, command in commands.items():
            heavy = imported_modules(command, env) & {"pydantic", "textual"}
            imported = "" if label.startswith("floor") else (", ".join(sorted(heavy)) or "neither")
            print(
                f"{label:<28} {median(timings[label]):6.1f} ms {median(timings[label]) - floor:6.1f} ms  {imported}"
            )

        print(f"\nPart 2: the reader, in this process (median of {args.repeat} reads; peak by tracemalloc)")
        valid = folders["12 people"] / "000.json"
        rows = {"floor: one valid file": valid, **hostile}
        print(f"{'file':<26} {'size':>10} {'median':>10} {'peak':>10}  refused?")
        for label, path in rows.items():
            times, refused = zip(*(read_once(path) for _ in range(args.repeat)), strict=True)
            size = os.stat(path).st_size
            print(
                f"{label:<26} {size / 1024:7.0f} KiB {median(list(times)):7.1f} ms {peak_kib(path):7.0f} KiB  "
                f"{'yes' if all(refused) else 'NO'}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
