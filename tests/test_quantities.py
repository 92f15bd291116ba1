"""Market figures of every measure, read by the one quantity extractor, checked on the real documents.

The rows are read from a database built without seeds/curated/market_corrections.csv, so that each test checks
a rule; tests/test_market_corrections.py checks what the corrections make of them."""

import json
import re

import pytest
from typer.testing import CliRunner

from smbstar.cli import app
from smbstar.ingest.quantities import find_quantities
from smbstar.render import readable_value


@pytest.fixture
def run(database_path):
    return lambda *args: CliRunner().invoke(app, list(args))


@pytest.fixture(scope="module")
def conn(rules_conn):
    return rules_conn


def figures_at(conn, document_prefix: str, line: int) -> list[dict]:
    rows = conn.execute(
        "SELECT id, measure, value_printed, value, unit, currency, low, high, year, year_from, year_to, subject,"
        " scope, quote, flag, equivalent_of, line FROM marketfigure WHERE document LIKE ? AND line = ? ORDER BY id",
        (f"{document_prefix}%", line),
    )
    names = [column[0] for column in rows.description]
    return [dict(zip(names, row)) for row in rows]


def one(conn, document_prefix: str, line: int, printed: str) -> dict:
    (figure,) = [f for f in figures_at(conn, document_prefix, line) if f["value_printed"] == printed]
    return figure


def test_each_figure_takes_its_own_year(conn):
    """000:7072 `2015년 28억 달러에서 2020년 91억 달러로`: two market sizes, 2015 and 2020."""
    first, second = one(conn, "000", 7072, "28억 달러"), one(conn, "000", 7072, "91억 달러")
    assert (first["measure"], first["value"], first["currency"], first["year"]) == ("market_size", 2.8e9, "USD", 2015)
    assert (second["value"], second["year"]) == (9.1e9, 2020)
    assert first["subject"] == "유전자 분석 서비스 시장규모" and first["scope"] == "세계"


def test_year_printed_before_a_qualified_figure(conn):
    """000:3296 `2015년 기준 총 17억 7,440만 달러`."""
    figure = one(conn, "000", 3296, "17억 7,440만 달러")
    assert (figure["value"], figure["year"], figure["subject"]) == (1_774_400_000, 2015, "연료전지 시장")


def test_a_range_keeps_both_ends_normalised(conn):
    """002:3931 `3천~5천만원` is 30,000,000 to 50,000,000 KRW, not 3,000."""
    figure = one(conn, "002", 3931, "3천~5천만원")
    assert (figure["value"], figure["low"], figure["high"], figure["currency"]) == (3e7, 3e7, 5e7, "KRW")
    smr = one(conn, "001", 7897, "약 400조~600조 원")
    assert (smr["low"], smr["high"], smr["year"], smr["measure"]) == (4e14, 6e14, 2035, "market_size")


def test_a_unit_price(conn):
    """000:1600 `$0.39/Gb(-3%MoM)`: a price of 0.39 dollars a gigabit and a growth of -3%."""
    price = one(conn, "000", 1600, "$0.39/Gb")
    assert (price["measure"], price["value"], price["currency"], price["unit"]) == ("price", 0.39, "USD", "$/Gb")
    assert price["subject"] == "PC DRAM 평균 가격"
    growth = one(conn, "000", 1600, "-3%")
    assert (growth["measure"], growth["value"], growth["unit"]) == ("growth", -3.0, "%")
    carbon = one(conn, "003", 908, "25\\$/kg")  # the brief escapes the dollar sign
    assert (carbon["measure"], carbon["value"], carbon["currency"]) == ("price", 25.0, "USD")


def test_growth_rates_take_their_period(conn):
    """000:2294 `2017~2025년 중 ... 연평균 26.0%`; 000:2300 `2025~2030년 중 다시 약 2배`."""
    cagr = one(conn, "000", 2294, "26.0%")
    assert (cagr["measure"], cagr["value"], cagr["year"], cagr["year_from"], cagr["year_to"]) == (
        "growth", 26.0, None, 2017, 2025
    )
    multiple = one(conn, "000", 2300, "2배")
    assert (multiple["measure"], multiple["unit"], multiple["year_from"], multiple["year_to"]) == (
        "growth", "배", 2025, 2030
    )
    span = one(conn, "000", 7074, "26%")  # `2015년 28억 달러에서 2020년 91억 달러로 연평균 26%씩`
    assert (span["year_from"], span["year_to"]) == (2015, 2020)


def test_subscriber_counts_and_operator_shares(conn):
    """003:118 `SK텔레콤 547만 6,055명(46.2%), KT 361만 7,471명(30.5%), ...`."""
    figures = figures_at(conn, "003", 118)
    counts = [(f["scope"], f["value"]) for f in figures if f["measure"] == "count"]
    shares = [(f["scope"], f["value"]) for f in figures if f["measure"] == "share"]
    assert counts == [("SK텔레콤", 5_476_055), ("KT", 3_617_471), ("LG유플러스", 2_751_942), ("알뜰폰", 5_905)]
    assert shares == [("SK텔레콤", 46.2), ("KT", 30.5), ("LG유플러스", 23.2), ("알뜰폰", 0.05)]
    assert {f["unit"] for f in figures if f["measure"] == "count"} == {"명"}


def test_subscriber_share_with_its_month(conn):
    """003:114 `2019년 12월 466만 8,154명, ... 6.8% 비중에서 2020년 12월 1,185만 1,373명, 비중 16.8%`."""
    figures = {f["value_printed"]: f for f in figures_at(conn, "003", 114)}
    assert (figures["466만 8,154명"]["year"], figures["6.8%"]["measure"], figures["6.8%"]["year"]) == (
        2019, "share", 2019
    )
    assert (figures["1,185만 1,373명"]["year"], figures["16.8%"]["year"]) == (2020, 2020)


def test_shares_and_growth_of_the_kaist_report(conn):
    """002:3611 `’22년 기준 EU 전기차 배터리 시장의 64%를 점유`, 002:3613 `對EU 양극재 수출 202% 증가`."""
    share = one(conn, "002", 3611, "64%")
    assert (share["measure"], share["value"], share["year"], share["scope"]) == ("share", 64.0, 2022, "EU")
    growth = one(conn, "002", 3613, "202%")
    assert (growth["measure"], growth["year_from"], growth["year_to"]) == ("growth", 2017, 2022)


def test_share_ranks(conn):
    """000:2046 `세계시장점유율 1, 2위`: two ranks; 000:2052 `6위 및 10위`."""
    assert sorted(f["value"] for f in figures_at(conn, "000", 2046) if f["measure"] == "rank") == [1, 2]
    assert sorted(f["value"] for f in figures_at(conn, "000", 2052) if f["measure"] == "rank") == [6, 10]
    machine_tools = one(conn, "000", 9448, "6위권")
    assert (machine_tools["measure"], machine_tools["value"], machine_tools["unit"]) == ("rank", 6, "위권")


def test_a_printed_conversion_is_linked_to_its_figure(conn):
    """000:1634 `67억8300만달러(약 8조2100억원)`: the won figure converts the dollar one; summing one currency
    does not count it twice."""
    dollars = one(conn, "000", 1634, "67억8300만달러")
    won = one(conn, "000", 1634, "8조2100억원")
    assert (won["equivalent_of"], dollars["equivalent_of"]) == (dollars["id"], None)
    assert (dollars["measure"], won["measure"], won["flag"]) == ("revenue", "revenue", "")


def test_the_source_contradicting_itself_is_flagged(conn):
    """002:9217 `4,000조 원(3,400억 달러)` implies 11,765 won a dollar."""
    won, dollars = one(conn, "002", 9217, "4,000조 원"), one(conn, "002", 9217, "3,400억 달러")
    assert won["flag"] == dollars["flag"] != ""
    assert "11,765원/USD" in won["flag"]
    assert dollars["equivalent_of"] == won["id"]


def test_table_rows_are_segments_with_their_column_year(conn):
    """<그림 Ⅳ-18>: the row label CNS Disorders is a segment, not the global market; the CAGR column of
    <표 Ⅴ-...> (000:7113) is a growth over the table's years."""
    cns = [f for f in figures_at(conn, "000", 5142) if f["measure"] == "market_size"]
    assert {f["scope"] for f in cns} == {"CNS Disorders"} and cns[0]["year"] == 2010
    assert cns[0]["subject"] == "글로벌 펩타이드 의약품 시장규모"
    (cagr,) = [f for f in figures_at(conn, "000", 7113) if f["measure"] == "growth"]
    assert (cagr["value"], cagr["unit"], cagr["year_from"], cagr["year_to"], cagr["scope"]) == (
        9.9, "%", 2016, 2021, "국내"
    )


def test_every_quote_is_a_sentence_not_a_number(conn):
    bare = conn.execute(
        "SELECT document, line, quote FROM marketfigure"
        " WHERE length(replace(replace(quote, value_printed, ''), ' ', '')) <= 2"
    ).fetchall()
    assert len(bare) <= 12, bare  # amount rows of a figure (`10억원 10억원 40억원 >350억원`) only


