"""``workshop export --scores``: the participant's side of the cohort report, as a person meets it.

A journal full of distinctive words is exported, and the file is searched byte for byte for every one of
them; the run's random id is kept in the journal; what is shown before writing is what is written;
declining writes nothing; five files from five runs make a cohort report.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.clocks import SteppingClock
from tests.scores_helpers import MARCH, Words, journal_with_runs
from workshop.answers import (
    ItemScoresValue,
    RatingsValue,
    TextValue,
)
from workshop.cli import main
from workshop.content.models import (
    FeedbackStep,
    Program,
)
from workshop.flow.scores import measurement_point
from workshop.journal.store import Journal
from workshop.reports.scores import read_scores
from workshop.reports.share import prepare


def export(data_dir: Path, output: Path, *extra: str) -> int:
    return main(["--data-dir", str(data_dir), "export", "--scores", "--yes", "-o", str(output), *extra])


def strings_in(data: object) -> Iterator[str]:
    """Every string in a JSON structure, keys included."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from strings_in(value)
    elif isinstance(data, list):
        for item in data:
            yield from strings_in(item)


# ---- what the file holds -----------------------------------------------------------------------------------


def test_a_scores_file_holds_no_word_of_the_journal_and_no_date_finer_than_a_week(
    tmp_path: Path, shipped: Program
) -> None:
    data_dir = tmp_path / "data"
    words = journal_with_runs(data_dir, shipped)
    assert len(words.used) > 60
    out = tmp_path / "share" / "scores.json"
    out.parent.mkdir()
    assert export(data_dir, out) == 0
    raw = out.read_bytes()
    journal_bytes = b"".join(path.read_bytes() for path in (data_dir / "journal").rglob("*.toml"))
    for word in words.used:
        assert word.encode() in journal_bytes  # it is in the journal ...
        assert word.encode() not in raw, word  # ... and never in the file
    for module in shipped.modules:  # no title, question or option of the program either
        for step in module.steps:
            assert step.title.encode() not in raw
            for option in getattr(step, "options", []):
                assert option.encode() not in raw
    assert str(tmp_path).encode() not in raw and b"run-001" not in raw
    # Dates: nothing like 2026-03-02 or 18:30, and every week is an ISO week.
    assert not re.search(rb"\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}", raw)
    data = json.loads(raw)
    assert [point["week"] for point in data["points"]] == ["2026-W10", "2026-W11", "2026-W12", "2026-W13"]
    allowed = re.compile(r"program_version|[a-z0-9]+(-[a-z0-9]+)*|[0-9a-f]{32}|\d+(\.\d+)*|\d{4}-W\d{2}")
    assert [text for text in strings_in(data) if not allowed.fullmatch(text)] == []
    assert out.stat().st_mode & 0o777 == 0o600


def test_each_day_is_its_point_and_the_file_has_every_number(tmp_path: Path, shipped: Program) -> None:
    assert [measurement_point(shipped, module) for module in shipped.modules] == ["start", "day-2", "day-3", "end"]
    journal_with_runs(tmp_path / "data", shipped)
    assert export(tmp_path / "data", tmp_path / "s.json") == 0
    scores = read_scores(tmp_path / "s.json", shipped.id).scores
    start, end = scores.at("start"), scores.at("end")
    assert start is not None and end is not None
    assert start.who5 is not None and start.who5.items == (2, 2, 3, 1, 4) and start.burnout == 3
    assert end.who5 is not None and end.burnout == 3
    assert set(start.scales) == {"meaning-scale-day-1"} and start.scales["meaning-scale-day-1"].value == 4
    for point in scores.points:
        assert point.feedback == {"useful": 3, "safe-to-speak": 4, "recommend": 5}
    assert scores.program == shipped.id and scores.program_version == shipped.version


