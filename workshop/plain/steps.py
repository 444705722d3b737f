"""Each step kind, asked line by line. One function per kind; ``ask_step`` picks it.

Every function prints the step's own text, asks, and keeps each answer as soon as it is typed (through
``keep``, which records it in the day walk and saves), then returns where the user wants to go. A text
answer is kept line by line, so Ctrl+D, a closed terminal or ``quit`` in the middle of one loses nothing
typed before it. Nothing typed earlier is ever replaced without the user asking (``clear``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import assert_never

from workshop.plain import strings
from workshop.plain.conversation import Conversation, Move, Reply
from workshop.plain.layers import (
    FEEDBACK_RATINGS,
    FOLLOW_THROUGH_ANSWERS,
    HAPPENED_WORDS,
    INSTRUMENTS,
    CheckStep,
    ChoiceStep,
    ChoicesValue,
    CommitmentStep,
    CommitmentValue,
    DayWalk,
    FeedbackStep,
    FollowThroughStep,
    FollowThroughValue,
    IntegerValue,
    ItemScoresValue,
    ItemsValue,
    ListStep,
    PauseStep,
    PromptStep,
    RankedValue,
    RankStep,
    RatingsValue,
    ReadingStep,
    RecapItem,
    RecapStep,
    ScaleStep,
    TextValue,
    Value,
    citations_text,
    date_note,
    describe_value,
    markdown_blocks,
    pick_note,
    plan_date,
    rank_picks,
    saved_ratings,
    step_sources,
    toggle_pick,
)

Keep = Callable[[Value | None], None]
"""Records the current step's answer (None clears it) and saves it."""


