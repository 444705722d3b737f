"""The program that ships: it validates, follows the four seeds, and copies none of their sentences."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from workshop.content.loader import load_program
from workshop.content.models import CommitmentStep, ReadingStep, RecapStep

ROOT = Path(__file__).resolve().parent.parent
SEED_OVERLAP = ROOT.parent / "shared" / "tools" / "seed-overlap"


@pytest.fixture(scope="module")
def program():  # type: ignore[no-untyped-def]
    from workshop import paths

    return load_program(paths.shipped_program_dir())


def test_four_days_in_order(program) -> None:  # type: ignore[no-untyped-def]
    assert [m.day for m in program.modules] == [1, 2, 3, 4]


def test_each_day_has_the_shape_of_a_good_day(program) -> None:  # type: ignore[no-untyped-def]
    for module in program.modules:
        assert 8 <= len(module.steps) <= 15, module.id
        # Self-paced minutes: 20 to 40 a day, day 4 (the longest, with two checks) a little more.
        assert 20 <= module.minutes <= 45, module.id
        assert isinstance(module.steps[0], ReadingStep | RecapStep), module.id
        assert isinstance(module.steps[-1], CommitmentStep), module.id
        assert len({step.kind for step in module.steps}) >= 4, module.id
        if module.day > 1:
            assert any(isinstance(step, RecapStep) for step in module.steps), module.id
        for step in module.steps:
            assert step.notes, f"{module.id}/{step.id} has no facilitator notes"
            assert step.minutes > 0, f"{module.id}/{step.id} has no planned minutes"


def test_day_four_builds_the_north_star_from_earlier_answers(program) -> None:  # type: ignore[no-untyped-def]
    found = program.find_step("north-star")
    assert found is not None
    module, north_star = found
    assert module.day == 4 and isinstance(north_star, RecapStep)
    assert "values-sort" in north_star.sources


def test_says_what_it_is_not(program) -> None:  # type: ignore[no-untyped-def]
    text = program.description.lower()
    assert "therapy" in text and "diagnosis" in text and "crisis" in text


@pytest.mark.skipif(not SEED_OVERLAP.exists(), reason="../shared is not beside this checkout")
def test_no_sentence_is_copied_from_the_seeds() -> None:
    result = subprocess.run([sys.executable, str(SEED_OVERLAP), str(ROOT)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
