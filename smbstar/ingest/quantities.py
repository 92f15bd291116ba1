"""Quantities of market facts in a text, the one extractor every document's ingest uses.

A document module finds structure (items, sentences, tables) and hands a text to `find_quantities`, which
returns every market quantity of it, each with:
- `measure`: market_size, revenue, investment (budgets, R&D and capital spending), price, share (market share,
  localisation, dependence), growth (CAGR, growth rate, multiple), rank, count (units, subscribers, people), other;
- `value` normalised in its unit (money in whole currency units, `%`, a rank, a count, a multiple, a volume in
  GW, TB or 톤), `unit` as printed (`억 달러`, `%`, `위`, `명`, `배`, `$/Gb`, `GW`), `currency` (ISO 4217) for money, and `low`/`high` for a
  range, both normalised (`3천~5천만원` is 30,000,000 to 50,000,000 KRW; `value` is then the low end);
- the year bound to the figure itself (below), `subject` (what is measured: 유전자 분석 서비스 시장), `scope` (a
  region, segment or firm), `quote` (the whole sentence), `flag` when the source contradicts itself, and
  `converts`: for a printed conversion (`67억8300만달러(약 8조2100억원)`) the index of the figure it converts.

How a year is bound to a figure, first rule that applies:
1. a year printed just before it with nothing but 기준, 총, 약, 말, 에, 에는, 의 between (`2015년 28억 달러에서
   2020년 91억 달러로`: 2015 and 2020; `2015년 기준 총 17억 7,440만 달러`: 2015);
2. a year in brackets just after it (`5.5조원(‘17년)`);
3. for a growth rate, a period printed in the sentence (`2017~2025년 중 ... 연평균 26.0%`: 2017 to 2025), else the
   first and last year of the sentence when it names two;
4. a period just before it (`2025~2030년 중 다시 약 2배`);
5. the nearest year before it in the sentence, else the first year after it in the sentence.

Percentages, ranks, multiples and counts are market quantities only in a sentence about a market (its words:
시장, 점유, 매출, 성장, 가입자, ...); money is one wherever it is printed. A won amount in brackets after a
foreign one, or a foreign one after a won one, is the printed conversion of it; when the rate they imply is not
one the currency has had (`4,000조 원(3,400억 달러)`: 11,765원/USD), both are flagged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from smbstar.ingest.targets import actor_of
from smbstar.korean import OUTLINE_LETTER, trailing_particle
from smbstar.ingest.money import CURRENCIES, KOREAN_SCALE, NUMBER, Amount, chain_value, find_amounts, parse_unit
from smbstar.models import MarketFigure

MEASURES = ("market_size", "revenue", "investment", "price", "share", "growth", "rank", "count", "other")

# Won per unit of a foreign currency that a printed conversion may plausibly use (2010-2025).
PLAUSIBLE_RATES = {"USD": (900, 1500), "EUR": (1100, 1650), "JPY": (8, 16), "CNY": (150, 220), "GBP": (1300, 2000),
                   "AUD": (600, 1100), "CAD": (700, 1200)}

_DIGIT = re.compile(r"\d")
_LONGEST_HEADING = 50  # characters
_LONGEST_QUOTE = 300  # characters: a longer "sentence" is a table run into one item
# A sentence ends at a full stop followed by a space (a decimal point is not followed by one) or by an arrow to its
# conclusion (`…경향이 나타남.→ 일반 대학원을…`).
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=다\.)(?=\S)|(?<=[가-힣]\.)(?=→)")
# a date's full stop (`인큐텔 투자 후 ‘22.12. 5억달러 유치`) ends no sentence
_DATE_END = re.compile(r"(?:['’‘]\d{2}|(?:19|20)\d{2})\.\s?\d{1,2}\.$|\(\s*['’‘]\d{2}\.$")
# a year is printed in full, with an apostrophe, or as two bare digits that 년 follows as a date (`17년 대비 22년`,
# `23년까지`, `22년도`), not as a duration (`수명 20년`, `10년간`)
_YEAR = re.compile(
    r"(?<![\d.,$])((?:19|20)\d{2})(?![\d,])|['’‘](\d{2})(?!\d)"
    r"|(?<![\d.,$'’‘~∼])(1[5-9]|2\d|3[0-5])(?=\s*년\s*(?:도|까지|대비|이후|부터|말|초|기준|에는|\d))"
)
_PERIOD = re.compile(
    r"(?<![\d.,])(?P<from>(?:19|20)\d{2}|['’‘]\d{2})(?:\.\s?\d{1,2}Q?)?\s*년?\s*(?:[~∼\-–]|부터)\s*"
    r"(?P<to>(?:19|20)\d{2}|['’‘]?\d{2})(?!\d|,\d)"
)
# What may stand between a year and its figure (`2015년 기준 총 17억 ...`, `2020년에는 약 ...`).
_YEAR_TO_FIGURE = re.compile(
    r"(?:\.\s?\d{1,2}\.?)?\s*(?:년도?)?\s*(?:(?:기준|말|초|현재|경|당시|에는|에|의|은|는|총|약|전체|누적|매출|시장|규모|전년\s*대비|"
    r"연평균|,)\s*)*$"
)
# a source cited in brackets (`(삼정KPMG경제연구원, 2023)`, `(테크나비오 ‘16)`, a name and a full year): its year
# is no figure's
_CITATION = re.compile(
    r"\([^()]*?(?:연구원|연구소|보고서|리포트|출처|자료|Research|Markit|IHS|Gartner|IDC|테크나비오|Technavio)[^()]*\)"
    r"|(?:연구원|연구소|Research)\s*\(\s*(?:19|20)\d{2}[.\d\s]*\)"
    r"|\(\s*[A-Za-z가-힣][A-Za-z가-힣0-9&·\s]{1,29},\s*(?:19|20)\d{2}(?:\.\s?\d{1,2})?\.?\s*\)"  # `(삼성증권, 2021)`, `(테크42, 2023.01)`
)
_NEW_LIST_ITEM = re.compile(r",\s*[^,]{1,20}?\s+-\s")  # `..., 자동차 튜닝 시장 - 100조원`
_VERSUS = re.compile(r"((?:19|20)\d{2}|['’‘]?\d{2})\s*년?\s*대비\s*((?:19|20)\d{2}|['’‘]?\d{2})\s*년")
_SINCE = re.compile(r"\s*년?\s*(?:\d{1,2}\s*월)?\s*(?:이후|이래)\s*(?:처음|최초|최대|최고|최저)")
_GROWS_INTO = re.compile(r"(?:으로|로)\s*(?:성장|증가|확대)")
_GROWS_TO = re.compile(r"[^,.;\d]{0,15}?(?:성장|증가)(?:하여|해서?|으로|하며)\s*,?\s*")
# a year ending a plan's name (`“제조 2025” 정책`, `Horizon 2020`, `통합혁신전략 2023`) dates no figure
_PLAN_NAME = re.compile(r"(?:China|Horizon|전략|제조|비전|Vision|Industry|Strategy)\s?(?:19|20)\d{2}(?!\d|\s*년)")
_YEARS_UP_TO = re.compile(r"\s*년?\s*까지\s*(\d{1,2})\s*년\s*간")
_YEARS_FROM = re.compile(r"\s*년?도?\s*부터\s*(?:향후\s*)?(\d{1,2})\s*년\s*간")  # `2024년부터 향후 10년간`
_YEARS_BEFORE = re.compile(r"(\d{1,2})\s*년\s*간\s*(?:총\s*)?(?:약\s*)?$")
# `30% → 50%`, `9%(2021/22년도) → 15%`: a level and the target it moves to
_ARROW = re.compile(r"\s*(?:\((?P<own>[^()]*)\))?\s*(?:→|->|⇒)\s*")
_TARGET_YEAR = re.compile(r"((?:19|20)\d{2}|['’‘]\d{2})\s*년?\s*(?:까지|목표)")
_BRACKETED_YEAR = re.compile(r"\s*\(\s*(?:(?:19|20)\d{2}|['’‘]\d{2})\s*년?\s*(?:기준)?\s*\)")

_PERCENT = re.compile(
    r"(?<![\d.,])(?:(?P<low>\d+(?:\.\d+)?)\s*%?\s*[~∼]\s*)?"
    r"(?P<sign>[+\-−△▲▽▼]\s?)?(?P<value>\d+(?:\.\d+)?)\s*(?P<unit>%\s*p|%포인트|%|％|퍼센트)"
)
_COMPARATIVE = re.compile(r"\s*(?:정도|가량|이상|이나|나)?\s*(?:빠르|빠른|빨라|빠름|느리|느린|느림|작은|작아|가볍|가벼|얇|길어|짧|넓|좁)")
_FALL = re.compile(r"\s*(?:정도|가량|이상|가까이)?\s*(?:줄어|줄었|줄인|감소|하락|떨어|축소|인하|급감|급락|절감|역성장|마이너스\s?성장)")
_LATEX_CHANGE = re.compile(r"\$\\Delta\s*(?P<value>\d+(?:\.\d+)?)\s*\\%\s*\$")
_RANK = re.compile(
    r"(?<![\d.,])(?P<numbers>\d{1,3}(?:\s*(?:,|및|~|∼)\s*\d{1,3})*)\s*(?P<unit>위권|위)"
    r"(?=$|[^가-힣]|을|를|에|이며|이나|이고|이다|로|의|와|과|인|이|는|은|까지|수준|권|차지|기록|규모)"
)
_NOT_RANKED = re.compile(r"\s*(?:에|에는|안에|내에|밖|밖에)?\s*(?:없|못|들지\s*못)")
_MULTIPLE = re.compile(
    r"(?<![\d.,])(?:(?P<low>\d+(?:\.\d+)?)\s*[~∼]\s*)?(?P<value>\d+(?:\.\d+)?)\s*배"
    r"(?=\s|$|[,.)]|로|에|이상|이|인|가량|씩|까지|정도|나|의|를|수준|증가|성장|확대)"
    r"(?!\s*(?:의\s*)?(?:시간|기간|노력|인력|공수))"  # `최소 3~5배 시간 투자`: an effort, no market multiple
)
_COUNT_UNITS = r"명|가입자|회선|가구|개사|개소|개|대|건|곳|기|척"
_COUNT = re.compile(
    rf"(?<![\d.,])(?:(?P<low>(?:{NUMBER})(?:\s*(?:{KOREAN_SCALE}))?)\s*[~∼]\s*)?(?P<amount>(?:{NUMBER})(?:\s*(?:{KOREAN_SCALE})(?:\s*(?:{NUMBER}))?)*)"
    rf"\s*(?:여\s*)?(?P<unit>{_COUNT_UNITS})"
    rf"(?=$|[^가-힣]|을|를|이|가|의|에|으로|로|와|과|은|는|씩|까지|이상|이하|수준|규모|분|돌파|기록|달성|넘)"
)

_PATENT_SHARE = re.compile(r"특허\s*(?:출원\s*)?(?:점유|비중)")
_NOT_MARKET_COUNT = re.compile(r"특허|논문|출원|타겟|표적|과제|항목|트랜지스터|큐비트|코어")
_NAMED_BY_COUNT = re.compile(r"\s*(?:이상\s*)?(?:[^\s,.]+\s*){0,2}?(?:프로젝트|데이터베이스|DB|코호트|바이오뱅크)")
_VOLUME = re.compile(
    rf"(?<![\d.,])(?:(?P<low>{NUMBER})\s*[~∼]\s*)?(?P<value>(?:{NUMBER})(?:\s*[만억](?:\s*(?:{NUMBER}))?)*)\s*"
    r"(?P<unit>GWh|MWh|TWh|GW|MW|TB|PB|EB|톤)(?![A-Za-z])"
)

# The words that make a sentence one about a market (a labour market, 취업시장, is none), and those that tell the
# measure of a figure near them.
MARKET_WORDS = re.compile(
    r"(?<!취업)(?<!노동)(?<!고용)(?<!인력)시장|점유|매출|수출|수입|성장|CAGR|CGAR|연평균|규모|가입자|판매|출하|생산량|비중|투자|가격|단가|증가|확대|"
    r"[Mm]arket|[Ss]hare|위권|순위|\d\s*위|매출액|수요|보급|교역|흑자|적자|수지|트래픽|가입|회선|의존도|유가"
)
_MEASURE_WORDS = (
    # what making a thing costs (`총 제조비용은 $ 40M`, `마스크 비용 $ 10M`) is its price, no investment
    ("price", re.compile(r"가격|단가|원가|판가|요금|고가|저가|(?:제조|생산|건설|설계|디자인|마스크|분석)\s?비용|[Pp]rice|/\s*(?:kg|Gb|GB|톤|ton|kWh|MWh|개|대)")),
    ("investment", re.compile(
        r"투자(?!은행)|투입|부양책|(?:공장|설비|팹)\s?인수|(?:개발|임상|연구)\s?비용|예산|R&D|연구개발비|연구비|인건비|사업비|사업(?!화|자|체)|출연|펀드|기금|자금|조달|유치|설비|CAPEX|capex|지원(?!자|센터|기관)|국비|지방비|재원"
    )),
    ("revenue", re.compile(r"매출|수익|영업이익|영업익|판매액|[Rr]evenue|[Ss]ales|실적")),
    ("market_size", re.compile(r"시장|규모|[Mm]arket")),
    # trade, deals and valuations are no market size even in a sentence about a market
    ("other", re.compile(r"기업가치|시가총액|(?<!공장\s)(?<!공장)인수|기술이전|계약|교역|무역|수출|수입|적자|흑자")),
)
_SHARE_WORDS = re.compile(r"점유|비중|차지|장악|자급률|국산화|의존|비율|[Ss]hare|절반|대부분")
_GROWTH_WORDS = re.compile(
    r"CAGR|CGAR|연평균|성장|증가|감소|증감|상승|하락|인상|인하|늘어|늘었|줄어|줄었|떨어|올랐|확대|축소|[MQY]o[MQY]|전년|"
    r"(?:전월|분기|동기|작년|지난해|년|월|\d)\s*대비|"  # `매출액 대비 연구개발비` is a ratio, `17년 대비` a change
    r"[Gg]rowth|호조|부진"
)
# an amount per person or per unit (`임상연구비(1억원/1인)`, `1인당 1억원`, `대당 3천만원`, `유전체분석 100달러 시대`) is
# a price
_PER_UNIT = re.compile(r"\s*/\s*\d*\s*(?:인|명|개|대|회|가구|kg|톤|ton|[kKMG]Wh|Gb|GB)(?![가-힣])|\s*시대")
_UNIT_OF = re.compile(r"(?:\d\s*)?(?:인|명|개|대|건|회|가구|톤)\s*당\s*(?:약\s*)?$")
# What a programme's money is spent on (`기초 연구(’22) (4년간, 750만 달러`, `$3천만 책정`, `구축에 총 1억 유로`): an
# investment when no word of _MEASURE_WORDS is printed in the sentence (`개발 시 약 7.9억 달러의 ... 시장` is a market).
_SPENT_ON = re.compile(r"프로젝트|연구(?!원|소|진|자|회|팀|실)|개발(?!도상|사|자)|보조금|지원금|책정|배정|편성|구축|건설|증설|신설|임상|/\s*건")
# `규모` qualifying the figure before it, after its printed conversion if any: `90억 달러(약 13조) 규모의`
_BOUGHT = re.compile(r"(?P<buyer>[A-Za-z가-힣]{2,15}?)(?:사)?(?:는|은|가|이)\s+(?P<bought>[A-Za-z가-힣]{2,15}?)(?:를|을)\s*$")
_BUILT = re.compile(r"조성|구축|건설|설립|신설|증설")
_CHANGE_AMOUNT = re.compile(r"\s*(?:이상\s*|가량\s*)?(?:이\s*|가\s*)?(?:증가|감소|늘어|늘었|줄어|줄었)")
_SIZE_OF = re.compile(r"(투자|예산|매출|수출|수입|R&D|연구개발비|지원)\s*규모")
_OWN_SIZE = re.compile(r"\s*(?:\([^()]*\)\s*)?규모(?:의|로|인|이다|로서)?")
# `1,446억원의 사업화 매출`: the thing a figure is of, up to three words
_FIGURE_OF = re.compile(r"\s*(?:\([^()]*\)\s*)?의\s+((?:[^\s,]+\s+){0,2}[^\s,]+)")
# `A(약 B)`, `A (B)`, and inside brackets `(A, 약 B)`
_VERB_BREAK = re.compile(r"(?:으며|이며|하며|하고|이고|되고|되며|했고|했으며)\s")
_CLAUSE_BREAK = re.compile(r",(?!\d{3})|;|" + _VERB_BREAK.pattern)  # `7,700억` is one number, no break
# `GDP의 약 8.5%`, `이 중 22%`, `투자의 2/3(68%)`: the percent of a whole (a growth rate of something reads `성장률의`)
_LEVELS = re.compile(r"\d\s*%\s*에서\s*(?:(?:19|20)\d{2}\s*년|['’‘]\d{2}\s*년?)?\s*$")
_PERCENT_OF = re.compile(r"(?<!률)(?<!율)(?:의|(?:이|그)\s*중|\d/\d\s*\()\s*(?:약\s*)?$")
# the part of an amount spent on something (`약 35%를 연구 역량 강화 및 인재 육성에 투자`)
_PART_SPENT = re.compile(r"\s*(?:가|를|은|는|이)\s+[^,.]{0,30}?에\s*(?:투자|투입|배정|배분|사용|지원)")
# A technical property a percent or multiple may describe (`에너지밀도를 15~20% 향상`, `성공률 10배`): no market fact
# when it is the nearest thing named before the figure in its clause.
_TECHNICAL_PROPERTY = re.compile(
    r"에너지\s?밀도|효율|성능|수율|정확도|정밀도|(?<!성장)(?<!성장\s)속도|수명|출력|이용률|오류율|성공률|사용량|배출량|해상도|인식률|하드웨어|"
    r"용적률|건폐율|함량|함유량|순도|명중률|적중률|불량률|가동률|정답률|정규직|청년\s?일자리"
)
# the economy's growth (`세계경제 성장률 '21년 4.5%(△1.0%p), '22년 2.75%`, `GDP의 약 8.5%`) is macroeconomics: no
# market's figure unless a market word is printed between it and the figure
_ECONOMY = re.compile(r"경제\s?성장|GDP|GNP|국내총생산")
_MARKET_NOUN = re.compile(r"시장|점유|매출|수출|수입|투자|가입자|판매")
# a rate set by policy (`용적률 특례 적용 (최대 1.4배 상향, 350% → 490%)`, `세액공제 확대 (... 8%→12%`) printed at most 60
# characters before the figure, or a relief (`등록면허세 50% 감면`): no market fact
_RELIEF = re.compile(r"\s*(?:까지\s*)?(?:추가\s*)?(?:감면|공제|할인|환급|보조금|지원)")
_POLICY_RATE = re.compile(r"용적률|건폐율|세액\s?공제|공제율|세율|금리|이자율|부가세|관세율|감면")
# a content or purity named right after a percent (`무수세 97% 니켈 함유`, `99.9% 순도`)
_PROPERTY_AFTER = re.compile(r"\s*(?:이상\s*|가량\s*)?(?:의\s*)?(?:" + _TECHNICAL_PROPERTY.pattern + r")")
_CONTENT_AFTER = re.compile(r"\s*(?:이상\s*)?(?:[가-힣A-Za-z]{1,6}\s*)?(?:함유|함량|순도|농도)")
_FORECASTER = re.compile(r".*(?:IDC|Gartner|가트너|IHS|Markit|Research|Technavio|테크나비오|연구원|연구소|증권|리서치)")
_CONVERSION_BRIDGE = re.compile(r"\s*\(\s*(?:약|한화\s*약?|원화\s*약?|USD|US\$)?\s*$|\s*,\s*(?:약|한화\s*약?)\s*$")

# A place word: a figure's scope (`세계`, `국내`, `미국`), not one that ranks it (`세계 3위`) or names global firms.
PLACE = re.compile(
    r"(?<![가-힣])(전\s?세계|세계|글로벌(?!\s*(?:제약사|기업|업체|회사|빅테크|선도))|국내|해외|한국|우리나라|韓|미국|美|"
    r"중국|中|일본|日|유럽|EU|아시아|독일|영국|프랑스|대만|인도|북미|캐나다|호주|이스라엘)"
    r"(?!\s*\d+\s*위)"
)
_PLACE_LABEL = re.compile(r"\(\s*" + PLACE.pattern + r"\s*\)")
_RANK_SCOPE = re.compile(r"(전\s?세계|세계|글로벌|국내)\s*$")
_SCOPE_NAMES = {"전세계": "세계", "글로벌": "세계", "韓": "국내", "한국": "국내", "우리나라": "국내", "美": "미국",
                "中": "중국", "日": "일본", "유럽": "EU"}
# The head word of a subject (`유전자 분석 서비스 시장`): what a figure measures.
_SUBJECT_HEAD = re.compile(
    r"시장|마켓|(?<!부)가치(?!사슬|관|를|있)|매출액?|가입자|점유율|비중|가격|단가|비용|투자(?!은행)|예산|사업비|펀드|기금|프로젝트|트래픽|수출|수입|생산량?|출하량?|"
    r"판매량?|영업이익|영업익|시가총액|유가|교역|자립화율|국산화율|자급률|"
    r"(?<![대소중])규모"
)
# a noun a head word is compounded with (`시장규모`, `투자유치`, `매출비중`, `생산능력`, `모험투자펀드`); a verb or
# particle after the head (`투자하고`, `수출증가`) is no part of the subject
_HEAD_TAIL = re.compile(r"(?:규모|점유율|비중|유치액|유치|금액|액|량|펀드|기금|능력|예산|비용)?")
_NOT_SUBJECT = {"기준", "약", "총", "등", "및", "현재", "전체", "그중", "이중", "최대", "최소", "각각", "통해", "대한", "관한",
                "위한", "따른", "통한", "대비", "간", "뿐만", "아니라", "경우", "말", "초", "대부분", "반면", "한편", "또한", "후",
                "전", "이후", "이전"}
_ADVERBS = {"무려", "연간", "매년", "현재", "최근", "이미", "또한", "특히", "다만", "한편", "이는", "이후"}
_VERB_END = re.compile(r"(?:하며|하고|하여|하면|했고|했으며|되며|되고|으며|이며|될|된|할|한|던|적인|(?:기기|산업|기업|제품|국가)인|지만|위해|해서|면서)$")
_PARTICLE_END = re.compile(r"(?:은|는|이|가|을|를|의|에서|에|와|과|도|로)$")


@dataclass
class Quantity:
    """One market quantity of a text; `start`/`end` are its offsets in the text given to find_quantities."""

    printed: str
    measure: str
    value: float | None
    unit: str
    start: int
    end: int
    currency: str = ""
    low: float | None = None
    high: float | None = None
    year: int | None = None
    year_from: int | None = None
    year_to: int | None = None
    subject: str = ""
    scope: str = ""
    quote: str = ""
    flag: str = ""
    converts: int | None = None  # index, in the same result, of the figure this one is the printed conversion of
    kind: str = field(default="money", repr=False)  # money, percent, rank, multiple, count, volume
    in_series: bool = field(default=False, repr=False)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of text."""
    spans, start = [], 0
    for boundary in _SENTENCE_END.finditer(text):
        if _DATE_END.search(text, max(0, boundary.start() - 12), boundary.start()):
            continue
        if boundary.start() > start:
            spans.append((start, boundary.start()))
        start = boundary.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def find_quantities(
    text: str, bare_currency: str | None = "KRW", market_only: bool = True, context: str = ""
) -> list[Quantity]:
    """Every market quantity of text, in order. Amounts without a currency word take `bare_currency`.

    With `market_only`, percentages, ranks, multiples and counts are kept only in sentences about a market, or in any
    sentence of a text whose `context` (the heading or row label it is listed under) is about one; an amount whose
    sentence names no measure takes the one its context names."""
    found: list[Quantity] = []
    for start, end in sentence_spans(text):
        sentence = text[start:end]
        if not _DIGIT.search(sentence):
            continue
        quantities = _sentence_quantities(sentence, bare_currency, market_only, context)
        for quantity in quantities:
            quantity.start += start
            quantity.end += start
            if quantity.converts is not None:
                quantity.converts += len(found)
        found.extend(quantities)
    return found


