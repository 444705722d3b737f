"""Every layer handles every kind of step and every type of answer.

Parametrised over the ``Step`` union and the ``Value`` union, so a new kind (or answer type) fails here,
layer by layer, until each one handles it: the journal's codec and checks, the text renderer used by the
app and the exports, the exports, the step widget, the presenter's slide and the paper handout. mypy
names the same gaps first (every ``match`` over kinds ends in ``assert_never``); this catches what a
type checker cannot, such as a layer that handles a kind by saying nothing.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from typing import get_args

import pytest

from tests.memory_run import MemoryRun, sample_value
from workshop.answers import VALUE_FIELDS, VALUE_TYPES, Answer, Value
from workshop.cli import main
from workshop.content.loader import load_program
from workshop.content.models import STEP_KINDS, STEP_TYPES, Module, Program, Step, StepBase
from workshop.flow.describe import Style, describe_value
from workshop.journal.format import ModuleData, decode_module, encode_module, parse_bytes
from workshop.journal.store import _check_value
from workshop.present.deck import step_slide
from workshop.present.strings import PRIVATE_STEP
from workshop.reports import export
from workshop.reports.handouts import step_on_paper

MOMENT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def program(tmp_path_factory: pytest.TempPathFactory) -> Program:
    """The sample program ``workshop new program`` writes: one step of every kind, every field set."""
    folder = tmp_path_factory.mktemp("sample") / "sample"
    assert main(["new", "program", str(folder)]) == 0
    return load_program(folder)


def step_of(program: Program, step_type: type[StepBase]) -> tuple[Module, Step]:
    """The sample program's step of this kind (``workshop/content/scaffold.py``: add the new kind there)."""
    for module in program.modules:
        for step in module.steps:
            if type(step) is step_type:
                return module, step
    raise AssertionError(f"the sample program has no {step_type.__name__}: add one to content/scaffold.py")


kinds = pytest.mark.parametrize("step_type", STEP_TYPES, ids=STEP_KINDS)
value_types = pytest.mark.parametrize("value_type", list(VALUE_TYPES.values()), ids=list(VALUE_TYPES))


# ---- the definitions themselves --------------------------------------------------------------------------


@kinds
def test_each_kind_names_its_answer_type(step_type: type[StepBase]) -> None:
    assert "answer_type" in vars(step_type), f"{step_type.__name__} must say which answer it saves (or None)"
    assert step_type.answer_type is None or step_type.answer_type in VALUE_TYPES.values()


def test_the_kinds_are_the_union() -> None:
    assert len(set(STEP_KINDS)) == len(STEP_TYPES) == len(STEP_KINDS)
    assert all(get_args(step_type.__annotations__["kind"]) == (kind,)
               for kind, step_type in zip(STEP_KINDS, STEP_TYPES, strict=True))


# ---- answer types: the journal and the text renderer ------------------------------------------------------


@value_types
def test_the_journal_round_trips_every_answer_type(value_type: type[Value]) -> None:
    value = sample_value(value_type)
    _check_value(value)  # the store accepts it
    data = ModuleData("day", {"step": Answer("step", value, MOMENT, MOMENT)})
    text = encode_module(data, 1)
    assert f"kind = '{value_type.KIND}'" in text
    for spec in VALUE_FIELDS[value_type]:
        assert f"\n{spec.name} = " in text
    assert decode_module(parse_bytes(text.encode()), "day").exact() == data.exact()


@value_types
def test_the_journal_refuses_a_field_of_the_wrong_type(value_type: type[Value]) -> None:
    value = sample_value(value_type)
    for spec in VALUE_FIELDS[value_type]:
        wrong = dataclasses.replace(value, **{spec.name: 1.5})  # type: ignore[arg-type]  # the wrong type on purpose
        with pytest.raises(TypeError, match=spec.name):
            _check_value(wrong)


@value_types
@pytest.mark.parametrize("style", ["screen", "document"])
def test_every_answer_type_reads_as_text(value_type: type[Value], style: Style) -> None:
    text = describe_value(sample_value(value_type), style=style)
    assert any(word in text for word in ("Words of my own", "first of mine", "7", "WHO-5")), text


# ---- step kinds: every layer that has a table of kinds ----------------------------------------------------


@kinds
def test_every_answering_kind_is_shown_and_exported(program: Program, step_type: type[StepBase]) -> None:
    module, step = step_of(program, step_type)
    if step.answer_type is None:
        assert not step.answers
        return
    value = sample_value(step.answer_type, step)
    assert describe_value(value, step).strip() and describe_value(value, step, style="document").strip()
    answered = MemoryRun()
    answered.set_answer(module.id, step.id, value)
    for fmt in export.FORMATS:
        shown = export.render(fmt, program, [answered])
        assert shown != export.render(fmt, program, [MemoryRun()]), f"{fmt} leaves the answer out"
        if fmt == "markdown":
            section = shown.split(f"#### {step.title}")[1].split("\n#### ")[0]
            assert "(No answer.)" not in section and "> " in section


@kinds
def test_every_kind_has_a_widget(program: Program, step_type: type[StepBase]) -> None:
    from workshop.tui.widgets.base import StepView
    from workshop.tui.widgets.steps import step_view

    _, step = step_of(program, step_type)
    value = sample_value(step.answer_type, step) if step.answer_type else None
    view = step_view(step, value)
    assert isinstance(view, StepView) and type(view) is not StepView


@kinds
def test_every_kind_has_a_slide(program: Program, step_type: type[StepBase]) -> None:
    module, step = step_of(program, step_type)
    slide = step_slide(step, number=4, module=module, program=program)
    assert slide.step_kind == step.kind and slide.title == step.title
    said = [slide.lead, slide.body_markdown, slide.question, *slide.items]
    assert any(said), f"the {step.kind} slide shows the room nothing"
    assert slide.lead != PRIVATE_STEP, "every kind says what it is, not only that it is private"


@kinds
def test_every_kind_has_a_paper_form(program: Program, step_type: type[StepBase]) -> None:
    _, step = step_of(program, step_type)
    blocks = step_on_paper(program, step)
    assert blocks or step.kind == "pause"  # a timed silence has nothing to print
