"""Output: one contract for every command.

On a terminal, a Rich table. In a pipe, plain TSV: no header (unless asked), no truncation, no colour, one
record per line, tab, newline and backslash inside values escaped as \\t, \\n and \\\\ (as gh and ripgrep do).
`--format csv|json|jsonl` on demand. JSON is an array (`[]` when empty), UTF-8 with Hangul unescaped. TSV and CSV
carry every key of the JSON, a nested object as `key.sub` columns and a `source` ({"document", "line"}) as
`document:line`.

Control characters of the data (ESC, BEL, C1 codes) never reach a terminal raw: tables, TSV and CSV on a terminal
write them as \\xNN, JSON as \\u00NN, and no data is read as Rich markup.

Export files (`--export FILE`) are chosen by extension, never overwrite an existing file unless forced, are
written to a temporary file and renamed with the user's umask, and neutralise spreadsheet formulas: a CSV cell
that starts with =, +, -, @, tab or CR gets a leading apostrophe (OWASP's advice) so a colleague's Excel does not
execute it; an XLSX text is a string cell, which Excel never evaluates. Exported CSV carries a UTF-8 BOM so Excel
on Korean Windows reads Hangul; CSV on stdout does not.
"""

from __future__ import annotations

import base64
import csv
import errno
import gc
import io
import itertools
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
    chosen = requested.strip().lower()
    if chosen not in FORMATS:
        raise SmbstarError(f"unknown format {requested!r}; choose one of {', '.join(FORMATS)}")
    return chosen


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
    if isinstance(value, list):
        if all(not isinstance(item, (dict, list)) for item in value):
            return "; ".join(cell(item) for item in value)
        return to_json(value)
    return str(value)


def flat(record: dict) -> dict:
    """A record as the tabular formats carry it: every key of its JSON, a nested object's keys as `key.sub`
    columns (a `source` stays one `document:line` column, which `smbstar source` reads)."""
    row = {}
    for key, value in record.items():
        if isinstance(value, dict) and set(value) != {"document", "line"}:
            row.update({f"{key}.{sub}": item for sub, item in flat(value).items()})
        else:
            row[key] = value
    return row


def flat_columns(records: list[dict]) -> list[str]:
    """Every column of the flattened records, in the order of their first appearance."""
    return list(dict.fromkeys(key for record in records for key in flat(record)))


def _flat_rows(records: Iterable[dict]) -> tuple[list[str], Iterable[dict]]:
    """The columns and flattened rows of records. A list gives every key of any record; rows streamed as they
    come (`smbstar sql`) are alike, and the first one names the columns."""
    if isinstance(records, list):
        return flat_columns(records), (flat(record) for record in records)
    rows = (flat(record) for record in records)
    first = next(rows, None)
    if first is None:
        return [], iter(())
    return list(first), itertools.chain([first], rows)


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
    text = json.dumps(_each_leaf(value, _jsonable), ensure_ascii=False, indent=indent, allow_nan=False)
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_C1 = re.compile(r"[\x7f-\x9f]")


def _jsonable(value):
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, bytes):
        return {"$base64": True, "encoded": base64.b64encode(value).decode("ascii")}
    return value


def _each_leaf(value, change):
    """value with change applied to every leaf of its dicts and lists."""
    if isinstance(value, dict):
        return {key: _each_leaf(item, change) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_each_leaf(item, change) for item in value]
    return change(value)


