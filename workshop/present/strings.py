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
FEEDBACK_LEAD: Final = (
    "Rate each from 1 ({low}) to 5 ({high}), in the app or on the slip. Anonymous, and you may skip it."
)
RECAP_LEAD: Final = "Look back at what you wrote for: "
LOOK_BACK_LEAD: Final = "Look back at: "
"""Above a question that refers to earlier answers: the titles of those steps, never the answers."""
FOLLOW_THROUGH_LEAD: Final = (
    "Look back at each plan you made, on your own: did it happen, and would you rewrite it? "
    "Nothing is shared."
)
PAPER_FOLLOW_THROUGH: Final = "Copy each plan you made, then tick one and rewrite it if you want to."
PAPER_HAPPENED: Final = "Did it happen?   [ ] Yes   [ ] Partly   [ ] Not yet"
PAPER_DATE: Final = "Date (optional)"
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

# Paper: the facilitator guide, the run sheet, the participant handout and the printed deck.
GUIDE_TITLE: Final = "Facilitator guide"
HANDOUT_TITLE: Final = "Handout"
GUIDE_AGENDA: Final = "Agenda"
GUIDE_AGENDA_COLUMNS: Final = ("Start", "#", "Slide", "Format", "Minutes")
GUIDE_TOTAL: Final = (
    "Planned: {total} in all: {check_in} for the check-in and ground rules, {steps} of steps, "
    "{closing} for the closing round."
)
GUIDE_AIMS: Final = "Aims and what to watch for"
GUIDE_NOTES: Final = "Notes"
GUIDE_DISCUSSION: Final = "Discussion"
GUIDE_HINTS: Final = "Hints to offer"
GUIDE_TIMER: Final = "Timer: {clock}"
GUIDE_PHASES: Final = "Phases"
GUIDE_PHASE: Final = "{label}, {minutes} ({format})"
GUIDE_PHASE_JOIN: Final = "; then "
GUIDE_CHECK_ON_PAPER: Final = (
    "Anyone without a laptop can answer this check on paper: the handout prints it whole, with its "
    "scoring. Nobody hands it in."
)
GUIDE_PRIVATE: Final = (
    "Nothing participants write is collected or shown: workshop present never reads a journal."
)
PAPER_END: Final = "End"
RUN_SHEET_TITLE: Final = "Run sheet"
RUN_SHEET_COLUMNS: Final = ("Time", "#", "Slide", "How", "Min", "Timer")
RUN_SHEET_SPAN: Final = "{start} to {end}  ·  {total} planned, check-in and closing round included"
LOCAL_CONTACT_NAME: Final = "Local support contact"
LOCAL_CONTACT_WHO: Final = "Name or service"
LOCAL_CONTACT_HOW: Final = "Phone, email or where to find them"
HANDOUT_INTRO: Final = (
    "Today's session on paper: to answer in the room if you have no laptop, and to take home. What you "
    "write is yours: it is not collected, and nobody will ask to see it."
)
PAPER_SOURCE: Final = "{title} (day {day})"
PAPER_CIRCLE_ONE: Final = "Circle one."
PAPER_CIRCLE_NUMBER: Final = "Circle one number."
PAPER_CIRCLE_PER_ROW: Final = "Circle one number in each row."
PAPER_TICK_ANY: Final = "Tick any that fit."
PAPER_TICK_UP_TO: Final = "Tick up to {count}."
PAPER_TICK_AT_LEAST: Final = "Tick at least {count}."
PAPER_OTHER: Final = "Other"
PAPER_HINTS: Final = "If you are stuck: "
PAPER_RANK: Final = "Choose {pick} and write them in order, the most important first:"
PAPER_FEEDBACK: Final = (
    "Anonymous and optional: answer in the app, or on the feedback slip, without your name."
)
PAPER_CHECK_PRIVATE: Final = "For you alone: nobody will ask for your answers or your score. You may skip it."
PAPER_WHO5_ADD: Final = (
    "Your score: add up the {items} numbers you circled (0 to {most}) and multiply by {multiplier}, for a "
    "score out of 100."
)
PAPER_WHO5_SUM: Final = "______   × {multiplier}   =   ______  out of 100"
PAPER_WHO5_MEANING: Final = (
    "A score of {cut_off} or below suggests that things are heavy for you right now; it is the level at "
    "which a proper conversation with a doctor is recommended. Please think about talking with your own "
    "doctor, or with one of the services at the end of this handout. Between two checks, a change of "
    "{change} points or more is a meaningful change."
)
PAPER_BURNOUT_SCORING: Final = (
    "Options {from_option} and above indicate burnout. If you circled {highest}, please talk with someone "
    "soon: your doctor, your local support contact, or one of the services at the end of this handout."
)
PAPER_SUPPORT_TITLE: Final = "If you need support"
PAPER_NOT_A_CRISIS_SERVICE: Final = (
    "This program is reflection, not therapy or diagnosis, and not a crisis service. If you are "
    "struggling, the people below are there for exactly this; several of them support doctors and other "
    "clinicians, and most are confidential."
)
PAPER_LOCAL_TITLE: Final = "Your local support contact"
PAPER_LINES_TITLE: Final = "Crisis and support lines"
PAPER_CHECKED: Final = "checked {date}"
DECK_TITLE: Final = "Slides"
DECK_NOTES_TITLE: Final = "Slides with facilitator notes"
DECK_NEXT: Final = "Next: {title}"
DECK_STARTS: Final = "Starts {start}"
DECK_NOTES_HEADING: Final = "Slide {number}"
DECK_LAST: Final = "This is the last slide."
REFERENCES: Final = "References"

