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
    "Take a few minutes on your own, in your own copy of the workshop or on paper. Nothing is shared."
)
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

BLANK_HINT: Final = ""
JUMP_PROMPT: Final = "Go to slide {digits}  (Enter to go, Escape to cancel)"
JUMP_OUT_OF_RANGE: Final = "There is no slide {number}; slides run from 1 to {count}."
QUIT_AGAIN: Final = "Press q again to end the session."

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
NOTES_DISCUSSION: Final = "Discussion: "
NOTES_HINTS: Final = "Hints to offer: "
NOTES_ELAPSED: Final = "Session {elapsed}"
NOTES_WAITING: Final = (
    "Waiting for the presenter. Start `workshop present --day {day}` with the same --program in another "
    "terminal; this window follows it."
)
NOTES_STALE: Final = "The presenter has not updated for a while: it may have closed."
NOTES_BLANKED: Final = "The screen is blanked."

KEYS_TITLE: Final = "Keys"
KEYS: Final = (
    ("PageDown  Right  Down  Space  Enter", "next slide"),
    ("PageUp  Left  Up", "previous slide"),
    ("Home  End", "first / last slide"),
    ("number, then Enter (or g)", "go to that slide"),
    ("b  .", "blank the screen (again, or any next/back key, to bring it back)"),
    ("F5", "start the session clock and hide the status line"),
    ("Escape", "close an overlay, unblank, or show the status line again"),
    ("s", "start / pause the timer"),
    ("r", "reset the timer"),
    ("+  =  e", "one more minute on the timer"),
    ("-", "one minute less"),
    ("j  k", "scroll a long passage down / up"),
    ("a", "agenda: plan, time spent, overrun"),
    ("n", "facilitator notes on this screen"),
    ("t", "switch theme (light on dark / dark on light)"),
    ("?", "this list"),
    ("q q", "end the session (press twice)"),
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
