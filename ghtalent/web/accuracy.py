"""Precision and recall of `extract_homepage` on a labelled set of saved homepages.

A labelled set is a folder of HTML files plus a CSV with at least `file`, `university`,
`company`, `twitter_handle` (empty = the page names none) and optionally `base_url`.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from ghtalent.web.extract import extract_homepage

FIELDS = ("university", "company", "twitter_handle")


def _norm(value: str | None) -> str:
    return re.sub(r"\s+", " ", (value or "").strip().lstrip("@")).casefold()


@dataclass
class FieldScore:
    """Counts for one field: a prediction is right only when it equals the label exactly."""

    name: str
    labelled: int = 0  # pages whose label is non-empty
    predicted: int = 0  # pages where the extractor said something
    correct: int = 0
    misses: list[str] = field(default_factory=list)  # "file: expected X, got Y"

    @property
    def precision(self) -> float | None:
        return self.correct / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.correct / self.labelled if self.labelled else None


@dataclass
class Report:
    name: str
    size: int
    scores: dict[str, FieldScore]


def evaluate(pages_dir: Path, labels_csv: Path, name: str = "") -> Report:
    """Run the extractor over every labelled page and score university, company and handle."""
    scores = {f: FieldScore(f) for f in FIELDS}
    with open(labels_csv, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        html = (pages_dir / row["file"]).read_text(encoding="utf-8", errors="replace")
        base_url = row.get("base_url") or f"https://{Path(row['file']).stem}.github.io/"
        facts = extract_homepage(html, base_url)
        for f in FIELDS:
            expected, got = _norm(row.get(f)), _norm(getattr(facts, f))
            score = scores[f]
            score.labelled += bool(expected)
            score.predicted += bool(got)
            score.correct += bool(got) and got == expected
            if got != expected:
                score.misses.append(
                    f"{row['file']}: expected {row.get(f) or '—'!r}, got {getattr(facts, f)!r}"
                )
    return Report(name or str(pages_dir), len(rows), scores)


def format_report(report: Report) -> str:
    def pct(value: float | None) -> str:
        return "  n/a" if value is None else f"{value:5.2f}"

    lines = [f"== {report.name}: {report.size} pages"]
    for score in report.scores.values():
        lines.append(
            f"  {score.name:<15} precision {pct(score.precision)} "
            f"({score.correct}/{score.predicted})  recall {pct(score.recall)} "
            f"({score.correct}/{score.labelled})"
        )
    for score in report.scores.values():
        for miss in score.misses:
            lines.append(f"    miss [{score.name}] {miss}")
    return "\n".join(lines)


@dataclass
class TopicScore:
    """Topics the extractor gives on a labelled set, judged by a reader (`accept` yes/no)."""

    produced: int = 0
    accepted: int = 0
    unlabelled: list[str] = field(default_factory=list)  # "file: topic" with no judgement yet
    rejected: list[str] = field(default_factory=list)
    pages_with_topics: int = 0
    pages: int = 0

    @property
    def acceptable(self) -> float | None:
        judged = self.produced - len(self.unlabelled)
        return self.accepted / judged if judged else None


def score_topics(pages_dir: Path, labels_csv: Path, judgements_csv: Path) -> TopicScore:
    """Run the extractor over the labelled pages and judge each topic it gives against a CSV
    of `file,topic,accept` written by a reader (topics not in it are listed as unlabelled)."""
    with open(judgements_csv, encoding="utf-8", newline="") as handle:
        judged = {(r["file"], r["topic"]): r["accept"] == "yes" for r in csv.DictReader(handle)}
    with open(labels_csv, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    score = TopicScore(pages=len(rows))
    for row in rows:
        html = (pages_dir / row["file"]).read_text(encoding="utf-8", errors="replace")
        base_url = row.get("base_url") or f"https://{Path(row['file']).stem}.github.io/"
        topics = extract_homepage(html, base_url).topics
        score.pages_with_topics += bool(topics)
        for topic in topics:
            score.produced += 1
            verdict = judged.get((row["file"], topic))
            if verdict is None:
                score.unlabelled.append(f"{row['file']}: {topic}")
            elif verdict:
                score.accepted += 1
            else:
                score.rejected.append(f"{row['file']}: {topic}")
    return score


def format_topics(score: TopicScore) -> str:
    share = "n/a" if score.acceptable is None else f"{score.acceptable:.2f}"
    lines = [
        f"  topics          acceptable {share} ({score.accepted}/"
        f"{score.produced - len(score.unlabelled)} judged), {len(score.unlabelled)} unlabelled, "
        f"pages with topics {score.pages_with_topics}/{score.pages}"
    ]
    lines += [f"    rejected [topics] {item}" for item in score.rejected]
    lines += [f"    unlabelled [topics] {item}" for item in score.unlabelled]
    return "\n".join(lines)
