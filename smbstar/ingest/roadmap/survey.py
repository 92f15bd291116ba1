"""설문 (survey): chapter Ⅶ of the roadmap, a survey of 1,094 firms on the 21 technologies the four institutes
(4대 과기원) proposed, read as tidy numbers: technology x measure x category.

The chapter's tables reach us flattened. How they are read:
- A table is printed before its caption `<표 VII-N> title (unit)`: its lines are those between the previous
  caption (the chapter heading, for the first) and its own, prose included.
- Header cells are spread over lines and out of order (<표 VII-9> prints its last column first), so what the
  columns mean comes from the table's kind, known by the words of its caption (TABLE_KINDS). The header must
  still print the kind's column words: a table whose columns change fails the build rather than being misread.
- A row is a line that ends in the kind's number of values, with the text since the previous row: a technology
  name wrapped over lines, the division cell, and before the first row the header and any prose. A lone number
  is a page number; a line of any other count of values stops the build (a row lost a cell).
- The general tables (<표 VII-1..3>, and <표 VII-37> by 분과) have no technology: their category is the printed
  row label, with the column after a colon where there are several (`ICT/SW: 소기업`).
- A row names the technology whose name, without its last word (기술, 시스템) and ignoring spaces, ends last in
  the row's text: rows abbreviate and wrap names differently (바이오 시밀러 기술 is 중소기업 대상 바이오 시밀러
  기술 신약개발 경쟁력 강화 기술 in the comparisons), and the prose before a table names other technologies.
- A technology's division is that of the <표 VII-4..8> 선정 세부기술 설명 table that lists it, never a caption's:
  <표 VII-12> says 첨단소재부품분과 over 기계항공 rows, <표 VII-18> and <표 VII-19> say ICT/SW.
- A table continued on the next page repeats its header but not its caption: rows after a caption that have the
  previous table's number of values belong to the previous table (<표 VII-9>'s 공정장비 and 바이오 rows).
- A comparison (t-test by firm size or by development stage) prints per group `label (n=N) mean (sd)`, the first
  group followed by `t (p)`; the p-value runs into the next group's label (`(.024)*중견기업`).
Which roadmap areas each survey technology stands for is curated in seeds/curated/survey_areas.csv.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

from smbstar.db import CURATED
from smbstar.errors import BuildError
from smbstar.ingest.curated import check_cited, read_curated_csv
from smbstar.ingest.document import SourceDocument
from smbstar.ingest.roadmap.structure import find_areas
from smbstar.ingest.roadmap.technologies import parse_technologies
from smbstar.korean import OUTLINE_LETTER, compact, field_key
from smbstar.models import SurveyTechnology, SurveyTechnologyArea, SurveyValue

CURATED_SURVEY_AREAS = CURATED / "survey_areas.csv"

# Table layouts.
DEFINITIONS = "definitions"  # <표 VII-4..8>: the technologies of a division and what they are; no numbers
TECHNOLOGY_ROWS = "technology rows"  # a technology per row, a value per column
LABELLED_ROWS = "labelled rows"  # a printed label per row (분과, 산업), a value per column; no technology
LABELS_THEN_VALUES = "labels then values"  # label lines, then as many value lines in the same order (<표 VII-1>)
COMPARISON = "comparison"  # t-tests between two groups of firms


@dataclass(frozen=True)
class TableKind:
    """A kind of survey table, known by a pattern of its caption; `{}` in `measure` takes the pattern's group."""

    caption: str
    measure: str
    layout: str
    columns: tuple[str, ...] = ()
    header: tuple[str, ...] = ()  # words the header prints, where they are not the columns themselves


_FIRM_SIZES = ("소기업", "중소기업", "중견기업", "전체")
_STAGES = ("기초 연구 단계", "실험 단계", "시작품 단계", "제품화 단계", "사업화 단계", "전체")
_SUPPORT = ("인력", "인프라", "기술협력", "마케팅")
_TERMS = ("단기", "중기", "장기")

