"""국가미래전략기술 정책연구소 연차보고서 2023 (002), read from the real document."""

import csv
from collections import Counter
from pathlib import Path

import pytest

from smbstar.errors import BuildError
from smbstar.ingest.document import SourceDocument
from smbstar.ingest.kaist_report import CURATED, parse_kaist_report, report_group, technology_group
from smbstar.korean import compact

DOCS = Path(__file__).resolve().parent.parent / "seeds" / "docs"
GOLD = Path(__file__).resolve().parent / "data" / "kaist_report_gold.csv"


@pytest.fixture(scope="module")
def document() -> SourceDocument:
    return SourceDocument.load(DOCS / "002_e64dba568495b49d.txt")


@pytest.fixture(scope="module")
def records(document):
    return parse_kaist_report(document)


def _reports(records):
    return [topic for topic in records.topics if topic.kind == "report"]


def test_reports_per_technology_group(records):
    groups = Counter(report_group(topic) for topic in _reports(records))
    assert groups == {"AI 반도체": 3, "이차전지": 3, "양자": 9, "차세대통신": 1, "사이버보안": 1}


@pytest.mark.parametrize(
    "title, group, date",
    [
        ("생성형 AI 급부상에 따른 AI반도체 개발 동향 및 시사점", "AI 반도체", "2023-06-27"),
        ("글로벌 규제에 대응한 민·관 이차전지 R&D 동향 분석", "이차전지", "2023-06-27"),
        ("EU 전기차 배터리 시장에서 韓·中 기업 동향", "이차전지", "2023-07-19"),
        ("최근 선도국의 양자기술 육성정책 및 생태계 구축 전략", "양자", "2023-08-09"),
        ("유럽특허청 양자 컴퓨팅 인사이트 보고서 요약 및 분석", "양자", "2023-05-15"),
        ("전문가 자문에 기반한 차세대 통신분야 현안 및 시사점", "차세대통신", "2023-10-07"),
        ("전문가 자문에 기반한 사이버보안 분야 현안 및 시사점", "사이버보안", "2023-10-12"),
    ],
)
def test_report_group_and_date(records, title, group, date):
    topic = next(topic for topic in _reports(records) if topic.title == title)
    assert (report_group(topic), topic.date) == (group, date)


def test_bilateral_yangja_is_not_quantum():
    assert technology_group("한미 반도체 양자 협력 강화, 반도체 양자 간 협정") == "AI 반도체"


def test_minutes_are_dated_by_their_report(records):
    minutes = [topic for topic in records.topics if topic.kind == "minutes"]
    assert len(minutes) == 26
    lg = next(topic for topic in minutes if "<LG에너지솔루션 관계자>" in topic.title)
    assert (lg.line, lg.date) == (3491, "2023-06-27")


def test_forum_sessions_and_presentations(records):
    kinds = Counter(topic.kind for topic in records.topics)
    assert (kinds["forum-session"], kinds["forum-presentation"]) == (2, 8)


def test_fourteen_core_battery_technologies(records):
    core = [topic for topic in records.topics if topic.kind == "core-technology"]
    assert len(core) == 14
    assert core[0].title == "하이니켈(90%이상) 양극재, 실리콘(5% 이상) 음극재 등 고성능 소재 개발"
    assert core[13].title == "사용 후 전지의 재활용"


def test_korea_share_of_eu_ev_battery_market_2022(records):
    share = next(figure for figure in records.markets if figure.line == 3611)
    assert (share.value, share.unit, share.currency, share.year, share.scope) == (64, "%", "", 2022, "EU")


@pytest.mark.parametrize(
    "name, title, institute, session",
    [
        ("차정훈", "대표", "KAIST 홀딩스", 1),
        ("이동수", "이사", "네이버클라우드", 1),
        ("최성율", "원장", "KAIST 반도체공학대학원", 2),
        ("정지운", "센터장", "한국직업능력연구원", 2),
    ],
)
def test_forum_presenters(records, name, title, institute, session):
    presenter = next(contact for contact in records.contacts if contact.name == name)
    assert (presenter.title, presenter.institute) == (title, institute)
    assert presenter.topic_id.startswith(f"002-forum-session-{session}-presentation-")


def test_eight_forum_presenters(records):
    assert sum(contact.role == "발표·토론" for contact in records.contacts) == 8


