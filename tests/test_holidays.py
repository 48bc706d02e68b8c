"""The Atw holidays and working days (core.holidays)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zinkoop_cli.core import holidays
from zinkoop_cli.core.holidays import (
    add_working_days,
    atw_extend,
    atw_holidays,
    is_working_day,
    previous_working_day,
)

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 1))


def test_2026_holidays_per_atw_art_3() -> None:
    assert atw_holidays(2026) == {
        date(2026, 1, 1): "Nieuwjaarsdag",
        date(2026, 1, 2): "gelijkgestelde dag",
        date(2026, 4, 3): "Goede Vrijdag",
        date(2026, 4, 6): "tweede Paasdag",
        date(2026, 4, 27): "Koningsdag",
        date(2026, 5, 5): "5 mei",
        date(2026, 5, 14): "Hemelvaartsdag",
        date(2026, 5, 15): "gelijkgestelde dag",
        date(2026, 5, 25): "tweede Pinksterdag",
        date(2026, 12, 25): "eerste Kerstdag",
        date(2026, 12, 26): "tweede Kerstdag",
    }


@pytest.mark.parametrize(
    ("year", "day"),
    [(2025, date(2025, 4, 26)), (2031, date(2031, 4, 26)), (2027, date(2027, 4, 27)),
     (2013, date(2013, 4, 30))],
)
def test_kingsday_moves_to_saturday_when_27_april_is_a_sunday(year: int, day: date) -> None:
    assert atw_holidays(year)[day] == "Koningsdag"


def test_5_mei_is_a_holiday_every_year() -> None:
    assert all(date(year, 5, 5) in atw_holidays(year) for year in range(2000, 2101))


def test_decree_days_are_cited_and_real_bridges() -> None:
    for decree in holidays.DECREE_DAYS:
        assert decree.source
        assert decree.day.weekday() in (0, 4), decree  # a Monday or Friday beside a holiday
        # Its holiday is the day before (Thursday) or after (Tuesday), maybe in another year.
        neighbours = {decree.day - timedelta(days=1), decree.day + timedelta(days=1)}
        real = {d for year in (decree.day.year, decree.day.year + 1)
                for d, name in atw_holidays(year).items() if name != holidays.DECREE_DAY}
        assert neighbours & real, decree


def test_each_decree_names_its_days_in_its_title() -> None:
    # The title of every decree on file lists the days it equates; the table must agree.
    months = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
              "september", "oktober", "november", "december")
    for decree in holidays.DECREES:
        assert "Staatscourant" in decree.citation or "wetten.overheid.nl" in decree.citation
        for day in decree.days:
            assert day.year in decree.years
            assert months[day.month - 1] in decree.title
            assert str(day.year) in decree.title
            assert f"{day.day} " in decree.title


def test_years_with_a_decree_on_file() -> None:
    covered = sorted(year for decree in holidays.DECREES for year in decree.years)
    assert covered == [2017, 2018, 2019, 2023, 2024, 2025, 2026, 2027, 2028]
    assert holidays.decree_for(2020) is None
    assert holidays.decree_for(2027) is holidays.DECREES[2]


def test_a_covered_year_has_no_unconfirmed_days() -> None:
    # 5 mei 2026 is a Tuesday, yet the decree for 2026 does not equate Monday 4 May.
    assert holidays.unconfirmed_days(2026) == frozenset()
    assert is_working_day(date(2026, 5, 4))
    assert not holidays.unconfirmed(date(2026, 5, 4))


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2020, {date(2020, 5, 4), date(2020, 5, 22)}),  # 5 mei on a Tuesday; Hemelvaart
        (2021, {date(2021, 4, 26), date(2021, 5, 14)}),  # Koningsdag on a Tuesday
        (2022, {date(2022, 5, 6), date(2022, 5, 27)}),  # 5 mei on a Thursday
        (2029, {date(2029, 5, 11), date(2029, 12, 24), date(2029, 12, 31)}),  # 1-1-2030 Tue
    ],
)
def test_unconfirmed_days_follow_the_bridge_pattern(year: int, expected: set[date]) -> None:
    assert holidays.unconfirmed_days(year) == expected


def test_the_pattern_predicts_every_decree_day_on_file() -> None:
    # The pattern is checked against the decrees we have: it must not miss one of their days.
    for decree in holidays.DECREES:
        for day in decree.days:
            assert day in holidays._bridge_days(day.year), day


def test_every_year_without_decree_has_a_friday_after_hemelvaart() -> None:
    for year in range(holidays.MIN_YEAR, holidays.MAX_YEAR + 1):
        if holidays.decree_for(year) is None:
            hemelvaart = next(d for d, n in atw_holidays(year).items() if n == "Hemelvaartsdag")
            friday = hemelvaart + timedelta(days=1)
            # ... unless that Friday is a holiday itself (5 mei, as in 2062)
            assert holidays.unconfirmed(friday) or friday in atw_holidays(year), year


def test_forward_term_does_not_skip_an_unconfirmed_day_and_is_marked() -> None:
    # A term ending on Hemelvaart, Thursday 21 May 2020: Friday 22 May may be equated by a
    # decree zinkoop does not have; the earlier day is kept, and the result is marked.
    moved = atw_extend(date(2020, 5, 7), date(2020, 5, 21))
    assert moved == date(2020, 5, 22)
    assert holidays.crosses_unconfirmed(date(2020, 5, 21), moved)


def test_backward_term_skips_an_unconfirmed_day_and_is_marked() -> None:
    # Two weeks before some event land on Monday 4 May 2020 (5 mei was a Tuesday).
    moved = previous_working_day(date(2020, 5, 4))
    assert moved == date(2020, 5, 1)
    assert holidays.crosses_unconfirmed(date(2020, 5, 4), moved)


def test_confirmed_decree_days_are_no_mark() -> None:
    # Friday 15 May 2026 is equated by the decree on file: moved past, without a mark.
    assert atw_extend(date(2026, 5, 1), date(2026, 5, 14)) == date(2026, 5, 18)
    assert not holidays.crosses_unconfirmed(date(2026, 5, 14), date(2026, 5, 18))


def test_working_days_take_the_earlier_day_both_ways() -> None:
    # Forward from Wednesday 20 May 2020: 22 May counts. Back from Tuesday 26 May: it doesn't.
    assert add_working_days(date(2020, 5, 20), 2) == date(2020, 5, 25)
    assert add_working_days(date(2020, 5, 26), -2) == date(2020, 5, 20)


@given(days)
def test_crossing_marks_exactly_the_unconfirmed_days(day: date) -> None:
    assert holidays.crosses_unconfirmed(day, day) == holidays.unconfirmed(day)
    assert not (holidays.unconfirmed(day) and day in atw_holidays(day.year))


def test_boxing_day_saturday_moves_to_monday() -> None:
    # ontvangst 14 november 2026 + 6 weeks = za 26 december 2026 (tweede Kerstdag)
    assert atw_extend(date(2026, 11, 14), date(2026, 12, 26)) == date(2026, 12, 28)


def test_art_2_three_day_term_holds_two_working_days() -> None:
    # Thursday 24 Dec 2026 + 3 days = Sunday; Monday 28 is the only working day so far.
    assert atw_extend(date(2026, 12, 24), date(2026, 12, 27)) == date(2026, 12, 29)


def test_working_days_skip_weekend_and_holidays() -> None:
    # Five working days after Thursday 30 April 2026: 1, 4, 6, 7, 8 May (5 May is a holiday).
    assert add_working_days(date(2026, 4, 30), 5) == date(2026, 5, 8)
    assert add_working_days(date(2026, 5, 8), -5) == date(2026, 4, 30)


@given(days)
def test_atw_move_lands_on_working_day_never_earlier(end: date) -> None:
    anchor = end - timedelta(days=10)
    moved = atw_extend(anchor, end)
    assert is_working_day(moved)
    assert moved >= end


@given(days)
def test_backward_move_lands_on_working_day_never_later(day: date) -> None:
    moved = previous_working_day(day)
    assert is_working_day(moved)
    assert moved <= day


@given(days, st.integers(min_value=0, max_value=60))
def test_working_days_keep_order(day: date, count: int) -> None:
    later = add_working_days(day, count)
    assert later >= day
    assert count == 0 or is_working_day(later)


def test_art_2_counting_an_unconfirmed_day_is_marked() -> None:
    # Wednesday 20 May 2020 + 3 days = Saturday 23 May; Monday 25 May leaves two working days
    # only if Friday 22 May (unconfirmed) counts. A decree would make it Tuesday 26 May.
    assert atw_extend(date(2020, 5, 20), date(2020, 5, 23)) == date(2020, 5, 25)
    assert not holidays.crosses_unconfirmed(date(2020, 5, 23), date(2020, 5, 25))
    assert holidays.atw_marked(date(2020, 5, 20), date(2020, 5, 23), "after")


@pytest.mark.parametrize(
    ("anchor", "raw", "direction", "marked"),
    [
        (date(2020, 4, 9), date(2020, 5, 21), "after", True),  # six weeks end on Hemelvaart
        (date(2020, 6, 18), date(2020, 5, 4), "before", True),  # back onto Monday 4 May 2020
        (date(2026, 4, 2), date(2026, 5, 14), "after", False),  # 15 May 2026 is decreed
        (date(2020, 9, 1), date(2020, 10, 13), "after", False),  # no unconfirmed day near
    ],
)
def test_atw_marked(anchor: date, raw: date, direction: str, marked: bool) -> None:
    assert holidays.atw_marked(anchor, raw, direction) == marked


def test_workdays_counted_through_an_unconfirmed_day_are_marked() -> None:
    assert holidays.workdays_marked(date(2020, 5, 20), 2)  # counts Friday 22 May 2020
    assert holidays.workdays_marked(date(2020, 5, 26), -2)  # skips it
    assert not holidays.workdays_marked(date(2026, 5, 13), 2)  # 15 May 2026 is decreed
    assert not holidays.workdays_marked(date(2020, 5, 20), 0)


@given(days, st.integers(min_value=0, max_value=30))
def test_forward_results_never_later_than_with_a_decree(end: date, length: int) -> None:
    # The safe side: treating unconfirmed days as decreed can only make a term end later.
    anchor = end - timedelta(days=length)
    assert holidays._extend(anchor, end, holidays._is_working_day_back) >= atw_extend(anchor, end)
