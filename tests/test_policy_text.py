"""A policy's lines as sentences and rows: headings, table rows, sentences across lines."""

from __future__ import annotations

import pytest

from zinkoop_cli.core.policy_text import Line, date_cell, heading, split_sentences, units


@pytest.mark.parametrize(("text", "section"), [
    ("5.2 Planning", "5.2"), ("6 Heeft u vragen?", "6"), ("Bijlage 1 Wijzigingen", "Bijlage 1"),
    ("1 april 2026", None), ("19. De NZa publiceert. De eerste komt later", None),
    ("Het doel is goede zorg.", None),
])
def test_heading(text: str, section: str | None) -> None:
    assert heading(text) == section


def test_a_date_cell_is_wholly_a_date() -> None:
    found = date_cell("1 oktober 2027 (in geval van bijcontracteren)")
    assert found is not None
    assert [f.keys for f in found] == [{"date": "1 oktober 2027"}]
    assert date_cell("Publicatie zorginkoopbeleid 2027") is None
    assert date_cell("Uiterste datum") is None


def test_sentences_do_not_end_at_an_abbreviation() -> None:
    assert split_sentences("Wij volgen o.a. de NZa. Daarna volgt Q3. Klaar.") == [
        "Wij volgen o.a. de NZa.", "Daarna volgt Q3.", "Klaar."]


def test_units_join_wrapped_lines_and_know_their_section_and_line() -> None:
    lines = [Line(f"line {n}", t) for n, t in enumerate([
        "5.2 Planning", "", "De campagne is op 13 september 2018 ", "",
        "gestart met de Challenge. Daarna volgt meer.", "",
        "Datum\tOnderwerp", "1 april 2023 Publicatie inkoopbeleid 2024", "",
        "Doorlopend\tAanvullingen"], 1)]
    found = units(lines)
    assert [(u.where, u.section, u.text, u.date_cell) for u in found] == [
        ("line 3", "5.2", "De campagne is op 13 september 2018 gestart met de Challenge.", None),
        ("line 5", "5.2", "Daarna volgt meer.", None),
        ("line 7", "5.2", "Datum Onderwerp", None),
        ("line 8", "5.2", "Publicatie inkoopbeleid 2024", "1 april 2023"),
        ("line 10", "5.2", "Aanvullingen", "Doorlopend"),
    ]


def test_a_table_of_contents_line_is_skipped() -> None:
    lines = [Line("line 1", "5.2\tPlanning\t6"), Line("line 2", "5.2 Planning.....\t6")]
    assert units(lines) == []


def test_a_date_without_year_takes_the_year_its_column_header_gives() -> None:
    lines = [Line("line 1", "Datum 2026\tActiviteit"), Line("line 2", "1 oktober\tOfferte"),
             Line("line 3", "Planning 2027\tActiviteit"), Line("line 4", "1 oktober\tOfferte")]
    found = units(lines)
    assert [f.keys for f in found[1].found] == [{"date": "1 oktober 2026"}]
    assert [f.keys for f in found[3].found] == [None]  # 'Planning 2027': the purchase year


def test_a_borderless_row_with_the_date_last_is_a_row() -> None:
    lines = [Line(f"line {n}", t) for n, t in enumerate([
        "Planning", "", "Publicatie zorginkoopbeleid 1 april 2026",
        "Indienen offerte uiterlijk 1 juli 2026, 12.00 uur", "Ondertekenen vóór 12 november 2026",
        "", "De campagne is op 13 september 2018", "gestart met de Challenge."], 1)]
    found = units(lines)
    assert [(u.text, u.date_cell) for u in found] == [
        ("Publicatie zorginkoopbeleid", "1 april 2026"),
        ("Indienen offerte", "uiterlijk 1 juli 2026, 12.00 uur"),
        ("Ondertekenen", "vóór 12 november 2026"),
        ("De campagne is op 13 september 2018 gestart met de Challenge.", None)]


def test_a_year_alone_is_a_table_date_cell() -> None:
    (found,) = date_cell("2028") or ()
    assert found.keys == {"year": 2028}
