"""구미지역경제 ISSUE FOCUS (GERI 구미전자정보기술원): a monthly brief as companion records.

An issue opens with a cover (title, `Vol. N (YYYY. MM.)`, a table of contents of `NN<TAB>section<TAB>page`
entries under [ISSUE] and [FOCUS], and the author: `작성 : 이름 직함`, the e-mail in brackets, the institute).
Each page then starts with a running header, `ISSUE` or `FOCUS`, and carries its section marker (`01 국내외
기술동향`, sometimes broken over lines as `01` / `국내외` / `기술동향`) somewhere on the page. An item of a
section (국내외 기술동향, 경제이슈, 정책이슈, or the FOCUS piece) starts with its title as the first line of a page;
the title may end in the date of the event (`('21.03.09.)`) or the ministry reporting it.

Read by rule:
- topics: the cover, every item, and every table (kind `table`, its caption as title, its rows as summary);
- the author (저자) from the cover, and people named with their position in the text (`홍남기 부총리`,
  `한화솔루션 이구영 대표`, `조인호 現 이화여대 의과대학 교수`) as contacts;
- tables: tab-separated lines, some of whose cells are `<ul style=...>` markup holding •, -, ● bullets. A table
  broken by a page repeats its caption and header on the next page, and the row cut by the break (KT sat)
  starts again with the same first cell: the two parts are one row. Numbers in tables become statistics; the
  rows of a table whose first column is 기업 are firm mentions;
- market quantities of the text (money, shares, growth, ranks, counts; smbstar/ingest/quantities.py) become
  market figures;
- dated targets and plans (`'30년까지`, `('21~'25)`, `~'21.9`, `2022년 말까지`) become milestones; a `(목표)` line
  that prints no date (`(목표) … 사업화 100건 달성`) is a goal, not a point on a timeline, and is left out;
- programmes named in ▣ and 【 】 headings (전략, 방안, 계획, ...) and the FOCUS strategy itself.
Firms and programmes named in running prose cannot be told from other nouns by rule: they are curated in
seeds/curated/gumi_firms.csv and gumi_programmes.csv, each row citing the lines that hold it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from smbstar.db import CURATED
from smbstar.errors import BuildError
from smbstar.ingest.companion import CompanionRecords
from smbstar.ingest.curated import cited_span, read_curated_csv
from smbstar.ingest.dates import normalise_date
from smbstar.ingest.document import SourceDocument
from smbstar.ingest.money import find_amounts, parse_unit
from smbstar.ingest.quantities import MARKET_WORDS, find_quantities, measure_named, year_value
from smbstar.ingest.quantities import market_figures as market_figures_of
from smbstar.ingest.targets import AGENCIES, actor_of, dated_parts, has_content, is_over
from smbstar.ingest.names import firm_key
from smbstar.korean import compact
from smbstar.models import Contact, FirmMention, MarketFigure, Milestone, Programme, Statistic, Topic

AUTHOR_ROLE = "저자"

# Section names of the table of contents -> Topic.kind.
SECTION_KINDS = {"기술동향": "technology", "경제이슈": "economy", "정책이슈": "policy"}
FOCUS_KIND = "focus"

_PAGE_HEADER = re.compile(r"^\s*(ISSUE|FOCUS)\s*$")
_TOC_GROUP = re.compile(r"^\s*\[(ISSUE|FOCUS)\]\s*$")
_TOC_ENTRY = re.compile(r"^\s*(\d{2})\t(.+?)\t\d+\s*$")
_VOLUME = re.compile(r"Vol\.\s*\d+\s*\((.+?)\)")
_AUTHOR = re.compile(r"작성\s*:\s*(?P<name>[가-힣]{2,4})\s+(?P<title>\S+)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

# A title is prose: not a bullet, note, caption, heading mark, numbered sub-heading (`2 탄소소재 ...`) or table.
_NOT_TITLE = re.compile(r"^\s*([-<＜*※❖◇◆▣•●□■▶➔→①-⑩【(\[|]|\d+\s)")
_NUMBERED_TITLE = re.compile(r"^\d+\.\s*")
_TITLE_DATE = re.compile(r"\((['‘’]?\d{2}\.\d{1,2}\.\d{1,2}\.?)\)\s*$")
_MONTH_DAY = re.compile(r"(?<!\d)(\d{1,2})월\s*(\d{1,2})일")
_SHORT_YEAR = re.compile(r"['‘’](\d{2})(?=[.년~\s)]|$)")
_BULLET_LINE = re.compile(r"^\s*(?:-\s*)?([-◆◇▣•●❖□])\s*")

# Markup the HTML extraction left in cells; `< 5G 가입자 수 및 비중 >` is a caption, not a tag.
_TAG = re.compile(r"</?(?:ul|ol|li|p|br|span|div|table|thead|tbody|tr|th|td)\b[^>]*>", re.IGNORECASE)
_CELL_BULLET = re.compile(r"\s*(?:[•●]|(?<!\S)-(?=\s))\s*")
_CAPTION = re.compile(r"^\s*(?:-\s*)?[<＜]\s*([^<>＜＞\t]+?)\s*[>＞]\s*$")
_UNIT_LINE = re.compile(r"^\s*\(\s*단위\s*:\s*(.+?)\)\s*$")
_UNIT_WORD = re.compile(r"^(?:%p?|[백천만억조]*\s*(?:원|불|달러|위안|명|개|건|회선|TB))$")
_PAREN_NOTE = re.compile(r"\(\)\s*안은\s*(.+?)\s*$")
_NUMBER = r"[△▲+\-−]?\s*\d[\d,]*(?:\.\d+)?"
_NUMERIC_CELL = re.compile(
    rf"^(?:(?P<main>{_NUMBER})\s*(?P<percent>%)?(?:\s*\((?P<paren>{_NUMBER})\s*%?\))?|\((?P<only>{_NUMBER})\s*%?\))$"
)
_FIRM_COLUMN = {"기업", "기업명", "업체", "업체명", "회사"}

# A person named with a position: 이름 [現] [소속 (한두 낱말)] 직함, or 소속 이름 직함.
_SURNAMES = "김이박최정강조윤장임한오서신권황안송전홍유고문양손배백허남심노하곽성차주우구민류나진지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉"
_POSITIONS = (
    "국무총리|부총리|장관|차관|대표이사|부회장|회장|사장|대표|원장|교수|사업단장|단장|정책관|국장|실장|위원장|센터장"
)
_PERSON = re.compile(
    rf"(?:(?<!\S)(?P<before>[가-힣A-Za-z]+)\s+)?(?<![가-힣])(?P<name>[{_SURNAMES}][가-힣]{{2}})\s+(?:現\s+)?"
    rf"(?P<org>(?:[가-힣A-Za-z]+\s+){{0,2}}?)(?P<title>[가-힣]*?(?:{_POSITIONS}))(?:은|는|이|가|을|를|의|과|와|께서)?(?![가-힣])"
)
_PARTICLE_END = re.compile(r"(?:은|는|이|가|을|를|에|의|로|와|과|도|만|서)$")
_PERSON_ROLES = (("주재", "주재"), ("참석", "참석"), ("선임", "선임"), ("밝", "발언"))


# A date a plan or target is set for: `'30년까지`, `2022년 5~6월까지`, `('21~'25)`, `~'21.9`, `'21.末~`, `'23.上`.
_YEAR = r"(?:20\d{2}|['‘’]\d{2})"
# A four-digit year needs 년 or a month after it (`2050 탄소중립` is a name); `N년도` is a fiscal year, not a date.
_POINT = (
    r"(?:20\d{2}(?=\s*년(?!도)|\.\d)|['‘’]\d{2}(?!\s*년도)|금년|올해)(?:\s*년)?(?:\s*\.\s*(?:\d{1,2}(?![\dQ])|末|上|下))?"
)
_PERIOD = re.compile(
    rf"(?<![\d.])(?:~\s*)?{_POINT}(?:\s*~\s*(?:{_POINT})?)?"
    rf"(?:\s*(?:\d{{1,2}}(?:~\d{{1,2}})?월|말|경|상반기|하반기))?(?:까지|부터|에는)?"
    r"|(?<=\()(?:\d{1,2}월|[上下])(?=\s*[),])"  # `신설(9월)`, `구축(上)`: a month or half of the issue's own year
)
# A forecast, an expected effect, a market's growth path or the date of the event reported is not a plan;
# 예측할 수 있는 모델 is.
_FORECAST = re.compile(r"(?:전망|예측|예상|기대|가정)(?!할|하는|하여|모델)|CAGR|연평균|^[\s\-·*]*일시")
_PLANNED = re.compile(r"목표|계획|예정")
_TARGET_MARK = re.compile(r"\(목표\)")
_STAGE = re.compile(r"\(\d+\s*단계\s*:")

_PROGRAMME_HEADING = re.compile(r"^\s*(?:▣\s*|【\s*)(?P<name>.+?)(?:\s*주요\s*(?:내용|논의))?\s*】?\s*$")
_PROGRAMME_KINDS = (
    ("펀드", "fund"), ("센터", "agency"), ("사업", "programme"), ("전략", "policy"), ("방안", "policy"),
    ("계획", "policy"), ("대책", "policy"), ("로드맵", "policy"),
)
_ORGANISATION = re.compile(r"\(([^()]*?(?:부|처|청|위원회))\)\s*$")


@dataclass
class Page:
    header_line: int
    end: int  # the last line of the page
    kind: str = ""


@dataclass
class Layout:
    """The pages of an issue and its section markers (compact `NN section` -> kind, from the contents)."""

    pages: list[Page]
    sections: dict[str, str]

    def is_marker(self, text: str) -> bool:
        """A section marker line or a piece of one: `01`, `국내외`, `기술동향`, `02 국내외 경제이슈`."""
        piece = compact(text)
        return len(piece) >= 2 and any(piece in marker for marker in self.sections)


@dataclass
class Cell:
    text: str  # markup removed
    items: list[tuple[int, str]]  # (line, item): the text split on its bullets
    line: int


@dataclass
class TableRow:
    cells: list[Cell]
    line: int
    end_line: int

    @property
    def label(self) -> str:
        return self.cells[0].text if self.cells else ""


@dataclass
class Table:
    caption: str
    line: int  # the caption's line, or the first row's
    units: list[str] = field(default_factory=list)
    rows: list[TableRow] = field(default_factory=list)
    note: str = ""  # what a value in brackets is: `* ()안은 전년대비 증감률`

    @property
    def end_line(self) -> int:
        return self.rows[-1].end_line if self.rows else self.line

    def title(self, topic: Topic) -> str:
        """The caption; else the captions printed in its header cells (a chart); else the item's title."""
        captions = [m.group(1) for cell in self.rows[0].cells if (m := _CAPTION.match(cell.text))]
        return self.caption or " / ".join(captions) or topic.title


