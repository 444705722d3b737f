"""What a test expects to be there, typed: an answer that was saved, a value of a given kind, a state that
was written.

The journal and the presenter return ``None`` for what is missing, and an answer's value is any of the
``Value`` types; a test that knows better says so with these, and mypy then checks what it does with
them (an ignore comment would hide the next mistake on that line too). Each is an ``assert`` that fails
with a message naming what was missing, where reaching through ``None`` would fail with an
``AttributeError`` about ``NoneType``.
"""

from __future__ import annotations

from typing import TypeVar

from workshop.answers import Answer
from workshop.flow.run_view import AnswerSource

T = TypeVar("T")


def not_none(value: T | None, what: str = "a value") -> T:
    """``value``, which the test expects to be there."""
    assert value is not None, f"expected {what}, got None"
    return value


def answer_to(run: AnswerSource, step_id: str) -> Answer:
    """The saved answer to ``step_id`` in ``run`` (a journal's run, or any run the flow reads)."""
    return not_none(run.answer(step_id), f"an answer to {step_id!r}")


def value_as(answer: Answer | None, value_type: type[T]) -> T:
    """The value of ``answer``, which the test expects to be a ``value_type`` (a scale's ``IntegerValue``,
    a checklist's ``ChoicesValue`` ...)."""
    answer = not_none(answer, f"an answer holding a {value_type.__name__}")
    assert isinstance(answer.value, value_type), f"{answer.step_id}: {answer.value!r} is not a {value_type.__name__}"
    return answer.value
