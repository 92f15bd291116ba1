import pytest

from smbstar.korean import chosung, compact, is_chosung_query, jamo, normalize, strip_particle, tokens


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
