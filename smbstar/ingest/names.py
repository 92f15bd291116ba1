"""Firm names as the documents print them, and the key under which spellings of one firm compare equal.

A firm is printed with or without its legal form (㈜루미스탈, (주)루미스탈, 루미스탈 주식회사, 루미스탈) and with
or without spaces; the key drops both, so each firm is stored once.
"""

from __future__ import annotations

import re
import unicodedata

from smbstar.korean import compact

# 주식회사 (joint-stock company) and 유한회사 (limited company), written out, in brackets or as one sign.
_LEGAL_FORM = re.compile(r"㈜|㈲|[(（]\s*[주유]\s*[)）]|주식\s*회사|유한\s*회사")


def firm_display_name(printed: str) -> str:
    """The printed name without its legal form: `삼성코닝(주)` -> `삼성코닝`."""
    return " ".join(_LEGAL_FORM.sub(" ", printed).split())


def firm_key(printed: str) -> str:
    """The firm's identity: its name without legal form and spaces, full-width forms folded, Latin case-folded."""
    return compact(firm_display_name(unicodedata.normalize("NFKC", printed)))
