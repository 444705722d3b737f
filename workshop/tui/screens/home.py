"""Home: where you are in the program, and the way back in."""

from __future__ import annotations

from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from workshop.content.outline import DayOutline
from workshop.flow.completion import DayProgress, continue_place, program_progress
from workshop.flow.home import continue_label, says_where_words_stay
from workshop.text import one_line
from workshop.tui.keys import SLOW_HOLD_LIMIT
from workshop.tui.screens.base import WorkshopScreen, workshop_footer
from workshop.ui_text import plain

PRIVACY_LINE = (
    "Everything you write stays on this computer, in files only you can read. Nothing is sent anywhere."
)
FINISHED = (
    "every day is done. Reread your answers in the review (r), take your north-star page (s), "
    "or begin the program again with a new run (n)."
)
BAR_WIDTH = 12
TITLE_WIDTH = 30


def progress_bar(progress: DayProgress[DayOutline]) -> str:
    filled = round(progress.fraction * BAR_WIDTH)
    return "━" * filled + "╌" * (BAR_WIDTH - filled)


def day_line(progress: DayProgress[DayOutline]) -> Content:
    """One day in the list: its number, title, a bar and where it stands."""
    day = progress.module
    state = progress.describe() or f"about {day.minutes} min"
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

    # Priority bindings: home has no text box, and a key that opens a day must be handled before the keys
    # typed after it, so that those reach the step once it is open (see ``tui/keys.py``).
    BINDINGS = [  # noqa: RUF012
        Binding(
            "c", "resume", "Continue", id="home.continue", priority=True, tooltip="Continue where you are"
        ),
        Binding(
            "r", "review", "Review", id="home.review", priority=True, tooltip="Read and search your answers"
        ),
        Binding(
            "n", "new_run", "New run", id="home.new_run", priority=True, tooltip="Begin the program again"
        ),
        Binding(
            "i",
            "insight",
            "Insight",
            id="home.insight",
            priority=True,
            tooltip="Check-ins and scales over time",
        ),
        Binding(
            "s",
            "north_star",
            "North star",
            id="home.north_star",
            priority=True,
            tooltip="Your north-star page",
        ),
        Binding(
            "enter",
            "choose",
            "Open",
            id="home.open",
            show=False,
            priority=True,
            tooltip="Open the day or button chosen, or continue",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        # A day chosen (or "continue" pressed) while the journal was still opening: opened once it is.
        self._chosen_early: str | None = None
        # The open follow-up check-in's button label and line, as of the last redraw (check_action asks
        # often, so the rule is asked once per redraw, not once per key shown in the footer).
        self._check_in_now: tuple[str, str] | None = None

    def compose(self) -> ComposeResult:
        # Drawn from the outline: the program itself may still be loading (see ``content/outline.py``).
        program = self.workshop.outline
        with VerticalScroll(classes="page"), Vertical(classes="column"):
            yield Static(plain(program.title), classes="home-title")
            yield Static(plain(program.description), classes="home-intro")
            if not says_where_words_stay(program.description):
                yield Static(PRIVACY_LINE, classes="home-privacy")
            yield OptionList(id="days", classes="days")
            # Shown only while a follow-up check-in is open: one calm line, where it is seen at 80x24.
            yield Static("", id="check-in-line", classes="home-check-in hidden")
            with Horizontal(classes="home-buttons"):
                yield Button("Continue", id="continue", variant="primary")
                yield Button("Review", id="review")
                yield Button("New run", id="new-run")
                yield Button("Support", id="support")
            with Horizontal(classes="home-buttons home-more"):
                yield Button("Insight", id="insight")
                yield Button("North star", id="north-star")
            yield Static("", id="run-line", classes="dim")
        yield workshop_footer()

    def on_mount(self) -> None:
        self.refresh_progress()

    def on_screen_resume(self) -> None:
        self.refresh_progress()

    def refresh_progress(self) -> None:
        """Redraw the days and the "continue" label from the current run."""
        if not self.is_mounted or not self.query("#days"):
            # Not there yet (the journal can open before this screen is mounted: on_mount calls again), or
            # taken down as the app closes (a preview reloaded as it was closed: its journal opened just
            # then, and redrawing days that are gone stopped the app with an error at quit, once in CI).
            return
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
        check_in_line = self.query_one("#check-in-line", Static)
        if not self.workshop.journal_open:
            button.label = "Opening your journal…"
            button.disabled = True
            run_line.update("")
            return
        button.disabled = False
        if self._chosen_early is not None:
            self.call_later(self._open_chosen_early)
        label = continue_label(run, self.workshop.outline)
        check_in = self._check_in_now = self._check_in() if label is None else None
        # A class, not ``display``: setting display on every redraw costs a layout even when unchanged.
        check_in_line.set_class(check_in is None, "hidden")
        if check_in is not None:
            label = check_in[0]
        button.display = label is not None
        if label is not None:
            button.label = label
        if run is None:
            run_line.update("")
            return
        run_line.set_class(label is None or check_in is not None, "run-finished")  # said plainly, not grey
        started = f"{run.started:%d %b %Y}"
        if check_in is not None:
            check_in_line.update(plain(check_in[1]))
            run_line.update(plain(f"Run {run.number}, started {started}: every day is done."))
        elif label is None:
            upcoming = self._next_check_in()
            run_line.update(plain(f"Run {run.number}, started {started}: {FINISHED}{upcoming}"))
        else:
            run_line.update(plain(f"Run {run.number}, started {started}. Take the days at your own pace."))
        self.refresh_bindings()

    def _check_in(self) -> tuple[str, str] | None:
        """The open follow-up check-in's button label and home line, or None (most days)."""
        # Deferred: the rules read the loaded program, which home's first paint does without.
        from workshop.flow.followups import check_in_label, check_in_line, open_check_in

        state = open_check_in(self.workshop.program, self.workshop.current_run, self.workshop.today())
        return (check_in_label(state), check_in_line(state)) if state is not None else None

    def _next_check_in(self) -> str:
        from workshop.flow.followups import next_check_in, next_check_in_line

        state = next_check_in(self.workshop.program, self.workshop.current_run, self.workshop.today())
        return f" {next_check_in_line(state)}" if state is not None else ""

    def _open_check_in(self) -> bool:
        from workshop.flow.followups import open_check_in

        state = open_check_in(self.workshop.program, self.workshop.current_run, self.workshop.today())
        if state is None:
            return False
        self.routes.open_day(state.module)
        return True

    # -- actions -----------------------------------------------------------------------------------------

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._open_day_by_id(event.option.id or "")  # a click; Enter is handled by ``action_choose``

    def _open_day_by_id(self, module_id: str) -> None:
        if not self.workshop.journal_open:
            self._chosen_early = module_id
            self.workshop.hold_keys(limit=SLOW_HOLD_LIMIT)
            return
        module = self.workshop.program.module(module_id)
        if module is not None:
            self.routes.open_day(module)

    def forget_chosen_early(self) -> None:
        self._chosen_early = None

    def _open_chosen_early(self) -> None:
        chosen, self._chosen_early = self._chosen_early, None
        if chosen is None or not self.workshop.journal_open or self.app.screen is not self:
            return
        module = self.workshop.program.module(chosen) if chosen else None
        if module is not None:
            self.routes.open_day(module)
        else:
            self.action_resume()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self._press(event.button.id or "")

    def _press(self, button_id: str) -> None:
        actions = {
            "continue": self.action_resume,
            "review": self.action_review,
            "new-run": self.action_new_run,
            "insight": self.action_insight,
            "north-star": self.action_north_star,
            "support": self.routes.open_support,
        }
        action = actions.get(button_id)
        if action is not None:
            action()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # A finished run has nowhere to continue to: the key goes from the footer with the button.
        if action == "resume" and self.workshop.journal_open:
            run = self.workshop.current_run
            return continue_label(run, self.workshop.outline) is not None or self._check_in_now is not None
        return True

    def action_choose(self) -> None:
        """Enter: open the highlighted day, or press the focused button, before any later key is handled;
        with neither focused (as home first shows), Continue, the button drawn as the one to press."""
        focused = self.focused
        if isinstance(focused, OptionList) and focused.highlighted is not None:
            option = focused.get_option_at_index(focused.highlighted)
            self._open_day_by_id(option.id or "")
        elif isinstance(focused, Button):
            self._press(focused.id or "")
        elif self.check_action("resume", ()):
            self.action_resume()
        else:
            raise SkipAction()

    def action_resume(self) -> None:
        if not self.workshop.journal_open:
            self._chosen_early = ""  # continue, as soon as the journal is open
            self.workshop.hold_keys(limit=SLOW_HOLD_LIMIT)  # and what is typed meanwhile goes to the step
            return
        place = continue_place(self.workshop.current_run, self.workshop.program)
        if place is not None:
            self.routes.open_day(place.module, place.index)
        else:
            self._open_check_in()

    def action_review(self) -> None:
        self.routes.open_review()

    def action_new_run(self) -> None:
        self.routes.confirm_new_run()

    def action_insight(self) -> None:
        self.routes.open_insight()

    def action_north_star(self) -> None:
        self.routes.open_north_star()
