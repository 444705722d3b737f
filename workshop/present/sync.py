"""How the notes window follows the projecting window: a small JSON file, replaced atomically.

The presenter writes its state (the slide's full text and notes, the next slide, the timers, the agenda,
messages for the facilitator) whenever it changes and at least once a second, to a file in the user's
private runtime folder (mode 0700; ``$XDG_RUNTIME_DIR/workshop`` on Linux, or ``$WORKSHOP_RUNTIME_DIR``),
named after the program and the day (``paths.present_state_file``). ``workshop present --notes`` reads
the same file four times a second, and touches a second file beside it (``….notes-open``) once a second
so that the presenter knows a notes window is following and can send the agenda there rather than to the
projector. No network, no port: only the same user on the same machine can read or write them. The files
hold content-file text (notes, titles) and clock readings, never anything from a journal, and are removed
when their writer closes.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

FORMAT_VERSION = 1
MAX_BYTES = 64 * 1024
STALE_AFTER = 5.0
"""Seconds without an update after which the notes window says the presenter may have closed."""


@dataclass(frozen=True)
class NotesState:
    """What the notes window shows; also what the single-screen notes panel shows."""

    program_id: str
    day: int
    number: int
    count: int
    title: str
    eyebrow: str = ""
    page: int = 1
    pages: int = 1
    """Which page of the slide the room sees, of how many (a long slide in a small window)."""
    screen: tuple[tuple[str, str], ...] = ()
    """The slide's full text as (role, line) pairs: everything the room sees, to read aloud."""
    notes: str | None = None
    discussion: str | None = None
    hints: tuple[str, ...] = ()
    next_title: str | None = None
    next_screen: tuple[tuple[str, str], ...] = ()
    """The next slide's full text, as ``screen``."""
    next_timer: str | None = None
    """The next slide's countdown and its phases, in words ("Timer 8:00: Write on your own 3 min, ...")."""
    planned: str | None = None
    """The slide's planned time, in words (``4 min``), if any."""
    spent: str = "0:00"
    """Time spent on this slide so far."""
    timer: str | None = None
    """The countdown as shown on the projector (``3:59``), or None on a slide without one."""
    timer_state: str | None = None
    timer_total: str | None = None
    """With phases: the time left of the whole countdown (the digits show the current phase's)."""
    overrun: str | None = None
    phase: str | None = None
    phase_next: str | None = None
    phase_switched: bool = False
    elsewhere: tuple[str, ...] = ()
    """Countdowns still running on other slides, one line each."""
    elapsed: str = "0:00"
    started: bool = False
    blank: bool = False
    agenda_summary: str = ""
    agenda_status: str = ""
    """Ahead of or behind plan, in words; empty before the session starts."""
    agenda: tuple[tuple[str, ...], ...] = ()
    agenda_open: bool = False
    message: str | None = None
    """A message for the facilitator ("There is no slide 99"), never shown to the room."""
    written_at: float = field(default=0.0, compare=False)
    """Wall-clock time of writing (``time.time()``), to tell a live presenter from a closed one."""

    def to_json(self) -> str:
        data = asdict(self)
        data["version"] = FORMAT_VERSION
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> NotesState | None:
        """Parse a state file; None for anything malformed (a half-written or foreign file)."""
        try:
            data = json.loads(text)
        except ValueError:
            return None
        if not isinstance(data, dict) or data.pop("version", None) != FORMAT_VERSION:
            return None
        kwargs: dict[str, Any] = {}
        for spec in fields(cls):
            if spec.name not in data:
                continue
            value = data[spec.name]
            if spec.name in _NESTED_FIELDS:
                value = _strings(value, *_NESTED_FIELDS[spec.name])
                if value is None:
                    return None
            elif not _type_ok(spec.name, value):
                return None
            kwargs[spec.name] = value
        try:
            return cls(**kwargs)
        except TypeError:
            return None


_INT_FIELDS = {"day", "number", "count", "page", "pages"}
_BOOL_FIELDS = {"started", "blank", "agenda_open", "phase_switched"}
_REQUIRED_STR = {"program_id", "title", "eyebrow", "elapsed", "spent", "agenda_summary", "agenda_status"}
_NESTED_FIELDS: dict[str, tuple[int, int | None]] = {
    "hints": (1, None),
    "elsewhere": (1, None),
    "screen": (2, 2),
    "next_screen": (2, 2),
    "agenda": (2, None),
}
"""Fields that are lists of strings (depth 1) or lists of rows of strings (depth 2), and how many
strings each row must hold (None: any number)."""


def _strings(value: object, depth: int, row_length: int | None = None) -> tuple[Any, ...] | None:
    """``value`` as (nested) tuples of strings, or None when it is anything else."""
    if not isinstance(value, list):
        return None
    if depth == 1:
        if not all(isinstance(item, str) for item in value):
            return None
        return tuple(value) if row_length is None or len(value) == row_length else None
    rows = [_strings(item, depth - 1, row_length) for item in value]
    return None if any(row is None for row in rows) else tuple(rows)


def _type_ok(name: str, value: object) -> bool:
    if name in _INT_FIELDS:
        return isinstance(value, int) and not isinstance(value, bool)
    if name in _BOOL_FIELDS:
        return isinstance(value, bool)
    if name == "written_at":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if name in _REQUIRED_STR:
        return isinstance(value, str)
    return value is None or isinstance(value, str)


def _private_folder(folder: Path) -> None:
    """Create ``folder`` as 0700 if missing; refuse one that another user owns."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if hasattr(os, "getuid"):
        info = folder.stat()
        if info.st_uid != os.getuid():
            raise PermissionError(f"{folder} belongs to another user")
        if info.st_mode & 0o077:
            folder.chmod(0o700)


def write_state(path: Path, state: NotesState) -> None:
    """Replace the state file atomically: a reader sees the old state or the new one, never half of one."""
    from workshop.files.atomic import write_file

    _private_folder(path.parent)
    # No fsync: the file lives in a RAM-backed runtime folder and is rewritten every second; losing it in a
    # power cut loses nothing.
    write_file(path, state.to_json().encode("utf-8"), fsync=False)


def read_state(path: Path) -> NotesState | None:
    """The presenter's last state, or None when there is none (not started, closed, unreadable)."""
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_BYTES + 1)
    except OSError:
        return None
    if len(raw) > MAX_BYTES:
        return None
    return NotesState.from_json(raw.decode("utf-8", errors="replace"))


def remove_state(path: Path) -> None:
    """Remove the state file when the presenter closes, so the notes window stops following it."""
    path.unlink(missing_ok=True)


def reader_path(path: Path) -> Path:
    """The file a notes window touches to say it is following the state file at ``path``."""
    return path.with_name(path.name + ".notes-open")


def touch_reader(path: Path) -> None:
    """Say "a notes window follows ``path``" (called about once a second by the notes window)."""
    marker = reader_path(path)
    _private_folder(marker.parent)
    descriptor = os.open(marker, os.O_WRONLY | os.O_CREAT, 0o600)
    os.close(descriptor)
    os.utime(marker)


def reader_seen(path: Path, now: float, within: float = STALE_AFTER) -> bool:
    """True when a notes window has touched its file for ``path`` in the last ``within`` seconds."""
    try:
        return now - reader_path(path).stat().st_mtime < within
    except OSError:
        return False
