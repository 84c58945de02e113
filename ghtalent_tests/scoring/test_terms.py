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


def test_chinese_descriptions_are_cut_into_words(cfg):
    # jieba with the domain words of ghtalent/scoring/han_words.txt; 基于 and 支持 are
    # stopwords, one-character words (的, 和) fall under min_token_length; no bigrams of Han words
    assert description_terms("基于大语言模型的中文对话系统，支持多轮对话和知识库问答", cfg) == {
        "大语言模型", "中文", "对话", "系统", "多轮对话", "知识库", "问答",
    }  # fmt: skip
    # a Latin word glued to Han text stays a word of its own
    assert description_terms("ChatGLM3开源双语对话语言模型", cfg) == {
        "chatglm3", "双语", "对话", "语言模型",
    }  # fmt: skip


def test_other_scripts_keep_whole_words_and_bigrams(cfg):
    assert description_terms("Локальная языковая модель", cfg) == {
        "локальная", "языковая", "модель", "локальная языковая", "языковая модель",
    }  # fmt: skip
    assert description_terms("naïve café", cfg) == {"naïve", "café", "naïve café"}


def test_chinese_terms_rank_with_the_others(cfg):
    repos = pd.DataFrame(
        {
            "full_name": ["a/x", "b/y", "c/z"],
            "description": ["文生图 WebUI", "高性能文生图推理", "LLM 知识库"],
            "topics": [None, None, None],
            "stars": [10, 20, 30],
            "forks": [1, 1, 1],
            "created_at": pd.to_datetime(["2024-01-01"] * 3),
        }
    )
    out = top_terms(repos, cfg)
    assert out.iloc[0][["term", "n_repos", "example_repos"]].tolist() == ["文生图", 2, "b/y, a/x"]


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
