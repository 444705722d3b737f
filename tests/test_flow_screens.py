"""The rules the screens and step widgets ask (workshop/flow), in plain Python: what home offers, what the
review can open, how a saved answer is shown again when the step's content has changed since, and how
``min_picks`` and ``min_items`` invite without blocking."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tests.test_flow_progress import FakeRun
from workshop.answers import (
    Answer,
    ChoicesValue,
    IntegerValue,
    ItemScoresValue,
    ItemsValue,
    RankedValue,
    TextValue,
)
from workshop.content.instruments import BURNOUT, WHO5
from workshop.content.loader import load_program
from workshop.content.models import ChoiceStep, ListStep, Program, RankStep
from workshop.content.outline import ProgramOutline
from workshop.flow.answering import (
    first_unanswered,
    list_note,
    pick_note,
    rank_is_full,
    saved_choices,
    saved_ranking,
    saved_scores,
)
from workshop.flow.completion import StepState, step_states
from workshop.flow.day import DayWalk
from workshop.flow.home import continue_label, says_where_words_stay
from workshop.flow.review import (
    EARLIER_RUN,
    EARLIER_VERSION,
    HIGHLIGHT_FIRST,
    NEEDS_TWO_RUNS,
    ReviewEntry,
    why_no_then_and_now,
    why_read_only,
)

WHEN = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def test_home_adds_its_privacy_line_only_when_the_introduction_does_not_say_it(program: Program) -> None:
    shipped = "Everything you write stays on this machine, in files only you can read."
    assert says_where_words_stay(shipped)
    assert says_where_words_stay("Your answers stay on this computer.")
    assert not says_where_words_stay(program.description)  # "A two-day program used by the tests."


def test_continue_begins_day_one_goes_where_the_user_is_and_ends_with_the_run(program: Program) -> None:
    outline = ProgramOutline.of(program)
    assert continue_label(None, outline) == "Begin day 1"
    run = FakeRun()
    walk = DayWalk(program, program.modules[0], run)
    walk.next()
    assert continue_label(run, outline) == "Continue: day 1, step 2"
    for module in program.modules:
        walk = DayWalk(program, module, run, index=0)
        while walk.next():
            pass
    assert continue_label(run, outline) is None  # a finished run has nowhere to continue


def entry(program: Program, run_number: int, *, gone: bool = False) -> ReviewEntry:
    module = program.modules[0]
    step = module.steps[1]
    answer = Answer(step.id, TextValue("words"), WHEN, WHEN)
    if gone:
        return ReviewEntry(run_number, module.id, module, None, answer, "words")
    return ReviewEntry(run_number, module.id, module, step, answer, "words")


def test_only_answers_of_the_current_run_to_steps_still_there_open_for_editing(program: Program) -> None:
    assert why_read_only(entry(program, 2), current_run_number=2) is None
    assert why_read_only(entry(program, 1), current_run_number=2) == EARLIER_RUN
    assert why_read_only(entry(program, 2, gone=True), current_run_number=2) == EARLIER_VERSION
    assert why_read_only(entry(program, 1), current_run_number=None) == EARLIER_RUN


def test_then_and_now_needs_two_runs_and_a_highlighted_answer(program: Program) -> None:
    assert why_no_then_and_now([1], entry(program, 1)) == NEEDS_TWO_RUNS
    assert why_no_then_and_now([1, 2], None) == HIGHLIGHT_FIRST
    assert why_no_then_and_now([1, 2], entry(program, 2)) is None


def test_a_saved_choice_shows_only_options_the_step_still_has_in_its_order() -> None:
    step = ChoiceStep(kind="choice", id="c", title="T", question="Q?", options=["a", "b", "c"], multiple=True)
    saved = saved_choices(step, ChoicesValue(("c", "gone", "a"), "mine"))
    assert saved == ChoicesValue(("a", "c"), "mine")
    assert saved_choices(step, None) == ChoicesValue()
    assert saved_choices(step, IntegerValue(3)) == ChoicesValue()  # a step that changed kind


def test_a_saved_ranking_drops_gone_options_and_keeps_the_top_k() -> None:
    step = RankStep(kind="rank", id="r", title="T", question="Q?", options=["a", "b", "c", "d"], pick=2)
    assert saved_ranking(step, RankedValue(("gone", "c", "a", "b"))) == ("c", "a")
    assert saved_ranking(step, None) == ()
    assert not rank_is_full(step, ("c",))
    assert rank_is_full(step, ("c", "a"))


def test_a_saved_check_in_fits_the_instrument_and_opens_at_its_first_blank_item() -> None:
    scores = saved_scores(WHO5, ItemScoresValue("who5", (3, 9, 4)))  # 9 is not a WHO-5 score
    assert scores == (3, None, 4, None, None)
    assert first_unanswered(scores) == 1
    assert saved_scores(BURNOUT, ItemScoresValue("burnout", (2, 4))) == (2,)
    assert first_unanswered((2,)) == 0  # all answered: it opens at the top
    assert saved_scores(WHO5, None) == (None,) * 5


# --------------------------------------------------------------------------------------------------------
# min_picks and min_items: said gently until met, never a gate
# --------------------------------------------------------------------------------------------------------


def checklist(**fields: Any) -> ChoiceStep:
    return ChoiceStep(kind="choice", id="c", title="T", question="Q?", multiple=True, **fields)


def test_a_checklist_says_how_many_it_asks_for_until_that_many_are_picked() -> None:
    step = checklist(options=["a", "b", "c", "d", "e"], min_picks=2, max_picks=3)
    assert pick_note(step, ChoicesValue()) == "0 picked: pick at least 2, up to 3"
    assert pick_note(step, ChoicesValue(("a",))) == "1 picked: pick at least 2, up to 3"
    assert pick_note(step, ChoicesValue(("a",), "my own")) == "2 picked (up to 3)"  # one's own words count
    assert pick_note(step, ChoicesValue(("a", "b", "c", "d"))).startswith(
        "4 picked: up to 3 is the invitation"
    )
    open_ended = checklist(options=["a", "b", "c"], min_picks=2)
    assert pick_note(open_ended, ChoicesValue(("a",))) == "1 picked: pick at least 2"
    assert pick_note(open_ended, ChoicesValue(("a", "b"))) == "2 picked"


def test_a_list_says_how_many_it_asks_for_until_that_many_are_written() -> None:
    step = ListStep(kind="list", id="l", title="T", question="Q?", max_items=5, min_items=3)
    assert list_note(step, ItemsValue(("one", "  ", "two", "", ""))).startswith("Write at least 3")
    assert list_note(step, ItemsValue(("one", "two", "three", "", ""))) == ""
    asks_none = ListStep(kind="list", id="l", title="T", question="Q?", max_items=5)
    assert list_note(asks_none, ItemsValue()) == ""


def test_a_step_below_its_minimum_still_moves_on_and_counts_as_done(
    tmp_path: Path, mini_program_dir: Path
) -> None:
    # The minimum is an invitation: Next moves on from one pick of "at least 2", and the step is done.
    folder = tmp_path / "program"
    shutil.copytree(mini_program_dir, folder)
    module_file = folder / "one.toml"
    text = module_file.read_text(encoding="utf-8")
    module_file.write_text(text.replace("allow_other = true", "allow_other = true\nmin_picks = 2"), "utf-8")
    program = load_program(folder)
    one = program.modules[0]
    signs = next(index for index, step in enumerate(one.steps) if step.id == "signs")
    assert isinstance(signs_step := one.steps[signs], ChoiceStep) and signs_step.min_picks == 2
    run = FakeRun()
    walk = DayWalk(program, one, run, index=signs)
    walk.record(ChoicesValue(("Guilt",)))
    assert walk.next()
    assert step_states(run, one)[signs] is StepState.DONE
