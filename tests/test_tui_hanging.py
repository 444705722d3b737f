"""Options with a mark in front wrap under their own first letter, drawn exactly as the Rich table that drew
them before (``Hanging`` replaced it because a table is rendered whole each time an option list measures)."""

from __future__ import annotations

import io
from typing import cast

from rich.console import Console
from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.css.styles import RulesMap
from textual.style import Style
from textual.visual import Visual

from workshop.tui.widgets.choices import TICKED, UNTICKED, ChoiceList, Hanging

OPTIONS = [
    "Time with the people who matter most to me, even on the longest of weeks",
    "Craft [/] [@click=app.quit]done well[/]",  # shown literally: never markup
    "A word-that-is-far-too-long-for-a-narrow-column-to-hold-on-one-line",
    "Short",
]


def table_lines(mark: str, text: str, width: int, *, bold: bool) -> list[str]:
    """How the two-column Rich table of before drew ``mark`` and ``text`` at ``width``."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=len(mark), no_wrap=True)
    grid.add_column(ratio=1)
    style = "bold" if bold else ""
    grid.add_row(Text(mark, style=style), Text(text, style=style))
    out = io.StringIO()
    Console(width=width, file=out, color_system=None).print(grid)
    return [line.rstrip() for line in out.getvalue().rstrip("\n").split("\n")]


class OneList(App[None]):
    def compose(self) -> ComposeResult:
        yield ChoiceList(OPTIONS, multiple=True)


async def test_hanging_options_draw_as_the_table_did_wherever_their_words_fit() -> None:
    app = OneList()
    async with app.run_test():
        widget = app.query_one(ChoiceList)
        for mark, bold in ((UNTICKED, False), (TICKED, True), ("10.", False)):
            for text in OPTIONS:
                longest = max(len(word) for word in text.split())
                for width in range(len(mark) + 1 + longest, 70):
                    visual = Hanging(mark, text, bold=bold)
                    drawn = [
                        strip.text.rstrip()
                        for strip in Visual.to_strips(widget, visual, width, None, Style())
                    ]
                    assert drawn == table_lines(mark, text, width, bold=bold), (mark, text, width)
                    assert visual.get_height(cast(RulesMap, widget.styles), width) == len(drawn)


async def test_a_word_too_long_for_the_column_is_folded_not_cut() -> None:
    # The table cut it short with an ellipsis: the rest of the option could not be read at all.
    app = OneList()
    async with app.run_test():
        widget = app.query_one(ChoiceList)
        text = OPTIONS[2]
        for width in range(8, 30):
            strips = Visual.to_strips(widget, Hanging(UNTICKED, text), width, None, Style())
            lines = [strip.text.rstrip() for strip in strips]
            assert lines[0].startswith("[ ] ") and all(line.startswith("    ") for line in lines[1:])
            assert "".join(line[4:] for line in lines).replace(" ", "") == text.replace(" ", "")


async def test_options_in_a_narrow_list_wrap_under_their_first_letter_and_show_literally() -> None:
    app = OneList()
    async with app.run_test(size=(30, 20)) as pilot:
        await pilot.pause()
        widget = app.query_one(ChoiceList)
        lines = [strip.text for strip in widget.render_lines(widget.content_region.reset_offset)]
        first = next(n for n, line in enumerate(lines) if "[ ] Time" in line)
        column = lines[first].index("Time")
        assert lines[first + 1][:column].strip(" ▊") == "" and lines[first + 1][column] not in " ▎"
        shown = " ".join(line.strip(" ▊▎") for line in lines)
        assert "Craft [/]" in shown and "[@click=app.quit]" in shown  # as written, not as markup
