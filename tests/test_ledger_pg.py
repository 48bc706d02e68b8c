"""The PostgreSQL store against a real server: the same commands print the same as on SQLite.

The server is tests/pg_server.py's (one per session); every test gets a database of its own.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import TODAY, Runner, golden
from tests.pg_server import PASSWORD, PgServer
from zinkoop_cli.core.contracts import Contract, NewContract
from zinkoop_cli.errors import DataError
from zinkoop_cli.loading import ledger as ledger_module
from zinkoop_cli.loading.ledger import Ledger, open_ledger
from zinkoop_cli.loading.ledger_pg import PgLedger

MSZ = "zorg-en-zekerheid/msz-2027"
SIGN = "ondertekening-zorgovereenkomst"
CSV = """\
provider,agb,care_type,year,ontvangst,offerte
Kliniek Oost,,msz,2027,2026-09-14,2026-09-30
Zorggroep West,06020202,msz,2027,,
"""


@pytest.fixture
def pg_url(pg_server: PgServer) -> str:
    """A new empty database on the session's server."""
    return pg_server.url(pg_server.database())


@pytest.fixture(params=["sqlite", "postgresql"])
def ledger_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The --ledger of either store: every test using it runs once on each."""
    if request.param == "sqlite":
        return str(tmp_path / "ledger.db")
    server: PgServer = request.getfixturevalue("pg_server")
    return server.url(server.database())


def shown(url: str) -> str:
    """The ledger as messages name it."""
    return re.sub(r"://([^:@/]+):[^@]*@", r"://\1@", url)


def normal(text: str, url: str, tmp_path: Path) -> str:
    """Output with what differs between runs (where the ledger is, times) replaced."""
    text = text.replace(shown(url), "LEDGER").replace(str(tmp_path), "TMP")
    text = re.sub(r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(Z|\+00:00)", "TIME", text)
    # The export stamps new and changed events with the clock (issue 13).
    return re.sub(r"^(DTSTAMP|LAST-MODIFIED):.*$", r"\1:-", text, flags=re.MULTILINE)


SCENARIO: list[tuple[str, ...]] = [
    ("track", "add", "msz", "2027", "--provider", "Ziekenhuis A", "--agb", "06010101",
     "--on", "ontvangst=2026-09-20", "--by", "alice"),
    ("track", "import", "{csv}", "--by", "bob"),
    ("track", "import", "{csv}", "--by", "bob"),
    ("track", "add", "msz", "2027", "--provider", "kliniek oost", "--on", "ontvangst=2026-09-15",
     "--by", "carol"),
    ("track", "list", "--today", TODAY),
    ("track", "list", "msz", "2027", "--format", "json", "--today", TODAY),
    ("track", "list", "--format", "csv", "--today", TODAY),
    ("warn", "--today", TODAY, "--within", "14"),
    ("export", "msz", "2027", "-o", "{ics}", "--tracked"),
    ("track", "done", "2", "--date", "2026-10-28", "--by", "carol"),
    ("track", "done", "2", "--date", "2026-10-29", "--by", "dave"),
    ("track", "done", "1", SIGN, "--date", "2026-10-30"),
    ("warn", "--today", TODAY, "--within", "14"),
    ("track", "reopen", "06010101", SIGN, "--by", "erin"),
    ("track", "reopen", "Kliniek Oost", "--by", "erin"),
    ("track", "reopen", "kliniek oost"),
    ("track", "done", "o"),
    ("track", "list", "--overdue", "--today", TODAY),
    ("track", "list", "--status", "upcoming", "--status", "done", "--format", "csv",
     "--today", TODAY),
    ("track", "remove", "zorggroep", "--by", "dave"),
    ("track", "add", "msz", "2027", "--provider", "Nieuw", "--by", "alice"),
    ("track", "done", "3"),
    ("track", "done", "2", "x"),
    ("track", "history"),
    ("track", "history", "3", "--format", "json"),
    ("track", "history", "9"),
    ("track", "list", "--today", TODAY),
]


def test_every_command_prints_the_same_on_either_store(run: Runner, tmp_path: Path,
                                                       ledger_url: str,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZINKOOP_LEDGER", ledger_url)
    monkeypatch.setenv("USER", "tester")
    monkeypatch.setenv("LOGNAME", "tester")
    csv_file, ics = tmp_path / "contracten.csv", tmp_path / "msz.ics"
    csv_file.write_text(CSV, encoding="utf-8")
    transcript = []
    for command in SCENARIO:
        args = [arg.format(csv=csv_file, ics=ics) for arg in command]
        result = run(*args)
        transcript.append(f"$ zinkoop {' '.join(command)}\nexit {result.code}\n"
                          f"{result.out}{result.err}")
        if "export" in command:
            transcript.append(ics.read_text(encoding="utf-8").replace("\r\n", "\n"))
        assert PASSWORD not in result.out + result.err
    # One golden file for both stores: the PostgreSQL run is compared with what SQLite
    # printed, line by line.
    golden("track_both_stores.txt", normal("\n".join(transcript), ledger_url, tmp_path))


def test_the_store_keeps_ids_history_and_done_marks(ledger_url: str) -> None:
    store = open_ledger(ledger_url, {}, write=True, actor="alice")
    ids, added = store.upsert([NewContract("A", None, "msz", 2027, MSZ,
                                           {"ontvangst": date(2026, 9, 20)}),
                               NewContract("a", "06010101", "msz", 2027, MSZ, {})])
    assert (ids, added) == ([1, 1], 1)  # the second is the first, given its AGB code
    assert store.mark_done(1, [SIGN], date(2026, 10, 1), {}) == []
    bob = open_ledger(ledger_url, {}, write=True, actor="bob")
    [late] = bob.mark_done(1, [SIGN], date(2026, 10, 2), {})  # bob had read no mark
    assert (late.entry, late.day, late.by) == (SIGN, date(2026, 10, 1), "alice")
    # ... but a mark he did see he may move
    assert bob.mark_done(1, [SIGN], date(2026, 10, 3), {SIGN: date(2026, 10, 1)}) == []
    assert store.contract(1).done == {SIGN: date(2026, 10, 3)}
    assert store.remove(1).provider == "a"
    assert store.upsert([NewContract("B", None, "msz", 2027, MSZ, {})])[0] == [2]
    assert [(c.action, c.by) for c in store.history(1)] == [
        ("added", "alice"), ("updated", "alice"), ("done", "alice"), ("done", "bob"),
        ("removed", "alice")]
    assert [c.contract_id for c in store.history()] == [1, 1, 1, 1, 1, 2]


def test_reopen_takes_the_done_mark_away_and_records_it(ledger_url: str) -> None:
    store = open_ledger(ledger_url, {}, write=True, actor="alice")
    store.upsert([NewContract("A", None, "msz", 2027, MSZ, {"ontvangst": date(2026, 9, 20)})])
    store.mark_done(1, [SIGN], date(2026, 10, 1), {})
    erin = open_ledger(ledger_url, {}, write=True, actor="erin")
    assert erin.reopen(1, [SIGN, "niet-gedaan"]) == {SIGN: date(2026, 10, 1)}
    assert erin.reopen(1, [SIGN]) == {}  # already open: nothing recorded
    assert store.contract(1).done == {}
    assert [(c.action, c.by, c.detail) for c in store.history(1)][-1] == (
        "reopened", "erin", f"{SIGN}=2026-10-01")
    assert [c.action for c in store.history(1)].count("reopened") == 1
    with pytest.raises(DataError, match="no contract 7; contracts: 1"):
        erin.reopen(7, [SIGN])


def test_a_done_mark_made_meanwhile_is_kept_and_reported(
        run: Runner, pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two people mark the same contract done at once: the second sees the first's mark."""
    from zinkoop_cli.app import tracking

    assert run("track", "add", "msz", "2027", "--provider", "A", "--on",
               "ontvangst=2026-09-20", "--ledger", pg_url).code == 0
    real = ledger_module.open_ledger

    def racing(*args: Any, **kwargs: Any) -> Ledger:
        store = real(*args, **kwargs)
        read = store.contract

        def contract(contract_id: int) -> Contract:
            found = read(contract_id)
            PgLedger(pg_url, actor="alice").mark_done(contract_id, [SIGN], date(2026, 10, 27),
                                                      {})
            return found

        store.contract = contract  # type: ignore[method-assign]
        return store

    monkeypatch.setattr(tracking, "open_ledger", racing)
    result = run("track", "done", "1", "--date", "2026-10-28", "--by", "bob",
                 "--ledger", pg_url)
    assert (result.code, result.out) == (
        0, f"contract 1 (A): {SIGN} already done on 2026-10-27 by alice\n")
    assert PgLedger(pg_url).contract(1).done == {SIGN: date(2026, 10, 27)}


