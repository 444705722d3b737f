"""Reading printed pages back in tests: a small HTML tree, programs with phases, and Chromium.

The paper tests look at the HTML the way a reader looks at the page: which table rows hold which cells,
which list items carry a tick box, how many writing lines follow a question. ``parse`` builds a tree with
the standard library's parser (which also proves the page is well formed: every tag closed in order).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from tests.conftest import MINI_PROGRAM
from workshop.content.loader import load_program
from workshop.content.models import Program

VOID = {"meta", "br", "hr", "img", "link", "input"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    @property
    def text(self) -> str:
        """The text a reader sees, with runs of white space as one space."""
        parts: list[str] = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif child.tag == "br":
                parts.append("\n")
            else:
                parts.append(child.text)
        return re.sub(r"[ \t]+", " ", "".join(parts)).strip()

    def iter(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str = "", css: str = "") -> list[Node]:
        return [n for n in self.iter() if (not tag or n.tag == tag) and (not css or css in n.classes)]

    def find(self, tag: str = "", css: str = "") -> Node:
        found = self.find_all(tag, css)
        assert found, f"no <{tag or '*'} class={css!r}> in the page"
        return found[0]

    def section_titled(self, title: str) -> Node:
        """The <section> whose heading reads ``title``."""
        for section in self.find_all("section"):
            headings = [n for n in section.iter() if n.tag in {"h1", "h2", "h3"}]
            if headings and headings[0].text == title:
                return section
        raise AssertionError(f"no section titled {title!r}")


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {key: value or "" for key, value in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        opened = self.stack.pop()
        assert opened.tag == tag, f"</{tag}> closes <{opened.tag}>"

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    assert builder.stack == [builder.root], "unclosed tags at the end of the page"
    return builder.root


def rows(table: Node) -> list[list[str]]:
    """The text of each body row's cells."""
    return [[cell.text for cell in row.find_all("td")] for row in table.find("tbody").find_all("tr")]


# ---- programs --------------------------------------------------------------------------------------

PHASES = (
    'discussion = "What surprised you?"\n'
    'phases = [{ label = "Write on your own", minutes = 1.5 }, '
    '{ label = "Share in pairs", minutes = 2.5, format = "pairs" }]'
)


def mini_copy(tmp_path: Path, *, group: str | None = None, phases: bool = False) -> Path:
    """A copy of the mini program; ``group`` replaces program.toml's [group] table ("" removes it)."""
    folder = tmp_path / "mini"
    shutil.copytree(MINI_PROGRAM, folder)
    if group is not None:
        program_file = folder / "program.toml"
        text = program_file.read_text()
        program_file.write_text(
            text[: text.index("[group]")] + group + "\n" + text[text.index("[[references]]") :]
        )
    if phases:
        one = folder / "one.toml"
        one.write_text(one.read_text().replace('discussion = "What surprised you?"', PHASES))
    return folder


def mini_with(tmp_path: Path, *, group: str | None = None, phases: bool = False) -> Program:
    return load_program(mini_copy(tmp_path, group=group, phases=phases))


# ---- printing ----------------------------------------------------------------------------------------

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")


def chromium() -> str | None:
    return next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)


def print_to_pdf(browser: str, html_file: Path) -> bytes:
    """``html_file`` printed by headless Chromium, as the facilitator's browser would print it."""
    pdf = html_file.with_suffix(".pdf")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                f"--user-data-dir={profile}", "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
                html_file.as_uri(),
            ],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
    return pdf.read_bytes()


def pdf_pages(pdf: bytes) -> int:
    """Pages in a PDF Chromium wrote (its page objects are not compressed)."""
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf))