def test_every_row_has_a_known_measure(conn):
    measures = {row[0] for row in conn.execute("SELECT DISTINCT measure FROM marketfigure")}
    assert measures <= {"market_size", "revenue", "investment", "price", "share", "growth", "rank", "count", "other"}
    assert {"market_size", "revenue", "investment", "price", "share", "growth", "rank", "count"} <= measures


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("2016년 세계 챗봇 시장 규모는 7억3백만 달러(약 7,733억 원)이며, 연평균 35.2%의 성장률을 보임",
         [("7억3백만 달러", "market_size", 2016), ("7,733억 원", "market_size", 2016), ("35.2%", "growth", 2016)]),
        ("국내 공작기계 생산 기준 5.5조원(‘17년)으로 세계 6위권을 기록", [("5.5조원", "other", 2017), ("6위권", "rank", 2017)]),
        ("2020년 수소경제 관련 예산을 2019년도의 2배인 5000억 규모로 편성",
         [("2배", "growth", 2019), ("5000억", "investment", 2020)]),
        ("삼성전자는 서버용 낸드플래시 수요 회복으로 30% 점유율을 보임", [("30%", "share", None)]),
        ("1913년 8000 달러는 오늘날 1000만원에 해당한다", [("8000 달러", "other", 1913), ("1000만원", "other", 1913)]),
    ],
)
def test_measure_and_year_of_sentences(sentence, expected):
    found = [(q.printed, q.measure, q.year) for q in find_quantities(sentence)]
    assert found == expected


def test_numbers_that_are_not_market_facts():
    """Outside a sentence about a market, percentages and counts are not figures; 배터리 is no multiple."""
    assert find_quantities("리튬 배터리 셀의 효율 20% 향상과 3개 분야 연구") == []
    assert [q.measure for q in find_quantities("배터리 시장 점유율 30%를 기록")] == ["share"]


@pytest.mark.parametrize(
    "figure, shown",
    [
        ({"value": 6.65e12, "unit": "조 원", "currency": "KRW"}, "6조 6,500억 원"),
        ({"value": 6.783e9, "unit": "억 달러", "currency": "USD"}, "67.8억 달러"),
        ({"value": 46.2, "unit": "%"}, "46.2%"),
        ({"value": 5_476_055, "unit": "명"}, "547만 6,055명"),
        ({"value": 3e7, "low": 3e7, "high": 5e7, "unit": "천만 원", "currency": "KRW"}, "3,000만~5,000만 원"),
        ({"value": 0.39, "unit": "$/Gb", "currency": "USD"}, "0.39 달러/Gb"),
        ({"value": 4e15, "unit": "조 원", "currency": "KRW", "flag": "원화와 외화 표기가 어긋남"}, "⚠ 4,000조 원"),
        ({"value": 6, "unit": "위"}, "6위"),
        ({"value": None, "value_printed": "60,245", "unit": ""}, "60,245"),
    ],
)
def test_values_as_people_read_them(figure, shown):
    assert readable_value(figure) == shown


def test_markets_filter_by_measure_and_year(run):
    shares = json.loads(run("markets", "--measure", "share", "--year", "2022", "--format", "json").stdout)
    assert shares and {f["measure"] for f in shares} == {"share"}
    assert all(f["year"] == 2022 or (f["year_from"] or 9999) <= 2022 <= (f["year_to"] or 0) for f in shares)
    assert any(f["value"] == 64.0 and f["year"] == 2022 for f in shares)


def test_markets_unknown_measure_is_a_usage_error(run):
    result = run("markets", "--measure", "size")
    assert result.exit_code == 2
    assert "unknown --measure 'size'" in result.stderr


def test_markets_table_prints_readable_values(run):
    args = ["markets", "--tech", "IV-1", "--measure", "market_size", "--format", "table", "--no-color"]
    result = CliRunner().invoke(app, args, env={"COLUMNS": "250"})
    assert "6조 6,500억 원" in result.stdout


def test_markets_tabular_formats_carry_every_field(run):
    header = run("markets", "--tech", "II-1", "--format", "csv").stdout.splitlines()[0].split(",")
    for column in ("measure", "value", "unit", "currency", "low", "high", "year", "year_from", "year_to", "subject",
                   "scope", "quote", "flag", "equivalent_of", "source"):
        assert column in header


def test_a_table_with_estimated_years_and_a_share_row(conn):
    """<표 Ⅱ-..> 반도체 장비 (000:3053-3076): `2016**` years, a CAGR column printed on the next line, export rows
    that are no market size, and a row of world market shares in percent."""
    domestic = [f for f in figures_at(conn, "000", 3062) if f["measure"] == "market_size"]
    assert [(f["value"], f["year"], f["scope"]) for f in domestic][:2] == [(8.7e9, 2012, "국내"), (5.2e9, 2013, "국내")]
    exports = figures_at(conn, "000", 3069)
    assert {f["measure"] for f in exports} == {"other", "growth"}
    shares = [f for f in figures_at(conn, "000", 3076) if f["measure"] == "share"]
    assert [(f["value"], f["unit"], f["year"]) for f in shares][-1] == (12.2, "%", 2019)


def test_market_volumes_in_physical_units(conn):
    """000:3316 `시장규모는 2030년 12.7~25.4GW, 2050년 95GW로`; 003 5G traffic in TB."""
    capacity = one(conn, "000", 3316, "12.7~25.4GW")
    assert (capacity["measure"], capacity["low"], capacity["high"], capacity["unit"], capacity["year"]) == (
        "market_size", 12.7, 25.4, "GW", 2030
    )
    assert one(conn, "000", 3316, "95GW")["year"] == 2050
    traffic = [f for f in figures_at(conn, "003", 115) if f["unit"] == "TB"]
    assert [(f["value"], f["year"]) for f in traffic] == [(121_444, 2019), (200_000, 2020), (302_278, 2020)]


def test_a_bracketed_change_shares_the_year_of_its_rate(conn):
    """`시장 성장률 '21년 4.5%(△1.0%p), '22년 2.75%(△1.25%p) 전망`; 003:489 `점유율은 12.3%로 전년과 동일`."""
    found = find_quantities("반도체 시장 성장률 '21년 4.5%(△1.0%p), '22년 2.75%(△1.25%p) 전망")
    changes = [(q.value, q.measure, q.year) for q in found if q.unit == "%p"]
    assert changes == [(-1.0, "growth", 2021), (-1.25, "growth", 2022)]
    share = one(conn, "003", 489, "12.3%")
    assert (share["measure"], share["year"]) == ("share", 2020)


def test_a_conversion_inside_brackets(conn):
    """002:4942 `(1,100만 달러, 약 146 억원)`: the won amount converts the dollar one."""
    dollars, won = one(conn, "002", 4942, "1,100만 달러"), one(conn, "002", 4942, "146 억원")
    assert (won["equivalent_of"], won["year"], won["flag"]) == (dollars["id"], 2022, "")


@pytest.mark.parametrize(
    ("document", "line", "printed", "measure"),
    [
        ("001", 7984, "90억 달러", "investment"),  # 90억 달러(약 13조) 규모의 투자 계획
        ("001", 7977, "1억 2,000만 파운드", "investment"),  # ... 규모의 ‘미래 원자력 활성화 기금’
        ("001", 4877, "1.4조 원", "other"),  # 1.4조 원 규모(일본지역 제외)로 기술이전
        ("001", 4881, "2,980억 원", "other"),  # 2,980억 원 규모로 기술이전
        ("001", 5038, "2조 원", "market_size"),  # 2조 원 규모의 시장
        ("001", 2352, "600억 달러", "market_size"),  # 투자은행 모건스탠리 forecasts the space economy
        ("001", 7971, "최대 40억 달러", "investment"),  # 40억 달러(...)가 투입될 것으로
        ("003", 598, "1,446억원", "revenue"),  # 1,446억원의 사업화 매출
        ("002", 5359, "3,000억원", "investment"),  # a cell of the 투자예산 row
        ("002", 4981, "1,205억엔", "investment"),  # 지원계획 발표(’22) (’30년,, 1,205억엔, ...)
        ("001", 7962, "3억 3,400만 달러", "investment"),  # 타당성 검토에 3억 3,400만 달러(...)를 지원
    ],
)
def test_the_measure_is_told_by_the_figure_own_words(conn, document, line, printed, measure):
    """A 규모 right after a figure only says it is an amount; the word after it (투자, 기금, 기술이전, 시장), the
    thing it is of (`의 사업화 매출`) or its table row tells the measure; a 투자은행 invests nothing."""
    assert one(conn, document, line, printed)["measure"] == measure


@pytest.mark.parametrize(
    ("document", "line", "printed"),
    [
        ("002", 2160, "20%"),  # 점유율을’30년까지 전 세계시장의 20%까지 확대
        ("002", 6719, "75%"),  # 그중 75%가 ‘양자컴퓨팅’ 분야에서 차지
        ("002", 5851, "22%"),  # 이 중 22%가 상용화 촉진에 투자
        ("000", 3689, "7%"),  # 튜브 트레일러가 7%를 점유
        ("000", 5632, "25%"),  # 약 25%를 점유하고 있으며
        ("000", 8485, "50%"),  # 전체 시장의 50% (252억달러)를 차지
    ],
)
def test_a_part_of_a_whole_is_a_share_even_next_to_growth_words(conn, document, line, printed):
    assert one(conn, document, line, printed)["measure"] == "share"


def test_growth_rates_stay_growth(conn):
    assert one(conn, "003", 464, "△7.1%")["measure"] == "growth"
    assert one(conn, "000", 7818, "16.3%")["measure"] == "growth"


