"""`zinkoop export`: the iCalendar files to write, rendered before any is written."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from zinkoop_cli.app.calendars import (
    calendar_timeline,
    check_given,
    known_events,
    load_catalog,
    standalone,
)
from zinkoop_cli.app.tracking import Where, tracked_deadlines
from zinkoop_cli.core.contracts import ContractDeadline
from zinkoop_cli.core.lang import Lang
from zinkoop_cli.core.model import Calendar
from zinkoop_cli.core.resolve import Row, merge
from zinkoop_cli.core.selection import Selection, check_condition
from zinkoop_cli.loading.catalog import Catalog

if TYPE_CHECKING:
    from zinkoop_cli.render.ics import Owner, Reminder

Previous = Callable[[Path], "bytes | None"]


class Style(NamedTuple):
    """How the events read: language and reminder; ``tracked`` adds contracts' deadlines;
    ``owner`` says whose the calendar's own events are (``--for``/``--agb``); ``now`` stamps
    new and changed events; ``carry`` False renders every event again (the tests' check
    that carrying events over changes no byte)."""

    lang: Lang
    reminder: Reminder | None
    tracked: bool = False
    owner: Owner | None = None
    now: datetime | None = None
    carry: bool = True


class ExportFile(NamedTuple):
    """One file to write (``path`` None: standard output), its event count and the rows
    left out for want of a date."""

    path: Path | None
    data: bytes
    events: int
    left_out: list[Row]


def file_name(calendar: Calendar) -> str:
    return calendar.id.replace("/", "-") + ".ics"


def export_one(where: Where, care: str, year: int, path: Path | None, today: date,
               given: Mapping[str, date], selection: Selection, style: Style,
               previous: Previous) -> ExportFile:
    """One calendar's file (``path`` None: for standard output, numbered from scratch)."""
    catalog = load_catalog(where.dirs)
    calendar = catalog.find(care, year, selection.insurer)
    check_given(given, known_events(catalog, [calendar]))
    # The entries as merged, not a timeline: resolving 10,000 entries twice costs 0.1 s.
    check_condition(selection, (entry for _, entry in merge(calendar, catalog.parents(calendar))))
    contracts = _open_deadlines(catalog, where, today, selection, style)
    old = None if path is None else previous(path)
    return _file(catalog, calendar, path, today, given, selection, style, contracts, old)


def export_all(where: Where, folder: Path, today: date, given: Mapping[str, date],
               selection: Selection, style: Style, previous: Previous) -> list[ExportFile]:
    """One file per calendar that no other inherits (those are in their children's)."""
    catalog = load_catalog(where.dirs)
    chosen = standalone(catalog, selection.insurer)
    check_given(given, known_events(catalog, chosen))
    check_condition(selection, (entry for calendar in chosen for entry in calendar.entries))
    contracts = _open_deadlines(catalog, where, today, selection, style)
    files: list[ExportFile] = []
    for calendar in chosen:
        path = folder / file_name(calendar)
        files.append(_file(catalog, calendar, path, today, given, selection, style, contracts,
                           previous(path)))
    return files


def _open_deadlines(catalog: Catalog, where: Where, today: date, selection: Selection,
                    style: Style) -> list[ContractDeadline]:
    """The dated deadlines of tracked contracts not yet done, for ``--tracked``."""
    if not style.tracked:
        return []
    found = tracked_deadlines(catalog, where, today, selection)
    return [d for d in found if d.done is None and d.row.date is not None]


def _file(catalog: Catalog, calendar: Calendar, path: Path | None, today: date,
          given: Mapping[str, date], selection: Selection, style: Style,
          contracts: Sequence[ContractDeadline], previous: bytes | None) -> ExportFile:
    from zinkoop_cli.render.ics import exported, plan, write
    from zinkoop_cli.render.ics_carry import stamp_of

    rows = calendar_timeline(catalog, calendar, today, given, selection).rows
    dated, left_out = exported(rows)
    own = [d for d in contracts if d.contract.calendar == calendar.id]
    specs = plan(calendar, dated, style.lang, style.reminder, own, style.owner)
    # Without a clock (tests of this layer), new events are stamped with the data's version.
    now = style.now or datetime.combine(
        stamp_of([calendar, *catalog.parents(calendar)]), datetime.min.time(), tzinfo=UTC)
    data = write(calendar, style.lang, specs, previous, now, style.owner, style.carry)
    return ExportFile(path, data, len(specs), left_out)