def neutralise_formula(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def render(
    records: Iterable[dict],
    columns: list[str],
    fmt: str,
    out: TextIO,
    *,
    header: bool = False,
    color: bool = True,
    highlight: Iterable[str] = (),
    wide: bool = False,
    footer: str | None = None,
) -> None:
    """Write records in fmt to out as they come. TSV and CSV carry every key of the JSON (flattened); `columns`
    are what a table on a terminal shows of them."""
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
    elif fmt in ("csv", "tsv"):
        keys, rows = _flat_rows(records)
        if fmt == "csv":
            text = visible if _is_terminal(out) else str
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(keys)
            writer.writerows([text(cell(row.get(c))) for c in keys] for row in rows)
            return
        if header:
            out.write("\t".join(keys) + "\n")
        for row in rows:
            out.write("\t".join(_tsv_escape(cell(row.get(c))) for c in keys) + "\n")
    else:
        _render_table(list(records), columns, out, color=color, highlight=highlight, wide=wide, footer=footer)


# A table on a terminal: one line a record, fitted to the terminal's width. A column with the same value on every
# row is said once above the table, a column empty on every row is left out, and long texts are cut with an
# ellipsis, the widest column first (`--wide` wraps them instead; TSV, CSV and JSON always carry all of it).
_GAP = 2  # between two columns: the (blank) column rule and one cell of padding
_MIN_WIDTH = 8  # a shortened column keeps at least this many cells (or its header's width)
_MIN_WRAPPED = 6  # a wrapped column (--wide) keeps at least three Hangul syllables a line (a name)
_WHOLE = {"id", "source", "email", "value", "year"}  # never cut, nor are numbers: a cut id, citation, address,
# amount ("73억 유…") or period ("2017~20…") misleads
# Columns a narrow terminal goes without, first to last, when the others cannot fit at their floors.
_FIRST_TO_GO = ("lab", "title", "role", "currency", "caption", "scope", "quote", "detail", "publisher")
# Numbers a person reads as labels, not quantities: no thousands separators (also end_line, year_from, ..._id).
_LABEL_NUMBERS = {"year", "line", "lines", "number", "id", "table"}


def _render_table(records, columns, out, *, color, highlight, wide, footer) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    console = _console(out, color, soft_wrap=False)
    rows = [{c: _display(record.get(c), c) for c in columns} for record in records]
    shown = [c for c in columns if any(row[c] for row in rows)]
    said_once = [c for c in shown if len(rows) > 2 and len({row[c] for row in rows}) == 1]
    if len(said_once) == len(shown):  # rows that differ in nothing shown: keep them a table
        said_once = []
    shown = [c for c in shown if c not in said_once]
    for column in said_once:
        console.print(Text(f"{column}: {rows[0][column]}", style="dim"))
    left_out = []
    widths, fits = _fit_widths(rows, shown, console.width, wide)
    while not fits and (column := _next_to_leave_out(rows, shown)):
        left_out.append(column)
        shown.remove(column)
        widths, fits = _fit_widths(rows, shown, console.width, wide)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold", padding=(0, 1, 0, 0))
    for index, column in enumerate(shown):
        justify = "right" if _is_quantity(records, column) else "left"
        # --wide wraps a long text at spaces within the same widths, where the default cuts it with an ellipsis.
        whole = widths[index] == _cells_of(rows, column)
        table.add_column(column, width=widths[index], no_wrap=whole or not wide,
                         overflow="fold" if wide else "ellipsis", justify=justify)
    terms = [t for t in dict.fromkeys(highlight) if t]
    for row in rows:
        texts = []
        for index, column in enumerate(shown):
            text = Text(row[column] if wide else shorten(row[column], widths[index]))
            if terms and column in ("title", "snippet", "name"):
                text.highlight_words(terms, style="bold yellow", case_sensitive=False)
            texts.append(text)
        table.add_row(*texts)
    console.print(table)
    notes = [footer] if footer else []
    if left_out:
        notes.append(f"not shown at this width: {', '.join(left_out)} ({'' if wide else '--wide, or '}--format json)")
    for note in notes:
        console.print(Text(note, style="dim"))


def _display(value, column: str) -> str:
    """A value as a table cell: sources as `000:1736`, quantities with thousands separators, one line, control
    characters escaped."""
    if column == "source":
        return visible(_short_source(value))
    if _is_quantity([{column: value}], column):
        return f"{value:,.0f}" if math.isfinite(value) and float(value).is_integer() else f"{value:,}"
    return visible(" ".join(cell(value).split()))


def _is_quantity(records: list[dict], column: str) -> bool:
    values = [record.get(column) for record in records if record.get(column) not in (None, "")]
    label = column in _LABEL_NUMBERS or column.endswith(("_line", "_id", "_year")) or column.startswith("year_")
    return bool(values) and not label and all(
        isinstance(value, (int, float)) and not isinstance(value, bool) for value in values)


def _cells(text: str) -> int:
    from rich.cells import cell_len

    return cell_len(text)


def shorten(text: str, width: int) -> str:
    """text cut to `width` cells with an ellipsis. Rich pads a wide (Hangul) character that does not fit with a
    space, leaving "핵 …"; this ends on the last character that fits: "핵심…"."""
    from rich.cells import cell_len

    if cell_len(text) <= width:
        return text
    kept, used = [], 0
    for char in text:
        used += cell_len(char)
        if used > width - 1:
            break
        kept.append(char)
    return "".join(kept).rstrip() + "…"


def _cells_of(rows: list[dict], column: str) -> int:
    """The width a column needs to show every value and its header whole."""
    return max([_cells(column)] + [_cells(row[column]) for row in rows])


def _fit_widths(rows: list[dict], columns: list[str], width: int, wide: bool) -> tuple[list[int], bool]:
    """Column widths that fit `width`: the widest columns give way first, down to a floor each (the header's
    width, and at least _MIN_WIDTH for a cut text or _MIN_WRAPPED for a wrapped one); and whether the floors fit (if not, a column is better left
    out than every column squeezed, ids and addresses broken)."""
    widths = [_cells_of(rows, column) for column in columns]
    floors = [w if column in _WHOLE or all(_is_number(row[column]) for row in rows)
              else min(w, max(_cells(column), _MIN_WRAPPED if wide else _MIN_WIDTH)) for column, w in zip(columns, widths)]
    excess = sum(widths) + _GAP * (len(columns) - 1) - width
    if sum(floors) + _GAP * (len(columns) - 1) > width:
        return widths, False
    while excess > 0:
        shrinkable = [i for i, w in enumerate(widths) if w > floors[i]]
        if not shrinkable:
            break
        widths[max(shrinkable, key=lambda i: widths[i])] -= 1
        excess -= 1
    return widths, True


def _next_to_leave_out(rows: list[dict], columns: list[str]) -> str | None:
    """The column a table too wide for the terminal goes without: the next of _FIRST_TO_GO, else the one filled
    in the fewest rows (the rightmost of equals), never the first column, an id, a source or an address."""
    for column in _FIRST_TO_GO:
        if column in columns:
            return column
    candidates = [column for column in columns[1:] if column not in _WHOLE]
    if not candidates:
        return None
    return min(reversed(candidates), key=lambda column: sum(1 for row in rows if row[column]))


def _is_number(text: str) -> bool:
    return text.replace(",", "").replace(".", "", 1).lstrip("-").isdigit() or not text


def _short_source(source) -> str:
    """`000:1736` in a table: the document's number prefix, which `smbstar source` accepts, and the line."""
    if isinstance(source, dict):
        return f"{source['document'].split('_', 1)[0]}:{source['line']}"
    return cell(source)


def _console(out: TextIO, color: bool, soft_wrap: bool):
    """A Rich console on out; without colour it writes no escape sequences at all (no bold either)."""
    from rich.console import Console

    class PipeConsole(Console):
        def on_broken_pipe(self) -> None:
            # Rich's own handling exits 1, the "no results" code; the CLI edge makes a closed pipe exit 0.
            raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))

    # markup=False: a title or a firm's name in brackets ([link=...]) is text, never Rich markup.
    if color:
        return PipeConsole(file=out, highlight=False, soft_wrap=soft_wrap, markup=False)
    return PipeConsole(file=out, color_system=None, highlight=False, soft_wrap=soft_wrap, markup=False)