@pytest.mark.parametrize(
    ("document", "line", "printed", "year", "year_from", "year_to"),
    [
        # a growth spans the years printed before it, not a later year of its sentence
        ("000", 3298, "184%", None, 2015, 2017),
        # a growth whose only year follows it grows to that year
        ("000", 7818, "16.3%", None, None, 2022),
        ("000", 9527, "10.6%", None, None, 2022),
        ("002", 9221, "39%", None, None, 2030),
        # a year right before another figure is that figure's: `현재 ... 250조 원 ... 2030년에는 2,500조 원`
        ("002", 9221, "250조 원", None, None, None),
        ("002", 9223, "2,500조 원", 2030, None, None),
        ("002", 5757, "1억달러", 2022, None, None),  # ‘22.03. 민간 투자 1억달러에서, 인큐텔 투자 후 ‘22.12. 5억달러 유치
        ("002", 5757, "5억달러", 2022, None, None),
        # a year printed as a bound is an end year: `~’42년`, `~'25`
        ("002", 2731, "300조 원", None, None, 2042),
        ("003", 308, "3,000억원", None, None, 2025),
        ("002", 2639, "3.2조 원", None, None, 2030),
        ("003", 308, "1,500억원", 2021, None, None),
        # a period followed by a comma is still a period: `(‘23~‘27, $3천만 책정)`
        ("002", 5723, "$3천만", None, 2023, 2027),
        # a number of years up to a year is a period: `2030년까지 10년간 총 5,955억원(국비 5,423억원, 민간 532억원)`
        ("003", 860, "5,955억원", None, 2021, 2030),
        ("003", 860, "532억원", None, 2021, 2030),
        ("002", 2609, "340조원", None, 2022, 2026),  # 2026년까지 5년간 340조원 투자
        # the year of a cited source is no figure's: `(삼정KPMG경제연구원, 2023)`
        ("002", 5500, "6000톤", None, None, None),
    ],
)
def test_the_year_bound_to_each_figure(conn, document, line, printed, year, year_from, year_to):
    figure = one(conn, document, line, printed)
    assert (figure["year"], figure["year_from"], figure["year_to"]) == (year, year_from, year_to)


@pytest.mark.parametrize(
    ("line", "printed", "year_from", "year_to"),
    [(5356, "370억원", 2009, 2011), (5359, "3,000억원", None, 2030), (5362, "1조원", None, 2030)],
)
def test_a_table_cell_is_quoted_with_its_row_label(conn, line, printed, year_from, year_to):
    """002:5359 `3,000억원` / `(’30년까지)` under the row `투자예산 (정부 투자 예산만 추출)`: a budget up to 2030."""
    figure = one(conn, "002", line, printed)
    assert figure["quote"].startswith("투자예산 (정부 투자 예산만 추출): " + printed)
    assert (figure["measure"], figure["year"], figure["year_from"], figure["year_to"]) == (
        "investment", None, year_from, year_to)


def test_subject_and_scope_after_a_figure_come_from_its_own_clause(conn):
    """`약 1,500조 원(1,123억 달러) 규모이고, 서비스 활용도가 높은 국가는 미국`: no scope 미국;
    `122건의 중핵기업 유치와 649명의 일자리 창출, 1,446억원의 사업화 매출`: 122건 is no 매출;
    `R&D 사업비는 1단계 대비 14.5%가 늘어난 1,134억원 ... 대규모 지정과제`: 대규모 is no subject, R&D 사업비 is."""
    assert {f["scope"] for f in figures_at(conn, "002", 9211)} == {""}
    assert one(conn, "003", 598, "122건")["subject"] == "중핵기업 유치"  # what the count counts, no 매출
    assert one(conn, "003", 594, "14.5%")["subject"] == "R&D 사업비"
    figure = one(conn, "001", 5038, "2조 원")
    assert (figure["subject"], figure["scope"]) == ("대상 시장", "GI-108")


def test_a_name_after_a_slash_is_no_unit_price(conn):
    """002:2718 `소부장펀드 2,000억 원/ M&A펀드 1,000억 원`: two fund amounts, no price per M."""
    fund = one(conn, "002", 2718, "2,000억 원")
    assert (fund["measure"], fund["unit"], fund["value"]) == ("investment", "억 원", 2e11)
    assert one(conn, "000", 1600, "$0.39/Gb")["unit"] == "$/Gb"


@pytest.mark.parametrize(
    ("line", "printed"),
    [
        (5086, "28%"), (5088, "41%"),  # 매출비중이 1990년 28%에서 2005년 41%로 확대됨
        (5191, "22.8%"), (5191, "2.2%"),  # 시장점유율은 ... 각 22.8%(약 60억 달러), 2.2%(약 6억 달러)를 나타내고
    ],
)
def test_the_levels_of_a_share_are_shares(conn, line, printed):
    assert one(conn, "000", line, printed)["measure"] == "share"


def test_a_source_date_and_a_rank_a_firm_does_not_hold_are_no_facts(conn):
    """001:991 `대외경제정책연구원(2024.10.)은 ...`: 2024 dates the report, not the trade balance; 000:2062
    `국내 기업은 10위권에 없음` ranks nobody 10th."""
    assert one(conn, "001", 991, "1,715억∼4,974억 달러")["year"] is None
    assert one(conn, "002", 1965, "90%")["year"] is None  # ARM 의존도 90% 이상(삼성증권, 2021)
    assert not [f for f in figures_at(conn, "000", 2062) if f["measure"] == "rank"]


@pytest.mark.parametrize(
    ("line", "printed"),
    [
        (478, "44.6%"),  # 반도체 제조용장비(44.6%)*·자동차(36.0%)** 등의 수입이 크게 증가
        (419, "25.3%"),  # 반도체(25.3%)** 등의 수출 호조로 對美 수출 증가
    ],
)
def test_a_bracketed_rate_takes_the_growth_its_clause_states(conn, line, printed):
    assert one(conn, "003", line, printed)["measure"] == "growth"


@pytest.mark.parametrize(
    "document, line, printed",
    [("002", 4265, "97%"), ("000", 5476, "98.5%"), ("002", 5274, "5%"), ("002", 5276, "7%")],
)
def test_a_content_or_purity_is_no_market_fact(conn, document, line, printed):
    """002:4265 `무수세 97% 니켈 함유 단결정 양극 소재`, 000:5476 `고순도(98.5%이상)`, 002:5274 `실리콘 함량 5%→7%~10%`."""
    assert not [f for f in figures_at(conn, document, line) if f["value_printed"] == printed]


@pytest.mark.parametrize("document, line", [("002", 2662), ("002", 2672), ("002", 2694), ("003", 164)])
def test_a_rate_set_by_policy_is_no_market_fact(conn, document, line):
    """`용적률 특례 적용 (최대 1.4배 상향, 350% → 490%)`, `설비투자 세액공제 확대 (... 8%→12%, (중소) 16%→20%)`,
    `투자 세액 공제율 상향 (8% → 15%)`, `세액공제율 3% 적용 ... 등록면허세 50% 감면`."""
    assert not [f for f in figures_at(conn, document, line) if f["unit"] in ("%", "배")]


@pytest.mark.parametrize(
    "line, printed, measure",
    [
        (4934, "750만 달러", "investment"),  # ①차세대배터리 기초 연구(’22) (4년간, 750만 달러, 약 100억원)
        (2639, "3.2조 원", "investment"),  # 차세대 유망 반도체 핵심기술 개발 (~’30년까지, 총 3.2조 원)
        (5723, "$3천만", "investment"),  # 프로그램 운영 (‘23~‘27, $3천만 책정)
        (5729, "1억 유로", "investment"),  # 양자컴퓨터 구축에 총 1억 유로 제공
        (1164, "50%", "share"),  # 메모리 칩 시장 50% 이상을 장악
        (5831, "35%", "share"),  # 약 35%를 연구 역량 강화 및 인재 육성에 투자
        (5851, "22%", "share"),  # 이 중 22%가 상용화 촉진에 투자
        (6747, "68%", "share"),  # 스타트업 투자의 2/3(68%)
    ],
)
def test_a_programme_amount_is_an_investment_and_a_part_of_an_amount_a_share(conn, line, printed, measure):
    assert one(conn, "002", line, printed)["measure"] == measure


def test_a_market_named_after_a_development_stays_a_market(conn):
    """000:5636 `펩타이드 치료제 개발 시 약 7.9억 달러의 신규 펩타이드 의약품 시장`."""
    assert one(conn, "000", 5636, "7.9억 달러")["measure"] == "market_size"


@pytest.mark.parametrize(
    "line, printed, year, year_from, year_to",
    [
        (5165, "1조764억원", 2022, None, None),  # under `*2022년 기업별 R&D 비용(전년대비 증가율)`
        (5173, "2조 9천억원", 2022, None, None),
        (5027, "183억원", None, 2017, 2021),  # `-고체전해질 47.8% (183억원)` under `R&D 투자(’17~’21) (1,141억원)`
    ],
)
def test_a_bare_amount_takes_measure_and_date_from_its_caption_or_parent_item(conn, line, printed, year, year_from,
                                                                               year_to):
    figure = one(conn, "002", line, printed)
    assert (figure["measure"], figure["year"], figure["year_from"], figure["year_to"]) == (
        "investment", year, year_from, year_to)


def test_reference_entries_are_no_market_facts(conn):
    """002:343 `머니투데이(2023.04.24.), ... 인재에 130억 몰렸다`, 002:348 `SiliconExpert(2022.12.05.) ... $20,000`."""
    assert figures_at(conn, "002", 343) == [] and figures_at(conn, "002", 348) == []


@pytest.mark.parametrize(
    "document, line",
    [("002", 2902), ("002", 5145), ("002", 5257), ("002", 1901), ("000", 4558)],
)
def test_a_technical_property_is_no_market_fact(conn, document, line):
    """`에너지밀도를 15~20% 향상`, `성능 40% 향상, 전력 효율 최대 16% 향상`, `성공률 10배`: technical gains, no rows."""
    assert not [f for f in figures_at(conn, document, line) if f["unit"] in ("%", "배")]


