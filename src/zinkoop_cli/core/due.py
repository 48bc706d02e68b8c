"""Which timeline rows fall due soon enough to warn about: the selection behind `warn`."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from datetime import date
from types import MappingProxyType
from typing import NamedTuple

from zinkoop_cli.core.contracts import Contract, ContractDeadline
from zinkoop_cli.core.resolve import Row

# Without --within, --days or warn days anywhere, warn names every deadline this many days
# ahead: what `warn` always did, so nobody's cron changes.
DEFAULT_WITHIN = 14
_NO_DAYS: Mapping[str, tuple[int, ...]] = MappingProxyType({})


class WarnDays(NamedTuple):
    """The user's own warning days (the config file's [warn]), for entries without theirs.

    ``entries`` (by entry id) come before an entry's own ``warn`` days; ``care_types`` and
    ``days`` after them. Nothing at all: every deadline within ``DEFAULT_WITHIN`` days.
    """

    days: tuple[int, ...] | None = None
    care_types: Mapping[str, tuple[int, ...]] = _NO_DAYS
    entries: Mapping[str, tuple[int, ...]] = _NO_DAYS


def days_of(row: Row, own: WarnDays) -> tuple[int, ...] | None:
    """The days before its day that ``row`` warns on, or None: every day through
    ``DEFAULT_WITHIN`` days ahead."""
    entry = row.entry
    chosen = own.entries.get(entry.id)
    if chosen is None:
        chosen = entry.warn_days
    if chosen is None:
        chosen = own.care_types.get(row.calendar.care_type)
    return own.days if chosen is None else chosen


def warn_day(row: Row) -> date | None:
    """The day a row is warned about, or None when it never is.

    A deadline and a target warn on their day; a happening warns on the day it starts
    (the first day of its stretch, period or range) and is never late; a fact never warns.
    """
    kind = row.entry.kind
    if kind == "fact":
        return None
    if kind == "happening":
        return row.first or row.date
    return row.date


def warns(row: Row) -> bool:
    """Whether a row names a day to act by: a dated deadline or target (what the month grid
    of ``calendar`` shows). A happening also warns, on its first day: see ``warn_day``."""
    return row.date is not None and row.entry.kind in ("deadline", "target")


def due_rows(
    rows: Iterable[Row],
    today: date,
    within: int | None = None,
    days: Collection[int] | None = None,
    own: WarnDays | None = None,
) -> list[Row]:
    """The rows to warn about on ``today``, most urgent (nearest) first.

    ``within``: every deadline from today through today + ``within`` days. ``days``: only
    deadlines exactly that many days away, so that a deadline is announced on chosen days
    rather than every day. ``own`` (when neither is given): each row on its own days
    (``days_of``). A deadline due today is always included; a past one never is
    (overdue items are the tracking ledger's to report). Rows due on the same day keep
    their order, which is the policy's table order in a timeline.
    """
    if within is not None and within < 0:
        raise ValueError(f"within must not be negative, not {within}")
    chosen: list[tuple[int, Row]] = []
    for row in rows:
        day = warn_day(row)
        if day is None:
            continue
        left = (day - today).days
        if left < 0:
            continue
        if own is not None and within is None and days is None:
            chosen_days = days_of(row, own)
            if left == 0 or (left <= DEFAULT_WITHIN if chosen_days is None
                             else left in chosen_days):
                chosen.append((left, row))
            continue
        if left == 0 or (days is not None and left in days) or (
                days is None and within is not None and left <= within):
            chosen.append((left, row))
    chosen.sort(key=lambda pair: pair[0])
    return [row for _, row in chosen]


def unique_rows(rows: Iterable[Row]) -> list[Row]:
    """Rows without repeats: an inherited entry reached through two care types counts once.

    The same entry of the same calendar on the same day is one deadline, however many
    calendars inherit it; on different days (a rule anchored on an overridden entry) it is
    two.
    """
    seen: set[tuple[str, str, date | None]] = set()
    unique: list[Row] = []
    for row in rows:
        key = (row.calendar.id, row.key, row.date)
        if key not in seen:
            seen.add(key)
            unique.append(row)
    return unique


class Alert(NamedTuple):
    """One line of ``warn``: a calendar's deadline, or a tracked contract's own one."""

    row: Row
    contract: Contract | None = None
    overdue: bool = False


def alerts(
    rows: Iterable[Row],
    tracked: Iterable[ContractDeadline],
    today: date,
    within: int | None = None,
    days: Collection[int] | None = None,
    own: WarnDays | None = None,
) -> list[Alert]:
    """What ``warn`` reports: overdue contract deadlines first (oldest first), then every
    deadline due in the window, calendars' and contracts' together, nearest first.

    A contract's deadline that passed without being marked done is reported every day,
    whatever ``within``, ``days`` or ``own`` say, until ``track done``: nobody should miss that a
    provider has not signed. Done deadlines never warn.
    """
    overdue: list[ContractDeadline] = []
    pairs: list[tuple[Row, Contract | None]] = [(row, None) for row in rows]
    for deadline in tracked:
        if deadline.status == "overdue":
            overdue.append(deadline)
        elif deadline.status in ("today", "upcoming"):
            pairs.append((deadline.row, deadline.contract))
    overdue.sort(key=lambda d: (d.row.date or today, d.contract.id))
    chosen = [Alert(d.row, d.contract, overdue=True) for d in overdue]
    # Contracts share their rows (one per calendar and set of events): choose rows by
    # identity, then keep every contract paired with a chosen row.
    chosen_rows = due_rows([row for row, _ in pairs], today, within, days, own)
    selected = {id(row) for row in chosen_rows}
    due = [(row, contract) for row, contract in pairs if id(row) in selected]
    due.sort(key=lambda pair: warn_day(pair[0]) or today)  # stable: calendars' rows first
    chosen.extend(Alert(row, contract) for row, contract in due)
    return chosen
