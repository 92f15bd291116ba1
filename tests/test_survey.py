"""The survey chapter Ⅶ: its 21 technologies, their areas, and the numbers of its tables."""

from collections import Counter, defaultdict
from dataclasses import replace

import pytest

from smbstar.errors import BuildError
from smbstar.ingest.roadmap.survey import CURATED_SURVEY_AREAS, parse_survey
from smbstar.ingest.roadmap.technologies import parse_technologies
from smbstar.korean import compact

ROADMAP = "000_ad982b00eef8a1f3.txt"
BATTERY = "배터리 전극 소재 및 고체 전해질 기술"
DIVISION_SIZES = {"ICT/SW분과": 5, "첨단소재부품분과": 3, "기계항공분과": 6, "공정장비분과": 2, "바이오-스마트헬스분과": 5}
STAGE_TABLES = ["VII-10", "VII-11", "VII-12", "VII-13", "VII-14"]
GAP_TABLES = ["VII-15", "VII-16", "VII-17", "VII-18", "VII-19"]
COMPARISONS = ["VII-21", "VII-22", "VII-24", "VII-25", "VII-26", "VII-27", "VII-28", "VII-29", "VII-30",
               "VII-32", "VII-33", "VII-35", "VII-36"]


@pytest.fixture(scope="module")
def survey(roadmap):
    return parse_survey(roadmap)


@pytest.fixture(scope="module")
def technologies(survey):
    return {technology.name: technology for technology in survey[0]}


@pytest.fixture(scope="module")
def values(survey):
    return survey[2]


@pytest.fixture(scope="module")
def by_table(values):
    tables = defaultdict(list)
    for value in values:
        tables[value.table_id].append(value)
    return tables


def the_value(values, technologies, table, technology, category):
    technology_id = technologies[technology].id if technology else None
    found = [v for v in values if (v.table_id, v.survey_technology_id, v.category) == (table, technology_id, category)]
    assert len(found) == 1, (table, technology, category, found)
    return found[0]


def test_twenty_one_technologies_in_the_order_of_their_definition_tables(technologies):
    assert list(technologies) == [
        "저가형 라이더 기술", "개인 맞춤형 추천 기술", "자연어 처리 기술", "대화형 UI기술", "AR/VR기술",
        "고용량 NAND를 구현하기 위한 식각 기술", "차세대 DRAM (DDR5 PMIC) 내에 들어가는 유전막 소재기술", BATTERY,
        "초정밀 이송 기술", "차세대 소자 제조 기술", "차세대 금형 기술", "차세대 공작기계 기술", "차세대 설계기술",
        "차세대 생산기술", "나노스케일 표면처리 기술", "수소 저장 및 운송 기술",
        "3D자기장 정밀제어 시스템", "바이오 시밀러 기술", "뇌질환 진단기술", "유전체/오믹스 통합 분석기술", "약물평가 시스템",
    ]
    assert [t.id for t in technologies.values()] == list(range(1, 22))


def test_divisions_come_from_the_definition_tables(technologies):
    assert Counter(t.division for t in technologies.values()) == DIVISION_SIZES
    assert technologies[BATTERY].division == "첨단소재부품분과"
    assert technologies["약물평가 시스템"].division == "바이오-스마트헬스분과"


def test_cited_line_holds_the_technology_name(roadmap, technologies):
    for technology in technologies.values():
        assert compact(technology.name) in compact(roadmap.line(technology.line)), technology
        assert technology.document == roadmap.name


def test_areas_of_the_survey_technologies(survey, technologies):
    areas = defaultdict(list)
    for link in survey[1]:
        areas[link.survey_technology_id].append(link.technology_id)
    assert areas[technologies["수소 저장 및 운송 기술"].id] == ["III-2", "III-3", "III-4"]
    assert areas[technologies[BATTERY].id] == ["II-2"]
    assert areas[technologies["차세대 공작기계 기술"].id] == ["VI-1"]
    assert areas[technologies["대화형 UI기술"].id] == ["V-3"]
    assert technologies["약물평가 시스템"].id not in areas


