"""Scaling of rule resolution: a calendar whose entry i counts from entry i-1.

Writes chains of N and 4N entries (listed last-first, so that every lookup walks the
chain) and times, for each:
- reading, cycle check and resolution in-process (loading.parse, core.resolve);
- `zinkoop check FILE` as a whole process (adds the catalog's link check), with --whole.

Then prints the ratio of the 4N to the N time: linear work gives about 4, quadratic 16.

    python benchmarks/chain.py [--size 10000] [--whole]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from zinkoop_cli.core.resolve import find_cycle, timeline
from zinkoop_cli.loading.parse import parse_calendar

HEAD = """[calendar]
publisher = "Keten"
care_type = "keten"
year = 2027
title = "Keten"
version = "1"
published = "1 januari 2026"
source = "benchmarks/chain.py"
"""


def chain_text(size: int) -> str:
    parts = [HEAD]
    for i in reversed(range(size)):
        when = 'date = "1 januari 2026"' if i == 0 else f'after = "e{i - 1}"\ndays = 1'
        parts.append(f'\n[[entry]]\nid = "e{i}"\nactivity = "stap {i}"\n{when}\n')
    return "".join(parts)


def in_process(text: str) -> float:
    started = time.perf_counter()
    calendar, problems = parse_calendar(text, "chain.toml")
    assert calendar is not None, problems
    assert not problems, problems[0]
    assert find_cycle(calendar.entries, calendar.events) is None
    rows = timeline(calendar, [], date(2026, 1, 1))
    assert len(rows) == len(calendar.entries)
    return time.perf_counter() - started


def whole_check(path: Path) -> float:
    script = Path(sys.executable).with_name("zinkoop")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "zinkoop_cli"]
    started = time.perf_counter()
    done = subprocess.run([*command, "check", str(path)], capture_output=True, text=True,
                          check=False)
    took = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"check failed: {done.stderr.strip()}")
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--whole", action="store_true",
                        help="also time `zinkoop check FILE` as a process")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="zinkoop-chain-"))
    try:
        sizes = (args.size, 4 * args.size)
        times: dict[str, list[float]] = {"parse + cycle + resolve": []}
        if args.whole:
            times["zinkoop check (process)"] = []
        for size in sizes:
            text = chain_text(size)
            path = folder / f"keten-{size}.toml"
            path.write_text(text, encoding="utf-8")
            times["parse + cycle + resolve"].append(in_process(text))
            if args.whole:
                times["zinkoop check (process)"].append(whole_check(path))
        for label, (small, large) in times.items():
            print(f"{label:26} {sizes[0]:>6}: {small:6.2f} s   {sizes[1]:>6}: {large:6.2f} s"
                  f"   ratio {large / small:5.1f}  (linear ~4, quadratic ~16)")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
