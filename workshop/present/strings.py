"""Every sentence facilitator mode shows or prints that does not come from a content file.

Kept in one place so they can be reviewed (and one day translated) together. All are plain text: widgets
receive them as ``Content``/``Text``, never as markup.
"""

from __future__ import annotations

from typing import Final

# Used when a program sets no [group] table or no ground_rules: the COMPASS / Balint defaults.
DEFAULT_CHECK_IN: Final = "How are you arriving today? One or two sentences each; anyone may pass."
DEFAULT_CLOSING_ROUND: Final = "One word, or one small step, that you take with you."
DEFAULT_GROUND_RULES: Final = (
    "What is said here stays here.",
    "Listen to understand; let each person finish.",
    "No advice unless someone asks for it.",
    "Anyone may pass, at any time.",
)

CHECK_IN_TITLE: Final = "Check-in"
GROUND_RULES_TITLE: Final = "Ground rules"
CLOSING_TITLE: Final = "Closing round"

CHECK_IN_NOTES: Final = (
    "Go round the room. A sentence or two each; anyone may pass. Model it: answer first, briefly."
)
GROUND_RULES_NOTES: Final = (
    "Read the rules aloud and ask for a nod from everyone. Nothing written today is collected or shown."
)
CLOSING_NOTES: Final = "Go round once more. One word or one step each; no discussion, no advice."

FORMAT_LABELS: Final = {"solo": "On your own", "pairs": "In pairs", "group": "As a group"}
THEN_DISCUSS: Final = "Then discuss: "
PAUSE_SILENCE: Final = "A moment of silence."
PAUSE_BREATHING: Final = "Breathe slowly, with the cue under the clock."
BREATHE_IN: Final = "Breathe in"
BREATHE_OUT: Final = "Breathe out"
PRIVATE_STEP: Final = (
    "Answer on your own, in your own copy of the workshop or on the paper form. Nothing is shared, "
    "and you may skip it."
)
CHECK_LEADS: Final = {
    "who5": "Five short statements about how you have felt over the last two weeks.",
    "burnout": "One question about burnout, with five answers to choose from.",
}
RECAP_LEAD: Final = "Look back at what you wrote for: "
LIST_LEAD: Final = "Up to {count}."
EXAMPLES_LEAD: Final = "For example: "
SCALE_LINE: Final = "{low} = {low_label}     {high} = {high_label}"
RANK_LEAD: Final = "Choose {pick} and put them in order."

TIMER_READY: Final = "ready"
TIMER_RUNNING: Final = "running"
TIMER_PAUSED: Final = "paused"
TIMER_ENDED: Final = "time is up"
TIMER_OVER: Final = "time is up  +{over}"
PHASE_NEXT: Final = "then: {label}, {minutes}"
PHASE_NOW: Final = "Now: {label}"
PAGE_OF: Final = "{page} of {count}"
CONTINUED: Final = "continued, {page} of {count}"

# Facilitator messages: in full in the notes window; on the projector only the short neutral indicator.
JUMP_OUT_OF_RANGE: Final = "There is no slide {number}; slides run from 1 to {count}."
QUIT_AGAIN: Final = "Press q again to end the session."
RESET_AGAIN: Final = (
    "Press R again to reset the session: back to the first slide, session clock, time per slide and "
    "every timer cleared."
)
RESET_DONE: Final = "Session reset: the clock starts again when you leave the title slide or press F5."
INDICATOR_DIGITS: Final = "› {digits}"
INDICATOR_NO_SLIDE: Final = "› {number} ✗"
INDICATOR_QUIT: Final = "q again to end"
INDICATOR_RESET: Final = "R again to reset"
INDICATOR_TIMER: Final = "⏱ {number} {clock}"
INDICATOR_NOTES_FAILED: Final = "notes ✗"
INDICATOR_OTHER_PRESENTER: Final = "notes: 2 presenters"
ELSEWHERE: Final = "Slide {number}, {title}: {clock}"
ELSEWHERE_LEFT: Final = "{clock} left"
ELSEWHERE_OVER: Final = "time is up +{over}"

