"""The facilitator's kit (``workshop guide --kit``): the privacy statement, the attendance sheet and the
feedback slips, with a facilitator's hostile edits escaped in HTML and in Markdown."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from workshop import paths
from workshop.cli import main
from workshop.content.loader import load_program
from workshop.content.models import FeedbackStep, Program
from workshop.reports.kit import SLIPS_PER_PAGE, kit_page

HOSTILE = '<script>alert("x")</script> [bold]b[/] **loud** <img src=x onerror=alert(1)>'


@pytest.fixture
def hostile_program(tmp_path: Path) -> Program:
    """The shipped program, its title and day 1's first feedback question edited by a careless facilitator."""
    folder = tmp_path / "program"
    shutil.copytree(paths.shipped_program_dir(), folder)
    day_one = folder / "day-1-achievement.toml"
    text = day_one.read_text(encoding="utf-8")
    hostile = HOSTILE.replace('"', '\\"')
    day_one.write_text(text.replace("Today's session was worth my time.", hostile, 1), encoding="utf-8")
    program_file = folder / "program.toml"
    program_file.write_text(
        re.sub(r'(?m)^title = ".*"$', f'title = "{hostile}"', program_file.read_text(encoding="utf-8"), count=1),
        encoding="utf-8",
    )
    return load_program(folder)


@pytest.mark.parametrize("page", ["privacy", "attendance", "feedback"])
def test_every_page_escapes_hostile_content_text(hostile_program: Program, page: str) -> None:
    html = kit_page(page, hostile_program, fmt="html")  # type: ignore[arg-type]
    assert "<script" not in html and "<img" not in html and "onerror=alert(1)>" not in html
    assert "&lt;script&gt;" in html  # shown, as text
    assert 'http-equiv="Content-Security-Policy"' in html
    markdown = kit_page(page, hostile_program, fmt="markdown")  # type: ignore[arg-type]
    assert not re.search(r"(?<!\\)<(script|img)", markdown)  # every < escaped, so none opens a tag
    assert "\\<script\\>" in markdown


def test_the_privacy_statement_says_what_stays_what_is_shared_and_how_to_look(shipped: Program) -> None:
    program = shipped
    html = kit_page("privacy", program, fmt="html")
    for words in (
        "What stays on your computer",
        "never sent anywhere",
        "Only numbers",
        "Sharing is optional",
        "workshop export --scores",
        "Share my scores",
        "any text editor",
        "fewer than five",
    ):
        assert words in html, words


def test_the_attendance_sheet_has_a_column_per_day_and_no_scores(shipped: Program) -> None:
    program = shipped
    html = kit_page("attendance", program, fmt="html")
    header = html.split("<thead>")[1].split("</thead>")[0]
    assert re.findall(r"Day (\d)", header) == ["1", "2", "3", "4"]
    assert "Name or initials" in header
    for words in ("WHO-5", "burnout", "score:", "Score"):
        assert words not in html.split("<table")[1]


def test_feedback_slips_print_each_days_form_twice_to_a_page(tmp_path: Path, shipped: Program) -> None:
    program = shipped
    html = kit_page("feedback", program, fmt="html")
    forms = [step for module in program.modules for step in module.steps if isinstance(step, FeedbackStep)]
    assert html.count('<section class="slip">') == SLIPS_PER_PAGE * len(forms) == 8
    for question in forms[0].questions:
        assert html.count(question.text.replace("'", "&#x27;")) == 8
    out = tmp_path / "day-2.html"
    assert main(["guide", "--kit", "feedback", "--day", "2", "--format", "html", "-o", str(out)]) == 0
    day_two = out.read_text(encoding="utf-8")
    assert day_two.count('<section class="slip">') == 2 and "day 2" in day_two and "day 1," not in day_two
