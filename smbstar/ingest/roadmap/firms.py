"""기술별 수요 중소·중견 수요 기업 후보 및 의견: the firms the report names as demand for each technology, with
the opinion it gives.

A section is written in one of these shapes:
- a list, one firm per `N)` item (`1) 삼성코닝(주)`), the market first where the report gives it
  (`1) 국내, 아임시스템(주)`, `4) 국외, Magnebotix 회사`: role 국내/국외, the name without 회사). A list gives no
  opinion; the role of a firm listed without market is 수요 기업 후보.
- `N)` paragraphs of opinion that name firms in running text, as `A, B, C 등`:
  - at the head of a paragraph, as its subject (Ⅴ-4: `솔트룩스, 한컴인터프리, 시스트란 등은 ...`): the opinion
    is that paragraph;
  - in parentheses after a paragraph (Ⅳ-2: `...인터뷰를 진행함` / `(삼영유니텍, 테라시드, 피디젠, 동아ST 등)`):
    they are the firms interviewed and the paragraphs after it what the interviews found, so the opinion is
    those paragraphs joined, each with its number.
- paragraphs that name no firm (Ⅳ-3, Ⅵ): no mention; the text stays searchable as passages.
Ⅴ-4's first paragraph names KBS, which runs a Korean-language programme that better translation would serve.
KBS is the public broadcaster, not a 중소·중견 기업, and the report names it as a user of the technology, not as a
candidate, so it is no mention.

A mention's `line` is the line that holds the firm's name and `end_line` the last line of its opinion.
Firms that no rule can find are curated in seeds/curated/firms.csv (technology_id, name, role, document, line,
note); the cited line must lie in that technology's 수요 기업 section and hold the name, and the opinion is read
from the document: the paragraph the line belongs to.
"""

from __future__ import annotations

import re
from pathlib import Path

from smbstar.db import CURATED
from smbstar.errors import BuildError
from smbstar.ingest.curated import read_curated_csv
from smbstar.ingest.document import SourceDocument
from smbstar.ingest.names import firm_key
from smbstar.ingest.roadmap.structure import Area, section_lines
from smbstar.ingest.roadmap.technologies import Item, check_technology_row, parse_items, technology_areas
from smbstar.models import FirmMention

CURATED_FIRMS = CURATED / "firms.csv"
CANDIDATE = "수요 기업 후보"

_LISTED_FIRM = re.compile(r"^(?:(?P<role>국내|국외)\s*,\s*)?(?P<name>\S+)(?:\s+회사)?\s*$")
# `A, B, C 등` at the head of a line (after its item number) or after an opening parenthesis.
_FIRM_LIST = re.compile(
    r"(?:^\s*(?:\d{1,2}\)\s*)?|(?P<parenthesis>\())(?P<names>(?:[^\s,()]+\s*,\s*)+[^\s,()]+)\s*등"
)


def parse_firm_mentions(doc: SourceDocument, areas: list[Area], curated: Path = CURATED_FIRMS) -> list[FirmMention]:
    mentions: list[FirmMention] = []
    for area in areas:
        section = area.section("firms")
        if not section:
            continue
        paragraphs = parse_items(doc, section)
        for item in paragraphs:
            listed = _LISTED_FIRM.match(item.text)
            if listed:
                mentions.append(
                    _mention(doc, area.id, listed.group("name"), listed.group("role") or CANDIDATE, [], item.line)
                )
        for number, text in section_lines(doc, section):
            for found in _FIRM_LIST.finditer(text):
                at = _paragraph_index(paragraphs, number)
                opinion = paragraphs[at + 1 :] if found.group("parenthesis") else paragraphs[at : at + 1]
                mentions.extend(
                    _mention(doc, area.id, name.strip(), CANDIDATE, opinion, number)
                    for name in found.group("names").split(",")
                )
    return mentions + _curated_mentions(doc, areas, curated, mentions)


def _mention(
    doc: SourceDocument, technology_id: str, name: str, role: str, opinion: list[Item], line: int
) -> FirmMention:
    return FirmMention(
        firm_id=firm_key(name), technology_id=technology_id, name_printed=name, role=role,
        opinion=_opinion_text(opinion), document=doc.name, line=line,
        end_line=max([line] + [paragraph.end_line for paragraph in opinion]),
    )


def _opinion_text(paragraphs: list[Item]) -> str:
    if len(paragraphs) == 1:
        return paragraphs[0].text
    return " ".join(f"{paragraph.marker}) {paragraph.text}" for paragraph in paragraphs)


def _paragraph_index(paragraphs: list[Item], line: int) -> int:
    """The index of the paragraph a line belongs to: the last one that starts at or before it (a parenthesis
    standing after a paragraph belongs to it)."""
    return max((index for index, paragraph in enumerate(paragraphs) if paragraph.line <= line), default=0)


def _curated_mentions(
    doc: SourceDocument, areas: list[Area], path: Path, found: list[FirmMention]
) -> list[FirmMention]:
    rows = read_curated_csv(path, ("technology_id", "name", "role", "document", "line", "note"))
    if not rows:
        return []
    area_of = technology_areas(doc, areas)
    known = {(mention.technology_id, mention.firm_id) for mention in found}
    mentions = []
    for row in rows:
        where = f"{path.name} row {row['_row']}"
        name = row["name"].strip()
        if not name:
            raise BuildError(f"{where}: empty name")
        line, area = check_technology_row(path, row, doc, area_of, name)
        section = area.section("firms")
        if not section or not section.line < line < section.end:
            raise BuildError(f"{where}: line {line} is not in the 수요 기업 section of {row['technology_id']}")
        if (row["technology_id"], firm_key(name)) in known:
            raise BuildError(f"{where}: {name} of {row['technology_id']} is already found by rule; remove the row")
        paragraphs = parse_items(doc, section)
        at = _paragraph_index(paragraphs, line)
        mentions.append(
            _mention(doc, row["technology_id"], name, row["role"].strip() or CANDIDATE, paragraphs[at : at + 1], line)
        )
    return mentions
