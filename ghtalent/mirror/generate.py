"""Deterministic generator of a SYNTHETIC GitHub "world" for the mirror server.

Same seed and arguments -> byte-identical world file. Every random draw comes from one
``random.Random(seed)`` and one ``numpy.random.default_rng(seed)``; dicts are filled in a fixed
order and nothing iterates over a ``set`` of strings (whose order depends on PYTHONHASHSEED).

The world is made up, but shaped like the real generative-AI corner of GitHub: repos created in
waves (GPT-3, Stable Diffusion, ChatGPT, LLaMA, agents, reasoning), power-law stars, forks and
followers, shared people across keywords, messy multilingual profile strings, homepages that
state affiliations, and a few deliberate faults (deleted / DMCA'd repos, contributor lists too
large to list, hostile or broken homepages) the pipeline must survive.

CLI::

    python -m ghtalent.mirror.generate --out data/snapshot/world.json.gz \
        --repos-per-keyword 150 --people 3000 --seed 7 --anchor-date 2026-11-25
"""

from __future__ import annotations

import argparse
import base64
import bisect
import json
import math
import random
import re
import sys
import time
import unicodedata
from datetime import UTC, date, datetime, timedelta
from functools import cache
from html import escape
from pathlib import Path
from statistics import NormalDist
from typing import Any

import numpy as np

from ghtalent.mirror.world import (
    PAGE_FAULT_KINDS,
    SCHEMA,
    World,
    matches,
    page_path,
    repo_tokens,
    save_world,
    week_start,
)

KEYWORDS: tuple[str, ...] = ("LLM", "GLM", "LM", "LLaMA", "Diffusion", "GPT")
SLUG = {q: q.lower() for q in KEYWORDS}
# Modality a person mostly works in; contributors are drawn from their own modality first.
GROUP_OF = {"llm": "lm", "glm": "lm", "lm": "lm", "llama": "lm", "gpt": "gpt", "diffusion": "diff"}
GROUPS = ("lm", "gpt", "diff")
BOTS = (
    "dependabot[bot]",
    "github-actions[bot]",
    "pre-commit-ci[bot]",
    "renovate[bot]",
    "allcontributors[bot]",
)
BOT_WEIGHTS = (40, 25, 20, 10, 5)
REGIONS = ("china", "us", "europe", "korea", "japan", "india", "other")
REGION_WEIGHTS = (32, 24, 18, 4, 3, 8, 11)
EPOCH = date(2018, 1, 1)
# (year, month, width in months, height): bursts of repo creation per keyword, on a baseline.
WAVES: dict[str, tuple[float, list[tuple[int, int, float, float]]]] = {
    "gpt": (
        0.25,
        [
            (2019, 2, 4, 0.6),  # GPT-2
            (2020, 7, 4, 0.9),  # GPT-3 API
            (2023, 2, 3, 6.0),  # ChatGPT, GPT-4
            (2023, 11, 3, 1.6),  # GPTs
            (2024, 5, 3, 1.0),  # GPT-4o
            (2025, 4, 4, 1.2),  # agents
        ],
    ),
    "diffusion": (
        0.2,
        [
            (2021, 6, 4, 0.6),  # guided / disco diffusion
            (2022, 9, 2, 6.0),  # Stable Diffusion
            (2023, 3, 3, 2.5),  # ControlNet, LoRA
            (2023, 8, 3, 1.5),  # SDXL
            (2024, 2, 3, 2.0),  # video, SD3
            (2024, 8, 3, 2.0),  # FLUX
            (2025, 7, 5, 1.4),  # video / world models
        ],
    ),
    "llama": (
        0.04,
        [
            (2023, 3, 2, 8.0),  # LLaMA leak, llama.cpp, Alpaca
            (2023, 7, 2, 3.0),  # Llama 2
            (2024, 4, 2, 3.0),  # Llama 3
            (2024, 9, 3, 1.5),
            (2025, 4, 2, 1.0),  # Llama 4
        ],
    ),
    "glm": (
        0.04,
        [
            (2021, 3, 3, 0.4),  # GLM paper
            (2023, 3, 2, 6.0),  # ChatGLM-6B
            (2023, 7, 2, 2.0),
            (2023, 10, 2, 2.0),
            (2024, 6, 2, 2.0),  # GLM-4
            (2025, 7, 3, 1.5),  # GLM-4.5
        ],
    ),
    "lm": (
        0.5,
        [
            (2019, 1, 6, 1.5),  # BERT era
            (2020, 6, 6, 1.0),
            (2021, 6, 6, 1.0),
            (2023, 4, 4, 3.0),
            (2024, 3, 6, 2.0),  # small LMs
            (2025, 2, 4, 1.5),
        ],
    ),
    "llm": (
        0.05,
        [
            (2023, 4, 3, 6.0),
            (2023, 10, 4, 3.0),
            (2024, 6, 5, 4.0),  # agents, RAG
            (2025, 2, 2, 4.0),  # DeepSeek-R1, reasoning
            (2025, 6, 4, 3.5),  # MCP, coding agents
            (2026, 3, 4, 3.0),
            (2026, 9, 3, 3.0),
        ],
    ),
}
# (height, factor in 2023-01, factor today) of the post-ChatGPT floor under each keyword's waves.
POST_CHATGPT = {
    "llm": (1.6, 0.6, 1.4),
    "gpt": (0.6, 1.4, 0.35),
    "diffusion": (0.6, 1.4, 0.3),
    "llama": (0.5, 0.6, 1.4),
    "glm": (0.35, 0.6, 1.4),
    "lm": (0.4, 0.6, 1.4),
}
POOLS_DIR = Path(__file__).with_name("pools")


@cache
def load_pools() -> dict[str, Any]:
    """The data pools (names, places, companies, repo vocabulary, text) as one dict."""
    out: dict[str, Any] = {}
    for name in ("affiliations", "names", "locations", "repos", "text"):
        with (POOLS_DIR / f"{name}.json").open(encoding="utf-8") as fh:
            out[name] = json.load(fh)
    return out


# --- small helpers -----------------------------------------------------------------------------


