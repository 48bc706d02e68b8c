"""The renderer registry: one renderer per format, the same names the options offer."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest

from zinkoop_cli.app.calendars import deadlines, list_calendars
from zinkoop_cli.cli.options import Format, ListFormat
from zinkoop_cli.cli.track_cmd import TrackFormat
from zinkoop_cli.core.selection import Selection
from zinkoop_cli.render import formats

TODAY = date(2026, 10, 29)


def test_every_format_an_option_offers_has_a_renderer() -> None:
    assert set(formats.TIMELINE) == {f.value for f in Format}
    assert set(formats.ALERTS) == {f.value for f in ListFormat}
    assert set(formats.CALENDARS) == {f.value for f in ListFormat}
    assert set(formats.CONTRACTS) == {f.value for f in TrackFormat}


@pytest.mark.parametrize("name", sorted(formats.TIMELINE))
def test_each_timeline_renderer_writes_whole_lines(name: str) -> None:
    found = deadlines([], "msz", 2027, TODAY, {}, Selection())
    out = io.StringIO()
    formats.TIMELINE[name](TODAY, found.calendars, found.rows, "nl", out)
    text = out.getvalue()
    assert text.endswith("\n")
    if name == "json":
        assert len(json.loads(text)["entries"]) == len(found.rows)
    else:
        assert "Zorgverzekeraar" in text or "zorgverzekeraar" in text


def test_calendars_json_lists_them_all() -> None:
    out = io.StringIO()
    found = list_calendars([])
    formats.CALENDARS["json"](found, out)
    assert [c["id"] for c in json.loads(out.getvalue())["calendars"]] == [c.id for c in found]
