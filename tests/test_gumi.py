"""구미지역경제 ISSUE FOCUS Vol. 49 (003): topics, people, tables, firms, markets, targets and programmes."""

import csv
from pathlib import Path

import pytest

from smbstar.errors import BuildError
from smbstar.ingest.document import SourceDocument
from smbstar.ingest.gumi import find_layout, find_tables, parse_gumi
from smbstar.korean import compact

ROOT = Path(__file__).resolve().parent.parent
GUMI = "003_84ef62de625763dd.txt"
GOLD = ROOT / "tests" / "data" / "gumi_gold.csv"


@pytest.fixture(scope="module")
def gumi() -> SourceDocument:
    return SourceDocument.load(ROOT / "seeds" / "docs" / GUMI)


@pytest.fixture(scope="module")
def records(gumi):
    return parse_gumi(gumi)


@pytest.fixture(scope="module")
def tables(gumi):
    return find_tables(gumi, find_layout(gumi))


def _table(tables, caption):
    return next(table for table in tables if table.caption == caption)


def _row(table, label):
    rows = [row for row in table.rows if row.label == label]
    assert len(rows) == 1, f"{label}: {len(rows)} rows"
    return rows[0]


def test_author_is_the_contact_of_the_brief(records, gumi):
    authors = [c for c in records.contacts if c.role == "저자"]
    assert [(a.name, a.title, a.email, a.institute, a.line) for a in authors] == [
        ("오현주", "선임연구원", "hjoh@geri.re.kr", "GERI 구미전자정보기술원", 20)
    ]
    assert "hjoh@geri.re.kr" in gumi.line(21)
    assert authors[0].topic_id == "003-brief-01"


def test_items_of_each_section_with_their_dates(records):
    items = [t for t in records.topics if t.kind in ("technology", "economy", "policy", "focus")]
    assert [t.kind for t in items].count("technology") == 3
    assert [t.kind for t in items].count("economy") == 5
    assert [t.kind for t in items].count("policy") == 5
    focus = [t for t in items if t.kind == "focus"]
    assert [(t.id, t.title, t.line) for t in focus] == [
        ("003-focus-01", "탄소소재 융복합 산업 종합 발전전략 (산업통상자원부)", 870)
    ]
    by_line = {t.line: t for t in items}
    assert (by_line[173].id, by_line[173].date_printed, by_line[173].date) == ("003-economy-01", "'21.03.09.", "2021-03-09")
    assert (by_line[845].date_printed, by_line[845].date) == ("3월 17일", "2021-03-17")
    assert by_line[33].summary.startswith("저궤도 위성은 저지연성을 최대 강점으로")


def test_carbon_material_strategy_targets(records):
    focus = [m for m in records.milestones if m.topic_id == "003-focus-01"]
    found = {(m.line, m.period, m.year) for m in focus}
    assert {
        (973, "'30년까지", 2030),  # 탄소 융복합 기업체 수 2배 이상
        (992, "'30년까지", 2030),  # 실증사업 프로젝트 300개(누적)
        (1062, "'30년까지", 2030),  # 글로벌 시장 점유율 15%
        (1071, "'30년", 2030),  # 생산기술 수준 90%
        (1008, "'21~'25", 2021),
        (1009, "'26~'30", 2026),
    } <= found
    texts = {m.line: m.milestone for m in focus}
    assert "2배 이상" in texts[973] and "300개(누적)" in texts[992]
    assert "15% 달성('19년, 3.0%)" in texts[1062] and "90%(최고국 대비)" in texts[1071]
    assert not {1006, 1028, 1102} & set(texts)  # (목표) lines that print no date: goals, not points of a timeline


def test_table_cells_are_split_on_their_bullets(tables):
    domestic = _table(tables, "최근 국내 주요 산업체의 저궤도 위성 사업 추진 현황")
    lig = [item for _, item in _row(domestic, "LIG넥스원").cells[1].items]
    assert lig == [
        "KAIST와 함께 소형·초소형 위성 개발에 본격 착수(1.20)",
        "차세대 초소형위성에 적용될 핵심기술과 영상레이더 위성분야 기술 연구 등을 공동 진행 중",
        "또한 초고속 기반의 5G·6G 기술을 탑재한 저궤도 소형 통신위성 사업 관련 기술개발과 투자도 병행",
    ]
    spacex = [item for _, item in _row(_table(tables, "글로벌 기업의 저궤도 위성을 활용한 인터넷 통신망 개발 추진 현황"), "SPACEX").cells[1].items]
    assert len(spacex) == 5 and spacex[-1].startswith("또한 자국뿐만 아니라")
    clusters = _row(_table(tables, "지역산업 연계 융복합 산업 클러스터(예시)"), "방향")
    assert [len(cell.items) for cell in clusters.cells[1:]] == [1, 1, 1]
    assert clusters.cells[1].items[0][1].startswith("탄소소재 융복합 산업 소부장")
    assert not any("<ul" in cell.text or "style=" in cell.text for t in tables for r in t.rows for cell in r.cells)


