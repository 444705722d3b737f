"""What every full screen of the workshop shares: the app as a ``Workshop``, its routes, and one footer."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer

from workshop.tui.context import Navigation, Workshop, workshop_of


class WorkshopScreen(Screen[None]):
    @property
    def workshop(self) -> Workshop:
        """What this screen may ask of the app (``tui/context.py``), never the app itself."""
        return workshop_of(self.app)

    @property
    def routes(self) -> Navigation:
        """Where this screen can send the user (``tui/routes.py``)."""
        return self.workshop.routes

    def keep_current_answer(self) -> None:
        """Record what is on screen that is not recorded yet, before a save. Only a day screen has any."""

    def place(self) -> tuple[str, str] | None:
        """The day and step this screen shows, if it shows one, kept when the program is reloaded."""
        return None


def workshop_footer() -> Footer:
    """The keys of the screen, one space around each and no palette hint (F1 lists ctrl+p), so that every
    key of every screen fits in 80 columns."""
    return Footer(compact=True, show_command_palette=False, classes="workshop-footer")