def test_technical_percents_in_market_sentences_are_dropped_and_market_ones_kept():
    assert find_quantities("AI 반도체 시장 대비 성능 40% 향상, 전력 효율 최대 16% 향상)를 통한 시장 재도전") == []
    assert find_quantities("스마트 야드 시장에서 작업 효율성을 20% 이상 향상") == []
    assert [q.measure for q in find_quantities("세계 바이오 시장 성장 속도가 연평균 20%로 빠름")] == ["growth"]
    assert [q.measure for q in find_quantities("효율이 높은 배터리 시장 점유율 30%를 기록")] == ["share"]


def test_the_base_of_a_ratio_is_no_count(conn):
    """002:10195 `100명 중 20명은 취업을 못하고`."""
    assert not [f for f in figures_at(conn, "002", 10195) if f["measure"] == "count"]


def test_an_arrow_binds_the_target_year_to_the_figure_after_it(conn):
    """002:2606 `’30년까지 자립화율 30% → 50%`, 002:5878 `’33년까지 ... 점유율은 9%(2021/22년도) → 15%`,
    002:5880 `민간 투자는 12%(2012-22년간) → 15%`: the target is the figure after the arrow."""
    current, target = one(conn, "002", 2606, "30%"), one(conn, "002", 2606, "50%")
    assert (current["year"], target["year"]) == (None, 2030)
    assert one(conn, "002", 2603, "3%")["year"] is None and one(conn, "002", 2605, "10%")["year"] == 2030
    assert (one(conn, "002", 5878, "9%")["year"], one(conn, "002", 5878, "15%")["year"]) == (2021, 2033)
    level = one(conn, "002", 5880, "12%")
    assert (level["year"], level["year_from"], level["year_to"]) == (None, 2012, 2022)
    assert one(conn, "002", 5880, "15%")["year"] == 2033


def test_a_chain_of_levels_keeps_each_level_year():
    found = find_quantities("기술 수준 시장 점유율 : 77.5%(’13년) → 75.3%(’14년) → 76.6%(’15년)")
    assert [(q.printed, q.year) for q in found] == [("77.5%", 2013), ("75.3%", 2014), ("76.6%", 2015)]
    found = find_quantities("(LGES) 배터리 시장 점유율 양산 및 적용(’29), 점유율 5%→7%~10%로 확대 중")
    assert found[0].year is None


def test_bare_two_digit_years_followed_by_nyeon(conn):
    """000:9461 `17년 대비 22년 1조 3398억원 증가`; a duration (`수명 20년`, `10년간`) is no year."""
    figure = one(conn, "000", 9461, "1조 3398억원")  # an increase over the years: a growth from 2017 to 2022
    assert (figure["measure"], figure["year_from"], figure["year_to"]) == ("growth", 2017, 2022)
    assert one(conn, "000", 9459, "3위")["year"] is None  # 17년 is in a later clause
    assert [q.year for q in find_quantities("국내 시장 규모는 23년까지 5조 원으로 확대")] == [2023]
    assert [q.year for q in find_quantities("세계 시장은 22년도 기준 300억 달러")] == [2022]
    assert [q.year for q in find_quantities("향후 10년간 시장 규모 5조 원")] == [None]


def test_a_country_share_of_the_world_is_the_country_and_a_world_rank_the_world(conn):
    """002:7279 `중국의 글로벌 희토류 이온 시장 점유율: 채굴의 63%, 가공의 85%`; 000:2072 `SK이노베이션이 세계
    3위`, 000:9448 `세계 6위권`, 002:3667 `전세계 2위 전기차 판매 시장`."""
    assert {f["scope"] for f in figures_at(conn, "002", 7279)} == {"중국"}
    assert one(conn, "000", 2072, "3위")["scope"] == "세계"
    assert one(conn, "000", 9448, "6위권")["scope"] == "세계"
    assert one(conn, "002", 3667, "2위")["scope"] == "세계"
    assert [q.scope for q in find_quantities("미국의 세계 반도체 시장 점유율은 48%")] == ["미국"]


def test_a_manufacturing_cost_is_a_price_not_an_investment(conn):
    """002:787-789 `마스크 비용 $ 10M을 포함한 총 제조비용은 $ 40M (3nm가정 마스크 $ 25M, 총 $ 100M 수준)`, 002:298
    `반도체 디자인 비용 최대 5억 9,000만 달러`."""
    assert {f["measure"] for f in figures_at(conn, "002", 789)} == {"price"}
    assert one(conn, "002", 787, "$ 10M")["measure"] == "price"
    assert one(conn, "002", 298, "5억 9,000만 달러")["measure"] == "price"


@pytest.mark.parametrize(
    "line, printed, year_from, year_to",
    [(4307, "13.2%", 2018, 2021), (7125, "9.9%", None, 2021), (7131, "25.1%", None, 2022), (3533, "6.6%", None, 2016)],
)
def test_a_growth_that_runs_to_a_later_year_spans_to_it(conn, line, printed, year_from, year_to):
    """000:4307 `2018년 약 6조 6,500억 원으로 연평균 13.2%로 성장하여 2021년에는`: 2018 to 2021, not 2017-2018."""
    figure = one(conn, "000", line, printed)
    assert figure["year_to"] == year_to and (year_from is None or figure["year_from"] == year_from)


def test_a_development_cost_is_an_investment(conn):
    """000:5885 `신약 출시까지 총 개발비용은 1.2억 달러 규모로 추산`, 000:4651 `개발비용이 낮아 (평균 500억원 규모)`."""
    assert one(conn, "000", 5885, "1.2억 달러")["measure"] == "investment"
    assert [q.measure for q in find_quantities("바이오시밀러는 상대적으로 개발비용이 낮아 (평균 500억원 규모)로")] == ["investment"]


def test_a_year_ending_a_plan_name_dates_no_figure(conn):
    """000:1501 `향후 10년간 180조(1조위안) 규모 반도체 굴기지원(...): 신성장 산업육성“제조 2025” 정책`."""
    assert {f["year"] for f in figures_at(conn, "000", 1501)} == {None}
    assert [q.year for q in find_quantities("Horizon 2020 프로그램으로 시장 투자 800억 유로")] == [None]
    assert [q.year for q in find_quantities("통합혁신전략 2023에서 시장 규모 2030년 100조 원")] == [2030]


@pytest.mark.parametrize("document, line", [("000", 6596), ("000", 6856), ("000", 6892), ("000", 7139)])
def test_a_count_naming_a_project_is_no_market_count(conn, document, line):
    """`‘10만 명 유전체 프로젝트’`, `100만 명 오믹스 데이터베이스 프로젝트`, `아시아인 10만 명 게놈 DB`."""
    assert not [f for f in figures_at(conn, document, line) if f["measure"] == "count" and f["value"] in (1e5, 1e6)]


@pytest.mark.parametrize(
    "sentence, printed",
    [
        ("임상연구비(1억원/1인) + 시험 의뢰 및 부대비용", "1억원"),
        ("국내 시장에서 1인당 약 50만원의 진단 비용", "50만원"),
        ("완성차 시장 평균 대당 3천만원 수준", "3천만원"),
    ],
)
def test_an_amount_per_person_or_unit_is_a_price(sentence, printed):
    assert [(q.printed, q.measure) for q in find_quantities(sentence)] == [(printed, "price")]


def test_an_amount_per_person_in_the_roadmap_is_a_price(conn):
    """000:5919 `임상연구비(1억원/1인)`."""
    assert one(conn, "000", 5919, "1억원")["measure"] == "price"


@pytest.mark.parametrize(
    "sentence, year, year_to",
    [
        ("5,000억원 정책펀드 (’30년 까지)", None, 2030),
        ("정부는 2025년까지 반도체 R&D에 1조원 투자", None, 2025),
        ("시장 규모는 2025년까지 1500억 달러로 성장할 전망", 2025, None),
    ],
)
def test_an_amount_spent_up_to_a_year_ends_there_a_level_reached_is_of_it(sentence, year, year_to):
    found = find_quantities(sentence)
    assert [(q.year, q.year_to) for q in found] == [(year, year_to)]


def test_a_fund_up_to_a_year_in_the_kaist_report(conn):
    """002:5374 `5,000억원 정책펀드` / `(’30년 까지)`."""
    figure = one(conn, "002", 5374, "5,000억원")
    assert (figure["measure"], figure["year"], figure["year_to"]) == ("investment", None, 2030)


def test_a_year_in_a_later_clause_dates_what_that_clause_says(conn):
    """003:74 `최종 650대를 쏘아 올려 금년 10월까지 … 시작하고 2022년 5~6월까지 … 확대`: 2022 is no year of 650대."""
    assert one(conn, "003", 74, "650대")["year"] is None
    assert [q.year for q in find_quantities("가입자 300만 명을 넘었으며 2025년 서비스 지역을 확대")] == [None]
    assert [q.year for q in find_quantities("시장 규모 300억 달러 (2025년 전망)")] == [2025]


def test_a_labour_market_and_an_effort_are_no_market_facts(conn):
    """002:10193 `①전체의 20%에 대한 정보 부재(미취업 상태)` is a fact about graduates (취업시장); 002:237 `최소 3~5배
    시간 투자` an effort."""
    assert figures_at(conn, "002", 10193) == []
    assert figures_at(conn, "002", 237) == []
    assert find_quantities("노동시장 참여율 65% 수준") == []
    assert [q.printed for q in find_quantities("시장 규모가 3배 성장")] == ["3배"]


