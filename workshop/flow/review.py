"""Every answer, by run and day, for the review screen: searchable, with earlier-version answers kept."""

from __future__ import annotations

import re
import time
import zlib
from array import array
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import overload

from workshop.answers import Answer, TextValue
from workshop.content.models import Module, Program, Step
from workshop.flow.describe import describe_value
from workshop.flow.run_view import ReleasableRun, RunRecord
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
    newest_first = sorted(runs, key=lambda r: r.number, reverse=True)
    return [entry for run in newest_first for entry in run_entries(program, run)]


def run_entries(program: Program, run: RunRecord) -> Iterator[ReviewEntry]:
    """The answers of one run, as ``review_entries`` lists them."""
    for day in run_days(program, run):
        for entry in day.steps:
            if entry.answer is not None and not entry.answer.value.is_empty():
                text = describe_value(entry.answer.value, entry.step)
                yield ReviewEntry(run.number, day.module_id, day.module, entry.step, entry.answer, text)
        for answer in day.earlier:
            if not answer.value.is_empty():
                text = describe_value(answer.value)
                yield ReviewEntry(run.number, day.module_id, day.module, None, answer, text)


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


@dataclass(frozen=True, slots=True)
class Place:
    """Where an answer is in its run: its day and step. No words, and no run: one for each step answered,
    shared by every run that answered it."""

    module_id: str
    module: Module | None
    step: Step | None
    step_id: str
    kept_in: str
    """The module whose file holds the answer: ``module_id`` but for a step that moved to another day."""


def folded_words(entry: ReviewEntry) -> bytes:
    """What a query is looked for in: the entry's title and text, case-folded (UTF-8, as it is kept)."""
    return encoded(f"{entry.title}\n{entry.text}".casefold())


def encoded(text: str) -> bytes:
    # UTF-8 finds a needle only where a character starts, so looking in the bytes finds what looking in
    # the text would; "surrogatepass" keeps a lone surrogate (hostile text) from raising.
    return text.encode("utf-8", "surrogatepass")


PACK_LEVEL = 1
"""zlib's level for a run's folded words: the fastest. On prose (the docs, in blocks the size of a run)
it packs 2.4 times in 1.4 ms a run; level 6 packs 2.8 times but takes 5 ms a run, 1.2 s more at twenty
years. Unpacking takes 0.5 ms a run either way."""


class RunTexts:
    """One run's answers as the search reads them: where each is (``places``), and their folded words one
    after another in one compressed block (``bounds``: where each answer's words begin, and the end)."""

    __slots__ = ("bounds", "number", "packed", "places", "reads")

    def __init__(self, number: int, places: list[Place], folded: list[bytes], reads: int | None) -> None:
        self.number = number
        self.places = tuple(places)
        self.bounds = array("I", accumulate((len(words) for words in folded), initial=0))
        self.packed = zlib.compress(b"".join(folded), PACK_LEVEL)
        self.reads = reads
        """The run's ``reads`` once it was let go, or None when it was not: while its ``reads`` is still
        that, nothing has asked for the run since, so it is as it was, and these texts can serve again."""


SHOWN_RUNS = 4
"""Runs kept read for the answers shown (the list's rows, the pane): a page of answers comes from one or
a few runs, and each run let go is read again from its files when next shown."""


