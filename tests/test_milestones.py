"""단계별 기술 개발 마일스톤: stated milestones, curated ones, and figure-only areas."""

import json
import re
from collections import Counter

import pytest
from typer.testing import CliRunner

from smbstar.cli import app
from smbstar.errors import BuildError
from smbstar.ingest.roadmap.milestones import parse_milestones
from smbstar.ingest.targets import has_content
from smbstar.korean import compact

FIGURE_ONLY = {
    "II-1": (1663, "[그림 Ⅱ-7] 단계별 기술개발 마일스톤"),
    "II-2": (2358, "[그림 Ⅱ-11] 단계별 기술개발 마일스톤"),
    "II-3": (2790, "[그림 Ⅱ-16] 단계별 기술 개발 마일스톤"),
    "III-1": (3141, "[그림 Ⅲ-3] 단계별 기술 개발 마일스톤"),
    "III-2": (3350, "[그림 Ⅲ-6] 단계별 기술 개발 마일스톤"),
    "III-3": (3579, "[그림 Ⅲ-10] 단계별 기술 개발 마일스톤"),
    "III-4": (3765, "[그림 III-12] 단계별 기술 개발 마일스톤"),
    "IV-3": (7350, "[그림 Ⅳ-33] 단계별 기술 개발 마일스톤"),
    "V-1": (7886, "[그림 Ⅴ-3] 저가형 라이더의 성능 향상을 위한 카메라 영상 기반 3D 보정 기술"),
    "V-2": (8106, "[그림 Ⅴ-6] 빅데이터 기반의 개인 맞춤형 콘텐츠 자동 추천서비스 기술 진행 로드맵"),
    "V-3": (8310, "[그림 Ⅴ-10] 음성 인식을 활용한 대화형 인터페이스 기술 진행 로드맵"),
    "V-4": (8559, "[그림 Ⅴ-13] 추상적인 자연 언어 데이터를 해석하는 자연어 처리 기술 진행 로드맵"),
    "V-5": (8841, "[그림 Ⅴ-15] AR/VR 환경의 촉감 정보 전달을 극대화하는 촉각 디스플레이 기술 진행 로드맵"),
    "VI-1": (9694, "[그림 Ⅵ-11] 금형 사상 가공 및 장비 기술 로드맵"),
    "VI-2": (9698, "[그림 Ⅵ-12] 금형 가공 최적화 및 모니터링 기술 로드맵"),
    "VI-3": (9703, "[그림 Ⅵ-13] 신뢰성 높은 강건 생산 설계 및 시스템 기술 로드맵"),
    "VI-4": (9699, "[그림 Ⅵ-14] 고객 수요 맞춤형 생산 및 표면처리 기술 로드맵"),
    "VI-5": (9710, "[그림 Ⅵ-15] 초정밀 비손상/비오염 유연 생산 및 제조 장비 기술 로드맵"),
    "VI-6": (9714, "[그림 Ⅵ-16] 스마트 소자 필름용 소자 제조 장비 기술 로드맵"),
}


@pytest.fixture(scope="module")
def milestones(roadmap, areas):
    return parse_milestones(roadmap, areas)


def of(milestones, technology_id):
    return [m for m in milestones if m.technology_id == technology_id]


def test_counts_per_area(milestones):
    expected = {identifier: 1 for identifier in FIGURE_ONLY} | {"IV-1": 8, "IV-2": 38, "IV-4": 3}
    assert Counter(m.technology_id for m in milestones) == expected


@pytest.mark.parametrize("technology_id", sorted(FIGURE_ONLY))
def test_figure_only_area_has_one_row_with_its_caption(milestones, technology_id):
    [row] = of(milestones, technology_id)
    assert row.figure_only and not row.milestone and not row.period
    assert (row.line, row.caption) == FIGURE_ONLY[technology_id]


def test_stated_milestones_are_not_figure_only(milestones):
    assert not any(m.figure_only for m in milestones if m.technology_id in ("IV-1", "IV-2", "IV-4"))