def parse_gumi(doc: SourceDocument, curated: Path = CURATED) -> CompanionRecords:
    year, month = document_published(doc)
    layout = find_layout(doc)
    records = CompanionRecords()
    cover = cover_topic(doc, layout)
    records.topics = [cover] + find_item_topics(doc, layout, year)
    records.contacts = [author_contact(doc, cover)]
    tables = find_tables(doc, layout)
    topic_at = _topic_finder(records.topics)
    table_topics, cell_figures = [], []
    for number, table in enumerate(tables, start=1):
        item = topic_at(table.line)
        topic = table_topic(doc, table, number, item)
        table_topics.append(topic)
        statistics = table_statistics(doc, table, topic)
        records.statistics.extend(statistics)
        cell_figures.extend(table_market_figures(table, topic, statistics))
        records.firm_mentions.extend(table_firm_mentions(doc, table, topic, item))
    records.topics.extend(table_topics)
    records.contacts.extend(named_people(doc, layout, topic_at))
    prose = list(prose_lines(doc, layout, tables))
    records.markets = market_figures(doc, prose, tables, topic_at) + cell_figures
    records.firm_mentions.extend(curated_firm_mentions(doc, curated / "gumi_firms.csv", topic_at))
    firm_names = tuple(mention.name_printed for mention in records.firm_mentions)
    records.milestones = dated_targets(doc, prose, tables, topic_at, (year, month), firm_names)
    records.programmes = heading_programmes(doc, prose, records.topics)
    topics = {topic.id: topic for topic in records.topics}
    records.programmes.extend(curated_programmes(doc, curated / "gumi_programmes.csv", topic_at, topics))
    return records


