"""The days the Algemene termijnenwet (Atw) does not count: weekends, holidays, decree days."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from dateutil.easter import easter

# The oldest and newest year zinkoop reasons about; a calendar date outside is an error.
MIN_YEAR = 2000
MAX_YEAR = 2100


class Decree(NamedTuple):
    """A royal decree under Atw art. 3 lid 3, as far as zinkoop has seen it published."""

    title: str
    citation: str  # where the decree was read; a Staatscourant number only when seen
    years: tuple[int, ...]  # the years whose equated days it settles
    days: tuple[date, ...]


class DecreeDay(NamedTuple):
    """A day that a royal decree equates with a holiday for the Atw (art. 3 lid 3)."""

    day: date
    source: str


# Atw art. 3 lid 3: days added by royal decree, published in the Staatscourant, usually for
# three years at a time. A decree is listed only as far as its text or title was seen in a
# source; its Staatscourant number is given only when seen too (it was not, for any of these).
# Years no decree here covers get the usual bridge days as *unconfirmed* days (see
# ``unconfirmed``). To add a decree, see docs/calendar-format.md section 10.
DECREES: tuple[Decree, ...] = (
    Decree(
        "Besluit van 24 oktober 2016, nr. 2016001827, houdende gelijkstelling van 28 april en "
        "26 mei 2017, 11 mei en 24 en 31 december 2018 en 31 mei en 27 december 2019 met een "
        "algemeen erkende feestdag",
        "wetten.overheid.nl BWBR0038666 (Staatscourant-nummer niet gezien)",
        (2017, 2018, 2019),
        (date(2017, 4, 28), date(2017, 5, 26), date(2018, 5, 11), date(2018, 12, 24),
         date(2018, 12, 31), date(2019, 5, 31), date(2019, 12, 27)),
    ),
    Decree(
        "Besluit gelijkstelling van 28 april 2023, 19 mei 2023, 10 mei 2024, 27 december 2024 "
        "en 30 mei 2025 met een algemeen erkende feestdag",
        "titel geciteerd op sterfgeval.nl, vraag 70745 (Staatscourant-nummer niet gezien)",
        (2023, 2024, 2025),
        (date(2023, 4, 28), date(2023, 5, 19), date(2024, 5, 10), date(2024, 12, 27),
         date(2025, 5, 30)),
    ),
    Decree(
        "Besluit gelijkstelling van 2 januari 2026, 15 mei 2026, 7 mei 2027, 28 april 2028 "
        "en 26 mei 2028 met een algemeen erkende feestdag",
        "titel geciteerd op sterfgeval.nl, vraag 70745 (Staatscourant-nummer niet gezien)",
        (2026, 2027, 2028),
        (date(2026, 1, 2), date(2026, 5, 15), date(2027, 5, 7), date(2028, 4, 28),
         date(2028, 5, 26)),
    ),
)
DECREE_DAYS: tuple[DecreeDay, ...] = tuple(
    DecreeDay(day, decree.title) for decree in DECREES for day in decree.days
)

# English holiday names live with the other words, in render.words.HOLIDAY_NAMES_EN.
DECREE_DAY = "gelijkgestelde dag"
# The mark for a result that a day no decree on file settles may change.
UNCONFIRMED_MARK = "mogelijk gelijkgestelde dag: besluit niet opgenomen"


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


def decree_for(year: int) -> Decree | None:
    """The decree on file that settles ``year``'s equated days, or None."""
    return next((decree for decree in DECREES if year in decree.years), None)


def _bridge_days(year: int) -> set[date]:
    # The usual pattern of equated days: the Monday before a Tuesday holiday and the Friday
    # after a Thursday holiday (Hemelvaart always; Koningsdag, 5 mei, the Christmas days and
    # Nieuwjaarsdag when they fall so). 31 December bridges to a Tuesday 1 January.
    named = {day for day, name in atw_holidays(year).items() if name != DECREE_DAY}
    named.add(date(year + 1, 1, 1))
    bridges = set()
    for day in named:
        if day.weekday() == 1:
            bridges.add(day - timedelta(days=1))
        elif day.weekday() == 3:
            bridges.add(day + timedelta(days=1))
    return {day for day in bridges if day.year == year and day not in named}


@lru_cache(maxsize=256)
def unconfirmed_days(year: int) -> frozenset[date]:
    """Days of ``year`` a decree probably equates with a holiday, where none is on file.

    Empty for a year a decree in ``DECREES`` covers: there the decree's days are holidays.
    """
    if decree_for(year) is not None:
        return frozenset()
    return frozenset(_bridge_days(year))


