"""Market figures of the roadmap: recall against a hand-read gold list, exact values, provenance; and recall of the
companion documents' figures in the built database (hand corrections included) against independent readings."""

import csv
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from smbstar.ingest.roadmap.markets import UNPRINTED_UNIT, parse_market_figures

GOLD = Path(__file__).parent / "data" / "market_figures_gold.csv"


@pytest.fixture(scope="module")
def figures(roadmap, areas):
    return parse_market_figures(roadmap, areas)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def key(technology_id, line, printed):
    return (technology_id or "", int(line), squeeze(printed))


def gold_rows():
    with GOLD.open(encoding="utf-8") as handle:
        return [key(row["technology_id"], row["line"], row["value_printed"]) for row in csv.DictReader(handle)]


def missed(figures):
    found = Counter(key(f.technology_id, f.line, f.value_printed) for f in figures)
    gold = Counter(gold_rows())
    return gold - found


def test_recall_against_the_gold_list(figures):
    gold = gold_rows()
    assert 1 - sum(missed(figures).values()) / len(gold) >= 0.95, sorted(missed(figures))


def test_every_gold_figure_is_found_in_most_areas(figures):
    areas = {row[0] for row in gold_rows()}
    incomplete = {row[0] for row in missed(figures)}
    assert len(incomplete) <= len(areas) // 4, sorted(incomplete)


@pytest.mark.parametrize(
    "line, technology_id, printed, value, unit",
    [
        (1634, "II-1", "67억8300만달러", 6_783_000_000, "억 달러"),
        (4279, "IV-1", "1조 2,641억 달러", 1_264_100_000_000, "조 달러"),
        (3094, "III-1", "373억불", 37_300_000_000, "억 불"),  # printed `약 373억불`: 약 stays in the quote
        (3531, "III-3", "4,125백만 달러", 4_125_000_000, "백만 달러"),
    ],
)
def test_exact_figure(figures, line, technology_id, printed, value, unit):
    (figure,) = [f for f in figures if f.line == line and f.value_printed == printed]
    assert (figure.technology_id, figure.value, figure.unit, figure.currency) == (technology_id, value, unit, "USD")


def test_approximate_mark_stays_in_the_quote(figures):
    (figure,) = [f for f in figures if f.line == 3094]
    assert "약 373억불" in figure.quote


def test_every_value_printed_is_in_its_lines(roadmap, figures):
    for figure in figures:
        assert squeeze(figure.value_printed) in squeeze(roadmap.span(figure.line, figure.end_line)), figure


def test_value_split_over_two_lines(figures):
    (figure,) = [f for f in figures if f.value_printed == "1조 9,184억 달러"]
    assert (figure.line, figure.end_line, figure.value, figure.year, figure.scope) == (
        4279, 4281, 1_918_400_000_000, 2023, "세계"
    )
    (lidar,) = [f for f in figures if f.value_printed == "845.3백만 달러"]  # `845.3백` / `만 달러`
    assert (lidar.technology_id, lidar.line, lidar.end_line, lidar.value) == ("V-1", 7818, 7820, 845_300_000)


def test_figure_outside_the_market_sections(figures):
    (figure,) = [f for f in figures if f.value_printed == "3천억원"]
    assert (figure.technology_id, figure.line, figure.value, figure.currency) == ("II-1", 1691, 300_000_000_000, "KRW")


@pytest.mark.parametrize(
    "printed, year, scope",
    [
        ("13조 2,832억 원", 2017, "국내"),
        ("32조 3,632억 원", 2022, "국내"),
        ("5.5조원", 2017, "국내"),  # `5.5조원(‘17년)`
        ("300억 달러", 2025, "세계"),  # `2025년까지 300억 달러`
        ("1.2조 원", 2017, "중국"),
        ("67억8300만달러", None, ""),
        ("57억6100만 달러", None, "국내"),  # `한국의 대일본 무역 적자액은`: 일본 inside 대일본 is no scope
    ],
)
def test_year_and_scope(figures, printed, year, scope):
    (figure,) = [f for f in figures if f.value_printed == printed]
    assert (figure.year, figure.scope) == (year, scope)


def test_bare_amount_follows_the_currency_of_its_sentence(figures):
    (figure,) = [f for f in figures if f.line == 8777 and f.value_printed == "170억"]
    assert (figure.value, figure.currency, figure.year) == (17_000_000_000, "USD", 2021)


def test_misprinted_amount_is_flagged(figures):
    (figure,) = [f for f in figures if f.value_printed == "50억 3,420억 달러"]
    assert (figure.line, figure.value, figure.flag) == (3298, None, "scale words out of order")


