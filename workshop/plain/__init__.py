"""The plain mode: the whole workshop line by line, for screen readers, braille displays and dumb terminals.

A second front end over the same flow and journal as the full-screen app (``workshop/tui``): each step is
printed once, in order, as plain wrapped lines, then asked for with a prompt; nothing is ever redrawn, so
a screen reader reads it as it comes. ``workshop --plain`` starts it; so does ``TERM=dumb``, or standard
input or output that is not a terminal.

- ``terminal``: lines out (wrapped, cleaned of anything but printable text) and lines in (with a timeout
  for pauses), and the signals that end a session calmly.
- ``conversation``: asking, and the commands that work at any prompt (next, back, skip, home, help,
  support, quit).
- ``steps``: one way of asking per step kind.
- ``pages``: home, the end of a day, review and search, insight, the north-star page, export, support.
- ``session``: the journal, saving after every answer, and the way out.
- ``layers``: the one module that imports from the layers below (flow, journal, content, reports).

Plain Python only: nothing here imports Textual (tests/test_plain_mode.py checks it in a real process).
"""