def test_every_roadmap_area_stands_for_exactly_one_survey_technology(roadmap, areas, survey):
    linked = Counter(link.technology_id for link in survey[1])
    assert sorted(linked) == sorted(technology.id for technology in parse_technologies(roadmap, areas))
    assert set(linked.values()) == {1}


def test_battery_development_stage(values, technologies):
    battery = technologies[BATTERY].id
    stages = {v.category: v for v in values if v.table_id == "VII-11" and v.survey_technology_id == battery}
    assert {category: v.value for category, v in stages.items()} == {
        "기초 연구 단계": 71, "실험 단계": 47, "시작품 단계": 40, "제품화 단계": 14, "사업화 단계": 2, "전체": 174,
    }
    assert {v.line for v in stages.values()} == {10472}
    assert {v.measure for v in stages.values()} == {"개발 단계"}
    assert stages["전체"].table_title == "응답기업의 세부기술 개발 단계, 첨단소재부품분과 (빈도수)"


def test_survey_total_of_1094_responding_firms(values, technologies):
    total = the_value(values, technologies, "VII-1", None, "실제 분석 인원")
    assert (total.value, total.value_printed, total.line) == (1094, "1,094", 9867)
    assert the_value(values, technologies, "VII-2", None, "전체: 전체").value == 1094


@pytest.mark.parametrize(
    "table, technology, category, value, printed, line",
    [
        ("VII-1", None, "발송 메일", 62500, "62,500", 9843),
        ("VII-1", None, "개인정보 미동의 인원", 14, "14", 9865),
        ("VII-2", None, "ICT/SW: 소기업", 51, "51", 9821),
        ("VII-2", None, "바이오-헬스: 중견기업", 57, "57", 9829),
        ("VII-3", None, "(J582) 소프트웨어 개발 및 공급업", 102, "102", 9954),
        ("VII-3", None, "기타", 194, "194", 9958),
        ("VII-9", BATTERY, "단기 n", 3, "3", 10309),
        ("VII-9", BATTERY, "단기 %", 1.7, "1.7", 10309),
        ("VII-9", "초정밀 이송 기술", "중기 %", 10.1, "10.1", 10315),
        ("VII-9", "나노스케일 표면처리 기술", "장기 n", 9, "9", 10376),
        ("VII-9", "약물평가 시스템", "전체 응답자", 124, "124", 10394),
        ("VII-10", "개인 맞춤형 추천 기술", "기초 연구 단계", 95, "95", 10509),
        ("VII-10", "AR/VR기술", "사업화 단계", 9, "9", 10515),
        ("VII-12", "차세대 생산기술", "시작품 단계", 37, "37", 10575),
        ("VII-13", "수소 저장 및 운송 기술", "전체", 146, "146", 10612),
        ("VII-14", "3D자기장 정밀제어 시스템", "기초 연구 단계", 38, "38", 10663),
        ("VII-15", "대화형 UI기술", "년", 6, "6.00", 10734),
        ("VII-16", "차세대 DRAM (DDR5 PMIC) 내에 들어가는 유전막 소재기술", "%", 28, "28.00", 10720),
        ("VII-17", "차세대 설계기술", "%", 27.5, "27.50", 10783),
        ("VII-18", "나노스케일 표면처리 기술", "%", 30, "30.00", 10791),
        ("VII-19", "약물평가 시스템", "년", 5, "5.00", 10807),
        ("VII-20", "초정밀 이송 기술", "제품 가격 경쟁력", 4.95, "4.95", 10862),
        ("VII-20", "차세대 DRAM (DDR5 PMIC) 내에 들어가는 유전막 소재기술", "제품 품질 경쟁력", 4.45, "4.45", 10856),
        ("VII-21", "차세대 금형 기술", "중소기업 n", 93, "93", 10986),
        ("VII-21", "차세대 금형 기술", "중소기업 평균", 4.33, "4.33", 10988),
        ("VII-21", "차세대 금형 기술", "중소기업 표준편차", 1.455, "1.455", 10990),
        ("VII-21", "차세대 금형 기술", "t-value", -2.291, "-2.291", 10991),
        ("VII-21", "차세대 금형 기술", "p-value", 0.024, ".024", 10993),
        ("VII-21", "차세대 금형 기술", "중견기업 평균", 4.93, "4.93", 10997),
        ("VII-22", "유전체/오믹스 통합 분석기술", "중견기업 표준편차", 1.447, "1.447", 11133),
        ("VII-23", "수소 저장 및 운송 기술", "기술협력", 5.19, "5.19", 11209),
        ("VII-24", BATTERY, "t-value", 2.469, "2.469", 11375),
        ("VII-25", "나노스케일 표면처리 기술", "중견기업 표준편차", 1.04, "1.04", 11439),
        ("VII-26", BATTERY, "p-value", 0.002, ".002", 11497),
        ("VII-27", "저가형 라이더 기술", "중견기업 평균", 5.5, "5.50", 11533),
        ("VII-28", "바이오 시밀러 기술", "시작품 단계 이상 평균", 5.28, "5.28", 11574),
        ("VII-29", "저가형 라이더 기술", "시작품 단계 미만 n", 37, "37", 11621),
        ("VII-30", BATTERY, "시작품 단계 이상 n", 56, "56", 11664),
        ("VII-31", "나노스케일 표면처리 기술", "평균", 5.28, "5.28", 11744),
        ("VII-31", "차세대 DRAM (DDR5 PMIC) 내에 들어가는 유전막 소재기술", "평균", 4.91, "4.91", 11724),
        ("VII-32", BATTERY, "중소기업 평균", 5.04, "5.04", 11815),
        ("VII-33", "바이오 시밀러 기술", "시작품 단계 미만 평균", 4.91, "4,91", 11913),
        ("VII-34", "초정밀 이송 기술", "장기", 5.32, "5.32", 11991),
        ("VII-34", "자연어 처리 기술", "단기", 3.77, "3.77", 11970),
        ("VII-35", "바이오 시밀러 기술", "중소기업 n", 91, "91", 12150),
        ("VII-36", "차세대 금형 기술", "중견기업 평균", 5.30, "5.30", 12192),
        ("VII-37", None, "공정장비: 중기", 6.05, "6.05", 12233),
        ("VII-38", "차세대 생산기술", "인력", 4.81, "4.81", 12284),
        ("VII-39", "유전체/오믹스 통합 분석기술", "인프라", 4.84, "4.84", 12301),
        ("VII-40", "수소 저장 및 운송 기술", "기술협력", 5.19, "5.19", 12369),
        ("VII-41", "약물평가 시스템", "마케팅", 4.94, "4.94", 12403),
    ],
)
def test_printed_numbers(values, technologies, table, technology, category, value, printed, line):
    found = the_value(values, technologies, table, technology, category)
    assert (found.value, found.value_printed, found.line) == (pytest.approx(value), printed, line)