@pytest.mark.parametrize(
    "line, printed, quote_starts",
    [
        (6719, "$0.2B", "● (투자 규모 및 증가율) 전체 양자기술 투자는"),  # `기하급수적(’19년: 약` / `$0.2B → …`
        (2731, "300조 원", "• 첨단 시스템반도체 클러스터 조성"),  # a bullet after `③ 지역 특화형 클러스터`
        (5757, "5억달러", "* 美 CIA 산하 벤처캐피탈 인큐텔이"),  # `(‘22.03.` / `민간 투자 1억달러에서, …`
    ],
)
def test_a_quote_is_the_whole_item_across_an_open_bracket_and_from_its_bullet(conn, line, printed, quote_starts):
    assert one(conn, "002", line, printed)["quote"].startswith(quote_starts)


def test_a_subject_does_not_start_with_a_postposition_phrase(conn):
    """002:5880 `양자 기술 기업에 대한 민간 투자는 12%`: 민간 투자, not 대한 민간 투자."""
    assert one(conn, "002", 5880, "12%")["subject"] == "민간 투자"


@pytest.mark.parametrize(
    "document, line, printed, measure",
    [
        ("002", 7208, "4배", "other"),  # 미국의 약 4배: compared with another, no growth
        ("002", 6766, "8배", "other"),  # 학계 연구 그룹(캐나다의 약 8배)
        ("000", 3245, "19~38배", "growth"),  # 현재의 19~38배 성장
        ("000", 6476, "100달러", "price"),  # 유전체분석 100달러 시대
    ],
)
def test_a_figure_against_another_thing_is_no_share_or_growth(conn, document, line, printed, measure):
    assert one(conn, document, line, printed)["measure"] == measure


@pytest.mark.parametrize(
    "document, line",
    [("002", 9233), ("003", 195), ("003", 207), ("003", 236), ("003", 237), ("003", 328), ("003", 643)],
)
def test_hit_rates_economic_outlooks_programme_targets_and_law_articles_are_no_market_facts(conn, document, line):
    """`Aim7 미사일 명중률은 9%`, `세계경제 성장률을 5.6%로 전망, 기존 전망대비 +1.4%p 상향`, `세계경제 성장률 '21년 4.5%`,
    `500개사 맞춤형 지원`, `과학기술기본법 제12조의2`."""
    assert [q.printed for q in find_quantities("부양책 시장 1.9조불(GDP의 약 8.5%)")] == ["1.9조불"]
    assert figures_at(conn, document, line) == []


@pytest.mark.parametrize(
    "document, line, printed, year_from, year_to",
    [
        ("002", 5849, "4조 원", 2024, 2033),  # 2024년부터 향후 10년간 ... 약 4조 원
        ("003", 705, "300억원", 2020, 2022),  # '22년까지 ... 투입(3년간 총 300억원 규모)
        ("000", 9519, "50배", None, 2025),  # 2025년도까지 50배
        ("000", 4286, "16%", 2017, 2022),  # 2017년 13조 2,832억 원에서 연평균 16%로 성장하여, 2022년
    ],
)
def test_a_period_printed_as_years_from_or_up_to_a_year(conn, document, line, printed, year_from, year_to):
    figure = one(conn, document, line, printed)
    assert (figure["year"], figure["year_from"], figure["year_to"]) == (None, year_from, year_to)


def test_a_growth_takes_no_year_of_another_figure(conn):
    """000:9450 `5.5조원(‘17년)으로 ... 연평균 10%`: 2017 is the year of 5.5조원."""
    assert one(conn, "000", 9448, "5.5조원")["year"] == 2017
    assert one(conn, "000", 9450, "10%")["year"] is None
    assert [q.year for q in find_quantities("공작기계 생산 5.5조원(‘17년)으로 연평균 10% 성장")] == [2017, None]


def test_a_compressed_range_is_read_as_korean_writes_it(conn):
    """000:6313 `8~90%` is 80~90%."""
    figure = one(conn, "000", 6313, "8~90%")
    assert (figure["low"], figure["high"]) == (80, 90)


@pytest.mark.parametrize(
    "document, line, scopes",
    [
        ("000", 2044, ["엘앤에프", "에코프로비엠"]),  # 국내 엘앤에프와 에코프로비엠이 세계 6, 10위
        ("000", 2046, ["Umicore", "ShanShan"]),  # 벨기에의 Umicore와 중국 ShanShan이 세계시장점유율 1, 2위
        ("000", 3689, ["배관", "튜브 트레일러"]),  # 운송은 배관이 93%, 튜브 트레일러가 7%를 점유
        ("000", 1469, ["E2CDA"]),  # E2CDA(60억/년), 차세대메모리(180억/년), M3D(170억/년)
        ("000", 5191, ["신경질환", "신경질환", "조혈장애 치료 분야", "조혈장애 치료 분야"]),  # ... 분야는 각 22.8%(약 60억 달러), 2.2%
    ],
)
def test_each_figure_of_a_list_takes_its_own_label(conn, document, line, scopes):
    assert [f["scope"] for f in figures_at(conn, document, line)] == scopes


def test_a_country_keeps_the_scope_and_the_label_names_the_segment(conn):
    """002:7279 `중국의 글로벌 희토류 이온 시장 점유율: 채굴의 63%, 가공의 85%`."""
    figure = one(conn, "002", 7279, "63%")
    assert (figure["scope"], figure["subject"]) == ("중국", "중국 희토류 이온 시장 점유율 (채굴)")


@pytest.mark.parametrize(
    "document, line, printed, scope",
    [
        ("000", 1632, "75%", "국내"),  # 국내 시장규모는 ... 세계 시장 규모의 75%: the world is the whole, not the scope
        ("000", 9538, "99%", "일본"),  # ACF 세계시장의 99%를 일본 기업인 세키스이 ... 독점
        ("002", 2160, "20%", "EU"),  # 유럽의 ... 점유율을 ... 전 세계시장의 20%까지 확대
        ("002", 5088, "3조원", "미국"),  # (중국) ... (미국) 애리조나에 ... 공장 건설(16GWh 규모, 파우치형, 3조원)
        ("000", 9471, "29억 달러", "국내"),  # 한국 금형 산업은 세계 생산량이 6.1%로 ... 수출로는 세계 2위로 29억 달러
        ("000", 2744, "30%", "삼성전자"),  # 삼성전자는 서버용 낸드플래시 ... 30% 점유율
        ("002", 5173, "2조 9천억원", "CATL"),  # • (CATL) 2조 9천억원(102% 증가)
        ("002", 5135, "80%", "CATL·BYD"),  # CATL과 BYD가 80% 이상을 점유
    ],
)
def test_the_scope_is_the_place_or_firm_that_holds_the_figure(conn, document, line, printed, scope):
    assert one(conn, document, line, printed)["scope"] == scope


def test_a_forecaster_is_no_scope(conn):
    """003:165 `IDC는 ... 18억명`: IDC forecasts the subscribers, it does not hold them."""
    assert "IDC" not in {f["scope"] for f in figures_at(conn, "003", 165)}


def test_a_row_of_its_own_measure_is_the_country_s_not_the_caption_s_market(conn):
    """000:3069 `[그림 Ⅲ-2] 세계 반도체 장비 시장 규모`: 수출액 12 18 22 ... are Korea's exports."""
    exports = one(conn, "000", 3069, "22")
    assert (exports["subject"], exports["scope"]) == ("반도체 장비 수출액", "")
    production = one(conn, "000", 3067, "27")
    assert (production["subject"], production["scope"]) == ("반도체 장비 국내 생산액", "국내")
    share_growth = one(conn, "000", 3076, "8.0")
    assert (share_growth["subject"], share_growth["scope"]) == ("반도체 장비 세계시장 점유율", "")


def test_a_row_of_bare_amounts_is_quoted_with_its_label(conn):
    """000:4913 `개발비용` / `(미국)` / `5~10억불` / `0.02~0.03억불`."""
    figure = one(conn, "000", 4913, "0.02~0.03억불")
    assert figure["quote"].endswith(": 0.02~0.03억불") and figure["quote"] != "0.02~0.03억불"
    assert figure["measure"] == "investment"


@pytest.mark.parametrize(
    "document, line, printed, subject",
    [
        ("002", 3613, "202%", "對EU 양극재 수출"),  # ’17~’22년 간 對EU 양극재 수출
        ("000", 1469, "60억/년", "차세대소자 투자"),  # ·차세대소자 투자 시작: E2CDA(60억/년)
        ("000", 1515, "2000억", "대규모 투자"),  # 메모리 분야 국산화를 위한 대규모 투자
    ],
)
def test_a_subject_starts_at_a_whole_word(conn, document, line, printed, subject):
    assert one(conn, document, line, printed)["subject"] == subject


def test_a_wrapped_syllable_before_a_bracket_is_no_outline_mark(conn):
    """000:7137 `아시아인 10만 명 게놈 DB 구` / `축)를 추진하는 등`: 축) is no item mark like 가) or 나)."""
    assert one(conn, "000", 7137, "1위")["quote"].endswith("글로벌 시장에서도 선도적인 역할 수행")


@pytest.mark.parametrize("line, printed", [(3090, "75%"), (2781, "1위"), (3135, "75%")])
def test_a_quote_stops_before_the_next_heading(conn, line, printed):
    """`...점유가 예상됨` / `나. ...`, `...이끌어가고 있음` / `4. ...`: the heading is not part of the sentence."""
    assert not re.search(r"\s(?:\d|[가나다라])\.$", one(conn, "000", line, printed)["quote"])


