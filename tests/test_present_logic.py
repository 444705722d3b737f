"""Facilitator mode without a terminal: the deck, the countdown, the agenda, the session, the sync file."""

from __future__ import annotations

import json
import os
import re
import stat
from dataclasses import replace
from pathlib import Path

import pytest

from tests.expect import not_none
from workshop.content.models import Program, Step
from workshop.paths import present_state_file
from workshop.present import strings
from workshop.present.bigtext import big_title, figlet_lines
from workshop.present.deck import build_deck, module_for_day
from workshop.present.session import PresentSession
from workshop.present.sync import NotesState, read_state, write_state
from workshop.present.timer import SWITCH_CUE_SECONDS, Countdown, FakeClock, TimerPhase, format_clock

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
    bare = replace(program, group=None, ground_rules=())
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


def test_the_plan_counts_the_check_in_ground_rules_and_closing_round(program: Program) -> None:
    module = program.modules[0]
    steps = sum(step.planned_minutes for step in module.steps)
    deck = build_deck(program, module)
    # The mini program's [group] sets no minutes: the model's defaults (10 and 5) and 2 for the rules.
    assert [deck[1].planned_minutes, deck[2].planned_minutes, deck[-1].planned_minutes] == [10, 2, 5]
    assert deck[0].planned_minutes is None  # the title slide: before the session starts
    assert deck.planned_minutes == steps + 17
    group = replace(not_none(program.group), check_in_minutes=12, closing_minutes=8)
    custom = build_deck(replace(program, group=group), module)
    assert custom.planned_minutes == steps + 22
    bare = replace(program, group=None)
    assert build_deck(bare, module).planned_minutes == steps + 17


def test_every_shipped_day_plans_the_ninety_minutes_its_notes_describe(shipped: Program) -> None:
    for module in shipped.modules:
        deck = build_deck(shipped, module)
        assert deck.planned_minutes == 90, module.id
        assert "90" in (module.facilitator_notes or ""), module.id
        # The notes state the same figures as the plan: steps, check-in and closing minutes.
        group = shipped.group_for(module)
        assert group is not None
        steps = sum(step.planned_minutes for step in module.steps)
        for figure in (steps, group.check_in_minutes, group.closing_minutes):
            assert f"{figure:g}" in (module.facilitator_notes or ""), (module.id, figure)


def test_shipped_steps_whose_notes_mix_writing_and_sharing_have_phases(shipped: Program) -> None:
    mixed = re.compile(r"writing, then (pairs|small groups)|writing, then four minutes in pairs", re.IGNORECASE)
    for module in shipped.modules:
        for step in module.steps:
            if step.notes and mixed.search(step.notes):
                assert step.phases, f"{step.id}: the notes describe two activities, the timer runs one"
                assert step.phases[0].format == "solo" and step.phases[-1].format != "solo", step.id
            if step.kind == "check":
                assert step.planned_minutes >= 2, f"{step.id}: a check is never a one-minute job on paper"


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


def test_countdown_ends_and_keeps_counting_the_overrun() -> None:
    clock = FakeClock()
    timer = Countdown(30, clock)
    timer.start()
    clock.advance(45)
    assert timer.ended
    assert timer.state == "ended"
    assert timer.remaining() == 0
    assert timer.overrun() == pytest.approx(15)


def test_a_minute_less_with_48_seconds_left_ends_now_without_an_overrun() -> None:
    clock = FakeClock()
    timer = Countdown(240, clock)
    timer.start()
    clock.advance(240 - 48)
    timer.extend(-60)
    assert format_clock(timer.remaining()) == "0:00"
    assert timer.state == "ended"
    assert timer.overrun() == 0  # not "+0:12": nobody ran over
    clock.advance(5)
    assert timer.overrun() == pytest.approx(5)  # from now on, the room is over


def test_a_minute_less_with_time_to_spare_takes_a_minute() -> None:
    clock = FakeClock()
    timer = Countdown(240, clock)
    timer.start()
    clock.advance(60)
    timer.extend(-60)
    assert timer.remaining() == pytest.approx(120)
    assert timer.state == "running"
    paused = Countdown(240, clock)
    paused.start()
    clock.advance(200)
    paused.pause()
    paused.extend(-60)  # 40 s left while paused: it ends there, with no overrun
    assert (paused.state, paused.remaining(), paused.overrun()) == ("ended", 0, 0)


def test_a_minute_more_while_over_means_a_minute_from_now() -> None:
    clock = FakeClock()
    timer = Countdown(60, clock)
    timer.start()
    clock.advance(60 + 130)  # 2:10 over
    timer.extend(60)
    assert format_clock(timer.remaining()) == "1:00"  # not 0:00 and still "+1:10 over"
    assert timer.state == "running"
    assert timer.overrun() == 0
    timer.extend(-60)
    assert timer.state == "ended" and timer.overrun() == 0
    clock.advance(10)
    timer.extend(-60)  # over already: less changes nothing
    assert timer.overrun() == pytest.approx(10)


