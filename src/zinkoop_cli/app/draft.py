"""Draft a calendar from a policy: its lines read into entries, events and a header."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import NamedTuple

from zinkoop_cli.app.draft_header import (
    Options,
    contract_year,
    header_of,
    subject_of,
    term_of,
)
from zinkoop_cli.core.date_phrases import END_ONLY, day_text
from zinkoop_cli.core.daytext import parse_user_day
from zinkoop_cli.core.deixis import Frame, anchor, read_dates
from zinkoop_cli.core.dutch_words import slug
from zinkoop_cli.core.grammar import Found
from zinkoop_cli.core.key_days import last_day
from zinkoop_cli.core.limits import MAX_OFFSET, offset_problem, year_problem
from zinkoop_cli.core.policy_text import Line, Unit, split_sentences, units
from zinkoop_cli.core.terms import continued_term, end_of, own_term

__all__ = ["Draft", "Options", "Reading", "Unread", "draft", "party_of", "to_toml"]

Table = dict[str, object]
VERIFY = "VERIFY"
_PARTIES = (("zorgaanbieder", r"zorgaanbieders?\b"), ("zorgverzekeraar", r"zorgverzekeraars?\b"),
            ("zorgkantoor", r"zorgkantoren\b|zorgkantoor\b"), ("RAV", r"\bRAV'?s?\b"),
            ("NZa", r"\bNZa\b"), ("VWS", r"\bVWS\b"), ("ZN", r"\bZN\b"), ("AZN", r"\bAZN\b"))
# A party after one of these is the object ('aanbieden aan zorgaanbieders'), not the actor.
_OBJECT = re.compile(r"\b(?:aan|met|bij|naar|van|over)\s+(?:de\s+|het\s+|een\s+)?"
                     r"(?:[\w-]+\s+)?$", re.IGNORECASE)
_CONDITION = re.compile(r"\((?:in\s+(?:het\s+)?geval\s+van|alleen\s+bij|bij|voor)\s+([^)]+)\)",
                        re.IGNORECASE)
_ID_SKIP = {"de", "het", "een", "van", "voor", "op", "in", "en", "of", "aan", "met", "door",
            "wij", "we", "u", "uw", "zij", "die", "dat", "deze", "dit", "naar", "om", "te", "is"}


class Unread(NamedTuple):
    """A dated phrase the draft could not turn into a *when*: listed, never lost."""

    where: str
    written: str
    reason: str
    sentence: str


class Reading(NamedTuple):
    """A phrase the text dates only against the document itself, and how it was read."""

    where: str
    written: str
    reading: str  # the *when* written out: 'eind september 2026'


class Draft(NamedTuple):
    calendar: Table  # the file's tables, ready for tomli-w
    entries: int
    rules: int
    unread: list[Unread]
    header_notes: list[str]  # header values zinkoop had to choose: check them
    # Phrases without a year or start, dated from the document's date or year: check them.
    read_against: tuple[Reading, ...] = ()


def party_of(sentence: str, publisher: str | None) -> str | None:
    """Who acts, where the sentence names them: 'zorgaanbieder', 'RAV', 'NZa'."""
    found: list[tuple[int, str]] = []
    patterns = [*_PARTIES, *([("zorgverzekeraar", re.escape(publisher))] if publisher else [])]
    for name, pattern in patterns:
        flags = re.IGNORECASE if name.islower() else 0
        for hit in re.finditer(pattern, sentence, flags):
            if not _OBJECT.search(sentence[:hit.start()]):
                found.append((hit.start(), name))
                break
    # The first named is most often the subject, the one who acts.
    return min(found)[1] if found else None


def _keys_of(found: Found) -> Table:
    return dict(found.keys or {})


class _Builder:
    def __init__(self, publisher: str | None, written_on: dt.date | None = None) -> None:
        self.publisher = publisher
        self.written_on = written_on
        self.entries: list[Table] = []
        self.events: dict[str, Table] = {}
        self.unread: list[Unread] = []
        self.ids: set[str] = set()
        self.rules = 0
        self.read_against: list[Reading] = []

    def new_id(self, activity: str, found: Found) -> str:
        words = [w for w in slug(activity).split("-") if w and w not in _ID_SKIP][:5]
        base = "-".join(words) or slug(found.written) or "entry"
        base = base[:48].strip("-")
        candidate, number = base, 2
        while candidate in self.ids or candidate in self.events:
            candidate, number = f"{base}-{number}", number + 1
        self.ids.add(candidate)
        return candidate

    def add(self, unit: Unit, found: Found, activity: str, sentence: str,
            condition: str | None = None, context: str | None = None) -> Table | None:
        problem = _year_problem(found.keys) if found.keys is not None else found.reason
        if found.keys is None or problem is not None:
            self.unread.append(Unread(unit.where, found.written, problem or "not read",
                                      sentence))
            return None
        keys = _keys_of(found)
        entry: Table = {"id": self.new_id(activity, found), "activity": activity}
        party = party_of(sentence, self.publisher)
        if party:
            entry["party"] = party
        if unit.section:
            entry["section"] = unit.section
        if condition:
            entry["condition"] = condition
        for side in ("after", "before"):
            if side in keys:
                keys[side] = self.event_for(str(keys[side]), found)
                self.rules += 1
        if "first_of_month_of" in keys:
            keys["first_of_month_of"] = self.event_for(str(keys["first_of_month_of"]), found)
            self.rules += 1
        entry.update(keys)
        entry["written"] = found.written
        remarks = [f"{VERIFY} ({unit.where})"]
        if found.note:
            remarks.append(found.note)
        if sentence != activity:
            remarks.append(f"from: {sentence}")
        if context:
            remarks.append(f"context: {context}")
        entry["note"] = "; ".join(remarks)
        self.entries.append(entry)
        if found.framed:
            reading = _reading(keys)
            last = last_day(keys)
            # A deadline read into the past is suspect; a year ('vorig jaar') is meant so.
            if self.written_on is not None and last is not None and last < self.written_on \
                    and {"date", "month", "quarter", "season", "from", "period"} & keys.keys():
                reading += " (before the document's own date: check it)"
            self.read_against.append(Reading(unit.where, found.written, reading))
        return entry

    def event_for(self, name: str, found: Found) -> str:
        label = found.anchor_label
        if not name:
            # The text names no day to count from: the user must give it.
            name, label = self._unnamed(), f"the day '{found.written}' counts from (not named)"
        if name in self.ids:
            name = f"{name}-dag"
        event = self.events.setdefault(name, {"label": label or name})
        if found.anchor_day is not None:
            event.setdefault("default", found.anchor_day)
        return name

    def _unnamed(self) -> str:
        number = 1
        while f"aanvang-{number}" in self.events:
            number += 1
        return f"aanvang-{number}"

    def set_defaults(self, rules: Sequence[Table], dated: Table | None) -> None:
        """The document's own default: a rule in a planning row counts from that row's day
        when the row's activity names what the rule counts from ('op de offerte')."""
        if dated is None or not any(k in dated for k in ("date", "starts")):
            return
        for rule in rules:
            event = rule.get("after")
            if isinstance(event, str) and event in self.events \
                    and event.split("-")[0] in str(dated["activity"]).lower() \
                    and "default" not in self.events[event]:
                self.events[event]["default"] = str(dated["id"])


