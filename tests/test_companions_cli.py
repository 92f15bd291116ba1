"""The companion documents through the commands: linked to the roadmap, filtered by document and year."""

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from smbstar.cli import app


@pytest.fixture
def run(database_path):
    def invoke(*args):
        result = CliRunner().invoke(app, list(args))
        return result

    return invoke


def rows(result):
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_documents_lists_the_four_sources_with_dates(run):
    documents = rows(run("documents", "--format", "json"))
    assert [(d["id"][:3], d["published"]) for d in documents] == [
        ("000", "2020-03"), ("001", "2025-01"), ("002", "2023-12-27"), ("003", "2021-03")]
    assert documents[0]["lines"] == 12668  # 12,667 newlines and a last line of one space


def test_smr_milestones(run):
    targets = rows(run("milestones", "--tech", "SMR", "--format", "json"))
    by_year = {t["year"]: t["milestone"] for t in targets}
    assert "표준설계" in by_year[2025]
    assert "인가" in by_year[2028]
    assert "상용화" in by_year[2033]


def test_net_certificate_firms(run):
    firms = {f["firm"] for f in rows(run("firms", "--document", "001", "--format", "json"))}
    assert {"더웨이브톡", "비에스테크닉스", "이랑텍", "파워큐브세미", "케이엠더블유", "지브레인"} <= firms


def test_year_filter(run):
    figures = rows(run("markets", "--document", "002", "--year", "2022", "--format", "json"))
    assert figures and all(
        f["year"] == 2022 or (f["year"] is None and f["year_from"] <= 2022 <= f["year_to"]) for f in figures
    )
    assert any(f["value_printed"].startswith("64") and f["unit"] == "%" for f in figures)


def test_people_across_documents(run):
    people = rows(run("people", "--document", "003", "--format", "json"))
    assert any(p["name"] == "오현주" and p["email"] == "hjoh@geri.re.kr" for p in people)


def test_battery_card_has_related_topics_from_the_companions(run):
    card = rows(run("tech", "show", "이차전지", "--format", "json"))
    documents = {topic["source"]["document"][:3] for topic in card["related"]}
    assert {"001", "002"} <= documents


def test_search_battery_reaches_every_document(run):
    hits = rows(run("search", "배터리", "--limit", "200", "--format", "json"))
    assert {h["source"]["document"][:3] for h in hits} == {"000", "001", "002", "003"}


def test_search_carbon_ranks_the_carbon_strategy_first(run):
    top = rows(run("search", "탄소", "--limit", "1", "--format", "json"))[0]
    assert top["kind"] == "topic" and "탄소소재 융복합 산업 종합 발전전략" in top["title"]


def test_search_email_finds_the_gumi_author(run):
    top = rows(run("search", "hjoh@geri.re.kr", "--limit", "1", "--format", "json"))[0]
    assert (top["kind"], top["title"]) == ("person", "오현주")


def test_one_firm_however_written(conn):
    keys = {row[0] for row in conn.execute(
        "SELECT firm_id FROM firmmention WHERE name_printed LIKE '%LG에너지솔루션%'")}
    assert keys == {"lg에너지솔루션"}


def test_an_abbreviation_is_the_same_firm(conn):
    printed = {row[0] for row in conn.execute(
        "SELECT DISTINCT name_printed FROM firmmention WHERE firm_id = 'lg에너지솔루션'")}
    assert {"LGES", "LG에너지솔루션"} <= printed


def test_match_command_json_and_tsv(run):
    result = rows(run("match", "--firm", "㈜루미스탈", "--format", "json"))
    assert result["areas"][0]["id"] == "II-1"
    assert any(p["name"] == "김일두" for p in result["professors"])
    tsv = run("match", "hydrogen", "tank", "for", "trucks")
    assert tsv.exit_code == 0
    first = tsv.stdout.splitlines()[0].split("\t")
    assert first[0] == "area" and first[1].startswith("III-2 ")