def test_kt_sat_row_is_joined_across_the_page_break(records, tables):
    domestic = _table(tables, "최근 국내 주요 산업체의 저궤도 위성 사업 추진 현황")
    assert [row.label for row in domestic.rows] == ["기업", "LIG넥스원", "KT sat", "한화 시스템"]
    kt_sat = _row(domestic, "KT sat")
    assert (kt_sat.line, kt_sat.end_line) == (54, 65)
    assert [line for line, _ in kt_sat.cells[1].items] == [54, 65, 65]
    mentions = [m for m in records.firm_mentions if m.name_printed == "KT sat"]
    assert len(mentions) == 1
    assert (mentions[0].line, mentions[0].end_line) == (54, 65)
    assert "기술 시연(2.4)" in mentions[0].opinion and "동남아 지역" in mentions[0].opinion


def test_captions_are_text_not_markup(records, tables):
    titles = {t.title for t in records.topics if t.kind == "table"}
    assert {"5G 가입자 수 및 비중", "사물인터넷 가입회선 수", "품목별 수입의존 및 자립화 추진 현황"} <= titles
    chart = next(t for t in tables if t.rows[0].line == 817)
    assert "< 매출액 성장을 비교(연평균) >" in [cell.text for cell in chart.rows[0].cells]
    assert "매출액 성장을 비교(연평균) / 수출액 성장을 비교(연평균)" in titles
    assert not any("<table" in t.summary or "<ul" in t.summary for t in records.topics)


def test_table_numbers_are_statistics(records):
    stats = {(s.table, s.row, s.column): s for s in records.statistics}
    skt = stats[("5G 가입자 수 및 비중", "(SKT)", "2020.12")]
    assert (skt.value, skt.value_printed, skt.line) == (5476055, "5,476,055", 125)
    assert stats[("5G 가입자 수 및 비중", "5G 비중(%)", "2020.12")].unit == "%"
    oecd = "경제협력개발기구(OECD) 중간 경제전망 발표 ('21.03.09.)"
    korea = stats[(oecd, "한국", "'21년 전망 '21.3")]
    assert (korea.value, korea.unit) == (3.3, "%")
    assert (stats[(oecd, "한국", "'22년 전망 조정폭")].value, stats[(oecd, "한국", "'22년 전망 조정폭")].unit) == (-0.3, "%p")
    trade = stats[("FTA 발효 후 對美 교역 동향", "對美 교역", "'20")]
    change = stats[("FTA 발효 후 對美 교역 동향", "對美 교역 (전년대비 증감률)", "'20")]
    assert (trade.value, trade.unit, change.value, change.unit) == (1316, "억불", -2.7, "%")
    imports = stats[("FTA 발표 후 对美 수입 동향", "对美 수출 (전년대비 증감률)", "‘20")]
    assert (imports.value, imports.line) == (-7.1, 472)
    assert stats[("对美 품목별 교역 동향", "1 원유", "수입 ‘20")].value == 5390
    graphite = stats[("품목별 수입의존 및 자립화 추진 현황", "인조흑연 자립화율", "코크스제조")]
    assert (graphite.value, graphite.value_printed, graphite.unit) == (50, "50%", "%")
    assert stats[("국가혁신클러스터육성사업 사업단계별 지원 규모", "합계", "2단계(B) 소계")].value == 1812
    assert sum(1 for s in records.statistics if s.table == "5G 가입자 수 및 비중") == 41


def test_won_and_dollar_printed_together_are_both_kept(records):
    pair = [m for m in records.markets if m.line == 73]
    assert [(m.value_printed, m.currency) for m in pair] == [("99달러", "USD"), ("11만원", "KRW")]
    assert [m.flag for m in pair] == ["", ""]  # 11만원 / 99달러 ≈ 1,111원/USD, a rate of 2021


def test_market_figures_of_the_carbon_strategy(records):
    carbon = {(m.line, m.value_printed): m for m in records.markets if m.topic_id == "003-focus-01"}
    assert (carbon[(903, "52조원")].year, carbon[(903, "176조원")].year) == (2019, 2030)
    assert carbon[(904, "1,055조원")].value == 1.055e15


