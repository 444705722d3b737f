"""A slide as the room reads it: an ordered list of text blocks, each with its role. Plain Python.

One definition of "what a slide says", used everywhere it is shown: the projector lays these blocks out
(``layout``), the notes window prints them in full for the facilitator to read aloud, and they say in
which order things come. A reading's Markdown becomes paragraphs, headings and bullets with bold and
italic runs; nothing else of Markdown survives (no HTML, no images: the content model refuses them).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from workshop.present import strings
from workshop.present.deck import Slide

if TYPE_CHECKING:
    from markdown_it.token import Token

Role = Literal["lead", "paragraph", "heading", "bullet", "prompt", "item", "detail", "discussion"]
Emphasis = Literal["", "bold", "italic", "bold italic"]


@dataclass(frozen=True)
class Run:
    """A stretch of text in one emphasis. ``\\n`` in ``text`` is a line break the author asked for."""

    text: str
    emphasis: Emphasis = ""


@dataclass(frozen=True)
class Block:
    """One paragraph-like piece of a slide."""

    role: Role
    runs: tuple[Run, ...]
    marker: str = ""
    """What hangs in front of the block: a bullet, a list number; empty for prose."""

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)

    def plain(self) -> str:
        """The block as one line of plain text, its marker included."""
        return f"{self.marker}  {self.text}" if self.marker else self.text


BULLET = "•"


def _block(role: Role, text: str, marker: str = "") -> Block:
    return Block(role, (Run(text),), marker)


def prompt_text(slide: Slide) -> str | None:
    """The question or instruction the room acts on: the question, or what a pause or check asks."""
    if slide.question:
        return slide.question
    if slide.kind == "step" and slide.lead and not slide.body_markdown:
        return slide.lead  # a pause's guidance, what a check asks of each person
    return None


def slide_blocks(slide: Slide) -> tuple[Block, ...]:
    """Everything the room sees on ``slide`` but its title, in reading order."""
    blocks: list[Block] = []
    prompt = prompt_text(slide)
    if slide.lead and slide.lead != prompt:
        blocks.append(_block("lead", slide.lead))
    if slide.body_markdown:
        blocks += markdown_blocks(slide.body_markdown)
    if slide.look_back:
        blocks.append(_block("detail", slide.look_back))
    if prompt:
        blocks.append(_block("prompt", prompt))
    blocks += [_block("item", item, BULLET) for item in slide.items]
    if slide.detail:
        blocks.append(_block("detail", slide.detail))
    if slide.discussion:
        blocks.append(_block("discussion", strings.THEN_DISCUSS + slide.discussion))
    return tuple(blocks)


def slide_lines(slide: Slide) -> tuple[tuple[Role | Literal["title"], str], ...]:
    """The slide's full text as (role, line) pairs, title first: what the notes window shows."""
    return (("title", slide.title), *((block.role, block.plain()) for block in slide_blocks(slide)))


# ---- Markdown ------------------------------------------------------------------------------------------


@lru_cache(maxsize=64)
def markdown_blocks(source: str) -> tuple[Block, ...]:
    """A reading's Markdown as blocks: paragraphs, headings, bulleted and numbered items."""
    from markdown_it import MarkdownIt  # deferred: only slides with a passage need the parser

    tokens = MarkdownIt("commonmark", {"html": False}).parse(source)
    blocks: list[Block] = []
    lists: list[list[int]] = []
    """For each open list: [next number] for a numbered list, [] for a bulleted one."""
    marker = ""
    role: Role = "paragraph"
    for token in tokens:
        if token.type == "bullet_list_open":
            lists.append([])
        elif token.type == "ordered_list_open":
            lists.append([int(token.attrGet("start") or 1)])
        elif token.type in {"bullet_list_close", "ordered_list_close"}:
            lists.pop()
        elif token.type == "list_item_open":
            numbering = lists[-1] if lists else []
            if numbering:
                marker = f"{numbering[0]}."
                numbering[0] += 1
            else:
                marker = BULLET
        elif token.type == "heading_open":
            role = "heading"
        elif token.type == "inline":
            runs = _inline_runs(token.children or [])
            if runs:
                if role == "heading":
                    blocks.append(Block("heading", runs))
                elif lists:
                    # A second paragraph in the same item hangs under the first, without a marker.
                    blocks.append(Block("bullet", runs, marker))
                    marker = ""
                else:
                    blocks.append(Block("paragraph", runs))
            role = "paragraph"
        elif token.type in {"code_block", "fence"}:
            blocks.append(Block("paragraph", (Run(token.content.rstrip("\n")),)))
    return tuple(blocks)


def _inline_runs(children: list[Token]) -> tuple[Run, ...]:
    runs: list[Run] = []
    bold = italic = False
    link: str | None = None
    link_starts = 0
    for child in children:
        kind = child.type
        if kind == "strong_open":
            bold = True
        elif kind == "strong_close":
            bold = False
        elif kind == "em_open":
            italic = True
        elif kind == "em_close":
            italic = False
        elif kind == "link_open":
            link, link_starts = str(child.attrGet("href") or ""), len(runs)
        elif kind == "link_close":
            # The room cannot click: the address follows the words, unless the words are the address.
            if link and "".join(run.text for run in runs[link_starts:]) != link:
                runs.append(Run(f" ({link})"))
            link = None
        elif kind in {"text", "code_inline", "html_inline"}:
            runs.append(Run(child.content, _emphasis(bold, italic)))
        elif kind == "softbreak":
            runs.append(Run(" "))
        elif kind == "hardbreak":
            runs.append(Run("\n"))
        elif kind == "image":
            runs.append(Run(child.content, _emphasis(bold, italic)))
    return tuple(_merge(runs))


def _emphasis(bold: bool, italic: bool) -> Emphasis:
    if bold and italic:
        return "bold italic"
    if bold:
        return "bold"
    return "italic" if italic else ""


def _merge(runs: list[Run]) -> list[Run]:
    """Join neighbouring runs of the same emphasis (the parser splits text at every special character)."""
    merged: list[Run] = []
    for run in runs:
        if merged and merged[-1].emphasis == run.emphasis:
            merged[-1] = Run(merged[-1].text + run.text, run.emphasis)
        elif run.text:
            merged.append(run)
    return merged
