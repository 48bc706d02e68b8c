"""The first and last day a draft's *when* keys cover ('september 2026' with part 'eind',
'derde kwartaal 2023', 'winter 2025'), as ``deixis`` and the draft compare them."""

from __future__ import annotations

import datetime as dt

from zinkoop_cli.core.date_phrases import Keys
from zinkoop_cli.core.dutch_words import MONTH_NAMES, SEASONS, month_number, quarter_number
from zinkoop_cli.core.lang import SEASON_MONTHS

__all__ = ["first_day", "last_day"]


def last_day(keys: Keys) -> dt.date | None:
    """The last day a *when* covers (a start: the last day of what it starts with)."""
    for key in ("period", "date", "month", "quarter", "season", "year", "starts"):
        value = keys.get(key)
        if isinstance(value, list) and value:
            value = value[-1]
        if value is None:
            continue
        last = _last_of_value(value, keys.get("part") if key == "month" else None)
        if last is not None and key == "date" and keys.get("bound") == "voor":
            return last - dt.timedelta(days=1)
        return last
    return None


_PART_ENDS = {"begin": 10, "medio": 20}


def _last_of_value(value: object, part: object = None) -> dt.date | None:
    if isinstance(value, int):
        return dt.date(value, 12, 31)
    words = str(value).lower().split()
    if not words or not words[-1].isdigit():
        return None
    year = int(words[-1])
    if len(words) == 3 and words[1] == "kwartaal":
        return _month_end(year, 3 * quarter_number(words[0]))
    if len(words) == 3 and words[0].isdigit():
        return dt.date(year, month_number(words[1]), int(words[0]))
    if len(words) == 2 and words[0] in MONTH_NAMES:
        month = month_number(words[0])
        if part in _PART_ENDS:
            return dt.date(year, month, _PART_ENDS[str(part)])
        return _month_end(year, month)
    if len(words) == 2 and words[0] in SEASONS:
        first, last = SEASON_MONTHS[SEASONS[words[0]]]
        return _month_end(year + 1 if last < first else year, last)
    return None


def first_day(keys: Keys) -> dt.date | None:
    """The first day a *when* covers."""
    key = next((k for k in ("from", "period", "date", "month", "quarter", "season", "year",
                            "starts") if k in keys), None)
    value = keys.get(key) if key else None
    value = value[0] if isinstance(value, list) and value else value
    if isinstance(value, int):
        return dt.date(value, 1, 1)
    words = str(value).lower().split()
    if not words or not words[-1].isdigit():
        return None
    year = int(words[-1])
    if len(words) == 3 and words[1] == "kwartaal":
        return dt.date(year, 3 * quarter_number(words[0]) - 2, 1)
    if len(words) == 3 and words[0].isdigit():
        return dt.date(year, month_number(words[1]), int(words[0]))
    if len(words) == 2 and words[0] in MONTH_NAMES:
        return dt.date(year, month_number(words[0]), 1)
    if len(words) == 2 and words[0] in SEASONS:
        return dt.date(year, SEASON_MONTHS[SEASONS[words[0]]][0], 1)
    return None


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
