"""Everything the plain mode shows besides the steps: home, the end of a day, review and search, insight,
the north-star page, export, support, help. Each page prints its lines in reading order, then asks.

What each page holds comes from the flow (``workshop.flow``) and the reports, exactly as the full-screen
app's screens get it; only the wording of how to act (type a number, a word) is the plain mode's own.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from workshop.plain import strings
from workshop.plain.conversation import Leave, Move
from workshop.plain.layers import (
    NORTHSTAR_TITLE,
    NOT_A_CRISIS_SERVICE,
    NOTHING_TO_SHARE,
    NOTHING_WRITTEN_TODAY,
    NOTHING_YET,
    PRIVACY,
    PRIVACY_LINE,
    YOUR_COUNTRY,
    Catalog,
    DaySummary,
    DayWalk,
    Finding,
    JournalError,
    JournalProblem,
    Module,
    NorthStar,
    NothingToShare,
    ReviewEntry,
    SupportLine,
    across_run_lines,
    check_in_label,
    check_in_line,
    checkin_lines,
    choose_northstar_run,
    closing_words,
    continue_label,
    continue_place,
    default_pair,
    describe_value,
    earlier_runs_line,
    end_of_day_title,
    export_to_file,
    exports_dir,
    format_day,
    gather_northstar,
    insight,
    insight_sources,
    insight_sources_line,
    keep_scores_id,
    load_support_lines,
    northstar_lines,
    northstar_sections,
    northstar_to_file,
    open_check_in,
    ordered_for,
    preferred_country,
    prepare_scores,
    preview,
    privacy_line_needed,
    program_progress,
    series_sentences,
    still_open_line,
    then_and_now,
    why_not_editable,
    write_scores,
)
from workshop.plain.steps import numbers_in, whole_number

if TYPE_CHECKING:
    from pathlib import Path

    from workshop.plain.session import PlainSession

PREVIEW_LINES = 6
PAGE = 10
"""Answers listed at a time in the review; ``more`` lists the next ones."""
COUNT_BUDGET = 0.3
"""Seconds the review may spend reading answers as it opens, to say how many there are; a longer journal
is read as searches need it, and the review says how many runs it holds instead."""


def wait_for_enter(session: PlainSession, message: str = strings.ENTER_FOR_HOME) -> None:
    """Let the user take in what was just said before the next page starts talking."""
    session.out.say(message)
    session.talk.ask(back_to=message)


# -- the start ---------------------------------------------------------------------------------------------


def welcome(session: PlainSession) -> None:
    out, program = session.out, session.program
    out.say(program.title)
    out.gap()
    out.say(program.description)
    if privacy_line_needed(program.description):
        out.say(PRIVACY_LINE)
    out.gap()
    out.say(strings.HOW_IT_WORKS)


def damaged_files(session: PlainSession, problems: list[JournalProblem]) -> None:
    """Name each file that could not be read; offer its backup back. The files themselves are kept."""
    journal, out = session.journal, session.out
    assert journal is not None
    out.gap()
    out.say(strings.DAMAGED)
    for problem in problems:
        out.item("-", problem.message)
    out.say(strings.DAMAGED_KEPT)
    restorable = [problem for problem in problems if problem.backup is not None]
    if not restorable:
        return
    out.say(strings.RESTORE_OFFER.format(count=len(restorable)))
    if session.talk.ask(back_to=strings.RESTORE_OFFER.format(count=len(restorable))).word != strings.RESTORE:
        return
    for problem in restorable:
        try:
            journal.restore_backup(problem)
        except JournalError as error:
            out.say(str(error))
    out.say(strings.RESTORED)


# -- home --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    label: str
    action: Callable[[], None]
    words: tuple[str, ...] = ()
    """What may be typed instead of its number."""


def home(session: PlainSession) -> Callable[[], None]:
    """Print where the user is and what they can do; return what they chose."""
    out, program = session.out, session.program
    run = session.current_run
    out.gap()
    out.say(strings.HOME)
    if run is not None:
        place = continue_place(run, program)
        started = format_day(run.started)
        line = strings.RUN_FINISHED if place is None else strings.RUN_LINE
        out.say(line.format(number=run.number, started=started))
        check_in = open_check_in(program, run, session.today()) if place is None else None
        if check_in is not None:
            out.say(check_in_line(check_in))
    for progress in program_progress(run, program):
        state = progress.describe() or strings.ABOUT_MINUTES.format(minutes=progress.module.minutes)
        state = state[:1].upper() + state[1:]
        out.say(strings.DAY_LINE.format(day=progress.module.day, title=progress.module.title, state=state))
    choices = home_choices(session)
    out.gap()
    out.say(strings.WHAT_NEXT_CONTINUE if "" in choices[0].words else strings.WHAT_NEXT)
    for number, choice in enumerate(choices, start=1):
        out.item(f"{number}.", choice.label)
    return choose(session, choices, back_to=strings.HOME_PLACE)


def home_choices(session: PlainSession) -> list[Choice]:
    program, run = session.program, session.current_run
    choices = []
    place = continue_place(run, program)
    if place is not None:
        label = strings.BEGIN if run is None else continue_label(place.module.day, place.number)
        choices.append(Choice(label, partial(session.open_day, place.module, place.index), ("continue", "")))
    check_in = open_check_in(program, run, session.today()) if place is None else None
    if check_in is not None:
        words = ("continue", "", "check-in", "checkin")
        choices.append(Choice(check_in_label(check_in), partial(session.open_day, check_in.module), words))
    for module in program.modules:
        label = strings.OPEN_DAY.format(day=module.day, title=module.title)
        choices.append(Choice(label, partial(session.open_day, module), (f"day {module.day}",)))
    choices += [
        Choice(strings.REVIEW, partial(review, session), ("review", "search")),
        Choice(strings.INSIGHT, partial(show_insight, session), ("insight",)),
        Choice(strings.NORTH_STAR, partial(north_star, session), ("north star", "northstar")),
        Choice(strings.EXPORT, partial(export, session), ("export",)),
        Choice(strings.SHARE_SCORES, partial(share_scores, session), ("share", "scores")),
        Choice(strings.SUPPORT, partial(support_page, session), ()),
    ]
    if run is not None:
        choices.append(Choice(strings.NEW_RUN, partial(new_run, session), ("new run",)))
    choices.append(Choice(strings.QUIT, quit_session, ()))
    return choices


def quit_session() -> None:
    raise Leave()


def choose(session: PlainSession, choices: Sequence[Choice], *, back_to: str) -> Callable[[], None]:
    """The choice typed by number or by name; Enter (or ``next``) takes the first, when it is Continue."""
    while True:
        reply = session.talk.ask(back_to=back_to)
        if reply.move in (Move.HOME, Move.BACK):
            return lambda: None  # home again
        word = "" if reply.move is Move.NEXT else reply.word
        if reply.move is Move.SKIP:
            session.out.say(strings.NOTHING_TO_SKIP)
            continue
        number = whole_number(word)
        if number is not None and 1 <= number <= len(choices):
            return choices[number - 1].action
        found = [choice for choice in choices if word in choice.words]
        if found:
            return found[0].action
        session.out.say(strings.CHOOSE_AGAIN.format(count=len(choices)))


def new_run(session: PlainSession) -> None:
    session.out.gap()
    session.out.say(strings.NEW_RUN_ASK)
    if session.talk.ask(back_to=strings.NEW_RUN_ASK).word not in strings.YES:
        session.out.say(strings.NEW_RUN_NOT_NOW)
        return
    if session.new_run() is not None:
        session.out.say(strings.NEW_RUN_DONE)


# -- a day -------------------------------------------------------------------------------------------------


def day_opening(session: PlainSession, module: Module) -> None:
    out = session.out
    out.gap()
    out.say(strings.DAY_TITLE.format(day=module.day, title=module.title) if module.is_day else module.title)
    out.say(module.summary)


def step_heading(session: PlainSession, walk: DayWalk) -> None:
    """ "Day 1, step 7 of 14" and the step's title: where the user is, before anything else."""
    out = session.out
    out.gap()
    where = walk.module.short_name
    out.say(strings.POSITION.format(where=where, number=walk.number, total=walk.total))
    out.say(walk.step.title)
    out.gap()


