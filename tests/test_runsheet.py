"""``workshop runsheet``: one page per day with the time of day each slide starts (issue 14)."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest

from tests.paper_helpers import mini_copy, mini_with, parse, rows
from workshop.cli import main
from workshop.content.loader import load_program
from workshop.content.models import Program
from workshop.present.schedule import clock_time, parse_clock
from workshop.reports.handouts import run_sheet

# The mini program's day 1 from 18:30, worked out by hand. The check-in round gets the model's default
# 10 minutes (the mini program's [group] table sets no minutes), the ground rules the deck's 2, the closing
# round 5. Steps: Welcome 2, A first thought 4 (phases: 1.5 writing, then 2.5 in pairs), and six steps at
# the default 1 minute.
#   18:30 title (no time of its own) and check-in (10)  -> 18:40 ground rules (2) -> 18:42 Welcome (2)
#   18:44 A first thought: Write 18:44 (1.5) -> Share 18:45:30, shown as 18:45 (2.5) -> 18:48
#   18:48 Meaning, 18:49 Signs, 18:50 Five things, 18:51 Values, 18:52 A pause, 18:53 One step
#   18:54 Closing round (5) -> 18:59 end: 29 minutes.
BY_HAND = [
    ["18:30", "1", "Day one", "", "", ""],
    ["18:30", "2", "Check-in", "As a group", "10", ""],
    ["18:40", "3", "Ground rules", "", "2", ""],
    ["18:42", "4", "Welcome", "On your own", "2", "2:00"],
    ["18:44", "5", "A first thought", "On your own", "4", "4:00"],
    ["18:44", "", "Write on your own", "On your own", "1.5", ""],
    ["18:45", "", "Share in pairs", "In pairs", "2.5", ""],
    ["18:48", "6", "Meaning", "On your own", "1", ""],
    ["18:49", "7", "Signs", "On your own", "1", ""],
    ["18:50", "8", "Five things", "On your own", "1", ""],
    ["18:51", "9", "Values", "On your own", "1", ""],
    ["18:52", "10", "A pause", "On your own", "1", "0:30"],
    ["18:53", "11", "One step", "On your own", "1", ""],
    ["18:54", "12", "Closing round", "As a group", "5", ""],
    ["18:59", "", "End", "", "", ""],
]


def test_run_sheet_from_18_30_has_the_times_worked_out_by_hand(tmp_path: Path) -> None:
    program = mini_with(tmp_path, phases=True)
    page = parse(run_sheet(program, program.modules[0], start=time(18, 30), fmt="html"))
    (sheet,) = page.find_all("section", "run-sheet")
    assert rows(sheet.find("table", "runsheet")) == BY_HAND
    assert sheet.find("p", "question").text.startswith("18:30 to 18:59 · 29 min planned")
    assert "Check-in: How are you arriving today?" in sheet.text
    assert "Closing round: One word for how you leave." in sheet.text
    assert sheet.find("div", "line").text == "Local support contact:"


def test_the_command_writes_it_and_every_day_gets_its_own_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = mini_copy(tmp_path, phases=True)
    target = tmp_path / "run.html"
    argv = ["--program", str(folder), "runsheet", "--day", "1", "--start", "18:30", "--format", "html"]
    assert main([*argv, "-o", str(target)]) == 0
    assert rows(parse(target.read_text()).find("table", "runsheet")) == BY_HAND
    assert main(["--program", str(folder), "runsheet", "--start", "9:05"]) == 0
    out = capsys.readouterr().out
    assert out.count("# Day ") == 2
    assert "| 09:05 | 2 | Check-in | As a group | 10 |   |" in out
    both_days = run_sheet(load_program(folder), fmt="html")
    assert len(parse(both_days).find_all("section", "run-sheet")) == 2
    assert "section.run-sheet { break-before: page; }" in both_days


def test_without_a_start_time_it_counts_from_zero(program: Program) -> None:
    text = run_sheet(program, program.modules[0])
    assert "| 0:00 | 2 | Check-in | As a group | 10 |   |" in text
    assert "| 0:29 |   | End |" in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [("18:30", time(18, 30)), ("6:05", time(6, 5)), ("18.30", time(18, 30)), (" 07:00 ", time(7, 0))],
)
def test_start_times_are_read_as_facilitators_write_them(text: str, expected: time) -> None:
    assert parse_clock(text) == expected


@pytest.mark.parametrize("text", ["25:00", "18:75", "6pm", "1830", ""])
def test_a_start_that_is_not_a_time_is_a_usage_error(
    text: str, mini_program_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--program", str(mini_program_dir), "runsheet", "--start", text])
    assert stopped.value.code == 2
    assert "is not a time of day" in capsys.readouterr().err


def test_a_session_that_runs_past_midnight_wraps() -> None:
    assert clock_time(time(23, 50), 27) == "00:17"
    assert clock_time(time(18, 30), 2.5) == "18:32"
