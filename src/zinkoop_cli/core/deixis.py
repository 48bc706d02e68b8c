"""Date phrases that point at a time the text does not write, read against the document.

A policy is written on a day and buys for a year. "Vanaf het derde kwartaal", "uiterlijk eind
september", "gedurende het contractjaar", "volgend jaar", "in de komende drie jaar" and "heeft
een looptijd tot en met 2021" mean something only against that frame, the way a reader (and a
temporal tagger, with TimeML's document creation time) anchors them to the day the text was
written:

- a phrase without a year is the first such day or stretch not yet past on the document's
  date ("het derde kwartaal" in a text of 1 april 2023 is the third quarter of 2023);
- "dit jaar" and "volgend jaar" count from the year of that date, "de komende drie jaar" are
  the three calendar years after it;
- "het contractjaar", and "gedurende het jaar" in a text that buys for one year, are that year;
- a term that gives only its end starts on the document's date when the sentence speaks of
  the document itself ("dit beleid geldt tot en met 2026").

Every reading says in its note what it was read against. Without a frame (no date found in
the document, no purchase year) the phrase stays unread, as in ``grammar``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from zinkoop_cli.core.date_phrases import (
    ANY_YEAR,
    YEAR_MISSING,
    Found,
    day_text,
    lead_of,
    sentence_around,
    sentence_span,
    unread,
)
from zinkoop_cli.core.dutch_words import (
    FULL_MONTH,
    NUMBER,
    ORDINALS,
    SEASON,
    number_value,
)
from zinkoop_cli.core.grammar import Handler, reread, scan, with_year
from zinkoop_cli.core.key_days import first_day, last_day
from zinkoop_cli.core.limits import year_problem

__all__ = ["Frame", "anchor", "read_dates"]

_F = re.IGNORECASE | re.VERBOSE


class Frame(NamedTuple):
    """What a document's undated phrases are read against."""

    written_on: dt.date | None = None  # the document's own date, when it gives one
    contract_year: int | None = None  # the one year it buys for, when that is sure
    subject: str | None = None  # what it calls itself: its title without the year
    term: tuple[int, int] | None = None  # the years a multi-year policy covers (2027-2029)


def read_dates(text: str, frame: Frame, *, whole: bool = False) -> list[Found]:
    """``grammar.scan`` with the phrases only the frame can read, read."""
    found = scan(text, whole=whole, contract_year=frame.contract_year, extra=_patterns(frame))
    result: list[Found] = []
    for item in found:
        if result and item.start < result[-1].end:
            continue  # a complement the phrase before has taken ('van het contractjaar')
        said = _sentence_year(text, item, result) if item.reason == YEAR_MISSING else None
        result.append(_borrowed(item, said) if said is not None
                      else anchor(item, frame, text, cell=whole))
    # A phrase before the one its year comes from ('in het voorjaar, de tweede in het najaar
    # van het contractjaar'): a second pass sees the dates read after it.
    return [_borrowed(item, said) if item.reason is not None and item.reason.startswith(
        YEAR_MISSING) and (said := _sentence_year(text, item, result)) is not None else item
        for item in result]


def _sentence_year(text: str, item: Found,
                   found: list[Found]) -> tuple[int, str, bool, dt.date | None] | None:
    """The one year the other dates of ``item``'s sentence are in ('in 2028 ...: in maart',
    'Vorig jaar kregen wij in december ...'), the phrase that gives it and whether that was
    read against the document; None when they give none or several, or when a complement
    after ``item`` says its year itself."""
    if _COMPLEMENT.match(text, item.end):
        return None
    first, last = sentence_span(text, item.start, item.end)
    years: dict[int, tuple[str, bool, dt.date | None]] = {}
    for other in found:
        if other.keys is None or not first <= other.start < last or "starts" in other.keys \
                or other.written.lower().startswith("voor "):
            continue  # a change's start ('vanaf 2028') or what it is for ('de tarieven voor
            # 2029') dates something else than this sentence's phrase
        between = text[min(item.end, other.end):max(item.start, other.start)]
        opening = text[first:min(item.start, other.start)]
        if _SUBORDINATE.search(between) or ("," in between and _SUBORDINATE.search(opening)):
            continue  # another clause: 'in de zomer bekend hoe ... vanaf 2028 verandert'

        for year in ANY_YEAR.findall(" ".join(map(str, other.keys.values()))):
            # A day the phrase follows: the phrase is not before it.
            after = first_day(other.keys) if other.end <= item.start else None
            years.setdefault(int(year), (other.written, other.framed, after))
    if len(years) != 1:
        return None
    year, (phrase, framed, after) = next(iter(years.items()))
    return year, phrase, framed, after


