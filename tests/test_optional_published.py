"""A calendar may leave out `published`: many policies on web pages carry no date (issue 11)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import Runner

CALENDAR = """\
[calendar]
publisher = "Test"
care_type = "testzorg"
year = 2027
title = "Testbeleid 2027"
version = "geraadpleegd 3 juni 2026"
source = "Test, Testbeleid 2027 (webpagina, geraadpleegd 3 juni 2026)"

[[entry]]
id = "offerte"
activity = "Offerte indienen"
date = "2 november 2026"
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "cals").mkdir()
    (tmp_path / "cals" / "testzorg-2027.toml").write_text(CALENDAR, encoding="utf-8")
    return tmp_path / "cals"


def test_check_accepts_a_calendar_without_published(run: Runner, folder: Path) -> None:
    result = run("check", str(folder / "testzorg-2027.toml"), "--calendars", str(folder))
    assert (result.code, result.err) == (0, "")


def test_the_header_leaves_the_day_out(run: Runner, folder: Path) -> None:
    result = run("deadlines", "testzorg", "2027", "--calendars", str(folder),
                 "--today", "2026-10-29")
    assert result.code == 0, result.err
    assert result.out.splitlines()[0] == (
        "Testbeleid 2027 (Test, versie geraadpleegd 3 juni 2026)")


def test_list_json_gives_null(run: Runner, folder: Path) -> None:
    result = run("list", "--format", "json", "--calendars", str(folder))
    [calendar] = [c for c in json.loads(result.out)["calendars"] if c["care_type"] == "testzorg"]
    assert calendar["published"] is None
    assert "Testbeleid" not in run("list", "--calendars", str(folder)).err


def test_an_invalid_published_is_still_an_error(run: Runner, folder: Path) -> None:
    path = folder / "testzorg-2027.toml"
    path.write_text(CALENDAR.replace('version =', 'published = "ooit"\nversion ='),
                    encoding="utf-8")
    result = run("check", str(path), "--calendars", str(folder))
    assert result.code == 3
    assert "[calendar]: 'ooit'" in result.err


def test_export_writes_the_events(run: Runner, folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.ics"
    result = run("export", "testzorg", "2027", "--calendars", str(folder), "-o", str(out))
    assert result.code == 0, result.err
    assert b"SUMMARY:Offerte indienen" in out.read_bytes()


def test_without_a_clock_the_stamp_is_the_latest_published_day_or_a_fixed_one() -> None:
    from zinkoop_cli.loading.parse import parse_calendar
    from zinkoop_cli.render.ics_carry import stamp_of

    undated, _ = parse_calendar(CALENDAR, "t.toml")
    dated, _ = parse_calendar(CALENDAR.replace('version =', 'published = "1 april 2026"\n'
                                               'version ='), "u.toml")
    assert undated is not None
    assert dated is not None
    assert undated.published is None
    assert stamp_of([undated]) == date(2026, 1, 1)  # the year before the purchase year
    assert stamp_of([undated, dated]) == date(2026, 4, 1)
