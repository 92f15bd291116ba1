"""Dates as printed in Korean reports, normalised: 2025.1.15, 2025년 1월, '28년, 올해, 내년, 2030년대."""

from __future__ import annotations

import re

_FULL = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[.\-/년]\s*(\d{1,2})\s*[.\-/월]\s*(\d{1,2})(?!\d)")
_MONTH = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*(?:[.\-/]|년\s*)(\d{1,2})(?:월|\.|(?!\d))")
_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d{2})(?:년|\b)")
_SHORT_YEAR = re.compile(r"['’‘](\d{2})(?:년|\b)")
_BARE_MONTH = re.compile(r"^\s*(\d{1,2})\s*월")  # `신설(9월)`: a month of the document's own year
_BARE_HALF = re.compile(r"^\s*[上下]\s*$")  # `구축(上)`: a half of it
_RELATIVE = {"올해": 0, "금년": 0, "내년": 1, "명년": 1, "작년": -1, "지난해": -1, "전년": -1, "내후년": 2}


def normalise_date(printed: str, document_year: int | None = None) -> tuple[str, int | None]:
    """(ISO date, year-month or year; the year) of the first date in `printed`, ("", None) if none.

    Relative years (올해, 내년, 작년), a bare month (9월) and a bare half (上, 下) are resolved against
    `document_year`, the year the document was published.
    """
    if match := _FULL.search(printed):
        year, month, day = (int(g) for g in match.groups())
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year:04d}-{month:02d}-{day:02d}", year
    if match := _MONTH.search(printed):
        year, month = int(match.group(1)), int(match.group(2))
        if 1 <= month <= 12:
            return f"{year:04d}-{month:02d}", year
    if match := _YEAR.search(printed):
        return match.group(1), int(match.group(1))
    if match := _SHORT_YEAR.search(printed):
        year = 2000 + int(match.group(1))
        return str(year), year
    if document_year is not None:
        if (match := _BARE_MONTH.match(printed)) and 1 <= int(match.group(1)) <= 12:
            return f"{document_year:04d}-{int(match.group(1)):02d}", document_year
        if _BARE_HALF.match(printed):
            return str(document_year), document_year
        for word in sorted(_RELATIVE, key=len, reverse=True):
            if word in printed:
                year = document_year + _RELATIVE[word]
                return str(year), year
    return "", None
