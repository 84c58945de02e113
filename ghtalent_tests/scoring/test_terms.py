from __future__ import annotations

import pandas as pd

from ghtalent.scoring.terms import description_terms, terms_by_group_period, top_terms

REPOS = pd.DataFrame(
    {
        "full_name": ["a/r1", "b/r2", "c/r3"],
        "description": [
            "Fast inference of large language models",
            "Large language model serving with vLLM",
            "Stable diffusion for images",
        ],
        "topics": ["llm,inference", "llm", "diffusion"],
        "stars": [100, 300, 50],
        "forks": [1, 1, 1],
        "created_at": pd.to_datetime(["2023-05-01", "2024-02-01", "2024-03-01"]),
    }
)


def test_tokens_stopwords_and_bigrams(cfg):
    # "of" is a stopword and breaks the chain: no "inference large"
    assert description_terms("Fast inference of large language models", cfg) == {
        "fast", "inference", "large", "language", "models",
        "fast inference", "large language", "language models",
    }  # fmt: skip
    assert "gpt-4" in description_terms("Chat with GPT-4 and llama.cpp", cfg)
    assert "llama.cpp" in description_terms("Chat with GPT-4 and llama.cpp", cfg)


def test_top_terms_count_repos_not_mentions(cfg):
    out = top_terms(REPOS, cfg)
    # in 2 of 3 repos (stars 400 each): language, large, large language, llm (alphabetical tie)
    assert out["term"].head(4).tolist() == ["language", "large", "large language", "llm"]
    assert out["n_repos"].head(4).tolist() == [2, 2, 2, 2]
    assert out["share"].iloc[0] == 2 / 3
    assert out["example_repos"].iloc[0] == "b/r2, a/r1"  # most-starred first


def test_top_terms_by_group_period_and_exclusion(cfg):
    groups = {"lm": ["a/r1", "b/r2"], "diffusion": ["c/r3"]}
    out = top_terms(REPOS, cfg, group="lm", period="2024", repos_by_group=groups, exclude=["llm"])
    assert "llm" not in set(out["term"]) and "serving" in set(out["term"])
    assert "fast" not in set(out["term"])  # a/r1 was created in 2023
    table = terms_by_group_period(REPOS, groups, cfg, exclude={"lm": ["llm"]})
    assert set(table["group"]) == {"overall", "lm", "diffusion"}
    assert {"all", "2023", "2024"} <= set(table["period"])
    assert (
        table[(table["group"] == "overall") & (table["period"] == "all")]["term"].iloc[3] == "llm"
    )