# How much of each section a card shows; the rest is one command away (`smbstar milestones --tech II-2`, ...).
CARD_ROWS = {"milestones": 8, "markets": 5, "firms": 8, "related": 8}
CARD_DEFINITION = 240  # characters of the definition a card shows
CARD_LABEL = 24  # cells of a card line's label (a period, a firm's name)
_STAGES = "개발 단계"
_SUPPORT = "지원 필요성"
_COOPERATION = "협력 필요성"
_SCALE = 7  # the survey's support and cooperation questions are on a 7-point scale


def render_card(card: dict, out: TextIO, color: bool = True, wide: bool = False) -> None:
    """A technology card as a digest a person reads top to bottom: each section shortened to its main rows, the
    survey as bar charts, and for each section the command that gives all of it. `--format json` has everything."""
    from rich.text import Text

    card = _each_leaf(card, lambda value: visible(value) if isinstance(value, str) else value)
    console = _console(out, color, soft_wrap=False)
    identifier = card["id"]

    def heading(title: str, count: int | None = None) -> None:
        console.print()
        console.print(Text.assemble((title, "bold"), f"  {count}" if count is not None else ""))

    def more(section: str, shown: int, command: str) -> None:
        rest = len(card[section]) - shown
        if rest > 0:
            console.print(Text(f"  … {rest} more: smbstar {command}", style="dim"))

    console.print(Text.assemble((f"{identifier} {card['title']}", "bold"),
                                (f"  {card['division']} {card['division_name']} · {_short_source(card['source'])}",
                                 "dim")))
    if card.get("field"):
        console.print(Text(f"분야 field: {card['field']['name']} · {_short_source(card['field']['source'])}",
                           style="dim"))
    definition = " ".join((card["definition"] or "").split())
    if definition:
        console.print(definition if wide or len(definition) <= CARD_DEFINITION
                      else definition[: CARD_DEFINITION - 1] + "…", soft_wrap=False)

    heading("전략기술 후보 candidates", len(card["candidates"]))
    _card_lines(console, [(f"{c['number']}.", c["title"], c["source"]) for c in card["candidates"]], wide)

    heading("마일스톤 milestones", len(card["milestones"]))
    timeline = sorted(card["milestones"], key=lambda m: (m["year"] or 9999, m["source"]["line"]))
    shown = timeline[: CARD_ROWS["milestones"]]
    _card_lines(console, [("figure" if m["figure_only"] else (m["period"] or str(m["year"] or "")),
                           m["caption"] if m["figure_only"] else m["milestone"], m["source"]) for m in shown], wide)
    more("milestones", len(shown), f"milestones --tech {identifier}")

    heading("시장 markets", len(card["markets"]))
    shown = _main_markets(card["markets"], CARD_ROWS["markets"])
    _card_lines(console, [(m["value_printed"], " · ".join(filter(None, [str(m["year"] or ""), m["scope"], m["quote"]])),
                           m["source"]) for m in shown], wide)
    more("markets", len(shown), f"markets --tech {identifier}")

    heading("교수 후보 professors", len(card["professors"]))
    if card["professors"]:
        render(card["professors"], ["name", "title", "institute", "lab", "field", "expertise", "email", "source"],
               "table", out, color=color, wide=wide)
    else:
        from smbstar.queries import no_professors_note

        console.print("  " + no_professors_note("this area", card.get("nearest_area_with_professors")))

    heading("수요 기업 firms", len(card["firms"]))
    shown = card["firms"][: CARD_ROWS["firms"]]
    _card_lines(console, [(f["name"], f["opinion"] or f["role"], f["source"]) for f in shown], wide)
    more("firms", len(shown), f"firms --tech {identifier}")

    heading("설문 survey", len(card["survey"]))
    _survey_charts(console, card["survey"])
    if card["survey"]:
        console.print(Text(f"  every number, with its table and line: smbstar survey --tech {identifier}",
                           style="dim"))

    heading("관련 자료 related topics (other documents)", len(card["related"]))
    shown = card["related"][: CARD_ROWS["related"]]
    _card_lines(console, [(t["date"] or "-", f"{t['title']} (" + "; ".join(
        [f"{len(t[part])} {part}" for part in ("firms", "people", "markets", "milestones") if t[part]]
        + [f"evidence: {t['why']}"]) + ")", t["source"]) for t in shown], wide)
    more("related", len(shown), f"tech show {identifier} --section related")


