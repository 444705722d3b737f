"""Sharing one run's scores: the scores file (``workshop.reports.scores``) made from a journal run.

The participant's side of the cohort report. ``prepare`` gathers the run's numbers (``flow/scores.py``)
and gives back the file's content and the plain words that say what it holds; ``write`` saves it as a
private file. Every front end (``workshop export --scores``, the app's "Share my scores", the plain mode)
shows ``Prepared.summary`` and asks before it calls ``write``, so what is shown is what is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from workshop.content.models import Program
from workshop.flow.scores import ScoresRun, gather_numbers, scores_id_for, titles_of
from workshop.reports.export import write_private_document
from workshop.reports.scores import (
    Measurement,
    Scale,
    Scores,
    Who5,
    file_name,
    is_version,
    iso_week,
    parse_scores,
    scores_json,
    summary_lines,
)

NOTHING_TO_SHARE = (
    "Nothing to share yet: this run has no check-in, scale or feedback answered. Scores are the numbers "
    "of those steps only."
)


class NothingToShare(Exception):  # noqa: N818 - a state to tell the user, not a failure
    """The run holds no number that a scores file could carry."""


@dataclass(frozen=True)
class Prepared:
    """A scores file ready to write: its content, its text, and what it holds in plain words."""

    scores: Scores
    text: str
    summary: tuple[str, ...]

    @property
    def file_name(self) -> str:
        return file_name(self.scores)


def prepare(program: Program, run: ScoresRun) -> Prepared:
    """The scores file of ``run``, changing nothing: a run without a scores id yet gets a new random one in
    the file, which ``keep_id`` gives the run once the participant says yes. Raises ``NothingToShare`` when
    the run holds no number."""
    numbers = gather_numbers(program, run)
    if not numbers:
        raise NothingToShare(NOTHING_TO_SHARE)
    points = tuple(
        Measurement(
            point=each.point,
            week=iso_week(each.answered),
            who5=Who5(each.who5) if each.who5 is not None else None,
            burnout=each.burnout,
            scales={step: Scale(*numbers) for step, numbers in each.scales.items()},
            feedback=dict(each.feedback),
        )
        for each in numbers
    )
    # The version the run was started with, as the journal says (the program's own if that was edited).
    version = run.program_version if is_version(run.program_version) else program.version
    scores = Scores(program.id, version, scores_id_for(run), points)
    text = scores_json(scores)
    # What is written must be what the cohort reads: a bug here is caught before anything reaches a file.
    parse_scores(text.encode("utf-8"), Path(file_name(scores)), program.id)
    last_day = max(module.day for module in program.modules)
    return Prepared(scores, text, tuple(summary_lines(scores, titles_of(program), last_day)))


def keep_id(program: Program, run: ScoresRun, prepared: Prepared) -> Prepared:
    """Give ``run`` the id ``prepared`` carries, so every later file of the run carries it too (the caller
    saves the run before writing the file). If the run was given another meanwhile, the file is made
    again with that one."""
    if run.give_scores_id(prepared.scores.run) == prepared.scores.run:
        return prepared
    return prepare(program, run)


def write(prepared: Prepared, path: Path) -> Path:
    """Write the file, readable only by you (0600; a new folder 0700), all or nothing. Raises
    ``JournalError`` naming the file."""
    write_private_document(path, prepared.text, "the scores file")
    return path
