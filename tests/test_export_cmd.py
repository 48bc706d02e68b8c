"""`zinkoop export` (issue 13): identity UIDs, --for/--agb, short events, stamps, no empty file.

Files are read back by icalendar and by vobject and `ical` (tests.test_export).
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import icalendar
import pytest

from tests.conftest import Runner
from tests.test_export import MSZ, NOW, events_of, independent_parsers_accept

CSV = """\
provider,agb,care_type,year,ontvangst
Kliniek Oost,06010101,msz,2027,2026-09-20
Ziekenhuis West,,msz,2027,2026-08-01
Dialysecentrum Zuid,06030303,msz,2027,2026-09-01
"""
SIGN = "ondertekening-zorgovereenkomst"


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZINKOOP_NOW", NOW)


def tracked_uids(run: Runner, ledger: Path, target: Path) -> dict[str, str]:
    """Provider -> UID of its signing deadline, from an export --tracked."""
    result = run(*MSZ, "-o", str(target), "--tracked", "--ledger", str(ledger))
    assert result.code == 0, result.err
    data = target.read_bytes()
    independent_parsers_accept(data)
    found = {}
    for event in events_of(data):
        summary, uid = str(event["SUMMARY"]), str(event["UID"])
        if uid.startswith(SIGN + ".") and uid.count(".") > 2:
            found[summary.split(":")[0]] = uid
    return found


def imported(run: Runner, folder: Path, text: str) -> Path:
    folder.mkdir()
    source, ledger = folder / "contracten.csv", folder / "ledger.db"
    source.write_text(text, encoding="utf-8")
    assert run("track", "import", str(source), "--ledger", str(ledger)).code == 0
    return ledger


def contract_id(run: Runner, ledger: Path, provider: str) -> int:
    listed = json.loads(run("track", "list", "--format", "json", "--ledger", str(ledger)).out)
    (found,) = [c["id"] for c in listed["contracts"] if c["provider"] == provider]
    return int(found)


def test_a_reordered_import_into_a_new_ledger_keeps_every_providers_uids(
        run: Runner, tmp_path: Path) -> None:
    header, *lines = CSV.splitlines()
    first = imported(run, tmp_path / "a", CSV)
    second = imported(run, tmp_path / "b", "\n".join([header, *reversed(lines)]) + "\n")
    assert contract_id(run, first, "Kliniek Oost") != contract_id(run, second, "Kliniek Oost")
    before = tracked_uids(run, first, tmp_path / "a.ics")
    after = tracked_uids(run, second, tmp_path / "b.ics")
    assert set(before) == {"Kliniek Oost", "Ziekenhuis West", "Dialysecentrum Zuid"}
    assert before == after
    assert ".agb-06010101." in before["Kliniek Oost"]  # the AGB code, else the name
    assert ".provider-ziekenhuis-west." in before["Ziekenhuis West"]


def test_remove_and_add_another_provider_gives_a_new_uid(run: Runner, tmp_path: Path) -> None:
    ledger = imported(run, tmp_path / "a", CSV)
    target = tmp_path / "msz.ics"
    before = tracked_uids(run, ledger, target)
    gone = contract_id(run, ledger, "Dialysecentrum Zuid")
    assert run("track", "remove", str(gone), "--ledger", str(ledger)).code == 0
    assert run("track", "add", "msz", "2027", "--provider", "Andere Kliniek", "--on",
               "ontvangst=2026-09-01", "--ledger", str(ledger)).code == 0
    assert contract_id(run, ledger, "Andere Kliniek") != gone  # numbers are never reused
    after = tracked_uids(run, ledger, target)
    assert after["Andere Kliniek"] not in before.values()
    assert "Dialysecentrum Zuid" not in after  # its event is gone from the feed, not renamed
    sequences = {str(e["UID"]): e.sequence for e in events_of(target.read_bytes())}
    assert sequences[after["Andere Kliniek"]] == 0
    # The same provider removed and added again is the same provider: its UID comes back.
    assert run("track", "add", "msz", "2027", "--provider", "Dialysecentrum Zuid", "--agb",
               "06030303", "--on", "ontvangst=2026-09-01", "--ledger", str(ledger)).code == 0
    again = tracked_uids(run, ledger, target)
    assert again["Dialysecentrum Zuid"] == before["Dialysecentrum Zuid"]


def test_exports_for_two_providers_never_share_a_uid(run: Runner, tmp_path: Path) -> None:
    oost, west = tmp_path / "oost.ics", tmp_path / "west.ics"
    assert run(*MSZ, "-o", str(oost), "--on", "ontvangst=2026-09-14",
               "--for", "Kliniek Oost").code == 0
    assert run(*MSZ, "-o", str(west), "--on", "ontvangst=2026-09-20",
               "--agb", "06020202").code == 0
    east_events, west_events = events_of(oost.read_bytes()), events_of(west.read_bytes())
    assert not {str(e["UID"]) for e in east_events} & {str(e["UID"]) for e in west_events}
    assert all(str(e["SUMMARY"]).startswith("Kliniek Oost: ") for e in east_events)
    assert all(str(e["SUMMARY"]).startswith("AGB 06020202: ") for e in west_events)
    name = icalendar.Calendar.from_ical(oost.read_bytes())["X-WR-CALNAME"]
    assert "Kliniek Oost" in str(name)
    for path in (oost, west):
        independent_parsers_accept(path.read_bytes())


@pytest.mark.parametrize(("args", "message"), [
    (("--agb", "6010101"), "--agb: AGB code '6010101' is not 8 digits"),
    (("--for", "  "), "--for: give the provider's name"),
])
def test_for_and_agb_are_checked(run: Runner, tmp_path: Path, args: tuple[str, ...],
                                 message: str) -> None:
    result = run(*MSZ, "-o", str(tmp_path / "x.ics"), *args)
    assert result.code == 2
    assert message in result.err
    assert not (tmp_path / "x.ics").exists()


def test_no_event_of_a_shipped_calendar_spans_more_than_31_days(
        run: Runner, tmp_path: Path) -> None:
    folder = tmp_path / "all"
    assert run("export", "--all", "-o", str(folder), "--on", "ontvangst=2026-09-14",
               "--on", "aanbieding=2026-10-05", "--on", "ambulancewet=2027-01-01").code == 0
    for path in folder.glob("*.ics"):
        for event in events_of(path.read_bytes()):
            assert event.end - event.start <= timedelta(days=31), (path, event["UID"])
            for alarm in event.walk("VALARM"):  # every reminder before its event
                trigger = alarm.decoded("TRIGGER")
                assert isinstance(trigger, timedelta)
                assert trigger.total_seconds() <= 0


def test_a_changed_event_gets_a_new_stamp_and_the_rest_keep_theirs(
        run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "msz.ics"
    assert run(*MSZ, "-o", str(target), "--on", "ontvangst=2026-09-14").code == 0
    later = "2026-12-02T06:00:00+00:00"
    monkeypatch.setenv("ZINKOOP_NOW", later)
    unchanged = target.read_bytes()
    assert run(*MSZ, "-o", str(target), "--on", "ontvangst=2026-09-14").code == 0
    assert target.read_bytes() == unchanged  # a later run with nothing new: the same bytes
    assert run(*MSZ, "-o", str(target), "--on", "ontvangst=2026-09-21").code == 0
    stamps = {str(e["UID"]).split(".")[0]: (e.DTSTAMP, e.LAST_MODIFIED, e.sequence)
              for e in events_of(target.read_bytes())}
    assert stamps.pop(SIGN) == (datetime.fromisoformat(later),) * 2 + (1,)
    assert set(stamps.values()) == {(datetime.fromisoformat(NOW),) * 2 + (0,)}


def test_zinkoop_now_must_be_a_time_with_its_offset(run: Runner, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZINKOOP_NOW", "2026-12-01 06:00")
    result = run(*MSZ, "-o", str(tmp_path / "x.ics"))
    assert result.code == 2
    assert "ZINKOOP_NOW='2026-12-01 06:00': give an ISO time with its offset" in result.err


ONLY_ONGOING = """\
[calendar]
publisher = "Voorbeeld"
care_type = "ggz"
year = 2027
version = "1.0"
published = "2026-04-01"
title = "GGZ 2027"
source = "Voorbeeld, GGZ 2027"

[[entry]]
id = "doorlopend"
activity = "Doorlopend overleg"
continuous = true
written = "Doorlopend"
"""


def test_a_calendar_without_a_dated_entry_is_an_empty_valid_file(
        run: Runner, tmp_path: Path) -> None:
    folder = tmp_path / "cals"
    folder.mkdir()
    (folder / "ggz-2027.toml").write_text(ONLY_ONGOING, encoding="utf-8")
    out = tmp_path / "out"
    result = run("export", "--all", "-o", str(out), "--calendars", str(folder))
    assert result.code == 0, result.err
    assert "ggz-2027.ics: 0 events; left out 1 without a date" in result.err
    (path,) = out.glob("*ggz-2027.ics")
    data = path.read_bytes()
    assert b"BEGIN:VTIMEZONE" in data  # RFC 5545: at least one component
    assert independent_parsers_accept(data) == 0
