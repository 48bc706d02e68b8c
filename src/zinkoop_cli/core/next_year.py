"""Next year's calendar from this year's: the TOML document with its written dates moved on.

Works on the document as read (tomllib's tables), not on the resolved model, so that each
date keeps the form its writer gave it: "1 oktober 2026" becomes "1 oktober 2027",
"2026-Q3" becomes "2027-Q3", a TOML date stays a TOML date. Only the keys that hold an
absolute date are touched; a key this module does not know (a relative rule, a date counted
from the purchase year) is kept as written, so that new kinds of *when* are safe by default.
"""

from __future__ import annotations

import calendar as _calendar
import re
from collections.abc import Mapping
from datetime import date
from typing import Any, NamedTuple

from zinkoop_cli.core.dutch_words import MONTH, MONTH_NAMES, month_number
from zinkoop_cli.core.limits import year_problem

Table = dict[str, Any]

TO_FILL_IN = "in te vullen"
"""What ``version`` says until the user copies it from the new policy."""

# The keys of an entry whose value is one day (a text or a TOML date).
DAY_KEYS = frozenset({"date", "from", "not_before", "not_after", "first", "until"})
# The keys whose value is a stretch written with one year: a month, quarter or season.
SPAN_KEYS = frozenset({"month", "quarter", "season"})
MOVED_KEYS = DAY_KEYS | SPAN_KEYS | {"year", "starts", "period", "rrule", "written", "windows"}
WINDOW_KEYS = frozenset({"from", "through", "date"})  # of each table in ``windows``

_YEAR = r"(?:19|20)\d\d|2100"
_ISO_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DUTCH_DAY = re.compile(r"^(\d{1,2})\s+([A-Za-z.]+)\s+(\d{4})$")
_YEAR_TOKEN = re.compile(r"(?<!\d)\d{4}(?!\d)")
_RRULE_UNTIL = re.compile(r"(UNTIL\s*=\s*)(\d{4})(\d{2})(\d{2})", re.IGNORECASE)
# In running text (``written``, ``title``): a day with its month and year, or a bare year.
_IN_TEXT = re.compile(
    rf"(?<![\w.,])(?:(?P<iy>\d{{4}})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}})(?![\d-])"
    rf"|(?P<d>\d{{1,2}})(?P<s1>\s+)(?P<m>{MONTH})(?P<s2>\s+)(?P<y>{_YEAR})(?!\d)"
    rf"|(?P<year>{_YEAR})(?![\d])(?!,\d))",
    re.IGNORECASE,
)


class UnmovableError(ValueError):
    """A date text that cannot be moved safely; it is kept, and listed for the user."""


class Moved(NamedTuple):
    """The new document and what the user must know about it."""

    document: Table  # ready for tomli-w
    moved: list[str]  # ids of the entries whose dates moved (now verify = true)
    kept: list[str]  # ids of the entries kept as written (relative rules, undated)
    leap_days: list[str]  # "entry 'x': 29 februari 2028 became 28 februari 2029"
    not_moved: list[str]  # "entry 'x': ... (why); check by hand"
    notes: list[str]  # the [calendar] table and events: what changed, what to fill in


def is_leap_day_lost(day: date, years: int) -> bool:
    return day.month == 2 and day.day == 29 and not _calendar.isleap(day.year + years)


def shift_day(day: date, years: int) -> date:
    """``day`` ``years`` later; 29 February becomes 28 February in a year without one."""
    _check_year(day.year + years)
    if is_leap_day_lost(day, years):
        return date(day.year + years, 2, 28)
    return day.replace(year=day.year + years)


def _check_year(year: int) -> int:
    problem = year_problem(year)
    if problem is not None:
        raise UnmovableError(problem)
    return year