def zinkoop(*args: str, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "zinkoop_cli", *args], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_people_marking_one_contract_done_at_once_all_succeed(ledger_url: str,
                                                              tmp_path: Path) -> None:
    env = {**os.environ, "ZINKOOP_LEDGER": ledger_url, "XDG_DATA_HOME": str(tmp_path)}
    assert subprocess.run([sys.executable, "-m", "zinkoop_cli", "track", "add", "msz", "2027",
                           "--provider", "A", "--on", "ontvangst=2026-09-20"], env=env,
                          capture_output=True, check=False).returncode == 0
    people = [zinkoop("track", "done", "1", "--by", f"p{n}", env=env) for n in range(6)]
    said = [(person.wait(), *person.communicate()) for person in people]
    assert all(code == 0 and err == "" for code, _, err in said), said
    outs = [out for _, out, _ in said]
    assert sum(" done on " in out and "already" not in out for out in outs) == 1, outs
    assert all(re.fullmatch(r"contract 1 \(A\): (ondertekening-zorgovereenkomst (already )?"
                            r"done on \d{4}-\d\d-\d\d( by p\d)?|nothing open)\n", out)
               for out in outs), outs
    history = subprocess.run([sys.executable, "-m", "zinkoop_cli", "track", "history", "1",
                              "--format", "json"], env=env, capture_output=True, text=True,
                             check=True).stdout
    assert [c["action"] for c in json.loads(history)["history"]] == ["added", "done"]


