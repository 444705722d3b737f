"""The front ends' layers, read from the source: who may import whom.

Every import counts, including those deferred into a function and those under ``TYPE_CHECKING``: a
circle of type-only imports still makes a newcomer read nine files to follow one. The graph is built
from the syntax tree, so nothing is imported and the test takes milliseconds.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

import workshop

PACKAGE = Path(workshop.__file__).resolve().parent
FRONT_ENDS = ("workshop.tui", "workshop.present")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, Path]:
    return {module_name(path): path for path in PACKAGE.rglob("*.py")}


def imported_names(path: Path) -> Iterator[str]:
    """Every module name an import in ``path`` mentions (``from a import b`` gives ``a`` and ``a.b``)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


@cache
def graph() -> dict[str, frozenset[str]]:
    """Each workshop module, with the workshop modules it imports."""
    known = modules()
    return {name: frozenset(n for n in imported_names(path) if n in known) for name, path in known.items()}


def all_imports(name: str) -> set[str]:
    """Every module ``name`` imports, workshop's own and outside ones, by their full names."""
    return set(imported_names(modules()[name]))


def within(name: str, *prefixes: str) -> bool:
    return any(name == prefix or name.startswith(prefix + ".") for prefix in prefixes)


def circles() -> list[list[str]]:
    """The import circles of the package (strongly connected parts of more than one module)."""
    edges = graph()
    order: dict[str, int] = {}
    lowest: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's algorithm
        order[node] = lowest[node] = len(order)
        stack.append(node)
        for target in edges[node]:
            if target not in order:
                visit(target)
                lowest[node] = min(lowest[node], lowest[target])
            elif target in stack:
                lowest[node] = min(lowest[node], order[target])
        if lowest[node] == order[node]:
            part = []
            while True:
                member = stack.pop()
                part.append(member)
                if member == node:
                    break
            if len(part) > 1:
                found.append(sorted(part))

    for node in sorted(edges):
        if node not in order:
            visit(node)
    return found


def test_the_graph_sees_the_imports_it_checks() -> None:
    # A guard for the tests below: a graph that saw nothing would let every rule pass.
    assert "workshop.tui.routes" in graph()["workshop.tui.app"]
    assert "workshop.tui.screens.day" in graph()["workshop.tui.routes"]  # a deferred import
    assert "workshop.tui.context" in graph()["workshop.tui.screens.base"]


def test_no_front_end_is_part_of_an_import_circle() -> None:
    through_front_ends = [part for part in circles() if any(within(m, *FRONT_ENDS) for m in part)]
    assert through_front_ends == []


@pytest.mark.parametrize(
    "name", sorted(m for m in modules() if within(m, "workshop.tui.screens", "workshop.tui.widgets"))
)
def test_screens_and_widgets_know_the_app_only_through_its_protocol(name: str) -> None:
    # tui/context.py says what a screen may ask of the app; the app and the routes are not theirs to see.
    assert not graph()[name] & {"workshop.tui.app", "workshop.tui.routes"}


@pytest.mark.parametrize("name", sorted(m for m in modules() if within(m, *FRONT_ENDS)))
def test_a_front_end_imports_no_other_front_end_and_no_subcommand(name: str) -> None:
    # What a front end shares with another is in a neutral module (ui_text, invocation, flow, reports).
    own = next(prefix for prefix in FRONT_ENDS if within(name, prefix))
    others = [prefix for prefix in FRONT_ENDS if prefix != own]
    assert [m for m in graph()[name] if within(m, *others, "workshop.commands")] == []


@pytest.mark.parametrize("name", sorted(m for m in modules() if within(m, "workshop.flow")))
def test_the_flow_is_plain_python(name: str) -> None:
    # The rules are tested in milliseconds, without a terminal: no Textual, no Rich.
    assert [m for m in all_imports(name) if within(m, "textual", "rich")] == []
