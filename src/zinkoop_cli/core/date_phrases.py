"""The date phrases of the Dutch grammar: one regular expression and one reader per form.

Generic Dutch, not phrases of particular documents: a day ("uiterlijk 1 oktober 2026 voor
17.00 uur"), a range, a month and its part, a quarter, a season, a year, a period, a start,
a relative term ("binnen zes weken na de dag van ontvangst"), a repeat, and the markers
"Doorlopend" and "volgt later". A phrase whose year the text does not give is *not read*
(with its reason) rather than guessed: a wrong date is worse than none.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import NamedTuple

from zinkoop_cli.core.dutch_words import (
    DAY,
    FREQUENCY_TIMES,
    FULL_MONTH,
    MONTH,
    MONTH_NAMES,
    NUMBER,
    PART,
    PARTS,
    QUARTER_ORDINAL,
    SEASON,
    SEASONS,
    UNIT,
    UNITS,
    YEAR,
    month_number,
    number_value,
    quarter_number,
    slug,
)

Keys = dict[str, object]
YEAR_MISSING = "year missing"


class Found(NamedTuple):
    """One date phrase in a text: its *when* keys, or (keys None) why it was not read."""

    start: int
    end: int
    written: str
    keys: Keys | None
    reason: str | None = None
    anchor_label: str | None = None  # a relative rule's anchor, as the text words it
    note: str | None = None
    day_month: tuple[int, int] | None = None  # a day without a year, to borrow one


def day_text(day: dt.date) -> str:
    """A day as calendar files write it in Dutch: '1 oktober 2026'."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def valid_day(year: str | int, month: int, day: str | int) -> dt.date | None:
    try:
        return dt.date(int(year), month, int(day))
    except ValueError:
        return None


_F = re.IGNORECASE | re.VERBOSE
_S = r"\s+"
_TIME = (r"(?P<tm>\s*,?\s*(?:uiterlijk\s+)?(?:om|voor|vóór|tot)\s+"
         r"(?P<hh>[0-2]?\d)[.:](?P<mi>[0-5]\d)(?:\s*uur)?)?")
_WEEKDAY = r"(?:(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)\s+)?"
_DAY_LEAD = (r"(?:(?P<lead>uiterlijk\s+op|uiterlijk\s+vóór|uiterlijk|vóór|voor|op|per|vanaf|"
             r"met\s+ingang\s+van|m\.i\.v\.|rond|omstreeks|tot\s+en\s+met|t/m|tot|na|sinds)\s+)?")
_STARTS = {"per", "vanaf", "met ingang van", "m.i.v.", "sinds"}
_ANCHOR_SKIP = {"de", "het", "een", "dag", "datum", "moment", "van", "uw", "zijn", "haar"}
_ANCHOR_STOP = {"door", "worden", "wordt", "is", "zijn", "te", "en", "om", "of", "bij", "in",
                "aan", "met", "heeft", "hebben", "kan", "kunnen", "moet", "moeten", "zal",
                "zullen", "dat", "die", "waarin", "waarop", "als"}


def _lead(match: re.Match[str]) -> str:
    found = match.groupdict().get("lead")
    return " ".join(found.lower().split()) if found else ""


def _relative(text: str, match: re.Match[str]) -> Found | None:
    lead, tail = _lead(match), " ".join((match.group("tail") or "").lower().split())
    counts = "binnen" in lead or lead == "na" or tail in {"de tijd", "na", "nadat", "vóór",
                                                          "voor", "voorafgaand aan",
                                                          "voorafgaande aan", "van tevoren"}
    if not counts or (tail == "op" and "binnen" not in lead):
        return None
    unit = UNITS[match.group("u").lower()]
    keys: Keys = {"before" if tail in {"vóór", "voor", "voorafgaand aan", "voorafgaande aan",
                                       "van tevoren"} else "after": "",
                  unit: number_value(match.group("n"))}
    end, label = match.end(), None
    if tail in {"na", "nadat", "vóór", "voor", "voorafgaand aan", "voorafgaande aan", "op"}:
        words = re.match(r"(?:\s*[\w'\u2019-]+){1,8}", text[end:])
        picked: list[str] = []
        for word in (words.group(0).split() if words else []):
            if word.lower() in _ANCHOR_STOP:
                break
            picked.append(word)
        nouns = [w for w in picked if w.lower() not in _ANCHOR_SKIP]
        if nouns:
            last = text.index(picked[-1], end) + len(picked[-1])
            label, end = text[end:last].strip(), last
            keys[next(iter(keys))] = slug(nouns[0])
    note = "'voor' read as 'vóór' (before)" if tail == "voor" else None
    return Found(match.start(), end, text[match.start():end], keys, anchor_label=label,
                 note=note)


