"""Every answer, by run and day, for the review screen: searchable, with earlier-version answers kept."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from workshop.answers import Answer
from workshop.content.models import Module, Program, Step
from workshop.flow.describe import describe_value
from workshop.flow.run_view import RunRecord
from workshop.flow.runs import question_of, run_days, shown_answer


@dataclass(frozen=True)
class ReviewEntry:
    """One answer as the review shows it."""

    run_number: int
    module_id: str
    module: Module | None
    """None for a day that is no longer in the program."""
    step: Step | None
    """None when the step is gone from the content: the answer is "from an earlier version"."""
    answer: Answer
    text: str

    @property
    def title(self) -> str:
        return self.step.title if self.step else f"{self.answer.step_id} (from an earlier version)"

    @property
    def day_label(self) -> str:
        return self.module.short_name if self.module else self.module_id

    def matches(self, query: str) -> bool:
        needle = query.casefold().strip()
        return not needle or needle in self.title.casefold() or needle in self.text.casefold()


def review_entries(program: Program, runs: Iterable[RunRecord]) -> list[ReviewEntry]:
    """Answers of every run, newest run first, days in order, steps in content order, earlier ones last.

    Built on ``runs.run_days``, as the exports are: an answer to a step that moved to another day shows
    under that day, and answers kept from days no longer in the program are listed after the others.
    """
    return list(iter_review_entries(program, runs))


def iter_review_entries(program: Program, runs: Iterable[RunRecord]) -> Iterator[ReviewEntry]:
    """``review_entries`` one at a time, a run at a time: the review shows the newest answers while the
    older runs (years of them) are still to be read."""
    for run in sorted(runs, key=lambda r: r.number, reverse=True):
        for day in run_days(program, run):
            for entry in day.steps:
                if entry.answer is not None and not entry.answer.value.is_empty():
                    text = describe_value(entry.answer.value, entry.step)
                    yield ReviewEntry(run.number, day.module_id, day.module, entry.step, entry.answer, text)
            for answer in day.earlier:
                if not answer.value.is_empty():
                    yield ReviewEntry(
                        run.number, day.module_id, day.module, None, answer, describe_value(answer.value)
                    )


EARLIER_VERSION = "This answer is from an earlier version of the program; it is kept, read-only."
EARLIER_RUN = "Earlier runs are kept as they were. Answers of the current run can be edited."


def why_read_only(entry: ReviewEntry, current_run_number: int | None) -> str | None:
    """Why ``entry`` cannot be opened to change it, or None when it can.

    Only answers of the current run to steps still in the program open for editing: an earlier run is a
    record of how things were, and an answer to a step the program no longer has has nowhere to open.
    """
    if entry.step is None or entry.module is None:
        return EARLIER_VERSION
    if entry.run_number != current_run_number:
        return EARLIER_RUN
    return None


def search(entries: Sequence[ReviewEntry], query: str, run_number: int | None = None) -> list[ReviewEntry]:
    return [e for e in entries if e.matches(query) and (run_number is None or e.run_number == run_number)]


# --------------------------------------------------------------------------------------------------------
# Searching years of answers without holding up a key: a little at a time, narrowing as letters are added
# --------------------------------------------------------------------------------------------------------


class Catalog:
    """The review's entries, made from the runs only as far as a search has needed them so far.

    Each entry's text is folded for matching once, when it is first made. ``complete`` once every run has
    been read. Nothing here is written anywhere: it lives as long as the review screen.
    """

    def __init__(self, entries: Iterator[ReviewEntry]) -> None:
        self._source = entries
        self.entries: list[ReviewEntry] = []
        self.folded: list[str] = []
        """``entries[i]``'s title and text, case-folded: what a query is looked for in."""
        self.complete = False

    def grow(self) -> bool:
        """Make one more entry; False when there are no more."""
        if self.complete:
            return False
        entry = next(self._source, None)
        if entry is None:
            self.complete = True
            return False
        self.entries.append(entry)
        self.folded.append(f"{entry.title}\n{entry.text}".casefold())
        return True


def needle_of(query: str) -> str:
    return query.casefold().strip()