# --- structure ----------------------------------------------------------------------------------------------------


def document_published(doc: SourceDocument) -> tuple[int, int]:
    """The year and month of the issue, from the cover's `Vol. 49 (2021. 03.)`."""
    for _, text in doc.numbered(1, min(len(doc), 40) + 1):
        if match := _VOLUME.search(text):
            if printed := re.match(r"\s*(20\d{2})\.\s*(\d{1,2})", match.group(1)):
                return int(printed.group(1)), int(printed.group(2))
    raise BuildError(f"{doc.name}: no `Vol. N (YYYY. MM.)` on the cover")


def find_layout(doc: SourceDocument) -> Layout:
    """Pages from one running header to the next, each with the kind of the section it belongs to.

    A page takes the section whose marker it prints; a page without one continues the section before it.
    The first item of a section may be printed above the section's marker, so the whole page is searched.
    """
    sections = _toc_sections(doc)
    headers = [number for number, text in doc.numbered() if _PAGE_HEADER.match(text)]
    if not headers:
        raise BuildError(f"{doc.name}: no ISSUE/FOCUS page headers")
    pages = [Page(start, end - 1) for start, end in zip(headers, headers[1:] + [len(doc) + 1])]
    kind = ""
    for page in pages:
        if doc.line(page.header_line).strip() == "FOCUS":
            kind = FOCUS_KIND
        else:
            kind = _marked_kind(doc, page, sections) or kind
        page.kind = kind
    return Layout(pages, sections)


def _toc_sections(doc: SourceDocument) -> dict[str, str]:
    """compact(`NN section`) -> kind, from the [ISSUE] entries of the table of contents."""
    sections, group = {}, ""
    for _, text in doc.numbered():
        if _PAGE_HEADER.match(text):
            break
        if match := _TOC_GROUP.match(text):
            group = match.group(1)
        elif group == "ISSUE" and (match := _TOC_ENTRY.match(text)):
            name = match.group(2)
            kind = next((kind for word, kind in SECTION_KINDS.items() if word in name), "issue")
            sections[compact(match.group(1) + name)] = kind
    return sections


def _marked_kind(doc: SourceDocument, page: Page, sections: dict[str, str]) -> str:
    lines = [compact(text) for _, text in doc.numbered(page.header_line + 1, page.end + 1)]
    for start in range(len(lines)):
        for width in (1, 2, 3):
            if (joined := "".join(lines[start : start + width])) in sections:
                return sections[joined]
    return ""


def cover_topic(doc: SourceDocument, layout: Layout) -> Topic:
    """The issue itself: its cover and contents, to which the author belongs."""
    lines = list(doc.numbered(1, layout.pages[0].header_line))
    volume = next(((n, t) for n, t in lines if _VOLUME.search(t)), None)
    if volume is None:
        raise BuildError(f"{doc.name}: no `Vol. N (YYYY. MM.)` on the cover")
    title_lines = [t.strip() for n, t in lines if n <= volume[0]]
    printed = _VOLUME.search(volume[1]).group(1)
    date, _ = normalise_date(re.sub(r"\s+", "", printed))
    contents = [m.group(2) for _, t in lines if (m := _TOC_ENTRY.match(t))]
    return Topic(
        id=f"{doc.name[:3]}-brief-01", document=doc.name, kind="brief",
        title=" ".join(title_lines[:-1] + [volume[1].split("(")[0].strip()]),
        summary=" · ".join(contents), date_printed=printed, date=date, line=lines[0][0], end_line=lines[-1][0],
    )


