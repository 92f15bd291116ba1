"""「기술과 혁신」 vol. 469 (KOITA 한국산업기술진흥협회, 2025년 1+2월호): the magazine as companion records.

Read by rule where the layout is regular:
- NET 신기술 인증: the six `회사명 / 주생산품 / 인증기간 / 분야` boxes, paired in order with the six technology
  titles (runs of unbroken lines ending in 기술) printed before them;
- 대한민국 엔지니어상: the winner sentences `이름 회사㈜ 직함은 ...`, paired in order with the award titles printed
  under the heading;
- IR52 장영실상: the developer paragraphs `이름, 이름 직함이 개발한 제품은 ...`, paired in order with the firms of
  the winners' list read row by row (the list is a two-column grid flattened into lines);
- the 부처 -> 전문기관 -> URL table of the 2025 government R&D article;
- the 민간R&D협의체 분야 -> (기술수요)/(정책제언) table;
- the NEWS list: `날짜 행사를 장소에서 진행했다.` followed by `문의: 팀 이름 직함(전화)`;
- the 기업부설연구소 statistics tables, whose columns are declared below (several headers hold spaces or wrap).
Everything else is prose and is curated under seeds/curated/koita_*.csv, each row citing the lines that hold it.

In the 서비스 분야 table the company-size rows are printed 중견기업, 중견기업, 중소기업; the rows are taken by
position (대기업, 중견기업, 중소기업), which is what their sums show.
"""

from __future__ import annotations

import re
import statistics as stats
from dataclasses import dataclass, replace
from pathlib import Path

from smbstar.db import CURATED
from smbstar.errors import BuildError
from smbstar.ingest.companion import CompanionRecords
from smbstar.ingest.curated import cited_span, read_curated_csv
from smbstar.ingest.dates import normalise_date
from smbstar.ingest.document import SourceDocument, join_lines
from smbstar.ingest.money import find_amounts
from smbstar.ingest.names import firm_key
from smbstar.ingest.quantities import Quantity, find_quantities, market_figures
from smbstar.korean import compact
from smbstar.models import (
    Award,
    Contact,
    FirmMention,
    MarketFigure,
    Milestone,
    Programme,
    Statistic,
    Topic,
)

DOCUMENT_YEAR = 2025
NET_AWARD = "NET 신기술 인증"
ENGINEER_AWARD = "대한민국 엔지니어상"
IR52_AWARD = "IR52 장영실상"

# Topics of koita_topics.csv whose span the rules below read.
NET_TOPIC = "001-award-01"
ENGINEER_TOPIC = "001-award-02"
IR52_TOPIC = "001-award-03"
TV_TOPIC = "001-video-01"
BUDGET_TOPIC = "001-budget-01"
DEMAND_TOPIC = "001-news-05"
STATISTICS_TOPIC = "001-statistics-01"

# A pair of won and foreign-currency figures is doubted when its rate strays this far from the median rate of the
# document's other pairs in that currency.
RATE_TOLERANCE = 0.03

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
_NET_BOX_LABELS = ("주생산품", "인증기간", "분야")
_ENGINEER_WINNER = re.compile(r"^([가-힣]{2,4}) (\S*㈜\S*) (.+?)(?:은|는) ")
_IR52_PARAGRAPH = re.compile(r"^[가-힣]{2,4}(?:,\s| \S+(?:,|와)\s)")
_IR52_DEVELOPERS = re.compile(r"^(.+?)(?:이|가) (?:세계 최초로 )?개발한 (.+?)(?:은|는) ")
_FIRM_TOKEN = re.compile(r"\S*(?:\(주\)|㈜)\S*")
_PERSON = re.compile(r"^([가-힣]{2,4})(?:\s+(.+))?$")
_URL = re.compile(r"https?://\S+")
_NEWS_EVENT = re.compile(r"^(\d{4}년 \d{1,2}월 \d{1,2}일\([^)]*\)(?:~\d{1,2}일\([^)]*\))?) (.*)(?:을|를) (.+?)에서 진행했다\.")
# A 산기협TV speaker under their talk's title: `권기성 수석부사장(셀트리온)`, `송재하CTO(우아한형제들)`.
_TV_SPEAKER = re.compile(r"^([가-힣]{2,4})\s?([^()\s][^()]*?)\(([^()]+)\)$")
_NEWS_CONTACT = re.compile(r"^문의\s*:\s*(\S+)\s+([가-힣]{2,4})\s+(\S+?)\(([\d-]+)\)")
_STAT_ROW = re.compile(r"^\s*([가-힣]+(?: [가-힣]+)?)\s+((?:[\d,.]+\s+)*[\d,.]+)\s*$")
_SENTENCE = re.compile(r".+?다\.(?:[”’\"'])?(?=\s|$)", re.S)

