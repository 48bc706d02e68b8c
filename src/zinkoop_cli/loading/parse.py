"""Reads one calendar file (TOML) into the model, with messages that name file and entry."""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Mapping
from datetime import date
from typing import Any

from zinkoop_cli.core.model import (
    Calendar,
    Continuous,
    Day,
    Entry,
    EventDef,
    Period,
    Recurring,
    Relative,
    Start,
    Undetermined,
    When,
)
from zinkoop_cli.errors import CalendarError, CalendarSyntaxError, DataError
from zinkoop_cli.loading.dates import (
    DateTextError,
    any_span,
    check_year,
    month_span,
    parse_day,
    parse_time,
    quarter_span,
    season_span,
    year_span,
)

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
CALENDAR_KEYS = {
    "id", "publisher", "publisher_id", "care_type", "aliases", "year", "title", "version",
    "published", "source", "inherits",
}
REQUIRED_CALENDAR_KEYS = ("publisher", "care_type", "year", "title", "version", "published",
                          "source")
EVENT_KEYS = {"label", "default"}
COMMON_ENTRY_KEYS = {"id", "activity", "party", "section", "condition", "written", "note", "atw",
                     "paraphrase"}  # paraphrase: why the activity is not verbatim (audit only)
UNITS = ("days", "workdays", "weeks", "months", "years")
# Each kind of *when* and the keys it may use besides its own.
WHEN_KEYS: dict[str, set[str]] = {
    "date": {"from", "time", "bound"},
    "month": {"part"},
    "quarter": set(),
    "season": set(),
    "year": {"part"},
    "period": set(),
    "starts": set(),
    "continuous": set(),
    "undetermined": set(),
    "after": {*UNITS, "not_before", "not_after"},
    "before": {*UNITS, "not_before", "not_after"},
    "same_day_as": set(),
    "first_of_month_of": {"not_before", "not_after"},
    "rrule": {"first", "until"},
    "yearly": {"until"},
    "frequency": {"until"},
}
ALL_ENTRY_KEYS = COMMON_ENTRY_KEYS | set(WHEN_KEYS) | {k for v in WHEN_KEYS.values() for k in v}


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


