"""The widget for each step kind, in one place."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import assert_never

from workshop.answers import Value
from workshop.content.models import (
    CheckStep,
    ChoiceStep,
    CommitmentStep,
    FeedbackStep,
    FollowThroughStep,
    ListStep,
    PauseStep,
    PromptStep,
    RankStep,
    ReadingStep,
    RecapStep,
    ScaleStep,
    Step,
)
from workshop.flow.day import RecapItem
from workshop.flow.followups import CommitmentItem
from workshop.tui.widgets.base import StepView
from workshop.tui.widgets.check import CheckView, FeedbackView
from workshop.tui.widgets.follow_through import FollowThroughView
from workshop.tui.widgets.pause import PauseView
from workshop.tui.widgets.rank import RankView
from workshop.tui.widgets.structured_steps import ChoiceView, ItemsView, ScaleView
from workshop.tui.widgets.text_steps import CommitmentView, PromptView, ReadingView, RecapView


def step_view(
    step: Step,
    value: Value | None,
    *,
    recap_items: list[RecapItem] | None = None,
    commitments: list[CommitmentItem] | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> StepView:
    """The widget that shows ``step`` with its saved ``value``."""
    match step:
        case ReadingStep():
            return ReadingView(step)
        case PromptStep():
            return PromptView(step, value)
        case RecapStep():
            return RecapView(step, value, recap_items or [])
        case ScaleStep():
            return ScaleView(step, value, clock)
        case ChoiceStep():
            return ChoiceView(step, value)
        case ListStep():
            return ItemsView(step, value)
        case RankStep():
            return RankView(step, value)
        case PauseStep():
            return PauseView(step, clock)
        case CommitmentStep():
            return CommitmentView(step, value)
        case CheckStep():
            return CheckView(step, value)
        case FeedbackStep():
            return FeedbackView(step, value)
        case FollowThroughStep():
            return FollowThroughView(step, value, commitments or [])
        case _:
            assert_never(step)
