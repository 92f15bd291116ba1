"""Output: one contract for every command.

On a terminal, a Rich table. In a pipe, plain TSV: no header (unless asked), no truncation, no colour, one
record per line, tab, newline and backslash inside values escaped as \\t, \\n and \\\\ (as gh and ripgrep do).
`--format csv|json|jsonl` on demand. JSON is an array (`[]` when empty), UTF-8 with Hangul unescaped. A record's
nested `source` ({"document", "line"}) stays nested in JSON and becomes `document:line` in tabular forms.

Export files (`--export FILE`) are chosen by extension, never overwrite an existing file unless forced, are
written to a temporary file and renamed, and neutralise spreadsheet formulas in CSV and XLSX cells (a cell that
starts with =, +, -, @, tab or CR gets a leading apostrophe, OWASP's advice) so a colleague's Excel does not
execute them. Exported CSV carries a UTF-8 BOM so Excel on Korean Windows reads Hangul; CSV on stdout does not.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from pathlib import Path
from typing import Iterable, TextIO

from smbstar.errors import SmbstarError

FORMATS = ("table", "tsv", "csv", "json", "jsonl")
EXPORT_FORMATS = {".csv": "csv", ".tsv": "tsv", ".json": "json", ".jsonl": "jsonl", ".xlsx": "xlsx"}
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def choose_format(requested: str | None, stream: TextIO) -> str:
    if requested is None:
        return "table" if _is_terminal(stream) else "tsv"
    if requested not in FORMATS:
        raise SmbstarError(f"unknown format {requested!r}; choose one of {', '.join(FORMATS)}")
    return requested


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def cell(value) -> str:
    """A value as text for tabular output."""
    if value is None:
        return ""
    if isinstance(value, dict) and set(value) == {"document", "line"}:
        return f"{value['document']}:{value['line']}"
    if isinstance(value, dict) and set(value) == {"topic", "title"}:  # the linked topic a row came through
        return f"{value['topic']} {value['title']}"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.0f}" if value.is_integer() else repr(value)
    return str(value)


def _tsv_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def neutralise_formula(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def render(
    records: list[dict],
    columns: list[str],
    fmt: str,
    out: TextIO,
    *,
    header: bool = False,
    color: bool = True,
    title: str | None = None,
    highlight: Iterable[str] = (),
) -> None:
    """Write records in fmt to out. `columns` choose and order the fields of table, TSV and CSV output."""
    if fmt == "json":
        out.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "jsonl":
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([cell(record.get(c)) for c in columns] for record in records)
    elif fmt == "tsv":
        if header:
            out.write("\t".join(columns) + "\n")
        for record in records:
            out.write("\t".join(_tsv_escape(cell(record.get(c))) for c in columns) + "\n")
    else:
        _render_table(records, columns, out, color=color, title=title, highlight=highlight)


def _render_table(records, columns, out, *, color, title, highlight) -> None:
    from rich.table import Table
    from rich.text import Text

    console = _console(out, color, soft_wrap=False)
    table = Table(title=title, show_lines=False, header_style="bold")
    for column in columns:
        table.add_column(column, overflow="fold", no_wrap=column in _UNBROKEN)
    terms = [t for t in dict.fromkeys(highlight) if t]
    for record in records:
        row = []
        for column in columns:
            value = record.get(column)
            text = Text(_short_source(value) if column == "source" else _shorten(cell(value)))
            if terms and column in ("title", "snippet", "name"):
                for term in terms:
                    text.highlight_words([term], style="bold yellow", case_sensitive=False)
            row.append(text)
        table.add_row(*row)
    console.print(table)


# Columns a person reads as one token; and how much of a long text a table shows (TSV and JSON show all of it).
_UNBROKEN = {"kind", "score", "source", "year", "email"}
TABLE_TEXT = 70


def _short_source(source) -> str:
    """`000:1736` in a table: the document's number prefix, which `smbstar source` accepts, and the line."""
    if isinstance(source, dict):
        return f"{source['document'].split('_', 1)[0]}:{source['line']}"
    return cell(source)


def _shorten(text: str) -> str:
    return text if len(text) <= TABLE_TEXT else text[: TABLE_TEXT - 1] + "…"


def _console(out: TextIO, color: bool, soft_wrap: bool):
    """A Rich console on out; without colour it writes no escape sequences at all (no bold either)."""
    from rich.console import Console

    if color:
        return Console(file=out, highlight=False, soft_wrap=soft_wrap)
    return Console(file=out, color_system=None, highlight=False, soft_wrap=soft_wrap)


