"""Market figures: every money amount printed in a technology area, in sentences and in year-by-year tables.

Sentences are rebuilt from the wrapped PDF lines of each item (`1)`, `가)`, `i)`, `·`, a caption, a source note),
so an amount broken over two lines (`1조` / `9,184억 달러`) is read whole and cites both lines. A bare amount
(`170억 규모로`) is in won unless the amount before it in the sentence names another currency (money.py).
For each amount:
- year: a year printed right after it (`5.5조원(‘17년)`), else the nearest year before it in the sentence
  (`2017년 1조 2,641억 달러 규모에서 2023년 ...`), else None;
- scope: the nearest place word before it in the sentence (세계, 글로벌, 국내, 미국, ...), else the first after it;
  a word followed by a rank (`세계 6위권`) is not a scope.

Tables of numbers under a header of years (`구분 2012 2013 ...`, `‘16 ‘17 ...`) are read cell by cell: the unit
is the first `(단위: ...)` note after the header (or just before it) in the area, and a note naming one unit per
row label (`세계시장은 백만달러, 국내시장은 십억원`) is split by label. A row with one number per year column gives
each cell its year; with any other count the cells keep year None. A table with no unit note is kept only when
its caption says 시장, with value None and a flag.

In division Ⅵ a figure belongs to the technology its sentence names by title; otherwise to the area whose field
(technology.field, from the roadmap's summary table: 차세대 공작기계 기술 is VI-1) heads the item it is printed
under (`1) 차세대 공작기계 기술`, `2) 차세대 금형가공 기술`); a figure under no field heading has none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from smbstar.ingest.document import SourceDocument, join_lines
from smbstar.ingest.money import Amount, Unit, find_amounts, parse_unit
from smbstar.ingest.roadmap.structure import Area, lines_of
from smbstar.ingest.roadmap.technologies import block_technology_items, parse_fields
from smbstar.korean import field_key
from smbstar.models import MarketFigure

BARE_CURRENCY = "KRW"
UNPRINTED_UNIT = "table prints no unit"

_ITEM_START = re.compile(
    r"^\s*(?:\d{1,2}\)|\(\d{1,2}\)|[가-하]\)|\([가-하]\)|[ivx]{1,4}\)|[·∙•◾▶※*\-–]|출처|자료|주\s*:|\[그림|<표|\(단위)"
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_YEAR = re.compile(r"(?<![\d.,])(?:19|20)\d{2}(?![\d,])|['’‘](\d{2})(?!\d)")
_SCOPE = re.compile(
    r"(?<![가-힣])(전\s?세계|세계|글로벌|국내|해외|한국|우리나라|미국|중국|일본|유럽|EU|아시아|독일|영국|프랑스|대만|인도|북미)"
    r"(?!\s*\d+\s*위)"
)
_TABLE_YEAR = re.compile(r"^(?:(?:19|20)\d{2}|['’‘]\d{2})년?$")
_TABLE_CELL = re.compile(r"^\d{1,3}(?:,\d{3})*(?:\.\d+)?$")
_UNIT_NOTE = re.compile(r"단위\s*[:：]\s*([^)]*)")
_CAPTION = re.compile(r"^\s*(?:<표|\[그림)")
_FIELD_ITEM = re.compile(r"^\s*([1-9])\)\s*(.{2,20}?)\s*$")
_LETTERED_SECTION = re.compile(r"^\s*[가-하]\.\s")
_TABLE_END = re.compile(r"^\s*(?:<표|\[그림|출처|\*)")


@dataclass
class _Passage:
    """Lines joined into one text, with the offset at which each line starts."""

    text: str
    starts: list[tuple[int, int]]  # (offset, line number)

    def line_at(self, offset: int) -> int:
        return next(number for start, number in reversed(self.starts) if start <= offset)


def parse_market_figures(doc: SourceDocument, areas: list[Area]) -> list[MarketFigure]:
    figures: list[MarketFigure] = []
    for area in areas:
        lines = list(lines_of(doc, area.line, area.end))
        technology_of = _block_technology_namer(doc, area) if not area.number else lambda sentence, line: area.id
        for passage in _passages(lines):
            figures.extend(_sentence_figures(doc, passage, technology_of))
        figures.extend(_table_figures(doc, lines, technology_of))
    figures.sort(key=lambda figure: (figure.line, figure.end_line))
    return figures


def _passages(lines: list[tuple[int, str]]):
    """Each item of the text, its wrapped lines joined the way join_lines joins them."""
    passage: _Passage | None = None
    previous = ""
    for number, line in lines:
        piece = join_lines([line])
        if passage is None or _ITEM_START.match(line) or _is_amount_row(line) or _is_amount_row(previous):
            if passage:
                yield passage
            passage = _Passage("", [])
        elif passage.text:
            passage.text += "" if join_lines([previous, line]) == join_lines([previous]) + piece else " "
        passage.starts.append((len(passage.text), number))
        passage.text += piece
        previous = line
    if passage:
        yield passage


def _is_amount_row(line: str) -> bool:
    """A table row of amounts (`10억원 10억원 40억원 >350억원`): nothing but amounts and marks on the line."""
    amounts = find_amounts(line, BARE_CURRENCY)
    rest = line
    for amount in reversed(amounts):
        rest = rest[: amount.start] + rest[amount.end :]
    return bool(amounts) and not re.search(r"[가-힣A-Za-z]", rest)


def _sentence_figures(doc: SourceDocument, passage: _Passage, technology_of) -> list[MarketFigure]:
    figures = []
    amounts = find_amounts(passage.text, BARE_CURRENCY)
    for amount in amounts:
        start, end = _sentence_span(passage.text, amount.start)
        sentence = passage.text[start:end]
        figures.append(
            _figure(
                doc, technology_of(sentence, passage.line_at(amount.start)), amount, amount.value_printed,
                year=_year(passage.text, start, end, amount, amounts), scope=_scope(passage.text, start, end, amount),
                quote=sentence.strip(), line=passage.line_at(amount.start), end_line=passage.line_at(amount.end - 1),
            )
        )
    return figures


def _sentence_span(text: str, offset: int) -> tuple[int, int]:
    start = 0
    for boundary in _SENTENCE_END.finditer(text):
        if boundary.start() >= offset:
            return start, boundary.start()
        start = boundary.end()
    return start, len(text)


def _year(text: str, start: int, end: int, amount: Amount, amounts: list[Amount]) -> int | None:
    years = [
        match for match in _YEAR.finditer(text, start, end)
        if not any(a.start < match.end() and match.start() < a.end for a in amounts)
    ]
    after = next((m for m in years if 0 <= m.start() - amount.end <= 3), None)
    before = [m for m in years if m.end() <= amount.start]
    chosen = after or (before[-1] if before else None)
    return _year_value(chosen.group(0)) if chosen else None


def _year_value(printed: str) -> int:
    digits = re.sub(r"\D", "", printed)
    return int(digits) if len(digits) == 4 else 2000 + int(digits)


def _scope(text: str, start: int, end: int, amount: Amount) -> str:
    words = list(_SCOPE.finditer(text, start, end))
    before = [m for m in words if m.end() <= amount.start]
    after = [m for m in words if m.start() >= amount.end]
    chosen = before[-1] if before else (after[0] if after else None)
    return _scope_word(chosen.group(1)) if chosen else ""


def _scope_word(word: str) -> str:
    return "세계" if word.replace(" ", "") == "전세계" else word


def _table_figures(doc: SourceDocument, lines: list[tuple[int, str]], technology_of) -> list[MarketFigure]:
    figures = []
    headers = [index for index, (_, text) in enumerate(lines) if _table_years(text)]
    for header, following in zip(headers, headers[1:] + [len(lines)]):
        years, has_cagr = _table_years(lines[header][1])
        note_line = _unit_note(lines, header, following)
        note_after = note_line is not None and note_line > header
        rows = _table_rows(lines, header + 1, note_line if note_after else following, len(years), closed=note_after)
        if not rows:
            continue
        note = _UNIT_NOTE.search(lines[note_line][1]).group(1) if note_line is not None else ""
        caption = _table_caption(lines, header, note_line if note_after else rows[-1][0] + 1, following)
        if not note and "시장" not in caption:
            continue
        for row, label, cells in rows:
            unit = _row_unit(note, label)
            if note and not unit:
                continue
            if has_cagr and len(cells) == len(years) + 1:
                cells = cells[:-1]
            number, text = lines[row]
            row_text = text.strip() if text.strip().startswith(label) else f"{label} {text.strip()}"
            for column, cell in enumerate(cells):
                figures.append(
                    _figure(
                        doc, technology_of(caption, number), None, cell,
                        value=unit.amount(cell) if unit else None, unit=unit.printed if unit else "",
                        currency=unit.currency if unit else "", flag="" if unit else UNPRINTED_UNIT,
                        year=years[column] if len(cells) == len(years) else None,
                        scope=_table_scope(label, caption), quote=f"{caption}: {row_text}" if caption else row_text,
                        line=number, end_line=number,
                    )
                )
    return figures


def _table_years(text: str) -> tuple[list[int], bool] | None:
    tokens = text.split()
    if tokens and tokens[0] == "구분":
        tokens = tokens[1:]
    has_cagr = bool(tokens) and tokens[-1].upper() in ("CAGR", "CAGR(%)")
    years = tokens[:-1] if has_cagr else tokens
    if len(years) >= 2 and all(_TABLE_YEAR.match(token) for token in years):
        return [_year_value(token.rstrip("년")) for token in years], has_cagr
    return None


def _unit_note(lines: list[tuple[int, str]], header: int, following: int) -> int | None:
    """The line of the table's `(단위: ...)` note: the first after the header, else one of the three before it."""
    after = next((i for i in range(header + 1, following) if _UNIT_NOTE.search(lines[i][1])), None)
    if after is not None:
        return after
    return next((i for i in range(header - 1, max(header - 4, -1), -1) if _UNIT_NOTE.search(lines[i][1])), None)


