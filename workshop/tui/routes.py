"""Every way from one screen to another, in one module: home, a day and its end, the review and then and
now, insight, the north star, support, the keys, a new run, and the files written for the user.

Screens and the command palette ask for a place (``self.routes.open_review()``); only this module builds
the screens they lead to. Those are imported when first opened (or while the user reads the home page,
``WorkshopApp._warm_up``): imported before the first paint, they cost more than the start-up budget.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from workshop.tui.context import Workshop
from workshop.tui.screens.home import HomeScreen
from workshop.tui.screens.notice import Notice

if TYPE_CHECKING:
    from textual.screen import Screen

    from workshop.content.models import Module
    from workshop.flow.day import DayWalk
    from workshop.flow.review import ReviewEntry
    from workshop.journal.store import Journal, Run
    from workshop.settings import Settings

NEW_RUN_TITLE = "Start the program again?"
NEW_RUN_BODY = (
    "A new run begins at day 1 with blank pages. Every earlier answer is kept, and the review shows your "
    "runs side by side."
)
NEW_RUN_STARTED = "A new run has started. Your earlier answers are kept in the review."
STILL_OPENING = "Your journal is still opening; one moment."


class RoutesHost(Workshop, Protocol):
    """What the routes need from the app: the screens (Textual's own members), the journal and settings."""

    journal: Journal | None
    settings: Settings
    data_dir: Path
    clock: Callable[[], datetime] | None

    @property
    def screen(self) -> Screen[Any]: ...

    @property
    def screen_stack(self) -> list[Screen[Any]]: ...

    def push_screen(self, screen: Screen[Any], callback: Callable[[Any], None] | None = None) -> object: ...

    def pop_screen(self) -> object: ...

    def notify(self, message: str, *, markup: bool = True) -> None: ...

    def save_now(self) -> str | None: ...

    def write_in_background(self, write: Callable[[], Path], done: str) -> object: ...


class Routes:
    """The places of the app (``workshop.tui.context.Navigation``), for the screens and the palette."""

    def __init__(self, app: RoutesHost) -> None:
        self.app = app

    # -- home --------------------------------------------------------------------------------------------

    def go_home(self) -> None:
        app = self.app
        while len(app.screen_stack) > 2:  # Textual's own first screen, then home
            app.pop_screen()
        self.refresh_home()

    def refresh_home(self) -> None:
        """Redraw the days on home: the journal opened, or a run changed under it."""
        for screen in self.app.screen_stack:
            if isinstance(screen, HomeScreen):
                screen.refresh_progress()

    # -- a day -------------------------------------------------------------------------------------------

    def open_day(self, module: Module, index: int | None = None, *, over_review: bool = False) -> None:
        app = self.app
        run = self._ensure_run()
        if run is None:
            app.notify(STILL_OPENING, markup=False)
            return
        from workshop.flow.day import DayWalk
        from workshop.tui.screens.day import DayScreen

        app.hold_keys()  # the keys typed from now on belong to the step, once it has the focus
        if not over_review:
            self.go_home()
        app.push_screen(DayScreen(DayWalk(app.program, module, run, index), over_review=over_review))

    def _ensure_run(self) -> Run | None:
        journal = self.app.journal
        if journal is None:
            return None
        return journal.current_run() or journal.new_run()

    def finish_day(self, walk: DayWalk) -> None:
        from workshop.flow.day import day_summary
        from workshop.tui.screens.end_of_day import EndOfDayScreen

        walk.finish()
        self.app.save_soon(immediately=True)
        self.go_home()
        summary = day_summary(walk.run, walk.module)
        self.app.push_screen(
            EndOfDayScreen(summary, last_day=walk.last_day, program_done=walk.program_finished)
        )

    # -- pages over home ---------------------------------------------------------------------------------

    def _open_page(self, make_screen: Callable[[], Screen[Any]]) -> None:
        """Open a page over home (review, insight, north star) with everything saved first."""
        if self.app.journal is None:
            return
        self.app.save_now()
        self.go_home()
        self.app.push_screen(make_screen())

    def open_review(self) -> None:
        from workshop.tui.screens.review import ReviewScreen

        self._open_page(ReviewScreen)

    def open_then_and_now(self, entry: ReviewEntry) -> None:
        from workshop.tui.screens.then_and_now import ThenAndNowScreen

        self.app.push_screen(ThenAndNowScreen(entry, self.app.runs))

    def open_insight(self) -> None:
        from workshop.tui.screens.insight import InsightScreen  # deferred: plotext is only needed here

        self._open_page(InsightScreen)

    def open_north_star(self) -> None:
        from workshop.tui.screens.northstar import NorthStarScreen

        self._open_page(NorthStarScreen)

    def confirm_new_run(self) -> None:
        app = self.app

        def answer(choice: str | None) -> None:
            if choice == "new" and app.journal is not None:
                app.save_now()
                app.journal.new_run()
                app.save_soon(immediately=True)
                self.refresh_home()
                app.notify(NEW_RUN_STARTED, markup=False)

        app.push_screen(
            Notice(NEW_RUN_TITLE, NEW_RUN_BODY, [("new", "Start a new run"), ("cancel", "Not now")]), answer
        )

    # -- over any screen ---------------------------------------------------------------------------------

    def open_support(self, gentle: bool = False) -> None:
        from workshop.content.support import load_support_lines, ordered_for
        from workshop.tui.screens.support import SupportScreen

        if isinstance(self.app.screen, SupportScreen):
            return
        directory = ordered_for(load_support_lines(), country=self.app.settings.country)
        self.app.push_screen(SupportScreen(directory, gentle=gentle))

    def open_help(self) -> None:
        from workshop.tui.screens.help import HelpScreen, key_sections

        if isinstance(self.app.screen, HelpScreen):
            return
        self.app.push_screen(HelpScreen(key_sections(self.app.screen)))

    # -- files written for the user ----------------------------------------------------------------------

    def export_journal(self, fmt: str) -> None:
        app = self.app
        app.save_now()

        def write() -> Path:
            from workshop.reports.export import export_to_file

            return export_to_file(app.data_dir, app.program, fmt)

        app.write_in_background(write, "Exported to")

    def write_calendar(self, run_number: int | None = None) -> None:
        app = self.app
        app.save_now()

        def write() -> Path:
            from workshop.reports.calendar import write_calendar

            now = app.clock() if app.clock else None
            path, _ = write_calendar(app.data_dir, app.program, run_number=run_number, now=now)
            return path

        app.write_in_background(write, "Calendar file (import it into your calendar app):")

    def save_north_star(self, fmt: str, run_number: int) -> None:
        app = self.app
        app.save_now()

        def write() -> Path:
            from workshop.reports.northstar import export_to_file

            now = app.clock() if app.clock else None
            return export_to_file(app.data_dir, app.program, fmt, run_number=run_number, now=now)

        app.write_in_background(write, "Saved to")
