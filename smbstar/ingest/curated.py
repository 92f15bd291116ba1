"""Reading hand-curated CSV files under seeds/curated/, each row citing a document and line."""

from __future__ import annotations

import csv
from pathlib import Path

from smbstar.errors import BuildError
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
