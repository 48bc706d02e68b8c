"""`zinkoop warn` end to end: what it names, its silence, exit codes and output formats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import TODAY, Runner, golden

MSZ = ("warn", "msz", "2027", "--today", TODAY)


def test_acceptance_within_14_days_of_29_october(run: Runner) -> None:
    result = run(*MSZ, "--within", "14")
    assert (result.code, result.err) == (1, "")
    lines = result.out.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("13 dagen  wo 11 nov 2026  msz 2027  Uiterste datum van "
                               "ondertekening door zorgaanbieder in het Zorginkoopportaal "
                               "van VECOZO")
    assert lines[0].endswith(" · zorgaanbieder")
    assert all(line.startswith("14 dagen  do 12 nov 2026  msz 2027  ") for line in lines[1:])
    assert "Zorgverzekeraar reageert binnen zes weken op de offerte." in lines[1]
    assert "Informerende van verzekerden" in lines[2]
    golden("warn-msz.txt", result.out)


def test_within_defaults_to_14_days(run: Runner) -> None:
    assert run(*MSZ).out == run(*MSZ, "--within", "14").out
    assert len(run(*MSZ, "--within", "13").out.splitlines()) == 1


def test_nothing_due_prints_nothing_and_exits_0(run: Runner) -> None:
    result = run("warn", "msz", "2027", "--today", "2026-12-20", "--within", "3")
    assert (result.code, result.out, result.err) == (0, "", "")
    result = run("warn", "msz", "2027", "--today", "2026-12-20", "--within", "3",
                 "--format", "json")
    assert (result.code, result.out, result.err) == (0, "", "")


def test_days_announces_on_chosen_days_only(run: Runner) -> None:
    result = run(*MSZ, "--days", "13")
    assert result.code == 1
    assert len(result.out.splitlines()) == 1
    assert "wo 11 nov 2026" in result.out
    assert "VECOZO" in result.out
    result = run(*MSZ, "--days", "7,1")
    assert (result.code, result.out) == (0, "")
    assert run(*MSZ, "--days", " 14 , 13 ").out.count("\n") == 3


def test_due_today_is_always_included(run: Runner) -> None:
    result = run("warn", "msz", "2027", "--today", "2026-11-11", "--days", "30")
    assert result.code == 1
    assert result.out.startswith("vandaag  wo 11 nov 2026  msz 2027  Uiterste datum van "
                                 "ondertekening")
    result = run("warn", "msz", "2027", "--today", "2026-11-11", "--within", "0", "--lang", "en")
    assert result.out.startswith("today  Wed 11 Nov 2026  msz 2027  ")
    assert len(result.out.splitlines()) == 1


def test_past_and_unresolved_never_warn(run: Runner) -> None:
    # On 12 November 2026 the VECOZO signing (11 November) has passed; the rule
    # "6 weken na ontvangst" is unresolved until --on ontvangst is given.
    result = run("warn", "msz", "2027", "--today", "2026-11-12", "--within", "40")
    assert "VECOZO" not in result.out
    assert "ondertekend" not in result.out
    given = run("warn", "msz", "2027", "--today", "2026-11-12", "--within", "40",
                "--on", "ontvangst=2026-10-01")
    assert given.code == 1
    # 1 October + 6 weeks = 12 November: due today, with its rule shown.
    rule = "(6 weken na de dag van ontvangst van de zorgovereenkomst door de zorgaanbieder)"
    assert rule not in result.out
    signing = [line for line in given.out.splitlines() if rule in line]
    assert len(signing) == 1
    assert signing[0].startswith("vandaag  do 12 nov 2026  msz 2027  ")


def test_span_warns_on_its_last_day_with_the_policys_words(run: Runner) -> None:
    result = run("warn", "msz", "2027", "--today", "2026-09-25", "--within", "5")
    assert result.code == 1
    lines = result.out.splitlines()
    assert lines[0].startswith("5 dagen  wo 30 sep 2026  msz 2027  Aanbieden standaard "
                               "zorgovereenkomsten aan zorgaanbieders (september 2026)")
    assert "(eind september 2026)" in lines[1]


def test_atw_moves_a_term_before_it_warns(run: Runner) -> None:
    # Received Saturday 3 October 2026: six weeks later is Saturday 14 November; with
    # --atw the term ends on Monday 16 November.
    base = ("warn", "msz", "2027", "--today", "2026-11-13", "--on", "ontvangst=2026-10-03")
    plain = run(*base, "--days", "1")
    assert "za 14 nov 2026" in plain.out
    moved = run(*base, "--days", "3", "--atw")
    assert "ma 16 nov 2026" in moved.out
    assert "za 14 nov 2026" not in moved.out


def test_json_is_the_timeline_contract(run: Runner) -> None:
    result = run(*MSZ, "--format", "json")
    assert result.code == 1
    document = json.loads(result.out)
    assert document["today"] == TODAY
    assert [c["id"] for c in document["calendars"]] == [
        "zorg-en-zekerheid/msz-2027", "zorg-en-zekerheid/algemeen-2027"]
    entries = document["entries"]
    assert [e["date"] for e in entries] == ["2026-11-11", "2026-11-12", "2026-11-12"]
    assert [e["days_left"] for e in entries] == [13, 14, 14]
    for entry in entries:
        assert {"id", "calendar", "activity", "date", "status", "days_left", "condition",
                "section", "rule"} <= set(entry)
        assert entry["status"] == "upcoming"
    assert entries[0]["id"] == "ondertekening-vecozo"
    golden("warn-msz.json", result.out)


def test_every_calendar_when_none_is_named(run: Runner) -> None:
    result = run("warn", "--today", "2026-09-25", "--within", "10")
    assert result.code == 1
    assert "msz 2027" in result.out
    lines = result.out.splitlines()
    assert lines == sorted(lines, key=lambda line: int(line.split()[0])
                           if line.split()[0].isdigit() else 0)


def test_several_calendars_and_events_where_known(run: Runner) -> None:
    # aanbieding is an event of ambulancezorg 2027 only; msz 2027 does not know it.
    result = run("warn", "msz", "2027", "ambulancezorg", "2027", "--today", "2026-10-29",
                 "--on", "aanbieding=2026-10-05", "--within", "14")
    assert result.code == 1, result.err
    assert "ambulancezorg 2027" in result.out
    assert "ma 2 nov 2026" in result.out
    assert "msz 2027" in result.out
    lines = result.out.splitlines()
    assert lines[0].startswith(" 3 dagen  zo 1 nov 2026   ambulancezorg 2027  Uiterste datum")
    # 5 October + 4 weeks: the RAV's assessment, counted from the given aanbieding.
    assert lines[1].startswith(" 4 dagen  ma 2 nov 2026   ambulancezorg 2027  ")
    assert "(4 weken na de dag waarop de Wmg-zorgovereenkomst aan RAV Hollands Midden is " \
        "aangeboden)" in lines[1]
    assert lines[2].startswith("13 dagen  wo 11 nov 2026  msz 2027            Uiterste datum")


def test_inherited_entry_is_warned_of_once(run: Runner, tmp_path: Path) -> None:
    header = """[calendar]