def _sentence_quantities(printed: str, bare_currency: str | None, market_only: bool, context: str) -> list[Quantity]:
    quote = printed.strip()
    sentence = printed.replace("\\$", " $")  # a markdown-escaped dollar sign (`25\$/kg`), read as one
    quantities = [
        _money(amount) for amount in find_amounts(sentence, bare_currency)
        if sentence[max(0, amount.start - 1) : amount.start] != "제"  # `제12조의2`: a law's article
    ]
    quantities += [q for q in _series(sentence) if not any(s < q.end and q.start < e for s, e in
                                                          [(m.start, m.end) for m in quantities])]
    if not market_only or MARKET_WORDS.search(sentence) or MARKET_WORDS.search(context):
        for finder in (_percents, _ranks, _multiples, _counts, _volumes):
            taken = [(q.start, q.end) for q in quantities]
            quantities += [q for q in finder(sentence) if not any(s < q.end and q.start < e for s, e in taken)]
    quantities.sort(key=lambda q: q.start)
    spans = [(q.start, q.end) for q in quantities]
    cited = [m.span() for m in _CITATION.finditer(sentence)] + [m.span() for m in _PLAN_NAME.finditer(sentence)]
    years = [
        m for m in _YEAR.finditer(sentence)
        if not any(s < m.end() and m.start() < e for s, e in spans + cited)
        and not _SINCE.match(sentence, m.end())  # `2019년 2월 이후 처음으로 40만 TB 이하로`: a point of reference
    ]
    labels = [_enumeration_label(sentence, quantity) for quantity in quantities]
    for index, label in _paired_labels(sentence, quantities).items():
        labels[index] = label
    enumerated = len({label for label in labels if label}) >= 2
    # the years printed right before a figure belong to that figure only
    bound = {year.start() for quantity in quantities if (year := _year_right_before(sentence, quantity, years))}
    bound |= {year.start() for quantity in quantities for year in years if _BRACKETED_YEAR.match(sentence, quantity.end)
              and _BRACKETED_YEAR.match(sentence, quantity.end).end() >= year.end() > quantity.end}
    for index, quantity in enumerate(quantities):
        quantity.quote = quote if len(quote) <= _LONGEST_QUOTE else _bracket_around(printed, quantity) or quote
        if quantity.in_series:  # its year, measure and label were read with its series
            quantity.subject = _subject(sentence, quantity, spans)
            continue
        if quantity.kind == "money":
            quantity.measure = _money_measure(sentence, quantity)
            if quantity.measure == "growth" and _FALL.match(sentence, quantity.end):
                _negate(quantity)  # `53억∼448억 달러 감소`: a fall
            if quantity.measure == "other" and context and not names_a_measure(sentence):
                quantity.measure = measure_named(context)  # `(삼성SDI) 1조764억원` under `*2022년 기업별 R&D 비용`
        _bind_years(sentence, quantity, years, bound, enumerated)
        quantity.scope = _scope(sentence, quantity)
        quantity.subject = (
            _spent_on(sentence, quantity) or _owned(sentence, quantity) or _subject(sentence, quantity, spans)
            or _whole_of(sentence, quantity) or _bracketed_under(sentence, quantity) or _lead_in(sentence)
        )
        if quantity.kind == "money":  # an amount beside a share (`32.4%(약 85억 달러)`) is the market's, not the share's
            quantity.subject = re.sub(r"\s?(?:점유율|비중)$", "", quantity.subject)
        if enumerated and labels[index]:
            # a country keeps the scope, and the figure's own label (`중국의 ... 점유율: 채굴의 63%`) names its segment
            if quantity.scope in ("", "세계", "국내", "해외"):
                quantity.scope = labels[index]
            else:
                quantity.subject = f"{quantity.subject} ({labels[index]})" if quantity.subject else labels[index]
        ranked_in = quantity.kind == "rank" and _RANK_SCOPE.search(sentence, 0, quantity.start)  # `세계 3위` keeps 세계
        if quantity.measure in ("share", "rank") and not labels[index] and not ranked_in and (
            holder := _holder(sentence, quantity)
        ):
            quantity.scope = holder  # `마크로젠은 국내 ... 점유율 1위`, `시장의 70% 이상 외산이 차지`: who holds it
        bought = _BOUGHT.search(sentence, 0, quantity.start) if quantity.kind == "money" else None
        if bought and re.match(r"\s*에\s*인수", sentence[quantity.end :]):
            # `Merck사는 GlycoFi를 4억 달러에 인수`: the buyer holds the deal, the bought one names it
            quantity.scope, quantity.subject = bought.group("buyer"), f"{bought.group('bought')} 인수"
        if not quantity.scope:
            # a firm the sentence names as acting (`삼성전자는 ... 30% 점유율`), not one forecasting (`IDC는 ... 전망`)
            actor = actor_of(sentence[: quantity.start])
            partner = re.search(r"(\S{2,15}?)(?:와|과)\s+" + re.escape(actor) + r"(?:이|가|은|는)", sentence) if actor else None
            quantity.scope = "" if _FORECASTER.fullmatch(actor) else f"{partner.group(1)}·{actor}" if partner else actor
        total = _breakdown_total(sentence, quantities, index)
        if total:  # `총 1,812억원(국비 1,306억, 지방비 506억)`: a part of the total, held by its label
            label = re.search(r"([가-힣A-Za-z]{1,8})\s*$", sentence[: quantity.start]).group(1)
            quantity.subject, quantity.scope = total.subject, quantity.scope or label
            quantity.year, quantity.year_from, quantity.year_to = total.year, total.year_from, total.year_to
        if not quantity.subject and not labels[index]:
            topic, heading = _clause_topic(sentence, quantity, spans), _heading_subject(context)
            if topic and heading and not quantity.scope and re.match(r"[\s\-•·*]*" + re.escape(topic), sentence):
                quantity.scope, quantity.subject = topic, heading  # `-음극 12.8%` under `전고체 배터리 R&D 투자`
            else:
                quantity.subject = topic or heading
        previous = quantities[index - 1] if index else None
        if previous and re.fullmatch(r"\s*\(\s*(?:약\s*)?", sentence[previous.end : quantity.start]):
            # a figure in brackets right after another (`4.5%(△1.0%p)`, `547만 6,055명(46.2%)`) shares its year
            quantity.scope = previous.scope
            quantity.year, quantity.year_from, quantity.year_to = previous.year, previous.year_from, previous.year_to
            if quantity.kind == "percent" and quantity.measure == "other":
                # the share of a count or an amount, the change of a rate
                quantity.measure = previous.measure if previous.kind == "percent" else "share"
    # a labelled percent of a list (`컴퓨터(104.2%)*, 반도체(25.3%)** 등의 수출 호조`) has the measure of its list
    listed = [q for q, label in zip(quantities, labels) if label and q.kind == "percent"]
    for quantity in listed:
        if quantity.measure == "other":
            quantity.measure = next((q.measure for q in listed if q.measure != "other"), "other")
    _bind_arrow_chains(sentence, quantities)
    _link_conversions(sentence, quantities)
    for quantity in quantities:
        quantity.printed = printed[quantity.start : quantity.end].strip()
    return quantities


