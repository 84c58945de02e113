"""Facts from personal homepages and social-profile pages, read with beautifulsoup4.

Page text is data: scripts, styles, templates and HTML comments are dropped before anything is
read, and nothing on a page is ever executed or followed. Links inside comments do not count.

The entry point; each kind of fact has its module: `page` (parsing, visible text as lines),
`handles` (Twitter/X handle, profile links), `affiliations` (which phrases state a current,
past or incoming position), `topics` (research directions), `followers` (X/Nitter follower
counts). Turning organisation text into canonical names is `ghtalent.people`'s job
(`university_of`, `normalize_company`), imported lazily so these modules load on their own.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ghtalent.web.affiliations import _resolve, _statements
from ghtalent.web.followers import extract_social_followers, parse_count
from ghtalent.web.handles import _profile_urls, _twitter_handle
from ghtalent.web.page import HomepageFacts, _lines, _soup
from ghtalent.web.topics import _fallback_topics, _topics

__all__ = ["HomepageFacts", "extract_homepage", "extract_social_followers", "parse_count"]


def extract_homepage(html: str, base_url: str) -> HomepageFacts:
    """Affiliations, university, company, Twitter handle, profile links and topics of a homepage."""
    soup = _soup(html)
    facts = HomepageFacts()
    title_tag = soup.find("title")
    title = re.sub(r"\s+", " ", title_tag.get_text(" ")).strip() if title_tag else ""
    if title_tag:
        title_tag.extract()  # read separately; keeps the body's first line the owner's name
    lines = _lines(soup)
    facts.twitter_handle = _twitter_handle(soup, base_url, lines)
    for key, url in _profile_urls(soup, base_url).items():
        setattr(facts, key, url)
    _resolve(_statements(lines, title), facts)
    if facts.university is None:
        facts.university = _university_from_host(base_url, lines)
    facts.topics = _topics(lines) or _fallback_topics(lines)
    return facts


def _university_from_host(base_url: str, lines: list[str]) -> str | None:
    """A page on a university's own web server that also names that university in its header."""
    try:
        from ghtalent.people import university_from_domain, university_of
    except ImportError:
        return None
    host = urlsplit(base_url).hostname or ""
    if not host or host.endswith(("github.io", "gitlab.io", "netlify.app", "vercel.app")):
        return None
    university = university_from_domain(base_url)
    if not university:
        return None
    # Alumni and course pages live on university servers too: require the page to say it.
    header = [university_of(line) for line in lines[:40] if len(line) <= 200]
    return university if university in header else None
