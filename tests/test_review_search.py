"""The review's search over years of answers: the same answers as a plain search, found a slice at a time,
narrowing as letters are added, and never a key lost or held up while it runs (issue 20).

The speed itself is measured by ``bench/bench_review.py``; these tests check the behaviour that makes it so.
"""

from __future__ import annotations

import itertools
import threading
import time
from pathlib import Path

import pytest
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Select, Static

from tests.memory_run import MemoryRun
from tests.test_tui_input import type_at_once
from tests.tui_helpers import build_app, screen_text, settle, until, wait_for_journal
from workshop.answers import TextValue
from workshop.content.models import Program
from workshop.flow.review import (
    SNIPPET_CHARACTERS,
    SNIPPET_LEAD,
    Catalog,
    Finding,
    ReviewEntry,
    review_entries,
    search,
    snippet,
)
from workshop.journal.store import Journal, Run
from workshop.tui.app import WorkshopApp
from workshop.tui.screens.day import DayScreen
from workshop.tui.screens.review import (
    MATCH_STYLE,
    PAGE,
    READ_AHEAD,
    ROW_HEIGHT,
    WIDE,
    ReviewScreen,
    entry_content,
)

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


class Counted(MemoryRun):
    """A run that counts how many times its answers were read."""

    reads_of_answers: int = 0

    def module_ids(self) -> tuple[str, ...]:
        self.reads_of_answers += 1
        return super().module_ids()


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
    catalog = Catalog(program, history)
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


