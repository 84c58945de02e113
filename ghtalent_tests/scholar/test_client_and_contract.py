"""The OpenAlex client over the local mirror, and the mirror's answers held to OpenAlex's
documented shapes (docs.openalex.org: the Author and Work objects, list `meta`, paging)."""

import pytest

from ghtalent.github.clock import FakeClock
from ghtalent.mirror.openalex import academic_truth, faults_of
from ghtalent.mirror.server import MirrorServer
from ghtalent.mirror.world import load_world
from ghtalent.paths import SNAPSHOT_DIR
from ghtalent.scholar.client import BudgetExhausted, OpenAlexClient, OpenAlexError
from ghtalent.scholar.collect import collect_academic, last_publication_year

# Documented example (docs.openalex.org "Author object"; the same record in client libraries).
DOC_AUTHOR = {
    "id": "https://openalex.org/A5023888391",
    "orcid": "https://orcid.org/0000-0001-6187-6610",
    "display_name": "Jason Priem",
    "display_name_alternatives": ["Jason R Priem"],
    "works_count": 49,
    "cited_by_count": 4215,
    "summary_stats": {"2yr_mean_citedness": 4.065, "h_index": 20, "i10_index": 30},
    "ids": {"openalex": "https://openalex.org/A5023888391", "orcid": "https://orcid.org/0000-0001-6187-6610"},
    "affiliations": [
        {"institution": {"id": "https://openalex.org/I4200000001", "ror": "https://ror.org/02nr0ka47",
                         "display_name": "OurResearch", "country_code": "CA", "type": "nonprofit",
                         "lineage": ["https://openalex.org/I4200000001"]}, "years": [2022, 2021, 2020]},
    ],
    "last_known_institutions": [
        {"id": "https://openalex.org/I4200000001", "ror": "https://ror.org/02nr0ka47",
         "display_name": "OurResearch", "country_code": "CA", "type": "nonprofit",
         "lineage": ["https://openalex.org/I4200000001"]}
    ],
    "topics": [],
    "counts_by_year": [{"year": 2023, "works_count": 1, "cited_by_count": 300},
                       {"year": 2021, "works_count": 4, "cited_by_count": 512}],
    "works_api_url": "https://api.openalex.org/works?filter=author.id:A5023888391",
    "updated_date": "2024-01-01T00:00:00.000000",
    "created_date": "2023-07-21",
}  # fmt: skip
DOC_META_KEYS = {"count", "db_response_time_ms", "page", "per_page"}
DOC_WORK_KEYS = {"id", "doi", "title", "display_name", "publication_year", "publication_date",
                 "ids", "primary_location", "type", "cited_by_count", "authorships"}  # fmt: skip


@pytest.fixture(scope="module")
def world():
    return load_world(SNAPSHOT_DIR / "world.json.gz")


@pytest.fixture(scope="module")
def mirror(world):
    with MirrorServer(world) as m:
        yield m


def client_for(mirror, **kw):
    kw.setdefault("min_interval", 0)
    return OpenAlexClient(
        mirror.url + "/openalex", mailto="team@example.org", clock=FakeClock(), **kw
    )


def a_matched_login(world):
    truth = academic_truth(world)
    return next(iter(sorted(truth))), truth


def test_mirror_author_has_every_documented_field(mirror, world):
    login, truth = a_matched_login(world)
    with client_for(mirror) as c:
        author = c.entity("authors", truth[login])
    assert set(DOC_AUTHOR) <= set(author)
    assert set(DOC_AUTHOR["summary_stats"]) <= set(author["summary_stats"])
    assert all({"institution", "years"} <= set(a) for a in author["affiliations"])
    assert author["id"].startswith("https://openalex.org/A")
    if author["orcid"]:
        assert (
            author["orcid"].startswith("https://orcid.org/")
            and author["ids"]["orcid"] == author["orcid"]
        )


def test_documented_author_reads_into_a_row():
    assert last_publication_year(DOC_AUTHOR) == 2023


def test_works_list_meta_sort_and_shape(mirror, world):
    login, truth = a_matched_login(world)
    with client_for(mirror) as c:
        page = c.list(
            "works",
            filter=f"author.id:{truth[login]}",
            sort="cited_by_count:desc",
            **{"per-page": 5},
        )
        top = c.top_work(truth[login])
    assert set(page["meta"]) >= DOC_META_KEYS and page["results"]
    cites = [w["cited_by_count"] for w in page["results"]]
    assert cites == sorted(cites, reverse=True) and top["cited_by_count"] == cites[0]
    assert set(top) >= DOC_WORK_KEYS
    assert truth[login] in {a["author"]["id"].rsplit("/", 1)[-1] for a in top["authorships"]}


def test_cursor_paging_walks_every_result_once(mirror):
    with client_for(mirror) as c:
        first = c.list("authors", **{"per-page": 200})
        pages = list(c.pages("authors", {"per-page": 200}))
    ids = [a["id"] for p in pages for a in p["results"]]
    assert len(ids) == len(set(ids)) == first["meta"]["count"] > 200
    assert pages[-1]["meta"]["next_cursor"] is None and pages[0]["meta"]["next_cursor"]


def test_per_page_over_200_is_refused_with_openalexs_message(mirror):
    with client_for(mirror) as c, pytest.raises(OpenAlexError) as err:
        c.list("authors", **{"per-page": 201})
    assert err.value.status == 400 and "per-page" in err.value.message


def test_429_waits_retry_after_then_succeeds(mirror):
    faults = faults_of(mirror.httpd)
    faults.throttle, faults.retry_after = 2, 3
    with client_for(mirror) as c:
        found = c.search_authors("Zhiqiang Wang")
        waits = c.counter.as_dict()["rate_limit_waits"]
    assert isinstance(found, list) and waits == 2 and c.clock.sleeps.count(3.0) == 2


def test_todays_cache_answers_a_repeat_for_free(mirror, tmp_path):
    with client_for(mirror, cache_path=tmp_path / "openalex.sqlite") as c:
        c.search_authors("Aidan Taylor")
        c.search_authors("Aidan Taylor")
        assert c.request_summary()["openalex"] == 1 and c.request_summary()["cache"] == 1


def test_budget_stops_lookups_and_says_so(mirror, world):
    import pandas as pd

    people = pd.DataFrame(
        [{"login": a["login"], "name": a["name"]} for a in world["accounts"] if a.get("name")][:10]
    )
    with client_for(mirror, max_requests=3) as c:
        result = collect_academic(c, people)
        with pytest.raises(BudgetExhausted):
            c.search_authors("Someone Else")
    assert result.statuses.get("budget", 0) >= 6 and result.requests["openalex"] <= 3
    assert (
        "max_requests" in result.rows.loc[result.rows["status"] == "budget", "match_reason"].iloc[0]
    )


def test_mailto_joins_every_request():
    c = OpenAlexClient("http://127.0.0.1:9/openalex", mailto="team@example.org")
    assert c._params({"search": "x"}) == {"search": "x", "mailto": "team@example.org"}
