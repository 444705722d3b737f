"""The self-paced workshop app: screens, saving and safety around the flow layer.

The app owns three things and nothing more: which screen is showing (where each move leads is in
``tui/routes.py``), when the journal is saved (``flow/save_policy.py`` says when; the app runs its timer and
the saves), and how the app ends (quit, a closed terminal, SIGTERM) without losing a word. Screens see it
only as the ``Workshop`` of ``tui/context.py``. Everything a screen shows comes from ``workshop.flow``;
everything saved goes through ``workshop.journal``.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import signal
import threading
import time
from collections.abc import Awaitable, Callable, Iterable
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import AwaitMount

from workshop.content.outline import DeferredProgram, ProgramOutline
from workshop.content.problems import ContentError, Problem
from workshop.flow.save_policy import SavePolicy
from workshop.journal.errors import (
    JournalError,
    JournalLocked,
    JournalNeedsUnlock,
    JournalProblem,
    SaveReport,
)
from workshop.settings import Settings, load_settings, save_settings
from workshop.tui import allocator
from workshop.tui.commands import WorkshopCommands
from workshop.tui.cursor import follow_focus, hold_still
from workshop.tui.keys import HOLD_LIMIT, KeyGate, caught_up
from workshop.tui.routes import Routes
from workshop.tui.screens.base import WorkshopScreen
from workshop.tui.screens.home import HomeScreen
from workshop.tui.screens.notice import Notice
from workshop.tui.terminal import tolerate_bad_input_bytes
from workshop.tui.themes import WORKSHOP_THEMES

# Only the home screen is imported before the first paint. The content classes load after it in the
# journal worker (pydantic only if the program is not in the cache), the other screens in ``_warm_up`` (or
# when first opened): together they cost more than the whole start-up budget (docs/performance.md).
if TYPE_CHECKING:
    from workshop.content.models import Program
    from workshop.flow.encryption import Outcome
    from workshop.journal.crypto import Identity
    from workshop.journal.store import Journal, Run

STOP_GRACE = 3.0  # seconds the app has to end after a closed terminal or SIGTERM, before the process ends
KEYS_POLL = 0.05  # seconds between looks at whether held keys have reached their field, when stopping
JournalOpener = Callable[..., "Journal"]


class WorkshopApp(App[None]):
    """The guided workshop. Build it with ``make_app``; tests use the same factory."""

    # One stylesheet per screen, beside it. All are read at start: loading a screen's own stylesheet when
    # it first opens made the first day open 80-100 ms later (Textual re-parses everything then) and the
    # first paint no sooner (measured with bench/bench_startup.py).
    CSS_PATH = [  # noqa: RUF012
        "workshop.tcss",
        "screens/day.tcss",
        "screens/review.tcss",
        "screens/then_and_now.tcss",
        "screens/insight.tcss",
        "screens/northstar.tcss",
        "screens/support.tcss",
        "screens/help.tcss",
    ]
    TITLE = "Workshop"
    COMMANDS = App.COMMANDS | {WorkshopCommands}
    BINDINGS = [  # noqa: RUF012
        Binding(
            "ctrl+g",
            "support",
            "Support",
            id="app.support",
            priority=True,
            tooltip="Support and crisis lines",
        ),
        Binding("f1", "help", "Keys", id="app.help", tooltip="This list of keys"),
        Binding(
            "ctrl+s",
            "save",
            "Save now",
            id="app.save",
            show=False,
            tooltip="Save now (it also saves by itself)",
        ),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True, tooltip="Save and quit"),
        # Tab and shift+tab move the focus as the app reads them, before the keys typed behind them: as
        # Textual's own bindings they ran once the key had bubbled up from the field, and the words typed
        # after Tab went into the field being left ("walk at lunch", Tab, "take the stairs": one "When").
        Binding("tab", "focus_next", "Next field", show=False, priority=True),
        Binding("shift+tab", "focus_previous", "Previous field", show=False, priority=True),
    ]

    save_status: reactive[str] = reactive("")

    def __init__(
        self,
        program: Program | DeferredProgram,
        data_dir: Path,
        *,
        settings: Settings | None = None,
        config_dir: Path | None = None,
        clock: Callable[[], datetime] | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        open_journal: JournalOpener | None = None,
        review_ahead: bool = True,
    ) -> None:
        tolerate_bad_input_bytes()  # before the driver starts reading the terminal
        super().__init__()
        self.key_gate = KeyGate()
        self._hold_timer: Timer | None = None
        self._hold_deadline = 0.0
        self._held_for_notice: Notice | None = None
        self._program: Program | None
        self._load_program: Callable[[], Program]
        if isinstance(program, DeferredProgram):
            self._program, self._load_program, self.outline = None, program.load, program.outline
        else:
            loaded = program
            self._program, self._load_program = loaded, lambda: loaded
            self.outline = ProgramOutline.of(loaded)
        self.data_dir = data_dir
        self.config_dir = config_dir
        self.settings = settings or load_settings(config_dir)
        self._start_in_theme(self.settings.theme)
        self.clock = clock
        self.monotonic = monotonic
        self._open_journal = open_journal
        self.review_ahead = review_ahead
        """Build the review once the journal is open, so that ``r`` shows it rather than composes it
        (tests turn it off: most never open the review, and building it would cost each of them)."""
        self._input_at = 0.0  # time.monotonic() of the last key or click
        self.journal: Journal | None = None
        self.identity: Identity | None = None
        """The encrypted journal's key, unlocked once for this session (None for a plain journal)."""
        self.saving = SavePolicy(clock or datetime.now)
        self._save_timer: Timer | None = None
        self._return_to: tuple[str, str] | None = None
        self.title = header_title(self.outline.title)
        self.routes = Routes(self)

    @property
    def program(self) -> Program:
        """The program. Screens other than home open only once it is loaded, with the journal."""
        if self._program is None:
            raise RuntimeError("the program is still loading")
        return self._program

    @property
    def program_loaded(self) -> bool:
        return self._program is not None

    # -- start and stop ----------------------------------------------------------------------------------

    def _start_in_theme(self, name: str) -> None:
        """Start in the theme ``name`` (the workshop's first theme if there is none of that name), in place
        before the stylesheets are first parsed. Set in ``on_mount``, as Textual's guide does, the theme
        came after that parse: every stylesheet was parsed again with its colours, and once more as home
        mounted (the re-parse leaves Textual's cache of parsed rules empty), 25 to 30 ms before the first
        paint (docs/performance.md). Here is what Textual's watcher of ``theme`` does at a later change,
        without the re-parse: the theme's classes on the app, its ANSI colours (a private method; Textual
        is pinned exactly), and the variables the stylesheets will be parsed with."""
        for theme in WORKSHOP_THEMES:
            self.register_theme(theme)
        if name not in self.available_themes:
            name = WORKSHOP_THEMES[0].name
        self.set_reactive(App.theme, name)  # no watcher: it would re-parse, and nothing is parsed yet
        dark = self.current_theme.dark
        classes = {f"-theme-{name}": True, "-dark-mode": dark, "-light-mode": not dark}
        self.update_classes(classes, update=False)
        self._refresh_truecolor_filter(self.ansi_theme)
        self.stylesheet.set_variables(self.get_css_variables())

    def get_default_screen(self) -> Screen[Any]:
        """Home is the app's first screen, in place of Textual's empty one. Pushed from ``on_mount``, it
        was mounted while Textual still held back the frames of the app's start (``push_screen`` has the
        app wait for the mount, inside the start's ``batch_update``): its first frame was made, dropped,
        and made again at the next tick of the screen's timer, 40 to 50 ms before the first paint
        (docs/performance.md). As the first screen it composes beside the app's start and is drawn once,
        as soon as it is mounted. Every screen opens over it (``Routes.go_home`` pops back to it)."""
        return HomeScreen()

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self.settings.keymap:
            self.set_keymap(self.settings.keymap)
        if self.settings.problem:
            self.notify(self.settings.problem, severity="warning", markup=False, timeout=8)
        self._install_signal_handlers()
        # Parse the journal after the home screen is painted: a year of answers takes tens of ms.
        self.call_after_refresh(self.open_journal)

    def _install_signal_handlers(self) -> None:
        """A closed terminal (SIGHUP) or a polite kill (SIGTERM) saves before the app ends."""
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGHUP, signal.SIGTERM):
            try:
                loop.add_signal_handler(signum, self._on_stop_signal, signum)
            except (NotImplementedError, RuntimeError, ValueError):
                continue  # not the main thread (tests) or not supported (Windows): saves still happen on exit

    def _on_stop_signal(self, signum: int) -> None:
        """Save, then end, even if Textual cannot."""
        self.save_now()  # what every field has handled so far, at once, in case nothing else runs
        # When the terminal is gone, Textual's output thread can die on its next write and its shutdown
        # then waits for that thread forever (seen with `tmux kill-server`): a process left behind. The
        # words are saved by now, and the operating system lets the one-window lock go with the process,
        # so if the app has not ended after a grace period, the process ends itself. A daemon timer: it
        # never delays a normal exit.
        watchdog = threading.Timer(STOP_GRACE, os._exit, args=(128 + signum,))
        watchdog.daemon = True
        watchdog.start()
        self.call_later(self._stop)

    async def _stop(self, waited: float = 0.0) -> None:
        """The last keys typed before the terminal closed are handled and saved, the lock let go, the app
        ended."""
        if self.key_gate.busy and waited < STOP_GRACE / 2:
            # Keys are held for a step that is opening: come back once they are in its field.
            self.set_timer(KEYS_POLL, partial(self.call_later, self._stop, waited + KEYS_POLL))
            return
        await caught_up(self.focused)
        self.save_now()
        if self.journal is not None:
            self.journal.close()  # the next window must open, whatever happens to this process now
            self.journal = None
        self.exit()

    async def action_quit(self) -> None:
        await caught_up(self.focused)  # keys typed just before ctrl+q are part of what is saved
        problem = self.save_now()
        if problem is None:
            self.exit()
            return

        def answer(choice: str | None) -> None:
            if choice == "retry":
                self.call_later(self.action_quit)
            elif choice == "quit":
                self.exit()

        self.push_screen(
            Notice(
                "Your latest words are not saved yet",
                f"{problem}\n\nThey are still here in the window. "
                "Free some space or fix the folder, then try again.",
                [("retry", "Try again"), ("stay", "Stay"), ("quit", "Quit without saving")],
            ),
            answer,
        )

    def panic(self, *renderables: object) -> None:
        # Textual panics when its input thread fails; its report is a traceback. End as calmly as a crash.
        if os.environ.get("WORKSHOP_DEBUG"):
            super().panic(*renderables)  # type: ignore[arg-type]
            return
        self._crash_name = "problem reading the terminal"
        self._fatal_error()

    def _handle_exception(self, error: Exception) -> None:
        self._crash_name = type(error).__name__
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        # Textual's crash report is a traceback *with local variables*: it could put a user's answers on
        # the screen or in a terminal's scrollback. We save, then end with one line instead. These two
        # overrides are the only private Textual API we touch; WORKSHOP_DEBUG=1 keeps Textual's report.
        if os.environ.get("WORKSHOP_DEBUG"):
            super()._fatal_error()
            return
        try:
            problem = self.save_now()
        except Exception as error:
            problem = type(error).__name__
        saved = "your answers were saved" if problem is None else "your last words may not be saved"
        name = getattr(self, "_crash_name", "error")
        self.exit(return_code=1, message=f"workshop: an unexpected {name} stopped the app; {saved}.")

    # -- keys typed while the screen changes (see tui/keys.py) ------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.MouseDown):
            self._input_at = time.monotonic()  # the warm-up gives way to it (``warm_up.py``)
        if self.key_gate.keep(event):
            return
        await super().on_event(event)
        notice = self.screen_stack[-1] if self.screen_stack else None  # keys can come before any screen
        if isinstance(event, events.Key) and isinstance(notice, Notice) and notice.chosen_by(event.key):
            self._hold_keys_while_closing(notice)

    def hold_keys(self, limit: float = HOLD_LIMIT) -> None:
        """Keep the keys typed from now on until ``release_keys`` (``limit`` seconds at most): a step or a
        day is opening, or a passphrase is being tried."""
        self._held_for_notice = None  # what holds now releases the keys, not a notice that closed before
        self.key_gate.hold()
        deadline = time.monotonic() + limit
        if self._hold_timer is None or deadline > self._hold_deadline:  # the longer of two holds wins
            self._stop_hold_timer()
            self._hold_timer = self.set_timer(limit, self.release_keys)
            self._hold_deadline = deadline

    def _hold_keys_while_closing(self, notice: Notice) -> None:
        """A key that answers ``notice`` was just handed to it: the keys typed behind it (``c`` after Enter on
        "Not now") belong to the screen that follows, not to the notice, which is about to close and would
        drop them. They are held until the notice is gone (``notice_closed``), or for what its answer opens,
        if that holds keys in turn (a day opening)."""
        self.hold_keys()
        self._held_for_notice = notice

    def notice_closed(self, notice: Screen[Any]) -> None:
        """``notice`` has left the screen: hand on the keys held for it, once the screen below has drawn."""
        if self._held_for_notice is notice:
            self._held_for_notice = None
            self.call_after_refresh(self.release_keys)

    def release_keys(self) -> None:
        """Hand the held keys on, in order, to whatever has the focus once the app has caught up."""
        self._stop_hold_timer()
        self.call_later(self._hand_on_held_keys)

    def drop_held_keys(self) -> None:
        """Forget the held keys: what they were typed for will not come (a passphrase was refused). Quit
        and support are the exception: they work whatever the screen is doing, so they are handed on."""
        self._stop_hold_timer()
        always = self._keys_that_always_work()
        self.key_gate.drop(keep=lambda event: isinstance(event, events.Key) and event.key in always)
        self.call_later(self._hand_on_held_keys)

    def _keys_that_always_work(self) -> set[str]:
        """The keys of quit and support, as the user's keymap has them."""
        keys: set[str] = set()
        for binding in self.BINDINGS:
            if isinstance(binding, Binding) and binding.action in ("quit", "support"):
                chosen = self.settings.keymap.get(binding.id or "", binding.key)
                keys.update(key.strip() for key in chosen.split(","))
        return keys

    def _stop_hold_timer(self) -> None:
        if self._hold_timer is not None:
            self._hold_timer.stop()
            self._hold_timer = None

    async def _hand_on_held_keys(self) -> None:
        self.key_gate.open()
        while (event := self.key_gate.next_to_hand_on()) is not None:
            await super().on_event(event)

    # -- the terminal cursor follows the focus, for braille displays (see tui/cursor.py) ---------------------

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if self.animation_level == "none":
            hold_still(event.widget)  # TEXTUAL_ANIMATIONS=none: no blinking cursor either
        self.call_after_refresh(follow_focus, self)

    def on_option_list_option_highlighted(self) -> None:
        self.call_after_refresh(follow_focus, self)

    def on_resize(self) -> None:
        self.call_after_refresh(follow_focus, self)

    def on_unmount(self) -> None:
        self.save_now()
        if self.journal is not None:
            self.journal.close()

    # -- the journal -------------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="journal")
    def open_journal(self) -> None:
        """Load the program if needed, then open (and lock) the journal, off the UI thread."""
        opener = self._open_journal
        options: dict[str, Any] = {"clock": self.clock} if self.clock else {}
        if opener is None:
            from workshop.journal.store import Journal

            opener = Journal.open
            options["lazy"] = True  # older runs are read when a screen first needs them (docs/data.md)
        if self.identity is not None:
            options["identity"] = self.identity
        try:
            program = self._program or self._load_program()
            journal = opener(self.data_dir, program, **options)
        except ContentError as failure:
            self.call_from_thread(self._program_failed, failure.problems)
        except JournalNeedsUnlock:
            self.call_from_thread(self._ask_passphrase)
        except JournalLocked as locked:
            self.call_from_thread(self._journal_locked, str(locked))
        except JournalError as error:
            self.call_from_thread(self._journal_failed, str(error))
        else:
            # What loading the program and reading the newest run let go goes back to the system before
            # the screens are imported (the peak at start is what is alive, not what once was).
            allocator.give_back()
            self.call_from_thread(self._journal_ready, program, journal)

    def _journal_ready(self, program: Program, journal: Journal) -> None:
        self._program = program
        self.journal = journal
        journal.on_problems = self._problems_found
        self.routes.refresh_home()
        self._return_to_place()
        self.routes.open_page_asked_for_early()
        if journal.problems:
            self._offer_restore(list(journal.problems))
        elif not journal.runs and not journal.encrypted and not self.settings.encryption_offered:
            self.routes.offer_encryption()
        self.call_after_refresh(self._prepare_the_rest)  # once home shows the journal open

    async def _prepare_the_rest(self) -> None:
        """While the person reads home: build the review, then import the other screens. One after the
        other: built while the journal opened, or while the screens were imported, each slowed the other
        (a thread that reads files waits for the interpreter at every read), and the journal opened 150 to
        300 ms later."""
        if self.review_ahead:
            await self.build_ahead(self.routes.review_screen())
        self._warm_up()

    def _forget_early_requests(self) -> None:
        """Something other than the journal came of opening it (a passphrase prompt, a second window, an
        error): what was asked for and typed before, for a page that is not coming, is forgotten rather
        than typed into that prompt. Quit and support still work (``drop_held_keys``)."""
        self.routes.forget_early_requests()
        self.drop_held_keys()

    def build_ahead(self, screen: Screen[Any]) -> Awaitable[None]:
        """Compose, mount and style ``screen`` now without showing it: pushed later, it is shown at once.
        Textual's own first step of ``push_screen`` (a private method; the version is pinned)."""
        if screen.is_running:
            return AwaitMount(screen, [])
        return AwaitMount(screen, self._register(self, screen))

    def _ask_passphrase(self) -> None:
        """The journal is encrypted: ask for its passphrase (unlocked in a worker), then open it."""
        self._forget_early_requests()
        from workshop.flow import encryption
        from workshop.tui.screens.passphrase import PassphraseScreen, passphrase_result

        def unlocked(value: object) -> None:
            outcome = passphrase_result(value)
            if outcome is None or outcome.identity is None:
                self.exit()  # "Quit": nothing was opened, nothing to save
                return
            self.identity = outcome.identity
            self.open_journal()

        def attempt(typed: list[str]) -> Outcome:
            return encryption.unlock(self.data_dir, typed[0])

        self.push_screen(
            PassphraseScreen(
                encryption.UNLOCK_TITLE, encryption.UNLOCK_BODY, ["Passphrase"], attempt, cancel="Quit"
            ),
            unlocked,
        )

    @work(thread=True, exclusive=True, group="warm-up", exit_on_error=False)
    def _warm_up(self) -> None:
        """Import the screens not on the home page while the user reads it, so the first day opens at once;
        a module at a time, each waiting while a key is fresh (``warm_up.py``). Not headless (the tests):
        no one is typing there, and a test that waits for every worker would wait for the pauses."""
        from workshop.tui.warm_up import giving_way

        try:
            with contextlib.nullcontext() if self.is_headless else giving_way(lambda: self._input_at):
                import workshop.tui.screens.day
                import workshop.tui.screens.end_of_day
                import workshop.tui.screens.help
                import workshop.tui.screens.review
                import workshop.tui.screens.support  # noqa: F401 (imported for the side effect: loaded modules)
        finally:
            # Everything loaded so far (content, the journal, the screens) lives for the whole session.
            # Freezing it keeps Python's full garbage collections, which stalled typing by 50-80 ms, from
            # walking it again.
            gc.freeze()
            allocator.give_back()  # what the imports let go (files read, compiled code), before the review

    def _program_failed(self, problems: list[Problem]) -> None:
        """The program changed between the first paint and loading it, and no longer validates."""
        self._forget_early_requests()
        message = "\n".join(str(problem) for problem in problems[:8])
        self.push_screen(
            Notice("The program has problems", message, [("quit", "Quit")]),
            lambda _: self.exit(return_code=1, message=message),
        )

    def _journal_locked(self, message: str) -> None:
        self._forget_early_requests()

        def answer(choice: str | None) -> None:
            if choice == "retry":
                self.open_journal()
            else:
                self.exit(message=message)

        self.push_screen(
            Notice("Already open in another window", message, [("retry", "Try again"), ("quit", "Quit")]),
            answer,
        )

    def _journal_failed(self, message: str) -> None:
        self._forget_early_requests()
        self.push_screen(
            Notice("The journal could not be opened", message, [("quit", "Quit")]),
            lambda _: self.exit(message=message),
        )

    def _problems_found(self, problems: list[JournalProblem]) -> None:
        """Files of an older run found damaged when a screen first read them (from any thread): shown as
        at start, over the screen that asked; that screen shows what could be read."""
        self.call_later(self._offer_restore, problems)  # posts a message: safe from a worker thread

    def _offer_restore(self, problems: list[JournalProblem]) -> None:
        restorable = [p for p in problems if p.backup is not None]
        body = "\n".join(f"• {p.message}" for p in problems)
        body += "\n\nThose files are kept exactly as they are. The rest of your journal is open."
        choices = [("keep", "Keep them as they are")]
        if restorable:
            body += f"\nA readable backup exists for {len(restorable)} of them."
            choices.insert(0, ("restore", "Restore the backups"))

        def answer(choice: str | None) -> None:
            if choice == "restore" and self.journal is not None:
                self._restore_backups(restorable)

        self.push_screen(Notice("Some files could not be read", body, choices), answer)

    def _restore_backups(self, problems: list[JournalProblem]) -> None:
        assert self.journal is not None
        for problem in [p for p in problems if p in self.journal.problems]:
            try:
                self.journal.restore_backup(problem)
            except JournalError as error:
                self.notify(str(error), severity="error", markup=False, timeout=10)
        self.routes.refresh_home()
        self.notify("Backups restored. The unreadable files were kept beside them.", markup=False)

    @property
    def journal_open(self) -> bool:
        return self.journal is not None

    @property
    def runs(self) -> list[Run]:
        """Every run of the journal, oldest first (none while it is opening)."""
        return self.journal.runs if self.journal else []

    @property
    def current_run(self) -> Run | None:
        return self.journal.current_run() if self.journal else None

    def today(self) -> date:
        """Today by the app's clock (the journal's), in local time: when a follow-up check-in is due."""
        return (self.clock or datetime.now)().astimezone().date()

    # -- saving: workshop/flow/save_policy.py decides when, and what the status line says ---------------

    def answer_changed(self) -> None:
        """Called on every change; the save happens once typing pauses for a second."""
        self.saving.changed()
        self._follow_save_policy()

    def save_soon(self, *, immediately: bool = False) -> None:
        if immediately:
            self.saving.saving_now()
            self._save_in_background()
        else:
            self.saving.save_after_pause()
        self._follow_save_policy()

    def _follow_save_policy(self) -> None:
        """Show the policy's status, and set the one timer to fire when it wants the next save."""
        self.save_status = self.saving.status
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        wait = self.saving.seconds_to_wait()
        if wait is not None:
            self._save_timer = self.set_timer(wait, self._on_save_timer)

    def _on_save_timer(self) -> None:
        self._save_timer = None
        if self.saving.tick():
            self._save_in_background()
        self._follow_save_policy()

    def _save_in_background(self) -> None:
        run = self.current_run
        if self.journal is not None and run is not None:
            self._save_worker(self.journal, run)

    @work(thread=True, group="save", exit_on_error=False)
    def _save_worker(self, journal: Journal, run: Run) -> None:
        # The store snapshots the run under its own lock, so typing can go on while this writes.
        try:
            report = journal.save(run)
        except JournalError as error:
            self.call_from_thread(self._save_failed, str(error))
        else:
            self.call_from_thread(self._saved, report)

    def _saved(self, report: SaveReport) -> None:
        self.saving.saved()
        self._follow_save_policy()
        for notice in report.notices:
            self.notify(notice, severity="warning", markup=False, timeout=12)

    def _save_failed(self, message: str) -> None:
        self.saving.failed()  # and tries again after a pause
        self._follow_save_policy()
        self.notify(message, title="Not saved yet", severity="error", markup=False, timeout=12)

    def save_now(self) -> str | None:
        """Save on the UI thread, now. Returns a message if it failed (the words stay in memory)."""
        self.saving.saving_now()
        self._follow_save_policy()
        run = self.current_run
        if self.journal is None or run is None:
            return None
        self._keep_screen_answer()
        try:
            self.journal.save(run)
        except JournalError as error:
            return str(error)
        return None

    def _keep_screen_answer(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, WorkshopScreen):
                screen.keep_current_answer()  # only a day screen has one

    async def action_save(self) -> None:
        await caught_up(self.focused)
        problem = self.save_now()
        if problem:
            self._save_failed(problem)
        else:
            self.saving.saved()
            self._follow_save_policy()
            self.notify("Saved.", timeout=2)

    # -- where the user goes (every route is in tui/routes.py) ------------------------------------------

    def action_support(self, gentle: bool = False) -> None:
        self.routes.open_support(gentle)

    def action_help(self) -> None:
        self.routes.open_help()

    @work(thread=True, group="export", exit_on_error=False)
    def write_in_background(self, write: Callable[[], Path], done: str) -> None:
        """Run ``write`` (an export) off the UI thread, then say where the file is, or what went wrong."""
        try:
            path = write()
        except JournalError as error:
            self.call_from_thread(self.notify, str(error), severity="error", markup=False)
        else:
            self.call_from_thread(self.notify, f"{done} {path}", markup=False, timeout=10)

    # -- live content (workshop preview) ---------------------------------------------------------------------

    def replace_program(self, program: Program) -> None:
        """Show ``program`` instead of the current one, keeping the user's place where it still exists."""
        place = self._current_place()
        self.save_now()
        if self.journal is not None:
            self.journal.close()
        self.journal = None
        self._program = program
        self.outline = ProgramOutline.of(program)
        self.title = header_title(program.title)
        self._return_to = place
        self.routes.go_home()
        self.open_journal()

    def _current_place(self) -> tuple[str, str] | None:
        screen = self.screen
        return screen.place() if isinstance(screen, WorkshopScreen) else None

    def _return_to_place(self) -> None:
        place, self._return_to = self._return_to, None
        if place is None:
            return
        module = self.program.module(place[0])
        if module is None:
            return
        step_ids = [step.id for step in module.steps]
        self.routes.open_day(module, step_ids.index(place[1]) if place[1] in step_ids else None)

    def show_content_problems(self, problems: list[Problem]) -> None:
        """Say calmly that the files have problems; the last good version stays on screen."""
        lines = "\n".join(str(problem) for problem in problems[:8])
        more = f"\n…and {len(problems) - 8} more" if len(problems) > 8 else ""
        self.notify(
            f"{lines}{more}\nShowing the last version that worked.",
            title="The program has problems",
            severity="error",
            markup=False,
            timeout=15,
        )

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's own palette entries, less those that do not belong here: its "Keys" panel (F1 and our
        own "Keys" entry list the app's keys in plain words) and "Screenshot" (a copy of what is on the
        screen, someone's private words, left in a file)."""
        for command in super().get_system_commands(screen):
            if command.title in ("Theme", "Quit"):
                yield command

    # -- settings ----------------------------------------------------------------------------------------

    def _remember_theme(self, theme: object) -> None:
        name = getattr(theme, "name", None)
        if not isinstance(name, str) or name == self.settings.theme:
            return
        self.settings.theme = name
        try:
            save_settings(self.settings, self.config_dir)
        except Exception:
            self.notify("The theme could not be remembered for next time.", severity="warning", markup=False)


def header_title(title: str) -> str:
    """The program's name for the one-line header: its title up to a colon ("Finding the Thread"), so that
    with the screen's part ("Day 1") it fits at 80 columns. The home screen shows the whole title."""
    name, colon, _rest = title.partition(":")
    return name.strip() if colon and name.strip() else title


def make_app(program: Program | DeferredProgram, data_dir: Path, **options: Any) -> WorkshopApp:
    """Build the app from ready objects (or a program to load after the first paint); the CLI and the
    tests both use this."""
    return WorkshopApp(program, data_dir, **options)
