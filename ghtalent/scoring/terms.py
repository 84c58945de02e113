"""The terms repositories use most (topics and descriptions), per group and period."""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable, Mapping
from functools import lru_cache

import pandas as pd

from ghtalent.scoring.config import PACKAGE_DIR, ScoringConfig
from ghtalent.scoring.cycles import groups_frame
from ghtalent.scoring.frames import dedupe_repos

TERM_COLUMNS = ["group", "period", "rank", "term", "n_repos", "share", "example_repos"]
# Words of any script, lower-cased; inner - + # . allowed ("gpt-4", "c++", "llama.cpp",
# "text-to-image"). Han runs inside a word are cut out and segmented into words by jieba
# ("基于大语言模型的" → 基于, 大语言模型, 的); kana, Hangul, Cyrillic… words stay whole.
_TOKEN = re.compile(r"[^\W_][\w+#.\-]*[\w+#]|[^\W_]")
_HAN_RUN = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)")
# Domain words jieba would split ("大语言模型", "文生图"), one a line: word [frequency].
HAN_WORDS_FILE = PACKAGE_DIR / "han_words.txt"


@lru_cache(maxsize=1)
def _han_segmenter():
    """A private jieba tokenizer with the domain words; built on first use (about half a second)."""
    jieba = _import_jieba()

    jieba.setLogLevel(logging.WARNING)
    segmenter = jieba.Tokenizer()
    with HAN_WORDS_FILE.open("rb") as f:
        segmenter.load_userdict(f)
    return segmenter


def _import_jieba():
    """jieba without pkg_resources: jieba reads its bundled files through pkg_resources when it
    can (slow to import, deprecated) and by path when it cannot; the path is the same files."""
    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba

        return jieba
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # import fails at once
    try:
        import jieba
    finally:
        del sys.modules["pkg_resources"]
    return jieba


def _words(text: str) -> list[tuple[str, bool]]:
    """(word, is_han) in reading order."""
    out: list[tuple[str, bool]] = []
    for tok in _TOKEN.findall(text.lower()):
        if not _HAN_RUN.search(tok):
            out.append((tok, False))
            continue
        for i, piece in enumerate(_HAN_RUN.split(tok)):
            if i % 2:  # a Han run
                out.extend((w, True) for w in _han_segmenter().lcut(piece, HMM=False))
            elif piece.strip(".-"):
                out.append((piece.strip(".-"), False))
    return out


def description_terms(text: str | None, cfg: ScoringConfig) -> set[str]:
    """Words and adjacent-word bigrams of a description, without stopwords or numbers.

    Bigrams join two adjacent non-Han words ("language models"); Han words are already
    phrases as jieba cuts them.
    """
    if not isinstance(text, str):
        return set()
    terms: set[str] = set()
    prev: str | None = None
    for tok, is_han in _words(text):
        keep = (
            tok not in cfg.stopwords
            and len(tok) >= cfg.min_token_length
            and any(c.isalpha() for c in tok)
        )
        if not keep:
            prev = None  # a stopword breaks a bigram: no "model images" from "model for images"
            continue
        terms.add(tok)
        if cfg.bigrams and prev is not None and not is_han:
            terms.add(f"{prev} {tok}")
        prev = None if is_han else tok
    return terms


def repo_terms(repos: pd.DataFrame | None, cfg: ScoringConfig) -> pd.DataFrame:
    """(full_name, term): each distinct term a repo uses, from its topics and description."""
    df = dedupe_repos(repos)
    rows = []
    for r in df.itertuples(index=False):
        terms = description_terms(r.description, cfg)
        if isinstance(r.topics, str):
            terms |= {t.strip().lower() for t in r.topics.split(",") if t.strip()}
        rows.extend((r.full_name, t) for t in terms)
    return pd.DataFrame(rows, columns=["full_name", "term"])


