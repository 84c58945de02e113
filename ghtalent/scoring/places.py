"""Where the strongest people are: companies and labs, universities, countries.

Each board counts the people of a power board's top ``top_n`` (the people board itself) by
one enriched field. Ranked by the number of those people, then by the sum of their power
scores, then by name. People whose field is unknown are not counted anywhere; the caller
notes how many there were.
"""

from __future__ import annotations

import pandas as pd

PLACE_FIELDS = {"companies": "company", "universities": "university", "countries": "country"}
PLACE_COLUMNS = [
    "rank", "n_people", "share_of_top", "power_sum", "best_rank", "top_people",
    "top_people_urls",
]  # fmt: skip
PEOPLE_SHOWN = 5


def place_columns(kind: str) -> list[str]:
    """Board columns for `kind` ("companies", "universities" or "countries")."""
    field = PLACE_FIELDS[kind]
    extra = {"companies": ["company_kind"], "countries": ["country_name"]}.get(kind, [])
    return ["rank", field, *extra, *PLACE_COLUMNS[1:]]


def places(
    people: pd.DataFrame,
    kind: str,
    top_n: int,
    company_kinds: pd.Series | None = None,
) -> tuple[pd.DataFrame, int]:
    """(board, people of the top `top_n` whose field is unknown) for one place `kind`.

    `people` is a ranked person-power table (rank, login, html_url, power_score and the
    enriched fields); `company_kinds` maps a normalized company to its kind.
    """
    field = PLACE_FIELDS[kind]
    cols = place_columns(kind)
    if people is None or people.empty or field not in people:
        return pd.DataFrame(columns=cols), 0
    top = people[people["rank"] <= top_n].sort_values("rank", kind="stable")
    value = top[field].where(top[field].map(lambda v: isinstance(v, str) and v.strip() != ""))
    known = top.assign(_place=value).dropna(subset=["_place"])
    unknown = len(top) - len(known)
    if known.empty:
        return pd.DataFrame(columns=cols), unknown
    grouped = known.groupby("_place", sort=False)
    # The best-ranked few of each place ("@login #rank"), joined as plain strings.
    shown = known[grouped.cumcount() < PEOPLE_SHOWN]
    labels = pd.Series(
        [f"@{lg} #{int(rk)}" for lg, rk in zip(shown["login"], shown["rank"], strict=True)],
        index=shown.index,
    )
    by_place = shown["_place"]
    out = pd.DataFrame(
        {
            "n_people": grouped["login"].size(),
            "power_sum": grouped["power_score"].sum(),
            "best_rank": grouped["rank"].min(),
            "top_people": labels.groupby(by_place, sort=False).agg(", ".join),
            "top_people_urls": shown["html_url"]
            .astype(str)
            .groupby(by_place, sort=False)
            .agg(" ".join),
        }
    )
    out.index.name = field
    out = out.reset_index()
    out["share_of_top"] = out["n_people"] / len(top)
    if kind == "companies":
        kinds = company_kinds if company_kinds is not None else pd.Series(dtype=object)
        out["company_kind"] = out[field].map(kinds)
    if kind == "countries":
        out["country_name"] = out[field].map(country_name)
    out = out.sort_values(
        ["n_people", "power_sum", field], ascending=[False, False, True], kind="stable"
    ).reset_index(drop=True)
    out["rank"] = range(1, len(out) + 1)
    return out[cols], unknown


def country_name(code: object) -> str | None:
    """The English short name of an ISO 3166-1 alpha-2 code ("CN" → "China"), else None."""
    import pycountry

    if not isinstance(code, str):
        return None
    country = pycountry.countries.get(alpha_2=code.upper())
    if country is None:
        return None
    return getattr(country, "common_name", None) or country.name
