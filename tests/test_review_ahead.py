"""The review built ahead (``WorkshopApp._prepare_the_rest``, ``Routes.review_screen``) and keys typed at
once with ``r`` while it is still being built: they wait for it, then reach it in order.

Found by hand in tmux (r, ctrl+f and a word sent as home showed the journal open): ctrl+f reached the
review before its widgets were there, and the app stopped with NoMatches.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from tests.test_review_search import long_history
from tests.test_tui_input import type_at_once
from tests.tui_helpers import build_app, until, wait_for_journal
from workshop.content.models import Program
from workshop.flow.review import review_entries, search
from workshop.tui.screens.review import ReviewScreen


async def test_keys_typed_with_r_while_the_review_is_still_being_built_wait_for_it(
    tmp_path: Path, program: Program
) -> None:
    long_history(tmp_path / "data", program, 5)
    app = build_app(program, tmp_path / "data")  # the test builds the review ahead itself, below
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_journal(pilot)
        screen = app.routes.review_screen()
        assert isinstance(screen, ReviewScreen)
        review: ReviewScreen = screen
        app.build_ahead(review)  # begun, not awaited: still being built as the keys come
        assert not review.is_mounted
        type_at_once(app, "r", "ctrl+f", *"river")

        def box() -> Input | None:
            found = review.query("#search")
            return found.first(Input) if found else None

        await until(pilot, lambda: (b := box()) is not None and b.value == "river" and review.searched)
        assert app.is_running and app.screen is review
        expected = search(review_entries(app.program, app.journal.runs), "river")  # type: ignore[union-attr]
        assert expected and review.shown == expected[: len(review.shown)]
