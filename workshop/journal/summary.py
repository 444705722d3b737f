"""Every run of a plain journal as far as counting goes: dates, steps answered and done, never the words.

For ``workshop progress`` and ``workshop validate``'s drift warnings. Each run's small run file is read;
each day's file is known from the run's index (``index.py``) while the index still matches the file, and
parsed otherwise. Whenever the journal is anything but plain and readable (encrypted, a file that does
not read, a run from a newer version, a run folder that is not one), ``read_summaries`` returns None and
the caller opens the ``Journal`` as before, which reads everything and says what is wrong.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from workshop import paths
from workshop.answers import Answer, TextValue
from workshop.content.outline import ProgramShape
from workshop.files import atomic
from workshop.journal import crypto, index
from workshop.journal.format import (
    RUN_FILE,
    FormatError,
    RunData,
    decode_module,
    decode_run,
    module_id_of,
    parse_bytes,
)

_ANSWERED_AT = datetime(2000, 1, 1).astimezone()
_ANSWERED = Answer("", TextValue("answered"), _ANSWERED_AT, _ANSWERED_AT)
"""What ``RunSummary.answer`` gives for a step with a non-empty answer: a stand-in, never the answer."""


@dataclass(frozen=True)
class RunSummary:
    """One run for the completion rules (``RunAnswers``): which steps are answered, never the answers."""

    number: int
    program_version: str
    started: datetime
    finished: datetime | None
    position: tuple[str, str] | None
    updated: datetime | None
    modules: dict[str, index.ModuleSummary]
    home: dict[str, str]
    read_only: bool = False

    @property
    def last_activity(self) -> datetime | None:
        moments = [m.updated for m in self.modules.values() if m.updated is not None]
        if self.updated is not None:
            moments.append(self.updated)
        return max(moments, default=None)

    def module_ids(self) -> tuple[str, ...]:
        return tuple(sorted(self.modules))

    def answered(self, module_id: str) -> frozenset[str]:
        """Steps with a non-empty answer in that module's file."""
        module = self.modules.get(module_id)
        return module.answered if module else frozenset()

    def done_steps(self, module_id: str) -> frozenset[str]:
        module = self.modules.get(module_id)
        return module.done if module else frozenset()

    def answer(self, step_id: str) -> Answer | None:
        """A stand-in that only says the step is answered (its value is a placeholder, not the answer),
        or None; looked up as ``Run.answer`` does, first in the module the program now puts the step in."""
        home = self.modules.get(self.home.get(step_id, ""))
        if home is not None and step_id in home.present:
            return _ANSWERED if step_id in home.answered else None
        for module in self.modules.values():
            if step_id in module.present:
                return _ANSWERED if step_id in module.answered else None
        return None


@dataclass(frozen=True)
class Summaries:
    """The runs read, oldest first, and how many run folders the journal has in all."""

    runs: list[RunSummary]
    folders: int

    @property
    def earlier(self) -> int:
        """Run folders older than the runs read (``newest`` left them out)."""
        return max(self.folders - len(self.runs), 0)


def read_summaries(data_dir: Path, program: ProgramShape, *, newest: int | None = None) -> Summaries | None:
    """The runs of ``program`` in ``data_dir`` (only the ``newest`` many, if given), oldest first; None when
    only ``Journal.open`` will do. Reading the newest few costs the same whatever the history's length."""
    if crypto.KeyFiles(data_dir).is_encrypted():
        return None
    folder = paths.journal_dir(data_dir, program.id)
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return Summaries([], 0)
    except OSError:
        return None
    home = {step.id: module.id for module in program.modules for step in module.steps}
    runs = []
    numbered = sorted(
        ((n, e) for e in entries if (n := paths.run_number_of(e.name)) is not None), key=lambda pair: pair[0]
    )
    for number, entry in numbered[-newest:] if newest else numbered:
        if not entry.is_dir(follow_symlinks=False):
            return None
        try:
            run = _summary(Path(entry.path), number, home)
        except (OSError, FormatError, crypto.CryptoError):
            return None
        if run is not None:
            runs.append(run)
    return Summaries(runs, len(numbered))


def _summary(folder: Path, number: int, home: dict[str, str], *, use_index: bool = True) -> RunSummary | None:
    names = sorted(entry.name for entry in os.scandir(folder))
    module_names = [name for name in names if module_id_of(name)]
    if RUN_FILE not in names:
        if module_names:
            raise FormatError("no run file")  # the journal makes a stand-in and says why: let it
        return None
    known, run_entry = index.read_all(folder) if use_index else ({}, None)
    run: RunData | index.RunFacts
    if run_entry is not None and run_entry[0] == index.stamp_of(os.stat(folder / RUN_FILE)):
        run = run_entry[1]
    else:
        run = decode_run(parse_bytes(_plain(folder / RUN_FILE)))
    modules = {}
    for name in module_names:
        path = folder / name
        entry = known.get(name)
        if entry is not None and entry[0] == index.stamp_of(os.stat(path)):
            summary = entry[1]
        else:
            data = decode_module(parse_bytes(_plain(path)), module_id_of(name) or "")
            summary = index.ModuleSummary.of(data)
        modules[module_id_of(name) or name] = summary
    return RunSummary(
        number, run.program_version, run.started, run.finished, run.position, run.updated, modules, home
    )


def _plain(path: Path) -> bytes:
    raw, _ = atomic.read_journal_file(path)
    if crypto.is_age(raw):
        raise crypto.CryptoError(path, "encrypted")
    return raw


def read_run(folder: Path, *, use_index: bool = True) -> RunSummary | None:
    """The summary of the one run in ``folder`` (None for a folder with neither a run file nor a day),
    without the program's step homes: for which steps are answered, not for ``RunSummary.answer``.
    ``use_index=False`` parses every file, for files changed too recently for their signatures to tell
    (``answered.RACY_NS``). Raises ``OSError``, ``FormatError`` and ``CryptoError`` where
    ``read_summaries`` gives up."""
    return _summary(folder, paths.run_number_of(folder.name) or 0, {}, use_index=use_index)
