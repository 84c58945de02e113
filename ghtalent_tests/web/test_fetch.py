"""PoliteFetcher against a real local HTTP server: every guard, with bounded timeouts."""

from __future__ import annotations

import time

import pytest

from ghtalent.web.fetch import FetchSettings, PoliteFetcher, decode_body, is_public_address

from .conftest import PAGE, Reply


def make_fetcher(server, **overrides) -> PoliteFetcher:
    settings = dict(
        connect_timeout=1.0,
        read_timeout=1.0,
        total_timeout=3.0,
        max_bytes=200_000,
        max_redirects=3,
        per_host_interval=0.0,
        allow_hosts=(server.host_port,),
    )
    settings.update(overrides)
    return PoliteFetcher(FetchSettings(**settings))


def stream(total: int, chunk: bytes):
    def write(handler) -> None:
        sent = 0
        while sent < total:
            handler.wfile.write(chunk)
            sent += len(chunk)

    return write


def dribble(pause: float, count: int):
    def write(handler) -> None:
        handler.wfile.write(b"<html><body>")
        for _ in range(count):
            handler.wfile.write(b"x")
            handler.wfile.flush()
            time.sleep(pause)

    return write


def test_plain_page_is_fetched_with_identifying_user_agent(local_server):
    seen = {}

    def page(server):
        return Reply(body=PAGE)

    local_server.route("/page", page)
    with make_fetcher(local_server) as fetcher:
        result = fetcher.fetch(local_server.url("/page"))
        seen["ua"] = fetcher.session.headers["User-Agent"]
    assert result.ok, result
    assert result.status == 200
    assert "Hello" in result.text
    assert result.final_url == local_server.url("/page")
    assert result.elapsed >= 0
    assert "ghtalent" in seen["ua"]


def test_http_error_status_is_reported(local_server):
    result = make_fetcher(local_server).fetch(local_server.url("/missing"))
    assert (result.error, result.status, result.text) == ("http_404", 404, None)


def test_huge_streamed_body_stops_at_cap(local_server):
    local_server.route("/huge", Reply(writer=stream(5_000_000, b"<p>" + b"a" * 65_533)))
    started = time.monotonic()
    result = make_fetcher(local_server, max_bytes=100_000).fetch(local_server.url("/huge"))
    assert result.error == "too_large"
    assert time.monotonic() - started < 2


def test_declared_huge_body_is_refused_before_reading(local_server):
    local_server.route("/declared", Reply(body=b"<p>" + b"a" * 300_000))
    result = make_fetcher(local_server, max_bytes=100_000).fetch(local_server.url("/declared"))
    assert result.error == "too_large"


def test_binary_body_served_as_html_is_refused(local_server):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    local_server.route("/binary", Reply(body=png))
    result = make_fetcher(local_server).fetch(local_server.url("/binary"))
    assert result.error == "binary"
    assert result.text is None


@pytest.mark.parametrize("content_type", ["application/pdf", "image/png", "application/json"])
def test_wrong_content_type_is_not_html(local_server, content_type):
    local_server.route("/doc", Reply(headers={"Content-Type": content_type}, body=b"%PDF-1.4"))
    result = make_fetcher(local_server).fetch(local_server.url("/doc"))
    assert result.error == "not_html"


def test_xhtml_content_type_is_accepted(local_server):
    local_server.route("/x", Reply(headers={"Content-Type": "application/xhtml+xml"}))
    assert make_fetcher(local_server).fetch(local_server.url("/x")).ok


@pytest.mark.parametrize(
    ("content_type", "body", "expected"),
    [
        # invalid UTF-8 bytes under a UTF-8 declaration: replaced, not a crash
        ("text/html; charset=utf-8", b"<p>caf\xe9 \xff\xfe ok</p>", "caf\ufffd"),
        # declared Latin-1 (read as Windows-1252, as browsers do)
        ("text/html; charset=ISO-8859-1", b"<p>caf\xe9 \x93q\x94</p>", "caf\u00e9 \u201cq\u201d"),
        # unknown charset name: UTF-8 fallback
        ("text/html; charset=x-no-such-codec", "<p>清华大学</p>".encode(), "清华大学"),
        # no header charset: <meta charset> decides
        ("text/html", b'<meta charset="gbk"><p>' + "清华大学".encode("gbk") + b"</p>", "清华大学"),
        # nothing declared: UTF-8
        ("text/html", "<p>就读于北京大学</p>".encode(), "就读于北京大学"),
    ],
)
def test_encodings(local_server, content_type, body, expected):
    local_server.route("/enc", Reply(headers={"Content-Type": content_type}, body=body))
    result = make_fetcher(local_server).fetch(local_server.url("/enc"))
    assert result.ok, result
    assert expected in result.text


