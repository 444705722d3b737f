"""Fitting slides to the window, without a terminal: every slide of the shipped program at the sizes a
room uses, what gives way first when space is short, "continued" pages, and the Markdown of readings."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from pathlib import Path
from typing import TypedDict, Unpack

import pytest

from workshop.content.loader import load_program
from workshop.content.models import Program
from workshop.present.bigtext import figlet_lines
from workshop.present.blocks import markdown_blocks, prompt_text, slide_blocks
from workshop.present.deck import Slide, build_deck
from workshop.present.layout import Fit, Page, candidate_fits, layout_slide, prose_measure

# Window sizes a facilitator meets, and the slide area each leaves (2 columns of padding each side, one
# row for the bottom line).
SIZES = [(80, 24), (100, 30), (120, 35), (200, 55)]


def area(size: tuple[int, int]) -> tuple[int, int]:
    return size[0] - 4, size[1] - 1


def every_slide(program: Program) -> list[Slide]:
    return [slide for module in program.modules for slide in build_deck(program, module).slides]


def words(text: str) -> list[str]:
    return list(re.findall(r"[^\s•]+", text))


def page_words(pages: tuple[Page, ...]) -> Counter[str]:
    """Every word drawn in ordinary letters on the pages (big letters are checked separately)."""
    found: Counter[str] = Counter()
    for page in pages:
        for line in page.lines:
            found.update(words("".join(text for text, style in line.spans if "big" not in style.split())))
    return found


# ---- every shipped slide, every size ----------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_shipped_slide_fits_and_loses_no_word(shipped: Program, size: tuple[int, int]) -> None:
    width, height = area(size)
    for slide in every_slide(shipped):
        pages = layout_slide(slide, width, height)
        label = f"{slide.title!r} at {size}"
        for page in pages:
            assert page.height <= height, label
            assert all(line.width <= width for line in page.lines), label
        # Nothing is cut: every word of the slide is drawn, on one of its pages.
        expected: Counter[str] = Counter()
        big_prompt = pages[0].fit.big_prompt
        if not pages[0].fit.big_title:
            expected.update(words(slide.title))
        for block in slide_blocks(slide):
            if not (block.role == "prompt" and big_prompt):
                expected.update(words(block.text))
        missing = expected - page_words(pages)
        assert not missing, f"{label}: {sorted(missing)} not shown"
        if big_prompt:
            drawn = "\n".join(line.text for line in pages[0].lines)
            big = next(
                lines
                for font, rows in (("ansi_regular", 3), ("future", 4))
                if (lines := figlet_lines(prompt_text(slide) or "", width, ((font, 0),), rows))
                and lines[0].strip() in drawn
            )
            assert all(row.strip() in drawn for row in big), label


@pytest.mark.parametrize("size", [(80, 24), (120, 35)], ids=["80x24", "120x35"])
def test_day_four_values_resort_shows_all_twenty_values_at_once(
    shipped: Program, size: tuple[int, int]
) -> None:
    deck = build_deck(shipped, shipped.modules[3])
    slide = next(slide for slide in deck.slides if slide.step_id == "values-resort")
    assert len(slide.items) == 20
    pages = layout_slide(slide, *area(size))
    assert len(pages) == 1  # all twenty in front of the room together, not over two screens
    text = "\n".join(line.text for line in pages[0].lines)
    for value in slide.items:
        assert value in text, value
    assert pages[0].fit.columns >= 2


def test_a_wide_window_gives_prose_its_width(shipped: Program) -> None:
    width, height = area((200, 55))
    assert prose_measure(width) > 120
    reading = next(slide for slide in every_slide(shipped) if slide.step_id == "achievement-reading")
    pages = layout_slide(reading, width, height)
    assert max(line.width for line in pages[0].lines) > 120  # no 72-column strip down the middle
    assert prose_measure(76) == 76  # at 80x24, every column counts


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_question_outranks_the_title(shipped: Program, size: tuple[int, int]) -> None:
    """Where a slide asks something, the title is never in big letters; at 200x55 every question is."""
    for slide in every_slide(shipped):
        page = layout_slide(slide, *area(size))[0]
        if prompt_text(slide):
            assert not page.fit.big_title, slide.title
            if size == (200, 55):
                assert page.fit.big_prompt, f"{slide.title!r}: the question is small on a wide screen"


# ---- what gives way first --------------------------------------------------------------------------


class SlideFields(TypedDict, total=False):
    """The fields of a ``Slide`` that these tests set."""

    title: str
    question: str
    items: tuple[str, ...]
    body_markdown: str
    discussion: str
    timer_seconds: int


def make_slide(**fields: Unpack[SlideFields]) -> Slide:
    base = Slide(number=4, kind="step", title="A long enough title", eyebrow="On your own")
    return dataclasses.replace(base, **fields)


def test_candidates_are_ordered_question_timer_columns_title() -> None:
    slide = make_slide(question="What matters?", items=tuple(f"Value {n}" for n in range(12)), timer_seconds=60)
    fits = candidate_fits(slide, slide_blocks(slide), 116)
    assert fits[0].big_prompt and fits[0].timer == "full" and fits[0].columns == 1
    assert fits[-1] == Fit(prompt_size=0, big_title=False, timer="compact", columns=max(f.columns for f in fits), roomy=False)
    positions = {fit: index for index, fit in enumerate(fits)}
    big, plain = fits[0].prompt_size, 0
    # Columns come before a compact timer, and a compact timer before a smaller question.
    assert positions[Fit(prompt_size=big, timer="full", columns=2)] < positions[Fit(prompt_size=big, timer="compact")]
    assert positions[Fit(prompt_size=big, timer="compact")] < positions[Fit(prompt_size=plain, timer="full")]


def test_a_big_title_never_sits_beside_a_shrunken_timer_or_columns(shipped: Program) -> None:
    for slide in every_slide(shipped):
        for size in SIZES:
            fit = layout_slide(slide, *area(size))[0].fit
            if fit.big_title:
                assert fit.timer != "compact" and fit.columns == 1, (slide.title, size)


def test_the_title_shrinks_before_anything_else() -> None:
    reading = make_slide(title="Short", body_markdown="A passage. " * 40, timer_seconds=60)
    roomy = layout_slide(reading, 116, 40)[0]
    assert roomy.fit.big_title and roomy.fit.timer == "full"
    tight = layout_slide(reading, 116, roomy.height - 2)[0]
    assert not tight.fit.big_title
    assert tight.fit.timer == "full"  # the title gave way, the countdown did not


def test_a_long_list_takes_columns_before_the_timer_shrinks() -> None:
    slide = make_slide(question="Which?", items=tuple(f"Option number {n}" for n in range(16)), timer_seconds=60)
    page = layout_slide(slide, 116, 25)[0]
    assert page.fit.columns > 1 and page.fit.timer == "full"


def test_a_passage_too_long_for_the_window_continues_on_more_pages() -> None:
    passage = "\n\n".join(f"Paragraph {n}. " + "Some words to read aloud. " * 12 for n in range(6))
    slide = make_slide(body_markdown=passage, discussion="What did you notice?")
    pages = layout_slide(slide, 76, 23)
    assert len(pages) > 1
    assert pages[0].lines[0].text.strip() == "On your own · 1 of " + str(len(pages))
    assert pages[1].lines[0].text.strip().startswith("On your own · continued, 2 of")
    assert all(page.height <= 23 for page in pages)
    text = "\n".join(line.text for page in pages for line in page.lines)
    for n in range(6):
        assert text.count(f"Paragraph {n}.") == 1
    assert "Then discuss: What did you notice?" in "\n".join(line.text for line in pages[-1].lines)


def test_options_that_continue_keep_their_question_above_them() -> None:
    items = tuple(f"A rather long option, number {n}, that wraps onto a second line at this width" for n in range(9))
    question = "Which of these options, if any, fit what you have noticed in yourself this month?"
    slide = make_slide(question=question, items=items)
    pages = layout_slide(slide, 56, 18)
    assert len(pages) > 1
    for page in pages:
        assert "Which of these options" in "\n".join(line.text for line in page.lines)
    assert page_words(pages)["number"] == 9


def test_a_tiny_window_still_lays_out() -> None:
    slide = make_slide(question="What brought you here today? " * 5, items=("One", "Two"), timer_seconds=60)
    for width, height in [(10, 3), (1, 1), (30, 8)]:
        pages = layout_slide(slide, width, height)
        assert pages


# ---- text ------------------------------------------------------------------------------------------


def test_markdown_becomes_paragraphs_bullets_and_emphasis() -> None:
    blocks = markdown_blocks(
        "A *quiet* start.\n\n- **Doubt.** A first item\n- A second, see [the trial](https://example.org)\n\n"
        "1. one\n2. two\n\n## A heading"
    )
    assert [(block.role, block.marker, block.text) for block in blocks] == [
        ("paragraph", "", "A quiet start."),
        ("bullet", "•", "Doubt. A first item"),
        ("bullet", "•", "A second, see the trial (https://example.org)"),
        ("bullet", "1.", "one"),
        ("bullet", "2.", "two"),
        ("heading", "", "A heading"),
    ]
    assert [(run.text, run.emphasis) for run in blocks[0].runs] == [("A ", ""), ("quiet", "italic"), (" start.", "")]
    assert blocks[1].runs[0].emphasis == "bold"


def test_wrapping_keeps_emphasis_and_breaks_words_too_long_for_the_line() -> None:
    slide = make_slide(body_markdown="Short **bold words** then " + "x" * 50)
    page = layout_slide(slide, 20, 30)[0]
    styles = {style for line in page.lines for text, style in line.spans if "bold" in text}
    assert styles == {"bold"}
    assert all(line.width <= 20 for line in page.lines)
    assert sum(line.text.count("x") for line in page.lines) == 50


def test_markup_like_text_is_only_text() -> None:
    slide = make_slide(question="What [/] brought [b]you[/b] here, " + "and what else brought you? " * 4)
    text = "\n".join(line.text for line in layout_slide(slide, 76, 23)[0].lines)
    assert "What [/] brought [b]you[/b] here," in text


def test_mini_program_slides_fit_too(mini_program_dir: Path) -> None:
    program = load_program(mini_program_dir)
    for slide in every_slide(program):
        for size in SIZES:
            assert all(page.height <= area(size)[1] for page in layout_slide(slide, *area(size)))
