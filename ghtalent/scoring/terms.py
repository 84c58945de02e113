"""The terms repositories use most (topics and descriptions), per group and period."""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable, Mapping
from functools import lru_cache

import numpy as np
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
    df = df.reset_index(drop=True)
    index = _TermIndex(df, repo_terms(df, cfg))
    table = index.rank(np.arange(len(df)), set(map(str.lower, exclude)), cfg.top_terms_count)
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
    df = dedupe_repos(repos).reset_index(drop=True)  # positions are the index
    members = groups_frame(repos_by_group)
    exclude = exclude or {}
    scopes = [("overall", df)] + [
        (g, df[df["full_name"].isin(m["full_name"])]) for g, m in members.groupby("group")
    ]
    # Every repo's terms, read once and counted for each selection by their positions in df.
    index = _TermIndex(df, repo_terms(df, cfg))
    parts = []
    for group, sub in scopes:
        drop = set(map(str.lower, exclude.get(group, ())))
        periods = sub["created_at"].dt.to_period(freq)
        selections = [("all", sub)] + [
            (str(p), sub[periods == p]) for p in sorted(periods.dropna().unique())
        ]
        for label, sel in selections:
            table = index.rank(sel.index.to_numpy(), drop, cfg.top_terms_count)
            table.insert(0, "period", label)
            table.insert(0, "group", group)
            parts.append(table)
    parts = [p for p in parts if not p.empty]
    if not parts:
        return pd.DataFrame(columns=TERM_COLUMNS)
    return pd.concat(parts, ignore_index=True)[TERM_COLUMNS]


class _TermIndex:
    """The (repository, term) pairs of a table of distinct repositories (numbered from 0), as
    codes: any selection of those repositories is ranked by counting, not by regrouping text."""

    COLUMNS = ["rank", "term", "n_repos", "share", "example_repos"]

    def __init__(self, df: pd.DataFrame, pairs: pd.DataFrame) -> None:
        position = pd.Series(np.arange(len(df)), index=df["full_name"].to_numpy())
        self.n_repos = len(df)
        self.repo = position.reindex(pairs["full_name"].to_numpy()).to_numpy()
        self.code, terms = pd.factorize(pairs["term"], sort=True)  # codes in term order
        self.terms = np.asarray(terms, dtype=object)
        stars = df["stars"].to_numpy(dtype=float)
        self.stars = stars[self.repo]
        self.full_name = pairs["full_name"].to_numpy(dtype=object)

    def rank(self, positions: np.ndarray, exclude: set[str], count: int) -> pd.DataFrame:
        """Terms by number of the selected repos using them (document frequency), then their
        stars, then alphabetically; the three most-starred repos of each as examples."""
        chosen = np.zeros(self.n_repos, dtype=bool)
        chosen[positions] = True
        keep = chosen[self.repo] & ~np.isin(self.terms, list(exclude))[self.code]
        if not keep.any():
            return pd.DataFrame(columns=self.COLUMNS)
        codes = self.code[keep]
        n = np.bincount(codes, minlength=len(self.terms))
        stars = np.bincount(codes, weights=self.stars[keep], minlength=len(self.terms))
        used = np.flatnonzero(n)  # in term order: ties of count and stars go alphabetically
        top = used[np.lexsort((used, -stars[used], -n[used]))][:count]
        # Examples only for the terms shown: their three most-starred repos.
        shown = keep & np.isin(self.code, top)
        examples = pd.DataFrame(
            {
                "term": self.terms[self.code[shown]],
                "stars": self.stars[shown],
                "full_name": self.full_name[shown],
            }
        ).sort_values(["term", "stars", "full_name"], ascending=[True, False, True])
        joined = examples.groupby("term").head(3).groupby("term")["full_name"].agg(", ".join)
        table = pd.DataFrame({"term": self.terms[top], "n_repos": n[top].astype("int64")})
        table["example_repos"] = table["term"].map(joined)
        table["share"] = table["n_repos"] / len(positions)
        table["rank"] = range(1, len(table) + 1)
        return table[self.COLUMNS]
