"""Benchmark the longest UI stall while typing fast during autosaves, with a year of history; and memory.

Run:  python bench/bench_typing.py [--repeat 3] [--keys 500] [--day] [--verbose]

In a real terminal (see ``terminal.py``), ``workshop`` opens a year of history (12 finished runs, every
step answered at length, and a 13th run positioned at the first prompt; see ``history.py``), ``c``
continues into that prompt, and ``--keys`` keystrokes are typed in bursts of 100 at 100 keys a second
with a pause of one second between bursts: the autosave fires a second after typing stops, so each save
runs as the next burst begins. The floor (``floor_app.py``) gets the same keys in its TextArea.

Both run with a lag recorder on their event loop (``lag.py``: a task that wakes every 5 ms; the gap
between wake-ups is how long the loop was busy). Reported, over the typing and the second after it:
the longest gap, the 99th percentile, how many gaps exceeded 50 ms, the CPU time the UI thread itself
used in a gap (the longest, and how many exceeded 50 ms: on a shared machine a gap also holds time spent
waiting for a core, which this leaves out), and the saves that ran (and how many overlapped a burst).
Peak memory (VmHWM) is read after the typing, and given for each round too: the first round's
workshop starts with nothing cached (it validates the program: pydantic stays loaded, about 11 MiB).
``--verbose`` also names, for each gap with over 50 ms of the UI thread's CPU, the step that was opening
or on screen and the garbage collections in it. Goal: longest stall under 50 ms; peak memory at most 20
MiB above the floor. Not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from floor_app import MARKER
from history import (
    REPO,
    bench_env,
    build_year,
    first_prompt,
    median,
    percentile,
    python,
    shipped_program,
    start_run_at_prompt,
)
from terminal import Terminal

BURST, KEY_INTERVAL, PAUSE = 100, 0.010, 1.0
WORDS = "the thread I follow when the shift is long and the milestones fade away "


def type_bursts(terminal: Terminal, keys: int) -> list[tuple[float, float]]:
    """Type ``keys`` keys in bursts; return each burst's (start, end) wall-clock times."""
    bursts = []
    sent = 0
    while sent < keys:
        start = time.time()
        for _ in range(min(BURST, keys - sent)):
            terminal.send(WORDS[sent % len(WORDS)].encode())
            sent += 1
            time.sleep(KEY_INTERVAL)
        bursts.append((start, time.time()))
        time.sleep(PAUSE)
    return bursts


def walk_day(terminal: Terminal, text_steps: list[bool]) -> list[tuple[float, float]]:
    """The rest of a day as a person goes through it: on each step, a burst of typing where the step takes
    text, a moment to read, then ctrl+n to the next (and at the end, to the end of the day). Returns each
    step's (start, end) wall-clock times."""
    spans = []
    for takes_text in text_steps:
        start = time.time()
        if takes_text:
            for n in range(30):
                terminal.send(WORDS[n % len(WORDS)].encode())
                time.sleep(KEY_INTERVAL)
        time.sleep(0.4)
        terminal.send(b"\x0e")  # ctrl+n
        spans.append((start, time.time()))
        time.sleep(0.4)
    return spans


def busy_gaps(data: dict[str, Any], begin: float, end: float) -> list[str]:
    """Each gap with over 50 ms of the UI thread's CPU, with what it falls in: the step opening or on
    screen (the workshop records them; the floor does not) and the garbage collections inside it."""
    lines = []
    for moment, gap, cpu in data["gaps"]:
        if not begin <= moment <= end or cpu <= 0.05:
            continue
        start = moment - gap
        step = "-"
        for opened, built, name in data.get("steps", []):
            if opened <= moment:
                step = f"{name} ({'opening' if built >= start else 'on screen'})"
        collected = [
            f"gen {generation} {took * 1000:.0f} ms"
            for at, generation, took in data["gc"]
            if start <= at <= moment and took > 0.003
        ]
        lines.append(
            f"{moment - begin:6.2f} s: {cpu * 1000:3.0f} ms of CPU in a gap of {gap * 1000:3.0f} ms; "
            f"step {step}; garbage collections in it: {', '.join(collected) or 'none over 3 ms'}"
        )
    return lines


