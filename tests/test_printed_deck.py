"""``workshop present --export html``: the day's slides on paper, one page each, with or without notes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.paper_helpers import Node, mini_copy, parse
from workshop.cli import main
from workshop.content.loader import load_program
from workshop.content.models import Program
from workshop.present.deck import Slide, build_deck
from workshop.reports.printed_deck import PAGE_HEIGHT, SCALES, fit_scale, printed_deck, slide_height


def _pages(page: str) -> list[Node]:
    return parse(page).find_all("section", "page")


@pytest.mark.parametrize("notes", [False, True])
def test_one_page_per_slide_of_the_presenters_deck(program: Program, notes: bool) -> None:
    for module in program.modules:
        deck = build_deck(program, module)
        pages = _pages(printed_deck(program, module, notes=notes))
        assert len(pages) == len(deck.slides)
        for slide, page in zip(deck.slides, pages, strict=True):
            assert page.attrs["id"] == f"slide-{slide.number}"
            assert page.find("h1").text == slide.title
            assert page.find("div", "foot").text.endswith(f"{slide.number} / {len(deck.slides)}")
            if slide.question:
                assert page.find("p", "question").text == slide.question
            if slide.items:
                assert [li.text for li in page.find("ul", "items").find_all("li")] == list(slide.items)
            assert bool(page.find_all("aside", "notes")) == notes


def test_without_notes_nothing_for_the_facilitator_is_printed(program: Program) -> None:
    page = printed_deck(program, program.modules[0])
    for private in (
        "Read it aloud.",
        "Keep the pace gentle.",
        "What surprised you?",
        "There is no wrong answer.",
    ):
        assert private not in page


def test_with_notes_each_slide_has_its_notes_plan_and_next_slide(program: Program) -> None:
    module = program.modules[0]
    deck = build_deck(program, module)
    pages = _pages(printed_deck(program, module, notes=True))
    notes = {
        slide.number: page.find("aside", "notes") for slide, page in zip(deck.slides, pages, strict=True)
    }
    assert "Keep the pace gentle." in notes[1].text  # the module's aims, on the title slide
    assert "Go round the room." in notes[2].text  # the check-in's notes
    assert notes[2].find("p", "plan").text == "Starts 0:00 · 10 min · As a group"
    welcome = notes[4]
    assert "Read it aloud." in welcome.text
    assert welcome.find("p", "plan").text == "Starts 0:12 · 2 min · Timer: 2:00 · On your own"
    first_thought = notes[5]
    assert first_thought.find("p", "discussion").text == "Discussion: What surprised you?"
    assert first_thought.find("p", "hints").text == "Hints to offer: There is no wrong answer."
    assert first_thought.find("p", "next").text == "Next: Meaning"
    assert notes[len(deck.slides)].find("p", "next").text == "This is the last slide."


def test_hostile_content_is_escaped(tmp_path: Path) -> None:
    one = mini_copy(tmp_path) / "one.toml"
    one.write_text(
        one.read_text()
        .replace('title = "A first thought"', 'title = "<script>alert(1)</script></section>"')
        .replace('"What brought you here today?"', '"What </p><img src=x onerror=alert(2)> brought you?"')
        .replace('notes = "Read it aloud."', 'notes = "</aside><style>body{display:none}</style>"')
        .replace('"Numbness"', '"<b>Numb</b> & \\"quoted\\""')
    )
    program = load_program(one.parent)
    module = program.modules[0]
    for notes in (False, True):
        page = printed_deck(program, module, notes=notes)
        tree = parse(page)  # well formed: every tag closes in order
        tags = {node.tag for node in tree.iter()}
        assert not tags & {"script", "img", "b"}
        assert len(tree.find("head").find_all("style")) == 1 and not tree.find("body").find_all("style")
        assert len(tree.find_all("section", "page")) == len(build_deck(program, module).slides)
        assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;/section&gt;" in page
        assert "&lt;img src=x onerror=alert(2)&gt;" in page
        assert "&lt;b&gt;Numb&lt;/b&gt; &amp; &quot;quoted&quot;" in page
        assert ("&lt;/aside&gt;&lt;style&gt;" in page) == notes


def test_a_long_slide_gets_smaller_type_and_still_fits() -> None:
    short = Slide(number=1, kind="step", title="Short", question="How are you?")
    assert fit_scale(short, 235, 160) == SCALES[0]
    long_items = tuple(f"A long option number {n} that takes most of a line on its own" for n in range(40))
    crowded = Slide(number=2, kind="step", title="Crowded", question="Pick five." * 10, items=long_items)
    scale = fit_scale(crowded, 235, 160)
    assert scale < 0.8
    assert slide_height(crowded, scale, 235) <= 160
    assert slide_height(crowded, SCALES[SCALES.index(scale) - 1], 235) > 160  # the largest size that fits
    assert PAGE_HEIGHT < 190  # inside both A4 and US Letter in landscape, margins included


def test_the_command_exports_and_refuses_output_without_export(
    mini_program_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["--program", str(mini_program_dir), "present", "--day", "2"]
    assert main([*base, "--export", "html"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("<!DOCTYPE html>") and "One choice" in out and 'class="notes"' not in out
    target = tmp_path / "slides.html"
    assert main([*base, "--export", "html", "--notes", "-o", str(target)]) == 0
    assert len(_pages(target.read_text())) == 7  # title, check-in, ground rules, three steps, closing
    assert 'class="notes"' in target.read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["slides.html"]
    assert main([*base, "-o", str(tmp_path / "x.html")]) == 2
    assert "--output goes with --export html" in capsys.readouterr().err
    assert main(["--program", str(mini_program_dir), "present", "--day", "9", "--export", "html"]) == 2