def find_item_topics(doc: SourceDocument, layout: Layout, year: int) -> list[Topic]:
    """Every item of the brief: a title as the first line of a page, up to the next title."""
    starts = []
    for page in layout.pages:
        for number, text in doc.numbered(page.header_line + 1, page.end + 1):
            if layout.is_marker(text):
                continue
            if not _NOT_TITLE.match(text) and "\t" not in text and page.kind:
                starts.append((number, page.kind))
            break
    topics, counts = [], {}
    ends = [number - 1 for number, _ in starts[1:]] + [len(doc)]
    for (line, kind), end in zip(starts, ends):
        counts[kind] = counts.get(kind, 0) + 1
        title = _NUMBERED_TITLE.sub("", doc.line(line).strip())
        summary_line = _first_bullet(doc, line + 1, end)
        date_printed, date = _item_date(title, doc.line(summary_line) if summary_line else "", year)
        topics.append(Topic(
            id=f"{doc.name[:3]}-{kind}-{counts[kind]:02d}", document=doc.name, kind=kind, title=title,
            summary=_clean(doc.line(summary_line)) if summary_line else "", date_printed=date_printed, date=date,
            line=line, end_line=_last_line(doc, line, end),
        ))
    return topics


def _first_bullet(doc: SourceDocument, start: int, end: int) -> int | None:
    return next((n for n, t in doc.numbered(start, end + 1) if _BULLET_LINE.match(t) and "\t" not in t), None)


def _last_line(doc: SourceDocument, start: int, end: int) -> int:
    return max((n for n, t in doc.numbered(start, end + 1) if not _PAGE_HEADER.match(t)), default=start)


def _item_date(title: str, first_bullet: str, year: int) -> tuple[str, str]:
    """The date printed after the title (`('21.03.09.)`), else the month and day of the first sentence."""
    if match := _TITLE_DATE.search(title):
        return match.group(1), normalise_date(expand_short_years(match.group(1)).rstrip("."))[0]
    if match := _MONTH_DAY.search(first_bullet):
        return match.group(0), f"{year:04d}-{int(match.group(1)):02d}-{int(match.group(2)):02d}"
    return "", ""


def expand_short_years(text: str) -> str:
    """`'21.03.09` -> `2021.03.09`: normalise_date reads a short year alone, not a short year with month and day."""
    return _SHORT_YEAR.sub(lambda m: f"20{m.group(1)}", text)


def _topic_finder(topics: list[Topic]):
    items = sorted(topics, key=lambda topic: topic.line)

    def topic_at(line: int) -> Topic:
        found = items[0]
        for topic in items:
            if topic.line <= line:
                found = topic
        return found

    return topic_at


def _clean(text: str) -> str:
    text = _TAG.sub(" ", text)
    return re.sub(r"\s+", " ", _BULLET_LINE.sub("", text, count=1)).strip()


# --- people -------------------------------------------------------------------------------------------------------


def author_contact(doc: SourceDocument, cover: Topic) -> Contact:
    """The author on the cover: `작성 : 오현주 선임연구원`, `(hjoh@geri.re.kr)`, then the institute."""
    lines = list(doc.numbered(cover.line, cover.end_line + 1))
    for index, (number, text) in enumerate(lines):
        if match := _AUTHOR.search(text):
            rest = lines[index:]
            email_at = next((i for i, (_, t) in enumerate(rest) if _EMAIL.search(t)), None)
            if email_at is None:
                raise BuildError(f"{doc.name}:{number}: the author has no e-mail address")
            email = _EMAIL.search(rest[email_at][1]).group(0)
            institute_line, institute = rest[email_at + 1] if email_at + 1 < len(rest) else (rest[email_at][0], "")
            name = match.group("name")
            return Contact(
                person_key=f"{institute.split()[0]}:{name}" if institute else name, topic_id=cover.id, name=name,
                institute=institute.strip(), title=match.group("title"), email=email, email_printed=email,
                role=AUTHOR_ROLE, document=doc.name, line=number, end_line=institute_line,
            )
    raise BuildError(f"{doc.name}: no `작성 : 이름 직함` on the cover")


def named_people(doc: SourceDocument, layout: Layout, topic_at) -> list[Contact]:
    """People named with their position in the items; one row per person and topic, at the first mention."""
    contacts, seen = [], set()
    for number, text in doc.numbered(layout.pages[0].header_line):
        for match in _PERSON.finditer(_TAG.sub(" ", text)):
            name, org, title = match.group("name"), match.group("org").strip(), match.group("title")
            before = match.group("before") or ""
            if not org and before and not _PARTICLE_END.search(before) and not before[-1].isdigit():
                org = before
            topic = topic_at(number)
            if (topic.id, name) in seen:
                continue
            seen.add((topic.id, name))
            role = next((role for word, role in _PERSON_ROLES if word in text), "언급")
            contacts.append(Contact(
                person_key=f"{org}:{name}" if org else name, topic_id=topic.id, name=name, institute=org,
                title=title, role=role, document=doc.name, line=number, end_line=number,
            ))
    return contacts


# --- tables -------------------------------------------------------------------------------------------------------


def find_tables(doc: SourceDocument, layout: Layout) -> list[Table]:
    """Tab-separated tables with the caption and unit printed above them; a table cut by a page is rejoined."""
    tables: list[Table] = []
    caption, caption_line, units, current = "", 0, [], None
    for number, text in doc.numbered(layout.pages[0].header_line):
        stripped = text.strip()
        if "<table" in text:
            continue  # an HTML rendition of the table whose tab-separated rows follow it
        if match := _CAPTION.match(text):
            caption, caption_line, units, current = match.group(1), number, [], None
        elif match := _UNIT_LINE.match(stripped):
            units = _units(match.group(1))
        elif "\t" in text:
            if current is None:
                current = Table(caption, caption_line or number, units)
                tables.append(current)
                caption, caption_line, units = "", 0, []
            current.rows.append(_row(text, number))
            if not current.units and (match := re.fullmatch(r"\((.+)\)", current.rows[0].label)):
                current.units = _units(match.group(1))
        elif _PAGE_HEADER.match(text) or layout.is_marker(text):
            current = None
        else:
            if current is not None and (match := _PAREN_NOTE.search(stripped)):
                current.note = match.group(1)
            caption, caption_line, units, current = "", 0, [], None
    return _rejoin_page_breaks(tables)


