"""Precision / recall of the homepage extractor on the real labelled pages and on our own set,
and the share of the topics it gives on the real pages that a reader accepts.

Usage: .venv/bin/python scripts/accuracy_homepages.py
"""

from __future__ import annotations

import sys

from ghtalent.paths import REALDATA_DIR, REPO_ROOT
from ghtalent.web.accuracy import evaluate, format_report, format_topics, score_topics

# Topics the extractor gives on the 30 real pages, judged by a reader (yes/no).
TOPIC_JUDGEMENTS = REPO_ROOT / "ghtalent_tests" / "web" / "data" / "topic_labels.csv"
SETS = [
    (
        "real homepages",
        REALDATA_DIR / "homepages" / "pages",
        REALDATA_DIR / "homepages" / "labels.csv",
    ),
    (
        "hand-written pages",
        REPO_ROOT / "ghtalent_tests" / "web" / "pages",
        REPO_ROOT / "ghtalent_tests" / "web" / "pages" / "labels.csv",
    ),
]


def main() -> int:
    for name, pages, labels in SETS:
        if not labels.is_file():
            print(f"== {name}: skipped, {labels} not found")
            continue
        print(format_report(evaluate(pages, labels, name)))
        if name == "real homepages":
            print(format_topics(score_topics(pages, labels, TOPIC_JUDGEMENTS)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
