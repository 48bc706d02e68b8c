"""Reads one calendar file (TOML) into the model, with messages that name file and entry."""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, TypeVar

from zinkoop_cli.core.model import KINDS, Calendar, Entry, EventDef, Kind, When, default_kind
from zinkoop_cli.errors import CalendarError, CalendarSyntaxError, DataError
from zinkoop_cli.loading.dates import DateTextError, check_year, parse_day
from zinkoop_cli.loading.when import (
    ALL_ENTRY_KEYS,
    WHEN_KEYS,
    parse_when,
    text_value,
    warn_days,
)

__all__ = ["WHEN_KEYS", "parse_calendar", "slugify"]

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
CALENDAR_KEYS = {
    "id", "publisher", "publisher_id", "care_type", "aliases", "year", "title", "version",
    "published", "source", "inherits",
}
# Not `published`: many policies on web pages carry no date (docs: calendar-format.md §3).
REQUIRED_CALENDAR_KEYS = ("publisher", "care_type", "year", "title", "version", "source")
EVENT_KEYS = {"label", "default"}
T = TypeVar("T")


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _syntax_error(origin: str, exc: tomllib.TOMLDecodeError) -> CalendarSyntaxError:
    message = str(exc)
    match = re.search(r"\(at line (\d+), column (\d+)\)", message)
    reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", message)
    reason = reason or "invalid TOML"
    where = f"{origin}:{match[1]}:{match[2]}" if match else origin
    return CalendarSyntaxError(f"{where}: TOML syntax error: {reason}; fix the file and run "
                               "'zinkoop check'")