def test_match_needs_text_or_firm(run):
    assert run("match").exit_code == 2
    assert run("match", "--firm", "없는회사").exit_code == 1


def test_firms_of_an_area_include_the_linked_companions_with_via(run):
    firms = rows(run("firms", "--tech", "II-2", "--format", "json"))
    companion = [f for f in firms if f["source"]["document"] != "000_ad982b00eef8a1f3.txt"]
    assert {"LG에너지솔루션", "삼성SDI", "CATL", "SK온"} <= {f["firm"] for f in companion}
    assert all(f["via"] and f["via_title"] for f in companion)
    assert all(f["via"] is None and f["via_title"] is None for f in firms if f not in companion)


def test_milestones_of_an_area_show_the_battery_reports_plans(run):
    plans = rows(run("milestones", "--tech", "II-2", "--format", "json"))
    reports = [p for p in plans if p["source"]["document"].startswith("002")]
    assert len(reports) >= 10
    assert any("전고체" in p["milestone"] and p["year"] == 2030 for p in reports)
    assert {"002-report-04", "002-appendix-26", "002-appendix-31"} <= {p["via"] for p in reports}
    assert {p["via"][:10] for p in reports} >= {"002-report", "002-append"}


def test_roadmap_only_keeps_the_roadmaps_own_rows(run):
    every = rows(run("firms", "--tech", "II-2", "--format", "json"))
    own = rows(run("firms", "--tech", "II-2", "--roadmap-only", "--format", "json"))
    assert own and len(own) < len(every)
    assert {f["source"]["document"][:3] for f in own} == {"000"}
    assert all(f["technology_id"] == "II-2" and f["via"] is None for f in own)
    people = rows(run("people", "--roadmap-only", "--format", "json"))
    assert people and {p["source"]["document"][:3] for p in people} == {"000"}


@pytest.mark.parametrize("command", ["firms", "markets", "milestones", "people"])
def test_via_is_in_every_format(run, command):
    result = run(command, "--tech", "II-2", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    header, *lines = list(csv.reader(io.StringIO(result.stdout)))
    topic, title = header.index("via"), header.index("via_title")
    assert any(line[topic].startswith("002-") and line[title] for line in lines)
    tsv = run(command, "--tech", "II-2", "--format", "tsv", "--header").stdout.splitlines()
    assert tsv[0].split("\t")[topic] == "via"
    assert any(line.split("\t")[topic].startswith("002-") for line in tsv[1:])
    records = rows(run(command, "--tech", "II-2", "--format", "json"))
    assert all({"via", "via_title"} <= set(record) for record in records)
    table = CliRunner().invoke(app, [command, "--tech", "II-2", "--format", "table"], env={"COLUMNS": "400"}).stdout
    # a table names the topic by its title: in the technology column, a via_title column, or the timeline's "via"
    assert any(record["via_title"][:8] in table for record in records if record["via_title"])


def test_tech_show_prints_each_links_evidence(run):
    card = rows(run("tech", "show", "II-2", "--format", "json"))
    report = next(t for t in card["related"] if t["id"] == "002-report-04")
    assert report["evidence"][0]["body"] >= 10
    assert "이차전지 title 1 body" in report["why"]
    related = run("tech", "show", "II-2", "--section", "related", "--format", "tsv", "--header").stdout.splitlines()
    why = related[0].split("\t").index("why")
    assert any(line.split("\t")[why] == "as part of 002-report-04" for line in related[1:])
    assert "evidence: 이차전지 title 1 body" in run("tech", "show", "II-2", "--wide").stdout
    table = run("tech", "show", "II-2", "--section", "related", "--format", "table", "--wide").stdout
    assert "[부록 1]" in table  # a bracketed title is printed, not read as markup
    # the card's own sections stay the roadmap's
    assert {m["source"]["document"][:3] for m in card["milestones"]} == {"000"}
