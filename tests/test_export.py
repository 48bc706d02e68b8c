"""`zinkoop export`: the issue's acceptance, read back by three iCalendar parsers."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
import vobject  # type: ignore[import-untyped]
from ical.calendar_stream import IcsCalendarStream

from tests.conftest import Runner, golden

MSZ = ("export", "msz", "2027")
RECEIVED = "--on=ontvangst=2026-09-14"
NOW = "2026-12-01T06:00:00Z"


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:  # new events are stamped "now"
    monkeypatch.setenv("ZINKOOP_NOW", NOW)


def events_of(data: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(data).events)


def alarms_of(event: icalendar.Event) -> list[icalendar.Alarm]:
    return [part for part in event.subcomponents if isinstance(part, icalendar.Alarm)]


def trigger_of(alarm: icalendar.Alarm) -> timedelta | datetime | None:
    found: timedelta | datetime | None = alarm.TRIGGER
    return found


def by_day(data: bytes) -> dict[date, list[icalendar.Event]]:
    found: dict[date, list[icalendar.Event]] = {}
    for event in events_of(data):
        found.setdefault(event.start, []).append(event)
    return found


def independent_parsers_accept(data: bytes) -> int:
    """Parse with `ical` (strict, pydantic) and vobject (validating); both must agree on
    the number of events with icalendar."""
    text = data.decode("utf-8")
    strict = IcsCalendarStream.calendar_from_ics(text)
    loose = vobject.readOne(text, validate=True)
    loose_events = list(getattr(loose, "vevent_list", []))
    for event in loose_events:
        event.validate(raiseException=True)
    count = len(events_of(data))
    assert len(strict.events) == count
    assert len(loose_events) == count
    return count


@pytest.fixture
def msz(run: Runner, tmp_path: Path) -> bytes:
    target = tmp_path / "msz.ics"
    result = run(*MSZ, "-o", str(target), RECEIVED)
    assert result.code == 0, result.err
    return target.read_bytes()


def test_acceptance_two_all_day_deadlines_with_one_alarm_each(msz: bytes) -> None:
    days = by_day(msz)
    for due in (date(2026, 11, 11), date(2026, 10, 26)):
        assert due in days, due
        for event in days[due]:
            assert not isinstance(event.start, datetime)  # all-day: VALUE=DATE
            assert event.end == due + timedelta(days=1)
            assert len(alarms_of(event)) == 1
    (signing,) = days[date(2026, 10, 26)]
    assert "zes weken na de dag van ontvangst" in str(signing["DESCRIPTION"])
    assert b"DTSTART;VALUE=DATE:20261111\r\n" in msz


def test_lines_are_crlf_folded_at_75_octets_and_utf8(run: Runner, tmp_path: Path,
                                                     msz: bytes) -> None:
    target = tmp_path / "ambulance.ics"
    assert run("export", "ambulancezorg", "2027", "-o", str(target)).code == 0
    for data in (msz, target.read_bytes()):
        assert data.endswith(b"\r\n")
        lines = data.split(b"\r\n")[:-1]
        assert all(b"\n" not in line and b"\r" not in line for line in lines)
        assert max(len(line) for line in lines) <= 75
        data.decode("utf-8")  # never cut inside a character when folding
    unfolded = re.sub(rb"\r\n[ \t]", b"", target.read_bytes()).decode("utf-8")
    assert "repatriëring" in unfolded


def test_two_exports_are_byte_identical(run: Runner, tmp_path: Path, msz: bytes) -> None:
    again = tmp_path / "again.ics"
    assert run(*MSZ, "-o", str(again), RECEIVED).code == 0
    assert again.read_bytes() == msz
    # and over the same path, where the earlier file is the history for SEQUENCE
    same = tmp_path / "msz.ics"
    assert run(*MSZ, "-o", str(same), RECEIVED).code == 0
    assert same.read_bytes() == msz


def test_uids_are_unique_and_stable(run: Runner, tmp_path: Path, msz: bytes) -> None:
    uids = [str(event["UID"]) for event in events_of(msz)]
    assert len(uids) == len(set(uids))
    assert "ondertekening-vecozo.msz-2027.zorg-en-zekerheid@zinkoop" in uids
    other = tmp_path / "other.ics"
    assert run(*MSZ, "-o", str(other), "--on", "ontvangst=2026-10-01").code == 0
    assert {str(e["UID"]) for e in events_of(other.read_bytes())} == set(uids)
    # Another care type's file never shares a UID, even for inherited entries.
    ambulance = tmp_path / "ambulance.ics"
    assert run("export", "ambulance", "2027", "-o", str(ambulance)).code == 0
    assert not {str(e["UID"]) for e in events_of(ambulance.read_bytes())} & set(uids)


def test_every_exported_file_passes_three_parsers(run: Runner, tmp_path: Path) -> None:
    folder = tmp_path / "all"
    result = run("export", "--all", "-o", str(folder), "--on", "ontvangst=2026-09-14",
                 "--on", "aanbieding=2026-10-05", "--on", "ambulancewet=2027-01-01")
    assert result.code == 0, result.err
    files = sorted(folder.glob("*.ics"))
    assert [f.name for f in files] == [
        "vws-zn-azn-ambulancezorg-2018.ics",
        "zilveren-kruis-ambulancezorg-2024.ics",
        "zorg-en-zekerheid-ambulancezorg-2027.ics",
        "zorg-en-zekerheid-msz-2027.ics",
    ]
    for path in files:
        assert independent_parsers_accept(path.read_bytes()) > 0, path


def test_golden_ics(msz: bytes) -> None:
    golden("export-msz-2027.ics", msz.decode("utf-8"))


def test_calendar_properties(msz: bytes) -> None:
    cal = icalendar.Calendar.from_ical(msz)
    assert cal["METHOD"] == "PUBLISH"
    assert str(cal["PRODID"]).startswith("-//zinkoop//")
    assert cal["X-WR-CALNAME"] == cal["NAME"] == "Zorg en Zekerheid: msz 2027"
    reminded = 0
    for event in cal.events:
        assert event["TRANSP"] == "TRANSPARENT"
        assert event.DTSTAMP == event.LAST_MODIFIED == datetime.fromisoformat(NOW)
        assert "msz" in event.categories
        assert "Bron: " in str(event["DESCRIPTION"])
        # One reminder, but none for a fact or for the first day of a deadline's stretch.
        alarms = alarms_of(event)
        assert len(alarms) <= 1
        for alarm in alarms:
            reminded += 1
            assert alarm["ACTION"] == "DISPLAY"
            # seven days before, at 09:00: an all-day event starts at midnight
            assert trigger_of(alarm) == timedelta(days=-7, hours=9)
    assert reminded >= 15


def test_months_and_periods(msz: bytes) -> None:
    events = {str(e["UID"]).split("@")[0]: e for e in events_of(msz)}
    # "uiterlijk eind september" is a deadline: one event on its last day, with the
    # reminder, titled with the stretch (render.ics.shape_of; test_ics has each kind).
    end_of_september = events["contractvoorstel-vecozo.msz-2027.zorg-en-zekerheid"]
    assert str(end_of_september["SUMMARY"]).startswith("uiterlijk eind september 2026: ")
    assert end_of_september.start == date(2026, 9, 30)
    assert alarms_of(end_of_september)
    # A period is a happening: one event on its first day, titled with the whole stretch.
    period = events["aanvullingen-zorginkoopbeleid.msz-2027.zorg-en-zekerheid"]
    assert str(period["SUMMARY"]).startswith("1 jan 2026 t/m 31 dec 2027: ")
    assert period.start == date(2026, 1, 1)
    assert period.end == date(2026, 1, 2)  # not a banner over two years


def test_left_out_entries_are_listed_on_stderr(run: Runner, tmp_path: Path) -> None:
    result = run(*MSZ, "-o", str(tmp_path / "x.ics"))
    assert result.code == 0
    assert "21 events; left out 3 without a date" in result.err
    assert "ondertekening-zorgovereenkomst: needs --on ontvangst=YYYY-MM-DD" in result.err
    assert result.out == ""
    quiet = run(*MSZ, "-o", str(tmp_path / "y.ics"), "--quiet")
    assert (quiet.code, quiet.out, quiet.err) == (0, "", "")


def test_standard_output_is_the_same_bytes(msz: bytes) -> None:
    # In a real process: the bytes on stdout must keep their CRLF line ends.
    done = subprocess.run([sys.executable, "-m", "zinkoop_cli", *MSZ, "-o", "-", RECEIVED],
                          capture_output=True, check=False)
    assert done.returncode == 0
    assert done.stdout == msz
    assert b"22 events" in done.stderr


def test_sequence_rises_only_for_changed_events(run: Runner, tmp_path: Path) -> None:
    target = tmp_path / "msz.ics"

    def sequences() -> dict[str, int]:
        return {str(e["UID"]).split(".")[0]: e.sequence
                for e in events_of(target.read_bytes())}

    assert run(*MSZ, "-o", str(target), RECEIVED).code == 0
    first = sequences()
    assert set(first.values()) == {0}
    assert run(*MSZ, "-o", str(target), "--on", "ontvangst=2026-09-21").code == 0
    second = sequences()
    assert second["ondertekening-zorgovereenkomst"] == 1
    assert {k: v for k, v in second.items() if k != "ondertekening-zorgovereenkomst"} == \
        {k: 0 for k in first if k != "ondertekening-zorgovereenkomst"}
    unchanged = target.read_bytes()
    assert run(*MSZ, "-o", str(target), "--on", "ontvangst=2026-09-21").code == 0
    assert target.read_bytes() == unchanged  # no change, no new sequence
    assert run(*MSZ, "-o", str(target), "--on", "ontvangst=2026-09-14").code == 0
    assert sequences()["ondertekening-zorgovereenkomst"] == 2
    # a new reminder is a change of every event
    assert run(*MSZ, "-o", str(target), "--on", "ontvangst=2026-09-14", "--alarm", "2d").code == 0
    after = sequences()
    assert after["ondertekening-zorgovereenkomst"] == 3
    reminded = {str(e["UID"]).split(".")[0] for e in events_of(target.read_bytes())
                if alarms_of(e)}
    assert {after[key] for key in reminded} == {1, 3}
    assert {after[key] for key in after if key not in reminded} <= {0}


@pytest.mark.parametrize(("option", "trigger"), [
    (("--alarm", "14d"), timedelta(days=-14, hours=9)),
    (("--alarm", "2w"), timedelta(days=-14, hours=9)),
    (("--alarm", "1d"), timedelta(hours=-15)),
    (("--alarm", "0m"), timedelta(0)),
    (("--alarm", "12h"), timedelta(hours=-12)),
    (("--alarm", "30m"), timedelta(minutes=-30)),
])
def test_alarm_option(run: Runner, tmp_path: Path, option: tuple[str, str],
                      trigger: timedelta) -> None:
    target = tmp_path / "a.ics"
    assert run(*MSZ, "-o", str(target), *option).code == 0
    triggers = {trigger_of(alarm) for event in events_of(target.read_bytes())
                for alarm in alarms_of(event)}
    assert triggers == {trigger}


def test_no_alarm(run: Runner, tmp_path: Path) -> None:
    target = tmp_path / "a.ics"
    assert run(*MSZ, "-o", str(target), "--no-alarm").code == 0
    assert b"VALARM" not in target.read_bytes()
    assert events_of(target.read_bytes())


TIMED = """\
[calendar]
publisher = "Voorbeeld Verzekeraar"
care_type = "ggz"
year = 2027
version = "1.0"
published = "2026-04-01"
title = "GGZ inkoopbeleid 2027"
source = "Voorbeeld, GGZ inkoopbeleid 2027"

