"""The mirror's GitHub GraphQL endpoint: batches of `user(login:)` lookups under aliases, the
`rateLimit` object, and the GraphQL faults (errors inside a 200)."""

from __future__ import annotations

import json
import re
import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ghtalent.mirror.shapes import social_accounts

if TYPE_CHECKING:
    from ghtalent.mirror.server import MirrorHandler

GRAPHQL_ALIAS = re.compile(r'(\w+)\s*:\s*user\s*\(\s*login\s*:\s*("(?:[^"\\]|\\.)*")\s*\)')


def handle(handler: MirrorHandler, raw: bytes) -> None:
    """Answer `POST /graphql`: the `user(login:)` aliases of a batch, and `rateLimit`."""
    if handler._api_gate("graphql") is None:
        return
    try:
        query = json.loads(raw or b"{}").get("query", "")
    except ValueError:
        handler._json(400, {"message": "Problems parsing JSON"})
        return
    if not handler._charge("graphql"):
        return
    if handler._consume("graphql_rate_limited"):
        headers = handler._rate_headers("graphql")
        headers.update(
            {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(int(time.time()) + 60)}
        )
        kind = handler.server.faults.graphql_limit_type
        message = "API rate limit exceeded for user ID 1."
        handler._json(200, {"errors": [{"type": kind, "message": message}]}, headers)
        return
    if handler._consume("graphql_timeout"):
        message = (
            "Something went wrong while executing your query. This may be the result of a "
            "timeout, or it could be a GitHub bug. Please include `0000:0000:0000000` when "
            "reporting this issue."
        )
        handler._json(
            200, {"data": None, "errors": [{"message": message}]}, handler._rate_headers("graphql")
        )
        return
    null_first = handler._consume("graphql_null")
    world = handler.server.world
    data: dict[str, Any] = {}
    errors = []
    for n, (alias, quoted) in enumerate(GRAPHQL_ALIAS.findall(query)):
        login = json.loads(quoted)
        account = world.accounts.get(login.lower())
        if null_first and n == 0:
            # A server-side failure for one field: null, with an error that is no NOT_FOUND.
            data[alias] = None
            errors.append(
                {
                    "path": [alias],
                    "locations": [],
                    "message": "Something went wrong while executing your query.",
                }
            )
            continue
        if account is None or account.get("type") != "User":
            data[alias] = None
            errors.append(
                {
                    "type": "NOT_FOUND",
                    "path": [alias],
                    "locations": [],
                    "message": f"Could not resolve to a User with the login of '{login}'.",
                }
            )
            continue
        data[alias] = {
            "__typename": "User",
            "login": account["login"],
            "name": account.get("name"),
            "company": account.get("company"),
            "location": account.get("location"),
            "bio": account.get("bio") or "",
            "email": account.get("email") or "",
            "websiteUrl": (account.get("blog") or "").replace("{mirror}", handler.origin) or None,
            "twitterUsername": account.get("twitter_username"),
            "createdAt": world.ts(account.get("created_at")),
            "updatedAt": world.ts(account.get("updated_at") or account.get("created_at")),
            "url": f"https://github.com/{account['login']}",
            "databaseId": account["id"],
            "followers": {"totalCount": account.get("followers", 0)},
            "following": {"totalCount": account.get("following", 0)},
            "repositories": {"totalCount": account.get("public_repos", 0)},
            "socialAccounts": {"nodes": social_accounts(account)},
        }
    if "rateLimit" in query:
        bucket = handler.server.buckets["graphql"]
        data["rateLimit"] = {
            "cost": 1,
            "remaining": bucket.remaining,
            "resetAt": datetime.fromtimestamp(bucket.reset, UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
    payload: dict[str, Any] = {"data": data}
    if errors:
        payload["errors"] = errors
    handler._send(
        200, json.dumps(payload, ensure_ascii=False).encode(), handler._rate_headers("graphql")
    )
