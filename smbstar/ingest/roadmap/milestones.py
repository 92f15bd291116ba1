"""단계별 기술 개발 마일스톤: the staged development plan of each technology.

Most areas show their milestones only as a figure. The text gives them in two shapes a rule can read:
- items `1) 1차년도: ...` (Ⅳ-4; its third item is printed `3) 2차년도`, kept as printed);
- a schedule table of `N차년도` rows whose tasks are followed by ▶ month marks (Ⅳ-1, <표 Ⅳ-5>).
Anything else the text states about milestones, in tables and figures whose cells the PDF extraction has
scattered (Ⅳ-2's stages with their budgets and yearly tables; Ⅳ-1's TRL target), is curated in
seeds/curated/milestones.csv with the stage and budget where printed; a cell takes the period of the column
it is placed in, by the reading order of the cells and the dates the report's text and other tables give, with
that reasoning in the row's note.

An area with no milestone in text or curation gets one figure_only row citing its figure caption: the caption
printed in the section, or just before its heading (a caption naming 마일스톤/로드맵 earlier in chapter 4), or
failing those the section's first figure; with no caption, the row cites the heading and its caption is empty.
Ⅵ's six roadmap figures are each matched to the Ⅵ technology whose title shares most of their words.
"""

from __future__ import annotations

import re
from pathlib import Path

from smbstar.db import CURATED
from smbstar.errors import BuildError
from smbstar.ingest.curated import read_curated_csv
from smbstar.ingest.dates import normalise_date
from smbstar.ingest.document import SourceDocument, join_lines
from smbstar.ingest.roadmap.structure import Area, Section, lines_of, section_lines
from smbstar.ingest.roadmap.technologies import (
    block_technology_items,
    check_technology_row,
    parse_items,
    technology_areas,
)
from smbstar.korean import compact, tokens
from smbstar.models import Milestone

CURATED_MILESTONES = CURATED / "milestones.csv"

_PERIOD_ITEM = re.compile(r"^(\d+\s*차\s*년도|\d+\s*단계[^:]{0,20})\s*:\s*(.+)$")
_YEAR_ROW = re.compile(r"^\s*(\d+\s*차\s*년도)\s*$")
_PLAN_STAGE = re.compile(r"^\d+\s*(?:차\s*년도|단계)")
_MONTH_MARK = "▶"
_FIGURE = re.compile(r"^\s*\[그림")
_TABLE_CAPTION = re.compile(r"^\s*<표")
_ROADMAP_WORDS = re.compile(r"마일스톤|로드맵")


def parse_milestones(doc: SourceDocument, areas: list[Area], curated: Path = CURATED_MILESTONES) -> list[Milestone]:
    curated_rows = _curated_milestones(doc, areas, curated)
    curated_ids = {row.technology_id for row in curated_rows}
    milestones: list[Milestone] = []
    for area in areas:
        section = area.section("milestones")
        if not section:
            continue
        if not area.number:
            milestones.extend(_block_figures(doc, area, section))
            continue
        stated = _period_items(doc, area.id, section) + _schedule_rows(doc, area.id, section)
        if not stated and area.id not in curated_ids:
            stated = [_figure_only(doc, area, section)]
        milestones.extend(stated)
    return milestones + curated_rows


def _milestone(doc: SourceDocument, technology_id: str, period: str, text: str, line: int, end_line: int, caption="",
               stage="", budget=""):
    """A milestone row; a period that counts years of the plan (`1차년도`, `2단계 (3~4년)`) is its stage."""
    date, year = normalise_date(period)
    if not stage and _PLAN_STAGE.match(period):
        stage = period
    return Milestone(
        technology_id=technology_id, period=period, year=year, date=date, milestone=text, caption=caption,
        stage=stage, budget=budget, document=doc.name, line=line, end_line=end_line,
    )


def _period_items(doc: SourceDocument, technology_id: str, section: Section) -> list[Milestone]:
    milestones = []
    for item in parse_items(doc, section):
        match = _PERIOD_ITEM.match(item.text)
        if match:
            milestones.append(_milestone(doc, technology_id, match.group(1), match.group(2), item.line, item.end_line))
    return milestones


