"""``workshop guide`` and ``workshop handout``: what they contain, what they never contain."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from workshop.cli import main
from workshop.content.loader import load_program
from workshop.content.models import Program
from workshop.present.handouts import guide, handout, md_escape
from workshop.progress.answers import TextValue
from workshop.progress.store import Journal


def test_guide_has_agenda_timings_notes_and_prompts(program: Program) -> None:
    text = guide(program, program.modules[0])
    assert "| Start | # | Slide | Format | Minutes |" in text
    # Start times count the check-in (10 min by default) and the ground rules (2) before the steps.
    assert "| 14:00 | 5 | A first thought | On your own | 4 min (timer 4:00) |" in text
    assert "Keep the pace gentle." in text  # the module's facilitator notes
    assert "**Notes:** Read it aloud." in text  # a step's notes
    assert "**Discussion:** What surprised you?" in text
    assert "There is no wrong answer." in text
    assert "How are you arriving today?" in text  # check-in
    assert "What is said here stays here." in text  # ground rules
    assert "One word for how you leave." in text  # closing round
    assert "Day two" not in text  # only the day asked for


def test_guide_without_a_day_covers_every_day(program: Program) -> None:
    text = guide(program)
    assert "Day 1, Day one" in text
    assert "Day 2, Day two" in text


def test_handout_has_the_questions_to_take_home_and_no_notes(program: Program) -> None:
    text = handout(program, program.modules[0])
    for question in ("What brought you here today?", "Which of these have you noticed?", "One small thing"):
        assert question in text
    assert "Hello. This is **day one**." in text  # readings come through as Markdown
    for private in ("Read it aloud.", "Keep the pace gentle.", "Notes", "Discussion", "Go round the room"):
        assert private not in text


def test_html_is_self_contained_printable_and_well_formed(program: Program) -> None:
    page = guide(program, program.modules[0], fmt="html")
    assert page.startswith("<!DOCTYPE html>")
    assert "<style>" in page
    assert "@media print" in page
    assert "default-src 'none'" in page
    for remote in ("<script", "src=", "<link", "@import", "url("):
        assert remote not in page
    assert "<strong>day one</strong>" in page

    class Checker(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.open: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag not in {"meta", "br", "hr", "img"}:
                self.open.append(tag)

        def handle_endtag(self, tag: str) -> None:
            assert self.open.pop() == tag

    checker = Checker()
    checker.feed(page)
    assert checker.open == []


def test_content_is_escaped(mini_program_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "mini"
    shutil.copytree(mini_program_dir, folder)
    one = folder / "one.toml"
    one.write_text(
        one.read_text()
        .replace('title = "A first thought"', 'title = "<script>alert(1)</script> *loud* [x](javascript:y)"')
        .replace('"What brought you here today?"', '"1. What | brought <b>you</b>?"')
    )
    program = load_program(folder)
    page = handout(program, program.modules[0], fmt="html")
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;you&lt;/b&gt;" in page
    text = handout(program, program.modules[0])
    assert r"\<script\>" in text
    assert r"\*loud\* \[x\](javascript:y)" in text
    assert r"**1. What \| brought \<b\>you\</b\>?**" in text


def test_md_escape_neutralises_block_markers() -> None:
    assert md_escape("# heading") == r"\# heading"
    assert md_escape("- item\n2. two") == "\\- item\n2\\. two"
    assert md_escape("# kept", block_start=False) == "# kept"


def _folder_state(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {str(p.relative_to(folder)): (p.stat().st_mtime_ns, p.read_bytes()) for p in folder.rglob("*") if p.is_file()}


def test_commands_print_and_write_and_never_touch_the_journal(
    mini_program_dir: Path, program: Program, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    journal = tmp_path / "journal"
    secret = "MY-PRIVATE-ANSWER-7f3a"
    with Journal.open(journal, program) as opened:  # a real answer, where a real journal keeps it
        run = opened.new_run()
        run.set_answer("one", "first-thought", TextValue(secret))
        opened.save(run)
    before = _folder_state(journal)
    assert any(secret.encode() in data for _, data in before.values())
    base = ["--program", str(mini_program_dir), "--data-dir", str(journal)]

    assert main([*base, "guide", "--day", "1"]) == 0
    out = capsys.readouterr().out
    assert "Read it aloud." in out
    assert secret not in out

    assert main([*base, "handout", "--day", "2", "--format", "html"]) == 0
    out = capsys.readouterr().out
    assert "<!DOCTYPE html>" in out
    assert "Pick one." in out
    assert secret not in out

    target = tmp_path / "guide.html"
    assert main([*base, "guide", "--format", "html", "-o", str(target)]) == 0
    written = target.read_text()
    assert "Day 2, Day two" in written
    assert secret not in written
    assert sorted(p.name for p in tmp_path.iterdir()) == ["guide.html", "journal"]  # no temp file left
    assert _folder_state(journal) == before  # nothing in the journal was written, moved or locked anew


def test_commands_refuse_a_missing_day(mini_program_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--program", str(mini_program_dir), "handout", "--day", "7"]) == 2
    assert "no day 7; its days are 1, 2" in capsys.readouterr().err
    assert main(["--program", str(mini_program_dir), "present", "--day", "7"]) == 2
