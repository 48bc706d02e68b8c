"""Exporting 10,000 events: `zinkoop export` against the same events built with bare icalendar.

A generated calendar of 10,000 dated entries is exported by zinkoop (loading and checking the
calendar files, resolving the timeline, building, serialising, numbering SEQUENCE against the
previous file and writing it atomically), and the same 10,000 events (same properties, same
texts, one alarm each) are built and serialised with icalendar alone and written to a file.
Both run in this one process, alternately, so machine noise hits both alike; the ratio of the
medians is printed. Goal: <= 1.3.

    python benchmarks/export.py [--rounds 5] [--events 10000]
"""

from __future__ import annotations

import argparse
import random
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--events", type=int, default=10_000)
    args = parser.parse_args()
    entries = generated(args.events)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "calendars"
        folder.mkdir()
        (folder / "bench-2027.toml").write_text(calendar_toml(entries), encoding="utf-8")
        ours_file, bare_file = Path(scratch) / "ours.ics", Path(scratch) / "bare.ics"
        ours(folder, ours_file)  # warm up; from here on each export has a previous file
        bare(entries, bare_file)
        ours_times, bare_times = [], []
        for _ in range(args.rounds):
            ours_times.append(timed(lambda: ours(folder, ours_file)))
            bare_times.append(timed(lambda: bare(entries, bare_file)))
        events = ours_file.read_bytes().count(b"BEGIN:VEVENT")
        same = bare_file.read_bytes().count(b"BEGIN:VEVENT")
    if events != args.events or same != args.events:
        print(f"expected {args.events} events, got {events} (ours) and {same} (bare)")
        return 1
    ours_median, bare_median = statistics.median(ours_times), statistics.median(bare_times)
    ratio = ours_median / bare_median
    print(f"zinkoop export, {events} events: median {ours_median:.2f} s over {args.rounds} rounds")
    print(f"bare icalendar, {same} events: median {bare_median:.2f} s")
    print(f"ratio: {ratio:.2f} (goal <= {GOAL})")
    return 0 if ratio <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