def read_day(value: object) -> date:
    """The day of ``1 oktober 2026``, ``2026-10-01`` or a TOML date."""
    if isinstance(value, date) and not hasattr(value, "hour"):
        return value
    text = " ".join(str(value).split()) if isinstance(value, str) else ""
    iso = _ISO_DAY.match(text)
    if iso:
        return _valid(int(iso[1]), int(iso[2]), int(iso[3]))
    dutch = _DUTCH_DAY.match(text)
    if dutch:
        try:
            month = month_number(dutch[2])
        except KeyError:
            raise UnmovableError(f"{dutch[2]!r} is not a Dutch month name") from None
        return _valid(int(dutch[3]), month, int(dutch[1]))
    raise UnmovableError(f"{value!r} is not a day zinkoop can read")


def write_like(value: object, day: date) -> object:
    """``day`` in the form ``value`` was written in (``value`` reads as a day)."""
    if not isinstance(value, str):
        return day
    text = " ".join(value.split())
    iso = _ISO_DAY.match(text)
    if iso:
        return f"{day.year}-{day.month:0{len(iso[2])}d}-{day.day:0{len(iso[3])}d}"
    dutch = _DUTCH_DAY.match(text)
    assert dutch is not None, value
    return f"{day.day} {dutch[2]} {day.year}"


def shift_day_value(value: object, years: int) -> object:
    """A day as a calendar file writes it (``1 oktober 2026``, ``2026-10-01`` or a TOML
    date), moved ``years`` on and written in the same form."""
    return write_like(value, shift_day(read_day(value), years))


