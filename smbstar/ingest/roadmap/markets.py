"""Market figures of the roadmap: every market quantity printed in a technology area, in sentences and in
year-by-year tables. What a quantity is (measure, value, range, year, subject, scope, conversion) is read by the
shared extractor, smbstar/ingest/quantities.py; this module finds the structure it is printed in.

Sentences are rebuilt from the wrapped PDF lines of each item (`1)`, `가)`, `i)`, `·`, a caption, a source note),
so an amount broken over two lines (`1조` / `9,184억 달러`) is read whole and cites both lines. A bare amount
(`170억 규모로`) is in won unless the amount before it in the sentence names another currency (money.py).

Tables of numbers under a header of years (`구분 2012 2013 ...`, `‘16 ‘17 ...`) are read cell by cell: the unit
is the first `(단위: ...)` note after the header (or just before it) in the area, and a note naming one unit per
row label (`세계시장은 백만달러, 국내시장은 십억원`) is split by label. A row with one number per year column gives
each cell its year; with any other count the cells keep year None. A CAGR column gives a growth figure over the
table's first to last year. The row label is the figure's scope (a segment such as CNS Disorders, or a region),
the caption its subject, and caption plus row its quote. A table with no unit note is kept only when its caption
says 시장, with value None and a flag.

In division Ⅵ a figure belongs to the technology its sentence names by title; otherwise to the area whose field
(technology.field, from the roadmap's summary table: 차세대 공작기계 기술 is VI-1) heads the item it is printed
under (`1) 차세대 공작기계 기술`, `2) 차세대 금형가공 기술`); a figure under no field heading has none.
"""

from __future__ import annotations

import re

from smbstar.ingest.document import JoinedText, SourceDocument, joined_items
from smbstar.ingest.money import Unit, find_amounts, parse_unit
from smbstar.ingest.quantities import PLACE, find_quantities, market_figures, measure_named, scope_name, year_value
from smbstar.ingest.roadmap.structure import Area, lines_of
from smbstar.ingest.roadmap.technologies import block_technology_items, parse_fields
from smbstar.korean import OUTLINE_LETTER, field_key
from smbstar.models import MarketFigure

BARE_CURRENCY = "KRW"
UNPRINTED_UNIT = "table prints no unit"

_ITEM_START = re.compile(
    r"^\s*(?:\d{1,2}\)|\(\d{1,2}\)|" + OUTLINE_LETTER + r"\)|\(" + OUTLINE_LETTER + r"\)|[ivx]{1,4}\)|\d{1,2}\.\s|"
    + OUTLINE_LETTER + r"\.(?:\s|$)|[·∙•◾▶※*\-–]|출처|자료|주\s*:|\[그림|<표|\(단위)"
)
_TABLE_YEAR = re.compile(r"^(?:(?:19|20)\d{2}|['’‘]\d{2})년?$")
_TABLE_CELL = re.compile(r"^\d{1,3}(?:,\d{3})*(?:\.\d+)?$")
_UNIT_NOTE = re.compile(r"단위\s*[:：]\s*([^)]*)")
_CAPTION = re.compile(r"^\s*(?:<표|\[그림)")
_SHARE_ROW = re.compile(r"점유율|비중")
_TRADE_ROW = re.compile(r"수출|수입|생산|교역")
_FIELD_ITEM = re.compile(r"^\s*([1-9])\)\s*(.{2,20}?)\s*$")
_LETTERED_SECTION = re.compile(r"^\s*" + OUTLINE_LETTER + r"\.\s")
_TABLE_END = re.compile(r"^\s*(?:<표|\[그림|출처|\*)")


def parse_market_figures(doc: SourceDocument, areas: list[Area]) -> list[MarketFigure]:
    figures: list[MarketFigure] = []
    for area in areas:
        lines = list(lines_of(doc, area.line, area.end))
        technology_of = _block_technology_namer(doc, area) if not area.number else lambda sentence, line: area.id
        number_rows = {number for number, text in lines if _is_number_row(text)}
        header = ""  # the last worded item, a table's header when rows of amounts follow it
        for passage in joined_items(lines, _starts_item):
            sentence_figures = _sentence_figures(doc, passage, technology_of)
            if _is_amount_row(passage.text):
                _label_cells(sentence_figures, _row_label_above(doc, passage.line_at(0)), header)
            elif re.search(r"[가-힣A-Za-z]{2}", passage.text) and not re.search(r"\d", passage.text):
                header = passage.text
            figures.extend(f for f in sentence_figures if f.line not in number_rows)
        figures.extend(_table_figures(doc, lines, technology_of))
    figures.sort(key=lambda figure: (figure.line, figure.end_line))
    return figures


