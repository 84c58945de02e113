"""OpenAlex in the mirror: `/openalex/authors` and `/openalex/works` in OpenAlex's shapes, over
authors and papers derived from the synthetic world, so matching runs offline.

The derivation is deterministic (seeded by each login, never by list order) and needs nothing
the world file does not already hold, so the bundled snapshot is not regenerated:
- who has papers: likelier for people whose company or e-mail is a university or lab, whose bio
  says researcher / PhD, and whose homepage links Google Scholar; an ORCID in a profile means
  papers for sure (its author carries that ORCID);
- their author record: the name as OpenAlex writes it (pinyin, given name first, for Chinese
  names; the original as an alternative), the institution the profile states (sometimes a newer
  one, or none), AI topics, works with citation counts, and h-index computed from those works;
- namesakes: authors with the same name at other institutions, mostly in other fields, for
  people with and without papers: the traps a name-only matcher falls into.
`academic_truth(world)` gives login → author id, the labels accuracy is measured against.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import random
import re
import threading
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any

from ghtalent.scholar.names import chinese_readings, name_keys, search_forms

SALT = "openalex-1"
API = "https://api.openalex.org"
PER_PAGE_MAX = 200
ORCID_RE = re.compile(r"\b(\d{4}-\d{4}-\d{4}-\d{3}[\dX])\b")
RESEARCH_BIO = re.compile(
    r"ph\.?d|professor|post-?doc|researcher|research scientist|lecturer|博士|教授|研究员|研究生|"
    r"대학원|研究者",
    re.I,
)
SCHOLAR_LINK = re.compile(r"scholar\.google\.[a-z.]+/citations\?user=")

AI_TOPICS = [
    ("T10028", "Topic Modeling", "Artificial Intelligence"),
    ("T10181", "Natural Language Processing Techniques", "Artificial Intelligence"),
    ("T12031", "Speech and dialogue systems", "Artificial Intelligence"),
    ("T10775", "Generative Adversarial Networks and Image Synthesis", "Computer Vision and Pattern Recognition"),
    ("T11307", "Domain Adaptation and Few-Shot Learning", "Artificial Intelligence"),
    ("T10036", "Advanced Neural Network Applications", "Computer Vision and Pattern Recognition"),
    ("T11714", "Multimodal Machine Learning Applications", "Artificial Intelligence"),
    ("T10320", "Neural Networks and Applications", "Artificial Intelligence"),
]  # fmt: skip
OTHER_FIELDS = [
    ("Chemistry", "Organic Chemistry", ["Catalytic C–H Functionalization Methods", "Synthesis of heterocyclic compounds"]),
    ("Medicine", "Oncology", ["Lung Cancer Treatments and Mutations", "Colorectal Cancer Screening"]),
    ("Materials Science", "Materials Chemistry", ["Perovskite Materials and Applications", "Advanced battery technologies research"]),
    ("Environmental Science", "Ecology", ["Ecology and Vegetation Dynamics Studies", "Soil Carbon and Nitrogen Dynamics"]),
    ("Physics and Astronomy", "Condensed Matter Physics", ["Topological Materials and Phenomena", "Physics of Superconductivity"]),
    ("Agricultural and Biological Sciences", "Plant Science", ["Plant Stress Responses and Tolerance", "Rice Cultivation and Yield Improvement"]),
]  # fmt: skip
OUTSIDE_INSTITUTIONS = [
    ("Universidade de São Paulo", "BR", "education"),
    ("Karolinska Institutet", "SE", "education"),
    ("University of Lagos", "NG", "education"),
    ("Chinese Academy of Agricultural Sciences", "CN", "facility"),
    ("Mayo Clinic", "US", "healthcare"),
    ("Sichuan University", "CN", "education"),
    ("Jilin University", "CN", "education"),
    ("University of Melbourne", "AU", "education"),
    ("Seoul National University Hospital", "KR", "healthcare"),
    ("Osaka University", "JP", "education"),
]
WORDS = {
    "ai": ["Language Models", "Diffusion", "Transformers", "Instruction Tuning", "Retrieval",
           "Reasoning", "Alignment", "Image Synthesis", "Efficient Inference", "Quantization",
           "Agents", "Multimodal Pretraining", "Tokenization", "Preference Optimization"],
    "other": ["Catalysis", "Tumor Microenvironment", "Soil Microbiome", "Perovskite Films",
              "Superconducting Qubits", "Drought Tolerance", "Cohort Study", "Grain Yield"],
}  # fmt: skip
VENUES = {
    "ai": ["NeurIPS", "ICML", "ICLR", "ACL", "EMNLP", "CVPR", "arXiv (Cornell University)"],
    "other": ["Nature Communications", "The Lancet", "Journal of the American Chemical Society",
              "Plant Physiology", "Physical Review B"],
}  # fmt: skip


def _rng(*parts: object) -> random.Random:
    digest = hashlib.sha256("|".join([SALT, *map(str, parts)]).encode()).hexdigest()
    return random.Random(int(digest[:16], 16))


def _num_id(prefix: str, *parts: object, digits: int = 10) -> str:
    digest = hashlib.sha256("|".join([SALT, prefix, *map(str, parts)]).encode()).hexdigest()
    return prefix + str(int(digest[:15], 16) % 10**digits).zfill(digits)


@cache
def _source_id(field_kind: str, word: str) -> str:
    """A venue's id: one per (field, title word), so a handful for a whole world."""
    return _num_id("S", field_kind, word, digits=9)


