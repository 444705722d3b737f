"""Asking, and the commands that work at any prompt.

Every prompt is the same ``> ``. A line that is exactly a command word (any case, spaces around it
ignored) is that command, anywhere: ``help`` and ``support`` are answered on the spot and the question is
asked again; ``quit`` ends the session; ``next``, ``back``, ``skip`` and ``home`` are handed to whoever
asked, to move. Anything else is an answer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from workshop.plain import strings
from workshop.plain.terminal import PROMPT, LineReader, Output


class Move(Enum):
    """Where the user asked to go from a prompt."""

    NEXT = "next"
    """Keep what is there, count the step as done, go on."""
    BACK = "back"
    SKIP = "skip"
    """Go on, leaving the step open: Continue comes back to it."""
    HOME = "home"


class Leave(Exception):  # noqa: N818 - reads as what happened
    """The user typed ``quit``."""


MOVES = {move.value: move for move in Move}
ANSWERED_HERE = ("help", "support")
QUIT = "quit"
COMMANDS = (*MOVES, *ANSWERED_HERE, QUIT)


@dataclass(frozen=True)
class Reply:
    """One line the user typed: a move, or text (which may be empty: a bare Enter)."""

    text: str
    move: Move | None = None

    @property
    def empty(self) -> bool:
        return self.move is None and not self.text.strip()

    @property
    def word(self) -> str:
        """The text as a word to compare: trimmed, lower case."""
        return " ".join(self.text.split()).lower()


class Conversation:
    """The session's voice and ears: say things, ask, and answer the commands that need no context."""

    def __init__(
        self,
        out: Output,
        reader: LineReader,
        *,
        show_help: Callable[[], None],
        show_support: Callable[[], None],
        before_prompt: Callable[[], None] = lambda: None,
    ) -> None:
        self.out = out
        self.reader = reader
        self._show_help = show_help
        self._show_support = show_support
        self._before_prompt = before_prompt
        """Said before each prompt: what the session must tell before the next question (a file found
        damaged while a page was reading)."""

    def ask(self, *, back_to: str = "") -> Reply:
        """The next line typed, with ``help`` and ``support`` answered on the way (then ``back_to`` is
        said, so the user knows which question is waiting) and ``quit`` raised as ``Leave``."""
        while True:
            line = self.read()
            word = " ".join(line.split()).lower()
            if word == QUIT:
                raise Leave()
            if word in ANSWERED_HERE:
                (self._show_help if word == "help" else self._show_support)()
                self.out.gap()
                self.out.say(strings.BACK_TO.format(where=back_to) if back_to else strings.BACK_TO_PROMPT)
                continue
            return Reply(line, MOVES.get(word))

    def read(self, timeout: float | None = None) -> str:
        """One line after the prompt, with no command handling (raises on end of input or a signal)."""
        self._before_prompt()
        self.out.prompt(PROMPT)
        line = self.reader.read_line(timeout)
        self.out.answered(by_enter=self.reader.line_ended)
        return "" if line is None else line

    def wait_for_line(self, seconds: float) -> Reply | None:
        """Wait up to ``seconds`` for a line (a pause); None when the time ran out with nothing typed.

        Any line ends the wait; ``help`` and ``support`` are answered first, ``quit`` raised as ``Leave``.
        """
        self._before_prompt()
        self.out.prompt(PROMPT)
        line = self.reader.read_line(timeout=seconds)
        if line is None:
            return None
        self.out.answered(by_enter=self.reader.line_ended)
        word = " ".join(line.split()).lower()
        if word == QUIT:
            raise Leave()
        if word in ANSWERED_HERE:
            (self._show_help if word == "help" else self._show_support)()
            self.out.gap()
        return Reply(line, MOVES.get(word))
