"""Driving the plain mode in tests: in this process (fast), or as a real ``workshop --plain`` process."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from workshop.answers import (
    ChoicesValue,
    CommitmentValue,
    FollowThroughValue,
    IntegerValue,
    ItemScoresValue,
    ItemsValue,
    RankedValue,
    RatingsValue,
    TextValue,
    Value,
)
from workshop.content.models import (
    CheckStep,
    ChoiceStep,
    CommitmentStep,
    FeedbackStep,
    FollowThroughStep,
    ListStep,
    PauseStep,
    Program,
    PromptStep,
    RankStep,
    ReadingStep,
    RecapStep,
    ScaleStep,
)
from workshop.flow.plans import plan_sentence
from workshop.journal.store import Journal
from workshop.plain.session import PlainSession
from workshop.plain.terminal import LineReader, Output, Signals
from workshop.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
PLAIN_PROGRAM = Path(__file__).resolve().parent / "data" / "plain"


@dataclass(frozen=True)
class Conversation:
    """What a plain-mode session printed, and how it ended."""

    out: str
    err: str
    code: int


def converse(
    program: Program,
    data_dir: Path,
    lines: Sequence[str],
    *,
    width: int = 1000,
    settings: Settings | None = None,
    ask_passphrase: Callable[[str], str] | None = None,
) -> Conversation:
    """Run a plain session in this process on ``lines`` of input (then the end of input). The default
    width wraps nothing, so a sentence can be looked for whole."""
    read, write = os.pipe()
    with os.fdopen(write, "wb") as pipe:
        pipe.write("".join(f"{line}\n" for line in lines).encode("utf-8"))
    out, err = io.BytesIO(), io.BytesIO()
    try:
        session = PlainSession(
            program,
            data_dir,
            out=Output(out, echoed=False, width=width),
            err=Output(err, echoed=False, width=width),
            reader=LineReader(read, Signals()),
            settings=settings or Settings(),
            interactive=False,
            ask_passphrase=ask_passphrase,
        )
        code = session.run()
    finally:
        os.close(read)
    return Conversation(out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8"), code)


def plain_process(
    args: Sequence[str],
    lines: Sequence[str] | bytes,
    *,
    columns: int = 80,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[bytes]:
    """``workshop ARGS`` as a real process, its input piped from ``lines``; output kept as bytes."""
    data = lines if isinstance(lines, bytes) else "".join(f"{line}\n" for line in lines).encode("utf-8")
    environment = {**os.environ, "COLUMNS": str(columns), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "workshop", *args],
        input=data,
        capture_output=True,
        env=environment,
        cwd=cwd,
        timeout=timeout,
        check=False,
    )


# -- a script that answers every step of a program -----------------------------------------------------------


def answer_script(program: Program) -> tuple[list[str], dict[str, Value]]:
    """The lines a person types to do every day of ``program`` from a new journal, and the answer each step
    should then hold. Home's Enter begins (then continues) each day; the end of each day goes home."""
    lines = [""]
    expected: dict[str, Value] = {}
    plans: list[tuple[str, CommitmentValue]] = []  # the commitments written so far, for a follow-through
    for module in program.modules:
        for step in module.steps:
            typed, value = _follow_through(step, plans) if isinstance(step, FollowThroughStep) else _answer(step)
            if isinstance(value, CommitmentValue):
                plans.append((step.id, value))
            lines += typed
            if value is not None:
                expected[step.id] = value
        lines += ["", ""]  # the end of the day: home; home: continue with the next day
    return lines, expected


def _follow_through(
    step: FollowThroughStep, plans: list[tuple[str, CommitmentValue]]
) -> tuple[list[str], Value | None]:
    """Each plan so far: "1" (yes) and a rewritten plan."""
    typed = [line for step_id, _ in plans for line in ("1", f"again {step_id}")]
    value = FollowThroughValue(
        tuple(step_id for step_id, _ in plans),
        tuple(plan_sentence(plan) for _, plan in plans),
        tuple("yes" for _ in plans),
        tuple(f"again {step_id}" for step_id, _ in plans),
    )
    return (typed or [""]), (value if plans else None)