def test_every_cited_line_holds_its_caption_or_milestone(roadmap, milestones):
    for milestone in milestones:
        cited = compact(roadmap.line(milestone.line))
        if milestone.figure_only:
            assert compact(milestone.caption) in cited, milestone
        else:
            assert compact(milestone.milestone.split()[0]) in cited, milestone
            assert milestone.line <= milestone.end_line


def test_fnirs_plan_by_year_as_printed(milestones):
    rows = of(milestones, "IV-4")
    assert [(m.period, m.line) for m in rows] == [("1차년도", 7589), ("2차년도", 7593), ("2차년도", 7597)]
    assert rows[0].milestone == "fNIRS를 이용한 뇌혈관 및 뇌신경망의 네트워크 연결성 분석 및 분석 플랫폼 개발"
    assert rows[2].milestone == "뇌질환(우울증) 조기 진단을 위한 AI 기술 고도화 및 시제품 개발"
    assert all(m.year is None for m in rows)


def test_microrobot_schedule_table(milestones):
    rows = [m for m in of(milestones, "IV-1") if m.caption.startswith("<표 Ⅳ-5>")]
    assert [(m.period, m.milestone) for m in rows] == [
        ("1차년도", "전자기장 코일 제작"),
        ("1차년도", "전류제어시스템 제작"),
        ("1차년도", "통합시스템 제작 (소프트웨어 포함)"),
        ("1차년도", "시스템 평가"),
        ("1차년도", "시스템 최적화"),
        ("2차년도", "중형 자기장 시스템 통합 및 시스템 고도화"),
        ("3차년도", "중형 자기장 시스템 안전성 및 성능평가"),
    ]
    assert (rows[2].line, rows[2].end_line) == (4471, 4473)


def test_microrobot_trl_target(milestones):
    [trl] = [m for m in of(milestones, "IV-1") if "TRL" in m.milestone]
    assert (trl.period, trl.line) == ("연구개발 이후", 4450)


def test_biosimilar_stages_with_years_and_budgets(milestones):
    stages = [(m.period, m.year, m.milestone) for m in of(milestones, "IV-2") if m.caption.startswith("[그림 Ⅳ-25]") and m.stage]
    assert stages == [
        ("~2021", 2021, "후보물질 활성기전 연구 (10억원)"),
        ("2022", 2022, "후보물질 효능검증 (10억원)"),
        ("2023", 2023, "안전성 평가 임상 (40억원)"),
        ("2025", 2025, "안전성 및 효능 임상 (>350억원)"),
        ("~2028", 2028, "약물효과 확증 임상 (>950억원)"),
        ("2028~", 2028, "신약 출시"),
    ]


def test_biosimilar_yearly_tables(milestones):
    rows = of(milestones, "IV-2")
    support = [(m.period, m.milestone.split(":")[0]) for m in rows if m.caption.startswith("<표 Ⅳ-14>")]
    assert support == [("2021년", "Discovery 완성"), ("2021년", "GLP 시설 구축"), ("2022년", "전임상 시험")]
    phases = [(m.period, m.year) for m in rows if m.caption.startswith("<표 Ⅳ-15>") and m.line >= 6092]
    assert phases == [
        ("사업화 초기 (2019년 ~ 2021년)", 2019),
        ("성장기 I (2022년 ~ 2025년)", 2022),
        ("성장기 II (2026년 ~ 2028년)", 2026),
        ("확장기 (2028년 이후)", 2028),
    ]


def test_every_cell_of_the_biosimilar_plan_has_its_column(milestones):
    rows = of(milestones, "IV-2")
    assert all(m.period and m.year for m in rows)
    placed = {m.milestone: (m.period, m.year) for m in rows}
    assert placed["IND 파일링"] == ("성장기 I (2022년 ~ 2025년)", 2022)
    assert placed["라이선스 아웃 (프로젝트 기술수출)"] == ("2025", 2025)
    assert placed["GMP 인증 및 양산설비 구축"] == ("성장기 II (2026년 ~ 2028년)", 2026)
    assert placed["후속 라이선스 아웃 추진"] == ("확장기 (2028년 이후)", 2028)


