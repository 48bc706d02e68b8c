"""Reading dates as policies write them (loading.dates), within the one accepted range."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from zinkoop_cli.core.limits import FIRST_DAY, LAST_DAY
from zinkoop_cli.loading.dates import (
    DateTextError,
    any_span,
    check_year,
    month_span,
    parse_day,
    season_span,
)


@pytest.mark.parametrize("value", [FIRST_DAY, LAST_DAY, "1 januari 2000", "2100-12-31"])
def test_the_ends_of_the_range_are_days(value: object) -> None:
    assert FIRST_DAY <= parse_day(value) <= LAST_DAY


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (date(9999, 12, 31), "year 9999 is out of range (2000-2100)"),
        (date(1999, 12, 31), "year 1999 is out of range (2000-2100)"),
        ("31 december 2101", "year 2101 is out of range (2000-2100)"),
        ("0001-01-01", "year 1 is out of range (2000-2100)"),
        (datetime(2026, 10, 1, 12, 0), "expected a date like 1 oktober 2026"),  # noqa: DTZ001
        (20261001, "expected a date like 1 oktober 2026"),
        (["2026-10-01"], "expected a date like 1 oktober 2026"),
    ],
)
def test_a_day_out_of_range_or_of_the_wrong_type_is_refused(value: object, message: str) -> None:
    with pytest.raises(DateTextError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_day(value)


def test_check_year_uses_the_limits() -> None:
    assert check_year(FIRST_DAY.year) == FIRST_DAY.year
    with pytest.raises(DateTextError, match="out of range"):
        check_year(LAST_DAY.year + 1)


def test_a_stretch_that_runs_past_the_range_is_refused() -> None:
    assert month_span("december 2100").end == LAST_DAY
    with pytest.raises(DateTextError, match="year 2101 is out of range"):
        season_span("winter 2100")  # December 2100 to February 2101
    with pytest.raises(DateTextError, match="is not a year, quarter, season or month"):
        any_span({"a": 1})
