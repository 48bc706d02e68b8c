"""Turns a calendar's entries and the user's events into dated, statused timeline rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import Literal, NamedTuple

from dateutil.relativedelta import relativedelta

from zinkoop_cli.core import holidays
from zinkoop_cli.core.chains import find_cycle as find_cycle  # where catalog finds it
from zinkoop_cli.core.model import (
    Calendar,
    Continuous,
    Day,
    Entry,
    EventDef,
    Period,
    Recurring,
    Relative,
    Span,
    Start,
    Undetermined,
    Windowed,
    Yearly,
)
from zinkoop_cli.errors import DataError

Status = Literal["past", "today", "upcoming", "unresolved", "undated"]
STATUSES: tuple[Status, ...] = ("past", "today", "upcoming", "unresolved", "undated")

# A recurrence without an end stops here, so that a rule cannot run away.
MAX_OCCURRENCES = 400


class Row(NamedTuple):
    """One line of a timeline: an entry (or one occurrence of it) resolved against today."""

    calendar: Calendar
    entry: Entry
    key: str
    date: dt.date | None
    raw_date: dt.date | None
    first: dt.date | None
    status: Status
    days_left: int | None
    missing: tuple[str, ...] = ()
    moved: bool = False
    holiday: str | None = None
    weekend: bool = False
    # The day may be off by a day a decree probably equates with a holiday, for a year whose
    # decree zinkoop does not have (holidays.UNCONFIRMED_MARK).
    unconfirmed_day: bool = False
    # The day of the event that fell in none of a Windowed entry's windows.
    outside: dt.date | None = None


class _Due(NamedTuple):
    date: dt.date | None
    raw: dt.date | None
    missing: tuple[str, ...]
    moved: bool = False
    unconfirmed: bool = False  # a term counted across, or moved past, an unconfirmed day
    outside: dt.date | None = None  # an event in none of the windows (Windowed)


def fixed_day(when: Day | Span) -> date:
    """The day a published day ("vóór" one: the day before) or a stretch is due."""
    if isinstance(when, Span):
        return when.end
    return when.day - timedelta(days=1) if when.bound == "voor" else when.day


def offset(anchor: date, amount: int, unit: str, direction: str = "after") -> date:
    """``anchor`` moved ``amount`` units forward (``after``) or back (``before``).

    Days are counted the way Dutch law counts a term: from the day after the event, so
    six weeks after 14 September is 26 October, the same weekday.
    """
    sign = 1 if direction == "after" else -1
    n = sign * amount
    if unit == "days":
        return anchor + timedelta(days=n)
    if unit == "weeks":
        return anchor + timedelta(weeks=n)
    if unit == "months":
        result: date = anchor + relativedelta(months=n)
        return result
    if unit == "years":
        result = anchor + relativedelta(years=n)
        return result
    if unit == "workdays":
        return holidays.add_working_days(anchor, n)
    raise ValueError(f"unknown unit {unit!r}")


def atw_move(anchor: date, raw: date, direction: str) -> date:
    """A term's end moved off a weekend or holiday.

    Forward terms follow Atw art. 1 and 2. The Atw does not move a term counted back
    from an event (art. 1 lid 2); zinkoop moves it to the working day before, the safe side.
    """
    if direction == "after":
        return holidays.atw_extend(anchor, raw)
    return holidays.previous_working_day(raw)


def merge(calendar: Calendar, parents: Sequence[Calendar]) -> list[tuple[Calendar, Entry]]:
    """The calendar's entries plus those it inherits; its own entry wins on the same id."""
    own = {entry.id for entry in calendar.entries}
    items: list[tuple[Calendar, Entry]] = []
    seen = set(own)
    for parent in parents:
        for entry in parent.entries:
            if entry.id not in seen:
                items.append((parent, entry))
                seen.add(entry.id)
    items.extend((calendar, entry) for entry in calendar.entries)
    return items


def merged_events(calendar: Calendar, parents: Sequence[Calendar]) -> dict[str, EventDef]:
    events: dict[str, EventDef] = {}
    for parent in reversed(parents):
        events.update(parent.events)
    events.update(calendar.events)
    return events


