"""Scale of `zinkoop track`: importing 10,000 contracts, and reading them back.

Generates a CSV of 10,000 contracts in a temporary folder and, in one run:
- times `zinkoop track import` of it (whole process; goal: under 5 s);
- times the ledger's load and deadline computation for all of them in-process (what
  `warn` and `export` will pay on top of their own work; budget: 150 ms, so that warn over
  10,000 contracts stays within 2.5x warn over none);
- times `zinkoop track list --format json` over them against over an empty ledger,
  alternately, and prints the ratio of the medians;
- times `zinkoop warn --within 14` the same way (over the 10,000: thousands of overdue and
  due deadlines to print; over none: the calendars' own); goal: at most 2.5x.

Then the same against PostgreSQL, on a throwaway server started from Debian's postgresql
package (tests/pg_server.py; skipped with the reason when psycopg or the server binaries
are missing): 20 processes each importing 50 contracts at once (goal: 1,000 rows, no
errors), the import of 10,000 rows (under 5 s), and warn over 10,000 contracts against warn
over an empty PostgreSQL ledger (at most 2.5x).

    python benchmarks/tracking.py [--contracts 10000] [--runs 7] [--no-postgres]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

IMPORT_GOAL_S = 5.0
LOAD_BUDGET_S = 0.150
WARN_GOAL = 2.5
TODAY = "2026-10-29"


def zinkoop() -> list[str]:
    script = Path(sys.executable).with_name("zinkoop")
    found = str(script) if script.exists() else shutil.which("zinkoop")
    return [found] if found else [sys.executable, "-m", "zinkoop_cli"]


def generate(path: Path, count: int) -> None:
    """Contracts as a purchaser has them: most msz, some ambulance, receipts on 60 days."""
    lines = ["provider,agb,care_type,year,ontvangst,offerte,aanbieding\n"]
    for n in range(1, count + 1):
        day = f"2026-{9 + n % 2:02d}-{1 + n % 30:02d}"
        if n % 10 == 0:
            lines.append(f"Ambulancedienst {n},{n:08d},ambulancezorg,2027,,,{day}\n")
        elif n % 7 == 0:
            lines.append(f"Zorgaanbieder {n},,msz,2027,{day},2026-09-{1 + n % 28:02d},\n")
        else:
            lines.append(f"Zorgaanbieder {n},{n:08d},msz,2027,{day},,\n")
    path.write_text("".join(lines), encoding="utf-8")


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
                   env=env)
    return time.perf_counter() - start


def compare(label: str, command: list[str], full: dict[str, str], empty: dict[str, str],
            runs: int) -> float:
    """Median over ``runs`` alternate runs against the full and the empty ledger."""
    timed(command, full)
    timed(command, empty)  # warm the file cache and .pyc files
    with_contracts, without = [], []
    for _ in range(runs):
        with_contracts.append(timed(command, full))
        without.append(timed(command, empty))
    full_median, empty_median = statistics.median(with_contracts), statistics.median(without)
    ratio = full_median / empty_median
    print(f"{label}: {full_median * 1000:.0f} ms over the contracts, "
          f"{empty_median * 1000:.0f} ms over none; ratio {ratio:.2f}")
    return ratio


def warn_command() -> list[str]:
    return [*zinkoop(), "warn", "--today", TODAY, "--within", "14"]


def load_and_compute(ledger: Path) -> tuple[float, int]:
    """In-process: read every contract and work out its deadlines, as warn will."""
    from zinkoop_cli.core.contracts import plan
    from zinkoop_cli.loading.catalog import Catalog
    from zinkoop_cli.loading.ledger_sqlite import SqliteLedger

    catalog = Catalog.load(env={})
    best, found = float("inf"), 0
    for _ in range(5):
        start = time.perf_counter()
        tracked = plan(SqliteLedger(ledger, read_only=True).contracts(), catalog,
                       date.fromisoformat(TODAY))
        found = sum(len(item.deadlines) for item in tracked)
        best = min(best, time.perf_counter() - start)
    return best, found


def concurrent_imports(base: Path, env: dict[str, str], processes: int = 20,
                       each: int = 50) -> tuple[int, int, float]:
    """``processes`` imports of ``each`` new contracts started at once: how many failed,
    how many contracts the ledger then holds, and the seconds it took."""
    files = []
    for n in range(processes):
        path = base / f"team-{n}.csv"
        path.write_text("provider,agb,care_type,year,ontvangst\n" + "".join(
            f"Team {n} aanbieder {k},,msz,2027,2026-09-{1 + k % 28:02d}\n"
            for k in range(each)), encoding="utf-8")
        files.append(path)
    start = time.perf_counter()
    running = [subprocess.Popen([*zinkoop(), "track", "import", str(path)], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
               for path in files]
    failed = sum(process.wait() != 0 for process in running)
    took = time.perf_counter() - start
    for process in running:
        assert process.stderr is not None
        process.stderr.close()
    listed = subprocess.run([*zinkoop(), "track", "list", "--format", "csv"], env=env,
                            capture_output=True, text=True, check=False).stdout
    return failed, len(listed.splitlines()) - 1, took


def postgres(base: Path, csv_file: Path, header: Path, runs: int, count: int) -> bool:
    """The PostgreSQL figures; True when they meet their goals (or cannot be measured)."""
    sys.path.insert(0, str(Path(__file__).parents[1]))
    from tests.pg_server import PgServer, why_not

    reason = why_not()
    if reason is not None:
        print(f"PostgreSQL: skipped: {reason}")
        return True
    server = PgServer()
    ok = True
    try:
        env = {**os.environ, "ZINKOOP_LEDGER": server.url(server.database()), "NO_COLOR": "1"}
        team = {**env, "ZINKOOP_LEDGER": server.url(server.database())}
        empty = {**env, "ZINKOOP_LEDGER": server.url(server.database())}
        subprocess.run([*zinkoop(), "track", "import", str(header)], env=empty,
                       capture_output=True, check=True)
        failed, rows, took = concurrent_imports(base, team)
        print(f"PostgreSQL: 20 processes each adding 50 contracts at once: {rows} rows, "
              f"{failed} errors, {took:.2f} s (goal: 1000 rows, no errors)")
        ok &= failed == 0 and rows == 1000
        start = time.perf_counter()
        done = subprocess.run([*zinkoop(), "track", "import", str(csv_file)], env=env,
                              capture_output=True, text=True, check=False)
        took = time.perf_counter() - start
        print(f"PostgreSQL: zinkoop track import ({count} rows): {took:.2f} s "
              f"(goal < {IMPORT_GOAL_S:.0f} s): {done.stdout.strip() or done.stderr.strip()}")
        ok &= done.returncode == 0 and took < IMPORT_GOAL_S
        lines = subprocess.run(warn_command(), env=env, capture_output=True, text=True,
                               check=False).stdout.count("\n")
        ratio = compare(f"PostgreSQL: zinkoop warn ({lines} lines)", warn_command(), env,
                        empty, runs)
        print(f"PostgreSQL warn goal: <= {WARN_GOAL}")
        ok &= ratio <= WARN_GOAL
    finally:
        server.close()
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--contracts", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-postgres", action="store_true",
                        help="only the SQLite figures")
    args = parser.parse_args()
    ok = True
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        csv_file, ledger, empty_ledger = base / "contracts.csv", base / "l.db", base / "e.db"
        generate(csv_file, args.contracts)
        env = {**os.environ, "ZINKOOP_LEDGER": str(ledger), "NO_COLOR": "1"}
        empty = {**env, "ZINKOOP_LEDGER": str(empty_ledger)}
        header = base / "header.csv"
        header.write_text("provider,agb,care_type,year,ontvangst\n", encoding="utf-8")
        # The baseline is an empty ledger that exists (warn opens it), not a missing one.
        subprocess.run([*zinkoop(), "track", "import", str(header)], env=empty,
                       capture_output=True, check=True)
        start = time.perf_counter()
        done = subprocess.run([*zinkoop(), "track", "import", str(csv_file)], env=env,
                              capture_output=True, text=True, check=False)
        took = time.perf_counter() - start
        print(f"zinkoop track import ({args.contracts} rows): {took:.2f} s "
              f"(goal < {IMPORT_GOAL_S:.0f} s): {done.stdout.strip() or done.stderr.strip()}")
        ok &= done.returncode == 0 and took < IMPORT_GOAL_S
        start = time.perf_counter()
        again = subprocess.run([*zinkoop(), "track", "import", str(csv_file)], env=env,
                               capture_output=True, text=True, check=False)
        print(f"re-import (all updates): {time.perf_counter() - start:.2f} s: "
              f"{again.stdout.strip() or again.stderr.strip()}")
        seconds, deadlines = load_and_compute(ledger)
        print(f"load + compute {deadlines} contract deadlines in-process: "
              f"{seconds * 1000:.0f} ms (budget {LOAD_BUDGET_S * 1000:.0f} ms)")
        ok &= seconds <= LOAD_BUDGET_S
        compare("zinkoop track list --format json",
                [*zinkoop(), "track", "list", "--format", "json", "--today", TODAY],
                env, empty, args.runs)
        lines = subprocess.run(warn_command(), env=env, capture_output=True, text=True,
                               check=False).stdout.count("\n")
        ratio = compare(f"zinkoop warn ({lines} lines)", warn_command(), env, empty, args.runs)
        print(f"warn goal: <= {WARN_GOAL}")
        ok &= ratio <= WARN_GOAL
        failed, rows, took = concurrent_imports(
            base, {**env, "ZINKOOP_LEDGER": str(base / "team.db")})
        print(f"SQLite: 20 processes each adding 50 contracts at once: {rows} rows, "
              f"{failed} errors, {took:.2f} s")
        ok &= failed == 0 and rows == 1000
        if not args.no_postgres:
            ok &= postgres(base, csv_file, header, args.runs, args.contracts)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