def _negate(quantity: Quantity) -> None:
    quantity.value = -quantity.value if quantity.value is not None else None
    if quantity.low is not None and quantity.high is not None:
        quantity.low, quantity.high = -quantity.high, -quantity.low
        quantity.value = quantity.low


def _bracket_around(text: str, quantity: Quantity) -> str:
    """The bracketed part of an over-long text (a table run into one item) that holds the figure, if any:
    `(미국의 경우 제조업의 매출액 대비 연구개발비는 평균은 3∼4%수준, 제약산업은 12∼20% 정도)`."""
    opened: list[int] = []
    for position, char in enumerate(text):
        if char == "(":
            opened.append(position)
        elif char == ")" and opened:
            start = opened.pop()
            if start < quantity.start and quantity.end <= position and position - start >= 30:
                return text[start : position + 1]
    return ""


def _money(amount: Amount) -> Quantity:
    return Quantity(
        amount.value_printed, "", amount.value, amount.unit, amount.start, amount.end, amount.currency,
        amount.low, amount.high, flag=amount.doubt, kind="money",
    )


def describes_technical_property(sentence: str, start: int) -> bool:
    """Whether a technical property (efficiency, energy density, yield, accuracy) is named nearer before the figure
    at start, in its clause, than any market word."""
    clause = _CLAUSE_BREAK.split(sentence[max(0, start - 30) : start])[-1]
    technical = [m.end() for m in _TECHNICAL_PROPERTY.finditer(clause)]
    market = [m.end() for m in MARKET_WORDS.finditer(clause)]
    return bool(technical) and (not market or technical[-1] > market[-1])


