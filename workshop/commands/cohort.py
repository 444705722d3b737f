"""``workshop cohort``: the scores files a group shared, summarised as a report in HTML and Markdown.

It reads only scores files (numbers and ids; see "The scores file" in docs/data.md) and writes group
figures, never one person's values: any figure from fewer than five people is withheld. It imports neither
pydantic nor Textual: the program's id and title come from the cached outline, or from program.toml.
"""

from __future__ import annotations

import argparse
import tomllib
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from workshop import paths
from workshop.content.folder import PROGRAM_FILE
from workshop.invocation import EXIT_INVALID, EXIT_OK, EXIT_USAGE, error, program_dir

if TYPE_CHECKING:
    from workshop.reports.cohort_page import ProgramInfo

NAME = "cohort"
HELP = "summarise the scores files a group shared: a report in HTML and Markdown, group figures only"
ORDER = 43
MIN_GROUP = 5  # workshop.reports.cohort.MIN_GROUP, kept light here for --help


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="FILE_OR_FOLDER",
        help="scores files, or folders of them (each folder's .json files)",
    )
    parser.add_argument(
        "--output",
        "-o",
        metavar="DIR",
        default=".",
        help="write cohort-report.html and cohort-report.md into DIR (default: the current folder)",
    )
    parser.add_argument(
        "--min-group",
        type=int,
        default=MIN_GROUP,
        metavar="N",
        help=f"withhold every figure that comes from fewer than N people (default and least: {MIN_GROUP})",
    )


def run(args: argparse.Namespace) -> int:
    from workshop.reports import cohort, cohort_page
    from workshop.reports.scores import plain_name

    if args.min_group < cohort.MIN_GROUP:
        error(f"--min-group can raise the smallest group shown, never lower it below {cohort.MIN_GROUP}")
        return EXIT_USAGE
    given = [Path(each).expanduser() for each in args.paths]
    missing = [path for path in given if not path.exists()]
    for path in missing:
        error(f"{plain_name(str(path))}: no such file or folder")
    if missing:
        return EXIT_USAGE
    program = program_info(args)
    if program is None:
        return EXIT_INVALID
    found, problems = cohort.scores_paths(given)
    for folder, problem in problems:
        error(f"{plain_name(str(folder))}: {problem}")
    files, refused = cohort.read_cohort(found, program.id)
    kept, duplicates = cohort.count_runs_once(files)
    for each in refused:
        error(f"{plain_name(str(each.path))}: {each.reason} (left out)")
    for each in duplicates:
        error(f"{plain_name(str(each.path))}: {each.reason}")
    if not kept:
        error("no scores files of this program to report on: nothing was written")
        return EXIT_INVALID
    summary = cohort.summarise(kept, min_group=args.min_group, left_out=[*refused, *duplicates])
    today = date.today()
    documents = {
        "html": cohort_page.render_html(summary, program, made_on=today),
        "md": cohort_page.render_markdown(summary, program, made_on=today),
    }
    return _write(Path(args.output).expanduser(), documents, summary.people, args.min_group)


def program_info(args: argparse.Namespace) -> ProgramInfo | None:
    """The program's id, title, version and day count: from the cache's outline, else from program.toml.

    Neither needs pydantic: this command compares ids and prints a title, and never shows the content.
    """
    from workshop.content.cache import cached_outline
    from workshop.reports.cohort_page import ProgramInfo
    from workshop.reports.scores import plain_name

    folder = program_dir(args)
    if not folder.is_dir():
        shown = plain_name(str(folder))
        error(f"{shown}: no such program folder" if not folder.exists() else f"{shown}: not a program folder")
        return None
    outline = cached_outline(folder, paths.cache_dir())
    if outline is not None:
        return ProgramInfo(outline.id, outline.title, outline.version, len(outline.modules))
    file = folder / PROGRAM_FILE
    try:
        with file.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        error(f"{plain_name(str(file))}: cannot be read as a program (run `workshop validate` to see why)")
        return None
    fields = [data.get(key) for key in ("id", "title", "version")]
    modules = data.get("modules")
    if not all(isinstance(value, str) for value in fields) or not isinstance(modules, list):
        error(f"{plain_name(str(file))}: not a valid program (run `workshop validate` to see why)")
        return None
    program_id, title, version = (str(value) for value in fields)
    return ProgramInfo(program_id, title, version, len(modules))


def _write(folder: Path, documents: dict[str, str], people: int, min_group: int) -> int:
    from workshop.files import atomic
    from workshop.journal.errors import describe_os_error
    from workshop.reports.cohort_page import FILE_STEM
    from workshop.reports.scores import plain_name

    if folder.exists() and not folder.is_dir():
        error(f"{plain_name(str(folder))}: not a folder; --output takes a folder")
        return EXIT_USAGE
    writes = [
        atomic.Write(folder / f"{FILE_STEM}.{ext}", text.encode("utf-8")) for ext, text in documents.items()
    ]
    try:
        atomic.ensure_private_dir(folder)
        atomic.write_files(writes)
    except atomic.WriteFailed as failure:
        reason = describe_os_error(failure.error)
        error(f"{plain_name(str(failure.path))}: could not write the report ({reason})")
        return EXIT_INVALID
    except OSError as failure:
        error(f"{plain_name(str(folder))}: could not write the report ({describe_os_error(failure)})")
        return EXIT_INVALID
    print(f"Cohort report of {people} {'person' if people == 1 else 'people'} written:")
    for write in writes:
        print(f"  {plain_name(str(write.path))}")
    if people < min_group:
        print(f"With fewer than {min_group} people, it shows counts only: every other figure is withheld.")
    return EXIT_OK