def test_a_letter_added_looks_only_among_the_answers_that_matched(
    program: Program, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalog = Catalog(program, runs(program, 6))
    night = Finding.start(catalog, "night", None, None)
    finish(night)
    looked_at: list[int] = []
    holding, find = catalog.holding, catalog.find

    def among(needle: bytes, indexes: list[int]) -> list[int]:
        looked_at.extend(indexes)
        return holding(needle, indexes)

    def through(needle: bytes, start: int, stop: int) -> list[int]:
        looked_at.extend(range(start, stop))
        return find(needle, start, stop)

    monkeypatch.setattr(catalog, "holding", among)
    monkeypatch.setattr(catalog, "find", through)
    narrowed = Finding.start(catalog, "nights", None, night)
    finish(narrowed)
    assert looked_at == list(night.found)  # only the answers that held "night", in order
    looked_at.clear()
    finish(Finding.start(catalog, "nights", None, None))
    assert looked_at == list(range(len(catalog)))  # a fresh search looks at every one


def test_a_narrowed_search_that_stopped_early_still_looks_at_what_its_parent_had_left(
    program: Program,
) -> None:
    history = runs(program, 12)
    catalog = Catalog(program, history)
    first = Finding.start(catalog, "n", None, None)
    finish(first)
    second = Finding.start(catalog, "ni", None, first)
    second.advance(1.0, enough=2)  # the first page only: most of its candidates are still to be looked at
    third = Finding.start(catalog, "nig", None, second)
    assert finish(third) == search(review_entries(program, history), "nig")


def test_answers_are_read_from_the_runs_only_as_far_as_the_search_has_got(program: Program) -> None:
    history = [Counted(**vars(run)) for run in runs(program, 200)]
    catalog = Catalog(program, history)
    finding = Finding.start(catalog, "", None, None)
    assert not finding.advance(1.0, enough=PAGE)
    assert len(finding.found) == PAGE
    read = [run.number for run in reversed(history) if run.reads_of_answers]
    per_run = len(catalog) // len(read)
    assert read == list(range(200, 200 - len(read), -1))  # the newest runs, and no more than the page needs
    assert (len(read) - 1) * per_run < PAGE
    ticks = itertools.count()
    assert not finding.advance(0.5, clock=lambda: next(ticks))  # time runs out: it stops, to go on later
    assert not catalog.complete
    finish(finding)
    assert all(run.reads_of_answers for run in history)  # every run read by now
    assert catalog.complete and len(finding.found) == len(catalog) == len(review_entries(program, history))


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


async def test_a_finished_search_for_earlier_words_is_not_taken_for_the_words_now_in_the_box(
    tmp_path: Path, program: Program
) -> None:
    # The box takes keys before the review hears of them: a test that waited for "searched" once saw the
    # search for the words before them finished, and read a count still going for the new ones (in CI).
    long_history(tmp_path / "data", program, 60)
    app = build_app(program, tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        review = await open_review(pilot)
        search_box = review.query_one("#search", Input)
        await pilot.press("ctrl+f", *"rivver")
        await until(pilot, lambda: review.searched)
        search_box.value = "river"  # as if the keys had reached the box and the review not yet heard
        assert not review.searched  # the finished search was for "rivver"
        await until(pilot, lambda: review.searched)
        expected = search(review_entries(app.program, app.journal.runs), "river")  # type: ignore[union-attr]
        count = str(review.query_one("#review-count", Static).render())
        assert count.startswith(f'{len(expected)} of {len(review.entries)} answers hold "river"'), count
        # Words that search for the same keep the search and what it found: nothing to look through again.
        finding = review._finding
        asked: list[str] = []  # what the search box said each time the review was asked to search again
        refresh_entries = review.refresh_entries

        def noted() -> None:
            asked.append(search_box.value)
            refresh_entries()

        review.refresh_entries = noted  # type: ignore[method-assign]
        await pilot.press("space")
        await until(pilot, lambda: asked == ["river "])  # asked (at once, or once typing paused)
        assert review.searched and review._finding is finding


async def test_the_review_built_ahead_is_what_r_shows_and_keys_typed_at_once_with_r_reach_its_box(
    tmp_path: Path, program: Program
) -> None:
    # The app builds the review as it starts (review_ahead), so that r shows it rather than composing it.
    long_history(tmp_path / "data", program, 30)
    app = build_app(program, tmp_path / "data", review_ahead=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_journal(pilot)
        # Built once home has been drawn with the journal open: a busy machine may not have drawn it yet.
        await until(pilot, lambda: app.is_screen_installed("review"))
        built = app.get_screen("review")
        assert isinstance(built, ReviewScreen)
        await until(pilot, lambda: built.is_mounted)
        assert not built.shown  # built, and nothing read before it is shown
        type_at_once(app, "r", "ctrl+f", *"river")
        box = built.query_one("#search", Input)
        await until(pilot, lambda: box.value == "river" and built.searched)
        expected = search(review_entries(app.program, app.journal.runs), "river")  # type: ignore[union-attr]
        assert expected and built.shown == expected[: len(built.shown)]
        assert box.has_focus and app.screen is built


async def test_the_review_opened_again_starts_afresh_with_the_answers_and_runs_written_in_between(
    tmp_path: Path, program: Program
) -> None:
    long_history(tmp_path / "data", program, 5)
    app = build_app(program, tmp_path / "data", review_ahead=True)
    async with app.run_test(size=(100, 30)) as pilot:
        review = await open_review(pilot)
        await pilot.press("ctrl+f", *"night", "enter", "down")  # to the answers found, and the second
        await until(pilot, lambda: review.searched and review.query_one("#entries", OptionList).highlighted == 1)
        before = len(review.entries)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is not review and not review.entries  # closed: what it read is let go
        journal = app.journal
        assert journal is not None
        run = journal.new_run()  # a sixth run, begun and answered since the review was last open
        module = program.modules[0]
        step = next(step for step in module.steps if step.kind == "prompt")
        run.set_answer(module.id, step.id, TextValue("the harbour at first light"))
        await pilot.press("r")
        await until(pilot, lambda: app.screen is review and review.searched)
        entries = review.query_one("#entries", OptionList)
        assert review.query_one("#search", Input).value == "" and entries.has_focus
        assert entries.highlighted == 0 and review.query_one("#run-filter", Select).is_blank()
        assert review.shown[0].text == "the harbour at first light"  # the newest answer, first
        assert len(review.entries) == before + 1
        count = str(review.query_one("#review-count", Static).render())
        assert count.startswith(f"{before + 1} of {before + 1} answers")
        offered = review.query_one("#run-filter SelectOverlay", OptionList)
        runs_offered = [str(offered.get_option_at_index(i).prompt) for i in range(offered.option_count)]
        assert runs_offered == ["All runs", *(f"Run {n}" for n in range(6, 0, -1))]  # the new run too
        await pilot.press("ctrl+f", *"harbour")
        await until(pilot, lambda: review.searched and review.query_one("#search", Input).value == "harbour")
        assert [entry.text for entry in review.shown] == ["the harbour at first light"]


async def test_older_runs_are_read_in_a_thread_ahead_of_the_search_not_in_the_event_loop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shipped: Program
) -> None:
    # The journal opens older runs from their index and reads their files when first needed. Read inside a
    # slice of the search, each stopped the loop (and any key typed then) for tens of ms at twenty years.
    # The shipped program: runs of some forty answers, as the search goes through them at that age.
    program = shipped
    long_history(tmp_path / "data", program, 16)
    read_in: list[bool] = []  # for each run read: was it read in the event loop's thread?
    held: list[int] = []  # for each run read: how many runs held their answers then, the newest among them
    load = Run.load

    def recorded(run: Run) -> None:
        if not run.loaded:
            read_in.append(threading.current_thread() is threading.main_thread())
            held.append(sum(other.loaded for other in app.runs))
        load(run)

    monkeypatch.setattr(Run, "load", recorded)
    app = build_app(program, tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        review = await open_review(pilot)
        await until(pilot, lambda: review.searched)
        assert len(read_in) == 15  # every run but the newest, read when the review first needed it
        # The first page comes from the newest run, and the search of the rest stops before a run not read
        # yet: none in the loop. Read there, each would stop the loop for tens of ms at twenty years.
        assert read_in.count(True) == 0, read_in
        # A few ahead, each let go once its words are folded: reading all of them ahead (or a window
        # doubling up to 64 runs) held every answer of years at once.
        assert max(held) <= 1 + READ_AHEAD, held


async def test_a_search_still_going_when_the_review_is_taken_down_ends_quietly(
    tmp_path: Path, program: Program, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The app closing takes the review's widgets down while its search of the rest may still be waiting
    # for a run read in a thread; that search has nothing left to show and must end without an error
    # (it stopped the app with WorkerFailed at the end of a test, once in a full run of the suite).
    long_history(tmp_path / "data", program, 12)
    load = Run.load

    def slow(run: Run) -> None:
        if threading.current_thread() is not threading.main_thread():
            time.sleep(0.2)  # read ahead in a thread: the search waits for it
        load(run)

    monkeypatch.setattr(Run, "load", slow)
    app = build_app(program, tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        review = await open_review(pilot)
        assert not review.searched  # still going

        def searching() -> bool:
            return any(worker.group == "review-search" for worker in app.workers)

        while not searching():  # its worker begins once the first page is drawn (not ``until``: it settles)
            await pilot.pause(0.005)
        await review.remove_children()
        await until(pilot, lambda: not searching() or not app.is_running)  # ended, or stopped the app
        await pilot.pause(0.1)  # the search's last step, where it shows its count
        assert app.is_running and app.return_code is None


async def test_scrolling_down_brings_the_next_answers_and_enter_opens_the_highlighted_one(
    tmp_path: Path, program: Program
) -> None:
    long_history(tmp_path / "data", program, 30)
    app = build_app(program, tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        review = await open_review(pilot)
        # Every answer found (the search of the rest begins once the first page is drawn, and settle does
        # not wait for a worker not begun yet): the next ones can come as the highlight goes down.
        await until(pilot, lambda: review.searched)
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
        entries.scroll_end(animate=False)  # done once the screen has been drawn again, not at once
        await until(pilot, lambda: entries.option_count > loaded)


# ---- the list's rows and the reading pane -----------------------------------------------------------


def test_a_row_holds_one_line_of_an_answer_from_a_little_before_its_first_match() -> None:
    long = "First line of it.\n\n  " + "word " * 30 + "the Night shift, again\nand more after"
    assert snippet(long, "") == " ".join(long.split())[:SNIPPET_CHARACTERS]  # no search: from the start
    row = snippet(long, "night")
    assert "\n" not in row and row.startswith("…") and "Night shift" in row  # found in any case
    assert row.index("Night") <= SNIPPET_LEAD + 1  # the match shows however narrow the row is
    assert not row[1:].startswith(" ")  # it starts at a word
    assert snippet("early night", "night") == "early night"  # a match near the start: nothing cut
    assert snippet("a (b) c " + "x " * 40 + "(b)", "(b)") == "a (b) c " + "x " * 40 + "(b)"  # text, not a pattern
    assert len(snippet("word " * 500, "word")) == SNIPPET_CHARACTERS


def drawn(content: object) -> tuple[str, list[tuple[int, int, str]]]:
    """A pane's content as it is drawn: its text and its marks (Content's ``==`` compares the text alone,
    so a pane still marking an earlier search's letters would pass for one marking the last)."""
    assert isinstance(content, Content)
    return str(content), [(span.start, span.end, str(span.style)) for span in content.spans]


async def test_each_answer_is_two_lines_in_the_list_and_the_pane_reads_the_highlighted_one_whole(
    tmp_path: Path, program: Program
) -> None:
    long_history(tmp_path / "data", program, 3)  # forty lines an answer
    app = build_app(program, tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        review = await open_review(pilot)
        await settle(pilot)
        entries = review.query_one("#entries", OptionList)
        reader = review.query_one("#reader-text", Static)
        assert entries.virtual_size.height == ROW_HEIGHT * entries.option_count  # never wrapped
        # The pane follows the highlight once the list has been drawn (or typing pauses): not at once.
        await until(pilot, lambda: str(reader.content) == str(entry_content(review.shown[0])))  # the first
        assert str(reader.content).endswith(review.shown[0].text) and review.shown[0].text.count("\n") == 40
        await pilot.press("down")
        await until(pilot, lambda: str(reader.content) == str(entry_content(review.shown[1])))  # it follows
        await pilot.press("ctrl+f", *"river")
        await until(pilot, lambda: review.searched and review.query_one("#search", Input).value == "river")

        def reading() -> ReviewEntry:
            return review.shown[entries.highlighted or 0]

        # The pane reads the highlighted answer with the words marked once typing has paused (READ_AFTER_TYPING)
        await until(pilot, lambda: drawn(reader.content) == drawn(entry_content(reading(), "river")))
        entry = reading()
        assert "river" in entry.text
        content = reader.content
        assert isinstance(content, Content)
        marked = [str(content)[span.start : span.end] for span in content.spans if str(span.style) == MATCH_STYLE]
        assert marked == ["river"] * entry.text.count("river")  # every match in the pane is marked
        assert entries.virtual_size.height == ROW_HEIGHT * entries.option_count


async def test_the_pane_stands_beside_the_list_in_a_wide_terminal_and_below_it_in_a_narrow_one(
    tmp_path: Path, program: Program
) -> None:
    long_history(tmp_path / "data", program, 2)
    app = build_app(program, tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        review = await open_review(pilot)
        await settle(pilot)
        entries, reader = review.query_one("#entries"), review.query_one("#reader")
        assert reader.region.y >= entries.region.bottom and reader.region.height >= 8
        await pilot.resize_terminal(WIDE, 40)
        await settle(pilot)
        assert reader.region.x >= entries.region.right and reader.region.y == entries.region.y
        assert reader.region.width <= 84  # no wider than prose reads well


async def test_enter_and_e_in_the_pane_open_the_answer_it_shows(tmp_path: Path, program: Program) -> None:
    app = build_app(program, tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_journal(pilot)
        run = app.journal.new_run()  # type: ignore[union-attr]
        step = next(s for m in program.modules for s in m.steps if s.kind == "prompt")
        module = next(m for m in program.modules if step in m.steps)
        run.set_answer(module.id, step.id, TextValue("\n".join(f"line {n}" for n in range(30))))
        review = await open_review(pilot)
        reader = review.query_one("#reader-text", Static)
        await until(pilot, lambda: "line 29" in str(reader.content))  # the pane shows the answer (once drawn)
        await pilot.press("tab")  # from the list to the pane, as Tab goes
        assert review.focused is review.query_one("#reader")
        assert "line 29" not in screen_text(app)  # below the pane's last line
        await pilot.press("end")  # the pane scrolls to the answer's last line (once drawn again)
        await until(pilot, lambda: "line 29" in screen_text(app))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DayScreen) and app.screen.walk.step.id == step.id
