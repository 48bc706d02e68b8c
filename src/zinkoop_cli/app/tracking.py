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
from zinkoop_cli.loading.ledger import open_ledger


class Where(NamedTuple):
    """Which ledger (``--ledger``, else the environment) and which calendars."""

    ledger: str | None
    env: Mapping[str, str]
    dirs: Sequence[Path] = ()


class Marked(NamedTuple):
    """What `track done` did: the contract and the entries it marked (none: nothing open)."""

    contract: Contract
    entries: list[str]


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
    ids, _ = open_ledger(where.ledger, where.env, write=True).upsert([contract])
    return ids[0]


def import_contracts(where: Where, file: Path, insurer: str | None,
                     progress: Callable[..., None],
                     total: Callable[[int], None]) -> tuple[int, int]:
    """`track import`: how many contracts were added and how many updated."""
    from zinkoop_cli.loading.contracts_csv import read_contracts

    catalog = load_catalog(where.dirs)
    store = open_ledger(where.ledger, where.env, write=True)
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
    store = open_ledger(where.ledger, where.env, write=True)
    contract = store.contract(contract_id)
    catalog = load_catalog(where.dirs)
    [item] = plan([contract], catalog, day, where=store.where)
    entries = to_mark_done(item, deadline)
    if entries:
        store.mark_done(contract_id, entries, day)
    return Marked(contract, entries)


def remove(where: Where, contract_id: int) -> Contract:
    """`track remove`: the contract that is no longer tracked."""
    return open_ledger(where.ledger, where.env, write=True).remove(contract_id)


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
