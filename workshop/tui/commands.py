"""Command palette entries: go to a day, review, export, support. (Theme is Textual's own entry.)"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from workshop.flow.completion import continue_place, program_progress
from workshop.text import display_text
from workshop.tui.context import Workshop, workshop_of
from workshop.ui_text import plain


class WorkshopCommands(Provider):
    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        app = workshop_of(self.app)
        routes = app.routes
        commands: list[tuple[str, Callable[[], object], str]] = []
        if app.program_loaded and app.journal_open:
            # Where each day stands, and where Continue goes, by the same rule as home (flow/progress.py).
            run = app.current_run
            place = continue_place(run, app.program)
            if place is not None:
                where = f"Day {place.module.day}, step {place.number}"
                commands.append(
                    (f"Continue: {where.lower()}", partial(routes.open_day, place.module, place.index), where)
                )
            for progress in program_progress(run, app.program):
                module = progress.module
                state = progress.describe() or "not started"
                commands.append(
                    (
                        f"Go to day {module.day}: {display_text(module.title)}",
                        partial(routes.open_day, module),
                        state,
                    )
                )
            commands += _check_in_commands(app)
        commands += [
            ("Review your answers", routes.open_review, "Every answer, by run and day"),
            ("Insight: what moved", routes.open_insight, "Check-ins before and after, scales plotted"),
            ("North star page", routes.open_north_star, "Values, north star, goals, commitments"),
            (
                "Export as Markdown",
                partial(routes.export_journal, "markdown"),
                "Write your journal to a file",
            ),
            ("Export as HTML", partial(routes.export_journal, "html"), "A printable page of your journal"),
            ("Encryption", routes.open_encryption, "Turn it on or off, the passphrase, the recovery page"),
            (
                "Share my scores (numbers only)",
                routes.share_scores,
                "A file for your facilitator, if you wish: shown before it is written",
            ),
            (
                "Calendar file of the check-ins",
                routes.write_calendar,
                "An .ics file for your own calendar: check-ins and dated plans, no private words",
            ),
            ("Support and crisis lines", routes.open_support, "Who to call; what this app is not"),
            ("Keys", routes.open_help, "Every key on this screen"),
            ("Home", routes.go_home, "Back to the start"),
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


def _check_in_commands(app: Workshop) -> list[tuple[str, Callable[[], object], str]]:
    """Each follow-up check-in of the current run that has come due, even one home no longer offers:
    skipping one costs nothing, and it can still be answered from here."""
    from workshop.flow.followups import schedule  # deferred: needs the loaded program, as above

    run = app.current_run
    if run is None:
        return []
    today = app.today()
    found: list[tuple[str, Callable[[], object], str]] = []
    for state in schedule(app.program, run):
        if state.due <= today:
            done = "done" if state.complete else "begun" if state.started else "open"
            name = f"Check-in: {state.name}"
            found.append((name, partial(app.routes.open_day, state.module), done))
    return found


def highlight(matcher: Matcher, name: str) -> Content:
    """``name`` with the letters the query matched highlighted, never parsed as markup."""
    content = plain(name)
    _, offsets = matcher.fuzzy_search.match(matcher.query, name)
    for offset in offsets:
        if not name[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
