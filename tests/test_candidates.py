"""전략기술 후보 of every area, by rule and from seeds/curated/candidates.csv."""

from collections import Counter

import pytest

from smbstar.errors import BuildError
from smbstar.ingest.roadmap.candidates import parse_candidates
from smbstar.korean import compact

COUNTS = {
    "II-1": 3, "II-2": 2, "II-3": 2,
    "III-1": 3, "III-2": 1, "III-3": 3, "III-4": 2,
    "IV-1": 3, "IV-2": 2, "IV-3": 4, "IV-4": 3,
    "V-1": 5, "V-2": 4, "V-3": 4, "V-4": 4, "V-5": 4,
    "VI-1": 7, "VI-2": 5, "VI-3": 4, "VI-4": 3, "VI-5": 4, "VI-6": 3,
}


@pytest.fixture(scope="module")
def candidates(roadmap, areas):
    return parse_candidates(roadmap, areas)


def titles(candidates, technology_id):
    return [c.title for c in candidates if c.technology_id == technology_id]


def test_counts_per_area(candidates):
    assert Counter(c.technology_id for c in candidates) == COUNTS


def test_cited_line_holds_the_first_words_of_the_title(roadmap, candidates):
    for candidate in candidates:
        first_words = compact(" ".join(candidate.title.split()[:2]))
        span = compact(" ".join(roadmap.line(n) for n in range(candidate.line, candidate.end_line + 1)))
        assert compact(candidate.title.split()[0]) in compact(roadmap.line(candidate.line)), candidate
        assert first_words in span, candidate


def test_dram_candidates_are_the_items_under_the_candidate_heading(candidates):
    assert titles(candidates, "II-1") == [
        "GaN wafer의 결함 및 휨을 최소화할 합성기술 개발",
        "GaN wafer의 단결정 성장",
        "Si 기판과 GaN의 헤테로 epitaxy 기술개발",
    ]


def test_importance_items_are_not_candidates(candidates):
    assert not any("5G" in title or "3천억원" in title for title in titles(candidates, "II-1"))


def test_label_is_dropped_and_sub_item_describes(candidates):
    first = next(c for c in candidates if c.technology_id == "IV-1")
    assert first.title == "정밀 자기장 제어 시스템 설계 및 제작 기술개발"
    assert first.description.startswith("자기장 정밀 제어를 위한 코일 시스템 제작")


def test_commentary_items_are_not_candidates(candidates):
    assert titles(candidates, "IV-2") == ["바이오시밀러 에리스로포이에틴(erythropoietin, EPO)", "EPO 바이오베터 펩타이드 약물 개발"]


def test_numbered_candidates_with_description(candidates):
    assert titles(candidates, "IV-4")[0] == "뇌질환 진단용 fNIRS 디바이스 개발 및 고도화"
    v5 = [c for c in candidates if c.technology_id == "V-5"]
    assert [c.number for c in v5] == ["1", "2", "3", "4"]
    assert v5[3].title == "시나리오 별 실감형 상호작용 기술"
    assert v5[3].description.endswith("다중 자극 피드백을 제공하는 기술이다.")


def test_description_runs_over_a_line_that_ends_a_sentence(candidates):
    recommender = next(c for c in candidates if c.title == "딥러닝 및 기계학습 기반 추천기술")
    assert recommender.description.endswith("높은 정확도를 제공해 줄 가능성을 보여주고 있는 기술이다.")


def test_description_skips_page_number_and_running_header(candidates):
    first = next(c for c in candidates if c.technology_id == "V-4")
    assert "179" not in first.description and "분과" not in first.description
    assert "기술 개선이 어려우므로" in first.description


def test_block_technology_candidates_are_its_sub_items(candidates):
    vi1 = [c for c in candidates if c.technology_id == "VI-1"]
    assert [c.number for c in vi1] == ["가", "나", "다", "라", "마", "바", "사"]
    assert vi1[2].title == "공구마크제거 가공제어 기술"


def test_division_three_candidates_are_curated_table_rows(candidates):
    assert titles(candidates, "III-3") == [
        "금속수소화물을 이용한 수소 저장", "유기수소화물을 이용한 수소 저장", "무기수소화물을 이용한 수소 저장",
    ]
    etching = next(c for c in candidates if c.title == "식각")
    assert etching.line == 2950
    assert etching.description == "·나노 레벨의 정밀 식각을 위한 기술, 생산성 향상을 위한 새로운 소스 기술"


def write_curated(tmp_path, row):
    path = tmp_path / "candidates.csv"
    path.write_text(f"# a comment\ntechnology_id,number,title,document,line,note\n{row}\n", encoding="utf-8")
    return path


def test_unknown_technology_is_a_build_error(roadmap, areas, tmp_path):
    path = write_curated(tmp_path, "III-9,1,식각,000_ad982b00eef8a1f3.txt,2950,")
    with pytest.raises(BuildError, match=r"candidates.csv row 2: unknown technology 'III-9'"):
        parse_candidates(roadmap, areas, path)


def test_cited_line_must_hold_the_title(roadmap, areas, tmp_path):
    path = write_curated(tmp_path, "III-1,4,열처리,000_ad982b00eef8a1f3.txt,2950,")
    with pytest.raises(BuildError, match="candidates.csv row 2: .*:2950 does not hold '열처리'"):
        parse_candidates(roadmap, areas, path)


def test_cited_line_must_be_in_the_area(roadmap, areas, tmp_path):
    path = write_curated(tmp_path, "III-2,2,식각,000_ad982b00eef8a1f3.txt,2950,")
    with pytest.raises(BuildError, match="line 2950 is outside III-2"):
        parse_candidates(roadmap, areas, path)
