"""Benchmark time to the first readable screen, in a real terminal, against the floor; and peak memory.

Run:  python bench/bench_startup.py [--repeat 7]

Three programs start on a pseudo-terminal (120x40, xterm-256color; see ``terminal.py``), in alternating
rounds so that load from other processes falls on all of them alike:

- the floor: ``bench/floor_app.py``, a bare Textual app with Header, Markdown, TextArea and Footer;
- ``workshop`` on a new journal (an empty data folder);
- ``workshop`` on a year of history (12 runs, every step answered at length; see ``history.py``);
- ``workshop`` on its first start after an install or an edit: no cache, so the program is validated first.

"First readable screen" is the moment the screen shows the floor's heading, or the workshop home screen's
last day ("Day 4"). The workshop opens the journal after that first paint; "journal ready" is when the
home screen's button says "Begin day 1" or "Continue: day ...". Peak memory is VmHWM half a second after
the journal is ready. Medians are reported, with each ratio to the floor. Goals: first screen at most 1.2x
the floor, new journal and year alike; peak memory at most 20 MiB above the floor.
Not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from floor_app import MARKER
from history import REPO, bench_env, build_year, median, python, shipped_program
from terminal import Terminal

FIRST_SCREEN = "Day 4"
# Home once the journal is open: a button to begin or continue, or (a run finished, a check-in open or
# not) the line under the buttons saying every day is done.
JOURNAL_READY = r"Begin day 1|Continue: day|Begin the check-in|every day is done"


def run_once(
    argv: list[str], env: dict[str, str], first: str, ready: str | None
) -> tuple[float, float, float]:
    """Seconds to the first screen, seconds to ``ready`` (or the first screen), and peak MiB."""
    terminal = Terminal(argv, env)
    try:
        first_at = terminal.wait_for(first)
        ready_at = terminal.wait_for(ready) if ready else first_at
        time.sleep(0.5)
        peak = terminal.peak_rss_mib()
    finally:
        code = terminal.close()
    if code != 0:
        raise SystemExit(f"{argv} ended with {code}:\n{terminal.text()[-1500:]}")
    return first_at, ready_at, peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="rounds (default 7)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as root_name:
        root = Path(root_name)
        year = root / "year"
        build_year(year, shipped_program())
        env = bench_env(
            {"WORKSHOP_CONFIG_DIR": str(root / "config"), "WORKSHOP_CACHE_DIR": str(root / "cache")}
        )
        # The first-run offer of encryption answered, as on every start but a person's very first: without
        # it a new journal opens under the offer, which hides the home screen that "journal ready" waits for.
        (root / "config").mkdir()
        (root / "config" / "settings.toml").write_text("encryption_offered = true\n", encoding="utf-8")
        floor = [python(), str(REPO / "bench" / "floor_app.py")]
        workshop = [python(), "-m", "workshop", "--data-dir"]
        cases: dict[str, Callable[[int], tuple[list[str], str, str | None]]] = {
            "floor (bare Textual app)": lambda n: (floor, MARKER, None),
            "workshop, new journal": lambda n: (
                [*workshop, str(root / f"new-{n}")],
                FIRST_SCREEN,
                JOURNAL_READY,
            ),
            "workshop, a year of history": lambda n: ([*workshop, str(year)], FIRST_SCREEN, JOURNAL_READY),
            # The first start after an install or an edit of the program: nothing cached, so the program
            # is validated before the first paint (every later start reads the cache).
            "workshop, first start, no cache": lambda n: (
                ["env", f"WORKSHOP_CACHE_DIR={root / f'cold-cache-{n}'}", *workshop, str(root / f"cold-{n}")],
                FIRST_SCREEN,
                JOURNAL_READY,
            ),
        }
        results: dict[str, list[tuple[float, float, float]]] = {label: [] for label in cases}
        for case in cases.values():  # warm-up: fills the bytecode cache, as an installed app has
            argv, first_text, ready_text = case(-1)
            run_once(argv, env, first_text, ready_text)
        for n in range(args.repeat):
            for label, case in cases.items():
                argv, first_text, ready_text = case(n)
                results[label].append(run_once(argv, env, first_text, ready_text))
        base_first = median([r[0] for r in results["floor (bare Textual app)"]])
        base_peak = median([r[2] for r in results["floor (bare Textual app)"]])
        print(f"rounds: {args.repeat}; medians; ratio and difference against the floor in the same rounds")
        print(f"{'':<32} {'first screen':>20} {'journal ready':>15} {'peak RSS':>22}")
        for label, rows in results.items():
            first = median([r[0] for r in rows])
            ready = median([r[1] for r in rows])
            peak = median([r[2] for r in rows])
            print(
                f"{label:<32} {first * 1000:7.0f} ms ({first / base_first:4.2f}x) {ready * 1000:10.0f} ms "
                f"{peak:9.1f} MiB ({peak - base_peak:+5.1f} MiB)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
