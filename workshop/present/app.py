"""The Textual layer of facilitator mode: the projected slides and the notes window.

Screens here forward key presses to ``PresentSession`` and repaint from it; they decide nothing. Time
comes from injected clocks (``clock``: monotonic, for timers; ``wall``: ``time.time``, only to tell a
live presenter from a closed one), so tests and screenshots are exact. Repaints happen on a 4 Hz tick
that touches a widget only when what it shows has changed: about once a second while a timer runs.

The projector shows the room's slide and nothing else: the clicker's keys are priority bindings, so no
widget can swallow them; slides are laid out for the real window size (``layout``) and never scroll;
messages for the facilitator go to the notes window, with at most a small neutral indicator on the
projector's bottom line.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import time
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.theme import Theme
from textual.widgets import DataTable, Static

from workshop.present import strings
from workshop.present.deck import Deck
from workshop.present.layout import Page, layout_slide
from workshop.present.session import PresentSession, agenda_cells
from workshop.present.sync import (
    STALE_AFTER,
    NotesState,
    read_state,
    reader_path,
    reader_seen,
    remove_state,
    touch_reader,
    write_state,
)
from workshop.present.timer import Clock, format_clock
from workshop.present.widgets import NotesView, SlideView
from workshop.ui_text import plain

TICK_SECONDS = 0.25
POLL_SECONDS = 0.25
HEARTBEAT_SECONDS = 1.0

THEMES: dict[str, Theme] = {
    # Light on dark: white text on black, amber accents. The usual choice in a dim room.
    "dark": Theme(
        name="projector-dark",
        primary="#ffd24d",
        secondary="#8fd3ff",
        accent="#ffd24d",
        warning="#ffb020",
        error="#ff6b6b",
        success="#7ee081",
        foreground="#ffffff",
        background="#000000",
        surface="#0d0d0d",
        panel="#1c1c1c",
        dark=True,
    ),
    # Dark on light: black text on white, deep blue accents. For bright rooms and washed-out projectors.
    "light": Theme(
        name="projector-light",
        primary="#003d99",
        secondary="#5a2d82",
        accent="#003d99",
        warning="#8a4b00",
        error="#b00020",
        success="#1d6b2a",
        foreground="#000000",
        background="#ffffff",
        surface="#f4f4f4",
        panel="#e6e6e6",
        dark=False,
    ),
}


def _register_themes(app: App[None], theme: str) -> None:
    for registered in THEMES.values():
        app.register_theme(registered)
    app.theme = THEMES.get(theme, THEMES["dark"]).name


def _other_theme(app: App[None]) -> str:
    return THEMES["light"].name if app.theme == THEMES["dark"].name else THEMES["dark"].name


# The keys a presentation clicker sends, and the few a facilitator presses as often. Priority bindings:
# they reach the presenter whatever else is on screen.
CLICKER_BINDINGS: list[BindingType] = [
    Binding("pagedown,right,down,space", "next", "Next", show=False, priority=True),
    Binding("pageup,left,up", "back", "Back", show=False, priority=True),
    Binding("home", "first", show=False, priority=True),
    Binding("end", "last", show=False, priority=True),
    Binding("b,full_stop", "blank", "Blank", show=False, priority=True),
    Binding("f5,shift+f5", "present", "Present", show=False, priority=True),
]


class OverlayScreen(ModalScreen[None]):
    """Something over the slide for the facilitator (the keys, the agenda on a single screen).

    A clicker press closes it and does what it says on the slide underneath: the clicker never gets stuck.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pagedown,right,space", "close_then('next')", show=False, priority=True),
        Binding("pageup,left", "close_then('back')", show=False, priority=True),
        Binding("home", "close_then('first')", show=False, priority=True),
        Binding("end", "close_then('last')", show=False, priority=True),
        Binding("b,full_stop", "close_then('blank')", show=False, priority=True),
        Binding("f5,shift+f5", "close_then('present')", show=False, priority=True),
    ]

    def action_close_then(self, action: str) -> None:
        screen = self.app.screen_stack[-2] if len(self.app.screen_stack) > 1 else None
        self.dismiss()
        if isinstance(screen, SlideScreen):
            screen.run_slide_action(action)


