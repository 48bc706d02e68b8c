"""The days the Algemene termijnenwet (Atw) does not count: weekends, holidays, decree days."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from dateutil.easter import easter

# The oldest and newest year zinkoop reasons about; a calendar date outside is an error.
MIN_YEAR = 2000
MAX_YEAR = 2100


class DecreeDay(NamedTuple):
    """A day that a royal decree equates with a holiday for the Atw (art. 3 lid 3)."""

    day: date
    source: str


# Atw art. 3 lid 3: days added by royal decree, published in the Staatscourant, usually
# for three years at a time. Only days whose decree we can name are listed; years not
# covered below (2020-2022) have no decree days in zinkoop. Add a decree here with its title.
_DECREE_2017_2019 = (
    "Koninklijk Besluit van 31 oktober 2016, Stcrt. 2016, 58653 "
    "(gelijkstelling van dagen in 2017, 2018 en 2019 met een algemeen erkende feestdag)"
)
_DECREE_2023_2025 = (
    "Besluit gelijkstelling van 28 april 2023, 19 mei 2023, 10 mei 2024, 27 december 2024 "
    "en 30 mei 2025 met een algemeen erkende feestdag"
)
_DECREE_2026_2028 = (
    "Besluit gelijkstelling van 2 januari 2026, 15 mei 2026, 7 mei 2027, 28 april 2028 "
    "en 26 mei 2028 met een algemeen erkende feestdag"
)
DECREE_DAYS: tuple[DecreeDay, ...] = (
    DecreeDay(date(2017, 4, 28), _DECREE_2017_2019),
    DecreeDay(date(2017, 5, 26), _DECREE_2017_2019),
    DecreeDay(date(2018, 5, 11), _DECREE_2017_2019),
    DecreeDay(date(2018, 12, 24), _DECREE_2017_2019),
    DecreeDay(date(2018, 12, 31), _DECREE_2017_2019),
    DecreeDay(date(2019, 5, 31), _DECREE_2017_2019),
    DecreeDay(date(2019, 12, 27), _DECREE_2017_2019),
    DecreeDay(date(2023, 4, 28), _DECREE_2023_2025),
    DecreeDay(date(2023, 5, 19), _DECREE_2023_2025),
    DecreeDay(date(2024, 5, 10), _DECREE_2023_2025),
    DecreeDay(date(2024, 12, 27), _DECREE_2023_2025),
    DecreeDay(date(2025, 5, 30), _DECREE_2023_2025),
    DecreeDay(date(2026, 1, 2), _DECREE_2026_2028),
    DecreeDay(date(2026, 5, 15), _DECREE_2026_2028),
    DecreeDay(date(2027, 5, 7), _DECREE_2026_2028),
    DecreeDay(date(2028, 4, 28), _DECREE_2026_2028),
    DecreeDay(date(2028, 5, 26), _DECREE_2026_2028),
)

# Names are keys into the language tables (core.lang.HOLIDAY_NAMES).
DECREE_DAY = "gelijkgestelde dag"


def _kingsday(year: int) -> date:
    # Koningsdag: 27 April, or the 26th when the 27th is a Sunday (Besluit viering
    # Koningsdag). Before 2014 the Queen's day: 30 April, the 29th when that is a Sunday.
    if year >= 2014:
        day = date(year, 4, 27)
        return day - timedelta(days=1) if day.weekday() == 6 else day
    day = date(year, 4, 30)
    return day - timedelta(days=1) if day.weekday() == 6 else day


@lru_cache(maxsize=256)
def atw_holidays(year: int) -> dict[date, str]:
    """Every day of ``year`` that the Atw treats as a holiday, with its Dutch name.

    Art. 3 lid 1: Nieuwjaarsdag, tweede Paas- en Pinksterdag, beide Kerstdagen,
    Hemelvaartsdag, de viering van de verjaardag van de Koning en 5 mei (every year);
    lid 2: Goede Vrijdag; lid 3: days added by royal decree (``DECREE_DAYS``).
    """
    sunday = easter(year)
    days = {
        date(year, 1, 1): "Nieuwjaarsdag",
        sunday - timedelta(days=2): "Goede Vrijdag",
        sunday + timedelta(days=1): "tweede Paasdag",
        _kingsday(year): "Koningsdag",
        date(year, 5, 5): "5 mei",
        sunday + timedelta(days=39): "Hemelvaartsdag",
        sunday + timedelta(days=50): "tweede Pinksterdag",
        date(year, 12, 25): "eerste Kerstdag",
        date(year, 12, 26): "tweede Kerstdag",
    }
    for decree in DECREE_DAYS:
        if decree.day.year == year:
            days.setdefault(decree.day, DECREE_DAY)
    return days


def holiday_name(day: date) -> str | None:
    """The Atw holiday on ``day``, or None."""
    return atw_holidays(day.year).get(day)


def is_weekend(day: date) -> bool:
    return day.weekday() >= 5


def is_working_day(day: date) -> bool:
    """Not a Saturday, Sunday or Atw holiday: a day the Atw counts."""
    return not is_weekend(day) and day not in atw_holidays(day.year)


def next_working_day(day: date) -> date:
    """``day`` itself when it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def previous_working_day(day: date) -> date:
    """``day`` itself when it is a working day, else the last working day before it."""
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def add_working_days(day: date, count: int) -> date:
    """The ``count``-th working day after ``day`` (before it when ``count`` is negative)."""
    step = timedelta(days=1 if count >= 0 else -1)
    remaining = abs(count)
    while remaining:
        day += step
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days in the term that runs from the day after ``start`` through ``end``."""
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count


def atw_extend(anchor: date, end: date) -> date:
    """Where a forward term from ``anchor`` to ``end`` really ends under the Atw.

    Art. 1: a term that ends on a Saturday, Sunday or holiday runs through the next
    working day. Art. 2: a term of at least three days is extended, if needed, so that
    it holds at least two working days.
    """
    moved = next_working_day(end)
    if (end - anchor).days >= 3:
        while working_days_between(anchor, moved) < 2:
            moved = next_working_day(moved + timedelta(days=1))
    return moved
