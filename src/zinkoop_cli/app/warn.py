"""`zinkoop warn`: what falls due soon across calendars and tracked contracts."""

from __future__ import annotations

import os
from collections.abc import Collection, Mapping, Sequence
from datetime import date
from typing import NamedTuple

from zinkoop_cli.app.calendars import (
    calendar_timeline,
    check_given,
    known_events,
    load_catalog,
    standalone,
)
from zinkoop_cli.app.tracking import Where, tracked_deadlines
from zinkoop_cli.core.due import Alert, WarnDays, alerts, unique_rows
from zinkoop_cli.core.model import Calendar
from zinkoop_cli.core.resolve import Row
from zinkoop_cli.core.selection import Selection, check_condition, select_rows
from zinkoop_cli.loading.catalog import Catalog


class Window(NamedTuple):
    """Which days warn: every day through ``within`` days ahead, or exactly ``days`` away;
    neither: each entry's own days, else the user's config file's (core.due.days_of)."""

    within: int | None
    days: Collection[int] | None


class Warned(NamedTuple):
    """What warn reports, and the calendars it looked at (for the JSON document)."""

    calendars: list[Calendar]
    alerts: list[Alert]


def chosen_calendars(catalog: Catalog, targets: Sequence[tuple[str, int]],
                     insurer: str | None) -> list[Calendar]:
    """The calendars named, or every one on the search path that no other inherits."""
    if targets:
        found = [catalog.find(care, year, insurer) for care, year in targets]
    else:
        found = standalone(catalog, insurer)
    unique: list[Calendar] = []
    for calendar in found:
        if calendar not in unique:
            unique.append(calendar)
    return unique


def warn(where: Where, targets: Sequence[tuple[str, int]], today: date,
         given: Mapping[str, date], selection: Selection, window: Window,
         env: Mapping[str, str] | None = None) -> Warned:
    """Calendars' deadlines due in the window and tracked contracts' overdue and due ones.

    Without a window, the config file (found through ``env``, default the process's) is
    read first, so that a broken one stops the run before any work."""
    own: WarnDays | None = None
    if window.within is None and window.days is None:
        from zinkoop_cli.loading.config import load_warn_days

        own = load_warn_days(os.environ if env is None else env)
    catalog = load_catalog(where.dirs)
    picked = chosen_calendars(catalog, targets, selection.insurer)
    check_given(given, known_events(catalog, picked))
    shown: list[Calendar] = []
    rows: list[Row] = []
    everything = Selection(atw=selection.atw)
    for calendar in picked:
        found = calendar_timeline(catalog, calendar, today, given, everything)
        shown.extend(c for c in found.calendars if c not in shown)
        rows.extend(found.rows)
    check_condition(selection, (row.entry for row in rows))
    rows = select_rows(rows, selection)
    tracked = tracked_deadlines(catalog, where, today, selection,
                                {calendar.id for calendar in picked})
    return Warned(shown, alerts(unique_rows(rows), tracked, today, window.within, window.days,
                                          own))