@pytest.mark.parametrize("line, printed, starts", [(2115, "1440억 달러", "2022 스마트폰 반도체"), (5849, "4조 원", "영국 「국가 양자 전략")])
def test_an_item_starts_after_a_nominal_ending_and_at_an_appendix_heading(conn, line, printed, starts):
    """002:2113 `…지원 정책 필요` / `붙임1 AI 반도체 시장 규모`, 002:5845 `…안보 이익을 추구` / `영국 「국가 양자 전략`."""
    assert starts in one(conn, "002", line, printed)["quote"][:40]


@pytest.mark.parametrize(
    "line, printed, measure, value, year, scope",
    [
        (444, "18.1", "share", 18.1, 2019, "중국"),  # 미국 수입시장 점유율(%) : ('19) ①중국(18.1) ②멕시코(14.3)
        (444, "14.3", "share", 14.3, 2019, "멕시코"),
        (393, "63.5", "price", 63.5, 2019, ""),  # 국제유가 추이(두바이유, \$/배럴) : ('19) 63.5 ('20) 42.2
        (393, "42.2", "price", 42.2, 2020, ""),
        (533, "206", "investment", 206e8, 2020, ""),  # 투자유치 추이(억불, 신고기준) : ('19) 233 ('20) 206
        (673, "1.26", "investment", 1.26e12, 2017, ""),  # 예산 2배 확대 : ('17) 1.26 → ('21) 2.35 → ('22 목표) 2.52조원
    ],
)
def test_a_series_with_its_unit_printed_once(conn, line, printed, measure, value, year, scope):
    figure = one(conn, "003", line, printed)
    assert (figure["measure"], figure["value"], figure["year"], figure["scope"]) == (measure, value, year, scope)


def test_a_fall_written_as_a_formula(conn):
    """003:505 `수입이 감소($\\Delta 7.1\\%$)`."""
    figure = one(conn, "003", 505, r"$\Delta 7.1\%$")
    assert (figure["measure"], figure["value"], figure["unit"]) == ("growth", -7.1, "%")


@pytest.mark.parametrize(
    "line, printed",
    [(113, "1,100만명"), (136, "517만 5천 40개"), (136, "51.5%"), (137, "377만 3,646회선"), (166, "12억 1천만명")],
)
def test_a_dash_item_is_about_what_its_heading_is_about(conn, line, printed):
    """003:111 `韓, 2020년 5G 가입자 1,100만명, IoT 1,000만 회선 돌파` / `- ... 12월에는 1,100만명 돌파`."""
    assert one(conn, "003", line, printed)["measure"] in ("count", "share")


@pytest.mark.parametrize(
    "document, line, printed",
    [("003", 117, "1%"), ("003", 117, "5%"), ("003", 160, "4천여 곳"), ("002", 6546, "200개"), ("002", 6579, "312개"),
     ("000", 5062, "500개")],
)
def test_thresholds_places_patents_and_targets_are_no_market_facts(conn, document, line, printed):
    """`상위 5% 기준`, `4천여 곳에 5G망을 구축`, `특허 ... 2010년 약 200개`, `타겟의 급증 (300∼500개`."""
    assert printed not in {f["value_printed"] for f in figures_at(conn, document, line)}


@pytest.mark.parametrize("line, printed", [(5025, "47.8%"), (5029, "12.8%"), (5031, "7.9%")])
def test_a_part_printed_beside_its_amount_is_a_share_of_the_item_it_hangs_from(conn, line, printed):
    """002:5025 `-고체전해질 47.8% (183억원)` under `①전고체 배터리 R&D 투자(’17~’21) (1,141억원)`."""
    figure = one(conn, "002", line, printed)
    assert (figure["measure"], figure["year_from"], figure["year_to"]) == ("share", 2017, 2021)


@pytest.mark.parametrize(
    "document, line, printed",
    [("002", 2910, "15~20%"), ("002", 773, "500억 개"), ("002", 2734, "150개"), ("002", 9237, "30%")],
)
def test_properties_components_and_attraction_targets_are_no_market_facts(conn, document, line, printed):
    """`LFP대비 15~20% 에너지밀도 향상`, `500억 개 이상의 트랜지스터`, `선도기업 최대 150개 유치`, a missile's hit rate."""
    assert printed not in {f["value_printed"] for f in figures_at(conn, document, line)}


@pytest.mark.parametrize(
    "document, line, printed, value, low, high",
    [
        ("000", 1642, "12.6%", -12.6, None, None),  # 1분기보다 12.6% 줄어든
        ("003", 186, "225~300만명", 2.25e6, 2.25e6, 3e6),  # 225~300만명의 고용 증가
        ("003", 133, "45만~50만 명", 4.5e5, 4.5e5, 5e5),
    ],
)
def test_a_fall_is_negative_and_a_count_range_keeps_both_ends(conn, document, line, printed, value, low, high):
    figure = one(conn, document, line, printed)
    assert (figure["value"], figure["low"], figure["high"]) == (value, low, high)


@pytest.mark.parametrize(
    "document, line, printed, measure",
    [
        ("003", 393, "△33.6%", "growth"),  # 42.2(△33.6%): a signed percent is a change
        ("003", 425, "△46.5%", "growth"),  # 석유제품(△46.5%)*, ... 등은 감소
        ("002", 5413, "3조원", "investment"),  # 공장 건설(16GWh 규모, 파우치형, 3조원): 규모 is the 16GWh's
    ],
)
def test_a_signed_percent_is_a_change_and_a_plant_s_cost_an_investment(conn, document, line, printed, measure):
    assert one(conn, document, line, printed)["measure"] == measure


@pytest.mark.parametrize(
    "document, line, printed",
    [("000", 1236, "2배"), ("003", 44, "2배"), ("003", 605, "70.0%"), ("003", 605, "87.2%")],
)
def test_technical_comparisons_and_the_make_up_of_jobs_are_no_market_facts(conn, document, line, printed):
    """`DDR2는 DDR1보다 2배 정도 빠르며`, `광 케이블보다 2배 이상 빠른`, `정규직이 87.2%, 청년 일자리가 70.0%`."""
    assert printed not in {f["value_printed"] for f in figures_at(conn, document, line)}


@pytest.mark.parametrize(
    "document, line, printed, subject",
    [
        ("003", 533, "233", "한국 對세계 투자유치"),  # 한국의 對세계 투자유치: 투자유치 is no 투자
        ("000", 3695, "10억원/km", "건설비용"),  # 건설비용은 대략 10억원/km
        ("002", 3667, "2위", "판매 시장"),  # 전세계 2위 전기차 판매 시장으로
        ("002", 5082, "62GWh", "생산능력"),
    ],
)
def test_the_subject_is_the_whole_compound_the_figure_measures(conn, document, line, printed, subject):
    assert one(conn, document, line, printed)["subject"] == subject


def test_a_growth_into_a_target_year_ends_there(conn):
    """003:896 `탄소시장은 '30년 1,000조원 규모로 성장 전망(연평균 10%↑)`."""
    figure = one(conn, "003", 896, "10%")
    assert (figure["measure"], figure["year_to"]) == ("growth", 2030)


def test_global_firms_are_no_scope(conn):
    """000:5938 `·글로벌 제약사 임상연구 파이프라인 활용 3상 임상 >950억원`."""
    assert one(conn, "000", 5938, "950억원")["scope"] == ""


@pytest.mark.parametrize(
    "document, line, printed, subject",
    [
        ("000", 7123, "2,865억원", "유전체분석 및 정보 분석 분야 시장 규모"),
        ("002", 298, "7,200억 원", "3nm 공정 활용 반도체 디자인 비용"),
        ("000", 3531, "4,125백만 달러", "기후변화 대응 관련 R&D 투자 규모"),
        ("000", 9503, "10.8억 달러", "3D 프린터 시장"),  # 대표적인 프로슈머용 제조기기인 3D 프린터 세계시장이
        ("000", 8261, "2%", ""),  # ... 시장은 급증할 것으로 예상하고 있으며, 가트너에 따르면 2015년 2%에 불과했던
    ],
)
def test_a_subject_is_the_whole_phrase_of_the_figure_s_own_statement(conn, document, line, printed, subject):
    assert one(conn, document, line, printed)["subject"] == subject


@pytest.mark.parametrize(
    "document, line, printed, measure",
    [
        ("000", 3531, "4,125백만 달러", "investment"),  # R&D 투자 규모가 ... 4,125백만 달러: the size of an investment
        ("002", 1170, "90억 달러", "investment"),  # 인텔 다롄공장 인수(90억 달러 규모
    ],
)
def test_the_size_of_an_investment_and_a_plant_bought_are_investments(conn, document, line, printed, measure):
    assert one(conn, document, line, printed)["measure"] == measure


@pytest.mark.parametrize(
    "document, line, printed, scope",
    [
        ("002", 7210, "8배", "중국"),  # 중국은 미국의 8배에 달하는: 미국 is what it is compared with
        ("002", 3625, "68%", "국내"),  # (한국의 EU시장 점유율) ’20년 68%
        ("002", 3625, "17%", "중국"),  # (중국의 EU시장 점유율) ’20년 17%
        ("003", 489, "12.3%", "미국"),  # 미국의 한국시장 점유율은 12.3%
    ],
)
def test_a_share_belongs_to_the_country_that_holds_it_not_the_market_or_the_base(conn, document, line, printed, scope):
    assert one(conn, document, line, printed)["scope"] == scope


