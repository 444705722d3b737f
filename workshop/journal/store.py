"""The journal: every run of the program, loaded from and saved to TOML files that are never lost.

Layout (see docs/data.md)::

    <data dir>/workshop.lock                       held while a window has the journal open
    <data dir>/journal/<program id>/run-001/_run.toml     the run: program version, dates, position
    <data dir>/journal/<program id>/run-001/<module>.toml one day's answers; saving rewrites only this
    <data dir>/journal/<program id>/run-001/<module>.backup.toml  the version before the last save

A ``Run`` is plain in-memory state that the flow layer changes freely (from the UI thread); ``Journal.save``
takes a snapshot under the run's lock (``Run.unsaved``) and writes only the files that changed (from a
worker thread if it likes). A failed save changes nothing on disk and leaves the run dirty, so the next save
retries. The journal keeps what it knows about the files on disk (their signatures, backups held back) by
path; a run knows nothing of files.
"""

from __future__ import annotations

import contextlib
import os
import stat
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, TypeVar, assert_never, overload

from workshop import paths
from workshop.answers import VALUE_FIELDS, VALUE_TYPES, Answer, FieldKind, Value
from workshop.content.outline import ProgramShape
from workshop.files import atomic
from workshop.files.reading import kind_of, size_words
from workshop.journal import conversion, crypto, index
from workshop.journal.errors import (
    JournalError,
    JournalLocked,
    JournalNeedsUnlock,
    JournalProblem,
    SaveReport,
    describe_os_error,
)
from workshop.journal.format import (
    RUN_FILE,
    SCORES_ID,
    FormatError,
    ModuleData,
    NewerFormatError,
    RunData,
    backup_path,
    decode_module,
    decode_run,
    encode_module,
    encode_run,
    is_content_id,
    module_file_name,
    module_id_of,
    parse_bytes,
)
from workshop.journal.lock import DEFAULT_WAIT, SessionLock

__all__ = [
    "Journal",
    "JournalError",
    "JournalLocked",
    "JournalNeedsUnlock",
    "JournalProblem",
    "OneAtATime",
    "Run",
    "SaveReport",
    "local_now",
]

Clock = Callable[[], datetime]
T = TypeVar("T")

# What we know about a file on disk: its signature when we last read or wrote it, None when it did not
# exist, or why it must never be overwritten as it is.
DiskState = atomic.Signature | None | Literal["unreadable", "newer"]


def local_now() -> datetime:
    """The default clock: now, in the local time zone, with its offset."""
    return datetime.now().astimezone()


# --------------------------------------------------------------------------------------------------------
# Runs: in-memory state, safe to change from one thread while another saves
# --------------------------------------------------------------------------------------------------------


@dataclass
class _Module:
    """One module file's contents in memory, and how many changes are not yet on disk."""

    answers: dict[str, Answer] = field(default_factory=dict)
    done: set[str] = field(default_factory=set)
    updated: datetime | None = None
    changes: int = 0
    saved: int = 0

    def data(self, module_id: str) -> ModuleData:
        return ModuleData(module_id, dict(self.answers), frozenset(self.done), self.updated)


@dataclass(frozen=True)
class Unsaved:
    """A snapshot of what a save must write: each changed module and the run data (if changed), each with
    the count of changes it holds, so that changes made while the files are written stay unsaved."""

    modules: tuple[tuple[ModuleData, int], ...] = ()
    meta: tuple[RunData, int] | None = None

    @property
    def nothing(self) -> bool:
        return not self.modules and self.meta is None


