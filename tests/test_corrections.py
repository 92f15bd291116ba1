"""Hand corrections of what the rules read (seeds/curated/market_corrections.csv, milestone_corrections.csv):
each one checked at build, and what they make of the rows."""

import csv

import pytest

from smbstar import db
from smbstar.errors import BuildError
from smbstar.ingest.corrections import MARKET_FIGURES, apply_corrections
from smbstar.ingest.roadmap.markets import parse_market_figures

HEADER = "document,line,value_printed,nth,field,value,note\n"
ROADMAP = "000_ad982b00eef8a1f3.txt"


@pytest.fixture(scope="module")
def figures(roadmap, areas):
    return parse_market_figures(roadmap, areas)


def corrected(tmp_path, roadmap, figures, rows: str):
    path = tmp_path / "market_corrections.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    fresh = [figure.model_copy() for figure in figures]
    return apply_corrections(fresh, path, {ROADMAP: roadmap}, MARKET_FIGURES)


def test_a_correction_sets_the_field_of_the_figure_it_names(tmp_path, roadmap, figures):
    result = corrected(tmp_path, roadmap, figures, f"{ROADMAP},7072,28억 달러,,subject,유전자 분석 서비스 시장,x\n")
    (figure,) = [f for f in result if (f.line, f.value_printed) == (7072, "28억 달러")]
    assert figure.subject == "유전자 분석 서비스 시장"


def test_drop_removes_the_figure(tmp_path, roadmap, figures):
    result = corrected(tmp_path, roadmap, figures, f"{ROADMAP},7072,28억 달러,,drop,,not a market fact\n")
    assert len(result) == len(figures) - 1
    assert not [f for f in result if (f.line, f.value_printed) == (7072, "28억 달러")]


@pytest.mark.parametrize("row, problem", [
    (f"{ROADMAP},7072,29억 달러,,subject,시장,x", f"row 2: the rules read no '29억 달러' at {ROADMAP}:7072"),
    (f"{ROADMAP},7072,28억 달러,,year,2015,x", "row 2: year of '28억 달러' at 000_ad982b00eef8a1f3.txt:7072 is "
                                               "already '2015'; remove the row"),
    (f"{ROADMAP},7072,28억 달러,,subject,양자컴퓨터 시장,x", "row 2: '양자컴퓨터' is not printed near"),
    (f"{ROADMAP},7072,28억 달러,,measure,size,x", "row 2: measure 'size' is not one of market_size"),
    (f"{ROADMAP},7072,28억 달러,,colour,red,x", "row 2: unknown field 'colour'"),
    (f"{ROADMAP},7072,28억 달러,,year,2015년,x", "row 2: year '2015년' is not a number"),
    (f"{ROADMAP},7072,28억 달러,,drop,yes,x", "row 2: drop takes no value"),
    (f"{ROADMAP},7072,28억 달러,,quote,2020년 91억 달러로,x", "row 2: the quote is not text of"),
    (f"{ROADMAP},7072,28억 달러,2,subject,시장,x", "prints '28억 달러' only 1 times"),
    (f"{ROADMAP},7072,28억 달러,-1,subject,시장,x", "row 2: line '7072' or nth '-1' is not a positive whole number"),
    (f"{ROADMAP},7072,28억 달러,,value,nan,x", "row 2: value 'nan' is not a number"),
    (f"{ROADMAP},7072,28억 달러,,value,1e999,x", "row 2: value '1e999' is not a number"),
])
def test_a_correction_that_does_not_fit_its_figure_fails_the_build(tmp_path, roadmap, figures, row, problem):
    with pytest.raises(BuildError) as raised:
        corrected(tmp_path, roadmap, figures, row + "\n")
    assert problem in raised.value.message


def test_a_line_printing_a_value_twice_needs_nth(tmp_path, roadmap, figures):
    twice = [f for f in figures if (f.line, f.value_printed) == (3071, "67")]
    assert len(twice) == 2
    with pytest.raises(BuildError, match="prints '67' 2 times; say which with nth"):
        corrected(tmp_path, roadmap, figures, f"{ROADMAP},3071,67,,scope,국내,x\n")
    result = corrected(tmp_path, roadmap, figures, f"{ROADMAP},3071,67,2,scope,국내,x\n")
    assert [f.scope for f in result if (f.line, f.value_printed) == (3071, "67")] == [twice[0].scope, "국내"]


def figure(conn, document_prefix: str, line: int, printed: str) -> dict:
    rows = conn.execute(
        "SELECT measure, value, year, year_from, year_to, subject, scope, flag FROM marketfigure"
        " WHERE document LIKE ? AND line = ? AND value_printed = ?", (f"{document_prefix}%", line, printed)).fetchall()
    assert len(rows) == 1, (document_prefix, line, printed, rows)
    return dict(zip(("measure", "value", "year", "year_from", "year_to", "subject", "scope", "flag"), rows[0]))


