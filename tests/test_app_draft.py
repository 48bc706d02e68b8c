"""Drafting a calendar from policy lines: entries, rules, events, the header, what is not read."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SEEDS
from zinkoop_cli.app.draft import Options, Reading, draft, party_of, to_toml
from zinkoop_cli.core.policy_text import Line
from zinkoop_cli.loading.parse import parse_calendar
from zinkoop_cli.loading.policy import read_policy

SEED_FILES = sorted(SEEDS.glob("0*.txt")) if SEEDS.is_dir() else []
POLICY = """GGZ zorginkoopbeleid 2027

Versie 1.0

1 april 2026

5.2 Planning

Uiterste datum\tInkoopactiviteit
1 april 2026\tPublicatie zorginkoopbeleid op de website
1 oktober 2026\tZorgaanbieder biedt offerte aan. Wij reageren binnen zes weken op de offerte.
1 oktober 2027 (in geval van bijcontracteren)\tZorgaanbieder meldt overschrijding van het plafond
Doorlopend\tAanvullingen op het zorginkoopbeleid

5.3 Aanvragen

De zorgovereenkomst moet binnen zes weken na de dag van ontvangst worden ondertekend.
U ontvangt uiterlijk eind september een contractvoorstel.
"""


def lines(text: str) -> list[Line]:
    return [Line(f"line {n}", t) for n, t in enumerate(text.split("\n"), 1)]


def entries_of(text: str, **options: object) -> list[dict[str, object]]:
    result = draft(lines(text), Options(**options), "beleid.txt")  # type: ignore[arg-type]
    found = result.calendar["entry"]
    assert isinstance(found, list)
    return found


def test_rows_become_entries_with_their_section_and_verify_mark() -> None:
    found = {str(e["written"]): e for e in entries_of(POLICY)}
    row = found["1 april 2026"]
    assert row["activity"] == "Publicatie zorginkoopbeleid op de website"
    assert row["section"] == "5.2"
    assert row["date"] == "1 april 2026"
    assert str(row["note"]).startswith("VERIFY (line 10)")
    assert found["Doorlopend"]["continuous"] is True
    assert found["1 oktober 2027 (in geval van bijcontracteren)"]["condition"] == "bijcontracteren"


def test_a_rule_gets_an_event_named_after_what_it_counts_from_with_the_rows_default() -> None:
    result = draft(lines(POLICY), Options(), "beleid.txt")
    events = result.calendar["events"]
    assert isinstance(events, dict)
    offer = next(e for e in entries_of(POLICY) if e.get("written") == "1 oktober 2026")
    assert events["offerte"]["default"] == offer["id"]
    assert offer["activity"] == "Zorgaanbieder biedt offerte aan."
    assert "ontvangst" in events
    assert result.rules == 2


def test_a_date_without_year_is_read_against_the_documents_date_and_listed() -> None:
    # The policy is dated 1 april 2026: its 'eind september' is September 2026, the first
    # not past then. The entry says so in its note, and the summary lists it.
    result = draft(lines(POLICY), Options(), "beleid.txt")
    entry = next(e for e in entries_of(POLICY) if e.get("written") == "uiterlijk eind september")
    assert (entry["month"], entry["part"]) == ("september 2026", "eind")
    assert "no year written: 2026" in str(entry["note"])
    assert result.unread == []
    assert result.read_against == (Reading("line 18", "uiterlijk eind september",
                                           "eind september 2026"),)


def test_without_a_document_date_a_yearless_date_is_listed_with_its_line_not_guessed() -> None:
    # No date on the title page and no publication row: nothing to read the year against.
    undated = POLICY.replace("1 april 2026\n\n5.2", "5.2").replace(
        "1 april 2026\tPublicatie zorginkoopbeleid op de website\n", "")
    result = draft(lines(undated), Options(), "beleid.txt")
    assert [(u.where, u.written, u.reason) for u in result.unread] == [
        ("line 15", "uiterlijk eind september", "year missing")]
    assert not any("september" in str(e.get("written")) for e in entries_of(undated))
    assert result.read_against == ()


def test_the_header_comes_from_the_title_page_and_options_win() -> None:
    result = draft(lines(POLICY), Options("Voorbeeld", "ggz-x", 2028), "beleid.txt")
    header = result.calendar["calendar"]
    assert isinstance(header, dict)
    assert (header["publisher"], header["care_type"], header["year"]) == ("Voorbeeld", "ggz-x",
                                                                          2028)
    assert (header["version"], header["published"]) == ("1.0", "1 april 2026")
    assert header["title"] == "GGZ zorginkoopbeleid 2027"


def test_party_is_who_the_sentence_names_first() -> None:
    assert party_of("De zorgaanbieder levert aan bij Zorg en Zekerheid.", "Zorg en Zekerheid") \
        == "zorgaanbieder"
    assert party_of("Zorg en Zekerheid publiceert.", "Zorg en Zekerheid") == "zorgverzekeraar"
    assert party_of("RAV Hollands Midden heeft vier weken.", None) == "RAV"
    assert party_of("Niemand in het bijzonder.", None) is None
    assert party_of("Aanbieden standaard zorgovereenkomsten aan zorgaanbieders", None) is None
    assert party_of("Ondertekening door zorgaanbieder in VECOZO", None) == "zorgaanbieder"


@pytest.mark.skipif(not SEED_FILES, reason=f"no source documents in {SEEDS}")
@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name)
def test_each_seed_drafts_a_calendar_that_loads(seed: Path) -> None:
    result = draft(read_policy(seed).lines, Options("Uitgever", None, 2027), seed.name)
    calendar, problems = parse_calendar(to_toml(result, seed.name), "draft")
    assert problems == []
    assert calendar is not None
    assert len(calendar.entries) == result.entries >= 3
    assert all((e.note or "").startswith("VERIFY") for e in calendar.entries)


OTHER_STYLE = """Inkoopbeleid Wijkverpleging 2028

