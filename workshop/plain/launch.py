"""Start the plain mode from parsed command-line arguments, and decide when it is the right mode.

This module is imported by ``workshop/cli.py`` on every start without a command, before it knows which
front end runs, so it imports nothing heavy until ``run_plain`` is called.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from typing import TextIO

PLAIN_VARIABLE = "WORKSHOP_PLAIN"
"""Set to 1 to make the plain mode the default (a screen-reader user sets it once, in their shell)."""


def wants_plain(asked: bool, environ: Mapping[str, str], stdin: TextIO | None, stdout: TextIO | None) -> bool:
    """Plain when asked for (``--plain``, ``$WORKSHOP_PLAIN``), when the terminal cannot draw a screen
    (``TERM=dumb``), or when standard input or output is not a terminal (a script, a pipe, a file).

    Never under textual-serve, which runs the full-screen app through pipes for a browser tab.
    """
    if asked:
        return True
    if environ.get("TEXTUAL_DRIVER"):
        return False
    if environ.get(PLAIN_VARIABLE, "").strip().lower() in ("1", "yes", "true", "on"):
        return True
    if environ.get("TERM") == "dumb":
        return True
    return not (_is_terminal(stdin) and _is_terminal(stdout))


def _is_terminal(stream: TextIO | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (OSError, ValueError):  # a closed stream
        return False


def run_plain(args: argparse.Namespace) -> int:
    """Run the plain mode on a valid program; a broken program is reported, one problem a line."""
    from workshop import paths
    from workshop.plain.layers import EXIT_INVALID, data_dir, load_program, load_settings
    from workshop.plain.session import PlainSession
    from workshop.plain.terminal import LineReader, Output, Signals

    program = load_program(args)
    if program is None:
        return EXIT_INVALID
    settings = load_settings(paths.config_dir(getattr(args, "data_dir", None)))
    signals = Signals()
    signals.install()
    echoed = _is_terminal(sys.stdin) and _is_terminal(sys.stdout)
    out = Output(sys.stdout.buffer, echoed=echoed)
    err = Output(sys.stderr.buffer, echoed=False)
    reader = LineReader(_fileno(sys.stdin), signals)
    session = PlainSession(
        program, data_dir(args), out=out, err=err, reader=reader, settings=settings, interactive=echoed
    )
    return session.run()


def _fileno(stream: TextIO | None) -> int:
    """The descriptor to read lines from; -1 when there is none (it then reads as the end of input)."""
    try:
        return stream.fileno() if stream is not None else -1
    except (OSError, ValueError):
        return -1


def should_run_plain(args: argparse.Namespace) -> bool:
    """For the command line: does this start (no command) get the plain mode?"""
    return wants_plain(bool(getattr(args, "plain", False)), os.environ, sys.stdin, sys.stdout)
