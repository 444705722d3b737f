"""``workshop schema``: the JSON Schema of a module file (or of program.toml), for editors."""

from __future__ import annotations

import argparse

from workshop.invocation import EXIT_OK

NAME = "schema"
HELP = "print the JSON Schema of a module file (or of program.toml) for editor completion"
ORDER = 30


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--program-file",
        action="store_true",
        help="print the schema of program.toml instead of a module file",
    )


def schema(program_file: bool = False) -> dict[str, object]:
    """The JSON Schema of a module file, or of ``program.toml`` when ``program_file``.

    Read from the copies generated with the package (a test keeps them equal to the models'), because
    building the models just to print their schema would cost ~100 ms of an author's loop.
    """
    from workshop.content.json_schema import json_schema

    return json_schema(program_file)


def run(args: argparse.Namespace) -> int:
    import json

    print(json.dumps(schema(args.program_file), indent=2, ensure_ascii=False))
    return EXIT_OK
