"""`zinkoop calendar`: golden grids at three widths, the months shown, tracked contracts."""

from __future__ import annotations

import pytest

from tests.conftest import TODAY, Runner, golden
from zinkoop_cli.errors import UsageError

# The command module is imported in the tests, not here: importing it registers the command,
# and the order of `zinkoop --help` is the order of registration (COMMANDS in cli/app.py).

MSZ = ("calendar", "msz", "2027", "--month", "2026-11", "--months", "2",
       "--on", "ontvangst=2026-11-14", "--atw", "--today", TODAY)


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_golden_at_each_width(run: Runner, columns: int) -> None:
    result = run(*MSZ, columns=columns)
    assert (result.code, result.err) == (0, "")
    golden(f"calendar-msz-{columns}.txt", result.out)
    assert max(len(line) for line in result.out.splitlines()) <= columns


def test_golden_in_english(run: Runner) -> None:
    result = run(*MSZ, "--lang", "en")
    assert result.code == 0
    golden("calendar-msz-en.txt", result.out)


def test_default_is_the_month_of_today_for_every_calendar(run: Runner) -> None:
    result = run("calendar", "--today", "2026-10-29")
    assert result.code == 0
    assert result.out.splitlines()[0].strip() == "oktober 2026"
    assert "(verstreken) msz: Zorgaanbieder biedt eerste offerte aan" in result.out
    # An inherited calendar's deadline shows once, not once per care type inheriting it.
    assert result.out.count("\n1 ") == 1
    assert "\n2 " not in result.out


def test_tracked_contracts_stand_on_their_own_day(run: Runner) -> None:
    added = run("track", "add", "msz", "2027", "--provider", "Ziekenhuis Oost",
                "--on", "ontvangst=2026-11-02")
    assert added.code == 0
    plain = run("calendar", "msz", "2027", "--month", "2026-12", "--today", TODAY)
    tracked = run("calendar", "msz", "2027", "--month", "2026-12", "--today", TODAY,
                  "--tracked")
    assert "Ziekenhuis Oost" not in plain.out
    assert "ma 14 dec  msz: Ziekenhuis Oost (contract 1): De zorgovereenkomst moet" in \
        tracked.out


@pytest.mark.parametrize(("args", "message"), [
    (("--months", "0"), "--months"),
    (("--months", "13"), "--months"),
    (("--month", "2026-13"), "--month '2026-13' is not a month; write it as 2026-11"),
    (("--month", "volgende maand"), "is not a month"),
    (("msz",), "give a care type and a purchase year for each calendar"),
    (("--today", "gisteren"), "--today"),
])
def test_usage_errors_are_one_line_and_exit_2(run: Runner, args: tuple[str, ...],
                                              message: str) -> None:
    result = run("calendar", *args)
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith("zinkoop: ")
    assert message in result.err
    assert result.err.count("\n") == 1


def test_an_unknown_care_type_is_a_data_error(run: Runner) -> None:
    result = run("calendar", "tandarts", "2027", "--today", TODAY)
    assert result.code == 3
    assert result.err.startswith("zinkoop: ")


def test_a_month_is_read_as_iso_or_in_words() -> None:
    from zinkoop_cli.cli.calendar_cmd import parse_month

    assert parse_month("2026-11") == (2026, 11)
    assert parse_month("november 2026") == (2026, 11)
    with pytest.raises(UsageError, match="2026-11"):
        parse_month("11-2026")