def top_terms(
    repos: pd.DataFrame | None,
    cfg: ScoringConfig,
    group: str | None = None,
    period: str | None = None,
    repos_by_group: pd.DataFrame | Mapping[str, Iterable[str]] | None = None,
    exclude: Iterable[str] = (),
) -> pd.DataFrame:
    """Most used terms among repos of `group` created in `period` ("2023", "2023Q1", "2023-05")."""
    df = dedupe_repos(repos)
    if group is not None:
        members = groups_frame(repos_by_group)
        df = df[df["full_name"].isin(members.loc[members["group"] == group, "full_name"])]
    if period is not None:
        p = pd.Period(period)
        created = df["created_at"].dt.to_period(p.freqstr)
        df = df[created == p]
    table = _rank_terms(df, cfg, set(map(str.lower, exclude)))
    table.insert(0, "period", period or "all")
    table.insert(0, "group", group or "overall")
    return table[TERM_COLUMNS]


def terms_by_group_period(
    repos: pd.DataFrame | None,
    repos_by_group: pd.DataFrame | Mapping[str, Iterable[str]] | None,
    cfg: ScoringConfig,
    freq: str = "Y",
    exclude: Mapping[str, Iterable[str]] | None = None,
) -> pd.DataFrame:
    """top_terms for overall and every group, all time and per creation period (`freq`)."""
    df = dedupe_repos(repos)
    members = groups_frame(repos_by_group)
    exclude = exclude or {}
    scopes = [("overall", df)] + [
        (g, df[df["full_name"].isin(m["full_name"])]) for g, m in members.groupby("group")
    ]
    pairs = repo_terms(df, cfg)  # every repo's terms, read once for all selections
    parts = []
    for group, sub in scopes:
        drop = set(map(str.lower, exclude.get(group, ())))
        periods = sub["created_at"].dt.to_period(freq)
        selections = [("all", sub)] + [
            (str(p), sub[periods == p]) for p in sorted(periods.dropna().unique())
        ]
        for label, sel in selections:
            table = _rank_terms(sel, cfg, drop, pairs)
            table.insert(0, "period", label)
            table.insert(0, "group", group)
            parts.append(table)
    parts = [p for p in parts if not p.empty]
    if not parts:
        return pd.DataFrame(columns=TERM_COLUMNS)
    return pd.concat(parts, ignore_index=True)[TERM_COLUMNS]


def _rank_terms(
    df: pd.DataFrame, cfg: ScoringConfig, exclude: set[str], pairs: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Terms by number of repos using them (document frequency), the most-starred as examples.

    `pairs` (repo_terms of a superset of `df`) saves re-reading the descriptions."""
    cols = ["rank", "term", "n_repos", "share", "example_repos"]
    if pairs is None:
        pairs = repo_terms(df, cfg)
    else:
        pairs = pairs[pairs["full_name"].isin(set(df["full_name"]))]
    pairs = pairs[~pairs["term"].isin(exclude)]
    if pairs.empty:
        return pd.DataFrame(columns=cols)
    pairs = pairs.merge(df[["full_name", "stars"]], on="full_name")
    grouped = pairs.groupby("term")
    table = pd.DataFrame(
        {"n_repos": grouped["full_name"].nunique(), "stars": grouped["stars"].sum()}
    ).reset_index()
    table = table.sort_values(["n_repos", "stars", "term"], ascending=[False, False, True])
    table = table.head(cfg.top_terms_count)
    # Examples only for the terms shown: their three most-starred repos.
    shown = pairs[pairs["term"].isin(set(table["term"]))]
    shown = shown.sort_values(["term", "stars", "full_name"], ascending=[True, False, True])
    examples = shown.groupby("term").head(3).groupby("term")["full_name"].agg(", ".join)
    table["example_repos"] = table["term"].map(examples)
    table["share"] = table["n_repos"] / df["full_name"].nunique()
    table["rank"] = range(1, len(table) + 1)
    return table[cols].reset_index(drop=True)
