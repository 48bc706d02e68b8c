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
    END_ONLY,
    YEAR_MISSING,
    Found,
    Keys,
    day_text,
    lead_of,
    unread,
)
from zinkoop_cli.core.dutch_words import (
    MONTH,
    MONTH_NAMES,
    NUMBER,
    SEASON,
    SEASONS,
    month_number,
    number_value,
    quarter_number,
)
from zinkoop_cli.core.grammar import Handler, scan
from zinkoop_cli.core.lang import SEASON_MONTHS

__all__ = ["Frame", "continued_term", "own_term", "read_dates"]

_F = re.IGNORECASE | re.VERBOSE


class Frame(NamedTuple):
    """What a document's undated phrases are read against."""

    written_on: dt.date | None = None  # the document's own date, when it gives one
    contract_year: int | None = None  # the one year it buys for, when that is sure
    subject: str | None = None  # what it calls itself: its title without the year


def read_dates(text: str, frame: Frame, *, whole: bool = False) -> list[Found]:
    """``grammar.scan`` with the phrases only the frame can read, read."""
    found = scan(text, whole=whole, contract_year=frame.contract_year, extra=_patterns(frame))
    return [anchor(item, frame) for item in found]


def anchor(found: Found, frame: Frame) -> Found:
    """A phrase without a year, in the first year in which it is not past on the document's
    date; anything else as it is."""
    written_on = frame.written_on
    if found.reason != YEAR_MISSING or written_on is None:
        return found
    spots = list(_YEAR_GOES_AFTER.finditer(found.written))
    if not spots:
        return found
    at = spots[-1].end()
    for year in (written_on.year, written_on.year + 1):
        again = _reread(f"{found.written[:at]} {year}{found.written[at:]}")
        last = _last_day(again.keys) if again is not None and again.keys else None
        if again is None or last is None:
            return found
        if last >= written_on:
            return found._replace(
                keys=again.keys, reason=None, framed=True,
                note=_joined(again.note, f"no year written: {year}, the first not past on the "
                                         f"document's date ({day_text(written_on)})"))
    return found


def own_term(sentence: str, found: Found, frame: Frame) -> Found | None:
    """'Het actieplan ambulancezorg heeft een looptijd van ruim drie jaar tot en met het jaar
    2021': a term that gives only its end, of the document itself, starts on its date."""
    end, written_on = _end_of(found), frame.written_on
    if end is None or written_on is None or written_on > end or not _VALIDITY.search(sentence):
        return None
    if not _names_document(sentence, frame.subject):
        return None
    return found._replace(
        keys={"period": [day_text(written_on), day_text(end)]}, reason=None, framed=True,
        note=f"the document's own term: from its date ({day_text(written_on)}) to the end "
             "the sentence gives")


def continued_term(previous: str, sentence: str, found: Found) -> dt.date | None:
    """'De Green Deal ... op 4 november 2022 overeenkwamen. De deal geldt voor de periode tot
    en met 2026.': the end of a term whose start the sentence before gives. Only when the
    sentence opens with a definite noun phrase the sentence before names and says how long
    that holds (geldt, loopt, duurt ...); the caller checks that sentence gave one day."""
    end = _end_of(found)
    if end is None or not _VALIDITY.search(sentence):
        return None
    opening = _OPENING.match(sentence)
    if opening is None:
        return None
    nouns = [w for w in opening.group("np").split() if len(w) >= 4 and
             w.lower() not in _NOT_NOUNS]
    # The same noun, or the head of a compound ('het akkoord' after 'het Hoofdlijnenakkoord').
    if not nouns or not any(re.search(rf"{re.escape(n)}(?![\w-])", previous, re.IGNORECASE)
                            for n in nouns):
        return None
    return end


# Where a year goes into a phrase without one: after its month, season, quarter or week.
_YEAR_GOES_AFTER = re.compile(
    rf"(?:(?<![\w-]){MONTH}|(?<![\w-]){SEASON}|kwartaal|helft|halfjaar|half\s+jaar"
    r"|week\s+\d{1,2})(?![\w-])", re.IGNORECASE)
_VALIDITY = re.compile(r"(?<![\w-])(?:geldt|gelden|geldig|loopt|lopen|looptijd|duurt|duren"
                       r"|van\s+kracht|blijft|blijven)(?![\w-])", re.IGNORECASE)
_OPENING = re.compile(r"\s*(?:de|het|dit|deze|die|dat)\s+(?P<np>(?:[\w-]+\s+){0,2}?[\w-]+)\s+"
                      r"(?=geldt|gelden|is|blijft|blijven|loopt|lopen|duurt|duren|heeft|hebben)",
                      re.IGNORECASE)
_NOT_NOUNS = {"nieuwe", "huidige", "hele", "gehele", "eerste", "tweede", "genoemde", "deze"}
# How a document names itself: 'dit beleid', 'dit inkoopbeleid', 'het actieplan'.
_DOCUMENT_NOUNS = ("beleid", "inkoopbeleid", "zorginkoopbeleid", "document", "plan", "actieplan",
                   "akkoord", "overeenkomst", "beleidsregel", "kader")


def _names_document(sentence: str, subject: str | None) -> bool:
    text = " ".join(sentence.lower().split())
    nouns = list(_DOCUMENT_NOUNS)
    if subject:
        plain = " ".join(subject.lower().split())
        if plain and plain in text:
            return True
        nouns.append(re.escape(plain.split()[0]))
    return re.search(rf"(?<![\w-])(?:dit|deze)\s+(?:{'|'.join(nouns)})(?![\w-])", text) \
        is not None


