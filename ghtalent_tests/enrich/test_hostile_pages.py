"""One hostile page never stops a partition: it is skipped, named, and the rest is read."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from ghtalent.enrich.scrape import PageStore, scrape_people
from ghtalent.web.fetch import FetchSettings, PoliteFetcher

NESTED = ("<html><body>" + "<div>" * 1000 + "deep" + "</div>" * 1000 + "</body></html>").encode()
FINE = b"<html><head><title>Bo</title></head><body><p>PhD student at MIT</p></body></html>"


@pytest.fixture
def site():
    class Pages(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            body = {"/nested/": NESTED, "/fine/": FINE}.get(self.path)
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    ).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def scrape(site, tmp_path):
    people = [
        {"login": "deep", "blog": f"{site}/nested/", "twitter_username": None},
        {"login": "bo", "blog": f"{site}/fine/", "twitter_username": None},
    ]
    settings = FetchSettings(per_host_interval=0.0, allow_hosts=(site.split("//")[1],))
    now = datetime(2026, 11, 25, tzinfo=UTC)
    with PageStore(tmp_path / "pages.sqlite") as store, PoliteFetcher(settings) as fetcher:
        facts, scraped = scrape_people(fetcher, people, store, None, now=now)
        again = store.get_facts(["deep"], now, 7)
    return facts, scraped, again


def test_a_page_of_1000_nested_tags_is_read(site, tmp_path):
    facts, scraped, _ = scrape(site, tmp_path)
    assert scraped == 2 and facts["deep"].status == "ok" and facts["bo"].status == "ok"


def test_a_page_the_extractor_cannot_read_is_skipped_with_its_login_and_url(
    site, tmp_path, monkeypatch
):
    from ghtalent.enrich import scrape as scrape_module

    real = scrape_module.extract_homepage

    def breaks_on_the_nested_page(html, url, *args, **kwargs):
        if url.endswith("/nested/"):
            raise RecursionError("maximum recursion depth exceeded")
        return real(html, url, *args, **kwargs)

    monkeypatch.setattr(scrape_module, "extract_homepage", breaks_on_the_nested_page)
    facts, scraped, again = scrape(site, tmp_path)
    assert scraped == 2
    assert facts["deep"].status == "extract_error"
    assert facts["deep"].error == f"RecursionError reading {site}/nested/"
    assert facts["bo"].status == "ok"
    assert again["deep"].status == "extract_error"  # stored: a rerun does not trip on it again
