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
