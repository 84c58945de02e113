"""Homepage and social-profile extractors on hand-written pages and the real labelled pages."""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

import pytest

from ghtalent.web.accuracy import evaluate
from ghtalent.web.extract import extract_homepage, extract_social_followers, parse_count

PAGES = Path(__file__).parent / "pages"
LABELS = list(csv.DictReader((PAGES / "labels.csv").read_text(encoding="utf-8").splitlines()))


def _people_ready() -> bool:
    """The org normalizers come from ghtalent.people; skip org assertions until they exist."""
    if importlib.util.find_spec("ghtalent.people") is None:
        return False
    import ghtalent.people as people

    return all(hasattr(people, n) for n in ("university_of", "normalize_company"))


needs_people = pytest.mark.skipif(not _people_ready(), reason="ghtalent.people not available")


def facts_of(name: str, base_url: str = "https://someone.github.io/"):
    return extract_homepage((PAGES / name).read_text(encoding="utf-8"), base_url)


# -- Twitter / X handle --------------------------------------------------------------------


@pytest.mark.parametrize("row", LABELS, ids=[r["file"] for r in LABELS])
def test_twitter_handle_on_hand_written_pages(row):
    assert (facts_of(row["file"], row["base_url"]).twitter_handle or "") == row["twitter_handle"]


def test_links_inside_comments_do_not_count():
    html = """<p>Hi</p><!-- <a href="https://twitter.com/templateauthor">me</a> -->"""
    assert extract_homepage(html, "https://a.github.io/").twitter_handle is None


def test_meta_handle_wins_and_status_links_of_others_do_not():
    html = """<head><meta name="twitter:site" content="@owner_x"></head>
    <body><a href="https://twitter.com/someone/status/123">a tweet</a></body>"""
    assert extract_homepage(html, "https://owner.github.io/").twitter_handle == "owner_x"
    only_status = '<a href="https://twitter.com/someone/status/123">a tweet</a>'
    assert extract_homepage(only_status, "https://a.github.io/").twitter_handle is None


@pytest.mark.parametrize(
    "href",
    [
        "https://twitter.com/intent/tweet?text=x",
        "https://twitter.com/share",
        "https://twitter.com/home",
        "https://x.com/i/flow/login",
        "https://www.dropbox.com/s/abc/slides.pptx",  # ends in "x.com" but is not X
        "https://x.com/",
    ],
)
def test_non_profile_twitter_links_are_ignored(href):
    assert (
        extract_homepage(f'<a href="{href}">t</a>', "https://a.github.io/").twitter_handle is None
    )


def test_profile_links_are_collected():
    facts = facts_of("openai_mts.html")
    assert facts.huggingface_url == "https://huggingface.co/samokafor"
    assert facts.github_url == "https://github.com/samokafor"
    facts = facts_of("phd_stanford.html")
    assert facts.scholar_url == "https://scholar.google.com/citations?user=AbCdEf123"
    assert facts_of("postdoc_incoming.html").linkedin_url == (
        "https://www.linkedin.com/in/wei-chen-123"
    )


# -- affiliations: spotting (independent of the normalizers) ---------------------------------


def test_past_and_incoming_are_separated_from_current():
    facts = facts_of("postdoc_incoming.html")
    assert facts.incoming_affiliations and "Princeton" in facts.incoming_affiliations[0][1]
    if _people_ready():
        assert any("Massachusetts" in org for _role, org in facts.affiliations)
        assert not any("Princeton" in org for _role, org in facts.affiliations)


def test_script_style_noscript_template_never_count():
    html = (PAGES / "script_injection.html").read_text(encoding="utf-8")
    facts = extract_homepage(html, "https://t.github.io/")
    everything = " ".join(
        [*(" ".join(pair) for pair in facts.affiliations), *facts.topics]
        + [" ".join(pair) for pair in facts.past_affiliations]
    )
    assert "Harvard" not in everything and "Amazon" not in everything
    assert "Apple" not in everything and "Google" not in everything
    assert "<script" not in everything and "<" not in everything
    assert facts.company is None


