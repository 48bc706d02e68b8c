"""A draft's [calendar] table: the document's date, and when zinkoop may read against it."""

from __future__ import annotations

import datetime as dt

import pytest

from zinkoop_cli.app.draft_header import Options, header_of
from zinkoop_cli.core.policy_text import Line
from zinkoop_cli.errors import UsageError


def header(text: str, **options: object) -> tuple[dict[str, object], list[str], dt.date | None]:
    lines = [Line(f"line {n}", t) for n, t in enumerate(text.split("\n"), 1)]
    return header_of(lines, Options(**options), "beleid.txt")  # type: ignore[arg-type]


TITLE = "Zorginkoopbeleid hulpmiddelen 2027\n\nVersie 1.0\n"


@pytest.mark.parametrize(("lines", "published"), [
    ("1 april 2026", "1 april 2026"),  # alone on the title page
    ("Datum: 1 april 2026", "1 april 2026"),
    ("Publicatiedatum 1 april 2026", "1 april 2026"),
    # A planning row naming the publication of the document itself.
    ("\n\nPlanning\n\n1 april 2026\tPublicatie inkoopbeleid hulpmiddelenzorg 2027",
     "1 april 2026"),
    ("\n\nDit inkoopbeleid is gepubliceerd op 1 april 2026.", "1 april 2026"),
    ("\n\nZ&Z heeft dit inkoopbeleid op 1 april 2026 op haar website geplaatst.", "1 april 2026"),
    ("Publicatiedatum: 1 april 2026\n\nWij publiceren op 12 november 2026 de lijst van "
     "gecontracteerde zorgaanbieders.", "1 april 2026"),
    # The publication row wins over a deadline for publishing something else.
    ("\n\nDe vergoedingsbedragen publiceren wij uiterlijk op 1 oktober 2026 op onze website."
     "\n\nPlanning\n\n1 april 2026\tPublicatie inkoopbeleid", "1 april 2026"),
])
def test_the_documents_date_is_one_it_states(lines: str, published: str) -> None:
    table, notes, written_on = header(TITLE + lines)
    assert table["published"] == published
    assert written_on == dt.date(2026, 4, 1)
    assert not [n for n in notes if n.startswith("published")]


@pytest.mark.parametrize(("lines", "published", "note"), [
    # A sentence's deadline is not even a guess for the header.
    ("\n\nDe vergoedingsbedragen publiceren wij uiterlijk op 1 oktober 2026 op onze website.",
     None, "published: no date of the document found; left out (add it if the policy carries "
           "one)"),
    ("\n\nGGZ Noord, 1 oktober 2026",
     "1 oktober 2026", "published: the first date near the top (1 oktober 2026); the document "
                       "does not say it is the publication date, so no phrase was read against it"),
    # Published in the NZa's Staatscourant: not this document.
    ("\n\nDe beleidsregel van de NZa, gepubliceerd op 12 december 2025, geldt.",
     None, "published: no date of the document found; left out (add it if the policy carries "
           "one)"),
    ("\n\nDe tarieven gelden vanaf 1 oktober 2026 voor alle aanbieders.",
     None, "published: no date of the document found; left out (add it if the policy carries "
           "one)"),
])
def test_a_date_the_document_does_not_say_is_its_own_is_never_read_against(
        lines: str, published: str | None, note: str) -> None:
    table, notes, written_on = header(TITLE + lines)
    assert written_on is None
    assert table.get("published") == published  # the header's guess, said to be one
    assert note in notes


def test_a_title_naming_several_years_needs_year() -> None:
    with pytest.raises(UsageError, match=r"the title 'Zorginkoopbeleid wijkverpleging "
                                         r"2028-2030' names 2028, 2030; give the purchase "
                                         r"year with --year YEAR"):
        header("Zorginkoopbeleid wijkverpleging 2028-2030\n")
    table, _, _ = header("Zorginkoopbeleid wijkverpleging 2028-2030\n", year=2029)
    assert table["year"] == 2029


def test_a_month_alone_on_the_title_page_dates_the_document_from_its_first_day() -> None:
    table, notes, written_on = header(TITLE + "april 2026\n")
    assert (table["published"], written_on) == ("1 april 2026", dt.date(2026, 4, 1))
    assert "published: the title page gives the month (april 2026); set to its first day" \
        in notes


def test_a_title_year_outside_2000_2100_needs_year() -> None:
    with pytest.raises(UsageError, match=r"the title's year 1998 is outside 2000-2100; give the "
                                         r"purchase year with --year YEAR"):
        header("Actieplan ambulancezorg 1998\n")
    table, _, _ = header("Zorginkoopbeleid GGZ 2100\n")
    assert table["year"] == 2100


def test_another_documents_publication_is_not_the_documents_date() -> None:
    _, notes, written_on = header(TITLE + "\n\nIn dit inkoopbeleid volgen wij het rapport van "
                                  "de NZa dat op 1 juni 2024 is gepubliceerd.")
    assert written_on is None
    assert "published: no date of the document found; left out (add it if the policy carries " \
           "one)" in notes
