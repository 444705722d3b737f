"""Help (F1): the app's own keys on the screen below, in plain words, built from the bindings themselves.

Only the workshop's bindings are listed (they all have an id, such as ``day.next``); Textual's own cursor
and scroll keys work as in any text box and would crowd them out. A binding's tooltip, where it has one,
says what it does in a sentence; otherwise its footer label does.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

KEY_WIDTH = 18
KEY_NAMES = {
    "escape": "Esc",
    "enter": "Enter",
    "space": "Space",
    "tab": "Tab",
    "backspace": "Backspace",
    "delete": "Delete",
    "home": "Home",
    "end": "End",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
}
WHERE = ("On this screen", "Where the cursor is", "Everywhere")
ALWAYS = [
    ("ctrl+p", "Commands: go to a day, review, insight, export, theme"),
    ("ctrl+z, ctrl+y", "Undo, redo: in any box you write in"),
    ("Tab, shift+Tab", "Move to the next or previous part of the screen"),
    ("↑ ↓ PgUp PgDn", "Scroll, where there is more to read"),
]


def key_name(key: str) -> str:
    """``ctrl+left_square_bracket`` -> ``ctrl+[``, ``escape`` -> ``Esc``, ``f1`` -> ``F1``."""
    *modifiers, name = key.split("+")
    name = KEY_NAMES.get(name, name.upper() if name.startswith("f") and name[1:].isdigit() else name)
    return "+".join([*modifiers, name])


@dataclass(frozen=True)
class KeyRow:
    keys: str
    what: str


def key_sections(screen: Screen[object]) -> list[tuple[str, list[KeyRow]]]:
    """The workshop's keys active on ``screen``, grouped by where they work, each with what it does."""
    found: dict[str, dict[int, tuple[list[str], str]]] = {where: {} for where in WHERE}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if binding.id is None or not binding.description or not active.enabled:
            continue  # Textual's own keys (they have no id), or one that does nothing here
        if active.node is screen.app:
            where = "Everywhere"
        elif active.node is screen:
            where = "On this screen"
        else:
            where = "Where the cursor is"
        keys, _ = found[where].setdefault(id(binding), ([], binding.tooltip or binding.description))
        keys.append(key_name(key))
    sections = [
        (where, [KeyRow(" or ".join(keys), what) for keys, what in found[where].values()]) for where in WHERE
    ]
    sections[-1][1].extend(KeyRow(keys, what) for keys, what in ALWAYS)
    return [(where, rows) for where, rows in sections if rows]


def section_table(rows: list[KeyRow], key_width: int) -> Table:
    """Keys on the left, what they do on the right, wrapping under itself: readable at 80 columns."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True, width=key_width)
    grid.add_column(ratio=1)
    for row in rows:
        grid.add_row(Text(row.keys, style="bold"), Text(row.what))
    return grid


class HelpScreen(ModalScreen[None]):
    """Lists the keys; it is built from the bindings, so it can never go out of date."""

    BINDINGS = [Binding("escape,f1,q", "dismiss", "Close", id="help.close")]  # noqa: RUF012

    def __init__(self, sections: list[tuple[str, list[KeyRow]]]) -> None:
        super().__init__(classes="help-screen")
        self.sections = sections

    def compose(self) -> ComposeResult:
        with Vertical(classes="help"):
            yield Static("Keys", classes="support-title")
            widest = max(len(row.keys) for _, rows in self.sections for row in rows)
            with VerticalScroll(classes="help-body", id="help-body"):
                for where, rows in self.sections:
                    yield Static(where, classes="help-where")
                    yield Static(section_table(rows, min(KEY_WIDTH, widest)), classes="help-keys")
                yield Static("The mouse works too.", classes="dim help-end")
            yield Static("Esc closes · ↑ ↓ PgUp PgDn scroll", classes="dim")

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
