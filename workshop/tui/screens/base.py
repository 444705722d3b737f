"""What every full screen of the workshop shares: a typed way back to the app."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

if TYPE_CHECKING:
    from workshop.tui.app import WorkshopApp


class WorkshopScreen(Screen[None]):
    @property
    def workshop(self) -> WorkshopApp:
        return self.app  # type: ignore[return-value]