def test_table_cells_take_the_year_of_their_column_and_the_unit_of_the_note(figures):
    cells = [f for f in figures if f.line == 7113 and f.measure == "market_size"]
    assert [(f.value_printed, f.value, f.year) for f in cells] == [
        ("2,865", 286_500_000_000, 2016),
        ("3,149", 314_900_000_000, 2017),
        ("3,461", 346_100_000_000, 2018),
        ("3,803", 380_300_000_000, 2019),
        ("4,180", 418_000_000_000, 2020),
        ("4,594", 459_400_000_000, 2021),
    ]
    assert {(f.unit, f.currency, f.scope) for f in cells} == {("억 원", "KRW", "국내")}


def test_table_note_with_a_unit_per_row(figures):
    """(단위: 세계시장은 백만달러, 국내시장은 십억원)"""
    world = [f for f in figures if f.line == 8445 and f.measure == "market_size"]
    domestic = [f for f in figures if f.line == 8447 and f.measure == "market_size"]
    assert (world[0].value_printed, world[0].value, world[0].currency, world[0].year) == ("4,819", 4_819_000_000, "USD", 2017)
    assert (domestic[-1].value_printed, domestic[-1].value, domestic[-1].currency, domestic[-1].year) == (
        "19,180", 19_180_000_000_000, "KRW", 2023
    )


def test_table_continued_after_a_page_break(figures):
    """The peptide market table (Ⅳ-18) runs over a page: rows after the break keep their years and unit."""
    (total_2018,) = [f for f in figures if f.line == 5183 and f.year == 2018]
    assert (total_2018.value_printed, total_2018.value, total_2018.technology_id) == ("26,286", 26_286_000_000, "IV-2")
    assert len([f for f in figures if 5140 <= f.line <= 5183 and f.value_printed[0].isdigit() and f.unit == "백만 달러"]) == 99


def test_table_without_a_unit_keeps_its_cells_unvalued(figures):
    nand = [f for f in figures if f.line == 2763]
    assert [f.value_printed for f in nand] == ["60,245", "40,829", "44,035", "55,114", "66,241", "60,559"]
    assert {(f.value, f.flag) for f in nand} == {(None, UNPRINTED_UNIT)}
    assert [f.year for f in nand] == [2018, 2019, 2020, 2021, 2022, 2023]


def test_a_table_row_of_percentages_is_no_sentence(figures):
    """`(%) 12.1 2.5 ...` and `... 비중 (A/B) 2.9% 3.1% ...` are table rows: not read as sentences."""
    assert not [f for f in figures if f.line in (2757, 3517)]


def test_block_figures_belong_to_the_area_whose_field_heads_them(figures, areas):
    block = next(area for area in areas if area.id == "VI")
    in_block = {f.line: f.technology_id for f in figures if block.line <= f.line < block.end}
    assert len([f for f in figures if block.line <= f.line < block.end]) >= 14
    # 1) 차세대 공작기계 기술 (9446): 공작기계 생산 5.5조원; 2) 차세대 금형가공 기술 (9469): 금형 수출 29억 달러;
    # 4) 차세대 생산 기술 (9501): 3D 프린터; 6) 차세대 소자 제조기술 (9525): 전도성 접착 필름
    assert (in_block[9448], in_block[9471], in_block[9503], in_block[9527]) == ("VI-1", "VI-2", "VI-4", "VI-6")
    assert None not in in_block.values()


@pytest.mark.parametrize(
    "reading, document, floor",
    [("market_facts_003_reading.csv", "003", 0.85), ("market_facts_002_reading.csv", "002", 0.85)],
)
def test_recall_against_an_independent_reading(conn, reading, document, floor):
    """A reading of every quantitative market fact of 003 and of four parts of 002 (lines 1-700, 3400-3800, 5000-5400,
    6600-7000), written before looking at the database: a fact is found when a row cites its line (or the next or
    previous one) and prints the same digits."""
    def digits(printed):
        return re.sub(r"\D", "", printed).strip("0")

    with (Path(__file__).parent / "data" / reading).open(encoding="utf-8", newline="") as handle:
        facts = list(csv.DictReader(handle))
    rows = conn.execute(
        "SELECT line, end_line, value_printed FROM marketfigure WHERE document LIKE ?", (document + "%",)
    ).fetchall()
    printed_near = defaultdict(set)
    for line, end_line, printed in rows:
        for number in range(line - 1, end_line + 2):
            printed_near[number].add(digits(printed))
    missed = [f for f in facts if digits(f["value_printed"]) not in printed_near[int(f["line"])]]
    assert len(facts) > 70 and 1 - len(missed) / len(facts) >= floor, missed
