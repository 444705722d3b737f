"""`workshop cohort`: the group's figures checked against a hand calculation, the privacy rule, duplicates
and refused files, the t quantile against printed tables, and the report as a browser and a Markdown
viewer would meet it (nothing loaded from elsewhere, everything from the files escaped)."""

from __future__ import annotations

import math
import os
import re
import stat
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.cohorts import PROGRAM, point, run_id, scores, write
from workshop.cli import main
from workshop.reports.cohort import (
    MIN_GROUP,
    Comparison,
    FeedbackSummary,
    Level,
    PairedChange,
    Share,
    Spread,
    Withheld,
    count_runs_once,
    read_cohort,
    scores_paths,
    summarise,
    t_cdf,
    t_quantile,
)
from workshop.reports.cohort_page import ProgramInfo, md_code, md_text, render_html, render_markdown
from workshop.reports.scores import ScoresFile, read_scores

SHIPPED = ProgramInfo(PROGRAM, "Finding the Thread", "1.0", 4)

# --------------------------------------------------------------------------------------------------------
# The t quantile
# --------------------------------------------------------------------------------------------------------

# Two-sided 95% (p = 0.975), 90% (0.95) and 99% (0.995) critical values of Student's t, as printed in
# standard tables (e.g. NIST/SEMATECH e-Handbook of Statistical Methods, table 1.4.2.7), to 3 decimals.
TABLE = {
    0.975: {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262,
            10: 2.228, 15: 2.131, 20: 2.086, 30: 2.042, 40: 2.021, 60: 2.000, 100: 1.984},
    0.95: {1: 6.314, 2: 2.920, 5: 2.015, 10: 1.812, 30: 1.697, 100: 1.660},
    0.995: {1: 63.657, 2: 9.925, 4: 4.604, 10: 3.169, 30: 2.750},
}  # fmt: skip


@pytest.mark.parametrize("p", sorted(TABLE))
def test_t_quantile_matches_the_printed_table(p: float) -> None:
    for df, printed in TABLE[p].items():
        assert round(t_quantile(p, df), 3) == printed, (p, df)
        assert t_quantile(1 - p, df) == -t_quantile(p, df)


def test_t_quantile_matches_the_closed_forms_and_the_normal_limit() -> None:
    for p in (0.6, 0.9, 0.975, 0.999):
        # One degree of freedom is the Cauchy distribution; two has a closed form too.
        assert math.isclose(t_quantile(p, 1), math.tan(math.pi * (p - 0.5)), rel_tol=1e-9)
        assert math.isclose(t_quantile(p, 2), (2 * p - 1) / math.sqrt(2 * p * (1 - p)), rel_tol=1e-9)
    from statistics import NormalDist

    assert math.isclose(t_quantile(0.975, 10**7), NormalDist().inv_cdf(0.975), rel_tol=1e-6)
    assert t_quantile(0.5, 7) == 0.0
    assert math.isclose(t_cdf(t_quantile(0.975, 7), 7), 0.975, rel_tol=1e-12)
    with pytest.raises(ValueError, match="0 < p < 1"):
        t_quantile(1.0, 5)
    with pytest.raises(ValueError, match="df > 0"):
        t_quantile(0.975, 0)


# --------------------------------------------------------------------------------------------------------
# A small cohort, computed by hand
# --------------------------------------------------------------------------------------------------------

# Six people, A to F. WHO-5 as percentage scores, burnout as options.
#
#        start            end              1 month   3 months
#        WHO-5 burnout    WHO-5 burnout    WHO-5     WHO-5
#   A     32     4         44     3         48        40
#   B     40     3         40     3         44        44
#   C     48     3         60     2         52        56
#   D     56     2         56     2         60        60
#   E     64     2         80     1          -        76
#   F     72     1         68     2          -         -
#
# Quartiles are the "inclusive" ones (R type 7): for n sorted values x0..x(n-1), the p quartile is at
# position h = (n - 1) p, interpolated between x(floor h) and x(floor h + 1).


