"""Every sentence the plain mode says of its own, in one place.

Written to be heard as well as read: short sentences, what to type said plainly, no symbols standing in
for words, and each instruction said where it is needed rather than repeated at every prompt. Wording that
both front ends share (the end of a day, support, insight) comes from ``workshop.flow`` instead.
"""

from __future__ import annotations

# -- the start and the end ---------------------------------------------------------------------------------

HOW_IT_WORKS = (
    "This is the plain mode: everything is written line by line, and you answer by typing, then Enter. "
    "At any prompt you can type next, back, skip, home, support or quit; help says this again. "
    "Everything is saved as soon as you type it."
)
GOODBYE = "Everything is saved. Come back whenever you like."
ERROR = "workshop: {message}"
NOT_SAVED = (
    "Not saved yet: {problem} Your words are kept here, and saving will be tried again with your next answer."
)
NOT_BEGUN = "The run could not begin: {problem} Nothing was lost; try again once that is fixed."
SAVED_AGAIN = "Saved again: everything you wrote is on disk now."
NOT_SAVED_AT_EXIT = "your latest words could not be saved ({problem})"
UNLOCK_TITLE = "Your journal is encrypted. Type its passphrase to open it; it is asked once per session."
UNLOCK_PROMPT = "Passphrase (hidden as you type): "
UNLOCK_NEEDS_TERMINAL = (
    "The journal is encrypted, and there is no terminal to ask for its passphrase on. Open the workshop at "
    "a terminal to unlock it."
)
UNLOCK_GAVE_UP = "The journal stays locked. Nothing was changed."
LOCKED_RETRY = "Type retry to try again once that window is closed, or press Enter to leave."
RETRY = "retry"
DAMAGED = "Some files of your journal could not be read:"
DAMAGED_KEPT = "Those files are kept exactly as they are. The rest of your journal is open."
RESTORE_OFFER = (
    "A readable backup exists for {count} of them. Type restore to bring the backups back, or press Enter "
    "to keep the files as they are."
)
RESTORE = "restore"
RESTORED = "Backups restored. The unreadable files were kept beside them."
BACK_TO = "Back to {where}."
BACK_TO_PROMPT = "Back to where you were."
ENTER_FOR_HOME = "Press Enter to go home."
CARRY_ON = "Press Enter when you are ready to carry on."

# -- home --------------------------------------------------------------------------------------------------

HOME = "Home"
RUN_LINE = "Run {number}, started {started}. Take the days at your own pace."
RUN_FINISHED = (
    "Run {number}, started {started}: every day is done. Reread your answers in the review, take your "
    "north-star page, or begin the program again with a new run."
)
DAY_LINE = "Day {day}: {title}. {state}."
ABOUT_MINUTES = "about {minutes} minutes"
WHAT_NEXT = "What would you like to do? Type a number."
WHAT_NEXT_CONTINUE = "What would you like to do? Type a number, or press Enter to continue."
HOME_PLACE = "home: type a number from the list"
BEGIN = "Begin day 1"
OPEN_DAY = "Day {day}: {title}"
REVIEW = "Review and search your answers"
INSIGHT = "Insight: what moved"
NORTH_STAR = "Your north-star page"
EXPORT = "Export your journal to a file"
SHARE_SCORES = "Share my scores with the facilitator: numbers only, shown first"
SUPPORT = "Support and crisis lines"
NEW_RUN = "Start the program again: a new run"
QUIT = "Quit"
NOTHING_TO_SKIP = "There is nothing to skip here. Type a number from the list."
CHOOSE_AGAIN = "Please type a number from 1 to {count}, or help for the commands."
NEW_RUN_ASK = (
    "Start the program again? A new run begins at day 1 with blank pages. Every earlier answer is kept, "
    "and the review shows your runs side by side. Type yes to start a new run, or press Enter for not now."
)
YES = ("yes", "y")
NEW_RUN_NOT_NOW = "Nothing changed."
NEW_RUN_DONE = "A new run has started. Your earlier answers are kept in the review."

