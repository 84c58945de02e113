"""Matching accuracy on the bundled world against its own truth, over the local mirror: the
people a run looks up (the board candidates), through the run's enrichment and OpenAlex stage."""

import pytest

from ghtalent.mirror.openalex import academia_of
from ghtalent.mirror.server import MirrorServer
from ghtalent.mirror.world import load_world
from ghtalent.paths import SNAPSHOT_DIR
from ghtalent.scholar.accuracy import board_candidates, measure
from ghtalent.scholar.client import OpenAlexClient


@pytest.fixture(scope="module")
def measured():
    world = load_world(SNAPSHOT_DIR / "world.json.gz")
    with MirrorServer(world) as m, OpenAlexClient(m.url + "/openalex", min_interval=0) as c:
        result = measure(world, c, m.url, board_candidates(world))
    print("\n" + result.line())
    return world, result


def test_precision_and_recall_on_the_demo_world(measured):
    _, result = measured
    assert result.with_papers >= 50  # enough people with papers for the figures to mean something
    assert result.precision >= 0.95, result.line()
    assert result.recall >= 0.7, result.line()


def test_namesakes_are_never_matched_without_corroboration(measured):
    world, result = measured
    acad = academia_of(world)
    rows = result.rows.set_index("login")
    assert result.namesake_matches == 0
    # people with no papers whose name OpenAlex holds for someone else: none is matched
    trapped = [login for login in acad.namesakes if login not in acad.truth and login in rows.index]
    assert len(trapped) >= 20
    assert not (rows.loc[trapped, "status"] == "matched").any()
    # and every match says what besides the name supports it
    matched = result.rows[result.rows["status"] == "matched"]
    supported = ("institution", "profile linked", "ORCID", "OpenAlex profile")
    assert matched["match_reason"].map(lambda r: any(s in r for s in supported)).all()
