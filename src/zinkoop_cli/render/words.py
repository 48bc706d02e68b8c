"""The program's own words in Dutch and English: dates, rules, labels and messages.

Never the system locale (cron runs under C). Every table is keyed by language first.
"""

from __future__ import annotations

import re
from datetime import date

from zinkoop_cli.core.lang import MONTHS, MONTHS_SHORT, Lang

__all__ = ["MONTHS", "MONTHS_SHORT"]

# -- dates and rules -------------------------------------------------------------------

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
        "day_before": "de dag ervoor",
        "yearly": "jaarlijks {what}",
        "windowed": "volgens het venster van {anchor}",
        "outside": "{anchor} {day} valt in geen venster",
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
        "unconfirmed_day": "mogelijk gelijkgestelde dag: besluit niet opgenomen",
        "not_verified": "niet bevestigd",
        "falls_on": "Valt op: {what}",
        "falls_on_short": "valt op: {what}",
        "provider": "Zorgaanbieder",
        "contract": "Contract",
        "kind_happening": "(gebeurtenis)",
        "kind_target": "(streefdatum)",
        "kind_fact": "(feit)",
    },
    "en": {
        "first_of_month": "first day of the month of {anchor}",
        "not_before": "not before {day}",
        "not_after": "not after {day}",
        "same_day": "same day as {anchor}",
        "from": "from {what}",
        "through": "to",
        "before_day": "before {day}",
        "day_before": "the day before",
        "yearly": "every year {what}",
        "windowed": "by the window of {anchor}",
        "outside": "{anchor} {day} falls in no window",
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
        "unconfirmed_day": "possibly a day equated by decree: decree not on file",
        "not_verified": "not verified",
        "falls_on": "Falls on: {what}",
        "falls_on_short": "falls on: {what}",
        "provider": "Provider",
        "contract": "Contract",
        "kind_happening": "(happening)",
        "kind_target": "(target)",
        "kind_fact": "(fact)",
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

# -- labels of rendered output ---------------------------------------------------------

# `zinkoop list` has no --lang: its columns are Dutch, as the calendars are.
CALENDAR_COLUMNS = ("Uitgever", "Zorgsoort", "Jaar", "Versie", "Regels", "Bron")
HEADERS: dict[Lang, tuple[str, ...]] = {
    "nl": ("Datum", "Dagen", "Status", "Activiteit", "Wie", "§", "Voorwaarde"),
    "en": ("Date", "Days", "Status", "Activity", "Who", "§", "Condition"),
}
TIMELINE: dict[Lang, dict[str, str]] = {
    "nl": {
        "today": "Vandaag",
        "version": "versie",
        "source": "Bron",
        "mark": "valt in het weekend of op een feestdag (Atw)",
        "give": "Geef de datum met",
        "inherits": "met",
        "atw": "verschoven volgens de Algemene termijnenwet",
        "none": "Geen regels.",
    },
    "en": {
        "today": "Today",
        "version": "version",
        "source": "Source",
        "mark": "falls on a weekend or holiday (Atw)",
        "give": "Give the date with",
        "inherits": "with",
        "atw": "moved under the Algemene termijnenwet",
        "none": "No entries.",
    },
}
WARN: dict[Lang, dict[str, str]] = {
    "nl": {
        "today": "vandaag",
        "day": "{n} dag",
        "days": "{n} dagen",
        "deadline": "deadline",
        "deadlines": "deadlines",
        "first": "eerste",
        "late_day": "{n} dag te laat",
        "late_days": "{n} dagen te laat",
        "overdue": "te laat",
        "contract": "contract",
    },
    "en": {
        "today": "today",
        "day": "{n} day",
        "days": "{n} days",
        "deadline": "deadline",
        "deadlines": "deadlines",
        "first": "first",
        "late_day": "{n} day overdue",
        "late_days": "{n} days overdue",
        "overdue": "overdue",
        "contract": "contract",
    },
}
CONTRACT_STATUS: dict[Lang, dict[str, str]] = {
    "nl": {"overdue": "te laat", "done": "gedaan", "today": "vandaag", "upcoming": "komend",
           "unresolved": "open"},
    "en": {"overdue": "overdue", "done": "done", "today": "today", "upcoming": "upcoming",
           "unresolved": "unresolved"},
}
NO_DEADLINES: dict[Lang, str] = {
    "nl": "geen eigen termijnen (geef een gebeurtenis, zoals ontvangst)",
    "en": "no deadlines of its own (give an event, such as ontvangst)",
}
NO_CONTRACTS: dict[Lang, str] = {
    "nl": "Geen contracten gevolgd; voeg ze toe met 'zinkoop track add' of 'zinkoop track "
          "import'.",
    "en": "No contracts tracked; add them with 'zinkoop track add' or 'zinkoop track import'.",
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


# The parties as the calendars name them (Dutch); `--lang en` shows these. Names of bodies
# (RAV, NZa, VWS) stay as they are.
PARTIES_EN: dict[str, str] = {
    "zorgaanbieder": "care provider",
    "zorgaanbieders": "care providers",
    "zorgverzekeraar": "insurer",
    "zorgverzekeraars": "insurers",
    "branchepartijen": "trade associations",
    "en": "and",
}
_PARTY_WORD = re.compile(r"\w+")


def party_label(party: str | None, lang: Lang) -> str:
    """Who acts, in ``lang``: "zorgaanbieder en zorgverzekeraar" -> "care provider and
    insurer"; a word it does not know (RAV, NZa, a name) is left as written; none: ""."""
    if not party or lang == "nl":
        return party or ""
    return _PARTY_WORD.sub(lambda found: PARTIES_EN.get(found.group(0), found.group(0)), party)


def kind_label(kind: str, lang: Lang) -> str | None:
    """How a table marks a statement that is not a deadline: "(streefdatum)"; else None."""
    return None if kind == "deadline" else word(lang, f"kind_{kind}")