class StepAsker:
    """Asks the current step of a day walk. ``back_to`` names the step when help or support interrupts."""

    def __init__(self, talk: Conversation, walk: DayWalk, keep: Keep) -> None:
        self.talk = talk
        self.out = talk.out
        self.walk = walk
        self.keep = keep

    @property
    def back_to(self) -> str:
        walk = self.walk
        where = walk.module.short_name.lower() if walk.module.is_day else "the check-in"
        return strings.STEP_PLACE.format(where=where, number=walk.number, title=walk.step.title)

    def ask(self) -> Reply:
        """The next reply; ``sources`` on a step that cites some is answered here, then asked again."""
        while True:
            reply = self.talk.ask(back_to=self.back_to)
            if reply.move is None and reply.word == strings.SOURCES and self.walk.step.cites:
                self.say_sources()
                continue
            return reply

    def say_sources(self) -> None:
        self.out.gap()
        self.out.say(strings.SOURCES_TITLE)
        references = step_sources(self.walk.program, self.walk.step)
        self.out.say(citations_text(references), indent="  ")
        self.out.gap()
        self.out.say(strings.BACK_TO.format(where=self.back_to))

    def offer_sources(self) -> None:
        """Where a step cites sources, say how to read them: after a passage, before a question."""
        count = len(self.walk.step.cites)
        if count:
            plural = count > 1
            words = {"s": "s" if plural else "", "them": "them" if plural else "it"}
            self.out.say(strings.SOURCES_OFFER.format(count=count, **words))

    def current(self) -> Value | None:
        answer = self.walk.current_answer()
        return answer.value if answer is not None else None

    # -- the step --------------------------------------------------------------------------------------------

    def run(self) -> Move:
        """Show the current step, take its answer, return the user's move."""
        step = self.walk.step
        if not isinstance(step, ReadingStep):
            self.offer_sources()
        if step.look_back and not isinstance(step, PromptStep):
            self.earlier_answers(self.walk.look_back_items(step), strings.LOOK_BACK_ANSWERS)
        match step:
            case ReadingStep():
                return self.reading(step)
            case PromptStep():
                self.say_optional(step.intro)
                if step.look_back:  # after the intro that sets the question up, just above the question
                    self.earlier_answers(self.walk.look_back_items(step), strings.LOOK_BACK_ANSWERS)
                return self.writing(step.question, step.hints)
            case RecapStep():
                self.say_optional(step.intro)
                self.earlier_answers(self.walk.recap_items(step))
                return self.writing(step.question, step.hints)
            case ScaleStep():
                return self.scale(step)
            case ChoiceStep():
                return self.choice(step)
            case ListStep():
                return self.items(step)
            case RankStep():
                return self.rank(step)
            case PauseStep():
                return self.pause(step)
            case CommitmentStep():
                return self.commitment(step)
            case CheckStep():
                return self.check(step)
            case FeedbackStep():
                return self.feedback(step)
            case FollowThroughStep():
                return self.follow_through(step)
            case _:
                assert_never(step)

    def ask_number(self, allowed: Sequence[int], again: str) -> Move | int | None:
        """A number from ``allowed``, asked until one is typed: the user's move, the number, or None for
        Enter (leave it as it is)."""
        while True:
            reply = self.ask()
            if reply.move is not None:
                return reply.move
            if reply.empty:
                return None
            number = whole_number(reply.text)
            if number is not None and number in allowed:
                return number
            self.out.say(again)

    def say_optional(self, text: str | None) -> None:
        if text:
            self.out.say(text)
            self.out.gap()

    # -- reading ---------------------------------------------------------------------------------------------

    def reading(self, step: ReadingStep) -> Move:
        say_markdown(self.talk, step.body)
        self.out.gap()
        self.offer_sources()
        self.out.say(strings.READING_GO_ON)
        while True:
            reply = self.ask()
            if reply.move is not None:
                return reply.move
            if reply.empty:
                return Move.NEXT
            self.out.say(strings.NOTHING_TO_ANSWER)

    # -- words: prompt and recap -----------------------------------------------------------------------------

    def earlier_answers(self, items: Sequence[RecapItem], lead: str = strings.EARLIER_ANSWERS) -> None:
        self.out.say(lead)
        for item in items:
            self.out.gap()
            self.out.say(strings.RECAP_SOURCE.format(day=item.module.day, title=item.step.title))
            answer = item.answer
            if answer is None or answer.value.is_empty():
                self.out.say(strings.RECAP_NOTHING, indent="  ")
            else:
                self.out.say(describe_value(answer.value, item.step), indent="  ")
        self.out.gap()

    def writing(self, question: str, hints: Sequence[str]) -> Move:
        """A free-text answer: lines until an empty one; each line is kept as it is typed."""
        self.out.say(question)
        current = self.current()
        text = current.text if isinstance(current, TextValue) else ""
        if text.strip():
            self.out.gap()
            self.out.say(strings.YOUR_ANSWER_SO_FAR)
            self.out.say(text, indent="  ")
            self.out.say(strings.WRITING_ADD)
        else:
            self.out.say(strings.WRITING_NEW)
        if hints:
            self.out.say(strings.HINT_OFFER)
        typed = 0  # lines typed since the question was asked
        while True:
            reply = self.ask()
            if reply.move is not None:
                return reply.move
            if reply.empty:
                return Move.NEXT
            if typed == 0 and reply.word == strings.HINT and hints:
                self.say_hints(hints)
                continue
            if typed == 0 and reply.word == strings.CLEAR and text:
                text = ""
                self.keep(None)
                self.out.say(strings.CLEARED_WRITING)
                continue
            # A new paragraph when adding to words written before; new lines of one answer follow on.
            joiner = "\n" if typed else "\n\n"
            text = f"{text}{joiner}{reply.text}" if text else reply.text
            typed += 1
            self.keep(TextValue(text))

    def say_hints(self, hints: Sequence[str]) -> None:
        for hint in hints:
            self.out.item("-", hint)

    # -- a scale ---------------------------------------------------------------------------------------------

    def scale(self, step: ScaleStep) -> Move:
        self.out.say(step.question)
        self.out.say(strings.SCALE_ENDS.format(s=step))
        current = self.current()
        if isinstance(current, IntegerValue):
            self.out.say(strings.SCALE_NOW.format(value=current.value))
        self.out.say(strings.SCALE_ASK.format(s=step))
        while True:
            reply = self.ask()
            if reply.move is not None:
                return reply.move
            if reply.empty:
                return Move.NEXT
            number = whole_number(reply.text)
            if number is None or not step.low <= number <= step.high:
                self.out.say(strings.SCALE_AGAIN.format(s=step))
                continue
            self.keep(IntegerValue(number))
            return Move.NEXT

    # -- a choice or checklist -------------------------------------------------------------------------------

    def choice(self, step: ChoiceStep) -> Move:
        self.out.say(step.question)
        numbered(self.talk, step.options)
        current = self.current()
        value = current if isinstance(current, ChoicesValue) else ChoicesValue()
        if value.picked:
            self.out.say(strings.PICKED_NOW.format(picked=quoted(value.picked)))
        if step.multiple:
            # "(up to 3)" when the step invites fewer than all, as the app's line under a checklist says.
            most = strings.UP_TO.format(most=step.most_picks) if step.most_picks < len(step.options) else ""
            self.out.say(strings.CHECKLIST_ASK.format(most=most))
            if step.exclusive:
                self.out.say(strings.STANDS_ALONE.format(options=quoted(step.exclusive)))
        else:
            self.out.say(strings.SINGLE_ASK)
        while True:
            reply = self.ask()
            if reply.move is not None:
                return reply.move
            if reply.empty:
                break
            if reply.word == strings.CLEAR:
                value = ChoicesValue((), value.other)
                self.keep(value)
                self.out.say(strings.CLEARED_PICKS)
                continue
            numbers = numbers_in(reply.text, len(step.options))
            if numbers is None or (not step.multiple and len(numbers) != 1):
                self.out.say(strings.CHECKLIST_AGAIN if step.multiple else strings.SINGLE_AGAIN)
                continue
            picked: tuple[str, ...] = ()
            for number in numbers:  # the flow's rule, one tick at a time: "None of these" stands alone
                picked = toggle_pick(step, picked, step.options[number - 1])
            value = ChoicesValue(picked, value.other)
            self.keep(value)
            if step.multiple:
                self.out.say(strings.TICKED.format(picked=quoted(picked) if picked else strings.NOTHING))
                asked = {step.options[n - 1] for n in numbers}
                alone = [option for option in step.exclusive if option in picked and len(asked) > 1]
                if alone:
                    self.out.say(strings.STOOD_ALONE.format(option=quoted(alone)))
                note = pick_note(step, value)
                if len(value.picked) + (1 if value.other.strip() else 0) > step.most_picks:
                    self.out.say(note)
                    self.out.say(strings.KEEP_OR_AGAIN)
                    continue
            break
        if step.allow_other:
            return self.other_words(step, value)
        return Move.NEXT

    def other_words(self, step: ChoiceStep, value: ChoicesValue) -> Move:
        if value.other.strip():
            self.out.say(strings.OTHER_NOW.format(other=value.other.strip()))
        self.out.say(strings.OTHER_ASK)
        reply = self.ask()
        if reply.move is not None:
            return reply.move
        if reply.word == strings.CLEAR:
            self.keep(ChoicesValue(value.picked, ""))
        elif not reply.empty:
            self.keep(ChoicesValue(value.picked, reply.text.strip()))
        return Move.NEXT

    # -- a list ----------------------------------------------------------------------------------------------

    def items(self, step: ListStep) -> Move:
        self.out.say(step.question)
        current = self.current()
        items = [item for item in current.items if item.strip()] if isinstance(current, ItemsValue) else []
        if items:
            self.out.say(strings.LIST_SO_FAR)
            numbered(self.talk, items)
        self.out.say(strings.LIST_ASK.format(most=step.max_items) if not items else strings.LIST_ADD)
        if step.placeholder and not items:
            self.out.say(strings.FOR_EXAMPLE.format(example=step.placeholder))
        if len(items) >= step.max_items:
            self.out.say(strings.LIST_FULL.format(most=step.max_items))
        while True:
            reply = self.ask()
            if reply.move is not None:
                return reply.move
            if reply.empty:
                return Move.NEXT
            if reply.word == strings.CLEAR and items:
                items = []
                self.keep(None)
                self.out.say(strings.CLEARED_LIST)
                continue
            if len(items) >= step.max_items:
                self.out.say(strings.LIST_NO_ROOM)
                continue
            items.append(reply.text.strip())
            self.keep(ItemsValue(tuple(items)))
            if len(items) == step.max_items:
                self.out.say(strings.LIST_FULL.format(most=step.max_items))

    # -- the values sort -------------------------------------------------------------------------------------

    def rank(self, step: RankStep) -> Move:
        self.out.say(step.question)
        numbered(self.talk, step.options)
        current = self.current()
        ranked = rank_picks(step, current.ranked).ranked if isinstance(current, RankedValue) else ()
        if ranked:
            self.out.say(strings.RANK_NOW.format(pick=step.pick))
            numbered(self.talk, ranked)
        self.out.say(strings.RANK_ASK.format(pick=step.pick))
        while True:
            reply = self.ask()
            if reply.move is not None:
                return reply.move
            if reply.empty:
                return Move.NEXT
            if reply.word == strings.CLEAR:
                self.keep(None)
                self.out.say(strings.CLEARED_RANK)
                continue
            numbers = numbers_in(reply.text, len(step.options))
            if not numbers:
                self.out.say(strings.RANK_AGAIN.format(pick=step.pick, count=len(step.options)))
                continue
            picks = rank_picks(step, [step.options[number - 1] for number in numbers])
            self.keep(RankedValue(picks.ranked))
            if len(set(numbers)) < len(numbers):
                self.out.say(strings.RANK_ONCE)
            self.out.say(strings.RANK_KEPT.format(pick=step.pick))
            numbered(self.talk, picks.ranked)
            if picks.refused:
                self.out.say(strings.RANK_LEFT_OUT.format(pick=step.pick, options=quoted(picks.refused)))
            if len(picks.ranked) < step.pick:
                self.out.say(strings.RANK_MORE.format(count=len(picks.ranked), pick=step.pick))
                continue
            return Move.NEXT

    # -- a pause ---------------------------------------------------------------------------------------------

    def pause(self, step: PauseStep) -> Move:
        self.say_optional(step.guidance)
        if step.style == "breathing":
            self.out.say(strings.BREATHING)
        self.out.say(strings.PAUSE_BEGINS.format(length=duration(step.seconds)))
        reply = self.talk.wait_for_line(step.seconds)
        if reply is not None and reply.move is not None:
            return reply.move
        self.out.say(strings.PAUSE_ENDED if reply is None else strings.PAUSE_ENDED_EARLY)
        return Move.NEXT

    # -- a commitment ----------------------------------------------------------------------------------------

    def commitment(self, step: CommitmentStep) -> Move:
        """An if-then plan, asked in its own order: the moment, then the action, then (optional) a date."""
        self.out.say(step.question)
        current = self.current()
        value = current if isinstance(current, CommitmentValue) else CommitmentValue()
        if value.action.strip():
            self.out.say(strings.COMMITMENT_NOW)
            self.out.say(describe_value(value, step), indent="  ")
        if step.examples:
            self.out.say(strings.EXAMPLES_OFFER)
        self.out.say(strings.COMMITMENT_WHEN_ASK.format(label=step.when_label))
        if value.when.strip():
            self.out.say(strings.COMMITMENT_WHEN_NOW.format(when=value.when.strip()))
        reply = self.ask()
        while reply.word == strings.HINT and step.examples:
            self.say_hints(step.examples)
            reply = self.ask()
        if reply.move is not None:
            return reply.move
        if not reply.empty:
            value = replace(value, when=reply.text.strip())
            self.keep(value)
        self.out.say(
            strings.COMMITMENT_ACTION_ASK.format(label=step.action_label)
            if not value.action.strip()
            else strings.COMMITMENT_KEEP
        )
        reply = self.ask()
        if reply.move is not None:
            return reply.move
        if not reply.empty:
            value = replace(value, action=reply.text.strip())
            self.keep(value)
        if not (step.ask_date or value.date.strip()):
            return Move.NEXT
        self.out.say(strings.COMMITMENT_DATE_ASK)
        if value.date.strip():
            self.out.say(strings.COMMITMENT_WHEN_NOW.format(when=value.date.strip()))
        while True:
            reply = self.ask()
            if reply.move is not None:
                return reply.move
            if reply.empty:
                return Move.NEXT
            value = replace(value, date=reply.text.strip())
            self.keep(value)
            if plan_date(value.date) is not None:
                return Move.NEXT
            self.out.say(date_note(value.date))

    # -- a follow-up's look back at the plans ----------------------------------------------------------------

    def follow_through(self, step: FollowThroughStep) -> Move:
        """Each plan in turn: did it happen (1, 2, 3 or Enter to leave it), then a rewritten plan or Enter."""
        self.say_optional(step.intro)
        items = self.walk.commitment_items(step)
        if not items:
            self.out.say(strings.NO_PLANS)
            reply = self.ask()
            return reply.move if reply.move is not None else Move.NEXT
        current = self.current()
        saved = current if isinstance(current, FollowThroughValue) else FollowThroughValue()
        happened = {item.step.id: saved.entry(item.step.id)[0] for item in items}
        revised = {item.step.id: saved.entry(item.step.id)[1] for item in items}

        def keep() -> None:
            self.keep(
                FollowThroughValue(
                    tuple(item.step.id for item in items),
                    tuple(item.current for item in items),
                    tuple(happened[item.step.id] for item in items),
                    tuple(revised[item.step.id] for item in items),
                )
            )

        answers = [key for key, _ in FOLLOW_THROUGH_ANSWERS]
        for number, item in enumerate(items, start=1):
            self.out.gap()
            where = f"{item.module.short_name}, {item.step.title}"
            self.out.say(strings.PLAN_HEADING.format(number=number, count=len(items), where=where))
            self.out.say(item.current, indent="  ")
            self.out.say(step.question + " " + strings.PLAN_ANSWERS)
            if happened[item.step.id]:
                self.out.say(strings.PLAN_NOW.format(answer=HAPPENED_WORDS[happened[item.step.id]]))
            choice = self.ask_number(range(1, len(answers) + 1), strings.PLAN_AGAIN)
            if isinstance(choice, Move):
                return choice
            if choice is not None:
                happened[item.step.id] = answers[choice - 1]
                keep()
            self.out.say(strings.PLAN_REVISE.format(label=step.revise_label))
            if revised[item.step.id].strip():
                self.out.say(strings.COMMITMENT_WHEN_NOW.format(when=revised[item.step.id].strip()))
            reply = self.ask()
            if reply.move is not None:
                return reply.move
            if not reply.empty:
                revised[item.step.id] = reply.text.strip()
                keep()
        return Move.NEXT

    # -- a check-in ------------------------------------------------------------------------------------------

    def check(self, step: CheckStep) -> Move:
        instrument = INSTRUMENTS[step.instrument]
        self.out.say(instrument.stem)
        self.out.gap()
        self.out.say(strings.CHECK_OPTIONS)
        for option in instrument.options:
            self.out.item(f"{option.score}.", option.label)
        self.out.say(strings.CHECK_OPTIONAL)
        current = self.current()
        saved = current.scores if isinstance(current, ItemScoresValue) else ()
        count = len(instrument.items)
        scores = list(saved[:count]) + [None] * max(0, count - len(saved))
        for index, item in enumerate(instrument.items):
            self.out.gap()
            if count > 1:
                self.out.say(strings.CHECK_ITEM.format(number=index + 1, count=count, item=item))
            else:
                self.out.say(item)
            score = scores[index]
            chosen = instrument.option_for(score) if score is not None else None
            if chosen is not None:
                label = chosen.label.rstrip(".")
                self.out.say(strings.CHECK_NOW.format(score=chosen.score, label=label))
            answer = self.ask_score(instrument.scores)
            if isinstance(answer, Move):
                return answer
            if answer is not None:
                scores[index] = answer
                self.keep(ItemScoresValue(instrument.id, tuple(scores)))
        self.out.gap()
        self.out.say(instrument.attribution)
        return Move.NEXT

    # -- a feedback form -------------------------------------------------------------------------------------

    def feedback(self, step: FeedbackStep) -> Move:
        self.out.say(step.question)
        self.out.gap()
        self.out.say(strings.CHECK_OPTIONS)
        for rating, label in zip(FEEDBACK_RATINGS, step.labels, strict=True):
            self.out.item(f"{rating}.", label)
        self.out.say(strings.FEEDBACK_OPTIONAL)
        ratings = list(saved_ratings(step, self.current()))
        ids = tuple(question.id for question in step.questions)
        count = len(step.questions)
        for index, question in enumerate(step.questions):
            self.out.gap()
            self.out.say(strings.CHECK_ITEM.format(number=index + 1, count=count, item=question.text))
            saved = ratings[index]
            if saved is not None:
                self.out.say(strings.CHECK_NOW.format(score=saved, label=step.labels[saved - 1]))
            answer = self.ask_score(FEEDBACK_RATINGS)
            if isinstance(answer, Move):
                return answer
            if answer is not None:
                ratings[index] = answer
                self.keep(RatingsValue(ids, tuple(ratings)))
        return Move.NEXT

    def ask_score(self, allowed: Sequence[int]) -> Move | int | None:
        """One number of ``allowed`` typed (asked again until it is one), None for Enter, or a move."""
        return self.ask_number(allowed, strings.CHECK_AGAIN.format(low=min(allowed), high=max(allowed)))