# -- the facilitator's kit: the privacy statement, the attendance sheet, feedback slips ------------------

KIT_PRIVACY_TITLE: Final = "Your privacy in this program"
KIT_PRIVACY_LEAD: Final = (
    "A page to keep: what stays with you, what you may choose to share, and how to look before you do."
)
KIT_PRIVACY_SECTIONS: Final = (
    (
        "What stays on your computer",
        "Everything you write in the workshop: your reflections, lists, commitments, check-ins and "
        "ratings. It is kept in files that only your user account can read (encrypted too, if you set a "
        "passphrase), and it is never sent anywhere. "
        "Nothing you write is shown on the projector, and your facilitator never sees your journal.",
    ),
    (
        "The scores file, if you choose to share one",
        "Only numbers: your answers to the WHO-5 well-being check, the one burnout question, the "
        "program's 0 to 10 scales and the session feedback ratings; each with its day (or follow-up) and "
        "the week it was answered in, and a random id made for the file so it is counted once. It never "
        "holds anything you wrote, your name, your journal's run number, a file name, or a date finer "
        "than the week.",
    ),
    (
        "Sharing is optional",
        "You decide whether to share, and when. Nobody will ask who shared and who did not, and not "
        "sharing changes nothing about your place in the group.",
    ),
    (
        "How to look before you share",
        "In the workshop, press ctrl+p and choose \"Share my scores\"; or type "
        "workshop export --scores in a terminal. Either one shows every number the file will hold, in "
        "plain words, and writes nothing until you say yes. The file is plain text: open it in any text "
        "editor to read it again before you hand it over.",
    ),
    (
        "What your facilitator does with the files",
        "Puts them together in a report for the group (workshop cohort): how many took part, and "
        "medians and changes for the group as a whole. Any figure that would come from fewer than five "
        "people is left out, and no single person's answers are ever shown.",
    ),
)
KIT_PRIVACY_CONTACT: Final = "Questions about your data? Ask"
KIT_PRIVACY_FOOT: Final = "The file's format is documented in docs/data.md, \"The scores file\"."

KIT_ATTENDANCE_TITLE: Final = "Attendance"
KIT_ATTENDANCE_LEAD: Final = (
    "Names or initials only: no scores, no notes. Keep this sheet apart from any scores files, which "
    "are shared without names."
)
KIT_ATTENDANCE_NAME: Final = "Name or initials"
KIT_ATTENDANCE_DAY: Final = "Day {day}\nDate: ________"
KIT_ATTENDANCE_ROWS: Final = 16

KIT_FEEDBACK_TITLE: Final = "Session feedback: day {day}"
KIT_FEEDBACK_LEAD: Final = "No name, please. Fold the slip and leave it in the box for your facilitator."
KIT_FEEDBACK_NONE: Final = "This program has no feedback form (no step of kind feedback)."
KIT_PAGES: Final = ("privacy", "attendance", "feedback")
