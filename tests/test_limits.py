"""The one range of days and offsets: what it refuses, and that it keeps every sum a date."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import Runner
from zinkoop_cli.core.holidays import holiday_name
from zinkoop_cli.core.limits import (
    FIRST_DAY,
    LAST_DAY,
    MAX_OFFSET,
    day_problem,
    offset_problem,
    year_problem,
)
from zinkoop_cli.core.resolve import atw_move, offset


def test_the_range_itself_is_accepted_and_one_day_beyond_is_not() -> None:
    assert day_problem(FIRST_DAY) is None
    assert day_problem(LAST_DAY) is None
    before = day_problem(FIRST_DAY - timedelta(days=1))
    after = day_problem(LAST_DAY + timedelta(days=1))
    assert before is not None
    assert "1999-12-31" in before
    assert FIRST_DAY.isoformat() in before
    assert after is not None
    assert "2101-01-01" in after
    assert LAST_DAY.isoformat() in after
    assert day_problem(date.max) is not None
    assert day_problem(date.min) is not None


def test_years_follow_the_same_range() -> None:
    assert year_problem(FIRST_DAY.year) is None
    assert year_problem(LAST_DAY.year) is None
    assert year_problem(FIRST_DAY.year - 1) == "year 1999 is out of range (2000-2100)"
    assert year_problem(9999) is not None


@pytest.mark.parametrize("unit", sorted(MAX_OFFSET))
def test_offsets_up_to_the_limit_are_accepted(unit: str) -> None:
    assert offset_problem(0, unit) is None
    assert offset_problem(MAX_OFFSET[unit], unit) is None
    problem = offset_problem(MAX_OFFSET[unit] + 1, unit)
    assert problem is not None
    assert str(MAX_OFFSET[unit]) in problem
    assert offset_problem(-1, unit) is not None


def test_an_unknown_unit_is_named() -> None:
    problem = offset_problem(1, "fortnights")
    assert problem is not None
    assert "fortnights" in problem


@pytest.mark.parametrize("unit", sorted(MAX_OFFSET))
@pytest.mark.parametrize("anchor", [FIRST_DAY, LAST_DAY])
@pytest.mark.parametrize("direction", ["after", "before"])
def test_the_largest_offset_from_either_end_is_a_day_with_holidays(
    unit: str, anchor: date, direction: str
) -> None:
    day = offset(anchor, MAX_OFFSET[unit], unit, direction)
    assert (day > anchor) if direction == "after" else (day < anchor)
    # The Atw can still be applied there: Easter and the holidays of that year exist.
    holiday_name(day)
    assert atw_move(anchor, day, direction) is not None


@settings(max_examples=60, deadline=None)
@given(
    st.dates(min_value=FIRST_DAY, max_value=LAST_DAY),
    st.sampled_from(["days", "weeks", "months", "years"]),
    st.data(),
)
def test_any_day_in_range_plus_any_allowed_offset_is_representable(
    anchor: date, unit: str, data: st.DataObject
) -> None:
    amount = data.draw(st.integers(min_value=0, max_value=MAX_OFFSET[unit]))
    for direction in ("after", "before"):
        day = offset(anchor, amount, unit, direction)
        assert date(1600, 1, 1) < day < date(2500, 1, 1)


@pytest.mark.parametrize(
    "args",
    [
        ("deadlines", "msz", "2027", "--on", "offerte=9999-12-20"),
        ("deadlines", "msz", "2027", "--on", "ontvangst=0001-01-01"),
        ("deadlines", "msz", "2027", "--today", "2101-01-01"),
        ("warn", "msz", "2027", "--today", "1999-12-31"),
        ("export", "msz", "2027", "--on", "ontvangst=9999-12-31", "-o", "x.ics"),
        ("track", "add", "msz", "2027", "--provider", "A", "--on", "ontvangst=9999-12-31"),
    ],
)
def test_a_day_out_of_range_on_the_command_line_is_exit_2(
    run: Runner, args: tuple[str, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(*args)
    assert (result.code, result.out) == (2, "")
    assert result.err.count("\n") == 1, result.err
    assert "is outside the days zinkoop accepts (2000-01-01 to 2100-12-31)" in result.err
    assert not (tmp_path / "x.ics").exists()


def test_track_add_out_of_range_stores_nothing(run: Runner) -> None:
    run("track", "add", "msz", "2027", "--provider", "A", "--on", "ontvangst=9999-12-31")
    listed = run("track", "list", "--today", "2026-10-29")
    assert listed.code == 0, listed
    assert "A" not in listed.out.split()


def test_track_import_of_a_day_out_of_range_is_exit_3_naming_the_line(
    run: Runner, tmp_path: Path
) -> None:
    path = tmp_path / "c.csv"
    path.write_text("provider,agb,care_type,year,ontvangst\nA,,msz,2027,2026-09-20\n"
                    "B,,msz,2027,9999-12-31\n", encoding="utf-8")
    result = run("track", "import", str(path))
    assert result.code == 3
    assert result.err == (f"zinkoop: {path}, line 3: ontvangst 9999-12-31 is outside the days "
                          "zinkoop accepts (2000-01-01 to 2100-12-31); check the year\n")
