"""The commands end to end: output, the JSON contract, every error path and its exit code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import TODAY, Runner, golden

MSZ = ("deadlines", "msz", "2027", "--today", TODAY)


def test_version_and_help(run: Runner) -> None:
    result = run("--version")
    assert (result.code, result.out.startswith("zinkoop ")) == (0, True)
    result = run("--help")
    assert result.code == 0
    assert "zinkoop deadlines msz 2027" in result.out


def test_list_json_contract(run: Runner) -> None:
    result = run("list", "--format", "json")
    assert result.code == 0, result.err
    calendars = json.loads(result.out)["calendars"]
    assert len(calendars) == 5
    for calendar in calendars:
        assert {"id", "publisher", "care_type", "year", "version", "title", "source",
                "entries"} <= set(calendar)
        assert isinstance(calendar["entries"], int)
        assert calendar["entries"] > 0
    assert {c["id"] for c in calendars} == {
        "zorg-en-zekerheid/algemeen-2027", "zorg-en-zekerheid/msz-2027",
        "zorg-en-zekerheid/ambulancezorg-2027", "zilveren-kruis/ambulancezorg-2024",
        "vws-zn-azn/ambulancezorg-2018"}


def test_list_table_golden(run: Runner) -> None:
    result = run("list", columns=120)
    assert result.code == 0
    golden("list.txt", result.out)


def test_check_passes_on_shipped_calendars(run: Runner) -> None:
    result = run("check")
    assert (result.code, result.err) == (0, "")
    assert result.out.startswith("5 calendars OK")


def test_check_missing_file_is_io_error(run: Runner, tmp_path: Path) -> None:
    result = run("check", str(tmp_path / "nope.toml"))
    assert result.code == 4
    assert result.err.count("\n") == 1
    assert "no such file" in result.err


def test_msz_acceptance_receipt_14_september(run: Runner) -> None:
    result = run(*MSZ, "--on", "ontvangst=2026-09-14", columns=160)
    assert result.code == 0, result.err
    lines = result.out.splitlines()

    def line_of(text: str) -> str:
        return next(line for line in lines if text in line)

    assert "ma 26 okt 2026" in line_of("De zorgovereenkomst moet binnen zes weken")
    assert "verstreken" in line_of("De zorgovereenkomst moet binnen zes weken")
    signing = line_of("Uiterste datum van ondertekening door")
    assert "wo 11 nov 2026" in signing
    assert " 13 " in signing
    assert "komend" in signing
    assert "do 12 nov 2026" in line_of("Zorgverzekeraar reageert binnen zes weken")
    golden("deadlines-msz-wide.txt", run(*MSZ, "--on", "ontvangst=2026-09-14", columns=120).out)


def test_msz_receipt_on_boxing_day_marked_then_moved(run: Runner) -> None:
    plain = run(*MSZ, "--on", "ontvangst=2026-11-14", columns=120)
    assert "za 26 dec 2026 *" in plain.out
    assert "weekend, tweede Kerstdag" in plain.out
    moved = run(*MSZ, "--on", "ontvangst=2026-11-14", "--atw", columns=160)
    assert "ma 28 dec 2026" in moved.out
    assert "Atw: za 26 dec 2026 -> ma 28 dec 2026" in moved.out
    golden("deadlines-msz-atw.txt", run(*MSZ, "--on", "ontvangst=2026-11-14", "--atw").out)


def test_ambulance_alias_and_rav_four_weeks(run: Runner) -> None:
    result = run("deadlines", "Ambulance", "2027", "--today", TODAY,
                 "--on", "aanbieding=2026-10-05", "--format", "json")
    assert result.code == 0, result.err
    entries = {e["id"]: e for e in json.loads(result.out)["entries"]}
    assert entries["beoordeling-rav"]["date"] == "2026-11-02"
    # The event by its label: the policy's words, not the name given to --on.
    assert entries["beoordeling-rav"]["rule"] == (
        "4 weken na de dag waarop de Wmg-zorgovereenkomst aan RAV Hollands Midden is aangeboden")
    assert entries["ondertekening-repatriering"]["weekend"] is True


@pytest.mark.parametrize(("aanvraag", "start"), [("2027-03-17", "2027-03-01"),
                                                 ("2026-10-10", "2027-01-01")])
def test_contract_start_from_application(run: Runner, aanvraag: str, start: str) -> None:
    result = run(*MSZ, "--on", f"aanvraag={aanvraag}", "--format", "json")
    entries = {e["id"]: e for e in json.loads(result.out)["entries"]}
    assert entries["ingangsdatum-zorgovereenkomst"]["date"] == start


def test_json_contract(run: Runner) -> None:
    result = run(*MSZ, "--format", "json")
    document = json.loads(result.out)
    assert document["today"] == TODAY
    assert [c["id"] for c in document["calendars"]] == [
        "zorg-en-zekerheid/msz-2027", "zorg-en-zekerheid/algemeen-2027"]
    for calendar in document["calendars"]:
        assert set(calendar) == {"id", "publisher", "care_type", "year", "version", "source"}
    keys = {"id", "calendar", "activity", "date", "status", "days_left", "condition", "section",
            "rule"}
    for entry in document["entries"]:
        assert keys <= set(entry)
        assert entry["status"] in {"past", "today", "upcoming", "unresolved", "undated"}
        assert (entry["date"] is None) == (entry["days_left"] is None)
    unresolved = [e for e in document["entries"] if e["status"] == "unresolved"]
    assert {e["id"] for e in unresolved} == {
        "ondertekening-zorgovereenkomst", "ingangsdatum-zorgovereenkomst",
        "hkz-certificering-dialysecentrum"}
    assert all(e["rule"] for e in unresolved)
    golden("deadlines-msz.json", result.out)


def test_csv_and_markdown_golden(run: Runner) -> None:
    result = run(*MSZ, "--on", "ontvangst=2026-09-14", "--format", "csv")
    assert result.code == 0
    assert result.out.splitlines()[0].startswith("id,calendar,date,")
    golden("deadlines-msz.csv", result.out)
    result = run(*MSZ, "--on", "ontvangst=2026-09-14", "--format", "markdown")
    golden("deadlines-msz.md", result.out)


def test_narrow_table_golden_and_english(run: Runner) -> None:
    golden("deadlines-msz-narrow.txt", run(*MSZ).out)
    sixty = run(*MSZ, "--on", "ontvangst=2026-09-14", columns=60).out
    golden("deadlines-msz-60.txt", sixty)
    # Nothing is cut: every line fits, but for a word longer than the room (a web address).
    assert all(len(line) <= 60 or " " not in line.strip() for line in sixty.splitlines())
    assert "zorginkoop.msz@zorgenzekerheid.nl" in sixty
    english = run(*MSZ, "--lang", "en", "--on", "ontvangst=2026-09-14")
    assert "Wed 11 Nov 2026" in english.out
    assert "upcoming" in english.out


def test_upcoming_and_conditions(run: Runner) -> None:
    def ids(*extra: str) -> set[str]:
        result = run(*MSZ, "--format", "json", *extra)
        assert result.code == 0, result.err
        return {e["id"] for e in json.loads(result.out)["entries"]}

    every = ids()
    assert "publicatie-zorginkoopbeleid" not in ids("--upcoming")
    only = ids("--condition", "bijcontracteren")
    assert {"bijcontracteren-melding", "ondertekening-vecozo"} <= only
    assert "nip-rapportage-april" not in only
    none = ids("--unconditional")
    assert "bijcontracteren-melding" not in none
    assert "ondertekening-vecozo" in none
    assert none < every


def test_no_escape_codes_without_terminal(run: Runner) -> None:
    assert "\x1b[" not in run(*MSZ).out


ERRORS = [
    (("deadlines", "mzs", "2027"), 3, "unknown care type 'mzs'. Did you mean 'msz'?"),
    (("deadlines", "msz", "2031"), 3, "no msz calendar for purchase year 2031; msz has: 2027"),
    (("deadlines", "msz", "twintig"), 2, "YEAR 'twintig' is not a year"),
    (("deadlines", "msz", "2027", "--on", "ontvangs=2026-09-14"), 2,
     "this calendar knows no event 'ontvangs'; its events are: aanvraag, contractering, "
     "offerte, ontvangst"),
    (("deadlines", "msz", "2027", "--on", "ontvangst=2026-02-31"), 2,
     "--on ontvangst: 31 februari 2026 does not exist (februari 2026 has 28 days)"),
    (("deadlines", "msz", "2027", "--on", "ontvangst"), 2, "write it as NAME=YYYY-MM-DD"),
    (("deadlines", "msz", "2027", "--today", "gisteren"), 2, "--today: 'gisteren' is not a day"),
    (("deadlines", "msz", "2027", "--format", "pdf"), 2, "Invalid value for '--format'"),
    (("deadlines", "msz", "2027", "--condition", "zomaar"), 2,
     "no entry has that condition"),
    (("deadlines", "msz", "2027", "--insurer", "cz"), 3,
     "no msz 2027 calendar from 'cz'; --insurer can be: zorg-en-zekerheid"),
    (("deadlines", "msz", "2027", "--calendars", "/nonexistent/zinkoop"), 2,
     "--calendars /nonexistent/zinkoop: no such folder"),
    (("deadlines", "msz", "2027", "--bogus"), 2, "No such option: --bogus"),
    (("frobnicate",), 2, "No such command 'frobnicate'"),
]


@pytest.mark.parametrize(("args", "code", "message"), ERRORS, ids=[" ".join(e[0]) for e in ERRORS])
def test_errors_one_line_with_code(run: Runner, args: tuple[str, ...], code: int,
                                   message: str) -> None:
    result = run(*args)
    assert result.code == code, result
    assert result.err.startswith("zinkoop: ")
    assert result.err.count("\n") == 1, result.err
    assert message in result.err, result.err
    assert result.out == ""


def test_two_publishers_need_insurer(run: Runner, tmp_path: Path) -> None:
    shipped = Path(__file__).parents[1] / "calendars" / "zorg-en-zekerheid" / "msz-2027.toml"
    text = shipped.read_text(encoding="utf-8").replace(
        'publisher = "Zorg en Zekerheid"', 'publisher = "Andere Verzekeraar"').replace(
        'inherits = ["algemeen"]\n', "")
    (tmp_path / "andere-msz-2027.toml").write_text(text, encoding="utf-8")
    result = run(*MSZ, "--calendars", str(tmp_path))
    assert result.code == 3
    assert "choose one with --insurer (andere-verzekeraar, zorg-en-zekerheid)" in result.err
    chosen = run(*MSZ, "--calendars", str(tmp_path), "--insurer", "andere-verzekeraar",
                 "--format", "json")
    assert chosen.code == 0, chosen.err
    assert json.loads(chosen.out)["calendars"][0]["id"] == "andere-verzekeraar/msz-2027"


def test_user_calendar_overrides_shipped_one(run: Runner, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    shipped = Path(__file__).parents[1] / "calendars" / "zorg-en-zekerheid" / "msz-2027.toml"
    text = shipped.read_text(encoding="utf-8").replace('"11 november 2026"', '"13 november 2026"')
    folder = tmp_path / "config" / "zinkoop" / "calendars"
    folder.mkdir(parents=True)
    (folder / "msz.toml").write_text(text, encoding="utf-8")
    result = run(*MSZ, "--format", "json")
    entries = {e["id"]: e for e in json.loads(result.out)["entries"]}
    assert entries["ondertekening-vecozo"]["date"] == "2026-11-13"
    # ZINKOOP_CALENDARS comes before the config folder; --calendars after everything.
    env_dir = tmp_path / "env"
    env_dir.mkdir()
    (env_dir / "msz.toml").write_text(text.replace("13 november", "20 november"), "utf-8")
    monkeypatch.setenv("ZINKOOP_CALENDARS", str(env_dir))
    entries = {e["id"]: e for e in json.loads(run(*MSZ, "--format", "json").out)["entries"]}
    assert entries["ondertekening-vecozo"]["date"] == "2026-11-13"
    entries = {e["id"]: e for e in json.loads(
        run(*MSZ, "--format", "json", "--calendars", str(env_dir)).out)["entries"]}
    assert entries["ondertekening-vecozo"]["date"] == "2026-11-20"


@pytest.mark.parametrize(("day", "today"), [
    ("14-9-2026", "29-10-2026"), ("14-09-2026", "29-10-2026"),
    ("14 september 2026", "29 oktober 2026"), ("14 sep 2026", "29 okt 2026")])
def test_on_and_today_read_a_day_the_dutch_way(run: Runner, day: str, today: str) -> None:
    iso = run("deadlines", "msz", "2027", "--on", "ontvangst=2026-09-14", "--today",
              "2026-10-29", "--format", "json")
    dutch = run("deadlines", "msz", "2027", "--on", f"ontvangst={day}", "--today", today,
                "--format", "json")
    assert dutch.code == 0, dutch.err
    assert dutch.out == iso.out
