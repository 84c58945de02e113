"""Universities: canonical English name from free text (English or Chinese) or from a domain.

The reference table is ``data/universities.csv`` (name, country, aliases, abbreviations,
Chinese names, email/web domains). An alias or abbreviation shared by two universities
("NTU": Taiwan and Singapore; "HUST": Wuhan and Hanoi) is ambiguous and never answers on
its own. Abbreviations match only in their own case ("MIT", not the German "mit").
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib import resources

from ghtalent.people._aliases import AliasIndex

__all__ = ["looks_academic", "university_from_domain", "university_of", "university_country"]

# The one test of "this organisation name is academic" (a university, college, school of a
# university, academy of sciences, research institute), used for company fields and homepages
# alike; "Uinversity" and other transpositions of the word included.
ACADEMIC = re.compile(
    r"\b(?:universit\w*|u\w{1,3}versit\w*|universidad|universidade|college|institute|"
    r"polytechnic|politecnico|polytechnique|école|ecole|hochschule|school\s+of|"
    r"(?:business|graduate|medical|law)\s+school|academy\s+of)\b|"
    r"\b(?:MIT|CMU|ETH|EPFL|UC|KAIST|NUS|NTU|HKU)\b|"
    r"大学|大學|学院|學院|研究所|研究院|科学院|科學院|학교|대학",
    re.IGNORECASE,
)


def looks_academic(text: str | None) -> bool:
    """True when an organisation's name says it is academic ("Haramaya University",
    "School of Computing", "中国科学院"), whether or not the table knows it."""
    return bool(text and ACADEMIC.search(text))


# A mention right after one of these words is a past affiliation, not the current one.
_PAST = re.compile(
    r"(?:previously|formerly|former|ex|alumn[ia]|alumnus|graduated|graduate of|bachelor|"
    r"b\.?s\.?c?|b\.?eng|m\.?s\.?c?|master'?s?|ph\.?d\.? from|degree from|was at|used to|"
    r"before|prior|past|前|曾|毕业于|本科|硕士)\W*(?:\w+\W+){0,3}$",
    re.I,
)


@lru_cache(maxsize=1)
def _table() -> tuple[AliasIndex, dict[str, str], dict[str, str]]:
    """(alias index, domain -> university, university -> country)."""
    index = AliasIndex()
    domains: dict[str, str] = {}
    countries: dict[str, str] = {}
    text = resources.files("ghtalent.people").joinpath("data/universities.csv").read_text("utf-8")
    for row in csv.DictReader(text.splitlines()):
        name = row["name"]
        countries[name] = row["country"]
        index.add(name, name)
        for alias in filter(None, row["aliases"].split("|")):
            index.add(alias, name)
        for alias in filter(None, row["zh"].split("|")):
            index.add(alias, name)
        for abbr in filter(None, row["abbreviations"].split("|")):
            index.add_abbreviation(abbr, name)
        for domain in filter(None, row["domains"].split("|")):
            domains[domain.lower()] = name
    return index, domains, countries


def university_country(name: str) -> str | None:
    """ISO country code of a canonical university name from the table."""
    return _table()[2].get(name)


def exact_university(text: str | None) -> str | None:
    """The university whose name or alias is the whole text ("@MIT", "清华大学"), else None."""
    if not text:
        return None
    found = _table()[0].exact(text.strip().lstrip("@"))
    return next(iter(found)) if len(found) == 1 else None


def university_of(text: str | None) -> str | None:
    """Canonical English name of the (current) university named in free text, else None."""
    if not text or not text.strip():
        return None
    hits = _table()[0].find(text)
    current: list[str] = []
    for pos, values in hits:
        if len(values) != 1:
            continue  # an ambiguous alias
        if _PAST.search(text[max(0, pos - 40) : pos]):
            continue
        current.append(next(iter(values)))
    if not current:
        # Only past mentions: still the best answer if they agree on one university.
        unique = {next(iter(v)) for _, v in hits if len(v) == 1}
        return unique.pop() if len(unique) == 1 else None
    return current[0]


def _host(email_or_url: str) -> str:
    s = email_or_url.strip().lower()
    if "@" in s and "://" not in s:
        s = s.rsplit("@", 1)[1]
    s = re.sub(r"^[a-z][a-z0-9+.-]*://", "", s)
    s = re.split(r"[/?#:]", s, maxsplit=1)[0]
    return s.strip(".")


@lru_cache(maxsize=1)
def _extractor():
    import tldextract

    # The bundled public-suffix snapshot only: never fetch the list at run time.
    return tldextract.TLDExtract(suffix_list_urls=())


def university_from_domain(email_or_url: str | None) -> str | None:
    """University owning an email address's or homepage URL's domain, else None."""
    if not email_or_url or not email_or_url.strip():
        return None
    host = _host(email_or_url)
    if not host:
        return None
    ext = _extractor()(host)
    registrable = ".".join(p for p in (ext.domain, ext.suffix) if p)
    if not ext.domain or not ext.suffix:
        return None
    domains = _table()[1]
    # Most specific first: cs.toronto.edu before toronto.edu, down to the registrable domain.
    labels = host.split(".")
    for i in range(len(labels)):
        candidate = ".".join(labels[i:])
        if candidate in domains:
            return domains[candidate]
        if candidate == registrable:
            break
    return None
