"""A program folder on disk: ``program.toml`` names the module files, and only the files it names are read.

A program folder may come from anyone (a colleague, a download), so its files are read as
``workshop.files.reading`` reads untrusted files: regular files only, never more than ``MAX_FILE_BYTES``,
never through a link that leaves the folder. Other files in the folder (notes, drafts, a ``*.toml`` that
is really a named pipe) are never opened. This module imports nothing from pydantic, so the content
cache can use it without paying for the models.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path

from workshop.files.reading import read_file

PROGRAM_FILE = "program.toml"
MAX_FILE_BYTES = 1024 * 1024
"""The largest content file read; the shipped program's largest is about 20 KiB."""


def read_content_file(path: Path, within: Path | None) -> bytes:
    """The bytes of one content file; ``OSError`` (``UnsafeFileError`` for what is refused on purpose)."""
    return read_file(path, MAX_FILE_BYTES, within=within)[0]


def listed_files(folder: Path) -> Iterator[tuple[str, bytes]]:
    """``program.toml`` and each module file it names, in order, with their bytes.

    For the content cache's key: ``OSError`` for anything that stops a file being read or program.toml
    being understood (the cache then misses, and the loader names the problem).
    """
    raw = read_content_file(folder / PROGRAM_FILE, folder)
    yield PROGRAM_FILE, raw
    try:
        table = tomllib.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        raise OSError(f"{PROGRAM_FILE} cannot be parsed") from None
    names = table.get("modules")
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        raise OSError(f"{PROGRAM_FILE}: modules is not a list of file names")
    # The follow-up check-ins' files too: editing one must miss the cache like editing a day.
    follow_ups = table.get("follow_ups", [])
    if not isinstance(follow_ups, list) or not all(
        isinstance(entry, dict) and isinstance(entry.get("module"), str) for entry in follow_ups
    ):
        raise OSError(f"{PROGRAM_FILE}: follow_ups is not a list of tables with a module file")
    names = names + [entry["module"] for entry in follow_ups]
    for name in names:
        if "/" in name or "\\" in name or name in (".", ".."):
            raise OSError(f"{PROGRAM_FILE}: {name!r} is not a file name")
        yield name, read_content_file(folder / name, folder)
