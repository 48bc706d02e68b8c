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
from zinkoop_cli.errors import UsageError
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
                 atw: bool) -> list[Tracked]:
    """`track list`: every contract (of one care type and year) with its own deadlines."""
    catalog = load_catalog(where.dirs)
    care_type = None
    if care is not None and year is not None:
        care_type = catalog.care_types().get(care.strip().lower())
        if care_type is None:
            catalog.find(care, year)  # raises the unknown-care-type error, with a hint
    store = open_ledger(where.ledger, where.env, write=False)
    return plan(store.contracts(care_type, year), catalog, today, atw=atw, where=store.where)


def mark_done(where: Where, contract_id: int, deadline: str | None, day: date) -> Marked:
    """`track done`: mark the deadline named, else every open one, done on ``day``."""
    store = _writing(where)
    contract = store.contract(contract_id)
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


def remove(where: Where, contract_id: int) -> Contract:
    """`track remove`: the contract that is no longer tracked."""
    return _writing(where).remove(contract_id)


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
