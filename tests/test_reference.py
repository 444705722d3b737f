"""The field reference in docs/authoring.md is generated from the models and matches them."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from workshop.content.models import (
    STEP_TYPES,
    GroupSession,
    Module,
    ProgramFile,
    Reference,
    StepBase,
    field_docs,
)
from workshop.content.reference import END, START, main, plain, render_reference, splice

AUTHORING = Path(__file__).resolve().parent.parent / "docs" / "authoring.md"


def generated_part(document: str) -> str:
    return document[document.index(START) + len(START) : document.index(END)].strip("\n")


def test_the_committed_reference_is_the_generated_one() -> None:
    committed = generated_part(AUTHORING.read_text(encoding="utf-8"))
    assert committed == render_reference().strip("\n"), (
        "docs/authoring.md is out of date: run python -m workshop.content.reference --write docs/authoring.md"
    )


@pytest.mark.parametrize(
    "model", [ProgramFile, GroupSession, Reference, Module, StepBase, *STEP_TYPES], ids=lambda m: m.__name__
)
def test_every_field_is_documented_with_its_docstring(model: type) -> None:
    # Checked against the models directly, so a generator that dropped a field or a docstring fails here.
    document = generated_part(AUTHORING.read_text(encoding="utf-8"))
    section = document.split("\n### ")
    heading = next(s for s in section if plain(model.__doc__) in s)
    common = {field.name for field in dataclasses.fields(StepBase)}
    docs = field_docs(model)
    for name in (field.name for field in dataclasses.fields(model)):
        if model is not StepBase and issubclass(model, StepBase) and name in common:
            continue  # the shared step fields are documented once, in their own table
        row = next((line for line in heading.splitlines() if line.startswith(f"| `{name}` |")), None)
        assert row is not None, f"{model.__name__}.{name} is missing from docs/authoring.md"
        assert plain(docs.get(name)) in row.replace("\\|", "|")


def test_check_and_write(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stale = tmp_path / "authoring.md"
    stale.write_text(f"# Title\n\nHand-written.\n\n{START}\nold table\n{END}\n\nAfter.\n", encoding="utf-8")
    assert main(["--check", str(stale)]) == 1
    assert "out of date" in capsys.readouterr().err
    assert main(["--write", str(stale)]) == 0
    text = stale.read_text(encoding="utf-8")
    assert text.startswith("# Title\n\nHand-written.\n\n") and text.endswith(f"{END}\n\nAfter.\n")
    assert "old table" not in text
    assert main(["--check", str(stale)]) == 0


def test_a_document_without_markers_is_refused(tmp_path: Path) -> None:
    plain_doc = tmp_path / "other.md"
    plain_doc.write_text("# Nothing to replace\n", encoding="utf-8")
    assert main(["--write", str(plain_doc)]) == 2
    assert plain_doc.read_text(encoding="utf-8") == "# Nothing to replace\n"
    with pytest.raises(ValueError, match="reference:start"):
        splice("no markers", "x")
