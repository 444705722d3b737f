"""What a screen may ask of the app, as two small Protocols: the screens never see ``WorkshopApp`` itself.

``Workshop`` is the app as the screens and the command palette know it: the program and the journal's runs
to show, the rhythm of saving, the key gate, and ``routes``. ``Navigation`` is every place a screen can send
the user; ``workshop.tui.routes.Routes`` provides it. Neither module imports the screens' app, so a screen,
the app and the routes never form an import circle (``tests/test_tui_layers.py`` checks it), and a screen
can be tested in an app that offers only these members.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol, cast

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

    from workshop.content.models import Module, Program, Step
    from workshop.content.outline import ProgramOutline
    from workshop.flow.day import DayWalk
    from workshop.flow.review import ReviewEntry
    from workshop.journal.store import Run


class Navigation(Protocol):
    """Every place a screen can send the user. Each saves what needs saving before it goes."""

    def go_home(self) -> None:
        """Back to the home screen, closing whatever is over it."""

    def open_day(self, module: Module, index: int | None = None, *, over_review: bool = False) -> None:
        """Open ``module`` at step ``index`` (default: where the flow says it resumes).

        ``over_review``: opened from the review, so Esc goes back to it, its search as it was.
        """

    def finish_day(self, walk: DayWalk) -> None:
        """The user went past the last step of a day: home, then the end-of-day page over it."""

    def open_review(self) -> None:
        """Every answer, searchable."""

    def open_then_and_now(self, entry: ReviewEntry) -> None:
        """``entry``'s question with the answers of two runs side by side, over the review."""

    def open_insight(self) -> None:
        """Check-ins before and after, and the scales across days and runs."""

    def open_north_star(self) -> None:
        """The one-page summary of the program: values, north star, goals, commitments."""

    def confirm_new_run(self) -> None:
        """Ask, then begin the program again with blank pages (every earlier answer is kept)."""

    def open_support(self, gentle: bool = False) -> None:
        """Support and crisis lines; ``gentle`` opens them with a few words of care first."""

    def open_help(self) -> None:
        """The keys of the screen showing now."""

    def open_sources(self, step: Step) -> None:
        """The full references ``step`` cites, with their web addresses, as plain text."""

    def export_journal(self, fmt: str) -> None:
        """Write the journal to a private file in the data folder and say where."""

    def write_calendar(self, run_number: int | None = None) -> None:
        """Write the follow-up check-ins and dated plans of a run (default: the latest finished) to a
        private ``.ics`` file in the exports folder, for the user's own calendar, and say where."""

    def save_north_star(self, fmt: str, run_number: int) -> None:
        """Write run ``run_number``'s north-star page to the exports folder and say where."""

    def open_encryption(self) -> None:
        """Encryption's settings: turn it on or off, change the passphrase, the recovery page."""

    def share_scores(self) -> None:
        """Show what the current run's scores file would hold, in plain words; on Write, write it to the
        exports folder and say where."""


class Workshop(Protocol):
    """The app as a screen sees it."""

    @property
    def outline(self) -> ProgramOutline:
        """The program's titles and step ids: there from the first paint, before the program loads."""

    @property
    def program(self) -> Program:
        """The program. Screens other than home open only once it is loaded, with the journal."""

    @property
    def program_loaded(self) -> bool: ...

    @property
    def journal_open(self) -> bool:
        """The journal is open: the program is loaded and the runs can be read and written."""

    @property
    def runs(self) -> Sequence[Run]:
        """Every run of the journal, oldest first (none while it is opening)."""

    @property
    def current_run(self) -> Run | None: ...

    def today(self) -> date:
        """Today, by the app's clock (a fixed one in tests): when a follow-up check-in is due."""

    @property
    def monotonic(self) -> Callable[[], float]:
        """The clock of the step widgets (a pause's countdown, two number keys typed together)."""

    @property
    def routes(self) -> Navigation: ...

    def answer_changed(self) -> None:
        """The answer on screen changed: it is saved once typing pauses."""

    def save_soon(self, *, immediately: bool = False) -> None:
        """Save in the background: now, or once typing pauses."""

    def hold_keys(self, limit: float = ...) -> None:
        """Keep the keys typed from now on until ``release_keys`` (``limit`` seconds at most): a step or a
        day is opening, or a passphrase is being tried."""

    def release_keys(self) -> None:
        """Hand the held keys on, in order, to whatever has the focus once the app has caught up."""

    def drop_held_keys(self) -> None:
        """Forget the held keys: what they were typed for will not come (a passphrase was refused)."""

    def notice_closed(self, notice: Screen[Any]) -> None:
        """``notice`` has left the screen: the keys typed behind the key that answered it go on."""


def workshop_of(app: App[Any]) -> Workshop:
    """The running app as a ``Workshop``. Every screen and the palette run inside ``WorkshopApp``, which
    mypy checks against ``Workshop`` where it builds its routes (``tui/app.py``)."""
    return cast("Workshop", app)
