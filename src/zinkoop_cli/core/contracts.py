"""A tracked contract's own deadlines: the entries whose date follows from its events."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Literal, NamedTuple, Protocol

from zinkoop_cli.core import holidays
from zinkoop_cli.core.model import Calendar, Entry, EventDef, Relative
from zinkoop_cli.core.resolve import Resolver, Row, merge, merged_events, sort_rows, status_of
from zinkoop_cli.errors import DataError

ContractStatus = Literal["overdue", "done", "today", "upcoming", "unresolved"]


AGB_DIGITS = 8


def agb_problem(text: str) -> str | None:
    """What is wrong with an AGB code (the Vektis code of a care provider), or None."""
    if len(text) == AGB_DIGITS and text.isascii() and text.isdigit():
        return None
    hint = ""
    if text.isascii() and text.isdigit() and len(text) < AGB_DIGITS:
        # Spreadsheets store AGB codes as numbers and drop the leading zero.
        hint = " (a spreadsheet may have dropped a leading zero)"
    return f"AGB code {text!r} is not {AGB_DIGITS} digits{hint}"


class NewContract(NamedTuple):
    """A contract to add or update, before the ledger gives it an id."""

    provider: str
    agb: str | None
    care_type: str
    year: int
    calendar: str
    given: Mapping[str, date]  # event name -> the day the user gave

    @property
    def events(self) -> Mapping[str, date]:
        """The old name of ``given`` (tests/test_contracts_csv.py reads it)."""
        return self.given


class Contract(NamedTuple):
    """One provider's zorgovereenkomst for a care type and purchase year, as tracked."""

    id: int
    provider: str
    agb: str | None
    care_type: str
    year: int
    calendar: str  # the calendar id, e.g. zorg-en-zekerheid/msz-2027
    given: Mapping[str, date]  # event name -> the day the user gave
    done: Mapping[str, date]  # entry id -> the day it was marked done


class ContractDeadline(NamedTuple):
    """One of a contract's own deadlines, with its status for this contract."""

    contract: Contract
    row: Row  # the timeline row it comes from (entry, owning calendar, Atw, holiday ...)
    status: ContractStatus
    done: date | None

    @property
    def contract_id(self) -> int:
        return self.contract.id

    @property
    def provider(self) -> str:
        return self.contract.provider

    @property
    def agb(self) -> str | None:
        return self.contract.agb

    @property
    def calendar(self) -> str:
        return self.contract.calendar

    @property
    def entry(self) -> Entry:
        return self.row.entry

    @property
    def date(self) -> date | None:
        return self.row.date

    @property
    def days_left(self) -> int | None:
        return self.row.days_left


class Tracked(NamedTuple):
    """A contract with its own deadlines."""

    contract: Contract
    deadlines: list[ContractDeadline]


def depends_on_given(
    entry: Entry, by_id: Mapping[str, Entry], events: Mapping[str, EventDef],
    given: Iterable[str],
) -> bool:
    """Whether ``entry``'s date follows, through its chain of rules, from a given event.

    A relative entry has one anchor, so the dependencies form a chain, not a tree. An
    event that is not given but defaults to an entry (offerte -> eerste-offerte) passes
    the chain on to that entry; a given event ends it.
    """
    wanted = set(given)
    seen: set[str] = set()
    node: str | None = entry.when.anchor if isinstance(entry.when, Relative) else None
    while node is not None and node not in seen:
        if node in wanted:
            return True
        seen.add(node)
        if node in events:
            default = events[node].default
            node = default if isinstance(default, str) else None
        elif node in by_id:
            when = by_id[node].when
            node = when.anchor if isinstance(when, Relative) else None
        else:
            node = None
    return False


class _Prepared(NamedTuple):
    items: list[tuple[Calendar, Entry]]
    by_id: dict[str, Entry]
    events: dict[str, EventDef]


