"""A linked ORCID decides before any name search, over the mirror's OpenAlex: the person is
found even with a name OpenAlex spells otherwise and namesakes around."""

import pandas as pd

from ghtalent.mirror.openalex import academia_of
from ghtalent.mirror.server import MirrorServer
from ghtalent.scholar.client import OpenAlexClient
from ghtalent.scholar.collect import collect_academic
from ghtalent.scholar.links import scholarly_ids
from ghtalent_tests.worlds import world_of

ORCID = "0000-0002-1825-0097"


def person(login, name, **extra):
    return {"login": login, "id": hash(login) % 10**6, "type": "User", "name": name,
            "company": None, "blog": "", "location": None, "email": None, "bio": None,
            "twitter_username": None, "followers": 5, "following": 0, "public_repos": 1,
            "created_at": "2019-01-01T00:00:00Z", **extra}  # fmt: skip


def test_orcid_on_the_profile_matches_in_one_batched_request():
    accounts = [
        person("wz-orcid", "张伟", blog=f"https://orcid.org/{ORCID}"),
        *[person(f"wz{i}", "Wei Zhang") for i in range(6)],  # namesakes among developers
    ]
    world = world_of(accounts, [], ["LLM"])
    acad = academia_of(world)
    assert acad.truth["wz-orcid"] == acad.by_orcid[ORCID]
    people = pd.DataFrame(
        [{"login": a["login"], "name": a["name"], "blog_raw": a["blog"] or None} for a in accounts]
    )
    with MirrorServer(world) as m, OpenAlexClient(m.url + "/openalex", min_interval=0) as c:
        result = collect_academic(c, people)
    rows = result.rows.set_index("login")
    assert rows.loc["wz-orcid", "status"] == "matched"
    assert rows.loc["wz-orcid", "author_id"] == acad.truth["wz-orcid"]
    assert "ORCID linked" in rows.loc["wz-orcid", "match_reason"]
    assert rows.loc["wz-orcid", "h_index"] is not None and rows.loc["wz-orcid", "top_work_url"]
    # the other Wei Zhangs state nothing that corroborates a paper record
    assert not (rows.drop(index="wz-orcid")["status"] == "matched").any()


def test_scholarly_ids_are_read_from_links_and_text():
    found = scholarly_ids(
        [
            "https://orcid.org/0000-0001-6187-661X",
            '<a href="https://scholar.google.com/citations?hl=en&amp;user=AbCdEf123456">',
            "https://www.semanticscholar.org/author/Jane-Doe/1741101",
            "https://dblp.org/pid/12/3456.html",
            "https://openalex.org/A5023888391",
        ]
    )
    assert found == {
        "orcid": "0000-0001-6187-661X",
        "scholar": "AbCdEf123456",
        "semantic_scholar": "1741101",
        "dblp": "12/3456",
        "openalex": "A5023888391",
    }


def test_unreachable_openalex_stops_the_stage_once_and_loses_nothing():
    import socket

    from ghtalent.github.clock import FakeClock

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed once the block ends: connections are refused
    people = pd.DataFrame([{"login": f"p{i}", "name": f"Ana Lima{i} Souza"} for i in range(30)])
    client = OpenAlexClient(f"http://127.0.0.1:{port}/openalex", clock=FakeClock(), min_interval=0)
    with client:
        result = collect_academic(client, people)
    assert len(result.rows) == 30 and set(result.rows["status"]) == {"unavailable"}
    assert client.counter.as_dict()["retries"] <= client.max_attempts  # one person's retries


def test_openalex_goes_where_github_goes_unless_told():
    from ghtalent.scholar.config import openalex_url

    assert (
        openalex_url("mirror", "http://127.0.0.1:8777", False, {})
        == "http://127.0.0.1:8777/openalex"
    )
    assert openalex_url("live", None, False, {}) == "https://api.openalex.org"
    # live GitHub at a configured base URL (a mirror elsewhere): never the public API by surprise
    assert (
        openalex_url("live", "http://127.0.0.1:9000", True, {}) == "http://127.0.0.1:9000/openalex"
    )
    env = {"GHTALENT_OPENALEX_URL": "http://oa.local/"}
    assert openalex_url("live", None, False, env) == "http://oa.local"
