"""The stretches of Dutch date phrases: weeks, halves, ranges, months, quarters, seasons, years."""

from __future__ import annotations

import datetime as dt
import re

from zinkoop_cli.core.date_phrases import (
    ANY_YEAR,
    END_ONLY,
    STARTS,
    WEEKDAYS,
    YEAR_MISSING,
    Found,
    Keys,
    day_text,
    lead_of,
    sentence_around,
    sentence_span,
    unread,
    valid_day,
)
from zinkoop_cli.core.dutch_words import (
    MONTH_NAMES,
    PART,
    PARTS,
    SEASONS,
    month_number,
    number_value,
    quarter_number,
)


def read_week(text: str, match: re.Match[str]) -> Found | None:
    if match.group("y") is None:
        return unread(match, YEAR_MISSING)
    try:
        monday = dt.date.fromisocalendar(int(match.group("y")), int(match.group("w")), 1)
    except ValueError:
        return unread(match, "that week does not exist")
    sunday = monday + dt.timedelta(days=6)
    return Found(match.start(), match.end(), match.group(0),
                 {"from": day_text(monday), "date": day_text(sunday)},
                 note="a week number: Monday to Sunday")


def read_week_of(text: str, match: re.Match[str]) -> Found | None:
    month = month_number(match.group("m"))
    if match.group("y") is None:
        return unread(match, YEAR_MISSING)
    day = valid_day(match.group("y"), month, match.group("d"))
    if day is None:
        return unread(match, "that day does not exist")
    monday = day - dt.timedelta(days=day.weekday())
    return Found(match.start(), match.end(), match.group(0),
                 {"from": day_text(monday), "date": day_text(monday + dt.timedelta(days=6))},
                 note="'de week van' a day: Monday to Sunday of that week")


def read_week_range(text: str, match: re.Match[str]) -> Found | None:
    link = " ".join(match.group("link").lower().split())
    if link in {"en", "of"} and int(match.group("w2")) != int(match.group("w1")) + 1:
        return unread(match, "two weeks apart: write each yourself")
    if match.group("y") is None:
        return unread(match, YEAR_MISSING)
    try:
        monday = dt.date.fromisocalendar(int(match.group("y")), int(match.group("w1")), 1)
        sunday = dt.date.fromisocalendar(int(match.group("y")), int(match.group("w2")), 7)
    except ValueError:
        return unread(match, "that week does not exist")
    if sunday < monday:
        return unread(match, "the range runs backwards")
    return Found(match.start(), match.end(), match.group(0),
                 {"from": day_text(monday), "date": day_text(sunday)},
                 note="week numbers: Monday of the first to Sunday of the last")


def read_undated_term(text: str, match: re.Match[str]) -> Found:
    word = match.group(0).lower()
    if "uur" in word.split():
        return unread(match, "a term in hours: zinkoop counts whole days")
    if "verleng" in word:
        return unread(match, "an extension: write its period yourself")
    return unread(match, "a duration without a start")


def read_half(text: str, match: re.Match[str]) -> Found | None:
    """'de tweede helft van 2026' (July to December); 'de tweede helft van mei 2027' (the
    16th to the month's last day). 'vóór' a half is a vague end: not read."""
    if lead_of(match) in {"vóór", "voor"}:
        return unread(match, "'vóór' a half: write the day yourself")
    if match.group("y") is None:
        return unread(match, YEAR_MISSING)
    year, second = int(match.group("y")), match.group("h").lower() in {"tweede", "2e", "2de"}
    if match.group("hm"):
        month = month_number(match.group("hm"))
        first_day = dt.date(year, month, 16 if second else 1)
        last_day = _last_of(year, month) if second else dt.date(year, month, 15)
        return Found(match.start(), match.end(), match.group(0),
                     {"period": [day_text(first_day), day_text(last_day)]},
                     note="half a month: the 1st to the 15th, or the 16th to its last day")
    first = f"1 juli {year}" if second else f"1 januari {year}"
    last = f"31 december {year}" if second else f"30 juni {year}"
    return Found(match.start(), match.end(), match.group(0), {"period": [first, last]})


def read_range(text: str, match: re.Match[str]) -> Found | None:
    link = " ".join(match.group("link").lower().split())
    lead = lead_of(match)
    if (link == "en" and lead != "tussen") or (link == "tot" and lead not in {"van", ""}):
        return None
    if link == "tot":
        return unread(match, "'tot': the policy does not say whether the last day counts")
    m2 = month_number(match.group("m2"))
    m1 = month_number(match.group("m1")) if match.group("m1") else m2
    if match.group("y2") is None:
        return unread(match, YEAR_MISSING)
    y1 = match.group("y1") or match.group("y2")
    first = valid_day(y1, m1, match.group("d1"))
    last = valid_day(match.group("y2"), m2, match.group("d2"))
    if first is None or last is None:
        return unread(match, "that day does not exist")
    for day, name in ((first, match.group("wd1")), (last, match.group("wd2"))):
        if name and WEEKDAYS[day.weekday()] != name.lower():
            return unread(match, f"{day_text(day)} is a {WEEKDAYS[day.weekday()]}, not a "
                                 f"{name.lower()}")
    if first > last:
        return unread(match, "the first day's year is not given" if not match.group("y1")
                       else "the range runs backwards")
    return Found(match.start(), match.end(), match.group(0),
                 {"from": day_text(first), "date": day_text(last)})


