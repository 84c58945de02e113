"""How well the people normalizers read real GitHub profiles.

Runs ``country_of`` over ``realdata/profiles/users.csv`` and prints precision (share of answered rows that agree
with the listed country) and coverage (share of rows answered): overall, without the labels
the data's README names as polluted, and on rows whose location has non-ASCII text; then the
misses per country; then ``normalize_company`` on the 300 most frequent company strings of
``users.csv``, labelled by hand in ``ghtalent_tests/people/data/company_labels.csv``; and the
import and first-lookup time of a fresh process (the shipped gazetteer file).

Run: ``.venv/bin/python scripts/accuracy_profiles.py [--misses N]``.
Exits 2 when the real data is absent (set GHTALENT_REALDATA to its folder).
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from ghtalent.paths import REALDATA_DIR, REPO_ROOT
from ghtalent.people import country_of
from ghtalent.people.accuracy import score_company_labels

COMPANY_LABELS = REPO_ROOT / "ghtalent_tests" / "people" / "data" / "company_labels.csv"
_FIRST_LOOKUP = """
import resource, time
start = time.perf_counter()
from ghtalent.people import country_of
imported = time.perf_counter()
country_of("Berlin, Germany")
done = time.perf_counter()
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{imported - start:.2f} {done - imported:.2f} {rss:.0f}")
"""


def first_lookup() -> str:
    """Import and first `country_of` time, and peak memory, of a fresh Python process."""
    out = subprocess.run(
        [sys.executable, "-c", _FIRST_LOOKUP], capture_output=True, text=True, check=True
    ).stdout.split()
    return f"import {out[0]} s, first country_of {out[1]} s, peak RSS {out[2]} MB"


def company_report() -> None:
    score = score_company_labels(COMPANY_LABELS)
    print(
        f"\ncompany strings (the 300 most frequent of users.csv, labelled by hand): "
        f"precision {score.precision:.3f} ({score.right}/{score.answered} answered), "
        f"recall {score.recall:.3f} ({score.found}/{score.organizations} naming an "
        f"organization), None where the label allows it {score.none_right}"
    )
    print("target: precision >= 0.95")
    for miss in score.misses:
        print(f"  {miss}")


# Labels the README of realdata/profiles lists as polluted by same-named places (its bullet
# list, CL and DO included); BRIEF_POLLUTED is the shorter list the targets were set on.
POLLUTED = frozenset({"CG", "SV", "NI", "JM", "BO", "GE", "BH", "SD", "BY", "IE", "CL", "DO"})
BRIEF_POLLUTED = frozenset({"CG", "SV", "NI", "JM", "BO", "GE", "BH", "SD", "BY", "IE"})


def load_users(folder: Path) -> list[dict[str, str]]:
    with (folder / "users.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def load_companies(folder: Path) -> list[tuple[str, int]]:
    with (folder / "companies.csv").open(encoding="utf-8", newline="") as f:
        return [(r["company_raw"], int(r["count"])) for r in csv.DictReader(f)]


def score(rows: list[dict[str, str]]) -> tuple[float, float, int]:
    """(precision on answered rows, coverage, number of rows)."""
    answered = [r for r in rows if r["answer"] is not None]
    right = sum(r["answer"] == r["listed_country"] for r in answered)
    precision = right / len(answered) if answered else 0.0
    coverage = len(answered) / len(rows) if rows else 0.0
    return precision, coverage, len(rows)


def slices(rows: list[dict[str, str]]) -> dict[str, list[dict[str, str]]]:
    """The slices the targets are set on; "without polluted" drops the listed labels."""
    out: dict[str, list[dict[str, str]]] = {"overall": rows}
    for name, labels in (("10 labels", BRIEF_POLLUTED), ("12 labels", POLLUTED)):
        clean = [r for r in rows if r["listed_country"] not in labels]
        out[f"without polluted ({name})"] = clean
        out[f"non-ASCII, without polluted ({name})"] = [
            r for r in clean if not r["location"].isascii()
        ]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--misses", type=int, default=60, help="wrong answers to list")
    args = parser.parse_args(argv)

    folder = REALDATA_DIR / "profiles"
    if not (folder / "users.csv").is_file():
        print(
            f"real data not found: {folder / 'users.csv'} is missing; "
            "set GHTALENT_REALDATA to the realdata folder",
            file=sys.stderr,
        )
        return 2

    print(f"fresh process: {first_lookup()} (target: first lookup < 1 s)")
    users = load_users(folder)
    start = time.perf_counter()
    for r in users:
        r["answer"] = country_of(r["location"])
    elapsed = time.perf_counter() - start
    print(f"country_of over {len(users)} locations: {elapsed:.2f} s (gazetteer load included)\n")

    print(f"{'slice':44} {'rows':>5} {'precision':>9} {'coverage':>9}")
    for name, rows in slices(users).items():
        p, c, n = score(rows)
        print(f"{name:44} {n:5d} {p:9.3f} {c:9.3f}")
    print("targets: precision >= 0.975 and coverage >= 0.95 without polluted labels;")
    print("         precision >= 0.97 and coverage >= 0.93 on non-ASCII rows")

    clean = slices(users)["without polluted (10 labels)"]
    wrong = [r for r in clean if r["answer"] is not None and r["answer"] != r["listed_country"]]
    by_pair = Counter((r["listed_country"], r["answer"]) for r in wrong)
    print(f"\nwrong answers without polluted labels: {len(wrong)}")
    for (listed, answered), n in by_pair.most_common(15):
        print(f"  listed {listed} answered {answered}: {n}")
    for r in wrong[: args.misses]:
        print(f"  {r['listed_country']} -> {r['answer']}: {r['location']!r}")

    unanswered = defaultdict(list)
    for r in clean:
        if r["answer"] is None:
            unanswered[r["listed_country"]].append(r["location"])
    total = sum(len(v) for v in unanswered.values())
    print(f"\nunanswered without polluted labels: {total}; top countries:")
    for cc, locs in sorted(unanswered.items(), key=lambda kv: -len(kv[1]))[:15]:
        sample = "; ".join(repr(x) for x in locs[:4])
        print(f"  {cc} {len(locs):3d}  {sample}")
    if args.misses:
        for cc, locs in sorted(unanswered.items()):
            for loc in locs:
                print(f"    {cc}: {loc!r}")

    company_report()
    return 0


if __name__ == "__main__":
    sys.exit(main())
