"""Widgets of facilitator mode: the slide, the countdown, the notes. Thin: they draw what they are given.

Every string reaches the screen as ``Content`` (never markup), already cleaned by ``deck`` or, for the
notes window, cleaned again here because it came through a file. Nothing on a slide can take focus or
scroll: the slide is laid out to fit (``layout``), so the clicker's keys always reach the presenter.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Digits, Static

from workshop.present import strings
from workshop.present.layout import Line, Page
from workshop.present.sync import NotesState
from workshop.present.timer import Countdown, format_clock, format_minutes
from workshop.text import display_text
from workshop.ui_text import plain

# The layout's style names, in the theme's colours. ($text-muted would be plain white inside Content:
# only $foreground-muted is resolved there.)
STYLE_MAP: dict[str, str] = {
    "eyebrow": "$primary bold",
    "title": "bold",
    "lead": "",
    "bold": "bold",
    "italic": "italic",
    "prompt": "bold",
    "rules": "bold",
    "detail": "$foreground-muted",
    "discussion": "$primary",
    "big": "",
}


def line_content(line: Line) -> Content:
    """One laid-out line as Content: each span's text with its mapped style, never parsed as markup."""
    parts = []
    for text, style in line.spans:
        mapped = " ".join(STYLE_MAP.get(name, "") for name in style.split())
        parts.append((text, mapped.strip()))
    return Content.assemble(*parts)


class TimerBox(Vertical):
    """The countdown: big digits in a box, a line of words, and what comes next when it has phases.

    Compact (``-compact``) it is a single line: what the layout chooses when the window is short. The box
    turns solid amber when time is up, and solid blue for a few seconds when the room moves
    on to the next phase.
    """

    DEFAULT_CSS = """
    TimerBox { height: auto; width: auto; }
    """

    can_focus = False
    _shown: tuple[object, ...] = ()

    def compose(self) -> ComposeResult:
        yield Digits("", id="timer-digits")
        yield Static("", id="timer-label")
        yield Static("", id="timer-next")

    def show(self, timer: Countdown | None, cue: str | None = None, compact: bool = False) -> None:
        """Show ``timer`` (hide the box when None). ``cue`` replaces the state word (a breathing cue)."""
        self.display = timer is not None
        if timer is None:
            return
        state = timer.state
        clock = format_clock(timer.phase_remaining())
        switched = timer.switched_recently()
        phase = timer.phase
        following = timer.next_phase
        if state == "ended":
            over = timer.overrun()
            label = strings.TIMER_OVER.format(over=format_clock(over, round_up=False)) if over >= 1 else (
                strings.TIMER_ENDED
            )
        elif cue is not None:
            label = cue
        elif phase is not None:
            label = strings.PHASE_NOW.format(label=phase.label) if switched else phase.label
            if state != "running":
                label += f"  ({_STATE_WORDS[state]})"
        else:
            label = _STATE_WORDS[state]
        upcoming = ""
        if following is not None and state != "ended":
            minutes = format_minutes(following.seconds)
            upcoming = strings.PHASE_NEXT.format(label=following.label, minutes=minutes)
        shown = (clock, label, upcoming, state, switched, compact)
        if shown == self._shown:
            return
        self._shown = shown
        digits = self.query_one("#timer-digits", Digits)
        digits.display = not compact
        if digits.value != clock:
            digits.update(clock)
        text = f"{clock}   {label}" if compact else label
        self.query_one("#timer-label", Static).update(plain(text))
        upcoming_widget = self.query_one("#timer-next", Static)
        upcoming_widget.display = bool(phase is not None and not compact)
        upcoming_widget.update(plain(upcoming))
        self.set_class(compact, "-compact")
        self.set_class(switched, "-switch")
        for name in ("ready", "running", "paused", "ended"):
            self.set_class(state == name, f"-{name}")


_STATE_WORDS = {
    "ready": strings.TIMER_READY,
    "running": strings.TIMER_RUNNING,
    "paused": strings.TIMER_PAUSED,
    "ended": strings.TIMER_ENDED,
}


class SlideView(Vertical):
    """One page of a slide for the room: the laid-out text, then the countdown. Never an answer field.

    The page comes from ``layout.layout_slide`` for this widget's own size, so it always fits: the text and
    the countdown are centred together, and nothing here scrolls or takes focus.
    """

    can_focus = False

    def compose(self) -> ComposeResult:
        yield Static("", id="page")
        with Center(id="timer-row"):
            yield TimerBox(id="timer")

    def show(self, page: Page, timer: Countdown | None, cue: str | None = None) -> None:
        """Paint ``page`` and, if the slide has one, its countdown at the size the layout chose."""
        text = Content("\n").join(line_content(line) for line in page.lines)
        self.query_one("#page", Static).update(text)
        self.query_one("#timer-row").display = timer is not None and page.fit.timer is not None
        self.show_timer(page, timer, cue)

    def show_timer(self, page: Page, timer: Countdown | None, cue: str | None = None) -> None:
        """Repaint the countdown only (a timer tick)."""
        self.query_one(TimerBox).show(timer, cue, compact=page.fit.timer == "compact")