def _units(printed: str) -> list[str]:
    return [part.strip() for part in printed.split(",") if _UNIT_WORD.match(part.strip())]


def _row(text: str, number: int) -> TableRow:
    cells = []
    for raw in text.rstrip("\n").split("\t"):
        plain = re.sub(r"\s+", " ", _TAG.sub(" ", raw)).strip()
        items = [(number, item.strip()) for item in _CELL_BULLET.split(plain) if item.strip()]
        cells.append(Cell(plain, items, number))
    return TableRow(cells, number, number)


def _rejoin_page_breaks(tables: list[Table]) -> list[Table]:
    """Merge a table into the one before it when it repeats its caption and header after a page break."""
    merged: list[Table] = []
    for table in tables:
        previous = merged[-1] if merged else None
        if (
            previous is not None and table.caption and table.caption == previous.caption
            and _texts(table.rows[0]) == _texts(previous.rows[0])
        ):
            rows = table.rows[1:]
            if rows and rows[0].label == previous.rows[-1].label:
                _join_rows(previous.rows[-1], rows.pop(0))
            previous.rows.extend(rows)
        else:
            merged.append(table)
    return merged


def _texts(row: TableRow) -> list[str]:
    return [cell.text for cell in row.cells]


def _join_rows(first: TableRow, second: TableRow) -> None:
    for index, cell in enumerate(second.cells):
        if index == 0:
            continue
        if index < len(first.cells):
            kept = first.cells[index]
            first.cells[index] = Cell(f"{kept.text} {cell.text}".strip(), kept.items + cell.items, kept.line)
        else:
            first.cells.append(cell)
    first.end_line = second.end_line


def table_topic(doc: SourceDocument, table: Table, number: int, item: Topic) -> Topic:
    """A table as a topic: its caption, and its rows as `first cell: item; item | ...`."""
    rows = []
    for row in table.rows:
        label = " ".join(item for _, item in row.cells[0].items)
        items = [item for cell in row.cells[1:] for _, item in cell.items]
        rows.append(f"{label}: {'; '.join(items)}" if label else "; ".join(items))
    return Topic(
        id=f"{doc.name[:3]}-table-{number:02d}", document=doc.name, kind="table", title=table.title(item),
        summary=" | ".join(row for row in rows if row.strip(": ")), line=table.line, end_line=table.end_line,
    )


def table_statistics(doc: SourceDocument, table: Table, topic: Topic) -> list[Statistic]:
    """Every number of a table, tidy: row label x column heading.

    The first row is the header; a following row with an empty first cell and no numbers completes it (a
    second header level); a later row without numbers is a new header for the rows below it (자립화율 by
    process). A row with an empty first cell continues the row above (values in brackets on their own line).
    The first column is always the row's label; text cells among the numbers (품목명) name the values after them.
    """
    statistics = []
    header = [cell.text for cell in table.rows[0].cells]
    label = ""
    for position, row in enumerate(table.rows[1:], start=1):
        texts = _texts(row)
        numeric = [_NUMERIC_CELL.match(t) for t in texts]
        if not any(numeric[1:]):
            if position == 1 and not texts[0]:
                header = _header_levels(header, texts)
            else:
                header = texts
            label = texts[0] or label
            continue
        label = texts[0] or label
        name = label
        for index in range(1, len(texts)):
            match = numeric[index]
            if match is None:
                if re.search(r"[가-힣A-Za-z]", texts[index]) and texts[index] != label:
                    name = f"{label} {texts[index]}".strip()
                continue
            if not name:
                continue  # a chart's values without the labels the extraction lost
            column = header[index] if index < len(header) else ""
            in_brackets = match.group("only") is not None
            row_name = f"{name} ({table.note})" if in_brackets and table.note else name
            statistics.append(_statistic(
                doc, topic, row_name, column, match.group("only") or match.group("main") + (match.group("percent") or ""),
                _unit(table, row_name, column, texts[index], in_brackets), row.line,
            ))
            if match.group("paren") is not None:
                paren_row = f"{name} ({table.note or '()'})"
                statistics.append(_statistic(
                    doc, topic, paren_row, column, match.group("paren"),
                    _unit(table, paren_row, column, "", True), row.line,
                ))
    return statistics


def _header_levels(top: list[str], second: list[str]) -> list[str]:
    """Column headings of a two-level header: the upper heading carried over the empty cells it spans."""
    combined, upper = [], ""
    for index in range(max(len(top), len(second))):
        above = top[index] if index < len(top) else ""
        below = second[index] if index < len(second) else ""
        upper = above or (upper if below else "")
        combined.append(" ".join(part for part in (upper, below) if part))
    return combined


def _statistic(doc, topic, row, column, printed, unit, line) -> Statistic:
    return Statistic(
        topic_id=topic.id, table=topic.title, row=row, column=column, value=_number(printed),
        value_printed=printed.strip(), unit=unit, document=doc.name, line=line,
    )