class Catalog:
    """The review's answers, read from the runs a run at a time, only as far as a search has needed so far.

    It keeps where each answer is (its run, and its ``Place``: one for each step, shared by every run),
    never the answer itself. For matching, each run's titles and answers are folded once into one
    compressed block (``RunTexts``), and the run then lets go of its answers (``Run.release``: its files
    are read again when next asked for). An answer shown in the list or the pane is made whole again
    from its run (``entry``), the last few runs shown kept read. So twenty years of answers cost a
    compressed copy of their folded words and a few bytes each, not every answer and a folded copy.
    ``complete`` once every run has been read. Nothing here is written anywhere: it lives as long as
    the review screen. A catalog made with ``earlier`` (the review's previous one, as the review comes
    back from a step) uses again the texts of every run that nothing has read since.
    """

    def __init__(
        self, program: Program, runs: Iterable[RunRecord], *, earlier: Catalog | None = None
    ) -> None:
        self._program = program
        self._runs = {run.number: run for run in runs}
        self._unread = sorted(self._runs, reverse=True)  # the runs still to read, newest first
        self._next_unread = 0  # the index in ``_unread`` of the next run to read
        self._earlier = (
            {texts.number: texts for texts in earlier._texts}
            if earlier is not None and earlier._program is program
            else {}
        )
        # Every answer read so far, in the review's order (newest run first): its run and its place.
        self._run_numbers = array("I")
        self._places: list[Place] = []
        self._shared: dict[tuple[str, str, bool, str], Place] = {}  # one place for every run that has it
        self._texts: list[RunTexts] = []
        self._firsts: list[int] = []  # the index of each run's first answer
        self._unpacked: tuple[int, bytes] = (-1, b"")  # the run whose words were last unpacked, and them
        self._shown: OrderedDict[int, RunRecord] = OrderedDict()  # runs read for showing, last shown last
        self.entries = Entries(self)
        """Every answer read so far, made whole from its run when asked for."""
        self.complete = False

    def grow(self, *, read_files: bool = True) -> bool:
        """Read one more run that has answers; False when there are no more, or, with ``read_files``
        False, when the next run's files are still on disk only (``Run.loaded``): a reader reads them in
        a thread first (``runs_to_come``), so that the event loop never waits for them."""
        while not self.complete:
            if self._next_unread == len(self._unread):
                self.complete = True
                break
            number = self._unread[self._next_unread]
            run = self._runs[number]
            if not read_files and isinstance(run, ReleasableRun) and not run.loaded:
                return False
            self._next_unread += 1
            texts = self._read(number)
            if texts.places:
                self._firsts.append(len(self._places))
                self._texts.append(texts)
                self._places.extend(texts.places)
                self._run_numbers.extend([number] * len(texts.places))
                return True
        return False

    def _read(self, number: int) -> RunTexts:
        run = self._runs[number]
        kept = self._earlier.pop(number, None)
        if kept is not None and isinstance(run, ReleasableRun) and kept.reads == run.reads:
            return kept  # let go when it was read, and nothing has read it since: as it was
        places, folded = [], []
        files = {id(answer): day for day in run.module_ids() for answer in run.answers(day).values()}
        for entry in run_entries(self._program, run):
            kept_in = files.get(id(entry.answer), entry.module_id)
            key = (entry.module_id, entry.answer.step_id, entry.step is None, kept_in)
            place = self._shared.get(key)
            if place is None:
                place = self._shared[key] = Place(entry.module_id, entry.module, entry.step, key[1], key[3])
            places.append(place)
            folded.append(folded_words(entry))
        reads = None
        if isinstance(run, ReleasableRun) and number not in self._shown and run.release():
            reads = run.reads
        return RunTexts(number, places, folded, reads)

    def runs_to_come(self, count: int) -> list[int]:
        """The numbers of the next ``count`` runs the catalog will read, in the order it reads them (newest
        first): a reader may read their files ahead, in a thread, so that ``grow`` does not wait for them."""
        return self._unread[self._next_unread : self._next_unread + count]

    def run_of(self, index: int) -> tuple[int, int, int]:
        """The run that answer ``index`` is in: its number, and the indexes of its first and last answers
        (the last one plus one)."""
        slot = bisect_right(self._firsts, index) - 1
        texts = self._texts[slot]
        return texts.number, self._firsts[slot], self._firsts[slot] + len(texts.places)

    def find(self, needle: bytes, start: int, stop: int) -> list[int]:
        """The answers from ``start`` to ``stop`` (not included; all of one run) whose title or words hold
        ``needle``, a folded query (UTF-8): the run's words are searched whole, not answer by answer."""
        first, bounds, words = self._words_of(start)
        found: list[int] = []
        at, last = start - first, stop - first
        end = bounds[last]
        hit = words.find(needle, bounds[at], end)
        while hit >= 0:
            at = bisect_right(bounds, hit, at) - 1  # the answer it was found in
            if hit + len(needle) <= bounds[at + 1]:
                found.append(first + at)
                at += 1
                if at == last:
                    break
                hit = words.find(needle, bounds[at], end)  # on to the next answer
            else:  # it runs on into the next answer: not a match; a later one in this answer may be
                hit = words.find(needle, hit + 1, end)
        return found

    def holding(self, needle: bytes, indexes: Sequence[int]) -> list[int]:
        """Those of ``indexes`` (all of one run) whose title or words hold ``needle``."""
        first, bounds, words = self._words_of(indexes[0])
        find = words.find
        return [i for i in indexes if find(needle, bounds[i - first], bounds[i - first + 1]) >= 0]

    def _words_of(self, index: int) -> tuple[int, array[int], bytes]:
        """The run that answer ``index`` is in: the index of its first answer, where each answer's words
        begin, and the words, unpacked (the last run unpacked is kept, for the next look)."""
        slot = bisect_right(self._firsts, index) - 1
        texts = self._texts[slot]
        if self._unpacked[0] != slot:
            self._unpacked = (slot, zlib.decompress(texts.packed))
        return self._firsts[slot], texts.bounds, self._unpacked[1]

    def __len__(self) -> int:
        """How many answers have been read so far."""
        return len(self._places)

    def run_number(self, index: int) -> int:
        return self._run_numbers[index]

    def place(self, index: int) -> Place:
        return self._places[index]

    def entry(self, index: int) -> ReviewEntry:
        """Answer ``index`` whole, with its words: from its run, or, when the run has let go of its answers,
        from the one day file that holds it (a page of a rare word's answers may come from as many runs:
        reading each whole took 6 ms, one file takes a fraction of that)."""
        number, place = self._run_numbers[index], self._places[index]
        run = self._runs[number]
        if isinstance(run, ReleasableRun):
            day = run.day_answers(place.kept_in)
            answer = day.get(place.step_id) if day is not None else None
            if answer is not None and (place.step is None or type(answer.value) is place.step.answer_type):
                text = describe_value(answer.value, place.step)
                return ReviewEntry(number, place.module_id, place.module, place.step, answer, text)
        # The run itself (read whole if it had let go, which reports a file damaged since): kept read
        # while among the last few shown.
        self._shown.pop(number, None)
        self._shown[number] = run
        while len(self._shown) > SHOWN_RUNS:
            oldest = self._shown.popitem(last=False)[1]
            if isinstance(oldest, ReleasableRun):
                oldest.release()
        if place.step is not None:
            answer = shown_answer(run, place.step)
        else:
            answer = run.answers(place.module_id).get(place.step_id)
        if answer is None or answer.value.is_empty():  # its file changed (another program) since it was read
            stand_in = Answer(place.step_id, TextValue(GONE), run.started, run.started)
            return ReviewEntry(number, place.module_id, place.module, place.step, stand_in, GONE)
        text = describe_value(answer.value, place.step)
        return ReviewEntry(number, place.module_id, place.module, place.step, answer, text)


