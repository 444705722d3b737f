"""The sources of what the program states, as the app, the plain mode and the exports name them: plain
Python over the content, no journal.

A step (or a module, for its own text) names its sources in ``cites``, ids of the program's
``[[references]]``; the loader has checked them, so an id that names nothing is simply skipped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from workshop.content.models import Module, Program, Reference, Step

SOURCES_TITLE = "Sources"


def cited(program: Program, ids: Iterable[str]) -> tuple[Reference, ...]:
    """The references named by ``ids``, in that order, each once."""
    by_id = {reference.id: reference for reference in program.references}
    seen: dict[str, Reference] = {}
    for reference_id in ids:
        if reference_id in by_id and reference_id not in seen:
            seen[reference_id] = by_id[reference_id]
    return tuple(seen.values())


def step_sources(program: Program, step: Step) -> tuple[Reference, ...]:
    """What ``step`` cites."""
    return cited(program, step.cites)


def modules_sources(program: Program, modules: Sequence[Module]) -> tuple[Reference, ...]:
    """Everything ``modules`` cite (their own text and every step), in the order they first cite it."""
    owners = (owner for module in modules for owner in (module, *module.steps))
    return cited(program, (reference_id for owner in owners for reference_id in owner.cites))


def citation(reference: Reference) -> str:
    """One reference as plain text: the citation, then its address on the next line if it has one."""
    return f"{reference.text}\n{reference.url}" if reference.url else reference.text


def citations_text(references: Sequence[Reference]) -> str:
    """References as plain text, one paragraph each, numbered when there are several."""
    if len(references) == 1:
        return citation(references[0])
    return "\n\n".join(f"{number}. {citation(ref)}" for number, ref in enumerate(references, start=1))
