"""`zinkoop track ...` and the tracked contracts warn and export add: the ledger's use cases."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import NamedTuple

from zinkoop_cli.app.calendars import check_given, known_events, load_catalog
from zinkoop_cli.core.contracts import (
    Contract,
    ContractDeadline,
    NewContract,
    Tracked,
    agb_problem,
    plan,
    to_mark_done,
)
from zinkoop_cli.core.selection import Selection, select_deadlines
from zinkoop_cli.errors import DataError, UsageError
from zinkoop_cli.loading.catalog import Catalog
from zinkoop_cli.loading.ledger import AlreadyDone, Change, Ledger, open_ledger


class Where(NamedTuple):
    """Which ledger (``--ledger``, else the environment) and which calendars."""

    ledger: str | None
    env: Mapping[str, str]
    dirs: Sequence[Path] = ()
    by: str | None = None  # who makes the changes (--by); default: the OS user


class Marked(NamedTuple):
    """What `track done` did: the contract, the entries it marked (none: nothing open), and
    those someone else marked done while this command ran."""

    contract: Contract
    entries: list[str]
    already: Sequence[AlreadyDone] = ()


def _writing(where: Where) -> Ledger:
    by = " ".join((where.by or "").split())
    if where.by is not None and not by:
        raise UsageError("--by is empty; give the name to record the change under")
    return open_ledger(where.ledger, where.env, write=True, actor=by or None)


def add(where: Where, care: str, year: int, provider: str, agb: str | None,
        given: Mapping[str, date], insurer: str | None) -> int:
    """`track add`: the contract's number (the same contract again is updated)."""
    name = " ".join(provider.split())
    if not name:
        raise UsageError("--provider is empty; give the care provider's name")
    code = agb.strip() if agb is not None else None
    if code is not None and (problem := agb_problem(code)):
        raise UsageError(f"--agb: {problem}")
    catalog = load_catalog(where.dirs)
    calendar = catalog.find(care, year, insurer)
    check_given(given, known_events(catalog, [calendar]))
    contract = NewContract(name, code or None, calendar.care_type, calendar.year, calendar.id,
                           given)
    ids, _ = _writing(where).upsert([contract])
    return ids[0]


def import_contracts(where: Where, file: Path, insurer: str | None,
                     progress: Callable[..., None],
                     total: Callable[[int], None]) -> tuple[int, int]:
    """`track import`: how many contracts were added and how many updated."""
    from zinkoop_cli.loading.contracts_csv import read_contracts

    catalog = load_catalog(where.dirs)
    store = _writing(where)
    items = read_contracts(file, catalog, insurer, progress=progress, total=total)
    progress(0, "storing", total=len(items))
    _, added = store.upsert(items, progress=progress)
    return added, len(items) - added


def list_tracked(where: Where, care: str | None, year: int | None, today: date,
                 atw: bool, statuses: Collection[str] = ()) -> list[Tracked]:
    """`track list`: every contract (of one care type and year) with its own deadlines;
    with ``statuses``, only the deadlines of those statuses and the contracts that have one."""
    catalog = load_catalog(where.dirs)
    care_type = None
    if care is not None and year is not None:
        care_type = catalog.care_types().get(care.strip().lower())
        if care_type is None:
            catalog.find(care, year)  # raises the unknown-care-type error, with a hint
    store = open_ledger(where.ledger, where.env, write=False)
    found = plan(store.contracts(care_type, year), catalog, today, atw=atw, where=store.where)
    if not statuses:
        return found
    kept = [Tracked(item.contract, [d for d in item.deadlines if d.status in statuses])
            for item in found]
    return [item for item in kept if item.deadlines]


def find_contract(store: Ledger, given: int | str) -> Contract:
    """The one contract ``given`` names: its number, its provider's AGB code, or its
    provider's name (whole, or a part of it when no name is that whole; not
    case-sensitive). Several contracts fit: a usage error listing them."""
    from zinkoop_cli.core.contracts import AGB_DIGITS

    if isinstance(given, int):
        return store.contract(given)
    text = " ".join(given.split())
    if not text:
        raise UsageError("CONTRACT is empty; give its number, AGB code or provider name")
    if text.isascii() and text.isdigit() and len(text) != AGB_DIGITS:
        return store.contract(int(text))
    contracts = store.contracts()
    if text.isascii() and text.isdigit():  # 8 digits: an AGB code, else a number
        found = [c for c in contracts if c.agb == text]
        if not found:
            return store.contract(int(text))
    else:
        name = text.casefold()
        found = [c for c in contracts if " ".join(c.provider.split()).casefold() == name]
        found = found or [c for c in contracts if name in c.provider.casefold()]
    if not found:
        from zinkoop_cli.loading.ledger import ranges

        raise DataError(f"ledger {store.where}: no contract whose provider is named or coded "
                        f"{text!r}; contracts: {ranges([c.id for c in contracts]) or 'none'} "
                        "(see 'zinkoop track list')")
    if len(found) > 1:
        shown = "; ".join(f"{c.id}: {c.provider}{f' (AGB {c.agb})' if c.agb else ''}, "
                          f"{c.care_type} {c.year}" for c in found[:20])
        more = f"; and {len(found) - 20} more" if len(found) > 20 else ""
        raise UsageError(f"{text!r} fits {len(found)} contracts ({shown}{more}); give the "
                         "number")
    return store.contract(found[0].id)


