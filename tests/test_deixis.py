"""Phrases read against the document: its date and the year it buys for (core.deixis)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zinkoop_cli.core.date_phrases import YEAR_MISSING, Found
from zinkoop_cli.core.deixis import NO_DATE as NO_DOCUMENT_DATE
from zinkoop_cli.core.deixis import NO_YEAR as NO_PURCHASE_YEAR
from zinkoop_cli.core.deixis import Frame, anchor, read_dates
from zinkoop_cli.core.dutch_words import MONTH_NAMES
from zinkoop_cli.loading.dates import month_span, parse_day

APRIL = Frame(dt.date(2023, 4, 1), 2024, "Zorginkoopbeleid ambulancezorg")
NO_DATE = Frame(None, 2024, "Zorginkoopbeleid ambulancezorg")


def keys_of(text: str, frame: Frame = APRIL) -> list[object]:
    return [found.keys for found in read_dates(text, frame)]


@pytest.mark.parametrize(("text", "keys"), [
    # No year written: the first not past on the document's date (1 april 2023).
    ("Vanaf het derde kwartaal starten wij het gesprek.", {"starts": "derde kwartaal 2023"}),
    ("U ontvangt uiterlijk eind september een voorstel.",
     {"month": "september 2023", "part": "eind"}),
    ("De offerte volgt uiterlijk 1 maart.", {"date": "1 maart 2024"}),
    ("De offerte volgt uiterlijk 1 april.", {"date": "1 april 2023"}),  # that day is not past
    ("Aanvragen vóór 1 april.", {"date": "1 april 2024", "bound": "voor"}),  # last day 31 maart
    ("Vanaf het voorjaar starten de gesprekken.", {"starts": "voorjaar 2023"}),
    ("Vanaf de winter starten de gesprekken.", {"starts": "winter 2023"}),  # 2022's has ended
    ("Tot en met 15 juli meldt u zich aan.", {"date": "15 juli 2023"}),
    ("Uiterlijk 1 februari om 12.00 uur.", {"date": "1 februari 2024", "time": "12:00"}),
    # Counted from the year of the document's date.
    ("Volgend jaar evalueren wij.", {"year": 2024}),
    ("Eind dit jaar evalueren wij.", {"year": 2023, "part": "eind"}),
    ("Vanaf komend jaar evalueren wij.", {"starts": 2024}),
    ("Het kader is in de komende drie jaar voldoende.",
     {"period": ["1 januari 2024", "31 december 2026"]}),
    # The year the document buys for.
    ("Dit bespreken wij gedurende het jaar.", {"year": 2024}),
    ("Tijdens het lopende contractjaar is er geen aanvullende inkoop.", {"year": 2024}),
    # A complement says the year: of the purchase, before or after it, or of the document.
    ("U dient uiterlijk 1 oktober van het contractjaar in.", {"date": "1 oktober 2024"}),
    ("In het tweede kwartaal van het contractjaar spreken wij u.",
     {"quarter": "tweede kwartaal 2024"}),
    ("Uiterlijk 1 mei na afloop van het contractjaar verantwoordt u.", {"date": "1 mei 2025"}),
    ("In het najaar van het jaar voorafgaand aan het contractjaar publiceren wij.",
     {"season": "najaar 2023"}),
    ("Uiterlijk eind september van dit jaar.", {"month": "september 2023", "part": "eind"}),
    ("Vorig jaar evalueerden wij.", {"year": 2022}),
    ("In de loop van het contractjaar volgt een gesprek.", {"year": 2024}),
])
def test_a_phrase_is_read_against_the_document_and_says_so(text: str,
                                                            keys: dict[str, object]) -> None:
    found = [f for f in read_dates(text, APRIL) if f.keys is not None]
    assert [f.keys for f in found] == [keys]
    assert found[0].framed
    assert found[0].note


@pytest.mark.parametrize(("text", "reason"), [
    # Only a deadline or a start is read against the document's date: 'in maart' may look
    # back ('In maart spraken wij ...').
    ("In maart spraken wij met de branche.", "only a deadline or a start"),
    ("Aanmelden van 1 t/m 15 juli.", "only a deadline or a start"),
    # The sentence places it elsewhere.
    ("In het voorjaar meet u; uiterlijk 1 juli 2028 deelt u de uitkomst.", "only a deadline"),
    ("Uiterlijk 1 maart over 2022 verantwoorden.", "the sentence names 2022"),
    ("Uiterlijk 1 maart levert u de verantwoording over het afgelopen jaar aan.",
     "a year it names in words"),
    ("Vanaf 1 juli, zoals destijds afgesproken, geldt het tarief.", "looks back"),
    ("Uiterlijk 1 mei in het jaar daarop verantwoordt u.", "a year the sentence does not name"),
])
def test_a_yearless_phrase_the_sentence_places_elsewhere_is_listed_with_why(
        text: str, reason: str) -> None:
    found = [f for f in read_dates(text, APRIL) if f.reason and f.reason.startswith(YEAR_MISSING)]
    assert len(found) == 1
    assert reason in str(found[0].reason)
    assert found[0].keys is None


@pytest.mark.parametrize("text", [
    "In het jaar waarin u start, volgt een gesprek.",  # which year the clause says
    "Het jaar daarna volgt een gesprek.",
    "Per jaar stelt u een plan op.",  # a rate, not a year
    "Het jaar telt twaalf maanden.",  # a bare 'het jaar' lasts through nothing
    "De komende jaren investeren wij.",  # no number of years: no end
    "De nacalculatie over het contractjaar volgt in het jaar daarop.",  # what it is about
    "Geen aanvullende inkoop voor het lopende contractjaar.",
    "Afgelopen najaar bezochten wij alle praktijken.",  # listed, below
])
def test_what_the_frame_does_not_decide_is_not_read_as_a_year(text: str) -> None:
    assert not [f for f in read_dates(text, APRIL) if f.keys is not None]


def test_without_the_documents_date_a_yearless_phrase_is_listed_not_read() -> None:
    found = read_dates("U ontvangt uiterlijk eind september een voorstel.", NO_DATE)
    assert [(f.keys, f.reason, f.framed) for f in found] == [(None, YEAR_MISSING, False)]
    assert [(f.written, f.reason) for f in read_dates("Volgend jaar evalueren wij.", NO_DATE)] \
        == [("Volgend jaar", NO_DOCUMENT_DATE)]
    assert [f.reason for f in read_dates("In de komende drie jaar groeit het.", NO_DATE)] \
        == [NO_DOCUMENT_DATE]
    # The purchase year alone still reads the contract year; without it, it is listed.
    assert keys_of("Dit bespreken wij gedurende het jaar.", NO_DATE) == [{"year": 2024}]
    assert [(f.written, f.reason) for f in read_dates("Dit bespreken wij gedurende het jaar.",
                                                      Frame(dt.date(2023, 4, 1)))] \
        == [("gedurende het jaar", NO_PURCHASE_YEAR)]


def test_an_explicit_year_is_not_read_against_anything() -> None:
    found = read_dates("In het contractjaar 2025 en op 1 oktober 2026.", APRIL)
    assert [f.keys for f in found] == [{"year": 2025}, {"date": "1 oktober 2026"}]
    assert not any(f.framed for f in found)


documents = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31))


@given(documents, st.integers(1, 12), st.sampled_from(["", "begin ", "medio ", "eind "]))
def test_a_yearless_month_is_the_first_not_past_on_the_documents_date(
        written_on: dt.date, month: int, part: str) -> None:
    phrase = f"uiterlijk {part}{MONTH_NAMES[month - 1]}"
    found = anchor(Found(0, len(phrase), phrase, None, YEAR_MISSING), Frame(written_on))
    assert found.keys is not None
    assert found.framed
    year = int(str(found.keys["month"]).split()[-1])
    span = month_span(found.keys["month"], found.keys.get("part"))
    assert span.end >= written_on  # not past on the document's date
    assert year == written_on.year or month_span(
        f"{MONTH_NAMES[month - 1]} {year - 1}", found.keys.get("part")).end < written_on


@given(documents, st.integers(1, 12), st.integers(1, 31))
def test_a_yearless_day_falls_within_a_year_from_the_documents_date(
        written_on: dt.date, month: int, day: int) -> None:
    phrase = f"{day} {MONTH_NAMES[month - 1]}"
    found = anchor(Found(0, len(phrase), phrase, None, YEAR_MISSING, day_month=(day, month)),
                   Frame(written_on))
    if found.keys is None:  # 31 februari, or 29 februari in the years it could be
        return
    read = parse_day(found.keys["date"])
    assert written_on <= read < written_on.replace(year=written_on.year + 1) \
        if (written_on.month, written_on.day) != (2, 29) else written_on <= read


@given(documents, st.integers(2, 10))
def test_the_coming_years_are_the_calendar_years_after_the_documents_year(
        written_on: dt.date, count: int) -> None:
    words = {2: "twee", 3: "drie", 4: "vier", 5: "vijf", 6: "zes", 7: "zeven", 8: "acht",
             9: "negen", 10: "tien"}
    for number in (str(count), words[count]):
        found = read_dates(f"In de komende {number} jaar groeit de zorg.", Frame(written_on))
        assert [f.keys for f in found] == [{"period": [f"1 januari {written_on.year + 1}",
                                                       f"31 december {written_on.year + count}"]}]


@pytest.mark.parametrize("text", ["Afgelopen najaar bezochten wij alle praktijken.",
                                  "Vorige maand startte de pilot.",
                                  "Over twee jaar evalueren wij de afspraken."])
def test_a_phrase_counted_from_the_day_of_reading_is_listed_not_lost(text: str) -> None:
    found = read_dates(text, APRIL)
    assert [(f.keys, f.reason) for f in found] == [
        (None, "counted from the document's date: write it yourself")]


def test_a_yearless_phrase_takes_the_one_year_its_sentence_writes() -> None:
    found = read_dates("Wij houden in 2024 drie rondes: in maart, in juli en in november.", APRIL)
    assert [(f.written, f.keys) for f in found] == [
        ("in 2024", {"year": 2024}), ("in maart", {"month": "maart 2024"}),
        ("in juli", {"month": "juli 2024"}), ("in november", {"month": "november 2024"})]
    assert "year 2024 from 'in 2024' in the same sentence" in str(found[1].note)
    # Also a year the sentence gives in words, before or after the phrase.
    assert keys_of("Herschikking gedurende het contractjaar: uiterlijk 1 oktober dient u in.") \
        == [{"year": 2024}, {"date": "1 oktober 2024"}]
    assert keys_of("De eerste meting in het voorjaar, de tweede in het najaar van het "
                   "contractjaar.") == [{"season": "voorjaar 2024"}, {"season": "najaar 2024"}]
    assert keys_of("Vorig jaar kregen wij in december veel vragen.") == [
        {"year": 2022}, {"month": "december 2022"}]
    assert found[1].framed  # listed for checking: the phrase does not write the year
    # A year that only names something ('de inkoop voor 2024') is no date to take.
    (quarter,) = read_dates("Vanaf het derde kwartaal spreken wij over de inkoop voor 2024.",
                            APRIL)
    assert quarter.keys == {"starts": "derde kwartaal 2023"}
    assert quarter.framed
    # Two years written: which is meant, the text does not say.
    found = read_dates("Van 2023 tot en met 2025 en uiterlijk 1 maart 2026, in juni.", APRIL)
    assert [f.keys for f in found if f.written == "in juni"] == [None]


def test_what_a_text_is_about_is_no_date() -> None:
    assert read_dates("U levert de verantwoording over het afgelopen jaar aan.", APRIL) == []
    assert read_dates("De plannen voor volgend jaar bespreken wij.", APRIL) == []
    assert keys_of("Het afgelopen jaar groeide de vraag.") == [{"year": 2022}]


@pytest.mark.parametrize(("text", "year"), [
    ("In het vorige contractjaar behandelde u minder dan 50 patiënten.", 2023),
    # 'het komende contractjaar' is the one to come: the purchase year itself.
    ("Tijdens het komende contractjaar evalueren wij.", 2024),
    ("Tijdens het volgende contractjaar evalueren wij.", 2025),
])
def test_the_contract_year_before_or_after_counts_from_the_purchase_year(text: str,
                                                                         year: int) -> None:
    assert keys_of(text) == [{"year": year}]


def test_a_word_before_a_year_in_words_keeps_its_meaning() -> None:
    assert keys_of("Vóór volgend jaar levert u het plan in.") == [
        {"date": "1 januari 2024", "bound": "voor"}]
    assert read_dates("Na dit jaar stopt de regeling.", APRIL) == []
    assert read_dates("De groei ten opzichte van vorig jaar is klein.", APRIL) == []
    assert read_dates("U ontvangt per contractjaar een plafond.", APRIL) == []


def test_a_winter_not_yet_past_in_january_is_the_one_that_began_in_december() -> None:
    january = Frame(dt.date(2026, 1, 15), 2027)
    assert [f.keys for f in read_dates("Vanaf de winter start de pilot.", january)] == [
        {"starts": "winter 2025"}]


TERM = Frame(dt.date(2026, 5, 1), 2027, "Inkoopbeleid fysiotherapie", (2027, 2029))


@pytest.mark.parametrize(("text", "keys"), [
    ("In het eerste contractjaar meten wij.", {"year": 2027}),
    ("In de loop van het tweede contractjaar evalueren wij.", {"year": 2028}),
    ("In het laatste contractjaar volgt een nieuw beleid.", {"year": 2029}),
])
def test_contract_years_counted_through_the_documents_term(text: str,
                                                           keys: dict[str, object]) -> None:
    assert [f.keys for f in read_dates(text, TERM)] == [keys]


def test_in_a_policy_for_several_years_the_contract_year_is_any_of_them() -> None:
    for text in ("In het najaar voorafgaand aan het contractjaar maken wij afspraken.",
                 "Wij zijn het hele jaar door bereikbaar.",
                 "Gedurende het contractjaar meten wij."):
        (found,) = read_dates(text, TERM)
        assert found.keys is None
        assert "which contract year: the policy covers 2027-2029" in str(found.reason)
    assert keys_of("In het najaar voorafgaand aan het contractjaar maken wij afspraken.") == [
        {"season": "najaar 2023"}]
    assert keys_of("Wij zijn het hele jaar door bereikbaar.") == [{"year": 2024}]


def test_an_ordinal_contract_year_without_a_term_or_past_it_is_listed() -> None:
    assert [f.reason for f in read_dates("In het tweede contractjaar meten wij.", APRIL)] == [
        "which contract year: the document's term is not known"]
    assert [f.reason for f in read_dates("In het vijfde contractjaar meten wij.", TERM)] == [
        "the document's term ends in 2029"]


@pytest.mark.parametrize("text", ["Overstappen kan alleen per 1 januari van het betreffende jaar.",
                                  "U dient uiterlijk 1 oktober van het lopende jaar in."])
def test_a_year_the_sentence_names_only_by_an_adjective_is_listed(text: str) -> None:
    (found,) = read_dates(text, TERM)
    assert found.keys is None
    assert "counts from a year the sentence does not name" in str(found.reason)


def test_a_year_something_is_for_lends_no_year() -> None:
    found = read_dates("De tarieven voor 2027 maken wij uiterlijk eind juni bekend.", TERM)
    assert [f.keys for f in found] == [{"month": "juni 2026", "part": "eind"}]


@pytest.mark.parametrize("text", ["in het voorgaande jaar", "in het volgende kalenderjaar"])
def test_a_year_counted_from_something_unnamed_is_listed(text: str) -> None:
    assert [(f.keys, f.reason) for f in read_dates(text, APRIL)] == [
        (None, "counted from the document's date: write it yourself")]


def test_a_borrowed_year_is_not_before_the_day_the_phrase_follows() -> None:
    text = "U dient uiterlijk 1 oktober 2026 in en wij besluiten uiterlijk 1 februari."
    assert keys_of(text) == [{"date": "1 oktober 2026"}, {"date": "1 februari 2027"}]


@pytest.mark.parametrize(("text", "reason"), [
    ("Uiterlijk 1 mei na afloop van het contractjaar 2023 levert u in.", "names 2023"),
    ("Gedurende het vorige jaar groeide het.", "a year the sentence does not name"),
    ("Tijdens het lopende jaar meten wij.", "a year the sentence does not name"),
    ("De regeling loopt door tot volgend jaar.", "'tot' a year"),
])
def test_years_in_words_the_text_does_not_fix_are_listed(text: str, reason: str) -> None:
    found = [f for f in read_dates(text, APRIL) if f.reason]
    assert len(found) == 1
    assert reason in str(found[0].reason)
    assert found[0].keys is None


def test_a_year_in_words_past_2100_is_listed() -> None:
    late = Frame(dt.date(2100, 4, 1), 2100)
    assert [(f.keys, f.reason) for f in read_dates("Volgend jaar evalueren wij.", late)] == [
        (None, "year 2101 is out of range (2000-2100)")]


def test_a_contract_year_in_words_beside_other_named_years_is_listed() -> None:
    text = "Over de tarieven voor 2025 en 2026 maken wij afspraken in het najaar voorafgaand " \
           "aan het contractjaar."
    (found,) = read_dates(text, APRIL)
    assert found.keys is None
    assert "the sentence names 2025, 2026: which contract year" in str(found.reason)
