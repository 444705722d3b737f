"""Shared fixtures. Sample content lives in tests/data, never in the shipped program."""

from __future__ import annotations

import gc
import inspect
import os
import pickle
import re
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


def _private_pycache() -> str | None:
    """A bytecode cache for the test run and the processes it starts, outside the source tree.

    Where ``PYTHONDONTWRITEBYTECODE`` is set (as on the team's machines, to keep source trees clean), every
    test process and every child a test starts (each CLI run, each app in a terminal) compiled every
    module it imported from source again: seconds of CPU per worker and a large share of each child's
    start, which no installed app pays. A private folder (0700, ours, nobody else can write to it: Python
    runs what it finds there) keeps the trees clean and the bytecode. None where it cannot be made safe.
    """
    if not os.environ.get("PYTHONDONTWRITEBYTECODE") or not hasattr(os, "getuid"):
        return None
    folder = Path(tempfile.gettempdir()) / f"workshop-tests-pycache-{os.getuid()}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        info = folder.lstat()
    except OSError:
        return None
    private = stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o077
    return str(folder) if private else None


PYCACHE = _private_pycache()
if PYCACHE is not None:  # before the imports below, so that the workshop's own modules are cached too
    sys.dont_write_bytecode = False
    sys.pycache_prefix = PYCACHE

import textual._styles_cache  # noqa: E402
import textual._wait  # noqa: E402
import textual.css.stylesheet  # noqa: E402
import textual.screen  # noqa: E402

from workshop import paths  # noqa: E402
from workshop.content.loader import load_program  # noqa: E402
from workshop.content.models import Program  # noqa: E402
from workshop.journal.crypto import AlreadyEncrypted, Identity, KeyFiles  # noqa: E402


def _finer_pilot_waits() -> None:
    """Pilot checks for an idle app in steps of 20 ms, twice after every key it presses (Textual's
    ``wait_for_idle``: the app is idle once a step passes with almost no CPU used). Most of a typing
    test's time was those steps, spent asleep: 120 keys took 7.7 s of wall clock for 2.2 s of CPU. Steps
    of 4 ms make the same check five times as often, so a test waits about as long as the app works.

    The screen also redraws on a timer (every 1/60 s); a step shorter than that could end before a
    pending redraw and call the app idle too soon (a test then measured a page not laid out yet), so the
    screens redraw every 4 ms too. Textual is pinned exactly; if these names ever moved, the assertion
    says so."""
    assert all(hasattr(textual._wait, name) for name in ("SLEEP_GRANULARITY", "SLEEP_IDLE"))
    assert hasattr(textual.screen, "UPDATE_PERIOD")
    step = 0.004
    textual._wait.SLEEP_GRANULARITY = step
    textual._wait.SLEEP_IDLE = step / 20
    textual.screen.UPDATE_PERIOD = step  # type: ignore[misc]  # Final in Textual; read as each screen starts


_finer_pilot_waits()


def _one_parse_of_each_stylesheet() -> None:
    """Each app parses every stylesheet of its screens and widgets when it starts, and again when its
    theme is applied: about a third of the CPU of starting an app in a test (0.1 s of 0.3 s), and the
    suite starts a few hundred. Textual keeps the parsed rules per app (``Stylesheet._parse_rules``, a
    cache keyed by the CSS and where it came from); here the cache is shared by the apps of a test
    process, with the theme's variables added to its key, since they are substituted while parsing.
    Parsing is a pure function of that key and the rules are never changed once parsed, so every app
    still gets the rules it would have parsed itself. Textual is pinned exactly; the assertion names the
    method if it ever moved."""
    stylesheet = textual.css.stylesheet.Stylesheet
    parse_rules = stylesheet._parse_rules
    assert list(inspect.signature(parse_rules).parameters) == [
        "self", "css", "read_from", "is_default_rules", "tie_breaker", "scope"
    ]
    parsed: dict[tuple[object, ...], list[Any]] = {}

    def shared_parse_rules(
        self: Any, css: str, read_from: Any, is_default_rules: bool = False, tie_breaker: int = 0, scope: str = ""
    ) -> list[Any]:
        key = (css, read_from, is_default_rules, tie_breaker, scope, tuple(sorted(self._variables.items())))
        rules = parsed.get(key)
        if rules is None:
            rules = parsed[key] = parse_rules(self, css, read_from, is_default_rules, tie_breaker, scope)
        return rules

    stylesheet._parse_rules = shared_parse_rules  # type: ignore[method-assign]


