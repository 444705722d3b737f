"""Every way from one screen to another, in one module: home, a day and its end, the review and then and
now, insight, the north star, support, the keys, a new run, and the files written for the user.

Screens and the command palette ask for a place (``self.routes.open_review()``); only this module builds
the screens they lead to. Those are imported when first opened (or while the user reads the home page,
``WorkshopApp._warm_up``): imported before the first paint, they cost more than the start-up budget.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from workshop.tui.context import Workshop
from workshop.tui.keys import SLOW_HOLD_LIMIT
from workshop.tui.screens.home import HomeScreen
from workshop.tui.screens.notice import Notice

if TYPE_CHECKING:
    from textual.screen import Screen

    from workshop.content.models import Module, Step
    from workshop.flow.day import DayWalk
    from workshop.flow.encryption import Outcome
    from workshop.flow.review import ReviewEntry
    from workshop.journal.crypto import Identity
    from workshop.journal.store import Journal, Run
    from workshop.settings import Settings

NEW_RUN_TITLE = "Start the program again?"
NEW_RUN_BODY = (
    "A new run begins at day 1 with blank pages. Every earlier answer is kept, and the review shows your "
    "runs side by side."
)
NEW_RUN_STARTED = "A new run has started. Your earlier answers are kept in the review."
STILL_OPENING = "Your journal is still opening; one moment."
SHARE_TITLE = "Share your scores? Only numbers, never your words"
SHARE_WHERE = (
    "Write the file to {path}? It stays on this computer until you give it to your facilitator yourself, "
    "by e-mail, a USB stick or however your group collects them."
)
SHARE_NO_RUN = "Nothing to share yet: start day 1 first."


class RoutesHost(Workshop, Protocol):
    """What the routes need from the app: the screens (Textual's own members), the journal and settings."""

    journal: Journal | None
    identity: Identity | None
    settings: Settings
    data_dir: Path
    config_dir: Path | None
    clock: Callable[[], datetime] | None

    @property
    def screen(self) -> Screen[Any]: ...

    @property
    def screen_stack(self) -> list[Screen[Any]]: ...

    def push_screen(self, screen: Screen[Any], callback: Callable[[Any], None] | None = None) -> object: ...

    def install_screen(self, screen: Screen[Any], name: str) -> None: ...

    def pop_screen(self) -> object: ...

    def notify(self, message: str, *, markup: bool = True, timeout: float | None = None) -> None: ...

    def save_now(self) -> str | None: ...

    def write_in_background(self, write: Callable[[], Path], done: str) -> object: ...


class Routes:
    """The places of the app (``workshop.tui.context.Navigation``), for the screens and the palette."""

    def __init__(self, app: RoutesHost) -> None:
        self.app = app
        # A page asked for before the journal was open (r pressed at once after start, on a long history),
        # opened as soon as it is.
        self._page_when_open: Callable[[], Screen[Any]] | None = None
        # The review, built once a session and kept (closed, it empties itself): ``r`` then shows it rather
        # than composing and styling a screen of some twenty widgets each time.
        self._review: Screen[Any] | None = None

    # -- home --------------------------------------------------------------------------------------------

    def go_home(self) -> None:
        app = self.app
        while len(app.screen_stack) > 1:  # home is the first screen
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
        """Open a page over home (review, insight, north star) with everything saved first; asked for while
        the journal is still opening, it opens once it is, and the keys typed meanwhile wait for it."""
        if self.app.journal is None:
            self._page_when_open = make_screen
            self.app.hold_keys(limit=SLOW_HOLD_LIMIT)
            return
        self.app.save_now()
        self.go_home()
        screen = make_screen()
        building = screen.is_running and not screen.is_mounted  # built ahead, and not done yet
        self.app.push_screen(screen)
        if building:
            # Its widgets are not all there yet: the keys typed meanwhile (ctrl+f and a word, sent with
            # the r) wait for them, as keys typed while the journal opens do, then reach them in order.
            self.app.hold_keys()
            screen.call_after_refresh(self.app.release_keys)

    def open_page_asked_for_early(self) -> None:
        """The journal is open: open the page asked for before it was, if any, then hand it the keys."""
        make_screen, self._page_when_open = self._page_when_open, None
        if make_screen is not None:
            self._open_page(make_screen)
            # Once the page has mounted and put the focus where it starts, not before: a key handed on
            # earlier would be typed into home, or have its focus taken away by the page's own.
            self.app.screen.call_after_refresh(self.app.release_keys)

    def forget_early_requests(self) -> None:
        """The journal did not open as asked (a passphrase prompt, a second window, an error came instead):
        the page or day asked for before is not opened behind it later."""
        self._page_when_open = None
        for screen in self.app.screen_stack:
            if isinstance(screen, HomeScreen):
                screen.forget_chosen_early()

    def open_review(self) -> None:
        self._open_page(self.review_screen)

    def review_screen(self) -> Screen[Any]:
        """The review: built once a session (ahead of the first ``r`` once the journal is open, see
        ``WorkshopApp``), kept when closed. It reads no answer until it is shown."""
        if self._review is None:
            from workshop.tui.screens.review import ReviewScreen

            self._review = ReviewScreen()
            self.app.install_screen(self._review, "review")  # kept when closed, not taken apart
        return self._review

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

    def open_sources(self, step: Step) -> None:
        from workshop.flow.sources import SOURCES_TITLE, citations_text, step_sources

        references = step_sources(self.app.program, step)
        if references and not isinstance(self.app.screen, Notice):
            self.app.push_screen(Notice(f"{SOURCES_TITLE}: {step.title}", citations_text(references)))

    # -- files written for the user ----------------------------------------------------------------------

    def export_journal(self, fmt: str) -> None:
        app = self.app
        app.save_now()

        def write(encrypt: bool) -> None:
            def written() -> Path:
                from workshop.reports.export import export_to_file

                return export_to_file(app.data_dir, app.program, fmt, identity=app.identity, encrypt=encrypt)

            app.write_in_background(written, "Exported, encrypted, to" if encrypt else "Exported to")

        self._before_plain_file(write, offer_encrypted=True)

    def write_calendar(self, run_number: int | None = None) -> None:
        app = self.app
        app.save_now()

        def write() -> Path:
            from workshop.reports.calendar import write_calendar

            now = app.clock() if app.clock else None
            path, _ = write_calendar(
                app.data_dir, app.program, run_number=run_number, now=now, identity=app.identity
            )
            return path

        app.write_in_background(write, "Calendar file (import it into your calendar app):")

    def save_north_star(self, fmt: str, run_number: int) -> None:
        app = self.app
        app.save_now()

        def write(encrypt: bool) -> None:
            def written() -> Path:
                from workshop.reports.northstar import export_to_file

                now = app.clock() if app.clock else None
                return export_to_file(
                    app.data_dir, app.program, fmt, run_number=run_number, now=now, identity=app.identity
                )

            app.write_in_background(written, "Saved to")

        self._before_plain_file(write, offer_encrypted=False)

    def _before_plain_file(self, write: Callable[[bool], None], *, offer_encrypted: bool) -> None:
        """Write at once from a plain journal; from an encrypted one, say first that the file will not be
        encrypted, and offer an encrypted ``.age`` file instead."""
        journal = self.app.journal
        if journal is None or not journal.encrypted:
            write(False)
            return
        from workshop.flow.encryption import EXPORT_BODY, EXPORT_TITLE

        choices = [("plain", "Write it unencrypted"), ("cancel", "Cancel")]
        if offer_encrypted:
            choices.insert(0, ("age", "Write it encrypted (.age)"))

        def answer(choice: str | None) -> None:
            if choice in ("age", "plain"):
                write(choice == "age")

        self.app.push_screen(Notice(EXPORT_TITLE, EXPORT_BODY, choices), answer)

    # -- encryption at rest (the words and the work: workshop/flow/encryption.py) -------------------------

    def offer_encryption(self) -> None:
        """On a new journal, once: offer encryption. "Not now" is remembered and said calmly."""
        from workshop.flow.encryption import OFFER_BODY, OFFER_LATER, OFFER_TITLE

        def answer(choice: str | None) -> None:
            self._remember_offer()
            if choice == "encrypt":
                self.turn_encryption_on()
            else:
                self.app.notify(OFFER_LATER, markup=False, timeout=8)

        self.app.push_screen(
            Notice(OFFER_TITLE, OFFER_BODY, [("encrypt", "Choose a passphrase"), ("later", "Not now")]),
            answer,
        )

    def _remember_offer(self) -> None:
        from workshop.settings import save_settings

        settings = self.app.settings
        if settings.encryption_offered:
            return
        settings.encryption_offered = True
        with contextlib.suppress(OSError):  # if it fails, the offer comes again next time: a small cost
            save_settings(settings, self.app.config_dir)

    def open_encryption(self) -> None:
        """Encryption's settings: on or off, the passphrase, the recovery page."""
        from workshop.flow.encryption import status_text

        journal = self.app.journal
        if journal is None:
            self.app.notify(STILL_OPENING, markup=False)
            return
        if journal.encrypted:
            choices = [
                ("passphrase", "Change passphrase"),
                ("page", "Recovery page"),
                ("off", "Turn off"),
                ("close", "Close"),
            ]
        else:
            choices = [("on", "Turn encryption on"), ("close", "Close")]
        actions = {
            "passphrase": self.change_passphrase,
            "page": self.write_recovery_page,
            "off": self.turn_encryption_off,
            "on": self.turn_encryption_on,
        }

        def answer(choice: str | None) -> None:
            if choice in actions:
                actions[choice]()

        self.app.push_screen(
            Notice("Encryption", status_text(journal.encrypted, self.app.data_dir), choices), answer
        )

    def turn_encryption_on(self) -> None:
        from workshop.flow import encryption
        from workshop.tui.screens.passphrase import PassphraseScreen, passphrase_result

        app = self.app
        journal = app.journal
        if journal is None:
            return
        app.save_now()

        def attempt(typed: list[str]) -> Outcome:
            return encryption.turn_on(journal, typed[0], typed[1])

        def done(value: object) -> None:
            outcome = passphrase_result(value)
            if outcome is None or outcome.identity is None:
                return
            app.identity = outcome.identity
            app.notify(encryption.TURNED_ON, markup=False, timeout=8)
            self.offer_recovery_page(outcome.identity)

        app.push_screen(
            PassphraseScreen(
                "Choose a passphrase",
                encryption.NEW_PASSPHRASE_BODY,
                ["Passphrase", "The same passphrase again"],
                attempt,
                go="Encrypt",
                working="Encrypting…",
            ),
            done,
        )

    def offer_recovery_page(self, identity: Identity) -> None:
        from workshop.flow.encryption import RECOVERY_BODY, RECOVERY_TITLE, recovery_page_path

        path = recovery_page_path()

        def answer(choice: str | None) -> None:
            if choice == "write":
                self._write_page(identity, path)

        body = RECOVERY_BODY.format(path=path)
        self.app.push_screen(
            Notice(RECOVERY_TITLE, body, [("write", "Write the page"), ("later", "Not now")]), answer
        )

    def write_recovery_page(self) -> None:
        if self.app.identity is not None:
            self.offer_recovery_page(self.app.identity)

    def _write_page(self, identity: Identity, path: Path) -> None:
        def written() -> Path:
            from workshop.reports.recovery_page import write_recovery_page

            return write_recovery_page(identity, path)

        self.app.write_in_background(written, "Recovery page written to (print it, then delete the file):")

    def change_passphrase(self) -> None:
        from workshop.flow import encryption
        from workshop.tui.screens.passphrase import PassphraseScreen, passphrase_result

        app = self.app

        def attempt(typed: list[str]) -> Outcome:
            return encryption.change_passphrase(app.data_dir, *typed)

        def done(value: object) -> None:
            if passphrase_result(value) is not None:
                app.notify(encryption.PASSPHRASE_CHANGED, markup=False, timeout=8)

        app.push_screen(
            PassphraseScreen(
                "Change the passphrase",
                encryption.CHANGE_BODY,
                ["Current passphrase", "New passphrase", "The new passphrase again"],
                attempt,
                go="Change",
                working="Changing…",
            ),
            done,
        )

    def turn_encryption_off(self) -> None:
        from workshop.flow import encryption
        from workshop.tui.screens.passphrase import PassphraseScreen, passphrase_result

        app = self.app
        journal = app.journal
        if journal is None:
            return
        app.save_now()

        def attempt(typed: list[str]) -> Outcome:
            return encryption.turn_off(journal, app.data_dir, typed[0])

        def done(value: object) -> None:
            outcome = passphrase_result(value)
            if outcome is None:
                return
            if not journal.encrypted:
                app.identity = None
            app.notify(outcome.note or encryption.TURNED_OFF, markup=False, timeout=12)

        app.push_screen(
            PassphraseScreen(
                "Turn encryption off?",
                encryption.OFF_BODY,
                ["Passphrase"],
                attempt,
                go="Decrypt",
                working="Decrypting…",
            ),
            done,
        )

    def share_scores(self) -> None:
        app = self.app
        run = app.current_run
        if not app.journal_open or run is None:
            app.notify(STILL_OPENING if not app.journal_open else SHARE_NO_RUN, markup=False)
            return
        from workshop import paths
        from workshop.reports import share

        app.save_now()
        try:
            prepared = share.prepare(app.program, run)
        except share.NothingToShare as nothing:
            app.notify(str(nothing), markup=False)
            return
        path = paths.exports_dir(app.data_dir) / prepared.file_name

        def answer(choice: str | None) -> None:
            if choice != "write":
                return
            kept = share.keep_id(app.program, run, prepared)  # in the run file before the file is written
            problem = app.save_now()
            if problem:
                app.notify(f"{problem} (the scores file was not written)", markup=False)
                return
            app.write_in_background(lambda: share.write(kept, path), "Scores saved to")

        body = "\n".join([*prepared.summary, "", SHARE_WHERE.format(path=path)])
        choices = [("write", "Write the file"), ("cancel", "Cancel")]
        app.push_screen(Notice(SHARE_TITLE, body, choices), answer)
