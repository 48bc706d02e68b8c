"""`zinkoop track`: the acceptance criteria of issue #6 (warn and export parts come later)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import TODAY, Runner, golden

SUBCOMMANDS = ("add", "import", "list", "done", "reopen", "remove", "history", "migrate")


def default_ledger(tmp_path: Path) -> Path:
    return tmp_path / "data" / "zinkoop" / "ledger.db"


def generated_csv(path: Path, rows: int, bad_line: int | None = None) -> Path:
    """``rows`` contracts; contract n received its zorgovereenkomst on one of 60 days."""
    lines = ["provider,agb,care_type,year,ontvangst\n"]
    for n in range(1, rows + 1):
        day = f"2026-09-{1 + n % 30:02d}" if n % 2 else f"2026-10-{1 + n % 30:02d}"
        if len(lines) + 1 == bad_line:
            day = "2026-09-31"
        lines.append(f"Zorgaanbieder {n},{n:08d},msz,2027,{day}\n")
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.mark.parametrize("sub", SUBCOMMANDS)
def test_every_subcommand_has_help_with_examples(run: Runner, sub: str) -> None:
    result = run("track", sub, "--help")
    assert result.code == 0
    assert "Examples:" in result.out
    assert f"zinkoop track {sub}" in result.out


def test_add_prints_the_number_and_again_the_same(run: Runner, tmp_path: Path) -> None:
    args = ("track", "add", "msz", "2027", "--provider", "Ziekenhuis A", "--agb", "06010101",
            "--on", "ontvangst=2026-09-20")
    assert (run(*args).out, run("track", "add", "msz", "2027", "--provider", "B").out) == (
        "1\n", "2\n")
    assert run(*args).out == "1\n"
    assert default_ledger(tmp_path).exists()


@pytest.mark.parametrize(("args", "code", "message"), [
    (("--agb", "1234567"), 2, "--agb: AGB code '1234567' is not 8 digits"),
    (("--agb", "0601010x"), 2, "--agb: AGB code '0601010x' is not 8 digits"),
    (("--on", "aanbieding=2026-10-05"), 2, "--on aanbieding: this calendar knows no event"),
    (("--on", "ontvangst=20-09-26"), 2, "--on ontvangst: '20-09-26': write the year in full"),
    (("--on", "ontvangst=gisteren"), 2, "--on ontvangst: 'gisteren' is not a day; write it as "
                                        "2026-09-14, 14-9-2026"),
    (("--provider", " "), 2, "--provider is empty"),
])
def test_add_refuses_bad_input(run: Runner, args: tuple[str, ...], code: int,
                               message: str) -> None:
    result = run("track", "add", "msz", "2027", "--provider", "A", *args)
    assert (result.code, result.out) == (code, "")
    assert result.err.startswith(f"zinkoop: {message}")
    assert result.err.count("\n") == 1


def test_add_of_an_unknown_care_type_is_a_data_error(run: Runner) -> None:
    result = run("track", "add", "tandarts", "2027", "--provider", "A")
    assert result.code == 3
    assert result.err.startswith("zinkoop: unknown care type 'tandarts'")


def test_import_of_10000_rows_then_list_shows_them_all(run: Runner, tmp_path: Path) -> None:
    path = generated_csv(tmp_path / "contracten.csv", 10_000)
    start = time.perf_counter()
    imported = run("track", "import", str(path))
    took = time.perf_counter() - start
    assert (imported.code, imported.out, imported.err) == (
        0, f"{path}: 10000 added, 0 updated\n", "")
    assert took < 5, f"import of 10,000 rows took {took:.1f} s"
    listed = run("track", "list", "--format", "json", "--today", TODAY)
    document = json.loads(listed.out)
    assert len(document["contracts"]) == 10_000
    first = document["contracts"][0]
    assert {"id", "provider", "agb", "care_type", "year", "events", "deadlines"} <= set(first)
    assert {"id", "activity", "date", "status", "days_left", "done"} <= set(
        first["deadlines"][0])
    again = run("track", "import", str(path))
    assert again.out == f"{path}: 0 added, 10000 updated\n"
    assert len(json.loads(run("track", "list", "--format", "json").out)["contracts"]) == 10_000


def test_receipt_on_20_september_means_signing_by_1_november(run: Runner) -> None:
    run("track", "add", "msz", "2027", "--provider", "Ziekenhuis A", "--agb", "06010101",
        "--on", "ontvangst=2026-09-20")
    document = json.loads(run("track", "list", "--format", "json", "--today", TODAY).out)
    assert document == {"today": TODAY, "contracts": [{
        "id": 1, "provider": "Ziekenhuis A", "agb": "06010101", "care_type": "msz",
        "year": 2027, "calendar": "zorg-en-zekerheid/msz-2027",
        "events": {"ontvangst": "2026-09-20"},
        "deadlines": [{
            "id": "ondertekening-zorgovereenkomst",
            "activity": "De zorgovereenkomst moet binnen zes weken na de dag van ontvangst "
                        "door de zorgaanbieder worden ondertekend.",
            "kind": "deadline",
            "date": "2026-11-01", "status": "upcoming", "days_left": 3, "done": False,
            "done_on": None, "calendar": "zorg-en-zekerheid/msz-2027",
            "party": "zorgaanbieder", "section": "5.3", "weekend": True, "holiday": None,
            "unconfirmed_day": False, "verified": True,
        }],
    }]}


def test_a_bad_date_on_line_51_rejects_the_whole_file(run: Runner, tmp_path: Path) -> None:
    path = generated_csv(tmp_path / "contracten.csv", 100, bad_line=51)
    result = run("track", "import", str(path))
    assert (result.code, result.out) == (3, "")
    assert result.err == (f"zinkoop: {path}, line 51: ontvangst 31 september 2026 does not "
                          "exist (september 2026 has 30 days)\n")
    assert json.loads(run("track", "list", "--format", "json").out)["contracts"] == []


def test_a_bad_row_leaves_the_ledger_as_it_was(run: Runner, tmp_path: Path) -> None:
    run("track", "add", "msz", "2027", "--provider", "Zorgaanbieder 1", "--agb", "00000001",
        "--on", "ontvangst=2026-09-01")
    path = generated_csv(tmp_path / "contracten.csv", 60, bad_line=60)
    assert run("track", "import", str(path)).code == 3
    [contract] = json.loads(run("track", "list", "--format", "json").out)["contracts"]
    assert contract["events"] == {"ontvangst": "2026-09-01"}


def test_reimport_updates_instead_of_duplicating(run: Runner, tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("provider,agb,care_type,year,ontvangst\n"
                    "Ziekenhuis A,06010101,msz,2027,2026-09-20\nKliniek B,,msz,2027,\n",
                    encoding="utf-8")
    assert run("track", "import", str(path)).out == f"{path}: 2 added, 0 updated\n"
    path.write_text("provider,agb,care_type,year,ontvangst\n"
                    "Ziekenhuis A.,06010101,msz,2027,2026-09-21\n"
                    "kliniek b,,medisch-specialistische-zorg,2027,2026-09-22\n"
                    "Kliniek C,,msz,2027,\n", encoding="utf-8")
    assert run("track", "import", str(path)).out == f"{path}: 1 added, 2 updated\n"
    contracts = json.loads(run("track", "list", "--format", "json").out)["contracts"]
    assert [(c["id"], c["provider"], c["events"]) for c in contracts] == [
        (1, "Ziekenhuis A.", {"ontvangst": "2026-09-21"}),
        (2, "kliniek b", {"ontvangst": "2026-09-22"}),
        (3, "Kliniek C", {}),
    ]


def test_done_then_list_shows_done_and_overdue_until_then(run: Runner) -> None:
    run("track", "add", "msz", "2027", "--provider", "Kliniek B", "--on",
        "ontvangst=2026-09-01", "--on", "offerte=2026-09-15")

    def statuses() -> list[tuple[str, str, bool]]:
        document = json.loads(run("track", "list", "--format", "json", "--today", TODAY).out)
        return [(d["id"], d["status"], d["done"]) for d in document["contracts"][0]["deadlines"]]

    assert statuses() == [("ondertekening-zorgovereenkomst", "overdue", False),
                          ("reactie-op-offerte", "overdue", False)]
    marked = run("track", "done", "1", "ondertekening-zorgovereenkomst", "--date", "2026-10-12")
    assert marked.out == ("contract 1 (Kliniek B): ondertekening-zorgovereenkomst done on "
                          "2026-10-12\n")
    assert statuses() == [("ondertekening-zorgovereenkomst", "done", True),
                          ("reactie-op-offerte", "overdue", False)]
    assert run("track", "done", "1", "--date", "2026-10-28").out == (
        "contract 1 (Kliniek B): reactie-op-offerte done on 2026-10-28\n")
    assert statuses() == [("ondertekening-zorgovereenkomst", "done", True),
                          ("reactie-op-offerte", "done", True)]
    assert run("track", "done", "1").out == "contract 1 (Kliniek B): nothing open\n"


def test_done_with_an_unknown_contract_or_deadline_lists_the_valid_ones(run: Runner) -> None:
    run("track", "add", "msz", "2027", "--provider", "A", "--on", "ontvangst=2026-09-01")
    result = run("track", "done", "7")
    assert (result.code, result.err.count("\n")) == (3, 1)
    assert "no contract 7; contracts: 1 (see 'zinkoop track list')" in result.err
    result = run("track", "done", "1", "ondertekening")
    assert result.code == 3
    assert result.err == ("zinkoop: contract 1 (A) has no deadline 'ondertekening'; its "
                          "deadlines: ondertekening-zorgovereenkomst\n")
    result = run("track", "done", "een")
    assert result.code == 3
    assert result.err.endswith("no contract whose provider is named or coded 'een'; "
                               "contracts: 1 (see 'zinkoop track list')\n")
    assert run("track", "done", "1", "--date", "gisteren").code == 2


def test_remove(run: Runner) -> None:
    run("track", "add", "msz", "2027", "--provider", "A")
    assert run("track", "remove", "1").out == "removed contract 1 (A, msz 2027)\n"
    result = run("track", "remove", "1")
    assert (result.code, result.err) == (
        3, f"zinkoop: ledger {os.environ['XDG_DATA_HOME']}/zinkoop/ledger.db: no contract 1; "
           "contracts: none (see 'zinkoop track list')\n")


def test_list_table_and_csv(run: Runner, tmp_path: Path) -> None:
    assert "Geen contracten gevolgd" in run("track", "list").out
    assert not default_ledger(tmp_path).exists(), "list must not create a ledger"
    run("track", "add", "msz", "2027", "--provider", "Ziekenhuis A", "--agb", "06010101",
        "--on", "ontvangst=2026-09-20")
    run("track", "add", "msz", "2027", "--provider", "Kliniek B", "--on",
        "ontvangst=2026-09-01", "--on", "offerte=2026-09-15")
    run("track", "add", "ambulance", "2027", "--provider", "RAV Hollands Midden", "--on",
        "aanbieding=2026-10-05")
    run("track", "add", "msz", "2027", "--provider", "Kliniek C")
    run("track", "done", "2", "reactie-op-offerte", "--date", "2026-10-20")
    for columns in (60, 80, 120):
        table = run("track", "list", "--today", TODAY, columns=columns).out
        golden(f"track-list-{columns}.txt", table)
        assert "…" not in table  # wrapped, never cut
        assert "ondertekening-zorgovereenkomst:" in table
        assert all(len(line) <= columns for line in table.splitlines())
    golden("track-list-en.txt", run("track", "list", "--today", TODAY, "--lang", "en",
                                    columns=120).out)
    golden("track-list.csv", run("track", "list", "--today", TODAY, "--format", "csv").out)
    only = run("track", "list", "ambulance", "2027", "--format", "json")
    assert [c["provider"] for c in json.loads(only.out)["contracts"]] == ["RAV Hollands Midden"]
    assert run("track", "list", "msz").code == 2
    assert run("track", "list", "tandarts", "2027").code == 3


def test_import_errors_are_one_line(run: Runner, tmp_path: Path) -> None:
    missing = run("track", "import", str(tmp_path / "weg.csv"))
    assert (missing.code, missing.err) == (
        4, f"zinkoop: {tmp_path / 'weg.csv'}: cannot read (No such file or directory)\n")
    not_a_ledger = tmp_path / "notes.txt"
    not_a_ledger.write_text("geen database\n" * 50, encoding="utf-8")
    result = run("track", "list", "--ledger", str(not_a_ledger))
    assert result.code == 3
    assert result.err.startswith(f"zinkoop: ledger {not_a_ledger}: not a zinkoop ledger")
    assert result.err.count("\n") == 1


def test_the_ledger_option_and_variable(run: Runner, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    chosen = tmp_path / "elders" / "inkoop.db"
    run("track", "add", "msz", "2027", "--provider", "A", "--ledger", str(chosen))
    monkeypatch.setenv("ZINKOOP_LEDGER", str(chosen))
    assert json.loads(run("track", "list", "--format", "json").out)["contracts"][0][
        "provider"] == "A"
    assert not default_ledger(tmp_path).exists()


def test_twenty_processes_adding_at_once_all_succeed(tmp_path: Path) -> None:
    ledger = tmp_path / "shared.db"
    env = {**os.environ, "ZINKOOP_LEDGER": str(ledger)}
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "zinkoop_cli", "track", "add", "msz", "2027",
             "--provider", f"Zorgaanbieder {n}", "--agb", f"{n:08d}",
             "--on", f"ontvangst=2026-09-{n:02d}"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        for n in range(1, 21)
    ]
    results = [(p.wait(timeout=60), *p.communicate()) for p in processes]
    assert [(code, err) for code, _, err in results] == [(0, "")] * 20
    assert sorted(int(out) for _, out, _ in results) == list(range(1, 21))
    with sqlite3.connect(ledger) as raw:
        assert raw.execute("SELECT count(*) FROM contracts").fetchone()[0] == 20
        assert raw.execute("SELECT count(*) FROM events").fetchone()[0] == 20


def test_other_commands_do_not_import_sqlite() -> None:
    code = (
        "import sys\n"
        "from zinkoop_cli.cli.app import main\n"
        "for args in (['deadlines', 'msz', '2027'], ['--help'], ['track', '--help']):\n"
        "    try:\n"
        "        main(args)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "sys.stderr.write(str(sorted({'sqlite3', 'csv', 'rich'} & set(sys.modules))))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stderr.strip() == "[]"


def test_the_examples_in_tracking_md_are_what_zinkoop_does(run: Runner, tmp_path: Path) -> None:
    text = (Path(__file__).parents[1] / "docs" / "tracking.md").read_text(encoding="utf-8")
    example_csv = text.split("```csv\n", 1)[1].split("```", 1)[0]
    example_json = json.loads(text.split("```json\n", 1)[1].split("```", 1)[0])
    path = tmp_path / "contracten.csv"
    path.write_text(example_csv, encoding="utf-8")
    assert run("track", "import", str(path)).out == f"{path}: 3 added, 0 updated\n"
    document = json.loads(run("track", "list", "--format", "json", "--today",
                              example_json["today"]).out)
    assert document["contracts"][0] == example_json["contracts"][0]
    assert "line 51: ontvangst 31 september 2026 does not exist" in text


@pytest.mark.parametrize("day", ["14-9-2026", "14-09-2026", "14 september 2026", "14 sep 2026"])
def test_add_and_list_read_a_day_the_dutch_way(run: Runner, day: str) -> None:
    assert run("track", "add", "msz", "2027", "--provider", "A", "--on",
               f"ontvangst={day}").code == 0
    found = json.loads(run("track", "list", "--format", "json", "--today", "29-10-2026").out)
    assert found["today"] == "2026-10-29"
    assert found["contracts"][0]["events"] == {"ontvangst": "2026-09-14"}


def test_import_of_a_fifo_does_not_wait_for_a_writer(run: Runner, tmp_path: Path) -> None:
    fifo = tmp_path / "contracten.csv"
    os.mkfifo(fifo)
    result = run("track", "import", str(fifo))
    assert (result.code, result.out) == (4, "")
    assert result.err == (f"zinkoop: {fifo}: not a regular file (a pipe or device); save the "
                          "contracts to a CSV file and give its name\n")


def three_contracts(run: Runner) -> None:
    for provider, agb, day in (("Kliniek Oost", None, "2026-09-15"),
                               ("Kliniek West", "06010101", "2026-09-20"),
                               ("Kliniek Oost-Zuid", None, None)):
        args = ["track", "add", "msz", "2027", "--provider", provider]
        args += ["--agb", agb] if agb else []
        args += ["--on", f"ontvangst={day}"] if day else []
        assert run(*args).code == 0


@pytest.mark.parametrize(("given", "number"), [
    ("2", 2), ("06010101", 2), ("kliniek west", 2), ("West", 2), ("  Kliniek   Oost ", 1),
    ("zuid", 3)])
def test_done_finds_a_contract_by_number_agb_code_or_name(run: Runner, given: str,
                                                          number: int) -> None:
    three_contracts(run)
    result = run("track", "done", given, "--date", "28-10-2026")
    assert result.code == 0, result.err
    assert result.out.startswith(f"contract {number} (")


def test_a_name_that_fits_several_lists_them_and_exits_2(run: Runner) -> None:
    three_contracts(run)
    for command in ("done", "reopen", "remove"):
        result = run("track", command, "kliniek")
        assert (result.code, result.out) == (2, "")
        assert result.err == ("zinkoop: 'kliniek' fits 3 contracts (1: Kliniek Oost, msz "
                              "2027; 2: Kliniek West (AGB 06010101), msz 2027; 3: Kliniek "
                              "Oost-Zuid, msz 2027); give the number\n")
    assert len(json.loads(run("track", "list", "--format", "json").out)["contracts"]) == 3


def test_reopen_undoes_done_and_the_history_says_so(run: Runner) -> None:
    three_contracts(run)
    run("track", "done", "1", "--date", "2026-10-20", "--by", "alice")
    result = run("track", "reopen", "kliniek oost", "--by", "bob")
    assert (result.code, result.out) == (0, "contract 1 (Kliniek Oost): "
                                            "ondertekening-zorgovereenkomst open again (done "
                                            "on 2026-10-20)\n")
    assert run("track", "reopen", "1").out == "contract 1 (Kliniek Oost): nothing done\n"
    assert run("track", "reopen", "1", "ondertekening-zorgovereenkomst").out == (
        "contract 1 (Kliniek Oost): ondertekening-zorgovereenkomst is not done\n")
    assert run("track", "reopen", "1", "x").code == 3
    history = json.loads(run("track", "history", "1", "--format", "json").out)["history"]
    assert [(c["action"], c["by"]) for c in history][-2:] == [("done", "alice"),
                                                              ("reopened", "bob")]
    [contract, *_] = json.loads(run("track", "list", "--format", "json", "--today",
                                    TODAY).out)["contracts"]
    assert contract["deadlines"][0]["status"] == "overdue"


def test_list_overdue_and_status_keep_only_those_deadlines(run: Runner) -> None:
    three_contracts(run)

    def listed(*args: str) -> list[tuple[int, list[str]]]:
        found = json.loads(run("track", "list", "--format", "json", "--today", TODAY,
                               *args).out)["contracts"]
        return [(c["id"], [d["status"] for d in c["deadlines"]]) for c in found]

    assert listed("--overdue") == [(1, ["overdue"])]
    assert listed("--status", "upcoming") == [(2, ["upcoming"])]
    assert listed("--status", "upcoming", "--overdue") == [(1, ["overdue"]), (2, ["upcoming"])]
    assert listed("--status", "done") == []
    assert run("track", "list", "--status", "done", "--today", TODAY).out == (
        "Geen termijnen met deze status.\n")
    assert run("track", "list", "--status", "klaar").code == 2