@dataclass
class Finding:
    """One search over a catalog, run a slice at a time (``advance``) until ``done``.

    ``found`` holds catalog indexes of the matches in order. A finding made ``narrowing`` an earlier one
    (the same run filter, and the earlier needle inside this one: a letter was added) looks only among
    the earlier one's matches, then carries on past where the earlier one had got to.
    """

    catalog: Catalog
    needle: str
    run_number: int | None = None
    found: list[int] = field(default_factory=list)
    _candidates: Iterator[int] | None = None
    _scanned: int = 0
    """Catalog entries looked at so far, beyond those the earlier finding had already looked at."""
    done: bool = False

    @classmethod
    def start(cls, catalog: Catalog, query: str, run_number: int | None, earlier: Finding | None) -> Finding:
        finding = cls(catalog, needle_of(query), run_number)
        if earlier is not None and earlier.run_number == run_number and earlier.needle in finding.needle:
            # Whatever did not match the shorter needle cannot match this one. What the earlier finding
            # had still to look at among its own candidates is looked at too.
            pending = list(earlier._candidates) if earlier._candidates is not None else []
            earlier._candidates = iter(pending)
            finding._candidates = iter([*earlier.found, *pending])
            finding._scanned = earlier.scanned
        return finding

    @property
    def scanned(self) -> int:
        """How far through the catalog this finding has looked."""
        return self._scanned

    def advance(
        self, budget: float, *, enough: int | None = None, clock: Callable[[], float] = time.perf_counter
    ) -> bool:
        """Look for matches for at most ``budget`` seconds (or until ``enough`` are found); True once done."""
        if self.done:
            return True
        deadline = clock() + budget
        catalog, needle, run_number, found = self.catalog, self.needle, self.run_number, self.found
        checked = 0
        while True:
            if self._candidates is not None:
                index = next(self._candidates, None)
                if index is None:
                    self._candidates = None
                    continue
            elif self._scanned < len(catalog.entries) or catalog.grow():
                index = self._scanned
                self._scanned += 1
            else:
                self.done = True
                return True
            if (
                run_number is None or catalog.entries[index].run_number == run_number
            ) and needle in catalog.folded[index]:
                found.append(index)
                if enough is not None and len(found) >= enough:
                    return False
            checked += 1
            if checked % 64 == 0 and clock() > deadline:
                return False

    def entries(self, start: int = 0, stop: int | None = None) -> list[ReviewEntry]:
        """The matching entries found so far, ``found[start:stop]``."""
        return [self.catalog.entries[index] for index in self.found[start:stop]]


def match_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Where ``query`` occurs in ``text``, ignoring case, as (start, end) offsets, for highlighting."""
    needle = query.strip()
    if not needle:
        return []
    return [match.span() for match in re.finditer(re.escape(needle), text, re.IGNORECASE)]


SNIPPET_LEAD = 20
"""Characters kept before a row's first match, so that the match shows however narrow the row is."""
SNIPPET_CHARACTERS = 160
"""The most of an answer a list row holds: more than the widest row shows (it ends in "…")."""


def snippet(text: str, query: str) -> str:
    """``text`` on one line, for a row of the review's list: from a little before the first match of
    ``query`` (with "…" where the start was left out), or from its beginning; the row cuts the end."""
    flat = " ".join(text.split())
    needle = query.strip()
    found = re.search(re.escape(needle), flat, re.IGNORECASE) if needle else None
    if found is None or found.start() <= SNIPPET_LEAD:
        return flat[:SNIPPET_CHARACTERS]
    # Start at a word: the first space after the lead, unless that word is the match itself.
    start = flat.find(" ", found.start() - SNIPPET_LEAD, found.start()) + 1 or found.start() - SNIPPET_LEAD
    return "…" + flat[start : start + SNIPPET_CHARACTERS]


@dataclass(frozen=True)
class Preview:
    """The first lines of an answer, and how many more there are."""

    text: str
    more: int


def preview(text: str, lines: int) -> Preview:
    """At most ``lines`` lines of ``text``; one line more is shown rather than a line saying it is hidden."""
    all_lines = text.splitlines() or [""]
    if len(all_lines) <= lines + 1:
        return Preview("\n".join(all_lines), 0)
    return Preview("\n".join(all_lines[:lines]), len(all_lines) - lines)


# --------------------------------------------------------------------------------------------------------
# Then and now: one question, two runs side by side
# --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Side:
    """One run's answer to the question, or None when that run has none."""

    run_number: int
    answer: Answer | None
    text: str


@dataclass(frozen=True)
class ThenAndNow:
    """The same question's answers from two runs: ``then`` shown on the left, ``now`` on the right."""

    title: str
    question: str | None
    then: Side
    now: Side


def default_pair(run_numbers: Iterable[int]) -> tuple[int, int] | None:
    """The newest two runs (older first), or None with fewer than two."""
    newest = sorted(set(run_numbers))[-2:]
    return (newest[0], newest[1]) if len(newest) == 2 else None


NEEDS_TWO_RUNS = "Then and now compares two runs. Start a new run from home to have two."
HIGHLIGHT_FIRST = "Highlight an answer first: then and now shows its question across runs."


def why_no_then_and_now(run_numbers: Iterable[int], entry: ReviewEntry | None) -> str | None:
    """Why then and now cannot open for the highlighted ``entry`` (None: nothing highlighted), or None
    when it can: it needs two runs to compare, and a question to compare them on."""
    if default_pair(run_numbers) is None:
        return NEEDS_TWO_RUNS
    if entry is None:
        return HIGHLIGHT_FIRST
    return None


def then_and_now(entry: ReviewEntry, runs: Iterable[RunRecord], pair: tuple[int, int]) -> ThenAndNow:
    """``entry``'s question with its answers from the two runs in ``pair``, in that order."""
    by_number = {run.number: run for run in runs}
    earlier, later = pair
    step_id = entry.answer.step_id

    def side(number: int) -> Side:
        run = by_number.get(number)
        if run is None:
            answer = None
        elif entry.step is not None:
            answer = shown_answer(run, entry.step)
        else:
            answer = run.answers(entry.module_id).get(step_id)
        if answer is None or answer.value.is_empty():
            return Side(number, None, "")
        return Side(number, answer, describe_value(answer.value, entry.step))

    question = question_of(entry.step) if entry.step is not None else None
    return ThenAndNow(entry.title, question, side(earlier), side(later))
