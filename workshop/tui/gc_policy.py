"""When Python's garbage collector walks the app's objects: full collections kept short while a day is walked,
and one full walk once the day is over (``keep_full_collections_short``, put in place by ``run_app``)."""

from __future__ import annotations

import gc

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
    later removed stay in memory, about 1 MB over a day (docs/performance.md), until the day is over
    (``collect_what_the_day_left``)."""
    if _freeze_after_full_collection not in gc.callbacks:
        gc.callbacks.append(_freeze_after_full_collection)
    # Called with everything frozen, this walks nothing; it tells Python that nothing long-lived is left
    # to walk, so the first full collection comes after a few thousand new objects, not after a quarter
    # as many as the start made (a first walk of 20,000 objects, 30 to 70 ms, in the middle of a day).
    gc.collect()


def collect_what_the_day_left() -> None:
    """Free what the frozen collections kept of a finished day: one full walk of everything (up to about
    100 ms), run while the person reads the end of their day, so memory stays bounded by one day's steps."""
    if _freeze_after_full_collection not in gc.callbacks:
        return  # the policy is not in place (an app under test): leave the process's collector alone
    gc.unfreeze()
    gc.collect()  # the callback freezes what is left


def _freeze_after_full_collection(phase: str, info: dict[str, int]) -> None:
    if phase == "stop" and info["generation"] == OLDEST_GENERATION:
        gc.freeze()
