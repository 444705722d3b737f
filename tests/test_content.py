"""The content model and loader: every kind parses, typical mistakes are refused with a clear place."""

from __future__ import annotations

import re
import textwrap
from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest

from workshop.content.loader import load_any, load_module_file, load_program
from workshop.content.models import STEP_KINDS
from workshop.content.problems import ContentError

MODULE_HEAD = """\
id = "m"
day = 1
title = "A day"
summary = "About a day."
minutes = 20
"""

# One valid step of every kind, as an author would write it.
VALID_STEPS = {
    "reading": 'body = "Some *Markdown* and [a link](https://example.org)."',
    "prompt": 'question = "What?"\nhints = ["Take your time."]',
    "scale": 'question = "How much?"\nlow_label = "none"\nhigh_label = "all"',
    "choice": 'question = "Which?"\noptions = ["a", "b", "c"]\nmultiple = true\nmax_picks = 2\nallow_other = true',
    "list": 'question = "List them."\nmax_items = 3',
    "rank": 'question = "Order them."\noptions = ["a", "b", "c"]\npick = 2',
    "pause": 'seconds = 60\nstyle = "breathing"',
    "recap": 'sources = ["first"]\nquestion = "What do you see?"',
    "commitment": 'question = "One small step?"',
    "check": 'instrument = "who5"',
    "feedback": 'question = "How was it?"\nquestions = [{ id = "useful", text = "It was useful." }]',
    "follow-through": 'question = "Did it happen?"',
}


def module_text(*steps: str) -> str:
    return MODULE_HEAD + "".join(f"\n[[steps]]\n{step}\n" for step in steps)


def step(kind: str, step_id: str, body: str) -> str:
    return f'id = "{step_id}"\nkind = "{kind}"\ntitle = "T"\n{body}'