publisher = "Test"
care_type = "{care}"
year = 2027
title = "Test {care}"
version = "1"
published = "1 april 2026"
source = "test"
{inherits}
[[entry]]
id = "{care}-ding"
activity = "Iets voor {care}"
party = "zorgaanbieder"
date = "{day}"
"""
    for care, day, inherits in (("algemeen", "2 november 2026", ""),
                                ("een", "3 november 2026", 'inherits = ["algemeen"]'),
                                ("twee", "4 november 2026", 'inherits = ["algemeen"]')):
        (tmp_path / f"{care}.toml").write_text(
            header.format(care=care, day=day, inherits=inherits), encoding="utf-8")
    result = run("warn", "--calendars", str(tmp_path), "--insurer", "test", "--today", TODAY)
    assert result.code == 1, result.err
    lines = result.out.splitlines()
    assert len(lines) == 3
    assert "algemeen 2027" in lines[0]
    assert "een 2027" in lines[1]
    assert "twee 2027" in lines[2]
    named = run("warn", "een", "2027", "twee", "2027", "een", "2027", "--calendars",
                str(tmp_path), "--insurer", "test", "--today", TODAY)
    assert named.out == result.out


def test_condition_filters_before_warning(run: Runner) -> None:
    # "reageert binnen zes weken op de offerte" holds only for maatwerk.
    result = run(*MSZ, "--unconditional")
    assert "reageert binnen zes weken" not in result.out
    assert "VECOZO" in result.out
    assert "reageert binnen zes weken" in run(*MSZ, "--condition", "maatwerk").out


@pytest.mark.parametrize(("args", "code", "message"), [
    (("--within", "-1"), 2, "--within -1: give 0"),
    (("--within", "x"), 2, "--within"),
    (("--days", "7,x"), 2, "--days '7,x': 'x' is not a number of days"),
    (("--days", "-1"), 2, "--days '-1'"),
    (("--days", "7,,1"), 2, "is not a number of days"),
    (("--days", "7", "--within", "3"), 2, "give one"),
    (("--today", "10/29/2026"), 2, "--today: '10/29/2026': month 29 does not exist"),
    (("--on", "nergens=2026-10-01"), 2, "no event 'nergens'"),
    (("--on", "ontvangst"), 2, "NAME=YYYY-MM-DD"),
    (("--condition", "onbekend"), 2, "no entry has that condition"),
    (("--format", "csv"), 2, "--format"),
])
def test_bad_options_are_one_line_usage_errors(run: Runner, args: tuple[str, ...], code: int,
                                               message: str) -> None:
    result = run(*MSZ, *args)
    assert result.code == code, result
    assert result.err.startswith("zinkoop: ")
    assert result.err.count("\n") == 1, result.err
    assert message in result.err, result.err
    assert result.out == ""


@pytest.mark.parametrize(("args", "code", "message"), [
    (("warn", "msz"), 2, "give a care type and a purchase year for each calendar"),
    (("warn", "msz", "twintig"), 2, "YEAR 'twintig' is not a year"),
    (("warn", "tandarts", "2027"), 3, "unknown care type 'tandarts'"),
    (("warn", "msz", "2030"), 3, "no msz calendar for purchase year 2030"),
    (("warn", "--insurer", "nobody"), 3, "no calendar from 'nobody'"),
    (("warn", "--calendars", "/nonexistent/zinkoop"), 2, "no such folder"),
])
def test_bad_calendars(run: Runner, args: tuple[str, ...], code: int, message: str) -> None:
    result = run(*args)
    assert result.code == code, result
    assert result.err.count("\n") == 1, result.err
    assert message in result.err, result.err
    assert result.out == ""


def test_broken_calendar_is_a_data_error(run: Runner, tmp_path: Path) -> None:
    (tmp_path / "kapot.toml").write_text("[calendar\n", encoding="utf-8")
    result = run("warn", "--calendars", str(tmp_path), "--today", TODAY)
    assert result.code == 3
    assert result.err.count("\n") == 1
    assert "kapot.toml" in result.err


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Pacific/Pago_Pago"])
def test_today_defaults_to_amsterdam(run: Runner, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch, zone: str) -> None:
    import time
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from zinkoop_cli.render.words import format_long_day

    # At any moment the machine's date in one of these zones (UTC+14, UTC-11) differs
    # from Amsterdam's, so a command that took the machine's date would fail one of them.
    with monkeypatch.context() as patched:
        patched.setenv("TZ", zone)
        time.tzset()
        amsterdam = datetime.now(ZoneInfo("Europe/Amsterdam")).date()
        (tmp_path / "vandaag.toml").write_text(f"""[calendar]
