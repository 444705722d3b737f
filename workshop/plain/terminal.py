"""Lines out and lines in, and nothing else: no escape sequence, colour, cursor movement or box drawing.

Out: every line is cleaned of control and bidirectional characters (``workshop.text.display_text``),
of tabs, and of the few symbols a braille display or a speech synthesiser reads badly; then wrapped to
the terminal's width (80 when it is not known), so a screen reader meets each line once, whole.

In: lines are read from the file descriptor itself, so that a pause can wait for a line with a timeout
(``select``) without a buffer in between hiding one that has already arrived. Bytes that are not UTF-8
are read as the terminal most likely meant them, never a crash. Line editing is the terminal's own
(Backspace, Ctrl+U, Ctrl+W): nothing here draws on the screen.

Ending: Ctrl+C, a closed terminal (SIGHUP) and SIGTERM end the session calmly, but never in the middle of
a save: the signal raises ``Stop`` only while the session waits for the user; otherwise it waits for the
next prompt (see ``Signals``). End of input (Ctrl+D) raises ``EndOfInput``.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import os
import re
import select
import shutil
import signal
import unicodedata
from collections.abc import Iterator
from types import FrameType
from typing import BinaryIO

from workshop.plain.layers import display_text, legacy_text

DEFAULT_WIDTH = 80
NARROWEST = 20
"""Below this, words would be broken into pieces too small to read; lines may then be wider than the
terminal, which wraps them itself."""
PROMPT = "> "


class EndOfInput(Exception):  # noqa: N818 - reads as what happened
    """Standard input has ended (Ctrl+D, the end of a script, a closed terminal)."""


class Stop(Exception):  # noqa: N818
    """A signal asked the session to end: Ctrl+C, SIGTERM, or SIGHUP from a closed terminal."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


class OutputGone(Exception):  # noqa: N818
    """Standard output can no longer be written (a closed pipe or terminal)."""


# -- cleaning and wrapping ---------------------------------------------------------------------------------

_BOX_DRAWING = re.compile("[\u2500-\u259f]")  # box drawing and block elements
_READ_BADLY = str.maketrans(
    {
        "\t": "    ",
        "•": "-",
        "·": "-",
        "→": "->",
        "←": "<-",
        "\u2028": "\n",  # line and paragraph separators: a terminal does not break the line there
        "\u2029": "\n",
    }
)


def clean(text: str) -> str:
    """``text`` with nothing in it but printable characters and newlines."""
    return _BOX_DRAWING.sub("-", display_text(text).translate(_READ_BADLY))


def cells(text: str) -> int:
    """How many terminal columns ``text`` takes: wide (East Asian) characters two, combining marks none."""
    if text.isascii():
        return len(text)  # the usual case, and a hundred times faster
    return sum(_cell(char) for char in text)


def _cell(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def wrap(text: str, width: int, *, indent: str = "", hanging: str | None = None) -> list[str]:
    """``text`` (cleaned) as lines of at most ``width`` columns; its own line breaks are kept.

    ``indent`` starts the first line of each paragraph, ``hanging`` (default: ``indent``) the lines after
    it. A word longer than a line is broken.
    """
    indent = clean(indent)
    hanging = indent if hanging is None else clean(hanging)
    lines: list[str] = []
    for paragraph in clean(text).split("\n"):
        words = paragraph.split()
        if not words:
            lines.append("")
            continue
        line, lead = indent, indent
        for word in words:
            room = width - cells(line)
            gap = "" if line == lead else " "
            if cells(gap + word) <= room:
                line += gap + word
                continue
            if line != lead:
                lines.append(line)
                line = lead = hanging
            while cells(line + word) > width and width - cells(line) >= 1:
                head, word = _split_at(word, width - cells(line))
                lines.append(line + head)
                line = lead = hanging
            line += word
        lines.append(line)
    return lines


def _split_at(word: str, columns: int) -> tuple[str, str]:
    """``word`` cut so that its head takes at most ``columns`` columns (at least one character): after the
    last ``/`` that fits, if there is one (a file's path breaks between its folders), else where it must."""
    used, cut = 0, len(word)
    for index, char in enumerate(word):
        used += _cell(char)
        if used > columns:
            cut = max(1, index)
            break
    slash = word.rfind("/", 0, cut)
    if 0 < slash < cut - 1:
        cut = slash + 1
    return word[:cut], word[cut:]


def terminal_width() -> int:
    """The terminal's width (``$COLUMNS`` first), 80 when it is not known, never below ``NARROWEST``."""
    return max(NARROWEST, shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns)


# -- output ------------------------------------------------------------------------------------------------


class Output:
    """Writes whole lines. A prompt is the only thing ever left without a newline, and only until the
    user's own Enter ends it (or, when nothing echoes what was typed, the next thing written)."""

    def __init__(self, stream: BinaryIO, *, echoed: bool, width: int | None = None) -> None:
        self.stream = stream
        self.echoed = echoed
        """True when the user's typing appears on this same output (a terminal): their Enter ends the
        prompt's line."""
        self._width = width
        self.dangling = False
        """A prompt is on the current line."""

    @property
    def width(self) -> int:
        return self._width or terminal_width()

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text.encode("utf-8", errors="replace"))
            self.stream.flush()
        except (BrokenPipeError, ValueError) as error:  # ValueError: the stream is closed
            raise OutputGone() from error
        except OSError as error:
            if error.errno in (errno.EIO, errno.EPIPE, errno.ENXIO, errno.EBADF):
                raise OutputGone() from error
            raise

    def _end_prompt(self) -> None:
        if self.dangling:
            self.dangling = False
            self._write("\n")

    def say(self, text: str = "", *, indent: str = "", hanging: str | None = None) -> None:
        """``text`` as wrapped lines (an empty ``text`` is one empty line)."""
        self._end_prompt()
        self._write("".join(line + "\n" for line in wrap(text, self.width, indent=indent, hanging=hanging)))

    def gap(self) -> None:
        """One empty line, between parts: what a screen reader hears as a pause."""
        self.say("")

    def item(self, marker: str, text: str) -> None:
        """``marker`` then ``text``, its wrapped lines starting under the text's first letter."""
        lead = f"{clean(marker)} "
        lines = wrap(text, self.width, indent=lead, hanging=" " * cells(lead))
        self._end_prompt()
        self._write("".join(line + "\n" for line in lines))

    def prompt(self, text: str = PROMPT) -> None:
        self._end_prompt()
        self._write(clean(text))
        self.dangling = True

    def answered(self, *, by_enter: bool = True) -> None:
        """A line was read after the prompt: when the terminal echoed it, its Enter ended the line."""
        if self.echoed and by_enter:
            self.dangling = False

    def last_line(self, text: str) -> None:
        """The session's final words; the terminal may be gone already, so nothing here can fail."""
        with contextlib.suppress(OutputGone, OSError):
            self.say(text)