def _percents(sentence: str):
    for match in _LATEX_CHANGE.finditer(sentence):  # `$\Delta 7.1\%$`: a fall of 7.1% written as a formula
        value = -float(match.group("value"))
        yield Quantity(match.group(0), "growth", value, "%", match.start(), match.end(), kind="percent")
    for match in _PERCENT.finditer(sentence):
        if re.search(r"(?:상위|하위)\s*$", sentence[: match.start()]):
            continue  # `사용량 상위 1% 이용자`: a threshold
        if _PATENT_SHARE.search(sentence, max(0, match.start() - 40), min(len(sentence), match.end() + 20)):
            continue  # `20% 이상 특허 출원 점유률 증가`, `특허 점유율 ... 52.3%`: patents, no market
        if describes_technical_property(sentence, match.start()) or _CONTENT_AFTER.match(sentence, match.end()):
            continue
        if _PROPERTY_AFTER.match(sentence, match.end()):
            continue  # `LFP대비 15~20% 에너지밀도 향상`
        if _POLICY_RATE.search(sentence, max(0, match.start() - 60), match.start()) or _RELIEF.match(sentence, match.end()):
            continue
        economy = list(_ECONOMY.finditer(sentence, 0, match.start()))
        if economy and not _MARKET_NOUN.search(sentence, economy[-1].end(), match.start()):
            continue
        value = float(match.group("value"))
        if match.group("sign") and match.group("sign").strip() in "-−△▽▼":
            value = -value
        elif not match.group("sign") and _FALL.match(sentence, match.end()):
            value = -value  # `1분기보다 12.6% 줄어든`
        low = float(match.group("low")) if match.group("low") else None
        if low is not None and low.is_integer() and 1 <= low <= 9 and value == (low + 1) * 10:
            low *= 10  # `8~90%` is how Korean writes 80~90%
        unit = "%p" if match.group("unit").replace(" ", "") in ("%p", "%포인트") else "%"
        changed = bool(match.group("sign")) and match.group("sign").strip() in "△▲▽▼+"
        if unit == "%p" and re.match(r"\s*(?:상향|하향)", sentence[match.end() :]):
            continue  # `전망대비 +1.4%p 상향`: a forecast revised, no rate
        measure = "growth" if changed else _percent_measure(sentence, match.start(), match.end())
        yield Quantity(
            match.group(0), measure, low if low is not None else value, unit, match.start(), match.end(),
            low=low, high=value if low is not None else None, kind="percent",
        )


def _percent_measure(sentence: str, start: int, end: int) -> str:
    """share or growth by the nearest telling word: up to 30 characters before the figure or 20 after it; but a
    percent of something (`GDP의 약 8.5%`, `전 세계시장의 20%까지`), one that takes 차지/점유 in its clause
    (`그중 75%가 ‘양자컴퓨팅’ 분야에서 차지`) and a level a share reaches (`점유율을 ... 20%까지 확대`) are shares."""
    before, after = sentence[max(0, start - 30) : start], sentence[end : end + 20]
    if re.search(r"(?:GDP|GNP|국내총생산)\s*(?:의|대비)\s*(?:약\s*)?$", before):
        return "other"  # `GDP의 약 8.5%`: the size of a thing against the economy, no market share
    clause_after = _CLAUSE_BREAK.split(sentence[end:], maxsplit=1)[0]
    if _PERCENT_OF.search(before) or re.search(r"차지|점유|장악", clause_after[:30]) or _PART_SPENT.match(sentence, end):
        return "share"
    if re.match(r"\s*(?:를|을)?\s*수입", after) or re.search(r"의존도\s*(?:는|은|가|이)?\s*(?:약\s*)?$", before):
        return "share"  # `쇼와덴코에서 100% 수입`, `ARM 의존도 90%`: a dependence
    if re.match(r"\s*\(\s*(?:약\s*)?[\d,.]+\s*(?:천|백)?\s*(?:만|억|조)?\s*(?:원|달러|불|유로)", after):
        return "share"  # `-고체전해질 47.8% (183억원)`: the part of an amount, printed beside it
    if re.match(r"\s*(?:이상|이하|수준)?\s*까지", after) and _SHARE_WORDS.search(sentence[:start]):
        return "share"
    if _LEVELS.search(sentence[:start]) and re.match(r"\s*로", after) and _SHARE_WORDS.search(sentence[:start]):
        return "share"  # `매출비중이 1990년 28%에서 2005년 41%로 확대`: the share moved, its levels are shares
    candidates = []
    for measure, words in (("share", _SHARE_WORDS), ("growth", _GROWTH_WORDS)):
        for match in words.finditer(before):
            candidates.append((len(before) - match.end(), measure))
        for match in words.finditer(after):
            candidates.append((match.start() + 4, measure))  # a word before the figure names it more surely
    if not candidates:
        # no telling word near: the nearest one before it in the sentence (`시장점유율은 ... 각 22.8%(...), 2.2%`)
        # or after it in its clause (`반도체 제조용장비(44.6%)*·자동차(36.0%)** 등의 수입이 크게 증가`)
        for measure, words in (("share", _SHARE_WORDS), ("growth", _GROWTH_WORDS)):
            for match in words.finditer(sentence[:start]):
                candidates.append((start - match.end(), measure))
            match = words.search(clause_after[:40])
            if match:
                candidates.append((match.start() + 4, measure))
    return min(candidates)[1] if candidates else "other"


# A series whose unit is printed once (`수입시장 점유율(%) : ('19) ①중국(18.1) ②멕시코(14.3)`, `국제유가 추이(두바이유,
# $/배럴) : ('19) 63.5 ('20) 42.2`), or on its last member only (`예산 : ('17) 1.26 → ('21) 2.35 → ('22 목표) 2.52조원`)
_SERIES_UNIT = re.compile(
    r"\((?:[^()]*?,\s*)?(?P<unit>%|(?:억|조|백만|천만|만)\s?(?:불|달러|원)|\$/(?:배럴|B|bbl)|달러/배럴)(?:\s*,[^()]*)?\)\s*[:：]"
)
_SERIES_LABEL = re.compile(r"(?P<label>[^:：]{2,40}?)\s*[:：](?=\s*\(\s*['’‘]\d{2})")
_SERIES_YEAR = re.compile(r"\(\s*(['’‘]\d{2})[^()]{0,6}\)")
_SERIES_MEMBER = re.compile(
    r"(?P<label>[①-⑳]?\s*[가-힣A-Za-z]{1,10})\((?P<inner>\d+(?:\.\d+)?)\)"
    r"|(?<=\))\s*(?P<bare>\d[\d,]*(?:\.\d+)?)(?![\d.,]*\s*(?:%|[가-힣]))"
)


def _series(sentence: str):
    head = _SERIES_UNIT.search(sentence) or _SERIES_LABEL.search(sentence)
    if not head:
        return
    unit_printed = head.groupdict().get("unit")
    if not unit_printed:
        last = next(iter(reversed(find_amounts(sentence[head.end() :], "KRW"))), None)
        if last is None:
            return
        unit = parse_unit(last.unit)
        unit_printed = last.unit
    else:
        unit = parse_unit(unit_printed.replace("불", "달러"))
    caption = head.groupdict().get("label") or sentence[: head.start()]
    years = list(_SERIES_YEAR.finditer(sentence, head.end()))
    for member in _SERIES_MEMBER.finditer(sentence, head.end()):
        printed = member.group("inner") or member.group("bare")
        start = member.start("inner") if member.group("inner") else member.start("bare")
        year = [y for y in years if y.end() <= start]
        if not year:
            continue
        percent = unit_printed == "%"
        value = float(printed) if percent else unit.amount(printed) if unit else None
        measure = ("share" if _SHARE_WORDS.search(caption) else "growth") if percent else (
            "price" if "/" in unit_printed else measure_named(caption))
        quantity = Quantity(printed, measure, value, "%" if percent else unit_printed, start, start + len(printed),
                            currency="" if percent or not unit else unit.currency, kind="percent" if percent else "money",
                            in_series=True)
        quantity.year = year_value(year[-1].group(1))
        if member.group("label"):
            quantity.scope = re.sub(r"^[①-⑳]\s*", "", member.group("label")).strip()
        yield quantity


def _ranks(sentence: str):
    for match in _RANK.finditer(sentence):
        if _NOT_RANKED.match(sentence, match.end()):
            continue  # `국내 기업은 10위권에 없음`
        if _NOT_MARKET_COUNT.search(sentence, max(0, match.start() - 40), match.end() + 20):
            continue  # `양자컴퓨팅 분야의 11위로 국제 특허수(151개)`: a rank of patents
        numbers_printed, unit = match.group("numbers"), match.group("unit")
        numbers = [int(n) for n in re.findall(r"\d+", numbers_printed)]
        if re.search(r"[~∼]", numbers_printed) and len(numbers) == 2:
            yield Quantity(match.group(0), "rank", numbers[0], unit, match.start(), match.end(),
                           low=numbers[0], high=numbers[1], kind="rank")
            continue
        # `세계 6, 10위`: one rank per number, each citing the whole printed list.
        for number in numbers:
            yield Quantity(match.group(0), "rank", number, unit, match.start(), match.end(), kind="rank")


def _multiples(sentence: str):
    for match in _MULTIPLE.finditer(sentence):
        if describes_technical_property(sentence, match.start()):
            continue
        if _POLICY_RATE.search(sentence, max(0, match.start() - 60), match.start()):
            continue
        if _COMPARATIVE.match(sentence, match.end()):
            continue  # `DDR1보다 2배 정도 빠르며`: a technical comparison
        value = float(match.group("value"))
        low = float(match.group("low")) if match.group("low") else None
        # `미국의 약 4배에 달함`: compared with another, no growth
        compared = re.search(r"(?<!년)(?<!년도)(?<!전년)(?<!작년)(?<!지난해)(?<!현재)의\s*(?:약\s*)?$", sentence[: match.start()])
        measure = "other" if compared else "growth"
        yield Quantity(match.group(0), measure, low if low is not None else value, "배", match.start(), match.end(),
                       low=low, high=value if low is not None else None, kind="multiple")


def _counts(sentence: str):
    for match in _COUNT.finditer(sentence):
        printed = match.group("amount").strip()
        unit = match.group("unit")
        value, _ = chain_value(printed)
        low = None
        if match.group("low") and value:
            # `45만~50만 명`; `225~300만명`: a low end without a scale takes the high end's
            low, _ = chain_value(match.group("low"))
            if re.fullmatch(NUMBER, match.group("low")) and low:
                low *= value / float(re.match(NUMBER, printed).group(0).replace(",", ""))
        if value is None or (value < 100 and unit not in ("회선", "가구", "가입자")):
            continue
        if re.match(r"\s*중\s*\d", sentence[match.end() :]) or _NAMED_BY_COUNT.match(sentence, match.end()):
            continue  # `100명 중 20명`: the base of a ratio; `10만 명 유전체 프로젝트`: a project's name
        if _NOT_MARKET_COUNT.search(sentence, 0, min(len(sentence), match.end() + 16)):
            continue  # `특허 ... 2010년 약 200개 → 2020년 약 1,600개`, `타겟의 급증 (300∼500개`: no market counts
        if unit == "곳" and sentence[match.end() : match.end() + 1] == "에":
            continue  # `4천여 곳에 5G망을 구축`: the places a thing is built at
        if unit in ("개사", "개소", "곳", "개") and re.match(r"\s*(?:[가-힣]+\s*){0,2}?(?:지원|육성|선정|발굴|유치)", sentence[match.end() :]):
            continue  # `500개사 맞춤형 지원`: a programme's target, no market count
        start = match.start()
        yield Quantity(match.group(0).strip(), "count", low if low is not None else value, unit, start,
                       start + len(match.group(0).strip()), low=low, high=value if low is not None else None, kind="count")


