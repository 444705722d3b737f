"""One plain-mode session: the journal opened as the app opens it, every answer saved as it is typed, and a
calm way out whatever ends it (quit, Ctrl+C, Ctrl+D, the end of a script, a closed terminal, SIGTERM).

The same rules as the full-screen app (``workshop/tui/app.py``): one window per journal (the lock), a
damaged file reported by name and kept as it is, saving through ``Journal.save`` (atomic, only what
changed), the day walk and every rule from ``workshop.flow``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workshop.plain import pages, strings
from workshop.plain.conversation import Conversation, Leave, Move
from workshop.plain.layers import (
    EXIT_INVALID,
    EXIT_OK,
    DayWalk,
    Journal,
    JournalError,
    JournalLocked,
    JournalNeedsUnlock,
    JournalProblem,
    Module,
    Program,
    Run,
    Settings,
    Value,
    day_summary,
    needs_care,
)
from workshop.plain.steps import StepAsker
from workshop.plain.terminal import EndOfInput, LineReader, Output, OutputGone, Stop

if TYPE_CHECKING:
    from workshop.journal.crypto import Identity

JournalOpener = Callable[..., Journal]
ENDINGS = (Leave, EndOfInput, Stop, OutputGone)
"""Everything that ends a session calmly: it saves, says one line and exits 0."""


class PlainSession:
    """The workshop, line by line, over one journal."""

    def __init__(
        self,
        program: Program,
        data_dir: Path,
        *,
        out: Output,
        err: Output,
        reader: LineReader,
        settings: Settings,
        interactive: bool,
        clock: Callable[[], datetime] | None = None,
        open_journal: JournalOpener | None = None,
        ask_passphrase: Callable[[str], str] | None = None,
    ) -> None:
        self.program = program
        self.data_dir = data_dir
        self.settings = settings
        self.interactive = interactive
        """The user is at a keyboard (standard input is a terminal), so a question can wait for them."""
        self.clock = clock
        self._open_journal = open_journal
        self._ask_passphrase = ask_passphrase
        """Asks for a passphrase with the typing hidden (``getpass``; a test's stand-in)."""
        self.out = out
        self.err = err
        """Where errors go (standard error), so a script can tell them from the workshop's words."""
        self.talk = Conversation(
            out,
            reader,
            show_help=lambda: pages.show_help(self),
            show_support=lambda: pages.show_support(self),
            before_prompt=self._report_late_problems,
        )
        self.journal: Journal | None = None
        self._late_problems: list[JournalProblem] = []
        """Files of an older run found damaged when a page first read them, to name before the next prompt."""
        self._save_problem: str | None = None

    # -- start and end ---------------------------------------------------------------------------------------

    def run(self) -> int:
        """The whole session; returns the exit code."""
        try:
            if not self.open():
                return EXIT_INVALID
            pages.welcome(self)
            self.home()
        except ENDINGS:
            pass
        return self.close()

    def open(self) -> bool:
        """Open (and lock) the journal; say why not if it cannot be. Damaged files are reported."""
        options: dict[str, Any] = {"clock": self.clock} if self.clock else {}
        opener = self._open_journal
        if opener is None:
            opener = Journal.open
            options["lazy"] = True  # older runs are read when a page first needs them, as in the app
        while True:
            try:
                self.journal = opener(self.data_dir, self.program, **options)
            except JournalLocked as locked:
                self.err.say(strings.ERROR.format(message=locked))
                if not self.interactive:
                    return False
                self.out.say(strings.LOCKED_RETRY)
                if self.talk.ask().word != strings.RETRY:
                    return False
                continue
            except JournalNeedsUnlock:
                identity = self._unlock()
                if identity is None:
                    return False
                options["identity"] = identity
                continue
            except JournalError as error:
                self.err.say(strings.ERROR.format(message=error))
                return False
            break
        if self.settings.problem:
            self.out.say(self.settings.problem)
        if self.journal.problems:
            pages.damaged_files(self, list(self.journal.problems))
        self.journal.on_problems = self._late_problems.extend
        return True

    def _report_late_problems(self) -> None:
        """Name the files an older run's reading found damaged since the last prompt, as at start."""
        if self._late_problems:
            problems = list(self._late_problems)
            self._late_problems.clear()  # first: the restore offer asks, and so comes back here
            pages.damaged_files(self, problems)
            self.out.gap()
            self.out.say(strings.BACK_TO_PROMPT)

    def _unlock(self) -> Identity | None:
        """Ask for the passphrase, hidden, up to three times; the key, or None (said why)."""
        from workshop.flow.encryption import unlock

        ask = self._ask_passphrase
        if ask is None:
            import getpass

            from workshop.files.terminal import terminal_available

            if not (self.interactive and terminal_available()):
                self.err.say(strings.ERROR.format(message=strings.UNLOCK_NEEDS_TERMINAL))
                return None
            ask = getpass.getpass
        self.out.say(strings.UNLOCK_TITLE)
        for _ in range(3):
            try:
                passphrase = ask(strings.UNLOCK_PROMPT)
            except (EOFError, KeyboardInterrupt):
                break
            outcome = unlock(self.data_dir, passphrase)
            if outcome.identity is not None:
                return outcome.identity
            self.out.say(outcome.message or "")
        self.out.say(strings.UNLOCK_GAVE_UP)
        return None

    def close(self) -> int:
        """Save, let the journal go, say one last line. 0 unless the latest words could not be saved."""
        problem = self.save()
        if self.journal is not None:
            self.journal.close()
            self.journal = None
        if problem:
            self.err.last_line(
                strings.ERROR.format(message=strings.NOT_SAVED_AT_EXIT.format(problem=problem))
            )
            return EXIT_INVALID
        self.out.last_line(strings.GOODBYE)
        return EXIT_OK

    # -- the journal -----------------------------------------------------------------------------------------

    @property
    def runs(self) -> list[Run]:
        return self.journal.runs if self.journal is not None else []

    @property
    def current_run(self) -> Run | None:
        return self.journal.current_run() if self.journal is not None else None

    def ensure_run(self) -> Run | None:
        """The run to write in: the current one, or a first one begun now (None if it cannot be saved)."""
        assert self.journal is not None
        return self.journal.current_run() or self.new_run()

    def new_run(self) -> Run | None:
        """Begin the program again (earlier runs are kept); None, and said why, if it cannot be saved."""
        assert self.journal is not None
        self.save()
        try:
            return self.journal.new_run()
        except JournalError as error:
            self.out.say(strings.NOT_BEGUN.format(problem=error))
            return None

    def save(self) -> str | None:
        """Save the current run now. Returns what went wrong, if it did (the words stay in memory, and the
        next save tries again); says so once, and says again when saving works again."""
        run = self.current_run
        if self.journal is None or run is None:
            return None
        try:
            report = self.journal.save(run)
        except JournalError as error:
            problem = str(error)
            if problem != self._save_problem:
                self.out.say(strings.NOT_SAVED.format(problem=problem))
            self._save_problem = problem
            return problem
        if self._save_problem is not None:
            self._save_problem = None
            self.out.say(strings.SAVED_AGAIN)
        for notice in report.notices:
            self.out.say(notice)
        return None

    def now(self) -> datetime | None:
        return self.clock() if self.clock else None

    def today(self) -> date:
        """Today by the session's clock, in local time: when a follow-up check-in is due."""
        return (self.clock or datetime.now)().astimezone().date()

    # -- home and the days -----------------------------------------------------------------------------------

    def home(self) -> None:
        """The home page, again and again, until the user leaves."""
        while True:
            choice = pages.home(self)
            choice()

    def open_day(self, module: Module, index: int | None = None) -> None:
        """Walk ``module`` from step ``index`` (default: where the flow says it resumes) until home."""
        run = self.ensure_run()
        if run is None:
            return
        walk = DayWalk(self.program, module, run, index)
        self.save()
        pages.day_opening(self, module)
        self.walk(walk)

    def edit_step(self, module: Module, index: int) -> None:
        """Open one step (from the review) to change its answer, then come back."""
        run = self.ensure_run()
        if run is None:
            return
        walk = DayWalk(self.program, module, run, index)
        self.save()
        self.walk(walk, single=True)

    def walk(self, walk: DayWalk, *, single: bool = False) -> None:
        """Step after step until the user goes home or the day ends (``single``: one step only)."""
        while True:
            pages.step_heading(self, walk)
            move = StepAsker(self.talk, walk, lambda value: self.keep(walk, value)).run()
            answer = walk.current_answer()
            care = move is Move.NEXT and needs_care(walk.step, answer.value if answer else None)
            if move is Move.HOME:
                self.save()
                return
            moved = True
            if move is Move.NEXT:
                moved = walk.next()
            elif move is Move.SKIP:
                moved = walk.skip()
            elif move is Move.BACK and not single and not walk.back():
                self.out.say(strings.FIRST_STEP)
            self.save()
            if care:
                # A complete check with a very low score: the support lines, gently, as the app shows them.
                pages.show_support(self, gentle=True)
                pages.wait_for_enter(self, strings.CARRY_ON)
            if not moved:
                self.finish_day(walk, summary=not single)
                return
            if single:
                return

    def keep(self, walk: DayWalk, value: Value | None) -> None:
        """An answer as it is typed: recorded in the walk and saved at once."""
        walk.record(value)
        self.save()

    def finish_day(self, walk: DayWalk, *, summary: bool = True) -> None:
        walk.finish()
        self.save()
        if summary:
            pages.end_of_day(self, day_summary(walk.run, walk.module), walk)
