"""One reusable modal: a calm message with a few choices. Dismisses with the id of the chosen button."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from workshop.tui.context import workshop_of
from workshop.ui_text import plain


class Notice(ModalScreen[str | None]):
    """A message (plain text, never markup) and buttons. Escape dismisses with None."""

    BINDINGS = [Binding("escape", "dismiss_none", "Close", id="notice.close")]  # noqa: RUF012
    AUTO_FOCUS = "Button"  # the first choice; Textual focuses it once the buttons exist

    def __init__(self, title: str, body: str, choices: list[tuple[str, str]] | None = None) -> None:
        super().__init__(classes="notice-screen")
        self.title_text = title
        self.body = body
        self.choices = choices or [("ok", "OK")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="notice"):
            yield Static(plain(self.title_text), classes="notice-title")
            with VerticalScroll(classes="notice-scroll"):
                yield Static(plain(self.body), classes="notice-body")
            with Horizontal(classes="notice-buttons"):
                for choice_id, label in self.choices:
                    yield Button(plain(label), id=f"choice-{choice_id}")

    def chosen_by(self, key: str) -> bool:
        """True when ``key``, just handed to this notice, answers it: Enter or space on a button, or the key
        that closes it. The app then keeps the keys typed behind it for the screen that follows."""
        if key in ("enter", "space") and isinstance(self.focused, Button):
            return True
        active = self.active_bindings.get(key)
        return active is not None and active.binding.action == "dismiss_none"

    def on_unmount(self) -> None:
        workshop_of(self.app).notice_closed(self)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss((event.button.id or "").removeprefix("choice-"))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
