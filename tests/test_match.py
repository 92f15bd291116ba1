"""match: needs described in free text, and firms, matched to roadmap areas, professors, firms and evidence."""

import csv
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from smbstar.cli import app
from smbstar.errors import SmbstarError
from smbstar.match import match_firm, match_need, need_words

NEEDS = Path(__file__).parent / "data" / "match_needs.csv"
# More needs, written after the close-areas rule, with the area each belongs to (no professor column).
MORE_NEEDS = Path(__file__).parent / "data" / "match_needs_more.csv"
# Needs written as firms write them by a reader who had not seen the rules; `areas` lists every area that fits.
HELDOUT_NEEDS = Path(__file__).parent / "data" / "match_heldout.csv"


def load_needs(path: Path = NEEDS) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def all_needs() -> list[dict]:
    return load_needs() + load_needs(MORE_NEEDS)


@pytest.fixture(scope="module")
def results(conn):
    return {row["need"]: match_need(conn, row["need"]) for row in all_needs()}


def test_the_need_set_is_large_and_covers_most_areas():
    rows = load_needs()
    assert len(rows) >= 30
    assert len({row["area"] for row in rows}) >= 20
    # Division Ⅲ names no professors; every other row names one to expect.
    assert all(bool(row["professor"]) != row["area"].startswith("III-") for row in rows)


def test_area_ranking_on_the_need_set(results):
    rows = all_needs()
    first = {row["need"]: [a["id"] for a in results[row["need"]]["areas"]] for row in rows}
    hit1 = sum(first[row["need"]][:1] == [row["area"]] for row in rows) / len(rows)
    hit3 = sum(row["area"] in first[row["need"]][:3] for row in rows) / len(rows)
    misses = [(row["need"], row["area"], first[row["need"]]) for row in rows if first[row["need"]][:1] != [row["area"]]]
    assert hit1 >= 0.8, f"hit@1 {hit1:.3f}; {misses}"
    assert hit3 >= 0.95, f"hit@3 {hit3:.3f}; {misses}"


@pytest.mark.parametrize("row", [r for r in load_needs() if r["professor"]], ids=lambda r: r["need"][:30])
def test_the_expected_professor_is_listed(results, row):
    listed = {f"{p['institute']}:{p['name']}" for p in results[row["need"]]["professors"]}
    assert row["professor"] in listed


def _items(result: dict):
    yield from result["areas"]
    for area in result["areas"]:
        yield from area["candidates"]
    yield from result["professors"]
    yield from result["firms"]
    for items in result["evidence"].values():
        yield from items


def test_every_item_says_why_and_cites_an_existing_line(conn, results):
    lines = dict(conn.execute("SELECT id, line_count FROM document"))
    for result in list(results.values()) + [match_firm(conn, "㈜루미스탈")]:
        for item in _items(result):
            assert item["why"], item
            source = item["source"]
            assert 1 <= source["line"] <= lines[source["document"]], item


def test_a_need_explains_itself_with_the_words_that_matched(conn):
    result = match_need(conn, "전고체 배터리용 고체 전해질 양산 공정을 개발하려 합니다")
    first = result["areas"][0]
    assert first["id"] == "II-2"
    assert "고체 전해질" in first["why"]
    assert result["confidence"] == "high"
    # Firms of other documents working on solid-state batteries, not only the area's demand firms.
    assert {"파낙이스텍", "솔브레인"} <= {f["name"] for f in result["firms"]}
    assert any("전고체" in f["why"] and f["document"] != first["source"]["document"] for f in result["firms"])


def test_survey_signal_counts_firms_at_prototype_stage_or_beyond(conn):
    survey = match_need(conn, "전고체 배터리용 고체 전해질")["evidence"]["survey"]
    stage = next(s for s in survey if s["technology_id"] == "II-2" and s["measure"] == "개발 단계")
    # 시작품 40 + 제품화 14 + 사업화 2 of 174 firms (table Ⅶ-11, 배터리 전극 소재 및 고체 전해질 기술)
    assert (stage["category"], stage["value"], stage["total"]) == ("시작품 단계 이상", 56, 174)
    cooperation = next(s for s in survey if s["technology_id"] == "II-2" and s["measure"] == "협력 필요성")
    assert cooperation["value"] == pytest.approx(4.9)


def test_common_words_alone_give_low_confidence(conn):
    result = match_need(conn, "공정 기술 개발")
    assert result["confidence"] == "low"
    assert all(not t["distinctive"] for t in result["terms"])
    # Distinctive words decide against common ones: 채터 (chatter) is in one area, 공정/기술/개발 everywhere.
    assert match_need(conn, "공정 기술 개발 채터")["areas"][0]["id"] == "VI-2"


def test_sentence_endings_do_not_hurt(conn):
    assert need_words("고체 전해질을 양산하려고 합니다") == ["고체", "전해질", "양산"]
    plain = match_need(conn, "고체 전해질 양산")
    sentence = match_need(conn, "저희는 고체 전해질을 양산하려고 합니다")
    assert [a["id"] for a in sentence["areas"]] == [a["id"] for a in plain["areas"]]
    assert sentence["areas"][0]["score"] == pytest.approx(plain["areas"][0]["score"])