# Checked in order; the first kind whose pattern is in the caption is the table's.
TABLE_KINDS = [
    TableKind("설문 메일 발송", "설문 응답", LABELS_THEN_VALUES),
    TableKind("분과별 응답기업 규모", "응답기업 규모", LABELLED_ROWS, _FIRM_SIZES),
    TableKind("응답기업 산업", "응답기업 산업", LABELLED_ROWS, ("빈도수",)),
    TableKind("선정 세부기술 설명", "", DEFINITIONS),
    TableKind(
        "우선 지원 기업의 세부기술별", "우선 지원 기업", TECHNOLOGY_ROWS,
        ("단기 n", "단기 %", "중기 n", "중기 %", "장기 n", "장기 %", "전체 응답자"),
        header=("단기 중요성 높음", "중기 중요성 높음", "장기 중요성 높음", "n %", "전체 설문 응답자"),
    ),
    TableKind("세부기술 개발 단계", "개발 단계", TECHNOLOGY_ROWS, _STAGES),
    TableKind("기술 격차", "기술 격차", TECHNOLOGY_ROWS, ("년", "%")),
    TableKind("제품 (품질|가격) 경쟁력 향상 인식 비교", "제품 {} 경쟁력", COMPARISON),
    TableKind(r"글로벌 경쟁력 향상 \(평균\)", "글로벌 경쟁력", TECHNOLOGY_ROWS, ("제품 품질 경쟁력", "제품 가격 경쟁력")),
    TableKind("지원의 필요성 및 방향성", "지원 필요성", TECHNOLOGY_ROWS, _SUPPORT),
    TableKind("(인력|인프라|기술협력|마케팅) 지원의 필요성 비교", "{} 지원 필요성", COMPARISON),
    TableKind("지원을 가장 필요로 하는 세부기술", "지원 필요성", TECHNOLOGY_ROWS, _SUPPORT),
    TableKind(r"협력 필요성 \(평균\)", "협력 필요성", TECHNOLOGY_ROWS, ("평균",)),
    TableKind("협력 필요성 비교", "협력 필요성", COMPARISON),
    TableKind(r"중요성 인식 \(평균\)", "중요성", TECHNOLOGY_ROWS, _TERMS),
    TableKind("(단기|중기|장기) 중요성 인식 비교", "{} 중요성", COMPARISON),
    TableKind("우선 지원 기업의 분과별 비율", "우선 지원 기업 비율", LABELLED_ROWS, _TERMS),
]

_CAPTION = re.compile(r"^\s*<표\s*(VII-\d+)>\s*(.+?)\s*$")
_CHAPTER = re.compile(r"^\s*Ⅶ\.")
_DEFINITION_HEADER = "기술명기술설명"
_DIVISION = re.compile(r"\S+분과")
# The first line of a prose item (`4.`, `가.`, `1)`, `가)`, a footnote `53)`, a `*.` note) or a figure caption.
_OUTLINE = re.compile(r"^\s*(\d{1,2}[.)]|" + OUTLINE_LETTER + r"[.)]|\*+\.|\[그림)")
_NUMBER = r"-?(?:\d[\d,]*(?:\.\d+)?|\.\d+)"
_THOUSANDS = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_LAST_WORD = re.compile(r"(기술|시스템)$")
_GROUP = re.compile(
    rf"(?P<label>[^\s()*][^\n()*]*?)\s*\(n=(?P<n>\d+)\)\s*(?P<mean>{_NUMBER})\s*\((?P<sd>{_NUMBER})\)"
    rf"(?:\s*(?P<t>{_NUMBER})\s*\((?P<p>{_NUMBER})\)\**)?"
)


@dataclass
class SurveyTable:
    """A captioned table of the chapter with the lines printed between the previous caption and its own."""

    id: str  # "VII-11"
    title: str  # the caption after the id, as printed
    kind: TableKind
    measure: str
    lines: list[tuple[int, str]]