def _main_markets(markets: list[dict], count: int) -> list[dict]:
    """The figures a card shows: one per cited line (a series printed as a figure gives its latest year), those
    the text dates and places (세계, 국내 …) first, in the document's order."""
    latest: dict[tuple, dict] = {}
    for market in markets:
        place = (market["source"]["document"], market["source"]["line"])
        if place not in latest or (market["year"] or 0) > (latest[place]["year"] or 0):
            latest[place] = market
    return sorted(latest.values(), key=lambda m: (not (m["year"] and m["scope"]), m["source"]["document"],
                                                  m["source"]["line"]))[:count]


def _card_lines(console, lines: list[tuple[str, str, dict]], wide: bool) -> None:
    """Lines of a card section: a label, a text cut to the width (whole with --wide), the source (control
    characters escaped)."""
    from rich.table import Table

    if not lines:
        return
    labels = [visible(" ".join((label or "").split())) for label, _, _ in lines]
    sources = [visible(_short_source(source)) for _, _, source in lines]
    label_width = min(max(_cells(label) for label in labels), CARD_LABEL)
    source_width = max(_cells(source) for source in sources)
    table = Table(box=None, show_header=False, show_edge=False, pad_edge=False, padding=(0, 1))
    text_width = max(console.width - label_width - source_width - 2 * 2, _MIN_WIDTH)
    table.add_column(no_wrap=True, overflow="ellipsis", width=label_width)
    table.add_column(overflow="fold" if wide else "ellipsis", no_wrap=not wide, width=text_width)
    table.add_column(no_wrap=True, style="dim", width=source_width)
    for label, (_, text, _), source in zip(labels, lines, sources):
        text = visible(" ".join((text or "").split()))
        table.add_row(shorten(label, label_width), text if wide else shorten(text, text_width), source)
    console.print(table)