class Resolver:
    """Dates for every entry of a merged calendar, given the user's events."""

    def __init__(
        self,
        items: Sequence[tuple[Calendar, Entry]],
        events: Mapping[str, EventDef],
        given: Mapping[str, date],
        *,
        atw: bool = False,
    ) -> None:
        self.items = items
        self.by_id = {entry.id: entry for _, entry in items}
        self.owner = {entry.id: calendar for calendar, entry in items}
        self.events = events
        self.given = given
        self.atw = atw
        self._cache: dict[str, _Due] = {}

    def due_of(self, name: str) -> _Due:
        """The due date of an entry id or event name.

        Each name depends on at most one other (a rule's anchor, an event's default entry),
        so the names it needs form a chain: walk it once to a known date, then work back.
        No recursion and no repeated walks, so a chain of any length costs its length.
        """
        path: list[str] = []
        on_path: set[str] = set()
        node: str | None = name
        while node is not None and node not in self._cache:
            if node in on_path:
                chain = " -> ".join([*path[path.index(node):], node])
                raise DataError(f"rules depend on each other in a circle: {chain}; "
                                "break the circle in one of these entries")
            path.append(node)
            on_path.add(node)
            node = self._needs(node)
        for step in reversed(path):
            self._cache[step] = self._compute(step)
        return self._cache[name]

    def _needs(self, name: str) -> str | None:
        """The one name whose date ``name`` is computed from, if any."""
        if name in self.given:
            return None
        if name in self.events:
            default = self.events[name].default
            return default if isinstance(default, str) else None
        entry = self.by_id.get(name)
        if entry is not None and isinstance(entry.when, Relative | Windowed):
            return entry.when.anchor
        return None

    def _compute(self, name: str) -> _Due:
        if name in self.given:
            day = self.given[name]
            return _Due(day, day, ())
        if name in self.events:
            default = self.events[name].default
            if isinstance(default, date):
                return _Due(default, default, ())
            if isinstance(default, str):
                return self.due_of(default)
            return _Due(None, None, (name,))
        entry = self.by_id.get(name)
        if entry is None:
            raise DataError(f"a rule points at {name!r}, which is neither an entry nor an "
                            "event of this calendar; fix the rule's 'after'/'before'")
        return self._entry_due(entry)

    def _entry_due(self, entry: Entry) -> _Due:
        when = entry.when
        if isinstance(when, Day | Span):
            day = fixed_day(when)
            return _Due(day, day, ())
        if isinstance(when, Yearly):
            day = fixed_day(when.occurrences[0])
            return _Due(day, day, ())
        if isinstance(when, Windowed):
            return self._windowed_due(when)
        if isinstance(when, Period):
            return _Due(when.end, when.end, ())
        if isinstance(when, Start):
            return _Due(when.start, when.start, ())
        if isinstance(when, Relative):
            return self._relative_due(entry, when)
        if isinstance(when, Recurring):
            occurrences = expand(when)
            return _Due(occurrences[0], occurrences[0], ()) if occurrences else _Due(None, None, ())
        return _Due(None, None, ())

    def _windowed_due(self, rule: Windowed) -> _Due:
        anchor = self.due_of(rule.anchor)
        if anchor.date is None:
            return _Due(None, None, anchor.missing)
        for first, last, day in rule.windows:
            if first <= anchor.date <= last:
                return _Due(day, day, ())
        return _Due(None, None, (), outside=anchor.date)

    def _relative_due(self, entry: Entry, rule: Relative) -> _Due:
        anchor = self.due_of(rule.anchor)
        if anchor.date is None:
            return _Due(None, None, anchor.missing)
        try:
            return self._counted(entry, rule, anchor.date)
        except (OverflowError, ValueError):
            # Input is checked against core.limits; this guards what slips past, e.g. a
            # chain of long rules that together run past the year 9999.
            calendar = self.owner.get(entry.id)
            where = f"{calendar.origin}: " if calendar is not None and calendar.origin else ""
            raise DataError(
                f"{where}entry {entry.id!r}: {rule.amount} {rule.unit} {rule.direction} "
                f"{rule.anchor} ({anchor.date.isoformat()}) gives a day outside the calendar "
                "zinkoop can count; check that day and the rule's offset") from None

    def _counted(self, entry: Entry, rule: Relative, anchor: date) -> _Due:
        if rule.first_of_month:
            raw = anchor.replace(day=1)
        else:
            raw = offset(anchor, rule.amount, rule.unit, rule.direction)
        if rule.bound == "voor":  # "vóór": the last day is the one before the counted day
            raw -= timedelta(days=1)
        if rule.not_before is not None and raw < rule.not_before:
            raw = rule.not_before
        if rule.not_after is not None and raw > rule.not_after:
            raw = rule.not_after
        is_term = not rule.first_of_month and rule.amount > 0
        counted = is_term and rule.unit == "workdays" and holidays.workdays_marked(
            anchor, rule.amount if rule.direction == "after" else -rule.amount)
        if is_term and (self.atw or entry.atw):
            moved = atw_move(anchor, raw, rule.direction)
            marked = counted or holidays.atw_marked(anchor, raw, rule.direction)
            return _Due(moved, raw, (), moved != raw, marked)
        return _Due(raw, raw, (), False, counted)


