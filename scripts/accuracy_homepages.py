"""Precision / recall of the homepage extractor on the real labelled pages and on our own set.

Usage: .venv/bin/python scripts/accuracy_homepages.py
"""

from __future__ import annotations

import sys

from ghtalent.paths import REALDATA_DIR, REPO_ROOT
from ghtalent.web.accuracy import evaluate, format_report

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
    return 0


if __name__ == "__main__":
    sys.exit(main())