def _number(printed: str) -> float:
    sign = -1 if printed.strip()[0] in "△▲-−" else 1
    return sign * float(re.sub(r"[^\d.]", "", printed))


def _unit(table: Table, row: str, column: str, cell: str, in_brackets: bool) -> str:
    if cell.endswith("%"):
        return "%"
    for label in (row, column):
        if match := re.search(r"\((%p?)\)", label):
            return match.group(1)
    if in_brackets and len(table.units) > 1:
        return table.units[1]
    if "%p" in table.units and "폭" in column:
        return "%p"
    return table.units[0] if table.units else ""


# A table of a market quantity: its title, unit or row labels name one (a count of subscribers or lines included);
# a macroeconomic outlook (GDP, 경제성장률) is none.
_COUNT_NOUN = re.compile(r"가입자|회선|(?:기업|업체|사업자)\s*수|인원")
_MACROECONOMIC = re.compile(r"경제\s*(?:전망|성장)|GDP|국내총생산")
# a row or column of changes (`()안은 전년대비 증감률`, `조정폭`): its percents are growth, others are shares
_CHANGE_LABEL = re.compile(r"증감|증가율|감소율|성장률|변화율|조정폭|CAGR")
_COLUMN_YEAR = re.compile(r"(?<![\d.])(?:(?:19|20)\d{2}|['‘’]\d{2})(?!\d)")
_TOTAL_COLUMN = re.compile(r"소계|합계|총계|누계")
_COLUMN_DATE = re.compile(rf"{_COLUMN_YEAR.pattern}(?:\.\d{{1,2}})?")


def table_market_figures(table: Table, topic: Topic, statistics: list[Statistic]) -> list[MarketFigure]:
    """The cells of a market table as market figures, one per statistic of the table.

    The measure is the unit's (a percent is a share, or growth in a row or column of changes; a count of
    subscribers or lines when the table prints no unit), for money the one the row label names, else the caption's
    (`R&D`, `국비` are investment; trade, 교역·수출·수입·수지, is other). Money is valued in its currency with the
    table's unit (`(단위 : 억불)`: 1,316 is 131,600,000,000 USD). The column heading gives the year (`2019.12`,
    `'18`, `수출 ‘19`) or the period (`'23~'27`; a 소계 or 합계 spans the years of the columns it totals). The row
    label, with what the column heading adds to its date, is the scope (a segment, firm or trade partner), the
    caption the subject, and the quote is caption, row, column and cell. A row naming the trade direction
    opposite to the caption's is flagged.
    """
    title = topic.title
    labels = " ".join([title, *table.units, *(statistic.row for statistic in statistics)])
    if _MACROECONOMIC.search(title) or not (MARKET_WORDS.search(labels) or _COUNT_NOUN.search(labels)):
        return []
    columns = list(dict.fromkeys(statistic.column for statistic in statistics))
    figures = []
    for statistic in statistics:
        money = parse_unit(statistic.unit)
        count_noun = _COUNT_NOUN.search(statistic.row) or _COUNT_NOUN.search(title)
        if statistic.unit in ("%", "%p"):
            changes = statistic.unit == "%p" or _CHANGE_LABEL.search(f"{statistic.row} {statistic.column}")
            measure, value, unit, currency = "growth" if changes else "share", statistic.value, statistic.unit, ""
        elif money:
            named = measure_named(statistic.row)
            measure = named if named != "other" else measure_named(title)
            value, unit, currency = statistic.value * money.multiplier, money.printed, money.currency
        elif statistic.unit or count_noun:
            unit = statistic.unit or count_noun.group(0)
            measure = "other" if statistic.unit == "TB" else "count"  # traffic in TB is a volume
            value, currency = statistic.value, ""
        else:
            continue
        year, year_from, year_to = _column_years(statistic.column, columns)
        figures.append(MarketFigure(
            topic_id=topic.id, measure=measure, value_printed=statistic.value_printed, value=value, unit=unit,
            currency=currency, year=year, year_from=year_from, year_to=year_to, subject=title,
            scope=_cell_scope(statistic.row, statistic.column),
            quote=f"{title}: {statistic.row}, {statistic.column}: {_with_unit(statistic)}",
            flag=_direction_mismatch(title, statistic.row), document=statistic.document, line=statistic.line,
            end_line=statistic.line,
        ))
    return figures


def _with_unit(statistic: Statistic) -> str:
    """A cell's value with the table's unit, unless the cell prints it (`100%`)."""
    if statistic.value_printed.endswith(statistic.unit):
        return statistic.value_printed
    return f"{statistic.value_printed} {statistic.unit}"


def _column_years(column: str, columns: list[str]) -> tuple[int | None, int | None, int | None]:
    """(year, year_from, year_to) of a column heading: its one year, the period of two (`3단계 '23~'27`), or for a
    total (`1단계(A) 소계`, `합계 (A+B)`) the years of the columns under the same upper heading, or of all."""
    years = [year_value(match) for match in _COLUMN_YEAR.finditer(column)]
    if not years and (total := _TOTAL_COLUMN.search(column)):
        upper = column[: total.start()].strip()
        spanned = [year_value(m) for other in columns if other.startswith(upper) for m in _COLUMN_YEAR.finditer(other)]
        years = [min(spanned), max(spanned)] if spanned else []
    if len(years) == 1:
        return years[0], None, None
    return (None, min(years), max(years)) if years else (None, None, None)