def _orcid(*parts: object) -> str:
    digest = int(
        hashlib.sha256("|".join([SALT, "orcid", *map(str, parts)]).encode()).hexdigest()[:12], 16
    )
    base = f"0000000{digest % 10**8:08d}"[-15:]
    total = 0
    for ch in base:
        total = (total + int(ch)) * 2
    check = (12 - total % 11) % 11
    digits = base + ("X" if check == 10 else str(check))
    return "-".join(digits[i : i + 4] for i in range(0, 16, 4))


# --------------------------------------------------------------------------- derivation
@dataclass
class Academia:
    """Authors and works derived from one world."""

    authors: dict[str, dict] = field(default_factory=dict)  # short id -> author object
    works: dict[str, dict] = field(default_factory=dict)
    works_of: dict[str, list[str]] = field(default_factory=dict)
    truth: dict[str, str] = field(default_factory=dict)  # login -> short author id
    namesakes: dict[str, list[str]] = field(default_factory=dict)  # login -> namesake ids
    by_orcid: dict[str, str] = field(default_factory=dict)
    # name search without a scan of every author (a 150,000-account world has tens of
    # thousands): folded token -> author ids, and whole casefolded name -> author ids
    by_token: dict[str, set[str]] = field(default_factory=dict)
    by_name: dict[str, set[str]] = field(default_factory=dict)
    position: dict[str, int] = field(default_factory=dict)  # author id -> order of derivation
    # id filters without a scan either: short ORCID -> author ids (namesakes may share one)
    by_short_orcid: dict[str, list[str]] = field(default_factory=dict)

    def index_names(self) -> None:
        for i, (aid, author) in enumerate(self.authors.items()):
            self.position[aid] = i
            if author.get("orcid"):
                self.by_short_orcid.setdefault(_short(author["orcid"]), []).append(aid)
            for name in [author["display_name"], *author.get("display_name_alternatives", [])]:
                self.by_name.setdefault(name.casefold(), set()).add(aid)
                for token in _tokens(name):
                    self.by_token.setdefault(token, set()).add(aid)

    def search_candidates(self, query: str) -> set[str]:
        """Every author `_matches_search` can accept for `query` (a superset: each token of
        the query in some name of theirs, or the whole name)."""
        want = set(_tokens(query))
        found = set(self.by_name.get(query.strip().casefold(), set()))
        if want:
            sets = [self.by_token.get(t, set()) for t in want]
            found |= set.intersection(*sets)
        return found


def _entities() -> list[dict]:
    text = resources.files("ghtalent.mirror").joinpath("pools/affiliations.json").read_text("utf-8")
    return [e for e in json.loads(text)["entities"] if e.get("kind") != "other"]


def _institution(
    entity: dict | None, name: str | None = None, cc: str | None = None, kind: str | None = None
) -> dict:
    key = entity["key"] if entity else name
    display = entity["name"] if entity else name
    ror = hashlib.sha1(f"ror|{key}".encode()).hexdigest()[:7]
    itype = kind or ("education" if entity and entity.get("kind") == "university" else "company")
    return {
        "id": f"https://openalex.org/{_num_id('I', key, digits=9)}",
        "ror": f"https://ror.org/0{ror}",
        "display_name": display,
        "country_code": cc or _REGION_CC.get((entity or {}).get("region", "")),
        "type": itype,
        "lineage": [f"https://openalex.org/{_num_id('I', key, digits=9)}"],
    }