@pytest.mark.parametrize(
    "row, error",
    [
        ("IV-2,2022,신약 출시,,,,000_ad982b00eef8a1f3.txt,5830,5830,", ".*:5830 does not hold '신약'"),
        ("IV-2,2022,후보물질 효능검증,,,,000_ad982b00eef8a1f3.txt,5833,5800,", "end_line 5800"),
        ("IV-2,2022,후보물질 효능검증,전임상 시험,70억원,,000_ad982b00eef8a1f3.txt,5833,5845,",
         "budget '70억원' is not printed in 5833-5845"),
    ],
)
def test_a_curated_row_must_cite_what_it_states(roadmap, areas, tmp_path, row, error):
    path = tmp_path / "milestones.csv"
    header = "technology_id,period,milestone,stage,budget,caption,document,line,end_line,note"
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    with pytest.raises(BuildError, match=f"milestones.csv row 2: {error}"):
        parse_milestones(roadmap, areas, path)


# --- the timeline of every document (issue 13) -------------------------------------------------------------------


def milestone_rows(conn, where: str, params=()) -> list[dict]:
    rows = conn.execute(
        "SELECT document, line, end_line, period, year, milestone, actor, stage, budget, technology_id"
        f" FROM milestone WHERE {where} ORDER BY year, line, id", params,
    )
    names = [column[0] for column in rows.description]
    return [dict(zip(names, row)) for row in rows]


def test_a_sentence_with_two_dates_is_two_targets_each_with_its_own_text(conn):
    """003:290 `식품안전 국가인증제도 개발('21) 및 국제인증화 추진('22)`."""
    targets = milestone_rows(conn, "document LIKE '003%' AND line = 290")
    assert [(t["year"], t["period"]) for t in targets] == [(2021, "'21"), (2022, "'22")]
    assert targets[0]["milestone"].endswith("식품안전 국가인증제도 개발('21)")
    assert "국제인증화 추진('22)" in targets[1]["milestone"] and "개발('21)" not in targets[1]["milestone"]
    plans = milestone_rows(conn, "document LIKE '003%' AND line = 755")
    assert [p["milestone"] for p in plans] == [
        "(활용목적별 서비스 제공) 기업, 연구자 등에게 데이터 제공('22.末)",
        "자체모델 개발이 어려운 중소기업에 AI 표준모델 소스코드를 개방('23.末)",
    ]


def test_no_target_repeats_its_text(conn):
    repeated = conn.execute(
        "SELECT document, milestone, count(*) FROM milestone WHERE milestone != ''"
        " GROUP BY document, milestone HAVING count(*) > 1"
    ).fetchall()
    assert repeated == []


def test_the_actor_of_a_target(conn):
    """002:4723 `양산(‘25,‘26, LGES), 한국 4680배터리 ... 양산 예정(’23, LGES)`; 002:7013 `일본은 ...`."""
    lges = milestone_rows(conn, "document LIKE '002%' AND line = 4723")
    assert [(t["year"], t["actor"]) for t in lges] == [(2023, "LGES"), (2025, "LGES")]
    assert {t["actor"] for t in milestone_rows(conn, "document LIKE '002%' AND line = 7013")} == {"일본"}
    assert {t["actor"] for t in milestone_rows(conn, "document LIKE '001%' AND line = 3735")} == {"LG에너지솔루션"}


def test_a_figure_cell_and_its_date_is_a_market_figure_not_a_target(conn):
    """002:5356-5382, the table 투자예산 / 인력 양성 by ’10, ’21, ’23: `1조원 (’30년까지)` says nothing of what is
    planned without its row label, so it is no target; the amount is a market figure quoted with the label. A cell
    that names what it funds (`5,000억원 정책펀드 (’30년 까지)`) stays a target."""
    cells = milestone_rows(conn, "document LIKE '002%' AND line BETWEEN 5356 AND 5383")
    assert [(c["line"], c["milestone"], c["year"]) for c in cells] == [(5374, "5,000억원 정책펀드 (’30년 까지)", 2030)]
    (quote,) = conn.execute("SELECT quote FROM marketfigure WHERE document LIKE '002%' AND line = 5362").fetchone()
    assert quote == "투자예산 (정부 투자 예산만 추출): 1조원 (’30년까지)"


