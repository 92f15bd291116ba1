"""국가미래전략기술 정책연구소 연차보고서 2023 (002): dated reports per 기술군, expert minutes, the expert forum.

The report is a bundle of short policy reports, each opened by a title line and a line
"(2023.06.27) KAIST 국가미래전략기술 정책연구소". A report's 기술군 (AI 반도체, 이차전지, 양자, 차세대통신,
사이버보안) is the one whose words its text uses most; 양자 in 양자 협력 / 양자 간 ("bilateral") is not quantum.
전문가 자문 회의록 (n) are minutes of consultations with experts named only by affiliation (<KAIST 화학과 교수>,
<SKT 관계자>): a descriptor, not a person, it stays in the minutes' title and is not stored as a contact; the forum's
presenters are named in the programme on the first page. Tables repeated in appendices (붙임, 부록,
별첨) are stored once: a row whose text was already seen is dropped.

A topic ends at the next heading of its level or a higher one: a report (and a 별첨, which stands beside the
reports) at the next report or 별첨; a 붙임, 부록 or 참고 (topics of kind `appendix`, owned by the report before
them) at the next of these; the minutes of an interview at the next minutes or appendix. A row belongs to the
narrowest topic that holds its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from smbstar import models
from smbstar.errors import BuildError
from smbstar.ingest.companion import CompanionRecords
from smbstar.ingest.curated import read_curated_csv
from smbstar.ingest.dates import normalise_date
from smbstar.ingest.document import SourceDocument, join_lines, joined_items
from smbstar.ingest.names import firm_key, same_firm_by_sound
from smbstar.ingest.quantities import dates_of, find_quantities, market_figures, names_a_measure, scope_name
from smbstar.ingest.targets import actor_of, dated_parts, has_content, is_over
from smbstar.korean import compact, is_hangul, tokens

DOCUMENT_YEAR = 2023
PUBLISHED = (2023, 12)  # `국가미래전략기술 정책연구소(2023.12.27.)` on line 8
CURATED = Path(__file__).resolve().parents[2] / "seeds" / "curated"

_REPORT_DATE = re.compile(r"^\s*\(?\s*(\d{4}\.\s*\d{1,2}\.\s*\d{1,2}\.?)\s*\)?\s*KAIST 국가미래전략기술 정책연구소")
_MINUTES = re.compile(r"^\s*전문가 자문 회의록 \((\d+)\)")
_AFFILIATION = re.compile(r"^\s*<(.+)>\s*$")
_SESSION = re.compile(r"^\s*세션\s+(\d)\s+(.+?)\s*$")
_PRESENTATION = re.compile(r"^\s*발표내용 요약 \((\d+)\)")
_PROGRAMME_SESSION = re.compile(r"^\s*\(세션#(\d)\)")
_PRESENTER = re.compile(r"\((?P<name>[가-힣]{2,4}) (?P<title>[^,()]+), (?P<institute>[^,()]+)(?:, [^()]+)?\)")
_CORE_TECHNOLOGY = re.compile(r"^\s*([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭])\s*(.+?)\s*(?:→.*)?$")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭"
_BULLET = re.compile(r"^\s*[◆●•▪ㅇ]\s*")
_CASE_MARK = re.compile("[\uf09f\uf0a7]")  # the bullets the PDF extraction left before a firm's cases
_GLYPH_BULLET = re.compile("^(\\s*)[\ue000-\uf8ff\U000f0000-\U000ffffd]")  # any bullet the PDF extraction left as a private-use glyph

# 기술군 and the words that show a text is about it; 양자 counts only where it does not mean "bilateral".
GROUP_WORDS = {
    "AI 반도체": ("반도체", "AI칩", "NPU", "GPU"),
    "이차전지": ("이차전지", "배터리", "양극재", "음극재", "LFP"),
    "양자": ("양자", "Quantum", "큐비트"),
    "차세대통신": ("6G", "5G", "통신", "특화망"),
    "사이버보안": ("보안", "XDR", "사이버"),
}
_BILATERAL = re.compile(r"양자\s*(?:간|협력|협정|회담|관계)")

# Words that mark a dated line as a target or plan rather than a past event.
_PLAN_WORDS = ("예정", "목표", "계획", "까지", "추진", "착수", "출범", "수립", "양산(", "상용화(", "출시(")
# Plan words that end a list item as a sentence ending would ('… 지원 추진', '… 출시 계획').
_FORECAST = re.compile(r"전망|예측(?!할|하는|모델)|예상(?!되는 ?효과)")
_PLANNED = re.compile(r"계획|목표|예정|추진")
# a change already measured over a past period (`‘10~‘23년간 ... 약 27배 증가`): a statistic, no target
_CHANGE_RECORDED = re.compile(r"\d\s*배\s*(?:증가|감소)\s*$")
# a table's bracketed column heading (`(’23 개발 및 양산 계획)`) heads the figures under it and plans nothing itself
_COLUMN_HEADING = re.compile(r"\(\s*[’'‘]\d{2}(?:\s*(?:개발|양산|계획|목표|추진|예정|및))+\s*\)")
_PLAN_NOUNS = ("계획", "목표", "예정", "추진", "발표", "착수", "출범", "완료", "달성", "확대")
_PERIOD = re.compile(
    r"~?\s*[’'‘](\d{2})(?:\.\s*\d{1,2}\.?|\.\s*[下上]|년(?:\s*까지)?)?(?:\s*[~\-]\s*[’'‘]?\d{2}(?:년(?:\s*까지)?)?)?(?:년\s*까지|년)?"
    r"|(?<!\d)20[1-5]\d년(?:\s*\d{1,2}월)?(?:까지)?"
)
# a bracket opening a line with a name in Latin words glosses the Korean name on the line before it
_GLOSS = re.compile(r"\s*\(\s*[A-Za-z][A-Za-z-]+\s+[A-Za-z]")
# sources, links, footnotes and reference entries (`머니투데이(2023.04.24.), 데이터센터 성능 3배로...`)
_NOT_PROSE = re.compile(
    r"^\s*(출처|자료 출처|\*출처|https?:)|^\s*\d\)\s"
    r"|^\s*[A-Za-z가-힣][A-Za-z가-힣0-9·&. ]{0,19}\((?:(?:19|20)\d{2}\.\d{1,2}(?:\.\d{1,2})?\.?\)|\d{2}\.\d{1,2}\.\d{1,2}\),)"
)


@dataclass(frozen=True)
class _Span:
    topic_id: str
    start: int
    end: int


def parse_kaist_report(doc: SourceDocument, curated_dir: Path = CURATED) -> CompanionRecords:
    records = CompanionRecords()
    reports = _report_topics(doc)
    minutes = _minutes_topics(doc, reports)
    appendices = _appendix_topics(doc, reports)
    sessions, presentations = _forum_topics(doc)
    core = _core_technology_topics(doc, reports)
    records.topics = reports + minutes + appendices + sessions + presentations + core
    spans = _innermost_first(records.topics)
    records.contacts = (
        _forum_presenters(doc, presentations)
        + _curated_people(doc, curated_dir / "kaist_report_people.csv", spans)
    )
    records.firm_mentions = _risc_v_firms(doc, spans) + _curated_firms(
        doc, curated_dir / "kaist_report_firms.csv", spans
    )
    records.markets = _market_figures(doc, spans)
    records.milestones = _dated_plans(doc, spans, tuple(m.name_printed for m in records.firm_mentions))
    return records


# --- topics -------------------------------------------------------------------------------------------------------


# Heading levels of the report bundle: a topic ends at the next heading of its level or a higher one (a lower
# number). An appendix 별첨 stands beside the reports (the PIIE brief ends where 별첨 1 begins); 붙임, 부록 and 참고
# are inside a report or a 별첨; the minutes of a consultation are inside a 붙임 (… 전문가 자문 내용).
_REPORT_LEVEL, _ATTACHMENT_LEVEL, _MINUTES_LEVEL = 1, 2, 3
_APPENDIX = re.compile(r"^\s\[?(별첨|붙임|부록|참고)\s*\d*(?:\s*자료)?\]?(?=\s|$)")


@lru_cache(maxsize=4)
def _headings(doc: SourceDocument) -> list[tuple[int, int]]:
    """(line, level) of every heading that opens a topic, in document order, up to the forum."""
    forum = _forum_start(doc)
    headings = []
    for number, text in doc.numbered(1, forum):
        if _REPORT_DATE.match(text):
            headings.append((_previous_line(doc, number), _REPORT_LEVEL))
        elif match := _APPENDIX.match(text):
            headings.append((number, _REPORT_LEVEL if match.group(1) == "별첨" else _ATTACHMENT_LEVEL))
        elif _MINUTES.match(text):
            headings.append((number, _MINUTES_LEVEL))
    return sorted(headings)


def _topic_end(doc: SourceDocument, headings: list[tuple[int, int]], line: int, level: int) -> int:
    """The last non-blank line before the next heading of the same or a higher level (or before the forum)."""
    following = next((n for n, lv in headings if n > line and lv <= level), _forum_start(doc))
    return _previous_line(doc, following)


def _report_topics(doc: SourceDocument) -> list[models.Topic]:
    """Each dated report: its title is the line before the date line; it runs to the next report or 별첨."""
    headings = _headings(doc)
    topics = []
    for number, text in doc.numbered(1, _forum_start(doc)):
        match = _REPORT_DATE.match(text)
        if not match:
            continue
        title_line = _previous_line(doc, number)
        end = _topic_end(doc, headings, title_line, _REPORT_LEVEL)
        group = technology_group(doc.span(title_line, end))
        iso, _ = normalise_date(match.group(1), DOCUMENT_YEAR)
        topics.append(
            models.Topic(
                id=f"002-report-{len(topics) + 1:02d}",
                document=doc.name,
                kind="report",
                title=_clean_heading(doc.line(title_line)),
                summary=f"{group} 기술군. " + _lead_summary(doc, number + 1, end),
                date_printed=match.group(1),
                date=iso,
                line=title_line,
                end_line=end,
            )
        )
    return topics


def technology_group(text: str) -> str:
    """The 기술군 whose words `text` uses most (양자 meaning "bilateral" not counted as quantum)."""
    text = _BILATERAL.sub("", text)
    counts = {group: sum(text.count(word) for word in words) for group, words in GROUP_WORDS.items()}
    return max(counts, key=counts.get)


def report_group(topic: models.Topic) -> str:
    """The 기술군 recorded at the head of a report's summary."""
    return topic.summary.split(" 기술군.", 1)[0]