def test_decode_body_survives_garbage():
    assert decode_body(b"\xc3\x28\xfd<p>x</p>", "text/html; charset=utf-8").endswith("<p>x</p>")
    assert decode_body(codecs_bom_utf8() + b"<p>ok</p>", None) == "<p>ok</p>"


def codecs_bom_utf8() -> bytes:
    import codecs

    return codecs.BOM_UTF8


def test_script_only_page_is_returned_as_text(local_server):
    local_server.route("/script", Reply(body=b"<html><script>alert(1)</script></html>"))
    result = make_fetcher(local_server).fetch(local_server.url("/script"))
    assert result.ok
    assert "<script>" in result.text  # the fetcher hands back data; extractors never run it


def test_endless_redirect_loop_stops(local_server):
    loop = Reply(status=302, headers={"Location": "/loop"}, body=b"")
    local_server.route("/loop", loop)
    result = make_fetcher(local_server, max_redirects=4).fetch(local_server.url("/loop"))
    assert result.error == "too_many_redirects"
    assert local_server.hits.count("/loop") == 5  # the first request + 4 redirects followed


def test_short_redirect_chain_is_followed(local_server):
    local_server.route("/a", Reply(status=301, headers={"Location": "/b"}, body=b""))
    local_server.route("/b", Reply(status=307, headers={"Location": "/page"}, body=b""))
    local_server.route("/page", Reply())
    result = make_fetcher(local_server).fetch(local_server.url("/a"))
    assert result.ok
    assert result.final_url == local_server.url("/page")


@pytest.mark.parametrize(
    "target",
    [
        "http://localhost:{port}/page",  # same machine, but not on the allow list by that name
        "http://127.0.0.2:{port}/page",
        "http://169.254.169.254/latest/meta-data/",  # cloud metadata
        "http://10.0.0.1/",
        "http://[::1]:{port}/page",
        "http://0.0.0.0:{port}/page",
    ],
)
def test_redirect_to_private_address_is_blocked(local_server, target):
    location = target.format(port=local_server.port)
    local_server.route("/jump", Reply(status=302, headers={"Location": location}, body=b""))
    local_server.route("/page", Reply())
    result = make_fetcher(local_server).fetch(local_server.url("/jump"))
    assert result.error == "blocked_address"
    assert local_server.hits.count("/page") == 0


def test_loopback_without_allow_list_is_blocked(local_server):
    local_server.route("/page", Reply())
    fetcher = make_fetcher(local_server, allow_hosts=())
    assert fetcher.fetch(local_server.url("/page")).error == "blocked_address"
    assert local_server.hits == []


def test_host_resolving_to_private_address_is_blocked():
    fetcher = PoliteFetcher(resolver=lambda host, port: ["192.168.1.20"])
    assert fetcher.fetch("http://intranet.example/").error == "blocked_address"
    mixed = PoliteFetcher(resolver=lambda host, port: ["93.184.216.34", "127.0.0.1"])
    assert mixed.fetch("https://sneaky.example/").error == "blocked_address"


def test_dns_rebinding_is_caught_at_the_connection(local_server):
    # Our resolver is told the name is public, but the real connection lands on loopback.
    local_server.route("/page", Reply())
    fetcher = PoliteFetcher(
        FetchSettings(connect_timeout=1, read_timeout=1, total_timeout=3),
        resolver=lambda host, port: ["93.184.216.34"],
    )
    result = fetcher.fetch(f"http://localhost:{local_server.port}/page")
    assert result.error == "blocked_address"
    assert local_server.hits == []  # refused before a single request byte was sent


@pytest.mark.parametrize(
    "url",
    ["ftp://example.com/", "javascript:alert(1)", "file:///etc/passwd", "http://", "not a url", ""],
)
def test_bad_urls(url):
    assert PoliteFetcher().fetch(url).error == "bad_url"


