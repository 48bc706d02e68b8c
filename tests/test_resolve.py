"""Dates, statuses and rules of a timeline (core.resolve)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zinkoop_cli.core.model import Calendar, Day, Entry, EventDef, Recurring, Relative
from zinkoop_cli.core.resolve import find_cycle, offset, timeline
from zinkoop_cli.errors import DataError
from zinkoop_cli.loading.catalog import Catalog

anchors = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))
units = st.sampled_from(["days", "workdays", "weeks", "months", "years"])


def make(*entries: Entry, events: dict[str, EventDef] | None = None) -> Calendar:
    return Calendar(
        id="test/x-2027", publisher="Test", publisher_id="test", care_type="x", year=2027,
        version="1", published=date(2026, 4, 1), title="Test", source="test",
        entries=entries, events=events or {},
    )


def test_six_weeks_after_receipt_counts_from_the_next_day() -> None:
    assert offset(date(2026, 9, 14), 6, "weeks") == date(2026, 10, 26)
    assert offset(date(2026, 10, 5), 4, "weeks") == date(2026, 11, 2)


def test_months_and_years_keep_the_day_or_take_the_last() -> None:
    assert offset(date(2026, 1, 31), 1, "months") == date(2026, 2, 28)
    assert offset(date(2028, 2, 29), 2, "years") == date(2030, 2, 28)


@given(anchors, st.integers(min_value=0, max_value=100), units)
def test_offset_never_lands_before_its_anchor(anchor: date, amount: int, unit: str) -> None:
    assert offset(anchor, amount, unit) >= anchor
    assert offset(anchor, amount, unit, "before") <= anchor


@given(anchors, st.integers(min_value=0, max_value=50), st.integers(min_value=0, max_value=50),
       st.sampled_from(["days", "weeks", "months", "years", "workdays"]))
def test_offsets_keep_order(anchor: date, a: int, b: int, unit: str) -> None:
    low, high = sorted((a, b))
    assert offset(anchor, low, unit) <= offset(anchor, high, unit)


@given(anchors, st.integers(min_value=1, max_value=30))
def test_relative_entry_with_atw_is_a_working_day_not_before_raw(anchor: date, weeks: int) -> None:
    from zinkoop_cli.core.holidays import is_working_day

    calendar = make(Entry("sign", "Ondertekenen", Relative("ontvangst", weeks, "weeks")),
                    events={"ontvangst": EventDef("ontvangst", "ontvangst")})
    (row,) = timeline(calendar, [], date(2026, 1, 1), {"ontvangst": anchor}, atw=True)
    assert row.date is not None
    assert row.raw_date is not None
    assert is_working_day(row.date)
    assert row.date >= row.raw_date
    assert row.moved == (row.date != row.raw_date)


def test_unresolved_until_the_event_is_given() -> None:
    calendar = make(Entry("sign", "Ondertekenen", Relative("ontvangst", 6, "weeks")),
                    events={"ontvangst": EventDef("ontvangst", "ontvangst")})
    (row,) = timeline(calendar, [], date(2026, 10, 29))
    assert (row.status, row.date, row.missing) == ("unresolved", None, ("ontvangst",))
    (row,) = timeline(calendar, [], date(2026, 10, 29), {"ontvangst": date(2026, 9, 14)})
    assert (row.status, row.date, row.days_left) == ("past", date(2026, 10, 26), -3)


def test_status_past_today_upcoming() -> None:
    calendar = make(*(Entry(f"e{i}", "x", Day(date(2026, 10, 28) + timedelta(days=i)))
                      for i in range(3)))
    rows = timeline(calendar, [], date(2026, 10, 29))
    assert [(r.status, r.days_left) for r in rows] == [
        ("past", -1), ("today", 0), ("upcoming", 1)]


def test_voor_means_the_day_before() -> None:
    calendar = make(Entry("x", "x", Day(date(2026, 11, 15), "voor")))
    assert timeline(calendar, [], date(2026, 1, 1))[0].date == date(2026, 11, 14)


def test_first_of_month_clamped_to_contract_year() -> None:
    rule = Relative("aanvraag", first_of_month=True, not_before=date(2027, 1, 1))
    calendar = make(Entry("start", "Ingangsdatum", rule),
                    events={"aanvraag": EventDef("aanvraag", "aanvraag")})

    def start(day: date) -> date | None:
        return timeline(calendar, [], date(2026, 1, 1), {"aanvraag": day})[0].date

    assert start(date(2027, 3, 17)) == date(2027, 3, 1)
    assert start(date(2026, 10, 10)) == date(2027, 1, 1)


def test_published_dates_are_flagged_never_moved() -> None:
    calendar = make(Entry("x", "x", Day(date(2026, 11, 1))))
    (row,) = timeline(calendar, [], date(2026, 1, 1), atw=True)
    assert (row.date, row.weekend, row.moved) == (date(2026, 11, 1), True, False)


def test_backward_term_moves_earlier_with_atw() -> None:
    calendar = make(Entry("x", "x", Relative("start", 2, "days", "before")),
                    events={"start": EventDef("start", "start")})
    (row,) = timeline(calendar, [], date(2026, 1, 1), {"start": date(2026, 12, 28)}, atw=True)
    # 26 December 2026 is a Saturday and tweede Kerstdag; the working day before is the 24th.
    assert (row.raw_date, row.date) == (date(2026, 12, 26), date(2026, 12, 24))


def test_recurring_expands_with_stable_keys() -> None:
    rule = Recurring("FREQ=YEARLY;INTERVAL=2", date(2018, 12, 31), date(2021, 12, 31))
    rows = timeline(make(Entry("monitor", "Monitor", rule)), [], date(2019, 1, 1))
    assert [(r.key, r.date) for r in rows] == [
        ("monitor@2018-12-31", date(2018, 12, 31)), ("monitor@2020-12-31", date(2020, 12, 31))]


def test_own_entry_wins_over_inherited_one() -> None:
    parent = make(Entry("publicatie", "algemeen", Day(date(2026, 4, 1))),
                  Entry("alleen-algemeen", "x", Day(date(2026, 5, 1))))
    child = make(Entry("publicatie", "eigen", Day(date(2026, 4, 2))))
    rows = timeline(child, [parent], date(2026, 1, 1))
    assert [(r.entry.activity, r.date) for r in rows] == [
        ("eigen", date(2026, 4, 2)), ("x", date(2026, 5, 1))]


def test_cycle_is_found_and_refused() -> None:
    entries = [Entry("a", "a", Relative("b", 1)), Entry("b", "b", Relative("a", 1))]
    assert find_cycle(entries, {}) == ["a", "b", "a"]
    with pytest.raises(DataError, match="circle"):
        timeline(make(*entries), [], date(2026, 1, 1))


def test_every_shipped_calendar_resolves() -> None:
    catalog = Catalog.load(env={})
    assert not catalog.problems
    assert len(catalog.calendars) == 5
    for calendar in catalog.calendars.values():
        rows = timeline(calendar, catalog.parents(calendar), date(2026, 10, 29))
        assert rows
        for row in rows:
            assert row.status in ("past", "today", "upcoming", "unresolved", "undated")
            assert (row.date is None) == (row.days_left is None)


@given(anchors)
def test_every_shipped_calendar_resolves_for_any_event_day(day: date) -> None:
    catalog = Catalog.load(env={})
    for calendar in catalog.calendars.values():
        parents = catalog.parents(calendar)
        names = {name for c in [calendar, *parents] for name in c.events}
        rows = timeline(calendar, parents, date(2026, 10, 29), dict.fromkeys(names, day))
        assert all(row.status != "unresolved" for row in rows)


def chain(length: int, *, backwards: bool = False) -> list[Entry]:
    """``length`` entries, each one day after the previous; listed last-first if ``backwards``."""
    entries = [Entry("e0", "begin", Day(date(2026, 1, 1)))]
    entries += [Entry(f"e{i}", "stap", Relative(f"e{i - 1}", 1)) for i in range(1, length)]
    return entries[::-1] if backwards else entries


@pytest.mark.parametrize("backwards", [False, True])
def test_a_long_chain_resolves_quickly_without_recursion(backwards: bool) -> None:
    import time

    entries = chain(20_000, backwards=backwards)
    started = time.perf_counter()
    assert find_cycle(entries, {}) is None
    rows = timeline(make(*entries), [], date(2026, 1, 1))
    elapsed = time.perf_counter() - started
    assert rows[-1].date == date(2026, 1, 1) + timedelta(days=19_999)
    # Quadratic resolution took about 17 s here; linear takes well under one.
    assert elapsed < 10, elapsed


def test_a_chain_of_100000_is_no_recursion_error() -> None:
    entries = chain(100_000, backwards=True)
    assert find_cycle(entries, {}) is None
    circle = [*entries[:-1], Entry("e0", "terug", Relative("e99999", 1))]
    found = find_cycle(circle, {})
    assert found is not None
    assert found[0] == found[-1]
    assert len(found) == 100_001


def test_a_circle_through_an_event_default_is_refused() -> None:
    entries = [Entry("a", "a", Relative("klacht", 1))]
    events = {"klacht": EventDef("klacht", "klacht", "a")}
    assert find_cycle(entries, events) == ["a", "klacht", "a"]
    with pytest.raises(DataError, match=r"circle: a -> klacht -> a"):
        timeline(make(*entries, events=events), [], date(2026, 1, 1))


def test_a_day_beyond_what_python_holds_is_a_data_error_naming_the_entry() -> None:
    # Each rule is within the limits; together forty of them run past the year 9999.
    entries = [Entry("e0", "begin", Day(date(2100, 12, 31)))]
    entries += [Entry(f"e{i}", "stap", Relative(f"e{i - 1}", 300, "years")) for i in range(1, 40)]
    calendar = make(*entries)._replace(origin="x.toml")
    with pytest.raises(DataError, match=r"^x\.toml: entry 'e27': 300 years after e26 "
                                        r"\(9900-12-31\) gives a day outside"):
        timeline(calendar, [], date(2026, 1, 1))


@pytest.mark.parametrize("unit", ["days", "weeks", "months", "years", "workdays"])
def test_an_event_near_the_end_of_time_is_a_data_error(unit: str) -> None:
    entries = [Entry("a", "a", Relative("klacht", 2, unit))]  # type: ignore[arg-type]
    calendar = make(*entries, events={"klacht": EventDef("klacht", "klacht")})
    with pytest.raises(DataError, match="entry 'a'"):
        timeline(calendar, [], date(2026, 1, 1), {"klacht": date(9999, 12, 31)}, atw=True)


def test_an_atw_move_across_an_unconfirmed_decree_day_is_marked() -> None:
    # 2020 has no decree on file: Friday 22 May (after Hemelvaart) is probably equated, so a
    # term ending on Hemelvaart moves to it (the safe, earlier side) and says it may be off.
    rule = Relative(anchor="melding", amount=3, unit="weeks")
    cal = make(Entry("reactie", "Reactie", rule),
               events={"melding": EventDef("melding", "de dag van melding")})
    [row] = timeline(cal, [], date(2020, 5, 1), {"melding": date(2020, 4, 30)}, atw=True)
    assert row.raw_date == date(2020, 5, 21)
    assert row.date == date(2020, 5, 22)
    assert row.unconfirmed_day
    [plain] = timeline(cal, [], date(2020, 5, 1), {"melding": date(2020, 4, 23)}, atw=True)
    assert plain.date == date(2020, 5, 14)
    assert not plain.unconfirmed_day


def test_a_day_in_a_year_with_its_decree_on_file_is_not_marked() -> None:
    rule = Relative(anchor="melding", amount=3, unit="weeks")
    cal = make(Entry("reactie", "Reactie", rule),
               events={"melding": EventDef("melding", "de dag van melding")})
    # 2027: Hemelvaart 6 May, the decree equates Friday 7 May; the term moves to Monday.
    [row] = timeline(cal, [], date(2027, 4, 1), {"melding": date(2027, 4, 15)}, atw=True)
    assert row.date == date(2027, 5, 10)
    assert not row.unconfirmed_day
