"""Shared by the scores-file and cohort tests: building scores files, valid and hostile."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from workshop.reports.scores import Measurement, Scale, Scores, Who5, scores_json

PROGRAM = "finding-the-thread"


def who5_percent(percent: int) -> Who5:
    """Five items adding up to ``percent / 4``, spread as evenly as they go (44 -> 3, 2, 2, 2, 2)."""
    raw, rest = divmod(percent, 4)
    assert rest == 0 and 0 <= raw <= 25, percent
    base, extra = divmod(raw, 5)
    return Who5(tuple(base + (1 if index < extra else 0) for index in range(5)))


def point(
    name: str,
    week: str = "2026-W10",
    *,
    who5: int | None = None,
    burnout: int | None = None,
    scales: dict[str, int] | None = None,
    feedback: dict[str, int] | None = None,
) -> Measurement:
    """A measurement point; ``who5`` is the percentage score, scales run from 0 to 10."""
    return Measurement(
        name,
        week,
        who5_percent(who5) if who5 is not None else None,
        burnout,
        {step: Scale(value, 0, 10) for step, value in (scales or {}).items()},
        dict(feedback or {}),
    )


def run_id(number: int) -> str:
    return f"{number:032x}"


def scores(number: int, *points: Measurement, program: str = PROGRAM, version: str = "1.0") -> Scores:
    return Scores(program, version, run_id(number), points)


def write(folder: Path, name: str, content: Scores | dict[str, Any] | str | bytes) -> Path:
    """Write a scores file (or any other content) into ``folder``; returns its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(content, Scores):
        path.write_text(scores_json(content), encoding="utf-8")
    elif isinstance(content, dict):
        path.write_text(json.dumps(content), encoding="utf-8")
    elif isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def valid_data() -> dict[str, Any]:
    """A valid file's JSON structure, to be spoiled one field at a time."""
    return {
        "kind": "workshop-scores",
        "format": 1,
        "program": PROGRAM,
        "program_version": "1.0",
        "run": run_id(7),
        "points": [
            {
                "point": "start",
                "week": "2026-W10",
                "who5": {"items": [3, 2, 2, 2, 2], "total": 11, "percent": 44},
                "burnout": 3,
                "scales": {"meaning-scale-day-1": {"value": 4, "low": 0, "high": 10}},
                "feedback": {"useful": 4, "safe-to-speak": 5},
            },
            {"point": "end", "week": "2026-W13", "burnout": 2},
        ],
    }
