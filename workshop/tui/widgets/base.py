"""What every step widget has in common: it shows one step and reports its answer as it changes."""

from __future__ import annotations

from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Collapsible, Static

from workshop.answers import Value
from workshop.content.models import Step
from workshop.ui_text import plain


class StepView(Vertical):
    """Base of the widgets for each step kind.

    Subclasses compose the step's controls, return the current answer from ``value`` and post
    ``AnswerChanged`` whenever the user changes it. They never save anything themselves.
    """

    DEFAULT_CLASSES = "step-view"

    class AnswerChanged(Message):
        """The user changed the answer of the step on screen. It carries no value: by the time it is
        handled, more may have been typed, so the screen reads the answer from the view then."""

        def __init__(self, step_id: str) -> None:
            super().__init__()
            self.step_id = step_id

    def __init__(self, step: Step, value: Value | None = None) -> None:
        super().__init__(id=f"step-{step.id}")
        self.step = step
        self.initial = value

    def value(self) -> Value | None:
        """The answer as it stands on screen (None when the step saves nothing)."""
        return None

    def changed(self) -> None:
        """Tell the screen the answer changed."""
        self.post_message(self.AnswerChanged(self.step.id))

    def first_field(self) -> Widget | None:
        """Where the user starts typing or choosing when the step opens (None: nothing to answer)."""
        for widget in self.query("*"):
            if widget.focusable:
                return widget
        return None

    async def loaded(self) -> None:
        """Wait until everything the step shows is on screen. Keys typed meanwhile are held until then
        (tui/keys.py), so that End on a long reading goes to its real end."""


def question(text: str) -> Static:
    return Static(plain(text), classes="question")


def intro(text: str | None) -> Static:
    return Static(plain(text or ""), classes="intro" if text else "intro hidden")


def hints(items: list[str], title: str = "A nudge, if you want one") -> Collapsible:
    """Hints stay folded away until asked for: a blank page is fine."""
    body = Static(plain("\n".join(f"• {hint}" for hint in items)), classes="hint-text")
    collapsible = Collapsible(body, title=title, collapsed=True, classes="hints")
    if not items:
        collapsible.display = False
    return collapsible