def _borrowed(found: Found, said: tuple[int, str, bool, dt.date | None]) -> Found:
    """``found`` in the year of another date in its sentence: listed as read against the
    text, and, when it follows a day ('uiterlijk 1 oktober 2026 ... uiterlijk 1 februari'),
    not before that day."""
    year, phrase, _, after = said
    again = with_year(found.written, year)
    last = last_day(again.keys) if again is not None and again.keys else None
    if after is not None and last is not None and last < after:
        year += 1
        again = with_year(found.written, year)
    if again is None or again.keys is None:
        return found
    return found._replace(keys=again.keys, reason=None, framed=True,
                          note=_joined(again.note, f"year {year} from '{phrase}' in the same "
                                                   "sentence"))


def anchor(found: Found, frame: Frame, text: str = "", *, cell: bool = False,
           row: str | None = None) -> Found:
    """A phrase without a year, in ``text``: in the year a complement names ('uiterlijk 1
    oktober van het contractjaar'), or, for a deadline or start (or a table's date cell) in a
    sentence that places it nowhere else, in the first year in which it is not past on the
    document's date. Anything else as it is, its reason saying why. ``row``: the whole table
    row of a date cell, whose other cells may name another year."""
    if found.reason != YEAR_MISSING or with_year(found.written, 2000) is None:
        return found
    complement = _COMPLEMENT.match(text, found.end) if text else None
    if complement is not None:
        # 'de tarieven voor 2029 en 2030 ... in het najaar voorafgaand aan het contractjaar':
        # the contract years meant are the ones the sentence names, not the purchase year.
        named = sorted({int(y) for y in ANY_YEAR.findall(sentence_around(
            text, found.start, complement.end()))} - {frame.contract_year})
        if named and complement.lastgroup in {"of", "before", "after"}:
            return found._replace(end=complement.end(), written=found.written
                                  + complement.group(0), reason=f"{YEAR_MISSING}: the sentence "
                                  f"names {', '.join(map(str, named))}: which contract year")
        return _in_said_year(found, complement, frame)
    written_on = frame.written_on
    if written_on is None:
        return found
    sentence = row if row is not None else \
        sentence_around(text, found.start, found.end) if text else ""
    why = _why_not_anchored(found, frame, sentence, cell or row is not None)
    if why is not None:
        return found._replace(reason=f"{YEAR_MISSING}: {why}")
    for year in (written_on.year - 1, written_on.year, written_on.year + 1):  # winter
        again = with_year(found.written, year)
        last = last_day(again.keys) if again is not None and again.keys else None
        if again is None or last is None:
            return found
        if last >= written_on:
            return found._replace(
                keys=again.keys, reason=None, framed=True,
                note=_joined(again.note, f"no year written: {year}, the first not past on the "
                                         f"document's date ({day_text(written_on)})"))
    return found


def _why_not_anchored(found: Found, frame: Frame, sentence: str, cell: bool) -> str | None:
    """Why a yearless phrase is not read against the document's date, or None."""
    if not cell and not _PLANNING_LEAD.match(found.written):
        return "only a deadline or a start is read against the document's date"
    others = sorted({int(y) for y in ANY_YEAR.findall(sentence)} - {frame.contract_year})
    if others:
        return f"the sentence names {', '.join(map(str, others))}: which year is meant"
    if _OTHER_YEAR_WORDS.search(sentence):
        return "the sentence places it in a year it names in words"
    if _LOOKS_BACK.search(sentence):
        return "the sentence looks back"
    return None


