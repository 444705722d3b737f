"""The plain mode's review over many runs (issue 20): a page of answers at a time, older runs read only as a
search reaches them, and a file of an older run found damaged then named before the next question."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from tests.plain_helpers import converse
from tests.test_review_catalog import OLDEST, history
from workshop.content.models import Program
from workshop.journal.store import Journal
from workshop.plain import pages

RUNS = 40
"""The sample program has one prompt: an answer a run, so each page of ten comes from ten runs."""


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Journal]:
    """Every journal the plain session opens, kept to look at after the session has ended."""
    journals: list[Journal] = []
    real_open = Journal.open

    def spy(*args: Any, **kwargs: Any) -> Journal:
        journal = real_open(*args, **kwargs)
        journals.append(journal)
        return journal

    monkeypatch.setattr(Journal, "open", spy)
    return journals


def test_the_list_comes_a_page_at_a_time_numbered_on_and_reads_only_the_runs_it_reached(
    tmp_path: Path, program: Program, opened: list[Journal], monkeypatch: pytest.MonkeyPatch
) -> None:
    history(tmp_path, program, RUNS)
    monkeypatch.setattr(pages, "COUNT_BUDGET", 0.0)  # as for a journal too long to count as it opens
    said = converse(
        program, tmp_path, ["review", "list", "more", "15", "read 21", "more", "", "quit"]
    ).out

    assert f"Answers from {RUNS} runs, newest first." in said
    assert "Every answer, newest run first, 1 to 10:" in said
    assert "Every answer, newest run first, 11 to 20:" in said
    assert "Type more for the next 10" in said
    assert "\n1. Run 40," in said and "\n10. Run 31," in said and "\n11. Run 30," in said  # numbered on
    assert "Please type a number from 1 to 20." in said  # 21 is not listed yet
    assert "Every answer, newest run first, 21 to 30:" in said  # the second "more"
    # Answer 15, read whole: all thirty lines of it, where the list showed six.
    read_whole = said.split("Run 26, Day 1")[-1].split("> ")[0]
    assert "line 29 of" in read_whole and "in run 26" in read_whole
    # Three pages (and one answer ahead) of the newest runs: the oldest runs were never read.
    journal = opened[-1]
    never_read = [run.number for run in journal.runs if run.reads == 0 and not run.loaded]
    assert never_read == list(range(1, RUNS - 30))


def test_a_search_reaches_the_oldest_run_and_says_how_many_when_it_is_the_last_page(
    tmp_path: Path, program: Program
) -> None:
    history(tmp_path, program, 20)
    said = converse(program, tmp_path, ["review", "snow came", "1", "more", "", "quit"]).out

    found = [line for line in said.splitlines() if "found for snow came" in line]
    assert found and found[0].endswith(":")
    count = int(found[0].split()[0])
    assert 0 < count <= pages.PAGE  # one page: no "more" offered
    assert "Type more for the next" not in said.split(found[0])[1].split("> ")[0]
    assert "1. Run 1, " in said and OLDEST in said
    assert "That was the last of this list." in said
    assert said.count("Run 2,") == 0  # only the oldest run holds those words


def test_a_short_journal_is_counted_as_the_review_opens_and_listed_on_one_page(
    tmp_path: Path, program: Program
) -> None:
    history(tmp_path, program, 1)
    said = converse(program, tmp_path, ["review", "line 29", "", "quit"]).out
    assert "answers, in 1 run." in said
    assert "found for line 29:" in said and "newest run first" not in said


def test_a_damaged_file_of_an_older_run_found_by_the_search_is_named_before_the_next_question(
    tmp_path: Path, program: Program
) -> None:
    history(tmp_path, program, 3)
    (damaged,) = (tmp_path / "journal").glob("*/run-001/one.toml")  # the first run's day 1
    # Damaged in place, its size and time as the run's index knows them: the journal opens the run from
    # its index and finds the damage only when the review first reads it.
    before = damaged.stat()
    with damaged.open("r+b") as file:
        file.write(b"=" * before.st_size)
    os.utime(damaged, ns=(before.st_atime_ns, before.st_mtime_ns))
    content = damaged.read_bytes()

    said = converse(program, tmp_path, ["review", "snow came", "", "", "quit"]).out

    assert "Some files of your journal could not be read:" in said
    assert damaged.name in said
    assert "Those files are kept exactly as they are." in said
    assert "Back to where you were." in said
    assert damaged.read_bytes() == content  # kept as it was, never overwritten
