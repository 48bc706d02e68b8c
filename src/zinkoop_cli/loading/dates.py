"""Reading dates the way policies write them: "1 oktober 2026", "september 2026", "2026-Q3"."""

from __future__ import annotations

import calendar as _calendar
import re
from datetime import date, time
from typing import get_args

from zinkoop_cli.core.lang import MONTH_NUMBERS, MONTHS, SEASON_MONTHS
from zinkoop_cli.core.limits import year_problem
from zinkoop_cli.core.model import Part, Season, Span

ORDINALS = {"eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "1e": 1, "2e": 2, "3e": 3, "4e": 4}
PART_DAYS = {"begin": (1, 10), "medio": (11, 20)}  # "eind" runs from the 21st to the last day
YEAR_PART_MONTHS = {"begin": (1, 4), "medio": (5, 8), "eind": (9, 12)}


class DateTextError(ValueError):
    """A date written in a way zinkoop cannot read, or a day that does not exist."""


def check_year(year: int) -> int:
    """``year`` itself when it lies in the range zinkoop accepts (core.limits)."""
    problem = year_problem(year)
    if problem is not None:
        raise DateTextError(problem)
    return year


def make_day(year: int, month: int, day: int) -> date:
    check_year(year)
    if not 1 <= month <= 12:
        raise DateTextError(f"month {month} does not exist")
    last = _calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise DateTextError(
            f"{day} {MONTHS['nl'][month - 1]} {year} does not exist: "
            f"{MONTHS['nl'][month - 1]} {year} has {last} days"
        )
    return date(year, month, day)


def last_day(year: int, month: int) -> date:
    return date(year, month, _calendar.monthrange(year, month)[1])


def _month_number(name: str) -> int:
    number = MONTH_NUMBERS.get(name.lower().rstrip("."))
    if number is None:
        raise DateTextError(f"{name!r} is not a Dutch month name (januari ... december)")
    return number


_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DUTCH = re.compile(r"^(\d{1,2})\s+([A-Za-z.]+)\s+(\d{4})$")


def parse_day(value: object) -> date:
    """A TOML date, ``2026-10-01`` or ``1 oktober 2026``."""
    if isinstance(value, date) and not hasattr(value, "hour"):
        check_year(value.year)
        return value
    if not isinstance(value, str):
        raise DateTextError(f"expected a date like 1 oktober 2026 or 2026-10-01, got {value!r}")
    text = " ".join(value.split())
    match = _ISO.match(text)
    if match:
        return make_day(int(match[1]), int(match[2]), int(match[3]))
    match = _DUTCH.match(text)
    if match:
        return make_day(int(match[3]), _month_number(match[2]), int(match[1]))
    if re.fullmatch(r"\d{1,2}\s+[A-Za-z.]+", text):
        raise DateTextError(f"{value!r} has no year; write the year, e.g. '{text} 2026', or "
                            "give purchase_year = -1 (0, 1) for the year before (of, after) "
                            "the purchase year")
    raise DateTextError(f"{value!r} is not a date; write it as 1 oktober 2026 or 2026-10-01")


def parse_time(value: object) -> time:
    if isinstance(value, time):
        return value
    match = re.match(r"^(\d{1,2})[.:](\d{2})$", str(value).strip())
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise DateTextError(f"{value!r} is not a time of day; write it as 17:00")
    return time(int(match[1]), int(match[2]))


def _check_part(part: object) -> Part | None:
    if part is None:
        return None
    if part not in get_args(Part):
        raise DateTextError(f"part {part!r} must be one of begin, medio, eind")
    return part  # type: ignore[return-value]


def month_span(value: object, part: object = None) -> Span:
    """``september 2026`` or ``2026-09``, optionally its begin, medio or eind."""
    text = " ".join(str(value).split())
    iso = re.match(r"^(\d{4})-(\d{1,2})$", text)
    dutch = re.match(r"^([A-Za-z.]+)\s+(\d{4})$", text)
    if iso:
        year, month = int(iso[1]), int(iso[2])
    elif dutch:
        year, month = int(dutch[2]), _month_number(dutch[1])
    elif re.fullmatch(r"[A-Za-z.]+", text):
        raise DateTextError(f"{value!r} has no year; write the year, e.g. '{text} 2026', or "
                            "give purchase_year = -1 (0, 1) for the year before (of, after) "
                            "the purchase year")
    else:
        raise DateTextError(f"{value!r} is not a month; write it as september 2026 or 2026-09")
    check_year(year)
    if not 1 <= month <= 12:
        raise DateTextError(f"month {month} does not exist")
    which = _check_part(part)
    start, end = date(year, month, 1), last_day(year, month)
    if which in PART_DAYS:
        first, last = PART_DAYS[which]
        start, end = date(year, month, first), date(year, month, last)
    elif which == "eind":
        start = date(year, month, 21)
    return Span("month", start, end, year, month=month, part=which)


def quarter_span(value: object) -> Span:
    """``2026-Q3``, ``Q3 2026`` or ``derde kwartaal 2026``."""
    text = " ".join(str(value).lower().split())
    match = (re.match(r"^(\d{4})-?q([1-4])$", text) or re.match(r"^q([1-4])\s+(\d{4})$", text))
    dutch = re.match(r"^(?:vanaf\s+)?(?:het\s+)?(\w+)\s+kwartaal\s+(?:van\s+)?(\d{4})$", text)
    if match and text[0] == "q":
        quarter, year = int(match[1]), int(match[2])
    elif match:
        year, quarter = int(match[1]), int(match[2])
    elif dutch and dutch[1] in ORDINALS:
        quarter, year = ORDINALS[dutch[1]], int(dutch[2])
    else:
        raise DateTextError(f"{value!r} is not a quarter; write it as 2026-Q3")
    check_year(year)
    first_month = 3 * quarter - 2
    return Span(
        "quarter", date(year, first_month, 1), last_day(year, first_month + 2), year,
        quarter=quarter,
    )


def season_span(value: object) -> Span:
    """``voorjaar 2019``, ``najaar 2026``: meteorological seasons (voorjaar = maart-mei)."""
    text = " ".join(str(value).lower().split())
    match = re.match(r"^(?:in\s+het\s+|de\s+|het\s+)?(\w+)\s+(?:van\s+)?(\d{4})$", text)
    if not match or match[1] not in SEASON_MONTHS:
        raise DateTextError(
            f"{value!r} is not a season; write it as voorjaar, zomer, najaar or winter and a year"
        )
    name, year = match[1], check_year(int(match[2]))
    first, last = SEASON_MONTHS[name]
    canonical: Season = {"lente": "voorjaar", "herfst": "najaar"}.get(name, name)  # type: ignore[assignment]
    end_year = year + 1 if last < first else year
    return Span(
        "season", date(year, first, 1), last_day(check_year(end_year), last), year,
        season=canonical,
    )


def year_span(value: object, part: object = None) -> Span:
    if not isinstance(value, int) or isinstance(value, bool):
        raise DateTextError(f"year {value!r} must be a whole number like 2021")
    year = check_year(value)
    which = _check_part(part)
    first, last = YEAR_PART_MONTHS.get(which or "", (1, 12))
    return Span("year", date(year, first, 1), last_day(year, last), year, part=which)


def any_span(value: object) -> Span:
    """A year, quarter, season or month, whichever ``value`` reads as."""
    if isinstance(value, int) and not isinstance(value, bool):
        return year_span(value)
    text = str(value).strip()
    if re.fullmatch(r"\d{4}", text):
        return year_span(int(text))
    for reader in (quarter_span, season_span, month_span):
        try:
            return reader(text)
        except DateTextError:
            continue
    raise DateTextError(
        f"{value!r} is not a year, quarter, season or month; write e.g. 2019, 2026-Q3, "
        "voorjaar 2019 or september 2026"
    )