_one_parse_of_each_stylesheet()


def _lighter_garbage_collection() -> None:
    """A test process starts a few hundred apps, and each leaves tens of thousands of objects in
    reference cycles (widgets, screens, their message queues) for Python's collector, which ran some
    6,000 times in 90 Pilot tests and took a tenth of their CPU (4.0 s of 40 s, measured with
    ``gc.callbacks``). Here it runs a tenth as often: the same work for each object, far fewer passes
    over the ones that survive, 2 s of those 4. What the test process imported is frozen once, before
    the first test (``pytest_collection_finish``), as the app freezes what it imported. Collection
    decides only when memory is given back, never what a test sees; the tests that count objects call
    ``gc.collect()`` themselves. Textual is pinned exactly; the assertion names the cache emptied in
    ``_forget_drawn_lines`` if it ever moved."""
    assert hasattr(textual._styles_cache.StylesCache.get_inner_outer, "cache_clear")
    gc.set_threshold(7000, 10, 10)


_lighter_garbage_collection()

TESTS = Path(__file__).resolve().parent
MINI_PROGRAM = TESTS / "data" / "mini"


@pytest.fixture
def mini_program_dir() -> Path:
    """A two-day program with every step kind (tests/data/mini)."""
    return MINI_PROGRAM


_validated: dict[tuple[object, ...], bytes] = {}


@pytest.fixture
def program(mini_program_dir: Path) -> Program:
    """The sample program, loaded and validated. (test_shipped_program overrides it with the shipped one.)

    Validated once per test process for each content of the folder (every file's bytes are the key), then
    given to each test as a new copy, unpickled as the app's own cache does on a second start: a test
    that changed its copy cannot change the next test's. Some three hundred tests ask for it, at 5 ms a
    validation; loading and validating are tested in their own tests, which call ``load_program``."""
    files = sorted(path for path in mini_program_dir.rglob("*") if path.is_file())
    key = (mini_program_dir.resolve(), *((path.name, path.read_bytes()) for path in files))
    if key not in _validated:
        _validated[key] = pickle.dumps(load_program(mini_program_dir))
    loaded: Program = pickle.loads(_validated[key])
    return loaded


@pytest.fixture
def shipped_program_dir() -> Path:
    return paths.shipped_program_dir()


@pytest.fixture(scope="session")
def shipped() -> Program:
    """The shipped program, loaded and validated once per test process: some seventy tests used to load it
    each (about 60 ms of CPU a load). Content models are frozen, so no test can change what the next one
    gets. Loading and validating it is tested in ``test_shipped_program``, which loads its own."""
    return load_program(paths.shipped_program_dir())


def pytest_collection_finish(session: pytest.Session) -> None:
    """Every test module is imported by now: what lives this long is frozen once (see
    ``_lighter_garbage_collection``), so that the collector's full passes skip it."""
    gc.collect()
    gc.freeze()


@pytest.fixture(autouse=True)
def _forget_drawn_lines() -> Iterator[None]:
    """Textual's cache of background styles (``StylesCache.get_inner_outer``, an ``lru_cache`` of 1,024
    entries) is keyed by each widget's cache of rendered lines, so it kept the drawn lines of a thousand
    widgets of finished tests alive (130,000 objects after the 32 tests of ``test_present_app``), for
    the collector to walk again and again. Emptied after each test; the next draw fills it again."""
    yield
    textual._styles_cache.StylesCache.get_inner_outer.cache_clear()


