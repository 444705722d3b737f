"""Then and now: one question, with the answers of two runs side by side. Read-only."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Select, Static

from workshop.flow.review import ReviewEntry, Side, default_pair, then_and_now
from workshop.flow.run_view import RunRecord
from workshop.tui.screens.base import workshop_footer
from workshop.ui_text import plain

NO_ANSWER = "(no answer in this run)"


def side_content(side: Side) -> Content:
    heading = f"Run {side.run_number}"
    if side.answer is None:
        return Content.assemble((heading, "bold"), "\n", (NO_ANSWER, "dim"))
    when = f" · {side.answer.updated:%d %b %Y}"
    return Content.assemble((heading, "bold"), (when, "dim"), "\n", plain(side.text))


class ThenAndNowScreen(Screen[None]):
    """The highlighted review answer's question, two runs side by side; a Select above each picks the run."""

    BINDINGS = [Binding("escape,t", "close", "Back to review", id="then.close")]  # noqa: RUF012

    def __init__(self, entry: ReviewEntry, runs: Sequence[RunRecord]) -> None:
        super().__init__(classes="then-screen")
        self.entry = entry
        self.runs = list(runs)
        numbers = [run.number for run in self.runs]
        pair = default_pair(numbers)
        assert pair is not None, "then and now needs two runs"
        self.pair = pair

    def compose(self) -> ComposeResult:
        numbers = sorted({run.number for run in self.runs}, reverse=True)
        choices = [(f"Run {number}", number) for number in numbers]
        yield Header(show_clock=False)
        with Vertical(classes="column then-column"):
            yield Static(plain(self.entry.title), classes="step-title")
            yield Static("", id="then-question", classes="question")
            with Horizontal(classes="then-columns"):
                for index, side_id in enumerate(("then", "now")):
                    with Vertical(classes="then-side"):
                        yield Select[int](
                            choices, value=self.pair[index], allow_blank=False, id=f"{side_id}-run"
                        )
                        with VerticalScroll(classes="then-answer"):
                            yield Static("", id=f"{side_id}-text")
        yield workshop_footer()

    def on_mount(self) -> None:
        self.show()

    def show(self) -> None:
        view = then_and_now(self.entry, self.runs, self.pair)
        question = self.query_one("#then-question", Static)
        question.update(plain(view.question or ""))
        question.display = bool(view.question)
        self.query_one("#then-text", Static).update(side_content(view.then))
        self.query_one("#now-text", Static).update(side_content(view.now))

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        then = self.query_one("#then-run", Select).value
        now = self.query_one("#now-run", Select).value
        if isinstance(then, int) and isinstance(now, int):
            self.pair = (then, now)
            self.show()

    def action_close(self) -> None:
        self.dismiss()
