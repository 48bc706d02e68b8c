"""A contract's own deadlines: which entries, which dates, which status."""

from __future__ import annotations

from datetime import date

import pytest

from zinkoop_cli.core.contracts import (
    Contract,
    ContractDeadline,
    DeadlinePlanner,
    agb_problem,
    plan,
    to_mark_done,
)
from zinkoop_cli.core.model import Calendar
from zinkoop_cli.errors import DataError
from zinkoop_cli.loading.catalog import Catalog

TODAY = date(2026, 10, 29)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.load(env={})


@pytest.fixture(scope="module")
def msz(catalog: Catalog) -> Calendar:
    return catalog.calendars["zorg-en-zekerheid/msz-2027"]


def deadlines_of(contract: Contract, calendar: Calendar, parents: list[Calendar], today: date,
                 *, atw: bool = False) -> list[ContractDeadline]:
    return DeadlinePlanner(today, atw=atw).deadlines(contract, calendar, parents)


def contract(events: dict[str, date], done: dict[str, date] | None = None,
             number: int = 1) -> Contract:
    return Contract(number, "Ziekenhuis A", None, "msz", 2027, "zorg-en-zekerheid/msz-2027",
                    events, done or {})


def test_receipt_gives_the_signing_deadline_six_weeks_later(
        catalog: Catalog, msz: Calendar) -> None:
    found = deadlines_of(contract({"ontvangst": date(2026, 9, 20)}), msz,
                          catalog.parents(msz), TODAY)
    assert [(d.entry.id, d.date, d.status, d.days_left) for d in found] == [
        ("ondertekening-zorgovereenkomst", date(2026, 11, 1), "upcoming", 3)]
    assert found[0].provider == "Ziekenhuis A"
    assert found[0].calendar == "zorg-en-zekerheid/msz-2027"


def test_general_dates_are_not_a_contracts_own(catalog: Catalog, msz: Calendar) -> None:
    # Without events nothing depends on the contract: offerte's default (1 oktober) is the
    # calendar's general date, the same for every provider.
    assert deadlines_of(contract({}), msz, catalog.parents(msz), TODAY) == []


def test_a_given_offerte_makes_the_reply_the_contracts_own(
        catalog: Catalog, msz: Calendar) -> None:
    found = deadlines_of(contract({"offerte": date(2026, 9, 15)}), msz,
                          catalog.parents(msz), TODAY)
    assert [(d.entry.id, d.date) for d in found] == [("reactie-op-offerte", date(2026, 10, 27))]


def test_past_and_not_done_is_overdue_done_is_done(catalog: Catalog, msz: Calendar) -> None:
    events = {"ontvangst": date(2026, 9, 1)}  # due 13 oktober, before TODAY
    [late] = deadlines_of(contract(events), msz, catalog.parents(msz), TODAY)
    assert (late.status, late.days_left, late.done) == ("overdue", -16, None)
    signed = {"ondertekening-zorgovereenkomst": date(2026, 10, 10)}
    [ok] = deadlines_of(contract(events, signed), msz, catalog.parents(msz), TODAY)
    assert (ok.status, ok.done) == ("done", date(2026, 10, 10))


def test_due_today_is_today(catalog: Catalog, msz: Calendar) -> None:
    [due] = deadlines_of(contract({"ontvangst": date(2026, 9, 17)}), msz,
                          catalog.parents(msz), TODAY)
    assert (due.date, due.status, due.days_left) == (TODAY, "today", 0)


def test_contracts_with_the_same_events_share_their_rows(
        catalog: Catalog, msz: Calendar) -> None:
    planner = DeadlinePlanner(TODAY)
    parents = catalog.parents(msz)
    same = {"ontvangst": date(2026, 9, 20)}
    first = planner.deadlines(contract(dict(same), number=1), msz, parents)
    second = planner.deadlines(contract(dict(same), number=2), msz, parents)
    other = planner.deadlines(contract({"ontvangst": date(2026, 9, 21)}, number=3), msz,
                              parents)
    assert first[0].row is second[0].row
    assert other[0].date == date(2026, 11, 2)
    assert [d.contract_id for d in (*first, *second)] == [1, 2]


def test_atw_moves_a_term_that_ends_on_a_sunday(catalog: Catalog, msz: Calendar) -> None:
    # 1 november 2026 is a Sunday: the Atw gives until Monday 2 november.
    [due] = deadlines_of(contract({"ontvangst": date(2026, 9, 20)}), msz,
                          catalog.parents(msz), TODAY, atw=True)
    assert (due.date, due.row.raw_date, due.row.moved) == (
        date(2026, 11, 2), date(2026, 11, 1), True)


@pytest.mark.parametrize(("code", "problem"), [
    ("06010101", None),
    ("6010101", "AGB code '6010101' is not 8 digits (a spreadsheet may have dropped a "
                "leading zero)"),
    ("0601010A", "AGB code '0601010A' is not 8 digits"),
    ("060101011", "AGB code '060101011' is not 8 digits"),
    # Full-width digits are digits to str.isdigit, but no AGB code.
    ("\uff10\uff16\uff10\uff11\uff10\uff11\uff10\uff11",
     "AGB code '\uff10\uff16\uff10\uff11\uff10\uff11\uff10\uff11' is not 8 digits"),
])
def test_agb_codes_are_eight_digits(code: str, problem: str | None) -> None:
    assert agb_problem(code) == problem


def test_plan_works_out_every_contract_and_names_a_missing_calendar(catalog: Catalog) -> None:
    first = contract({"ontvangst": date(2026, 9, 20)})
    gone = contract({}, number=2)._replace(calendar="weg/msz-2027")
    [item] = plan([first], catalog, TODAY)
    assert item.contract == first
    assert [d.entry.id for d in item.deadlines] == ["ondertekening-zorgovereenkomst"]
    with pytest.raises(DataError, match=r"ledger x.db: contract 2 .* calendar 'weg/msz-2027'"):
        plan([first, gone], catalog, TODAY, where="x.db")


def test_a_term_that_runs_off_the_calendar_is_a_data_error(catalog: Catalog) -> None:
    late = contract({"ontvangst": date(9999, 12, 20)}, number=7)
    with pytest.raises(DataError, match=r"contract 7 \(Ziekenhuis A\): its deadlines fall "
                                        r"outside the calendar \(ontvangst=9999-12-20\)"):
        plan([late], catalog, TODAY)


def test_done_marks_the_one_named_or_every_open_one(catalog: Catalog) -> None:
    given = {"ontvangst": date(2026, 9, 20)}
    [item] = plan([contract(given)], catalog, TODAY)
    assert to_mark_done(item, None) == ["ondertekening-zorgovereenkomst"]
    assert to_mark_done(item, "ondertekening-zorgovereenkomst") == [
        "ondertekening-zorgovereenkomst"]
    with pytest.raises(DataError, match="has no deadline 'x'; its deadlines: ondertekening"):
        to_mark_done(item, "x")
    [signed] = plan([contract(given, {"ondertekening-zorgovereenkomst": TODAY})], catalog,
                    TODAY)
    assert to_mark_done(signed, None) == []
