"""The month grid: Monday first, ISO weeks, marked weekends and holidays, items on their day."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zinkoop_cli.core.holidays import atw_holidays
from zinkoop_cli.render.grid import (
    LINES_PER_ITEM,
    TEXT_CELL,
    Item,
    Line,
    cell_width,
    grid_lines,
)

NOVEMBER = (2026, 11)
OFFER = Item("msz Offerte indienen bij de zorgverzekeraar",
             "msz: Offerte indienen bij de zorgverzekeraar", "green")
SIGN = Item("ambulancezorg Ondertekening", "ambulancezorg: Ondertekening", None)


def text(lines: list[Line]) -> list[str]:
    return ["".join(part for part, _ in line) for line in lines]


def week_rows(lines: list[str]) -> list[list[str]]:
    """The grid's rows split into cells (week column first), borders and headings left out."""
    return [line.split("|")[1:-1] for line in lines if line.startswith("|")][1:]


@pytest.mark.parametrize(("width", "cell"), [(40, 4), (60, 7), (80, 9), (120, 15)])
def test_seven_cells_and_the_week_column_fit_the_width(width: int, cell: int) -> None:
    assert cell_width(width) == cell
    assert 7 * cell + 11 <= width


@given(st.integers(min_value=2000, max_value=2100), st.integers(min_value=1, max_value=12),
       st.integers(min_value=40, max_value=160))
def test_no_line_is_wider_than_asked(year: int, month: int, width: int) -> None:
    items = {date(year, month, 1): [OFFER, SIGN], date(year, month, 28): [OFFER]}
    lines = text(grid_lines(year, month, items, atw_holidays(year), "nl", width))
    assert max(len(line) for line in lines) <= width
    assert all(line == line.rstrip() for line in lines)


def test_weeks_start_on_monday_with_their_iso_number() -> None:
    lines = text(grid_lines(*NOVEMBER, {}, {}, "nl", 80))
    assert lines[0].strip() == "november 2026"
    assert lines[2].startswith("|wk|ma       |di       |")
    assert lines[2].endswith("|zo       |")
    rows = week_rows(lines)
    firsts = [row for row in rows if row[0].strip()]
    # 1 November 2026 is a Sunday, in ISO week 44; the 30th a Monday, in week 49.
    assert [row[0].strip() for row in firsts] == ["44", "45", "46", "47", "48", "49"]
    assert firsts[0][7].strip() == "1*"
    assert [cell.strip() for cell in firsts[0][1:7]] == [""] * 6
    assert firsts[-1][1].strip() == "30"


def test_weekends_and_holidays_are_marked_and_named_under_the_grid() -> None:
    lines = text(grid_lines(2026, 12, {}, atw_holidays(2026), "nl", 80))
    christmas_week = next(row for row in week_rows(lines) if row[0].strip() == "52")
    assert [cell.strip() for cell in christmas_week[1:]] == [
        "21", "22", "23", "24", "25*", "26*", "27*"]
    assert lines[-1] == ("* weekend of feestdag (Atw): 25 dec eerste Kerstdag, 26 dec tweede "
                         "Kerstdag")
    wide = text(grid_lines(2026, 12, {}, atw_holidays(2026), "nl", 120))
    assert any("|eerste Kerstdag|tweede Kerstdag|" in line for line in wide)


def test_narrow_cells_show_numbers_and_the_list_has_the_text() -> None:
    items = {date(2026, 11, 12): [OFFER, SIGN], date(2026, 11, 2): [SIGN]}
    lines = text(grid_lines(*NOVEMBER, items, {}, "nl", 80))
    assert cell_width(80) < TEXT_CELL
    rows = week_rows(lines)
    assert [row[1].strip() for row in rows][2:4] == ["2", "1"]  # Monday 2 November
    assert [row[4].strip() for row in rows][4:6] == ["12", "2 3"]  # Thursday 12 November
    assert lines[-4:-1] == [
        "1 ma  2 nov  ambulancezorg: Ondertekening",
        "2 do 12 nov  msz: Offerte indienen bij de zorgverzekeraar",
        "3 do 12 nov  ambulancezorg: Ondertekening",
    ]
    assert lines[-1] == "* weekend of feestdag (Atw)"


def test_wide_cells_show_the_text_cut_to_two_lines() -> None:
    items = {date(2026, 11, 12): [OFFER]}
    rows = week_rows(text(grid_lines(*NOVEMBER, items, {}, "nl", 120)))
    thursday = [row[4].rstrip() for row in rows if len(row) == 8][4:8]
    assert thursday[:1 + LINES_PER_ITEM] == ["12", "1 msz Offerte", "indienen bij…"]


def test_only_the_months_own_items_count_and_an_empty_month_says_so() -> None:
    items = {date(2026, 10, 30): [OFFER], date(2026, 12, 1): [SIGN]}
    lines = text(grid_lines(*NOVEMBER, items, {}, "nl", 80))
    assert lines[-2] == "Geen deadlines in november 2026."
    english = text(grid_lines(*NOVEMBER, items, {}, "en", 80))
    assert english[0].strip() == "November 2026"
    assert english[2].startswith("|wk|Mon      |Tue      |")
    assert english[-2:] == ["No deadlines in November 2026.", "* weekend or holiday (Atw)"]


def test_styles_carry_the_status_and_today() -> None:
    items = {date(2026, 11, 12): [OFFER]}
    lines = grid_lines(*NOVEMBER, items, {}, "nl", 80, today=date(2026, 11, 3))
    segments = [segment for line in lines for segment in line]
    assert ("3", "reverse") in segments
    assert ("1", "green") in segments  # the item's number in its cell
    assert ("msz: Offerte indienen bij de zorgverzekeraar", "green") in segments
    assert ("1", "red") in segments  # Sunday 1 November


def test_a_word_too_long_for_a_cell_ends_in_an_ellipsis() -> None:
    items = {date(2026, 11, 12): [Item("zorgovereenkomstondertekening", "x", None)]}
    rows = week_rows(text(grid_lines(*NOVEMBER, items, {}, "nl", 60 + 7 * 6)))
    assert cell_width(102) == TEXT_CELL + 1
    thursday = [row[4].rstrip() for row in rows if len(row) == 8]
    assert "1" in thursday
    assert "zorgovereenk…" in thursday  # 12 letters and the ellipsis: 13 columns
