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
from datetime import UTC, datetime
from typing import NamedTuple

CONTENT = "X-ZINKOOP-CONTENT"
# Bumped whenever the way an event is rendered changes, so that such a change counts as a
# change of every event (a new SEQUENCE: subscribers must fetch the new shape).
RENDER_VERSION = "2"
STAMP_FORMAT = "%Y%m%dT%H%M%SZ"

_EVENT = re.compile(rb"BEGIN:VEVENT\r?\n.*?END:VEVENT\r?\n", re.DOTALL)
_FOLD = re.compile(rb"\r?\n[ \t]")
_UID = re.compile(rb"^UID(?:;[^:\r\n]*)?:([^\r\n]*)", re.MULTILINE | re.IGNORECASE)
# More than nine digits is no SEQUENCE we wrote (and int() refuses over 4,300 digits).
_SEQUENCE = re.compile(rb"^SEQUENCE(?:;[^:\r\n]*)?:[ \t]*([0-9]+)[ \t]*\r?$",
                       re.MULTILINE | re.IGNORECASE)
_STAMP = re.compile(rb"^DTSTAMP(?:;[^:\r\n]*)?:[ \t]*([0-9]{8}T[0-9]{6}Z)[ \t]*\r?$",
                    re.MULTILINE | re.IGNORECASE)
_CONTENT = re.compile(rb"^X-ZINKOOP-CONTENT:([0-9a-f]{32})\r?$", re.MULTILINE | re.IGNORECASE)
_LONGEST_SEQUENCE = 9


class Seen(NamedTuple):
    """One event of the earlier file: enough to number, stamp or carry it over."""

    sequence: int
    stamp: datetime
    digest: str | None  # None: not written by this zinkoop (or unreadable); counts as changed
    block: bytes  # BEGIN:VEVENT ... END:VEVENT, exactly as it was in the file


def digest_of(content: object) -> str:
    """A stable digest of an event's content: the repr of plain values (dates, strings)."""
    text = f"{RENDER_VERSION}\x00{content!r}".encode("utf-8", "surrogatepass")
    return hashlib.blake2b(text, digest_size=16).hexdigest()


def _seen(block: bytes) -> tuple[bytes, Seen] | None:
    text = _FOLD.sub(b"", block)
    uid = _UID.search(text)
    if uid is None:
        return None
    number = _SEQUENCE.search(text)
    digits = number.group(1).lstrip(b"0") if number else b""
    if len(digits) > _LONGEST_SEQUENCE:
        return None  # unreadable: the event starts again as if it were new
    stamp = _STAMP.search(text)
    try:
        when = (datetime.strptime(stamp.group(1).decode("ascii"), STAMP_FORMAT).replace(
            tzinfo=UTC) if stamp else None)
    except ValueError:
        when = None
    content = _CONTENT.search(text)
    digest = content.group(1).decode("ascii").lower() if content and when else None
    return uid.group(1).strip(), Seen(int(digits or b"0"), when or datetime.min.replace(
        tzinfo=UTC), digest, block)


def history_of(data: bytes | None) -> dict[bytes, Seen]:
    """UID -> what an earlier export said of that event. Anything that is not an iCalendar
    file (or no file at all) has no history: its events are new."""
    found: dict[bytes, Seen] = {}
    for match in _EVENT.finditer(data or b""):
        seen = _seen(match.group(0))
        if seen is not None:
            found[seen[0]] = seen[1]
    return found


def carried(seen: Seen) -> bytes | None:
    """The earlier bytes of an unchanged event, if they are as this zinkoop writes them
    (CRLF line ends only); otherwise None, and the event is rendered again."""
    block = seen.block
    if block.count(b"\n") != block.count(b"\r\n"):
        return None
    return block