@pytest.fixture(scope="session")
def _test_folders(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where every test's ``tmp_path`` and cache folder are made (in pytest's base folder of the run)."""
    return tmp_path_factory.mktemp("tests")


@pytest.fixture
def tmp_path(request: pytest.FixtureRequest, _test_folders: Path) -> Path:
    """A new empty folder for each test, as pytest's own ``tmp_path`` (named after the test, in the run's
    base folder, kept as pytest keeps it), made with ``mkdtemp`` instead of pytest's next free number:
    pytest finds that number by reading the whole base folder, which grows by two folders a test (this
    and the cache below), so every test cost more than the one before it: 3 ms of CPU for a trivial
    test at the start of a worker, 9 ms eight hundred tests on, some 8 s over the suite."""
    name = re.sub(r"\W", "_", request.node.name)[:30]
    return Path(tempfile.mkdtemp(prefix=f"{name}-", dir=_test_folders))


@pytest.fixture(autouse=True)
def _isolated_user_folders(tmp_path: Path, _test_folders: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test ever touches the real journal or settings of the person running the tests."""
    monkeypatch.setenv(paths.DATA_DIR_VARIABLE, str(tmp_path / "data"))
    monkeypatch.setenv(paths.CONFIG_DIR_VARIABLE, str(tmp_path / "config"))
    monkeypatch.setenv(paths.CACHE_DIR_VARIABLE, tempfile.mkdtemp(prefix="cache-", dir=_test_folders))
    monkeypatch.delenv("NO_COLOR", raising=False)
    if PYCACHE is not None:  # the processes a test starts read and write the same private bytecode cache
        monkeypatch.delenv("PYTHONDONTWRITEBYTECODE")
        monkeypatch.setenv("PYTHONPYCACHEPREFIX", PYCACHE)


JOURNAL_PASSPHRASE = "a quiet walk by the river"
"""The passphrase of the tests' encrypted journal keys (``journal_keys``)."""
JOURNAL_KEYS = TESTS / "data" / "keys"
"""Key files made once, with a cheap scrypt work factor so an unlock costs a millisecond (see its README)."""


@pytest.fixture(scope="session")
def journal_keys(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Identity]:
    """An encrypted journal's key files (``identity.age``, ``recipient.txt``) and its unlocked key, unlocked
    once per session the way the app does it (so key files that no longer open fail every test that uses
    them). ``encrypted_data`` copies them per test."""
    folder = tmp_path_factory.mktemp("journal-keys")
    for name in (paths.IDENTITY_FILE, paths.RECIPIENT_FILE):
        shutil.copy2(JOURNAL_KEYS / name, folder / name)
    identity = KeyFiles(folder).unlock(JOURNAL_PASSPHRASE)
    return folder, identity


@pytest.fixture
def encrypted_data(tmp_path: Path, journal_keys: tuple[Path, Identity]) -> Path:
    """A data folder with the session's key files in it: an encrypted journal, not yet written."""
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    for name in (paths.IDENTITY_FILE, paths.RECIPIENT_FILE):
        shutil.copy2(journal_keys[0] / name, data / name)
    return data


@pytest.fixture
def cheap_new_keys(journal_keys: tuple[Path, Identity], monkeypatch: pytest.MonkeyPatch) -> Identity:
    """``KeyFiles.create`` puts the tests' cheap key files in place instead of making keys (two scrypt runs,
    seconds of CPU), for tests of what is done with new keys: turning encryption on and off. Making keys
    is tested with real ones in ``test_crypto``. Only ``JOURNAL_PASSPHRASE`` opens the cheap keys, so a
    test that asks for another passphrase is refused here rather than given keys it could not unlock."""
    folder, identity = journal_keys

    def create(keys: KeyFiles, passphrase: str, *, now: object = None) -> Identity:
        assert passphrase == JOURNAL_PASSPHRASE, "the cheap keys open with JOURNAL_PASSPHRASE only"
        if keys.is_encrypted():
            raise AlreadyEncrypted(keys.identity_path)
        keys.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        for name in (paths.IDENTITY_FILE, paths.RECIPIENT_FILE):
            shutil.copy2(folder / name, keys.folder / name)
        return identity

    monkeypatch.setattr(KeyFiles, "create", create)
    return identity
