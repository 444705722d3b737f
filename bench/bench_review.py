"""Benchmark the review at 1, 5 and 20 years of history, in a real terminal, against a floor in the same run.

Run:  python bench/bench_review.py [--repeat 3] [--years 1,5,20]

For each history (12, 60 and 240 finished runs of the shipped program, every step answered at length; see
``history.py``) and for the floor (``floor_review_app.py``: a bare Textual app whose ``r`` opens a search box
and a count), in alternating rounds:

- journal ready: from the start of the process until home says "Begin day 1" or "Continue: day", or, with
  every run finished (as in these histories), "Begin the check-in" or "every day is done" (which of the
  two depends on today's date against the history's), or a day's progress bar ending in "done" (at 80x24
  the line that says so is below the fold) (the floor: its first screen), and the peak memory (VmHWM) then;
- ``r`` until the review's count line is drawn (the list is drawn in the same refresh);
- ctrl+f and a letter sent together, until the count line names that letter: the letter reached the box;
- each further key of a word, until the count line names what is typed so far: first results (``found
  so far for "..."`` or the finished count), and, separately, until the search has looked through every
  answer (``... answers hold "..."``);
- peak memory after all that. With ``--open-only``: the peak 0.3 s after the list shows, and once the
  review has counted every answer (it reads them all in the background to say "N of M answers").

Beside the times, the CPU time the app used from the key until its result was drawn (every thread, from
``/proc``): on a shared machine the wall-clock figures grow with the load, more for the app than for the
floor (it has more to do), and the CPU figures much less; read both.

Run:  python bench/bench_review.py --size 80x24     (the terminal; 120x40 by default)
      python bench/bench_review.py --settle 1.5      (r 1.5 s after the journal is ready, not 0.3 s: the
                                                      app has finished warming up by then)

Figures are medians; each is also given against the floor's in the same rounds. Goals (issue 20): each
review figure within 50 ms of the floor at 20 years as at 1 year; peak memory at most 20 MiB over the floor.
Not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from pathlib import Path

from floor_review_app import MARKER
from history import REPO, bench_env, build_year, median, python, shipped_program
from terminal import Terminal

# Home once the journal is open: a button to begin or continue, or (every run finished, a check-in open
# or not) the line under the buttons saying every day is done, or at 80x24 a day's bar ending in done.
JOURNAL_READY = r"Begin day 1|Continue: day|Begin the check-in|every day is done|━  done"
OPENED = r"answers · Enter or e to edit|found so far"
COUNTED = r"\d+ of \d+ answers"  # the count once every answer is read (the floor shows it at once)
WORD = "night"  # in every long answer: the most work a search can have (every answer matches)


def typed(query: str, *, finished: bool) -> str:
    quoted = re.escape(f'"{query}"')
    return rf"hold {quoted}" if finished else rf"hold {quoted}|for {quoted}, still"


def cpu_seconds(terminal: Terminal) -> float:
    """CPU time the child has used so far, every thread of it (``/proc/PID/task/*/schedstat``: nanoseconds)."""
    tasks = Path(f"/proc/{terminal.process.pid}/task")
    total = 0
    for task in tasks.iterdir():
        try:
            total += int((task / "schedstat").read_text().split()[0])
        except (FileNotFoundError, ProcessLookupError):  # a thread that ended meanwhile
            continue
    return total / 1e9


def since_send(
    terminal: Terminal, keys: bytes, pattern: str, finished: str | None = None, timeout: float = 30.0
) -> tuple[float, float, float]:
    """Send ``keys``; seconds until ``pattern`` is drawn, until ``finished`` is (or the same), and the CPU
    seconds the app used until ``pattern`` was drawn: on a busy machine the wall-clock figures grow with
    the load (more for the app than for the floor, as it has more to do), the CPU figure much less."""
    mark = terminal.mark()
    cpu = cpu_seconds(terminal)
    sent = time.perf_counter() - terminal.started
    terminal.send(keys)
    first = terminal.wait_for(pattern, timeout, since=mark) - sent
    used = cpu_seconds(terminal) - cpu
    last = terminal.wait_for(finished, timeout, since=mark) - sent if finished else first
    return first, last, used


def run_once(
    argv: list[str],
    env: dict[str, str],
    ready: str,
    *,
    open_only: bool = False,
    size: tuple[int, int],
    settle: float = 0.3,
) -> dict[str, float]:
    terminal = Terminal(argv, env, columns=size[0], lines=size[1])
    figures: dict[str, float] = {}
    try:
        figures["journal ready"] = terminal.wait_for(ready, timeout=120)
        time.sleep(settle)
        figures["peak at start"] = terminal.peak_rss_mib()
        figures["r until the list shows"], _, figures["r: CPU until shown"] = since_send(
            terminal, b"r", OPENED, timeout=120
        )
        time.sleep(0.3)
        if open_only:
            figures["peak after review"] = terminal.peak_rss_mib()
            # The review counts every answer in the background after its first page: what it holds then.
            figures["review: every answer counted"] = terminal.wait_for(COUNTED, timeout=300)
            time.sleep(0.3)
            figures["peak once counted"] = terminal.peak_rss_mib()
            return figures
        figures["ctrl+f and a key"], _, figures["ctrl+f and a key: CPU until shown"] = since_send(
            terminal,
            b"\x06" + WORD[0].encode(),
            typed(WORD[0], finished=False),
            typed(WORD[0], finished=True),
        )
        firsts, lasts, cpus = [], [], []
        for end in range(2, len(WORD) + 1):
            time.sleep(0.15)
            first, last, cpu = since_send(
                terminal,
                WORD[end - 1].encode(),
                typed(WORD[:end], finished=False),
                typed(WORD[:end], finished=True),
            )
            firsts.append(first)
            lasts.append(last)
            cpus.append(cpu)
        figures["a key: first results"] = median(firsts)
        figures["a key: search finished"] = median(lasts)
        figures["a key: CPU until first results"] = median(cpus)
        time.sleep(0.3)
        figures["peak after review"] = terminal.peak_rss_mib()
    finally:
        code = terminal.close()
    if code != 0:
        raise SystemExit(f"{argv} ended with {code}:\n{terminal.text()[-1500:]}")
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="rounds (default 3)")
    parser.add_argument("--years", default="1,5,20", help="histories to build, in years (default 1,5,20)")
    parser.add_argument(
        "--open-only",
        action="store_true",
        help="start, open the review and stop: for a tree whose review count does not name the search",
    )
    parser.add_argument("--size", default="120x40", help="the terminal, COLUMNSxLINES (default 120x40)")
    parser.add_argument(
        "--settle",
        type=float,
        default=0.3,
        help="seconds from journal ready to r (default 0.3: the app is still warming up, importing the "
        "screens not on home, for about half a second)",
    )
    parser.add_argument(
        "--histories",
        type=Path,
        help="keep the histories in this folder (DIR/1y, DIR/20y ...) and use them again on the next run, "
        "rather than building them in a temporary folder each time",
    )
    args = parser.parse_args()
    columns, lines = (int(n) for n in args.size.split("x"))
    size = (columns, lines)
    years = [int(y) for y in args.years.split(",")]
    with tempfile.TemporaryDirectory() as root_name:
        root = Path(root_name)
        program = shipped_program()
        homes = args.histories or root
        for year in years:
            if (homes / f"{year}y" / "journal").exists():
                continue  # kept from an earlier run (--histories)
            started = time.perf_counter()
            build_year(homes / f"{year}y", program, runs=12 * year)
            print(
                f"built {year} years ({12 * year} runs) in {time.perf_counter() - started:.0f} s", flush=True
            )
        env = bench_env(
            {"WORKSHOP_CONFIG_DIR": str(root / "config"), "WORKSHOP_CACHE_DIR": str(root / "cache")}
        )
        cases: dict[str, tuple[list[str], str]] = {
            "floor (bare Textual app)": ([python(), str(REPO / "bench" / "floor_review_app.py")], MARKER)
        }
        for year in years:
            argv = [python(), "-m", "workshop", "--data-dir", str(homes / f"{year}y")]
            cases[f"workshop, {year} year{'s' if year > 1 else ''}"] = (argv, JOURNAL_READY)
        for argv, ready in cases.values():  # warm-up: fills the bytecode cache, as an installed app has
            run_once(argv, env, ready, open_only=args.open_only, size=size, settle=args.settle)
        results: dict[str, list[dict[str, float]]] = {label: [] for label in cases}
        load = f"{os.getloadavg()[0]:.1f}"
        for _ in range(args.repeat):
            for label, (argv, ready) in cases.items():
                results[label].append(run_once(argv, env, ready, open_only=args.open_only, size=size, settle=args.settle))
                print(".", end="", flush=True)
        print()
        floor = {
            key: median([r[key] for r in results["floor (bare Textual app)"]])
            for key in results["floor (bare Textual app)"][0]
        }
        after = f"{os.getloadavg()[0]:.1f}"
        print(
            f"rounds: {args.repeat}; terminal {args.size}; r {args.settle} s after journal ready; "
            f"load average (1 min) before and after: {load}, {after}"
        )
        print("medians; in brackets the difference from the floor in the same rounds")
        for key in floor:
            print(f"\n{key}")
            for label, rows in results.items():
                value = median([r[key] for r in rows])
                if key.startswith("peak"):
                    print(f"  {label:<28} {value:8.1f} MiB ({value - floor[key]:+6.1f} MiB)")
                else:
                    print(f"  {label:<28} {value * 1000:8.0f} ms ({(value - floor[key]) * 1000:+6.0f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
