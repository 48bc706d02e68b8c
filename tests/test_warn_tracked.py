"""`warn` and `export --tracked` over the ledger: issue 6's acceptance for tracked contracts."""

from __future__ import annotations

import json
from pathlib import Path

import icalendar
import pytest

from tests.conftest import Runner

CSV = """\
provider,agb,care_type,year,ontvangst
Kliniek Oost,06010101,msz,2027,2026-09-20
Ziekenhuis West,,msz,2027,2026-08-01
Dialysecentrum Noord,06020202,msz,2027,
"""


@pytest.fixture
def ledger(run: Runner, tmp_path: Path) -> Path:
    path = tmp_path / "ledger.db"
    source = tmp_path / "contracten.csv"
    source.write_text(CSV, encoding="utf-8")
    result = run("track", "import", str(source), "--ledger", str(path))
    assert result.code == 0, result.err
    return path


def contract_id(run: Runner, ledger: Path, provider: str) -> int:
    listed = json.loads(run("track", "list", "--format", "json", "--ledger", str(ledger)).out)
    (found,) = [c["id"] for c in listed["contracts"] if c["provider"] == provider]
    return int(found)


def test_warn_names_a_contract_until_it_is_done(run: Runner, ledger: Path) -> None:
    args = ("warn", "--today", "2026-10-29", "--within", "7", "--ledger", str(ledger))
    before = run(*args)
    assert before.code == 1
    (oost,) = [line for line in before.out.splitlines() if "Kliniek Oost" in line]
    assert "zo 1 nov 2026" in oost  # ontvangst 2026-09-20 + six weeks
    assert "3 dagen" in oost
    assert "binnen zes weken na de dag van ontvangst" in oost
    done = run("track", "done", str(contract_id(run, ledger, "Kliniek Oost")),
               "--ledger", str(ledger))
    assert done.code == 0, done.err
    after = run(*args)
    assert "Kliniek Oost" not in after.out


def test_an_unsigned_past_deadline_is_overdue_and_first(run: Runner, ledger: Path) -> None:
    result = run("warn", "--today", "2026-10-29", "--within", "7", "--ledger", str(ledger))
    lines = result.out.splitlines()
    assert lines[0].lstrip().startswith("47 dagen te laat  za 12 sep 2026")
    assert "Ziekenhuis West" in lines[0]
    # whatever the window: overdue stays until it is marked done
    narrow = run("warn", "--today", "2026-10-29", "--days", "30", "--ledger", str(ledger))
    assert narrow.code == 1
    assert "Ziekenhuis West" in narrow.out
    document = json.loads(run("warn", "--today", "2026-10-29", "--within", "7", "--format",
                              "json", "--ledger", str(ledger)).out)
    (west,) = [e for e in document["entries"] if e.get("contract", {}).get("provider")
               == "Ziekenhuis West"]
    assert west["status"] == "overdue"
    assert west["date"] == "2026-09-12"
    assert west["days_left"] == -47
    run("track", "done", str(contract_id(run, ledger, "Ziekenhuis West")),
        "--ledger", str(ledger))
    assert run("warn", "--today", "2026-10-29", "--days", "30", "--ledger",
               str(ledger)).code == 0


def test_warn_for_named_calendars_takes_only_their_contracts(run: Runner,
                                                             ledger: Path) -> None:
    result = run("warn", "ambulancezorg", "2027", "--today", "2026-10-29", "--within", "7",
                 "--ledger", str(ledger))
    assert "Ziekenhuis" not in result.out
    assert "Kliniek" not in result.out


def test_warn_without_a_ledger_creates_none(run: Runner, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZINKOOP_LEDGER", str(tmp_path / "nothing" / "ledger.db"))
    result = run("warn", "msz", "2027", "--today", "2026-10-29")
    assert result.code == 1
    assert not (tmp_path / "nothing").exists()


def test_mail_subject_counts_overdue() -> None:
    from datetime import date

    from zinkoop_cli.core.due import Alert
    from zinkoop_cli.core.resolve import timeline
    from zinkoop_cli.loading.catalog import Catalog
    from zinkoop_cli.render.warn import subject

    catalog = Catalog.load()
    msz = catalog.find("msz", 2027)
    rows = {row.key: row for row in timeline(msz, catalog.parents(msz), date(2026, 10, 29),
                                             {"ontvangst": date(2026, 8, 1)})}
    late = Alert(rows["ondertekening-zorgovereenkomst"], overdue=True)
    vecozo = Alert(rows["ondertekening-vecozo"])
    reply = Alert(rows["reactie-op-offerte"])
    assert subject([vecozo], "nl") == "zinkoop: 1 deadline, wo 11 nov 2026"
    assert subject([late, vecozo, reply], "nl") == \
        "zinkoop: 1 te laat, 2 deadlines, eerste wo 11 nov 2026"
    assert subject([late], "en") == "zinkoop: 1 overdue"


def test_export_tracked_gives_one_event_per_open_contract_deadline(
        run: Runner, ledger: Path, tmp_path: Path) -> None:
    target = tmp_path / "msz.ics"
    result = run("export", "msz", "2027", "-o", str(target), "--tracked", "--ledger",
                 str(ledger))
    assert result.code == 0, result.err
    events = icalendar.Calendar.from_ical(target.read_bytes()).events
    # A tracked contract's UID carries who it is with (its AGB code, else its name): issue 13.
    mine = {str(e["SUMMARY"]).split(":")[0]: e for e in events if str(e["UID"]).count(".") > 2}
    assert set(mine) == {"Kliniek Oost", "Ziekenhuis West"}  # Noord has no ontvangst yet
    oost = mine["Kliniek Oost"]
    assert str(oost.start) == "2026-11-01"
    assert "AGB 06010101" in str(oost["DESCRIPTION"])
    oost_id = contract_id(run, ledger, "Kliniek Oost")
    assert str(oost["UID"]) == ("ondertekening-zorgovereenkomst.agb-06010101"
                                ".msz-2027.zorg-en-zekerheid@zinkoop")
    run("track", "done", str(oost_id), "--ledger", str(ledger))
    assert run("export", "msz", "2027", "-o", str(target), "--tracked", "--ledger",
               str(ledger)).code == 0
    left = [str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(target.read_bytes()).events]
    assert not any(summary.startswith("Kliniek Oost") for summary in left)
    assert any(summary.startswith("Ziekenhuis West") for summary in left)
