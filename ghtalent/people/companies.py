"""Company field → organization: ``Company(name, kind)``.

Reference tables: ``data/companies.csv`` (canonical name, kind, aliases in English and
Chinese, GitHub handles) and ``data/company_junk.txt`` (values that name no organization).

Rules, in order:
1. Empty, or a placeholder / non-employer (``none``, ``-``, ``n/a``, ``personal``,
   ``freelancer``, ``self-employed``, ``student``, ``home``, a bare job title) → None.
   Freelancers and students are deliberately None: there is no organization to rank.
2. The whole cleaned value is a known alias (``@openai``, ``OpenAI, Inc.``, ``字节跳动``)
   → that company; a university written in the company field (``Tsinghua University``,
   ``@MIT``, ``清华大学``) → ``Company(<canonical university>, "university")``.
3. A known company or university inside a longer value (``Research Scientist @ Google
   DeepMind``, ``@google @deepmind``, ``PhD student at Stanford``) → the first company
   named, else the university.
   A name right after "ex-", "former(ly)", "previously" is a past employer and skipped.
4. Anything else → ``Company(<cleaned value>, "other")``: "@" and surrounding whitespace
   stripped, legal suffixes ("Inc.", "Ltd", "GmbH", "LLC", "Co., Ltd." …) removed; kind
   "university" when the name itself says so ("Haramaya University", "…大学").
An email address in the company field → the university owning its domain, else None;
a status ("Open to opportunities", "Looking for a job") → None.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ghtalent.people._aliases import AliasIndex
from ghtalent.people._text import fold, nfkc
from ghtalent.people.universities import _table as _university_table
from ghtalent.people.universities import exact_university, university_from_domain

__all__ = ["KINDS", "Company", "company_kind", "normalize_company"]

KINDS = ("ai_lab", "big_tech", "startup", "university", "other")

_LEGAL_SUFFIX = re.compile(
    r"[\s,]*\b(?:inc|incorporated|corp|corporation|co|company|ltd|limited|llc|l\.l\.c|plc|"
    r"gmbh|ag|s\.?a|s\.?a\.?s|s\.?r\.?l|b\.?v|n\.?v|pte|pvt|oy|ab|a/s|kk|k\.k|sarl|spa|"
    r"co\.?,?\s*ltd|pty)\.?$",
    re.I,
)
_CN_LEGAL_SUFFIX = re.compile(r"(?:股份)?有限(?:责任)?公司$|集团$")
# Whole values that are a status, not an employer ("Open to opportunities").
_STATUS = re.compile(r"^(?:open to|looking for|seeking|available for|searching for)\b", re.I)
# An organization not in the table whose name says it is a university or college.
_ACADEMIC = re.compile(
    r"\b(?:universit(?:y|ies|ät|at|é|e|à|a|eit|as|ade|ad|y of)|universidad|universidade|"
    r"institute of technology|polytechnic|politecnico|college|école|ecole|hochschule)\b|"
    r"大学|大學|학교|대학",
    re.I,
)
# A company named right after these words is a past employer ("ex-Intel", "formerly at").
_PAST = re.compile(r"(?:\bex|\bformer(?:ly)?|\bpreviously|\bprev|前)\W*(?:[\w.]+\W+){0,2}$", re.I)
_EMAIL = re.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$")


@dataclass(frozen=True)
class Company:
    """A normalized organization; ``kind`` is one of KINDS."""

    name: str
    kind: str


@lru_cache(maxsize=1)
def _tables() -> tuple[AliasIndex, dict[str, str], frozenset[str]]:
    """(alias index → canonical name, canonical name → kind, junk values folded)."""
    index = AliasIndex()
    kinds: dict[str, str] = {}
    data = resources.files("ghtalent.people").joinpath("data")
    for row in csv.DictReader(data.joinpath("companies.csv").read_text("utf-8").splitlines()):
        name, kind = row["name"], row["kind"]
        if kind not in KINDS:
            raise ValueError(
                f"unknown company kind {kind!r} for {name!r} in companies.csv; known: {KINDS}"
            )
        kinds[name] = kind
        index.add(name, name)
        for alias in filter(None, row["aliases"].split("|")):
            index.add(alias.lstrip("@"), name)
    junk = set()
    for line in data.joinpath("company_junk.txt").read_text("utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            junk.add(line.casefold())
            junk.add(fold(line))
    return index, kinds, frozenset(junk)


def company_kind(name: str | None) -> str | None:
    """Kind of a canonical company or university name ("OpenAI" → "ai_lab"), else None."""
    if not name:
        return None
    kinds = _tables()[1]
    if name in kinds:
        return kinds[name]
    if name in _university_table()[2]:
        return "university"
    return None


def _clean(raw: str) -> str:
    text = nfkc(raw).strip().strip("@").strip()
    text = re.sub(r"\s+", " ", text)
    for _ in range(2):  # "Foo Co., Ltd." has two layers
        text = _LEGAL_SUFFIX.sub("", text).strip(" ,.-")
        text = _CN_LEGAL_SUFFIX.sub("", text).strip()
    return text


def normalize_company(raw: str | None) -> Company | None:
    """Normalized organization of a GitHub company field, or None when it names none."""
    if not raw or not raw.strip():
        return None
    index, kinds, junk = _tables()
    if _EMAIL.match(raw.strip()):
        # An address is not an organization; its domain may still name a university.
        university = university_from_domain(raw.strip())
        return Company(university, "university") if university else None
    cleaned = _clean(raw)
    if _STATUS.match(cleaned):
        return None
    if (
        not cleaned
        or cleaned.casefold() in junk
        or fold(cleaned) in junk
        or not fold(cleaned)
        and cleaned.isascii()
    ):
        return None
    for candidate in (raw.strip().lstrip("@"), cleaned):
        found = index.exact(candidate)
        if len(found) == 1:
            name = found.pop()
            return Company(name, kinds[name])
        university = exact_university(candidate)
        if university:
            return Company(university, "university")
    for pos, values in index.find(raw):
        if len(values) == 1 and not _PAST.search(raw[:pos]):
            name = next(iter(values))
            return Company(name, kinds[name])
    for pos, values in _university_table()[0].find(raw):
        if len(values) == 1 and not _PAST.search(raw[:pos]):
            return Company(next(iter(values)), "university")
    return Company(cleaned, "university" if _ACADEMIC.search(cleaned) else "other")
