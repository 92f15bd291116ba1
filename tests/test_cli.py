"""The commands as a user runs them: exact outputs, formats and exit codes, on the real database."""

import json

import pytest
from typer.testing import CliRunner

from smbstar.cli import app

ROADMAP = "000_ad982b00eef8a1f3.txt"


@pytest.fixture
def run(database_path):
    runner = CliRunner()

    def invoke(*args, **kwargs):
        return runner.invoke(app, list(args), **kwargs)

    return invoke


def as_json(result):
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_tech_list_shows_22_areas_in_5_divisions(run):
    areas = as_json(run("tech", "list", "--format", "json"))
    assert len(areas) == 22
    assert sorted({a["division"] for a in areas}) == ["II", "III", "IV", "V", "VI"]
    assert [a["id"] for a in areas if a["division"] == "VI"] == [f"VI-{n}" for n in range(1, 7)]


def test_tech_list_filters_by_division(run):
    areas = as_json(run("tech", "list", "--division", "Ⅲ", "--format", "json"))
    assert [a["id"] for a in areas] == ["III-1", "III-2", "III-3", "III-4"]


def test_professors_of_the_battery_area(run):
    people = as_json(run("professors", "--tech", "이차전지", "--format", "json"))
    assert len(people) == 10
    by_name = {p["name"]: p for p in people}
    assert by_name["김일두"]["institute"] == "KAIST" and by_name["김일두"]["email"] == "idkim@kaist.ac.kr"
    assert by_name["조욱"]["institute"] == "UNIST" and by_name["조욱"]["email"] == "wookjo@unist.ac.kr"
    assert {p["technology"] for p in people} == {"이차전지용 핵심소재 및 제품"}
    assert all(set(p) >= {"name", "institute", "title", "email", "technology", "source"} for p in people)


def test_professors_filter_by_institute_and_fuzzy_tech(run):
    people = as_json(run("professors", "--tech", "고체전해질", "--institute", "KAIST", "--format", "json"))
    assert {p["name"] for p in people} == {"김일두", "조은애", "김경민", "강기범", "홍승범"}


def test_malformed_email_is_corrected_and_the_printed_one_kept(run):
    people = as_json(run("professors", "--tech", "IV-4", "--format", "json"))
    choi = next(p for p in people if p["name"] == "최지웅")
    assert choi["email"] == "jwchoi@dgist.ac.kr"
    assert choi["email_printed"] == "jwchoi@dgist@ac.kr"


def test_firms_of_the_dram_area(run):
    firms = as_json(run("firms", "--tech", "DRAM", "--format", "json"))
    assert [f["name"] for f in firms] == ["삼성코닝(주)", "LG실트론", "루미지엔텍(주)", "㈜루미스탈"]
    assert firms[0]["source"] == {"document": ROADMAP, "line": 1698}


def test_survey_development_stage_of_the_battery_technology(run):
    rows = as_json(run("survey", "--tech", "배터리", "--measure", "개발 단계", "--format", "json"))
    values = {r["category"]: r["value"] for r in rows}
    assert values == {"기초 연구 단계": 71, "실험 단계": 47, "시작품 단계": 40, "제품화 단계": 14,
                      "사업화 단계": 2, "전체": 174}


@pytest.mark.parametrize("name, expected", [("배터리", "II-2"), ("dram", "II-1"), ("고체전해질", "II-2"),
                                            ("II-3", "II-3"), ("NAND 핵심소재 및 제품", "II-3")])
def test_tech_names_resolve(run, name, expected):
    card = as_json(run("tech", "show", name, "--format", "json"))
    assert card["id"] == expected


HYDROGEN = ["III-2", "III-3", "III-4"]


