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
