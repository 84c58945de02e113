"""The Definitions that workspace.yaml loads."""

from __future__ import annotations

import dagster as dg

from ghtalent.defs.academic_assets import academic_profiles
from ghtalent.defs.board_assets import boards, scores
from ghtalent.defs.contracts import with_column_schemas
from ghtalent.defs.github_assets import contributors, keyword_repos, star_history
from ghtalent.defs.jobs import JOBS
from ghtalent.defs.people_assets import enriched_profiles
from ghtalent.defs.resources import github_from_env, warehouse
from ghtalent.defs.schedules import SCHEDULES
from ghtalent.defs.sensors import SENSORS

ASSETS = with_column_schemas(
    [
        keyword_repos,
        contributors,
        star_history,
        enriched_profiles,
        academic_profiles,
        scores,
        boards,
    ]
)

defs = dg.Definitions(
    assets=ASSETS,
    jobs=JOBS,
    schedules=SCHEDULES,
    sensors=SENSORS,
    resources={"github": github_from_env(), "io_manager": warehouse()},
)
