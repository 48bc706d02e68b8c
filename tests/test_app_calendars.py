"""The calendar use cases (list, deadlines) without the CLI: plain values in, rows out."""

from __future__ import annotations

from datetime import date

import pytest

from zinkoop_cli.app.calendars import deadlines, list_calendars, load_catalog, standalone
from zinkoop_cli.core.selection import Selection
from zinkoop_cli.errors import UnknownCalendarError, UsageError

TODAY = date(2026, 10, 29)


def test_list_orders_by_care_type_and_year() -> None:
    found = list_calendars([])
    assert [(c.care_type, c.year) for c in found] == sorted((c.care_type, c.year)
                                                            for c in found)
    assert "zorg-en-zekerheid/msz-2027" in {c.id for c in found}


def test_deadlines_returns_the_calendar_first_and_its_rows() -> None:
    found = deadlines([], "msz", 2027, TODAY, {"ontvangst": date(2026, 9, 14)}, Selection())
    assert found.calendars[0].id == "zorg-en-zekerheid/msz-2027"
    signing = next(r for r in found.rows if r.key == "ondertekening-zorgovereenkomst")
    assert signing.date == date(2026, 10, 26)


def test_deadlines_selection_is_one_value() -> None:
    everything = deadlines([], "msz", 2027, TODAY, {}, Selection())
    upcoming = deadlines([], "msz", 2027, TODAY, {}, Selection(upcoming=True))
    unconditional = deadlines([], "msz", 2027, TODAY, {}, Selection(unconditional=True))
    assert any(r.status == "past" for r in everything.rows)
    assert all(r.status != "past" for r in upcoming.rows)
    assert all(r.entry.condition is None for r in unconditional.rows)
    assert len(unconditional.rows) < len(everything.rows)


@pytest.mark.parametrize(("given", "selection", "message"), [
    ({"aanbieding": TODAY}, Selection(), "--on aanbieding: this calendar knows no event"),
    ({}, Selection(condition="geen-idee"), "--condition 'geen-idee': no entry has that"),
])
def test_deadlines_refuses_what_the_calendar_does_not_know(
        given: dict[str, date], selection: Selection, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        deadlines([], "msz", 2027, TODAY, given, selection)


def test_standalone_leaves_out_inherited_calendars_and_checks_the_insurer() -> None:
    catalog = load_catalog([])
    found = standalone(catalog, None)
    inherited = {p.id for c in catalog.calendars.values() for p in catalog.parents(c)}
    assert found
    assert not {c.id for c in found} & inherited
    assert all(c.publisher_id == "zorg-en-zekerheid"
               for c in standalone(catalog, "Zorg-en-Zekerheid"))
    with pytest.raises(UnknownCalendarError, match="--insurer can be"):
        standalone(catalog, "niemand")
