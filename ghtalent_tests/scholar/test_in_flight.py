"""Several OpenAlex requests in flight give the rows of a one-by-one run: the same matches,
the same top papers, and, with a budget that runs out, the same people marked `budget`."""

import pandas as pd
import pytest

from ghtalent.github.clock import FakeClock
from ghtalent.mirror.openalex import faults_of
from ghtalent.mirror.server import MirrorServer
from ghtalent.mirror.world import load_world
from ghtalent.paths import SNAPSHOT_DIR
from ghtalent.scholar.client import OpenAlexClient
from ghtalent.scholar.collect import collect_academic


@pytest.fixture(scope="module")
def world():
    return load_world(SNAPSHOT_DIR / "world.json.gz")


@pytest.fixture(scope="module")
def people(world):
    users = [a for a in world["accounts"] if a.get("type") == "User" and a.get("name")]
    rows = [
        {
            "login": a["login"],
            "name": a["name"],
            "company_raw": a.get("company"),
            "bio": a.get("bio"),
            "blog_raw": a.get("blog"),
            "email_raw": a.get("email"),
        }
        for a in sorted(users, key=lambda a: a["login"])[:150]
    ]
    return pd.DataFrame(rows)


def run(url: str, people: pd.DataFrame, in_flight: int, **kw):
    with OpenAlexClient(
        url, clock=FakeClock(), min_interval=0, max_in_flight=in_flight, **kw
    ) as client:
        return collect_academic(client, people)


@pytest.mark.parametrize("budget", [None, 40, 7])
def test_rows_are_those_of_a_one_by_one_run(world, people, budget):
    with MirrorServer(world) as m:
        one = run(m.url + "/openalex", people, 1, max_requests=budget)
        many = run(m.url + "/openalex", people, 4, max_requests=budget)
    pd.testing.assert_frame_equal(one.rows, many.rows)
    assert one.statuses == many.statuses
    if budget is None:
        assert one.statuses.get("matched", 0) > 0 and "budget" not in one.statuses
    else:
        assert one.statuses.get("budget", 0) > 0  # the budget ran out inside the list
        assert many.requests["openalex"] <= budget


def test_an_unreachable_openalex_stops_the_stage_as_one_by_one(world, people):
    with MirrorServer(world) as m:
        faults_of(m.httpd).throttle = 0
        m.faults.server_errors = 10**6  # every answer a 500: the first person stops the stage
        many = run(m.url + "/openalex", people, 4, max_attempts=2, backoff_base=0.0)
    assert set(many.rows["status"]) == {"unavailable"}
