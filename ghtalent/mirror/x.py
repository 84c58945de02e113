"""The mirror's copy of X (Twitter): the API v2 user lookup (`/2/users/by`, bearer token) and
profile pages (`/social/x/{handle}`), over the world's follower counts."""

from __future__ import annotations

import zlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ghtalent.mirror.server import MirrorHandler


def users_by(handler: MirrorHandler, query: dict) -> None:
    """`GET /2/users/by`: the X API v2 user lookup, over the world's social counts."""
    if not (handler.headers.get("Authorization") or "").startswith("Bearer "):
        handler._json(401, {"title": "Unauthorized", "type": "about:blank", "status": 401})
        return
    names = [n for n in ",".join(query.get("usernames", [])).split(",") if n]
    if not names or len(names) > 100:
        detail = "usernames: between 1 and 100 names, comma-separated"
        handler._json(400, {"title": "Invalid Request", "detail": detail, "status": 400})
        return
    handler._json(200, users_answer(handler.server.world.social, names))


def profile_page(handler: MirrorHandler, handle: str) -> None:
    """`GET /social/x/{handle}`: a profile page showing the follower count, as X renders it."""
    followers = handler.server.world.social.get(handle.lower())
    if followers is None:
        handler._send(404, b"<html><body>User not found</body></html>", content_type="text/html")
        return
    shown = compact(followers)
    html = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>@{handle} | mirror social</title>"
        f"<meta property='og:description' content='@{handle} has {shown} Followers'></head>"
        f"<body><div class='profile-card'><a class='profile-card-username' href='/social/x/{handle}'>@{handle}</a>"
        "<ul class='profile-statlist'>"
        f"<li class='followers'><span class='profile-stat-header'>Followers</span>"
        f"<span class='profile-stat-num'>{shown}</span></li>"
        "</ul></div></body></html>"
    )
    handler._send(200, html.encode(), content_type="text/html; charset=utf-8")


def users_answer(social: dict[str, int], usernames: list[str]) -> dict:
    """The X API v2 `GET /2/users/by` answer shape (`user.fields=public_metrics`)."""
    data, errors = [], []
    for name in usernames:
        followers = social.get(name.lower())
        if followers is None:
            errors.append(
                {
                    "value": name,
                    "detail": f"Could not find user with usernames: [{name}].",
                    "title": "Not Found Error",
                    "resource_type": "user",
                    "parameter": "usernames",
                    "type": "https://api.twitter.com/2/problems/resource-not-found",
                }
            )
            continue
        data.append(
            {
                "id": str(zlib.crc32(name.lower().encode())),
                "name": name,
                "username": name,
                "public_metrics": {
                    "followers_count": followers,
                    "following_count": 0,
                    "tweet_count": 0,
                    "listed_count": 0,
                },
            }
        )
    answer: dict = {"data": data} if data else {}
    if errors:
        answer["errors"] = errors
    return answer


def compact(n: int) -> str:
    """A follower count as X shows it: 1,234, 12.3K, 1.2M."""
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f}M"
    if n >= 10_000:
        return f"{n / 1000:.1f}K"
    return f"{n:,}"
