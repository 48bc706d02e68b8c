"""Start-up cost of `zinkoop deadlines msz 2027` against importing the framework alone.

Runs both commands alternately (so machine noise hits both alike), takes the median wall
time of each, and prints their ratio. Goal: <= 1.25.

    python benchmarks/startup.py [--runs 21]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

GOAL = 1.25


def zinkoop_command() -> list[str]:
    script = Path(sys.executable).with_name("zinkoop")
    found = str(script) if script.exists() else shutil.which("zinkoop")
    base = [found] if found else [sys.executable, "-m", "zinkoop_cli"]
    return [*base, "deadlines", "msz", "2027", "--today", "2026-10-29"]


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    ours = zinkoop_command()
    baseline = [sys.executable, "-c", "import typer, rich.console, rich.table"]
    for command in (ours, baseline):  # warm the file cache and .pyc files
        timed(command)
    ours_times, base_times = [], []
    for _ in range(args.runs):
        ours_times.append(timed(ours))
        base_times.append(timed(baseline))
    ours_median = statistics.median(ours_times)
    base_median = statistics.median(base_times)
    ratio = ours_median / base_median
    print(f"zinkoop deadlines msz 2027: median {ours_median * 1000:.0f} ms over {args.runs} runs")
    print(f"import typer, rich.console, rich.table: median {base_median * 1000:.0f} ms")
    print(f"ratio: {ratio:.2f} (goal <= {GOAL})")
    return 0 if ratio <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