class Run:
    """One run of the program: its dates, where the user is, and the answers of each module."""

    def __init__(
        self,
        folder: Path,
        data: RunData,
        program: ProgramShape,
        clock: Clock,
        *,
        read_only: bool = False,
        new: bool = False,
        homes: Mapping[str, str] | None = None,
    ) -> None:
        self.folder = folder
        """The run's folder, ``journal/<program id>/run-NNN``."""
        self.number = data.number
        self.program_id = data.program_id
        self.program_version = data.program_version
        """The program version this run was started with."""
        self.started = data.started
        self.finished = data.finished
        self.position = data.position
        self._scores_id = data.scores_id
        self.read_only = read_only
        """True when a file of this run was written by a newer app: it is shown but never rewritten."""
        self._updated = data.updated
        self._clock = clock
        self._lock = threading.Lock()
        self._modules: dict[str, _Module] = {}
        # A run opened from its index (``Journal.open(lazy=True)``) reads its files the first time anything
        # asks for its answers, its scores id or a change: ``_loader`` is then set, and every method that
        # touches ``_modules`` calls ``load()`` first, so a save can never write a day with only the new
        # answer. ``_reader`` stays set so that ``release`` can let the answers go and read them again later.
        self._load_lock = threading.Lock()
        self._loader: Callable[[Run], None] | None = None
        self._reader: Callable[[Run], None] | None = None
        self._let_go: Callable[[Run], None] | None = None
        self._peek: Callable[[Run, str], dict[str, Answer] | None] | None = None
        self._index_moments: tuple[datetime, ...] = ()  # when each day last changed, from the index
        self.reads = 0
        """How many times this run's files were read on first use (``load``): a reader that let the run go
        (the review) knows by it whether anything has read, and so perhaps changed, the run since."""
        self._meta_changes = 1 if new else 0  # a new run's file is still to be written
        self._meta_saved = 0
        self._home = step_homes(program) if homes is None else homes
        """The module the program puts each step in (never changed: the journal's runs share one)."""

    def __repr__(self) -> str:  # never the answers: a repr can end up in a log or a traceback
        return f"Run(number={self.number}, program_id={self.program_id!r}, folder={str(self.folder)!r})"

    # -- read on first use -----------------------------------------------------------------------------

    def read_later(
        self,
        reader: Callable[[Run], None],
        moments: tuple[datetime, ...],
        let_go: Callable[[Run], None] | None = None,
        peek: Callable[[Run, str], dict[str, Answer] | None] | None = None,
    ) -> None:
        """For the journal: this run's files are read by ``reader`` when first needed. ``moments`` are when
        each of its days last changed (from the index), so ``last_activity`` needs no file. ``let_go`` is
        told each time the run lets go of its answers (``release``); ``peek`` reads one day's file alone
        (``day_answers``)."""
        with self._load_lock:
            self._loader = self._reader = reader
            self._index_moments = moments
            self._let_go, self._peek = let_go, peek

    @property
    def loaded(self) -> bool:
        """False while this run's answers are on disk only (opened from its index, not yet asked for)."""
        return self._loader is None

    def load(self) -> None:
        """Read this run's files now if they were left for later (a no-op otherwise). Problems found are
        the journal's to report (``Journal.problems``, ``Journal.on_problems``): this never raises for a
        damaged file."""
        if self._loader is None:
            return
        with self._load_lock:
            loader = self._loader
            if loader is not None:
                loader(self)
                self._loader = None
                self.reads += 1

    def release(self) -> bool:
        """Let go of the answers of a run opened from its index, to be read again when next asked for: an
        export renders one run and releases it, so its memory stays flat. False (nothing done) for a run
        with unsaved changes or one that was read in full when the journal opened."""
        with self._load_lock:
            if self._reader is None or self._loader is not None:
                return False
            with self._lock:
                if self._meta_changes != self._meta_saved or any(
                    m.changes != m.saved for m in self._modules.values()
                ):
                    return False
                self._index_moments = tuple(m.updated for m in self._modules.values() if m.updated)
                self._modules = {}
            self._loader = self._reader
            if self._let_go is not None:
                self._let_go(self)
            return True

    def day_answers(self, module_id: str) -> dict[str, Answer] | None:
        """Every answer in that module's file, as ``answers`` gives them, for a reader that shows one and
        keeps none (the review): while the run has let go of its answers (``release``), read from that
        file alone, and the run stays let go. None when the file cannot be read that way (changed since
        the journal last read or wrote it, damaged, encrypted): ``answers`` then reads the whole run, and
        reports what is wrong."""
        with self._load_lock:
            peek = self._peek if self._loader is not None and self.reads else None
        return peek(self, module_id) if peek is not None else self.answers(module_id)

    def take_meta(self, data: RunData) -> None:
        """For the journal: the run file as read on first use (nothing to save)."""
        with self._lock:
            self.program_version, self.started = data.program_version, data.started
            self.finished, self.position = data.finished, data.position
            self._scores_id, self._updated = data.scores_id, data.updated

    # -- reading ---------------------------------------------------------------------------------------

    @property
    def scores_id(self) -> str | None:
        """The random id of this run's scores file, once one was shared (see ``give_scores_id``)."""
        self.load()
        return self._scores_id

    @property
    def last_activity(self) -> datetime | None:
        """When anything in this run last changed: an answer, a step done, the position."""
        with self._lock:
            moments = [m.updated for m in self._modules.values() if m.updated is not None]
            if self._loader is not None:
                moments += self._index_moments
            if self._updated is not None:
                moments.append(self._updated)
        return max(moments, default=None)

    @property
    def dirty(self) -> bool:
        """True when something changed in memory that is not yet saved."""
        with self._lock:
            return self._meta_changes != self._meta_saved or any(
                m.changes != m.saved for m in self._modules.values()
            )

    def module_ids(self) -> tuple[str, ...]:
        """Every module this run holds a file (or in-memory answers) for, including removed modules."""
        self.load()
        with self._lock:
            return tuple(sorted(self._modules))

    def answer(self, step_id: str) -> Answer | None:
        """The answer to ``step_id``, looked up first in the module the program now puts that step in."""
        self.load()
        with self._lock:
            home = self._modules.get(self._home.get(step_id, ""))
            if home is not None and step_id in home.answers:
                return home.answers[step_id]
            for module in self._modules.values():
                if step_id in module.answers:
                    return module.answers[step_id]
        return None

    def answers(self, module_id: str) -> dict[str, Answer]:
        """Every answer in that module's file, including answers to steps that no longer exist."""
        self.load()
        with self._lock:
            module = self._modules.get(module_id)
            return dict(module.answers) if module else {}

    def done_steps(self, module_id: str) -> frozenset[str]:
        """Steps marked done with ``mark_done`` (readings, pauses, steps skipped on purpose)."""
        self.load()
        with self._lock:
            module = self._modules.get(module_id)
            return frozenset(module.done) if module else frozenset()

    # -- changing (in memory; ``Journal.save`` writes) -------------------------------------------------

    def set_answer(self, module_id: str, step_id: str, value: Value) -> None:
        """Set an answer; keeps its first ``created`` time. Setting the same value again changes nothing."""
        _check_ids(module_id, step_id)
        _check_value(value)
        self.load()
        with self._lock:
            module = self._modules.setdefault(module_id, _Module())
            old = module.answers.get(step_id)
            if old is not None and old.value == value:
                return
            now = self._clock()
            module.answers[step_id] = Answer(step_id, value, old.created if old else now, now)
            self._touch(module, now)

    def clear_answer(self, module_id: str, step_id: str) -> None:
        self.load()
        with self._lock:
            module = self._modules.get(module_id)
            if module is None or step_id not in module.answers:
                return
            del module.answers[step_id]
            self._touch(module, self._clock())

    def mark_done(self, module_id: str, step_id: str) -> None:
        """Record a step that saves nothing (reading, pause) or that the user skipped on purpose."""
        _check_ids(module_id, step_id)
        self.load()
        with self._lock:
            module = self._modules.setdefault(module_id, _Module())
            if step_id in module.done:
                return
            module.done.add(step_id)
            self._touch(module, self._clock())

    def set_position(self, module_id: str, step_id: str) -> None:
        self.load()
        with self._lock:
            if self.position == (module_id, step_id):
                return
            self.position = (module_id, step_id)
            self._touch_meta()

    def give_scores_id(self, new_id: str) -> str:
        """The run's scores id: ``new_id`` (random, made by the caller) if it has none yet, kept from then on
        so that every scores file of this run carries the same one. Not activity: ``updated`` stays."""
        if not SCORES_ID.fullmatch(new_id):
            raise ValueError("a scores id is 32 lower-case hex digits")
        self.load()
        with self._lock:
            if self._scores_id is None:
                self._scores_id = new_id
                self._meta_changes += 1
            return self._scores_id

    def mark_finished(self) -> None:
        self.load()
        with self._lock:
            if self.finished is None:
                self.finished = self._clock()
                self._touch_meta()

    def _touch(self, module: _Module, now: datetime) -> None:
        module.updated = now
        module.changes += 1

    def _touch_meta(self) -> None:
        self._updated = self._clock()
        self._meta_changes += 1

    # -- for the journal: what to save, what was saved, what a backup brings back ----------------------

    def unsaved(self) -> Unsaved:
        """What to write: each changed module and the run data (if changed), with their change counts."""
        self.load()
        with self._lock:
            modules = tuple(
                (module.data(module_id), module.changes)
                for module_id, module in sorted(self._modules.items())
                if module.changes != module.saved
            )
            meta = (self._meta(), self._meta_changes) if self._meta_changes != self._meta_saved else None
        return Unsaved(modules, meta)

    def mark_saved(self, saved: Unsaved) -> None:
        """Record that ``saved`` is on disk. Only up to its counts: a change made meanwhile stays dirty."""
        with self._lock:
            for data, changes in saved.modules:
                self._modules[data.module_id].saved = changes
            if saved.meta is not None:
                self._meta_saved = saved.meta[1]

    def load_module(self, data: ModuleData) -> None:
        """Hold a module file's contents as read from disk (when the journal opens: nothing to save)."""
        with self._lock:
            self._modules[data.module_id] = _Module(dict(data.answers), set(data.done), data.updated)

    def restore_module(self, data: ModuleData) -> None:
        """Bring back answers from a backup, for steps that have no answer in memory (a change to save)."""
        self.load()
        with self._lock:
            module = self._modules.setdefault(data.module_id, _Module())
            for step_id, answer in data.answers.items():
                module.answers.setdefault(step_id, answer)
            module.done |= data.done
            module.updated = module.updated or data.updated
            module.changes += 1

    def restore_meta(self, data: RunData) -> None:
        """Bring back the run data from a backup, keeping what memory already knows (a change to save)."""
        self.load()
        with self._lock:
            self.program_version, self.started = data.program_version, data.started
            self.finished = self.finished or data.finished
            self.position = self.position or data.position
            self._scores_id = self._scores_id or data.scores_id
            self._updated = self._updated or data.updated
            self._meta_changes += 1

    def _meta(self) -> RunData:
        return RunData(
            self.program_id,
            self.program_version,
            self.number,
            self.started,
            self.finished,
            self._updated,
            self.position,
            self._scores_id,
        )


