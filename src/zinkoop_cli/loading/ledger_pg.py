"""The PostgreSQL store of the ledger: one database that a team shares (psycopg 3)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import unquote, urlsplit

from zinkoop_cli.core.contracts import NewContract
from zinkoop_cli.errors import DataError, FileAccessError, UsageError, ZinkoopError
from zinkoop_cli.loading.ledger import BUSY_TIMEOUT_S, SCHEMA_VERSION, Dump, detail
from zinkoop_cli.loading.ledger_pg_schema import LOCK_KEY, SCHEMA, fold, redact
from zinkoop_cli.loading.ledger_rows import HISTORY_COLUMNS
from zinkoop_cli.loading.ledger_store import SqlStore

try:
    import psycopg
except ImportError:  # the optional extra is not installed
    psycopg = None  # type: ignore[assignment]

__all__ = ["PgLedger", "redact"]


class PgLedger(SqlStore[Any]):
    """The contracts in one PostgreSQL database; every method is one transaction on a
    connection of its own (so a server restarted between two commands is no error)."""

    PARAM = "%s"
    DAY = "to_char(day, 'YYYY-MM-DD')"  # whatever the server's DateStyle
    DONE_ON = "to_char(done_on, 'YYYY-MM-DD')"

    def __init__(self, url: str, *, origin: str = "--ledger", read_only: bool = False,
                 actor: str = "unknown") -> None:
        self.url = url
        self.origin = origin
        self.read_only = read_only
        self.actor = actor
        self._where = redact(url)
        try:
            parts = urlsplit(url)
            self._password = unquote(parts.password or "")
            parts.port  # noqa: B018 - raises ValueError on a port that is not a number
        except ValueError as exc:
            raise UsageError(f"{origin}: {self._where}: {exc}; write it as "
                             "postgresql://user@host:port/database") from None
        self._user = unquote(parts.username or "") or "(your OS user)"
        self._database = parts.path.lstrip("/") or "(the user's own)"

    @property
    def where(self) -> str:
        return self._where

    # -- connecting ---------------------------------------------------------------------

    def _clean(self, text: str) -> str:
        line = " ".join(text.split())
        return line.replace(self._password, "***") if self._password else line

    def _error(self, exc: Exception) -> ZinkoopError:
        state = getattr(exc, "sqlstate", None) or ""
        text = self._clean(str(exc)) or type(exc).__name__
        text = text.removeprefix("connection failed: ")
        where = f"ledger {self._where}"
        if not state:  # libpq's own errors at connecting carry no SQLSTATE: read the text
            if "password" in text or "authentication" in text or "role" in text:
                state = "28P01"
            elif "does not exist" in text and "database" in text:
                state = "3D000"
        if state in ("28P01", "28000"):
            return FileAccessError(
                f"{where}: the server refused user {self._user} ({text}); check the password "
                "(in the URL, PGPASSWORD or ~/.pgpass) and the server's pg_hba.conf")
        if state == "3D000":
            return FileAccessError(
                f"{where}: the server has no database {self._database}; create it (see "
                "docs/tracking.md) or correct the URL")
        if state == "42501":
            return FileAccessError(f"{where}: permission denied ({text}); grant the role "
                                   "the rights docs/tracking.md lists")
        if state in ("55P03", "57014"):
            return FileAccessError(f"{where}: busy for over {BUSY_TIMEOUT_S:.0f} s (another "
                                   "zinkoop is writing to it); try again")
        if state.startswith(("08", "57P")) or not state:
            return FileAccessError(
                f"{where}: cannot reach the server ({text}); check that PostgreSQL runs at "
                "the URL's host and port, then run the command again")
        if state.startswith("42"):  # undefined table or column: not our schema
            return DataError(f"{where}: not a zinkoop ledger ({text}); point --ledger at a "
                             "zinkoop ledger or at an empty database")
        return FileAccessError(f"{where}: {text}")

    def _connect(self) -> Any:
        try:
            return psycopg.connect(self.url, connect_timeout=10, application_name="zinkoop")
        except psycopg.ProgrammingError as exc:  # a URL libpq cannot read
            raise UsageError(f"{self.origin}: {self._where}: {self._clean(str(exc))}; write "
                             "it as postgresql://user@host:port/database") from None

    @contextmanager
    def _session(self, *, write: bool) -> Iterator[Any | None]:
        """One transaction, or None when reading a database without a ledger yet."""
        if psycopg is None:
            raise UsageError(f"{self.origin}: a PostgreSQL ledger needs psycopg; install it "
                             "with pip install 'zinkoop[postgres]'")
        try:
            connection = self._connect()
            try:
                if not write:
                    connection.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
                    connection.read_only = True
                with connection.transaction():
                    if write:
                        connection.execute(f"SET LOCAL lock_timeout = "
                                           f"'{int(BUSY_TIMEOUT_S * 1000)}ms'")
                        connection.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_KEY,))
                    if self._ready(connection, create=write):
                        yield connection
                    else:
                        yield None
            finally:
                connection.close()
        except psycopg.Error as exc:
            raise self._error(exc) from None

    def _ready(self, connection: Any, *, create: bool) -> bool:
        """Whether the schema is there (creating it on a write); an error when the
        database holds something else."""
        found = connection.execute("SELECT to_regclass('zinkoop_ledger') IS NOT NULL, "
                                   "(SELECT count(*) FROM pg_tables "
                                   "WHERE schemaname = current_schema())").fetchone()
        if found[0]:
            row = connection.execute("SELECT max(version) FROM zinkoop_ledger").fetchone()
            version = row[0] or 0
            if version > SCHEMA_VERSION:
                raise DataError(f"ledger {self._where}: schema version {version} is newer "
                                f"than this zinkoop knows ({SCHEMA_VERSION}); upgrade zinkoop")
            return True
        if found[1]:
            raise DataError(f"ledger {self._where}: not a zinkoop ledger (the database has "
                            "tables but no zinkoop_ledger); point --ledger at another database")
        if not create:
            return False
        for statement in SCHEMA:
            connection.execute(statement)
        connection.execute("INSERT INTO zinkoop_ledger (version) VALUES (%s)", (SCHEMA_VERSION,))
        return True

    # -- writing ------------------------------------------------------------------------

    def upsert(self, items: Sequence[NewContract],
               progress: Callable[[int], None] | None = None) -> tuple[list[int], int]:
        """As SqliteLedger.upsert: one transaction, in bulk (COPY), for a server across a
        network."""
        with self._session(write=True) as connection:
            ids, actions = self._upsert(connection, items, progress, self.actor)
        return ids, actions.count("added")

    def _upsert(self, connection: Any, items: Sequence[NewContract],
                progress: Callable[[int], None] | None, actor: str | None,
                ) -> tuple[list[int], list[str]]:
        stamp = datetime.now(UTC)
        by_agb: dict[tuple[str, str, int], int] = {}
        by_name: dict[tuple[str, str, int], int] = {}
        for care, year in sorted({(item.care_type, item.year) for item in items}):
            for key, provider, agb in connection.execute(
                    "SELECT id, provider, agb FROM contracts WHERE care_type = %s AND year = %s",
                    (care, year)):
                if agb is None:
                    by_name[(fold(provider), care, year)] = key
                else:
                    by_agb[(agb, care, year)] = key
        # A contract new in this batch gets its number now, so that a later item can
        # update it as SQLite's one-by-one inserts would.
        fresh: dict[int, NewContract] = {}
        changed: dict[int, NewContract] = {}
        ids: list[int] = []
        actions: list[str] = []
        for number, item in enumerate(items, start=1):
            found = by_agb.get((item.agb, item.care_type, item.year)) if item.agb else None
            name_key = (fold(item.provider), item.care_type, item.year)
            if found is None:
                found = by_name.get(name_key)
            if found is None:
                found = -1 - len(fresh)  # a placeholder until the numbers are drawn
                fresh[found] = item
                actions.append("added")
            else:
                (fresh if found in fresh else changed)[found] = item
                actions.append("updated")
            if item.agb:
                by_name.pop(name_key, None)
                by_agb[(item.agb, item.care_type, item.year)] = found
            else:
                by_name[name_key] = found
            ids.append(found)
            if progress is not None and number % 500 == 0:
                progress(number)
        numbers = dict(zip(fresh, self._numbers(connection, len(fresh)), strict=True))
        ids = [numbers.get(key, key) for key in ids]
        fresh = {numbers[key]: item for key, item in fresh.items()}
        with connection.cursor() as cursor:
            with cursor.copy("COPY contracts (id, provider, agb, care_type, year, calendar, "
                             "created, updated) FROM STDIN") as copy:
                for key, item in fresh.items():
                    copy.write_row((key, item.provider, item.agb, item.care_type, item.year,
                                    item.calendar, stamp, stamp))
            if changed:
                cursor.execute("CREATE TEMP TABLE zinkoop_changed (id bigint, provider text, "
                               "agb text, calendar text) ON COMMIT DROP")
                with cursor.copy("COPY zinkoop_changed FROM STDIN") as copy:
                    for key, item in changed.items():
                        copy.write_row((key, item.provider, item.agb, item.calendar))
                cursor.execute("UPDATE contracts c SET provider = z.provider, agb = z.agb, "
                               "calendar = z.calendar, updated = %s FROM zinkoop_changed z "
                               "WHERE c.id = z.id", (stamp,))
                cursor.execute("DELETE FROM events WHERE contract_id = ANY(%s)",
                               (list(changed),))
            with cursor.copy("COPY events (contract_id, name, day) FROM STDIN") as copy:
                for key, item in {**fresh, **changed}.items():
                    for name, day in item.given.items():
                        copy.write_row((key, name, day))
            if actor is not None:
                with cursor.copy(f"COPY history ({HISTORY_COLUMNS}) FROM STDIN") as copy:
                    for key, item, action in zip(ids, items, actions, strict=True):
                        copy.write_row((key, item.provider, item.agb, item.care_type,
                                        item.year, action, detail(item.given), actor, stamp))
        return ids, actions

    def _numbers(self, connection: Any, count: int) -> list[int]:
        """``count`` new contract numbers, ascending, in one query."""
        if not count:
            return []
        return sorted(int(row[0]) for row in connection.execute(
            "SELECT nextval(pg_get_serial_sequence('contracts', 'id')) "
            "FROM generate_series(1, %s)", (count,)))

    def take(self, dump: Dump, *, merge: bool) -> tuple[int, int]:
        """`track migrate`: ``dump``'s contracts, done marks and history, in one
        transaction: how many were added and how many merged into existing ones.

        Into a ledger that never held a contract the numbers are kept; else (``merge``)
        each contract is matched as an import matches it."""
        with self._session(write=True) as connection:
            assert connection is not None
            held, ever = connection.execute(
                "SELECT (SELECT count(*) FROM contracts), (SELECT count(*) FROM history)"
            ).fetchone()
            if held and not merge:
                raise UsageError(f"ledger {self._where} already holds {held} contracts; add "
                                 "--merge to merge the SQLite ledger into them")
            items = [NewContract(c.provider, c.agb, c.care_type, c.year, c.calendar, c.given)
                     for c in dump.contracts]
            if held or ever:
                ids, actions = self._upsert(connection, items, None, None)
            else:
                ids, actions = [c.id for c in dump.contracts], ["added"] * len(items)
                self._copy_contracts(connection, dump)
            number = dict(zip((c.id for c in dump.contracts), ids, strict=True))
            with connection.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO done (contract_id, entry, done_on, done_by) "
                    "VALUES (%s, %s, %s, %s) ON CONFLICT (contract_id, entry) DO NOTHING",
                    [(number[c.id], entry, on, dump.done_by.get((c.id, entry)))
                     for c in dump.contracts for entry, on in c.done.items()])
                with cursor.copy(f"COPY history ({HISTORY_COLUMNS}) FROM STDIN") as copy:
                    for change in dump.history:
                        copy.write_row((number.get(change.contract_id, change.contract_id),
                                        *change[1:]))
        return actions.count("added"), actions.count("updated")

    def _copy_contracts(self, connection: Any, dump: Dump) -> None:
        stamp = datetime.now(UTC)
        with connection.cursor() as cursor:
            with cursor.copy("COPY contracts (id, provider, agb, care_type, year, calendar, "
                             "created, updated) FROM STDIN") as copy:
                for c in dump.contracts:
                    copy.write_row((c.id, c.provider, c.agb, c.care_type, c.year, c.calendar,
                                    stamp, stamp))
            with cursor.copy("COPY events (contract_id, name, day) FROM STDIN") as copy:
                for c in dump.contracts:
                    for name, day in c.given.items():
                        copy.write_row((c.id, name, day))
            if dump.last_id:
                cursor.execute("SELECT setval(pg_get_serial_sequence('contracts', 'id'), %s)",
                               (dump.last_id,))

    # -- the dialect the shared statements (ledger_store) ask for -----------------------

    def _stamp(self) -> datetime:
        return datetime.now(UTC)

    def _day_value(self, day: date) -> date:
        return day

    @staticmethod
    def _stored_day(value: date) -> date:
        return value  # psycopg reads a date column as a date

    def _executemany(self, connection: Any, sql: str,
                     rows: Sequence[Sequence[object]]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(sql, rows)

    def _take_marks(self, connection: Any, contract_id: int,
                    entries: Sequence[str]) -> dict[str, date]:
        marks: dict[str, date] = dict(connection.execute(
            "DELETE FROM done WHERE contract_id = %s AND entry = ANY(%s) "
            "RETURNING entry, done_on", (contract_id, list(entries))).fetchall())
        return marks
