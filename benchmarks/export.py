"""Exporting 10,000 events: a full export against bare icalendar, and a nightly re-export.

A generated calendar of 10,000 dated entries is exported by zinkoop (loading and checking the
calendar files, resolving the timeline, planning, rendering, stamping and writing the file
atomically). Two figures, each the ratio of medians of runs taken alternately in this one
process, so that machine noise hits both sides alike:

- full: an export with no previous file (every event through icalendar) against the same
  10,000 events (same properties, same texts, one alarm each) built and serialised with
  icalendar alone. Goal: <= 1.3.
- re-export: the same export over the previous file after 1% of the entries changed (only
  those go through icalendar; the rest are carried over) against the full export.
  Goal: <= 0.25.

    python benchmarks/export.py [--rounds 5] [--events 10000]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from icalendar import Alarm, Calendar, Event

from zinkoop_cli.cli.app import main as zinkoop_main

GOAL = 1.3
REEXPORT_GOAL = 0.25
CHANGED_SHARE = 100  # one entry in a hundred changes between two nightly runs
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")
SOURCE = "Voorbeeld, inkoopbeleid 2027 (gegenereerd)"


def generated(count: int) -> list[tuple[str, date, str, str]]:
    """(id, day, activity, section) for ``count`` entries, the same on every run."""
    chance = random.Random(2027)
    start = date(2026, 1, 1)
    return [
        (f"e{n}", start + timedelta(days=chance.randrange(700)),
         f"Zorgaanbieder levert rapportage {n} aan bij de zorgverzekeraar over "
         "repatriëring en de verleende zorg",
         f"{chance.randrange(1, 9)}.{chance.randrange(1, 9)}")
        for n in range(count)
    ]


def changed(entries: list[tuple[str, date, str, str]]) -> list[tuple[str, date, str, str]]:
    """1% of the entries with another text: what changes between two nightly runs."""
    return [(key, day, activity + " (gewijzigd)" if n % CHANGED_SHARE == 0 else activity,
             section) for n, (key, day, activity, section) in enumerate(entries)]


def calendar_toml(entries: list[tuple[str, date, str, str]]) -> str:
    lines = ['[calendar]', 'publisher = "Voorbeeld"', 'care_type = "bench"', 'year = 2027',
             'version = "1.0"', 'published = "2026-04-01"', 'title = "Benchmark"',
             f'source = "{SOURCE}"', '']
    for key, day, activity, section in entries:
        lines += ['[[entry]]', f'id = "{key}"', f'activity = "{activity}"',
                  'party = "zorgaanbieder"', f'section = "{section}"',
                  f'date = "{day.day} {MONTHS[day.month - 1]} {day.year}"', '']
    return "\n".join(lines)


def bare(entries: list[tuple[str, date, str, str]], target: Path) -> None:
    """The same events with icalendar alone: what any exporter has to pay."""
    stamp = datetime(2026, 4, 1, tzinfo=UTC)
    cal = Calendar()
    for name, value in (("prodid", "-//bench//bench//NL"), ("version", "2.0"),
                        ("method", "PUBLISH"), ("x-wr-calname", "Voorbeeld: bench 2027")):
        cal.add(name, value)
    for key, day, activity, section in entries:
        written = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
        event = Event()
        event.add("uid", f"{key}.bench-2027.voorbeeld@zinkoop")
        event.add("dtstamp", stamp)
        event.add("last-modified", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", activity)
        event.add("description", f"{activity}\n\nWie: zorgaanbieder\nIn het beleid: "
                                 f"{written}\nBron: {SOURCE}, versie 1.0, paragraaf {section}")
        event.add("categories", ["bench", "zorgaanbieder"])
        event.add("transp", "TRANSPARENT")
        event.add("x-microsoft-cdo-busystatus", "FREE")
        event.add("class", "PUBLIC")
        event.add("sequence", 0)
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", activity)
        alarm.add("trigger", timedelta(days=-7, hours=9))
        event.add_component(alarm)
        cal.add_component(event)
    target.write_bytes(cal.to_ical())


def ours(folder: Path, target: Path) -> None:
    try:
        zinkoop_main(["export", "bench", "2027", "--calendars", str(folder),
                      "-o", str(target), "--quiet"])
    except SystemExit as done:
        if done.code not in (0, None):
            raise RuntimeError(f"zinkoop export exited with {done.code}") from None


def timed(work: Callable[[], None]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def folder_of(scratch: Path, name: str, entries: list[tuple[str, date, str, str]]) -> Path:
    folder = scratch / name
    folder.mkdir()
    (folder / "bench-2027.toml").write_text(calendar_toml(entries), encoding="utf-8")
    return folder


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--events", type=int, default=10_000)
    args = parser.parse_args()
    os.environ["ZINKOOP_NOW"] = "2026-12-01T06:00:00Z"  # the same stamps in every round
    entries = generated(args.events)
    with tempfile.TemporaryDirectory() as name:
        scratch = Path(name)
        base, later = folder_of(scratch, "base", entries), folder_of(scratch, "later",
                                                                        changed(entries))
        full_file, bare_file = scratch / "full.ics", scratch / "bare.ics"
        again_file, previous = scratch / "again.ics", scratch / "previous.ics"
        ours(base, previous)  # warm up, and the file the nightly re-export replaces
        bare(entries, bare_file)

        def full() -> None:
            full_file.unlink(missing_ok=True)
            ours(base, full_file)

        full_times, bare_times, again_times = [], [], []
        for _ in range(args.rounds):
            full_times.append(timed(full))
            bare_times.append(timed(lambda: bare(entries, bare_file)))
            shutil.copyfile(previous, again_file)
            again_times.append(timed(lambda: ours(later, again_file)))
        counts = [path.read_bytes().count(b"BEGIN:VEVENT")
                  for path in (full_file, bare_file, again_file)]
        restamped = again_file.read_bytes().count(b"SEQUENCE:1\r\n")
    if counts != [args.events] * 3:
        print(f"expected {args.events} events, got {counts} (full, bare, re-export)")
        return 1
    full_median, bare_median = statistics.median(full_times), statistics.median(bare_times)
    again_median = statistics.median(again_times)
    ratio, again_ratio = full_median / bare_median, again_median / full_median
    print(f"zinkoop export, {args.events} events, no previous file: median {full_median:.2f} s "
          f"over {args.rounds} rounds")
    print(f"bare icalendar, {args.events} events: median {bare_median:.2f} s")
    print(f"full export ratio: {ratio:.2f} (goal <= {GOAL})")
    print(f"re-export, {restamped} of {args.events} events changed: median "
          f"{again_median:.2f} s")
    print(f"re-export ratio: {again_ratio:.2f} of a full export (goal <= {REEXPORT_GOAL})")
    return 0 if ratio <= GOAL and again_ratio <= REEXPORT_GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
