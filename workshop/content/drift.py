"""Answers that a new version of the content leaves behind.

Answers are saved under their step's id. When an author removes a step (or renames its id, or turns it into a
kind that asks nothing), the answers people already gave to it show as "from an earlier version". That is
never an error, since old journals must keep working, but an author should know before publishing: this
module turns the step ids a journal holds answers for into warnings. Plain Python, no journal I/O here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from workshop.content.folder import PROGRAM_FILE
from workshop.content.problems import Problem

if TYPE_CHECKING:
    from workshop.content.models import Program

StepLookup = Mapping[str, tuple[str, str, bool]]
"""Step id -> its module's id, its kind, and whether it asks anything: all ``drift_warnings`` needs of the
program, so that ``workshop validate`` can keep it with a cached verdict and skip importing the models."""


class SavedAnswer(NamedTuple):
    """One answer found in a journal: the module file it is saved in, its step, the run's program version."""

    module_id: str
    step_id: str
    version: str


def step_lookup(program: Program) -> dict[str, tuple[str, str, bool]]:
    """The ``StepLookup`` of ``program``: every step, follow-ups too, as ``Program.find_step`` finds it."""
    lookup: dict[str, tuple[str, str, bool]] = {}
    for module in program.all_modules:
        for step in module.steps:
            lookup.setdefault(step.id, (module.id, step.kind, step.answers))
    return lookup


def drift_warnings(
    program: Program | StepLookup, saved: Iterable[SavedAnswer], files: Mapping[str, Path]
) -> list[Problem]:
    """A warning for each step id with saved answers that ``program`` no longer asks.

    ``files`` maps module ids to their files; a step whose module is gone is reported against the program
    file (``files[""]``). A step that moved to another module is fine: answers follow their step id.
    """
    versions: dict[tuple[str, str], set[str]] = {}
    for answer in saved:
        versions.setdefault((answer.module_id, answer.step_id), set()).add(answer.version)
    lookup = program if isinstance(program, Mapping) else step_lookup(program)
    warnings = []
    for (module_id, step_id), seen in sorted(versions.items()):
        found = lookup.get(step_id)
        if found is None:
            why, file = "is no longer in the program", files.get(module_id, files[""])
        elif not found[2]:
            why, file = f"is now a {found[1]} step, which asks nothing", files[found[0]]
        else:
            continue
        written = ", ".join(sorted(seen))
        warnings.append(
            Problem(
                file,
                f"warning: {why}, but a journal holds answers to it (written with version {written}); "
                'they will show as "from an earlier version"',
                f"steps.{step_id}",
            )
        )
    return warnings


def module_files(folder: Path, program: Program) -> dict[str, Path]:
    """Module id -> file for a program loaded from ``folder``, and ``""`` -> its ``program.toml``."""
    from workshop.content.loader import read_toml

    data, _source = read_toml(folder / PROGRAM_FILE, within=folder)
    # load_program keeps the order of `modules` and fails on any missing file, so the two line up.
    names = [folder / name for name in data["modules"]]
    return {"": folder / PROGRAM_FILE, **{m.id: path for m, path in zip(program.modules, names, strict=True)}}
