"""The user's settings (theme, keymap, country), kept in ``settings.toml``: in the platform's config
folder, or beside the journal when ``--data-dir`` or ``$WORKSHOP_DATA_DIR`` chose it (``paths.config_dir``).

A broken settings file never stops the workshop: it is reported once and the defaults are used, and the
file is left alone until the user changes a setting.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from workshop import paths
from workshop.files.reading import read_file

MAX_BYTES = 64 * 1024
DEFAULT_THEME = "workshop-dusk"
_COUNTRY = re.compile(r"[A-Za-z]{2}")


@dataclass
class Settings:
    theme: str = DEFAULT_THEME
    """The Textual theme's name (the command palette's "Change theme" sets it)."""
    keymap: dict[str, str] = field(default_factory=dict)
    """Binding id to keys, e.g. ``"day.next" = "ctrl+right"``: Textual's keymap."""
    country: str | None = None
    """The country whose support lines come first (``"IE"``); None follows the locale."""
    encryption_offered: bool = False
    """True once the first-run offer of encryption was answered ("not now" is remembered, never asked again).
    """
    problem: str | None = None
    """Why the file could not be used, if it could not."""


def settings_path(folder: Path | None = None) -> Path:
    return paths.settings_file(folder)


def load_settings(folder: Path | None = None) -> Settings:
    path = settings_path(folder)
    try:
        # A link is followed (settings often live in a dotfiles folder), but never to a named pipe or a
        # device, and never more than a settings file could need: the workshop must start.
        raw, _ = read_file(path, MAX_BYTES)
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except FileNotFoundError:
        return Settings()
    except OSError as error:
        reason = error.strerror or type(error).__name__
        return Settings(problem=f"{path}: could not be read ({reason}); using the default settings")
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return Settings(problem=f"{path}: is not valid TOML; using the default settings")
    theme = data.get("theme", DEFAULT_THEME)
    keymap = data.get("keymap", {})
    country = data.get("country")
    offered = data.get("encryption_offered", False) is True
    if not isinstance(theme, str):
        return Settings(problem=f"{path}: theme: should be a theme name; using the default settings")
    if not isinstance(keymap, dict) or not all(isinstance(v, str) for v in keymap.values()):
        return Settings(theme=theme, problem=f"{path}: keymap: should map binding ids to keys; ignored")
    if country is not None and not (isinstance(country, str) and _COUNTRY.fullmatch(country)):
        problem = f"{path}: country: should be a two-letter country code such as \"IE\"; ignored"
        return Settings(theme=theme, keymap=keymap, problem=problem)
    return Settings(
        theme=theme, keymap=keymap, country=country.upper() if country else None, encryption_offered=offered
    )


def save_settings(settings: Settings, folder: Path | None = None) -> None:
    """Write the settings atomically, private to the user. Raises OSError if the disk refuses."""
    from workshop.files.atomic import ensure_private_dir, write_file

    path = settings_path(folder)
    ensure_private_dir(path.parent)
    data: dict[str, object] = {"theme": settings.theme, "keymap": settings.keymap}
    if settings.country:
        data["country"] = settings.country
    if settings.encryption_offered:
        data["encryption_offered"] = True
    import tomli_w  # only a change of setting writes: not loaded for every session

    write_file(path, tomli_w.dumps(data).encode("utf-8"))
