"""Then and now: the same question's answers from two runs, side by side."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import OptionList, Select, Static

from tests.checkins import CHECKINS, checkins_program, fill
from tests.tui_helpers import FixedClock, build_app, settle, until, wait_for_journal
from workshop.answers import TextValue
from workshop.content.loader import load_program
from workshop.flow.review import default_pair, review_entries, then_and_now
from workshop.journal.store import Journal
from workshop.tui.screens.review import ReviewScreen
from workshop.tui.screens.then_and_now import ThenAndNowScreen


def three_runs(data_dir: Path) -> None:
    with Journal.open(data_dir, checkins_program(), clock=FixedClock()) as journal:
        for text in (" (first)", " (second)", ""):
            run = fill(journal.new_run(), text=text)
            if not text:
                run.clear_answer("end", "north-star")  # the newest run has not reached it yet
            journal.save(run)


def test_default_pair_is_the_newest_two_oldest_first() -> None:
    assert default_pair([3, 1, 2]) == (2, 3)
    assert default_pair([4, 4]) is None and default_pair([]) is None


def test_pairs_answers_of_one_question(tmp_path: Path) -> None:
    program = checkins_program()
    three_runs(tmp_path / "data")
    with Journal.open(tmp_path / "data", program, lock=False) as journal:
        entries = review_entries(program, journal.runs)
        entry = next(e for e in entries if e.answer.step_id == "north-star")
        view = then_and_now(entry, journal.runs, (1, 2))
        assert view.title == "Your north star" and view.question == "Your north star, in a sentence."
        assert (view.then.run_number, view.then.text) == (1, "Work that leaves room to be a person. (first)")
        assert (view.now.run_number, view.now.text) == (2, "Work that leaves room to be a person. (second)")
        newest = then_and_now(entry, journal.runs, (2, 3))
        assert newest.now.answer is None and newest.now.text == ""
        goals = next(e for e in entries if e.answer.step_id == "three-goals" and e.run_number == 3)
        assert then_and_now(goals, journal.runs, (1, 3)).then.text == "• Teach again (first)\n• Walk to work"


async def test_t_in_review_shows_two_runs_side_by_side_and_the_select_changes_one(tmp_path: Path) -> None:
    three_runs(tmp_path / "data")
    app = build_app(CHECKINS, tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_journal(pilot)
        app.routes.open_review()
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        await until(pilot, lambda: review.searched)  # every answer read (the first page comes first)
        entries = review.query_one("#entries", OptionList)
        # Down to run 2's north star, as a person scrolls (the list brings its next answers as they near).
        for _ in range(len(review.entries)):
            highlighted = entries.highlighted or 0
            if review.shown[highlighted].answer.step_id == "north-star":
                break
            await pilot.press("down")
        await pilot.press("t")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ThenAndNowScreen)
        then_text = str(screen.query_one("#then-text", Static).render())
        now_text = str(screen.query_one("#now-text", Static).render())
        # The newest run (3) has no north star yet; the review highlighted run 2's, the default pair is 2 and 3.
        assert "Run 2" in then_text and "(second)" in then_text
        assert "Run 3" in now_text and "no answer in this run" in now_text
        screen.query_one("#now-run", Select).value = 1
        await settle(pilot)
        assert "(first)" in str(screen.query_one("#now-text", Static).render())
        await pilot.press("escape")
        assert app.screen is review


async def test_with_one_run_it_says_what_is_needed(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "data", checkins_program(), clock=FixedClock()) as journal:
        journal.save(fill(journal.new_run()))
    app = build_app(CHECKINS, tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_journal(pilot)
        app.routes.open_review()
        await pilot.pause()
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert any("two runs" in str(n.message) for n in app._notifications)


def test_a_step_moved_to_another_day_is_reviewed_under_its_new_day(tmp_path: Path, mini_program_dir: Path) -> None:
    # The review finds answers where the export does: a moved step keeps its answer (content/drift.py).
    folder = tmp_path / "program"
    shutil.copytree(mini_program_dir, folder)
    with Journal.open(tmp_path / "data", load_program(folder)) as journal:
        run = journal.new_run()
        run.set_answer("one", "first-thought", TextValue("still mine"))
        journal.save(run)
    one, two = folder / "one.toml", folder / "two.toml"
    text = one.read_text(encoding="utf-8")
    start = text.index('[[steps]]\nid = "first-thought"')
    block = text[start : text.index("[[steps]]", start + 1)]
    one.write_text(text.replace(block, ""), encoding="utf-8")
    later = two.read_text(encoding="utf-8")
    two.write_text(later.replace("[[steps]]", block + "[[steps]]", 1), encoding="utf-8")
    moved = load_program(folder)

    with Journal.open(tmp_path / "data", moved, lock=False) as journal:
        [entry] = [e for e in review_entries(moved, journal.runs) if e.answer.step_id == "first-thought"]
        assert (entry.module_id, entry.step is not None, entry.text) == ("two", True, "still mine")
        assert entry.day_label == "Day 2" and entry.title == "A first thought"
        view = then_and_now(entry, journal.runs, (1, 1))
        assert view.now.text == "still mine" and view.question == "What brought you here today?"
