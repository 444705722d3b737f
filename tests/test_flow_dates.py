"""Dates as readers see them (``workshop/flow/dates.py``): written out the same way whatever the moment."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from workshop.flow.dates import format_day, format_moment


def test_a_moment_reads_as_strftime_writes_it_in_every_month_and_offset() -> None:
    # format_moment builds the text itself (strftime is slow): it must say exactly what %B, %Y, %H:%M say.
    moments = [
        datetime(year, month, day, hour, minute, tzinfo=zone)
        for year in (1999, 2025, 2026)
        for month in range(1, 13)
        for day in (1, 9, 28)
        for hour, minute in ((0, 0), (7, 5), (21, 14), (23, 59))
        for zone in (UTC, timezone(timedelta(hours=-5)), timezone(timedelta(hours=5, minutes=30)))
    ]
    for moment in moments:
        assert format_moment(moment) == f"{moment.day} {moment:%B %Y} at {moment:%H:%M}"
        assert format_moment(moment).startswith(format_day(moment) + " at ")
    assert format_moment(datetime(2025, 3, 3, 21, 14, tzinfo=UTC)) == "3 March 2025 at 21:14"
    assert format_moment(None) == "not yet"