publisher = "Test"
care_type = "vandaag"
year = {amsterdam.year}
title = "Test"
version = "1"
published = "1 januari 2020"
source = "test"

[[entry]]
id = "vandaag"
activity = "Vandaag te doen"
date = "{format_long_day(amsterdam)}"
""", encoding="utf-8")
        result = run("warn", "--calendars", str(tmp_path), "--insurer", "test",
                     "--within", "0", "--format", "json")
    time.tzset()
    assert result.code == 1, result.err
    document = json.loads(result.out)
    assert document["today"] == amsterdam.isoformat()
    assert [e["status"] for e in document["entries"]] == ["today"]


OWN_DAYS = """[calendar]
publisher = "Test"
care_type = "een"
year = 2027
title = "Test een"
version = "1"
published = "1 april 2026"
source = "test"

[[entry]]
id = "eigen"
activity = "Met eigen dagen"
date = "8 november 2026"
warn = [21, 10]

[[entry]]
id = "gewoon"
activity = "Zonder eigen dagen"
date = "8 november 2026"
"""


def config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config" / "zinkoop" / "config.toml"  # conftest's XDG_CONFIG_HOME
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_an_entrys_own_warn_days_and_the_config_files(run: Runner, tmp_path: Path) -> None:
    folder = tmp_path / "kalenders"
    folder.mkdir()
    (folder / "een.toml").write_text(OWN_DAYS, encoding="utf-8")

    def warned(today: str, *more: str) -> list[str]:
        result = run("warn", "een", "2027", "--calendars", str(folder), "--today", today,
                     *more)
        assert result.err == ""
        return ["eigen" if "Met eigen" in line else "gewoon" for line in result.out.splitlines()]

    # 8 November is 10 days after 29 October: the entry's own day; the other one is within
    # the default 14 days.
    assert warned(TODAY) == ["eigen", "gewoon"]
    assert warned("2026-10-30") == ["gewoon"]
    assert warned("2026-10-18") == ["eigen"]  # 21 days ahead
    assert warned("2026-11-08") == ["eigen", "gewoon"]  # due today: always
    # --within and --days decide alone, as before.
    assert warned("2026-10-30", "--within", "14") == ["eigen", "gewoon"]
    assert warned("2026-10-18", "--days", "9") == []
    config(tmp_path, "[warn]\ndays = [9]\n")
    assert warned("2026-10-30") == ["gewoon"]
    assert warned(TODAY) == ["eigen"]
    config(tmp_path, "[warn]\ndays = [9]\n[warn.entries]\neigen = [9]\n")
    assert warned("2026-10-30") == ["eigen", "gewoon"]
    config(tmp_path, "[warn.care_types]\neen = [1]\n")
    assert warned("2026-11-07") == ["gewoon"]


def test_a_broken_config_file_stops_warn_but_not_within(run: Runner, tmp_path: Path) -> None:
    path = config(tmp_path, "[warn]\ndays = [14, -7]\n")
    result = run(*MSZ)
    assert (result.code, result.out) == (3, "")
    assert result.err == (f"zinkoop: {path}: warn.days: -7 is not a number of days from 0 to "
                          "400; write whole days before the date, e.g. warn.days = [14, 7, 1] "
                          "or warn.days = 7\n")
    # --within and --days do not need it, and do not read it.
    assert run(*MSZ, "--within", "14").code == 1
    path.unlink()
    path.mkdir()
    result = run(*MSZ)
    assert (result.code, result.out) == (4, "")
    assert result.err == f"zinkoop: {path}: not a regular file; the config file is a .toml " \
                         "file (or remove what is there)\n"


def test_a_calendars_bad_warn_key_is_a_data_error(run: Runner, tmp_path: Path) -> None:
    (tmp_path / "een.toml").write_text(OWN_DAYS.replace("[21, 10]", '"10"'), encoding="utf-8")
    result = run("warn", "--calendars", str(tmp_path), "--today", TODAY)
    assert result.code == 3
    assert "entry 'eigen': warn: '10' is not a number of days from 0 to 400" in result.err
    assert len(result.err.splitlines()) == 1


def test_a_tracked_contracts_deadline_follows_the_days_of_its_entry(
        run: Runner, tmp_path: Path) -> None:
    run("track", "add", "msz", "2027", "--provider", "Kliniek Oost",
        "--on", "ontvangst=2026-09-20")  # to sign by 1 November 2026

    def contract_lines(today: str) -> list[str]:
        result = run("warn", "msz", "2027", "--today", today)
        assert result.err == ""
        return [line for line in result.out.splitlines() if "Kliniek Oost" in line]

    assert contract_lines("2026-10-12") == []  # 20 days: beyond the default 14
    config(tmp_path, '[warn.entries]\n"ondertekening-zorgovereenkomst" = [20]\n')
    assert len(contract_lines("2026-10-12")) == 1
    assert contract_lines("2026-10-13") == []
    # Overdue is reported every day, whatever the days say.
    assert "te laat" in contract_lines("2026-11-05")[0]
