"""The program that ships: it validates, follows the four seeds, and copies none of their sentences."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from workshop.content.loader import load_program
from workshop.content.models import (
    ChoiceStep,
    CommitmentStep,
    FeedbackStep,
    Module,
    PauseStep,
    Program,
    ReadingStep,
    RecapStep,
)

ROOT = Path(__file__).resolve().parent.parent
SEED_OVERLAP = ROOT.parent / "shared" / "tools" / "seed-overlap"


@pytest.fixture(scope="module")
def program() -> Program:
    from workshop import paths

    return load_program(paths.shipped_program_dir())


def test_four_days_in_order(program: Program) -> None:
    assert [m.day for m in program.modules] == [1, 2, 3, 4]


def test_each_day_has_the_shape_of_a_good_day(program: Program) -> None:
    for module in program.modules:
        # Day 4, the longest, has 17: its last two checks are introduced by a short reading, and every day
        # ends with a feedback form.
        assert 8 <= len(module.steps) <= 17, module.id
        # Self-paced minutes: 20 to 40 a day, day 4 (the longest, with two checks) a little more.
        assert 20 <= module.minutes <= 45, module.id
        assert isinstance(module.steps[0], ReadingStep | RecapStep), module.id
        # The day closes with its commitment, and then the session's feedback form (a few ratings).
        closing = module.steps[-2:] if isinstance(module.steps[-1], FeedbackStep) else module.steps[-1:]
        assert isinstance(closing[0], CommitmentStep), module.id
        assert len({step.kind for step in module.steps}) >= 4, module.id
        if module.day > 1:
            assert any(isinstance(step, RecapStep) for step in module.steps), module.id
        for step in module.steps:
            assert step.notes, f"{module.id}/{step.id} has no facilitator notes"
            assert step.planned_minutes > 0, f"{module.id}/{step.id} has no planned minutes"


# What a self-paced step takes, in minutes, by kind: a reflection question, a recap (read, then write),
# a short list, a checklist, a values sort, one point on a scale, a commitment, a validated check, a feedback form.
SELF_PACED_MINUTES = {
    "prompt": 3.5,
    "recap": 4.0,
    "list": 3.0,
    "choice": 1.5,
    "rank": 4.0,
    "scale": 0.5,
    "commitment": 2.5,
    "check": 1.5,
    "feedback": 0.5,
}
READING_WORDS_PER_MINUTE = 150  # slow, careful reading at the end of a shift


def self_paced_estimate(module: Module) -> float:
    """Minutes a person alone needs for ``module``: readings by length, pauses as long as they last."""
    total = 0.0
    for step in module.steps:
        if isinstance(step, ReadingStep):
            total += len(step.body.split()) / READING_WORDS_PER_MINUTE + 0.5
        elif isinstance(step, PauseStep):
            total += step.seconds / 60
        else:
            total += SELF_PACED_MINUTES[step.kind]
    return total


def test_each_day_says_honestly_how_long_it_takes_alone(program: Program) -> None:
    # The home screen shows "about N min": a day that gains steps must say so, and none should promise
    # much more time than its steps take.
    for module in program.modules:
        estimate = self_paced_estimate(module)
        assert 0.95 * estimate <= module.minutes <= 1.25 * estimate, (module.id, round(estimate))


def test_day_three_offers_only_the_useful_side_of_a_habit_as_a_strength(program: Program) -> None:
    found_useful, found_cost = program.find_step("traits-useful-side"), program.find_step("traits-cost")
    assert found_useful is not None and found_cost is not None
    useful, cost = found_useful[1], found_cost[1]
    assert isinstance(useful, ChoiceStep) and isinstance(cost, ChoiceStep)
    # Pairs, line by line: the same habits in the same order, each side in its own words.
    assert len(useful.options) == len(cost.options)
    assert not set(useful.options) & set(cost.options)
    # The costly patterns are offered only as costs.
    costly = {"Guilt when I rest or say no", "Hiding tiredness or distress", "Working through anything"}
    assert costly <= set(cost.options)
    useful_words = " ".join(useful.options).lower()
    assert "guilt" not in useful_words and "hiding" not in useful_words and "through anything" not in useful_words
    keep = program.find_step("keep-and-loosen")
    assert keep is not None and isinstance(keep[1], RecapStep)
    assert keep[1].sources == ["traits-useful-side", "traits-cost"]


def test_days_two_and_three_end_their_new_exercises_in_a_plan(program: Program) -> None:
    # Day 2: a choice of small resets, then the routine as a plan; day 3: who would understand, then one
    # colleague to contact. Each plan follows its list, and a recap later brings the routine back.
    pairs = [("recovery-routine-options", "recovery-routine-plan"), ("who-would-understand", "colleague-to-contact")]
    for first, plan in pairs:
        found_first, found_plan = program.find_step(first), program.find_step(plan)
        assert found_first is not None and found_plan is not None
        module = found_plan[0]
        assert found_first[0] is module and isinstance(found_plan[1], CommitmentStep)
        ids = [step.id for step in module.steps]
        assert ids.index(first) < ids.index(plan)
    recap = program.find_step("day-3-recap")
    assert recap is not None and isinstance(recap[1], RecapStep)
    assert "recovery-routine-plan" in recap[1].sources


def test_the_facts_cite_their_sources_in_the_real_field(program) -> None:  # type: ignore[no-untyped-def]
    # The sources the content pass named in comments are now each step's (or module's) cites, which the
    # loader checks against [[references]]; the comment convention is gone, so nothing can drift there.
    cited = {
        (owner.id, ref)
        for module in program.modules
        for owner in (module, *module.steps)
        for ref in owner.cites
    }
    assert {("identity-reading", "shanafelt-2025"), ("day-3-conditioning", "gabbard-1985")} <= cited
    assert {("wellbeing-before", "who-5"), ("day-4-snapshot", "who-5"), ("burnout-after", "dolan-2015")} <= cited
    from workshop import paths

    for path in sorted(paths.shipped_program_dir().glob("*.toml")):
        assert "# Sources:" not in path.read_text(), f"{path.name} still names sources in a comment"


REFERS_BACK = re.compile(
    r"look back at your|you ticked|your top values|toward your north star|the people you listed|"
    r"one of your goals|that boundary|your routine together|one sign you recognise|one costly habit",
    re.IGNORECASE,
)


def test_every_question_that_refers_to_earlier_answers_shows_them(program) -> None:  # type: ignore[no-untyped-def]
    referring = [
        step
        for module in program.modules
        for step in module.steps
        if not isinstance(step, RecapStep) and REFERS_BACK.search(getattr(step, "question", "") or "")
    ]
    assert len(referring) >= 9
    assert [step.id for step in referring if not step.look_back] == []


def test_day_four_builds_the_north_star_from_earlier_answers(program: Program) -> None:
    found = program.find_step("north-star")
    assert found is not None
    module, north_star = found
    assert module.day == 4 and isinstance(north_star, RecapStep)
    assert "values-sort" in north_star.sources


def test_says_what_it_is_not(program: Program) -> None:
    text = program.description.lower()
    assert "therapy" in text and "diagnosis" in text and "crisis" in text


@pytest.mark.skipif(not SEED_OVERLAP.exists(), reason="../shared is not beside this checkout")
def test_no_sentence_is_copied_from_the_seeds() -> None:
    result = subprocess.run([sys.executable, str(SEED_OVERLAP), str(ROOT)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