[[entry]]
id = "offerte-indienen"
activity = "Offerte indienen in het portaal"
party = "zorgaanbieder"
date = "4 augustus 2026"
time = "17:00"

[[entry]]
id = "aanmelden"
activity = "Aanmelden voor de inkoopronde"
party = "zorgaanbieder"
date = "15 juli 2026"
bound = "voor"
"""


def test_timed_event_in_amsterdam_with_its_timezone(run: Runner, tmp_path: Path) -> None:
    folder = tmp_path / "cals"
    folder.mkdir()
    (folder / "ggz-2027.toml").write_text(TIMED, encoding="utf-8")
    target = tmp_path / "ggz.ics"
    result = run("export", "ggz", "2027", "-o", str(target), "--calendars", str(folder))
    assert result.code == 0, result.err
    data = target.read_bytes()
    # the half hour up to the deadline, with an explicit end (docs/outlook.md says why)
    assert b"DTSTART;TZID=Europe/Amsterdam:20260804T163000\r\n" in data
    assert b"DTEND;TZID=Europe/Amsterdam:20260804T170000\r\n" in data
    assert b"BEGIN:VTIMEZONE\r\nTZID:Europe/Amsterdam\r\n" in data
    independent_parsers_accept(data)
    events = {str(e["SUMMARY"]): e for e in events_of(data)}
    timed = events["Offerte indienen in het portaal"]
    assert isinstance(timed.start, datetime)
    assert timed.start.utcoffset() == timedelta(hours=2)  # summer time
    assert timed.end - timed.start == timedelta(minutes=30)
    # seven days before at 09:00: from 16:30 that is 7 days 7.5 hours back
    (alarm,) = alarms_of(timed)
    assert trigger_of(alarm) == -timedelta(days=7, hours=7, minutes=30)
    before = events["vóór wo 15 jul 2026: Aanmelden voor de inkoopronde"]
    assert before.start == date(2026, 7, 14)  # "vóór 15 juli": the 14th is the last day


def test_all_skips_calendars_that_are_only_inherited(run: Runner, tmp_path: Path) -> None:
    result = run("export", "--all", "-o", str(tmp_path / "out"), "--quiet")
    assert result.code == 0
    names = {p.name for p in (tmp_path / "out").iterdir()}
    assert not any("algemeen" in name for name in names)
    assert len(names) == 4


# --- failures: one line, the documented exit code, and nothing lost -----------------------

@pytest.fixture
def existing(tmp_path: Path) -> Path:
    (tmp_path / "out").mkdir()
    path = tmp_path / "out" / "msz.ics"
    path.write_bytes(b"BEGIN:VCALENDAR\r\nold content\r\nEND:VCALENDAR\r\n")
    return path


def assert_untouched(path: Path) -> None:
    assert path.read_bytes() == b"BEGIN:VCALENDAR\r\nold content\r\nEND:VCALENDAR\r\n"
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no temp files


@pytest.mark.parametrize(("args", "code", "message"), [
    (("export", "tandarts", "2027"), 3, "unknown care type 'tandarts'"),
    (("export", "msz", "2031"), 3, "no msz calendar for purchase year 2031"),
    (("export", "msz", "2027", "--on", "ontvangst=2026-02-31"), 2, "does not exist"),
    (("export", "msz", "2027", "--on", "levering=2026-09-01"), 2, "knows no event"),
    (("export", "msz", "2027", "--alarm", "soon"), 2, "--alarm 'soon'"),
    (("export", "msz", "2027", "--alarm", "0d"), 2, "at least 1d"),
    (("export", "msz", "2027", "--alarm", "-2d"), 2, "--alarm '-2d'"),
    (("export", "msz", "2027", "--condition", "onbekend"), 2, "no entry has that condition"),
])
def test_failed_export_leaves_the_file(run: Runner, existing: Path, args: tuple[str, ...],
                                       code: int, message: str) -> None:
    result = run(*args, "-o", str(existing))
    assert result.code == code
    assert message in result.err
    assert result.err.count("\n") == 1
    assert "Traceback" not in result.err
    assert_untouched(existing)


def test_broken_calendar_leaves_the_file(run: Runner, existing: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "x.toml").write_text("[calendar\n", encoding="utf-8")
    result = run(*MSZ, "-o", str(existing), "--calendars", str(broken))
    assert result.code == 3
    assert result.err.count("\n") == 1
    assert_untouched(existing)


def test_unwritable_paths_exit_4(run: Runner, tmp_path: Path) -> None:
    a_file = tmp_path / "plain"
    a_file.write_text("x", encoding="utf-8")
    for target, message in [
        (a_file / "msz.ics", "does not exist"),
        (tmp_path / "missing" / "msz.ics", "does not exist"),
        (tmp_path, "it is a folder"),
    ]:
        result = run(*MSZ, "-o", str(target))
        assert result.code == 4, target
        assert message in result.err
        assert result.err.count("\n") == 1
        assert "Traceback" not in result.err


def test_a_failing_write_keeps_the_old_file(run: Runner, existing: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    # The disk fills up while writing: the rename never happens and the temp file goes.
    def full(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    result = run(*MSZ, "-o", str(existing))
    assert result.code == 4
    assert "No space left on device" in result.err
    assert_untouched(existing)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_folder_exit_4(run: Runner, existing: Path) -> None:
    existing.parent.chmod(0o555)
    try:
        result = run(*MSZ, "-o", str(existing))
    finally:
        existing.parent.chmod(0o755)
    assert result.code == 4
    assert_untouched(existing)


def test_permissions_of_an_existing_file_are_kept(run: Runner, existing: Path) -> None:
    existing.chmod(0o644)
    assert run(*MSZ, "-o", str(existing)).code == 0
    assert stat.S_IMODE(existing.stat().st_mode) == 0o644


@pytest.mark.parametrize(("args", "message"), [
    ((*MSZ,), "give the file to write with -o"),
    (("export", "-o", "x.ics"), "give CARE and YEAR"),
    (("export", "msz", "2027", "--all", "-o", "out"), "--all exports every calendar"),
    (("export", "--all", "-o", "-"), "give a folder"),
])
def test_usage_errors(run: Runner, args: tuple[str, ...], message: str) -> None:
    result = run(*args)
    assert result.code == 2
    assert message in result.err