def render_card(card: dict, out: TextIO, fmt: str, color: bool = True) -> None:
    """A technology card: JSON as one object, otherwise a readable text card (Rich on a terminal)."""
    if fmt in ("json", "jsonl"):
        out.write(json.dumps(card, ensure_ascii=False, indent=2 if fmt == "json" else None) + "\n")
        return
    console = _console(out, color, soft_wrap=fmt != "table")
    source = cell(card["source"])
    console.print(f"[bold]{card['id']} {card['title']}[/bold]  ({card['division']} {card['division_name']}, {source})")
    if card.get("field"):
        console.print(f"분야 (field): {card['field']['name']}  ({cell(card['field']['source'])})", markup=False)
    if card["definition"]:
        console.print(card["definition"])
    sections = (
        ("전략기술 후보 (candidates)", card["candidates"], ["number", "title", "source"]),
        ("마일스톤 (milestones)", card["milestones"], ["period", "milestone", "figure_only", "caption", "source"]),
        ("시장 (markets)", card["markets"], ["value_printed", "year", "scope", "source"]),
        ("교수 후보 (professors)", card["professors"], ["name", "institute", "title", "email", "source"]),
        ("수요 기업 (firms)", card["firms"], ["name", "role", "opinion", "source"]),
        ("설문 (survey)", card["survey"], ["technology", "measure", "category", "value", "table", "source"]),
    )
    for heading, records, columns in sections:
        console.print(f"\n[bold]{heading}[/bold]: {len(records)}")
        if records:
            render(records, columns, "table" if fmt == "table" else "tsv", out, color=color)
    console.print(f"\n[bold]관련 자료 (related, other documents)[/bold]: {len(card['related'])}")
    for topic in card["related"]:
        counts = ", ".join(f"{len(topic[part])} {part}" for part in ("firms", "people", "markets", "milestones"))
        console.print(f"  {topic['title']}  ({topic['date'] or '-'}, via {topic['via']}; {counts};"
                      f" {cell(topic['source'])})", markup=False)
        console.print(f"    evidence: {evidence_text(topic['evidence'])}", markup=False)


def evidence_text(evidence: list[dict]) -> str:
    """A link's evidence in a line: `이차전지 title 1 body 79; LFP body 32` or `as part of 002-report-04`."""
    parts = []
    for entry in evidence:
        if "parent" in entry:
            parts.append(f"as part of {entry['parent']}" + (f" ({entry['term']} in its text)" if entry["term"] else ""))
        else:
            counts = " ".join(f"{where} {entry[where]}" for where in ("title", "body") if entry[where])
            parts.append(f"{entry['term']} {counts}")
    return "; ".join(parts)


def export(records: list[dict], columns: list[str], path: Path, force: bool = False) -> None:
    """Write records to path in the format its extension names, atomically; refuse to overwrite unless forced."""
    fmt = EXPORT_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise SmbstarError(f"cannot export to {path.name}: use .csv, .tsv, .json, .jsonl or .xlsx")
    if path.exists() and not force:
        raise SmbstarError(f"{path} exists; use --force to overwrite it")
    if not path.parent.is_dir():
        raise SmbstarError(f"cannot export to {path}: no directory {path.parent}")
    import tempfile

    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        if fmt == "xlsx":
            os.close(handle)
            _write_xlsx(records, columns, Path(temporary))
        else:
            with os.fdopen(handle, "w", encoding="utf-8-sig" if fmt == "csv" else "utf-8", newline="") as out:
                if fmt == "csv":
                    writer = csv.writer(out, lineterminator="\r\n")
                    writer.writerow(columns)
                    writer.writerows(
                        [neutralise_formula(cell(record.get(c))) for c in columns] for record in records
                    )
                else:
                    render(records, columns, fmt, out, header=True)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _write_xlsx(records: list[dict], columns: list[str], path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(columns)
    for record in records:
        row = []
        for column in columns:
            value = record.get(column)
            row.append(value if isinstance(value, (int, float)) and not isinstance(value, bool)
                       else neutralise_formula(cell(value)))
        sheet.append(row)
    workbook.save(path)


def message(text: str) -> None:
    """A note for the person at the terminal, on stderr so it never mixes with data."""
    print(text, file=sys.stderr)