def test_no_target_is_only_its_dates_figures_or_stage(conn):
    """A date-only fragment (`(’30년까지)`) or a stage label with its period (003:576 `3단계('23~'27)`) is joined to
    its content or dropped; 003:575, the sentence that names 2단계('21~'22), stays."""
    bare = [t for t in milestone_rows(conn, "milestone != ''")
            if not re.search(r"[가-힣A-Za-z]{2}", re.sub(r"까지|년|이후|이전|부터|[’‘']\d+", "", t["milestone"]))]
    assert bare == []
    assert all(has_content(t["milestone"], []) for t in milestone_rows(conn, "milestone != ''"))
    assert milestone_rows(conn, "document LIKE '003%' AND line = 576") == []
    assert [t["period"] for t in milestone_rows(conn, "document LIKE '003%' AND line = 575")] == ["'21~'22"]


@pytest.mark.parametrize(
    "document, line",
    [
        ("002", 514),   # `애플 임베디드 코어 일부 AR에서 RISC-V 활용 추진(’22.09)`, a firm's move of 2022
        ("002", 1806),  # the same case in the appendix table
        ("002", 4979),  # `(파나소닉, 닛산, 혼다 등) 지원계획 발표(’22)`
        ("002", 5686),  # `(獨) ... 「양자기술 국가 실행 계획(‘23.4.)」발표`, before the report (2023-12)
        ("002", 6755),  # `국가별 양자기술 육성 정책 수립 시기 : 영국·러시아·이스라엘(‘19), ...`
        ("002", 7086),  # `과기정통부의 「대한민국 양자과학기술 비전(‘23.6.)」을 통해 ...`
        ("002", 838),   # `2015년부터 스타트업(...) 출범하였으나, ... 현재 하향 중`
        ("002", 2184),  # `AI칩 개발 촉진을 위한 혁신 추진(’18~’22)`, a programme over before the report
        ("002", 5345),  # `(인력양성 계획) ‘10~‘23년 인력양성계획 16배 증가`, a change measured, no target
        ("002", 6743),  # `민간투자는 ‘11년을 기점으로 ’21년까지 약 200% 이상 증가 후 ...`
        ("003", 958),   # `소부장 특화단지 지정('21.1)된 지역과 연계하여 ...` in the brief of 2021-03
        ("002", 2841),  # `(’23 개발 및 양산 계획)`, a table's column heading, not a target
    ],
)
def test_a_past_event_or_a_heading_is_no_target(conn, document, line):
    assert milestone_rows(conn, "document LIKE ? AND line = ?", (f"{document}%", line)) == []


def test_a_target_is_dated_by_its_date_still_ahead(conn):
    """002:1170 `’20년 인텔 다롄공장 인수(…, ’25년 완료 예정)` plans 2025; 002:2698 `(’22년 5,000억 원 시작 → ’27년까지
    총 2.8조 원, ...)` runs to 2027."""
    def dated(line):
        return [(t["year"], t["period"]) for t in milestone_rows(conn, "document LIKE '002%' AND line = ?", (line,))]

    assert dated(1170) == [(2025, "’25년")]
    assert dated(2698) == [(2027, "’27년까지")]


def test_a_target_broken_after_a_particle_runs_on_into_its_next_line(conn):
    """002:5889 `’33년까지 모든 기업은 ... 관련 기업의` / `75%가 양자컴퓨팅의 도래에 대비하기 위한 조치 예정`."""
    (target,) = milestone_rows(conn, "document LIKE '002%' AND line = 5889")
    assert (target["end_line"], target["year"]) == (5891, 2033)
    assert target["milestone"].endswith("관련 기업의 75%가 양자컴퓨팅의 도래에 대비하기 위한 조치 예정")


