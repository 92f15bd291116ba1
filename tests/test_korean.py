import pytest

from smbstar.korean import (
    chosung, compact, count_word, is_chosung_query, jamo, normalize, strip_particle, tokens,
)


@pytest.mark.parametrize(
    "word, stem",
    [("배터리의", "배터리"), ("수소를", "수소"), ("이차전지용", "이차전지"), ("전해질을", "전해질"),
     ("반도체에서", "반도체"), ("수소", "수소"), ("평가", "평가"), ("금형은", "금형")],
)
def test_strip_particle(word, stem):
    assert strip_particle(word) == stem


def test_bigrams_run_across_spaces_so_spacing_variants_share_a_phrase():
    assert tokens("고체 전해질") == ["고체", "체전", "전해", "해질"]
    assert tokens("고체전해질") == tokens("고체 전해질")


def test_single_syllable_and_latin_tokens():
    assert tokens("수 DRAM GaN-wafer idkim@kaist.ac.kr") == ["수", "dram", "gan", "wafer", "idkim", "kaist", "ac", "kr"]


def test_chosung():
    assert chosung("배터리") == "ㅂㅌㄹ"
    assert is_chosung_query("ㅂㅌㄹ") and not is_chosung_query("ㅂ") and not is_chosung_query("배ㅌㄹ")


def test_normalise_folds_conjoining_jamo_case_and_controls():
    decomposed = "\u1107\u1162\u1110\u1165\u1105\u1175"  # 배터리 as conjoining jamo
    assert normalize(decomposed) == "배터리"
    assert normalize("LiDAR\x00\t센서") == "lidar 센서"
    assert compact(" 수소 저장 ") == "수소저장"


def test_jamo_makes_a_swapped_letter_cost_less_than_a_syllable():
    from rapidfuzz import fuzz

    assert len(jamo("배터리")) == 6
    assert fuzz.ratio(jamo("배러티"), jamo("배터리")) > fuzz.ratio("배러티", "배터리")


@pytest.mark.parametrize(("term", "text", "count"), [
    ("탱크", "미국의 싱크탱크 PIIE가", 0),  # think tank
    ("탱크", "고압 탱크에 저장", 1),
    ("인산", "리튬인산철(LFP) 배터리", 0),  # LFP, not phosphoric acid
    ("인산", "인산을 식각액으로", 1),
    ("이차전지", "이차전지의 소재와 이차전지용 장비", 2),
    ("이차전지", "리튬이차전지 공장", 0),
    ("수소", "불화수소 수입", 0),
    ("수소", "수소로 환원", 1),
    ("ai", "kaist ai 반도체", 1),
    ("ai", "kaist 교수", 0),
    ("고체 전해질", "고체전해질을 쓴다", 1),
    ("hbm", "hbm3e 양산", 1),
    ("자계", "자계를 이용", 1),
    ("배터리", "배터리셀 생산", 0),
])
def test_count_word_counts_whole_words_only(term, text, count):
    assert count_word(term, normalize(text)) == count