def _text(value: object, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise DateTextError(f"{what} must be non-empty text")
    return value.strip()


def _amount(table: Mapping[str, Any]) -> tuple[int, str]:
    given = [unit for unit in UNITS if unit in table]
    if len(given) != 1:
        raise DateTextError(
            "a relative rule needs exactly one of days, workdays, weeks, months, years"
        )
    unit = given[0]
    value = table[unit]
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise DateTextError(f"{unit} must be a whole number of 0 or more, got {value!r}")
    return value, unit


def _optional_day(table: Mapping[str, Any], key: str) -> date | None:
    return parse_day(table[key]) if key in table else None


def parse_when(table: Mapping[str, Any], calendar_year: int) -> When:
    """The *when* of one entry: exactly one of the keys in ``WHEN_KEYS``."""
    kinds = [key for key in WHEN_KEYS if key in table]
    if len(kinds) != 1:
        listed = ", ".join(WHEN_KEYS)
        if not kinds:
            raise DateTextError(f"says nothing about when; give one of: {listed}")
        raise DateTextError(f"gives more than one kind of when ({', '.join(kinds)}); keep one")
    kind = kinds[0]
    stray = set(table) & (ALL_ENTRY_KEYS - COMMON_ENTRY_KEYS - {kind} - WHEN_KEYS[kind])
    if stray:
        raise DateTextError(f"key {sorted(stray)[0]!r} does not go with {kind!r}")
    value = table[kind]
    if kind == "date":
        bound = table.get("bound", "uiterlijk")
        if bound not in ("uiterlijk", "voor"):
            raise DateTextError("bound must be 'uiterlijk' (that day) or 'voor' (the day before)")
        day = parse_day(value)
        first = _optional_day(table, "from")
        if first is not None and first > day:
            raise DateTextError("'from' comes after 'date'; a range runs from..date")
        at = parse_time(table["time"]) if "time" in table else None
        return Day(day, bound, first, at)
    if kind == "month":
        return month_span(value, table.get("part"))
    if kind == "quarter":
        return quarter_span(value)
    if kind == "season":
        return season_span(value)
    if kind == "year":
        return year_span(value, table.get("part"))
    if kind == "period":
        if not isinstance(value, list) or len(value) != 2:
            raise DateTextError("period must be two days: [first, last]")
        start, end = parse_day(value[0]), parse_day(value[1])
        if start > end:
            raise DateTextError("period's first day comes after its last day")
        return Period(start, end)
    if kind == "starts":
        try:
            return Start(parse_day(value))
        except DateTextError:
            span = any_span(value)
            return Start(span.start, span)
    if kind in ("continuous", "undetermined"):
        if value is not True:
            raise DateTextError(f"{kind} takes the value true")
        return Continuous() if kind == "continuous" else Undetermined()
    if kind in ("after", "before"):
        amount, unit = _amount(table)
        return Relative(
            _text(value, kind), amount, unit, kind,  # type: ignore[arg-type]
            not_before=_optional_day(table, "not_before"),
            not_after=_optional_day(table, "not_after"),
        )
    if kind == "same_day_as":
        return Relative(_text(value, kind))
    if kind == "first_of_month_of":
        return Relative(
            _text(value, kind), first_of_month=True,
            not_before=_optional_day(table, "not_before"),
            not_after=_optional_day(table, "not_after"),
        )
    if kind == "rrule":
        if "first" not in table:
            raise DateTextError("an rrule needs 'first', the day of its first occurrence")
        return _recurring(str(value), parse_day(table["first"]), _optional_day(table, "until"))
    if kind == "yearly":
        day = parse_day(f"{value} {calendar_year - 1}")
        until = _optional_day(table, "until") or date(calendar_year + 1, 12, 31)
        return _recurring("FREQ=YEARLY", day, until)
    # frequency: a repeat whose days the policy does not give
    return Recurring(None, None, _optional_day(table, "until"), _text(value, "frequency"))


def _recurring(rule: str, first: date, until: date | None) -> Recurring:
    from dateutil.rrule import rrulestr  # parsing a rule needs dateutil; most files have none

    try:
        rrulestr(rule)
    except (ValueError, TypeError) as exc:
        raise DateTextError(f"rrule {rule!r} is not an RFC 5545 rule ({exc})") from None
    if until is None and "COUNT=" not in rule.upper() and "UNTIL=" not in rule.upper():
        raise DateTextError("a recurring entry needs an end: 'until', or COUNT/UNTIL in the rule")
    recurring = Recurring(rule, first, until)
    from zinkoop_cli.core.resolve import expand

    if not expand(recurring):
        raise DateTextError(f"rrule {rule!r} from {first.isoformat()} gives no day; check "
                            "'first' and 'until'")
    return recurring


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
        activity = _text(table.get("activity"), "activity")
        when = parse_when(table, calendar_year)
        fields = {}
        for key in ("party", "section", "condition", "written", "note"):
            if key in table:
                fields[key] = _text(table[key], key)
        atw = table.get("atw", False)
        if not isinstance(atw, bool):
            raise DateTextError("atw takes true or false")
    except DateTextError as exc:
        problems.add(where, str(exc))
        return None
    return Entry(entry_id, activity, when, atw=atw, **fields)


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
            label = _text(table.get("label"), "label")
            value: date | str | None = None
            if default is not None:
                try:
                    value = parse_day(default)
                except DateTextError:
                    if not (isinstance(default, str) and SLUG.match(default)):
                        raise
                    value = default  # the id of the entry whose date it takes
        except DateTextError as exc:
            problems.add(where, str(exc))
            continue
        events[name] = EventDef(name, label, value)
    return events


def parse_calendar(text: str, origin: str) -> tuple[Calendar | None, list[DataError]]:
    """The calendar in ``text`` and every problem found in it (``origin`` names the file)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return None, [_syntax_error(origin, exc)]
    problems = _Problems(origin)
    # [[not_modelled]]: dated sentences of the source left out on purpose; read by the audit
    # test (tests/test_source_audit.py), not by zinkoop.
    unknown = _unknown_keys(data, {"calendar", "events", "entry", "not_modelled"})
    if unknown:
        problems.add("top level", unknown + "; a file has [calendar], [events.*] and [[entry]]")
    head = data.get("calendar")
    if not isinstance(head, dict):
        problems.add("[calendar]", "is missing; every file starts with a [calendar] table")
        return None, problems.items
    unknown = _unknown_keys(head, CALENDAR_KEYS)
    if unknown:
        problems.add("[calendar]", unknown)
    missing = [key for key in REQUIRED_CALENDAR_KEYS if key not in head]
    if missing:
        problems.add("[calendar]", f"is missing {', '.join(missing)}")
        return None, problems.items
    try:
        year = head["year"]
        if not isinstance(year, int) or isinstance(year, bool):
            raise DateTextError(f"year must be a whole number, got {year!r}")
        check_year(year)
        published = parse_day(head["published"])
        publisher = _text(head["publisher"], "publisher")
        care_type = _text(head["care_type"], "care_type").lower()
        if not SLUG.match(care_type):
            raise DateTextError("care_type must be lower-case letters, digits and dashes")
        publisher_id = head.get("publisher_id") or slugify(publisher)
        aliases = tuple(alias.lower() for alias in _text_list(head, "aliases"))
        inherits = _text_list(head, "inherits")
        title = _text(head["title"], "title")
        version = str(head["version"])
        source = _text(head["source"], "source")
    except DateTextError as exc:
        problems.add("[calendar]", str(exc))
        return None, problems.items
    calendar_id = head.get("id") or f"{publisher_id}/{care_type}-{year}"
    events = _events(data.get("events", {}), problems)
    raw_entries = data.get("entry", [])
    if not isinstance(raw_entries, list):
        problems.add("[[entry]]", "entries are written as [[entry]] tables")
        raw_entries = []
    entries: list[Entry] = []
    seen: set[str] = set()
    for index, table in enumerate(raw_entries, start=1):
        entry = _entry(table, index, year, problems)
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
    calendar = Calendar(
        id=calendar_id, publisher=publisher, publisher_id=publisher_id, care_type=care_type,
        year=year, version=version, published=published, title=title, source=source,
        entries=tuple(entries), aliases=aliases, inherits=inherits, events=events,
        origin=origin,
    )
    return calendar, problems.items