def _in_said_year(found: Found, complement: re.Match[str], frame: Frame) -> Found:
    """'uiterlijk 1 oktober van het contractjaar', 'uiterlijk 1 mei na afloop van het
    contractjaar', 'in het najaar van het jaar voorafgaand aan het contractjaar', 'eind
    september van dit jaar': the year the complement names."""
    words = " ".join(complement.group(0).split())
    written = f"{found.written}{complement.group(0)}"
    whole = found._replace(end=complement.end(), written=written)
    kind = {"open2": "open"}.get(complement.lastgroup or "", complement.lastgroup or "")
    base = frame.contract_year if kind in {"of", "before", "after"} else \
        frame.written_on.year if frame.written_on is not None and kind == "deictic" else None
    if kind == "open":
        return whole._replace(reason=f"{YEAR_MISSING}: '{words}' counts from a year the "
                                     "sentence does not name")
    if kind in {"of", "before", "after"} and frame.term is not None:
        return whole._replace(reason=f"{YEAR_MISSING}: '{words}': which contract year: the "
                                     f"policy covers {frame.term[0]}-{frame.term[1]}")
    if base is None:
        return whole._replace(reason=f"{YEAR_MISSING}: '{words}': "
                                     f"{NO_YEAR if kind != 'deictic' else NO_DATE}")
    shift = {"before": -1, "after": 1}.get(kind, 0)
    if kind == "deictic":
        shift = {"dit": 0, "volgend": 1, "vorig": -1}[complement.group("deictic").lower()]
    year = base + shift
    again = with_year(found.written, year)
    if again is None or again.keys is None:
        return whole
    source = "the year the document buys for" if kind != "deictic" else "the document's date"
    return whole._replace(keys=again.keys, reason=None, framed=True,
                          note=_joined(again.note, f"'{words}': {year}, from {source}"))


_PLANNING_LEAD = re.compile(r"(?:uiterlijk|vóór|voor|niet\s+later\s+dan|ten\s+laatste|vanaf|per"
                            r"|met\s+ingang\s+van|m\.i\.v\.|tot\s+en\s+met|t/m|tot|rond"
                            r"|omstreeks)(?![\w-])", re.IGNORECASE)
_OTHER_YEAR_WORDS = re.compile(
    r"(?<![\w-])(?:(?:contract|inkoop)jaar|(?:vorig|afgelopen|volgend|komend|verleden)e?\s+jaar"
    r"|(?:het\s+)?jaar\s+(?:daarop|daarna|erna|ervoor|daarvoor|voorafgaand))(?![\w-])",
    re.IGNORECASE)
_LOOKS_BACK = re.compile(r"(?<![\w-])(?:afgelopen|vorige?|verleden|jongstleden|destijds|toen)"
                         r"(?![\w-])", re.IGNORECASE)
# Words that open another clause: a year there does not date a phrase in this one.
_SUBORDINATE = re.compile(r"(?<![\w-])(?:hoe|dat|die|welke|welk|wanneer|waarin|waarop|waarna"
                          r"|omdat|zodat|nadat|voordat|totdat|zodra|als|indien|wat)(?![\w-])",
                          re.IGNORECASE)
# A complement after a yearless phrase that says its year.
_COMPLEMENT = re.compile(
    r"\s+(?:(?:(?:van|in)\s+het\s+jaar\s+)?(?:voorafgaande?\s+aan|vóór|voor)\s+het\s+"
    r"(?P<before>contract|inkoop)jaar"
    r"|(?:van|in)\s+het\s+(?:lopende\s+)?(?P<of>contract|inkoop)jaar"
    r"|(?:na\s+afloop\s+van|volgend\s+op|na)\s+het\s+(?P<after>contract|inkoop)jaar"
    r"|(?:van\s+)?(?P<deictic>dit|volgend|vorig)\s+jaar"
    r"|(?:van|in)\s+het\s+jaar\s+(?P<open>daarop|daarna|erna|ervoor|daarvoor|waarin)"
    r"|(?:van|in|voorafgaand\s+aan)\s+het\s+(?P<open2>betreffende|desbetreffende|daaropvolgende"
    r"|volgende|voorgaande|lopende|eerstvolgende)\s+(?:contract|inkoop|kalender)?jaar)(?![\w-])"
    r"(?!\s*(?:19|20)\d\d)", re.IGNORECASE)