def _table_rows(lines, start: int, stop: int, columns: int, closed: bool):
    """(line index, label, cells) of the rows between a header and its unit note (or the table's end).

    A trailing percentage is the CAGR column and is dropped; rows of percentages (`(%) 12.1 2.5 ...`) are skipped.
    """
    rows, label_lines = [], []
    for index in range(start, stop):
        tokens = lines[index][1].split()
        if tokens and tokens[-1].endswith("%"):
            tokens.pop()
        cells = []
        while tokens and _TABLE_CELL.match(tokens[-1]):
            cells.insert(0, tokens.pop())
        label = " ".join(tokens) or " ".join(label_lines)
        if len(cells) in (columns, columns + 1):
            if "%" not in label:
                rows.append((index, label, cells))
            label_lines = []
        elif not cells and len(tokens) <= 3 and not _TABLE_END.match(lines[index][1]):
            label_lines.append(" ".join(tokens))
        elif not closed and rows:
            break
        else:
            label_lines = []
    return rows


def _table_caption(lines: list[tuple[int, str]], header: int, after: int, following: int) -> str:
    """The first `<표`/`[그림` caption after `after`, or the title line just above the header when that one says 시장."""
    caption = next((text.strip() for _, text in lines[after:following] if _CAPTION.match(text)), "")
    title = lines[header - 1][1].strip() if header else ""
    return title if "시장" not in caption and "시장" in title else caption


