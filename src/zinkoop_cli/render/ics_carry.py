"""What an earlier .ics said of each event: its SEQUENCE, its stamp, its content and its bytes.

An export reads the file it replaces so that an event whose content did not change keeps its
SEQUENCE and DTSTAMP (and its very bytes: it is carried over without going through icalendar),
and an event that changed gets the next SEQUENCE and a new stamp. Events we wrote carry
X-ZINKOOP-CONTENT, a digest of everything the event was made from; that is how "did not
change" is known without rendering the event again. No icalendar here: plain bytes.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from zinkoop_cli.core.model import Calendar

CONTENT = "X-ZINKOOP-CONTENT"
# Bumped whenever the way an event is rendered changes, so that such a change counts as a
# change of every event (a new SEQUENCE: subscribers must fetch the new shape).
RENDER_VERSION = "2"

_FOLD = re.compile(rb"\r?\n[ \t]")
# The UID line with its continuation lines (a long UID is folded).
_UID = re.compile(rb"^UID(?:;[^:\r\n]*)?:([^\r\n]*(?:\r?\n[ \t][^\r\n]*)*)",
                  re.MULTILINE | re.IGNORECASE)
_SEQUENCE = re.compile(rb"^SEQUENCE(?:;[^:\r\n]*)?:[ \t]*([0-9]+)[ \t]*\r?$",
                       re.MULTILINE | re.IGNORECASE)
_STAMP = re.compile(rb"^DTSTAMP(?:;[^:\r\n]*)?:[ \t]*([0-9]{8}T[0-9]{6}Z)[ \t]*\r?$",
                    re.MULTILINE | re.IGNORECASE)
# Never folded: 50 octets. A digest that a foreign tool folded only costs a new SEQUENCE.
_CONTENT = re.compile(rb"^X-ZINKOOP-CONTENT:([0-9a-f]{32})\r?$", re.MULTILINE)
# What this zinkoop writes, and nothing else: a block is carried over only if it has these.
_OURS = re.compile(rb"\r\nSEQUENCE:[0-9]{1,9}\r\n(?:.*\r\n)*?DTSTAMP:[0-9]{8}T[0-9]{6}Z\r\n|"
                   rb"\r\nDTSTAMP:[0-9]{8}T[0-9]{6}Z\r\n(?:.*\r\n)*?SEQUENCE:[0-9]{1,9}\r\n")
# More than nine digits is no SEQUENCE we wrote (and int() refuses over 4,300 digits).
_LONGEST_SEQUENCE = 9


class Seen(NamedTuple):
    """An event of the earlier file: its SEQUENCE and DTSTAMP (None: none readable)."""

    sequence: int
    stamp: datetime | None


def digest_of(content: object) -> str:
    """A stable digest of an event's content: the repr of plain values (dates, strings)."""
    text = f"{RENDER_VERSION}\x00{content!r}".encode("utf-8", "surrogatepass")
    return hashlib.blake2b(text, digest_size=16).hexdigest()


def history_of(data: bytes | None) -> dict[bytes, bytes]:
    """UID -> the block (BEGIN:VEVENT ... END:VEVENT) an earlier export wrote for it.
    Anything that is not an iCalendar file (or no file at all) has no history."""
    found: dict[bytes, bytes] = {}
    for block in _blocks(data or b""):
        uid = _UID.search(block)
        if uid is not None:
            found[_FOLD.sub(b"", uid.group(1)).strip()] = block
    return found


def _blocks(data: bytes) -> list[bytes]:
    """The VEVENT blocks, found with bytes.find: a third of the time of a regex over 10,000
    events (what a nightly re-export pays for reading the file it replaces)."""
    found = []
    at = data.find(b"BEGIN:VEVENT")
    while at >= 0:
        end = data.find(b"END:VEVENT", at)
        if end < 0:
            break
        stop = data.find(b"\n", end) + 1 or len(data)
        block = data[at:stop]
        if (at == 0 or data[at - 1] == 0x0A) and block[12:13] in (b"\r", b"\n"):
            found.append(block)
        at = data.find(b"BEGIN:VEVENT", stop)
    return found


def digest_in(block: bytes) -> str | None:
    """The content digest this zinkoop wrote into the event, if any."""
    found = _CONTENT.search(block)
    return found.group(1).decode("ascii") if found else None


def seen_in(block: bytes) -> Seen | None:
    """The event's SEQUENCE and DTSTAMP; None if its SEQUENCE cannot be ours (unreadable)."""
    text = _FOLD.sub(b"", block)
    number = _SEQUENCE.search(text)
    digits = number.group(1).lstrip(b"0") if number else b""
    if len(digits) > _LONGEST_SEQUENCE:
        return None
    stamp = _STAMP.search(text)
    when = None
    if stamp is not None:
        value = stamp.group(1)
        try:
            when = datetime(int(value[0:4]), int(value[4:6]), int(value[6:8]), int(value[9:11]),
                            int(value[11:13]), int(value[13:15]), tzinfo=UTC)
        except ValueError:
            when = None
    return Seen(int(digits or b"0"), when)


def carried(block: bytes) -> bytes | None:
    """The earlier bytes of an unchanged event, if they are as this zinkoop writes them
    (CRLF line ends only, a SEQUENCE and DTSTAMP of ours); otherwise None: render again."""
    if block.count(b"\n") != block.count(b"\r\n") or _OURS.search(block) is None:
        return None
    return block


def stamp_of(calendars: Iterable[Calendar]) -> date:
    """The day new events are stamped with when no clock is given: the data's version, i.e.
    the latest publication day; without any, 1 January of the year before the purchase year
    (a calendar without ``published`` still exports the same bytes every time)."""
    calendars = list(calendars)
    return max((c.published for c in calendars if c.published is not None),
               default=date(min(c.year for c in calendars) - 1, 1, 1))
