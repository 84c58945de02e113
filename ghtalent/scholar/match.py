"""Developer → OpenAlex author, on evidence: a linked ORCID / OpenAlex id first; otherwise the
name (in any script and order) plus the affiliation the enrichment found plus the field of the
author's topics, with a confidence and the reasons kept. A name alone never matches, and two
candidates that fit equally well match neither."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from ghtalent.people import normalize_company, university_from_domain, university_of
from ghtalent.people._text import fold
from ghtalent.scholar.names import name_keys

ACCEPT = 0.7  # lowest confidence that counts as a match
MARGIN = 0.1  # the best candidate must lead the next corroborated one by this much
W_NAME, W_INST, W_PAST_INST, W_FIELD, W_OFF_FIELD, W_LINK, W_TOPIC = (
    0.4,
    0.4,
    0.3,
    0.15,
    -0.3,
    0.15,
    0.05,
)
COMPUTING_FIELDS = {"computer science", "engineering", "mathematics", "decision sciences"}
ACADEMIC_LINKS = ("scholar", "semantic_scholar", "dblp")


@dataclass
class Match:
    """The verdict for one developer."""

    login: str
    status: str  # matched | no_name | no_author | name_only | ambiguous | off_field
    author_id: str | None = None
    confidence: float = 0.0
    reason: str = ""
    candidates: int = 0
    author: dict | None = field(default=None, repr=False)


@lru_cache(maxsize=4096)
def canonical_org(text: str | None) -> str | None:
    """One spelling per organization: the normalizers' canonical name, else folded text."""
    if not text:
        return None
    uni = university_of(text)
    if uni:
        return uni.lower()
    company = normalize_company(text)
    if company is not None:
        return company.name.lower()
    return fold(text) or None


def person_orgs(person: Mapping[str, Any]) -> set[str]:
    """Canonical organizations the developer's enriched profile names."""
    out = set()
    for key in ("university", "company", "company_raw"):
        value = person.get(key)
        if isinstance(value, str) and value.strip() and (c := canonical_org(value)):
            out.add(c)
    # A work address names the employer even when the company field is empty.
    email = person.get("email_raw")
    if isinstance(email, str) and "@" in email:
        out.update(_email_orgs(email.rsplit("@", 1)[-1].lower()))
    return out


@lru_cache(maxsize=4096)
def _email_orgs(domain: str) -> tuple[str, ...]:
    """Canonical organizations an e-mail domain names (asked once per candidate author)."""
    out = []
    if uni := university_from_domain(domain):
        out.append(uni.lower())
    label = domain.rsplit(".", 2)[-2] if domain.count(".") >= 1 else ""
    company = normalize_company(label) if label else None
    if company is not None and company.kind != "other":
        out.append(company.name.lower())
    return tuple(out)


def _org_hit(mine: set[str], theirs: Iterable[str | None]) -> str | None:
    for name in theirs:
        c = canonical_org(name)
        if not c:
            continue
        for m in mine:
            if (
                c == m
                or c.replace(" ", "") == m.replace(" ", "")
                or fuzz.token_set_ratio(c, m) >= 92
            ):
                return name
    return None


def author_names(author: Mapping[str, Any]) -> list[str]:
    return [author.get("display_name") or "", *(author.get("display_name_alternatives") or [])]


def author_fields(author: Mapping[str, Any]) -> set[str]:
    fields = {
        str((t.get("field") or {}).get("display_name", "")).lower()
        for t in author.get("topics") or []
    }
    if not fields - {""}:
        fields = {str(c.get("display_name", "")).lower() for c in author.get("x_concepts") or []}
    return fields - {""}


def _topic_words(text: str | None) -> set[str]:
    stop = {"and", "of", "the", "for", "in", "techniques", "applications", "models", "systems",
            "learning", "methods", "studies", "research", "advanced"}  # fmt: skip
    return {w for w in fold(text or "").split() if len(w) > 3 and w not in stop}


