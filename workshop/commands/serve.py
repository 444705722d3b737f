"""``workshop serve``: the workshop in a web browser, through textual-serve, on this machine by default.

For rooms where a browser's zoom is easier than a terminal's font. The server starts one ``workshop``
process per browser tab, with the same ``--program`` and ``--data-dir``: whoever opens the page reads and
writes that journal. So it listens on loopback unless told otherwise, and warns when told otherwise.
"""

from __future__ import annotations

import argparse
import ipaddress
import shlex
import sys
from pathlib import Path
from typing import Any

from workshop.commands._common import EXIT_OK, EXIT_USAGE, error

NAME = "serve"
HELP = "serve the workshop to a web browser (textual-serve); on this machine only, unless --host says so"
ORDER = 45

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
LOOPBACK_NAMES = {"localhost", "localhost.", "ip6-localhost"}

WIDE_WARNING = (
    "workshop: warning: serving on {host} lets anyone who can reach this machine on port {port} open the "
    "workshop, and read and write the journal in {data}. There is no password. Use it only on a network "
    "you trust, and stop it (Ctrl+C) when the session ends."
)


def port_number(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"{value} is not between 1 and 65535")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"address to listen on (default: {DEFAULT_HOST}: this machine only); others print a warning",
    )
    parser.add_argument(
        "--port", type=port_number, default=DEFAULT_PORT, help=f"port to listen on (default: {DEFAULT_PORT})"
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


def server_command(args: argparse.Namespace) -> str:
    """The shell command textual-serve runs for each browser tab: this ``workshop``, with the same options."""
    command = [sys.executable, "-m", "workshop"]
    program = getattr(args, "program", None)
    data_dir = getattr(args, "data_dir", None)
    if program:
        command += ["--program", str(Path(program).expanduser().resolve())]
    if data_dir:
        command += ["--data-dir", str(Path(data_dir).expanduser().resolve())]
    # textual-serve runs this through the shell: every part is quoted.
    return shlex.join(command)


def public_url(host: str, port: int) -> str:
    name = host.strip("[]")
    return f"http://[{name}]:{port}" if ":" in name else f"http://{name}:{port}"


def build_server(args: argparse.Namespace) -> Any:
    """A textual-serve Server for the workshop (not yet serving)."""
    from textual_serve.server import Server  # deferred: aiohttp and friends take a while to import

    class QuietServer(Server):
        def initialize_logging(self) -> None:
            # textual-serve's default log handler prints tracebacks with local variables, which could
            # hold what someone typed. Keep rich tracebacks, without locals.
            import logging

            from rich.logging import RichHandler

            logging.basicConfig(
                level="INFO",
                format="%(message)s",
                datefmt="[%X]",
                handlers=[RichHandler(show_path=False, show_time=False, tracebacks_show_locals=False,
                                      console=self.console)],
            )

    return QuietServer(
        server_command(args),
        host=args.host,
        port=args.port,
        title="workshop",
        public_url=public_url(args.host, args.port),
    )


def run(args: argparse.Namespace) -> int:
    if not args.host.strip():
        error("--host must not be empty")
        return EXIT_USAGE
    if not is_loopback(args.host):
        from workshop.commands._common import data_dir

        print(WIDE_WARNING.format(host=args.host, port=args.port, data=data_dir(args)), file=sys.stderr)
    build_server(args).serve()
    return EXIT_OK