def hand_cohort() -> list[ScoresFile]:
    rows = {
        "a": (32, 4, 44, 3, 48, 40, 2, 5),
        "b": (40, 3, 40, 3, 44, 44, 4, 4),
        "c": (48, 3, 60, 2, 52, 56, 5, 4),
        "d": (56, 2, 56, 2, 60, 60, 6, 3),
        "e": (64, 2, 80, 1, None, 76, 7, 5),
        "f": (72, 1, 68, 2, None, None, 9, 2),
    }
    files = []
    for number, (name, row) in enumerate(rows.items(), start=1):
        w_start, b_start, w_end, b_end, w_1m, w_3m, scale, useful = row
        points = [
            point("start", "2026-W10", who5=w_start, burnout=b_start, scales={"meaning-scale-day-1": scale},
                  feedback={"useful": useful}),
            point("end", "2026-W13", who5=w_end, burnout=b_end),
        ]  # fmt: skip
        if w_1m is not None:
            points.append(point("follow-up-1m", "2026-W18", who5=w_1m))
        if w_3m is not None:
            points.append(point("follow-up-3m", "2026-W26", who5=w_3m))
        files.append(ScoresFile(Path(f"{name}.json"), scores(number, *points)))
    return files


def test_the_figures_of_a_small_cohort_match_the_hand_calculation() -> None:
    cohort = summarise(hand_cohort())
    assert cohort.people == 6
    start, end, month, three = cohort.points
    assert [p.point for p in cohort.points] == ["start", "end", "follow-up-1m", "follow-up-3m"]
    assert [p.people for p in cohort.points] == [6, 6, 4, 5]

    # WHO-5 at the start: sorted 32 40 48 56 64 72. Median (48 + 56) / 2 = 52.
    # Q1 at h = 5 x 0.25 = 1.25: 40 + 0.25 x (48 - 40) = 42. Q3 at h = 3.75: 56 + 0.75 x (64 - 56) = 62.
    # At or under 50: 32, 40, 48: 3 of 6.
    assert start.who5 == Level(Spread(6, 52, 42, 62), Share(3, 6))
    # At the end: sorted 40 44 56 60 68 80. Median 58; Q1 44 + 0.25 x 12 = 47; Q3 60 + 0.75 x 8 = 66.
    # At or under 50: 40, 44: 2 of 6 (33%).
    assert end.who5 == Level(Spread(6, 58, 47, 66), Share(2, 6))
    assert isinstance(end.who5, Level) and end.who5.flagged.percent == 33
    # One month after: four people, so nothing but the count.
    assert month.who5 == Withheld(4)
    # Three months after: sorted 40 44 56 60 76. Median 56; Q1 at h = 1: 44; Q3 at h = 3: 60. 2 of 5.
    assert three.who5 == Level(Spread(5, 56, 44, 60), Share(2, 5))
    assert three.weeks == ("2026-W26", "2026-W26") and month.weeks is None

    # Burnout at the start: sorted 1 2 2 3 3 4. Median (2 + 3) / 2 = 2.5; Q1 2 + 0.25 x (2 - 2) = 2;
    # Q3 3 + 0.75 x (3 - 3) = 3. Option 3 or higher: 4, 3, 3: 3 of 6.
    # At the end: sorted 1 2 2 2 3 3: median 2; Q1 2 + 0.25 x 0 = 2; Q3 2 + 0.75 x (3 - 2) = 2.75; 2 of 6.
    assert start.burnout == Level(Spread(6, 2.5, 2, 3), Share(3, 6))
    assert end.burnout == Level(Spread(6, 2, 2, 2.75), Share(2, 6))
    assert month.burnout is None and three.burnout is None

    # Scale at the start: 2 4 5 6 7 9: median 5.5, Q1 4 + 0.25 = 4.25, Q3 6 + 0.75 = 6.75.
    ((scale, figure),) = start.scales
    assert (scale.step, scale.low, scale.high) == ("meaning-scale-day-1", 0, 10)
    assert figure == Spread(6, 5.5, 4.25, 6.75)
    # Feedback "useful": 5 4 4 3 5 2: sorted 2 3 4 4 5 5, median 4; one 2, one 3, two 4s, two 5s.
    ((question, answers),) = start.feedback
    assert question == "useful" and isinstance(answers, FeedbackSummary)
    assert (answers.people, answers.median, answers.counts) == (6, 4, (0, 1, 1, 2, 2))
    assert start.feedback_people == 6 and end.feedback_people == 0


