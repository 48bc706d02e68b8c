"""Rows another program wrote into the ledger: named in one line, never a crash."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import Runner
from zinkoop_cli.core.contracts import NewContract
from zinkoop_cli.errors import DataError
from zinkoop_cli.loading.ledger_sqlite import SqliteLedger

MSZ = "zorg-en-zekerheid/msz-2027"


def stored(path: Path) -> SqliteLedger:
    store = SqliteLedger(path)
    store.upsert([NewContract("A", None, "msz", 2027, MSZ, {"ontvangst": date(2026, 9, 20)}),
                  NewContract("B", None, "msz", 2027, MSZ, {"ontvangst": date(2026, 9, 1)})])
    return store


BAD_ROWS = {
    "year as text": ("UPDATE contracts SET year = 'twee' WHERE id = 2", "year 'twee'"),
    "malformed day": ("UPDATE events SET day = '2026-02-31' WHERE contract_id = 2",
                      "events.day '2026-02-31'"),
    "day out of range": ("UPDATE events SET day = '9999-12-31' WHERE contract_id = 2",
                         "events.day '9999-12-31'"),
    "day as a blob": ("UPDATE events SET day = x'3230' WHERE contract_id = 2",
                      "events.day b'20'"),
    "provider as a blob": ("UPDATE contracts SET provider = x'37' WHERE id = 2", "provider b'7'"),
    "done mark as a blob": ("INSERT INTO done (contract_id, entry, done_on) VALUES "
                            "(2, 'ondertekening-zorgovereenkomst', x'00')",
                            "done.done_on b'\\x00'"),
}


@pytest.mark.parametrize("case", sorted(BAD_ROWS))
def test_a_row_written_by_another_program_is_named(tmp_path: Path, case: str) -> None:
    path = tmp_path / "ledger.db"
    stored(path)
    statement, shown = BAD_ROWS[case]
    with sqlite3.connect(path) as raw:
        raw.execute(statement)
    with pytest.raises(DataError) as caught:
        SqliteLedger(path, read_only=True).contracts()
    assert caught.value.exit_code == 3
    assert f"contract 2: {shown}" in str(caught.value)
    assert "\n" not in str(caught.value)
    # The contract can still be removed, which repairs the ledger.
    assert SqliteLedger(path).remove(2).id == 2
    assert [c.provider for c in SqliteLedger(path).contracts()] == ["A"]


@pytest.mark.parametrize("command", [
    ("warn", "--today", "2026-10-29"),
    ("track", "list"),
    ("track", "done", "2"),
    ("export", "--all", "-o", "OUT", "--tracked"),
])
def test_every_command_reports_an_out_of_range_day_in_one_line(
        run: Runner, tmp_path: Path, command: tuple[str, ...]) -> None:
    path = tmp_path / "data" / "zinkoop" / "ledger.db"
    stored(path)
    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE events SET day = '9999-12-31' WHERE contract_id = 2")
    result = run(*(str(tmp_path / "out") if arg == "OUT" else arg for arg in command))
    assert result.code == 3, result.err
    assert result.err.count("\n") == 1
    assert "contract 2: events.day '9999-12-31'" in result.err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