def _figure_day(text: str) -> dt.date | None:
    parts = re.split(r"[-/]", text)
    year, month, day = (parts[0], parts[1], parts[2]) if len(parts[0]) == 4 else \
        (parts[2], parts[1], parts[0])
    return valid_day(year, int(month), day)


def read_figure_range(text: str, match: re.Match[str]) -> Found | None:
    """'van 2028-01-01 tot en met 2029-12-31', '1-10-2027 t/m 15-10-2027': as the same range
    written in words."""
    link = " ".join(match.group("link").lower().split())
    if link == "en" and lead_of(match) != "tussen":
        return None
    if link == "tot":
        return unread(match, "'tot': the policy does not say whether the last day counts")
    first, last = _figure_day(match.group("a")), _figure_day(match.group("b"))
    if first is None or last is None:
        return unread(match, "that day does not exist")
    if first > last:
        return unread(match, "the range runs backwards")
    return Found(match.start(), match.end(), match.group(0),
                 {"from": day_text(first), "date": day_text(last)})


def read_month_range(text: str, match: re.Match[str]) -> Found | None:
    m1, m2 = month_number(match.group("m1")), month_number(match.group("m2"))
    if match.group("y2") is None:
        return unread(match, YEAR_MISSING)
    y2 = int(match.group("y2"))
    y1 = int(match.group("y1") or y2)
    first, last = dt.date(y1, m1, 1), _last_of(y2, m2)
    if first > last:
        return unread(match, "the first month's year is not given")
    return Found(match.start(), match.end(), match.group(0),
                 {"period": [day_text(first), day_text(last)]})


def _last_of(year: int, month: int) -> dt.date:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def read_year_period(text: str, match: re.Match[str]) -> Found | None:
    y1, y2 = int(match.group("y1")), int(match.group("y2"))
    link = " ".join(match.group("link").lower().split())
    if y2 <= y1 or (link == "en" and not match.group("lead")) or (link == "en" and y2 != y1 + 1):
        return None
    if link in {"-", "\u2013"} and not match.group("lead"):
        return None  # 'zorginkoopbeleid 2027-2028' names a policy; 'in 2027-2028' is a period
    return Found(match.start(), match.end(), match.group(0),
                 {"period": [f"1 januari {y1}", f"31 december {y2}"]})


def read_month(text: str, match: re.Match[str], whole: bool) -> Found | None:
    lead, part = lead_of(match), match.group("part")
    is_abbreviation = match.group("m").lower().rstrip(".") not in MONTH_NAMES
    if match.group("y") is None:
        if is_abbreviation or not (lead or part or whole):
            return None
        return unread(match, YEAR_MISSING)
    month = f"{MONTH_NAMES[month_number(match.group('m')) - 1]} {match.group('y')}"
    if lead in STARTS:
        if part:
            return unread(match, "a start within part of a month")
        return Found(match.start(), match.end(), match.group(0), {"starts": month})
    if lead in {"vóór", "voor", "na"}:
        return unread(match, f"'{lead}' a month: write the day yourself")
    keys: Keys = {"month": month}
    if part:
        keys["part"] = PARTS[part.lower()]
    note = f"'{lead}': the policy gives an approximate month" if lead in {"rond",
                                                                          "omstreeks"} else None
    return Found(match.start(), match.end(), match.group(0), keys, note=note)


def read_quarter(text: str, match: re.Match[str]) -> Found | None:
    number = quarter_number(match.group("o")) if match.group("o") else int(match.group("q"))
    year = match.group("y") or match.group("y0")
    if year is None:
        return unread(match, YEAR_MISSING)
    value = f"{('eerste', 'tweede', 'derde', 'vierde')[number - 1]} kwartaal {year}"
    key = "starts" if lead_of(match) in STARTS else "quarter"
    return Found(match.start(), match.end(), match.group(0), {key: value})


def read_season(text: str, match: re.Match[str], whole: bool) -> Found | None:
    if match.group("y") is None:
        if not (match.group("lead") or match.group("art") or whole):
            return None
        return unread(match, YEAR_MISSING)
    value = f"{SEASONS[match.group('s').lower()]} {match.group('y')}"
    key = "starts" if lead_of(match) in STARTS else "season"
    return Found(match.start(), match.end(), match.group(0), {key: value})


