"""What every export says about its source, and what a killed export leaves behind."""

from __future__ import annotations

from ghtalent.provenance import (
    SYNTHETIC_LABEL,
    clean_stale_exports,
    source_note,
    write_readme,
    x_followers_note,
)
from ghtalent.settings import load_settings

MIRROR = load_settings({})
LIVE = load_settings({"GHTALENT_SOURCE": "live", "GITHUB_TOKEN": "t"})


def test_the_synthetic_label_is_on_mirror_notes_only(tmp_path):
    assert SYNTHETIC_LABEL in source_note(MIRROR)
    assert SYNTHETIC_LABEL not in source_note(LIVE) and "api.github.com" in source_note(LIVE)
    assert SYNTHETIC_LABEL in write_readme(tmp_path, "2026-11-25", MIRROR).read_text()


def test_live_without_an_x_token_says_why_counts_are_unknown():
    assert "X_BEARER_TOKEN" in x_followers_note(LIVE)
    with_token = load_settings(
        {"GHTALENT_SOURCE": "live", "GITHUB_TOKEN": "t", "X_BEARER_TOKEN": "x"}
    )
    assert x_followers_note(with_token) is None and x_followers_note(MIRROR) is None


def test_a_killed_exports_temporary_folders_are_removed(tmp_path):
    out = tmp_path / "exports" / "2026-11-25"
    out.mkdir(parents=True)
    for name in (".2026-11-25.tmp-abc", ".2026-11-25.tmp-def", ".2026-11-24.tmp-zzz"):
        (tmp_path / "exports" / name).mkdir()
        (tmp_path / "exports" / name / "report.html").write_text("half")
    removed = clean_stale_exports(out)
    assert len(removed) == 2
    left = sorted(p.name for p in (tmp_path / "exports").iterdir())
    assert left == [".2026-11-24.tmp-zzz", "2026-11-25"]