Hoofdstuk 3 Planning

Wat\tWanneer
Publicatie inkoopbeleid\t1 april 2027
Indienen offerte\tuiterlijk 1 juli 2027, 12.00 uur
Gesprekken met zorgaanbieders\tweek 38 van 2027
Ondertekening\tvóór 12 november 2027

Wij reageren binnen tien werkdagen na ontvangst van uw offerte.
In de tweede helft van 2027 evalueren wij de afspraken.
Het nieuwe kwaliteitskader volgt in het voorjaar.
"""


def test_another_insurers_style_reads_without_fitting() -> None:
    entries = entries_of(OTHER_STYLE, publisher="Andere Verzekeraar")
    whens = [{k: v for k, v in e.items() if k in {"date", "from", "time", "bound", "after",
                                                   "workdays", "period", "season"}}
             for e in entries]
    assert whens == [
        {"date": "1 april 2027"},
        {"date": "1 juli 2027", "time": "12:00"},
        {"from": "20 september 2027", "date": "26 september 2027"},  # ISO week 38
        {"date": "12 november 2027", "bound": "voor"},
        {"after": "ontvangst-offerte", "workdays": 10},
        {"period": ["1 juli 2027", "31 december 2027"]},
    ]
    assert {e["section"] for e in entries} == {"Hoofdstuk 3"}
    # 'in het voorjaar' without a year is no deadline or start: it may as well look back,
    # so it is not read against the publication day (1 april 2027) but listed.
    result = draft(lines(OTHER_STYLE), Options(), "beleid.txt")
    assert [(u.where, u.reason) for u in result.unread] == [
        ("line 13", "year missing: only a deadline or a start is read against the document's "
                    "date")]
    assert result.read_against == ()
    # Without the publication row the text has no date to read anything against.
    undated = OTHER_STYLE.replace("Publicatie inkoopbeleid\t1 april 2027\n", "")
    result = draft(lines(undated), Options(), "beleid.txt")
    assert [(u.where, u.reason) for u in result.unread] == [("line 12", "year missing")]


@pytest.mark.parametrize(("title", "year", "expected"), [
    ("Zorginkoopbeleid wijkverpleging 2028", None,
     [{"period": ["1 januari 2028", "31 december 2028"]}]),
    ("Zorginkoopbeleid wijkverpleging 2028-2030", 2029,
     [{"period": ["1 januari 2029", "31 december 2029"]}]),
])
def test_a_one_year_contract_takes_the_purchase_year_only_when_it_is_sure(
        title: str, year: int | None, expected: list[dict[str, object]]) -> None:
    text = f"{title}\n\nWij sluiten met iedere aanbieder een eenjarig contract af.\n"
    result = draft(lines(text), Options("Voorbeeld", "wijkverpleging", year), "p.txt")
    entries = result.calendar["entry"]
    assert isinstance(entries, list)
    assert [{"period": e["period"]} for e in entries if "contract" in str(e["written"])] \
        == expected


TERMS = """Zorginkoopbeleid wijkverpleging 2028

