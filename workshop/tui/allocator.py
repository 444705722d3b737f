"""Asking the C allocator to keep less memory than it would by default (glibc only; a no-op elsewhere).

Python asks the C library's ``malloc`` for everything bigger than 512 bytes (a file's bytes, a run's
folded words, a compressed block, a big dict's table). glibc keeps what is freed for later instead of
giving it back to the system, and every thread that allocates gets a heap of its own (an "arena"): the
review reads years of runs in a thread, one after the other, and each run's memory, once let go, stayed
in that thread's heap. The app's peak resident memory is its budget (docs/performance.md), so:

- ``one_heap`` (``mallopt(M_ARENA_MAX, 1)``), before the app starts any thread: every thread uses the
  main heap, where what one run let go serves the next;
- ``give_back`` (``malloc_trim(0)``) after a burst of work whose memory is let go (the journal opened,
  the other screens imported, a run's words folded): the free pages go back to the system before the
  next burst, so the peak is what is alive, not what was once alive.

Through ``ctypes`` on the process's own symbols, only where they are glibc's (``gnu_get_libc_version``);
on macOS, Windows or a musl Linux both do nothing. Settings of the environment (``MALLOC_ARENA_MAX``)
would do the first, but they are the user's, not the app's.
"""

from __future__ import annotations

import sys
from typing import Any

M_ARENA_MAX = -8
"""glibc's ``mallopt`` parameter for the most heaps ``malloc`` may make (``malloc.h``)."""

_glibc: Any = None
_looked = False


def glibc() -> Any:
    """The process's C library through ctypes when it is glibc, else None (looked up once)."""
    global _glibc, _looked
    if not _looked:
        _looked = True
        if sys.platform.startswith("linux"):
            try:
                import ctypes

                library = ctypes.CDLL(None)
                if hasattr(library, "gnu_get_libc_version") and hasattr(library, "malloc_trim"):
                    _glibc = library
            except (OSError, ImportError):
                _glibc = None
    return _glibc


def one_heap() -> bool:
    """Every thread started from now on allocates from the main heap. True if set (glibc)."""
    library = glibc()
    return bool(library is not None and library.mallopt(M_ARENA_MAX, 1))


def give_back() -> bool:
    """Give the free memory the allocator holds back to the system (0.1 to 0.5 ms with the app's heap).
    True if some was (glibc)."""
    library = glibc()
    return bool(library is not None and library.malloc_trim(0))
