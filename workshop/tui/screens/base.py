"""What every full screen of the workshop shares: the app as a ``Workshop``, its routes, and one footer."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

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

    def post_message(self, message: Message) -> bool:
        if isinstance(message, events.ScreenResume) and not self.is_mounted:
            # Pushed before it has composed (the end of the day, a page, a day): each of its widgets is styled
            # as it mounts, with the screen already in the stack, so that a theme change meanwhile restyles
            # it too. Textual would then style the whole screen again as it first shows, in the turn that
            # lays it out and draws it. A screen built ahead (the review) keeps that second styling: a
            # theme may have changed since.
            message.refresh_styles = False
        return super().post_message(message)

    def on_resize(self, event: events.Resize) -> None:
        # Laid out as it first shows, a screen is resized from nothing and sent this event, on which Textual
        # lays it out again, and the screens under it, at the size it has just been laid out at: 5 to 10 ms
        # more in the moment a screen opens. A resize to another size (the terminal's) is left to Textual.
        if event.size == self.outer_size:  # the size it was last laid out at (``size`` is the app's)
            event.prevent_default()

    def keep_current_answer(self) -> None:
        """Record what is on screen that is not recorded yet, before a save. Only a day screen has any."""

    def place(self) -> tuple[str, str] | None:
        """The day and step this screen shows, if it shows one, kept when the program is reloaded."""
        return None


class KeysFooter(Footer):
    """Textual's footer, rebuilt only when the keys it shows change.

    Textual rebuilds the footer each time the focus moves or a screen asks for its keys again: every key a
    new widget, mounted and styled. Many of those moments leave the same keys showing (Tab between fields,
    a modal closed, home redrawn), and the rebuilds were a fifth of the CPU of the screens' Pilot tests and
    a part of opening a step or the review. What the footer would show is compared first; only a change
    rebuilds it (``tests/test_tui_footer.py``)."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._shown: tuple[tuple[object, ...], ...] | None = None

    def bindings_changed(self, screen: Screen[Any]) -> None:
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            shown = keys_shown(screen)
            if shown == self._shown:
                return
            self._shown = shown
        super().bindings_changed(screen)

    def compose(self) -> ComposeResult:
        """Textual's keys, each already marked compact as it is styled. Textual marks a key compact only
        once it is mounted, and each key was then styled a second time, in the moment a screen opens."""
        for widget in super().compose():
            if self.compact and isinstance(widget, FooterKey):
                widget.add_class("-compact", update=False)  # styled once, as it mounts
            yield widget


def keys_shown(screen: Screen[Any]) -> tuple[tuple[object, ...], ...]:
    """Everything of the screen's keys that the footer draws, in its order."""
    app = screen.app
    return tuple(
        (
            binding.key,
            app.get_key_display(binding),
            binding.description,
            binding.action,
            enabled,
            tooltip,
            binding.group.description if binding.group else None,
        )
        for _node, binding, enabled, tooltip in screen.active_bindings.values()
        if binding.show
    )


def workshop_footer() -> Footer:
    """The keys of the screen, one space around each and no palette hint (F1 lists ctrl+p), so that every
    key of every screen fits in 80 columns."""
    return KeysFooter(compact=True, show_command_palette=False, classes="workshop-footer")