class DeadlinePlanner:
    """Works out contracts' own deadlines, cheaply for thousands of contracts.

    Contracts of one calendar that give the same events share their dates (a purchaser
    sends hundreds of contracts on one day), so the dated rows are kept per calendar and
    set of events; only the status, which depends on the contract's done marks, is per
    contract. Everything is relative to one ``today``.
    """

    def __init__(self, today: date, *, atw: bool = False) -> None:
        self.today = today
        self.atw = atw
        self._prepared: dict[str, _Prepared] = {}
        self._rows: dict[tuple[str, frozenset[tuple[str, date]]], tuple[Row, ...]] = {}

    def _prepare(self, calendar: Calendar, parents: Sequence[Calendar]) -> _Prepared:
        found = self._prepared.get(calendar.id)
        if found is None:
            items = merge(calendar, parents)
            found = _Prepared(items, {entry.id: entry for _, entry in items},
                              merged_events(calendar, parents))
            self._prepared[calendar.id] = found
        return found

    def rows(
        self, calendar: Calendar, parents: Sequence[Calendar], given: Mapping[str, date]
    ) -> tuple[Row, ...]:
        """The timeline rows that depend on ``given``, in date order (shared, do not alter)."""
        key = (calendar.id, frozenset(given.items()))
        cached = self._rows.get(key)
        if cached is not None:
            return cached
        prepared = self._prepare(calendar, parents)
        resolver = Resolver(prepared.items, prepared.events, given, atw=self.atw)
        rows: list[Row] = []
        for owner, entry in prepared.items:
            if not depends_on_given(entry, prepared.by_id, prepared.events, given):
                continue
            due = resolver.due_of(entry.id)
            day = due.date
            rows.append(Row(
                calendar=owner, entry=entry, key=entry.id, date=day, raw_date=due.raw,
                first=None, status=status_of(day, self.today, due.missing),
                days_left=(day - self.today).days if day is not None else None,
                missing=due.missing, moved=due.moved,
                holiday=holidays.holiday_name(day) if day is not None else None,
                weekend=holidays.is_weekend(day) if day is not None else False,
            ))
        result = tuple(sort_rows(rows))
        self._rows[key] = result
        return result

    def deadlines(
        self, contract: Contract, calendar: Calendar, parents: Sequence[Calendar]
    ) -> list[ContractDeadline]:
        """``contract``'s own deadlines: done, overdue (past and not done), or as the row."""
        found: list[ContractDeadline] = []
        try:
            rows = self.rows(calendar, parents, contract.given)
        except (OverflowError, ValueError, DataError):
            # A day near the end of the calendar (9999-12-31) whose term runs past it.
            given = ", ".join(f"{name}={day.isoformat()}"
                              for name, day in sorted(contract.given.items()))
            raise DataError(f"contract {contract.id} ({contract.provider}): its deadlines "
                            f"fall outside the calendar ({given}); give the right day with "
                            f"'zinkoop track add' or 'zinkoop track remove {contract.id}'"
                            ) from None
        for row in rows:
            if row.entry.kind != "deadline":
                continue  # only a deadline can be overdue, so only a deadline is tracked
            done = contract.done.get(row.entry.id)
            found.append(ContractDeadline(contract, row, contract_status(row, done), done))
        return found


def contract_status(row: Row, done: date | None) -> ContractStatus:
    if done is not None:
        return "done"
    if row.status == "past":
        return "overdue"
    if row.status == "today":
        return "today"
    if row.status == "upcoming":
        return "upcoming"
    return "unresolved"



class CalendarSource(Protocol):
    """Where contracts' calendars come from (a loaded catalog)."""

    @property
    def calendars(self) -> Mapping[str, Calendar]: ...

    def parents(self, calendar: Calendar) -> list[Calendar]: ...


def plan(
    contracts: Iterable[Contract], source: CalendarSource, today: date, *, atw: bool = False,
    where: str = "ledger",
) -> list[Tracked]:
    """Every contract with its own deadlines worked out against ``today``."""
    planner = DeadlinePlanner(today, atw=atw)
    parents: dict[str, list[Calendar]] = {}
    found: list[Tracked] = []
    for contract in contracts:
        calendar = source.calendars.get(contract.calendar)
        if calendar is None:
            raise DataError(
                f"ledger {where}: contract {contract.id} ({contract.provider}) is tracked "
                f"against calendar {contract.calendar!r}, which is not on the search path; "
                f"add the calendar back (--calendars) or 'zinkoop track remove {contract.id}'")
        inherited = parents.get(contract.calendar)
        if inherited is None:
            inherited = parents[contract.calendar] = source.parents(calendar)
        try:
            deadlines = planner.deadlines(contract, calendar, inherited)
        except DataError as error:
            raise DataError(f"ledger {where}: {error}") from None
        found.append(Tracked(contract, deadlines))
    return found


def to_mark_done(item: Tracked, deadline: str | None) -> list[str]:
    """The entries ``track done`` marks: the one named, else every open one (maybe none)."""
    own = [d.entry.id for d in item.deadlines]
    if deadline is None:
        return [d.entry.id for d in item.deadlines if d.done is None]
    if deadline not in own:
        contract = item.contract
        raise DataError(f"contract {contract.id} ({contract.provider}) has no deadline "
                        f"{deadline!r}; its deadlines: {', '.join(own) or 'none'}")
    return [deadline]


def provider_key(provider: str, agb: str | None = None) -> str:
    """Who a contract is with, as a key that survives a new ledger: the AGB code, else the
    provider's name folded (case, width, spacing) as the ledger compares names. Never the
    ledger's row number, which another ledger (or a reordered import) gives to another."""
    if agb:
        return f"agb-{agb}"
    import hashlib
    import re
    import unicodedata

    name = " ".join(unicodedata.normalize("NFKC", provider).casefold().split())
    slug = re.sub(r"[^a-z0-9]+", "-", name).strip("-")
    if slug.replace("-", " ") != name:
        # The slug lost something ("A&B" and "A+B", accents): a digest keeps them apart.
        slug = f"{slug}-{hashlib.blake2b(name.encode(), digest_size=4).hexdigest()}".lstrip("-")
    return f"provider-{slug}"


def contract_key(contract: Contract) -> str:
    """The identity of a tracked contract's events: see ``provider_key``."""
    return provider_key(contract.provider, contract.agb)
