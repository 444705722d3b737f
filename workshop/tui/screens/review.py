"""Review: every answer by run and day, searchable and read-only, with a jump to edit."""

from __future__ import annotations

from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Header, Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from workshop.flow.review import (
    ReviewEntry,
    match_spans,
    preview,
    review_entries,
    search,
    why_no_then_and_now,
    why_read_only,
)
from workshop.text import display_text
from workshop.tui.screens.base import WorkshopScreen, workshop_footer

PREVIEW_LINES = 6
MATCH_STYLE = "reverse"  # a match reads without colour, and in every theme


def highlighted(text: str, query: str) -> Content:
    """``text`` (shown literally) with each occurrence of ``query`` marked."""
    content = Content(text)
    for start, end in match_spans(text, query):
        content = content.stylize(MATCH_STYLE, start, end)
    return content


def entry_content(entry: ReviewEntry, query: str = "", *, full: bool = False) -> Content:
    """An answer as the review lists it: a heading, then its first lines, or all of it when ``full``."""
    text = display_text(entry.text)
    shown = preview(text, PREVIEW_LINES) if not full else None
    when = f"{entry.answer.updated:%d %b %Y}"
    heading = f"Run {entry.run_number} · {display_text(entry.day_label)} · {display_text(entry.title)}"
    parts = [highlighted(heading, query).stylize("bold"), Content.styled(f"  {when}", "dim"), Content("\n")]
    parts.append(highlighted(text if shown is None else shown.text, query))
    if shown is not None and shown.more:
        more = f"\n… {shown.more} more lines: highlight this answer to read it all"
        parts.append(Content.styled(more, "dim"))
    return Content.assemble(*parts)


class ReviewScreen(WorkshopScreen):
    """Every answer, searchable, filtered by run; any answer opens for editing."""

    BINDINGS = [  # noqa: RUF012
        Binding("escape", "home", "Home", id="review.home", tooltip="Home"),
        Binding("ctrl+f", "focus_search", "Search", id="review.search", tooltip="Search your answers"),
        Binding("e", "edit", "Edit", id="review.edit", tooltip="Open the highlighted answer to change it"),
        Binding(
            "t",
            "then_and_now",
            "Then and now",
            id="review.then_and_now",
            tooltip="The highlighted question's answers from two runs, side by side",
        ),
        # Priority, so that keys typed right after Enter reach the step it opens (see tui/keys.py).
        Binding(
            "enter",
            "choose",
            "Open",
            id="review.open",
            show=False,
            priority=True,
            tooltip="Open the highlighted answer (in the search box: go to the answers found)",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[ReviewEntry] = []
        self.shown: list[ReviewEntry] = []
        self._expanded: int | None = None  # the entry shown whole: the highlighted one

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
        yield workshop_footer()

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#entries", OptionList).focus()

    def on_screen_resume(self) -> None:
        # Back from a step opened here: its answer may have changed; the search and the place stay.
        if self.is_mounted:
            self.reload()

    def reload(self) -> None:
        self.entries = review_entries(self.workshop.program, self.workshop.runs)
        self.refresh_entries()

    def refresh_entries(self) -> None:
        query = self.query_one("#search", Input).value
        chosen = self.query_one("#run-filter", Select).value
        run_number = chosen if isinstance(chosen, int) else None
        self.shown = search(self.entries, query, run_number)
        entries = self.query_one("#entries", OptionList)
        keep = entries.highlighted
        self._expanded = None
        entries.clear_options()
        entries.add_options(Option(entry_content(entry, query)) for entry in self.shown)
        if self.shown:
            entries.highlighted = min(keep or 0, len(self.shown) - 1)
        count = self.query_one("#review-count", Static)
        if not self.entries:
            count.update("Nothing written yet. Your answers will appear here as you go.")
        else:
            count.update(f"{len(self.shown)} of {len(self.entries)} answers · Enter or e to edit")

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """The highlighted answer is shown whole; the others show their first lines."""
        entries = event.option_list
        query = self.query_one("#search", Input).value
        before, self._expanded = self._expanded, event.option_index
        if before is not None and before < len(self.shown) and before != event.option_index:
            entries.replace_option_prompt_at_index(before, entry_content(self.shown[before], query))
        if event.option_index < len(self.shown):
            entry = self.shown[event.option_index]
            entries.replace_option_prompt_at_index(event.option_index, entry_content(entry, query, full=True))

    def on_input_changed(self, event: Input.Changed) -> None:
        self.refresh_entries()

    def on_select_changed(self, event: Select.Changed) -> None:
        self.refresh_entries()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.edit(event.option_index)  # a click; Enter is ``action_choose``

    def action_choose(self) -> None:
        """Enter: open the highlighted answer; in the search box, go to the answers found."""
        focused = self.focused
        entries = self.query_one("#entries", OptionList)
        if focused is entries and entries.highlighted is not None:
            self.edit(entries.highlighted)
        elif focused is self.query_one("#search", Input):
            entries.focus()
        else:
            raise SkipAction()

    def action_edit(self) -> None:
        highlighted = self.query_one("#entries", OptionList).highlighted
        if highlighted is not None:
            self.edit(highlighted)

    def edit(self, index: int) -> None:
        entry = self.shown[index]
        current = self.workshop.current_run
        refusal = why_read_only(entry, current.number if current else None)
        if refusal is not None:
            self.notify(refusal)
        elif entry.module is not None and entry.step is not None:
            self.routes.open_day(entry.module, entry.module.steps.index(entry.step), over_review=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "then-and-now":
            self.action_then_and_now()

    def action_then_and_now(self) -> None:
        """The highlighted answer's question, with the answers of two runs side by side."""
        highlighted = self.query_one("#entries", OptionList).highlighted
        entry = self.shown[highlighted] if highlighted is not None and highlighted < len(self.shown) else None
        refusal = why_no_then_and_now((run.number for run in self.workshop.runs), entry)
        if refusal is not None:
            self.notify(refusal)
        elif entry is not None:
            self.routes.open_then_and_now(entry)

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_home(self) -> None:
        self.routes.go_home()
