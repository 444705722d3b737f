"""Validated programs, kept so that commands which only read content skip parsing and validating it.

``workshop``, ``progress`` and ``export`` load the same program every time. Reading its TOML, validating
it and building the validators costs about 40 ms of every start; unpickling the result costs a few. The
cache is keyed by a hash of every byte that went into the result (``program.toml`` and each module file
it names, by name and content, read as the loader reads them: small regular files inside the folder;
the code that validates; the workshop, pydantic and Python versions), so a hit returns exactly what
validating the files now would return, and any edit, however small or quick, is a miss. Other files in
the folder are never opened. A program with problems is never cached: its problems are reported every time.
``workshop validate`` never uses the cached program; it keeps its own verdict (``cached_verdict``): a program
folder it found valid, under the same key, with the line it printed and what its drift warnings need (the
step ids, kinds and module files), as JSON rather than a pickle, so that validating an unchanged program
again imports neither pydantic nor the models, as ruff and mypy skip what they checked before.

Each entry also holds the program's outline (``outline.py``) as a line of JSON before the pickle, so the
app can paint its home screen from ``cached_outline`` before the content classes are even imported, and
load the program itself once that screen is up. The pickle holds plain dataclasses (``models.py``), so
unpickling imports no pydantic: this module imports pydantic only when it validates, on a miss. The
support-lines file (``support.py``) is kept the same way (``load_support_cached``), so that opening the
support screen validates nothing either when the file is unchanged.

Pickle can run code when it loads, so a cache file is only read from a folder and file that belong to
this user and that no one else can write (the folder is 0700, files 0600). Anything unexpected (a file
cut short, another pydantic, a foreign owner) is a miss, never an error: the cache only saves time.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import stat
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import workshop
from workshop.content.folder import listed_files
from workshop.content.outline import ProgramOutline
from workshop.files.digest import sha256

if TYPE_CHECKING:
    from workshop.content.models import Program
    from workshop.content.support import SupportDirectory

# 4: the content classes became plain dataclasses, so older pickles (of pydantic models) must miss.
FORMAT = b"workshop-program-cache 4"
PICKLE_PROTOCOL = 5  # pickle and the writer are imported only to read or write a program: not for an outline
_CODE = [
    *sorted((Path(__file__).parent).glob("*.py")),
    *(Path(workshop.__file__).parent / name for name in ("text.py", "files/reading.py")),
]


_T = TypeVar("_T")


def cached_outline(folder: Path, cache_dir: Path) -> ProgramOutline | None:
    """The outline of the program in ``folder`` if the cache holds it, validated and unchanged; else None.

    A hit means ``load_program_cached(folder, cache_dir)`` will find the program too, unless a file
    changes in between (then it validates, as on any miss).
    """
    try:
        key = _key(folder)
    except OSError:
        return None
    found = _read_entry(_entry(folder, cache_dir), key)
    return ProgramOutline.from_json(found[0]) if found else None


def load_program_cached(folder: Path, cache_dir: Path) -> Program:
    """``load_program(folder)``, from ``cache_dir`` if nothing changed. Raises ``ContentError`` alike."""
    try:
        key = _key(folder)
    except OSError:
        return _validate(folder)  # let the loader name what cannot be read
    entry = _entry(folder, cache_dir)
    cached = _read_program(entry, key)
    if cached is not None:
        return cached
    program = _validate(folder)
    _write(entry, key, ProgramOutline.of(program).to_json().encode(), program)
    return program


def _validate(folder: Path) -> Program:
    # The loader imports pydantic (about 10 MiB): only a miss pays for it.
    from workshop.content.loader import load_program

    return load_program(folder)


def load_support_cached(path: Path, cache_dir: Path) -> SupportDirectory:
    """``support.validate_support_lines(path)``, from ``cache_dir`` if the file and the code are unchanged."""
    from workshop.content.folder import read_content_file
    from workshop.content.support import SupportDirectory, validate_support_lines

    try:
        key = _digest([(path.name, read_content_file(path, None))])
    except OSError:
        return validate_support_lines(path)  # let the loader name what cannot be read
    entry = _entry(path, cache_dir, "support")
    found = _read_entry(entry, key)
    cached = _unpickle(found[1], SupportDirectory) if found else None
    if cached is not None:
        return cached
    directory = validate_support_lines(path)
    _write(entry, key, b"", directory)
    return directory


def folder_key(folder: Path) -> bytes | None:
    """The cache key of the program in ``folder`` now (None if a file cannot be read): see above."""
    try:
        return _key(folder)
    except OSError:
        return None


def cached_verdict(folder: Path, cache_dir: Path, key: bytes) -> dict[str, Any] | None:
    """What ``workshop validate`` wrote with ``write_verdict`` for this folder under ``key``, or None."""
    import json

    found = _read_entry(_entry(folder, cache_dir, "validated", "json"), key)
    if found is None:
        return None
    try:
        verdict = json.loads(found[0])
    except ValueError:
        return None
    return verdict if isinstance(verdict, dict) else None


def write_verdict(folder: Path, cache_dir: Path, key: bytes, verdict: dict[str, Any]) -> None:
    """Keep ``verdict`` (plain JSON data) for a program folder found valid, if it is still as validated."""
    import json

    from workshop.files.atomic import write_file

    if folder_key(folder) != key:
        return  # a file changed while it was validated: what was found may not be what is there now
    data = key + b"\n" + json.dumps(verdict, separators=(",", ":")).encode() + b"\n"
    with contextlib.suppress(OSError):
        cache_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_file(_entry(folder, cache_dir, "validated", "json"), data, fsync=False)


def _entry(folder: Path, cache_dir: Path, kind: str = "program", suffix: str = "pickle") -> Path:
    return cache_dir / f"{kind}-{sha256(os.fsencode(folder.resolve())).hexdigest()[:20]}.{suffix}"


def _key(folder: Path) -> bytes:
    return _digest(listed_files(folder))


def _digest(files: Iterable[tuple[str, bytes]]) -> bytes:
    """The key of what validating ``files`` (name and bytes) gives: see above."""
    digest = sha256(FORMAT)
    versions = (workshop.__version__, _pydantic_version(), sys.version, str(PICKLE_PROTOCOL))
    digest.update(repr(versions).encode())
    for path in _CODE:
        digest.update(path.read_bytes())
    for name, data in files:
        digest.update(b"\0%s\0%d\0" % (os.fsencode(name), len(data)))
        digest.update(data)
    return digest.hexdigest().encode()


def _pydantic_version() -> bytes:
    """The text of pydantic's ``version.py``, read without importing pydantic (which costs 60-70 ms).

    pydantic pins the exact pydantic-core it works with, so this names both.
    """
    spec = importlib.util.find_spec("pydantic")
    locations = spec.submodule_search_locations if spec else None
    if not locations:
        raise OSError("pydantic is not installed")
    return (Path(next(iter(locations))) / "version.py").read_bytes()


def _read_entry(entry: Path, key: bytes) -> tuple[bytes, bytes] | None:
    """The outline line and the pickled program in ``entry``, if it is private, ours and holds ``key``."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        # Never through a link, never waiting on a named pipe: only our own regular file is read.
        with os.fdopen(os.open(entry, flags), "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or not _private(info) or not _private(os.stat(entry.parent)):
                return None
            if handle.readline().rstrip(b"\n") != key:
                return None
            return handle.readline(), handle.read()
    except OSError:
        return None


def _read_program(entry: Path, key: bytes) -> Program | None:
    from workshop.content.models import Program

    found = _read_entry(entry, key)
    return _unpickle(found[1], Program) if found else None


def _unpickle(data: bytes, kind: type[_T]) -> _T | None:
    import pickle

    try:
        loaded = pickle.loads(data)
    except Exception:
        return None  # damaged or written by other code: a miss, and the next write replaces it
    return loaded if isinstance(loaded, kind) else None


def _private(info: os.stat_result) -> bool:
    owner_only = not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    return owner_only and (not hasattr(os, "getuid") or info.st_uid == os.getuid())


def _write(entry: Path, key: bytes, outline: bytes, loaded: object) -> None:
    """Best effort: a cache that cannot be written only means the next start validates again.

    ``outline``: the program's outline as a line of JSON; empty for what has none (the support lines).
    """
    import pickle

    from workshop.files.atomic import write_file

    data = key + b"\n" + outline + b"\n" + pickle.dumps(loaded, protocol=PICKLE_PROTOCOL)
    with contextlib.suppress(OSError):
        entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # Never a half-written entry under the real name; no fsync: a lost entry only costs a validation.
        write_file(entry, data, fsync=False)