def _appendix_topics(doc: SourceDocument, reports: list[models.Topic]) -> list[models.Topic]:
    """별첨, 붙임, 부록 and 참고: each its own topic, owned by the report it follows and dated by it."""
    headings = _headings(doc)
    topics = []
    for number, level in headings:
        if _APPENDIX.match(doc.line(number)):
            topics.append(_part_of_report(
                doc, reports, f"002-appendix-{len(topics) + 1:02d}", "appendix", _clean_heading(doc.line(number)),
                number, number + 1, _topic_end(doc, headings, number, level),
            ))
    return topics


def _minutes_topics(doc: SourceDocument, reports: list[models.Topic]) -> list[models.Topic]:
    """전문가 자문 회의록 (n) <affiliation>: dated by the report they belong to."""
    headings = _headings(doc)
    topics = []
    for number, level in headings:
        if level == _MINUTES_LEVEL:
            affiliation_line = _next_line(doc, number)
            affiliation = _AFFILIATION.match(doc.line(affiliation_line)).group(1)
            topics.append(_part_of_report(
                doc, reports, f"002-minutes-{len(topics) + 1:02d}", "minutes",
                f"{_clean_heading(doc.line(number))} <{affiliation}>",
                number, affiliation_line + 1, _topic_end(doc, headings, number, level),
            ))
    return topics


