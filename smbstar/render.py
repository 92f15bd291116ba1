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

import base64
import csv
import gc
import io
import json
import math
import os
import re
import sys
from pathlib import Path
from typing import Iterable, TextIO

from smbstar.errors import SmbstarError
from smbstar.files import mode_for, write_error

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
    if isinstance(value, bytes):
        return "x'" + value.hex() + "'"  # a blob as SQL writes it
    if isinstance(value, dict) and set(value) == {"document", "line"}:
        return f"{value['document']}:{value['line']}"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.0f}" if value.is_integer() else repr(value)
    return str(value)


def _tsv_escape(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return visible(escaped)


# Control characters other than tab and newline: ESC starts the sequences that recolour a terminal, set its title
# or rewrite what it shows; C1 codes (U+0080-U+009F) do the same on many terminals.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """Text with control characters written as \\xNN escapes, so that data cannot drive a terminal."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def to_json(value, indent: int | None = None) -> str:
    """JSON that every parser accepts: a blob as {"$base64": true, "encoded": ...} (as sqlite-utils writes it),
    an infinite or NaN float as null, and C1 control characters escaped like the C0 ones."""
    text = json.dumps(_jsonable(value), ensure_ascii=False, indent=indent, allow_nan=False)
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_C1 = re.compile(r"[\x7f-\x9f]")


def _jsonable(value):
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(item) for item in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, bytes):
        return {"$base64": True, "encoded": base64.b64encode(value).decode("ascii")}
    return value


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
    """Write records in fmt to out as they come. `columns` choose and order the fields of table, TSV and CSV."""
    if fmt == "json":
        out.write("[")
        separator = "\n  "
        for record in records:
            out.write(separator + to_json(record, indent=2).replace("\n", "\n  "))
            separator = ",\n  "
        out.write("]\n" if separator == "\n  " else "\n]\n")
    elif fmt == "jsonl":
        for record in records:
            out.write(to_json(record) + "\n")
    elif fmt == "csv":
        text = visible if _is_terminal(out) else str
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([text(cell(record.get(c))) for c in columns] for record in records)
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
            text = Text(visible(_short_source(value) if column == "source" else _shorten(cell(value))))
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
        out.write(to_json(card, indent=2 if fmt == "json" else None) + "\n")
        return
    from rich.markup import escape

    def text(value) -> str:  # data inside Rich markup: neither markup nor control characters
        return escape(visible(cell(value)))

    console = _console(out, color, soft_wrap=fmt != "table")
    console.print(f"[bold]{text(card['id'])} {text(card['title'])}[/bold]  ({text(card['division'])}"
                  f" {text(card['division_name'])}, {text(card['source'])})")
    if card["definition"]:
        console.print(text(card["definition"]))
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
        console.print(f"  {text(topic['title'])}  ({text(topic['date'] or '-')}, via {text(topic['via'])}; {counts};"
                      f" {text(topic['source'])})")


def export(records: list[dict], columns: list[str], path: Path, force: bool = False) -> None:
    """Write records to path in the format its extension names, atomically; refuse to overwrite unless forced.

    The file gets the mode of the file it replaces, or the user's umask (0644 under 022). A path that cannot be
    used (a directory, a folder without write permission, a name too long) is exit 2; a failed write (a full
    disk) is exit 3; either way no temporary file stays behind."""
    fmt = EXPORT_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise SmbstarError(f"cannot export to {path.name}: use .csv, .tsv, .json, .jsonl or .xlsx")
    import tempfile

    temporary, given = None, path
    try:
        if os.path.lexists(path):  # lexists: a dangling symlink is a file too
            if not force:
                raise SmbstarError(f"{path} exists; use --force to overwrite it")
            # --force replaces a regular file; through a symlink, the file it points to (as `>` would), never
            # the link itself, a device (/dev/stdout) or a directory.
            if not path.resolve().is_file():
                raise SmbstarError(f"cannot export to {path}: not a regular file")
            path = path.resolve()
        if not path.parent.is_dir():
            raise SmbstarError(f"cannot export to {path}: no directory {path.parent}")
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name[:200]}.", dir=path.parent)
        os.fchmod(handle, mode_for(path))
        if fmt == "xlsx":
            with os.fdopen(handle, "wb") as out:
                out.write(_xlsx_bytes(records, columns))
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
    except OSError as exc:
        raise write_error(given, exc) from None
    finally:
        if temporary and os.path.lexists(temporary):
            os.unlink(temporary)


def _xlsx_bytes(records: list[dict], columns: list[str]) -> bytes:
    """Numbers as numbers, everything else as a string cell, which Excel never evaluates (no apostrophe needed);
    control characters (which XML cannot carry) are written as \\xNN."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for number, name in enumerate(columns, start=1):
        _string_cell(sheet, 1, number, name)
    for row, record in enumerate(records, start=2):
        for number, column in enumerate(columns, start=1):
            value = record.get(column)
            if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
                sheet.cell(row, number, value)
            else:
                _string_cell(sheet, row, number, cell(value))
    # Saved in memory and written like the other formats: openpyxl writing a file itself leaves an open zip
    # behind when the disk is full, which complains again when it is collected.
    buffer = io.BytesIO()
    try:
        workbook.save(buffer)
    except OSError as exc:
        # openpyxl streams each sheet through a temporary file of its own; when writing that fails (a full disk),
        # its half-closed streams complain again as they are collected. Let them go quietly; report it once.
        hook, sys.unraisablehook = sys.unraisablehook, lambda unraisable: None
        try:
            exc.__traceback__ = None
            gc.collect()
        finally:
            sys.unraisablehook = hook
        raise OSError(exc.errno, exc.strerror) from None
    return buffer.getvalue()


def _string_cell(sheet, row: int, column: int, text: str) -> None:
    target = sheet.cell(row, column)
    target.value = visible(text)
    target.data_type = "s"


def message(text: str) -> None:
    """A note for the person at the terminal, on stderr so it never mixes with data (control characters of data
    quoted in it escaped; nothing at all when stderr is closed)."""
    if sys.stderr is None:
        return
    try:
        print(visible(text), file=sys.stderr)
    except OSError:  # stderr is a pipe whose reader has gone (`2>&1 | true`): the exit status still tells
        silence(sys.stderr)


def silence(stream) -> None:
    """Point a stream that cannot be written at /dev/null, so that its final flush at exit cannot fail."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass
