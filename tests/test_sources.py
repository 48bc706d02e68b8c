"""The shipped calendars against the policy documents they were built from.

Every dated statement of the five source documents (the seeds; see the README of the seeds
folder) is pinned here: the calendar and entry that carry it, a phrase of the activity and
the way the document writes the date, both quoted from the document, and the due day or
kind of date the document gives. The expected values were read from the documents, not
from the calendars, so a pin that fails means the calendar and its source disagree.

A pin without an entry id is a dated statement that no calendar entry covers yet; it is
looked up by its phrase.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from zinkoop_cli.core.model import (
    Continuous,
    Day,
    Period,
    Recurring,
    Relative,
    Span,
    Start,
    Undetermined,
    When,
)
from zinkoop_cli.core.resolve import Row, timeline
from zinkoop_cli.loading.catalog import Catalog

TODAY = date(2026, 4, 1)

ZZ_ALGEMEEN = "zorg-en-zekerheid/algemeen-2027"
ZZ_MSZ = "zorg-en-zekerheid/msz-2027"
ZZ_AMBULANCE = "zorg-en-zekerheid/ambulancezorg-2027"
ZK_AMBULANCE = "zilveren-kruis/ambulancezorg-2024"
ACTIEPLAN = "vws-zn-azn/ambulancezorg-2018"


@dataclass(frozen=True)
class Pin:
    """One dated statement of a source document and what its calendar must make of it."""

    calendar: str
    entry: str | None  # None: no entry covers the statement; it is found by its phrase
    phrase: str  # words of the activity, as the document writes them
    says: str  # the date, term or kind of date, as the document writes it
    form: type[When]  # how the document dates it: a day, a span, "vanaf", a term, ...
    due: str | None = None  # the ISO day it falls due
    status: str | None = None  # for a statement without a day: "undated" or "unresolved"
    first: str | None = None  # the ISO day a span, period or start begins
    condition: str | None = None  # words of the condition the document attaches
    section: str | None = None  # where in the document it stands
    given: Mapping[str, str] = field(default_factory=dict)  # events the user gives (ISO)

    @property
    def label(self) -> str:
        name = self.entry or f"(no entry) {self.phrase!r}"
        if self.given:
            name += "[" + ",".join(f"{k}={v}" for k, v in sorted(self.given.items())) + "]"
        elif self.form is Recurring and self.due:
            name += f"@{self.due}"
        return name


@dataclass(frozen=True)
class Source:
    """A source document: its file, its calendar, its header and its dated statements."""

    seed: str
    calendar: str
    header: str  # the header words, as the document writes them
    version: str
    published: str
    year: int
    pins: tuple[Pin, ...]

    @property
    def name(self) -> str:
        return self.seed.split("_", 1)[0] + "-" + self.calendar


# 000: Zorg en Zekerheid, Ambulancezorg zorginkoopbeleid 2027 ---------------------------

AMBULANCE_2027 = Source(
    seed="000_41a936849e746e5c.txt",
    calendar=ZZ_AMBULANCE,
    header="Versie 1.0 1 april 2026",
    version="1.0",
    published="2026-04-01",
    year=2027,
    pins=(
        Pin(ZZ_AMBULANCE, "publicatie-zorginkoopbeleid", "Publicatie zorginkoopbeleid",
            "1 april 2026", Day, due="2026-04-01", section="5.2"),
        Pin(ZZ_AMBULANCE, "aanvraag-repatriering",
            "vaste tariefafspraken medische repatriëring 2027 aan te vragen",
            "31 augustus 2026", Day, due="2026-08-31", condition="niet-gecontracteerd",
            section="4.2"),
        Pin(ZZ_AMBULANCE, "ondertekening-repatriering",
            "ondertekening vaste tariefafspraken medische repatriëring",
            "1 november 2026", Day, due="2026-11-01", condition="niet-gecontracteerd",
            section="5.2"),
        # "Vanaf het derde kwartaal van 2026": the talks start from 1 July 2026 on, the way
        # "vanaf 2019" starts on 1 January 2019.
        Pin(ZZ_AMBULANCE, "gesprekken-rav", "met RAV Hollands Midden in gesprek",
            "Vanaf het derde kwartaal van 2026", Start, due="2026-07-01", first="2026-07-01",
            section="5.2"),
        Pin(ZZ_AMBULANCE, "beoordeling-rav", "vier weken de tijd", "vier weken", Relative,
            status="unresolved", section="5.2"),
        Pin(ZZ_AMBULANCE, "beoordeling-rav", "vier weken de tijd", "vier weken", Relative,
            due="2026-11-02", section="5.2", given={"aanbieding": "2026-10-05"}),
        Pin(ZZ_AMBULANCE, "nza-tijdslijnen", "De NZa stelt de tijdslijnen vast",
            "Overige data", Undetermined, status="undated", section="5.2"),
    ),
)

# 002: Zorg en Zekerheid, Medisch-specialistische zorg zorginkoopbeleid 2027 ------------

MSZ_2027 = Source(
    seed="002_3ba7a5f8c5435087.txt",
    calendar=ZZ_MSZ,
    header="Versie 1.1 1 juni 2026",
    version="1.1",
    published="2026-06-01",
    year=2027,
    pins=(
        # 6.3 Planning
        Pin(ZZ_MSZ, "publicatie-zorginkoopbeleid", "Publicatie zorginkoopbeleid",
            "1 april 2026", Day, due="2026-04-01", section="6.3"),
        Pin(ZZ_MSZ, "afspraken-objectieve-informatie",
            "verwerking van objectieve informatie bij maatwerkovereenkomsten",
            "1 september 2026", Day, due="2026-09-01", condition="maatwerk", section="6.3"),
        Pin(ZZ_MSZ, "offerte-onderdelen", "legt de onderdelen van de offerte die dan bekend zijn",
            "1 september 2026", Day, due="2026-09-01", section="6.3"),
        Pin(ZZ_MSZ, "aanbieden-standaard-zorgovereenkomsten",
            "Aanbieden standaard zorgovereenkomsten", "September 2026", Span,
            due="2026-09-30", first="2026-09-01", section="6.3"),
        Pin(ZZ_MSZ, "eerste-offerte", "biedt eerste offerte aan zorgverzekeraar aan",
            "1 oktober 2026", Day, due="2026-10-01", condition="maatwerk", section="6.3"),
        # Without an offerte date the term runs from the planned 1 oktober 2026.
        Pin(ZZ_MSZ, "reactie-op-offerte", "reageert binnen zes weken op de offerte",
            "binnen zes weken op de offerte", Relative, due="2026-11-12",
            condition="maatwerk", section="6.3"),
        Pin(ZZ_MSZ, "reactie-op-offerte", "reageert binnen zes weken op de offerte",
            "binnen zes weken op de offerte", Relative, due="2026-11-05",
            condition="maatwerk", section="6.3", given={"offerte": "2026-09-24"}),
        Pin(ZZ_MSZ, "ondertekening-vecozo",
            "ondertekening door zorgaanbieder in het Zorginkoopportaal van VECOZO",
            "11 november 2026", Day, due="2026-11-11", section="6.3"),
        Pin(ZZ_MSZ, "informeren-verzekerden", "via de zorgzoeker op de website",
            "12 november 2026", Day, due="2026-11-12", section="6.3"),
        Pin(ZZ_MSZ, "aanvullingen-zorginkoopbeleid",
            "aanvullingen en/of wijzigingen op het zorginkoopbeleid",
            "Gedurende heel 2026 en 2027", Period, due="2027-12-31", first="2026-01-01",
            section="6.3"),
        Pin(ZZ_MSZ, "bijcontracteren-melding",
            "overschrijding van het omzetplafond wordt verwacht",
            "1 oktober 2027 (in geval van bijcontracteren)", Day, due="2027-10-01",
            condition="bijcontracteren", section="6.3"),
        Pin(ZZ_MSZ, "bijcontracteren-beoordeling", "herziening van omzetplafond mogelijk is",
            "31 maart 2028 (in geval van bijcontracteren)", Day, due="2028-03-31",
            condition="bijcontracteren", section="6.3"),
        # 4.2 Dure geneesmiddelen: the NIP conditions
        Pin(ZZ_MSZ, "nip-rapportage-april", "tussentijdse rapportage en raming voor 2027",
            "in april 2027 en juli 2027", Span, due="2027-04-30", first="2027-04-01",
            condition="NIP", section="4.2"),
        Pin(ZZ_MSZ, "nip-rapportage-juli", "tussentijdse rapportage en raming voor 2027",
            "in april 2027 en juli 2027", Span, due="2027-07-31", first="2027-07-01",
            condition="NIP", section="4.2"),
        # 4.3 Budgetbekostiging SEH
        Pin(ZZ_MSZ, "seh-budgetbekostiging", "afgebakend deel van de SEH-afdelingen",
            "per 1 januari 2027", Start, due="2027-01-01", section="4.3"),
        Pin(ZZ_MSZ, "seh-inkoop-in-representatie",
            "budgetbekostiging Spoedeisende Hulp in representatie in",
            "Toevoeging per 1 juni 2026", Start, due="2026-06-01", section="4.3"),
        # 5.2 Aanbod van zorgovereenkomsten
        Pin(ZZ_MSZ, "aangepaste-procedure-audiologie-radiotherapie",
            "aangepaste zorginkoopprocedure voor zorgaanbieders van audiologie en radiotherapie",
            "Vanaf 2027", Start, due="2027-01-01", section="5.2"),
        # "uiterlijk eind september", no year: the offers for 2027 go out in September 2026.
        Pin(ZZ_MSZ, "contractvoorstel-vecozo", "contractvoorstel via VECOZO",
            "uiterlijk eind september", Span, due="2026-09-30", condition="vereenvoudigde",
            section="5.2"),
        Pin(ZZ_MSZ, None, "eerstelijns diagnostische centra (EDC's) en trombosediensten",
            "al in 2026 is ingezet", Span, due="2026-12-31", first="2026-01-01",
            section="5.2"),
        # 5.3 Aanvragen zorgovereenkomst
        Pin(ZZ_MSZ, "ingangsdatum-zorgovereenkomst",
            "per de eerste kalenderdag van de maand van aanvraag",
            "per de eerste kalenderdag van de maand van aanvraag", Relative,
            status="unresolved", condition="niet-gecontracteerd", section="5.3"),
        Pin(ZZ_MSZ, "ingangsdatum-zorgovereenkomst",
            "per de eerste kalenderdag van de maand van aanvraag",
            "per de eerste kalenderdag van de maand van aanvraag", Relative,
            due="2027-03-01", condition="niet-gecontracteerd", section="5.3",
            given={"aanvraag": "2027-03-17"}),
        Pin(ZZ_MSZ, "ingangsdatum-zorgovereenkomst", "per 1 januari 2027",
            "bij een aanvraag in 2026 voor 2027 per 1 januari 2027", Relative,
            due="2027-01-01", condition="niet-gecontracteerd", section="5.3",
            given={"aanvraag": "2026-10-10"}),
        # "aanvraag in 2026 of 2027": the last month of aanvraag the policy covers is December
        # 2027; a later aanvraag gets no later day than that (not_after).
        Pin(ZZ_MSZ, "ingangsdatum-zorgovereenkomst",
            "per de eerste kalenderdag van de maand van aanvraag",
            "bij een aanvraag in 2027 voor 2027 per de eerste kalenderdag van de maand",
            Relative, due="2027-12-01", condition="niet-gecontracteerd", section="5.3",
            given={"aanvraag": "2027-12-10"}),
        Pin(ZZ_MSZ, "ingangsdatum-zorgovereenkomst",
            "per de eerste kalenderdag van de maand van aanvraag",
            "bij een aanvraag in 2027 voor 2027 per de eerste kalenderdag van de maand",
            Relative, due="2027-12-01", condition="niet-gecontracteerd", section="5.3",
            given={"aanvraag": "2028-02-10"}),
        Pin(ZZ_MSZ, "ondertekening-zorgovereenkomst", "binnen zes weken na de dag van ontvangst",
            "binnen zes weken na de dag van ontvangst", Relative, status="unresolved",
            section="5.3"),
        Pin(ZZ_MSZ, "ondertekening-zorgovereenkomst", "binnen zes weken na de dag van ontvangst",
            "binnen zes weken na de dag van ontvangst", Relative, due="2026-10-26",
            section="5.3", given={"ontvangst": "2026-09-14"}),
        # 6.1 Bepalen van de tarieven
        Pin(ZZ_MSZ, "reele-marktconforme-prijzen", "wil in 2027 reële en marktconforme prijzen",
            "in 2027", Period, due="2027-12-31", first="2027-01-01", section="6.1"),
        # Bijlage 1, Dialysecentra: the document names no day the two years run from.
        Pin(ZZ_MSZ, "hkz-certificering-dialysecentrum", "binnen twee jaar HKZ gecertificeerd",
            "binnen twee jaar", Relative, status="unresolved", condition="dialysecentrum",
            section="Bijlage 1"),
        Pin(ZZ_MSZ, "hkz-certificering-dialysecentrum", "binnen twee jaar HKZ gecertificeerd",
            "binnen twee jaar", Relative, due="2029-01-01", condition="dialysecentrum",
            section="Bijlage 1", given={"contractering": "2027-01-01"}),
    ),
)

# 004: Zorg en Zekerheid, Algemeen zorginkoopbeleid 2027 --------------------------------

ALGEMEEN_2027 = Source(
    seed="004_f573687cd5b83063.txt",
    calendar=ZZ_ALGEMEEN,
    header="Versie 1.0 1 april 2026",
    version="1.0",
    published="2026-04-01",
    year=2027,
    pins=(
        Pin(ZZ_ALGEMEEN, "publicatie-zorginkoopbeleid", "Publicatie zorginkoopbeleid 2027",
            "1 april 2026", Day, due="2026-04-01", section="4.1"),
        Pin(ZZ_ALGEMEEN, "aanvullingen-zorginkoopbeleid",
            "Aanvullingen en/of wijzigingen op het zorginkoopbeleid", "Doorlopend",
            Continuous, status="undated", section="4.1"),
        # Bijlage 2, ambitie 6 (Thuisarts): "Structurele inbedding en Zvw-financiering per 2027"
        Pin(ZZ_ALGEMEEN, None, "Zvw-financiering", "per 2027", Start, due="2027-01-01",
            section="Bijlage 2"),
        # Bijlage 2, ambitie 3: the hybrid dispensing of medication purchased for 2027.
        Pin(ZZ_ALGEMEEN, "hybride-medicatieaanreiking",
            "kopen voor 2027 de hybride medicatieaanreiking in", "voor 2027", Period,
            due="2027-12-31", first="2027-01-01", section="Bijlage 2"),
    ),
)

# 001: Zilveren Kruis, Inkoopbeleid Ambulancezorg 2024 ----------------------------------

ZK_AMBULANCE_2024 = Source(
    seed="001_a7d9276c10165ce1.txt",
    calendar=ZK_AMBULANCE,
    # No version number: "Dit inkoopbeleid is gepubliceerd op 1 april 2023."
    header="Wij publiceren ons inkoopbeleid 2024 op 1 april 2023.",
    version="2023-04-01",
    published="2023-04-01",
    year=2024,
    pins=(
        Pin(ZK_AMBULANCE, "publicatie-inkoopbeleid", "Publicatie inkoopbeleid Ambulancezorg 2024",
            "1 april 2023", Day, due="2023-04-01", section="Planning en termijnen"),
        # No year given; the talks about purchasing 2024 start from the third quarter of
        # 2023, the year of publication.
        Pin(ZK_AMBULANCE, "gesprekken-inkoop", "starten wij met u het gesprek over de inkoop",
            "Vanaf het derde kwartaal", Start, due="2023-07-01", first="2023-07-01",
            section="Contracteerprocedure"),
        Pin(ZK_AMBULANCE, "nza-beleidsregels", "worden verwacht rond november 2023",
            "rond november 2023", Span, due="2023-11-30", first="2023-11-01",
            section="Belangrijkste wijzigingen"),
        Pin(ZK_AMBULANCE, "definitief-budget-2023", "Indienen definitief budget 2023",
            "30 juni 2024", Day, due="2024-06-30", section="Planning en termijnen"),
        Pin(ZK_AMBULANCE, "vigerende-beleidsregel",
            "Vigerende Beleidsregel regionale ambulancevoorzieningen", "Overige data",
            Undetermined, status="undated", section="Planning en termijnen"),
        Pin(ZK_AMBULANCE, "eenjarig-contract", "eenjarig contract", "eenjarig contract",
            Period, due="2024-12-31", first="2024-01-01", section="Voorwaarden overeenkomst"),
        Pin(ZK_AMBULANCE, "green-deal-duurzame-zorg", "geldt voor de periode tot en met 2026",
            "op 4 november 2022", Period, due="2026-12-31", first="2022-11-04",
            section="Zorg die wij inkopen"),
        Pin(ZK_AMBULANCE, "duurzaamheid-gesprek-2024",
            "We blijven in 2024 in gesprek met aanbieders van ambulancezorg", "in 2024",
            Period, due="2024-12-31", first="2024-01-01", section="Zorg die wij inkopen"),
        Pin(ZK_AMBULANCE, "iza-ondertekend", "Integraal zorgakkoord ondertekend", "In 2022",
            Span, due="2022-12-31", first="2022-01-01", section="Wat we willen bereiken"),
        Pin(ZK_AMBULANCE, "regionale-afspraken",
            "In 2023 en verder gaan we hier nog meer op inzetten", "In 2023 en verder",
            Start, due="2023-01-01", section="Onze visie"),
        # "gedurende het jaar": the contract year, 2024 ("het lopende contractjaar").
        Pin(ZK_AMBULANCE, "budgetsturing-gesprekken",
            "reguliere inkoop- en monitoringsgesprekken gedurende het jaar",
            "gedurende het jaar", Period, due="2024-12-31", first="2024-01-01",
            section="Tarieven en volume"),
        Pin(ZK_AMBULANCE, "aanvullingen-inkoopbeleid", "later aanvullingen of wijzigingen",
            "Het is mogelijk dat hierop later aanvullingen of wijzigingen komen.", Continuous,
            status="undated", section="Aanvullingen en wijzigingen"),
        Pin(ZK_AMBULANCE, "controlejaarplan",
            "Wij publiceren jaarlijks het Algemeen Controlejaarplan Zvw", "jaarlijks",
            Recurring, status="undated", section="Naleving en controle"),
    ),
)

# 003: VWS, ZN en AZN, Actieplan ambulancezorg (12 november 2018) -----------------------

ACTIEPLAN_2018 = Source(
    seed="003_d4db3d0c7b45317b.txt",
    calendar=ACTIEPLAN,
    # No version number: the plan is dated 12 november 2018.
    header="Actieplan ambulancezorg 12 november 2018",
    version="2018-11-12",
    published="2018-11-12",
    year=2018,
    pins=(
        Pin(ACTIEPLAN, "aankondiging-actieplan",
            "heeft in april 2018 aangekondigd met een actieplan ambulancezorg te komen",
            "in april 2018", Span, due="2018-04-30", first="2018-04-01"),
        Pin(ACTIEPLAN, "actieplan", "Actieplan ambulancezorg", "12 november 2018", Day,
            due="2018-11-12"),
        Pin(ACTIEPLAN, "looptijd-actieplan", "looptijd van ruim drie jaar tot en met het jaar 2021",
            "tot en met het jaar 2021", Period, due="2021-12-31", first="2018-11-12",
            section="Looptijd actieplan"),
        Pin(ACTIEPLAN, "bestuurlijk-overleg",
            "bestuurlijk overleg ambulancezorg tussen het ministerie van VWS, AZN en ZN",
            "tweemaal per jaar", Recurring, status="undated", section="Uitvoering actieplan"),
        # Voorjaar: maart t/m mei, the meteorological spring.
        Pin(ACTIEPLAN, "kwaliteitskader-1-0", "Oplevering van versie 1.0 van het kwaliteitskader",
            "in het voorjaar van 2019", Span, due="2019-05-31", first="2019-03-01",
            section="Actiepunt 8"),
        Pin(ACTIEPLAN, "capaciteitsraming", "vanaf 2019 wordt meegenomen in de capaciteitsraming",
            "vanaf 2019", Start, due="2019-01-01", section="Actiepunt 12"),
        Pin(ACTIEPLAN, "arbeidsmarktcampagne", "landelijke campagne vanaf 2018", "vanaf 2018",
            Start, due="2018-01-01", section="Actiepunt 16"),
        Pin(ACTIEPLAN, "ambulance-challenge", "gestart met de Ambulance Challenge",
            "op 13 september 2018", Day, due="2018-09-13", section="Actiepunt 16"),
        Pin(ACTIEPLAN, "monitor-acute-zorg", "Monitor acute zorg",
            "voor het einde van 2018", Recurring, due="2018-12-31", section="Actiepunt 19"),
        Pin(ACTIEPLAN, "monitor-acute-zorg", "Monitor acute zorg", "iedere twee jaar",
            Recurring, due="2020-12-31", section="Actiepunt 19"),
        Pin(ACTIEPLAN, "flexibiliteit-bekostiging",
            "vanaf 2019 voor meer flexibiliteit in de bekostiging van de ambulancezorg",
            "vanaf 2019", Start, due="2019-01-01", section="Actiepunt 20"),
        Pin(ACTIEPLAN, "bekostiging-pilots-zorgcoordinatie",
            "pilots zorgcoördinatie (actiepunt 7) te bekostigen", "vanaf 2019", Start,
            due="2019-01-01", section="Actiepunt 20"),
        Pin(ACTIEPLAN, None, "macrokader voor de ambulancesector",
            "in de komende drie jaar", Period, due="2021-12-31", section="Actiepunt 21"),
        Pin(ACTIEPLAN, "versterking-positie-roaz", "versterking van de positie van het ROAZ",
            "vóór de inwerkingtreding van de nieuwe ambulancewet", Relative,
            status="unresolved", section="Actiepunt 23"),
        Pin(ACTIEPLAN, "versterking-positie-roaz", "versterking van de positie van het ROAZ",
            "vóór de inwerkingtreding van de nieuwe ambulancewet", Relative,
            due="2020-06-30", section="Actiepunt 23", given={"ambulancewet": "2020-07-01"}),
        Pin(ACTIEPLAN, "arbeidsmarktagenda-msz", "Arbeidsmarktagenda MSZ",
            "eind 2017", Span, due="2017-12-31", section="Arbeidsmarkt"),
    ),
)

SOURCES = (AMBULANCE_2027, MSZ_2027, ALGEMEEN_2027, ZK_AMBULANCE_2024, ACTIEPLAN_2018)
ALL_PINS = [(source, pin) for source in SOURCES for pin in source.pins]


# The pin check ---------------------------------------------------------------------------

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def norm(text: str) -> str:
    """Text compared the way a reader would: case, line breaks and curly quotes aside."""
    return " ".join(text.translate(_QUOTES).split()).casefold()


def _day(iso: str | None) -> date | None:
    return date.fromisoformat(iso) if iso is not None else None


def rows_for(catalog: Catalog, pin: Pin) -> list[Row]:
    calendar = catalog.calendars[pin.calendar]
    given = {name: date.fromisoformat(day) for name, day in pin.given.items()}
    return timeline(calendar, catalog.parents(calendar), TODAY, given)


def find_row(rows: Sequence[Row], pin: Pin) -> Row | None:
    """The calendar's own row for ``pin``: by entry id, or by phrase for an uncovered one.

    A recurring entry has a row per occurrence; the one on the pinned day is taken.
    """
    own = [row for row in rows if row.calendar.id == pin.calendar]
    if pin.entry is not None:
        matches = [row for row in own if row.entry.id == pin.entry]
    else:
        matches = [row for row in own if norm(pin.phrase) in norm(row.entry.activity)]
    for row in matches:
        if pin.due is not None and row.date == _day(pin.due):
            return row
    return matches[0] if matches else None


def check_pin(catalog: Catalog, pin: Pin) -> list[str]:
    """How the calendar differs from what the source says about one statement."""
    where = f"{pin.calendar} {pin.label}"
    if pin.calendar not in catalog.calendars:
        return [f"{where}: no calendar {pin.calendar!r}"]
    row = find_row(rows_for(catalog, pin), pin)
    if row is None:
        if pin.entry is None:
            return [f"{where}: no entry covers the source's statement ({pin.says!r})"]
        return [f"{where}: no entry {pin.entry!r}"]
    entry = row.entry
    found: list[str] = []
    if norm(pin.phrase) not in norm(entry.activity):
        found.append(f"{where}: activity {entry.activity!r} lacks {pin.phrase!r}")
    if pin.due is not None:
        if row.date != _day(pin.due):
            got = row.date.isoformat() if row.date else row.status
            found.append(f"{where}: due {got}, but the source says {pin.says!r} ({pin.due})")
    elif row.status != pin.status:
        found.append(f"{where}: {row.status}, but the source says {pin.says!r} ({pin.status})")
    if not isinstance(entry.when, pin.form):
        found.append(f"{where}: dated as {type(entry.when).__name__}, but the source says "
                     f"{pin.says!r} ({pin.form.__name__})")
    if pin.first is not None and row.first != _day(pin.first):
        found.append(f"{where}: starts {row.first}, but the source says {pin.says!r} "
                     f"({pin.first})")
    if pin.condition is not None and norm(pin.condition) not in norm(entry.condition or ""):
        found.append(f"{where}: condition {entry.condition!r}, but the source attaches "
                     f"{pin.condition!r}")
    if pin.section is not None and pin.section not in (entry.section or ""):
        found.append(f"{where}: section {entry.section!r}, but it stands in {pin.section!r}")
    return found


def check_pins(catalog: Catalog, pins: Iterable[Pin]) -> list[str]:
    """Every difference between the calendars and the pinned statements; empty if none."""
    return [problem for pin in pins for problem in check_pin(catalog, pin)]


def unpinned(catalog: Catalog, source: Source) -> list[str]:
    """The calendar's own entries that no pin of its source accounts for."""
    covered = {pin.entry for pin in source.pins if pin.entry is not None}
    for pin in source.pins:
        if pin.entry is None:
            row = find_row(rows_for(catalog, pin), pin)
            if row is not None:
                covered.add(row.entry.id)
    calendar = catalog.calendars[source.calendar]
    return [entry.id for entry in calendar.entries if entry.id not in covered]