def score_candidate(
    person: Mapping[str, Any], author: Mapping[str, Any], links: Mapping[str, str]
) -> tuple[float, bool, list[str]]:
    """(confidence, corroborated, reasons) for one same-name candidate."""
    reasons = [f"name '{author.get('display_name')}'"]
    conf = W_NAME
    corroborated = False
    mine = person_orgs(person)
    current = [i.get("display_name") for i in author.get("last_known_institutions") or []]
    past = [
        (a.get("institution") or {}).get("display_name") for a in author.get("affiliations") or []
    ]
    if mine and (hit := _org_hit(mine, current)):
        conf += W_INST
        corroborated = True
        reasons.append(f"institution {hit}")
    elif mine and (hit := _org_hit(mine, past)):
        conf += W_PAST_INST
        corroborated = True
        reasons.append(f"past institution {hit}")
    fields = author_fields(author)
    computing = bool(fields & COMPUTING_FIELDS) or "computer science" in " ".join(fields)
    if computing:
        conf += W_FIELD
        reasons.append("topics in computing")
        overlap = _topic_words(person.get("research_topics")) & {
            w for t in author.get("topics") or [] for w in _topic_words(t.get("display_name"))
        }
        if overlap:
            conf += W_TOPIC
            reasons.append(f"topic overlap ({', '.join(sorted(overlap)[:3])})")
        linked = [k for k in ACADEMIC_LINKS if links.get(k)]
        if linked:
            conf += W_LINK
            corroborated = True
            reasons.append(f"{linked[0].replace('_', ' ')} profile linked")
    elif fields:
        conf += W_OFF_FIELD
        reasons.append(f"topics in {sorted(fields)[0]}, not computing")
    return round(min(conf, 0.98), 3), corroborated, reasons


def judge(
    login: str,
    person: Mapping[str, Any],
    candidates: list[Mapping[str, Any]],
    links: Mapping[str, str] | None = None,
) -> Match:
    """The best-supported author among name-search `candidates`, or why there is none."""
    links = links or {}
    keys = name_keys(person.get("name"))
    if not keys:
        return Match(login, "no_name", reason="no usable name on the profile")
    same_name = [a for a in candidates if any(keys & name_keys(n) for n in author_names(a) if n)]
    same_name = list({a["id"]: a for a in same_name}.values())
    if not same_name:
        return Match(login, "no_author", reason="no author of that name", candidates=0)
    scored = sorted(
        ((score_candidate(person, a, links), a) for a in same_name),
        key=lambda x: (-x[0][0], str(x[1]["id"])),
    )
    n = len(same_name)
    good = [(s, a) for s, a in scored if s[1] and s[0] >= ACCEPT]
    if not good:
        best_reasons = scored[0][0][2]
        status = "name_only" if any(s[0] > W_NAME - 0.01 for s, _ in scored) else "off_field"
        return Match(
            login,
            status,
            confidence=scored[0][0][0],
            reason=f"{n} author(s) named so, none corroborated by affiliation or a linked "
            f"profile ({'; '.join(best_reasons[1:]) or 'name only'})",
            candidates=n,
        )
    (conf, _, reasons), best = good[0]
    if len(good) > 1 and good[1][0][0] > conf - MARGIN:
        return Match(
            login,
            "ambiguous",
            confidence=conf,
            reason=f"{len(good)} authors fit equally well ({'; '.join(reasons[1:])})",
            candidates=n,
        )
    return Match(
        login,
        "matched",
        author_id=short(best["id"]),
        confidence=conf,
        reason="; ".join(reasons) + (f"; {n - 1} namesake(s) set aside" if n > 1 else ""),
        candidates=n,
        author=dict(best),
    )


def judge_by_id(
    login: str, person: Mapping[str, Any], author: Mapping[str, Any], via: str
) -> Match:
    """A match on an identifier the person links to themselves."""
    keys = name_keys(person.get("name"))
    named = not keys or any(keys & name_keys(n) for n in author_names(author) if n)
    reason = f"{via} linked from the profile"
    if not named:
        reason += f" (OpenAlex writes the name '{author.get('display_name')}')"
    return Match(
        login,
        "matched",
        author_id=short(author["id"]),
        confidence=0.99 if named else 0.95,
        reason=reason,
        candidates=1,
        author=dict(author),
    )


def resolve_conflicts(matches: list[Match]) -> list[Match]:
    """One author, one developer: a clear winner keeps it, a tie leaves them all unmatched."""
    by_author: dict[str, list[Match]] = {}
    for m in matches:
        if m.status == "matched" and m.author_id:
            by_author.setdefault(m.author_id, []).append(m)
    for aid, group in by_author.items():
        if len(group) < 2:
            continue
        group.sort(key=lambda m: -m.confidence)
        clear = group[0].confidence >= group[1].confidence + MARGIN
        for m in group[1:] if clear else group:
            m.status, m.reason = (
                "ambiguous",
                f"author {aid} also fits {len(group) - 1} other developer(s) as well: {m.reason}",
            )
            m.author_id, m.author = None, None
    return matches


def short(value: Any) -> str:
    return str(value).rstrip("/").rsplit("/", 1)[-1]
