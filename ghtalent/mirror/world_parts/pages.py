"""Homepages: the personal pages the mirror hosts (academic, al-folio, plain, Chinese and
script-only templates) that state affiliations the profile leaves out, and the page faults
(huge, binary, redirect loops, slow, robots-disallowed, mis-encoded) among them."""

from __future__ import annotations

import json
from datetime import timedelta
from html import escape
from typing import Any

from ghtalent.mirror.world import PAGE_FAULT_KINDS, page_path
from ghtalent.mirror.world_parts.base import entity_name, vocabulary_key
from ghtalent.mirror.world_parts.draft import Draft


def homepage(d: Draft, p: dict[str, Any], spa: bool = False, zh: bool | None = None) -> str:
    """The homepage of `p` in one of four templates (or a script-only app when `spa`), in
    Chinese when `zh` (None: by region); with news, papers and now and then hostile markup."""
    rng = d.rng
    T = d.pools["text"]
    e = p["entity"]
    g = vocabulary_key(p["group"])
    if zh is None:
        zh = p["region"] == "china" and rng.random() < 0.5
    lang = "zh" if zh else "en"
    name = p.get("display") or p.get("roman") or p["login"]
    topic = rng.choice(T["interests"][g])
    if e is not None:
        org_name = entity_name(e, zh)
        role = p["role"]
    else:
        org_name = ""
        role = "indie"
    intro = rng.choice(T["roles"][role][lang]).replace("{org}", org_name).replace("{topic}", topic)
    past_txt = ""
    if rng.random() < 0.4:
        past_e = rng.choice([x for x in d.entities[:60] if x is not e] or d.entities)
        past_txt = rng.choice(T["past"][lang]).replace("{org}", entity_name(past_e, zh))
    ints = rng.sample(T["interests"][g], min(len(T["interests"][g]), rng.randrange(2, 5)))
    if zh:
        ints = (
            rng.sample(T["interests_zh"][g], min(len(T["interests_zh"][g]), rng.randrange(1, 4)))
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
        other = rng.choice(d.entities[:60])
        item = (
            rng.choice(T["news"][lang])
            .replace("{paper}", paper_title(d, g))
            .replace("{venue}", rng.choice(T["venues"][:-2]))  # no "arXiv" / "TMLR"
            .replace("{interest}", rng.choice(T["interests"][g]))
            .replace("{org}", entity_name(other, zh))
            .replace("{repo}", projects[0]["name"] if projects else "our code")
        )
        when = d.anchor - timedelta(days=rng.randrange(10, 900))
        news_items.append(f"<li><b>{when.strftime('%Y.%m')}</b> {escape(item)}</li>")
    pubs = "".join(
        f"<li>{escape(paper_title(d, g))}. <i>{escape(rng.choice(T['venues']))}</i></li>"
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
            + f"<p>{link_html}</p>\n{hostile}\n<footer>最后更新：{d.anchor.year}年</footer></body></html>\n"
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
            f'<footer class="fixed-bottom">© Copyright {d.anchor.year} {title}. Powered by Jekyll with al-folio theme.</footer>'
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
            + f"{hostile}\n<p><small>Last updated: {d.anchor.strftime('%B %Y')}</small></p></body></html>\n"
        )
    return (
        f"<html><head><title>{title}</title></head><body>\n<h1>Hi, I'm {title} 👋</h1>\n"
        f"<p>{intro_html}</p>\n<p>Things I care about: {escape(', '.join(ints))}.</p>\n"
        + (f"<ul>{proj_html}</ul>\n" if proj_html else "")
        + f"<p>Find me on: {link_html}</p>\n{hostile}</body></html>\n"
    )


def paper_title(d: Draft, g: str) -> str:
    """A made-up paper title on a topic of keyword `g`."""
    T, rng = d.pools["text"], d.rng
    interest = rng.choice(T["interests"][g])
    word = rng.choice(d.pools["repos"]["Words"]) + rng.choice(["", "LM", "Net", "X"])
    return (
        rng.choice(T["paper_titles"])
        .replace("{W}", word)
        .replace("{interest}", interest[0].upper() + interest[1:])
    )


def make_pages(d: Draft) -> tuple[dict[str, str], dict[str, str]]:
    """The homepages hosted on the mirror by path, and the page faults among them by path."""
    rng = d.rng
    by_login = {p["login"]: p for p in d.persons}
    for r in sorted(d.repos, key=lambda r: -r["stargazers_count"]):
        if r["status"] == "ok":
            by_login[r["owner"]].setdefault("repos", []).append(r)
    owners = [
        p
        for p in d.persons
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
        pages[path] = homepage(
            d, p, spa=kind == "script_only", zh=True if kind == "mis_encoded" else None
        )
    return pages, dict(sorted(faults.items()))
