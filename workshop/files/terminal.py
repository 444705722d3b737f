"""Whether a passphrase can be asked for on this terminal with the typing hidden."""

from __future__ import annotations

import os
import sys


def terminal_available() -> bool:
    """True when a prompt can be shown and read with echo off.

    ``getpass`` falls back to reading standard input with echo ON when there is no terminal, showing the
    passphrase to anyone watching or logging; this check keeps it from ever getting there.
    """
    if os.name == "nt":
        return sys.stdin is not None and sys.stdin.isatty()
    try:
        fd = os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY)
    except OSError:
        return False
    os.close(fd)
    return True
