"""Reading a day the way a person types it: 2026-09-14, 14-9-2026, 14 sep 2026, ma 14 sep 2026."""

from __future__ import annotations

import calendar as _calendar
import re
from datetime import date

from zinkoop_cli.core.holidays import MAX_YEAR, MIN_YEAR
from zinkoop_cli.core.lang import MONTHS, Lang

ACCEPTED_FORMS = "2026-09-14, 14-9-2026 (or 14/9/2026, 14.9.2026), 14 september 2026, 14 sep 2026"

# Dutch first, as the policies and Dutch spreadsheets write them; English too, since the
# output speaks English with --lang en and a name says its month in either language.
MONTH_NAMES: dict[str, int] = {
    **{name.lower(): n for lang in ("nl", "en") for n, name in enumerate(MONTHS[lang], 1)},
    "jan": 1, "feb": 2, "mrt": 3, "maa": 3, "mar": 3, "apr": 4, "mei": 5, "may": 5,
    "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "okt": 10, "oct": 10, "nov": 11,
    "dec": 12,
}
WEEKDAY_NAMES: dict[Lang, tuple[tuple[str, ...], ...]] = {
    "nl": (("maandag", "ma"), ("dinsdag", "di"), ("woensdag", "wo"), ("donderdag", "do"),
           ("vrijdag", "vr"), ("zaterdag", "za"), ("zondag", "zo")),
    "en": (("monday", "mon"), ("tuesday", "tue", "tues"), ("wednesday", "wed"),
           ("thursday", "thu", "thur", "thurs"), ("friday", "fri"), ("saturday", "sat"),
           ("sunday", "sun")),
}
WEEKDAYS: dict[str, tuple[int, Lang]] = {
    name: (number, lang) for lang, days in WEEKDAY_NAMES.items()
    for number, names in enumerate(days) for name in names
}

_WEEKDAY = re.compile(r"^([a-z]+)\.?,?\s+(?=\d)")
_ISO = re.compile(r"^(\d{4})([-/])(\d{1,2})\2(\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})$")
_SHORT_YEAR = re.compile(r"^\d{1,2}([-/.])\d{1,2}\1\d{2}$|^\d{1,2}\.?\s+[a-z]+\.?\s+\d{2}$")
_NAMED = re.compile(r"^(\d{1,2})\.?\s+([a-z]+)\.?\s+(\d{4})$")


class DayTextError(ValueError):
    """A day typed in a form zinkoop does not read, or a day that does not exist."""


def _unreadable(text: str) -> DayTextError:
    return DayTextError(f"{text!r} is not a day; write it as {ACCEPTED_FORMS}")


def _make(year: int, month: int, day: int, text: str) -> date:
    if not 1 <= month <= 12:
        hint = f"; the day comes first: {month}-{day}-{year}" if 1 <= day <= 12 else ""
        raise DayTextError(f"{text!r}: month {month} does not exist{hint}")
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DayTextError(f"{text!r}: year {year} is out of range ({MIN_YEAR}-{MAX_YEAR})")
    name = MONTHS["nl"][month - 1]
    last = _calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise DayTextError(f"{day} {name} {year} does not exist ({name} {year} has {last} "
                           "days)")
    return date(year, month, day)


def _without_weekday(text: str) -> tuple[str, tuple[int, Lang] | None]:
    match = _WEEKDAY.match(text)
    if match is None:
        return text, None
    weekday = WEEKDAYS.get(match[1])
    if weekday is None:
        raise _unreadable(text)
    return text[match.end():], weekday


def parse_user_day(text: str) -> date:
    """A day as typed: ISO, day-month-year in figures, or with the month's name.

    Figures are read day first, as in the Netherlands (14-9-2026, also with / or .); a
    two-digit year is refused rather than guessed, and so is a month above 12 (which is how
    the US order 9-14-2026 shows itself). A weekday in front ("ma 14 sep 2026") must be the
    day's own.
    """
    cleaned = " ".join(text.lower().split())
    rest, weekday = _without_weekday(cleaned)
    if iso := _ISO.match(rest):
        day = _make(int(iso[1]), int(iso[3]), int(iso[4]), text)
    elif numeric := _NUMERIC.match(rest):
        day = _make(int(numeric[4]), int(numeric[3]), int(numeric[1]), text)
    elif named := _NAMED.match(rest):
        month = MONTH_NAMES.get(named[2])
        if month is None:
            raise DayTextError(f"{text!r}: {named[2]!r} is not a month; write e.g. "
                               "14 september 2026 or 14 sep 2026")
        day = _make(int(named[3]), month, int(named[1]), text)
    elif _SHORT_YEAR.match(rest):
        raise DayTextError(f"{text!r}: write the year in full, e.g. 14-9-2026 or "
                           "14 sep 2026")
    else:
        raise _unreadable(text)
    if weekday is not None and weekday[0] != day.weekday():
        lang = weekday[1]
        full = [names[0] if lang == "nl" else names[0].capitalize()
                 for names in WEEKDAY_NAMES[lang]]
        named_day = f"{day.day} {MONTHS[lang][day.month - 1]} {day.year}"
        raise DayTextError(f"{named_day} is a {full[day.weekday()]}, not {full[weekday[0]]}")
    return day
