"""The Textual layer of facilitator mode: the projected slides and the notes window.

Screens here forward key presses to ``PresentSession`` and repaint from it; they decide nothing. Time
comes from injected clocks (``clock``: monotonic, for timers; ``wall``: ``time.time``, only to tell a
live presenter from a closed one), so tests and screenshots are exact. Repaints happen on a 4 Hz tick
that touches a widget only when what it shows has changed: about once a second while a timer runs.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import time
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.theme import Theme
from textual.widgets import DataTable, Static

from workshop.present import strings
from workshop.present.deck import Deck
from workshop.present.session import PresentSession
from workshop.present.sync import STALE_AFTER, NotesState, read_state, remove_state, write_state
from workshop.present.timer import Clock, format_clock, format_minutes
from workshop.present.widgets import NotesView, SlideView
from workshop.tui.safe import plain

TICK_SECONDS = 0.25
POLL_SECONDS = 0.25
HEARTBEAT_SECONDS = 1.0
QUIT_WINDOW = 3.0

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


class KeysScreen(ModalScreen[None]):
    """The list of keys, over the slide."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q,enter,space", "dismiss", show=False),
    ]

    def compose(self) -> ComposeResult:
        width = max(len(keys) for keys, _ in strings.KEYS) + 3
        lines = "\n".join(f"{keys.ljust(width)}{what}" for keys, what in strings.KEYS)
        with Vertical(id="keys-box"):
            yield Static(plain(strings.KEYS_TITLE), classes="overlay-title")
            yield Static(plain(lines))


