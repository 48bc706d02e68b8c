"""A draft's [calendar] table from a policy's title page: title, version, the document's
date (and whether the document states it), the purchase year, care type and publisher."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import NamedTuple

from zinkoop_cli.core.daytext import DayTextError, parse_user_day
from zinkoop_cli.core.dutch_words import slug
from zinkoop_cli.core.grammar import Found, scan
from zinkoop_cli.core.limits import year_problem
from zinkoop_cli.core.policy_text import Line, date_cell, split_sentences

Table = dict[str, object]
_YEAR = re.compile(r"(?<!\d)(?:1[89]\d\d|20\d\d|2100)(?!\d)")


class Options(NamedTuple):
    publisher: str | None = None
    care: str | None = None
    year: int | None = None


def contract_year(header: Table, options: Options) -> int | None:
    """The year the document buys for, when it is sure: --year, or the only year its title
    names ('Zorginkoopbeleid GGZ 2025-2027' covers three years, so none)."""
    if options.year is not None:
        return options.year
    years = set(_YEAR.findall(str(header["title"])))
    return int(years.pop()) if len(years) == 1 else None


def term_of(title: str) -> tuple[int, int] | None:
    """The years a multi-year policy covers, from its title ('Inkoopbeleid 2027-2029')."""
    years = sorted({int(y) for y in _YEAR.findall(title)})
    return (years[0], years[-1]) if len(years) == 2 else None


def subject_of(title: str) -> str:
    """What a document calls itself: its title without years ('Actieplan ambulancezorg')."""
    return " ".join(w for w in title.split() if not re.fullmatch(r"(?:19|20)\d\d", w))


_VERSION = re.compile(r"^\s*versie\s*:?\s*(\d[\w.-]*)\s*(?:\([^)]*\))?\s*$", re.IGNORECASE)
_DOCUMENT_NOUN = r"(?:zorg)?(?:inkoop)?(?:beleid|kader|plan|document)(?![\w-])"
_PUBLICATION = re.compile(rf"publicatie\s+(?:van\s+)?(?:het\s+|ons\s+|dit\s+)?{_DOCUMENT_NOUN}",
                          re.IGNORECASE)
_RELATIVE = re.compile(r"(?<![\w-])(?:dat|die|waarin|waarop|welke)(?![\w-])", re.IGNORECASE)
_PUBLISHES = re.compile(r"(?<![\w-])(?:(?:ge)?publice\w*|geplaatst|bekendgemaakt|verschenen"
                        r"|vastgesteld)(?![\w-])", re.IGNORECASE)
# The document itself: 'dit inkoopbeleid', 'ons inkoopbeleid 2024', 'het zorginkoopbeleid'.
_DOCUMENT = re.compile(rf"(?<![\w-])(?:dit|deze|ons|onze|het)\s+(?:[\w-]+\s+)?{_DOCUMENT_NOUN}",
                       re.IGNORECASE)
# 'Datum: 1 april 2026' on a title page: a label, then the document's date alone.
_DATE_LABEL = re.compile(r"^\s*(?:(?:publicatie|versie)?datum(?:\s+van\s+publicatie)?"
                         r"|vastgesteld(?:\s+op)?|gepubliceerd(?:\s+op)?)\s*:?\s*", re.IGNORECASE)
_TITLE_WORDS = {"zorginkoopbeleid", "inkoopbeleid", "beleid", "zorginkoop"}


def header_of(lines: Sequence[Line], options: Options,
            source_name: str) -> tuple[Table, list[str], dt.date | None]:
    notes: list[str] = []
    texts = [" ".join(line.text.split()) for line in lines if line.text.strip()]
    top = texts[:20]
    titles = [t for t in top if len(t) < 80 and t[0].isupper() and not re.search(r"[.:;]", t)
              and date_cell(t) is None]
    # The first line naming a year, not as part of a day ('Houten, 1 april 2027').
    title = next((t for t in titles if _YEAR.search(t) and not _plain_days(t)),
                 titles[0] if titles else None)
    version = next((m.group(1) for t in top if (m := _VERSION.match(t))), None)
    published, sure, month_note = _published(texts, top)
    if month_note:
        notes.append(month_note)
    year = options.year
    title_years = sorted(set(_YEAR.findall(title or "")))
    if year is None and len(title_years) == 1 and year_problem(int(title_years[0])) is None:
        year = int(title_years[0])
    if year is None:
        from zinkoop_cli.errors import UsageError

        several = f"the title '{title}' names {', '.join(title_years)}" \
            if len(title_years) > 1 else f"the title's year {title_years[0]} is outside " \
            "2000-2100" if title_years else "cannot tell the purchase year from the document"
        raise UsageError(f"{several}; give the purchase year with --year YEAR")
    care = options.care or (slug(" ".join(w for w in _YEAR.sub("", title)
                                          .split() if w.lower() not in _TITLE_WORDS))
                            if title else None)
    if not care:
        care = "onbekend"
        notes.append("care type: not found; set to 'onbekend' (give --care KEY)")
    publisher = options.publisher
    if not publisher:
        publisher = "Onbekend"
        notes.append("publisher: not given; set to 'Onbekend' (give --publisher NAME)")
    written_on = None
    if published is not None:
        try:
            day = parse_user_day(published)
            written_on = day if sure else None
        except DayTextError as error:  # '12 november 1998': outside the years zinkoop takes
            notes.append(f"published: {error}; not used")
            published = None
    if published is None:
        # Never a made-up day: the calendar format lets 'published' be left out.
        notes.append("published: no date of the document found; left out (add it if the "
                     "policy carries one)")
    elif not sure:
        notes.append(f"published: the first date near the top ({published}); the document "
                     "does not say it is the publication date, so no phrase was read against it")
    if title is None:
        title = f"Zorginkoopbeleid {care} {year}"
        notes.append(f"title: not found; set to '{title}'")
    if version is None:
        version = published or "in te vullen"
        notes.append(f"version: none in the document; set to "
                     f"{'the publication date' if published else 'in te vullen'} ({version})")
    header: Table = {
        "publisher": publisher, "publisher_id": slug(publisher) or "onbekend",
        "care_type": slug(care) or "onbekend", "year": year, "title": title, "version": version,
        **({"published": published} if published else {}),
        "source": f"{publisher}, {title}, versie {version}"
                  f"{f' ({published})' if published else ''}; drafted from {source_name}",
    }
    return header, notes, written_on


def _published(texts: Sequence[str],
               top: Sequence[str]) -> tuple[str | None, bool, str | None]:
    """The document's date and whether the document says it is that. Sure, in this order: a
    day standing alone on the title page (after a label such as 'Datum:'); a planning row
    '1 april 2026 Publicatie inkoopbeleid'; a sentence saying the document is published on a
    day ('Dit inkoopbeleid is gepubliceerd op 1 april 2023'), not a deadline for publishing
    something else ('publiceren wij uiterlijk op 1 oktober'). Otherwise the first day near
    the top is a guess for the header only, never read against."""
    guess = None
    for text in top:
        for day, found in _plain_days(text):
            if not re.search(r"[^\W\d_]", _DATE_LABEL.sub("", text[:found.start])
                             + text[found.end:]):
                return day, True, None
            if len(text) <= 60 and not text.rstrip().endswith("."):
                guess = guess or day  # a title-page line, not a sentence's deadline
        # 'april 2027' alone on the title page: the document's month, read from its 1st.
        for found in scan(text, whole=True):
            month = (found.keys or {}).get("month")
            if isinstance(month, str) and set(found.keys or {}) == {"month"} and not re.search(
                    r"[^\W\d_]", _DATE_LABEL.sub("", text[:found.start]) + text[found.end:]):
                return f"1 {month}", True, (f"published: the title page gives the month "
                                            f"({month}); set to its first day")
    for text in texts:
        for day, found in _plain_days(text) if _PUBLICATION.search(text) else ():
            rest = (text[:found.start] + text[found.end:]).strip(" \t:-|")
            if _PUBLICATION.match(rest):
                return day, True, None
    for text in (sentence for line in texts for sentence in split_sentences(line)):
        verb, document = _PUBLISHES.search(text), _DOCUMENT.search(text)
        if verb is None or document is None or _RELATIVE.search(
                text[min(verb.end(), document.end()):max(verb.start(), document.start())]):
            continue  # not 'in dit inkoopbeleid ... het rapport dat op 1 juni is gepubliceerd'
        for day, found in _plain_days(text):
            if not re.match(r"(?:uiterlijk|vóór|voor|tot|na|vanaf)\b", found.written,
                            re.IGNORECASE):
                return day, True, None
    return guess, False, None


def _plain_days(text: str) -> list[tuple[str, Found]]:
    """The single days ``text`` names (no range, no 'vóór'), as written in a calendar."""
    return [(str(keys["date"]), found) for found in scan(text)
            if (keys := found.keys or {}) and isinstance(keys.get("date"), str)
            and not {"from", "bound"} & keys.keys()]
