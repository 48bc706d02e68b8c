"""Terms a policy gives only the end of: "Dit inkoopbeleid geldt tot en met 2026", "De deal
geldt voor de periode tot en met 2026" after the sentence that dates the deal.

A term's start is then the document's own date, when the sentence speaks of the document
itself, or the one day the sentence before gives to what this sentence opens with. Anything
else stays an end without a start, listed for the reader (``deixis`` has the frame).
"""

from __future__ import annotations

import datetime as dt
import re

from zinkoop_cli.core.date_phrases import END_ONLY, Found, day_text
from zinkoop_cli.core.daytext import parse_user_day
from zinkoop_cli.core.deixis import Frame
from zinkoop_cli.core.dutch_words import PREPOSITIONS

__all__ = ["continued_term", "end_of", "own_term"]


def own_term(sentence: str, found: Found, frame: Frame) -> Found | None:
    """'Het actieplan ambulancezorg heeft een looptijd van ruim drie jaar tot en met het jaar
    2021': a term that gives only its end, of the document itself, starts on its date."""
    end, written_on = end_of(found), frame.written_on
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
    end = end_of(found)
    if end is None or not _VALIDITY.search(sentence) or not _BEGINS.search(previous):
        return None
    head = _head(sentence)
    # The same noun, or the head of a compound ('het akkoord' after 'het Hoofdlijnenakkoord').
    if head is None or not re.search(rf"{re.escape(head)}(?![\w-])", previous, re.IGNORECASE):
        return None
    return end


def _head(sentence: str) -> str | None:
    """The noun the sentence opens with: 'De regels voor uitbreiding gelden': 'regels'."""
    opening = _OPENING.match(sentence)
    if opening is None:
        return None
    words: list[str] = []
    for word in opening.group("np").split():
        if word.lower() in PREPOSITIONS:
            break
        words.append(word)
    head = words[-1] if words else ""
    return head if len(head) >= 4 and head.lower() not in _NOT_NOUNS else None


# The sentence before says when something began or was agreed, not when it is due.
_BEGINS = re.compile(r"(?<![\w-])(?:overeen\w*|\w*gesloten|sloten|sloot|\w*ondertekend"
                     r"|ondertekenden|ondertekende|\w*getekend|tekenden|afgesproken|spraken\s+\w+\s+af|gestart"
                     r"|startte|startten|begon|begonnen|ingegaan|ging\s+in|gingen\s+in|aangegaan"
                     r"|vastgesteld|gelanceerd|opgericht|ingevoerd)(?![\w-])", re.IGNORECASE)


_VALIDITY = re.compile(r"(?<![\w-])(?:geldt|gelden|geldig|loopt|lopen|looptijd|duurt|duren"
                       r"|van\s+kracht|blijft|blijven)(?![\w-])", re.IGNORECASE)
_LASTS = (r"(?:geldt|gelden|blijft|blijven|loopt|lopen|duurt|duren|(?:heeft|hebben)\s+een\s+"
          r"looptijd|is\s+(?:geldig|van\s+kracht))(?![\w-])")
_OPENING = re.compile(r"\s*(?:de|het|dit|deze|die|dat)\s+(?P<np>(?:[\w-]+\s+){0,3}?[\w-]+)\s+"
                      r"(?=(?:geldt|gelden|is|blijft|blijven|loopt|lopen|duurt|duren|heeft|hebben)"
                      r"(?![\w-]))", re.IGNORECASE)
_NOT_NOUNS = {"nieuwe", "huidige", "hele", "gehele", "eerste", "tweede", "genoemde", "deze"}
# How a document names itself: 'dit beleid', 'dit inkoopbeleid', 'het actieplan'.
_DOCUMENT_NOUNS = ("beleid", "inkoopbeleid", "zorginkoopbeleid", "document", "inkoopkader",
                   "actieplan")


def _names_document(sentence: str, subject: str | None) -> bool:
    """Whether the sentence speaks of the document itself: 'dit' or 'deze' and a word for a
    document or the title's first word ('dit inkoopbeleid'), or a sentence that opens with
    the title's words or such a word ('Het actieplan ambulancezorg heeft een looptijd ...',
    'Het beleid blijft van kracht ...'). A title's words elsewhere ('de afspraken over
    wijkverpleging') are not the document."""
    text = " ".join(sentence.lower().split())
    nouns = list(_DOCUMENT_NOUNS)
    plain = " ".join((subject or "").lower().split())
    if plain:
        nouns.append(plain.split()[0])
    pattern = "|".join(re.escape(noun) for noun in [*nouns, *([plain] if plain else [])])
    # The subject of the verb of lasting, also after a heading the PDF ran into the sentence;
    # not 'Dit inkoopbeleid is een vervolg op het actieplan dat loopt tot en met 2030'.
    return re.search(rf"(?<![\w-])(?:het|dit|deze)\s+(?:{pattern})\s+{_LASTS}", text) is not None


def end_of(found: Found) -> dt.date | None:
    """The end a phrase gives without a start: 'tot en met 2026' (an end without a start) or
    'tot en met 31 december 2028' (read as a day, which a term's sentence makes its end)."""
    keys = found.keys or {}
    if found.reason != END_ONLY:
        if set(keys) == {"date"} and re.match(r"(?:tot\s+en\s+met|t/m)(?![\w-])",
                                              found.written, re.IGNORECASE):
            return parse_user_day(str(keys["date"]))
        return None
    years = re.findall(r"(?<!\d)((?:19|20)\d\d|2100)(?!\d)", found.written)
    return dt.date(int(years[-1]), 12, 31) if len(years) == 1 else None