def _volumes(sentence: str):
    """Physical market volumes (`2030년 12.7~25.4GW`, `30만 2,278 TB`): a market size when the nearest measure word
    before them says 시장 or 규모, else other."""
    for match in _VOLUME.finditer(sentence):
        value, _ = chain_value(match.group("value"))
        low = float(match.group("low").replace(",", "")) if match.group("low") else None
        quantity = Quantity(match.group(0), "", low if low is not None else value, match.group("unit"), match.start(),
                            match.end(), low=low, high=value if low is not None else None, kind="volume")
        quantity.measure = "market_size" if _money_measure(sentence, quantity) == "market_size" else "other"
        if re.search(r"생산\s?능력|공장|캐파|[Cc]apa", sentence[max(0, match.start() - 30) : match.start()]):
            quantity.measure = "other"  # `난징공장에서 생산능력 확대 (62GWh →145GWh)`: a plant's capacity
        if quantity.unit in ("PB", "EB") or _NAMED_BY_COUNT.search(sentence, max(0, match.start() - 40), match.start()):
            continue  # `10만 명 유전체 프로젝트 ... 유전체 서열 21PB 생산`: data a project produced
        yield quantity


def _money_measure(sentence: str, quantity: Quantity) -> str:
    """The measure of a money figure: price for a per-unit amount, else the word nearest before it in its clause
    (가격, 투자, 매출, 시장), else the nearest after it, else other. A 규모 right after the figure (`90억 달러 규모의
    투자`, `1.4조 원 규모로 기술이전`) only says the figure is an amount: the word after it tells the measure. A
    figure of a thing (`1,446억원의 사업화 매출`) is measured by that thing."""
    before, after = sentence[: quantity.start], sentence[quantity.end :]
    if "/" in quantity.unit and not quantity.unit.endswith(("/년", "/건")) or _PER_UNIT.match(after) or _UNIT_OF.search(before):
        return "price"
    if _CHANGE_AMOUNT.match(after):
        return "growth"  # `17년 대비 22년 1조 3398억원 증가`: an amount of change
    sized = _SIZED_THING.match(after)
    if sized and (_SPENT_ON.search(sized.group("thing")) or re.search(r"사업|펀드|기금", sized.group("thing"))):
        return "investment"  # `41억 2,000만 위안 규모의 위성 인터넷망 프로젝트`: what a programme costs
    owner = _FIGURE_OF.match(after)
    if owner and (named := measure_named(owner.group(1))) != "other":
        return named
    own_size = _OWN_SIZE.match(after)
    if own_size and any(words.search(after[own_size.end() :]) for _, words in _MEASURE_WORDS):
        after = after[own_size.end() :]
    elif own_size and _BUILT.search(before) and "시장" not in sentence:
        return "investment"  # `클러스터 조성 (~’42년, 300조 원 규모)`: what building it costs
    best: tuple[int, str] | None = None
    for measure, words in _MEASURE_WORDS:
        for match in words.finditer(before):
            if measure == "market_size" and re.search(r"\d[^\s,(]*\s*$", before[: match.start()]):
                continue  # `(16GWh 규모, 파우치형, 3조원)`: the 규모 of another figure
            if measure == "market_size" and (sized := _SIZE_OF.search(before, 0, match.end())) and sized.end() == match.end():
                measure = measure_named(sized.group(1))  # `R&D 투자 규모가 ... 4,125백만 달러`: the size of an investment
            distance = len(before) - match.end()
            if best is None or distance < best[0]:
                best = (distance, measure)
    if best is not None:
        return best[1]
    for measure, words in _MEASURE_WORDS:
        match = words.search(after)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), measure)
    if best:
        return best[1]
    return "investment" if _SPENT_ON.search(sentence) else "other"


def measure_named(text: str) -> str:
    """The measure a caption or label names (`R&D 투자 규모` is investment, `시장 규모` market_size), else other;
    a bracketed note (`(출처: ICT R&D 기술로드맵)`) names nothing."""
    text = re.sub(r"\([^()]*\)", "", text)
    return next((measure for measure, words in _MEASURE_WORDS if words.search(text)), "other")


def names_a_measure(text: str) -> bool:
    """Whether text has a word that tells a money figure's measure (other's words, 인수 or 계약, included)."""
    return any(words.search(text) for _, words in _MEASURE_WORDS)


def dates_of(text: str) -> tuple[int | None, int | None, int | None]:
    """(year, year_from, year_to) a caption or heading dates its figures with: its one period (`투자(’17~’21)`), else
    its one year (`*2022년 기업별 R&D 비용`), else none."""
    periods = list(_PERIOD.finditer(text))
    if len(periods) == 1:
        return None, year_value(periods[0].group("from")), _period_to(periods[0])
    years = {year_value(m) for m in _YEAR.finditer(text)}
    return (years.pop(), None, None) if len(years) == 1 and not periods else (None, None, None)


def year_value(match: re.Match | str) -> int:
    printed = match if isinstance(match, str) else match.group(0)
    digits = re.sub(r"\D", "", printed)
    return int(digits) if len(digits) == 4 else 2000 + int(digits)


def _year_right_before(sentence: str, quantity: Quantity, years: list[re.Match]) -> re.Match | None:
    before = [m for m in years if m.end() <= quantity.start]
    if before and _YEAR_TO_FIGURE.match(sentence[before[-1].end() : quantity.start]):
        return before[-1]
    return None


def _bind_years(sentence: str, quantity: Quantity, years: list[re.Match], bound: set[int], listed: bool) -> None:
    """`listed`: the sentence lists figures each with its own label, so no figure takes another's year."""
    before = [m for m in years if m.end() <= quantity.start]
    after = [m for m in years if m.start() >= quantity.end and m.start() not in bound]
    right_before = _year_right_before(sentence, quantity, years)
    later = [m for m in years if m.start() >= quantity.end]
    versus = _VERSUS.search(sentence, 0, quantity.start)
    if quantity.measure == "growth" and versus and not _CLAUSE_BREAK.search(sentence, versus.end(), quantity.start):
        # `17년 대비 22년 1조 3398억원 증가`: the change from the one year to the other
        quantity.year_from, quantity.year_to = year_value(versus.group(1)), year_value(versus.group(2))
        return
    if quantity.measure == "growth" and before and later and _GROWS_TO.fullmatch(sentence, quantity.end, later[0].start()):
        # `2018년 약 6조 6,500억 원으로 연평균 13.2%로 성장하여 2021년에는`: from the last year before to the next
        quantity.year_from, quantity.year_to = year_value(before[-1]), year_value(later[0])
        return
    if right_before:
        period = _period_ending_at(sentence, right_before)
        if period:
            quantity.year_from, quantity.year_to = period
        else:
            _set_year(sentence, quantity, right_before)
        return
    bracket = _BRACKETED_YEAR.match(sentence, quantity.end)
    if bracket:
        quantity.year = year_value(re.search(r"(?:19|20)\d{2}|['’‘]\d{2}", bracket.group(0)).group(0))
        return
    if quantity.measure == "growth":
        periods = list(_PERIOD.finditer(sentence))
        earlier = [p for p in periods if p.end() <= quantity.start]
        period = earlier[-1] if earlier else next(iter(periods), None)
        if period:
            quantity.year_from, quantity.year_to = year_value(period.group("from")), _period_to(period)
            return
        in_clause = [m for m in before if not _CLAUSE_BREAK.search(sentence, m.end(), quantity.start)]
        if (len(in_clause) == 1 and in_clause[0].start() not in bound and quantity.start - in_clause[0].end() <= 15
                and not re.match(r"\s*년?도?\s*까지", sentence[in_clause[0].end() :])):
            _set_year(sentence, quantity, in_clause[0])  # `... 상회하였으며, '20년에도 對세계(△6.3%)`: that year's rate
            return
        # the years before a growth are those it spans (`2015년 ... 2017년 ... 184% 성장 ... 2019년까지 지속`)
        distinct = sorted({year_value(m) for m in before}) or sorted({year_value(m) for m in years})
        if len(distinct) >= 2:
            quantity.year_from, quantity.year_to = distinct[0], distinct[-1]
            return
        later = [m for m in years if m.start() >= quantity.end]
        if not before and later:
            quantity.year_to = year_value(later[0])  # `연평균 16.3%로 성장하여 2022년에는`: the end of the growth
            return
    unbound = [m for m in before if m.start() not in bound]
    if quantity.measure == "growth" and before and not unbound and _GROWS_INTO.search(sentence, before[-1].end(), quantity.start):
        quantity.year_to = year_value(before[-1])  # `'30년 1,000조원 규모로 성장 전망(연평균 10%↑)`: growing into 2030
        return
    # else a growth, or a figure of a list (`모바일기기 - 2014년 360조 이상, 자동차 튜닝 시장 - 100조원`), takes no year of
    # another figure (`5.5조원(‘17년)으로 연평균 10% 성장`)
    listed = listed or bool(before and _NEW_LIST_ITEM.search(sentence, before[-1].end(), quantity.start))
    before = unbound or ([] if quantity.measure == "growth" or listed else before)
    if before:
        period = _period_ending_at(sentence, before[-1])
        if period and period[0] != period[1]:
            quantity.year_from, quantity.year_to = period
        else:
            _set_year(sentence, quantity, before[-1])
    elif after and not (_VERB_BREAK if len(after[0].group(0)) > 2 else _CLAUSE_BREAK).search(
        sentence, quantity.end, after[0].start()
    ):
        # a year in a later clause dates what that clause says (`650대를 쏘아 올려 … 시작하고 2022년 5~6월까지`), and a
        # bare year (`17년`) in any later clause is as often a duration
        _set_year(sentence, quantity, after[0])


def _bind_arrow_chains(sentence: str, quantities: list[Quantity]) -> None:
    """`’30년까지 자립화율 30% → 50%`: the target year binds the figure after the arrow; the one before it is the
    current level, of the year or period in its own brackets (`9%(2021/22년도) → 15%`) if any."""
    for first, second in zip(quantities, quantities[1:]):
        arrow = _ARROW.fullmatch(sentence, first.end, second.start)
        if not arrow:
            continue
        targets = list(_TARGET_YEAR.finditer(sentence, 0, first.start))
        if _BRACKETED_YEAR.match(sentence, second.end):
            pass  # `77.5%(’13년) → 75.3%(’14년)`: each level is of its own year
        elif targets:
            second.year, second.year_from, second.year_to = year_value(targets[-1].group(1)), None, None
        else:
            second.year, second.year_from, second.year_to = first.year, first.year_from, first.year_to
        own = arrow.group("own") or ""
        period, year = _PERIOD.search(own), _YEAR.search(own)
        first.year = year_value(year) if year and not period else None
        first.year_from, first.year_to = (year_value(period.group("from")), _period_to(period)) if period else (None, None)
        if first.kind == second.kind == "percent" and first.measure == "share":
            second.measure = "share"