def _first_of_month(text: str, match: re.Match[str]) -> Found:
    name = slug(match.group("x"))
    return Found(match.start(), match.end(), match.group(0), {"first_of_month_of": name},
                 anchor_label=match.group("label"))


def _yearly(text: str, match: re.Match[str]) -> Found | None:
    month = month_number(match.group("m"))
    if valid_day(2000, month, match.group("d")) is None:  # a leap year: 29 februari exists
        return None
    return Found(match.start(), match.end(), match.group(0),
                 {"yearly": f"{int(match.group('d'))} {MONTH_NAMES[month - 1]}"})


def _frequency(text: str, match: re.Match[str]) -> Found:
    return Found(match.start(), match.end(), match.group(0),
                 {"frequency": " ".join(match.group(0).lower().split())})


def _marker(text: str, match: re.Match[str]) -> Found:
    word = match.group(0).lower()
    key = "continuous" if word.startswith("doorlopend") else "undetermined"
    return Found(match.start(), match.end(), match.group(0), {key: True})


def _unread(match: re.Match[str], reason: str, **extra: object) -> Found:
    return Found(match.start(), match.end(), match.group(0), None, reason,
                 day_month=extra.get("day_month"))  # type: ignore[arg-type]


def _day_keys(lead: str, day: dt.date, match: re.Match[str]) -> Found:
    keys: Keys
    note = None
    if lead in _STARTS:
        keys = {"starts": day_text(day)}
    elif lead == "na":
        return _unread(match, "a day after which something happens is no deadline")
    else:
        keys = {"date": day_text(day)}
        if lead in {"vóór", "voor", "uiterlijk vóór", "tot"}:
            keys["bound"] = "voor"
            if lead in {"voor", "tot"}:
                note = f"'{lead}' read as 'vóór' (the day before is the last day)"
        if lead in {"rond", "omstreeks"}:
            note = f"'{lead}': the policy gives an approximate day"
        hour = match.groupdict().get("hh")
        if hour is not None and int(hour) < 24:
            keys["time"] = f"{int(hour):02d}:{match.group('mi')}"
    return Found(match.start(), match.end(), match.group(0), keys, note=note)


def _full_day(text: str, match: re.Match[str]) -> Found:
    month = month_number(match.group("m")) if not match.group("m").isdigit() \
        else int(match.group("m"))
    if match.group("y") is None:
        return _unread(match, YEAR_MISSING, day_month=(int(match.group("d")), month))
    day = valid_day(match.group("y"), month, match.group("d"))
    if day is None:
        return _unread(match, "that day does not exist")
    return _day_keys(_lead(match), day, match)


def _range(text: str, match: re.Match[str]) -> Found | None:
    link = " ".join(match.group("link").lower().split())
    lead = _lead(match)
    if (link == "en" and lead != "tussen") or (link == "tot" and lead not in {"van", ""}):
        return None
    if link == "tot":
        return _unread(match, "'tot': the policy does not say whether the last day counts")
    m2 = month_number(match.group("m2"))
    m1 = month_number(match.group("m1")) if match.group("m1") else m2
    if match.group("y2") is None:
        return _unread(match, YEAR_MISSING)
    y1 = match.group("y1") or match.group("y2")
    first = valid_day(y1, m1, match.group("d1"))
    last = valid_day(match.group("y2"), m2, match.group("d2"))
    if first is None or last is None:
        return _unread(match, "that day does not exist")
    if first > last:
        return _unread(match, "the first day's year is not given" if not match.group("y1")
                       else "the range runs backwards")
    return Found(match.start(), match.end(), match.group(0),
                 {"from": day_text(first), "date": day_text(last)})


