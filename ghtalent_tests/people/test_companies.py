"""normalize_company: aliases in English and Chinese, universities, junk, clean-up."""

from __future__ import annotations

import pytest

from ghtalent.people import KINDS, Company, company_kind, normalize_company


@pytest.mark.parametrize(
    ("raw", "name", "kind"),
    [
        ("@openai", "OpenAI", "ai_lab"),
        ("OpenAI, Inc.", "OpenAI", "ai_lab"),
        ("@google-deepmind", "Google DeepMind", "ai_lab"),
        ("DeepMind", "Google DeepMind", "ai_lab"),
        ("FAIR", "Meta", "big_tech"),
        ("Meta AI", "Meta", "big_tech"),
        ("@facebookresearch", "Meta", "big_tech"),
        ("Microsoft Research Asia", "Microsoft", "big_tech"),
        ("MSRA", "Microsoft", "big_tech"),
        ("@microsoft ", "Microsoft", "big_tech"),
        ("Nvidia", "NVIDIA", "big_tech"),
        ("AWS", "Amazon", "big_tech"),
        ("@huggingface", "Hugging Face", "ai_lab"),
        ("Mistral AI", "Mistral AI", "ai_lab"),
        ("AI2", "Allen Institute for AI", "ai_lab"),
        ("Research Scientist @ Google DeepMind", "Google DeepMind", "ai_lab"),
        ("Databricks 🧱", "Databricks", "startup"),
    ],
)
def test_english_aliases(raw, name, kind):
    assert normalize_company(raw) == Company(name, kind)


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("阿里巴巴", "Alibaba"),
        ("阿里云", "Alibaba"),
        ("达摩院", "Alibaba"),
        ("字节跳动", "ByteDance"),
        ("北京字节跳动科技有限公司", "ByteDance"),
        ("智谱", "Zhipu AI"),
        ("腾讯", "Tencent"),
        ("百度", "Baidu"),
        ("华为", "Huawei"),
        ("月之暗面", "Moonshot AI"),
        ("深度求索", "DeepSeek"),
        ("商汤科技", "SenseTime"),
        ("美团", "Meituan"),
        ("@meituan", "Meituan"),
        ("上海人工智能实验室", "Shanghai AI Lab"),
    ],
)
def test_chinese_aliases(raw, name):
    company = normalize_company(raw)
    assert company is not None and company.name == name


@pytest.mark.parametrize(
    ("raw", "university"),
    [
        ("Tsinghua University", "Tsinghua University"),
        ("@MIT", "Massachusetts Institute of Technology"),
        ("清华大学", "Tsinghua University"),
        ("HKUST", "The Hong Kong University of Science and Technology"),
        ("PhD student at Stanford", "Stanford University"),
        ("x@cs.stanford.edu", "Stanford University"),
        ("Haramaya University", "Haramaya University"),
    ],
)
def test_university_in_company_field(raw, university):
    assert normalize_company(raw) == Company(university, "university")


@pytest.mark.parametrize(
    "raw",
    [
        None,
        "",
        "  ",
        "none",
        "-",
        "n/a",
        "Personal",
        "Freelancer",
        "freelance",
        "Student",
        "self-employed",
        "Open to opportunities",
        "someone@gmail.com",
        "个人",
        "Open Source",
        "open-source",
        "Stealth Startup",
    ],
)
def test_no_organization_is_none(raw):
    assert normalize_company(raw) is None


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("Acme Widgets, Inc.", "Acme Widgets"),
        ("  @acme-labs ", "acme-labs"),
        ("Noroeste Nutrición S.R.L.", "Noroeste Nutrición"),
        ("Foo Co., Ltd.", "Foo"),
        ("Ex Intel", "Ex Intel"),  # a past employer is not the company
    ],
)
def test_unknown_company_is_cleaned(raw, name):
    assert normalize_company(raw) == Company(name, "other")


def test_kinds():
    assert company_kind("OpenAI") == "ai_lab"
    assert company_kind("Stanford University") == "university"
    assert company_kind("Nobody Ltd") is None
    assert {"ai_lab", "big_tech", "startup", "university", "other"} == set(KINDS)
