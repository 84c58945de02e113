"""Company field → organization: ``Company(name, kind)``.

Reference tables: ``data/companies.csv`` (canonical name, kind, aliases in English and
Chinese, GitHub handles) and ``data/company_junk.txt`` (values that name no organization).

Rules, in order:
1. Empty, or a placeholder / non-employer (``none``, ``-``, ``n/a``, ``personal``,
   ``freelancer``, ``self-employed``, ``student``, ``home``, ``localhost``) → None.
   Freelancers and students are deliberately None: there is no organization to rank.
   So is a value that is a job title ("Backend Developer & Writer", "DevOps and Platform
   Services Lead"), a sentence about oneself ("I work in this thing called life"), an
   exclamation, a place ("Vientiane Laos"), a list of many @accounts, a GitHub URL (the
   person's own page, not an employer: the homepage may still name one), or only past
   employers ("ex-Google", "Ex Intel", "former Google").
2. The whole cleaned value is a known alias (``@openai``, ``OpenAI, Inc.``, ``字节跳动``)
   → that company; a university written in the company field (``Tsinghua University``,
   ``@MIT``, ``清华大学``) → ``Company(<canonical university>, "university")``.
3. Otherwise the value is split into the organizations it lists (``|``, ``,``, `` / ``,
   spaced dashes, parentheses, one part per @handle, "title @org", "title at org"). A known
   company or university named in any part wins over unknown names (``CSE, HKUST``); among
   known ones, and among unknown ones, the first named wins: ``SJTU, Tencent`` → SJTU,
   ``SDE @stripe`` → stripe, ``Consultant at Deloitte`` → Deloitte. A part right
   after "ex-", "former(ly)", "prev." is a past employer and skipped; a known company or
   university inside a part ("Research Scientist @ Google DeepMind") answers for it; a
   known name that runs on into a longer one ("École Polytechnique de Montréal") does not.
4. An unknown organization → ``Company(<cleaned part>, "other")``: "@" and surrounding
   whitespace, symbols and legal suffixes ("Inc.", "Ltd", "GmbH", "LLC", "s.r.o." …)
   removed; a name written all in lower case (a GitHub handle) capitalised, so
   ``@cloudflare`` and ``Cloudflare`` are one group; a URL → its domain's name; kind
   "university" when the name says so ("Haramaya University", "…大学"), its trailing
   department dropped ("Marmara University Computer Engineering Department").
An email address in the company field → the university owning its domain, else None;
a status ("Open to opportunities", "Looking for a job") → None.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ghtalent.people._aliases import AliasIndex, continues_name
from ghtalent.people._text import fold, nfkc
from ghtalent.people.universities import _table as _university_table
from ghtalent.people.universities import exact_university, looks_academic, university_from_domain

__all__ = ["KINDS", "Company", "company_kind", "normalize_company"]

KINDS = ("ai_lab", "big_tech", "startup", "university", "other")

_LEGAL_SUFFIX = re.compile(
    r"[\s,]*\b(?:inc|incorporated|corp|corporation|co|company|ltd|limited|llc|l\.l\.c|plc|"
    r"gmbh|ag|s\.?a|s\.?a\.?s|s\.?a\.?c|s\.?r\.?l|s\.?r\.?o|b\.?v|n\.?v|pte|pvt|oy|ab|a/s|"
    r"kk|k\.k|sarl|spa|co\.?,?\s*ltd|pty)\.?$",
    re.I,
)
_CN_LEGAL_SUFFIX = re.compile(r"(?:股份)?有限(?:责任)?公司$|集团$")
# Whole values that are a status, not an employer ("Open to opportunities").
_STATUS = re.compile(r"^(?:open to|looking for|seeking|available for|searching for)\b", re.I)
# A trailing sub-unit of a university ("… Computer Engineering Department").
_ACADEMIC_UNIT = re.compile(
    r"(?<=\S)\s+(?:(?:of\s+)?[\w&]+\s+){0,4}(?:department|dept\.?|faculty|school|lab|laboratory)$",
    re.I,
)
# A part that is a sub-unit with the institution named after it ("School of Engineering, …").
_UNIT_FIRST = re.compile(r"^(?:school|faculty|department|dept\.?|division|college)\s+of\b", re.I)
# A company named right after these words is a past employer ("ex-Intel", "former Google").
_PAST_MARK = re.compile(r"^(?:ex\b|ex-|former(?:ly)?\b|previously\b|prev\b\.?|past\b|前)", re.I)
_PAST = re.compile(r"(?:\bex|\bformer(?:ly)?|\bpreviously|\bprev|前)\W*(?:[\w.]+\W+){0,2}$", re.I)
_EMAIL = re.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$")
_URL = re.compile(
    r"^(?:[a-z][a-z0-9+.-]*://)?(?:www\.)?(?P<host>[\w-]+(?:\.[\w-]+)*\.[a-z]{2,})(?:[/?#]\S*)?$",
    re.I,
)
_GITHUB_URL = re.compile(
    r"(?:https?://)?(?:www\.)?(?:[\w-]+\.github\.io|github\.com/[\w.-]+|gitlab\.com/[\w.-]+|"
    r"[\w-]+\.gitlab\.io)\S*",
    re.I,
)
_HANDLE = re.compile(r"(?:^|(?<=\s))@([A-Za-z0-9][\w.-]*)")
# More @accounts than this in one field is a list of follows, not an employer.
MAX_HANDLES = 4
# Separators between organizations in one field.
_PART_SPLIT = re.compile(r"\s*(?:\||,|;|·|•|\s/\s|\s[-–—:]+\s|[–—]|[()\[\]])\s*")
# Words of a job title: a part made only of them (its last word a title word) names no one.
_TITLE_WORDS = frozenset(
    [
        "developer",
        "developers",
        "engineer",
        "engineers",
        "programmer",
        "coder",
        "consultant",
        "contractor",
        "researcher",
        "scientist",
        "student",
        "intern",
        "designer",
        "architect",
        "analyst",
        "manager",
        "lead",
        "leader",
        "founder",
        "cofounder",
        "co-founder",
        "owner",
        "ceo",
        "cto",
        "cfo",
        "coo",
        "vp",
        "director",
        "head",
        "writer",
        "author",
        "blogger",
        "teacher",
        "lecturer",
        "professor",
        "instructor",
        "tutor",
        "trainer",
        "mentor",
        "maker",
        "builder",
        "hacker",
        "tinkerer",
        "enthusiast",
        "learner",
        "major",
        "admin",
        "administrator",
        "sysadmin",
        "devops",
        "sre",
        "sde",
        "swe",
        "mle",
        "specialist",
        "expert",
        "freelancer",
        "technician",
        "officer",
        "member",
        "staff",
        "associate",
        "assistant",
        "fellow",
        "candidate",
        "graduate",
        "undergraduate",
        "postdoc",
        "creator",
        "maintainer",
        "contributor",
        "degree",
        "entrepreneur",
        "co-owner",
        "solopreneur",
    ]
)
_TITLE_MODIFIERS = frozenset(
    [
        "and",
        "&",
        "of",
        "the",
        "a",
        "an",
        "senior",
        "sr",
        "junior",
        "jr",
        "lead",
        "principal",
        "staff",
        "chief",
        "full",
        "stack",
        "fullstack",
        "full-stack",
        "front",
        "end",
        "frontend",
        "front-end",
        "back",
        "backend",
        "back-end",
        "web",
        "mobile",
        "software",
        "data",
        "machine",
        "learning",
        "ml",
        "ai",
        "cloud",
        "platform",
        "services",
        "service",
        "devops",
        "security",
        "systems",
        "system",
        "network",
        "it",
        "game",
        "games",
        "ios",
        "android",
        "embedded",
        "qa",
        "test",
        "product",
        "ux",
        "ui",
        "graphic",
        "creative",
        "technical",
        "tech",
        "research",
        "independent",
        "freelance",
        "self",
        "phd",
        "msc",
        "bsc",
        "master",
        "masters",
        "bachelor",
        "english",
        "computer",
        "science",
        "engineering",
        "open",
        "source",
        "solutions",
        "blockchain",
        "python",
        "java",
        "javascript",
        "golang",
        "rust",
        "react",
        "node",
        "net",
        "go",
    ]
)
_SELF = re.compile(
    r"\b(?:i'm|i’m|my|me|myself|you|you're|you’re|your)\b|(?:^|\s)I\s+(?:am|work|do|love|build|make|code|like|was)\b",
    re.I,
)
# A piece ending in a connector ("Lead Engineer at", "Founder of", "Compass UOL and") before
# the @handle it introduces.
_TRAILING_CONNECTOR = re.compile(r"\s+(?:at|of|in|for|and|&|with|from|by|@)$", re.I)


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


def _strip_symbols(text: str) -> str:
    """Emoji and other symbols are decoration ("Capgemini ♠️", "University of X 🎓")."""
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat in ("So", "Sk", "Cf", "Co", "Cs") or 0xFE00 <= ord(ch) <= 0xFE0F:
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def _clean(raw: str) -> str:
    text = _strip_symbols(nfkc(raw)).strip().strip("@").strip()
    text = re.sub(r"\s+", " ", text)
    for _ in range(2):  # "Foo Co., Ltd." has two layers
        text = _LEGAL_SUFFIX.sub("", text).strip(" ,.-")
        text = _CN_LEGAL_SUFFIX.sub("", text).strip()
    return text


def _is_junk(text: str) -> bool:
    junk = _tables()[2]
    return (
        not text
        or text.casefold() in junk
        or fold(text) in junk
        or (not fold(text) and text.isascii())
        or bool(_STATUS.match(text))
    )


def _is_title(text: str) -> bool:
    """A job title, not an organization: "Backend Developer & Writer", "SDE", "English Major"."""
    text = re.sub(r"['’]s\b", "", text.casefold())
    words = [w for w in re.split(r"[\s/&+,]+", text) if w]
    if not words or len(words) > 7 or words[-1].strip(".") not in _TITLE_WORDS:
        return False
    return all(w.strip(".") in _TITLE_WORDS or w in _TITLE_MODIFIERS for w in words)


def _not_an_org(text: str) -> bool:
    """A sentence about oneself, an exclamation, a title or a place: no organization."""
    if _SELF.search(text) and len(text.split()) >= 2:
        return True
    if text.rstrip().endswith("!") and len(text.split()) >= 2:
        return True
    if _is_title(text):
        return True
    from ghtalent.people.countries import is_place_name

    return is_place_name(text)


def _display(name: str) -> str:
    """A name typed all in lower case (a GitHub handle) is capitalised: one group per company."""
    if name.isascii() and name == name.lower() and any(ch.isalpha() for ch in name):
        return " ".join(w if "." in w else w[:1].upper() + w[1:] for w in name.split(" "))
    first, _, rest = name.partition(" ")
    if first.isascii() and first.isalpha() and first == first.lower():
        name = f"{first.title()} {rest}".strip()  # "kassala Uinversity"
    return re.sub(r"\b(universit\w*|college|institute)\b", lambda m: m.group(1).title(), name)


def _known(text: str) -> Company | None:
    """The known company or university that is the whole text, else None."""
    index, kinds, _ = _tables()
    found = index.exact(text)
    if len(found) == 1:
        name = found.pop()
        return Company(name, kinds[name])
    university = exact_university(text)
    return Company(university, "university") if university else None


def _known_inside(text: str) -> Company | None:
    """The first known company or university named inside text, not marked past."""
    index, kinds, _ = _tables()
    hits = [(start, end, values, False) for start, end, values in index.spans(text)]
    hits += [
        (start, end, values, True) for start, end, values in _university_table()[0].spans(text)
    ]
    for start, end, values, is_university in sorted(hits, key=lambda h: (h[0], h[3])):
        if len(values) != 1 or _PAST.search(text[:start]) or continues_name(text, end):
            continue
        name = next(iter(values))
        return Company(name, "university") if is_university else Company(name, kinds[name])
    return None


def _from_url(text: str) -> Company | None | bool:
    """A URL or bare domain in the field: its university, a known company, its domain's name.
    False when the text is no URL."""
    from ghtalent.people.universities import _extractor

    match = _URL.match(text.strip())
    if not match or " " in text.strip():
        return False
    parts = _extractor()(match.group("host"))
    if not parts.suffix or not parts.domain:
        return False  # "SSV.Labs": a dotted name, not a domain
    university = university_from_domain(text.strip())
    if university:
        return Company(university, "university")
    if re.search(r"\w/+[^/\s]", re.sub(r"^[a-z]+://", "", text.strip(), flags=re.I)):
        return None  # a page on some platform ("buymeacoffee.com/someone"), not a company site
    return _known(parts.domain) or Company(_display(parts.domain), "other")


def _parts(text: str) -> list[str]:
    """The organizations a field lists, in order: separators, one part per @handle,
    "title @org" and "title at org" split into their title and org."""
    out: list[str] = []
    for chunk in _PART_SPLIT.split(text):
        chunk = chunk.strip()
        if not chunk:
            continue
        at = re.match(r"^(.+?)\s+(?:at|@)\s+(.+)$", chunk, re.I)
        if at and (_is_title(at.group(1)) or not _known(at.group(1))):
            chunk = at.group(2)  # "Software Engineer - Android @ Acme": the org follows "@"
        for piece in re.split(r"\s+(?=@\w)", chunk):
            piece = _TRAILING_CONNECTOR.sub("", piece.strip())
            if piece:
                out.append(piece)
    return out


def _read_part(part: str) -> Company | None:
    """The organization one part names, else None."""
    handle = _HANDLE.match(part)
    if handle:
        part = handle.group(1)  # "@vuejs core team" → vuejs
    cleaned = _clean(part)
    if _is_junk(cleaned) or _not_an_org(cleaned):
        return None
    found = _known(part) or _known(cleaned) or _known_inside(part)
    if found:
        return found
    url = _from_url(part.strip(" @"))  # before clean-up: "andit.co" is no "Co." suffix
    if url is not False:
        return url
    if looks_academic(cleaned):
        return Company(_display(_ACADEMIC_UNIT.sub("", cleaned)), "university")
    return Company(_display(cleaned), "other")


def normalize_company(raw: str | None) -> Company | None:
    """Normalized organization of a GitHub company field, or None when it names none."""
    if not raw or not raw.strip():
        return None
    text = raw.strip()
    if _EMAIL.match(text):
        # An address is not an organization; its domain may still name a university.
        university = university_from_domain(text)
        return Company(university, "university") if university else None
    text = _GITHUB_URL.sub(" ", text).strip()  # one's own GitHub page names no employer
    cleaned = _clean(text)
    if _is_junk(cleaned):
        return None
    for candidate in (text.lstrip("@"), cleaned):
        found = _known(candidate)
        if found:
            return found
    url = _from_url(text.strip(" @"))
    if url is not False:
        return url  # "linkedin.com/in/someone" is a page on LinkedIn, not LinkedIn
    if len(_HANDLE.findall(text)) > MAX_HANDLES:
        return None
    whole = _clean(_strip_symbols(text))
    if len(whole.split()) >= 2 and (_SELF.search(whole) or whole.endswith("!")):
        return None  # "I work in this thing called life", "Hello, Universe!"
    from ghtalent.people.countries import is_place_name

    if is_place_name(whole):
        return None  # "Lagos, Nigeria": where, not who
    parts = _current_parts(_parts(text))
    # A known company or university named anywhere wins over unknown names before it
    # ("CSE, HKUST"); among known ones, and among unknown ones, the first named wins.
    for part in parts:
        found = _known(part) or _known(_clean(part)) or _known_inside(part)
        if found:
            return found
    for index, part in enumerate(parts):
        later = parts[index + 1 :]
        if _UNIT_FIRST.match(part) and later and not _known_inside(part):
            continue  # "School of Engineering, HES-SO": the institution follows
        found = _read_part(part)
        if found and found.kind == "other" and later and _expands(part, later[0]):
            found = _read_part(later[0]) or found  # "UNIP - Universidade Paulista"
        if found:
            return found
    return None


def _current_parts(parts: list[str]) -> list[str]:
    """The parts that are not past employers ("ex-ARM, NVIDIA" → NVIDIA), without "now"."""
    out: list[str] = []
    past = carry = False
    for part in parts:
        marked = _PAST_MARK.match(part)
        if marked:
            past = True
            part = part[marked.end() :].strip(" -:")
            carry = not part  # "Formerly @openai": the mark is a part of its own
        elif carry or re.match(r"^(?:and|&)\b", part):
            carry = False
        else:
            past = False
        part = re.sub(r"^(?:now|currently|current(?:ly)?\s+at|at)\b\s*", "", part, flags=re.I)
        if not past and part:
            out.append(part)
    return out


def _expands(acronym: str, name: str) -> bool:
    """True when `name` spells out the acronym `acronym` ("UNIP", "Universidade Paulista")."""
    letters = acronym.strip("@ ")
    if not re.fullmatch(r"[A-Z]{2,6}", letters):
        return False
    initials = "".join(w[0] for w in re.findall(r"[A-Za-zÀ-ÿ]+", name) if w[0].isupper())
    return bool(initials) and initials[0] == letters[0] and looks_academic(name)
