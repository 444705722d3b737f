"""Exports are safe in any viewer: hostile content and answers stay text in Markdown, HTML and JSON.

A shared program's titles and questions, and anything a person typed (or a hand edit put in a journal),
may hold raw HTML, scripts, ``javascript:`` links, remote images, link-reference definitions, backticks
or lines that start a heading, a quote or a list. The Markdown is rendered here as a viewer would render it
(markdown-it, GitHub-flavoured, with raw HTML and bare-link detection switched on: the most permissive
viewer), and the result must hold no tag, link, image or structure that the export did not put there
itself, and must show every hostile string exactly as typed. The HTML export must show links as text.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from tests.checkins import checkins_program, fill
from tests.clocks import SteppingClock
from workshop.answers import ChoicesValue, CommitmentValue, ItemsValue, RankedValue, TextValue
from workshop.content.models import Program
from workshop.flow.northstar import gather
from workshop.journal.store import Journal, Run
from workshop.reports import export, northstar

HOSTILE = [
    '<img src="http://tracker.example/pixel.png">',
    "<script>alert('x')</script>",
    "<!-- hidden --> <b>bold</b>",
    "[click me](javascript:alert(1))",
    "![](http://tracker.example/image.png)",
    "[ref]: http://tracker.example/defined",
    "[ref] and [ref][] use the definition",
    "<http://tracker.example/autolink>",
    "a bare https://tracker.example/bare link and www.tracker.example too",
    "`code` and ```fence```",
    "# not a heading",
    "## nor this #",
    "> not a quote",
    "- not a list",
    "+ nor this",
    "* nor this",
    "1. not numbered",
    "2) nor this",
    "===",
    "---",
    "| not | a table |",
    "~~not struck~~ **not bold** _not italic_",
    "&lt;b&gt; stays as typed, &amp; too",
    "a trailing backslash \\",
    "    not a code block",
]
"""Hostile strings, each on its own line or in its own field."""

ALLOWED_TAGS = {
    "h1", "h2", "h3", "h4", "h5", "p", "em", "strong", "blockquote", "ul", "ol", "li", "table", "thead",
    "tbody", "tr", "th", "td", "br",
}  # fmt: skip
"""What the export's own Markdown produces; anything else came from someone's text."""


class Collect(HTMLParser):
    """The tags, attributes, headings and text of a rendered page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []
        self.headings: list[str] = []
        self._heading: list[str] | None = None
        self.depth = {"blockquote": 0}
        self.deepest_quote = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self._heading = []
        if tag == "blockquote":
            self.depth["blockquote"] += 1
            self.deepest_quote = max(self.deepest_quote, self.depth["blockquote"])

    def handle_endtag(self, tag: str) -> None:
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"} and self._heading is not None:
            self.headings.append("".join(self._heading))
            self._heading = None
        if tag == "blockquote":
            self.depth["blockquote"] -= 1

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._heading is not None:
            self._heading.append(data)

    def handle_comment(self, data: str) -> None:
        self.tags.append(("!--", []))


def viewer(markdown: str) -> Collect:
    """``markdown`` as the most permissive common viewer shows it."""
    renderer = MarkdownIt("gfm-like", {"html": True, "linkify": True, "typographer": False})
    page = Collect()
    page.feed(renderer.render(markdown))
    return page


def shown(page: Collect) -> str:
    """All the text a reader sees, with no-break spaces read as spaces."""
    return "".join(page.text).replace("\u00a0", " ")


@pytest.fixture(scope="module")
def hostile_program() -> Program:
    """The check-in program with a hostile title, day titles, step titles and questions."""
    program = checkins_program()
    modules = []
    for index, module in enumerate(program.modules):
        steps = []
        for number, step in enumerate(module.steps):
            update: dict[str, Any] = {"title": HOSTILE[(index * 7 + number) % len(HOSTILE)]}
            if getattr(step, "question", None):
                update["question"] = HOSTILE[(index * 7 + number + 3) % len(HOSTILE)]
            steps.append(replace(step, **update))
        modules.append(replace(module, title=HOSTILE[index + 10], steps=steps))
    return replace(program, title=HOSTILE[0], modules=tuple(modules))


