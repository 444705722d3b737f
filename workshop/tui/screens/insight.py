"""Insight: the check-ins before and after, their change, and the scales plotted across days and runs.

Every number comes from ``workshop.flow.insight``; this screen only lays it out. Each plot has its values
written out beneath it, and each run its own marker, so it reads without colour.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Header, Static
from textual_plotext import PlotextPlot

from workshop.flow.insight import (
    NOT_A_DIAGNOSIS,
    across_run_lines,
    checkin_lines,
    earlier_runs_line,
    insight,
    series_lines,
    sources,
    sources_line,
)
from workshop.flow.trends import Series
from workshop.tui.screens.base import WorkshopScreen, workshop_footer
from workshop.tui.screens.notice import Notice
from workshop.ui_text import plain

SOURCES_TITLE = "Where these numbers come from"
NO_SOURCES = "This program lists no sources for its check-ins; see docs/references.md."
MARKERS = ("●", "x", "+", "o", "*", "#")  # one per run, so lines are told apart without colour
COLOURS = ("cyan", "orange", "green", "magenta", "yellow", "blue")
NOTHING_YET = (
    "Nothing to show yet. The short check-ins at the start of day 1 and the end of day 4, and the scales "
    "along the way, will appear here once you have answered them."
)


class SeriesPlot(PlotextPlot):
    """One series: a line per run across the points where the question is asked."""

    def __init__(self, series: Series) -> None:
        super().__init__(classes="insight-plot")
        self.series = series

    def on_mount(self) -> None:
        super().on_mount()
        plt = self.plt
        series = self.series
        xs: list[float] = [float(x) for x in range(1, len(series.points) + 1)]
        for index, (run_number, values) in enumerate(series.lines):
            shown = [(x, v) for x, v in zip(xs, values, strict=True) if v is not None]
            if not shown:
                continue
            points_x, points_y = [x for x, _ in shown], [float(v) for _, v in shown]
            # A fine line joins the points; each run's points have their own marker, which reads in mono.
            colour, marker = COLOURS[index % len(COLOURS)], MARKERS[index % len(MARKERS)]
            plt.plot(points_x, points_y, marker="braille", color=colour)
            plt.scatter(points_x, points_y, marker=marker, color=colour, label=f"Run {run_number}")
        plt.xticks(xs, list(series.points))
        plt.xlim(0.5, len(xs) + 0.5)
        middle = (series.low + series.high) / 2
        plt.yticks(
            [float(series.low), middle, float(series.high)],
            [f"{t:g}" for t in (series.low, middle, series.high)],
        )
        plt.ylim(series.low, series.high)
        plt.title(series.title)


class InsightScreen(WorkshopScreen):
    """Check-ins before and after, and the scales across days and runs."""

    BINDINGS = [  # noqa: RUF012
        Binding("escape", "home", "Home", id="insight.home"),
        Binding("f", "sources", "Sources", id="insight.sources", tooltip="Where these numbers come from"),
    ]

    def __init__(self) -> None:
        super().__init__(classes="insight-screen")

    def compose(self) -> ComposeResult:
        runs = self.workshop.runs
        found = insight(self.workshop.program, runs)
        yield Header(show_clock=False)
        with VerticalScroll(classes="page", id="insight-body"), Vertical(classes="column"):
            yield Static("What moved", classes="home-title")
            yield Static(NOT_A_DIAGNOSIS, classes="dim insight-note")
            earlier = earlier_runs_line(found)
            if earlier:
                yield Static(plain(earlier), classes="dim insight-note", id="insight-earlier")
            if not found.empty:
                yield Static(sources_line(), classes="dim insight-note", id="insight-sources")
            if found.empty:
                yield Static(NOTHING_YET, classes="home-intro", id="insight-empty")
            for run in reversed(found.runs):
                lines = checkin_lines(run, self.workshop.program)
                if lines:
                    yield Static(f"Run {run.run_number}", classes="section-title")
                    yield Static(plain("\n".join(lines)), classes="insight-lines")
            across = across_run_lines(found)
            if across:
                yield Static("Across runs", classes="section-title")
                yield Static(plain("\n".join(across)), classes="insight-lines")
            for series in found.series:
                yield SeriesPlot(series)
                yield Static(plain("\n".join(series_lines(series))), classes="dim insight-values")
        yield workshop_footer()

    def on_mount(self) -> None:
        self.query_one("#insight-body").focus()

    def action_sources(self) -> None:
        found = sources(self.workshop.program) or [NO_SOURCES]
        self.app.push_screen(Notice(SOURCES_TITLE, "\n\n".join(found)))

    def action_home(self) -> None:
        self.routes.go_home()
