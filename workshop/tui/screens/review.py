"""Review: every answer by run and day, searchable and read-only, with a jump to edit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Footer, Header, Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from workshop.flow.review import ReviewEntry, review_entries, search
from workshop.text import display_text
from workshop.tui.screens.base import WorkshopScreen

if TYPE_CHECKING:
    pass

PREVIEW_LINES = 6


def entry_content(entry: ReviewEntry) -> Content:
    lines = display_text(entry.text).splitlines() or [""]
    shown = "\n".join(lines[:PREVIEW_LINES]) + ("\n…" if len(lines) > PREVIEW_LINES else "")
    when = f"{entry.answer.updated:%d %b %Y}"
    heading = f"Run {entry.run_number} · {display_text(entry.day_label)} · {display_text(entry.title)}"
    return Content.assemble((heading, "bold"), (f"  {when}", "dim"), "\n", shown)


class ReviewScreen(WorkshopScreen):
    """Every answer, searchable, filtered by run; any answer opens for editing."""

    BINDINGS = [  # noqa: RUF012
        Binding("escape", "home", "Home", id="review.home"),
        Binding("ctrl+f", "focus_search", "Search", id="review.search"),
        Binding("e", "edit", "Edit", id="review.edit"),
        Binding("t", "then_and_now", "Then and now", id="review.then_and_now"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[ReviewEntry] = []
        self.shown: list[ReviewEntry] = []

    def compose(self) -> ComposeResult:
        runs = self.workshop.runs
        yield Header(show_clock=False)
        with Vertical(classes="column review-column"):
            with Horizontal(classes="review-filters"):
                yield Input(placeholder="Search your answers", id="search")
                yield Select[int](
                    [(f"Run {run.number}", run.number) for run in reversed(runs)],
                    prompt="All runs",
                    id="run-filter",
                )
                yield Button("Then and now", id="then-and-now")
            yield OptionList(id="entries", classes="entries")
            yield Static("", id="review-count", classes="dim")
        yield Footer()

    def on_mount(self) -> None:
        runs = self.workshop.runs
        self.entries = review_entries(self.workshop.program, runs)
        self.refresh_entries()
        self.query_one("#entries", OptionList).focus()

    def refresh_entries(self) -> None:
        query = self.query_one("#search", Input).value
        chosen = self.query_one("#run-filter", Select).value
        run_number = chosen if isinstance(chosen, int) else None
        self.shown = search(self.entries, query, run_number)
        entries = self.query_one("#entries", OptionList)
        entries.clear_options()
        entries.add_options(Option(entry_content(entry)) for entry in self.shown)
        count = self.query_one("#review-count", Static)
        if not self.entries:
            count.update("Nothing written yet. Your answers will appear here as you go.")
        else:
            count.update(f"{len(self.shown)} of {len(self.entries)} answers · Enter or e to edit")

    def on_input_changed(self, event: Input.Changed) -> None:
        self.refresh_entries()

    def on_select_changed(self, event: Select.Changed) -> None:
        self.refresh_entries()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.edit(event.option_index)

    def action_edit(self) -> None:
        highlighted = self.query_one("#entries", OptionList).highlighted
        if highlighted is not None:
            self.edit(highlighted)

    def edit(self, index: int) -> None:
        entry = self.shown[index]
        current = self.workshop.current_run
        if entry.step is None or entry.module is None:
            self.notify("This answer is from an earlier version of the program; it is kept, read-only.")
        elif current is None or entry.run_number != current.number:
            self.notify("Earlier runs are kept as they were. Answers of the current run can be edited.")
        else:
            self.workshop.open_day(entry.module, entry.module.steps.index(entry.step))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "then-and-now":
            self.action_then_and_now()

    def action_then_and_now(self) -> None:
        """The highlighted answer's question, with the answers of two runs side by side."""
        from workshop.tui.screens.then_and_now import ThenAndNowScreen

        runs = self.workshop.runs
        highlighted = self.query_one("#entries", OptionList).highlighted
        if len(runs) < 2:
            self.notify("Then and now compares two runs. Start a new run from home to have two.")
        elif highlighted is None or highlighted >= len(self.shown):
            self.notify("Highlight an answer first: then and now shows its question across runs.")
        else:
            self.app.push_screen(ThenAndNowScreen(self.shown[highlighted], runs))

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_home(self) -> None:
        self.workshop.go_home()