class KeysScreen(OverlayScreen):
    """The list of keys, over the slide; two columns of key and what it does."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q,enter", "dismiss", show=False),
    ]

    def compose(self) -> ComposeResult:
        width = max(len(what) for what, _ in strings.KEYS) + 3
        table = Content("\n").join(
            Content.assemble((what.ljust(width), "$foreground-muted"), (keys, "bold"))
            for what, keys in strings.KEYS
        )
        with Vertical(id="keys-box"):
            yield Static(plain(strings.KEYS_TITLE), classes="overlay-title")
            yield Static(table, id="keys-table")


class AgendaScreen(OverlayScreen):
    """The agenda on the projector, only when no notes window follows (one screen for everything).

    Each slide's plan, the time spent and any overrun. Enter jumps to a slide.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,a,q", "dismiss", show=False),
    ]

    def __init__(self, session: PresentSession) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        with Vertical(id="agenda-box"):
            yield Static(plain(strings.AGENDA_TITLE), classes="overlay-title")
            yield DataTable(id="agenda-table", cursor_type="row", zebra_stripes=False)
            yield Static("", id="agenda-summary")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for column in strings.AGENDA_COLUMNS:
            table.add_column(column, key=column)
        self.refresh_agenda()
        table.move_cursor(row=self.session.index, animate=False)
        self.set_interval(1.0, self.refresh_agenda)
        self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        # The table scrolls (it is the facilitator's, not the room's); title and summary stay on screen.
        self.query_one(DataTable).styles.max_height = max(3, self.size.height - 12)

    def refresh_agenda(self) -> None:
        agenda = self.session.agenda()
        table = self.query_one(DataTable)
        cursor = table.cursor_row
        table.clear()
        for cells in agenda_cells(agenda):
            style = "bold" if cells[0].startswith("▸") else ""
            table.add_row(*(Text(cell, style=style) for cell in cells), key=cells[0].strip("▸ "))
        table.move_cursor(row=cursor, animate=False)
        self.query_one("#agenda-summary", Static).update(plain(agenda.summary()))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.dismiss()
        number = int(event.row_key.value or "0")
        screen = self.app.screen
        if isinstance(screen, SlideScreen):
            screen.go_to(number)


