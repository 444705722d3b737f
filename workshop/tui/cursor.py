"""The terminal's own cursor follows the focused control, so a braille display or a screen magnifier that
tracks the cursor shows the control the user is on.

Textual hides the terminal's cursor and draws its own, but after every update it still moves the hidden
cursor to ``App.cursor_position`` (``App._display`` in Textual 8.2.8), and braille displays follow that
position. Text boxes (``Input``, ``TextArea``) set it to where typing goes. Nothing else sets it, so on a
list, a button or a scale the cursor stayed wherever the last text box had left it. ``follow_focus`` puts
it on the focused control: the highlighted line of a list, the first line of anything else.
"""

from __future__ import annotations

import sys

from textual.app import App
from textual.geometry import Offset
from textual.widget import Widget
from textual.widgets import Input, OptionList


def is_text_box(widget: Widget) -> bool:
    """Whether ``widget`` is an ``Input`` or a ``TextArea``.

    TextArea is looked up among the loaded modules rather than imported: importing it costs the first paint
    tens of milliseconds (tests/test_tui_first_paint.py), and no widget can be a TextArea before it loads.
    The module can be there half loaded, without the class yet: the app's warm-up imports it in a thread
    while the focus moves (it crashed the app just after an encrypted journal was unlocked).
    """
    if isinstance(widget, Input):
        return True
    text_area = getattr(sys.modules.get("textual.widgets._text_area"), "TextArea", None)
    return text_area is not None and isinstance(widget, text_area)


def cursor_spot(widget: Widget) -> Offset | None:
    """Where the cursor belongs on ``widget``, in screen cells; None for a text box (it places its own)
    or a control not on screen."""
    if is_text_box(widget):
        return None
    region = widget.content_region
    if not region.area:
        return None
    y = region.y
    if isinstance(widget, OptionList):
        line = highlighted_line(widget)
        if line is not None:
            y = min(max(region.y + line - widget.scroll_offset.y, region.y), region.bottom - 1)
    return Offset(region.x, y)


def highlighted_line(option_list: OptionList) -> int | None:
    """The line (from the top of its content) where ``option_list``'s highlighted option starts.

    OptionList keeps this only in a private table; Textual is pinned, and tests/test_tui_cursor.py fails
    if a new release moves it. Without it the cursor goes to the list's first line, still on the list.
    """
    if option_list.highlighted is None:
        return None
    lines = getattr(option_list, "_index_to_line", None)
    if not isinstance(lines, dict):
        return None
    line = lines.get(option_list.highlighted)
    return line if isinstance(line, int) else None


def hold_still(widget: Widget) -> None:
    """A text box's cursor, steady rather than blinking: for ``TEXTUAL_ANIMATIONS=none``, which Textual
    applies to its animations but not to the blink."""
    if is_text_box(widget):
        widget.cursor_blink = False  # type: ignore[attr-defined]  # both text boxes have it


def follow_focus(app: App[object]) -> None:
    """Move the terminal cursor to the focused control (and repaint it, which writes the move)."""
    focused = app.focused
    if focused is None:
        return
    spot = cursor_spot(focused)
    if spot is not None and spot != app.cursor_position:
        app.cursor_position = spot
        focused.refresh()
