"""A presentation in progress: which slide and page is up, the timers, blanking, the session clock, and
what the facilitator has been told. No Textual.

The Textual app forwards key presses here and repaints from here, so every behaviour a facilitator
relies on (next, back, jump, blank, timers, reset, the notes window's state) is testable as plain Python
with a ``FakeClock``. How many pages a slide takes depends on the window; the app tells the session
through ``page_counts`` whenever the window's size changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from workshop.present import strings
from workshop.present.agenda import Agenda, SessionTracker, build_agenda
from workshop.present.blocks import slide_lines
from workshop.present.deck import Deck, Slide
from workshop.present.sync import NotesState
from workshop.present.timer import Clock, Countdown, TimerPhase, format_clock, format_minutes

EXTEND_SECONDS = 60
BREATH_SECONDS = 4
CONFIRM_SECONDS = 3.0
"""How long a first press of q (end) or R (reset) waits for the second."""
MESSAGE_SECONDS = 6.0
"""How long a message for the facilitator stays in the notes (and its indicator on the projector)."""
MAX_DIGITS = 3

Alert = Literal["phase", "end"]


@dataclass
class _Said:
    text: str
    indicator: str
    until: float


class PresentSession:
    """The presenter's state. Each timed slide keeps its own countdown, so going back finds it as it was."""

    def __init__(self, deck: Deck, clock: Clock) -> None:
        if not deck.slides:
            raise ValueError("a deck needs at least one slide")
        self.deck = deck
        self.clock = clock
        self.index = 0
        self.page = 0
        """0-based page of the current slide (a long slide takes several pages in a small window)."""
        self.blank = False
        self.digits = ""
        """What the facilitator has typed of a slide number."""
        self.agenda_open = False
        """The agenda is shown in the notes window (opened from the presenter with ``a``)."""
        self.page_counts: Callable[[int], int] = lambda index: 1
        """Pages of the slide at ``index`` in the current window; the app replaces this on every resize."""
        self.tracker = SessionTracker(len(deck), clock)
        self._timers: dict[int, Countdown] = {}
        self._seen: dict[int, tuple[int, bool]] = {}
        self._said: _Said | None = None
        self._armed: dict[str, float] = {}

    # ---- where we are --------------------------------------------------------------------------------

    @property
    def slide(self) -> Slide:
        return self.deck[self.index]

    @property
    def next_slide(self) -> Slide | None:
        return self.deck[self.index + 1] if self.index + 1 < len(self.deck) else None

    @property
    def pages(self) -> int:
        """How many pages the current slide takes."""
        return max(1, self.page_counts(self.index))

    def set_page_counts(self, counts: Callable[[int], int]) -> None:
        """The window changed size: slides may take more or fewer pages; stay within the current slide."""
        self.page_counts = counts
        self.page = min(self.page, self.pages - 1)

    def timer_for(self, index: int) -> Countdown | None:
        """The countdown of the slide at ``index``, created when first asked for; None if it has none."""
        slide = self.deck[index]
        if slide.timer_seconds is None:
            return None
        if index not in self._timers:
            phases = [TimerPhase(phase.label, phase.minutes * 60, phase.format) for phase in slide.phases]
            self._timers[index] = Countdown(slide.timer_seconds, self.clock, phases)
        return self._timers[index]

    @property
    def timer(self) -> Countdown | None:
        """The current slide's countdown, or None when the slide is not timed."""
        return self.timer_for(self.index)

    def running_elsewhere(self) -> list[tuple[Slide, Countdown]]:
        """Countdowns still running on slides other than this one, in slide order."""
        return [
            (self.deck[index], timer)
            for index, timer in sorted(self._timers.items())
            if index != self.index and timer.running
        ]

    # ---- moving ------------------------------------------------------------------------------------

    def next(self) -> bool:
        """Forward one page, or to the next slide. A blanked screen comes back first, without moving."""
        if self.blank:
            self.blank = False
            return False
        if self.page + 1 < self.pages:
            self.page += 1
            return True
        return self.go_to(self.index + 2)

    def back(self) -> bool:
        """Back one page, or to the last page of the previous slide; unblanks first, like ``next``."""
        if self.blank:
            self.blank = False
            return False
        if self.page > 0:
            self.page -= 1
            return True
        if not self.go_to(self.index):
            return False
        self.page = self.pages - 1
        return True

    def go_to(self, number: int) -> bool:
        """Show slide ``number`` (1-based) from its first page. False when there is no such slide or it
        is already shown from its first page."""
        index = number - 1
        if not 0 <= index < len(self.deck) or (index == self.index and self.page == 0):
            return False
        if self.index == 0 and index > 0:
            # Leaving the title slide is when the room's session begins.
            self.tracker.start()
        self.tracker.visit(index)
        self.index = index
        self.page = 0
        return True

    def start_session(self) -> None:
        """Start the session clock (F5); leaving the title slide does it too."""
        self.tracker.start()

    def toggle_blank(self) -> None:
        self.blank = not self.blank

    # ---- typing a slide number ------------------------------------------------------------------------

    def type_digit(self, digit: int) -> None:
        if len(self.digits) < MAX_DIGITS:
            self.digits += str(digit)

    def drop_digit(self) -> None:
        self.digits = self.digits[:-1]

    def jump(self) -> bool:
        """Go to the slide typed so far. A number with no slide is said to the facilitator only."""
        if not self.digits:
            return False
        number = int(self.digits)
        self.digits = ""
        self.blank = False
        if not 1 <= number <= len(self.deck):
            self.say(
                strings.JUMP_OUT_OF_RANGE.format(number=number, count=len(self.deck)),
                strings.INDICATOR_NO_SLIDE.format(number=number),
            )
            return False
        return self.go_to(number)

    # ---- timer --------------------------------------------------------------------------------------

    def toggle_timer(self) -> bool:
        """Start or pause the current slide's timer; False when the slide has none."""
        timer = self.timer
        if timer is None:
            return False
        timer.toggle()
        if timer.running:
            self.tracker.start()
        return True

    def reset_timer(self) -> bool:
        timer = self.timer
        if timer is None:
            return False
        timer.reset()
        return True

    def extend_timer(self, seconds: float = EXTEND_SECONDS) -> bool:
        timer = self.timer
        if timer is None:
            return False
        timer.extend(seconds)
        return True

    def timer_text(self) -> str | None:
        """What the big digits show: the time left in the current phase (or of the whole countdown)."""
        timer = self.timer
        return None if timer is None else format_clock(timer.phase_remaining())

    def cue(self) -> str | None:
        """On a breathing pause with its timer running: "Breathe in" or "Breathe out", four seconds each."""
        timer = self.timer
        if not self.slide.breathing or timer is None or timer.state != "running":
            return None
        return strings.BREATHE_IN if int(timer.elapsed() // BREATH_SECONDS) % 2 == 0 else strings.BREATHE_OUT

    def poll_alerts(self) -> list[Alert]:
        """What happened to any countdown since the last call: a phase began, or time ran out.

        For the optional bell; every countdown counts, not only the one on screen.
        """
        alerts: list[Alert] = []
        for index, timer in self._timers.items():
            now = (timer.phase_index(), timer.ended)
            before = self._seen.get(index, (0, False))
            if timer.running and now[1] and not before[1]:
                alerts.append("end")
            elif timer.running and now[0] > before[0] and not now[1]:
                alerts.append("phase")
            self._seen[index] = now
        return alerts

    # ---- confirmations and messages ---------------------------------------------------------------------

    def confirm(self, what: Literal["quit", "reset"]) -> bool:
        """A second press of the same key within a few seconds confirms; the first only asks."""
        now = self.clock()
        if now - self._armed.get(what, float("-inf")) <= CONFIRM_SECONDS:
            self._armed.pop(what)
            self._said = None
            return True
        self._armed[what] = now
        if what == "quit":
            self.say(strings.QUIT_AGAIN, strings.INDICATOR_QUIT, CONFIRM_SECONDS)
        else:
            self.say(strings.RESET_AGAIN, strings.INDICATOR_RESET, CONFIRM_SECONDS)
        return False

    def say(self, text: str, indicator: str = "", seconds: float = MESSAGE_SECONDS) -> None:
        """Tell the facilitator ``text`` (notes window); ``indicator`` is all the projector shows of it."""
        self._said = _Said(text, indicator, self.clock() + seconds)

    def message(self) -> str | None:
        """The message for the facilitator, while it is fresh."""
        return self._said.text if self._said and self.clock() < self._said.until else None

    def indicator(self) -> str:
        """The small neutral line the projector may show: typed digits, a pending confirmation, timers
        running on other slides. Never a sentence meant for the facilitator alone."""
        parts: list[str] = []
        if self.digits:
            parts.append(strings.INDICATOR_DIGITS.format(digits=self.digits))
        elif self._said and self._said.indicator and self.clock() < self._said.until:
            parts.append(self._said.indicator)
        for slide, timer in self.running_elsewhere():
            clock = format_clock(timer.remaining()) if not timer.ended else "+" + format_clock(
                timer.overrun(), round_up=False
            )
            parts.append(strings.INDICATOR_TIMER.format(number=slide.number, clock=clock))
        return "   ".join(parts)

    def reset(self) -> None:
        """Start again after a rehearsal: first slide, session clock, time per slide and every timer."""
        self.tracker = SessionTracker(len(self.deck), self.clock)
        self._timers.clear()
        self._seen.clear()
        self.index = self.page = 0
        self.blank = False
        self.digits = ""
        self.agenda_open = False
        self.say(strings.RESET_DONE)

    # ---- views ---------------------------------------------------------------------------------------

    def agenda(self) -> Agenda:
        return build_agenda(self.deck, self.tracker)

    def notes_state(self, written_at: float = 0.0) -> NotesState:
        """What the facilitator's notes show now (the notes window, or the single-screen panel)."""
        slide, upcoming, timer = self.slide, self.next_slide, self.timer
        overrun = None
        if timer is not None and timer.overrun() >= 1:
            overrun = format_clock(timer.overrun(), round_up=False)
        agenda = self.agenda()
        phase = next_phase = None
        if timer is not None and timer.phase is not None:
            phase = timer.phase.label
            following = timer.next_phase
            if following is not None:
                next_phase = strings.PHASE_NEXT.format(
                    label=following.label, minutes=format_minutes(following.seconds)
                )
        return NotesState(
            program_id=self.deck.program_id,
            day=self.deck.day,
            number=slide.number,
            count=len(self.deck),
            title=slide.title,
            eyebrow=slide.eyebrow,
            page=self.page + 1,
            pages=self.pages,
            screen=slide_lines(slide),
            notes=slide.notes,
            discussion=slide.discussion,
            hints=slide.hints,
            next_title=None if upcoming is None else upcoming.title,
            next_screen=() if upcoming is None else slide_lines(upcoming),
            next_timer=None if upcoming is None else timer_summary(upcoming),
            planned=None if slide.planned_minutes is None else format_minutes(slide.planned_minutes * 60),
            spent=format_clock(self.tracker.spent(self.index), round_up=False),
            timer=self.timer_text(),
            timer_state=None if timer is None else timer.state,
            timer_total=None if timer is None or not timer.phases else format_clock(timer.remaining()),
            overrun=overrun,
            phase=phase,
            phase_next=next_phase,
            phase_switched=timer is not None and timer.switched_recently(),
            elsewhere=tuple(self._elsewhere_lines()),
            elapsed=format_clock(self.tracker.elapsed(), round_up=False),
            started=self.tracker.started,
            blank=self.blank,
            agenda_summary=agenda.summary(),
            agenda_status=agenda.status(),
            agenda=agenda_cells(agenda),
            agenda_open=self.agenda_open,
            message=self.message(),
            written_at=written_at,
        )

    def _elsewhere_lines(self) -> list[str]:
        lines = []
        for slide, timer in self.running_elsewhere():
            if timer.ended:
                clock = strings.ELSEWHERE_OVER.format(over=format_clock(timer.overrun(), round_up=False))
            else:
                clock = strings.ELSEWHERE_LEFT.format(clock=format_clock(timer.remaining()))
            lines.append(strings.ELSEWHERE.format(number=slide.number, title=slide.title, clock=clock))
        return lines


def timer_summary(slide: Slide) -> str | None:
    """A slide's countdown in words, its phases included; None for a slide without one."""
    if slide.timer_seconds is None:
        return None
    clock = format_clock(slide.timer_seconds)
    if not slide.phases:
        return strings.NOTES_TIMER.format(clock=clock)
    phases = ", then ".join(f"{phase.label} {format_minutes(phase.minutes * 60)}" for phase in slide.phases)
    return strings.NOTES_TIMER_PHASES.format(clock=clock, phases=phases)


def agenda_cells(agenda: Agenda) -> tuple[tuple[str, ...], ...]:
    """The agenda as rows of text cells (``strings.AGENDA_COLUMNS``), the current row marked ``▸``."""
    rows = []
    for row in agenda.rows:
        over = row.overrun_seconds
        rows.append(
            (
                f"▸ {row.number}" if row.current else f"  {row.number}",
                row.title,
                strings.FORMAT_LABELS.get(row.format or "", ""),
                "" if row.planned_seconds is None else format_minutes(row.planned_seconds),
                format_clock(row.spent_seconds, round_up=False) if row.spent_seconds >= 1 else "",
                f"+{format_minutes(over)}" if over >= 30 else "",
            )
        )
    return tuple(rows)