def test_a_follow_up_check_in_is_its_own_point(tmp_path: Path, shipped: Program) -> None:
    week_on = next(f.module for f in shipped.follow_ups if f.after == "1w")
    assert measurement_point(shipped, week_on) == "follow-up-1w"
    data_dir = tmp_path / "data"
    journal_with_runs(data_dir, shipped)
    with Journal.open(data_dir, shipped) as journal:
        run = journal.runs[0]
        run.set_answer(week_on.id, "fu1w-wellbeing", ItemScoresValue("who5", (5, 5, 4, 4, 3)))
        run.set_answer(week_on.id, "fu1w-burnout", ItemScoresValue("burnout", (2,)))
        journal.save(run)
    assert export(data_dir, tmp_path / "s.json") == 0
    scores = read_scores(tmp_path / "s.json", shipped.id).scores
    point = scores.at("follow-up-1w")
    assert point is not None and point.who5 is not None
    assert point.who5.items == (5, 5, 4, 4, 3) and point.burnout == 2
    assert [p.point for p in scores.points][-1] == "follow-up-1w"  # after the days, in the program's order


def test_an_incomplete_check_and_unanswered_feedback_are_left_out(tmp_path: Path, shipped: Program) -> None:
    with Journal.open(tmp_path / "data", shipped) as journal:
        run = journal.new_run()
        run.set_answer("day-1-achievement", "wellbeing-before", ItemScoresValue("who5", (3, None, 2, 2, 2)))
        run.set_answer("day-1-achievement", "burnout-before", ItemScoresValue("burnout", (2,)))
        run.set_answer("day-1-achievement", "day-1-feedback", RatingsValue(("useful", "recommend"), (None, 4)))
        journal.save(run)
    assert export(tmp_path / "data", tmp_path / "s.json") == 0
    (point,) = read_scores(tmp_path / "s.json").scores.points
    assert point.who5 is None and point.burnout == 2 and point.feedback == {"recommend": 4}


def test_a_run_with_no_number_answered_has_nothing_to_share(
    tmp_path: Path, shipped: Program, capsys: pytest.CaptureFixture[str]
) -> None:
    with Journal.open(tmp_path / "data", shipped) as journal:
        run = journal.new_run()
        run.set_answer("day-1-achievement", "why-medicine", TextValue("only words"))
        journal.save(run)
    assert export(tmp_path / "data", tmp_path / "s.json") == 1
    assert "Nothing to share yet" in capsys.readouterr().err
    assert not (tmp_path / "s.json").exists()


# ---- the run's id --------------------------------------------------------------------------------------------


def test_the_same_run_exported_twice_has_the_same_id_and_two_runs_have_two(
    tmp_path: Path, shipped: Program
) -> None:
    data_dir = tmp_path / "data"
    journal_with_runs(data_dir, shipped, count=2)
    assert export(data_dir, tmp_path / "a.json", "--run", "1") == 0
    assert export(data_dir, tmp_path / "b.json", "--run", "1") == 0
    assert export(data_dir, tmp_path / "c.json", "--run", "2") == 0
    first, again, other = (json.loads((tmp_path / name).read_text())["run"] for name in ("a.json", "b.json", "c.json"))
    assert first == again != other
    # Kept in the run's own file, and nowhere else in the journal.
    run_file = (data_dir / "journal" / shipped.id / "run-001" / "_run.toml").read_text()
    assert f"scores_id = '{first}'" in run_file
    with Journal.open(data_dir, shipped, lock=False) as journal:
        assert [run.scores_id for run in journal.runs] == [first, other]