def mark_done(where: Where, given: int | str, deadline: str | None, day: date) -> Marked:
    """`track done`: mark the deadline named, else every open one, done on ``day``."""
    store = _writing(where)
    contract = find_contract(store, given)
    contract_id = contract.id
    catalog = load_catalog(where.dirs)
    [item] = plan([contract], catalog, day, where=store.where)
    entries = to_mark_done(item, deadline)
    if not entries:
        return Marked(contract, [])
    # Another person may mark the same entries between reading and writing: the store
    # keeps their mark and says so, instead of overwriting it.
    already = store.mark_done(contract_id, entries, day, contract.done)
    late = {mark.entry for mark in already}
    return Marked(contract, [entry for entry in entries if entry not in late], already)


class Reopened(NamedTuple):
    """What `track reopen` did: the contract, and the entries reopened with the day each
    had been marked done (none: nothing was done)."""

    contract: Contract
    entries: dict[str, date]


def reopen(where: Where, given: int | str, deadline: str | None, today: date) -> Reopened:
    """`track reopen`: undo `track done` for the deadline named, else for every done one."""
    store = _writing(where)
    contract = find_contract(store, given)
    entries = list(contract.done)
    if deadline is not None:
        if deadline not in contract.done:
            catalog = load_catalog(where.dirs)
            [item] = plan([contract], catalog, today, where=store.where)
            to_mark_done(item, deadline)  # raises when it is not one of its deadlines
        entries = [deadline]
    if not entries:
        return Reopened(contract, {})
    return Reopened(contract, store.reopen(contract.id, entries))


def remove(where: Where, given: int | str) -> Contract:
    """`track remove`: the contract that is no longer tracked."""
    store = _writing(where)
    return store.remove(find_contract(store, given).id)


def history(where: Where, contract_id: int | None) -> list[Change]:
    """`track history`: who changed what and when, oldest first."""
    return open_ledger(where.ledger, where.env, write=False).history(contract_id)


class Migrated(NamedTuple):
    """What `track migrate` did."""

    source: str
    target: str
    added: int
    merged: int
    changes: int


def migrate(where: Where, to: str, merge: bool) -> Migrated:
    """`track migrate --to URL`: copy the SQLite ledger into PostgreSQL, all or nothing."""
    from zinkoop_cli.loading.ledger import postgres_url

    if postgres_url(to, {}) is None:
        raise UsageError("--to: give a PostgreSQL URL, postgresql://user@host:port/database")
    if postgres_url(where.ledger, where.env) is not None:
        raise UsageError("the ledger to migrate is already on PostgreSQL; give the SQLite "
                         "file with --ledger PATH")
    source = open_ledger(where.ledger, where.env, write=False)
    from zinkoop_cli.loading.ledger_pg import PgLedger
    from zinkoop_cli.loading.ledger_sqlite import SqliteLedger

    if not isinstance(source, SqliteLedger):
        raise UsageError(f"ledger {source.where} does not exist; give the SQLite file with "
                         "--ledger PATH")
    target = _writing(where._replace(ledger=to))
    assert isinstance(target, PgLedger)
    dump = source.dump()
    added, merged = target.take(dump, merge=merge)
    return Migrated(source.where, target.where, added, merged, len(dump.history))


def tracked_deadlines(catalog: Catalog, where: Where, today: date, selection: Selection,
                      calendars: Collection[str] | None = None) -> list[ContractDeadline]:
    """The own deadlines of the tracked contracts (of ``calendars``), as selected.

    No ledger yet means nothing tracked, and sqlite3 is not even imported then: the daily
    cron run of someone who does not track contracts stays as quick as before.
    """
    store = open_ledger(where.ledger, where.env, write=False)
    found = [deadline for item in plan(store.contracts(), catalog, today, atw=selection.atw,
                                       where=store.where)
             for deadline in item.deadlines
             if calendars is None or deadline.contract.calendar in calendars]
    return select_deadlines(found, selection)
