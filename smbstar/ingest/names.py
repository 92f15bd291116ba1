"""Firm names as the documents print them, and the rules under which spellings of one firm compare equal.

A firm is printed with or without its legal form (㈜루미스탈, (주)루미스탈, 루미스탈 주식회사, 루미스탈), with or
without spaces, with its initials in Latin letters or spelled out in Hangul (LG전자 / 엘지전자, 퓨리오사AI /
퓨리오사에이아이): `firm_key` folds all of these. A foreign firm is printed in Latin letters or transliterated
(INTEL / 인텔, NVIDIA / 엔비디아, MediaTek / 미디어텍): `same_firm_by_sound` compares the consonants and vowels
both spellings sound, and `canonical_firm_ids` joins such spellings and the curated aliases (SKT / SK텔레콤) under one id.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from smbstar.korean import compact, is_hangul

# 주식회사 (joint-stock company) and 유한회사 (limited company), written out, in brackets or as one sign.
_LEGAL_FORM = re.compile(r"㈜|㈲|[(（]\s*[주유]\s*[)）]|주식\s*회사|유한\s*회사")

# Latin initials spelled out in Hangul at the start of a name (엘지전자, 에스케이하이닉스) or, for these two, at
# its end (퓨리오사에이아이, 삼성에스디아이).
_SPELLED_INITIALS = {
    "에스디아이": "sdi", "에이아이": "ai", "에스케이": "sk", "에이치디": "hd", "케이티": "kt", "씨제이": "cj",
    "엘에스": "ls", "지에스": "gs", "엘지": "lg",
}
_SPELLED_AT_END = ("에스디아이", "에이아이")
# The Korean names of the Latin letters, for a name that is all initials (에이엠디 AMD, 아이비엠 IBM, 티에스엠씨 TSMC).
_LETTER_NAMES = {
    "에이치": "h", "더블유": "w", "에이": "a", "에프": "f", "제이": "j", "케이": "k", "에스": "s", "브이": "v",
    "엑스": "x", "와이": "y", "제트": "z", "아이": "i", "비": "b", "씨": "c", "디": "d", "이": "e", "지": "g",
    "엘": "l", "엠": "m", "엔": "n", "오": "o", "피": "p", "큐": "q", "알": "r", "티": "t", "유": "u",
}
_ALL_LETTER_NAMES = re.compile(f"(?:{'|'.join(_LETTER_NAMES)}){{2,}}")


def firm_display_name(printed: str) -> str:
    """The printed name without its legal form: `삼성코닝(주)` -> `삼성코닝`."""
    return " ".join(_LEGAL_FORM.sub(" ", printed).split())


def firm_key(printed: str) -> str:
    """The firm's identity: its name without legal form and spaces, full-width forms folded, Latin case-folded,
    initials spelled in Hangul written as Latin letters (엘지전자 -> lg전자, 에이엠디 -> amd)."""
    key = compact(firm_display_name(unicodedata.normalize("NFKC", printed)))
    if _ALL_LETTER_NAMES.fullmatch(key):
        return re.sub("|".join(_LETTER_NAMES), lambda letter: _LETTER_NAMES[letter.group(0)], key)
    for spelled, letters in _SPELLED_INITIALS.items():
        if key.startswith(spelled):
            key = letters + key[len(spelled):]
        elif spelled in _SPELLED_AT_END and key.endswith(spelled) and len(key) > len(spelled):
            key = key[: -len(spelled)] + letters
    return key


# --- transliteration ----------------------------------------------------------------------------------------------

# The consonant class of each Hangul initial (ㄱ … ㅎ) and final (none, ㄱ … ㅎ); ㅇ and ㅎ carry no consonant.
# A final ㅅ is sounded t in loanwords (로봇 robot), a final ㅇ is ng.
_INITIAL_SOUND = "KKNTTLMPPSS.JJJKTP."
_FINAL_SOUND = ".KKKNNNTLLLLLLLLMPPTTGJJKTP."
_EPENTHETIC_VOWEL = 18  # ㅡ, which Korean puts between consonants a foreign word joins (tesla -> 테슬라)
# Latin spellings rewritten to one letter per sound before the letters are classed, in this order.
_LATIN_SPELLINGS = (
    (re.compile(r"(?<=[a-z]{2}[^aeiou])e$"), ""),  # a silent final e: core, apple
    (re.compile(r"ph"), "f"), (re.compile(r"ck|ch|qu?"), "k"), (re.compile(r"[st]h"), "t"),
    (re.compile(r"x"), "ks"), (re.compile(r"c(?=[eiy])"), "s"), (re.compile(r"g(?=[eiy])"), "j"),
    (re.compile(r"(?<=[aeiou])r(?![aeiou])"), ""),  # r after a vowel is not sounded in Korean: core -> 코어
    (re.compile(r"ng(?![aeiou])"), "G"), (re.compile(r"(?<![aeiou])y"), "i"),  # technology -> 테크놀로지
)
_LATIN_SOUND = str.maketrans("bpfvdtkgcqsjzlrmnGaeiou", "PPPPTTKKKKSJJLLMNGVVVVV", "wyh")


@lru_cache(maxsize=4096)
def firm_sound(key: str) -> str:
    """The consonants a firm's name sounds, by class, and where vowels fall between them (V), without a leading
    vowel (인텔 and intel -> NTVL, 엔비디아 and nvidia -> NPVTV, 미디어텍 and mediatek -> MVTVTVK)."""
    sounds = []
    for run in re.findall(r"[\uac00-\ud7a3]+|[a-z]+|\d+", key):
        if is_hangul(run[0]):
            for syllable in run:
                index = ord(syllable) - 0xAC00
                vowel = "" if (index % 588) // 28 == _EPENTHETIC_VOWEL else "V"
                sounds.append(_INITIAL_SOUND[index // 588] + vowel + _FINAL_SOUND[index % 28])
        elif run.isdigit():
            sounds.append(run)
        else:
            for pattern, replacement in _LATIN_SPELLINGS:
                run = pattern.sub(replacement, run)
            sounds.append(run.translate(_LATIN_SOUND))
    return re.sub(r"(.)\1+", r"\1", "".join(sounds).replace(".", "")).removeprefix("V")


def _spoken_latin(key: str) -> bool:
    """A name in Latin letters that is read as a word, not letter by letter: no Hangul, two vowels at least
    (INTEL, TESLA; not SKT, TSMC, IBM, whose Korean spelling names the letters)."""
    return not any(is_hangul(c) for c in key) and sum(c in "aeiou" for c in key) >= 2


def same_firm_by_sound(a: str, b: str) -> bool:
    """A name read as a Latin word and a name in Hangul that sound the same consonants, at least three, with
    vowels between the same ones (intel / 인텔; not mediatek / 미틱).

    Two Hangul names that sound alike are two firms (더웨이브톡 is not DB하이텍), and so are two Latin names.
    """
    if not any(is_hangul(c) for c in a):
        a, b = b, a
    if not (any(is_hangul(c) for c in a) and _spoken_latin(b)):
        return False
    return _distinct_enough(firm_sound(a)) and firm_sound(a) == firm_sound(b)


def _distinct_enough(sound: str) -> bool:
    """Three consonants at least: two (apple / 애플 PVL) match too many other names."""
    return len(sound.replace("V", "")) >= 3


def canonical_firm_ids(counts: dict[str, int], aliases: dict[str, str]) -> dict[str, str]:
    """firm key -> the one id its firm is stored under, for every key of `counts` (key -> mentions).

    Keys are joined by a curated alias (alias key -> firm key) or by sound; a group is stored under its most
    mentioned key, then a key that is not an alias (한국산업기술진흥협회, not 산기협), then the Hangul one (the
    documents are Korean), then the shortest.
    """
    parent = {key: key for key in counts}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def join(a: str, b: str) -> None:
        parent.setdefault(a, a)
        parent.setdefault(b, b)
        parent[root(a)] = root(b)

    for alias, firm in aliases.items():
        join(alias, firm)
    hangul_by_sound: dict[str, list[str]] = {}
    for key in counts:
        if any(is_hangul(c) for c in key):
            hangul_by_sound.setdefault(firm_sound(key), []).append(key)
    for key in counts:
        for other in hangul_by_sound.get(firm_sound(key), []):
            if same_firm_by_sound(key, other):
                join(key, other)
    groups: dict[str, list[str]] = {}
    for key in parent:
        groups.setdefault(root(key), []).append(key)
    canonical = {}
    for members in groups.values():
        best = min(members, key=lambda k: (-counts.get(k, 0), k in aliases, not any(map(is_hangul, k)), len(k), k))
        canonical.update((member, best) for member in members)
    return {key: canonical[key] for key in parent}
