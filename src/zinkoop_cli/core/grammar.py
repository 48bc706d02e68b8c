"""A grammar of Dutch date phrases: text in, the calendar file's *when* keys out.

Generic Dutch, not phrases of particular documents: a day ("uiterlijk 1 oktober 2026 voor
17.00 uur"), a range, a month and its part, a quarter, a season, a year, a period, a start,
a relative term ("binnen zes weken na de dag van ontvangst"), a repeat, and the markers
"Doorlopend" and "volgt later". A phrase whose year the text does not give is *not read*
(with its reason) rather than guessed: a wrong date is worse than none; ``deixis`` reads such
phrases against the document's own date and year, where the document states them. Here are
the forms' patterns; what each match says is read in ``date_phrases`` and ``date_stretches``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from zinkoop_cli.core.date_phrases import (
    WEEKDAYS,
    YEAR_MISSING,
    Found,
    Keys,
    day_text,
    read_before_event,
    read_day,
    read_first_of_month,
    read_frequency,
    read_marker,
    read_relative,
    read_vague,
    read_yearly,
)
from zinkoop_cli.core.date_stretches import (
    read_any_quarter,
    read_figure_range,
    read_half,
    read_month,
    read_month_range,
    read_one_year_contract,
    read_range,
    read_season,
    read_undated_term,
    read_week,
    read_week_of,
    read_week_range,
    read_year,
    read_year_period,
)
from zinkoop_cli.core.dutch_words import (
    DAY,
    FREQUENCY_TIMES,
    FULL_MONTH,
    MONTH,
    NUMBER,
    PART,
    QUARTER_ORDINAL,
    SEASON,
    UNIT,
    YEAR,
    quarter_number,
)

__all__ = ["YEAR_MISSING", "Found", "Handler", "Keys", "day_text", "reread", "scan", "with_year"]

_F = re.IGNORECASE | re.VERBOSE
_TIME = (r"(?P<tm>\s*,?\s*\(?(?:(?:uiterlijk\s+)?(?:om|voor|vóór|tot)\s+"
         r"(?P<hh>[0-2]?\d)[.:](?P<mi>[0-5]\d)(?:\s*uur)?"
         r"|(?P<hh2>[0-2]?\d)[.:](?P<mi2>[0-5]\d)\s*uur)\)?)?")
_WEEKDAY = rf"(?:(?P<wd>{'|'.join(WEEKDAYS)})\s+)?"
_DAY_LEAD = (r"(?:(?P<lead>uiterlijk\s+op|uiterlijk\s+vóór|uiterlijk|niet\s+later\s+dan"
             r"|ten\s+laatste(?:\s+op)?|vóór|voor|op|per|vanaf|"
             r"met\s+ingang\s+van|m\.i\.v\.|rond|omstreeks|tot\s+en\s+met|t/m|tot|na|sinds)\s+)?")


Handler = Callable[[str, re.Match[str]], Found | None]


def _whole(handler: Callable[[str, re.Match[str], bool], Found | None],
           whole: bool) -> Handler:
    return lambda text, match: handler(text, match, whole)


_RELATIVE = re.compile(
    rf"(?:(?P<lead>(?:uiterlijk\s+)?binnen|na|uiterlijk|ten\s+minste|minstens)\s+)?"
    rf"(?P<n>{NUMBER})\s+(?P<u>{UNIT})"
    r"(?:\s+(?P<tail>de\s+tijd|nadat|na|vóór|voor(?:afgaande?\s+aan)?|op|van\s+tevoren|om)"
    r"(?!\w))?",
    _F)
_FIRST_OF_MONTH = re.compile(
    r"(?:per|vanaf|op|met\s+ingang\s+van)\s+de\s+eerste\s+(?:kalender)?dag\s+van\s+"
    r"(?P<unit>de\s+maand|het\s+kwartaal)\s+(?P<link>van|na|volgend\s+op|die\s+volgt\s+op)"
    r"\s+(?P<label>(?:(?:de|het|onze|uw|hun|deze|dit|die|zijn|haar)\s+)?(?P<x>[\w-]+))", _F)
_YEARLY = re.compile(rf"(?:jaarlijks|(?:ieder|elk)e?\s+jaar)\s+(?:op\s+)?(?P<d>{DAY})\s+"
                     rf"(?P<m>{MONTH})(?!\s*{YEAR})", _F)
_FREQUENCY = re.compile(
    rf"(?:(?:{'|'.join(FREQUENCY_TIMES)}|\d+)\s*(?:maal|keer)\s+per\s+"
    r"(?:jaar|maand|kwartaal|week|half\s+jaar|halfjaar)"
    rf"|(?:ieder|elk)e?\s+(?:{NUMBER}\s+)?(?:jaren|jaar|maanden|maand|kwartalen|kwartaal|weken"
    rf"|week|half\s+jaar)(?:\s+in\s+{FULL_MONTH})?"
    r"|(?:half)?jaarlijks|maandelijks|wekelijks)(?![^\W\d_])", _F)
_MARKER = re.compile(r"(?<![^\W\d_])(?:doorlopend|volg(?:t|en)\s+later|nader\s+te\s+bepalen"
                     r"|n\.t\.b\."
                     r"|op\s+een\s+latere?\s+(?:moment|tijdstip|datum)|in\s+een\s+later\s+stadium"
                     r"|nog\s+niet\s+bekend|overige\s+data)(?![^\W\d_])", _F)
# 'van maandag 7 juni tot en met vrijdag 2 juli 2027': a weekday may stand before either day.
_RANGE_WEEKDAY = rf"(?:(?P<wd{{n}}>{'|'.join(WEEKDAYS)})\s+)?"
_RANGE = re.compile(
    rf"(?:(?P<lead>van|tussen|vanaf)\s+)?{_RANGE_WEEKDAY.format(n=1)}(?P<d1>{DAY})(?:\s+(?P<m1>{MONTH}))?"
    rf"(?:\s+(?P<y1>{YEAR}))?\s*(?P<link>t/m|tot\s+en\s+met|-|\u2013|tot|en)\s*"
    rf"{_RANGE_WEEKDAY.format(n=2)}(?P<d2>{DAY})\s+(?P<m2>{MONTH})(?:\s+(?P<y2>{YEAR}))?", _F)
# '1 en 15 oktober 2027', '1, 8 en 15 oktober': a day in a list takes the list's month and year.
_DAY_IN_LIST = re.compile(rf"{_DAY_LEAD}(?<![\d/.-])(?P<d>{DAY})(?=(?:\s*,\s*{DAY})*\s*"
                          rf"(?:,|en|of)\s*{DAY}\s+(?P<m>{MONTH})(?:\s+(?P<y>{YEAR}))?)", _F)
_MONTH_RANGE = re.compile(rf"(?P<m1>{FULL_MONTH})(?:\s+(?P<y1>{YEAR}))?\s*(?:t/m|tot\s+en\s+met"
                          rf"|-|\u2013)\s*(?P<m2>{FULL_MONTH})(?:\s+(?P<y2>{YEAR}))?", _F)
_YEAR_PERIOD = re.compile(rf"(?:(?P<lead>gedurende(?:\s+heel)?|de\s+jaren|de\s+periode|in)\s+)?"
                          rf"(?P<y1>{YEAR})\s*(?P<link>t/m|tot\s+en\s+met|-|\u2013|en)\s*"
                          rf"(?P<y2>{YEAR})", _F)
_VAGUE = re.compile(rf"(?:in\s+)?de\s+(?:komende|afgelopen|voorbije|laatste|achterliggende)\s+"
                    rf"(?:{NUMBER}\s+)?{UNIT}", _F)
_BEFORE_EVENT = re.compile(
    r"vóór\s+(?P<label>(?:de|het)\s+(?P<x>[\w-]*(?:ing|datum|aanvang|start))"
    r"(?:\s+van\s+(?:de|het)(?:\s+[\w-]+){1,3})?)(?![\w-])", _F)
_ISO = re.compile(rf"{_DAY_LEAD}(?P<y>{YEAR})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?!\d){_TIME}", _F)
_NUMERIC = re.compile(rf"{_DAY_LEAD}(?<![\d/-])(?P<d>{DAY})(?P<sep>[-/])(?P<m>[01]?\d)(?P=sep)"
                      rf"(?P<y>{YEAR}){_TIME}",
                      _F)
# '2028-01-01 tot en met 2029-12-31', '1-10-2027 t/m 15-10-2027': a range of days in figures.
_FIGURE_RANGE = re.compile(
    r"(?:(?P<lead>van|vanaf|tussen)\s+)?"
    r"(?P<a>(?:19|20)\d\d-[01]\d-[0-3]\d|(?<![\d/-])[0-3]?\d(?P<sa>[-/])[01]?\d(?P=sa)(?:(?:19|20)\d\d|2100))"
    r"(?!\d)\s*(?P<link>t/m|tot\s+en\s+met|-|\u2013|tot|en)\s*"
    r"(?P<b>(?:19|20)\d\d-[01]\d-[0-3]\d|[0-3]?\d(?P<sb>[-/])[01]?\d(?P=sb)(?:(?:19|20)\d\d|2100))"
    r"(?!\d)",
    _F)
# 'week 38 t/m week 41 2027', 'week 36 t/m 38 2026', 'week 46-47': Monday of the first to
# Sunday of the last; a year after the range holds for both.
_WEEK_WORD = r"(?:week|wk\.?)"
_WEEK_RANGE = re.compile(rf"(?:in\s+)?{_WEEK_WORD}\s+(?P<w1>[1-5]?\d)\s*"
                         rf"(?P<link>t/m|tot\s+en\s+met|-|\u2013|en|of)"
                         rf"\s*(?:{_WEEK_WORD}\s+)?(?P<w2>[1-5]?\d)(?!\d)"
                         rf"(?:\s+(?:van\s+)?(?P<y>{YEAR}))?", _F)
# Terms zinkoop cannot date, listed so that nothing dated is lost: hours, a duration without
# a start ('de pilot duurt twee jaar'), an extension ('met twee jaar verlengen').
_UNDATED_TERM = re.compile(
    rf"binnen\s+{NUMBER}\s+uur(?![\w-])"
    rf"|(?:duurt|duren|looptijd\s+van|(?:geldt|gelden|loopt|lopen)\s+voor)\s+"
    rf"(?:ruim\s+|circa\s+|ongeveer\s+)?{NUMBER}\s+"
    r"(?:jaar|jaren|maanden|maand|weken)(?![\w-])"
    rf"|met\s+(?:maximaal\s+)?{NUMBER}\s+(?:jaar|jaren|maanden|maand)\s+(?:te\s+|worden\s+)?"
    rf"verleng\w*|(?:is|zijn|blijft|blijven)\s+{NUMBER}\s+{UNIT}\s+geldig(?![\w-])", _F)
_WEEK = re.compile(rf"(?:in\s+)?{_WEEK_WORD}\s+(?P<w>[1-5]?\d)(?!\d)"
                   rf"(?:\s+(?:van\s+)?(?P<y>{YEAR}))?", _F)
# Not after 'over': 'de cijfers over het eerste halfjaar' say what they cover, not when.
_HALF = re.compile(rf"(?<!over\s)(?<!over\sde\s)(?<!over\shet\s)"
                   rf"(?:(?P<lead>uiterlijk\s+in|in|vóór|voor|uiterlijk)\s+)?(?:de\s+|het\s+)?"
                   rf"(?P<h>eerste|tweede|1e|2e|1ste|2de)\s+(?:helft|halfjaar|half\s+jaar)"
                   rf"(?:\s+van\s+(?:de\s+maand\s+)?(?P<hm>{FULL_MONTH}))?"
                   rf"(?:\s+(?:van\s+)?(?P<y>{YEAR}))?", _F)
# 'in de week van 13 december 2027': Monday to Sunday of the week that holds the day.
_WEEK_OF = re.compile(rf"(?:in\s+)?de\s+week\s+van\s+(?P<d>{DAY})\s+(?P<m>{MONTH})"
                      rf"(?:\s+(?P<y>{YEAR}))?", _F)
_FULL_DAY = re.compile(rf"{_DAY_LEAD}{_WEEKDAY}(?<!\d)(?P<d>{DAY})\s+(?P<m>{MONTH})"
                       rf"(?:\s+(?P<y>{YEAR}))?{_TIME}", _F)
_MONTH = re.compile(
    rf"(?:(?P<lead>uiterlijk|niet\s+later\s+dan|ten\s+laatste|vóór|voor|per|vanaf"
    rf"|met\s+ingang\s+van|m\.i\.v\.|rond|omstreeks"
    rf"|in|tot\s+en\s+met|t/m|na|sinds)\s+)?(?:(?:het\s+)?(?P<part>{PART})\s+(?:van\s+)?)?"
    rf"(?<![\w-])(?P<m>{MONTH})(?:\s+(?P<y>{YEAR}))?", _F)
# 'het eerste en derde kwartaal van 2028': the first of two quarters, which shares the year.
_QUARTER_FIRST = re.compile(
    rf"(?:(?P<lead>in|gedurende)\s+)?(?:het\s+)?(?P<o>{QUARTER_ORDINAL})(?=(?:\s*,\s*(?:het\s+)?"
    rf"{QUARTER_ORDINAL})*\s+(?:en|of)\s+(?:het\s+)?{QUARTER_ORDINAL}\s+kwartaal"
    rf"(?:\s+(?:van\s+)?(?P<y>{YEAR}))?)", _F)
_QUARTER = re.compile(
    rf"(?:(?P<lead>vanaf|per|met\s+ingang\s+van|in|gedurende|sinds)\s+)?(?:het\s+|de\s+)?"
    rf"(?:(?P<o>{QUARTER_ORDINAL})\s+kwartaal|(?P<y0>{YEAR})[-\s]?Q(?P<q2>[1-4])|Q(?P<q>[1-4]))"
    rf"(?:\s+(?:van\s+)?(?P<y>{YEAR}))?", _F)
_SEASON = re.compile(
    rf"(?:(?P<lead>uiterlijk\s+in|uiterlijk|vanaf|per|met\s+ingang\s+van|m\.i\.v\.|in|gedurende"
    rf"|sinds|rond)\s+)?"
    rf"(?:(?P<art>het|de)\s+)?(?<![\w-])(?P<s>{SEASON})(?:\s+(?:van\s+)?(?P<y>{YEAR}))?", _F)
# "vóór het einde van 2018": before the year ends, so its last day at the latest. Only the
# end as a point ('het einde'); 'eind 2018' is a vague stretch and stays unread after 'vóór'.
_YEAR_END = re.compile(rf"(?:uiterlijk\s+)?(?:vóór|voor)\s+het\s+einde\s+van\s+(?:het\s+)?"
                       rf"(?:(?:kalender)?jaar\s+)?(?P<y>{YEAR})", _F)
_YEAR = re.compile(
    rf"(?P<lead>in\s+de\s+loop\s+van|(?:uiterlijk\s+|vóór\s+|voor\s+)?(?:het\s+)?{PART}"
    rf"(?:\s+van)?|in|vanaf|per|met\s+ingang\s+van|m\.i\.v\.|sinds|gedurende|tot\s+en\s+met|t/m"
    rf"|tot|vóór|voor|na)\s+(?:(?:het\s+)?(?:kalender|contract)?jaar\s+)?(?P<y>{YEAR})"
    rf"(?P<on>\s+en\s+verder)?", _F)


# 'de contractjaren 2027, 2028 en 2029': the years listed, as one period when they follow on.
_YEAR_LIST = re.compile(rf"(?:(?:in|voor|gedurende|over)\s+)?(?:de\s+)?"
                        rf"(?:contract|kalender|inkoop)?jaren\s+"
                        rf"(?P<ys>{YEAR}(?:\s*,\s*{YEAR})*\s+en\s+{YEAR})", _F)
# A table's date cell that is a year alone ('2028 | Tussentijdse evaluatie').
_BARE_YEAR = re.compile(rf"^\s*(?P<y>{YEAR})\s*$")


def _patterns(whole: bool) -> list[tuple[re.Pattern[str], Handler]]:
    # Most specific first: a span claimed by one pattern is not read again by a later one.
    cell = [(_BARE_YEAR, _read_bare_year)] if whole else []
    return [*cell, (_FIRST_OF_MONTH, read_first_of_month), (_YEARLY, read_yearly),
            (_YEAR_LIST, _read_year_list),
            (_RELATIVE, read_relative), (_MARKER, read_marker), (_VAGUE, read_vague),
            (_BEFORE_EVENT, read_before_event), (_FIGURE_RANGE, read_figure_range),
            (_RANGE, read_range), (_DAY_IN_LIST, read_day),
            (_MONTH_RANGE, read_month_range), (_YEAR_PERIOD, read_year_period),
            (_ISO, read_day), (_NUMERIC, read_day), (_WEEK_RANGE, read_week_range),
            (_WEEK, read_week), (_HALF, read_half), (_UNDATED_TERM, read_undated_term),
            (_WEEK_OF, read_week_of), (_FULL_DAY, read_day),
            (_QUARTER_FIRST, _read_quarter_first),
            (_QUARTER, read_any_quarter),
            (_SEASON, _whole(read_season, whole)), (_FREQUENCY, read_frequency),
            (_MONTH, _whole(read_month, whole)), (_YEAR_END, _read_year_end),
            (_YEAR, read_year)]


def _read_quarter_first(text: str, match: re.Match[str]) -> Found:
    if match.group("y") is None:
        return Found(match.start(), match.end(), match.group(0), None, YEAR_MISSING)
    number = quarter_number(match.group("o"))
    value = f"{('eerste', 'tweede', 'derde', 'vierde')[number - 1]} kwartaal {match.group('y')}"
    return Found(match.start(), match.end(), match.group(0), {"quarter": value},
                 note="a quarter in a list: the list's year")


def _read_bare_year(text: str, match: re.Match[str]) -> Found:
    return Found(match.start(), match.end(), match.group(0), {"year": int(match.group("y"))})


def _read_year_list(text: str, match: re.Match[str]) -> Found | None:
    years = [int(y) for y in re.findall(r"\d{4}", match.group("ys"))]
    if years != list(range(years[0], years[0] + len(years))):
        return Found(match.start(), match.end(), match.group(0), None,
                     "years that do not follow on: write each yourself")
    return Found(match.start(), match.end(), match.group(0),
                 {"period": [f"1 januari {years[0]}", f"31 december {years[-1]}"]})


def _read_year_end(text: str, match: re.Match[str]) -> Found:
    return Found(match.start(), match.end(), match.group(0),
                 {"date": f"31 december {match.group('y')}"},
                 note="'vóór het einde van' a year: its last day at the latest")


_PATTERNS = {flag: _patterns(flag) for flag in (False, True)}
# Read only when the caller knows the document's purchase year (a draft does; a table cell
# alone does not): 'een eenjarig contract', 'een overeenkomst voor één jaar'.
_YEARS_WORD = r"(?:één|eén|een|twee|drie|vier|vijf|[1-5])"
_ONE_YEAR_CONTRACT = re.compile(
    rf"(?<![\w-])(?:(?P<n>{_YEARS_WORD})[-\s]?jarige?\s+(?:zorg)?(?:contract|overeenkomst)"
    r"|[\w-]*(?:contract|overeenkomst)\s+(?:met\s+een\s+looptijd\s+)?(?:voor|van)\s+"
    rf"(?P<n2>{_YEARS_WORD})\s+(?:kalender)?jaar"
    r"|(?:zorg)?(?:contract|overeenkomst)(?:\s+[\w-]+){0,4}?\s+(?:heeft|krijgt)\s+een\s+"
    rf"looptijd\s+van\s+(?P<n3>{_YEARS_WORD})\s+(?:kalender)?jaar)(?![\w-])"
    r"(?!\s+of\s+(?:langer|meer))", _F)

_BORROW = re.compile(r"\s*(?:,|en|of|/)\s*", re.IGNORECASE)


def scan(text: str, *, whole: bool = False, contract_year: int | None = None,
         extra: Sequence[tuple[re.Pattern[str], Handler]] = ()) -> list[Found]:
    """Every date phrase in ``text``, in order; ``whole`` when the text is one table cell,
    so that a bare month or season there counts as a date; ``contract_year`` the year the
    document buys for, when known, for the phrases that name it without writing it;
    ``extra`` patterns tried first (``deixis``: the phrases read against the document)."""
    claimed: list[tuple[int, int]] = []
    found: list[Found] = []
    patterns = [*extra, *_PATTERNS[whole]]
    if contract_year is not None:
        year = contract_year
        patterns.insert(len(extra), (_ONE_YEAR_CONTRACT,
                                     lambda text, match: read_one_year_contract(text, match, year)))
    for pattern, handler in patterns:
        for match in pattern.finditer(text):
            start, end = match.span()
            if start == end or any(s < end and start < e for s, e in claimed):
                continue
            result = handler(text, match)
            if result is None:
                continue
            result = _trim(text, result)
            claimed.append((result.start, result.end))
            found.append(result)
    found.sort(key=lambda item: item.start)
    return _borrow_years(text, _coordinated(text, found, whole))


# 'in oktober en november', 'in 2025 of 2026': a phrase joined to a dated one by 'en', 'of'
# or a comma shares its preposition.
_JOINED = re.compile(rf"(?:\s*,\s*|\s+en\s+|\s+of\s+)(?P<rest>(?:{DAY}\s+)?{FULL_MONTH}"
                     rf"(?:\s+{YEAR})?|{YEAR})(?![\w-])", _F)
_SHARED_LEAD = re.compile(r"(?:in|op|uiterlijk|vóór|vanaf|per|gedurende|tijdens|rond|medio|eind"
                          r"|begin)(?![\w-])", re.IGNORECASE)


def _coordinated(text: str, found: list[Found], whole: bool) -> list[Found]:
    result = sorted(found, key=lambda item: item.start)
    index = 0
    while index < len(result):
        item = result[index]
        index += 1
        lead = _SHARED_LEAD.match(item.written) or (
            _SHARED_LEAD.match(item.note or "") if item.note else None)
        joined = _JOINED.match(text, item.end) if lead and (item.keys is not None
                                                           or item.reason == YEAR_MISSING) else None
        if joined is None or lead is None:
            continue
        start, end = joined.start("rest"), joined.end()
        # The joined phrase may be read already, without the shared preposition ('vóór 1 april
        # en 1 juli 2027'): read again with it.
        same = [f for f in result if f.start == start and f.end == end]
        if [f for f in result if f.start < end and start < f.end] != same:
            continue
        phrase = f"{lead.group(0)} {joined.group('rest')}"
        again = [f for f in scan(phrase, whole=whole) if f.start == 0 and f.end == len(phrase)]
        if len(again) == 1:
            shared = again[0]._replace(start=start, end=end, written=joined.group("rest"),
                                       note=lead.group(0))
            result = [f for f in result if f not in same] + [shared]
            result.sort(key=lambda found_item: found_item.start)
    return [f._replace(note=None) if f.note and _SHARED_LEAD.fullmatch(f.note) else f
            for f in result]


def _trim(text: str, found: Found) -> Found:
    written = found.written.strip()
    if written.endswith(".") and re.search(rf"(?<![\w-]){FULL_MONTH}\.$", written, re.IGNORECASE):
        written = written[:-1]  # 'in november.': the sentence's full stop, not an abbreviation
    start = found.start + (len(found.written) - len(found.written.lstrip()))
    return found._replace(start=start, end=start + len(written), written=written)


def _borrow_years(text: str, found: list[Found]) -> list[Found]:
    """'1 april en 1 juli 2027', 'in oktober en november 2027': a phrase in a list takes the
    year of the list's last one."""
    result = list(found)
    for index in range(len(result) - 2, -1, -1):
        item, following = result[index], result[index + 1]
        year = _year_of(following)
        if item.reason != YEAR_MISSING or year is None \
                or not _BORROW.fullmatch(text[item.end:following.start]):
            continue
        again = with_year(item.written, year)
        if again is None or again.keys is None:
            continue
        keys: Keys = dict(again.keys)
        if (following.keys or {}).get("bound") == "voor" and "date" in keys:
            keys["bound"] = "voor"
        result[index] = item._replace(keys=keys, reason=None, day_month=None,
                                      note=f"year taken from '{following.written}'")
    return result