_SIZES = ("대기업", "중견기업", "중소기업")
_MEASURES = {"연구소 수": "개소", "연구원 수": "명"}


@dataclass(frozen=True)
class StatisticsTable:
    """One printed block of a 기업부설연구소 table: its header line (found by its text) and its columns."""

    table: str
    header: str
    columns: tuple[str, ...]


STATISTICS_TABLES = (
    StatisticsTable("학위별 연구원", "구분 박사 석사 학사", ("박사", "석사", "학사", "전문학사", "기타", "총계")),
    StatisticsTable(
        "면적별", "구분 50㎡ 이하",
        ("50㎡ 이하", "50~100㎡", "100~500㎡", "500~1,000㎡", "1,000~3,000㎡", "3,000㎡ 초과", "총계"),
    ),
    StatisticsTable("형태별", "구 분 건물전체", ("건물전체", "독립공간", "분리구역", "총계")),
    StatisticsTable(
        "지역별", "서울 인천 경기 소계",
        ("서울", "인천", "경기", "수도권 소계", "대전", "세종", "충남", "충북", "강원", "중부권 소계", "제주"),
    ),
    StatisticsTable(
        "지역별", "부산 울산 대구 경남",
        ("부산", "울산", "대구", "경남", "경북", "영남권 소계", "광주", "전남", "전북", "호남권 소계", "해외(기타)", "총계"),
    ),
    StatisticsTable("과학기술 분야", "구분 건설 금속 기계", ("건설", "금속", "기계", "생명과학", "섬유", "소재")),
    StatisticsTable(
        "과학기술 분야", "구분 식품 전기·전자", ("식품", "전기·전자", "화학", "환경", "산업디자인", "기타", "총계")
    ),
    StatisticsTable(
        "총괄현황", "구분 2017 2018 2019",
        ("2017", "2018", "2019", "2020", "2021", "2022", "2023", "2024.11"),
    ),
    StatisticsTable(
        "서비스 분야", "예술, 스포츠 및",
        (
            "예술, 스포츠 및 여가관련서비스", "운수", "전문, 과학 및 기술서비스", "출판, 영상, 방송 통신 및 정보서비스",
            "하수·폐기물처리, 원료재생 및 환경복원", "기타", "총계",
        ),
    ),
    StatisticsTable(
        "서비스 분야", "구 분 교육서비스",
        (
            "교육서비스", "금융 및 보험", "도매 및 소매", "보건 및 사회복지서비스", "부동산 및 임대",
            "사업시설관리 및 사업지원서비스", "숙박 및 음식점",
        ),
    ),
    StatisticsTable("연구원 규모별", "구 분 2~4인", ("2~4인", "5~9인", "10~49인", "50~300인", "301인 이상", "총계")),
)


