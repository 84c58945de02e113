"""Profiles: the strings a user's GitHub profile shows (company, location, bio, email, X handle,
blog), in the messy forms real people write them."""

from __future__ import annotations

import re
from typing import Any

from ghtalent.mirror.world import page_path
from ghtalent.mirror.world_parts.base import ascii_fold, entity_name, vocabulary_key
from ghtalent.mirror.world_parts.draft import Draft


def affiliation_raw(d: Draft, e: dict[str, Any]) -> str:
    """One of the ways people write organization `e` (a profile's company, a bio)."""
    return d.rng.choice(e["raw"])


def make_bio(d: Draft, p: dict[str, Any]) -> str | None:
    """A profile bio from the templates (interests, affiliation, a past one), or None."""
    rng = d.rng
    T = d.pools["text"]
    if rng.random() < 0.38:
        return None
    g = vocabulary_key(p["group"])
    ints = T["interests"][g] + T["interests"]["llm"][:3]
    e = p["entity"]
    past = rng.choice(d.entities)
    tpl = rng.choice(T["bios"])
    if ("{aff}" in tpl or "{aff_zh}" in tpl) and e is None:
        tpl = rng.choice(T["bios"][:2])
    return (
        tpl.replace("{emoji}", rng.choice(d.pools["names"]["emoji"]))
        .replace("{interest2}", rng.choice(ints))
        .replace("{interest_zh}", rng.choice(T["interests_zh"][g]))
        .replace("{interest}", rng.choice(ints))
        .replace("{aff_zh}", entity_name(e, zh=True) if e else "")
        .replace("{aff}", affiliation_raw(d, e) if e else "")
        .replace("{past}", past["name"])
    )


def make_email(d: Draft, p: dict[str, Any], login: str) -> str | None:
    """A public email (at the affiliation's domain or a regional mail host), or None."""
    rng = d.rng
    if rng.random() > 0.28:
        return None
    local = rng.choice(
        [
            login.lower(),
            ascii_fold(p.get("roman") or login).lower().replace(" ", "."),
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


def twitter_handle(d: Draft, p: dict[str, Any]) -> str:
    """A unique X handle made from the login or romanized name."""
    rng = d.rng
    base = rng.choice(
        [
            p["login"],
            ascii_fold(p.get("roman") or p["login"]).replace(" ", ""),
            p["login"] + rng.choice(d.pools["text"]["twitter_suffix"]),
        ]
    )
    base = re.sub(r"[^A-Za-z0-9_]", "", base.replace("-", "_"))[:15] or "user"
    h = base
    while h.lower() in d.handles:
        h = (base[:11] + str(rng.randrange(10, 9999)))[:15]
    d.handles.add(h.lower())
    return h


def external_blog(d: Draft, p: dict[str, Any]) -> str:
    """A blog URL off the mirror: github.io, Medium, Hugging Face, LinkedIn, Zhihu, X..."""
    rng = d.rng
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


def fill_profiles(d: Draft) -> None:
    """Company, location, bio, email, X handle and blog of every user."""
    rng = d.rng
    A = d.pools["affiliations"]
    L = d.pools["locations"]
    for p in d.persons:
        if p["kind"] != "User":
            continue
        e = p["entity"]
        # Company field: often the entity, sometimes blank though the homepage will say it.
        p["homepage_only"] = False
        if e is not None:
            roll = rng.random()
            if roll < 0.68:
                company = affiliation_raw(d, e)
            else:
                company = rng.choice([None, None, ""])
                p["homepage_only"] = True
        else:
            roll = rng.random()
            company = (
                rng.choice(A["generic_company"]) if roll < 0.2 else (None if roll < 0.85 else "")
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
        p["bio"] = make_bio(d, p)
        p["email"] = make_email(d, p, p["login"])
        p["twitter"] = (
            twitter_handle(d, p) if rng.random() < (0.5 if p["notable"] else 0.27) else None
        )
        roll = rng.random()
        if p["notable"]:
            blog = "page" if roll < 0.4 else ("ext" if roll < 0.72 else "")
        else:
            blog = "page" if roll < 0.03 else ("ext" if roll < 0.16 else "")
        if blog == "page":
            p["blog"] = "{mirror}" + page_path(p["login"])
        elif blog == "ext":
            p["blog"] = external_blog(d, p)
        else:
            p["blog"] = "" if rng.random() < 0.92 else None
