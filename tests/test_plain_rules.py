"""The rules that lived only in the app's screens, now in workshop/flow/plain_rules.py for both front ends."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop.answers import TextValue
from workshop.content.models import Program, RankStep
from workshop.flow.day import day_summary
from workshop.flow.northstar import NorthStar, section_lines, sections
from workshop.flow.plain_rules import (
    EARLIER_RUN_READ_ONLY,
    EARLIER_VERSION_READ_ONLY,
    LAST_DAY,
    PROGRAM_DONE,
    REST_SUGGESTION,
    closing_words,
    continue_label,
    end_of_day_title,
    privacy_line_needed,
    rank_picks,
    series_sentences,
    still_open_line,
    why_not_editable,
)
from workshop.flow.trends import Series
from workshop.journal.store import Journal


def who5(lines: tuple[tuple[int, tuple[int | None, ...]], ...]) -> Series:
    return Series("WHO-5 well-being, 0 to 100 (higher is better)", ("Day 1", "Day 4"), 0, 100, lines)


@pytest.mark.parametrize(
    ("series", "sentences"),
    [
        (
            who5(((1, (48, 64)),)),
            ["WHO-5 well-being, 0 to 100 (higher is better): 48 on day 1, 64 on day 4, a rise of 16."],
        ),
        (
            who5(((1, (64, 60)),)),
            ["WHO-5 well-being, 0 to 100 (higher is better): 64 on day 1, 60 on day 4, a fall of 4."],
        ),
        (
            who5(((1, (52, None)),)),
            ["WHO-5 well-being, 0 to 100 (higher is better): 52 on day 1, no answer on day 4."],
        ),
        (
            who5(((1, (40, 44)), (2, (None, None)), (3, (50, 50)))),
            [
                "WHO-5 well-being, 0 to 100 (higher is better), run 1: 40 on day 1, 44 on day 4, a rise of 4.",
                "WHO-5 well-being, 0 to 100 (higher is better), run 3: 50 on day 1, 50 on day 4, no change.",
            ],
        ),
        (
            Series(
                "Meaning (0 none, 10 a great deal)", ("Day 1: Start", "Day 1: End"), 0, 10, ((1, (3, 7)),)
            ),
            ["Meaning (0 none, 10 a great deal): 3 on day 1 (Start), 7 on day 1 (End), a rise of 4."],
        ),
    ],
)
def test_a_chart_as_sentences(series: Series, sentences: list[str]) -> None:
    assert series_sentences(series) == sentences


def values_sort(program: Program) -> RankStep:
    found = program.find_step("values")
    assert found is not None and isinstance(found[1], RankStep)
    return found[1]


def test_the_values_sort_keeps_options_once_up_to_its_pick(program: Program) -> None:
    step = values_sort(program)  # pick 3 of Curiosity, Compassion, Craft, Family, Fairness
    picks = rank_picks(step, ["Craft", "Craft", "Gone from the content", "Family", "Curiosity", "Fairness"])
    assert picks.ranked == ("Craft", "Family", "Curiosity")
    assert picks.refused == ("Fairness",)
    assert rank_picks(step, []).ranked == ()


def test_only_the_current_runs_answers_can_be_changed(program: Program) -> None:
    found = program.find_step("first-thought")
    assert found is not None
    step = found[1]
    assert why_not_editable(step, 2, current_run=2) is None
    assert why_not_editable(step, 1, current_run=2) == EARLIER_RUN_READ_ONLY
    assert why_not_editable(None, 2, current_run=2) == EARLIER_VERSION_READ_ONLY


def test_the_end_of_a_day_in_words(tmp_path: Path, program: Program) -> None:
    one = program.modules[0]
    with Journal.open(tmp_path / "data", program) as journal:
        run = journal.new_run()
        run.set_answer(one.id, "first-thought", TextValue("words"))
        run.mark_done(one.id, "welcome")
        summary = day_summary(run, one)
        assert end_of_day_title(summary) == "Day 1: 2 of 8 steps done"
        assert still_open_line(summary).startswith("Still open, for whenever you want them: Meaning, Signs,")
        for step in one.steps:
            run.mark_done(one.id, step.id)
        done = day_summary(run, one)
        assert end_of_day_title(done) == "Day 1 is complete"
        assert still_open_line(done) == ""
    assert closing_words(last_day=False, program_done=False) == REST_SUGGESTION
    assert closing_words(last_day=True, program_done=False) == LAST_DAY
    assert closing_words(last_day=True, program_done=True) == PROGRAM_DONE


def test_home_and_the_north_star_page(shipped: Program) -> None:
    assert not privacy_line_needed(shipped.description)  # it says so itself
    assert privacy_line_needed("Four days of reflection.")
    assert continue_label(2, 5) == "Continue: day 2, step 5"
    page = NorthStar("P", 1, ("Family", "Craft"), "", ("A goal",), (), values_before=("Family", "Craft"))
    shown = {section.title: section_lines(section) for section in sections(page)}
    assert shown["What matters most to me"] == ["1. Family", "2. Craft"]
    assert shown["My north star"] == ["Not written yet."]
    assert shown["Moving toward: my goals"] == ["• A goal"]
    assert shown["My plans, and what became of them"] == ["Not written yet."]
