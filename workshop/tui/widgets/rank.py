"""The values sort: pick the top K options and put them in order, all from the keyboard.

Left, the options; Enter (or a click) picks one. Right, the picks in order; Enter removes one, and
shift+up / shift+down move it (``[`` and ``]`` too, for terminals that swallow shift+arrows).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from workshop.answers import RankedValue, Value
from workshop.content.models import RankStep
from workshop.flow.answering import rank_is_full, rank_note, saved_ranking
from workshop.tui.widgets.base import StepView, question
from workshop.tui.widgets.choices import TICKED, UNTICKED, Hanging
from workshop.ui_text import plain


class RankedList(OptionList):
    """The picks, in order; they can be moved and removed."""

    BINDINGS = [  # noqa: RUF012 - Textual's convention
        Binding("shift+up,left_square_bracket", "move(-1)", "Move up", id="rank.move_up"),
        Binding("shift+down,right_square_bracket", "move(1)", "Move down", id="rank.move_down"),
        Binding("delete,backspace", "remove", "Remove", id="rank.remove"),
    ]

    def action_move(self, delta: int) -> None:
        view = self._rank_view()
        if view is not None and self.highlighted is not None:
            view.move_pick(self.highlighted, delta)

    def action_remove(self) -> None:
        view = self._rank_view()
        if view is not None and self.highlighted is not None:
            view.remove_pick(self.highlighted)

    def _rank_view(self) -> RankView | None:
        for ancestor in self.ancestors:
            if isinstance(ancestor, RankView):
                return ancestor
        return None


class RankView(StepView):
    """Pick and order the top K of a list."""

    step: RankStep

    def __init__(self, step: RankStep, value: Value | None = None) -> None:
        super().__init__(step, value)
        self.ranked: list[str] = list(saved_ranking(step, value))

    def compose(self) -> ComposeResult:
        yield question(self.step.question)
        # Two columns in one grid (headings, then lists), not a row of two columns: each container is laid
        # out and drawn again at every layout, and the step opens in three of them.
        with Grid(classes="rank-columns"):
            yield Label("Options · Enter picks", classes="field-label")
            heading = f"Your top {self.step.pick} · shift+↑↓ or [ and ] move"
            yield Label(plain(heading), classes="field-label")
            yield OptionList(id="rank-options")
            yield RankedList(id="rank-picked")
        yield Static("", id="rank-status", classes="pick-count")

    def on_mount(self) -> None:
        self._refresh_lists()

    def value(self) -> Value | None:
        return RankedValue(tuple(self.ranked))

    # -- changes -----------------------------------------------------------------------------------------

    def add_pick(self, option: str) -> None:
        if option in self.ranked:
            return
        if rank_is_full(self.step, tuple(self.ranked)):
            # Say why nothing happened, rather than ignore the key: under the lists, and where it is seen
            # even when the lists fill the screen.
            note = rank_note(self.step, tuple(self.ranked), option)
            self.query_one("#rank-status", Static).update(plain(note))  # it names an option from the content
            self.notify(note, title=f"Your top {self.step.pick} is full", markup=False)
            return
        self.ranked.append(option)
        self._after_change()

    def remove_pick(self, index: int) -> None:
        if 0 <= index < len(self.ranked):
            del self.ranked[index]
            self._after_change(highlight=min(index, len(self.ranked) - 1))

    def move_pick(self, index: int, delta: int) -> None:
        target = index + delta
        if 0 <= index < len(self.ranked) and 0 <= target < len(self.ranked):
            self.ranked[index], self.ranked[target] = self.ranked[target], self.ranked[index]
            self._after_change(highlight=target)

    def _after_change(self, highlight: int | None = None) -> None:
        self._refresh_lists(highlight)
        self.changed()

    # -- display -----------------------------------------------------------------------------------------

    def _refresh_lists(self, highlight: int | None = None) -> None:
        options = self.query_one("#rank-options", OptionList)
        prompts = [
            Hanging(TICKED if option in self.ranked else UNTICKED, option, bold=option in self.ranked)
            for option in self.step.options
        ]
        if options.option_count != len(self.step.options):
            # As the step opens: each option drawn once, ticked or not (not drawn, then drawn again).
            pairs = zip(prompts, self.step.options, strict=True)
            options.add_options(Option(prompt, id=option) for prompt, option in pairs)
            options.highlighted = 0
        else:
            # Update the ticks in place, so the highlight stays where the user's eyes are.
            for index, prompt in enumerate(prompts):
                options.replace_option_prompt_at_index(index, prompt)
        picked = self.query_one("#rank-picked", RankedList)
        picked.clear_options()
        picked.add_options(
            Option(Hanging(f"{number}.", option)) for number, option in enumerate(self.ranked, start=1)
        )
        if highlight is not None and self.ranked:
            picked.highlighted = max(0, highlight)
        self.query_one("#rank-status", Static).update(plain(rank_note(self.step, tuple(self.ranked))))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_list.id == "rank-options" and event.option.id is not None:
            if event.option.id in self.ranked:
                self.remove_pick(self.ranked.index(event.option.id))
            else:
                self.add_pick(event.option.id)
        elif event.option_list.id == "rank-picked":
            self.remove_pick(event.option_index)
