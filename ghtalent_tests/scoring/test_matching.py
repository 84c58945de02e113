from __future__ import annotations

import pandas as pd
import pytest

from ghtalent.scoring.matching import assign_groups, matches_keyword, repo_matches


@pytest.mark.parametrize(
    ("query", "text", "expected"),
    [
        ("LLaMA", "llama.cpp", True),
        ("GPT", "ChatGPT", True),  # CamelCase piece
        ("GPT", "gpt4all", True),  # letters/digits split
        ("LM", "LMDeploy", True),
        ("LLM", "vLLM", True),
        ("GLM", "ChatGLM-6B", True),
        ("Diffusion", "stable-diffusion-webui", True),
        ("LM", "LLM", False),  # a token, not a substring
        ("GPT", "GPTQ", False),
        ("language model", "A large language model", True),
        ("language model", "language and model", False),
    ],
)
def test_matches_keyword(query, text, expected):
    assert matches_keyword(query, text) is expected


def test_repo_matches_name_description_or_topic():
    assert repo_matches("webui", None, "stable-diffusion,ai", "Diffusion")
    assert not repo_matches("webui", "image tools", None, "Diffusion")


def test_assign_groups():
    repos = pd.DataFrame(
        {
            "full_name": ["o/llama.cpp", "o/ChatGPT-Next", "o/sd"],
            "description": ["LLM inference", None, "Stable Diffusion UI"],
        }
    )
    out = assign_groups(
        repos,
        {"llm": "LLM", "llama": "LLaMA", "gpt": "GPT", "diffusion": "Diffusion"},
        {"language_models": ["llm", "llama"], "gpt": ["gpt"], "diffusion": ["diffusion"]},
    )
    assert set(map(tuple, out[["group", "full_name"]].to_numpy())) == {
        ("language_models", "o/llama.cpp"), ("gpt", "o/ChatGPT-Next"), ("diffusion", "o/sd"),
    }  # fmt: skip