def end_of_day(session: PlainSession, summary: DaySummary, walk: DayWalk) -> None:
    out = session.out
    out.gap()
    out.say(end_of_day_title(summary))
    still_open = still_open_line(summary)
    if still_open:
        out.say(still_open)
    if summary.commitments:
        out.gap()
        out.say(strings.YOUR_COMMITMENT)
        for step, answer in summary.commitments:
            out.say(describe_value(answer.value, step), indent="  ")
    out.gap()
    out.say(
        closing_words(
            last_day=walk.last_day, program_done=walk.program_finished, follow_up=walk.follow_up
        )
    )
    out.gap()
    out.say(strings.WRITTEN_TODAY)
    if not summary.answers:
        out.say(NOTHING_WRITTEN_TODAY)
    for step, answer in summary.answers:
        out.gap()
        out.say(step.title, indent="  ")
        out.say(describe_value(answer.value, step), indent="    ")
    out.gap()
    wait_for_enter(session)


# -- review and search -------------------------------------------------------------------------------------


class Review:
    """Every answer, by run and day; search it, read one whole, change one of this run, compare runs.

    Answers are listed a page at a time (``PAGE``), newest first: a screen reader reads every line, and a
    search of years of answers can find thousands. The answers come from the review's ``Catalog``, as in
    the full-screen app: it reads a run only when a search needs it and keeps its words packed, not the
    answers, so a long journal costs neither the wait nor the memory of reading every answer first.
    """

    def __init__(self, session: PlainSession) -> None:
        self.session = session
        self.out = session.out
        self.catalog = Catalog(session.program, session.runs)
        self.finding: Finding | None = None
        """The list being shown: every answer, or a search's; None before the first."""
        self.query = ""
        self.listed = 0
        """How many of the finding's answers have been listed so far; their numbers run from 1."""
        self.run_number: int | None = None

    def reload(self) -> None:
        """After an answer changed: the current run read again, every other run's words kept."""
        self.catalog = Catalog(self.session.program, self.session.runs, earlier=self.catalog)
        self.finding = None
        self.listed = 0

    def run(self) -> None:
        out = self.out
        out.gap()
        out.say(strings.REVIEW_TITLE)
        if not self.catalog.grow() and not len(self.catalog):
            out.say(strings.REVIEW_EMPTY)
            wait_for_enter(self.session)
            return
        runs = len(self.session.runs)
        if self.counted():
            out.say(strings.REVIEW_COUNT.format(count=len(self.catalog), runs=runs_words(runs)))
        else:
            out.say(strings.REVIEW_RUNS_ONLY.format(runs=runs_words(runs)))
        out.say(strings.REVIEW_HOW)
        if runs > 1:
            out.say(strings.REVIEW_RUNS_HOW)
        while True:
            reply = self.session.talk.ask(back_to=strings.REVIEW_TITLE)
            if reply.move is not None or reply.empty:
                return
            self.act(reply.word, reply.text.strip())

    def counted(self) -> bool:
        """Whether every answer is read within ``COUNT_BUDGET``, so that their number can be said: a year
        of runs is, twenty years are not (they are read as searches go on)."""
        deadline = time.monotonic() + COUNT_BUDGET
        while not self.catalog.complete and time.monotonic() < deadline:
            self.catalog.grow()
        return self.catalog.complete

    def act(self, word: str, text: str) -> None:
        command, _, rest = word.partition(" ")
        number = whole_number(word)
        if word == "list":
            self.start_list("")
        elif word == "more" and self.listed:  # with no list shown yet, "more" is a word to search for
            if self.more_to_come():
                self.show_page()
            else:
                self.out.say(strings.REVIEW_NO_MORE)
        elif number is not None:
            self.read(number)
        elif command in ("read", "edit", "then") and rest:
            numbers = numbers_in(rest, 10**6)
            if numbers is None:
                self.out.say(strings.REVIEW_WHICH)
            elif command == "read":
                self.read(numbers[0])
            elif command == "edit":
                self.edit(numbers[0])
            else:
                self.compare(numbers[0], numbers[1:])
        elif command == "run" and whole_number(rest) is not None:
            self.filter_run(whole_number(rest))
        elif word in ("all runs", "all"):
            self.filter_run(None)
        else:
            self.start_list(text)

    def start_list(self, query: str) -> None:
        """List every answer (an empty ``query``) or those holding ``query``, from the first page."""
        self.finding = Finding.start(self.catalog, query, self.run_number, None)
        self.query = query
        self.listed = 0
        self.show_page()

    def more_to_come(self) -> bool:
        """Whether a list is showing and has answers past those listed (a page always looks one ahead)."""
        return self.finding is not None and 0 < self.listed < len(self.finding.found)

    def show_page(self) -> None:
        """The next ``PAGE`` answers of the list, numbered on from the last page, and what to type next."""
        finding = self.finding
        assert finding is not None
        first = self.listed
        # One more than the page is looked for, to know whether "more" will have anything to show.
        finding.advance(math.inf, enough=first + PAGE + 1)
        found = finding.found
        out = self.out
        if not found:
            out.say(strings.REVIEW_NONE_FOUND.format(query=self.query))
            return
        shown = found[first : first + PAGE]
        self.listed = first + len(shown)
        out.gap()
        out.say(self.page_heading(first + 1))
        for number, index in enumerate(shown, start=first + 1):
            self.show_item(number, self.catalog.entry(index))
        out.gap()
        if self.more_to_come():
            out.say(strings.REVIEW_NEXT_MORE.format(page=PAGE))
        else:
            if first:
                out.say(self.last_page_line())
            out.say(strings.REVIEW_NEXT)

    def page_heading(self, first: int) -> str:
        finding = self.finding
        assert finding is not None
        if first == 1 and finding.done and len(finding.found) <= PAGE:  # the whole list on one page
            if not self.query:
                return strings.REVIEW_ALL
            return strings.REVIEW_FOUND.format(count=len(finding.found), query=self.query)
        last = min(first + PAGE - 1, len(finding.found))
        if not self.query:
            return strings.REVIEW_ALL_PAGE.format(first=first, last=last)
        return strings.REVIEW_FOUND_PAGE.format(first=first, last=last, query=self.query)

    def last_page_line(self) -> str:
        count = self.listed
        if not self.query:
            return strings.REVIEW_ALL_END.format(count=count)
        return strings.REVIEW_FOUND_END.format(count=count, query=self.query)

    def show_item(self, number: int, entry: ReviewEntry) -> None:
        out = self.out
        out.gap()
        marker = f"{number}."
        indent = " " * (len(marker) + 1)
        out.item(marker, entry_heading(entry))
        shown = preview(entry.text, PREVIEW_LINES)
        out.say(shown.text, indent=indent)
        if shown.more:
            out.say(strings.REVIEW_MORE.format(more=shown.more, number=number), indent=indent)

    def entry(self, number: int) -> ReviewEntry | None:
        if self.finding is None or not self.listed:
            self.out.say(strings.REVIEW_LIST_FIRST)
            return None
        if not 1 <= number <= self.listed:
            self.out.say(strings.REVIEW_NO_SUCH.format(count=self.listed))
            return None
        return self.catalog.entry(self.finding.found[number - 1])

    def read(self, number: int) -> None:
        entry = self.entry(number)
        if entry is None:
            return
        self.out.gap()
        self.out.say(entry_heading(entry))
        self.out.say(entry.text, indent="   ")

    def edit(self, number: int) -> None:
        entry = self.entry(number)
        if entry is None:
            return
        current = self.session.current_run
        why = why_not_editable(entry.step, entry.run_number, current.number if current else None)
        if why is not None or entry.module is None or entry.step is None:
            self.out.say(why or strings.EARLIER_VERSION)
            return
        self.session.edit_step(entry.module, entry.module.steps.index(entry.step))
        self.reload()
        self.out.gap()
        self.out.say(strings.REVIEW_BACK)

    def compare(self, number: int, pair: list[int]) -> None:
        entry = self.entry(number)
        if entry is None:
            return
        runs = self.session.runs
        chosen = (pair[0], pair[1]) if len(pair) == 2 else default_pair(run.number for run in runs)
        if chosen is None:
            self.out.say(strings.THEN_NEEDS_TWO)
            return
        view = then_and_now(entry, runs, chosen)
        out = self.out
        out.gap()
        out.say(strings.THEN_TITLE.format(title=view.title))
        if view.question:
            out.say(view.question)
        for side in (view.then, view.now):
            out.gap()
            if side.answer is None:
                out.say(strings.THEN_SIDE_EMPTY.format(number=side.run_number))
            else:
                out.say(
                    strings.THEN_SIDE.format(number=side.run_number, date=format_day(side.answer.updated))
                )
                out.say(side.text, indent="   ")

    def filter_run(self, number: int | None) -> None:
        numbers = [run.number for run in self.session.runs]
        if number is not None and number not in numbers:
            self.out.say(strings.NO_SUCH_RUN.format(number=number, runs=", ".join(map(str, numbers))))
            return
        self.run_number = number
        self.finding = None
        self.listed = 0
        self.out.say(strings.ONLY_RUN.format(number=number) if number is not None else strings.EVERY_RUN)


