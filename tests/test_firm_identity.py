"""One firm, one id: spellings of a firm across scripts (INTEL / 인텔), initials (엘지 / LG), legal forms and the
curated aliases (SKT / SK텔레콤) are stored under one id; a repeated table is stored once; one person is one key
however their organisation is written; a descriptor (SKT 관계자) is not a person."""

from itertools import combinations

import pytest

from smbstar.db import CURATED, DOCS
from smbstar.build import _firm_aliases, load_documents
from smbstar.ingest.names import canonical_firm_ids, firm_key, firm_sound, same_firm_by_sound


@pytest.fixture(scope="module")
def aliases():
    return _firm_aliases(CURATED / "firm_aliases.csv", load_documents(DOCS))


def same_firm(a: str, b: str, aliases: dict[str, str]) -> bool:
    a, b = firm_key(a), firm_key(b)
    ids = canonical_firm_ids({a: 1, b: 1}, aliases)
    return ids[a] == ids[b]


# Spellings the four documents print for one firm.
SAME = [
    ("INTEL", "인텔"), ("NVIDIA", "엔비디아"), ("TESLA", "테슬라"), ("Amazon", "아마존"), ("SPACEX", "스페이스X"),
    ("Graphcore", "그래프코어"), ("Esperanto Technology", "에스페란토테크놀로지"), ("Qualcomm", "퀄컴"),
    ("Micron", "마이크론"), ("MediaTek", "미디어텍"), ("Cerebras", "세레브라스"), ("SambaNova", "삼바노바"),
    ("LG전자", "엘지전자(주)"), ("퓨리오사AI", "㈜퓨리오사에이아이"), ("SK하이닉스", "에스케이하이닉스"),
    ("삼성SDI(주)", "삼성에스디아이"), ("KT", "케이티"), ("㈜루미스탈", "루미스탈 주식회사"), ("삼성 전자", "삼성전자(주)"),
    ("SKT", "SK텔레콤"), ("APPLE", "애플"), ("Si-Five", "사이파이브"), ("OneWeb", "원웹"), ("LGES", "LG에너지솔루션"),
    ("SKon", "SK온"), ("SK on", "SK온"), ("GEELY AUTO", "지리 자동차"), ("Tenstorrent", "토스토렌토"),
    ("산기협", "한국산업기술진흥협회"), ("Google", "구글"), ("Microsoft", "마이크로소프트"), ("PASQAL", "파스칼"),
    ("아이온큐", "IonQ"), ("에이엠디", "AMD"), ("아이비엠", "IBM"), ("에이알엠", "ARM"), ("한화시스템즈", "한화 시스템"),
    ("현대차", "현대자동차"), ("Meta", "메타"), ("Groq", "그로크"), ("OpenAI", "오픈AI"), ("D-Wave Systems", "D-wave"),
]
# Alike in sound or letters, but two firms.
DIFFERENT = [
    ("DB하이텍", "더웨이브톡"), ("SKT", "씨게이트"), ("LG전자", "LG화학"), ("구글", "구글 클라우드"), ("삼성", "삼성전자"),
    ("TSMC", "티에스엠씨테크"), ("MediaTek", "미틱"), ("Cerebras", "크네론"),
    ("마이크로소프트", "한국마이크로소프트"), ("소프트뱅크", "소프트뱅크 글로벌"), ("에코프로", "에코프로비엠"), ("CATL", "SK텔레콤"), ("IBM", "아이비엠코리아"), ("네이버", "네이버랩스"), ("KT", "KT sat"), ("SK온", "SK스퀘어"),
]


@pytest.mark.parametrize("a,b", SAME)
def test_spellings_of_one_firm_are_one_id(a, b, aliases):
    assert same_firm(a, b, aliases)


@pytest.mark.parametrize("a,b", DIFFERENT)
def test_firms_that_only_look_alike_stay_apart(a, b, aliases):
    assert not same_firm(a, b, aliases)


def test_sound_of_a_transliteration():
    assert firm_sound("intel") == firm_sound("인텔") == "NTVL"
    assert firm_sound("nvidia") == firm_sound("엔비디아") == "NPVTV"
    assert firm_sound("graphcore") == firm_sound("그래프코어") == "KLVPKV"
    # an acronym is read letter by letter in Korean, so it is never compared by sound
    assert not same_firm_by_sound("skt", "씨게이트")
    # the same consonants with other vowels between them: Mythic is not MediaTek
    assert not same_firm_by_sound("mediatek", "미틱") and same_firm_by_sound("mediatek", "미디어텍")


