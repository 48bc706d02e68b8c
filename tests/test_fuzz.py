"""Whatever a calendar file holds, `check`, `deadlines` and `export` answer in one line per problem.

Two kinds of input: arbitrary bytes, and TOML documents built from the real key names: mostly
well-formed calendars with dates at the ends of what Python holds, huge offsets and chains of
rules, then mutated with values of any type (nested arrays, tables where text belongs). The
answer is exit 0 or 3, every stderr line a `zinkoop:` line, and no exception escapes main()
(the `run` fixture lets it fail the test).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import Result, Runner
from zinkoop_cli.loading.parse import CALENDAR_KEYS, EVENT_KEYS
from zinkoop_cli.loading.when import ALL_ENTRY_KEYS, UNITS

FUZZ = settings(max_examples=200, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
NAMES = ["a", "b", "c", "ontvangst", "klacht"]

extreme_days = st.sampled_from([date.min, date.max, date(1999, 12, 31), date(2000, 1, 1),
                                date(2100, 12, 31), date(2101, 1, 1), date(9999, 12, 20)])
days = st.one_of(extreme_days, st.dates(), st.dates(date(2020, 1, 1), date(2030, 12, 31)))
day_texts = st.one_of(days.map(date.isoformat), st.sampled_from(
    ["1 oktober 2026", "31 februari 2027", "2027-02-30", "eind september 2026", "2026-Q3",
     "voorjaar 2019", "winter 2100", "1 okt. 9999", "", " "]))
offsets = st.one_of(st.integers(0, 60), st.sampled_from(
    [100_000, 100_001, 70_000, 15_000, 3_600, 300, 301, 999_999_999, 1_000_000_000, 2**63, -1]),
    st.integers())
scalars = st.one_of(
    st.text(max_size=20), st.integers(), st.floats(), st.booleans(), days,
    st.datetimes(), st.times(), st.sampled_from(NAMES),
)
values: st.SearchStrategy[Any] = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(NAMES), inner,
                                                                max_size=2),
    max_leaves=6,
)


def plausible(key: str) -> st.SearchStrategy[Any]:
    """Values that a key might really hold, so that deep paths are reached."""
    if key in UNITS:
        return offsets
    if key in ("after", "before", "same_day_as", "first_of_month_of"):
        return st.sampled_from(NAMES)
    if key in ("date", "from", "not_before", "not_after", "first", "until", "published",
               "default"):
        return st.one_of(days, day_texts)
    if key == "period":
        return st.lists(st.one_of(days, day_texts), min_size=2, max_size=2)
    if key in ("continuous", "undetermined", "atw"):
        return st.booleans()
    if key == "rrule":
        return st.sampled_from(["FREQ=YEARLY;COUNT=3", "FREQ=MONTHLY;INTERVAL=600;COUNT=3",
                                "FREQ=DAILY;COUNT=400", "FREQ=YEARLY", "nonsense"])
    if key in ("year", "month", "quarter", "season", "starts"):
        return st.one_of(st.integers(1990, 2110), day_texts)
    if key == "version":
        return st.one_of(st.floats(), st.integers(), st.text(max_size=5))
    return st.text(min_size=1, max_size=12)


@st.composite
def mutated(draw: st.DrawFn, table: dict[str, Any], keys: set[str]) -> dict[str, Any]:
    """``table`` with up to two keys added or replaced by any value, or one key dropped."""
    table = dict(table)
    for key in draw(st.lists(st.sampled_from(sorted(keys)), max_size=2, unique=True)):
        table[key] = draw(st.one_of(plausible(key), values))
    if table and draw(st.integers(0, 9)) == 0:
        table.pop(draw(st.sampled_from(sorted(table))))
    return table


@st.composite
def entries(draw: st.DrawFn, index: int, anchors: list[str]) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": NAMES[index] if index < 3 else f"e{index}",
                             "activity": "iets"}
    kind = draw(st.sampled_from(["date", "relative", "relative", "first_of_month_of",
                                 "rrule", "yearly", "period", "window_of", "purchase_year"]))
    if kind == "date" or not anchors:
        entry["date"] = draw(days)
    elif kind == "relative":
        entry[draw(st.sampled_from(["after", "before"]))] = draw(st.sampled_from(anchors))
        entry[draw(st.sampled_from(UNITS))] = draw(offsets)
        entry["atw"] = draw(st.booleans())
    elif kind == "first_of_month_of":
        entry[kind] = draw(st.sampled_from(anchors))
    elif kind == "rrule":
        entry.update(rrule=draw(plausible("rrule")), first=draw(days))
    elif kind == "yearly":
        entry["yearly"] = draw(st.sampled_from(["12 november", "29 februari", "1 mei", "x",
                                                "september", "medio juli", "Q3", "najaar"]))
        if draw(st.booleans()):
            entry.update(first=draw(st.integers(1990, 2110)), until=draw(st.integers(1990, 2110)))
    elif kind == "window_of":
        entry.update(window_of=draw(st.sampled_from(anchors)), windows=[
            {"from": draw(days), "through": draw(days), "date": draw(days)}
            for _ in range(draw(st.integers(0, 2)))])
    elif kind == "purchase_year":
        entry.update(month=draw(st.sampled_from(["september", "februari", "x 2026"])),
                     purchase_year=draw(st.integers(-12, 12)))
    else:
        entry["period"] = draw(plausible("period"))
    return draw(mutated(entry, ALL_ENTRY_KEYS)) if draw(st.booleans()) else entry


@st.composite
def calendars(draw: st.DrawFn) -> dict[str, Any]:
    head = {"publisher": "Fuzz", "care_type": "tst", "year": 2027, "title": "t",
            "version": "1", "published": "1 april 2026", "source": "s"}
    if draw(st.booleans()):
        head = draw(mutated(head, CALENDAR_KEYS))
    events: dict[str, Any] = {}
    for name in draw(st.lists(st.sampled_from(["ontvangst", "klacht"]), max_size=2,
                              unique=True)):
        event: dict[str, Any] = {"label": name}
        if draw(st.booleans()):
            event["default"] = draw(st.one_of(days, day_texts, st.sampled_from(NAMES)))
        events[name] = draw(mutated(event, EVENT_KEYS)) if draw(st.booleans()) else event
    rows: list[dict[str, Any]] = []
    for index in range(draw(st.integers(0, 5))):
        known = [str(row.get("id")) for row in rows] + list(events)
        rows.append(draw(entries(index, known)))
    document: dict[str, Any] = {"calendar": head}
    if events:
        document["events"] = events
    if rows:
        document["entry"] = rows
    return document


def one_line_per_problem(result: Result, command: str) -> None:
    assert "Traceback" not in result.err
    assert result.code in (0, 3), (command, result)
    lines = result.err.splitlines()
    assert all(line.startswith("zinkoop: ") for line in lines), result.err
    assert result.err.count("\n") == len(lines)
    if result.code == 0 and command == "export":
        assert len(lines) == 1, result.err  # what it wrote: "FILE: N events"
        assert re.search(r": \d+ events?$", lines[0]), result.err
    elif result.code == 0:
        assert result.err == "", result.err
    elif command == "check":
        assert lines, result
    else:
        assert len(lines) == 1, result.err


def check_all(run: Runner, folder: Path, data: bytes, on: tuple[str, ...] = (),
              *, more: bool = True) -> None:
    folder.mkdir(exist_ok=True)
    path = folder / "tst-2027.toml"
    path.write_bytes(data)
    one_line_per_problem(run("check", str(path)), "check")
    common = ("tst", "2027", "--calendars", str(folder), *on)
    today = ("--today", "2026-10-29")
    one_line_per_problem(run("deadlines", *common, *today), "deadlines")
    if not more:  # bytes are rarely a calendar: the other commands would say the same
        return
    one_line_per_problem(run("deadlines", *common, *today, "--atw", "--format", "json"),
                         "deadlines")
    one_line_per_problem(run("export", *common, "-o", str(folder.parent / "x.ics")), "export")


@FUZZ
@given(data=st.binary(max_size=300))
def test_any_bytes(run: Runner, tmp_path: Path, data: bytes) -> None:
    check_all(run, tmp_path / "cal", data, more=False)


@FUZZ
@given(document=calendars())
def test_any_toml_with_the_real_keys(
    run: Runner, tmp_path: Path, document: dict[str, Any]
) -> None:
    events = document.get("events", {})
    # The ends of the range: every rule counted from them must still give a day or one line.
    on = [f"--on={name}={day.isoformat()}" for name, day in
          (("ontvangst", date(2100, 12, 31)), ("klacht", date(2000, 1, 1))) if name in events]
    check_all(run, tmp_path / "cal", tomli_w.dumps(document).encode(), tuple(on))


@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(depth=st.integers(1, 3000), kind=st.sampled_from(["[", "{ a = "]))
def test_any_nesting(run: Runner, tmp_path: Path, depth: int, kind: str) -> None:
    close = "]" if kind == "[" else " }"
    head = ('[calendar]\npublisher = "F"\ncare_type = "tst"\nyear = 2027\ntitle = "t"\n'
            'version = "1"\npublished = "1 april 2026"\nsource = "s"\n\n[[entry]]\nid = "a"\n'
            'activity = "x"\n')
    check_all(run, tmp_path / "cal", (head + "period = " + kind * depth + "1" + close * depth
                                      + "\n").encode(), more=False)


def test_the_fuzzers_values_are_toml() -> None:
    # A guard on the fuzzer itself: tomli_w writes every kind of value the strategies make.
    sample = {"d": date.max, "t": time(1, 2), "dt": datetime(2026, 1, 1),  # noqa: DTZ001
              "f": float("nan"), "l": [[1]]}
    assert "9999-12-31" in tomli_w.dumps(sample)
