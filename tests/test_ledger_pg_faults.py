"""A PostgreSQL ledger's faults against a real server: one line, exit 3 or 4, no password."""

from __future__ import annotations

import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.conftest import Runner
from tests.pg_server import PASSWORD, USER, PgServer, free_port
from zinkoop_cli.loading import ledger_pg
from zinkoop_cli.loading.ledger_pg_schema import LOCK_KEY

ADD = ("track", "add", "msz", "2027", "--provider", "A", "--on", "ontvangst=2026-09-20")
# A command of each kind: one that writes, one that reads, warn (cron), export --tracked.
COMMANDS = [ADD, ("track", "list"), ("warn", "--today", "2026-10-29"),
            ("export", "msz", "2027", "-o", "x.ics", "--tracked"), ("track", "history")]


def one_line(result: object, code: int, *, secret: str = PASSWORD) -> str:
    out, err = result.out, result.err  # type: ignore[attr-defined]
    assert (result.code, out, err.count("\n")) == (code, "", 1), err  # type: ignore[attr-defined]
    assert err.startswith("zinkoop: ledger postgresql://")
    assert secret not in err
    return str(err)


@pytest.mark.parametrize("command", COMMANDS)
def test_a_server_that_is_down_is_exit_4(run: Runner, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch,
                                         command: tuple[str, ...]) -> None:
    monkeypatch.chdir(tmp_path)
    url = f"postgresql://{USER}:{PASSWORD}@127.0.0.1:{free_port()}/zinkoop"
    err = one_line(run(*command, "--ledger", url), 4)
    assert f"ledger postgresql://{USER}@127.0.0.1:" in err
    assert "cannot reach the server" in err
    assert list(tmp_path.iterdir()) == [], "a URL must never become a file or folder"


def test_a_wrong_password_and_an_unknown_database_are_exit_4(run: Runner,
                                                             pg_server: PgServer) -> None:
    wrong = "Verkeerd-Geheim-9"
    for command in COMMANDS[:3]:
        err = one_line(run(*command, "--ledger", pg_server.url("postgres", password=wrong)), 4,
                       secret=wrong)
        assert f"the server refused user {USER}" in err
        assert "PGPASSWORD or ~/.pgpass" in err
        err = one_line(run(*command, "--ledger", pg_server.url("geen_db")), 4)
        assert "the server has no database geen_db" in err