def parse_koita(doc: SourceDocument, curated: Path = CURATED) -> CompanionRecords:
    topics = curated_topics(doc, curated / "koita_topics.csv")
    by_id = {topic.id: topic for topic in topics}
    news_topics, news_contacts = parse_news_list(doc, topics)
    records = CompanionRecords(topics=topics + news_topics, contacts=news_contacts)

    awards, mentions = parse_net_certificates(doc, by_id[NET_TOPIC])
    records.awards += awards
    records.firm_mentions += mentions
    for parse_winners, topic_id in ((parse_engineer_awards, ENGINEER_TOPIC), (parse_ir52_awards, IR52_TOPIC)):
        awards, mentions, contacts = parse_winners(doc, by_id[topic_id])
        records.awards += awards
        records.firm_mentions += mentions
        records.contacts += contacts

    records.contacts += parse_tv_speakers(doc, by_id[TV_TOPIC])
    records.programmes += parse_agency_table(doc, by_id[BUDGET_TOPIC])
    records.programmes += parse_demand_table(doc, by_id[DEMAND_TOPIC])
    records.programmes += curated_programmes(doc, curated / "koita_programmes.csv", by_id)
    records.statistics += parse_statistics(doc, by_id[STATISTICS_TOPIC])
    records.firm_mentions += curated_firm_mentions(doc, curated / "koita_firms.csv", by_id)
    records.contacts += curated_contacts(doc, curated / "koita_people.csv", by_id)
    records.milestones += curated_milestones(doc, curated / "koita_milestones.csv", by_id)
    records.markets += curated_market_figures(doc, curated / "koita_markets.csv", by_id)
    return records


# --- topics -------------------------------------------------------------------------------------------------------


def curated_topics(doc: SourceDocument, path: Path) -> list[Topic]:
    columns = ("id", "kind", "title", "title_line", "title_end_line", "line", "end_line", "date_printed", "date",
               "summary_line", "summary_from", "summary_sentences", "document")
    topics = []
    for row in read_curated_csv(path, columns):
        title_line, title_end = cited_span(path, row, doc, row["title"], first="title_line", last="title_end_line")
        line, end_line = cited_span(path, row, doc)
        summary_line, _ = cited_span(path, row, doc, row["summary_from"], first="summary_line", last="summary_line")
        if not line <= title_line <= title_end <= end_line:
            raise BuildError(f"{path.name} row {row['_row']}: title lines {title_line}-{title_end} are outside the topic")
        text = doc.span(summary_line, end_line)
        text = text[text.find(row["summary_from"]):] if row["summary_from"] in text else text
        sentences = _SENTENCE.findall(text)[: int(row["summary_sentences"] or 1)]
        date = row["date"] or normalise_date(row["date_printed"], DOCUMENT_YEAR)[0] if row["date_printed"] else ""
        topics.append(Topic(
            id=row["id"], document=doc.name, kind=row["kind"], title=row["title"],
            summary=" ".join(s.strip() for s in sentences), date_printed=row["date_printed"], date=date,
            line=line, end_line=end_line,
        ))
    return topics


def _next_number(topics: list[Topic], kind: str) -> int:
    return 1 + max((int(t.id.rsplit("-", 1)[1]) for t in topics if t.kind == kind), default=0)


def parse_news_list(doc: SourceDocument, articles: list[Topic]) -> tuple[list[Topic], list[Contact]]:
    """The NEWS list of KOITA events: one topic per `날짜 행사를 장소에서 진행했다.`, its 문의 person a contact.

    An event the issue also reports in an article (제3회 기술개발인의 날 기념식 on 2024-10-24) is that article's
    topic, not a second one; the brief's 문의 person is a contact of the article.
    """
    first_number = _next_number(articles, "news")
    reported = {(t.date, _event_key(t.title)): t.id for t in articles if t.kind == "news"}
    topics: list[Topic] = []
    contacts: list[Contact] = []
    lines = list(doc.numbered())
    for index, (number, text) in enumerate(lines):
        if not re.match(r"^\d{4}년 \d{1,2}월 \d{1,2}일\(", text.strip()):
            continue
        following = lines[index : index + 3]
        sentence = join_lines(t for _, t in following[:2])
        event = _NEWS_EVENT.match(sentence)
        contact_line = next(((n, t) for n, t in following[1:] if _NEWS_CONTACT.match(t.strip())), None)
        if not event or not contact_line:
            continue
        date_printed, title, place = event.groups()
        date, _ = normalise_date(date_printed, DOCUMENT_YEAR)
        end_line = contact_line[0]
        topic_id = reported.get((date, _event_key(title)))
        if topic_id is None:
            topic_id = f"001-news-{first_number + len(topics):02d}"
            topics.append(Topic(
                id=topic_id, document=doc.name, kind="news", title=title.strip(),
                summary=event.group(0), date_printed=date_printed, date=date, line=number, end_line=end_line,
            ))
        team, name, title_, phone = _NEWS_CONTACT.match(contact_line[1].strip()).groups()
        contacts.append(Contact(
            person_key=f"한국산업기술진흥협회:{name}", topic_id=topic_id, name=name,
            institute=f"한국산업기술진흥협회 {team}", title=title_, role=f"문의 ({title.strip()})", phone=phone,
            document=doc.name, line=end_line, end_line=end_line,
        ))
    return topics, contacts


