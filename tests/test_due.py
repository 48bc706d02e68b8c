"""Which rows `warn` selects (core.due): kinds of when, windows, chosen days, order."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zinkoop_cli.core.due import (
    DEFAULT_WITHIN,
    WarnDays,
    days_of,
    due_rows,
    unique_rows,
    warn_day,
    warns,
)
from zinkoop_cli.core.model import (
    Calendar,
    Continuous,
    Day,
    Entry,
    EventDef,
    Period,
    Recurring,
    Relative,
    Span,
    Start,
    Undetermined,
)
from zinkoop_cli.core.resolve import Row, timeline
from zinkoop_cli.loading.catalog import Catalog

TODAY = date(2026, 10, 29)


def make(*entries: Entry, id: str = "test/x-2027") -> Calendar:
    return Calendar(
        id=id, publisher="Test", publisher_id="test", care_type="x", year=2027,
        version="1", published=date(2026, 4, 1), title="Test", source="test",
        entries=entries, events={"ontvangst": EventDef("ontvangst", "ontvangst")},
    )


def day(n: int) -> date:
    return TODAY + timedelta(days=n)


def ids(rows: list[Row]) -> list[str]:
    return [row.key for row in rows]


def test_dated_statements_warn_and_a_happening_on_its_first_day() -> None:
    calendar = make(
        Entry("day", "Dag", Day(day(3))),
        Entry("month", "Maand", Span("month", date(2026, 11, 1), date(2026, 11, 30), 2026, 11)),
        Entry("period", "Periode", Period(day(-10), day(3)), kind="happening"),
        Entry("start", "Start", Start(day(3)), kind="happening"),
        Entry("continuous", "Doorlopend", Continuous()),
        Entry("undetermined", "Overige data", Undetermined()),
        Entry("relative", "Na ontvangst", Relative("ontvangst", 1, "weeks")),
    )
    rows = timeline(calendar, [], TODAY, {"ontvangst": day(-2)})
    # A period and a start are happenings: no day to act by, but they warn on the day they
    # start, so the period that started ten days ago no longer does.
    assert {row.key for row in rows if warns(row)} == {"day", "month", "relative"}
    assert ids(due_rows(rows, TODAY, within=40)) == ["day", "start", "relative", "month"]
    # Without the event the relative entry is unresolved: it has no day to warn of.
    unresolved = timeline(calendar, [], TODAY)
    assert {row.key for row in unresolved if warn_day(row)} == {"day", "month", "period", "start"}


def test_a_month_is_due_on_its_last_day() -> None:
    calendar = make(Entry("m", "Maand", Span("month", date(2026, 11, 1), date(2026, 11, 30),
                                             2026, 11)))
    rows = timeline(calendar, [], TODAY)
    assert due_rows(rows, TODAY, within=31) == []
    assert ids(due_rows(rows, TODAY, within=32)) == ["m"]


def test_recurring_occurrences_warn_each() -> None:
    calendar = make(Entry("r", "Overleg", Recurring("FREQ=WEEKLY;COUNT=10", day(-14), None)))
    rows = timeline(calendar, [], TODAY)
    assert ids(due_rows(rows, TODAY, within=7)) == [f"r@{day(0).isoformat()}",
                                                    f"r@{day(7).isoformat()}"]


def test_within_counts_today_through_today_plus_n() -> None:
    calendar = make(*(Entry(f"d{n}", "Dag", Day(day(n))) for n in (-1, 0, 1, 5, 6)))
    rows = timeline(calendar, [], TODAY)
    assert ids(due_rows(rows, TODAY, within=5)) == ["d0", "d1", "d5"]
    assert ids(due_rows(rows, TODAY, within=0)) == ["d0"]


def test_days_picks_exact_distances_and_always_today() -> None:
    calendar = make(*(Entry(f"d{n}", "Dag", Day(day(n))) for n in (-7, 0, 1, 6, 7, 14)))
    rows = timeline(calendar, [], TODAY)
    assert ids(due_rows(rows, TODAY, days={14, 7, 1})) == ["d0", "d1", "d7", "d14"]
    assert ids(due_rows(rows, TODAY, days=set())) == ["d0"]


def test_most_urgent_first_and_same_day_keeps_table_order() -> None:
    calendar = make(Entry("late", "Laat", Day(day(9))), Entry("b", "B", Day(day(2))),
                    Entry("a", "A", Day(day(2))), Entry("now", "Nu", Day(day(0))))
    rows = timeline(calendar, [], TODAY)
    assert ids(due_rows(list(reversed(rows)), TODAY, within=14)) == ["now", "a", "b", "late"]


def test_negative_within_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        due_rows([], TODAY, within=-1)


def test_inherited_entry_through_two_care_types_counts_once() -> None:
    parent = make(Entry("p", "Algemeen", Day(day(3))), id="test/algemeen-2027")
    one = make(Entry("a", "Een", Day(day(4))), id="test/a-2027")
    two = make(Entry("b", "Twee", Day(day(5))), id="test/b-2027")
    rows = [*timeline(one, [parent], TODAY), *timeline(two, [parent], TODAY)]
    assert ids(due_rows(unique_rows(rows), TODAY, within=14)) == ["p", "a", "b"]


def test_msz_2027_on_29_october_2026() -> None:
    catalog = Catalog.load(env={})
    msz = catalog.calendars["zorg-en-zekerheid/msz-2027"]
    rows = timeline(msz, catalog.parents(msz), TODAY)
    within = due_rows(rows, TODAY, within=14)
    assert {row.date for row in within} == {date(2026, 11, 11), date(2026, 11, 12)}
    assert "VECOZO" in within[0].entry.activity
    assert ids(due_rows(rows, TODAY, days={13})) == ids(within[:1])
    assert due_rows(rows, TODAY, days={7, 1}) == []


@given(st.integers(min_value=0, max_value=60), st.dates(min_value=date(2026, 1, 1),
                                                        max_value=date(2027, 12, 31)))
def test_every_selected_row_is_dated_within_the_window(within: int, today: date) -> None:
    catalog = Catalog.load(env={})
    for calendar in catalog.calendars.values():
        rows = timeline(calendar, catalog.parents(calendar), today)
        chosen = due_rows(rows, today, within=within)
        days = [warn_day(row) for row in chosen]
        lefts = [(day - today).days for day in days if day is not None]
        assert len(lefts) == len(chosen)
        assert all(0 <= left <= within for left in lefts)
        assert lefts == sorted(lefts)
        expected = [row for row in rows if (day := warn_day(row)) is not None
                    and 0 <= (day - today).days <= within]
        assert len(chosen) == len(expected)


def test_an_entrys_own_warn_days_and_the_users_in_order() -> None:
    own = Entry("own", "Eigen", Day(day(7)), warn_days=(21, 7))
    other = Entry("other", "Ander", Day(day(7)))
    calendar = make(own, other)
    rows = timeline(calendar, [], TODAY)
    assert [days_of(row, WarnDays()) for row in rows] == [(21, 7), None]
    by_care = WarnDays(days=(1,), care_types={"x": (7, 3)})
    assert [days_of(row, by_care) for row in rows] == [(21, 7), (7, 3)]
    # The user's days for an entry by id come before the calendar's.
    by_id = WarnDays(days=(1,), entries={"own": (2,)})
    assert [days_of(row, by_id) for row in rows] == [(2,), (1,)]


def test_without_a_window_each_row_warns_on_its_own_days() -> None:
    calendar = make(
        Entry("own7", "Eigen", Day(day(7)), warn_days=(14, 7)),
        Entry("own6", "Eigen", Day(day(6)), warn_days=(14, 7)),
        Entry("plain10", "Gewoon", Day(day(10))),
        Entry("plain15", "Gewoon", Day(day(15))),
        Entry("today", "Vandaag", Day(day(0)), warn_days=(3,)),
        Entry("past", "Voorbij", Day(day(-1)), warn_days=(0,)),
    )
    rows = timeline(calendar, [], TODAY)
    # Nothing from the user: an entry without days warns every day through 14 days ahead,
    # as warn did before entries had days.
    assert ids(due_rows(rows, TODAY, own=WarnDays())) == ["today", "own7", "plain10"]
    assert ids(due_rows(rows, TODAY, own=WarnDays(days=(15,)))) == ["today", "own7",
                                                                     "plain15"]
    assert ids(due_rows(rows, TODAY, own=WarnDays(days=()))) == ["today", "own7"]
    # --within and --days still decide alone.
    assert ids(due_rows(rows, TODAY, within=7, own=WarnDays())) == ids(
        due_rows(rows, TODAY, within=7))
    assert ids(due_rows(rows, TODAY, days={6}, own=WarnDays())) == ["today", "own6"]


def test_a_happening_counts_its_days_to_its_start() -> None:
    calendar = make(Entry("p", "Periode", Period(day(5), day(40)), kind="happening",
                          warn_days=(5,)))
    rows = timeline(calendar, [], TODAY)
    assert ids(due_rows(rows, TODAY, own=WarnDays())) == ["p"]
    assert due_rows(rows, day(1), own=WarnDays()) == []


@given(st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 12, 31)))
def test_nothing_of_ones_own_is_the_old_default_of_14_days(today: date) -> None:
    catalog = Catalog.load(env={})
    for calendar in catalog.calendars.values():
        rows = timeline(calendar, catalog.parents(calendar), today)
        assert due_rows(rows, today, own=WarnDays()) == due_rows(
            rows, today, within=DEFAULT_WITHIN)
