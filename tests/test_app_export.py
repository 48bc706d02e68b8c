"""The export use case without the CLI: files to write as path and bytes, none written."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from zinkoop_cli.app import tracking
from zinkoop_cli.app.export import Style, export_all, export_one, file_name
from zinkoop_cli.app.tracking import Where
from zinkoop_cli.core.selection import Selection
from zinkoop_cli.errors import UsageError

TODAY = date(2026, 10, 29)


def nothing(path: Path) -> bytes | None:
    return None


@pytest.fixture
def where(tmp_path: Path) -> Where:
    return Where(str(tmp_path / "ledger.db"), {})


def test_one_calendar_to_bytes(where: Where, tmp_path: Path) -> None:
    target = tmp_path / "msz.ics"
    file = export_one(where, "msz", 2027, target, TODAY, {}, Selection(), Style("nl", None),
                      nothing)
    assert file.path == target
    assert file.data.startswith(b"BEGIN:VCALENDAR")
    assert file.data.count(b"BEGIN:VEVENT") == file.events
    assert "ondertekening-zorgovereenkomst" in {row.key for row in file.left_out}
    assert not target.exists()


def test_tracked_contracts_add_their_open_deadlines(where: Where) -> None:
    tracking.add(where, "msz", 2027, "Oost", None, {"ontvangst": date(2026, 9, 20)}, None)
    plain = export_one(where, "msz", 2027, None, TODAY, {}, Selection(), Style("nl", None),
                       nothing)
    tracked = export_one(where, "msz", 2027, None, TODAY, {}, Selection(),
                         Style("nl", None, tracked=True), nothing)
    assert tracked.events == plain.events + 1
    assert b"Oost" in tracked.data


def test_all_calendars_one_file_each(where: Where, tmp_path: Path) -> None:
    files = export_all(where, tmp_path / "out", TODAY, {}, Selection(), Style("en", None),
                       nothing)
    assert files
    assert all(f.path is not None and f.path.parent == tmp_path / "out" for f in files)
    assert len({f.path for f in files}) == len(files)
    assert not (tmp_path / "out").exists(), "the use case writes nothing"
    names = {f.path.name for f in files if f.path is not None}
    assert "zorg-en-zekerheid-msz-2027.ics" in names
    assert "zorg-en-zekerheid-algemeen-2027.ics" not in names, "inherited: in msz's file"


def test_file_names_are_flat(where: Where) -> None:
    from zinkoop_cli.app.calendars import load_catalog

    calendar = load_catalog([]).calendars["zorg-en-zekerheid/msz-2027"]
    assert file_name(calendar) == "zorg-en-zekerheid-msz-2027.ics"


def test_a_condition_no_calendar_has_is_a_usage_error(where: Where, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="--condition 'geen'"):
        export_all(where, tmp_path, TODAY, {}, Selection(condition="geen"), Style("nl", None),
                   nothing)


def test_carried_events_are_the_bytes_a_full_render_gives(where: Where) -> None:
    """Issue 13: carrying unchanged events over changes no byte, tracked contracts included."""
    from datetime import UTC, datetime

    from zinkoop_cli.render.ics import Reminder

    for provider, day in (("Oost", date(2026, 9, 20)), ("West", date(2026, 8, 1))):
        tracking.add(where, "msz", 2027, provider, None, {"ontvangst": day}, None)
    first_style = Style("nl", Reminder(), tracked=True, now=datetime(2026, 10, 1, tzinfo=UTC))
    first = export_one(where, "msz", 2027, None, TODAY, {}, Selection(), first_style, nothing)
    tracking.add(where, "msz", 2027, "West", None, {"ontvangst": date(2026, 8, 3)}, None)
    later = first_style._replace(now=datetime(2026, 10, 2, tzinfo=UTC))

    def again(style: Style) -> bytes:  # over the first file, as at the same -o path
        return export_one(where, "msz", 2027, Path("msz.ics"), TODAY, {}, Selection(), style,
                          lambda path: first.data).data

    carried, scratch = again(later), again(later._replace(carry=False))
    assert carried == scratch
    assert carried.count(b"SEQUENCE:1\r\n") == 1  # West's signing deadline moved
    assert carried.count(b"DTSTAMP:20261002T000000Z") == 1
