"""Rows of numbered cells: a validated check-in (WHO-5 or the single-item burnout measure) and a session
feedback form, answered from the keyboard.

Each item (or feedback question) is one row of numbered cells. A number key picks a score and moves on
to the next item; the arrows, a click, Backspace (to clear) and Enter (next item) work too. The chosen
cell is shown in brackets and its words beside it, so the answer reads without colour. A check's wording
comes from ``workshop.content.instruments`` and is shown exactly as published, with its attribution; a
feedback form's questions and the words of its ratings come from the content.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from workshop.answers import ItemScoresValue, RatingsValue, Value
from workshop.content.instruments import INSTRUMENTS, WHO5
from workshop.content.models import FEEDBACK_RATINGS, CheckStep, FeedbackStep
from workshop.flow.answering import first_unanswered, saved_ratings, saved_scores
from workshop.tui.widgets.base import StepView
from workshop.ui_text import plain

CELL = 6  # columns per cell: "[5]" or " 5 " and three spaces, so a click maps to a cell by its column
MARGIN = 2  # "› " before the cells marks the row with the focus, readable without colour
OPTIONAL = (
    "Optional and private: answer what you like, or skip it with ctrl+o. Only a complete check is scored, "
    "and the score is for you alone."
)
FEEDBACK_OPTIONAL = (
    "Optional: answer what you like, or skip it with ctrl+o. Your ratings stay in your journal; they leave "
    "it only if you choose to share your scores file (ctrl+p, Share my scores)."
)


class ScoreRow(Static, can_focus=True):
    """One item's answer: a row of numbered cells, one per response option."""

    BINDINGS = [  # noqa: RUF012 - Textual's convention
        Binding("left", "move(-1)", "Previous option", show=False),
        Binding("right", "move(1)", "Next option", show=False),
        Binding("up", "app.focus_previous", "Previous item", show=False),
        Binding("down,enter", "app.focus_next", "Next item", show=False),
        Binding("backspace,delete", "clear", "Clear", show=False),
    ]

    class Changed(Message):
        """The score of this row changed."""

    def __init__(
        self, scores: tuple[int, ...], labels: dict[int, str], index: int, score: int | None, *, beside: bool
    ) -> None:
        super().__init__(classes="score-row", id=f"item-{index + 1}")
        self.scores = scores
        self.labels = labels
        """The words of each score, shown beside the row when ``beside`` (short words such as WHO-5's)."""
        self.beside = beside
        self.index = index
        self.score = score if score in scores else None

    def on_mount(self) -> None:
        self._show()

    def set_score(self, score: int | None) -> None:
        if score is not None and score not in self.scores:
            return
        if score != self.score:
            self.score = score
            self._show()
            self.post_message(self.Changed())

    def _show(self) -> None:
        cells = [f"[{s}]" if s == self.score else f" {s} " for s in self.scores]
        row = Content.assemble(("›" if self.has_focus else " ", "bold"), " " + "   ".join(cells))
        # Many words per option (burnout) are listed above the row; WHO-5's short ones fit beside it.
        if self.score is not None and self.beside:
            row = Content.assemble(row, ("   " + self.labels.get(self.score, ""), "italic"))
        elif self.score is None:
            row = Content.assemble(row, ("   (not answered)", "dim"))
        self.update(row)

    def on_key(self, event: events.Key) -> None:
        key = event.character
        view = self._view()
        if key is not None and key.isdigit() and int(key) in self.scores and view is not None:
            event.stop()
            event.prevent_default()
            view.answer_and_advance(int(key))

    def _view(self) -> ScoreRowsView | None:
        parent = self.parent
        return parent if isinstance(parent, ScoreRowsView) else None

    def watch_has_focus(self, has_focus: bool) -> None:
        super().watch_has_focus(has_focus)
        self._show()  # the "›" marker follows the focus
        view = self._view()
        if has_focus and view is not None:
            view.focused_row(self.index)

    def on_click(self, event: events.Click) -> None:
        x = event.x - MARGIN
        cell = x // CELL
        if x >= 0 and cell < len(self.scores) and x % CELL < 3:
            self.set_score(self.scores[cell])

    def action_move(self, delta: int) -> None:
        scores = self.scores
        if self.score is None:
            self.set_score(scores[0] if delta > 0 else scores[-1])
            return
        target = scores.index(self.score) + delta
        if 0 <= target < len(scores):
            self.set_score(scores[target])

    def action_clear(self) -> None:
        self.set_score(None)


