"""A small index kept with each run of a plain journal: which steps each day's file answered, never what.

``workshop progress`` and ``workshop validate`` need to know, for every run, which steps hold an answer and
which were marked done; they never need the words. Parsing every day's TOML for that grows with history
(15.8 MB at twenty years). So each save of a plain journal also writes ``run-NNN/_index.json``:

    {"format": "workshop-run-index 1",
     "modules": {"day-1.toml": {"inode": 1, "size": 2, "mtime_ns": 3, "present": [...], "answered": [...],
                                "done": [...], "updated": "2026-11-30T11:25:00+00:00"}}}

per module file: the file's inode, size and modification time when the index was written, the step ids it
holds an answer for (``present``), those whose answer is not empty (``answered``), those marked done, and
when the day last changed. Ids and moments only: no answer text, no position, nothing typed.

The index is a cache, never the record. An entry is used only while its module file still has the inode,
size and modification time it names (a save replaces the file, so its inode changes); anything else (a
missing, stale, damaged or foreign index) means the reader parses that one module file, as before. The
index is written without fsync: a lost one costs one slower ``progress``.

**Encrypted journals have no index.** Which steps were answered, and when, is not the words, but it is
more than an encrypted journal should show in the clear: an encrypted journal's saves write none, turning
encryption on removes every index, and the reader never looks for one in an encrypted journal
(``docs/data.md``).
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from workshop.files import atomic
from workshop.journal.format import ModuleData, RunData

INDEX_FILE = "_index.json"
FORMAT = "workshop-run-index 1"


@dataclass(frozen=True)
class ModuleSummary:
    """What the index keeps of one module file: step ids and a moment, never an answer."""

    present: frozenset[str]
    """Steps with an answer in the file, empty or not."""
    answered: frozenset[str]
    """Steps whose answer is not empty."""
    done: frozenset[str]
    updated: datetime | None

    @classmethod
    def of(cls, data: ModuleData) -> ModuleSummary:
        answered = frozenset(step for step, answer in data.answers.items() if not answer.value.is_empty())
        return cls(frozenset(data.answers), answered, frozenset(data.done), data.updated)

    def to_json(self, signature: atomic.Signature) -> dict[str, Any]:
        return {
            "inode": signature.inode,
            "size": signature.size,
            "mtime_ns": signature.mtime_ns,
            "present": sorted(self.present),
            "answered": sorted(self.answered),
            "done": sorted(self.done),
            "updated": self.updated.isoformat() if self.updated else None,
        }


Entries = Iterable[tuple[str, ModuleSummary, atomic.Signature]]
RunEntry = tuple[RunData, atomic.Signature] | None


def encode(entries: Entries, run: RunEntry = None) -> bytes:
    """The index file's bytes for (file name, summary, the file's signature) of each module file, and the
    run file's dates, version and position (ids) with its signature."""
    modules = {name: summary.to_json(signature) for name, summary, signature in sorted(entries)}
    found: dict[str, Any] = {"format": FORMAT, "modules": modules}
    if run is not None:
        data, signature = run
        found["run"] = {
            "inode": signature.inode,
            "size": signature.size,
            "mtime_ns": signature.mtime_ns,
            "program_version": data.program_version,
            "started": data.started.isoformat(),
            "finished": data.finished.isoformat() if data.finished else None,
            "updated": data.updated.isoformat() if data.updated else None,
            "position": list(data.position) if data.position else None,
        }
    return json.dumps(found, separators=(",", ":")).encode()


def write(folder: Path, entries: Entries, run: RunEntry = None) -> None:
    """Best effort: an index that cannot be written only means the reader parses the module files."""
    with contextlib.suppress(OSError):
        atomic.write_file(folder / INDEX_FILE, encode(entries, run), fsync=False)


@dataclass(frozen=True)
class RunFacts:
    """What the index keeps of the run file: no scores id, nothing typed."""

    program_version: str
    started: datetime
    finished: datetime | None
    updated: datetime | None
    position: tuple[str, str] | None


def remove(folder: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        (folder / INDEX_FILE).unlink()


def remove_all(journals_root: Path) -> None:
    """Remove every run's index under ``journals_root`` (``<data>/journal``), and each program's list of
    answered steps (``answered.py``), as encryption is turned on."""
    from workshop.journal import answered

    with contextlib.suppress(OSError):
        for program in os.scandir(journals_root):
            if program.is_dir(follow_symlinks=False):
                answered.remove(Path(program.path))
                for run in os.scandir(program.path):
                    if run.is_dir(follow_symlinks=False):
                        with contextlib.suppress(OSError):
                            remove(Path(run.path))


Stamp = tuple[int, int, int]
MAX_INDEX_BYTES = 1024 * 1024


def read(folder: Path) -> Mapping[str, tuple[Stamp, ModuleSummary]]:
    """The index of the run in ``folder``: file name -> ((inode, size, mtime_ns), summary). Empty when
    there is none or it cannot be trusted; an entry that does not parse is left out."""
    return read_all(folder)[0]


def read_all(folder: Path) -> tuple[Mapping[str, tuple[Stamp, ModuleSummary]], tuple[Stamp, RunFacts] | None]:
    """``read``, and the run file's entry if there is one that parses."""
    found = _load(folder / INDEX_FILE)
    if not isinstance(found, dict) or found.get("format") != FORMAT:
        return {}, None
    if not isinstance(found.get("modules"), dict):
        return {}, None
    return _modules(found["modules"]), _run(found.get("run"))


def _load(path: Path) -> object:
    """The parsed JSON of the index: only a regular file, never through a link, never a named pipe."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        with os.fdopen(os.open(path, flags), "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_INDEX_BYTES:
                return None
            return json.loads(handle.read(MAX_INDEX_BYTES + 1))
    except (OSError, ValueError):
        return None


def _run(entry: object) -> tuple[Stamp, RunFacts] | None:
    if not isinstance(entry, dict):
        return None
    try:
        stamp = (int(entry["inode"]), int(entry["size"]), int(entry["mtime_ns"]))
        position = entry["position"]
        if position is not None:
            module_id, step_id = _ids(position)
            position = (module_id, step_id)
        facts = RunFacts(
            str(entry["program_version"]),
            datetime.fromisoformat(entry["started"]),
            datetime.fromisoformat(entry["finished"]) if entry["finished"] else None,
            datetime.fromisoformat(entry["updated"]) if entry["updated"] else None,
            position,
        )
    except (KeyError, TypeError, ValueError):
        return None
    return stamp, facts


def _modules(found: dict[str, Any]) -> dict[str, tuple[Stamp, ModuleSummary]]:
    entries = {}
    for name, entry in found.items():
        try:
            stamp = (int(entry["inode"]), int(entry["size"]), int(entry["mtime_ns"]))
            updated = datetime.fromisoformat(entry["updated"]) if entry["updated"] else None
            summary = ModuleSummary(
                frozenset(_ids(entry["present"])),
                frozenset(_ids(entry["answered"])),
                frozenset(_ids(entry["done"])),
                updated,
            )
        except (KeyError, TypeError, ValueError):
            continue
        entries[name] = (stamp, summary)
    return entries


def stamp_of(info: os.stat_result) -> tuple[int, int, int]:
    return (info.st_ino, info.st_size, info.st_mtime_ns)


def _ids(items: object) -> list[str]:
    # The types of the items as a set, not a check of each in Python: twenty years of indexes list some
    # 30,000 ids, and JSON gives nothing that is a str but not exactly one.
    if not isinstance(items, list) or set(map(type, items)) - {str}:
        raise TypeError("not a list of ids")
    return items
