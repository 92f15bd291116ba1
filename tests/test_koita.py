"""「기술과 혁신」 vol. 469 (001): awards, targets, statistics and provenance read from the real document."""

import csv
from collections import defaultdict
from pathlib import Path

import pytest

from smbstar.errors import BuildError
from smbstar.ingest.document import SourceDocument
from smbstar.ingest.koita import parse_koita
from smbstar.korean import compact

KOITA = "001_8d853ea32905c4b5.txt"
GOLD = Path(__file__).parent / "data" / "koita_gold.csv"
ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "seeds" / "docs"
CURATED = ROOT / "seeds" / "curated"


@pytest.fixture(scope="module")
def koita() -> SourceDocument:
    return SourceDocument.load(DOCS / KOITA)


@pytest.fixture(scope="module")
def records(koita):
    return parse_koita(koita)


def held(doc, row, *values):
    text = compact(doc.span(row.line, row.end_line))
    return all(compact(value) in text for value in values if value)


def test_six_net_certificates_with_their_firms_and_technologies(records):
    net = [a for a in records.awards if a.award == "NET 신기술 인증"]
    assert [(a.firm_printed, a.subject) for a in net] == [
        ("(주)더웨이브톡", "딥러닝 알고리즘이 탑재된 정수의 탁도 및 미생물 고속 검출 기술"),
        ("(주)비에스테크닉스", "고주파 유도가열을 이용한 자동차 전장부품의 미세 접합 기술"),
        ("(주)이랑텍", "위성통신용 소형·경량화 병렬형 도파관 멀티플렉서 설계 기술"),
        ("파워큐브세미(주)", "화재 감지기를 위한 산화갈륨 DUV(200∼250㎚) 센서 기술"),
        ("(주)케이엠더블유", "통신장비 및 고출력 LED 조명용 히트파이프 적용 대면적 박판형 Finless 고방열 기술"),
        ("(주)지브레인", "뇌-컴퓨터 인터페이스를 위한 파릴렌-C 적용 박막 피질전극 제조 기술"),
    ]
    assert net[1].date_printed == "2024년 11월 11일 ~ 2026년 12월 10일"
    mentions = {m.name_printed: m.opinion for m in records.firm_mentions if m.role == "NET 신기술 인증"}
    assert "주생산품: 그래핀 전극" in mentions["(주)지브레인"]


def test_engineer_award_winners(records):
    winners = [(a.person, a.firm_printed, a.subject) for a in records.awards if a.award == "대한민국 엔지니어상"]
    assert winners == [
        ("조영준", "코오롱인더스트리㈜", "고기능성 난연수지 및 복합소재 패널 시스템 국산화"),
        ("최성인", "삼성중공업㈜", "스마트 솔루션으로 조선업계 디지털 전환 선도"),
        ("최춘화", "㈜삼정솔루션", "AI 탑재 드론 무력화 시스템 개발로 국가안보 강화"),
        ("안성은", "㈜큐리오시스", "혁신적 라이브 셀 이미징 시스템으로 바이오 산업 발전 견인"),
    ]
    titles = {c.name: c.title for c in records.contacts if c.role == "대한민국 엔지니어상 수상" and c.topic_id == "001-award-02"}
    assert titles == {"조영준": "수석연구원", "최성인": "시니어 엔지니어", "최춘화": "대표이사", "안성은": "수석연구원"}


def test_ir52_winners_and_developers(records):
    ir52 = [a for a in records.awards if a.award == "IR52 장영실상"]
    assert len(ir52) == 8
    assert (ir52[0].firm_printed, ir52[0].subject) == ("삼성전자(주)", "AI 콤보 세탁건조기")
    assert (ir52[-1].firm_printed, ir52[-1].subject, ir52[-1].person) == (
        "삼성SDI(주)", "고성능 xEV 셀", "김태안, 엄재현, 원정연",
    )
    developers = {c.name: c.title for c in records.contacts if c.topic_id == "001-award-03"}
    assert len(developers) == 26
    assert developers["김원"] == "프로" and developers["박종원"] == "수석연구원" and developers["나동화"] == "연구소장"


def test_smr_roadmap_milestones(records):
    smr = {m.milestone: (m.period, m.year, m.line) for m in records.milestones if m.topic_id == "001-report-01"}
    assert smr["표준설계를 완료"] == ("올해", 2025, 8000)
    assert smr["인가를 획득하는 것이 목표"] == ("2028년", 2028, 8001)
    assert smr["상용화 시점은 2033년 경이다"] == ("2033년 경", 2033, 8005)


def test_lg_energy_solution_targets(records):
    lges = {m.period: (m.year, m.milestone, m.line) for m in records.milestones if m.topic_id == "001-article-08"}
    assert lges["2028년"] == (2028, "건식 전극 공정을 도입한 제품을 본격적으로 양산", 3816)
    assert lges["2030년 이전"] == (2030, "전고체 배터리는 2030년 이전 양산을 목표로", 3897)


def test_eleven_featured_companies(records):
    featured = [m.name_printed for m in records.firm_mentions if m.role == "featured" and m.topic_id.startswith("001-article")]
    assert featured == [
        "3M", "메디사피엔스", "한일시멘트", "한화시스템", "금호타이어", "세아베스틸", "퓨리오사에이아이",
        "LG에너지솔루션", "크라우드웍스", "뉴로메카", "지아이이노베이션",
    ]
    assert sum(1 for t in records.topics if t.kind == "article") == 11


