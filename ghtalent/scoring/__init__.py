"""The metrics as pure functions over DataFrames (no I/O); see README.md for the rules."""

from ghtalent.scoring.authors import authorship
from ghtalent.scoring.config import ScoringConfig, ScoringConfigError, load_scoring_config
from ghtalent.scoring.credit import credit_shares
from ghtalent.scoring.cycles import group_peaks, modality_cycles
from ghtalent.scoring.daily import star_bursts
from ghtalent.scoring.gems import hidden_gems
from ghtalent.scoring.growth import growth
from ghtalent.scoring.lightning import lightning
from ghtalent.scoring.matching import assign_groups, matches_keyword, repo_matches
from ghtalent.scoring.normalize import normalize
from ghtalent.scoring.power import person_power, team_power
from ghtalent.scoring.ratios import repo_star_fork_ratio, star_fork_ratio
from ghtalent.scoring.series import snapshots_to_star_history
from ghtalent.scoring.terms import terms_by_group_period, top_terms

__all__ = [
    "ScoringConfig", "ScoringConfigError", "assign_groups", "authorship", "credit_shares",
    "group_peaks", "star_bursts",
    "growth", "hidden_gems", "lightning", "load_scoring_config", "matches_keyword",
    "modality_cycles", "normalize", "person_power", "repo_matches", "repo_star_fork_ratio",
    "snapshots_to_star_history", "star_fork_ratio", "team_power", "terms_by_group_period",
    "top_terms",
]  # fmt: skip
