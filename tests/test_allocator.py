"""The C allocator asked to keep less (``workshop/tui/allocator.py``): one heap for every thread, set before
the app starts any, and freed memory given back after the work that freed it (the journal opened, the
screens imported, the review's runs read). glibc only: elsewhere nothing is done and nothing breaks."""

from __future__ import annotations

import ctypes
import gc
import subprocess
import sys
import textwrap
import threading
from argparse import Namespace
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Input

from tests.test_review_search import long_history, open_review
from tests.tui_helpers import build_app, until, wait_for_journal
from workshop.content.loader import load_program
from workshop.content.models import Program
from workshop.journal.store import Run
from workshop.tui import allocator, launch
from workshop.tui.screens.review import GIVE_BACK_EVERY

ON_GLIBC = allocator.glibc() is not None


@pytest.fixture
def looked_up_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """The C library is looked up afresh in this test (and as before after it)."""
    monkeypatch.setattr(allocator, "_looked", False)
    monkeypatch.setattr(allocator, "_glibc", None)


@pytest.mark.usefixtures("looked_up_again")
def test_on_another_system_nothing_is_asked_and_nothing_breaks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    assert allocator.glibc() is None
    assert allocator.one_heap() is False
    assert allocator.give_back() is False


@pytest.mark.usefixtures("looked_up_again")
def test_on_a_linux_whose_c_library_is_not_glibc_nothing_is_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    class Musl:  # a C library with neither glibc's version call nor malloc_trim
        def mallopt(self, *args: object) -> int:
            raise AssertionError("mallopt called on a C library that is not glibc")

    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(ctypes, "CDLL", lambda name: Musl())
    assert allocator.glibc() is None
    assert allocator.one_heap() is False
    assert allocator.give_back() is False


@pytest.mark.usefixtures("looked_up_again")
def test_without_ctypes_nothing_is_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")

    def no_library(name: object) -> object:
        raise OSError("no C library to be found")

    monkeypatch.setattr(ctypes, "CDLL", no_library)
    assert allocator.one_heap() is False
    assert allocator.give_back() is False


def heaps_after_a_thread_allocates(*, one_heap: bool) -> int:
    """In a fresh interpreter: the heaps glibc has once a thread has allocated (``malloc_stats``)."""
    code = textwrap.dedent(
        f"""
        import ctypes, threading
        from workshop.tui import allocator
        if {one_heap}:
            assert allocator.one_heap()
        def work():
            kept = [bytes(2000) for _ in range(2000)]
        thread = threading.Thread(target=work)
        thread.start()
        thread.join()
        ctypes.CDLL(None).malloc_stats()
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return sum(line.startswith("Arena ") for line in done.stderr.splitlines())


@pytest.mark.skipif(not ON_GLIBC, reason="glibc only")
def test_with_one_heap_a_thread_allocates_from_the_main_heap() -> None:
    assert heaps_after_a_thread_allocates(one_heap=False) == 2  # without it, the thread made its own
    assert heaps_after_a_thread_allocates(one_heap=True) == 1


@pytest.mark.skipif(not ON_GLIBC, reason="glibc only")
def test_giving_back_returns_the_free_pages_to_the_system() -> None:
    code = textwrap.dedent(
        """
        import re
        from workshop.tui import allocator
        def resident():
            return int(re.search(r"VmRSS:\\s+(\\d+)", open("/proc/self/status").read()).group(1))
        allocator.one_heap()
        blocks = [bytes(3000) for _ in range(20000)]  # 60 MB in the heap, below its top
        kept = bytes(3000)  # holds the top: trimming the top alone would give nothing back
        del blocks
        before = resident()
        assert allocator.give_back()
        print(before - resident())
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert int(done.stdout) > 30_000  # kB


def test_the_app_asks_for_one_heap_before_anything_else(monkeypatch: pytest.MonkeyPatch) -> None:
    order: list[str] = []

    def one_heap() -> bool:
        order.append("one heap")
        return True

    monkeypatch.setattr(allocator, "one_heap", one_heap)

    def program_for_app(args: Namespace) -> None:  # None: a program with problems, the app not started
        order.append(f"program, {threading.active_count()} thread(s)")

    monkeypatch.setattr(launch, "program_for_app", program_for_app)
    threads = threading.active_count()
    launch.run_app(Namespace())
    assert order == ["one heap", f"program, {threads} thread(s)"]


async def test_memory_is_given_back_once_the_journal_is_open_and_once_the_screens_are_imported(
    tmp_path: Path, program: Program, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = build_app(program, tmp_path / "data")
    events: list[tuple[str, str, bool]] = []  # what happened, in which thread, and was the journal open
    for name, call in (("give back", allocator.give_back), ("freeze", gc.freeze)):

        def recorded(name: str = name, call: Callable[[], object] = call) -> None:
            events.append((name, threading.current_thread().name, app.journal is not None))
            call()

        monkeypatch.setattr(allocator if name == "give back" else gc, call.__name__, recorded)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_journal(pilot)
        await until(pilot, lambda: any(event[0] == "freeze" for event in events))
        await app.workers.wait_for_complete()
    main = threading.main_thread().name
    (first, journal_thread, journal_open), (then, warm_up_thread, _), (last, last_thread, _) = events
    # In the journal's worker, before home has the journal: what opening it let go goes back before the
    # screens are imported.
    assert (first, journal_open) == ("give back", False) and journal_thread != main
    # Then in the warm-up's thread, once it has frozen what the imports made.
    assert (then, last) == ("freeze", "give back") and last_thread == warm_up_thread != main


async def test_the_review_gives_back_as_it_reads_the_runs_and_once_every_run_is_read(
    tmp_path: Path, shipped_program_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    program = load_program(shipped_program_dir)
    long_history(tmp_path / "data", program, 16)
    events: list[str] = []
    load = Run.load

    def recorded_load(run: Run) -> None:
        if not run.loaded:
            events.append("read")
        load(run)

    monkeypatch.setattr(Run, "load", recorded_load)
    app = build_app(program, tmp_path / "data")

    def given_back() -> None:
        in_loop = threading.current_thread() is threading.main_thread()
        catalog = getattr(app.screen, "_catalog", None) if in_loop else None
        complete = catalog is not None and catalog.complete
        events.append("given back, every run read" if in_loop and complete else f"given back, {in_loop=}")

    frozen: list[bool] = []
    freeze = gc.freeze

    def recorded_freeze() -> None:
        frozen.append(True)
        freeze()

    monkeypatch.setattr(gc, "freeze", recorded_freeze)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_journal(pilot)
        # The warm-up's own give back, done: it begins once home has been drawn with the journal open, which
        # a busy machine may not have done yet when the journal opens (its give back then landed here).
        await until(pilot, lambda: bool(frozen))  # the warm-up has begun: it freezes, then gives back
        await app.workers.wait_for_complete()
        monkeypatch.setattr(allocator, "give_back", given_back)
        review = await open_review(pilot)
        await until(pilot, lambda: review.searched)
        # Another search of the same answers: nothing more read, nothing more to give back.
        await pilot.press("ctrl+f", *"river")
        await until(pilot, lambda: review.searched and review.query_one("#search", Input).value == "river")
    reads = events.count("read")
    assert reads == 15  # every run but the newest
    # In the reading thread, before every GIVE_BACK_EVERY-th run is read: the runs before it were folded
    # and let go by then.
    expected = []
    for number in range(1, reads + 1):
        if number % GIVE_BACK_EVERY == 0:
            expected.append("given back, in_loop=False")
        expected.append("read")
    expected.append("given back, every run read")  # once, when the search had read and folded them all
    assert events == expected