def _text_list(table: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise DateTextError(f'{key} must be a list of names, e.g. {key} = ["algemeen"]')
    return tuple(value)


def _unknown_keys(found: Mapping[str, Any], allowed: set[str]) -> str | None:
    extra = sorted(set(found) - allowed)
    if not extra:
        return None
    key = extra[0]
    close = difflib.get_close_matches(key, sorted(allowed), n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"unknown key {key!r}{hint}"


class _Problems:
    """Collects the problems of one file, so that 'check' can list them all."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.items: list[DataError] = []

    def add(self, where: str, message: str) -> None:
        self.items.append(CalendarError(f"{self.origin}: {where}: {message}"))


def _version(value: object) -> str:
    # A bare 1.10 is a TOML float and reads as 1.1: refuse it rather than lose the zero.
    if isinstance(value, float):
        raise DateTextError("version is a bare number, and a bare 1.10 reads as 1.1; "
                            'write it in quotes as the document does, e.g. version = "1.10"')
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return text_value(value, "version")


class _Head:
    """Reads the keys of [calendar] one by one, noting each problem and going on."""

    def __init__(self, head: Mapping[str, Any], problems: _Problems) -> None:
        self.head = head
        self.problems = problems

    def value(self, key: str, read: Callable[[Any], T], default: T | None = None) -> T | None:
        if key not in self.head:
            return default
        try:
            return read(self.head[key])
        except DateTextError as exc:
            self.problems.add("[calendar]", str(exc))
            return None


def _year(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise DateTextError(f"year must be a whole number, got {value!r}")
    return check_year(value)


def _care_type(value: object) -> str:
    care_type = text_value(value, "care_type").lower()
    if not SLUG.match(care_type):
        raise DateTextError("care_type must be lower-case letters, digits and dashes")
    return care_type


def _slug(key: str) -> Callable[[object], str]:
    def read(value: object) -> str:
        text = text_value(value, key)
        if not SLUG.match(text):
            raise DateTextError(f"{key} must be lower-case letters, digits and dashes")
        return text

    return read


def _entry(table: Any, index: int, calendar_year: int, problems: _Problems) -> Entry | None:
    where = f"entry #{index}"
    if not isinstance(table, dict):
        problems.add(where, "is not a table; write it as [[entry]]")
        return None
    entry_id = table.get("id")
    if isinstance(entry_id, str):
        where = f"entry {entry_id!r}"
    unknown = _unknown_keys(table, ALL_ENTRY_KEYS)
    if unknown:
        problems.add(where, unknown)
        return None
    if not isinstance(entry_id, str) or not SLUG.match(entry_id):
        problems.add(where, "needs an id of lower-case letters, digits and dashes")
        return None
    try:
        activity = text_value(table.get("activity"), "activity")
        when = parse_when(table, calendar_year)
        fields = {}
        for key in ("party", "section", "condition", "written", "note"):
            if key in table:
                fields[key] = text_value(table[key], key)
        if "paraphrase" in table:  # read by the source audit only, but text all the same
            text_value(table["paraphrase"], "paraphrase")
        atw = table.get("atw", False)
        if not isinstance(atw, bool):
            raise DateTextError("atw takes true or false")
        verify = table.get("verify", False)
        if not isinstance(verify, bool):
            raise DateTextError("verify takes true or false")
        kind = _kind(table, when)
        warn = warn_days(table["warn"]) if "warn" in table else None
    except DateTextError as exc:
        problems.add(where, str(exc))
        return None
    return Entry(entry_id, activity, when, atw=atw, kind=kind, verify=verify, warn_days=warn,
                 **fields)


def _kind(table: Mapping[str, Any], when: When) -> Kind:
    if "kind" not in table:
        return default_kind(when)
    value = table["kind"]
    for kind in KINDS:
        if value == kind:
            return kind
    listed = ", ".join(f'"{kind}"' for kind in KINDS)
    raise DateTextError(f"kind {value!r} is not one of {listed}; e.g. kind = \"happening\"")


def _looks_like_day(text: str) -> bool:
    # "2027-02-30" is a wrong day, not the id of an entry: say what is wrong with the day.
    return re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text) is not None


def _events(raw: Any, problems: _Problems) -> dict[str, EventDef]:
    events: dict[str, EventDef] = {}
    if not isinstance(raw, dict):
        problems.add("[events]", "must be a table of [events.NAME] tables")
        return events
    for name, table in raw.items():
        where = f"event {name!r}"
        if not SLUG.match(name) or not isinstance(table, dict):
            problems.add(where, "write events as [events.NAME] with a lower-case NAME")
            continue
        unknown = _unknown_keys(table, EVENT_KEYS)
        if unknown:
            problems.add(where, unknown)
            continue
        default = table.get("default")
        try:
            label = text_value(table.get("label"), "label")
            value: date | str | None = None
            if default is not None:
                # Whatever reads as a day is a day ("2027-01-01" too); else an entry's id.
                try:
                    value = parse_day(default)
                except DateTextError:
                    if not (isinstance(default, str) and SLUG.match(default)):
                        raise
                    if _looks_like_day(default):
                        raise
                    value = default  # the id of the entry whose date it takes
        except DateTextError as exc:
            problems.add(where, str(exc))
            continue
        events[name] = EventDef(name, label, value)
    return events


def parse_calendar(text: str, origin: str) -> tuple[Calendar | None, list[DataError]]:
    """The calendar in ``text`` and every problem found in it (``origin`` names the file)."""
    # Editors on Windows save UTF-8 with a byte-order mark, which TOML does not allow.
    text = text.removeprefix("\ufeff")
    deep = CalendarSyntaxError(f"{origin}: arrays or tables nested too deeply; a calendar "
                               "needs at most a list of two days")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return None, [_syntax_error(origin, exc)]
    except ValueError as exc:
        # tomllib lets int() refuse a number of more than 4300 digits.
        return None, [CalendarSyntaxError(f"{origin}: TOML syntax error: {exc.args[0]}"[:200]
                                          + "; fix the file and run 'zinkoop check'")]
    except RecursionError:  # tomllib reads nested arrays and tables recursively
        return None, [deep]
    try:
        return _calendar(data, origin)
    except RecursionError:  # and so does repr() of a nested value in a message
        return None, [deep]


def _calendar(data: dict[str, Any], origin: str) -> tuple[Calendar | None, list[DataError]]:
    problems = _Problems(origin)
    # [[not_modelled]]: dated sentences of the source left out on purpose; read by the audit
    # test (tests/test_source_audit.py), not by zinkoop.
    unknown = _unknown_keys(data, {"calendar", "events", "entry", "not_modelled"})
    if unknown:
        problems.add("top level", unknown + "; a file has [calendar], [events.*] and [[entry]]")
    head = data.get("calendar")
    if not isinstance(head, dict):
        problems.add("[calendar]", "is missing; every file starts with a [calendar] table")
        head = {}
    else:
        unknown = _unknown_keys(head, CALENDAR_KEYS)
        if unknown:
            problems.add("[calendar]", unknown)
        missing = [key for key in REQUIRED_CALENDAR_KEYS if key not in head]
        if missing:
            problems.add("[calendar]", f"is missing {', '.join(missing)}")
    # Every key on its own, so that one problem does not hide the next, nor the entries'.
    read = _Head(head, problems)
    year = read.value("year", _year)
    published = read.value("published", parse_day)
    publisher = read.value("publisher", lambda v: text_value(v, "publisher"))
    care_type = read.value("care_type", _care_type)
    publisher_id = read.value("publisher_id", _slug("publisher_id"),
                              slugify(publisher) if publisher else None)
    no_names: tuple[str, ...] = ()
    aliases = read.value("aliases", lambda _: tuple(a.lower() for a in _text_list(head, "aliases")),
                         no_names)
    inherits = read.value("inherits", lambda _: _text_list(head, "inherits"), no_names)
    title = read.value("title", lambda v: text_value(v, "title"))
    version = read.value("version", _version)
    source = read.value("source", lambda v: text_value(v, "source"))
    calendar_id = read.value("id", lambda v: text_value(v, "id"),
                             f"{publisher_id}/{care_type}-{year}")
    events = _events(data.get("events", {}), problems)
    raw_entries = data.get("entry", [])
    if not isinstance(raw_entries, list):
        problems.add("[[entry]]", "entries are written as [[entry]] tables")
        raw_entries = []
    entries: list[Entry] = []
    seen: set[str] = set()
    for index, table in enumerate(raw_entries, start=1):
        # A year that is wrong or missing still lets the entries be checked.
        entry = _entry(table, index, year if year is not None else 2000, problems)
        if entry is None:
            continue
        if entry.id in seen:
            problems.add(f"entry {entry.id!r}", "duplicate id; every entry needs its own id")
            continue
        if entry.id in events:
            problems.add(f"entry {entry.id!r}", "has the name of an event; rename one of them")
            continue
        seen.add(entry.id)
        entries.append(entry)
    if (year is None or ("published" in head and published is None) or publisher is None
            or care_type is None or publisher_id is None or title is None or version is None
            or source is None or calendar_id is None or aliases is None or inherits is None):
        return None, problems.items
    calendar = Calendar(
        id=calendar_id, publisher=publisher, publisher_id=publisher_id, care_type=care_type,
        year=year, version=version, published=published, title=title, source=source,
        entries=tuple(entries), aliases=aliases, inherits=inherits, events=events,
        origin=origin,
    )
    return calendar, problems.items