def test_a_labelled_series_is_one_target_per_date_still_ahead(conn):
    """003:316 `동영상 제작계획(코트라, 편) : ('19) 15 → ('20) 19 → ('21) 200 → ('25) 2,000` in a brief of 2021-03:
    the counts of '19 and '20 are past figures; '21 and '25 are targets, each with the label. 003:673 `예산 2배 확대 :
    ('17) 1.26 → ('21) 2.35 → ('22 목표) 2.52조원`: the '21 budget is the level reached (no 계획 or 목표), '22 the target."""
    def series(line):
        return [(t["year"], t["milestone"]) for t in milestone_rows(conn, "document LIKE '003%' AND line = ?", (line,))]

    assert series(316) == [(2021, "* 해외시장뉴스 동영상 제작계획(코트라, 편) : ('21) 200"),
                           (2025, "* 해외시장뉴스 동영상 제작계획(코트라, 편) : ('25) 2,000")]
    assert series(673) == [(2022, "* 기초연구사업 예산 2배 확대 : ('22 목표) 2.52조원")]


def test_an_item_label_inside_a_line_ends_the_part_before_it(conn):
    """003:290 `... 국제인증화 추진('22) 친환경차 : 미래차 전환 ...`: 친환경차's undated item is not part of the '22
    target."""
    targets = milestone_rows(conn, "document LIKE '003%' AND line = 290")
    assert targets[-1]["milestone"] == "* (예) 농수산식품 : 국제인증화 추진('22)"


def test_iv2_staged_plan_with_stages_periods_and_budgets(conn):
    stages = milestone_rows(conn, "technology_id = 'IV-2' AND stage != ''")
    assert [(s["stage"], s["period"], s["budget"]) for s in stages] == [
        ("Target selection", "~2021", "10억원"),
        ("전임상 시험", "2022", "10억원"),
        ("1상 임상", "2023", "40억원"),
        ("2상 임상", "2025", ">350억원"),
        ("3상 임상", "~2028", ">950억원"),
        ("출시", "2028~", ""),
    ]


def test_iv2_five_year_target_carries_its_printed_budget(conn):
    """000:5881 `사업화 추진 5년 내(2023년 이전) ... 1상 연구를 종료할 계획이며, 소요 비용은 약 80억원 이내로 예상함`."""
    (row,) = milestone_rows(conn, "technology_id = 'IV-2' AND line = 5881")
    assert (row["year"], row["budget"]) == (2023, "약 80억원 이내")


def test_plan_years_of_iv1_and_iv4_are_their_stages(conn):
    iv1 = milestone_rows(conn, "technology_id = 'IV-1' AND stage != ''")
    assert [s["stage"] for s in iv1] == ["1차년도"] * 5 + ["2차년도", "3차년도"]
    iv4 = milestone_rows(conn, "technology_id = 'IV-4'")
    assert [s["stage"] for s in iv4] == ["1차년도", "2차년도", "2차년도"]


def test_milestones_are_a_timeline(database_path):
    result = CliRunner().invoke(app, ["milestones", "--document", "002", "--format", "json"])
    years = [m["year"] for m in json.loads(result.stdout)]
    dated = [y for y in years if y is not None]
    assert dated == sorted(dated) and years[: len(dated)] == dated
    table = CliRunner().invoke(app, ["milestones", "--tech", "IV-2", "--format", "table", "--no-color"],
                               env={"COLUMNS": "200"})
    assert table.exit_code == 0
    lines = table.stdout.splitlines()
    assert lines.index("2019") < lines.index("2021") < lines.index("2022") < lines.index("2028")
    assert "연도 없음 (undated)" not in lines
    assert any("Target selection" in line and "10억원" in line for line in lines)
    plan_years = CliRunner().invoke(app, ["milestones", "--tech", "IV-1", "--format", "table", "--no-color"],
                                    env={"COLUMNS": "200"}).stdout.splitlines()
    assert plan_years[0] == "연도 없음 (undated)" and plan_years[2].startswith("1차년도")


