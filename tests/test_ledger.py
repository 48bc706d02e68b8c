"""The SQLite ledger: where it lives, upserts, bad files, locking."""

from __future__ import annotations

import os
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import TODAY, Runner
from tests.pg_server import PgServer
from zinkoop_cli.core.contracts import NewContract, plan
from zinkoop_cli.errors import DataError, FileAccessError
from zinkoop_cli.loading import ledger_sqlite as ledger_module
from zinkoop_cli.loading.catalog import Catalog
from zinkoop_cli.loading.ledger import EmptyLedger, Ledger, open_ledger
from zinkoop_cli.loading.ledger_pg import PgLedger
from zinkoop_cli.loading.ledger_sqlite import SCHEMA_VERSION, SqliteLedger
from zinkoop_cli.loading.paths import ledger_location


def ledger_path(given: str | None, env: dict[str, str]) -> Path:
    return ledger_location(given, env)[1]

MSZ = "zorg-en-zekerheid/msz-2027"


def new(provider: str = "Ziekenhuis A", agb: str | None = None,
        **events: date) -> NewContract:
    return NewContract(provider, agb, "msz", 2027, MSZ, events)


@pytest.fixture
def store(tmp_path: Path) -> SqliteLedger:
    return SqliteLedger(tmp_path / "sub" / "ledger.db")


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Ledger:
    """Either store: a test using it shows both behave the same."""
    if request.param == "sqlite":
        return SqliteLedger(tmp_path / "sub" / "ledger.db")
    server: PgServer = request.getfixturevalue("pg_server")
    return PgLedger(server.url(server.database()))


def test_path_from_option_then_env_then_xdg_then_home(tmp_path: Path) -> None:
    env = {"HOME": "/home/inkoper"}
    assert ledger_path(None, env) == Path("/home/inkoper/.local/share/zinkoop/ledger.db")
    env["XDG_DATA_HOME"] = "/data"
    assert ledger_path(None, env) == Path("/data/zinkoop/ledger.db")
    env["ZINKOOP_LEDGER"] = "/srv/l.db"
    assert ledger_path(None, env) == Path("/srv/l.db")
    assert ledger_path(str(tmp_path / "x.db"), env) == tmp_path / "x.db"


def test_created_on_first_write_with_its_folder_in_wal_mode(store: SqliteLedger) -> None:
    assert store.contracts() == []
    assert not store.path.exists(), "reading must not create the ledger"
    ids, added = store.upsert([new(ontvangst=date(2026, 9, 20))])
    assert (ids, added) == ([1], 1)
    with sqlite3.connect(store.path) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_the_same_contract_again_is_updated_and_keeps_its_done_marks(any_store: Ledger) -> None:
    [first], _ = any_store.upsert([new(agb="06010101", ontvangst=date(2026, 9, 20),
                                   offerte=date(2026, 9, 1))])
    any_store.mark_done(first, ["ondertekening-zorgovereenkomst"], date(2026, 10, 1), {})
    ids, added = any_store.upsert([new("Ziekenhuis A (locatie Oost)", "06010101",
                                   ontvangst=date(2026, 9, 21))])
    assert (ids, added) == ([first], 0)
    [contract] = any_store.contracts()
    assert contract.provider == "Ziekenhuis A (locatie Oost)"
    assert dict(contract.given) == {"ontvangst": date(2026, 9, 21)}
    assert dict(contract.done) == {"ondertekening-zorgovereenkomst": date(2026, 10, 1)}


def test_without_agb_the_provider_matches_ignoring_case(any_store: Ledger) -> None:
    [first], _ = any_store.upsert([new("Kliniek B")])
    assert any_store.upsert([new("kliniek b")]) == ([first], 0)
    # The AGB code given later belongs to the same contract.
    assert any_store.upsert([new("Kliniek B", "06020202")]) == ([first], 0)
    assert any_store.contracts()[0].agb == "06020202"
    # Another year is another contract.
    other = NewContract("Kliniek B", "06020202", "msz", 2028, "x/msz-2028", {})
    assert any_store.upsert([other])[1] == 1


def test_remove_takes_events_and_done_marks_along(store: SqliteLedger) -> None:
    [first, second], _ = store.upsert([new("A", ontvangst=date(2026, 9, 20)),
                                       new("B", ontvangst=date(2026, 9, 21))])
    store.mark_done(first, ["ondertekening-zorgovereenkomst"], date(2026, 10, 1), {})
    assert store.remove(first).provider == "A"
    with sqlite3.connect(store.path) as raw:
        assert raw.execute("SELECT count(*) FROM events").fetchone()[0] == 1
        assert raw.execute("SELECT count(*) FROM done").fetchone()[0] == 0
    with pytest.raises(DataError, match=f"no contract {first}; contracts: {second} "):
        store.remove(first)


def test_unknown_ids_are_listed_as_ranges(any_store: Ledger) -> None:
    any_store.upsert([new(f"P{n}") for n in range(5)])
    any_store.remove(3)
    with pytest.raises(DataError, match=r"no contract 9; contracts: 1-2, 4-5 "):
        any_store.contract(9)


def test_contract_deadlines_for_warn_and_export(any_store: Ledger) -> None:
    any_store.upsert([new("A", ontvangst=date(2026, 9, 20)), new("B"),
                  new("C", ontvangst=date(2026, 9, 1))])
    catalog = Catalog.load(env={})
    found = [d for item in plan(any_store.contracts(), catalog, date(2026, 10, 29))
             for d in item.deadlines]
    assert [(d.provider, d.entry.id, d.date, d.status) for d in found] == [
        ("A", "ondertekening-zorgovereenkomst", date(2026, 11, 1), "upcoming"),
        ("C", "ondertekening-zorgovereenkomst", date(2026, 10, 13), "overdue"),
    ]
    assert plan(any_store.contracts("ambulancezorg", 2027), catalog, date(2026, 10, 29)) == []