def test_a_minute_less_on_a_timer_not_started_shortens_it_never_below_zero() -> None:
    clock = FakeClock()
    timer = Countdown(90, clock)
    timer.extend(-60)
    assert (timer.state, timer.remaining()) == ("ready", 30)
    timer.extend(-60)
    assert (timer.state, timer.remaining()) == ("ready", 0)
    timer.extend(60)
    assert timer.remaining() == 60
    timer.reset()
    assert timer.remaining() == 90


def test_phases_run_in_order_and_mark_the_switch() -> None:
    clock = FakeClock()
    write, pairs = TimerPhase("Write on your own", 180), TimerPhase("Share in pairs", 300, "pairs")
    timer = Countdown(0, clock, [write, pairs])
    assert timer.duration == 480
    assert timer.phase == write and timer.next_phase == pairs
    timer.start()
    clock.advance(179)
    assert (timer.phase, format_clock(timer.phase_remaining())) == (write, "0:01")
    assert not timer.switched_recently()
    clock.advance(2)
    assert timer.phase == pairs
    assert timer.next_phase is None
    assert format_clock(timer.phase_remaining()) == "4:59"
    assert timer.switched_recently()  # the cue: the room moves on now
    clock.advance(SWITCH_CUE_SECONDS)
    assert not timer.switched_recently()
    clock.advance(300)
    assert timer.ended
    assert timer.overrun() == pytest.approx(1 + SWITCH_CUE_SECONDS)
    assert not timer.switched_recently()


def test_a_minute_more_or_less_changes_the_phase_the_room_is_in() -> None:
    clock = FakeClock()
    timer = Countdown(0, clock, [TimerPhase("Write", 180), TimerPhase("Pairs", 300)])
    timer.start()
    clock.advance(100)
    timer.extend(60)  # writing gets a minute more; pairs keep their five
    assert format_clock(timer.phase_remaining()) == "2:20"
    assert timer.duration == 540
    timer.extend(-60)
    timer.extend(-60)
    assert format_clock(timer.phase_remaining()) == "0:20"
    timer.extend(-60)  # 0:20 left of writing: a minute less ends writing now, not 0:40 into the pairs
    assert timer.phase is not None and timer.phase.label == "Pairs"
    assert format_clock(timer.phase_remaining()) == "5:00"
    assert timer.switched_recently()
    assert timer.overrun() == 0
    timer.reset()
    assert (timer.state, timer.duration) == ("ready", 480)


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
    session.go_to(2)  # the check-in and the ground rules take exactly their plan: 10 and 2 minutes
    clock.advance(10 * 60)
    session.go_to(3)
    clock.advance(2 * 60)
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
    assert agenda.status() == "3 min behind plan"
    assert "18:00" in agenda.summary()


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
    path = present_state_file(program.id, 1, tmp_path / "run")
    write_state(path, state)
    assert read_state(path) == state
    assert not_none(read_state(path)).written_at == 123.0
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left behind


def test_state_file_follows_the_runtime_folder_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKSHOP_RUNTIME_DIR", str(tmp_path))
    assert present_state_file("mini", 2) == tmp_path / "present-mini-day-2.json"


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


def test_a_check_step_has_its_own_slide_and_an_unknown_kind_has_none(program: Program) -> None:
    """The check step's slide is an explicit case (what the check is, and that it is private). A kind
    the deck does not know is not shown as a private step: it fails mypy (``assert_never``), and here."""
    from dataclasses import dataclass
    from typing import Literal

    from workshop.content.models import CheckStep, StepBase
    from workshop.present.deck import step_slide

    check = CheckStep(id="check", title="A check", kind="check", instrument="who5", minutes=3)
    slide = step_slide(check, number=4, module=program.modules[0], program=program)
    assert slide.lead == strings.CHECK_LEADS["who5"] + " " + strings.PRIVATE_STEP
    assert slide.question is None and slide.items == ()
    assert slide.timer_seconds == 180  # the author set minutes: the room gets a countdown

    @dataclass(frozen=True, kw_only=True)
    class LaterStep(StepBase):
        """Stands in for a kind added later."""

        kind: Literal["later"]

    later = LaterStep(id="later", title="Later", kind="later", minutes=3)
    with pytest.raises(AssertionError):
        step_slide(later, number=4, module=program.modules[0], program=program)  # type: ignore[arg-type]  # a kind the Step union lacks, on purpose


# ---- pages, the session's memory, messages -----------------------------------------------------------


