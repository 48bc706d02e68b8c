"""Reading contracts from CSV: every problem named with its line in the file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from zinkoop_cli.errors import DataError, FileAccessError
from zinkoop_cli.loading.catalog import Catalog
from zinkoop_cli.loading.contracts_csv import read_contracts

HEADER = "provider,agb,care_type,year,ontvangst,offerte,aanbieding\n"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.load(env={})


def write(tmp_path: Path, text: str, name: str = "c.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding=encoding, newline="")
    return path


def test_rows_become_contracts(tmp_path: Path, catalog: Catalog) -> None:
    path = write(tmp_path, HEADER
                 + "Ziekenhuis  A ,06010101,msz,2027,2026-09-20,,\n"
                 + "\n"
                 + "RAV HM,,ambulance,2027,,,2026-10-05\n")
    first, second = read_contracts(path, catalog)
    assert first.provider == "Ziekenhuis A"
    assert (first.agb, first.care_type, first.year, first.calendar) == (
        "06010101", "msz", 2027, "zorg-en-zekerheid/msz-2027")
    assert dict(first.events) == {"ontvangst": date(2026, 9, 20)}
    assert (second.agb, second.care_type) == (None, "ambulancezorg")
    assert dict(second.events) == {"aanbieding": date(2026, 10, 5)}


def test_excel_with_dutch_settings_semicolons_and_bom(tmp_path: Path, catalog: Catalog) -> None:
    path = write(tmp_path, "provider;agb;care_type;year;ontvangst\r\n"
                           "Kliniek; Oost;06010101;msz;2027;2026-09-20\r\n".replace(
                               "Kliniek; Oost", '"Kliniek; Oost"'),
                 encoding="utf-8-sig")
    [contract] = read_contracts(path, catalog)
    assert contract.provider == "Kliniek; Oost"


def problem(path: Path, catalog: Catalog) -> str:
    with pytest.raises(DataError) as caught:
        read_contracts(path, catalog)
    assert caught.value.exit_code == 3
    assert "\n" not in caught.value.message
    return caught.value.message


@pytest.mark.parametrize(("row", "message"), [
    ("A,,msz,2027,2026-9-31,,", "line 3: ontvangst 31 september 2026 does not exist "
                                "(september 2026 has 30 days)"),
    ("A,,msz,2027,volgende week,,", "line 3: ontvangst 'volgende week' is not a day; write "
                                    "it as 2026-09-14, 14-9-2026"),
    (",,msz,2027,,,", "line 3: provider is empty"),
    ("A,6010101,msz,2027,,,", "line 3: AGB code '6010101' is not 8 digits (a spreadsheet may "
                              "have dropped a leading zero)"),
    ("A,,tandarts,2027,,,", "line 3: unknown care type 'tandarts'"),
    ("A,,msz,2031,,,", "line 3: no msz calendar for purchase year 2031; msz has: 2027"),
    ("A,,msz,twee,,,", "line 3: year 'twee' is not a year"),
    ("A,,msz,2027,,,2026-10-05", "line 3: msz 2027 has no event 'aanbieding' (its events: "
                                 "aanvraag, contractering, offerte, ontvangst); leave that "
                                 "cell empty"),
    ("A,,msz,2027,,,,", "line 3: 8 cells, but the header names 7 columns"),
    ("b,,msz,2027,,,", "line 3: the same contract as line 2 (b, msz 2027); keep one"),
    ("A,,msz,2027,9999-12-31,,", "line 3: ontvangst 9999-12-31 is outside the days zinkoop "
                                 "accepts (2000-01-01 to 2100-12-31); check the year"),
    ("A,,msz,2027,,1999-12-31,", "line 3: offerte 1999-12-31 is outside the days"),
    ('"A' + "x" * 200_000 + '",,msz,2027,,,', "line 3: a cell is longer than 131072 "
                                              "characters; is a quote (\") left open?"),
])
def test_a_bad_row_is_named_by_its_line(
        tmp_path: Path, catalog: Catalog, row: str, message: str) -> None:
    path = write(tmp_path, HEADER + "B,,msz,2027,2026-09-20,,\n" + row + "\n")
    found = problem(path, catalog)
    assert found.startswith(f"{path}, {message}"), found


def test_line_numbers_are_the_files_even_with_quoted_line_breaks(
        tmp_path: Path, catalog: Catalog) -> None:
    path = write(tmp_path, HEADER + '"Ziekenhuis\nA",,msz,2027,,,\nB,,msz,2027,nooit,,\n')
    assert f"{path}, line 4: ontvangst 'nooit'" in problem(path, catalog)


@pytest.mark.parametrize(("header", "message"), [
    ("provider,care_type,year\n", "line 1: no column agb"),
    ("provider,agb,care_type,year,ontvangst,ontvangst\n", "line 1: column 'ontvangst' "
                                                          "appears twice"),
    ("provider,agb,care_type,year,ontvangstdatum\n", "line 1: unknown column "
                                                     "'ontvangstdatum'; after "
                                                     "provider,agb,care_type,year come event "
                                                     "names: aanbieding,"),
    ("", "line 1: no header"),
])
def test_a_bad_header_is_line_1(
        tmp_path: Path, catalog: Catalog, header: str, message: str) -> None:
    path = write(tmp_path, header)
    assert problem(path, catalog).startswith(f"{path}, {message}")


def test_not_utf8_is_a_data_error_and_a_missing_file_an_access_error(
        tmp_path: Path, catalog: Catalog) -> None:
    path = write(tmp_path, HEADER + "Zorggroep Zuid-Oost Brabant é,,msz,2027,,,\n",
                 encoding="cp1252")
    assert "not UTF-8 text; save the file as CSV UTF-8" in problem(path, catalog)
    with pytest.raises(FileAccessError, match="cannot read"):
        read_contracts(tmp_path / "missing.csv", catalog)


def test_the_insurer_column_chooses_the_publisher(tmp_path: Path, catalog: Catalog) -> None:
    path = write(tmp_path, "provider,agb,care_type,year,insurer\n"
                           "A,,msz,2027,zorg-en-zekerheid\nB,,msz,2027,cz\n")
    assert "line 3: no msz 2027 calendar from 'cz'" in problem(path, catalog)


def test_a_line_separator_inside_a_cell_stays_in_that_cell(
        tmp_path: Path, catalog: Catalog) -> None:
    # str.splitlines() would cut the row at U+2028; a CSV file's rows end only at \n or \r.
    path = write(tmp_path, HEADER + "Ziekenhuis\u2028A,,msz,2027,2026-09-20,,\n"
                                    "B\u2029C,,msz\u0085,2027\u2028,,,\n"
                                    "D,,msz,2027,nooit,,\n")
    assert f"{path}, line 4: ontvangst 'nooit'" in problem(path, catalog)
    path = write(tmp_path, HEADER + "Ziekenhuis\u2028A,,msz,2027,2026-09-20,,\n"
                                    "B\u2029C,,msz\u0085,2027\u2028,,,\n")
    first, second = read_contracts(path, catalog)
    assert first.provider == "Ziekenhuis A"  # runs of white space become one space
    assert dict(first.events) == {"ontvangst": date(2026, 9, 20)}
    assert (second.provider, second.care_type, second.year) == ("B C", "msz", 2027)


@pytest.mark.parametrize("cell", ["14-9-2026", "14-09-2026", "14 september 2026", "14 sep 2026",
                                  "2026-09-14"])
def test_a_day_may_be_written_the_dutch_way(tmp_path: Path, catalog: Catalog, cell: str) -> None:
    path = write(tmp_path, HEADER + f"A,,msz,2027,{cell},,\n")
    [contract] = read_contracts(path, catalog)
    assert dict(contract.events) == {"ontvangst": date(2026, 9, 14)}


def test_a_fifo_is_refused_at_once_not_waited_on(tmp_path: Path, catalog: Catalog) -> None:
    import os

    fifo = tmp_path / "contracten.csv"
    os.mkfifo(fifo)
    with pytest.raises(FileAccessError) as caught:
        read_contracts(fifo, catalog)  # without a writer: this would wait for ever
    assert caught.value.exit_code == 4
    assert "not a regular file" in caught.value.message


def test_a_file_over_the_size_cap_is_refused(tmp_path: Path, catalog: Catalog,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from zinkoop_cli.loading import contracts_csv

    monkeypatch.setattr(contracts_csv, "MAX_BYTES", 100)
    path = write(tmp_path, HEADER + "A,,msz,2027,2026-09-14,,\n" * 10)
    with pytest.raises(DataError) as caught:
        read_contracts(path, catalog)
    assert "larger than" in caught.value.message