class SlideScreen(Screen[None]):
    """The projected slide, with its bottom line, the optional notes panel, and blanking."""

    # Every key here is a priority binding, not only the clicker's: Textual runs priority bindings as the
    # key arrives but queues the others for the screen, so "7" then Enter typed in one burst would move
    # on first and take the 7 afterwards. All at one level, keys are handled in the order they are typed.
    BINDINGS: ClassVar[list[BindingType]] = [
        *CLICKER_BINDINGS,
        *(
            Binding(key, action, show=False, priority=True)
            for key, action in (
                ("enter", "enter"),
                ("escape", "escape"),
                ("g", "jump"),
                ("backspace", "drop_digit"),
                ("s", "timer_toggle"),
                ("r", "timer_reset"),
                ("plus,equals_sign,e", "timer_extend(60)"),
                ("minus", "timer_extend(-60)"),
                ("a", "agenda"),
                ("n", "notes"),
                ("question_mark", "keys"),
                ("R", "reset_session"),
                *((str(digit), f"digit({digit})") for digit in range(10)),
            )
        ),
    ]

    def __init__(self, session: PresentSession) -> None:
        super().__init__()
        self.session = session
        self.notes_window = False
        """A notes window follows this presenter (it touched its file lately)."""
        self.slide_size = (0, 0)
        self._page: Page | None = None
        self._status: tuple[str, str] = ("", "")
        self._notes_state: NotesState | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            yield SlideView(id="slide")
            panel = NotesView(id="notes-panel")
            panel.can_focus = False  # on the projector nothing takes focus: every key is the presenter's
            yield panel
        with Horizontal(id="status"):
            yield Static("", id="status-left")
            yield Static("", id="status-right")

    def on_mount(self) -> None:
        self.query_one("#notes-panel", NotesView).display = False

    # ---- fitting the slide to the window -------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self.fit_to_window)

    def fit_to_window(self) -> None:
        """Lay the deck out for the slide area's real size; called whenever that size changes."""
        view = self.query_one(SlideView)
        size = (view.content_size.width, view.content_size.height)
        if size == self.slide_size or min(size) <= 0:
            return
        self.slide_size = size
        deck = self.session.deck
        self.session.set_page_counts(lambda index: len(layout_slide(deck[index], *size)))
        self.show_slide()

    def current_page(self) -> Page:
        pages = layout_slide(self.session.slide, *self.slide_size)
        return pages[min(self.session.page, len(pages) - 1)]

    # ---- repainting ---------------------------------------------------------------------------------

    def show_slide(self) -> None:
        """Repaint everything for the current slide and page (after a move or a resize)."""
        if self.slide_size == (0, 0):
            return
        self._page = self.current_page()
        self.query_one(SlideView).show(self._page, self.session.timer, self.session.cue())
        self.refresh_dynamic()

    def refresh_dynamic(self) -> None:
        """Repaint what changes with time: the timer, the bottom line, the notes panel. Cheap when idle."""
        session = self.session
        self.set_class(session.blank, "-blank")
        if self._page is not None:
            self.query_one(SlideView).show_timer(self._page, session.timer, session.cue())
        slide = session.slide
        indicator = session.indicator()
        left = f"{slide.number} / {len(session.deck)}   {slide.title}"
        if session.pages > 1:
            left += f"   ({session.page + 1}/{session.pages})"
        if session.tracker.started:
            right = strings.STATUS_RIGHT.format(elapsed=_elapsed(session))
        else:
            right = strings.STATUS_NOT_STARTED
        if self.has_class("-bare"):
            # The show is on: the room sees the slide and, at most, the facilitator's small indicator.
            left, right = "", indicator
        elif indicator:
            right = f"{indicator}    {right}"
        if (left, right) != self._status:
            self._status = (left, right)
            self.query_one("#status-left", Static).update(plain(left))
            self.query_one("#status-right", Static).update(plain(right))
        panel = self.query_one("#notes-panel", NotesView)
        if panel.display:
            state = session.notes_state()
            if state != self._notes_state:
                self._notes_state = state
                panel.show(state)

    # ---- actions (each forwards to the session, then repaints) ---------------------------------------

    def run_slide_action(self, action: str) -> None:
        """Run one of the clicker's actions by name (from an overlay that closed to let it through)."""
        getattr(self, f"action_{action}")()

    def _moved(self, moved: bool) -> None:
        self.session.digits = ""
        if moved:
            self.show_slide()
        else:
            self.refresh_dynamic()

    def action_next(self) -> None:
        self._moved(self.session.next())

    def action_back(self) -> None:
        self._moved(self.session.back())

    def action_first(self) -> None:
        self._moved(self.session.go_to(1))

    def action_last(self) -> None:
        self._moved(self.session.go_to(len(self.session.deck)))

    def go_to(self, number: int) -> None:
        self._moved(self.session.go_to(number))

    def action_enter(self) -> None:
        if self.session.digits:
            self.action_jump()
        else:
            self.action_next()

    def action_digit(self, digit: int) -> None:
        self.session.type_digit(digit)
        self.refresh_dynamic()

    def action_drop_digit(self) -> None:
        self.session.drop_digit()
        self.refresh_dynamic()

    def action_jump(self) -> None:
        self._moved(self.session.jump())

    def action_blank(self) -> None:
        self.session.toggle_blank()
        self.refresh_dynamic()

    def action_present(self) -> None:
        """F5: the show starts. Session clock on, status line hidden, screen back if blanked."""
        self.session.start_session()
        self.session.blank = False
        self.add_class("-bare")
        self.refresh_dynamic()

    def action_escape(self) -> None:
        """Escape never quits: it undoes the most recent thing (typed digits, blanking, F5's bare view)."""
        if self.session.digits:
            self.session.digits = ""
        elif self.session.blank:
            self.session.blank = False
        else:
            self.remove_class("-bare")
        self.refresh_dynamic()

    def action_timer_toggle(self) -> None:
        self.session.toggle_timer()
        self.refresh_dynamic()

    def action_timer_reset(self) -> None:
        self.session.reset_timer()
        self.refresh_dynamic()

    def action_timer_extend(self, seconds: int) -> None:
        self.session.extend_timer(seconds)
        self.refresh_dynamic()

    def action_agenda(self) -> None:
        """The agenda goes to the facilitator: the notes window (or the notes panel) if there is one, and
        only over the slide when the facilitator has a single screen and no notes open."""
        if self.notes_window or self.query_one("#notes-panel").display:
            self.session.agenda_open = not self.session.agenda_open
            self.refresh_dynamic()
        else:
            self.app.push_screen(AgendaScreen(self.session))

    def action_notes(self) -> None:
        panel = self.query_one("#notes-panel", NotesView)
        panel.display = not panel.display
        self._notes_state = None
        self.slide_size = (0, 0)  # the slide area changed width: lay it out again
        self.call_after_refresh(self.fit_to_window)
        self.refresh_dynamic()

    def action_keys(self) -> None:
        self.app.push_screen(KeysScreen())

    def action_reset_session(self) -> None:
        """R twice: start again after a rehearsal (the first press only asks, in the notes window)."""
        if self.session.confirm("reset"):
            self.session.reset()
            self.show_slide()
        else:
            self.refresh_dynamic()


