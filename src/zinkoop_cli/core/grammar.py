"""A grammar of Dutch date phrases: text in, the calendar file's *when* keys out.

Generic Dutch, not phrases of particular documents: a day ("uiterlijk 1 oktober 2026 voor
17.00 uur"), a range, a month and its part, a quarter, a season, a year, a period, a start,
a relative term ("binnen zes weken na de dag van ontvangst"), a repeat, and the markers
"Doorlopend" and "volgt later". A phrase whose year the text does not give is *not read*
(with its reason) rather than guessed: a wrong date is worse than none. The forms themselves
are in ``date_phrases``.
"""

from __future__ import annotations

import re

from zinkoop_cli.core.date_phrases import (
    PATTERNS,
    YEAR_MISSING,
    Found,
    Keys,
    day_text,
    valid_day,
)

__all__ = ["YEAR_MISSING", "Found", "Keys", "day_text", "scan"]

_BORROW = re.compile(r"\s*(?:,|en|of)\s*", re.IGNORECASE)


def scan(text: str, *, whole: bool = False) -> list[Found]:
    """Every date phrase in ``text``, in order; ``whole`` when the text is one table cell,
    so that a bare month or season there counts as a date."""
    claimed: list[tuple[int, int]] = []
    found: list[Found] = []
    for pattern, handler in PATTERNS[whole]:
        for match in pattern.finditer(text):
            start, end = match.span()
            if start == end or any(s < end and start < e for s, e in claimed):
                continue
            result = handler(text, match)
            if result is None:
                continue
            result = _trim(text, result)
            claimed.append((result.start, result.end))
            found.append(result)
    found.sort(key=lambda item: item.start)
    return _borrow_years(text, found)


def _trim(text: str, found: Found) -> Found:
    written = found.written.strip()
    start = found.start + (len(found.written) - len(found.written.lstrip()))
    return found._replace(start=start, end=start + len(written), written=written)


def _borrow_years(text: str, found: list[Found]) -> list[Found]:
    """'1 april en 1 juli 2027': a day in a list takes the year of the list's last day."""
    result = list(found)
    for index in range(len(result) - 2, -1, -1):
        item, following = result[index], result[index + 1]
        if item.day_month is None or following.keys is None:
            continue
        gap = text[item.end:following.start]
        year = _year_of(following)
        if not _BORROW.fullmatch(gap) or year is None:
            continue
        day = valid_day(year, item.day_month[1], item.day_month[0])
        if day is None:
            continue
        keys: Keys = {"date": day_text(day)}
        if following.keys.get("bound") == "voor":
            keys["bound"] = "voor"
        result[index] = item._replace(keys=keys, reason=None,
                                      note=f"year taken from '{following.written}'")
    return result


def _year_of(found: Found) -> int | None:
    value = (found.keys or {}).get("date")
    if isinstance(value, str) and found.day_month is None and "from" not in (found.keys or {}):
        return int(value.rsplit(" ", 1)[1])
    return None
