"""The warm-up's imports give way to keys (``workshop/tui/warm_up.py``): the thread that imports the
screens not on home waits while a key is fresh, never holds up the main thread's own imports, and stops
waiting when the main thread needs a module it has begun to import.

In a fresh interpreter each, with modules written for the test: the import system is process-wide.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

SETUP = """
import builtins, sys, threading, time
original_import = builtins.__import__
from pathlib import Path
folder = Path(sys.argv[1])
# warm_parent, once running, says a key came (as ``r`` typed while the screens warm up), then imports its
# child: the warming thread then holds warm_parent's lock while it gives way.
(folder / "warm_parent.py").write_text(
    "import __main__\\n__main__.key_at[0] = float('inf')\\n__main__.inside.set()\\nimport warm_child\\n"
)
(folder / "warm_child.py").write_text("")
(folder / "main_own.py").write_text("")
sys.path.insert(0, str(folder))
from workshop.tui.warm_up import giving_way

key_at = [0.0]  # when the last key came: long ago, until warm_parent says one came now (until the keys pause)
inside = threading.Event()

def warm():
    with giving_way(lambda: key_at[0]):
        import warm_parent

thread = threading.Thread(target=warm, daemon=True)
thread.start()
inside.wait(10)
import main_own  # the main thread's own import is not held (nor any other thread's)
time.sleep(0.3)  # time enough to import warm_child, which the thread must not do while the key is fresh
print("HELD", "main_own" in sys.modules and "warm_child" not in sys.modules)
"""


def run(tmp_path: Path, then: str) -> str:
    script = SETUP + textwrap.dedent(then)
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, timeout=30, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def test_the_warm_up_waits_while_a_key_is_fresh_and_goes_on_once_the_keys_pause(tmp_path: Path) -> None:
    out = run(tmp_path, """
        key_at[0] = 0.0  # the keys have paused
        thread.join(10)
        print("DONE", not thread.is_alive() and "warm_child" in sys.modules)
        print("PUT BACK", builtins.__import__ is original_import)
    """)
    assert "HELD True" in out and "DONE True" in out and "PUT BACK True" in out, out


def test_the_main_thread_needing_a_module_the_warm_up_has_begun_stops_the_waiting(tmp_path: Path) -> None:
    # A day opened while the screens warm up: the main thread waits for the module's lock, which the
    # warming thread holds; waiting for the keys to pause then would freeze the app for nothing.
    out = run(tmp_path, """
        import warm_parent  # the key is still fresh: without the check, this would wait forever (30 s)
        thread.join(10)
        print("DONE", not thread.is_alive() and "warm_child" in sys.modules)
    """)
    assert "HELD True" in out and "DONE True" in out, out
