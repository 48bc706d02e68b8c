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
from zinkoop_cli.core.deixis import Frame

__all__ = ["continued_term", "own_term"]


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
    """Whether the sentence speaks of the document itself: its title's words ('het actieplan
    ambulancezorg'), 'dit' or 'deze' and a word for a document or the title's first word
    ('dit inkoopbeleid'), or a sentence that opens with just such a word ('Het beleid blijft
    van kracht ...')."""
    text = " ".join(sentence.lower().split())
    nouns = list(_DOCUMENT_NOUNS)
    if subject:
        plain = " ".join(subject.lower().split())
        if plain and plain in text:
            return True
        nouns.append(plain.split()[0])
    pattern = "|".join(re.escape(noun) for noun in nouns)
    if re.search(rf"(?<![\w-])(?:dit|deze)\s+(?:{pattern})(?![\w-])", text):
        return True
    opening = _OPENING.match(sentence)
    return opening is not None and opening.group("np").lower() in nouns


def _end_of(found: Found) -> dt.date | None:
    if found.reason != END_ONLY:
        return None
    years = re.findall(r"(?<!\d)((?:19|20)\d\d|2100)(?!\d)", found.written)
    return dt.date(int(years[-1]), 12, 31) if len(years) == 1 else None