def _ts(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def _month_index(d: date) -> int:
    return (d.year - EPOCH.year) * 12 + d.month - 1


def _month_start(idx: int) -> date:
    return date(EPOCH.year + idx // 12, idx % 12 + 1, 1)


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _clean_login(raw: str) -> str:
    s = re.sub(r"[^A-Za-z0-9-]+", "", _ascii(raw).replace(" ", "-").replace("_", "-"))
    s = re.sub(r"-{2,}", "-", s).strip("-")
    return s[:39].strip("-")


def _weighted(rng: random.Random, items: list[Any], weights: list[float]) -> Any:
    return rng.choices(items, weights=weights, k=1)[0]


def _node_id(prefix: str, ident: int) -> str:
    raw = b"\x93\x00\xce" + ident.to_bytes(4, "big")
    return prefix + "_kgDO" + base64.b64encode(raw).decode("ascii").rstrip("=")[4:]


# GitHub ids grow with time; these knots make ids look right for their creation date.
_USER_ID_KNOTS = [
    (date(2008, 1, 1), 1),
    (date(2012, 1, 1), 1_200_000),
    (date(2014, 1, 1), 6_000_000),
    (date(2016, 1, 1), 16_000_000),
    (date(2018, 1, 1), 35_000_000),
    (date(2020, 1, 1), 60_000_000),
    (date(2022, 1, 1), 97_000_000),
    (date(2024, 1, 1), 152_000_000),
    (date(2026, 1, 1), 225_000_000),
    (date(2028, 1, 1), 300_000_000),
]
_REPO_ID_KNOTS = [
    (date(2008, 1, 1), 1),
    (date(2018, 1, 1), 115_000_000),
    (date(2019, 1, 1), 163_000_000),
    (date(2020, 1, 1), 231_000_000),
    (date(2021, 1, 1), 326_000_000),
    (date(2022, 1, 1), 443_000_000),
    (date(2023, 1, 1), 584_000_000),
    (date(2024, 1, 1), 737_000_000),
    (date(2025, 1, 1), 910_000_000),
    (date(2026, 1, 1), 1_100_000_000),
    (date(2028, 1, 1), 1_500_000_000),
]


def _id_for(d: date, knots: list[tuple[date, int]], rng: random.Random, used: set[int]) -> int:
    for (d0, v0), (d1, v1) in zip(knots, knots[1:], strict=False):
        if d <= d1:
            frac = max(0.0, (d - d0).days / max(1, (d1 - d0).days))
            base = int(v0 + frac * (v1 - v0))
            break
    else:
        base = knots[-1][1]
    ident = base + rng.randrange(0, 20_000)
    while ident in used:
        ident += 1
    used.add(ident)
    return ident


def _main_stars(log10_stars: float) -> int:
    """Stars of a keyword repo from a log10 draw: capped at ~220k, folded up above ~80."""
    x = min(5.35, log10_stars)
    if x < 1.9:
        # Fold the low tail back up (no pile-up at the floor): search's top N ends near 100.
        x = 1.9 + min(0.5, (1.9 - x) * 0.4)
    return int(round(10**x))


class _Sampler:
    """Weighted sampling with replacement by binary search over cumulative weights (fast)."""

    def __init__(self, items: list[int], weights: np.ndarray):
        self.items = np.asarray(items, dtype=np.int64)
        self.cum = np.cumsum(np.asarray(weights, dtype=np.float64))
        self.total = float(self.cum[-1]) if len(self.cum) else 0.0

    def draw(self, nrng: np.random.Generator, k: int) -> list[int]:
        if not len(self.items) or k <= 0:
            return []
        idx = np.searchsorted(self.cum, nrng.random(k) * self.total, side="right")
        idx = np.minimum(idx, len(self.items) - 1)
        return self.items[idx].tolist()


# --- creation dates ----------------------------------------------------------------------------


def _wave_intensity(slug: str, months: int) -> np.ndarray:
    base, waves = WAVES[slug]
    m = np.arange(months, dtype=np.float64)
    out = np.full(months, base)
    for y, mo, width, height in waves:
        c = (y - EPOCH.year) * 12 + mo - 1
        out += height * np.exp(-0.5 * ((m - c) / width) ** 2)
    if slug in ("llama", "glm", "llm"):
        # Barely any such repos before the 2022-12 ChatGPT moment (GLM paper aside).
        out[: _month_index(date(2022, 11, 1))] *= 0.35
    # After ChatGPT a floor under the waves: language models keep growing to this day, while
    # image generation and GPT apps fade after their 2023 peak (as real star counts show).
    post, first, last = POST_CHATGPT[slug]
    start = _month_index(date(2023, 1, 1))
    out[start:] += post * np.linspace(first, last, max(0, months - start))
    return out


class _Calendar:
    def __init__(self, anchor: date):
        self.anchor = anchor
        self.months = _month_index(anchor) + 1
        self.intensity = {s: _wave_intensity(s, self.months) for s in WAVES}
        self.cum = {s: np.cumsum(v).tolist() for s, v in self.intensity.items()}

    def creation(self, slug: str, rng: random.Random, latest: date | None = None) -> datetime:
        latest = latest or (self.anchor - timedelta(days=2))
        cum = self.cum[slug]
        for _ in range(20):
            m = bisect.bisect_right(cum, rng.random() * cum[-1])
            m = min(m, self.months - 1)
            start = _month_start(m)
            day = start + timedelta(days=rng.randrange(0, 28))
            if day <= latest:
                break
        else:
            day = latest - timedelta(days=rng.randrange(0, 60))
        return datetime(
            day.year, day.month, day.day, rng.randrange(24), rng.randrange(60), rng.randrange(60)
        )

    def attention(self, slug: str, week_dates: list[date]) -> np.ndarray:
        v = self.intensity[slug]
        idx = np.array([min(_month_index(d), self.months - 1) for d in week_dates])
        return v[idx] / v.max()


# --- star history ------------------------------------------------------------------------------


def _star_weeks(
    stars: int,
    created: date,
    anchor: date,
    kind: str,
    attention: np.ndarray,
    nrng: np.random.Generator,
) -> list[int]:
    """Stars gained per week, oldest first; the sum is exactly `stars`."""
    n = (week_start(anchor) - week_start(created)).days // 7 + 1
    t = np.arange(n, dtype=np.float64)
    steady = (t + 1.0) ** nrng.uniform(-0.3, 0.5) * (0.15 + attention) ** 1.5
    steady /= steady.sum()
    if kind == "lightning":
        # Noticed within days or a few weeks of creation, then a long decaying tail.
        t0 = min(float(nrng.choice([0, 0, 1, 1, 2, 3, 5, 8])), n - 1.0)
        tau1 = nrng.uniform(1.0, 6.0)
        burst = np.where(t >= t0, np.exp(-(t - t0) / tau1), 0.0)
        tail = np.exp(-t / nrng.uniform(8, 60))
        frac = nrng.uniform(0.3, 0.65)
        w = frac * burst / burst.sum() + (1 - frac) * (0.6 * tail / tail.sum() + 0.4 * steady)
    elif kind == "hype":
        t0 = int(nrng.integers(0, max(1, min(n, 40))))
        tau = nrng.uniform(2, 20)
        bump = np.where(t >= t0, np.exp(-(t - t0) / tau), 0.0)
        frac = nrng.uniform(0.4, 0.8)
        w = frac * bump / bump.sum() + (1 - frac) * steady
    elif kind == "recent":
        tau = nrng.uniform(1.0, 6.0)
        w = np.exp((t - n) / tau) + 0.02
    elif kind == "revival":
        t1 = int(nrng.integers(n // 3, max(n // 3 + 1, n)))
        bump = np.where(t >= t1, np.exp(-(t - t1) / nrng.uniform(2, 12)), 0.0)
        w = 0.5 * steady + 0.5 * bump / bump.sum()
    else:
        w = steady
    w = w * np.exp(nrng.normal(0.0, 0.25, n))
    return nrng.multinomial(stars, w / w.sum()).tolist()


# --- the generator -----------------------------------------------------------------------------


class _Gen:
    def __init__(
        self,
        seed: int,
        repos_per_keyword: int,
        people: int,
        anchor: date,
        extra: int,
    ):
        self.seed = seed
        self.rpk = repos_per_keyword
        self.people = people
        self.anchor = anchor
        self.extra = extra
        self.rng = random.Random(seed)
        self.nrng = np.random.default_rng(seed)
        self.P = load_pools()
        self.cal = _Calendar(anchor)
        self.anchor_dt = datetime(anchor.year, anchor.month, anchor.day, 12, 0, 0)
        self.logins: set[str] = set()  # lower-case, for uniqueness only (never iterated)
        self.handles: set[str] = set()
        self.user_ids: set[int] = set()
        self.repo_ids: set[int] = set()
        self.persons: list[dict[str, Any]] = []  # users + orgs + bots, internal records
        self.repos: list[dict[str, Any]] = []

    # ---- people ------------------------------------------------------------------------------

    def _unique_login(self, candidates: list[str]) -> str:
        for c in candidates:
            c = _clean_login(c)
            if c and c.lower() not in self.logins:
                self.logins.add(c.lower())
                return c
        base = _clean_login(candidates[0]) or "user"
        for _ in range(1000):
            c = f"{base[:33]}{self.rng.randrange(10, 99999)}"
            if c.lower() not in self.logins:
                self.logins.add(c.lower())
                return c
        raise RuntimeError(f"could not find a free login near {base!r}")

    def _name(self, region: str) -> tuple[str | None, list[str], str]:
        """(display name or None, login candidates, romanized 'First Last')."""
        rng, N = self.rng, self.P["names"]
        words = N["handle_words"]
        handle = (
            rng.choice(words) + rng.choice(words) + rng.choice(["", "", str(rng.randrange(100))])
        )
        if region in ("china", "korea", "japan"):
            fam, giv = rng.choice(N[region]["family"]), rng.choice(N[region]["given"])
            hn = fam[0] + giv[0] if region != "korea" else fam[0] + giv[0]
            rf, rg = fam[1], giv[1]
            roman = f"{rg} {rf}"
            variants = [
                (hn, 22),
                (f"{rg} {rf}", 30),
                (f"{hn} ({rg} {rf})", 8),
                (f"{rf} {rg}", 10),
                (f"{rf}{rg}".lower(), 5),
                (None, 15),
                (f"{rg} {rf} {hn}", 4),
                (f"{rg} {rf} {rng.choice(N['emoji'])}", 3),
            ]
            yy = rng.randrange(88, 106) % 100
            cands = [
                rng.choice(
                    [
                        f"{rf}{rg}",
                        f"{rg}{rf}",
                        f"{rg[0]}{rf}",
                        f"{rf}-{rg}",
                        f"{rg}-{rf}",
                        f"{rf}{rg}{yy:02d}",
                        f"{rf}{rg[0]}",
                        handle,
                    ]
                ),
                f"{rf}{rg}",
                f"{rg}{rf}{rng.randrange(10, 999)}",
            ]
        elif region == "other":
            full = rng.choice(N["other"]["full"])
            # Cyrillic names fold to nothing in ASCII: fall back to a handle-style login.
            parts = _ascii(full).split() or [handle]
            roman = " ".join(parts)
            variants = [
                (full, 65),
                (None, 20),
                (_ascii(full).lower(), 5),
                (f"{full} {rng.choice(N['emoji'])}", 3),
            ]
            cands = [
                rng.choice(["".join(parts), "-".join(parts), parts[0] + parts[-1][0], handle]),
                "".join(parts) + str(rng.randrange(10, 999)),
            ]
        else:
            pool = N[region]
            first, last = rng.choice(pool["first"]), rng.choice(pool["last"])
            roman = f"{_ascii(first)} {_ascii(last)}"
            variants = [
                (f"{first} {last}", 62),
                (first, 7),
                (f"{first} {last} {rng.choice(N['emoji'])}", 4),
                (None, 15),
                (f"{first} {last}".lower(), 3),
                (f"{first[0]}. {last}", 4),
            ]
            fa, la = _ascii(first), _ascii(last).replace("'", "").replace(" ", "")
            cands = [
                rng.choice(
                    [
                        f"{fa}{la}",
                        f"{fa[0]}{la}".lower(),
                        f"{fa}-{la}",
                        f"{la}{rng.randrange(1, 99)}",
                        f"{fa}{la}".lower(),
                        handle,
                        handle,
                    ]
                ),
                f"{fa}{la}{rng.randrange(10, 999)}",
            ]
        display = _weighted(rng, [v for v, _ in variants], [w for _, w in variants])
        return display, cands, roman

    def _build_entities(self, n_orgs: int) -> None:
        """Real-style organizations first, then invented startups up to `n_orgs` org accounts."""
        A = self.P["affiliations"]
        rng = self.rng
        self.entities: list[dict[str, Any]] = [dict(e) for e in A["entities"]]
        real_orgs = [e for e in self.entities if e.get("org")]
        n_real = min(len(real_orgs), max(6, n_orgs // 2))
        # Most important (heaviest total affinity) real orgs first, so small worlds keep them.
        ranked = sorted(real_orgs, key=lambda e: -sum(e["affinity"].values()))
        keep_real = {id(e) for e in ranked[:n_real]}
        for e in self.entities:
            if e.get("org") and id(e) not in keep_real:
                e["org"] = None
        used_names: set[str] = set()
        for _ in range(max(0, n_orgs - n_real)):
            for _try in range(50):
                name = f"{rng.choice(A['startup_prefix'])} {rng.choice(A['startup_suffix'])}"
                if _try > 10:
                    name = f"{rng.choice(A['startup_prefix'])}{rng.choice(A['startup_prefix'])} {rng.choice(A['startup_suffix'])}"
                if name not in used_names:
                    break
            else:
                name = f"{name} {rng.randrange(2, 9999)}"
            used_names.add(name)
            slug = name.lower().replace(" ", "-")
            region = _weighted(rng, list(REGIONS), list(REGION_WEIGHTS))
            dom = slug.replace("-", "") + rng.choice([".ai", ".com", ".io", ".dev"])
            aff = {k: rng.random() * 1.5 for k in SLUG.values() if rng.random() < 0.4}
            self.entities.append(
                {
                    "key": "x-" + slug,
                    "name": name,
                    "kind": "startup",
                    "region": region,
                    "raw": [
                        name,
                        "@" + slug,
                        name + rng.choice([" Inc.", ", Inc.", " Ltd.", ""]),
                        slug,
                    ],
                    "domain": dom,
                    "org": slug,
                    "org_name": name,
                    "org_blog": rng.choice([f"https://{dom}", f"https://www.{dom}", "", None]),
                    "org_location": rng.choice(A["startup_cities"]),
                    "affinity": aff,
                    "weight": 0.3,
                    "invented": True,
                }
            )
        self.by_region: dict[str, list[dict[str, Any]]] = {r: [] for r in REGIONS}
        for e in self.entities:
            self.by_region.setdefault(e["region"], []).append(e)

    def _make_orgs(self) -> None:
        rng = self.rng
        for e in self.entities:
            if not e.get("org"):
                continue
            created = date(2010, 1, 1) + timedelta(days=rng.randrange(0, 14 * 365))
            login = self._unique_login([e["org"]])
            e["org"] = login
            p = {
                "kind": "Organization",
                "login": login,
                "entity": e,
                "created": created,
                "region": e["region"],
                "group": rng.choice(GROUPS),
                "invented": e.get("invented", False),
            }
            e["person_idx"] = len(self.persons)
            self.persons.append(p)

    def _make_users(self, n_users: int) -> None:
        rng = self.rng
        ents_all = self.entities
        # Invented startups share a quarter of the weight of the real organizations, however
        # many of them there are (a large world has thousands).
        real_total = sum(float(e["weight"]) for e in ents_all if not e.get("invented"))
        n_inv = sum(1 for e in ents_all if e.get("invented"))
        inv_w = 0.25 * real_total / max(1, n_inv)

        def weight(e: dict[str, Any]) -> float:
            return inv_w if e.get("invented") else float(e["weight"])

        def cum(ents: list[dict[str, Any]]) -> list[float]:
            return np.cumsum([weight(e) for e in ents]).tolist()

        cum_all = cum(ents_all)
        cum_region = {r: cum(self.by_region.get(r, [])) for r in REGIONS}
        groups = [_weighted(rng, list(GROUPS), [55, 25, 20]) for _ in range(n_users)]
        for i in range(n_users):
            region = _weighted(rng, list(REGIONS), list(REGION_WEIGHTS))
            display, cands, roman = self._name(region)
            entity = None
            if rng.random() < 0.62:
                local = self.by_region.get(region)
                if local and rng.random() < 0.78:
                    entity = rng.choices(local, cum_weights=cum_region[region], k=1)[0]
                else:
                    entity = rng.choices(ents_all, cum_weights=cum_all, k=1)[0]
            if entity is None:
                role = _weighted(rng, ["indie", "student", "engineer"], [45, 25, 30])
            elif entity["kind"] == "university":
                role = _weighted(rng, ["student", "professor", "researcher"], [70, 10, 20])
            elif entity["kind"] == "startup":
                role = _weighted(rng, ["engineer", "founder", "researcher"], [50, 15, 35])
            else:
                role = _weighted(rng, ["researcher", "engineer"], [50, 50])
            self.persons.append(
                {
                    "kind": "User",
                    "cands": cands,
                    "display": display,
                    "roman": roman,
                    "region": region,
                    "entity": entity,
                    "role": role,
                    "group": groups[i],
                }
            )

    def _assign_logins(self) -> None:
        for p in self.persons:
            if p["kind"] == "User":
                p["login"] = self._unique_login(p.pop("cands"))

    # ---- repos -------------------------------------------------------------------------------

    def _fill(self, tpl: str) -> str:
        R, rng = self.P["repos"], self.rng
        return (
            tpl.replace("{w2}", rng.choice(R["words"]))
            .replace("{w}", rng.choice(R["words"]))
            .replace("{W2}", rng.choice(R["Words"]))
            .replace("{W}", rng.choice(R["Words"]))
            .replace("{n}", str(rng.choice([2, 3, 4, 4, 5])))
            .replace("{size}", rng.choice(R["sizes"]))
        )

    def _repo_text(self, slug: str) -> dict[str, Any]:
        R, rng = self.P["repos"], self.rng
        voc = R["keywords"][slug]
        name = self._fill(rng.choice(voc["names"]))
        desc = self._fill(rng.choice(voc["descriptions"])) if rng.random() < 0.93 else None
        topics: list[str] = []
        if rng.random() < 0.78:
            k = rng.randrange(2, 9)
            topics = rng.sample(voc["topics"], min(k, len(voc["topics"])))
        repo = {"name": name, "description": desc, "topics": topics}
        if not matches(repo, slug):
            topics.insert(0, R["cross_topic"][slug])
        for other, prob in R["cross"].get(slug, {}).items():
            if rng.random() < prob and R["cross_topic"][other] not in topics:
                topics.append(R["cross_topic"][other])
        if rng.random() < 0.1:
            topics.append(rng.choice(["ai", "python", "pytorch", "hacktoberfest", "deep-learning"]))
        repo["topics"] = list(dict.fromkeys(topics))[:20]
        return repo

    def _owner_samplers(self) -> None:
        nrng = self.nrng
        users = [i for i, p in enumerate(self.persons) if p["kind"] == "User"]
        n_users = len(users)
        # Activity weights: a few people contribute everywhere, most to one or two repos.
        act = nrng.pareto(1.3, n_users) + 0.05
        for i, a in zip(users, act.tolist(), strict=True):
            self.persons[i]["act"] = a
        # Builders: people who own repos (preferential: some own several strong projects).
        total_repos = len(KEYWORDS) * (self.rpk + self.extra)
        n_builders = max(20, min(n_users, int(total_repos * 0.45)))
        order = nrng.permutation(n_users)[:n_builders].tolist()
        builders = sorted(users[j] for j in order)
        bw = nrng.pareto(1.1, len(builders)) + 0.2
        self.builders = {
            g: _Sampler(
                [b for b in builders if self.persons[b]["group"] == g],
                np.array(
                    [w for b, w in zip(builders, bw, strict=True) if self.persons[b]["group"] == g]
                ),
            )
            for g in GROUPS
        }
        self.builders_all = _Sampler(builders, bw)
        self.contrib = {
            g: _Sampler(
                [u for u in users if self.persons[u]["group"] == g],
                np.array([self.persons[u]["act"] for u in users if self.persons[u]["group"] == g]),
            )
            for g in GROUPS
        }
        self.contrib_all = _Sampler(users, act)
        self.anyone = _Sampler(users, np.ones(n_users))
        # Org samplers per keyword: real orgs by affinity, invented orgs by their small affinity.
        orgs = [e for e in self.entities if e.get("org")]
        self.org_real = {}
        self.org_invented = {}
        for slug in SLUG.values():
            real = [e for e in orgs if not e.get("invented")]
            inv = [e for e in orgs if e.get("invented")]
            self.org_real[slug] = _Sampler(
                [e["person_idx"] for e in real],
                np.array([e["affinity"].get(slug, 0.05) ** 1.5 for e in real]),
            )
            if inv:
                self.org_invented[slug] = _Sampler(
                    [e["person_idx"] for e in inv],
                    np.array([e["affinity"].get(slug, 0.02) + 0.02 for e in inv]),
                )
        # Members of each org: users whose affiliation is that org.
        self.members: dict[int, list[int]] = {}
        for u in users:
            e = self.persons[u]["entity"]
            if e is not None and e.get("org"):
                self.members.setdefault(e["person_idx"], []).append(u)

    def _pick_owner(self, slug: str, stars: int, low: bool) -> int:
        rng, nrng = self.rng, self.nrng
        p_org = 0.08 if low else (0.62 if stars >= 50_000 else 0.5 if stars >= 10_000 else 0.3)
        if rng.random() < p_org:
            if slug in self.org_invented and rng.random() < (0.35 if stars < 10_000 else 0.15):
                return self.org_invented[slug].draw(nrng, 1)[0]
            return self.org_real[slug].draw(nrng, 1)[0]
        if low:
            return self.anyone.draw(nrng, 1)[0]
        g = GROUP_OF[slug]
        if rng.random() < 0.8 and self.builders[g].total > 0:
            return self.builders[g].draw(nrng, 1)[0]
        return self.builders_all.draw(nrng, 1)[0]

    def _stars(self, low: bool) -> int:
        if low:
            return int(round(10 ** min(2.1, max(0.3, self.nrng.normal(1.45, 0.35)))))
        return _main_stars(float(self.nrng.normal(3.02, 0.72)))

    def _stratified_stars(self, n: int) -> list[int]:
        """`n` lognormal star counts drawn one per quantile stratum, in random order.

        Stratifying keeps every keyword's head realistic (a dozen or two repos above 10k
        stars in its top 150) instead of leaving it to the luck of a few draws.
        """
        dist = NormalDist(3.02, 0.72)
        u = (np.arange(n) + self.nrng.random(n)) / n
        out = [_main_stars(dist.inv_cdf(float(x))) for x in u]
        self.rng.shuffle(out)
        return out

    def _add_repo(
        self,
        slug: str,
        text: dict[str, Any],
        low: bool,
        decoy: bool = False,
        stars: int | None = None,
    ) -> None:
        rng, nrng = self.rng, self.nrng
        stars = self._stars(low) if stars is None else stars
        owner = self._pick_owner(slug, stars, low)
        created = self.cal.creation(slug, rng)
        age_days = (self.anchor_dt - created).days
        if age_days < 60:
            # Young repos can explode, but not beyond what a few weeks allow.
            stars = min(stars, 1500 + age_days * rng.randrange(200, 1200))
        owner_login = self.persons[owner]["login"]
        name = text["name"]
        key = f"{owner_login}/{name}".lower()
        tries = 1
        while key in self.full_names:
            tries += 1
            name = f"{text['name']}-{tries}"
            key = f"{owner_login}/{name}".lower()
        self.full_names.add(key)
        text = dict(text, name=name)
        if not decoy and not matches(text, slug):
            text["topics"] = [slug, *text["topics"]][:20]
        lang_table = self.P["repos"]["languages"].get(slug, self.P["repos"]["languages"]["default"])
        language = _weighted(rng, [x[0] for x in lang_table], [x[1] for x in lang_table])
        lic = self.P["repos"]["licenses"]
        ratio = math.exp(nrng.normal(math.log(7.0), 0.45))
        if slug == "diffusion":
            ratio *= 0.7
        elif slug == "gpt":
            ratio *= 1.5
        if text["name"].startswith("awesome"):
            ratio *= 1.8
        forks = int(stars / max(2.5, min(25.0, ratio)))
        if age_days < 60:
            kind = "recent" if rng.random() < 0.6 else "lightning"
        elif age_days < 300 and rng.random() < 0.45:
            kind = "recent"
        elif stars >= 10_000:
            kind = _weighted(rng, ["lightning", "hype", "steady", "revival"], [25, 30, 35, 10])
        else:
            kind = _weighted(rng, ["lightning", "hype", "steady", "revival"], [8, 30, 52, 10])
        abandoned = rng.random() < (0.3 if low else 0.2)
        if abandoned:
            pushed = created + timedelta(
                seconds=rng.randrange(0, max(1, int((self.anchor_dt - created).total_seconds())))
            )
        else:
            back = min(age_days, int(nrng.exponential(20)))
            pushed = self.anchor_dt - timedelta(days=back, seconds=rng.randrange(0, 40000))
            pushed = max(pushed, created)
        updated = max(pushed, self.anchor_dt - timedelta(seconds=rng.randrange(0, 5 * 86400)))
        if stars < 30 and abandoned:
            updated = pushed + timedelta(days=rng.randrange(0, 30))
            updated = min(updated, self.anchor_dt)
        repo = {
            "id": 0,
            "owner": owner_login,
            "name": name,
            "description": text["description"],
            "topics": text["topics"],
            "language": language,
            "license": _weighted(rng, [x[0] for x in lic], [x[1] for x in lic]),
            "stargazers_count": stars,
            "forks_count": forks,
            "open_issues_count": int(stars * math.exp(nrng.normal(-4.2, 1.0))),
            "watchers_count": stars,
            "size": int(math.exp(nrng.normal(8.5, 1.6))),
            "created_at": _ts(created),
            "pushed_at": _ts(pushed),
            "updated_at": _ts(updated),
            "archived": bool(abandoned and rng.random() < 0.12),
            "fork": False,
            "default_branch": "main" if created.year >= 2021 or rng.random() < 0.3 else "master",
            "status": "ok",
            "contributors_status": "ok",
            "contributors": [],
            "star_weeks": [],
            "_slug": slug,
            "_owner": owner,
            "_created": created,
            "_kind": kind,
            "_low": low,
        }
        self.repos.append(repo)

    def _make_repos(self) -> None:
        R = self.P["repos"]
        self.full_names: set[str] = set()
        for q in KEYWORDS:
            slug = SLUG[q]
            for stars in self._stratified_stars(self.rpk):
                self._add_repo(slug, self._repo_text(slug), low=False, stars=stars)
            for _ in range(self.extra):
                self._add_repo(slug, self._repo_text(slug), low=True)
        # Decoys: look AI-ish but match no keyword under the token rule (LLMs, glmnet, helm...).
        n_decoys = max(6, len(self.repos) // 30)
        for i in range(n_decoys):
            d = R["decoys"][i % len(R["decoys"])]
            text = {
                "name": self._fill(d["name"]),
                "description": self._fill(d["description"]),
                "topics": list(d["topics"]),
            }
            if any(matches(text, q) for q in KEYWORDS):
                continue
            self._add_repo(
                self.rng.choice(list(SLUG.values())), text, self.rng.random() < 0.5, True
            )
            self.repos[-1]["_slug"] = None

    def _finish_repos(self) -> None:
        rng, nrng = self.rng, self.nrng
        # ids grow with creation time.
        for r in sorted(
            self.repos, key=lambda r: (r["_created"], r["owner"].lower(), r["name"].lower())
        ):
            r["id"] = _id_for(r["_created"].date(), _REPO_ID_KNOTS, rng, self.repo_ids)
        for r in self.repos:
            slug = r["_slug"] or "llm"
            created = r["_created"].date()
            n_weeks = (week_start(self.anchor) - week_start(created)).days // 7 + 1
            weeks = [week_start(created) + timedelta(weeks=i) for i in range(n_weeks)]
            r["star_weeks"] = _star_weeks(
                r["stargazers_count"],
                created,
                self.anchor,
                r["_kind"],
                self.cal.attention(slug, weeks),
                nrng,
            )
        # Faults the pipeline must handle (chosen among the visible top of the searches).
        ranked = sorted(self.repos, key=lambda r: (-r["stargazers_count"], r["id"]))
        n_large = max(3, len(self.repos) // 400)
        for r in ranked[:n_large]:
            r["contributors_status"] = "too_large"
        mid = [r for r in ranked[n_large : n_large + 6 * self.rpk] if not r["_low"]]
        picks = rng.sample(mid[len(mid) // 10 :], 3) if len(mid) > 30 else mid[-3:]
        for r, status in zip(picks, ["deleted", "deleted", "dmca"], strict=False):
            r["status"] = status
        small = [
            r
            for r in ranked
            if r["status"] == "ok"
            and r["contributors_status"] == "ok"
            and r["stargazers_count"] < 400
        ]
        for r in rng.sample(small, 2) if len(small) >= 2 else small:
            r["contributors_status"] = "empty"

    def _contributors(self) -> None:
        rng, nrng = self.rng, self.nrng
        N = self.P["names"]
        for r in self.repos:
            if r["contributors_status"] != "ok" or r["status"] != "ok":
                r["contributors"] = []
                continue
            stars = r["stargazers_count"]
            n = int(round(math.exp(nrng.normal(0.5 * math.log(stars + 1) - 1.0, 0.7))))
            n = max(1, min(100, n))
            commits = sorted(((nrng.pareto(1.1, n) + 1.0) * 2.0).astype(int).tolist(), reverse=True)
            commits[0] = int(commits[0] * math.exp(nrng.normal(1.5, 0.8))) + 1
            people: list[int] = []
            seen: set[int] = set()
            owner = r["_owner"]
            op = self.persons[owner]
            if op["kind"] == "User":
                people.append(owner)
                seen.add(owner)
            else:
                members = self.members.get(owner, [])
                if members:
                    k = min(len(members), n, 1 + int(nrng.geometric(0.35)))
                    for m in rng.sample(members, k):
                        if m not in seen:
                            people.append(m)
                            seen.add(m)
            g = GROUP_OF.get(r["_slug"] or "llm", "lm")
            need = n - len(people)
            if need > 0:
                draws = self.contrib[g].draw(nrng, int(need * 0.7) + 2) + self.contrib_all.draw(
                    nrng, need + 2
                )
                for u in draws:
                    if len(people) >= n:
                        break
                    if u not in seen:
                        people.append(u)
                        seen.add(u)
            if op["kind"] == "User" and len(people) > 1 and rng.random() < 0.1:
                # Sometimes a co-maintainer out-commits the owner.
                people[0], people[1] = people[1], people[0]
            entries: list[list[Any]] = [
                [self.persons[u]["login"], c] for u, c in zip(people, commits, strict=False)
            ]
            if rng.random() < (0.35 if len(entries) >= 5 else 0.06):
                bot = _weighted(rng, list(BOTS), list(BOT_WEIGHTS))
                entries.append([bot, max(1, int(nrng.pareto(1.0) * 3))])
                if rng.random() < 0.15:
                    other = _weighted(rng, list(BOTS), list(BOT_WEIGHTS))
                    if other != bot:
                        entries.append([other, max(1, int(nrng.pareto(1.0) * 2))])
            if rng.random() < 0.12:
                for _ in range(rng.randrange(1, 3)):
                    anon = rng.choice(
                        [
                            "root",
                            "ubuntu",
                            "unknown",
                            "Your Name",
                            "张三",
                            "dev",
                            _ascii(rng.choice(N["us"]["first"]))
                            + " "
                            + rng.choice(N["us"]["last"]),
                            rng.choice(N["china"]["family"])[0]
                            + rng.choice(N["china"]["given"])[0],
                        ]
                    )
                    entries.append([None, max(1, int(nrng.pareto(1.2) * 2)), anon])
            entries.sort(key=lambda e: -e[1])  # stable: ties keep insertion order
            r["contributors"] = entries

    # ---- profiles ----------------------------------------------------------------------------

    def _affiliation_raw(self, e: dict[str, Any]) -> str:
        return self.rng.choice(e["raw"])

    def _bio(self, p: dict[str, Any]) -> str | None:
        rng = self.rng
        T = self.P["text"]
        if rng.random() < 0.38:
            return None
        g = {"lm": "llm", "gpt": "gpt", "diff": "diffusion"}[p["group"]]
        ints = T["interests"][g] + T["interests"]["llm"][:3]
        e = p["entity"]
        past = rng.choice(self.entities)
        tpl = rng.choice(T["bios"])
        if ("{aff}" in tpl or "{aff_zh}" in tpl) and e is None:
            tpl = rng.choice(T["bios"][:2])
        return (
            tpl.replace("{emoji}", rng.choice(self.P["names"]["emoji"]))
            .replace("{interest2}", rng.choice(ints))
            .replace("{interest_zh}", rng.choice(T["interests_zh"][g]))
            .replace("{interest}", rng.choice(ints))
            .replace("{aff_zh}", (e or {}).get("zh") or (e or {}).get("name", ""))
            .replace("{aff}", self._affiliation_raw(e) if e else "")
            .replace("{past}", past["name"])
        )

    def _email(self, p: dict[str, Any], login: str) -> str | None:
        rng = self.rng
        if rng.random() > 0.28:
            return None
        local = rng.choice(
            [
                login.lower(),
                _ascii(p.get("roman") or login).lower().replace(" ", "."),
                login.lower() + str(rng.randrange(1, 99)),
            ]
        )
        local = re.sub(r"[^a-z0-9.]+", "", local) or "me"
        e = p.get("entity")
        if e and e.get("domain") and rng.random() < 0.55:
            return f"{local}@{e['domain']}"
        pub = {
            "china": ["qq.com", "163.com", "gmail.com", "outlook.com", "126.com", "foxmail.com"],
            "korea": ["naver.com", "gmail.com", "kakao.com"],
            "japan": ["gmail.com", "yahoo.co.jp"],
        }.get(
            p["region"],
            ["gmail.com", "gmail.com", "outlook.com", "proton.me", "hotmail.com", "icloud.com"],
        )
        return f"{local}@{rng.choice(pub)}"

    def _twitter_handle(self, p: dict[str, Any]) -> str:
        rng = self.rng
        base = rng.choice(
            [
                p["login"],
                _ascii(p.get("roman") or p["login"]).replace(" ", ""),
                p["login"] + rng.choice(self.P["text"]["twitter_suffix"]),
            ]
        )
        base = re.sub(r"[^A-Za-z0-9_]", "", base.replace("-", "_"))[:15] or "user"
        h = base
        while h.lower() in self.handles:
            h = (base[:11] + str(rng.randrange(10, 9999)))[:15]
        self.handles.add(h.lower())
        return h

    def _external_blog(self, p: dict[str, Any]) -> str:
        rng = self.rng
        login = p["login"]
        lo = login.lower()
        opts = [
            f"https://{lo}.github.io",
            f"https://{lo}.github.io/",
            f"{lo}.com",
            f"https://medium.com/@{lo}",
            f"https://huggingface.co/{login}",
            f"https://www.linkedin.com/in/{lo}",
            f"http://www.{lo}.me",
            f"https://{lo}.substack.com",
        ]
        if p["region"] == "china":
            opts += [
                f"https://www.zhihu.com/people/{lo}",
                f"https://blog.csdn.net/{lo}",
                f"https://{lo}.cn",
            ]
        if p.get("twitter"):
            opts.append(f"https://x.com/{p['twitter']}")
        return rng.choice(opts)

    def _people_stats(self) -> None:
        """Followers, public repos and notability from what people built."""
        nrng, rng = self.nrng, self.rng
        owned_stars: dict[int, int] = {}
        owned_count: dict[int, int] = {}
        contrib_stars: dict[int, float] = {}
        first_repo: dict[int, datetime] = {}
        idx_of = {p["login"]: i for i, p in enumerate(self.persons) if p["kind"] != "Bot"}
        for r in self.repos:
            o = r["_owner"]
            owned_count[o] = owned_count.get(o, 0) + 1
            if r["status"] == "ok":
                owned_stars[o] = owned_stars.get(o, 0) + r["stargazers_count"]
            first_repo[o] = min(first_repo.get(o, r["_created"]), r["_created"])
            total = sum(e[1] for e in r["contributors"]) or 1
            for e in r["contributors"][:10]:
                if e[0] is None or e[0] not in idx_of:
                    continue
                i = idx_of[e[0]]
                contrib_stars[i] = contrib_stars.get(i, 0.0) + r["stargazers_count"] * e[1] / total
                first_repo[i] = min(first_repo.get(i, r["_created"]), r["_created"])
        n = len(self.persons)
        base = np.exp(nrng.normal(2.0, 1.7, n)) - 1
        m_owned = np.exp(nrng.normal(-2.6, 1.2, n))
        m_contrib = np.exp(nrng.normal(-2.7, 1.0, n))
        for i, p in enumerate(self.persons):
            if p["kind"] == "Bot":
                p["followers"] = 0
                continue
            f = (
                base[i]
                + owned_stars.get(i, 0) * m_owned[i]
                + contrib_stars.get(i, 0.0) * m_contrib[i]
            )
            if p["kind"] == "Organization":
                f = f * 0.5 + (
                    math.exp(nrng.normal(7.5, 1.0))
                    if not p["invented"]
                    else math.exp(nrng.normal(2.5, 1.5))
                )
                f += owned_stars.get(i, 0) * 0.03
            p["followers"] = int(min(f, 250_000))
            p["owned"] = owned_count.get(i, 0)
            p["owned_stars"] = owned_stars.get(i, 0)
            p["contrib_stars"] = contrib_stars.get(i, 0.0)
            p["first_repo"] = first_repo.get(i)
            p["notable"] = p["owned"] > 0 or p["contrib_stars"] >= 1500 or p["followers"] >= 1000
        # Account creation: before anything they built, skewed to the 2012-2021 years.
        for p in self.persons:
            if p["kind"] == "Organization":
                c = p["created"]
            elif p["kind"] == "User":
                y = _weighted(
                    rng,
                    list(range(2008, 2026)),
                    [1, 2, 3, 4, 5, 6, 7, 8, 8, 8, 8, 8, 8, 7, 6, 5, 4, 3],
                )
                c = date(y, 1, 1) + timedelta(days=rng.randrange(0, 365))
            else:
                c = date(2016, 1, 1) + timedelta(days=rng.randrange(0, 4 * 365))
            limit = p.get("first_repo")
            if limit is not None and c >= limit.date():
                c = limit.date() - timedelta(days=rng.randrange(1, 900))
            c = min(c, self.anchor - timedelta(days=30))
            p["created"] = c

    def _profiles(self) -> None:
        rng = self.rng
        A = self.P["affiliations"]
        L = self.P["locations"]
        for p in self.persons:
            if p["kind"] != "User":
                continue
            e = p["entity"]
            # Company field: often the entity, sometimes blank though the homepage will say it.
            p["homepage_only"] = False
            if e is not None:
                roll = rng.random()
                if roll < 0.68:
                    company = self._affiliation_raw(e)
                else:
                    company = rng.choice([None, None, ""])
                    p["homepage_only"] = True
            else:
                roll = rng.random()
                company = (
                    rng.choice(A["generic_company"])
                    if roll < 0.2
                    else (None if roll < 0.85 else "")
                )
            p["company"] = company
            roll = rng.random()
            if roll < 0.3:
                loc = None
            elif roll < 0.34:
                loc = rng.choice(L["anywhere"])
            else:
                reg = p["region"]
                if e is not None and rng.random() < 0.8:
                    reg = e["region"]
                loc = rng.choice(L["regions"][reg])
            p["location"] = loc
            p["bio"] = self._bio(p)
            p["email"] = self._email(p, p["login"])
            p["twitter"] = (
                self._twitter_handle(p) if rng.random() < (0.5 if p["notable"] else 0.27) else None
            )
            roll = rng.random()
            if p["notable"]:
                blog = "page" if roll < 0.4 else ("ext" if roll < 0.72 else "")
            else:
                blog = "page" if roll < 0.03 else ("ext" if roll < 0.16 else "")
            if blog == "page":
                p["blog"] = "{mirror}" + page_path(p["login"])
            elif blog == "ext":
                p["blog"] = self._external_blog(p)
            else:
                p["blog"] = "" if rng.random() < 0.92 else None

    # ---- homepages ---------------------------------------------------------------------------

    def _page(self, p: dict[str, Any], spa: bool = False, zh: bool | None = None) -> str:
        rng = self.rng
        T = self.P["text"]
        e = p["entity"]
        g = {"lm": "llm", "gpt": "gpt", "diff": "diffusion"}[p["group"]]
        if zh is None:
            zh = p["region"] == "china" and rng.random() < 0.5
        lang = "zh" if zh else "en"
        name = p.get("display") or p.get("roman") or p["login"]
        topic = rng.choice(T["interests"][g])
        if e is not None:
            org_name = (e.get("zh") or e["name"]) if zh else e["name"]
            role = p["role"]
        else:
            org_name = ""
            role = "indie"
        intro = (
            rng.choice(T["roles"][role][lang]).replace("{org}", org_name).replace("{topic}", topic)
        )
        past_txt = ""
        if rng.random() < 0.4:
            past_e = rng.choice([x for x in self.entities[:60] if x is not e] or self.entities)
            past_txt = rng.choice(T["past"][lang]).replace(
                "{org}", (past_e.get("zh") or past_e["name"]) if zh else past_e["name"]
            )
        ints = rng.sample(T["interests"][g], min(len(T["interests"][g]), rng.randrange(2, 5)))
        if zh:
            ints = (
                rng.sample(
                    T["interests_zh"][g], min(len(T["interests_zh"][g]), rng.randrange(1, 4))
                )
                + ints[:1]
            )
        links = [f'<a href="https://github.com/{escape(p["login"])}">GitHub</a>']
        if p.get("twitter"):
            host = rng.choice(["x.com", "twitter.com"])
            links.append(
                f'<a href="https://{host}/{escape(p["twitter"])}">{"Twitter" if host == "twitter.com" else "X"}</a>'
            )
        if role in ("student", "professor", "researcher") and rng.random() < 0.7:
            sid = "".join(
                rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
                for _ in range(12)
            )
            links.append(
                f'<a href="https://scholar.google.com/citations?user={sid}&amp;hl=en">Google Scholar</a>'
            )
        if rng.random() < 0.4:
            links.append(
                f'<a href="https://www.linkedin.com/in/{escape(p["login"].lower())}/">LinkedIn</a>'
            )
        if rng.random() < 0.4:
            links.append(f'<a href="https://huggingface.co/{escape(p["login"])}">Hugging Face</a>')
        email = ""
        if p.get("email") and rng.random() < 0.6:
            email = escape(p["email"]).replace("@", " [at] ")
        projects = [r for r in p.get("repos", [])][:3]
        proj_html = "".join(
            f'<li><a href="https://github.com/{escape(r["owner"])}/{escape(r["name"])}">{escape(r["name"])}</a>'
            f"{' — ' + escape(r['description']) if r.get('description') else ''}</li>"
            for r in projects
        )
        hostile = ""
        roll = rng.random()
        if roll < 0.05:
            hostile = "<script>alert(1)</script>"
        elif roll < 0.08:
            hostile = '<p class="bio">My bio: I love &lt;script&gt;alert("hi")&lt;/script&gt; tags</p><img src=x onerror="alert(2)">'
        # News and publications: the bulk of a real academic page, and where past
        # affiliations and co-author labs show up as noise around the current one.
        news_items = []
        for _ in range(rng.randrange(1, 4)):
            other = rng.choice(self.entities[:60])
            item = (
                rng.choice(T["news"][lang])
                .replace("{paper}", self._paper_title(g))
                .replace("{venue}", rng.choice(T["venues"][:-2]))  # no "arXiv" / "TMLR"
                .replace("{interest}", rng.choice(T["interests"][g]))
                .replace("{org}", (other.get("zh") or other["name"]) if zh else other["name"])
                .replace("{repo}", projects[0]["name"] if projects else "our code")
            )
            when = self.anchor - timedelta(days=rng.randrange(10, 900))
            news_items.append(f"<li><b>{when.strftime('%Y.%m')}</b> {escape(item)}</li>")
        pubs = "".join(
            f"<li>{escape(self._paper_title(g))}. <i>{escape(rng.choice(T['venues']))}</i></li>"
            for _ in range(rng.randrange(0, 4))
        )
        heads = ("新闻", "论文") if zh else ("News", "Publications")
        extra = f"<h2>{heads[0]}</h2><ul>{''.join(news_items)}</ul>" + (
            f"<h2>{heads[1]}</h2><ol>{pubs}</ol>" if pubs else ""
        )
        title = escape(name)
        intro_html = (
            escape(intro) + ("。" if zh else ".") + (" " + escape(past_txt) if past_txt else "")
        )
        ints_html = "".join(f"<li>{escape(x)}</li>" for x in ints)
        link_html = " | ".join(links)
        if spa:
            payload = json.dumps({"name": name, "about": intro, "links": links}, ensure_ascii=False)
            return (
                f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
                '<script defer src="/static/js/main.4f2a9c.js"></script></head>'
                "<body><noscript>You need to enable JavaScript to run this app.</noscript>"
                f'<div id="root"></div><script>window.__DATA__ = {escape(payload)};</script></body></html>'
            )
        template = (
            rng.choice(["academic", "alfolio", "plain"])
            if not zh
            else rng.choice(["zh", "zh", "academic"])
        )
        if template == "zh":
            return (
                f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
                f"<title>{title}的个人主页</title></head><body>\n"
                f"<h1>{title}</h1>\n<h2>个人简介</h2>\n<p>{intro_html}</p>\n"
                f"<h2>研究兴趣</h2>\n<ul>{ints_html}</ul>\n"
                + (f"<h2>项目</h2><ul>{proj_html}</ul>\n" if proj_html else "")
                + extra
                + (f"<p>邮箱：{email}</p>\n" if email else "")
                + f"<p>{link_html}</p>\n{hostile}\n<footer>最后更新：{self.anchor.year}年</footer></body></html>\n"
            )
        if template == "alfolio":
            return (
                '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
                '<meta name="viewport" content="width=device-width, initial-scale=1">'
                f"<title>{title} | About</title>"
                '<link rel="stylesheet" href="/assets/css/main.css"><meta name="generator" content="Jekyll v4.3.2"></head>\n'
                '<body class="fixed-top-nav"><header><nav class="navbar"><a class="navbar-brand" href="/">'
                f'<span class="font-weight-bold">{title}</span></a><ul class="navbar-nav">'
                '<li><a href="/">about</a></li><li><a href="/publications/">publications</a></li>'
                '<li><a href="/cv/">cv</a></li></ul></nav></header>\n'
                f'<div class="container"><article><header class="post-header"><h1 class="post-title">{title}</h1>'
                f'<p class="desc">{escape(topic)}</p></header>\n<div class="clearfix"><p>{intro_html}</p>'
                f"<p>My research interests include:</p><ul>{ints_html}</ul></div>\n"
                + (
                    f'<h2>selected projects</h2><ul class="projects">{proj_html}</ul>\n'
                    if proj_html
                    else ""
                )
                + extra
                + f'<div class="social"><div class="contact-icons">{link_html}</div>'
                + (f'<div class="contact-note">{email}</div>' if email else "")
                + f"</div></article></div>{hostile}\n"
                f'<footer class="fixed-bottom">© Copyright {self.anchor.year} {title}. Powered by Jekyll with al-folio theme.</footer>'
                "</body></html>\n"
            )
        if template == "academic":
            return (
                f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{title}</title>'
                "<style>body{font-family:Georgia,serif;max-width:760px;margin:auto}h2{border-bottom:1px solid #ccc}</style>"
                f'</head><body>\n<table><tr><td><img src="photo.jpg" alt="{title}" width="160"></td><td>'
                f"<h1>{title}</h1><p>{link_html}</p>"
                + (f"<p>Email: {email}</p>" if email else "")
                + f"</td></tr></table>\n<h2>About me</h2>\n<p>{intro_html}</p>\n"
                f"<h2>Research Interests</h2>\n<ul>{ints_html}</ul>\n"
                + (f"<h2>Projects</h2>\n<ul>{proj_html}</ul>\n" if proj_html else "")
                + extra
                + f"{hostile}\n<p><small>Last updated: {self.anchor.strftime('%B %Y')}</small></p></body></html>\n"
            )
        return (
            f"<html><head><title>{title}</title></head><body>\n<h1>Hi, I'm {title} 👋</h1>\n"
            f"<p>{intro_html}</p>\n<p>Things I care about: {escape(', '.join(ints))}.</p>\n"
            + (f"<ul>{proj_html}</ul>\n" if proj_html else "")
            + f"<p>Find me on: {link_html}</p>\n{hostile}</body></html>\n"
        )

    def _paper_title(self, g: str) -> str:
        T, rng = self.P["text"], self.rng
        interest = rng.choice(T["interests"][g])
        word = rng.choice(self.P["repos"]["Words"]) + rng.choice(["", "LM", "Net", "X"])
        return (
            rng.choice(T["paper_titles"])
            .replace("{W}", word)
            .replace("{interest}", interest[0].upper() + interest[1:])
        )

    def _pages(self) -> tuple[dict[str, str], dict[str, str]]:
        rng = self.rng
        by_login = {p["login"]: p for p in self.persons}
        for r in sorted(self.repos, key=lambda r: -r["stargazers_count"]):
            if r["status"] == "ok":
                by_login[r["owner"]].setdefault("repos", []).append(r)
        owners = [
            p
            for p in self.persons
            if p["kind"] == "User" and p.get("blog") and p["blog"].startswith("{mirror}")
        ]
        paths = [page_path(p["login"]) for p in owners]
        per_kind = min(10, max(1, len(paths) // 15))
        shuffled = paths[:]
        rng.shuffle(shuffled)
        faults: dict[str, str] = {}
        zh_first = [q for q in shuffled if by_login[q.split("/")[2]]["region"] == "china"]
        taken: set[str] = set()
        for kind in PAGE_FAULT_KINDS:
            pool = zh_first if kind == "mis_encoded" else shuffled
            chosen = [q for q in pool if q not in taken][:per_kind]
            for q in chosen:
                taken.add(q)
                faults[q] = kind
        pages: dict[str, str] = {}
        for p, path in zip(owners, paths, strict=True):
            kind = faults.get(path)
            pages[path] = self._page(
                p, spa=kind == "script_only", zh=True if kind == "mis_encoded" else None
            )
        return pages, dict(sorted(faults.items()))

    # ---- output ------------------------------------------------------------------------------

    def _accounts(self) -> tuple[list[dict[str, Any]], dict[str, int]]:
        rng, nrng = self.rng, self.nrng
        social: dict[str, int] = {}
        out = []
        for p in self.persons:
            c = p["created"]
            created = datetime(
                c.year, c.month, c.day, rng.randrange(24), rng.randrange(60), rng.randrange(60)
            )
            p["id"] = _id_for(c, _USER_ID_KNOTS, rng, self.user_ids)
            span = max(1, (self.anchor_dt - created).days)
            updated = self.anchor_dt - timedelta(
                days=min(span - 1, int(nrng.exponential(90))), seconds=rng.randrange(0, 86400)
            )
            updated = max(updated, created)
            if p["kind"] == "Bot":
                acc = {
                    "login": p["login"], "id": p["id"], "node_id": _node_id("BOT", p["id"]), "type": "Bot",
                    "name": None, "company": None, "blog": "", "location": None, "email": None, "bio": None,
                    "twitter_username": None, "followers": 0, "following": 0, "public_repos": 0,
                    "created_at": _ts(created), "updated_at": _ts(updated), "hireable": None,
                }  # fmt: skip
            elif p["kind"] == "Organization":
                e = p["entity"]
                tw = None
                if rng.random() < (0.15 if p["invented"] else 0.6):
                    tw = self._twitter_handle({"login": e["org"], "roman": e["name"]})
                    social[tw] = int(p["followers"] * math.exp(nrng.normal(1.5, 1.0)))
                acc = {
                    "login": p["login"], "id": p["id"], "node_id": _node_id("O", p["id"]), "type": "Organization",
                    "name": e.get("org_name") or e["name"], "company": None, "blog": e.get("org_blog") or "",
                    "location": e.get("org_location"),
                    "email": (f"opensource@{e['domain']}" if e.get("domain") and rng.random() < 0.3 else None),
                    "bio": rng.choice([None, f"Open-source models and tools from {e['name']}", f"{e['name']} on GitHub", f"{e['name']} 开源项目"]),
                    "twitter_username": tw, "followers": p["followers"], "following": 0,
                    "public_repos": p["owned"]
                    + int(math.exp(nrng.normal(2.5 if p["invented"] else 5.0, 1.2))),
                    "created_at": _ts(created), "updated_at": _ts(updated), "hireable": None,
                }  # fmt: skip
            else:
                tw = p["twitter"]
                if tw and rng.random() < 0.88:
                    social[tw] = int(
                        min(
                            3_000_000,
                            math.exp(nrng.normal(math.log(p["followers"] + 30) + 0.2, 1.3)),
                        )
                    )
                acc = {
                    "login": p["login"], "id": p["id"], "node_id": _node_id("U", p["id"]), "type": "User",
                    "name": p["display"], "company": p["company"], "blog": p["blog"], "location": p["location"],
                    "email": p["email"], "bio": p["bio"], "twitter_username": tw, "followers": p["followers"],
                    "following": int(min(5000, math.exp(nrng.normal(2.2, 1.5)))),
                    "public_repos": p["owned"] + int(math.exp(nrng.normal(2.6, 1.2))),
                    "created_at": _ts(created), "updated_at": _ts(updated),
                    "hireable": True if rng.random() < 0.18 else None,
                }  # fmt: skip
            out.append(acc)
        out.sort(key=lambda a: a["id"])
        return out, dict(sorted(social.items(), key=lambda kv: kv[0].lower()))

    def run(self) -> World:
        n_bots = len(BOTS)
        n_orgs = max(10, round(self.people * 0.04))
        n_users = self.people - n_orgs - n_bots
        if n_users < 50:
            raise ValueError(
                f"people={self.people} is too small; need at least {n_orgs + n_bots + 50}"
            )
        self._build_entities(n_orgs)
        self._make_orgs()
        # Fill with users to reach exactly `people` accounts even if fewer org logins were free.
        n_users = self.people - len(self.persons) - n_bots
        self._make_users(n_users)
        self._assign_logins()
        for b in BOTS:
            self.logins.add(b.lower())
            self.persons.append({"kind": "Bot", "login": b, "region": "other", "entity": None})
        self._owner_samplers()
        self._make_repos()
        self._finish_repos()
        self._contributors()
        self._people_stats()
        self._profiles()
        for p in self.persons:
            if p["kind"] == "Organization":
                p.setdefault("owned", 0)
        accounts, social = self._accounts()
        pages, faults = self._pages()
        repos = []
        for r in sorted(self.repos, key=lambda r: r["id"]):
            repos.append({k: v for k, v in r.items() if not k.startswith("_")})
        return {
            "meta": {
                "schema": SCHEMA,
                "seed": self.seed,
                "anchor_date": self.anchor.isoformat(),
                "synthetic": True,
                "keywords": list(KEYWORDS),
                "repos_per_keyword": self.rpk,
                "people": self.people,
            },
            "accounts": accounts,
            "repos": repos,
            "pages": pages,
            "page_faults": faults,
            "social": social,
        }


def generate_world(
    seed: int = 7,
    repos_per_keyword: int = 150,
    people: int = 3000,
    anchor_date: str | date | None = None,
    extra_matches_per_keyword: int = 0,
) -> World:
    """Build a deterministic synthetic world (same arguments -> identical result)."""
    if anchor_date is None:
        anchor = datetime.now(UTC).date()
    elif isinstance(anchor_date, date):
        anchor = anchor_date
    else:
        anchor = date.fromisoformat(anchor_date)
    if repos_per_keyword < 1:
        raise ValueError(f"repos_per_keyword must be >= 1, got {repos_per_keyword}")
    return _Gen(seed, repos_per_keyword, people, anchor, extra_matches_per_keyword).run()


def summarize(world: World) -> dict[str, Any]:
    """Counts a person wants to see after generating a world."""
    types: dict[str, int] = {}
    for a in world["accounts"]:
        types[a["type"]] = types.get(a["type"], 0) + 1
    toks = [repo_tokens(r) for r in world["repos"]]
    per_kw = {q: sum(1 for t in toks if q.lower() in t) for q in world["meta"]["keywords"]}
    return {
        "repos": len(world["repos"]),
        "accounts": types,
        "pages": len(world["pages"]),
        "page_faults": len(world["page_faults"]),
        "social": len(world["social"]),
        "matches_per_keyword": per_kw,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Generate a synthetic GitHub world for the mirror.")
    ap.add_argument("--out", required=True, help="output path (.json.gz, or .json for plain)")
    ap.add_argument("--repos-per-keyword", type=int, default=150)
    ap.add_argument("--people", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--anchor-date", default=None, help="the world's 'today' (YYYY-MM-DD)")
    ap.add_argument("--extra-matches-per-keyword", type=int, default=0)
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    world = generate_world(
        seed=args.seed,
        repos_per_keyword=args.repos_per_keyword,
        people=args.people,
        anchor_date=args.anchor_date,
        extra_matches_per_keyword=args.extra_matches_per_keyword,
    )
    t1 = time.perf_counter()
    path = save_world(world, args.out)
    t2 = time.perf_counter()
    info = summarize(world)
    info.update(
        out=str(path),
        bytes=path.stat().st_size,
        generate_s=round(t1 - t0, 2),
        save_s=round(t2 - t1, 2),
    )
    print(json.dumps(info, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