def _survey_charts(console, survey: list[dict]) -> None:
    """The survey of an area as bars: firms per 개발 단계, and the mean need for each kind of support and for
    cooperation (7-point scale), per surveyed technology."""
    from rich.bar import Bar
    from rich.table import Table
    from rich.text import Text

    for technology in dict.fromkeys(row["technology"] for row in survey):
        rows = [row for row in survey if row["technology"] == technology]
        console.print(Text(f"  {technology}", style="italic"))
        charts = []
        stages = [row for row in rows if row["measure"] == _STAGES]
        total = next((row for row in stages if row["category"] == "전체"), None)
        if total and total["value"]:
            charts.append((f"{_STAGES} (firms, of {total['value']:.0f}; {total['table']})", total["value"],
                           [(row["category"], row["value"], f"{row['value']:.0f}") for row in stages if row is not total]))
        for measure in (_SUPPORT, _COOPERATION):
            first = next((row for row in rows if row["measure"] == measure), None)
            means = [row for row in rows if row["measure"] == measure and row["table"] == (first or {}).get("table")]
            if means:
                charts.append((f"{measure} (mean of {_SCALE}; {first['table']})", _SCALE,
                               [(row["category"], row["value"], f"{row['value']:.2f}") for row in means]))
        for title, size, bars in charts:
            console.print(f"  {title}")
            grid = Table.grid(padding=(0, 1))
            grid.add_column(no_wrap=True)
            grid.add_column(width=30)
            grid.add_column(justify="right")
            for label, value, printed in bars:
                grid.add_row(f"    {label}", Bar(size, 0, value, width=30, color="cyan"), printed)
            console.print(grid)


def export(records: list[dict], columns: list[str], path: Path, force: bool = False) -> None:
    """Write records to path in the format its extension names, atomically; refuse to overwrite unless forced.
    CSV and XLSX have the (flattened) `columns`; TSV, JSON and JSONL carry every key as on stdout.

    The file gets the mode of the file it replaces, or the user's umask (0644 under 022). A path that cannot be
    used (a directory, a folder without write permission, a name too long) is exit 2; a failed write (a full
    disk) is exit 3; either way no temporary file stays behind."""
    fmt = EXPORT_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise SmbstarError(f"cannot export to {path}: use .csv, .tsv, .json, .jsonl or .xlsx")
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
                        [neutralise_formula(cell(flat(record).get(c))) for c in columns] for record in records
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
        values = flat(record)
        for number, column in enumerate(columns, start=1):
            value = values.get(column)
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