GONE = "This answer is no longer in its file: it changed after the review read it. Open the review again."


class Entries(Sequence[ReviewEntry]):
    """A catalog's answers read so far as ``ReviewEntry`` values, each made from its run when asked for
    (``Catalog.entry``): counting them costs nothing, going through them all reads every run again."""

    def __init__(self, catalog: Catalog) -> None:
        self._catalog = catalog

    def __len__(self) -> int:
        return len(self._catalog)

    @overload
    def __getitem__(self, index: int) -> ReviewEntry: ...

    @overload
    def __getitem__(self, index: slice) -> list[ReviewEntry]: ...

    def __getitem__(self, index: int | slice) -> ReviewEntry | list[ReviewEntry]:
        if isinstance(index, slice):
            return [self._catalog.entry(i) for i in range(len(self))[index]]
        return self._catalog.entry(range(len(self))[index])


def needle_of(query: str) -> str:
    return query.casefold().strip()


@dataclass
class Finding:
    """One search over a catalog, run a slice at a time (``advance``) until ``done``.

    ``found`` holds catalog indexes of the matches in order. A finding made ``narrowing`` an earlier one
    (the same run filter, and the earlier needle inside this one: a letter was added) looks only among
    the earlier one's matches, then carries on past where the earlier one had got to. Both are arrays of
    4-byte numbers: a common letter matches every answer of twenty years, and as a list each of those ten
    thousand indexes was a Python int (32 bytes, and 8 more for its place in the list), with up to three
    such lists alive as letters were added.
    """

    catalog: Catalog
    needle: str
    run_number: int | None = None
    found: array[int] = field(default_factory=lambda: array("I"))
    _candidates: array[int] | None = None
    _next: int = 0
    """The next of ``_candidates`` to look at."""
    _scanned: int = 0
    """Catalog entries looked at so far, beyond those the earlier finding had already looked at."""
    done: bool = False

    @classmethod
    def start(cls, catalog: Catalog, query: str, run_number: int | None, earlier: Finding | None) -> Finding:
        finding = cls(catalog, needle_of(query), run_number)
        if earlier is not None and earlier.run_number == run_number and earlier.needle in finding.needle:
            # Whatever did not match the shorter needle cannot match this one. What the earlier finding
            # had still to look at among its own candidates is looked at too.
            candidates = array("I", earlier.found)
            if earlier._candidates is not None:
                candidates.extend(earlier._candidates[earlier._next :])
            finding._candidates = candidates
            finding._scanned = earlier.scanned
        return finding

    @property
    def scanned(self) -> int:
        """How far through the catalog this finding has looked."""
        return self._scanned

    def advance(
        self,
        budget: float,
        *,
        enough: int | None = None,
        read_files: bool = True,
        clock: Callable[[], float] = time.perf_counter,
    ) -> bool:
        """Look for matches for at most ``budget`` seconds (or until ``enough`` are found); True once done.
        With ``read_files`` False it also stops before a run whose files are still to be read
        (``Catalog.grow``), and says False: the caller reads them in a thread, then goes on."""
        if self.done:
            return True
        deadline = clock() + budget
        catalog, needle, run_number, found = self.catalog, encoded(self.needle), self.run_number, self.found
        while True:  # a run at a time: its answers are looked at in one go
            candidates = self._candidates
            if candidates is not None:
                if self._next == len(candidates):
                    self._candidates = None
                    continue
                number, _, stop = catalog.run_of(candidates[self._next])
                looked_at = candidates[self._next : bisect_left(candidates, stop, self._next)]
                hits = catalog.holding(needle, looked_at) if run_number in (None, number) else []
                self._next += len(looked_at)
            elif self._scanned < len(catalog) or catalog.grow(read_files=read_files):
                number, _, stop = catalog.run_of(self._scanned)
                hits = catalog.find(needle, self._scanned, stop) if run_number in (None, number) else []
                self._scanned = stop
            elif not catalog.complete:
                return False  # the next run is still on disk only
            else:
                self.done = True
                return True
            if hits and enough is not None and len(found) + len(hits) >= enough:
                # Enough for the page: what follows the last one taken is looked at again next time.
                hits = hits[: max(1, enough - len(found))]
                if candidates is not None:
                    self._next -= len(looked_at) - looked_at.index(hits[-1]) - 1
                else:
                    self._scanned = hits[-1] + 1
                found.extend(hits)
                return False
            found.extend(hits)
            if clock() > deadline:
                return False

    def entries(self, start: int = 0, stop: int | None = None) -> list[ReviewEntry]:
        """The matching entries found so far, ``found[start:stop]``."""
        return [self.catalog.entry(index) for index in self.found[start:stop]]


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