def parse_survey(
    doc: SourceDocument, curated: Path = CURATED_SURVEY_AREAS
) -> tuple[list[SurveyTechnology], list[SurveyTechnologyArea], list[SurveyValue]]:
    tables = find_survey_tables(doc)
    technologies, links = _survey_technologies(doc, tables, curated)
    values: list[SurveyValue] = []
    for previous, table in zip([None] + tables, tables):
        if table.kind.layout in (TECHNOLOGY_ROWS, LABELLED_ROWS):
            values.extend(_row_values(doc, table, previous, technologies))
        elif table.kind.layout == COMPARISON:
            values.extend(_comparison_values(doc, table, technologies))
        elif table.kind.layout == LABELS_THEN_VALUES:
            values.extend(_labelled_values(doc, table))
    return technologies, links, sorted(values, key=lambda value: value.line)


def find_survey_tables(doc: SourceDocument) -> list[SurveyTable]:
    """Every `<표 VII-N>` table in print order, with its kind and lines."""
    captions = [(number, match) for number, text in doc.numbered() if (match := _CAPTION.match(text))]
    if not captions:
        raise BuildError(f"{doc.name}: no <표 VII-N> survey tables")
    first = captions[0][0]
    start = max((number for number, text in doc.numbered(1, first) if _CHAPTER.match(text)), default=first)
    tables = []
    for number, match in captions:
        table_id, title = match.groups()
        kind, measure = _kind(table_id, title)
        tables.append(SurveyTable(table_id, title, kind, measure, list(doc.numbered(start + 1, number))))
        start = number
    return tables


def _kind(table_id: str, title: str) -> tuple[TableKind, str]:
    for kind in TABLE_KINDS:
        match = re.search(kind.caption, title)
        if match:
            return kind, kind.measure.format(*match.groups())
    raise BuildError(f"<표 {table_id}> {title}: no known kind of survey table has this caption (survey.TABLE_KINDS)")


def _survey_technologies(
    doc: SourceDocument, tables: list[SurveyTable], path: Path
) -> tuple[list[SurveyTechnology], list[SurveyTechnologyArea]]:
    """The curated technologies in the order the <표 VII-4..8> tables list them, with the division of the table
    that lists each, and their areas."""
    curated = _curated_areas(doc, path)
    listings = [(table, compact(" ".join(text for _, text in _definition_lines(table))))
                for table in tables if table.kind.layout == DEFINITIONS]
    placed = []
    for name, (where, line, _) in curated.items():
        found = [(index, body.find(compact(name)), table) for index, (table, body) in enumerate(listings)
                 if compact(name) in body]
        if len(found) != 1:
            raise BuildError(f"{where}: {name!r} is listed in {len(found)} 선정 세부기술 설명 tables, not one")
        index, offset, table = found[0]
        placed.append(((index, offset), name, _division(table), line))
    technologies = [
        SurveyTechnology(id=number, name=name, division=division, document=doc.name, line=line)
        for number, (_, name, division, line) in enumerate(sorted(placed), start=1)
    ]
    links = [
        SurveyTechnologyArea(survey_technology_id=technology.id, technology_id=area)
        for technology in technologies for area in curated[technology.name][2] if area
    ]
    return technologies, links