1 april 2027

Afspraken

Het Hoofdlijnenakkoord ouderenzorg is op 1 juli 2022 gesloten. Het akkoord loopt tot en met 2026.
Dit inkoopbeleid geldt tot en met 2029.
De regeling loopt tot en met 2030.
"""


def test_an_end_without_a_start_takes_it_from_the_sentence_before_or_the_document() -> None:
    result = draft(lines(TERMS), Options("Voorbeeld"), "beleid.txt")
    entries = result.calendar["entry"]
    assert isinstance(entries, list)
    terms = [(e["activity"], e["period"], e["written"]) for e in entries if "period" in e]
    assert terms == [
        ("Het Hoofdlijnenakkoord ouderenzorg is op 1 juli 2022 gesloten. Het akkoord loopt tot "
         "en met 2026.", ["1 juli 2022", "31 december 2026"], "op 1 juli 2022 ... tot en met 2026"),
        ("Dit inkoopbeleid geldt tot en met 2029.", ["1 april 2027", "31 december 2029"],
         "tot en met 2029"),
    ]
    assert not any("date" in e and "2022" in str(e["date"]) for e in entries)  # merged, not two
    # Whose term 'De regeling' is, nothing says: listed.
    assert [(u.where, u.written, u.reason) for u in result.unread] == [
        ("line 9", "tot en met 2030", "an end without a start")]
    assert [r.reading for r in result.read_against] == ["1 april 2027 t/m 31 december 2029"]


def test_a_year_outside_2000_2100_is_listed_so_that_the_draft_passes_check() -> None:
    text = ("Actieplan ambulancezorg 2018\n\n12 november 1998\n\n"
            "Op 4 november 1998 begon het overleg.\nIn de komende drie jaar groeit de vraag.\n")
    result = draft(lines(text), Options("Voorbeeld"), "plan.txt")
    # Without a usable date of the document, 'de komende drie jaar' has nothing to count from.
    assert [(u.written, u.reason) for u in result.unread] == [
        ("Op 4 november 1998", "year 1998 is out of range (2000-2100)"),
        ("In de komende drie jaar", "counted from the document's date, which it does not state")]
    header = result.calendar["calendar"]
    assert isinstance(header, dict)
    assert "published" not in header  # the document's 1998 date is not used, nor made up
    assert "published: '12 november 1998': year 1998 is out of range (2000-2100); not used" \
        in result.header_notes
    assert result.read_against == ()
    calendar, problems = parse_calendar(to_toml(result, "plan.txt"), "plan.toml")
    assert calendar is not None
    assert problems == []


@pytest.mark.parametrize("title_page", ["Datum: 1 april 2026", "Publicatiedatum 1 april 2026",
                                        "1 april 2026\tPublicatie inkoopkader"])
def test_the_documents_date_may_carry_a_label_or_stand_in_a_publication_row(
        title_page: str) -> None:
    text = (f"Inkoopkader Wlz 2027\n\nVersie 1.0\n{title_page}\n\nPlanning\n\n"
            "Uiterlijk 1 november ontvangt u de overeenkomst.\n")
    result = draft(lines(text), Options("Voorbeeld"), "kader.txt")
    assert [r.reading for r in result.read_against] == ["1 november 2026"]


def test_a_rule_counted_from_a_written_day_has_that_day_as_its_events_default() -> None:
    text = ("Zorginkoopbeleid wijkverpleging 2028\n\n1 april 2027\n\nAanmelden\n\n"
            "Uiterlijk zes weken vóór 1 januari 2028 meldt u wijzigingen.\n"
            "Uiterlijk vier weken na 1 juli levert u de rapportage aan.\n")
    result = draft(lines(text), Options("Voorbeeld"), "beleid.txt")
    assert result.calendar["events"] == {
        "1-januari-2028": {"label": "1 januari 2028", "default": "1 januari 2028"},
        "1-juli": {"label": "1 juli"},  # no year written: the user gives the day
    }
    calendar, problems = parse_calendar(to_toml(result, "beleid.txt"), "beleid.toml")
    assert calendar is not None
    assert problems == []


def test_a_date_alone_outside_the_title_page_is_listed_not_lost() -> None:
    text = ("Zorginkoopbeleid wijkverpleging 2028\n\n1 april 2027\n\n" + "Tekst.\n" * 20
            + "\nPlanning\n\nUiterlijk 1 oktober 2027\n\nWij reageren snel.\n")
    result = draft(lines(text), Options("Voorbeeld"), "beleid.txt")
    assert [(u.written, u.reason) for u in result.unread] == [
        ("Uiterlijk 1 oktober 2027", "a date with no activity")]


def test_a_reading_before_the_documents_own_date_says_so() -> None:
    text = ("Inkoopkader Wlz 2028\n\n30 april 2027\n\nPlanning\n\n"
            "U dient uiterlijk 1 april van het jaar voorafgaand aan het contractjaar in.\n")
    result = draft(lines(text), Options("Voorbeeld"), "kader.txt")
    assert [r.reading for r in result.read_against] == [
        "1 april 2027 (before the document's own date: check it)"]


def test_a_season_ending_after_2100_is_listed() -> None:
    text = "Zorginkoopbeleid GGZ 2100\n\n1 april 2100\n\nVanaf de winter van 2100 start de pilot.\n"
    result = draft(lines(text), Options("Voorbeeld"), "beleid.txt")
    assert [(u.written, u.reason) for u in result.unread] == [
        ("Vanaf de winter van 2100", "year 2101 is out of range (2000-2100)")]


def test_an_offset_beyond_what_zinkoop_counts_is_listed() -> None:
    text = ("Zorginkoopbeleid GGZ 2027\n\n1 april 2026\n\n"
            "Wij beslissen binnen 923 jaar na ontvangst.\n")
    result = draft(lines(text), Options("Voorbeeld"), "beleid.txt")
    assert [(u.written, u.reason) for u in result.unread] == [
        ("binnen 923 jaar na ontvangst", "years = 923 is more than zinkoop accepts (at most "
                                         "300 years)")]


def test_more_forms_from_a_fifth_trial() -> None:
    text = ("Zorginkoopbeleid GGZ 2028\n\nVersie: 1.0 (definitief)\n1 april 2027\n\nAfspraken\n\n"
            "Dit beleid geldt tot en met 31 december 2028.\n"
            "Met ingang van het voorjaar van 2028 starten wij.\n"
            "Wij maken de tarieven bekend in de week van 13 december 2027.\n"
            "Aanbieders die in het vorige contractjaar de norm niet haalden, krijgen in het "
            "eerste kwartaal een gesprek.\n"
            "Een eerste overeenkomst is eenjarig; daarna is een overeenkomst voor drie jaar "
            "mogelijk.\n")
    result = draft(lines(text), Options("Voorbeeld"), "beleid.txt")
    header = result.calendar["calendar"]
    assert isinstance(header, dict)
    assert header["version"] == "1.0"
    entries = result.calendar["entry"]
    assert isinstance(entries, list)
    whens = {str(e["written"]): {k: v for k, v in e.items() if k in {
        "date", "from", "period", "starts", "year"}} for e in entries}
    # A day ending the document's own term is the end of a period from its date.
    assert whens["tot en met 31 december 2028"] == {"period": ["1 april 2027",
                                                               "31 december 2028"]}
    assert whens["Met ingang van het voorjaar van 2028"] == {"starts": "voorjaar 2028"}
    assert whens["in de week van 13 december 2027"] == {"from": "13 december 2027",
                                                         "date": "19 december 2027"}
    # The year of a relative clause before the comma lends nothing to the main clause.
    reasons = {u.written: u.reason for u in result.unread}
    assert reasons["in het eerste kwartaal"].startswith("year missing")
    assert reasons["overeenkomst voor drie jaar"] == "a contract that follows another: which years"
