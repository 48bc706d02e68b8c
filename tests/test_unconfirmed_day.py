"""The mark for a day a decree probably equates, in a year whose decree is not on file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Runner

MARK = "mogelijk gelijkgestelde dag: besluit niet opgenomen"
CALENDAR = """\
[calendar]
publisher = "Test"
care_type = "testzorg"
year = 2020
title = "Test 2020"
version = "1"
published = "1 januari 2020"
source = "test"

[events.melding]
label = "de dag van melding"

[[entry]]
id = "reactie"
activity = "Reactie binnen drie weken na melding"
after = "melding"
weeks = 3
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "test-2020.toml").write_text(CALENDAR, encoding="utf-8")
    return tmp_path


def args(folder: Path, *more: str) -> list[str]:
    # Three weeks after 30 April 2020 is Hemelvaart, 21 May; --atw moves it to Friday 22 May,
    # a bridge day that the 2020 decree (not on file) probably equates with a holiday.
    return ["testzorg", "2020", "--calendars", str(folder), "--on", "melding=2020-04-30",
            "--atw", "--today", "2020-05-15", *more]


def test_the_table_shows_the_mark(run: Runner, folder: Path) -> None:
    result = run("deadlines", *args(folder), columns=120)
    assert result.code == 0
    assert "vr 22 mei 2020" in result.out
    assert MARK in " ".join(result.out.split())


def test_json_carries_the_mark_as_a_key(run: Runner, folder: Path) -> None:
    result = run("deadlines", *args(folder, "--format", "json"))
    [entry] = json.loads(result.out)["entries"]
    assert entry["date"] == "2020-05-22"
    assert entry["original_date"] == "2020-05-21"
    assert entry["unconfirmed_day"] is True


def test_warn_shows_the_mark(run: Runner, folder: Path) -> None:
    result = run("warn", *args(folder))
    assert result.code == 1
    assert MARK in result.out
    assert "possibly a day equated by decree" in run("warn", *args(folder, "--lang", "en")).out