@pytest.mark.parametrize(
    "document, line, actor",
    [
        ("002", 4771, "SK온"),  # `본격 양산(‘29)(SK온)`
        ("002", 3062, "SK온"),  # `(SK온) 황화물계 시제품 개발('25)`
        ("002", 1170, "SK하이닉스"),  # `SK하이닉스는 ’20년 인텔 다롄공장 인수(…, ’25년 완료 예정)`, a firm the report names
        ("002", 3586, "포스코, 고려아연"),  # `포스코, 고려아연 등 국내 후발 업체들 경우 ’23~’24년 양산 예정`
        ("003", 731, "4대 소재기관"),  # `상호 호환연계 추진(4대 소재기관, ~'21.9)`
        ("002", 2160, "유럽"),  # `∙ 유럽의 최첨단 반도체 생산 점유율을’30년까지 ... 20%까지 확대`, a country after a bullet
        ("003", 159, "정부, 이통 3사"),  # `정부와 이통 3사는 2022년 5G 전국망 완성을 목표.`: both subjects act
        ("002", 4773, "삼성SDI"),  # `... 양상기술확보(‘23), 양산(‘27)(삼성` / `SDI)`: a name broken by the line
        ("003", 89, "주오대"),  # `주오대는 ... 2021년 4월부터 ... 실시 예정`
        ("003", 575, "산업통상자원부"),
        ("003", 74, "OneWeb"),  # a plan in OneWeb's row of a 기업 | 현황 table
        ("003", 95, "오사카 공업대학"),  # the whole name of a subject printed in two words
        ("003", 316, "코트라"),  # `동영상 제작계획(코트라, 편)`: an agency named without a suffix that says so
        ("003", 328, "코트라"),  # `수출지원센터 신설(3월, 코트라)`
    ],
)
def test_actor_named_by_the_text(conn, document, line, actor):
    actors = {t["actor"] for t in milestone_rows(conn, "document LIKE ? AND line = ?", (f"{document}%", line))}
    assert actor in actors


def test_a_bare_month_or_half_is_a_date_of_the_issue_s_year_and_ends_its_item(conn):
    """003:292 `… 협력유통망 2배 확대('21, 122개), … K-뷰티 체험홍보관 신설(9월) 등`; 003:330 `온라인GP 전용관 구축(上)
    → 글로벌 매칭 … 지원 * … GP센터 확충(現 7개 → '21, 10개)`: a footnote mark opens an item of its own."""
    rows = conn.execute(
        "SELECT line, period, date, milestone FROM milestone WHERE document LIKE '003%' AND line IN (292, 330)"
        " ORDER BY line, id"
    ).fetchall()
    assert [row[:3] for row in rows] == [
        (292, "'21", "2021"), (292, "9월", "2021-09"), (330, "上", "2021"), (330, "'21", "2021"),
    ]
    assert rows[1][3].endswith("K-뷰티 체험홍보관 신설(9월) 등")
    assert rows[2][3] == "온라인GP 전용관 구축(上) → 글로벌 매칭 및 비대면 실사 지원"
    assert rows[3][3].startswith("* 반도체·미래차 등 첨단분야 GP센터 확충")


def test_a_trade_group_is_an_actor_and_an_event_date_no_target(conn):
    """003:162 `2022년부터 로밍 방식으로 이통 3사가 기지국 공동 구축 계획`, 002:2998 `(배터리 3사, '21)`: the firms of a
    trade taken together act; 003:694 and 003:795 `일시·장소 : '21.3.16(화) 14:00, ...` date a meeting, not a target."""
    actors = dict(conn.execute(
        "SELECT document || ':' || line, actor FROM milestone WHERE (document LIKE '003%' AND line = 162)"
        " OR (document LIKE '002%' AND line = 2998)"
    ).fetchall())
    assert actors == {"003_84ef62de625763dd.txt:162": "이통 3사", "002_e64dba568495b49d.txt:2998": "배터리 3사"}
    events = conn.execute(
        "SELECT count(*) FROM milestone WHERE document LIKE '003%' AND line IN (694, 795)"
    ).fetchone()[0]
    assert events == 0