def test_no_firm_under_two_ids(conn, aliases):
    ids = [row[0] for row in conn.execute("SELECT id FROM firm")]
    joined = [
        (a, b) for a, b in combinations(ids, 2)
        if same_firm_by_sound(a, b) or aliases.get(a, a) == aliases.get(b, b)
    ]
    assert joined == []
    printed = {}
    for firm_id, name in conn.execute("SELECT firm_id, name_printed FROM firmmention"):
        printed.setdefault(firm_key(name), set()).add(firm_id)
    assert {key: ids for key, ids in printed.items() if len(ids) > 1} == {}


def test_mentions_of_both_spellings_share_the_firm(conn):
    def firm_of(printed):
        return {row[0] for row in conn.execute("SELECT firm_id FROM firmmention WHERE name_printed = ?", (printed,))}

    assert firm_of("NVIDIA") == firm_of("엔비디아") != set()
    assert firm_of("퓨리오사AI") == firm_of("퓨리오사에이아이") != set()
    assert firm_of("SPACEX") == firm_of("스페이스X") != set()
    assert firm_of("SK텔레콤") == {"sk텔레콤"}


def test_awards_point_at_the_joined_firm(conn):
    dangling = conn.execute("SELECT count(*) FROM award WHERE firm_id IS NOT NULL AND firm_id NOT IN (SELECT id FROM firm)")
    assert dangling.fetchone()[0] == 0


def test_risc_v_table_printed_three_times_is_stored_once(conn):
    rows = conn.execute(
        "SELECT name_printed, line FROM firmmention WHERE role = 'RISC-V 활용 사례' AND document LIKE '002%'"
    ).fetchall()
    assert all(512 <= line <= 560 for _, line in rows), rows  # the first copy; 1801-1828 and 2560-2580 repeat it
    per_firm = {}
    for name, _ in rows:
        per_firm[name] = per_firm.get(name, 0) + 1
    assert per_firm["인텔"] == per_firm["애플"] == per_firm["테슬라"] == per_firm["토스토렌토"] == 1
    assert per_firm["삼성전자"] == 3 and per_firm["사이파이브"] == 2
    assert not {"INTEL", "APPLE", "Tenstorrent", "Si-Five"} & set(per_firm)


def test_one_person_across_spellings_of_their_institute(conn):
    keys = {row[0] for row in conn.execute("SELECT person_key FROM contact WHERE name = '구자균'")}
    assert keys == {"한국산업기술진흥협회:구자균"}


def test_descriptors_are_not_people(conn):
    descriptors = conn.execute(
        "SELECT name FROM contact WHERE name LIKE '%관계자%' OR name LIKE '%교수%' OR name LIKE '%<%'"
        " OR person_key LIKE '%minutes%'"
    ).fetchall()
    assert descriptors == []
    # the minutes keep their expert's affiliation in their title
    titles = [row[0] for row in conn.execute("SELECT title FROM topic WHERE kind = 'minutes'")]
    assert any("<SKT 관계자>" in title for title in titles)
    assert sum("<KAIST 정보보호대학원 교수>" in title for title in titles) == 4


@pytest.mark.parametrize("typed,firm", [
    ("NVIDIA", "엔비디아"), ("엔비디아", "엔비디아"), ("INTEL", "인텔"), ("LGES", "lg에너지솔루션"), ("SKT", "sk텔레콤"),
    ("엘지전자", "lg전자"), ("LG전자", "lg전자"),
])
def test_a_firm_is_found_by_any_printed_spelling(conn, typed, firm):
    from smbstar.match import find_firm

    assert find_firm(conn, typed)[0] == firm


@pytest.mark.parametrize("query", ["엔비디아", "인텔", "삼성전자", "LG에너지솔루션", "구글"])
def test_a_firm_named_in_several_documents_is_cited_where_it_is_named(conn, query):
    import json

    from typer.testing import CliRunner

    from smbstar.cli import app
    from smbstar.ingest.document import SourceDocument
    from smbstar.korean import compact

    result = CliRunner().invoke(app, ["search", query, "--format", "json"])
    firm = firm_key(query)
    source = next(hit["source"] for hit in json.loads(result.stdout) if hit["kind"] == "firm" and hit["id"] == firm)
    printed = [name for (name,) in conn.execute("SELECT name_printed FROM firmmention WHERE firm_id = ?", (firm,))]
    text = compact(SourceDocument.load(DOCS / source["document"]).line(source["line"]))
    assert any(compact(name) in text for name in printed)
