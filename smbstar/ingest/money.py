"""Money amounts as printed in Korean and English reports, normalised to whole currency units.

Korean amounts are chains of scale words read largest first: `67억8300만달러` is 67×10⁸ + 8300×10⁴ dollars,
`1조 2,641억 달러` 1×10¹² + 2641×10⁸, `7억3백만 달러` 7×10⁸ + 3×10⁶; a scale word may itself be compound (`백만`,
`천억`, `십억`). English amounts put the currency first or last: `$3.5B`, `USD 1.2 billion`, `1,234 million USD`.
A range (`5~10억불`, `3천~5천만원`, `약 400조~600조 원`) is one amount with `low` and `high` and valued at its low
end. The low end takes the scale of the high end when it has none (`5~10억`), and the rest of the high end's
compound scale when its own scale starts it (`3천~5천만`: 3천만).

An amount with a Korean scale but no currency word (`5000억 규모`, `2021년 약 170억 규모로`) is a money amount by
Korean report convention only when it has 억 or 조 and counts nothing (`3600억개`, `1억 명` are not): it takes the
currency of the amount before it in the same text when that one has the same largest scale word, otherwise the
caller's `bare_currency`. Anything inside a `(단위: ...)` note is a unit, not an amount.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
KOREAN_SCALE = r"[십백천]?[만억조]|[십백천]"
ENGLISH_SCALE = r"(?i:trillion|billion|million|thousand|tn|bn|mn)|[KMBT]"
_SCALE_WORDS = {
    "십": 10, "백": 100, "천": 1_000, "만": 10**4, "억": 10**8, "조": 10**12,
    "thousand": 10**3, "k": 10**3, "million": 10**6, "mn": 10**6, "m": 10**6,
    "billion": 10**9, "bn": 10**9, "b": 10**9, "trillion": 10**12, "tn": 10**12, "t": 10**12,
}
CURRENCIES = {
    "달러": "USD", "불": "USD", "$": "USD", "US$": "USD", "USD": "USD", "dollar": "USD", "dollars": "USD",
    "원": "KRW", "₩": "KRW", "￦": "KRW", "KRW": "KRW", "won": "KRW",
    "엔": "JPY", "¥": "JPY", "JPY": "JPY", "yen": "JPY",
    "위안": "CNY", "CNY": "CNY", "RMB": "CNY", "yuan": "CNY",
    "유로": "EUR", "€": "EUR", "EUR": "EUR", "euro": "EUR", "euros": "EUR",
    "파운드": "GBP", "£": "GBP", "GBP": "GBP",
    "호주달러": "AUD", "호주 달러": "AUD", "AUD": "AUD",
    "캐나다달러": "CAD", "캐나다 달러": "CAD", "CAD": "CAD",
}
# What may follow a Korean currency or scale word: not a Hangul syllable (원가, 엔진, 파운드리, 조성), unless a particle.
_PARTICLE_AFTER = (
    r"(?![가-힣])|(?=으로|로|에서|에|이|의|을|를|은|는|과|와|까지|부터|대|정도|규모|수준|씩|만큼|도|였|화|가량)"
)
_KOREAN_CURRENCY = rf"(?:(?:호주|캐나다)\s?달러|달러|불|원|엔|위안|유로|파운드)(?:{_PARTICLE_AFTER})"
_LATIN_CURRENCY = r"(?:USD|KRW|JPY|CNY|RMB|EUR|GBP|AUD|CAD|(?i:dollars?|won|yen|yuan|euros?))(?![A-Za-z])|US\$|[$€£₩￦¥]"
# a unit a price is per (`$0.39/Gb`), not a name after a slash (`2,000억 원/ M&A펀드`)
_PER = r"/\s*(?:[A-Za-z]{1,3}|[가-힣]{1,2})(?![A-Za-z가-힣&])"

_KOREAN_CHAIN = rf"(?:{NUMBER})\s*(?:{KOREAN_SCALE})(?:\s*(?:{NUMBER})\s*(?:{KOREAN_SCALE}))*"
_SUFFIXED = re.compile(
    rf"(?<![\d.,])"
    rf"(?:(?P<low>{NUMBER})\s*(?P<low_scale>{KOREAN_SCALE})?\s*[~∼]\s*)?"
    rf"(?P<amount>{_KOREAN_CHAIN}|(?:{NUMBER})\s*(?:{ENGLISH_SCALE})(?![A-Za-z])|{NUMBER}|(?<![가-힣\d])[천백](?:[만억조])?)"
    rf"(?:\**\s*(?P<currency>{_KOREAN_CURRENCY}|{_LATIN_CURRENCY}))?"
    rf"(?P<per>\s*{_PER})?"
)
_PREFIXED = re.compile(
    rf"(?P<currency>US\$|[$€£₩￦¥]|(?:USD|KRW|JPY|CNY|RMB|EUR|GBP)(?![A-Za-z]))\s?"
    rf"(?P<amount>(?:{NUMBER})(?:\s*(?:{ENGLISH_SCALE})(?![A-Za-z])|\s*(?:{KOREAN_SCALE}))?)"
    rf"(?P<per>\s*{_PER})?"
)
_COMPONENT = re.compile(rf"(?P<number>{NUMBER})?\s*(?P<scale>{KOREAN_SCALE}|{ENGLISH_SCALE})?")
_COUNTED = re.compile(
    r"\s*(?:여\s*)?(?:개|명|건|대|배|곳|가구|회|마리|톤|종|권|편|쌍|년|GB|Gb|TB|MB|bit|비트|화소|km|kW|MW|GW)"
)
_UNIT = re.compile(
    rf"(?P<scale>{KOREAN_SCALE}|(?:{ENGLISH_SCALE})(?![A-Za-z]))?\s*(?P<currency>{_KOREAN_CURRENCY}|{_LATIN_CURRENCY})"
    rf"(?:\s*(?P<after>(?i:trillion|billion|million|thousand)))?"
)
_FOLLOWS_WORD = re.compile(_PARTICLE_AFTER)
_UNIT_NOTE = re.compile(r"단위\s*[:：][^)\n]*")


@dataclass(frozen=True)
class Amount:
    """A money amount: `value_printed` is the text span exactly as printed, from `start` to `end` in the text."""

    value_printed: str
    value: float | None  # in whole currency units; None when the printed scales cannot be read
    unit: str  # the printed scale and currency words: "억 달러", "백만 달러", "$ B"
    currency: str  # ISO 4217
    start: int
    end: int
    doubt: str = ""  # what is wrong with the printed amount, when something is
    low: float | None = None  # the ends of a printed range, both normalised
    high: float | None = None


@dataclass(frozen=True)
class Unit:
    """The unit a table states for its cells: `(단위: 백만 달러)`."""

    printed: str
    multiplier: float
    currency: str

    def amount(self, printed: str) -> float:
        return _scaled(_number(printed), self.multiplier)


def find_amounts(text: str, bare_currency: str | None = None) -> list[Amount]:
    """The money amounts printed in `text`, in order. Amounts without a currency word need `bare_currency`."""
    taken = [match.span() for match in _UNIT_NOTE.finditer(text)]
    found = []
    for amount in [_prefixed(match) for match in _PREFIXED.finditer(text)] + [
        _suffixed(match, text) for match in _SUFFIXED.finditer(text)
    ]:
        if amount and not any(start < amount.end and amount.start < end for start, end in taken):
            found.append(amount)
            taken.append((amount.start, amount.end))
    found.sort(key=lambda a: a.start)
    return _with_bare_currencies(found, bare_currency)


def parse_unit(text: str) -> Unit | None:
    """The money unit named in `text` (`백만 달러`, `억불`, `십억원`, `USD million`), None if it names none."""
    match = _UNIT.search(text)
    if not match:
        return None
    scale = match.group("scale") or match.group("after") or ""
    printed = _unit(match.group("currency"), scale) if match.group("after") else _unit(scale, match.group("currency"))
    return Unit(printed, _scale(scale) if scale else 1, _currency(match))


def _prefixed(match: re.Match) -> Amount:
    number = _COMPONENT.match(match.group("amount"))
    scale = number.group("scale") or ""
    value = _scaled(_number(number.group("number")), _scale(scale) if scale else 1)
    unit = _unit(match.group("currency"), scale) + _per(match)
    printed = match.group(0).rstrip()
    return Amount(printed, value, unit, _currency(match), match.start(), match.start() + len(printed))


def _suffixed(match: re.Match, text: str) -> Amount | None:
    amount = match.group("amount")
    components = _components(amount)
    scales = [scale for _, scale in components if scale]
    currency_word = match.group("currency")
    if not currency_word:
        korean = any("억" in s or "조" in s for s in scales) and components[0][0] is not None
        end = match.end("amount")
        if not korean or _COUNTED.match(text, end) or not _FOLLOWS_WORD.match(text, end):
            return None
    value, doubt = _chain_value(components)
    low = high = None
    if match.group("low") and value is not None:
        high_scale = scales[-1] if scales else ""
        low_scale = match.group("low_scale") or high_scale
        if high_scale.startswith(low_scale) and len(components) == 1:
            low_scale = high_scale
        low, high = _number(match.group("low")) * (_scale(low_scale) if low_scale else 1), value
        value = low
    printed = match.group(0).rstrip()
    unit = _unit(scales[0] if scales else "", currency_word or "") + _per(match)
    currency = _currency(match) if currency_word else ""
    return Amount(printed, value, unit, currency, match.start(), match.start() + len(printed), doubt, low, high)


def _components(amount: str) -> list[tuple[float | None, str]]:
    parts = []
    for match in _COMPONENT.finditer(amount):
        if match.group(0).strip():
            number = match.group("number")
            parts.append((_number(number) if number else None, match.group("scale") or ""))
    return parts


def chain_value(printed: str) -> tuple[float | None, str]:
    """The value of a Korean number chain (`466만 8,154`, `1조 2,641억`) and the doubt about it, if any."""
    return _chain_value(_components(printed))


def _chain_value(components: list[tuple[float | None, str]]) -> tuple[float | None, str]:
    """The value of `1조 2,641억`: scales must fall from left to right, else the print is wrong (`50억 3,420억`)."""
    total, previous = 0.0, None
    for number, scale in components:
        multiplier = _scale(scale) if scale else 1
        if previous is not None and multiplier >= previous:
            return None, "scale words out of order"
        total += _scaled(1 if number is None else number, multiplier)
        previous = multiplier
    return total, ""


def _scaled(number: float, multiplier: float) -> float:
    """`number` times its scale word, without the binary noise of a decimal times 억 (289.9억 is 28990000000)."""
    return float(f"{number * multiplier:.12g}")


def _with_bare_currencies(amounts: list[Amount], bare_currency: str | None) -> list[Amount]:
    resolved: list[Amount] = []
    for amount in amounts:
        if not amount.currency:
            before = next((a for a in reversed(resolved) if a.unit.split()[0] == amount.unit.split("/")[0]), None)
            currency = before.currency if before else bare_currency
            if not currency:
                continue
            amount = replace(amount, currency=currency)
        resolved.append(amount)
    return resolved


def _currency(match: re.Match) -> str:
    word = match.group("currency").strip()
    return CURRENCIES.get(word) or CURRENCIES.get(word.lower()) or CURRENCIES[word.upper()]


def _unit(first: str, second: str) -> str:
    return " ".join(word.strip() for word in (first, second) if word.strip())


def _per(match: re.Match) -> str:
    return re.sub(r"\s+", "", match.group("per") or "")


def _scale(word: str) -> float:
    if word.lower() in _SCALE_WORDS:
        return _SCALE_WORDS[word.lower()]
    multiplier = 1
    for char in word:
        multiplier *= _SCALE_WORDS[char]
    return multiplier


def _number(printed: str) -> float:
    return float(printed.replace(",", ""))