def review(session: PlainSession) -> None:
    session.save()
    Review(session).run()


def entry_heading(entry: ReviewEntry) -> str:
    when = format_day(entry.answer.updated)
    return strings.ENTRY_HEADING.format(
        run=entry.run_number, day=entry.day_label, title=entry.title, when=when
    )


def runs_words(count: int) -> str:
    return "1 run" if count == 1 else f"{count} runs"


# -- insight -----------------------------------------------------------------------------------------------


def show_insight(session: PlainSession) -> None:
    session.save()
    found = insight(session.program, session.runs)
    out = session.out
    out.gap()
    out.say(strings.INSIGHT_TITLE)
    out.say(strings.NOT_A_DIAGNOSIS)
    earlier = earlier_runs_line(found)
    if earlier:
        out.say(earlier)
    if found.empty:
        out.gap()
        out.say(NOTHING_YET)
    for run in reversed(found.runs):
        lines = checkin_lines(run, session.program)
        if lines:
            out.gap()
            out.say(strings.RUN_HEADING.format(number=run.run_number))
            for line in lines:
                out.say(line, indent="  ")
    if not found.empty:
        # The sources, one line each: in the plain mode the next line is as near as a key.
        out.gap()
        out.say(insight_sources_line())
        for source in insight_sources(session.program):
            out.say(source, indent="  ", hanging="    ")
    across = across_run_lines(found)
    if across:
        out.gap()
        out.say(strings.ACROSS_RUNS)
        for line in across:
            out.say(line, indent="  ")
    if found.series:
        out.gap()
        out.say(strings.CHARTS_IN_WORDS)
        for series in found.series:
            for sentence in series_sentences(series):
                out.item("-", sentence)
    out.gap()
    wait_for_enter(session)