def _event_key(title: str) -> str:
    """An event's title as compared between an article and the NEWS list: no spaces, no quotes."""
    return re.sub(r"[‘’'\"「」]", "", compact(title))


def parse_tv_speakers(doc: SourceDocument, topic: Topic) -> list[Contact]:
    """산기협TV: each talk's title on its own lines, then its speaker `이름 직함(소속)`."""
    contacts = []
    title_lines: list[str] = []
    for number, text in doc.numbered(topic.line, topic.end_line + 1):
        stripped = text.strip()
        if match := _TV_SPEAKER.match(stripped):
            name, title, institute = match.groups()
            contacts.append(Contact(
                person_key=f"{firm_key(institute)}:{name}", topic_id=topic.id, name=name, institute=institute,
                title=title.strip(), expertise=join_lines(title_lines), role="산기협TV 강연", document=doc.name,
                line=number, end_line=number,
            ))
            title_lines = []
        elif "만나보세요" in stripped:
            title_lines = []
        elif stripped:
            title_lines.append(text)
    return contacts


# --- awards -------------------------------------------------------------------------------------------------------


def parse_net_certificates(doc: SourceDocument, topic: Topic) -> tuple[list[Award], list[FirmMention]]:
    """The NET boxes, each paired with the technology title printed in the same position before the boxes."""
    boxes = _net_boxes(doc, topic)
    first_description = next(n for n, t in doc.numbered(topic.line, topic.end_line + 1) if t.strip().startswith("본 기술은"))
    titles = [
        run for run in _line_runs(doc, first_description, topic.end_line)
        if doc.span(*run).endswith("기술") and not _starts_item(doc.line(run[0]))
    ]
    if len(titles) != len(boxes):
        raise BuildError(f"{doc.name}: {len(boxes)} NET certificate boxes but {len(titles)} technology titles")
    awards, mentions = [], []
    for (start, end), box in zip(titles, boxes):
        subject = doc.span(start, end)
        line, end_line = min(start, box["line"]), max(end, box["end_line"])
        name = box["회사명"]
        awards.append(Award(
            topic_id=topic.id, award=NET_AWARD, firm_id=firm_key(name), firm_printed=name, subject=subject,
            date_printed=box["인증기간"], document=doc.name, line=line, end_line=end_line,
        ))
        mentions.append(FirmMention(
            firm_id=firm_key(name), topic_id=topic.id, name_printed=name, role=NET_AWARD,
            opinion=f"{subject} (주생산품: {box['주생산품']}; 분야: {box['분야']})",
            document=doc.name, line=line, end_line=end_line,
        ))
    return awards, mentions


def _net_boxes(doc: SourceDocument, topic: Topic) -> list[dict]:
    """Each box from its 회사명 line to its 분야 line; a label's value may run on over the next lines."""
    boxes: list[dict] = []
    label = None
    for number, text in doc.numbered(topic.line, topic.end_line + 1):
        text = text.strip()
        if text.startswith("회사명"):
            boxes.append({"회사명": text.removeprefix("회사명").strip(), "line": number, "end_line": number})
            label = None
            continue
        if not boxes or "분야" in boxes[-1]:
            continue
        label = next((lab for lab in _NET_BOX_LABELS if text.startswith(lab)), label)
        if label is None:
            continue
        box = boxes[-1]
        piece = text.removeprefix(label).strip() if text.startswith(label) else text
        box[label] = join_lines([box.get(label, ""), piece])
        box["end_line"] = number
    for box in boxes:
        missing = [label for label in _NET_BOX_LABELS if not box.get(label)]
        if missing:
            raise BuildError(f"{doc.name}:{box['line']}: NET box of {box['회사명']} lacks {', '.join(missing)}")
    return boxes


