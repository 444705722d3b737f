"""The handout works on paper alone: checks to circle, boxes to tick, numbered lines, crisis lines (issue 14).

Each test reads the printed page back as a reader would (which row holds which numbers, which option has a
box, how many numbered lines follow a question), from the HTML the browser prints.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest

from tests.paper_helpers import Node, parse, rows
from workshop.content.instruments import BURNOUT, WHO5
from workshop.content.models import ChoiceStep, ListStep, Program, RankStep, ScaleStep
from workshop.content.support import load_support_lines
from workshop.present import strings
from workshop.reports import paper
from workshop.reports.handouts import PROMPT_LINES, handout


@pytest.fixture(scope="module")
def shipped_pages(shipped: Program) -> dict[int, Node]:
    return {module.day: parse(handout(shipped, module, fmt="html")) for module in shipped.modules}


def _lines(section: Node) -> list[Node]:
    return section.find_all("div", "line")


def test_every_who5_item_is_a_row_of_numbers_to_circle(
    shipped: Program, shipped_pages: dict[int, Node]
) -> None:
    checks = [
        (m, s) for m in shipped.modules for s in m.steps if s.kind == "check" and s.instrument == "who5"
    ]
    assert len(checks) == 2  # before (day 1) and after (day 4)
    for module, step in checks:
        section = shipped_pages[module.day].section_titled(step.title)
        grid = section.find("table", "grid")
        header = [cell.text for cell in grid.find("thead").find_all("th")]
        assert header == ["Over the last two weeks:", *(option.label for option in WHO5.options)]
        assert header[1:] == [
            "All of the time", "Most of the time", "More than half of the time",
            "Less than half of the time", "Some of the time", "At no time",
        ]  # fmt: skip
        body = rows(grid)
        assert [row[0] for row in body] == list(WHO5.items)
        assert "I woke up feeling fresh and rested" in [row[0] for row in body]
        for row in body:
            assert row[1:] == ["5", "4", "3", "2", "1", "0"]
        assert section.find("p", "muted").text.startswith("For you alone")
        assert "Circle one number in each row." in section.text
        scoring = section.find("section", "scoring").text
        assert "add up the 5 numbers you circled (0 to 25) and multiply by 4" in scoring
        assert "× 4" in scoring and "out of 100" in scoring
        assert "A score of 28 or below" in scoring
        assert "a change of 10 points or more is a meaningful change" in scoring
        assert section.find("p", "attribution").text == WHO5.attribution


def test_the_burnout_item_is_five_numbered_options_to_circle(
    shipped: Program, shipped_pages: dict[int, Node]
) -> None:
    checks = [
        (m, s) for m in shipped.modules for s in m.steps if s.kind == "check" and s.instrument == "burnout"
    ]
    assert len(checks) == 2
    for module, step in checks:
        section = shipped_pages[module.day].section_titled(step.title)
        assert section.find("p", "question").text == BURNOUT.stem
        options = section.find("ul", "circle").find_all("li")
        marks = [li.find("span", "mark").text for li in options]
        labels = [li.find_all("span")[1].text for li in options]
        assert marks == ["1", "2", "3", "4", "5"]
        assert labels == [option.label for option in BURNOUT.options]
        assert labels[0] == "I enjoy my work. I have no symptoms of burnout."
        scoring = section.find("section", "scoring").text
        assert "Options 3 and above indicate burnout" in scoring
        assert "If you circled 5, please talk with someone soon" in scoring
        assert section.find("p", "attribution").text == BURNOUT.attribution


def _boxed_options(section: Node) -> list[str]:
    items = section.find("ul", "checklist").find_all("li")
    assert all(item.find_all("span", "box") for item in items), "an option without a box"
    return [item.text for item in items]


def test_every_checklist_option_has_a_box(
    program: Program, shipped: Program, shipped_pages: dict[int, Node]
) -> None:
    page = parse(handout(program, program.modules[0], fmt="html"))
    section = page.section_titled("Signs")
    assert _boxed_options(section) == ["Numbness", "Irritability", "Guilt", "Other:"]
    other = section.find("li", "other")
    assert other.find_all("span", "fill"), "the Other box has a line to write on"
    assert "Tick any that fit." in section.text

    checklists = [
        (m, s) for m in shipped.modules for s in m.steps if isinstance(s, ChoiceStep) and s.multiple
    ]
    assert len(checklists) >= 4
    for module, step in checklists:
        section = shipped_pages[module.day].section_titled(step.title)
        expected = list(step.options) + (["Other:"] if step.allow_other else [])
        assert _boxed_options(section) == expected


def test_a_single_choice_is_circle_one_without_boxes(program: Program) -> None:
    page = parse(handout(program, program.modules[1], fmt="html"))
    section = page.section_titled("One choice")
    assert [li.text for li in section.find("ul", "circle").find_all("li")] == ["Yes", "No"]
    assert not section.find_all("span", "box")
    assert "Circle one." in section.text


def _numbered(section: Node) -> list[str]:
    return [line.find("span", "n").text for line in _lines(section)]


def test_numbered_lines_match_max_items_and_pick(
    program: Program, shipped: Program, shipped_pages: dict[int, Node]
) -> None:
    page = parse(handout(program, program.modules[0], fmt="html"))
    assert _numbered(page.section_titled("Five things")) == ["1.", "2.", "3.", "4.", "5."]
    values = page.section_titled("Values")
    assert _numbered(values) == ["1.", "2.", "3."]  # pick = 3
    assert [li.text for li in values.find("ul", "columns").find_all("li")] == [
        "Curiosity", "Compassion", "Craft", "Family", "Fairness",
    ]  # fmt: skip

    counted = 0
    for module in shipped.modules:
        for step in module.steps:
            if isinstance(step, ListStep | RankStep):
                section = shipped_pages[module.day].section_titled(step.title)
                wanted = step.max_items if isinstance(step, ListStep) else step.pick
                assert _numbered(section) == [f"{n}." for n in range(1, wanted + 1)], step.id
                if isinstance(step, RankStep):
                    printed = [li.text for li in section.find("ul", "columns").find_all("li")]
                    assert printed == list(step.options)
                counted += 1
    assert counted == 10  # eight lists (two of them with 3 items, one with 6) and two values sorts


def test_scales_print_every_number_to_circle(
    program: Program, shipped: Program, shipped_pages: dict[int, Node]
) -> None:
    page = parse(handout(program, program.modules[0], fmt="html"))
    section = page.section_titled("Meaning")
    numbers, ends = section.find("table", "scale").find_all("tr")
    assert [cell.text for cell in numbers.find_all("td")] == [str(n) for n in range(11)]
    assert [cell.text for cell in ends.find_all("td")] == ["0 = none", "10 = a great deal"]
    assert "Circle one number." in section.text

    scales = [(m, s) for m in shipped.modules for s in m.steps if isinstance(s, ScaleStep)]
    assert len(scales) == 3
    for module, step in scales:
        row = shipped_pages[module.day].section_titled(step.title).find("table", "scale").find("tr")
        assert [cell.text for cell in row.find_all("td")] == [str(n) for n in range(step.low, step.high + 1)]


def test_prompts_and_commitments_have_room_to_write(program: Program) -> None:
    page = parse(handout(program, program.modules[0], fmt="html"))
    assert len(_lines(page.section_titled("A first thought"))) == PROMPT_LINES
    commitment = _lines(page.section_titled("One step"))
    assert [line.text for line in commitment if line.text] == ["When:", "I will:", "Date (optional):"]
    assert len(commitment) == 5  # one line for when, three for the action, one for the date


def test_writing_lines_are_at_handwriting_height_and_print_without_background_graphics() -> None:
    assert paper.LINE_HEIGHT.endswith("mm") and 8.0 <= float(paper.LINE_HEIGHT[:-2]) <= 9.0
    rule = re.search(r"\.line \{\{?([^}]*)\}", paper.CSS)
    assert rule is not None
    declarations = rule.group(1)
    assert f"height: {paper.LINE_HEIGHT}" in declarations
    # A border, not a background gradient: browsers leave out background graphics when printing by default.
    border = re.search(r"border-bottom: ([\d.]+)pt solid", declarations)
    assert (
        border is not None and float(border.group(1)) >= 0.75
    )  # no hairline that vanishes on a laser printer
    assert "gradient" not in paper.CSS


def _directory(support: Node) -> list[tuple[str, list[str]]]:
    """(country, each entry's text) in the order printed."""
    return [
        (group.find("h4").text, [entry.text for entry in group.find_all("div", "entry")])
        for group in support.find("div", "directory").find_all("div", "group")
    ]


def test_each_day_ends_with_the_crisis_lines_and_a_local_contact_blank(program: Program) -> None:
    directory = load_support_lines()
    page = parse(handout(program, fmt="html"))
    supports = page.find_all("section", "support")
    assert len(supports) == len(program.modules)  # one for each day, so a day's pages stand alone
    for support in supports:
        assert directory.emergency in support.text
        printed = _directory(support)
        assert [country for country, _ in printed] == list(directory.by_country())
        entries = [entry for _, country_entries in printed for entry in country_entries]
        assert len(entries) == len(directory.lines)  # the whole directory, every line
        for line, entry in zip(directory.lines, entries, strict=True):
            checked = f"checked {line.checked.day} {line.checked:%b %Y}"
            assert entry.split("\n") == [
                line.name, f"{line.contact} · {line.hours}", line.about, f"{line.url} · {checked}"
            ]
        assert "checked 22 Nov 2026" in support.text  # the shipped file's date, as printed
        blanks = [line.text for line in _lines(support)]
        assert blanks == ["Name or service:", "Phone, email or where to find them:"]
        assert support.find("h3").text == "Your local support contact"
    # The support lines end each day, as the readings say ("at the end of this handout").
    sections = [n for n in page.find("body").children if isinstance(n, Node)]
    day_ends = [*(i - 1 for i, n in enumerate(sections) if "day-head" in n.classes), len(sections) - 1][1:]
    assert all("support" in sections[i].classes for i in day_ends)


def test_the_crisis_lines_are_escaped(program: Program) -> None:
    shipped = load_support_lines()
    hostile_line = replace(
        shipped.lines[0],
        country="<i>Here</i>",
        name="<script>alert(1)</script>",
        contact="x</div><div>y",
        checked=date(2026, 1, 2),
    )
    hostile = replace(shipped, emergency="Call <b>999</b> & stay safe", lines=[hostile_line])
    page = handout(program, program.modules[0], fmt="html", support=hostile)
    assert "<script>" not in page and "<b>999" not in page and "</div><div>y" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    support = parse(page).find("section", "support")
    ((country, (entry,)),) = _directory(support)
    assert country == "<i>Here</i>"
    assert entry.split("\n")[:2] == ["<script>alert(1)</script>", f"x</div><div>y · {hostile_line.hours}"]
    assert entry.endswith("checked 2 Jan 2026")
    markdown = handout(program, program.modules[0], support=hostile)
    assert "**\\<script\\>alert(1)\\</script\\>** · x\\</div\\>\\<div\\>y" in markdown


SCREEN_WORDS = re.compile(
    r"this computer|key away|support screen|\bkeys?\b|\bpress\b|ctrl|\bclick|on (?:this|your) screen|\btype\b",
    re.IGNORECASE,
)


def test_the_shipped_handout_speaks_of_paper_not_of_the_screen(shipped: Program) -> None:
    printed = parse(handout(shipped, fmt="html")).find("body").text  # what the page says, not its tags
    for fmt, text in (("markdown", handout(shipped)), ("html", printed)):
        found = sorted({match.group(0).lower() for match in SCREEN_WORDS.finditer(text)})
        assert found == [], f"screen wording on paper ({fmt}): {found}"
    # The readings that speak of the screen have a paper version, and the handout prints it.
    welcome = next(s for s in shipped.modules[0].steps if s.id == "day-1-welcome")
    assert welcome.kind == "reading" and welcome.on_paper
    assert "at the end of this handout" in handout(shipped, shipped.modules[0])


def test_a_reading_without_a_paper_version_prints_its_body(program: Program) -> None:
    assert "Hello. This is **day one**." in handout(program, program.modules[0])


def test_markdown_handout_has_boxes_numbers_and_circles(program: Program) -> None:
    text = handout(program, program.modules[0])
    assert "- [ ] Numbness\n- [ ] Irritability\n- [ ] Guilt\n- [ ] Other: ___" in text
    assert "1\\. ____" in text and "5\\. ____" in text and "6\\. ____" not in text
    assert "`0   1   2   3   4   5   6   7   8   9   10`" in text
    assert strings.PAPER_SUPPORT_TITLE in text