def test_the_first_export_needs_the_workshop_closed_and_later_ones_do_not(
    tmp_path: Path, shipped: Program, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "data"
    journal_with_runs(data_dir, shipped)
    with Journal.open(data_dir, shipped):  # the app is open in another window
        assert export(data_dir, tmp_path / "a.json") == 1
        assert "open in another window" in capsys.readouterr().err
        assert not (tmp_path / "a.json").exists()
    assert export(data_dir, tmp_path / "a.json") == 0
    with Journal.open(data_dir, shipped):
        assert export(data_dir, tmp_path / "b.json") == 0  # the id is kept: nothing to write to the journal
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()


def test_the_id_is_random_not_derived(tmp_path: Path, shipped: Program) -> None:
    # Two journals with the same answers at the same times get different ids.
    for name in ("one", "two"):
        journal_with_runs(tmp_path / name, shipped, words=Words("same"))
        assert export(tmp_path / name, tmp_path / f"{name}.json") == 0
    one, two = (json.loads((tmp_path / f"{name}.json").read_text()) for name in ("one", "two"))
    assert one["run"] != two["run"]
    assert {**one, "run": ""} == {**two, "run": ""}


# ---- shown, then asked ------------------------------------------------------------------------------------


def test_the_summary_shown_before_writing_is_what_the_file_holds(
    tmp_path: Path, shipped: Program, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "100")  # every line whole (on a narrow terminal they wrap at words)
    journal_with_runs(tmp_path / "data", shipped)
    assert export(tmp_path / "data", tmp_path / "s.json") == 0
    shown = capsys.readouterr().out.splitlines()
    data = json.loads((tmp_path / "s.json").read_text())
    expected = [f"Program: {data['program']}, version {data['program_version']}"]
    expected.append(next(line for line in shown if line.startswith("Run id: ")))
    assert data["run"] in expected[-1]
    numbers = 0
    for point in data["points"]:
        expected.append(next(line for line in shown if line.endswith(f", week {point['week']}:")))
        if "who5" in point:
            who5 = point["who5"]
            items = ", ".join(map(str, who5["items"]))
            expected.append(f"  WHO-5 well-being: items {items}; total {who5['total']} of 25, {who5['percent']}%")
        if "burnout" in point:
            expected.append(f"  Burnout: option {point['burnout']} of 5")
        for step, scale in point.get("scales", {}).items():
            title = shipped.find_step(step)[1].title  # type: ignore[index]
            expected.append(f"  Scale {step} ({title}): {scale['value']} (from {scale['low']} to {scale['high']})")
        for question, rating in point.get("feedback", {}).items():
            text = next(q.text for m in shipped.modules for s in m.steps if isinstance(s, FeedbackStep)
                        for q in s.questions if q.id == question)
            expected.append(f"  Feedback {question} ({text}): {rating} of 5")
        numbers += ("who5" in point) + ("burnout" in point) + len(point.get("scales", {})) + len(point.get("feedback", {}))
    # Every number of the file is on a line of the summary, in order, and the summary shows no other.
    said = [line for line in shown if line.startswith(("Program: ", "Run id: ", "  ")) or ", week " in line]
    assert said == expected
    assert sum(1 for line in shown if line.startswith("  ")) == numbers
    assert "Not in it: anything you wrote" in "\n".join(shown)


def test_declining_writes_nothing(tmp_path: Path, shipped: Program, monkeypatch: pytest.MonkeyPatch) -> None:
    data_dir = tmp_path / "data"
    journal_with_runs(data_dir, shipped)
    before = {path: path.read_bytes() for path in data_dir.rglob("*") if path.is_file()}
    out = tmp_path / "s.json"
    asked: list[str] = []
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    replies = iter(("n", "", "no thanks"))

    def answer(prompt: str) -> str:
        asked.append(prompt)
        return next(replies)

    monkeypatch.setattr("builtins.input", answer)
    for _ in range(3):
        assert main(["--data-dir", str(data_dir), "export", "--scores", "-o", str(out)]) == 2
    assert asked == [f"Write this to {out}? [y/N] "] * 3
    assert not out.exists()
    after = {path: path.read_bytes() for path in data_dir.rglob("*") if path.is_file()}
    assert after == before  # not even the run's id was kept
    # No terminal to ask at and no --yes: not written either.
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["--data-dir", str(data_dir), "export", "--scores", "-o", str(out)]) == 2
    assert not out.exists()
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: "y")
    assert main(["--data-dir", str(data_dir), "export", "--scores", "-o", str(out)]) == 0
    assert out.exists()