def _part_of_report(doc: SourceDocument, reports: list[models.Topic], topic_id: str, kind: str, title: str,
                    line: int, text_start: int, end: int) -> models.Topic:
    """A topic inside a report (an appendix, minutes): its summary read from text_start, dated by the report."""
    report = _report_before(reports, line)
    return models.Topic(
        id=topic_id, document=doc.name, kind=kind, title=title, summary=_lead_summary(doc, text_start, end),
        date_printed=report.date_printed, date=report.date, parent_id=report.id, line=line, end_line=end,
    )


def _report_before(reports: list[models.Topic], line: int) -> models.Topic:
    """The report a line belongs to: the last one that starts before it."""
    return [report for report in reports if report.line <= line][-1]


@lru_cache(maxsize=4)
def _forum_start(doc: SourceDocument) -> int:
    return next(number for number, text in doc.numbered() if _SESSION.match(text))


def _forum_topics(doc: SourceDocument) -> tuple[list[models.Topic], list[models.Topic]]:
    """The two forum sessions and the presentation summaries (발표내용 요약) inside them."""
    session_heads = [(number, _SESSION.match(text)) for number, text in doc.numbered() if _SESSION.match(text)]
    sessions, presentations = [], []
    for index, (number, match) in enumerate(session_heads):
        end = session_heads[index + 1][0] - 1 if index + 1 < len(session_heads) else len(doc)
        end = _previous_line(doc, end + 1)
        session_id = f"002-forum-session-{match.group(1)}"
        sessions.append(
            models.Topic(
                id=session_id,
                document=doc.name,
                kind="forum-session",
                title=f"세션 {match.group(1)} {match.group(2)}",
                summary=_lead_summary(doc, number + 1, end),
                line=number,
                end_line=end,
            )
        )
        heads = [n for n, text in doc.numbered(number, end + 1) if _PRESENTATION.match(text)]
        for position, head in enumerate(heads):
            head_end = heads[position + 1] - 1 if position + 1 < len(heads) else end
            affiliation_line = _next_line(doc, head)
            affiliation = _AFFILIATION.match(doc.line(affiliation_line)).group(1)
            presentations.append(
                models.Topic(
                    id=f"{session_id}-presentation-{position + 1}",
                    document=doc.name,
                    kind="forum-presentation",
                    title=f"{_clean_heading(doc.line(head))} <{affiliation}>",
                    parent_id=session_id,
                    summary=_lead_summary(doc, affiliation_line + 1, head_end),
                    line=head,
                    end_line=_previous_line(doc, head_end + 1),
                )
            )
    return sessions, presentations


