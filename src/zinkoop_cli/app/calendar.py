"""`zinkoop calendar`: which deadlines fall on which days of the months shown."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import NamedTuple

from zinkoop_cli.app.calendars import calendar_timeline, check_given, known_events, load_catalog
from zinkoop_cli.app.tracking import Where, tracked_deadlines
from zinkoop_cli.app.warn import chosen_calendars
from zinkoop_cli.core.contracts import ContractDeadline
from zinkoop_cli.core.due import unique_rows, warns
from zinkoop_cli.core.holidays import atw_holidays
from zinkoop_cli.core.resolve import Row
from zinkoop_cli.core.selection import Selection


class DayItem(NamedTuple):
    """One deadline on a day: a calendar's, or a tracked contract's own."""

    day: date
    care_type: str
    activity: str
    status: str  # a timeline status, or a contract's (overdue, done, ...)
    provider: str | None = None
    contract: int | None = None


class Months(NamedTuple):
    """The months shown, what falls on their days, and their Atw holidays by day."""

    months: list[tuple[int, int]]
    items: list[DayItem]
    holidays: dict[date, str]


def months_from(first: tuple[int, int], count: int) -> list[tuple[int, int]]:
    """``count`` months as (year, month), from ``first`` on."""
    year, month = first
    found = []
    for _ in range(count):
        found.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def month_items(rows: Iterable[Row], tracked: Iterable[ContractDeadline],
                months: Sequence[tuple[int, int]]) -> list[DayItem]:
    """The deadlines that fall in ``months``, in day order, calendars' before contracts'.

    Only what names a day something must be done by counts (as for ``warn``): a period or
    a start says when something runs, and an undated or unresolved entry has no day.
    """
    wanted = set(months)
    found = [DayItem(row.date, row.calendar.care_type, row.entry.activity, row.status)
             for row in unique_rows(rows)
             if warns(row) and row.date is not None and (row.date.year, row.date.month) in wanted]
    found += [DayItem(d.row.date, d.contract.care_type, d.row.entry.activity, d.status,
                      d.contract.provider, d.contract.id)
              for d in tracked
              if d.row.date is not None and (d.row.date.year, d.row.date.month) in wanted]
    return sorted(found, key=lambda item: item.day)  # stable: calendars' first on a day


def calendar_months(where: Where, targets: Sequence[tuple[str, int]], today: date,
                    given: Mapping[str, date], selection: Selection,
                    first: tuple[int, int], count: int, *, tracked: bool) -> Months:
    """The months from ``first`` on, with the deadlines of the calendars named (or of every
    calendar no other inherits) and, with ``tracked``, the tracked contracts' own."""
    catalog = load_catalog(where.dirs)
    picked = chosen_calendars(catalog, targets, selection.insurer)
    check_given(given, known_events(catalog, picked))
    rows: list[Row] = []
    for calendar in picked:
        rows.extend(calendar_timeline(catalog, calendar, today, given, selection).rows)
    own = tracked_deadlines(catalog, where, today, selection,
                            {calendar.id for calendar in picked}) if tracked else []
    shown = months_from(first, count)
    holidays = {day: name for year in sorted({year for year, _ in shown})
                for day, name in atw_holidays(year).items()}
    return Months(shown, month_items(rows, own, shown), holidays)
