"""The review's floor: a bare Textual app that does what the review does, with no answers behind it.

``r`` opens a screen with a search box and a line that counts; each key in the box updates the count
(``N of 0 answers hold "what was typed"``), as the review's count line does once it has searched. Ctrl+F
focuses the box. ``bench_review.py`` times it beside the workshop's review in the same rounds.

Run:  python bench/floor_review_app.py      (ctrl+q quits)
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList, Static

MARKER = "Floor ready"


class SearchScreen(Screen[None]):
    # As the review does: a priority binding that moves the focus at once. A bare Textual binding
    # (``Widget.focus`` moves it on the next turn of the loop) loses a letter sent with the ctrl+f.
    BINDINGS = [Binding("ctrl+f", "focus_search", "Search", priority=True)]  # noqa: RUF012

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Search", id="search")
        yield OptionList(id="entries")
        yield Static("0 of 0 answers · Enter or e to edit", id="count")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        value = event.value.strip()
        self.query_one("#count", Static).update(Content(f'{len(value)} of 0 answers hold "{value}"'))

    def action_focus_search(self) -> None:
        self.set_focus(self.query_one(Input))


class FloorReviewApp(App[None]):
    TITLE = "Floor"
    BINDINGS = [Binding("r", "review", "Review")]  # noqa: RUF012

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"{MARKER}. Day 4. Continue: day 1")
        yield Footer()

    def action_review(self) -> None:
        self.push_screen(SearchScreen())


if __name__ == "__main__":
    FloorReviewApp().run()
