"""The north-star page in the app: one run's page (the latest finished one, or the one chosen), ready to save
for a coach, and a calendar file of the check-ins and dated plans."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Header, Select, Static

from workshop.flow.northstar import (
    EMPTY,
    NorthStar,
    Section,
    choose_run,
    gather,
    run_choice_label,
    section_lines,
    sections,
)
from workshop.reports.northstar import TITLE, subtitle
from workshop.tui.screens.base import WorkshopScreen, workshop_footer
from workshop.ui_text import plain

SAVED_WHERE = (
    "Saved pages and calendar files go to the exports folder of your journal, readable only by you. The "
    "calendar file names no private words (use `workshop calendar --full-text` for your plans' own words)."
)
NO_RUN = "The north-star page is made from your answers on day 4 and the days before. Nothing is written yet."


def section_text(section: Section) -> Content:
    """A section as the screen shows it: the user's words as plain text, never markup."""
    return Content(EMPTY) if section.empty else plain("\n".join(section_lines(section)))


class NorthStarScreen(WorkshopScreen):
    """One run's north-star page; saves it as printable HTML or Markdown in the exports folder."""

    BINDINGS = [  # noqa: RUF012
        Binding("escape", "home", "Home", id="northstar.home"),
        Binding("p", "save('html')", "Save for print", id="northstar.save_html"),
        Binding("m", "save('markdown')", "Save Markdown", id="northstar.save_markdown"),
        Binding("k", "calendar", "Calendar file", id="northstar.calendar", show=False),
    ]

    def __init__(self) -> None:
        super().__init__(classes="northstar-screen")
        self.page: NorthStar | None = None
        self.run_number: int | None = None

    def compose(self) -> ComposeResult:
        runs = self.workshop.runs
        if runs:
            chosen = choose_run(runs, None) if self.run_number is None else next(
                (run for run in runs if run.number == self.run_number), runs[-1]
            )
            self.run_number = chosen.number
            self.page = gather(self.workshop.program, chosen)
        yield Header(show_clock=False)
        with VerticalScroll(classes="page", id="northstar-body"), Vertical(classes="column"):
            yield Static(TITLE, classes="home-title")
            if self.page is None:
                yield Static(NO_RUN, classes="home-intro")
            else:
                if len(runs) > 1:
                    options = [(run_choice_label(run), run.number) for run in reversed(runs)]
                    yield Select(options, value=self.run_number, allow_blank=False, id="run-choice")
                yield Static(plain(subtitle(self.page)), classes="dim")
                for section in sections(self.page):
                    yield Static(section.title, classes="section-title")
                    yield Static(
                        section_text(section),
                        classes="northstar-text dim" if section.empty else "northstar-text",
                    )
                with Horizontal(classes="home-buttons"):
                    yield Button("Save printable page", id="save-html", variant="primary")
                    yield Button("Save as Markdown", id="save-markdown")
                    yield Button("Calendar file", id="calendar")
                yield Static(SAVED_WHERE, classes="dim")
        yield workshop_footer()

    def on_mount(self) -> None:
        self.query_one("#northstar-body").focus()

    async def on_select_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, int) and event.value != self.run_number:
            self.run_number = event.value
            await self.recompose()
            self.query_one("#run-choice", Select).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "calendar":
            self.action_calendar()
        else:
            self.action_save("html" if event.button.id == "save-html" else "markdown")

    def action_save(self, fmt: str) -> None:
        if self.page is None:
            return
        self.routes.save_north_star(fmt, self.page.run_number)

    def action_calendar(self) -> None:
        if self.page is None:
            return
        self.routes.write_calendar(self.page.run_number)

    def action_home(self) -> None:
        self.routes.go_home()
