"""Self-contained HTML pages: the journal export, the north-star page, guides and handouts.

Every page is one file that works offline and can load or run nothing (a Content-Security-Policy that
allows inline styles only), and every piece of text in it, from a user or a content file, is escaped
after its control characters are removed.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator

from workshop.text import display_text

CSP = "default-src 'none'; style-src 'unsafe-inline'"


def html_text(text: str) -> str:
    """``text`` (typed by a user or read from a file) made safe inside HTML, attributes included."""
    return html.escape(display_text(text), quote=True)


def page(title: str, css: str, body: Iterable[str]) -> str:
    """A complete page around ``body`` (lines of HTML already escaped); ``title`` is plain text."""
    return "".join(page_pieces(title, css, [list(body)]))


def page_pieces(title: str, css: str, bodies: Iterable[list[str]]) -> Iterator[str]:
    """``page`` a piece at a time: the head, each list of body lines as it is made, then the end. Joined,
    the pieces are ``page(title, css, every body line)``."""
    head = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # Belt and braces: even if something slipped through escaping, nothing could load or run.
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        f"<title>{html_text(title)}</title>",
        f"<style>{css}</style>",
        "</head>",
        "<body>",
    ]
    yield "\n".join(head)
    for lines in bodies:
        if lines:
            yield "\n" + "\n".join(lines)
    yield "\n</body>\n</html>\n"