def _curated_areas(doc: SourceDocument, path: Path) -> dict[str, tuple[str, int, list[str]]]:
    """survey technology -> (the file and row that first name it, the cited line, its areas: "" for none)."""
    technologies = parse_technologies(doc, find_areas(doc))
    known = {technology.id for technology in technologies}
    by_field = {field_key(technology.field): technology.id for technology in technologies if technology.field}
    rows = read_curated_csv(path, ("survey_technology", "technology_id", "document", "line", "note"))
    if not rows:
        raise BuildError(f"{path.name}: no survey technologies (is the file missing?)")
    curated: dict[str, tuple[str, int, list[str]]] = {}
    for row in rows:
        where = f"{path.name} row {row['_row']}"
        name = row["survey_technology"].strip()
        if not name:
            raise BuildError(f"{where}: empty survey_technology")
        line = check_cited(path, row, {doc.name: doc}, name)
        area = row["technology_id"].strip()
        if area and area not in known:
            raise BuildError(f"{where}: {area!r} is not a technology area of the roadmap")
        # Ⅵ's survey technologies are named by the field of their area (차세대 금형 기술 is VI-2's 차세대 금형기술)
        field_area = by_field.get(field_key(name))
        if field_area and area and area != field_area:
            raise BuildError(f"{where}: {name!r} is the field of {field_area}, not {area}")
        area = area or field_area or ""
        areas = curated.setdefault(name, (where, line, []))[2]
        if area in areas:
            raise BuildError(f"{where}: {name!r} is linked to {area or 'no area'} twice")
        areas.append(area)
    return curated


def _definition_lines(table: SurveyTable) -> list[tuple[int, str]]:
    """The lines of a 선정 세부기술 설명 table after its `기술명 기술 설명` header (the prose before it names
    other divisions' technologies)."""
    headers = [index for index, (_, text) in enumerate(table.lines) if compact(text) == _DEFINITION_HEADER]
    if not headers:
        raise BuildError(f"<표 {table.id}> {table.title}: no 기술명 기술 설명 header above the table")
    return table.lines[headers[-1] + 1:]


def _division(table: SurveyTable) -> str:
    match = _DIVISION.search(table.title)
    if not match:
        raise BuildError(f"<표 {table.id}> {table.title}: the caption names no 분과")
    return match.group()


def _row_values(
    doc: SourceDocument, table: SurveyTable, previous: SurveyTable | None, technologies: list[SurveyTechnology]
) -> list[SurveyValue]:
    width = len(table.kind.columns)
    carried = (len(previous.kind.columns)
               if previous and previous.kind.layout in (TECHNOLOGY_ROWS, LABELLED_ROWS) else None)
    values: list[SurveyValue] = []
    text: list[str] = []
    rows = 0
    for line, printed in table.lines:
        label, numbers = _split_numbers(printed)
        owner = table if len(numbers) == width else previous if len(numbers) == carried else None
        if owner is None:
            if len(numbers) > 1:
                raise BuildError(f"<표 {table.id}> line {line}: a row of {len(numbers)} values, not {width}")
            text.append(printed)  # a page number, or prose
            continue
        if owner is table:
            if not rows:
                _check_header(table, text)
            rows += 1
        values.extend(_row(doc, owner, text + [label], label, numbers, line, technologies))
        text = []
    if not rows:
        raise BuildError(f"<표 {table.id}> {table.title}: no row of {width} values above the caption")
    return values


def _row(
    doc: SourceDocument, table: SurveyTable, text: list[str], label: str, numbers: list[str], line: int,
    technologies: list[SurveyTechnology],
) -> list[SurveyValue]:
    columns = table.kind.columns
    if table.kind.layout == TECHNOLOGY_ROWS:
        technology = _named_technology(table, " ".join(text), line, technologies).id
        categories = columns
    else:
        if not label:
            raise BuildError(f"<표 {table.id}> line {line}: a row without its label")
        technology = None
        categories = (label,) if len(columns) == 1 else tuple(f"{label}: {column}" for column in columns)
    return [_value(doc, table, technology, category, printed, line) for category, printed in zip(categories, numbers)]


def _check_header(table: SurveyTable, text: list[str]) -> None:
    """The header (the lines above the first row, after the prose) or the caption prints the kind's columns."""
    prose_end = max((index for index, line in enumerate(text) if _OUTLINE.match(line)), default=-1)
    printed = compact(" ".join(text[prose_end + 1:]) + table.title)
    missing = [word for word in table.kind.header or table.kind.columns if compact(word) not in printed]
    if missing:
        raise BuildError(f"<표 {table.id}> {table.title}: the header does not print {', '.join(missing)}")