def _month_range(text: str, match: re.Match[str]) -> Found | None:
    m1, m2 = month_number(match.group("m1")), month_number(match.group("m2"))
    y2 = int(match.group("y2"))
    y1 = int(match.group("y1") or y2)
    first, last = dt.date(y1, m1, 1), _last_of(y2, m2)
    if first > last:
        return _unread(match, "the first month's year is not given")
    return Found(match.start(), match.end(), match.group(0),
                 {"period": [day_text(first), day_text(last)]})


def _last_of(year: int, month: int) -> dt.date:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _year_period(text: str, match: re.Match[str]) -> Found | None:
    y1, y2 = int(match.group("y1")), int(match.group("y2"))
    link = " ".join(match.group("link").lower().split())
    if y2 <= y1 or (link == "en" and not match.group("lead")) or (link == "en" and y2 != y1 + 1):
        return None
    return Found(match.start(), match.end(), match.group(0),
                 {"period": [f"1 januari {y1}", f"31 december {y2}"]})


def _month(text: str, match: re.Match[str], whole: bool) -> Found | None:
    lead, part = _lead(match), match.group("part")
    is_abbreviation = match.group("m").lower().rstrip(".") not in MONTH_NAMES
    if match.group("y") is None:
        if is_abbreviation or not (lead or part or whole):
            return None
        return _unread(match, YEAR_MISSING)
    month = f"{MONTH_NAMES[month_number(match.group('m')) - 1]} {match.group('y')}"
    if lead in _STARTS:
        if part:
            return _unread(match, "a start within part of a month")
        return Found(match.start(), match.end(), match.group(0), {"starts": month})
    if lead in {"vóór", "voor", "na"}:
        return _unread(match, f"'{lead}' a month: write the day yourself")
    keys: Keys = {"month": month}
    if part:
        keys["part"] = PARTS[part.lower()]
    note = f"'{lead}': the policy gives an approximate month" if lead in {"rond",
                                                                          "omstreeks"} else None
    return Found(match.start(), match.end(), match.group(0), keys, note=note)


def _quarter(text: str, match: re.Match[str]) -> Found | None:
    number = quarter_number(match.group("o")) if match.group("o") else int(match.group("q"))
    year = match.group("y") or match.group("y0")
    if year is None:
        return _unread(match, YEAR_MISSING)
    value = f"{('eerste', 'tweede', 'derde', 'vierde')[number - 1]} kwartaal {year}"
    key = "starts" if _lead(match) in _STARTS else "quarter"
    return Found(match.start(), match.end(), match.group(0), {key: value})


def _season(text: str, match: re.Match[str], whole: bool) -> Found | None:
    if match.group("y") is None:
        if not (match.group("lead") or match.group("art") or whole):
            return None
        return _unread(match, YEAR_MISSING)
    value = f"{SEASONS[match.group('s').lower()]} {match.group('y')}"
    key = "starts" if _lead(match) in _STARTS else "season"
    return Found(match.start(), match.end(), match.group(0), {key: value})


def _year(text: str, match: re.Match[str]) -> Found | None:
    lead, year = _lead(match), int(match.group("y"))
    part = re.search(PART, lead, re.IGNORECASE)
    if lead.startswith(("vóór", "voor", "uiterlijk")) and part:
        return _unread(match, f"'{lead}' a year: write the day yourself")
    if lead in {"tot en met", "t/m"}:
        return _unread(match, "an end without a start")
    if lead == "na":
        return None
    if lead in {"vóór"}:
        return Found(match.start(), match.end(), match.group(0),
                     {"date": f"1 januari {year}", "bound": "voor"})
    if lead in _STARTS or match.group("on"):
        return Found(match.start(), match.end(), match.group(0), {"starts": year})
    keys: Keys = {"year": year}
    if part:
        keys["part"] = PARTS[part.group(0).lower()]
    return Found(match.start(), match.end(), match.group(0), keys)


Handler = Callable[[str, re.Match[str]], Found | None]


def _whole(handler: Callable[[str, re.Match[str], bool], Found | None],
           whole: bool) -> Handler:
    return lambda text, match: handler(text, match, whole)


