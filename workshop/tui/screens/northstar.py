"""The north-star page in the app: values, north star, goals and commitments, on one page, ready to save."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Header, Static

from workshop.flow.northstar import NorthStar, gather
from workshop.reports.northstar import EMPTY, TITLE, commitment_line
from workshop.tui.screens.base import WorkshopScreen, workshop_footer
from workshop.ui_text import plain

SAVED_WHERE = "Saved pages go to the exports folder of your journal, readable only by you."
NO_RUN = "The north-star page is made from your answers on day 4 and the days before. Nothing is written yet."


class NorthStarScreen(WorkshopScreen):
    """One run's north-star page; saves it as printable HTML or Markdown in the exports folder."""

    BINDINGS = [  # noqa: RUF012
        Binding("escape", "home", "Home", id="northstar.home"),
        Binding("p", "save('html')", "Save for print", id="northstar.save_html"),
        Binding("m", "save('markdown')", "Save Markdown", id="northstar.save_markdown"),
    ]

    def __init__(self) -> None:
        super().__init__(classes="northstar-screen")
        self.page: NorthStar | None = None

    def compose(self) -> ComposeResult:
        runs = self.workshop.runs
        if runs:
            self.page = gather(self.workshop.program, runs[-1])  # the latest run
        yield Header(show_clock=False)
        with VerticalScroll(classes="page", id="northstar-body"), Vertical(classes="column"):
            yield Static(TITLE, classes="home-title")
            if self.page is None:
                yield Static(NO_RUN, classes="home-intro")
            else:
                yield from self._sections(self.page)
                with Horizontal(classes="home-buttons"):
                    yield Button("Save printable page", id="save-html", variant="primary")
                    yield Button("Save as Markdown", id="save-markdown")
                yield Static(SAVED_WHERE, classes="dim")
        yield workshop_footer()

    def _sections(self, page: NorthStar) -> ComposeResult:
        yield Static(plain(f"{page.program_title} · run {page.run_number}"), classes="dim")
        numbered = [f"{n}. {value}" for n, value in enumerate(page.values, start=1)]
        sections = [
            ("What matters most to me", numbered),
            ("My north star", [page.statement] if page.statement else []),
            ("My goals", [f"• {goal}" for goal in page.goals]),
            ("My commitments", [f"• {commitment_line(c)}" for c in page.commitments]),
        ]
        for title, lines in sections:
            yield Static(title, classes="section-title")
            body = plain("\n".join(lines)) if lines else Content(EMPTY)
            yield Static(body, classes="northstar-text" if lines else "northstar-text dim")

    def on_mount(self) -> None:
        self.query_one("#northstar-body").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_save("html" if event.button.id == "save-html" else "markdown")

    def action_save(self, fmt: str) -> None:
        if self.page is None:
            return
        self.routes.save_north_star(fmt, self.page.run_number)

    def action_home(self) -> None:
        self.routes.go_home()