def parse_engineer_awards(doc: SourceDocument, topic: Topic):
    """대한민국 엔지니어상: winners `이름 회사㈜ 직함은 ... 공로를 인정받았다.`, titles printed in the same order."""
    numbered = list(doc.numbered(topic.line, topic.end_line + 1))
    winners = []
    for index, (number, text) in enumerate(numbered):
        match = _ENGINEER_WINNER.match(text.strip())
        if match:
            rest = numbered[index : index + 6]
            sentence = _SENTENCE.match(join_lines(t for _, t in rest))
            end_line = next(n for n, _ in rest if compact("인정받았다") in compact(doc.span(number, n)))
            winners.append((match.groups(), sentence.group(0) if sentence else "", number, end_line))
    heading = next(n for n, t in numbered if t.strip() == ENGINEER_AWARD)
    titles = _line_runs(doc, heading + 1, winners[0][2] - 1) if winners else []
    if len(titles) != len(winners):
        raise BuildError(f"{doc.name}: {len(winners)} 엔지니어상 winners but {len(titles)} award titles")
    awards, mentions, contacts = [], [], []
    for (start, end), ((name, firm, title), sentence, line, end_line) in zip(titles, winners):
        subject = doc.span(start, end)
        awards.append(Award(
            topic_id=topic.id, award=ENGINEER_AWARD, firm_id=firm_key(firm), firm_printed=firm, person=name,
            subject=subject, document=doc.name, line=start, end_line=end_line,
        ))
        mentions.append(FirmMention(
            firm_id=firm_key(firm), topic_id=topic.id, name_printed=firm, role=ENGINEER_AWARD, opinion=sentence,
            document=doc.name, line=line, end_line=end_line,
        ))
        contacts.append(Contact(
            person_key=f"{firm_key(firm)}:{name}", topic_id=topic.id, name=name, institute=firm, title=title,
            expertise=subject, role=f"{ENGINEER_AWARD} 수상", document=doc.name, line=line, end_line=line,
        ))
    return awards, mentions, contacts


def parse_ir52_awards(doc: SourceDocument, topic: Topic):
    """IR52 장영실상: developer paragraphs in the order of the winners' firms, read row by row."""
    numbered = list(doc.numbered(topic.line, topic.end_line + 1))
    paragraphs = []
    for index, (number, text) in enumerate(numbered):
        if not _IR52_PARAGRAPH.match(text.strip()):
            continue
        rest = numbered[index : index + 3]
        match = _IR52_DEVELOPERS.match(join_lines(t for _, t in rest))
        if match:
            product_end = next(n for n, _ in rest if compact(match.group(2)) in compact(doc.span(number, n)))
            paragraphs.append((match.group(1), match.group(2), number, product_end))
    applying = next(n for n, t in numbered if "신청방법" in t)
    firms = [(n, token) for n, t in numbered if n > applying for token in _FIRM_TOKEN.findall(t)]
    if len(firms) != len(paragraphs):
        raise BuildError(f"{doc.name}: {len(paragraphs)} IR52 products but {len(firms)} winning firms")
    awards, mentions, contacts = [], [], []
    for (people, product, line, end_line), (firm_line, firm) in zip(paragraphs, firms):
        developers = _developers(people)
        awards.append(Award(
            topic_id=topic.id, award=IR52_AWARD, firm_id=firm_key(firm), firm_printed=firm,
            person=", ".join(name for name, _ in developers), subject=product,
            document=doc.name, line=line, end_line=firm_line,
        ))
        mentions.append(FirmMention(
            firm_id=firm_key(firm), topic_id=topic.id, name_printed=firm, role=IR52_AWARD, opinion=product,
            document=doc.name, line=firm_line, end_line=firm_line,
        ))
        contacts += [
            Contact(
                person_key=f"{firm_key(firm)}:{name}", topic_id=topic.id, name=name, institute=firm, title=title,
                expertise=product, role=f"{IR52_AWARD} 수상", document=doc.name, line=line, end_line=end_line,
            )
            for name, title in developers
        ]
    return awards, mentions, contacts