def read_year(text: str, match: re.Match[str]) -> Found | None:
    lead, year = lead_of(match), int(match.group("y"))
    part = re.search(PART, lead, re.IGNORECASE)
    if lead.startswith(("vóór", "voor", "uiterlijk")) and part:
        return unread(match, f"'{lead}' a year: write the day yourself")
    if lead in {"tot en met", "t/m"}:
        return unread(match, END_ONLY)
    if lead == "tot":
        return unread(match, "'tot' a year: the policy does not say whether that year counts")
    if lead == "na":
        return None
    if lead == "voor" and not _purchased_for(text, match):
        # After a noun ('de ambities voor 2027') it says what something is for: no date.
        # Opening a clause or after a verb ('moet voor 2028 zijn ingevoerd') it may be
        # 'before': listed.
        before = text[:match.start()].rstrip()
        if _MAY_BE_BEFORE.search(before) or not before or before[-1] in ".;:,":
            return unread(match, "'voor' a year: 'for' or 'before', the text does not say")
        return None
    if lead in {"vóór"}:
        return Found(match.start(), match.end(), match.group(0),
                     {"date": f"1 januari {year}", "bound": "voor"})
    if lead in STARTS or match.group("on"):
        return Found(match.start(), match.end(), match.group(0), {"starts": year})
    keys: Keys = {"year": year}
    if part:
        keys["part"] = PARTS[part.group(0).lower()]
    note = "'voor' a year with a purchase verb: read as 'for' (the year the purchase covers)" \
        if lead == "voor" else None
    return Found(match.start(), match.end(), match.group(0), keys, note=note)


# A verb of buying or contracting care, finite or participle; 'kopen ... in' split around
# the year. Not the nouns ('de inkoop voor 2027'): a talk about purchasing for a year happens
# before it, so only the purchase itself covers the year.
_PURCHASE_VERB = re.compile(
    r"(?<![\w-])(?:in(?:kopen|koopt|kocht|kochten|gekocht)|contracteren|contracteert"
    r"|contracteerde|contracteerden|gecontracteerd)(?![\w-])", re.IGNORECASE)
# Right before 'voor': 'een vervolgovereenkomst voor 2028', 'de tarieven voor 2029' (what is
# agreed for a year), 'geldt voor het contractjaar 2027' (what applies to it).
_FOR_NOUN = re.compile(r"(?:overeenkomst|contract|productieafspraken|geldt|gelden|geldig)\s+"
                       r"(?:alleen\s+|ook\s+|uitsluitend\s+)?$", re.IGNORECASE)
_SPLIT_BUY = re.compile(r"(?<![\w-])(?:kopen|koopt|kocht|kochten)(?![\w-])", re.IGNORECASE)
_SPLIT_IN = re.compile(r"(?<![\w-])in(?![\w-])", re.IGNORECASE)


_MAY_BE_BEFORE = re.compile(r"(?<![\w-])(?:moet|moeten|dient|dienen|is|zijn|wordt|worden|zal"
                            r"|zullen|kan|kunnen|die|dat|wij|we|u|en|of)$", re.IGNORECASE)


def _purchased_for(text: str, match: re.Match[str]) -> bool:
    """'Wij kopen voor 2027 ... in', 'gecontracteerd voor 2027': 'voor' a year is then 'for'
    that year; elsewhere ('voor 2027 gereed') it may be 'before', so it stays unread."""
    first, last = sentence_span(text, match.start(), match.end())
    before, after = text[first:match.start()], text[match.end():last]
    if _PURCHASE_VERB.search(before) or _PURCHASE_VERB.search(after) \
            or _FOR_NOUN.search(before):
        return True
    return bool(_SPLIT_BUY.search(before) and _SPLIT_IN.search(after))


def read_any_quarter(text: str, match: re.Match[str]) -> Found | None:
    if match.group("q2"):
        return _quarter_value(match, int(match.group("q2")), match.group("y0"))
    return read_quarter(text, match)


def _quarter_value(match: re.Match[str], number: int, year: str) -> Found:
    value = f"{('eerste', 'tweede', 'derde', 'vierde')[number - 1]} kwartaal {year}"
    key = "starts" if lead_of(match) in STARTS else "quarter"
    return Found(match.start(), match.end(), match.group(0), {key: value})


def read_one_year_contract(text: str, match: re.Match[str], contract_year: int) -> Found:
    """'een eenjarig contract', 'een overeenkomst voor twee jaar': a purchase policy's contract
    runs over whole calendar years from the year it buys for; that year comes from the
    document (--year or its title), so a sentence naming a year outside them leaves it
    unread."""
    count = number_value(match.group("n") or match.group("n2") or match.group("n3"))
    last = contract_year + count - 1
    sentence = sentence_around(text, *match.span())
    if re.search(r"(?<![\w-])(?:daarna|vervolgens|aansluitend|daaropvolgend\w*)(?![\w-])",
                 sentence, re.IGNORECASE):
        return unread(match, "a contract that follows another: which years")
    others = {int(y) for y in ANY_YEAR.findall(sentence)}
    if others - set(range(contract_year, last + 1)):
        return unread(match, "a contract's term in a sentence that names another year: "
                             "which year is meant")
    kind = "a one-year contract" if count == 1 else f"a {count}-year contract"
    return Found(match.start(), match.end(), match.group(0),
                 {"period": [f"1 januari {contract_year}", f"31 december {last}"]},
                 note=f"{kind}: from the purchase year {contract_year} of the document")