def _valid(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise UnmovableError(f"{day}-{month}-{year} is no day") from None


def shift_span_value(value: object, years: int) -> str:
    """A month, quarter or season written with exactly one year: that year moved on."""
    if not isinstance(value, str):
        raise UnmovableError(f"{value!r} is not a month, quarter or season")
    found = _YEAR_TOKEN.findall(value)
    if len(found) != 1:
        raise UnmovableError(f"{value!r} does not name exactly one year")
    if "winter" in value.lower():  # December to February: it ends in the next year
        _check_year(int(found[0]) + years + 1)
    return _YEAR_TOKEN.sub(lambda m: str(_check_year(int(m[0]) + years)), value)


def shift_year_value(value: object, years: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise UnmovableError(f"{value!r} is not a year")
    return _check_year(value + years)


def shift_starts_value(value: object, years: int) -> object:
    """``starts``: a day, or a year, quarter, season or month."""
    if isinstance(value, int):
        return shift_year_value(value, years)
    try:
        return shift_day_value(value, years)
    except UnmovableError:
        return shift_span_value(value, years)


def shift_rrule(value: object, years: int) -> object:
    """An RFC 5545 rule: its UNTIL day (if any) moved on; the rest is no date."""
    if not isinstance(value, str):
        return value

    def until(match: re.Match[str]) -> str:
        day = shift_day(_valid(int(match[2]), int(match[3]), int(match[4])), years)
        return f"{match[1]}{day:%Y%m%d}"

    return _RRULE_UNTIL.sub(until, value)


def shift_text(text: str, years: int) -> tuple[str, list[str]]:
    """Running text (``written``, ``title``) with the years of its dates moved on.

    A day with its month and year moves as a day (so 29 februari can become 28 februari,
    listed in the second value); any other year moves by itself.
    """
    leap: list[str] = []

    def move(match: re.Match[str]) -> str:
        if match["year"]:
            return str(_check_year(int(match["year"]) + years))
        if match["iy"]:
            day = _valid(int(match["iy"]), int(match["im"]), int(match["id"]))
        else:
            day = _valid(int(match["y"]), month_number(match["m"]), int(match["d"]))
        if is_leap_day_lost(day, years):
            leap.append(match[0])
        moved = shift_day(day, years)
        if match["iy"]:
            return str(write_like(match[0], moved))
        return f"{moved.day}{match['s1']}{match['m']}{match['s2']}{moved.year}"

    return _IN_TEXT.sub(move, text), leap


def day_text(day: date) -> str:
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def _shift_value(key: str, value: object, years: int) -> object:
    if key == "rrule":
        return shift_rrule(value, years)
    if key in ("first", "until") and isinstance(value, int) and not isinstance(value, bool):
        return value + years  # a yearly entry's first or last year
    if key == "windows":
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            raise UnmovableError(f"{value!r} is not a list of windows")
        return [{name: shift_day_value(day, years) if name in WINDOW_KEYS else day
                 for name, day in window.items()} for window in value]
    if isinstance(value, str) and not _YEAR_TOKEN.search(value):
        return value  # no year, so not an absolute date ("jaarlijks", "12 november")
    if key in DAY_KEYS:
        return shift_day_value(value, years)
    if key in SPAN_KEYS:
        return shift_span_value(value, years)
    if key == "year":
        return shift_year_value(value, years)
    if key == "starts":
        return shift_starts_value(value, years)
    if key == "period":
        if not isinstance(value, list):
            raise UnmovableError(f"{value!r} is not a list of two days")
        return [shift_day_value(item, years) for item in value]
    if key == "written":
        if not isinstance(value, str):
            return value
        return shift_text(value, years)[0]
    return value


def _leap_days(table: Mapping[str, Any], years: int) -> list[date]:
    """Every written 29 February of the entry that has none in its new year."""
    found: list[date] = []
    for key, value in table.items():
        if key not in DAY_KEYS | {"period", "starts"}:
            continue
        for item in value if isinstance(value, list) else [value]:
            try:
                day = read_day(item)
            except UnmovableError:
                continue  # a year, quarter, season or month: it has no 29 February
            if is_leap_day_lost(day, years):
                found.append(day)
    return found


def _with_verify(table: Mapping[str, Any]) -> Table:
    """The entry with ``verify = true`` right after its id, where a reader sees it first."""
    result: Table = {}
    for key, value in table.items():
        if key == "verify":
            continue
        result[key] = value
        if key == "id":
            result["verify"] = True
    result.setdefault("verify", True)
    return result


def _add_note(table: Table, text: str) -> None:
    note = table.get("note")
    table["note"] = f"{note} {text}" if isinstance(note, str) and note.strip() else text


_LEAP_YEARLY = re.compile(r"^\s*29(\s+feb(?:ruari)?\.?\s*)$", re.IGNORECASE)


def _yearly(moved: Table, first_year: int | None, name: str, result: Moved) -> None:
    """``yearly = "29 februari"`` first falls in the year before the calendar's: in a new
    year whose year before has no 29th, it becomes the 28th, as a day does."""
    found = _LEAP_YEARLY.match(str(moved.get("yearly", "")))
    if found is None or first_year is None or _calendar.isleap(first_year):
        return
    moved["yearly"] = f"28{found[1]}"
    _add_note(moved, f"zinkoop new: yearly 29 februari became 28 februari ({first_year} has "
                     "no 29 februari).")
    result.leap_days.append(f"{name}: yearly 29 februari became 28 februari")


def _entry(table: Mapping[str, Any], years: int, result: Moved,
           keep: Mapping[str, str], first_year: int | None = None) -> Table:
    name = f"entry {table.get('id')!r}"
    try:
        if str(table.get("id")) in keep:
            raise UnmovableError(keep[str(table.get("id"))])
        moved = {key: _shift_value(key, value, years) if key in MOVED_KEYS else value
                 for key, value in table.items()}
        _yearly(moved, first_year, name, result)
    except UnmovableError as why:
        kept = _with_verify(table)
        _add_note(kept, f"zinkoop new: not moved ({why}); check by hand.")
        result.not_moved.append(f"{name}: {why}; kept as written, check by hand")
        return kept
    if moved == dict(table):
        result.kept.append(str(table.get("id")))
        return moved
    result.moved.append(str(table.get("id")))
    new = _with_verify(moved)
    for lost in _leap_days(table, years):
        before, after = day_text(lost), day_text(shift_day(lost, years))
        _add_note(new, f"zinkoop new: {before} became {after} ({lost.year + years} has no "
                       "29 februari).")
        result.leap_days.append(f"{name}: {before} became {after}")
    return new


def _head(head: Mapping[str, Any], years: int, result: Moved) -> Table:
    new: Table = dict(head)
    old_year = head.get("year")
    new["year"] = shift_year_value(old_year, years)
    title = head.get("title")
    if isinstance(title, str):
        new["title"], _ = shift_text(title, years)
        if new["title"] == title:
            result.notes.append(f"[calendar] title {title!r} names no year; check it")
    new["version"] = TO_FILL_IN
    # Last year's day would pass for this year's: left out until the new policy gives one.
    new.pop("published", None)
    publisher = head.get("publisher")
    new["source"] = f"{publisher}, {new.get('title')}, versie {TO_FILL_IN}"
    if "id" in head:
        calendar_id = str(head["id"])
        ending = f"-{old_year}"
        if calendar_id.endswith(ending):
            new["id"] = f"{calendar_id.removesuffix(ending)}-{new['year']}"
        else:
            del new["id"]
            result.notes.append(f"[calendar] id {calendar_id!r} does not end in its year; "
                                "left out, so the default id applies")
    if isinstance(head.get("inherits"), list):
        new["inherits"] = [_inherited(name, years, result) for name in head["inherits"]]
    result.notes.append(f"[calendar] fill in version (now {TO_FILL_IN!r}) and source from the "
                        "new policy, and published if it carries a date (left out)")
    return new


def _inherited(name: object, years: int, result: Moved) -> object:
    """A short name (``algemeen``) follows the year by itself; a full id is moved on."""
    if not isinstance(name, str) or "/" not in name:
        return name
    match = re.search(r"-(\d{4})$", name)
    if match is None:
        result.notes.append(f"[calendar] inherits {name!r}, an id without a year; kept")
        return name
    return f"{name[:match.start()]}-{_check_year(int(match[1]) + years)}"


def _events(events: Mapping[str, Any], years: int, result: Moved) -> Table:
    new: Table = {}
    for name, table in events.items():
        new[name] = dict(table) if isinstance(table, Mapping) else table
        default = table.get("default") if isinstance(table, Mapping) else None
        if default is None:
            continue
        try:
            moved = shift_day_value(default, years)
        except UnmovableError:
            continue  # the id of an entry, which moves with that entry
        new[name]["default"] = moved
        result.notes.append(f"event {name!r}: default {default} became {moved}; check it")
    return new


def next_year(document: Mapping[str, Any], years: int = 1,
              keep: Mapping[str, str] | None = None) -> Moved:
    """``document`` (a valid calendar file, as tomllib reads it) ``years`` later.

    Every entry with a moved date gets ``verify = true``; an entry that cannot be moved
    whole is kept as written, marked as well, and listed; so is each entry named in
    ``keep`` (its id, and why: what the caller found wrong with its moved dates). Raises
    UnmovableError when the calendar's own year cannot move (past the last year zinkoop
    accepts).
    """
    if years < 1:
        raise UnmovableError(f"a calendar moves forward, by 1 year or more, not {years}")
    result = Moved({}, [], [], [], [], [])
    head = document.get("calendar")
    year = head.get("year") if isinstance(head, Mapping) else None
    # a yearly day's first occurrence lies in the year before the (new) purchase year
    first_year = year - 1 + years if isinstance(year, int) else None
    for key, value in document.items():
        if key == "calendar" and isinstance(value, Mapping):
            result.document[key] = _head(value, years, result)
        elif key == "events" and isinstance(value, Mapping):
            result.document[key] = _events(value, years, result)
        elif key == "entry" and isinstance(value, list):
            result.document[key] = [_entry(table, years, result, keep or {}, first_year)
                                    if isinstance(table, Mapping) else table
                                    for table in value]
        else:
            result.document[key] = value  # [[not_modelled]]: quotes of last year's policy
    return result
