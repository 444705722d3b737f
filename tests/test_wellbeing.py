"""The check-ins in plain Python: published wording and scoring tables at every boundary, the safety
thresholds, the change labels, and how a check's answers are stored."""

from __future__ import annotations

from dataclasses import fields
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.checkins import burnout, checkins_program, who5
from workshop.answers import Answer, IntegerValue, ItemScoresValue
from workshop.content import instruments
from workshop.content.instruments import BURNOUT, WHO5, Change, result_for, who5_percent
from workshop.content.models import CheckStep, ScaleStep, StepBase
from workshop.flow.describe import describe_value
from workshop.flow.wellbeing import MEANINGFUL, needs_care, result_of
from workshop.journal.format import FormatError, ModuleData, decode_module, encode_module, parse_bytes
from workshop.journal.store import Journal

# -- the published instruments, word for word ---------------------------------------------------------------


def test_who5_wording_and_option_scores_are_the_published_ones() -> None:
    assert WHO5.stem.endswith("Over the last two weeks:")
    assert WHO5.items == (
        "I have felt cheerful and in good spirits",
        "I have felt calm and relaxed",
        "I have felt active and vigorous",
        "I woke up feeling fresh and rested",
        "My daily life has been filled with things that interest me",
    )
    assert [(o.label, o.score) for o in WHO5.options] == [
        ("All of the time", 5),
        ("Most of the time", 4),
        ("More than half of the time", 3),
        ("Less than half of the time", 2),
        ("Some of the time", 1),
        ("At no time", 0),
    ]
    assert "Psychiatric Research Unit" in WHO5.attribution
    assert "Frederiksborg" in WHO5.attribution


def test_burnout_wording_and_options_are_the_published_ones() -> None:
    assert BURNOUT.stem == (
        "Overall, based on your definition of burnout, how would you rate your level of burnout?"
    )
    assert [o.score for o in BURNOUT.options] == [1, 2, 3, 4, 5]
    assert BURNOUT.options[0].label == "I enjoy my work. I have no symptoms of burnout."
    assert BURNOUT.options[2].label.startswith("I am definitely burning out")
    assert BURNOUT.options[4].label.startswith("I feel completely burned out and often wonder if I can go on.")
    assert "Dolan" in BURNOUT.attribution


def test_module_files_cannot_change_the_wording() -> None:
    # An author places a check and names the instrument; nothing else is accepted.
    assert {f.name for f in fields(CheckStep)} - {f.name for f in fields(StepBase)} == {
        "kind",
        "instrument",
    }


# -- WHO-5 scoring: the raw-to-percentage table at every raw score ------------------------------------------

# Topp et al. 2015: raw score 0-25, multiplied by 4. Every raw score, spread over the five items.
WHO5_TABLE = [(raw, raw * 4) for raw in range(26)]


@pytest.mark.parametrize(("raw", "percent"), WHO5_TABLE)
def test_who5_percentage_table(raw: int, percent: int) -> None:
    scores = tuple(min(5, max(0, raw - 5 * i)) for i in range(5))
    assert sum(scores) == raw
    assert instruments.who5_raw(scores) == raw
    assert who5_percent(scores) == percent


@pytest.mark.parametrize(
    "scores",
    [(), (5, 5, 5, 5), (5, 5, 5, 5, None), (None,) * 5, (5, 5, 5, 5, 6), (5, 5, 5, 5, -1), (5,) * 6],
    ids=["none", "four", "one-blank", "all-blank", "above-5", "negative", "six"],
)
def test_an_incomplete_or_invalid_who5_is_not_scored(scores: tuple[int | None, ...]) -> None:
    assert who5_percent(scores) is None
    assert result_for("who5", scores) is None


@given(st.tuples(*[st.integers(0, 5)] * 5))
def test_who5_percent_is_four_times_the_sum(scores: tuple[int, ...]) -> None:
    result = result_for("who5", scores)
    assert result is not None and result.score == 4 * sum(scores)
    assert 0 <= result.score <= 100


# -- burnout scoring: every option --------------------------------------------------------------------------

BURNOUT_TABLE = [(1, False, False), (2, False, False), (3, True, False), (4, True, False), (5, True, True)]


@pytest.mark.parametrize(("option", "is_burnout", "care"), BURNOUT_TABLE)
def test_burnout_table(option: int, is_burnout: bool, care: bool) -> None:
    result = result_for("burnout", (option,))
    assert result is not None
    assert result.score == option
    assert result.indicates_burnout is is_burnout
    assert result.needs_care is care


@pytest.mark.parametrize("scores", [(), (None,), (0,), (6,), (3, 3)])
def test_an_unanswered_or_invalid_burnout_item_is_not_scored(scores: tuple[int | None, ...]) -> None:
    assert result_for("burnout", scores) is None