def test_the_paired_changes_match_the_hand_calculation() -> None:
    cohort = summarise(hand_cohort())
    to_end, to_month, to_three = cohort.who5_changes
    # Start to end, all six: differences +12 0 +12 0 +16 -4. Mean 36 / 6 = 6.
    # Deviations 6 -6 6 -6 10 -10; squares add to 344; variance 344 / 5 = 68.8; sd = 8.2946;
    # standard error sd / sqrt(6) = 3.3862; t(0.975, 5) = 2.5706; half-width 8.7046.
    # Interval 6 - 8.7046 = -2.7046 to 6 + 8.7046 = 14.7046. Up 10 or more: +12 +12 +16: 3 of 6; down: none.
    assert to_end.before == "start" and to_end.after == "end"
    change = to_end.change
    assert isinstance(change, PairedChange)
    assert change.people == 6 and change.mean == 6
    assert math.isclose(change.low, -2.7046, abs_tol=5e-5) and math.isclose(
        change.high, 14.7046, abs_tol=5e-5
    )
    assert (change.better, change.worse) == (Share(3, 6), Share(0, 6))
    # Start to one month: four pairs, withheld.
    assert to_month == Comparison("start", "follow-up-1m", Withheld(4))
    # Start to three months, A to E: +8 +4 +8 +4 +12. Mean 36 / 5 = 7.2. Deviations .8 -3.2 .8 -3.2 4.8,
    # squares add to 44.8; variance 11.2; sd 3.3466; se 1.4967; t(0.975, 4) = 2.7764; half-width 4.1554.
    # Interval 3.0446 to 11.3554. Up 10 or more: E (+12): 1 of 5.
    change = to_three.change
    assert isinstance(change, PairedChange)
    assert (change.people, change.mean) == (5, 7.2)
    assert math.isclose(change.low, 3.0446, abs_tol=5e-5) and math.isclose(change.high, 11.3554, abs_tol=5e-5)
    assert change.better == Share(1, 5)

    # Burnout, start to end: -1 0 -1 0 -1 +1. Mean -2 / 6 = -0.3333. Deviations -2/3 1/3 -2/3 1/3 -2/3 4/3,
    # squares add to 30/9; variance 30/9 / 5 = 0.6667; sd 0.8165; se 0.3333; half-width 2.5706 x 0.3333 =
    # 0.8569. Interval -1.1902 to 0.5235. Lower option (better): 3 of 6; higher: 1 of 6.
    (burnout,) = cohort.burnout_changes
    change = burnout.change
    assert isinstance(change, PairedChange)
    assert math.isclose(change.mean, -1 / 3)
    assert math.isclose(change.low, -1.1902, abs_tol=5e-5) and math.isclose(change.high, 0.5235, abs_tol=5e-5)
    assert (change.better, change.worse) == (Share(3, 6), Share(1, 6))


def test_the_report_shows_the_hand_computed_figures() -> None:
    cohort = summarise(hand_cohort())
    markdown = render_markdown(cohort, SHIPPED)
    assert "| Start (day 1) | 6 | 52 | 42 to 62 | 50% (3 of 6) |" in markdown
    assert "| End (day 4) | 6 | 58 | 47 to 66 | 33% (2 of 6) |" in markdown
    assert "| 1 month after | 4 | fewer than 5 people: not shown |  |  |" in markdown
    assert "| Start to end (day 4) | 6 | +6.0 | -2.7 to +14.7 | 50% (3 of 6) | 0% (0 of 6) |" in markdown
    assert "| Start to 3 months after | 5 | +7.2 | +3.0 to +11.4 | 20% (1 of 5) | 0% (0 of 5) |" in markdown
    assert "| Start (day 1) | 6 | 2.5 | 2 to 3 | 50% (3 of 6) |" in markdown
    assert "| End (day 4) | 6 | 2 | 2 to 2.8 | 33% (2 of 6) |" in markdown
    assert "| useful | 6 | 4 | 0 | 1 | 1 | 2 | 2 |" in markdown
    page = text_of(render_html(cohort, SHIPPED))
    for figure in ("42 to 62", "-2.7 to +14.7", "50% (3 of 6)", "fewer than 5 people: not shown"):
        assert figure in page


