"""``workshop calendar``: the follow-up check-ins and dated plans of a run, as an ``.ics`` file for the
user's own calendar. The app never runs in the background: the calendar does the reminding.

It only reads, without taking the one-window lock, so it works while the workshop is open.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workshop.invocation import EXIT_INVALID, EXIT_OK, EXIT_USAGE, data_dir, error, load_program

NAME = "calendar"
HELP = "write the follow-up check-ins and your dated plans to an .ics file for your own calendar"
ORDER = 57
NOTHING_YET = "Nothing to remind you of yet: the check-ins count from the day you finish the last day."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--run", type=int, metavar="N", help="the check-ins and plans of run N (default: the latest finished)"
    )
    parser.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help="write to FILE (readable only by you) instead of the exports folder of your journal",
    )
    parser.add_argument(
        "--full-text",
        action="store_true",
        help="put each dated plan's own words in its event. By default events say only 'Workshop "
        "check-in' and 'A plan you made', so a shared calendar shows nothing private",
    )
    from workshop.commands._passphrase import add_passphrase_options

    add_passphrase_options(parser)


def run(args: argparse.Namespace) -> int:
    from workshop.commands._passphrase import open_journal
    from workshop.journal.errors import JournalError, NoSuchRun
    from workshop.reports.calendar import PRIVACY_NOTE, write_calendar

    program = load_program(args)
    if program is None:
        return EXIT_INVALID
    output = Path(args.output).expanduser() if args.output else None
    if output is not None and output.is_dir():
        error(f"{output}: is a folder; give a file name")
        return EXIT_USAGE
    try:
        with open_journal(data_dir(args), program, args) as journal:  # an encrypted one is unlocked here
            identity = journal.identity
        path, count = write_calendar(
            data_dir(args), program, run_number=args.run, full_text=args.full_text, output=output,
            identity=identity,
        )
    except JournalError as failure:
        error(str(failure))
        return EXIT_USAGE if isinstance(failure, NoSuchRun) else EXIT_INVALID
    events = f"{count} event{'' if count == 1 else 's'}"
    print(f"Wrote {events} to {path}", file=sys.stderr)
    if count == 0:
        print(NOTHING_YET, file=sys.stderr)
    elif not args.full_text:
        print(PRIVACY_NOTE, file=sys.stderr)
    print("Open the file with your calendar app to add the reminders.", file=sys.stderr)
    return EXIT_OK