def test_an_english_need(conn):
    result = match_need(conn, "hydrogen tank for trucks")
    assert result["areas"][0]["id"] == "III-2"  # 고압 탱크: physical storage
    assert all(a["id"].startswith("III-") for a in result["areas"])


def test_match_firm_leads_to_the_dram_area_and_its_professors(conn):
    result = match_firm(conn, "㈜루미스탈")
    assert result["firm"]["name"] == "루미스탈"
    assert result["areas"][0]["id"] == "II-1"
    assert "수요 기업 후보" in result["areas"][0]["why"]
    professors = {f"{p['institute']}:{p['name']}" for p in result["professors"]}
    assert {"KAIST:김일두", "UNIST:조욱"} <= professors
    peers = {f["name"] for f in result["firms"]}
    assert "LG실트론" in peers and "㈜루미스탈" not in peers
    assert result["areas"][0]["candidates"]


@pytest.mark.parametrize("name", ["루미스탈", "(주)루미스탈", "루미스탈 주식회사"])
def test_match_firm_accepts_spellings(conn, name):
    assert match_firm(conn, name)["areas"][0]["id"] == "II-1"


def test_match_firm_of_a_companion_document(conn):
    result = match_firm(conn, "SK온")
    assert result["areas"][0]["id"] == "II-2"
    assert any("same topic" in f["why"] for f in result["firms"])


def test_unknown_firm_is_an_error_with_exit_1(conn):
    with pytest.raises(SmbstarError) as error:
        match_firm(conn, "없는회사이름")
    assert error.value.exit_code == 1
    assert "\n" not in error.value.message


def test_empty_need_is_a_usage_error(conn):
    with pytest.raises(SmbstarError):
        match_need(conn, "   ")


def test_result_is_json_ready(conn):
    result = match_need(conn, "VR 훈련용 햅틱 장갑")
    assert json.loads(json.dumps(result, ensure_ascii=False)) == result
    assert set(result) >= {"query", "areas", "professors", "firms", "evidence"}
    assert set(result["evidence"]) == {"markets", "milestones", "survey", "related_topics"}


@pytest.mark.parametrize("need, area", [("배러티 전해질", "II-2"), ("ㅂㅌㄹ", "II-2"), ("채터 진동", "VI-2")])
def test_short_needs_use_the_search_analysis(conn, need, area):
    """Typos (jamo) and 초성 are read as search reads them."""
    assert match_need(conn, need)["areas"][0]["id"] == area


def test_areas_after_the_first_come_close_to_it(results):
    for result in results.values():
        best = result["areas"][0]["score"]
        for area in result["areas"][1:]:
            assert area["distinctive"] and area["score"] >= 0.5 * best, (result["query"], area)


def test_the_first_five_professors_and_roadmap_firms_fit_the_need(results):
    """Of the first five professors and the roadmap firms listed, at least 90% belong to the need's area."""
    fitting = total = 0
    for row in all_needs():
        result = results[row["need"]]
        professors = result["professors"][:5]
        firms = [f for f in result["firms"] if re.match(r"[IV]+-\d ", f["technology"] or "")]
        fitting += sum(row["area"] in p["technology_ids"] for p in professors)
        fitting += sum(f["technology"].startswith(row["area"] + " ") for f in firms)
        total += len(professors) + len(firms)
    assert fitting / total >= 0.9, f"{fitting} of {total}"


def test_a_cheap_lidar_need_lists_only_lidar_people_and_no_battery_firms(conn):
    result = match_need(conn, "값싼 라이다 센서를 개발하고 싶습니다")
    assert [a["id"] for a in result["areas"]] == ["V-1"]
    assert {p["technology_ids"][0] for p in result["professors"]} == {"V-1"}
    assert not any("II-2" in (f["technology"] or "") for f in result["firms"])


@pytest.mark.parametrize("need, word", [("수소 저장 탱크를 가볍게 만들고 싶다", "탱크"),
                                        ("반도체 식각 공정의 문제를 해결하고 싶다", "문제")])
def test_a_companion_firm_needs_whole_word_distinctive_evidence(conn, need, word):
    for firm in match_need(conn, need)["firms"]:
        assert f"named with {word}" not in firm["why"] and f", {word}" not in firm["why"], firm


def test_generic_words_alone_give_a_short_low_confidence_answer(conn, database_path):
    result = match_need(conn, "기술 개발")
    assert result["confidence"] == "low"
    assert len(result["professors"]) <= 5 and len(result["firms"]) <= 5
    assert any(n["about"] == "confidence" for n in result["notes"])
    run = CliRunner().invoke(app, ["match", "기술", "개발", "--format", "tsv", "--header"])
    assert "low confidence" in run.stderr
    header, *rows = [line.split("\t") for line in run.stdout.splitlines()]
    assert all(row[header.index("confidence")] == "low" for row in rows)
    assert len(rows) < 30


