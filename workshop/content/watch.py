"""Noticing that an author changed a program's files, and loading the new version: ``workshop preview``.

Plain Python with no threads or timers of its own, so it is tested without a terminal; the preview app calls
``poll`` on an interval from a worker thread.
"""

from __future__ import annotations

import os
from pathlib import Path

from workshop.content.loader import load_program
from workshop.content.models import Program
from workshop.content.problems import ContentError, Problem

# What identifies one version of a file without reading it. The inode changes when an editor saves by
# writing a new file and renaming it over the old one; size and mtime change when it writes in place.
Stamp = tuple[int, int, int]


class ProgramWatcher:
    """Watches the ``*.toml`` files of one program folder and reloads the program when any changes."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._seen: dict[str, Stamp] | None = None

    def stamps(self) -> dict[str, Stamp]:
        """The current stamp of every TOML file in the folder (a file being replaced may be missing)."""
        found: dict[str, Stamp] = {}
        try:
            entries = list(os.scandir(self.folder))
        except OSError:
            return found  # the folder itself is gone or unreadable: loading will say so
        for entry in entries:
            if not entry.name.endswith(".toml"):
                continue
            try:
                info = entry.stat()
            except OSError:
                continue
            found[entry.name] = (info.st_ino, info.st_size, info.st_mtime_ns)
        return found

    def load(self) -> Program | list[Problem]:
        """Load the program now: the program, or every problem that stops it loading."""
        # Stamp first: an edit made while loading then shows up as a change at the next poll.
        self._seen = self.stamps()
        try:
            return load_program(self.folder)
        except ContentError as failure:
            return failure.problems

    def poll(self) -> Program | list[Problem] | None:
        """None when no file changed since the last load; else the result of loading again."""
        if self._seen is not None and self.stamps() == self._seen:
            return None
        return self.load()
