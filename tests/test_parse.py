"""Reading calendar files, and the one-line message for each kind of bad input."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest

from tests.conftest import Runner
from zinkoop_cli.core.model import Day, Period, Recurring, Relative, Span, Start
from zinkoop_cli.loading.parse import parse_calendar

HEAD = """\
[calendar]
publisher = "Proef Verzekeraar"
care_type = "ggz"
year = 2027
title = "GGZ 2027"
version = "1.0"
published = "1 april 2026"
source = "Proef, GGZ 2027"

[events.ontvangst]
label = "ontvangst"
"""


def entry(body: str, entry_id: str = "x") -> str:
    return f'\n[[entry]]\nid = "{entry_id}"\nactivity = "Iets doen"\n{body}\n'


def parse_one(body: str) -> object:
    calendar, problems = parse_calendar(HEAD + entry(body), "t.toml")
    assert not problems, problems
    assert calendar is not None
    return calendar.entries[0].when


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('date = "1 oktober 2026"', Day(date(2026, 10, 1))),
        ("date = 2026-10-01", Day(date(2026, 10, 1))),
        ('date = "15 november 2026"\nbound = "voor"', Day(date(2026, 11, 15), "voor")),
        ('date = "15 juli 2026"\nfrom = "1 juli 2026"',
         Day(date(2026, 7, 15), first=date(2026, 7, 1))),
        ('date = "4 augustus 2023"\ntime = "17.00"', Day(date(2023, 8, 4), at=time(17, 0))),
        ('after = "ontvangst"\nworkdays = 5', Relative("ontvangst", 5, "workdays")),
        ('before = "ontvangst"\ndays = 20', Relative("ontvangst", 20, "days", "before")),
        ('period = ["1 januari 2026", "31 december 2027"]',
         Period(date(2026, 1, 1), date(2027, 12, 31))),
        ('starts = "1 januari 2027"', Start(date(2027, 1, 1))),
    ],
)
def test_kinds_of_when(body: str, expected: object) -> None:
    assert parse_one(body) == expected


@pytest.mark.parametrize(
    ("body", "start", "end"),
    [
        ('month = "september 2026"', date(2026, 9, 1), date(2026, 9, 30)),
        ('month = "2026-09"\npart = "eind"', date(2026, 9, 21), date(2026, 9, 30)),
        ('month = "september 2026"\npart = "begin"', date(2026, 9, 1), date(2026, 9, 10)),
        ('month = "september 2026"\npart = "medio"', date(2026, 9, 11), date(2026, 9, 20)),
        ('quarter = "derde kwartaal 2026"', date(2026, 7, 1), date(2026, 9, 30)),
        ('quarter = "2026-Q3"', date(2026, 7, 1), date(2026, 9, 30)),
        ('season = "voorjaar 2019"', date(2019, 3, 1), date(2019, 5, 31)),
        ('season = "najaar 2026"', date(2026, 9, 1), date(2026, 11, 30)),
        ('year = 2018\npart = "eind"', date(2018, 9, 1), date(2018, 12, 31)),
    ],
)
def test_spans(body: str, start: date, end: date) -> None:
    when = parse_one(body)
    assert isinstance(when, Span)
    assert (when.start, when.end) == (start, end)


def test_yearly_without_year_repeats_around_the_purchase_year() -> None:
    when = parse_one('yearly = "12 november"')
    assert when == Recurring("FREQ=YEARLY", date(2026, 11, 12), date(2028, 12, 31))


BAD = [
    ("syntax", 'date = "1 oktober 2026\n', r"t\.toml:\d+:\d+: TOML syntax error"),
    ("unknown key", 'date = "1 oktober 2026"\ndatum = "x"',
     r"entry 'x': unknown key 'datum'"),
    ("31 februari", 'date = "31 februari 2026"',
     r"entry 'x': 31 februari 2026 does not exist: februari 2026 has 28 days"),
    ("year range", 'date = "1 oktober 1850"', r"entry 'x': year 1850 is out of range"),
    ("no when", "", r"entry 'x': says nothing about when"),
    ("two whens", 'date = "1 oktober 2026"\nmonth = "september 2026"',
     r"more than one kind of when"),
    ("bad month", 'month = "smarch 2026"', r"'smarch' is not a Dutch month name"),
    ("bad unit", 'after = "ontvangst"\nweeks = -2', r"weeks must be a whole number of 0"),
    ("huge offset", 'after = "ontvangst"\ndays = 1000000000',
     r"entry 'x': days = 1000000000 is more than zinkoop accepts \(at most 100000 days\)"),
    ("day out of range", 'after = "ontvangst"\nweeks = 1\nnot_after = 9999-12-31',
     r"entry 'x': year 9999 is out of range \(2000-2100\)"),
    ("party not text", 'date = "1 mei 2027"\nparty = 7',
     r"""entry 'x': key 'party' must be text, e.g. party = "\.\.\."$"""),
    ("rule not text", 'after = ["ontvangst"]\ndays = 1', r"key 'after' must be text"),
    ("rrule not text", 'rrule = 5\nfirst = "1 mei 2027"', r"key 'rrule' must be text"),
    ("rrule past range", 'rrule = "FREQ=YEARLY;INTERVAL=50;COUNT=5"\nfirst = "1 mei 2027"',
     r"gives a day 2227-05-01 is outside the days zinkoop accepts .*end it earlier"),
    ("rrule by the hour", 'rrule = "FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=31;COUNT=2"\n'
                          'first = "1 mei 2027"', r"repeats within a day; use FREQ=DAILY"),
    ("bad default day", 'date = "1 mei 2027"',
     r"event 'ontvangst': 30 februari 2027 does not exist"),
]


@pytest.mark.parametrize(("name", "body", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_named(name: str, body: str, message: str) -> None:
    text = HEAD + entry(body)
    if name == "bad default day":
        text = text.replace('label = "ontvangst"', 'label = "ontvangst"\ndefault = "2027-02-30"')
    _, problems = parse_calendar(text, "t.toml")
    assert len(problems) == 1
    assert problems[0].exit_code == 3
    assert __import__("re").search(message, problems[0].message), problems[0].message


def test_duplicate_id() -> None:
    text = HEAD + entry('date = "1 oktober 2026"') + entry('date = "2 oktober 2026"')
    _, problems = parse_calendar(text, "t.toml")
    assert [p.message for p in problems] == [
        "t.toml: entry 'x': duplicate id; every entry needs its own id"]


def write(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "ggz-2027.toml"
    path.write_text(text, encoding="utf-8")
    return path


CLI_BAD = [
    ("syntax", "[calendar\n", r"^zinkoop: \S+ggz-2027\.toml:1:10: TOML syntax error"),
    ("dangling rule", HEAD + entry('after = "ontvangts"\nweeks = 6'),
     r"entry 'x': its rule points at 'ontvangts', which is no entry or event "
     r"\(did you mean 'ontvangst'\?\)"),
    ("cycle", HEAD + entry('after = "b"\ndays = 1', "a") + entry('after = "a"\ndays = 1', "b"),
     r"entry 'a': rules depend on each other in a circle \(a -> b -> a\)"),
    ("31 februari", HEAD + entry('date = "31 februari 2027"'),
     r"entry 'x': 31 februari 2027 does not exist"),
    ("duplicate", HEAD + entry('date = "1 mei 2027"') + entry('date = "2 mei 2027"'),
     r"entry 'x': duplicate id"),
    ("unknown key", HEAD + entry('date = "1 mei 2027"\nactivty = "x"'),
     r"unknown key 'activty' \(did you mean 'activity'\?\)"),
    ("year range", HEAD.replace("year = 2027", "year = 3027"),
     r"\[calendar\]: year 3027 is out of range"),
    ("id a number", HEAD.replace("year = 2027", "year = 2027\nid = 123"),
     r"""\[calendar\]: key 'id' must be text, e.g. id = "\.\.\."$"""),
    ("id a list", HEAD.replace("year = 2027", 'year = 2027\nid = ["x"]'),
     r"\[calendar\]: key 'id' must be text"),
    ("publisher_id a number", HEAD.replace("year = 2027", "year = 2027\npublisher_id = 7"),
     r"\[calendar\]: key 'publisher_id' must be text"),
    ("version a float", HEAD.replace('version = "1.0"', "version = 1.10"),
     r"""version is a bare number, and a bare 1\.10 reads as 1\.1; write it in quotes"""),
    ("nested too deeply", HEAD + entry("period = " + "[" * 2000 + "]" * 2000),
     r"ggz-2027\.toml: arrays or tables nested too deeply"),
    ("huge offset", HEAD + entry('after = "ontvangst"\ndays = 1000000000'),
     r"entry 'x': days = 1000000000 is more than zinkoop accepts"),
]


@pytest.mark.parametrize(("name", "text", "message"), CLI_BAD, ids=[b[0] for b in CLI_BAD])
@pytest.mark.parametrize("command", ["check", "deadlines", "list"])
def test_bad_calendar_one_line_exit_3(
    run: Runner, tmp_path: Path, name: str, text: str, message: str, command: str
) -> None:
    path = write(tmp_path / "cal", text)
    if command == "check":
        result = run("check", str(path))
    elif command == "deadlines":
        result = run("deadlines", "msz", "2027", "--calendars", str(tmp_path / "cal"))
    else:
        result = run("list", "--calendars", str(tmp_path / "cal"))
    assert result.code == 3, result
    assert result.err.count("\n") == 1, result.err
    assert "Traceback" not in result.err
    assert __import__("re").search(message, result.err), result.err


def test_quarter_as_the_policy_writes_it() -> None:
    when = parse_one('starts = "vanaf het derde kwartaal van 2026"')
    assert when == Start(date(2026, 7, 1), parse_one('quarter = "2026-Q3"'))  # type: ignore[arg-type]


def test_event_default_may_be_a_quoted_iso_day() -> None:
    text = HEAD.replace('label = "ontvangst"', 'label = "ontvangst"\ndefault = "2026-10-01"')
    calendar, problems = parse_calendar(text + entry('after = "ontvangst"\nweeks = 6'), "t.toml")
    assert not problems
    assert calendar is not None
    assert calendar.events["ontvangst"].default == date(2026, 10, 1)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('rrule = "FREQ=YEARLY"\nfirst = "1 mei 2027"\nuntil = "1 januari 2027"',
         "gives no day"),
    ],
)
def test_recurring_without_days_is_refused(body: str, message: str) -> None:
    _, problems = parse_calendar(HEAD + entry(body), "t.toml")
    assert len(problems) == 1
    assert message in problems[0].message


def test_inherits_must_be_a_list() -> None:
    text = HEAD.replace('year = 2027\n', 'year = 2027\ninherits = "algemeen"\n')
    _, problems = parse_calendar(text, "t.toml")
    assert [p.message for p in problems] == [
        't.toml: [calendar]: inherits must be a list of names, e.g. inherits = ["algemeen"]']


def test_check_folder_with_child_sorted_before_parent(run: Runner, tmp_path: Path) -> None:
    folder = tmp_path / "cal"
    folder.mkdir()
    child = HEAD.replace('year = 2027\n', 'year = 2027\ninherits = "zz"\n'.replace(
        '"zz"', '["zz"]')) + entry('date = "1 mei 2027"')
    (folder / "a-ggz.toml").write_text(child, encoding="utf-8")
    parent = HEAD.replace('care_type = "ggz"', 'care_type = "zz"') + entry(
        'date = "2 mei 2027"', "y")
    (folder / "b-zz.toml").write_text(parent, encoding="utf-8")
    result = run("check", str(folder))
    assert (result.code, result.err) == (0, "")
    assert result.out.startswith("2 calendars OK")


def test_a_byte_order_mark_is_accepted() -> None:
    calendar, problems = parse_calendar("\ufeff" + HEAD + entry('date = "1 mei 2027"'), "t.toml")
    assert not problems
    assert calendar is not None
    assert calendar.entries[0].when == Day(date(2027, 5, 1))


def test_check_accepts_a_file_saved_with_a_byte_order_mark(run: Runner, tmp_path: Path) -> None:
    path = tmp_path / "ggz-2027.toml"
    path.write_text(HEAD + entry('date = "1 mei 2027"'), encoding="utf-8-sig")
    result = run("check", str(path))
    assert (result.code, result.err) == (0, "")


@pytest.mark.parametrize(
    ("line", "attribute", "expected"),
    [
        ('version = "1.10"', "version", "1.10"),
        ("version = 2", "version", "2"),
        ('publisher_id = "proef"', "publisher_id", "proef"),
        ('id = "proef/ggz-extra"', "id", "proef/ggz-extra"),
    ],
)
def test_header_keys_of_the_right_type(line: str, attribute: str, expected: str) -> None:
    key = line.split(" = ")[0]
    head = "\n".join(ln for ln in HEAD.splitlines() if not ln.startswith(f"{key} = "))
    calendar, problems = parse_calendar(
        head.replace("year = 2027", f"year = 2027\n{line}") + entry('date = "1 mei 2027"'),
        "t.toml")
    assert not problems, problems
    assert getattr(calendar, attribute) == expected


def test_publisher_id_must_be_a_slug() -> None:
    _, problems = parse_calendar(HEAD.replace("year = 2027", 'year = 2027\npublisher_id = "A B"'),
                                 "t.toml")
    assert [p.message for p in problems] == [
        "t.toml: [calendar]: publisher_id must be lower-case letters, digits and dashes"]


def test_every_key_of_every_entry_refuses_a_table() -> None:
    # Whatever a key holds, a wrong type is a problem with the entry, never an exception.
    for key in ("activity", "party", "section", "condition", "written", "note", "atw", "date",
                "month", "quarter", "season", "year", "period", "starts", "continuous",
                "undetermined", "after", "before", "same_day_as", "first_of_month_of", "rrule",
                "yearly", "frequency"):
        body = f"{key} = {{ a = 1 }}" if key != "activity" else 'date = "1 mei 2027"'
        text = HEAD + entry(body).replace('activity = "Iets doen"',
                                          "activity = { a = 1 }" if key == "activity" else
                                          'activity = "Iets doen"')
        _, problems = parse_calendar(text, "t.toml")
        assert len(problems) == 1, (key, problems)
        assert problems[0].message.startswith("t.toml: entry 'x': "), problems[0].message


def test_a_missing_activity_is_named_as_the_docs_say() -> None:
    text = HEAD + entry('date = "1 mei 2027"').replace('activity = "Iets doen"\n', "")
    _, problems = parse_calendar(text, "t.toml")
    assert [p.message for p in problems] == ["t.toml: entry 'x': activity must be non-empty text"]


def test_a_number_too_long_for_python_is_one_problem() -> None:
    text = HEAD + entry('after = "ontvangst"\ndays = 1' + "0" * 5000)
    _, problems = parse_calendar(text, "t.toml")
    assert len(problems) == 1
    assert problems[0].message.startswith("t.toml: TOML syntax error: Exceeds the limit")
    assert problems[0].message.endswith("; fix the file and run 'zinkoop check'")


def test_every_calendar_and_event_key_refuses_a_table() -> None:
    from zinkoop_cli.loading.parse import CALENDAR_KEYS, EVENT_KEYS

    for key in sorted(CALENDAR_KEYS):
        lines = [ln for ln in HEAD.splitlines() if not ln.startswith(f"{key} = ")]
        text = "\n".join(lines).replace("[calendar]", f"[calendar]\n{key} = {{ a = 1 }}")
        calendar, problems = parse_calendar(text, "t.toml")
        assert calendar is None, key
        assert len(problems) == 1, (key, problems)
        assert problems[0].message.startswith("t.toml: [calendar]: "), problems[0].message
    for key in sorted(EVENT_KEYS):
        table = {"label": '"ontvangst"', key: "{ a = 1 }"}
        body = "".join(f"{name} = {value}\n" for name, value in table.items())
        text = HEAD.replace('label = "ontvangst"\n', body)
        _, problems = parse_calendar(text, "t.toml")
        assert len(problems) == 1, (key, problems)
        assert problems[0].message.startswith("t.toml: event 'ontvangst': "), key


@pytest.mark.parametrize(("year", "first", "until"), [
    (2000, date(2000, 11, 12), date(2001, 12, 31)),  # not from 1999: outside 2000-2100
    (2100, date(2099, 11, 12), date(2100, 12, 31)),
])
def test_yearly_default_years_stay_within_the_range(year: int, first: date, until: date) -> None:
    calendar, problems = parse_calendar(HEAD.replace("year = 2027", f"year = {year}")
                                        + entry('yearly = "12 november"'), "t.toml")
    assert problems == []
    assert calendar is not None
    assert calendar.entries[0].when == Recurring("FREQ=YEARLY", first, until)