def load_catalog(config: Path, extra: Sequence[Path] = ()) -> Catalog:
    """The shipped calendars (and ``extra`` folders), never the user's own."""
    catalog = Catalog.load(list(extra), env={"XDG_CONFIG_HOME": str(config)})
    assert catalog.problems == []
    return catalog


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    return load_catalog(tmp_path_factory.mktemp("config"))


# The tests -------------------------------------------------------------------------------


@pytest.mark.parametrize("source", SOURCES, ids=lambda source: source.name)
def test_calendar_matches_the_document_header(catalog: Catalog, source: Source) -> None:
    calendar = catalog.calendars[source.calendar]
    assert calendar.version == source.version
    assert calendar.published == date.fromisoformat(source.published)
    assert calendar.year == source.year


@pytest.mark.parametrize(
    "pin", [pin for _, pin in ALL_PINS], ids=[f"{s.name}:{p.label}" for s, p in ALL_PINS]
)
def test_dated_statement_of_the_source(catalog: Catalog, pin: Pin) -> None:
    assert check_pins(catalog, [pin]) == []


@pytest.mark.parametrize("source", SOURCES, ids=lambda source: source.name)
def test_every_calendar_entry_has_a_source_statement(catalog: Catalog, source: Source) -> None:
    assert unpinned(catalog, source) == []


