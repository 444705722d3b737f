"""The support-lines file and the order it is shown in: plain Python, no terminal.

The shipped file must load and carry, for every line, the facts a tired person needs to trust it (a country
code, the service's page, the date it was checked); the user's country comes first, read from the locale
the way the C library reads it, unless a setting says otherwise.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop import paths
from workshop.content.cache import load_support_cached
from workshop.content.loader import ContentError
from workshop.content.support import (
    INTERNATIONAL,
    SupportDirectory,
    country_from_locale,
    load_support_lines,
    ordered_for,
    preferred_country,
)

# The countries issue 19 asks for beyond the first five, and the emergency numbers the file must name.
NEW_COUNTRIES = {"IE", "NZ", "DE", "FR", "NL", "BE", "SE", "NO", "DK", "FI"}
EMERGENCY_NUMBERS = ("911", "999", "112", "000", "111")


@pytest.fixture(scope="module")
def shipped() -> SupportDirectory:
    return load_support_lines(paths.support_lines_file())


def countries(directory: SupportDirectory) -> list[str]:
    return list(directory.by_country())


def codes_in_order(directory: SupportDirectory) -> list[str]:
    return [line.code for line in directory.lines]


# --------------------------------------------------------------------------------------------------------
# The shipped file
# --------------------------------------------------------------------------------------------------------


def test_every_shipped_line_has_a_code_a_web_page_and_a_checked_date(shipped: SupportDirectory) -> None:
    for line in shipped.lines:
        assert len(line.code) == 2 and line.code.isupper(), line.name
        assert line.url.startswith(("https://", "http://")), line.name
        assert line.checked.year >= 2026, line.name


def test_the_file_covers_the_new_countries_and_keeps_one_international_directory_last(
    shipped: SupportDirectory,
) -> None:
    codes = {line.code for line in shipped.lines}
    assert codes >= NEW_COUNTRIES | {"US", "GB", "CA", "AU"}
    assert shipped.lines[-1].code == INTERNATIONAL


def test_the_uk_lists_doctor_services_beyond_practitioner_health(shipped: SupportDirectory) -> None:
    uk = [line.name for line in shipped.lines if line.code == "GB"]
    assert "NHS Practitioner Health" in uk
    assert len(uk) >= 5, uk


def test_the_emergency_sentence_names_every_listed_region_s_number(shipped: SupportDirectory) -> None:
    for number in EMERGENCY_NUMBERS:
        assert number in shipped.emergency, number
    for place in ("New Zealand", "European Union", "Norway", "Ireland", "Australia"):
        assert place in shipped.emergency, place


def test_a_line_that_answers_in_another_language_says_which(shipped: SupportDirectory) -> None:
    # So no one dials expecting English; Ireland, New Zealand and the UK answer in English.
    languages = ("German", "French", "Dutch", "Swedish", "Norwegian", "Danish", "Finnish")
    for line in shipped.lines:
        if line.code in NEW_COUNTRIES - {"IE", "NZ"}:
            assert any(
                f"In {language}" in line.about or f"in {language}" in line.about for language in languages
            ), line.name


# --------------------------------------------------------------------------------------------------------
# Validation of the new field
# --------------------------------------------------------------------------------------------------------

LINE = """
[[lines]]
country = "{country}"
code = "{code}"
name = "A line"
contact = "123"
hours = "24 hours"
about = "For anyone."
url = "https://example.org"
checked = 2026-11-30
"""


def write(tmp_path: Path, *lines: tuple[str, str]) -> Path:
    path = tmp_path / "support_lines.toml"
    body = "".join(LINE.format(country=country, code=code) for country, code in lines)
    path.write_text('emergency = "Call 112."\n' + body, encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    load_support_lines.cache_clear()
    with pytest.raises(ContentError) as raised:
        load_support_lines(path)
    return [str(problem) for problem in raised.value.problems]


@pytest.mark.parametrize("code", ["ie", "IRL", "I", "1E", ""])
def test_a_code_that_is_not_two_capital_letters_is_refused_with_its_line(tmp_path: Path, code: str) -> None:
    found = problems(write(tmp_path, ("Ireland", code)))
    assert any("lines[1].code" in problem for problem in found), found


def test_a_missing_code_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, ("Ireland", "IE"))
    path.write_text(path.read_text(encoding="utf-8").replace('code = "IE"\n', ""), encoding="utf-8")
    found = problems(path)
    assert any("lines[1].code" in p and "required" in p for p in found), found


def test_one_country_with_two_codes_is_refused(tmp_path: Path) -> None:
    found = problems(write(tmp_path, ("Ireland", "IE"), ("Ireland", "GB")))
    assert any("lines[2] gives Ireland the code GB" in p and "lines[1]" in p for p in found), found


def test_one_code_for_two_countries_is_refused(tmp_path: Path) -> None:
    found = problems(write(tmp_path, ("Ireland", "IE"), ("Eire", "IE")))
    assert any("lines[2] uses the code IE for Eire" in p for p in found), found


def test_a_web_address_must_be_http_and_printable(tmp_path: Path) -> None:
    path = write(tmp_path, ("Ireland", "IE"))
    text = path.read_text(encoding="utf-8")
    for bad in ("javascript:alert(1)", "https://exa mple.org", "https://example.org/\\u001b[2J"):
        path.write_text(text.replace("https://example.org", bad), encoding="utf-8")
        found = problems(path)
        assert any("lines[1].url" in p for p in found), (bad, found)


# --------------------------------------------------------------------------------------------------------
# The user's country, from the locale or a setting
# --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "en_IE.UTF-8"}, "IE"),
        ({"LANG": "de_DE@euro"}, "DE"),
        ({"LANG": "nb_NO"}, "NO"),
        ({"LANG": "sv_FI.UTF-8"}, "FI"),  # the territory decides, not the language
        ({"LANG": "fil_PH.UTF-8"}, "PH"),  # three-letter language codes exist
        ({"LANG": "en_ie.utf8"}, "IE"),
        ({"LC_ALL": "fr_BE.UTF-8", "LC_MESSAGES": "en_US.UTF-8", "LANG": "en_GB.UTF-8"}, "BE"),
        ({"LC_MESSAGES": "da_DK.UTF-8", "LANG": "en_GB.UTF-8"}, "DK"),
        ({"LC_ALL": "", "LANG": "fi_FI.UTF-8"}, "FI"),  # an empty variable is not set
        ({"LC_ALL": "C", "LANG": "en_IE.UTF-8"}, None),  # LC_ALL wins even when it names no country
        ({"LANG": "C.UTF-8"}, None),
        ({"LANG": "POSIX"}, None),
        ({"LANG": "en"}, None),
        ({"LANG": "es_419.UTF-8"}, None),  # a region, not a country
        ({"LANG": "../../etc"}, None),
        ({}, None),
    ],
)
def test_the_country_comes_from_the_first_locale_variable_that_is_set(
    environ: dict[str, str], expected: str | None
) -> None:
    assert country_from_locale(environ) == expected


def test_a_setting_overrides_the_locale_and_a_blank_one_does_not() -> None:
    environ = {"LANG": "en_IE.UTF-8"}
    assert preferred_country("nz", environ) == "NZ"
    assert preferred_country("  ", environ) == "IE"
    assert preferred_country(None, environ) == "IE"


# --------------------------------------------------------------------------------------------------------
# Ordering (a small directory of its own, so these tests do not change when the shipped lines do)
# --------------------------------------------------------------------------------------------------------


@pytest.fixture
def sample(tmp_path: Path) -> SupportDirectory:
    # The UK's lines are not next to each other, as a file edited over time may leave them.
    path = write(
        tmp_path,
        ("United States", "US"),
        ("United Kingdom", "GB"),
        ("Ireland", "IE"),
        ("United Kingdom", "GB"),
        ("Finland", "FI"),
        ("Elsewhere", INTERNATIONAL),
    )
    load_support_lines.cache_clear()
    return load_support_lines(path)


def test_an_irish_locale_lists_ireland_first_and_keeps_the_rest_in_file_order(
    sample: SupportDirectory,
) -> None:
    ordered = ordered_for(sample, environ={"LANG": "en_IE.UTF-8"})
    assert codes_in_order(ordered) == ["IE", "US", "GB", "GB", "FI", INTERNATIONAL]
    assert countries(ordered) == ["Ireland", "United States", "United Kingdom", "Finland", "Elsewhere"]


def test_a_british_locale_brings_every_uk_line_to_the_top_in_file_order(sample: SupportDirectory) -> None:
    ordered = ordered_for(sample, environ={"LC_ALL": "en_GB.UTF-8"})
    uk = [line for line in sample.lines if line.code == "GB"]
    assert ordered.lines[:2] == uk
    assert codes_in_order(ordered)[2:] == ["US", "IE", "FI", INTERNATIONAL]


def test_the_setting_wins_over_the_locale(sample: SupportDirectory) -> None:
    assert countries(ordered_for(sample, country="fi", environ={"LANG": "en_IE.UTF-8"}))[0] == "Finland"


@pytest.mark.parametrize(
    "environ",
    [{"LANG": "C"}, {"LANG": "POSIX"}, {"LANG": "pt_BR.UTF-8"}, {"LANG": "en"}, {}],
)
def test_an_unknown_or_countryless_locale_keeps_the_file_order(
    sample: SupportDirectory, environ: dict[str, str]
) -> None:
    assert codes_in_order(ordered_for(sample, environ=environ)) == codes_in_order(sample)


def test_a_setting_for_a_country_with_no_lines_or_the_international_code_keeps_the_file_order(
    sample: SupportDirectory,
) -> None:
    assert codes_in_order(ordered_for(sample, country="BR", environ={})) == codes_in_order(sample)
    assert codes_in_order(ordered_for(sample, country=INTERNATIONAL, environ={})) == codes_in_order(sample)


def test_with_no_environment_given_it_reads_the_process_locale(
    sample: SupportDirectory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("LC_MESSAGES", "fi_FI.UTF-8")
    assert countries(ordered_for(sample))[0] == "Finland"


def test_the_shipped_directory_lists_an_irish_user_s_lines_first(shipped: SupportDirectory) -> None:
    ordered = ordered_for(shipped, environ={"LANG": "en_IE.UTF-8"})
    irish = [line for line in shipped.lines if line.code == "IE"]
    assert irish and ordered.lines[: len(irish)] == irish
    assert countries(ordered)[1:] == [name for name in countries(shipped) if name != "Ireland"]


def test_the_lines_are_kept_validated_and_any_edit_is_read_afresh(tmp_path: Path) -> None:
    # The support screen reads the file through the content cache (no pydantic while it is unchanged);
    # what it shows is always what the file says now, and a broken edit is reported, never hidden.
    path = write(tmp_path, ("Ireland", "IE"))
    cache_dir = tmp_path / "cache"
    first = load_support_cached(path, cache_dir)
    assert list(cache_dir.glob("support-*.pickle"))
    assert load_support_cached(path, cache_dir) == first
    path.write_text(path.read_text(encoding="utf-8").replace("24 hours", "9 to 5"), encoding="utf-8")
    assert load_support_cached(path, cache_dir).lines[0].hours == "9 to 5"
    path.write_text(path.read_text(encoding="utf-8").replace('code = "IE"', 'code = "ie"'), encoding="utf-8")
    with pytest.raises(ContentError):
        load_support_cached(path, cache_dir)
