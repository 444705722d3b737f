"""Every place the workshop reads or writes, in one module.

Folders are created when something is first written there (by the progress store), never at import.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "workshop"
DATA_DIR_VARIABLE = "WORKSHOP_DATA_DIR"
CONFIG_DIR_VARIABLE = "WORKSHOP_CONFIG_DIR"
CACHE_DIR_VARIABLE = "WORKSHOP_CACHE_DIR"

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
    """The platform's private folder for files that live as long as a session (the presenter's state).

    When ``$XDG_RUNTIME_DIR`` is unset (a login without systemd, a container, ``su``), platformdirs falls
    back to a private folder of its own and warns about it on standard error, with a line of its source:
    noise for the user, who can do nothing about it. The folder it falls back to is private (0700) all
    the same, so the warning is not shown.
    """
    import warnings

    import platformdirs

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return platformdirs.user_runtime_path(APP_NAME, appauthor=False)


def support_lines_file() -> Path:
    """The data file of crisis and physician-support lines shown on the support screen."""
    return _PACKAGE / "data" / "support_lines.toml"