@pytest.mark.parametrize("source", SOURCES, ids=lambda source: source.name)
def test_pins_quote_their_source(source: Source) -> None:
    path = SEEDS / source.seed
    if not path.is_file():
        pytest.skip(f"source document {path} not available (set ZINKOOP_SEEDS)")
    text = norm(path.read_text(encoding="utf-8"))
    assert norm(source.header) in text
    missing = [f"{pin.label}: {words!r}" for pin in source.pins
               for words in (pin.phrase, pin.says) if norm(words) not in text]
    assert missing == []


def test_care_type_policies_add_to_the_general_one(catalog: Catalog) -> None:
    """2.1 of each care-type policy: an addition to the Algemeen zorginkoopbeleid, which
    yields where they conflict."""
    for calendar_id in (ZZ_AMBULANCE, ZZ_MSZ):
        calendar = catalog.calendars[calendar_id]
        assert [parent.id for parent in catalog.parents(calendar)] == [ZZ_ALGEMEEN]

    def aanvullingen(calendar_id: str) -> Row:
        calendar = catalog.calendars[calendar_id]
        rows = timeline(calendar, catalog.parents(calendar), TODAY, {})
        (row,) = [row for row in rows if row.entry.id == "aanvullingen-zorginkoopbeleid"]
        return row

    # Ambulancezorg says nothing of its own: the Algemeen "Doorlopend" holds.
    row = aanvullingen(ZZ_AMBULANCE)
    assert (row.calendar.id, row.status) == (ZZ_ALGEMEEN, "undated")
    # MSZ has its own "Gedurende heel 2026 en 2027", which prevails.
    row = aanvullingen(ZZ_MSZ)
    assert (row.calendar.id, row.date) == (ZZ_MSZ, date(2027, 12, 31))


