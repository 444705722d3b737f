"""Help (F1): every key that works on the screen below, generated from the bindings themselves."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Static

from workshop.tui.safe import plain


def key_rows(screen: Screen[object]) -> list[tuple[str, str, str]]:
    """(where, keys, what) for every binding that has a description and is active on ``screen``."""
    rows: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str]] = set()
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if not binding.description:
            continue
        where = "Everywhere" if active.node is screen.app else type(active.node).__name__
        shown = screen.app.get_key_display(binding) if key == binding.key.split(",")[0] else key
        if (binding.description, where) in seen:
            continue
        seen.add((binding.description, where))
        rows.append((where, shown, binding.description))
    return sorted(rows, key=lambda row: (row[0] != "Everywhere", row[0], row[2]))


class HelpScreen(ModalScreen[None]):
    """Lists the keys; it is built from the bindings, so it can never go out of date."""

    BINDINGS = [Binding("escape,f1,q", "dismiss", "Close", id="help.close")]  # noqa: RUF012

    def __init__(self, rows: list[tuple[str, str, str]]) -> None:
        super().__init__(classes="help-screen")
        self.rows = rows

    def compose(self) -> ComposeResult:
        with Vertical(classes="help"):
            yield Static("Keys", classes="support-title")
            table: DataTable[Content] = DataTable(cursor_type="row", zebra_stripes=True)
            table.add_columns("Where", "Key", "What it does")
            for row in self.rows:
                table.add_row(*(plain(cell) for cell in row))
            yield table
            yield Static("The mouse works too. Esc closes.", classes="dim")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