def test_people_named_with_their_position(records):
    people = {(c.name, c.title, c.institute, c.role, c.line) for c in records.contacts if c.role != "저자"}
    assert ("이석우", "대표이사", "펜타시큐리티시스템", "참석", 353) in people
    assert ("조인호", "교수", "이화여대 의과대학", "선임", 847) in people
    assert ("정세균", "국무총리", "", "주재", 276) in people


def test_every_row_cites_lines_that_hold_its_value(records, gumi):
    def held(value, line, end_line):
        return compact(value) in compact(" ".join(gumi.lines[line - 1 : end_line]))

    # A table without a caption is named after its item, whose title line holds the name.
    item_titles = {t.title for t in records.topics if t.kind not in ("brief", "table")}
    checks = (
        [(t.title, t.line, t.line) for t in records.topics if t.kind not in ("brief", "table")]
        + [(part, t.line, t.line) for t in records.topics if t.kind == "table" and t.title not in item_titles
           for part in t.title.split(" / ")]
        + [(c.name, c.line, c.line) for c in records.contacts]
        + [(c.email, c.line, c.end_line) for c in records.contacts if c.email]
        + [(m.name_printed, m.line, m.end_line) for m in records.firm_mentions]
        + [(m.value_printed, m.line, m.line) for m in records.markets]
        + [(m.period or m.milestone, m.line, m.line) for m in records.milestones]
        + [(p.name, p.line, p.line) for p in records.programmes]
        + [(p.amount_printed, p.line, p.end_line) for p in records.programmes]
        + [(s.value_printed, s.line, s.line) for s in records.statistics]
    )
    unheld = [(value, line) for value, line, end_line in checks if not held(value, line, end_line)]
    assert unheld == []
    assert all(row.document == GUMI for group in (records.topics, records.statistics, records.milestones) for row in group)


@pytest.mark.parametrize(
    "row, error",
    [
        (f"삼성전자,단말 제조사,갤럭시S20 시리즈를 국내에 출시,{GUMI},134,134", r"row 2: .*:134-134 does not hold '삼성전자'"),
        (f"KT,이동통신사,KT 361만 7,471명(30.5%),{GUMI},118,118", r"row 2: more fields than columns"),
    ],
)
def test_a_bad_curated_row_is_refused_naming_file_and_row(gumi, tmp_path, row, error):
    (tmp_path / "gumi_firms.csv").write_text(f"name,role,opinion,document,line,end_line\n{row}\n", encoding="utf-8")
    with pytest.raises(BuildError, match=rf"gumi_firms\.csv {error}"):
        parse_gumi(gumi, tmp_path)


def test_parser_recovers_the_gold_list(records, gumi):
    def found(kind, value, line):
        key = compact(value)
        if kind == "firm":
            return any(compact(m.name_printed) == key and m.line <= line <= m.end_line for m in records.firm_mentions)
        if kind == "person":
            return any(c.name == value and c.line <= line <= c.end_line for c in records.contacts)
        if kind == "market":
            return any(compact(m.value_printed) == key and m.line == line for m in records.markets)
        return any(
            m.line == line and (compact(m.period) == key or (not m.period and key in compact(m.milestone)))
            for m in records.milestones
        )

    with GOLD.open(encoding="utf-8", newline="") as handle:
        gold = list(csv.DictReader(handle))
    assert [row for row in gold if compact(row["value"]) not in compact(gumi.line(int(row["line"])))] == []
    missed = [row for row in gold if not found(row["kind"], row["value"], int(row["line"]))]
    assert len(gold) > 100
    assert 1 - len(missed) / len(gold) >= 0.9, missed


def _cell_figure(records, line, printed, scope, years=None):
    found = [
        m for m in records.markets if (m.line, m.value_printed, m.scope) == (line, printed, scope)
        and years in (None, (m.year, m.year_from, m.year_to))
    ]
    assert len(found) == 1, (line, printed, scope, found)
    return found[0]