def test_repeated_tables_are_stored_once(records):
    """The RISC-V cases are printed three times; each (firm, case) and each money line is stored once."""
    mentions = Counter(compact(m.name_printed + m.opinion) for m in records.firm_mentions)
    assert max(mentions.values()) == 1
    assert sum(m.name_printed == "LG전자" for m in records.firm_mentions) == 1
    quotes = Counter((compact(f.quote), compact(f.value_printed)) for f in records.markets)
    assert all(count <= quote.count(printed) for (quote, printed), count in quotes.items())
    plans = Counter((compact(m.milestone), m.period) for m in records.milestones)
    assert max(plans.values()) == 1


def test_a_dated_plan_is_its_whole_wrapped_sentence(records):
    """The PDF wraps sentences: '추진(’23~)' on its own line is stored with the line before it."""
    plans = {(m.line, m.end_line): (compact(m.milestone), m.period) for m in records.milestones}
    assert plans[(1275, 1277)] == (compact("국산 AI반도체 특화 시스템SW 개발 지원 추진(’23~)"), "’23")
    # a sentence with two dates is two targets, each with its own part
    both = [compact(m.milestone) for m in records.milestones if (m.line, m.end_line) == (2603, 2606)]
    assert both == [compact("기술경쟁력(’30년까지 시스템반도체, 3% → 10% 점유율)"),
                    compact("소부장기반(’30년까지 자립화율 30% → 50%)")]
    assert not any(start <= 2605 <= end for start, end in plans if (start, end) != (2603, 2606))


def test_a_line_that_closes_a_bracket_is_joined_to_the_line_that_opened_it(records):
    plans = {(m.line, m.end_line): compact(m.milestone) for m in records.milestones}
    # and a line opening with a Latin gloss takes in the name it glosses: `전고체 배터리 프로젝트` / `(All Solid-sTate …`
    assert plans[(4898, 4908)].startswith(
        compact("전고체 배터리 프로젝트 (All Solid-sTate Reliable BATtery for 2025)를 수립하여 ’30년까지")
    )
    assert not any(start == 5584 for start, _ in plans)


def _held(document, line, end_line, value):
    return compact(value) in compact("".join(document.lines[line - 1 : end_line]))


def test_every_row_cites_lines_that_hold_its_value(document, records):
    checks = (
        [(t, t.title) for t in records.topics]
        + [(c, c.name) for c in records.contacts]
        + [(f, f.name_printed) for f in records.firm_mentions]
        + [(f, f.opinion) for f in records.firm_mentions]
        + [(m, m.value_printed) for m in records.markets]
        + [(m, m.period) for m in records.milestones]
    )
    missing = [(row.line, value) for row, value in checks if not _held(document, row.line, row.end_line, value)]
    assert missing == []


def test_every_row_belongs_to_a_topic(records):
    ids = {topic.id for topic in records.topics}
    rows = records.contacts + records.firm_mentions + records.markets + records.milestones
    assert all(row.topic_id in ids for row in rows)
    assert all(row.document == "002_e64dba568495b49d.txt" for row in rows)


def test_curated_row_that_misquotes_its_line_is_refused(document, tmp_path):
    for path in CURATED.glob("kaist_report_*.csv"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    firms = tmp_path / "kaist_report_firms.csv"
    firms.write_text(
        firms.read_text(encoding="utf-8") + "퓨리오사AI,스타트업,양자 컴퓨터 개발,154,154,002_e64dba568495b49d.txt\n",
        encoding="utf-8",
    )
    with pytest.raises(BuildError, match=r"kaist_report_firms.csv row \d+: .*154"):
        parse_kaist_report(document, tmp_path)


def _recovered(records, kind, value, line):
    def covers(row):
        return row.line <= line <= row.end_line

    if kind == "firm":
        return any(covers(m) and compact(m.name_printed) == compact(value) for m in records.firm_mentions)
    if kind == "person":
        return any(covers(c) and compact(c.name) == compact(value) for c in records.contacts)
    if kind == "market":
        return any(covers(m) and compact(m.value_printed) == compact(value) for m in records.markets)
    return any(covers(m) and compact(value) in compact(m.period) for m in records.milestones)


def test_recall_against_gold_reading(records):
    with GOLD.open(encoding="utf-8", newline="") as handle:
        gold = list(csv.DictReader(handle))
    missed = [row for row in gold if not _recovered(records, row["kind"], row["value"], int(row["line"]))]
    assert len(missed) <= 0.10 * len(gold), missed
