"""The owner's Twitter/X handle and profile links (Scholar, LinkedIn, Hugging Face, GitHub)."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

_TWITTER_HOSTS = {"twitter.com", "www.twitter.com", "mobile.twitter.com", "x.com", "www.x.com"}
_HANDLE = re.compile(r"^[A-Za-z0-9_]{1,15}$")
_NOT_HANDLES = {
    "share", "intent", "home", "i", "search", "hashtag", "login", "signup", "settings", "explore",
    "notifications", "messages", "about", "tos", "privacy", "status", "statuses", "compose",
    "download", "jobs", "en", "account", "widgets", "follow", "user", "lists", "web", "oauth",
}  # fmt: skip
_CONTACT_WORDS = re.compile(r"twitter|^x$|follow|contact|social|@", re.IGNORECASE)


def _twitter_link(url: str) -> tuple[str, bool] | None:
    """(handle, is_profile) for a twitter.com / x.com link to an account; None otherwise."""
    parts = urlsplit(url)
    if (parts.hostname or "").lower() not in _TWITTER_HOSTS:
        return None
    segments = [s for s in parts.path.split("/") if s]
    if parts.fragment.startswith("!/"):  # old-style https://twitter.com/#!/handle
        segments = [s for s in parts.fragment[2:].split("/") if s]
    if not segments:
        return None
    handle = segments[0].lstrip("@")
    if not _HANDLE.match(handle) or handle.lower() in _NOT_HANDLES:
        return None
    profile = len(segments) == 1 or segments[1] in ("with_replies", "media", "likes")
    status = len(segments) >= 3 and segments[1] in ("status", "statuses")
    if not profile and not status:
        return None
    return handle, profile


def _meta_handle(soup: BeautifulSoup) -> str | None:
    for key in ("twitter:creator", "twitter:site"):
        tag = soup.find("meta", attrs={"name": key}) or soup.find("meta", attrs={"property": key})
        if tag and tag.get("content"):
            handle = str(tag["content"]).strip().lstrip("@")
            if "/" in handle:
                found = _twitter_link(handle if "://" in handle else "https://" + handle)
                handle = found[0] if found else ""
            if _HANDLE.match(handle) and handle.lower() not in _NOT_HANDLES:
                return handle
    return None


def _in_contact_area(tag: Tag) -> bool:
    for parent in tag.parents:
        if parent.name in ("nav", "header", "footer", "address", "aside"):
            return True
        marks = " ".join([parent.get("id") or "", *(parent.get("class") or [])]).lower()
        if re.search(r"nav|header|contact|social|sidebar|profile|author|links|footer", marks):
            return True
    return False


_TEXT_HANDLE = re.compile(r"(?:twitter|\bX)\s*[:：]\s*@([A-Za-z0-9_]{1,15})\b", re.IGNORECASE)


def _owner_words(soup: BeautifulSoup, base_url: str) -> set[str]:
    """The site owner's login (``<login>.github.io``) and the words of the page title."""
    host = (urlsplit(base_url).hostname or "").lower()
    words = set()
    if host.endswith((".github.io", ".gitlab.io")):
        words.add(host.split(".")[0])
    title = soup.find("title")
    if title:
        words.update(w.lower() for w in re.findall(r"[A-Za-z]{3,}", title.get_text(" ")))
    return {re.sub(r"[^a-z]", "", w) for w in words} - {""}


def _resembles(handle: str, owner: set[str]) -> bool:
    """A handle written like the owner's login or name ("huangjh_hjh" for huangjh-pub)."""
    h = re.sub(r"[^a-z]", "", handle.lower())
    return any(len(w) >= 4 and (w in h or h in w or h[:4] == w[:4]) for w in owner)


