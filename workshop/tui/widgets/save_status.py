"""A quiet line that says whether what you wrote is safely on disk."""

from __future__ import annotations

from textual.widgets import Static

from workshop.ui_text import plain


class SaveStatus(Static):
    """Follows the app's ``save_status`` reactive: "Saved 14:02", "Saving…", or a calm problem."""

    def on_mount(self) -> None:
        self.watch(self.app, "save_status", self._show, init=True)

    def _show(self, status: str) -> None:
        self.set_class(status.startswith("Not saved"), "save-problem")
        # One line whatever it says (day.tcss gives it a height of 1): no need to lay the whole screen out
        # again, which took 15 to 25 ms after every save, twice ("Saving…", then "Saved").
        self.update(plain(status), layout=False)