def test_every_printed_value_stands_in_its_cited_line(roadmap, values):
    wrong = [v for v in values if v.value_printed not in roadmap.line(v.line) or v.document != roadmap.name]
    assert wrong == []


def test_every_table_with_numbers_yields_values(by_table):
    numbered = [f"VII-{n}" for n in range(1, 42) if not 4 <= n <= 8]
    assert sorted(by_table, key=lambda t: int(t.split("-")[1])) == numbered


def test_values_per_table(by_table):
    assert {table: len(rows) for table, rows in by_table.items()} == {
        "VII-1": 8, "VII-2": 24, "VII-3": 28, "VII-9": 147,
        "VII-10": 30, "VII-11": 18, "VII-12": 36, "VII-13": 12, "VII-14": 30,
        "VII-15": 10, "VII-16": 6, "VII-17": 12, "VII-18": 4, "VII-19": 10,
        "VII-20": 42, "VII-21": 24, "VII-22": 16, "VII-23": 84,
        "VII-24": 8, "VII-25": 16, "VII-26": 8, "VII-27": 8, "VII-28": 8, "VII-29": 8, "VII-30": 8,
        "VII-31": 21, "VII-32": 8, "VII-33": 16, "VII-34": 63, "VII-35": 16, "VII-36": 8, "VII-37": 15,
        "VII-38": 4, "VII-39": 16, "VII-40": 44, "VII-41": 28,
    }


