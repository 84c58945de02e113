"""The synthetic world generator: determinism, consistency, and the traps it must contain."""

from __future__ import annotations

import re
import shlex
from datetime import date, timedelta

import numpy as np
import pytest

from ghtalent.mirror import generate
from ghtalent.mirror.generate import BOTS, KEYWORDS, generate_world
from ghtalent.mirror.world import (
    PAGE_FAULT_KINDS,
    dumps_world,
    load_world,
    matches,
    parse_ts,
    repo_tokens,
    save_world,
    search,
    star_week_starts,
    week_start,
)
from ghtalent.mirror.world_parts import histories
from ghtalent.paths import SNAPSHOT_DIR

ANCHOR = "2026-11-25"
RPK = 20


@pytest.fixture(scope="module")
def world():
    return generate_world(seed=7, repos_per_keyword=RPK, people=300, anchor_date=ANCHOR)


def _keyword_sets(world) -> dict[str, set[str]]:
    return {
        q: {f"{r['owner']}/{r['name']}" for r in world["repos"] if matches(r, q)} for q in KEYWORDS
    }


def test_same_seed_gives_byte_identical_file(tmp_path, world):
    again = generate_world(seed=7, repos_per_keyword=RPK, people=300, anchor_date=ANCHOR)
    a = save_world(world, tmp_path / "a.json.gz")
    b = save_world(again, tmp_path / "b.json.gz")
    assert a.read_bytes() == b.read_bytes()
    other = generate_world(seed=8, repos_per_keyword=RPK, people=300, anchor_date=ANCHOR)
    assert dumps_world(other) != dumps_world(world)


def test_save_load_round_trip(tmp_path, world):
    path = save_world(world, tmp_path / "w.json.gz")
    assert load_world(path) == world
    assert not list(tmp_path.glob("*.tmp"))


@pytest.mark.parametrize(
    ("repo", "query", "expected"),
    [
        ({"name": "lm-eval", "description": None, "topics": []}, "LM", True),
        ({"name": "tools", "description": "Small LM toolkit", "topics": []}, "LM", True),
        ({"name": "x", "description": None, "topics": ["lm"]}, "LM", True),
        ({"name": "InternLM", "description": None, "topics": []}, "LM", True),
        ({"name": "vLLM", "description": None, "topics": []}, "LM", False),
        ({"name": "vLLM", "description": None, "topics": []}, "LLM", True),
        ({"name": "LLMs-from-scratch", "description": None, "topics": []}, "LLM", False),
        ({"name": "ChatGLM3-6B", "description": None, "topics": []}, "GLM", True),
        ({"name": "glmnet", "description": None, "topics": []}, "GLM", False),
        ({"name": "LLaMA-Factory", "description": None, "topics": []}, "llama", True),
        ({"name": "ollama", "description": None, "topics": []}, "LLaMA", False),
        ({"name": "nanoGPT", "description": None, "topics": []}, "gpt", True),
        ({"name": "x", "description": None, "topics": ["chatgpt"]}, "GPT", False),
        ({"name": "x", "description": None, "topics": ["stable-diffusion"]}, "Diffusion", True),
        ({"name": "x", "description": "基于ChatGLM的问答系统", "topics": []}, "GLM", True),
        ({"name": "diffusers", "description": None, "topics": []}, "Diffusion", False),
    ],
)
def test_matches_whole_tokens(repo, query, expected):
    assert matches(repo, query) is expected


def test_every_keyword_matches_enough_repos(world):
    for q, names in _keyword_sets(world).items():
        assert len(names) >= RPK, (q, len(names))


def test_extra_matches_push_past_the_search_cap():
    w = generate_world(
        seed=3, repos_per_keyword=10, people=200, anchor_date=ANCHOR, extra_matches_per_keyword=15
    )
    for q in KEYWORDS:
        found = search(w, q)
        assert len(found) >= 25, q
        # the extra matches are low-star: the top 10 are not made of them
        assert found[0]["stargazers_count"] > found[-1]["stargazers_count"]


def test_some_repos_match_no_keyword(world):
    decoys = [r for r in world["repos"] if not any(matches(r, q) for q in KEYWORDS)]
    assert decoys


def test_star_weeks_sum_and_span(world):
    anchor = date.fromisoformat(ANCHOR)
    for r in world["repos"]:
        assert sum(r["star_weeks"]) == r["stargazers_count"]
        assert all(x >= 0 for x in r["star_weeks"])
        weeks = star_week_starts(r)
        assert weeks[0] == week_start(parse_ts(r["created_at"]).date())
        assert weeks[-1] == week_start(anchor)


