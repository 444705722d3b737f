"""The recovery page: the secret key as text and as a QR code that a scanner reads back, and plain words."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from workshop.journal.crypto import Identity
from workshop.reports.html_page import CSP
from workshop.reports.recovery_page import recovery_page

needs_zbar = pytest.mark.skipif(
    # Skipped without zbarimg, except where WORKSHOP_REQUIRE_ZBAR is set (.ci/run): there it must run.
    shutil.which("zbarimg") is None and not os.environ.get("WORKSHOP_REQUIRE_ZBAR"),
    reason="zbarimg is not installed (Debian package zbar-tools)",
)


@pytest.fixture
def identity() -> Identity:
    return Identity.generate()


@pytest.fixture
def page(identity: Identity) -> str:
    return recovery_page(identity, made=date(2025, 3, 3))


def svg_modules(page: str) -> set[tuple[int, int]]:
    """The dark modules of the page's QR code, read back from its SVG path (as segno draws it)."""
    (svg,) = re.findall(r"<svg.*?</svg>", page, re.DOTALL)
    (path,) = re.findall(r'class="qrline"[^>]* d="([^"]+)"', svg)
    dark, x, y = set(), 0.0, 0.0
    for command, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?", path):
        if command == "M":
            x, y = float(a), float(b)
        elif command == "m":
            x, y = x + float(a), y + float(b)
        else:  # h: a horizontal run of dark modules on the row at y - 0.5
            dark |= {(int(x) + i, int(y - 0.5)) for i in range(int(float(a)))}
            x += float(a)
    return dark


def as_pbm(dark: set[tuple[int, int]], size: int, scale: int = 8) -> bytes:
    """The modules as a plain PBM image, ``scale`` pixels each: a format every image reader knows."""
    rows = []
    for y in range(size * scale):
        row = ["1" if (x // scale, y // scale) in dark else "0" for x in range(size * scale)]
        rows.append(" ".join(row))
    return f"P1\n{size * scale} {size * scale}\n".encode() + "\n".join(rows).encode() + b"\n"


def test_the_page_holds_the_key_the_date_and_what_to_do(page: str, identity: Identity) -> None:
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert identity.secret_key() in text  # the groups are spaced by CSS only: copying gives the key exactly
    assert identity.recipient.text in text
    assert "Made on 3 March 2025." in text
    assert "nobody can read it, and nobody can get it back for you" in text
    assert "age -d -i key.txt -o day-1.txt day-1-achievement.toml" in text
    assert "delete this file" in text


def test_the_page_is_self_contained_and_loads_nothing(page: str) -> None:
    assert f'content="{CSP}"' in page
    assert "<script" not in page
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", page)
    assert page.count("<svg") == 1
    assert "@media print" in page and "@page" in page


def test_the_qr_code_is_the_secret_key_by_construction(page: str, identity: Identity) -> None:
    import segno

    expected = segno.make_qr(identity.secret_key(), error="q", boost_error=False)
    border = 4
    from_matrix = {
        (x + border, y + border)
        for y, row in enumerate(expected.matrix)
        for x, module in enumerate(row)
        if module
    }
    assert svg_modules(page) == from_matrix
    assert expected.mode == "alphanumeric"  # the compact mode: a small code that prints sharply


@needs_zbar
def test_a_scanner_reads_the_secret_key_from_the_qr_code(
    page: str, identity: Identity, tmp_path: Path
) -> None:
    dark = svg_modules(page)
    size = max(x for x, _ in dark) + 5  # the quiet zone of four modules on each side
    image = tmp_path / "qr.pbm"
    image.write_bytes(as_pbm(dark, size))
    done = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(image)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == identity.secret_key()
