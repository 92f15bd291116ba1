"""Hand corrections to the market figures the rules read (seeds/curated/market_corrections.csv).

The rules of quantities.py find the figures of every document and read their values, units and years; what a
figure in running Korean text measures is often said a sentence or a heading away, in words no rule can bind
for sure (`향후 시장 규모`, `각각 매출·수출 … 4.3%p와 9.6%p`). Where a reader found a field wrong, the file says
the right one. A row names a figure by document, line and value as printed (`nth` when the line prints the same
value twice), the field it corrects and the new value; `drop` removes a number that is not a market fact, with
its printed conversion. A correction that no longer matches a figure, or changes nothing, fails the build, so
the file follows the rules as they improve. Words of a corrected subject or scope must be printed near the
figure: a correction names what the document says, never more.
"""

from __future__ import annotations

import re
from pathlib import Path

from smbstar.errors import BuildError
from smbstar.ingest.curated import read_curated_csv
from smbstar.ingest.document import SourceDocument
from smbstar.ingest.quantities import MEASURES
from smbstar.korean import compact
from smbstar.models import MarketFigure

COLUMNS = ("document", "line", "value_printed", "nth", "field", "value", "note")
_NUMBERS = {"value": float, "low": float, "high": float, "year": int, "year_from": int, "year_to": int}
_TEXTS = ("measure", "subject", "scope", "quote", "flag")
_NAMED_BEFORE = 250  # lines before a figure in which the words of its subject or scope must be printed (a table's
_NAMED_AFTER = 5  # column header may stand far above its cells), or after it, before its sentence ends
_QUOTED_WITHIN = 15  # lines around a figure from which a corrected quote may be taken

Key = tuple[str, int, str]


def apply_market_corrections(figures: list[MarketFigure], path: Path,
                             documents: dict[str, SourceDocument]) -> list[MarketFigure]:
    """`figures` with the corrections of `path` made; rows of documents not being built are skipped."""
    by_key: dict[Key, list[MarketFigure]] = {}
    for figure in figures:
        by_key.setdefault((figure.document, figure.line, figure.value_printed), []).append(figure)
    dropped: set[int] = set()
    for row in read_curated_csv(path, COLUMNS):
        document = documents.get(row["document"])
        if document is None:
            continue
        where = f"{path.name} row {row['_row']}"
        figure = _corrected_figure(row, by_key, where)
        field, value = row["field"], row["value"]
        if field == "drop":
            if value:
                raise BuildError(f"{where}: drop takes no value (say why in the note)")
            dropped.add(id(figure))
            continue
        new = _field_value(field, value, where)
        if field in ("subject", "scope"):
            _check_named(document, figure, new, where)
        elif field == "quote":
            _check_quoted(document, figure, new, where)
        if getattr(figure, field) == new:
            raise BuildError(f"{where}: {field} of {figure.value_printed!r} at {figure.document}:{figure.line} "
                             f"is already {value!r}; remove the row")
        setattr(figure, field, new)
    return [figure for figure in figures
            if id(figure) not in dropped and not (figure.converts is not None and id(figure.converts) in dropped)]


def _corrected_figure(row: dict[str, str], by_key: dict[Key, list[MarketFigure]], where: str) -> MarketFigure:
    try:
        key = (row["document"], int(row["line"]), row["value_printed"])
        nth = int(row["nth"] or 0)
    except ValueError:
        raise BuildError(f"{where}: line {row['line']!r} or nth {row['nth']!r} is not a number") from None
    found = by_key.get(key, [])
    if not found:
        raise BuildError(f"{where}: no market figure {key[2]!r} at {key[0]}:{key[1]} (update or remove the row)")
    if not nth and len(found) > 1:
        raise BuildError(f"{where}: {key[0]}:{key[1]} prints {key[2]!r} {len(found)} times; say which with nth")
    if nth > len(found):
        raise BuildError(f"{where}: {key[0]}:{key[1]} prints {key[2]!r} only {len(found)} times")
    return found[max(nth, 1) - 1]


def _field_value(field: str, value: str, where: str):
    if field in _NUMBERS:
        try:
            return _NUMBERS[field](value) if value else None
        except ValueError:
            raise BuildError(f"{where}: {field} {value!r} is not a number") from None
    if field not in _TEXTS:
        raise BuildError(f"{where}: unknown field {field!r} (one of drop, {', '.join([*_TEXTS, *_NUMBERS])})")
    if field == "measure" and value not in MEASURES:
        raise BuildError(f"{where}: measure {value!r} is not one of {', '.join(MEASURES)}")
    return value


def _check_named(document: SourceDocument, figure: MarketFigure, words: str, where: str) -> None:
    printed = compact(document.span(max(1, figure.line - _NAMED_BEFORE),
                                    min(len(document), figure.end_line + _NAMED_AFTER)))
    for word in re.findall(r"\w+", words):
        if compact(word) not in printed:
            raise BuildError(f"{where}: {word!r} is not printed near {document.name}:{figure.line}")


def _check_quoted(document: SourceDocument, figure: MarketFigure, quote: str, where: str) -> None:
    around = compact(document.span(max(1, figure.line - _QUOTED_WITHIN),
                                   min(len(document), figure.end_line + _QUOTED_WITHIN)))
    if compact(figure.value_printed) not in compact(quote) or compact(quote) not in around:
        raise BuildError(f"{where}: the quote is not text of {document.name}:{figure.line} holding "
                         f"{figure.value_printed!r}")
