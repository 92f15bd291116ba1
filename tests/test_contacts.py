"""기술별 4대 과기원 연구개발 교수 후보 of every area: the people, their addresses, labs and expertise."""

import pytest

from smbstar.ingest.roadmap.contacts import parse_contacts, repair_email
from smbstar.korean import compact

# Counted by reading each professor section of the report.
COUNTS = {
    "II-1": 10, "II-2": 10, "II-3": 10,
    "III-1": 0, "III-2": 0, "III-3": 0, "III-4": 0,
    "IV-1": 7, "IV-2": 2, "IV-3": 7, "IV-4": 2,
    "V-1": 3, "V-2": 3, "V-3": 5, "V-4": 3, "V-5": 3,
    "VI-1": 2, "VI-2": 3, "VI-3": 3, "VI-4": 4, "VI-5": 2, "VI-6": 3,
}
MISPRINTED = {"jwchoi@dgist@ac.kr": "jwchoi@dgist.ac.kr", "jyjo@gist.ac.k": "jyjo@gist.ac.kr"}


@pytest.fixture(scope="module")
def contacts(roadmap, areas):
    return parse_contacts(roadmap, areas)


def of(contacts, technology_id):
    return [c for c in contacts if c.technology_id == technology_id]


def people(contacts, technology_id):
    return [(c.institute, c.name) for c in of(contacts, technology_id)]


@pytest.mark.parametrize("technology_id,count", COUNTS.items())
def test_count_per_area(contacts, technology_id, count):
    assert len(of(contacts, technology_id)) == count


def test_no_contact_outside_the_known_technologies(contacts):
    assert {c.technology_id for c in contacts} <= set(COUNTS)


def test_battery_professors(contacts):
    battery = {(c.institute, c.name): c for c in of(contacts, "II-2")}
    assert battery["KAIST", "김일두"].email == "idkim@kaist.ac.kr"
    assert battery["UNIST", "조욱"].email == "wookjo@unist.ac.kr"
    assert battery["UNIST", "조욱"].title == "교수"


def test_the_same_ten_professors_serve_the_three_materials_areas(contacts):
    keys = [{c.person_key for c in of(contacts, area)} for area in ("II-1", "II-2", "II-3")]
    assert keys[0] == keys[1] == keys[2]
    assert "KAIST:김일두" in keys[0]


def test_address_with_an_at_for_a_dot_is_repaired(contacts):
    choi = next(c for c in contacts if c.name == "최지웅")
    assert (choi.technology_id, choi.institute, choi.line) == ("IV-4", "DGIST", 7601)
    assert choi.email == "jwchoi@dgist.ac.kr"
    assert choi.email_printed == "jwchoi@dgist@ac.kr"


def test_address_cut_off_is_repaired_only_where_it_is_cut(contacts):
    cho = {c.technology_id: c for c in contacts if c.name == "조지영"}
    assert cho["II-3"].email == "jyjo@gist.ac.kr"
    assert cho["II-3"].email_printed == "jyjo@gist.ac.k"
    assert cho["II-1"].email == cho["II-1"].email_printed == "jyjo@gist.ac.kr"


def test_correct_addresses_are_kept_as_printed(contacts):
    for contact in contacts:
        if contact.email_printed not in MISPRINTED:
            assert contact.email == contact.email_printed, contact


@pytest.mark.parametrize("printed,meant", [*MISPRINTED.items(), ("bhl@gist.ac.kr", "bhl@gist.ac.kr")])
def test_repair_email(printed, meant):
    assert repair_email(printed) == meant


def test_each_contact_cites_the_line_holding_the_name(roadmap, contacts):
    for contact in contacts:
        cited = compact(roadmap.line(contact.line))
        assert compact(contact.name) in cited and compact(contact.institute) in cited, contact
        assert contact.end_line >= contact.line
        assert contact.person_key == f"{contact.institute}:{contact.name}"


def test_figure_text_after_the_last_professor_is_not_his(contacts):
    last = of(contacts, "II-1")[-1]
    assert (last.name, last.line, last.end_line, last.expertise) == ("조욱", 1726, 1726, "")


