"""The `new` use case (app.new): every shipped calendar a year on, checked, dates exact."""

from __future__ import annotations

import calendar as _calendar
import re
import tempfile
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from zinkoop_cli.app.new import Plan, Request, plan
from zinkoop_cli.core.dutch_words import MONTH_NAMES
from zinkoop_cli.core.model import Day, Period, Recurring, Relative, Span, Start, When
from zinkoop_cli.core.next_year import TO_FILL_IN, shift_day
from zinkoop_cli.errors import CalendarError, UnknownCalendarError, UsageError
from zinkoop_cli.loading.catalog import Catalog

SHIPPED = sorted((Path(__file__).parents[1] / "src" / "zinkoop_cli" / "calendars").glob("*/*"))

ALGEMEEN = """\
[calendar]
publisher = "Voorbeeld"
care_type = "algemeen"
year = YEAR
title = "Algemeen zorginkoopbeleid YEAR"
version = "1.0"
published = "1 april 2026"
source = "Voorbeeld, Algemeen YEAR"

[[entry]]
id = "publicatie"
activity = "Publicatie zorginkoopbeleid"
date = "1 april 2026"
"""
GGZ = """\
[calendar]
publisher = "Voorbeeld"
care_type = "ggz"
year = 2027
title = "GGZ zorginkoopbeleid 2027"
version = "1.0"
published = "1 april 2026"
source = "Voorbeeld, GGZ 2027"
inherits = ["algemeen"]

[[entry]]
id = "reactie"
activity = "Reactie binnen twee weken na de publicatie"
after = "publicatie"
weeks = 2
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def written(made: Plan) -> None:
    for item in made.made:
        write(item.path, item.text)


def _last_of_month(day: date) -> bool:
    return day.day == _calendar.monthrange(day.year, day.month)[1]


def moved_on(when: When, years: int) -> When:
    """``when`` as it must read once every absolute date in it is ``years`` on."""
    def day(value: date | None) -> date | None:
        return None if value is None else shift_day(value, years)

    def span(value: Span) -> Span:
        end = shift_day(value.end, years)
        if _last_of_month(value.end):  # a stretch ends on its month's last day, Feb 28 or 29
            end = end.replace(day=_calendar.monthrange(end.year, end.month)[1])
        return value._replace(start=shift_day(value.start, years), end=end,
                              year=value.year + years)

    if isinstance(when, Day):
        return when._replace(day=shift_day(when.day, years), first=day(when.first))
    if isinstance(when, Span):
        return span(when)
    if isinstance(when, Period):
        return Period(shift_day(when.start, years), shift_day(when.end, years))
    if isinstance(when, Start):
        return Start(shift_day(when.start, years), None if when.span is None else
                     span(when.span))
    if isinstance(when, Relative):
        return when._replace(not_before=day(when.not_before), not_after=day(when.not_after))
    if isinstance(when, Recurring):
        rule = when.rule and re.sub(
            r"UNTIL=(\d{8})", lambda found: "UNTIL=" + shift_day(
                date.fromisoformat(found[1]), years).strftime("%Y%m%d"), when.rule)
        return when._replace(rule=rule, first=day(when.first), until=day(when.until))
    return when


@pytest.mark.parametrize("folder", SHIPPED, ids=lambda path: path.parent.name + "/" + path.stem)
def test_every_shipped_calendar_moves_a_year_checks_and_keeps_its_rules(
    folder: Path, tmp_path: Path
) -> None:
    source = Catalog.load().calendars[f"{folder.parent.name}/{folder.stem}"]
    made = plan(Request(source.care_type, source.year + 1, insurer=source.publisher_id,
                        output=tmp_path / "nieuw", with_general=True), [])
    written(made)
    catalog = Catalog.load([tmp_path / "nieuw"])
    assert catalog.problems == []
    new = catalog.calendars[f"{source.publisher_id}/{source.care_type}-{source.year + 1}"]
    assert (new.title, new.version) != (source.title, source.version)
    assert new.version == TO_FILL_IN
    assert [entry.id for entry in new.entries] == [entry.id for entry in source.entries]
    for old, entry in zip(source.entries, new.entries, strict=True):
        assert entry.when == moved_on(old.when, 1), entry.id
        assert entry._replace(when=old.when, written=old.written, note=old.note,
                              verify=False) == old
        assert entry.verify == (entry.when != old.when or entry.written != old.written)
    assert made.made[0].moved.moved == [e.id for e in new.entries if e.verify]


def test_without_o_it_writes_into_the_config_folder_by_publisher(tmp_path: Path) -> None:
    env = {"XDG_CONFIG_HOME": str(tmp_path / "cfg"), "HOME": str(tmp_path)}
    made = plan(Request("msz", 2028, with_general=True), [], env)
    folder = tmp_path / "cfg" / "zinkoop" / "calendars" / "zorg-en-zekerheid"
    assert [item.path for item in made.made] == [folder / "msz-2028.toml",
                                                 folder / "algemeen-2028.toml"]


def test_o_names_the_file_and_the_general_one_goes_beside_it(tmp_path: Path) -> None:
    made = plan(Request("msz", 2028, output=tmp_path / "uit" / "mijn-msz.toml",
                        with_general=True), [])
    assert [item.path for item in made.made] == [tmp_path / "uit" / "mijn-msz.toml",
                                                 tmp_path / "uit" / "algemeen-2028.toml"]
    assert made.made[0].text.startswith("# Medisch-specialistische zorg zorginkoopbeleid 2028: "
                                        "made by 'zinkoop new' from zorg-en-zekerheid/msz-2027")


def test_a_missing_general_calendar_stops_it_and_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(UnknownCalendarError) as raised:
        plan(Request("msz", 2028, output=tmp_path), [])
    assert raised.value.message == (
        "msz 2028 inherits 'algemeen', and zorg-en-zekerheid/algemeen-2028 does not exist yet; "
        "add --with-general to make it too, or first run 'zinkoop new algemeen 2028 --insurer "
        f"zorg-en-zekerheid -o {tmp_path}/'")


def test_a_general_calendar_that_exists_is_used_not_made(tmp_path: Path) -> None:
    first = plan(Request("algemeen", 2028, output=tmp_path / "mijn"), [])
    written(first)
    made = plan(Request("msz", 2028, output=tmp_path / "mijn"), [tmp_path / "mijn"])
    assert [item.path.name for item in made.made] == ["msz-2028.toml"]


def test_an_existing_file_is_kept_without_force(tmp_path: Path) -> None:
    target = write(tmp_path / "ambulancezorg-2025.toml", "oud\n")
    request = Request("ambulancezorg", 2025, insurer="zilveren-kruis", output=tmp_path)
    with pytest.raises(UsageError, match="already exists; use --force to overwrite it"):
        plan(request, [])
    assert plan(request._replace(force=True), [])
    assert target.read_text(encoding="utf-8") == "oud\n"  # plan writes nothing


def test_from_an_older_year_every_date_moves_as_many_years(tmp_path: Path) -> None:
    made = plan(Request("ambulance", 2026, from_year=2024, insurer="zilveren-kruis",
                        output=tmp_path), [])
    assert made.years == 2
    new, old = made.made[0].calendar, made.made[0].source
    assert new.year == 2026
    for before, after in zip(old.entries, new.entries, strict=True):
        assert after.when == moved_on(before.when, 2)
    with pytest.raises(UsageError, match="--from 2026: start from a year before YEAR 2026"):
        plan(Request("ambulance", 2026, from_year=2026), [])


def test_it_starts_from_the_users_own_copy_of_a_calendar(tmp_path: Path) -> None:
    shipped = Path(__file__).parents[1] / "calendars" / "zorg-en-zekerheid"
    text = (shipped / "algemeen-2027.toml").read_text(encoding="utf-8")
    write(tmp_path / "mijn" / "algemeen-2027.toml",
          text.replace('date = "1 april 2026"', 'date = "2 april 2026"'))
    made = plan(Request("algemeen", 2028, output=tmp_path / "uit"), [tmp_path / "mijn"])
    first = made.made[0].calendar.entries[0]
    assert first.when == Day(date(2027, 4, 2))


def test_a_rule_the_existing_new_general_calendar_breaks_writes_nothing(tmp_path: Path) -> None:
    mine = tmp_path / "mijn"
    write(mine / "algemeen-2027.toml", ALGEMEEN.replace("YEAR", "2027"))
    write(mine / "ggz-2027.toml", GGZ)
    write(mine / "algemeen-2028.toml", ALGEMEEN.replace("YEAR", "2028").replace(
        'id = "publicatie"', 'id = "publicatie-beleid"'))
    with pytest.raises(CalendarError) as raised:
        plan(Request("ggz", 2028, output=tmp_path / "uit"), [mine])
    assert "its rule points at 'publicatie', which is no entry or event" in raised.value.message
    assert raised.value.message.endswith("(nothing written; fix this first)")


def test_a_made_general_calendar_makes_the_rules_that_count_from_it_check(tmp_path: Path) -> None:
    mine = tmp_path / "mijn"
    write(mine / "algemeen-2027.toml", ALGEMEEN.replace("YEAR", "2027"))
    write(mine / "ggz-2027.toml", GGZ)
    made = plan(Request("ggz", 2028, output=tmp_path / "uit", with_general=True), [mine])
    written(made)
    catalog = Catalog.load([mine, tmp_path / "uit"])
    assert catalog.problems == []
    assert catalog.calendars["voorbeeld/ggz-2028"].entries[0].verify is False  # a rule: kept


def test_a_file_name_with_a_line_break_stays_in_the_header_comment(tmp_path: Path) -> None:
    mine = write(tmp_path / "mijn" / "algemeen\n2027.toml", ALGEMEEN.replace("YEAR", "2027"))
    made = plan(Request("algemeen", 2028, insurer="voorbeeld", output=tmp_path / "uit"),
                [mine.parent])
    assert f"# read from {tmp_path}/mijn/algemeen?2027.toml.\n" in made.made[0].text


DAYS = st.dates(date(2000, 1, 1), date(2100, 12, 31))
SEASONS = ("voorjaar", "zomer", "najaar", "winter")


@st.composite
def day_value(draw: st.DrawFn, day: date) -> object:
    form = draw(st.sampled_from(["dutch", "iso", "toml"]))
    if form == "dutch":
        return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"
    return day.isoformat() if form == "iso" else day


@st.composite
def moving_entries(draw: st.DrawFn, index: int) -> dict[str, Any]:
    """An entry of any kind of *when*, its days anywhere in the range zinkoop accepts."""
    one, two = sorted([draw(DAYS), draw(DAYS)])
    y, m = one.year, one.month
    keys: dict[str, Any] = draw(st.sampled_from([
        {"date": draw(day_value(two)), "from": draw(day_value(one))},
        {"date": draw(day_value(one)), "bound": "voor", "time": "17:00"},
        {"month": draw(st.sampled_from([f"{MONTH_NAMES[m - 1]} {y}", f"{y}-{m:02d}"])),
         "part": draw(st.sampled_from(["begin", "medio", "eind"]))},
        {"quarter": draw(st.sampled_from([f"{y}-Q{(m + 2) // 3}", f"Q{(m + 2) // 3} {y}"]))},
        {"season": f"{draw(st.sampled_from(SEASONS))} {y}"},
        {"year": y, "part": "eind"},
        {"period": [draw(day_value(one)), draw(day_value(two))]},
        {"starts": draw(st.sampled_from([y, f"derde kwartaal {y}", f"{one.day} "
                                         f"{MONTH_NAMES[m - 1]} {y}"]))},
        {"after": "ontvangst", "weeks": 6, "not_before": draw(day_value(one)),
         "not_after": draw(day_value(two))},
        {"rrule": draw(st.sampled_from(["FREQ=DAILY;COUNT=400", "FREQ=YEARLY;COUNT=2",
                                        f"FREQ=MONTHLY;UNTIL={two:%Y%m%d}"])),
         "first": draw(day_value(one))},
        {"rrule": "FREQ=MONTHLY;INTERVAL=3", "first": draw(day_value(one)),
         "until": draw(day_value(two))},
        {"yearly": draw(st.sampled_from(["29 februari", "12 november"]))},
        {"first_of_month_of": "ontvangst"},
    ]))
    written = draw(st.sampled_from([None, f"uiterlijk {one.day} {MONTH_NAMES[m - 1]} {y}",
                                    f"gedurende {y}", "binnen zes weken"]))
    return {"id": f"e{index}", "activity": "Iets doen", **keys,
            **({"written": written} if written else {})}


@st.composite
def moving_calendars(draw: st.DrawFn) -> dict[str, Any]:
    year = draw(st.integers(2001, 2099))
    head = {"publisher": "Prop", "care_type": "tst", "year": year, "title": f"Beleid {year}",
            "version": "1", "published": "1 april 2000", "source": "s"}
    rows = [draw(moving_entries(index)) for index in range(draw(st.integers(1, 6)))]
    return {"calendar": head, "events": {"ontvangst": {"label": "ontvangst"}}, "entry": rows}


@settings(max_examples=75, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(document=moving_calendars())
def test_any_valid_calendar_moves_on_checks_and_moves_every_date(
    tmp_path: Path, document: dict[str, Any]
) -> None:
    """Days up to 2100 too: what cannot move is kept, and the new file still checks."""
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    write(folder / "in" / "tst.toml", tomli_w.dumps(document))
    catalog = Catalog.load([folder / "in"])
    assume(not catalog.problems)
    source = catalog.calendars[f"prop/tst-{document['calendar']['year']}"]
    made = plan(Request("tst", source.year + 1, output=folder / "uit"), [folder / "in"])
    written(made)
    assert Catalog.load([folder / "in", folder / "uit"]).problems == []
    moved, new = made.made[0].moved, made.made[0].calendar
    tables = tomllib.loads(made.made[0].text)["entry"]
    for table, before, after, written_now in zip(document["entry"], source.entries,
                                                 new.entries, tables, strict=True):
        if "yearly" in table:  # a yearly day takes its years from the calendar's
            kept_as = {table["yearly"], table["yearly"].replace("29 februari", "28 februari")}
            assert written_now["yearly"] in kept_as  # a lost 29 februari becomes the 28th
        elif before.id in moved.moved:
            assert after.when == moved_on(before.when, 1)
        else:
            assert after.when == before.when
        assert after.verify == (before.id not in moved.kept)


def test_a_rule_that_would_run_past_2100_is_kept_as_written_and_listed(tmp_path: Path) -> None:
    text = (ALGEMEEN.replace("YEAR", "2098") + '\n[[entry]]\nid = "dagelijks"\nactivity = '
            '"Elke dag"\nrrule = "FREQ=DAILY;COUNT=400"\nfirst = "1 juni 2099"\n')
    write(tmp_path / "mijn" / "algemeen-2098.toml", text)
    made = plan(Request("algemeen", 2099, insurer="voorbeeld", output=tmp_path / "uit"),
                [tmp_path / "mijn"])
    entry = made.made[0].calendar.entry("dagelijks")
    assert entry is not None
    assert entry.when == Recurring("FREQ=DAILY;COUNT=400", date(2099, 6, 1), None)
    assert entry.verify
    assert made.made[0].moved.not_moved == [
        "entry 'dagelijks': rrule 'FREQ=DAILY;COUNT=400' gives a day 2101-07-05 is outside the "
        "days zinkoop accepts (2000-01-01 to 2100-12-31); end it earlier with 'until' or COUNT; "
        "kept as written, check by hand"]


def test_a_calendar_already_on_the_search_path_is_noted(tmp_path: Path) -> None:
    shipped = Path(__file__).parents[1] / "calendars" / "zorg-en-zekerheid" / "algemeen-2027.toml"
    text = shipped.read_text(encoding="utf-8").replace("year = 2027", "year = 2026")
    write(tmp_path / "mijn" / "algemeen-2026.toml", text)
    made = plan(Request("algemeen", 2027, output=tmp_path / "uit"), [tmp_path / "mijn"])
    assert made.notes == ["zorg-en-zekerheid/algemeen-2027 is already on the search path "
                          "(calendars/zorg-en-zekerheid/algemeen-2027.toml); the new file "
                          "replaces it where it comes later"]