def write(tmp_path: Path, text: str, name: str = "m.toml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_any(path)
    return [str(problem) for problem in caught.value.problems]


def test_every_step_kind_parses(tmp_path: Path) -> None:
    first = step("prompt", "first", 'question = "First?"')
    others = [step(kind, f"s-{kind}", body) for kind, body in VALID_STEPS.items()]
    module = load_module_file(write(tmp_path, module_text(first, *others)))
    assert [s.kind for s in module.steps[1:]] == list(STEP_KINDS)


def test_models_are_frozen(mini_program_dir: Path) -> None:
    program = load_program(mini_program_dir)
    with pytest.raises(FrozenInstanceError):
        program.modules[0].steps[0].title = "changed"  # type: ignore[misc]  # assigning to a frozen class, on purpose


@pytest.mark.parametrize(
    ("kind", "body", "expected"),
    [
        ("reading", 'body = "<script>x</script>"', "raw HTML"),
        ("reading", 'body = "[x](javascript:alert)"', "not an http"),
        ("reading", 'body = "   "', "blank"),
        ("prompt", "hints = []", "question: required field is missing"),
        ("prompt", 'question = "Q"\nhint = ["typo"]', "hint: unknown key"),
        (
            "scale",
            'question = "Q"\nlow = 5\nhigh = 5\nlow_label = "a"\nhigh_label = "b"',
            "low must be smaller",
        ),
        (
            "scale",
            'question = "Q"\nlow = 0\nhigh = 50\nlow_label = "a"\nhigh_label = "b"',
            "at most 21 points",
        ),
        ("choice", 'question = "Q"\noptions = ["a", "A"]', "distinct"),
        ("choice", 'question = "Q"\noptions = ["a"]', "at least 2"),
        ("choice", 'question = "Q"\noptions = ["a", "b"]\nmin_picks = 2', "exactly one pick"),
        ("list", 'question = "Q"\nmax_items = 2\nmin_items = 3', "min_items is more than max_items"),
        ("rank", 'question = "Q"\noptions = ["a", "b"]\npick = 3', "pick (3) is more than the 2 options"),
        ("pause", "seconds = 1", "greater than or equal to 5"),
        ("recap", 'sources = []\nquestion = "Q"', "at least 1"),
        ("commitment", 'question = "Q\\u001b[2J"', "control character"),
        ("prompt", 'question = "Q"\nformat = "triads"', "solo"),
    ],
)
def test_each_kind_refuses_its_typical_mistakes(tmp_path: Path, kind: str, body: str, expected: str) -> None:
    path = write(tmp_path, module_text(step(kind, "bad-step", body)))
    found = problems_of(path)
    assert any(expected in problem for problem in found), found
    assert all(problem.startswith(str(path)) for problem in found)
    assert any("steps.bad-step" in problem for problem in found), found


def test_problem_names_the_line_of_the_field(tmp_path: Path) -> None:
    text = module_text(step("prompt", "fine", 'question = "Q"'), step("scale", "broken", 'question = "Q"'))
    path = write(tmp_path, text)
    found = problems_of(path)
    missing = next(p for p in found if "low_label" in p)
    header_line = text.splitlines().index("[[steps]]", text.splitlines().index('id = "fine"')) + 1
    assert missing.startswith(f"{path}:{header_line}: steps.broken.low_label: required field is missing")


def test_step_ids_must_be_slugs_and_unique(tmp_path: Path) -> None:
    bad = write(tmp_path, module_text(step("prompt", "Not A Slug", 'question = "Q"')))
    assert any("lower-case letters" in p for p in problems_of(bad))
    twice = write(
        tmp_path,
        module_text(step("prompt", "same", 'question = "Q"'), step("prompt", "same", 'question = "Q"')),
    )
    assert any("used twice" in p for p in problems_of(twice))


def test_recap_must_point_back_at_an_answer(tmp_path: Path) -> None:
    later = step("recap", "look", 'sources = ["after"]\nquestion = "Q"')
    after = step("prompt", "after", 'question = "Q"')
    assert any("comes after this recap" in p for p in problems_of(write(tmp_path, module_text(later, after))))
    reading = step("reading", "text", 'body = "Hello"')
    recap = step("recap", "look", 'sources = ["text"]\nquestion = "Q"')
    assert any("saves no answer" in p for p in problems_of(write(tmp_path, module_text(reading, recap))))


def program_folder(tmp_path: Path, modules: dict[str, str], names: list[str] | None = None) -> Path:
    listed = ", ".join(f'"{name}"' for name in (names or list(modules)))
    write(
        tmp_path,
        f'id = "p"\ntitle = "P"\nversion = "1.0"\ndescription = "D"\nmodules = [{listed}]\n',
        "program.toml",
    )
    for name, text in modules.items():
        write(tmp_path, text, name)
    return tmp_path


def test_program_checks_span_files(tmp_path: Path) -> None:
    one = module_text(step("prompt", "shared", 'question = "Q"'))
    two = module_text(
        step("prompt", "shared", 'question = "Q"'),
        step("recap", "r", 'sources = ["nowhere"]\nquestion = "Q"'),
    )
    two = two.replace('id = "m"', 'id = "m2"', 1).replace("day = 1", "day = 2", 1)
    folder = program_folder(tmp_path, {"a.toml": one, "b.toml": two}, ["a.toml", "b.toml", "missing.toml"])
    found = problems_of(folder)
    assert any("b.toml" in p and "also used in a.toml" in p for p in found), found
    assert any("no earlier step has the id 'nowhere'" in p for p in found), found
    assert any("program.toml" in p and "missing.toml" in p and "not in" in p for p in found), found


def test_a_broken_day_is_reported_once_not_again_by_every_recap_after_it(tmp_path: Path) -> None:
    one = module_text(step("prompt", "early", 'question = "Q"'), step("prompt", "bad", ""))  # no question
    two = module_text(step("recap", "r", 'sources = ["early", "nowhere"]\nquestion = "Q"'))
    two = two.replace('id = "m"', 'id = "m2"', 1).replace("day = 1", "day = 2", 1)
    found = problems_of(program_folder(tmp_path, {"a.toml": one, "b.toml": two}))
    assert any("a.toml" in p and "steps.bad" in p for p in found), found
    assert not any("'early'" in p for p in found), found  # its file's own problem says enough
    assert any("b.toml" in p and "no earlier step has the id 'nowhere'" in p for p in found), found


def test_recap_may_reach_into_earlier_days(tmp_path: Path) -> None:
    one = module_text(step("prompt", "early", 'question = "Q"'))
    two = module_text(step("recap", "r", 'sources = ["early"]\nquestion = "Q"'))
    two = two.replace('id = "m"', 'id = "m2"', 1).replace("day = 1", "day = 2", 1)
    program = load_program(program_folder(tmp_path, {"a.toml": one, "b.toml": two}))
    assert program.find_step("early") is not None  # and loading raised no "no earlier step" problem


BROKEN_FILES = {
    "empty": b"",
    "whitespace only": b"   \n\n",
    "invalid toml": b"id = \n",
    "invalid utf-8": b'id = "caf\xe9"\n',
    "binary": b"\x00\x01\x02\x03",
    "deep nesting": b"x = " + b"[" * 5000 + b"]" * 5000 + b"\n",
    "wrong types": b'id = 3\nday = "one"\ntitle = []\nsummary = {}\nminutes = true\nsteps = 5\n',
    "missing everything": b'id = "m"\n',
    "unknown kind": (MODULE_HEAD + '\n[[steps]]\nid = "s"\nkind = "poem"\ntitle = "T"\n').encode(),
    "missing kind": (MODULE_HEAD + '\n[[steps]]\nid = "s"\ntitle = "T"\n').encode(),
    "steps not tables": (MODULE_HEAD + "steps = [1, 2]\n").encode(),
    "huge": b"# " + b"x" * (2 * 1024 * 1024) + b"\n",
}


@pytest.mark.parametrize("name", list(BROKEN_FILES))
def test_broken_files_are_problems_naming_the_file(tmp_path: Path, name: str) -> None:
    path = tmp_path / "broken.toml"
    path.write_bytes(BROKEN_FILES[name])
    found = problems_of(path)
    assert found
    assert all(problem.startswith(str(path)) for problem in found)
    assert all("Traceback" not in problem for problem in found)


def test_problems_never_quote_the_input(tmp_path: Path) -> None:
    secret = "my-secret-sentence-xyz"
    path = write(tmp_path, MODULE_HEAD.replace('"A day"', "42") + f'\nsummary2 = "{secret}"\n')
    assert not any(secret in problem for problem in problems_of(path))


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    text = module_text(step("prompt", "q", 'question = "Q"'))
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    assert load_module_file(path).id == "m"


def test_the_support_lines_load_and_a_broken_file_names_every_problem_with_its_line(tmp_path: Path) -> None:
    from workshop import paths
    from workshop.content.support import load_support_lines

    shipped = load_support_lines(paths.support_lines_file())
    assert shipped.lines and all(line.checked for line in shipped.lines)
    text = paths.support_lines_file().read_text(encoding="utf-8")
    broken = tmp_path / "support_lines.toml"
    broken.write_text(text.replace('name = "Samaritans"\n', "").replace("hours = ", "hour = ", 1), encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        load_support_lines(broken)
    found = [str(problem) for problem in raised.value.problems]
    assert any("lines[3].name" in p and "required" in p for p in found), found
    assert any(re.match(rf"{re.escape(str(broken))}:\d+: lines\[1\]\.hour: unknown key", p) for p in found), found