_CURRENCY_WORDS = {"KRW": "원", "USD": "달러", "EUR": "유로", "JPY": "엔", "CNY": "위안", "GBP": "파운드", "AUD": "호주달러",
                   "CAD": "캐나다달러"}
_COUNTED_UNITS = {"명", "회선", "가구", "개사", "개소", "대", "건", "곳", "기", "척"}


def readable_value(figure: dict) -> str:
    """A market figure's value as people read it: 6조 6,500억 원, 67.8억 달러, 46.2%, 547만 6,055명, 6위, 2배;
    a range as its two ends (3,000만~5,000만 원); the source's flag marked with ⚠."""
    value, unit, currency = figure.get("value"), figure.get("unit") or "", figure.get("currency") or ""
    if value is None:
        text = figure.get("value_printed") or ""
    else:
        low, high = figure.get("low"), figure.get("high")
        ends = (low, high) if low is not None and high is not None else (value,)
        if currency:
            per = unit[unit.index("/"):] if "/" in unit else ""
            word = _CURRENCY_WORDS.get(currency, currency)
            text = "~".join(_korean_number(v, exact=currency == "KRW") for v in ends) + f" {word}{per}"
        elif unit in ("%", "%p"):
            text = "~".join(f"{v:g}" for v in ends) + unit
        elif unit in _COUNTED_UNITS:
            text = "~".join(_korean_number(v, exact=True) for v in ends) + unit
        else:  # a rank, a multiple, a volume: 6위, 2배, 30만 2,278 TB
            text = "~".join(_korean_number(v, exact=True) if v >= 10_000 else f"{v:g}" for v in ends)
            text += f" {unit}" if unit.isascii() else unit
    return f"⚠ {text}" if figure.get("flag") else text


def readable_year(figure: dict) -> str:
    """A figure's year, or its period as 2017~2025."""
    if figure.get("year") is not None:
        return str(figure["year"])
    if figure.get("year_from") is not None:
        return f"{figure['year_from']}~{figure['year_to']}"
    return ""


def _korean_number(value: float, exact: bool) -> str:
    """6650000000000 -> 6조 6,500억 (exact: every 만 group); 6783000000 -> 67.8억 (one decimal of the top unit)."""
    if abs(value) < 10_000:
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    if not exact:
        for size, word in ((10**12, "조"), (10**8, "억"), (10**4, "만")):
            if abs(value) >= size:
                return f"{value / size:,.1f}".rstrip("0").rstrip(".") + word
    groups, rest = [], round(value)
    for size, word in ((10**12, "조"), (10**8, "억"), (10**4, "만")):
        if rest >= size:
            groups.append(f"{rest // size:,}{word}")
            rest %= size
    if rest:
        groups.append(f"{rest:,}")
    return " ".join(groups)


def render_timeline(milestones: list[dict], out: TextIO, color: bool = True, wide: bool = False) -> None:
    """Milestones on a terminal as a timeline: a year heading, then each target of that year, labelled with its
    stage or period, with its actor and budget; undated stages and figure-only roadmaps last."""
    from itertools import groupby

    from rich.text import Text

    console = _console(out, color, soft_wrap=False)
    for year, group in groupby(milestones, key=lambda m: m["year"]):
        console.print(Text(str(year) if year is not None else "연도 없음 (undated)", style="bold"))
        lines = []
        for milestone in group:
            if milestone["figure_only"]:
                lines.append(("figure", milestone["caption"], milestone["source"]))
                continue
            details = [milestone[key] for key in ("actor", "budget")
                       if milestone.get(key) and milestone[key] not in milestone["milestone"]]
            if milestone.get("via_title"):  # reached under --tech through a linked companion topic
                details.append(f"via {milestone['via_title']}")
            text = milestone["milestone"] + (f" ({' · '.join(details)})" if details else "")
            lines.append((milestone["stage"] or milestone["period"], text, milestone["source"]))
        _card_lines(console, lines, wide)
