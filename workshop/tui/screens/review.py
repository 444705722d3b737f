"""Review: every answer by run and day, searchable and read-only, with a jump to edit.

The list has two lines for each answer (its heading, and one line from around its first match), so that a
key in the search box redraws a handful of short lines however long the answers are; the highlighted
answer is read whole in the pane below the list (beside it, in a wide terminal).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from textual import events
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal, Vertical, VerticalScroll
from textual.content import Content, Span
from textual.css.query import NoMatches
from textual.timer import Timer
from textual.widgets import Button, Header, Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from workshop.flow.review import (
    Catalog,
    Finding,
    ReviewEntry,
    match_spans,
    needle_of,
    snippet,
    why_no_then_and_now,
    why_read_only,
)
from workshop.text import display_text
from workshop.tui import allocator
from workshop.tui.screens.base import WorkshopScreen, workshop_footer
from workshop.tui.widgets.in_order import InOrderInput

if TYPE_CHECKING:
    from workshop.journal.store import Run

MATCH_STYLE = "reverse"  # a match reads without colour, and in every theme

# Years of answers are searched a slice at a time, so that no key ever waits for the search (issue 20):
PAGE = 8
"""Answers put in the list at a time, at least (more when the list is taller than this many rows): the
next ones come as the highlight or the scrolling nears the end."""
ROW_HEIGHT = 2
"""Lines in the list for each answer: its heading, and one line of it."""
WIDE = 120
"""Columns from which the reading pane stands beside the list rather than below it."""
SLICE = 0.008
"""Seconds of searching before the event loop handles what else came in (keys, a resize, a save)."""
GIVE_WAY = 0.1
"""Seconds after a key (or a change of focus, or a move in the list) during which the search of the rest
waits: the key, and what it draws, have the loop to themselves. Years of answers are still being read
for a second or two after the review opens, and Textual handles a key in many small steps (a change of
focus remounts the footer's keys), each of which would otherwise wait behind a slice of searching."""
READ_AFTER_TYPING = 0.15
"""Seconds after a search begins (a key in the search box) before the reading pane shows the answer it
highlights, unless another key comes first."""
READ_AHEAD = 4
"""Runs read ahead of the search, in a thread. The search reads the runs in order, newest first, and a run
of years ago is read from its files when it is first needed (``Journal.open(lazy=True)``). Read there, in
a slice of the search, a run's files stopped the loop for 10 to 40 ms each, and a key typed then waited;
read in a thread beforehand, the loop handles the key within a few ms. The search of the rest stops
before a run not read yet (``Finding.advance(read_files=False)``), so no more are needed ahead than a
slice goes through (two or three runs of long answers); each run read holds its answers (about 0.25 MiB)
until the search has folded its words, so more ahead would only hold more at once: with the window
doubling up to 64 runs, twenty years' review peaked some 8 MiB higher."""
GIVE_BACK_EVERY = 4
"""Runs read ahead between two returns of freed memory to the system (``allocator.give_back``, in the
reading thread: 0.1 to 0.5 ms each). Each run read holds its answers until the search has folded them and
let them go; the allocator kept what they used, and twenty years of runs read one after another left the
review's peak 2 MiB higher. Every run or every eight made no difference to the peak."""
COUNT_EVERY = 0.25
"""Seconds between updates of "found so far" while a long search runs."""
DEBOUNCE = 0.02
"""A key after a pause searches at once; keys that follow it closer than this search once they stop: a
word typed fast is searched for its first letter and once more for the whole, not once per letter."""


def highlighted(text: str, query: str) -> Content:
    """``text`` (shown literally) with each occurrence of ``query`` marked."""
    # One Content with every span at once: stylizing match by match copies the spans each time, which
    # for a one-letter search of a long answer (hundreds of matches) took most of a second.
    return Content(text, [Span(start, end, MATCH_STYLE) for start, end in match_spans(text, query)])


def heading(entry: ReviewEntry, query: str) -> Content:
    """Whose answer it is: the run, the day, the step, marked where the query is found, and the date."""
    words = f"Run {entry.run_number} · {display_text(entry.day_label)} · {display_text(entry.title)}"
    when = f"{entry.answer.updated:%d %b %Y}"
    return Content.assemble(highlighted(words, query).stylize("bold"), Content.styled(f"  {when}", "dim"))


def row_content(entry: ReviewEntry, query: str = "") -> Content:
    """An answer as a row of the list: its heading, then one line from around its first match."""
    line = snippet(display_text(entry.text), query)
    return Content.assemble(heading(entry, query), "\n", highlighted(line, query))


def entry_content(entry: ReviewEntry, query: str = "") -> Content:
    """An answer whole, as the reading pane shows it: its heading, then every line of it."""
    return Content.assemble(heading(entry, query), "\n", highlighted(display_text(entry.text), query))


class ReviewScreen(WorkshopScreen):
    """Every answer, searchable, filtered by run; any answer opens for editing."""

    BINDINGS = [  # noqa: RUF012
        Binding("escape", "home", "Home", id="review.home", tooltip="Home"),
        # Priority, and the focus moves at once (not on the next turn of the loop), so that letters typed
        # right after ctrl+f reach the search box rather than the list it leaves.
        Binding(
            "ctrl+f",
            "focus_search",
            "Search",
            id="review.search",
            tooltip="Search your answers",
            priority=True,
        ),
        Binding("e", "edit", "Edit", id="review.edit", tooltip="Open the highlighted answer to change it"),
        Binding(
            "t",
            "then_and_now",
            "Then and now",
            id="review.then_and_now",
            tooltip="The highlighted question's answers from two runs, side by side",
        ),
        # Priority, so that keys typed right after Enter reach the step it opens (see tui/keys.py).
        Binding(
            "enter",
            "choose",
            "Open",
            id="review.open",
            show=False,
            priority=True,
            tooltip="Open the highlighted answer (in the search box: go to the answers found)",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[ReviewEntry] = []
        """The answers in the list, in order: the first pages of what the search found."""
        self._catalog: Catalog | None = None
        self._finding: Finding | None = None
        self._typed = 0  # changes to the search box and filter so far: only the last one searches
        self._searched_at = 0.0  # time.monotonic() when a search last began
        self._quiet_until = 0.0  # time.monotonic() until which the search of the rest gives way to keys
        self._reading: tuple[ReviewEntry | None, str] | None = None  # what the reading pane shows
        self._reading_due = False  # the pane is to follow the highlight once the list is drawn
        self._reading_timer: Timer | None = None  # or once typing pauses
        self._runs_offered: list[int] | None = None  # the run numbers the filter offers, newest first
        self._runs_read = 0  # runs read ahead so far (``GIVE_BACK_EVERY``)
        self._given_back_for: Catalog | None = None  # the catalog whose reading ended with ``give_back``

    @property
    def entries(self) -> Sequence[ReviewEntry]:
        """Every answer read so far (all of them once ``searched`` is True)."""
        return self._catalog.entries if self._catalog is not None else []

    @property
    def searched(self) -> bool:
        """True once a search for what the search box and the run filter say now has looked through every
        answer. Keys still on their way (the box already holds them, the search not yet) make it False: an
        earlier search that has finished is not the answer to the words in the box."""
        finding = self._finding
        return finding is not None and finding.done and self._asks_for(finding)

    def _asks_for(self, finding: Finding) -> bool:
        """True if ``finding`` searches for what the search box and the run filter say now."""
        needle = needle_of(self.query_one("#search", Input).value)
        return finding.needle == needle and finding.run_number == self._chosen_run()

    def _chosen_run(self) -> int | None:
        """The run the filter chose, or None for all runs."""
        chosen = self.query_one("#run-filter", Select).value
        return chosen if isinstance(chosen, int) else None

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with Vertical(classes="column review-column"):
            with Horizontal(classes="review-filters"):
                yield InOrderInput(placeholder="Search your answers", id="search")
                yield Select[int]([], prompt="All runs", id="run-filter")  # its runs: ``_offer_runs``
                yield Button("Then and now", id="then-and-now")
            with Container(classes="review-body"):
                yield OptionList(id="entries", classes="entries")
                with VerticalScroll(id="reader", classes="reader"):
                    yield Static(Content(""), id="reader-text")
            yield Static("", id="review-count", classes="dim")
        yield workshop_footer()

    def on_resize(self, event: events.Resize) -> None:
        """The reading pane beside the list in a wide terminal, below it otherwise."""
        self.set_class(event.size.width >= WIDE, "wide")

    @property
    def page(self) -> int:
        """Answers to put in the list at a time: enough to fill it, and a few more to scroll to."""
        return max(PAGE, self.query_one("#entries", OptionList).size.height // ROW_HEIGHT + 4)

    def on_mount(self) -> None:
        entries = self.query_one("#entries", OptionList)
        entries.focus()
        self.watch(entries, "scroll_y", self._scrolled, init=False)

    def _scrolled(self, scroll_y: float) -> None:
        """Scrolled (the wheel, the scroll bar) near the end of the list: bring the next answers."""
        entries = self.query_one("#entries", OptionList)
        if scroll_y >= entries.max_scroll_y - entries.size.height:
            self._show_more(self.page)

    def on_screen_resume(self) -> None:
        """Shown: opened (the screen may have been built ahead, or shown before), or back from a step opened
        here, whose answer may have changed; the search and the place stay. Every answer is read afresh
        here and only here: a screen just pushed is mounted first and resumed next, and reading them in
        both (as it once did) searched twice as the review opened."""
        if self.is_mounted and self.is_current:  # not when uncovered only to be closed (Esc home from a step)
            self.set_class(self.app.size.width >= WIDE, "wide")  # the terminal may have changed meanwhile
            self._offer_runs()
            self.reload()

    def on_screen_suspend(self) -> None:
        """Closed (not merely covered by a step or then and now): the next opening starts afresh, as a new
        review would, and the answers read are let go until then."""
        if self not in self.app.screen_stack:
            self._forget()

    def _offer_runs(self) -> None:
        """The run filter offers every run, newest first (a run may have begun since it was built)."""
        numbers = [run.number for run in reversed(self.workshop.runs)]
        if numbers != self._runs_offered:
            self._runs_offered = numbers
            with self.prevent(Select.Changed):
                self.query_one("#run-filter", Select).set_options(
                    [(f"Run {number}", number) for number in numbers]
                )

    def _forget(self) -> None:
        """Empty the search box, the filter, the list and the pane, and let the answers go."""
        self._catalog, self._finding, self.shown, self._reading = None, None, [], None
        if self._reading_timer is not None:
            self._reading_timer.stop()
            self._reading_timer = None
        with self.prevent(Input.Changed, Select.Changed):
            self.query_one("#search", Input).value = ""
            self.query_one("#run-filter", Select).clear()
        self.query_one("#entries", OptionList).clear_options()
        self.query_one("#reader-text", Static).update(Content(""))
        self.query_one("#review-count", Static).update(Content(""), layout=False)
        self.query_one("#entries", OptionList).focus()

    def reload(self) -> None:
        """Read the answers afresh and search them again, keeping the highlighted place."""
        self._catalog = Catalog(self.workshop.program, self.workshop.runs, earlier=self._catalog)
        keep = self.query_one("#entries", OptionList).highlighted or 0
        self._give_way()  # the first page and the screen are drawn before the search of the rest begins
        self._begin_search(narrow=False, enough=max(self.page, keep + 1), wait=keep >= self.page)

    def refresh_entries(self) -> None:
        """Search again for what the search box and the run filter now say (a letter added narrows). Words
        that search for the same (a space typed at the end, a capital) keep the search as it is."""
        if self._finding is not None and self._asks_for(self._finding):
            self._update_count()  # the words quoted there are as typed
            return
        self._begin_search(narrow=True)

    def _begin_search(self, *, narrow: bool, enough: int | None = None, wait: bool = False) -> None:
        """Start a search: the first page at once (the newest answers come first), the rest a slice at a
        time in a worker that the next search cancels."""
        assert self._catalog is not None
        enough = enough or self.page
        query = self.query_one("#search", Input).value
        earlier = self._finding if narrow else None
        finding = self._finding = Finding.start(self._catalog, query, self._chosen_run(), earlier)
        entries = self.query_one("#entries", OptionList)
        keep = entries.highlighted
        if wait:  # back from a step: the highlighted answer's place must be in the list again
            while not finding.advance(SLICE, enough=enough) and len(finding.found) < enough:
                pass
        else:
            finding.advance(SLICE, enough=enough)
        # The first page replaces the list's options in one go (not cleared, then added): a list as long as
        # before keeps its size, and the screen is not laid out again.
        self.shown = finding.entries(0, enough)
        entries.set_options(Option(row_content(entry, query)) for entry in self.shown)
        if self.shown:
            entries.highlighted = min(keep or 0, len(self.shown) - 1)
        self._read_soon()
        self._update_count()
        if not finding.done:
            # Once the screen has been drawn with the first page: begun sooner, the rest (and the runs it
            # reads in a thread) would share the interpreter with drawing it.
            rest = self._search_rest
            self.call_after_refresh(lambda: self.run_worker(rest(finding), group="review-search"))

    @contextlib.contextmanager
    def _quiet_if_taken_down(self) -> Iterator[None]:
        """For the search's workers: the app closing removes the review's widgets while a search may still
        be waiting (for a run read in a thread, or for typing to pause); a search that then has nowhere to
        show what it found has nothing left to do (it stopped the app with an error at quit before, once
        in a full run of the suite)."""
        try:
            yield
        except NoMatches:
            if self.is_attached and self.query("#entries"):
                raise  # the screen is all there: a real mistake, not a screen taken down

    async def _search_rest(self, finding: Finding) -> None:
        with self._quiet_if_taken_down():
            await self._look_through_the_rest(finding)

    async def _look_through_the_rest(self, finding: Finding) -> None:
        """Look through the rest of the answers, a slice at a time, giving the loop back in between; a
        newer search takes over by replacing ``self._finding``, and this one then stops."""
        counted = time.monotonic()
        page = self.page
        while True:
            # Waits first: the first page (and the key or the opening that asked for it) is drawn before
            # the rest is looked through.
            await asyncio.sleep(max(0.0, self._quiet_until - time.monotonic()))
            if finding is not self._finding:
                return
            if await self._read_ahead():
                continue  # time has passed: a key may have come meanwhile, or a newer search
            if finding.advance(SLICE, read_files=False):
                break
            if len(self.shown) < page:
                self._show_more(page - len(self.shown))
            if time.monotonic() - counted > COUNT_EVERY:  # years of answers take seconds: show it going
                counted = time.monotonic()
                self._update_count()
        if finding.catalog.complete and finding.catalog is not self._given_back_for:
            # Every run read, folded and let go: their memory goes back before anything else peaks.
            self._given_back_for = finding.catalog
            allocator.give_back()
        if finding is self._finding:
            if len(self.shown) < page:
                self._show_more(page - len(self.shown))
            self._update_count()

    def _runs_ahead(self) -> list[Run]:
        """The runs the search comes to next (newest first, as it reads them), as many as it reads ahead."""
        if self._catalog is None:
            return []
        by_number = {run.number: run for run in self.workshop.runs}
        return [by_number[number] for number in self._catalog.runs_to_come(READ_AHEAD)]

    async def _read_ahead(self) -> bool:
        """Read the files of the next run the search will come to, if not read yet, in a thread; True if
        one was read."""
        for run in self._runs_ahead():
            if not run.loaded:
                self._runs_read += 1
                give_back = self._runs_read % GIVE_BACK_EVERY == 0
                await asyncio.to_thread(_read_run, run, give_back=give_back)
                return True
        return False

    def _show_more(self, count: int) -> None:
        """Put up to ``count`` more of the answers found into the list."""
        if self._finding is None:
            return
        start = len(self.shown)
        more = self._finding.entries(start, start + count)
        if not more:
            return
        query = self.query_one("#search", Input).value
        self.shown.extend(more)
        rows = [Option(row_content(entry, query)) for entry in more]
        entries = self.query_one("#entries", OptionList)
        entries.add_options(rows)
        if start == 0:
            # The first answers found, after a first page that had none (words found only in older runs,
            # or a busy machine's first slice): the first is highlighted, as a first page's is, and the
            # pane shows it. Without it the list showed answers that Enter did not open, beside an empty pane.
            if entries.highlighted is None:
                entries.highlighted = 0
            self._read_soon()
        self._update_count()

    def _update_count(self) -> None:
        count = self.query_one("#review-count", Static)
        finding, catalog = self._finding, self._catalog
        if finding is None or catalog is None:
            return
        query = self.query_one("#search", Input).value.strip()
        quoted = f'"{display_text(query)}"'  # the user's words: shown as typed, never read as markup
        if not finding.done:
            which = f" for {quoted}" if query else ""
            words = f"{len(finding.found)} found so far{which}, still looking through your answers…"
        elif not catalog.entries:
            words = "Nothing written yet. Your answers will appear here as you go."
        else:
            which = f" hold {quoted}" if query else ""
            words = f"{len(finding.found)} of {len(catalog.entries)} answers{which} · Enter or e to edit"
        count.update(Content(words), layout=False)  # one line, always: no need to lay the screen out again

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """The highlighted answer is read whole in the pane; near the end of the list, the next page."""
        self._give_way()
        self._read_soon()
        if event.option_index >= len(self.shown) - PAGE // 4:
            self._show_more(self.page)  # so that scrolling never stops

    def _read_soon(self) -> None:
        """Show the highlighted answer in the reading pane once the list has been drawn, and while
        someone types in the search box, once they pause: a whole answer with its matches marked takes
        longer to draw than the list's short rows, and the list shows what was typed first. A key that
        comes meanwhile puts the pane off again, and the pane shows only the last answer highlighted."""
        if self._reading_timer is not None:
            self._reading_timer.stop()
            self._reading_timer = None
        typing = self._searched_at + READ_AFTER_TYPING - time.monotonic()
        if typing > 0:
            self._reading_timer = self.set_timer(typing, self._read_highlighted)
        elif not self._reading_due:
            self._reading_due = True
            self.call_after_refresh(self._read_highlighted)

    def _read_highlighted(self) -> None:
        self._reading_due, self._reading_timer = False, None
        index = self.query_one("#entries", OptionList).highlighted
        entry = self.shown[index] if index is not None and index < len(self.shown) else None
        query = self.query_one("#search", Input).value
        before, self._reading = self._reading, (entry, query)
        same = before is not None and before[0] is entry
        if same and before is not None and before[1] == query:
            return
        # The same answer with other words marked keeps its lines: no need to lay the screen out again.
        reader_text = self.query_one("#reader-text", Static)
        reader_text.update(entry_content(entry, query) if entry else Content(""), layout=not same)
        if not same:
            self.query_one("#reader", VerticalScroll).scroll_home(animate=False)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._give_way()
        self._debounced_search()

    def on_select_changed(self, event: Select.Changed) -> None:
        self._debounced_search()

    def _debounced_search(self) -> None:
        if self._catalog is None:
            return
        self._typed += 1
        if time.monotonic() - self._searched_at >= DEBOUNCE:  # the first key after a pause: at once
            self._search_now()
        else:
            self.run_worker(self._search_after_pause(self._typed), group="review-search")

    async def _search_after_pause(self, typed: int) -> None:
        await asyncio.sleep(DEBOUNCE)
        if typed == self._typed:  # nothing typed since: search (a later key has its own worker)
            with self._quiet_if_taken_down():
                self._search_now()

    def _search_now(self) -> None:
        self._searched_at = time.monotonic()
        self.refresh_entries()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.edit(event.option_index)  # a click; Enter is ``action_choose``

    def action_choose(self) -> None:
        """Enter: open the highlighted answer (from the list or the pane that reads it); in the search
        box, go to the answers found."""
        focused = self.focused
        entries = self.query_one("#entries", OptionList)
        if focused in (entries, self.query_one("#reader")) and entries.highlighted is not None:
            self.edit(entries.highlighted)
        elif focused is self.query_one("#search", Input):
            entries.focus()
        else:
            raise SkipAction()

    def action_edit(self) -> None:
        highlighted = self.query_one("#entries", OptionList).highlighted
        if highlighted is not None:
            self.edit(highlighted)

    def edit(self, index: int) -> None:
        entry = self.shown[index]
        current = self.workshop.current_run
        refusal = why_read_only(entry, current.number if current else None)
        if refusal is not None:
            self.notify(refusal, markup=False)
        elif entry.module is not None and entry.step is not None:
            self.routes.open_day(entry.module, entry.module.steps.index(entry.step), over_review=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "then-and-now":
            self.action_then_and_now()

    def action_then_and_now(self) -> None:
        """The highlighted answer's question, with the answers of two runs side by side."""
        highlighted = self.query_one("#entries", OptionList).highlighted
        entry = self.shown[highlighted] if highlighted is not None and highlighted < len(self.shown) else None
        refusal = why_no_then_and_now((run.number for run in self.workshop.runs), entry)
        if refusal is not None:
            self.notify(refusal, markup=False)
        elif entry is not None:
            self.routes.open_then_and_now(entry)

    def action_focus_search(self) -> None:
        self._give_way()
        self.set_focus(self.query_one("#search", Input))

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self._give_way()

    def _give_way(self) -> None:
        """A key came: the search of the rest waits, so that the key's own work is done first."""
        self._quiet_until = time.monotonic() + GIVE_WAY

    def action_home(self) -> None:
        self.routes.go_home()


def _read_run(run: Run, *, give_back: bool) -> None:
    """In a thread: read ``run``'s files, first giving back to the system, if asked, the memory of the runs
    read and let go before it (the search folds each run's words and lets its answers go)."""
    if give_back:
        allocator.give_back()
    run.load()
