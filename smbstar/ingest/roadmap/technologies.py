"""Divisions (분과) and technologies of the roadmap, and the numbered items (`1)`, `가)`, `i)`) their sections are
written in, which the candidate and milestone parsers read too.

A technology is one of the 16 numbered areas of divisions Ⅱ–Ⅴ, or one of the six technologies of division Ⅵ,
which the report treats in one block: they are the `N)` items of Ⅵ's 전략 기술 후보 section, and each is defined
by a row of Ⅵ's technology table (<표 Ⅵ-1> 기계항공 분야 주요기술 분류: 분야 | 기술명 | 정의).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from smbstar.errors import BuildError
from smbstar.ingest.curated import check_cited
from smbstar.ingest.document import SourceDocument, clean_text, join_lines
from smbstar.ingest.roadmap.structure import Area, Section, section_lines
from smbstar.korean import OUTLINE_LETTER, compact
from smbstar.models import Division, Technology

DEFINITION_CHARS = 1500

# The item's text keeps its trailing space: join_lines reads it as a break between words.
_MARKER = re.compile(r"^\s*(\d{1,2}|" + OUTLINE_LETTER + r"|[ivx]{1,4})\)\s*(.*)$")
# A footnote at a page foot (`6) 황정수, 고재연(2019).`) looks like an item; its year in brackets gives it away.
_FOOTNOTE = re.compile(r"\((19|20)\d{2}[a-z]?\)\.?\s*(재구성\.?)?\s*$")
_PAGE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")
# Captions, sources, bullets and arrows belong to figures and tables, not to the prose items around them.
_NOT_PROSE = re.compile(r"^\s*(\[그림|<표|\[표|출처|[·∙•◾▶※*→\-])")
_SENTENCE_END = re.compile(r"(\.|[임함음됨다])(\d{1,2}\))?\s*$")  # may carry a footnote mark: `있음25)`
_SENTENCE_BREAK = re.compile(r"(\.|[임함음됨])(?=\s)")
# A line as wide as the page (about 47 characters) runs on to the next; a shorter one only when it stops
# mid-sentence, and a line shorter than that ends its item.
_FULL_LINE, _WRAPPED_LINE = 42, 30
_TABLE_CAPTION = re.compile(r"^\s*<표")


@dataclass
class Item:
    """A numbered item of a section: `1)` (depth 0), `가)` (1) or `i)` (2), with the items under it."""

    marker: str
    depth: int
    lines: list[str]
    line: int
    end_line: int
    children: list["Item"] = field(default_factory=list)

    @property
    def text(self) -> str:
        return join_lines(self.lines)

    def flattened(self):
        yield self
        for child in self.children:
            yield from child.flattened()


def parse_items(doc: SourceDocument, section: Section) -> list[Item]:
    """The outline of a section: its top-level items, each holding its sub-items.

    A line that is not an item runs on the item before it only when that item's last line was a long line
    broken (a full-width line, or one that stops mid-sentence); figure and table text, captions and sources
    end the item.
    """
    roots: list[Item] = []
    open_items: list[Item] = []
    current: Item | None = None
    previous = ""
    for number, text in section_lines(doc, section):
        if _PAGE_NUMBER.match(text) or _FOOTNOTE.search(text):
            continue
        marker = _MARKER.match(text)
        if marker:
            depth = 0 if marker.group(1).isdigit() else 2 if marker.group(1).isascii() else 1
            current = Item(marker.group(1), depth, [marker.group(2)], number, number)
            while open_items and open_items[-1].depth >= depth:
                open_items.pop()
            (open_items[-1].children if open_items else roots).append(current)
            open_items.append(current)
        elif current and not _NOT_PROSE.match(text) and _runs_on(previous):
            current.lines.append(text)
            current.end_line = number
        else:
            current = None
        previous = text
    return roots


def outline_text(items: list[Item], limit: int = DEFINITION_CHARS) -> str:
    """The items' text in reading order, without their markers and bare sub-headings (`1) 정의`), cut after
    the last whole item (or sentence) that fits in `limit` characters."""
    text = ""
    for item in (entry for root in items for entry in root.flattened()):
        piece = item.text
        if " " not in piece and len(piece) <= 8:
            continue
        if len(text) + len(piece) + 1 > limit:
            return text or _cut_at_sentence(piece, limit)
        text = f"{text} {piece}" if text else piece
    return text


def parse_divisions(doc: SourceDocument, areas: list[Area]) -> list[Division]:
    divisions: dict[str, Division] = {}
    for area in areas:
        divisions.setdefault(
            area.division, Division(id=area.division, name=area.division_name, document=doc.name, line=area.division_line)
        )
    return list(divisions.values())


def parse_technologies(doc: SourceDocument, areas: list[Area]) -> list[Technology]:
    fields = parse_fields(doc)
    technologies = []
    for area in areas:
        if area.number:
            definition = area.section("definition")
            technologies.append(
                Technology(
                    id=area.id, division_id=area.division, number=area.number, title=area.title,
                    definition=clean_text(outline_text(parse_items(doc, definition))) if definition else "",
                    document=doc.name, line=area.line, end_line=_title_end(doc, area.line, area.title),
                )
            )
        else:
            technologies.extend(_block_technologies(doc, area))
    for technology in technologies:
        technology.field, technology.field_line = fields.get(technology.id, ("", None))
    return technologies


# The roadmap's summary table (<표 2> 중장기 전략 기술 로드맵 내용 및 구성 형식) names division Ⅵ's six areas by
# their field, in the order of the areas: "-차세대 공작기계 기술" is VI-1, ... "-차세대 소자 제조 기술" VI-6.
_SUMMARY_TABLE = re.compile(r"^\s*<표\s*2>\s*중장기 전략 기술 로드맵")
_FIELD = re.compile(r"^\s*-\s*(차세대.+?)\s*$")


def parse_fields(doc: SourceDocument) -> dict[str, tuple[str, int]]:
    """Ⅵ area id -> (its field name, the line printing it); a doubled 기술 (금형기술 기술) is printed once."""
    table = next((number for number, text in doc.numbered() if _SUMMARY_TABLE.match(text)), None)
    fields = []
    if table:
        division = next((n for n, text in doc.numbered(table) if text.strip() == "기계항공"), table)
        for number, text in doc.numbered(division + 1, division + 40):
            if match := _FIELD.match(text):
                fields.append((re.sub(r"기술 기술$", "기술", match.group(1)), number))
    if len(fields) != 6:
        raise BuildError(f"{doc.name}: found {len(fields)} of Ⅵ's six fields in the summary table <표 2>")
    return {f"VI-{index}": field for index, field in enumerate(fields, start=1)}


def technology_areas(doc: SourceDocument, areas: list[Area]) -> dict[str, Area]:
    """technology id -> the area (or block) whose lines it is written in."""
    return {
        technology.id: next(area for area in areas if area.line <= technology.line < area.end)
        for technology in parse_technologies(doc, areas)
    }


def check_technology_row(
    path: Path, row: dict[str, str], doc: SourceDocument, area_of: dict[str, Area], value: str
) -> tuple[int, Area]:
    """A curated row's cited line and area, after checking that it names a technology and cites a line of that
    technology's area holding `value`."""
    where = f"{path.name} row {row['_row']}"
    area = area_of.get(row.get("technology_id", ""))
    if area is None:
        raise BuildError(f"{where}: unknown technology {row.get('technology_id')!r}")
    line = check_cited(path, row, {doc.name: doc}, value)
    if not area.line <= line < area.end:
        raise BuildError(f"{where}: line {line} is outside {row['technology_id']} (lines {area.line}-{area.end - 1})")
    return line, area


