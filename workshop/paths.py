"""Every place the workshop reads or writes, in one module.

The folders (data, config, cache, runtime, exports, the journal's) and every file opened by a name of its
own (the lock, the key files, the settings, the presenter's state file, the shipped program and data).
What is named after another file lives with the code that keeps it: a journal file's backup or a copy
kept aside (``workshop/journal``), a cache entry named by a hash (``workshop/content/cache.py``), the
module files of a run (the journal's file format). Stdlib only, so every layer may import it.

Folders are created when something is first written there (by the journal), never at import.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

APP_NAME = "workshop"
DATA_DIR_VARIABLE = "WORKSHOP_DATA_DIR"
CONFIG_DIR_VARIABLE = "WORKSHOP_CONFIG_DIR"
CACHE_DIR_VARIABLE = "WORKSHOP_CACHE_DIR"
RUNTIME_DIR_VARIABLE = "WORKSHOP_RUNTIME_DIR"

JOURNAL_FOLDER = "journal"
EXPORTS_FOLDER = "exports"
LOCK_FILE = "workshop.lock"
SETTINGS_FILE = "settings.toml"
IDENTITY_FILE = "identity.age"
"""The journal's secret key, encrypted with the passphrase. ``age -d -i identity.age FILE`` reads it."""
RECIPIENT_FILE = "recipient.txt"
"""The journal's public key, plain: ``age -R recipient.txt`` encrypts to it."""
_RUN_FOLDER = re.compile(r"^run-(\d{3,9})$")

_PACKAGE = Path(__file__).resolve().parent


def shipped_program_dir() -> Path:
    """The program that ships with the workshop.

    In a built wheel it sits inside the package (``workshop/modules``); in a source checkout or an editable
    install it is the ``modules/`` folder at the top of the repository.
    """
    packaged = _PACKAGE / "modules"
    return packaged if packaged.is_dir() else _PACKAGE.parent / "modules"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Where the journal lives: ``--data-dir``, else ``$WORKSHOP_DATA_DIR``, else the platform's folder."""
    if override:
        return Path(override).expanduser()
    if os.environ.get(DATA_DIR_VARIABLE):
        return Path(os.environ[DATA_DIR_VARIABLE]).expanduser()
    # Deferred: platformdirs costs ~20 ms to import and most commands never need it.
    import platformdirs

    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def config_dir(data_dir_override: str | os.PathLike[str] | None = None) -> Path:
    """Where settings (theme, keymap) live.

    ``$WORKSHOP_CONFIG_DIR`` if set; else, when the journal was put somewhere of the user's choosing
    (``--data-dir``, passed here as ``data_dir_override``, or ``$WORKSHOP_DATA_DIR``), that same folder, so
    a journal on a USB stick or in a test folder carries its settings and leaves the user's own alone;
    else the platform's config folder.
    """
    if os.environ.get(CONFIG_DIR_VARIABLE):
        return Path(os.environ[CONFIG_DIR_VARIABLE]).expanduser()
    if data_dir_override or os.environ.get(DATA_DIR_VARIABLE):
        return data_dir(data_dir_override)
    import platformdirs

    return platformdirs.user_config_path(APP_NAME, appauthor=False)


def cache_dir() -> Path:
    """Where disposable speed-ups live (validated programs): ``$WORKSHOP_CACHE_DIR``, else the platform's
    user cache folder. Deleting it at any time is safe."""
    if os.environ.get(CACHE_DIR_VARIABLE):
        return Path(os.environ[CACHE_DIR_VARIABLE]).expanduser()
    import platformdirs

    return platformdirs.user_cache_path(APP_NAME, appauthor=False)


def runtime_dir() -> Path:
    """The private folder for files that live as long as a session (the presenter's state):
    ``$WORKSHOP_RUNTIME_DIR``, else the platform's runtime folder.

    When ``$XDG_RUNTIME_DIR`` is unset (a login without systemd, a container, ``su``), platformdirs falls
    back to a private folder of its own and warns about it on standard error, with a line of its source:
    noise for the user, who can do nothing about it. The folder it falls back to is private (0700) all
    the same, so the warning is not shown.
    """
    override = os.environ.get(RUNTIME_DIR_VARIABLE)
    if override:
        return Path(override).expanduser()
    import warnings

    import platformdirs

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return platformdirs.user_runtime_path(APP_NAME, appauthor=False)


def support_lines_file() -> Path:
    """The data file of crisis and physician-support lines shown on the support screen."""
    return _PACKAGE / "data" / "support_lines.toml"


# --------------------------------------------------------------------------------------------------------
# Inside the data folder
# --------------------------------------------------------------------------------------------------------


def journals_root(data: Path) -> Path:
    """All journals, ``<data dir>/journal``: encryption covers all of it (one key per data folder)."""
    return data / JOURNAL_FOLDER


def journal_dir(data: Path, program_id: str) -> Path:
    """Where the runs of one program are kept: ``<data dir>/journal/<program id>``."""
    return data / JOURNAL_FOLDER / program_id


def run_dir(journal: Path, number: int) -> Path:
    """One run's folder in a program's journal: ``run-001``."""
    return journal / f"run-{number:03d}"


def run_number_of(name: str) -> int | None:
    """The run number of a folder named like a run (``run-001`` -> 1), or None."""
    found = _RUN_FOLDER.match(name)
    return int(found.group(1)) if found else None


def lock_file(data: Path) -> Path:
    """Held while a window has the journal open: ``<data dir>/workshop.lock``."""
    return data / LOCK_FILE


def identity_file(data: Path) -> Path:
    """The encrypted journal's secret key: ``<data dir>/identity.age``."""
    return data / IDENTITY_FILE


def recipient_file(data: Path) -> Path:
    """The encrypted journal's public key: ``<data dir>/recipient.txt``."""
    return data / RECIPIENT_FILE


def exports_dir(data: Path) -> Path:
    """Where the app saves exports and north-star pages by default: ``<data dir>/exports``."""
    return data / EXPORTS_FOLDER


# --------------------------------------------------------------------------------------------------------
# Elsewhere
# --------------------------------------------------------------------------------------------------------


def settings_file(config: Path | None = None) -> Path:
    """The user's settings: ``settings.toml`` in ``config`` (default: ``config_dir()``)."""
    return (config or config_dir()) / SETTINGS_FILE


def present_state_file(program_id: str, day: int, folder: Path | None = None) -> Path:
    """The file the presenter writes for the notes window to follow, for ``day`` of ``program_id`` (a slug:
    safe in a file name), in ``folder`` (default: ``runtime_dir()``)."""
    return (folder or runtime_dir()) / f"present-{program_id}-day-{day}.json"


def content_schemas_dir() -> Path:
    """The JSON Schemas of content files, generated from the models and shipped in the package."""
    return _PACKAGE / "content" / "schemas"