def test_twenty_processes_adding_fifty_each_store_all_1000(pg_url: str,
                                                           tmp_path: Path) -> None:
    env = {**os.environ, "ZINKOOP_LEDGER": pg_url}
    files = []
    for n in range(20):
        path = tmp_path / f"c{n}.csv"
        path.write_text("provider,agb,care_type,year,ontvangst\n" + "".join(
            f"P{n}-{k},,msz,2027,2026-09-{1 + k % 28:02d}\n" for k in range(50)),
            encoding="utf-8")
        files.append(path)
    processes = [zinkoop("track", "import", str(path), env=env) for path in files]
    said = [(p.wait(), *p.communicate()) for p in processes]
    assert all(code == 0 and out.endswith(": 50 added, 0 updated\n") for code, out, _ in said)
    contracts = PgLedger(pg_url).contracts()
    assert len(contracts) == 1000
    assert sorted(c.id for c in contracts) == list(range(1, 1001))


def test_an_import_of_10000_rows_takes_under_5_seconds(run: Runner, pg_url: str,
                                                       tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_text("provider,agb,care_type,year,ontvangst\n" + "".join(
        f"Zorgaanbieder {n},{n:08d},msz,2027,2026-09-{1 + n % 30:02d}\n"
        for n in range(1, 10_001)), encoding="utf-8")
    start = time.perf_counter()
    result = run("track", "import", str(path), "--ledger", pg_url)
    took = time.perf_counter() - start
    assert (result.code, result.out) == (0, f"{path}: 10000 added, 0 updated\n")
    assert took < 5, took
    again = run("track", "import", str(path), "--ledger", pg_url)
    assert again.out == f"{path}: 0 added, 10000 updated\n"
    assert len(PgLedger(pg_url).contracts()) == 10_000