def block_technology_items(doc: SourceDocument, area: Area) -> list[Item]:
    """The `N)` items of a block's (Ⅵ's) 전략 기술 후보 section: technology N is VI-N, its 가) items its candidates."""
    section = area.section("candidates")
    return parse_items(doc, section) if section else []


def _block_technologies(doc: SourceDocument, area: Area) -> list[Technology]:
    items = block_technology_items(doc, area)
    classification = area.section("classification")
    definitions = _table_definitions(doc, classification, [item.text for item in items]) if classification else {}
    return [
        Technology(
            id=f"{area.division}-{index}", division_id=area.division, number=index, title=item.text,
            definition=clean_text(definitions.get(item.text, "")), document=doc.name, line=item.line, end_line=item.end_line,
        )
        for index, item in enumerate(items, start=1)
    ]


def _table_definitions(doc: SourceDocument, section: Section, titles: list[str]) -> dict[str, str]:
    """title -> its 정의 cell, from a 기술명 | 정의 table whose name cells are the titles wrapped over lines."""
    lines = list(section_lines(doc, section))
    names: list[tuple[int, int, str]] = []  # (first name line, first line after it, title), by index in lines
    for title in titles:
        span = _wrapped_span(lines, compact(title))
        if span:
            names.append((*span, title))
    names.sort()
    definitions = {}
    for (_, after, title), following in zip(names, names[1:] + [None]):
        stop = following[0] if following else next(
            (i for i in range(after, len(lines)) if _TABLE_CAPTION.match(lines[i][1])), len(lines)
        )
        definitions[title] = join_lines(text for _, text in lines[after:stop])
    return definitions


def _wrapped_span(lines: list[tuple[int, str]], target: str) -> tuple[int, int] | None:
    """(start, stop) indexes of the consecutive lines whose text, without white space, is exactly target."""
    for start in range(len(lines)):
        seen = ""
        for stop in range(start, len(lines)):
            seen += compact(lines[stop][1])
            if seen == target:
                return start, stop + 1
            if not target.startswith(seen):
                break
    return None


def _title_end(doc: SourceDocument, line: int, title: str) -> int:
    """The last line of a title that may wrap onto the following lines."""
    seen = ""
    for number, text in islice(doc.numbered(line), 4):
        seen += compact(text)
        if compact(title) in seen:
            return number
    return line


def _runs_on(previous: str) -> bool:
    width = len(previous.strip())
    return width >= _FULL_LINE or (width >= _WRAPPED_LINE and not _SENTENCE_END.search(previous))


def _cut_at_sentence(text: str, limit: int) -> str:
    ends = [match.end() for match in _SENTENCE_BREAK.finditer(text, 0, limit)]
    return text[: ends[-1]] if ends else text[:limit]