AGENDA_TITLE: Final = "Agenda"
AGENDA_COLUMNS: Final = ("#", "Slide", "Format", "Plan", "Spent", "Over")
AGENDA_SUMMARY: Final = "Elapsed {elapsed} of {planned} planned  ·  {status}"
AGENDA_NOT_STARTED: Final = "Not started: the clock starts when you leave the title slide or press F5."
AHEAD: Final = "{amount} ahead of plan"
BEHIND: Final = "{amount} behind plan"
ON_PLAN: Final = "on plan"

NOTES_TITLE: Final = "Facilitator notes"
NOTES_NONE: Final = "No notes for this slide."
NOTES_NEXT: Final = "Next: "
NOTES_LAST: Final = "Next: (this is the last slide)"
NOTES_HINTS: Final = "Hints to offer: "
NOTES_ELAPSED: Final = "Session {elapsed}"
NOTES_WHERE: Final = "Slide {number} of {count}"
NOTES_PAGE: Final = "page {page} of {pages}"
NOTES_ON_SLIDE: Final = "on this slide {spent}"
NOTES_ON_SLIDE_PLAN: Final = "on this slide {spent} of {planned}"
NOTES_ON_SCREEN: Final = "On screen"
NOTES_NOTES: Final = "Notes"
NOTES_ELSEWHERE: Final = "Also running"
NOTES_PHASE: Final = "{label}"
NOTES_TOTAL_LEFT: Final = "{clock} left in all"
NOTES_TIMER: Final = "Timer {clock}"
NOTES_TIMER_PHASES: Final = "Timer {clock}: {phases}"
NOTES_WAITING: Final = (
    "Waiting for the presenter. Start `workshop present --day {day}` with the same --program in another "
    "terminal; this window follows it."
)
NOTES_STALE: Final = "The presenter has not updated for a while: it may have closed."
NOTES_BLANKED: Final = "The screen is blanked."

KEYS_TITLE: Final = "Keys"
KEYS: Final = (
    ("Next", "PageDown  →  ↓  Space  Enter"),
    ("Back", "PageUp  ←  ↑"),
    ("First, last slide", "Home  End"),
    ("Go to a slide", "its number, then Enter"),
    ("Blank the screen", "b  or  .   (again to bring it back)"),
    ("Start the show", "F5   (Escape shows the status line)"),
    ("Timer", "s start / pause    r reset"),
    ("A minute more, less", "+  -"),
    ("Agenda", "a   (in the notes window when open)"),
    ("Notes beside the slide", "n"),
    ("Light / dark", "t"),
    ("Reset after a rehearsal", "R twice"),
    ("End the session", "q twice"),
    ("Close this list", "?  or  Escape"),
)
STATUS_RIGHT: Final = "session {elapsed}    ? keys"
STATUS_NOT_STARTED: Final = "not started    ? keys"
ALREADY_PRESENTING: Final = (
    "This day seems to be presented in another window already; the notes window follows whichever "
    "moved last. Close the other one."
)
SYNC_FAILED: Final = "The notes window cannot follow: {reason}"

# Facilitator guide and participant handout.
GUIDE_TITLE: Final = "Facilitator guide"
HANDOUT_TITLE: Final = "Handout"
GUIDE_AGENDA: Final = "Agenda"
GUIDE_AGENDA_COLUMNS: Final = ("Start", "#", "Slide", "Format", "Minutes")
GUIDE_TOTAL: Final = "Planned: {minutes} min of steps, plus the check-in and closing rounds."
GUIDE_AIMS: Final = "Aims and what to watch for"
GUIDE_NOTES: Final = "Notes"
GUIDE_DISCUSSION: Final = "Discussion"
GUIDE_HINTS: Final = "Hints to offer"
GUIDE_ON_SCREEN: Final = "On screen"
GUIDE_TIMER: Final = "Timer: {clock}"
GUIDE_PRIVATE: Final = (
    "Nothing participants write is collected or shown: workshop present never reads a journal."
)
HANDOUT_INTRO: Final = (
    "These are the questions from today's session, to take home. What you write is yours: "
    "it is not collected, and nobody will ask to see it."
)
HANDOUT_WRITE: Final = "Your notes"
HANDOUT_SCALE: Final = "From {low} ({low_label}) to {high} ({high_label})."
REFERENCES: Final = "References"
NOT_THERAPY: Final = "This program is reflection, not therapy or diagnosis."