def _core_technology_topics(doc: SourceDocument, reports: list[models.Topic]) -> list[models.Topic]:
    """The 14 핵심기술 of the 차세대 전지 초격차 R&D전략, from the first list headed "14개 핵심기술".

    Stored as topics of kind "core-technology" rather than programmes: each is a technology theme with no
    budget or responsible body of its own, and as a topic it is linked to roadmap areas like any other topic.
    The list is repeated twice later in the report, in other wording; only the first is read.
    """
    header = next(number for number, text in doc.numbered() if "14개 핵심기술" in text and "R&D전략의" in text)
    topics: list[models.Topic] = []
    category = ""
    for number, text in doc.numbered(header + 1):
        match = _CORE_TECHNOLOGY.match(text)
        if match is None:
            if topics and len(topics) == len(_CIRCLED):
                break
            if text.strip() and len(text.strip()) <= 4 and text.strip() not in "·":
                category = text.strip() if not category.endswith(text.strip()) else category
            continue
        sequence = _CIRCLED.index(match.group(1)) + 1
        if sequence != len(topics) + 1:
            continue
        topics.append(
            models.Topic(
                id=f"002-core-technology-{sequence:02d}",
                document=doc.name,
                kind="core-technology",
                title=match.group(2),
                summary=f"차세대 전지 초격차 R&D전략(관계부처 합동, '23) 이차전지 14개 핵심기술 {match.group(1)}",
                date_printed=_report_before(reports, number).date_printed,
                date=_report_before(reports, number).date,
                parent_id=_report_before(reports, number).id,
                line=number,
                end_line=number,
            )
        )
    if len(topics) != len(_CIRCLED):
        raise BuildError(f"{doc.name}: found {len(topics)} of the 14 이차전지 핵심기술 after line {header}")
    return topics


def _lead_summary(doc: SourceDocument, start: int, end: int) -> str:
    """The first one or two bullet points (◆, ●, •) of a span, each with the lines it wraps onto.

    A bullet runs on until the next bullet, a note (출처, ※, -, 1.) or a heading, which the report indents by a
    space ( 주요 동향); its lines are joined as printed (join_lines), so a sentence is neither cut short nor glued
    to the heading after it.
    """
    bullets: list[list[str]] = []
    in_bullet = False
    for _, text in doc.numbered(start, end + 1):
        stripped = text.strip()
        if _BULLET.match(stripped):
            if len(bullets) == 2:
                break
            bullets.append([_BULLET.sub("", text.lstrip())])
            in_bullet = True
        elif in_bullet and not text[0].isspace() and not re.match(r"^(\d+\.|[-※*]|출처)", stripped):
            bullets[-1].append(text)
        else:
            in_bullet = False
    sentences = [join_lines(lines).rstrip(". ") for lines in bullets]
    return ". ".join(sentences[:3]) + ("." if sentences else "")


# --- people -------------------------------------------------------------------------------------------------------


def _forum_presenters(doc: SourceDocument, presentations: list[models.Topic]) -> list[models.Contact]:
    """Presenters as listed in the forum programme: "▪title (name title, institute[, unit])".

    The n-th presenter of session s gave the n-th 발표내용 요약 of session s; the programme's 토론 was held by the
    four presenters of each session ("발제자 4명"), so they are recorded as 발표·토론.
    """
    contacts = []
    session = "0"
    position = 0
    forum = _forum_start(doc)
    for number, text in doc.numbered(1, forum):
        if match := _PROGRAMME_SESSION.match(text):
            session, position = match.group(1), 0
            continue
        if session == "0" or "서론" in text:
            if "서론" in text:
                break
            continue
        match = _PRESENTER.search(text)
        if match is None:
            continue
        position += 1
        topic_id = f"002-forum-session-{session}-presentation-{position}"
        institute = match.group("institute").strip()
        contacts.append(
            models.Contact(
                person_key=f"{institute}:{match.group('name')}",
                topic_id=topic_id if any(t.id == topic_id for t in presentations) else None,
                name=match.group("name"),
                institute=institute,
                title=match.group("title").strip(),
                expertise=_presentation_title(doc, number),
                role="발표·토론",
                document=doc.name,
                line=number,
                end_line=number,
            )
        )
    return contacts


def _presentation_title(doc: SourceDocument, line: int) -> str:
    """The talk's title: the ▪ line itself, or the line before when the presenter is on a line of its own."""
    text = doc.line(line)
    if "▪" not in text:
        text = doc.line(_previous_line(doc, line))
    return re.sub(r"\s*\(.*$", "", text.split("▪", 1)[-1]).strip()


