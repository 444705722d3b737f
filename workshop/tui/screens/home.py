"""Home: where you are in the program, and the way back in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Footer, OptionList, Static
from textual.widgets.option_list import Option

from workshop.content.outline import DayOutline
from workshop.flow.progress import DayProgress, next_day, program_progress, resume_index
from workshop.text import one_line
from workshop.tui.safe import plain
from workshop.tui.screens.base import WorkshopScreen

if TYPE_CHECKING:
    from workshop.tui.app import WorkshopApp

PRIVACY_LINE = (
    "Everything you write stays on this computer, in files only you can read. Nothing is sent anywhere."
)
BAR_WIDTH = 12
TITLE_WIDTH = 34


def progress_bar(progress: DayProgress[DayOutline]) -> str:
    filled = round(progress.fraction * BAR_WIDTH)
    return "━" * filled + "╌" * (BAR_WIDTH - filled)


def day_line(progress: DayProgress[DayOutline]) -> Content:
    """One day in the list: its number, title, a bar and where it stands."""
    day = progress.module
    if progress.finished:
        state = "done"
    elif progress.started:
        state = f"{progress.complete} of {progress.total} steps"
    else:
        state = f"about {day.minutes} min"
    title = one_line(day.title, TITLE_WIDTH).ljust(TITLE_WIDTH)
    return Content.assemble(
        (f"Day {day.day}  ", "bold"),
        title,
        "  ",
        (progress_bar(progress), "bold" if progress.started else "dim"),
        (f"  {state}", "dim"),
    )


class HomeScreen(WorkshopScreen):
    """Title, a three-line introduction, the days with their progress, and where to go next."""

    BINDINGS = [  # noqa: RUF012
        Binding("c", "resume", "Continue", id="home.continue"),
        Binding("r", "review", "Review", id="home.review"),
        # Shown as buttons; kept out of the footer so Support and Quit always fit at 80 columns.
        Binding("n", "new_run", "New run", id="home.new_run", show=False),
        Binding("i", "insight", "Insight", id="home.insight", show=False),
        Binding("s", "north_star", "North star", id="home.north_star", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        # A day chosen (or "continue" pressed) while the journal was still opening: opened once it is.
        self._chosen_early: str | None = None

    def compose(self) -> ComposeResult:
        # Drawn from the outline: the program itself may still be loading (see ``content/outline.py``).
        program = self.workshop.outline
        with VerticalScroll(classes="page"), Vertical(classes="column"):
            yield Static(plain(program.title), classes="home-title")
            yield Static(plain(program.description), classes="home-intro")
            if "machine" not in program.description and "computer" not in program.description:
                yield Static(PRIVACY_LINE, classes="home-privacy")
            yield OptionList(id="days", classes="days")
            with Horizontal(classes="home-buttons"):
                yield Button("Continue", id="continue", variant="primary")
                yield Button("Review", id="review")
                yield Button("New run", id="new-run")
                yield Button("Support", id="support")
            with Horizontal(classes="home-buttons home-more"):
                yield Button("Insight", id="insight")
                yield Button("North star", id="north-star")
            yield Static("", id="run-line", classes="dim")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_progress()

    def on_screen_resume(self) -> None:
        self.refresh_progress()

    def refresh_progress(self) -> None:
        """Redraw the days and the "continue" label from the current run."""
        if not self.is_mounted:
            return  # the journal can open before this screen is mounted; on_mount calls again
        run = self.workshop.current_run
        days = self.query_one("#days", OptionList)
        highlighted = days.highlighted
        days.clear_options()
        days.add_options(
            Option(day_line(progress), id=progress.module.id)
            for progress in program_progress(run, self.workshop.outline)
        )
        days.highlighted = highlighted if highlighted is not None else 0
        button = self.query_one("#continue", Button)
        run_line = self.query_one("#run-line", Static)
        if self.workshop.journal is None:
            button.label = "Opening your journal…"
            button.disabled = True
            run_line.update("")
            return
        button.disabled = False
        if self._chosen_early is not None:
            self.call_later(self._open_chosen_early)
        if run is None:
            button.label = "Begin day 1"
            run_line.update("")
            return
        module = next_day(run, self.workshop.program)
        button.label = f"Continue: day {module.day}, step {resume_index(run, module) + 1}"
        started = f"{run.started:%d %b %Y}"
        run_line.update(plain(f"Run {run.number}, started {started}. Take the days at your own pace."))

    # -- actions -----------------------------------------------------------------------------------------

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if self.workshop.journal is None:
            self._chosen_early = event.option.id or ""
            return
        module = self.workshop.program.module(event.option.id or "")
        if module is not None:
            self.workshop.open_day(module)

    def _open_chosen_early(self) -> None:
        chosen, self._chosen_early = self._chosen_early, None
        if chosen is None or self.workshop.journal is None or self.app.screen is not self:
            return
        module = self.workshop.program.module(chosen) if chosen else None
        if module is not None:
            self.workshop.open_day(module)
        else:
            self.action_resume()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        actions = {
            "continue": self.action_resume,
            "review": self.action_review,
            "new-run": self.action_new_run,
            "insight": self.action_insight,
            "north-star": self.action_north_star,
            "support": self.workshop.action_support,
        }
        action = actions.get(event.button.id or "")
        if action is not None:
            action()

    def action_resume(self) -> None:
        if self.workshop.journal is None:
            self._chosen_early = ""  # continue, as soon as the journal is open
            return
        self.workshop.open_day(next_day(self.workshop.current_run, self.workshop.program))

    def action_review(self) -> None:
        self.workshop.open_review()

    def action_new_run(self) -> None:
        self.workshop.confirm_new_run()

    def action_insight(self) -> None:
        open_insight(self.workshop)

    def action_north_star(self) -> None:
        open_north_star(self.workshop)


# Opened from here, the palette and the end of the last day; app.py stays as it is (issue 6).
def open_insight(app: WorkshopApp) -> None:
    """Check-ins before and after, and the scales across days and runs."""
    from workshop.tui.screens.insight import InsightScreen  # deferred: plotext is only needed here

    app.open_page(InsightScreen)


def open_north_star(app: WorkshopApp) -> None:
    """The one-page summary of the program: values, north star, goals, commitments."""
    from workshop.tui.screens.northstar import NorthStarScreen

    app.open_page(NorthStarScreen)