def _direction_mismatch(title: str, row: str) -> str:
    """A flag for a row naming the trade direction opposite to its table's caption (`对美 수출` rows under
    `< FTA 발표 후 对美 수입 동향 >`): the source garbled one of them."""
    for caption_word, row_word in (("수입", "수출"), ("수출", "수입")):
        if caption_word in title and row_word not in title and row_word in row and caption_word not in row:
            return f"행 이름({row_word})이 표 제목({caption_word})과 어긋남"
    return ""


def _cell_scope(row: str, column: str) -> str:
    """The segment, firm or partner a cell is of: its row label (`(SKT)` -> SKT, a part of the row above;
    `對美 교역 (전년대비 증감률)` -> 對美 교역; `1 자동차` -> 자동차, its rank being a column of its own) and what
    its column heading says besides a date (`수출 ‘19` -> 반도체 · 수출, `소성` -> 탄소섬유 자립화율 · 소성)."""
    label = re.sub(r"(?<=\S)\s*\([^()]*\)", "", row).strip()
    label = re.sub(r"^\d+\s+", "", re.sub(r"^\((.+)\)$", r"\1", label))
    heading = _COLUMN_DATE.sub("", column).strip(" ~")
    return f"{label} · {heading}" if heading else label


def table_firm_mentions(doc: SourceDocument, table: Table, topic: Topic, item: Topic) -> list[FirmMention]:
    """The rows of a `기업 | 현황` table: each firm with what the table says it does."""
    if not table.rows or table.rows[0].label not in _FIRM_COLUMN:
        return []
    mentions = []
    for row in table.rows[1:]:
        if not row.label:
            continue
        doings = [item for cell in row.cells[1:] for _, item in cell.items]
        mentions.append(FirmMention(
            firm_id=firm_key(row.label), topic_id=item.id, name_printed=row.label, role=topic.title,
            opinion=" / ".join(doings), document=doc.name, line=row.line, end_line=row.end_line,
        ))
    return mentions


# --- prose: markets, targets, programmes ---------------------------------------------------------------------------


def prose_lines(doc: SourceDocument, layout: Layout, tables: list[Table]):
    """(line, text) of the running text: no headers, markers, captions or table rows; markup removed."""
    for number, text in doc.numbered(layout.pages[0].header_line):
        if "\t" in text or "<table" in text or _PAGE_HEADER.match(text) or layout.is_marker(text):
            continue
        if _CAPTION.match(text) or _UNIT_LINE.match(text.strip()):
            continue
        yield number, re.sub(r"\s+", " ", _TAG.sub(" ", text)).strip()


def _cell_texts(tables: list[Table], shortest: int = 21):
    """(line, item) of the bulleted text cells of tables, where firms' doings and plans are written; a cell shorter
    than `shortest` is a label (`(분야) 전기차 부품`), unless it is read for the amount it may hold."""
    for table in tables:
        for row in table.rows:
            for cell in row.cells:
                if len(cell.text) >= shortest and not _NUMERIC_CELL.match(cell.text):
                    yield from cell.items


def market_figures(doc: SourceDocument, prose, tables, topic_at) -> list[MarketFigure]:
    """The market quantities of the running text and of the text cells of tables, each line a text; a figure of
    a firm's row (기업 | 현황) with no place of its own is scoped to the firm, and one with no date of its own
    takes the date its table's caption prints."""
    figures = []
    firms, periods = _row_firms(tables), _caption_periods(tables)
    heading = previous = ""
    for number, text in list(prose) + list(_cell_texts(tables, shortest=1)):
        # a dash item is about what its heading and the item before it are about (`5G 가입자 1,100만명` / `- ... 12월에는
        # 1,100만명 돌파`, `IoT 가입도 1천만 회선 돌파` / `- 서비스별로는 원격관제 517만 5천 40개(51.5%)`)
        context = f"{heading} {previous}" if _DASH_ITEM.match(text) else ""
        found = market_figures_of(find_quantities(_clean(text), context=context), doc.name, lambda offset: number,
                                  topic_id=topic_at(number).id)
        heading = heading if _DASH_ITEM.match(text) else text
        previous = text
        for figure in found:
            figure.scope = figure.scope or firms.get(number, "")
            if figure.year is None and figure.year_from is None and figure.year_to is None:
                figure.year, figure.year_from, figure.year_to = periods.get(number, (None, None, None))
        figures.extend(found)
    return figures


_DASH_ITEM = re.compile(r"^\s*[-–ㆍ·]\s")


def _caption_periods(tables: list[Table]) -> dict[int, tuple[int | None, int | None, int | None]]:
    """line -> (year, year_from, year_to) printed in the caption of the table whose cell holds that line
    (`< 주요성과 창출 사례, ('18~'20) >`): the date of a cell's figure that prints none of its own."""
    return {
        line: _column_years(table.caption, [])
        for table in tables if _COLUMN_YEAR.search(table.caption)
        for row in table.rows for cell in row.cells for line, _ in cell.items
    }


def _row_firms(tables: list[Table]) -> dict[int, str]:
    """line -> the firm of the table row whose bulleted cell holds that line, in tables whose first column is 기업."""
    return {
        line: row.label
        for table in tables if table.rows and table.rows[0].label in _FIRM_COLUMN
        for row in table.rows[1:] if row.label
        for cell in row.cells[1:] for line, _ in cell.items
    }