def _year_of(found: Found) -> int | None:
    """The one year of a single day, month, quarter, season or year."""
    keys = found.keys or {}
    values = [keys[k] for k in ("date", "month", "quarter", "season", "year") if k in keys]
    if len(values) != 1 or "from" in keys:
        return None
    years = re.findall(r"\d{4}", str(values[0]))
    return int(years[-1]) if years else None


# Where a year goes into a phrase without one: after its month, season, quarter or week.
_YEAR_GOES_AFTER = re.compile(
    rf"(?:(?<![\w-]){MONTH}|(?<![\w-]){SEASON}|kwartaal|helft|halfjaar|half\s+jaar|Q[1-4]"
    r"|week\s+\d{1,2}\s*(?:t/m|tot\s+en\s+met|-|\u2013)\s*(?:week\s+)?\d{1,2}"
    r"|week\s+\d{1,2})(?![\w-])", re.IGNORECASE)


def with_year(written: str, year: int) -> Found | None:
    """A phrase written without a year ('uiterlijk eind september') read with ``year`` put
    where Dutch writes it, or None when it takes none."""
    spots = list(_YEAR_GOES_AFTER.finditer(written))
    if not spots:
        return None
    at = spots[-1].end()
    return reread(f"{written[:at]} {year}{written[at:]}")


def reread(text: str) -> Found | None:
    """``text`` read as one phrase (a table cell's reading), or None."""
    found = [item for item in scan(text, whole=True) if item.keys is not None]
    if len(found) != 1 or found[0].start != 0 or found[0].end != len(text.strip()):
        return None
    return found[0]
