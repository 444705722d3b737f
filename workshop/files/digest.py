"""SHA-256 without OpenSSL: the program cache's key and the journal's file signatures.

``hashlib`` loads OpenSSL's digests (``_hashlib``): 0.6 MiB of resident memory for the whole session
(issue 20: the app within 20 MiB of a bare Textual app), for a digest CPython also ships on its own
(``_sha256`` up to 3.11, ``_sha2`` since 3.12). Same digest, about five times slower (275 against 1,480
MB/s here: 0.05 ms for a 13 kB day file), which no key waits for. ``hashlib`` is the fallback where
neither module exists (another Python build).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hashlib import _Hash

for _name in ("_sha256", "_sha2", "hashlib"):
    try:
        sha256: Callable[[bytes], _Hash] = importlib.import_module(_name).sha256
        break
    except (ImportError, AttributeError):
        continue
