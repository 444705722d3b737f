"""The crisis and physician-support lines shown on the support screen, from a data file.

Each line names the country it serves by its ISO 3166-1 alpha-2 code (``IE``, ``GB`` for the United
Kingdom), so the user's own country can be listed first: :func:`preferred_country` reads it from a setting
or from the locale, and :func:`ordered_for` moves that country's lines to the top. Services open to anyone,
wherever they are (international directories), use :data:`INTERNATIONAL`, a code ISO 3166-1 leaves to
users and no country will ever be given.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from pathlib import Path
from typing import Annotated

from workshop import paths
from workshop.content.models import Label, MinLen, Prose, Sentence, Strict, Text

INTERNATIONAL = "XX"
"""The code of services for everyone, wherever they are. ISO 3166-1 reserves ``XA``-``XZ`` for users."""

CountryCode = Annotated[str, Text(pattern=r"^[A-Z]{2}$")]
"""Two capital letters: an ISO 3166-1 alpha-2 code, or ``XX`` for international services."""

WebAddress = Annotated[str, Text(pattern=r"^https?://[!-~]+$", max_length=120)]
"""An http(s) address in printable ASCII (no spaces, no control characters), short enough for one line."""

# The locale variables that name the user's country, strongest first, as the C library reads them for
# messages: LC_ALL overrides everything, then the category itself, then LANG.
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")

# language[_TERRITORY][.codeset][@modifier], as in en_IE.UTF-8 or de_DE@euro; only a two-letter
# territory names a country (es_419 names a region, C and POSIX name none).
_LOCALE = re.compile(r"^[A-Za-z]{2,3}_(?P<territory>[A-Za-z]{2})(?:[.@].*)?$")


@dataclass(frozen=True, kw_only=True)
class SupportLine(Strict):
    """One service people can call or write to."""

    country: Label
    """Where the service is for (``United States``; ``Elsewhere`` for international directories)."""
    code: CountryCode
    """The country's ISO 3166-1 alpha-2 code (``US``, ``GB`` for the United Kingdom, ``IE``), or ``XX``
    for a service open to anyone, wherever they are. Every line of one country has the same code."""
    name: Label
    """The service's name."""
    contact: Label
    """How to reach it: a number, "call or text 988", a web address."""
    hours: Label
    """When it answers."""
    about: Sentence
    """Who it is for and what it offers, in plain words; names the language it answers in if not English."""
    url: WebAddress
    """The service's own page (docs/references.md names the page each line was checked against)."""
    checked: date
    """When the details were last checked against the service's own page."""


@dataclass(frozen=True, kw_only=True)
class SupportDirectory(Strict):
    """The whole support-lines file."""

    emergency: Prose
    """What to do in immediate danger, with the emergency number of every country listed; shown first."""
    lines: Annotated[list[SupportLine], MinLen(1)]
    """The services, grouped on screen by country in the order they first appear."""

    def __post_init__(self) -> None:
        super().__post_init__()
        # The screen groups lines by country name and the user's country is found by code, so a name with
        # two codes (or a code with two names) would split a country or move the wrong one to the top.
        code_of: dict[str, tuple[str, int]] = {}
        country_of: dict[str, tuple[str, int]] = {}
        for number, line in enumerate(self.lines, start=1):
            code, first = code_of.setdefault(line.country, (line.code, number))
            if code != line.code:
                raise ValueError(
                    f"lines[{number}] gives {line.country} the code {line.code}, "
                    f"but lines[{first}] gives it {code}"
                )
            country, first = country_of.setdefault(line.code, (line.country, number))
            if country != line.country:
                raise ValueError(
                    f"lines[{number}] uses the code {line.code} for {line.country}, "
                    f"but lines[{first}] uses it for {country}"
                )

    def by_country(self) -> dict[str, list[SupportLine]]:
        groups: dict[str, list[SupportLine]] = {}
        for line in self.lines:
            groups.setdefault(line.country, []).append(line)
        return groups


@cache
def load_support_lines(path: Path | None = None) -> SupportDirectory:
    """The support-lines file (the shipped one by default), validated, or as validated before: the cache
    (``cache.py``) keeps it, so the support screen needs no pydantic while the file is unchanged."""
    from workshop.content.cache import load_support_cached

    return load_support_cached(path or paths.support_lines_file(), paths.cache_dir())


def validate_support_lines(path: Path) -> SupportDirectory:
    """Read and validate the support-lines file at ``path``; ``ContentError`` names every problem."""
    from workshop.content.loader import read_toml, validate_data

    data, source = read_toml(path)
    directory: SupportDirectory = validate_data(SupportDirectory, data, path, source)
    return directory


def country_from_locale(environ: Mapping[str, str] | None = None) -> str | None:
    """The country code in the user's locale (``en_IE.UTF-8`` gives ``IE``), or None if it names none.

    The first of LC_ALL, LC_MESSAGES and LANG that is set decides, as it does for the C library; so
    ``LC_ALL=C`` means no preference even when LANG names a country.
    """
    environ = os.environ if environ is None else environ
    for variable in LOCALE_VARIABLES:
        value = environ.get(variable, "").strip()
        if value:
            match = _LOCALE.match(value)
            return match["territory"].upper() if match else None
    return None


def preferred_country(country: str | None = None, environ: Mapping[str, str] | None = None) -> str | None:
    """The code of the country to list first: ``country`` (a setting, any case) if given, else the locale's.

    A blank setting counts as not given. The result is not checked against the directory: a country with
    no lines simply leaves the order as it is.
    """
    if country and country.strip():
        return country.strip().upper()
    return country_from_locale(environ)


def ordered_for(
    directory: SupportDirectory, country: str | None = None, environ: Mapping[str, str] | None = None
) -> SupportDirectory:
    """``directory`` with the user's country first and everything else in file order.

    ``country`` is the user's setting (an ISO code such as ``"ie"``; None or blank to follow the locale);
    ``environ`` stands in for ``os.environ`` in tests. International services never move to the top.
    """
    first = preferred_country(country, environ)
    if first is None or first == INTERNATIONAL:
        return directory
    mine = [line for line in directory.lines if line.code == first]
    if not mine:
        return directory
    rest = [line for line in directory.lines if line.code != first]
    return replace(directory, lines=mine + rest)
