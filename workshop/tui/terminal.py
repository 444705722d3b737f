"""The terminal, before and under the app: every key typed reaches it, whatever its encoding or timing.

**ctrl+q and ctrl+s typed while the app still loads.** Until Textual puts the terminal in raw mode, a
third of a second after the start, the terminal takes ctrl+q and ctrl+s as flow control (XON and XOFF)
and never passes them on: ctrl+q typed at once after starting the workshop (or a c, ctrl+n, a few words
and ctrl+q, all typed ahead) was lost, and the app stayed open (found in tmux). ``keys_kept_from_the_start``
turns flow control off as soon as the UI is chosen and gives the terminal its own settings back when the app
is done.

**Bytes from the terminal that are not UTF-8 are read as text, never a crash.**

A paste from a terminal set to Latin-1 or Windows-1252 (``café`` as ``caf\\xe9``) reaches the app as bytes
that are not valid UTF-8. Textual's input thread decodes strictly: one such byte ended the app with a
traceback, and the keys after it went to the shell. Here such bytes are read as Windows-1252 (a superset
of Latin-1's printable characters), so the word arrives as the user meant it; a byte that is not a
character there either is dropped.
"""

from __future__ import annotations

import codecs
import contextlib
import functools
import importlib
import sys
from collections.abc import Callable, Iterator

from workshop.text import legacy_text

ERRORS = "workshop-legacy-bytes"
"""The name of the codec error handler registered here."""

# The Textual modules whose input threads decode the terminal's bytes, each with its own reference to
# ``codecs.getincrementaldecoder``. (Textual is pinned; tests/test_real_terminal.py checks this still works.)
_DRIVERS = ("textual.drivers.linux_driver", "textual.drivers.linux_inline_driver")
_INLINE = "textual.drivers.linux_inline_driver"
"""The driver of ``App.run(inline=True)``, which the workshop never asks for: patched only if something
loaded it, rather than imported for every session (0.17 MiB)."""


def _read_as_legacy(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return legacy_text(error.object[error.start : error.end]), error.end


def tolerant_decoder(encoding: str) -> Callable[[], codecs.IncrementalDecoder]:
    """A drop-in for ``codecs.getincrementaldecoder`` whose decoders never raise on a bad byte."""
    return functools.partial(codecs.getincrementaldecoder(encoding), errors=ERRORS)


def tolerate_bad_input_bytes() -> None:
    """Make the terminal drivers decode input with ``tolerant_decoder``. Safe to call more than once."""
    try:
        codecs.lookup_error(ERRORS)
    except LookupError:
        codecs.register_error(ERRORS, _read_as_legacy)
    for name in _DRIVERS:
        if name == _INLINE and name not in sys.modules:
            continue
        try:
            module = importlib.import_module(name)
        except ImportError:  # Windows: its driver reads characters, not bytes
            continue
        module.getincrementaldecoder = tolerant_decoder  # type: ignore[attr-defined]


@contextlib.contextmanager
def keys_kept_from_the_start() -> Iterator[None]:
    """While this runs, ctrl+q and ctrl+s reach the app as keys, even before Textual sets the terminal up.

    Only flow control (``IXON``) is turned off, so that the line typed ahead stays buffered as it was, for
    the app to read. Textual restores the settings it found when it stops, that is these; the terminal's
    own come back here, after it. Not a terminal (a pipe, a test): nothing to do.
    """
    try:
        import termios
    except ImportError:  # Windows: no flow control to turn off
        yield
        return
    try:
        descriptor = sys.stdin.fileno()
        before = termios.tcgetattr(descriptor)
        ahead = list(before)
        ahead[0] = before[0] & ~termios.IXON  # the input flags
        termios.tcsetattr(descriptor, termios.TCSANOW, ahead)  # not TCSAFLUSH: that drops keys typed ahead
    except (termios.error, OSError, ValueError):  # no stdin, or not a terminal
        yield
        return
    try:
        yield
    finally:
        # The terminal may be gone (a closed window): then there is nothing to give back.
        with contextlib.suppress(termios.error, OSError):
            termios.tcsetattr(descriptor, termios.TCSANOW, before)