# --------------------------------------------------------------------------------------------------------
# The privacy rule
# --------------------------------------------------------------------------------------------------------


def group(size: int) -> list[ScoresFile]:
    """``size`` people; the first five WHO-5 scores (36 52 68 88 and 20) appear nowhere else in a report."""
    values = [36, 52, 68, 88, 20, 92, 12]
    return [
        ScoresFile(
            Path(f"p{n}.json"),
            scores(n, point("start", who5=values[n], burnout=1 + n % 5, feedback={"useful": 1 + n % 5})),
        )
        for n in range(size)
    ]


def words(text: str) -> set[str]:
    return set(re.findall(r"[\w.%+-]+", text))


def test_four_people_are_withheld_and_five_are_shown() -> None:
    four = summarise(group(4))
    (start,) = four.points
    assert start.people == 4
    assert start.who5 == Withheld(4) and start.burnout == Withheld(4)
    assert start.feedback == (("useful", Withheld(4)),)
    for page in (text_of(render_html(four, SHIPPED)), render_markdown(four, SHIPPED)):
        assert "fewer than 5 people: not shown" in page
        # Neither the scores nor their median (60, between 52 and 68) are anywhere in the text.
        assert not words(page) & {"36", "52", "68", "88", "60"}

    assert "<svg" not in render_html(four, SHIPPED)  # a chart of nothing but "not shown" is left out

    five = summarise(group(5))
    assert render_html(five, SHIPPED).count("<svg") == 3  # WHO-5, burnout, feedback
    (start,) = five.points
    # 20 36 52 68 88: median 52, quartiles 36 and 68, two at or under 50 (20, 36).
    assert start.who5 == Level(Spread(5, 52, 36, 68), Share(2, 5))
    assert "| Start (day 1) | 5 | 52 | 36 to 68 | 40% (2 of 5) |" in render_markdown(five, SHIPPED)


def test_the_minimum_group_can_be_raised_never_lowered() -> None:
    raised = summarise(group(5), min_group=6)
    assert raised.points[0].who5 == Withheld(5)
    assert "fewer than 6 people: not shown" in render_markdown(raised, SHIPPED)
    with pytest.raises(ValueError, match="the minimum group is 5 or more"):
        summarise(group(5), min_group=MIN_GROUP - 1)


def test_who_answered_feedback_counts_people_not_questions() -> None:
    files = [
        ScoresFile(Path("a.json"), scores(1, point("day-2", feedback={"useful": 4}))),
        ScoresFile(Path("b.json"), scores(2, point("day-2", feedback={"safe-to-speak": 5}))),
        ScoresFile(Path("c.json"), scores(3, point("day-2", burnout=2))),
    ]
    (day_2,) = summarise(files).points
    assert (day_2.people, day_2.feedback_people) == (3, 2)
    assert day_2.feedback == (("useful", Withheld(1)), ("safe-to-speak", Withheld(1)))


def test_no_chart_draws_one_persons_value() -> None:
    # Five people whose lowest and highest WHO-5 (4 and 96) differ from every group figure.
    files = [
        ScoresFile(Path(f"{n}.json"), scores(n, point("start", who5=value)))
        for n, value in enumerate([4, 48, 52, 56, 96])
    ]
    page = render_html(summarise(files), SHIPPED)
    chart = page[page.index("<svg") : page.index("</svg>")]
    # The y axis runs 0 to 100 over 172 px from y = 34; 4 and 96 would sit at 199.1 and 40.9.
    assert "199.1" not in chart and "40.9" not in chart
    assert chart.count("<rect") == 2  # the legend's box and the one box: no dots, no whiskers


# --------------------------------------------------------------------------------------------------------
# Duplicates and refused files
# --------------------------------------------------------------------------------------------------------