def _row_label_above(doc: SourceDocument, line: int) -> str:
    """The label of a table row printed above its cells: the nearest worded line without numbers within 10 lines, with
    the one before it when it is only a bracketed note (`개발비용` / `(미국)`)."""
    worded = []
    for number in range(line - 1, max(0, line - 11), -1):
        text = doc.line(number).strip()
        if not text or re.search(r"\d", text):
            continue
        if not re.search(r"[가-힣A-Za-z]{2}", text):
            break
        worded.insert(0, text)
        if not text.startswith("(") and not re.match(r"[a-z]", text):
            break  # `Target` / `selection`: a label wrapped after a word goes on above
    return " ".join(worded) if worded and not worded[0].startswith("(") else ""


def _label_cells(figures: list[MarketFigure], label: str, header: str) -> None:
    """The figures of a row of bare amounts (`0.02~0.03억불` under `개발비용 (미국)`) are quoted with their row label,
    which names their measure, or else the table header before them does (`개발 단계 소요 예산 ...`)."""
    for figure in figures:
        if label and figure.quote.strip() == figure.value_printed:
            figure.quote = f"{label}: {figure.quote}"
        if figure.measure == "other":
            figure.measure = next((m for m in (measure_named(label), measure_named(header)) if m != "other"), "other")


def _starts_item(line: str, previous: str) -> bool:
    """An item starts at a marker (`1)`, `가)`, `·`, a caption, a source note) and a table row of amounts is one."""
    return bool(_ITEM_START.match(line)) or _is_amount_row(line) or _is_amount_row(previous)


def _is_number_row(line: str) -> bool:
    """A table row of three numbers or percentages or more (`세계시장 4,819 ... 49.2%`): read as a table or not at
    all, never as a sentence."""
    tokens = line.split()
    trailing = 0
    while tokens and _TABLE_CELL.match(tokens.pop().rstrip("%")):
        trailing += 1
    return trailing >= 3


def _is_amount_row(line: str) -> bool:
    """A table row of amounts (`10억원 10억원 40억원 >350억원`): nothing but amounts and marks on the line."""
    if not re.search(r"\d", line):
        return False
    amounts = find_amounts(line, BARE_CURRENCY)
    rest = line
    for amount in reversed(amounts):
        rest = rest[: amount.start] + rest[amount.end :]
    return bool(amounts) and not re.search(r"[가-힣A-Za-z]", rest)


def _sentence_figures(doc: SourceDocument, passage: JoinedText, technology_of) -> list[MarketFigure]:
    figures = market_figures(find_quantities(passage.text, BARE_CURRENCY), doc.name, passage.line_at)
    for figure in figures:
        figure.technology_id = technology_of(figure.quote, figure.line)
    return figures


def _table_figures(doc: SourceDocument, lines: list[tuple[int, str]], technology_of) -> list[MarketFigure]:
    figures = []
    headers = [index for index, (_, text) in enumerate(lines) if _table_years(text)]
    for header, following in zip(headers, headers[1:] + [len(lines)]):
        years, has_cagr = _table_years(lines[header][1])
        # a header whose CAGR column is printed on the next line (`CAGR` / `(%)`)
        has_cagr = has_cagr or lines[header + 1][1].strip().upper().startswith("CAGR") if header + 1 < len(lines) else has_cagr
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
            growth = cells[-1] if has_cagr and len(cells) == len(years) + 1 else None
            cells = cells[:-1] if growth else cells
            number, text = lines[row]
            row_text = text.strip() if text.strip().startswith(label) else f"{label} {text.strip()}"
            subject, scope = _row_subject_and_scope(label, caption)
            common = dict(
                technology_id=technology_of(caption, number), subject=subject, scope=scope,
                quote=f"{caption}: {row_text}" if caption else row_text, document=doc.name, line=number,
                end_line=number,
            )
            share = bool(_SHARE_ROW.search(label))
            for column, cell in enumerate(cells):
                figures.append(MarketFigure(
                    measure="share" if share else _row_measure(label, caption), value_printed=cell,
                    value=float(cell.replace(",", "")) if share else unit.amount(cell) if unit else None,
                    unit="%" if share else unit.printed if unit else "", currency="" if share or not unit else unit.currency,
                    flag="" if share or unit else UNPRINTED_UNIT,
                    year=years[column] if len(cells) == len(years) else None, **common,
                ))
            if growth:
                figures.append(MarketFigure(
                    measure="growth", value_printed=growth, value=float(growth.rstrip("%")), unit="%",
                    year_from=years[0], year_to=years[-1], **common,
                ))
    return figures


