"""The ledger use cases (track add/import/list/done/remove) without the CLI."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from zinkoop_cli.app import tracking
from zinkoop_cli.app.tracking import Where
from zinkoop_cli.core.selection import Selection
from zinkoop_cli.errors import DataError, UsageError
from zinkoop_cli.loading import ledger as ledger_module
from zinkoop_cli.loading.catalog import Catalog
from zinkoop_cli.loading.ledger import Ledger

TODAY = date(2026, 10, 29)


@pytest.fixture
def where(tmp_path: Path) -> Where:
    return Where(str(tmp_path / "ledger.db"), {})


def test_add_list_done_remove(where: Where) -> None:
    first = tracking.add(where, "msz", 2027, " Kliniek  B ", "06010101",
                         {"ontvangst": date(2026, 9, 20)}, None)
    assert tracking.add(where, "msz", 2027, "Kliniek B", "06010101",
                        {"ontvangst": date(2026, 9, 20)}, None) == first
    [item] = tracking.list_tracked(where, None, None, TODAY, atw=False)
    assert item.contract.provider == "Kliniek B"
    assert [(d.entry.id, d.date, d.status) for d in item.deadlines] == [
        ("ondertekening-zorgovereenkomst", date(2026, 11, 1), "upcoming")]
    marked = tracking.mark_done(where, first, None, date(2026, 10, 30))
    assert marked.entries == ["ondertekening-zorgovereenkomst"]
    assert tracking.mark_done(where, first, None, date(2026, 10, 31)).entries == []
    with pytest.raises(DataError, match="has no deadline 'x'; its deadlines: ondertekening"):
        tracking.mark_done(where, first, "x", TODAY)
    assert tracking.remove(where, first).provider == "Kliniek B"
    assert tracking.list_tracked(where, None, None, TODAY, atw=False) == []


def test_add_refuses_an_empty_provider_and_a_bad_agb(where: Where) -> None:
    with pytest.raises(UsageError, match="--provider is empty"):
        tracking.add(where, "msz", 2027, "  ", None, {}, None)
    with pytest.raises(UsageError, match="--agb: AGB code '601' is not 8 digits"):
        tracking.add(where, "msz", 2027, "A", "601", {}, None)
    assert not Path(str(where.ledger)).exists()


def test_tracked_deadlines_follow_the_selection_and_the_calendars(where: Where) -> None:
    tracking.add(where, "msz", 2027, "A", None, {"ontvangst": date(2026, 9, 20)}, None)
    catalog = Catalog.load(env={})
    found = tracking.tracked_deadlines(catalog, where, TODAY, Selection())
    assert [d.provider for d in found] == ["A"]
    assert tracking.tracked_deadlines(catalog, where, TODAY, Selection(),
                                      {"zorg-en-zekerheid/ambulancezorg-2027"}) == []
    assert tracking.tracked_deadlines(catalog, where, TODAY,
                                      Selection(unconditional=True)) == found


def test_commands_that_only_read_open_the_ledger_read_only(
        where: Where, monkeypatch: pytest.MonkeyPatch) -> None:
    tracking.add(where, "msz", 2027, "A", None, {"ontvangst": date(2026, 9, 20)}, None)
    opened: list[bool] = []
    real = ledger_module.open_ledger

    def spy(given: str | None, env: dict[str, str], *, write: bool,
            actor: str | None = None) -> Ledger:
        opened.append(write)
        return real(given, env, write=write, actor=actor)

    monkeypatch.setattr(tracking, "open_ledger", spy)
    tracking.list_tracked(where, None, None, TODAY, atw=False)
    tracking.tracked_deadlines(Catalog.load(env={}), where, TODAY, Selection())
    assert opened == [False, False]
    tracking.mark_done(where, 1, None, TODAY)
    assert opened[-1] is True
