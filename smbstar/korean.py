"""Hangul handling for search: normalisation, bigram tokens, particles, jamo and 초성.

Korean technical words are mostly two syllables (수소, 금형, 식각) and are written with or without spaces
(고체전해질 / 고체 전해질) and with particles glued on (수소를, 이차전지용). Text is indexed as overlapping
Hangul bigrams that run across the spaces between Hangul words (the approach of Lucene's CJK bigram analyzer),
so that a query's bigram phrase matches exactly where its syllables stand in sequence, spaced or not.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_HANGUL_FIRST, _HANGUL_LAST = 0xAC00, 0xD7A3
CHOSUNG = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
# The letters Korean documents number outline items with (가. 나. 다. / 가) 나) 다)): a regex class. A range [가-하]
# would also take every syllable between them, so that a wrapped `축)를` read as an item mark.
OUTLINE_LETTER = "[가나다라마바사아자차카타파하]"
_CHOSUNG_SET = frozenset(CHOSUNG)

# A run of Hangul syllables, possibly with single spaces between them; or a run of Latin letters and digits.
_TOKEN_RUN = re.compile(r"[\uac00-\ud7a3]+(?:\s[\uac00-\ud7a3]+)*|[a-z0-9]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

# Particles and endings that users glue onto a term, longest first. Stripped only when what remains is at
# least two syllables, so 평가 and 수소 keep their last syllable.
PARTICLES = (
    "에서는", "으로는", "에서의", "으로의", "에서도", "에게는", "이라는",
    "에서", "으로", "에게", "까지", "부터", "에는", "과의", "와의", "로는", "로의", "로서", "로써", "에도",
    "이란", "이나", "보다", "처럼", "만의", "들의", "들은", "들이", "들을",
    "의", "를", "을", "이", "가", "은", "는", "에", "로", "와", "과", "도", "만", "용", "들",
)


def normalize(text: str) -> str:
    """NFC, case-folded Latin, control characters and runs of white space folded to one space."""
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub(" ", text).lower()
    return " ".join(text.split())


def compact(text: str) -> str:
    """normalize() without any white space: the form in which spacing variants compare equal."""
    return normalize(text).replace(" ", "")


def is_hangul(char: str) -> bool:
    return _HANGUL_FIRST <= ord(char) <= _HANGUL_LAST


def tokens(text: str) -> list[str]:
    """Index tokens of a text, in order: Hangul bigrams (a lone syllable stands as itself) and Latin words."""
    out: list[str] = []
    for run in _TOKEN_RUN.findall(normalize(text)):
        if run[0] >= "\uac00":  # Hangul (the other runs are Latin letters and digits)
            syllables = run.replace(" ", "")
            if len(syllables) == 1:
                out.append(syllables)
            else:
                out.extend(map(str.__add__, syllables, syllables[1:]))
        else:
            out.append(run)
    return out


def words(text: str, normalized: bool = False) -> list[str]:
    """The words of a query: runs of Hangul or of Latin letters and digits, normalised (already, if said so)."""
    return re.findall(r"[\uac00-\ud7a3]+|[a-z0-9]+", text if normalized else normalize(text))


@lru_cache(maxsize=65536)
def strip_particle(word: str) -> str:
    """The word without a trailing particle or ending (수소를 -> 수소, 이차전지용 -> 이차전지)."""
    for particle in PARTICLES:
        if word.endswith(particle) and len(word) - len(particle) >= 2 and is_hangul(word[0]):
            return word[: -len(particle)]
    return word


# nouns that end in 도 as a syllable of their own, not as the particle 도 (also)
_DO_NOUN = re.compile(r"(?:의존|정|속|밀|농|빈|온|강|난이|용|만족|인지|선호|신뢰|자급|집중|제|척|한|지|태)도$")


def trailing_particle(word: str) -> tuple[str, str]:
    """(the word, the case particle glued to it) or (word, '') if none, by the rule that picks the particle's form:
    이, 은, 을 and 과 follow a syllable with a final consonant, 가, 는, 를 and 와 one without (기업이, 마켓은, 수요가;
    디스플레이 keeps its 이, 효과 its 과), and 도, 의 and 에 any (가입도, 인조흑연의; 의존도 is a noun)."""
    if len(word) < 2 or not is_hangul(word[-2]):
        return word, ""
    last, before = word[-1], word[-2]
    has_final = (ord(before) - _HANGUL_FIRST) % 28 != 0
    if (last in "이은을과" and has_final) or (last in "가는를와" and not has_final) or last in "의에" or (
        last == "도" and not _DO_NOUN.search(word)
    ):
        return word[:-1], last
    return word, ""


def chosung(text: str) -> str:
    """The initial consonants of the Hangul syllables of text (배터리 -> ㅂㅌㄹ); other characters dropped."""
    return "".join(CHOSUNG[(ord(c) - _HANGUL_FIRST) // 588] for c in text if is_hangul(c))


def is_chosung_query(text: str) -> bool:
    letters = text.replace(" ", "")
    return len(letters) >= 2 and all(c in _CHOSUNG_SET for c in letters)


def jamo(text: str) -> str:
    """Decomposed into conjoining jamo (NFD), so that one wrong letter costs one jamo, not a syllable."""
    return unicodedata.normalize("NFD", normalize(text))


# What may follow a term inside the same Hangul run for the term to stand as a whole word: a particle or an
# ending (이차전지의, 수소로, 배터리입니다). Anything else makes it part of a longer word (인산 in 인산철).
_WORD_ENDINGS = frozenset(PARTICLES) | frozenset((
    "으로서", "로서", "에도", "에서도", "으로도", "로도", "와는", "과는", "에의", "라는", "이라는", "이라고",
    "라고", "이며", "이고", "이다", "입니다", "이자", "인", "나", "란", "에게서", "으로써", "로써", "마다",
))


@lru_cache(maxsize=8192)
def _term_pattern(term: str) -> tuple[str, re.Pattern] | None:
    """The term's first word (a cheap test before the pattern) and its whole-word pattern."""
    key = normalize(term)
    if not key:
        return None
    body = r"\s*".join(re.escape(part) for part in key.split(" "))
    if is_hangul(key[0]):
        left = r"(?<![\uac00-\ud7a3])"
    elif key[0].isalnum():
        left = r"(?<![a-z0-9])"
    else:
        left = ""
    if is_hangul(key[-1]):
        right = r"(?P<tail>[\uac00-\ud7a3]*)"
    elif key[-1].isalpha():
        right = r"(?![a-z])"
    elif key[-1].isdigit():
        right = r"(?![0-9])"
    else:
        right = ""
    return key.split(" ", 1)[0], re.compile(left + body + right)


