"""The shipped country gazetteer is what scripts/build_gazetteer.py makes from its sources."""

from __future__ import annotations

import gzip
import json
from importlib import resources

from ghtalent.people import countries


def _shipped() -> dict:
    path = resources.files("ghtalent.people").joinpath(countries.GAZETTEER_FILE)
    return json.loads(gzip.decompress(path.read_bytes()))


def test_shipped_gazetteer_matches_its_sources():
    shipped = _shipped()
    assert shipped["stamp"] == countries.sources_stamp(), (
        "ghtalent/people/data/gazetteer.json.gz is stale (library versions or overlay changed); "
        "run: .venv/bin/python scripts/build_gazetteer.py"
    )
    fresh = json.loads(json.dumps(countries.gazetteer_to_json(countries.build_gazetteer())))
    for name in fresh:
        assert shipped[name] == fresh[name], (
            f"gazetteer field {name!r} differs from a fresh build; "
            "run: .venv/bin/python scripts/build_gazetteer.py"
        )


def test_the_shipped_file_is_what_a_process_loads():
    countries._gazetteer.cache_clear()
    try:
        loaded = countries._load_shipped()
        assert loaded is not None
        assert countries._gazetteer() is not None
        assert countries.country_of("Curitiba - Paraná") == "BR"
    finally:
        countries._gazetteer.cache_clear()


def test_a_stale_file_is_not_used(monkeypatch):
    monkeypatch.setattr(countries, "GAZETTEER_FORMAT", countries.GAZETTEER_FORMAT + 1)
    assert countries._load_shipped() is None
