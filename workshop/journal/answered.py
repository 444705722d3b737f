"""Which steps a plain journal answered, in every run: one small file, so ``workshop validate`` stays flat.

``validate``'s drift warnings need, for every run, the ids of the steps it has non-empty answers for and
the program version it was written with. Reading them from each run's index (``index.py``,
``summary.py``) costs about 0.4 ms a run: 100 ms at twenty years. So ``validate`` keeps what it found in
``journal/<program id>/_answered.json``:

    {"format": "workshop-answered 1", "checked_ns": 1764500000000000000,
     "steps": [["step-a", "step-b"], ...],
     "runs": {"run-001": {"folder": [inode, mtime_ns],
                          "files": {"_run.toml": [inode, size, mtime_ns], "day-1.toml": [...]},
                          "version": "1.2", "answered": {"day-1": 0}}}}

Step ids, versions and file signatures only: no answer, no date, nothing typed. A day's answered steps
are a position in ``steps``, each list of step ids kept once: someone who repeats the program answers
the same steps in most runs. Checking the file costs a stat of each run folder and of each file it
names (about 10 ms at twenty years), not a parse of each index.

It is a cache, never the record, and never trusted beyond what it can check:

- a run's entry is used only while the run folder and every file the entry names still have the inode,
  size and modification time it gives (a file added to or removed from the folder changes the folder's
  time; a save replaces a file, so its inode changes; an edit in place changes its time);
- and only if those times are older than ``RACY_NS`` before the moment the entry was checked, as git
  does for its index: a file changed again within the same tick of the file system's clock could
  otherwise keep its time;
- a run whose entry cannot be used is read as before (``summary.py``: its index, else its files), and the
  file is written again (atomically, without fsync: losing it costs one slower ``validate``);
- a missing, damaged, foreign or too large file, or one that is not a regular file (a link is never
  followed, a named pipe never waited on), is the same as none, and is replaced by a regular file;
- **an encrypted journal keeps none**: nothing reads or writes it while the journal is encrypted, and
  turning encryption on removes it (``index.remove_all``), with the run indexes.

Whenever ``summary.py`` would give up on a run (a file that does not read, a newer format, an encrypted
file, a run folder that is a link), ``answered_steps`` returns None and the caller opens the ``Journal``,
which reads everything and says what is wrong; nothing is written then.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workshop import paths

if TYPE_CHECKING:
    from workshop.content.outline import ProgramShape

ANSWERED_FILE = "_answered.json"
FORMAT = "workshop-answered 1"
RACY_NS = 3_000_000_000
"""An entry whose folder or files changed less than this before it was checked is read again: a file
changed twice within one tick of the file system's clock (2 s on FAT) keeps its modification time."""
MAX_BYTES = 64 * 1024 * 1024


Signature = list[int]
Record = dict[str, Any]
"""One run's entry, as in the file but with each day's step ids in place of their position."""


def answered_steps(data_dir: Path, program: ProgramShape) -> set[tuple[str, str, str]] | None:
    """(module id, step id, program version) for every step with a non-empty answer in some run of
    ``program`` in ``data_dir``; None when only ``Journal.open`` will do (see above)."""
    if _encrypted(data_dir):
        return None
    folder = paths.journal_dir(data_dir, program.id)
    try:
        entries = sorted(
            (entry.name, entry) for entry in os.scandir(folder) if paths.run_number_of(entry.name) is not None
        )
    except FileNotFoundError:
        return set()
    except OSError:
        return None
    checked_ns = time.time_ns()  # before any signature is taken: see RACY_NS
    kept = _load(os.path.join(folder, ANSWERED_FILE))
    runs: dict[str, Record] = {}
    rewrite = len(kept) != len(entries)
    days: set[tuple[str, tuple[str, ...], str]] = set()
    for name, entry in entries:
        if not entry.is_dir(follow_symlinks=False):
            return None  # the journal names it as a problem
        record = kept.get(name)
        if record is None or not _still_true(entry.path, record):
            rewrite = True
            try:
                record, steady = _read_run(Path(entry.path), checked_ns)
            except _NeedsTheJournalError:
                return None
            if steady:  # else it changed while it was read: counted, not kept
                runs[name] = record
        else:
            runs[name] = record
        version = record["version"]
        days.update((module_id, steps, version) for module_id, steps in record["answered"].items())
    if rewrite:
        _write(folder, checked_ns, runs, data_dir)
    return {(module_id, step, version) for module_id, steps, version in days for step in steps}


def _encrypted(data_dir: Path) -> bool:
    """``crypto.KeyFiles(data_dir).is_encrypted()``, without importing the crypto module (pyrage, and
    subprocess for scrypt: 20 ms of a command that only counts)."""
    return os.path.lexists(paths.recipient_file(data_dir)) or os.path.lexists(paths.identity_file(data_dir))


def _still_true(folder: str, record: Record) -> bool:
    """Whether the run folder and every file ``record`` names still have the signatures it gives."""
    try:
        info = os.stat(folder, follow_symlinks=False)
        if [info.st_ino, info.st_mtime_ns] != record["folder"]:
            return False
        for name, signature in record["files"].items():
            info = os.stat(os.path.join(folder, name), follow_symlinks=False)
            if [info.st_ino, info.st_size, info.st_mtime_ns] != signature:
                return False
    except OSError:
        return False
    return True