_RELATIVE = re.compile(
    rf"(?:(?P<lead>(?:uiterlijk\s+)?binnen|na|uiterlijk|ten\s+minste|minstens)\s+)?"
    rf"(?P<n>{NUMBER})\s+(?P<u>{UNIT})"
    r"(?:\s+(?P<tail>de\s+tijd|nadat|na|vóór|voor(?:afgaande?\s+aan)?|op|van\s+tevoren)(?!\w))?",
    _F)
_FIRST_OF_MONTH = re.compile(
    r"per\s+de\s+eerste\s+(?:kalender)?dag\s+van\s+de\s+maand\s+(?:van|na|volgend\s+op)"
    r"\s+(?P<label>(?:de\s+|het\s+)?(?P<x>[\w-]+))", _F)
_YEARLY = re.compile(rf"(?:jaarlijks|(?:ieder|elk)e?\s+jaar)\s+(?:op\s+)?(?P<d>{DAY})\s+"
                     rf"(?P<m>{MONTH})(?!\s*{YEAR})", _F)
_FREQUENCY = re.compile(
    rf"(?:(?:{'|'.join(FREQUENCY_TIMES)}|\d+)\s*(?:maal|keer)\s+per\s+"
    r"(?:jaar|maand|kwartaal|week|half\s+jaar|halfjaar)"
    rf"|(?:ieder|elk)e?\s+(?:{NUMBER}\s+)?(?:jaren|jaar|maanden|maand|kwartalen|kwartaal|weken"
    rf"|week|half\s+jaar)(?:\s+in\s+{FULL_MONTH})?"
    r"|(?:half)?jaarlijks|maandelijks|wekelijks)(?![^\W\d_])", _F)
_MARKER = re.compile(r"(?<![^\W\d_])(?:doorlopend|volgt\s+later|nader\s+te\s+bepalen|n\.t\.b\."
                     r"|nog\s+niet\s+bekend|overige\s+data)(?![^\W\d_])", _F)
_RANGE = re.compile(
    rf"(?:(?P<lead>van|tussen|vanaf)\s+)?(?P<d1>{DAY})(?:\s+(?P<m1>{MONTH}))?"
    rf"(?:\s+(?P<y1>{YEAR}))?\s*(?P<link>t/m|tot\s+en\s+met|-|\u2013|tot|en)\s*"
    rf"(?P<d2>{DAY})\s+(?P<m2>{MONTH})(?:\s+(?P<y2>{YEAR}))?", _F)
_MONTH_RANGE = re.compile(rf"(?P<m1>{FULL_MONTH})(?:\s+(?P<y1>{YEAR}))?\s*(?:t/m|tot\s+en\s+met"
                          rf"|-|\u2013)\s*(?P<m2>{FULL_MONTH})\s+(?P<y2>{YEAR})", _F)
_YEAR_PERIOD = re.compile(rf"(?:(?P<lead>gedurende(?:\s+heel)?|de\s+jaren|de\s+periode)\s+)?"
                          rf"(?P<y1>{YEAR})\s*(?P<link>t/m|tot\s+en\s+met|-|\u2013|en)\s*"
                          rf"(?P<y2>{YEAR})", _F)
_VAGUE = re.compile(rf"(?:in\s+)?de\s+komende\s+(?:{NUMBER}\s+)?{UNIT}", _F)
_BEFORE_EVENT = re.compile(
    r"vóór\s+(?P<label>(?:de|het)\s+(?P<x>[\w-]*(?:ing|datum|aanvang|start))"
    r"(?:\s+van\s+(?:de|het)(?:\s+[\w-]+){1,3})?)(?![\w-])", _F)
_ISO = re.compile(rf"{_DAY_LEAD}(?P<y>{YEAR})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?!\d){_TIME}", _F)
_NUMERIC = re.compile(rf"{_DAY_LEAD}(?<![\d-])(?P<d>{DAY})-(?P<m>[01]?\d)-(?P<y>{YEAR}){_TIME}",
                      _F)
_FULL_DAY = re.compile(rf"{_DAY_LEAD}{_WEEKDAY}(?<!\d)(?P<d>{DAY})\s+(?P<m>{MONTH})"
                       rf"(?:\s+(?P<y>{YEAR}))?{_TIME}", _F)
