"""Schema version 2: a version 1 SQLite ledger upgrades in place; `track migrate` to PostgreSQL."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from tests.conftest import TODAY, Runner
from tests.pg_server import PgServer
from zinkoop_cli.app import tracking
from zinkoop_cli.errors import DataError, FileAccessError
from zinkoop_cli.loading import ledger_sqlite
from zinkoop_cli.loading.ledger import Change, Dump, default_actor
from zinkoop_cli.loading.ledger_pg import PgLedger
from zinkoop_cli.loading.ledger_sqlite import SqliteLedger

SIGN = "ondertekening-zorgovereenkomst"
# The version 1 schema as zinkoop 0.1 wrote it.
VERSION_1 = """
CREATE TABLE contracts (id INTEGER PRIMARY KEY, provider TEXT NOT NULL COLLATE NOCASE,
    agb TEXT, care_type TEXT NOT NULL, year INTEGER NOT NULL, calendar TEXT NOT NULL,
    created TEXT NOT NULL, updated TEXT NOT NULL);
CREATE UNIQUE INDEX contracts_agb ON contracts (agb, care_type, year) WHERE agb IS NOT NULL;
CREATE UNIQUE INDEX contracts_provider ON contracts (provider, care_type, year)
    WHERE agb IS NULL;
CREATE INDEX contracts_care_year ON contracts (care_type, year);
CREATE TABLE events (contract_id INTEGER NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
    name TEXT NOT NULL, day TEXT NOT NULL, PRIMARY KEY (contract_id, name)) WITHOUT ROWID;
CREATE TABLE done (contract_id INTEGER NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
    entry TEXT NOT NULL, done_on TEXT NOT NULL, PRIMARY KEY (contract_id, entry)) WITHOUT ROWID;
INSERT INTO contracts VALUES (1, 'Kliniek Oost', NULL, 'msz', 2027,
    'zorg-en-zekerheid/msz-2027', '2026-09-01T10:00:00+00:00', '2026-09-01T10:00:00+00:00');
INSERT INTO contracts VALUES (2, 'Ziekenhuis A', '06010101', 'msz', 2027,
    'zorg-en-zekerheid/msz-2027', '2026-09-01T10:00:00+00:00', '2026-09-01T10:00:00+00:00');