def _developers(people: str) -> list[tuple[str, str]]:
    """`성종훈, 박종원 수석연구원` -> each name with its title; a name without one shares the next title printed."""
    parsed = []
    for part in re.split(r",\s*|와\s+", people):
        match = _PERSON.match(part.strip())
        if match:
            parsed.append([match.group(1), match.group(2) or ""])
    title = ""
    for entry in reversed(parsed):
        title = entry[1] = entry[1] or title
    return [tuple(entry) for entry in parsed]


def _line_runs(doc: SourceDocument, start: int, end: int) -> list[tuple[int, int]]:
    """Runs of consecutive non-blank lines in start..end: how the PDF prints a title broken over lines."""
    runs: list[tuple[int, int]] = []
    for number in range(start, end + 1):
        if not doc.line(number).strip():
            continue
        if runs and runs[-1][1] == number - 1:
            runs[-1] = (runs[-1][0], number)
        else:
            runs.append((number, number))
    return runs


def _starts_item(text: str) -> bool:
    text = text.strip()
    return text.startswith(("본 기술은", "회사명", *_NET_BOX_LABELS, "•", "-")) or text[:1] in _CIRCLED


# --- programmes ---------------------------------------------------------------------------------------------------


def parse_agency_table(doc: SourceDocument, topic: Topic) -> list[Programme]:
    """표 1 정부 부처 주요 R&D 지원 사업 전담 기관: ministry lines, then `기관 URL` (or `부처 기관 URL`) lines."""
    numbered = list(doc.numbered(topic.line, topic.end_line + 1))
    header = next(i for i, (_, t) in enumerate(numbered) if compact("부처 지원 전담 기관") in compact(t))
    programmes, ministry = [], ""
    for number, text in numbered[header + 1 :]:
        url = _URL.search(text)
        words = _URL.sub("", text).split()
        if not url and text.rstrip().endswith(" -"):
            words, url_text = words[:-1], ""
        elif url:
            url_text = url.group(0)
        elif len(words) == 1 and words[0].endswith(("부", "처", "청")):
            ministry = words[0]
            continue
        else:
            break
        if len(words) == 2:
            ministry, words = words[0], words[1:]
        programmes.append(Programme(
            topic_id=topic.id, name=" ".join(words), kind="agency", organisation=ministry, url=url_text,
            description="정부 부처 주요 R&D 지원 사업 전담 기관", document=doc.name, line=number, end_line=number,
        ))
    return programmes


def parse_demand_table(doc: SourceDocument, topic: Topic) -> list[Programme]:
    """The 산업별 민간R&D협의체 table: a field line, then its (기술수요) and (정책제언) items, cited from the field."""
    numbered = list(doc.numbered(topic.line, topic.end_line + 1))
    header = next(i for i, (_, t) in enumerate(numbered) if compact(t) == compact("분야 주요 내용"))
    items: list[dict] = []
    field, field_line = "", 0
    rows = numbered[header + 1 :]
    for index, (number, text) in enumerate(rows):
        text = text.replace("\ufffd", "").lstrip()
        marker = re.match(r"^\((기술수요|정책제언)\)\s*(.*)$", text, re.S)
        if marker:
            items.append({"field": field, "kind": marker.group(1), "lines": [marker.group(2)], "line": field_line,
                          "end_line": number})
        elif index + 1 < len(rows) and rows[index + 1][1].strip().startswith("(기술수요)"):
            field, field_line = text.strip(), number
        elif items:
            items[-1]["lines"].append(text)
            items[-1]["end_line"] = number
    return [
        Programme(
            topic_id=topic.id, name=f"{item['field']} {item['kind']}", kind=item["kind"],
            organisation="산업별 민간R&D협의체", year=2024, description=join_lines(item["lines"]),
            document=doc.name, line=item["line"], end_line=item["end_line"],
        )
        for item in items
    ]