def _curated_people(doc: SourceDocument, path: Path, spans: list[_Span]) -> list[models.Contact]:
    contacts = []
    for row in read_curated_csv(path, ("name", "title", "institute", "role", "line", "end_line", "document")):
        line, end = _check_span(doc, path, row, (row["name"], row["title"], row["institute"]))
        contacts.append(
            models.Contact(
                person_key=f"{row['institute']}:{row['name']}" if row["institute"] else f"002:{row['name']}",
                topic_id=_topic_at(spans, end),
                name=row["name"],
                institute=row["institute"],
                title=row["title"],
                role=row["role"],
                document=doc.name,
                line=line,
                end_line=end,
            )
        )
    return contacts


# --- firms --------------------------------------------------------------------------------------------------------


def _risc_v_firms(doc: SourceDocument, spans: list[_Span]) -> list[models.FirmMention]:
    """The RISC-V case tables (기업명 | 주요 사례): a firm's name on its own lines, then its bulleted cases.

    The table is printed three times, in other spellings (인텔 / INTEL, 토스토렌토 / Tenstorrent) and wordings; a
    case an earlier copy already holds is stored once, at its first copy (see `_same_case`).
    """
    mentions: list[models.FirmMention] = []
    earlier: list[tuple[str, str]] = []  # (firm, activity) of the copies read so far
    for header in [n for n, text in doc.numbered() if "RISC-V" in text and re.search(r"(붙임|부록)", text)]:
        name_lines: list[tuple[int, str]] = []
        rows: list[tuple[str, list[int], list[str]]] = []
        continues = False
        note_depth = 0
        in_note = False
        for number, text in doc.numbered(header + 1):
            stripped = text.strip()
            if in_note or stripped.startswith("※"):
                # a note inside the table, e.g. "※ RISE 프로젝트: ... (구글, 인텔, ... 13개 회사 참여)"
                note_depth = max(note_depth + stripped.count("(") - stripped.count(")"), 0)
                in_note = note_depth > 0 or text.endswith(" ")
                continues = False
                continue
            if re.match(r"^(출처|▶|\[부록|붙임|별첨)", stripped):
                break
            if stripped == "기업명 주요 사례" or len(stripped) == 1:
                continue
            if _CASE_MARK.search(stripped):
                before, after = (part.strip() for part in _CASE_MARK.split(stripped, 1))
                if before:
                    name_lines = [(number, before)]
                first = name_lines[0][0] if name_lines else number
                rows.append((join_lines(name for _, name in name_lines), [first, number], [after]))
                continues = text.endswith(" ")
            elif rows and (continues or stripped.startswith("-")):
                rows[-1][1].append(number)
                rows[-1][2].append(stripped)
                continues = text.endswith(" ")
            else:
                if rows and rows[-1][0] == join_lines(name for _, name in name_lines) and not continues:
                    name_lines = []
                name_lines.append((number, stripped))
                continues = False
        cases = [
            (name, join_lines(activity), lines)
            for names, lines, activity in rows
            for name in (part.strip() for part in names.split(",") if part.strip())
        ]
        for name, opinion, lines in cases:
            if not any(_same_case(name, opinion, *case) for case in earlier):
                mentions.append(_firm_mention(doc, spans, name, "RISC-V 활용 사례", opinion, lines[0], lines[-1]))
        earlier += [(name, opinion) for name, opinion, _ in cases]
    return mentions


def _same_case(name: str, activity: str, other_name: str, other_activity: str) -> bool:
    """One case of a repeated table: the activity worded alike (most of its bigrams shared) by the same firm,
    or worded the same whatever the firm's spelling (the copies print 토스토렌토 and Tenstorrent)."""
    words, other_words = set(tokens(activity)), set(tokens(other_activity))
    shared = len(words & other_words) / max(min(len(words), len(other_words)), 1)
    same_firm = firm_key(name) == firm_key(other_name) or same_firm_by_sound(firm_key(name), firm_key(other_name))
    return shared >= 0.9 or (same_firm and shared >= 0.5)


def _curated_firms(doc: SourceDocument, path: Path, spans: list[_Span]) -> list[models.FirmMention]:
    mentions = []
    for row in read_curated_csv(path, ("name", "role", "opinion", "line", "end_line", "document")):
        line, end = _check_span(doc, path, row, (row["name"], row["opinion"]))
        mentions.append(_firm_mention(doc, spans, row["name"], row["role"], row["opinion"], line, end))
    return mentions


def _firm_mention(doc, spans, name: str, role: str, opinion: str, line: int, end: int) -> models.FirmMention:
    return models.FirmMention(
        firm_id=firm_key(name),
        topic_id=_topic_at(spans, line),
        name_printed=name,
        role=role,
        opinion=opinion,
        document=doc.name,
        line=line,
        end_line=end,
    )


# --- figures and plans --------------------------------------------------------------------------------------------


