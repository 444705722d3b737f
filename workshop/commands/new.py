"""``workshop new``: start a program of your own, or add a day (a module) to one."""

from __future__ import annotations

import argparse
from pathlib import Path

from workshop import paths
from workshop.content.folder import PROGRAM_FILE
from workshop.invocation import EXIT_INVALID, EXIT_OK, EXIT_USAGE, error, print_problems

NAME = "new"
HELP = "start a new program (a sample with every kind of step), or add a module to one"
ORDER = 32


def add_arguments(parser: argparse.ArgumentParser) -> None:
    what = parser.add_subparsers(dest="new_what", metavar="WHAT", required=True)
    program = what.add_parser(
        "program",
        help="write a new program folder",
        description="Write a new program: program.toml, a sample day showing every kind of step with each "
        "field explained, and JSON Schema files so that editors complete and check fields.",
    )
    program.add_argument("folder", metavar="DIR", help="a new or empty folder")
    program.add_argument(
        "--from-shipped",
        action="store_true",
        help="copy the program that ships with the workshop instead of writing a sample",
    )
    module = what.add_parser(
        "module",
        help="add a module (one more day) to a program",
        description="Write a short module file named after NAME ('day 5 looking ahead' becomes "
        "day-5-looking-ahead.toml) as the program's last day, and add it to the modules list in "
        "program.toml. Nothing else in program.toml changes, and no existing file is replaced.",
    )
    module.add_argument("name", metavar="NAME", help="the module's name, such as 'day 5 looking ahead'")
    module.add_argument("folder", metavar="DIR", nargs="?", help="the program folder (or use --program)")
    # The global --program must also be accepted here, after the nested command.
    module.add_argument("--program", metavar="PATH", default=argparse.SUPPRESS, help="the program folder")


def run(args: argparse.Namespace) -> int:
    from workshop.content.problems import ContentError
    from workshop.content.scaffold import ScaffoldError

    try:
        return _new_program(args) if args.new_what == "program" else _new_module(args)
    except ScaffoldError as failure:
        error(f"{failure}; nothing was changed")
    except ContentError as failure:
        print_problems(failure.problems)
        error("fix these problems first; nothing was changed")
    except OSError as failure:
        where = f"{failure.filename}: " if failure.filename else ""
        error(f"{where}{failure.strerror or 'cannot be written'}")
    return EXIT_INVALID


def _schemas() -> dict[str, str]:
    import json

    from workshop.commands.schema import schema
    from workshop.content.scaffold import MODULE_SCHEMA, PROGRAM_SCHEMA

    return {
        MODULE_SCHEMA: json.dumps(schema(), indent=2, ensure_ascii=False) + "\n",
        PROGRAM_SCHEMA: json.dumps(schema(program_file=True), indent=2, ensure_ascii=False) + "\n",
    }


def _new_program(args: argparse.Namespace) -> int:
    from workshop.content.scaffold import create_program

    folder = Path(args.folder).expanduser()
    copy_of = paths.shipped_program_dir() if args.from_shipped else None
    program = create_program(folder, _schemas(), copy_of=copy_of)
    if copy_of:
        print(f"Copied {program.title!r} into {folder}, with the id {program.id!r} so that its journal")
        print("is kept apart from the shipped program's.")
    else:
        print(f"Created {folder}: program.toml and a sample day that shows every kind of step.")
    print("The *.schema.json files let editors complete and check fields (see docs/authoring.md).")
    print(f"Next: workshop validate {folder}   then   workshop preview {folder}")
    return EXIT_OK


def _new_module(args: argparse.Namespace) -> int:
    from workshop.content.scaffold import add_module

    chosen = args.folder or getattr(args, "program", None)
    if not chosen:
        error("which program? give its folder: workshop new module NAME DIR (or --program DIR)")
        return EXIT_USAGE
    folder = Path(chosen).expanduser()
    if not (folder / PROGRAM_FILE).is_file():
        error(f"{folder}: no {PROGRAM_FILE} here; give a program folder")
        return EXIT_USAGE
    if _is_shipped(folder):
        error(f"{folder} is the program shipped with the workshop and is not changed; copy it first with "
              "workshop new program DIR --from-shipped")
        return EXIT_USAGE
    added = add_module(folder, args.name, _schemas())
    print(f"Added {added.path} as day {added.day}, and listed it last in {folder / 'program.toml'}.")
    print(f"Next: write its steps, then workshop validate {folder}")
    return EXIT_OK


def _is_shipped(folder: Path) -> bool:
    shipped = paths.shipped_program_dir()
    return shipped.exists() and folder.resolve() == shipped.resolve()