@pytest.mark.parametrize(
    "document, line, printed, year, year_from, year_to",
    [
        ("003", 395, "△6.3%", 2020, None, None),  # '17년을 제외하고는 ... 상회하였으며, '20년에도 對세계(△6.3%)
        ("003", 480, "58.6%", None, 2019, 2020),  # ‘19년 대비 ‘20년 반도체 설비투자 58.6% 증가
        ("002", 2702, "3,000억 원", 2023, None, None),  # 반도체 전용펀드* (’23. 下출범, 3,000억 원 규모
        ("000", 9507, "100조원", None, None, None),  # 모바일기기 - 2014년 360조 이상, 자동차 튜닝 시장 - 100조원 이상
        ("000", 5628, "11.5%", None, 2016, 2025),  # 2016년 기준 74억 달러 ..., 2025년까지 연평균 11.5%
    ],
)
def test_a_rate_takes_its_own_year_and_a_listed_figure_none_of_another(conn, document, line, printed, year, year_from,
                                                                        year_to):
    figure = one(conn, document, line, printed)
    assert (figure["year"], figure["year_from"], figure["year_to"]) == (year, year_from, year_to)


@pytest.mark.parametrize("document, line, printed", [("002", 5192, "50%"), ("002", 6585, "11위"), ("002", 4777, "１위"),
                                                     ("002", 6550, "20%"), ("002", 6820, "52.3%"), ("002", 6820, "10%")])
def test_subsidy_rates_and_patent_ranks_and_shares_are_no_market_facts(conn, document, line, printed):
    """`투자액의 최대 50%까지 보조금을 지원`, `양자컴퓨팅 분야의 11위로 국제 특허수(151개)`, `특허(건) 세계１위`,
    `20% 이상 특허 출원 점유률 증가`, `특허 점유율 증가 추세(’00~‘22 기준, 52.3% 차지`."""
    assert printed not in {f["value_printed"] for f in figures_at(conn, document, line)}


def test_a_table_subject_leaves_out_its_source(conn):
    """`AI 시장 규모 (출처:ICT R&D 기술로드맵 2023, ...)`: the source is no part of what is measured."""
    assert not conn.execute("SELECT 1 FROM marketfigure WHERE subject LIKE '%출처%'").fetchall()
    assert conn.execute("SELECT 1 FROM marketfigure WHERE subject = 'AI 시장 규모'").fetchall()


@pytest.mark.parametrize(
    "document, line, printed, scope",
    [
        ("000", 7137, "1위", "마크로젠"),  # i) 마크로젠은 국내 유전체 분석 시장 점유율 1위
        ("002", 9319, "70%", "외산"),  # 클라우드 시장의 70% 이상 외산이 차지
        ("003", 117, "15.2%", "LTE"),  # LTE에서는 15.2% 차지
        ("000", 2072, "3위", "세계"),  # SK이노베이션이 세계 3위: the rank's own word
    ],
)
def test_a_share_or_rank_is_scoped_to_its_holder(conn, document, line, printed, scope):
    assert one(conn, document, line, printed)["scope"] == scope


@pytest.mark.parametrize(
    "document, line, printed, measure, value",
    [
        ("000", 7692, "천만원", "price", 1e7),  # 천만원 이상 고가의 LiDAR
        ("000", 5929, "350억원", "investment", 3.5e10),  # 2상 임상 >350억원
        ("002", 2646, "50~80억 원/건", "investment", 5e9),  # 수요연계 프로젝트 지원 (..., 50~80억 원/건)
        ("001", 1001, "53억∼448억 달러", "growth", -4.48e10),  # 한국 수출 ... 53억∼448억 달러 감소
    ],
)
def test_prices_programme_grants_and_amounts_of_change(conn, document, line, printed, measure, value):
    figure = one(conn, document, line, printed)
    assert (figure["measure"], figure["value"]) == (measure, value)


@pytest.mark.parametrize(
    "document, line, printed, subject",
    [
        ("003", 115, "12만 1,444 TB", "5G 트래픽"),  # 5G 트래픽은 2019년 12월 12만 1,444 TB에서
        ("002", 2718, "1,000억 원", "M&A펀드"),  # (소부장펀드 2,000억 원/ M&A펀드 1,000억 원)
        ("003", 1062, "3.0%", "탄소소재 시장 점유율"),  # '30년까지 탄소소재 글로벌 시장 점유율 15% 달성('19년, 3.0%)
        ("002", 4950, "355만 달러", "전고체 배터리 프로젝트"),  # ③ARPA-E*를 통해 전고체 배터리 프로젝트 (355만 달러
    ],
)
def test_a_subject_names_the_traffic_fund_market_or_project(conn, document, line, printed, subject):
    assert one(conn, document, line, printed)["subject"] == subject


@pytest.mark.parametrize(
    "document, line, printed, subject",
    [
        ("003", 367, "2,000억원", "미래차 핵심 반도체 기술개발"),  # 기술개발에 '22년까지 2,000억원 이상을 집중 투입
        ("002", 5729, "1억 유로", "양자컴퓨터 구축"),  # 양자컴퓨터 구축에 총 1억 유로 제공
        ("003", 517, "21%", "對세계 서비스교역"),  # 對세계 서비스교역(2,345억불)의 21% 차지
        ("003", 393, "63.5", "국제유가"),  # 국제유가 추이(두바이유, \$/배럴) : ('19) 63.5
        ("003", 491, "21.3", "주요국 한국 수입시장 점유율"),  # 주요국의 한국 수입시장 점유율(%) : ('19) ①중국(21.3)
        ("003", 389, "1,316억불", "양국간 교역"),  # ... 저유가**로 '20년 양국간 교역은 1,316억불로
        ("000", 1634, "8조2100억원", "DRAM 매출"),  # 67억8300만달러(약 8조2100억원): a conversion takes its figure's subject
    ],
)
def test_a_subject_is_what_an_amount_is_spent_on_or_a_share_is_of(conn, document, line, printed, subject):
    assert one(conn, document, line, printed)["subject"] == subject


@pytest.mark.parametrize(
    "document, line, printed, measure",
    [
        ("003", 76, "41억 2,000만 위안", "investment"),  # 41억 2,000만 위안 규모의 위성 인터넷망 프로젝트
        ("000", 3284, "700억 원", "investment"),  # 주택지원사업의 지원 규모는 총 700억 원
        ("002", 5082, "145GWh", "other"),  # 난징공장에서 생산능력 확대 (62GWh →145GWh)
    ],
)
def test_a_programme_s_size_is_an_investment_and_a_plant_s_capacity_no_market(conn, document, line, printed, measure):
    assert one(conn, document, line, printed)["measure"] == measure


def test_data_a_project_produced_is_no_market_fact(conn):
    """000:6600 `10만 명 유전체 프로젝트 ... 유전체 서열 21PB 생산`."""
    assert "21PB" not in {f["value_printed"] for f in figures_at(conn, "000", 6600)}


def test_a_year_since_which_something_first_happens_dates_no_figure(conn):
    """003:116 `LTE 트래픽은 2019년 2월 이후 처음으로 40만 TB 이하로 떨어지며`."""
    figure = one(conn, "003", 116, "40만 TB")
    assert (figure["year"], figure["subject"]) == (None, "LTE 트래픽")


def test_a_growth_into_a_later_year_spans_from_the_base_year(conn):
    """000:8256 `2016년 세계 챗봇 시장 규모는 ... 연평균 35.2%의 빠른 성장으로 2021년에는`."""
    figure = one(conn, "000", 8256, "35.2%")
    assert (figure["year_from"], figure["year_to"]) == (2016, 2021)


@pytest.mark.parametrize(
    "document, line, printed, scope",
    [("002", 154, "90%", "엔비디아"), ("003", 1062, "15%", "")],
)
def test_a_share_s_holder_after_it_and_no_world_for_a_share_of_the_world(conn, document, line, printed, scope):
    """`점유율 90%이상을 차지하는 엔비디아에 대응하여`; `탄소소재 글로벌 시장 점유율 15% 달성`: the world is the whole."""
    assert one(conn, document, line, printed)["scope"] == scope


def test_a_wrapped_row_label_is_quoted_whole(conn):
    """000:5899 `Target` / `selection` / `10억원`."""
    assert one(conn, "000", 5899, "10억원")["quote"] == "Target selection: 10억원"


@pytest.mark.parametrize(
    "document, line, printed, subject",
    [
        ("000", 2304, "36%", ""),  # 시나리오(2030년까지 전기자동차 시장점유율 30% 달성)에서는 ... 연평균 약 36% 증가
        ("003", 525, "13.2%", ""),  # 지재권사용료·여행 수입 증가 등으로 ... 평균 수지는 '11년 대비 13.2% 증가
        ("002", 5755, "1위", "민간 투자"),  # '샌드박스AQ' 투자 후 글로벌 민간 투자 유치 순위 1위
        ("002", 5913, "10억 파운드", "민간 투자"),  # 예산에 추가로 10억 파운드의 민간 투자 창출 목표
        ("002", 3625, "17%", "EU시장 점유율"),  # (중국의 EU시장 점유율) ’20년 17%: a bracket opening the item is its label
        ("002", 2606, "30%", "자립화율"),  # 소부장기반(’30년까지 자립화율 30% → 50%)
    ],
)
def test_no_subject_from_an_aside_or_a_cause(conn, document, line, printed, subject):
    assert one(conn, document, line, printed)["subject"] == subject


def test_a_list_label_after_등(conn):
    """003:523 `對美 서비스 수입 비중이 높은 R&D·법률 등 기타사업서비스(10.1%) 및 운송(1.6%)은 증가`: 미국 holds the
    scope, the label names the segment."""
    assert one(conn, "003", 523, "10.1%")["subject"] == "對美 서비스 수입 비중 (기타사업서비스)"


