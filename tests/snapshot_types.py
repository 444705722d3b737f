"""The type of pytest-textual-snapshot's ``snap_compare`` fixture, which the plugin declares only as
``Callable[[str | PurePath], bool]`` (its keyword arguments are not in that type).

Annotate the fixture argument ``snap_compare: SnapCompare`` and a ``run_before`` coroutine as ``RunBefore``:
mypy then checks the keywords a snapshot test passes, as it checks the rest of the test.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from pathlib import PurePath
from typing import Any, Protocol

from textual.app import App
from textual.pilot import Pilot

RunBefore = Callable[[Pilot[Any]], Awaitable[None]]
"""What runs before the picture is taken: keys, waiting for the journal, opening a screen."""


class SnapCompare(Protocol):
    """``snap_compare(app, press=..., terminal_size=..., run_before=...)``: True when the app's picture
    matches the saved SVG (or, with ``--snapshot-update``, once it is saved)."""

    def __call__(
        self,
        app: str | PurePath | App[Any],
        press: Iterable[str] = ...,
        terminal_size: tuple[int, int] = ...,
        run_before: Callable[[Pilot[Any]], Awaitable[None] | None] | None = ...,
    ) -> bool: ...
