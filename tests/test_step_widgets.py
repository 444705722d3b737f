"""One step widget at a time, in the harness app (tests/step_harness.py), driven with keys as a person
would: what it reports, and the quiet lines that say how many a step asks for."""

from __future__ import annotations

from textual.widgets import Static

from tests.step_harness import StepHarness
from workshop.answers import ChoicesValue, ItemsValue
from workshop.content.models import ChoiceStep, ListStep


def note(app: StepHarness, selector: str) -> str:
    return str(app.query_one(selector, Static).render())


async def test_a_list_asks_for_its_minimum_until_it_is_written_and_reports_each_line() -> None:
    step = ListStep(
        kind="list", id="gifts", title="T", question="Three good things?", max_items=4, min_items=2
    )
    app = StepHarness(step)
    async with app.run_test() as pilot:
        assert note(app, "#list-note").startswith("Write at least 2")
        await pilot.press(*"sun", "enter", *"tea")
        await pilot.pause()
        assert note(app, "#list-note") == ""
        assert app.changes[-1] == ItemsValue(("sun", "tea", "", ""))
        await pilot.press("backspace", "backspace", "backspace")  # one line rubbed out: asked again
        await pilot.pause()
        assert note(app, "#list-note").startswith("Write at least 2")


async def test_a_list_that_asks_for_none_has_no_line() -> None:
    step = ListStep(kind="list", id="gifts", title="T", question="Things?", max_items=3)
    app = StepHarness(step)
    async with app.run_test():
        assert not app.query("#list-note")


async def test_a_checklist_asks_for_its_minimum_until_it_is_picked() -> None:
    step = ChoiceStep(
        kind="choice",
        id="c",
        title="T",
        question="Which?",
        options=["a", "b", "c"],
        multiple=True,
        min_picks=2,
    )
    app = StepHarness(step)
    async with app.run_test() as pilot:
        assert note(app, "#pick-count") == "0 picked: pick at least 2"
        await pilot.press("enter", "down", "enter")
        await pilot.pause()
        assert note(app, "#pick-count") == "2 picked"
        assert app.changes[-1] == ChoicesValue(("a", "b"))