def _market_figures(doc: SourceDocument, spans: list[_Span]) -> list[models.MarketFigure]:
    """The market quantities of the prose, read item by item (a bullet or a finished sentence starts one); an item
    the report prints twice (its tables repeat in appendices) is read once. A table cell that is only a figure and
    its date (`3,000억원 (’30년까지)`) is quoted with its row label, the last worded item before it (`투자예산 (정부
    투자 예산만 추출)`), which also names its measure."""
    figures = []
    seen: set[str] = set()
    label = ""
    heads: dict[str, tuple[int, str]] = {}  # the last caption (`*2022년 기업별 R&D 비용`) and the last item not a dash
    strategies = _strategy_headings(doc)
    lines = (
        (n, _CASE_MARK.sub("", _GLYPH_BULLET.sub(r"\1•", text)))
        for n, text in doc.numbered() if not _NOT_PROSE.match(text.strip())
    )
    for item in joined_items(lines, _starts_item):
        head = _head_of(item, heads)
        if compact(item.text) in seen:
            continue
        seen.add(compact(item.text))
        quantities = find_quantities(item.text, context=head)
        cell = bool(quantities) and not _FIGURE_CELL_REST.sub("", _without_spans(item.text, quantities))
        if cell and label:
            quantities = find_quantities(item.text, context=label)
        elif not cell:
            label = _row_label(item)
        for figure in market_figures(quantities, doc.name, item.line_at):
            figure.topic_id = _topic_at(spans, figure.line)
            if cell and label:
                figure.quote = f"{label}: {item.text.strip()}"
            elif head and item.text.strip().startswith("-") and head == heads.get("parent", (0, ""))[1]:
                figure.quote = f"{head}: {item.text.strip()}"  # `-고체전해질 47.8% (183억원)` under its parent item
            if not cell and head and not names_a_measure(item.text) and (figure.year, figure.year_from, figure.year_to) == (
                None, None, None
            ):
                figure.year, figure.year_from, figure.year_to = dates_of(head)
            if figure.scope in ("", "세계") and (country := _strategy_of(strategies, figure.line)):
                figure.scope = scope_name(country)  # a figure of 캐나다 「국가 양자 전략」 is Canada's
            if figure.year is None and figure.year_from is None:
                figure.year = _relative_year(figure.quote)
            figures.append(figure)
    return figures


def _head_of(item, heads: dict[str, tuple[int, str]]) -> str:
    """The text that says what an item's bare amounts are: for a dash item (`-고체전해질 47.8% (183억원)`) the item it
    hangs from (`①전고체 배터리 R&D 투자(’17~’21) (1,141억원)`), for another the caption printed at most 8 lines
    before it (`*2022년 기업별 R&D 비용(전년대비 증가율)` over `(삼성SDI) 1조764억원(22.7% 증가)`). Records the item
    as a head for those after it."""
    text = item.text.strip()
    line = item.line_at(0)
    if text.startswith("-"):
        head = heads.get("parent", (0, ""))[1]
    else:
        caption_line, caption = heads.get("caption", (0, ""))
        head = caption if 0 < line - caption_line <= 8 else ""
        heads["parent"] = (line, text)
    if re.match(r"[*<\[]", text) and not text.startswith("**"):
        heads["caption"] = (line, text)
    return head


# what a table cell prints besides its figures: brackets, a date, marks (`(’09~’11년까지)`, `~’30`)
_FIGURE_CELL_REST = re.compile(r"[\s()\[\]~∼\-–,.’'‘]|\d+|년|까지|부터|이상|이하|약")


def _row_label(item) -> str:
    """The last lines of an item that make one bracket-balanced phrase not opening with a bracket: a table's row
    label (`투자예산` / `(정부 투자` / `예산만 추출)`) without the text the item joined before it."""
    for start, _ in reversed(item.starts):
        label = item.text[start:].strip()
        if label.count("(") == label.count(")") and not label.startswith("("):
            return label
    return item.text.strip()


def _without_spans(text: str, quantities) -> str:
    for quantity in reversed(quantities):
        text = text[: quantity.start] + text[quantity.end :]
    return text


def _starts_item(line: str, previous: str) -> bool:
    """A bullet, mark, circled number or appendix heading opens an item, and so does any line after a finished
    sentence (one ending in a full stop, a nominal ending or a plan word); a bracket carries on the line before it (a table cell `370억원` / `(’09~’11년까지)`), and so does any line after one that
    leaves a bracket open (`기하급수적(’19년: 약` / `$0.2B → ‘22년: $2.35B)으로 성장`)."""
    first = line.strip()[:1]
    if first == "(" or previous.count("(") > previous.count(")"):
        return False
    if _APPENDIX_HEAD.match(line) or previous.rstrip().endswith(_NOMINAL_ENDS):
        return True
    return first in _CIRCLED or not first.isalnum() or _ends_sentence(previous)