def test_a_contract_whose_calendar_is_gone_is_a_data_error(any_store: Ledger) -> None:
    any_store.upsert([NewContract("A", None, "msz", 2027, "weg/msz-2027", {})])
    with pytest.raises(DataError, match="calendar 'weg/msz-2027', which is not on the search"):
        plan(any_store.contracts(), Catalog.load(env={}), date(2026, 10, 29))


def test_a_file_that_is_not_sqlite_is_a_data_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("dit is geen database\n" * 100, encoding="utf-8")
    with pytest.raises(DataError, match="not a zinkoop ledger") as caught:
        SqliteLedger(path).upsert([new()])
    assert caught.value.exit_code == 3
    with pytest.raises(DataError, match="not a zinkoop ledger"):
        SqliteLedger(path).contracts()
    assert path.read_text(encoding="utf-8").startswith("dit is geen database")


def test_another_programs_database_is_a_data_error(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE t (x)")
    for action in (lambda: SqliteLedger(path).contracts(),
                   lambda: SqliteLedger(path).upsert([new()])):
        with pytest.raises(DataError, match="has tables but no zinkoop schema version"):
            action()


def test_a_newer_schema_is_a_data_error(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    with sqlite3.connect(path) as raw:
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(DataError, match="newer than this zinkoop knows"):
        SqliteLedger(path).contracts()


def test_a_folder_or_an_impossible_path_is_an_access_error(tmp_path: Path) -> None:
    with pytest.raises(FileAccessError, match="is a folder") as caught:
        SqliteLedger(tmp_path).contracts()
    assert caught.value.exit_code == 4
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(FileAccessError, match="cannot create its folder"):
        SqliteLedger(blocker / "ledger.db").upsert([new()])


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="root writes to read-only files")
def test_a_read_only_ledger_is_an_access_error(store: SqliteLedger) -> None:
    store.upsert([new()])
    store.path.chmod(0o444)
    try:
        with pytest.raises(FileAccessError, match="cannot read or write"):
            store.upsert([new("B")])
    finally:
        store.path.chmod(0o644)


def test_a_ledger_locked_too_long_is_an_access_error(
        store: SqliteLedger, monkeypatch: pytest.MonkeyPatch) -> None:
    store.upsert([new()])
    monkeypatch.setattr(ledger_module, "BUSY_TIMEOUT_S", 0.05)
    holder = sqlite3.connect(store.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(FileAccessError, match="busy for over") as caught:
            store.upsert([new("B")])
        assert caught.value.exit_code == 4
        # Readers are not blocked by a writer in WAL mode.
        assert [c.provider for c in store.contracts()] == ["Ziekenhuis A"]
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert store.upsert([new("B")])[1] == 1


def test_a_failed_upsert_stores_nothing(any_store: Ledger) -> None:
    any_store.upsert([new("A")])
    bad = NewContract("B", None, "msz", 2027, MSZ, {"ontvangst": "geen datum"})  # type: ignore[dict-item]
    with pytest.raises((AttributeError, FileAccessError)):  # PostgreSQL: the server refuses
        any_store.upsert([new("C"), bad])
    assert [c.provider for c in any_store.contracts()] == ["A"]


def test_an_empty_file_is_an_empty_ledger(tmp_path: Path) -> None:
    path = tmp_path / "touched.db"
    path.touch()
    assert SqliteLedger(path).contracts() == []
    assert SqliteLedger(path).upsert([new()]) == ([1], 1)


def test_a_url_of_another_scheme_is_refused(run: Runner, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("track", "add", "msz", "2027", "--provider", "A", "--ledger",
                 "http://example.nl/ledger")
    assert result.code == 2
    assert "http:// is not a kind of ledger zinkoop knows" in result.err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", [("warn",), ("track", "list"),
                                     ("track", "add", "msz", "2027", "--provider", "A")])
def test_an_unusable_data_folder_is_one_line_exit_4(
        run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        command: tuple[str, ...]) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    long_name = str(tmp_path / ("x" * 300) / "ledger.db")
    for variable, value in (("XDG_DATA_HOME", str(blocker)), ("ZINKOOP_LEDGER", long_name),
                            ("ZINKOOP_LEDGER", "~nosuchuser-zinkoop/ledger.db"),
                            ("ZINKOOP_LEDGER", str(blocker / "ledger.db"))):
        monkeypatch.setenv(variable, value)
        result = run(*command, "--today", TODAY) if command == ("warn",) else run(*command)
        assert (result.code, result.err.count("\n")) == (4, 1), (variable, value, result.err)
        assert result.err.startswith("zinkoop: ")
        monkeypatch.delenv(variable)


def test_open_ledger_reads_a_missing_ledger_without_sqlite(tmp_path: Path) -> None:
    store = open_ledger(str(tmp_path / "none.db"), {}, write=False)
    assert isinstance(store, EmptyLedger)
    assert store.contracts() == []
    with pytest.raises(DataError, match="no contract 3; contracts: none"):
        store.contract(3)
    assert not (tmp_path / "none.db").exists()
    assert isinstance(open_ledger(str(tmp_path / "none.db"), {}, write=True), SqliteLedger)
