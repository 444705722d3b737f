"""``workshop guide`` and ``workshop handout``: what they contain, what they never contain."""

from __future__ import annotations

import html
import itertools
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.paper_helpers import mini_with, parse, rows
from workshop.answers import TextValue
from workshop.cli import main
from workshop.content.loader import load_program
from workshop.content.models import Program
from workshop.journal.store import Journal
from workshop.reports.handouts import guide, handout, md_escape


def test_guide_has_agenda_timings_notes_and_prompts(program: Program) -> None:
    text = guide(program, program.modules[0])
    assert "| Start | # | Slide | Format | Minutes |" in text
    assert "| 0:14 | 5 | A first thought | On your own | 4 min (timer 4:00) |" in text  # check-in 10, rules 2, welcome 2
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

    # The run sheet and the printed slides read no journal either.
    assert main([*base, "runsheet", "--day", "1", "--start", "18:30"]) == 0
    assert main([*base, "present", "--day", "1", "--export", "html", "--notes"]) == 0
    out = capsys.readouterr().out
    assert "| 18:42 | 4 | Welcome |" in out and "Read it aloud." in out
    assert secret not in out
    assert _folder_state(journal) == before  # nothing in the journal was written, moved or locked anew


def test_commands_refuse_a_missing_day(mini_program_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--program", str(mini_program_dir), "handout", "--day", "7"]) == 2
    assert "no day 7; its days are 1, 2" in capsys.readouterr().err
    assert main(["--program", str(mini_program_dir), "present", "--day", "7"]) == 2


# --------------------------------------------------------------------------------------------------------
# Issue 14: the agenda counts the check-in and closing rounds, shows phases, says the aims once
# --------------------------------------------------------------------------------------------------------


def _agenda(page: str) -> list[list[str]]:
    return rows(parse(page).find("table", "agenda"))


def _minutes(cell: str) -> float:
    return float(cell.split(" min")[0]) if cell else 0.0


def _clock_minutes(cell: str) -> int:
    hours, minutes = cell.split(":")
    return int(hours) * 60 + int(minutes)


GROUP_12_6 = (
    "[group]\n"
    'check_in = "How are you arriving today?"\n'
    'closing_round = "One word for how you leave."\n'
    "check_in_minutes = 12\n"
    "closing_minutes = 6\n"
)


def test_guide_start_times_count_the_check_in_and_closing_and_add_up(tmp_path: Path) -> None:
    program = mini_with(tmp_path, group=GROUP_12_6)
    module = program.modules[0]
    agenda = _agenda(guide(program, module, fmt="html"))
    by_title = {row[2]: row for row in agenda}
    assert by_title["Check-in"][0] == "0:00"
    assert by_title["Check-in"][4] == "12 min"
    assert by_title["Ground rules"][0] == "0:12"  # after the check-in round
    assert by_title["Welcome"][0] == "0:14"  # the first step starts after the ground rules (2 min)
    steps = sum(step.planned_minutes for step in module.steps)
    assert steps == 12  # 2 + 4 + six steps of the default 1 minute
    assert by_title["Closing round"][0] == "0:26"  # 12 + 2 + 12 of steps
    assert by_title["Closing round"][4] == "6 min"
    assert agenda[-1][:3] == ["0:32", "", "End"]  # 12 + 2 + 12 + 6
    # Every timed row starts where the one before it ended.
    timed = [row for row in agenda if row[1] and row[4]]
    for before, after in itertools.pairwise(timed):
        assert _clock_minutes(after[0]) == _clock_minutes(before[0]) + _minutes(before[4])
    assert _clock_minutes(agenda[-1][0]) == _clock_minutes(timed[-1][0]) + _minutes(timed[-1][4])
    text = guide(program, module)
    assert "Planned: 32 min in all: 14 min for the check-in and ground rules, 12 min of steps, " in text
    assert "6 min for the closing round." in text
    assert "| 0:26 | 12 | Closing round | As a group | 6 min |" in text


def test_without_a_group_table_the_rounds_get_the_model_defaults(tmp_path: Path) -> None:
    program = mini_with(tmp_path, group="")
    assert program.group is None
    agenda = _agenda(guide(program, program.modules[0], fmt="html"))
    by_title = {row[2]: row for row in agenda}
    assert by_title["Check-in"][4] == "10 min"
    assert by_title["Welcome"][0] == "0:12"  # 10 of check-in, 2 of ground rules
    assert by_title["Closing round"][4] == "5 min"
    assert agenda[-1][0] == "0:29"  # 10 + 2 + 12 + 5


def test_guide_shows_a_steps_phases_with_their_own_start_times(tmp_path: Path) -> None:
    program = mini_with(tmp_path, phases=True)
    page = parse(guide(program, program.modules[0], fmt="html"))
    table = page.find("table", "agenda")
    body = table.find("tbody").find_all("tr")
    index = next(i for i, row in enumerate(body) if "A first thought" in row.text)
    step, first, second = (row for row in body[index : index + 3])
    assert [c.text for c in step.find_all("td")][:3] == ["0:14", "5", "A first thought"]  # 10 + 2 + 2
    assert "phase" in first.classes and "phase" in second.classes
    assert [c.text for c in first.find_all("td")] == ["0:14", "", "Write on your own", "On your own", "1.5 min"]
    # 15.5 minutes in: a start within a minute shows the minute it falls in.
    assert [c.text for c in second.find_all("td")] == ["0:15", "", "Share in pairs", "In pairs", "2.5 min"]
    section = page.section_titled("5. A first thought")
    phases = section.find("div", "phases").text
    assert phases == "Phases: Write on your own, 1.5 min (on your own); then Share in pairs, 2.5 min (in pairs)"


def test_guide_says_the_aims_once(shipped: Program) -> None:
    program = shipped
    for module in program.modules:
        assert module.facilitator_notes
        opening = module.facilitator_notes.strip().splitlines()[0]
        assert guide(program, module).count(opening) == 1
        assert guide(program, module, fmt="html").count(html.escape(opening)) == 1


def test_guide_agenda_is_kept_on_one_page(program: Program) -> None:
    page = guide(program, program.modules[0], fmt="html")
    tree = parse(page)
    keep = next(s for s in tree.find_all("section", "keep") if s.find_all("table", "agenda"))
    assert keep.find("h2").text == "Agenda"
    assert re.search(r"section\.step, section\.keep[^{]*\{[^}]*break-inside: avoid", page)
    # It comes straight after the day's title, before the long aims, so it starts near the top of a page.
    day_head = tree.find("section", "day-head")
    assert keep in day_head.children
