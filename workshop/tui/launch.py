"""Start the Textual app from parsed command-line arguments."""

from __future__ import annotations

import argparse

from workshop.commands._common import EXIT_INVALID, load_program


def run_app(args: argparse.Namespace) -> int:
    program = load_program(args)
    if program is None:
        return EXIT_INVALID
    from textual.app import App
    from textual.widgets import Footer, Header, Label

    class Home(App[None]):
        def compose(self):  # type: ignore[no-untyped-def]
            yield Header()
            for module in program.modules:
                yield Label(f"Day {module.day}: {module.title}", markup=False)
            yield Footer()

    Home().run()
    return 0
