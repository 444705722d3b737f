"""What every full screen of the workshop shares: a typed way back to the app, and one footer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen
from textual.widgets import Footer

if TYPE_CHECKING:
    from workshop.tui.app import WorkshopApp


class WorkshopScreen(Screen[None]):
    @property
    def workshop(self) -> WorkshopApp:
        return self.app  # type: ignore[return-value]


def workshop_footer() -> Footer:
    """The keys of the screen, one space around each and no palette hint (F1 lists ctrl+p), so that every
    key of every screen fits in 80 columns."""
    return Footer(compact=True, show_command_palette=False, classes="workshop-footer")