def _schedule_rows(doc: SourceDocument, technology_id: str, section: Section) -> list[Milestone]:
    """Tasks of a `N차년도` schedule table: a task's name may wrap over lines and ends at its ▶ month marks."""
    lines = list(section_lines(doc, section))
    caption = next((text.strip() for _, text in lines if _TABLE_CAPTION.match(text)), "")
    milestones = []
    period, pending = "", []
    for number, text in lines:
        if _TABLE_CAPTION.match(text):
            break
        row = _YEAR_ROW.match(text)
        if row:
            period, pending = row.group(1), []
        elif period and _MONTH_MARK in text:
            name = text.split(_MONTH_MARK)[0]
            task = pending + ([(number, name)] if name.strip() else [])
            if task:
                milestones.append(
                    _milestone(doc, technology_id, period, join_lines(t for _, t in task), task[0][0], task[-1][0], caption)
                )
            pending = []
        elif period:
            pending.append((number, text))
    return milestones


def _figure_only(doc: SourceDocument, area: Area, section: Section) -> Milestone:
    found = _milestone_caption(doc, area, section)
    line, caption = found if found else (section.line, "")
    return Milestone(
        technology_id=area.id, figure_only=True, caption=caption, document=doc.name, line=line, end_line=line
    )


def _milestone_caption(doc: SourceDocument, area: Area, section: Section) -> tuple[int, str] | None:
    figures = [(number, text.strip()) for number, text in section_lines(doc, section) if _FIGURE.match(text)]
    named = [figure for figure in figures if _ROADMAP_WORDS.search(figure[1])]
    chapter = area.section("strategy")
    before = [
        (number, text.strip())
        for number, text in lines_of(doc, chapter.line if chapter else section.line, section.line)
        if _FIGURE.match(text) and _ROADMAP_WORDS.search(text)
    ]
    return next(iter(named), None) or (before[-1] if before else None) or next(iter(figures), None)


def _block_figures(doc: SourceDocument, area: Area, section: Section) -> list[Milestone]:
    """One figure_only row per roadmap figure of the block, for the technology whose title it shares most with."""
    titles = {f"{area.division}-{index}": item.text for index, item in enumerate(block_technology_items(doc, area), 1)}
    milestones = []
    for number, text in section_lines(doc, section):
        if _FIGURE.match(text) and titles:
            words = set(tokens(text))
            technology_id = max(titles, key=lambda tid: len(words & set(tokens(titles[tid]))) / len(set(tokens(titles[tid]))))
            milestones.append(
                Milestone(
                    technology_id=technology_id, figure_only=True, caption=text.strip(), document=doc.name,
                    line=number, end_line=number,
                )
            )
    return milestones


def _curated_milestones(doc: SourceDocument, areas: list[Area], path: Path) -> list[Milestone]:
    rows = read_curated_csv(
        path, ("technology_id", "period", "milestone", "stage", "budget", "caption", "document", "line", "end_line")
    )
    area_of = technology_areas(doc, areas)
    milestones = []
    for row in rows:
        text = row["milestone"].strip()
        if not text:
            raise BuildError(f"{path.name} row {row['_row']}: empty milestone")
        line, area = check_technology_row(path, row, doc, area_of, text.split()[0])
        try:
            end_line = int(row["end_line"])
        except ValueError:
            raise BuildError(f"{path.name} row {row['_row']}: end_line {row['end_line']!r} is not a number") from None
        if not line <= end_line < area.end:
            raise BuildError(f"{path.name} row {row['_row']}: end_line {end_line} is not in {line}-{area.end - 1}")
        budget = row["budget"].strip()
        if budget and compact(budget) not in compact("".join(doc.lines[line - 1 : end_line])):
            raise BuildError(f"{path.name} row {row['_row']}: budget {budget!r} is not printed in {line}-{end_line}")
        milestones.append(
            _milestone(doc, row["technology_id"], row["period"].strip(), text, line, end_line, row["caption"].strip(),
                       row["stage"].strip(), row["budget"].strip())
        )
    return milestones