def _answer(step: object) -> tuple[list[str], Value | None]:
    match step:
        case ReadingStep() | PauseStep():
            return [""], None
        case PromptStep() | RecapStep():
            return [f"words for {step.id}", "a second line", ""], TextValue(
                f"words for {step.id}\na second line"
            )
        case ScaleStep():
            return [str(step.low + 3)], IntegerValue(step.low + 3)
        case ChoiceStep():
            allowed = [n for n, option in enumerate(step.options, start=1) if option not in step.exclusive]
            numbers = (
                allowed[: min(2, step.most_picks - (1 if step.allow_other else 0))] if step.multiple else [1]
            )
            picked = tuple(step.options[n - 1] for n in sorted(numbers))
            typed = [" ".join(map(str, numbers))]
            other = f"other for {step.id}" if step.allow_other else ""
            if step.allow_other:
                typed.append(other)
            return typed, ChoicesValue(picked, other)
        case ListStep():
            return [f"item for {step.id}", "another item", ""], ItemsValue(
                (f"item for {step.id}", "another item")
            )
        case RankStep():
            order = list(range(step.pick, 0, -1))
            return [" ".join(map(str, order))], RankedValue(tuple(step.options[n - 1] for n in order))
        case CommitmentStep():
            # The moment, the action, and (when the step asks) Enter to leave the date.
            typed = [f"when {step.id}", f"do {step.id}", *([""] if step.ask_date else [])]
            return typed, CommitmentValue(f"do {step.id}", f"when {step.id}")
        case CheckStep():
            count = 5 if step.instrument == "who5" else 1
            return ["3"] * count, ItemScoresValue(step.instrument, (3,) * count)
        case FeedbackStep():
            # The first questions rated, the last left blank with Enter.
            ratings = tuple(5 - index if index < len(step.questions) - 1 else None
                            for index in range(len(step.questions)))
            typed = ["" if rating is None else str(rating) for rating in ratings]
            return typed, RatingsValue(tuple(q.id for q in step.questions), ratings)
    raise AssertionError(f"no answer for {step!r}")


def journal_answers(data_dir: Path, program: Program, run_index: int = 0) -> dict[str, Value]:
    """Every answer of one run as the journal on disk holds it, by step id."""
    with Journal.open(data_dir, program, lock=False) as journal:
        run = journal.runs[run_index]
        return {
            step.id: answer.value
            for module in program.modules
            for step in module.steps
            if (answer := run.answer(step.id)) is not None
        }


# -- looking at the output -----------------------------------------------------------------------------------

_DATE = re.compile(
    r"\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) "
    r"\d{4}\b"
)
_STAMP = re.compile(r"\d{4}-\d{2}-\d{2}-\d{6}")


_WEEK = re.compile(r"\b\d{4}-W\d{2}\b")
_SCORES_ID = re.compile(r"\b[0-9a-f]{32}\b|(?<=workshop-scores-)[0-9a-f]{8}\b")


def normalised(text: str, data_dir: Path) -> str:
    """``text`` with what changes from run to run (dates, the data folder, file stamps) replaced."""
    text = text.replace(str(data_dir), "<data>")
    text = _SCORES_ID.sub("<scores id>", _WEEK.sub("<week>", text))
    return _STAMP.sub("<stamp>", _DATE.sub("<date>", text))


def cells(line: str) -> int:
    """Columns ``line`` takes on a terminal (wide characters two, combining marks none)."""
    return sum(
        0
        if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me", "Cf")
        else 2
        if unicodedata.east_asian_width(c) in ("W", "F")
        else 1
        for c in line
    )


BOX_DRAWING = re.compile("[\u2500-\u259f]")


def forbidden_bytes(data: bytes) -> list[str]:
    """Everything in ``data`` a plain output must never hold: bytes below 0x20 but newline, DEL, any ESC,
    C1 controls, bidirectional overrides and box-drawing characters."""
    found = [f"byte {byte:#04x}" for byte in set(data) if (byte < 0x20 and byte != 0x0A) or byte == 0x7F]
    text = data.decode("utf-8")
    found += [f"{char!r}" for char in set(text) if 0x80 <= ord(char) <= 0x9F]
    found += [
        f"{char!r}" for char in set(text) if "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069"
    ]
    found += [f"{char!r}" for char in set(BOX_DRAWING.findall(text))]
    return sorted(found)
