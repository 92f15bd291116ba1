"""수요 중소·중견 기업 후보 of every area, the firm-name key, and seeds/curated/firms.csv."""

import pytest

from smbstar.errors import BuildError
from smbstar.ingest.names import firm_display_name, firm_key
from smbstar.ingest.roadmap.firms import CURATED_FIRMS, parse_firm_mentions
from smbstar.korean import compact

# Counted by reading each 수요 기업 section of the report; Ⅳ-3 and Ⅵ give opinions that name no firm.
COUNTS = {"II-1": 4, "II-2": 4, "II-3": 2, "IV-1": 6, "IV-2": 4, "IV-3": 0, "V-4": 3, "VI": 0}
HEADER = "technology_id,name,role,document,line,note\n"
ROADMAP = "000_ad982b00eef8a1f3.txt"


@pytest.fixture(scope="module")
def mentions(roadmap, areas):
    return parse_firm_mentions(roadmap, areas)


def names(mentions, technology_id):
    return [m.name_printed for m in mentions if m.technology_id == technology_id]


@pytest.mark.parametrize("technology_id,count", COUNTS.items())
def test_count_per_area(mentions, technology_id, count):
    assert len(names(mentions, technology_id)) == count


def test_only_areas_with_a_firm_section_have_firms(mentions):
    assert {m.technology_id for m in mentions} == {area for area, count in COUNTS.items() if count}


def test_dram_firms_as_printed(mentions):
    assert names(mentions, "II-1") == ["삼성코닝(주)", "LG실트론", "루미지엔텍(주)", "㈜루미스탈"]


def test_battery_firms(mentions):
    assert names(mentions, "II-2") == ["파낙이스텍", "솔브레인", "켐트로스", "에코프로비엠"]


def test_listed_firms_are_candidates_without_opinion(mentions):
    dram = [m for m in mentions if m.technology_id == "II-1"]
    assert {(m.role, m.opinion) for m in dram} == {("수요 기업 후보", "")}
    assert [m.line for m in dram] == [1698, 1700, 1702, 1704]


def test_domestic_and_foreign_firms(mentions):
    robots = [(m.role, m.name_printed) for m in mentions if m.technology_id == "IV-1"]
    assert robots == [
        ("국내", "아임시스템(주)"), ("국내", "금룡테크(주)"), ("국내", "코스와이어(주)"),
        ("국외", "Magnebotix"), ("국외", "Stereotaxis"), ("국외", "Magnetecs"),
    ]


def test_interviewed_firms_carry_the_interview_findings(mentions):
    biosimilar = [m for m in mentions if m.technology_id == "IV-2"]
    assert [m.name_printed for m in biosimilar] == ["삼영유니텍", "테라시드", "피디젠", "동아ST"]
    first = biosimilar[0]
    assert (first.line, first.end_line) == (6127, 6156)
    assert first.opinion.startswith("2) 제약기업들은 합성의약품 신약개발이")
    assert "8) 기 이유로 과기원이" in first.opinion and first.opinion.endswith("저분자량 펩타이드 약물에 관심을 보였음")
    assert "인터뷰를 진행함" not in first.opinion
    assert len({m.opinion for m in biosimilar}) == 1


def test_firms_named_in_an_opinion_carry_that_paragraph(mentions):
    language = [m for m in mentions if m.technology_id == "V-4"]
    assert [m.name_printed for m in language] == ["솔트룩스", "한컴인터프리", "시스트란"]
    assert {(m.line, m.end_line) for m in language} == {(8569, 8573)}
    assert language[0].opinion.startswith("솔트룩스, 한컴인터프리, 시스트란 등은 자연언어 데이터 생성")
    assert language[0].opinion.endswith("경쟁력을 확보가 필요할 것으로 예상된다.")


def test_kbs_is_not_a_demand_firm(mentions):
    assert not any("KBS" in m.name_printed or "한국어진흥원" in m.name_printed for m in mentions)


