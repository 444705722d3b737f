"""Bytes from the terminal that are not UTF-8 are read as text, never a crash.

A paste from a terminal set to Latin-1 or Windows-1252 (``café`` as ``caf\\xe9``) reaches the app as bytes
that are not valid UTF-8. Textual's input thread decodes strictly: one such byte ended the app with a
traceback, and the keys after it went to the shell. Here such bytes are read as Windows-1252 (a superset
of Latin-1's printable characters), so the word arrives as the user meant it; a byte that is not a
character there either is dropped.
"""

from __future__ import annotations

import codecs
import functools
import importlib
import sys
from collections.abc import Callable

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