def curated_programmes(doc: SourceDocument, path: Path, topics: dict) -> list[Programme]:
    columns = ("topic_id", "name", "kind", "organisation", "amount_printed", "year", "description", "line",
               "end_line", "document")
    programmes = []
    for row in read_curated_csv(path, columns):
        line, end_line = cited_span(path, row, doc, row["amount_printed"])
        amount = _first_amount(path, row, row["amount_printed"])
        programmes.append(Programme(
            topic_id=_topic_id(path, row, topics), name=row["name"], kind=row["kind"],
            organisation=row["organisation"], amount_printed=row["amount_printed"], amount=amount.value,
            currency=amount.currency, year=int(row["year"]) if row["year"] else None, description=row["description"],
            document=doc.name, line=line, end_line=end_line,
        ))
    return programmes


# --- statistics ---------------------------------------------------------------------------------------------------


def parse_statistics(doc: SourceDocument, topic: Topic) -> list[Statistic]:
    numbered = list(doc.numbered(topic.line, topic.end_line + 1))
    statistics: list[Statistic] = []
    for spec in STATISTICS_TABLES:
        header = next((i for i, (_, t) in enumerate(numbered) if compact(spec.header) in compact(t)), None)
        if header is None:
            raise BuildError(f"{doc.name}: no header {spec.header!r} of the {spec.table} table")
        statistics += _table_rows(doc, topic, spec, numbered[header + 1 :])
    return statistics


def _table_rows(doc: SourceDocument, topic: Topic, spec: StatisticsTable, numbered) -> list[Statistic]:
    rows: list[Statistic] = []
    measure, size_index, started = "", 0, False
    for number, text in numbered:
        match = _STAT_ROW.match(text)
        label = match.group(1) if match else ""
        if label not in _MEASURES and label not in _SIZES:
            if started:
                break
            continue
        started = True
        values = match.group(2).split()
        if len(values) != len(spec.columns):
            raise BuildError(f"{doc.name}:{number}: {len(values)} values in a {spec.table} row of {len(spec.columns)}")
        if label in _MEASURES:
            measure, size_index, row = label, 0, label
        else:
            row = f"{_SIZES[size_index]} {measure}"
            size_index += 1
        rows += [
            Statistic(
                topic_id=topic.id, table=spec.table, row=row, column=column, value=float(printed.replace(",", "")),
                value_printed=printed, unit=_MEASURES[measure], document=doc.name, line=number,
            )
            for column, printed in zip(spec.columns, values)
        ]
    return rows


# --- curated prose ------------------------------------------------------------------------------------------------


def curated_firm_mentions(doc: SourceDocument, path: Path, topics: dict) -> list[FirmMention]:
    mentions = []
    for row in read_curated_csv(path, ("topic_id", "name", "role", "opinion", "line", "end_line", "document")):
        line, end_line = cited_span(path, row, doc, row["name"], row["opinion"])
        mentions.append(FirmMention(
            firm_id=firm_key(row["name"]), topic_id=_topic_id(path, row, topics), name_printed=row["name"],
            role=row["role"], opinion=row["opinion"], document=doc.name, line=line, end_line=end_line,
        ))
    return mentions


def curated_contacts(doc: SourceDocument, path: Path, topics: dict) -> list[Contact]:
    columns = ("topic_id", "name", "title", "institute", "role", "line", "end_line", "document")
    contacts = []
    for row in read_curated_csv(path, columns):
        line, end_line = cited_span(path, row, doc, row["name"], row["title"])
        institute = row["institute"]
        contacts.append(Contact(
            person_key=f"{firm_key(institute) if institute else '001'}:{row['name']}",
            topic_id=_topic_id(path, row, topics), name=row["name"], institute=institute, title=row["title"],
            role=row["role"], document=doc.name, line=line, end_line=end_line,
        ))
    return contacts


def curated_milestones(doc: SourceDocument, path: Path, topics: dict) -> list[Milestone]:
    columns = ("topic_id", "period", "milestone", "caption", "actor", "year", "date", "line", "end_line", "document")
    milestones = []
    for row in read_curated_csv(path, columns):
        line, end_line = cited_span(path, row, doc, row["period"], row["milestone"])
        date, year = normalise_date(row["period"], DOCUMENT_YEAR)
        milestones.append(Milestone(
            topic_id=_topic_id(path, row, topics), period=row["period"],
            year=int(row["year"]) if row["year"] else year, date=row["date"] or date, milestone=row["milestone"],
            caption=row["caption"], actor=row["actor"], document=doc.name, line=line, end_line=end_line,
        ))
    return milestones