def count_word(term: str, text: str) -> int:
    """How often term stands in text as a whole word, spaced or not as the term is.

    A Hangul term must start its Hangul run (탱크 is not in 싱크탱크) and may carry only a particle or an ending
    after it (이차전지의, 수소로; not 인산 in 인산철); a Latin term must not touch other Latin letters (AI is not in
    KAIST). `text` should be normalize()d; the term is.
    """
    compiled = _term_pattern(term)
    if compiled is None or compiled[0] not in text:
        return 0
    pattern = compiled[1]
    count = 0
    for match in pattern.finditer(text):
        tail = match.groupdict().get("tail")
        if not tail or tail in _WORD_ENDINGS:
            count += 1
    return count


def field_key(name: str) -> str:
    """A Ⅵ field name as compared: no spaces, without 차세대 before it or 기술/분야 after it (초정밀 이송 기술 is the
    field 차세대 초정밀 이송 기술, 차세대 생산기술 is 차세대 생산 기술)."""
    return re.sub(r"^차세대|(기술|분야)$", "", compact(name))


def query_words(text: str) -> list[str]:
    """words(), except that a hyphenated Latin term stays whole (li-ion, risc-v): its parts alone mean other things."""
    return re.findall(r"[\uac00-\ud7a3]+|[a-z0-9]+(?:-[a-z0-9]+)*", normalize(text))


# Endings glued to a verb or adjective stem in a sentence or a question (개발하려고 -> 개발, 저장하는 -> 저장),
# longest first. Stripped only when at least two syllables remain, after the particles of strip_particle.
ENDINGS = (
    "하려고합니다", "하고자합니다", "하려고", "하려는", "하고자", "합니다", "했습니다", "하겠습니다", "하는데",
    "하면서", "되었습니다", "됩니다", "되는", "되어", "시키는", "시키기", "하려", "하는", "하고", "하기", "하여",
    "해서", "했던", "하던", "한다", "했다", "하며", "하게", "된", "할", "한", "적인", "적으로",
)


def strip_ending(word: str) -> str:
    """The stem of a Hangul word without a sentence ending, then without a particle (저장하는 -> 저장)."""
    if not word or not is_hangul(word[0]):
        return word
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            word = word[: -len(ending)]
            break
    return strip_particle(word)


