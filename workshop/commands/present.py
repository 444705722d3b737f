"""``workshop present``: project one day of the program to a room, or follow it with the notes window."""

from __future__ import annotations

import argparse
from pathlib import Path

from workshop.invocation import EXIT_INVALID, EXIT_OK, EXIT_USAGE, error, load_program, no_such_day

NAME = "present"
HELP = "project a day of the program to a room: slides, timers, facilitator notes (--notes)"
ORDER = 40


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--day", type=int, default=1, metavar="N", help="which day to present (default: 1)")
    parser.add_argument(
        "--notes",
        action="store_true",
        help="open the facilitator notes window; it follows `workshop present` running in another terminal",
    )
    parser.add_argument(
        "--theme",
        choices=("dark", "light"),
        default="dark",
        help="dark: light text on black (default); light: black text on white. `t` switches while presenting",
    )
    parser.add_argument(
        "--export",
        choices=("html",),
        help="write the day's slides as a printable page instead of presenting: one landscape page per "
        "slide, with the facilitator notes beside each slide when --notes is given",
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="with --export: write to FILE instead of standard output"
    )
    parser.add_argument(
        "--bell",
        action="store_true",
        help="ring the terminal bell when a timer moves to its next phase (write, then pairs) or runs out",
    )
    parser.add_argument(
        "--sync-file",
        metavar="PATH",
        help="the file the presenter writes and the notes window reads "
        "(default: one per program and day in your private runtime folder)",
    )


def run(args: argparse.Namespace) -> int:
    program = load_program(args)
    if program is None:
        return EXIT_INVALID
    from workshop.paths import present_state_file
    from workshop.present.deck import build_deck, module_for_day

    module = module_for_day(program, args.day)
    if module is None:
        return no_such_day(program, args.day)
    if args.export:
        from workshop.commands.guide import save_or_print
        from workshop.reports.printed_deck import printed_deck

        return save_or_print(printed_deck(program, module, notes=args.notes), args.output)
    if args.output:
        error("--output goes with --export html (to write the slides as a printable page)")
        return EXIT_USAGE
    sync_path: Path | None
    try:
        if args.sync_file:
            sync_path = Path(args.sync_file).expanduser()
        else:
            sync_path = present_state_file(program.id, module.day)
    except OSError as failure:
        error(f"the notes window cannot follow this session: {failure.strerror or failure}")
        if args.notes:
            return EXIT_INVALID
        sync_path = None

    from workshop.tui.terminal import keys_kept_from_the_start

    with keys_kept_from_the_start():  # ctrl+q typed while the slides load quits, as in the workshop
        from workshop.present.app import NotesApp, PresentApp  # deferred: only now do we need Textual

        if args.notes:
            assert sync_path is not None
            NotesApp(sync_path, module.day, theme=args.theme).run()
        else:
            deck = build_deck(program, module)
            PresentApp(deck, sync_path=sync_path, theme=args.theme, handle_signals=True, bell=args.bell).run()
    return EXIT_OK
