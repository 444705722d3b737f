"""The recovery page: the journal's secret key on paper, as text and as a QR code, with how to use it.

Offered once, when encryption is turned on. It is the only way back into an encrypted journal without the
passphrase, so it says so plainly, and says that the file itself is as secret as the journal: print it,
then delete the file. One self-contained page (``workshop/reports/html_page.py``) that fits one sheet of A4 or
Letter paper.

(A printable page belongs with the reports once the layers are re-cut; it lives beside the keys until then.)
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from workshop.journal.crypto import Identity
from workshop.paths import IDENTITY_FILE
from workshop.reports.html_page import html_text
from workshop.reports.html_page import page as html_page

TITLE = "Recovery page for your workshop journal"

_CSS = """
:root { color-scheme: light; }
body { font: 11.5pt/1.45 Georgia, "Times New Roman", serif; color: #1d1d1d; background: #fff;
       max-width: 40em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 1.6em; margin: 0; }
.sub { color: #555; margin: .2em 0 1em; }
h2 { font-size: 1em; text-transform: uppercase; letter-spacing: .08em; color: #444;
     border-bottom: 1px solid #bbb; padding-bottom: .1em; margin: 1.2em 0 .5em; }
.warning { border: 2px solid #1d1d1d; padding: .5em .8em; margin: 1em 0; }
.key { display: flex; gap: 1.2em; align-items: center; }
.key svg { width: 42mm; height: 42mm; flex: none; }
.secret { font: 13pt/1.7 "DejaVu Sans Mono", Menlo, Consolas, monospace; letter-spacing: .05em;
          border: 1px dashed #888; padding: .4em .6em; margin: 0; }
.secret span { display: inline-block; margin-right: .6em; }
.public { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .85em;
          overflow-wrap: anywhere; }
code, pre { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .85em; }
pre { background: #f3f3f3; padding: .4em .6em; white-space: pre-wrap; overflow-wrap: anywhere; }
ol { padding-left: 1.4em; } li { margin: .3em 0; }
.screen-only { background: #fff6d6; border: 1px solid #d9b300; padding: .5em .8em; }
.small { font-size: .92em; }
@page { margin: 15mm; }
@media print { body { margin: 0 auto; max-width: none; font-size: 10.5pt; } .screen-only { display: none; }
               h2 { break-after: avoid; } .key, pre, .warning { break-inside: avoid; } }
"""


def recovery_qr_svg(identity: Identity) -> str:
    """The secret key as a QR code, an ``<svg>`` element to put straight into HTML."""
    import segno  # deferred: 50 ms to import, and only this page needs it

    # Error correction Q survives a quarter of the code being smudged or folded. The key is upper-case
    # letters, digits and hyphens, so it fits the compact alphanumeric mode: version 5, 37x37 modules.
    code = segno.make_qr(identity.secret_key(), error="q", boost_error=False)
    return code.svg_inline(
        scale=1, border=4, omitsize=True, dark="#000", light="#fff", title="The secret key as a QR code"
    )


def recovery_page(identity: Identity, *, made: date) -> str:
    """The whole page for ``identity``, made on ``made``."""
    secret = _grouped(identity.secret_key())
    public = html_text(identity.recipient.text)
    when = html_text(f"{made.day} {made:%B %Y}")
    body = [
        f"<h1>{html_text(TITLE)}</h1>",
        f'<p class="sub">Made on {when}.</p>',
        '<p class="screen-only"><strong>Print this page now, check that the key below printed whole, then '
        "delete this file and empty the bin.</strong> As a file on a computer it is as secret as your "
        "journal.</p>",
        '<div class="warning"><p><strong>This page is the key to your journal.</strong> Your journal is '
        "encrypted. Without your passphrase or this page nobody can read it, and nobody can get it back for "
        "you: not the workshop, not its authors, not anyone. With this page, anyone can read it without the "
        "passphrase.</p>"
        "<p>Keep it where you keep a passport: a locked drawer, a safe, with your important papers. Not on a "
        "computer, a phone or a cloud service.</p></div>",
        "<h2>Your secret key</h2>",
        f'<div class="key">{recovery_qr_svg(identity)}',
        f'<p class="secret">{secret}</p></div>',
        '<p class="small">The code holds the same key, for scanning instead of typing. The gaps help you '
        "copy it by hand and are not part of it. For checking, the public key that goes with it (not secret) "
        "is "
        f'<span class="public">{public}</span>.</p>',
        "<h2>If you forget your passphrase or lose the key file</h2>",
        "<p>The workshop can make a new key file from this page, with a new passphrase: it asks for the key "
        "above, typed or pasted. See “If something goes wrong” in the workshop's "
        "<code>docs/encryption.md</code>.</p>",
        "<h2>Reading your journal without the workshop</h2>",
        "<p>Every journal file is a standard <em>age</em> file, which the free <code>age</code> tool "
        "(age-encryption.org; in most Linux distributions and in Homebrew) opens, today or in twenty "
        "years:</p>",
        "<ol>",
        "<li>Save the key above in a file, on one line and without the gaps, for example "
        "<code>key.txt</code>.</li>",
        "<li>Decrypt a file of the journal into plain text that any editor reads: "
        "<pre>age -d -i key.txt -o day-1.txt day-1-achievement.toml</pre></li>",
        "<li>Delete <code>key.txt</code> when you are done. (With your passphrase instead of this page, "
        f"<code>-i {html_text(IDENTITY_FILE)}</code>, the key file in your data folder, does the same and "
        "asks for the passphrase.)</li>",
        "</ol>",
    ]
    return html_page(TITLE, _CSS, body)


def _grouped(secret_key: str, size: int = 6) -> str:
    """The key in groups of ``size`` characters, spaced by CSS alone: copying it gives the key exactly."""
    prefix, rest = secret_key[:16], secret_key[16:]  # "AGE-SECRET-KEY-1", then the bech32 data
    groups = [rest[start : start + size] for start in range(0, len(rest), size)]
    return "".join(f"<span>{html_text(part)}</span>" for part in [prefix, *groups])


def write_recovery_page(identity: Identity, output: Path, *, made: date | None = None) -> Path:
    """Write the page to ``output``, private to the user. Raises ``JournalError``."""
    from workshop.reports.export import write_private_document

    write_private_document(output, recovery_page(identity, made=made or date.today()), "the recovery page")
    return output