@pytest.mark.parametrize("document, line, printed, subject, scope", [
    # sibling figures of one sentence, each bound to its own word
    ("003", 811, "4.3%p", "매출", "FTA 활용사업 참여 기업"),  # 각각 매출·수출증가율이 4.3%p와 9.6%p
    ("003", 811, "9.6%p", "수출", "FTA 활용사업 참여 기업"),
    ("003", 117, "15.2%", "상위 1% 이용자 트래픽 비중", "LTE"),  # 5G에서는 ... 9.8%인 반면, LTE에서는 15.2%
    ("003", 117, "9.8%", "상위 1% 이용자 트래픽 비중", "5G"),
    # a generic head that the sentence before names (콘텐츠 추천엔진 시장은 ... 향후 시장 규모는 ... 59억 달러)
    ("000", 8043, "59억 달러", "콘텐츠 추천엔진 시장 규모", ""),
    ("000", 9471, "29억 달러", "금형 수출", "국내"),  # 한국 금형 산업은 ... 수출로는 세계 2위로 29억 달러
    # a share held by the topic its item opens with, not the market it is a part of
    ("002", 3611, "64%", "EU 전기차 배터리 시장", "한국"),
    # a subject the heading names: 5G 가입자 1,100만명 over `2020년 11월 1,000만 명`
    ("003", 113, "1,000만 명", "5G 가입자", ""),
    # a table row of another quantity than its caption (이동전화 전체 under 5G 가입자 수 및 비중)
    ("003", 129, "70,513,676", "이동전화 전체 가입자 수", "이동전화 전체"),
    # a plant's capacity is the firm's plant, not its country: `(LGES …) (중국) 난징공장 … (62GWh →145GWh)`
    ("002", 5082, "145GWh", "생산능력", "LGES 난징공장"),
    # the words that define the figure: `EPO 관련 … 신규 펩타이드 의약품 시장은 … 7.9억 달러`
    ("000", 5636, "7.9억 달러", "신규 펩타이드 의약품 시장", "EPO 관련 펩타이드 치료제"),
])
def test_running_text_figures_name_what_they_measure(conn, document, line, printed, subject, scope):
    found = figure(conn, document, line, printed)
    assert (found["subject"], found["scope"]) == (subject, scope)


def test_a_deficit_is_negative(conn):
    """003:524 `'19년 서비스 수지는 133억불 적자`."""
    assert figure(conn, "003", 524, "133억불")["value"] == -13_300_000_000


def test_a_count_in_a_project_name_is_no_market_fact(conn):
    """000:6600 `‘10만 명 유전체 프로젝트’` names a project; 000:3821 ranks causes of death, not a market."""
    assert not conn.execute("SELECT 1 FROM marketfigure WHERE document LIKE '000%' AND line IN (6600, 3821)").fetchall()


def test_every_correction_says_why():
    rows = [line for line in (db.CURATED / "market_corrections.csv").read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
    assert all(row["note"].strip() for row in csv.DictReader(rows))


def test_a_table_with_no_unit_takes_the_one_its_text_prints_for_a_cell(conn):
    """The LiDAR 세계시장 table (000:7796) prints no unit; 000:7816 prints its 2022 cell as `845.3백만 달러`."""
    rows = conn.execute("SELECT value, unit, currency, flag FROM marketfigure"
                        " WHERE document LIKE '000%' AND line = 7796 AND value_printed = '845.3'").fetchall()
    assert rows == [(845_300_000.0, "백만 달러", "USD", "")]


def test_a_table_that_repeats_another_is_flagged(conn):
    """000:8750 `VR/AR 분야의 세계시장 규모` prints the AI market's figures of 000:8445 (11,283 17,267 25,995 37,987)."""
    flags = {flag for (flag,) in conn.execute("SELECT flag FROM marketfigure WHERE document LIKE '000%' AND line = 8750")}
    assert len(flags) == 1 and "000:8445" in flags.pop()


def test_a_multiple_of_a_base_is_growth_without_another_clause_s_year(conn):
    """002:5911 `향후 정부 투자 규모는 누적 투자의 2배 이상이고, 신규 펀딩을 통해 ‘23년부터 …`."""
    found = figure(conn, "002", 5911, "2배")
    assert (found["measure"], found["year"]) == ("growth", None)


def test_a_breakdown_without_a_year_takes_the_date_of_the_total_it_splits(conn):
    """003:118 `사업자별 가입자는 SK텔레콤 547만 6,055명(46.2%), ...` splits 003:114 `2020년 12월 1,185만 1,373명`."""
    years = {year for (year,) in conn.execute("SELECT year FROM marketfigure WHERE document LIKE '003%' AND line = 118")}
    assert years == {2020}


def test_percentages_whose_base_is_not_the_printed_total_are_flagged(conn):
    """002:5023 `①전고체 배터리 R&D 투자(’17~’21) (1,141억원)` over `-고체전해질 47.8% (183억원)`: 47.8% of 1,141억원
    is 545억원."""
    assert "1,141억원" in figure(conn, "002", 5025, "47.8%")["flag"]


@pytest.mark.parametrize("line, year, words", [
    (3062, 2029, "황화물계 시제품 개발('25), 본격 양산('29)"),  # (SK온) 황화물계 시제품 개발('25), 본격 양산('29)
    (3064, 2027, "전고체 배터리"),  # (삼성SDI) 전고체 배터리 기술 ... 확보('23), / 양산 예정('27)
    (3060, 2026, "전고체 배터리 출시"),  # (LGES) 고분자계('26), 황화물계('30) 전고체 배터리 출시 예정
])
def test_a_target_split_from_its_sentence_keeps_what_it_is_about(conn, line, year, words):
    (text,) = conn.execute("SELECT milestone FROM milestone WHERE document LIKE '002%' AND line = ? AND year = ?",
                           (line, year)).fetchone()
    assert words in text
