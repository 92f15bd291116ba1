"""Hand corrections of market figures (seeds/curated/market_corrections.csv): each one checked at build."""

import pytest

from smbstar import db
from smbstar.errors import BuildError
from smbstar.ingest.market_corrections import apply_market_corrections
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
    return apply_market_corrections(fresh, path, {ROADMAP: roadmap})


def test_a_correction_sets_the_field_of_the_figure_it_names(tmp_path, roadmap, figures):
    result = corrected(tmp_path, roadmap, figures, f"{ROADMAP},7072,28억 달러,,subject,유전자 분석 서비스 시장,x\n")
    (figure,) = [f for f in result if (f.line, f.value_printed) == (7072, "28억 달러")]
    assert figure.subject == "유전자 분석 서비스 시장"


def test_drop_removes_the_figure(tmp_path, roadmap, figures):
    result = corrected(tmp_path, roadmap, figures, f"{ROADMAP},7072,28억 달러,,drop,,not a market fact\n")
    assert len(result) == len(figures) - 1
    assert not [f for f in result if (f.line, f.value_printed) == (7072, "28억 달러")]


@pytest.mark.parametrize("row, problem", [
    (f"{ROADMAP},7072,29억 달러,,subject,시장,x", f"row 2: no market figure '29억 달러' at {ROADMAP}:7072"),
    (f"{ROADMAP},7072,28억 달러,,year,2015,x", "row 2: year of '28억 달러' at 000_ad982b00eef8a1f3.txt:7072 is "
                                               "already '2015'; remove the row"),
    (f"{ROADMAP},7072,28억 달러,,subject,양자컴퓨터 시장,x", "row 2: '양자컴퓨터' is not printed near"),
    (f"{ROADMAP},7072,28억 달러,,measure,size,x", "row 2: measure 'size' is not one of market_size"),
    (f"{ROADMAP},7072,28억 달러,,colour,red,x", "row 2: unknown field 'colour'"),
    (f"{ROADMAP},7072,28억 달러,,year,2015년,x", "row 2: year '2015년' is not a number"),
    (f"{ROADMAP},7072,28억 달러,,drop,yes,x", "row 2: drop takes no value"),
    (f"{ROADMAP},7072,28억 달러,,quote,2020년 91억 달러로,x", "row 2: the quote is not text of"),
    (f"{ROADMAP},7072,28억 달러,2,subject,시장,x", "prints '28억 달러' only 1 times"),
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
