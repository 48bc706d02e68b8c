"""Choosing calendars and working out their timelines: what list, deadlines, warn and
export share."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import NamedTuple

from zinkoop_cli.core.model import Calendar, EventDef
from zinkoop_cli.core.resolve import Row, merged_events, timeline
from zinkoop_cli.core.selection import Selection, check_condition, select_rows
from zinkoop_cli.errors import UnknownCalendarError, UsageError
from zinkoop_cli.loading.catalog import Catalog


class Timeline(NamedTuple):
    """One calendar's rows, with the calendars they come from (the calendar first)."""

    calendars: list[Calendar]
    rows: list[Row]


def load_catalog(dirs: Sequence[Path]) -> Catalog:
    catalog = Catalog.load(dirs)
    catalog.raise_problems()
    return catalog


def list_calendars(dirs: Sequence[Path]) -> list[Calendar]:
    """`zinkoop list`: every calendar on the search path, by care type and year."""
    catalog = load_catalog(dirs)
    return sorted(catalog.calendars.values(), key=lambda c: (c.care_type, c.year, c.id))


def standalone(catalog: Catalog, insurer: str | None) -> list[Calendar]:
    """Every calendar that no other inherits (of one publisher, with ``--insurer``).

    A calendar that others inherit (a publisher's ``algemeen``) is reached through them:
    its entries are theirs too, and on its own they would show (or warn) twice.
    """
    inherited = {parent.id for calendar in catalog.calendars.values()
                 for parent in catalog.parents(calendar)}
    found = [catalog.calendars[key] for key in sorted(catalog.calendars) if key not in inherited]
    if insurer is not None:
        slug = insurer.strip().lower()
        found = [c for c in found if slug in (c.publisher_id, c.publisher.lower())]
        if not found:
            known = ", ".join(sorted({c.publisher_id for c in catalog.calendars.values()}))
            raise UnknownCalendarError(f"no calendar from {insurer!r}; --insurer can be: "
                                       f"{known}")
    return found


def known_events(catalog: Catalog, calendars: Iterable[Calendar]) -> dict[str, EventDef]:
    """The events of the calendars and what they inherit (the first definition wins)."""
    found: dict[str, EventDef] = {}
    for calendar in calendars:
        for name, event in merged_events(calendar, catalog.parents(calendar)).items():
            found.setdefault(name, event)
    return found


def check_given(given: Mapping[str, date], events: Mapping[str, EventDef]) -> None:
    """A usage error for an ``--on`` event that none of the calendars knows."""
    listed = ", ".join(sorted(events)) or "none"
    for name in given:
        if name not in events:
            raise UsageError(f"--on {name}: this calendar knows no event {name!r}; "
                             f"its events are: {listed}")


def calendar_timeline(catalog: Catalog, calendar: Calendar, today: date,
                      given: Mapping[str, date], selection: Selection) -> Timeline:
    """One calendar's rows as selected; ``--on`` events it does not know are ignored
    (checked against every chosen calendar beforehand)."""
    parents = catalog.parents(calendar)
    known = merged_events(calendar, parents)
    own = {name: day for name, day in given.items() if name in known}
    rows = timeline(calendar, parents, today, own, atw=selection.atw)
    return Timeline([calendar, *parents], select_rows(rows, selection))


def deadlines(dirs: Sequence[Path], care: str, year: int, today: date,
              given: Mapping[str, date], selection: Selection) -> Timeline:
    """`zinkoop deadlines`: one care type's timeline, merged with what it inherits."""
    catalog = load_catalog(dirs)
    calendar = catalog.find(care, year, selection.insurer)
    check_given(given, known_events(catalog, [calendar]))
    found = calendar_timeline(catalog, calendar, today, given, Selection(atw=selection.atw))
    check_condition(selection, (row.entry for row in found.rows))
    return found._replace(rows=select_rows(found.rows, selection))