# -- a day -------------------------------------------------------------------------------------------------

DAY_TITLE = "Day {day}: {title}"
POSITION = "{where}, step {number} of {total}"
STEP_PLACE = "{where}, step {number}: {title}"
FIRST_STEP = "This is the first step of the day."
YOUR_COMMITMENT = "Your commitment"
WRITTEN_TODAY = "What you wrote today"

# -- the steps ---------------------------------------------------------------------------------------------

HINT = "hint"
CLEAR = "clear"
READING_GO_ON = "Press Enter to go on."
NOTHING_TO_ANSWER = "There is nothing to answer here. Press Enter to go on, or type a command."
EARLIER_ANSWERS = "What you wrote earlier:"
RECAP_SOURCE = "Day {day}, {title}:"
RECAP_NOTHING = "(nothing written here yet)"
LOOK_BACK_ANSWERS = "The question below refers to what you wrote earlier:"
SOURCES = "sources"
SOURCES_OFFER = "This step cites {count} source{s}; type sources to read {them}."
SOURCES_TITLE = "Sources:"
YOUR_ANSWER_SO_FAR = "Your answer so far:"
WRITING_NEW = "Write your answer on as many lines as you like. An empty line ends it."
WRITING_ADD = (
    "Lines you type now are added to it; an empty line ends them and goes on. To start it again, type clear."
)
HINT_OFFER = "If you want a nudge, type hint."
EXAMPLES_OFFER = "If examples would help, type hint."
CLEARED_WRITING = "Cleared. Write your answer; an empty line ends it."
FOR_EXAMPLE = "For example: {example}"

SCALE_ENDS = "{s.low} means {s.low_label}, and {s.high} means {s.high_label}."
SCALE_NOW = "Your answer now: {value}. Press Enter to keep it."
SCALE_ASK = "Type a number from {s.low} to {s.high}."
SCALE_AGAIN = "Please type a whole number from {s.low} to {s.high}, or help for the commands."

PICKED_NOW = "Ticked now: {picked}. Press Enter to keep it."
UP_TO = " (up to {most})"
CHECKLIST_ASK = "Type the numbers of all that apply{most}, with spaces between them, for example 1 3."
SINGLE_ASK = "Type the number of your choice."
STANDS_ALONE = "{options} stands alone: ticking it clears the others."
CHECKLIST_AGAIN = "Please type numbers from the list, with spaces between them, or help for the commands."
SINGLE_AGAIN = "Please type one number from the list, or help for the commands."
CLEARED_PICKS = "Nothing is ticked now."
TICKED = "Ticked: {picked}."
NOTHING = "nothing"
STOOD_ALONE = "{option} stands alone, so the others are not ticked."
KEEP_OR_AGAIN = "Press Enter to keep these, or type the numbers again."
OTHER_NOW = "Something else, in your own words, now: {other}"
OTHER_ASK = (
    "Anything else, in your own words? Type it, or press Enter to go on. Type clear to remove your own words."
)

LIST_ASK = "Up to {most}, one on each line. An empty line ends the list."
LIST_SO_FAR = "Your list so far:"
LIST_ADD = "Lines you type now are added to the list; an empty line ends them. To start it again, type clear."
LIST_FULL = "That is {most}, as many as this list holds. Press Enter to go on, or type clear to start again."
LIST_NO_ROOM = "The list is full. Press Enter to go on, or type clear to start it again."
CLEARED_LIST = "The list is empty now. Type its lines; an empty line ends it."

RANK_NOW = "Your top {pick} now:"
RANK_ASK = (
    "Type the numbers of your top {pick}, the most important first, with spaces between them. "
    "Typing them again puts them in a new order."
)
RANK_AGAIN = "Please type up to {pick} numbers from 1 to {count}, with spaces between them."
RANK_ONCE = "Each one counts once."
RANK_KEPT = "Your top {pick}, in order:"
RANK_LEFT_OUT = "Only {pick} are kept; left out: {options}."
RANK_MORE = "That is {count} of {pick}. Press Enter to keep them, or type all {pick} numbers."
CLEARED_RANK = "Your order is cleared."