def test_a_run_shared_twice_counts_once() -> None:
    same = scores(1, point("start", who5=44))
    kept, set_aside = count_runs_once([ScoresFile(Path("b.json"), same), ScoresFile(Path("a.json"), same)])
    assert [f.path.name for f in kept] == ["a.json"]
    assert [(r.path.name, r.reason) for r in set_aside] == [
        ("b.json", "the same run as a.json, with the same scores: counted once")
    ]


def test_of_two_different_files_of_a_run_the_one_with_more_points_is_kept_whatever_the_order() -> None:
    early = ScoresFile(Path("z-after-day-4.json"), scores(1, point("start", who5=44), point("end", who5=60)))
    later = ScoresFile(
        Path("a-after-a-month.json"),
        scores(1, point("start", who5=44), point("end", who5=60), point("follow-up-1m", who5=64)),
    )
    for order in ([early, later], [later, early]):
        kept, set_aside = count_runs_once(order)
        assert kept == [later]
        assert (
            set_aside[0].reason
            == "the same run as a-after-a-month.json, which holds more points and was counted instead"
        )
    # On the same number of points, the one with more answers; then the first by path.
    fewer = ScoresFile(Path("a.json"), scores(2, point("start", burnout=2)))
    more = ScoresFile(Path("b.json"), scores(2, point("start", burnout=2, who5=40)))
    kept, set_aside = count_runs_once([fewer, more])
    assert kept == [more]
    assert set_aside[0].reason == "the same run as b.json, which holds more answers and was counted instead"
    twin = ScoresFile(Path("c.json"), scores(2, point("start", burnout=3, who5=40)))
    kept, set_aside = count_runs_once([twin, more])
    assert kept == [more]
    assert set_aside[0].reason == (
        "the same run as b.json, with other scores as many: b.json comes first by name and was counted"
    )


def test_foreign_and_newer_files_are_refused_by_name_and_the_rest_are_read(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    for n in range(5):
        write(folder, f"person-{n}.json", scores(n, point("start", who5=40 + 4 * n)))
    write(folder, "night-shift.json", scores(9, point("start", who5=40), program="night-shift"))
    newer = scores(10, point("start", who5=40))
    from workshop.reports.scores import scores_data

    data = scores_data(newer)
    data["format"] = 2
    write(folder, "from-the-future.json", data)
    write(folder, "notes.txt", "not read: not a .json file")
    paths, problems = scores_paths([folder])
    assert [p.name for p in paths] == [
        "from-the-future.json", "night-shift.json", *(f"person-{n}.json" for n in range(5))
    ]  # fmt: skip
    assert problems == []
    files, refused = read_cohort(paths, PROGRAM)
    assert len(files) == 5
    assert [(r.path.name, r.kind) for r in refused] == [
        ("from-the-future.json", "newer"),
        ("night-shift.json", "other-program"),
    ]
    markdown = render_markdown(summarise(files, left_out=refused), SHIPPED)
    assert (
        "- `from-the-future.json`: a newer format: format: 2 is newer than this version of workshop reads (1): "
        "update workshop to read it"
    ) in markdown
    assert (
        "- `night-shift.json`: another program: program: from another program (night-shift), not finding-the-thread"
        in markdown
    )


# --------------------------------------------------------------------------------------------------------
# The command
# --------------------------------------------------------------------------------------------------------


def shared_folder(tmp_path: Path, people: int = 6) -> Path:
    folder = tmp_path / "shared"
    for n in range(people):
        write(
            folder,
            f"{n}.json",
            scores(n, point("start", who5=28 + 8 * n, burnout=2), point("end", who5=44 + 4 * n)),
        )
    return folder


def test_cohort_writes_private_html_and_markdown_and_names_what_it_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = shared_folder(tmp_path)
    write(folder, "broken.json", "{")
    write(folder, "copy.json", (folder / "0.json").read_text())
    out = tmp_path / "report"
    assert main(["cohort", str(folder), "--output", str(out)]) == 0
    captured = capsys.readouterr()
    assert f"workshop: {folder / 'broken.json'}: not valid JSON (line 1, column 2: " in captured.err
    assert (
        f"workshop: {folder / 'copy.json'}: the same run as 0.json, with the same scores: counted once"
        in captured.err
    )
    assert "Cohort report of 6 people written:" in captured.out
    for name in ("cohort-report.html", "cohort-report.md"):
        assert stat.S_IMODE((out / name).stat().st_mode) == 0o600
    assert stat.S_IMODE(out.stat().st_mode) == 0o700
    markdown = (out / "cohort-report.md").read_text()
    assert "- `broken.json`: not a valid scores file: not valid JSON" in markdown
    assert "- `copy.json`: the same run as 0.json, with the same scores: counted once" in markdown
    # Runs are counted, never shown.
    for n in range(6):
        assert run_id(n) not in markdown and run_id(n) not in (out / "cohort-report.html").read_text()


def test_cohort_says_when_a_group_is_too_small_for_any_figure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["cohort", str(shared_folder(tmp_path, people=4)), "-o", str(tmp_path / "r")]) == 0
    out = capsys.readouterr().out
    assert "Cohort report of 4 people written:" in out
    assert "With fewer than 5 people, it shows counts only: every other figure is withheld." in out