class NotesView(VerticalScroll):
    """The facilitator's view: where the room is, the timers, the slide's full text, the notes, the next
    slide and the agenda. Two columns on a wide window, one on a narrow one."""

    WIDE = 110
    """From this many columns, "now" and "next" sit side by side."""

    _shown_number: int | None = None
    _last: tuple[NotesState | None, str, bool, bool | None] | None = None

    def compose(self) -> ComposeResult:
        yield Static(plain(strings.NOTES_TITLE), id="notes-heading")
        yield Static("", id="notes-where")
        yield Static("", id="notes-status")
        yield Static("", id="notes-message")
        with Horizontal(id="notes-columns"):
            with Vertical(id="notes-now"):
                with Horizontal(id="notes-clock"):
                    yield Digits("", id="notes-timer")
                    yield Static("", id="notes-phase")
                yield Static("", id="notes-elsewhere")
                yield Static("", id="notes-screen")
                yield Static("", id="notes-body")
                yield Static("", id="notes-hints")
            with Vertical(id="notes-later"):
                yield Static("", id="notes-agenda")
                yield Static("", id="notes-next")

    def on_resize(self) -> None:
        self.set_class(self.size.width < self.WIDE, "-narrow")
        if self._last is not None:
            state, waiting, stale, agenda = self._last
            self.call_after_refresh(self.show, state, waiting=waiting, stale=stale, agenda=agenda)

    def _agenda_width(self) -> int:
        """Columns the agenda may take: its column of the notes (all of the view when narrow)."""
        width = self.content_size.width or self.size.width
        if not self.has_class("-narrow"):
            width = (width - 3) // 2  # two columns, the right one indented by 3
        return max(20, width - 1)

    def show(
        self, state: NotesState | None, *, waiting: str = "", stale: bool = False, agenda: bool | None = None
    ) -> None:
        """Show ``state``; with None, show ``waiting`` (how to start the presenter).

        ``agenda`` overrides whether the agenda is shown (the notes window's own ``a`` key).
        """
        self._last = (state, waiting, stale, agenda)
        where = self.query_one("#notes-where", Static)
        columns = self.query_one("#notes-columns")
        if state is None:
            where.update(plain(waiting))
            columns.display = False
            for name in ("#notes-status", "#notes-message"):
                self.query_one(name).display = False
            return
        columns.display = True
        head = strings.NOTES_WHERE.format(number=state.number, count=state.count)
        if state.pages > 1:
            head += f", {strings.NOTES_PAGE.format(page=state.page, pages=state.pages)}"
        head += f"   {_clean(state.title)}"
        if state.eyebrow:
            head += f"   ·   {_clean(state.eyebrow)}"
        where.update(plain(head))

        on_slide = (
            strings.NOTES_ON_SLIDE_PLAN.format(spent=state.spent, planned=state.planned)
            if state.planned
            else strings.NOTES_ON_SLIDE.format(spent=state.spent)
        )
        status = [strings.NOTES_ELAPSED.format(elapsed=state.elapsed), on_slide]
        if state.agenda_status:
            status.append(_clean(state.agenda_status))
        if state.blank:
            status.append(strings.NOTES_BLANKED)
        if stale:
            status.append(strings.NOTES_STALE)
        self._set("#notes-status", "   ·   ".join(status))
        self.query_one("#notes-status").set_class(stale, "-stale")
        self._set("#notes-message", _clean(state.message) if state.message else None)

        timer = self.query_one("#notes-timer", Digits)
        self.query_one("#notes-clock").display = state.timer is not None
        if state.timer is not None and timer.value != _digits_only(state.timer):
            timer.update(_digits_only(state.timer))
        timer.set_class(state.timer_state == "ended", "-ended")
        self._set("#notes-phase", self._timer_words(state))
        self.query_one("#notes-phase").set_class(state.phase_switched, "-switch")
        elsewhere = "; ".join(map(_clean, state.elsewhere))
        self._set("#notes-elsewhere", f"{strings.NOTES_ELSEWHERE}: {elsewhere}" if elsewhere else None)

        show_agenda = state.agenda_open if agenda is None else agenda
        agenda_widget = self.query_one("#notes-agenda", Static)
        opened = show_agenda and not agenda_widget.display
        agenda_widget.display = show_agenda
        if show_agenda:
            agenda_widget.update(_agenda_content(state, self._agenda_width()))
        if opened and self.has_class("-narrow"):
            # One column: the agenda sits below this slide's notes; bring it into view.
            self.call_after_refresh(self.scroll_to_widget, agenda_widget, animate=False, top=True)
        self._set_content("#notes-screen", _screen_content(strings.NOTES_ON_SCREEN, state.screen))
        # The discussion question is part of the slide's text above ("Then discuss: ...").
        self._set("#notes-body", state.notes or strings.NOTES_NONE)
        self._set("#notes-hints", strings.NOTES_HINTS + " / ".join(state.hints) if state.hints else None)
        if state.next_title:
            upcoming = _screen_content(strings.NOTES_NEXT.strip(), state.next_screen)
            if state.next_timer:
                upcoming = Content.assemble(upcoming, "\n\n", (_clean(state.next_timer), "$foreground-muted"))
            self._set_content("#notes-next", upcoming)
        else:
            self._set("#notes-next", strings.NOTES_LAST)
        if state.number != self._shown_number and not opened:
            # A new slide: its notes from the top.
            self._shown_number = state.number
            self.scroll_home(animate=False)

    @staticmethod
    def _timer_words(state: NotesState) -> str | None:
        if state.timer is None:
            return None
        words = [state.phase or "", state.timer_state or ""]
        if state.overrun:
            words.append(f"+{state.overrun}")
        if state.phase_next:
            words.append(state.phase_next)
        if state.timer_total:
            words.append(strings.NOTES_TOTAL_LEFT.format(clock=state.timer_total))
        return "\n".join(_clean(word) for word in words if word)

    def _set(self, selector: str, text: str | None) -> None:
        widget = self.query_one(selector, Static)
        widget.display = bool(text)
        new = plain(_clean(text or ""))
        if widget.content != new:
            widget.update(new)

    def _set_content(self, selector: str, content: Content) -> None:
        widget = self.query_one(selector, Static)
        widget.display = True
        if widget.content != content:
            widget.update(content)


