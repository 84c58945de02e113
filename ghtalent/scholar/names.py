"""Person names as matching keys: Latin names in any order, Chinese names in both scripts and
pinyin (traditional folded to simplified by opencc, readings by pypinyin, surname readings
included: 曾 is Zeng, 单 is Shan), emoji and decorations dropped.

Two names match when they share a key. A key is the folded tokens sorted, so "Wang Zhiqiang",
"Zhiqiang Wang", "Zhi-Qiang Wang" and "王志强" all share ``wang zhiqiang``.
"""

from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache
from itertools import product

from ghtalent.people._text import fold, has_nospace, nfkc, to_simplified

# Two-character Chinese surnames: the rest of the name is the given name.
COMPOUND_SURNAMES = (
    "欧阳", "司马", "诸葛", "上官", "慕容", "司徒", "夏侯", "东方", "皇甫", "尉迟", "公孙",
    "令狐", "长孙", "宇文", "申屠", "澹台", "轩辕", "钟离", "端木", "南宫",
)  # fmt: skip
_PAREN = re.compile(r"[(\uff08\[]([^)\uff09\]]*)[)\uff09\]]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_KANA_HANGUL = re.compile(r"[\u3040-\u30ff\u1100-\u11ff\uac00-\ud7af]")
_LATIN_RUN = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff'’.\- ]+")
_INNER_HYPHEN = re.compile(r"(?<=[a-z])[-'’](?=[a-z])", re.I)
# Surname readings that differ from the character's most common reading.
SURNAME_READINGS = {
    "曾": "zeng", "单": "shan", "解": "xie", "仇": "qiu", "朴": "piao", "区": "ou", "查": "zha",
    "盖": "ge", "乐": "yue", "覃": "qin", "翟": "zhai", "缪": "miao", "召": "shao", "尉": "yu",
    "长": "chang", "重": "chong", "藏": "zang", "秘": "bi", "句": "gou", "种": "chong",
}  # fmt: skip


def _letters_only(text: str) -> str:
    """Keep letters, marks, spaces and name punctuation; emoji and symbols become spaces."""
    out = []
    for ch in nfkc(text):
        cat = unicodedata.category(ch)
        out.append(ch if cat[0] in "LM" or ch in " -'’." else " ")
    return re.sub(r"\s+", " ", "".join(out)).strip()


def _segments(name: str) -> list[str]:
    """The name's parts in separate scripts: 'Na Hu 胡娜' → ['Na Hu', '胡娜']; parentheses
    ('加藤さくら (Sakura Kato)') give a part of their own."""
    parts = [m.group(1) for m in _PAREN.finditer(name)]
    parts.insert(0, _PAREN.sub(" ", name))
    out: list[str] = []
    for part in parts:
        clean = _letters_only(part)
        if not clean:
            continue
        if _KANA_HANGUL.search(clean):  # Japanese or Korean: one native-script key
            native = _LATIN_RUN.sub(" ", clean).strip()
            out += [native] if native else []
            out += [m.group(0).strip() for m in _LATIN_RUN.finditer(clean) if m.group(0).strip()]
        elif has_nospace(clean):
            out += [m.group(0) for m in _HAN.finditer(clean)]
            out += [m.group(0).strip() for m in _LATIN_RUN.finditer(clean) if m.group(0).strip()]
        else:
            out.append(clean)
    return [p for p in dict.fromkeys(out) if p]


def _latin_tokens(text: str) -> list[str]:
    return [t for t in fold(_INNER_HYPHEN.sub("", text)).split() if t]


@lru_cache(maxsize=1)
def _pypinyin():
    """pypinyin without its phrase dictionary: readings here are of one character at a time,
    which phrases never change, and loading them is most of pypinyin's import time (0.37 s ->
    0.11 s). `PYPINYIN_NO_PHRASES` and `PYPINYIN_NO_DICT_COPY` are pypinyin's own switches,
    read once at import; they are set for that import only."""
    switches = {"PYPINYIN_NO_PHRASES": "1", "PYPINYIN_NO_DICT_COPY": "1"}
    saved = {k: os.environ.get(k) for k in switches}
    os.environ.update(switches)
    try:
        import pypinyin
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return pypinyin


@lru_cache(maxsize=4096)
def _readings(han: str) -> tuple[tuple[str, ...], ...]:
    """Pinyin readings of one character, the common one first."""
    pypinyin = _pypinyin()
    found = pypinyin.pinyin(han, style=pypinyin.Style.NORMAL, heteronym=True, errors="ignore")
    return tuple(tuple(dict.fromkeys(r for r in group if r)) for group in found)


def chinese_readings(han: str) -> list[tuple[str, str]]:
    """(surname, given name) romanizations of a Chinese name written in Han characters,
    every surname reading included; [] for text that is not a 2-4 character name."""
    han = to_simplified(han)
    if not 2 <= len(han) <= 4 or _KANA_HANGUL.search(han):
        return []
    cut = 2 if han[:2] in COMPOUND_SURNAMES and len(han) > 2 else 1
    family, given = han[:cut], han[cut:]
    per_char = [(_readings(ch) or ((),))[0] or ("",) for ch in family]
    fam_options = ["".join(c) for c in product(*per_char)]
    if family in SURNAME_READINGS:
        fam_options.insert(0, SURNAME_READINGS[family])
    given_main = "".join(((_readings(ch) or ((),))[0] or ("",))[0] for ch in given)
    return [(f, given_main) for f in dict.fromkeys(fam_options) if f and given_main][:4]


def name_keys(name: str | None) -> set[str]:
    """Order-free matching keys of a person's name (empty for no usable name)."""
    if not name or not isinstance(name, str):
        return set()
    keys: set[str] = set()
    for seg in _segments(name):
        if _HAN.fullmatch(seg):
            simplified = to_simplified(seg)
            keys.add(simplified)
            for family, given in chinese_readings(simplified):
                keys.add(" ".join(sorted((family, given))))
        elif has_nospace(seg):
            keys.add(nfkc(seg).casefold())
        else:
            tokens = _latin_tokens(seg)
            if len(tokens) >= 2 and any(len(t) > 1 for t in tokens):
                keys.add(" ".join(sorted(tokens)))
    return keys


def search_forms(name: str | None) -> list[str]:
    """What to send to a name search: Latin forms first (pinyin 'Given Family' for a Chinese
    name), then native-script forms."""
    if not name or not isinstance(name, str):
        return []
    latin: list[str] = []
    native: list[str] = []
    for seg in _segments(name):
        if _HAN.fullmatch(seg):
            readings = chinese_readings(seg)
            if readings:
                family, given = readings[0]
                latin.append(f"{given.capitalize()} {family.capitalize()}")
            native.append(to_simplified(seg))
        elif has_nospace(seg):
            native.append(seg)
        elif len(_latin_tokens(seg)) >= 2:
            latin.append(seg.strip(" .-"))
    return list(dict.fromkeys(latin + native))


def is_cjk_name(name: str | None) -> bool:
    return bool(name) and has_nospace(str(name))
