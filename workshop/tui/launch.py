"""Start the Textual app from parsed command-line arguments."""

from __future__ import annotations

import argparse
import contextlib
import gc
from functools import partial
from typing import TYPE_CHECKING

from workshop import paths
from workshop.content.cache import cached_outline, load_program_cached
from workshop.content.outline import DeferredProgram
from workshop.invocation import EXIT_INVALID, EXIT_OK, data_dir, error, load_program, program_dir
from workshop.tui import allocator
from workshop.tui.terminal import keys_kept_from_the_start

if TYPE_CHECKING:
    from workshop.content.models import Program


def run_app(args: argparse.Namespace) -> int:
    """Run the app on a program that is known to be valid; a broken program never reaches the screen."""
    with keys_kept_from_the_start():  # ctrl+q typed while the app loads is a key, not flow control
        return _run_app(args)


def _run_app(args: argparse.Namespace) -> int:
    allocator.one_heap()  # before the app starts any thread: a thread's own heap is made at its first malloc
    program = program_for_app(args)
    if program is None:
        return EXIT_INVALID
    from workshop.tui.app import make_app

    app = make_app(program, data_dir(args), config_dir=paths.config_dir(getattr(args, "data_dir", None)))
    # Everything imported so far (Textual, the app) lives as long as the process. Without this, Python's
    # first full garbage collection walks all of it just before the first paint: 25-30 ms, measured.
    gc.freeze()
    try:
        app.run()
    finally:
        # The app saves on every exit path it sees; this is the last net if it ended some other way.
        problem = app.save_now()
        if app.journal is not None:
            app.journal.close()
    if problem:
        error(problem)
        return EXIT_INVALID
    if app.return_code:
        return app.return_code
    return EXIT_OK


def program_for_app(args: argparse.Namespace) -> Program | DeferredProgram | None:
    """The program, or only its outline when the cache holds it validated (the usual case).

    With the outline, the home screen paints before the content classes are even imported, and the app
    loads the program once it is up, unpickled without pydantic. Otherwise the program is validated here,
    first, and its problems printed.
    """
    folder = program_dir(args)
    if folder.is_dir():
        cache_dir = paths.cache_dir()
        outline = cached_outline(folder, cache_dir)
        if outline is not None:
            return DeferredProgram(outline, partial(load_program_cached, folder, cache_dir))
    program = load_program(args)
    if program is not None:
        # pydantic is loaded now anyway: validate the support lines too, so that the first ctrl+g of a
        # later session finds them in the cache instead of importing pydantic (7 MiB, a pause) for the
        # crisis screen.
        from workshop.content.problems import ContentError
        from workshop.content.support import load_support_lines

        with contextlib.suppress(ContentError):  # a broken file is reported when the screen opens
            load_support_lines()
    return program
