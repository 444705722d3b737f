"""A one-line text box whose editing keys happen in the order they were typed.

Textual inserts a typed letter as soon as the focused ``Input`` reads it, but runs the ``Input``'s own
bindings (backspace, delete, the arrows, home and end) only once the key has bubbled up to the app. Keys
that arrive together (a person typing fast, a terminal delivering a burst while the app is busy) are
therefore applied out of order: "river", two backspaces and "ver" typed at once came out as "riverv".
``InOrderInput`` runs its own bindings as it reads each key, so every key lands where it was typed.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class InOrderInput(Input):
    """An ``Input`` that handles its own key bindings in the order the keys arrive."""

    async def _on_key(self, event: events.Key) -> None:
        for binding in self._bindings.key_to_bindings.get(event.key, []):
            if binding.priority:
                continue  # the app has run it already, as it arrived
            event.stop()
            event.prevent_default()
            await self.run_action(binding.action)
            return
        await super()._on_key(event)