def test_timestamps_are_ordered(world):
    for r in world["repos"]:
        assert r["created_at"] <= r["pushed_at"] <= r["updated_at"]
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", r["created_at"])
        assert "2018-01-01" <= r["created_at"] <= ANCHOR
    owners = {a["login"]: a for a in world["accounts"]}
    for r in world["repos"]:
        assert owners[r["owner"]]["created_at"] < r["created_at"]


def test_contributors_exist_and_are_sorted(world):
    logins = {a["login"] for a in world["accounts"]}
    for r in world["repos"]:
        commits = [e[1] for e in r["contributors"]]
        assert commits == sorted(commits, reverse=True)
        for e in r["contributors"]:
            if e[0] is None:
                assert len(e) == 3 and e[2]
            else:
                assert e[0] in logins


def test_bots_and_anonymous_contributors_present(world):
    types = {a["login"]: a["type"] for a in world["accounts"]}
    entries = [e for r in world["repos"] for e in r["contributors"]]
    bots = [e for e in entries if e[0] in BOTS]
    assert bots and all(types[e[0]] == "Bot" for e in bots)
    assert len(bots) < 0.06 * len(entries)
    assert any(e[0] is None for e in entries)


def test_faults_present(world):
    statuses = [r["status"] for r in world["repos"]]
    assert statuses.count("deleted") == 2 and statuses.count("dmca") == 1
    cstat = [r["contributors_status"] for r in world["repos"]]
    assert cstat.count("too_large") >= 3 and cstat.count("empty") == 2
    # deleted / DMCA'd repos still show up in search (a stale index)
    gone = [r for r in world["repos"] if r["status"] != "ok"]
    assert all(any(matches(r, q) for q in KEYWORDS) for r in gone)


def test_people_shared_across_keywords(world):
    kw_people: dict[str, set[str]] = {q: set() for q in KEYWORDS}
    for r in world["repos"]:
        for q in KEYWORDS:
            if matches(r, q):
                kw_people[q] |= {e[0] for e in r["contributors"] if e[0] and e[0] not in BOTS}
    assert kw_people["Diffusion"] & kw_people["GPT"]
    assert kw_people["LLaMA"] & kw_people["GLM"]
    # a repo can match several keywords
    assert any(sum(matches(r, q) for q in KEYWORDS) >= 2 for r in world["repos"])


def test_profiles_are_messy_and_multilingual(world):
    users = [a for a in world["accounts"] if a["type"] == "User"]
    cjk = re.compile(r"[\u4e00-\u9fff\uac00-\ud7af\u3040-\u30ff]")
    assert any(cjk.search(a["name"] or "") for a in users)
    assert any(cjk.search(a["location"] or "") for a in users)
    assert any(a["company"] is None for a in users) and any(a["company"] for a in users)
    assert any(a["email"] and a["email"].endswith((".edu", ".edu.cn", ".ac.uk")) for a in users)
    share_tw = sum(1 for a in users if a["twitter_username"]) / len(users)
    assert 0.2 < share_tw < 0.45
    assert {a["type"] for a in world["accounts"]} == {"User", "Organization", "Bot"}
    assert len(world["accounts"]) == 300
    assert len({a["login"].lower() for a in world["accounts"]}) == 300
    assert len({a["id"] for a in world["accounts"]}) == 300


def test_social_counts_belong_to_known_handles(world):
    handles = {a["twitter_username"] for a in world["accounts"] if a["twitter_username"]}
    assert set(world["social"]) <= handles
    assert handles - set(world["social"])  # some handles have an unknown follower count


def test_mirror_blogs_have_pages_that_agree(world):
    by_path = {}
    for a in world["accounts"]:
        blog = a["blog"] or ""
        if blog.startswith("{mirror}"):
            by_path[blog.removeprefix("{mirror}")] = a
    assert by_path and set(by_path) == set(world["pages"])
    assert set(world["page_faults"]) <= set(world["pages"])
    assert set(world["page_faults"].values()) == set(PAGE_FAULT_KINDS)
    for path, html in world["pages"].items():
        assert 200 < len(html.encode()) < 4096, path
        a = by_path[path]
        if a["twitter_username"] and world["page_faults"].get(path) != "script_only":
            assert re.search(rf"(x|twitter)\.com/{re.escape(a['twitter_username'])}\b", html)