def test_a_name_that_fits_several_areas_selects_them_all_in_list_commands(run):
    result = run("survey", "--tech", "수소", "--format", "json")
    assert result.exit_code == 0
    note = result.stderr.strip()
    assert note.startswith("smbstar: --tech '수소' fits 3 areas, all shown: ") and "\n" not in note
    assert all(area in note for area in HYDROGEN)
    rows = json.loads(result.stdout)
    assert {area for row in rows for area in row["technology_ids"].split("|")} >= set(HYDROGEN)
    markets = as_json(run("markets", "--tech", "수소", "--format", "json"))
    assert {m["technology_id"] for m in markets} == set(HYDROGEN)


def test_tech_show_with_a_name_of_several_areas_lists_them_and_exits_2(run):
    result = run("tech", "show", "수소")
    assert result.exit_code == 2
    assert result.stdout == ""
    # one line, as every error: the candidates after "name one:", separated by "; "
    assert result.stderr.count("\n") == 1
    named = result.stderr.split("name one: ", 1)[1].split("; ")
    assert [area.split()[0] for area in named] == ["III-3", "III-2", "III-4"]


def test_an_area_without_professors_names_the_nearest_area_that_has_them(run, conn):
    from smbstar.queries import nearest_area_with_professors

    result = run("professors", "--tech", "III-1")
    assert result.exit_code == 1
    assert result.stderr == ("smbstar: the roadmap names no professors for III-1 반도체공정: 나노스케일 표면 처리 기술; "
                             "nearest area with professors: II-3 NAND 핵심소재 및 제품 (smbstar professors --tech II-3)\n")
    assert nearest_area_with_professors(conn, "III-1")["why"].startswith("식각 in")
    card = as_json(run("tech", "show", "III-1", "--format", "json"))
    assert card["professors"] == [] and card["nearest_area_with_professors"]["id"] == "II-3"


@pytest.mark.parametrize("area", HYDROGEN)
def test_a_hydrogen_area_is_pointed_at_no_area_that_merely_mentions_hydrogen(run, conn, area):
    # 수소 stands in II-3's passages only inside 불화수소 (hydrogen fluoride, an etchant); no staffed area is about
    # hydrogen, so none is offered.
    from smbstar.queries import nearest_area_with_professors

    assert nearest_area_with_professors(conn, area) is None
    result = run("professors", "--tech", area)
    assert result.exit_code == 1
    assert result.stderr.endswith("; no area with professors is close to it\n")
    card = as_json(run("tech", "show", area, "--format", "json"))
    assert card["professors"] == [] and card["nearest_area_with_professors"] is None


def test_pipe_default_is_tsv_without_header(run):
    result = run("firms", "--tech", "II-1")
    assert result.exit_code == 0
    first = result.stdout.splitlines()[0].split("\t")
    assert first[0] == "삼성코닝(주)" and first[7] == f"{ROADMAP}:1698"
    assert len(result.stdout.splitlines()) == 4


def test_tsv_header_and_csv(run):
    tsv = run("firms", "--tech", "II-1", "--format", "tsv", "--header").stdout.splitlines()
    keys = "name firm firm_id role opinion technology_id technology source via via_title".split()
    assert tsv[0] == "\t".join(keys)
    csv_out = run("firms", "--tech", "II-1", "--format", "csv").stdout
    assert csv_out.startswith(",".join(keys) + "\n")
    assert not csv_out.startswith("\ufeff")


def test_jsonl_is_one_object_per_line_with_hangul_unescaped(run):
    lines = run("firms", "--tech", "II-1", "--format", "jsonl").stdout.splitlines()
    assert len(lines) == 4
    assert json.loads(lines[3])["name"] == "㈜루미스탈"
    assert "㈜루미스탈" in lines[3]


def test_no_results_exit_1_nothing_on_stdout(run):
    result = run("search", "qqqzzzxxyy")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "no results" in result.stderr


def test_no_results_in_json_is_an_empty_array(run):
    result = run("search", "qqqzzzxxyy", "--format", "json")
    assert result.exit_code == 1
    assert result.stdout == "[]\n"


