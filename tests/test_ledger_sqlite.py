"""The SQLite store: ids it cannot hold, and ledgers the user may only read."""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import Runner
from zinkoop_cli.core.contracts import NewContract, plan
from zinkoop_cli.errors import FileAccessError
from zinkoop_cli.loading.catalog import Catalog
from zinkoop_cli.loading.ledger import open_ledger
from zinkoop_cli.loading.ledger_sqlite import SqliteLedger

MSZ = "zorg-en-zekerheid/msz-2027"
NOBODY = 65534


def stored(path: Path) -> SqliteLedger:
    store = SqliteLedger(path)
    store.upsert([NewContract("A", None, "msz", 2027, MSZ, {"ontvangst": date(2026, 9, 20)}),
                  NewContract("B", None, "msz", 2027, MSZ, {"ontvangst": date(2026, 9, 1)})])
    return store


def test_an_id_too_big_for_sqlite_is_no_contract(run: Runner, tmp_path: Path) -> None:
    stored(tmp_path / "data" / "zinkoop" / "ledger.db")
    for sub in ("done", "remove"):
        result = run("track", sub, "99999999999999999999999")
        assert result.code == 3
        assert result.err.startswith("zinkoop: ledger ")
        assert "no contract 99999999999999999999999; contracts: 1-2" in result.err


def as_nobody(action: Callable[[], object]) -> int:
    """Run ``action`` in a child that has dropped to user nobody: its exit status (0: done).

    Everything the action needs must be imported before: nobody cannot read /root, where
    Python lives.
    """
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 1
        try:
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            action()
            code = 0
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


@pytest.fixture
def read_only_ledger() -> Iterator[Path]:
    """A ledger file (mode 0444) in a folder (0755) that only root may write."""
    if os.name != "posix" or os.geteuid() != 0:
        pytest.skip("needs root to drop to user nobody")
    folder = Path(tempfile.mkdtemp(prefix="zinkoop-ro-", dir="/tmp"))
    folder.chmod(0o755)
    path = folder / "ledger.db"
    stored(path)
    path.chmod(0o444)
    yield path
    shutil.rmtree(folder)


def test_a_ledger_the_user_may_only_read_can_be_read(read_only_ledger: Path) -> None:
    catalog = Catalog.load(env={})

    def read() -> None:
        contracts = SqliteLedger(read_only_ledger, read_only=True).contracts()
        assert len(plan(contracts, catalog, date(2026, 10, 29))) == 2

    assert not read_only_ledger.with_name("ledger.db-wal").exists()
    assert as_nobody(read) == 0
    # Opened for writing it fails as before: the read-only mode is what makes reading work.
    assert as_nobody(lambda: SqliteLedger(read_only_ledger).contracts()) != 0


def test_a_read_only_ledger_with_its_wal_files_can_be_read(read_only_ledger: Path) -> None:
    holder = sqlite3.connect(read_only_ledger)  # root keeps -wal and -shm in place
    try:
        holder.execute("SELECT count(*) FROM contracts").fetchone()
        assert read_only_ledger.with_name("ledger.db-shm").exists()
        assert as_nobody(lambda: SqliteLedger(read_only_ledger, read_only=True)
                         .contracts()) == 0
    finally:
        holder.close()


def test_a_ledger_the_user_may_not_read_is_an_access_error(read_only_ledger: Path) -> None:
    read_only_ledger.chmod(0o000)

    def read() -> None:
        with pytest.raises(FileAccessError, match="cannot read or write it") as caught:
            open_ledger(str(read_only_ledger), {}, write=False).contracts()
        assert caught.value.exit_code == 4

    assert as_nobody(read) == 0