BREATHING = "Breathe in slowly for a count of five, and out for a count of five."
PAUSE_BEGINS = "The pause begins now and lasts {length}. It ends by itself; press Enter to end it sooner."
PAUSE_ENDED = "The pause has ended. Take your time coming back."
PAUSE_ENDED_EARLY = "The pause has ended."

COMMITMENT_NOW = "Your commitment now:"
COMMITMENT_ACTION_ASK = "{label}: one small, concrete action, on one line."
COMMITMENT_KEEP = "Press Enter to keep the action, or type a new one."
COMMITMENT_WHEN_ASK = "{label}: a day, a place or a cue."
COMMITMENT_DATE_ASK = (
    "A date for your calendar, if you want one, as year-month-day (2026-12-04). Press Enter to leave it."
)
NO_PLANS = "There are no plans from the four days to look back at. Press Enter to go on."
PLAN_HEADING = "Plan {number} of {count} ({where}):"
PLAN_ANSWERS = "1 yes, 2 partly, 3 not yet; Enter to leave it."
PLAN_NOW = "Now: {answer}. Press Enter to keep it."
PLAN_AGAIN = "Type 1, 2 or 3, or press Enter to leave it."
PLAN_REVISE = "{label}? Type it, or press Enter to keep the plan as it is."
COMMITMENT_WHEN_NOW = "Now: {when}. Press Enter to keep it."

CHECK_OPTIONS = "The answers, each with its number:"
CHECK_OPTIONAL = (
    "Optional and private: answer what you like; press Enter to leave an item blank, or type skip to "
    "leave the check. Only a complete check is scored, and the score is for you alone."
)
CHECK_ITEM = "{number} of {count}: {item}"
CHECK_NOW = "Your answer now: {score}, {label}. Press Enter to keep it."
CHECK_AGAIN = "Please type a number from {low} to {high}, or press Enter to leave it blank."
FEEDBACK_OPTIONAL = (
    "Optional: press Enter to leave a question blank, or type skip to leave the form. Your ratings stay "
    "in your journal; they leave it only if you choose to share your scores file."
)

# -- review ------------------------------------------------------------------------------------------------

REVIEW_TITLE = "Review"
REVIEW_EMPTY = "Nothing written yet. Your answers will appear here as you go."
REVIEW_COUNT = "{count} answers, in {runs}."
REVIEW_RUNS_ONLY = "Answers from {runs}, newest first."
REVIEW_HOW = (
    "Type words to search for, or list to hear every answer, ten at a time. Then type a number to read one "
    "whole, or edit and its number to change it. An empty line goes home."
)
REVIEW_RUNS_HOW = (
    "With more than one run: run and a number shows only that run, all runs shows every run again, and "
    "then and a number shows that answer's question in your two latest runs (then 3 1 2 for runs 1 and 2)."
)
REVIEW_ALL = "Every answer:"
REVIEW_FOUND = "{count} found for {query}:"
REVIEW_ALL_PAGE = "Every answer, newest run first, {first} to {last}:"
REVIEW_FOUND_PAGE = "Found for {query}, newest run first, {first} to {last}:"
REVIEW_ALL_END = "That was the last: {count} answers in all."
REVIEW_FOUND_END = "That was the last: {count} found for {query}."
REVIEW_NO_MORE = "That was the last of this list. Type a number to read one whole, or new words to search."
REVIEW_NEXT_MORE = (
    "Type more for the next {page}, a number to read one whole, edit and a number to change it, or new "
    "words to search."
)
REVIEW_NONE_FOUND = "Nothing found for {query}. Type other words, list, or press Enter to go home."
REVIEW_MORE = "{more} more lines: type {number} to read it all."
REVIEW_NEXT = "Type a number to read one whole, edit and a number to change it, or new words to search."
REVIEW_LIST_FIRST = "Search or type list first; the numbers are those of the answers listed."
REVIEW_NO_SUCH = "Please type a number from 1 to {count}."
REVIEW_WHICH = "Which answer? Type its number after the word, for example edit 2."
REVIEW_BACK = "Back in the review. Type words to search, list, or press Enter to go home."
EARLIER_VERSION = "This answer is from an earlier version of the program; it is kept, read-only."
ENTRY_HEADING = "Run {run}, {day}, {title}, {when}"
THEN_NEEDS_TWO = "Then and now compares two runs. Start a new run from home to have two."
THEN_TITLE = "Then and now: {title}"
THEN_SIDE = "Run {number}, {date}:"
THEN_SIDE_EMPTY = "Run {number}: no answer in this run."
NO_SUCH_RUN = "There is no run {number}; the runs are {runs}."
ONLY_RUN = "Only run {number} from now on. Type all runs to see every run again."
EVERY_RUN = "Every run again."

