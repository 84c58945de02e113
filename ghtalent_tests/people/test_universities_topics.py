"""university_of, university_from_domain and research_topics."""

from __future__ import annotations

import pytest

from ghtalent.people import research_topics, university_from_domain, university_of


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PhD student at Stanford", "Stanford University"),
        ("UC Berkeley", "University of California, Berkeley"),
        ("Researcher @ CMU", "Carnegie Mellon University"),
        ("PhD at MIT CSAIL, previously at Tsinghua", "Massachusetts Institute of Technology"),
        ("Postdoc at HKU", "The University of Hong Kong"),
        ("ETH Zürich", "ETH Zurich"),
        ("我目前在清华大学", "Tsinghua University"),
        ("现为香港科技大学博士生", "The Hong Kong University of Science and Technology"),
        ("本科毕业于北京大学，现在在上海交通大学读博", "Shanghai Jiao Tong University"),
        ("華中科技大學", "Huazhong University of Science and Technology"),
        ("PhD candidate, University of Oxford", "University of Oxford"),
    ],
)
def test_university_of(text, expected):
    assert university_of(text) == expected


@pytest.mark.parametrize(
    "text",
    [None, "", "NTU", "HUST", "mit freundlichen Grüßen", "Software engineer at a startup"],
)
def test_university_of_unknown_or_ambiguous(text):
    assert university_of(text) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("cs.stanford.edu", "Stanford University"),
        ("someone@mails.tsinghua.edu.cn", "Tsinghua University"),
        ("ox.ac.uk", "University of Oxford"),
        ("https://www.cs.cmu.edu/~someone/", "Carnegie Mellon University"),
        ("me@cs.toronto.edu", "University of Toronto"),
        ("http://people.eecs.berkeley.edu/~x", "University of California, Berkeley"),
        ("a@connect.ust.hk", "The Hong Kong University of Science and Technology"),
        ("someone@gmail.com", None),
        ("someone.github.io", None),
        ("", None),
        (None, None),
    ],
)
def test_university_from_domain(value, expected):
    assert university_from_domain(value) == expected


def test_research_topics_english_and_chinese():
    topics = research_topics(
        "I work on LLMs and diffusion models; RLHF and 多模态大模型",
        "large-language-models, reinforcement-learning",
    )
    assert topics[0] == "large language models"
    assert {"diffusion models", "RLHF", "multimodal", "reinforcement learning"} <= set(topics)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("强化学习与智能体", ["reinforcement learning", "agents"]),
        ("Efficient LLM inference: quantization, speculative decoding", None),
        ("computer vision and 3D reconstruction", ["computer vision", "3D vision"]),
    ],
)
def test_research_topics_phrases(text, expected):
    topics = research_topics(text)
    if expected is None:
        assert "inference optimization" in topics
    else:
        assert topics == expected


def test_research_topics_limit_and_empty():
    assert research_topics(None, "", limit=5) == []
    text = "LLM, diffusion, RLHF, agents, multimodal, robotics, speech"
    assert len(research_topics(text, limit=3)) == 3


@pytest.mark.parametrize(
    ("text", "academic"),
    [
        ("Haramaya University", True),
        ("kassala Uinversity", True),
        ("School of Computing, NUS", True),
        ("Chinese Academy of Sciences", True),
        ("London Business School", True),
        ("中国科学院", True),
        ("Vector Institute", True),
        ("Rwanda Coding Academy", False),
        ("Acme Widgets", False),
        ("Mitsubishi", False),
    ],
)
def test_one_academic_test_for_companies_and_homepages(text, academic):
    from ghtalent.people.universities import looks_academic

    assert looks_academic(text) is academic