# -- the north-star page -----------------------------------------------------------------------------------


def say_north_star(session: PlainSession, page: NorthStar) -> None:
    out = session.out
    out.say(strings.NORTHSTAR_OF.format(title=page.program_title, number=page.run_number))
    for section in northstar_sections(page):
        out.gap()
        out.say(section.title)
        for line in northstar_lines(section):
            out.say(line, indent="  ", hanging="    ")


def north_star(session: PlainSession) -> None:
    session.save()
    out, runs = session.out, session.runs
    out.gap()
    out.say(NORTHSTAR_TITLE)
    if not runs:
        out.say(strings.NORTHSTAR_NO_RUN)
        wait_for_enter(session)
        return
    page = gather_northstar(session.program, choose_northstar_run(runs, None))
    while True:
        say_north_star(session, page)
        ask = strings.NORTHSTAR_SAVE + (" " + strings.NORTHSTAR_OTHER_RUN if len(runs) > 1 else "")
        out.gap()
        out.say(ask)
        reply = session.talk.ask(back_to=strings.NORTHSTAR_SAVE)
        if reply.move is not None or reply.empty:
            return
        number = whole_number(reply.text)
        if number is not None and any(run.number == number for run in runs):
            page = gather_northstar(session.program, next(run for run in runs if run.number == number))
            continue
        fmt = strings.SAVE_FORMATS.get(reply.word)
        if fmt is None:
            continue
        write_file(
            session,
            partial(
                northstar_to_file, session.data_dir, session.program, fmt, run_number=page.run_number,
                now=session.now(),
            ),
            strings.SAVED_TO,
        )


