"""What a Dutch date phrase says: the found phrase, and the readers of days, relative terms,
repeats and markers (the stretches are in ``date_stretches``, the patterns in ``grammar``)."""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from zinkoop_cli.core.dutch_words import (
    DAY,
    MONTH,
    MONTH_NAMES,
    PREPOSITIONS,
    UNITS,
    YEAR,
    month_number,
    number_value,
    slug,
)

Keys = dict[str, object]
YEAR_MISSING = "year missing"
END_ONLY = "an end without a start"


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
    framed: bool = False  # read against the document's date or year (``deixis``)
    anchor_day: str | None = None  # a rule counted from a written day: that day, as a default


def day_text(day: dt.date) -> str:
    """A day as calendar files write it in Dutch: '1 oktober 2026'."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def valid_day(year: str | int, month: int, day: str | int) -> dt.date | None:
    try:
        return dt.date(int(year), month, int(day))
    except ValueError:
        return None


WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
STARTS = {"per", "vanaf", "met ingang van", "m.i.v.", "sinds"}
ANCHOR_SKIP = {"de", "het", "een", "dag", "datum", "moment", "van", "uw", "zijn", "haar"}
ANCHOR_STOP = {"door", "worden", "wordt", "is", "zijn", "te", "en", "om", "of", "bij", "in",
                "aan", "met", "heeft", "hebben", "kan", "kunnen", "moet", "moeten", "zal",
                "zullen", "dat", "die", "waarin", "waarop", "als"}


_DATED_ANCHOR = re.compile(rf"\s*(?:de\s+)?(?P<d>{DAY})\s+(?P<m>{MONTH})(?:\s+(?P<y>{YEAR}))?",
                           re.IGNORECASE)


_PRONOUNS = {"u", "wij", "we", "zij", "ze", "hij", "ik", "jij", "je", "men"}
_ARTICLES = {"de", "het", "een"}


ANY_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the sentence of ``text`` that holds ``start:end`` begins and ends (a full stop,
    '!', '?' or ';' ends one)."""
    first = max(text.rfind(mark, 0, start) for mark in ".!?;") + 1
    ends = [i for i in (text.find(mark, end) for mark in ".!?;") if i >= 0]
    return first, min(ends, default=len(text))


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` that holds ``start:end``."""
    first, last = sentence_span(text, start, end)
    return text[first:last]


def lead_of(match: re.Match[str]) -> str:
    found = match.groupdict().get("lead")
    return " ".join(found.lower().split()) if found else ""


def read_relative(text: str, match: re.Match[str]) -> Found | None:
    lead, tail = lead_of(match), " ".join((match.group("tail") or "").lower().split())
    counts = "binnen" in lead or lead == "na" or tail in {"de tijd", "na", "nadat", "vóór",
                                                          "voor", "voorafgaand aan",
                                                          "voorafgaande aan", "van tevoren",
                                                          "om"}
    if not counts or (tail == "op" and "binnen" not in lead):
        return None
    unit = UNITS[match.group("u").lower()]
    keys: Keys = {"before" if tail in {"vóór", "voor", "voorafgaand aan", "voorafgaande aan",
                                       "van tevoren"} else "after": "",
                  unit: number_value(match.group("n"))}
    end, label = (match.end() if tail != "om" else match.end("u")), None
    dated = _DATED_ANCHOR.match(text, end) if tail in {"na", "vóór", "voor", "voorafgaand aan",
                                                       "voorafgaande aan"} else None
    if dated is not None:
        # 'zes weken vóór 1 januari 2028': counted from a day the text writes; the rule's
        # event is that day, with the day as its default when the year is written.
        label = " ".join(dated.group(0).split())
        keys[next(iter(keys))] = slug(label)
        day = valid_day(dated.group("y"), month_number(dated.group("m")), dated.group("d")) \
            if dated.group("y") else None
        return Found(match.start(), dated.end(), text[match.start():dated.end()], keys,
                     anchor_label=label, anchor_day=day_text(day) if day else None,
                     note="counted from a day the text writes" if day else
                     "counted from a day written without a year: give the event's date")
    if tail in {"na", "nadat", "vóór", "voor", "voorafgaand aan", "voorafgaande aan", "op"}:
        words = re.match(r"(?:\s*[\w'\u2019-]+){1,8}", text[end:])
        picked: list[str] = []
        for word in (words.group(0).split() if words else []):
            lower = word.lower()
            # The anchor is one noun phrase: it ends at a verb-like stop word, at a pronoun
            # (the inverted subject: '... voor de bijeenkomst ontvangt u'), and at an article
            # that follows no preposition (a new phrase: '... van het verzoek een besluit').
            if lower in _PRONOUNS and any(w.lower() not in ANCHOR_SKIP for w in picked[:-1]):
                picked.pop()  # the finite verb before its subject: '... ontvangt u'
            if lower in ANCHOR_STOP or lower in _PRONOUNS or (
                    picked and lower in _ARTICLES and picked[-1].lower() not in PREPOSITIONS):
                break
            picked.append(word)
        nouns = [w for w in picked if w.lower() not in ANCHOR_SKIP]
        if nouns:
            last = text.index(picked[-1], end) + len(picked[-1])
            label, end = text[end:last].strip(), last
            keys[next(iter(keys))] = _event_name(picked, nouns)
    note = "'voor' read as 'vóór' (before)" if tail == "voor" else None
    side = next(iter(keys))
    if not keys[side] and side == "after":
        # 'Na ontvangst van het voorstel heeft u tien werkdagen om ...': the event is named
        # before the term, in the same sentence.
        start = sentence_span(text, match.start(), match.start())[0]
        named = list(_NAMED_BEFORE.finditer(text, start, match.start()))
        if named:
            phrase = named[-1].group("np").split()
            keys[side] = _event_name(phrase, [w for w in phrase if w.lower() not in ANCHOR_SKIP])
            label = named[-1].group("np")
    return Found(match.start(), end, text[match.start():end], keys, anchor_label=label,
                 note=note)


def _event_name(words: list[str], nouns: list[str]) -> str:
    """An event's name: its noun ('ontvangst'), and what it is of when the text says
    ('ontvangst van het volledige verzoek': 'ontvangst-verzoek'), so that two receipts of
    different things are two events."""
    lower = [w.lower() for w in words]
    first = lower.index(nouns[0].lower())
    if "van" in lower[first + 1:] and len(nouns) > 1:
        return slug(f"{nouns[0]} {nouns[-1]}")
    return slug(nouns[0])


# 'na ontvangst van uw aanmelding', 'vanaf de dag van verzending': an event before the term.
_NAMED_BEFORE = re.compile(
    r"(?<![\w-])(?:na|vanaf|sinds)\s+(?P<np>(?:de\s+(?:dag|datum)\s+van\s+)?(?:de\s+|het\s+|uw\s+"
    r"|onze\s+)?(?!(?:vorige?|volgende?|komende?|deze|dit|dat|volgend)(?![\w-]))"
    r"(?P<x>[^\W\d_][\w-]{3,})(?:\s+van\s+(?:de|het|uw|onze|een)\s+[\w-]+)?)",
    re.IGNORECASE)


def read_first_of_month(text: str, match: re.Match[str]) -> Found:
    if match.group("link").lower() != "van" or "kwartaal" in match.group("unit").lower():
        # 'van de maand volgend op de beoordeling': the month after, which no key writes.
        return unread(match, "the first day of the month or quarter after an event: write "
                             "it yourself")
    name = slug(match.group("x"))
    return Found(match.start(), match.end(), match.group(0), {"first_of_month_of": name},
                 anchor_label=match.group("label"))


def read_yearly(text: str, match: re.Match[str]) -> Found | None:
    month = month_number(match.group("m"))
    if valid_day(2001, month, match.group("d")) is None:
        # '31 februari' is no day; '29 februari' is not one of every year: an rrule says which.
        return unread(match, "not a day of every year") if valid_day(
            2000, month, match.group("d")) else None
    return Found(match.start(), match.end(), match.group(0),
                 {"yearly": f"{int(match.group('d'))} {MONTH_NAMES[month - 1]}"})


def read_frequency(text: str, match: re.Match[str]) -> Found:
    return Found(match.start(), match.end(), match.group(0),
                 {"frequency": " ".join(match.group(0).lower().split())})


def read_marker(text: str, match: re.Match[str]) -> Found:
    word = match.group(0).lower()
    key = "continuous" if word.startswith("doorlopend") else "undetermined"
    return Found(match.start(), match.end(), match.group(0), {key: True})


def unread(match: re.Match[str], reason: str, **extra: object) -> Found:
    return Found(match.start(), match.end(), match.group(0), None, reason,
                 day_month=extra.get("day_month"))  # type: ignore[arg-type]


def _day_keys(lead: str, day: dt.date, match: re.Match[str]) -> Found:
    keys: Keys
    note = None
    if lead in STARTS:
        keys = {"starts": day_text(day)}
    elif lead == "na":
        return unread(match, "a day after which something happens is no deadline")
    else:
        keys = {"date": day_text(day)}
        if lead in {"vóór", "voor", "uiterlijk vóór", "tot"}:
            keys["bound"] = "voor"
            if lead in {"voor", "tot"}:
                note = f"'{lead}' read as 'vóór' (the day before is the last day)"
        if lead in {"rond", "omstreeks"}:
            note = f"'{lead}': the policy gives an approximate day"
        hour = match.groupdict().get("hh") or match.groupdict().get("hh2")
        minute = match.groupdict().get("mi") or match.groupdict().get("mi2")
        if hour is not None and int(hour) < 24:
            keys["time"] = f"{int(hour):02d}:{minute}"
            if keys.pop("bound", None):
                # "vóór 1 augustus, 12.00 uur": before that hour of that day, not the day before
                note = f"'{lead}' a time: that day, before the hour"
    return Found(match.start(), match.end(), match.group(0), keys, note=note)


def read_day(text: str, match: re.Match[str]) -> Found:
    month = month_number(match.group("m")) if not match.group("m").isdigit() \
        else int(match.group("m"))
    if match.group("y") is None:
        return unread(match, YEAR_MISSING, day_month=(int(match.group("d")), month))
    day = valid_day(match.group("y"), month, match.group("d"))
    if day is None:
        return unread(match, "that day does not exist")
    weekday = match.groupdict().get("wd")
    if weekday and WEEKDAYS.index(weekday.lower()) != day.weekday():
        # The text contradicts itself; either half may be the slip.
        return unread(match, f"{day_text(day)} is a {WEEKDAYS[day.weekday()]}, not a "
                              f"{weekday.lower()}")
    return _day_keys(lead_of(match), day, match)


def read_vague(text: str, match: re.Match[str]) -> Found:
    return unread(match, "counted from a day the policy does not name")


def read_before_event(text: str, match: re.Match[str]) -> Found:
    # "vóór de inwerkingtreding van de wet": the day before the event is the last day.
    label = match.group("label")
    words = label.split()
    while words[-1].lower() in ANCHOR_STOP | ANCHOR_SKIP:
        words.pop()
    end = match.start("label") + label.index(words[-1], len(" ".join(words[:-1]))) + \
        len(words[-1])
    return Found(match.start(), end, text[match.start():end],
                 {"before": slug(match.group("x")), "days": 1},
                 anchor_label=text[match.start("label"):end])