# an appendix heading (`붙임1 AI 반도체 시장 규모`) and a report's nominal sentence endings (`…지원 정책 필요`)
_APPENDIX_HEAD = re.compile(r"^\s*(?:붙임|별첨|부록)\s*\d")
_NOMINAL_ENDS = ("필요", "전망", "예상", "중요", "필수", "시급", "추구", "기대")


def _relative_year(sentence: str) -> int | None:
    """올해, 작년, 내년 in a 2023 report."""
    return normalise_date(next((w for w in ("올해", "금년", "내년", "작년", "지난해") if w in sentence), ""),
                          DOCUMENT_YEAR)[1]


def _dated_plans(doc: SourceDocument, spans: list[_Span], firms: tuple[str, ...]) -> list[models.Milestone]:
    """Dated targets and plans: a line with a period ('27, ’23~’27, ~’30년까지, 2030년) next to a plan word, read in
    the sentence it belongs to, one target per date with its own part of the sentence (targets.py). A line that is
    only a date (`(’30년까지)`, a table cell under its amount) is joined to the line before it; a part that says
    nothing but a figure and a date (a table cell without its row label) is no target. A part whose dates all ended
    before the report was published is a past event (`지원계획 발표(’22)`, `「… 실행 계획(‘23.4.)」발표`); a part with
    a past and a future date is dated by the future one (`’20년 … 인수(…, ’25년 완료 예정)` → 2025). A plan the report
    prints twice (its tables repeat) is stored once. The actor may be a firm the report names (`firms`)."""
    milestones = []
    seen_sentences: set[tuple[int, int]] = set()
    seen_plans: set[tuple[str, str]] = set()
    strategies = _strategy_headings(doc)
    for number, text in doc.numbered():
        stripped = _CASE_MARK.sub("", text).strip()
        if _NOT_PROSE.match(stripped) or not any(word in stripped for word in _PLAN_WORDS):
            continue
        if not _PERIOD.search(stripped):
            continue
        start, end = _sentence_lines(doc, number)
        sentence = _plan_text(doc, start, end)
        if not has_content(sentence, [m.span() for m in _PERIOD.finditer(sentence)]):
            start = _previous_line(doc, start) or start
            sentence = _plan_text(doc, start, end)
        if (start, end) in seen_sentences:
            continue
        seen_sentences.add((start, end))
        found = list(_PERIOD.finditer(sentence))
        for part, held in dated_parts(sentence, [m.span() for m in found]):
            current = [i for i in held if not is_over(sentence, found[i].span(), PUBLISHED)]
            period = found[current[0]].group(0).strip() if current else ""
            if len(current) > 1:  # `공장신설 및 양산(‘25,‘26, LGES)`: the period spans both dates, as printed
                period = sentence[found[current[0]].start() : found[current[-1]].end()].strip()
            if not current or (compact(part), period) in seen_plans or not has_content(part, []):
                continue
            if _FORECAST.search(part) and not _PLANNED.search(part) or _CHANGE_RECORDED.search(part):
                continue  # `2025년 1500억 달러까지 성장할 것으로 전망`: a market's forecast, nobody's target
            if _COLUMN_HEADING.fullmatch(part):
                continue
            iso, year = normalise_date(found[current[0]].group(0), DOCUMENT_YEAR)
            if year == DOCUMENT_YEAR and not _AHEAD.search(part):
                continue  # `(LGES, '23) 실리콘 음극재 7% 적용`: what the report's own year has done, no target
            seen_plans.add((compact(part), period))
            milestones.append(models.Milestone(
                topic_id=_topic_at(spans, number), period=period, year=year, date=iso, milestone=part,
                actor=actor_of(part, firms) or actor_of(sentence, firms) or _strategy_of(strategies, start),
                document=doc.name, line=start,
                end_line=end,
            ))
    return milestones


# a country's own strategy heading (`영국 「국가 양자 전략(..., ‘23.3.)」`): its section's targets are that country's
_NATIONAL_STRATEGY = re.compile(r"^\s*\S?\s*(영국|미국|독일|일본|중국|EU|유럽|캐나다|프랑스|호주|네덜란드|이스라엘|인도)\s*[「『]")
_AHEAD = re.compile(r"예정|계획|목표|까지|~|부터|출범|시행|착수\s*예정|추진")
_STRATEGY_REACH = 80  # lines: a strategy's section runs at most this far after its heading


def _strategy_headings(doc: SourceDocument) -> list[tuple[int, str]]:
    return [(number, match.group(1)) for number, text in doc.numbered() if (match := _NATIONAL_STRATEGY.match(text))]


def _strategy_of(strategies: list[tuple[int, str]], line: int) -> str:
    """The country whose strategy heading the line sits under (the nearest before it, within its reach)."""
    before = [(number, country) for number, country in strategies if 0 < line - number <= _STRATEGY_REACH]
    return before[-1][1] if before else ""