class OneAtATime(Sequence[Run]):
    """Runs for a reader that goes through them in order, such as an export: once more than ``held`` runs
    opened from their index have been read, the one read longest ago lets go of its answers
    (``Run.release``), so twenty years are never in memory at once, while a short history is read once
    however many passes the reader makes. Indexing returns a run as it is."""

    def __init__(self, runs: Iterable[Run], held: int = 24) -> None:
        self._runs = list(runs)
        self._held = held
        self._read: dict[int, Run] = {}  # by id, oldest read first

    def __len__(self) -> int:
        return len(self._runs)

    @overload
    def __getitem__(self, index: int) -> Run: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Run]: ...

    def __getitem__(self, index: int | slice) -> Run | Sequence[Run]:
        return self._runs[index]

    def __iter__(self) -> Iterator[Run]:
        for run in self._runs:
            yield run
            self._read.pop(id(run), None)
            self._read[id(run)] = run
            while len(self._read) > self._held:
                oldest = next(iter(self._read))
                self._read.pop(oldest).release()


def _check_ids(module_id: str, step_id: str) -> None:
    # The module id becomes a file name: only an id the content model allows can reach the disk.
    if not isinstance(module_id, str) or not is_content_id(module_id):
        raise ValueError("module_id must be a content id (lower-case letters, digits, hyphens)")
    if not isinstance(step_id, str) or not step_id:
        raise ValueError("step_id must be a non-empty string")


def _check_value(value: Value) -> None:
    """Refuse a value that could not be saved and read back exactly (a bug in the caller, not the user)."""
    if type(value) not in VALUE_FIELDS or VALUE_TYPES.get(value.KIND) is not type(value):
        raise TypeError(f"not an answer value: {type(value).__name__}")
    for each in VALUE_FIELDS[type(value)]:
        if not _fits(each.kind, getattr(value, each.name)):
            raise TypeError(f"{type(value).__name__}.{each.name} has the wrong type")


def _fits(kind: FieldKind, item: object) -> bool:
    """True when ``item`` is what a field of ``kind`` may hold, as the file format can store it."""
    match kind:
        case "text":
            return isinstance(item, str)
        case "integer":
            return isinstance(item, int) and not isinstance(item, bool) and -(2**63) <= item < 2**63
        case "texts":
            return isinstance(item, tuple) and all(isinstance(i, str) for i in item)
        case "scores":
            # None is a blank item; a score is never negative (-1 marks a blank in the file).
            return isinstance(item, tuple) and all(
                i is None or (type(i) is int and 0 <= i < 2**63) for i in item
            )
        case _:
            assert_never(kind)


# --------------------------------------------------------------------------------------------------------
# The journal
# --------------------------------------------------------------------------------------------------------