def test_a_folder_that_cannot_be_read_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # As a folder without read permission behaves for anyone but root (these tests may run as root).
    def refuse(path: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("workshop.reports.cohort.os.scandir", refuse)
    assert scores_paths([tmp_path]) == ([], [(tmp_path, "cannot be read (Permission denied)")])


def test_cohort_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = shared_folder(tmp_path)
    assert main(["cohort", str(folder), "--min-group", "4", "-o", str(tmp_path / "r")]) == 2
    assert "never lower it below 5" in capsys.readouterr().err
    assert main(["cohort", str(tmp_path / "nowhere"), "-o", str(tmp_path / "r")]) == 2
    assert f"{tmp_path / 'nowhere'}: no such file or folder" in capsys.readouterr().err
    not_a_folder = write(tmp_path, "file.txt", "x")
    assert main(["cohort", str(folder), "-o", str(not_a_folder)]) == 2
    assert "not a folder; --output takes a folder" in capsys.readouterr().err
    assert not (tmp_path / "r").exists()


def test_cohort_with_nothing_usable_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "shared"
    write(folder, "other.json", scores(1, point("start", who5=40), program="night-shift"))
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["cohort", str(folder), str(empty), "-o", str(tmp_path / "r")]) == 1
    err = capsys.readouterr().err
    assert f"{empty}: holds no .json files" in err
    assert "other.json: program: from another program (night-shift), not finding-the-thread (left out)" in err
    assert "nothing was written" in err
    assert not (tmp_path / "r").exists()


def test_cohort_never_imports_pydantic_or_textual(tmp_path: Path) -> None:
    folder = shared_folder(tmp_path)
    code = (
        "import sys; from workshop.cli import main; code = main(sys.argv[1:]); "
        "print(code, sorted({m.split('.')[0] for m in sys.modules} & {'pydantic', 'textual'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, "cohort", str(folder), "-o", str(tmp_path / "r")],
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "WORKSHOP_CACHE_DIR": str(tmp_path / "cache"),
        },  # a cache miss: program.toml is read
    )
    assert result.stdout.splitlines()[-1] == "0 []", result.stdout + result.stderr
    assert "Finding the Thread" in (tmp_path / "r" / "cohort-report.md").read_text()


def test_another_program_is_chosen_with_program(tmp_path: Path, mini_program_dir: Path) -> None:
    folder = tmp_path / "shared"
    for n in range(5):
        write(folder, f"{n}.json", scores(n, point("start", burnout=2), program="mini"))
    out = tmp_path / "r"
    assert main(["--program", str(mini_program_dir), "cohort", str(folder), "-o", str(out)]) == 0
    assert "| Start (day 1) | 5 | 2 | 2 to 2 | 0% (0 of 5) |" in (out / "cohort-report.md").read_text()
    assert main(["cohort", str(folder), "-o", str(out)]) == 1  # the shipped program's id is another


