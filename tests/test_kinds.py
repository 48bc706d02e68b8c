"""The kind of a statement: deadline, happening, target or fact; read, defaulted, shown."""

from __future__ import annotations

from datetime import date

import pytest

from zinkoop_cli.core.due import due_rows, warn_day
from zinkoop_cli.core.model import default_kind
from zinkoop_cli.core.resolve import Row, timeline
from zinkoop_cli.loading.parse import parse_calendar
from zinkoop_cli.render.warn import activity_text
from zinkoop_cli.render.words import kind_label

HEAD = """
[calendar]
publisher = "Voorbeeld"
care_type = "msz"
year = 2027
title = "Inkoopbeleid 2027"
version = "1"
published = "2026-04-01"
source = "https://example.org"
"""


def _entry(when: str, extra: str = "") -> str:
    return f'{HEAD}\n[[entry]]\nid = "e"\nactivity = "Iets"\n{when}\n{extra}\n'


@pytest.mark.parametrize(
    ("when", "kind"),
    [
        ('date = "2026-10-01"', "deadline"),
        ('month = "2026-09"', "deadline"),
        ('quarter = "2026-Q3"', "deadline"),
        ('period = ["2026-01-01", "2026-12-31"]', "happening"),
        ('starts = "2026-03-01"', "happening"),
        ("continuous = true", "happening"),
        ("undetermined = true", "deadline"),
        ('after = "gunning"\ndays = 10', "deadline"),
        ('yearly = "1 oktober"', "deadline"),
        ('frequency = "ieder kwartaal"', "happening"),
    ],
)
def test_each_form_has_its_documented_default_kind(when: str, kind: str) -> None:
    calendar, problems = parse_calendar(_entry(when), "c.toml")
    assert problems == []
    assert calendar is not None
    entry = calendar.entries[0]
    assert entry.kind == kind
    assert default_kind(entry.when) == kind


@pytest.mark.parametrize("kind", ["deadline", "happening", "target", "fact"])
def test_a_written_kind_overrides_the_default(kind: str) -> None:
    calendar, problems = parse_calendar(_entry('month = "2026-09"', f'kind = "{kind}"'), "c.toml")
    assert problems == []
    assert calendar is not None
    assert calendar.entries[0].kind == kind


def test_an_unknown_kind_says_which_are_known() -> None:
    _, problems = parse_calendar(_entry('month = "2026-09"', 'kind = "termijn"'), "c.toml")
    assert [str(p) for p in problems] == [
        "c.toml: entry 'e': kind 'termijn' is not one of \"deadline\", \"happening\", "
        "\"target\", \"fact\"; e.g. kind = \"happening\""
    ]


def _rows(extra: str, when: str, today: date) -> list[Row]:
    calendar, problems = parse_calendar(_entry(when, extra), "c.toml")
    assert problems == []
    assert calendar is not None
    return timeline(calendar, [], today)


def test_a_fact_never_warns() -> None:
    rows = _rows('kind = "fact"', 'date = "2026-10-01"', date(2026, 10, 1))
    assert due_rows(rows, date(2026, 10, 1), within=30) == []


def test_a_happening_warns_on_its_first_day_and_not_on_its_last() -> None:
    rows = _rows('kind = "happening"', 'month = "2026-09"', date(2026, 9, 1))
    assert [warn_day(row) for row in due_rows(rows, date(2026, 9, 1), within=0)] == [
        date(2026, 9, 1)]
    assert due_rows(rows, date(2026, 9, 30), within=0) == []


def test_a_target_warns_on_its_day_and_says_it_is_a_target() -> None:
    rows = _rows('kind = "target"', 'date = "2026-10-01"', date(2026, 9, 30))
    chosen = due_rows(rows, date(2026, 9, 30), within=1)
    assert [row.date for row in chosen] == [date(2026, 10, 1)]
    assert activity_text(chosen[0], "nl") == "Iets (streefdatum)"
    assert activity_text(chosen[0], "en") == "Iets (target)"


@pytest.mark.parametrize(("kind", "label"), [("deadline", None), ("happening", "(gebeurtenis)"),
                                             ("target", "(streefdatum)"), ("fact", "(feit)")])
def test_the_table_names_every_kind_but_a_deadline(kind: str, label: str | None) -> None:
    assert kind_label(kind, "nl") == label
