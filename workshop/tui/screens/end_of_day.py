"""The end of a day: what you wrote, your commitment, and a gentle word about tomorrow. No streaks."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Header, Static

from workshop.flow.day import DaySummary
from workshop.flow.describe import describe_value
from workshop.flow.plain_rules import FOLLOW_UP_DONE, end_of_day_title
from workshop.text import display_text
from workshop.tui.screens.base import WorkshopScreen, workshop_footer
from workshop.ui_text import plain

REST_SUGGESTION = (
    "If you can, let a night pass before the next day: reflection settles while you sleep. "
    "There is no deadline. Everything is saved, and it will be here whenever you come back."
)
LAST_DAY = "That was the last day. Your answers are saved; the review shows them all, whenever you want them."
PROGRAM_DONE = (
    "That was the last step of the program. Your answers are saved: the review shows them all, and your "
    "north-star page gathers what matters most, whenever you want them."
)


def written_today(summary: DaySummary) -> Content:
    """Every answer of the day under its step's title, a blank line between them, in one text.

    One widget, not one per answer: the screen is built, styled, laid out and drawn in the moment the
    last step is left, and each widget more was a share of the longest stall of a day."""
    blocks = [
        Content.assemble((display_text(step.title), "bold"), "\n", plain(describe_value(answer.value, step)))
        for step, answer in summary.answers
    ]
    return Content("\n\n").join(blocks)


class EndOfDayScreen(WorkshopScreen):
    BINDINGS = [  # noqa: RUF012
        Binding("escape,enter", "home", "Home", id="end.home", tooltip="Home"),
        Binding("r", "review", "Review", id="end.review", tooltip="Read and search your answers"),
        Binding("s", "north_star", "North star", id="end.north_star", tooltip="Your north-star page"),
        Binding("o", "open_step", "Open step", id="end.open_step", tooltip="Go to the first step left open"),
    ]

    def __init__(self, summary: DaySummary, *, last_day: bool, program_done: bool = False) -> None:
        super().__init__()
        self.summary = summary
        self.last_day = last_day
        self.program_done = program_done

    def compose(self) -> ComposeResult:
        summary = self.summary
        yield Header(show_clock=False)
        with VerticalScroll(classes="page", id="end-body"), Vertical(classes="column"):
            title = end_of_day_title(summary)
            yield Static(plain(title), classes="home-title")
            if summary.still_open:
                titles = ", ".join(step.title for step in summary.still_open)
                them = "them" if len(summary.still_open) > 1 else "it"
                line = (
                    f"Still open, for whenever you want {them}: {titles}. Continue brings you back to {them}."
                )
                yield Static(plain(line), classes="end-open")
            if summary.commitments:
                yield Static("Your commitment", classes="section-title")
                for step, answer in summary.commitments:
                    yield Static(plain(describe_value(answer.value, step)), classes="commitment")
            closing = PROGRAM_DONE if self.program_done else LAST_DAY if self.last_day else REST_SUGGESTION
            if not summary.module.is_day:
                closing = FOLLOW_UP_DONE
            yield Static(closing, classes="home-intro")
            yield Static("What you wrote today", classes="section-title")
            if not summary.answers:
                yield Static("Nothing written today, and that is fine too.", classes="dim")
            else:
                yield Static(written_today(summary), classes="summary-answer")
            with Horizontal(classes="home-buttons"):
                yield Button("Home", id="home", variant="primary")
                if summary.still_open:
                    yield Button("Go to the open step", id="open-step")
                yield Button("Review", id="review")
                if self.last_day:
                    yield Button("Your north-star page", id="north-star")
        yield workshop_footer()

    def on_mount(self) -> None:
        # The page opens at its top, with the focus on it: arrows and Page keys read on, Tab reaches the
        # buttons, Enter goes home.
        self.query_one("#end-body").focus(scroll_visible=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_step":
            return bool(self.summary.still_open)
        return True

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "review":
            self.action_review()
        elif event.button.id == "north-star":
            self.action_north_star()
        elif event.button.id == "open-step":
            self.action_open_step()
        else:
            self.action_home()

    def action_open_step(self) -> None:
        first = self.summary.progress.first_not_done()
        if first is not None:
            self.routes.open_day(self.summary.module, first)

    def action_home(self) -> None:
        self.routes.go_home()

    def action_review(self) -> None:
        self.routes.open_review()

    def action_north_star(self) -> None:
        self.routes.open_north_star()
