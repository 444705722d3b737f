"""Command palette entries: go to a day, review, export, support. (Theme is Textual's own entry.)"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from workshop.flow.completion import continue_place, program_progress
from workshop.text import display_text
from workshop.ui_text import plain

if TYPE_CHECKING:
    from workshop.tui.app import WorkshopApp


class WorkshopCommands(Provider):
    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        app: WorkshopApp = self.app  # type: ignore[assignment]
        commands: list[tuple[str, Callable[[], object], str]] = []
        if app.program_loaded and app.journal is not None:
            # Where each day stands, and where Continue goes, by the same rule as home (flow/progress.py).
            run = app.current_run
            place = continue_place(run, app.program)
            if place is not None:
                where = f"Day {place.module.day}, step {place.number}"
                commands.append(
                    (f"Continue: {where.lower()}", partial(app.open_day, place.module, place.index), where)
                )
            for progress in program_progress(run, app.program):
                module = progress.module
                state = progress.describe() or "not started"
                commands.append(
                    (
                        f"Go to day {module.day}: {display_text(module.title)}",
                        partial(app.open_day, module),
                        state,
                    )
                )
        from workshop.tui.screens.home import open_insight, open_north_star

        commands += [
            ("Review your answers", app.open_review, "Every answer, by run and day"),
            ("Insight: what moved", partial(open_insight, app), "Check-ins before and after, scales plotted"),
            ("North star page", partial(open_north_star, app), "Values, north star, goals, commitments"),
            ("Export as Markdown", partial(app.export_journal, "markdown"), "Write your journal to a file"),
            ("Export as HTML", partial(app.export_journal, "html"), "A printable page of your journal"),
            ("Support and crisis lines", app.action_support, "Who to call; what this app is not"),
            ("Keys", app.action_help, "Every key on this screen"),
            ("Home", app.go_home, "Back to the start"),
        ]
        return commands

    # A day's title comes from a content file, so names are given to the palette as Content: a plain
    # string would be parsed as markup there (Textual's own highlight does that too).
    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands():
            yield DiscoveryHit(plain(name), callback, text=name, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, highlight(matcher, name), callback, text=name, help=help_text)


def highlight(matcher: Matcher, name: str) -> Content:
    """``name`` with the letters the query matched highlighted, never parsed as markup."""
    content = plain(name)
    _, offsets = matcher.fuzzy_search.match(matcher.query, name)
    for offset in offsets:
        if not name[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