def run_once(
    argv: list[str],
    env: dict[str, str],
    keys: int,
    *,
    workshop: bool,
    verbose: bool,
    day: list[bool] | None = None,
) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        record = Path(folder) / "lag.json"
        terminal = Terminal(argv, {**env, "BENCH_HEARTBEAT": str(record)})
        try:
            if workshop:
                terminal.wait_for(r"Continue: day")
                terminal.send(b"c")
                terminal.wait_for(r"Step \d+ of \d+")
                time.sleep(0.5)  # let the step's widgets settle, as a person reads the question
            else:
                terminal.wait_for(MARKER)
                time.sleep(0.5)
            if day is not None:
                bursts = walk_day(terminal, day)
            else:
                bursts = type_bursts(terminal, keys)
                terminal.wait_for("milestones fade", timeout=5)  # the keys did reach the text box
            peak = terminal.peak_rss_mib()
        finally:
            code = terminal.close()
        if code != 0:
            raise SystemExit(f"{argv} ended with {code}:\n{terminal.text()[-1500:]}")
        data = json.loads(record.read_text())
    begin, end = bursts[0][0], bursts[-1][1] + PAUSE
    within = [(gap * 1000, cpu * 1000) for moment, gap, cpu in data["gaps"] if begin <= moment <= end]
    gaps = [gap for gap, _ in within]
    busy = [cpu for _, cpu in within]
    if verbose:
        long = [
            (round(moment - begin, 3), round(gap * 1000), round(cpu * 1000))
            for moment, gap, cpu in data["gaps"]
            if gap > 0.03
        ]
        print(
            f"  {argv[1].rsplit('/', 1)[-1]}: gaps over 30 ms at (s from first key, ms, of it CPU ms): {long}"
        )
        print(f"  bursts: {[(round(b0 - begin, 2), round(b1 - begin, 2)) for b0, b1 in bursts]}")
        print(
            f"  saves: {[(round(s0 - begin, 3), round((s1 - s0) * 1000, 1), t) for s0, s1, t in data['saves']]}"
        )
        slow = [(round(at - begin, 3), generation, round(took * 1000)) for at, generation, took in data["gc"]]
        print(f"  garbage collections over 10 ms (s, generation, ms): {[c for c in slow if c[2] > 10]}")
        for line in busy_gaps(data, begin, end):
            print(f"    {line}")
    saves = data["saves"]
    overlapping = [s for s in saves if any(b0 <= s[1] and s[0] <= b1 for b0, b1 in bursts)]
    return {
        "max": max(gaps),
        "p99": percentile(gaps, 0.99),
        "over50": sum(gap > 50 for gap in gaps),
        "busy_max": max(busy),
        "busy_over50": sum(cpu > 50 for cpu in busy),
        "saves": len([s for s in saves if begin <= s[0] <= end]),
        "overlapping": len(overlapping),
        "save_ms": max(((s[1] - s[0]) * 1000 for s in saves), default=0.0),
        "peak": peak,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="rounds (default 3)")
    parser.add_argument("--keys", type=int, default=500, help="keys typed in each round (default 500)")
    parser.add_argument(
        "--verbose", action="store_true", help="list every gap over 30 ms, the bursts and saves"
    )
    parser.add_argument(
        "--day",
        action="store_true",
        help="instead of bursts at one prompt, go through the rest of day 1: each step opened with ctrl+n, "
        "text typed where it takes text",
    )
    args = parser.parse_args()
    program = shipped_program()
    with tempfile.TemporaryDirectory() as root_name:
        root = Path(root_name)
        env = bench_env(
            {"WORKSHOP_CONFIG_DIR": str(root / "config"), "WORKSHOP_CACHE_DIR": str(root / "cache")}
        )
        floor = [python(), str(REPO / "bench" / "floor_app.py")]
        results: dict[str, list[dict[str, float]]] = {"floor (bare Textual app)": [], "workshop, a year": []}
        for n in range(args.repeat):
            year = root / f"year-{n}"
            build_year(year, program)
            start_run_at_prompt(year, program)
            workshop = [python(), str(REPO / "bench" / "instrumented_app.py"), "--data-dir", str(year)]
            day = None
            if args.day:
                module, step = first_prompt(program)
                rest = module.steps[module.steps.index(step) :]
                day = [each.kind in ("prompt", "recap") for each in rest]
            results["floor (bare Textual app)"].append(
                run_once(floor, env, args.keys, workshop=False, verbose=args.verbose, day=day)
            )
            results["workshop, a year"].append(
                run_once(workshop, env, args.keys, workshop=True, verbose=args.verbose, day=day)
            )
        base_peak = median([r["peak"] for r in results["floor (bare Textual app)"]])
        print(
            f"{args.keys} keys in bursts of {BURST} at {1 / KEY_INTERVAL:.0f}/s, {PAUSE:.1f} s apart; "
            f"{args.repeat} rounds; event-loop gaps (5 ms expected) over the typing; worst round and median"
        )
        for label, rows in results.items():
            print(
                f"{label:<26} longest gap {max(r['max'] for r in rows):5.1f} ms "
                f"(median of rounds {median([r['max'] for r in rows]):5.1f})  "
                f"p99 {median([r['p99'] for r in rows]):5.1f} ms  gaps > 50 ms: {sum(r['over50'] for r in rows):.0f}  "
                f"UI thread's CPU in one gap: longest {max(r['busy_max'] for r in rows):5.1f} ms "
                f"(median of rounds {median([r['busy_max'] for r in rows]):5.1f}), over 50 ms: "
                f"{sum(r['busy_over50'] for r in rows):.0f}  "
                f"saves {sum(r['saves'] for r in rows):.0f} ({sum(r['overlapping'] for r in rows):.0f} during a burst, "
                f"slowest {max(r['save_ms'] for r in rows):.1f} ms)  "
                f"peak RSS {median([r['peak'] for r in rows]):5.1f} MiB "
                f"({median([r['peak'] for r in rows]) - base_peak:+.1f}; "
                f"each round {' '.join(format(r['peak'], '.1f') for r in rows)})"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
