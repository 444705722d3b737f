"""A one-line text box that is kind to what is already written in it.

Textual's ``Input`` selects all its text when it gets the focus, so the first key typed on coming back
to a filled line replaced it, with no way back. ``Field`` keeps the cursor at the end of the text instead,
and undoes (ctrl+z) and redoes (ctrl+y) like the reflection boxes do.
"""

from __future__ import annotations

from textual.binding import Binding

from workshop.tui.widgets.in_order import InOrderInput

UNDO_LIMIT = 200


class UndoHistory:
    """The states of a line of text before each edit, with typing of one word kept as one step.

    Plain Python: ``record`` is told the text and cursor *before* every edit, and what the edit does.
    """

    def __init__(self) -> None:
        self._undo: list[tuple[str, int]] = []
        self._redo: list[tuple[str, int]] = []
        self._run: str | None = None  # "type" or "erase" while a word is being typed or rubbed out

    def record(self, value: str, cursor: int, inserted: str, removed: int) -> None:
        """Remember ``value`` before an edit that removes ``removed`` characters and inserts ``inserted``."""
        if len(inserted) == 1 and not removed:
            kind: str | None = "type"
        elif not inserted and removed == 1:
            kind = "erase"
        else:
            kind = None  # a paste, a cut, a word deleted: a step of its own
        if kind is None or kind != self._run:
            self._undo.append((value, cursor))
            del self._undo[:-UNDO_LIMIT]
        # A space or punctuation ends the word: the next word typed is a step of its own.
        self._run = None if kind == "type" and not inserted.isalnum() else kind
        self._redo.clear()

    def undo(self, value: str, cursor: int) -> tuple[str, int] | None:
        """The state before the last step (and remember ``value`` for redo), or None if there is none."""
        self._run = None
        if not self._undo:
            return None
        self._redo.append((value, cursor))
        return self._undo.pop()

    def redo(self, value: str, cursor: int) -> tuple[str, int] | None:
        self._run = None
        if not self._redo:
            return None
        self._undo.append((value, cursor))
        return self._redo.pop()


class Field(InOrderInput):
    """An ``Input`` that never selects its text on focus, with the cursor at its end, and with undo; its
    editing keys (backspace, the arrows, ctrl+u, undo) happen in the order they were typed (in_order.py)."""

    BINDINGS = [  # noqa: RUF012 - Textual's convention
        Binding("ctrl+z", "undo", "Undo", show=False, id="field.undo"),
        Binding("ctrl+y,ctrl+shift+z", "redo", "Redo", show=False, id="field.redo"),
    ]

    def __init__(self, value: str = "", **options: object) -> None:
        super().__init__(value, select_on_focus=False, **options)  # type: ignore[arg-type]
        self.history = UndoHistory()

    def replace(self, text: str, start: int, end: int) -> None:
        # Every edit of an Input (typing, deleting, pasting, cutting) comes through here.
        before, cursor = self.value, self.cursor_position
        super().replace(text, start, end)
        if self.value != before:
            self.history.record(before, cursor, text, removed=abs(end - start))

    def action_undo(self) -> None:
        self._restore(self.history.undo(self.value, self.cursor_position))

    def action_redo(self) -> None:
        self._restore(self.history.redo(self.value, self.cursor_position))

    def _restore(self, state: tuple[str, int] | None) -> None:
        if state is None:
            self.app.bell()
            return
        self.value, self.cursor_position = state