# -- safety thresholds --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scores", "care"),
    [
        ((0, 0, 0, 0, 0), True),  # 0
        ((2, 1, 1, 1, 1), True),  # raw 6 -> 24
        ((2, 2, 1, 1, 1), True),  # raw 7 -> 28: the cut-off itself
        ((2, 2, 2, 1, 1), False),  # raw 8 -> 32: just above
        ((5, 5, 5, 5, 5), False),  # 100
    ],
)
def test_who5_care_threshold_is_28_or_below(scores: tuple[int, ...], care: bool) -> None:
    step = CheckStep(id="w", title="W", kind="check", instrument="who5")
    assert needs_care(step, who5(*scores)) is care


def test_care_needs_a_complete_check_of_the_steps_own_instrument() -> None:
    who5_step = CheckStep(id="w", title="W", kind="check", instrument="who5")
    burnout_step = CheckStep(id="b", title="B", kind="check", instrument="burnout")
    scale = ScaleStep(id="s", title="S", kind="scale", question="Q", low_label="a", high_label="b")
    assert not needs_care(who5_step, who5(0, 0, 0, 0, None))  # partly answered: never scored
    assert not needs_care(who5_step, None)  # skipped
    assert not needs_care(who5_step, burnout(5))  # a value from another instrument
    assert not needs_care(scale, IntegerValue(0))  # a low scale is reflection, not a check
    assert needs_care(burnout_step, burnout(5))
    assert not needs_care(burnout_step, burnout(4))


# -- the change labels --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after", "text", "meaningful"),
    [
        (40, 40, "no change", False),
        (40, 44, "+4 points", False),
        (40, 49, "+9 points", False),
        (40, 50, "+10 points, a meaningful change", True),
        (40, 52, "+12 points, a meaningful change", True),
        (50, 41, "-9 points", False),
        (50, 40, "-10 points, a meaningful change", True),
        (60, 59, "-1 point", False),
    ],
)
def test_change_labels(before: int, after: int, text: str, meaningful: bool) -> None:
    change = Change(before, after)
    assert change.describe() == text
    assert change.meaningful is meaningful
    assert change.label == (MEANINGFUL if meaningful else "")


def test_who5_change_needs_two_complete_who5_results() -> None:
    low, high = result_for("who5", (2,) * 5), result_for("who5", (3,) * 5)
    assert instruments.who5_change(low, high) == Change(40, 60)
    assert instruments.who5_change(low, None) is None
    assert instruments.who5_change(result_for("burnout", (2,)), high) is None


# -- the value and its place in the journal -----------------------------------------------------------------


def test_a_check_saves_item_scores_and_describes_them() -> None:
    program = checkins_program()
    found = program.find_step("wellbeing-before")
    assert found is not None
    assert found[1].answer_type is ItemScoresValue
    assert ItemScoresValue("who5", (None,) * 5).is_empty()
    assert not ItemScoresValue("who5", (None, 1, None, None, None)).is_empty()
    text = describe_value(who5(4, 4, 3, 2, 5), found[1])
    assert text.splitlines()[0] == "WHO-5 Well-Being Index: 72 out of 100 (raw score 18 of 25)"
    assert "I have felt calm and relaxed: 4, Most of the time" in text
    partial = describe_value(who5(4, None, 3, None, 5))
    assert "3 of 5 answered, so not scored" in partial and "(left blank)" in partial
    assert describe_value(burnout(2)).splitlines()[1].startswith("2, Occasionally I am under stress")
    assert result_of(who5(4, 4, 3, 2, 5)) is not None and result_of(IntegerValue(3)) is None


def test_scores_round_trip_through_the_file_with_blanks() -> None:
    moment = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    value = who5(4, None, 0, 5, None)
    data = ModuleData("start", {"wellbeing-before": Answer("wellbeing-before", value, moment, moment)})
    text = encode_module(data, 1)
    assert "kind = 'scores'" in text and "instrument = 'who5'" in text and "scores = [4, -1, 0, 5, -1]" in text
    back = decode_module(parse_bytes(text.encode()), "start")
    assert back.exact() == data.exact()


@pytest.mark.parametrize("scores", ["[4, -2]", "['4']", "[true]", "4"])
def test_a_hand_edited_scores_field_is_reported_as_damage(scores: str) -> None:
    text = (
        "format = 1\nmodule = 'start'\n[answers.w]\nkind = 'scores'\ncreated = 2026-03-02T09:30:00Z\n"
        f"updated = 2026-03-02T09:30:00Z\ninstrument = 'who5'\nscores = {scores}\n"
    )
    with pytest.raises(FormatError, match=r"answers\.w\.scores"):
        decode_module(parse_bytes(text.encode()), "start")


def test_the_store_saves_and_reloads_a_check(tmp_path: Path) -> None:
    program = checkins_program()
    with Journal.open(tmp_path / "data", program) as journal:
        run = journal.new_run()
        run.set_answer("start", "wellbeing-before", who5(1, None, 2, 3, 4))
        with pytest.raises(TypeError):  # a negative score could not be told from a blank in the file
            run.set_answer("start", "burnout-before", ItemScoresValue("burnout", (-1,)))
        journal.save(run)
    with Journal.open(tmp_path / "data", program, lock=False) as journal:
        answer = journal.runs[0].answer("wellbeing-before")
        assert answer is not None and answer.value == who5(1, None, 2, 3, 4)
