"""Hand corrections to rows the rules read (seeds/curated/market_corrections.csv, milestone_corrections.csv).

The rules find the figures and dated targets of every document and read their values, units and dates; what a
figure in running Korean text measures, or who a target is for, is often said a sentence or a heading away, in
words no rule can bind for sure (`향후 시장 규모`, `각각 매출·수출 … 4.3%p와 9.6%p`, a `(SK온)` parent bullet).
Where a reader found a field wrong, the file says the right one. A row names a record by document, line and what
the line prints (a figure's value, a target's date; `nth` when the line prints it twice), the field it corrects
and the new value; `drop` removes a record that is not what its table holds (a figure's printed conversion goes
with it). A correction that no longer matches a record, or changes nothing, fails the build, so the file follows
the rules as they improve. Words of a corrected name must be printed near the record, and corrected text must be
text of its lines: a correction says what the document says, never more.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from smbstar.errors import BuildError
from smbstar.ingest.curated import read_curated_csv
from smbstar.ingest.document import SourceDocument
from smbstar.ingest.money import CURRENCIES
from smbstar.ingest.quantities import MEASURES
from smbstar.korean import compact

_NAMED_BEFORE = 250  # lines before a record in which the words of a corrected name must be printed (a table's
_NAMED_AFTER = 5  # column header may stand far above its cells), or after it, before its sentence ends
_QUOTED_WITHIN = 20  # lines around a record from which corrected text may be taken


@dataclass(frozen=True)
class Correctable:
    """What the corrections of one table may change."""

    key: str  # the column that names a record on its line, as printed
    numbers: dict[str, type]
    texts: tuple[str, ...]
    named: tuple[str, ...]  # fields whose words must be printed near the record
    quoted: tuple[str, ...]  # fields that must be text of the record's lines
    choices: dict[str, tuple[str, ...]] = field(default_factory=dict)


MARKET_FIGURES = Correctable(
    key="value_printed",
    numbers={"value": float, "low": float, "high": float, "year": int, "year_from": int, "year_to": int},
    texts=("measure", "unit", "currency", "subject", "scope", "quote", "flag"),
    named=("subject", "scope"),
    quoted=("quote",),
    choices={"measure": MEASURES, "currency": ("", *sorted(set(CURRENCIES.values())))},
)
MILESTONES = Correctable(
    key="date",
    numbers={"year": int},
    texts=("period", "milestone", "actor", "stage", "budget"),
    named=("actor",),
    quoted=("milestone",),
)


def apply_corrections(records: list, path: Path, documents: dict[str, SourceDocument],
                      table: Correctable) -> list:
    """`records` with the corrections of `path` made; rows of documents not being built are skipped."""
    by_key: dict[tuple[str, int, str], list] = {}
    for record in records:
        by_key.setdefault((record.document, record.line, getattr(record, table.key)), []).append(record)
    dropped: set[int] = set()
    for row in read_curated_csv(path, ("document", "line", table.key, "nth", "field", "value", "note")):
        document = documents.get(row["document"])
        if document is None:
            continue
        where = f"{path.name} row {row['_row']}"
        record = _corrected_record(row, table.key, by_key, where)
        name, value = row["field"], row["value"]
        if name == "drop":
            if value:
                raise BuildError(f"{where}: drop takes no value (say why in the note)")
            dropped.add(id(record))
            continue
        new = _field_value(table, name, value, where)
        if name in table.named:
            _check_named(document, record, new, where)
        elif name in table.quoted:
            _check_quoted(document, record, name, new, getattr(record, table.key) if name == "quote" else "", where)
        if getattr(record, name) == new:
            raise BuildError(f"{where}: {name} of {getattr(record, table.key)!r} at {record.document}:{record.line} "
                             f"is already {value!r}; remove the row")
        setattr(record, name, new)
    return [record for record in records if id(record) not in dropped
            and id(getattr(record, "converts", None)) not in dropped]


def _corrected_record(row: dict[str, str], key_column: str, by_key: dict, where: str):
    try:
        line, nth = int(row["line"]), int(row["nth"] or 0)
    except ValueError:
        line, nth = 0, -1
    if line < 1 or nth < 0:
        raise BuildError(f"{where}: line {row['line']!r} or nth {row['nth']!r} is not a positive whole number")
    key = (row["document"], line, row[key_column])
    found = by_key.get(key, [])
    if not found:
        raise BuildError(f"{where}: the rules read no {key[2]!r} at {key[0]}:{key[1]} (update or remove the row)")
    if not nth and len(found) > 1:
        raise BuildError(f"{where}: {key[0]}:{key[1]} prints {key[2]!r} {len(found)} times; say which with nth")
    if nth > len(found):
        raise BuildError(f"{where}: {key[0]}:{key[1]} prints {key[2]!r} only {len(found)} times")
    return found[max(nth, 1) - 1]


def _field_value(table: Correctable, name: str, value: str, where: str):
    if name in table.numbers:
        try:
            number = table.numbers[name](value) if value else None
        except ValueError:
            number = math.nan
        if number is not None and not math.isfinite(number):
            raise BuildError(f"{where}: {name} {value!r} is not a number")
        return number
    if name not in table.texts:
        raise BuildError(f"{where}: unknown field {name!r} (one of drop, {', '.join([*table.texts, *table.numbers])})")
    if name in table.choices and value not in table.choices[name]:
        raise BuildError(f"{where}: {name} {value!r} is not one of {', '.join(table.choices[name])}")
    return value


def _check_named(document: SourceDocument, record, words: str, where: str) -> None:
    printed = compact(document.span(max(1, record.line - _NAMED_BEFORE),
                                    min(len(document), record.end_line + _NAMED_AFTER)))
    for word in re.findall(r"\w+", words):
        if compact(word) not in printed:
            raise BuildError(f"{where}: {word!r} is not printed near {document.name}:{record.line}")


def _check_quoted(document: SourceDocument, record, name: str, text: str, holding: str, where: str) -> None:
    around = compact(document.span(max(1, record.line - _QUOTED_WITHIN),
                                   min(len(document), record.end_line + _QUOTED_WITHIN)))
    if compact(holding) not in compact(text) or compact(text) not in around:
        held = f" holding {holding!r}" if holding else ""
        raise BuildError(f"{where}: the {name} is not text of {document.name}:{record.line}{held}")
