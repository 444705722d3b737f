"""The footer shows the keys of what is on screen, and is rebuilt only when those keys change."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from tests.tui_helpers import build_app, open_step, screen_text, until, wait_for_journal
from workshop import paths


def footer_line(text: str) -> str:
    return text.rstrip("\n").splitlines()[-1]


async def test_the_footer_follows_the_keys_and_keeps_its_keys_when_they_do_not_change(tmp_path: Path) -> None:
    app = build_app(paths.shipped_program_dir(), tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_journal(pilot)
        await open_step(pilot, "identity-reading")  # cites its sources: F2 is one of its keys
        await until(pilot, lambda: "f2 Sources" in footer_line(screen_text(app)))
        await open_step(pilot, "milestone-afterglow")  # cites nothing: F2 goes from the footer
        await until(pilot, lambda: "f2 Sources" not in footer_line(screen_text(app)))
        assert "^n Next" in footer_line(screen_text(app))

        # The same keys asked for again (as every focus move does): the footer keeps its key widgets.
        footer = app.screen.query_one(Footer)
        before = list(footer.query(FooterKey))
        app.screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert before and list(footer.query(FooterKey)) == before
