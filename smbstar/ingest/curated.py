"""Reading hand-curated CSV files under seeds/curated/, each row citing a document and line."""

from __future__ import annotations

import csv
from pathlib import Path

from smbstar.errors import BuildError
from smbstar.ingest.document import SourceDocument
from smbstar.korean import compact


def read_curated_csv(path: Path, required: tuple[str, ...]) -> list[dict[str, str]]:
    """The rows of a curated CSV (comment lines start with #), with its line number in `_row`."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            lines = [line for line in handle if not line.startswith("#")]
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as exc:
        raise BuildError(f"cannot read {path.name}: {exc}") from exc
    reader = csv.DictReader(lines)
    missing = [column for column in required if column not in (reader.fieldnames or [])]
    if missing:
        raise BuildError(f"{path.name}: missing column(s) {', '.join(missing)}")
    rows = []
    for number, row in enumerate(reader, start=2):
        if None in row:
            raise BuildError(f"{path.name} row {number}: more fields than columns (quote values holding commas)")
        row["_row"] = str(number)
        rows.append(row)
    return rows


def check_cited(path: Path, row: dict[str, str], documents: dict, value: str) -> int:
    """The row's cited line number, after checking that the line exists and holds `value`."""
    document = documents.get(row.get("document", ""))
    where = f"{path.name} row {row['_row']}"
    if document is None:
        raise BuildError(f"{where}: unknown document {row.get('document')!r}")
    try:
        line = int(row["line"])
    except (KeyError, ValueError):
        raise BuildError(f"{where}: line {row.get('line')!r} is not a number") from None
    if not 1 <= line <= len(document):
        raise BuildError(f"{where}: {document.name} has no line {line}")
    if compact(value) not in compact(document.line(line)):
        raise BuildError(f"{where}: {document.name}:{line} does not hold {value!r}")
    return line


def cited_span(path: Path, row: dict, doc: SourceDocument, *values: str, first="line", last="end_line") -> tuple[int, int]:
    """The row's cited lines, after checking that they exist and that together they hold every value.

    Values compare without spaces (a name may break across lines: 김한 / 준 CTO); the first line must hold the
    first character of one of them, so that a row cannot cite from well before its value.
    """
    where = f"{path.name} row {row['_row']}"
    if row.get("document") != doc.name:
        raise BuildError(f"{where}: document {row.get('document')!r} is not {doc.name}")
    try:
        line = int(row[first])
        end_line = int(row.get(last) or line)
    except (KeyError, ValueError):
        raise BuildError(f"{where}: {first}/{last} {row.get(first)!r}/{row.get(last)!r} are not numbers") from None
    if not 1 <= line <= end_line <= len(doc):
        raise BuildError(f"{where}: {doc.name} has no lines {line}-{end_line}")
    held = compact(doc.span(line, end_line))
    for value in values:
        if value and compact(value) not in held:
            raise BuildError(f"{where}: {doc.name}:{line}-{end_line} does not hold {value!r}")
    present = [compact(value) for value in values if value]
    if present and not any(value[0] in compact(doc.line(line)) for value in present):
        raise BuildError(f"{where}: {doc.name}:{line} starts none of {', '.join(map(repr, values))}")
    return line, end_line
