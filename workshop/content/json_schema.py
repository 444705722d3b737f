"""The JSON Schema of a module file and of ``program.toml``, for editors (``workshop schema``).

Generating them from the content classes means importing pydantic and building every validator, about
150 ms; reading the copies generated at release time costs under one. ``tests/test_content_cache.py``
checks that the copies in ``schemas/`` are exactly what the classes generate, so they cannot drift. After
changing a content class, regenerate them with:

    python -m workshop.content.json_schema --write
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from workshop import paths

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _file(program_file: bool) -> Path:
    return paths.content_schemas_dir() / ("program.schema.json" if program_file else "module.schema.json")


def json_schema(program_file: bool = False) -> dict[str, object]:
    """The JSON Schema of a module file, or of ``program.toml`` when ``program_file``."""
    loaded: dict[str, object] = json.loads(_file(program_file).read_text(encoding="utf-8"))
    return loaded


def generate(program_file: bool = False) -> dict[str, object]:
    """The same schema, generated from the models."""
    from workshop.content.loader import adapter
    from workshop.content.models import Module, ProgramFile

    model = ProgramFile if program_file else Module
    document: dict[str, object] = {"$schema": DIALECT}
    document.update(adapter(model).json_schema())
    return document


def write() -> None:
    from workshop.files.atomic import UMASK_MODE, write_file

    for program_file in (False, True):
        text = json.dumps(generate(program_file), indent=2, ensure_ascii=False) + "\n"
        write_file(_file(program_file), text.encode("utf-8"), mode=UMASK_MODE, keep_mode=True)


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit("usage: python -m workshop.content.json_schema --write")
    write()
