"""Follower counts from X/Nitter-style profile pages."""

from __future__ import annotations

import json
import re

from bs4 import BeautifulSoup, Comment

from ghtalent.web.page import _PARSER

_COUNT = re.compile(
    r"(?P<num>\d{1,3}(?:[,.\s\u00a0\u202f]\d{3})+|\d+(?:[.,]\d+)?)\s*(?P<unit>[KkMmBb万亿]|千)?(?![\w])"
)


def parse_count(text: str | None) -> int | None:
    """A follower count as written on a profile: "12.3K", "1.2M", "1,234", "1.234", "1.2万"."""
    if not text:
        return None
    match = _COUNT.search(text.strip())
    if not match:
        return None
    num, unit = match.group("num"), (match.group("unit") or "")
    grouped = re.fullmatch(r"\d{1,3}(?:([,.\s\u00a0\u202f])\d{3})+", num)
    if grouped and not unit:
        value = float(re.sub(r"[,.\s\u00a0\u202f]", "", num))  # 1,234 / 1.234 / 1 234
    elif grouped and unit and grouped.group(1) == ",":
        value = float(num.replace(",", ""))
    else:
        value = float(num.replace(",", "."))  # "12,3K" (European decimal comma) == 12.3K
    scale = {"k": 1e3, "m": 1e6, "b": 1e9, "万": 1e4, "亿": 1e8, "千": 1e3}.get(unit.lower(), 1)
    return int(round(value * scale))


def extract_social_followers(html: str) -> int | None:
    """Follower count from an X/Nitter-style profile page; None when the page does not say."""
    soup = _soup_keep_jsonld(html)
    # JSON-LD first: it is machine-written and unambiguous.
    for script in soup.find_all("script", attrs={"type": "application/ld+json"}):
        count = _jsonld_followers(script.string or script.get_text())
        if count is not None:
            return count
    for script in soup.find_all("script"):
        script.decompose()
    # Nitter: <li class="followers"><span class="profile-stat-num">12.3K</span>
    for node in soup.select(".followers .profile-stat-num, [class*=followers] [class*=stat-num]"):
        count = parse_count(node.get_text())
        if count is not None:
            return count
    for anchor in soup.find_all("a", href=True):
        href = str(anchor["href"]).rstrip("/")
        text = anchor.get_text(" ", strip=True)
        if href.endswith(("/followers", "/verified_followers")) and re.search(
            r"follower|关注者|粉丝", text, re.I
        ):
            count = parse_count(text)
            if count is not None:
                return count
    for node in soup.select(".profile-stat-num, .ProfileNav-value, [data-count]"):
        sibling_text = node.parent.get_text(" ", strip=True) if node.parent else ""
        if re.search(r"follower|关注者|粉丝", sibling_text, re.I) and not re.search(
            r"following", sibling_text, re.I
        ):
            count = parse_count(node.get("data-count") or node.get_text())
            if count is not None:
                return count
    text = re.sub(r"\s+", " ", soup.get_text(" "))
    for meta in soup.find_all("meta", attrs={"content": True}):
        key = (meta.get("property") or meta.get("name") or "").lower()
        if key in ("og:description", "description", "twitter:description"):
            text = str(meta["content"]) + " | " + text
    match = re.search(
        r"(\d[\d.,\s\u00a0\u202f]*\s*(?:[KkMmBb万亿千])?)\s*(?:Followers|followers|位?关注者|粉丝)",
        text,
    ) or re.search(r"(?:Followers|粉丝|关注者)\s*[:：]?\s*(\d[\d.,]*\s*[KkMmBb万亿千]?)", text)
    if match:
        return parse_count(match.group(1).strip())
    return None


def _soup_keep_jsonld(html: str) -> BeautifulSoup:
    soup = BeautifulSoup(html or "", _PARSER)
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in soup.find_all(("style", "noscript", "template")):
        tag.decompose()
    return soup


def _jsonld_followers(raw: str | None) -> int | None:
    try:
        data = json.loads(raw or "")
    except ValueError:
        return None
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            kind = item.get("interactionType")
            kind = kind.get("@type", "") if isinstance(kind, dict) else str(kind or "")
            if "FollowAction" in kind and item.get("userInteractionCount") is not None:
                value = item["userInteractionCount"]
                return int(value) if isinstance(value, int | float) else parse_count(str(value))
            stack.extend(item.values())
    return None
