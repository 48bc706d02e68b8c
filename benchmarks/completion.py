"""Cost of a shell completion (a Tab) against the start-up of `zinkoop --version`.

Runs `zinkoop --version` and each completion call alternately (so machine noise hits both
alike), takes the median wall time of each and prints their ratio. A completion call is what
bash's script runs on Tab: _ZINKOOP_COMPLETE=complete_bash with COMP_WORDS and COMP_CWORD.
The contracts case reads a SQLite ledger of 1,000 contracts. Goal: every ratio <= 1.5.

    python benchmarks/completion.py [--runs 21]
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
from pathlib import Path

GOAL = 1.5
CASES = {
    "commands": "zinkoop ",
    "care types": "zinkoop deadlines ",
    "years": "zinkoop deadlines msz ",
    "events for --on": "zinkoop deadlines msz 2027 --on ",
    "publishers": "zinkoop warn --insurer ",
    "contracts": "zinkoop track done ",
}


def zinkoop() -> list[str]:
    script = Path(sys.executable).with_name("zinkoop")
    found = str(script) if script.exists() else shutil.which("zinkoop")
    return [found] if found else [sys.executable, "-m", "zinkoop_cli"]


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          env=env, check=True)
    elapsed = time.perf_counter() - start
    if not done.stdout.strip():
        raise SystemExit(f"{command} {env.get('COMP_WORDS')!r}: completed nothing")
    return elapsed


def completing(words: str, env: dict[str, str]) -> dict[str, str]:
    return {**env, "_ZINKOOP_COMPLETE": "complete_bash", "COMP_WORDS": words,
            "COMP_CWORD": str(len(words.split(" ")) - 1)}


def ledger(folder: Path, env: dict[str, str]) -> None:
    """1,000 tracked contracts, for the contracts case."""
    rows = ["provider,agb,care_type,year,ontvangst"]
    rows += [f"Zorgaanbieder {n},{n:08d},msz,2027,2026-09-{1 + n % 30:02d}"
             for n in range(1, 1001)]
    csv = folder / "contracten.csv"
    csv.write_text("\n".join(rows) + "\n", encoding="utf-8")
    subprocess.run([*zinkoop(), "track", "import", str(csv)], env=env, check=True,
                   stdout=subprocess.DEVNULL)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "ZINKOOP_LEDGER": str(Path(folder) / "ledger.db")}
        ledger(Path(folder), env)
        version = [*zinkoop(), "--version"]
        worst = 0.0
        for name, words in CASES.items():
            tab = completing(words, env)
            timed(version, env)
            timed(zinkoop(), tab)  # warm the file cache and .pyc files
            base_times, tab_times = [], []
            for _ in range(args.runs):
                base_times.append(timed(version, env))
                tab_times.append(timed(zinkoop(), tab))
            base, ours = statistics.median(base_times), statistics.median(tab_times)
            worst = max(worst, ours / base)
            print(f"{name:<16} {words!r:<38} median {ours * 1000:4.0f} ms, "
                  f"--version {base * 1000:4.0f} ms: ratio {ours / base:.2f}")
    print(f"worst ratio: {worst:.2f} (goal <= {GOAL})")
    return 0 if worst <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