def _named_technology(
    table: SurveyTable, text: str, line: int, technologies: list[SurveyTechnology]
) -> SurveyTechnology:
    """The technology whose name (without its last word) ends last in a row's text."""
    row = compact(text)
    found = []
    for technology in technologies:
        stem = _LAST_WORD.sub("", compact(technology.name))
        at = row.rfind(stem)
        if at >= 0:
            found.append((at + len(stem), len(stem), technology.id, technology))
    if not found:
        raise BuildError(
            f"<표 {table.id}> line {line}: the row names no technology of survey_areas.csv ({text.strip()[-60:]!r})"
        )
    return max(found)[-1]


def _comparison_values(
    doc: SourceDocument, table: SurveyTable, technologies: list[SurveyTechnology]
) -> list[SurveyValue]:
    text = "\n".join(printed for _, printed in table.lines)
    starts = [0]
    for _, printed in table.lines:
        starts.append(starts[-1] + len(printed) + 1)

    def line_of(offset: int) -> int:
        return table.lines[bisect_right(starts, offset) - 1][0]

    groups = list(_GROUP.finditer(text))
    if not groups or [bool(group["t"]) for group in groups] != [True, False] * (len(groups) // 2):
        raise BuildError(f"<표 {table.id}> {table.title}: the groups do not pair up as `group t (p) group`")
    values = []
    row_start = 0
    for first, second in zip(groups[::2], groups[1::2]):
        names = text[row_start:first.start("label")]
        technology = _named_technology(table, names, line_of(first.start("label")), technologies).id
        for group in (first, second):
            label = group["label"].strip()
            for part, category in (("n", f"{label} n"), ("mean", f"{label} 평균"), ("sd", f"{label} 표준편차")):
                values.append(_value(doc, table, technology, category, group[part], line_of(group.start(part))))
        for part, category in (("t", "t-value"), ("p", "p-value")):
            values.append(_value(doc, table, technology, category, first[part], line_of(first.start(part))))
        row_start = second.end()
    return values


def _labelled_values(doc: SourceDocument, table: SurveyTable) -> list[SurveyValue]:
    """<표 VII-1>: runs of label lines, each followed by a run of as many value lines."""
    values = []
    labels: list[str] = []
    for is_value, run in groupby(table.lines, key=lambda item: _split_numbers(item[1])[0] == ""):
        run = list(run)
        if not is_value:
            labels = [printed.strip() for _, printed in run]
            continue
        if len(run) > len(labels):
            raise BuildError(f"<표 {table.id}> line {run[0][0]}: {len(run)} values under {len(labels)} labels")
        for label, (line, printed) in zip(labels[-len(run):], run):
            values.append(_value(doc, table, None, label, printed.strip(), line))
        labels = []
    if not values:
        raise BuildError(f"<표 {table.id}> {table.title}: no values above the caption")
    return values


def _split_numbers(text: str) -> tuple[str, list[str]]:
    """A line's text before its trailing numbers, and the numbers as printed."""
    words = text.split()
    cut = len(words)
    while cut and re.fullmatch(_NUMBER, words[cut - 1]):
        cut -= 1
    return " ".join(words[:cut]), words[cut:]


def _value(
    doc: SourceDocument, table: SurveyTable, technology: int | None, category: str, printed: str, line: int
) -> SurveyValue:
    return SurveyValue(
        survey_technology_id=technology, table_id=table.id, table_title=table.title, measure=table.measure,
        category=category, value=_number(printed), value_printed=printed, document=doc.name, line=line,
    )


def _number(printed: str) -> float:
    """`1,094` is 1094.0; a comma not followed by groups of three digits is a misprinted decimal point (`4,91`
    in <표 VII-33>)."""
    if _THOUSANDS.fullmatch(printed):
        return float(printed.replace(",", ""))
    return float(printed.replace(",", "."))