NO_DATE = "counted from the document's date, which it does not state"
NO_YEAR = "the year the document buys for, which is not sure (give --year)"


def _patterns(frame: Frame) -> list[tuple[re.Pattern[str], Handler]]:
    """The frame's phrases; without the date or year they need, listed as not read."""
    written_on, year = frame.written_on, frame.contract_year
    return [
        (_COMING_YEARS, lambda text, match: _coming_years(match, written_on)),
        (_THIS_YEAR, lambda text, match: _this_year(match, written_on)),
        (_RELATIVE_WORD, lambda text, match: unread(match, NO_DATE if written_on is None else
                                                    "counted from the document's date: write "
                                                    "it yourself")),
        (_CONTRACT_YEAR, lambda text, match: _contract_year(match, year, frame.term)),
    ]


# 'vóór volgend jaar' is read as 'vóór 2027' (the day before 1 januari 2027), 'tot (en met)
# volgend jaar' is listed as 'tot (en met) 2027' is; after 'na' or
# 'ten opzichte van' a year is no date ('na dit jaar', 'ten opzichte van vorig jaar').
_LEAD = (r"(?:(?P<lead>in\s+de\s+loop\s+van|gedurende|tijdens|in|vanaf|per|met\s+ingang\s+van"
         r"|m\.i\.v\.|sinds|begin|medio|eind|einde|uiterlijk\s+eind|vóór|na|ten\s+opzichte\s+van"
         r"|tot\s+en\s+met|t/m|tot"
         r"|vergeleken\s+met)\s+)?")
# Not 'het jaar waarin ...', 'het jaar 2026', 'het jaar daarna': those say which year.
_NOT_SAID = (r"(?!\s*(?:(?:19|20)\d\d|waar\w*|dat|die|na|van|voor|volgend|daar\w*|er|erop|ervoor)"
             r"(?![\w-]))")
_COMING_YEARS = re.compile(rf"(?:(?:in|gedurende|tijdens|voor)\s+)?de\s+komende\s+(?P<n>{NUMBER})"
                           r"\s+(?:jaar|jaren|kalenderjaren)(?![\w-])", _F)
# Not after 'over' or 'voor': 'de verantwoording over het afgelopen jaar' says what it is
# about, not when (as 'ten opzichte van 2026' is no date).
_THIS_YEAR = re.compile(rf"(?<!over\s)(?<!voor\s)(?<!het\s){_LEAD}(?P<which>dit|volgend"
                        rf"|(?:het\s+)?komende?|vorig|(?:het\s+)?afgelopen|verleden)\s+"
                        rf"(?:kalender)?jaar(?![\w-]){_NOT_SAID}", _F)
# 'vorige maand', 'afgelopen najaar', 'het komende kwartaal', 'over twee jaar': counted from
# the day of reading; listed, so that nothing dated is lost.
_RELATIVE_WORD = re.compile(
    rf"(?:(?:in\s+)?(?:het|de)\s+)?(?:afgelopen|vorige?|verleden|volgende?|komende?)\s+"
    rf"(?:maand|kwartaal|week|halfjaar|half\s+jaar|{SEASON}|{FULL_MONTH})(?![\w-])"
    rf"|over\s+{NUMBER}\s+(?:jaar|jaren|maanden|maand|weken|week|dagen)(?![\w-])"
    r"|(?:het\s+)?(?:voorgaande|volgende|daaropvolgende|eerstvolgende)\s+(?:kalender)?jaar"
    r"(?![\w-])", _F)
# Only after a word of time: 'het contractjaar' after 'over', 'voor' or 'na afloop van' is
# what something is about, not when it happens.
_CONTRACT_YEAR = re.compile(
    rf"{_LEAD[:-1]}het\s+(?:hele\s+|gehele\s+|lopende\s+"
    rf"|(?P<shift>vorige|afgelopen|volgende|komende)\s+"
    rf"|(?P<ordinal>eerste|tweede|derde|vierde|vijfde|laatste)\s+)?"
    rf"(?P<noun>contractjaar|inkoopjaar|overeenkomstjaar|jaar)(?![\w-]){_NOT_SAID}"
    r"|(?<![\w-])het\s+(?:hele|gehele)\s+(?P<through>jaar)\s+door(?![\w-])", _F)


