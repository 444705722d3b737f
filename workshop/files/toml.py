"""The one writer of TOML strings: text in, a TOML string out that reads back exactly.

The journal writes its files with it (``workshop/journal/format.py``), and ``workshop new`` the content
files it scaffolds (``workshop/content/scaffold.py``); a whole table that needs no particular layout (the
settings) is written with tomli-w instead.

Two forms, both exact:

- ``literal`` (the journal's): a literal string, ``'...'``, or ``'''...'''`` for text with a line break or
  an apostrophe, which reads back fast and reads well by hand. Text that a literal string cannot hold
  (CR, NUL and other control characters, three apostrophes in a row) falls back to an escaped basic string.
- ``basic`` (content files, where authors expect double quotes): an escaped basic string, ``"..."``, or
  for text with a line break that needs no escape, a multi-line basic string (three double quotes on the
  line above, the text as it is), so prose reads as prose.

Escaping is one regular expression over the text, so a 1 MB answer costs microseconds.
"""

from __future__ import annotations

import re
from typing import Literal

# A literal string holds anything but control characters (tab and newline excepted) and three quotes.
_NOT_LITERAL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]|'''")
# A basic string must escape the quote, the backslash and every control character but tab.
_BASIC_SPECIAL = re.compile(r'[\x00-\x08\x0a-\x1f\x7f"\\]')
_ESCAPES = {"\b": "\\b", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}
# A multi-line basic string holds the text as it is unless it needs an escape (a backslash, a control
# character, a carriage return among them) or holds three quotes.
_NOT_MULTILINE_BASIC = re.compile(r'[\x00-\x08\x0b-\x1f\x7f\\]|"""')
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def _escape(match: re.Match[str]) -> str:
    char = match.group(0)
    return _ESCAPES.get(char) or f"\\u{ord(char):04x}"


def basic_string(text: str) -> str:
    """``text`` as an escaped TOML basic string, ``"..."``, on one line."""
    return '"' + _BASIC_SPECIAL.sub(_escape, text) + '"'


def toml_string(text: str, *, form: Literal["literal", "basic"] = "literal") -> str:
    """``text`` as a TOML string that reads back exactly (see the forms above)."""
    # The newline right after opening triple quotes is dropped by readers, so the text starts fresh.
    if form == "literal" and _NOT_LITERAL.search(text) is None:
        if "\n" in text or "'" in text:
            return "'''\n" + text + "'''"
        return "'" + text + "'"
    if form == "basic" and "\n" in text and not _NOT_MULTILINE_BASIC.search(text) and not text.endswith('"'):
        return '"""\n' + text + '"""'
    return basic_string(text)


def toml_key(key: str) -> str:
    """``key`` as a TOML key: bare when it is a plain id, else an escaped basic string (a key cannot be a
    multi-line string)."""
    return key if _BARE_KEY.fullmatch(key) else basic_string(key)
