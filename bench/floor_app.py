"""The floor: a bare Textual app with the kinds of widgets the workshop shows, and nothing else.

Header, Markdown, TextArea, Footer: what any Textual app of this shape pays to start and to echo a key.
The benchmarks time it beside the workshop in the same run, so their ratios hold on a busy machine.

Run:  python bench/floor_app.py      (ctrl+q quits)

With ``BENCH_HEARTBEAT=FILE`` it records event-loop lag as ``lag.py`` describes, as the workshop does
under ``bench/instrumented_app.py``.
"""

from __future__ import annotations

import os

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Markdown, TextArea

MARKER = "Floor ready"
TEXT = f"""\
# {MARKER}

A bare Textual app: a header, this Markdown, a text area and a footer. Day 1, Day 2, Day 3, Day 4.
"""


class FloorApp(App[None]):
    TITLE = "Floor"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Markdown(TEXT)
        yield TextArea(id="writing")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()
        if os.environ.get("BENCH_HEARTBEAT"):  # only under the typing benchmark
            from lag import start_heartbeat

            start_heartbeat(self)


if __name__ == "__main__":
    FloorApp().run()