def _set_year(sentence: str, quantity: Quantity, year: re.Match) -> None:
    """The figure's year, or its end year when the year is printed as a bound (`~’42년`, `~'25`) or an amount spent
    or a growth reached up to it (`5,000억원 정책펀드 (’30년 까지)`, `2025년도까지 50배`), or the period a number of years
    up to it or from it spans (`2030년까지 10년간 총 5,955억원`: 2021 to 2030; `2024년부터 향후 10년간`: 2024 to
    2033)."""
    period = _PERIOD.match(sentence, year.start())
    if period and year.start() > quantity.end:  # `370억원 (’09~’11년까지)`: the period after the figure is its own
        quantity.year_from, quantity.year_to = year_value(period.group("from")), _period_to(period)
        return
    span = _YEARS_UP_TO.match(sentence, year.end(), quantity.start)
    years_from = _YEARS_FROM.match(sentence, year.end(), quantity.start)
    up_to = re.match(r"\s*년?도?\s*까지", sentence[year.end() :])
    years_before = _YEARS_BEFORE.search(sentence, year.end(), quantity.start)
    if span:
        quantity.year_from, quantity.year_to = year_value(year) - int(span.group(1)) + 1, year_value(year)
    elif years_from:
        quantity.year_from, quantity.year_to = year_value(year), year_value(year) + int(years_from.group(1)) - 1
    elif up_to and years_before:  # `’22년까지 ... 투입(3년간 총 300억원 규모)`: 2020 to 2022
        quantity.year_from, quantity.year_to = year_value(year) - int(years_before.group(1)) + 1, year_value(year)
    elif re.search(r"[~∼]\s*$", sentence[max(0, year.start() - 3) : year.start()]) or re.match(
        r"\s*년?\s*이전", sentence[year.end() :]  # `5년 내(2023년 이전)`: by then
    ) or (
        quantity.measure in ("investment", "growth") and up_to
    ):
        quantity.year_to = year_value(year)
    else:
        quantity.year = year_value(year)


def _period_ending_at(sentence: str, year: re.Match) -> tuple[int, int] | None:
    for period in _PERIOD.finditer(sentence, max(0, year.start() - 20), year.end() + 1):
        if period.end() >= year.end() - 1 and period.start() <= year.start():
            return year_value(period.group("from")), _period_to(period)
    return None


def _period_to(period: re.Match) -> int:
    to = period.group("to")
    return year_value(to if not to.isdigit() or len(to) == 4 else "'" + to)


def _scope(sentence: str, quantity: Quantity) -> str:
    """The nearest place word before the figure in its clause, else the first after it in its clause, else the last
    bracketed place label before it (`(미국) 애리조나에 ... (16GWh 규모, 파우치형, 3조원)`), else the place the sentence
    opens with, else the nearest before it in the sentence; a rank's own word (`세계 3위`) scopes the rank.
    A country's part of the world (`중국의 글로벌 ... 점유율`) is the country's, and the world a share is of (`세계
    시장 규모의 75%`) is no scope of that share."""
    if quantity.kind == "rank" and (own := _RANK_SCOPE.search(sentence, 0, quantity.start)):
        return scope_name(own.group(1))
    words = [m for m in PLACE.finditer(sentence) if not _is_denominator(sentence, m, quantity)]
    before = [m for m in words if m.end() <= quantity.start]
    # a clause starts after a break or at a bracketed place that labels what follows (`(미국) 애리조나에 ... 3조원`)
    clause_start = max(
        [m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, quantity.start)]
        + [m.start() for m in _PLACE_LABEL.finditer(sentence, 0, quantity.start)],
        default=0,
    )
    in_clause = [m for m in before if m.start() >= clause_start]
    after = [m for m in words if m.start() >= quantity.end and not _CLAUSE_BREAK.search(sentence[quantity.end : m.start()])]
    labels = [m for m in before if any(l.start() < m.start() < l.end() for l in _PLACE_LABEL.finditer(sentence))]
    opening = [m for m in before if m.start() <= 12][:1]
    chosen = next(
        (group[0] if group is after else group[-1] for group in (in_clause, after, labels, opening, before) if group), None
    )
    if chosen and (scope_name(chosen.group(1)) == "세계" or quantity.kind == "percent"):
        # `중국의 글로벌 ... 점유율`, `(한국의 EU시장 점유율) ’20년 68%`: the country holds its part of that market
        country = [m for m in words if m.end() <= chosen.start() and re.fullmatch(r"의\s*", sentence[m.end() : chosen.start()])]
        if country and scope_name(country[-1].group(1)) not in ("세계", "해외"):
            chosen = country[-1]
    return scope_name(chosen.group(1)) if chosen else ""


def _is_denominator(sentence: str, place: re.Match, quantity: Quantity) -> bool:
    """`세계시장의 약 75%`, `세계 시장 규모의 75%`: the whole a share is of; `미국의 8배`: what a multiple compares with."""
    if quantity.kind == "multiple":
        return bool(re.fullmatch(r"\s*의\s*(?:약\s*)?", sentence[place.end() : quantity.start]))
    if quantity.kind == "percent" and re.fullmatch(r"\s*(?:[가-힣A-Za-z]+\s)?시장\s*점유율\s*", sentence[place.end() : quantity.start]):
        return scope_name(place.group(1)) == "세계"  # `탄소소재 글로벌 시장 점유율 15%`: a share of the world market
    return quantity.kind == "percent" and bool(
        re.fullmatch(r"\s*(?:시장|[가-힣A-Za-z]{0,8}\s?시장)?\s*(?:규모)?\s*의\s*(?:약\s*)?", sentence[place.end() : quantity.start])
    )


# who holds a share or rank: the topic its clause opens with (`i) 마크로젠은 국내 ... 점유율 1위`), a quoted name
# (`‘의료로봇’이 ... 27.5%`), or the subject that 차지 it after it (`70% 이상 외산이 차지`)
_HOLDER_BEFORE = re.compile(
    r"^(?:\s*(?:[a-z가-하ivx]{1,4}\)|[-•·*※●]))?\s*(?P<name>[A-Za-z가-힣][A-Za-z0-9가-힣&·]{1,14}?)(?:은|는|이|가|에서는)\s"
    r"|['‘](?P<quoted>[A-Za-z가-힣][A-Za-z0-9가-힣&·\s]{1,14}?)['’](?:은|는|이|가)\s"
)
_HOLDER_AFTER = re.compile(
    r"\s*(?:이상|이하|가량|정도)?\s*(?:를|을)?\s*['‘]?(?P<name>[A-Za-z가-힣]{2,10}?)['’]?(?:이|가)\s*(?:차지|점유|장악)"
    r"|\s*(?:이상|이하|가량|정도)?\s*(?:를|을)\s*(?:차지|점유|장악)하는\s+(?P<after>[A-Za-z가-힣]{2,10}?)(?:에|의|은|는|이|가|\s|$)"
)
_NOT_HOLDER = re.compile(r"시장|점유|비중|규모|매출|수출|수입|투자|가격|비율|이용자|기준|전체|경우|결과|기업들|업체|제품")


def _holder(sentence: str, quantity: Quantity) -> str:
    depended = re.search(r"(?P<name>[A-Za-z가-힣]{2,12})\s*의존도\s*(?:는|은|가|이)?\s*(?:약\s*)?$", sentence[: quantity.start])
    if depended:
        return scope_name(depended.group("name"))  # `ARM 의존도 90%`: the one depended on
    after = _HOLDER_AFTER.match(sentence, quantity.end)
    if after and not _NOT_HOLDER.search(name := after.group("name") or after.group("after")):
        return scope_name(name)
    clause_start = max((m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, quantity.start)), default=0)
    clause = sentence[clause_start : quantity.start]
    names = [m.group("name") or m.group("quoted") for m in _HOLDER_BEFORE.finditer(clause)]
    names = [n for n in names if not _NOT_HOLDER.search(n) and n not in _NOT_SUBJECT and n not in _ADVERBS
             and not re.search(r"\d|년$", n) and not _FORECASTER.fullmatch(n)]
    return scope_name(names[-1]) if names else ""


def scope_name(word: str) -> str:
    word = word.replace(" ", "")
    return _SCOPE_NAMES.get(word, word)


def _enumeration_label(sentence: str, quantity: Quantity) -> str:
    """The label right before a figure, as in a list of figures each after its own label (`SK텔레콤 547만
    6,055명(46.2%), KT 361만 ...`, `배관이 93%, 튜브 트레일러가 7%`, `채굴의 63%, 가공의 85%`, `E2CDA(60억/년),
    차세대메모리(180억/년)`): the figure's scope when the sentence has two labels or more."""
    before = sentence[: quantity.start]
    bracket = re.search(r"\(\s*(?:약\s*)?$", before)
    if bracket:
        before = before[: bracket.start()]
    elif "," not in sentence:
        return ""
    words = re.split(r"[,，·(:：]|및", before)[-1].split()
    if "등" in words:  # `R&D·법률 등 기타사업서비스(10.1%)`
        words = words[len(words) - words[::-1].index("등") :]
    if words and not bracket:
        words[-1] = re.sub(r"(?:이|가|은|는|의|에서)$", "", words[-1])
    label = _after_last_particle(" ".join(words))
    return label if _is_label(label) else ""


def _is_label(label: str) -> bool:
    if not label or not re.match(r"[A-Za-z가-힣]", label) or len(label) == 1:
        return False
    telling = (_SHARE_WORDS, _GROWTH_WORDS, *(words for _, words in _MEASURE_WORDS))
    if _PARTICLE_END.search(label) or len(label.split()) > 3 or re.search(r"년|기준|약|총|대비|중|각", label):
        return False
    if any(word in _NOT_SUBJECT or word in _ADVERBS for word in label.split()):
        return False
    # a label names a segment, not a measure: no telling word ends it (`기타사업서비스` is one, `시장 점유율` is not)
    last = label.split()[-1]
    return not any(m.end() == len(last) for words in telling for m in words.finditer(last)) and not PLACE.fullmatch(label)


# `A와 B가 세계 6, 10위`, `신경질환 및 조혈장애 치료 분야는 각 22.8%(...), 2.2%(...)`: names listed before a run of figures
_NAMES_BEFORE_RUN = re.compile(
    r"(?:^|[,:：]\s*|\s)(?P<names>[A-Za-z가-힣][^,()]*?(?:와|과|및)\s*[^,()]*?)(?:이|가|은|는)\s+"
    r"(?:각각?\s*|(?:전\s?)?세계\s*(?:시장\s*)?(?:점유율\s*)?)*$"
)


def _after_last_particle(phrase: str) -> str:
    """`기업으로는 엘앤에프` -> 엘앤에프: the words after the last one that ends in a particle."""
    words = phrase.split()
    particled = [i for i, word in enumerate(words) if re.search(r"(?:으로는|로는|에서는|에는)$", word) or _PARTICLE_END.search(word)]
    return " ".join(words[particled[-1] + 1 :] if particled else words)


