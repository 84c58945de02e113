"""The contact sheet: every person (and organization) on any people board, with the public
ways to reach them and why they are on it.

Public data only: what GitHub profiles and the pages they link to show publicly (e-mail is the
profile's public e-mail). Nothing is inferred or bought.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ghtalent.boards.report.detail import PEOPLE_KINDS, person_links
from ghtalent.boards.report.pages import Pages

CONTACT_COLUMNS = [
    "login", "name", "type", "on_boards", "best_rank", "n_boards", "email", "homepage_url",
    "twitter_username", "x_url", "linkedin_url", "company", "university", "country",
    "github_url", "page",
]  # fmt: skip
PUBLIC_NOTE = (
    "Public data only: GitHub profile fields (public e-mail, blog, X handle, company, location) "
    "and the public pages they link to. Use it to contact people as they invite; do not resell."
)


def contact_sheet(
    boards: Mapping[str, pd.DataFrame], profiles: pd.DataFrame | None, pages: Pages | None = None
) -> pd.DataFrame:
    """One row per login on any people board, best-ranked first."""
    pages = pages or Pages()
    why: dict[str, list[tuple[int, str]]] = {}
    names: dict[str, str] = {}
    rows_of: dict[str, dict] = {}
    for key, df in boards.items():
        if key.rsplit("/", 1)[-1] not in PEOPLE_KINDS or df is None or df.empty:
            continue
        for row in df[["login", "rank"]].dropna().to_dict("records"):
            lower = str(row["login"]).lower()
            names.setdefault(lower, str(row["login"]))
            why.setdefault(lower, []).append((int(row["rank"]), key))
        for row in df.to_dict("records"):
            rows_of.setdefault(str(row["login"]).lower(), row)
    if profiles is not None and not profiles.empty:
        latest = profiles.sort_values("date").drop_duplicates("login", keep="last")
        # Records of the people on the boards only (a later row wins, as for everyone).
        latest = latest[latest["login"].map(lambda v: str(v).lower()).isin(set(why))]
        by_login = {str(r["login"]).lower(): r for r in latest.to_dict("records")}
    else:
        by_login = {}
    out = []
    for lower, places in why.items():
        places.sort(key=lambda p: (p[0], not p[1].startswith("overall/"), p[1]))
        profile = {**rows_of.get(lower, {}), **by_login.get(lower, {})}
        login = names[lower]
        links = dict(person_links(profile, login))
        email = links.get("e-mail")
        out.append(
            {
                "login": login,
                "name": profile.get("name"),
                "type": profile.get("type"),
                "on_boards": "; ".join(f"{k} #{r}" for r, k in places),
                "best_rank": places[0][0],
                "n_boards": len(places),
                "email": email.removeprefix("mailto:") if email else None,
                "homepage_url": links.get("homepage"),
                "twitter_username": profile.get("twitter_username"),
                "x_url": links.get("X"),
                "linkedin_url": links.get("LinkedIn"),
                "company": profile.get("company"),
                "university": profile.get("university"),
                "country": profile.get("country"),
                "github_url": links["GitHub"],
                "page": pages.person(login),
            }
        )
    frame = pd.DataFrame(out, columns=CONTACT_COLUMNS)
    frame = frame.sort_values(["best_rank", "n_boards", "login"], ascending=[True, False, True])
    return frame.reset_index(drop=True)
