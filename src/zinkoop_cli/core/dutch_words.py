"""The words of Dutch date phrases: months, numerals, quarters, seasons, parts, as regex parts."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

MONTH_NAMES = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
               "september", "oktober", "november", "december")

_MONTHS: dict[str, int] = {name: number for number, name in enumerate(MONTH_NAMES, 1)}
_MONTHS.update({"jan": 1, "feb": 2, "febr": 2, "mrt": 3, "mar": 3, "apr": 4, "jun": 6,
                "jul": 7, "aug": 8, "sep": 9, "sept": 9, "okt": 10, "nov": 11, "dec": 12})

_UNITS = {"een": 1, "één": 1, "eén": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6,
          "zeven": 7, "acht": 8, "negen": 9}
_SMALL = {**_UNITS, "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14,
          "vijftien": 15, "zestien": 16, "zeventien": 17, "achttien": 18, "negentien": 19}
_TENS = {"twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60,
         "zeventig": 70, "tachtig": 80, "negentig": 90}

ORDINALS = {"eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "vijfde": 5, "laatste": 4}
SEASONS = {"voorjaar": "voorjaar", "lente": "voorjaar", "zomer": "zomer", "najaar": "najaar",
           "herfst": "najaar", "winter": "winter"}
PARTS = {"begin": "begin", "medio": "medio", "half": "medio", "midden": "medio",
         "eind": "eind", "einde": "eind", "ultimo": "eind"}
UNITS = {"dag": "days", "dagen": "days", "kalenderdag": "days", "kalenderdagen": "days",
         "werkdag": "workdays", "werkdagen": "workdays", "week": "weeks", "weken": "weeks",
         "maand": "months", "maanden": "months", "jaar": "years", "jaren": "years"}
# Prepositions: a noun phrase that follows one goes on; an article after anything else opens
# a new phrase.
PREPOSITIONS = frozenset({"van", "op", "aan", "voor", "bij", "door", "met", "in", "over", "na",
                          "tot", "uit", "naar", "om", "tegen", "tijdens", "vanaf", "per"})
FREQUENCY_TIMES = {"een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4}


def _alternatives(words: Iterable[str]) -> str:
    # Longest first, so that 'sept' wins over 'sep' and 'januari' over 'jan'.
    return "|".join(sorted((re.escape(word) for word in words), key=len, reverse=True))


# 'eenentwintig', 'tweeëntwintig' (a trema where 'e' meets 'en'), also written without it.
_NUMBER_WORDS = [*(f"{u}{link}{t}" for u in _UNITS for t in _TENS for link in ("en", "ën")),
                 *_SMALL, *_TENS]

MONTH = rf"(?:{_alternatives(_MONTHS)})(?![^\W\d_])\.?"
FULL_MONTH = rf"(?:{_alternatives(MONTH_NAMES)})(?![^\W\d_])"
NUMBER = rf"(?:\d{{1,3}}|{_alternatives(_NUMBER_WORDS)})(?![^\W\d_])"
DAY = r"(?:[0-3]?\d)(?!\d)"
YEAR = r"(?:(?:19|20)\d\d|2100)(?!\d)"
UNIT = rf"(?:{_alternatives(UNITS)})(?![^\W\d_])"
QUARTER_ORDINAL = r"(?:eerste|tweede|derde|vierde|laatste|[1-4](?:e|ste|de))"
SEASON = rf"(?:{_alternatives(SEASONS)})(?![^\W\d_])"
PART = rf"(?:{_alternatives(PARTS)})(?![^\W\d_])"


def month_number(word: str) -> int:
    """The month a Dutch month name or abbreviation names (1-12)."""
    return _MONTHS[word.lower().rstrip(".")]


def number_value(word: str) -> int:
    """A numeral in digits or Dutch words: '6', 'zes', 'eenentwintig'."""
    text = word.lower()
    if text.isdigit():
        return int(text)
    if text in _SMALL:
        return _SMALL[text]
    if text in _TENS:
        return _TENS[text]
    for unit, value in _UNITS.items():
        for tens, ten in _TENS.items():
            if text in (f"{unit}en{tens}", f"{unit}ën{tens}"):
                return value + ten
    raise KeyError(word)


def quarter_number(word: str) -> int:
    text = word.lower()
    return ORDINALS[text] if text in ORDINALS else int(text[0])


def slug(text: str) -> str:
    """Lower-case letters, digits and dashes, accents dropped: an id or event name."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
