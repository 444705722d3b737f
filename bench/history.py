"""Shared by the benchmarks: programs to run against, and "a year" of journal history.

A year is 12 runs of a four-day program, every step answered with long text (about 2,000 characters per
free-text answer), as someone might build doing the program monthly and writing at length. It is built
through the real store (``Journal.save``), so the files are exactly what the app writes.

Not a test helper: the benchmarks import it by file (``bench/`` is on ``sys.path`` when they run).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from workshop.answers import (
    ChoicesValue,
    CommitmentValue,
    IntegerValue,
    ItemsValue,
    RankedValue,
    TextValue,
    Value,
)
from workshop.content.loader import adapter
from workshop.content.models import (
    ChoiceStep,
    CommitmentStep,
    ListStep,
    Module,
    Program,
    PromptStep,
    RankStep,
    RecapStep,
    ScaleStep,
    Step,
)
from workshop.journal.store import Journal, Run

DAYS, STEPS, RUNS, ANSWER_CHARS = 4, 10, 12, 2000
REPO = Path(__file__).resolve().parent.parent


def bench_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for timed child processes.

    An installed app has compiled bytecode (pip writes it); a source checkout run with
    PYTHONDONTWRITEBYTECODE=1 recompiles every module on every start, which is not what users see. So
    children cache bytecode in a private folder outside the repository, and a warm-up run fills it.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(Path(os.environ.get("TMPDIR", "/tmp")) / "workshop-bench-pycache")
    env.update(extra or {})
    return env


def python() -> str:
    return sys.executable


def make_program() -> Program:
    """A small synthetic program: four days of ten prompts (the store benchmark's shape)."""
    modules = tuple(
        adapter(Module).validate_python(
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


def shipped_program() -> Program:
    from workshop.content.loader import load_program
    from workshop.paths import shipped_program_dir

    return load_program(shipped_program_dir())


def long_answer(seed: int, chars: int = ANSWER_CHARS) -> str:
    words = (
        "the night shift again, and still the reason I chose this work; 😀 \"quotes\" 'and' \\ [brackets]\n"
    )
    return (f"{seed}: " + words * (chars // len(words) + 1))[:chars]


def value_for(step: Step, seed: int) -> Value | None:
    """A full, valid answer to ``step``: long text where the step takes text, every item filled."""
    match step:
        case PromptStep() | RecapStep():
            return TextValue(long_answer(seed))
        case ScaleStep():
            return IntegerValue(step.low + (seed % (step.high - step.low + 1)))
        case ChoiceStep():
            picks = tuple(step.options[: step.most_picks if step.multiple else 1])
            return ChoicesValue(picks, long_answer(seed, 200) if step.allow_other else "")
        case ListStep():
            return ItemsValue(tuple(long_answer(seed + n, 300) for n in range(step.max_items)))
        case RankStep():
            return RankedValue(tuple(step.options[: step.pick]))
        case CommitmentStep():
            return CommitmentValue(long_answer(seed, 600), "next Tuesday, after clinic")
        case _:
            return None


def monthly_clock(start: datetime) -> tuple[Callable[[], datetime], Callable[[int], None]]:
    """A clock the builder moves month by month, so the history's dates span a year."""
    moment = [start]

    def now() -> datetime:
        moment[0] += timedelta(seconds=7)
        return moment[0]

    def to_month(month: int) -> None:
        moment[0] = start + timedelta(days=30 * month)

    return now, to_month


def fill_run(journal: Journal, run: Run, program: Program, seed: int) -> None:
    for module in program.modules:
        for step in module.steps:
            value = value_for(step, seed)
            if value is None:
                run.mark_done(module.id, step.id)
            else:
                run.set_answer(module.id, step.id, value)
        run.set_position(module.id, module.steps[-1].id)
        journal.save(run)


def build_year(folder: Path, program: Program, runs: int = RUNS) -> None:
    """``runs`` finished runs, one a month, every step answered at length."""
    now, to_month = monthly_clock(datetime(2024, 1, 8, 20, 0, tzinfo=UTC))
    with Journal.open(folder, program, clock=now) as journal:
        for number in range(runs):
            to_month(number)
            run = journal.new_run()
            fill_run(journal, run, program, number)
            run.mark_finished()
            journal.save(run)


def first_prompt(program: Program) -> tuple[Module, Step]:
    """The first free-text prompt of the program: where the typing benchmark writes."""
    for module in program.modules:
        for step in module.steps:
            if isinstance(step, PromptStep):
                return module, step
    raise LookupError("the program has no prompt step")


def start_run_at_prompt(folder: Path, program: Program) -> tuple[str, str]:
    """Begin a new run positioned at the first prompt, so ``Continue`` on the home screen opens it."""
    module, step = first_prompt(program)
    with Journal.open(folder, program) as journal:
        run = journal.new_run()
        for earlier in module.steps[: module.steps.index(step)]:
            run.mark_done(module.id, earlier.id)
        run.set_position(module.id, step.id)
        journal.save(run)
    return module.id, step.id


def tree_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*.toml") if ".backup." not in p.name)


def median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]