def _plan_text(doc: SourceDocument, start: int, end: int) -> str:
    sentence = " ".join(doc.line(n).strip() for n in range(start, end + 1) if doc.line(n).strip())
    return _BULLET.sub("", _CASE_MARK.sub("", sentence).strip().lstrip("-*※∘ "))


def _sentence_lines(doc: SourceDocument, number: int, reach: int = 2) -> tuple[int, int]:
    """The first and last line of the sentence that line number belongs to. The PDF wraps sentences, so a dated
    line alone can mean nothing ('추진(’23~)', '수립하여 ’30년까지 발전'): take in up to reach lines before it while
    it opens with a bare word or closes a bracket it did not open ('LGES), 한국 …'), and after it while a bracket is
    open or the sentence runs on into a bare word."""
    start = end = number
    for _ in range(reach):
        previous = _previous_line(doc, start)
        if previous is None:
            break
        runs_on = _opens_bare(doc.line(start)) and not _ends_sentence(doc.line(previous))
        if not (runs_on or _bracket_depths(doc, start, end)[0] < 0):
            break
        start = previous
    previous = _previous_line(doc, start)
    if previous and _GLOSS.match(doc.line(start)) and _opens_bare(doc.line(previous)) and not _ends_sentence(
        doc.line(previous)
    ):
        start = previous  # `전고체 배터리 프로젝트` / `(All Solid-sTate Reliable …)를 수립하여`: the name glossed
    for _ in range(reach):
        following = _next_line(doc, end)
        if following is None:
            break
        runs_on = (_opens_bare(doc.line(following)) or _ends_mid_phrase(doc.line(end))) and not _ends_sentence(
            doc.line(end)
        )
        lowest, last = _bracket_depths(doc, start, end)
        if not (runs_on or last > lowest):
            break
        end = following
    return start, end


def _bracket_depths(doc: SourceDocument, start: int, end: int) -> tuple[int, int]:
    """The lowest and the last bracket depth through lines start..end, from 0: the lowest is negative when the lines
    close a bracket opened before them, and the last above the lowest when they leave one open."""
    depth = lowest = 0
    for char in "".join(doc.line(n) for n in range(start, end + 1)):
        depth += (char == "(") - (char == ")")
        lowest = min(lowest, depth)
    return lowest, depth


def _opens_bare(text: str) -> bool:
    """True for a line that starts with a Hangul word, not a bullet, number or bracket: a wrapped sentence."""
    stripped = text.strip()
    return bool(stripped) and is_hangul(stripped[0]) and not _NOT_PROSE.match(stripped)


def _ends_mid_phrase(text: str) -> bool:
    """A line broken after a particle that needs what follows (`관련 기업의` / `75%가 ... 조치 예정`)."""
    return text.rstrip().endswith(("의", "및", "을", "를", "과", "와", ","))


def _ends_sentence(text: str) -> bool:
    """The report ends a sentence with a full stop or a nominal ending (…함, …임, …망), and a list item with a
    plan word or a bracketed date ('…추진(’18~’22)')."""
    return text.rstrip().endswith((".", ")", "다", "함", "임", "음", "됨", "망") + _PLAN_NOUNS)


# --- helpers ------------------------------------------------------------------------------------------------------


def _check_span(doc: SourceDocument, path: Path, row: dict[str, str], values: tuple[str, ...]) -> tuple[int, int]:
    """The row's line and end_line, after checking that each value is printed within them."""
    where = f"{path.name} row {row['_row']}"
    if row.get("document") != doc.name:
        raise BuildError(f"{where}: document {row.get('document')!r} is not {doc.name}")
    try:
        line, end = int(row["line"]), int(row["end_line"])
    except ValueError:
        raise BuildError(f"{where}: line {row['line']!r} or end_line {row['end_line']!r} is not a number") from None
    if not 1 <= line <= end <= len(doc):
        raise BuildError(f"{where}: {doc.name} has no lines {line}..{end}")
    text = compact("".join(doc.lines[line - 1 : end]))
    for value in values:
        if compact(value) not in text:
            raise BuildError(f"{where}: {doc.name}:{line}-{end} does not hold {value!r}")
    return line, end


def _innermost_first(topics: list[models.Topic]) -> list[_Span]:
    return sorted((_Span(t.id, t.line, t.end_line) for t in topics), key=lambda span: span.end - span.start)


def _topic_at(spans: list[_Span], line: int) -> str | None:
    """The narrowest topic whose span holds `line`."""
    return next((span.topic_id for span in spans if span.start <= line <= span.end), None)


def _previous_line(doc: SourceDocument, number: int) -> int | None:
    return next((n for n in range(number - 1, 0, -1) if doc.line(n).strip()), None)


def _next_line(doc: SourceDocument, number: int) -> int | None:
    return next((n for n in range(number + 1, len(doc) + 1) if doc.line(n).strip()), None)


def _clean_heading(text: str) -> str:
    return " ".join(text.split())
