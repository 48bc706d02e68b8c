"""The kind of a statement: deadline, happening, target or fact; read, defaulted, shown."""

from __future__ import annotations

import pytest

from zinkoop_cli.core.model import default_kind
from zinkoop_cli.loading.parse import parse_calendar

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