def _paired_labels(sentence: str, quantities: list[Quantity]) -> dict[int, str]:
    """Each figure of a run after a list of names (`엘앤에프와 에코프로비엠이 세계 6, 10위`) labelled with the name
    in its place, when there are as many figures of one kind in the run as names."""
    paired: dict[int, str] = {}
    for first, quantity in enumerate(quantities):
        if first in paired or (first and quantities[first - 1].start == quantity.start):
            continue
        names_match = _NAMES_BEFORE_RUN.search(sentence, 0, quantity.start)
        if not names_match:
            continue
        names = [_after_last_particle(re.sub(r"^(?:국내|중국|미국|일본|벨기에의?|한국)\s+", "", n.strip()))
                 for n in re.split(r"와\s|과\s|및", names_match.group("names").strip() + " ")]
        names = [n for n in names if n]
        run = [i for i in range(first, len(quantities)) if quantities[i].kind == quantity.kind
               and not re.search(r"[.;]|(?:으며|이며|하며|하고)\s", sentence[quantity.end : quantities[i].start])]
        run = [i for i in run if not re.fullmatch(r"\s*\(\s*(?:약\s*)?", sentence[quantities[i - 1].end : quantities[i].start])
               or i == first]
        if len(names) >= 2 and len(run) == len(names) and all(_is_label(n) for n in names):
            paired.update(zip(run, names))
    return paired


_CAUSE = re.compile(r"\s*(?:\S+\s*){0,1}?(?:등으로|으로\s*인해|로\s*인해|때문)")


def _closed_between(sentence: str, start: int, end: int) -> bool:
    """Whether `start` is in an aside, a bracket opened right after a word, that closes before `end` (a bracket that
    opens an item, `(중국의 EU시장 점유율) ’20년 17%`, is its label)."""
    opened = sentence.rfind("(", 0, start)
    if opened <= 0 or sentence[:start].count("(") <= sentence[:start].count(")"):
        return False
    return bool(re.match(r"[가-힣A-Za-z0-9]", sentence[opened - 1])) and ")" in sentence[start:end]


_PART_OF_WHOLE = re.compile(r"(?:그|이)\s?중(?:에서)?\s")  # `총 700억 원으로 그 중 연료전지는 150억 원`
_MEASURE_TOPIC = re.compile(r"성장률|증가율|감소율|점유율|비중|규모|CAGR|가격|단가|순위")


def _new_topic_between(sentence: str, start: int, end: int) -> bool:
    """Whether a clause ends between `start` and `end` and the next one opens with a topic of its own (`AR/VR 시장은
    ... 전망되고 있으며, 햅틱 분야는 2023년 ...`; not `연료전지 시장은 ... 보이고 있으며 2015년 기준 ...`)."""
    breaks = list(_VERB_BREAK.finditer(sentence, start, end)) + list(_PART_OF_WHOLE.finditer(sentence, start, end))
    if not breaks:
        return False
    breaks.sort(key=lambda match: match.end())
    for word in sentence[breaks[-1].end() : end].split():
        stem, particle = trailing_particle(word.strip(",;"))
        if particle in ("은", "는") and not re.search(r"(?:에|에서|으로|로|\d년|월)$", stem) and not _MEASURE_TOPIC.search(stem):
            return True  # `연평균 성장률은 약 7%` names the measure of the same subject
    return False


def _inside_bracket(sentence: str, start: int, position: int) -> bool:
    """Whether `position` is inside a bracket opened after `start`."""
    between = sentence[start:position]
    return between.count("(") > between.count(")")


def _subject(sentence: str, quantity: Quantity, spans: list[tuple[int, int]]) -> str:
    """What is measured: the phrase ending in the last head word (시장, 매출, 가입자, 가격, ...) before the figure
    in its clause, else the first after it in its clause: the head's word and up to three words before it that carry no
    particle but 의 (`PC DRAM의 평균 가격` -> PC DRAM 평균 가격); place words and years dropped."""
    words = [(m.start(), m.group(0)) for m in re.finditer(r"\S+", sentence)]
    # 규모 right after a figure (`2조 원 규모`) qualifies that figure, it does not name a subject (`800억원 혁신펀드` does)
    heads = [
        i for i, (start, word) in enumerate(words)
        if _SUBJECT_HEAD.search(word) and not (word.startswith("규모") and any(0 <= start - end <= 4 for _, end in spans))
    ]
    # a head in a bracket the figure is not in (`시나리오(2030년까지 전기자동차 시장점유율 30% 달성)에서는 ... 36%`), in a
    # cause (`지재권사용료·여행 수입 증가 등으로`) or before 따르면 names no subject of the figure
    # nor does a head a clause ends after (`AR/VR 시장은 ... 전망되고 있으며, 햅틱 분야는 ... 230억 달러`)
    before = [
        i for i in heads if words[i][0] < quantity.start and "따르면" not in sentence[words[i][0] : quantity.start]
        and not _closed_between(sentence, words[i][0], quantity.start)
        and not _CAUSE.match(sentence, words[i][0] + len(words[i][1]))
        and not (quantity.measure not in ("share", "rank") and _new_topic_between(sentence, words[i][0], quantity.start))
    ]
    # after the figure, a head in a bracket (`340조원 투자(기술개발, 설비투자)`) or past a `+` names a part or another thing
    after = [
        i for i in heads if words[i][0] >= quantity.end
        and not _CLAUSE_BREAK.search(sentence[quantity.end : words[i][0]]) and "+" not in sentence[quantity.end : words[i][0]]
        and not _inside_bracket(sentence, quantity.end, words[i][0] + _SUBJECT_HEAD.search(words[i][1]).start())
    ]
    if not (before or after):
        return ""
    index = before[-1] if before else after[0]
    while not before and index + 1 in after and index + 1 <= after[0] + 2:
        index += 1  # `2위 전기차 판매 시장으로`: the run of words after the figure ends at its last head
    word = words[index][1]
    head = _SUBJECT_HEAD.search(word)
    phrase = [word[: head.end()] + _HEAD_TAIL.match(word, head.end()).group(0)]
    about = False  # after `에 대한`: the word before it names what the head is about
    for previous_start, previous in reversed(words[max(0, index - 6) : index]):
        bare = re.sub(r"의$", "", previous).lstrip("·•-*※∙")
        if bare in ("대한", "관한") and len(phrase) == 1:
            about = True  # `이송 그리퍼에 대한 세계 시장` -> 이송 그리퍼 시장
            continue
        if about:
            bare, about = re.sub(r"(?:에|을|를)$", "", bare), False
        if bare == "및" and len(phrase) > 1:
            phrase.insert(0, bare)  # `유전체분석 및 정보 분석 분야의 국내시장 규모`
            continue
        stop = _PARTICLE_END.search(bare) or _VERB_END.search(bare) or bare in _NOT_SUBJECT or bare in CURRENCIES
        # a word of a figure or right after one (`2조 원 규모의 시장`, `2,000억 원/ M&A펀드`) starts no subject
        stop = stop or any(0 <= previous_start - end <= 4 or start <= previous_start < end for start, end in spans)
        numeric = re.match(r"\d", bare) and not re.search(r"[A-Za-z]", bare)
        if re.fullmatch(r"전\s?세계|세계|글로벌|국내|해외", bare) and not stop:
            continue  # `탄소소재 글로벌 시장 점유율`: the world is the scope, the words before it still name the market
        if bare.startswith("(") and word.endswith(")") and not stop and re.fullmatch(r"\([\w·&/\-]+", bare):
            if not PLACE.fullmatch(bare[1:]):  # `(중국의 EU시장 점유율)`: the place is the scope
                phrase.insert(0, bare[1:])  # `(탄소소재 시장) 52조원`: a bracketed label starts at its bracket
            break
        if stop or numeric or re.search(r"[^\w·&/\-]", bare) or len(phrase) - phrase.count("및") > 5:
            break
        phrase.insert(0, bare)
    while phrase and phrase[0] == "및":
        phrase.pop(0)
    phrase = [re.sub(r"^(?:전\s?세계|세계|글로벌|국내|해외)(?=[가-힣])", "", w) for w in phrase if w not in ("전",)]
    return " ".join(w for w in phrase if w)


# what an amount is spent on (`미래차 핵심 반도체 기술개발에 '22년까지 2,000억원 이상을 집중 투입`), the programme it
# sizes (`90억원 규모의 ‘신성장동력 장비경쟁력강화사업’`), the whole a percent is of (`對세계 서비스교역(2,345억불)의 21%`)
_SPENT_ON_BEFORE = re.compile(
    r"(?P<thing>(?:[^\s,()]+\s){0,3}?[^\s,()]+?)에\s+(?:(?:총|약|연간|집중|매년|['’‘]?\d{2,4}년까지)\s*)*$"
)
_SPENT_AFTER = re.compile(r"\s*(?:이상|가량|내외)?\s*(?:을|를)?\s*(?:집중\s*)?(?:투입|투자|지원|제공|배정|편성)")
_SIZED_THING = re.compile(
    r"\s*규모(?:의|인)\s*['‘“「]?(?P<thing>[^'’”」,.()]{2,30}?)['’”」]?\s*(?:을|를|이|가|은|는|에|의|으로|로)(?:\s|$)"
)
_WHOLE_OF = re.compile(r"(?P<thing>(?:[^\s,()]+\s){0,2}[^\s,()]+?)(?:\([^()]*\))?의\s*(?:약\s*)?$")


def _spent_on(sentence: str, quantity: Quantity) -> str:
    """What the sentence says an amount is spent on or sizes, else ''."""
    if quantity.kind != "money":
        return ""
    spent_on = _SPENT_ON_BEFORE.search(sentence, 0, quantity.start)
    if spent_on and _SPENT_AFTER.match(sentence, quantity.end):
        return _bare_phrase(spent_on.group("thing"))
    sized = _SIZED_THING.match(sentence, quantity.end)
    if sized and (_SPENT_ON.search(sized.group("thing")) or re.search(r"사업|펀드|기금", sized.group("thing"))):
        return _bare_phrase(sized.group("thing"))
    return ""


def _owned(sentence: str, quantity: Quantity) -> str:
    """The thing an amount is printed as the amount of (`10억 파운드의 민간 투자 창출`), when it names a measure, or
    the things a count counts (`649명의 신규 일자리 중`), else ''."""
    owner = _FIGURE_OF.match(sentence, quantity.end) if quantity.kind in ("money", "count") else None
    if not owner:
        return ""
    if quantity.kind == "count":
        counted = []
        for word in owner.group(1).split():
            bare = re.sub(r"(?:으로|에서|에게|을|를|은|는|이|의|에|와|과)$", "", word)
            if bare in _NOT_SUBJECT or len(bare) < 2:
                break
            counted.append(bare)
            if bare != word:
                break  # `649명의 신규 일자리 중`, `122건의 중핵기업 유치와`: the counted phrase ends at its particle
        return " ".join(w.strip("‘’'“”") for w in counted if not PLACE.fullmatch(w) and not re.search(r"\d", w))
    if not (head := _SUBJECT_HEAD.search(owner.group(1))):
        return ""
    phrase = _bare_phrase(owner.group(1)[: head.end()])
    return phrase if " " in phrase else ""  # a bare `예산` says less than the sentence's own subject


