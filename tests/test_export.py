"""Export renderers: Markdown that reads on its own, self-contained printable HTML, exact stable JSON.

The renderers are pure (program + runs in, text out); user text is escaped for HTML, cleaned of
terminal control sequences for Markdown and HTML, and kept exactly in JSON.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.clocks import SteppingClock
from workshop.answers import (
    Answer,
    ChoicesValue,
    CommitmentValue,
    IntegerValue,
    ItemsValue,
    RankedValue,
    TextValue,
)
from workshop.content.models import Program, ScaleStep
from workshop.journal.store import Journal, Run
from workshop.reports.export import (
    EARLIER_HEADING,
    EXPORT_FORMAT,
    export_to_file,
    render_html,
    render_json,
    render_markdown,
)

NASTY = 'Line one\r\nline <script>alert("x")</script> & <b>bold</b>\x1b]0;owned\x07 \x9b2J end 😀'


@pytest.fixture
def runs(tmp_path: Path, program: Program) -> Iterator[list[Run]]:
    with Journal.open(tmp_path, program, clock=SteppingClock(step=timedelta(minutes=1))) as journal:
        first = journal.new_run()
        first.set_answer("one", "first-thought", TextValue(NASTY))
        first.set_answer("one", "meaning-now", IntegerValue(3))
        first.set_answer("one", "signs", ChoicesValue(("Numbness", "Guilt"), "Dread on Sundays"))
        first.set_answer("one", "five-things", ItemsValue(("Coffee with Sam", "", "The garden")))
        first.set_answer("one", "values", RankedValue(("Craft", "Family", "Curiosity")))
        first.set_answer("one", "one-step", CommitmentValue("Walk home once", "Thursday"))
        first.set_answer("one", "removed-step", TextValue("An answer to a question since removed"))
        first.set_answer("one", "meaning-now-was-text", TextValue("x"))
        first.set_answer("one", "first-thought", TextValue(NASTY))  # unchanged: created == updated
        first.set_answer("two", "single", IntegerValue(1))  # the step is now a choice: earlier version
        first.set_answer("retired-day", "old-question", TextValue("From a day that no longer exists"))
        first.mark_done("one", "welcome")
        first.mark_finished()
        journal.save(first)
        second = journal.new_run()
        second.set_answer("one", "first-thought", TextValue("Second time round"))
        second.set_answer("one", "first-thought", TextValue("Second time round, edited"))
        journal.save(second)
        yield journal.runs


def test_markdown_reads_on_its_own(program: Program, runs: list[Run]) -> None:
    text = render_markdown(program, runs)
    assert text.startswith("# Mini program\n")
    for expected in [
        "## Run 1",
        "## Run 2",
        "### Day 1: Day one",
        "### Day 2: Day two",
        "#### A first thought",
        "*What brought you here today?*",
        "> 3 (from 0, none, to 10, a great deal)",
        "> - Numbness\n> - Guilt\n> - Other: Dread on Sundays",
        "> 1. Craft\n> 2. Family\n> 3. Curiosity",
        "> When: Thursday  \n> I will: Walk home once",  # two spaces: a line break in a Markdown viewer
        "> Second time round, edited",
        "_Written 3 March 2025 at 21:02._",
        "last changed 3 March 2025 at",
        "Started 3 March 2025, finished 3 March 2025",
        "Nothing written for this day.",
    ]:
        assert expected in text, expected
    assert "(No answer.)" in text  # the second run's unanswered steps are listed, not hidden


def test_markdown_puts_earlier_version_answers_in_their_own_section_per_day(
    program: Program, runs: list[Run]
) -> None:
    run_one = render_markdown(program, runs[:1])
    day_one = run_one.split("### Day 1: Day one")[1].split("### Day 2")[0]
    day_two = run_one.split("### Day 2: Day two")[1].split("### retired-day")[0]
    earlier_one = day_one.split(f"#### {EARLIER_HEADING}")[1]
    assert "##### removed-step" in earlier_one and "An answer to a question since removed" in earlier_one
    assert "#### A first thought" not in earlier_one
    assert f"#### {EARLIER_HEADING}" in day_two and "##### single" in day_two  # kind changed: kept apart
    assert "From a day that no longer exists" in run_one.split("### retired-day")[1]


def test_markdown_without_questions_and_without_control_characters(program: Program, runs: list[Run]) -> None:
    text = render_markdown(program, runs, questions=False)
    assert "What brought you here today?" not in text
    assert "\x1b" not in text and "\x9b" not in text and "\x07" not in text and "\r" not in text
    assert r"\<script\>" in text and "<script" not in text.replace(r"\<script\>", "")
    assert "> Line one  \n> line " in text  # CRLF becomes a new quoted line, with a line break


def test_html_is_self_contained_escaped_and_printable(program: Program, runs: list[Run]) -> None:
    page = render_html(program, runs)
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<script" not in page.lower() and "<b>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in page
    assert "\x1b" not in page and "\x9b" not in page
    assert "src=" not in page and "href=" not in page and "@import" not in page  # nothing loaded from outside
    assert "@media print" in page and "break-inside: avoid" in page
    assert "Content-Security-Policy" in page
    assert page.count('<section class="run">') == 2
    assert EARLIER_HEADING in page and "<ol><li>Craft</li><li>Family</li><li>Curiosity</li></ol>" in page


def test_html_escapes_content_strings_too(program: Program, runs: list[Run]) -> None:
    hostile = replace(program, title="<img src=x onerror=alert(1)>")
    page = render_html(hostile, runs)
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page


def test_json_is_exact_documented_and_stable(program: Program, runs: list[Run]) -> None:
    text = render_json(program, runs)
    assert text == render_json(program, runs)
    assert "\x9b" not in text and "\x1b" not in text  # still valid JSON, but safe to print on a terminal
    data = json.loads(text)
    assert list(data) == ["format", "program", "runs", "references"] and data["format"] == EXPORT_FORMAT
    assert data["references"] == []  # what the written days cite: the mini program cites nothing
    assert data["program"] == {"id": "mini", "title": "Mini program", "version": "1.0"}
    first = data["runs"][0]
    assert list(first) == ["number", "program_version", "started", "finished", "last_activity", "days"]
    steps = {step["id"]: step for step in first["days"][0]["steps"]}
    assert steps["first-thought"]["answer"]["text"] == NASTY  # exactly, control characters and all
    assert steps["first-thought"]["answer"]["kind"] == "text"
    assert steps["welcome"] == {
        "id": "welcome",
        "kind": "reading",
        "title": "Welcome",
        "question": None,
        "done": True,
        "answer": None,
    }
    assert steps["signs"]["answer"]["picked"] == ["Numbness", "Guilt"]
    assert steps["five-things"]["answer"]["items"] == ["Coffee with Sam", "", "The garden"]
    earlier = {e["step"] for day in first["days"] for e in day["earlier_version"]}
    assert earlier == {"removed-step", "meaning-now-was-text", "single", "old-question"}
    assert first["days"][-1]["module"] == "retired-day" and first["days"][-1]["day"] is None
    assert datetime.fromisoformat(first["started"]) == runs[0].started


def test_renderers_are_pure_and_need_no_files(program: Program) -> None:
    class Fake:
        number = 7
        program_version = "0.9"
        started = datetime(2024, 1, 2, 9, 30, tzinfo=UTC)
        finished = None
        last_activity = started

        def answer(self, step_id: str) -> Answer | None:
            return None

        def answers(self, module_id: str) -> dict[str, Answer]:
            return {}

        def done_steps(self, module_id: str) -> frozenset[str]:
            return frozenset()

        def module_ids(self) -> tuple[str, ...]:
            return ()

    runs = [Fake()]
    assert "## Run 7" in render_markdown(program, runs)
    assert "<h2>Run 7</h2>" in render_html(program, runs)
    assert json.loads(render_json(program, runs))["runs"][0]["program_version"] == "0.9"


def test_an_empty_journal_exports_cleanly(program: Program) -> None:
    assert "No runs yet" in render_markdown(program, [])
    assert "No runs yet" in render_html(program, [])
    assert json.loads(render_json(program, []))["runs"] == []


def test_export_to_file_is_private_and_works_while_the_journal_is_open(
    tmp_path: Path, program: Program, runs: list[Run]
) -> None:
    old = os.umask(0)
    try:
        path = export_to_file(tmp_path, program, "html", now=datetime(2025, 3, 4, 8, 0, tzinfo=UTC))
    finally:
        os.umask(old)
    assert path == tmp_path / "exports" / "mini-2025-03-04-080000.html"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert "Second time round, edited" in path.read_text("utf-8")


def test_export_never_imports_textual() -> None:
    code = (
        "import sys, workshop.reports.export, workshop.journal.store, workshop.commands.export, "
        "workshop.commands.progress; print(any(m.split('.')[0] == 'textual' for m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_the_app_and_the_exports_word_answers_from_one_renderer(program: Program) -> None:
    """The app's bullets and the exports' list markers are the two styles of one function; the rest of
    an answer reads the same in both."""
    from workshop.flow.describe import describe_value

    scale = next(s for m in program.modules for s in m.steps if isinstance(s, ScaleStep))
    choices = ChoicesValue(("Numbness", "Guilt"), " dread ")
    assert describe_value(choices) == "• Numbness\n• Guilt\n• dread (your own words)"
    assert describe_value(choices, style="document") == "- Numbness\n- Guilt\n- Other:  dread "
    low, high = f"{scale.low} ({scale.low_label})", f"{scale.high} ({scale.high_label})"
    assert describe_value(IntegerValue(3), scale) == f"3 on a scale from {low} to {high}"
    assert describe_value(IntegerValue(3), scale, style="document").startswith(f"3 (from {scale.low}, ")
    plan = CommitmentValue("Walk home\nonce", "Thursday", "2026-03-05")
    assert describe_value(plan) == describe_value(plan, style="document") == (
        "When: Thursday\nI will: Walk home\nonce\nDate: 2026-03-05"
    )
    assert describe_value(CommitmentValue("Walk home")) == "Walk home"  # no "when": no labels
    assert describe_value(TextValue("a\r\nb"), style="document") == "a\nb"  # each line quoted on its own