# --------------------------------------------------------------------------------------------------------
# The page: nothing from elsewhere, everything escaped
# --------------------------------------------------------------------------------------------------------


class Page(HTMLParser):
    """Every tag, attribute and piece of text of a page, as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        (self.styles if self._in_style else self.text).append(data)


def parsed(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def text_of(html: str) -> str:
    return " ".join(" ".join(parsed(html).text).split())


HOSTILE_NAME = "<img src=x onerror=alert(1)>`|*[link](https:evil)*`\x1b[2J\u202etxt.json"


def test_the_page_loads_nothing_from_anywhere_and_escapes_what_came_from_files(tmp_path: Path) -> None:
    folder = shared_folder(tmp_path)
    hostile = write(folder, HOSTILE_NAME, "{")
    files, refused = read_cohort(scores_paths([folder])[0], PROGRAM)
    assert [r.path for r in refused] == [hostile]
    title = 'Night <script>alert("x")</script> & shift'
    html = render_html(summarise(files, left_out=refused), ProgramInfo(PROGRAM, title, "1.0", 4))
    page = parsed(html)
    allowed = {"html", "head", "meta", "title", "style", "body", "section", "h1", "h2", "h3", "p", "table",
               "thead", "tbody", "tr", "th", "td", "figure", "svg", "rect", "line", "circle", "text", "ul",
               "li", "code"}  # fmt: skip
    assert {tag for tag, _ in page.tags} <= allowed
    for tag, attributes in page.tags:
        assert not {"src", "href", "xlink:href", "action", "srcset", "style"} & set(attributes), tag
        assert not any(name.startswith("on") for name in attributes), tag
    assert "url(" not in "".join(page.styles) and "@import" not in "".join(page.styles)
    assert "http:" not in html and "https:" not in html.replace("https:evil", "")
    assert ("content=\"default-src 'none'; style-src 'unsafe-inline'\"") in html
    text = " ".join(page.text)
    # The hostile name is shown as text, without its escape sequence or its direction override.
    assert "<img src=x onerror=alert(1)>`|*[link](https:evil)*`[2Jtxt.json" in text
    assert "\x1b" not in html and "\u202e" not in html
    assert '<script>alert("x")</script>' in text and "<script" not in html


def test_the_markdown_escapes_what_came_from_files(tmp_path: Path) -> None:
    folder = shared_folder(tmp_path)
    write(folder, HOSTILE_NAME, "{")
    files, refused = read_cohort(scores_paths([folder])[0], PROGRAM)
    program = ProgramInfo(PROGRAM, "Night *shift* <b>|</b> [x](y)", "1.0", 4)
    markdown = render_markdown(summarise(files, left_out=refused), program)
    assert markdown.startswith("# Cohort report: Night \\*shift\\* \\<b\\>\\|\\</b\\> \\[x\\](y)\n")
    assert (
        "- ``<img src=x onerror=alert(1)>`|*[link](https:evil)*`[2Jtxt.json``: not a valid scores file"
        in markdown
    )
    assert "\x1b" not in markdown and "\u202e" not in markdown


def test_markdown_helpers() -> None:
    assert md_text("a_b*c`d|e<f>[g]#h~i&j\\k") == "a\\_b\\*c\\`d\\|e\\<f\\>\\[g\\]\\#h\\~i\\&j\\\\k"
    assert md_code("plain.json") == "`plain.json`"
    assert md_code("a``b") == "```a``b```"
    assert md_code("`x") == "`` `x ``"
    assert md_text("line\nbreak\ttab") == "line break tab"


def test_the_scores_files_given_are_each_read_once(tmp_path: Path) -> None:
    folder = shared_folder(tmp_path, people=2)
    (folder / ".hidden.json").write_text("{}")
    (folder / "sub").mkdir()
    write(folder / "sub", "deeper.json", scores(99, point("start", who5=40)))
    paths, _ = scores_paths([folder, folder / "0.json", folder])
    assert [p.name for p in paths] == ["0.json", "1.json"]
    assert read_scores(paths[0], PROGRAM).scores.run == run_id(0)
