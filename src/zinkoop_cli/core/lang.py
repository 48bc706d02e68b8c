"""The languages, and the Dutch month names policies are read with (render.words has the rest)."""

from __future__ import annotations

from typing import Literal

Lang = Literal["nl", "en"]

MONTHS: dict[Lang, tuple[str, ...]] = {
    "nl": (
        "januari", "februari", "maart", "april", "mei", "juni",
        "juli", "augustus", "september", "oktober", "november", "december",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
}
MONTHS_SHORT: dict[Lang, tuple[str, ...]] = {
    "nl": ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}
# Dutch month names and common abbreviations, for reading dates the way policies write them.
MONTH_NUMBERS: dict[str, int] = {
    **{name: number for number, name in enumerate(MONTHS["nl"], start=1)},
    **{name: number for number, name in enumerate(MONTHS_SHORT["nl"], start=1)},
    "mar": 3, "mei": 5, "sept": 9,
}

# Meteorological seasons: whole months, so a season ends on a month's last day; winter runs
# from December into the next year.
SEASON_MONTHS: dict[str, tuple[int, int]] = {
    "voorjaar": (3, 5), "lente": (3, 5), "zomer": (6, 8), "najaar": (9, 11), "herfst": (9, 11),
    "winter": (12, 2),
}
