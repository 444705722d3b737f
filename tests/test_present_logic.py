"""Facilitator mode without a terminal: the deck, the countdown, the agenda, the session, the sync file."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from workshop.content.models import Program
from workshop.present import strings
from workshop.present.bigtext import big_title, figlet_lines
from workshop.present.deck import build_deck, module_for_day
from workshop.present.session import PresentSession
from workshop.present.sync import NotesState, read_state, state_path, write_state
from workshop.present.timer import Countdown, FakeClock, format_clock

# ---- deck -----------------------------------------------------------------------------------------


def test_deck_opens_with_check_in_and_ground_rules_and_closes_with_a_round(program: Program) -> None:
    deck = build_deck(program, program.modules[0])
    kinds = [slide.kind for slide in deck.slides]
    assert kinds[:3] == ["title", "check-in", "ground-rules"]
    assert kinds[-1] == "closing"
    assert kinds.count("step") == len(program.modules[0].steps)
    assert [slide.number for slide in deck.slides] == list(range(1, len(deck) + 1))
    # The author's words, not the defaults.
    assert deck[1].question == "How are you arriving today?"
    assert deck[2].items == ("What is said here stays here.", "Listen more than you speak.")
    assert deck[-1].question == "One word for how you leave."


def test_a_program_without_group_content_gets_the_default_rounds(program: Program) -> None:
    bare = program.model_copy(update={"group": None, "ground_rules": ()})
    deck = build_deck(bare, bare.modules[0])
    assert deck[1].question == strings.DEFAULT_CHECK_IN
    assert deck[2].items == strings.DEFAULT_GROUND_RULES
    assert any("advice" in rule for rule in deck[2].items)
    assert deck[-1].question == strings.DEFAULT_CLOSING_ROUND


def test_step_slides_carry_questions_for_the_room_and_notes_for_the_facilitator(program: Program) -> None:
    deck = build_deck(program, program.modules[0])
    by_id = {slide.step_id: slide for slide in deck.slides if slide.step_id}
    assert by_id["welcome"].body_markdown == "Hello. This is **day one**."
    assert by_id["welcome"].notes == "Read it aloud."
    prompt = by_id["first-thought"]
    assert prompt.question == "What brought you here today?"
    assert prompt.discussion == "What surprised you?"
    assert prompt.hints == ("There is no wrong answer.",)
    assert by_id["signs"].items == ("Numbness", "Irritability", "Guilt")
    assert "none" in (by_id["meaning-now"].detail or "")
    assert deck[0].notes == "Keep the pace gentle."


def test_recap_slides_name_the_earlier_steps_never_anyones_answers(program: Program) -> None:
    deck = build_deck(program, program.modules[1])
    recap = next(slide for slide in deck.slides if slide.step_kind == "recap")
    assert recap.detail == strings.RECAP_LEAD + "A first thought; Values; One step"


def test_timed_slides_are_pauses_and_steps_whose_file_sets_minutes(program: Program) -> None:
    deck = build_deck(program, program.modules[0])
    timed = {slide.step_id: slide.timer_seconds for slide in deck.slides if slide.timed}
    # welcome (minutes = 2) and first-thought (minutes = 4) set minutes; the pause has 30 seconds.
    assert timed == {"welcome": 120, "first-thought": 240, "breathe": 30}
    assert deck.planned_minutes == sum(step.minutes for step in program.modules[0].steps)


def test_module_for_day(program: Program) -> None:
    assert module_for_day(program, 2) is program.modules[1]
    assert module_for_day(program, 9) is None


# ---- timer ---------------------------------------------------------------------------------------


def test_countdown_start_pause_resume_reset() -> None:
    clock = FakeClock()
    timer = Countdown(240, clock)
    assert timer.state == "ready"
    assert format_clock(timer.remaining()) == "4:00"
    timer.start()
    clock.advance(60.4)
    assert timer.state == "running"
    assert format_clock(timer.remaining()) == "3:00"  # rounds up: 179.6 s left still reads 3:00
    timer.pause()
    clock.advance(500)
    assert timer.state == "paused"
    assert timer.remaining() == pytest.approx(179.6)
    timer.toggle()
    clock.advance(19.6)
    assert timer.remaining() == pytest.approx(160)
    timer.reset()
    assert (timer.state, timer.remaining()) == ("ready", 240)


def test_countdown_ends_keeps_counting_the_overrun_and_can_be_extended() -> None:
    clock = FakeClock()
    timer = Countdown(30, clock)
    timer.start()
    clock.advance(45)
    assert timer.ended
    assert timer.state == "ended"
    assert timer.remaining() == 0
    assert timer.overrun() == pytest.approx(15)
    timer.extend(60)
    assert timer.state == "running"
    assert timer.remaining() == pytest.approx(45)
    timer.extend(-600)
    assert timer.duration == 0
    assert timer.ended


def test_format_clock() -> None:
    assert format_clock(0) == "0:00"
    assert format_clock(59.01) == "1:00"
    assert format_clock(59.99, round_up=False) == "0:59"
    assert format_clock(3600 + 62) == "1:01:02"


# ---- session and agenda ------------------------------------------------------------------------------


def test_session_moves_blanks_and_tracks_time(program: Program) -> None:
    clock = FakeClock()
    session = PresentSession(build_deck(program, program.modules[0]), clock)
    assert not session.back()  # already on the first slide
    clock.advance(300)  # setting up before the room arrives does not count
    assert session.next()
    assert session.tracker.started
    clock.advance(90)
    session.toggle_blank()
    assert not session.next()  # the first press only brings the screen back
    assert not session.blank
    assert session.index == 1
    assert session.go_to(5)
    assert not session.go_to(99)
    assert session.tracker.elapsed() == 90
    assert session.tracker.spent(1) == 90


def test_each_timed_slide_keeps_its_own_countdown(program: Program) -> None:
    clock = FakeClock()
    session = PresentSession(build_deck(program, program.modules[0]), clock)
    session.go_to(5)
    assert session.toggle_timer()
    clock.advance(30)
    session.next()
    assert session.timer is None
    assert not session.toggle_timer()
    session.back()
    assert session.timer_text() == "3:30"


def test_agenda_reports_overrun_and_drift(program: Program) -> None:
    clock = FakeClock()
    deck = build_deck(program, program.modules[0])
    session = PresentSession(deck, clock)
    session.go_to(4)  # welcome: 2 minutes planned
    clock.advance(5 * 60)
    session.next()  # first-thought: 4 minutes planned
    clock.advance(60)
    agenda = session.agenda()
    welcome = agenda.rows[3]
    assert welcome.overrun_seconds == pytest.approx(180)
    assert agenda.rows[4].current
    assert agenda.drift_seconds == pytest.approx(180)
    assert "3 min behind plan" in agenda.summary()
    assert "6:00" in agenda.summary()


def test_agenda_before_the_session_starts(program: Program) -> None:
    session = PresentSession(build_deck(program, program.modules[0]), FakeClock())
    assert session.agenda().summary() == strings.AGENDA_NOT_STARTED


def test_breathing_cue_alternates(program: Program) -> None:
    clock = FakeClock()
    session = PresentSession(build_deck(program, program.modules[0]), clock)
    session.go_to(10)
    assert session.slide.breathing
    assert session.cue() is None
    session.toggle_timer()
    assert session.cue() == strings.BREATHE_IN
    clock.advance(4.5)
    assert session.cue() == strings.BREATHE_OUT


# ---- sync ------------------------------------------------------------------------------------------


def test_state_file_round_trips_and_is_private(tmp_path: Path, program: Program) -> None:
    session = PresentSession(build_deck(program, program.modules[0]), FakeClock())
    session.go_to(5)
    state = session.notes_state(written_at=123.0)
    path = state_path(program.id, 1, tmp_path / "run")
    write_state(path, state)
    assert read_state(path) == state
    assert read_state(path).written_at == 123.0  # type: ignore[union-attr]
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left behind


def test_state_file_follows_the_runtime_folder_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKSHOP_RUNTIME_DIR", str(tmp_path))
    assert state_path("mini", 2) == tmp_path / "present-mini-day-2.json"


VALID_STATE = NotesState(program_id="p", day=1, number=2, count=5, title="T", hints=("a",), written_at=1.0)


def _state_with(**changes: object) -> str:
    """A valid state file with one field changed, so only the check on that field can refuse it."""
    data = json.loads(VALID_STATE.to_json())
    data.update(changes)
    return json.dumps(data)


def test_a_valid_state_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_text(VALID_STATE.to_json())
    assert read_state(path) == VALID_STATE


@pytest.mark.parametrize(
    "text",
    [
        "",
        "not json",
        "[]",
        _state_with(version=99),
        _state_with(number="3"),
        _state_with(number=True),
        _state_with(blank="yes"),
        _state_with(title=None),
        _state_with(notes=5),
        _state_with(hints=[1]),
        _state_with(hints="a"),
        _state_with(written_at="now"),
    ],
)
def test_malformed_state_files_are_ignored(tmp_path: Path, text: str) -> None:
    path = tmp_path / "state.json"
    path.write_text(text)
    assert read_state(path) is None


def test_missing_or_oversized_state_file(tmp_path: Path) -> None:
    assert read_state(tmp_path / "absent.json") is None
    big = tmp_path / "big.json"
    big.write_text(_state_with(notes="x" * 70_000))
    assert read_state(big) is None


def test_notes_state_equality_ignores_the_write_time() -> None:
    one = NotesState(program_id="p", day=1, number=1, count=2, title="T", written_at=1.0)
    two = NotesState(program_id="p", day=1, number=1, count=2, title="T", written_at=2.0)
    assert one == two


# ---- big titles ------------------------------------------------------------------------------------


def test_big_titles_fit_or_fall_back() -> None:
    lines = figlet_lines("A first thought", 120)
    assert lines is not None
    assert max(len(line) for line in lines) <= 120
    assert len(lines) == 3
    assert big_title("A first thought", 8) is None
    assert big_title("Réflexion", 120) is None  # a letter the fonts lack: plain bold text instead
    assert big_title("Looking back at what we wrote together today and yesterday too", 60) is None
    wide = figlet_lines("Ground rules", 200)
    assert wide is not None
    assert len(wide) > 3  # the larger font on a wide screen


def test_runtime_folder_owned_by_someone_else_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not hasattr(os, "getuid"):
        pytest.skip("POSIX only")
    monkeypatch.setattr(os, "getuid", lambda: os.stat(tmp_path).st_uid + 1)
    with pytest.raises(PermissionError):
        write_state(tmp_path / "run" / "s.json", NotesState(program_id="p", day=1, number=1, count=1, title="T"))


def test_a_step_kind_the_deck_does_not_know_gets_a_private_slide(program: Program) -> None:
    from typing import Literal

    from workshop.content.models import StepBase
    from workshop.present.deck import step_slide

    class LaterStep(StepBase):
        """Stands in for a kind added later, such as a well-being check."""

        kind: Literal["later"]

    later = LaterStep(id="later", title="A check", kind="later", minutes=3)
    slide = step_slide(later, number=4, module=program.modules[0], program=program)  # type: ignore[arg-type]
    assert slide.lead == strings.PRIVATE_STEP
    assert slide.question is None
    assert slide.timer_seconds == 180  # the author set minutes: the room gets a countdown