def test_followers_are_power_law(world):
    f = sorted(a["followers"] for a in world["accounts"] if a["type"] == "User")
    assert f[len(f) // 2] < 200
    assert f[-1] > 20 * max(1, f[len(f) // 2])


def test_anchor_date_fixes_the_world():
    w = generate_world(seed=1, repos_per_keyword=5, people=120, anchor_date="2025-01-15")
    assert w["meta"]["anchor_date"] == "2025-01-15"
    latest = max(r["created_at"] for r in w["repos"])
    assert latest <= "2025-01-15"
    last_week = date(2025, 1, 15) - timedelta(days=(date(2025, 1, 15).weekday() + 1) % 7)
    assert all(star_week_starts(r)[-1] == last_week for r in w["repos"])


def test_committed_snapshot_loads():
    path = SNAPSHOT_DIR / "world.json.gz"
    if not path.exists():
        pytest.skip(f"no snapshot at {path}")
    w = load_world(path)
    assert w["meta"]["synthetic"] is True
    assert w["meta"]["keywords"] == list(KEYWORDS)
    assert path.stat().st_size <= 3 * 1024 * 1024
    tokens = [repo_tokens(r) for r in w["repos"]]
    for q in KEYWORDS:
        assert sum(q.lower() in t for t in tokens) >= w["meta"]["repos_per_keyword"]


def test_committed_snapshot_has_a_cycle_per_modality():
    """Language models still grow in the anchor year; image generation and GPT apps had their
    busiest year before it (POST_CHATGPT), so the demo's modality cycles differ by group."""
    path = SNAPSHOT_DIR / "world.json.gz"
    if not path.exists():
        pytest.skip(f"no snapshot at {path}")
    w = load_world(path)
    by_year: dict[str, dict[int, int]] = {q: {} for q in ("LLM", "Diffusion", "GPT")}
    for r in w["repos"]:
        tokens = repo_tokens(r)
        for q, years in by_year.items():
            if q.lower() in tokens:
                for week, gained in zip(star_week_starts(r), r["star_weeks"], strict=True):
                    years[week.year] = years.get(week.year, 0) + gained
    busiest = {q: max(years, key=years.get) for q, years in by_year.items()}
    anchor_year = int(w["meta"]["anchor_date"][:4])
    assert busiest["LLM"] == anchor_year
    assert busiest["Diffusion"] < anchor_year and busiest["GPT"] < anchor_year


def test_committed_snapshot_is_what_the_generator_makes():
    """The bundled world is reproducible: regenerate it from its own meta after changing the
    generator (the CLI line is in ghtalent/mirror/generate.py)."""
    path = SNAPSHOT_DIR / "world.json.gz"
    if not path.exists():
        pytest.skip(f"no snapshot at {path}")
    committed = load_world(path)
    meta = committed["meta"]
    again = generate_world(
        seed=meta["seed"],
        repos_per_keyword=meta["repos_per_keyword"],
        people=meta["people"],
        anchor_date=meta["anchor_date"],
    )
    assert dumps_world(again) == dumps_world(committed), (
        "data/snapshot/world.json.gz is stale: regenerate it with python -m ghtalent.mirror.generate"
    )


def test_the_documented_command_rebuilds_the_committed_file_byte_for_byte(tmp_path):
    """The regeneration line in data/snapshot/README.md, run through the CLI entry point."""
    path = SNAPSHOT_DIR / "world.json.gz"
    if not path.exists():
        pytest.skip(f"no snapshot at {path}")
    readme = (SNAPSHOT_DIR / "README.md").read_text(encoding="utf-8")
    found = re.search(r"python -m ghtalent\.mirror\.generate (.+?)\n```", readme, re.S)
    assert found, "data/snapshot/README.md lost its regeneration command"
    args = shlex.split(found.group(1).replace("\\\n", " "))
    args[args.index("--out") + 1] = str(tmp_path / "world.json.gz")
    assert generate.main(args) == 0
    assert (tmp_path / "world.json.gz").read_bytes() == path.read_bytes()


@pytest.mark.parametrize("kind", ["lightning", "hype", "recent", "revival", "steady"])
def test_star_history_of_every_kind_sums_to_the_stars(kind):
    created, anchor = date(2024, 2, 14), date(2026, 11, 25)
    weeks = histories.week_starts(created, anchor)
    assert weeks[0] <= created < weeks[0] + timedelta(days=7) and weeks[0].weekday() == 6
    assert weeks[-1] <= anchor < weeks[-1] + timedelta(days=7)
    repo = {"created_at": f"{created}T10:00:00Z", "star_weeks": [0] * len(weeks)}
    assert star_week_starts(repo) == weeks  # the mirror reads the weeks back the same way
    gained = histories.star_weeks(
        5000, kind, np.linspace(0.2, 1.0, len(weeks)), np.random.default_rng(3)
    )
    assert len(gained) == len(weeks) and sum(gained) == 5000 and min(gained) >= 0
