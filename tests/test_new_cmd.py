"""`zinkoop new`: what it writes where, what it says, and each way it refuses."""

from __future__ import annotations

import tomllib
from pathlib import Path

from tests.conftest import Runner


def test_new_writes_into_the_config_folder_and_the_file_checks(run: Runner,
                                                               tmp_path: Path) -> None:
    result = run("new", "msz", "2028", "--with-general")
    assert result.code == 0, result.err
    assert result.out == ""
    folder = tmp_path / "config" / "zinkoop" / "calendars" / "zorg-en-zekerheid"
    assert result.err.splitlines()[:3] == [
        f"zinkoop: wrote {folder}/msz-2028.toml: msz 2028 from "
        "calendars/zorg-en-zekerheid/msz-2027.toml",
        "  19 entries moved one year and marked verify = true; 3 kept as written (relative "
        "or without a date)",
        "  [calendar] fill in version (now 'in te vullen') and source from the new policy, "
        "and published if it carries a date (left out)",
    ]
    assert f"zinkoop: wrote {folder}/algemeen-2028.toml: algemeen 2028" in result.err
    check = run("check")
    assert check.code == 0
    assert check.out == "7 calendars OK, 85 entries\n"
    assert check.err.splitlines()[1] == (
        f"zinkoop: warning: {folder}/msz-2028.toml: 19 entries not verified (verify = true): "
        "'publicatie-zorginkoopbeleid', 'afspraken-objectieve-informatie', "
        "'offerte-onderdelen' and 16 more; compare each with the policy, correct it, then "
        "remove the mark")
    strict = run("check", "--strict", str(folder / "msz-2028.toml"))
    assert (strict.code, strict.out) == (3, "")
    assert strict.err.startswith(f"zinkoop: {folder}/msz-2028.toml: 19 entries not verified")


def test_the_file_is_tomli_w_toml_with_a_header_and_verify_marks(run: Runner,
                                                                 tmp_path: Path) -> None:
    result = run("new", "algemeen", "2028", "-o", str(tmp_path / "uit"))
    assert result.code == 0, result.err
    text = (tmp_path / "uit" / "algemeen-2028.toml").read_text(encoding="utf-8")
    assert text.startswith("# Algemeen zorginkoopbeleid 2028: made by 'zinkoop new' from "
                           "zorg-en-zekerheid/algemeen-2027,\n# read from calendars/")
    data = tomllib.loads(text)
    assert data["calendar"]["year"] == 2028
    entries = {entry["id"]: entry for entry in data["entry"]}
    assert entries["publicatie-zorginkoopbeleid"]["date"] == "1 april 2027"
    assert entries["publicatie-zorginkoopbeleid"]["verify"] is True
    assert "verify" not in entries["aanvullingen-zorginkoopbeleid"]  # Doorlopend: kept


def test_an_existing_file_is_a_usage_error_until_force(run: Runner, tmp_path: Path) -> None:
    target = tmp_path / "ambulance.toml"
    target.write_text("oud\n", encoding="utf-8")
    args = ("new", "ambulance", "2025", "--insurer", "zilveren-kruis", "-o", str(target))
    result = run(*args)
    assert (result.code, result.err) == (
        2, f"zinkoop: {target}: already exists; use --force to overwrite it\n")
    assert target.read_text(encoding="utf-8") == "oud\n"
    assert run(*args, "--force").code == 0
    assert tomllib.loads(target.read_text(encoding="utf-8"))["calendar"]["year"] == 2025


def test_a_folder_that_cannot_be_made_is_exit_4(run: Runner, tmp_path: Path) -> None:
    (tmp_path / "bestand").write_text("", encoding="utf-8")
    result = run("new", "algemeen", "2028", "-o", str(tmp_path / "bestand" / "uit"))
    assert result.code == 4
    assert result.err.startswith(f"zinkoop: cannot create folder {tmp_path}/bestand/uit for "
                                 "algemeen-2028.toml: ")
    assert result.err.count("\n") == 1


def test_a_missing_general_calendar_is_exit_3_and_nothing_is_written(run: Runner,
                                                                    tmp_path: Path) -> None:
    result = run("new", "msz", "2028", "-o", str(tmp_path / "uit"))
    assert result.code == 3
    assert "add --with-general to make it too" in result.err
    assert not (tmp_path / "uit").exists()


def test_bad_years_are_usage_errors_and_an_unknown_calendar_a_data_error(run: Runner) -> None:
    assert run("new", "msz", "twee").err == ("zinkoop: YEAR 'twee' is not a year; write it as "
                                             "2027\n")
    result = run("new", "msz", "2028", "--from", "1999")
    assert (result.code, result.err) == (2, "zinkoop: --from 1999 is out of range (2000-2100)\n")
    result = run("new", "msz", "2027", "--from", "2027")
    assert (result.code, result.err) == (
        2, "zinkoop: --from 2027: start from a year before YEAR 2027\n")
    result = run("new", "msz", "2030")
    assert (result.code, result.err) == (
        3, "zinkoop: no msz calendar for purchase year 2029; msz has: 2027\n")