_REGION_CC = {
    "us": "US",
    "china": "CN",
    "europe": "GB",
    "korea": "KR",
    "japan": "JP",
    "india": "IN",
}


class _Affiliations:
    """Which organization a profile states, with the lookups built once per derivation (a
    150,000-account world would otherwise rebuild every entity's spellings per account)."""

    def __init__(self, entities: list[dict]):
        self.by_raw: dict[str, dict] = {}
        for e in entities:
            raws = [r.lower().lstrip("@") for r in e.get("raw", [])] + [e["name"].lower()]
            if e.get("zh"):
                raws.append(e["zh"].lower())
            for raw in raws:
                self.by_raw.setdefault(raw, e)  # the first entity that spells it so wins
        self.domains = [(e["domain"].lower(), e) for e in entities if e.get("domain")]
        self.labels = [(label, e) for e in entities for label in (e["name"], e.get("zh")) if label]

    def of(self, account: dict, page: str | None) -> dict | None:
        """The company field, the e-mail domain, then the homepage intro (in that order)."""
        company = (account.get("company") or "").strip().lower().lstrip("@")
        if company and company in self.by_raw:
            return self.by_raw[company]
        email = (account.get("email") or "").lower()
        domain = email.rsplit("@", 1)[-1] if "@" in email else ""
        if domain:
            for d, e in self.domains:
                if domain == d or domain.endswith("." + d):
                    return e
        if page:
            body = page.split("</h1>", 1)[-1]
            best: tuple[int, dict] | None = None
            for label, e in self.labels:
                if (pos := body.find(label)) >= 0 and (best is None or pos < best[0]):
                    best = (pos, e)
            if best:
                return best[1]
        return None


def _display_name(name: str) -> tuple[str, list[str]] | None:
    """(display name as OpenAlex writes it, alternatives) for a GitHub name; None if unusable."""
    forms = search_forms(name)
    if not forms or not name_keys(name):
        return None
    latin = [f for f in forms if f.isascii() or not re.search(r"[^\x00-\u024f\s'.-]", f)]
    native = [f for f in forms if f not in latin]
    if not latin:
        return None  # a name OpenAlex would only hold in a romanization we cannot derive
    display = latin[0]
    alternatives = list(dict.fromkeys([*latin[1:], *native]))
    for seg in native:
        for family, given in chinese_readings(seg)[:1]:
            alternatives.append(f"{family.capitalize()} {given.capitalize()}")
            alternatives.append(f"{given[0].upper()}. {family.capitalize()}")
    return display, [a for a in dict.fromkeys(alternatives) if a != display]


def _years(r: random.Random, anchor: date) -> tuple[int, int]:
    last = anchor.year - (0 if r.random() < 0.6 else r.randrange(1, 4))
    first = last - r.randrange(1, 12)
    return first, last


def _make_works(
    aid: str,
    display: str,
    orcid: str | None,
    field_kind: str,
    n: int,
    years: tuple[int, int],
    inst: dict | None,
    topics: list[dict],
    r: random.Random,
    scale: float,
) -> list[dict]:
    works = []
    for i in range(n):
        wid = _num_id("W", aid, i)
        year = r.randint(*years)
        day = date(year, 1, 1) + timedelta(days=r.randrange(0, 365))
        cited = int((r.paretovariate(1.15) - 1) * scale)
        words = r.sample(WORDS[field_kind], 2)
        title = (
            f"{words[0]} for {words[1]}" if r.random() < 0.5 else f"On {words[0]} and {words[1]}"
        )
        doi = f"https://doi.org/10.{r.randrange(1000, 9999)}/{wid.lower()}"
        authorships = [
            {
                "author_position": "first" if i % 3 == 0 else "middle",
                "author": {
                    "id": f"https://openalex.org/{aid}",
                    "display_name": display,
                    "orcid": orcid,
                },
                "institutions": [inst] if inst else [],
                "countries": [inst["country_code"]] if inst and inst.get("country_code") else [],
                "is_corresponding": i % 3 == 0,
                "raw_author_name": display,
                "raw_affiliation_strings": [inst["display_name"]] if inst else [],
            }
        ]
        primary_topic = topics[0] if topics else None
        works.append(
            {
                "id": f"https://openalex.org/{wid}",
                "doi": doi,
                "title": title,
                "display_name": title,
                "publication_year": year,
                "publication_date": day.isoformat(),
                "ids": {"openalex": f"https://openalex.org/{wid}", "doi": doi},
                "language": "en",
                "primary_location": {
                    "is_oa": True,
                    "landing_page_url": doi,
                    "pdf_url": None,
                    "source": {
                        "id": f"https://openalex.org/{_source_id(field_kind, words[0])}",
                        "display_name": r.choice(VENUES[field_kind]),
                        "type": "conference" if field_kind == "ai" else "journal",
                    },
                },
                "type": "article",
                "cited_by_count": cited,
                "authorships": authorships,
                "primary_topic": primary_topic,
                "topics": topics[:3],
                "counts_by_year": [],
                "updated_date": "2026-11-20T00:00:00.000000",
                "created_date": f"{year}-{day.month:02d}-{day.day:02d}",
            }
        )
    return works