def test_next_and_back_walk_pages_then_slides(program: Program) -> None:
    session = PresentSession(build_deck(program, program.modules[0]), FakeClock())
    session.set_page_counts(lambda index: 3 if index == 3 else 1)  # slide 4 takes three pages
    session.go_to(3)
    seen = [(session.index, session.page)]
    for _ in range(4):
        assert session.next()
        seen.append((session.index, session.page))
    assert seen == [(2, 0), (3, 0), (3, 1), (3, 2), (4, 0)]
    assert session.back()
    assert (session.index, session.page) == (3, 2)  # back lands on the last page, as in any slide tool
    assert session.go_to(4)
    assert (session.index, session.page) == (3, 0)  # a slide number always means its first page
    assert not session.go_to(4)
    session.page = 2
    session.set_page_counts(lambda index: 2 if index == 3 else 1)  # the window grew: fewer pages
    assert session.page == 1


def test_typing_a_slide_number_and_a_number_with_no_slide(program: Program) -> None:
    clock = FakeClock()
    session = PresentSession(build_deck(program, program.modules[0]), clock)
    for digit in (9, 9, 9, 9):
        session.type_digit(digit)
    assert session.digits == "999"
    assert session.indicator() == "› 999"
    assert not session.jump()
    assert session.digits == "" and session.index == 0
    assert session.message() == strings.JUMP_OUT_OF_RANGE.format(number=999, count=len(session.deck))
    assert session.indicator() == "› 999 ✗"  # the projector gets the digits and a mark, not the sentence
    clock.advance(10)
    assert session.message() is None and session.indicator() == ""
    session.type_digit(5)
    assert session.jump()
    assert session.index == 4


def test_quit_and_reset_need_a_second_press(program: Program) -> None:
    clock = FakeClock()
    session = PresentSession(build_deck(program, program.modules[0]), clock)
    assert not session.confirm("quit")
    assert session.message() == strings.QUIT_AGAIN
    assert session.indicator() == strings.INDICATOR_QUIT
    clock.advance(5)
    assert not session.confirm("quit")  # too late: this press asks again
    clock.advance(1)
    assert session.confirm("quit")
    assert not session.confirm("reset")
    assert session.indicator() == strings.INDICATOR_RESET


def test_reset_clears_the_clock_time_per_slide_and_every_timer(program: Program) -> None:
    clock = FakeClock()
    session = PresentSession(build_deck(program, program.modules[0]), clock)
    session.go_to(5)
    session.toggle_timer()
    clock.advance(100)
    session.next()
    clock.advance(100)
    assert session.tracker.elapsed() == 200
    assert session.running_elsewhere()
    session.reset()
    assert (session.index, session.page, session.tracker.started) == (0, 0, False)
    assert session.tracker.spent(4) == 0
    assert session.running_elsewhere() == []
    session.go_to(5)
    assert session.timer is not None and session.timer.state == "ready"
    assert session.message() == strings.RESET_DONE


def test_a_timer_left_running_on_another_slide_stays_visible(program: Program) -> None:
    clock = FakeClock()
    session = PresentSession(build_deck(program, program.modules[0]), clock)
    session.go_to(5)  # "A first thought": 4 minutes
    session.toggle_timer()
    clock.advance(30)
    session.next()
    session.next()
    assert [slide.number for slide, _ in session.running_elsewhere()] == [5]
    assert session.indicator() == "⏱ 5 3:30"
    state = session.notes_state()
    assert state.elsewhere == ("Slide 5, A first thought: 3:30 left",)
    clock.advance(240)
    assert session.indicator() == "⏱ 5 +0:30"
    assert session.notes_state().elsewhere == ("Slide 5, A first thought: time is up +0:30",)
    session.go_to(5)
    assert session.running_elsewhere() == []  # on its own slide it is simply the timer
    session.toggle_timer()
    session.next()
    assert session.indicator() == ""  # a paused timer elsewhere is not counting down unseen


def test_alerts_for_the_bell_come_once_per_switch_and_end(program: Program) -> None:
    clock = FakeClock()
    module = replace(program.modules[0], steps=[with_phases(program.modules[0].steps[1])])
    session = PresentSession(build_deck(program, module), clock)
    session.go_to(4)
    assert session.slide.phases
    session.toggle_timer()
    assert session.poll_alerts() == []
    clock.advance(61)
    assert session.poll_alerts() == ["phase"]
    assert session.poll_alerts() == []
    clock.advance(180)
    assert session.poll_alerts() == ["end"]
    clock.advance(30)
    assert session.poll_alerts() == []


