"""Asset checks on contributors, enriched_profiles and scores, each with a description that
shows in the Dagster UI. Thresholds live in config/checks.toml.

The assets yield these results right after their output (``check_specs`` on the asset), so
every run and every partition gets its checks, in the UI and in the demo alike.
"""

from __future__ import annotations

import dagster as dg
import pandas as pd

from ghtalent.config.checks import load_thresholds

WARN = dg.AssetCheckSeverity.WARN


def _spec(name: str, asset: str, description: str) -> dg.AssetCheckSpec:
    return dg.AssetCheckSpec(name, asset=asset, description=description)


CONTRIBUTOR_CHECKS = [
    _spec(
        "contributor_lists_read",
        "contributors",
        "Share of the keyword's repositories whose contributor list was read is at least "
        "contributors.min_list_coverage (config/checks.toml); the metadata names the others.",
    ),
]
PROFILE_CHECKS = [
    _spec(
        "profiles_found",
        "enriched_profiles",
        "Share of the keyword's human contributors and repository owners with a profile row is "
        "at least enriched_profiles.min_profile_coverage (config/checks.toml).",
    ),
]
SCORE_CHECKS = [
    _spec(
        "followers_known",
        "scores",
        "Share of scored people whose GitHub followers are known is at least "
        "scores.min_followers_known (config/checks.toml); unknown followers score 0.",
    ),
    _spec(
        "one_row_per_person",
        "scores",
        "Every login appears once in a keyword's scores, and no bot is scored.",
    ),
]
BOARD_CHECK_DESCRIPTIONS = {
    "no_bots_on_people_boards": "No login ending in [bot] on a people board.",
    "every_row_has_a_url": "Every board row that has an html_url column has a URL.",
    "scores_in_range": "Power scores lie in 0–100 plus the multi-project bonus cap; hidden-gem "
    "scores are not negative.",
    "nobody_twice_on_overall": "A person or team is on each overall board at most once "
    "(a repo or person found by two keywords counts once).",
    "no_empty_board": "The people and repository boards of every scope have rows (a WARN).",
}


def _coverage_check(name: str, wanted, have: set, threshold: float, missing_key: str):
    """A WARN check: the share of `wanted` found in `have`, and the first 50 missing."""
    wanted = set(wanted)
    missing = sorted(wanted - have)
    coverage = 1.0 if not wanted else 1 - len(missing) / len(wanted)
    return dg.AssetCheckResult(
        check_name=name,
        passed=coverage >= threshold,
        severity=WARN,
        metadata={
            "coverage": dg.MetadataValue.float(round(coverage, 4)),
            "threshold": dg.MetadataValue.float(threshold),
            missing_key: dg.MetadataValue.json(missing[:50]),
        },
    )


def contributor_checks(contributors: pd.DataFrame, repos: pd.DataFrame):
    yield _coverage_check(
        "contributor_lists_read",
        repos["full_name"].dropna(),
        set(contributors["full_name"].dropna()),
        load_thresholds().min_list_coverage,
        "repos_without_list",
    )


def profile_checks(profiles: pd.DataFrame, repos: pd.DataFrame, contributors: pd.DataFrame):
    wanted = set(contributors.loc[contributors["kind"] == "User", "login"].dropna().str.lower())
    wanted |= set(repos["owner_login"].dropna().str.lower())
    yield _coverage_check(
        "profiles_found",
        wanted,
        set(profiles["login"].dropna().str.lower()),
        load_thresholds().min_profile_coverage,
        "logins_without_profile",
    )


def score_checks(scores: pd.DataFrame):
    t = load_thresholds()
    known = 1.0 if scores.empty else float(scores["followers"].notna().mean())
    yield dg.AssetCheckResult(
        check_name="followers_known",
        passed=known >= t.min_followers_known,
        severity=WARN,
        metadata={
            "known": dg.MetadataValue.float(round(known, 4)),
            "threshold": dg.MetadataValue.float(t.min_followers_known),
        },
    )
    logins = scores["login"].dropna().str.lower()
    twice = sorted(set(logins[logins.duplicated()]))
    bots = sorted(x for x in logins if x.endswith("[bot]"))
    yield dg.AssetCheckResult(
        check_name="one_row_per_person",
        passed=not twice and not bots,
        metadata={
            "twice": dg.MetadataValue.json(twice[:20]),
            "bots": dg.MetadataValue.json(bots[:20]),
        },
    )