def _twitter_handle(soup: BeautifulSoup, base_url: str, lines: list[str]) -> str | None:
    """The owner's handle: meta tags, then the best-placed profile link, then "Twitter: @x" text.

    A ``twitter:site`` / ``twitter:creator`` meta tag counts only when the page links to that
    account or the handle is written like the owner's login or name: a site theme ships its
    author's handle in those tags, and pages keep it."""
    meta = _meta_handle(soup)
    scores: dict[str, float] = {}  # profile links, by lower-cased handle
    spelled: dict[str, str] = {}
    first_seen: dict[str, int] = {}
    status_counts: dict[str, int] = {}
    for index, anchor in enumerate(soup.find_all("a", href=True)):
        found = _twitter_link(urljoin(base_url, str(anchor["href"]).strip()))
        if not found:
            continue
        handle, profile = found
        key = handle.lower()
        spelled.setdefault(key, handle)
        first_seen.setdefault(key, index)
        if not profile:
            status_counts[key] = status_counts.get(key, 0) + 1
            continue
        text = anchor.get_text(" ", strip=True)
        score = 1.0
        if not text or _CONTACT_WORDS.search(text) or key in text.lower():
            score += 2  # an icon, "Twitter", "X" or "@handle": the owner's own contact link
        if _in_contact_area(anchor):
            score += 2
        scores[key] = scores.get(key, 0) + score
    linked = meta and (meta.lower() in scores or meta.lower() in status_counts)
    if meta and not linked and not _resembles(meta, _owner_words(soup, base_url)):
        meta = None  # the theme's account, not the owner's
    if meta and (meta.lower() in scores or not scores):
        return meta
    if scores:
        for key in scores:  # the owner's own tweets are linked too; other people's rarely
            scores[key] += min(status_counts.get(key, 0), 3) * 0.5
        best = max(scores, key=lambda k: (scores[k], -first_seen[k]))
        return spelled[best]
    # No profile link: status links count only when they are the meta tag's handle.
    if meta and meta.lower() in status_counts:
        return meta
    for line in lines:
        match = _TEXT_HANDLE.search(line)
        if match and match.group(1).lower() not in _NOT_HANDLES:
            return match.group(1)
    return None


def _profile_urls(soup: BeautifulSoup, base_url: str) -> dict[str, str]:
    counts: dict[tuple[str, str], int] = {}
    order: dict[tuple[str, str], int] = {}
    for index, anchor in enumerate(soup.find_all("a", href=True)):
        url = urljoin(base_url, str(anchor["href"]).strip())
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        segments = [s for s in parts.path.split("/") if s]
        kind = None
        if re.match(r"^scholar\.google\.[a-z.]+$", host) and parse_qs(parts.query).get("user"):
            kind = "scholar_url"
            url = f"https://scholar.google.com/citations?user={parse_qs(parts.query)['user'][0]}"
        elif host.endswith("linkedin.com") and len(segments) >= 2 and segments[0] in ("in", "pub"):
            kind, url = "linkedin_url", f"https://www.linkedin.com/{segments[0]}/{segments[1]}"
        elif host in _HF_HOSTS and len(segments) == 1 and segments[0] not in _HF_RESERVED:
            kind, url = "huggingface_url", f"https://huggingface.co/{segments[0]}"
        elif host in _GH_HOSTS and len(segments) == 1 and segments[0].lower() not in _GH_RESERVED:
            kind, url = "github_url", f"https://github.com/{segments[0]}"
        if kind:
            key = (kind, url)
            counts[key] = counts.get(key, 0) + 1
            order.setdefault(key, index)
    best: dict[str, str] = {}
    for (kind, url), _count in sorted(counts.items(), key=lambda kv: (-kv[1], order[kv[0]])):
        best.setdefault(kind, url)
    return best


_HF_HOSTS = ("huggingface.co", "www.huggingface.co")
_GH_HOSTS = ("github.com", "www.github.com")
_HF_RESERVED = {
    "models", "datasets", "spaces", "papers", "blog", "docs", "pricing", "login", "join",
    "learn", "posts", "collections", "organizations", "settings", "enterprise", "tasks",
}  # fmt: skip
_GH_RESERVED = {
    "features", "about", "pricing", "login", "join", "explore", "topics", "orgs", "sponsors",
    "marketplace", "settings", "trending", "collections", "events", "site", "security",
}  # fmt: skip
