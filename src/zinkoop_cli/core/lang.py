"""The program's own words for dates and rules in Dutch and English (never the system locale)."""

from __future__ import annotations

from datetime import date
from typing import Literal

Lang = Literal["nl", "en"]

MONTHS: dict[Lang, tuple[str, ...]] = {
    "nl": (
        "januari", "februari", "maart", "april", "mei", "juni",
        "juli", "augustus", "september", "oktober", "november", "december",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
}
MONTHS_SHORT: dict[Lang, tuple[str, ...]] = {
    "nl": ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}
WEEKDAYS_SHORT: dict[Lang, tuple[str, ...]] = {
    "nl": ("ma", "di", "wo", "do", "vr", "za", "zo"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}
QUARTER: dict[Lang, str] = {"nl": "{n}e kwartaal {year}", "en": "Q{n} {year}"}
SEASONS: dict[Lang, dict[str, str]] = {
    "nl": {"voorjaar": "voorjaar", "zomer": "zomer", "najaar": "najaar", "winter": "winter"},
    "en": {"voorjaar": "spring", "zomer": "summer", "najaar": "autumn", "winter": "winter"},
}
PARTS: dict[Lang, dict[str, str]] = {
    "nl": {"begin": "begin", "medio": "medio", "eind": "eind"},
    "en": {"begin": "early", "medio": "mid", "eind": "end of"},
}
UNITS: dict[Lang, dict[str, tuple[str, str]]] = {
    "nl": {
        "days": ("dag", "dagen"),
        "workdays": ("werkdag", "werkdagen"),
        "weeks": ("week", "weken"),
        "months": ("maand", "maanden"),
        "years": ("jaar", "jaar"),
    },
    "en": {
        "days": ("day", "days"),
        "workdays": ("working day", "working days"),
        "weeks": ("week", "weeks"),
        "months": ("month", "months"),
        "years": ("year", "years"),
    },
}
DIRECTIONS: dict[Lang, dict[str, str]] = {
    "nl": {"after": "na", "before": "vóór"},
    "en": {"after": "after", "before": "before"},
}
WORDS: dict[Lang, dict[str, str]] = {
    "nl": {
        "first_of_month": "eerste dag van de maand van {anchor}",
        "not_before": "niet vóór {day}",
        "not_after": "niet na {day}",
        "same_day": "zelfde dag als {anchor}",
        "from": "vanaf {what}",
        "through": "t/m",
        "before_day": "vóór {day}",
        "continuous": "doorlopend",
        "undetermined": "nog niet bepaald",
        "at": "{day} om {time} uur",
        "weekend": "weekend",
        "holiday": "feestdag",
        "past": "verstreken",
        "today": "vandaag",
        "upcoming": "komend",
        "unresolved": "open",
        "undated": "zonder datum",
        "due_by": "uiterlijk {what}",
        "who": "Wie",
        "condition": "Voorwaarde",
        "rule": "Regel",
        "written": "In het beleid",
        "source": "Bron",
        "version": "versie",
        "section": "paragraaf",
        "note": "Toelichting",
        "atw_moved": "Atw: verschoven van {day}",
        "falls_on": "Valt op: {what}",
        "provider": "Zorgaanbieder",
        "contract": "Contract",
    },
    "en": {
        "first_of_month": "first day of the month of {anchor}",
        "not_before": "not before {day}",
        "not_after": "not after {day}",
        "same_day": "same day as {anchor}",
        "from": "from {what}",
        "through": "to",
        "before_day": "before {day}",
        "continuous": "continuous",
        "undetermined": "not yet set",
        "at": "{day} at {time}",
        "weekend": "weekend",
        "holiday": "holiday",
        "past": "past",
        "today": "today",
        "upcoming": "upcoming",
        "unresolved": "unresolved",
        "undated": "undated",
        "due_by": "by {what}",
        "who": "Who",
        "condition": "Condition",
        "rule": "Rule",
        "written": "In the policy",
        "source": "Source",
        "version": "version",
        "section": "section",
        "note": "Note",
        "atw_moved": "Atw: moved from {day}",
        "falls_on": "Falls on: {what}",
        "provider": "Provider",
        "contract": "Contract",
    },
}
HOLIDAY_NAMES_EN: dict[str, str] = {
    "Nieuwjaarsdag": "New Year's Day",
    "Goede Vrijdag": "Good Friday",
    "tweede Paasdag": "Easter Monday",
    "Koningsdag": "King's Day",
    "5 mei": "Liberation Day",
    "Hemelvaartsdag": "Ascension Day",
    "tweede Pinksterdag": "Whit Monday",
    "eerste Kerstdag": "Christmas Day",
    "tweede Kerstdag": "Boxing Day",
    "gelijkgestelde dag": "day equated with a holiday by decree",
}

# Dutch month names and common abbreviations, for reading dates the way policies write them.
MONTH_NUMBERS: dict[str, int] = {
    **{name: number for number, name in enumerate(MONTHS["nl"], start=1)},
    **{name: number for number, name in enumerate(MONTHS_SHORT["nl"], start=1)},
    "mar": 3, "mei": 5, "sept": 9,
}


def word(lang: Lang, key: str) -> str:
    return WORDS[lang][key]


def unit_name(lang: Lang, unit: str, amount: int) -> str:
    singular, plural = UNITS[lang][unit]
    return singular if abs(amount) == 1 else plural


def format_day(day: date, lang: Lang = "nl", *, weekday: bool = True) -> str:
    """``wo 11 nov 2026`` (nl) or ``Wed 11 Nov 2026`` (en)."""
    text = f"{day.day} {MONTHS_SHORT[lang][day.month - 1]} {day.year}"
    return f"{WEEKDAYS_SHORT[lang][day.weekday()]} {text}" if weekday else text


def format_long_day(day: date, lang: Lang = "nl") -> str:
    """``1 januari 2027`` (nl) or ``1 January 2027`` (en)."""
    return f"{day.day} {MONTHS[lang][day.month - 1]} {day.year}"


def holiday_label(name: str, lang: Lang) -> str:
    return name if lang == "nl" else HOLIDAY_NAMES_EN.get(name, name)
