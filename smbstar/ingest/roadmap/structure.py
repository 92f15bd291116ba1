"""Divisions, technology areas and their sections, found by the report's own headings.

An area starts at a `(N) title` line right after a division header (`Ⅱ. 첨단 소재부품 분과`); the division
header is repeated at the top of many pages, so only a header followed by `(N)` opens an area. Division Ⅵ has
no `(N)` areas: it is one block whose six technologies are the items of its 전략 기술 후보 section.
Sections are found by the words of their headings, not by their letters, which shift when a section is missing
and are sometimes truncated (`다. 계별 기술 개발 마일스톤`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from smbstar.ingest.document import SourceDocument
from smbstar.korean import OUTLINE_LETTER

ROMAN = {"Ⅰ": "I", "Ⅱ": "II", "Ⅲ": "III", "Ⅳ": "IV", "Ⅴ": "V", "Ⅵ": "VI", "Ⅶ": "VII"}

_DIVISION = re.compile(r"^\s*([ⅡⅢⅣⅤⅥ])\.\s*(.+분과)\s*$")
_SURVEY_CHAPTER = re.compile(r"^\s*Ⅶ\.\s*중소기업 기술혁신 전략 로드맵")
_AREA = re.compile(r"^\s*\((\d+)\)\s*(.+?)\s*$")
_TITLE_CONTINUATION = re.compile(r"^\s{2,}\S")
_CHAPTER = re.compile(r"^\s*([1-4])\.\s*(.+?)\s*$")
_LETTERED = re.compile(r"^\s*(" + OUTLINE_LETTER + r")\.\s*(.+?)\s*$")

# section key -> words that must all be in its heading; checked in this order.
SECTION_KEYWORDS: list[tuple[str, tuple[str, ...]]] = [
    ("milestones", ("마일스톤",)),
    ("firms", ("수요", "기업 후보")),
    ("professors", ("교수 후보",)),
    ("candidates", ("후보",)),
    ("goals", ("목표",)),
    ("definition", ("정의",)),
    ("classification", ("기술 분류",)),
    ("selection", ("핵심 전략 기술 선정",)),
    ("status", ("기술 현황",)),
    ("outlook", ("기술발전 전망",)),
    ("leaders", ("선도 기관",)),
    ("market", ("시장 분석",)),
    ("industry", ("산업 분석",)),
]
CHAPTER_KEYS = {"1": "overview", "2": "analysis", "3": "market_chapter", "4": "strategy"}


@dataclass
class Section:
    key: str
    heading: str
    line: int
    end: int  # exclusive


@dataclass
class Area:
    """A numbered technology area, or the whole of division Ⅵ (number 0)."""

    division: str  # roman numeral as ASCII: "II"
    division_name: str
    division_line: int
    number: int
    title: str
    line: int
    end: int  # exclusive
    sections: dict[str, Section] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.division}-{self.number}" if self.number else self.division

    def section(self, key: str) -> Section | None:
        return self.sections.get(key)


def find_areas(doc: SourceDocument) -> list[Area]:
    """Every technology area of the roadmap (and the Ⅵ block), in document order, with its sections."""
    survey_start = next(
        (n for n, text in doc.numbered() if _SURVEY_CHAPTER.match(text) and n > len(doc) // 2), len(doc) + 1
    )
    starts: list[Area] = []
    numbered = list(doc.numbered(1, survey_start))
    for index, (number, text) in enumerate(numbered):
        division = _DIVISION.match(text)
        if not division:
            continue
        roman, name = ROMAN[division.group(1)], division.group(2).strip()
        following = numbered[index + 1] if index + 1 < len(numbered) else None
        area = _AREA.match(following[1]) if following else None
        if area:
            title_lines = [following[1].strip()[len(f"({area.group(1)})"):]]
            for _, more in numbered[index + 2 : index + 4]:
                if not _TITLE_CONTINUATION.match(more) or _CHAPTER.match(more):
                    break
                title_lines.append(more)
            title = " ".join(line.strip() for line in title_lines)
            starts.append(Area(roman, name, number, int(area.group(1)), title, following[0], 0))
        elif roman == "VI" and not any(a.division == "VI" for a in starts):
            starts.append(Area(roman, name, number, 0, name, number, 0))
    areas = [a for a in starts if a.number or a.division == "VI"]
    for current, following_area in zip(areas, areas[1:] + [None]):
        next_start = following_area.division_line if following_area else survey_start
        current.end = next(
            (n for n, text in doc.numbered(current.line + 1, next_start) if _other_division(text, current.division)),
            next_start,
        )
        current.sections = _find_sections(doc, current.line + 1, current.end)
    return areas


def lines_of(doc: SourceDocument, start: int, end: int):
    """(number, text) of the non-blank lines start..end-1, without page headers, footers or division headers."""
    for number, text in doc.numbered(start, end):
        if not _DIVISION.match(text):
            yield number, text


def section_lines(doc: SourceDocument, section: Section):
    """The lines of a section after its heading."""
    return lines_of(doc, section.line + 1, section.end)


def _other_division(text: str, division: str) -> bool:
    match = _DIVISION.match(text)
    return bool(match) and ROMAN[match.group(1)] != division


def _find_sections(doc: SourceDocument, start: int, end: int) -> dict[str, Section]:
    headings: list[tuple[int, str, str]] = []
    for number, text in doc.numbered(start, end):
        chapter = _CHAPTER.match(text)
        if chapter and len(text.strip()) < 30:
            headings.append((number, CHAPTER_KEYS[chapter.group(1)], text.strip()))
            continue
        lettered = _LETTERED.match(text)
        if lettered and len(text.strip()) < 45:
            key = _section_key(lettered.group(2))
            if key:
                headings.append((number, key, text.strip()))
    sections: dict[str, Section] = {}
    for (number, key, heading), following in zip(headings, headings[1:] + [(end, "", "")]):
        sections.setdefault(key, Section(key, heading, number, following[0]))
    return sections


def _section_key(heading: str) -> str | None:
    for key, words in SECTION_KEYWORDS:
        if all(word in heading for word in words):
            return key
    return None
