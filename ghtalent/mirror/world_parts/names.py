"""Names: display names in the many forms people write them (native script, romanized, with
an emoji, blank), the login candidates they suggest, and unique logins."""

from __future__ import annotations

import re

from ghtalent.mirror.world_parts.base import ascii_fold, weighted_pair
from ghtalent.mirror.world_parts.draft import Draft


def clean_login(raw: str) -> str:
    """`raw` as a valid GitHub login: ASCII letters, digits and single inner dashes, <= 39."""
    s = re.sub(r"[^A-Za-z0-9-]+", "", ascii_fold(raw).replace(" ", "-").replace("_", "-"))
    s = re.sub(r"-{2,}", "-", s).strip("-")
    return s[:39].strip("-")


def unique_login(d: Draft, candidates: list[str]) -> str:
    """The first candidate still free (case-insensitively), else the first with a number."""
    for c in candidates:
        c = clean_login(c)
        if c and c.lower() not in d.logins:
            d.logins.add(c.lower())
            return c
    base = clean_login(candidates[0]) or "user"
    for _ in range(1000):
        c = f"{base[:33]}{d.rng.randrange(10, 99999)}"
        if c.lower() not in d.logins:
            d.logins.add(c.lower())
            return c
    raise RuntimeError(f"could not find a free login near {base!r}")


def person_name(d: Draft, region: str) -> tuple[str | None, list[str], str]:
    """(display name or None, login candidates, romanized 'First Last')."""
    rng, N = d.rng, d.pools["names"]
    words = N["handle_words"]
    handle = rng.choice(words) + rng.choice(words) + rng.choice(["", "", str(rng.randrange(100))])
    if region in ("china", "korea", "japan"):
        fam, giv = rng.choice(N[region]["family"]), rng.choice(N[region]["given"])
        hn = fam[0] + giv[0]
        rf, rg = fam[1], giv[1]
        roman = f"{rg} {rf}"
        variants = [
            (hn, 22),
            (f"{rg} {rf}", 30),
            (f"{hn} ({rg} {rf})", 8),
            (f"{rf} {rg}", 10),
            (f"{rf}{rg}".lower(), 5),
            (None, 15),
            (f"{rg} {rf} {hn}", 4),
            (f"{rg} {rf} {rng.choice(N['emoji'])}", 3),
        ]
        yy = rng.randrange(88, 106) % 100
        cands = [
            rng.choice(
                [
                    f"{rf}{rg}",
                    f"{rg}{rf}",
                    f"{rg[0]}{rf}",
                    f"{rf}-{rg}",
                    f"{rg}-{rf}",
                    f"{rf}{rg}{yy:02d}",
                    f"{rf}{rg[0]}",
                    handle,
                ]
            ),
            f"{rf}{rg}",
            f"{rg}{rf}{rng.randrange(10, 999)}",
        ]
    elif region == "other":
        full = rng.choice(N["other"]["full"])
        # Cyrillic names fold to nothing in ASCII: fall back to a handle-style login.
        parts = ascii_fold(full).split() or [handle]
        roman = " ".join(parts)
        variants = [
            (full, 65),
            (None, 20),
            (ascii_fold(full).lower(), 5),
            (f"{full} {rng.choice(N['emoji'])}", 3),
        ]
        cands = [
            rng.choice(["".join(parts), "-".join(parts), parts[0] + parts[-1][0], handle]),
            "".join(parts) + str(rng.randrange(10, 999)),
        ]
    else:
        pool = N[region]
        first, last = rng.choice(pool["first"]), rng.choice(pool["last"])
        roman = f"{ascii_fold(first)} {ascii_fold(last)}"
        variants = [
            (f"{first} {last}", 62),
            (first, 7),
            (f"{first} {last} {rng.choice(N['emoji'])}", 4),
            (None, 15),
            (f"{first} {last}".lower(), 3),
            (f"{first[0]}. {last}", 4),
        ]
        fa, la = ascii_fold(first), ascii_fold(last).replace("'", "").replace(" ", "")
        cands = [
            rng.choice(
                [
                    f"{fa}{la}",
                    f"{fa[0]}{la}".lower(),
                    f"{fa}-{la}",
                    f"{la}{rng.randrange(1, 99)}",
                    f"{fa}{la}".lower(),
                    handle,
                    handle,
                ]
            ),
            f"{fa}{la}{rng.randrange(10, 999)}",
        ]
    display = weighted_pair(rng, variants)
    return display, cands, roman


def assign_logins(d: Draft) -> None:
    """Give every user a unique login from their candidates (after the organizations took theirs)."""
    for p in d.persons:
        if p["kind"] == "User":
            p["login"] = unique_login(d, p.pop("cands"))
