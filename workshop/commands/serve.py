"""``workshop serve``: the workshop (or a day's slides) in a web browser, openable only by whoever started it.

For rooms where a browser's zoom is easier than a terminal's font. The server (``workshop/web.py``)
starts one ``workshop`` process per browser tab, with the same ``--program`` and ``--data-dir``: whoever
opens the page reads and writes that journal. So it listens on loopback unless told otherwise, and every
address it serves holds a secret made for this run, printed once here: a page from anywhere else, or
anyone without the address, is refused.
"""

from __future__ import annotations

import argparse
import errno
import ipaddress
import shlex
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from workshop.invocation import EXIT_INVALID, EXIT_OK, EXIT_USAGE, error, load_program, no_such_day

if TYPE_CHECKING:
    from workshop.web import Session, WorkshopServer

NAME = "serve"
HELP = "the workshop, or a day's slides (--present), in your web browser; only you can open it"
ORDER = 45

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
LOOPBACK_NAMES = {"localhost", "localhost.", "ip6-localhost"}

WIDE_WARNING = (
    "workshop: warning: serving on {host} lets other machines that can reach this one on port {port} "
    "ask for the workshop. They are refused without the address below, which holds this session's key: "
    "give it to no one, use this only on a network you trust, and stop it (Ctrl+C) when the session ends. "
    "The connection is not encrypted."
)


def port_number(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"{value} is not between 0 and 65535")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"address to listen on (default: {DEFAULT_HOST}: this machine only); others print a warning",
    )
    parser.add_argument(
        "--port",
        type=port_number,
        default=DEFAULT_PORT,
        help=f"port to listen on (default: {DEFAULT_PORT}; 0: any free port)",
    )
    parser.add_argument(
        "--present",
        action="store_true",
        help="serve a day's slides for a room (as `workshop present`), and the facilitator notes beside them",
    )
    parser.add_argument(
        "--day", type=int, default=1, metavar="N", help="with --present: which day (default: 1)"
    )
    parser.add_argument(
        "--theme", choices=("dark", "light"), default="dark", help="with --present: dark (default) or light"
    )


def is_loopback(host: str) -> bool:
    """True when ``host`` can only be reached from this machine (127.0.0.0/8, ::1, localhost)."""
    name = host.strip().strip("[]").lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def server_command(args: argparse.Namespace, *subcommand: str) -> str:
    """The shell command run for each browser tab: this ``workshop``, with the same options."""
    command = [sys.executable, "-m", "workshop"]
    program = getattr(args, "program", None)
    data_dir = getattr(args, "data_dir", None)
    if program:
        command += ["--program", str(Path(program).expanduser().resolve())]
    if data_dir:
        command += ["--data-dir", str(Path(data_dir).expanduser().resolve())]
    # textual-serve runs this through the shell: every part is quoted.
    return shlex.join([*command, *subcommand])


def sessions(args: argparse.Namespace, title: str) -> list[Session]:
    """What to serve: the workshop; or, with ``--present``, the day's slides and, at ``notes/``, its notes."""
    from workshop.web import Session

    if not args.present:
        return [Session("", server_command(args), title)]
    present = ("present", "--day", str(args.day), "--theme", args.theme)
    return [
        Session("", server_command(args, *present), f"{title}: day {args.day}"),
        Session("notes", server_command(args, *present, "--notes"), f"{title}: day {args.day}, notes"),
    ]


def build_server(args: argparse.Namespace, title: str = "workshop") -> WorkshopServer:
    """The server for these arguments (not yet listening), with a new secret."""
    from workshop.web import WorkshopServer

    return WorkshopServer(
        sessions(args, title), host=args.host.strip(), port=args.port, loopback=is_loopback(args.host)
    )


def _ready(present: bool, wide: bool) -> Callable[[WorkshopServer], None]:
    """What to print once listening; ``wide``: listening on every address, shown as 127.0.0.1."""
    def say(server: WorkshopServer) -> None:
        if present:
            lines = [
                "Open the slides in the browser you project from:",
                f"    {server.url()}",
                "and the facilitator notes in a window only you can see:",
                f"    {server.url('notes')}",
            ]
        else:
            lines = ["Open the workshop in your browser at this address:", f"    {server.url()}"]
        if wide:
            lines.append("From another machine, use this machine's name or address in place of 127.0.0.1.")
        lines += [
            "It holds a key made for this session: anyone with the address can open it, so keep it to "
            "yourself. Stop with Ctrl+C.",
        ]
        print("\n".join(lines), flush=True)

    return say


def run(args: argparse.Namespace) -> int:
    if not args.host.strip():
        error("--host must not be empty")
        return EXIT_USAGE
    # Check the program (and the day) here, where a problem can be read, not in a blank browser tab.
    program = load_program(args)
    if program is None:
        return EXIT_INVALID
    if args.present:
        from workshop.present.deck import module_for_day

        if module_for_day(program, args.day) is None:
            return no_such_day(program, args.day)
    if not is_loopback(args.host):
        print(WIDE_WARNING.format(host=args.host, port=args.port), file=sys.stderr)
    server = build_server(args, program.title)
    try:
        server.serve(_ready(args.present, wide=args.host.strip().strip("[]") in ("0.0.0.0", "::")))
    except OSError as failure:
        if failure.errno == errno.EADDRINUSE:
            error(f"port {args.port} is already in use (by another program?); choose one with --port")
        else:
            error(f"cannot listen on {args.host} port {args.port} ({failure.strerror or failure})")
        return EXIT_INVALID
    return EXIT_OK
