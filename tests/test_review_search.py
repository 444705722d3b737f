"""The review's search over years of answers: the same answers as a plain search, found a slice at a time,
narrowing as letters are added, and never a key lost or held up while it runs (issue 20).

The speed itself is measured by ``bench/bench_review.py``; these tests check the behaviour that makes it so.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from tests.memory_run import MemoryRun
from tests.test_tui_input import type_at_once
from tests.tui_helpers import build_app, settle, until, wait_for_journal
from workshop.answers import TextValue
from workshop.content.models import Program
from workshop.flow.review import Catalog, Finding, ReviewEntry, iter_review_entries, review_entries, search
from workshop.journal.store import Journal
from workshop.tui.app import WorkshopApp
from workshop.tui.screens.review import PAGE, ReviewScreen

WORDS = ["walked home at dawn", "a quiet night shift", "the river again", "Night after night", "dawn walk"]


def runs(program: Program, count: int) -> list[MemoryRun]:
    """``count`` runs, each answering the sample program's prompts with one of ``WORDS``."""
    made = []
    for number in range(1, count + 1):
        run = MemoryRun(number=number)
        for index, (module, step) in enumerate((m, s) for m in program.modules for s in m.steps):
            if step.kind == "prompt":
                run.set_answer(module.id, step.id, TextValue(f"run {number}: {WORDS[(number + index) % 5]}"))
        made.append(run)
    return made


class Counted:
    """An entry source that counts how many entries were taken from it."""

    def __init__(self, entries: Iterator[ReviewEntry]) -> None:
        self.entries, self.taken = entries, 0

    def __iter__(self) -> Iterator[ReviewEntry]:
        return self

    def __next__(self) -> ReviewEntry:
        entry = next(self.entries)
        self.taken += 1
        return entry


def finish(finding: Finding) -> list[ReviewEntry]:
    while not finding.advance(1.0):
        pass
    return finding.entries()


@pytest.mark.parametrize("run_number", [None, 3])
def test_letter_by_letter_the_search_finds_what_a_plain_search_finds(
    program: Program, run_number: int | None
) -> None:
    history = runs(program, 12)
    everything = review_entries(program, history)
    catalog = Catalog(iter_review_entries(program, history))
    finding: Finding | None = None
    for query in [
        "n",
        "ni",
        "nig",
        "nigh",
        "night",
        "night ",
        "night s",
        "nigh",
        "",
        "DAWN",
        "dawn w",
        "zebra",
    ]:
        finding = Finding.start(catalog, query, run_number, finding)
        assert finish(finding) == search(everything, query, run_number), query


def test_a_letter_added_looks_only_among_the_answers_that_matched(program: Program) -> None:
    catalog = Catalog(iter_review_entries(program, runs(program, 6)))
    night = Finding.start(catalog, "night", None, None)
    finish(night)
    missed = next(i for i in range(len(catalog.entries)) if i not in night.found)
    catalog.folded[missed] += " nights"  # were it looked at again, it would match now
    narrowed = Finding.start(catalog, "nights", None, night)
    assert missed not in [catalog.entries.index(e) for e in finish(narrowed)]
    fresh = Finding.start(catalog, "nights", None, None)
    assert catalog.entries[missed] in finish(fresh)


def test_a_narrowed_search_that_stopped_early_still_looks_at_what_its_parent_had_left(
    program: Program,
) -> None:
    history = runs(program, 12)
    catalog = Catalog(iter_review_entries(program, history))
    first = Finding.start(catalog, "n", None, None)
    finish(first)
    second = Finding.start(catalog, "ni", None, first)
    second.advance(1.0, enough=2)  # the first page only: most of its candidates are still to be looked at
    third = Finding.start(catalog, "nig", None, second)
    assert finish(third) == search(review_entries(program, history), "nig")


def test_answers_are_read_from_the_runs_only_as_far_as_the_search_has_got(program: Program) -> None:
    source = Counted(iter_review_entries(program, runs(program, 200)))
    catalog = Catalog(source)
    finding = Finding.start(catalog, "", None, None)
    assert not finding.advance(1.0, enough=PAGE)
    assert len(finding.found) == PAGE and source.taken == PAGE  # the first page: no more read than that
    ticks = itertools.count()
    assert not finding.advance(0.5, clock=lambda: next(ticks))  # time runs out: it stops, to go on later
    assert not catalog.complete
    finish(finding)
    assert catalog.complete and len(finding.found) == source.taken


# ---- the screen ---------------------------------------------------------------------------------------


def long_history(data: Path, program: Program, count: int) -> None:
    with Journal.open(data, program) as journal:
        for number in range(count):
            run = journal.new_run()
            for module in program.modules:
                for step in module.steps:
                    if step.kind == "prompt":
                        words = WORDS[number % 5]
                        run.set_answer(module.id, step.id, TextValue(f"run {number + 1}: {words}\n" * 40))
            run.mark_finished()
            journal.save(run)


async def open_review(pilot: Pilot[None]) -> ReviewScreen:
    app: WorkshopApp = pilot.app  # type: ignore[assignment]
    await wait_for_journal(pilot)
    app.routes.open_review()
    await pilot.pause()
    review = app.screen
    assert isinstance(review, ReviewScreen)
    return review


async def test_keys_typed_at_once_with_ctrl_f_all_reach_the_box_and_the_list_follows(
    tmp_path: Path, program: Program
) -> None:
    long_history(tmp_path / "data", program, 60)
    app = build_app(program, tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        review = await open_review(pilot)
        entries = review.query_one("#entries", OptionList)
        assert entries.has_focus and entries.option_count <= 2 * PAGE  # only the first pages are in the list
        type_at_once(app, "ctrl+f", *"river", "backspace", "backspace", *"ver")  # "riv", then "ver"
        search_box = review.query_one("#search", Input)
        await until(pilot, lambda: search_box.value == "rivver" and review.searched)
        assert search_box.has_focus
        assert not review.shown  # no answer holds "rivver"
        count = str(review.query_one("#review-count").render())
        assert count.startswith(f'0 of {len(review.entries)} answers hold "rivver"')
        type_at_once(app, "backspace", "backspace", "backspace", *"er")  # "riv", then "river"
        await until(pilot, lambda: search_box.value == "river" and review.searched)
        assert review.shown and all("river" in entry.text for entry in review.shown)
        expected = search(review_entries(app.program, app.journal.runs), "river")  # type: ignore[union-attr]
        assert review.shown == expected[: len(review.shown)]
        count = str(review.query_one("#review-count").render())
        assert count.startswith(f'{len(expected)} of {len(review.entries)} answers hold "river"')


async def test_scrolling_down_brings_the_next_answers_and_enter_opens_the_highlighted_one(
    tmp_path: Path, program: Program
) -> None:
    long_history(tmp_path / "data", program, 30)
    app = build_app(program, tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        review = await open_review(pilot)
        await settle(pilot)
        entries = review.query_one("#entries", OptionList)
        first = entries.option_count
        await pilot.press(*["down"] * (first + 3))
        await settle(pilot)
        assert entries.highlighted == first + 3 and entries.option_count > first + 3
        assert len(review.shown) == entries.option_count
        await pilot.press("e")  # an earlier run: read-only, and it says so
        await settle(pilot)
        assert app.screen is review
        # Scrolled with the wheel or the bar, without moving the highlight: the next answers come too.
        loaded = entries.option_count
        entries.scroll_end(animate=False)
        await settle(pilot)
        assert entries.option_count > loaded
