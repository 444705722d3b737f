"""The user's own earlier answers, read-only: above a question that refers to them (``look_back``) and in
a recap. Each is a title line ("Day 1 · Milestones") and the answer as plain text, never markup."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Label, Static

from workshop.flow.day import RecapItem
from workshop.flow.describe import describe_value
from workshop.ui_text import plain

NOTHING_YET = "(nothing written here yet)"


def earlier_answers(items: Sequence[RecapItem]) -> Iterator[Widget]:
    """A title and an answer for each earlier step, in order."""
    for item in items:
        yield Label(plain(f"Day {item.module.day} · {item.step.title}"), classes="recap-title")
        if item.answer is None or item.answer.value.is_empty():
            yield Static(plain(NOTHING_YET), classes="recap-answer empty")
        else:
            yield Static(plain(describe_value(item.answer.value, item.step)), classes="recap-answer")


class LookBack(VerticalScroll):
    """Earlier answers shown above a question, compact and read-only.

    It never takes the focus on its own: the answer field has it when the step opens, and keys typed go
    there. It is at most a few lines high, so the question and the answer box below it stay in view at
    80x24; when longer it scrolls, with the mouse wheel, or from the keyboard as a recap's box does
    (Shift+Tab reaches it, then the arrows and Page keys). The review shows every answer in full.
    """

    DEFAULT_CLASSES = "look-back"

    def __init__(self, items: Sequence[RecapItem]) -> None:
        super().__init__(id="look-back")
        self.items = list(items)

    def compose(self) -> ComposeResult:
        yield from earlier_answers(self.items)
