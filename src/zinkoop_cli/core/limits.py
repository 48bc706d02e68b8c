"""The one range of days and offsets zinkoop accepts from a user, checked where input comes in.

Every day a user gives (a calendar's dates, ``--on``, ``--today``, a CSV cell) lies in
``FIRST_DAY..LAST_DAY``: the purchase years the calendar format has always allowed
(2000-2100), so a typo such as 9999-12-31 or 2207-01-01 is refused at once instead of
crashing a later command. An offset stays within ``MAX_OFFSET`` of its unit, so that
any day in the range moved by any allowed offset is still a day Python can hold (and
the Atw holidays of that year can still be computed).
"""

from __future__ import annotations

from datetime import date

FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2100, 12, 31)
FIRST_YEAR = FIRST_DAY.year
LAST_YEAR = LAST_DAY.year

# About three centuries in each unit: LAST_DAY plus the largest offset ends before 2400,
# FIRST_DAY minus it after 1700; both far inside date.min..date.max and after 1583, the
# first year of the Gregorian Easter that the holiday table needs.
MAX_OFFSET: dict[str, int] = {
    "days": 100_000,
    "workdays": 70_000,
    "weeks": 15_000,
    "months": 3_600,
    "years": 300,
}

RANGE = f"{FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()}"


def day_problem(day: date) -> str | None:
    """Why ``day`` is not accepted, or None when it lies in the range."""
    if FIRST_DAY <= day <= LAST_DAY:
        return None
    return f"{day.isoformat()} is outside the days zinkoop accepts ({RANGE})"


def year_problem(year: int) -> str | None:
    """Why ``year`` is not accepted, or None."""
    if FIRST_YEAR <= year <= LAST_YEAR:
        return None
    return f"year {year} is out of range ({FIRST_YEAR}-{LAST_YEAR})"


def offset_problem(amount: int, unit: str) -> str | None:
    """Why an offset of ``amount`` ``unit`` is not accepted, or None."""
    limit = MAX_OFFSET.get(unit)
    if limit is None:
        return f"unknown unit {unit!r}; use one of {', '.join(MAX_OFFSET)}"
    if 0 <= amount <= limit:
        return None
    if amount < 0:
        return f"{unit} must be 0 or more, got {amount}"
    return f"{unit} = {amount} is more than zinkoop accepts (at most {limit} {unit})"