_SCREEN_STYLES = {
    "title": "bold $primary",
    "prompt": "bold",
    "heading": "bold",
    "detail": "$foreground-muted",
    "discussion": "$primary",
}


def _screen_content(heading: str, lines: tuple[tuple[str, str], ...]) -> Content:
    """A slide's full text for the facilitator: a heading, then each block on its own paragraph."""
    parts: list[str | tuple[str, str]] = [(heading, "$foreground-muted bold"), "\n"]
    for index, (role, text) in enumerate(lines):
        if index:
            parts.append("\n" if role in {"item", "bullet"} and lines[index - 1][0] == role else "\n\n")
        parts.append((_clean(text), _SCREEN_STYLES.get(role, "")))
    return Content.assemble(*parts)


AGENDA_GAP = 2
AGENDA_MIN_TITLE = 12
AGENDA_READABLE_TITLE = 24
"""Below this many columns for titles, the format column makes room (titles say more)."""
FORMAT_COLUMN = 2


def _agenda_content(state: NotesState, width: int) -> Content:
    """The agenda as an aligned text table ``width`` columns wide at most (no widget that could take
    focus or keys). Titles are shortened to fit; on a narrow window the format column goes first."""
    header = tuple(strings.AGENDA_COLUMNS)
    rows = [tuple(_clean(cell) for cell in row) for row in state.agenda]
    columns = list(range(len(header)))
    widths = {
        column: max((len(row[column]) for row in [header, *rows] if column < len(row)), default=0)
        for column in columns
    }

    def others() -> int:
        return sum(widths[column] for column in columns if column != 1) + AGENDA_GAP * (len(columns) - 1)

    if width - others() < min(widths[1], AGENDA_READABLE_TITLE):
        columns.remove(FORMAT_COLUMN)
    widths[1] = max(AGENDA_MIN_TITLE, min(widths[1], width - others()))

    def cells(row: tuple[str, ...]) -> str:
        padded = []
        for column in columns:
            cell = row[column] if column < len(row) else ""
            if len(cell) > widths[column]:
                cell = cell[: widths[column] - 1] + "…"
            padded.append(cell.ljust(widths[column]))
        return (" " * AGENDA_GAP).join(padded).rstrip()

    parts: list[str | tuple[str, str]] = [(strings.AGENDA_TITLE, "bold $primary"), "\n"]
    parts.append((cells(header), "$foreground-muted"))
    for row in rows:
        parts += ["\n", (cells(row), "bold" if row and row[0].startswith("▸") else "")]
    parts += ["\n", (_clean(state.agenda_summary), "bold")]
    return Content.assemble(*parts)


def _clean(text: str) -> str:
    """Text that came through a file: control characters removed before it reaches the terminal."""
    return display_text(text)


def _digits_only(text: str) -> str:
    """Keep only what the Digits widget can draw (the value came through a file)."""
    return "".join(char for char in text if char in "0123456789:")