@pytest.mark.parametrize(
    "address",
    ["10.1.2.3", "172.16.0.1", "192.168.0.1", "127.0.0.1", "169.254.1.1", "224.0.0.1", "0.0.0.0",
     "240.0.0.1", "100.64.0.1", "::1", "fe80::1", "fc00::1", "::ffff:127.0.0.1", "::", "garbage"],
)  # fmt: skip
def test_non_public_addresses(address):
    assert not is_public_address(address)


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700::1111"])
def test_public_addresses(address):
    assert is_public_address(address)


def test_slow_server_times_out(local_server):
    local_server.route("/slow", Reply(delay=1.5))
    started = time.monotonic()
    result = make_fetcher(local_server, read_timeout=0.3).fetch(local_server.url("/slow"))
    assert result.error == "timeout"
    assert time.monotonic() - started < 1.2


def test_dribbling_server_hits_total_deadline(local_server):
    # Each byte arrives well inside the read timeout; only the page deadline stops it.
    local_server.route("/drip", Reply(writer=dribble(0.05, 200)))
    started = time.monotonic()
    result = make_fetcher(local_server, read_timeout=1.0, total_timeout=0.5).fetch(
        local_server.url("/drip")
    )
    assert result.error == "timeout"
    assert time.monotonic() - started < 1.5


def test_robots_disallow_is_honoured(local_server):
    local_server.set_robots(
        Reply(
            headers={"Content-Type": "text/plain"},
            body=b"User-agent: ghtalent\nDisallow: /private\n\nUser-agent: *\nDisallow: /\n",
        )
    )
    local_server.route("/private/me.html", Reply())
    local_server.route("/page", Reply())
    fetcher = make_fetcher(local_server)
    assert fetcher.fetch(local_server.url("/private/me.html")).error == "robots"
    assert fetcher.fetch(local_server.url("/page")).ok
    assert "/private/me.html" not in local_server.hits
    assert local_server.hits.count("/robots.txt") == 1  # fetched once, then cached


def test_robots_500_skips_the_host(local_server):
    local_server.set_robots(Reply(status=503, body=b"down"))
    local_server.route("/page", Reply())
    fetcher = make_fetcher(local_server)
    assert fetcher.fetch(local_server.url("/page")).error == "robots_unavailable"
    assert fetcher.fetch(local_server.url("/page")).error == "robots_unavailable"
    assert local_server.hits == ["/robots.txt"]


def test_robots_timeout_skips_the_host(local_server):
    local_server.set_robots(Reply(delay=1.5, body=b"User-agent: *\nAllow: /\n"))
    local_server.route("/page", Reply())
    result = make_fetcher(local_server, read_timeout=0.3).fetch(local_server.url("/page"))
    assert result.error == "robots_unavailable"


@pytest.mark.parametrize("status", [401, 403, 404, 410])
def test_robots_4xx_means_allowed(local_server, status):
    local_server.set_robots(Reply(status=status, body=b""))
    local_server.route("/page", Reply())
    assert make_fetcher(local_server).fetch(local_server.url("/page")).ok


def test_pacing_sleeps_between_requests_to_one_host(local_server):
    now = [1000.0]
    sleeps: list[float] = []

    def fake_sleep(seconds: float) -> None:
        sleeps.append(seconds)
        now[0] += seconds

    local_server.route("/page", Reply())
    settings = FetchSettings(per_host_interval=2.0, allow_hosts=(local_server.host_port,))
    fetcher = PoliteFetcher(settings, clock=lambda: now[0], sleep=fake_sleep)
    assert fetcher.fetch(local_server.url("/page")).ok  # robots.txt, then the page
    assert sleeps == [2.0]
    now[0] += 0.5
    assert fetcher.fetch(local_server.url("/page")).ok
    assert sleeps == [2.0, pytest.approx(1.5)]
    now[0] += 10
    assert fetcher.fetch(local_server.url("/page")).ok
    assert len(sleeps) == 2  # enough time passed: no wait


def test_robots_crawl_delay_raises_the_interval(local_server):
    now = [0.0]
    sleeps: list[float] = []

    def fake_sleep(seconds: float) -> None:
        sleeps.append(seconds)
        now[0] += seconds

    local_server.set_robots(
        Reply(headers={"Content-Type": "text/plain"}, body=b"User-agent: *\nCrawl-delay: 5\n")
    )
    local_server.route("/page", Reply())
    settings = FetchSettings(per_host_interval=1.0, allow_hosts=(local_server.host_port,))
    fetcher = PoliteFetcher(settings, clock=lambda: now[0], sleep=fake_sleep)
    assert fetcher.fetch(local_server.url("/page")).ok
    assert sleeps == [5.0]


