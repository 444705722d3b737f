"""Benchmark the commands that do not open the UI, on a year of history: wall time, and Textual never imported.

Run:  python bench/bench_cli.py [--repeat 15]

Each command runs as a fresh process (``python -m workshop ...``), as a user or a script would run it, with
``--data-dir`` pointing at a year of history for the shipped program (12 runs, every step answered at
length; see ``history.py``). The floor is ``python -c pass`` with the same interpreter, timed in the same
rounds, so a busy machine shows up in both. Commands are run in interleaved rounds and the median of each
is reported. A warm-up run fills the bytecode cache (as an installed app has) and the cache of validated
programs (as any second run has); the "cache miss" row pays validation every time, as the first run after
an install or an edit does. Goal: under 150 ms each, Textual never imported. Not a test: nothing here asserts a time.

Each command's peak memory (GNU time's ``%M``) is printed beside its time, with the
floor's: ``export`` streams runs (issue 20), so its peak should not grow with the years of history. So is
the CPU time it used (user + system, GNU time's ``%U`` and ``%S``, 10 ms steps), which a machine shared with
other work inflates much less than the wall-clock time: read the growth with history there first.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from history import bench_env, build_year, median, python, shipped_program, tree_size

TIME = shutil.which("time", path="/usr/bin:/bin") or "/usr/bin/time"  # GNU time (Debian: package time)

COMMANDS: dict[str, list[str]] = {
    "floor: python -c pass": [],
    "workshop --help": ["--help"],
    "workshop validate": ["validate"],
    "workshop schema": ["schema"],
    "workshop progress": ["progress"],
    "workshop progress (cache miss)": ["progress"],
    "workshop export (markdown)": ["export", "--format", "markdown"],
    "workshop export --format html": ["export", "--format", "html"],
}


def argv(args: list[str], data: Path) -> list[str]:
    if not args:
        return [python(), "-c", "pass"]
    options = [] if args == ["--help"] else ["--data-dir", str(data)]
    return [python(), "-m", "workshop", *args, *options]


def env_for(label: str, env: dict[str, str], root: Path) -> dict[str, str]:
    """A cache miss every time for the "cache miss" row: a new, empty cache folder."""
    if "cache miss" not in label:
        return env
    return {**env, "WORKSHOP_CACHE_DIR": tempfile.mkdtemp(dir=root)}


def time_once(command: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Milliseconds from start to exit, the peak memory of that one process in MiB, and its CPU time
    (user + system) in milliseconds.

    The peak is GNU time's (``/usr/bin/time -f %M``, a small process that starts the command): the
    child's own ``ru_maxrss`` would count the pages of this benchmark, which it shares until it execs.
    The wrapper costs the floor's row the same as every other."""
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as peak_file:
        wrapped = [TIME, "-o", peak_file.name, "-f", "%M %U %S", *command]
        start = time.perf_counter()
        done = subprocess.run(
            wrapped, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
        )
        elapsed = (time.perf_counter() - start) * 1000
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
        peak, user, system = peak_file.read().split()[-3:]
        return elapsed, int(peak) / 1024, (float(user) + float(system)) * 1000  # KiB, seconds


def imported_modules(command: list[str], env: dict[str, str]) -> set[str]:
    """Top-level packages a command imports, from ``python -X importtime``."""
    done = subprocess.run(
        [command[0], "-X", "importtime", *command[1:]],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    names = set()
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    return names


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="runs of each command (default 15)")
    parser.add_argument(
        "--years",
        default="1",
        help="histories to run against, in years of monthly runs (default 1; e.g. 1,5,20)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as root:
        program = shipped_program()
        env = bench_env(
            {
                "WORKSHOP_CONFIG_DIR": str(Path(root) / "config"),
                "WORKSHOP_CACHE_DIR": str(Path(root) / "cache"),
            }
        )
        for years in (int(y) for y in args.years.split(",")):
            data = Path(root) / f"data-{years}"
            build_year(data, program, runs=12 * years)
            print(
                f"\nHistory: {years} year(s) ({12 * years} runs) for {program.id!r}, "
                f"{tree_size(data) / 1e6:.1f} MB of TOML in {data}"
            )
            time_commands(data, env, Path(root), args.repeat)
    return 0


def time_commands(data: Path, env: dict[str, str], root: Path, repeat: int) -> None:
    for label, args_ in COMMANDS.items():  # warm-up: fills the bytecode and program caches
        time_once(argv(args_, data), env_for(label, env, root))
    timings: dict[str, list[float]] = {label: [] for label in COMMANDS}
    peaks: dict[str, list[float]] = {label: [] for label in COMMANDS}
    cpus: dict[str, list[float]] = {label: [] for label in COMMANDS}
    for _ in range(repeat):
        for label, args_ in COMMANDS.items():
            elapsed, peak, cpu = time_once(argv(args_, data), env_for(label, env, root))
            timings[label].append(elapsed)
            peaks[label].append(peak)
            cpus[label].append(cpu)
    floor = median(timings["floor: python -c pass"])
    floor_peak = median(peaks["floor: python -c pass"])
    floor_cpu = median(cpus["floor: python -c pass"])
    print(
        f"{'command':<32} {'median':>8} {'min':>8} {'- floor':>8}  {'CPU':>6} {'- floor':>7}  "
        f"{'peak RSS':>9} {'- floor':>9}  Textual imported?  (n={repeat})"
    )
    for label, args_ in COMMANDS.items():
        values = timings[label]
        textual = (
            "" if not args_ else ("YES" if "textual" in imported_modules(argv(args_, data), env) else "no")
        )
        peak, cpu = median(peaks[label]), median(cpus[label])
        print(
            f"{label:<32} {median(values):6.1f} ms {min(values):6.1f} ms "
            f"{median(values) - floor:6.1f} ms  {cpu:3.0f} ms {cpu - floor_cpu:4.0f} ms  "
            f"{peak:5.1f} MiB {peak - floor_peak:+5.1f} MiB  {textual}"
        )


if __name__ == "__main__":
    sys.exit(main())