class ScoreRowsView(StepView):
    """A step answered in rows of numbered cells: number keys answer the active row and move on."""

    def __init__(self, step: CheckStep | FeedbackStep, value: Value | None = None) -> None:
        super().__init__(step, value)
        # The row that number keys answer. Kept here, not read from the focus: keys typed quickly are all
        # delivered to the row that had the focus when they arrived, before the focus moves on.
        self.active = 0
        self._moving_to: int | None = None

    def on_score_row_changed(self, event: ScoreRow.Changed) -> None:
        event.stop()
        self.rows_changed()
        self.changed()

    def rows_changed(self) -> None:
        """A row's score changed: update anything that shows the answer besides the rows."""

    def rows(self) -> list[ScoreRow]:
        return sorted(self.query(ScoreRow), key=lambda row: row.index)

    def answer_and_advance(self, score: int) -> None:
        """Answer the active row with ``score`` and make the next row active (and focused)."""
        rows = self.rows()
        rows[self.active].set_score(score)
        if self.active + 1 < len(rows):
            self.active += 1
            self._moving_to = self.active
            rows[self.active].focus()

    def focused_row(self, index: int) -> None:
        """A row got the focus: it becomes active, unless we are still moving the focus further on."""
        if self._moving_to is None or self._moving_to == index:
            self.active = index
            self._moving_to = None

    def first_field(self) -> Widget | None:
        """The first item not answered yet (the first item once all are)."""
        rows = self.rows()
        self.active = first_unanswered(tuple(row.score for row in rows))
        return rows[self.active]


class CheckView(ScoreRowsView):
    """The stem, one row per item, a line saying it is optional, and the attribution."""

    step: CheckStep

    def __init__(self, step: CheckStep, value: Value | None = None) -> None:
        super().__init__(step, value)
        self.instrument = INSTRUMENTS[step.instrument]
        self.initial_scores = saved_scores(self.instrument, value)

    def compose(self) -> ComposeResult:
        instrument = self.instrument
        yield Static(plain(instrument.stem), classes="question check-stem")
        yield Static(self._legend(self.initial_scores), id="check-legend", classes="check-legend")
        several = len(instrument.items) > 1
        labels = {option.score: option.label for option in instrument.options}
        for index, item in enumerate(instrument.items):
            if several:
                yield Static(plain(f"{index + 1}. {item}"), classes="check-item")
            yield ScoreRow(
                instrument.scores, labels, index, self.initial_scores[index], beside=instrument is WHO5
            )
        keys = f"{min(instrument.scores)}-{max(instrument.scores)}"
        yield Static(
            f"Number keys {keys} answer an item and move on; arrows and a click work too.", classes="dim"
        )
        yield Static(OPTIONAL, classes="dim check-optional")
        yield Static(plain(instrument.attribution), classes="check-attribution")

    def _legend(self, scores: tuple[int | None, ...]) -> Content:
        """The options with their numbers; for the single burnout item, an arrow marks the one chosen."""
        if self.instrument is WHO5:
            half = len(self.instrument.options) // 2
            parts = [f"{o.score} {o.label}" for o in self.instrument.options]
            return plain(" · ".join(parts[:half]) + "\n" + " · ".join(parts[half:]))
        lines = [f"{'→' if o.score in scores else ' '} {o.score}. {o.label}" for o in self.instrument.options]
        return plain("\n".join(lines))

    def value(self) -> Value | None:
        return ItemScoresValue(self.instrument.id, tuple(row.score for row in self.rows()))

    def rows_changed(self) -> None:
        value = self.value()
        assert isinstance(value, ItemScoresValue)
        self.query_one("#check-legend", Static).update(self._legend(value.scores))


class FeedbackView(ScoreRowsView):
    """A session feedback form: the line above, then each question with a row of ratings 1 to 5."""

    step: FeedbackStep

    def __init__(self, step: FeedbackStep, value: Value | None = None) -> None:
        super().__init__(step, value)
        self.initial_ratings = saved_ratings(step, value)

    def compose(self) -> ComposeResult:
        step = self.step
        labels = dict(zip(FEEDBACK_RATINGS, step.labels, strict=True))
        yield Static(plain(step.question), classes="question check-stem")
        # As WHO-5's legend: two lines, each rating's number beside its words, never wrapped apart.
        parts = [f"{rating}\u00a0{label}" for rating, label in labels.items()]
        half = (len(parts) + 1) // 2
        legend = " · ".join(parts[:half]) + "\n" + " · ".join(parts[half:])
        yield Static(plain(legend), classes="check-legend")
        for index, item in enumerate(step.questions):
            yield Static(plain(f"{index + 1}. {item.text}"), classes="check-item")
            yield ScoreRow(FEEDBACK_RATINGS, labels, index, self.initial_ratings[index], beside=True)
        yield Static(
            "Number keys 1-5 answer a question and move on; arrows and a click work too.", classes="dim"
        )
        yield Static(FEEDBACK_OPTIONAL, classes="dim check-optional")

    def value(self) -> Value | None:
        ids = tuple(question.id for question in self.step.questions)
        return RatingsValue(ids, tuple(row.score for row in self.rows()))