_MONTH = re.compile(
    rf"(?:(?P<lead>uiterlijk|vóór|voor|per|vanaf|met\s+ingang\s+van|m\.i\.v\.|rond|omstreeks"
    rf"|in|tot\s+en\s+met|t/m|na|sinds)\s+)?(?:(?:het\s+)?(?P<part>{PART})\s+(?:van\s+)?)?"
    rf"(?<![\w-])(?P<m>{MONTH})(?:\s+(?P<y>{YEAR}))?", _F)
_QUARTER = re.compile(
    rf"(?:(?P<lead>vanaf|per|met\s+ingang\s+van|in|gedurende|sinds)\s+)?(?:het\s+|de\s+)?"
    rf"(?:(?P<o>{QUARTER_ORDINAL})\s+kwartaal|(?P<y0>{YEAR})[-\s]?Q(?P<q2>[1-4])|Q(?P<q>[1-4]))"
    rf"(?:\s+(?:van\s+)?(?P<y>{YEAR}))?", _F)
_SEASON = re.compile(
    rf"(?:(?P<lead>vanaf|per|in|gedurende|sinds|rond)\s+)?(?:(?P<art>het|de)\s+)?(?<![\w-])"
    rf"(?P<s>{SEASON})(?:\s+(?:van\s+)?(?P<y>{YEAR}))?", _F)
_YEAR = re.compile(
    rf"(?P<lead>in\s+de\s+loop\s+van|(?:uiterlijk\s+|vóór\s+|voor\s+)?(?:het\s+)?{PART}"
    rf"(?:\s+van)?|in|vanaf|per|met\s+ingang\s+van|m\.i\.v\.|sinds|gedurende|tot\s+en\s+met|t/m"
    rf"|vóór|na)\s+(?:(?:het\s+)?(?:kalender)?jaar\s+)?(?P<y>{YEAR})(?P<on>\s+en\s+verder)?", _F)


def _vague(text: str, match: re.Match[str]) -> Found:
    return _unread(match, "counted from a day the policy does not name")


def _before_event(text: str, match: re.Match[str]) -> Found:
    # "vóór de inwerkingtreding van de wet": the day before the event is the last day.
    label = match.group("label")
    words = label.split()
    while words[-1].lower() in _ANCHOR_STOP | _ANCHOR_SKIP:
        words.pop()
    end = match.start("label") + label.index(words[-1], len(" ".join(words[:-1]))) + \
        len(words[-1])
    return Found(match.start(), end, text[match.start():end],
                 {"before": slug(match.group("x")), "days": 1},
                 anchor_label=text[match.start("label"):end])


def _fix_quarter(text: str, match: re.Match[str]) -> Found | None:
    if match.group("q2"):
        return _quarter_value(match, int(match.group("q2")), match.group("y0"))
    return _quarter(text, match)


def _quarter_value(match: re.Match[str], number: int, year: str) -> Found:
    value = f"{('eerste', 'tweede', 'derde', 'vierde')[number - 1]} kwartaal {year}"
    key = "starts" if _lead(match) in _STARTS else "quarter"
    return Found(match.start(), match.end(), match.group(0), {key: value})


def _patterns(whole: bool) -> list[tuple[re.Pattern[str], Handler]]:
    # Most specific first: a span claimed by one pattern is not read again by a later one.
    return [(_FIRST_OF_MONTH, _first_of_month), (_YEARLY, _yearly), (_RELATIVE, _relative),
            (_MARKER, _marker), (_VAGUE, _vague),
            (_BEFORE_EVENT, _before_event), (_RANGE, _range), (_MONTH_RANGE, _month_range),
            (_YEAR_PERIOD, _year_period), (_ISO, _full_day), (_NUMERIC, _full_day),
            (_FULL_DAY, _full_day), (_QUARTER, _fix_quarter), (_SEASON, _whole(_season, whole)),
            (_FREQUENCY, _frequency), (_MONTH, _whole(_month, whole)), (_YEAR, _year)]


PATTERNS = {flag: _patterns(flag) for flag in (False, True)}
