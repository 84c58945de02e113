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
        ("  @acme-labs ", "Acme-labs"),
        ("Noroeste Nutrición S.R.L.", "Noroeste Nutrición"),
        ("Foo Co., Ltd.", "Foo"),
    ],
)
def test_unknown_company_is_cleaned(raw, name):
    assert normalize_company(raw) == Company(name, "other")


def test_kinds():
    assert company_kind("OpenAI") == "ai_lab"
    assert company_kind("Stanford University") == "university"
    assert company_kind("Nobody Ltd") is None
    assert {"ai_lab", "big_tech", "startup", "university", "other"} == set(KINDS)


@pytest.mark.parametrize(
    "raw",
    [
        "https://someone.github.io",
        "github.com/someone",
        "http://github.com/someone/",
        "someone.gitlab.io",
    ],
)
def test_github_url_names_no_employer(raw):
    """One's own GitHub page is not GitHub the employer (it would hide the homepage's)."""
    assert normalize_company(raw) is None


def test_url_beside_a_company_leaves_the_company():
    assert normalize_company("github.com/someone, Acme Widgets") == Company("Acme Widgets", "other")
    assert normalize_company("https://www.acmewidgets.com") == Company("Acmewidgets", "other")


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("Polytechnique Montréal", "Polytechnique Montréal"),
        ("École Polytechnique de Montréal", "Polytechnique Montréal"),
        ("École Nationale Polytechnique de Lausanne", "École Nationale Polytechnique de Lausanne"),
        ("Ecole Polytechnique de Tunisie", "Ecole Polytechnique de Tunisie"),
        ("École Polytechnique", "École Polytechnique"),
        ("Polytechnique", "École Polytechnique"),
    ],
)
def test_other_polytechniques(raw, name):
    assert normalize_company(raw) == Company(name, "university")


@pytest.mark.parametrize(
    "raw", ["ex-Google", "Ex Intel", "former Google", "Formerly @openai", "prev. Meta, ex-Amazon"]
)
def test_past_employer_alone_is_none(raw):
    assert normalize_company(raw) is None


@pytest.mark.parametrize(
    ("raw", "name"),
    [("ex-Google, now @openai", "OpenAI"), ("ex-Intel | Acme Widgets", "Acme Widgets")],
)
def test_past_employer_then_current(raw, name):
    company = normalize_company(raw)
    assert company is not None and company.name == name


@pytest.mark.parametrize(
    "raw",
    [
        "Consultant",
        "Backend Developer & Writer",
        "DevOps and Platform Services Lead",
        "Senior Software Engineer",
        "x",
        "localhost",
        "I work in this thing called life",
        "Long live the aliens!",
        "Vientiane Laos",
        "Lagos, Nigeria",
        "@a @b @c @d @e @f",
        "Private - Freelancer",
    ],
)
def test_titles_jokes_places_are_none(raw):
    assert normalize_company(raw) is None


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("SDE @stripe", "Stripe"),
        ("Consultant at Deloitte", "Deloitte"),
        ("Software Engineer at Acme Widgets", "Acme Widgets"),
        ("@acmeco @widgetco", "Acmeco"),
        ("@acmeco core team, @widgetco staff", "Acmeco"),
        ("Widgetry — ウィジェット", "Widgetry"),
        ("Acme Widgets, Slovakia", "Acme Widgets"),
        ("English Major, Hanoi High School for the Gifted", "Hanoi High School for the Gifted"),
    ],
)
def test_title_at_org_and_several_orgs_are_split(raw, name):
    company = normalize_company(raw)
    assert company is not None and company.name == name


@pytest.mark.parametrize(
    ("variants"),
    [("@cloudflare", "Cloudflare", "cloudflare"), ("@acme-labs", "Acme-labs", "acme-labs")],
)
def test_one_group_whatever_the_case(variants):
    assert len({normalize_company(v) for v in variants}) == 1


@pytest.mark.parametrize(
    ("raw", "university"),
    [
        ("NTNU", "Norwegian University of Science and Technology"),
        ("BSUIR", "Belarusian State University of Informatics and Radioelectronics"),
        ("TecNM / UABC", "Tecnológico Nacional de México"),
        ("kassala Uinversity ", "Kassala Uinversity"),
        ("Marmara University Computer Engineering Department", "Marmara University"),
        ("Acme University (Benin campus)", "Acme University"),
        ("School of Engineering, HES-SO Valais/Wallis",
         "HES-SO University of Applied Sciences and Arts Western Switzerland"),
    ],
)  # fmt: skip
def test_university_abbreviations_and_units_are_universities(raw, university):
    assert normalize_company(raw) == Company(university, "university")


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("SJTU, Tencent", "Shanghai Jiao Tong University"),
        ("Tencent, SJTU", "Tencent"),
        ("Tsinghua University | ByteDance", "Tsinghua University"),
        ("DataArt, CodeTubes, Plat.ai", "DataArt"),
        ("Norwegian University of Science and Technology and SINTEF", "Norwegian University of "
         "Science and Technology"),
    ],
)  # fmt: skip
def test_first_named_organization_wins(raw, name):
    company = normalize_company(raw)
    assert company is not None and company.name == name


def test_labelled_company_strings():
    """The 300 most frequent company strings of the real profiles, labelled by hand."""
    from pathlib import Path

    from ghtalent.people.accuracy import score_company_labels

    score = score_company_labels(Path(__file__).parent / "data" / "company_labels.csv")
    assert score.rows == 300
    assert score.precision >= 0.95, "\n".join(score.misses)


@pytest.mark.parametrize(
    ("raw", "name", "kind"),
    [
        ("CSE, HKUST", "The Hong Kong University of Science and Technology", "university"),
        ("Dept. of Computer Science, Stanford", "Stanford University", "university"),
        ("UNIP - Universidade Paulista", "Universidade Paulista", "university"),
        ("Founder of @acmeco", "Acmeco", "other"),
        ("Lead Mobile Engineer at @acmeco", "Acmeco", "other"),
        ("Software Engineer - Android @ Acme Widgets", "Acme Widgets", "other"),
        ("www.acmewidgets.co", "Acmewidgets", "other"),
        ("Université de Yaoundé I", "Université de Yaoundé I", "university"),
        ("Orange", "Orange", "other"),  # a town's name alone may be a company's
    ],
)
def test_known_names_and_handles_inside_longer_values(raw, name, kind):
    assert normalize_company(raw) == Company(name, kind)


@pytest.mark.parametrize(
    "raw", ["https://www.buymeacoffee.com/someone", "linkedin.com/in/someone", "hire me"]
)
def test_pages_on_platforms_name_no_employer(raw):
    assert normalize_company(raw) is None
