"""The north-star page: gathered from a completed run, rendered as Markdown and as printable HTML, from the
command line and in the app."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.checkins import CHECKINS, checkins_program, fill
from tests.tui_helpers import FixedClock, build_app, settle, wait_for_journal
from workshop.answers import CommitmentValue, ItemsValue, RankedValue, TextValue
from workshop.cli import main
from workshop.content.models import CommitmentStep, Program
from workshop.flow.northstar import gather
from workshop.journal.store import Journal
from workshop.reports.northstar import render_html, render_markdown
from workshop.tui.screens.northstar import NorthStarScreen

INJECTION = " <script>alert(1)</script> [bold]x[/] \x1b[2J"


def completed(tmp_path: Path, text: str = "") -> Path:
    data_dir = tmp_path / "data"
    with Journal.open(data_dir, checkins_program(), clock=FixedClock()) as journal:
        journal.save(fill(journal.new_run(), text=text))
    return data_dir


def test_gathered_from_day_two_and_the_days_before(tmp_path: Path) -> None:
    program = checkins_program()
    with Journal.open(completed(tmp_path), program, lock=False) as journal:
        page = gather(program, journal.runs[0])
    assert page.values == ("Family", "Compassion", "Craft")  # the re-sort, not day 1's sort
    assert page.statement == "Work that leaves room to be a person."
    assert page.goals == ("Teach again", "Walk to work")  # blank lines dropped
    assert [(c.day, c.action, c.when) for c in page.commitments] == [
        (1, "Take a real lunch break", "Thursday"),
        (2, "Email the study day lead", ""),
    ]


def test_values_fall_back_to_the_first_sort(tmp_path: Path) -> None:
    program = checkins_program()
    with Journal.open(tmp_path / "data", program) as journal:
        run = journal.new_run()
        run.set_answer("start", "values-sort", RankedValue(("Craft", "Family")))
        page = gather(program, run)
    assert page.values == ("Craft", "Family")
    assert page.statement == "" and page.goals == () and page.commitments == ()
    shown = render_markdown(page)
    assert "## What matters most to me\n\n1. Craft\n2. Family\n" in shown  # one sort: a list, not a table
    assert shown.count("Not written yet.") == 8  # every other section says so, none is left out


def test_markdown_page(tmp_path: Path) -> None:
    program = checkins_program()
    with Journal.open(completed(tmp_path), program, lock=False) as journal:
        text = render_markdown(gather(program, journal.runs[0]))
    assert text.startswith("# My north star\n\n_Check-in program · run 1_\n")  # not finished: no date
    assert "## What matters most to me\n\n|  | Day 1 | Day 2 |\n|---|---|---|\n" in text
    assert "| 1 | Craft | Family |\n| 2 | Family | Compassion |\n| 3 | Curiosity | Craft |\n" in text
    assert "## My north star\n\n> Work that leaves room to be a person.\n" in text
    assert "## Moving toward: my goals\n\n- Teach again\n- Walk to work\n" in text
    assert "- When Thursday, I will Take a real lunch break\n  - Day 1, One step\n" in text
    assert "- Email the study day lead\n  - Day 2, First step\n" in text
    assert "| Day 1 (before) | 44 out of 100 | option 3 of 5 |" in text


def test_html_page_is_printable_self_contained_and_escaped(tmp_path: Path) -> None:
    program = checkins_program()
    with Journal.open(completed(tmp_path, INJECTION), program, lock=False) as journal:
        page = render_html(gather(program, journal.runs[0]))
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page and "@media print" in page
    assert "Content-Security-Policy" in page
    assert "<script" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "\x1b" not in page
    assert "<td>1</td><td>Craft</td><td>Family</td>" in page  # day 1 and day 4 side by side
    assert "When Thursday, I will Take a real lunch break" in page
    assert '<ul class="details"><li>Day 1, One step</li></ul>' in page


def workshop(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "workshop", *args], capture_output=True, text=True, check=False
    )


def workshop_here(*args: str, capfd: pytest.CaptureFixture[str]) -> subprocess.CompletedProcess[str]:
    """``workshop`` run in this process (``main``, as the console script runs it), without a Python start:
    its exit code (a usage error's too) and what it printed."""
    capfd.readouterr()
    try:
        code = main(list(args))
    except SystemExit as usage:  # argparse's refusal, which the console script turns into the exit code
        code = usage.code if isinstance(usage.code, int) else 2
    said = capfd.readouterr()
    return subprocess.CompletedProcess(args, code, said.out, said.err)


def test_export_north_star_from_the_command_line(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    data_dir = completed(tmp_path)
    common = ["--program", str(CHECKINS), "--data-dir", str(data_dir)]
    markdown = workshop("export", "--north-star", *common)  # the real command line, once
    assert markdown.returncode == 0, markdown.stderr
    assert markdown.stdout.startswith("# My north star")
    out = tmp_path / "star.html"
    printable = workshop_here(
        "export", "--north-star", "--format", "html", "--run", "1", "-o", str(out), *common, capfd=capfd
    )
    assert printable.returncode == 0, printable.stderr
    assert "<h2>My north star</h2>" in out.read_text(encoding="utf-8")
    assert out.stat().st_mode & 0o077 == 0  # readable only by the user
    assert workshop_here("export", "--north-star", "--format", "json", *common, capfd=capfd).returncode == 2
    missing = workshop_here("export", "--north-star", "--run", "7", *common, capfd=capfd)
    assert missing.returncode == 2 and "no run 7" in missing.stderr


async def test_the_app_shows_the_page_and_saves_it(tmp_path: Path) -> None:
    data_dir = completed(tmp_path)
    app = build_app(CHECKINS, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_journal(pilot)
        await pilot.press("s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, NorthStarScreen)
        shown = "\n".join(str(s.render()) for s in screen.query(".northstar-text"))
        assert "1  Craft      Family" in shown and "Work that leaves room to be a person." in shown
        assert "Take a real lunch break" in shown
        await pilot.press("p")
        await settle(pilot)
    (saved,) = (data_dir / "exports").glob("north-star-*.html")
    assert "Work that leaves room to be a person." in saved.read_text(encoding="utf-8")


async def test_the_last_day_ends_with_a_way_to_the_page(tmp_path: Path) -> None:
    data_dir = completed(tmp_path)
    app = build_app(CHECKINS, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_journal(pilot)
        last = app.program.modules[-1]
        app.routes.open_day(last, len(last.steps) - 1)
        await pilot.pause()
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert app.screen.query_one("#north-star")  # a button at the end of the page, and a key:
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, NorthStarScreen)


def test_the_shipped_program_feeds_the_page(tmp_path: Path, shipped: Program) -> None:
    program = shipped
    with Journal.open(tmp_path / "data", program) as journal:
        run = journal.new_run()
        run.set_answer("day-1-achievement", "values-sort", RankedValue(("Curiosity",)))
        run.set_answer("day-4-running-toward", "values-resort", RankedValue(("Balance", "Courage")))
        run.set_answer("day-4-running-toward", "north-star", TextValue("To heal, and to rest."))
        run.set_answer("day-4-running-toward", "three-goals", ItemsValue(("Sing",)))
        for module in program.modules:
            commitment = next(step for step in module.steps if isinstance(step, CommitmentStep))
            run.set_answer(module.id, commitment.id, CommitmentValue(f"Step {module.day}", "Soon"))
        page = gather(program, run)
    assert page.values == ("Balance", "Courage") and page.statement == "To heal, and to rest."
    assert page.goals == ("Sing",) and [c.day for c in page.commitments] == [1, 2, 3, 4]
