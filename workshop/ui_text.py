"""Turning text from users and files into something a widget can show without parsing it.

Every string that did not come from our own source code reaches a widget through ``plain`` (or a widget
built with ``markup=False``): in Textual 8 a plain ``str`` is parsed as markup, so ``[/]`` would crash a
Label and ``[@click=app.quit]`` would become a live action.
"""

from __future__ import annotations

from textual.content import Content

from workshop.text import display_text


def plain(text: str) -> Content:
    """``text`` with control characters removed, as Content that is never parsed as markup."""
    return Content(display_text(text))
