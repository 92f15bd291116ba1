"""Divisions and technologies read from the roadmap."""

import pytest

from smbstar.ingest.roadmap.technologies import parse_divisions, parse_technologies
from smbstar.korean import compact


@pytest.fixture(scope="module")
def technologies(roadmap, areas):
    return {technology.id: technology for technology in parse_technologies(roadmap, areas)}


def test_five_divisions_in_order(roadmap, areas):
    divisions = parse_divisions(roadmap, areas)
    assert [(d.id, d.name) for d in divisions] == [
        ("II", "첨단 소재부품 분과"),
        ("III", "공정장비 분과"),
        ("IV", "바이오 및 스마트 헬스케어 분과"),
        ("V", "ICT/SW 분과"),
        ("VI", "기계항공 분과"),
    ]
    for division in divisions:
        assert division.name in roadmap.line(division.line)


def test_twenty_two_technologies(technologies):
    assert list(technologies) == [
        "II-1", "II-2", "II-3", "III-1", "III-2", "III-3", "III-4", "IV-1", "IV-2", "IV-3", "IV-4",
        "V-1", "V-2", "V-3", "V-4", "V-5", "VI-1", "VI-2", "VI-3", "VI-4", "VI-5", "VI-6",
    ]
    assert all(t.id.startswith(t.division_id + "-") and t.id.endswith(f"-{t.number}") for t in technologies.values())


@pytest.mark.parametrize(
    "identifier, title, line",
    [
        ("II-1", "DRAM 핵심소재 및 제품", 1184),
        ("III-4", "수소 운송 및 활용 인프라 구축", 3583),
        ("IV-1", "마이크로로봇 기반 표적지향성 정밀 치료 연구 및 시술을 위한 3D 자기장 정밀 제어 시스템", 3793),
        ("VI-1", "금형 사상 가공 및 장비 기술", 9573),
        ("VI-4", "고객 수요 맞춤형 생산 및 표면처리 기술", 9626),
        ("VI-6", "스마트 소자 필름용 소자 제조장비 기술", 9673),
    ],
)
def test_title_and_line(technologies, identifier, title, line):
    assert (technologies[identifier].title, technologies[identifier].line) == (title, line)


def test_cited_lines_hold_the_title(roadmap, technologies):
    for technology in technologies.values():
        cited = compact(" ".join(roadmap.line(n) for n in range(technology.line, technology.end_line + 1)))
        assert compact(technology.title) in cited, technology.id


def test_wrapped_title_ends_on_its_last_line(technologies):
    assert (technologies["IV-1"].line, technologies["IV-1"].end_line) == (3793, 3795)


def test_every_technology_has_a_readable_definition(technologies):
    for technology in technologies.values():
        assert 30 <= len(technology.definition) <= 1500, technology.id
        assert "  " not in technology.definition
        assert "[그림" not in technology.definition and "출처" not in technology.definition, technology.id


def test_area_definition_rejoins_wrapped_lines_and_drops_subheadings(technologies):
    definition = technologies["II-1"].definition
    assert definition.startswith("DRAM은 RAM의 한 종류로 저장된 데이터가 시간과 전원의 끊김에 따라 소멸되는 특징을 가지고 있음")
    assert "정의" not in definition[:10]


def test_long_definition_is_cut_at_a_sentence_end(technologies):
    definition = technologies["IV-1"].definition
    assert len(definition) > 1000
    assert definition.endswith(("음", "임", "함", "됨", "."))


def test_block_technology_defined_by_its_table_row(technologies):
    assert technologies["VI-1"].definition == (
        "로봇 가공 기반 금형 가공시 3축 CNC 갠트리 제어와 독립된 매니퓰레이터 통합제어 기술 및 장비 기술"
    )
    assert technologies["VI-6"].definition.endswith("저압 소자 접속 공정 및 장비기술")


# --- Ⅵ areas by their field (the roadmap's summary table <표 2>, lines 306-316) ---------------------------------


VI_FIELDS = {"VI-1": "차세대 공작기계 기술", "VI-2": "차세대 금형기술", "VI-3": "차세대 설계기술",
             "VI-4": "차세대 생산 기술", "VI-5": "차세대 초정밀 이송 기술", "VI-6": "차세대 소자 제조 기술"}


def test_division_vi_areas_carry_their_field(conn):
    fields = {identifier: (field, line) for identifier, field, line in
              conn.execute("SELECT id, field, field_line FROM technology WHERE field != ''")}
    assert {identifier: field for identifier, (field, _) in fields.items()} == VI_FIELDS
    assert [line for _, line in sorted(fields.values(), key=lambda item: item[1])] == [306, 308, 310, 312, 314, 316]


@pytest.mark.parametrize(("name", "identifier"), [
    ("차세대 공작기계 기술", "VI-1"), ("차세대 금형기술", "VI-2"), ("차세대 금형 기술", "VI-2"),
    ("차세대 설계기술", "VI-3"), ("차세대 생산", "VI-4"), ("초정밀 이송 기술", "VI-5"), ("차세대 소자 제조", "VI-6"),
])
def test_tech_option_knows_the_field_names(conn, name, identifier):
    from smbstar.queries import resolve_technology

    assert resolve_technology(conn, name) == identifier


@pytest.mark.parametrize(("identifier", "field"), sorted(VI_FIELDS.items()))
def test_search_finds_an_area_by_its_field(conn, identifier, field):
    from smbstar.search import search

    hit = search(conn, field, kinds=("tech",), limit=1)[0]
    assert (hit.id, hit.title.endswith(field)) == (identifier, True)


def test_survey_links_vi_technologies_by_field(conn):
    links = dict(conn.execute(
        "SELECT s.name, a.technology_id FROM surveytechnology s JOIN surveytechnologyarea a"
        " ON a.survey_technology_id = s.id WHERE a.technology_id LIKE 'VI-%'"))
    assert links == {"차세대 공작기계 기술": "VI-1", "차세대 금형 기술": "VI-2", "차세대 설계기술": "VI-3",
                     "차세대 생산기술": "VI-4", "초정밀 이송 기술": "VI-5", "차세대 소자 제조 기술": "VI-6"}


def test_vi_market_figures_are_linked_to_their_areas(conn):
    rows = conn.execute(
        "SELECT technology_id FROM marketfigure WHERE document LIKE '000%' AND line BETWEEN 8860 AND 9760").fetchall()
    assert len(rows) >= 14 and all(identifier and identifier.startswith("VI-") for (identifier,) in rows)
