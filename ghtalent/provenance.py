"""Where a run's data came from, said plainly in every export (report, workbook, CSV README).

The bundled snapshot is a synthetic world: its people, organizations and numbers are invented,
though names may resemble real ones. Every export of a mirror run says so; a live run's say
which API they came from.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ghtalent.settings import Settings, load_settings

SYNTHETIC_LABEL = "SYNTHETIC DATA"
X_UNKNOWN_NOTE = (
    "X follower counts are unknown (not zero): no X_BEARER_TOKEN is set, so the X API v2 user "
    "lookup was not asked; hidden-gem ratios use GitHub followers alone. Set X_BEARER_TOKEN "
    "(or GHTALENT_SOCIAL_URL for a profile-page source) to fill them."
)
README_NAME = "README.txt"


def source_note(settings: Settings | None = None) -> str:
    """One sentence naming the source (and, for the mirror, that the data is invented)."""
    settings = settings or load_settings()
    if settings.synthetic:
        return (
            f"{SYNTHETIC_LABEL}: the bundled synthetic world served by the local mirror "
            f"({settings.resolved_api_url()}). People, organizations, repositories and numbers "
            "are invented by a seeded generator (names may resemble real ones); homepage links "
            "marked synthetic-mirror: are pages of that world, not real sites."
        )
    return f"Source: GitHub at {settings.resolved_api_url()} (source `{settings.source_slug()}`)."


def x_followers_note(settings: Settings | None = None) -> str | None:
    """Why X follower counts are missing from a run, when they are for want of a token."""
    settings = settings or load_settings()
    if settings.synthetic or settings.x_token or settings.social_url_template:
        return None
    return X_UNKNOWN_NOTE


def write_readme(out_dir: Path, date: str, settings: Settings | None = None) -> Path:
    """`README.txt` beside the CSVs: what they are and where the data came from."""
    settings = settings or load_settings()
    path = Path(out_dir) / README_NAME
    tmp = path.with_name(f".{README_NAME}.tmp")
    tmp.write_text(
        f"ghtalent boards of {date}\n\n{source_note(settings)}\n\n"
        "One CSV per board (scope__board.csv); boards.xlsx holds them all, report.html is the "
        "readable report. Unknown values are empty, never zero.\n",
        encoding="utf-8",
    )
    tmp.replace(path)
    return path


def clean_stale_exports(out_dir: Path) -> list[Path]:
    """Remove what a killed export of this date left beside `out_dir` (`.<date>.tmp-*`).
    Exports of one date never run at once (the boards asset holds the warehouse pool), so any
    such folder found before an export starts belongs to a run that died."""
    out_dir = Path(out_dir)
    if not out_dir.parent.is_dir():
        return []
    stale = sorted(out_dir.parent.glob(f".{out_dir.name}.tmp-*"))
    for folder in stale:
        shutil.rmtree(folder, ignore_errors=True)
    return stale
