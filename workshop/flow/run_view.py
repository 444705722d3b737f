"""What each reader needs of a journal run, as small Protocols, all in one place.

``workshop.journal.store.Run`` provides every one of them; each function in ``flow`` and ``reports`` asks
for the smallest that does its job, so tests (and a plain front end) can hand it a small fake instead of
a journal on disk. From the smallest up:

- ``AnswerSource``: the answer to a step (recaps, which answer is shown).
- ``NumberedRun``: that, and the run's number (trends, charts, the north-star page, choosing a run).
- ``RunAnswers``: the answers, the steps marked done and where the user was (the completion rules).
- ``RunWriter``: ``RunAnswers`` and the changes walking through a day makes (the day walk).
- ``RunRecord``: everything a view of a whole run reads: dates, version, every module's answers
  (the exports and the review).
- ``ScheduledRun``: ``RunRecord`` and ``RunAnswers`` (the follow-up check-ins: when due, which are done).
- ``ReleasableRun``: a run that can let go of its answers once read (the review reads years of them).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from workshop.answers import Answer, Value


class AnswerSource(Protocol):
    """A run as far as looking up one answer goes."""

    def answer(self, step_id: str) -> Answer | None: ...


class NumberedRun(AnswerSource, Protocol):
    """A run's answers and its number (runs are numbered from 1, in the order they were started)."""

    @property
    def number(self) -> int: ...


class RunAnswers(AnswerSource, Protocol):
    """What the completion rules read: answers, steps marked done, and where the user last was."""

    @property
    def position(self) -> tuple[str, str] | None:
        """The day and step the user was last on."""
        ...

    def done_steps(self, module_id: str) -> frozenset[str]: ...


class RunWriter(RunAnswers, Protocol):
    """The part of a journal run that walking through a day changes."""

    def set_answer(self, module_id: str, step_id: str, value: Value) -> None: ...

    def clear_answer(self, module_id: str, step_id: str) -> None: ...

    def mark_done(self, module_id: str, step_id: str) -> None: ...

    def set_position(self, module_id: str, step_id: str) -> None: ...

    def mark_finished(self) -> None: ...


class RunRecord(NumberedRun, Protocol):
    """A whole run as a read-only view shows it: the exports and the review."""

    @property
    def program_version(self) -> str: ...

    @property
    def started(self) -> datetime: ...

    @property
    def finished(self) -> datetime | None: ...

    @property
    def last_activity(self) -> datetime | None: ...

    def answers(self, module_id: str) -> dict[str, Answer]: ...

    def done_steps(self, module_id: str) -> frozenset[str]: ...

    def module_ids(self) -> tuple[str, ...]: ...


class ScheduledRun(RunRecord, RunAnswers, Protocol):
    """A whole run and how far each module is: when its follow-up check-ins are due and which are done."""


@runtime_checkable
class ReleasableRun(Protocol):
    """A run that can let go of its answers, to read them again from its files when next asked for (the
    journal's older runs, opened from their index)."""

    @property
    def loaded(self) -> bool:
        """False while its answers are on disk only (opened from its index, or let go), not yet read."""
        ...

    @property
    def reads(self) -> int:
        """How many times its files have been read so far: unchanged, nothing has asked for it since."""
        ...

    def release(self) -> bool:
        """Let go of the answers; False when it cannot (unsaved changes, or read in full at start)."""
        ...

    def day_answers(self, module_id: str) -> dict[str, Answer] | None:
        """One module's answers, read from its file alone while the run has let go (None: it cannot be,
        ask ``answers``)."""
        ...


if TYPE_CHECKING:
    # mypy checks here that the journal's Run is every one of these (a change to Run that breaks a reader
    # is named at this line, not at each reader).
    from workshop.journal.store import Run

    def _the_journal_run_is_all_of_them(
        run: Run,
    ) -> tuple[RunWriter, RunRecord, ScheduledRun, ReleasableRun]:
        return run, run, run, run