def unconfirmed(day: date) -> bool:
    """Whether ``day`` may be an equated day, settled by a decree zinkoop does not have."""
    return day in unconfirmed_days(day.year)


def crosses_unconfirmed(raw: date, moved: date) -> bool:
    """Whether a term moved from ``raw`` to ``moved`` passes or ends on an unconfirmed day.

    Such a result may be off by the unconfirmed day (it is on the safe, earlier side), so it
    carries ``UNCONFIRMED_MARK``. Both ends count, so ``crosses_unconfirmed(d, d)`` is
    ``unconfirmed(d)``.
    """
    low, high = min(raw, moved), max(raw, moved)
    day = low
    while day <= high:
        if unconfirmed(day):
            return True
        day += timedelta(days=1)
    return False


def is_weekend(day: date) -> bool:
    return day.weekday() >= 5


def is_working_day(day: date) -> bool:
    """Not a Saturday, Sunday or Atw holiday: a day the Atw counts.

    An unconfirmed day counts as a working day here, so a term counted forward may end on it:
    the earlier day, the safe side. ``previous_working_day`` skips it instead.
    """
    return not is_weekend(day) and day not in atw_holidays(day.year)


def _is_working_day_back(day: date) -> bool:
    # Counting back, an unconfirmed day is skipped: the result is then earlier, the safe side.
    return is_working_day(day) and not unconfirmed(day)


def next_working_day(day: date) -> date:
    """``day`` itself when it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def previous_working_day(day: date) -> date:
    """``day`` itself when it is a working day, else the last working day before it.

    Unconfirmed days are skipped too (the safe side, for a term counted back).
    """
    while not _is_working_day_back(day):
        day -= timedelta(days=1)
    return day


def add_working_days(day: date, count: int) -> date:
    """The ``count``-th working day after ``day`` (before it when ``count`` is negative).

    Forward, an unconfirmed day counts as a working day; back, it is skipped: either way the
    result is the earlier day.
    """
    step = timedelta(days=1 if count >= 0 else -1)
    counts = is_working_day if count >= 0 else _is_working_day_back
    remaining = abs(count)
    while remaining:
        day += step
        if counts(day):
            remaining -= 1
    return day


def working_days_between(start: date, end: date,
                         counts: Callable[[date], bool] = is_working_day) -> int:
    """Working days in the term that runs from the day after ``start`` through ``end``."""
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if counts(day):
            count += 1
    return count


def _extend(anchor: date, end: date, counts: Callable[[date], bool]) -> date:
    moved = end
    while not counts(moved):
        moved += timedelta(days=1)
    if (end - anchor).days >= 3:
        while working_days_between(anchor, moved, counts) < 2:
            moved += timedelta(days=1)
            while not counts(moved):
                moved += timedelta(days=1)
    return moved


def atw_extend(anchor: date, end: date) -> date:
    """Where a forward term from ``anchor`` to ``end`` really ends under the Atw.

    Art. 1: a term that ends on a Saturday, Sunday or holiday runs through the next
    working day. Art. 2: a term of at least three days is extended, if needed, so that
    it holds at least two working days. Unconfirmed days count as working days (the
    earlier end); ``atw_marked`` tells when that may matter.
    """
    return _extend(anchor, end, is_working_day)


def atw_marked(anchor: date, raw: date, direction: str) -> bool:
    """Whether the Atw move of a term (``after`` or ``before`` ``anchor``, computed to end on
    ``raw``) passes or ends on an unconfirmed day, or would end later if its unconfirmed days
    were decreed (art. 2 counting one as a working day): then it carries ``UNCONFIRMED_MARK``.
    """
    if direction == "after":
        moved = atw_extend(anchor, raw)
        return crosses_unconfirmed(raw, moved) or _extend(anchor, raw, _is_working_day_back) \
            != moved
    return crosses_unconfirmed(raw, previous_working_day(raw))


def workdays_marked(anchor: date, count: int) -> bool:
    """Whether ``add_working_days(anchor, count)`` counted through or landed on an unconfirmed
    day (forward it counts as a working day; back it is skipped): then it is marked too."""
    if count == 0:
        return False
    result = add_working_days(anchor, count)
    step = timedelta(days=1 if count > 0 else -1)
    return crosses_unconfirmed(anchor + step, result)