@pytest.mark.parametrize(
    "line, printed, scope, measure, value, unit, currency, years",
    [
        # subscriber and line counts (no unit printed; the caption names them), a share row
        (125, "5,476,055", "SKT", "count", 5476055, "가입자", "", (2020, None, None)),
        (128, "187", "MVNO", "count", 187, "가입자", "", (2019, None, None)),
        (130, "2.8", "5G 비중", "share", 2.8, "%", "", (2019, None, None)),
        (149, "5,175,040", "원격관제", "count", 5175040, "회선", "", (2020, None, None)),
        # trade in 억불 with the year-on-year change in brackets
        (402, "1,316", "對美 교역", "other", 131_600_000_000, "억 불", "USD", (2020, None, None)),
        (402, "△2.7", "對美 교역", "growth", -2.7, "%", "", (2020, None, None)),
        (415, "5,479", "對세계 수출", "other", 547_900_000_000, "억 불", "USD", (2012, None, None)),
        (474, "△16.9", "对세계 수출", "growth", -16.9, "%", "", (2015, None, None)),
        (512, "166", "對美 수지", "other", 16_600_000_000, "억 불", "USD", (2020, None, None)),
        # items in 백만불, the side (수출/수입) from the upper header, the share row in brackets
        (453, "5,390", "원유 · 수입", "other", 5_390_000_000, "백만 불", "USD", (2020, None, None)),
        (454, "7,457", "반도체 · 수출", "other", 7_457_000_000, "백만 불", "USD", (2020, None, None)),
        (459, "48.7", "비중 · 수출", "share", 48.7, "%", "", (2020, None, None)),
        # a budget in 억원 by stage: a year column, a stage's 소계 and the 합계 span the years they total
        (588, "150", "R&D · 1단계(A)", "investment", 15_000_000_000, "억 원", "KRW", (2018, None, None)),
        (591, "514", "지방비 · 1단계(A) 소계", "investment", 51_400_000_000, "억 원", "KRW", (None, 2018, 2020)),
        (590, "1,306", "국비 · 2단계(B) 소계", "investment", 130_600_000_000, "억 원", "KRW", (None, 2021, 2022)),
        (592, "3,529", "합계 · 합계 (A+B)", "investment", 352_900_000_000, "억 원", "KRW", (None, 2018, 2022)),
        # localisation rates by process: shares without a year
        (1110, "50%", "인조흑연 자립화율 · 코크스제조", "share", 50, "%", "", (None, None, None)),
        (1118, "100%", "그래핀 자립화율 · 산화/정제", "share", 100, "%", "", (None, None, None)),
    ],
)
def test_table_cells_are_market_figures(records, line, printed, scope, measure, value, unit, currency, years):
    figure = _cell_figure(records, line, printed, scope, years)
    assert (figure.measure, figure.value, figure.unit, figure.currency) == (measure, value, unit, currency)
    assert (figure.year, figure.year_from, figure.year_to) == years
    assert figure.topic_id.startswith("003-table-") and figure.end_line == line


def test_a_table_cell_quotes_caption_row_and_column(records):
    figure = _cell_figure(records, 402, "△2.7", "對美 교역")
    assert figure.subject == "FTA 발효 후 對美 교역 동향"
    assert figure.quote == "FTA 발효 후 對美 교역 동향: 對美 교역 (전년대비 증감률), '20: △2.7 %"


def test_every_market_cell_of_a_table_is_a_figure_and_the_outlook_is_none(records):
    """One market figure per statistic of each market table; the OECD growth outlook (241-263) is macroeconomics."""
    figures = sorted((m.line, m.value_printed) for m in records.markets if m.topic_id.startswith("003-table-"))
    statistics = sorted((s.line, s.value_printed) for s in records.statistics)
    outlook = [(line, printed) for line, printed in statistics if 241 <= line <= 263]
    assert figures == [cell for cell in statistics if cell not in outlook]
    assert len(outlook) == 161 and not [m for m in records.markets if 241 <= m.line <= 263]


def test_a_short_cell_amount_takes_the_period_of_its_caption(records):
    """`< 주요성과 창출 사례, ('18~'20) >`: `• (예산) 70.7억원(국비)` is read though short, and dated by the caption."""
    budget = {m.value_printed: m for m in records.markets if m.line == 611}
    assert {printed: (m.measure, m.value, m.year_from, m.year_to) for printed, m in budget.items()} == {
        "70.7억원": ("investment", 7_070_000_000, 2018, 2020), "15.2억원": ("investment", 1_520_000_000, 2018, 2020),
    }
    sales = next(m for m in records.markets if (m.line, m.value_printed) == (612, "296억원"))
    assert (sales.year, sales.year_from, sales.year_to) == (None, 2018, 2020)


def test_a_row_naming_the_other_trade_direction_than_its_caption_is_flagged(records):
    """`< FTA 발표 후 对美 수입 동향 >` prints its rows as `对美 수출`; 575억불 in '20 is the imports of line 464."""
    imports = _cell_figure(records, 471, "575", "对美 수출")
    assert imports.flag == "행 이름(수출)이 표 제목(수입)과 어긋남"
    flagged = {m.line for m in records.markets if m.flag.startswith("행 이름")}
    assert flagged == {471, 472, 473, 474}