# -- shared pieces -----------------------------------------------------------------------------------------


def say_markdown(talk: Conversation, source: str) -> None:
    """A passage: its paragraphs and headings wrapped, its list items hanging under their markers."""
    previous: str | None = None
    for block in markdown_blocks(source):
        # An empty line between paragraphs, and around a list, but not between the items of one list.
        if previous is not None and not (block.role == previous == "bullet"):
            talk.out.gap()
        if block.marker:
            talk.out.item(block.marker, block.text)
        else:
            talk.out.say(block.text)
        previous = block.role


def numbered(talk: Conversation, options: Sequence[str]) -> None:
    for number, option in enumerate(options, start=1):
        talk.out.item(f"{number}.", option)


def quoted(options: Sequence[str]) -> str:
    return ", ".join(options)


def whole_number(text: str) -> int | None:
    try:
        return int(text.strip())
    except ValueError:
        return None


_SEPARATORS = re.compile(r"[\s,;]+")


def numbers_in(text: str, highest: int) -> list[int] | None:
    """The numbers in ``text`` ("1 4 7", "1, 4, 7"), in order; None if anything else is there or a number is
    not between 1 and ``highest``."""
    parts = [part for part in _SEPARATORS.split(text.strip()) if part]
    numbers = [whole_number(part) for part in parts]
    if not numbers or any(n is None or not 1 <= n <= highest for n in numbers):
        return None
    return [n for n in numbers if n is not None]


def duration(seconds: int) -> str:
    """``30 seconds``, ``1 minute``, ``2 minutes and 30 seconds``."""
    minutes, rest = divmod(seconds, 60)
    parts = []
    if minutes:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    if rest:
        parts.append(f"{rest} second{'s' if rest != 1 else ''}")
    return " and ".join(parts)