def test_escaped_markup_never_appears_in_extracted_text():
    html = "<p>I work on &lt;script&gt;alert(1)&lt;/script&gt; safety and robustness.</p>"
    facts = extract_homepage(html, "https://t.github.io/")
    assert all("<" not in topic and ">" not in topic for topic in facts.topics)


def test_script_only_page_yields_nothing():
    facts = extract_homepage("<html><script>alert(1)</script></html>", "https://t.github.io/")
    assert facts.affiliations == [] and facts.topics == []
    assert facts.university is None and facts.company is None and facts.twitter_handle is None


def test_topics_from_research_interests():
    """A phrase that names a topic of the vocabulary is that topic ("robot learning" →
    robotics, "强化学习" → reinforcement learning); others stay the page's own phrase."""
    assert facts_of("phd_stanford.html").topics[:3] == [
        "reinforcement learning",
        "language agents",
        "robotics",
    ]
    assert facts_of("zh_tsinghua.html").topics == [
        "large language models",
        "reinforcement learning",
        "code generation",
    ]


@pytest.mark.parametrize(
    ("sentence", "topics"),
    [
        ("My research interests include building algorithms, especially how models reason.",
         []),
        ("My research interests thus span computer vision, reinforcement learning and "
         "multimodal intelligence.",
         ["computer vision", "reinforcement learning", "multimodal intelligence"]),
        ("I work on 3D computer vision at Acme Labs.", ["3D computer vision"]),
        ("My research interests include NLP, its underlying machine learning algorithms and "
         "understanding.", ["natural language processing", "machine learning"]),
        ("My research interests include AIGC (AI Generated Content), e.g., image and video "
         "generation.", ["generative models", "video generation"]),
        ("研究方向为对抗机器学习、深度神经网络鲁棒性、如何让模型更可靠。",
         ["对抗机器学习", "深度神经网络鲁棒性"]),
    ],
)  # fmt: skip
def test_topics_are_research_directions(sentence, topics):
    html = f"<html><body><p>{sentence}</p></body></html>"
    assert extract_homepage(html, "https://a.github.io/").topics == topics


@pytest.mark.parametrize("html", ["", "<<<>>>", "\x00\x01binary", "<p>" * 5000])
def test_garbage_does_not_crash(html):
    facts = extract_homepage(html, "not a url")
    assert facts.university is None and facts.company is None


# -- affiliations: through the normalizers ---------------------------------------------------


@needs_people
@pytest.mark.parametrize("row", LABELS, ids=[r["file"] for r in LABELS])
def test_university_and_company_never_wrong_on_hand_written_pages(row):
    facts = facts_of(row["file"], row["base_url"])
    # Unknown is allowed; a wrong answer is not.
    assert facts.university in (None, row["university"]) or not facts.university
    assert facts.company in (None, row["company"]) or not facts.company


@needs_people
def test_precision_targets_on_hand_written_pages():
    report = evaluate(PAGES, PAGES / "labels.csv")
    for field in ("university", "company"):
        score = report.scores[field]
        assert score.precision is not None and score.precision >= 0.95, score.misses
        assert score.recall is not None and score.recall >= 0.9, score.misses
        assert score.recall >= 0.7, score.misses


@needs_people
def test_precision_targets_on_real_pages(realdata):
    folder = realdata / "homepages"
    report = evaluate(folder / "pages", folder / "labels.csv")
    assert report.size == 30
    for field in ("university", "company"):
        score = report.scores[field]
        assert score.precision is not None and score.precision >= 0.95, score.misses
        assert score.recall is not None and score.recall >= 0.9, score.misses
    handle = report.scores["twitter_handle"]
    assert handle.precision >= 0.95 and handle.recall >= 0.9, handle.misses