def _year_problem(keys: Table) -> str | None:
    """Why a *when* cannot be written (a year outside 2000-2100: 'op 4 november 1998'),
    or None; such a phrase is listed instead, so that the draft passes 'zinkoop check'."""
    years = [value for key, value in keys.items() if key in {"year", "starts"}
             and isinstance(value, int)]
    years += [int(y) for value in keys.values() for y in re.findall(r"(?<!\d)\d{4}(?!\d)",
                                                                    str(value))]
    last = last_day(keys)  # 'winter 2100' ends in 2101
    years += [last.year] if last is not None else []
    problems = [year_problem(y) for y in years]
    # 'binnen 923 jaar': an offset beyond what zinkoop counts.
    problems += [offset_problem(value, unit) for unit, value in keys.items()
                 if unit in MAX_OFFSET and isinstance(value, int)]
    return next((p for p in problems if p is not None), None)


def _row(builder: _Builder, unit: Unit, frame: Frame) -> None:
    condition_hit = _CONDITION.search(unit.date_cell or "")
    condition = " ".join(condition_hit.group(1).split()) if condition_hit else None
    sentences = split_sentences(unit.text)
    plain = [s for s in sentences
             if not [f for f in read_dates(s, frame) if f.keys is not None or f.reason]]
    rules: list[Table] = []
    for sentence in sentences:
        if sentence in plain:
            continue
        for found in read_dates(sentence, frame):
            entry = builder.add(unit, found, sentence, sentence, condition)
            if entry is not None and ("after" in entry or "before" in entry):
                rules.append(entry)
    activity = " ".join(plain) or unit.text
    # The row is its source; the note quotes it only when part of it went to other entries.
    row_text = f"{unit.date_cell} | {unit.text}" if activity != unit.text else activity
    dated: Table | None = None
    for found in unit.found:
        found = anchor(found, frame, row=f"{unit.date_cell} {unit.text}")
        dated = builder.add(unit, found._replace(written=unit.date_cell or found.written),
                            activity, row_text, condition) or dated
    builder.set_defaults(rules, dated)


