"""Print the scout checks of one export folder: power-board inversions and top-10 spread,
hidden-gem authorship, lightning 0-day rows.

    .venv/bin/python scripts/board_checks.py data/exports/2026-12-01
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from ghtalent.scoring.checks import lightning_zero_days, power_inversions, top_spread


def main(folder: str) -> int:
    root = Path(folder)
    for path in sorted(root.glob("*__people_power.csv")):
        df = pd.read_csv(path)
        spread = top_spread(df)
        print(
            f"{path.stem:<40} inversions(top100)={power_inversions(df):>4}  "
            f"top10 spread={spread if spread is None else round(spread, 2)}"
        )
    for path in sorted(root.glob("*__hidden_gems.csv")):
        df = pd.read_csv(path).sort_values("rank")
        line = f"{path.stem:<40} rows={len(df)}"
        if "best_share" in df:
            top = df.head(50)
            owner = top["best_part"].astype(str).str.contains(": owner")
            led = top.loc[~owner, "best_share"]
            low = round(float(led.min()), 3) if len(led) else None
            line += f"  top50: owners={int(owner.sum())} min best share of non-owners={low}"
            line += f"  top50 min best share={round(float(top['best_share'].min()), 3)}"
        else:
            line += "  top50 min credited share: n/a (old columns)"
        if "twitter_followers" in df:
            line += f"  top100 with X count={int(df.head(100)['twitter_followers'].notna().sum())}"
        print(line)
    for path in sorted(root.glob("*__lightning.csv")):
        df = pd.read_csv(path)
        print(f"{path.stem:<40} rows={len(df)}  zero-day rows={lightning_zero_days(df)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "data/exports"))
