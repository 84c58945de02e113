"""Longest-match lookup of known names (aliases) in free text, Latin and CJK alike."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ghtalent.people._text import fold, has_nospace, is_nospace_char, nfkc, to_simplified

_TOKEN = re.compile(r"[A-Za-z0-9]+")
MAX_TOKENS = 10


@dataclass
class AliasIndex:
    """Maps folded aliases to values; a value set of size > 1 marks an ambiguous alias."""

    latin: dict[str, set[str]] = field(default_factory=dict)
    cased: dict[str, set[str]] = field(default_factory=dict)  # exact-case abbreviations
    cjk: dict[str, set[str]] = field(default_factory=dict)
    cjk_max: int = 0
    whole: dict[str, set[str]] = field(default_factory=dict)  # "=polytechnique": whole value only
    # Built on first use, dropped by every add: every run of tokens that begins some Latin
    # alias (so a scan stops at the first run that begins none), abbreviations by lower case.
    _prefixes: set[str] | None = field(default=None, repr=False, compare=False)
    _cased_lower: dict[str, list[set[str]]] | None = field(default=None, repr=False, compare=False)

    def add(self, alias: str, value: str) -> None:
        """Add an alias; one written "=name" answers only when it is the whole text."""
        self._prefixes = None
        alias = nfkc(alias).strip()
        if alias.startswith("="):
            key = fold(alias[1:])
            if key:
                self.whole.setdefault(key, set()).add(value)
            return
        if not alias:
            return
        if has_nospace(alias):
            key = to_simplified(alias.casefold())
            self.cjk.setdefault(key, set()).add(value)
            self.cjk_max = max(self.cjk_max, len(key))
        else:
            key = fold(alias)
            if key:
                self.latin.setdefault(key, set()).add(value)

    def add_abbreviation(self, abbr: str, value: str) -> None:
        """An abbreviation matched only in its own letter case ("MIT", not "mit")."""
        self._cased_lower = None
        self.cased.setdefault(abbr.strip(), set()).add(value)

    def _latin_prefixes(self) -> set[str]:
        if self._prefixes is None:
            prefixes = set()
            for key in self.latin:
                words = key.split(" ")
                prefixes.update(" ".join(words[:n]) for n in range(1, len(words) + 1))
            self._prefixes = prefixes
        return self._prefixes

    def _abbreviations(self) -> dict[str, list[set[str]]]:
        if self._cased_lower is None:
            by_lower: dict[str, list[set[str]]] = {}
            for abbr, values in self.cased.items():
                by_lower.setdefault(abbr.lower(), []).append(values)
            self._cased_lower = by_lower
        return self._cased_lower

    def exact(self, text: str) -> set[str]:
        """Values whose alias is the whole text (case-insensitive, abbreviations included)."""
        text = nfkc(text).strip()
        if has_nospace(text):
            return set(self.cjk.get(to_simplified(text.casefold()), set()))
        found = set(self.latin.get(fold(text), set())) | self.whole.get(fold(text), set())
        for values in self._abbreviations().get(text.lower(), ()):
            found |= values
        return found

    def find(self, text: str) -> list[tuple[int, set[str]]]:
        """(position, values) of every alias in text, longest match first, in text order."""
        return [(start, values) for start, _end, values in self.spans(text)]

    def spans(self, text: str) -> list[tuple[int, int, set[str]]]:
        """(start, end, values) of every alias in text, longest match first, in text order."""
        text = nfkc(text)
        hits: list[tuple[int, int, set[str]]] = []
        # CJK runs: longest substring first.
        if self.cjk and has_nospace(text):
            simple = to_simplified(text.casefold())
            i = 0
            while i < len(simple):
                if not is_nospace_char(simple[i]):
                    i += 1
                    continue
                for n in range(min(self.cjk_max, len(simple) - i), 1, -1):
                    values = self.cjk.get(simple[i : i + n])
                    if values:
                        hits.append((i, i + n, values))
                        i += n
                        break
                else:
                    i += 1
        # Latin tokens: longest run of tokens first; abbreviations in their own case.
        raw = [(m.start(), m.group()) for m in _TOKEN.finditer(_ascii_with_offsets(text))]
        ends = [start + len(tok) for start, tok in raw]
        toks = [t.lower() for _, t in raw]
        prefixes = self._latin_prefixes()
        i = 0
        while i < len(toks):
            # The longest run of tokens from i that is an alias: runs grow while they still
            # begin some alias (every alias's shorter runs are in `prefixes`).
            best, values, key = 0, None, ""
            for n in range(1, min(MAX_TOKENS, len(toks) - i) + 1):
                key = f"{key} {toks[i + n - 1]}" if key else toks[i]
                if key not in prefixes:
                    break
                if found := self.latin.get(key):
                    best, values = n, found
            if values:
                if best == 1:  # "HUST" is also an abbreviation of another name
                    values = values | self.cased.get(raw[i][1], set())
                hits.append((raw[i][0], ends[i + best - 1], values))
                i += best
            else:
                values = self.cased.get(raw[i][1])
                if values:
                    hits.append((raw[i][0], ends[i], values))
                i += 1
        hits.sort(key=lambda h: h[0])
        return hits


def _ascii_with_offsets(text: str) -> str:
    """Accents folded character by character so token offsets stay those of the text."""
    from anyascii import anyascii

    if text.isascii():
        return text
    out = []
    for ch in text:
        if ch.isascii():
            out.append(ch)
        elif is_nospace_char(ch):
            out.append(" ")
        else:
            a = anyascii(ch)
            out.append(a[0] if len(a) == 1 and a.isalnum() else " ")
    return "".join(out)


# A known name followed by "de <city>", "of <place>" is part of a longer name of another
# organization: "École Polytechnique de Montréal" is not École Polytechnique.
_CONTINUES = re.compile(r"\s+(?:de|d'|d’|of|du|des|di|del|della|da|do)\s*[A-Za-zÀ-ÿ]", re.I)


def continues_name(text: str, end: int) -> bool:
    """True when the alias ending at `end` runs on into a longer proper name."""
    return bool(_CONTINUES.match(nfkc(text), end))