def dated_targets(
    doc: SourceDocument, prose, tables, topic_at, published: tuple[int, int], firms: tuple[str, ...] = ()
) -> list[Milestone]:
    """Plans and targets with the date they are set for; a line with several dates is one target per date, each
    with its own part of the line (targets.py), the actor named by the text or one of the known `firms`.

    In a brief about the month just past, a date not before the issue (`published`, year and month) is what
    something is planned for, unless the sentence only forecasts (전망, 예측); a part dated only before it (`('19) 15
    → ('20) 19 → ('21) 200` keeps '21; `특화단지 지정('21.1)` in the issue of 2021-03) is a past figure or event, and
    a part with nothing but its dates (`3단계('23~'27)`) none.
    Titles and 【 】 headings name events and are skipped.
    """
    titles = {topic_at(number).line for number, _ in prose}
    row_firms = _row_firms(tables)
    milestones = []
    for number, text in list(prose) + list(_cell_texts(tables)):
        if number in titles or text.startswith("【"):
            continue
        marked = bool(_TARGET_MARK.search(text) or _STAGE.search(text))
        if _FORECAST.search(text) and not _PLANNED.search(text) and not marked:
            continue
        text = _clean(text)
        found = list(_PERIOD.finditer(text))
        current = {i for i, m in enumerate(found) if not is_over(text, m.span(), published)}
        if not current:
            continue
        for part, held in dated_parts(text, [m.span() for m in found]):
            dates = [i for i in held if i in current]
            if not dates or not has_content(part, []):
                continue
            period = found[dates[0]].group(0).strip()
            date, period_year = normalise_date(expand_short_years(period), published[0])
            if _SERIES_POINT.search(part) and period_year == published[0] and not _PLANNED.search(part):
                continue  # `예산 2배 확대 : ('21) 2.35 → ('22 목표) 2.52조원`: the issue's own year is the level reached
            milestones.append(Milestone(
                topic_id=topic_at(number).id, period=period, year=period_year, date=date, milestone=part,
                actor=actor_of(part, firms + AGENCIES) or actor_of(text, firms) or row_firms.get(number, ""), document=doc.name,
                line=number, end_line=number,
            ))
    return milestones


_SERIES_POINT = re.compile(r"[:：]\s*\(\s*['’‘]\d{2}[^()]*\)\s*[\d,.]+")


def heading_programmes(doc: SourceDocument, prose, topics: list[Topic]) -> list[Programme]:
    """Programmes and policies named by ▣ / 【 】 headings, and the FOCUS strategy named by its title."""
    by_id = {topic.id: topic for topic in topics}
    topic_at = _topic_finder(topics)
    programmes = []
    for topic in topics:
        if topic.kind == FOCUS_KIND:
            organisation = _ORGANISATION.search(topic.title)
            name = _ORGANISATION.sub("", topic.title).strip()
            programmes.append(_programme(doc, topic, name, organisation.group(1) if organisation else "", topic.line))
    for number, text in prose:
        match = _PROGRAMME_HEADING.match(text)
        if not match or not text.lstrip().startswith(("▣", "【")):
            continue
        name = match.group("name").strip(" 】")
        if _programme_kind(name):
            topic = by_id[topic_at(number).id]
            organisation = _ORGANISATION.search(topic.title)
            programmes.append(_programme(doc, topic, name, organisation.group(1) if organisation else "", number))
    return programmes


def _programme_kind(name: str) -> str:
    return next((kind for suffix, kind in _PROGRAMME_KINDS if name.endswith(suffix)), "")


def _programme(doc: SourceDocument, topic: Topic, name: str, organisation: str, line: int) -> Programme:
    return Programme(
        topic_id=topic.id, name=name, kind=_programme_kind(name) or "policy", organisation=organisation,
        document=doc.name, line=line, end_line=line,
    )


# --- curated ------------------------------------------------------------------------------------------------------


def _rows_for(path: Path, doc: SourceDocument, required: tuple[str, ...]) -> list[dict]:
    """The rows of a curated file that cite `doc`."""
    return [row for row in read_curated_csv(path, required + ("document", "line")) if row["document"] == doc.name]


def curated_firm_mentions(doc: SourceDocument, path: Path, topic_at) -> list[FirmMention]:
    mentions = []
    for row in _rows_for(path, doc, ("name", "role", "opinion", "end_line")):
        line, end_line = cited_span(path, row, doc, row["name"], row["opinion"])
        mentions.append(FirmMention(
            firm_id=firm_key(row["name"]), topic_id=topic_at(line).id, name_printed=row["name"], role=row["role"],
            opinion=row["opinion"], document=doc.name, line=line, end_line=end_line,
        ))
    return mentions


def curated_programmes(doc: SourceDocument, path: Path, topic_at, topics: dict[str, Topic]) -> list[Programme]:
    programmes = []
    columns = ("name", "kind", "organisation", "amount_printed", "year", "description", "end_line")
    for row in _rows_for(path, doc, columns):
        line, end_line = cited_span(path, row, doc, row["name"], row["amount_printed"], row["description"])
        amount = None
        if row["amount_printed"]:
            amounts = find_amounts(row["amount_printed"])
            if not amounts:
                raise BuildError(f"{path.name} row {row['_row']}: no amount of money in {row['amount_printed']!r}")
            amount = amounts[0]
        programmes.append(Programme(
            topic_id=topic_at(line).id, name=row["name"], kind=row["kind"], organisation=row["organisation"],
            amount_printed=row["amount_printed"], amount=amount.value if amount else None,
            currency=amount.currency if amount else "", year=int(row["year"]) if row["year"] else None,
            description=row["description"], document=doc.name, line=line, end_line=end_line,
        ))
    return programmes
