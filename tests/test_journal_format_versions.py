"""The journal's file format across versions: this app reads format 1 files as they are, writes format 2,
and an app that reads only format 1 refuses a format 2 file with its "newer version" message instead of
half-reading it (simulated by checking a file against ``FORMAT = 1``)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from workshop.answers import Answer, CommitmentValue, FollowThroughValue
from workshop.journal import format as journal_format
from workshop.journal.format import (
    FORMAT,
    ModuleData,
    NewerFormatError,
    decode_module,
    encode_module,
    parse_bytes,
)

MOMENT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)

FORMAT_1_FILE = b"""# workshop journal: the answers of one day, run 1. Private.
format = 1
module = 'day-1'
done = []

[answers.one-step]
kind = 'commitment'
created = 2025-03-03T21:00:00+00:00
updated = 2025-03-03T21:00:00+00:00
action = 'Walk home once'
when = 'Thursday'
"""


def test_this_app_writes_format_2() -> None:
    assert FORMAT == 2
    plan = CommitmentValue("walk home", "after handover", "2026-03-05")
    text = encode_module(ModuleData("day-1", {"one-step": Answer("one-step", plan, MOMENT, MOMENT)}), 1)
    assert "\nformat = 2\n" in text and "\ndate = '2026-03-05'\n" in text
    assert decode_module(parse_bytes(text.encode()), "day-1").answers["one-step"].value == plan


def test_a_format_1_commitment_reads_as_a_plan_without_a_date() -> None:
    data = decode_module(parse_bytes(FORMAT_1_FILE), "day-1")
    assert data.answers["one-step"].value == CommitmentValue("Walk home once", "Thursday", "")


def test_an_app_that_reads_format_1_refuses_a_format_2_file(monkeypatch: pytest.MonkeyPatch) -> None:
    value = FollowThroughValue(("one-step",), ("When Thursday, I will walk",), ("yes",), ("",))
    text = encode_module(ModuleData("fu", {"plans": Answer("plans", value, MOMENT, MOMENT)}), 1)
    monkeypatch.setattr(journal_format, "FORMAT", 1)  # the older app
    with pytest.raises(NewerFormatError, match="newer version of workshop"):
        decode_module(parse_bytes(text.encode()), "fu")