@dataclass(frozen=True)
class Mutation:
    """A shipped calendar file with one thing changed, and the entries that must notice."""

    file: str
    old: str
    new: str
    calendar: str
    breaks: frozenset[str]


MUTATIONS = [
    Mutation("zorg-en-zekerheid/msz-2027.toml", '"11 november 2026"', '"12 november 2026"',
             ZZ_MSZ, frozenset({"ondertekening-vecozo"})),
    Mutation("zorg-en-zekerheid/msz-2027.toml", "weeks = 6", "weeks = 5", ZZ_MSZ,
             frozenset({"reactie-op-offerte", "ondertekening-zorgovereenkomst"})),
    Mutation("zorg-en-zekerheid/msz-2027.toml", 'condition = "bijcontracteren"',
             'condition = "maatwerk"', ZZ_MSZ,
             frozenset({"bijcontracteren-melding", "bijcontracteren-beoordeling"})),
    Mutation("zorg-en-zekerheid/ambulancezorg-2027.toml", "weeks = 4", "weeks = 5",
             ZZ_AMBULANCE, frozenset({"beoordeling-rav"})),
    Mutation("vws-zn-azn/ambulancezorg-2018.toml", '"voorjaar 2019"', '"najaar 2019"',
             ACTIEPLAN, frozenset({"kwaliteitskader-1-0"})),
]