def test_general_tables_have_no_technology(by_table):
    for table in ("VII-1", "VII-2", "VII-3", "VII-37"):
        assert {v.survey_technology_id for v in by_table[table]} == {None}, table
    per_technology = [v for table, rows in by_table.items() if table not in ("VII-1", "VII-2", "VII-3", "VII-37")
                      for v in rows]
    assert all(v.survey_technology_id for v in per_technology)


@pytest.mark.parametrize("table", STAGE_TABLES + GAP_TABLES)
def test_a_division_table_has_a_row_for_each_technology_of_the_division_its_rows_belong_to(
    by_table, technologies, table
):
    divisions = {t.id: t.division for t in technologies.values()}
    rows = {v.survey_technology_id for v in by_table[table]}
    (division,) = {divisions[row] for row in rows}
    assert len(rows) == DIVISION_SIZES[division]


@pytest.mark.parametrize("table, caption_says, rows_are", [
    ("VII-12", "첨단소재부품분과", "기계항공분과"),
    ("VII-18", "ICT/SW분과", "공정장비분과"),
    ("VII-19", "ICT/SW분과", "바이오-스마트헬스분과"),
])
def test_rows_not_captions_tell_the_division(by_table, technologies, table, caption_says, rows_are):
    divisions = {t.id: t.division for t in technologies.values()}
    assert caption_says in by_table[table][0].table_title
    assert {divisions[v.survey_technology_id] for v in by_table[table]} == {rows_are}


def test_tables_of_all_technologies_have_a_row_for_each(by_table):
    for table in ("VII-9", "VII-20", "VII-23", "VII-31", "VII-34"):
        assert len({v.survey_technology_id for v in by_table[table]}) == 21, table


def test_stage_counts_add_up_to_the_total(by_table):
    rows = defaultdict(dict)
    for table in STAGE_TABLES:
        for v in by_table[table]:
            rows[v.survey_technology_id][v.category] = v.value
    assert len(rows) == 21
    for stages in rows.values():
        assert sum(value for category, value in stages.items() if category != "전체") == stages["전체"]


def test_firm_sizes_add_up_by_division_and_by_size(by_table):
    cells = {v.category: v.value for v in by_table["VII-2"]}
    divisions = ["ICT/SW", "첨단소재부품", "기계항공", "공정장비", "바이오-헬스"]
    for division in divisions + ["전체"]:
        assert sum(cells[f"{division}: {size}"] for size in ("소기업", "중소기업", "중견기업")) == cells[f"{division}: 전체"]
    for size in ("소기업", "중소기업", "중견기업", "전체"):
        assert sum(cells[f"{division}: {size}"] for division in divisions) == cells[f"전체: {size}"]


def test_priority_firms_agree_with_the_respondents_of_the_stage_tables(by_table):
    """<표 VII-9>'s 전체 응답자 is the 전체 of <표 VII-10..14>, and its % is n of them."""
    respondents = {v.survey_technology_id: v.value for t in STAGE_TABLES for v in by_table[t] if v.category == "전체"}
    priority = defaultdict(dict)
    for v in by_table["VII-9"]:
        priority[v.survey_technology_id][v.category] = v.value
    for technology, cells in priority.items():
        assert cells["전체 응답자"] == respondents[technology]
        for term in ("단기", "중기", "장기"):
            assert cells[f"{term} %"] == pytest.approx(100 * cells[f"{term} n"] / cells["전체 응답자"], abs=0.051)


@pytest.mark.parametrize("table", COMPARISONS)
def test_comparison_groups_add_up_to_the_respondents(by_table, table):
    """Firm-size groups split all of a technology's respondents; development-stage groups split them at 시작품."""
    stages = defaultdict(dict)
    for t in STAGE_TABLES:
        for v in by_table[t]:
            stages[v.survey_technology_id][v.category] = v.value
    groups = defaultdict(dict)
    for v in by_table[table]:
        groups[v.survey_technology_id][v.category] = v.value
    assert groups
    for technology, cells in groups.items():
        counts = {category[:-2]: value for category, value in cells.items() if category.endswith(" n")}
        assert sum(counts.values()) == stages[technology]["전체"], (table, technology)
        if "시작품 단계 이상" in counts:
            started = sum(stages[technology][s] for s in ("시작품 단계", "제품화 단계", "사업화 단계"))
            assert counts["시작품 단계 이상"] == started
        assert set(cells) >= {"t-value", "p-value"}