def step_homes(program: ProgramShape) -> dict[str, str]:
    """The module ``program`` puts each step in, by step id."""
    return {step.id: module.id for module in program.modules for step in module.steps}


class Journal:
    """Every run of one program in one data folder. Open with ``Journal.open``; close to release the lock."""

    def __init__(
        self,
        data_dir: Path,
        program: ProgramShape,
        clock: Clock,
        lock: SessionLock | None,
        identity: crypto.Identity | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.program = program
        self._homes = step_homes(program)  # one for every run: 1.6 kB each, 0.4 MB at twenty years
        self.folder = paths.journal_dir(data_dir, program.id)
        """Where this program's runs are kept."""
        self.problems: list[JournalProblem] = []
        self.runs: list[Run] = []
        self._clock = clock
        self._session_lock = lock
        self._save_lock = threading.Lock()
        self._origins: dict[Path, tuple[Run, str]] = {}  # problem path -> its run and file name
        self._disk: dict[Path, DiskState] = {}  # every journal file read or written, by path
        # Files whose backup is the last good copy of an unreadable file: never rotate it until restored.
        self._held_backups: set[Path] = set()
        # What each module file on disk holds, as far as the run's index goes (ids, never answers).
        self._summaries: dict[Path, dict[str, index.ModuleSummary]] = {}  # run folder -> file name ->
        self._run_data: dict[Path, RunData] = {}  # each run file as on disk, by its run's folder
        # Encryption at rest (docs/encryption.md): files are read through ``_read_file`` and sealed by
        # ``_seal``, the one place each; everything else in the journal sees only plain bytes.
        self.keys = crypto.KeyFiles(data_dir)
        self.identity = identity
        """The unlocked secret key of an encrypted journal, for this session; None for a plain one."""
        self._recipient: crypto.Recipient | None = None
        self._no_saves: str | None = None  # why nothing may be saved (a key file is missing or wrong)
        self.on_problems: Callable[[list[JournalProblem]], None] | None = None
        """Called with the problems found when an older run's files are first read, after the journal
        opened (``lazy=True``), from whichever thread read them: the app shows them as it does at start.
        They are in ``problems`` too."""

    @classmethod
    def open(
        cls,
        data_dir: Path,
        program: ProgramShape,
        *,
        clock: Clock = local_now,
        lock: bool = True,
        wait: float = DEFAULT_WAIT,
        identity: crypto.Identity | None = None,
        lazy: bool = False,
    ) -> Journal:
        """Load every run. ``lock=True`` takes the one-window lock (``JournalLocked`` if another window
        has it); ``lock=False`` opens read-only, for export and progress while the app is open.

        ``lazy=True`` reads the newest run in full and opens each older run of a plain journal from its
        index (``index.py``) while that index still matches every file of the run; such a run reads its
        files the first time anything asks for an answer (``Run.load``), and a file found damaged then is
        added to ``problems`` and passed to ``on_problems``. An encrypted journal has no index, so it is
        read in full either way.

        An encrypted journal needs its unlocked key (``identity``, from ``KeyFiles.unlock``): without it,
        ``JournalNeedsUnlock`` is raised before any file is read (after the lock, so a second window hears
        first that the journal is open elsewhere)."""
        session = None
        if lock:
            try:
                atomic.ensure_private_dir(data_dir)
            except OSError as error:
                raise JournalError(
                    f"{data_dir}: cannot create the journal folder ({describe_os_error(error)})"
                ) from None
            session = SessionLock(data_dir)
            session.acquire(wait)
        journal = cls(data_dir, program, clock, session, identity)
        try:
            journal._set_up_encryption()
            journal._load(lazy=lazy)
        except BaseException:
            journal.close()
            raise
        return journal

    def current_run(self) -> Run | None:
        """The newest run, or None on a new journal."""
        return self.runs[-1] if self.runs else None

    def new_run(self) -> Run:
        """Start the program again. Earlier runs are kept, each with its own answers."""
        self._check_writable()
        numbers = [run.number for run in self.runs] + list(self._run_folders())
        number = max(numbers, default=0) + 1
        folder = paths.run_dir(self.folder, number)
        now = self._clock()
        data = RunData(self.program.id, self.program.version, number, now, updated=now)
        run = Run(folder, data, self.program, self._clock, new=True, homes=self._homes)
        self.save(run)
        self.runs.append(run)
        return run

    def save(self, run: Run) -> SaveReport:
        """Write the run's changed module files and its run file. Safe to call from a worker thread.

        Raises ``JournalError`` (disk full, read-only folder...) with every file on disk as it was and
        the run still dirty, so a later save retries.
        """
        self._check_writable()
        run.load()  # a run opened from its index: what is on disk first, or a save would lose it
        if run.read_only:
            raise JournalError(
                f"{run.folder}: this run was written by a newer version of workshop, so it is kept "
                "untouched. Start a new run, or update workshop to continue it."
            )
        with self._save_lock:
            unsaved = run.unsaved()
            if unsaved.nothing:
                return SaveReport()
            notices: list[str] = []
            writes = [
                self._prepare(
                    run, module_file_name(data.module_id), encode_module(data, run.number), data, notices
                )
                for data, _ in unsaved.modules
            ]
            if unsaved.meta is not None:
                meta = unsaved.meta[0]
                writes.append(self._prepare(run, RUN_FILE, encode_run(meta), meta, notices))
            written = self._write(run, writes)
            run.mark_saved(unsaved)
            for data, _ in unsaved.modules:
                summary = index.ModuleSummary.of(data)
                self._summaries.setdefault(run.folder, {})[module_file_name(data.module_id)] = summary
            if unsaved.meta is not None:
                self._run_data[run.folder] = unsaved.meta[0]
            self._write_index(run.folder)
        return SaveReport(tuple(written), tuple(notices))

    def _index_entries(self, folder: Path) -> list[tuple[str, index.ModuleSummary, atomic.Signature]]:
        entries = []
        for name, summary in self._summaries.get(folder, {}).items():
            state = self._disk.get(folder / name)
            if isinstance(state, atomic.Signature):
                entries.append((name, summary, state))
        return entries

    def _write_index(self, folder: Path, *, only_if_changed: bool = False) -> None:
        """Keep the run's index (``index.py``) in step with its module files; none in an encrypted journal."""
        if self._no_saves is not None:
            return  # age files without their keys: nothing at all is written beside them
        if self._recipient is not None or self.identity is not None or self.keys.is_encrypted():
            with contextlib.suppress(OSError):
                index.remove(folder)
            return
        entries = self._index_entries(folder)
        run_data, run_state = self._run_data.get(folder), self._disk.get(folder / RUN_FILE)
        run = (run_data, run_state) if run_data and isinstance(run_state, atomic.Signature) else None
        if only_if_changed:
            with contextlib.suppress(OSError):
                if (folder / index.INDEX_FILE).read_bytes() == index.encode(entries, run):
                    return
        index.write(folder, entries, run)

    def restore_backup(self, problem: JournalProblem) -> SaveReport:
        """Bring back the answers in ``problem.backup`` (for steps with no answer since) and save.

        The unreadable file is never deleted: it is kept beside the restored one with a timestamp.
        """
        self._check_writable()
        origin = self._origins.get(problem.path)
        if origin is None or problem.backup is None:
            raise JournalError(f"{problem.path}: there is no readable backup of this file to restore")
        run, name = origin
        try:
            table = parse_bytes(self._read_file(problem.backup)[0])
            if name == RUN_FILE:
                run.restore_meta(decode_run(table))
            else:
                run.restore_module(decode_module(table, module_id_of(name) or name))
        except (OSError, FormatError, crypto.CryptoError):
            raise JournalError(f"{problem.backup}: the backup cannot be read either") from None
        held = run.folder / name
        self._held_backups.discard(held)
        # Out of the list before the save: the save keeps the unreadable file aside and would point the
        # problem at that copy (``_retarget_problem``), which then stayed listed as still to restore.
        place = self.problems.index(problem) if problem in self.problems else None
        if place is not None:
            del self.problems[place]
        try:
            report = self.save(run)
        except JournalError:
            self._held_backups.add(held)
            if place is not None:
                self.problems.insert(place, problem)
            raise
        return report

    def close(self) -> None:
        """Release the one-window lock. Unsaved changes are not written: call ``save`` first."""
        if self._session_lock is not None:
            self._session_lock.release()

    def __enter__(self) -> Journal:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- loading ---------------------------------------------------------------------------------------

    def _run_folders(self) -> Iterator[int]:
        """The number of every entry named like a run folder, whatever it is: a new run never reuses one."""
        try:
            entries = list(os.scandir(self.folder))
        except FileNotFoundError:
            return
        except OSError as error:
            raise JournalError(f"{self.folder}: cannot be read ({describe_os_error(error)})") from None
        for entry in entries:
            number = paths.run_number_of(entry.name)
            if number is not None:
                yield number

    def _load(self, *, lazy: bool = False) -> None:
        # Only a plain journal keeps indexes; the newest run is the one home and the day screens use.
        lazy = lazy and self.identity is None and not self.keys.is_encrypted()
        numbers = sorted(self._run_folders())
        home = Path(os.path.realpath(self.folder))  # once: resolving it per run was a fifth of a lazy open
        for number in numbers:
            folder = paths.run_dir(self.folder, number)
            problem = _run_folder_problem(folder, self.folder, home)
            if problem is not None:
                if problem:
                    self.problems.append(JournalProblem(folder, f"{folder}: {problem}; it is not read", None))
                continue
            names = sorted(entry.name for entry in os.scandir(folder))
            if self._session_lock is not None:
                _remove_stale_temps(folder, names)
            if lazy and number != numbers[-1]:
                run = self._run_from_index(folder, number, names)
                run = run or self._read_then_let_go(folder, number, names)
            else:
                run = self._load_run(folder, number, names)
            if run is not None:
                self.runs.append(run)
        if self.runs:
            self.runs[-1].load()  # the current run (the newest folder may have been left empty by a crash)

    def _read_then_let_go(self, folder: Path, number: int, names: list[str]) -> Run | None:
        """An older run whose index cannot be trusted (a journal copied or restored, so every file has a new
        inode; edited; from another version): read whole, which writes its index afresh from its files,
        then opened from that index like the others. Kept read, it held every answer of a copied twenty
        years for the session (110 MiB). Kept as read when something is wrong with it (a problem, a newer
        file), or when no index could be written (a journal opened without its lock)."""
        found = len(self.problems)
        run = self._load_run(folder, number, names)
        if run is None or run.read_only or len(self.problems) > found:
            return run
        lazy = self._run_from_index(folder, number, names)
        if lazy is None:
            return run
        # What the journal kept of the run read whole goes, as for a run let go (``_let_go``): read again
        # with the run when first needed.
        self._summaries.pop(folder, None)
        self._run_data.pop(folder, None)
        for name in names:
            self._disk.pop(folder / name, None)
        return lazy

    def _load_run(self, folder: Path, number: int, names: list[str]) -> Run | None:
        module_names = [name for name in names if module_id_of(name)]
        if RUN_FILE not in names and not module_names:
            return None  # a folder left empty by a crash while starting a run: nothing to show
        run_data, run_state, modules = self._read_run_files(folder, names)
        if run_data is None:
            run_data = self._stand_in_run_data(folder, number, [m for _, m, _ in modules])
        run = Run(folder, run_data, self.program, self._clock, homes=self._homes)
        run.number = number  # the folder's number is the one the user sees; the file's is informative
        self._hold(run, run_state, modules)
        return run

    def _read_run_files(
        self, folder: Path, names: list[str]
    ) -> tuple[RunData | None, DiskState, list[tuple[str, ModuleData | None, DiskState]]]:
        """Read the run file and every module file of one run (problems recorded, files kept)."""
        run_data, run_state = self._read(folder / RUN_FILE, decode_run) if RUN_FILE in names else (None, None)
        if run_data is not None:
            self._run_data[folder] = run_data
        modules = [
            (name, *self._read(folder / name, _module_decoder(name))) for name in names if module_id_of(name)
        ]
        return run_data, run_state, modules

    def _hold(
        self, run: Run, run_state: DiskState, modules: list[tuple[str, ModuleData | None, DiskState]]
    ) -> None:
        """Put what was read of ``run``'s files into it, and remember what is on disk."""
        folder = run.folder
        states = [run_state]
        self._disk[folder / RUN_FILE] = run_state
        for name, data, state in modules:
            self._disk[folder / name] = state
            states.append(state)
            if data is not None:
                run.load_module(data)
                self._summaries.setdefault(folder, {})[name] = index.ModuleSummary.of(data)
        run.read_only = "newer" in states
        if self._session_lock is not None and not run.read_only:
            self._write_index(folder, only_if_changed=True)  # a journal from before the index, or edited
        for problem in self.problems:
            if problem.path.parent == folder:
                self._origins[problem.path] = (run, problem.path.name)
                if problem.backup is not None:
                    self._held_backups.add(problem.path)

    # -- older runs, read on first use -----------------------------------------------------------------

    def _run_from_index(self, folder: Path, number: int, names: list[str]) -> Run | None:
        """The run in ``folder`` as its index describes it, its files left for later; None unless the index
        can be trusted: a real folder (not a link), the index in this version's format, an entry for the
        run file and for every module file, each a regular file with the inode, size and modification time
        the index names. Anything else: the caller reads the files, as without an index."""
        if RUN_FILE not in names:
            return None
        try:
            if stat.S_ISLNK(os.lstat(folder).st_mode):
                return None
            modules, run_entry = index.read_all(folder)
            if run_entry is None or not _matches(folder / RUN_FILE, run_entry[0]):
                return None
            moments = []
            for name in names:
                if module_id_of(name):
                    entry = modules.get(name)
                    if entry is None or not _matches(folder / name, entry[0]):
                        return None
                    if entry[1].updated is not None:
                        moments.append(entry[1].updated)
        except OSError:
            return None
        facts = run_entry[1]
        data = RunData(
            self.program.id, facts.program_version, number, facts.started, facts.finished, facts.updated,
            facts.position,
        )
        run = Run(folder, data, self.program, self._clock, homes=self._homes)
        run.read_later(self._read_later, tuple(moments), self._let_go, self._peek_day)
        return run

    def _read_later(self, run: Run) -> None:
        """Read the files of a run opened from its index (``Run.load`` calls this once, under its lock)."""
        folder, known = run.folder, {problem.path for problem in self.problems}
        found = len(self.problems)
        try:
            names = sorted(entry.name for entry in os.scandir(folder))
        except OSError as error:
            run.read_only = True  # what it holds is unknown: nothing may be written over it
            message = f"{folder}: cannot be read ({describe_os_error(error)}). It is kept as it is."
            self.problems.append(JournalProblem(folder, message, None))
        else:
            run_data, run_state, modules = self._read_run_files(folder, names)
            if run_data is not None:
                run.take_meta(run_data)
            self._hold(run, run_state, modules)
        late = [problem for problem in self.problems[found:] if problem.path not in known]
        self.problems[found:] = late  # a run read again after ``release``: each problem is listed once
        if late and self.on_problems is not None:
            self.on_problems(late)

    def _let_go(self, run: Run) -> None:
        """``run`` let go of its answers (``Run.release``): what the journal kept of its days for its index
        goes too (twenty years of step ids add up). Reading the run again makes it afresh (``_hold``), and
        a save reads the run first. Left while a save is writing: it may be using it."""
        if self._save_lock.acquire(blocking=False):
            try:
                self._summaries.pop(run.folder, None)
            finally:
                self._save_lock.release()

    def _peek_day(self, run: Run, module_id: str) -> dict[str, Answer] | None:
        """One day file of a run that let go of its answers, read alone and kept nowhere
        (``Run.day_answers``), when it is just as the journal last read or wrote it (the same signature,
        bytes included); None for anything else, for which the whole run is read as usual."""
        if self.identity is not None or self.keys.is_encrypted():
            return None
        path = run.folder / module_file_name(module_id)
        try:
            raw, signature = atomic.read_journal_file(path)
            if signature != self._disk.get(path):
                return None
            return dict(decode_module(parse_bytes(raw), module_id).answers)
        except (OSError, FormatError):
            return None

    def _read(self, path: Path, decode: Callable[[dict[str, Any]], T]) -> tuple[T | None, DiskState]:
        """Read and decode one file; on failure record a problem and return why it must be kept."""
        try:
            raw, signature = self._read_file(path)
            return decode(parse_bytes(raw)), signature
        except NewerFormatError as error:
            self.problems.append(JournalProblem(path, f"{path}: {error}", None))
            return None, "newer"
        except (FormatError, OSError, crypto.CryptoError) as error:
            # A damaged file, or one that is not read on purpose (a link out of the folder, a named pipe,
            # a huge file), or one that does not decrypt: either way it is kept, and its last good version
            # offered if there is one.
            if isinstance(error, FormatError):
                message = f"{path}: {error}. It is kept as it is"
            elif isinstance(error, crypto.CryptoError):
                message = f"{path}: {error.reason}. It is kept as it is"
            else:
                message = f"{path}: cannot be read ({describe_os_error(error)}). It is kept as it is"
            backup = self._readable_backup(path, decode)
            message += "; a backup can be restored." if backup else "; no readable backup was found."
            self.problems.append(JournalProblem(path, message, backup))
            return None, "unreadable"

    def _stand_in_run_data(self, folder: Path, number: int, modules: list[ModuleData | None]) -> RunData:
        """Run data for a run whose run file is missing or unreadable, from what the answers say."""
        created = [a.created for m in modules if m for a in m.answers.values()]
        try:
            started = min(created) if created else datetime.fromtimestamp(folder.stat().st_mtime).astimezone()
        except (OSError, TypeError):
            started = self._clock()
        return RunData(self.program.id, "unknown", number, started)

    def _readable_backup(self, path: Path, decode: Callable[[dict[str, Any]], T]) -> Path | None:
        backup = backup_path(path)
        try:
            decode(parse_bytes(self._read_file(backup)[0]))
        except (OSError, FormatError, crypto.CryptoError):
            return None
        return backup

    # -- encryption at rest: the one place files are opened, the one place bytes are sealed ------------

    def _read_file(self, path: Path) -> tuple[bytes, atomic.Signature]:
        """The plain bytes of a journal file, decrypted if it is an age file, and the signature of what is
        on disk. Raises ``OSError``, or ``CryptoError`` for a file that does not decrypt."""
        raw, signature = atomic.read_journal_file(path)
        if crypto.is_age(raw) and self.identity is None:
            # An age file in a journal with no key files (they were lost or moved): it cannot be read, and
            # nothing may be saved in plain text beside it.
            self._no_saves = self._no_saves or str(crypto.MissingIdentity(self.keys.identity_path))
            raise crypto.MissingIdentity(self.keys.identity_path)
        return crypto.open_bytes(raw, path, self.identity), signature

    def _seal(self, path: Path, plain: bytes) -> bytes:
        """The bytes to write for ``plain``: encrypted to the journal's public key when it is encrypted."""
        if self._no_saves is not None:
            raise JournalError(self._no_saves)
        if self._recipient is None:
            if self.keys.is_encrypted():  # never plain text into a journal encrypted since it opened
                raise JournalError(
                    f"{self.keys.recipient_path}: the journal was encrypted after this window opened it; "
                    "nothing was saved. Your answers are kept here: close and open the workshop again."
                )
            return plain
        return self._recipient.encrypt(plain)

    @property
    def encrypted(self) -> bool:
        """True when this journal's files are saved encrypted (its key files are in the data folder)."""
        return self._recipient is not None or self.keys.is_encrypted()

    def _set_up_encryption(self) -> None:
        """For an encrypted journal: check the key, find the public key, finish a conversion cut short."""
        if not self.keys.is_encrypted():
            return
        if self.identity is None:
            raise JournalNeedsUnlock(self.keys.identity_path)
        try:
            self._recipient = self.keys.recipient()
        except crypto.KeyFileError as error:
            if self._session_lock is not None and not isinstance(error, crypto.KeyMismatch):
                self.keys.rewrite_recipient(self.identity)  # missing or damaged: the secret key knows it
                self._recipient = self.keys.recipient()
            else:
                self._no_saves = str(error)
                return
        if self._recipient.text != self.identity.recipient.text:
            self._recipient = None
            self._no_saves = str(crypto.KeyMismatch(self.keys.recipient_path))
            return
        if self._session_lock is not None:
            # Turning encryption on was cut short, or turning it off was (the safe direction): every file
            # is encrypted before anything is read. Only the first bytes of each file are read to ask.
            root = paths.journals_root(self.data_dir)
            if root.is_dir() and conversion.files_to_convert(root, encrypted=True):
                conversion.finish_turning_on(self.keys, root)

    def turn_on_encryption(self, passphrase: str) -> tuple[crypto.Identity, conversion.ConversionReport]:
        """Make the keys and encrypt every file of the data folder's journals, where they are.

        Call ``save`` first: what is in memory is saved encrypted afterwards. Raises ``AlreadyEncrypted``,
        ``PassphraseRejected`` (nothing changed) and ``JournalError``."""
        self._check_writable()
        with self._save_lock:
            index.remove_all(paths.journals_root(self.data_dir))  # an encrypted journal has no index
            identity, report = conversion.turn_on(
                self.keys, paths.journals_root(self.data_dir), passphrase
            )
            self.identity, self._recipient = identity, identity.recipient
            self._no_saves = None
            self._note_converted(report)
        return identity, report

    def turn_off_encryption(self) -> conversion.ConversionReport:
        """Decrypt every file where it is; once all are plain, remove the public key and keep the secret
        key aside. A file that does not decrypt is left as it is, and the journal stays encrypted."""
        self._check_writable()
        if self.identity is None:
            raise JournalError(f"{self.keys.identity_path}: the journal is not unlocked")
        with self._save_lock:
            report = conversion.turn_off(self.keys, paths.journals_root(self.data_dir), self.identity)
            if report.complete:
                self._recipient = None
                self.identity = None
            self._note_converted(report)
            if report.complete:
                for run in self.runs:
                    self._write_index(run.folder)
        return report

    def _note_converted(self, report: conversion.ConversionReport) -> None:
        """Every file converted is ours, in its new form: know it by its new signature, so that the next
        save does not take it for a change made elsewhere."""
        for path in report.converted:
            if isinstance(self._disk.get(path), atomic.Signature):
                with contextlib.suppress(OSError):
                    self._disk[path] = atomic.signature_of(path)

    # -- saving ----------------------------------------------------------------------------------------

    def _check_writable(self) -> None:
        if self._session_lock is None:
            raise JournalError(f"{self.folder}: the journal was opened read-only; nothing can be saved")

    def _prepare(
        self, run: Run, name: str, text: str, data: ModuleData | RunData, notices: list[str]
    ) -> atomic.Write:
        path = run.folder / name
        try:
            encoded = text.encode("utf-8")
        except UnicodeEncodeError:
            raise JournalError(
                f"{path}: an answer holds a character that cannot be stored (an unpaired surrogate); "
                "nothing was written"
            ) from None
        if len(encoded) > atomic.MAX_FILE_BYTES - _SEAL_ROOM:
            raise JournalError(
                f"{path}: the answers of this day are more than {size_words(atomic.MAX_FILE_BYTES)}, more "
                "than the journal keeps in one file; nothing was written. Your answers are kept here."
            )
        _check_round_trip(path, encoded, data)
        encoded = self._seal(path, encoded)
        reason = _outside_change(path, self._disk.get(path))
        if reason is None:
            backup = None if path in self._held_backups else backup_path(path)
            return atomic.Write(path, encoded, backup)
        aside = self._keep_aside(path, reason)
        if reason == "unreadable":
            notices.append(
                f"{name} in run {run.number} could not be read, so it was kept as {aside.name} "
                "before your answers were saved."
            )
        else:
            notices.append(
                f"{name} in run {run.number} was changed outside the workshop (by hand or by a sync "
                f"tool) since it was opened. Both versions are kept: the other one as {aside.name}."
            )
        return atomic.Write(path, encoded, backup=None)  # the backup keeps the last good version

    def _keep_aside(self, path: Path, reason: str) -> Path:
        stamp = self._clock().strftime("%Y%m%d-%H%M%S")
        for attempt in range(1000):
            suffix = f"-{attempt}" if attempt else ""
            aside = path.with_name(f"{path.stem}.{reason}-{stamp}{suffix}.toml")
            try:
                atomic.keep_aside(path, aside)
            except FileExistsError:
                continue
            except OSError as error:
                raise JournalError(
                    f"{path}: could not keep a copy of this file before saving ({describe_os_error(error)}); "
                    "nothing was written"
                ) from None
            self._retarget_problem(path, aside)
            return aside
        raise JournalError(f"{path}: too many copies kept aside; nothing was written")

    def _retarget_problem(self, path: Path, aside: Path) -> None:
        """A problem about a file now kept aside points at the kept copy, so restoring still works."""
        for number, problem in enumerate(self.problems):
            if problem.path == path:
                moved = JournalProblem(
                    aside, problem.message.replace(str(path), str(aside), 1), problem.backup
                )
                self.problems[number] = moved
                self._origins[aside] = self._origins.pop(path)

    def _write(self, run: Run, writes: list[atomic.Write]) -> list[Path]:
        try:
            atomic.ensure_private_dir(run.folder)
            written = atomic.write_files(writes)
        except atomic.WriteFailed as failure:
            self._disk.update(failure.written)
            raise JournalError(
                f"{failure.path}: could not save ({describe_os_error(failure.error)}). Nothing is lost: "
                "your answers are kept here and saved again on the next try."
            ) from None
        except OSError as error:
            raise JournalError(
                f"{run.folder}: could not create the folder ({describe_os_error(error)}). Nothing is "
                "lost: your answers are kept here and saved again on the next try."
            ) from None
        self._disk.update(written)
        return list(written)


def _run_folder_problem(folder: Path, journal: Path, home: Path) -> str | None:
    """Why ``folder`` (named like a run) is not read as one: None for a real folder inside the journal
    (``home`` is its real path), "" for one that vanished, else the reason in words."""
    try:
        # A folder itself, not a link, is inside the journal: no path to resolve (resolving each run's was
        # a third of a lazy open of twenty years).
        if stat.S_ISDIR(os.lstat(folder).st_mode):
            return None
        info = os.stat(folder)
    except FileNotFoundError:
        return ""
    except OSError as error:
        return f"cannot be read ({describe_os_error(error)})"
    if not stat.S_ISDIR(info.st_mode):
        return f"is {kind_of(info.st_mode)}, not a folder"
    real = Path(os.path.realpath(folder))
    if home not in real.parents:
        return f"is a link to a folder outside {journal}"
    return None


def _matches(path: Path, stamp: index.Stamp) -> bool:
    """True when ``path`` is a regular file (not a link) with the inode, size and modification time given."""
    info = os.lstat(path)
    return stat.S_ISREG(info.st_mode) and index.stamp_of(info) == stamp


def _module_decoder(name: str) -> Callable[[dict[str, Any]], ModuleData]:
    module_id = module_id_of(name) or name
    return lambda table: decode_module(table, module_id)


_SEAL_ROOM = 64 * 1024
"""Room left in ``MAX_FILE_BYTES`` for what encryption adds (about 300 bytes and 16 per 64 KiB)."""


def _outside_change(path: Path, known: DiskState) -> Literal["unreadable", "changed"] | None:
    """Why the file at ``path`` must be kept aside before it is replaced, or None if it need not be."""
    try:
        info = os.lstat(path)  # a link is not the file it points at: never the same as what we wrote
    except FileNotFoundError:
        return None  # nothing there to lose
    except OSError:
        return "changed"
    if known == "unreadable":
        return "unreadable"
    if not isinstance(known, atomic.Signature):
        return "changed"  # appeared since we looked (a sync tool): keep it
    if known.same_stat(info):
        return None
    try:
        digest = atomic.signature_of(path).sha256
    except OSError:
        return "changed"
    return None if digest == known.sha256 else "changed"


def _check_round_trip(path: Path, encoded: bytes, data: ModuleData | RunData) -> None:
    """Parse what is about to be written and compare it with memory; refuse to write on any difference."""
    try:
        table = parse_bytes(encoded)
        if isinstance(data, ModuleData):
            same = decode_module(table, data.module_id).exact() == data.exact()
        else:
            same = decode_run(table) == data
    except FormatError:
        same = False
    if not same:
        raise JournalError(
            f"{path}: the answers did not read back exactly as written, so nothing was written. "
            "Please report this; your answers are kept in memory."
        )


def _remove_stale_temps(folder: Path, names: list[str]) -> None:
    # Left by a crash mid-save; the real file beside it is whole. Only the lock holder may remove them.
    for name in names:
        if atomic.is_temp_name(name):
            with contextlib.suppress(OSError):
                os.unlink(folder / name)
