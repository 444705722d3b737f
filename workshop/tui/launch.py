"""Start the Textual app from parsed command-line arguments."""

from __future__ import annotations

import argparse

from workshop.commands._common import EXIT_INVALID, EXIT_OK, data_dir, error, load_program


def run_app(args: argparse.Namespace) -> int:
    """Load and validate the program, then run the app; a broken program never reaches the screen."""
    program = load_program(args)
    if program is None:
        return EXIT_INVALID
    from workshop.tui.app import make_app

    app = make_app(program, data_dir(args))
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
