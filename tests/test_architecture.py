"""The layers of docs/architecture.md, checked on the source: which of workshop's own modules each module
imports (anywhere in it, deferred imports included), and that the plain layers never import Textual.

Reads every module's syntax tree; imports nothing of the app, so it runs in a fraction of a second.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "workshop"

BASE = {"package", "text", "paths", "answers"}
"""Importable by every layer: the version, the text helpers, every location, the answer types."""

MAY_IMPORT: dict[str, set[str]] = {
    "package": set(),
    "text": set(),
    "paths": set(),
    "answers": set(),
    "files": {"text"},
    "content": BASE | {"files"},
    "journal": BASE | {"files", "content"},
    "flow": BASE | {"files", "content", "journal"},
    "reports": BASE | {"files", "content", "journal", "flow", "present-plain"},
    "settings": BASE | {"files"},
    "ui_text": {"text"},
    "invocation": BASE | {"content"},
    "present-plain": BASE | {"content", "present-plain"},
    "present": BASE | {"files", "content", "journal", "flow", "reports", "settings", "ui_text", "invocation",
                       "present-plain"},
    "tui": BASE | {"files", "content", "journal", "flow", "reports", "settings", "ui_text", "invocation"},
    "plain": BASE | {"files", "content", "journal", "flow", "reports", "settings", "invocation", "present-plain"},
    "web": BASE,
    "commands": BASE | {"files", "content", "journal", "flow", "reports", "settings", "present", "present-plain",
                        "tui", "web", "invocation"},
    "cli": BASE | {"commands", "tui", "plain", "invocation"},
}
"""Each layer, and the layers it may import (besides itself)."""

PRESENT_PLAIN = {"deck", "schedule", "timer", "strings", "blocks"}
"""The presenter's plain Python (the deck, its timings, its words): the printed deck and the handouts in
``reports`` render the same deck, so they may import these, and these never import Textual."""

PLAIN = {"package", "text", "paths", "answers", "files", "content", "journal", "flow", "reports", "settings",
         "present-plain"}
"""Layers that never import Textual (or rich, which comes with it), not even deferred."""

KNOWN_EXCEPTIONS: set[tuple[str, str]] = set()
"""Imports that break the rules today, each to be removed by the work named beside it. The test fails once
one is gone, so the entry is removed with it."""


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1:
        return "package"
    if parts[1] == "__main__":
        return "cli"
    if parts[1] == "present" and (len(parts) == 2 or parts[2] in PRESENT_PLAIN):
        return "present-plain"
    return parts[1]


def imports(path: Path) -> Iterator[str]:
    """Every module ``path`` imports, as a dotted name (``from workshop import paths`` is workshop.paths)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            assert node.level == 0, f"{path}: relative import"
            yield node.module
            folder = PACKAGE.parent.joinpath(*node.module.split("."))
            for alias in node.names:  # ``from workshop import paths``: a module, not a name in one
                if (folder / f"{alias.name}.py").exists() or (folder / alias.name).is_dir():
                    yield f"{node.module}.{alias.name}"


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_every_module_has_a_layer() -> None:
    unknown = {layer_of(module_name(path)) for path in MODULES} - set(MAY_IMPORT)
    assert not unknown, f"add {sorted(unknown)} to MAY_IMPORT and to docs/architecture.md"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_imports_follow_the_layers(path: Path) -> None:
    module = module_name(path)
    layer = layer_of(module)
    for imported in imports(path):
        top = imported.split(".")[0]
        if top == "workshop" and imported != "workshop":
            target = layer_of(imported)
            if target != layer and target not in MAY_IMPORT[layer]:
                assert (module, imported) in KNOWN_EXCEPTIONS, f"{module} ({layer}) imports {imported} ({target})"
        if layer in PLAIN:
            assert top not in ("textual", "rich"), f"{module} ({layer}) imports {imported}: plain layers never do"


def test_the_known_exceptions_are_still_there() -> None:
    found = {(module_name(path), imported) for path in MODULES for imported in imports(path)}
    gone = KNOWN_EXCEPTIONS - found
    assert not gone, f"fixed: remove {sorted(gone)} from KNOWN_EXCEPTIONS"
