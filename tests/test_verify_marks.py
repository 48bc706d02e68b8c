"""Entries with ``verify = true`` are marked "niet bevestigd" in every output (issue 12)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Runner

CALENDAR = """\
[calendar]
publisher = "Test"
care_type = "testzorg"
year = 2027
title = "Test 2027"
version = "1"
published = "1 april 2026"
source = "test"

[[entry]]
id = "offerte"
verify = true
activity = "Offerte indienen"
party = "zorgaanbieder"
date = "2 november 2026"

[[entry]]
id = "ondertekening"
activity = "Ondertekening overeenkomst"
party = "zorgaanbieder"
date = "3 november 2026"
"""
ARGS = ("testzorg", "2027", "--today", "2026-10-29")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "testzorg-2027.toml").write_text(CALENDAR, encoding="utf-8")
    return tmp_path


def line_of(text: str, activity: str) -> str:
    [line] = [line for line in text.splitlines() if activity in line]
    return line


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_the_table_marks_only_the_unverified_entry(run: Runner, folder: Path,
                                                   columns: int) -> None:
    result = run("deadlines", *ARGS, "--calendars", str(folder), columns=columns)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    offerte = next(n for n, line in enumerate(lines) if "Offerte indienen" in line)
    tekenen = next(n for n, line in enumerate(lines) if "Ondertekening" in line)
    assert "niet bevestigd" in "\n".join(lines[offerte:tekenen])
    assert "niet bevestigd" not in "\n".join(lines[tekenen:])


def test_english_says_not_verified(run: Runner, folder: Path) -> None:
    result = run("deadlines", *ARGS, "--calendars", str(folder), "--lang", "en")
    assert "not verified" in result.out
    assert "niet bevestigd" not in result.out


def test_json_has_verified(run: Runner, folder: Path) -> None:
    result = run("deadlines", *ARGS, "--calendars", str(folder), "--format", "json")
    entries = {entry["id"]: entry for entry in json.loads(result.out)["entries"]}
    assert entries["offerte"]["verified"] is False
    assert entries["ondertekening"]["verified"] is True


@pytest.mark.parametrize("form", ["csv", "markdown"])
def test_flat_forms_mark_the_when_cell(run: Runner, folder: Path, form: str) -> None:
    result = run("deadlines", *ARGS, "--calendars", str(folder), "--format", form)
    assert "ma 2 nov 2026 (niet bevestigd)" in line_of(result.out, "Offerte indienen")
    assert "niet bevestigd" not in line_of(result.out, "Ondertekening")


def test_warn_lines_mark_it(run: Runner, folder: Path) -> None:
    result = run("warn", *ARGS, "--calendars", str(folder))
    assert result.code == 1, result.err
    assert line_of(result.out, "Offerte indienen").endswith(" · niet bevestigd")
    assert "niet bevestigd" not in line_of(result.out, "Ondertekening")


def test_export_marks_summary_and_description(run: Runner, folder: Path,
                                              tmp_path: Path) -> None:
    out = tmp_path / "test.ics"
    result = run("export", "testzorg", "2027", "--calendars", str(folder), "-o", str(out))
    assert result.code == 0, result.err
    text = out.read_bytes().decode("utf-8").replace("\r\n ", "")
    assert "SUMMARY:Offerte indienen (niet bevestigd)" in text
    assert "SUMMARY:Ondertekening overeenkomst\r\n" in text
    [offerte] = [event for event in text.split("BEGIN:VEVENT") if "Offerte" in event]
    assert "\\nniet bevestigd\\n" in offerte


def test_track_list_json_has_verified(run: Runner, tmp_path: Path) -> None:
    # A contract's own deadlines are those counted from an event.
    relative = CALENDAR.replace('date = "2 november 2026"', 'after = "ontvangst"\nweeks = 2')
    relative = relative.replace('date = "3 november 2026"', 'after = "ontvangst"\nweeks = 3')
    (tmp_path / "testzorg-2027.toml").write_text(
        relative + '\n[events.ontvangst]\nlabel = "de dag van ontvangst"\n', encoding="utf-8")
    calendars = ("--calendars", str(tmp_path))
    added = run("track", "add", "testzorg", "2027", "--provider", "A",
                "--on", "ontvangst=2026-10-20", *calendars)
    assert added.code == 0, added.err
    result = run("track", "list", "--format", "json", "--today", "2026-10-29", *calendars)
    [contract] = json.loads(result.out)["contracts"]
    verified = {deadline["id"]: deadline["verified"] for deadline in contract["deadlines"]}
    assert verified == {"offerte": False, "ondertekening": True}