def test_researchers_keep_their_title(contacts):
    titles = {c.name: c.title for c in of(contacts, "IV-1")}
    assert [name for name, title in titles.items() if title == "선임연구원"] == ["김진영", "이현기", "임성준"]


def test_lab_and_research_lines_under_a_professor(contacts):
    oh = of(contacts, "IV-3")[0]
    assert (oh.name, oh.email) == ("오용석", "ysoh2040@dgist.ac.kr")
    assert oh.lab == "디지스트 분자정신의학연구실"
    assert oh.expertise.startswith("스트레스 및 정신과약물에 의한")
    assert oh.expertise.endswith("신규치료 타겟 발굴을 위한 전임상 연구")
    assert (oh.line, oh.end_line) == (7377, 7385)


def test_lab_whose_name_holds_a_comma(contacts):
    kim = next(c for c in of(contacts, "IV-3") if c.name == "김민식")
    assert kim.lab == "디지스트 뉴바이올로지, 큐바이오 정밀의학 연구실"
    assert kim.expertise.count("; ") == 2


def test_professor_without_address_still_has_lab(contacts):
    baek = next(c for c in of(contacts, "IV-3") if c.name == "백명인")
    assert (baek.email, baek.email_printed) == ("", "")
    assert baek.lab == "디지스트 운동신경회로연구실"


def test_company_employee_and_programme(contacts):
    assert [name for _, name in people(contacts, "IV-3")] == ["오용석", "최한경", "백명인", "김종경", "김민식", "구자욱", "강병수"]
    kang = of(contacts, "IV-3")[-1]
    assert (kang.institute, kang.title, kang.person_key, kang.line) == ("SYSSOFT", "중소기업", "SYSSOFT:강병수", 7421)
    assert not any("전문인력" in c.name + c.lab + c.expertise or "오믹스-전문" in c.expertise for c in contacts)


def test_expertise_line_under_a_name_without_address(contacts):
    vision = of(contacts, "V-1")
    assert [(c.institute, c.name) for c in vision] == [("KAIST", "권인소"), ("GIST", "전해곤"), ("DGIST", "임성훈")]
    assert vision[0].expertise == "센서 융합 기술을 통한 컴퓨터비전 알고리즘 성능 극대화 국내 최고 권위자"
    assert all(c.expertise and not c.email and not c.lab for c in vision)


def test_expertise_wrapped_over_two_lines(contacts):
    kwon = of(contacts, "V-5")[0]
    assert kwon.expertise.endswith("다양한 창업 경험으로 인한 중소·중견기업 연결 가능성")
    assert (kwon.line, kwon.end_line) == (8845, 8849)


def test_professor_serving_two_areas_has_one_key(contacts):
    assert {c.technology_id for c in contacts if c.person_key == "GIST:김강일"} == {"V-3", "V-4"}


def test_block_professors_are_grouped_under_their_field(contacts):
    assert people(contacts, "VI-1") == [("GIST", "이선규"), ("UNIST", "김덕영")]
    assert people(contacts, "VI-4") == [("KAIST", "윤용진"), ("KAIST", "김영진"), ("UNIST", "김남훈"), ("GIST", "이용구")]
    fields = {c.technology_id: c.field for c in contacts if c.technology_id.startswith("VI-")}
    assert fields == {
        "VI-1": "차세대 공작기계", "VI-2": "차세대 금형 기술", "VI-3": "차세대 설계 기술",
        "VI-4": "차세대 생산", "VI-5": "차세대 초정밀 이송", "VI-6": "차세대 소자 제조",
    }


def test_sixth_field_is_vi6_despite_repeating_the_fifth_title(contacts):
    assert people(contacts, "VI-6") == [("KAIST", "김영진"), ("KAIST", "박인규"), ("UNIST", "정훈의")]
    assert {c.line for c in of(contacts, "VI-6")} == {9760}
    assert people(contacts, "VI-5") == [("UNIST", "정훈의"), ("DGIST", "장경인")]