def test_pacing_is_per_host(local_server):
    now = [0.0]
    sleeps: list[float] = []
    local_server.route("/page", Reply())
    settings = FetchSettings(
        per_host_interval=3.0,
        allow_hosts=(local_server.host_port, f"localhost:{local_server.port}"),
    )
    fetcher = PoliteFetcher(settings, clock=lambda: now[0], sleep=sleeps.append)
    fetcher._last_request["other.example"] = 0.0  # a recent request elsewhere
    now[0] = 0.1
    fetcher._pace("127.0.0.1")
    assert sleeps == []
    fetcher._pace("other.example")
    assert sleeps == [pytest.approx(2.9)]


# -- issue 11: one URL parser, IPv6 transition forms, Crawl-delay budget, offline ------------


def test_guard_and_request_read_a_backslash_url_the_same_way(local_server):
    # urllib reads host 127.0.0.1 (allowed), urllib3 host 10.0.0.1: refused before any socket.
    local_server.route("/", Reply())
    fetcher = make_fetcher(local_server)
    url = f"http://10.0.0.1\\@{local_server.host_port}/"
    assert fetcher.fetch(url).error == "bad_url"
    assert local_server.hits == []


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("2002:a00:1::", False),  # 6to4 around 10.0.0.1
        ("2002:7f00:1::", False),  # 6to4 around 127.0.0.1
        ("2002:808:808::", True),  # 6to4 around 8.8.8.8
        ("64:ff9b::a00:1", False),  # NAT64 around 10.0.0.1
        ("64:ff9b::7f00:1", False),  # NAT64 around 127.0.0.1
        ("64:ff9b::808:808", True),  # NAT64 around 8.8.8.8
        ("64:ff9b:1::808:808", False),  # local-use NAT64
        ("2001:0:4136:e378:8000:63bf:3fff:fdd2", False),  # Teredo
        ("::ffff:10.0.0.1", False),  # IPv4-mapped
        ("::ffff:127.0.0.1", False),
        ("::ffff:8.8.8.8", True),
    ],
)
def test_ipv6_forms_are_judged_by_the_ipv4_address_they_carry(address, public):
    assert is_public_address(address) is public


def test_a_6to4_answer_for_a_name_is_blocked():
    fetcher = PoliteFetcher(resolver=lambda host, port: ["2002:a00:1::"])
    assert fetcher.fetch("http://wrapped.example/").error == "blocked_address"


def test_crawl_delay_is_not_charged_to_the_pages_budget(local_server):
    now = [0.0]

    def fake_sleep(seconds: float) -> None:
        now[0] += seconds

    local_server.set_robots(
        Reply(headers={"Content-Type": "text/plain"}, body=b"User-agent: *\nCrawl-delay: 15\n")
    )
    local_server.route("/a", Reply())
    local_server.route("/b", Reply())
    settings = FetchSettings(total_timeout=10.0, allow_hosts=(local_server.host_port,))
    fetcher = PoliteFetcher(settings, clock=lambda: now[0], sleep=fake_sleep)
    assert fetcher.fetch(local_server.url("/a")).ok
    second = fetcher.fetch(local_server.url("/b"))  # waits 15 s first, on its own budget
    assert second.ok, second.error
    assert now[0] >= 15.0


def test_a_host_asking_for_more_than_the_maximum_crawl_delay_is_skipped(local_server):
    local_server.set_robots(
        Reply(headers={"Content-Type": "text/plain"}, body=b"User-agent: *\nCrawl-delay: 3600\n")
    )
    local_server.route("/page", Reply())
    fetcher = make_fetcher(local_server, max_crawl_delay=30.0)
    assert fetcher.fetch(local_server.url("/page")).error == "crawl_delay_too_long"
    assert local_server.hits == ["/robots.txt"]


def test_offline_fetcher_looks_up_no_outside_name(local_server):
    looked_up: list[str] = []

    def resolver(host: str, port: int) -> list[str]:
        looked_up.append(host)
        return ["93.184.216.34"]

    local_server.route("/page", Reply())
    settings = FetchSettings(offline=True, allow_hosts=(local_server.host_port,))
    fetcher = PoliteFetcher(settings, resolver=resolver)
    assert fetcher.fetch("https://huggingface.co/someone").error == "offline"
    assert fetcher.fetch(local_server.url("/page")).ok
    assert looked_up == []
