"""Earlier answers and sources beyond the app: on slides (titles only, never an answer), in the exports
(after the question, escaped; a References section) and in the plain mode."""

from __future__ import annotations

import json
from pathlib import Path

from tests.plain_helpers import converse
from workshop.answers import ItemsValue, TextValue
from workshop.content.models import Program
from workshop.journal.store import Journal
from workshop.present.app import PresentApp
from workshop.present.blocks import slide_lines
from workshop.present.deck import build_deck
from workshop.present.timer import FakeClock
from workshop.reports.export import render_html, render_json, render_markdown
from workshop.reports.printed_deck import printed_deck

PRIVATE = "ZEBRA-4417 my private words"
HOSTILE = "<b>bold</b> [a link](https://evil.example) *stars* & `code`"


def journal_with_private_answers(data_dir: Path, program: Program) -> Journal:
    """A journal in which every step that some question looks back at holds a distinctive answer."""
    journal = Journal.open(data_dir, program)
    run = journal.new_run()
    for module in program.modules:
        for step in module.steps:
            for earlier_id in step.look_back:
                found = program.find_step(earlier_id)
                assert found is not None
                earlier_module, earlier = found
                value = ItemsValue((PRIVATE, HOSTILE)) if earlier.kind == "list" else TextValue(PRIVATE)
                if earlier.kind in ("list", "prompt"):
                    run.set_answer(earlier_module.id, earlier.id, value)
    journal.save(run)
    return journal


# -- slides ---------------------------------------------------------------------------------------------------


def test_a_slide_names_what_to_look_back_at_and_never_shows_an_answer(
    tmp_path: Path, shipped: Program
) -> None:
    journal_with_private_answers(
        tmp_path / "data", shipped
    )  # on disk, where the facilitator's app could look
    looked = 0
    for module in shipped.modules:
        deck = build_deck(shipped, module)
        for slide in deck.slides:
            text = "\n".join(line for _, line in slide_lines(slide))
            assert "ZEBRA-4417" not in text
            step = module.step(slide.step_id) if slide.step_id else None
            if step is not None and step.look_back:
                looked += 1
                assert slide.look_back is not None and slide.look_back.startswith("Look back at: ")
                assert ("detail", slide.look_back) in slide_lines(slide)
        assert "ZEBRA-4417" not in printed_deck(shipped, module, notes=True)
    assert looked >= 9
    afterglow = next(
        s for s in build_deck(shipped, shipped.modules[0]).slides if s.step_id == "milestone-afterglow"
    )
    assert afterglow.look_back == "Look back at: A milestone inventory (day 1)"


async def test_the_projected_slide_shows_the_line_above_the_question(shipped: Program) -> None:
    deck = build_deck(shipped, shipped.modules[0])
    number = next(s.number for s in deck.slides if s.step_id == "milestone-afterglow")
    app = PresentApp(deck, clock=FakeClock(), wall=lambda: 0.0, tick=3600)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        while app.session.slide.number != number:
            await pilot.press("pagedown")
        lines = app.screen.current_page().lines  # type: ignore[attr-defined]
        texts = ["".join(text for text, _ in line.spans).strip() for line in lines]
        styles = [" ".join(style for _, style in line.spans) for line in lines]
        look_back = texts.index("Look back at: A milestone inventory (day 1)")
        assert "detail" in styles[look_back]
        assert look_back < next(
            n for n, style in enumerate(styles) if "prompt" in style
        )  # above the question


# -- exports --------------------------------------------------------------------------------------------------