def _coming_years(match: re.Match[str], written_on: dt.date | None) -> Found | None:
    count = number_value(match.group("n"))
    if not 2 <= count <= 10:
        return None
    if written_on is None:
        return unread(match, NO_DATE)
    first, last = written_on.year + 1, written_on.year + count
    return Found(match.start(), match.end(), match.group(0),
                 {"period": [f"1 januari {first}", f"31 december {last}"]}, framed=True,
                 note=f"'{' '.join(match.group(0).split())}': the calendar years after the "
                      f"year of the document's date ({day_text(written_on)})")


def _this_year(match: re.Match[str], written_on: dt.date | None) -> Found | None:
    if written_on is None:
        return unread(match, NO_DATE)
    which = match.group("which").lower().split()[-1]
    year = written_on.year + {"dit": 0, "vorig": -1, "afgelopen": -1, "verleden": -1}.get(which, 1)
    return _as_year(match, year, f"'{' '.join(match.group(0).split())}' counted from the "
                                 f"document's date ({day_text(written_on)})")


def _contract_year(match: re.Match[str], year: int | None,
                   term: tuple[int, int] | None) -> Found | None:
    lead = lead_of(match)
    # A bare 'het jaar' is the purchase year only while something lasts through it.
    if match.group("through") is None and match.group("noun").lower() == "jaar" \
            and lead not in {"gedurende", "tijdens", "in de loop van"}:
        return None
    modified = match.group("shift") or match.group("ordinal") or re.search(
        r"lopende", match.group(0), re.IGNORECASE)
    if match.group("through") is None and match.group("noun").lower() == "jaar" and modified:
        # 'het vorige jaar', 'het lopende jaar': before or during which, the text does not say.
        return unread(match, "counted from a year the sentence does not name")
    if year is None:
        return unread(match, NO_YEAR)
    if term is not None and not match.group("ordinal"):
        # 'het contractjaar' of a policy for 2027-2029 is any of its years.
        return unread(match, f"which contract year: the policy covers {term[0]}-{term[1]}")
    shift = (match.group("shift") or "").lower()
    # 'het komende contractjaar' is the one to come: the purchase year; 'het volgende' the next.
    said = year + {"vorige": -1, "afgelopen": -1, "volgende": 1}.get(shift, 0)
    ordinal = (match.group("ordinal") or "").lower()
    if ordinal:
        # 'het tweede contractjaar' of a policy for 2027-2029: counted through its term.
        if term is None:
            return unread(match, "which contract year: the document's term is not known")
        said = term[1] if ordinal == "laatste" else term[0] + ORDINALS[ordinal] - 1
        if said > term[1]:
            return unread(match, f"the document's term ends in {term[1]}")
        return _as_year(match, said, f"'{' '.join(match.group(0).split())}': counted through "
                                     f"the document's term ({term[0]}-{term[1]})")
    if match.group("through") is not None:
        return Found(match.start(), match.end(), match.group(0), {"year": year}, framed=True,
                     note=f"'het hele jaar door': the year the document buys for ({year})")
    return _as_year(match, said, f"'{' '.join(match.group(0).split())}': counted from the "
                                 f"year the document buys for ({year})")


def _as_year(match: re.Match[str], year: int, note: str) -> Found | None:
    lead = {"tijdens": "gedurende", "einde": "eind"}.get(lead_of(match), lead_of(match))
    rewritten = f"{lead or 'in'} {year}"
    again = reread(rewritten)
    if again is None:
        # 'uiterlijk eind volgend jaar' as 'uiterlijk eind 2027': listed, with its reason.
        said = [item for item in scan(rewritten, whole=True) if item.reason]
        if said:
            return unread(match, said[0].reason or "not read")
        return unread(match, problem) if (problem := year_problem(year)) else None
    return Found(match.start(), match.end(), match.group(0), again.keys,
                 note=_joined(again.note, note), framed=True)


def _joined(*notes: str | None) -> str:
    return "; ".join(note for note in notes if note)
