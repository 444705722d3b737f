"""Everything the plain mode uses from the layers below it, imported in this one place.

The plain mode is a front end over the same flow and journal as the full-screen app, and uses them the way
the app does. Keeping every import from below here means a move in those layers is fixed in one file.
The Markdown reading of a passage comes from the presenter's plain half (``present/blocks.py``, no
Textual), which the printed deck shares too.
"""

from __future__ import annotations

from workshop.answers import (
    Answer,
    ChoicesValue,
    CommitmentValue,
    FollowThroughValue,
    IntegerValue,
    ItemScoresValue,
    ItemsValue,
    RankedValue,
    RatingsValue,
    TextValue,
    Value,
)
from workshop.content.instruments import INSTRUMENTS, WHO5, Instrument
from workshop.content.models import (
    FEEDBACK_RATINGS,
    FOLLOW_THROUGH_ANSWERS,
    CheckStep,
    ChoiceStep,
    CommitmentStep,
    FeedbackStep,
    FollowThroughStep,
    ListStep,
    Module,
    PauseStep,
    Program,
    PromptStep,
    RankStep,
    ReadingStep,
    RecapStep,
    ScaleStep,
    Step,
)
from workshop.content.support import (
    SupportDirectory,
    SupportLine,
    load_support_lines,
    ordered_for,
    preferred_country,
)
from workshop.flow.answering import pick_note, saved_ratings, toggle_pick
from workshop.flow.completion import continue_place, program_progress
from workshop.flow.dates import format_day
from workshop.flow.day import DaySummary, DayWalk, RecapItem, day_summary
from workshop.flow.describe import HAPPENED_WORDS, describe_value
from workshop.flow.followups import check_in_label, check_in_line, open_check_in
from workshop.flow.insight import across_run_lines, checkin_lines, earlier_runs_line, insight
from workshop.flow.insight import sources as insight_sources
from workshop.flow.insight import sources_line as insight_sources_line
from workshop.flow.northstar import NorthStar
from workshop.flow.northstar import choose_run as choose_northstar_run
from workshop.flow.northstar import section_lines as northstar_lines
from workshop.flow.northstar import sections as northstar_sections
from workshop.flow.plain_rules import (
    NOT_A_CRISIS_SERVICE,
    NOTHING_WRITTEN_TODAY,
    NOTHING_YET,
    PRIVACY,
    PRIVACY_LINE,
    YOUR_COUNTRY,
    closing_words,
    continue_label,
    end_of_day_title,
    privacy_line_needed,
    rank_picks,
    series_sentences,
    still_open_line,
    why_not_editable,
)
from workshop.flow.plans import date_note, plan_date
from workshop.flow.review import Catalog, Finding, ReviewEntry, default_pair, preview, then_and_now
from workshop.flow.sources import citations_text, step_sources
from workshop.flow.wellbeing import needs_care
from workshop.invocation import EXIT_INVALID, EXIT_OK, data_dir, load_program
from workshop.journal.errors import (
    JournalError,
    JournalLocked,
    JournalNeedsUnlock,
    JournalProblem,
    SaveReport,
)
from workshop.journal.store import Journal, Run
from workshop.paths import exports_dir
from workshop.present.blocks import markdown_blocks
from workshop.reports.export import export_to_file
from workshop.reports.northstar import TITLE as NORTHSTAR_TITLE
from workshop.reports.northstar import export_to_file as northstar_to_file
from workshop.reports.northstar import gather as gather_northstar
from workshop.reports.share import NOTHING_TO_SHARE, NothingToShare
from workshop.reports.share import keep_id as keep_scores_id
from workshop.reports.share import prepare as prepare_scores
from workshop.reports.share import write as write_scores
from workshop.settings import Settings, load_settings
from workshop.text import display_text, legacy_text

__all__ = [
    "EXIT_INVALID",
    "EXIT_OK",
    "FEEDBACK_RATINGS",
    "FOLLOW_THROUGH_ANSWERS",
    "HAPPENED_WORDS",
    "INSTRUMENTS",
    "NORTHSTAR_TITLE",
    "NOTHING_TO_SHARE",
    "NOTHING_WRITTEN_TODAY",
    "NOTHING_YET",
    "NOT_A_CRISIS_SERVICE",
    "PRIVACY",
    "PRIVACY_LINE",
    "WHO5",
    "YOUR_COUNTRY",
    "Answer",
    "Catalog",
    "CheckStep",
    "ChoiceStep",
    "ChoicesValue",
    "CommitmentStep",
    "CommitmentValue",
    "DaySummary",
    "DayWalk",
    "FeedbackStep",
    "Finding",
    "FollowThroughStep",
    "FollowThroughValue",
    "Instrument",
    "IntegerValue",
    "ItemScoresValue",
    "ItemsValue",
    "Journal",
    "JournalError",
    "JournalLocked",
    "JournalNeedsUnlock",
    "JournalProblem",
    "ListStep",
    "Module",
    "NorthStar",
    "NothingToShare",
    "PauseStep",
    "Program",
    "PromptStep",
    "RankStep",
    "RankedValue",
    "RatingsValue",
    "ReadingStep",
    "RecapItem",
    "RecapStep",
    "ReviewEntry",
    "Run",
    "SaveReport",
    "ScaleStep",
    "Settings",
    "Step",
    "SupportDirectory",
    "SupportLine",
    "TextValue",
    "Value",
    "across_run_lines",
    "check_in_label",
    "check_in_line",
    "checkin_lines",
    "choose_northstar_run",
    "citations_text",
    "closing_words",
    "continue_label",
    "continue_place",
    "data_dir",
    "date_note",
    "day_summary",
    "default_pair",
    "describe_value",
    "display_text",
    "earlier_runs_line",
    "end_of_day_title",
    "export_to_file",
    "exports_dir",
    "format_day",
    "gather_northstar",
    "insight",
    "insight_sources",
    "insight_sources_line",
    "keep_scores_id",
    "legacy_text",
    "load_program",
    "load_settings",
    "load_support_lines",
    "markdown_blocks",
    "needs_care",
    "northstar_lines",
    "northstar_sections",
    "northstar_to_file",
    "open_check_in",
    "ordered_for",
    "pick_note",
    "plan_date",
    "preferred_country",
    "prepare_scores",
    "preview",
    "privacy_line_needed",
    "program_progress",
    "rank_picks",
    "saved_ratings",
    "series_sentences",
    "step_sources",
    "still_open_line",
    "then_and_now",
    "toggle_pick",
    "why_not_editable",
    "write_scores",
]