class _NeedsTheJournalError(Exception):
    """A run that ``summary.py`` gives up on: the caller opens the ``Journal``, which says what is wrong."""


def _read_run(folder: Path, checked_ns: int) -> tuple[Record, bool]:
    """The entry for the run in ``folder``, read as ``summary.py`` reads it, and whether no file of it
    changed while it was read. Raises ``_NeedsTheJournalError``.

    The run's index has the same blind spot as this file (a file changed again within a tick of the
    file system's clock), so a run changed that recently is read from its files, not its index."""
    from workshop.journal import crypto, summary
    from workshop.journal.format import FormatError

    try:
        before = _signatures(folder)
        recent = _newest(*before) > checked_ns - RACY_NS
        run = summary.read_run(folder, use_index=not recent)
        after = _signatures(folder)
    except (OSError, FormatError, crypto.CryptoError):
        raise _NeedsTheJournalError from None
    answered: dict[str, tuple[str, ...]] = {}
    version = ""
    if run is not None:
        version = run.program_version
        answered = {module_id: tuple(sorted(run.answered(module_id))) for module_id in run.module_ids()}
    folder_signature, files = before
    record = {"folder": folder_signature, "files": files, "version": version, "answered": answered}
    return record, before == after


def _signatures(folder: Path) -> tuple[Signature, dict[str, Signature]]:
    """The run folder's (inode, modification time), and (inode, size, modification time) of the files
    a summary reads: the run file and each day's file."""
    from workshop.journal.format import RUN_FILE, module_id_of

    info = os.stat(folder, follow_symlinks=False)
    files = {}
    for entry in os.scandir(folder):
        if entry.name == RUN_FILE or module_id_of(entry.name):
            found = entry.stat(follow_symlinks=False)
            files[entry.name] = [found.st_ino, found.st_size, found.st_mtime_ns]
    return [info.st_ino, info.st_mtime_ns], dict(sorted(files.items()))


def _load(path: str) -> dict[str, Record]:
    """The runs in the file at ``path``: only a regular file, never through a link, never a named pipe;
    empty when it is anything else, or damaged, or of another format. A run whose entry is not as
    ``_write`` writes it, or was racy when it was checked (``RACY_NS``), is left out: it is read again."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        with os.fdopen(os.open(path, flags), "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
                return {}
            found = json.loads(handle.read(MAX_BYTES + 1))
    except (OSError, ValueError):
        return {}
    if not isinstance(found, dict) or found.get("format") != FORMAT:
        return {}
    checked, table, runs = found.get("checked_ns"), found.get("steps"), found.get("runs")
    if type(checked) is not int or not isinstance(table, list) or not isinstance(runs, dict):
        return {}
    if not all(isinstance(steps, list) and all(type(step) is str for step in steps) for steps in table):
        return {}
    steps = [tuple(each) for each in table]
    kept = {}
    for name, record in runs.items():
        with contextlib.suppress(KeyError, TypeError, ValueError, IndexError, AttributeError):
            if _well_formed(record) and _settled(record, checked):
                record["answered"] = {module_id: steps[at] for module_id, at in record["answered"].items()}
                kept[name] = record
    return kept


def _well_formed(record: Any) -> bool:
    """Whether ``record`` has the shape ``_write`` writes (or raises ``KeyError``, ``TypeError`` or
    ``AttributeError`` where a key or a container is missing)."""
    folder, files, answered = record["folder"], record["files"], record["answered"]
    return (
        type(record["version"]) is str
        and _signature(folder, 2)
        and all(_signature(value, 3) for value in files.values())
        and all(type(at) is int and at >= 0 for at in answered.values())
    )


def _settled(record: Record, checked: int) -> bool:
    """Whether every time ``record`` gives was older than ``RACY_NS`` when it was checked: a file may have
    changed since within the same tick of the file system's clock, and kept its time."""
    return _newest(record["folder"], record["files"]) <= checked - RACY_NS


def _newest(folder: Signature, files: dict[str, Signature]) -> int:
    """The latest modification time among a run's signatures."""
    return max([folder[1], *(value[2] for value in files.values())])


def _signature(value: object, length: int) -> bool:
    return isinstance(value, list) and len(value) == length and all(type(item) is int for item in value)


def _write(folder: Path, checked_ns: int, runs: dict[str, Record], data_dir: Path) -> None:
    """Best effort: a file that cannot be written only means the next ``validate`` reads the indexes."""
    from workshop.files.atomic import write_file

    table: dict[tuple[str, ...], int] = {}
    written = {
        name: {
            **record,
            "answered": {m: table.setdefault(s, len(table)) for m, s in record["answered"].items()},
        }
        for name, record in runs.items()
    }
    found = {"format": FORMAT, "checked_ns": checked_ns, "steps": list(table), "runs": written}
    data = json.dumps(found, separators=(",", ":")).encode()
    with contextlib.suppress(OSError):
        if _encrypted(data_dir):
            return  # encryption was turned on meanwhile: an encrypted journal keeps none
        write_file(folder / ANSWERED_FILE, data, fsync=False)
        if _encrypted(data_dir):
            remove(folder)


def remove(folder: Path) -> None:
    """Remove the file from a program's journal folder, if it is there (best effort, as it is written)."""
    with contextlib.suppress(OSError):
        (folder / ANSWERED_FILE).unlink()
