"""A calm modal that asks for a passphrase (once to unlock, twice for a new one, three times to change it)
and hands what was typed to a plain function in a worker, so the second of scrypt never freezes the screen.

The work itself is ``workshop.flow.encryption``; this screen only collects, waits and shows its words. A
wrong passphrase is said gently under the fields, which are cleared for another try; never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from workshop.flow.encryption import Outcome
from workshop.tui.context import workshop_of
from workshop.tui.keys import SLOW_HOLD_LIMIT, caught_up
from workshop.ui_text import plain

Attempt = Callable[[list[str]], Outcome]
"""Given what was typed in each field, in order: the outcome (run in a thread: it may take a second)."""


class PassphraseScreen(ModalScreen[Outcome | None]):
    """Dismisses with the successful ``Outcome``, or None when the user chose the other button or Escape."""

    BINDINGS = [  # noqa: RUF012
        Binding("escape", "cancel", "Cancel", id="passphrase.cancel"),
        # Priority, so that Enter is handled before any key typed after it (see ``tui/keys.py``): a person
        # types the passphrase, Enter and at once c (to continue), and that c must not become part of it.
        Binding("enter", "enter", "Unlock", id="passphrase.enter", show=False, priority=True),
    ]

    def __init__(
        self,
        title: str,
        body: str,
        labels: Sequence[str],
        attempt: Attempt,
        *,
        go: str = "Unlock",
        cancel: str = "Cancel",
        working: str = "Unlocking…",
    ) -> None:
        super().__init__(classes="notice-screen")
        self.title_text, self.body, self.labels = title, body, list(labels)
        self.attempt, self.go, self.cancel_label, self.working = attempt, go, cancel, working

    def compose(self) -> ComposeResult:
        with Vertical(classes="notice passphrase"):
            yield Static(plain(self.title_text), classes="notice-title")
            with VerticalScroll(classes="notice-scroll passphrase-scroll"):
                yield Static(plain(self.body), classes="notice-body")
            # One line per field, label beside it, so three fields and the message fit at 80x24.
            for index, label in enumerate(self.labels):
                with Horizontal(classes="passphrase-row"):
                    yield Static(plain(label), classes="passphrase-label")
                    yield Input(password=True, id=f"passphrase-{index}", classes="passphrase-input")
            yield Static("", id="passphrase-message", classes="passphrase-message")
            with Horizontal(classes="notice-buttons"):
                yield Button(plain(self.go), id="passphrase-go", variant="primary")
                yield Button(plain(self.cancel_label), id="passphrase-cancel")

    def on_mount(self) -> None:
        self.query_one("#passphrase-0", Input).focus()

    async def action_enter(self) -> None:
        """Enter: on a field, the next field or the attempt; on a button, press it. The field first handles
        every key typed before Enter, and none typed after it reaches the field this Enter leaves: the app
        hands the next key on only once this returns."""
        focused = self.focused
        if isinstance(focused, Button):
            focused.press()
            return
        if not isinstance(focused, Input):
            return
        await caught_up(focused)
        fields = list(self.query(Input).results(Input))
        index = fields.index(focused)
        if index + 1 < len(fields):
            self.set_focus(fields[index + 1])  # now, not after the keys already waiting
        else:
            self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "passphrase-go":
            self._submit()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        if not self._busy:
            self.dismiss(None)

    @property
    def _busy(self) -> bool:
        return self.query_one("#passphrase-go", Button).disabled

    def _submit(self) -> None:
        if self._busy:
            return
        typed = [field.value for field in self.query(Input).results(Input)]
        if not typed[0]:
            self.query_one("#passphrase-0", Input).focus()
            return
        self._set_busy(True)
        self._say(self.working)
        # What is typed while the passphrase is tried (c, to continue) is meant for the screen that
        # follows: kept, and handed on if the passphrase opens, forgotten if it is refused.
        workshop_of(self.app).hold_keys(limit=SLOW_HOLD_LIMIT)
        self._run(typed)

    @work(thread=True, exclusive=True, group="passphrase", exit_on_error=False)
    def _run(self, typed: list[str]) -> None:
        try:
            outcome = self.attempt(typed)
        except Exception as error:  # a bug or a disk error: said in one line, the screen stays
            outcome = Outcome(message=f"Something went wrong ({type(error).__name__}); nothing was changed.")
        self.app.call_from_thread(self._done, outcome)

    def _done(self, outcome: Outcome) -> None:
        workshop = workshop_of(self.app)
        if outcome.message is None:
            self.dismiss(outcome)
            workshop.release_keys()
            return
        workshop.drop_held_keys()
        self._set_busy(False)
        self._say(outcome.message)
        for field in self.query(Input).results(Input):
            field.value = ""
        self.query_one("#passphrase-0", Input).focus()

    def _set_busy(self, busy: bool) -> None:
        for widget in [*self.query(Input).results(Input), self.query_one("#passphrase-go", Button)]:
            widget.disabled = busy

    def _say(self, message: str) -> None:
        self.query_one("#passphrase-message", Static).update(plain(message))


def passphrase_result(value: Any) -> Outcome | None:
    """The screen's result, typed, for a ``push_screen`` callback."""
    return value if isinstance(value, Outcome) else None
