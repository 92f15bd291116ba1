"""Printed money amounts: what is recognised, its printed span, value, unit and currency."""

import pytest

from smbstar.ingest.money import find_amounts, parse_unit


@pytest.mark.parametrize(
    "text, printed, value, unit, currency",
    [
        ("매출은 67억8300만달러(약", "67억8300만달러", 6_783_000_000, "억 달러", "USD"),
        ("2017년 1조 2,641억 달러 규모", "1조 2,641억 달러", 1_264_100_000_000, "조 달러", "USD"),
        ("2015년 약 373억불로", "373억불", 37_300_000_000, "억 불", "USD"),
        ("2012년 약 4,125백만 달러 수준", "4,125백만 달러", 4_125_000_000, "백만 달러", "USD"),
        ("향후 3천억원 이상으로", "3천억원", 300_000_000_000, "천억 원", "KRW"),
        ("2017년 기준 50억 3,420만 달러를", "50억 3,420만 달러", 5_034_200_000, "억 달러", "USD"),
        ("규모는 7억3백만 달러(약", "7억3백만 달러", 703_000_000, "억 달러", "USD"),
        ("2021년에는 31억 7천만 달러", "31억 7천만 달러", 3_170_000_000, "억 달러", "USD"),
        ("(약 8조2100억원)로", "8조2100억원", 8_210_000_000_000, "조 원", "KRW"),
        ("1.2조 원으로 성장", "1.2조 원", 1_200_000_000_000, "조 원", "KRW"),
        ("2.3조 원", "2.3조 원", 2_300_000_000_000, "조 원", "KRW"),
        ("약2,865억원으로", "2,865억원", 286_500_000_000, "억 원", "KRW"),
        ("2022년에는 845.3백만 달러 규모로", "845.3백만 달러", 845_300_000, "백만 달러", "USD"),
        ("6.7억 유로 투입", "6.7억 유로", 670_000_000, "억 유로", "EUR"),
        ("10년간 1조위안 규모", "1조위안", 1_000_000_000_000, "조 위안", "CNY"),
        ("엔화 기준 300억엔에", "300억엔", 30_000_000_000, "억 엔", "JPY"),
        ("비용이 10만원까지", "10만원", 100_000, "만 원", "KRW"),
        ("천만원 이상 고가의", "천만원", 10_000_000, "천만 원", "KRW"),
        ("100달러로 1명의", "100달러", 100, "달러", "USD"),
        ("USD 1.2 billion in 2020", "USD 1.2 billion", 1_200_000_000, "USD billion", "USD"),
        ("worth $3.5B today", "$3.5B", 3_500_000_000, "$ B", "USD"),
        ("중국은 ($9.2billion)을", "$9.2billion", 9_200_000_000, "$ billion", "USD"),
        ("a 1,234 million USD market", "1,234 million USD", 1_234_000_000, "million USD", "USD"),
        ("€2.5 million grant", "€2.5 million", 2_500_000, "€ million", "EUR"),
        ("평균 가격은 $0.39/Gb(-3%MoM)", "$0.39/Gb", 0.39, "$/Gb", "USD"),
        ("건설비용은 대략 10억원/km 내외", "10억원/km", 1_000_000_000, "억 원/km", "KRW"),
        ("연구개발비 1.2억* 달러의", "1.2억* 달러", 120_000_000, "억 달러", "USD"),
    ],
)
def test_printed_amount(text, printed, value, unit, currency):
    (amount,) = find_amounts(text)
    assert (amount.value_printed, amount.value, amount.unit, amount.currency) == (printed, value, unit, currency)
    assert text[amount.start : amount.end] == printed


def test_range_is_one_amount_valued_at_its_low_end_with_the_high_end_scale():
    amounts = find_amounts("개발비용 5~10억불, 국내 5~15억원, 1.2 ~ 1.7억 달러")
    assert [(a.value_printed, a.value, a.currency) for a in amounts] == [
        ("5~10억불", 500_000_000, "USD"),
        ("5~15억원", 500_000_000, "KRW"),
        ("1.2 ~ 1.7억 달러", 120_000_000, "USD"),
    ]


def test_scales_out_of_order_keep_the_print_and_raise_a_doubt():
    (amount,) = find_amounts("2017년 기준 총 50억 3,420억 달러를 기록")
    assert (amount.value_printed, amount.value, amount.doubt) == ("50억 3,420억 달러", None, "scale words out of order")


def test_bare_amount_takes_the_currency_of_the_amount_before_it_with_the_same_scale():
    amounts = find_amounts("2019년 약 125억 달러 규모에서 2021년 약 170억 규모로", bare_currency="KRW")
    assert [(a.value_printed, a.value, a.currency, a.unit) for a in amounts] == [
        ("125억 달러", 12_500_000_000, "USD", "억 달러"),
        ("170억", 17_000_000_000, "USD", "억"),
    ]


def test_bare_amount_otherwise_takes_the_callers_currency():
    amounts = find_amounts("의료기기 3천억 달러 이상, 모바일기기 360조 이상", bare_currency="KRW")
    assert [(a.value_printed, a.currency) for a in amounts] == [("3천억 달러", "USD"), ("360조", "KRW")]


def test_bare_amounts_need_a_currency_from_the_caller():
    assert find_amounts("예산을 5000억 규모로 편성") == []
    assert [a.value for a in find_amounts("예산을 5000억 규모로 편성", "KRW")] == [500_000_000_000]


@pytest.mark.parametrize(
    "text",
    [
        "낸드 셀 3600억개 이상이 집적된",
        "중국인 1억 명 게놈 프로젝트",
        "200억 개의 세포 분석",
        "수소차 200만대를 목표로",
        "NCMA 조성 최적화, 3 조성",
        "2019년 5월 중으로 2.2%",
        "삼원합금 1원계, 3 엔진",
        "12.7~25.4GW 성장",
        "(단위: 백만 달러)",
        "(단위: 세계시장은 백만달러, 국내시장은 십억원)",
        "천연흑연 백신",
        "파운드리 3 파운드리",
    ],
)
def test_not_money(text):
    assert find_amounts(text, bare_currency="KRW") == []


@pytest.mark.parametrize(
    "text, printed, multiplier, currency",
    [
        ("백만 달러", "백만 달러", 1_000_000, "USD"),
        ("억불,%", "억 불", 100_000_000, "USD"),
        ("억원, %", "억 원", 100_000_000, "KRW"),
        ("국내시장은 십억원", "십억 원", 1_000_000_000, "KRW"),
        ("USD million", "USD million", 1_000_000, "USD"),
    ],
)
def test_table_unit(text, printed, multiplier, currency):
    unit = parse_unit(text)
    assert (unit.printed, unit.multiplier, unit.currency) == (printed, multiplier, currency)


def test_no_table_unit():
    assert parse_unit("건, %") is None