@pytest.fixture
def hostile_runs(tmp_path: Path, hostile_program: Program) -> list[Run]:
    everything = "\n".join(HOSTILE)
    with Journal.open(tmp_path, hostile_program, clock=SteppingClock(step=timedelta(minutes=1))) as journal:
        run = fill(journal.new_run(), text="\n" + everything)
        run.set_answer("end", "north-star", TextValue(everything))
        run.set_answer("end", "three-goals", ItemsValue(tuple(HOSTILE)))
        run.set_answer("start", "values-sort", RankedValue(tuple(HOSTILE[:5])))
        run.set_answer("start", "start-commitment", CommitmentValue(everything, HOSTILE[4]))
        # Answers to steps the program no longer has (a hand edit can name them anything).
        run.set_answer("start", HOSTILE[1], TextValue(everything))
        run.set_answer("start", "gone-choice", ChoicesValue(tuple(HOSTILE[:3]), HOSTILE[3]))
        journal.save(run)
        run.program_version = HOSTILE[5]  # read from the run file, which anyone could have edited
        return journal.runs


def _markdown_pages(program: Program, runs: list[Run]) -> dict[str, str]:
    page = gather(program, runs[0])
    return {
        "export": export.render_markdown(program, runs),
        "export without questions": export.render_markdown(program, runs, questions=False),
        "north star": northstar.render_markdown(page),
    }


def test_markdown_exports_of_hostile_content_and_answers_render_inert(
    hostile_program: Program, hostile_runs: list[Run]
) -> None:
    for name, markdown in _markdown_pages(hostile_program, hostile_runs).items():
        page = viewer(markdown)
        unexpected = {tag for tag, _ in page.tags} - ALLOWED_TAGS
        assert not unexpected, (name, unexpected)
        attributes = [(tag, attrs) for tag, attrs in page.tags if attrs and tag != "ol"]
        assert attributes == [], (name, attributes)  # no href, no src, no on...: nothing to follow or load
        assert page.deepest_quote <= 1, name  # "> not a quote" stays text inside the answer's quote
        # Every heading is one of the export's own "#" lines: none came from a title, question or answer.
        own = [line for line in markdown.splitlines() if line.startswith("#")]
        assert len(page.headings) == len(own), (name, page.headings)
        text = shown(page)
        for hostile in HOSTILE:
            if name == "north star" and hostile not in "\n".join(HOSTILE):
                continue
            assert hostile.strip() in text, (name, hostile)


def test_markdown_escapes_only_what_it_must(tmp_path: Path) -> None:
    """The file still reads as plain text: ordinary words and punctuation are left alone."""
    program = checkins_program()
    ordinary = "Time with the kids, and 3 weeks' rest (really)! 50% less: yes; no? \"quoted\" - a dash"
    with Journal.open(tmp_path, program, clock=SteppingClock()) as journal:
        run = journal.new_run()
        run.set_answer("end", "north-star", TextValue(ordinary))
        text = export.render_markdown(program, [run])
    assert f"> {ordinary}" in text
    assert f"> {ordinary}" in northstar.render_markdown(gather(program, run))


def test_a_viewer_keeps_the_lines_someone_wrote(tmp_path: Path) -> None:
    program = checkins_program()
    with Journal.open(tmp_path, program, clock=SteppingClock()) as journal:
        run = journal.new_run()
        run.set_answer("end", "north-star", TextValue("first line\nsecond line\n\nnew paragraph"))
        run.set_answer("end", "end-commitment", CommitmentValue("Walk home", "Friday"))
        text = export.render_markdown(program, [run])
    rendered = MarkdownIt("gfm-like").render(text)
    assert "<p>first line<br />\nsecond line</p>\n<p>new paragraph</p>" in rendered
    assert "<p>When: Friday<br />\nI will: Walk home</p>" in rendered


def test_html_export_shows_links_as_text_and_loads_nothing(
    hostile_program: Program, hostile_runs: list[Run]
) -> None:
    pages = {
        "export": export.render_html(hostile_program, hostile_runs),
        "north star": northstar.render_html(gather(hostile_program, hostile_runs[0])),
    }
    for name, html in pages.items():
        page = Collect()
        page.feed(html)
        tags = {tag for tag, _ in page.tags}
        assert not tags & {"a", "img", "script", "iframe", "object", "embed", "link", "base", "form"}, name
        assert "!--" not in tags, name
        for _, attrs in page.tags:
            for key, value in attrs:
                assert key not in {"href", "src", "srcset", "action", "xlink:href"} and not key.startswith("on")
                assert "tracker.example" not in (value or ""), name
        text = "".join(page.text)
        assert "http://tracker.example/defined" in text and "javascript:alert(1)" in text  # shown, as text
        assert "<script>alert('x')</script>" in text


def test_json_export_keeps_hostile_text_exactly(hostile_program: Program, hostile_runs: list[Run]) -> None:
    data = json.loads(export.render_json(hostile_program, hostile_runs))
    assert data["program"]["title"] == HOSTILE[0]
    steps = {step["id"]: step for day in data["runs"][0]["days"] for step in day["steps"]}
    assert steps["north-star"]["answer"]["text"] == "\n".join(HOSTILE)