def _row_unit(note: str, label: str) -> Unit | None:
    """The unit of a row: the note's only unit, or the one the note gives for the row's label."""
    parts = [part for part in re.split(r"[,，]", note) if parse_unit(part)]
    labelled = [part for part in parts if re.search(r"[은는]\s", part)]
    if labelled:
        for part in labelled:
            name = re.split(r"[은는]\s", part)[0].strip()
            if label and (name.startswith(label.split()[0]) or label.startswith(name)):
                return parse_unit(part)
        return None
    return parse_unit(parts[0]) if parts else None


def _table_scope(label: str, caption: str) -> str:
    for text in (label, caption):
        match = _SCOPE.search(text)
        if match:
            return _scope_word(match.group(1))
    return ""


def _block_technology_namer(doc: SourceDocument, area: Area):
    """(sentence, line) -> the Ⅵ technology whose title the sentence names, else the one whose field heads the item
    the line is in, else None."""
    titles = [
        (f"{area.division}-{index}", _compact(re.sub(r"\s*기술$", "", item.text)))
        for index, item in enumerate(block_technology_items(doc, area), start=1)
    ]
    fields = _field_spans(doc, area)

    def technology_named(sentence: str, line: int) -> str | None:
        compact = _compact(sentence)
        named = next((identifier for identifier, title in titles if title in compact), None)
        return named or next((identifier for start, end, identifier in fields if start <= line < end), None)

    return technology_named


def _field_spans(doc: SourceDocument, area: Area) -> list[tuple[int, int, str]]:
    """(first line, end line, area id) of each item of the Ⅵ block headed by a field: `N) <field of VI-N>`.

    An item ends at the next `N)` item or lettered section (`가.`)."""
    keys = {identifier: field_key(name) for identifier, (name, _) in parse_fields(doc).items()}
    spans: list[tuple[int, int, str]] = []
    for number, text in lines_of(doc, area.line, area.end):
        item = _FIELD_ITEM.match(text)
        if not (item or _LETTERED_SECTION.match(text)):
            continue
        if spans and spans[-1][1] == 0:
            spans[-1] = (spans[-1][0], number, spans[-1][2])
        identifier = f"{area.division}-{item.group(1)}" if item else ""
        if identifier in keys and field_key(item.group(2)).startswith(keys[identifier]):
            spans.append((number, 0, identifier))
    return [(start, end or area.end, identifier) for start, end, identifier in spans]


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _figure(doc: SourceDocument, technology_id, amount: Amount | None, printed: str, **fields) -> MarketFigure:
    if amount:
        fields.update(value=amount.value, unit=amount.unit, currency=amount.currency, flag=amount.doubt)
    return MarketFigure(technology_id=technology_id, value_printed=printed, document=doc.name, **fields)
