"""``workshop`` with a lag recorder (``lag.py``), for the typing benchmark. Same arguments as ``workshop``.

Nothing of the app changes: a subclass adds one more ``on_mount`` handler (Textual runs the handlers of
every class in the hierarchy), ``Journal.save`` is wrapped to record when saves ran, and the day screen's
step opening to record which step was opening or on screen.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from lag import start_heartbeat, time_saves, time_steps

from workshop.tui import app as tui_app


class InstrumentedApp(tui_app.WorkshopApp):
    # Textual finds CSS_PATH beside the file of the class that sets it; this class lives elsewhere.
    CSS_PATH = [str(Path(tui_app.__file__).parent / path) for path in tui_app.WorkshopApp.CSS_PATH]  # noqa: RUF012

    def on_mount(self) -> None:
        start_heartbeat(self)


def make_app(program: Any, data_dir: Path, **options: Any) -> InstrumentedApp:
    return InstrumentedApp(program, data_dir, **options)


if __name__ == "__main__":
    time_saves()
    time_steps()
    tui_app.make_app = make_app  # launch.run_app looks it up at call time
    from workshop.cli import main

    sys.exit(main(sys.argv[1:]))
