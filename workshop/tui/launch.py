"""Start the Textual app from parsed command-line arguments."""

from __future__ import annotations

import argparse
import gc
from functools import partial
from typing import TYPE_CHECKING

from workshop import paths
from workshop.content.cache import cached_outline, load_program_cached
from workshop.content.outline import DeferredProgram
from workshop.invocation import EXIT_INVALID, EXIT_OK, data_dir, error, load_program, program_dir

if TYPE_CHECKING:
    from workshop.content.models import Program


def run_app(args: argparse.Namespace) -> int:
    """Run the app on a program that is known to be valid; a broken program never reaches the screen."""
    program = program_for_app(args)
    if program is None:
        return EXIT_INVALID
    from workshop.tui.app import make_app

    app = make_app(program, data_dir(args), config_dir=paths.config_dir(getattr(args, "data_dir", None)))
    # Everything imported so far (Textual, the app) lives as long as the process. Without this, Python's
    # first full garbage collection walks all of it just before the first paint: 25-30 ms, measured.
    gc.freeze()
    keep_full_collections_short()
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


OLDEST_GENERATION = 2
"""A collection of this generation is a full one (CPython has three, 0 to 2)."""


def keep_full_collections_short() -> None:
    """Freeze what survives each full garbage collection, so that the next one walks only what is newer.

    Python collects everything now and then (a full collection), walking every object not frozen. In the
    app most of them are lines Textual has drawn and keeps in its caches (a ``Strip`` and its seven small
    caches each): 20,000 to 30,000 objects after a few steps, a walk of 50 to 90 ms on the UI thread,
    which fell while a step opened or while someone typed. Right after a full collection nothing left is
    garbage, so freezing then keeps nothing that could be freed; the next full collection walks only
    what was made since (5 to 20 ms). The price: widgets alive at that moment (the step on screen) and
    later removed stay in memory until the app ends, about 1 MB over a day (docs/performance.md)."""
    if _freeze_after_full_collection not in gc.callbacks:
        gc.callbacks.append(_freeze_after_full_collection)
    # Called with everything frozen, this walks nothing; it tells Python that nothing long-lived is left
    # to walk, so the first full collection comes after a few thousand new objects, not after a quarter
    # as many as the start made (a first walk of 20,000 objects, 30 to 70 ms, in the middle of a day).
    gc.collect()


def _freeze_after_full_collection(phase: str, info: dict[str, int]) -> None:
    if phase == "stop" and info["generation"] == OLDEST_GENERATION:
        gc.freeze()


def program_for_app(args: argparse.Namespace) -> Program | DeferredProgram | None:
    """The program, or only its outline when the cache holds it validated (the usual case).

    With the outline, the home screen paints before pydantic is even imported, and the app loads the
    program once it is up. Otherwise the program is validated here, first, and its problems printed.
    """
    folder = program_dir(args)
    if folder.is_dir():
        cache_dir = paths.cache_dir()
        outline = cached_outline(folder, cache_dir)
        if outline is not None:
            return DeferredProgram(outline, partial(load_program_cached, folder, cache_dir))
    return load_program(args)