def test_agency_table_and_budgets(records):
    agencies = [p for p in records.programmes if p.kind == "agency"]
    assert len(agencies) == 23
    by_name = {p.name: p for p in agencies}
    assert (by_name["한국보건산업진흥원"].organisation, by_name["한국보건산업진흥원"].url) == (
        "보건복지부", "https://www.khidi.or.kr/kps",
    )
    assert by_name["(지역별)테크노파크"].organisation == "산업통상자원부"
    budgets = {p.organisation: p.amount for p in records.programmes if p.kind == "budget" and p.name.endswith("예산")}
    assert budgets["과학기술정보통신부"] == 9.66e12 and budgets["산업통상자원부"] == 5.27e12


def test_demand_table_has_six_fields(records):
    demands = [p.name for p in records.programmes if p.kind == "기술수요"]
    assert demands == [f"{field} 기술수요" for field in ("탄소중립", "무탄소에너지", "미래모빌리티", "첨단바이오", "디지털전환", "우주항공")]


def test_news_contacts_with_phones(records):
    news = {c.name: c.phone for c in records.contacts if c.role.startswith("문의")}
    assert news["서희경"] == "02-3460-9191" and news["김진석"] == "02-3460-9035"
    assert len([c for c in records.contacts if c.role.startswith("문의")]) == 12


def test_disagreeing_won_dollar_pair_keeps_both_and_is_flagged(records):
    china = [m for m in records.markets if m.line == 7984]
    assert sorted(m.value_printed for m in china) == ["90억 달러", "약 13조"]
    assert all(m.flag for m in china)
    assert not any(m.flag for m in records.markets if m.line in (7962, 7971))


def statistics_by_table(records):
    tables = defaultdict(lambda: defaultdict(dict))
    for s in records.statistics:
        tables[s.table][s.row][s.column] = s.value
    return tables


def test_statistics_totals_add_up(records):
    tables = statistics_by_table(records)
    assert tables["총괄현황"]["연구소 수"]["2024.11"] == 42292
    for table, rows in tables.items():
        for row, cells in rows.items():
            if "총계" in cells:
                parts = sum(v for column, v in cells.items() if column != "총계" and "소계" not in column)
                assert parts == cells["총계"], (table, row)
        for measure in ("연구소 수", "연구원 수"):
            if measure in rows:
                for column, total in rows[measure].items():
                    sizes = sum(rows[f"{size} {measure}"][column] for size in ("대기업", "중견기업", "중소기업"))
                    assert sizes == total, (table, measure, column)


def test_regional_subtotals_add_up(records):
    region = statistics_by_table(records)["지역별"]["연구소 수"]
    assert region["서울"] + region["인천"] + region["경기"] == region["수도권 소계"]
    assert sum(region[c] for c in ("부산", "울산", "대구", "경남", "경북")) == region["영남권 소계"]


def test_every_row_cites_lines_that_hold_its_value(koita, records):
    checks = (
        [(m, m.name_printed) for m in records.firm_mentions]
        + [(c, c.name) for c in records.contacts]
        + [(m, m.value_printed) for m in records.markets]
        + [(m, m.period, m.milestone) for m in records.milestones]
        + [(p, p.amount_printed or p.name.split()[0]) for p in records.programmes if p.kind != "agency"]
        + [(p, p.name, p.url) for p in records.programmes if p.kind == "agency"]
        + [(a, a.firm_printed, a.subject, *a.person.split(", ")) for a in records.awards]
        + [(t, t.title) for t in records.topics if t.kind != "news"]
    )
    for row, *values in checks:
        assert row.document == KOITA and row.line <= row.end_line
        assert held(koita, row, *values), (row, values)
    for s in records.statistics:
        assert s.value_printed in koita.line(s.line).split(), s


def test_parser_recovers_the_gold_list(records):
    found = {
        "firm": [(m.name_printed, m.line, m.end_line) for m in records.firm_mentions],
        "person": [(c.name, c.line, c.end_line) for c in records.contacts],
        "market": [(m.value_printed, m.line, m.end_line) for m in records.markets],
        "target": [(m.period, m.line, m.end_line) for m in records.milestones],
    }
    with GOLD.open(encoding="utf-8") as handle:
        gold = list(csv.DictReader(handle))
    missed = [
        row for row in gold
        if not any(
            compact(row["value"]) in compact(value) and line <= int(row["line"]) <= end_line
            for value, line, end_line in found[row["kind"]]
        )
    ]
    assert len(missed) <= 0.1 * len(gold), missed


def test_curated_row_citing_the_wrong_line_is_refused(koita, tmp_path):
    for path in CURATED.glob("koita_*.csv"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    people = tmp_path / "koita_people.csv"
    people.write_text(people.read_text(encoding="utf-8").replace("구자균,회장,한국산업기술진흥협회,신년사,3,5", "구자균,회장,한국산업기술진흥협회,신년사,7,9"), encoding="utf-8")
    with pytest.raises(BuildError, match=r"koita_people.csv row \d+: .*does not hold '구자균'"):
        parse_koita(koita, tmp_path)


def test_event_in_an_article_and_the_news_list_is_one_topic(records):
    news = [t for t in records.topics if t.kind == "news"]
    titles = [compact(t.title).replace("‘", "").replace("’", "") for t in news]
    assert len(titles) == len(set(titles)) == 13
    by_name = {c.name: c.topic_id for c in records.contacts if c.role.startswith("문의")}
    # the brief's 문의 person belongs to the article on the same event
    assert by_name["박경환"] == "001-news-02" and by_name["김진석"] == "001-news-03"
    assert by_name["강명은"] == "001-news-04" and by_name["박다운"] == "001-news-05"