def test_without_a_file_name_it_is_named_by_the_random_id(
    tmp_path: Path, shipped: Program, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal_with_runs(tmp_path / "data", shipped)
    monkeypatch.chdir(tmp_path)
    assert main(["--data-dir", str(tmp_path / "data"), "export", "--scores", "--yes"]) == 0
    (found,) = tmp_path.glob("workshop-scores-*.json")
    assert found.name == f"workshop-scores-{json.loads(found.read_text())['run'][:8]}.json"
    # A folder, given with a slash, is made (private) and the file named the same way inside it.
    assert main(["--data-dir", str(tmp_path / "data"), "export", "--scores", "--yes", "-o", "new/"]) == 0
    assert (tmp_path / "new" / found.name).read_bytes() == found.read_bytes()
    assert (tmp_path / "new").stat().st_mode & 0o777 == 0o700


# ---- into the journal and out again, and into a cohort ------------------------------------------------------


def test_feedback_answers_round_trip_through_the_journal_into_the_file(
    tmp_path: Path, shipped: Program
) -> None:
    data_dir = tmp_path / "data"
    ratings = RatingsValue(("useful", "safe-to-speak", "recommend"), (5, None, 2))
    with Journal.open(data_dir, shipped, clock=SteppingClock(MARCH)) as journal:
        run = journal.new_run()
        run.set_answer("day-2-identity", "day-2-feedback", ratings)
        journal.save(run)
    with Journal.open(data_dir, shipped, lock=False) as journal:
        answer = journal.runs[0].answer("day-2-feedback")
        assert answer is not None and answer.value == ratings
        prepared = prepare(shipped, journal.runs[0])
    assert [(point.point, dict(point.feedback)) for point in prepared.scores.points] == [
        ("day-2", {"useful": 5, "recommend": 2})
    ]
    assert export(data_dir, tmp_path / "s.json") == 0
    (point,) = json.loads((tmp_path / "s.json").read_text())["points"]
    assert point == {"point": "day-2", "week": "2026-W10", "feedback": {"useful": 5, "recommend": 2}}


def test_five_exported_runs_make_a_cohort_report(tmp_path: Path, shipped: Program) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    for person in range(5):
        data_dir = tmp_path / f"person-{person}"
        journal_with_runs(data_dir, shipped, words=Words(f"p{person}"), level=person)
        assert main(["--data-dir", str(data_dir), "export", "--scores", "--yes", "-o", str(shared)]) == 0
    files = sorted(shared.glob("workshop-scores-*.json"))
    assert len(files) == 5
    for file in files:
        read_scores(file, shipped.id)  # the strict reader accepts each
    out = tmp_path / "report"
    assert main(["cohort", str(shared), "--output", str(out)]) == 0
    markdown = (out / "cohort-report.md").read_text()
    assert "5 people · figures from groups of 5" in markdown
    # WHO-5 percentages 40, 44, 48, 52, 56: median 48, quartiles 44 and 52, three at or under 50.
    assert "| Start (day 1) | 5 | 48 | 44 to 52 | 60% (3 of 5) |" in markdown
    # Every person rated each question once on day 2, one each of 1 to 5.
    assert "| useful | 5 | 3 | 1 | 1 | 1 | 1 | 1 |" in markdown.split("### Day 2")[1]


def test_a_damaged_scores_id_in_the_run_file_is_named_and_never_used(
    tmp_path: Path, shipped: Program
) -> None:
    data_dir = tmp_path / "data"
    journal_with_runs(data_dir, shipped)
    assert export(data_dir, tmp_path / "s.json") == 0
    run_file = data_dir / "journal" / shipped.id / "run-001" / "_run.toml"
    text = run_file.read_text()
    run_file.write_text(re.sub(r"scores_id = '[0-9a-f]+'", "scores_id = 'Dr Jane Roe'", text))
    with Journal.open(data_dir, shipped, lock=False) as journal:
        assert any("scores_id: must be 32 lower-case hex digits" in p.message for p in journal.problems)
        assert all(run.scores_id is None or "Roe" not in run.scores_id for run in journal.runs)
