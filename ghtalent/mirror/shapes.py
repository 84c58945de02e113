"""GitHub's JSON shapes of repositories and accounts, built from the world's records."""

from __future__ import annotations

from ghtalent.mirror.served import World


def owner_json(account: dict | None, login: str, api: str) -> dict:
    """The short account object GitHub nests as `owner`, `author` or a contributor."""
    account = account or {"login": login, "id": 0, "type": "User"}
    return {
        "login": account["login"],
        "id": account["id"],
        "node_id": account.get("node_id") or "",
        "avatar_url": f"https://avatars.githubusercontent.com/u/{account['id']}?v=4",
        "gravatar_id": "",
        "url": f"{api}/users/{account['login']}",
        "html_url": f"https://github.com/{account['login']}",
        "followers_url": f"{api}/users/{account['login']}/followers",
        "following_url": f"{api}/users/{account['login']}/following{{/other_user}}",
        "gists_url": f"{api}/users/{account['login']}/gists{{/gist_id}}",
        "starred_url": f"{api}/users/{account['login']}/starred{{/owner}}{{/repo}}",
        "subscriptions_url": f"{api}/users/{account['login']}/subscriptions",
        "organizations_url": f"{api}/users/{account['login']}/orgs",
        "repos_url": f"{api}/users/{account['login']}/repos",
        "events_url": f"{api}/users/{account['login']}/events{{/privacy}}",
        "received_events_url": f"{api}/users/{account['login']}/received_events",
        "type": account.get("type", "User"),
        "user_view_type": "public",
        "site_admin": False,
    }


def account_json(world: World, account: dict, api: str) -> dict:
    """A user or organization as `GET /users/{login}` answers it."""
    data = owner_json(account, account["login"], api)
    blog = account.get("blog") or ""
    data.update(
        {
            "name": account.get("name"),
            "company": account.get("company"),
            "blog": blog.replace("{mirror}", api),
            "location": account.get("location"),
            "email": account.get("email"),
            "hireable": account.get("hireable"),
            "bio": account.get("bio"),
            "twitter_username": account.get("twitter_username"),
            "public_repos": account.get("public_repos", 0),
            "public_gists": 0,
            "followers": account.get("followers", 0),
            "following": account.get("following", 0),
            "created_at": world.ts(account.get("created_at")),
            "updated_at": world.ts(account.get("updated_at") or account.get("created_at")),
        }
    )
    if account.get("type") == "Organization":
        data["description"] = data.pop("bio")
        data["is_verified"] = False
        data["has_organization_projects"] = True
        data["has_repository_projects"] = True
    return data


def repo_json(world: World, repo: dict, api: str, search: bool = False) -> dict:
    """A repository as `GET /repos/{o}/{r}` answers it (`search=True`: as a search item)."""
    full = f"{repo['owner']}/{repo['name']}"
    owner = owner_json(world.accounts.get(repo["owner"].lower()), repo["owner"], api)
    base = f"{api}/repos/{full}"
    lic = repo.get("license")
    data = {
        "id": repo["id"],
        "node_id": f"R_{repo['id']}",
        "name": repo["name"],
        "full_name": full,
        "private": False,
        "owner": owner,
        "html_url": f"https://github.com/{full}",
        "description": repo.get("description"),
        "fork": repo.get("fork", False),
        "url": base,
        **{
            f"{k}_url": f"{base}/{k}"
            for k in (
                "forks",
                "teams",
                "hooks",
                "events",
                "tags",
                "languages",
                "stargazers",
                "contributors",
                "subscribers",
                "subscription",
                "merges",
                "downloads",
                "deployments",
            )
        },
        **{
            f"{k}_url": f"{base}/{k}{{/{v}}}"
            for k, v in (
                ("keys", "key_id"),
                ("collaborators", "collaborator"),
                ("issue_events", "number"),
                ("assignees", "user"),
                ("branches", "branch"),
                ("blobs", "sha"),
                ("git_tags", "sha"),
                ("git_refs", "sha"),
                ("trees", "sha"),
                ("statuses", "sha"),
                ("commits", "sha"),
                ("git_commits", "sha"),
                ("comments", "number"),
                ("issue_comment", "number"),
                ("contents", "+path"),
                ("issues", "number"),
                ("pulls", "number"),
                ("milestones", "number"),
                ("notifications", "?since,all,participating"),
                ("labels", "name"),
                ("releases", "id"),
            )
        },
        "archive_url": f"{base}/{{archive_format}}{{/ref}}",
        "compare_url": f"{base}/compare/{{base}}...{{head}}",
        "created_at": world.ts(repo["created_at"]),
        "updated_at": world.ts(repo.get("updated_at")),
        "pushed_at": world.ts(repo.get("pushed_at")),
        "git_url": f"git://github.com/{full}.git",
        "ssh_url": f"git@github.com:{full}.git",
        "clone_url": f"https://github.com/{full}.git",
        "svn_url": f"https://github.com/{full}",
        "homepage": repo.get("homepage"),
        "size": repo.get("size", 0),
        "stargazers_count": repo["stargazers_count"],
        "watchers_count": repo["stargazers_count"],
        "language": repo.get("language"),
        "has_issues": True,
        "has_projects": True,
        "has_downloads": True,
        "has_wiki": True,
        "has_pages": False,
        "has_discussions": False,
        "forks_count": repo["forks_count"],
        "mirror_url": None,
        "archived": repo.get("archived", False),
        "disabled": False,
        "open_issues_count": repo.get("open_issues_count", 0),
        "license": {
            "key": lic.lower(),
            "name": lic,
            "spdx_id": lic,
            "url": f"{api}/licenses/{lic.lower()}",
            "node_id": f"L_{lic}",
        }
        if lic
        else None,
        "allow_forking": True,
        "is_template": False,
        "web_commit_signoff_required": False,
        "topics": repo.get("topics", []),
        "visibility": "public",
        "forks": repo["forks_count"],
        "open_issues": repo.get("open_issues_count", 0),
        "watchers": repo["stargazers_count"],
        "default_branch": repo.get("default_branch", "main"),
    }
    if search:
        data["score"] = 1.0
    else:
        data["network_count"] = repo["forks_count"]
        data["subscribers_count"] = max(1, repo["stargazers_count"] // 30)
        data["temp_clone_token"] = None
        if owner["type"] == "Organization":
            data["organization"] = owner
    return data


def social_accounts(account: dict) -> list[dict]:
    """GraphQL socialAccounts nodes: the account's listed ones, plus its X handle as GitHub
    lists it (provider TWITTER)."""
    nodes = [dict(n) for n in account.get("social_accounts") or []]
    handle = account.get("twitter_username")
    if handle and not any(n.get("provider") == "TWITTER" for n in nodes):
        nodes.append({"provider": "TWITTER", "url": f"https://twitter.com/{handle}"})
    return nodes
