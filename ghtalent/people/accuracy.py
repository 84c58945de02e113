"""Precision of `normalize_company` on a labelled list of raw company strings.

A label file is a CSV with `company_raw` and `accept`: `|`-separated readings a reader would
accept, each `name:kind` or `none` (the string names no organization). An answer is right when
its kind matches and its name matches ignoring case, spaces, hyphens and dots; `None` is right
only where `none` is accepted.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from ghtalent.people._text import fold
from ghtalent.people.companies import normalize_company


def _key(name: str) -> str:
    return re.sub(r"[\s.\-]+", "", fold(name))


@dataclass
class CompanyScore:
    rows: int = 0
    answered: int = 0  # normalize_company returned an organization
    right: int = 0  # of the answered, accepted by the label
    none_right: int = 0  # None where the label accepts none
    organizations: int = 0  # rows whose label accepts some organization
    found: int = 0  # of those, answered with an accepted organization
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / self.answered if self.answered else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.organizations if self.organizations else 0.0


def _accepted(accept: str) -> tuple[set[tuple[str, str]], bool]:
    readings, none_ok = set(), False
    for option in accept.split("|"):
        option = option.strip()
        if option == "none":
            none_ok = True
        elif option:
            name, _, kind = option.rpartition(":")
            readings.add((_key(name), kind))
    return readings, none_ok


def score_company_labels(path: Path) -> CompanyScore:
    score = CompanyScore()
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            readings, none_ok = _accepted(row["accept"])
            got = normalize_company(row["company_raw"])
            score.rows += 1
            score.organizations += bool(readings)
            if got is None:
                if none_ok:
                    score.none_right += 1
                else:
                    score.misses.append(f"{row['company_raw']!r}: None, want {row['accept']}")
                continue
            score.answered += 1
            if (_key(got.name), got.kind) in readings:
                score.right += 1
                score.found += 1
            else:
                score.misses.append(
                    f"{row['company_raw']!r}: {got.name} ({got.kind}), want {row['accept']}"
                )
    return score