def curated_market_figures(doc: SourceDocument, path: Path, topics: dict) -> list[MarketFigure]:
    """The curated figures, each read by the shared extractor in its sentence (measure, value, range); the curated
    subject and scope, and the curated year where given, stand. The second figure of a pair is the conversion of the first."""
    columns = ("topic_id", "value_printed", "subject", "scope", "year", "pair", "line", "end_line", "document")
    figures, pairs = [], {}
    for row in read_curated_csv(path, columns):
        line, end_line = cited_span(path, row, doc, row["value_printed"])
        sentence = _sentence_around(doc, line, end_line, row["value_printed"])
        quantity = _quantity_printed(path, row, sentence)
        figure = market_figures([quantity], doc.name, lambda offset: line, topic_id=_topic_id(path, row, topics))[0]
        figure.end_line = end_line
        figure.value_printed = row["value_printed"]
        figure.subject, figure.scope = row["subject"], row["scope"]
        if row["year"]:
            figure.year, figure.year_from, figure.year_to = int(row["year"]), None, None
        figures.append(figure)
        if row["pair"]:
            pair = pairs.setdefault(row["pair"], [])
            if pair:
                figure.converts = pair[0]
            pair.append(figure)
    flag_disagreeing_pairs(list(pairs.values()))
    return figures


def _quantity_printed(path: Path, row: dict, sentence: str) -> Quantity:
    """The quantity of the sentence printed as the row's value_printed."""
    printed = compact(row["value_printed"])
    for quantity in find_quantities(sentence, "KRW", market_only=False):
        if compact(quantity.printed) in printed or printed in compact(quantity.printed):
            return replace(quantity, converts=None)  # a pair is linked by the curated `pair` key
    raise BuildError(f"{path.name} row {row['_row']}: no quantity {row['value_printed']!r} in {sentence!r}")


def flag_disagreeing_pairs(pairs: list[list[MarketFigure]]) -> None:
    """Flag both figures of a won/foreign pair whose rate strays from the median rate of the other pairs."""
    rates: dict[str, list[tuple[float, list[MarketFigure]]]] = {}
    for pair in pairs:
        won = [f for f in pair if f.currency == "KRW"]
        foreign = [f for f in pair if f.currency and f.currency != "KRW"]
        if len(won) == 1 and len(foreign) == 1 and won[0].value and foreign[0].value:
            rates.setdefault(foreign[0].currency, []).append((won[0].value / foreign[0].value, pair))
    for currency, entries in rates.items():
        for rate, pair in entries:
            others = [r for r, p in entries if p is not pair]
            if not others:
                continue
            usual = stats.median(others)
            if abs(rate / usual - 1) > RATE_TOLERANCE:
                printed = " / ".join(f.value_printed for f in pair)
                for figure in pair:
                    figure.flag = (
                        f"원화와 외화 표기가 어긋남: {printed}는 {rate:,.0f}원/{currency}, "
                        f"문서의 다른 쌍은 {usual:,.0f}원/{currency}"
                    )


def _sentence_around(doc: SourceDocument, line: int, end_line: int, value: str) -> str:
    """The sentence of the text around line..end_line that holds `value`; the cited lines if none is found."""
    text = doc.span(max(1, line - 6), min(len(doc), end_line + 6))
    for sentence in _SENTENCE.findall(text):
        if compact(value) in compact(sentence):
            return sentence.strip()
    return doc.span(line, end_line)


def _first_amount(path: Path, row: dict, printed: str):
    amounts = find_amounts(printed, bare_currency="KRW")
    if not amounts:
        raise BuildError(f"{path.name} row {row['_row']}: no amount of money in {printed!r}")
    return amounts[0]


# --- citations ----------------------------------------------------------------------------------------------------


def _topic_id(path: Path, row: dict, topics: dict) -> str:
    if row["topic_id"] not in topics:
        raise BuildError(f"{path.name} row {row['_row']}: unknown topic {row['topic_id']!r}")
    return row["topic_id"]