def test_a_market_forecast_is_no_target(conn):
    """002:2115 `2025년 1500억 달러까지 성장할 것으로 전망` forecasts a market; 002:3060 `황화물계('30) 전고체 배터리
    출시 예정` plans."""
    lines = {line for (line,) in conn.execute("SELECT line FROM milestone WHERE document LIKE '002%'")}
    assert 2115 not in lines and 3060 in lines


@pytest.mark.parametrize("line", [3003, 2904, 4791])
def test_what_the_report_s_own_year_has_done_is_no_target(conn, line):
    """002:3003 `(LGES, '23) 실리콘 음극재 7% 적용, 퓨어실리콘 R&D 착수`, 002:4791 `양산(’23)`: the 2023 report records
    them, it plans nothing (no 예정, 계획, 목표, 까지)."""
    rows = conn.execute("SELECT 1 FROM milestone WHERE document LIKE '002%' AND line = ?", (line,)).fetchall()
    assert rows == []


def test_two_dates_of_one_target_are_its_period(conn):
    """002:4723 `ESS용 파우치형 LFP 공장신설 및 양산(‘25,‘26, LGES)`: both dates, not the first only."""
    rows = conn.execute(
        "SELECT period, year FROM milestone WHERE document LIKE '002%' AND line = 4723 AND milestone LIKE '%LFP%'"
    ).fetchall()
    assert [tuple(r) for r in rows] == [("‘25,‘26", 2025)]


@pytest.mark.parametrize("line, actor", [(5889, "영국"), (5869, "영국"), (5979, "독일")])
def test_a_target_under_a_country_s_strategy_is_that_country_s(conn, line, actor):
    """002:5847 `영국 「국가 양자 전략(..., ‘23.3.)」` heads the table of its targets (`’33년까지 모든 기업은 ...`)."""
    (row,) = conn.execute("SELECT actor FROM milestone WHERE document LIKE '002%' AND line = ?", (line,)).fetchall()
    assert row[0] == actor


@pytest.mark.parametrize("document, line", [
    ("002", 2136),  # `AI Next 프로그램 ... R&D 추진(’18.09~)` in the report of 2023-12
    ("002", 2137),  # `실시간 머신러닝(RTML) 프로젝트 3년간 추진(’19.03~)`
    ("003", 975),  # `부품기업 사업재편지원단('20~, 산업부)을 통한 관련기업 지원` in the brief of 2021-03
    ("003", 1039),  # `장비 활용도 제고 장려('20~)`
])
def test_an_open_period_begun_before_the_year_of_publication_is_a_running_programme(conn, document, line):
    rows = conn.execute("SELECT 1 FROM milestone WHERE document LIKE ? AND line = ?", (f"{document}%", line))
    assert rows.fetchall() == []


def test_an_open_period_from_the_year_of_publication_on_is_a_target(conn):
    """002:1275 `국산 AI반도체 특화 시스템SW 개발 지원 추진(’23~)` in the report of 2023-12."""
    rows = conn.execute("SELECT year FROM milestone WHERE document LIKE '002%' AND line = 1275").fetchall()
    assert rows == [(2023,)]


def test_a_deadline_keeps_its_until(conn):
    """002:2602 `반도체 전문인력 양성(’31년까지 15만명+α)`: the period is printed `’31년까지`, curly quote or not."""
    rows = conn.execute("SELECT period, year FROM milestone WHERE document LIKE '002%' AND line = 2602").fetchall()
    assert rows == [("’31년까지", 2031)]


def test_this_year_is_the_issue_s_year_and_two_steps_are_two_targets(conn):
    """003:374 `➔ 금년 내 예비타당성조사 등 관련절차를 조속히 추진하여 '24년에는 바이오 벤처기업이 입주할 수 있도록`:
    금년 is 2021 in the issue of 2021-03, and each step keeps its own date."""
    rows = conn.execute(
        "SELECT year, milestone FROM milestone WHERE document LIKE '003%' AND line = 374 ORDER BY year"
    ).fetchall()
    assert [(year, text.split()[-1]) for year, text in rows] == [(2021, "추진하여"), (2024, "추진")]