def test_twitter_handles_on_real_pages(realdata):
    folder = realdata / "homepages"
    report = evaluate(folder / "pages", folder / "labels.csv")
    handle = report.scores["twitter_handle"]
    assert handle.precision >= 0.95 and handle.recall >= 0.9, handle.misses


# -- follower counts -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12.3K", 12_300),
        ("1.2M", 1_200_000),
        ("1,234", 1_234),
        ("1.234", 1_234),  # European thousands separator
        ("1 234 567", 1_234_567),
        ("12,3K", 12_300),  # European decimal comma
        ("1.2万", 12_000),
        ("3亿", 300_000_000),
        ("987", 987),
        ("0", 0),
        ("12.3k followers", 12_300),
        ("", None),
        ("n/a", None),
        (None, None),
    ],
)
def test_parse_count(text, expected):
    assert parse_count(text) == expected


NITTER = """<html><body><div class="profile-card">
<ul class="profile-statlist">
 <li class="posts"><span class="profile-stat-header">Tweets</span><span class="profile-stat-num">5,432</span></li>
 <li class="following"><span class="profile-stat-header">Following</span><span class="profile-stat-num">321</span></li>
 <li class="followers"><span class="profile-stat-header">Followers</span><span class="profile-stat-num">12.3K</span></li>
</ul></div></body></html>"""
X_LINKS = """<html><body><a href="/someone/following"><span>210</span> Following</a>
<a href="/someone/verified_followers"><span>1,234</span> Followers</a></body></html>"""
OG_META = """<html><head><meta property="og:description"
content="The latest posts from Someone. 1.2M Followers, 300 Following"></head><body></body></html>"""
JSON_LD = """<html><head><script type="application/ld+json">
{"@context": "https://schema.org", "@type": "ProfilePage", "mainEntity": {"@type": "Person",
 "interactionStatistic": [{"@type": "InteractionCounter", "interactionType": "https://schema.org/FollowAction",
 "userInteractionCount": 45678}]}}
</script></head><body><span>something 99 Followers</span></body></html>"""
SPAN_STAT = """<div><span class="profile-stat-num">1.2万</span> Followers</div>"""


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (NITTER, 12_300),
        (X_LINKS, 1_234),
        (OG_META, 1_200_000),
        (JSON_LD, 45_678),
        (SPAN_STAT, 12_000),
        ("<html><body>No such user</body></html>", None),
        ("<html><body><span>300</span> Following</body></html>", None),
        ("", None),
    ],
)
def test_social_followers(html, expected):
    assert extract_social_followers(html) == expected


@pytest.mark.parametrize("depth", [1_000, 20_000])
def test_deeply_nested_page_is_read(depth):
    """Thousands of nested tags (11 KB at 1,000) once raised RecursionError."""
    html = (
        "<html><body>"
        + "<div><span>" * depth
        + 'I am a PhD student at Stanford University. <a href="https://twitter.com/abc">Twitter</a>'
        + "</span></div>" * depth
        + "</body></html>"
    )
    facts = extract_homepage(html, "https://abc.github.io/")
    assert facts.university == "Stanford University"
    assert facts.twitter_handle == "abc"


@pytest.mark.parametrize("key", ["twitter:site", "twitter:creator"])
def test_theme_meta_handle_is_not_the_owner(key):
    """A theme ships its author's handle in its meta tags; pages keep it."""
    html = f"""<head><title>Jane Doe</title><meta name="{key}" content="@themeauthor"></head>
    <body><p>Jane Doe, PhD student.</p></body>"""
    assert extract_homepage(html, "https://janedoe.github.io/").twitter_handle is None
    linked = html.replace("</body>", '<a href="https://twitter.com/themeauthor">Twitter</a></body>')
    assert extract_homepage(linked, "https://janedoe.github.io/").twitter_handle == "themeauthor"
    own = html.replace("@themeauthor", "@jane_doe_ml")
    assert extract_homepage(own, "https://janedoe.github.io/").twitter_handle == "jane_doe_ml"