# -- export ------------------------------------------------------------------------------------------------


def export(session: PlainSession) -> None:
    out = session.out
    out.gap()
    out.say(strings.EXPORT_ASK)
    while True:
        reply = session.talk.ask(back_to=strings.EXPORT_ASK)
        if reply.move is not None or reply.empty:
            return
        fmt = strings.EXPORT_FORMATS.get(reply.word)
        if fmt is None:
            out.say(strings.EXPORT_ASK)
            continue
        write_file(
            session,
            partial(export_to_file, session.data_dir, session.program, fmt, now=session.now()),
            strings.EXPORTED_TO,
        )
        return


def write_file(session: PlainSession, write: Callable[..., Path], written: str) -> None:
    """Save, then write a file of the journal (an export, the north-star page) with the journal's unlocked
    key, and say where it went. From an encrypted journal, say first that the file will not be encrypted."""
    session.save()
    journal = session.journal
    identity = journal.identity if journal is not None else None
    if identity is not None:
        from workshop.flow.encryption import EXPORT_BODY  # deferred, as the unlock is: it loads age

        session.out.say(EXPORT_BODY)
    try:
        path = write(identity=identity)
    except JournalError as error:
        session.out.say(str(error))
    else:
        session.out.say(written.format(path=path))


def share_scores(session: PlainSession) -> None:
    """What the scores file would hold, line by line; written only on a typed yes."""
    out, run = session.out, session.current_run
    out.gap()
    if run is None:
        out.say(NOTHING_TO_SHARE)
        return
    session.save()
    try:
        prepared = prepare_scores(session.program, run)
    except NothingToShare as nothing:
        out.say(str(nothing))
        return
    for line in prepared.summary:
        if line:
            out.say(line)
        else:
            out.gap()
    path = exports_dir(session.data_dir) / prepared.file_name
    out.gap()
    question = strings.SHARE_ASK.format(path=path)
    out.say(question)
    reply = session.talk.ask(back_to=question)
    if reply.move is not None or reply.word not in ("yes", "y"):
        out.say(strings.SHARE_NOT_WRITTEN)
        return
    keep_scores_id(session.program, run, prepared)  # in the run file before the file is written
    problem = session.save()
    try:
        if problem:
            raise JournalError(f"{problem} (the scores file was not written)")
        write_scores(prepared, path)
    except JournalError as error:
        out.say(str(error))
    else:
        out.say(strings.SHARE_WRITTEN.format(path=path))