def with_phases(step: Step) -> Step:
    """``step`` (four minutes) as one minute of writing, then three in pairs."""
    from workshop.content.models import Phase

    return replace(step, phases=[Phase(label="Write on your own", minutes=1), Phase(label="Pairs", minutes=3, format="pairs")])


def test_a_phased_step_becomes_a_phased_slide_and_timer(program: Program) -> None:
    module = replace(program.modules[0], steps=[with_phases(program.modules[0].steps[1])])
    deck = build_deck(program, module)
    slide = deck[3]
    assert [(phase.label, phase.minutes, phase.format) for phase in slide.phases] == [
        ("Write on your own", 1, "solo"),
        ("Pairs", 3, "pairs"),
    ]
    assert slide.timer_seconds == 240
    clock = FakeClock()
    session = PresentSession(deck, clock)
    session.go_to(3)
    assert session.notes_state().next_timer == "Timer 4:00: Write on your own 1 min, then Pairs 3 min"
    session.go_to(4)
    state = session.notes_state()
    assert (state.phase, state.phase_next, state.timer, state.timer_total) == (
        "Write on your own",
        "then: Pairs, 3 min",
        "1:00",
        "4:00",
    )
    session.toggle_timer()
    clock.advance(62)
    state = session.notes_state()
    assert (state.phase, state.phase_next, state.timer, state.phase_switched) == ("Pairs", None, "2:58", True)


# ---- the notes: everything the facilitator reads aloud ------------------------------------------------


def test_notes_state_has_the_full_text_of_this_slide_and_the_next(program: Program) -> None:
    session = PresentSession(build_deck(program, program.modules[0]), FakeClock())
    session.go_to(2)
    state = session.notes_state()
    assert state.screen == (("title", "Check-in"), ("prompt", "How are you arriving today?"))
    assert state.next_title == "Ground rules"
    assert state.next_screen == (
        ("title", "Ground rules"),
        ("item", "•  What is said here stays here."),
        ("item", "•  Listen more than you speak."),
    )
    assert state.planned == "10 min"
    session.go_to(4)  # a reading: the passage, with its emphasis as plain text
    assert session.notes_state().screen == (("title", "Welcome"), ("paragraph", "Hello. This is day one."))
    session.go_to(7)
    screen = dict(session.notes_state().screen)
    assert screen["prompt"] == "Which of these have you noticed?"
    assert [line for role, line in session.notes_state().screen if role == "item"] == [
        "•  Numbness",
        "•  Irritability",
        "•  Guilt",
    ]
    session.go_to(len(session.deck))
    assert session.notes_state().next_screen == ()


def test_notes_state_carries_the_agenda_and_where_the_room_stands(program: Program) -> None:
    clock = FakeClock()
    session = PresentSession(build_deck(program, program.modules[0]), clock)
    session.go_to(2)
    clock.advance(15 * 60)  # check-in planned 10
    state = session.notes_state()
    assert state.agenda_status == "5 min behind plan"
    assert state.spent == "15:00"
    assert len(state.agenda) == len(session.deck)
    assert state.agenda[1][0] == "▸ 2" and state.agenda[1][3] == "10 min" and state.agenda[1][5] == "+5 min"
    assert not state.agenda_open


# ---- the sync file carries the new fields ---------------------------------------------------------------


def test_the_full_notes_state_round_trips(tmp_path: Path, program: Program) -> None:
    clock = FakeClock()
    session = PresentSession(build_deck(program, program.modules[0]), clock)
    session.go_to(5)
    session.toggle_timer()
    clock.advance(20)
    session.next()
    session.agenda_open = True
    session.type_digit(9)
    session.type_digit(9)
    session.jump()
    state = session.notes_state(written_at=5.0)
    assert state.elsewhere and state.message and state.agenda and state.screen and state.next_screen
    path = tmp_path / "state.json"
    write_state(path, state)
    assert read_state(path) == state


@pytest.mark.parametrize(
    "changes",
    [{"screen": [["title"]]}, {"screen": "x"}, {"agenda": [[1, 2]]}, {"elsewhere": [None]}, {"page": "2"}],
)
def test_malformed_nested_fields_are_refused(tmp_path: Path, changes: dict[str, object]) -> None:
    path = tmp_path / "state.json"
    path.write_text(_state_with(**changes))
    assert read_state(path) is None


def test_the_notes_window_says_it_is_following(tmp_path: Path) -> None:
    from workshop.present.sync import reader_path, reader_seen, touch_reader

    path = tmp_path / "run" / "state.json"
    assert not reader_seen(path, now=1e12)
    touch_reader(path)
    marker = reader_path(path)
    assert stat.S_IMODE(marker.stat().st_mode) == 0o600
    assert reader_seen(path, now=marker.stat().st_mtime + 1)
    assert not reader_seen(path, now=marker.stat().st_mtime + 60)
