"""전략기술 후보 (strategic technology candidates): the technologies the report proposes to develop in each area.

How each area's candidates are found, by the shape of its 전략 기술 후보 section:
- an `N)` item that is itself headed 후보 (`1) 전략기술 후보`, `2) 전략 기술 후보 및 협업`): its `가)` items are
  the candidates, and its sibling items (`2) 전략 기술의 중요성`, `3) 시장 SWOT 분석`) are not (Ⅱ-1..Ⅱ-3, Ⅳ-1,
  Ⅳ-3); a label before a colon is dropped (`기술명: ...`);
- otherwise each `N)` item is a candidate, its `가)` items the description (Ⅳ-2, Ⅳ-4, Ⅴ-1..Ⅴ-5), except the
  commentary items that follow them (Ⅳ-2: `3) 시장 동향 및 기술 동향`, `4) 시장 SWOT 분석`, `5) 핵심 전략 기술의
  경쟁성`);
- in the Ⅵ block each `N)` item is technology VI-N and its `가)` items are that technology's candidates.
Division Ⅲ has no 전략 기술 후보 section: its candidates are the 세분화 rows of each area's strategic technology
table, which no rule can tell apart from the wrapped cell text, so they are curated in seeds/curated/candidates.csv
(the description is still read from the document: the `·` bullets of the row's 비고 cell).
"""

from __future__ import annotations

import re
from pathlib import Path

from smbstar.db import CURATED
from smbstar.errors import BuildError
from smbstar.ingest.curated import read_curated_csv
from smbstar.ingest.document import SourceDocument, join_lines
from smbstar.ingest.roadmap.structure import Area, lines_of
from smbstar.ingest.roadmap.technologies import (
    Item,
    block_technology_items,
    check_technology_row,
    outline_text,
    parse_items,
    technology_areas,
)
from smbstar.models import StrategicCandidate

CURATED_CANDIDATES = CURATED / "candidates.csv"
DESCRIPTION_CHARS = 800

_LABEL = re.compile(r"^[가-힣 ]{2,10}\s*:\s*(?=\S)")  # `기술명: `, `기술 개발 목표: `
_COMMENTARY = re.compile(r"(중요성|동향|SWOT 분석|경쟁성|기회 요소)$")
_TABLE_END = re.compile(r"^\s*<표")
_BULLET = re.compile(r"^\s*·")


def parse_candidates(
    doc: SourceDocument, areas: list[Area], curated: Path = CURATED_CANDIDATES
) -> list[StrategicCandidate]:
    candidates: list[StrategicCandidate] = []
    for area in areas:
        if not area.number:
            for index, technology in enumerate(block_technology_items(doc, area), start=1):
                candidates.extend(_candidate(doc, f"{area.division}-{index}", item) for item in technology.children)
        elif area.section("candidates"):
            candidates.extend(_candidate(doc, area.id, item) for item in _candidate_items(doc, area))
    return candidates + _curated_candidates(doc, areas, curated)


def _candidate_items(doc: SourceDocument, area: Area) -> list[Item]:
    items = parse_items(doc, area.section("candidates"))
    headed = next((item for item in items if "후보" in item.text), None)
    if headed:
        return headed.children
    return [item for item in items if not _COMMENTARY.search(item.text)]


def _candidate(doc: SourceDocument, technology_id: str, item: Item) -> StrategicCandidate:
    return StrategicCandidate(
        technology_id=technology_id, number=item.marker, title=_LABEL.sub("", item.text),
        description=outline_text(item.children, DESCRIPTION_CHARS), document=doc.name,
        line=item.line, end_line=max((entry.end_line for entry in item.flattened()), default=item.line),
    )


def _curated_candidates(doc: SourceDocument, areas: list[Area], path: Path) -> list[StrategicCandidate]:
    rows = read_curated_csv(path, ("technology_id", "number", "title", "document", "line", "note"))
    area_of = technology_areas(doc, areas)
    cited = []
    for row in rows:
        title = row["title"].strip()
        if not title:
            raise BuildError(f"{path.name} row {row['_row']}: empty title")
        line, area = check_technology_row(path, row, doc, area_of, title.split()[0])
        cited.append((row["technology_id"], row["number"], title, line, area))
    candidates = []
    for technology_id, number, title, line, area in cited:
        later = [other for tid, _, _, other, _ in cited if tid == technology_id and other > line]
        description, end_line = _bullets(doc, line, min(later, default=_section_end(area, line)))
        candidates.append(
            StrategicCandidate(
                technology_id=technology_id, number=number, title=title, description=description,
                document=doc.name, line=line, end_line=end_line,
            )
        )
    return candidates


def _section_end(area: Area, line: int) -> int:
    return min((section.end for section in area.sections.values() if section.line <= line < section.end), default=area.end)


def _bullets(doc: SourceDocument, line: int, stop: int) -> tuple[str, int]:
    """The `·` bullets (with their wrapped lines) of a table row from its name cell at `line` up to `stop` or the
    table caption, and the last line they take."""
    lines: list[tuple[int, str]] = []
    for number, text in lines_of(doc, line + 1, stop):
        if _TABLE_END.match(text):
            break
        if lines or _BULLET.match(text):
            lines.append((number, text))
    return join_lines(text for _, text in lines), lines[-1][0] if lines else line