def _table_years(text: str) -> tuple[list[int], bool] | None:
    """The years of a table header (`구분 2012 ... 2016** ... CAGR`; `**` marks an estimate) and whether it ends
    in a CAGR column."""
    tokens = [token.rstrip("*") for token in text.split()]
    if tokens and tokens[0] == "구분":
        tokens = tokens[1:]
    has_cagr = bool(tokens) and tokens[-1].upper() in ("CAGR", "CAGR(%)")
    years = tokens[:-1] if has_cagr else tokens
    if len(years) >= 2 and all(_TABLE_YEAR.match(token) for token in years):
        return [year_value(token.rstrip("년")) for token in years], has_cagr
    return None


def _unit_note(lines: list[tuple[int, str]], header: int, following: int) -> int | None:
    """The line of the table's `(단위: ...)` note: the first after the header, else one of the three before it."""
    after = next((i for i in range(header + 1, following) if _UNIT_NOTE.search(lines[i][1])), None)
    if after is not None:
        return after
    return next((i for i in range(header - 1, max(header - 4, -1), -1) if _UNIT_NOTE.search(lines[i][1])), None)


def _table_rows(lines, start: int, stop: int, columns: int, closed: bool):
    """(line index, label, cells) of the rows between a header and its unit note (or the table's end).

    A trailing percentage is the CAGR column, kept as the last cell; rows of percentages (`(%) 12.1 2.5 ...`) are skipped.
    """
    rows, label_lines = [], []
    for index in range(start, stop):
        tokens = lines[index][1].split()
        growth = [tokens.pop()] if tokens and tokens[-1].endswith("%") else []
        cells = []
        while tokens and _TABLE_CELL.match(tokens[-1]):
            cells.insert(0, tokens.pop())
        cells += growth
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


def _table_scope(label: str) -> str:
    """A row label is a segment (CNS Disorders, 의약품) or a region (세계시장, `국내시장 (내수)`): the region by
    its usual name."""
    bare = re.sub(r"\s*\([^)]*\)", "", label).strip()
    match = PLACE.fullmatch(re.sub(r"\s*시장(?:\s*점유율)?$", "", bare))
    return scope_name(match.group(1)) if match else label.strip()


def _row_subject_and_scope(label: str, caption: str) -> tuple[str, str]:
    """A row of a measure of its own (수출액, 국내 생산액, 세계시장 점유율 under `세계 반도체 장비 시장 규모`) is the
    country's, not the caption's market: its subject is that measure of the caption's thing (반도체 장비 수출액), its
    scope 국내 only when its label says so. Any other row is a segment or region of the caption's market."""
    if not (_TRADE_ROW.search(label) or _SHARE_ROW.search(label)):
        return _table_subject(caption), _table_scope(label)
    thing = re.sub(r"^(?:전\s?세계|세계|글로벌|국내)\s*|\s*시장\s*(?:규모)?$", "", _table_subject(caption))
    bare = re.sub(r"\s*\([^)]*\)", "", label).strip()
    return f"{thing} {bare}".strip(), "국내" if bare.startswith(("국내", "한국")) else ""


def _row_measure(label: str, caption: str) -> str:
    """A row of exports, imports or production (수출액, 국내 생산액) is no market size, whatever the caption says."""
    return "other" if _TRADE_ROW.search(label) else measure_named(caption)


def _table_subject(caption: str) -> str:
    """The subject of a table's figures: its caption without the `<표 Ⅳ-12>` number, the unit note and the source."""
    text = re.sub(r"^\s*(?:<표[^>]*>|\[그림[^\]]*\])\s*", "", caption)
    return re.sub(r"\s*\((?:단위|출처|자료)[^)]*\)", "", text).strip()


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