def starts_word(term: str, text: str, normalized: bool = False) -> bool:
    """Whether term stands in text where a Hangul word starts (spacing-insensitive): 탱크 starts a word in
    '고압 탱크를' but not in '싱크탱크'. Korean glues particles after a word, rarely anything before it."""
    return _word_start_pattern(compact(term)).search(text if normalized else normalize(text)) is not None


@lru_cache(maxsize=4096)
def _word_start_pattern(key: str) -> re.Pattern:
    spaced = r"\s?".join(map(re.escape, key))
    return re.compile(r"(?<![\uac00-\ud7a3])" + spaced if key and is_hangul(key[0]) else spaced)


# The standard Korean 2-set (두벌식) keyboard: the jamo each Latin key types (shifted keys in upper case).
_TWO_SET = dict(zip(
    "qwertyuiopasdfghjklzxcvbnmQWERTOP",
    "ㅂㅈㄷㄱㅅㅛㅕㅑㅐㅔㅁㄴㅇㄹㅎㅗㅓㅏㅣㅋㅌㅊㅍㅠㅜㅡㅃㅉㄸㄲㅆㅒㅖ",
))
_JUNGSUNG = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_JONGSUNG = ("", "ㄱ", "ㄲ", "ㄳ", "ㄴ", "ㄵ", "ㄶ", "ㄷ", "ㄹ", "ㄺ", "ㄻ", "ㄼ", "ㄽ", "ㄾ", "ㄿ", "ㅀ", "ㅁ", "ㅂ",
             "ㅄ", "ㅅ", "ㅆ", "ㅇ", "ㅈ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ")
_COMPOUND_VOWELS = {("ㅗ", "ㅏ"): "ㅘ", ("ㅗ", "ㅐ"): "ㅙ", ("ㅗ", "ㅣ"): "ㅚ", ("ㅜ", "ㅓ"): "ㅝ", ("ㅜ", "ㅔ"): "ㅞ",
                    ("ㅜ", "ㅣ"): "ㅟ", ("ㅡ", "ㅣ"): "ㅢ"}
_COMPOUND_FINALS = {("ㄱ", "ㅅ"): "ㄳ", ("ㄴ", "ㅈ"): "ㄵ", ("ㄴ", "ㅎ"): "ㄶ", ("ㄹ", "ㄱ"): "ㄺ", ("ㄹ", "ㅁ"): "ㄻ",
                    ("ㄹ", "ㅂ"): "ㄼ", ("ㄹ", "ㅅ"): "ㄽ", ("ㄹ", "ㅌ"): "ㄾ", ("ㄹ", "ㅍ"): "ㄿ", ("ㄹ", "ㅎ"): "ㅀ",
                    ("ㅂ", "ㅅ"): "ㅄ"}


def from_two_set_keys(latin: str) -> str | None:
    """The Hangul typed by `latin` on the 2-set keyboard with the input mode left on English (qoxjfl -> 배터리),
    or None when the keys do not compose whole syllables."""
    if not latin or any(key.lower() not in _TWO_SET for key in latin):
        return None
    keys = [_TWO_SET.get(key) or _TWO_SET[key.lower()] for key in latin]
    vowel = _JUNGSUNG.__contains__
    out, i = [], 0
    while i < len(keys):
        initial = keys[i]
        if vowel(initial) or i + 1 >= len(keys) or not vowel(keys[i + 1]):
            return None  # a lone vowel or consonant: not a word typed in the wrong mode
        medial, i = keys[i + 1], i + 2
        if i < len(keys) and (medial, keys[i]) in _COMPOUND_VOWELS:
            medial, i = _COMPOUND_VOWELS[medial, keys[i]], i + 1
        final = ""

        def closes(position: int) -> bool:  # a consonant here ends the syllable unless a vowel follows it
            return position < len(keys) and not vowel(keys[position]) and not (
                position + 1 < len(keys) and vowel(keys[position + 1]))

        if closes(i) and keys[i] in _JONGSUNG:
            final, i = keys[i], i + 1
            if closes(i) and (final, keys[i]) in _COMPOUND_FINALS:
                final, i = _COMPOUND_FINALS[final, keys[i]], i + 1
        out.append(chr(_HANGUL_FIRST + (CHOSUNG.index(initial) * 21 + _JUNGSUNG.index(medial)) * 28
                       + _JONGSUNG.index(final)))
    return "".join(out)