# -- support and help --------------------------------------------------------------------------------------


def show_support(session: PlainSession, *, gentle: bool = False) -> None:
    """The whole list of support lines, the user's country first, each with when it was last checked.

    ``gentle``: offered after a very low check-in score. The app opens its support screen then, and the
    user sees its top: a kind word, the emergency numbers and their own country's lines. Here that top is
    what is said, with the whole list one word away, rather than a long list read out all at once.
    """
    out = session.out
    directory = ordered_for(load_support_lines(), country=session.settings.country)
    out.gap()
    out.say(strings.SUPPORT_TITLE)
    if gentle:
        out.say(strings.GENTLE_OPENING)
        out.gap()
        out.say(directory.emergency)
        country = preferred_country(session.settings.country)
        mine = [line for line in directory.lines if line.code == country]
        if mine:
            out.gap()
            out.say(mine[0].country)
            for line in mine:
                support_line(session, line)
        out.gap()
        out.say(strings.GENTLE_MORE.format(countries=len(directory.by_country())))
        return
    out.say(NOT_A_CRISIS_SERVICE)
    out.gap()
    out.say(directory.emergency)
    for country, lines in directory.by_country().items():
        out.gap()
        out.say(country)
        for line in lines:
            support_line(session, line)
    out.gap()
    out.say(PRIVACY)
    out.say(YOUR_COUNTRY)


def support_page(session: PlainSession) -> None:
    """Support, chosen from home: the list, then a moment to take it in."""
    show_support(session)
    session.out.gap()
    wait_for_enter(session)


def support_line(session: PlainSession, line: SupportLine) -> None:
    out = session.out
    out.say(line.name, indent="  ")
    out.say(strings.SUPPORT_CONTACT.format(contact=line.contact, hours=line.hours), indent="    ")
    out.say(line.about, indent="    ")
    out.say(strings.SUPPORT_PAGE.format(url=line.url, checked=format_day_only(line)), indent="    ")


def format_day_only(line: SupportLine) -> str:
    checked = line.checked
    return f"{checked.day} {checked:%B %Y}"


def show_help(session: PlainSession) -> None:
    out = session.out
    out.gap()
    out.say(strings.HELP_TITLE)
    for word, what in strings.HELP_COMMANDS:
        out.say(f"{word}: {what}", indent="  ", hanging="    ")
    out.gap()
    for line in strings.HELP_MORE:
        out.say(line)
