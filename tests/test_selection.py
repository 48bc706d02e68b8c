"""The Selection: one value for --atw, --condition, --unconditional, --upcoming, --insurer."""

from __future__ import annotations

from datetime import date

import pytest

from zinkoop_cli.core.resolve import Row, timeline
from zinkoop_cli.core.selection import Selection, check_condition, keeps, select_rows
from zinkoop_cli.errors import UsageError
from zinkoop_cli.loading.catalog import Catalog

TODAY = date(2026, 10, 29)


@pytest.fixture(scope="module")
def rows() -> list[Row]:
    catalog = Catalog.load(env={})
    msz = catalog.calendars["zorg-en-zekerheid/msz-2027"]
    return timeline(msz, catalog.parents(msz), TODAY)


def test_a_condition_keeps_its_entries_and_the_unconditional_ones(rows: list[Row]) -> None:
    conditions = {r.entry.condition for r in rows if r.entry.condition}
    assert len(conditions) > 1
    chosen = sorted(conditions)[0]
    kept = select_rows(rows, Selection(condition=f" {chosen.upper()} "))
    assert {r.entry.condition for r in kept} == {None, chosen}
    assert all(keeps(Selection(condition=chosen), r.entry) for r in kept)


def test_unconditional_and_upcoming(rows: list[Row]) -> None:
    assert all(r.entry.condition is None
               for r in select_rows(rows, Selection(unconditional=True)))
    upcoming = select_rows(rows, Selection(upcoming=True))
    assert upcoming
    assert all(r.status != "past" for r in upcoming)
    assert len(select_rows(rows, Selection())) == len(rows)


def test_an_unknown_condition_names_the_known_ones(rows: list[Row]) -> None:
    check_condition(Selection(), (r.entry for r in rows))  # no --condition: nothing to check
    with pytest.raises(UsageError, match="no entry has that condition; conditions here: "):
        check_condition(Selection(condition="nergens"), (r.entry for r in rows))