def test_each_mention_cites_lines_holding_the_name(roadmap, mentions):
    for mention in mentions:
        span = "".join(roadmap.line(n) for n in range(mention.line, mention.end_line + 1))
        assert compact(mention.name_printed) in compact(span), mention
        assert compact(mention.name_printed) in compact(roadmap.line(mention.line)), mention
        assert mention.firm_id == firm_key(mention.name_printed)


def test_one_firm_in_two_areas_has_one_key(mentions):
    assert {m.technology_id for m in mentions if m.firm_id == firm_key("솔브레인")} == {"II-2", "II-3"}


@pytest.mark.parametrize("printed", ["㈜루미스탈", "(주)루미스탈", "루미스탈", "루미스탈 주식회사", "루미 스탈", "（주）루미스탈"])
def test_firm_key_ignores_legal_form_and_spaces(printed):
    assert firm_key(printed) == firm_key("루미스탈") == "루미스탈"


@pytest.mark.parametrize(
    "printed,key,display",
    [
        ("삼성코닝(주)", "삼성코닝", "삼성코닝"),
        ("LG실트론", "lg실트론", "LG실트론"),
        ("동아ST", "동아st", "동아ST"),
        ("한빛(유)", "한빛", "한빛"),
        ("Magnebotix", "magnebotix", "Magnebotix"),
    ],
)
def test_firm_key_and_display_name(printed, key, display):
    assert firm_key(printed) == key
    assert firm_display_name(printed) == display


def test_firm_key_tells_different_firms_apart():
    assert firm_key("루미지엔텍(주)") != firm_key("㈜루미스탈")


def test_curated_file_of_the_repository_loads(roadmap, areas, mentions):
    assert CURATED_FIRMS.exists()
    assert len(parse_firm_mentions(roadmap, areas, CURATED_FIRMS)) == len(mentions)


def curated(tmp_path, *rows):
    path = tmp_path / "firms.csv"
    path.write_text(HEADER + "".join(row + "\n" for row in rows), encoding="utf-8")
    return path


def test_curated_firm_takes_the_paragraph_of_its_line_as_opinion(roadmap, areas, tmp_path):
    path = curated(tmp_path, f"V-4,KBS,,{ROADMAP},8563,for the test only")
    kbs = parse_firm_mentions(roadmap, areas, path)[-1]
    assert (kbs.technology_id, kbs.name_printed, kbs.firm_id, kbs.role) == ("V-4", "KBS", "kbs", "수요 기업 후보")
    assert kbs.opinion.startswith("KBS에서 한국어진흥원을 운영하며")
    assert (kbs.line, kbs.end_line) == (8563, 8567)


@pytest.mark.parametrize(
    "row,message",
    [
        (f"IX-9,KBS,,{ROADMAP},8563,", "firms.csv row 2: unknown technology 'IX-9'"),
        (f"V-4,삼성전자,,{ROADMAP},8563,", "firms.csv row 2: 000_ad982b00eef8a1f3.txt:8563 does not hold '삼성전자'"),
        (f"V-4,,,{ROADMAP},8563,", "firms.csv row 2: empty name"),
        (f"V-4,KAIST,,{ROADMAP},8845,", "firms.csv row 2: line 8845 is outside V-4"),
        (f"V-4,데이터,,{ROADMAP},8583,", "firms.csv row 2: line 8583 is not in the 수요 기업 section of V-4"),
        (f"V-4,솔트룩스,,{ROADMAP},8569,", "firms.csv row 2: 솔트룩스 of V-4 is already found by rule"),
        ("V-4,KBS,,other.txt,8563,", "firms.csv row 2: unknown document 'other.txt'"),
    ],
)
def test_curated_row_is_validated(roadmap, areas, tmp_path, row, message):
    with pytest.raises(BuildError) as raised:
        parse_firm_mentions(roadmap, areas, curated(tmp_path, row))
    assert raised.value.message.startswith(message)
