"""The Dutch date grammar: every form of the calendar format, and round trips of random days."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zinkoop_cli.core.dutch_words import MONTH_NAMES
from zinkoop_cli.core.grammar import day_text, scan

CASES = [
    ("Uiterste datum 1 oktober 2026", {"date": "1 oktober 2026"}),
    ("uiterlijk 11 november 2026", {"date": "11 november 2026"}),
    ("Vragen kunt u stellen vóór 15 november 2026.", {"date": "15 november 2026",
                                                        "bound": "voor"}),
    ("Gesprekken 1 t/m 15 juli 2027", {"from": "1 juli 2027", "date": "15 juli 2027"}),
    ("uiterlijk 4 augustus 2027 voor 17.00 uur", {"date": "4 augustus 2027", "time": "17:00"}),
    ("September 2026", {"month": "september 2026"}),
    ("uiterlijk eind sept. 2026", {"month": "september 2026", "part": "eind"}),
    ("In het derde kwartaal van 2026 voeren wij", {"quarter": "derde kwartaal 2026"}),
    ("in Q4 2026", {"quarter": "vierde kwartaal 2026"}),
    ("in het najaar van 2026", {"season": "najaar 2026"}),
    ("In 2026 evalueren wij", {"year": 2026}),
    ("Eind 2026 publiceren wij", {"year": 2026, "part": "eind"}),
    ("Gedurende heel 2026 en 2027", {"period": ["1 januari 2026", "31 december 2027"]}),
    ("Vanaf 2027 kopen wij", {"starts": 2027}),
    ("per 1 juni 2026", {"starts": "1 juni 2026"}),
    ("vanaf het derde kwartaal van 2026", {"starts": "derde kwartaal 2026"}),
    ("Doorlopend", {"continuous": True}),
    ("volgt later", {"undetermined": True}),
    ("Overige data", {"undetermined": True}),
    ("binnen zes weken na de dag van ontvangst door", {"after": "ontvangst", "weeks": 6}),
    ("binnen 5 werkdagen na de offerte", {"after": "offerte", "workdays": 5}),
    ("binnen 20 kalenderdagen na de aanvraag", {"after": "aanvraag", "days": 20}),
    ("uiterlijk twee weken vóór de ingangsdatum in", {"before": "ingangsdatum", "weeks": 2}),
    ("jaarlijks op 12 november", {"yearly": "12 november"}),
    ("tweemaal per jaar", {"frequency": "tweemaal per jaar"}),
    ("iedere twee jaar", {"frequency": "iedere twee jaar"}),
    ("per de eerste kalenderdag van de maand van aanvraag", {"first_of_month_of": "aanvraag"}),
    ("(1-4-2018)", {"date": "1 april 2018"}),
    ("op donderdag 1 oktober 2026 om 12:00", {"date": "1 oktober 2026", "time": "12:00"}),
    ("tussen 1 augustus 2026 en 1 maart 2027", {"from": "1 augustus 2026",
                                                "date": "1 maart 2027"}),
    ("januari t/m maart 2027", {"period": ["1 januari 2027", "31 maart 2027"]}),
    ("ultimo maart 2027", {"month": "maart 2027", "part": "eind"}),
    ("de lente van 2027", {"season": "voorjaar 2027"}),
    ("met ingang van 1 januari 2027", {"starts": "1 januari 2027"}),
    ("In 2023 en verder", {"starts": 2023}),
    ("binnen eenentwintig dagen na de aanvraag", {"after": "aanvraag", "days": 21}),
    ("binnen twee jaar", {"after": "", "years": 2}),
    ("RAV heeft vier weken de tijd", {"after": "", "weeks": 4}),
    ("vóór de inwerkingtreding van de wet", {"before": "inwerkingtreding", "days": 1}),
    ("ieder jaar op 1 april", {"yearly": "1 april"}),
    ("ieder jaar in september", {"frequency": "ieder jaar in september"}),
    ("nader te bepalen", {"undetermined": True}),
    ("Dit maken wij op een later moment bekend", {"undetermined": True}),
    ("in een later stadium", {"undetermined": True}),
    ("niet later dan 1 oktober 2026", {"date": "1 oktober 2026"}),
    ("ten laatste op 15 november 2026", {"date": "15 november 2026"}),
    ("niet later dan eind september 2026", {"month": "september 2026", "part": "eind"}),
    ("vóór 1 augustus 2026, 12.00 uur", {"date": "1 augustus 2026", "time": "12:00"}),
    ("uiterlijk donderdag 1 oktober 2026", {"date": "1 oktober 2026"}),
    ("in week 38 van 2026", {"from": "14 september 2026", "date": "20 september 2026"}),
    ("in de tweede helft van 2026", {"period": ["1 juli 2026", "31 december 2026"]}),
    ("op 1/7/2026", {"date": "1 juli 2026"}),
    ("Tussen 1 en 15 juli 2026", {"from": "1 juli 2026", "date": "15 juli 2026"}),
    ("binnen een maand na ontvangst", {"after": "ontvangst", "months": 1}),
    ("Het rapport verschijnt vóór het einde van 2031.", {"date": "31 december 2031"}),
    ("uiterlijk voor het einde van het jaar 2029", {"date": "31 december 2029"}),
]


@pytest.mark.parametrize(("text", "keys"), CASES)
def test_each_form_reads_as_the_calendar_writes_it(text: str, keys: dict[str, object]) -> None:
    found = scan(text)
    assert [item.keys for item in found] == [keys]


@pytest.mark.parametrize("text", ["U ontvangt uiterlijk eind september een voorstel.",
                                  "Vanaf het derde kwartaal starten wij",
                                  "uiterlijk 1 oktober", "in het najaar",
                                  "tussen 1 augustus en 1 maart 2027"])
def test_a_date_without_its_year_is_not_read_rather_than_guessed(text: str) -> None:
    (found,) = scan(text)
    assert found.keys is None
    assert found.reason is not None
    assert "year" in found.reason


@pytest.mark.parametrize("text", ["tot en met 2026", "vóór eind 2018",
                                  "in de komende drie jaar",
                                  "uiterlijk dinsdag 1 oktober 2026"])
def test_a_date_the_grammar_cannot_pin_down_is_listed(text: str) -> None:
    (found,) = scan(text)
    assert (found.keys, found.written) == (None, text)


def test_a_list_of_days_shares_the_year_the_text_gives() -> None:
    found = scan("op 1 april en 1 juli 2027")
    assert [item.keys for item in found] == [{"date": "1 april 2027"}, {"date": "1 juli 2027"}]


def test_a_year_that_only_names_something_is_no_date() -> None:
    assert scan("Het zorginkoopbeleid 2027 is gewijzigd ten opzichte van 2026.") == []
    assert scan("Een ZBC is minimaal twee jaar in bedrijf.") == []


@pytest.mark.parametrize(("text", "year"), [
    ("De verzekeraar koopt voor 2028 de thuismonitoring in bij twee leveranciers.", 2028),
    ("Wij kopen voor het jaar 2026 uitsluitend wijkverpleging in met een keurmerk.", 2026),
    ("Wij contracteren voor 2029 alleen praktijken die aan de norm voldoen.", 2029),
    ("Deze zorg wordt voor 2027 ingekocht op basis van een vast tarief.", 2027),
    ("Voor 2028 is fysiotherapie gecontracteerd bij alle aanbieders in de regio.", 2028),
])
def test_voor_a_year_with_a_purchase_verb_is_the_year_purchased_for(text: str,
                                                                    year: int) -> None:
    (found,) = scan(text)
    assert found.keys == {"year": year}
    assert found.note is not None
    assert "for" in found.note


@pytest.mark.parametrize(("text", "listed"), [
    ("Het nieuwe dossier moet voor 2028 volledig zijn ingevoerd.", True),
    ("Wij kopen zorg in bij de regio. Voor 2029 is er nog geen plan.", True),
    ("De afspraken die voor 2025 zijn gemaakt, gelden nog.", True),
    # After a noun it says what something is for: no date, nothing to list.
    ("Wij voeren het gesprek over de inkoop voor 2026 in het voorjaar.", False),
    ("De uniforme ambities voor 2027 zijn geüpdatet.", False),
])
def test_voor_a_year_without_a_purchase_verb_is_not_read(text: str, listed: bool) -> None:
    # 'voor' may be 'vóór' (before) there: neither reading is made.
    found = [f for f in scan(text) if "2" in f.written]
    assert [(f.keys, f.reason) for f in found] == (
        [(None, "'voor' a year: 'for' or 'before', the text does not say")] if listed else [])


@pytest.mark.parametrize("text", [
    "Met de huisartsenpost sluiten wij een eenjarig contract.",
    "Nieuwe toetreders krijgen een 1-jarige overeenkomst.",
    "Wij bieden een zorgovereenkomst voor één jaar aan.",
    "U ontvangt een contract met een looptijd van een jaar.",
    "De aanbieder krijgt een eenjarig zorgcontract.",
])
def test_a_one_year_contract_covers_the_year_the_document_buys_for(text: str) -> None:
    (found,) = scan(text, contract_year=2029)
    assert found.keys == {"period": ["1 januari 2029", "31 december 2029"]}


def test_a_one_year_contract_is_no_date_without_the_documents_year() -> None:
    assert scan("Met de huisartsenpost sluiten wij een eenjarig contract.") == []


@pytest.mark.parametrize("text", [
    "Vanaf 2030 krijgt u een eenjarig contract.",
    "Voor 2028 sluiten wij een overeenkomst voor één jaar; daarna kijken wij verder.",
])
def test_a_one_year_contract_beside_another_year_is_not_read(text: str) -> None:
    contract = [f for f in scan(text, contract_year=2029) if not re.search(r"\d{4}", f.written)]
    assert [(f.keys, f.reason is not None) for f in contract] == [(None, True)]


def test_a_multi_year_contract_runs_over_as_many_years_from_the_purchase_year() -> None:
    found = scan("Wij sluiten een driejarig contract en een overeenkomst voor vijf jaar.",
                 contract_year=2029)
    assert [f.keys for f in found] == [{"period": ["1 januari 2029", "31 december 2031"]},
                                       {"period": ["1 januari 2029", "31 december 2033"]}]
    assert scan("U krijgt een overeenkomst voor een jaar of langer.", contract_year=2029) == []
    # A year inside the term does not make it unsure; one outside does.
    assert [f.keys for f in scan("Een tweejarig contract, 2029 en 2030.", contract_year=2029)] \
        == [{"period": ["1 januari 2029", "31 december 2030"]}]
    assert [f.reason for f in scan("Een tweejarig contract tot 2035.", contract_year=2029)
            if f.written == "tweejarig contract"] == [
        "a contract's term in a sentence that names another year: which year is meant"]


def test_a_day_that_does_not_exist_is_not_read() -> None:
    (found,) = scan("uiterlijk 31 september 2026")
    assert found.keys is None


def _styles(day: dt.date) -> list[str]:
    name = MONTH_NAMES[day.month - 1]
    short = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov",
             "dec")[day.month - 1]
    return [f"{day.day} {name} {day.year}", f"uiterlijk {day.day} {short}. {day.year}",
            f"op {day.day} {name.capitalize()} {day.year}", f"{day.day}-{day.month}-{day.year}",
            day.isoformat(), f"uiterlijk op {day.day} {name} {day.year} om 12:00 uur"]


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31)),
       st.integers(min_value=0, max_value=5))
def test_a_day_written_in_any_style_reads_back_as_that_day(day: dt.date, style: int) -> None:
    text = f"De zorgaanbieder levert {_styles(day)[style]} de gegevens aan."
    (found,) = scan(text)
    assert found.keys is not None
    assert found.keys["date"] == day_text(day)


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 11, 30)),
       st.integers(min_value=1, max_value=27))
def test_a_range_reads_back_as_its_first_and_last_day(day: dt.date, length: int) -> None:
    last = day + dt.timedelta(days=length)
    if last.month != day.month:
        return
    text = f"Gesprekken {day.day} t/m {last.day} {MONTH_NAMES[day.month - 1]} {day.year}."
    (found,) = scan(text)
    assert found.keys == {"from": day_text(day), "date": day_text(last)}


@given(st.integers(min_value=2000, max_value=2100), st.integers(min_value=1, max_value=12),
       st.sampled_from(["", "begin ", "medio ", "eind "]))
def test_a_month_reads_back_with_its_part(year: int, month: int, part: str) -> None:
    (found,) = scan(f"Wij publiceren {part}{MONTH_NAMES[month - 1]} {year} de cijfers.")
    expected: dict[str, object] = {"month": f"{MONTH_NAMES[month - 1]} {year}"}
    if part:
        expected["part"] = part.strip()
    assert found.keys == expected


_UNIT_WORDS = ["", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen"]
_TEEN_WORDS = ["tien", "elf", "twaalf", "dertien", "veertien", "vijftien", "zestien",
               "zeventien", "achttien", "negentien"]
_TEN_WORDS = ["", "", "twintig", "dertig", "veertig", "vijftig", "zestig", "zeventig",
              "tachtig", "negentig"]


def dutch_number(number: int) -> str:
    """1-99 in Dutch words, as a policy writes them ('tweeëntwintig')."""
    if number < 10:
        return _UNIT_WORDS[number]
    if number < 20:
        return _TEEN_WORDS[number - 10]
    tens, unit = divmod(number, 10)
    if not unit:
        return _TEN_WORDS[tens]
    link = "ën" if _UNIT_WORDS[unit].endswith("e") else "en"
    return f"{_UNIT_WORDS[unit]}{link}{_TEN_WORDS[tens]}"


@given(st.integers(min_value=1, max_value=99), st.booleans(),
       st.sampled_from([("werkdagen", "workdays"), ("kalenderdagen", "days"),
                        ("weken", "weeks"), ("maanden", "months")]),
       st.sampled_from([("na", "after"), ("vóór", "before")]))
def test_a_term_in_words_or_digits_reads_back_as_its_amount(
        number: int, in_words: bool, unit: tuple[str, str], side: tuple[str, str]) -> None:
    amount = dutch_number(number) if in_words else str(number)
    text = f"Dit doet u binnen {amount} {unit[0]} {side[0]} de ingangsdatum."
    (found,) = scan(text)
    assert found.keys == {side[1]: "ingangsdatum", unit[1]: number}


def test_a_rule_counted_from_a_written_day_carries_that_day() -> None:
    found = scan("uiterlijk zes weken vóór 1 januari 2028 meldt u")
    assert [(f.keys, f.anchor_label, f.anchor_day) for f in found] == [
        ({"before": "1-januari-2028", "weeks": 6}, "1 januari 2028", "1 januari 2028")]
    found = scan("uiterlijk vier weken na 1 juli levert u")
    assert [(f.keys, f.anchor_day) for f in found] == [({"after": "1-juli", "weeks": 4}, None)]


@pytest.mark.parametrize(("text", "keys"), [
    ("van 2028-01-01 tot en met 2029-12-31",
     {"from": "1 januari 2028", "date": "31 december 2029"}),
    ("1-10-2027 t/m 15-10-2027", {"from": "1 oktober 2027", "date": "15 oktober 2027"}),
    ("tussen 1/1/2027 en 1/3/2027", {"from": "1 januari 2027", "date": "1 maart 2027"}),
])
def test_a_range_in_figures_reads_as_the_range_in_words(text: str, keys: dict[str, object]) -> None:
    assert [f.keys for f in scan(text)] == [keys]


def test_tot_a_year_is_listed_since_the_text_does_not_say_whether_that_year_counts() -> None:
    assert [(f.written, f.reason) for f in scan("Tot 2030 blijft de opslag gehandhaafd.")] == [
        ("Tot 2030", "'tot' a year: the policy does not say whether that year counts")]


def test_a_contract_with_a_term_of_years_runs_from_the_purchase_year() -> None:
    text = "Een nieuwe overeenkomst voor verbandmiddelen heeft een looptijd van een jaar."
    assert [f.keys for f in scan(text, contract_year=2027)] == [
        {"period": ["1 januari 2027", "31 december 2027"]}]


@pytest.mark.parametrize(("text", "anchor", "label"), [
    # The anchor is one noun phrase: not the inverted verb and subject after it ...
    ("Uiterlijk tien werkdagen voor de regiobijeenkomsten ontvangt u een uitnodiging.",
     "regiobijeenkomsten", "de regiobijeenkomsten"),
    # ... nor a new phrase that follows no preposition.
    # ... and it is named with what it is of, so that two receipts are two events.
    ("Wij nemen binnen zes weken na ontvangst van het volledige verzoek een besluit.",
     "ontvangst-verzoek", "ontvangst van het volledige verzoek"),
    ("binnen zes weken na de dag van ontvangst door de zorgaanbieder", "ontvangst",
     "de dag van ontvangst"),
])
def test_a_rules_anchor_ends_with_its_noun_phrase(text: str, anchor: str, label: str) -> None:
    (found,) = scan(text)
    assert found.keys is not None
    assert anchor in found.keys.values()
    assert found.anchor_label == label


def test_a_yearly_29_februari_is_listed_since_not_every_year_has_one() -> None:
    assert [(f.keys, f.reason) for f in scan("jaarlijks op 29 februari")] == [
        (None, "not a day of every year")]
    # '31 februari' is no day at all: the day is not read, and the frequency is what remains.
    assert [(f.written, f.keys) for f in scan("jaarlijks op 31 februari")] == [
        ("jaarlijks", {"frequency": "jaarlijks"}), ("op 31 februari", None)]


@pytest.mark.parametrize(("text", "found"), [
    ("uiterlijk 1 november 2026 (12.00 uur)", [{"date": "1 november 2026", "time": "12:00"}]),
    ("uiterlijk in het najaar 2027", [{"season": "najaar 2027"}]),
    ("voor de contractjaren 2027, 2028 en 2029",
     [{"period": ["1 januari 2027", "31 december 2029"]}]),
    ("in oktober en november 2027", [{"month": "oktober 2027"}, {"month": "november 2027"}]),
    ("in 2025 of 2026", [{"year": 2025}, {"year": 2026}]),
    ("uiterlijk 1 april, 1 juli en 1 oktober 2027",
     [{"date": "1 april 2027"}, {"date": "1 juli 2027"}, {"date": "1 oktober 2027"}]),
])
def test_more_forms_policies_write(text: str, found: list[dict[str, object]]) -> None:
    assert [f.keys for f in scan(text)] == found


@pytest.mark.parametrize(("text", "reason"), [
    ("de afgelopen jaren", "counted from a day the policy does not name"),
    ("Dit eindbod is twintig kalenderdagen geldig.", "a duration without a start"),
    ("vanaf de eerste dag van de maand volgend op de opzegging",
     "the first day of the month or quarter after an event: write it yourself"),
    ("in de jaren 2027, 2029 en 2030", "years that do not follow on: write each yourself"),
])
def test_more_forms_are_listed_with_why(text: str, reason: str) -> None:
    assert [f.reason for f in scan(text)] == [reason]


def test_a_compound_contract_and_a_rule_whose_event_comes_first() -> None:
    assert [f.keys for f in scan("een standaardovereenkomst voor één jaar", contract_year=2028)] \
        == [{"period": ["1 januari 2028", "31 december 2028"]}]
    found = scan("Na ontvangst van het voorstel heeft u tien werkdagen om te reageren.")
    assert [(f.keys, f.anchor_label) for f in found] == [
        ({"after": "ontvangst-voorstel", "workdays": 10}, "ontvangst van het voorstel")]


@pytest.mark.parametrize(("text", "found"), [
    ("van maandag 7 juni tot en met vrijdag 2 juli 2027",
     [{"from": "7 juni 2027", "date": "2 juli 2027"}]),
    ("Q2 en Q4 2028", [{"quarter": "tweede kwartaal 2028"}, {"quarter": "vierde kwartaal 2028"}]),
    ("het eerste en derde kwartaal van 2028",
     [{"quarter": "eerste kwartaal 2028"}, {"quarter": "derde kwartaal 2028"}]),
    ("week 46 en 47 van 2026", [{"from": "9 november 2026", "date": "22 november 2026"}]),
    ("wk 25 t/m wk 27 2027", [{"from": "21 juni 2027", "date": "11 juli 2027"}]),
])
def test_lists_and_ranges_with_weekdays_quarters_and_weeks(text: str,
                                                           found: list[dict[str, object]]) -> None:
    assert [f.keys for f in scan(text)] == found


@pytest.mark.parametrize(("text", "reason"), [
    ("week 10 en 20 van 2026", "two weeks apart: write each yourself"),
    ("op de eerste dag van het kwartaal na ontvangst",
     "the first day of the month or quarter after an event: write it yourself"),
    ("De overeenkomst gaat in op de eerste dag van de maand die volgt op de beoordeling.",
     "the first day of the month or quarter after an event: write it yourself"),
    ("Dit inkoopkader geldt voor drie jaar.", "a duration without a start"),
])
def test_lists_and_terms_zinkoop_cannot_date_are_listed(text: str, reason: str) -> None:
    assert [f.reason for f in scan(text)] == [reason]


def test_a_wrong_weekday_in_a_range_is_listed_and_a_name_is_no_period() -> None:
    assert [f.reason for f in scan("van dinsdag 7 juni tot en met vrijdag 2 juli 2027")] == [
        "7 juni 2027 is a maandag, not a dinsdag"]
    assert scan("het zorginkoopbeleid van 2025-2026") == []
    found = scan("Sinds vorig jaar heeft u tien werkdagen om te reageren.")
    assert [f.keys for f in found] == [{"after": "", "workdays": 10}]


def test_a_day_in_a_list_takes_the_lists_month_and_year() -> None:
    assert [f.keys for f in scan("uiterlijk 1, 8 en 15 oktober 2027")] == [
        {"date": "1 oktober 2027"}, {"date": "8 oktober 2027"}, {"date": "15 oktober 2027"}]
    assert [f.keys for f in scan("tussen 1 en 15 oktober 2027")] == [
        {"from": "1 oktober 2027", "date": "15 oktober 2027"}]
    assert scan("1,5 en 2 miljoen euro") == []