def test_the_password_may_come_from_pgpassword(run: Runner, pg_server: PgServer,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    database = pg_server.database()
    url = f"postgresql://{USER}@127.0.0.1:{pg_server.port}/{database}"
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    assert run(*ADD, "--ledger", url).out == "1\n"
    monkeypatch.delenv("PGPASSWORD")
    err = one_line(run("track", "list", "--ledger", url), 4)
    assert "refused user" in err


def test_a_server_restarted_between_two_commands(run: Runner, pg_server: PgServer) -> None:
    url = pg_server.url(pg_server.database())
    assert run(*ADD, "--ledger", url).out == "1\n"
    pg_server.restart()
    listed = run("track", "list", "--ledger", url, "--today", "2026-10-29")
    assert (listed.code, listed.err) == (0, "")
    assert listed.out.startswith("#1 · A · msz 2027")
    pg_server.stop()
    try:
        err = one_line(run("track", "list", "--ledger", url), 4)
        assert "cannot reach the server" in err
    finally:
        pg_server.start()
    assert run("track", "done", "1", "--ledger", url, "--date", "2026-10-30").code == 0


def test_a_database_that_is_not_a_zinkoop_ledger_is_exit_3(run: Runner,
                                                           pg_server: PgServer) -> None:
    database = pg_server.database()
    pg_server.admin(f"CREATE TABLE klanten (naam text); ALTER TABLE klanten OWNER TO {USER}",
                    database)
    url = pg_server.url(database)
    for command in COMMANDS[:3]:
        err = one_line(run(*command, "--ledger", url), 3)
        assert "not a zinkoop ledger" in err
    pg_server.admin("DROP TABLE klanten; CREATE TABLE zinkoop_ledger (version integer); "
                    f"INSERT INTO zinkoop_ledger VALUES (3); "
                    f"ALTER TABLE zinkoop_ledger OWNER TO {USER}", database)
    err = one_line(run("track", "list", "--ledger", url), 3)
    assert "schema version 3 is newer than this zinkoop knows (2)" in err


@pytest.mark.parametrize("url", ["mysql://inkoop:geheim@db/zinkoop", "sqlite:///tmp/l.db",
                                 "https://inkoop:geheim@example.nl/ledger"])
def test_a_url_of_another_scheme_is_exit_2(run: Runner, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    monkeypatch.chdir(tmp_path)
    for command in COMMANDS[:3]:
        result = run(*command, "--ledger", url)
        assert (result.code, result.err.count("\n")) == (2, 1), result.err
        assert "is not a kind of ledger zinkoop knows" in result.err
        assert "geheim" not in result.err
    assert list(tmp_path.iterdir()) == []


def test_a_url_libpq_cannot_read_is_exit_2(run: Runner) -> None:
    result = run("track", "list", "--ledger", "postgresql://inkoop:geheim@db:poort/zinkoop")
    assert (result.code, result.err.count("\n")) == (2, 1), result.err
    assert "geheim" not in result.err


def test_without_psycopg_the_url_says_what_to_install(run: Runner,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ledger_pg, "psycopg", None)
    result = run("track", "list", "--ledger", "postgresql://inkoop:geheim@db/zinkoop")
    assert (result.code, result.err) == (
        2, "zinkoop: --ledger: a PostgreSQL ledger needs psycopg; install it with pip "
           "install 'zinkoop[postgres]'\n")


def test_psycopg_is_imported_only_for_a_postgresql_url(tmp_path: Path) -> None:
    code = ("import sys; from zinkoop_cli.cli.app import main\n"
            "try: main(['warn', '--today', '2026-10-29', '--ledger', sys.argv[1]])\n"
            "except SystemExit: pass\n"
            "print('psycopg' in sys.modules)")
    found = subprocess.run([sys.executable, "-c", code, str(tmp_path / "l.db")],
                           capture_output=True, text=True, check=False)
    assert found.stdout.strip().endswith("False"), found


def test_the_least_privilege_roles_of_tracking_md_suffice(run: Runner, pg_server: PgServer,
                                                          tmp_path: Path) -> None:
    """The SQL docs/tracking.md gives the administrator, run as given (names made unique)."""
    text = (Path(__file__).parents[1] / "docs" / "tracking.md").read_text(encoding="utf-8")
    owner_sql, reader_sql = re.findall(r"```sql\n(.*?)```", text, flags=re.DOTALL)
    tag = uuid.uuid4().hex[:8]
    names = {"zinkoop": f"z_{tag}", "inkoop_lezen": f"r_{tag}", "inkoop": f"o_{tag}"}

    def named(sql: str) -> str:
        return re.sub(r"\b(zinkoop|inkoop_lezen|inkoop)\b", lambda m: names[m.group(1)], sql)

    for statement in named(owner_sql).split(";"):
        if statement.strip():
            pg_server.admin(statement)
    owner = pg_server.url(names["zinkoop"], user=names["inkoop"],
                          password="choose-a-long-password")
    reader = pg_server.url(names["zinkoop"], user=names["inkoop_lezen"],
                           password="another-long-password")
    source = tmp_path / "c.csv"
    source.write_text("provider,agb,care_type,year,ontvangst\nA,,msz,2027,2026-09-20\n",
                      encoding="utf-8")
    for args in (("import", str(source)), ("import", str(source)), ("done", "1"),
                 ("history",)):
        result = run("track", *args, "--ledger", owner)
        assert (result.code, result.err) == (0, ""), args
    grants = [line for line in named(reader_sql).splitlines() if not line.startswith("\\c")]
    for statement in "\n".join(grants).split(";"):
        if statement.strip():
            pg_server.admin(statement, names["zinkoop"] if "SCHEMA" in statement
                            else "postgres")
    assert run("track", "list", "--ledger", reader).code == 0
    assert run("warn", "--today", "2026-10-29", "--ledger", reader).code in (0, 1)
    err = one_line(run(*ADD, "--ledger", reader), 4, secret="another-long-password")
    assert "permission denied" in err


def test_a_server_restarted_during_a_command_is_exit_4(run: Runner, pg_server: PgServer,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    url = pg_server.url(pg_server.database())
    assert run(*ADD, "--ledger", url).out == "1\n"
    real = ledger_pg.PgLedger._ready

    def restarting(self: ledger_pg.PgLedger, connection: object, *, create: bool) -> bool:
        pg_server.restart()  # this command's connection is cut
        return real(self, connection, create=create)

    monkeypatch.setattr(ledger_pg.PgLedger, "_ready", restarting)
    err = one_line(run("track", "list", "--ledger", url), 4)
    assert "cannot reach the server" in err
    monkeypatch.undo()
    assert run("track", "list", "--ledger", url, "--today", "2026-10-29").code == 0


def test_a_writer_held_up_too_long_is_exit_4_and_readers_never_wait(
        run: Runner, pg_server: PgServer, monkeypatch: pytest.MonkeyPatch) -> None:
    import psycopg

    url = pg_server.url(pg_server.database())
    assert run(*ADD, "--ledger", url).out == "1\n"
    monkeypatch.setattr(ledger_pg, "BUSY_TIMEOUT_S", 0.2)
    with psycopg.connect(url) as holder:  # another zinkoop in the middle of a long write
        holder.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_KEY,))
        err = one_line(run("track", "done", "1", "--ledger", url), 4)
        assert "busy for over" in err
        listed = run("track", "list", "--ledger", url, "--today", "2026-10-29")
        assert (listed.code, listed.out.startswith("#1 · A")) == (0, True)
    assert run("track", "done", "1", "--ledger", url).code == 0