def _elapsed(session: PresentSession) -> str:
    return format_clock(session.tracker.elapsed(), round_up=False)


class PresentApp(App[None]):
    """``workshop present``: one module as slides for a room."""

    CSS_PATH = "present.tcss"
    TITLE = "workshop present"
    # No command palette: nothing but the slide and a small indicator ever shows on the projector.
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("t", "switch_theme", "Theme", show=False),
        # Ctrl+C too asks for a second press, in the notes, rather than Textual's toast on the projector.
        Binding("q,ctrl+c", "quit_twice", "Quit", show=False),
    ]

    def __init__(
        self,
        deck: Deck,
        *,
        clock: Clock = time.monotonic,
        wall: Clock = time.time,
        sync_path: Path | None = None,
        theme: str = "dark",
        tick: float = TICK_SECONDS,
        handle_signals: bool = False,
        bell: bool = False,
    ) -> None:
        super().__init__()
        self.session = PresentSession(deck, clock)
        self.clock = clock
        self.wall = wall
        self.sync_path = sync_path
        self.bell_on_cue = bell
        """Ring the terminal bell when a timer moves to its next phase or runs out (``--bell``)."""
        self._theme_choice = theme
        self._tick_seconds = tick
        self._handle_signals = handle_signals
        self._last_written: NotesState | None = None
        self._last_write_at = float("-inf")
        self._last_reader_check = float("-inf")

    async def on_mount(self) -> None:
        _register_themes(self, self._theme_choice)
        self.push_screen(SlideScreen(self.session))
        self.set_interval(self._tick_seconds, self.tick)
        if self.sync_path is not None:
            other = await asyncio.to_thread(read_state, self.sync_path)
            if other is not None and self.wall() - other.written_at < STALE_AFTER:
                # Two presenters of the same day would take turns writing the notes file.
                self.session.say(strings.ALREADY_PRESENTING, strings.INDICATOR_OTHER_PRESENTER, 15)
                # Shown at once, not at the next tick: the slide may have drawn its status line while the
                # file was being read (a test's tick never comes: it failed once on a busy machine).
                self.call_after_refresh(self.slide_screen.refresh_dynamic)
        if self._handle_signals:
            # Without these, closing the terminal (SIGHUP) or `kill` (SIGTERM) skips on_unmount and the
            # notes window keeps following a presenter that is gone.
            loop = asyncio.get_running_loop()
            for name in ("SIGTERM", "SIGHUP"):
                if hasattr(signal, name):
                    with contextlib.suppress(NotImplementedError, RuntimeError):
                        loop.add_signal_handler(getattr(signal, name), self.exit)

    @property
    def slide_screen(self) -> SlideScreen:
        return next(screen for screen in self.screen_stack if isinstance(screen, SlideScreen))

    async def tick(self) -> None:
        """Repaint what time changes, ring for a timer's cue, tell the notes window. 4 times a second."""
        alerts = self.session.poll_alerts()
        if alerts and self.bell_on_cue:
            self.bell()
        self.slide_screen.refresh_dynamic()
        await self.check_reader()
        await self.write_sync()

    async def check_reader(self) -> None:
        """Once a second: is a notes window following? (Then the agenda opens there, not here.)"""
        if self.sync_path is None:
            return
        now = self.clock()
        if now - self._last_reader_check < HEARTBEAT_SECONDS:
            return
        self._last_reader_check = now
        self.slide_screen.notes_window = await asyncio.to_thread(reader_seen, self.sync_path, self.wall())

    async def write_sync(self) -> None:
        """Write the notes state when it changed, or once a second as a heartbeat."""
        if self.sync_path is None:
            return
        now = self.clock()
        state = self.session.notes_state(written_at=self.wall())
        if state == self._last_written and now - self._last_write_at < HEARTBEAT_SECONDS:
            return
        self._last_written, self._last_write_at = state, now
        try:
            await asyncio.to_thread(write_state, self.sync_path, state)
        except OSError as failure:
            self.sync_path = None
            reason = failure.strerror or type(failure).__name__
            self.session.say(strings.SYNC_FAILED.format(reason=reason), strings.INDICATOR_NOTES_FAILED, 30)

    def on_unmount(self) -> None:
        if self.sync_path is not None:
            with contextlib.suppress(OSError):
                remove_state(self.sync_path)

    def action_switch_theme(self) -> None:
        self.theme = _other_theme(self)

    def action_quit_twice(self) -> None:
        """A stray clicker press must not end a session: ``q`` asks (in the notes) for a second ``q``."""
        if self.session.confirm("quit"):
            self.exit()
            return
        self.slide_screen.refresh_dynamic()


