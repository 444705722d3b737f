"""Content read without validating it again: the cache of validated programs (a hit only when no byte
changed, never a stale or unsafe read) and the JSON Schemas generated ahead of time."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from workshop.content import loader
from workshop.content.cache import load_program_cached
from workshop.content.json_schema import generate, json_schema
from workshop.content.loader import load_program
from workshop.content.models import Program
from workshop.content.problems import ContentError


@pytest.fixture
def program_dir(tmp_path: Path, mini_program_dir: Path) -> Path:
    folder = tmp_path / "program"
    shutil.copytree(mini_program_dir, folder)
    return folder


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def _no_validation(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(folder: Path) -> None:
        raise AssertionError("validated again although nothing changed")

    monkeypatch.setattr(loader, "load_program", fail)


def test_a_hit_returns_what_validation_returns(
    program_dir: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_program_cached(program_dir, cache_dir)
    _no_validation(monkeypatch)
    assert load_program_cached(program_dir, cache_dir) == first == load_program(program_dir)


def test_any_edit_to_a_content_file_is_validated_again(program_dir: Path, cache_dir: Path) -> None:
    load_program_cached(program_dir, cache_dir)
    module = program_dir / "one.toml"
    text = module.read_text(encoding="utf-8")
    stat = module.stat()
    title = load_program(program_dir).modules[0].title
    # Same length, same modification time: only the bytes differ.
    module.write_text(text.replace(title, title[::-1], 1), encoding="utf-8")
    os.utime(module, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert load_program_cached(program_dir, cache_dir).modules[0].title == title[::-1]


def test_a_program_with_problems_is_reported_every_time(program_dir: Path, cache_dir: Path) -> None:
    load_program_cached(program_dir, cache_dir)
    (program_dir / "one.toml").write_text('id = "one"\n', encoding="utf-8")
    for _ in range(2):
        with pytest.raises(ContentError):
            load_program_cached(program_dir, cache_dir)


def test_the_cache_is_private(program_dir: Path, cache_dir: Path) -> None:
    load_program_cached(program_dir, cache_dir)
    assert cache_dir.stat().st_mode & 0o777 == 0o700
    [entry] = cache_dir.iterdir()
    assert entry.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("damage", ["others_can_write", "cut_short"])
def test_a_doubtful_cache_file_is_ignored(
    program_dir: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    expected = load_program_cached(program_dir, cache_dir)
    [entry] = cache_dir.iterdir()
    if damage == "others_can_write":
        entry.chmod(0o666)
    else:
        entry.write_bytes(entry.read_bytes()[:200])
    calls: list[Path] = []

    def counted_load(folder: Path) -> Program:
        calls.append(folder)
        return expected

    monkeypatch.setattr(loader, "load_program", counted_load)
    assert load_program_cached(program_dir, cache_dir) == expected
    assert calls == [program_dir]


@pytest.mark.parametrize("program_file", [False, True])
def test_the_shipped_schemas_are_what_the_models_generate(program_file: bool) -> None:
    # If this fails after a model change: python -m workshop.content.json_schema --write
    assert json_schema(program_file) == generate(program_file)