def _card(body: str):
    html = f"<html><head><title>Jane Doe</title></head><body><h1>Jane Doe</h1>{body}</body></html>"
    return extract_homepage(html, "https://janedoe.github.io/")


@pytest.mark.parametrize(
    ("body", "university"),
    [
        ("<p>我是清华大学计算机系的一名博士生。</p>", "Tsinghua University"),
        ("<p>我是一名来自浙江大学的硕士研究生。</p>", "Zhejiang University"),
        ("<ul><li>2023.09 - 至今 硕士 上海交通大学</li></ul>", "Shanghai Jiao Tong University"),
        ("<ul><li>硕士 浙江大学 2022 - 至今</li></ul>", "Zhejiang University"),
        ("<ul><li>本科 北京大学 2016 - 2020</li><li>博士 清华大学 2020 - 至今</li></ul>",
         "Tsinghua University"),
    ],
)  # fmt: skip
def test_chinese_self_descriptions(body, university):
    assert _card(body).university == university


@pytest.mark.parametrize(
    ("body", "university", "company"),
    [
        ("<p>I am an incoming assistant professor at Stanford University, and a research "
         "scientist at Google DeepMind.</p>", None, "Google DeepMind"),
        ("<p>Previously I was a postdoc at MIT, and now I am a research scientist at "
         "NVIDIA.</p>", None, "NVIDIA"),
        ("<p>I am a research scientist at Google, and an adjunct professor at Stanford "
         "University.</p>", "Stanford University", "Google"),
    ],
)  # fmt: skip
def test_time_words_stay_in_their_clause(body, university, company):
    facts = _card(body)
    assert (facts.university, facts.company) == (university, company)


@pytest.mark.parametrize(
    "body",
    [
        "<p>I am a research scientist at Vision Lab, Tsinghua University.</p>",
        "<p>I am a PhD student at MMLab, The Chinese University of Hong Kong.</p>",
        "<p>I am a PhD student at Google Lab, University of Toronto, working on X.</p>",
    ],
)
def test_university_lab_is_no_company(body):
    facts = _card(body)
    assert facts.university is not None and facts.company is None


@pytest.mark.parametrize(
    ("body", "company"),
    [
        ("<h2>Experience</h2><ul><li>2022 – Present: Senior Researcher, NVIDIA</li></ul>",
         "NVIDIA"),
        ("<p>Experience: Research Scientist at Anthropic</p>", "Anthropic"),
        ("<ul><li>Research Scientist, Meta (2023 – present)</li>"
         "<li>Intern, Google (2021 – 2022)</li></ul>", "Meta"),
    ],
)  # fmt: skip
def test_experience_lines(body, company):
    assert _card(body).company == company


@pytest.mark.parametrize(
    ("body", "company"),
    [
        ("<p>I am a researcher on the Gemini team, working on long-context reasoning.</p>",
         "Google DeepMind"),
        ("<p>I am a member of the Llama team.</p>", "Meta"),
        ("<p>I work on ChatGPT.</p>", "OpenAI"),
        ("<p>I work on Robustness and Efficiency.</p>", None),
    ],
)  # fmt: skip
def test_team_and_product_names_map_to_the_employer(body, company):
    assert _card(body).company == company


@needs_people
def test_topics_on_real_pages_are_ones_a_reader_accepts(realdata):
    """Every topic given on the 30 real pages is judged in data/topic_labels.csv (by hand)."""
    from pathlib import Path

    from ghtalent.web.accuracy import score_topics

    folder = realdata / "homepages"
    judgements = Path(__file__).parent / "data" / "topic_labels.csv"
    score = score_topics(folder / "pages", folder / "labels.csv", judgements)
    assert not score.unlabelled, "judge these topics in topic_labels.csv: " + str(score.unlabelled)
    assert score.acceptable >= 0.9, score.rejected
    assert score.pages_with_topics >= 25
