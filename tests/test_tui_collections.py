"""Python's full garbage collections stay short while the app runs: what survives one is frozen, so the next
walks only what is newer (``workshop.tui.gc_policy.keep_full_collections_short``). Checked in a child process:
freezing in the test process would change how every later test collects its garbage."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

CHILD = textwrap.dedent(
    """
    import argparse, gc, weakref
    from pathlib import Path

    from workshop.tui import app as app_module, gc_policy, launch


    class Node:
        pass


    def tracked(thing):
        return any(each is thing for each in gc.get_objects())


    class FakeApp:
        journal = None
        return_code = 0

        def run(self):
            # The policy is in place while the app runs.
            print("installed", gc.callbacks.count(gc_policy._freeze_after_full_collection))
            # Something made while the app runs and still alive at a full collection: frozen by it.
            kept = Node()
            kept.me = kept  # a cycle, so that only the collector could ever free it
            gone = Node()
            gone.me = gone
            gone_ref = weakref.ref(gone)
            del gone
            gc.collect(1)  # a young collection freezes nothing
            print("young", tracked(kept), gone_ref() is None)
            gc.collect()
            print("full", tracked(kept), gone_ref() is None)
            newer = Node()
            newer.me = newer
            print("newer", tracked(newer))
            # What was frozen and is let go later (a step taken off the screen) waits for the day's end.
            kept_ref = weakref.ref(kept)
            del kept
            gc.collect()
            print("frozen garbage kept", kept_ref() is not None)
            gc_policy.collect_what_the_day_left()
            print("freed at the day's end", kept_ref() is None, tracked(newer))

        def save_now(self):
            return None


    app_module.make_app = lambda *args, **options: FakeApp()
    launch.program_for_app = lambda args: object()
    gc_policy.keep_full_collections_short()  # once more: still one callback
    print(launch.run_app(argparse.Namespace(data_dir=str(Path.cwd() / "data"))))
    """
)


def test_what_survives_a_full_collection_is_frozen_and_the_garbage_freed(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHILD], capture_output=True, text=True, cwd=str(tmp_path), timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:7] == [
        "installed 1",  # run_app put it in place, once however often it is asked
        "young True True",  # a young collection frees the garbage and leaves the survivors to be walked
        "full False True",  # a full one frees the garbage and freezes what is left: not walked again
        "newer True",  # what is made afterwards is walked by the next collection, and freed if garbage
        "frozen garbage kept True",  # the price of freezing: a frozen cycle let go is not walked again...
        "freed at the day's end True False",  # ...until the day is over: freed, and what lives frozen again
        "0",
    ]