@pytest.mark.parametrize(
    "mutation", MUTATIONS, ids=[f"{m.file}:{m.old}->{m.new}" for m in MUTATIONS]
)
def test_pins_catch_an_altered_calendar(
    catalog: Catalog, tmp_path: Path, mutation: Mutation
) -> None:
    shipped = resources.files("zinkoop_cli").joinpath("calendars", *mutation.file.split("/"))
    text = shipped.read_text(encoding="utf-8")
    assert mutation.old in text, f"{mutation.file} no longer contains {mutation.old!r}"
    folder = tmp_path / "calendars"
    folder.mkdir()
    copy = folder / Path(mutation.file).name
    copy.write_text(text.replace(mutation.old, mutation.new), encoding="utf-8")

    altered = load_catalog(tmp_path / "config", [folder])

    assert altered.calendars[mutation.calendar].origin == str(copy)
    pins = [pin for _, pin in ALL_PINS
            if pin.calendar == mutation.calendar and pin.entry in mutation.breaks]
    assert check_pins(catalog, pins) == []
    mismatches = check_pins(altered, pins)
    assert mismatches
    assert {pin.entry for pin in pins if check_pin(altered, pin)} == mutation.breaks
    # Nothing else in the calendar changed its answer.
    others = [pin for _, pin in ALL_PINS
              if pin.calendar == mutation.calendar and pin.entry not in mutation.breaks]
    assert check_pins(altered, others) == check_pins(catalog, others)