def _h_index(citations: list[int]) -> int:
    ranked = sorted(citations, reverse=True)
    return sum(1 for i, c in enumerate(ranked, 1) if c >= i)


def _topic_objects(field_kind: str, r: random.Random, n: int) -> list[dict]:
    if field_kind == "ai":
        chosen = r.sample(AI_TOPICS, min(n, len(AI_TOPICS)))
        return [
            {
                "id": f"https://openalex.org/{tid}",
                "display_name": name,
                "count": 0,
                "subfield": {"id": "https://openalex.org/subfields/1702", "display_name": sub},
                "field": {
                    "id": "https://openalex.org/fields/17",
                    "display_name": "Computer Science",
                },
                "domain": {
                    "id": "https://openalex.org/domains/3",
                    "display_name": "Physical Sciences",
                },
            }
            for tid, name, sub in chosen
        ]
    fld, sub, names = r.choice(OTHER_FIELDS)
    return [
        {
            "id": f"https://openalex.org/{_num_id('T', name, digits=5)}",
            "display_name": name,
            "count": 0,
            "subfield": {"id": "https://openalex.org/subfields/0", "display_name": sub},
            "field": {"id": "https://openalex.org/fields/0", "display_name": fld},
            "domain": {"id": "https://openalex.org/domains/0", "display_name": "Life Sciences"},
        }
        for name in names
    ]