@pytest.mark.parametrize(
    "document, line, printed, measure, scope, subject",
    [
        ("000", 5098, "4억 달러", "other", "Merck", "GlycoFi 인수"),  # Merck사는 GlycoFi를 4억 달러에 인수
        ("000", 2696, "100%", "share", "일본", "수입"),  # 일본 쇼와덴코에서 100% 수입
        ("002", 1965, "90%", "share", "ARM", "모바일 AP·임베디드/IoT 시장"),  # ARM 의존도 90% 이상
        ("002", 2731, "300조 원", "investment", "", "첨단 시스템반도체 클러스터 조성"),  # 클러스터 조성 (~’42년, 300조 원 규모)
        ("003", 186, "1.9조불", "investment", "미국", ""),  # (美 부양책 성장효과) 1.9조불(GDP의 약 8.5%) 부양책
        ("003", 419, "104.2%", "growth", "미국", "對美 주요 수출 (컴퓨터)"),  # 컴퓨터(104.2%)*, 반도체(25.3%)** 등의 수출 호조
        ("002", 5831, "35%", "share", "캐나다", "투자"),  # under 캐나다 「국가 양자 전략」
    ],
)
def test_deals_dependences_builds_stimuli_lists_and_strategies(conn, document, line, printed, measure, scope, subject):
    figure = one(conn, document, line, printed)
    assert (figure["measure"], figure["scope"], figure["subject"]) == (measure, scope, subject)


def test_a_dash_item_is_quoted_with_the_item_it_hangs_from(conn):
    assert one(conn, "002", 5029, "49억원")["quote"] == "①전고체 배터리 R&D 투자(’17~’21) (1,141억원): -음극 12.8%(49억원)"


@pytest.mark.parametrize(
    "document, line, printed, measure, value, year, year_to",
    [
        ("003", 487, "42.2", "price", 42.2, 2020, None),  # 국제유가의 하락((두바이유, \$/B, %) : ('19) 63.5 → ('20) 42.2(△33.6%))
        ("000", 1503, "50%", "growth", -50.0, None, None),  # 반도체 수입 50% 절감 목표
        ("000", 5883, "80억원", "investment", 8e9, None, 2023),  # 사업화 추진 5년 내(2023년 이전) ... 약 80억원 이내
    ],
)
def test_a_series_unit_listed_first_a_cut_and_a_year_before_which(conn, document, line, printed, measure, value, year,
                                                                   year_to):
    figure = one(conn, document, line, printed)
    assert (figure["measure"], figure["value"], figure["year"], figure["year_to"]) == (measure, value, year, year_to)


@pytest.mark.parametrize(
    "document, line, printed, subject",
    [
        ("000", 9426, "16.9%", "이송 그리퍼 시장"),  # 이송 그리퍼에 대한 세계 시장은 ... 연 평균 16.9%
        ("000", 9517, "300억 달러", "제조업용 로봇 시장"),
        ("000", 5189, "85억 달러", "시장"),  # 32.4%(약 85억 달러): the amount is the segment's market, not its share
    ],
)
def test_a_subject_about_something_names_it(conn, document, line, printed, subject):
    assert one(conn, document, line, printed)["subject"] == subject


@pytest.mark.parametrize(
    "document, line, printed, subject",
    [
        ("002", 4942, "1,100만 달러", "세라믹 전고체 배터리 연구허브 설립"),  # ②세라믹 ... 연구허브 설립(’22) (1,100만 달러, 약 146 억원)
        ("002", 2653, "1조 96억 원", "차세대지능형반도체사업"),
        ("002", 300, "2,500만 원", "웨이퍼"),  # - (웨이퍼) TSMC 기준, 3nm Wafer 개당 2만 달러(약 2,500만 원): the lead-in
    ],
)
def test_an_amount_in_brackets_after_an_item_is_that_item_s(conn, document, line, printed, subject):
    assert one(conn, document, line, printed)["subject"] == subject


def test_a_group_s_initials_before_its_name_make_an_actor(conn):
    """000:1642 `SK하이닉스는 1분기보다 12.6% 줄어든 42억6100만달러`; `LTE에서는` is no firm."""
    assert one(conn, "000", 1642, "42억6100만달러")["scope"] == "SK하이닉스"
    assert one(conn, "003", 117, "27.7%")["scope"] != "LTE에서"


@pytest.mark.parametrize(
    "document, line, printed, subject",
    [
        ("003", 605, "649명", "신규 일자리"),  # 649명의 신규 일자리 중, 정규직이 87.2%
        ("003", 186, "225~300만명", "고용 증가"),  # 225~300만명의 고용 증가 + 주요 교역상대국 성장제고
        ("002", 304, "70만 달러", "운영"),  # - (운영) OpenAI ‘Chat GPT’제공시 ... 일 최대 70만 달러
        ("003", 973, "2배", ""),  # (목표) 탄소 융복합 기업체 수를 '30년까지 2배: (목표) says what the bullet is
    ],
)
def test_a_count_names_what_it_counts_and_a_bullet_its_label(conn, document, line, printed, subject):
    assert one(conn, document, line, printed)["subject"] == subject


@pytest.mark.parametrize(
    "document, line, printed, subject, scope",
    [
        ("000", 8034, "11.6억 달러", "콘텐츠 추천 엔진 마켓", ""),  # 콘텐츠 추천 엔진 마켓은 2017년 11.6억 달러
        ("000", 4255, "3600억원", "기업가치", ""),  # 현재 기업가치는 3600억원
        ("000", 1509, "20%", "반도체 산업 연평균 성장률", "중국"),  # 중국 반도체 산업 연평균 성장률 20%
        ("000", 2300, "22%", "xEV용 이차전지 수요", ""),  # 수요가 2017~2025년 중 용량 기준으로 연평균 약 22%
        ("003", 135, "1천만 회선", "사물인터넷(IoT) 가입", ""),  # 가입도: 도 is the particle
        ("003", 974, "1%", "탄소 융복합 기업", ""),  # 기업 중 탄소 융복합 기업은 약 1%: 중 ends the phrase
        ("003", 1093, "82%", "인조흑연 의존도", "중국"),  # 의존도 is a noun, not 의존 + 도; the place is the scope
        ("003", 113, "1,000만 명", "", ""),  # 첫 상용화 서비스 시작 이후 ... 1,000만 명: a time, not a subject
        ("000", 3689, "93%", "", "배관"),  # 배관이 93%: the label holds the share, it names no subject
    ],
)
def test_a_figure_with_no_head_word_takes_the_phrase_its_clause_opens_with(conn, document, line, printed, subject,
                                                                           scope):
    figure = one(conn, document, line, printed)
    assert (figure["subject"], figure["scope"]) == (subject, scope)


def test_a_labelled_part_of_a_total_in_its_bracket_is_held_by_its_label(conn):
    """003:860 `총 5,955억원(국비 5,423억원, 민간 532억원)이 투입`: each part has the total's period, its label as scope."""
    parts = [one(conn, "003", 860, printed) for printed in ("5,423억원", "532억원")]
    assert [(p["scope"], p["year_from"], p["year_to"]) for p in parts] == [("국비", 2021, 2030), ("민간", 2021, 2030)]


@pytest.mark.parametrize(
    "document, line, printed, subject",
    [
        ("000", 8779, "230억 달러", "햅틱 분야"),  # AR/VR 시장은 ... 있으며, 햅틱 분야는 2023년 약 230억 달러: a new topic
        ("000", 3296, "17억 7,440만 달러", "연료전지 시장"),  # 연료전지 시장은 ... 보이고 있으며 2015년 기준 총 ...: the same
        ("002", 9205, "7%", "반도체 시장"),  # 반도체 시장은 ... 있으며, 연평균 성장률은 약 7%: the measure, not a topic
        ("002", 2599, "340조원", "투자"),  # 340조원 투자(기술개발, 설비투자): the bracket lists its parts
        ("003", 903, "52조원", "탄소소재 시장"),  # (탄소소재 시장) ('19년)52조원: a bracketed label
        ("002", 3625, "17%", "EU시장 점유율"),  # (중국의 EU시장 점유율) ’20년 17%: the place is the scope
        ("000", 5919, "1억원", "임상연구비"),  # 임상연구비(1억원/1인) + 시험 의뢰 및 부대비용: + starts another thing
    ],
)
def test_a_subject_is_read_in_the_figure_s_own_clause(conn, document, line, printed, subject):
    assert one(conn, document, line, printed)["subject"] == subject


def test_a_fall_a_part_of_a_whole_and_a_listed_item_under_its_heading(conn):
    """000:2773 `8.6% 역성장` falls; 000:3284 `총 700억 원으로 그 중 연료전지는 150억 원`: the part is 연료전지's;
    002:5029 `-음극 12.8%(49억원)` under `①전고체 배터리 R&D 투자(’17~’21) (1,141억원)`; 002:7537 `10억 호주달러`."""
    assert one(conn, "000", 2773, "8.6%")["value"] == -8.6
    assert one(conn, "000", 3284, "150억 원")["subject"] == "연료전지"
    part = one(conn, "002", 5029, "49억원")
    assert (part["subject"], part["scope"], part["year_from"], part["year_to"]) == ("전고체 배터리 R&D 투자", "음극", 2017, 2021)
    assert one(conn, "002", 5173, "2조 9천억원")["subject"] == "기업별 R&D 비용"
    aud = one(conn, "002", 7537, "10억 호주달러")
    assert (aud["currency"], aud["subject"]) == ("AUD", "투자")  # `10억 호주달러(약 7,700억 원)를 투자`: 7,700 breaks no clause