def _end_of(found: Found) -> dt.date | None:
    if found.reason != END_ONLY:
        return None
    years = re.findall(r"(?<!\d)((?:19|20)\d\d|2100)(?!\d)", found.written)
    return dt.date(int(years[-1]), 12, 31) if len(years) == 1 else None


NO_DATE = "counted from the document's date, which it does not state"
NO_YEAR = "the year the document buys for, which is not sure (give --year)"


def _patterns(frame: Frame) -> list[tuple[re.Pattern[str], Handler]]:
    """The frame's phrases; without the date or year they need, listed as not read."""
    written_on, year = frame.written_on, frame.contract_year
    return [
        (_COMING_YEARS, lambda text, match: _coming_years(match, written_on)),
        (_THIS_YEAR, lambda text, match: _this_year(match, written_on)),
        (_CONTRACT_YEAR, lambda text, match: _contract_year(match, year)),
    ]


_LEAD = (r"(?:(?P<lead>in\s+de\s+loop\s+van|gedurende|tijdens|in|vanaf|per|met\s+ingang\s+van"
         r"|m\.i\.v\.|sinds|begin|medio|eind|einde|uiterlijk\s+eind)\s+)?")
# Not 'het jaar waarin ...', 'het jaar 2026', 'het jaar daarna': those say which year.
_NOT_SAID = r"(?!\s*(?:(?:19|20)\d\d|waar|dat|die|na|van|voor|volgend|daar|er|erop|ervoor))"
_COMING_YEARS = re.compile(rf"(?:(?:in|gedurende|tijdens|voor)\s+)?de\s+komende\s+(?P<n>{NUMBER})"
                           r"\s+(?:jaar|jaren|kalenderjaren)(?![\w-])", _F)
_THIS_YEAR = re.compile(rf"{_LEAD}(?P<which>dit|volgend|(?:het\s+)?komende?)\s+"
                        rf"(?:kalender)?jaar(?![\w-]){_NOT_SAID}", _F)
_CONTRACT_YEAR = re.compile(
    rf"{_LEAD}(?:het\s+)?(?:hele\s+|gehele\s+|lopende\s+)?"
    rf"(?P<noun>contractjaar|inkoopjaar|overeenkomstjaar|jaar)(?![\w-]){_NOT_SAID}", _F)


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
    which = match.group("which").lower()
    year = written_on.year if which == "dit" else written_on.year + 1
    return _as_year(match, year, f"'{' '.join(match.group(0).split())}' counted from the "
                                 f"document's date ({day_text(written_on)})")


def _contract_year(match: re.Match[str], year: int | None) -> Found | None:
    lead = lead_of(match)
    # A bare 'het jaar' is the purchase year only while something lasts through it.
    if match.group("noun").lower() == "jaar" and lead not in {"gedurende", "tijdens",
                                                               "in de loop van"}:
        return None
    if year is None:
        return unread(match, NO_YEAR)
    return _as_year(match, year, f"'{' '.join(match.group(0).split())}': the year the "
                                 f"document buys for ({year})")


def _as_year(match: re.Match[str], year: int, note: str) -> Found | None:
    again = _reread(f"{lead_of(match) or 'in'} {year}")
    if again is None:
        return None
    return Found(match.start(), match.end(), match.group(0), again.keys,
                 note=_joined(again.note, note), framed=True)


def _reread(text: str) -> Found | None:
    """``text`` (a phrase with its year now written) read as one phrase, or None."""
    found = [item for item in scan(text, whole=True) if item.keys is not None]
    if len(found) != 1 or found[0].start != 0 or found[0].end != len(text.strip()):
        return None
    return found[0]


def _last_day(keys: Keys) -> dt.date | None:
    """The last day a *when* covers (a start: the last day of what it starts with)."""
    for key in ("period", "date", "month", "quarter", "season", "year", "starts"):
        value = keys.get(key)
        if isinstance(value, list) and value:
            value = value[-1]
        if value is None:
            continue
        last = _last_of_value(value, keys.get("part") if key == "month" else None)
        if last is not None and key == "date" and keys.get("bound") == "voor":
            return last - dt.timedelta(days=1)
        return last
    return None


_PART_ENDS = {"begin": 10, "medio": 20}


def _last_of_value(value: object, part: object = None) -> dt.date | None:
    if isinstance(value, int):
        return dt.date(value, 12, 31)
    words = str(value).lower().split()
    if not words or not words[-1].isdigit():
        return None
    year = int(words[-1])
    if len(words) == 3 and words[1] == "kwartaal":
        return _month_end(year, 3 * quarter_number(words[0]))
    if len(words) == 3 and words[0].isdigit():
        return dt.date(year, month_number(words[1]), int(words[0]))
    if len(words) == 2 and words[0] in MONTH_NAMES:
        month = month_number(words[0])
        if part in _PART_ENDS:
            return dt.date(year, month, _PART_ENDS[str(part)])
        return _month_end(year, month)
    if len(words) == 2 and words[0] in SEASONS:
        first, last = SEASON_MONTHS[SEASONS[words[0]]]
        return _month_end(year + 1 if last < first else year, last)
    return None


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def _joined(*notes: str | None) -> str:
    return "; ".join(note for note in notes if note)