def test_measures(values):
    assert {v.measure for v in values} == {
        "설문 응답", "응답기업 규모", "응답기업 산업", "우선 지원 기업", "개발 단계", "기술 격차", "글로벌 경쟁력",
        "제품 품질 경쟁력", "제품 가격 경쟁력", "지원 필요성", "인력 지원 필요성", "인프라 지원 필요성",
        "기술협력 지원 필요성", "마케팅 지원 필요성", "협력 필요성", "중요성", "단기 중요성", "장기 중요성",
        "우선 지원 기업 비율",
    }


def test_the_support_summaries_repeat_the_support_table(by_table):
    support = {(v.survey_technology_id, v.category): v.value for v in by_table["VII-23"]}
    for table in ("VII-38", "VII-39", "VII-40", "VII-41"):
        for v in by_table[table]:
            assert support[(v.survey_technology_id, v.category)] == v.value, (table, v)


# Curated file and document errors: the build stops with a message naming the place to fix.

HEADER = "survey_technology,technology_id,document,line,note\n"


def curated_copy(tmp_path, old, new):
    """The curated file with one row's text replaced."""
    text = CURATED_SURVEY_AREAS.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = tmp_path / "survey_areas.csv"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_unknown_area_is_refused(roadmap, tmp_path):
    path = curated_copy(tmp_path, f"{BATTERY},II-2,", f"{BATTERY},II-9,")
    with pytest.raises(BuildError, match=r"survey_areas.csv row 9: 'II-9' is not a technology area"):
        parse_survey(roadmap, path)


def test_a_line_that_does_not_print_the_name_is_refused(roadmap, tmp_path):
    path = curated_copy(tmp_path, f"{BATTERY},II-2,{ROADMAP},10722,", f"{BATTERY},II-2,{ROADMAP},10720,")
    with pytest.raises(BuildError, match=r"survey_areas.csv row 9: .*:10720 does not hold '배터리"):
        parse_survey(roadmap, path)


def test_a_name_no_definition_table_lists_is_refused(roadmap, tmp_path):
    path = tmp_path / "survey_areas.csv"
    path.write_text(HEADER + f"응답기업,,{ROADMAP},9879,\n", encoding="utf-8")
    with pytest.raises(BuildError, match=r"survey_areas.csv row 2: '응답기업' is listed in 0 선정 세부기술 설명 tables"):
        parse_survey(roadmap, path)


def test_a_missing_curated_file_is_refused(roadmap, tmp_path):
    with pytest.raises(BuildError, match="survey_areas.csv: no survey technologies"):
        parse_survey(roadmap, tmp_path / "survey_areas.csv")


def with_line(roadmap, number, text):
    lines = list(roadmap.lines)
    lines[number - 1] = text
    return replace(roadmap, lines=tuple(lines))


def test_a_row_naming_no_known_technology_is_refused(roadmap):
    garbled = with_line(roadmap, 10573, "차세대 무슨기술 37 33 29 13 4 116")
    with pytest.raises(BuildError, match=r"<표 VII-12> line 10573: the row names no technology"):
        parse_survey(garbled)


def test_a_row_with_a_missing_cell_is_refused(roadmap):
    short = with_line(roadmap, 10566, "차세대 금형 기술 45 35 27 18 136")
    with pytest.raises(BuildError, match=r"<표 VII-12> line 10566: a row of 5 values, not 6"):
        parse_survey(short)


def test_a_changed_header_is_refused(roadmap):
    renamed = with_line(roadmap, 10544, "과정")  # 실험 / 단계 -> 실험 / 과정
    with pytest.raises(BuildError, match=r"<표 VII-12> .*does not print 실험 단계"):
        parse_survey(renamed)


def test_an_unknown_kind_of_table_is_refused(roadmap):
    renamed = with_line(roadmap, 10614, "<표 VII-13> 응답기업의 무엇, 공정장비 (빈도수)")
    with pytest.raises(BuildError, match=r"<표 VII-13> 응답기업의 무엇.*no known kind"):
        parse_survey(renamed)