def test_exports_show_the_earlier_answers_after_the_question_escaped(
    tmp_path: Path, shipped: Program
) -> None:
    journal = journal_with_private_answers(tmp_path / "data", shipped)
    markdown = render_markdown(shipped, journal.runs)
    section = markdown[markdown.index("#### How long it lasted") :]
    section = section[: section.index("\n#### ")]
    question = section.index("*Look back at your list.")
    line = next(text for text in section.splitlines() if text.startswith("_Looking back at"))
    assert section.index(line) > question
    assert line.startswith("_Looking back at day 1, A milestone inventory:_ ZEBRA-4417 my private words; ")
    assert "\\<b\\>bold\\</b\\>" in line and "\\[a link\\]" in line and "<b>" not in line
    html = render_html(shipped, journal.runs)
    assert (
        '<p class="look-back"><span>Looking back at day 1, A milestone inventory:</span> ZEBRA-4417 my private '
        "words; &lt;b&gt;bold&lt;/b&gt; [a link](https://evil.example) *stars* &amp; `code`</p>"
    ) in html
    assert "<b>bold</b>" not in html
    # Questions left out (--no-questions): the earlier answers, which explain a question, go with them.
    assert "_Looking back at" not in render_markdown(shipped, journal.runs, questions=False)


def test_exports_list_what_the_written_days_cite(tmp_path: Path, shipped: Program) -> None:
    journal = Journal.open(tmp_path / "data", shipped)
    assert "References" not in render_markdown(shipped, [])  # nothing written, nothing cited
    run = journal.new_run()
    run.set_answer("day-1-achievement", "why-medicine", TextValue("To help."))
    markdown = render_markdown(shipped, journal.runs)
    references = markdown[markdown.index("## References") :]
    assert "WHO-5 Well-Being Index." in references and "Dolan ED" in references  # day 1's checks
    assert "Shanafelt" not in references  # day 2 has nothing written: its sources are not listed
    run.set_answer("day-2-identity", "signs-message", TextValue("Tired."))
    html = render_html(shipped, journal.runs)
    listed = html[html.index('<section class="references">') :]
    assert "Shanafelt TD, et al." in listed
    assert '<span class="url">https://doi.org/10.1016/j.mayocp.2024.11.031</span>' in listed
    assert listed.count("<li>") == len(
        {r for m in shipped.modules[:2] for o in (m, *m.steps) for r in o.cites}
    )
    data = json.loads(render_json(shipped, journal.runs))
    assert [reference["id"] for reference in data["references"]][:2] == ["who-5", "topp-2015"]
    shanafelt = next(reference for reference in shipped.references if reference.id == "shanafelt-2025")
    assert {"id": shanafelt.id, "text": shanafelt.text, "url": shanafelt.url} in data["references"]


# -- the plain mode -------------------------------------------------------------------------------------------


def test_the_plain_mode_shows_earlier_answers_above_the_question_and_reads_sources(
    tmp_path: Path, shipped: Program
) -> None:
    lines = [
        "",  # home: begin day 1
        "",  # the welcome: read on
        "sources",  # the WHO-5 cites two sources: read them, then the question is asked again
        "skip",
        "skip",  # the burnout item
        "skip",  # the pause
        "skip",  # the meaning scale
        "",  # the reading
        PRIVATE,  # the milestone inventory
        "",
        "",
        "quit",
    ]
    said = converse(shipped, tmp_path / "data", lines).out
    sources = said.index("Sources:\n")
    assert "This step cites 2 sources; type sources to read them." in said[:sources]
    assert "1. WHO-5 Well-Being Index." in said[sources:] and "2. Topp CW" in said[sources:]
    assert "Back to day 1, step 2: A short well-being check." in said[sources:]
    look_back = said.index("The question below refers to what you wrote earlier:")
    assert said.index(f"  - {PRIVATE}", look_back) < said.index("Look back at your list.", look_back)


# -- paper: the handout and the facilitator's guide -----------------------------------------------------------


def test_paper_says_where_to_look_back_and_lists_the_days_sources(shipped: Program) -> None:
    from workshop.reports.handouts import guide, handout

    day_one, day_two = shipped.modules[0], shipped.modules[1]
    for text in (handout(shipped, day_one), guide(shipped, day_one)):
        line = text.index("Look back at: A milestone inventory (day 1)")
        assert line < text.index("Look back at your list.")
        references = text[text.index("References") :]
        assert "WHO-5 Well-Being Index." in references
        assert "Shanafelt" not in references  # day 2's figure: not on day 1's paper
    assert "Shanafelt TD, et al." in handout(shipped, day_two)
