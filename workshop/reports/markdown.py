"""Text from a user or a file made literal in Markdown: the Markdown counterpart of ``html_page.html_text``.

A Markdown viewer (an editor's preview, a notes app, a code host) turns ``<img src=...>`` into a request
to another host, ``![](http://...)`` into an image fetched from it, ``[x](javascript:...)`` into a link,
a line starting with ``#`` into a heading and ``[x]: http://...`` into a hidden link definition. None of
that may happen to what someone wrote, or to a program someone shared. So every ASCII character that can
start Markdown syntax is escaped with a backslash (CommonMark allows that before any ASCII punctuation,
and a viewer shows the character itself), and so is every character that would start a block at the
start of a line. Bare web addresses, which GitHub-flavoured viewers turn into links, are broken up the
same way (``https\\://``, ``www\\.``), so a link someone typed stays text in every format. The file
still reads well as plain text: only these characters gain a backslash, and a line's indentation is
kept with no-break spaces (four ordinary ones would turn it into a code block).
"""

from __future__ import annotations

import re

from workshop.text import display_text

# Anywhere in a line: emphasis, code, links and images, raw HTML and autolinks, tables, strikethrough,
# heading marks (a trailing "#" closes a heading) and block quotes. The backslash comes first, so the
# ones added for the others are not doubled. (One str.replace per character: a year's export has a
# hundred thousand of them, and a regular expression's replacement costs ten times as much.)
_SPECIAL = "\\`*_[]<>|~#"
# An HTML character reference ("&lt;", "&#60;") would show as the character it names, not as typed.
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# What GitHub-flavoured Markdown links without brackets: "scheme://..." and "www.".
_BARE_LINK = re.compile(r"(?i)(?<=[a-z])(:)(?=//)|(?<![\w.])(www)(\.)")
# Indentation: four spaces or a tab would make a code block, which shows every backslash above.
_INDENT = re.compile(r"^[ \t]+", re.MULTILINE)
NBSP = "\u00a0"
# At the start of a line: a list item ("- ", "+ ", "1. ", "1) "), a setext underline ("===").
_LINE_START = re.compile(rf"^({NBSP}*)(?:([-+=])|(\d+)([.)]))", re.MULTILINE)


def _line_start(match: re.Match[str]) -> str:
    indent, marker, number, delimiter = match.groups()
    # CommonMark escapes punctuation only: "\-" for a bullet, "1\." (not "\1.") for a numbered item.
    return f"{indent}\\{marker}" if marker else f"{indent}{number}\\{delimiter}"


def _bare_link(match: re.Match[str]) -> str:
    colon, www, dot = match.groups()
    return "\\:" if colon else f"{www}\\{dot}"


def md_text(text: str) -> str:
    """``text`` (control characters removed) as Markdown that shows exactly it: no markup, no link, no
    HTML, no heading or list, wherever it is put (after a ``- `` or ``> `` of ours included)."""
    escaped = _inline(display_text(text))
    # Leading spaces become no-break spaces: the indentation still shows, and never starts a code block.
    escaped = _INDENT.sub(lambda m: m.group().replace("\t", "    ").replace(" ", NBSP), escaped)
    return _LINE_START.sub(_line_start, escaped)


def md_line(text: str) -> str:
    """``text`` on one line (newlines become spaces) where only inline Markdown can start: after the
    ``#`` of a heading of ours, or in a table cell."""
    return _inline(" ".join(display_text(text).split()))


def _inline(text: str) -> str:
    escaped = text
    for char in _SPECIAL:
        if char in escaped:
            escaped = escaped.replace(char, "\\" + char)
    if "&" in escaped:
        escaped = _ENTITY.sub(r"\\&", escaped)
    if "://" in escaped or "www." in escaped.lower():
        escaped = _BARE_LINK.sub(_bare_link, escaped)
    return escaped
