"""Insight: before and after, the change and its label, series across days and runs, the plots in the app
(snapshot) and in the HTML export (inline SVG), and the table in the Markdown export."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Any

from tests.checkins import CHECKINS, checkins_program, fill, journal_with_runs
from tests.clocks import SteppingClock
from tests.snapshot_types import SnapCompare
from tests.tui_helpers import build_app, frozen, settle, wait_for_journal
from workshop.content.loader import load_program
from workshop.flow.insight import (
    AT_OR_UNDER_CUT_OFF,
    NEWEST_RUNS,
    OVERLAP,
    across_run_lines,
    checkin_lines,
    earlier_runs_line,
    insight,
    series_lines,
    sources,
    sources_line,
)
from workshop.flow.trends import all_series, check_series, scale_series
from workshop.journal.store import Journal
from workshop.reports.charts import svg_chart
from workshop.reports.export import render_html, render_markdown
from workshop.tui.screens.insight import InsightScreen, SeriesPlot


def test_before_after_and_change_per_run(tmp_path: Path) -> None:
    program = checkins_program()
    with Journal.open(tmp_path / "data", program) as journal:
        fill(journal.new_run())  # 44 -> 60
        fill(journal.new_run(), who5_before=(3, 3, 3, 3, 3), who5_after=(3, 3, 3, 3, 5), burnout_after=5)
        found = insight(program, journal.runs)
    first, second = found.runs
    # Answered minutes apart: the two answers share their two weeks, so 16 points is not called meaningful.
    assert checkin_lines(first, program) == [
        "WHO-5 well-being: day 1 44 out of 100; day 2 60 out of 100: +16 points, over overlapping weeks from "
        "day 1.",
        OVERLAP,
        "Burnout: day 1 option 3 of 5 (in the range the measure counts as burnout); day 2 option 2 of 5.",
    ]
    # 60 -> 68 is shown without comment.
    assert checkin_lines(second, program)[0] == (
        "WHO-5 well-being: day 1 60 out of 100; day 2 68 out of 100: +8 points from day 1."
    )
    assert across_run_lines(found) == ["WHO-5 from run 1 to run 2: 60 to 68, +8 points."]


def test_an_incomplete_check_is_shown_but_not_scored(tmp_path: Path) -> None:
    program = checkins_program()
    with Journal.open(tmp_path / "data", program) as journal:
        fill(journal.new_run(), who5_after=(3, None, 3, 3, 3), burnout_after=None)
        (run,) = insight(program, journal.runs).runs
    assert checkin_lines(run, program) == [
        "WHO-5 well-being: day 1 44 out of 100; day 2 not complete, so not scored.",
        "Burnout: day 1 option 3 of 5 (in the range the measure counts as burnout); day 2 not answered.",
        AT_OR_UNDER_CUT_OFF.format(cut_off=50),  # the latest score, 44, is at or under the cut-off
    ]


def test_a_change_over_separate_weeks_is_named_and_a_low_score_gets_a_gentle_word(tmp_path: Path) -> None:
    program = checkins_program()
    clock = SteppingClock(step=timedelta(days=8))  # day 1 and day 2 answered more than two weeks apart
    with Journal.open(tmp_path / "data", program, clock=clock) as journal:
        fill(journal.new_run(), who5_before=(3, 3, 3, 3, 3), who5_after=(2, 2, 2, 2, 2))  # 60 -> 40
        (run,) = insight(program, journal.runs).runs
    lines = checkin_lines(run, program)
    assert lines[0].endswith("day 2 40 out of 100: -20 points, a meaningful change from day 1.")
    assert OVERLAP not in lines
    assert lines[-1] == AT_OR_UNDER_CUT_OFF.format(cut_off=50) and "not a diagnosis" in lines[-1]
    assert "last two weeks" in sources_line() and "Press f" in sources_line()
    assert sources(program) == []  # this small program lists no references
    shipped = load_program(Path(__file__).parent.parent / "modules")
    assert any("Topp CW" in source and "https://doi.org/" in source for source in sources(shipped))


def test_series_group_the_same_question_across_days_and_runs(tmp_path: Path) -> None:
    program = checkins_program()
    with journal_with_runs(tmp_path / "data", program, count=2) as journal:
        runs = journal.runs
        (meaning,) = scale_series(program, runs)
        who5 = check_series(program, runs, "who5")
        assert len(all_series(program, runs)) == 3
    assert meaning.points == ("Day 1", "Day 2") and (meaning.low, meaning.high) == (0, 10)
    assert meaning.lines == ((1, (4, 6)), (2, (5, 7)))
    assert who5 is not None and who5.lines == ((1, (44, 60)), (2, (44, 68)))
    assert series_lines(meaning) == ["Run 1: Day 1 4, Day 2 6", "Run 2: Day 1 5, Day 2 7"]


def test_nothing_answered_means_no_series(tmp_path: Path) -> None:
    program = checkins_program()
    with Journal.open(tmp_path / "data", program) as journal:
        journal.new_run()
        found = insight(program, journal.runs)
    assert found.empty and checkin_lines(found.runs[0], program) == [
        "WHO-5 well-being: day 1 not answered; day 2 not answered.",
        "Burnout: day 1 not answered; day 2 not answered.",
    ]


# -- the exports ------------------------------------------------------------------------------------------


def test_html_export_draws_an_inline_svg_chart_per_series(tmp_path: Path) -> None:
    program = checkins_program()
    with journal_with_runs(tmp_path / "data", program, count=2) as journal:
        page = render_html(program, journal.runs)
    assert page.count("<svg ") == 3  # WHO-5, burnout and the meaning scale
    assert page.count("<polyline ") == 6  # one line per run in each
    assert "<script" not in page and "http://www.w3.org/2000/svg" in page
    assert re.search(r"src=|href=", page.replace('xmlns="http://www.w3.org/2000/svg"', "")) is None
    # Day 1 and day 2 answered seconds apart: the change is shown, never named meaningful.
    assert "+16 points, over overlapping weeks" in page and "+24 points, over overlapping weeks" in page
    assert "a meaningful change" not in page


def test_svg_points_follow_the_values() -> None:
    from workshop.flow.trends import Series

    chart = svg_chart(Series("T <b>", ("Day 1", "Day 4"), 0, 10, ((1, (0, 10)), (2, (5, None)))))
    lines = re.findall(r'<polyline points="([^"]+)"', chart)
    assert len(lines) == 2
    (x1, y1), (x2, y2) = [tuple(map(float, p.split(","))) for p in lines[0].split()]
    assert x1 < x2 and y1 > y2  # 0 at the bottom, 10 at the top
    assert len(lines[1].split()) == 1  # a missing value is left out, not drawn as zero
    assert "T &lt;b&gt;" in chart and "<b>" not in chart


def test_markdown_export_has_a_small_table(tmp_path: Path) -> None:
    program = checkins_program()
    with journal_with_runs(tmp_path / "data", program, count=2) as journal:
        text = render_markdown(program, journal.runs)
    assert "## Check-ins and scales" in text
    assert (
        "| Run 1 | 44 out of 100 | 60 out of 100 | +16 points, over overlapping weeks | option 3 of 5 "
        "| option 2 of 5 |" in text
    )
    assert "| Run 2 | 5 | 7 |" in text
    assert text.index("## Check-ins and scales") < text.index("## Run 1")


def test_an_export_without_checkins_has_no_such_section(tmp_path: Path, mini_program_dir: Path) -> None:
    from workshop.content.loader import load_program

    program = load_program(mini_program_dir)
    with Journal.open(tmp_path / "data", program) as journal:
        journal.new_run()
        assert "Check-ins" not in render_markdown(program, journal.runs)
        assert "<svg" not in render_html(program, journal.runs)


# -- the screen -------------------------------------------------------------------------------------------


def with_two_runs(data_dir: Path) -> None:
    journal_with_runs(data_dir, checkins_program(), count=2).close()


async def test_i_on_home_opens_insight_with_a_plot_per_series(tmp_path: Path) -> None:
    with_two_runs(tmp_path / "data")
    app = build_app(CHECKINS, tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_journal(pilot)
        await pilot.press("i")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, InsightScreen)
        assert len(screen.query(SeriesPlot)) == 3
        text = " ".join(str(s.render()) for s in screen.query(".insight-lines"))
        assert "+24 points, over overlapping weeks" in text
        await pilot.press("escape")
        assert not isinstance(app.screen, InsightScreen)


class TestInsightLooks:
    """You should see, at 100x40: "What moved", run 2's and run 1's check-ins with the change named as
    meaningful, the change across runs, then the WHO-5 plot with two lines (● and x markers, a legend) and
    its values written out beneath."""

    def test_insight_plots(self, snap_compare: SnapCompare, tmp_path: Path) -> None:
        with_two_runs(tmp_path / "data")
        app = build_app(checkins_program(), tmp_path / "data", clock=frozen)

        async def run_before(pilot: Any) -> None:
            await wait_for_journal(pilot)
            await pilot.press("i")
            await settle(pilot)

        assert snap_compare(app, terminal_size=(100, 40), run_before=run_before)


def test_older_runs_read_for_insight_let_go_of_their_answers_and_the_numbers_are_the_same(
    tmp_path: Path,
) -> None:
    """Twenty years of runs are not held in memory for a few numbers each: a run opened from its index and
    read only for insight lets go of its answers at once; what insight says is what it says of runs read
    whole."""
    program = checkins_program()
    journal_with_runs(tmp_path / "data", program, count=5).close()
    with Journal.open(tmp_path / "data", program, lock=False) as whole:
        expected = insight(program, whole.runs)
    with Journal.open(tmp_path / "data", program, lazy=True) as journal:
        *older, newest = journal.runs
        older[0].answer("wellbeing-before")  # a run already read by another page stays read
        found = insight(program, journal.runs)
        assert [run.loaded for run in older] == [True, False, False, False]
        assert all(run.reads == 1 for run in older)  # each read once, not again for every series
        assert newest.loaded
    assert found == expected
    assert found.series and across_run_lines(found) == across_run_lines(expected)


def test_insight_shows_the_newest_year_of_runs_and_says_the_rest_are_in_the_export(tmp_path: Path) -> None:
    """At twenty years the page shows what moved lately, never reading the older runs at all."""
    program = checkins_program()
    journal_with_runs(tmp_path / "data", program, count=NEWEST_RUNS + 2).close()
    with Journal.open(tmp_path / "data", program, lazy=True) as journal:
        found = insight(program, journal.runs)
        assert [run.run_number for run in found.runs] == list(range(3, NEWEST_RUNS + 3))
        assert [run.reads for run in journal.runs[:2]] == [0, 0]  # the two oldest: never read
        assert all(len(series.lines) == NEWEST_RUNS for series in found.series)
    assert earlier_runs_line(found) == (
        f"Your newest {NEWEST_RUNS} runs of {NEWEST_RUNS + 2}. Every run's check-ins are in an export of your "
        "journal."
    )
    with Journal.open(tmp_path / "data", program, lock=False) as journal:
        assert earlier_runs_line(insight(program, journal.runs[:NEWEST_RUNS])) is None
