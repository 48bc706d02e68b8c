"""Text from files and ledgers made safe to show: control characters become visible.

An activity or a provider name can hold an escape or a bell character (a copy from a PDF, a
CSV someone else wrote). Passed to a terminal as it is, ESC starts a control sequence that
can recolour, move or hide the output; in a mail it is garbage. Each such character becomes
one visible symbol of the same width, so layouts computed on the text stay right.
"""

from __future__ import annotations

import re

# C0 controls as the Unicode "control pictures" (ESC -> U+241B), DEL as U+2421; newline is
# kept (layouts split on it), a tab becomes a space. C1 controls and the bidirectional
# overrides (which can reorder what a reader sees) become U+FFFD.
_VISIBLE: dict[int, str] = {code: chr(0x2400 + code) for code in range(0x20)}
_VISIBLE[0x0A] = "\n"
_VISIBLE[0x09] = " "
_VISIBLE[0x7F] = "\u2421"
_VISIBLE.update(dict.fromkeys(range(128, 160), "�"))
_VISIBLE.update(dict.fromkeys((*range(8234, 8239), *range(8294, 8298)), "�"))


# What ``_VISIBLE`` changes; searched first, because str.translate with a mapping is slow and
# warn prints thousands of lines that hold none of these.
_CONTROL = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_VISIBLE)
                                    if chr(code) != _VISIBLE[code]) + "]")


def visible(text: str) -> str:
    """``text`` with every control character shown as a visible symbol."""
    return text.translate(_VISIBLE) if _CONTROL.search(text) else text
