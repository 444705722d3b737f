"""Paper, printed: headless Chromium prints the slides, run sheets and guides, and we count the pages.

HTML cannot promise a page count; only printing can tell. These tests print as a facilitator would
(Chromium's defaults: US Letter, no background graphics) and check what must hold on paper: every slide
on exactly one page, even the most crowded slide a content file can produce; each run sheet on one page;
each day's agenda on the guide's first page.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.paper_helpers import chromium, pdf_pages, print_to_pdf
from workshop.content.loader import load_program
from workshop.content.models import Program
from workshop.present.deck import build_deck
from workshop.reports.handouts import guide, run_sheet
from workshop.reports.printed_deck import printed_deck

BROWSER = chromium()

pytestmark = [
    pytest.mark.slow,
    # Skipped without Chromium, except where WORKSHOP_REQUIRE_CHROMIUM is set (.ci/run): there they must run.
    pytest.mark.skipif(
        BROWSER is None and not os.environ.get("WORKSHOP_REQUIRE_CHROMIUM"),
        reason="chromium is not installed (.ci/run installs it)",
    ),
]


def _combined(pages: list[str]) -> str:
    """Several printable pages with the same styles as one document, so one print covers them all."""
    head, _, _ = pages[0].partition("<body>")
    bodies = [page.partition("<body>")[2].rpartition("</body>")[0] for page in pages]
    return f"{head}<body>{''.join(bodies)}</body>\n</html>\n"


def _print(tmp_path: Path, name: str, html: str) -> bytes:
    assert BROWSER is not None, "chromium is needed here (apt-get install chromium)"
    source = tmp_path / f"{name}.html"
    source.write_text(html, encoding="utf-8")
    return print_to_pdf(BROWSER, source)


CROWDED_MODULE = """
id = "crowded"
day = 1
title = "{title}"
summary = "{sentence}"
minutes = 30
facilitator_notes = \"\"\"{prose}\"\"\"

[[steps]]
id = "long-reading"
kind = "reading"
title = "{title}"
notes = \"\"\"{prose}\"\"\"
body = \"\"\"{passage}\"\"\"

[[steps]]
id = "long-rank"
kind = "rank"
title = "{title}"
question = "{sentence}"
options = [{options}]
pick = 20

[[steps]]
id = "long-prompt"
kind = "prompt"
title = "{title}"
intro = \"\"\"{prose}\"\"\"
question = "{sentence}"
hints = [{hints}]
discussion = "{sentence}"
notes = \"\"\"{prose}\"\"\"
"""


def _crowded_program(tmp_path: Path) -> Program:
    """A day whose every field is as long as the content model allows."""
    words = "Wide words make the longest lines when people write about their working day in clinic "
    title = (words * 2)[:120].strip()
    sentence = (words * 8)[:600].strip()
    paragraph = (words * 6)[:500].strip()
    prose = "\n\n".join([paragraph] * 11)[:6000].strip()
    passage = "\n\n".join([paragraph] * 23)[:12000].strip()
    options = ", ".join(f'"{n:02d} {(words * 2)[:110].strip()}"' for n in range(40))
    hints = ", ".join(f'"{n} {sentence[:590]}"' for n in range(6))
    folder = tmp_path / "crowded"
    folder.mkdir()
    (folder / "program.toml").write_text(
        'id = "crowded"\ntitle = "Crowded"\nversion = "1.0"\ndescription = "Every field at its longest."\n'
        'modules = ["crowded.toml"]\n'
    )
    (folder / "crowded.toml").write_text(
        CROWDED_MODULE.format(
            title=title, sentence=sentence, prose=prose, passage=passage, options=options, hints=hints
        )
    )
    return load_program(folder)


def test_every_slide_prints_on_exactly_one_page_with_and_without_notes(
    tmp_path: Path, shipped: Program
) -> None:
    crowded = _crowded_program(tmp_path)
    decks = [(shipped, module) for module in shipped.modules] + [(crowded, crowded.modules[0])]
    # One print for both: the pages with notes use the same styles as those without.
    html = _combined([printed_deck(p, m, notes=notes) for notes in (False, True) for p, m in decks])
    slides = sum(len(build_deck(program, module).slides) for program, module in decks)
    assert slides == 19 + 20 + 19 + 21 + 7
    assert pdf_pages(_print(tmp_path, "deck", html)) == 2 * slides


def test_each_run_sheet_is_one_page_even_for_a_long_day(tmp_path: Path, shipped: Program) -> None:
    long_day = tmp_path / "long"
    long_day.mkdir()
    (long_day / "program.toml").write_text(
        'id = "long"\ntitle = "Long"\nversion = "1.0"\ndescription = "Forty steps."\nmodules = ["long.toml"]\n'
    )
    steps = "".join(
        f'\n[[steps]]\nid = "step-{n}"\nkind = "prompt"\ntitle = "A step with a title of a usual length {n}"\n'
        f'question = "Why?"\nminutes = 2\n'
        + ('phases = [{ label = "Write", minutes = 1 }, { label = "Pairs", minutes = 1, format = "pairs" }]\n'
           if n < 5 else "")
        for n in range(40)
    )  # fmt: skip
    (long_day / "long.toml").write_text(
        f'id = "long"\nday = 1\ntitle = "Long"\nsummary = "Long."\nminutes = 80\n{steps}'
    )
    long_program = load_program(long_day)
    sheets = [run_sheet(shipped, module, fmt="html") for module in shipped.modules]
    sheets.append(run_sheet(long_program, fmt="html"))  # 40 steps, 10 phases: 55 rows
    assert pdf_pages(_print(tmp_path, "runsheets", _combined(sheets))) == len(shipped.modules) + 1


@pytest.mark.skipif(
    shutil.which("pdftotext") is None and not os.environ.get("WORKSHOP_REQUIRE_CHROMIUM"),
    reason="pdftotext (poppler-utils) is not installed (.ci/run installs it)",
)
def test_each_days_agenda_is_whole_on_the_first_page_of_its_day(tmp_path: Path, shipped: Program) -> None:
    pdf = tmp_path / "guide.pdf"
    pdf.write_bytes(_print(tmp_path, "guide", guide(shipped, fmt="html")))  # every day: each starts a page
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    pages = [re.sub(r"\s+", " ", page) for page in text.stdout.split("\f")]
    for module in shipped.modules:
        first = next(page for page in pages if f"Day {module.day}, {module.title}" in page)
        assert "Agenda" in first
        for slide in build_deck(shipped, module).slides:
            assert f"{slide.number} {slide.title}" in first, (module.day, slide.title)
        assert re.search(r"\d:\d\d End", first)
        assert "Planned: " in first