# -- input -------------------------------------------------------------------------------------------------

_LEGACY = "workshop-plain-legacy-bytes"


def _legacy_bytes(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    return legacy_text(error.object[error.start : error.end]), error.end


codecs.register_error(_LEGACY, _legacy_bytes)

# What a terminal in line mode puts in a line when a key it does not edit with is pressed: the escape
# sequences of arrows and function keys, and other control characters. None of it is anyone's words.
_KEY_SEQUENCE = re.compile(r"\x1b(?:\[[0-9;?]*[ -/]*[@-~]|O.|.)?")
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def typed_text(raw: bytes) -> str:
    """One line as typed: UTF-8 (or, failing that, Windows-1252), without key sequences or controls."""
    text = raw.decode("utf-8", errors=_LEGACY)
    return _CONTROL.sub("", _KEY_SEQUENCE.sub("", text.rstrip("\r\n")))


class Signals:
    """Ctrl+C, SIGTERM and SIGHUP end the session, at a moment when nothing is half written.

    The handler raises ``Stop`` at once only while the session is waiting for the user (``waiting``);
    during a save it only notes the signal, and the next prompt raises it. Ctrl+Z is left to the shell.
    """

    HANDLED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)

    def __init__(self) -> None:
        self.pending: int | None = None
        self._waiting = False

    def install(self) -> None:
        for signum in self.HANDLED:
            with contextlib.suppress(ValueError, OSError):  # not the main thread: tests drive it directly
                signal.signal(signum, self._handle)

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        self.pending = signum
        if self._waiting:
            raise Stop(signum)

    def check(self) -> None:
        """Raise the signal that arrived while the session was busy, if one did."""
        if self.pending is not None:
            raise Stop(self.pending)

    @contextlib.contextmanager
    def waiting(self) -> Iterator[None]:
        self.check()
        self._waiting = True
        try:
            yield
        finally:
            self._waiting = False


class LineReader:
    """Reads lines from a file descriptor, with an optional timeout."""

    def __init__(self, fd: int, signals: Signals) -> None:
        self.fd = fd
        self.signals = signals
        self._buffer = b""
        self._ended = False
        self.line_ended = True
        """The last line read was ended by Enter (not by Ctrl+D in the middle of a line)."""

    def read_line(self, timeout: float | None = None) -> str | None:
        """The next line, without its line ending; None if ``timeout`` seconds pass first.

        Raises ``EndOfInput`` at the end of input. A last line with no newline (Ctrl+D pressed twice after
        some words) is returned first: what was typed is kept.
        """
        while True:
            if b"\n" in self._buffer:
                line, _, self._buffer = self._buffer.partition(b"\n")
                self.line_ended = True
                return typed_text(line)
            if self._ended:
                if self._buffer:
                    line, self._buffer = self._buffer, b""
                    self.line_ended = False
                    return typed_text(line)
                raise EndOfInput()
            if not self._wait(timeout):
                return None
            self.signals.check()  # a signal that came with the last bytes: they stay in the buffer
            try:
                chunk = os.read(self.fd, 65536)
            except OSError as error:
                if error.errno in (errno.EAGAIN, errno.EINTR):
                    continue
                chunk = b""  # EIO: the terminal is gone
            if chunk:
                self._buffer += chunk
            else:
                self._ended = True

    def line_ready(self) -> bool:
        """A whole line has already arrived (it would be read without waiting)."""
        return b"\n" in self._buffer or (self._ended and bool(self._buffer))

    def _wait(self, timeout: float | None) -> bool:
        """Wait until something can be read; False when ``timeout`` passed first."""
        with self.signals.waiting():
            try:
                ready, _, _ = select.select([self.fd], [], [], timeout)
            except (OSError, ValueError):
                return True  # cannot wait on this kind of input (Windows): read, blocking
        return bool(ready)
