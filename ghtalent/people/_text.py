"""Text folding shared by the normalizers: Unicode clean-up, script tests, matching keys."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

# Scripts written without spaces between words: matched by substring, never by token.
_NOSPACE_RANGES = (
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x3400, 0x4DBF),  # CJK ext A
    (0x4E00, 0x9FFF),  # CJK unified
    (0xAC00, 0xD7AF),  # Hangul syllables
    (0xF900, 0xFAFF),  # CJK compatibility
    (0x20000, 0x2FA1F),  # CJK ext B+
)
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
# The same ranges as one character class: a test per character in C, not a Python loop (the
# normalizers ask this of every name, company and location of every profile).
_NOSPACE = re.compile("[" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _NOSPACE_RANGES) + "]")


def is_nospace_char(ch: str) -> bool:
    """True for CJK, kana, Hangul and Thai characters (scripts matched by substring)."""
    return _NOSPACE.fullmatch(ch) is not None


def has_nospace(text: str) -> bool:
    return _NOSPACE.search(text) is not None


def is_latin_text(text: str) -> bool:
    """True when every letter of text is Latin (ASCII or accented Latin)."""
    return not any(
        ch.isalpha() and ord(ch) > 0x24F and not 0x1E00 <= ord(ch) <= 0x1EFF for ch in text
    )


def nfkc(text: str) -> str:
    """NFKC: folds fullwidth forms, ligatures and decorative math letters to plain ones."""
    return unicodedata.normalize("NFKC", text)


def fold(text: str) -> str:
    """ASCII matching key: transliterated, lower-cased, punctuation collapsed to single spaces."""
    return _NON_ALNUM.sub(" ", anyascii(nfkc(text)).lower()).strip()


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional → simplified Chinese (so 臺灣 and 台湾 share one key)."""
    return _t2s().convert(text)


def native_key(text: str) -> str:
    """Key for non-Latin names: NFKC, case-folded, simplified Han, whitespace collapsed."""
    text = nfkc(text).casefold()
    if has_nospace(text):
        text = to_simplified(text)
    return " ".join(re.split(r"[\W_]+", text)).strip()