def _bracketed_under(sentence: str, quantity: Quantity) -> str:
    """An amount in the brackets after an item (`②세라믹 전고체 배터리 연구허브 설립(’22) (1,100만 달러, 약 146 억원)`,
    `유망 반도체 기술 R&D (예타 추진 중, 약 1.4조 원 규모)`) is that item's, else ''."""
    if quantity.kind != "money":
        return ""
    item = re.search(r"(?P<item>[^()]{4,60}?)\s*(?:\([^()]*\)\s*)?\([^()]*$", sentence[: quantity.start])
    if not item or re.search(r"(?:\d|원|달러|불|유로|엔|위안)\s*$", item.group("item")):
        return ""  # `2만 달러(약 2,500만 원)`: a printed conversion, no item
    return _bare_phrase(re.sub(r"^[\W①-⑳]+", "", item.group("item")))


_SECTION_ROLES = {"목표", "개요", "성과", "세부내용", "실행계획", "현황", "배경", "시사점", "전망", "계획", "내용", "추진",
                  "과제", "예", "예시", "참고", "시장전망", "기대효과", "효과", "문제점", "필요성", "주요내용"}


def _lead_in(sentence: str) -> str:
    """The label a bullet opens with (`- (시스템 SW) ...`, `(소부장기반) ...`), when it is no place, firm or date, else ''."""
    label = re.match(r"^\s*[-*•·※●∙]?\s*\((?P<label>[가-힣A-Za-z][가-힣A-Za-z0-9·&/\s]{1,20})\)", sentence)
    if not label or PLACE.fullmatch(label.group("label")) or actor_of(f"({label.group('label')})"):
        return ""
    if label.group("label").strip() in _SECTION_ROLES:
        return ""  # `(목표) ...`, `(성과) ...`: what the bullet is, not what it measures
    return label.group("label").strip()


def _whole_of(sentence: str, quantity: Quantity) -> str:
    """For a share with no subject of its own, the whole it is printed as a part of, else ''."""
    whole = _WHOLE_OF.search(sentence, 0, quantity.start) if quantity.measure == "share" else None
    return _bare_phrase(whole.group("thing")) if whole else ""


def _heading_subject(context: str) -> str:
    """What the heading or item a text is listed under measures (`*2022년 기업별 R&D 비용`, `①전고체 배터리 R&D
    투자(’17~’21) (1,141억원)`), when it names more than a bare head word, else ''."""
    if not context or len(context) > _LONGEST_HEADING:
        return ""  # a sentence (a brief's dash item is read with the item before it) is no heading
    end = Quantity("", "other", None, "", len(context), len(context))
    spans = [(amount.start, amount.end) for amount in find_amounts(context, "KRW")]
    subject = _subject(context, end, spans).lstrip("①②③④⑤⑥⑦⑧⑨⑩")
    return subject if " " in subject else ""


def _breakdown_total(sentence: str, quantities: list[Quantity], index: int) -> Quantity | None:
    """The amount whose bracket an amount is a labelled part of (`총 5,955억원(국비 5,423억원, 민간 532억원)`), else
    None."""
    part = quantities[index]
    if part.kind != "money":
        return None
    for total in reversed(quantities[:index]):
        between = sentence[total.end : part.start]
        if total.kind != "money":
            return None
        if re.fullmatch(r"\s*\(\s*[가-힣A-Za-z]{1,8}\s+", between):
            return total
        if not re.fullmatch(r"\s*,\s*[가-힣A-Za-z]{1,8}\s+", between):
            return None
        part = total  # a part before it in the same bracket (`국비 1,306억, 지방비 506억`): look past it
    return None


# words between a topic and its figure that say how or when, not what (`2017~2025년 중 용량 기준으로 연평균 약 22%`)
_FILLER = re.compile(
    r"(?:약|총|연평균|연간|연|매년|무려|현재|최근|이미|각각|모두|다시|이상|평균|규모|합계|누계|누적|기준|중|간|동안|최종|첫|"
    r"올해|금년|향후|이후|당시|[가-힣]{0,4}기준(?:으로|으로는)?|\(?[^()\s]*\d[^()\s]*\)?)"
)
_TIME_RELATION = {"이후", "이전", "후", "전", "당시", "이래"}
_WITHIN_PHRASE = {"연평균", "평균", "누적", "연간"}
_STAGE_NUMBER = re.compile(r"\d+(?:상|단계|차|세대)")
_OUTLINE_MARK = re.compile(r"\(?(?:\d{1,2}|[a-z]|[ivx]+|" + OUTLINE_LETTER + r")\)")
# words that end a clause or an adverbial phrase, not a noun (`따르면`, `의해`, `미국에만`)
_NOT_NOUN_END = re.compile(
    r"(?:따르면|의하면|의해|위해|통해|대해|인해|에만|에서|으로|하여|하고|하며|되어|되고|면서|하면|이며|이고|처럼|보다|까지|부터)$"
    r"|[가-힣]{2}(?:로|해)$"  # `이슈로`, `발사해`; 회로 and 피해 are nouns
    r"|[가-힣)]{2}만$|(?:더라|는다|한다|된다|했다|이다|있다|없다)$"  # `학생만`, `(재료비)만`, `받는다`
)


def _clause_topic(sentence: str, quantity: Quantity, spans: list[tuple[int, int]]) -> str:
    """Failing every other reading, the noun phrase the figure's clause opens with or the figure follows
    (`콘텐츠 추천 엔진 마켓은 2017년 11.6억 달러`, `현재 기업가치는 3600억원`, `사물인터넷(IoT) 가입도 1천만 회선`,
    `중국 반도체 산업 연평균 성장률 20%`): its words back from the one nearest the figure, past words that only say
    when or how it is counted, up to a word that ends a clause or takes another particle; never a place or a firm,
    which are scopes, else ''."""
    clause_start = max((m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, quantity.start)), default=0)
    clause_start = max([clause_start] + [end for start, end in spans if end <= quantity.start])
    before = sentence[clause_start : quantity.start]
    if before.rstrip().endswith("(") or re.search(r"\([^()]*$", before):
        return ""  # a figure inside a bracket (`석유제품(△46.5%)`, `(국비 1,306억`) belongs to what the bracket follows
    phrase: list[str] = []
    basis = False  # the word before `기준으로` says what is counted by (`용량 기준으로`), not what is counted
    for word in reversed(before.split()):
        bare = word.strip("·•-*※∙‘’'“”「」:：")
        if _OUTLINE_MARK.fullmatch(bare):
            break
        filler = basis or _FILLER.fullmatch(bare) or _YEAR.fullmatch(bare) or bare in _ADVERBS
        if not phrase and filler:
            if bare in _TIME_RELATION:
                return ""  # `첫 상용화 서비스 시작 이후 2020년 11월 1,000만 명`: what comes before 이후 is a time
            basis = not basis and bare.startswith("기준")
            continue
        if phrase and bare in _WITHIN_PHRASE:
            phrase.insert(0, bare)  # `반도체 산업 연평균 성장률`
            continue
        if phrase and _STAGE_NUMBER.fullmatch(bare):
            phrase.insert(0, bare)  # `... 인프라 활용 1상 임상 40억원`: a stage opens its row's label
            break
        stem, particle = trailing_particle(bare)
        if (filler or not stem or stem in _NOT_SUBJECT or _VERB_END.search(stem) or _NOT_NOUN_END.search(bare)
                or particle in ("을", "를", "와", "과", "에") or re.search(r"\d|[^\w()·&/\-]", stem)
                or stem.count("(") != stem.count(")") or len(phrase) == 4 or (phrase and particle and particle != "의")):
            break
        if PLACE.fullmatch(stem) or (stem[0] in "對대" and PLACE.fullmatch(stem[1:])):
            continue  # a place is the scope: `중국 반도체 산업 ... 20%`, `인조흑연의 對중국 의존도 82%`
        phrase.insert(0, stem)
    text = " ".join(phrase)
    if len(text.replace(" ", "")) < 2 or text == quantity.scope or actor_of(f"{text}는 "):
        return ""
    return text


def _bare_phrase(phrase: str) -> str:
    """The words of a phrase after the last one that ends a clause or carries a particle, without quotes, places and
    numbers: `협력으로 RISC-V 프로세서 개발` -> RISC-V 프로세서 개발."""
    words = phrase.split()
    cut = [i for i, w in enumerate(words) if _PARTICLE_END.search(w) or _VERB_END.search(w)
           or re.search(r"(?:으로는|에서는|에는|으로|하면)$|[^\w‘’'“”「」&·/\-]", w)]
    words = [w.strip("‘’'“”「」") for w in words[cut[-1] + 1 :] if cut] if cut else [w.strip("‘’'“”「」") for w in words]
    words = [w for w in words if w and not PLACE.fullmatch(w) and w not in _NOT_SUBJECT and not re.search(r"\d", w)]
    return " ".join(words)


def _link_conversions(sentence: str, quantities: list[Quantity]) -> None:
    """`A(약 B)` with A and B money in two currencies, one of them won: B is the printed conversion of A; both are
    flagged when the won per unit they imply is implausible for the foreign currency."""
    for index, (first, second) in enumerate(zip(quantities, quantities[1:])):
        if first.kind != "money" or second.kind != "money" or not first.value or not second.value:
            continue
        if first.currency == second.currency or "KRW" not in (first.currency, second.currency):
            continue
        if not _CONVERSION_BRIDGE.match(sentence[first.end : second.start]) or ")" in sentence[first.end : second.start]:
            continue
        second.converts = index
        second.measure = first.measure
        second.year, second.year_from, second.year_to = first.year, first.year_from, first.year_to
        second.subject, second.scope = first.subject or second.subject, first.scope or second.scope
        won, foreign = (first, second) if first.currency == "KRW" else (second, first)
        low, high = PLAUSIBLE_RATES.get(foreign.currency, (0, float("inf")))
        rate = won.value / foreign.value
        if not low <= rate <= high:
            flag = (f"원화와 외화 표기가 어긋남: {first.printed} / {second.printed}는 "
                    f"{rate:,.0f}원/{foreign.currency}")
            first.flag = second.flag = flag


def market_figures(quantities: list[Quantity], document: str, line_at, **fields) -> list[MarketFigure]:
    """The rows of the quantities of one text; `line_at(offset)` is the line of an offset of that text, and
    `fields` (technology_id, topic_id, ...) are the same for all of them. A conversion is linked to its figure."""
    figures: list[MarketFigure] = []
    for quantity in quantities:
        figure = MarketFigure(
            measure=quantity.measure, value_printed=quantity.printed, value=quantity.value, unit=quantity.unit,
            currency=quantity.currency, low=quantity.low, high=quantity.high, year=quantity.year,
            year_from=quantity.year_from, year_to=quantity.year_to, subject=quantity.subject, scope=quantity.scope,
            quote=quantity.quote, flag=quantity.flag, document=document, line=line_at(quantity.start),
            end_line=line_at(quantity.end - 1), **fields,
        )
        if quantity.converts is not None:
            figure.converts = figures[quantity.converts]
        figures.append(figure)
    return figures