@pytest.mark.parametrize(
    "args",
    [("search", "배터리", "--format", "yaml"), ("professors", "--institute", "POSTECH"),
     ("search", "x", "--kind", "robot"), ("source", "nothing")],
)
def test_bad_input_is_one_line_and_exit_2(run, args):
    result = run(*args)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_missing_database_exits_3(run, tmp_path):
    result = run("tech", "list", "--db", str(tmp_path / "none.db"))
    assert result.exit_code == 3
    assert "smbstar db build" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_corrupt_database_exits_3(run, tmp_path):
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"this is not sqlite" * 100)
    result = run("tech", "list", "--db", str(broken))
    assert result.exit_code == 3
    assert len(result.stderr.strip().splitlines()) == 1


def test_database_of_another_schema_version_exits_3(run, tmp_path):
    import sqlite3

    other = tmp_path / "old.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        conn.execute("INSERT INTO meta VALUES ('schema_version', '0')")
    result = run("tech", "list", "--db", str(other))
    assert result.exit_code == 3
    assert "schema version 0" in result.stderr


def test_export_csv_has_bom_and_refuses_to_overwrite(run, tmp_path):
    target = tmp_path / "firms.csv"
    first = run("firms", "--tech", "DRAM", "--export", str(target))
    assert first.exit_code == 0
    data = target.read_bytes()
    assert data.startswith("\ufeff".encode("utf-8"))
    assert "㈜루미스탈" in data.decode("utf-8-sig")
    second = run("firms", "--tech", "DRAM", "--export", str(target))
    assert second.exit_code == 2
    assert "--force" in second.stderr
    assert target.read_bytes() == data
    assert run("firms", "--tech", "NAND", "--export", str(target), "--force").exit_code == 0
    assert "SK머티리얼즈" in target.read_text(encoding="utf-8-sig")


def test_export_neutralises_formulas(tmp_path):
    from smbstar.render import export

    target = tmp_path / "x.csv"
    export([{"a": "=HYPERLINK(\"http://x\")", "b": "-1+2", "c": "@SUM(A1)", "d": "plain"}], ["a", "b", "c", "d"], target)
    row = target.read_text(encoding="utf-8-sig").splitlines()[1]
    assert row == "\"'=HYPERLINK(\"\"http://x\"\")\",'-1+2,'@SUM(A1),plain"


def test_export_xlsx(run, tmp_path):
    from openpyxl import load_workbook

    target = tmp_path / "firms.xlsx"
    assert run("firms", "--tech", "DRAM", "--export", str(target)).exit_code == 0
    sheet = load_workbook(target).active
    assert [c.value for c in sheet[1]] == "name firm firm_id role opinion technology_id technology source via via_title".split()
    assert sheet["A2"].value == "삼성코닝(주)"


def test_source_prints_the_cited_line(run):
    result = run("source", f"{ROADMAP}:1710")
    assert result.stdout == f"{ROADMAP}:1710:2) KAIST 김일두 교수, idkim@kaist.ac.kr\n"


def test_sql_is_read_only(run, database_path):
    before = database_path.read_bytes()
    for statement in ("DELETE FROM contact", "ATTACH DATABASE ':memory:' AS other", "PRAGMA journal_mode=WAL",
                      "CREATE TABLE x (a)"):
        result = run("sql", statement)
        assert result.exit_code == 2, statement
        assert "Traceback" not in result.stderr
    assert database_path.read_bytes() == before
    rows = as_json(run("sql", "SELECT count(*) AS n FROM technology", "--format", "json"))
    assert rows == [{"n": 22}]


def test_help_lists_exit_codes(run):
    result = run("--help")
    assert result.exit_code == 0
    assert "3 database missing" in " ".join(result.stdout.split())


def test_areas_without_professors_are_named_in_one_line_after_the_note_of_several_areas(run):
    result = run("professors", "--tech", "수소")
    assert result.exit_code == 1 and result.stdout == ""
    note, nothing = result.stderr.splitlines()
    assert note.startswith("smbstar: --tech '수소' fits 3 areas")
    assert all(f"no professors for III-{n} " in nothing for n in (2, 3, 4))