def test_confidence_is_a_column_of_every_tabular_format(database_path):
    run = CliRunner().invoke(app, ["match", "전고체", "배터리", "--format", "csv", "--header"])
    header, first = list(csv.reader(run.stdout.splitlines()))[:2]
    assert first[header.index("confidence")] == "high"


def test_an_area_without_professors_says_so_and_points_to_the_nearest(conn):
    result = match_need(conn, "액상유기수소운반체(LOHC)에 수소를 저장하고 다시 꺼내는 촉매")
    assert result["areas"][0]["id"] == "III-3" and not result["professors"]
    note = next(n for n in result["notes"] if n["about"] == "professors" and n["technology_id"] == "III-3")
    # no staffed area is about hydrogen: pointing at one would send the user to the wrong professors
    assert note["why"] == "the roadmap names no professors for III-3; no area with professors is close to it"
    assert note["nearest"] is None
    result = match_need(conn, "반도체 웨이퍼 표면의 나노스케일 식각과 증착 공정")
    note = next(n for n in result["notes"] if n["about"] == "professors" and n["technology_id"] == "III-1")
    assert note["nearest"]["id"] == "II-3" and "nearest area with professors: II-3" in note["why"]


@pytest.mark.parametrize("word", ["재활용", "비용", "고용", "작용"])
def test_a_word_the_documents_print_keeps_its_last_syllable(conn, word):
    # 용 is the particle of 이차전지용, but 재활용 (recycling) is not 재활 (rehabilitation)
    from smbstar.search import known_word

    assert need_words(f"폐배터리 {word} 공정", known=lambda w: known_word(conn, w))[1] == word
    assert any(t["text"] == word for t in match_need(conn, f"폐배터리 {word} 공정")["terms"])


@pytest.mark.parametrize("need", ["수소 저장 탱크 복합재", "고압 수소탱크 라이너 소재", "액체수소 저장 탱크 단열"])
def test_a_topic_names_a_need_only_with_whole_words(conn, need):
    # 탱크 stands in 싱크탱크 (think tank) of 002's quantum policy reports, never as a word of its own
    result = match_need(conn, need)
    for topic in result["evidence"]["related_topics"]:
        assert "양자" not in topic["title"], topic


@pytest.mark.parametrize("need", ["저가형 라이다 성능 향상", "촉각 디스플레이 성능 향상 방안", "음성 인식 정확도 개선 방법"])
def test_companion_firms_need_more_than_common_words_of_the_need(conn, need):
    # 성능, 향상, 개선 are rare enough to count, but a firm named only with them is not about the need
    result = match_need(conn, need)
    lead = result["areas"][0]["id"]
    for firm in result["firms"]:
        named = firm["why"].split("named with ", 1)[-1].split(" (")[0] if "named with" in firm["why"] else ""
        assert not named or set(named.split(", ")) - {"성능", "향상", "개선", "방법", "정확도"}, (lead, firm)


@pytest.fixture(scope="module")
def heldout_results(conn):
    return [(row["areas"].split("|"), match_need(conn, row["need"])) for row in load_needs(HELDOUT_NEEDS)]


def test_held_out_needs_rank_a_fitting_area_first(heldout_results):
    assert len(heldout_results) >= 30
    misses = [(r["query"], fits, [a["id"] for a in r["areas"]]) for fits, r in heldout_results
              if not r["areas"] or r["areas"][0]["id"] not in fits]
    assert 1 - len(misses) / len(heldout_results) >= 0.8, misses


def test_held_out_needs_list_people_and_firms_of_fitting_areas(heldout_results):
    fitting = total = 0
    for fits, result in heldout_results:
        professors = result["professors"][:5]
        firms = [f for f in result["firms"] if re.match(r"[IV]+-\d ", f["technology"] or "")]
        fitting += sum(any(area in p["technology_ids"] for area in fits) for p in professors)
        fitting += sum(any(f["technology"].startswith(area + " ") for area in fits) for f in firms)
        total += len(professors) + len(firms)
    assert fitting / total >= 0.9, f"{fitting} of {total}"


@pytest.mark.parametrize("need, area", [("폐배터리 재활용 공정", "II-2"), ("폐배터리 재활용", "II-2"),
                                        ("생성형 AI 데이터 라벨링", "V-4")])
def test_companion_topics_linked_to_an_area_count_for_it(conn, need, area):
    """폐배터리 stands only in companion reports the build linked to II-2; one 재활용 in V-4's definition must not
    outweigh them."""
    assert match_need(conn, need)["areas"][0]["id"] == area


@pytest.mark.parametrize("need, area", [
    ("고객 주문에 맞춰 소량 생산하고 제품 표면 결함을 검사하는 시스템이 필요합니다", "VI-4"),
    ("음성 비서 대화 시스템", "V-3"),
])
def test_words_in_an_areas_title_outweigh_the_same_rarity_scattered_in_others_text(conn, need, area):
    """고객, 표면, 생산 name VI-4 in its title; 결함 in II-3's definition and 맞춰 in a passage must not win."""
    assert match_need(conn, need)["areas"][0]["id"] == area