class AgendaScreen(ModalScreen[int | None]):
    """The session's agenda: each slide's plan, the time spent and any overrun. Enter jumps to a slide."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,a,q", "dismiss(None)", show=False),
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
        # The table scrolls; the title and the summary line stay on screen, even at 80x24.
        self.query_one(DataTable).styles.max_height = max(3, self.size.height - 12)

    def refresh_agenda(self) -> None:
        agenda = self.session.agenda()
        table = self.query_one(DataTable)
        cursor = table.cursor_row
        table.clear()
        for row in agenda.rows:
            style = "bold" if row.current else ""
            over = row.overrun_seconds
            cells = (
                f"▸ {row.number}" if row.current else f"  {row.number}",
                row.title,
                strings.FORMAT_LABELS.get(row.format or "", ""),
                "" if row.planned_seconds is None else format_minutes(row.planned_seconds),
                format_clock(row.spent_seconds, round_up=False) if row.spent_seconds >= 1 else "",
                f"+{format_minutes(over)}" if over >= 30 else "",
            )
            table.add_row(*(Text(cell, style=style) for cell in cells), key=str(row.number))
        table.move_cursor(row=cursor, animate=False)
        self.query_one("#agenda-summary", Static).update(plain(agenda.summary()))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.dismiss(int(event.row_key.value or "0"))


class SlideScreen(Screen[None]):
    """The projected slide, with its status line, the optional notes panel, and blanking."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pagedown,right,down,space", "next", "Next", show=False),
        Binding("pageup,left,up", "back", "Back", show=False),
        Binding("enter", "enter", "Next / go", show=False),
        Binding("home", "first", show=False),
        Binding("end", "last", show=False),
        Binding("b,full_stop", "blank", "Blank", show=False),
        Binding("f5,shift+f5", "present", "Present", show=False),
        Binding("escape", "escape", show=False),
        Binding("g", "jump", show=False),
        Binding("backspace", "drop_digit", show=False),
        Binding("s", "timer_toggle", "Timer", show=False),
        Binding("r", "timer_reset", show=False),
        Binding("plus,equals_sign,e", "timer_extend(60)", show=False),
        Binding("minus", "timer_extend(-60)", show=False),
        Binding("a", "agenda", "Agenda", show=False),
        Binding("n", "notes", "Notes", show=False),
        Binding("question_mark", "keys", "Keys", show=False),
        Binding("j", "scroll(1)", show=False),
        Binding("k", "scroll(-1)", show=False),
        *(Binding(str(digit), f"digit({digit})", show=False) for digit in range(10)),
    ]

    def __init__(self, session: PresentSession) -> None:
        super().__init__()
        self.session = session
        self.digits = ""
        """What the facilitator has typed of a slide number."""
        self._status: tuple[str, str] = ("", "")
        self._notes_state: NotesState | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            yield SlideView(id="slide")
            yield NotesView(id="notes-panel")
        with Horizontal(id="status"):
            yield Static("", id="status-left")
            yield Static("", id="status-right")

    def on_mount(self) -> None:
        self.query_one("#notes-panel").display = False
        self.show_slide()

    # ---- repainting ---------------------------------------------------------------------------------

    def show_slide(self) -> None:
        """Repaint everything for the current slide (after a move)."""
        self.query_one(SlideView).show(self.session.slide, self.session.timer)
        self.refresh_dynamic()

    def refresh_dynamic(self) -> None:
        """Repaint what changes with time: the timer, the status line, the notes panel. Cheap when idle."""
        session = self.session
        self.set_class(session.blank, "-blank")
        self.query_one("#timer").show(session.timer, session.cue())  # type: ignore[attr-defined]
        slide = session.slide
        if self.digits:
            left = strings.JUMP_PROMPT.format(digits=self.digits)
        else:
            left = f"{slide.number} / {len(session.deck)}   {slide.title}"
        if session.tracker.started:
            elapsed = format_clock(session.tracker.elapsed(), round_up=False)
            right = strings.STATUS_RIGHT.format(elapsed=elapsed)
        else:
            right = strings.STATUS_NOT_STARTED
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

    def _moved(self, moved: bool) -> None:
        self.digits = ""
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

    def action_enter(self) -> None:
        if self.digits:
            self.action_jump()
        else:
            self.action_next()

    def action_digit(self, digit: int) -> None:
        if len(self.digits) < 3:
            self.digits += str(digit)
        self.refresh_dynamic()

    def action_drop_digit(self) -> None:
        self.digits = self.digits[:-1]
        self.refresh_dynamic()

    def action_jump(self) -> None:
        if not self.digits:
            return
        number = int(self.digits)
        if not 1 <= number <= len(self.session.deck):
            self.app.notify(
                strings.JUMP_OUT_OF_RANGE.format(number=number, count=len(self.session.deck)),
                markup=False,
                severity="warning",
            )
        self.session.blank = False
        self._moved(self.session.go_to(number))

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
        if self.digits:
            self.digits = ""
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
        def jump(number: int | None) -> None:
            if number:
                self._moved(self.session.go_to(number))

        self.app.push_screen(AgendaScreen(self.session), jump)

    def action_notes(self) -> None:
        panel = self.query_one("#notes-panel", NotesView)
        panel.display = not panel.display
        self._notes_state = None
        self.refresh_dynamic()

    def action_scroll(self, direction: int) -> None:
        """Scroll a passage too long for the screen (the clicker's up and down keys move slides)."""
        scroll = self.query_one("#slide-scroll", VerticalScroll)
        scroll.scroll_relative(y=direction * max(1, scroll.size.height // 2), animate=False)

    def action_keys(self) -> None:
        self.app.push_screen(KeysScreen())


class PresentApp(App[None]):
    """``workshop present``: one module as slides for a room."""

    CSS_PATH = "present.tcss"
    TITLE = "workshop present"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("t", "switch_theme", "Theme", show=False),
        Binding("q", "quit_twice", "Quit", show=False),
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
    ) -> None:
        super().__init__()
        self.session = PresentSession(deck, clock)
        self.clock = clock
        self.wall = wall
        self.sync_path = sync_path
        self._theme_choice = theme
        self._tick_seconds = tick
        self._handle_signals = handle_signals
        self._last_written: NotesState | None = None
        self._last_write_at = float("-inf")
        self._quit_pressed_at = float("-inf")

    async def on_mount(self) -> None:
        _register_themes(self, self._theme_choice)
        self.push_screen(SlideScreen(self.session))
        self.set_interval(self._tick_seconds, self.tick)
        if self.sync_path is not None:
            other = await asyncio.to_thread(read_state, self.sync_path)
            if other is not None and self.wall() - other.written_at < STALE_AFTER:
                # Two presenters of the same day would take turns writing the notes file.
                self.notify(strings.ALREADY_PRESENTING, markup=False, severity="warning", timeout=10)
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
        """Repaint what time changes, and tell the notes window. Called 4 times a second."""
        self.slide_screen.refresh_dynamic()
        await self.write_sync()

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
            self.notify(strings.SYNC_FAILED.format(reason=failure.strerror or type(failure).__name__),
                        markup=False, severity="warning")

    def on_unmount(self) -> None:
        if self.sync_path is not None:
            with contextlib.suppress(OSError):
                remove_state(self.sync_path)

    def action_switch_theme(self) -> None:
        self.theme = _other_theme(self)

    def action_quit_twice(self) -> None:
        """A stray clicker press must not end a session: ``q`` asks for a second ``q``."""
        now = self.clock()
        if now - self._quit_pressed_at <= QUIT_WINDOW:
            self.exit()
            return
        self._quit_pressed_at = now
        self.notify(strings.QUIT_AGAIN, markup=False, timeout=QUIT_WINDOW)


class NotesApp(App[None]):
    """``workshop present --notes``: follows the presenter's state file, read-only."""

    CSS_PATH = "present.tcss"
    TITLE = "workshop notes"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("t", "switch_theme", "Theme", show=False),
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
        self._shown: tuple[NotesState | None, bool] | None = None

    def compose(self) -> ComposeResult:
        yield NotesView(id="notes-window")

    async def on_mount(self) -> None:
        _register_themes(self, self._theme_choice)
        await self.poll()
        self.set_interval(self._poll_seconds, self.poll)

    async def poll(self) -> None:
        """Read the presenter's state (off the event loop) and repaint if anything changed."""
        state = await asyncio.to_thread(read_state, self.sync_path)
        stale = state is not None and self.wall() - state.written_at > STALE_AFTER
        if (state, stale) == self._shown:
            return
        self._shown = (state, stale)
        self.query_one(NotesView).show(state, waiting=strings.NOTES_WAITING.format(day=self.day), stale=stale)

    def action_switch_theme(self) -> None:
        self.theme = _other_theme(self)
