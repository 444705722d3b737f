"""Earlier answers a question refers to (``look_back``) and the sources of what the program states
(``cites``): how the content is checked. The displays are tested beside each front end and the exports."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from tests.test_cli import workshop_here
from tests.test_content import module_text, problems_of, step, write
from workshop.content.citations import figures, program_unsourced
from workshop.content.drift import module_files
from workshop.content.loader import load_program, unsourced_figure_problems
from workshop.content.models import Program

PROGRAM_HEAD = 'id = "p"\ntitle = "P"\nversion = "1.0"\ndescription = "D"\nmodules = ["a.toml", "b.toml"]\n'
REFERENCE = '\n[[references]]\nid = "smith-2020"\ntext = "Smith J. A study. 2020."\nurl = "https://example.org/smith"\n'


def two_days(tmp_path: Path, one: list[str], two: list[str], references: str = REFERENCE) -> Path:
    (tmp_path / "program.toml").write_text(PROGRAM_HEAD + references, encoding="utf-8")
    write(tmp_path, module_text(*one), "a.toml")
    second = module_text(*two).replace('id = "m"', 'id = "m2"', 1).replace("day = 1", "day = 2", 1)
    write(tmp_path, second, "b.toml")
    return tmp_path


FIRST = step("list", "things", 'question = "List them."')


# -- look_back: validated like a recap's sources ------------------------------------------------------------


def test_look_back_may_name_an_earlier_day(tmp_path: Path) -> None:
    later = step("prompt", "about-them", 'look_back = ["things"]\nquestion = "Look back at your list."')
    program = load_program(two_days(tmp_path, [FIRST], [later]))
    found = program.find_step("about-them")
    assert found is not None and found[1].look_back == ["things"]


@pytest.mark.parametrize(
    ("one", "two", "expected"),
    [
        (
            [FIRST],
            [step("prompt", "q", 'look_back = ["nowhere"]\nquestion = "Q"')],
            "no earlier step has the id 'nowhere'",
        ),
        (
            [
                step("prompt", "q", 'look_back = ["later"]\nquestion = "Q"'),
                step("prompt", "later", 'question = "Q"'),
            ],
            [FIRST],
            "'later' comes after this step",
        ),
        (
            [step("reading", "text", 'body = "Hello"')],
            [step("scale", "q", 'look_back = ["text"]\nquestion = "Q"\nlow_label = "a"\nhigh_label = "b"')],
            "'text' is a reading step, which saves no answer",
        ),
        (
            [step("pause", "rest", "seconds = 30")],
            [step("commitment", "q", 'look_back = ["rest"]\nquestion = "Q"')],
            "'rest' is a pause step, which saves no answer",
        ),
        ([FIRST], [step("prompt", "q", 'look_back = ["q"]\nquestion = "Q"')], "'q' is this step itself"),
    ],
    ids=["unknown-id", "a-later-step", "a-reading", "a-pause", "itself"],
)
def test_look_back_must_name_an_earlier_answer(
    tmp_path: Path, one: list[str], two: list[str], expected: str
) -> None:
    found = problems_of(two_days(tmp_path, one, two))
    assert any(expected in problem and ".look_back" in problem for problem in found), found


def test_the_problem_names_the_line_of_look_back(tmp_path: Path) -> None:
    folder = two_days(tmp_path, [FIRST], [step("prompt", "q", 'question = "Q"\nlook_back = ["nowhere"]')])
    (problem,) = problems_of(folder)
    line = (folder / "b.toml").read_text().splitlines().index('look_back = ["nowhere"]') + 1
    assert problem.startswith(f"{folder / 'b.toml'}:{line}: steps.q.look_back: ")


@pytest.mark.parametrize(
    ("kind", "body", "expected"),
    [
        (
            "recap",
            'sources = ["things"]\nlook_back = ["things"]\nquestion = "Q"',
            "a recap shows the earlier answers",
        ),
        ("reading", 'body = "B"\nlook_back = ["things"]', "a reading step asks none"),
        ("check", 'instrument = "who5"\nlook_back = ["things"]', "a check step asks none"),
        ("prompt", 'look_back = ["things", "things"]\nquestion = "Q"', "look_back must be distinct"),
    ],
)
def test_look_back_is_for_a_question_other_than_a_recap(
    tmp_path: Path, kind: str, body: str, expected: str
) -> None:
    found = problems_of(write(tmp_path, module_text(FIRST, step(kind, "s", body))))
    assert any(expected in problem for problem in found), found


# -- cites: ids of the program's references -------------------------------------------------------------------


def test_cites_must_name_a_reference_of_the_program(tmp_path: Path) -> None:
    reading = step("reading", "facts", 'cites = ["smith-2020", "jones-1999"]\nbody = "In 2020, 45% said so."')
    folder = two_days(tmp_path, [FIRST], [reading])
    (problem,) = problems_of(folder)
    line = (folder / "b.toml").read_text().splitlines().index('cites = ["smith-2020", "jones-1999"]') + 1
    assert problem == (
        f"{folder / 'b.toml'}:{line}: steps.facts.cites: no reference has the id 'jones-1999' "
        "(see [[references]] in program.toml)"
    )


def test_a_module_cites_for_its_own_text(tmp_path: Path) -> None:
    one = module_text(FIRST).replace("minutes = 20\n", 'minutes = 20\ncites = ["nobody-2001"]\n', 1)
    (tmp_path / "program.toml").write_text(
        PROGRAM_HEAD.replace(', "b.toml"', "") + REFERENCE, encoding="utf-8"
    )
    write(tmp_path, one, "a.toml")
    (problem,) = problems_of(tmp_path)
    assert problem.endswith(
        "a.toml:6: cites: no reference has the id 'nobody-2001' (see [[references]] in program.toml)"
    )


# -- the rule for numbers ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In a national survey in 2023, 45% reported at least one symptom.", ["2023", "45%"]),
        ("Close to half report burnout.", ["half"]),
        ("One in three doctors said so; 12 percent did not.", ["One in three", "12 percent"]),
        ("They were twice as likely, and three times more tired.", ["twice as", "three times more"]),
        ("Glen Gabbard (JAMA, 1985) described a triad.", ["1985"]),
        ("Effects lasted 3.5 years.", ["3.5"]),
        ("Pick 5 values.", ["5"]),  # a count in digits reads as a figure: write counts in words
        ("Pick five values and write three things.", []),
        ("Try it before day 3, and again on days 1 and 4.", []),
        ("A mistake at 4 am; the inbox at 9 pm; we meet at 18:30.", []),
        (
            "Timing for a 90-minute meeting: 12 minutes for the round, 2 for the rules and 69 for the steps.",
            [],
        ),
        ("Set aside, for the next half hour, the voice that says no.", []),
        ("Breathe for 90 seconds. Then 45% of people feel calmer.", ["45%"]),  # a new sentence: no carry-over
        (
            "A 10-minute survey found 45% of us tired in 2019.",
            ["45%", "2019"],
        ),  # % and years never carry over
        ("One thing at a time, in one small step.", []),
    ],
)
def test_which_numbers_are_figures(text: str, expected: list[str]) -> None:
    assert figures(text) == expected


def test_the_shipped_program_has_a_source_for_every_figure(shipped: Program) -> None:
    program = shipped
    assert program_unsourced(program) == []
    # ...and that is not because the check sees nothing: without its cites, the burnout figure is found.
    reading = next(s for m in program.modules for s in m.steps if s.id == "identity-reading")
    unsourced = [
        item
        for item in program_unsourced(
            replace(
                program,
                modules=tuple(
                    replace(m, steps=[replace(s, cites=[]) if s is reading else s for s in m.steps])
                    for m in program.modules
                ),
            )
        )
        if item.step is not None and item.step.id == "identity-reading"
    ]
    assert {item.field for item in unsourced} >= {"body", "on_paper"}
    assert "45%" in unsourced[0].figures or any("45%" in item.figures for item in unsourced)


def test_validate_fails_on_a_figure_without_a_source_and_names_its_line(tmp_path: Path) -> None:
    reading = step("reading", "facts", 'body = "In 2020, 45% of us said so."')
    folder = two_days(tmp_path, [FIRST], [reading])
    result = validate(folder)
    assert result.returncode == 1, result.stdout
    line = (folder / "b.toml").read_text().splitlines().index('body = "In 2020, 45% of us said so."') + 1
    assert result.stdout.splitlines() == [
        f"{folder / 'b.toml'}:{line}: steps.facts.body: states '2020', '45%' without a source: add its "
        "reference id to cites (which numbers need one: docs/authoring.md)"
    ]
    # Citing it is enough; and a module file on its own is checked the same way.
    (folder / "b.toml").write_text(
        (folder / "b.toml").read_text().replace('body = "In', 'cites = ["smith-2020"]\nbody = "In')
    )
    assert validate(folder).returncode == 0
    assert validate(folder / "b.toml").returncode == 0
    assert validate(folder / "a.toml").returncode == 0


def test_a_figure_in_program_toml_is_a_problem_there(tmp_path: Path) -> None:
    folder = two_days(tmp_path, [FIRST], [FIRST.replace("things", "more")])
    text = (
        (folder / "program.toml")
        .read_text()
        .replace('description = "D"', 'description = "Half of us burn out."')
    )
    (folder / "program.toml").write_text(text)
    (problem,) = unsourced_figure_problems(load_program(folder), module_files(folder, load_program(folder)))
    assert str(problem) == (
        f"{folder / 'program.toml'}:4: description: states 'Half' without a source: state it in a step that "
        "cites its source (which numbers need one: docs/authoring.md)"
    )


def validate(path: Path) -> subprocess.CompletedProcess[str]:
    """``workshop validate PATH``, through the command line's ``main`` in this process (``test_cli`` starts
    it for real)."""
    return workshop_here("--data-dir", str(path / "no-journal"), "validate", str(path))
