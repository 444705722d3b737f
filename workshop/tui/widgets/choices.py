"""A list of options with a mark in front of each that reads without colour: ``[x]`` ticked, ``[ ]`` not,
``(•)`` chosen, ``( )`` not. Long options wrap under their own text (a hanging indent), never under the mark.

Textual's SelectionList and RadioSet show the same glyph for both states, told apart by colour alone (under
NO_COLOR an unticked box all but vanished), and wrap long options under the box.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from rich.cells import cell_len
from textual.binding import Binding
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from workshop.text import display_text

TICKED, UNTICKED = "[x]", "[ ]"
CHOSEN, NOT_CHOSEN = "(•)", "( )"


class Hanging(Visual):
    """``mark``, a space, then ``text`` (shown literally), the text's wrapped lines starting under its first
    letter.

    A Rich table of two columns drew the same, but an option list measures every option's height at each
    layout, and a table is rendered whole to be measured: opening the values sort (two lists, 20 options,
    three layouts) held the loop 50 to 80 ms. This wraps the text once for a width and keeps it.
    """

    def __init__(self, mark: str, text: str, *, bold: bool = False) -> None:
        style = "bold" if bold else ""
        self._mark = Content.styled(mark, style)
        self._text = Content.styled(display_text(text), style)
        self._indent = cell_len(mark) + 1
        self._wrapped: tuple[int, Content, int] | None = None  # (width, the lines, how many)

    def _lines(self, width: int) -> tuple[Content, int]:
        if self._wrapped is None or self._wrapped[0] != width:
            lines = self._text.wrap(max(1, width - self._indent))
            shown = self._mark + " " + lines[0]
            for line in lines[1:]:
                shown = shown + "\n" + " " * self._indent + line
            self._wrapped = (width, shown, len(lines))
        return self._wrapped[1], self._wrapped[2]

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        return self._lines(width)[0].render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self._indent + self._text.get_optimal_width(rules, container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self._lines(width)[1]


class ChoiceList(OptionList):
    """The options of a choice step. Enter, space or a click picks the highlighted one; the step view
    decides what that means (``workshop.flow.answering.toggle_pick``) and calls ``show``."""

    BINDINGS = [Binding("space", "select", "Tick", show=False)]  # noqa: RUF012 - Textual's convention

    def __init__(self, options: Sequence[str], *, multiple: bool, id: str | None = None) -> None:
        super().__init__(*(Option(Hanging(UNTICKED, option), id=option) for option in options), id=id)
        self.choices = tuple(options)
        self.multiple = multiple

    def show(self, picked: Collection[str]) -> None:
        """Mark the picked options, in place: the highlight stays where the user's eyes are."""
        on, off = (TICKED, UNTICKED) if self.multiple else (CHOSEN, NOT_CHOSEN)
        for index, option in enumerate(self.choices):
            chosen = option in picked
            self.replace_option_prompt_at_index(index, Hanging(on if chosen else off, option, bold=chosen))