# -- insight, north star, export ---------------------------------------------------------------------------

INSIGHT_TITLE = "What moved"
NOT_A_DIAGNOSIS = (
    "These check-ins are for your own reflection. A score is not a diagnosis; if a number worries you, "
    "type support for people to talk to."
)
RUN_HEADING = "Run {number}"
ACROSS_RUNS = "Across runs"
CHARTS_IN_WORDS = "The charts, in words:"
NORTHSTAR_NO_RUN = (
    "The north-star page is made from your answers on day 4 and the days before. Nothing is written yet."
)
NORTHSTAR_OF = "{title}, run {number}"
NORTHSTAR_SAVE = (
    "Type print to save it as a page to print, or markdown to save it as Markdown; press Enter to go home. "
    "Saved pages go to the exports folder of your journal, readable only by you."
)
NORTHSTAR_OTHER_RUN = "Or type a run's number to see its page."
SAVE_FORMATS = {"print": "html", "html": "html", "markdown": "markdown", "md": "markdown"}
SAVED_TO = "Saved to {path}"
EXPORT_ASK = (
    "Export your whole journal to a file readable only by you, in the exports folder of your journal. "
    "Type markdown, or html for a page to print; press Enter to go home."
)
EXPORT_FORMATS = {"markdown": "markdown", "md": "markdown", "html": "html", "print": "html"}
EXPORTED_TO = "Exported to {path}"
SHARE_ASK = (
    "Write this scores file to {path}? It stays on this computer until you give it to your facilitator "
    "yourself. Type yes to write it; press Enter to go home without writing."
)
SHARE_NOT_WRITTEN = "Not written."
SHARE_WRITTEN = "Scores saved to {path}"

# -- support and help --------------------------------------------------------------------------------------

SUPPORT_TITLE = "Support"
GENTLE_OPENING = (
    "Thank you for answering honestly. Your answers suggest that things are heavy for you right now. "
    "That is common among clinicians, and it is not a failing. You do not have to carry it alone: the "
    "lines below include people who support doctors and other clinicians, many of them clinicians "
    "themselves, and most are confidential."
)
GENTLE_MORE = (
    "Type support at any prompt for the whole list, with lines in {countries} countries and regions, "
    "each with the date it was last checked."
)
SUPPORT_CONTACT = "{contact}, {hours}"
SUPPORT_PAGE = "{url} (checked {checked})"
HELP_TITLE = "Commands, at any prompt:"
HELP_COMMANDS = (
    ("next", "keep what is here and go on (Enter on an empty line does the same)"),
    ("back", "the step before"),
    ("skip", "go on, leaving this step open for later: Continue comes back to it"),
    ("home", "the days, the review and everything else"),
    ("support", "support and crisis lines"),
    ("help", "this list"),
    ("quit", "save and leave"),
)
HELP_MORE = (
    "A written answer ends with an empty line. Where there is a list of numbers, type a number; a "
    "checklist or an order takes several, with spaces between them. Where a step offers one, hint gives "
    "a nudge; where you have answered before, clear starts again; where a step cites sources, sources "
    "reads them.",
    "Your terminal's keys edit a line before Enter: Backspace, and Ctrl+U to clear it. Ctrl+D saves and "
    "leaves, as quit does. Everything is saved as soon as you type it.",
)