def expand(rule: Recurring) -> list[date]:
    """The days a recurring entry falls on (empty when only its frequency is known)."""
    if rule.rule is None or rule.first is None:
        return []
    from dateutil.rrule import rrulestr  # only recurring entries need the parser

    start = dt.datetime(rule.first.year, rule.first.month, rule.first.day)  # noqa: DTZ001
    parsed = rrulestr(rule.rule, dtstart=start)
    days: list[date] = []
    for moment in parsed:
        day = moment.date()
        if rule.until is not None and day > rule.until:
            break
        days.append(day)
        if len(days) >= MAX_OCCURRENCES:
            break
    return days


def status_of(day: date | None, today: date, missing: Sequence[str],
              outside: date | None = None) -> Status:
    if day is None:
        return "unresolved" if missing or outside else "undated"
    if day < today:
        return "past"
    if day == today:
        return "today"
    return "upcoming"


def _first_of(entry: Entry) -> date | None:
    when = entry.when
    if isinstance(when, Day):
        return when.first
    if isinstance(when, Span | Period):
        return when.start
    if isinstance(when, Start):
        return when.start
    return None


def _row(
    calendar: Calendar, entry: Entry, key: str, due: _Due, today: date, day_precise: bool
) -> Row:
    day = due.date
    return Row(
        calendar=calendar,
        entry=entry,
        key=key,
        date=day,
        raw_date=due.raw,
        first=_first_of(entry),
        status=status_of(day, today, due.missing, due.outside),
        days_left=(day - today).days if day is not None else None,
        missing=due.missing,
        moved=due.moved,
        holiday=holidays.holiday_name(day) if day is not None and day_precise else None,
        weekend=holidays.is_weekend(day) if day is not None and day_precise else False,
        unconfirmed_day=due.unconfirmed or (day is not None and day_precise
                                            and holidays.unconfirmed(day)),
        outside=due.outside,
    )


def timeline(
    calendar: Calendar,
    parents: Sequence[Calendar],
    today: date,
    given: Mapping[str, date] | None = None,
    *,
    atw: bool = False,
) -> list[Row]:
    """Every entry of ``calendar`` and what it inherits, resolved against ``today``.

    Rows come in date order; entries without a date (unresolved, undated) come last.
    """
    items = merge(calendar, parents)
    events = merged_events(calendar, parents)
    resolver = Resolver(items, events, given or {}, atw=atw)
    rows: list[Row] = []
    for owner, entry in items:
        when = entry.when
        if isinstance(when, Recurring) and when.rule is not None:
            for day in expand(when):
                due = _Due(day, day, ())
                rows.append(_row(owner, entry, f"{entry.id}@{day.isoformat()}", due, today, True))
            continue
        if isinstance(when, Yearly):
            for occurrence in when.occurrences:
                day = fixed_day(occurrence)
                rows.append(_row(owner, entry._replace(when=occurrence),
                                 f"{entry.id}@{day.isoformat()}", _Due(day, day, ()), today,
                                 isinstance(occurrence, Day)))
            continue
        due = resolver.due_of(entry.id)
        precise = isinstance(when, Day | Relative | Windowed)
        rows.append(_row(owner, entry, entry.id, due, today, precise))
    return sort_rows(rows)


def sort_rows(rows: Iterable[Row]) -> list[Row]:
    # A stable sort: entries due on the same day keep the order of the policy's table.
    def key(row: Row) -> tuple[int, date]:
        if row.date is not None:
            return (0, row.date)
        if row.status == "unresolved":
            return (1, date.min)
        return (3 if isinstance(row.entry.when, Continuous | Undetermined) else 2, date.min)

    return sorted(rows, key=key)