INSERT INTO events VALUES (1, 'ontvangst', '2026-09-14');
INSERT INTO events VALUES (2, 'ontvangst', '2026-09-20');
INSERT INTO done VALUES (1, 'ondertekening-zorgovereenkomst', '2026-10-20');
PRAGMA user_version = 1;
"""


@pytest.fixture
def version_1(tmp_path: Path) -> Path:
    path = tmp_path / "ledger.db"
    with sqlite3.connect(path) as raw:
        raw.executescript(VERSION_1)
    raw.close()
    return path


def test_a_version_1_ledger_is_read_as_it_stands(version_1: Path) -> None:
    store = SqliteLedger(version_1, read_only=True)
    assert [c.provider for c in store.contracts()] == ["Kliniek Oost", "Ziekenhuis A"]
    assert store.history() == []
    assert sqlite3.connect(version_1).execute("PRAGMA user_version").fetchone()[0] == 1


def test_a_version_1_ledger_upgrades_in_place_on_the_first_write(version_1: Path,
                                                                  run: Runner) -> None:
    before = run("track", "list", "--ledger", str(version_1), "--today", TODAY).out
    assert run("track", "remove", "2", "--ledger", str(version_1), "--by", "ann").code == 0
    raw = sqlite3.connect(version_1)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == 2
    assert raw.execute("PRAGMA foreign_keys").fetchone()[0] == 0  # a new connection's default
    # Nothing cascaded away with the rebuilt contracts table: events and done marks stay.
    assert SqliteLedger(version_1).contract(1).done == {SIGN: date(2026, 10, 20)}
    # Number 2 is never given again.
    added = run("track", "add", "msz", "2027", "--provider", "Nieuw", "--ledger", str(version_1))
    assert added.out == "3\n"
    assert [(c.contract_id, c.action, c.by) for c in SqliteLedger(version_1).history()] == [
        (2, "removed", "ann"), (3, "added", default_actor())]
    assert before.splitlines()[0] == run("track", "list", "--ledger", str(version_1), "--today",
                                         TODAY).out.splitlines()[0]


def test_a_failed_upgrade_leaves_version_1_whole(version_1: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    def half(connection: sqlite3.Connection, where: str) -> None:
        connection.execute("DROP TABLE contracts")
        raise DataError("stopped half-way")

    monkeypatch.setattr(ledger_sqlite, "upgrade_from_1", half)
    with pytest.raises(DataError, match="half-way"):
        SqliteLedger(version_1).remove(2)
    raw = sqlite3.connect(version_1)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == 1
    assert raw.execute("SELECT count(*) FROM contracts").fetchone()[0] == 2
    assert raw.execute("SELECT count(*) FROM events").fetchone()[0] == 2


def test_migrate_copies_everything_keeps_numbers_and_refuses_a_second_time(
        run: Runner, version_1: Path, pg_server: PgServer) -> None:
    sqlite = str(version_1)
    run("track", "remove", "2", "--ledger", sqlite, "--by", "ann")  # number 2 is gone
    run("track", "add", "msz", "2027", "--provider", "Nieuw", "--on", "ontvangst=2026-10-01",
        "--ledger", sqlite, "--by", "bert")
    url = pg_server.url(pg_server.database())
    done = run("track", "migrate", "--to", url, "--ledger", sqlite)
    assert (done.code, done.err) == (0, "")
    assert done.out == (f"{sqlite} -> {url.replace(':s3cret-Wachtwoord', '')}: 2 added, "
                        "0 merged, 2 changes of history\n")
    for args in (("list", "--today", TODAY), ("list", "--format", "json", "--today", TODAY),
                 ("history",)):
        assert run("track", *args, "--ledger", url).out == \
            run("track", *args, "--ledger", sqlite).out
    # The numbers go on where SQLite's ended: 2 and 3 are never given again.
    assert run("track", "add", "msz", "2027", "--provider", "Na", "--ledger", url).out == "4\n"
    again = run("track", "migrate", "--to", url, "--ledger", sqlite)
    assert (again.code, again.out) == (2, "")
    assert "already holds 3 contracts; add --merge" in again.err
    merged = run("track", "migrate", "--to", url, "--ledger", sqlite, "--merge")
    assert merged.out.endswith(": 0 added, 2 merged, 2 changes of history\n"), merged.err
    assert len(PgLedger(url).contracts()) == 3
    assert PgLedger(url).contract(1).done == {SIGN: date(2026, 10, 20)}


def test_migrate_is_all_or_nothing(version_1: Path, pg_server: PgServer,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    url = pg_server.url(pg_server.database())
    real = SqliteLedger.dump

    def broken(self: SqliteLedger) -> Dump:
        dump = real(self)
        # a history line without its author: the server refuses it after the contracts
        bad = Change(1, "Kliniek Oost", None, "msz", 2027, "added", "",
                     None, datetime.now(UTC))  # type: ignore[arg-type]
        return dump._replace(history=[*dump.history, bad])

    monkeypatch.setattr(SqliteLedger, "dump", broken)
    with pytest.raises(FileAccessError, match="by_name"):
        tracking.migrate(tracking.Where(str(version_1), {}), url, merge=False)
    assert PgLedger(url).contracts() == []


@pytest.mark.parametrize(("to", "message"), [
    ("/tmp/ander.db", "--to: give a PostgreSQL URL"),
    ("mysql://x@db/z", "--to: give a PostgreSQL URL"),
])
def test_migrate_wants_a_postgresql_target(run: Runner, version_1: Path, to: str,
                                           message: str) -> None:
    result = run("track", "migrate", "--to", to, "--ledger", str(version_1))
    assert result.code == 2
    assert result.err.startswith(f"zinkoop: {message}")