def draft(lines: Sequence[Line], options: Options, source_name: str) -> Draft:
    """The calendar a policy's ``lines`` give, its unread dates and its header's guesses."""
    skipped: list[Unread] = []
    header, notes, written_on = header_of(lines, options, source_name)
    builder = _Builder(options.publisher, written_on)
    frame = Frame(written_on, contract_year(header, options), subject_of(str(header["title"])),
                  term_of(str(header["title"])))
    previous, previous_entries = "", 0
    for unit in units(lines):
        before = len(builder.entries)
        if unit.date_cell is not None:
            _row(builder, unit, frame)
            previous, previous_entries = "", 0
            continue
        # "Deze beleidsregels worden verwacht ...": the sentence before says which.
        context = previous if _REFERS_BACK.match(unit.text) else ""
        last = builder.entries[-1] if previous_entries == 1 else None
        for found in read_dates(unit.text, frame):
            if found.reason == END_ONLY or (found.keys is not None and end_of(found)):
                # 'Het akkoord loopt tot en met 2030' after the sentence that dates the
                # akkoord continues it; only otherwise may it be the document's own term.
                if last is not None and _continue(last, previous, unit.text, found):
                    continue
                found = own_term(unit.text, found, frame) or found
            if found.keys is not None and not _has_words(unit.text, found):
                if _on_title_page(unit.where) and found.keys.get("date") == header.get("published"):
                    builder.add(unit, found._replace(note="a date standing alone on the title "
                                                     "page: the document's date?"),
                                str(header["title"]), unit.text)
                elif _on_title_page(unit.where):
                    skipped.append(Unread(unit.where, found.written, "a date with no activity",
                                          unit.text))
                else:  # a date with nothing else around it is still listed, never lost
                    builder.unread.append(Unread(unit.where, found.written,
                                                 "a date with no activity", unit.text))
                continue
            builder.add(unit, found, unit.text, unit.text, context=context or None)
        previous, previous_entries = unit.text, len(builder.entries) - before
    calendar: Table = {"calendar": header}
    if builder.events:
        calendar["events"] = builder.events
    calendar["entry"] = builder.entries
    notes.extend(f"{item.where}: '{item.written}' stands alone (title page?); not an entry"
                 for item in skipped)
    return Draft(calendar, len(builder.entries), builder.rules, builder.unread, notes,
                 tuple(builder.read_against))


def _continue(entry: Table, previous: str, sentence: str, found: Found) -> bool:
    """'De deal geldt voor de periode tot en met 2026' after the one day the sentence before
    gives: that entry becomes the term from that day to this end."""
    plain = not {"bound", "time", "from"} & entry.keys() and not re.match(
        r"(?:uiterlijk|vóór|voor|tot|niet\s+later)\b", str(entry.get("written")), re.IGNORECASE)
    start = entry.get("date") if plain else None
    end = continued_term(previous, sentence, found) if isinstance(start, str) else None
    if end is None or parse_user_day(str(start)) > end:
        return False
    del entry["date"]
    entry["period"] = [start, day_text(end)]
    entry["activity"] = f"{str(entry['activity']).strip()} {sentence.strip()}"
    entry["written"] = f"{entry['written']} ... {found.written}"
    entry["note"] = f"{entry['note']}; the end from the next sentence: {sentence.strip()}"
    return True


def _reading(keys: Table) -> str:
    """A *when* read against the document, written out for the summary."""
    period = keys.get("period")
    if isinstance(period, list) and len(period) == 2:
        return f"{period[0]} t/m {period[1]}"
    if "starts" in keys:
        return f"vanaf {keys['starts']}"
    if "from" in keys:
        return f"{keys['from']} t/m {keys.get('date')}"
    value = next((keys[k] for k in ("date", "month", "quarter", "season", "year") if k in keys),
                 "")
    text = " ".join(str(p) for p in (keys.get("part"), value) if p)
    return f"vóór {text}" if keys.get("bound") == "voor" else text



_REFERS_BACK = re.compile(r"(?:deze|dit|dat|die|hierin|hiervoor|daarna|daarbij)\b", re.IGNORECASE)


def _on_title_page(where: str) -> bool:
    kind, _, number = where.partition(" ")
    return (kind == "line" and int(number) <= 20) or where == "page 1"


def _has_words(text: str, found: Found) -> bool:
    """Whether the text says something besides its date: 'U dient uiterlijk 1 april in.'
    does; '1 april 2026' and 'Utrecht, 1 april 2026' on a title page do not."""
    rest = text[:found.start] + text[found.end:]
    return len(re.findall(r"[^\W\d_]{2,}", rest)) >= 2 and bool(re.search(r"[^\W\d_]{3,}",
                                                                              rest))


def to_toml(result: Draft, source_name: str) -> str:
    """The draft as a calendar file: a comment saying what it is, then the tables."""
    import tomli_w

    intro = (f"# A first calendar drafted by 'zinkoop draft' from {source_name}.\n"
             f"# Every entry's note starts with {VERIFY}: compare it with the policy, correct "
             "it,\n# then remove the mark. Run 'zinkoop check' after every edit.\n")
    for note in result.header_notes:
        intro += f"# {note}\n"
    return intro + "\n" + tomli_w.dumps(result.calendar, multiline_strings=False)
