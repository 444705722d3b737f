"""A day: one step at a time, with next, back and skip working the same way on every step."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Header, ProgressBar, Static

from workshop.content.models import FollowThroughStep, RecapStep
from workshop.flow.day import DayWalk
from workshop.flow.wellbeing import needs_care
from workshop.tui.keys import caught_up
from workshop.tui.screens.base import WorkshopScreen, workshop_footer
from workshop.tui.widgets.base import StepView
from workshop.tui.widgets.look_back import LookBack
from workshop.tui.widgets.save_status import SaveStatus
from workshop.tui.widgets.steps import step_view
from workshop.ui_text import plain

SOURCES_LINE = "This step cites {count} source{s}: F2 shows the full reference{s}."


class DayScreen(WorkshopScreen):
    """Shows the current step of a ``DayWalk`` and forwards the user's moves to it.

    The keys are ones no text box uses (ctrl+n, ctrl+b, ctrl+o, Esc), so they work from inside a
    reflection without stealing a keystroke the writing needs.
    """

    BINDINGS = [  # noqa: RUF012
        Binding(
            "ctrl+n", "next", "Next", id="day.next", priority=True, tooltip="Next step: this one is done"
        ),
        Binding("ctrl+b", "back", "Back", id="day.back", priority=True, tooltip="Back to the previous step"),
        Binding(
            "ctrl+o",
            "skip",
            "Skip",
            id="day.skip",
            priority=True,
            tooltip="Skip this step for now (it stays open)",
        ),
        Binding("f2", "sources", "Sources", id="day.sources", tooltip="The sources of what this step says"),
        Binding("escape", "home", "Home", id="day.home", tooltip="Home (everything is kept)"),
        Binding(
            "escape",
            "return_to_review",
            "Review",
            id="day.review",
            tooltip="Back to the review, as you left it",
        ),
    ]

    def __init__(self, walk: DayWalk, *, over_review: bool = False) -> None:
        super().__init__(classes="day-screen")
        self.walk = walk
        self.over_review = over_review
        self._view: StepView | None = None
        """The step on screen, once it is mounted (looked up at every key before: a walk of the screen)."""

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with Vertical(classes="column day-column"):
            with Horizontal(classes="day-top"):
                yield Static("", id="day-name", classes="day-name")
                yield Static("", id="step-count", classes="step-count")
            yield ProgressBar(total=self.walk.total, show_eta=False, show_percentage=False, id="day-progress")
            yield Static("", id="step-title", classes="step-title")
            yield VerticalScroll(id="step-body", classes="step-body")
            yield SaveStatus(id="save-status")
        yield workshop_footer()

    async def on_mount(self) -> None:
        self.sub_title = self.walk.module.short_name
        await self.show_step()

    # -- showing the current step ------------------------------------------------------------------------

    async def show_step(self) -> None:
        # Keys typed from here on wait until the new step's field has the focus (tui/keys.py).
        self.workshop.hold_keys()
        try:
            await self._build_step()
        finally:
            self.workshop.release_keys()

    async def _build_step(self) -> None:
        walk = self.walk
        step = walk.step
        module = walk.module
        name = f"Day {module.day} · {module.title}" if module.is_day else module.title
        self.query_one("#day-name", Static).update(plain(name))
        self.query_one("#step-count", Static).update(f"Step {walk.number} of {walk.total}")
        self.query_one("#day-progress", ProgressBar).update(progress=walk.number)
        self.query_one("#step-title", Static).update(plain(step.title))
        body = self.query_one("#step-body", VerticalScroll)
        await self._clear_body(body)
        answer = walk.current_answer()
        items = walk.recap_items(step) if isinstance(step, RecapStep) else None
        plans = walk.commitment_items(step) if isinstance(step, FollowThroughStep) else None
        view = step_view(
            step,
            answer.value if answer else None,
            recap_items=items,
            commitments=plans,
            clock=self.workshop.monotonic,
        )
        await body.mount(view)
        self._view = view
        await view.loaded()
        # The step's own field, found before the earlier answers go above it: their box can take the focus
        # (to be scrolled), and a step that takes its first focusable widget would have found that box.
        field = view.first_field()
        await self._mount_look_back_and_sources(view)
        self.refresh_bindings()  # F2 shows only on a step that cites something
        body.scroll_home(animate=False)
        # Focus now, not after a refresh (``Widget.focus`` waits for one): the keys held meanwhile go to
        # whatever has the focus when they are handed on.
        self.set_focus(field or body, scroll_visible=False)
        if field is not None:
            # The step opens at its top, scrolled only as far as needed for the whole field to show:
            # what is typed is always seen (a recap's earlier answers and a long question come first).
            self.call_after_refresh(body.scroll_to_widget, field, animate=False, top=False)

    async def _clear_body(self, body: VerticalScroll) -> None:
        """Take the last step away, with nothing focused once it has gone.

        Textual restyles a widget *and everything in it* when it gains or loses the focus. Left to itself,
        it hands the focus of a removed field to the body, and the body then lost it to the next step's
        field with the whole step inside it: 15 to 35 ms of restyling in one go as each step opened. So the
        field lets go first (only the field is restyled), and a body that had the focus (a reading) lets go
        once it is empty. Keys typed meanwhile are held (tui/keys.py), so none goes to nothing."""
        self._view = None
        if self.focused is not body:
            self.set_focus(None, scroll_visible=False)
        await body.remove_children()
        if self.focused is body:
            self.set_focus(None, scroll_visible=False)

    async def _mount_look_back_and_sources(self, view: StepView) -> None:
        """Earlier answers the question refers to go just above it; a line saying F2 shows the step's
        sources goes at its end, below the answer, where it moves nothing the user needs."""
        step = self.walk.step
        items = self.walk.look_back_items(step)
        if items:
            above = view.query(".question").first() if view.query(".question") else None
            await view.mount(LookBack(items), before=above if above is not None else 0)
        count = len(step.cites)
        if count:
            line = SOURCES_LINE.format(count=count, s="s" if count > 1 else "")
            await view.mount(Static(plain(line), classes="sources-line"))

    def current_view(self) -> StepView | None:
        return self._view

    # -- the user's moves --------------------------------------------------------------------------------

    def on_step_view_answer_changed(self, event: StepView.AnswerChanged) -> None:
        # The answer as it is on screen now, not as it was when the message was sent: messages arrive
        # late, and a late one once put an older text back over words already saved on quitting.
        if event.step_id == self.walk.step.id:
            self.keep_current_answer()
            self.workshop.answer_changed()

    def keep_current_answer(self) -> None:
        """Record what is on screen now (it normally already is: every change is recorded at once)."""
        view = self.current_view()
        if view is not None and view.step.answers:  # a reading or a pause records nothing
            self.walk.record(view.value())

    def place(self) -> tuple[str, str] | None:
        return self.walk.module.id, self.walk.step.id

    async def catch_up(self) -> None:
        """Let the field on screen handle every key already typed into it, then record its answer."""
        await caught_up(self.focused)
        self.keep_current_answer()

    async def action_next(self) -> None:
        await self.catch_up()
        # Care hook (issue 6): a completed check-in with a very low score opens the support screen, gently,
        # once the user moves on. The flow decides; this screen only asks. Skipping (ctrl+o) never does.
        answer = self.walk.current_answer()
        care = needs_care(self.walk.step, answer.value if answer else None)
        if self.walk.next():
            self.workshop.save_soon(immediately=True)
            await self.show_step()
        else:
            self.routes.finish_day(self.walk)
        if care:
            self.routes.open_support(gentle=True)

    async def action_skip(self) -> None:
        await self.catch_up()
        if self.walk.skip():
            self.workshop.save_soon(immediately=True)
            await self.show_step()
        else:
            self.routes.finish_day(self.walk)

    async def action_back(self) -> None:
        await self.catch_up()
        if self.walk.back():
            self.workshop.save_soon(immediately=True)
            await self.show_step()

    def action_sources(self) -> None:
        if self.walk.step.cites:
            self.routes.open_sources(self.walk.step)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "sources":
            return bool(self.walk.step.cites)
        # Esc leads back where the day was opened from: home, or the review (with its search kept).
        if action == "home":
            return not self.over_review
        if action == "return_to_review":
            return self.over_review
        return True

    async def action_home(self) -> None:
        await self.catch_up()
        self.workshop.save_soon(immediately=True)
        self.routes.go_home()

    async def action_return_to_review(self) -> None:
        await self.catch_up()
        self.workshop.save_soon(immediately=True)
        self.dismiss()
