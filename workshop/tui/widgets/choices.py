"""A list of options with a mark in front of each that reads without colour: ``[x]`` ticked, ``[ ]`` not,
``(•)`` chosen, ``( )`` not. Long options wrap under their own text (a hanging indent), never under the mark.

Textual's SelectionList and RadioSet show the same glyph for both states, told apart by colour alone (under
NO_COLOR an unticked box all but vanished), and wrap long options under the box.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from workshop.text import display_text

TICKED, UNTICKED = "[x]", "[ ]"
CHOSEN, NOT_CHOSEN = "(•)", "( )"


def hanging(mark: str, text: str, *, bold: bool = False) -> Table:
    """``mark`` then ``text`` (shown literally), the text's wrapped lines starting under its first letter."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=len(mark), no_wrap=True)
    grid.add_column(ratio=1)
    style = "bold" if bold else ""
    grid.add_row(Text(mark, style=style), Text(display_text(text), style=style))
    return grid


class ChoiceList(OptionList):
    """The options of a choice step. Enter, space or a click picks the highlighted one; the step view
    decides what that means (``workshop.flow.answering.toggle_pick``) and calls ``show``."""

    BINDINGS = [Binding("space", "select", "Tick", show=False)]  # noqa: RUF012 - Textual's convention

    def __init__(self, options: Sequence[str], *, multiple: bool, id: str | None = None) -> None:
        super().__init__(*(Option(hanging(UNTICKED, option), id=option) for option in options), id=id)
        self.choices = tuple(options)
        self.multiple = multiple

    def show(self, picked: Collection[str]) -> None:
        """Mark the picked options, in place: the highlight stays where the user's eyes are."""
        on, off = (TICKED, UNTICKED) if self.multiple else (CHOSEN, NOT_CHOSEN)
        for index, option in enumerate(self.choices):
            chosen = option in picked
            self.replace_option_prompt_at_index(index, hanging(on if chosen else off, option, bold=chosen))