class NotesApp(App[None]):
    """``workshop present --notes``: follows the presenter's state file, read-only.

    It touches a small file beside the state file once a second, so the presenter knows the facilitator
    has this window and sends the agenda here. ``a`` shows or hides the agenda here too.
    """

    CSS_PATH = "present.tcss"
    TITLE = "workshop notes"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("t", "switch_theme", "Theme", show=False),
        Binding("a", "agenda", "Agenda", show=False),
        Binding("q,ctrl+q", "quit", "Quit", show=False),
    ]

    def __init__(
        self,
        sync_path: Path,
        day: int,
        *,
        wall: Clock = time.time,
        theme: str = "dark",
        poll: float = POLL_SECONDS,
    ) -> None:
        super().__init__()
        self.sync_path = sync_path
        self.day = day
        self.wall = wall
        self._theme_choice = theme
        self._poll_seconds = poll
        self._shown: tuple[NotesState | None, bool, bool | None] | None = None
        self._agenda: bool | None = None
        """The agenda shown or hidden here with ``a``; None follows the presenter's ``a``."""
        self._presenter_agenda: bool | None = None
        self._last_touch = float("-inf")

    def compose(self) -> ComposeResult:
        yield NotesView(id="notes-window")

    async def on_mount(self) -> None:
        _register_themes(self, self._theme_choice)
        await self.poll()
        self.set_interval(self._poll_seconds, self.poll)

    async def poll(self) -> None:
        """Read the presenter's state (off the event loop) and repaint if anything changed."""
        now = self.wall()
        if now - self._last_touch >= HEARTBEAT_SECONDS:
            self._last_touch = now
            with contextlib.suppress(OSError):
                await asyncio.to_thread(touch_reader, self.sync_path)
        state = await asyncio.to_thread(read_state, self.sync_path)
        if state is not None and state.agenda_open != self._presenter_agenda:
            # The presenter's `a` decides again, whatever was chosen here before.
            self._presenter_agenda = state.agenda_open
            self._agenda = None
        stale = state is not None and now - state.written_at > STALE_AFTER
        if (state, stale, self._agenda) == self._shown:
            return
        self._shown = (state, stale, self._agenda)
        self.query_one(NotesView).show(
            state, waiting=strings.NOTES_WAITING.format(day=self.day), stale=stale, agenda=self._agenda
        )

    async def action_agenda(self) -> None:
        shown = self._presenter_agenda if self._agenda is None else self._agenda
        self._agenda = not shown
        await self.poll()

    def on_unmount(self) -> None:
        with contextlib.suppress(OSError):
            reader_path(self.sync_path).unlink(missing_ok=True)

    def action_switch_theme(self) -> None:
        self.theme = _other_theme(self)
