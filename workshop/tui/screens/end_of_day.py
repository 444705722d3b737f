"""The end of a day: what you wrote, your commitment, and a gentle word about tomorrow. No streaks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Footer, Header, Static

from workshop.flow.day import DaySummary
from workshop.flow.describe import describe_value
from workshop.text import display_text
from workshop.tui.safe import plain
from workshop.tui.screens.base import WorkshopScreen

if TYPE_CHECKING:
    pass

REST_SUGGESTION = (
    "If you can, let a night pass before the next day: reflection settles while you sleep. "
    "There is no deadline. Everything is saved, and it will be here whenever you come back."
)
LAST_DAY = "That was the last day. Your answers are saved; the review shows them all, whenever you want them."


class EndOfDayScreen(WorkshopScreen):
    BINDINGS = [  # noqa: RUF012
        Binding("escape,enter", "home", "Home", id="end.home"),
        Binding("r", "review", "Review", id="end.review"),
        Binding("s", "north_star", "North star", id="end.north_star"),
    ]

    def __init__(self, summary: DaySummary, *, last_day: bool) -> None:
        super().__init__()
        self.summary = summary
        self.last_day = last_day

    def compose(self) -> ComposeResult:
        module = self.summary.module
        yield Header(show_clock=False)
        with VerticalScroll(classes="page"), Vertical(classes="column"):
            yield Static(plain(f"Day {module.day} is complete"), classes="home-title")
            if self.summary.commitments:
                yield Static("Your commitment", classes="section-title")
                for step, answer in self.summary.commitments:
                    yield Static(plain(describe_value(answer.value, step)), classes="commitment")
            yield Static(LAST_DAY if self.last_day else REST_SUGGESTION, classes="home-intro")
            yield Static("What you wrote today", classes="section-title")
            if not self.summary.answers:
                yield Static("Nothing written today, and that is fine too.", classes="dim")
            for step, answer in self.summary.answers:
                yield Static(
                    Content.assemble(
                        (display_text(step.title), "bold"), "\n", plain(describe_value(answer.value, step))
                    ),
                    classes="summary-answer",
                )
            with Horizontal(classes="home-buttons"):
                yield Button("Home", id="home", variant="primary")
                yield Button("Review", id="review")
                if self.last_day:
                    yield Button("Your north-star page", id="north-star")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#home", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "review":
            self.action_review()
        elif event.button.id == "north-star":
            self.action_north_star()
        else:
            self.action_home()

    def action_home(self) -> None:
        self.workshop.go_home()

    def action_review(self) -> None:
        self.workshop.open_review()

    def action_north_star(self) -> None:
        from workshop.tui.screens.home import open_north_star

        open_north_star(self.workshop)
