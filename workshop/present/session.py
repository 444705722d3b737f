"""A presentation in progress: which slide is up, its timer, blanking, the session clock. No Textual.

The Textual app forwards key presses here and repaints from here, so every behaviour a facilitator
relies on (next, back, jump, blank, timer) is testable as plain Python with a ``FakeClock``.
"""

from __future__ import annotations

from workshop.present import strings
from workshop.present.agenda import Agenda, SessionTracker, build_agenda
from workshop.present.deck import Deck, Slide
from workshop.present.sync import NotesState
from workshop.present.timer import Clock, Countdown, format_clock, format_minutes

EXTEND_SECONDS = 60
BREATH_SECONDS = 4


class PresentSession:
    """The presenter's state. Each timed slide keeps its own countdown, so going back finds it as it was."""

    def __init__(self, deck: Deck, clock: Clock) -> None:
        if not deck.slides:
            raise ValueError("a deck needs at least one slide")
        self.deck = deck
        self.clock = clock
        self.index = 0
        self.blank = False
        self.tracker = SessionTracker(len(deck), clock)
        self._timers: dict[int, Countdown] = {}

    # ---- where we are --------------------------------------------------------------------------------

    @property
    def slide(self) -> Slide:
        return self.deck[self.index]

    @property
    def next_slide(self) -> Slide | None:
        return self.deck[self.index + 1] if self.index + 1 < len(self.deck) else None

    @property
    def timer(self) -> Countdown | None:
        """The current slide's countdown, or None when the slide is not timed."""
        seconds = self.slide.timer_seconds
        if seconds is None:
            return None
        if self.index not in self._timers:
            self._timers[self.index] = Countdown(seconds, self.clock)
        return self._timers[self.index]

    # ---- moving ------------------------------------------------------------------------------------

    def next(self) -> bool:
        """Forward one slide. A blanked screen comes back first, without moving (as in PowerPoint)."""
        if self.blank:
            self.blank = False
            return False
        return self.go_to(self.index + 2)

    def back(self) -> bool:
        """Back one slide; unblanks first, like ``next``."""
        if self.blank:
            self.blank = False
            return False
        return self.go_to(self.index)

    def go_to(self, number: int) -> bool:
        """Show slide ``number`` (1-based). False when there is no such slide or it is already shown."""
        index = number - 1
        if not 0 <= index < len(self.deck) or index == self.index:
            return False
        if self.index == 0 and index > 0:
            # Leaving the title slide is when the room's session begins.
            self.tracker.start()
        self.tracker.visit(index)
        self.index = index
        return True

    def start_session(self) -> None:
        """Start the session clock (F5); leaving the title slide does it too."""
        self.tracker.start()

    def toggle_blank(self) -> None:
        self.blank = not self.blank

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
        """The countdown as the room sees it, or None on an untimed slide."""
        timer = self.timer
        return None if timer is None else format_clock(timer.remaining())

    def cue(self) -> str | None:
        """On a breathing pause with its timer running: "Breathe in" or "Breathe out", four seconds each."""
        timer = self.timer
        if not self.slide.breathing or timer is None or timer.state != "running":
            return None
        return strings.BREATHE_IN if int(timer.elapsed() // BREATH_SECONDS) % 2 == 0 else strings.BREATHE_OUT

    # ---- views ---------------------------------------------------------------------------------------

    def agenda(self) -> Agenda:
        return build_agenda(self.deck, self.tracker)

    def notes_state(self, written_at: float = 0.0) -> NotesState:
        """What the facilitator's notes show now (the notes window, or the single-screen panel)."""
        slide, upcoming, timer = self.slide, self.next_slide, self.timer
        overrun = None
        if timer is not None and timer.overrun() >= 1:
            overrun = format_clock(timer.overrun(), round_up=False)
        return NotesState(
            program_id=self.deck.program_id,
            day=self.deck.day,
            number=slide.number,
            count=len(self.deck),
            title=slide.title,
            eyebrow=slide.eyebrow,
            notes=slide.notes,
            discussion=slide.discussion,
            hints=slide.hints,
            next_title=None if upcoming is None else upcoming.title,
            planned=None if slide.planned_minutes is None else format_minutes(slide.planned_minutes * 60),
            timer=self.timer_text(),
            timer_state=None if timer is None else timer.state,
            overrun=overrun,
            elapsed=format_clock(self.tracker.elapsed(), round_up=False),
            started=self.tracker.started,
            blank=self.blank,
            written_at=written_at,
        )