def _author(
    acad: Academia,
    aid: str,
    display: str,
    alternatives: list[str],
    orcid: str | None,
    field_kind: str,
    current: dict | None,
    past: list[dict],
    r: random.Random,
    anchor: date,
    productive: bool,
) -> dict:
    years = _years(r, anchor)
    n = max(1, min(300, int(r.lognormvariate(2.4 if productive else 1.4, 0.9))))
    topics = _topic_objects(field_kind, r, 3)
    scale = r.choice([2.0, 6.0, 15.0, 40.0]) if productive else r.choice([1.0, 4.0])
    works = _make_works(aid, display, orcid, field_kind, n, years, current, topics, r, scale)
    cites = [w["cited_by_count"] for w in works]
    for t in topics:
        t["count"] = max(1, n // len(topics))
    by_year: dict[int, list[int]] = {}
    for w in works:
        entry = by_year.setdefault(w["publication_year"], [0, 0])
        entry[0] += 1
    total = sum(cites)
    recent = [y for y in range(anchor.year - 9, anchor.year + 1)]
    shares = max(1, sum(max(0, z - years[0] + 1) for z in recent))
    for y in recent:
        share = max(0, y - years[0] + 1)
        by_year.setdefault(y, [0, 0])[1] = int(total * share / shares)
    counts = [
        {"year": y, "works_count": v[0], "cited_by_count": v[1]}
        for y, v in sorted(by_year.items(), reverse=True)
        if y >= anchor.year - 9 and (v[0] or v[1])
    ]
    recent_works = [w for w in works if w["publication_year"] >= anchor.year - 2]
    mean2 = (
        (sum(w["cited_by_count"] for w in recent_works) / len(recent_works))
        if recent_works
        else 0.0
    )
    affiliations = []
    for i, inst in enumerate(([current] if current else []) + past):
        span = list(range(years[1], years[0] - 1, -1))
        cut = len(span) // 2
        affiliations.append(
            {"institution": inst, "years": span[: cut or 1] if i == 0 else span[cut:] or span}
        )
    author = {
        "id": f"https://openalex.org/{aid}",
        "orcid": f"https://orcid.org/{orcid}" if orcid else None,
        "display_name": display,
        "display_name_alternatives": alternatives,
        "works_count": n,
        "cited_by_count": total,
        "summary_stats": {
            "2yr_mean_citedness": round(mean2, 3),
            "h_index": _h_index(cites),
            "i10_index": sum(1 for c in cites if c >= 10),
        },
        "ids": {
            "openalex": f"https://openalex.org/{aid}",
            **({"orcid": f"https://orcid.org/{orcid}"} if orcid else {}),
        },
        "affiliations": affiliations,
        "last_known_institutions": [current] if current else [],
        "topics": topics,
        "topic_share": [],
        "x_concepts": [
            {
                "id": "https://openalex.org/C41008148",
                "wikidata": "https://www.wikidata.org/wiki/Q21198",
                "display_name": "Computer science"
                if field_kind == "ai"
                else topics[0]["field"]["display_name"],
                "level": 0,
                "score": 88.2,
            }
        ],
        "counts_by_year": counts,
        "works_api_url": f"{API}/works?filter=author.id:{aid}",
        "updated_date": "2026-11-20T00:00:00.000000",
        "created_date": "2023-07-21",
    }
    acad.authors[aid] = author
    acad.works_of[aid] = []
    for w in works:
        acad.works[w["id"].rsplit("/", 1)[-1]] = w
        acad.works_of[aid].append(w["id"].rsplit("/", 1)[-1])
    if orcid:
        acad.by_orcid[orcid] = aid
    return author


def derive(world: dict) -> Academia:
    """Authors, works and truth labels for a world (same world → same answer)."""
    acad = Academia()
    entities = _entities()
    affiliations = _Affiliations(entities)
    universities = [e for e in entities if e.get("kind") == "university"]
    anchor = date.fromisoformat(world["meta"]["anchor_date"])
    pages = world.get("pages", {})
    faults = world.get("page_faults", {})
    accounts = sorted(
        (a for a in world["accounts"] if a.get("type") == "User"), key=lambda a: a["login"].lower()
    )
    for account in accounts:
        login = account["login"]
        named = _display_name(account.get("name") or "")
        if named is None:
            continue
        display, alternatives = named
        r = _rng("person", login.lower())
        path = f"/pages/{login}/"
        blog = account.get("blog") or ""
        page = pages.get(path) if path in blog and path not in faults else None
        entity = affiliations.of(account, page)
        profile_text = " ".join(str(account.get(k) or "") for k in ("bio", "blog"))
        orcid_found = ORCID_RE.search(profile_text)
        p = 0.02
        if entity is not None:
            p = {"university": 0.55, "ai_lab": 0.4, "big_tech": 0.15, "startup": 0.1}.get(
                entity["kind"], 0.05
            )
        if RESEARCH_BIO.search(account.get("bio") or ""):
            p += 0.25
        if page and SCHOLAR_LINK.search(page):
            p = max(p, 0.9)
        has_papers = bool(orcid_found) or r.random() < p
        if has_papers:
            aid = _num_id("A5", "author", login.lower(), digits=9)
            orcid = (
                orcid_found.group(1)
                if orcid_found
                else (_orcid(login.lower()) if r.random() < 0.55 else None)
            )
            current = _institution(entity) if entity else None
            past: list[dict] = []
            roll = r.random()
            if entity is not None and roll < 0.12:  # moved on: the profile names the old place
                newer = r.choice([u for u in universities if u is not entity])
                current, past = _institution(newer), [_institution(entity)]
            elif entity is not None and roll < 0.2:
                current = None  # OpenAlex knows no institution for them
            elif entity is None and roll < 0.6:
                current = _institution(r.choice(universities))
            _author(acad, aid, display, alternatives, orcid, "ai", current, past, r, anchor, True)
            acad.truth[login] = aid
        # Namesakes: other people with the same name, elsewhere (and mostly in other fields).
        chinese = any(
            chinese_readings(s) for s in search_forms(account.get("name") or "") if not s.isascii()
        ) or _pinyin_like(display)
        chance = (0.75 if chinese else 0.5) if has_papers else (0.45 if chinese else 0.25)
        count = r.randint(1, 3 if chinese else 2) if r.random() < chance else 0
        for k in range(count):
            nid = _num_id("A5", "namesake", login.lower(), k, digits=9)
            same_field = r.random() < 0.25
            if r.random() < 0.35:
                name, cc, kind = r.choice(OUTSIDE_INSTITUTIONS)
                inst = _institution(None, name, cc, kind)
            else:
                inst = _institution(r.choice([e for e in entities if e is not entity]))
            _author(
                acad,
                nid,
                display,
                alternatives[:1],
                _orcid("namesake", login.lower(), k) if r.random() < 0.4 else None,
                "ai" if same_field else "other",
                inst,
                [],
                r,
                anchor,
                r.random() < 0.5,
            )
            acad.namesakes.setdefault(login, []).append(nid)
    return acad


_PINYIN_SURNAMES = {"wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou",
                    "xu", "sun", "ma", "zhu", "hu", "guo", "he", "lin", "gao", "luo", "zheng"}  # fmt: skip


def _pinyin_like(display: str) -> bool:
    return any(t.lower() in _PINYIN_SURNAMES for t in display.split())


_cache: dict[int, tuple[dict, Academia]] = {}
_cache_lock = threading.Lock()


def academia_of(world: dict) -> Academia:
    """The derivation for a world dict, computed once per world object."""
    with _cache_lock:
        hit = _cache.get(id(world))
        if hit is None or hit[0] is not world:
            acad = derive(world)
            acad.index_names()
            hit = (world, acad)
            _cache[id(world)] = hit
        return hit[1]


def academic_truth(world: dict) -> dict[str, str]:
    """login → OpenAlex author id (short form) of every person who has papers."""
    return dict(academia_of(world).truth)


# --------------------------------------------------------------------------- the API
@dataclass
class OpenAlexFaults:
    """Faults a test can switch on for the OpenAlex routes."""

    throttle: int = 0  # next N requests: 429
    retry_after: int | None = 1  # sent with the 429 (None: no Retry-After header)


class BadQuery(ValueError):
    pass


def faults_of(httpd: Any) -> OpenAlexFaults:
    if not hasattr(httpd, "openalex_faults"):
        httpd.openalex_faults = OpenAlexFaults()
    return httpd.openalex_faults


def _tokens(text: str) -> list[str]:
    from ghtalent.people._text import fold

    return fold(text).split()


def _matches_search(author: dict, query: str) -> float:
    want = set(_tokens(query))
    native = query.strip().casefold()
    best = 0.0
    for i, name in enumerate(
        [author["display_name"], *author.get("display_name_alternatives", [])]
    ):
        have = set(_tokens(name))
        if (want and want <= have) or (native and native == name.casefold()):
            best = max(best, 10.0 if i == 0 else 6.0)
    return best


def _filters(raw: str | None) -> list[tuple[str, list[str]]]:
    out = []
    if not raw:
        return out
    for part in re.split(r",(?=[a-z_.]+:)", raw):
        if ":" not in part:
            raise BadQuery(f"filter {part!r} has no value")
        key, value = part.split(":", 1)
        out.append((key.strip(), [v.strip() for v in value.split("|") if v.strip()]))
    return out


def _short(value: str) -> str:
    return value.rstrip("/").rsplit("/", 1)[-1]


AUTHOR_FILTERS = {"orcid", "ids.orcid", "openalex", "ids.openalex", "display_name.search",
                  "last_known_institutions.id", "has_orcid"}  # fmt: skip
WORK_FILTERS = {"author.id", "authorships.author.id", "publication_year", "openalex", "doi"}


def _author_ok(author: dict, key: str, values: list[str]) -> bool:
    if key in ("orcid", "ids.orcid"):
        return bool(author.get("orcid")) and _short(author["orcid"]) in {_short(v) for v in values}
    if key in ("openalex", "ids.openalex"):
        return _short(author["id"]) in {_short(v) for v in values}
    if key == "display_name.search":
        return any(_matches_search(author, v) for v in values)
    if key == "last_known_institutions.id":
        have = {_short(i["id"]) for i in author.get("last_known_institutions") or []}
        return bool(have & {_short(v) for v in values})
    if key == "has_orcid":
        return (author.get("orcid") is not None) == (values[0].lower() == "true")
    return False


def _work_ok(work: dict, key: str, values: list[str]) -> bool:
    if key in ("author.id", "authorships.author.id"):
        ids = {_short(a["author"]["id"]) for a in work["authorships"]}
        return bool(ids & {_short(v) for v in values})
    if key == "publication_year":
        return str(work["publication_year"]) in values
    if key == "openalex":
        return _short(work["id"]) in {_short(v) for v in values}
    if key == "doi":
        return (
            work.get("doi", "")
            .lower()
            .endswith(tuple(v.lower().removeprefix("https://doi.org/") for v in values))
        )
    return False


def _sort(items: list[dict], spec: str | None, scored: dict[str, float]) -> list[dict]:
    if not spec:
        if scored:
            return sorted(
                items, key=lambda x: (-scored[x["id"]], -x.get("cited_by_count", 0), x["id"])
            )
        return sorted(items, key=lambda x: x["id"])
    for part in reversed(spec.split(",")):
        name, _, direction = part.partition(":")
        if name not in ("cited_by_count", "works_count", "publication_date", "publication_year",
                        "display_name", "relevance_score"):  # fmt: skip
            raise BadQuery(f"{name} is not a valid sort field")

        def key(x, name=name):
            return scored.get(x["id"], 0.0) if name == "relevance_score" else (x.get(name) or 0)

        items = sorted(items, key=key, reverse=direction.lower() == "desc")
    return items


def _cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(json.dumps([offset]).encode()).decode()


def _uncursor(value: str) -> int:
    if value == "*":
        return 0
    try:
        return int(json.loads(base64.urlsafe_b64decode(value.encode()))[0])
    except (ValueError, TypeError, IndexError) as exc:
        raise BadQuery(f"cursor {value!r} is not valid") from exc


def list_answer(items: list[dict], query: dict[str, list[str]], scored: dict[str, float]) -> dict:
    """A list answer with OpenAlex's paging rules and `meta`."""
    q = {k: v[-1] for k, v in query.items()}
    per_page_raw = q.get("per-page", q.get("per_page", "25"))
    if not per_page_raw.isdigit() or not 1 <= int(per_page_raw) <= PER_PAGE_MAX:
        raise BadQuery(f"'per-page' parameter must be between 1 and {PER_PAGE_MAX}")
    per_page = int(per_page_raw)
    items = _sort(items, q.get("sort"), scored)
    cursor = q.get("cursor")
    if cursor is not None and "page" in q:
        raise BadQuery("cannot use page and cursor parameters together")
    if cursor is not None:
        offset = _uncursor(cursor)
        page_no = None
    else:
        page_raw = q.get("page", "1")
        if not page_raw.isdigit() or int(page_raw) < 1:
            raise BadQuery("'page' parameter must be a positive integer")
        page_no = int(page_raw)
        if page_no * per_page > 10_000:
            raise BadQuery(
                "Maximum results size of 10,000 records is exceeded. Cursor pagination is required for records beyond 10,000."
            )
        offset = (page_no - 1) * per_page
    chunk = items[offset : offset + per_page]
    if "search" in q:
        chunk = [{**c, "relevance_score": scored.get(c["id"], 0.0)} for c in chunk]
    select = q.get("select")
    if select:
        fields = [f.strip() for f in select.split(",") if f.strip()]
        chunk = [{f: c.get(f) for f in fields} for c in chunk]
    meta: dict[str, Any] = {
        "count": len(items),
        "db_response_time_ms": 3,
        "page": page_no,
        "per_page": per_page,
        "groups_count": None,
    }
    if cursor is not None:
        meta["next_cursor"] = (
            _cursor(offset + per_page) if offset + per_page < len(items) and chunk else None
        )
    return {"meta": meta, "results": chunk, "group_by": []}


def handle(handler: Any, parts: list[str], query: dict[str, list[str]]) -> None:
    """Answer a GET under /openalex/ on the mirror's request handler."""
    httpd = handler.server
    with httpd.lock:
        httpd.stats["openalex"] = httpd.stats.get("openalex", 0) + 1
    faults = faults_of(httpd)
    with httpd.lock:
        throttled = faults.throttle > 0
        if throttled:
            faults.throttle -= 1
    if throttled:
        headers = {"Retry-After": str(faults.retry_after)} if faults.retry_after is not None else {}
        handler._json(
            429,
            {
                "error": "Too Many Requests",
                "message": "Rate limit exceeded: 10 requests per second.",
            },
            headers,
        )
        return
    if handler._consume("server_errors"):
        handler._json(500, {"error": "Internal Server Error", "message": "upstream timeout"})
        return
    acad = academia_of(httpd.world.raw)
    try:
        if parts == ["authors"]:
            handler._json(200, _authors(acad, query))
        elif parts == ["works"]:
            handler._json(200, _works(acad, query))
        elif len(parts) >= 2 and parts[0] in ("authors", "works"):
            found = _single(acad, parts[0], "/".join(parts[1:]))
            if found is None:
                handler._json(
                    404,
                    {
                        "error": "404 Not Found",
                        "message": f"{parts[0][:-1]} {'/'.join(parts[1:])} does not exist.",
                    },
                )
            else:
                handler._json(200, found)
        else:
            handler._json(
                404, {"error": "404 Not Found", "message": "The requested URL was not found."}
            )
    except BadQuery as exc:
        handler._json(400, {"error": "Invalid query parameters error.", "message": str(exc)})


def _authors(acad: Academia, query: dict[str, list[str]]) -> dict:
    scored: dict[str, float] = {}
    search = (query.get("search") or [None])[-1]
    filters = _filters((query.get("filter") or [None])[-1])
    for key, _values in filters:
        if key not in AUTHOR_FILTERS:
            raise BadQuery(
                f"{key} is not a valid field. Valid fields are {', '.join(sorted(AUTHOR_FILTERS))}"
            )
    # Only the authors a search or an id filter can accept are looked at: a 150,000-account
    # world has ~85,000 authors, too many to list for every request.
    if search:
        if not acad.by_name:  # an Academia built outside academia_of
            acad.index_names()
        found = sorted(acad.search_candidates(search), key=acad.position.__getitem__)
        items = [acad.authors[aid] for aid in found]
        for a in items:
            if (s := _matches_search(a, search)) > 0:
                scored[a["id"]] = s + math.log1p(a["cited_by_count"]) / 100
        items = [a for a in items if a["id"] in scored]
    elif (narrowed := _by_ids(acad, filters)) is not None:
        items = narrowed
    else:
        items = list(acad.authors.values())
    for key, values in filters:
        items = [a for a in items if _author_ok(a, key, values)]
    return list_answer(items, query, scored)


def _by_ids(acad: Academia, filters: list[tuple[str, list[str]]]) -> list[dict] | None:
    """The authors an ORCID or OpenAlex id filter can accept, from the indexes, in the order
    of derivation (None when no such filter narrows the query); the filters still decide."""
    if not acad.position:  # an Academia built outside academia_of
        acad.index_names()
    for key, values in filters:
        if key in ("orcid", "ids.orcid"):
            found = {a for v in values for a in acad.by_short_orcid.get(_short(v), [])}
        elif key in ("openalex", "ids.openalex"):
            found = {_short(v) for v in values if _short(v) in acad.authors}
        else:
            continue
        return [acad.authors[a] for a in sorted(found, key=acad.position.__getitem__)]
    return None


def _works(acad: Academia, query: dict[str, list[str]]) -> dict:
    filters = _filters((query.get("filter") or [None])[-1])
    items: list[dict] | None = None
    for key, values in filters:
        if key not in WORK_FILTERS:
            raise BadQuery(
                f"{key} is not a valid field. Valid fields are {', '.join(sorted(WORK_FILTERS))}"
            )
        if key in ("author.id", "authorships.author.id") and items is None:
            items = [acad.works[w] for v in values for w in acad.works_of.get(_short(v), [])]
    if items is None:
        items = list(acad.works.values())
    for key, values in filters:
        items = [w for w in items if _work_ok(w, key, values)]
    return list_answer(items, query, {})


def _single(acad: Academia, entity: str, ident: str) -> dict | None:
    ident = ident.strip()
    if entity == "authors":
        low = ident.lower()
        if low.startswith(("orcid:", "https://orcid.org/")):
            aid = acad.by_orcid.get(
                _short(ident.split(":", 1)[-1] if low.startswith("orcid:") else ident)
            )
            return acad.authors.get(aid) if aid else None
        return acad.authors.get(_short(ident).upper())
    return acad.works.get(_short(ident).upper())
